"""Deliver due outbox messages: claim a batch, send each, record each outcome at once.

The outcome of every message is committed right after Slack answered, in its own short
transaction, so that a process dying mid-batch leaves at most the one message in flight
uncertain (see ARCHITECTURE.md, "Delivery guarantee").

Posts are paced (`bot.scheduling.pacing.Pacer`): about one a second per conversation and a
workspace-wide token bucket, so Slack rarely answers 429. When it does, a short
`Retry-After` (at most `Limits.longest_wait_in_pass`) is waited out inside the dispatch and
the message tried again; a longer one reschedules the message at `Retry-After` and hands the
rest of the batch back until then. A dispatch takes on work for at most
`Limits.dispatch_budget` seconds; what is left stays due, and the scheduler runs the next
dispatch when the earliest waiting message is due.

Sending is a function given by the caller (`bot.scheduling.delivery.SlackDelivery` in the
product), so this module knows nothing of Slack.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.scheduling.outbox import (
    CLAIM_LEASE,
    SHORTEST_RATE_LIMIT_WAIT,
    ClaimedMessage,
    Delivered,
    DeliveryOutcome,
    NothingToSend,
    NotYet,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Undeliverable,
    claim_due,
    record_outcome,
    release,
    release_stale_claims,
)
from bot.scheduling.pacing import Pacer
from models.db import session_scope

logger = logging.getLogger(__name__)

Send = Callable[[ClaimedMessage], DeliveryOutcome]
# Work a message kind needs done in the store once Slack has the message, in the same
# transaction as recording it sent (e.g. remembering a copy to update later).
AfterDelivery = Callable[[Session, ClaimedMessage, Delivered], None]

BATCH_SIZE = 20


@dataclass
class DispatchReport:
    reclaimed: int = 0
    sent: int = 0
    rate_limited: int = 0
    waited_out: int = 0  # 429s waited out inside the dispatch, the message tried again
    retrying: int = 0
    failed: int = 0
    undeliverable: int = 0
    claims_lost: int = 0
    outcomes: dict[str, type] = field(default_factory=dict, repr=False)

    def add(self, message: ClaimedMessage, outcome: DeliveryOutcome, recorded: bool) -> None:
        self.outcomes[message.key] = type(outcome)
        if not recorded:
            self.claims_lost += 1
            return
        match outcome:
            case Delivered() | NothingToSend():
                self.sent += 1
            case NotYet():
                self.retrying += 1
            case RateLimited():
                self.rate_limited += 1
            case TemporaryFailure():
                self.retrying += 1
            case PermanentFailure():
                self.failed += 1
            case Undeliverable():
                self.undeliverable += 1


class PassClock:
    """The time during a dispatch: the pass's `now` (real or simulated) plus the time
    elapsed since on `monotonic`, so claims and outcomes carry the moment they happened."""

    def __init__(self, start: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._start = start
        self._monotonic = monotonic
        self._started = monotonic()

    def elapsed(self) -> float:
        return self._monotonic() - self._started

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self.elapsed())


def dispatch(
    engine: Engine,
    send: Send,
    now: datetime,
    worker: str,
    *,
    batch_size: int = BATCH_SIZE,
    lease: timedelta = CLAIM_LEASE,
    after_delivery: Mapping[str, AfterDelivery] | None = None,
    keys: Sequence[str] | None = None,
    pacer: Pacer | None = None,
) -> DispatchReport:
    """Send every message due, starting at `now` (with `keys`, only those: what a listener
    just enqueued), paced by `pacer` (a process keeps one across dispatches; without it
    this dispatch paces on its own), for at most the pacer's `dispatch_budget`: what is
    left stays due for the next dispatch."""
    pacer = pacer or Pacer()
    clock = PassClock(now, pacer.clock)
    report = DispatchReport()
    run = _Dispatch(engine, send, clock, pacer, worker, lease, report, after_delivery or {})
    with session_scope(engine) as session:
        report.reclaimed = release_stale_claims(session, clock.now(), lease)
    # Each attempted row is finished, rescheduled or handed back, so batches claim new rows
    # and the loop ends when nothing due is left, time is up or Slack asked for a long wait.
    while not run.out_of_time():
        # Claim what the workspace bucket lets go soon, so a process that dies holds few.
        limit = max(1, min(batch_size, pacer.slots_within(CLAIM_AHEAD)))
        with session_scope(engine) as session:
            batch = claim_due(session, clock.now(), worker, limit, keys)
        if not batch or not run.send_batch(batch):
            break
    return report


# Seconds of posting a dispatcher claims ahead (at the bucket's rate).
CLAIM_AHEAD = 5.0


@dataclass
class _Dispatch:
    engine: Engine
    send: Send
    clock: PassClock
    pacer: Pacer
    worker: str
    lease: timedelta
    report: DispatchReport
    after_delivery: Mapping[str, AfterDelivery]

    def out_of_time(self, after: float = 0.0) -> bool:
        return self.clock.elapsed() + after > self.pacer.limits.dispatch_budget

    def send_batch(self, batch: list[ClaimedMessage]) -> bool:
        """Send a claimed batch, each when the pacer lets it go; False when this dispatch
        should stop (time is up, or Slack asked for a wait longer than a pass waits)."""
        claimed_at = self.clock.now()
        waiting = list(batch)
        attempted = 0
        while waiting:
            # Hand back what is left well before the claim could expire and be taken by
            # another dispatcher while this one still works on it (after at least one
            # attempt, so every batch makes progress), and when the next post could not go
            # before the dispatch's time is up.
            if attempted and self.clock.now() - claimed_at > self.lease / 2:
                self._give_back(waiting, self.clock.now())
                return True
            index, wait = self._next(waiting)
            if self.out_of_time(wait):
                # None of them can go sooner: the one chosen waits least.
                self._give_back(waiting, self.clock.now() + timedelta(seconds=wait))
                return False
            message = waiting[index]
            self._sleep(self.pacer.book(_conversation(message)))
            outcome = _attempt(self.send, message)
            attempted += 1
            if isinstance(outcome, RateLimited):
                self.pacer.rate_limited(outcome.retry_after)
                if self._waits_out(outcome):
                    self.report.waited_out += 1
                    continue  # the message stays first in its conversation's line
            del waiting[index]
            self._record(message, outcome)
            if isinstance(outcome, RateLimited):
                pause = max(timedelta(seconds=outcome.retry_after), SHORTEST_RATE_LIMIT_WAIT)
                self._give_back(waiting, self.clock.now() + pause)
                return False
        return True

    def _next(self, waiting: list[ClaimedMessage]) -> tuple[int, float]:
        """The message that may go first (the earliest in the batch among equals, so each
        conversation keeps its order), and how long until it may."""
        waits = [self.pacer.wait_for(_conversation(message)) for message in waiting]
        index = min(range(len(waits)), key=waits.__getitem__)
        return index, waits[index]

    def _waits_out(self, outcome: RateLimited) -> bool:
        wait = outcome.retry_after
        return wait <= self.pacer.limits.longest_wait_in_pass and not self.out_of_time(wait)

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.pacer.sleep(seconds)

    def _record(self, message: ClaimedMessage, outcome: DeliveryOutcome) -> None:
        with session_scope(self.engine) as session:
            recorded = record_outcome(session, message, outcome, self.clock.now())
            follow_up = self.after_delivery.get(message.kind)
            if recorded and follow_up is not None and isinstance(outcome, Delivered):
                follow_up(session, message, outcome)
        self.report.add(message, outcome, recorded)

    def _give_back(self, messages: list[ClaimedMessage], not_before: datetime) -> None:
        if messages:
            with session_scope(self.engine) as session:
                release(session, messages, not_before=not_before)


def _conversation(message: ClaimedMessage) -> str:
    """The conversation a message goes to: a channel, or the DM of the person it names."""
    return message.recipient.describe()


def _attempt(send: Send, message: ClaimedMessage) -> DeliveryOutcome:
    try:
        return send(message)
    except Exception as error:  # noqa: BLE001 - recorded on the row and logged, then retried
        logger.exception("outbox: sending %s raised", message.key)
        return TemporaryFailure(f"{type(error).__name__}: {error}", maybe_delivered=True)
