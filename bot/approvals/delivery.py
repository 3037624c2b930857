"""What an approval step must tell, as outbox messages: DMs to graders and consultants,
prompts posted once and updated in place afterwards, and the export file to consultants.

A listener calls `enqueue_outcome` in the unit of work that made the outcome, so the
prompts it claims and the messages that carry them are stored together; once that commits
it hands the returned keys to the outbox to send at once (`bot.scheduling.delivery.send_now`).
What Slack does not take then is sent by a later scheduler pass. Each message is rendered
when it is sent, from the store, in the reader's language.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from bot.approvals.outcome import ApprovalNotice, ApprovalOutcome, NoticeKind
from bot.approvals.prompts import record_prompt_message
from bot.complaints.messages import complaint_export_outgoing, held_grade_outgoing
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    OutgoingMessage,
    Recipient,
    enqueue,
    enqueue_updates,
)
from bot.scheduling.steps import MessageKind, grader_recipient, graders_by_email
from models.tables import ApprovalPrompt, GradeUpload
from models.types import utcnow


def prompt_key(prompt_id: int) -> str:
    """The outbox key of the message that posts a prompt."""
    return f"{MessageKind.approval_prompt.value}:{prompt_id}"


def enqueue_outcome(
    session: Session, outcome: ApprovalOutcome, now: datetime | None = None
) -> list[str]:
    """Store the outcome's notices, prompts and prompt updates in the outbox; returns their
    keys, to send once the unit of work has committed."""
    now = now or utcnow()
    messages = outcome_messages(session, outcome)
    enqueue(session, messages, now)
    updates = _prompt_updates(session, outcome.prompt_updates)
    updates += _locked_confirmations(session, outcome.locks)
    enqueue_updates(session, updates, now)
    return [message.key for message in messages + updates]


def outcome_messages(session: Session, outcome: ApprovalOutcome) -> list[OutgoingMessage]:
    """The outcome's notices and prompts as outbox messages (its prompt updates aside): what
    a scheduler step returns for the pass to store."""
    graders = graders_by_email(session, [notice.recipient for notice in outcome.notices])
    messages: list[OutgoingMessage] = []
    for notice in outcome.notices:
        recipient = grader_recipient(notice.recipient, graders.get(notice.recipient))
        messages += _messages_for(notice, recipient)
    return messages


def _messages_for(notice: ApprovalNotice, recipient: Recipient) -> list[OutgoingMessage]:
    if notice.kind == NoticeKind.complaint_held:
        return [held_grade_outgoing(notice.test_id, notice.params["complaint_id"], recipient)]
    if notice.kind == NoticeKind.complaints_final:
        return [complaint_export_outgoing(notice.test_id, recipient)]
    if notice.prompt_id is None:
        # A plain notice happens once; its key only has to tell it from every other one.
        key = f"{MessageKind.approval_notice.value}:{notice.test_id}:{uuid.uuid4().hex}"
        params = {
            "notice": notice.kind.value,
            "test_id": notice.test_id,
            "committee": notice.committee,
            "params": dict(notice.params),
        }
        return [
            OutgoingMessage(
                key, MessageKind.approval_notice.value, notice.test_id, recipient, params
            )
        ]
    prompt = {"prompt_id": notice.prompt_id, "test_id": notice.test_id}
    messages = []
    if notice.kind == NoticeKind.transfer_prompt and notice.params.get("export"):
        messages.append(
            OutgoingMessage(
                f"{MessageKind.approval_export.value}:{notice.prompt_id}",
                MessageKind.approval_export.value,
                notice.test_id,
                recipient,
                prompt,
            )
        )
    messages.append(
        OutgoingMessage(
            prompt_key(notice.prompt_id),
            MessageKind.approval_prompt.value,
            notice.test_id,
            recipient,
            prompt,
        )
    )
    return messages


def _prompt_updates(session: Session, prompt_ids: list[int]) -> list[OutgoingMessage]:
    if not prompt_ids:
        return []
    prompts = session.exec(
        select(ApprovalPrompt).where(col(ApprovalPrompt.id).in_(prompt_ids))
    ).all()
    by_id = {prompt.id: prompt for prompt in prompts}
    return [
        OutgoingMessage(
            f"{MessageKind.approval_prompt_update.value}:{prompt_id}",
            MessageKind.approval_prompt_update.value,
            by_id[prompt_id].test_id,
            Recipient(email=by_id[prompt_id].recipient_email),
            {"prompt_id": prompt_id},
        )
        for prompt_id in prompt_ids
        if prompt_id in by_id
    ]


def _locked_confirmations(session: Session, locks: list[tuple[str, str]]) -> list[OutgoingMessage]:
    """Updates of the grade-sheet confirmations whose grades the step locked: shown again,
    without Undo and Reset."""
    messages = []
    for test_id, grader in locks:
        uploads = session.exec(
            select(GradeUpload).where(
                col(GradeUpload.test_id) == test_id,
                col(GradeUpload.grader_email) == grader,
                col(GradeUpload.status) == "applied",
                col(GradeUpload.message_ts).is_not(None),
            )
        ).all()
        messages += [
            OutgoingMessage(
                f"{MessageKind.gradesheet_update.value}:{upload.id}",
                MessageKind.gradesheet_update.value,
                test_id,
                Recipient(email=grader),
                {"upload_id": upload.id},
            )
            for upload in uploads
        ]
    return messages


def record_posted_prompt(session: Session, message: ClaimedMessage, delivered: Delivered) -> None:
    """After a prompt is posted: remember where, so that it is updated in place."""
    if session.get(ApprovalPrompt, message.params["prompt_id"]) is None:
        return  # its test was deleted meanwhile
    record_prompt_message(
        session,
        message.params["prompt_id"],
        delivered.user_id or delivered.channel,
        delivered.channel,
        delivered.ts,
    )
