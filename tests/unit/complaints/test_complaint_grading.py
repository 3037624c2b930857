"""Complaint grading as a service (no Slack): the complaint committee grades only its
complaints' candidates, privately and with final approval by all whatever the test says,
blind to the original grades; a grade two or more letters from the original is held until
a consultant of the test makes it final; the complaint export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot import approvals
from bot.approvals import NoticeKind, Phase
from bot.approvals.privacy import visible_grades, working_grades
from bot.approvals.state import load_snapshot
from bot.complaints.hold import ConfirmRefusal, confirm_held_grade, two_or_more_apart
from bot.exams import audit
from bot.exams.people import Roles
from bot.gradesheets.export import export_complaint_grades
from bot.gradesheets.grader_view import grader_roster
from bot.gradesheets.template import template_rows
from models.db import session_scope
from models.tables import Complaint, ComplaintStatus
from models.tables import Test as ExamTest
from tests.support.factories import (
    add_candidates,
    add_complaint,
    add_complaint_committee,
    add_grader,
    add_membership,
    add_test,
    put_grades,
    transfer_to_fs,
)

TEST = "TMA4100-2026H"
KARI, OLA = "kari@ntnu.no", "ola@ntnu.no"  # the original committee "1"
NINA, EVA = "nina@ntnu.no", "eva@uio.no"  # the complaint committee "K"
CONSULTANT = "konsulent@ntnu.no"
ORIGINAL = {"101": "B", "102": "C", "103": "A"}


def consultant() -> Roles:
    return Roles(CONSULTANT, None, frozenset({TEST}), False, False)


def grader_roles(email: str) -> Roles:
    return Roles(email, None, frozenset(), False, False)


def run(engine, step, *args, **kwargs) -> approvals.ApprovalOutcome:
    with session_scope(engine) as session:
        return step(session, TEST, *args, **kwargs)


@pytest.fixture
def graded(engine):
    """A test graded and transferred: shared marking, final approval by one and own approval
    across committees (none of which the complaint committee follows). Complaints on 101
    (original B) and 102 (original C) go to complaint committee K: Nina and Eva."""
    add_test(
        engine,
        TEST,
        consultants=(CONSULTANT,),
        marking_mode="shared",
        final_approval="one",
        own_approval="all_committees",
    )
    for email, name, kind in (
        (KARI, "Kari Nordmann", "internal"),
        (OLA, "Ola Hansen", "internal"),
        (NINA, "Nina Berg", "internal"),
        (EVA, "Eva Lund", "external"),
    ):
        add_grader(engine, email, kind, name=name)
    for email in (KARI, OLA):
        add_membership(engine, TEST, email, "1")
    add_candidates(engine, TEST, "1", list(ORIGINAL))
    put_grades(engine, TEST, KARI, ORIGINAL)
    assert run(engine, approvals.approve_final, "1", KARI).changed
    transfer_to_fs(engine, TEST, consultant())
    add_complaint_committee(engine, TEST, "K", (NINA, EVA))
    for candidate in ("101", "102"):
        add_complaint(engine, TEST, candidate, "K")
    return engine


def grade_complaints(engine, nina: dict, eva: dict) -> approvals.ApprovalOutcome:
    """Both complaint graders grade and approve their own grading; they agree any
    difference on Nina's grade; both approve the final grades. The last approval's outcome."""
    put_grades(engine, TEST, NINA, nina)
    put_grades(engine, TEST, EVA, eva)
    for grader in (NINA, EVA):
        assert run(engine, approvals.approve_own, grader).changed
    differing = {c: nina[c] for c, g in eva.items() if nina[c] != g}
    if differing:
        assert run(engine, approvals.set_agreed_grades, "K", NINA, differing).changed
    first = run(engine, approvals.approve_final, "K", NINA)
    assert first.refusal is None
    assert not any(n.kind == NoticeKind.complaint_held for n in first.notices)
    return run(engine, approvals.approve_final, "K", EVA)


def complaint(engine, candidate: str) -> Complaint:
    with session_scope(engine) as session:
        found = session.exec(select(Complaint).where(Complaint.candidate_id == candidate)).one()
        session.expunge(found)
        return found


def test_the_complaint_committee_grades_its_complaints_candidates_privately(graded):
    with session_scope(graded) as session:
        snapshot = load_snapshot(session, TEST)
        assert snapshot is not None
        assert snapshot.committee_names == ("1",)
        assert snapshot.complaint_committee_names == ("K",)
        status = snapshot.status("K")
        assert status.submitted == ("101", "102")
        assert status.graders == (EVA, NINA)
        assert not status.shared and status.phase == Phase.grading
        # The grading round is untouched: still graded, still in committee 1.
        assert snapshot.is_graded() and snapshot.submitted("1") == ("101", "102", "103")
        roster = grader_roster(session, session.get(ExamTest, TEST), NINA)
        assert {c for c, e in roster.candidates.items() if e.committee == "K"} == {"101", "102"}
        assert roster.candidates["103"].committee == "1"
        assert template_rows(session, session.get(ExamTest, TEST), NINA) == [
            ("101", None),
            ("102", None),
        ]


def test_a_complaint_grader_never_sees_the_original_grades_or_who_gave_them(graded):
    # Even one the roster wrongly also put in the original committee.
    add_membership(graded, TEST, NINA, "1")
    put_grades(graded, TEST, NINA, {"101": "E"})
    with session_scope(graded) as session:
        original = visible_grades(session, TEST, NINA, "1")
        assert "101" not in original.agreed and "102" not in original.agreed
        assert all("101" not in g and "102" not in g for g in original.by_grader.values())
        assert "101" not in original.committee_grades and "102" not in original.committee_grades
        assert original.agreed == {"103": "A"}  # a candidate she was not given a complaint on
        mine = working_grades(session, TEST, NINA)
        assert mine["101"].value == "E" and mine["101"].grader == NINA
        assert "102" not in mine
        # Eva, only in K, sees nothing of committee 1, not even who is in it.
        assert visible_grades(session, TEST, EVA, "1").by_grader == {}
        assert visible_grades(session, TEST, EVA, "1").agreed == {}
        assert working_grades(session, TEST, EVA) == {}
        # The consultants see both rounds.
        assert visible_grades(session, TEST, CONSULTANT, "1").agreed["101"] == "B"


def test_a_grade_two_letters_from_the_original_is_held_one_letter_is_final(graded):
    outcome = grade_complaints(graded, {"101": "D", "102": "B"}, {"101": "D", "102": "C"})
    held = [n for n in outcome.notices if n.kind == NoticeKind.complaint_held]
    assert [(n.recipient, n.committee) for n in held] == [(CONSULTANT, "K")]
    assert held[0].params["complaint_id"] == complaint(graded, "101").id
    assert not any(n.kind == NoticeKind.complaints_final for n in outcome.notices)
    assert not any(n.kind == NoticeKind.transfer_prompt for n in outcome.notices)
    assert complaint(graded, "101").status == ComplaintStatus.held
    final = complaint(graded, "102")
    assert (final.status, final.final_grade, final.confirmed_by) == (
        ComplaintStatus.final,
        "B",
        EVA,
    )
    with session_scope(graded) as session:
        (entry,) = audit.entries(session, test_id=TEST, action="complaint_final")
        assert (entry.old_value, entry.new_value) == ("C", "B")
        (entry,) = audit.entries(session, test_id=TEST, action="complaint_held")
        assert (entry.old_value, entry.new_value) == ("B", "D")
        snapshot = load_snapshot(session, TEST)
        assert snapshot is not None and snapshot.test.transferred_at is not None
        # The ordinary export keeps the original grades.
        assert approvals.final_grades(session, TEST) == ORIGINAL


def test_final_approval_of_a_complaint_committee_needs_every_grader(graded):
    put_grades(graded, TEST, NINA, {"101": "B", "102": "C"})
    put_grades(graded, TEST, EVA, {"101": "B", "102": "C"})
    for grader in (NINA, EVA):
        run(graded, approvals.approve_own, grader)
    assert run(graded, approvals.approve_final, "K", NINA).changed
    with session_scope(graded) as session:
        snapshot = load_snapshot(session, TEST)
        assert snapshot is not None and snapshot.status("K").phase == Phase.final_approval
    last = run(graded, approvals.approve_final, "K", EVA)
    assert [n.recipient for n in last.notices if n.kind == NoticeKind.complaints_final] == [
        CONSULTANT
    ]


def test_only_a_consultant_of_the_test_makes_a_held_grade_final(graded):
    grade_complaints(graded, {"101": "D", "102": "B"}, {"101": "D", "102": "C"})
    held_id = complaint(graded, "101").id
    assert held_id is not None
    for presser in (
        grader_roles(NINA),
        Roles("other@ntnu.no", None, frozenset({"X"}), False, False),
    ):
        with session_scope(graded) as session:
            refused = confirm_held_grade(session, held_id, presser)
        assert refused.refusal == ConfirmRefusal.not_consultant
        assert complaint(graded, "101").status == ComplaintStatus.held
    with session_scope(graded) as session:
        confirmed = confirm_held_grade(session, held_id, consultant())
    assert confirmed.refusal is None and confirmed.all_final
    made = complaint(graded, "101")
    assert (made.status, made.final_grade, made.confirmed_by) == (
        ComplaintStatus.final,
        "D",
        CONSULTANT,
    )
    with session_scope(graded) as session:
        (entry,) = audit.entries(session, test_id=TEST, action="complaint_confirmed")
        assert (entry.actor, entry.old_value, entry.new_value) == (CONSULTANT, "B", "D")
        again = confirm_held_grade(session, held_id, consultant())
    assert again.refusal == ConfirmRefusal.already_final


def test_the_complaint_export_lists_only_final_complaint_grades(graded):
    with session_scope(graded) as session:
        assert export_complaint_grades(session, TEST) is None
    grade_complaints(graded, {"101": "D", "102": "B"}, {"101": "D", "102": "C"})
    with session_scope(graded) as session:
        export = export_complaint_grades(session, TEST)
    assert export is not None
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows == [("Candidate ID", "Grade"), ("102", "B")]


def test_a_reopened_complaint_committee_grades_its_held_complaints_again(graded):
    grade_complaints(graded, {"101": "D", "102": "B"}, {"101": "D", "102": "C"})
    reopened = run(graded, approvals.reopen_committee, "K", consultant(), "Feil i sensuren")
    assert reopened.refusal is None
    assert complaint(graded, "101").status == ComplaintStatus.open
    assert complaint(graded, "102").status == ComplaintStatus.final


@pytest.mark.parametrize(
    ("original", "new", "held"),
    [
        ("A", "C", True),
        ("F", "D", True),
        ("B", "C", False),
        ("C", "C", False),
        ("Pass", "NotPass", False),
        (None, "A", True),
    ],
)
def test_two_or_more_letters_apart(original, new, held):
    assert two_or_more_apart(original, new) is held


def test_a_test_marked_in_inspera_lists_only_the_complaint_candidates_and_no_grades(engine):
    add_test(engine, TEST, consultants=(CONSULTANT,), grading_in="inspera")
    for email in (KARI, NINA, EVA):
        add_grader(engine, email)
    add_membership(engine, TEST, KARI, "1")
    add_candidates(engine, TEST, "1", list(ORIGINAL))
    add_complaint_committee(engine, TEST, "K", (NINA, EVA))
    add_complaint(engine, TEST, "103", "K")
    with session_scope(engine) as session:
        test = session.get(ExamTest, TEST)
        assert template_rows(session, test, NINA) == [("103", None)]
        roster = grader_roster(session, test, NINA)
        assert roster.grader_committees == frozenset({"K"})
        assert roster.candidates["103"].committee == "K"
        assert roster.candidates["101"].committee == "1"  # an error with its row, if graded
        assert template_rows(session, test, KARI) == [("101", None), ("102", None), ("103", None)]


def test_a_grader_of_both_rounds_approves_the_complaint_committee_apart(engine):
    """Own approval across committees covers the grading round only; the complaint
    committee is approved on its own, and its reopening leaves the other prompt alone."""
    add_test(engine, TEST, consultants=(CONSULTANT,), own_approval="all_committees")
    for email in (KARI, OLA, NINA, EVA):
        add_grader(engine, email)
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, NINA, "2")
    add_candidates(engine, TEST, "1", ["101"])
    add_candidates(engine, TEST, "2", ["201"])
    add_complaint_committee(engine, TEST, "K", (NINA, EVA))
    add_complaint(engine, TEST, "101", "K")
    put_grades(engine, TEST, NINA, {"201": "B", "101": "C"})
    with session_scope(engine) as session:
        snapshot = load_snapshot(session, TEST)
        assert snapshot is not None
        assert snapshot.across_committees_of(NINA) == ("2",)
    across = run(engine, approvals.approve_own, NINA)
    assert across.refusal is None
    with session_scope(engine) as session:
        snapshot = load_snapshot(session, TEST)
        assert snapshot is not None
        assert NINA in snapshot.status("2").own_approved
        assert NINA not in snapshot.status("K").own_approved
    assert run(engine, approvals.approve_own, NINA, "K").changed
    before = run(engine, lambda s, t: load_snapshot(s, t).grader_round(NINA))
    assert run(engine, approvals.reopen_committee, "K", consultant(), "Ny vurdering").changed
    assert run(engine, lambda s, t: load_snapshot(s, t).grader_round(NINA)) == before
