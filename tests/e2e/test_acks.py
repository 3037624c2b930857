"""Acknowledge first, always (SPEC §5): the ack never waits for slow work; an event Slack
delivers again is worked once; a full pool answers "busy, try again": in the ack of a
command, on the response_url of a button, in a modal's errors, and an event is refused so
that Slack delivers it again, and then it is worked."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from models.db import make_engine
from models.types import utcnow
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
)
from tests.support.harness import RunningBot, SlackDriver, make_settings
from tests.support.processes import RunningProcess, sensorbot_environment
from tests.support.slow_slack import SlowSlack

CLIENTS = 100
BUSY_EN = "Sensorbot is very busy right now"
BUSY_NB = "Sensorbot har mye å gjøre akkurat nå"


@pytest.fixture
def fake_slack():
    from tests.support.harness import BOT_TOKEN

    fake = SlowSlack(bot_token=BOT_TOKEN)
    yield fake
    fake.close()


def home_opened(user: str) -> dict:
    return {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}


@contextlib.contextmanager
def another_bot(fake_slack, store_url: str, **overrides: object):
    """The real app on the store of `running_bot`: another replica, or other settings."""
    engine = make_engine(store_url)
    bot = RunningBot(make_settings(fake_slack.api_url, store_url, **overrides), engine)
    try:
        yield bot
    finally:
        bot.close()
        engine.dispose()


@pytest.fixture
def busy_bot(fake_slack, store_url):
    """With one worker and no queue: the pool is full as soon as one job runs."""
    with another_bot(
        fake_slack, store_url, SENSORBOT_WORK_THREADS=1, SENSORBOT_WORK_QUEUE=0
    ) as bot:
        yield bot


def test_100_concurrent_why_are_acknowledged_within_a_second_with_slack_at_200_ms(
    fake_slack, store_url, tmp_path
):
    engine = make_engine(store_url)
    add_test(engine, "TDT4100-2026H", submission_deadline=utcnow() + timedelta(days=3))
    add_candidates(engine, "TDT4100-2026H", "K1", ["101", "102"])
    for index in range(CLIENTS):
        fake_slack.add_user(f"U{index}", email=f"sensor{index}@ntnu.no", locale="en-GB")
        if index % 2:
            add_grader(engine, f"sensor{index}@ntnu.no")
            add_membership(engine, "TDT4100-2026H", f"sensor{index}@ntnu.no", "K1")
    engine.dispose()
    environment = sensorbot_environment(
        fake_slack, store_url, SENSORBOT_SCHEDULER="off", HOST="127.0.0.1"
    )
    bot = RunningProcess(environment, tmp_path)
    try:
        bot.wait_until_serving()
        fake_slack.answer_seconds = 0.2
        slack = SlackDriver(bot.base_url)
        start = threading.Barrier(CLIENTS)
        began = time.monotonic()

        def ask(index: int) -> tuple[int, float]:
            start.wait()
            sent = time.monotonic()
            url = fake_slack.response_url(f"why-{index}")
            answer = slack.command(f"U{index}", "why", response_url=url)
            return answer.status, time.monotonic() - sent

        with ThreadPoolExecutor(CLIENTS) as pool:
            acks = list(pool.map(ask, range(CLIENTS)))
        assert [status for status, _ in acks] == [200] * CLIENTS
        slowest = max(seconds for _, seconds in acks)
        assert slowest < 1.0, f"slowest ack {slowest:.3f} s"

        def replies() -> list:
            calls = fake_slack.calls("response_url")
            return calls if len({c.params["_key"] for c in calls}) >= CLIENTS else []

        answered = fake_slack.wait_for(replies, timeout=60, description="every reply")
        texts = [call.params.get("text", "") for call in answered]
        assert not [text for text in texts if BUSY_EN in text]
        # Each reply waited for Slack's slow users.info first.
        assert min(call.time for call in answered) - began >= 0.2
    finally:
        bot.stop()


def test_an_event_delivered_three_times_is_worked_once_across_two_replicas(
    running_bot, fake_slack, store_url
):
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="nb-NO")
    # A second replica on the same store; Slack's retries may reach either.
    with another_bot(fake_slack, store_url) as replica:
        fake_slack.answer_seconds = 0.3  # the first is still being worked when retries come
        event = home_opened("UKARI")
        assert running_bot.slack.event(event, event_id="EvHOME1").status == 200
        assert replica.slack.event(event, event_id="EvHOME1", retry_num=1).status == 200
        assert running_bot.slack.event(event, event_id="EvHOME1", retry_num=2).status == 200
        fake_slack.wait_for("views.publish")
        assert running_bot.app.slow_work.wait_idle()
        assert replica.app.slow_work.wait_idle()
        assert len(fake_slack.calls("views.publish")) == 1
        # Another event is worked as usual.
        assert replica.slack.event(event, event_id="EvHOME2").status == 200
        fake_slack.wait_for(lambda: len(fake_slack.calls("views.publish")) == 2)


@pytest.fixture
def full_pool(busy_bot, fake_slack):
    """The bot's only worker waiting for Slack's answer to a `/sensur help` by UOLA; Kari
    (Norwegian) and Ola (who chose English) are known to the bot from an earlier command each."""
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="en-GB")
    choose_language(busy_bot.runtime.engine, "UOLA", "en")
    for user in ("UKARI", "UOLA"):
        key = f"warm-{user}"
        busy_bot.slack.command(user, "help", response_url=fake_slack.response_url(key))
        fake_slack.wait_for_call("response_url", match=lambda p, key=key: p["_key"] == key)
        assert busy_bot.app.slow_work.wait_idle()
    fake_slack.hold()
    busy_bot.slack.command("UOLA", "help", response_url=fake_slack.response_url("held"))
    fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == "held")
    assert busy_bot.app.slow_work.taken == 1
    yield
    fake_slack.release()
    assert busy_bot.app.slow_work.wait_idle()


def test_a_command_finding_the_pool_full_is_told_to_try_again_in_its_ack(
    busy_bot, fake_slack, full_pool
):
    answer = busy_bot.slack.command("UKARI", "why", response_url=fake_slack.response_url("busy"))
    assert answer.status == 200
    assert BUSY_NB in answer.json()["text"]
    assert answer.json()["response_type"] == "ephemeral"
    fake_slack.release()
    assert busy_bot.app.slow_work.wait_idle()
    assert "busy" not in {call.params["_key"] for call in fake_slack.calls("response_url")}


def test_a_button_finding_the_pool_full_is_answered_busy_on_its_response_url(
    busy_bot, fake_slack, full_pool
):
    answer = busy_bot.slack.click(
        "UOLA", "escalation_send", "exam_office", response_url=fake_slack.response_url("click")
    )
    assert answer.status == 200
    told = fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == "click")
    assert BUSY_EN in told.params["text"]
    assert told.params["response_type"] == "ephemeral"
    fake_slack.release()
    assert busy_bot.app.slow_work.wait_idle()
    assert not fake_slack.calls("chat.postMessage")  # no escalation was sent


def test_a_modal_submitted_to_a_full_pool_stays_open_saying_busy(busy_bot, fake_slack, full_pool):
    payload = {
        "type": "view_submission",
        "user": {"id": "UOLA"},
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": "gradesheet_reset",
            "private_metadata": "1",
            "blocks": [{"type": "input", "block_id": "candidate"}],
            "state": {"values": {"candidate": {"candidate": {"value": "101"}}}},
        },
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    answer = busy_bot.slack.post(body, "application/x-www-form-urlencoded")
    assert answer.status == 200
    assert answer.json()["response_action"] == "errors"
    assert BUSY_EN in answer.json()["errors"]["candidate"]


def test_an_event_finding_the_pool_full_is_refused_and_worked_when_slack_retries(
    busy_bot, fake_slack, full_pool
):
    refused = busy_bot.slack.event(home_opened("UKARI"), event_id="EvBUSY")
    assert refused.status == 503
    fake_slack.release()
    assert busy_bot.app.slow_work.wait_idle()
    assert not fake_slack.calls("views.publish")
    retried = busy_bot.slack.event(home_opened("UKARI"), event_id="EvBUSY", retry_num=1)
    assert retried.status == 200
    fake_slack.wait_for("views.publish")
