"""The roster and grades as one grader sees them: what they may grade, which
committees are locked for them, the grades a sheet is compared with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from bot.approvals import (
    Phase,
    grading_status,
    locked_committees,
    visible_grades,
    working_grades,
)
from bot.approvals.state import load_snapshot, one_snapshot_per_test
from bot.complaints.candidates import complaint_candidates, is_complaint_committee
from bot.gradesheets.validation import (
    CurrentGrade,
    GraderRoster,
    RosterCandidate,
)
from models.tables import (
    Candidate,
    Grade,
    Test,
)

# -- the roster as one grader sees it ------------------------------------------------------


def grader_roster(session: Session, test: Test, grader_email: str) -> GraderRoster:
    """What the grader may grade on the test, with the committees whose grades they may no
    longer change (own grading approved, or final). A candidate whose complaint the grader
    grades is theirs in the complaint committee, and only there."""
    with one_snapshot_per_test(session, viewer=grader_email):  # read once for both
        snapshot = load_snapshot(session, test.test_id)
        if snapshot is None:
            raise ValueError(f"no test {test.test_id}")
        locked = locked_committees(session, test.test_id, grader_email)
    committees = snapshot.memberships_of(grader_email)
    in_complaint = {
        candidate: committee
        for committee in sorted(committees & snapshot.complaint_committees)
        for candidate in snapshot.submitted(committee)
    }
    make = tuple.__new__  # RosterCandidate's fields, without its constructor's cost
    candidates = {
        candidate_id: make(RosterCandidate, fact)
        for candidate_id, fact in snapshot.candidates.items()
    }
    for candidate_id, committee in in_complaint.items():
        if (fact := snapshot.candidates.get(candidate_id)) is not None:
            candidates[candidate_id] = RosterCandidate(candidate_id, committee, fact.status)
    return GraderRoster(
        test_id=test.test_id,
        scale=test.grade_scale,
        candidates=candidates,
        grader_committees=committees,
        locked={committee: reason.value for committee, reason in locked.items()},
    )


def current_grades(session: Session, test: Test, grader_email: str) -> dict[str, CurrentGrade]:
    """The grades this grader works from, as the approvals' privacy rule lets them see:
    their own (private marking), or the committee's current grade (shared marking)."""
    make = tuple.__new__  # CurrentGrade's fields, without its constructor's cost
    return {
        candidate: make(CurrentGrade, (entry.value, entry.points, entry.explanation))
        for candidate, entry in working_grades(session, test.test_id, grader_email).items()
    }


@dataclass(frozen=True)
class SheetGrades:
    """The grades a grade sheet of this grader is compared with (and a template shows):
    the working grades, and for committees agreeing grades now, their agreed grades."""

    current: dict[str, CurrentGrade]
    aligning: frozenset[str]


def sheet_grades(session: Session, test: Test, grader_email: str) -> SheetGrades:
    current = current_grades(session, test, grader_email)
    aligning = frozenset(
        g.committee
        for g in grading_status(session, test, grader_email)
        if g.phase == Phase.aligning
    )
    for committee in sorted(aligning):
        visible = visible_grades(session, test.test_id, grader_email, committee)
        for candidate in _committee_candidates(session, test.test_id, committee):
            agreed = visible.agreed.get(candidate)
            if agreed is None:
                current.pop(candidate, None)
            else:
                current[candidate] = CurrentGrade(agreed)
    return SheetGrades(current, aligning)


def _committee_candidates(session: Session, test_id: str, committee: str) -> list[str]:
    if is_complaint_committee(session, test_id, committee):
        return complaint_candidates(session, test_id, committee)
    return list(
        session.exec(
            select(Candidate.candidate_id).where(
                Candidate.test_id == test_id, Candidate.committee == committee
            )
        ).all()
    )


def grade_rows(session: Session, test_id: str, grader_email: str) -> list[Grade]:
    return list(
        session.exec(
            select(Grade).where(Grade.test_id == test_id, Grade.grader_email == grader_email)
        ).all()
    )


def complete_committees(session: Session, test: Test, grader_email: str) -> list[str]:
    """The grader's committees where every submitted candidate has a grade (the grader's own
    in private marking, the committee's in shared marking), as the approvals count it."""
    return sorted(g.committee for g in grading_status(session, test, grader_email) if g.complete)
