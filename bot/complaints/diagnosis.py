"""What `/sensur why` tells a complaint grader (SPEC §3.3, §3.11): their complaint
candidates on the test — how many, which, and when the committee's earliest open complaint
is due — instead of the ordinary committee's. Blind (§ 11-11): candidate numbers only,
never an original grade, its graders or the complaint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.approvals.state import candidate_order
from models.tables import CommitteeMembership, CommitteePurpose, Complaint, ComplaintStatus


@dataclass(frozen=True)
class ComplaintWork:
    """A grader's open complaints on one test, over all their complaint committees."""

    candidates: tuple[str, ...]  # in candidate order
    due_at: datetime | None  # the earliest; None when no complaint is open


def complaint_work(
    session: Session, grader_email: str, test_ids: Collection[str]
) -> dict[str, ComplaintWork]:
    """Per test where the grader is on a complaint committee, their open complaints, in
    one query for all the tests."""
    if not test_ids:
        return {}
    rows = session.exec(
        select(col(CommitteeMembership.test_id), Complaint)
        .outerjoin(
            Complaint,
            (col(Complaint.test_id) == col(CommitteeMembership.test_id))
            & (col(Complaint.complaint_committee) == col(CommitteeMembership.committee))
            & (col(Complaint.status) == ComplaintStatus.open.value),
        )
        .where(
            col(CommitteeMembership.grader_email) == grader_email,
            col(CommitteeMembership.test_id).in_(sorted(test_ids)),
            CommitteeMembership.purpose == CommitteePurpose.complaint,
        )
    ).all()
    open_complaints: dict[str, list[Complaint]] = defaultdict(list)
    for test_id, complaint in rows:
        found = open_complaints[test_id]  # a complaint committee with none open counts too
        if complaint is not None:
            found.append(complaint)
    return {
        test_id: ComplaintWork(
            tuple(sorted((c.candidate_id for c in found), key=candidate_order)),
            min((c.due_at for c in found), default=None),
        )
        for test_id, found in open_complaints.items()
    }
