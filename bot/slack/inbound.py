"""What a request to the Slack endpoint must be before Bolt sees it.

Bolt parses the body before it checks the signature and trusts the payload's shape after:
junk from anyone (a timestamp that is not a number, a body that is not UTF-8 or JSON,
`actions: []`) raised inside Bolt or a listener and was logged as a traceback. Here the
signature is checked first, on the raw bytes, then the body is parsed as Bolt will parse
it and its envelope checked, so that junk is refused with 401 or 400 and nothing runs.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from slack_bolt.request.internals import parse_body

# Slack's own limit: a request more than five minutes old may be a replay.
MAX_CLOCK_SKEW_SECONDS = 5 * 60

# Fields Bolt and the listeners read as objects, and those that are an id or an object
# holding one.
_OBJECT_FIELDS = ("event", "view", "container", "message", "state")
_ID_FIELDS = ("team", "enterprise", "user", "channel")
_INTERACTIVE_TYPES = frozenset(
    {"block_actions", "view_submission", "view_closed", "shortcut", "message_action"}
)


def signature_is_valid(
    secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float
) -> bool:
    """Slack's v0 signature over the raw body; a timestamp must be plain digits."""
    if not timestamp or not signature or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs(now - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return False
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def read_envelope(
    body: bytes, content_type: str | None
) -> tuple[dict[str, Any], None] | tuple[None, str]:
    """A (signed) body's payload, as Bolt parses it, and None; or None and what makes the
    body unusable. Never raises."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None, "body is not UTF-8"
    try:
        payload = parse_body(text, content_type)
    except ValueError as error:  # json.JSONDecodeError included
        return None, f"body does not parse: {error}"
    if not isinstance(payload, dict):
        return None, f"body is a JSON {type(payload).__name__}, not an object"
    problem = _shape_problem(payload)
    return (None, problem) if problem is not None else (payload, None)


def _shape_problem(payload: Mapping[str, Any]) -> str | None:
    kind = payload.get("type")
    for name in _OBJECT_FIELDS:
        if name in payload and not isinstance(payload[name], dict):
            return f"`{name}` is not an object"
    for name in _ID_FIELDS:
        if name in payload and not _is_id_or_object_with_id(payload[name]):
            return f"`{name}` is neither an id nor an object with one"
    if kind == "event_callback" and not isinstance(payload.get("event"), dict):
        return "an event callback without an event"
    if kind in _INTERACTIVE_TYPES and not isinstance(payload.get("user"), dict):
        return f"a {kind} payload without a user object"
    if kind in ("view_submission", "view_closed") and "view" not in payload:
        return f"a {kind} payload without a view"
    authorizations = payload.get("authorizations")
    if authorizations is not None and not (
        isinstance(authorizations, list) and all(isinstance(a, dict) for a in authorizations)
    ):
        return "`authorizations` is not a list of objects"
    if kind == "block_actions" or "actions" in payload:
        return _actions_problem(payload.get("actions"))
    return None


def _is_id_or_object_with_id(value: object) -> bool:
    if isinstance(value, str) or value is None:
        return True
    return isinstance(value, dict) and isinstance(value.get("id", ""), str)


def _actions_problem(actions: object) -> str | None:
    if not isinstance(actions, list) or not actions:
        return "`actions` is not a non-empty list"
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            return "an action without an action_id"
    return None
