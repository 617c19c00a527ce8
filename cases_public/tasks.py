"""Background work of the public side (django-tasks; the immediate backend in tests)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError
from django_tasks import task

from cases_public import aggregates


@task()
def refresh_statistics(months: list[str] | None = None) -> int:
    """Recount the months marked for refresh (StatRefreshRequest), plus any given as "YYYY-MM";
    returns how many months were recounted (0 when an earlier task took them all)."""
    from cases_public.models import StatRefreshRequest

    requests = list(StatRefreshRequest.objects.values_list("id", "month", "requested_at"))
    parsed = {month for _, month, _ in requests} | {date.fromisoformat(f"{m}-01") for m in months or []}
    if not parsed:
        return 0
    try:
        aggregates.refresh_months(parsed)
    except IntegrityError:
        # Two workers refreshed the all-time rows at once; the later one simply runs again.
        aggregates.refresh_months(parsed)
    # Taken off the list only once counted, so a worker killed while counting leaves them for
    # the requeued task (search.task_recovery); and only if unchanged: a case stored meanwhile
    # touched its month's `requested_at`, and the task it enqueued must count that month again.
    # One statement each, in month order (the order in which ingest transactions mark months):
    # a mark still held by a transaction in flight is waited for, never deadlocked on.
    for pk, _, requested_at in sorted(requests, key=lambda request: request[1]):
        StatRefreshRequest.objects.filter(id=pk, requested_at=requested_at).delete()
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
