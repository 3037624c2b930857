"""The buttons on opened-for-marking notices, reminders and overdue notices: each answers
exactly as typing the matching `/sensur` sub-command with the notice's test would. The
"Open Inspera" link opens in the browser; its click only needs an answer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.slack.command_words import WORDS, ParsedCommand
from bot.slack.commands import CommandRequest
from bot.ui.outgoing import NoticeButton
from bot.ui.payloads import PayloadError
from handlers.buttons import acked_button
from handlers.commands.sensur import run_subcommand
from handlers.payloads import action_value


def _subcommand_button(name: str) -> Callable[..., None]:
    """The listener of a notice button that answers as `/sensur <name> TEST` would."""
    return acked_button(functools.partial(_run_subcommand, name))


def _run_subcommand(
    name: str,
    body: dict,
    client: WebClient,
    respond: Respond,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    # The button carries only the test id; who may see what is decided by the sub-command,
    # from the store, as for a typed command.
    try:
        test_id = NoticeButton.decode(action_value(body)).test_id
    except PayloadError as error:
        logger.warning("notice button: %s", error)
        respond(
            text=t(asker.lang, "button.unreadable"),
            response_type="ephemeral",
            replace_original=False,
        )
        return
    english, norwegian = WORDS[name][0], WORDS[name][-1]
    word = norwegian if asker.lang == "nb" else english
    run_subcommand(
        CommandRequest(
            runtime=runtime,
            asker=asker,
            command=ParsedCommand(name, word, (test_id,)),
            client=client,
            respond=respond,
            body={
                "user_id": body["user"]["id"],
                "channel_id": (body.get("channel") or {}).get("id"),
                "text": f"{word} {test_id}",
                "response_url": body.get("response_url"),
                "trigger_id": body.get("trigger_id"),
            },
            logger=logger,
        )
    )


handle_template = _subcommand_button("template")
handle_why = _subcommand_button("why")
handle_status = _subcommand_button("status")


def handle_inspera_link(ack: Ack) -> None:
    # The browser opens the link; Slack still wants the click answered.
    ack()
