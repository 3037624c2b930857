"""What the scheduler's steps share: the pass context, message kinds, keys, recipients and
the facts a message carries.

A step is a function `(PassContext) -> list[OutgoingMessage]`: it finds the occasions due
at `ctx.now`, claims each (`bot.scheduling.occasions.claim_occasion`) and returns the messages; the
scheduler stores them in the outbox in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.exams.lookup import consultant_emails
from bot.messages import MessageKind, Recipient
from bot.scheduling.outbox import OutgoingMessage
from bot.settings import Settings
from models.tables import Department, Grader, Test

_KEY_LENGTH = 255


@dataclass(frozen=True)
class PassContext:
    session: Session
    now: datetime
    settings: Settings


Step = Callable[[PassContext], list[OutgoingMessage]]


def message_key(kind: MessageKind, *parts: object) -> str:
    """`kind:part:part…`, or a digest of it when that would not fit the key column."""
    key = ":".join([kind.value, *(str(part) for part in parts)])
    if len(key) <= _KEY_LENGTH:
        return key
    return f"{kind.value}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def message(
    kind: MessageKind,
    test: Test,
    recipient: Recipient,
    occasion: Iterable[object],
    params: dict[str, Any],
) -> OutgoingMessage:
    return OutgoingMessage(
        key=message_key(kind, test.test_id, *occasion, recipient.describe()),
        kind=kind.value,
        test_id=test.test_id,
        recipient=recipient,
        params={"test": facts_of(test), **params},
    )


def facts_of(test: Test) -> dict[str, Any]:
    return {"test_id": test.test_id, "course_code": test.course_code, "title": test.title}


def graders_by_email(session: Session, emails: Iterable[str]) -> dict[str, Grader]:
    wanted = sorted(set(emails))
    if not wanted:
        return {}
    found = session.exec(select(Grader).where(col(Grader.email).in_(wanted))).all()
    return {grader.email: grader for grader in found}


def grader_recipient(email: str, grader: Grader | None) -> Recipient:
    """The grader by e-mail, and by the Inspera e-mail next when it differs."""
    alt = grader.inspera_email if grader else None
    if alt and alt.strip().lower() != email.strip().lower():
        return Recipient(email=email, alt_email=alt.strip().lower())
    return Recipient(email=email)


def grader_label(email: str, grader: Grader | None) -> str:
    """The grader as a consultant reads them: by name; by e-mail only when the roster has
    no name for them."""
    return grader.name if grader and grader.name else email


def consultant_recipients(session: Session, test: Test, settings: Settings) -> list[Recipient]:
    """The test's consultants; the exam office when the test has none (SPEC §1)."""
    emails = consultant_emails(session, test.test_id) or settings.exam_office_email_list
    return [Recipient(email=email) for email in emails]


def escalation_recipients(session: Session, test: Test, settings: Settings) -> list[Recipient]:
    """Consultants, and the department's escalation channel when it has one (SPEC §3.4)."""
    recipients = consultant_recipients(session, test, settings)
    department = session.get(Department, test.department)
    if department is not None and department.escalation_channel:
        recipients.append(Recipient(channel=department.escalation_channel))
    return recipients
