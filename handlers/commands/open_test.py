"""`/sensur open|åpne TEST`: consultants of that test and admins open it for marking."""

from __future__ import annotations

import functools

from bot.exams.which import which_test
from bot.i18n import t
from bot.opening.named_findings import named_findings
from bot.opening.service import AlreadyOpen, Opened, open_test
from bot.slack.commands import CommandRequest
from bot.ui import kit
from bot.ui.opening import refusal_lines
from bot.ui.which import which_refusal_text
from models.types import utcnow


def reply_open(request: CommandRequest) -> None:
    request.respond(text=_answer(request), response_type="ephemeral")


def _answer(request: CommandRequest) -> str:
    lang = request.lang
    roles = request.asker.roles
    if not (roles.is_admin or roles.is_consultant):
        return t(lang, "command.consultant_only", word=request.command.word)
    if not request.command.args:
        return t(lang, "open.usage")
    text = " ".join(request.command.args)
    tz = request.runtime.settings.tz
    with request.runtime.session() as session:
        which = which_test(session, text, roles.administered_test_ids)
        test = which.test
        if test is None:
            return which_refusal_text(lang, which)
        result = open_test(session, test, roles.email or request.asker.slack.user_id, utcnow())
        match result:
            case Opened(graders=graders):
                return t(lang, "open.opened", test=test.test_id, grader_count=graders)
            case AlreadyOpen(opened_at=opened_at):
                return t(
                    lang, "open.already_open", test=test.test_id, when=kit.date(lang, opened_at, tz)
                )
        format_date = functools.partial(kit.date, lang, tz=tz)
        found = named_findings(session, result.readiness)
        return "\n".join(refusal_lines(lang, test, result.readiness, format_date, found))
