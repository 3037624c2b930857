"""The Home tab."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.ui.help import help_blocks
from handlers.context import asker_of, runtime_of


def handle_app_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") not in (None, "home"):
        return
    asker = asker_of(context, client, event["user"])
    blocks = help_blocks(asker.lang, runtime_of(context).settings.help_contacts)
    client.views_publish(user_id=event["user"], view=View(type="home", blocks=blocks))
