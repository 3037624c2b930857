"""Grading deadlines and working days (SPEC §2.5)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import holidays
import pytest

from bot.exams.deadlines import (
    default_grading_deadline,
    first_working_day_from,
    is_working_day,
    next_working_day,
)

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("submission", "expected"),
    [
        # Thursday → Thursday three weeks later; 31 December is not a public holiday.
        (oslo(2026, 12, 10, 9, 0), oslo(2026, 12, 31, 9, 0)),
        # Friday → Christmas Day (Fri), Boxing Day (Sat, also a holiday), Sunday → Monday.
        (oslo(2026, 12, 4, 9, 0), oslo(2026, 12, 28, 9, 0)),
        # Across the change to summer time, into Easter: Maundy Thursday, Good Friday,
        # Saturday, Easter Sunday, Easter Monday → Tuesday, still 09:00 on the wall clock.
        (oslo(2026, 3, 12, 9, 0), oslo(2026, 4, 7, 9, 0)),
        # Across the change to winter time: same local time, one hour later in UTC.
        (oslo(2026, 10, 15, 9, 0), oslo(2026, 11, 5, 9, 0)),
        # An exam on a Saturday → the Saturday three weeks later → Monday.
        (oslo(2026, 5, 30, 15, 0), oslo(2026, 6, 22, 15, 0)),
        # Constitution Day, 17 May 2027, is a Monday.
        (oslo(2027, 4, 26, 12, 0), oslo(2027, 5, 18, 12, 0)),
    ],
)
def test_default_grading_deadline(submission: datetime, expected: datetime) -> None:
    deadline = default_grading_deadline(submission, OSLO)
    assert deadline == expected
    assert deadline.tzinfo is UTC


def test_default_grading_deadline_exact_utc_instants() -> None:
    winter = default_grading_deadline(oslo(2026, 12, 4, 9, 0), OSLO)
    assert winter == datetime(2026, 12, 28, 8, 0, tzinfo=UTC)
    into_summer = default_grading_deadline(oslo(2026, 3, 12, 9, 0), OSLO)
    assert into_summer == datetime(2026, 4, 7, 7, 0, tzinfo=UTC)


def test_default_grading_deadline_counts_days_in_local_time() -> None:
    # 23:30 UTC on Thursday 10 December is 00:30 on Friday 11 December in Oslo; three
    # weeks later is New Year's Day (Friday), so the deadline is Monday 4 January 00:30.
    submission = datetime(2026, 12, 10, 23, 30, tzinfo=UTC)
    deadline = default_grading_deadline(submission, OSLO)
    assert deadline == datetime(2027, 1, 3, 23, 30, tzinfo=UTC)
    assert deadline.astimezone(OSLO).date() == date(2027, 1, 4)


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
