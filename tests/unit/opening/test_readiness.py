"""Readiness checks of SPEC §2.2 on the store alone (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest

from bot.opening.readiness import (
    COMPLAINT_BLOCKER_KINDS,
    SHOWN_CANDIDATES,
    Blocker,
    BlockerKind,
    Notice,
    NoticeKind,
    readiness,
)
from models import tables
from models.db import session_scope
from tests.support.factories import T0, add_candidates, add_grader, add_membership, add_test

AFTER = T0 + timedelta(hours=1)


def _ready_test(engine, test_id="A-1", *, new_graders=True):
    """A test with two committees, a grader each, and submitted candidates in both."""
    add_test(engine, test_id)
    for grader, committee in (("g1@ntnu.no", "1"), ("g2@ntnu.no", "2")):
        if new_graders:
            add_grader(engine, grader)
        add_membership(engine, test_id, grader, committee)
    add_candidates(engine, test_id, "1", ["101", "102"])
    add_candidates(engine, test_id, "2", ["201"])


def _readiness(engine, test_id="A-1", now=AFTER):
    with session_scope(engine) as session:
        return readiness(session, session.get(tables.Test, test_id), now=now)


def test_a_prepared_test_after_its_deadline_is_ready(engine):
    _ready_test(engine)
    status = _readiness(engine)
    assert status.ready
    assert status.blockers == () and status.notices == ()


def test_not_ended_until_the_submission_deadline(engine):
    _ready_test(engine)
    before = _readiness(engine, now=T0 - timedelta(seconds=1))
    assert before.blockers == (Blocker(BlockerKind.test_not_ended),)
    assert _readiness(engine, now=T0).ready


def test_graders_without_committee_counts_each_grader_once(engine):
    _ready_test(engine)
    add_grader(engine, "g3@ntnu.no")
    add_grader(engine, "g4@ntnu.no")
    add_membership(engine, "A-1", "g3@ntnu.no", None)
    add_membership(engine, "A-1", "g4@ntnu.no", None)
    # A blank row for a grader who is also in a committee is not a grader without committee.
    add_membership(engine, "A-1", "g1@ntnu.no", None)
    status = _readiness(engine)
    assert status.blockers == (Blocker(BlockerKind.graders_without_committee, 2),)


def test_submitted_candidates_without_committee(engine):
    _ready_test(engine)
    add_candidates(engine, "A-1", None, ["301", "302", "303"])
    add_candidates(engine, "A-1", None, ["304"], status="absent")
    status = _readiness(engine)
    assert status.blocker(BlockerKind.candidates_without_committee) == Blocker(
        BlockerKind.candidates_without_committee, 3, candidates=("301", "302", "303")
    )
    # The absent one is only a notice.
    assert status.notice(NoticeKind.candidates_not_submitted) == Notice(
        NoticeKind.candidates_not_submitted, 1
    )


def test_submitted_candidates_in_committees_without_grader(engine):
    _ready_test(engine)
    add_candidates(engine, "A-1", "3", ["401", "402"])
    add_candidates(engine, "A-1", "4", ["501"])
    add_candidates(engine, "A-1", "5", ["601"], status="absent")
    status = _readiness(engine)
    assert status.blockers == (
        Blocker(BlockerKind.candidates_without_grader, 3, 2, ("401", "402", "501")),
    )


def test_candidates_open_for_redelivery(engine):
    _ready_test(engine)
    add_candidates(engine, "A-1", "1", ["103"], status="redelivery")
    status = _readiness(engine)
    assert status.blockers == (
        Blocker(BlockerKind.candidates_open_for_redelivery, 1, candidates=("103",)),
    )


def test_graders_in_a_committee_without_candidates_is_a_notice(engine):
    _ready_test(engine)
    add_grader(engine, "g5@ntnu.no")
    add_membership(engine, "A-1", "g5@ntnu.no", "9")
    status = _readiness(engine)
    assert status.ready
    assert status.notices == (Notice(NoticeKind.graders_in_empty_committees, 1, 1),)


def test_every_blocker_at_once_and_other_tests_do_not_count(engine):
    _ready_test(engine)
    _ready_test(
        engine, "B-1", new_graders=False
    )  # same graders, another test: must not leak into A-1
    add_grader(engine, "g3@ntnu.no")
    add_membership(engine, "A-1", "g3@ntnu.no", None)
    add_candidates(engine, "A-1", None, ["301"])
    add_candidates(engine, "A-1", "7", ["701"])
    add_candidates(engine, "A-1", "1", ["104"], status="redelivery")
    add_candidates(engine, "B-1", None, ["901", "902"])
    status = _readiness(engine, now=T0 - timedelta(minutes=1))
    ordinary = [kind for kind in BlockerKind if kind not in COMPLAINT_BLOCKER_KINDS]
    assert [b.kind for b in status.blockers] == ordinary
    assert all(b.count == 1 for b in status.blockers if b.kind != BlockerKind.test_not_ended)
    assert [b.candidates for b in status.blockers][2:] == [("301",), ("701",), ("104",)]
    assert _readiness(engine, "B-1").blockers == (
        Blocker(BlockerKind.candidates_without_committee, 2, candidates=("901", "902")),
    )


def test_a_blocker_names_its_first_ten_candidates_in_number_order(engine):
    _ready_test(engine)
    add_candidates(engine, "A-1", None, [str(n) for n in range(10012, 9, -1000)] + ["9"])
    status = _readiness(engine)
    (blocker,) = status.blockers
    assert blocker.count == 12
    assert blocker.candidates == ("9", "12", *(str(n) for n in range(1012, 9000, 1000)))
    assert len(blocker.candidates) == SHOWN_CANDIDATES


def test_naming_candidates_costs_one_query_per_candidate_blocker(engine):
    """The checks stay aggregate: a few queries per test however many candidates it has."""
    from sqlalchemy import event

    _ready_test(engine)
    add_candidates(engine, "A-1", None, [str(n) for n in range(1000, 1500)])
    add_candidates(engine, "A-1", "9", [str(n) for n in range(2000, 2500)])
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        status = _readiness(engine)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [b.count for b in status.blockers] == [500, 500]
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The test row, four aggregate checks, and one for each of the two named blockers.
    assert len(selects) == 7


def test_naive_now_is_refused(engine):
    _ready_test(engine)
    with pytest.raises(ValueError, match="timezone-aware"):
        _readiness(engine, now=AFTER.replace(tzinfo=None))
