"""Resetting one candidate's grade given by mistake (Inspera's undo arrow)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from bot.approvals import (
    ApprovalOutcome,
    after_grades_changed,
)
from bot.approvals.prompts import lock_test
from bot.exams import audit
from bot.exams.people import find_grader
from bot.gradesheets.applying import audit_subject
from bot.gradesheets.grader_view import current_grades, grader_roster
from bot.gradesheets.validation import normalise_candidate
from models.tables import Grade
from models.types import utcnow

# -- resetting one candidate --------------------------------------------------------------


@dataclass(frozen=True)
class ResetOutcome:
    status: str  # `gradesheet.reset.<status>`; "locked": `approvals.locked.<lock>`
    candidate: str
    old: str | None = None
    committee: str | None = None
    lock: str | None = None  # why the committee's grades are locked
    approvals: ApprovalOutcome = field(default_factory=ApprovalOutcome)


def reset_grade(
    session: Session, test_id: str, actor_email: str | None, candidate_text: str
) -> ResetOutcome:
    """Remove a grade given by mistake (Inspera's undo arrow), for one candidate."""
    candidate_id = normalise_candidate(candidate_text) or ""
    grader = find_grader(session, actor_email) if actor_email else None
    test = lock_test(session, test_id) if grader is not None else None
    if grader is None or test is None:
        return ResetOutcome("not_grader", candidate_id)
    roster = grader_roster(session, test, grader.email)
    entry = roster.candidates.get(candidate_id)
    if entry is None:
        return ResetOutcome("unknown_candidate", candidate_id)
    if entry.committee not in roster.grader_committees:
        return ResetOutcome("other_committee", candidate_id)
    if entry.committee in roster.locked:
        lock = roster.locked[entry.committee]
        return ResetOutcome("locked", candidate_id, committee=entry.committee, lock=lock)
    seen = current_grades(session, test, grader.email).get(candidate_id)
    if seen is None or seen.value is None:
        return ResetOutcome("no_grade", candidate_id)
    row = session.exec(
        select(Grade).where(
            Grade.test_id == test_id,
            Grade.grader_email == grader.email,
            Grade.candidate_id == candidate_id,
        )
    ).first() or Grade(test_id=test_id, candidate_id=candidate_id, grader_email=grader.email)
    row.value, row.points, row.explanation = None, None, None
    row.upload_id, row.updated_at = None, utcnow()
    session.add(row)
    audit.record(
        session,
        grader.email,
        "grade.reset",
        test_id=test_id,
        subject=audit_subject(candidate_id, None),
        old=seen.value,
        new=None,
    )
    session.flush()
    return ResetOutcome(
        "reset",
        candidate_id,
        seen.value,
        committee=entry.committee,
        approvals=after_grades_changed(session, test_id, grader.email),
    )
