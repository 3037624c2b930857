"""Grading deadlines and working days (SPEC §2.5).

The grading deadline is three weeks after the exam: the same weekday and local time
three weeks later, moved to the next working day when that is a Saturday, a Sunday or a
Norwegian public holiday.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

GRADING_PERIOD = timedelta(weeks=3)
_SATURDAY = 5


@cache
def _norwegian_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    if isinstance(day, datetime):
        raise TypeError("is_working_day takes a date; convert a datetime to local time first")
    return day.weekday() < _SATURDAY and day not in _norwegian_holidays(day.year)


def first_working_day_from(day: date) -> date:
    """`day` itself when it is a working day, otherwise the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return first_working_day_from(day + timedelta(days=1))


def default_grading_deadline(submission_deadline: datetime, tz: ZoneInfo) -> datetime:
    """Three weeks after `submission_deadline` at the same local wall-clock time in `tz`,
    on the first working day from then; returned as an aware UTC datetime."""
    if submission_deadline.tzinfo is None:
        raise ValueError("submission_deadline must be timezone-aware")
    local = submission_deadline.astimezone(tz)
    day = first_working_day_from(local.date() + GRADING_PERIOD)
    return datetime.combine(day, local.time(), tzinfo=tz).astimezone(UTC)
