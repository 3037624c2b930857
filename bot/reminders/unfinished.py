"""Who still has work to do on a test, and what it is, as reminders and the overdue notices
and escalation tell it (SPEC §3.7: what is missing, per committee, with the buttons to act).

A grader's work on a test is unfinished while a committee they grade is not final
(SPEC §3.6): the approvals capability says where each committee stands, read once per
test. Where the grader can approve now, the approvals' own overview (`approval_overview`,
what `/sensur approve` shows) gives the prompt the approve button carries, so the button
is decided and refused exactly as a prompt's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from bot.approvals import (
    ApprovalOverview,
    CommitteeStatus,
    Phase,
    approval_overview,
    committee_statuses,
)
from bot.complaints.candidates import complaint_committees
from models.tables import Grader, Test


@dataclass(frozen=True)
class UnfinishedWork:
    grader_email: str
    committees: tuple[str, ...]  # the grader's committees that are not final yet
    # Message params: `progress`, one entry per committee, and `approve_all_prompt_id`
    # (own approval across committees, when the test is set up so and it can be given now).
    progress: dict[str, Any]


def unfinished_work(session: Session, test: Test) -> list[UnfinishedWork]:
    """The graders of `test` with a committee that is not final, each with those
    committees and where each stands for them, in e-mail order."""
    # A complaint committee is reminded against its complaints' due date instead
    # (bot.complaints.notices), never against the test's grading deadline.
    complaint = {c for _, c in complaint_committees(session, [test.test_id])}
    statuses = [
        s
        for s in committee_statuses(session, test.test_id)
        if s.phase != Phase.final and s.committee not in complaint
    ]
    by_grader: dict[str, list[CommitteeStatus]] = defaultdict(list)
    for status in statuses:
        for grader in status.graders:
            by_grader[grader].append(status)
    names = _names(session, {g for s in statuses for g in s.waiting_for})
    work = []
    for email in sorted(by_grader):
        own = by_grader[email]
        items = {s.committee: _progress(s, email, names) for s in own}
        approve_all = None
        if any(_may_approve(s, email) for s in own):
            approve_all = _add_approvals(session, test, email, items)
        work.append(
            UnfinishedWork(
                email,
                tuple(items),
                {"progress": list(items.values()), "approve_all_prompt_id": approve_all},
            )
        )
    return work


def _progress(status: CommitteeStatus, grader: str, names: dict[str, str]) -> dict[str, Any]:
    return {
        "committee": status.committee,
        "phase": status.phase.value,
        "shared": status.shared,
        "submitted_count": len(status.submitted),
        "missing_count": len(status.missing.get(grader, ())),
        "own_approved": grader in status.own_approved,
        "unresolved_count": len(status.unresolved),
        "voted": grader in status.final_votes,
        "waiting": [names.get(g, g) for g in status.waiting_for],
        "action": None,
        "prompt_id": None,
    }


def _may_approve(status: CommitteeStatus, grader: str) -> bool:
    """Whether asking the approvals for a prompt is worth it (they decide)."""
    if status.phase == Phase.final_approval:
        return grader not in status.final_votes
    own_pending = not status.shared and grader not in status.own_approved
    return status.phase == Phase.grading and own_pending and status.complete_for(grader)


def _add_approvals(
    session: Session, test: Test, grader: str, items: dict[str, dict[str, Any]]
) -> int | None:
    """Fill in the approvals the grader can give now, with their prompts; the prompt of an
    own approval across committees, if that is what they can give."""
    overview = approval_overview(session, test.test_id, grader)
    if not isinstance(overview, ApprovalOverview):
        return None
    for line in overview.lines:
        item = items.get(line.committee)
        if item is not None and line.action is not None:
            item["action"] = line.action.value
            item["prompt_id"] = line.prompt_id
    return overview.approve_all_prompt_id


def _names(session: Session, emails: set[str]) -> dict[str, str]:
    """The graders' names, for those the roster names."""
    if not emails:
        return {}
    rows = session.exec(
        select(col(Grader.email), col(Grader.name)).where(col(Grader.email).in_(sorted(emails)))
    ).all()
    return {email: name for email, name in rows if name}


def committee_order(committee: str | None) -> tuple[bool, str]:
    """Committees by name, "no committee" last (the same on SQLite and PostgreSQL)."""
    return (committee is None, committee or "")
