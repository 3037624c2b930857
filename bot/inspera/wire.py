"""Inspera's wire format, as Sensorbot reads it — the one place that knows it.

Followed, in this order:
- Inspera Assessment's public API documentation (the Swagger description at
  https://ia.inspera.no/apidoc/, "Inspera Assessment API"): the token call
  `POST {api}/authenticate/token/?grant_type=authorization_code&client_id=…` with the API
  key in a `code` header and a form-encoded body, answered `{"access_token", "expires_in"}`;
  `GET {api}/v1/test/{id}` with `Authorization: Bearer …`.
- Inspera's public knowledge-base page "Webhooks"
  (https://inspera.atlassian.net/wiki/spaces/KB/pages/664928482/Webhooks, also on
  support.inspera.com): thin JSON bodies `{"contextObjectId", "event", "timestamp"}` where
  `contextObjectId` is the test's id; an HMAC-SHA1 hex digest of the raw body, keyed with
  the subscription's secret, in `X-Inspera-Signature`; a 10 s timeout and retries until
  the endpoint answers 200.
- Public scripts that call the API (e.g. NOKUT's `insperaNokut` R package): a test's
  `contributors` carry `userId`, `firstName`, `lastName`, `email`, `roles` (a list of role
  names; graders have `evaluate`) and `committeesName`.
- SPEC §9.5, which restates the above: a 200 answer with an `errors` array is a failure;
  unknown fields are ignored; a missing field is reported, never guessed.

Plain values in and out: no HTTP here (that is `bot.inspera.client`), no store.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.inspera.failures import FailureKind, InsperaFailure

TOKEN_PATH = "authenticate/token/"
GRADER_ROLE = "evaluate"
SIGNATURE_HEADER = "X-Inspera-Signature"
# The same header as a WSGI environ key.
SIGNATURE_ENVIRON = "HTTP_X_INSPERA_SIGNATURE"
CONFIRM_FINAL_GRADES = "confirm_final_grades"
VERIFICATION = "verification"


# -- requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WireRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None = None


def _base(api_url: str) -> str:
    return api_url if api_url.endswith("/") else api_url + "/"


def token_request(api_url: str, client_id: str, api_key: str) -> WireRequest:
    query = urllib.parse.urlencode({"grant_type": "authorization_code", "client_id": client_id})
    body = urllib.parse.urlencode(
        {"grant_type": "authorization_code", "client_id": client_id}
    ).encode()
    return WireRequest(
        "POST",
        f"{_base(api_url)}{TOKEN_PATH}?{query}",
        {
            "code": api_key,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
        body,
    )


def get_test_request(api_url: str, inspera_test_id: str, token: str) -> WireRequest:
    quoted = urllib.parse.quote(inspera_test_id, safe="")
    return WireRequest(
        "GET",
        f"{_base(api_url)}v1/test/{quoted}",
        {"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )


# -- answers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    value: str
    expires_in: float  # seconds


@dataclass(frozen=True)
class Contributor:
    """A person on a test in Inspera."""

    user_id: str
    first_name: str
    last_name: str
    email: str | None  # lower case; None when Inspera has no address for them
    roles: tuple[str, ...]
    committees: tuple[str, ...]  # the names of their committees, as Inspera writes them

    @property
    def is_grader(self) -> bool:
        return GRADER_ROLE in (role.lower() for role in self.roles)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class Committee:
    name: str
    type: str | None


@dataclass(frozen=True)
class InsperaTest:
    inspera_test_id: str
    contributors: tuple[Contributor, ...]
    committees: tuple[Committee, ...]

    @property
    def graders(self) -> tuple[Contributor, ...]:
        return tuple(c for c in self.contributors if c.is_grader)


def json_document(status: int, content_type: str | None, body: bytes) -> Any:
    """The JSON of a 2xx answer; an HTML page or anything else that is not JSON is a
    failure (a login page, a proxy's error page)."""
    text = body.lstrip()[:1]
    kind = (content_type or "").split(";")[0].strip().lower()
    if text == b"<" or "html" in kind:
        raise InsperaFailure(FailureKind.not_json, f"HTTP {status}, {kind or 'no content type'}")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InsperaFailure(FailureKind.not_json, f"HTTP {status}: {error}") from None


def reported_errors(document: Any) -> None:
    """A 200 answer that carries a non-empty `errors` array is a failure."""
    if isinstance(document, Mapping):
        errors = document.get("errors")
        if isinstance(errors, Sequence) and not isinstance(errors, str) and errors:
            raise InsperaFailure(FailureKind.reported_errors, _error_texts(errors))


def _error_texts(errors: Sequence[Any]) -> str:
    texts = []
    for error in list(errors)[:3]:
        if isinstance(error, Mapping):
            text = error.get("message") or error.get("error") or error.get("code") or error
        else:
            text = error
        texts.append(str(text)[:200])
    more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return "; ".join(texts) + more


def parse_token(document: Any) -> Token:
    reported_errors(document)
    value = _field(document, "access_token", "")
    expires = _field(document, "expires_in", "")
    if not isinstance(value, str) or not value:
        raise InsperaFailure(FailureKind.malformed, "access_token")
    if isinstance(expires, bool) or not isinstance(expires, int | float) or expires <= 0:
        raise InsperaFailure(FailureKind.malformed, "expires_in")
    return Token(value, float(expires))


def parse_test(inspera_test_id: str, document: Any) -> InsperaTest:
    reported_errors(document)
    contributors = _list(_field(document, "contributors", ""), "contributors")
    committees = _list(_field(document, "committees", ""), "committees")
    return InsperaTest(
        inspera_test_id,
        tuple(_contributor(item, f"contributors[{n}]") for n, item in enumerate(contributors)),
        tuple(_committee(item, f"committees[{n}]") for n, item in enumerate(committees)),
    )


def _contributor(item: Any, where: str) -> Contributor:
    roles = tuple(_strings(_field(item, "roles", where), f"{where}.roles"))
    user_id = _field(item, "userId", where)
    if isinstance(user_id, bool) or not isinstance(user_id, str | int) or user_id == "":
        raise InsperaFailure(FailureKind.malformed, f"{where}.userId")
    is_grader = GRADER_ROLE in (role.lower() for role in roles)
    # Only a grader's name, address and committees are compared, so only theirs must be there.
    first = _field(item, "firstName", where) if is_grader else item.get("firstName")
    last = _field(item, "lastName", where) if is_grader else item.get("lastName")
    email = _field(item, "email", where) if is_grader else item.get("email")
    committees = _field(item, "committeesName", where) if is_grader else None
    return Contributor(
        user_id=str(user_id),
        first_name=_text(first, f"{where}.firstName"),
        last_name=_text(last, f"{where}.lastName"),
        email=_text(email, f"{where}.email").strip().lower() or None,
        roles=roles,
        committees=tuple(_strings(committees, f"{where}.committeesName")),
    )


def _committee(item: Any, where: str) -> Committee:
    name = _field(item, "name", where)
    if not isinstance(name, str) or not name.strip():
        raise InsperaFailure(FailureKind.malformed, f"{where}.name")
    kind = item.get("type")
    return Committee(name.strip(), str(kind) if kind is not None else None)


def _field(document: Any, name: str, where: str) -> Any:
    if not isinstance(document, Mapping):
        raise InsperaFailure(FailureKind.malformed, where or "the answer (not a JSON object)")
    if name not in document:
        raise InsperaFailure(FailureKind.malformed, f"{where}.{name}" if where else name)
    return document[name]


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InsperaFailure(FailureKind.malformed, f"{where} (not a list)")
    return value


def _strings(value: Any, where: str) -> list[str]:
    """A list of names; null is none."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InsperaFailure(FailureKind.malformed, f"{where} (not a list of names)")
    return [v.strip() for v in value if v.strip()]


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InsperaFailure(FailureKind.malformed, f"{where} (not text)")
    return value.strip()


# -- webhooks ---------------------------------------------------------------------------


def signature(secret: str, body: bytes) -> str:
    """What Inspera puts in `X-Inspera-Signature`: the hex HMAC-SHA1 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def signature_is_valid(secret: str | None, body: bytes, given: str | None) -> bool:
    """Constant-time comparison; no secret configured means nothing is valid."""
    if not secret or not given:
        return False
    return hmac.compare_digest(signature(secret, body), given.strip().lower())


@dataclass(frozen=True)
class WebhookEvent:
    event: str
    context_object_id: str | None  # the Inspera test id, for test events
    timestamp: datetime | None


def parse_event(body: bytes) -> WebhookEvent:
    """The event a webhook body names; raises InsperaFailure(malformed) when it is not a
    JSON object with an `event`."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InsperaFailure(FailureKind.malformed, "the body is not JSON") from None
    event = _field(document, "event", "")
    if not isinstance(event, str) or not event.strip():
        raise InsperaFailure(FailureKind.malformed, "event")
    context = document.get("contextObjectId")
    if isinstance(context, bool) or not isinstance(context, str | int | None):
        raise InsperaFailure(FailureKind.malformed, "contextObjectId")
    return WebhookEvent(
        event.strip(),
        str(context).strip() if context not in (None, "") else None,
        _timestamp(document.get("timestamp")),
    )


def _timestamp(value: Any) -> datetime | None:
    """Inspera writes `2018-10-04T16:47:55Z`; anything unreadable is no timestamp."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
