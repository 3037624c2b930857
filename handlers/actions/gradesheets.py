"""Buttons on grade-sheet messages: choose the test, Apply, Cancel, Undo, reset one grade.

Button values carry only ids. Who may act is decided by the store (the clicking person's
e-mail must be the upload's grader); the store's conditional updates make every button
idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals.delivery import enqueue_outcome
from bot.exams.lookup import grader_test_ids
from bot.gradesheets.store import (
    UploadOutcome,
    UploadStatus,
    apply_upload,
    cancel_upload,
    find_own_upload,
    record_preview,
    undo_upload,
)
from bot.runtime import Asker
from bot.scheduling.delivery import send_now
from bot.slack.messaging import open_dm
from bot.ui.gradesheets import outcome_message, outcome_text, reset_modal, text_message
from bot.ui.kit import md
from handlers.context import asker_of, runtime_of
from handlers.events.files import GradeSheetIntake
from models.tables import Test
from models.types import parse_row_id

# Outcomes that end the preview: its message is replaced, so no stale buttons remain.
_REPLACES_MESSAGE = ("applied", "agreed_applied", "undone", "cancelled_now")

UploadAction = Callable[[Session, int, str | None], UploadOutcome]


def upload_button(action: UploadAction) -> Callable[..., None]:
    """A listener for a button on a grade-sheet message that runs `action` on its upload."""

    def handle(ack: Ack, body: dict, client: WebClient, context: BoltContext, logger: Logger):
        ack()
        _act_on_upload(body, client, context, logger, action)

    return handle


def _apply_with_suggestions(session: Session, upload_id: int, email: str | None) -> UploadOutcome:
    return apply_upload(session, upload_id, email, with_suggestions=True)


handle_apply = upload_button(apply_upload)
handle_apply_suggested = upload_button(_apply_with_suggestions)
handle_cancel = upload_button(cancel_upload)
handle_undo = upload_button(undo_upload)


def _act_on_upload(
    body: dict, client: WebClient, context: BoltContext, logger: Logger, action: UploadAction
) -> None:
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    asker = asker_of(context, client, user_id)
    upload_id = _upload_id(body)
    if upload_id is None:
        logger.warning("grade-sheet button without an upload id: %r", body.get("actions"))
        return
    with runtime.session() as session:
        outcome = action(session, upload_id, asker.slack.email)
        keys = enqueue_outcome(session, outcome.approvals)
    logger.info("upload %s by %s: %s", upload_id, user_id, outcome.status)
    text, blocks = outcome_message(asker.lang, outcome, runtime.settings.tz)
    message = _clicked_message(body)
    if outcome.status in _REPLACES_MESSAGE and message is not None:
        client.chat_update(channel=message[0], ts=message[1], text=text, blocks=blocks)
    else:
        client.chat_postMessage(channel=open_dm(client, user_id), text=text, blocks=blocks)
    # Committed: now the approvals' prompts and notices (approve your grading, final
    # approval, approvals withdrawn, agreed grades set) go out.
    send_now(runtime, keys)


def _upload_id(body: dict) -> int | None:
    value = (body.get("actions") or [{}])[0].get("value") or ""
    return parse_row_id(value.split("|", 1)[0])


def _clicked_message(body: dict) -> tuple[str, str] | None:
    """(channel, ts) of the message whose button was clicked, when it is in a DM."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts")
    if channel and ts and channel.startswith("D"):
        return channel, ts
    return None


# -- choosing the test --------------------------------------------------------------------


def handle_choose_test(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, logger: Logger
) -> None:
    ack()
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    value = (body.get("actions") or [{}])[0].get("value") or ""
    upload_text, _, test_id = value.partition("|")
    upload_id = parse_row_id(upload_text)
    if upload_id is None or not test_id:
        logger.warning("test choice without upload and test: %r", value)
        return
    intake = GradeSheetIntake(runtime, client, user_id, logger)
    problem = _choice_problem(intake, upload_id, test_id)
    if problem is not None:
        intake.post(problem)
        return
    message = _clicked_message(body)
    if message is not None:
        chosen = md(intake.lang, "gradesheet.choose_test.chosen", test=test_id)
        text, blocks = text_message(chosen)
        client.chat_update(channel=message[0], ts=message[1], text=text, blocks=blocks)
    _preview_chosen(intake, upload_id, test_id)


def _choice_problem(intake: GradeSheetIntake, upload_id: int, test_id: str) -> str | None:
    """Why this person cannot pick this test for this upload, or None."""
    tz = intake.runtime.settings.tz
    with intake.runtime.session() as session:
        upload, refusal = find_own_upload(session, upload_id, intake.asker.slack.email)
        if refusal is not None or upload is None:
            return outcome_text(intake.lang, refusal or UploadOutcome("not_found"), tz)
        if upload.status != UploadStatus.needs_test:
            return outcome_text(intake.lang, UploadOutcome("test_already_chosen", upload), tz)
        if test_id not in grader_test_ids(session, upload.grader_email):
            return md(intake.lang, "gradesheet.choose_test.not_yours", test=test_id)
    return None


def _preview_chosen(intake: GradeSheetIntake, upload_id: int, test_id: str) -> None:
    with intake.runtime.session() as session:
        upload, _ = find_own_upload(session, upload_id, intake.asker.slack.email)
        test = session.get(Test, test_id)
    if upload is None or not upload.slack_file_id or test is None:
        intake.post(
            outcome_text(intake.lang, UploadOutcome("not_found"), intake.runtime.settings.tz)
        )
        return
    file_id = upload.slack_file_id
    shared = intake.shared_file(file_id, upload.filename)
    fetched = intake.fetch_and_read(shared) if shared is not None else None
    if fetched is None:
        return
    sheet, content = fetched
    with intake.runtime.session() as session:
        result = record_preview(
            session,
            grader_email=upload.grader_email,
            slack_user_id=intake.user_id,
            slack_file_id=file_id,
            test=test,
            sheet=sheet,
            needs_test_upload_id=upload_id,
        )
    intake.send_preview(test, sheet, content, result)


# -- resetting one candidate --------------------------------------------------------------


def handle_reset_open(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, logger: Logger
) -> None:
    ack()
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    asker: Asker = asker_of(context, client, user_id)
    upload_id = _upload_id(body)
    if upload_id is None:
        logger.warning("reset button without an upload id: %r", body.get("actions"))
        return
    with runtime.session() as session:
        upload, refusal = find_own_upload(session, upload_id, asker.slack.email)
    if refusal is not None or upload is None or upload.id is None or upload.test_id is None:
        refusal = refusal or UploadOutcome("not_found")
        text, blocks = outcome_message(asker.lang, refusal, runtime.settings.tz)
        client.chat_postMessage(channel=open_dm(client, user_id), text=text, blocks=blocks)
        return
    # A stored upload, as there is no refusal; only a tested upload has Reset.
    assert upload is not None and upload.id is not None and upload.test_id is not None
    client.views_open(
        trigger_id=body["trigger_id"], view=reset_modal(asker.lang, upload.id, upload.test_id)
    )
