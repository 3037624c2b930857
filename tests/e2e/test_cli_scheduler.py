"""`sensorbot tick`, `sensorbot open`, `sensorbot status`, and the scheduler inside
`sensorbot run`, as separate processes against the fake Slack."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from models.types import utcnow
from tests.support.factories import add_candidates, add_grader, add_membership, choose_language
from tests.support.processes import RunningProcess, run_cli, said, sensorbot_environment
from tests.support.scheduling import CONSULTANT, TEST_ID, delivered_keys, marking_setup
from tests.support.stores import migrated_engine


@pytest.fixture
def setup(tmp_path, fake_slack):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = migrated_engine(url)
    marking_setup(engine)  # submission 2026-12-10 09:00, grading deadline 2026-12-31 09:00
    choose_language(engine, "UKARI", "en")
    engine.dispose()
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-US")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="nb-NO")
    return url, sensorbot_environment(fake_slack, url)


def test_open_then_ticks_in_separate_processes_send_each_notice_once(setup, tmp_path, fake_slack):
    url, environment = setup
    opened = run_cli(["open", TEST_ID, "--now", "2026-12-11T08:00"], environment, tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert "is recorded as open for marking" in opened.stdout

    first = run_cli(["tick", "--now", "2026-12-11T08:01"], environment, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Scheduler pass for 2026-12-11 08:01 CET." in first.stdout
    assert "Sent: 2" in first.stdout
    again = run_cli(["tick", "--now", "2026-12-11T08:02:00+01:00"], environment, tmp_path)
    assert "Sent: 0" in again.stdout

    assert Counter(delivered_keys(fake_slack)) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }


def test_three_429s_on_the_first_posts_of_an_opening_delay_no_notice(setup, tmp_path, fake_slack):
    """Slack answers the first three posts 429 with Retry-After 1 s: the ticks wait it out
    instead of leaving the notices for later passes."""
    url, environment = setup
    opened = run_cli(["open", TEST_ID, "--now", "2026-12-11T08:00"], environment, tmp_path)
    assert opened.returncode == 0, opened.stderr
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1, count=3)

    first = run_cli(["tick", "--now", "2026-12-11T08:01:00"], environment, tmp_path)
    second = run_cli(["tick", "--now", "2026-12-11T08:01:01.2"], environment, tmp_path)

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert Counter(delivered_keys(fake_slack)) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }
    posts = fake_slack.calls("chat.postMessage")
    assert [call.status for call in posts].count(429) == 3


def test_open_refused_lists_the_blockers(setup, tmp_path):
    url, environment = setup
    engine = migrated_engine(url)
    add_grader(engine, "nils@ntnu.no")
    add_membership(engine, TEST_ID, "nils@ntnu.no", None)
    add_candidates(engine, TEST_ID, "9", ["901"])
    engine.dispose()

    early = run_cli(["open", TEST_ID, "--now", "2026-12-10T08:59"], environment, tmp_path)
    assert early.returncode == 1
    assert said(early.stderr)[:4] == [
        f"{TEST_ID} cannot be opened for marking yet. Nothing was changed. This must be sorted "
        "out first:",
        "• The submission deadline has not passed: 2026-12-10 09:00 CET",
        "• Grader in no committee: 1",
        "• Submitted candidate in a committee without a grader: 1",
    ]
    status = run_cli(["status", TEST_ID, "--now", "2026-12-10T10:00"], environment, tmp_path)
    assert "State: awaiting_admin" in status.stdout
    assert "Opened for marking: no" in status.stdout


def test_open_names_an_unknown_test(setup, tmp_path):
    result = run_cli(["open", "NOPE-1"], setup[1], tmp_path)
    assert result.returncode == 1
    assert "No test with id NOPE-1. Nothing was changed." in result.stderr


def test_status_lists_tests_with_state_blockers_deadline_and_outbox(setup, tmp_path, fake_slack):
    url, environment = setup
    engine = migrated_engine(url)
    marking_setup(engine, "TMA4100-2026H", graders=(("ghost@ntnu.no", "1"),))
    engine.dispose()
    assert (
        run_cli(["open", TEST_ID, "--now", "2026-12-11T09:00"], environment, tmp_path).returncode
        == 0
    )
    assert (
        run_cli(
            ["open", "TMA4100-2026H", "--now", "2026-12-11T09:00"], environment, tmp_path
        ).returncode
        == 0
    )
    fake_slack.fail_next("chat.postMessage", status=500)
    run_cli(["tick", "--now", "2026-12-11T09:05"], environment, tmp_path)

    listing = run_cli(["status", "--now", "2026-12-11T09:10"], environment, tmp_path)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].split() == [
        "TEST",
        "STATE",
        "GRADING",
        "DEADLINE",
        "BLOCKERS",
        "OUTBOX",
        "pending/sent/failed",
    ]
    assert lines[1].split()[:2] == ["TDT4100-2026H", "open"]
    assert lines[1].split()[-1] == "1/1/0"  # one notice waits to be retried after the 500
    # The grader Slack does not know, and the consultant told so.
    assert lines[2].split()[-1] == "0/1/1"
    assert "Outbox: 1 pending, 0 being sent, 2 sent, 0 failed, 1 not in Slack" in listing.stdout
    assert "HTTP 500: internal_error" in listing.stdout
    assert "users_not_found: no Slack user has ghost@ntnu.no" in listing.stdout

    detail = run_cli(
        ["status", "TMA4100-2026H", "--now", "2026-12-11T09:10"], environment, tmp_path
    )
    assert "State: open" in detail.stdout and "Nothing keeps it from opening." in detail.stdout
    assert "HTTP 500" not in detail.stdout


def test_tick_needs_a_bot_token_and_a_readable_time(setup, tmp_path):
    url, environment = setup
    no_token = {k: v for k, v in environment.items() if k != "SLACK_BOT_TOKEN"}
    result = run_cli(["tick"], no_token, tmp_path)
    assert result.returncode == 2 and "SLACK_BOT_TOKEN" in result.stderr
    result = run_cli(["tick", "--now", "tomorrow"], environment, tmp_path)
    assert result.returncode == 2 and "--now: tomorrow is not an ISO 8601 time" in result.stderr


def _opened_now(tmp_path, fake_slack) -> dict[str, str]:
    """Ola's and Kari's test, opened a day after it ended (in the present: the scheduler in
    `sensorbot run` keeps real time); the environment to run `sensorbot` with."""
    url = f"sqlite:///{tmp_path / 'run.db'}"
    engine = migrated_engine(url)
    ended = utcnow() - timedelta(days=1)
    marking_setup(engine, submission_deadline=ended, grading_deadline=ended + timedelta(days=21))
    choose_language(engine, "UKARI", "en")
    engine.dispose()
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-US")
    environment = sensorbot_environment(fake_slack, url)
    assert run_cli(["open", TEST_ID], environment, tmp_path).returncode == 0
    return environment


def _run_until_both_notices_went(bot: RunningProcess, fake_slack, timeout: float) -> None:
    try:
        bot.wait_until_serving()
        fake_slack.wait_for(lambda: len(delivered_keys(fake_slack)) >= 2, timeout=timeout)
    finally:
        assert bot.stop() == 0, bot.output


def test_run_starts_the_scheduler_which_delivers_the_notices(tmp_path, fake_slack):
    environment = _opened_now(tmp_path, fake_slack)
    bot = RunningProcess({**environment, "SENSORBOT_TICK_SECONDS": "1"}, tmp_path)
    _run_until_both_notices_went(bot, fake_slack, timeout=30)
    assert "scheduler: a pass every 1 s" in bot.output
    assert Counter(delivered_keys(fake_slack)) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }


def test_run_dispatches_again_when_a_rescheduled_message_is_due_not_at_the_next_tick(
    tmp_path, fake_slack
):
    """A Retry-After too long to wait inside a pass: the message goes when it is due,
    though the next tick is an hour away."""
    environment = _opened_now(tmp_path, fake_slack)
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=6, count=1)
    bot = RunningProcess({**environment, "SENSORBOT_TICK_SECONDS": "3600"}, tmp_path)
    _run_until_both_notices_went(bot, fake_slack, timeout=60)
    rejected = [call for call in fake_slack.calls("chat.postMessage") if call.status == 429]
    delivered = [call for call in fake_slack.calls("chat.postMessage") if call.ok]
    assert len(rejected) == 1
    assert min(call.time for call in delivered) - rejected[0].time >= 6
    assert Counter(delivered_keys(fake_slack)) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }


def test_run_without_the_scheduler_when_it_is_switched_off(setup, tmp_path):
    url, environment = setup
    bot = RunningProcess({**environment, "SENSORBOT_SCHEDULER": "off"}, tmp_path)
    try:
        bot.wait_until_serving()
    finally:
        assert bot.stop() == 0, bot.output
    assert "scheduler:" not in bot.output
