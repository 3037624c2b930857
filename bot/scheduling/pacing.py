"""How fast the dispatcher may post: about one message a second per conversation, and a
workspace-wide token bucket, so the bot rarely draws a 429 at all.

Slack limits `chat.postMessage` to about one message a second in a conversation (short
bursts allowed) and, across the workspace, to a burst and then a steady rate. `Pacer` books
each post a moment that keeps within both: the conversation's last post plus
`conversation_spacing`, and a bucket of `workspace_burst` posts refilled at
`workspace_rate` a second (kept as a "theoretical arrival time", GCRA, so booking ahead is
exact and cheap). A 429 empties the bucket and pauses every post for `Retry-After`: Slack
does not say which limit was hit, and waiting is what it asks for.

The limits are one process's: several replicas each keep their own, and Slack's 429s
(handled by the dispatcher, never losing or doubling a message) settle the rest. Time comes
from an injected monotonic clock and sleep, so the rules are tested without waiting.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    conversation_spacing: float = 1.0  # seconds between two posts to one conversation
    workspace_burst: int = 50  # posts that may go at once after a quiet spell
    workspace_rate: float = 2.0  # posts a second after the burst
    # A 429 asking for at most this long is waited out inside the pass; a longer one
    # reschedules the message (and hands back the rest of the batch) instead.
    longest_wait_in_pass: float = 5.0
    # A dispatch stops taking on work after this long and leaves the rest, still due, for
    # the next dispatch, so a pass never sleeps for minutes.
    dispatch_budget: float = 20.0

    def __post_init__(self) -> None:
        if self.workspace_burst < 1 or self.workspace_rate <= 0:
            raise ValueError("the workspace bucket needs a burst of at least 1 and a rate > 0")
        if self.conversation_spacing < 0 or self.longest_wait_in_pass < 0:
            raise ValueError("spacing and waits cannot be negative")


class Pacer:
    """When the next post to a conversation may go; thread-safe, one per process."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits or Limits()
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self._interval = 1.0 / self.limits.workspace_rate
        # A post may go at t when t >= tat - tolerance: a full bucket allows `burst` at once.
        self._tolerance = (self.limits.workspace_burst - 1) * self._interval
        self._tat = -math.inf
        self._paused_until = -math.inf
        self._conversations: dict[str, float] = {}  # conversation -> earliest next post

    def wait_for(self, conversation: str) -> float:
        """Seconds from now until a post to `conversation` may go (0 when it may now)."""
        with self._lock:
            now = self.clock()
            return self._earliest(conversation, now) - now

    def book(self, conversation: str) -> float:
        """Take the earliest slot for a post to `conversation`; the seconds to wait for it."""
        with self._lock:
            now = self.clock()
            at = self._earliest(conversation, now)
            self._tat = max(self._tat, at) + self._interval
            self._conversations[conversation] = at + self.limits.conversation_spacing
            if len(self._conversations) > 10_000:
                self._forget_before(now)
            return at - now

    def slots_within(self, seconds: float) -> int:
        """How many posts the workspace bucket lets go within `seconds` from now (ignoring
        the conversations): how much a dispatcher should claim at a time."""
        with self._lock:
            now = self.clock()
            if self._paused_until > now + seconds:
                return 0
            # The k-th post from now goes at max(tat, now) + (k - 1) * interval - tolerance.
            room = now + seconds + self._tolerance - max(self._tat, now)
            return max(0, 1 + math.floor(room / self._interval + 1e-9))

    def rate_limited(self, retry_after: float) -> None:
        """Slack answered 429: post nothing for `retry_after` seconds, then start again
        from an empty bucket (Slack's is empty too)."""
        with self._lock:
            resume = self.clock() + max(retry_after, 0.0)
            self._paused_until = max(self._paused_until, resume)
            self._tat = max(self._tat, self._paused_until + self._tolerance)

    def _earliest(self, conversation: str, now: float) -> float:
        return max(
            now,
            self._paused_until,
            self._tat - self._tolerance,
            self._conversations.get(conversation, -math.inf),
        )

    def _forget_before(self, now: float) -> None:
        for conversation, free_at in list(self._conversations.items()):
            if free_at <= now:
                del self._conversations[conversation]
