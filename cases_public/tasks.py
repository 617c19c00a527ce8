"""Background work of the public side (django-tasks; the immediate backend in tests)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError
from django_tasks import task

from cases_public import aggregates


@task()
def refresh_statistics(months: list[str]) -> int:
    """Recount the statistics of the given months ("YYYY-MM"); returns how many months."""
    parsed = {date.fromisoformat(f"{month}-01") for month in months}
    try:
        aggregates.refresh_months(parsed)
    except IntegrityError:
        # Two workers refreshed the all-time rows at once; the later one simply runs again.
        aggregates.refresh_months(parsed)
    return len(parsed)


@task()
def rebuild_statistics() -> int:
    return aggregates.rebuild_all()


@task()
def build_open_data_workbook(key: str, base_url: str = "") -> int:
    """Build the xlsx for the published set identified by `key` (see cases_public.xlsx)."""
    from cases_public import xlsx

    if key != xlsx.fingerprint():
        return 0  # the set changed meanwhile; the next download asks again
    target = xlsx.path_for(key)
    if target.exists():
        return 0
    return xlsx.write_workbook(target, base_url)
