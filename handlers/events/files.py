"""Grade sheets sent to the bot in a DM.

Slack announces a shared file twice (a `message` with subtype `file_share`, and a
`file_shared` event) and retries events it thinks were not received. Each event id and each
file id is claimed once in the store, so one file gives one preview however it arrives.
"""

from __future__ import annotations

import logging
from logging import Logger

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import OperationalError

from bot.gradesheets.annotate import annotated_workbook
from bot.gradesheets.reading import (
    MAX_FILE_BYTES,
    GradeSheet,
    GradeSheetFileError,
    read_grade_sheet,
)
from bot.gradesheets.store import (
    PreviewResult,
    UploadOutcome,
    choose_test,
    record_needs_test,
    record_preview,
)
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
    outcome_text,
    preview_message,
    test_choice_message,
)
from bot.ui.kit import md
from handlers.context import runtime_of
from models.tables import GradeUpload, Test

log = logging.getLogger(__name__)


def handle_file_shared(
    body: dict, event: dict, client: WebClient, context: BoltContext, logger: Logger
) -> None:
    channel = event.get("channel_id") or ""
    user_id = event.get("user_id")
    file_id = event.get("file_id") or (event.get("file") or {}).get("id")
    # Only files in a DM with the bot are grade sheets for it; the bot's own uploads are not.
    if not channel.startswith("D") or not user_id or not file_id or user_id == context.bot_user_id:
        return
    runtime = runtime_of(context)
    if not _first_time_for_event(runtime, body):
        return
    receive_grade_sheet(runtime, client, user_id, file_id, context.bot_user_id, logger)


def receive_files_from_message(
    body: dict, event: dict, client: WebClient, context: BoltContext, logger: Logger
) -> None:
    runtime = runtime_of(context)
    if not _first_time_for_event(runtime, body):
        return
    for shared in event.get("files") or []:
        if shared.get("id"):
            receive_grade_sheet(
                runtime, client, event["user"], shared["id"], context.bot_user_id, logger
            )


def _first_time_for_event(runtime: Runtime, body: dict) -> bool:
    """False for an event already handled (Slack retries with the same event id)."""
    event_id = body.get("event_id")
    if claim_once(runtime.engine, f"slack-event:{event_id}"):
        return True
    log.info("slack event %s already handled", event_id)
    return False


def receive_grade_sheet(
    runtime: Runtime,
    client: WebClient,
    user_id: str,
    file_id: str,
    bot_user_id: str | None,
    logger: Logger,
) -> None:
    if not claim_once(runtime.engine, f"gradesheet-file:{file_id}"):
        log.info("file %s already handled (it arrived by another event too)", file_id)
        return
    intake = GradeSheetIntake(runtime, client, user_id, logger)
    intake.receive(file_id, bot_user_id)


class GradeSheetIntake:
    """One grader's sheet from Slack to a preview in their DM."""

    def __init__(self, runtime: Runtime, client: WebClient, user_id: str, logger: Logger) -> None:
        self.runtime = runtime
        self.client = client
        self.user_id = user_id
        self.logger = logger
        self.asker: Asker = runtime.asker(client, user_id)
        self.lang = self.asker.lang
        self._dm: str | None = None

    @property
    def dm(self) -> str:
        if self._dm is None:
            self._dm = open_dm(self.client, self.user_id)
        return self._dm

    def post(self, text: str, blocks: list[dict] | None = None) -> None:
        self.client.chat_postMessage(channel=self.dm, text=text, blocks=blocks)

    def grader_email(self) -> str | None:
        """The grader's e-mail in the store, or None after telling them why not."""
        email = self.asker.slack.email
        if email is None:
            self.post(t(self.lang, "gradesheet.no_email"))
            return None
        grader = self.asker.roles.grader
        if grader is None:
            self.post(md(self.lang, "gradesheet.not_grader", email=email))
            return None
        return grader.email

    def shared_file(self, file_id: str, name: str) -> SharedFile | None:
        """Slack's metadata for the file, or None after telling the grader it failed."""
        try:
            return file_info(self.client, file_id)
        except SlackApiError as error:
            self.logger.warning(
                "files.info for %s failed: %s", file_id, error.response.get("error")
            )
            self._file_problem("gradesheet.download.failed", filename=name)
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
            choice = choose_test(session, grader_email, shared.name)
        if choice.test is None:
            self.ask_for_test(grader_email, shared, choice.options)
            return
        with self.runtime.session() as session:
            result = record_preview(
                session,
                grader_email=grader_email,
                slack_user_id=self.user_id,
                slack_file_id=shared.file_id,
                test=choice.test,
                sheet=sheet,
            )
        self.send_preview(choice.test, sheet, content, result)

    def ask_for_test(
        self, grader_email: str, shared: SharedFile, options: tuple[Test, ...]
    ) -> None:
        """Keep the upload waiting for its test and let the grader choose one."""
        if not options:
            self.post(md(self.lang, "gradesheet.not_grader", email=grader_email))
            return
        with self.runtime.session() as session:
            upload = record_needs_test(
                session,
                grader_email=grader_email,
                slack_user_id=self.user_id,
                slack_file_id=shared.file_id,
                filename=shared.name,
            )
        if upload.id is None:
            raise RuntimeError("record_needs_test gave an upload without its id")
        text, blocks = test_choice_message(self.lang, upload.id, shared.name, options)
        self.post(text, blocks)

    def fetch_and_read(self, shared: SharedFile) -> tuple[GradeSheet, bytes] | None:
        """The file read as a grade sheet, or None after telling the grader what is wrong."""
        name = shared.name
        if shared.size > MAX_FILE_BYTES:
            self._file_problem(
                "gradesheet.file.too_large", filename=name, limit_mb=MAX_FILE_BYTES // 2**20
            )
            return None
        try:
            if not shared.url:
                raise FileDownloadError("failed", "files.info gave no download URL")
            content = download(shared.url, self.client.token or "", MAX_FILE_BYTES)
        except FileDownloadError as error:
            self.logger.warning("grade sheet %s not downloaded: %s", shared.file_id, error)
            if error.reason == "too_large":
                self._file_problem(
                    "gradesheet.file.too_large", filename=name, limit_mb=MAX_FILE_BYTES // 2**20
                )
            else:
                self._file_problem(
                    f"gradesheet.download.{error.reason}",
                    filename=name,
                    exam_office=self.runtime.settings.exam_office_name,
                )
            return None
        try:
            return read_grade_sheet(content, name), content
        except GradeSheetFileError as error:
            self.logger.info("grade sheet %s refused: %s", shared.file_id, error.key)
            self._file_problem(error.key, **error.params)
            return None

    def _file_problem(self, key: str, **params: object) -> None:
        self.post(file_problem_text(self.lang, key, params))

    def send_preview(
        self, test: Test, sheet: GradeSheet, content: bytes, result: PreviewResult
    ) -> None:
        upload, preview = result.upload, result.preview
        if result.outcome is not None or preview is None or upload is None or upload.id is None:
            outcome = UploadOutcome(result.outcome or "not_found")
            self.post(outcome_text(self.lang, outcome, self.runtime.settings.tz, test.test_id))
            return
        text, blocks = preview_message(self.lang, test, sheet, preview, upload.id)
        self.post(text, blocks)
        if preview.errors:
            self.send_annotated(sheet, content, preview, upload)

    def send_annotated(
        self, sheet: GradeSheet, content: bytes, preview: GradeSheetPreview, upload: GradeUpload
    ) -> None:
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
                comment=md(self.lang, "gradesheet.annotated.comment", filename=sheet.filename),
            )
        except SlackApiError as error:
            # The preview with every error listed has gone out; the marked copy is a help.
            self.logger.warning(
                "marked workbook for upload %s not sent: %s", upload.id, error.response.get("error")
            )
