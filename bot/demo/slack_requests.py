"""What Slack sends the app, built from what a person did on the demo page, and signed.

Every request goes to the app's real `POST /slack/events` over HTTP with the signature
Slack would put on it (`X-Slack-Signature`, keyed with the signing secret), so the demo
exercises the same checks, acks and listeners as a real workspace.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from slack_sdk.signature import SignatureVerifier

from bot.workspace.web_api import APP_ID, BOT_USER_ID, TEAM_ID

# Slack waits three seconds for an answer; the demo waits a little longer before it says so.
ANSWER_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class AppAnswer:
    """The app's HTTP answer to one request."""

    kind: str  # slash_command, event_callback, block_actions, view_submission
    detail: str  # the command, the event's type, or the action (and the value chosen)
    status: int
    body: bytes
    seconds: float

    def document(self) -> dict[str, Any] | None:
        """The answer as JSON (a slash command's message, a view's `response_action`)."""
        if not self.body.strip():
            return None
        try:
            document = json.loads(self.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return {"text": self.body.decode("utf-8", "replace")}
        return document if isinstance(document, dict) else None


def new_trigger_id() -> str:
    return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}"


class SignedRequests:
    """Sends Slack's requests to the app at `events_url`, signed with `signing_secret`."""

    def __init__(self, events_url: str, signing_secret: str) -> None:
        self.events_url = events_url
        self._verifier = SignatureVerifier(signing_secret)

    def slash_command(
        self, user_id: str, channel_id: str, command: str, text: str, response_url: str
    ) -> AppAnswer:
        form = {
            "team_id": TEAM_ID,
            "channel_id": channel_id,
            "channel_name": "directmessage",
            "user_id": user_id,
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": new_trigger_id(),
            "api_app_id": APP_ID,
        }
        body = urllib.parse.urlencode(form).encode()
        return self._post("slash_command", f"{command} {text}".strip(), body, form=True)

    def event(self, event: dict[str, Any]) -> AppAnswer:
        envelope = {
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:12].upper()}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        detail = str(event.get("subtype") or event.get("type"))
        return self._post("event_callback", detail, json.dumps(envelope).encode(), form=False)

    def interaction(self, payload: dict[str, Any]) -> AppAnswer:
        payload = {"team": {"id": TEAM_ID}, "api_app_id": APP_ID, **payload}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self._post(str(payload.get("type")), _action_detail(payload), body, form=True)

    def _post(self, kind: str, detail: str, body: bytes, *, form: bool) -> AppAnswer:
        timestamp = str(int(time.time()))
        signature = self._verifier.generate_signature(timestamp=timestamp, body=body) or ""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded" if form else "application/json",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature,
        }
        request = urllib.request.Request(self.events_url, data=body, headers=headers)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=ANSWER_TIMEOUT_SECONDS) as answer:
                status, content = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        return AppAnswer(kind, detail, status, content, time.monotonic() - started)


def _action_detail(payload: dict[str, Any]) -> str:
    """`action_id=value` of a press or choice; the callback id of a submitted view."""
    actions = payload.get("actions") or []
    if not actions:
        return str((payload.get("view") or {}).get("callback_id") or "")
    action = actions[0]
    chosen = action.get("value") or (action.get("selected_option") or {}).get("value")
    chosen = chosen or action.get("selected_date")
    return f"{action.get('action_id')}={chosen}" if chosen else str(action.get("action_id"))
