"""Deliver due outbox messages: claim a batch, send each, record each outcome at once.

The outcome of every message is committed right after Slack answered, in its own short
transaction, so that a process dying mid-batch leaves at most the one message in flight
uncertain (see ARCHITECTURE.md, "Delivery guarantee"). A 429 reschedules the message at
`Retry-After` and ends this dispatch: the rest of the batch goes back untouched, so nothing
is hammered and nothing waits asleep; the next pass carries on.

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
    ClaimedMessage,
    Delivered,
    NothingToSend,
    NotYet,
    Outcome,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Undeliverable,
    claim_due,
    record_outcome,
    release,
    release_stale_claims,
)
from models.db import session_scope

logger = logging.getLogger(__name__)

Send = Callable[[ClaimedMessage], Outcome]
# Work a message kind needs done in the store once Slack has the message, in the same
# transaction as recording it sent (e.g. remembering a copy to update later).
AfterDelivery = Callable[[Session, ClaimedMessage, Delivered], None]

BATCH_SIZE = 20


@dataclass
class DispatchReport:
    reclaimed: int = 0
    sent: int = 0
    rate_limited: int = 0
    retrying: int = 0
    failed: int = 0
    undeliverable: int = 0
    claims_lost: int = 0
    outcomes: dict[str, type] = field(default_factory=dict, repr=False)

    def add(self, message: ClaimedMessage, outcome: Outcome, recorded: bool) -> None:
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
    """The time during a dispatch: the pass's `now` (real or simulated) plus the real time
    elapsed since, so claims and outcomes carry the moment they happened."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._started = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._started)


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
) -> DispatchReport:
    """Send every message due, starting at `now` (with `keys`, only those: what a listener
    just enqueued)."""
    clock = PassClock(now)
    report = DispatchReport()
    with session_scope(engine) as session:
        report.reclaimed = release_stale_claims(session, clock.now(), lease)
    # Each attempted row is finished or rescheduled (at least a second ahead), so batches
    # claim new rows and the loop ends when nothing due is left.
    while True:
        with session_scope(engine) as session:
            batch = claim_due(session, clock.now(), worker, batch_size, keys)
        if not batch:
            return report
        if not _send_batch(engine, send, batch, clock, lease, report, after_delivery or {}):
            return report


def _send_batch(
    engine: Engine,
    send: Send,
    batch: list[ClaimedMessage],
    clock: PassClock,
    lease: timedelta,
    report: DispatchReport,
    after_delivery: Mapping[str, AfterDelivery],
) -> bool:
    """Send a claimed batch; False when dispatching should stop for this pass."""
    claimed_at = clock.now()
    for index, message in enumerate(batch):
        # Hand back what is left well before the claim could expire and be taken by another
        # dispatcher while this one still works on it (after at least one message, so
        # every batch makes progress).
        if index and clock.now() - claimed_at > lease / 2:
            _give_back(engine, batch[index:], clock.now())
            return True
        outcome = _attempt(send, message)
        with session_scope(engine) as session:
            recorded = record_outcome(session, message, outcome, clock.now())
            follow_up = after_delivery.get(message.kind)
            if recorded and follow_up is not None and isinstance(outcome, Delivered):
                follow_up(session, message, outcome)
        report.add(message, outcome, recorded)
        if isinstance(outcome, RateLimited):
            _give_back(engine, batch[index + 1 :], clock.now())
            return False
    return True


def _attempt(send: Send, message: ClaimedMessage) -> Outcome:
    try:
        return send(message)
    except Exception as error:  # noqa: BLE001 - recorded on the row and logged, then retried
        logger.exception("outbox: sending %s raised", message.key)
        return TemporaryFailure(f"{type(error).__name__}: {error}", maybe_delivered=True)


def _give_back(engine: Engine, messages: list[ClaimedMessage], now: datetime) -> None:
    if messages:
        with session_scope(engine) as session:
            release(session, messages, not_before=now)
