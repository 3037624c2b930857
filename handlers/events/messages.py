"""Direct messages to the bot."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.i18n import t
from handlers.context import asker_of


def handle_message(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
        return
    asker = asker_of(context, client, event["user"])
    client.chat_postMessage(channel=event["channel"], text=t(asker.lang, "dm.text_reply"))
