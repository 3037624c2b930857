"""Every listener the app registers acknowledges before its work, which runs in the pool."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest
from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.app import _create_app, create_app
from bot.i18n import messages
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


def test_the_texts_are_read_when_the_app_is_made_not_by_the_first_answer(fake_slack, sqlite_engine):
    # The first "busy" in an acknowledgement waited tens of milliseconds for the catalog.
    messages.cache_clear()
    create_app(Runtime(make_settings(fake_slack.api_url, "sqlite://"), sqlite_engine))
    assert messages.cache_info().currsize == 1


class _HandOver:
    """The work process's side, as the answering process sees it: takes `room` requests."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.handed: list[tuple[str, dict]] = []

    def submit(self, body: str, headers) -> bool:
        if len(self.handed) >= self.room:
            return False
        self.handed.append((body, dict(headers)))
        return True

    @contextmanager
    def answering(self):
        yield


def _answering_app(fake_slack, sqlite_engine, room: int):
    hand_over = _HandOver(room)
    runtime = Runtime(make_settings(fake_slack.api_url, "sqlite://"), sqlite_engine)
    return _create_app(runtime, hand_over=hand_over), hand_over


HEADERS = {"content-type": "application/x-www-form-urlencoded", "x-slack-retry-num": "1"}


def test_a_command_a_listener_takes_is_handed_over_as_it_came_and_acknowledged_empty(
    fake_slack, sqlite_engine
):
    app, hand_over = _answering_app(fake_slack, sqlite_engine, room=1)
    body = "command=%2Fsensur&text=why&user_id=U1"
    payload = {"command": "/sensur", "text": "why", "user_id": "U1"}
    answer = app.ack_first.answer_at_once(payload, body, HEADERS)
    assert (answer.status, answer.body) == (200, "")
    assert hand_over.handed == [(body, HEADERS)]
    busy = app.ack_first.answer_at_once(payload, body, HEADERS)  # no room left
    assert busy.status == 200
    assert json.loads(busy.body)["response_type"] == "ephemeral"
    assert "har mye å gjøre" in json.loads(busy.body)["text"]  # the default language
    assert len(hand_over.handed) == 1


def test_an_event_a_listener_takes_is_handed_over_and_refused_for_a_later_delivery_when_full(
    fake_slack, sqlite_engine
):
    app, hand_over = _answering_app(fake_slack, sqlite_engine, room=1)
    payload = {"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_home_opened"}}
    body = json.dumps(payload)
    assert app.ack_first.answer_at_once(payload, body, HEADERS).status == 200
    assert app.ack_first.answer_at_once(payload, body, HEADERS).status == 503
    assert hand_over.handed == [(body, HEADERS)]


@pytest.mark.parametrize(
    "payload",
    [
        {"command": "/other", "text": ""},  # no listener: Bolt says so
        {"type": "event_callback", "event": {"type": "reaction_added"}},
        {"type": "url_verification", "challenge": "c"},
        {"type": "block_actions", "actions": [{"action_id": "a"}], "user": {"id": "U1"}},
        {"type": "view_submission", "view": {}, "user": {"id": "U1"}},  # answered in its ack
    ],
)
def test_everything_else_is_left_to_bolt(fake_slack, sqlite_engine, payload):
    app, hand_over = _answering_app(fake_slack, sqlite_engine, room=10)
    assert app.ack_first.answer_at_once(payload, json.dumps(payload), HEADERS) is None
    assert hand_over.handed == []


def test_without_a_work_process_bolt_answers_every_request(app):
    payload = {"command": "/sensur", "text": "why", "user_id": "U1"}
    assert app.ack_first.answer_at_once(payload, "command=%2Fsensur", HEADERS) is None
