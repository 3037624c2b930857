"""The fake Slack every end-to-end test talks to: the local workspace, with failures.

`FakeSlack` is the product's local Slack workspace (`bot.workspace.web_api.LocalSlack`:
the Web API methods Sensorbot uses, over real HTTP on 127.0.0.1 and a free port, every
request recorded whole, files behind the bot token, the three steps of `files_upload_v2`)
plus what only tests need: 429s and errors injected, a token-bucket rate limit like
Slack's, and waiting for conditions with `wait_for`, never with sleeps.

    with FakeSlack(bot_token="xoxb-test") as fake:
        fake.add_user("U1", email="ola@ntnu.no", locale="nb-NO")
        client = WebClient(base_url=fake.api_url, token="xoxb-test")
        ...
        call = fake.wait_for_call("chat.postMessage", match=lambda a: a["channel"] == "U1")

Requests are recorded under Web API method names and `response_url`, `upload_url`,
`url_private_download` and `unknown_path`; failures can be injected for any of them.
"""

from __future__ import annotations

import functools
import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.workspace.web_api import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_ID,
    WEB_API_METHODS,
    Failure,
    LocalSlack,
    RecordedRequest,
    SlackMethodError,
    Upload,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "TEAM_ID",
    "WAIT_LIMIT",
    "WEB_API_METHODS",
    "FakeSlack",
    "RecordedRequest",
    "SlackMethodError",
    "Upload",
]

_Failure = Failure

# How long a test waits for the bot before failing: a guard against a hang, not a measure
# of speed (posts to one conversation are paced about a second apart, and CI is small).
WAIT_LIMIT = 15.0


@dataclass
class _RatioFailure:
    ratio: float
    rng: random.Random
    retry_after: int


@dataclass
class _Bucket:
    """A token bucket: `capacity` calls at once, refilled at `rate` a second."""

    capacity: float
    rate: float
    tokens: float
    updated: float

    def wait(self, now: float) -> float:
        """Seconds until a token is there (0 when one is), refilling up to `now`."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass
class _RateLimit:
    """Slack's limit on posting: per conversation, and across the workspace."""

    per_conversation: float
    burst: int
    rate: float
    workspace: _Bucket
    conversations: dict[str, _Bucket] = field(default_factory=dict)

    def retry_after(self, conversation: str, now: float) -> int | None:
        """None when the call may go (and takes its tokens), else whole seconds to wait."""
        own = self.conversations.setdefault(conversation, _Bucket(1, self.per_conversation, 1, now))
        wait = max(own.wait(now), self.workspace.wait(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        own.tokens -= 1
        self.workspace.tokens -= 1
        return None


class FakeSlack(LocalSlack):
    """The local workspace on 127.0.0.1:<free port>, with failure injection and waiting."""

    def __init__(self, bot_token: str = "xoxb-test") -> None:
        self._failures: dict[str, deque[_Failure]] = {}
        self._ratio_failures: dict[str, _RatioFailure] = {}
        self._rate_limits: dict[str, _RateLimit] = {}
        super().__init__(bot_token)

    # -- failure injection -------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        error: str | None = None,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next `count` calls of `method` with a failure instead of handling them.

        `status=429` (the default without `error`) carries `Retry-After: retry_after`
        (default 1); `status=500` etc. answer that HTTP status; `error="channel_not_found"`
        alone answers 200 with `{"ok": false, "error": ...}`.
        """
        if status is None:
            status = 200 if error else 429
        if status == 200 and not error:
            raise ValueError("a 200 failure needs an error, e.g. error='channel_not_found'")
        if status == 429 and retry_after is None:
            retry_after = 1
        failure = _Failure(status, error or _default_error(status), retry_after)
        with self._lock:
            self._failures.setdefault(method, deque()).extend([failure] * count)

    def fail_ratio(self, method: str, ratio: float, *, seed: int = 1, retry_after: int = 0) -> None:
        """Answer a share `ratio` of the calls of `method` with 429; repeatable for a seed.

        `ratio=0` stops it.
        """
        if not 0 <= ratio <= 1:
            raise ValueError(f"ratio must be between 0 and 1, not {ratio}")
        with self._lock:
            if ratio == 0:
                self._ratio_failures.pop(method, None)
            else:
                self._ratio_failures[method] = _RatioFailure(
                    ratio, random.Random(seed), retry_after
                )

    def rate_limit(
        self,
        method: str = "chat.postMessage",
        *,
        per_conversation: float = 1.0,
        burst: int = 50,
        rate: float = 2.0,
    ) -> None:
        """Limit `method` as Slack limits posting: `per_conversation` calls a second to one
        conversation (its `channel`), and across the workspace a burst of `burst` calls, then
        `rate` a second; beyond either, 429 with `Retry-After` in whole seconds (at least 1).
        A refused call takes no token.
        """
        now = time.monotonic()
        with self._lock:
            self._rate_limits[method] = _RateLimit(
                per_conversation, burst, rate, _Bucket(burst, rate, burst, now)
            )

    def _rate_limited(self, method: str, params: dict[str, Any], now: float) -> _Failure | None:
        limit = self._rate_limits.get(method)
        if limit is None:
            return None
        channel = str(params.get("channel") or "")
        try:
            conversation = self._workspace.resolve_channel(channel)
        except SlackMethodError:
            conversation = channel
        retry_after = limit.retry_after(conversation, now)
        return None if retry_after is None else _Failure(429, "ratelimited", retry_after)

    def _injected_failure(self, method: str) -> _Failure | None:
        queued = self._failures.get(method)
        if queued:
            return queued.popleft()
        share = self._ratio_failures.get(method)
        if share and share.rng.random() < share.ratio:
            return _Failure(429, "ratelimited", share.retry_after)
        return None

    def refusal(self, method: str, params: dict[str, Any], *, web_api: bool) -> _Failure | None:
        injected = self._injected_failure(method)
        if injected is not None or not web_api:
            return injected
        return self._rate_limited(method, params, time.monotonic())

    # -- waiting -----------------------------------------------------------------------

    def wait_for(
        self,
        condition: Callable[[], Any] | str,
        timeout: float = WAIT_LIMIT,
        *,
        description: str | None = None,
    ) -> Any:
        """Wait until `condition()` is truthy and return its value.

        A method name waits for a call of that method and returns its calls. The condition
        is re-checked whenever a request arrives, and at least every 50 ms so conditions on
        other state (the store) are seen too. On timeout, fails with the recorded requests.
        """
        if isinstance(condition, str):
            method = condition
            description = description or f"a call to {method}"
            condition = functools.partial(self.calls, method)
        description = description or getattr(condition, "__name__", repr(condition))
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = len(self._requests)
            # Evaluated without the lock: a condition may itself talk to this server.
            result = condition()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"Timed out after {timeout:g}s waiting for {description}.\n" + self.dump()
                )
            with self._changed:
                if len(self._requests) == seen:
                    self._changed.wait(timeout=min(remaining, 0.05))

    def wait_for_call(
        self,
        method: str,
        match: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = WAIT_LIMIT,
        *,
        succeeded: bool = False,
    ) -> RecordedRequest:
        """The first call of `method` whose params satisfy `match`, waiting for it.

        With `succeeded=True` only calls the fake answered with `ok: true` count, so a call
        that was answered 429 and retried is not mistaken for the delivered one.
        """

        def first_match() -> RecordedRequest | None:
            for call in self.calls(method):
                if (not succeeded or call.ok) and (match is None or match(call.params)):
                    return call
            return None

        wanted = f"a {'successful ' if succeeded else ''}call to {method}"
        if match is not None:
            wanted += f" matching {getattr(match, '__name__', repr(match))}"
        return self.wait_for(first_match, timeout, description=wanted)

    def dump(self) -> str:
        """The recorded requests, one readable line each."""
        requests = self.requests
        lines = [f"Recorded requests at {self.base_url} ({len(requests)}):"]
        for number, request in enumerate(requests, start=1):
            outcome = "ok" if request.ok else (request.response or {}).get("error", "failed")
            args = " ".join(
                f"{k}={_short(v)}" for k, v in request.params.items() if k not in ("token",)
            )
            lines.append(
                f"  {number:>3}. +{request.time - self._started:.3f}s {request.method} "
                f"-> {request.status} {outcome}  {args}"[:400]
            )
        if not requests:
            lines.append("  (none)")
        return "\n".join(lines)


def _default_error(status: int) -> str:
    if status == 429:
        return "ratelimited"
    if status >= 500:
        return "internal_error"
    return "request_failed"


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
