"""`/sensur why [TEST]` (`hvorfor`): why can't I see the submissions?"""

from __future__ import annotations

from bot.diagnosis.access import diagnose_access
from bot.i18n import t
from bot.slack.commands import CommandRequest
from bot.ui.diagnosis import why_message
from models.types import utcnow


def reply_why(request: CommandRequest) -> None:
    runtime = request.runtime
    person = request.asker.slack
    if person.email is None:
        exam_office = runtime.settings.help_contacts.exam_office
        request.respond(
            text=t(request.lang, "why.unidentified", exam_office=exam_office),
            response_type="ephemeral",
        )
        return
    query = " ".join(request.command.args) or None
    with runtime.session() as session:
        diagnosis = diagnose_access(
            session, email=person.email, query=query, now=utcnow(), settings=runtime.settings
        )
    text, blocks = why_message(diagnosis, request.lang, runtime.settings)
    request.respond(text=text, blocks=blocks, response_type="ephemeral")
