"""Buttons on grade-sheet messages: choose the test, Apply, Cancel, Undo, reset one grade.

Button values carry only ids. Who may act is decided by the store (the clicking person's
e-mail must be the upload's grader); the store's conditional updates make every button
idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from zoneinfo import ZoneInfo

from slack_bolt import Ack
from slack_sdk import WebClient
from sqlmodel import Session

from bot.approvals.delivery import enqueue_outcome
from bot.gradesheets.applying import (
    Confirmation,
    apply_upload,
    cancel_upload,
    confirmation,
    record_confirmation,
    undo_upload,
)
from bot.gradesheets.intake import ChoiceRefused, check_choice
from bot.gradesheets.uploads import UploadOutcome, find_own_upload
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.slack.gradesheets import GradeSheetIntake
from bot.slack.messaging import open_dm
from bot.ui.gradesheets import (
    TestChoiceButton,
    UploadButton,
    confirmation_message,
    outcome_message,
    outcome_text,
    reset_modal,
    text_message,
)
from bot.ui.kit import md
from bot.ui.payloads import PayloadError
from bot.ui.which import which_refusal_text
from handlers.payloads import action_value
from models.tables import stored_id

# Outcomes that end the preview: its message is replaced, so no stale buttons remain.
_REPLACES_MESSAGE = ("applied", "agreed_applied", "undone", "cancelled_now")

UploadAction = Callable[[Session, int, str | None], UploadOutcome]


def upload_button(action: UploadAction) -> Callable[..., None]:
    """A listener for a button on a grade-sheet message that runs `action` on its upload."""

    def handle(
        ack: Ack,
        body: dict,
        client: WebClient,
        runtime: Runtime,
        asker: Asker,
        logger: Logger,
    ) -> None:
        ack()
        _act_on_upload(body, client, runtime, asker, logger, action)

    return handle


def _apply_with_suggestions(session: Session, upload_id: int, email: str | None) -> UploadOutcome:
    return apply_upload(session, upload_id, email, with_suggestions=True)


handle_apply = upload_button(apply_upload)
handle_apply_suggested = upload_button(_apply_with_suggestions)
handle_cancel = upload_button(cancel_upload)
handle_undo = upload_button(undo_upload)


def _act_on_upload(
    body: dict,
    client: WebClient,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
    action: UploadAction,
) -> None:
    user_id = body["user"]["id"]
    upload_id = _upload_id(body, client, asker, logger)
    if upload_id is None:
        return
    with runtime.session() as session:
        outcome = action(session, upload_id, asker.slack.email)
        keys = enqueue_outcome(session, outcome.approvals)
        shown = confirmation(session, outcome.upload) if outcome.upload is not None else None
    logger.info("upload %s by %s: %s", upload_id, user_id, outcome.status)
    lang, tz = asker.lang, runtime.settings.tz
    destination = shown.destination if shown is not None else None
    text, blocks = outcome_message(lang, outcome, tz, destination=destination)
    message = _clicked_message(body)
    if outcome.status in _REPLACES_MESSAGE and message is not None:
        client.chat_update(channel=message[0], ts=message[1], text=text, blocks=blocks)
        posted = message
    else:
        answer = client.chat_postMessage(channel=open_dm(client, user_id), text=text, blocks=blocks)
        posted = (answer["channel"], answer["ts"])
    if outcome.status == "applied" and outcome.upload is not None:
        # Remembered, so that Undo and Reset can be taken off once its grades are locked.
        with runtime.session() as session:
            record_confirmation(session, stored_id(outcome.upload), *posted)
    if shown is not None and shown.locked and message is not None:
        _show_locked(client, message, lang, tz, shown)
    # Committed: now the approvals' prompts and notices (approve your grading, final
    # approval, approvals withdrawn, agreed grades set) go out.
    send_now(runtime, keys)


def _show_locked(
    client: WebClient, message: tuple[str, str], lang: str, tz: ZoneInfo, shown: Confirmation
) -> None:
    """The confirmation pressed, shown as it stands: its grades are locked, so Undo and
    Reset are gone from it."""
    text, blocks = confirmation_message(lang, shown, tz)
    client.chat_update(channel=message[0], ts=message[1], text=text, blocks=blocks)


def _upload_id(body: dict, client: WebClient, asker: Asker, logger: Logger) -> int | None:
    """The button's upload, or None after telling the presser the button is unreadable."""
    try:
        return UploadButton.decode(action_value(body)).upload_id
    except PayloadError as error:
        logger.warning("grade-sheet button: %s", error)
        _tell_unreadable(body, client, asker)
        return None


def _tell_unreadable(body: dict, client: WebClient, asker: Asker) -> None:
    user_id = body["user"]["id"]
    client.chat_postMessage(
        channel=open_dm(client, user_id), text=t(asker.lang, "button.unreadable")
    )


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
    ack: Ack, body: dict, client: WebClient, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    ack()
    user_id = body["user"]["id"]
    try:
        choice = TestChoiceButton.decode(action_value(body))
    except PayloadError as error:
        logger.warning("test choice: %s", error)
        _tell_unreadable(body, client, asker)
        return
    intake = GradeSheetIntake(runtime, client, asker, user_id, logger)
    with runtime.session() as session:
        checked = check_choice(session, choice.upload_id, asker.slack.email, choice.test_id)
    if isinstance(checked, ChoiceRefused):
        intake.post(_choice_refusal_text(asker.lang, checked, runtime))
        return
    upload, test = checked
    message = _clicked_message(body)
    if message is not None:
        chosen = md(asker.lang, "gradesheet.choose_test.chosen", test=test.test_id)
        text, blocks = text_message(chosen)
        client.chat_update(channel=message[0], ts=message[1], text=text, blocks=blocks)
    intake.preview_chosen(upload, test)


def _choice_refusal_text(lang: str, refused: ChoiceRefused, runtime: Runtime) -> str:
    if refused.which is not None:
        return which_refusal_text(lang, refused.which)
    return outcome_text(lang, refused.outcome or UploadOutcome("not_found"), runtime.settings.tz)


# -- resetting one candidate --------------------------------------------------------------


def handle_reset_open(
    ack: Ack, body: dict, client: WebClient, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    ack()
    user_id = body["user"]["id"]
    upload_id = _upload_id(body, client, asker, logger)
    if upload_id is None:
        return
    with runtime.session() as session:
        upload, refusal = find_own_upload(session, upload_id, asker.slack.email)
        shown = confirmation(session, upload) if upload is not None else None
    message = _clicked_message(body)
    if shown is not None and shown.locked and message is not None:
        # Nothing of it can be reset now: say why, and take the buttons away.
        _show_locked(client, message, asker.lang, runtime.settings.tz, shown)
        text, blocks = text_message(md(asker.lang, "gradesheet.outcome.now_locked"))
        client.chat_postMessage(channel=open_dm(client, user_id), text=text, blocks=blocks)
        return
    if refusal is not None or upload is None:
        text, blocks = outcome_message(
            asker.lang, refusal or UploadOutcome("not_found"), runtime.settings.tz
        )
        client.chat_postMessage(channel=open_dm(client, user_id), text=text, blocks=blocks)
        return
    # A stored upload, as there is no refusal; only a tested upload has Reset.
    assert upload is not None and upload.id is not None and upload.test_id is not None
    client.views_open(
        trigger_id=body["trigger_id"],
        view=reset_modal(asker.lang, upload_id, upload.test_id or ""),
    )
