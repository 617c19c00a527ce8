"""The public list's filters: GET parameters -> a validated `ReportFilter` -> a queryset.

Parsing is pure (a mapping in, a frozen dataclass out) so the list page, the feeds and the
paged open-data JSON accept exactly the same parameters. Unknown or malformed values are
dropped and reported back, never passed to the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils import timezone

from cases_public.choices import Category, Channel, Finding, Priority, Satisfaction

REGION_CODE = re.compile(r"^\d{6}$")
# The GET parameter names: short, stable, documented on the open-data page.
PARAMS = ("region", "category", "channel", "finding", "priority", "satisfaction", "penalty", "from", "to")
PENALTY_CHOICES = {"yes": "已立案处罚", "no": "未立案处罚"}


@dataclass(frozen=True)
class ReportFilter:
    region: str = ""  # a GB/T 2260 code: xx0000 province, xxxx00 city, else district
    categories: tuple[str, ...] = ()  # any of these pollution types
    channel: str = ""
    finding: str = ""
    priority: str = ""
    satisfaction: str = ""
    penalty: bool | None = None
    closed_from: date | None = None
    closed_to: date | None = None  # inclusive
    errors: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not any(
            getattr(self, f.name) not in ("", (), None) for f in fields(self) if f.name != "errors"
        )

    @property
    def region_level(self) -> str:
        """Which derived column the region code matches: province, city or district."""
        if not self.region:
            return ""
        if self.region.endswith("0000"):
            return "province"
        if self.region.endswith("00"):
            return "city"
        return "district"

    def params(self) -> list[tuple[str, str]]:
        """The filter as GET parameters, in a stable order (for links, feeds and cursors)."""
        out: list[tuple[str, str]] = []
        if self.region:
            out.append(("region", self.region))
        out.extend(("category", code) for code in self.categories)
        for name in ("channel", "finding", "priority", "satisfaction"):
            value = getattr(self, name)
            if value:
                out.append((name, value))
        if self.penalty is not None:
            out.append(("penalty", "yes" if self.penalty else "no"))
        if self.closed_from:
            out.append(("from", self.closed_from.isoformat()))
        if self.closed_to:
            out.append(("to", self.closed_to.isoformat()))
        return out

    def querystring(self, **extra: str) -> str:
        """`a=1&b=2` (no leading `?`), extra parameters appended; empty when there is nothing."""
        return urlencode(self.params() + [(k, v) for k, v in extra.items() if v not in ("", None)])


def _choice(value: str, choices, name: str, errors: list[str]) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if value in choices.values:
        return value
    errors.append(name)
    return ""


def _date(value: str, name: str, errors: list[str]) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        errors.append(name)
        return None
    if not (1990 <= parsed.year <= 2100):
        errors.append(name)
        return None
    return parsed


def parse_filter(params: Mapping) -> ReportFilter:
    """Build a filter from a QueryDict (or any mapping; lists for repeated `category`)."""
    errors: list[str] = []

    def get(name: str) -> str:
        value = params.get(name, "")
        return value if isinstance(value, str) else ""

    region = get("region").strip()
    if region and not REGION_CODE.match(region):
        errors.append("region")
        region = ""
    if region in ("000000",):
        region = ""

    raw_categories = params.getlist("category") if hasattr(params, "getlist") else params.get("category", [])
    if isinstance(raw_categories, str):
        raw_categories = [raw_categories]
    categories = []
    for code in raw_categories:
        if code in Category.values and code not in categories:
            categories.append(code)
        elif code:
            errors.append("category")
    categories.sort(key=Category.values.index)

    penalty_raw = get("penalty").strip()
    penalty = {"yes": True, "no": False}.get(penalty_raw)
    if penalty_raw and penalty is None:
        errors.append("penalty")

    closed_from = _date(get("from"), "from", errors)
    closed_to = _date(get("to"), "to", errors)
    if closed_from and closed_to and closed_from > closed_to:
        closed_from, closed_to = closed_to, closed_from

    return ReportFilter(
        region=region,
        categories=tuple(categories),
        channel=_choice(get("channel"), Channel, "channel", errors),
        finding=_choice(get("finding"), Finding, "finding", errors),
        priority=_choice(get("priority"), Priority, "priority", errors),
        satisfaction=_choice(get("satisfaction"), Satisfaction, "satisfaction", errors),
        penalty=penalty,
        closed_from=closed_from,
        closed_to=closed_to,
        errors=tuple(dict.fromkeys(errors)),
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def apply_filter(queryset: QuerySet, flt: ReportFilter) -> QuerySet:
    """Narrow a queryset of reports; each condition matches one of the list indexes (models)."""
    conditions: dict = {}
    if flt.region:
        column = {"province": "province_code", "city": "city_code", "district": "region_code"}[
            flt.region_level
        ]
        conditions[column] = flt.region
    for name in ("channel", "finding", "priority", "satisfaction"):
        value = getattr(flt, name)
        if value:
            conditions[name] = value
    if flt.penalty is not None:
        conditions["penalty_case_filed"] = flt.penalty
    if flt.closed_from:
        conditions["closed_at__gte"] = _local_midnight(flt.closed_from)
    if flt.closed_to:
        conditions["closed_at__lt"] = _local_midnight(flt.closed_to + timedelta(days=1))
    queryset = queryset.filter(**conditions) if conditions else queryset
    if flt.categories:
        queryset = queryset.with_categories(flt.categories)
    return queryset


def describe(flt: ReportFilter, region_label: str = "") -> list[str]:
    """Human-readable Chinese summary of the active filters (for headings and feed titles)."""
    parts: list[str] = []
    if flt.region:
        parts.append(region_label or flt.region)
    if flt.categories:
        parts.append("、".join(Category(code).label for code in flt.categories))
    if flt.channel:
        parts.append(Channel(flt.channel).label)
    if flt.finding:
        parts.append(Finding(flt.finding).label)
    if flt.priority:
        parts.append(Priority(flt.priority).label)
    if flt.satisfaction:
        parts.append(Satisfaction(flt.satisfaction).label)
    if flt.penalty is not None:
        parts.append(PENALTY_CHOICES["yes" if flt.penalty else "no"])
    if flt.closed_from or flt.closed_to:
        start = flt.closed_from.isoformat() if flt.closed_from else "…"
        end = flt.closed_to.isoformat() if flt.closed_to else "…"
        parts.append(f"办结于 {start} 至 {end}")
    return parts


__all__ = ["PARAMS", "PENALTY_CHOICES", "ReportFilter", "apply_filter", "describe", "parse_filter", "Q"]
