"""Reading and writing the precomputed statistics (CaseStatBucket).

`refresh_months` recounts a few months from `counted()` (what the task does after a case is
stored, retracted or (un)published); `rebuild_all` recounts everything in one pass. Both then
refresh the all-time rows, which are sums over the monthly rows (a query on the small table).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from cases_public.models import CATEGORY_FIELDS, CaseStatBucket, CompletionReport
from cases_public.stats import ALL_TIME, CaseRow, add_months, bucket_counts

_ROW_FIELDS = ["received_at", "closed_at", "channel", "region_code", "region_name", "finding"]
_CATEGORY_COLUMNS = list(CATEGORY_FIELDS.items())


def _rows(queryset) -> Iterator[CaseRow]:
    for values in queryset.values_list(*_ROW_FIELDS, *CATEGORY_FIELDS.values()).iterator(chunk_size=5000):
        flags = values[len(_ROW_FIELDS) :]
        yield CaseRow(
            received_at=values[0],
            closed_at=values[1],
            channel=values[2],
            region_code=values[3],
            region_name=values[4],
            finding=values[5],
            categories=tuple(code for (code, _), flag in zip(_CATEGORY_COLUMNS, flags, strict=True) if flag),
        )


def _month_start(month: date) -> datetime:
    return timezone.make_aware(datetime.combine(month, time.min), timezone.get_default_timezone())


def _month_range_q(field: str, month: date) -> Q:
    return Q(**{f"{field}__gte": _month_start(month), f"{field}__lt": _month_start(add_months(month, 1))})


def months_of(*moments: datetime | None) -> set[date]:
    return {timezone.localtime(m).date().replace(day=1) for m in moments if m is not None}


def _store(counts, labels, months: Iterable[date] | None) -> None:
    buckets = CaseStatBucket.objects.exclude(month=ALL_TIME)
    if months is not None:
        buckets = buckets.filter(month__in=list(months))
    buckets.delete()
    CaseStatBucket.objects.bulk_create(
        [
            CaseStatBucket(
                month=month,
                basis=basis,
                dimension=dimension,
                key=key,
                label=labels.get(key, "") if dimension == "region" else "",
                count=count,
            )
            for (month, basis, dimension, key), count in counts.items()
        ],
        batch_size=2000,
    )
    _refresh_all_time()


def _refresh_all_time() -> None:
    CaseStatBucket.objects.filter(month=ALL_TIME).delete()
    sums = (
        CaseStatBucket.objects.exclude(month=ALL_TIME)
        .values("basis", "dimension", "key")
        .annotate(total=Sum("count"))
        .order_by()
    )
    labels = dict(
        CaseStatBucket.objects.filter(dimension="region")
        .exclude(label="")
        .values_list("key", "label")
        .distinct()
    )
    CaseStatBucket.objects.bulk_create(
        [
            CaseStatBucket(
                month=ALL_TIME,
                basis=row["basis"],
                dimension=row["dimension"],
                key=row["key"],
                label=labels.get(row["key"], "") if row["dimension"] == "region" else "",
                count=row["total"],
            )
            for row in sums
        ],
        batch_size=2000,
    )


def refresh_months(months: Iterable[date]) -> None:
    """Recount the given months (each on both bases) from the counted cases."""
    months = set(months)
    if not months:
        return
    condition = Q()
    for month in months:
        condition |= _month_range_q("received_at", month) | _month_range_q("closed_at", month)
    with transaction.atomic():
        counts, labels = bucket_counts(_rows(CompletionReport.objects.counted().filter(condition)), months)
        _store(counts, labels, months)


def rebuild_all() -> int:
    """Recount every month; returns the number of bucket rows written (monthly ones)."""
    with transaction.atomic():
        counts, labels = bucket_counts(_rows(CompletionReport.objects.counted().order_by()))
        _store(counts, labels, None)
    return len(counts)


def window_buckets(today: date):
    """What the statistics page needs, in one query: the all-time totals, every monthly row of
    the last 12 months, and the totals and findings of the 12 months before (year-on-year)."""
    shown = add_months(today.replace(day=1), -11)
    compared = add_months(shown, -12)
    return list(
        CaseStatBucket.objects.filter(
            Q(month=ALL_TIME, dimension="total")
            | Q(month__gte=shown)
            | Q(month__gte=compared, dimension__in=["total", "finding"])
        )
        .values_list("month", "basis", "dimension", "key", "label", "count")
        .order_by()
    )


def known_regions() -> list[tuple[str, str]]:
    """(code, name) of every district with a counted case, from the all-time rows."""
    return list(
        CaseStatBucket.objects.filter(month=ALL_TIME, basis="received", dimension="region")
        .values_list("key", "label")
        .order_by("key")
    )
