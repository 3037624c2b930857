"""Button listeners as Bolt calls them: the injected arguments by name. Every press is
acknowledged before its listener runs (`bot.slack.ack_first`), so `work` does only the work."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime

# What a button does once acknowledged: (body, client, respond, runtime, asker, logger).
ButtonWork = Callable[[dict, WebClient, Respond, Runtime, Asker, Logger], None]


def acked_button(work: ButtonWork) -> Callable[..., None]:
    """A listener that does `work` with what Bolt injects, after the acknowledgement."""

    def handle_button(
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        work(body, client, respond, runtime, asker, logger)

    return handle_button


def tell_presser(body: dict, client: WebClient, respond: Respond, text: str) -> None:
    """`text` to the person who pressed, and to nobody else: ephemeral where they pressed,
    else in their DM."""
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get(
        "id"
    )
    user_id = body["user"]["id"]
    if channel:
        client.chat_postEphemeral(channel=channel, user=user_id, text=text)
    else:
        client.chat_postMessage(channel=user_id, text=text)
