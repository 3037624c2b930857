"""`/sensur open|åpne TEST`: consultants of that test and admins open it for marking."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from bot.exams.lookup import find_test
from bot.opening.service import AlreadyOpen, Opened, open_test
from bot.ui import kit
from bot.ui.dates import slack_datetime
from bot.ui.kit import Mrkdwn, md
from bot.ui.opening import refusal_lines
from models.types import utcnow

if TYPE_CHECKING:
    from handlers.commands.sensur import CommandRequest


def reply_open(request: CommandRequest) -> None:
    request.respond(text=_answer(request), response_type="ephemeral")


def _answer(request: CommandRequest) -> Mrkdwn:
    lang = request.lang
    roles = request.asker.roles
    if not (roles.is_admin or roles.is_consultant):
        return md(lang, "command.consultant_only", word=request.command.word)
    if not request.command.args:
        return md(lang, "open.usage")
    text = " ".join(request.command.args)
    tz = request.runtime.settings.tz
    with request.runtime.session() as session:
        among = None if roles.is_admin else set(roles.consultant_test_ids)
        query = find_test(session, text, among=among)
        if query.ambiguous:
            tests = kit.join(", ", (kit.code(test.test_id) for test in query.matches))
            return md(lang, "open.ambiguous", text=text, tests=tests)
        test = query.test
        if test is None:
            return md(lang, "open.not_found", text=text)
        if not roles.may_administer(test.test_id):
            return md(lang, "open.not_allowed", test=test.test_id)
        result = open_test(session, test, roles.email or request.asker.slack.user_id, utcnow())
        match result:
            case Opened(graders=graders):
                return md(lang, "open.opened", test=test.test_id, graders=graders)
            case AlreadyOpen(opened_at=opened_at):
                return md(
                    lang, "open.already_open", test=test.test_id, when=slack_datetime(opened_at, tz)
                )
        format_date = functools.partial(slack_datetime, tz=tz)
        return kit.lines(refusal_lines(lang, test, result.readiness, format_date))
