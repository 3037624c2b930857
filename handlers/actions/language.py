"""The language switch button (Home tab, the first DM): store the choice, answer in it."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.people.language import choose_language, language_from_word
from bot.runtime import Asker, Runtime
from bot.ui import kit
from bot.ui.language import chosen_message
from handlers.buttons import acked_button
from handlers.events.home import publish_home
from handlers.payloads import action_value
from models.types import utcnow


def _switch(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    user_id = body["user"]["id"]
    lang = language_from_word(action_value(body))
    if lang is None:
        logger.warning("language switch with an unknown value from %s", user_id)
        respond(text=kit.md(asker.lang, "button.unreadable"), response_type="ephemeral",
                replace_original=False)  # fmt: skip
        return
    with runtime.session() as session:
        changed = choose_language(session, user_id, lang, utcnow())
    if (body.get("container") or {}).get("type") == "view":
        # The Home tab, shown again in the language chosen: the asker is looked up on first
        # use, which is now, after the choice is stored.
        publish_home(client, runtime, asker, user_id)
        return
    message = chosen_message(lang, changed)
    respond(text=message.text, blocks=message.blocks, response_type="ephemeral",
            replace_original=False)  # fmt: skip


handle_language_switch = acked_button(_switch)
