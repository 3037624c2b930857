"""What is sent about escalations, as outbox messages: the case to the consultants (the exam
office when none can be reached) and to the department channel, every copy updated when the
case changes, and the grader told.

What a case is and who may act on it is decided in the store (`bot/escalations/cases.py`).
The escalate button's listener opens the case and enqueues its messages in one unit of work
(`escalate`), has them sent at once, falls back to the exam office when no consultant is in
Slack (`fall_back_to_exam_office`) and tells the grader what happened (`delivery_of`).
Each copy Slack accepts is recorded with its case when it is recorded sent
(`record_posted_copy`), so Acknowledge and Resolved update it later (`announce`). A grader
who escalates the blockers an open case is about joins it: every copy is updated to list
them too, and nothing new is posted. After Resolved each grader's access is worked out
again, and they are told how it really stands, not only that someone marked it solved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from bot.diagnosis.access import FindingKind, QueryOutcome, Severity, diagnose_access
from bot.escalations import cases as escalations
from bot.escalations.requests import Delivery, EscalationOutcome, EscalationRequest
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    OutgoingMessage,
    Recipient,
    enqueue,
    enqueue_updates,
    statuses,
)
from bot.scheduling.steps import MessageKind, message_key
from bot.settings import Settings
from models.tables import (
    Department,
    Escalation,
    EscalationMessage,
    EscalationStatus,
    OutboxStatus,
    Test,
)
from models.types import utcnow


def escalate(
    session: Session,
    settings: Settings,
    *,
    email: str | None,
    user_id: str,
    name: str | None,
    test_id: str | None,
    now: datetime,
) -> EscalationRequest:
    """The grader pressed "send to the study consultant" for `test_id` (None: the exam
    office). The findings are worked out again now, from the store, not taken from the
    message the button was in. A new case's messages are enqueued in this unit of work."""
    diagnosis = diagnose_access(session, email=email, query=test_id, now=now, settings=settings)
    if test_id is not None:
        if diagnosis.query_outcome != QueryOutcome.found:
            return EscalationRequest(EscalationOutcome.unknown_test, test_id)
        test_id = diagnosis.tests[0].test_id
        offered = diagnosis.escalation_offered(test_id)
        consultants = list(diagnosis.tests[0].consultants)
    else:
        offered = diagnosis.exam_office_escalation_offered
        consultants = []
    if not offered:
        return EscalationRequest(EscalationOutcome.nothing_to_send, test_id, diagnosis=diagnosis)
    opened = escalations.create_or_existing(
        session,
        test_id=test_id,
        grader_email=diagnosis.grader.email if diagnosis.grader else email or "",
        grader_slack_user=user_id,
        grader_name=name,
        findings=diagnosis.findings_for(test_id),
        now=now,
    )
    if opened.already:
        return EscalationRequest(
            EscalationOutcome.already, test_id, opened.escalation, diagnosis=diagnosis
        )
    if opened.joined:
        keys = update_copies(session, opened.escalation, now)
        return EscalationRequest(
            EscalationOutcome.joined,
            test_id,
            opened.escalation,
            diagnosis=diagnosis,
            updates=tuple(keys),
        )
    case = opened.escalation
    recipients: list[str | None] = list(consultants or settings.exam_office_email_list)
    channel = _department_channel(session, test_id)
    if channel:
        recipients.append(None)
    sent_to = _enqueue_case(session, case, recipients, channel, now)
    return EscalationRequest(
        EscalationOutcome.sent,
        test_id,
        case,
        sent_to=sent_to,
        consultants=tuple(consultants),
        diagnosis=diagnosis,
    )


def fall_back_to_exam_office(
    session: Session, request: EscalationRequest, settings: Settings, now: datetime
) -> EscalationRequest:
    """When none of the test's consultants is in Slack (nor still being tried), the case
    goes to the exam office too; returns the request with those messages added."""
    if request.escalation is None or not request.consultants:
        return request
    found = statuses(session, [request.sent_to[email] for email in request.consultants])
    given_up = (OutboxStatus.undeliverable, OutboxStatus.failed)
    if any(found.get(request.sent_to[email]) not in given_up for email in request.consultants):
        return request
    office = [e for e in settings.exam_office_email_list if e not in request.sent_to]
    added = _enqueue_case(session, request.escalation, list(office), None, now)
    return replace(request, sent_to={**request.sent_to, **added})


def delivery_of(session: Session, request: EscalationRequest) -> Delivery:
    """Whom the case reached so far, audited once. `reached` holds e-mail addresses here;
    the listener names them as Slack users."""
    assert request.escalation is not None
    found = statuses(session, list(request.sent_to.values()))
    reached, unreachable, pending = [], [], []
    channel = None
    for email, key in request.sent_to.items():
        status = found.get(key)
        if email is None:
            if status == OutboxStatus.sent:
                channel = _department_channel(session, request.test_id)
            continue
        if status == OutboxStatus.sent:
            reached.append(email)
        elif status in _NOT_GIVEN_UP:
            pending.append(email)
        else:
            unreachable.append(email)
    escalations.audit_delivery(
        session, request.escalation, reached + ([channel] if channel else []), unreachable
    )
    office = set(request.sent_to) - set(request.consultants) - {None}
    return Delivery(
        reached=tuple(reached),
        unreachable=tuple(unreachable),
        fell_back_to_exam_office=bool(request.consultants) and any(e in office for e in reached),
        channel=channel,
        addresses=tuple(e for e in request.sent_to if e is not None),
        pending=tuple(pending),
    )


def announce(
    session: Session,
    settings: Settings,
    escalation: Escalation,
    done: str,
    who: str,
    now: datetime,
) -> list[str]:
    """After the case was acknowledged or resolved (`done`) by `who` (a Slack user id):
    update every copy and tell each grader on it; after Resolved, with their access worked
    out again. Returns the outbox keys to send."""
    assert escalation.id is not None
    updates = update_copies(session, escalation, now)
    told = [
        OutgoingMessage(
            message_key(MessageKind.escalation_grader, escalation.id, done, grader.slack_user),
            MessageKind.escalation_grader.value,
            escalation.test_id,
            Recipient(channel=grader.slack_user),
            {
                "escalation_id": escalation.id,
                "done": done,
                "who": who,
                **(
                    _recheck(session, settings, escalation, grader, now)
                    if done == "resolved"
                    else {}
                ),
            },
        )
        for grader in escalations.graders_of(escalation)
    ]
    enqueue(session, told, now)
    return [*updates, *(message.key for message in told)]


def update_copies(session: Session, escalation: Escalation, now: datetime) -> list[str]:
    """Have every posted copy of the case show it as it now stands; the outbox keys."""
    assert escalation.id is not None
    updates = [
        _copy_update(copy, escalation.test_id)
        for copy in escalations.copies_of(session, escalation.id)
    ]
    enqueue_updates(session, updates, now)
    return [message.key for message in updates]


def _recheck(
    session: Session,
    settings: Settings,
    escalation: Escalation,
    grader: escalations.CaseGrader,
    now: datetime,
) -> dict[str, object]:
    """How the grader's access stands now, as facts for their message: what still blocks
    (most blocking first), and whether the test is open."""
    diagnosis = diagnose_access(
        session, email=grader.email, query=escalation.test_id, now=now, settings=settings
    )
    findings = diagnosis.findings_for(escalation.test_id)
    remaining = [f for f in findings if f.severity == Severity.blocking or f.escalatable]
    return {
        "still": [f.to_json() for f in remaining if f.kind != FindingKind.awaiting_opening],
        "state": [f.kind.value for f in findings if f.severity in _STATES],
    }


_STATES = (Severity.fine, Severity.waiting)


def record_posted_copy(session: Session, message: ClaimedMessage, delivered: Delivered) -> None:
    """After a copy of the case is posted: remember it with its case. A case that changed
    while the copy was on its way gets the copy updated too."""
    case = session.get(Escalation, message.params["escalation_id"])
    if case is None:
        return
    copy = escalations.PostedCopy(
        message.recipient.email, delivered.channel, delivered.ts, delivered.lang
    )
    (recorded,) = escalations.record_copies(session, case, [copy])
    if case.status != EscalationStatus.open or len(escalations.graders_of(case)) > 1:
        enqueue_updates(session, [_copy_update(recorded, case.test_id)], utcnow())


_NOT_GIVEN_UP = (OutboxStatus.pending, OutboxStatus.sending)


def _enqueue_case(
    session: Session,
    case: Escalation,
    recipients: list[str | None],
    channel: str | None,
    now: datetime,
) -> dict[str | None, str]:
    messages = []
    for email in recipients:
        recipient = Recipient(email=email) if email else Recipient(channel=channel)
        messages.append(
            OutgoingMessage(
                message_key(MessageKind.escalation, case.id, recipient.describe()),
                MessageKind.escalation.value,
                case.test_id,
                recipient,
                {"escalation_id": case.id},
            )
        )
    enqueue(session, messages, now)
    return {email: message.key for email, message in zip(recipients, messages, strict=True)}


def _copy_update(copy: EscalationMessage, test_id: str | None) -> OutgoingMessage:
    return OutgoingMessage(
        f"{MessageKind.escalation_update.value}:{copy.id}",
        MessageKind.escalation_update.value,
        test_id,
        Recipient(email=copy.recipient_email)
        if copy.recipient_email
        else Recipient(channel=copy.channel),
        {"copy_id": copy.id},
    )


def _department_channel(session: Session, test_id: str | None) -> str | None:
    if test_id is None:
        return None
    test = session.get(Test, test_id)
    department = session.get(Department, test.department) if test else None
    return department.escalation_channel if department else None
