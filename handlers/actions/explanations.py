""" "Begrunnelse er gitt" / "Explanation given" on a request, reminder or overdue DM.

The value is only the request's id; whether the presser grades the candidate's committee
and whether it is still open is read from the store. Recorded: the pressed message shows
who gave it and when (answered at once), every other posted copy of the request is updated
the same way and the other graders are told (both through the outbox). Refused: the
presser alone hears why, and nothing changes.
"""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.explanations.notices import given_notices, given_updates, posted_copies
from bot.explanations.requests import GivenOutcome, GivenRefusal, RequestView, record_given
from bot.runtime import Asker, Runtime
from bot.scheduling.delivery import send_now
from bot.scheduling.outbox import enqueue, enqueue_updates
from bot.slack.messaging import find_person
from bot.ui import kit
from bot.ui.explanations import ExplanationButton, given_message, giver, refusal_text
from bot.ui.kit import Message, Mrkdwn
from bot.ui.payloads import PayloadError
from handlers.buttons import acked_button, tell_presser
from handlers.payloads import action_value
from models.types import utcnow


def _explanation_given(
    body: dict, client: WebClient, respond: Respond, runtime: Runtime, asker: Asker, logger: Logger
) -> None:
    lang, tz = asker.lang, runtime.settings.tz
    user_id = body["user"]["id"]
    try:
        request_id = ExplanationButton.decode(action_value(body)).request_id
    except PayloadError as error:
        logger.warning("explanation button: %s", error)
        tell_presser(body, client, respond, refusal_text(None, None, Mrkdwn(""), lang, tz))
        return
    grader = asker.roles.grader
    now = utcnow()
    with runtime.session() as session:
        outcome = record_given(session, request_id, grader.email if grader else None, now)
        notices = given_notices(session, outcome, user_id)
        enqueue(session, notices, now)
    view = outcome.view
    if outcome.refusal is not None or view is None:
        logger.info("explanation %s: %s refused (%s)", request_id, user_id, outcome.refusal)
        by = _earlier_giver(client, runtime, outcome, lang)
        tell_presser(body, client, respond, refusal_text(outcome.refusal, view, by, lang, tz))
        return
    _replace_pressed(body, client, respond, given_message(view, kit.mention(user_id), lang, tz))
    keys = [notice.key for notice in notices] + _update_copies(body, client, runtime, view, user_id)
    send_now(runtime, keys)


handle_explanation_given = acked_button(_explanation_given)


def _update_copies(
    body: dict, client: WebClient, runtime: Runtime, view: RequestView, user_id: str
) -> list[str]:
    """Every other posted copy of the request (the graders' DMs) shown as given, each in its
    reader's language: their Slack users are looked up outside the unit of work."""
    container = body.get("container") or {}
    pressed = (container.get("channel_id"), container.get("message_ts"))
    with runtime.session() as session:
        copies = [c for c in posted_copies(session, view) if (c.channel, c.ts) != pressed]
    user_ids = {
        copy.email: found
        for copy in copies
        if (found := find_person(client, runtime.identities, copy.email, copy.alt_email))
    }
    updates = given_updates(view, copies, user_id, user_ids)
    with runtime.session() as session:
        enqueue_updates(session, updates, utcnow())
    return [update.key for update in updates]


def _earlier_giver(client: WebClient, runtime: Runtime, outcome: GivenOutcome, lang: str) -> Mrkdwn:
    """Who recorded it before: by name in the roster, else by Slack mention."""
    view = outcome.view
    if outcome.refusal != GivenRefusal.already_given or view is None or view.given_by is None:
        return giver(lang, None, None)
    if view.given_by_name:
        return giver(lang, None, view.given_by_name)
    return giver(lang, find_person(client, runtime.identities, view.given_by), None)


def _replace_pressed(body: dict, client: WebClient, respond: Respond, message: Message) -> None:
    """The pressed message, updated in place to show the explanation given."""
    if body.get("response_url"):
        respond(text=message.text, blocks=message.blocks, replace_original=True)
        return
    container = body.get("container") or {}
    if container.get("channel_id") and container.get("message_ts"):
        client.chat_update(
            channel=container["channel_id"],
            ts=container["message_ts"],
            text=message.text,
            blocks=message.blocks,
        )
