"""`sensorbot run` answers Slack in one process and does the slow work in another (the
work process): driven as Slack drives it, through the real HTTP endpoint, with the fake
Slack in this process."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from tests.support.harness import SlackDriver
from tests.support.processes import RunningProcess, sensorbot_environment
from tests.support.slow_slack import SlowSlack

BUSY_EN = "Sensorbot is very busy right now"
BUSY_NB = "Sensorbot har mye å gjøre akkurat nå"
HELP_EN = "Sensorbot helps you grade in Inspera"
HELP_NB = "Sensorbot hjelper deg med sensur i Inspera"
READY = re.compile(r"the work process \(pid (\d+)\) is ready")


@pytest.fixture
def fake_slack():
    from tests.support.harness import BOT_TOKEN

    fake = SlowSlack(bot_token=BOT_TOKEN)
    fake.add_user("UKARI", email="kari@ntnu.no", locale="nb-NO")
    fake.add_user("UOLA", email="ola@ntnu.no", locale="en-GB")
    yield fake
    fake.close()


def _bot(fake_slack, store_url: str, tmp_path, **settings: str) -> RunningProcess:
    environment = sensorbot_environment(
        fake_slack, store_url, SENSORBOT_SCHEDULER="off", HOST="127.0.0.1", **settings
    )
    bot = RunningProcess(environment, tmp_path)
    bot.wait_until_serving()
    return bot


def _work_pids(bot: RunningProcess) -> list[int]:
    return [int(pid) for pid in READY.findall(bot.output)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped) counts as ended.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def _help(slack: SlackDriver, fake_slack, user: str, key: str) -> dict:
    answer = slack.command(user, "help", response_url=fake_slack.response_url(key))
    assert answer.status == 200
    return answer.json() if answer.body else {}


def _taken(slack: SlackDriver, fake_slack, user: str, key: str, busy: str = BUSY_EN) -> None:
    """`/sensur help` until the work process takes it: one it just finished is counted a
    moment after its reply was sent."""
    deadline = time.monotonic() + 30
    while answer := _help(slack, fake_slack, user, key):
        assert busy in answer["text"], answer
        assert time.monotonic() < deadline, "the work process takes nothing"
        time.sleep(0.05)  # polling for the count to come down, not timing anything


def _reply(fake_slack, key: str):
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key)


def _asked_about(fake_slack, user: str) -> None:
    fake_slack.wait_for_call("users.info", match=lambda p: p["user"] == user)


def _wait_for_work_pids(bot: RunningProcess, count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while len(pids := _work_pids(bot)) < count:
        assert bot.process.poll() is None, bot.output
        assert time.monotonic() < deadline, bot.output
        time.sleep(0.1)  # polling the log, not timing anything
    return pids


def test_the_work_process_answers_what_the_answering_process_acknowledged(
    fake_slack, store_url, tmp_path
):
    bot = _bot(fake_slack, store_url, tmp_path)
    try:
        (work_pid,) = _work_pids(bot)
        assert work_pid != bot.process.pid
        assert _help(SlackDriver(bot.base_url), fake_slack, "UOLA", "help") == {}
        assert _reply(fake_slack, "help").params["text"] == HELP_EN
    finally:
        assert bot.stop() == 0
    assert not _alive(work_pid), "the work process outlived sensorbot run"


def test_a_full_work_process_is_busy_in_the_persons_language_and_then_takes_work_again(
    fake_slack, store_url, tmp_path
):
    """Kari's language reaches the answering process only from the work process."""
    settings = {"SENSORBOT_WORK_THREADS": "1", "SENSORBOT_WORK_QUEUE": "0"}
    bot = _bot(fake_slack, store_url, tmp_path, **settings)
    slack = SlackDriver(bot.base_url)
    try:
        _taken(slack, fake_slack, "UKARI", "warm")
        _reply(fake_slack, "warm")
        fake_slack.hold()
        _taken(slack, fake_slack, "UOLA", "held")
        _asked_about(fake_slack, "UOLA")  # the one worker now waits for Slack's answer
        busy = _help(slack, fake_slack, "UKARI", "busy")
        assert BUSY_NB in busy["text"]
        assert busy["response_type"] == "ephemeral"
        fake_slack.release()
        _taken(slack, fake_slack, "UKARI", "again", busy=BUSY_NB)
        assert _reply(fake_slack, "again").params["text"] == HELP_NB
        assert "busy" not in {call.params["_key"] for call in fake_slack.calls("response_url")}
    finally:
        fake_slack.release()
        assert bot.stop() == 0


def test_a_work_process_that_ends_is_started_again_and_what_it_held_is_logged_lost(
    fake_slack, store_url, tmp_path
):
    # Room for one request: "held" is taken only once "warm" is counted done.
    bot = _bot(
        fake_slack, store_url, tmp_path, SENSORBOT_WORK_THREADS="1", SENSORBOT_WORK_QUEUE="0"
    )
    slack = SlackDriver(bot.base_url)
    try:
        (first,) = _work_pids(bot)
        _taken(slack, fake_slack, "UOLA", "warm")  # Bolt asks Slack about its token first
        _reply(fake_slack, "warm")
        fake_slack.hold()
        _taken(slack, fake_slack, "UOLA", "held")
        _asked_about(fake_slack, "UOLA")
        os.kill(first, signal.SIGKILL)
        _, second = _wait_for_work_pids(bot, 2)
        assert second != first
        assert "the work process ended (exit code -9); requests handed to it and not done: 1" in (
            bot.output
        )
        fake_slack.release()
        _taken(slack, fake_slack, "UOLA", "after")
        assert _reply(fake_slack, "after").params["text"] == HELP_EN
    finally:
        fake_slack.release()
        assert bot.stop() == 0
    assert not _alive(second)


def test_an_event_delivered_three_times_is_worked_once_in_the_work_process(
    fake_slack, store_url, tmp_path
):
    # One worker: the deliveries are worked in the order they came.
    bot = _bot(fake_slack, store_url, tmp_path, SENSORBOT_WORK_THREADS="1")
    slack = SlackDriver(bot.base_url)
    event = {"type": "app_home_opened", "user": "UKARI", "channel": "DUKARI", "tab": "home"}
    try:
        for retry_num in (None, 1, 2):
            assert slack.event(event, event_id="EvWORK1", retry_num=retry_num).status == 200
        assert slack.event(event, event_id="EvWORK2").status == 200
        fake_slack.wait_for(lambda: len(fake_slack.calls("views.publish")) >= 2)
        assert len(fake_slack.calls("views.publish")) == 2
    finally:
        assert bot.stop() == 0
