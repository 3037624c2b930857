"""The complaint round's messages to the consultants, as outbox rows: a grade held for a
new assessment (with its button), and the complaint export once every complaint is final.
Rendered when sent, from the store (`bot.ui.complaints`)."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from bot.exams.lookup import consultant_emails
from bot.messages import MessageKind, Recipient
from bot.scheduling.outbox import OutgoingMessage, enqueue
from models.types import utcnow


def held_grade_outgoing(test_id: str, complaint_id: int, recipient: Recipient) -> OutgoingMessage:
    # Held again after a reopening is a new message: the key only has to be unique.
    key = f"{MessageKind.complaint_held.value}:{complaint_id}:{uuid.uuid4().hex}"
    params = {"complaint_id": complaint_id, "test_id": test_id}
    return OutgoingMessage(key, MessageKind.complaint_held.value, test_id, recipient, params)


def complaint_export_outgoing(test_id: str, recipient: Recipient) -> OutgoingMessage:
    """The complaint export to one consultant: once per test and consultant (its key)."""
    key = f"{MessageKind.complaint_export.value}:{test_id}:{recipient.describe()}"
    params = {"test_id": test_id}
    return OutgoingMessage(key, MessageKind.complaint_export.value, test_id, recipient, params)


def enqueue_export(session: Session, test_id: str) -> list[str]:
    """Every complaint of the test is final: the export to each consultant, once; the
    keys to send once the unit of work has committed."""
    messages = [
        complaint_export_outgoing(test_id, Recipient(email=email))
        for email in consultant_emails(session, test_id)
    ]
    enqueue(session, messages, utcnow())
    return [message.key for message in messages]
