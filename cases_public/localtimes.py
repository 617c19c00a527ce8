"""UTC timestamps read as text -> local ISO 8601 strings, fast enough for a million rows.

An aware datetime's `astimezone(ZoneInfo)` and `isoformat()` each ask the zone for its offset
and cost about 4 µs per value together; an export formats three per row. Here the offset is
looked up once per UTC hour (cached), added to the naive value, and the suffix ("+08:00")
appended: about 1.3 µs. An hour in which the zone changes its offset (Asia/Shanghai's summer
time 1986-1991, or any other zone's transitions) takes the exact slow path instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Func, TextField

_UTC = dt.UTC
_HOUR = dt.timedelta(hours=1)


class UTCText(Func):
    """A datetime column as UTC text, 'YYYY-MM-DD HH:MM:SS[.ffffff]'. SQLite already stores it
    so (the CAST only keeps the sqlite3 module's `datetime` converter away); PostgreSQL prints
    timestamptz in the session zone, hence AT TIME ZONE 'UTC' first."""

    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, output_field=TextField(), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS text)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((%(expressions)s) AT TIME ZONE 'UTC')::text", **extra
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        if template is None:
            raise NotImplementedError(f"UTCText has no SQL for {connection.vendor}")
        return super().as_sql(compiler, connection, template=template, **extra)


def parse_utc(text: str | None) -> dt.datetime | None:
    """UTC text -> aware datetime (UTC)."""
    if text is None:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment.replace(tzinfo=_UTC) if moment.tzinfo is None else moment


def localizer(tz: dt.tzinfo) -> Callable[[str], tuple[dt.datetime, str]]:
    """A function from UTC text to (naive local datetime, offset suffix); the local ISO string
    is `local.isoformat() + suffix`, the local date's ordinal `local.toordinal()`."""
    parse = dt.datetime.fromisoformat
    shifts: dict[str, tuple[dt.timedelta, str] | None] = {}
    known: dict[tuple[dt.timedelta, str], tuple[dt.timedelta, str]] = {}  # one object per offset

    def exact(moment: dt.datetime) -> tuple[dt.datetime, str]:
        local = moment.astimezone(tz)
        return local.replace(tzinfo=None), local.isoformat()[len(local.replace(tzinfo=None).isoformat()) :]

    def shift_for(hour: str) -> tuple[dt.timedelta, str] | None:
        start = parse(hour + ":00:00").replace(tzinfo=_UTC)
        first, last = (
            start.astimezone(tz).utcoffset(),
            (start + _HOUR - dt.timedelta(microseconds=1)).astimezone(tz).utcoffset(),
        )
        if first != last:
            return None  # the offset changes within this hour
        shift = (first, exact(start)[1])
        return known.setdefault(shift, shift)

    def localize(text: str) -> tuple[dt.datetime, str]:
        moment = parse(text)
        if moment.tzinfo is not None or len(text) not in (19, 26):
            return exact(moment if moment.tzinfo else moment.replace(tzinfo=_UTC))
        hour = text[:13]
        try:
            shift = shifts[hour]
        except KeyError:
            if len(shifts) > 100_000:  # decades of hours: keep memory flat whatever the span
                shifts.clear()
            shift = shifts[hour] = shift_for(hour)
        if shift is None:
            return exact(moment.replace(tzinfo=_UTC))
        return moment + shift[0], shift[1]

    return localize
