"""Escalation buttons: the grader's "send to the study consultant", and the consultants'
Acknowledge / Resolved. Button values carry only ids; who may act is read from the store."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.escalations import cases as escalations
from bot.escalations.delivery import escalate, tell_grader, update_copies
from bot.exams.people import Roles
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.ui.diagnosis import EscalationTarget
from bot.ui.escalation_replies import grader_reply
from bot.ui.escalations import EscalationButton, status_line
from bot.ui.payloads import PayloadError
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
    request = escalate(runtime, client, asker.slack, test_id, utcnow())
    _reply(respond, grader_reply(request, lang, runtime.settings))


def _step_button(step: Step, done: str) -> Callable[..., None]:
    """The listener of Acknowledge or Resolved, taking `step` on the button's case."""

    def handle_escalation_button(
        ack: Ack,
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        ack()
        _act(body, client, runtime, asker, respond, logger, step, done)

    return handle_escalation_button


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
    with runtime.session() as session:
        refusal = _refusal(session, escalation_id, roles, lang)
        transition = (
            None if refusal else step(session, escalation_id, actor=roles.email, now=utcnow())
        )
    if transition is None:
        logger.info("escalation %s: %s was refused or the case is gone", escalation_id, user_id)
        _reply(respond, refusal or t(lang, "escalation.gone"))
        return
    if not transition.changed:
        status = status_line(transition.escalation, lang, runtime.settings.tz)
        _reply(respond, t(lang, "escalation.already_done", status=status))
        return
    update_copies(runtime, client, escalation_id)
    tell_grader(
        runtime, client, transition.escalation, f"escalation.grader.{done}", f"<@{user_id}>"
    )


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
