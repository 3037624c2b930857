"""What a message kind needs done in the store once Slack has the message, in the
transaction that records it sent: remembering where a prompt or a copy of a case was
posted, so that it can be updated in place later."""

from __future__ import annotations

from bot.approvals.delivery import record_posted_prompt
from bot.escalations.delivery import record_posted_copy
from bot.escalations.reraise import record_reraised_copy
from bot.scheduling.dispatcher import AfterDelivery
from bot.scheduling.steps import MessageKind

AFTER_DELIVERY: dict[str, AfterDelivery] = {
    MessageKind.escalation_reraised.value: record_reraised_copy,
    MessageKind.approval_prompt.value: record_posted_prompt,
    MessageKind.escalation.value: record_posted_copy,
}
