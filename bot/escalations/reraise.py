"""Re-raising escalations nobody acknowledged (SPEC §3.4), as a scheduler step.

After `SENSORBOT_ESCALATION_HOURS` an open case is claimed once (`mark_reraised`, a
conditional update, so one pass or replica gets it) and the case goes again, through the
outbox, to the test's consultants (the exam office when there are none) and the department
channel. Each copy Slack accepts is recorded with the case, so Acknowledge and Resolved
update it like the first copies.
"""

from __future__ import annotations

from sqlmodel import Session, select

from bot.escalations import cases as escalations
from bot.escalations.snapshot import snapshot
from bot.exams.lookup import consultant_emails
from bot.scheduling.outbox import ClaimedMessage, Delivered, OutgoingMessage, Recipient
from bot.scheduling.steps import MessageKind, PassContext, message_key
from bot.settings import Settings
from models.tables import Department, Escalation, Test, stored_id


def reraise_unacknowledged_escalations(ctx: PassContext) -> list[OutgoingMessage]:
    messages: list[OutgoingMessage] = []
    due = escalations.due_for_reraise(ctx.session, ctx.now, ctx.settings.escalation_hours)
    for escalation in due:
        if not escalations.mark_reraised(ctx.session, stored_id(escalation), ctx.now):
            continue
        case = ctx.session.exec(
            select(Escalation)
            .where(Escalation.id == escalation.id)
            .execution_options(populate_existing=True)
        ).one()
        params = {"escalation": snapshot(case)}
        for recipient in _recipients(ctx.session, case, ctx.settings):
            messages.append(
                OutgoingMessage(
                    key=message_key(MessageKind.escalation_reraised, case.id, recipient.describe()),
                    kind=MessageKind.escalation_reraised.value,
                    test_id=case.test_id,
                    recipient=recipient,
                    params=params,
                )
            )
    return messages


def _recipients(session: Session, case: Escalation, settings: Settings) -> list[Recipient]:
    emails = consultant_emails(session, case.test_id) if case.test_id else []
    recipients = [Recipient(email=e) for e in emails or settings.exam_office_email_list]
    test = session.get(Test, case.test_id) if case.test_id else None
    department = session.get(Department, test.department) if test else None
    if department is not None and department.escalation_channel:
        recipients.append(Recipient(channel=department.escalation_channel))
    return recipients


def record_reraised_copy(session: Session, message: ClaimedMessage, delivered: Delivered) -> None:
    """Remember the re-raised copy with its case, so that acknowledging updates it too."""
    case = session.get(Escalation, message.params["escalation"]["id"])
    if case is None:
        return
    copy = escalations.PostedCopy(
        recipient_email=message.recipient.email,
        channel=delivered.channel,
        ts=delivered.ts,
        lang=delivered.lang,
    )
    escalations.record_delivery(session, case, [copy], [])
