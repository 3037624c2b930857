"""The complaint round's end (SPEC §3.11): when a complaint committee's grades are final,
each complaint is compared with its original grade and made final or held for the
consultants (`bot.complaints.hold`). The test's own state is left as it is."""

from __future__ import annotations

from sqlmodel import Session

from bot.approvals.outcome import ApprovalOutcome, NoticeKind
from bot.approvals.state import ApprovalSnapshot
from bot.complaints import hold
from bot.exams.lookup import consultant_emails


def settle_complaints(
    session: Session, snapshot: ApprovalSnapshot, committee: str, approver: str
) -> ApprovalOutcome:
    """The complaint committee is final: settle its complaints, and tell the consultants
    which are held and, when every complaint of the test is final, send the export."""
    new_grades = {c: row.value for c, row in snapshot.agreed_grades(committee).items()}
    settled = hold.settle(session, snapshot.test_id, committee, new_grades, approver)
    outcome = ApprovalOutcome(changed=True)
    consultants = consultant_emails(session, snapshot.test_id)
    for complaint_id in settled.held:
        outcome.tell(
            consultants,
            NoticeKind.complaint_held,
            snapshot.test_id,
            committee,
            complaint_id=complaint_id,
        )
    if settled.all_final:
        outcome.tell(consultants, NoticeKind.complaints_final, snapshot.test_id)
    return outcome
