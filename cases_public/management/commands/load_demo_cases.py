"""Synthetic published cases in bulk, for benchmarks and demos.

They bypass the ingest service and the anonymiser (nothing personal is generated), are marked
`is_synthetic=True`, carry references `HJXF-SYN-00000001` (never issued by the real counter,
which gives `HJXF-<year>-<serial>`) and texts starting with 【合成数据】.

Rows are generated as tuples of database values and written by `bulkload.RowWriter`
(executemany on SQLite, COPY on PostgreSQL): no model instances and so no signals; the
statistics are rebuilt once at the end.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from collections.abc import Iterator
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from cases_public import aggregates
from cases_public.bulkload import RowWriter, load_session
from cases_public.models import CATEGORY_FIELDS, CompletionReport
from cases_public.regions import PROVINCES, SAMPLE_DISTRICTS, province_of

PREFIX = "HJXF-SYN-"
CHUNK = 20_000  # rows per transaction
DELETE_CHUNK = 5000  # ids per DELETE ... IN (...), well below SQLite's parameter limit
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


# The columns synthetic_rows() fills, in its tuple order; the rest take the model defaults.
COLUMNS = [
    "reference",
    "received_by_portal_at",
    "updated_by_sender_at",
    "channel",
    "received_at",
    "accepted_at",
    "closed_at",
    "region_code",
    "province_code",
    "city_code",
    "region_name",
    *CATEGORY_FIELDS.values(),
    "priority",
    "subject_name",
    "summary",
    "investigation",
    "finding",
    "handling",
    "penalty_case_filed",
    "penalty_fine_yuan",
    "satisfaction",
    "disclose",
    "is_synthetic",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
]
ONE_DAY = timedelta(days=1)


def _picker(rng: random.Random, table: dict):
    """Weighted choice with the cumulative weights computed once (random.choices with weights
    recomputes them on every call)."""
    keys = list(table)
    cumulative = list(itertools.accumulate(table.values()))
    total, last, draw = cumulative[-1], len(keys) - 1, rng.random
    return lambda: keys[bisect.bisect(cumulative, draw() * total, 0, last)]


def synthetic_rows(
    count: int, years: int, seed: int, serial: int, datetime_suffix: str = ""
) -> Iterator[tuple]:
    """`count` rows as tuples of database values in COLUMNS order, datetimes as naive UTC text
    plus `datetime_suffix` (see bulkload.RowWriter). Closing moments ascend, so ids grow with
    closed_at as in production."""
    rng = random.Random(seed)
    draw = rng.random
    now = timezone.now().astimezone(dt.UTC).replace(tzinfo=None)
    span = timedelta(days=365 * years).total_seconds()
    districts = []
    for code, city, district in SAMPLE_DISTRICTS:
        province = PROVINCES[province_of(code)]
        region_name = (city if province == city else province + city) + district
        districts.append((code, code[:2] + "0000", code[:4] + "00", region_name, district))
    # Zipf-like weights: a few districts have most cases, as in real data.
    pick_district = _picker(rng, {index: 1 / (index + 1) for index in range(len(districts))})
    pick_channel, pick_finding = _picker(rng, CHANNELS), _picker(rng, FINDINGS)
    pick_satisfaction = _picker(rng, SATISFACTION)
    rates = list(CATEGORY_RATES.items())
    codes = list(CATEGORY_FIELDS)
    offsets = sorted(draw() * span for _ in range(count))
    for offset in offsets:
        serial += 1
        code, province_code, city_code, region_name, district = districts[pick_district()]
        closed = now - timedelta(seconds=span - offset)
        days = min(int(rng.expovariate(1 / 20)) + 1, 89)
        received = closed - timedelta(days=days, hours=draw() * 8)
        categories = [category for category, share in rates if draw() < share] or ["other"]
        finding = pick_finding()
        penalty = finding != "unsubstantiated" and draw() < 0.25
        subject = f"{district}某{rng.choice(SUBJECTS)}"
        problem = "，".join([PROBLEMS[c] for c in categories])
        closed_text = str(closed) + datetime_suffix
        received_text = str(received) + datetime_suffix
        yield (
            f"{PREFIX}{serial:08d}",
            closed_text,
            closed_text,
            pick_channel(),
            received_text,
            str(received + ONE_DAY) + datetime_suffix,
            closed_text,
            code,
            province_code,
            city_code,
            region_name,
            *[c in categories for c in codes],
            "key" if draw() < 0.1 else "general",
            subject,
            f"【合成数据】群众反映{subject}{problem}。",
            f"【合成数据】经现场核查，{subject}{'存在所反映问题' if finding != 'unsubstantiated' else '未发现所反映问题'}。",
            finding,
            "【合成数据】已责令整改，复查完成。"
            if finding != "unsubstantiated"
            else "【合成数据】已向信访人说明情况。",
            penalty,
            rng.randrange(1, 50) * 10000 if penalty else None,
            pick_satisfaction(),
            True,  # disclose
            True,  # is_synthetic
            True,  # live
            False,  # has_unpublished_changes
            closed_text,
            closed_text,
        )


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
            with load_session():
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
            t0 = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the partial indexes
            self.stdout.write(f"ANALYZE in {time.monotonic() - t0:.1f} s")
            self.stdout.write(f"created {count} synthetic cases in {time.monotonic() - started:.1f} s")
        if not no_statistics:
            t0 = time.monotonic()
            aggregates.rebuild_all()
            self.stdout.write(f"statistics rebuilt in {time.monotonic() - t0:.1f} s")

    def _delete(self) -> int:
        removed = 0
        queryset = CompletionReport.objects.filter(is_synthetic=True)
        while True:
            ids = list(queryset.values_list("id", flat=True)[:DELETE_CHUNK])
            if not ids:
                return removed
            with transaction.atomic():
                # Synthetic cases have no revisions, workflow states or ingest records.
                chunk = CompletionReport.objects.filter(id__in=ids)
                removed += chunk._raw_delete(chunk.db)

    def _create(self, count: int, years: int, seed: int) -> None:
        last = (
            CompletionReport.objects.filter(reference__startswith=PREFIX)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        serial = int(last[len(PREFIX) :]) if last else 0
        writer = RowWriter(COLUMNS)
        rows = synthetic_rows(count, years, seed, serial, writer.datetime_suffix)
        done = 0
        t0 = time.monotonic()
        while batch := list(itertools.islice(rows, CHUNK)):
            writer.write(batch)
            done += len(batch)
            if done % 100_000 < CHUNK:
                self.stdout.write(f"  {done} / {count} rows written ({time.monotonic() - t0:.1f} s)")


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
