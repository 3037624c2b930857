"""What pressing "send to the study consultant" came to: plain values the listener renders
for the grader (`bot.ui.escalation_replies`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.diagnosis.access import Diagnosis
from models.tables import Escalation


class EscalationOutcome(StrEnum):
    sent = "sent"
    already = "already"  # the grader has an unresolved case for this test
    joined = "joined"  # another grader's open case about the same blockers now lists them
    nothing_to_send = "nothing_to_send"  # nothing administrative is wrong (any more)
    unknown_test = "unknown_test"


@dataclass(frozen=True)
class Delivery:
    reached: tuple[str, ...]  # who got the case by DM (Slack user ids for the reply)
    unreachable: tuple[str, ...]  # e-mail addresses that could not be reached in Slack
    fell_back_to_exam_office: bool
    channel: str | None  # the department channel it was announced in
    addresses: tuple[str, ...]  # whom the case was meant for, to e-mail if nobody was reached
    pending: tuple[str, ...] = ()  # e-mail addresses Slack did not take it for yet (retried)


@dataclass(frozen=True)
class EscalationRequest:
    outcome: EscalationOutcome
    test_id: str | None
    escalation: Escalation | None = None
    delivery: Delivery | None = None
    # The messages enqueued for a new case: e-mail (None for the channel) → outbox key.
    sent_to: dict[str | None, str] = field(default_factory=dict)
    consultants: tuple[str, ...] = ()  # the test's consultants (none: the exam office)
    diagnosis: Diagnosis | None = None  # the findings worked out at the press
    updates: tuple[str, ...] = ()  # outbox keys of the copies updated (a grader joined)
