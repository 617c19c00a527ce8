"""Working days and legal deadlines across 国庆 and 春节, make-up working days (调休), and years the
chinese_calendar library does not cover."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError

from cases_public.workdays import (
    DateResult,
    DayUnit,
    HolidayCalendar,
    Step,
    add_workdays,
    completion_timeliness,
    count_calendar_days,
    count_workdays,
    deadline,
    is_workday,
    parse_date_lines,
)

D = date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Sunday 28 Sep 2025 is a make-up working day
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # 国庆+中秋: 1-8 Oct off
        (D(2025, 9, 30), 3, D(2025, 10, 11)),  # Saturday 11 Oct is a make-up working day
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # 春节 2026: Saturday 14 Feb is worked
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # 15-23 Feb off
        (D(2026, 2, 24), 4, D(2026, 2, 28)),  # Saturday 28 Feb is worked
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # an ordinary weekend
        (D(2026, 3, 6), 0, D(2026, 3, 6)),
    ],
)
def test_add_workdays(start, n, expected):
    result = add_workdays(start, n)
    assert result.date == expected
    assert result.estimated is False


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 9, 26), D(2025, 10, 12), 6),  # 28 Sep, 29, 30, 9 Oct, 10, 11 (Sat)
        (D(2026, 2, 13), D(2026, 2, 28), 6),  # 14 Feb (Sat), 24, 25, 26, 27, 28 (Sat)
        (D(2026, 3, 6), D(2026, 3, 13), 5),
        (D(2026, 3, 13), D(2026, 3, 6), 0),
    ],
)
def test_count_workdays(start, end, expected):
    assert count_workdays(start, end).days == expected


def test_count_workdays_agrees_with_the_library_day_by_day():
    start = D(2024, 1, 1)
    for offset in range(0, 1000, 23):
        first = start + timedelta(days=offset)
        last = first + timedelta(days=70)
        if last.year > 2026:
            break
        expected = sum(chinese_calendar.is_workday(first + timedelta(days=k)) for k in range(1, 71))
        assert count_workdays(first, last).days == expected, first


@pytest.mark.parametrize(
    ("step", "start", "expected"),
    [
        # 15 日 from 20 Sep 2025 is Sunday 5 Oct, inside 国庆: the period ends on 9 Oct (民法典 203).
        (Step.ACCEPTANCE, D(2025, 9, 20), D(2025, 10, 9)),
        # 60 日 from 3 Aug 2025 is 2 Oct (holiday) -> 9 Oct.
        (Step.COMPLETION, D(2025, 8, 3), D(2025, 10, 9)),
        # 60 日 from 12 Aug 2025 is Saturday 11 Oct, a make-up working day: it stands.
        (Step.COMPLETION, D(2025, 8, 12), D(2025, 10, 11)),
        # 60 日 from 18 Dec 2025 is 16 Feb 2026 (春节) -> 24 Feb.
        (Step.COMPLETION, D(2025, 12, 18), D(2026, 2, 24)),
        # An ordinary Sunday moves to Monday.
        (Step.ACCEPTANCE, D(2026, 3, 7), D(2026, 3, 23)),
    ],
)
def test_calendar_day_deadlines_end_on_a_working_day(step, start, expected):
    assert deadline(step, start).date == expected


def test_local_rules_may_count_working_days():
    # 15 个工作日 from 24 Sep 2025: 25, 26, 28 (Sun, worked), 29, 30, 9 Oct, 10, 11 (Sat), 13-17, 20, 21
    result = deadline(Step.ACCEPTANCE, D(2025, 9, 24), unit=DayUnit.WORKING)
    assert result.date == D(2025, 10, 21)
    assert count_workdays(D(2025, 9, 24), result.date).days == 15


def test_completion_timeliness_60_days_and_extension():
    on_time = completion_timeliness(D(2025, 8, 3), D(2025, 10, 9))
    assert (on_time.calendar_days, on_time.deadline, on_time.met) == (67, D(2025, 10, 9), True)
    late = completion_timeliness(D(2025, 8, 3), D(2025, 10, 10))
    assert late.met is False
    extended = completion_timeliness(D(2025, 8, 3), D(2025, 10, 10), extended=True)
    # 9 Oct + 30 日 = Saturday 8 Nov 2025 -> Monday 10 Nov
    assert (extended.deadline, extended.met) == (D(2025, 11, 10), True)
    with pytest.raises(ValueError):
        completion_timeliness(D(2025, 8, 3), D(2025, 10, 10), extended=True, extension_days=31)
    assert count_calendar_days(D(2025, 3, 1), D(2025, 3, 3)) == 2


def test_the_library_does_not_cover_2027():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))


def test_an_uncovered_year_is_estimated_from_weekdays():
    result = add_workdays(D(2026, 12, 31), 1)
    assert result == DateResult(D(2027, 1, 1), True)  # 元旦 not known: an estimate
    assert is_workday(D(2027, 1, 2)) == (False, True)
    assert count_workdays(D(2026, 12, 1), D(2026, 12, 31)).estimated is False
    assert count_workdays(D(2026, 12, 1), D(2027, 1, 31)).estimated is True
    assert deadline(Step.COMPLETION, D(2026, 11, 15)).estimated is True


CAL_2027 = HolidayCalendar(
    holidays=frozenset([D(2027, 1, 1), *(D(2027, 2, 5) + timedelta(days=i) for i in range(8))]),
    workdays=frozenset([D(2027, 2, 20)]),
    years=frozenset([2027]),
)


def test_an_editor_entered_year_is_exact():
    assert add_workdays(D(2026, 12, 31), 1, CAL_2027) == DateResult(D(2027, 1, 4), False)
    assert add_workdays(D(2027, 2, 4), 1, CAL_2027).date == D(2027, 2, 15)
    assert is_workday(D(2027, 2, 20), CAL_2027) == (True, False)  # make-up Saturday
    # 19 weekdays after Monday 1 Feb, minus 6 holiday weekdays (5, 8-12 Feb), plus Saturday 20 Feb
    assert count_workdays(D(2027, 2, 1), D(2027, 2, 28), CAL_2027).days == 14
    days = [D(2027, 2, 1) + timedelta(days=k) for k in range(1, 28)]
    assert count_workdays(D(2027, 2, 1), D(2027, 2, 28), CAL_2027).days == sum(
        is_workday(day, CAL_2027)[0] for day in days
    )


def test_the_library_wins_for_the_years_it_covers():
    wrong = HolidayCalendar(holidays=frozenset([D(2026, 3, 9)]), years=frozenset([2026]))
    assert is_workday(D(2026, 3, 9), wrong) == (True, False)


def test_parse_date_lines():
    text = "2027-01-01 元旦\n\n2027-02-05~2027-02-07 春节\n2027-10-01至2027-10-02"
    assert parse_date_lines(text) == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 6),
        D(2027, 2, 7),
        D(2027, 10, 1),
        D(2027, 10, 2),
    ]
    with pytest.raises(ValueError, match="2027-13-01"):
        parse_date_lines("2027-13-01")
    with pytest.raises(ValueError):
        parse_date_lines("2027-02-07~2027-02-05")


# -- the editor-entered arrangement in the database ------------------------------------------------
@pytest.mark.django_db
def test_holiday_arrangement_feeds_the_calendar_and_refreshes():
    from cases_public.calendar import load_holiday_calendar
    from cases_public.models import HolidayArrangement

    assert add_workdays(D(2026, 12, 31), 1, load_holiday_calendar()).estimated is True
    arrangement = HolidayArrangement.objects.create(
        year=2027, holidays="2027-01-01 元旦", makeup_workdays="", source="国办发明电〔2026〕X号"
    )
    calendar = load_holiday_calendar()
    assert add_workdays(D(2026, 12, 31), 1, calendar) == DateResult(D(2027, 1, 4), False)
    arrangement.holidays = "2027-01-01~2027-01-04"
    arrangement.save()
    assert add_workdays(D(2026, 12, 31), 1, load_holiday_calendar()).date == D(2027, 1, 5)
    arrangement.delete()
    assert add_workdays(D(2026, 12, 31), 1, load_holiday_calendar()).estimated is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"year": 2026, "holidays": "2026-01-01"}, "year"),
        ({"year": 2027, "holidays": "2027-01-01\n2028-01-01"}, "holidays"),
        ({"year": 2027, "holidays": "not a date"}, "holidays"),
        ({"year": 2027, "holidays": "2027-02-20", "makeup_workdays": "2027-02-20"}, "makeup_workdays"),
    ],
)
def test_holiday_arrangement_validation(fields, error_field):
    from cases_public.models import HolidayArrangement

    arrangement = HolidayArrangement(source="国办发明电", **fields)
    with pytest.raises(ValidationError) as excinfo:
        arrangement.full_clean()
    assert error_field in excinfo.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("closed", "expected", "absent"),
    [(D(2025, 10, 9), "按期办结", "超期"), (D(2025, 10, 10), "超期办结", "按期")],
)
def test_timeliness_include_for_the_case_page(closed, expected, absent):
    from django.template.loader import render_to_string

    html = render_to_string(
        "cases_public/includes/timeliness.html",
        {"accepted_on": D(2025, 8, 3), "closed_on": closed, "extended": False},
    )
    assert "办结用时" in html and expected in html and absent not in html
    assert "2025年10月9日" in html
    assert "估算" not in html
