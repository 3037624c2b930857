"""`/sensur`: acknowledge at once, then find out who asks and route the sub-command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from logging import Logger

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime
from bot.slack.command_words import ParsedCommand, parse_command
from bot.ui.help import help_fallback_text, help_message_blocks
from bot.ui.kit import Mrkdwn, md
from handlers.commands import approvals, gradesheets
from handlers.commands.open_test import reply_open
from handlers.commands.status import reply_status
from handlers.commands.why import reply_why
from handlers.context import asker_of, runtime_of


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


def reply_help(request: CommandRequest, lead: Mrkdwn | None = None) -> None:
    request.respond(
        text=help_fallback_text(request.lang),
        blocks=help_message_blocks(request.lang, request.runtime.settings.help_contacts, lead=lead),
        response_type="ephemeral",
    )


def reply_unknown(request: CommandRequest) -> None:
    reply_help(request, lead=md(request.lang, "command.unknown", word=request.command.word))


SubCommand = Callable[[CommandRequest], None]

# Sub-command name → handler. A name listed in `bot.slack.command_words.WORDS` but not here is
# answered as unknown, with the help.
SUBCOMMANDS: dict[str, SubCommand] = {
    "help": reply_help,
    "why": reply_why,
    "approve": approvals.reply_approve,
    "reopen": approvals.reply_reopen,
    "template": gradesheets.reply_template,
    "export": gradesheets.reply_export,
    "open": reply_open,
    "status": reply_status,
}


def handle_sensur(
    ack: Ack,
    body: dict,
    respond: Respond,
    client: WebClient,
    context: BoltContext,
    logger: Logger,
) -> None:
    ack()
    request = CommandRequest(
        runtime=runtime_of(context),
        asker=asker_of(context, client, body["user_id"]),
        command=parse_command(body.get("text")),
        client=client,
        respond=respond,
        body=body,
        logger=logger,
    )
    handler = SUBCOMMANDS.get(request.command.name or "", reply_unknown)
    handler(request)
