"""Grade sheets sent to the bot in a DM, on the Slack side: the file's metadata
(`files.info`), its download, and every answer to the grader in their DM.

Slack announces a shared file twice (a `message` with subtype `file_share`, and a
`file_shared` event) and retries events it thinks were not received. Each event id
(`bot.slack.ack_first`) and each file id is claimed once in the store, so one file gives one
preview however it arrives.
What the file becomes is decided in `bot.gradesheets.intake`.
"""

from __future__ import annotations

import logging
from logging import Logger

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import OperationalError

from bot.gradesheets.annotate import annotated_workbook
from bot.gradesheets.for_inspera import CheckedForInspera, InsperaSheet
from bot.gradesheets.intake import (
    AwaitingTest,
    Previewed,
    SheetProblem,
    download_problem,
    read_sheet,
    sender_problem,
    size_problem,
    take_chosen_sheet,
    take_sheet,
)
from bot.gradesheets.previews import PreviewResult
from bot.gradesheets.reading import MAX_FILE_BYTES, GradeSheet
from bot.gradesheets.uploads import UploadOutcome
from bot.gradesheets.validation import GradeSheetPreview
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.slack.files import (
    FileDownloadError,
    SharedFile,
    download,
    file_info,
    upload_to_dm,
)
from bot.slack.idempotency import claim_once
from bot.slack.messaging import open_dm
from bot.ui.gradesheets import (
    file_problem_text,
    inspera_sheet_comment,
    inspera_sheet_message,
    outcome_text,
    preview_message,
    test_choice_message,
)
from models.tables import GradeUpload, Test

log = logging.getLogger(__name__)


def receive_grade_sheet(intake: GradeSheetIntake, file_id: str, bot_user_id: str | None) -> None:
    if not claim_once(intake.runtime.engine, f"gradesheet-file:{file_id}"):
        log.info("file %s already handled (it arrived by another event too)", file_id)
        return
    intake.receive(file_id, bot_user_id)


class GradeSheetIntake:
    """One grader's sheet from Slack to a preview in their DM."""

    def __init__(
        self, runtime: Runtime, client: WebClient, asker: Asker, user_id: str, logger: Logger
    ) -> None:
        self.runtime = runtime
        self.client = client
        self.asker = asker
        self.user_id = user_id
        self.logger = logger
        self._dm: str | None = None

    @property
    def lang(self) -> str:
        return self.asker.lang

    @property
    def dm(self) -> str:
        if self._dm is None:
            self._dm = open_dm(self.client, self.user_id)
        return self._dm

    def post(self, text: str, blocks: list[dict] | None = None) -> None:
        self.client.chat_postMessage(channel=self.dm, text=text, blocks=blocks)

    def grader_email(self) -> str | None:
        """The grader's e-mail in the store, or None after telling them why not."""
        problem = sender_problem(self.asker.slack.email, self.asker.roles)
        if problem is not None:
            self._tell(problem)
            return None
        grader = self.asker.roles.grader
        return grader.email if grader is not None else None

    def shared_file(self, file_id: str, name: str) -> SharedFile | None:
        """Slack's metadata for the file, or None after telling the grader it failed."""
        try:
            return file_info(self.client, file_id)
        except SlackApiError as error:
            self.logger.warning(
                "files.info for %s failed: %s", file_id, error.response.get("error")
            )
            self._tell(SheetProblem("gradesheet.download.failed", {"filename": name}))
            return None

    def receive(self, file_id: str, bot_user_id: str | None) -> None:
        try:
            self._receive(file_id, bot_user_id)
        except OperationalError as error:
            # The store refused (SQLite locked beyond its timeout, PostgreSQL gone): the
            # transaction was rolled back, so nothing was kept, and the grader must know.
            self.logger.warning(
                "grade sheet %s not taken, the store failed: %s", file_id, error.orig
            )
            self.post(t(self.lang, "gradesheet.store_failed"))

    def _receive(self, file_id: str, bot_user_id: str | None) -> None:
        shared = self.shared_file(file_id, file_id)
        if shared is None or (shared.user is not None and shared.user == bot_user_id):
            return
        grader_email = self.grader_email()
        if grader_email is None:
            return
        sheet_and_content = self.fetch_and_read(shared)
        if sheet_and_content is None:
            return
        sheet, content = sheet_and_content
        with self.runtime.session() as session:
            taken = take_sheet(
                session,
                grader_email=grader_email,
                slack_user_id=self.user_id,
                slack_file_id=shared.file_id,
                sheet=sheet,
            )
        match taken:
            case Previewed(test=test, result=result):
                self.send_preview(test, sheet, content, result)
            case CheckedForInspera():
                self.send_for_inspera(taken, sheet, content)
            case AwaitingTest(upload=upload, options=options):
                self.ask_for_test(upload, shared.name, options)
            case SheetProblem():
                self._tell(taken)

    def preview_chosen(self, upload: GradeUpload, test: Test) -> None:
        """The sheet of an upload that waited for its test, read again and compared with
        the test the grader chose."""
        file_id = upload.slack_file_id
        if not file_id:
            outcome = UploadOutcome("not_found")
            self.post(outcome_text(self.lang, outcome, self.runtime.settings.tz))
            return
        shared = self.shared_file(file_id, upload.filename)
        fetched = self.fetch_and_read(shared) if shared is not None else None
        if fetched is None:
            return
        sheet, content = fetched
        with self.runtime.session() as session:
            taken = take_chosen_sheet(session, upload, test, self.user_id, sheet)
        match taken:
            case Previewed(result=result):
                self.send_preview(test, sheet, content, result)
            case CheckedForInspera():
                self.send_for_inspera(taken, sheet, content)
            case UploadOutcome():
                self.post(outcome_text(self.lang, taken, self.runtime.settings.tz, test.test_id))

    def ask_for_test(self, upload: GradeUpload, filename: str, options: tuple[Test, ...]) -> None:
        """Let the grader choose the test of an upload that waits for one."""
        text, blocks = test_choice_message(self.lang, upload.id or 0, filename, options)
        self.post(text, blocks)

    def fetch_and_read(self, shared: SharedFile) -> tuple[GradeSheet, bytes] | None:
        """The file read as a grade sheet, or None after telling the grader what is wrong."""
        problem = size_problem(shared.name, shared.size)
        if problem is not None:
            self._tell(problem)
            return None
        try:
            if not shared.url:
                raise FileDownloadError("failed", "files.info gave no download URL")
            content = download(shared.url, self.client.token or "", MAX_FILE_BYTES)
        except FileDownloadError as error:
            self.logger.warning("grade sheet %s not downloaded: %s", shared.file_id, error)
            exam_office = self.runtime.settings.exam_office_name
            self._tell(download_problem(error.reason, shared.name, exam_office))
            return None
        sheet = read_sheet(content, shared.name)
        if isinstance(sheet, SheetProblem):
            self.logger.info("grade sheet %s refused: %s", shared.file_id, sheet.key)
            self._tell(sheet)
            return None
        return sheet, content

    def _tell(self, problem: SheetProblem) -> None:
        self.post(file_problem_text(self.lang, problem.key, problem.params))

    def send_preview(
        self, test: Test, sheet: GradeSheet, content: bytes, result: PreviewResult
    ) -> None:
        if result.outcome is not None or result.upload is None or result.preview is None:
            outcome = UploadOutcome(result.outcome or "not_found")
            self.post(outcome_text(self.lang, outcome, self.runtime.settings.tz, test.test_id))
            return
        text, blocks = preview_message(
            self.lang, test, sheet, result.preview, result.upload.id or 0
        )
        self.post(text, blocks)
        if result.preview.errors:
            self.send_annotated(sheet, content, result.preview)

    def send_for_inspera(
        self, checked: CheckedForInspera, sheet: GradeSheet, content: bytes
    ) -> None:
        """A sheet for a test marked in Inspera: its errors as a preview (nothing to apply),
        or the summary and the Inspera-ready file."""
        test, preview, ready = checked.test, checked.preview, checked.ready
        if ready is None:
            self.post(*preview_message(self.lang, test, sheet, preview, None))
            if preview.errors:
                self.send_annotated(sheet, content, preview)
            return
        self.post(*inspera_sheet_message(self.lang, test, sheet, ready))
        self.send_inspera_file(ready)

    def send_inspera_file(self, ready: InsperaSheet) -> None:
        university = self.runtime.settings.help_contacts.university
        try:
            upload_to_dm(
                self.client,
                self.user_id,
                ready.content,
                filename=ready.filename,
                title=ready.filename,
                comment=inspera_sheet_comment(self.lang, ready, university),
            )
        except SlackApiError as error:
            # Nothing was stored: the grader sends the sheet again.
            self.logger.warning(
                "Inspera-ready sheet %s not sent: %s", ready.filename, error.response.get("error")
            )
            self.post(t(self.lang, "gradesheet.inspera.upload_failed"))

    def send_annotated(self, sheet: GradeSheet, content: bytes, preview: GradeSheetPreview) -> None:
        annotated = annotated_workbook(self.lang, content, sheet, preview.errors)
        stem = sheet.filename.rsplit(".", 1)[0] if "." in sheet.filename else sheet.filename
        filename = f"{stem} ({t(self.lang, 'gradesheet.annotated.suffix')}).xlsx"
        try:
            upload_to_dm(
                self.client,
                self.user_id,
                annotated,
                filename=filename,
                title=filename,
                comment=t(self.lang, "gradesheet.annotated.comment", filename=sheet.filename),
            )
        except SlackApiError as error:
            # The preview with every error listed has gone out; the marked copy is a help.
            self.logger.warning(
                "marked workbook for %s not sent: %s", sheet.filename, error.response.get("error")
            )
