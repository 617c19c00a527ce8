"""Working days and legal deadlines. Pure functions: no ORM, no settings, no clock.

Day rules come from `chinese_calendar` for the years it covers (2004-2026 in 1.11.0) and from a
`HolidayCalendar` (the State Council's arrangement as editors enter it, see
`cases_public.calendar.load_holiday_calendar`) for the other years. A year covered by neither is
counted as Monday-Friday working days and every result touching it says `estimated=True`.

Counting follows 民法典: the starting day is not counted (第二百零一条), and a period whose last day
is a 法定休假日 (a weekend or statutory holiday that is not a make-up working day) ends on the next
working day (第二百零三条). 信访工作条例 limits are calendar days (日); some local rules count 工作日.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@dataclass(frozen=True)
class HolidayCalendar:
    """An editor-entered arrangement for years `chinese_calendar` does not cover.

    `holidays` are days off (法定节假日 and the days joined to them), `workdays` are make-up working
    days (调休上班, usually a Saturday or Sunday); `years` are the years the arrangement is complete for.
    """

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)


EMPTY_CALENDAR = HolidayCalendar()


class DayUnit(enum.StrEnum):
    CALENDAR = "calendar_day"
    WORKING = "working_day"

    @property
    def label(self) -> str:
        return "日" if self is DayUnit.CALENDAR else "工作日"


@dataclass(frozen=True)
class DateResult:
    date: date
    estimated: bool


@dataclass(frozen=True)
class CountResult:
    days: int
    estimated: bool


@dataclass(frozen=True)
class Rule:
    days: int
    unit: DayUnit
    label: str


class Step(enum.StrEnum):
    ACCEPTANCE = "acceptance"
    COMPLETION = "completion"
    EXTENSION = "extension"


# 信访工作条例: 15 日 to decide acceptance, 60 日 from acceptance to 办结, at most 30 日 extension.
PETITION_RULES: dict[Step, Rule] = {
    Step.ACCEPTANCE: Rule(15, DayUnit.CALENDAR, "受理告知"),
    Step.COMPLETION: Rule(60, DayUnit.CALENDAR, "办结"),
    Step.EXTENSION: Rule(30, DayUnit.CALENDAR, "延期"),
}


@lru_cache(maxsize=64)
def _library_year(year: int) -> tuple[frozenset[date], frozenset[date]] | None:
    """(weekday holidays, weekend make-up workdays) from chinese_calendar, or None if not covered."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    try:
        chinese_calendar.is_workday(first)
        holidays = frozenset(
            day
            for day in chinese_calendar.get_holidays(first, last, include_weekends=True)
            if day.weekday() < 5
        )
        workdays = frozenset(
            day
            for day in chinese_calendar.get_workdays(first, last, include_weekends=True)
            if day.weekday() >= 5
        )
    except NotImplementedError:
        return None
    return holidays, workdays


def library_covers(year: int) -> bool:
    return _library_year(year) is not None


def _year_rules(year: int, calendar: HolidayCalendar) -> tuple[frozenset[date], frozenset[date], bool]:
    """(weekday days off, weekend working days, estimated) for one year."""
    library = _library_year(year)
    if library is not None:
        return library[0], library[1], False
    holidays = frozenset(d for d in calendar.holidays if d.year == year and d.weekday() < 5)
    workdays = frozenset(d for d in calendar.workdays if d.year == year and d.weekday() >= 5)
    return holidays, workdays, year not in calendar.years


def is_workday(day: date, calendar: HolidayCalendar = EMPTY_CALENDAR) -> tuple[bool, bool]:
    """(is a working day, estimated)."""
    holidays, workdays, estimated = _year_rules(day.year, calendar)
    if day.weekday() >= 5:
        return day in workdays, estimated
    return day not in holidays, estimated


def next_workday(day: date, calendar: HolidayCalendar = EMPTY_CALENDAR) -> DateResult:
    """`day` itself if it is a working day, else the first working day after it."""
    estimated = False
    while True:
        working, est = is_workday(day, calendar)
        estimated = estimated or est
        if working:
            return DateResult(day, estimated)
        day += timedelta(days=1)


def add_workdays(start: date, n: int, calendar: HolidayCalendar = EMPTY_CALENDAR) -> DateResult:
    """The n-th working day after `start` (start not counted). n=0 gives `start` unchanged."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day, estimated, left = start, False, n
    while left:
        day += timedelta(days=1)
        working, est = is_workday(day, calendar)
        estimated = estimated or est
        if working:
            left -= 1
    return DateResult(day, estimated)


def _weekdays_between(start: date, end: date) -> int:
    """Monday-Friday days in (start, end]."""
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    weekday = start.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def count_workdays(start: date, end: date, calendar: HolidayCalendar = EMPTY_CALENDAR) -> CountResult:
    """Working days in (start, end]: the start day is not counted. 0 if end <= start."""
    if end <= start:
        return CountResult(0, False)
    count = _weekdays_between(start, end)
    estimated = False
    for year in range(start.year, end.year + 1):
        holidays, workdays, est = _year_rules(year, calendar)
        estimated = estimated or est
        count -= sum(1 for d in holidays if start < d <= end)
        count += sum(1 for d in workdays if start < d <= end)
    return CountResult(count, estimated)


def count_calendar_days(start: date, end: date) -> int:
    """Calendar days in (start, end]: 受理 on 1 March and 办结 on 3 March took 2 days."""
    return max((end - start).days, 0)


def period_end(
    start: date, days: int, unit: DayUnit, calendar: HolidayCalendar = EMPTY_CALENDAR
) -> DateResult:
    """Last day of a period of `days` starting after `start`.

    Working days: the `days`-th working day. Calendar days: start + days, moved to the next working
    day when it falls on a 法定休假日 (民法典第二百零三条).
    """
    if unit == DayUnit.WORKING:
        return add_workdays(start, days, calendar)
    return next_workday(start + timedelta(days=days), calendar)


def deadline(
    step: Step | str,
    start: date,
    calendar: HolidayCalendar = EMPTY_CALENDAR,
    *,
    unit: DayUnit | None = None,
    rules: dict[Step, Rule] = PETITION_RULES,
) -> DateResult:
    """Deadline of a petition step counted from `start` (receipt for acceptance, acceptance for
    completion, the original deadline for an extension). `unit` overrides the rule's unit for local
    rules that count 工作日."""
    rule = rules[Step(step)]
    return period_end(start, rule.days, unit or rule.unit, calendar)


@dataclass(frozen=True)
class Timeliness:
    """How long a case took from acceptance to 办结 and whether it met the legal limit."""

    calendar_days: int
    working_days: int
    deadline: date
    met: bool
    extended: bool
    estimated: bool


def completion_timeliness(
    accepted_on: date,
    closed_on: date,
    calendar: HolidayCalendar = EMPTY_CALENDAR,
    *,
    extended: bool = False,
    extension_days: int | None = None,
) -> Timeliness:
    """办结用时 and whether the 60-day limit (plus an approved extension of at most 30 days) was met."""
    limit = deadline(Step.COMPLETION, accepted_on, calendar)
    estimated = limit.estimated
    final = limit.date
    if extended:
        extra = PETITION_RULES[Step.EXTENSION].days if extension_days is None else extension_days
        if not 0 <= extra <= PETITION_RULES[Step.EXTENSION].days:
            raise ValueError("an extension is at most 30 days")
        ext = period_end(limit.date, extra, DayUnit.CALENDAR, calendar)
        final, estimated = ext.date, estimated or ext.estimated
    working = count_workdays(accepted_on, closed_on, calendar)
    return Timeliness(
        calendar_days=count_calendar_days(accepted_on, closed_on),
        working_days=working.days,
        deadline=final,
        met=closed_on <= final,
        extended=extended,
        estimated=estimated or working.estimated,
    )


def parse_date_lines(text: str) -> list[date]:
    """Dates from an editor's text: one `YYYY-MM-DD` or `YYYY-MM-DD~YYYY-MM-DD` per line; anything
    after the dates (a note such as 春节) is ignored. Raises ValueError with the offending line."""
    days: list[date] = []
    for raw in text.splitlines():
        line = raw.strip().replace("～", "~").replace("至", "~")
        if not line:
            continue
        head = line.split()[0]
        parts = head.split("~")
        try:
            if len(parts) == 1:
                days.append(date.fromisoformat(parts[0]))
                continue
            if len(parts) != 2:
                raise ValueError(raw)
            first, last = date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
        except ValueError as exc:
            raise ValueError(raw.strip()) from exc
        if last < first:
            raise ValueError(raw.strip())
        days.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
    return days
