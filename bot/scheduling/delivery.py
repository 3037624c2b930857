"""Sending one outbox message through Slack's Web API, and saying how it went.

A person is found with `users.lookupByEmail` (their e-mail, then their Inspera e-mail), their
language with `users.info`; the message is rendered in that language and posted to their
DM. Every post carries the outbox key in Slack's message metadata, so when an earlier
attempt may have got through (a timeout, a dispatcher that died before recording the
outcome) the DM's history is checked for it before posting again.

The client must come from `bot.app.create_web_client(settings, retries=False)`: a 429 is
returned to the dispatcher, which reschedules the message at `Retry-After` instead of
sleeping, and a timed-out post is not silently repeated.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    Outcome,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Undeliverable,
)
from bot.settings import Settings
from bot.slack.identity import IdentityResolver
from bot.ui.outgoing import render

logger = logging.getLogger(__name__)

METADATA_EVENT = "sensorbot_outbox"
HISTORY_LOOKBACK = 50

# Errors about this one message that trying again will not fix
# (https://api.slack.com/methods/chat.postMessage). Token and scope errors are not among
# them: they concern every message and go away when the operator fixes the app, so those
# messages are retried (and logged) rather than given up.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "messages_tab_disabled",
        "restricted_action",
    }
)


class SlackDelivery:
    """`send(message) -> Outcome` for `bot.scheduling.dispatcher.dispatch`."""

    def __init__(self, client: WebClient, identities: IdentityResolver, settings: Settings):
        self._client = client
        self._identities = identities
        self._settings = settings

    def __call__(self, message: ClaimedMessage) -> Outcome:
        step = "lookup"
        try:
            destination = self._destination(message)
            if destination is None:
                emails = " or ".join(
                    e for e in (message.recipient.email, message.recipient.alt_email) if e
                )
                return Undeliverable(f"users_not_found: no Slack user has {emails}")
            channel, lang = destination
            if message.delivery_uncertain:
                step = "history"
                earlier = self._earlier_post(channel, message.key, lang)
                if earlier is not None:
                    logger.info(
                        "outbox: %s had reached Slack already; not posting again", message.key
                    )
                    return earlier
            rendered = render(
                message.kind,
                message.params,
                lang,
                self._settings.tz,
                for_channel=message.recipient.channel is not None,
            )
            step = "post"
            response = self._client.chat_postMessage(
                channel=channel,
                text=rendered.text,
                blocks=rendered.blocks,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"key": message.key}},
                unfurl_links=False,
                unfurl_media=False,
            )
            return Delivered(response["channel"], response["ts"], lang)
        except SlackApiError as error:
            return _failure(error, posting=step == "post")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            # The post may have reached Slack before the connection failed.
            return TemporaryFailure(f"{step}: {error}", maybe_delivered=step == "post")

    def _destination(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """(channel to post to, language), or None when Slack has nobody by those e-mails."""
        recipient = message.recipient
        if recipient.channel:
            return recipient.channel, self._settings.default_language
        for email in (recipient.email, recipient.alt_email):
            if not email:
                continue
            user_id = self._identities.user_id_for_email(self._client, email)
            if user_id is not None:
                person = self._identities.resolve(self._client, user_id)
                return user_id, person.language
        return None

    def _earlier_post(self, channel: str, key: str, lang: str) -> Delivered | None:
        """The message with this key in the conversation's recent history, if it is there.
        Only DMs can be checked (channel history needs scopes the app does not ask for); a
        failed check means "not found", and the message is posted (at least once)."""
        if not channel.startswith(("U", "W", "D")):
            return None
        try:
            if not channel.startswith("D"):
                channel = self._client.conversations_open(users=channel)["channel"]["id"]
            history = self._client.conversations_history(
                channel=channel, limit=HISTORY_LOOKBACK, include_all_metadata=True
            )
        except SlackApiError as error:
            logger.warning("outbox: cannot check %s for %s: %s", channel, key, _error_name(error))
            return None
        for posted in history.get("messages", []):
            if _outbox_key(posted) == key:
                return Delivered(channel, posted["ts"], lang)
        return None


def _outbox_key(posted: Mapping[str, Any]) -> str | None:
    metadata = posted.get("metadata") or {}
    if metadata.get("event_type") != METADATA_EVENT:
        return None
    return (metadata.get("event_payload") or {}).get("key")


def _failure(error: SlackApiError, *, posting: bool) -> Outcome:
    status = error.response.status_code
    name = _error_name(error)
    if status == 429:
        return RateLimited(_retry_after(error.response.headers))
    if status >= 500:
        return TemporaryFailure(f"HTTP {status}: {name}", maybe_delivered=posting)
    if name in PERMANENT_ERRORS:
        return PermanentFailure(name)
    return TemporaryFailure(name)


def _error_name(error: SlackApiError) -> str:
    data = error.response.data if isinstance(error.response.data, dict) else {}
    return str(data.get("error") or f"HTTP {error.response.status_code}")


def _retry_after(headers: Mapping[str, Any]) -> float:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(float(value), 0.0)
            except ValueError:
                break
    return 1.0
