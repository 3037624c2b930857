"""Button listeners as Bolt calls them: the injected arguments by name, `ack()` first."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime

# What a button does once acknowledged: (body, client, respond, runtime, asker, logger).
ButtonWork = Callable[[dict, WebClient, Respond, Runtime, Asker, Logger], None]


def acked_button(work: ButtonWork) -> Callable[..., None]:
    """A listener that acknowledges the press at once and then does `work` (Bolt answers
    Slack before the slow part starts)."""

    def handle_button(
        ack: Ack,
        body: dict,
        client: WebClient,
        respond: Respond,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        ack()
        work(body, client, respond, runtime, asker, logger)

    return handle_button
