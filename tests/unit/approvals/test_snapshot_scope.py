"""A snapshot read for one grader (a grade sheet's preview) answers as the whole test's
does for that grader's committees, holds no grade of a grader outside them, and refuses
questions about the grades of other committees."""

from __future__ import annotations

import pytest

from bot.approvals.privacy import working_grades
from bot.approvals.state import (
    candidate_order,
    in_candidate_order,
    load_snapshot,
    one_snapshot_per_test,
)
from bot.gradesheets.grader_view import grader_roster, sheet_grades
from models.db import session_scope
from models.tables import Test as ExamTest
from tests.support.factories import add_candidates, add_grader, add_membership, add_test, put_grades

TEST = "TDT4100-2026H"
KARI, OLA, PER = "kari@ntnu.no", "ola@ntnu.no", "per@ntnu.no"


@pytest.fixture
def two_committees(engine, request):
    """Kari and Ola grade committee 1 (101–103), Per committee 2 (201–202)."""
    add_test(engine, TEST, marking_mode=request.param)
    for email in (KARI, OLA, PER):
        add_grader(engine, email)
    for email, committee in ((KARI, "1"), (OLA, "1"), (PER, "2")):
        add_membership(engine, TEST, email, committee)
    add_candidates(engine, TEST, "1", ["101", "102", "103"])
    add_candidates(engine, TEST, "2", ["201", "202"])
    put_grades(engine, TEST, KARI, {"101": "A", "102": "B"})
    put_grades(engine, TEST, OLA, {"101": "C", "103": "D"})
    put_grades(engine, TEST, PER, {"201": "E"})
    return engine


def answers(session) -> tuple:
    """What a preview asks about Kari's committee."""
    snapshot = load_snapshot(session, TEST)
    test = session.get(ExamTest, TEST)
    grades = sheet_grades(session, test, KARI)
    return (
        snapshot.committees_of(KARI),
        snapshot.status("1"),
        working_grades(session, TEST, KARI),
        grader_roster(session, test, KARI),
        grades.current,
        grades.aligning,
    )


@pytest.mark.parametrize("two_committees", ["private", "shared"], indirect=True)
def test_a_graders_snapshot_answers_for_their_committees_as_the_whole_tests(two_committees):
    with session_scope(two_committees) as session:
        whole = answers(session)
    with session_scope(two_committees) as session, one_snapshot_per_test(session, viewer=KARI):
        assert answers(session) == whole
        snapshot = load_snapshot(session, TEST)
        assert snapshot.own_grades(OLA, "1") == {"101": "C", "103": "D"}
        # Per's grades were not read: committee 2 is not Kari's to ask about.
        with pytest.raises(ValueError, match="committee 2"):
            snapshot.own_grades(PER, "2")
        with pytest.raises(ValueError, match="committee 2"):
            snapshot.status("2")
        # The roster still holds every candidate, so that a sheet can name their committee.
        roster = grader_roster(session, session.get(ExamTest, TEST), KARI)
        assert roster.candidates["201"].committee == "2"


@pytest.mark.parametrize("two_committees", ["private"], indirect=True)
def test_a_graders_snapshot_cannot_answer_for_another_grader(two_committees):
    with (
        session_scope(two_committees) as session,
        one_snapshot_per_test(session, viewer=KARI),
        pytest.raises(ValueError, match="another"),
        one_snapshot_per_test(session, viewer=PER),
    ):
        load_snapshot(session, TEST)


def test_candidates_in_order_as_candidate_order_sorts_them():
    ids = ["10", "9", "B2", "0010", "a1", "100", "1", "A1", "010"]
    assert in_candidate_order(ids) == tuple(sorted(ids, key=candidate_order))
    assert in_candidate_order([]) == ()
