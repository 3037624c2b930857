"""Escalations over Slack: find the recipients by e-mail, DM them the case, announce it in
the department channel, update every copy when the case changes, and tell the grader.

What a case is and who may act on it is decided in the store (`bot/escalations/cases.py`); this
module only carries it to Slack and back. The escalate button's handler and, later, the
scheduler's re-raise use it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.diagnosis.access import Finding, QueryOutcome, diagnose_access
from bot.escalations import cases as escalations
from bot.i18n import t
from bot.runtime import Runtime
from bot.slack.identity import SlackPerson
from bot.ui.escalations import channel_message, consultant_message
from models.tables import Department, Escalation, Test

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    sent = "sent"
    already = "already"  # the grader has an unresolved case for this test
    nothing_to_send = "nothing_to_send"  # nothing administrative is wrong (any more)
    unknown_test = "unknown_test"


@dataclass(frozen=True)
class Delivery:
    reached: tuple[str, ...]  # Slack user ids that got the case by DM
    unreachable: tuple[str, ...]  # e-mail addresses that could not be reached in Slack
    fell_back_to_exam_office: bool
    channel: str | None  # the department channel it was announced in
    addresses: tuple[str, ...]  # whom the case was meant for, to e-mail if nobody was reached


@dataclass(frozen=True)
class EscalationRequest:
    outcome: Outcome
    test_id: str | None
    escalation: Escalation | None = None
    delivery: Delivery | None = None


def escalate(
    runtime: Runtime, client: WebClient, person: SlackPerson, test_id: str | None, now: datetime
) -> EscalationRequest:
    """The grader pressed "send to the study consultant" for `test_id` (None: the exam
    office). The findings are worked out again now, from the store, not taken from the
    message the button was in."""
    with runtime.session() as session:
        diagnosis = diagnose_access(
            session, email=person.email, query=test_id, now=now, settings=runtime.settings
        )
        if test_id is not None:
            if diagnosis.query_outcome != QueryOutcome.found:
                return EscalationRequest(Outcome.unknown_test, test_id)
            test_id = diagnosis.tests[0].test_id
            offered = diagnosis.escalation_offered(test_id)
            consultants = list(diagnosis.tests[0].consultants)
        else:
            offered = diagnosis.exam_office_escalation_offered
            consultants = []
        if not offered:
            return EscalationRequest(Outcome.nothing_to_send, test_id)
        findings = diagnosis.findings_for(test_id)
        opened = escalations.create_or_existing(
            session,
            test_id=test_id,
            grader_email=diagnosis.grader.email if diagnosis.grader else person.email or "",
            grader_slack_user=person.user_id,
            grader_name=person.name,
            findings=findings,
            now=now,
        )
        channel = _department_channel(session, test_id)
    if not opened.created:
        return EscalationRequest(Outcome.already, test_id, opened.escalation)
    delivery = deliver(runtime, client, opened.escalation, findings, consultants, channel)
    return EscalationRequest(Outcome.sent, test_id, opened.escalation, delivery)


def deliver(
    runtime: Runtime,
    client: WebClient,
    escalation: Escalation,
    findings: tuple[Finding, ...],
    consultant_emails: list[str],
    channel: str | None,
) -> Delivery:
    """DM the case to every consultant found in Slack (to the exam office when none is, or
    when no test is concerned), announce it in `channel`, and record every copy."""
    recipients, unreachable = _slack_users(runtime, client, consultant_emails)
    fell_back = False
    addresses = list(consultant_emails)
    if not recipients:
        office = runtime.settings.exam_office_email_list
        recipients, office_unreachable = _slack_users(runtime, client, office)
        unreachable += office_unreachable
        fell_back = bool(consultant_emails) and bool(recipients)
        addresses += office
    copies, reached = [], []
    for email, user_id in recipients:
        copy = _dm_case(runtime, client, escalation, findings, email, user_id)
        if copy is None:
            unreachable.append(email)
        else:
            copies.append(copy)
            reached.append(user_id)
    channel_copy = _announce(runtime, client, escalation, channel) if channel else None
    with runtime.session() as session:
        all_copies = copies + ([channel_copy] if channel_copy else [])
        escalations.record_delivery(session, escalation, all_copies, unreachable)
    return Delivery(
        reached=tuple(reached),
        unreachable=tuple(unreachable),
        fell_back_to_exam_office=fell_back and bool(copies),
        channel=channel_copy.channel if channel_copy else None,
        addresses=tuple(addresses),
    )


def update_copies(runtime: Runtime, client: WebClient, escalation_id: int) -> None:
    """Show the case's current state in every copy: each consultant's DM and the channel."""
    with runtime.session() as session:
        escalation = session.get(Escalation, escalation_id)
        copies = escalations.copies_of(session, escalation_id)
    findings = escalations.findings_of(escalation)
    tz = runtime.settings.tz
    for copy in copies:
        if copy.recipient_email is None:
            text, blocks = channel_message(escalation, copy.lang, tz)
        else:
            text, blocks = consultant_message(escalation, findings, copy.lang, tz)
        try:
            client.chat_update(channel=copy.channel, ts=copy.ts, text=text, blocks=blocks)
        except SlackApiError as error:
            # A deleted message or a channel the bot left: the other copies still change.
            logger.warning(
                "could not update escalation %s in %s: %s",
                escalation_id,
                copy.channel,
                error.response.get("error"),
            )


def tell_grader(
    runtime: Runtime, client: WebClient, escalation: Escalation, key: str, who: str
) -> bool:
    """DM the grader what happened to their case (`key` in the escalations catalog).
    False, and logged, when Slack would not take the message."""
    grader = runtime.identities.resolve(client, escalation.grader_slack_user)
    test = escalation.test_id or t(grader.language, "escalation.office_test")
    try:
        channel = client.conversations_open(users=escalation.grader_slack_user)["channel"]["id"]
        client.chat_postMessage(channel=channel, text=t(grader.language, key, who=who, test=test))
    except SlackApiError as error:
        logger.error(
            "could not tell the grader of escalation %s: %s",
            escalation.id,
            error.response.get("error"),
        )
        return False
    return True


def _department_channel(session: Session, test_id: str | None) -> str | None:
    if test_id is None:
        return None
    test = session.get(Test, test_id)
    department = session.get(Department, test.department) if test else None
    return department.escalation_channel if department else None


def _slack_users(
    runtime: Runtime, client: WebClient, emails: list[str]
) -> tuple[list[tuple[str, str]], list[str]]:
    """([(e-mail, Slack user id)], [e-mails not found]) for `emails`."""
    found, missing = [], []
    for email in emails:
        try:
            user_id = runtime.identities.user_id_for_email(client, email)
        except SlackApiError as error:
            logger.error(
                "users.lookupByEmail failed for a recipient: %s", error.response.get("error")
            )
            user_id = None
        if user_id is None:
            missing.append(email)
        else:
            found.append((email, user_id))
    return found, missing


def _dm_case(
    runtime: Runtime,
    client: WebClient,
    escalation: Escalation,
    findings: tuple[Finding, ...],
    email: str,
    user_id: str,
) -> escalations.PostedCopy | None:
    lang = runtime.identities.resolve(client, user_id).language
    text, blocks = consultant_message(escalation, findings, lang, runtime.settings.tz)
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        posted = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as error:
        logger.error(
            "could not DM escalation %s to %s: %s",
            escalation.id,
            user_id,
            error.response.get("error"),
        )
        return None
    return escalations.PostedCopy(email, posted["channel"], posted["ts"], lang)


def _announce(
    runtime: Runtime, client: WebClient, escalation: Escalation, channel: str
) -> escalations.PostedCopy | None:
    lang = runtime.settings.default_language
    text, blocks = channel_message(escalation, lang, runtime.settings.tz)
    try:
        posted = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as error:
        # Typically the bot was not invited to the channel; the DMs carry the case anyway.
        logger.warning(
            "could not announce escalation %s in %s: %s",
            escalation.id,
            channel,
            error.response.get("error"),
        )
        return None
    return escalations.PostedCopy(None, posted["channel"], posted["ts"], lang)
