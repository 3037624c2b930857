"""The checks in front of Bolt, on plain values: the signature over raw bytes, the shape of
a body, and the server's bounded read of a body that declares no length."""

from __future__ import annotations

import hashlib
import hmac
import io

import pytest

from bot.server import MAX_BODY_BYTES, _bounded_body
from bot.slack.inbound import read_envelope, signature_is_valid

SECRET = "s3cret"
NOW = 1_800_000_000


def signature(body: bytes, timestamp: str) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest()


def test_a_signature_over_bytes_that_are_not_utf8_is_checked_not_raised():
    body = b"\xff\xfe"
    assert signature_is_valid(SECRET, body, str(NOW), signature(body, str(NOW)), NOW)
    assert not signature_is_valid(SECRET, body + b"x", str(NOW), signature(body, str(NOW)), NOW)


@pytest.mark.parametrize("timestamp", [None, "", "soon", "²", f" {NOW}", f"+{NOW}", f"{NOW}.0"])
def test_a_timestamp_must_be_plain_digits(timestamp):
    sig = signature(b"{}", timestamp or "")
    assert not signature_is_valid(SECRET, b"{}", timestamp, sig, NOW)


def test_a_stale_timestamp_is_refused():
    stale = str(NOW - 301)
    assert not signature_is_valid(SECRET, b"{}", stale, signature(b"{}", stale), NOW)


def test_slack_shaped_bodies_pass():
    event = read_envelope(b'{"type": "event_callback", "event": {}}', "application/json")
    assert event == ({"type": "event_callback", "event": {}}, None)
    command = read_envelope(b"command=%2Fsensur&text=help", "application/x-www-form-urlencoded")
    assert command == ({"command": "/sensur", "text": "help"}, None)
    click = b'payload={"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"a"}]}'
    assert read_envelope(click, "application/x-www-form-urlencoded")[1] is None


class _Stream(io.RawIOBase):
    """An endless body that counts what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "read without a bound"
        self.read_bytes += size
        return b"x" * size


def test_a_body_without_a_declared_length_is_read_only_to_the_cap():
    stream = _Stream()
    assert _bounded_body({"wsgi.input": stream}) is None
    assert stream.read_bytes == MAX_BODY_BYTES + 1


def test_a_declared_length_beyond_the_cap_is_refused_without_reading():
    stream = _Stream()
    assert _bounded_body({"wsgi.input": stream, "CONTENT_LENGTH": str(MAX_BODY_BYTES + 1)}) is None
    assert stream.read_bytes == 0
