"""Pacing posts: the workspace bucket, one post a second per conversation, and short
`Retry-After`s waited out inside the dispatch; all on a clock that moves only when slept on."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.scheduling.dispatcher import dispatch
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    DeliveryOutcome,
    OutgoingMessage,
    RateLimited,
    Recipient,
    enqueue,
)
from bot.scheduling.pacing import Limits, Pacer
from models.db import session_scope
from models.tables import OutboxStatus
from models.types import utcnow
from tests.support.clock import FakeTime
from tests.support.factories import T0
from tests.support.scheduling import outbox_rows

NOW = T0


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def _pacer(fake_time: FakeTime, **limits: Any) -> Pacer:
    return Pacer(Limits(**limits), clock=fake_time.monotonic, sleep=fake_time.sleep)


# -- the pacer on its own -----------------------------------------------------------------


def test_the_workspace_bucket_lets_a_burst_go_at_once_then_the_steady_rate(fake_time):
    pacer = _pacer(fake_time, workspace_burst=3, workspace_rate=2.0)
    waits = [pacer.book(f"U{i}") for i in range(6)]
    assert waits == [0, 0, 0, 0.5, 1.0, 1.5]


def test_the_bucket_fills_again_while_nothing_is_posted(fake_time):
    pacer = _pacer(fake_time, workspace_burst=3, workspace_rate=2.0)
    for i in range(3):
        pacer.book(f"U{i}")
    assert pacer.wait_for("U9") == 0.5
    fake_time.advance(1.0)  # two posts' worth
    assert [pacer.book(f"V{i}") for i in range(3)] == [0, 0, 0.5]
    fake_time.advance(60)  # never more than the burst
    assert [pacer.book(f"W{i}") for i in range(4)] == [0, 0, 0, 0.5]


def test_posts_to_one_conversation_are_a_second_apart_and_others_do_not_wait(fake_time):
    pacer = _pacer(fake_time, conversation_spacing=1.0)
    assert pacer.book("UOLA") == 0
    assert pacer.wait_for("UOLA") == 1.0
    assert pacer.book("UKARI") == 0
    assert pacer.book("UOLA") == 1.0
    assert pacer.book("UOLA") == 2.0  # booked behind the one already waiting
    fake_time.advance(2.5)
    assert pacer.wait_for("UOLA") == 0.5


def test_a_429_pauses_every_post_then_starts_from_an_empty_bucket(fake_time):
    pacer = _pacer(fake_time, workspace_burst=50, workspace_rate=2.0)
    pacer.book("UOLA")
    pacer.rate_limited(3.0)
    assert pacer.wait_for("UKARI") == 3.0
    assert [pacer.book(f"U{i}") for i in range(3)] == [3.0, 3.5, 4.0]
    assert pacer.slots_within(1.0) == 0


def test_slots_within_counts_what_the_bucket_lets_go(fake_time):
    pacer = _pacer(fake_time, workspace_burst=10, workspace_rate=2.0)
    assert pacer.slots_within(5.0) == 20  # the 10 at once, then one at 0.5 s … 5 s
    for i in range(10):
        pacer.book(f"U{i}")
    assert pacer.slots_within(5.0) == 10
    assert pacer.slots_within(0.0) == 0


def test_limits_refuse_a_bucket_that_never_lets_anything_through():
    with pytest.raises(ValueError, match="burst"):
        Limits(workspace_rate=0)
    with pytest.raises(ValueError, match="burst"):
        Limits(workspace_burst=0)


# -- the dispatcher, paced ----------------------------------------------------------------


class ScriptedSlack:
    """`send` answering from a script of 429s per key, recording every attempt and when."""

    def __init__(self, fake_time: FakeTime, rate_limited: dict[str, list[float]] | None = None):
        self.fake_time = fake_time
        self.rate_limited = {key: list(waits) for key, waits in (rate_limited or {}).items()}
        self.attempts: list[tuple[float, str]] = []
        self.delivered: Counter[str] = Counter()

    def __call__(self, message: ClaimedMessage) -> DeliveryOutcome:
        self.attempts.append((self.fake_time.now, message.key))
        script = self.rate_limited.get(message.key)
        if script:
            return RateLimited(script.pop(0))
        self.delivered[message.key] += 1
        return Delivered("D" + message.key, f"{self.fake_time.now:.3f}", "nb")


def _enqueue(engine, recipients: list[str], at: datetime = NOW) -> list[str]:
    messages = [
        OutgoingMessage(f"m{i}:{to}", "reminder", "T-1", Recipient(email=to), {})
        for i, to in enumerate(recipients)
    ]
    with session_scope(engine) as session:
        enqueue(session, messages, at)
    return [message.key for message in messages]


def test_a_short_retry_after_is_waited_out_inside_the_dispatch(engine, fake_time):
    keys = _enqueue(engine, ["ola@ntnu.no", "kari@ntnu.no", "nils@ntnu.no"])
    slack = ScriptedSlack(fake_time, {keys[0]: [1.0, 1.0, 1.0]})

    report = dispatch(engine, slack, NOW, "w1", pacer=_pacer(fake_time))

    assert (report.sent, report.waited_out, report.rate_limited) == (3, 3, 0)
    assert slack.delivered == {key: 1 for key in keys}
    # Three pauses of 1 s; then Slack's bucket, like ours, is empty: half a second each.
    assert fake_time.slept == [1.0, 1.0, 1.0, 0.5, 0.5]
    assert all(row.status == OutboxStatus.sent.value for row in outbox_rows(engine))


def test_a_retry_after_longer_than_a_pass_waits_reschedules_instead(engine, fake_time):
    keys = _enqueue(engine, ["ola@ntnu.no", "kari@ntnu.no"])
    slack = ScriptedSlack(fake_time, {keys[0]: [6.0]})

    report = dispatch(engine, slack, NOW, "w1", pacer=_pacer(fake_time, longest_wait_in_pass=5))

    assert (report.sent, report.waited_out, report.rate_limited) == (0, 0, 1)
    assert fake_time.slept == []
    assert [(row.status, row.next_attempt_at) for row in outbox_rows(engine)] == [
        ("pending", NOW + timedelta(seconds=6)),
        ("pending", NOW + timedelta(seconds=6)),
    ]


def test_each_conversation_gets_a_post_a_second_and_keeps_its_order(engine, fake_time):
    keys = _enqueue(engine, ["ola@ntnu.no", "ola@ntnu.no", "ola@ntnu.no", "kari@ntnu.no"])

    slack = ScriptedSlack(fake_time)
    dispatch(engine, slack, NOW, "w1", pacer=_pacer(fake_time))

    start = slack.attempts[0][0]
    # Kari's message does not wait behind Ola's second and third.
    assert [(at - start, key) for at, key in slack.attempts] == [
        (0.0, keys[0]),
        (0.0, keys[3]),
        (1.0, keys[1]),
        (2.0, keys[2]),
    ]


def test_a_rate_limited_message_keeps_its_place_in_its_conversation(engine, fake_time):
    keys = _enqueue(engine, ["ola@ntnu.no", "ola@ntnu.no"])
    slack = ScriptedSlack(fake_time, {keys[0]: [0.0, 2.0]})

    dispatch(engine, slack, NOW, "w1", pacer=_pacer(fake_time))

    assert [key for _, key in slack.attempts] == [keys[0], keys[0], keys[0], keys[1]]
    assert slack.delivered == {keys[0]: 1, keys[1]: 1}


def test_a_dispatch_stops_when_its_time_is_up_and_leaves_the_rest_due(engine, fake_time):
    keys = _enqueue(engine, [f"g{i}@ntnu.no" for i in range(30)])
    slack = ScriptedSlack(fake_time)
    pacer = _pacer(fake_time, workspace_burst=5, workspace_rate=2.0, dispatch_budget=5.0)

    first = dispatch(engine, slack, NOW, "w1", pacer=pacer)

    # 5 at once, then one every half second up to the 5 s budget.
    assert first.sent == 15
    assert sum(fake_time.slept) <= 5.0
    rows = outbox_rows(engine)
    left = [row for row in rows if row.status == OutboxStatus.pending.value]
    assert len(left) == 15
    # Unclaimed ones are due as they were; the claimed rest when the next of them could go,
    # half a second after the last one sent.
    assert {row.next_attempt_at for row in left} == {NOW, NOW + timedelta(seconds=5.5)}
    assert not [row for row in rows if row.status == OutboxStatus.sending.value]

    later = NOW + timedelta(seconds=5)
    while any(row.status != OutboxStatus.sent.value for row in outbox_rows(engine)):
        later += timedelta(seconds=5)
        dispatch(engine, slack, later, "w1", pacer=pacer)
    assert slack.delivered == {key: 1 for key in keys}


def test_retry_after_inside_the_pass_never_sends_twice_nor_loses_one(engine, fake_time):
    keys = _enqueue(engine, [f"g{i % 7}@ntnu.no" for i in range(40)])
    script = {key: [1.0] * (i % 3) for i, key in enumerate(keys)}
    slack = ScriptedSlack(fake_time, script)
    pacer = _pacer(fake_time, workspace_burst=10, workspace_rate=2.0, dispatch_budget=10.0)

    now = NOW
    while any(row.status != OutboxStatus.sent.value for row in outbox_rows(engine)):
        dispatch(engine, slack, now, "w1", pacer=pacer)
        now += timedelta(seconds=10)
        fake_time.advance(10)
        assert now < NOW + timedelta(minutes=10), "messages left undelivered"

    assert slack.delivered == {key: 1 for key in keys}
    assert sum(len(waits) for waits in slack.rate_limited.values()) == 0


# -- the scheduler's next dispatch ---------------------------------------------------------


def test_each_dispatch_that_runs_out_of_time_is_followed_by_the_next_at_once(
    sqlite_engine, fake_slack, tmp_path
):
    """Many short dispatches in a row, each scheduling the next from inside itself: none
    of them may be skipped, or the rest would wait for the tick an hour away."""
    from bot.runtime import Runtime
    from bot.scheduling.scheduler import Scheduler
    from tests.support.harness import make_settings

    settings = make_settings(
        fake_slack.api_url, f"sqlite:///{tmp_path / 'unused.db'}", SENSORBOT_TICK_SECONDS=3600
    )
    # The scheduler keeps real time: the messages are due now.
    keys = _enqueue(sqlite_engine, [f"g{i}@ntnu.no" for i in range(60)], utcnow())
    scheduler = Scheduler(Runtime(settings, sqlite_engine))
    delivered: Counter[str] = Counter()

    def send(message: ClaimedMessage) -> DeliveryOutcome:
        delivered[message.key] += 1
        return Delivered("D1", "1.1", "nb")

    scheduler.send = send
    schedule_next = scheduler._schedule_due_dispatch

    def schedule_then_linger() -> None:
        # As on a busy machine: the next dispatch, due at once, starts before this returns.
        schedule_next()
        time.sleep(0.05)

    scheduler._schedule_due_dispatch = schedule_then_linger  # type: ignore[method-assign]
    # Each dispatch may send about two messages before its time is up.
    scheduler.pacer = Pacer(Limits(workspace_burst=1, workspace_rate=20, dispatch_budget=0.06))
    scheduler.start()
    try:
        fake_slack.wait_for(lambda: sum(delivered.values()) >= len(keys), timeout=30)
    finally:
        scheduler.shutdown()
    assert delivered == {key: 1 for key in keys}
