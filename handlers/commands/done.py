"""`/sensur done|ferdig [TEST]`: a grader of a test marked in Inspera reports their grading
approved there (SPEC §2.6, §9.3). With one committee on the test it is reported at once;
with several the reply offers one button per committee. A test whose grades are set in
Sensorbot is answered with where its grades go instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.exams.phase import TestState
from bot.grading_reports import ReportResult, grader_reports, has_unreported, report_done
from bot.runtime import Asker, Runtime
from bot.slack.commands import CommandRequest
from bot.ui.grading_reports import done_text, refusal_text, report_message
from bot.ui.kit import Message, Mrkdwn, md, text_message
from handlers.commands.approvals import grader_test
from models.tables import GradingIn, Test
from models.types import utcnow

Step = Callable[[Session, str, str, str, datetime], ReportResult]


def reply_done(request: CommandRequest) -> None:
    lang = request.lang
    grader = request.asker.roles.grader
    if grader is None:
        request.say(md(lang, "report.cmd.not_grader"))
        return
    with request.runtime.session() as session:
        test_id, problem = grader_test(
            session,
            grader.email,
            request.command.args,
            lang,
            unfinished=has_unreported,
            which_key="report.cmd.which_test",
        )
        test = session.get(Test, test_id) if test_id is not None else None
    if test is None:
        request.say(problem or md(lang, "report.refused.unknown_test", test=""))
        return
    if test.grading_in != GradingIn.inspera:
        request.say(md(lang, "report.refused.not_in_inspera", test=test.test_id))
        return
    message = _answer(request.runtime, request.asker, test.test_id)
    request.respond(text=message.text, blocks=message.blocks, response_type="ephemeral")


def _answer(runtime: Runtime, asker: Asker, test_id: str) -> Message:
    """Report the grader's only committee at once; with several, show them with a button
    each (what was reported before included)."""
    email = _email(asker)
    with runtime.session() as session:
        view = grader_reports(session, test_id, email, utcnow())
    if view is None:
        return text_message(md(asker.lang, "report.refused.unknown_test", test=test_id))
    if not view.reports:
        return text_message(md(asker.lang, "report.cmd.no_committee", test=test_id))
    if view.state != TestState.open and not view.closed:
        return text_message(md(asker.lang, "report.refused.not_open", test=test_id))
    (only, *others) = view.reports
    if not others and only.reported_at is None and not view.closed:
        return press(runtime, asker, test_id, only.committee, report_done)[1]
    tz = runtime.settings.tz
    return report_message(asker.lang, tz, view.test, view.reports, closed=view.closed)


def press(
    runtime: Runtime, asker: Asker, test_id: str, committee: str, step: Step
) -> tuple[Mrkdwn, Message]:
    """Run a report step (`report_done` or `take_back`) for the asker, read again from the
    store: what it did, and the answer with where their committees now stand."""
    lang, email, now = asker.lang, _email(asker), utcnow()
    with runtime.session() as session:
        result = step(session, test_id, email, committee, now)
        if result.refusal is not None:
            session.rollback()  # the lock taken, nothing else: leave no trace
    with runtime.session() as session:
        view = grader_reports(session, test_id, email, now)
    if result.refusal is not None:
        said: Mrkdwn = refusal_text(lang, result.refusal, test_id, committee)
    else:
        said = done_text(lang, step is report_done, committee)
    if view is None or not view.reports:
        return said, text_message(said)
    tz = runtime.settings.tz
    return said, report_message(lang, tz, view.test, view.reports, closed=view.closed, done=said)


def _email(asker: Asker) -> str:
    """The grader the asker is in the store ("" for none: refused as not a grader)."""
    grader = asker.roles.grader
    return grader.email if grader is not None else ""
