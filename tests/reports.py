"""A small factory for public reports stored directly (not through the ingest API)."""

from __future__ import annotations

import itertools
from datetime import datetime

from django.utils import timezone

from cases_public.models import CompletionReport

_serial = itertools.count(1)
SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def make_report(*, categories=("air",), published=True, **fields) -> CompletionReport:
    """A published report (live, disclosed) unless told otherwise; dates as "YYYY-MM-DD"."""
    number = next(_serial)
    values = {
        "reference": f"HJXF-TEST-{number:06d}",
        "channel": "hotline_12369",
        "received_at": "2026-09-01",
        "closed_at": "2026-10-01",
        "region_code": "340705",
        "region_name": "铜陵市铜官区",
        "priority": "general",
        "subject_name": f"测试企业{number}",
        "summary": f"反映问题{number}",
        "finding": "substantiated",
        "satisfaction": "satisfied",
        "penalty_case_filed": False,
        "disclose": True,
    }
    values.update(fields)
    for name in ("received_at", "closed_at"):
        if isinstance(values[name], str):
            values[name] = at(values[name])
    report = CompletionReport(live=published, **values)
    report.categories = list(categories)
    if published:
        report.first_published_at = report.last_published_at = values.get("closed_at")
    report.save()
    return report
