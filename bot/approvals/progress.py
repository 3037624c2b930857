"""Read-only questions other capabilities ask about approvals: how far a grader has come,
who still has unfinished work (reminders, overdue escalation), which grades are locked
(grade-sheet uploads), which grades are final (the export), and the test's state."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import case, exists, func, or_
from sqlmodel import Session, col, select

from bot.approvals.state import CommitteeStatus, Phase, candidate_order
from bot.approvals.state import load_snapshot as _load
from models.tables import Candidate, CandidateStatus, CommitteeFinal, Test


@dataclass(frozen=True)
class CommitteeGrading:
    """One grader's grading of one committee."""

    committee: str
    phase: Phase
    submitted: int
    missing: tuple[str, ...]  # submitted candidates still without their grade
    own_approved_at: datetime | None

    @property
    def complete(self) -> bool:
        return not self.missing


def grading_status(session: Session, test: Test | str, grader_email: str) -> list[CommitteeGrading]:
    """Per committee of the grader on the test: how many candidates, which lack a grade
    (their own in private marking, the committee's in shared marking), and the phase."""
    snapshot = _load(session, test if isinstance(test, str) else test.test_id)
    if snapshot is None:
        return []
    result = []
    for committee in snapshot.committees_of(grader_email):
        status = snapshot.status(committee)
        result.append(
            CommitteeGrading(
                committee=committee,
                phase=status.phase,
                submitted=len(status.submitted),
                missing=status.missing.get(grader_email, ()),
                own_approved_at=status.own_approved.get(grader_email),
            )
        )
    return result


def committee_statuses(session: Session, test_id: str) -> list[CommitteeStatus]:
    """Every committee of the test with its phase and who it waits for (the overdue
    escalation lists these for the committees that are not final)."""
    snapshot = _load(session, test_id)
    return [] if snapshot is None else snapshot.statuses()


def unfinished_graders(session: Session, test: Test | str) -> set[str]:
    """Graders with unfinished work on the test: in a committee that is not final yet."""
    snapshot = _load(session, test if isinstance(test, str) else test.test_id)
    if snapshot is None:
        return set()
    return {
        grader
        for status in snapshot.statuses()
        if status.phase != Phase.final
        for grader in status.graders
    }


def is_unfinished(session: Session, test: Test | str, grader_email: str) -> bool:
    return grader_email in unfinished_graders(session, test)


class LockReason(StrEnum):
    own_approval = "own_approval"  # the grader approved their own grading (private)
    final = "final"  # the committee's grades are final


def locked_committees(session: Session, test_id: str, grader_email: str) -> dict[str, LockReason]:
    """The grader's committees whose grades they may no longer change, and why. A grade
    sheet touching these candidates is refused with that reason; a consultant can reopen."""
    snapshot = _load(session, test_id)
    if snapshot is None:
        return {}
    locked = {}
    for committee in snapshot.committees_of(grader_email):
        status = snapshot.status(committee)
        if status.phase == Phase.final:
            locked[committee] = LockReason.final
        elif not status.shared and grader_email in status.own_approved:
            locked[committee] = LockReason.own_approval
    return locked


def final_grades(session: Session, test_id: str) -> dict[str, str | None]:
    """Candidate id → final grade, in candidate order, for Inspera's import: every
    candidate of a final committee with its agreed grade, and every candidate who did
    not submit with None (a blank cell). Candidates whose committee is not final yet are
    left out: they have no final grade."""
    snapshot = _load(session, test_id)
    if snapshot is None:
        return {}
    grades: dict[str, str | None] = {}
    for candidate in snapshot.candidates.values():
        if candidate.status == CandidateStatus.absent:
            grades[candidate.candidate_id] = None
        elif candidate.status == CandidateStatus.submitted and candidate.committee in (
            snapshot.finals
        ):
            agreed = snapshot.agreed_grade(candidate.committee, candidate.candidate_id)
            grades[candidate.candidate_id] = agreed.value if agreed else None
    return {c: grades[c] for c in sorted(grades, key=candidate_order)}


class ApprovalState(StrEnum):
    """The approval part of the test state of SPEC §4."""

    grading = "grading"  # some committee is not final
    graded = "graded"  # every committee final-approved
    transferred = "transferred"  # the consultant confirmed the FS transfer


def approval_state(session: Session, test_id: str) -> ApprovalState | None:
    snapshot = _load(session, test_id)
    if snapshot is None:
        return None
    if snapshot.test.transferred_at is not None:
        return ApprovalState.transferred
    return ApprovalState.graded if snapshot.is_graded() else ApprovalState.grading


def graded_test_ids(session: Session, test_ids: Collection[str]) -> set[str]:
    """The tests among `test_ids` whose grading is done (`approval_state` says `graded`,
    transfers aside), for many tests in one query: some submitted candidate in a committee,
    none outside one, and every committee with submitted candidates final."""
    if not test_ids:
        return set()
    committee_final = exists().where(
        col(CommitteeFinal.test_id) == col(Candidate.test_id),
        col(CommitteeFinal.committee) == col(Candidate.committee),
        col(CommitteeFinal.test_id).in_(test_ids),  # said again, for the planner
    )
    not_final = or_(col(Candidate.committee).is_(None), ~committee_final)
    # Only a test with some final committee can be graded; the others' candidates are not read.
    with_finals = select(col(CommitteeFinal.test_id)).where(
        col(CommitteeFinal.test_id).in_(test_ids)
    )
    statement = (
        select(col(Candidate.test_id))
        .where(
            col(Candidate.test_id).in_(with_finals),
            col(Candidate.status) == CandidateStatus.submitted.value,
        )
        .group_by(col(Candidate.test_id))
        .having(
            func.count(col(Candidate.committee)) > 0,
            func.sum(case((not_final, 1), else_=0)) == 0,
        )
    )
    return set(session.exec(statement).all())
