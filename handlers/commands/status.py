"""`/sensur status [TEST]`: the asker's tests, as on the Home tab, in an ephemeral reply."""

from __future__ import annotations

from bot.exams.lookup import grader_test_ids
from bot.exams.which import which_test
from bot.home.overview import home_overview
from bot.i18n import t
from bot.slack.commands import CommandRequest
from bot.ui.home import overview_blocks
from bot.ui.which import which_refusal_text
from models.types import utcnow

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
            which = which_test(session, text, None if roles.is_admin else own)
            if which.test is None:
                request.say(which_refusal_text(lang, which))
                return
            only = which.test.test_id
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
