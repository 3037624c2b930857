"""What a reminder or an overdue notice tells a grader about each committee that is not
final yet (SPEC §3.7: what is missing, per committee, with the buttons to act), and which
graders the consultants should know Slack has nobody for.

A grader's progress is the approvals capability's own overview (`approval_overview`, the
same as `/sensur approve` shows), so a reminder's approve button carries the prompt id the
approval listeners expect and is refused, like any prompt, once it no longer applies.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.approvals import ApprovalOverview, Phase, approval_overview
from bot.messages import MessageKind
from models.tables import OutboxEntry, OutboxStatus, Test

# The messages that say whether Slack has the grader: a notice Slack had nobody for, or one
# it took.
_TOLD_KINDS = [MessageKind.opened.value, MessageKind.reminder.value, MessageKind.overdue.value]


def grader_progress(session: Session, test: Test, grader_email: str) -> dict[str, Any]:
    """The message params for the grader's committees that are not final: `progress` (one
    entry per committee) and `approve_all_prompt_id` (own approval across committees, when
    the test is set up that way and it can be given now)."""
    overview = approval_overview(session, test.test_id, grader_email)
    if not isinstance(overview, ApprovalOverview):
        # Not a grader of a committee with candidates: nothing to tell per committee.
        return {"progress": [], "approve_all_prompt_id": None}
    return {
        "progress": [
            {
                "committee": line.committee,
                "phase": line.phase.value,
                "shared": overview.shared,
                "submitted_count": line.submitted,
                "missing_count": len(line.missing),
                "own_approved": line.own_approved_at is not None,
                "unresolved_count": line.unresolved,
                "voted": line.voted_at is not None,
                "waiting": list(line.waiting),
                "action": line.action.value if line.action else None,
                "prompt_id": line.prompt_id,
            }
            for line in overview.lines
            if line.phase != Phase.final
        ],
        "approve_all_prompt_id": overview.approve_all_prompt_id,
    }


def unreachable_graders(session: Session, test_id: str) -> set[str]:
    """Graders of the test Slack had nobody for, and who have not been reached since (a
    later message to them that Slack took)."""
    rows = session.exec(
        select(col(OutboxEntry.to_email), col(OutboxEntry.status)).where(
            col(OutboxEntry.test_id) == test_id,
            col(OutboxEntry.kind).in_(_TOLD_KINDS),
            col(OutboxEntry.status).in_(
                [OutboxStatus.undeliverable.value, OutboxStatus.sent.value]
            ),
        )
    ).all()
    missed = {email for email, status in rows if status == OutboxStatus.undeliverable.value}
    reached = {email for email, status in rows if status == OutboxStatus.sent.value}
    return {email for email in missed - reached if email is not None}
