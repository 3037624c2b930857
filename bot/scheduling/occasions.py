"""When the scheduler's occasions are due, and claiming each one once.

Time rules (SPEC §3.7), all in `SENSORBOT_TIMEZONE`:
- reminders go out `SENSORBOT_REMINDER_DAYS` local days before the grading deadline's local
  date, at 09:00 or on the first pass after it that day; when one was missed (the bot was
  down), only the latest one due is sent;
- "ended but not opened" nudges go out from the day after the submission deadline, daily
  at 09:00 (or the first pass after it that day);
- overdue notices go out at the grading deadline, and are still sent late for up to
  `CATCH_UP` after it, so a restart does not lose them but an old roster does not wake up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models.inserts import insert_for
from models.tables import HandledOccasion, table_of

DELIVERY_TIME = time(9, 0)
CATCH_UP = timedelta(days=7)

OPENED = "opened"
# A complaint told to its complaint committee: the prefix and the complaint's id.
COMPLAINT_OPENED_PREFIX = "complaint-opened:"
OVERDUE = "overdue"
_HANDLED = table_of(HandledOccasion)


def reminder_occasion(days: int) -> str:
    return f"reminder:{days}"


def nudge_occasion(day: date) -> str:
    return f"nudge:{day.isoformat()}"


def local_day_start(day: date, tz: ZoneInfo) -> datetime:
    """Midnight at the start of local `day`, in UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def delivery_time_reached(now: datetime, tz: ZoneInfo) -> bool:
    """09:00 or later on the local clock: reminders and nudges wait for it."""
    return now.astimezone(tz).time() >= DELIVERY_TIME


def reminder_due(
    deadline: datetime, now: datetime, tz: ZoneInfo, days: Sequence[int]
) -> int | None:
    """The reminder (days before the deadline) due at `now`: the smallest of `days` at least
    as large as the local days left. None before 09:00, outside the reminder days, and once
    the deadline has passed."""
    if now >= deadline or not delivery_time_reached(now, tz):
        return None
    left = (deadline.astimezone(tz).date() - now.astimezone(tz).date()).days
    fitting = [d for d in days if d >= left]
    return min(fitting) if fitting else None


@dataclass(frozen=True)
class ReminderBand:
    """Grading deadlines in [start, end) (UTC) whose due reminder at a moment is `days`."""

    days: int
    start: datetime
    end: datetime


def reminder_bands(now: datetime, tz: ZoneInfo, days: Sequence[int]) -> list[ReminderBand]:
    """For each reminder day d, the deadlines for which d is the reminder due today: those
    whose local date lies after the next smaller reminder day and at most d days ahead."""
    if not delivery_time_reached(now, tz):
        return []
    today = now.astimezone(tz).date()
    bands = []
    previous = -1
    for day in sorted(set(days)):
        first, last = today + timedelta(days=previous + 1), today + timedelta(days=day)
        bands.append(
            ReminderBand(day, local_day_start(first, tz), local_day_start(last + timedelta(1), tz))
        )
        previous = day
    return bands


def claim_occasion(
    session: Session,
    test_id: str,
    occasion: str,
    now: datetime,
    deadline: datetime | None = None,
) -> bool:
    """Record that `occasion` of `test_id` is being handled; True for the one caller that
    gets it (its messages are then enqueued in the same transaction). With a `deadline`,
    an occasion handled for another grading deadline is taken again: the deadline moved.

    On PostgreSQL a concurrent claim of the same occasion waits for the first to commit
    and then gets nothing, so two replicas never both handle it.
    """
    values = {"test_id": test_id, "occasion": occasion, "deadline": deadline, "at": now}
    statement = insert_for(session, _HANDLED).values(values)
    keys = ["test_id", "occasion"]
    if deadline is None:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    else:
        statement = statement.on_conflict_do_update(
            index_elements=keys,
            set_={"deadline": statement.excluded.deadline, "at": statement.excluded.at},
            where=_HANDLED.c.deadline.is_distinct_from(statement.excluded.deadline),
        )
    # RETURNING rather than rowcount: the count is reliable on every driver.
    claimed = session.exec(statement.returning(_HANDLED.c.test_id)).all()
    return len(claimed) == 1
