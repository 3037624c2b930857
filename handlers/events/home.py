"""The Home tab: the person's tests, then the help (SPEC §3.8)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.home.overview import home_overview
from bot.runtime import Asker, Runtime
from bot.ui.home import home_view
from models.types import utcnow


def handle_app_home_opened(event: dict, client: WebClient, runtime: Runtime, asker: Asker) -> None:
    if event.get("tab") not in (None, "home"):
        return
    # Who the person is and what they may see comes from the store, never from the event.
    with runtime.session() as session:
        overview = home_overview(session, asker.roles, utcnow())
        view = home_view(asker.lang, overview, runtime.settings.help_contacts, runtime.settings.tz)
    client.views_publish(user_id=event["user"], view=view)
