"""`/sensur template|mal [TEST]` for graders and `/sensur export|eksport TEST` for the
test's consultants: each answers with a workbook in the person's DM."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, select

from bot.exams.which import which_test
from bot.gradesheets.destination import GradesGoTo, where_grades_go
from bot.gradesheets.export import export_filename, export_final_grades
from bot.gradesheets.sheet_test import grader_tests
from bot.gradesheets.template import grade_template, template_filename, template_rows
from bot.i18n import t
from bot.slack.commands import CommandRequest
from bot.slack.files import upload_to_dm
from bot.ui.gradesheets import escape
from bot.ui.which import test_list, which_refusal_text
from models.tables import Test


def _reply(request: CommandRequest, key: str, **params: object) -> None:
    request.respond(text=t(request.lang, key, **params), response_type="ephemeral")


def _test_list(tests: list[Test]) -> str:
    return test_list(test.test_id for test in tests)


def _named_test(
    request: CommandRequest, session: Session, own: Collection[str] | None
) -> Test | None:
    """The test the person names among `own`, or None after telling them why not."""
    which = which_test(session, " ".join(request.command.args), own)
    if which.test is None:
        request.say(which_refusal_text(request.lang, which))
    return which.test


def reply_template(request: CommandRequest) -> None:
    grader = request.asker.roles.grader
    if grader is None:
        _reply(request, "gradesheet.command.not_grader")
        return
    with request.runtime.session() as session:
        test = _graders_test(request, session, grader.email)
        if test is None:
            return
        rows = template_rows(session, test, grader.email)
    if not rows:
        _reply(request, "gradesheet.template.no_candidates", test=test.test_id)
        return
    filename = template_filename(test.test_id)
    comment_key = (
        "gradesheet.template.sent_for_inspera"
        if where_grades_go(test) == GradesGoTo.inspera
        else "gradesheet.template.sent"
    )
    upload_to_dm(
        request.client,
        request.body["user_id"],
        grade_template(request.lang, test, rows),
        filename=filename,
        title=filename,
        comment=t(request.lang, comment_key, test=test.test_id, count=len(rows)),
    )
    _reply(request, "gradesheet.template.sent_ephemeral", test=test.test_id)


def _graders_test(request: CommandRequest, session: Session, grader_email: str) -> Test | None:
    """The test the grader means: the one named, else their only open (or only) test; None
    after telling them what to type."""
    tests = grader_tests(session, grader_email)
    word = request.command.word
    if request.command.args:
        return _named_test(request, session, {test.test_id for test in tests})
    open_tests = [test for test in tests if test.opened_for_marking is not None]
    for candidates in (open_tests, tests):
        if len(candidates) == 1:
            return candidates[0]
    _reply(
        request,
        "gradesheet.command.which_test",
        word=escape(word),
        tests=_test_list(open_tests or tests),
    )
    return None


def reply_export(request: CommandRequest) -> None:
    roles = request.asker.roles
    if not roles.is_consultant and not roles.is_admin:
        _reply(request, "command.consultant_only", word=escape(request.command.word))
        return
    with request.runtime.session() as session:
        test = _consultants_test(request, session)
        if test is None:
            return
        if not roles.may_administer(test.test_id):
            _reply(request, "gradesheet.export.not_allowed", test=test.test_id)
            return
        export = export_final_grades(session, test.test_id)
    filename = export_filename(test.test_id)
    upload_to_dm(
        request.client,
        request.body["user_id"],
        export.content,
        filename=filename,
        title=filename,
        comment=t(
            request.lang,
            "gradesheet.export.sent",
            test=test.test_id,
            candidate_count=export.candidates,
            graded_count=export.graded,
        ),
    )
    _reply(request, "gradesheet.export.sent_ephemeral", test=test.test_id)


def _consultants_test(request: CommandRequest, session: Session) -> Test | None:
    own = sorted(request.asker.roles.consultant_test_ids)
    if request.command.args:
        return _named_test(request, session, request.asker.roles.administered_test_ids)
    tests = list(session.exec(select(Test).where(col(Test.test_id).in_(own))).all())
    if len(tests) == 1:
        return tests[0]
    _reply(
        request,
        "gradesheet.command.which_test",
        word=escape(request.command.word),
        tests=_test_list(tests),
    )
    return None
