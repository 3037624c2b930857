"""Working days and the grading deadline of the 2024 act (SPEC §2.5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from bot.exams.deadlines import (
    DeadlineRule,
    WorkingCalendar,
    default_grading_deadline,
    explanation_due,
    first_working_day_from,
    is_working_day,
    next_working_day,
    parse_closed_days,
)

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=OSLO)


# Every Norwegian public holiday of 2026–2028, written out from the calendar (Easter Sunday
# 5 April 2026, 28 March 2027, 16 April 2028), not taken from the library under test.
HOLIDAYS = {
    2026: ["01-01", "04-02", "04-03", "04-05", "04-06", "05-01", "05-14", "05-17", "05-24",
           "05-25", "12-25", "12-26"],
    2027: ["01-01", "03-25", "03-26", "03-28", "03-29", "05-01", "05-06", "05-16", "05-17",
           "12-25", "12-26"],
    2028: ["01-01", "04-13", "04-14", "04-16", "04-17", "05-01", "05-17", "05-25", "06-04",
           "06-05", "12-25", "12-26"],
}  # fmt: skip


def _day(year: int, month_day: str) -> date:
    month, day = month_day.split("-")
    return date(year, int(month), int(day))


@pytest.mark.parametrize("year", sorted(HOLIDAYS))
def test_every_public_holiday_is_not_a_working_day_and_nothing_else_on_weekdays(year):
    holidays_ = {_day(year, md) for md in HOLIDAYS[year]}
    assert {d for d in holidays.country_holidays("NO", years=year) if d.weekday() < 5} == {
        d for d in holidays_ if d.weekday() < 5
    }
    day = date(year, 1, 1)
    while day.year == year:
        assert is_working_day(day) is (day.weekday() < 5 and day not in holidays_), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("exam", "due"),
    [
        # The law's example: Christmas Day, Boxing Day and New Year's Day do not count.
        (oslo(2026, 12, 15, 9, 0), date(2027, 1, 7)),
        # The exam's own day does not count; a Friday exam starts counting on Monday.
        (oslo(2026, 11, 6, 9, 0), date(2026, 11, 27)),
        # Easter 2027 (Maundy Thursday to Easter Monday) inside the period.
        (oslo(2027, 3, 15, 9, 0), date(2027, 4, 8)),
        # Ascension Day and Whit Monday 2028; Constitution Day on a Wednesday.
        (oslo(2028, 5, 10, 9, 0), date(2028, 6, 2)),
        # An exam on a Saturday: the first working day after it is Monday.
        (oslo(2026, 5, 30, 15, 0), date(2026, 6, 19)),
    ],
)
def test_the_default_grading_deadline_is_the_end_of_the_15th_working_day(exam, due):
    deadline = default_grading_deadline(exam, OSLO)
    assert deadline.tzinfo is UTC
    assert deadline.astimezone(OSLO) == datetime.combine(due, time(23, 59), tzinfo=OSLO)


def test_the_end_of_the_day_is_local_across_summer_and_winter_time():
    into_summer = default_grading_deadline(oslo(2026, 3, 16, 9, 0), OSLO)  # DST on 29 March
    assert into_summer == datetime(2026, 4, 9, 21, 59, tzinfo=UTC)  # 23:59 CEST, after Easter
    into_winter = default_grading_deadline(oslo(2026, 10, 14, 9, 0), OSLO)  # back on 25 Oct
    assert into_winter == datetime(2026, 11, 4, 22, 59, tzinfo=UTC)  # 23:59 CET


def test_the_exam_day_is_the_local_day():
    # 23:30 UTC on Monday 14 December is 00:30 on Tuesday 15 December in Oslo.
    deadline = default_grading_deadline(datetime(2026, 12, 14, 23, 30, tzinfo=UTC), OSLO)
    assert deadline.astimezone(OSLO).date() == date(2027, 1, 7)


def test_closed_days_do_not_count_also_across_new_year():
    christmas_week = WorkingCalendar(parse_closed_days("12-24..12-31"))
    deadline = default_grading_deadline(oslo(2026, 12, 15, 9, 0), OSLO, christmas_week)
    assert deadline.astimezone(OSLO).date() == date(2027, 1, 14)
    over_new_year = WorkingCalendar(parse_closed_days("12-28..01-05, 02-01"))
    assert not over_new_year.is_working_day(date(2026, 12, 28))
    assert not over_new_year.is_working_day(date(2027, 1, 5))
    assert over_new_year.is_working_day(date(2027, 1, 6))
    assert over_new_year.is_working_day(date(2026, 12, 23))
    assert not over_new_year.is_working_day(date(2027, 2, 1))
    assert over_new_year.working_days_between(date(2026, 12, 23), date(2027, 1, 8)) == 4


def test_another_number_of_working_days():
    deadline = default_grading_deadline(oslo(2026, 12, 15, 9, 0), OSLO, working_days=3)
    assert deadline.astimezone(OSLO).date() == date(2026, 12, 18)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12-24..", "not MM-DD"),
        ("24-12", "not a day of the year"),
        ("12-24..12-31..01-02", "not MM-DD"),
        ("02-30", "not a day of the year"),
        ("christmas", "not MM-DD"),
    ],
)
def test_closed_days_that_cannot_be_read_are_named(text, message):
    with pytest.raises(ValueError, match=message):
        parse_closed_days(text)


def test_default_grading_deadline_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        default_grading_deadline(datetime(2026, 12, 10, 9, 0), OSLO)


def test_christmas_and_boxing_day_are_norwegian_holidays() -> None:
    norwegian = holidays.country_holidays("NO", years=2026)
    assert date(2026, 12, 25) in norwegian
    assert date(2026, 12, 26) in norwegian


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 28), True),  # Monday
        (date(2026, 12, 24), True),  # Christmas Eve is not a public holiday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 26), False),  # Boxing Day (and a Saturday)
        (date(2026, 12, 27), False),  # Sunday
        (date(2026, 12, 5), False),  # an ordinary Saturday
        (date(2026, 5, 14), False),  # Ascension Day, a Thursday
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2026, 5, 1), False),  # Labour Day, a Friday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_is_working_day_refuses_a_datetime() -> None:
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 12, 28, 9, 0, tzinfo=UTC))


def test_next_working_day_is_strictly_after() -> None:
    assert next_working_day(date(2026, 12, 4)) == date(2026, 12, 7)  # Friday → Monday
    assert next_working_day(date(2026, 12, 7)) == date(2026, 12, 8)
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # past New Year's Day


def test_first_working_day_from_keeps_a_working_day() -> None:
    assert first_working_day_from(date(2026, 12, 7)) == date(2026, 12, 7)
    assert first_working_day_from(date(2026, 12, 25)) == date(2026, 12, 28)


# --- explanations (§ 11-8) and complaints (§ 11-11) ----------------------------------------


@pytest.mark.parametrize(
    ("requested", "due"),
    [
        # Two weeks in calendar days, to the end of the local day.
        (oslo(2027, 1, 8, 10, 0), oslo(2027, 1, 22, 23, 59)),
        # Late in the evening in Oslo is the next day in UTC already: the local day counts.
        (oslo(2027, 1, 8, 23, 30), oslo(2027, 1, 22, 23, 59)),
        # Across the change to summer time (28 March 2027): still 23:59 on the clock.
        (oslo(2027, 3, 20, 9, 0), oslo(2027, 4, 3, 23, 59)),
        # Holidays do not stop the two weeks: Christmas counts as any day.
        (oslo(2026, 12, 18, 12, 0), oslo(2027, 1, 1, 23, 59)),
    ],
)
def test_an_explanation_is_due_two_weeks_after_the_request(requested, due):
    result = explanation_due(requested.astimezone(UTC), OSLO)
    assert result == due
    assert result.tzinfo is UTC


def test_an_explanation_due_date_needs_an_aware_time():
    with pytest.raises(ValueError):
        explanation_due(datetime(2027, 1, 8, 10, 0), OSLO)


def test_a_complaint_is_due_after_its_working_days_on_the_same_calendar():
    received = oslo(2026, 12, 16, 10, 0).astimezone(UTC)
    christmas_closed = WorkingCalendar(parse_closed_days("12-24..12-31"))
    # As many working days as the graders have, unless told otherwise.
    assert DeadlineRule().complaint_due(received, OSLO) == oslo(2027, 1, 8, 23, 59)
    assert DeadlineRule(working_days=10).complaint_due(received, OSLO) == oslo(2026, 12, 31, 23, 59)
    rule = DeadlineRule(christmas_closed, working_days=15, complaint_working_days=5)
    monday = oslo(2026, 12, 21, 10, 0).astimezone(UTC)
    # 22 and 23 December, then the closed days and New Year's Day, then 4, 5 and 6 January.
    assert rule.complaint_due(monday, OSLO) == oslo(2027, 1, 6, 23, 59)
    assert DeadlineRule(complaint_working_days=5).complaint_due(monday, OSLO) == (
        oslo(2026, 12, 29, 23, 59)
    )
