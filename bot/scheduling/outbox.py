"""The outbox: every message the bot sends on its own initiative is a stored row before it is
sent — the scheduler's notices, and what a listener's unit of work tells other people
(approval prompts and notices, the export file, escalations and their updates).

Enqueueing inserts rows under a unique key (kind, test, person, occasion) with
`INSERT … ON CONFLICT DO NOTHING`, so the same message can be enqueued any number of times,
by any number of processes, and is stored once. An update of a message posted earlier is one
row per message updated (`enqueue_updates`): asking again puts that row back in the queue, and
as it is rendered from the store when it is sent, several quick changes send one update
showing the latest state. A dispatcher (`bot.scheduling.dispatcher`)
claims due rows — on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so replicas never claim the
same row — sends them and records the outcome here. A claim older than `CLAIM_LEASE` belongs to a
process that died or hung; it is put back, marked "delivery uncertain" so the next attempt
looks in Slack for the message before posting it again.

Plain values in and out; nothing here talks to Slack.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot.messages import Recipient
from models.inserts import insert_for
from models.tables import OutboxEntry, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
SHORTEST_RATE_LIMIT_WAIT = timedelta(seconds=1)
CLAIM_LEASE = timedelta(minutes=5)
_INSERT_CHUNK = 500
_ERROR_LENGTH = 1000
# Core table and columns: the dispatcher's statements skip the ORM's per-statement work.
_OUTBOX = OutboxEntry.metadata.tables["outbox"]
_c = _OUTBOX.c


@dataclass(frozen=True)
class OutgoingMessage:
    """A message to store: what to tell (`kind` and its `params`, plain JSON values) and to
    whom. The text is rendered when it is sent, in the recipient's language."""

    key: str
    kind: str
    test_id: str | None
    recipient: Recipient
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ClaimedMessage:
    id: int
    key: str
    kind: str
    test_id: str | None
    recipient: Recipient
    params: dict[str, Any]
    attempts: int
    delivery_uncertain: bool
    claimed_by: str


# -- outcomes of one delivery attempt ---------------------------------------------------


@dataclass(frozen=True)
class Delivered:
    channel: str
    ts: str
    lang: str  # the language it was written in
    user_id: str | None = None  # the Slack user it went to, for a person


@dataclass(frozen=True)
class NothingToSend:
    """Nothing is left to send: the message's subject is gone, or an update found nothing
    posted to update (the post, when it goes out, shows the latest state anyway)."""

    reason: str


@dataclass(frozen=True)
class NotYet:
    """Try again after `wait` seconds, not a failed attempt (an update waiting for the post
    it updates to be recorded)."""

    wait: float
    reason: str


@dataclass(frozen=True)
class RateLimited:
    """Slack answered 429: try again after `retry_after` seconds; not a failed attempt."""

    retry_after: float


@dataclass(frozen=True)
class TemporaryFailure:
    error: str
    maybe_delivered: bool = False  # e.g. a timeout after the request left


@dataclass(frozen=True)
class PermanentFailure:
    error: str


@dataclass(frozen=True)
class Undeliverable:
    """Nobody in Slack has the recipient's e-mail (nor the Inspera e-mail)."""

    error: str


DeliveryOutcome = (
    Delivered
    | NothingToSend
    | NotYet
    | RateLimited
    | TemporaryFailure
    | PermanentFailure
    | Undeliverable
)


# -- enqueueing -------------------------------------------------------------------------


def enqueue(session: Session, messages: Iterable[OutgoingMessage], now: datetime) -> int:
    """Store `messages` that are not stored yet (by key); returns how many were new."""
    rows = [_row(message, now) for message in messages]
    if not rows:
        return 0
    # One statement with many parameter sets: compiled once, batched by the driver, and
    # RETURNING counts the rows really inserted on every database.
    statement = (
        insert_for(session, _OUTBOX).on_conflict_do_nothing(index_elements=["key"]).returning(_c.id)
    )
    added = 0
    for start in range(0, len(rows), _INSERT_CHUNK):
        added += len(session.exec(statement, params=rows[start : start + _INSERT_CHUNK]).all())
    return added


def enqueue_updates(session: Session, messages: Iterable[OutgoingMessage], now: datetime) -> None:
    """Store updates of posted messages, one row per key, coalesced: a row already waiting
    stays as it is (it renders the latest state when sent); one sent, given up or in flight
    is queued again. An update in flight may have read the state before this change, so it
    goes once more; its dispatcher finds its claim gone and records nothing."""
    rows = [_row(message, now) for message in messages]
    if not rows:
        return
    insert = insert_for(session, _OUTBOX)
    again = {
        "status": OutboxStatus.pending.value,
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": None,
        "delivery_uncertain": False,
        "claimed_at": None,
        "claimed_by": None,
        "payload": insert.excluded.payload,
    }
    statement = insert.on_conflict_do_update(
        index_elements=["key"], set_=again, where=_c.status != OutboxStatus.pending.value
    )
    for start in range(0, len(rows), _INSERT_CHUNK):
        session.exec(statement, params=rows[start : start + _INSERT_CHUNK])


def _row(message: OutgoingMessage, now: datetime) -> dict[str, Any]:
    if len(message.key) > 255:
        raise ValueError(f"outbox key longer than 255 characters: {message.key[:60]}…")
    return {
        "key": message.key,
        "kind": message.kind,
        "test_id": message.test_id,
        "to_email": message.recipient.email,
        "to_alt_email": message.recipient.alt_email,
        "to_channel": message.recipient.channel,
        "payload": json.dumps(dict(message.params), ensure_ascii=False, sort_keys=True),
        "status": OutboxStatus.pending.value,
        "attempts": 0,
        "next_attempt_at": now,
        "delivery_uncertain": False,
        "created_at": now,
    }


# -- claiming ---------------------------------------------------------------------------


def claim_due(
    session: Session,
    now: datetime,
    worker: str,
    limit: int,
    keys: Sequence[str] | None = None,
) -> list[ClaimedMessage]:
    """Claim up to `limit` rows due at `now` for `worker`, oldest first; with `keys`, only
    rows with those keys.

    One UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) … RETURNING: on PostgreSQL
    concurrent dispatchers skip each other's rows instead of waiting for them; SQLite takes
    its single write lock for the statement, so the claim is just as exclusive there.
    """
    due = (
        select(_c.id)
        .where(_c.status == OutboxStatus.pending.value, _c.next_attempt_at <= now)
        .order_by(_c.next_attempt_at, _c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if keys is not None:
        due = due.where(_c.key.in_(list(keys)))
    statement = (
        update(_OUTBOX)
        .where(_c.id.in_(due.scalar_subquery()))
        .values(status=OutboxStatus.sending.value, claimed_at=now, claimed_by=worker)
        .returning(
            _c.id,
            _c.key,
            _c.kind,
            _c.test_id,
            _c.to_email,
            _c.to_alt_email,
            _c.to_channel,
            _c.payload,
            _c.attempts,
            _c.delivery_uncertain,
        )
    )
    rows = session.exec(statement).all()
    claimed = [
        ClaimedMessage(
            id=row.id,
            key=row.key,
            kind=row.kind,
            test_id=row.test_id,
            recipient=Recipient(row.to_email, row.to_alt_email, row.to_channel),
            params=json.loads(row.payload),
            attempts=row.attempts,
            delivery_uncertain=row.delivery_uncertain,
            claimed_by=worker,
        )
        for row in rows
    ]
    return sorted(claimed, key=lambda message: message.id)


def release_stale_claims(session: Session, now: datetime, lease: timedelta = CLAIM_LEASE) -> int:
    """Put back rows claimed before `now - lease`: their dispatcher died or hung. The
    attempt counts, and the next one first checks whether the message got through."""
    statement = (
        update(_OUTBOX)
        .where(_c.status == OutboxStatus.sending.value, _c.claimed_at < now - lease)
        .values(
            status=OutboxStatus.pending.value,
            next_attempt_at=now,
            attempts=_c.attempts + 1,
            delivery_uncertain=True,
            last_error="claim expired: the dispatcher stopped before recording the outcome",
            claimed_at=None,
            claimed_by=None,
        )
        .returning(_c.key)
    )
    keys = session.exec(statement).scalars().all()
    for key in keys:
        logger.warning("outbox: reclaimed %s from an expired claim", key)
    return len(keys)


def release(session: Session, messages: Sequence[ClaimedMessage], not_before: datetime) -> None:
    """Give back claimed rows that were not attempted, unchanged but for when they are due."""
    for message in messages:
        session.exec(
            _own_claim(message).values(
                status=OutboxStatus.pending.value,
                next_attempt_at=not_before,
                claimed_at=None,
                claimed_by=None,
            )
        )


def next_due(session: Session) -> datetime | None:
    """When the earliest pending message is due, or None when none is waiting."""
    statement = select(func.min(_c.next_attempt_at)).where(_c.status == OutboxStatus.pending.value)
    return session.exec(statement).one()


# -- recording outcomes -----------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … up to 1 h."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def record_outcome(
    session: Session, message: ClaimedMessage, outcome: DeliveryOutcome, now: datetime
) -> bool:
    """Store what happened to a claimed message. False when the claim was lost meanwhile
    (it expired and another dispatcher took the row), so nothing was changed."""
    attempts = message.attempts + 1
    # A sent row keeps its claim as the record of who sent it; others are free again.
    released: dict[str, Any] = {"claimed_at": None, "claimed_by": None}
    values: dict[str, Any] = {} if isinstance(outcome, Delivered | NothingToSend) else released
    match outcome:
        case Delivered(channel=channel, ts=ts):
            values |= {
                "status": OutboxStatus.sent.value,
                "sent_at": now,
                "attempts": attempts,
                "slack_channel": channel,
                "slack_ts": ts,
                "delivery_uncertain": False,
            }
        case NothingToSend(reason=reason):
            values |= {
                "status": OutboxStatus.sent.value,
                "sent_at": now,
                "attempts": attempts,
                "last_error": _clip(reason),
                "delivery_uncertain": False,
            }
        case NotYet(wait=seconds, reason=reason):
            values |= {
                "status": OutboxStatus.pending.value,
                "next_attempt_at": now + timedelta(seconds=seconds),
                "last_error": _clip(reason),
            }
        case RateLimited(retry_after=seconds):
            wait = max(timedelta(seconds=seconds), SHORTEST_RATE_LIMIT_WAIT)
            values |= {
                "status": OutboxStatus.pending.value,
                "next_attempt_at": now + wait,
                "last_error": f"rate limited by Slack (429), retry after {seconds:g} s",
            }
        case TemporaryFailure(error=error, maybe_delivered=maybe_delivered):
            gave_up = attempts >= MAX_ATTEMPTS
            values |= {
                "status": (OutboxStatus.failed if gave_up else OutboxStatus.pending).value,
                "attempts": attempts,
                "next_attempt_at": now + retry_delay(attempts),
                "last_error": _clip(error),
                "delivery_uncertain": message.delivery_uncertain or maybe_delivered,
            }
        case PermanentFailure(error=error):
            values |= {
                "status": OutboxStatus.failed.value,
                "attempts": attempts,
                "last_error": _clip(error),
            }
        case Undeliverable(error=error):
            values |= {
                "status": OutboxStatus.undeliverable.value,
                "attempts": attempts,
                "last_error": _clip(error),
            }
    changed = session.exec(_own_claim(message).values(**values)).rowcount
    if not changed:
        logger.warning(
            "outbox: %s was reclaimed or queued again before its outcome was recorded",
            message.key,
        )
        return False
    _log_outcome(message, outcome, values)
    return True


def _own_claim(message: ClaimedMessage):
    return update(_OUTBOX).where(
        _c.id == message.id,
        _c.status == OutboxStatus.sending.value,
        _c.claimed_by == message.claimed_by,
    )


def _log_outcome(message: ClaimedMessage, outcome: DeliveryOutcome, values: dict[str, Any]) -> None:
    to = message.recipient.describe()
    match outcome:
        case Delivered():
            logger.info("outbox: sent %s to %s", message.key, to)
        case NothingToSend(reason=reason):
            logger.info("outbox: nothing to send for %s: %s", message.key, reason)
        case NotYet(wait=seconds, reason=reason):
            logger.info("outbox: %s waits %g s: %s", message.key, seconds, reason)
        case RateLimited(retry_after=seconds):
            logger.info("outbox: %s rate limited, retry in %g s", message.key, seconds)
        case TemporaryFailure(error=error) if values["status"] == OutboxStatus.failed.value:
            logger.error(
                "outbox: gave up on %s to %s after %s attempts: %s",
                message.key,
                to,
                values["attempts"],
                error,
            )
        case TemporaryFailure(error=error):
            logger.warning(
                "outbox: %s to %s failed (attempt %s), retry at %s: %s",
                message.key,
                to,
                values["attempts"],
                values["next_attempt_at"].isoformat(),
                error,
            )
        case PermanentFailure(error=error):
            logger.error("outbox: %s to %s failed for good: %s", message.key, to, error)
        case Undeliverable(error=error):
            logger.warning("outbox: %s: nobody in Slack has %s (%s)", message.key, to, error)


def _clip(error: str) -> str:
    return error if len(error) <= _ERROR_LENGTH else error[: _ERROR_LENGTH - 1] + "…"


# -- what is in it ----------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxCounts:
    pending: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    undeliverable: int = 0

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, int]]) -> OutboxCounts:
        return cls(**{status: count for status, count in rows})


def statuses(session: Session, keys: Sequence[str]) -> dict[str, OutboxStatus]:
    """The status of each stored row among `keys`."""
    found: dict[str, OutboxStatus] = {}
    for start in range(0, len(keys), _INSERT_CHUNK):
        rows = session.exec(
            select(_c.key, _c.status).where(_c.key.in_(list(keys[start : start + _INSERT_CHUNK])))
        ).all()
        found.update({key: OutboxStatus(status) for key, status in rows})
    return found


def counts(session: Session, test_id: str | None = None) -> OutboxCounts:
    statement = select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)
    if test_id is not None:
        statement = statement.where(OutboxEntry.test_id == test_id)
    return OutboxCounts.from_rows(session.exec(statement).all())


def counts_by_test(session: Session, test_ids: Sequence[str]) -> dict[str, OutboxCounts]:
    found: dict[str, list[tuple[str, int]]] = {test_id: [] for test_id in test_ids}
    for start in range(0, len(test_ids), _INSERT_CHUNK):
        chunk = test_ids[start : start + _INSERT_CHUNK]
        rows = session.exec(
            select(OutboxEntry.test_id, OutboxEntry.status, func.count())
            .where(col(OutboxEntry.test_id).in_(chunk))
            .group_by(OutboxEntry.test_id, OutboxEntry.status)
        ).all()
        for test_id, status, count in rows:
            if test_id is not None:
                found[test_id].append((status, count))
    return {test_id: OutboxCounts.from_rows(rows) for test_id, rows in found.items()}


def problems(session: Session, test_id: str | None = None, limit: int = 20) -> list[OutboxEntry]:
    """Failed and undeliverable messages, and messages waiting to be retried after an error,
    newest first: what an operator should look at."""
    statement = (
        select(OutboxEntry)
        .where(
            col(OutboxEntry.status).in_(
                [OutboxStatus.failed.value, OutboxStatus.undeliverable.value]
            )
            | ((OutboxEntry.status == OutboxStatus.pending.value) & (OutboxEntry.attempts > 0))
        )
        .order_by(col(OutboxEntry.id).desc())
        .limit(limit)
    )
    if test_id is not None:
        statement = statement.where(OutboxEntry.test_id == test_id)
    return list(session.exec(statement).all())
