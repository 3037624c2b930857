"""Buttons of tests marked in Inspera (SPEC §2.6): "I have approved my grading in Inspera"
and "Take back" (on the opened notice, reminders, the `/sensur ferdig` reply and the Home
tab), and the consultants' "final grades are confirmed".

A value names only the test (and committee); who may press it is read from the store on
every press, so a forged value changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.approvals.delivery import enqueue_outcome
from bot.approvals.outcome import ApprovalOutcome
from bot.grading_reports import (
    ConfirmOutcome,
    confirm_final_grades,
    report_done,
    take_back,
)
from bot.handoff.checklist import start_graded_handoffs
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.ui import kit
from bot.ui.grading_reports import ConfirmFinalButton, ReportButton, confirmation_text
from bot.ui.kit import Message, md
from bot.ui.payloads import PayloadError
from handlers.actions.home import from_home
from handlers.buttons import acked_button
from handlers.commands.done import Step, press
from handlers.events.home import publish_home
from handlers.payloads import action_value
from models.tables import Test
from models.types import utcnow


def _report_button(step: Step) -> Callable[..., None]:
    """The listener of a report or take-back button, running `step` for the presser."""

    def work(
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        try:
            button = ReportButton.decode(action_value(body))
        except PayloadError as error:
            logger.warning("grading report button: %s", error)
            _answer(body, client, respond, runtime, asker, None)
            return
        said, message = press(runtime, asker, button.test_id, button.committee, step)
        if from_home(body):
            publish_home(client, runtime, asker, body["user"]["id"], said)
            return
        _answer(body, client, respond, runtime, asker, message)

    return acked_button(work)


def _answer(
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    message: Message | None,
) -> None:
    """The answer where the button was pressed: the tab, an ephemeral reply replaced in
    place, or a new ephemeral reply under a notice (which stays as it was)."""
    if message is None:
        message = kit.text_message(md(asker.lang, "button.unreadable"))
        if from_home(body):
            publish_home(client, runtime, asker, body["user"]["id"], message.text)
            return
    in_place = bool((body.get("container") or {}).get("is_ephemeral"))
    respond(
        text=message.text,
        blocks=message.blocks,
        response_type="ephemeral",
        replace_original=in_place,
    )


handle_report_done = _report_button(report_done)
handle_take_back = _report_button(take_back)


def _confirm(
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    """Confirm the final grades, if the store says the presser is a consultant of the test;
    the message pressed on then says it is confirmed (and by whom it was, Inspera or a
    consultant, is in the store); a refusal is told to the presser alone."""
    lang, tz = asker.lang, runtime.settings.tz
    try:
        test_id = ConfirmFinalButton.decode(action_value(body)).test_id
    except PayloadError as error:
        logger.warning("final grades button: %s", error)
        _answer(body, client, respond, runtime, asker, None)
        return
    keys: list[str] = []
    with runtime.session() as session:
        now = utcnow()
        result = confirm_final_grades(session, test_id, asker.roles, now)
        if result.outcome != ConfirmOutcome.confirmed:
            session.rollback()  # the lock taken, nothing else: leave no trace
        test = session.get(Test, test_id)
        if result.outcome == ConfirmOutcome.confirmed and test is not None:
            # The test is graded now: its FS hand-off starts at once, not at the next pass.
            outcome = ApprovalOutcome()
            start_graded_handoffs(session, [test], now, outcome)
            keys = enqueue_outcome(session, outcome, now)
    send_now(runtime, keys)
    text = confirmation_text(lang, tz, test, result)
    if from_home(body):
        publish_home(client, runtime, asker, body["user"]["id"], text)
        return
    if result.outcome in (ConfirmOutcome.confirmed, ConfirmOutcome.already_confirmed):
        # The message pressed on now says it is confirmed, without its button.
        respond(text=text, blocks=kit.text_message(text).blocks, replace_original=True)
        return
    respond(text=text, response_type="ephemeral", replace_original=False)


handle_confirm_final = acked_button(_confirm)
