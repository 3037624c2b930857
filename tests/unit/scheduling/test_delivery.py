"""Delivering outbox messages to the fake Slack: how each Slack answer is classified, 429s
under load, and a dispatcher dying between Slack's answer and recording it."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from bot.app import create_web_client
from bot.scheduling.delivery import SlackDelivery
from bot.scheduling.dispatcher import dispatch
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    OutgoingMessage,
    PermanentFailure,
    RateLimited,
    Recipient,
    TemporaryFailure,
    Undeliverable,
    claim_due,
    enqueue,
)
from bot.scheduling.pacing import Pacer
from bot.slack.identity import IdentityResolver
from models.db import session_scope
from models.tables import OutboxStatus
from tests.support.clock import FakeTime
from tests.support.factories import T0
from tests.support.harness import make_settings
from tests.support.scheduling import delivered_keys, outbox_rows, posts_to

NOW = T0
PARAMS = {
    "test": {"test_id": "T-1", "course_code": "T", "title": None},
    "days": 2,
    "grading_deadline": (T0 + timedelta(days=21)).isoformat(),
    "committees": ["1"],
}


@pytest.fixture
def settings(fake_slack, tmp_path):
    return make_settings(fake_slack.api_url, f"sqlite:///{tmp_path / 'unused.db'}")


@pytest.fixture
def send(fake_slack, settings):
    client = create_web_client(settings, retries=False)
    # Ola has chosen English (`/sensur language en`); everyone else is written to in Norwegian.
    chosen = {"UOLA": "en"}.get
    return SlackDelivery(client, IdentityResolver("nb", chosen_language=chosen), settings)


def _claimed(key="reminder:T-1:x", recipient=None, uncertain=False) -> ClaimedMessage:
    return ClaimedMessage(
        id=1,
        key=key,
        kind="reminder",
        test_id="T-1",
        recipient=recipient or Recipient(email="ola@ntnu.no"),
        params=PARAMS,
        attempts=0,
        delivery_uncertain=uncertain,
        claimed_by="w",
    )


@pytest.fixture
def ola(fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="en-US")


def test_delivered_in_the_readers_language_with_the_key_in_metadata(send, fake_slack, ola):
    outcome = send(_claimed())
    assert outcome == Delivered("DUOLA", posts_to(fake_slack, "UOLA")[0]["ts"], "en", "UOLA")
    (post,) = posts_to(fake_slack, "UOLA")
    assert post["text"].startswith("Reminder: grading deadline for T-1")
    assert post["metadata"]["event_payload"]["key"] == "reminder:T-1:x"


def test_found_by_the_inspera_email_when_the_email_is_unknown(send, fake_slack):
    fake_slack.add_user("UPER", email="per.private@gmail.com", locale="nb-NO")
    recipient = Recipient(email="per@ntnu.no", alt_email="per.private@gmail.com")
    assert isinstance(send(_claimed(recipient=recipient)), Delivered)
    assert posts_to(fake_slack, "UPER")[0]["text"].startswith("Påminnelse")


def test_nobody_with_either_email_is_undeliverable(send, fake_slack):
    recipient = Recipient(email="ghost@ntnu.no", alt_email="ghost@gmail.com")
    outcome = send(_claimed(recipient=recipient))
    assert isinstance(outcome, Undeliverable)
    assert "ghost@ntnu.no or ghost@gmail.com" in outcome.error


def test_a_channel_gets_the_default_language(send, fake_slack):
    assert isinstance(send(_claimed(recipient=Recipient(channel="CIDI"))), Delivered)
    assert posts_to(fake_slack, "CIDI")[0]["text"].startswith("Påminnelse")


@pytest.mark.parametrize("method", ["chat.postMessage", "users.lookupByEmail"])
def test_429_is_handed_back_with_retry_after_without_sleeping(send, fake_slack, ola, method):
    fake_slack.fail_next(method, status=429, retry_after=30)
    assert send(_claimed()) == RateLimited(30.0)
    assert len(fake_slack.calls(method)) == 1  # not retried inside the client


def test_server_errors_are_temporary_and_a_post_may_have_arrived(send, fake_slack, ola):
    fake_slack.fail_next("chat.postMessage", status=503)
    assert send(_claimed()) == TemporaryFailure("HTTP 503: internal_error", maybe_delivered=True)
    fake_slack.fail_next("users.lookupByEmail", status=500)
    kari = Recipient(email="kari@ntnu.no")  # not looked up yet, so not cached
    outcome = send(_claimed(recipient=kari))
    assert outcome == TemporaryFailure("HTTP 500: internal_error", maybe_delivered=False)


def test_errors_that_retrying_cannot_fix_are_permanent(send, fake_slack, ola):
    fake_slack.fail_next("chat.postMessage", error="channel_not_found")
    assert send(_claimed()) == PermanentFailure("channel_not_found")
    fake_slack.fail_next("chat.postMessage", error="fatal_error")
    assert send(_claimed()) == TemporaryFailure("fatal_error")


def test_a_token_problem_is_retried_not_given_up(send, fake_slack, ola):
    """It concerns every message and is fixed by the operator, not by the message."""
    fake_slack.fail_next("chat.postMessage", error="invalid_auth")
    assert send(_claimed()) == TemporaryFailure("invalid_auth")


def test_an_uncertain_delivery_already_in_the_dm_is_not_posted_again(send, fake_slack, ola):
    first = send(_claimed())
    again = send(_claimed(uncertain=True))
    assert again == first
    assert len(posts_to(fake_slack, "UOLA")) == 1
    # Another message in the same DM is not mistaken for it.
    assert isinstance(send(_claimed(key="reminder:T-1:y", uncertain=True)), Delivered)
    assert len(posts_to(fake_slack, "UOLA")) == 2


def test_connection_failure_is_temporary(settings, fake_slack):
    dead = make_settings("http://127.0.0.1:9/api/", settings.database_url)
    send = SlackDelivery(create_web_client(dead, retries=False), IdentityResolver("nb"), dead)
    outcome = send(_claimed())
    assert isinstance(outcome, TemporaryFailure) and outcome.error.startswith("lookup:")


# -- through the store ------------------------------------------------------------------


def _enqueue_reminders(engine, count: int, fake_slack) -> None:
    for i in range(count):
        fake_slack.add_user(f"U{i}", email=f"g{i}@ntnu.no", locale="nb-NO")
    messages = [
        OutgoingMessage(f"reminder:T-1:{i}", "reminder", "T-1", Recipient(f"g{i}@ntnu.no"), PARAMS)
        for i in range(count)
    ]
    with session_scope(engine) as session:
        enqueue(session, messages, NOW)


def test_with_a_share_of_posts_answered_429_every_message_is_delivered_exactly_once(
    engine, fake_slack, send
):
    _enqueue_reminders(engine, 40, fake_slack)
    fake_slack.fail_ratio("chat.postMessage", 0.3, seed=7)
    fake_slack.fail_ratio("users.lookupByEmail", 0.1, seed=8)
    fake_time = FakeTime()
    pacer = Pacer(clock=fake_time.monotonic, sleep=fake_time.sleep)
    now, passes = NOW, 0
    while any(row.status != OutboxStatus.sent.value for row in outbox_rows(engine)):
        passes += 1
        assert passes < 300, "messages left undelivered"
        dispatch(engine, send, now, "w1", pacer=pacer)
        now += timedelta(seconds=2)
    rejected = [c for c in fake_slack.calls("chat.postMessage") if c.status == 429]
    assert rejected, "the fake never answered 429: the test would prove nothing"
    assert Counter(delivered_keys(fake_slack)) == {f"reminder:T-1:{i}": 1 for i in range(40)}


def test_a_long_retry_after_reschedules_the_message_and_holds_the_rest_until_then(
    engine, fake_slack, send
):
    _enqueue_reminders(engine, 5, fake_slack)
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=20, count=1)
    fake_time = FakeTime()
    pacer = Pacer(clock=fake_time.monotonic, sleep=fake_time.sleep)
    report = dispatch(engine, send, NOW, "w1", pacer=pacer)
    assert (report.sent, report.rate_limited, report.waited_out) == (0, 1, 0)
    assert fake_time.slept == []  # 20 s is too long to wait inside a pass
    rows = outbox_rows(engine)
    assert rows[0].next_attempt_at == NOW + timedelta(seconds=20)
    assert [(r.status, r.attempts) for r in rows[1:]] == [("pending", 0)] * 4
    assert all(r.next_attempt_at == NOW + timedelta(seconds=20) for r in rows[1:])
    assert dispatch(engine, send, NOW + timedelta(seconds=19), "w1", pacer=pacer).sent == 0
    fake_time.advance(20)
    assert dispatch(engine, send, NOW + timedelta(seconds=20), "w1", pacer=pacer).sent == 5


def test_a_dispatcher_dying_after_slack_accepted_does_not_cause_a_second_post(
    engine, fake_slack, send
):
    _enqueue_reminders(engine, 2, fake_slack)
    with session_scope(engine) as session:
        died_after_post, died_before_post = claim_due(session, NOW, "dead", 10)
    send(died_after_post)  # Slack has it; the outcome was never recorded

    report = dispatch(engine, send, NOW + timedelta(minutes=6), "alive")

    assert report.reclaimed == 2 and report.sent == 2
    assert Counter(delivered_keys(fake_slack)) == {"reminder:T-1:0": 1, "reminder:T-1:1": 1}
    assert {row.status for row in outbox_rows(engine)} == {OutboxStatus.sent.value}


def test_a_sender_that_raises_is_recorded_and_retried(engine, fake_slack, send, caplog):
    _enqueue_reminders(engine, 1, fake_slack)

    def broken(message):
        raise KeyError("days")

    report = dispatch(engine, broken, NOW, "w1")
    assert report.retrying == 1
    (row,) = outbox_rows(engine)
    assert row.status == "pending" and row.last_error == "KeyError: 'days'"
    assert "sending reminder:T-1:0 raised" in caplog.text
    assert dispatch(engine, send, NOW + timedelta(seconds=31), "w1").sent == 1


def test_a_long_batch_hands_back_what_it_has_not_sent(engine, fake_slack, send):
    _enqueue_reminders(engine, 3, fake_slack)
    report = dispatch(engine, send, NOW, "w1", lease=timedelta(0))
    # One message per claim, the rest handed back and claimed again: all sent, none twice.
    assert report.sent == 3
    assert Counter(delivered_keys(fake_slack)) == {f"reminder:T-1:{i}": 1 for i in range(3)}
