"""Buttons and choices on approval prompts: approve own grading, choose an agreed grade,
approve the final grades (and get them as a file), reopen a committee once the consultant
confirmed. (The FS hand-off's checklist has its own: `handlers.actions.handoff`.)

A button's value is only its prompt's id; the service decides from the store whether the
person pressing may act and whether the prompt still applies. A refusal goes to the
presser alone; a prompt shown in a `/sensur approve` reply is replaced by its new state,
and the prompts sent by DM are updated in place by `deliver`.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals import (
    ApprovalOutcome,
    NoticeKind,
    Refusal,
    RefusalReason,
    choose_agreed_grade,
    final_prompt_for,
    posted_prompt,
    press_final_approval,
    press_own_approval,
    prompt_view,
    reopen_committee,
)
from bot.approvals.delivery import enqueue_outcome
from bot.approvals.views import FinalPromptView
from bot.exams.people import Roles
from bot.gradesheets.export import final_list_filename, inspera_workbook
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.slack.files import upload_to_dm
from bot.ui.approvals import (
    AgreeChoice,
    PromptButton,
    ReopenButton,
    final_list_comment,
    prompt_message,
    refusal_text,
    reopened_text,
)
from bot.ui.payloads import PayloadError
from handlers.buttons import acked_button, tell_presser
from handlers.payloads import action_value, selected_value

Press = Callable[[Session, int, Asker], ApprovalOutcome]


def _grader_email(asker: Asker) -> str | None:
    grader = asker.roles.grader
    return grader.email if grader is not None else None


def prompt_button(press: Press) -> Callable[..., None]:
    """The listener of a button whose value is its prompt's id, pressing with `press` (the
    FS hand-off's checklist buttons too)."""

    def press_prompt(
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        try:
            prompt_id: int | None = PromptButton.decode(action_value(body)).prompt_id
        except PayloadError as error:
            logger.warning("approval button: %s", error)
            prompt_id = None
        _on_prompt(body, client, runtime, asker, respond, logger, prompt_id, press)

    return acked_button(press_prompt)


def _by_grader(press: Callable[[Session, int, str | None], ApprovalOutcome]) -> Press:
    """A press by the grader the presser is (None when they grade nothing)."""
    return lambda session, prompt_id, asker: press(session, prompt_id, _grader_email(asker))


def by_roles(press: Callable[[Session, int, Roles], ApprovalOutcome]) -> Press:
    """A press decided by all the presser's roles (consultant, admin)."""
    return lambda session, prompt_id, asker: press(session, prompt_id, asker.roles)


handle_approve_own = prompt_button(_by_grader(press_own_approval))
handle_approve_final = prompt_button(_by_grader(press_final_approval))


def handle_agree_grade(
    ack: Ack,
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    ack()
    try:
        chosen = AgreeChoice.decode(selected_value(body))
    except PayloadError as error:
        logger.warning("agreed-grade choice: %s", error)
        _on_prompt(body, client, runtime, asker, respond, logger, None, None)
        return

    def choose(session: Session, prompt_id: int, asker: Asker) -> ApprovalOutcome:
        email = _grader_email(asker)
        return choose_agreed_grade(session, prompt_id, email, chosen.candidate, chosen.grade)

    _on_prompt(body, client, runtime, asker, respond, logger, chosen.prompt_id, choose)


def _on_prompt(
    body: dict,
    client: WebClient,
    runtime: Runtime,
    asker: Asker,
    respond: Respond,
    logger: Logger,
    prompt_id: int | None,
    press: Press | None,
) -> None:
    keys: list[str] = []
    if prompt_id is None or press is None:  # a value none of our prompts carries
        outcome = ApprovalOutcome.refused(RefusalReason.out_of_date, test="")
    else:
        with runtime.session() as session:
            outcome = press(session, prompt_id, asker)
            keys = enqueue_outcome(session, outcome)
    if outcome.refusal is not None:
        text = refusal_text(outcome.refusal, asker.lang, runtime.settings.tz)
        tell_presser(body, client, respond, text)
    elif outcome.changed and prompt_id is not None:
        _show_new_state_where_clicked(body, runtime, respond, prompt_id, asker.lang)
    send_now(runtime, keys)


def _show_new_state_where_clicked(
    body: dict, runtime: Runtime, respond: Respond, prompt_id: int, lang: str
) -> None:
    """A prompt pressed in an ephemeral `/sensur approve` reply is replaced there; the DM
    prompt itself is refreshed by `deliver` with everyone else's."""
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


# -- the final grades to approve, as a file ------------------------------------------------


_OUT_OF_DATE = Refusal(RefusalReason.out_of_date, {"test": ""})  # an unreadable button


def _pressed_final_prompt(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> FinalPromptView | None:
    """The final approval prompt whose button was pressed, as its recipient sees it; None
    after telling anyone else (or an unreadable button) why not."""
    lang, tz = asker.lang, runtime.settings.tz
    try:
        prompt_id = PromptButton.decode(action_value(body)).prompt_id
    except PayloadError as error:
        logger.warning("final approval prompt button: %s", error)
        tell_presser(body, client, respond, refusal_text(_OUT_OF_DATE, lang, tz))
        return None
    with runtime.session() as session:
        view = final_prompt_for(session, prompt_id, _grader_email(asker))
    if isinstance(view, Refusal):
        tell_presser(body, client, respond, refusal_text(view, lang, tz))
        return None
    return view


def _send_final_list(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    """The grades a final approval prompt asks for, as a workbook in the presser's DM: only
    for the grader the prompt was sent to, who sees those grades in the prompt itself."""
    view = _pressed_final_prompt(body, client, respond, runtime, asker, logger)
    if view is None:
        return
    filename = final_list_filename(view.test_id, view.committee)
    grades = {row.candidate: row.grade for row in view.rows}
    upload_to_dm(
        client,
        body["user"]["id"],
        inspera_workbook(grades),
        filename=filename,
        title=filename,
        comment=final_list_comment(asker.lang, view.test_id, view.committee, len(grades)),
    )


handle_final_list = acked_button(_send_final_list)


def _show_final(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    """A `/sensur approve` reply's "see the grades and approve": the final approval prompt,
    with every grade and its confirmed button, in place of the reply."""
    view = _pressed_final_prompt(body, client, respond, runtime, asker, logger)
    if view is None:
        return
    message = prompt_message(view, asker.lang, runtime.settings.tz)
    if body.get("response_url"):
        respond(text=message.text, blocks=message.blocks, replace_original=True)
    else:
        client.chat_postMessage(
            channel=body["user"]["id"], text=message.text, blocks=message.blocks
        )


handle_show_final = acked_button(_show_final)


# -- reopening, once the consultant confirmed ----------------------------------------------


def _reopen(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    lang, tz = asker.lang, runtime.settings.tz
    try:
        pressed = ReopenButton.decode(action_value(body))
    except PayloadError as error:
        logger.warning("reopen button: %s", error)
        tell_presser(body, client, respond, refusal_text(_OUT_OF_DATE, lang, tz))
        return
    with runtime.session() as session:
        outcome = reopen_committee(
            session,
            pressed.test_id,
            pressed.committee,
            asker.roles,
            pressed.reason,
            actor_slack_user=body["user"]["id"],
        )
        keys = enqueue_outcome(session, outcome)
    if outcome.refusal is not None:
        tell_presser(body, client, respond, refusal_text(outcome.refusal, lang, tz))
        return
    told = sum(1 for n in outcome.notices if n.kind == NoticeKind.reopened)
    text = reopened_text(lang, pressed.test_id, pressed.committee, told)
    if body.get("response_url"):
        respond(text=text, replace_original=True)
    else:
        tell_presser(body, client, respond, text)
    send_now(runtime, keys)


handle_reopen = acked_button(_reopen)
