"""What the Slack endpoint does with requests no Slack would send: oversized bodies, junk
headers and bodies, malformed payloads. Each is refused with 4xx, nothing is run, and the
log has no traceback. Through the real HTTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import time
import urllib.parse

import pytest

from bot.server import MAX_BODY_BYTES
from tests.support.factories import choose_language
from tests.support.harness import SIGNING_SECRET


def sign(body: bytes, timestamp: str) -> str:
    """Slack's v0 signature over any bytes (the SDK's helper wants UTF-8)."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def assert_no_traceback(log) -> None:
    tracebacks = [r for r in log.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not tracebacks, [r.getMessage() for r in tracebacks]


def raw_request(port: int, head: str, body: bytes = b"", *, chunks: list[bytes] | None = None):
    """Status code of a hand-written HTTP/1.1 request (for what urllib will not send)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(head.encode("latin-1") + b"\r\n" + body)
        try:
            for chunk in chunks or []:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if chunks is not None:
                conn.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body was all sent
        answer = b""
        while b"\r\n" not in answer:
            data = conn.recv(4096)
            if not data:
                break
            answer += data
    return int(answer.split(b" ", 2)[1])


def form(payload: dict) -> bytes:
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def block_actions(actions: list) -> dict:
    return {
        "type": "block_actions",
        "team": {"id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "user": {"id": "UKARI"},
        "trigger_id": "trigger-1",
        "actions": actions,
    }


def test_a_declared_body_beyond_the_cap_is_refused_before_it_is_read(running_bot, log):
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {MAX_BODY_BYTES + 1}\r\nConnection: close\r\n"
    )
    # Only a small part is sent: an answer means the server did not wait for the rest.
    status = raw_request(running_bot.server.effective_port, head, b"{" + b" " * 1000)
    assert status == 413
    assert_no_traceback(log)


def test_a_chunked_body_beyond_the_cap_is_refused(running_bot, log):
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n"
    )
    chunk = b" " * 65536
    chunks = [chunk] * (MAX_BODY_BYTES // len(chunk) + 2)
    status = raw_request(running_bot.server.effective_port, head, chunks=chunks)
    assert status == 413
    assert_no_traceback(log)


def test_a_small_chunked_request_is_still_served(running_bot, fake_slack, log):
    body = json.dumps({"type": "url_verification", "challenge": "abc", "token": "x"}).encode()
    ts = str(int(time.time()))
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"X-Slack-Request-Timestamp: {ts}\r\n"
        f"X-Slack-Signature: {sign(body, ts)}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n"
    )
    status = raw_request(running_bot.server.effective_port, head, chunks=[body[:10], body[10:]])
    assert status == 200
    assert_no_traceback(log)


@pytest.mark.parametrize("timestamp", ["soon", "", "1e9", "12:00", "²³"])
def test_a_timestamp_that_is_not_a_number_is_refused(running_bot, fake_slack, log, timestamp):
    body = b"command=%2Fsensur&text=help&user_id=UKARI&response_url=x"
    answer = running_bot.slack.post(
        body,
        "application/x-www-form-urlencoded",
        extra_headers={"X-Slack-Request-Timestamp": timestamp},
    )
    assert answer.status == 401
    assert_no_traceback(log)


def test_a_request_without_signature_headers_is_refused(running_bot, log):
    from tests.support.harness import http_request

    answer = http_request(
        running_bot.slack.url, data=b"{}", headers={"Content-Type": "application/json"}
    )
    assert answer.status == 401
    assert_no_traceback(log)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'["a", "list"]', "application/json"),
        (b'"a string"', "application/json"),
        (b"\xff\xfe not utf-8", "application/json"),
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        (b"payload=%22text%22", "application/x-www-form-urlencoded"),
    ],
    ids=["json", "json-list", "json-string", "not-utf8", "form-json", "form-list", "form-str"],
)
def test_a_malformed_body_is_refused_unsigned_and_signed(running_bot, log, body, content_type):
    unsigned = running_bot.slack.post(body, content_type, signature="v0=" + "0" * 64)
    assert unsigned.status == 401
    ts = str(int(time.time()))
    signed = running_bot.slack.post(body, content_type, timestamp=int(ts), signature=sign(body, ts))
    assert signed.status == 400
    assert_no_traceback(log)


@pytest.mark.parametrize(
    "actions",
    [[], "a button", [None], ["a button"], [{"type": "button"}]],
    ids=["empty", "string", "none", "not-object", "no-action-id"],
)
def test_a_click_without_a_usable_action_is_refused(running_bot, fake_slack, log, actions):
    answer = running_bot.slack.post(
        form(block_actions(actions)), "application/x-www-form-urlencoded"
    )
    assert answer.status == 400
    assert_no_traceback(log)
    assert not fake_slack.calls("chat.postMessage")


@pytest.mark.parametrize(
    "envelope",
    [
        {"type": "event_callback", "event_id": "Ev1", "event": "a message"},
        {"type": "block_actions", "actions": [{"action_id": "x"}], "user": "UKARI"},
        {"type": "view_submission", "user": {"id": "U1"}, "view": "a view"},
    ],
    ids=["event-not-object", "user-not-object", "view-not-object"],
)
def test_a_payload_of_the_wrong_shape_is_refused(running_bot, fake_slack, log, envelope):
    answer = running_bot.slack.post(json.dumps(envelope).encode(), "application/json")
    assert answer.status == 400
    assert_no_traceback(log)


ID_BUTTONS = [
    "gradesheet_apply",
    "gradesheet_apply_suggested",
    "gradesheet_cancel",
    "gradesheet_undo",
    "gradesheet_reset_open",
    "escalation_acknowledge",
    "escalation_resolve",
    "approvals.approve_own",
    "approvals.approve_final",
    "handoff_trial_fine",
    "handoff_trial_refused",
    "handoff_transferred",
]
# "²" passes str.isdigit() but not int(); the others are digits beyond any stored id.
JUNK_IDS = ["²", "1²", "99999999999999999999999", "2147483648", "-1", " 7"]


@pytest.mark.parametrize("value", JUNK_IDS)
@pytest.mark.parametrize("action_id", ID_BUTTONS)
def test_a_button_with_an_unparseable_id_is_refused(running_bot, fake_slack, log, action_id, value):
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    choose_language(running_bot.runtime.engine, "UKARI", "en")
    answer = running_bot.slack.click(
        "UKARI", action_id, value, response_url=fake_slack.response_url("r")
    )
    assert answer.status in (200, 400)
    # The listener runs after the acknowledgement; wait for it to finish.
    assert running_bot.app.slow_work.wait_idle()
    assert_no_traceback(log)
