"""A `/sensur` request as the sub-commands see it: who asks, what they typed, and how to
answer them (ephemerally, through `respond`)."""

from __future__ import annotations

from dataclasses import dataclass
from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime
from bot.slack.command_words import ParsedCommand


@dataclass(frozen=True)
class CommandRequest:
    """Everything a sub-command needs; replies go through `respond` (ephemeral)."""

    runtime: Runtime
    asker: Asker
    command: ParsedCommand
    client: WebClient
    respond: Respond
    body: dict
    logger: Logger

    @property
    def lang(self) -> str:
        return self.asker.lang

    def say(self, text: str) -> None:
        """An ephemeral answer of plain text."""
        self.respond(text=text, response_type="ephemeral")
