"""What becomes of a grade sheet a grader sends: the decisions, without Slack.

The Slack side (`bot.slack.gradesheets.GradeSheetIntake`) fetches the file and tells the
grader; here it is decided who may send sheets, which problems refuse a file, which test a
sheet is for and what the store records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from bot.exams.lookup import grader_test_ids
from bot.exams.people import Roles
from bot.exams.which import WhichTest, which_test
from bot.gradesheets.destination import GradesGoTo, where_grades_go
from bot.gradesheets.for_inspera import (
    CheckedForInspera,
    check_for_inspera,
    settle_waiting_upload,
)
from bot.gradesheets.previews import PreviewResult, record_needs_test, record_preview
from bot.gradesheets.reading import (
    MAX_FILE_BYTES,
    GradeSheet,
    GradeSheetFileError,
    read_grade_sheet,
)
from bot.gradesheets.sheet_test import choose_test
from bot.gradesheets.uploads import UploadOutcome, UploadStatus, find_own_upload
from models.tables import GradeUpload, Test, stored_id


@dataclass(frozen=True)
class SheetProblem:
    """Why a file is not taken; `key` names the catalog message, `params` fill it in."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


def sender_problem(email: str | None, roles: Roles) -> SheetProblem | None:
    """None when the sender is a grader in the store (then `roles.grader` is set)."""
    if email is None:
        return SheetProblem("gradesheet.no_email")
    if roles.grader is None:
        return SheetProblem("gradesheet.not_grader", {"email": email})
    return None


def too_large(filename: str) -> SheetProblem:
    return SheetProblem(
        "gradesheet.file.too_large", {"filename": filename, "limit_mb": MAX_FILE_BYTES // 2**20}
    )


def size_problem(filename: str, size: int) -> SheetProblem | None:
    return too_large(filename) if size > MAX_FILE_BYTES else None


def download_problem(reason: str, filename: str, exam_office: str) -> SheetProblem:
    """`reason` is a `bot.slack.files.FileDownloadError` reason."""
    if reason == "too_large":
        return too_large(filename)
    return SheetProblem(
        f"gradesheet.download.{reason}", {"filename": filename, "exam_office": exam_office}
    )


def read_sheet(content: bytes, filename: str) -> GradeSheet | SheetProblem:
    try:
        return read_grade_sheet(content, filename)
    except GradeSheetFileError as error:
        return SheetProblem(error.key, dict(error.params))


@dataclass(frozen=True)
class Previewed:
    """The sheet was compared with the test's roster (or refused with an outcome)."""

    test: Test
    result: PreviewResult


@dataclass(frozen=True)
class AwaitingTest:
    """The sheet waits for the grader to say which of `options` it is for."""

    upload: GradeUpload
    options: tuple[Test, ...]


def take_sheet(
    session: Session,
    *,
    grader_email: str,
    slack_user_id: str,
    slack_file_id: str,
    sheet: GradeSheet,
) -> Previewed | CheckedForInspera | AwaitingTest | SheetProblem:
    """Find the sheet's test and record its preview (for a test marked in Inspera: check it
    and make it ready to import there, storing nothing), or record it waiting for a choice."""
    choice = choose_test(session, grader_email, sheet.filename)
    if choice.test is not None and where_grades_go(choice.test) == GradesGoTo.inspera:
        return check_for_inspera(session, choice.test, grader_email, sheet)
    if choice.test is not None:
        result = record_preview(
            session,
            grader_email=grader_email,
            slack_user_id=slack_user_id,
            slack_file_id=slack_file_id,
            test=choice.test,
            sheet=sheet,
        )
        return Previewed(choice.test, result)
    if not choice.options:
        return SheetProblem("gradesheet.not_grader", {"email": grader_email})
    upload = record_needs_test(
        session,
        grader_email=grader_email,
        slack_user_id=slack_user_id,
        slack_file_id=slack_file_id,
        filename=sheet.filename,
    )
    return AwaitingTest(upload, choice.options)


def take_chosen_sheet(
    session: Session, upload: GradeUpload, test: Test, slack_user_id: str, sheet: GradeSheet
) -> Previewed | CheckedForInspera | UploadOutcome:
    """The sheet of an upload that waited for its test, for the test the grader chose: its
    preview recorded, or for a test marked in Inspera checked and the upload closed (once,
    however often the choice is pressed)."""
    if where_grades_go(test) == GradesGoTo.inspera:
        if not settle_waiting_upload(session, stored_id(upload), upload.grader_email, test):
            return UploadOutcome("test_already_chosen", upload)
        return check_for_inspera(session, test, upload.grader_email, sheet)
    result = record_preview(
        session,
        grader_email=upload.grader_email,
        slack_user_id=slack_user_id,
        slack_file_id=upload.slack_file_id,
        test=test,
        sheet=sheet,
        needs_test_upload_id=upload.id,
    )
    return Previewed(test, result)


@dataclass(frozen=True)
class ChoiceRefused:
    """Why a grader's choice of test for a waiting upload is not taken: an upload outcome
    (not theirs, gone, already chosen), or which test they chose is not theirs."""

    outcome: UploadOutcome | None = None
    which: WhichTest | None = None


def check_choice(
    session: Session, upload_id: int, email: str | None, test_text: str
) -> tuple[GradeUpload, Test] | ChoiceRefused:
    """The waiting upload and the test chosen for it, when both are the grader's."""
    upload, refusal = find_own_upload(session, upload_id, email)
    if refusal is not None or upload is None:
        return ChoiceRefused(refusal or UploadOutcome("not_found"))
    if upload.status != UploadStatus.needs_test:
        return ChoiceRefused(UploadOutcome("test_already_chosen", upload))
    which = which_test(session, test_text, grader_test_ids(session, upload.grader_email))
    if which.test is None:
        return ChoiceRefused(which=which)
    return upload, which.test
