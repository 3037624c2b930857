"""Drive the real Sensorbot HTTP endpoint as Slack does: signed requests over real HTTP."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

from slack_sdk.signature import SignatureVerifier

from bot.app import create_app
from bot.runtime import Runtime
from bot.server import BackgroundHTTPServer, create_http_server
from bot.settings import Settings

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"


@dataclass
class HttpAnswer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> dict:
        return json.loads(self.body)


def http_request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> HttpAnswer:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return HttpAnswer(answer.status, answer.read(), dict(answer.headers))
    except urllib.error.HTTPError as error:
        return HttpAnswer(error.code, error.read(), dict(error.headers))


def make_settings(fake_api_url: str, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_api_url,
        "DATABASE_URL": database_url,
        "SENSORBOT_SCHEDULER": "off",
        "PORT": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


class SlackDriver:
    """Sends what Slack would send to POST /slack/events, signed with the app's secret."""

    def __init__(self, base_url: str, signing_secret: str = SIGNING_SECRET) -> None:
        self.url = base_url + "/slack/events"
        self._verifier = SignatureVerifier(signing_secret)

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> HttpAnswer:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature
            or self._verifier.generate_signature(timestamp=ts, body=body),
        }
        headers.update(extra_headers or {})
        return http_request(self.url, data=body, headers=headers)

    def command(
        self,
        user_id: str,
        text: str = "",
        *,
        response_url: str,
        channel_id: str = "C1",
        **signing: object,
    ) -> HttpAnswer:
        form = {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": channel_id,
            "user_id": user_id,
            "command": "/sensur",
            "text": text,
            "response_url": response_url,
            "trigger_id": f"trigger-{uuid.uuid4().hex[:8]}",
            "api_app_id": "A1",
        }
        body = urllib.parse.urlencode(form).encode()
        return self.post(body, "application/x-www-form-urlencoded", **signing)

    def event(
        self, event: dict, *, event_id: str | None = None, retry_num: int | None = None
    ) -> HttpAnswer:
        envelope = {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
        }
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "timeout"}
        return self.post(json.dumps(envelope).encode(), "application/json", extra_headers=headers)

    def interaction(self, payload: dict) -> HttpAnswer:
        payload = {"team": {"id": "T1"}, "api_app_id": "A1", "token": "legacy", **payload}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")

    def click(
        self,
        user_id: str,
        action_id: str,
        value: str,
        *,
        channel_id: str | None = None,
        message_ts: str | None = None,
        response_url: str | None = None,
        block_id: str = "b",
    ) -> HttpAnswer:
        payload: dict = {
            "type": "block_actions",
            "user": {"id": user_id},
            "trigger_id": f"trigger-{uuid.uuid4().hex[:8]}",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": block_id,
                    "value": value,
                    "action_ts": str(time.time()),
                }
            ],
        }
        if channel_id:
            payload["channel"] = {"id": channel_id}
            payload["container"] = {
                "type": "message",
                "channel_id": channel_id,
                "message_ts": message_ts,
            }
            payload["message"] = {"ts": message_ts, "text": ""}
        if response_url:
            payload["response_url"] = response_url
        return self.interaction(payload)


class RunningBot:
    """The real app behind the real HTTP server, in this process, on a free port."""

    def __init__(self, settings: Settings, engine) -> None:
        self.settings = settings
        self.runtime = Runtime(settings, engine)
        self.app = create_app(self.runtime)
        self.server = create_http_server(self.app, self.runtime, host="127.0.0.1", port=0)
        self.base_url = f"http://127.0.0.1:{self.server.effective_port}"
        self._background = BackgroundHTTPServer(self.server)
        self.slack = SlackDriver(self.base_url)

    def close(self) -> None:
        self._background.stop()
