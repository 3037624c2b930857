"""How far the graders of a test have come, as the scheduler needs it for reminders.

A grader's work on a test is finished when the committees they grade are final-approved.
The store does not record grading progress or approvals yet, so no test is graded and every
grader on a test has unfinished work; the approvals capability replaces the body of
`unfinished_graders` with the real rule (not final for that grader's committees).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from models.tables import CommitteeMembership, Test


@dataclass(frozen=True)
class UnfinishedWork:
    grader_email: str
    committees: tuple[str | None, ...]  # None: on the test but in no committee


def unfinished_graders(session: Session, test: Test) -> list[UnfinishedWork]:
    """The graders of `test` whose work is unfinished, each with the committees concerned,
    in e-mail order."""
    rows = session.exec(
        select(CommitteeMembership.grader_email, CommitteeMembership.committee)
        .where(CommitteeMembership.test_id == test.test_id)
        .order_by(CommitteeMembership.grader_email)
    ).all()
    committees: dict[str, list[str | None]] = {}
    for email, committee in rows:
        committees.setdefault(email, []).append(committee)
    return [
        UnfinishedWork(email, tuple(sorted(found, key=committee_order)))
        for email, found in committees.items()
    ]


def committee_order(committee: str | None) -> tuple[bool, str]:
    """Committees by name, "no committee" last (the same on SQLite and PostgreSQL)."""
    return (committee is None, committee or "")
