"""Direct messages to the bot: grade sheets (files) go to the grade-sheet intake, plain
text gets a pointer to what the bot can do."""

from __future__ import annotations

from logging import Logger

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.i18n import t
from bot.runtime import Asker, Runtime
from handlers.events.files import receive_files_from_message


def handle_message(
    body: dict,
    event: dict,
    client: WebClient,
    context: BoltContext,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    if event.get("channel_type") != "im" or event.get("bot_id"):
        return
    if event.get("subtype") == "file_share":
        receive_files_from_message(body, event, client, context, runtime, asker, logger)
        return
    if event.get("subtype"):
        return
    client.chat_postMessage(channel=event["channel"], text=t(asker.lang, "dm.text_reply"))
