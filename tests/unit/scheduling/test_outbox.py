"""The outbox in the store (SQLite and PostgreSQL): idempotent enqueueing, claims, outcomes,
expired claims."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.scheduling import outbox
from bot.scheduling.outbox import (
    MAX_ATTEMPTS,
    Delivered,
    OutgoingMessage,
    PermanentFailure,
    RateLimited,
    Recipient,
    TemporaryFailure,
    Undeliverable,
)
from models.db import session_scope
from models.tables import OutboxEntry, OutboxStatus
from tests.support.factories import T0
from tests.support.stores import migrated_engine

NOW = T0


def _messages(count: int, prefix: str = "m") -> list[OutgoingMessage]:
    return [
        OutgoingMessage(
            key=f"{prefix}:{i}",
            kind="opened",
            test_id="T-1",
            recipient=Recipient(email=f"g{i}@ntnu.no"),
            params={"n": i, "name": "Åse"},
        )
        for i in range(count)
    ]


def _enqueue(engine, messages, now=NOW) -> int:
    with session_scope(engine) as session:
        return outbox.enqueue(session, messages, now)


def _claim(engine, now=NOW, worker="w1", limit=10):
    with session_scope(engine) as session:
        return outbox.claim_due(session, now, worker, limit)


def _record(engine, message, outcome, now=NOW) -> bool:
    with session_scope(engine) as session:
        return outbox.record_outcome(session, message, outcome, now)


def _row(engine, key) -> OutboxEntry:
    with session_scope(engine) as session:
        return session.exec(OutboxEntry.__table__.select().where(OutboxEntry.key == key)).one()


def test_enqueueing_the_same_messages_again_stores_nothing_more(engine):
    assert _enqueue(engine, _messages(3)) == 3
    assert _enqueue(engine, _messages(3)) == 0
    assert _enqueue(engine, _messages(4)) == 1
    with session_scope(engine) as session:
        assert outbox.counts(session) == outbox.OutboxCounts(pending=4)


def test_a_key_too_long_for_the_column_is_refused():
    with pytest.raises(ValueError, match="longer than 255"):
        outbox._row(_messages(1, "x" * 300)[0], NOW)


def test_a_recipient_is_a_person_or_a_channel():
    with pytest.raises(ValueError):
        Recipient()
    with pytest.raises(ValueError):
        Recipient(email="a@ntnu.no", channel="C1")


def test_claims_take_due_rows_oldest_first_once(engine):
    _enqueue(engine, _messages(3))
    _enqueue(engine, _messages(1, "later"), now=NOW + timedelta(minutes=5))
    claimed = _claim(engine, limit=2)
    assert [m.key for m in claimed] == ["m:0", "m:1"]
    assert claimed[0].params == {"n": 0, "name": "Åse"}
    assert claimed[0].recipient == Recipient(email="g0@ntnu.no")
    assert [m.key for m in _claim(engine, worker="w2")] == ["m:2"]
    assert _claim(engine, worker="w3") == []  # "later" is not due yet
    assert [m.key for m in _claim(engine, now=NOW + timedelta(minutes=5))] == ["later:0"]
    assert _row(engine, "m:0").claimed_by == "w1"
    assert _row(engine, "m:0").status == OutboxStatus.sending.value


def test_outcomes(engine):
    _enqueue(engine, _messages(5))
    sent, limited, retry, broken, nobody = _claim(engine)

    assert _record(engine, sent, Delivered("DU1", "1.000001", "nb"))
    row = _row(engine, sent.key)
    assert (row.status, row.attempts, row.slack_channel, row.slack_ts) == (
        "sent",
        1,
        "DU1",
        "1.000001",
    )
    assert row.sent_at == NOW and row.claimed_by == "w1"

    assert _record(engine, limited, RateLimited(7))
    row = _row(engine, limited.key)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "pending",
        0,
        NOW + timedelta(seconds=7),
    )
    assert "429" in row.last_error

    assert _record(engine, retry, TemporaryFailure("HTTP 500: internal_error", True))
    row = _row(engine, retry.key)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "pending",
        1,
        NOW + timedelta(seconds=30),
    )
    assert row.delivery_uncertain and row.claimed_by is None

    assert _record(engine, broken, PermanentFailure("channel_not_found"))
    assert (_row(engine, broken.key).status, _row(engine, broken.key).last_error) == (
        "failed",
        "channel_not_found",
    )
    assert _record(engine, nobody, Undeliverable("users_not_found"))
    assert _row(engine, nobody.key).status == "undeliverable"

    with session_scope(engine) as session:
        assert outbox.counts(session) == outbox.OutboxCounts(
            pending=2, sent=1, failed=1, undeliverable=1
        )
        assert {e.key for e in outbox.problems(session)} == {retry.key, broken.key, nobody.key}


def test_a_zero_retry_after_still_waits_a_second(engine):
    _enqueue(engine, _messages(1))
    (message,) = _claim(engine)
    _record(engine, message, RateLimited(0))
    assert _row(engine, message.key).next_attempt_at == NOW + timedelta(seconds=1)


def test_failures_back_off_and_give_up_after_the_last_attempt(engine):
    _enqueue(engine, _messages(1))
    now = NOW
    waits = []
    for _ in range(MAX_ATTEMPTS):
        (message,) = _claim(engine, now=now)
        _record(engine, message, TemporaryFailure("HTTP 503: service_unavailable"), now=now)
        row = _row(engine, message.key)
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert row.status == OutboxStatus.failed.value and row.attempts == MAX_ATTEMPTS
    assert waits[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert max(waits) <= timedelta(hours=1)
    assert _claim(engine, now=now + timedelta(days=1)) == []


def test_an_expired_claim_is_put_back_marked_uncertain(engine):
    _enqueue(engine, _messages(2))
    dead = _claim(engine, worker="dead")
    with session_scope(engine) as session:
        assert outbox.release_stale_claims(session, NOW + timedelta(minutes=4)) == 0
    with session_scope(engine) as session:
        assert outbox.release_stale_claims(session, NOW + timedelta(minutes=6)) == 2
    row = _row(engine, "m:0")
    assert (row.status, row.attempts, row.delivery_uncertain, row.claimed_by) == (
        "pending",
        1,
        True,
        None,
    )
    taken = _claim(engine, now=NOW + timedelta(minutes=6), worker="alive")
    assert [m.delivery_uncertain for m in taken] == [True, True]
    # The first dispatcher wakes up: its outcome no longer counts.
    assert not _record(engine, dead[0], Delivered("DU1", "1.1", "nb"))
    assert _row(engine, "m:0").status == OutboxStatus.sending.value
    assert _record(engine, taken[0], Delivered("DU1", "1.1", "nb"))


def test_release_gives_back_claimed_rows_untouched(engine):
    _enqueue(engine, _messages(2))
    claimed = _claim(engine)
    with session_scope(engine) as session:
        outbox.release(session, claimed, not_before=NOW + timedelta(minutes=1))
    row = _row(engine, "m:1")
    assert (row.status, row.attempts, row.claimed_by, row.next_attempt_at) == (
        "pending",
        0,
        None,
        NOW + timedelta(minutes=1),
    )


def test_concurrent_claims_on_postgresql_skip_each_others_rows(store_url):
    """Two dispatchers with their own connections: the second does not wait for the first's
    uncommitted claim and takes the other rows."""
    if not store_url.startswith("postgresql"):
        pytest.skip("FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite has one writer at a time")
    first_engine, second_engine = migrated_engine(store_url), migrated_engine(store_url)
    try:
        _enqueue(first_engine, _messages(10))
        with Session(first_engine) as holding:
            first = outbox.claim_due(holding, NOW, "first", 4)  # not committed yet
            seen: list = []
            thread = threading.Thread(target=lambda: seen.extend(_claim(second_engine, limit=10)))
            thread.start()
            thread.join(timeout=10)
            assert not thread.is_alive(), "the second claim waited for the first"
            holding.commit()
        assert {m.key for m in first}.isdisjoint({m.key for m in seen})
        assert len(first) + len(seen) == 10
    finally:
        first_engine.dispose()
        second_engine.dispose()
