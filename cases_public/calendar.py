"""Load the editor-entered holiday arrangements into the pure `HolidayCalendar` of workdays.py.

Every web process keeps the built calendar and rebuilds it when the arrangements change: one
small aggregate query (count and latest update) tells whether the cached copy is still current,
so an edit in one process is seen by all the others on their next call.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from cases_public.workdays import HolidayCalendar

_lock = threading.Lock()
_cache: dict[str, object] = {"stamp": None, "calendar": None}


def _build() -> HolidayCalendar:
    from cases_public.models import HolidayArrangement

    holidays: set = set()
    workdays: set = set()
    years: set[int] = set()
    for arrangement in HolidayArrangement.objects.all():
        try:
            holidays.update(arrangement.holiday_dates())
            workdays.update(arrangement.makeup_dates())
        except ValueError:
            continue  # an unreadable entry: its year stays an estimate
        years.add(arrangement.year)
    return HolidayCalendar(holidays=frozenset(holidays), workdays=frozenset(workdays), years=frozenset(years))


def load_holiday_calendar() -> HolidayCalendar:
    from cases_public.models import HolidayArrangement

    stamp = tuple(HolidayArrangement.objects.aggregate(n=Count("id"), latest=Max("updated_at")).values())
    with _lock:
        if _cache["stamp"] == stamp and _cache["calendar"] is not None:
            return _cache["calendar"]  # type: ignore[return-value]
    calendar = _build()
    with _lock:
        _cache["stamp"], _cache["calendar"] = stamp, calendar
    return calendar


def clear_cache() -> None:
    with _lock:
        _cache["stamp"], _cache["calendar"] = None, None
