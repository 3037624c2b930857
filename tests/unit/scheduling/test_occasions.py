"""When occasions are due (pure time rules), and claiming each occasion once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.scheduling.occasions import claim_occasion, reminder_bands, reminder_due
from models.db import session_scope
from tests.support.factories import add_test
from tests.support.scheduling import OSLO, oslo

DAYS = [7, 2, 1]
DEADLINE = oslo(2026, 12, 31, 9, 0)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (oslo(2026, 12, 23, 12, 0), None),  # 8 days left
        (oslo(2026, 12, 24, 3, 0), None),  # 7 days left, before 09:00
        (oslo(2026, 12, 24, 8, 59, 59), None),
        (oslo(2026, 12, 24, 9, 0), 7),
        (oslo(2026, 12, 24, 23, 59), 7),
        (oslo(2026, 12, 28, 9, 0), 7),  # 3 days left: still the 7-day reminder's band
        (oslo(2026, 12, 29, 9, 0), 2),
        (oslo(2026, 12, 30, 9, 0), 1),
        (oslo(2026, 12, 31, 8, 59), None),  # deadline day, before 09:00
        (oslo(2026, 12, 31, 9, 0), None),  # the deadline itself: overdue, not a reminder
    ],
)
def test_reminder_due(now, due):
    assert reminder_due(DEADLINE, now, OSLO, DAYS) == due


def test_on_the_deadline_day_before_the_deadline_the_last_reminder_is_still_due():
    late_deadline = oslo(2026, 12, 31, 16, 0)
    assert reminder_due(late_deadline, oslo(2026, 12, 31, 10, 0), OSLO, DAYS) == 1


@pytest.mark.parametrize(
    ("deadline", "utc_hour_before", "utc_hour_on"),
    [
        (oslo(2026, 10, 26, 10, 0), 7, 8),  # the reminder day is in winter time (UTC+1)
        (oslo(2026, 10, 25, 10, 0), 6, 7),  # the day before the change: summer time (UTC+2)
        (oslo(2027, 3, 29, 12, 0), 6, 7),  # the change day, already summer time
    ],
)
def test_nine_oclock_follows_daylight_saving(deadline, utc_hour_before, utc_hour_on):
    day = (deadline - timedelta(days=1)).astimezone(OSLO).date()
    before = datetime(day.year, day.month, day.day, utc_hour_before, 59, tzinfo=UTC)
    on = datetime(day.year, day.month, day.day, utc_hour_on, 0, tzinfo=UTC)
    assert reminder_due(deadline, before, OSLO, DAYS) is None
    assert reminder_due(deadline, on, OSLO, DAYS) == 1


def test_bands_cover_each_deadline_by_exactly_the_reminder_due():
    now = oslo(2026, 10, 24, 9, 30)  # the day before summer time ends
    bands = reminder_bands(now, OSLO, DAYS)
    assert [b.days for b in bands] == [1, 2, 7]
    for hours in range(0, 24 * 10, 1):
        deadline = now + timedelta(hours=hours, minutes=1)
        matching = [b.days for b in bands if b.start <= deadline < b.end]
        expected = reminder_due(deadline, now, OSLO, DAYS)
        assert matching == ([expected] if expected else []), deadline


def test_no_bands_before_nine():
    assert reminder_bands(oslo(2026, 12, 24, 8, 0), OSLO, DAYS) == []


def test_an_occasion_is_claimed_once_and_again_for_a_moved_deadline(engine):
    add_test(engine, "T-1")
    now = oslo(2026, 12, 24, 9, 0)
    with session_scope(engine) as session:
        assert claim_occasion(session, "T-1", "opened", now)
        assert not claim_occasion(session, "T-1", "opened", now + timedelta(hours=1))
        assert claim_occasion(session, "T-1", "reminder:7", now, DEADLINE)
        assert not claim_occasion(session, "T-1", "reminder:7", now, DEADLINE)
        moved = DEADLINE + timedelta(days=7)
        assert claim_occasion(session, "T-1", "reminder:7", now, moved)
        assert not claim_occasion(session, "T-1", "reminder:7", now, moved)
