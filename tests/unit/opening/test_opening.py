"""Opening a test (the service behind `sensorbot open` and `/sensur open`), and test states."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.exams import audit
from bot.exams.phase import TestState, state_of
from bot.opening.readiness import BlockerKind
from bot.opening.service import AlreadyOpen, Opened, Refused, open_test
from models import tables
from models.db import session_scope
from tests.support.factories import T0, add_candidates, add_grader, add_membership
from tests.support.scheduling import TEST_ID, make_final, marking_setup

AFTER = T0 + timedelta(hours=2)


def _open(engine, now=AFTER, actor="konsulent@ntnu.no"):
    with session_scope(engine) as session:
        return open_test(session, session.get(tables.Test, TEST_ID), actor, now)


def _test(engine) -> tables.Test:
    with session_scope(engine) as session:
        return session.get(tables.Test, TEST_ID)


def test_opening_records_the_time_and_who_in_the_audit(engine):
    marking_setup(engine)
    assert _open(engine) == Opened(TEST_ID, AFTER, graders=2)
    assert _test(engine).opened_for_marking == AFTER
    with session_scope(engine) as session:
        (entry,) = audit.entries(session, test_id=TEST_ID)
    assert (entry.actor, entry.action, entry.old_value, entry.new_value) == (
        "konsulent@ntnu.no",
        "test.opened",
        None,
        AFTER.isoformat(),
    )


def test_opening_an_open_test_changes_nothing(engine):
    marking_setup(engine)
    _open(engine)
    assert _open(engine, now=AFTER + timedelta(hours=1), actor="other@ntnu.no") == AlreadyOpen(
        TEST_ID, AFTER
    )
    with session_scope(engine) as session:
        assert len(audit.entries(session, test_id=TEST_ID)) == 1


def test_an_opening_time_written_ahead_is_brought_forward(engine):
    marking_setup(engine, opened_for_marking=AFTER + timedelta(days=2))
    assert isinstance(_open(engine), Opened)
    assert _test(engine).opened_for_marking == AFTER


def test_refused_with_every_blocker_while_blockers_exist_and_nothing_changes(engine):
    marking_setup(engine)
    add_grader(engine, "per@ntnu.no")
    add_membership(engine, TEST_ID, "per@ntnu.no", None)
    add_candidates(engine, TEST_ID, None, ["999"])
    add_candidates(engine, TEST_ID, "1", ["998"], status="redelivery")

    result = _open(engine, now=T0 - timedelta(minutes=1))

    assert isinstance(result, Refused)
    assert {b.kind for b in result.readiness.blockers} == {
        BlockerKind.test_not_ended,
        BlockerKind.graders_without_committee,
        BlockerKind.candidates_without_committee,
        BlockerKind.candidates_open_for_redelivery,
    }
    assert _test(engine).opened_for_marking is None
    with session_scope(engine) as session:
        assert audit.entries(session, test_id=TEST_ID) == []


@pytest.mark.parametrize(
    ("opened", "now", "state"),
    [
        (None, T0 - timedelta(seconds=1), TestState.awaiting_deadline),
        (None, T0, TestState.awaiting_admin),
        (T0 + timedelta(days=1), T0 + timedelta(hours=23), TestState.awaiting_admin),
        (T0 + timedelta(days=1), T0 + timedelta(days=1), TestState.open),
    ],
)
def test_state_is_derived_from_the_deadline_and_the_opening(engine, opened, now, state):
    marking_setup(engine, opened_for_marking=opened)
    with session_scope(engine) as session:
        assert state_of(session, session.get(tables.Test, TEST_ID), now) == state


def test_state_needs_an_aware_time(engine):
    marking_setup(engine)
    with session_scope(engine) as session, pytest.raises(ValueError):
        state_of(session, session.get(tables.Test, TEST_ID), T0.replace(tzinfo=None))


def test_graded_once_every_committee_is_final_then_transferred(engine):
    marking_setup(
        engine, opened_for_marking=AFTER, graders=(("ola@ntnu.no", "1"), ("kari@ntnu.no", "2"))
    )
    later = AFTER + timedelta(days=3)

    def state() -> TestState:
        with session_scope(engine) as session:
            return state_of(session, session.get(tables.Test, TEST_ID), later)

    make_final(engine, TEST_ID, "1")
    assert state() == TestState.open
    make_final(engine, TEST_ID, "2")
    assert state() == TestState.graded
    with session_scope(engine) as session:
        session.get(tables.Test, TEST_ID).transferred_at = later
    assert state() == TestState.transferred
