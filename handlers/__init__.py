"""Slack listeners only: read the request, call a service, render, reply.

Every listener may declare `runtime: Runtime` and `asker: Asker` among its arguments: the
middleware below puts both into Bolt's context, and Bolt passes context keys to listeners
by name. The asker is looked up in Slack only when a listener first uses it, so a listener
that acknowledges first answers Slack before any `users.info`.
"""

from collections.abc import Callable

from slack_bolt import App, BoltContext
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient

from bot.runtime import Runtime
from handlers import actions, commands, events, views


def inject_asker(
    context: BoltContext, client: WebClient, next_: Callable[[], BoltResponse]
) -> BoltResponse:
    """`context["asker"]`: the person behind the request (None when it has none)."""
    runtime: Runtime = context["runtime"]
    user_id = context.user_id
    context["asker"] = runtime.asker(client, user_id) if user_id else None
    return next_()


def register_listeners(app: App) -> None:
    app.middleware(inject_asker)
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
