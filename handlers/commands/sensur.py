"""`/sensur`: acknowledge at once, then route the sub-command.

`SUBCOMMANDS` is the one routing table; the sub-command modules take a
`bot.slack.commands.CommandRequest` and import nothing from here.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime
from bot.slack.command_words import parse_command
from bot.slack.commands import CommandRequest
from handlers.commands import approvals, gradesheets
from handlers.commands.done import reply_done
from handlers.commands.help import reply_help, reply_unknown
from handlers.commands.language import reply_language
from handlers.commands.open_test import reply_open
from handlers.commands.status import reply_status
from handlers.commands.why import reply_why

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
    "language": reply_language,
    "done": reply_done,
}


def run_subcommand(request: CommandRequest) -> None:
    SUBCOMMANDS.get(request.command.name or "", reply_unknown)(request)


def handle_sensur(
    ack: Ack,
    body: dict,
    respond: Respond,
    client: WebClient,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    ack()
    run_subcommand(
        CommandRequest(
            runtime=runtime,
            asker=asker,
            command=parse_command(body.get("text")),
            client=client,
            respond=respond,
            body=body,
            logger=logger,
        )
    )
