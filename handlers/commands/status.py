"""`/sensur status [TEST]`: the asker's tests, as on the Home tab, in an ephemeral reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.exams.lookup import find_test, grader_test_ids
from bot.home.overview import home_overview
from bot.i18n import t
from bot.ui import kit
from bot.ui.home import overview_blocks
from bot.ui.kit import md
from models.types import utcnow

if TYPE_CHECKING:
    from handlers.commands.sensur import CommandRequest

# An ephemeral message holds at most 50 blocks: two headers, two "more" lines, and the tests.
STATUS_TESTS = 20


def reply_status(request: CommandRequest) -> None:
    lang = request.lang
    roles = request.asker.roles
    text = " ".join(request.command.args)
    with request.runtime.session() as session:
        own = set(roles.consultant_test_ids)
        if roles.grader is not None:
            own |= grader_test_ids(session, roles.grader.email)
        only = None
        if text:
            query = find_test(session, text, among=None if roles.is_admin else own)
            if query.ambiguous:
                tests = kit.join(", ", (kit.code(test.test_id) for test in query.matches))
                request.respond(
                    text=md(lang, "status.ambiguous", text=text, tests=tests),
                    response_type="ephemeral",
                )
                return
            if query.test is None or not (query.test.test_id in own or roles.is_admin):
                request.respond(
                    text=md(lang, "status.not_yours", text=text), response_type="ephemeral"
                )
                return
            only = query.test.test_id
        overview = home_overview(session, roles, utcnow(), limit=STATUS_TESTS, only=only)
    if overview.empty:
        request.respond(text=t(lang, "home.no_tests"), response_type="ephemeral")
        return
    blocks = overview_blocks(lang, overview, request.runtime.settings.tz)
    request.respond(
        text=t(lang, "status.title"),
        blocks=[block.to_dict() for block in blocks],
        response_type="ephemeral",
    )
