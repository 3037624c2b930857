"""The Home tab: what waits for the person, their tests, then short help (SPEC §3.8)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.home.overview import home_overview
from bot.runtime import Asker, Runtime
from bot.ui.help import Audience
from bot.ui.home import home_view
from bot.ui.kit import Mrkdwn
from models.types import utcnow


def handle_app_home_opened(event: dict, client: WebClient, runtime: Runtime, asker: Asker) -> None:
    if event.get("tab") not in (None, "home"):
        return
    publish_home(client, runtime, asker, event["user"])


def publish_home(
    client: WebClient, runtime: Runtime, asker: Asker, user_id: str, done: Mrkdwn | None = None
) -> None:
    """Publish the person's Home tab as the store has it now; `done` says what their last
    press on it did. Who they are and what they may see comes from the store, never from
    the event or the button."""
    with runtime.session() as session:
        overview = home_overview(session, asker.roles, utcnow())
        view = home_view(
            asker.lang,
            overview,
            runtime.settings.help_contacts,
            runtime.settings.tz,
            Audience.of(asker.roles),
            done,
        )
    client.views_publish(user_id=user_id, view=view)
