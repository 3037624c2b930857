"""`/sensur help|hjelp` (and a bare `/sensur`, and a word it does not know): the help for the
asker's roles, read from the store, in an ephemeral reply."""

from __future__ import annotations

from bot.slack.commands import CommandRequest
from bot.ui.help import Audience, help_fallback_text, help_message_blocks
from bot.ui.kit import Mrkdwn, md


def reply_help(request: CommandRequest, lead: Mrkdwn | None = None) -> None:
    request.respond(
        text=help_fallback_text(request.lang),
        blocks=help_message_blocks(
            request.lang,
            request.runtime.settings.help_contacts,
            Audience.of(request.asker.roles),
            lead=lead,
        ),
        response_type="ephemeral",
    )


def reply_unknown(request: CommandRequest) -> None:
    reply_help(request, lead=md(request.lang, "command.unknown", word=request.command.word))
