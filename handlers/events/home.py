"""The Home tab: the person's tests, then the help (SPEC §3.8)."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.home.overview import home_overview
from bot.ui.home import home_view
from handlers.context import asker_of, runtime_of
from models.types import utcnow


def handle_app_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") not in (None, "home"):
        return
    runtime = runtime_of(context)
    # Who the person is and what they may see comes from the store, never from the event.
    asker = asker_of(context, client, event["user"])
    with runtime.session() as session:
        overview = home_overview(session, asker.roles, utcnow())
        view = home_view(asker.lang, overview, runtime.settings.help_contacts, runtime.settings.tz)
    client.views_publish(user_id=event["user"], view=view)
