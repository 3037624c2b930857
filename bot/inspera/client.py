"""Inspera's API over HTTP (urllib): one token per process, renewed before it expires, at
most 5 requests a second, 409 and 429 waited out, every failure an `InsperaFailure`.

What the requests and answers look like is `bot.inspera.wire`; this module only sends
them. `shared_client(settings)` is the process's one client (and so its one token).
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.inspera import wire
from bot.inspera.failures import FailureKind, InsperaFailure
from bot.settings import Settings

logger = logging.getLogger(__name__)

REQUESTS_PER_SECOND = 5.0  # Inspera publishes no limit (SPEC §9.5)
TIMEOUT_SECONDS = 10.0
# A token is renewed when less than this is left of it, so none expires in flight.
RENEW_BEFORE_SECONDS = 120.0
# How long a 409/429 is waited out in all, per request, before it counts as a failure.
LONGEST_WAIT_SECONDS = 60.0
DEFAULT_WAIT_SECONDS = 1.0
_READ_LIMIT = 8 * 2**20  # a test's JSON is kilobytes; anything near this is not an answer


@dataclass(frozen=True)
class _Answer:
    status: int
    content_type: str | None
    body: bytes
    retry_after: str | None


class _Pace:
    """At most `rate` request starts a second, across the threads of the process."""

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self._gap = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self._gap
        if start > now:
            self._sleep(start - now)


class InsperaClient:
    def __init__(
        self,
        api_url: str,
        client_id: str,
        api_key: str,
        *,
        timeout: float = TIMEOUT_SECONDS,
        rate: float = REQUESTS_PER_SECOND,
        longest_wait: float = LONGEST_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_url = api_url
        self._client_id = client_id
        self._api_key = api_key
        self._timeout = timeout
        self._longest_wait = longest_wait
        self._clock = clock
        self._sleep = sleep
        self._pace = _Pace(rate, clock, sleep)
        self._token_lock = threading.Lock()
        self._token: str | None = None
        self._token_expires = 0.0

    # -- what Sensorbot reads -----------------------------------------------------------

    def read_test(self, inspera_test_id: str) -> wire.InsperaTest:
        """The test's contributors and committees; raises InsperaFailure."""
        document = self._authorised_json(
            lambda token: wire.get_test_request(self.api_url, inspera_test_id, token)
        )
        return wire.parse_test(inspera_test_id, document)

    # -- the token ----------------------------------------------------------------------

    def token(self) -> str:
        """The process's token, fetched or renewed when it is missing or about to expire.
        Threads wait for the one fetching it rather than each asking for one (Inspera
        answers 409 to several at once)."""
        with self._token_lock:
            if self._token is None or self._clock() >= self._token_expires - RENEW_BEFORE_SECONDS:
                self._token, lifetime = self._new_token()
                self._token_expires = self._clock() + lifetime
            return self._token

    def _forget_token(self, token: str) -> None:
        with self._token_lock:
            if self._token == token:
                self._token = None

    def _new_token(self) -> tuple[str, float]:
        request = wire.token_request(self.api_url, self._client_id, self._api_key)
        answer = self._send(request)
        if answer.status == 401:
            raise InsperaFailure(FailureKind.wrong_key, "the token call answered 401")
        document = self._json(answer)
        token = wire.parse_token(document)
        logger.info("inspera: new token, valid for %g s", token.expires_in)
        return token.value, token.expires_in

    # -- requests -----------------------------------------------------------------------

    def _authorised_json(self, build: Callable[[str], wire.WireRequest]) -> Any:
        token = self.token()
        answer = self._send(build(token))
        if answer.status == 401:
            # The token was revoked or expired early: one new token, one more try.
            self._forget_token(token)
            answer = self._send(build(self.token()))
            if answer.status == 401:
                raise InsperaFailure(FailureKind.wrong_key, "a fresh token was refused (401)")
        return self._json(answer)

    def _json(self, answer: _Answer) -> Any:
        if answer.status == 404:
            raise InsperaFailure(FailureKind.not_found, "HTTP 404")
        if answer.status >= 500:
            raise InsperaFailure(FailureKind.server_error, f"HTTP {answer.status}")
        if not 200 <= answer.status < 300:
            raise InsperaFailure(FailureKind.refused, f"HTTP {answer.status}")
        return wire.json_document(answer.status, answer.content_type, answer.body)

    def _send(self, request: wire.WireRequest) -> _Answer:
        """One request, with 409 and 429 waited out (Retry-After, else a growing pause)
        for up to `longest_wait` seconds in all."""
        waited = 0.0
        pause = DEFAULT_WAIT_SECONDS
        while True:
            answer = self._once(request)
            if answer.status not in (409, 429):
                return answer
            wait = _retry_after_seconds(answer.retry_after) or pause
            pause = min(pause * 2, 10.0)
            if waited + wait > self._longest_wait:
                raise InsperaFailure(
                    FailureKind.busy, f"HTTP {answer.status} for {waited:g} s and more"
                )
            logger.info("inspera: HTTP %s, waiting %g s", answer.status, wait)
            self._sleep(wait)
            waited += wait

    def _once(self, request: wire.WireRequest) -> _Answer:
        self._pace.wait_turn()
        http = urllib.request.Request(
            request.url, data=request.body, headers=request.headers, method=request.method
        )
        try:
            with urllib.request.urlopen(http, timeout=self._timeout) as response:
                return _answer(response.status, response.headers, response.read(_READ_LIMIT))
        except urllib.error.HTTPError as error:
            with error:
                return _answer(error.code, error.headers, error.read(_READ_LIMIT))
        except TimeoutError as error:
            raise InsperaFailure(FailureKind.timeout, f"{self._timeout:g} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise InsperaFailure(FailureKind.timeout, f"{self._timeout:g} s") from error
            raise InsperaFailure(FailureKind.unreachable, str(error.reason)) from error
        except (ConnectionError, OSError) as error:
            raise InsperaFailure(FailureKind.unreachable, str(error)) from error


def _answer(status: int, headers: Any, body: bytes) -> _Answer:
    return _Answer(
        status,
        headers.get("Content-Type") if headers else None,
        body,
        headers.get("Retry-After") if headers else None,
    )


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


_shared: dict[tuple[str, str, str], InsperaClient] = {}
_shared_lock = threading.Lock()


def shared_client(settings: Settings) -> InsperaClient:
    """The process's client for the configured connector (its one token); raises
    ValueError when the connector is not configured (`settings.missing_for_inspera()`)."""
    missing = settings.missing_for_inspera()
    if missing:
        raise ValueError(f"the Inspera connector needs {', '.join(missing)}")
    assert settings.inspera_api_url and settings.inspera_client_id and settings.inspera_api_key
    key = (
        settings.inspera_api_url.strip(),
        settings.inspera_client_id.strip(),
        settings.inspera_api_key.strip(),
    )
    with _shared_lock:
        client = _shared.get(key)
        if client is None:
            client = _shared[key] = InsperaClient(*key)
        return client
