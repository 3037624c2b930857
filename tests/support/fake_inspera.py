"""A fake Inspera Assessment API over real HTTP: the one Inspera every test talks to.

`FakeInspera` serves the token call and `GET /v1/test/{id}` on 127.0.0.1 and a free port,
so the product's own client (`bot.inspera.client.InsperaClient(fake.api_url, …)`) runs
against it unchanged. It issues tokens only for its client id and key, refuses expired or
unknown tokens with 401 as Inspera does, records every request, and injects failures:
a status (500, 401, 404), an HTML page, a 200 with an `errors` array, 409 or 429 with
`Retry-After`, and slow answers. `signed_event` builds a webhook body signed like Inspera's.

    with FakeInspera() as inspera:
        inspera.add_test("123", [grader("u1", "Ola", "Nordmann", "ola@ntnu.no", ["Kommisjon 1"])])
        inspera.fail_next("test", status=500)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

CLIENT_ID = "ntnu"
API_KEY = "inspera-test-key"
WEBHOOK_SECRET = "inspera-webhook-secret"

_HTML = b"<!DOCTYPE html><html><head><title>Inspera</title></head><body>Log in</body></html>"


def grader(
    user_id: str,
    first_name: str,
    last_name: str,
    email: str | None,
    committees: Iterable[str] = (),
    roles: Iterable[str] = ("evaluate",),
) -> dict[str, Any]:
    """A contributor as Inspera lists it on a test."""
    return {
        "userId": user_id,
        "firstName": first_name,
        "lastName": last_name,
        "email": email,
        "roles": list(roles),
        "committeesName": list(committees),
        "externalUserIds": [],  # a field Sensorbot does not read
    }


def signed_event(
    event: str,
    context_object_id: int | str | None = None,
    *,
    secret: str = WEBHOOK_SECRET,
    timestamp: str = "2026-12-20T10:15:00Z",
) -> tuple[bytes, dict[str, str]]:
    """A webhook body and headers as Inspera sends them (HMAC-SHA1 hex of the raw body)."""
    document: dict[str, Any] = {"event": event, "timestamp": timestamp}
    if context_object_id is not None:
        document["contextObjectId"] = context_object_id
    body = json.dumps(document).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    return body, {"Content-Type": "application/json", "X-Inspera-Signature": signature}


@dataclass(frozen=True)
class Recorded:
    route: str  # "token", "test" or "unknown"
    method: str
    path: str
    headers: dict[str, str]
    time: float  # time.monotonic() at arrival
    status: int


@dataclass(frozen=True)
class _Failure:
    status: int = 200
    html: bool = False
    errors: tuple[str, ...] = ()
    delay: float = 0.0
    retry_after: str | None = None


class FakeInspera:
    def __init__(
        self, client_id: str = CLIENT_ID, api_key: str = API_KEY, expires_in: int = 3600
    ) -> None:
        self.client_id = client_id
        self.api_key = api_key
        self.expires_in = expires_in
        self.tests: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, float] = {}  # token → when it expires (monotonic)
        self._failures: dict[str, deque[_Failure]] = {}
        self._requests: list[Recorded] = []
        self._crashes: list[str] = []
        self._lock = threading.Lock()
        self._server = _Server(self)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.api_url = self.base_url + "/api"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-inspera",
            daemon=True,
        )
        self._thread.start()

    # -- arranging ------------------------------------------------------------------------

    def add_test(
        self,
        inspera_test_id: str,
        contributors: list[dict[str, Any]],
        committees: Iterable[str] | None = None,
        **fields: Any,
    ) -> None:
        """A test as `GET /v1/test/{id}` answers it; committees default to those the
        contributors name."""
        names = committees
        if names is None:
            names = sorted({n for c in contributors for n in c.get("committeesName") or []})
        with self._lock:
            self.tests[str(inspera_test_id)] = {
                "assessmentRunId": int(inspera_test_id) if inspera_test_id.isdigit() else None,
                "title": fields.pop("title", "Eksamen"),
                "contributors": contributors,
                "committees": [{"name": name, "type": "ordinary"} for name in names],
                **fields,
            }

    def fail_next(
        self,
        route: str,
        *,
        status: int | None = None,
        html: bool = False,
        errors: Iterable[str] = (),
        delay: float = 0.0,
        retry_after: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next `count` requests of `route` ("token" or "test") otherwise: with
        `status` (409/429 carry `retry_after`, default "0"), an HTML page (`html`), a 200
        with an `errors` array, or after `delay` seconds (alone: the normal answer, slow)."""
        if status in (409, 429) and retry_after is None:
            retry_after = "0"
        failure = _Failure(status or 200, html, tuple(errors), delay, retry_after)
        with self._lock:
            self._failures.setdefault(route, deque()).extend([failure] * count)

    def expire_tokens(self) -> None:
        """Every token issued so far stops working (Inspera answers 401)."""
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, 0.0)

    # -- what happened --------------------------------------------------------------------

    def calls(self, route: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self._requests if r.route == route]

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        if self._crashes:
            raise AssertionError("fake Inspera crashed:\n" + "\n".join(self._crashes))

    def __enter__(self) -> FakeInspera:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- answering ------------------------------------------------------------------------

    def _serve(self, method: str, path: str, headers: dict[str, str]) -> tuple[int, dict, bytes]:
        parts = urlsplit(path)
        route = _route(parts.path)
        with self._lock:
            queued = self._failures.get(route)
            failure = queued.popleft() if queued else None
        if failure is not None and failure.delay:
            time.sleep(failure.delay)  # the fake being slow, not the test waiting
        status, extra, body = self._answer(route, method, parts, headers, failure)
        with self._lock:
            self._requests.append(
                Recorded(route, method, parts.path, headers, time.monotonic(), status)
            )
        return status, extra, body

    def _answer(self, route, method, parts, headers, failure) -> tuple[int, dict, bytes]:
        if failure is not None and (failure.status != 200 or failure.html or failure.errors):
            return _injected(failure)
        if route == "token" and method == "POST":
            return self._token(parts, headers)
        if route == "test" and method == "GET":
            return self._test(unquote(parts.path.rsplit("/", 1)[-1]), headers)
        return _json(404, {"errors": [{"message": "no such endpoint"}]})

    def _token(self, parts, headers) -> tuple[int, dict, bytes]:
        query = parse_qs(parts.query)
        if _header(headers, "code") != self.api_key or query.get("client_id") != [self.client_id]:
            return _json(401, {"error": "invalid_client"})
        token = secrets.token_hex(16)
        with self._lock:
            self._tokens[token] = time.monotonic() + self.expires_in
        return _json(200, {"access_token": token, "expires_in": self.expires_in})

    def _test(self, inspera_test_id: str, headers) -> tuple[int, dict, bytes]:
        auth = _header(headers, "Authorization") or ""
        token = auth.removeprefix("Bearer ").strip()
        with self._lock:
            valid = self._tokens.get(token, 0.0) > time.monotonic()
            document = self.tests.get(inspera_test_id)
        if not valid:
            return _json(401, {"error": "invalid_token"})
        if document is None:
            return _json(404, {"errors": [{"message": f"test {inspera_test_id} not found"}]})
        return _json(200, document)


def _route(path: str) -> str:
    if path.rstrip("/").endswith("/authenticate/token"):
        return "token"
    if "/v1/test/" in path:
        return "test"
    return "unknown"


def _injected(failure: _Failure) -> tuple[int, dict, bytes]:
    extra = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
    if failure.html:
        return failure.status, {"Content-Type": "text/html; charset=utf-8", **extra}, _HTML
    if failure.errors:
        errors = [{"message": text} for text in failure.errors]
        return _json(failure.status, {"errors": errors}, extra)
    return _json(failure.status, {"error": f"injected {failure.status}"}, extra)


def _json(status: int, document: Any, extra: dict | None = None) -> tuple[int, dict, bytes]:
    return (
        status,
        {"Content-Type": "application/json", **(extra or {})},
        json.dumps(document).encode(),
    )


def _header(headers: dict[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeInspera) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            self.fake._crashes.append(traceback.format_exc())
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._reply("GET")

    def do_POST(self) -> None:
        self._reply("POST")

    def _reply(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        status, headers, body = self.server.fake._serve(method, self.path, dict(self.headers))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
