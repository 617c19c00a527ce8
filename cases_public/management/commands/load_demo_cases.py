"""Synthetic published cases in bulk, for benchmarks and demos.

They bypass the ingest service and the anonymiser (nothing personal is generated), are marked
`is_synthetic=True`, carry references `HJXF-SYN-00000001` (never issued by the real counter,
which gives `HJXF-<year>-<serial>`) and texts starting with 【合成数据】.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from cases_public import aggregates
from cases_public.models import CATEGORY_FIELDS, CompletionReport
from cases_public.regions import PROVINCES, SAMPLE_DISTRICTS, province_of

PREFIX = "HJXF-SYN-"
CHUNK = 5000
BULK_INDEX_THRESHOLD = 100_000
CHANNELS = {
    "hotline_12369": 40,
    "wechat": 18,
    "online": 14,
    "hotline_12345": 10,
    "letter": 5,
    "visit": 3,
    "email": 2,
    "weibo": 2,
    "superior_transfer": 3,
    "inspection_transfer": 2,
    "leader_instruction": 1,
    "other": 0.5,
}
CATEGORY_RATES = {
    "air": 0.45,
    "noise": 0.35,
    "water": 0.2,
    "solid_waste": 0.1,
    "soil": 0.03,
    "ecology": 0.04,
    "radiation": 0.01,
    "other": 0.05,
}
FINDINGS = {"substantiated": 45, "partly_substantiated": 25, "unsubstantiated": 30}
SATISFACTION = {"satisfied": 60, "basically_satisfied": 20, "dissatisfied": 8, "not_evaluated": 12}
PROBLEMS = {
    "air": "生产过程中排放刺鼻异味废气",
    "noise": "夜间施工噪声扰民",
    "water": "向河道排放不明废水",
    "solid_waste": "工业固体废物露天堆放",
    "soil": "厂区土壤疑似受污染",
    "ecology": "擅自占用林地开挖",
    "radiation": "通信基站电磁辐射担忧",
    "other": "其他环境问题",
}
SUBJECTS = ["建材有限公司", "化工有限公司", "餐饮店", "建筑工地", "养殖场", "金属制品厂", "物流园", "砂石场"]


def _weighted(rng: random.Random, table: dict) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


class Command(BaseCommand):
    help = "Create N synthetic published cases (is_synthetic=True) in bulk, or delete them."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--years", type=int, default=3, help="spread closing dates over the last N years")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--delete", action="store_true", help="delete every synthetic case instead")
        parser.add_argument("--no-statistics", action="store_true", help="do not rebuild statistics")
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help=f"do not drop and rebuild the table's secondary indexes around a load of {BULK_INDEX_THRESHOLD}+ rows",
        )

    def handle(self, *args, count, years, seed, delete, no_statistics, keep_indexes, **options):
        started = time.monotonic()
        if delete:
            removed = self._delete()
            self.stdout.write(f"deleted {removed} synthetic cases")
        else:
            indexes = [] if keep_indexes or count < BULK_INDEX_THRESHOLD else _secondary_indexes()
            if indexes:
                self.stdout.write(
                    f"dropping {len(indexes)} secondary indexes for the load; they are rebuilt after"
                )
                _drop(indexes)
            try:
                self._create(count, years, seed)
            finally:
                if indexes:
                    t0 = time.monotonic()
                    _recreate(indexes)
                    self.stdout.write(f"indexes rebuilt in {time.monotonic() - t0:.1f} s")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the partial indexes
            self.stdout.write(f"created {count} synthetic cases in {time.monotonic() - started:.1f} s")
        if not no_statistics:
            t0 = time.monotonic()
            aggregates.rebuild_all()
            self.stdout.write(f"statistics rebuilt in {time.monotonic() - t0:.1f} s")

    def _delete(self) -> int:
        removed = 0
        queryset = CompletionReport.objects.filter(is_synthetic=True)
        while True:
            ids = list(queryset.values_list("id", flat=True)[:CHUNK])
            if not ids:
                return removed
            with transaction.atomic():
                # Synthetic cases have no revisions, workflow states or ingest records.
                chunk = CompletionReport.objects.filter(id__in=ids)
                removed += chunk._raw_delete(chunk.db)

    def _create(self, count: int, years: int, seed: int) -> None:
        rng = random.Random(seed)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MB for this connection
        last = (
            CompletionReport.objects.filter(reference__startswith=PREFIX)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        serial = int(last[len(PREFIX) :]) if last else 0
        now = timezone.now()
        span = timedelta(days=365 * years).total_seconds()
        # Zipf-like weights: a few districts have most cases, as in real data.
        district_weights = [1 / (rank + 1) for rank in range(len(SAMPLE_DISTRICTS))]
        # Closing moments in ascending order, so ids grow with closed_at as in production.
        offsets = sorted(rng.random() * span for _ in range(count))
        insert = _RowInserter()
        done = 0
        while done < count:
            batch = []
            for offset in offsets[done : done + CHUNK]:
                serial += 1
                batch.append(
                    self._case(rng, serial, now - timedelta(seconds=span - offset), district_weights)
                )
            with transaction.atomic():
                insert(batch)
            done += len(batch)
            if done % 100_000 < CHUNK:
                self.stdout.write(f"  {done} / {count}")

    def _case(self, rng: random.Random, serial: int, closed_at, district_weights) -> dict:
        code, city, district = rng.choices(SAMPLE_DISTRICTS, weights=district_weights)[0]
        province = PROVINCES[province_of(code)]
        region_name = (city if province == city else province + city) + district
        days = min(int(rng.expovariate(1 / 20)) + 1, 89)
        received_at = closed_at - timedelta(days=days, hours=rng.random() * 8)
        categories = [code_ for code_, share in CATEGORY_RATES.items() if rng.random() < share] or ["other"]
        finding = _weighted(rng, FINDINGS)
        penalty = finding != "unsubstantiated" and rng.random() < 0.25
        subject = f"{district}某{rng.choice(SUBJECTS)}"
        problem = "，".join(PROBLEMS[c] for c in categories)
        report = {
            "reference": f"{PREFIX}{serial:08d}",
            "received_by_portal_at": closed_at,
            "updated_by_sender_at": closed_at,
            "channel": _weighted(rng, CHANNELS),
            "received_at": received_at,
            "accepted_at": received_at + timedelta(days=1),
            "closed_at": closed_at,
            "region_code": code,
            "province_code": code[:2] + "0000",
            "city_code": code[:4] + "00",
            "region_name": region_name,
            "priority": "key" if rng.random() < 0.1 else "general",
            "subject_name": subject,
            "summary": f"【合成数据】群众反映{subject}{problem}。",
            "investigation": f"【合成数据】经现场核查，{subject}{'存在所反映问题' if finding != 'unsubstantiated' else '未发现所反映问题'}。",
            "finding": finding,
            "handling": "【合成数据】已责令整改，复查完成。"
            if finding != "unsubstantiated"
            else "【合成数据】已向信访人说明情况。",
            "penalty_case_filed": penalty,
            "penalty_fine_yuan": Decimal(rng.randrange(1, 50) * 10000) if penalty else None,
            "satisfaction": _weighted(rng, SATISFACTION),
            "disclose": True,
            "is_synthetic": True,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": closed_at,
            "last_published_at": closed_at,
        }
        for category in categories:
            report[CATEGORY_FIELDS[category]] = True
        return report


def _secondary_indexes() -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the report table's non-unique indexes, read back from
    the database itself so they are rebuilt exactly as the migrations made them."""
    table = CompletionReport._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        else:
            return []
        return [(name, sql) for name, sql in cursor.fetchall() if "UNIQUE" not in sql.upper()]


def _drop(indexes) -> None:
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def _recreate(indexes) -> None:
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)


class _RowInserter:
    """`executemany` of plain tuples: the ORM's per-value preparation in bulk_create costs more
    than the database itself at a million rows. Values are adapted the way Django's backends
    adapt them; every other column takes its model default."""

    def __init__(self):
        meta = CompletionReport._meta
        self.fields = [f for f in meta.concrete_fields if not f.primary_key]
        ops = connection.ops
        self.adapt = {}
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "DateTimeField":
                self.adapt[field.attname] = ops.adapt_datetimefield_value
            elif kind == "DecimalField":
                self.adapt[field.attname] = lambda v, f=field: ops.adapt_decimalfield_value(
                    v, f.max_digits, f.decimal_places
                )
        self.defaults = {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in self.fields}
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = (
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"
        )

    def __call__(self, rows: list[dict]) -> None:
        names = [f.attname for f in self.fields]
        adapt, defaults = self.adapt, self.defaults
        params = []
        for row in rows:
            values = []
            for name in names:
                if name in row:
                    value = row[name]
                    if name in adapt and value is not None:
                        value = adapt[name](value)
                else:
                    value = defaults[name]
                values.append(value)
            params.append(values)
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, params)
