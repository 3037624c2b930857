"""Slack listeners only: read the request, call a service, render, reply.

Every listener may declare `runtime: Runtime` and `asker: Asker` among its arguments:
`prepare_context` puts both into Bolt's context (in the pool, before the listener runs;
a middleware would run on the thread answering Slack), and Bolt passes context keys to
listeners by name. The asker is looked up in Slack only when a listener first uses it.
"""

from slack_bolt import App, BoltContext

from bot.runtime import Runtime
from handlers import actions, commands, events, views


def prepare_context(context: BoltContext, runtime: Runtime) -> None:
    """`context["runtime"]`, and `context["asker"]`: the person behind the request (None
    when it has none)."""
    context["runtime"] = runtime
    user_id = context.user_id
    context["asker"] = runtime.asker(context.client, user_id) if user_id else None


def register_listeners(app: App) -> None:
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
