"""The buttons on an opened-for-marking notice: each answers exactly as typing the
matching `/sensur` sub-command with the notice's test would."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.command_words import WORDS, ParsedCommand
from handlers.commands.sensur import SUBCOMMANDS, CommandRequest, reply_unknown
from handlers.context import asker_of, runtime_of


def handle_template(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, respond: Respond, logger: Logger
) -> None:
    ack()
    _run_subcommand("template", body, client, context, respond, logger)


def handle_why(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, respond: Respond, logger: Logger
) -> None:
    ack()
    _run_subcommand("why", body, client, context, respond, logger)


def _run_subcommand(
    name: str, body: dict, client: WebClient, context: BoltContext, respond: Respond, logger: Logger
) -> None:
    user_id = body["user"]["id"]
    asker = asker_of(context, client, user_id)
    # The button carries only the test id; who may see what is decided by the sub-command,
    # from the store, as for a typed command.
    test_id = str(body["actions"][0].get("value") or "")
    english, norwegian = WORDS[name][0], WORDS[name][-1]
    word = norwegian if asker.lang == "nb" else english
    request = CommandRequest(
        runtime=runtime_of(context),
        asker=asker,
        command=ParsedCommand(name, word, (test_id,) if test_id else ()),
        client=client,
        respond=respond,
        body={
            "user_id": user_id,
            "channel_id": (body.get("channel") or {}).get("id"),
            "text": f"{word} {test_id}".strip(),
            "response_url": body.get("response_url"),
            "trigger_id": body.get("trigger_id"),
        },
        logger=logger,
    )
    SUBCOMMANDS.get(name, reply_unknown)(request)
