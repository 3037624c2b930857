"""The consultant's "assessed again — make the grade final" on a held complaint grade.

The button carries only the complaint's id; whether the presser is a consultant of its test
is read from the store. A refusal goes to the presser alone and changes nothing."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.complaints.hold import ConfirmRefusal, confirm_held_grade
from bot.complaints.messages import enqueue_export
from bot.complaints.view import held_complaint
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.ui.complaints import HeldButton, confirm_refusal_text, held_grade_message
from bot.ui.payloads import PayloadError
from handlers.buttons import acked_button, tell_presser
from handlers.payloads import action_value


def _confirm_held(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    lang, tz = asker.lang, runtime.settings.tz
    try:
        complaint_id = HeldButton.decode(action_value(body)).complaint_id
    except PayloadError as error:
        logger.warning("complaint button: %s", error)
        tell_presser(body, client, respond, confirm_refusal_text(lang, ConfirmRefusal.unknown))
        return
    keys: list[str] = []
    with runtime.session() as session:
        confirmed = confirm_held_grade(session, complaint_id, asker.roles)
        if confirmed.refusal is None and confirmed.all_final:
            keys = enqueue_export(session, confirmed.test_id)
        view = held_complaint(session, complaint_id) if confirmed.refusal is None else None
    if confirmed.refusal is not None or view is None:
        tell_presser(
            body,
            client,
            respond,
            confirm_refusal_text(lang, confirmed.refusal or ConfirmRefusal.unknown),
        )
        return
    message = held_grade_message(view, lang, tz)
    container = body.get("container") or {}
    if container.get("channel_id") and container.get("message_ts"):
        client.chat_update(
            channel=container["channel_id"],
            ts=container["message_ts"],
            text=message.text,
            blocks=message.blocks,
        )
    send_now(runtime, keys)


handle_confirm_held = acked_button(_confirm_held)
