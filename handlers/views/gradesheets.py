"""The reset-one-candidate modal: the grader types a candidate number; their grade for that
candidate is removed (Inspera's undo arrow)."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.approvals import LockReason
from bot.approvals.delivery import enqueue_outcome
from bot.gradesheets.reset import reset_grade
from bot.gradesheets.uploads import UploadOutcome, find_own_upload
from bot.i18n import t
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.slack.messaging import open_dm
from bot.ui.approvals import locked_text
from bot.ui.gradesheets import RESET_BLOCK, RESET_INPUT, UploadButton, escape, outcome_text
from bot.ui.kit import md
from bot.ui.payloads import PayloadError
from handlers.payloads import typed_value


def handle_reset_submission(
    ack: Ack,
    body: dict,
    view: dict,
    client: WebClient,
    runtime: Runtime,
    asker: Asker,
    logger: Logger,
) -> None:
    user_id = body["user"]["id"]
    lang = asker.lang
    typed = typed_value(view, RESET_BLOCK, RESET_INPUT).strip()
    try:
        upload_id = UploadButton.decode(view.get("private_metadata") or "").upload_id
    except PayloadError as error:
        logger.warning("reset modal: %s", error)
        ack(response_action="errors", errors={RESET_BLOCK: t(lang, "button.unreadable")})
        return
    with runtime.session() as session:
        upload, refusal = find_own_upload(session, upload_id, asker.slack.email)
        if refusal is not None or upload is None or upload.test_id is None:
            refusal = refusal or UploadOutcome("not_found")
            ack(
                response_action="errors",
                errors={RESET_BLOCK: outcome_text(lang, refusal, runtime.settings.tz)},
            )
            return
        # find_own_upload gives the upload or a refusal; only a tested upload has Reset.
        assert upload is not None and upload.test_id is not None
        result = reset_grade(session, upload.test_id, asker.slack.email, typed)
        keys = enqueue_outcome(session, result.approvals)
    params = {
        "candidate": escape(result.candidate),
        "test": upload.test_id,
        "old": result.old or "",
    }
    if result.status == "locked" and result.lock is not None:
        text = locked_text(lang, result.committee or "", LockReason(result.lock))
    else:
        text = md(lang, f"gradesheet.reset.{result.status}", **params)
    if result.status != "reset":
        ack(response_action="errors", errors={RESET_BLOCK: text})
        return
    ack()
    logger.info("grade reset on upload %s's test by %s", upload.id, user_id)
    client.chat_postMessage(channel=open_dm(client, user_id), text=text)
    send_now(runtime, keys)
