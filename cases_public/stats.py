"""Statistics as pure functions: case rows -> bucket counts, bucket counts -> page data.

No database access here: `cases_public.aggregates` feeds rows in and stores buckets, the view
reads buckets and hands them to `build_statistics`. Every case the portal accepted and that
was not retracted is counted (also drafts, withheld and `disclose=false` cases: counts only).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from cases_public.choices import Category, Channel, Finding
from cases_public.regions import PROVINCES, province_of
from cases_public.workdays import Step, deadline

ALL_TIME = date(1970, 1, 1)  # the `month` of the all-time rows
DEADLINE_DAYS = 60
SUBSTANTIATED = (Finding.SUBSTANTIATED.value, Finding.PARTLY_SUBSTANTIATED.value)


# --- the 60-day rule -------------------------------------------------------------------------


def calendar_days_to_close(received_at: datetime, closed_at: datetime) -> int:
    """Calendar days between the local (Asia/Shanghai) dates of registration and closing."""
    return (timezone.localtime(closed_at).date() - timezone.localtime(received_at).date()).days


def closed_within_deadline(received_day: date, closed_day: date) -> bool:
    """办结 within the 60 日 of the 信访工作条例, counted as the case page counts it
    (cases_public.workdays: a period ending on a statutory holiday runs to the next working day).
    Pure: it uses the holiday library's years; editor-entered years count as estimates there.
    The statistics store the answer per case, so changing this needs `rebuild_statistics`."""
    return closed_day <= deadline(Step.COMPLETION, received_day).date


# --- rows -> buckets -------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    """The fields statistics need from one counted case."""

    received_at: datetime
    closed_at: datetime
    channel: str
    region_code: str
    region_name: str
    finding: str
    categories: tuple[str, ...]


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


BucketKey = tuple[date, str, str, str]  # (month, basis, dimension, key)


def bucket_counts(
    rows: Iterable[CaseRow], months: set[date] | None = None
) -> tuple[Counter[BucketKey], dict[str, str]]:
    """Count rows into monthly buckets; only months in `months` when given. Also returns the
    region labels (code -> name) seen."""
    counts: Counter[BucketKey] = Counter()
    labels: dict[str, str] = {}
    tz = timezone.get_default_timezone()  # resolved once: per-row lookups dominated a rebuild
    for row in rows:
        received_day = row.received_at.astimezone(tz).date()
        closed_day = row.closed_at.astimezone(tz).date()
        received = received_day.replace(day=1)
        if months is None or received in months:
            counts[(received, "received", "total", "")] += 1
            counts[(received, "received", "channel", row.channel)] += 1
            counts[(received, "received", "region", row.region_code)] += 1
            for code in row.categories:
                counts[(received, "received", "category", code)] += 1
            labels.setdefault(row.region_code, row.region_name)
        closed = closed_day.replace(day=1)
        if months is None or closed in months:
            counts[(closed, "closed", "total", "")] += 1
            counts[(closed, "closed", "finding", row.finding)] += 1
            days = max(0, (closed_day - received_day).days)  # = calendar_days_to_close()
            counts[(closed, "closed", "duration", f"{days:05d}")] += 1
            within = closed_within_deadline(received_day, closed_day)
            counts[(closed, "closed", "deadline", "within" if within else "over")] += 1
    return counts, labels


# --- buckets -> page -------------------------------------------------------------------------


def add_months(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def change(current: int, previous: int) -> float | None:
    """Relative change in per cent, None when there is nothing to compare with."""
    if not previous:
        return None
    return (current - previous) * 100.0 / previous


def rate(part: int, whole: int) -> float | None:
    return part * 100.0 / whole if whole else None


def median_from_histogram(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    lower, upper = (total - 1) // 2, total // 2  # zero-based positions of the middle value(s)
    seen, low_value, high_value = 0, None, None
    for value in sorted(histogram):
        seen_next = seen + histogram[value]
        if low_value is None and lower < seen_next:
            low_value = value
        if upper < seen_next:
            high_value = value
            break
        seen = seen_next
    return (low_value + high_value) / 2


@dataclass
class Statistics:
    window_start: date
    window_end: date  # the last month shown
    all_time: int
    received: int
    closed: int
    substantiated: int
    closing_rate: float | None
    substantiated_rate: float | None
    months: list[dict] = field(default_factory=list)
    by_channel: list[dict] = field(default_factory=list)
    by_category: list[dict] = field(default_factory=list)
    category_share_total: float | None = None
    by_region: list[dict] = field(default_factory=list)
    region_level: str = "district"
    by_finding: list[dict] = field(default_factory=list)
    median_days: float | None = None
    within_deadline: int = 0
    within_deadline_rate: float | None = None


def _share_rows(counter: Counter, labels: dict[str, str], whole: int, order: list[str] | None = None) -> list:
    keys = order if order is not None else [k for k, _ in counter.most_common()]
    return [
        {
            "key": key,
            "label": labels.get(key, key),
            "count": counter.get(key, 0),
            "share": rate(counter.get(key, 0), whole),
        }
        for key in keys
        if order is None or counter.get(key, 0)
    ]


def build_statistics(buckets: Iterable[tuple[date, str, str, str, str, int]], today: date) -> Statistics:
    """Shape bucket rows (month, basis, dimension, key, label, count) into the page's figures:
    the last 12 months ending with the current month, each with month-on-month and
    year-on-year change; breakdowns over the same 12 months."""
    end = today.replace(day=1)
    start = add_months(end, -11)
    compare_start = add_months(start, -12)
    monthly: dict[tuple[date, str], int] = Counter()
    window: dict[tuple[str, str], Counter] = {}
    region_labels: dict[str, str] = {}
    all_time = 0
    for month, basis, dimension, key, label, count in buckets:
        if month == ALL_TIME:
            if basis == "received" and dimension == "total":
                all_time = count
            continue
        if dimension == "total" and compare_start <= month <= end:
            monthly[(month, basis)] += count
        if dimension == "finding" and key in SUBSTANTIATED and compare_start <= month <= end:
            monthly[(month, "substantiated")] += count
        if start <= month <= end:
            window.setdefault((basis, dimension), Counter())[key] += count
            if dimension == "region" and label:
                region_labels[key] = label

    def total(basis: str, dimension: str) -> Counter:
        return window.get((basis, dimension), Counter())

    received = sum(total("received", "total").values())
    closed = sum(total("closed", "total").values())
    findings = total("closed", "finding")
    substantiated = sum(findings.get(key, 0) for key in SUBSTANTIATED)

    months = []
    for offset in range(12):
        month = add_months(start, offset)
        row = {"month": month}
        for measure in ("received", "closed", "substantiated"):
            current = monthly.get((month, measure), 0)
            row[measure] = current
            row[f"{measure}_mom"] = change(current, monthly.get((add_months(month, -1), measure), 0))
            row[f"{measure}_yoy"] = change(current, monthly.get((add_months(month, -12), measure), 0))
        months.append(row)

    categories = total("received", "category")
    regions = total("received", "region")
    provinces = Counter()
    for code, count in regions.items():
        provinces[province_of(code)] += count
    if len(provinces) > 1:
        region_level, region_counter, labels = "province", provinces, PROVINCES
    else:
        region_level, region_counter, labels = "district", regions, region_labels
    durations = {int(key): count for key, count in total("closed", "duration").items()}
    within = total("closed", "deadline").get("within", 0)

    return Statistics(
        window_start=start,
        window_end=end,
        all_time=all_time,
        received=received,
        closed=closed,
        substantiated=substantiated,
        closing_rate=rate(closed, received),
        substantiated_rate=rate(substantiated, closed),
        months=months,
        by_channel=_share_rows(total("received", "channel"), dict(Channel.choices), received, Channel.values),
        by_category=_share_rows(categories, dict(Category.choices), received, Category.values),
        category_share_total=rate(sum(categories.values()), received),
        by_region=_share_rows(region_counter, labels, received),
        region_level=region_level,
        by_finding=_share_rows(findings, dict(Finding.choices), closed, Finding.values),
        median_days=median_from_histogram(durations),
        within_deadline=within,
        within_deadline_rate=rate(within, closed),
    )
