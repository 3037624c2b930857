"""The calendar of working days, and the deadlines counted on it (SPEC §2.5).

Universitets- og høyskoleloven (2024) § 11-7: "Sensuren skal foreligge innen 15 virkedager
fra eksamen er avlagt". A working day is Monday to Friday, not a Norwegian public holiday
(the `holidays` library's calendar for Norway) and not a day the institution has closed
(`SENSORBOT_CLOSED_DAYS`, e.g. the Christmas week). The default grading deadline is the end
(23:59 local time) of the 15th (`SENSORBOT_GRADING_WORKING_DAYS`) working day after the exam
day. The same calendar serves every other deadline counted in working days: a complaint
is graded "without undue delay" (§ 11-11), which Sensorbot holds to the end of the Nth
working day after it was received (`SENSORBOT_COMPLAINT_WORKING_DAYS`, by default as many
as the grading deadline has). An explanation is due two weeks after the student asked
(§ 11-8), counted in calendar days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

GRADING_WORKING_DAYS = 15  # the act's § 11-7
EXPLANATION_DAYS = 14  # § 11-8: the explanation shall be given within two weeks
# The windows that open when the result is announced: ask for an explanation within one
# week (§ 11-8), complain within three weeks (§ 11-10).
EXPLANATION_ASKED_WITHIN = timedelta(weeks=1)
COMPLAINT_WITHIN = timedelta(weeks=3)
END_OF_DAY = time(23, 59)
_SATURDAY = 5
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


@cache
def _norwegian_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


@dataclass(frozen=True)
class ClosedDays:
    """A yearly range of closed days, first and last included, as (month, day); a range
    whose last day comes before its first runs over New Year (12-28..01-02)."""

    first: tuple[int, int]
    last: tuple[int, int]

    def __contains__(self, day: date) -> bool:
        here = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= here <= self.last
        return here >= self.first or here <= self.last

    def __str__(self) -> str:
        first, last = (f"{m:02}-{d:02}" for m, d in (self.first, self.last))
        return first if first == last else f"{first}..{last}"


def parse_closed_days(text: str) -> tuple[ClosedDays, ...]:
    """`12-24..12-31, 05-02` → the ranges; a mistake raises ValueError naming the part."""
    ranges = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        ends = [end.strip() for end in part.split("..")]
        if len(ends) > 2:
            raise ValueError(f"{part!r} is not MM-DD or MM-DD..MM-DD")
        parsed = [_month_day(end, part) for end in ends]
        ranges.append(ClosedDays(parsed[0], parsed[-1]))
    return tuple(ranges)


def _month_day(text: str, part: str) -> tuple[int, int]:
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"{part!r} is not MM-DD or MM-DD..MM-DD")
    month, day = int(match[1]), int(match[2])
    try:
        date(2024, month, day)  # a leap year: 02-29 is a day that can be closed
    except ValueError:
        raise ValueError(f"{text!r} in {part!r} is not a day of the year") from None
    return month, day


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: Monday to Friday, not Norwegian public holidays, not `closed` days."""

    closed: tuple[ClosedDays, ...] = ()

    def is_working_day(self, day: date) -> bool:
        if isinstance(day, datetime):
            raise TypeError("is_working_day takes a date; convert a datetime to local time first")
        return (
            day.weekday() < _SATURDAY
            and day not in _norwegian_holidays(day.year)
            and not any(day in closed for closed in self.closed)
        )

    def first_working_day_from(self, day: date) -> date:
        """`day` itself when it is a working day, otherwise the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.first_working_day_from(day + timedelta(days=1))

    def working_days_after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_before(self, day: date, count: int) -> date:
        """The `count`-th working day before `day` (`day` itself not counted)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        for _ in range(count):
            day -= timedelta(days=1)
            while not self.is_working_day(day):
                day -= timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days come after `start`, up to and including `end`."""
        days, day = 0, start
        while day < end:
            day += timedelta(days=1)
            days += self.is_working_day(day)
        return days


LAW = WorkingCalendar()


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    return LAW.is_working_day(day)


def first_working_day_from(day: date) -> date:
    return LAW.first_working_day_from(day)


def next_working_day(day: date) -> date:
    return LAW.next_working_day(day)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """23:59 on `day` on the clock of `tz`, as an aware UTC datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=tz).astimezone(UTC)


def default_grading_deadline(
    exam: datetime,
    tz: ZoneInfo,
    calendar: WorkingCalendar = LAW,
    working_days: int = GRADING_WORKING_DAYS,
) -> datetime:
    """The end (23:59 in `tz`) of the `working_days`-th working day after the exam day (the
    local day of `exam`, the submission deadline); an aware UTC datetime."""
    if exam.tzinfo is None:
        raise ValueError("the exam time must be timezone-aware")
    return end_of_day(calendar.working_days_after(exam.astimezone(tz).date(), working_days), tz)


def explanation_due(requested_at: datetime, tz: ZoneInfo) -> datetime:
    """When an explanation asked for at `requested_at` is due (§ 11-8, "innen to uker"): the
    end (23:59 in `tz`) of the day two weeks (14 calendar days) after the local day it was
    asked; an aware UTC datetime."""
    if requested_at.tzinfo is None:
        raise ValueError("the request time must be timezone-aware")
    day = requested_at.astimezone(tz).date() + timedelta(days=EXPLANATION_DAYS)
    return end_of_day(day, tz)


@dataclass(frozen=True)
class DeadlineRule:
    """How a blank `grading_deadline` is filled in: the institution's working days and how
    many of them the graders have (`Settings.deadline_rule`); and how many working days a
    complaint committee has (None: as many as the graders have)."""

    calendar: WorkingCalendar = LAW
    working_days: int = GRADING_WORKING_DAYS
    complaint_working_days: int | None = None

    def grading_deadline(self, exam: datetime, tz: ZoneInfo) -> datetime:
        return default_grading_deadline(exam, tz, self.calendar, self.working_days)

    def complaint_due(self, received_at: datetime, tz: ZoneInfo) -> datetime:
        """The end (23:59 in `tz`) of the Nth working day after the local day the complaint
        was received, counted on the same calendar as the grading deadline."""
        days = self.complaint_working_days or self.working_days
        return default_grading_deadline(received_at, tz, self.calendar, days)
