"""Every listener the app registers acknowledges before its work, which runs in the pool."""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse

import pytest
from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.app import create_app
from bot.runtime import Runtime
from bot.slack.ack_first import Refusals
from tests.support.harness import SIGNING_SECRET, make_settings


@pytest.fixture
def app(fake_slack, sqlite_engine):
    settings = make_settings(fake_slack.api_url, "sqlite://")
    return create_app(Runtime(settings, sqlite_engine))


def signed(body: str) -> BoltRequest:
    ts = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=body)
    headers = {
        "content-type": ["application/x-www-form-urlencoded"],
        "x-slack-request-timestamp": [ts],
        "x-slack-signature": [signature],
    }
    return BoltRequest(body=body, headers=headers)


def command(name: str) -> BoltRequest:
    form = {"command": name, "text": "", "user_id": "U1", "team_id": "T1", "response_url": "x"}
    return signed(urllib.parse.urlencode(form))


def test_a_listener_registered_on_the_app_answers_slack_before_its_work_ends(app):
    release, ran_in = threading.Event(), []

    def probe(ack) -> None:
        ran_in.append(threading.current_thread().name)
        release.wait(10)

    app.command("/probe")(probe)
    started = time.monotonic()
    answer = app.dispatch(command("/probe"))
    assert answer.status == 200
    assert time.monotonic() - started < 5  # not held by the blocked listener
    assert app.slow_work.taken == 1
    release.set()
    assert app.slow_work.wait_idle(5)
    assert ran_in and ran_in[0].startswith("slack-work")


def test_bolts_lazy_listeners_are_refused(app):
    with pytest.raises(ValueError, match="SlowWork"):
        app.command("/probe")(ack=lambda ack: ack(), lazy=[lambda: None])


def test_refusals_are_logged_as_counts_at_most_every_few_seconds(caplog):
    refusals = Refusals(every=60)
    with caplog.at_level(logging.WARNING, logger="bot.slack.ack_first"):
        refusals.report()  # nothing refused: nothing said
        assert caplog.records == []
        for what in ("/sensur", "a block_actions", "/sensur"):
            refusals.add(what)
        refusals.report()
        refusals.add("/sensur")
        refusals.report()  # within the minute: kept for the next line
    assert [r.getMessage() for r in caplog.records] == [
        "busy: refused /sensur × 2, a block_actions × 1"
    ]


def test_refusals_left_over_are_logged_once_the_time_has_passed(caplog):
    refusals = Refusals(every=0)
    with caplog.at_level(logging.WARNING, logger="bot.slack.ack_first"):
        refusals.add("/sensur")
        refusals.report()
        refusals.add("an event (Slack delivers it again)")
        refusals.report()
        refusals.report()
    assert [r.getMessage() for r in caplog.records] == [
        "busy: refused /sensur × 1",
        "busy: refused an event (Slack delivers it again) × 1",
    ]
