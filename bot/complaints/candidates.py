"""Who a complaint committee grades, and which committees of a grader are complaint
committees: the complaint candidates come from the Complaints sheet, never from the
Candidates sheet's `committee`."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, select

from models.tables import CommitteeMembership, CommitteePurpose, Complaint


def complaint_candidates(session: Session, test_id: str, committee: str) -> list[str]:
    """The candidates whose complaints the committee grades, in candidate order."""
    rows = session.exec(
        select(col(Complaint.candidate_id)).where(
            Complaint.test_id == test_id, Complaint.complaint_committee == committee
        )
    )
    return sorted(rows)


def complaint_committees(session: Session, test_ids: Collection[str]) -> set[tuple[str, str]]:
    """(test, committee) for every complaint committee of the tests, in one query."""
    if not test_ids:
        return set()
    rows = session.exec(
        select(col(CommitteeMembership.test_id), col(CommitteeMembership.committee))
        .where(
            col(CommitteeMembership.test_id).in_(test_ids),
            CommitteeMembership.purpose == CommitteePurpose.complaint,
            col(CommitteeMembership.committee).is_not(None),
        )
        .distinct()
    )
    return {(test_id, committee) for test_id, committee in rows if committee is not None}


def is_complaint_committee(session: Session, test_id: str, committee: str) -> bool:
    """Whether the test's committee is a complaint committee (its memberships say so)."""
    return (
        session.exec(
            select(col(CommitteeMembership.id)).where(
                CommitteeMembership.test_id == test_id,
                CommitteeMembership.committee == committee,
                CommitteeMembership.purpose == CommitteePurpose.complaint,
            )
        ).first()
        is not None
    )
