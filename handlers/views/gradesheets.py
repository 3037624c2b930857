"""The reset-one-candidate modal: the grader types a candidate number; their grade for that
candidate is removed (Inspera's undo arrow)."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.approvals import LockReason
from bot.approvals.delivery import enqueue_outcome
from bot.gradesheets.store import find_own_upload, reset_grade
from bot.scheduling.delivery import send_now
from bot.slack.messaging import open_dm
from bot.ui.approvals import locked_text
from bot.ui.gradesheets import RESET_BLOCK, RESET_INPUT, escape, outcome_text
from bot.ui.kit import md
from handlers.context import asker_of, runtime_of
from models.types import parse_row_id


def handle_reset_submission(
    ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext, logger: Logger
) -> None:
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    asker = asker_of(context, client, user_id)
    lang = asker.lang
    metadata = view.get("private_metadata") or ""
    values = view.get("state", {}).get("values", {})
    typed = (values.get(RESET_BLOCK, {}).get(RESET_INPUT, {}).get("value") or "").strip()
    upload_id = parse_row_id(metadata)
    if upload_id is None:
        logger.warning("reset modal without an upload id: %r", metadata)
        ack()
        return
    with runtime.session() as session:
        upload, refusal = find_own_upload(session, upload_id, asker.slack.email)
        if refusal is not None:
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
    if result.status == "locked":
        assert result.lock is not None  # a locked reset says why
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
