"""A held complaint grade as the consultants see it: candidate, old and new grade, and who
made it final. Only for the test's consultants (the messages go to them alone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.approvals.people import Person, person
from bot.complaints.hold import complaint_grade, original_grades
from models.tables import Complaint, ComplaintStatus, Test


@dataclass(frozen=True)
class HeldComplaint:
    complaint_id: int
    test_id: str
    course_code: str
    candidate: str
    committee: str
    original: str | None
    new: str | None
    status: ComplaintStatus
    final_by: Person | None
    final_at: datetime | None


def held_complaint(session: Session, complaint_id: int) -> HeldComplaint | None:
    complaint = session.get(Complaint, complaint_id)
    test = session.get(Test, complaint.test_id) if complaint is not None else None
    if complaint is None or test is None:
        return None
    candidate = complaint.candidate_id
    final_by = None
    if complaint.status == ComplaintStatus.final and complaint.confirmed_by:
        final_by = person(session, test.test_id, complaint.confirmed_by, consultant=True)
    return HeldComplaint(
        complaint_id=complaint_id,
        test_id=test.test_id,
        course_code=test.course_code,
        candidate=candidate,
        committee=complaint.complaint_committee,
        original=original_grades(session, test.test_id, [candidate]).get(candidate),
        new=complaint.final_grade or complaint_grade(session, complaint),
        status=ComplaintStatus(complaint.status),
        final_by=final_by,
        final_at=complaint.final_at,
    )
