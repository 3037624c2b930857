"""The plain vocabulary of the messages the bot sends on its own: what kind of message, to
whom, and readiness findings as message parameters.

Neutral ground: the scheduling machinery stores and sends these, the Block Kit builders
(`bot.ui`) render them, and neither has to import the other to share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.opening.readiness import Blocker, Readiness


class MessageKind(StrEnum):
    opened = "opened"  # to a grader: the test is open for marking
    unreachable = "unreachable"  # to consultants: graders not found in Slack
    reminder = "reminder"  # to a grader: the grading deadline is near
    overdue = "overdue"  # to a grader: the grading deadline has passed
    overdue_escalation = "overdue_escalation"  # to consultants: what is unfinished
    nudge = "nudge"  # to consultants: the test ended but is not open
    escalation_reraised = "escalation_reraised"  # to consultants: a case nobody acknowledged
    # What a listener's unit of work tells other people.
    approval_prompt = "approval_prompt"  # a prompt with buttons, updated in place later
    approval_prompt_update = "approval_prompt_update"  # a posted prompt shown as it stands
    approval_notice = "approval_notice"  # a plain approval notice
    approval_export = "approval_export"  # to a consultant: the final grades as a file
    escalation = "escalation"  # a grader's case, to a consultant or the department channel
    escalation_update = "escalation_update"  # a posted copy of a case shown as it stands
    escalation_grader = "escalation_grader"  # to the grader: their case was taken up, solved
    inspera_differences = "inspera_differences"  # to consultants: roster and Inspera differ
    gradesheet_update = "gradesheet_update"  # an applied sheet's confirmation, now locked
    # The complaint committee's own round (SPEC §3.11), against the complaints' due date.
    complaint_opened = "complaint_opened"  # to a complaint grader: their complaint candidates
    complaint_reminder = "complaint_reminder"  # to a complaint grader: the target is near
    complaint_overdue = "complaint_overdue"  # to a complaint grader: the target has passed
    complaint_overdue_escalation = "complaint_overdue_escalation"  # to consultants
    # Explanations (§ 11-8): to a grader of the committee, rendered from the store when sent
    # (nothing is sent once the explanation is given), and the facts others are told.
    explanation_request = "explanation_request"  # a new request, with "Explanation given"
    explanation_reminder = "explanation_reminder"  # its due date is near
    explanation_overdue = "explanation_overdue"  # its due date has passed
    explanation_given = "explanation_given"  # to the other graders: who gave it
    explanation_late = "explanation_late"  # to consultants: asked more than a week late
    explanation_unassigned = "explanation_unassigned"  # to consultants: no grader to tell
    explanation_overdue_consultant = "explanation_overdue_consultant"  # to consultants
    explanation_update = "explanation_update"  # a posted request shown as given
    grading_reported = "grading_reported"  # to consultants: all graders reported (Inspera)
    complaint_held = "complaint_held"  # to consultants: a complaint grade to assess again
    complaint_export = "complaint_export"  # to consultants: the final complaint grades, a file
    handoff_reminder = "handoff_reminder"  # to consultants: a graded test not in FS yet


# Kinds that change a message posted earlier (`chat.update`) rather than post one.
UPDATE_KINDS = frozenset(
    {
        MessageKind.approval_prompt_update,
        MessageKind.escalation_update,
        MessageKind.gradesheet_update,
        MessageKind.explanation_update,
    }
)


@dataclass(frozen=True)
class Recipient:
    """A person by e-mail (with the Inspera e-mail to try next), or a Slack channel."""

    email: str | None = None
    alt_email: str | None = None
    channel: str | None = None

    def __post_init__(self) -> None:
        if (self.email is None) == (self.channel is None):
            raise ValueError("a recipient is either a person (email) or a channel")

    def describe(self) -> str:
        return self.channel if self.channel else f"{self.email}"


def _named(blocker: Blocker) -> dict[str, list[str]]:
    """The committees and graders a blocker names, when it names them (a complaint
    committee's)."""
    named = {"committee_names": list(blocker.committee_names), "graders": list(blocker.graders)}
    return {key: names for key, names in named.items() if names}


def findings(status: Readiness) -> dict[str, list[dict[str, Any]]]:
    """Readiness blockers and notices as plain values for a message's params."""
    return {
        "blockers": [
            {"kind": b.kind.value, "count": b.count, "committees": b.committees, **_named(b)}
            for b in status.blockers
        ],
        "notices": [
            {"kind": n.kind.value, "count": n.count, "committees": n.committees}
            for n in status.notices
        ],
    }
