"""Escalation buttons: the grader's "send to the study consultant", and the consultants'
Acknowledge / Resolved. Button values carry only ids; who may act is read from the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.escalations import cases as escalations
from bot.escalations.delivery import (
    announce,
    delivery_of,
    escalate,
    fall_back_to_exam_office,
)
from bot.escalations.requests import EscalationRequest
from bot.exams.people import Roles
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.slack.identity import SlackPerson
from bot.slack.messaging import find_person
from bot.ui.diagnosis import EscalationTarget, why_message
from bot.ui.escalation_replies import grader_reply, sent_note
from bot.ui.escalations import EscalationButton, status_line
from bot.ui.payloads import PayloadError
from handlers.buttons import acked_button
from handlers.commands.why import consultants_in_slack
from handlers.payloads import action_value
from models.tables import Escalation
from models.types import utcnow

Step = Callable[..., escalations.Transition]


def handle_escalation_send(
    ack: Ack,
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    ack()
    lang = asker.lang
    try:
        test_id = EscalationTarget.decode(action_value(body)).test_id
    except PayloadError as error:
        logger.warning("escalate button: %s", error)
        _reply(respond, t(lang, "escalation.bad_button"))
        return
    if asker.slack.email is None:
        exam_office = runtime.settings.help_contacts.exam_office
        _reply(respond, t(lang, "why.unidentified", exam_office=exam_office))
        return
    request = _escalate(runtime, client, asker.slack, test_id)
    if request.diagnosis is None:
        _reply(respond, grader_reply(request, lang, runtime.settings))
        return
    # The answer the button was in, as it now stands, with what became of the case where
    # the button was: pressing it again cannot send anything twice.
    consultants = consultants_in_slack(client, runtime.identities, request.diagnosis, logger)
    _, blocks = why_message(
        request.diagnosis,
        lang,
        runtime.settings,
        consultants=consultants,
        sent={test_id: sent_note(request, lang, runtime.settings)},
    )
    respond(
        text=grader_reply(request, lang, runtime.settings),
        blocks=blocks,
        response_type="ephemeral",
        replace_original=True,
    )


def _escalate(
    runtime: Runtime, client: WebClient, person: SlackPerson, test_id: str | None
) -> EscalationRequest:
    """Open the case and send it at once; when no consultant is in Slack, to the exam
    office. What Slack does not take now is sent by the scheduler's next passes."""
    with runtime.session() as session:
        request = escalate(
            session,
            runtime.settings,
            email=person.email,
            user_id=person.user_id,
            name=person.name,
            test_id=test_id,
            now=utcnow(),
        )
    if request.updates:  # a grader joined: every copy shows them now
        send_now(runtime, list(request.updates))
    if request.escalation is None or not request.sent_to:
        return request
    send_now(runtime, list(request.sent_to.values()))
    before = set(request.sent_to.values())
    with runtime.session() as session:
        request = fall_back_to_exam_office(session, request, runtime.settings, utcnow())
    send_now(runtime, [key for key in request.sent_to.values() if key not in before])
    with runtime.session() as session:
        delivery = delivery_of(session, request)
    # The reply names the people reached as Slack users (found and cached on delivery).
    reached = tuple(
        user_id
        for email in delivery.reached
        if (user_id := find_person(client, runtime.identities, email)) is not None
    )
    return replace(request, delivery=replace(delivery, reached=reached))


def _step_button(step: Step, done: str) -> Callable[..., None]:
    """The listener of Acknowledge or Resolved, taking `step` on the button's case."""
    return acked_button(
        lambda body, client, respond, runtime, asker, logger: _act(
            body, client, runtime, asker, respond, logger, step, done
        )
    )


handle_escalation_acknowledge = _step_button(escalations.acknowledge, "acknowledged")
handle_escalation_resolve = _step_button(escalations.resolve, "resolved")


def _act(
    body: dict,
    client: WebClient,
    runtime: Runtime,
    asker: Asker,
    respond: Respond,
    logger: Logger,
    step: Step,
    done: str,
) -> None:
    """Acknowledge or resolve: only for those entitled, once, then every copy of the case
    is updated in place and the grader is told."""
    user_id = body["user"]["id"]
    lang = asker.lang
    try:
        escalation_id = EscalationButton.decode(action_value(body)).escalation_id
    except PayloadError as error:
        logger.warning("escalation button: %s", error)
        _reply(respond, t(lang, "escalation.bad_button"))
        return
    roles = asker.roles
    keys: list[str] = []
    now = utcnow()
    with runtime.session() as session:
        refusal = _refusal(session, escalation_id, roles, lang)
        transition = (
            None
            if refusal
            else step(session, escalation_id, actor=roles.email, now=now, actor_user=user_id)
        )
        if transition is not None and transition.changed:
            case = transition.escalation
            keys = announce(session, runtime.settings, case, done, user_id, now)
    if transition is None:
        assert refusal is not None
        logger.info("escalation %s: %s was refused or the case is gone", escalation_id, user_id)
        _reply(respond, refusal or t(lang, "escalation.gone"))
        return
    if not transition.changed:
        status = status_line(transition.escalation, lang, runtime.settings.tz)
        _reply(respond, t(lang, "escalation.already_done", status=status))
        return
    send_now(runtime, keys)


def _refusal(session: Session, escalation_id: int, roles: Roles, lang: str) -> str | None:
    escalation = session.get(Escalation, escalation_id)
    if escalation is None:
        return t(lang, "escalation.gone")
    if not escalations.may_act(session, escalation, roles):
        return t(lang, "escalation.refused")
    return None


def _reply(respond: Respond, text: str) -> None:
    """An ephemeral answer to the person who clicked, below the message they clicked in."""
    respond(text=text, response_type="ephemeral", replace_original=False)
