"""`/sensur approve|godkjenn [TEST]` for graders and `/sensur reopen|gjenåpne TEST
COMMITTEE REASON` for consultants (answered with what reopening would clear, and a button
that asks once more before it does)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from bot.approvals import ApprovalOutcome, approval_overview, is_unfinished, plan_reopening
from bot.approvals.outcome import Refusal
from bot.exams.lookup import grader_test_ids
from bot.exams.which import which_test
from bot.i18n import t
from bot.slack.commands import CommandRequest
from bot.ui.approvals import (
    REOPEN_REASON_LIMIT,
    overview_message,
    refusal_text,
    reopen_plan_message,
)
from bot.ui.kit import md
from bot.ui.which import which_refusal_text
from models.tables import GradingIn, Test

LISTED_TESTS = 20

# Whether the grader still has work on the test (session, test id, grader e-mail).
Unfinished = Callable[[Session, str, str], bool]


def _say(request: CommandRequest, text: str) -> None:
    request.respond(text=text, response_type="ephemeral")


def reply_approve(request: CommandRequest) -> None:
    """What the grader can approve now on the test: a list of what is missing, or the
    approval offered with its counts; nothing is approved before they press the button."""
    lang, tz = request.lang, request.runtime.settings.tz
    grader = request.asker.roles.grader
    if grader is None:
        _say(request, t(lang, "approvals.cmd.not_grader"))
        return
    with request.runtime.session() as session:
        test_id, problem = grader_test(session, grader.email, request.command.args, lang)
        test = session.get(Test, test_id) if test_id is not None else None
    if test_id is None:
        _say(request, problem)
        return
    if test is not None and test.grading_in == GradingIn.inspera:
        # Approvals of a test marked in Inspera happen there; no prompt is made here.
        _say(request, md(lang, "report.approve_in_inspera", test=test_id))
        return
    with request.runtime.session() as session:
        overview = approval_overview(session, test_id, grader.email)
    if isinstance(overview, Refusal):
        _say(request, refusal_text(overview, lang, tz))
        return
    message = overview_message(overview, lang, tz)
    request.respond(text=message.text, blocks=message.blocks, response_type="ephemeral")


def grader_test(
    session: Session,
    email: str,
    args: tuple[str, ...],
    lang: str,
    *,
    unfinished: Unfinished = is_unfinished,
    which_key: str = "approvals.cmd.which_test",
) -> tuple[str | None, str]:
    """The test the grader means: named, or their only test (with `unfinished` work); else
    what to answer (`which_key`: the text that asks which of their tests)."""
    own = grader_test_ids(session, email)
    listed = ", ".join(sorted(own)[:LISTED_TESTS])
    if args:
        which = which_test(session, args[0], own)
        if which.test is None:
            return None, which_refusal_text(lang, which)
        return which.test.test_id, ""
    if not own:
        return None, t(lang, "approvals.cmd.no_tests")
    if len(own) == 1:
        return next(iter(own)), ""
    left = [test_id for test_id in sorted(own) if unfinished(session, test_id, email)]
    if len(left) == 1:
        return left[0], ""
    return None, t(lang, which_key, tests=listed)


def reply_reopen(request: CommandRequest) -> None:
    lang, tz = request.lang, request.runtime.settings.tz
    roles = request.asker.roles
    if not (roles.is_consultant or roles.is_admin):
        _say(request, t(lang, "command.consultant_only", word=request.command.word))
        return
    # The reason is the rest of the text as typed.
    parts = (request.body.get("text") or "").split(maxsplit=3)
    if len(parts) < 3:
        _say(request, t(lang, "approvals.reopen.usage"))
        return
    test_text, committee = parts[1], parts[2]
    reason = parts[3] if len(parts) > 3 else ""
    with request.runtime.session() as session:
        which = which_test(session, test_text, roles.administered_test_ids)
        test_id = which.test.test_id if which.test is not None else None
    if test_id is None or not roles.may_administer(test_id):
        _say(request, which_refusal_text(lang, which))
        return
    if len(reason) > REOPEN_REASON_LIMIT:
        _say(request, md(lang, "approvals.reopen.reason_too_long", count=REOPEN_REASON_LIMIT))
        return
    # Nothing is cleared yet: the consultant sees what would be, and confirms with a button.
    with request.runtime.session() as session:
        plan = plan_reopening(session, test_id, committee, roles, reason)
    if isinstance(plan, ApprovalOutcome):
        assert plan.refusal is not None  # a plan or a refusal
        _say(request, refusal_text(plan.refusal, lang, tz))
        return
    message = reopen_plan_message(plan, lang, tz)
    request.respond(text=message.text, blocks=message.blocks, response_type="ephemeral")
