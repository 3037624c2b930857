"""Buttons and choices on approval prompts: approve own grading, choose an agreed grade,
approve the final grades, confirm the FS transfer.

A button's value is only its prompt's id; the service decides from the store whether the
person pressing may act and whether the prompt still applies. A refusal goes to the
presser alone; a prompt shown in a `/sensur approve` reply is replaced by its new state,
and the prompts sent by DM are updated in place by `deliver`.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals import (
    Outcome,
    RefusalReason,
    choose_agreed_grade,
    posted_prompt,
    press_final_approval,
    press_own_approval,
    press_transferred,
    prompt_view,
)
from bot.approvals.delivery import enqueue_outcome
from bot.exams.people import Roles
from bot.runtime import Asker
from bot.scheduling.delivery import send_now
from bot.ui.approvals import parse_agree_value, prompt_message, refusal_text
from handlers.context import asker_of, runtime_of
from models.types import parse_row_id

Press = Callable[[Session, int, Asker], Outcome]


def _grader_email(asker: Asker) -> str | None:
    grader = asker.roles.grader
    return grader.email if grader is not None else None


def _prompt_button(press: Press) -> Callable[..., None]:
    """The listener of a button whose value is its prompt's id, pressing with `press`."""

    def handle_prompt_button(
        ack: Ack,
        body: dict,
        client: WebClient,
        context: BoltContext,
        respond: Respond,
        logger: Logger,
    ) -> None:
        ack()
        prompt_id = _prompt_id(body["actions"][0].get("value", ""))
        _on_prompt(body, client, context, respond, logger, prompt_id, press)

    return handle_prompt_button


def _by_grader(press: Callable[[Session, int, str | None], Outcome]) -> Press:
    """A press by the grader the presser is (None when they grade nothing)."""
    return lambda session, prompt_id, asker: press(session, prompt_id, _grader_email(asker))


def _by_roles(press: Callable[[Session, int, Roles], Outcome]) -> Press:
    """A press decided by all the presser's roles (consultant, admin)."""
    return lambda session, prompt_id, asker: press(session, prompt_id, asker.roles)


handle_approve_own = _prompt_button(_by_grader(press_own_approval))
handle_approve_final = _prompt_button(_by_grader(press_final_approval))
handle_transferred = _prompt_button(_by_roles(press_transferred))


def handle_agree_grade(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, respond: Respond, logger: Logger
) -> None:
    ack()
    selected = body["actions"][0].get("selected_option") or {}
    chosen = parse_agree_value(selected.get("value", ""))
    prompt_id = chosen[0] if chosen else None

    def choose(session: Session, prompt_id: int, asker: Asker) -> Outcome:
        assert chosen is not None  # only pressed with the chosen option's prompt id
        _, candidate, grade = chosen
        return choose_agreed_grade(session, prompt_id, _grader_email(asker), candidate, grade)

    _on_prompt(body, client, context, respond, logger, prompt_id, choose)


def _prompt_id(value: str) -> int | None:
    return parse_row_id(value)


def _on_prompt(
    body: dict,
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    logger: Logger,
    prompt_id: int | None,
    press: Press,
) -> None:
    runtime = runtime_of(context)
    asker = asker_of(context, client, body["user"]["id"])
    keys: list[str] = []
    if prompt_id is None:
        outcome = Outcome.refused(RefusalReason.out_of_date, test="")
    else:
        with runtime.session() as session:
            outcome = press(session, prompt_id, asker)
            keys = enqueue_outcome(session, outcome)
    if outcome.refusal is not None:
        text = refusal_text(outcome.refusal, asker.lang, runtime.settings.tz)
        _tell_presser(body, client, respond, text)
    elif outcome.changed and prompt_id is not None:
        _show_new_state_where_clicked(body, context, respond, prompt_id, asker.lang)
    send_now(runtime, keys)


def _tell_presser(body: dict, client: WebClient, respond: Respond, text: str) -> None:
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get(
        "id"
    )
    user_id = body["user"]["id"]
    if channel:
        client.chat_postEphemeral(channel=channel, user=user_id, text=text)
    else:
        client.chat_postMessage(channel=user_id, text=text)


def _show_new_state_where_clicked(
    body: dict, context: BoltContext, respond: Respond, prompt_id: int, lang: str
) -> None:
    """A prompt pressed in an ephemeral `/sensur approve` reply is replaced there; the DM
    prompt itself is refreshed by `deliver` with everyone else's."""
    runtime = runtime_of(context)
    container = body.get("container") or {}
    with runtime.session() as session:
        prompt = posted_prompt(session, prompt_id)
        view = prompt_view(session, prompt_id)
    clicked_the_prompt = prompt is not None and (
        container.get("message_ts") == prompt.ts and container.get("channel_id") == prompt.channel
    )
    if clicked_the_prompt or view is None or not body.get("response_url"):
        return
    message = prompt_message(view, lang, runtime.settings.tz)
    respond(text=message.text, blocks=message.blocks, replace_original=True)
