"""The demo's workspace: the real Sensorbot app, a local Slack, the sample roster, and what
a person on the page does turned into the requests Slack would send.

`DemoWorkspace` owns everything `sensorbot demo` runs: the store (SQLite in a folder), the
local Slack (`bot.workspace.web_api.LocalSlack`) with the sample people, the same Bolt app
and HTTP endpoint as `sensorbot run` (real signature checks) on 127.0.0.1, and the
scheduler. The page server (`bot.demo.page`) calls its methods.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.demo.roster import PEOPLE, DemoPerson, import_sample_roster
from bot.demo.slack_requests import AppAnswer, SignedRequests, new_trigger_id
from bot.people.language import choose_language, chosen_language
from bot.settings import Settings
from bot.workspace.web_api import BOT_ID, BOT_USER_ID, TEAM_ID, LocalSlack, ResponseTarget
from models.db import session_scope
from models.types import utcnow

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"  # never another interface: the demo has no login and a known token
SLASH_COMMAND = "/sensur"
ANSWERS_KEPT = 50
WORKSPACE_FILE = "workspace.json"


class DemoWorkspace:
    """Everything behind the demo page, started on construction, stopped by `close()`."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        self.folder = folder
        self._stack = contextlib.ExitStack()
        self._lock = threading.Lock()
        self._triggers: dict[str, str] = {}  # trigger id -> user id
        self._closed_views: set[str] = set()
        self._replaced_views: dict[str, dict[str, Any]] = {}  # user -> view answered by the app
        self.answers: list[AppAnswer] = []
        try:
            self._start(settings)
        except BaseException:
            self._stack.close()
            raise

    def _start(self, base: Settings) -> None:
        from bot.app import create_app
        from bot.cli import migrated_store
        from bot.runtime import Runtime
        from bot.scheduling.scheduler import Scheduler
        from bot.server import SLACK_PATH, BackgroundHTTPServer, create_http_server

        token = f"xoxb-demo-{secrets.token_hex(12)}"
        signing_secret = secrets.token_hex(16)
        self.slack = LocalSlack(bot_token=token)
        self._stack.callback(self.slack.close)
        for person in PEOPLE:
            self.slack.add_user(
                person.user_id,
                email=person.email,
                locale=person.locale,
                name=person.name.split()[0].lower(),
                real_name=person.name,
                tz=base.timezone,
            )
        saved = self.folder / WORKSPACE_FILE
        if saved.exists():  # a demo started again with the same --dir
            self.slack.restore(json.loads(saved.read_text()))
        self._stack.callback(self._save_workspace)
        self.settings = base.model_copy(
            update={
                "slack_bot_token": token,
                "slack_signing_secret": signing_secret,
                "slack_app_token": None,
                "slack_api_url": self.slack.api_url,
                "database_url": f"sqlite:///{self.folder / 'sensorbot.db'}",
                "scheduler": "on",
            }
        )
        engine = self._stack.enter_context(migrated_store(self.settings))
        self.roster = import_sample_roster(engine, self.folder, utcnow(), self.settings.tz)
        with session_scope(engine) as session:
            for person in PEOPLE:
                if person.chosen_language and chosen_language(session, person.user_id) is None:
                    choose_language(session, person.user_id, person.chosen_language, utcnow())
        self.runtime = Runtime(self.settings, engine)
        app = create_app(self.runtime)
        server = create_http_server(app, self.runtime, host=HOST, port=0)
        background = BackgroundHTTPServer(server)
        self._stack.callback(background.stop)
        self.app_url = f"http://{HOST}:{server.effective_port}"
        self.requests = SignedRequests(self.app_url + SLACK_PATH, signing_secret)
        logger.info("the app serves Slack's requests at %s%s", self.app_url, SLACK_PATH)
        self.scheduler = Scheduler(self.runtime)
        self.scheduler.start()  # its first pass sends the opened-for-marking notices
        self._stack.callback(self.scheduler.shutdown)

    def close(self) -> None:
        self._stack.close()

    def _save_workspace(self) -> None:
        """Keep the conversations for the next start in this folder (the store is kept)."""
        (self.folder / WORKSPACE_FILE).write_text(json.dumps(self.slack.snapshot()))

    # -- who is there ------------------------------------------------------------------

    @property
    def people(self) -> tuple[DemoPerson, ...]:
        return PEOPLE

    def person(self, user_id: str) -> DemoPerson:
        for person in PEOPLE:
            if person.user_id == user_id:
                return person
        raise KeyError(user_id)

    def dm(self, user_id: str) -> str:
        return f"D{user_id}"

    # -- what the person sees ----------------------------------------------------------

    def state(self, user_id: str) -> dict[str, Any]:
        """The person's DM with the bot, their Home tab and any open modal."""
        self.person(user_id)
        return {
            "version": self.slack.version,
            "conversation": self.slack.conversation(user_id),
            "home": self.slack.home_view(user_id),
            "modal": self.modal(user_id),
            "answers": [_answer_line(a) for a in self.answers[-5:]],
        }

    def modal(self, user_id: str) -> dict[str, Any] | None:
        """The newest modal the app opened with one of this person's trigger ids."""
        with self._lock:
            replaced = self._replaced_views.get(user_id)
            if replaced is not None and replaced.get("id") not in self._closed_views:
                return replaced
            opened = [
                view
                for view_id, view in self.slack.views.items()
                if self._triggers.get(str(view.get("trigger_id"))) == user_id
                and view_id not in self._closed_views
            ]
        return opened[-1] if opened else None

    # -- what the person does ----------------------------------------------------------

    def send(self, user_id: str, text: str) -> AppAnswer:
        """What the person typed in the message box: `/sensur …` runs the command, anything
        else is a message in the DM."""
        self.person(user_id)
        stripped = text.strip()
        if stripped.startswith("/"):
            command, _, rest = stripped.partition(" ")
            return self.slash_command(user_id, command, rest.strip())
        message = self.slack.post_as_user(user_id, text)
        return self._event(
            {
                "type": "message",
                "channel": message["channel"],
                "channel_type": "im",
                "user": user_id,
                "text": text,
                "ts": message["ts"],
                "event_ts": message["ts"],
            }
        )

    def slash_command(self, user_id: str, command: str, text: str) -> AppAnswer:
        target = ResponseTarget(self.dm(user_id), user_id, command=f"{command} {text}".strip())
        url = self.slack.bind_response_url(uuid.uuid4().hex, target)
        answer = self._remember(
            self.requests.slash_command(user_id, self.dm(user_id), command, text, url)
        )
        shown = answer.document() if answer.status == 200 else None
        if shown and (shown.get("text") or shown.get("blocks")):
            self.slack.respond(target, shown)
        return answer

    def upload(self, user_id: str, name: str, content: bytes) -> AppAnswer:
        """The person shares a file in the DM: Slack sends a `message` with the file and a
        `file_shared` event, and so does the demo."""
        self.person(user_id)
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        filetype = name.rsplit(".", 1)[-1].lower() if "." in name else "text"
        info = self.slack.add_file(
            file_id, name, content, filetype=filetype, user=user_id, channel=self.dm(user_id)
        )
        message = self.slack.post_as_user(user_id, "", files=[info])
        answer = self._event(
            {
                "type": "message",
                "subtype": "file_share",
                "channel": message["channel"],
                "channel_type": "im",
                "user": user_id,
                "text": "",
                "ts": message["ts"],
                "event_ts": message["ts"],
                "files": [info],
            }
        )
        self._event(
            {
                "type": "file_shared",
                "file_id": file_id,
                "user_id": user_id,
                "file": {"id": file_id},
                "channel_id": message["channel"],
                "event_ts": message["ts"],
            }
        )
        return answer

    def open_home(self, user_id: str) -> AppAnswer:
        self.person(user_id)
        return self._event(
            {
                "type": "app_home_opened",
                "user": user_id,
                "channel": self.dm(user_id),
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            }
        )

    def act(
        self,
        user_id: str,
        surface: str,
        action: dict[str, Any],
        values: dict[str, Any],
        *,
        message_ts: str | None = None,
    ) -> AppAnswer:
        """A press or a choice on a message, the Home tab or a modal: `block_actions`."""
        person = self.person(user_id)
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": _user_object(person),
            "trigger_id": self._trigger(user_id),
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
            "state": {"values": values},
        }
        if surface == "message":
            payload.update(self._message_context(user_id, str(message_ts)))
        else:
            view = self.slack.home_view(user_id) if surface == "home" else self.modal(user_id)
            if view is None:
                raise KeyError(surface)
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = {**view, "state": {"values": values}}
        return self._remember(self.requests.interaction(payload))

    def submit(self, user_id: str, values: dict[str, Any]) -> dict[str, Any] | None:
        """The person submits the open modal; returns the app's `errors`, if it gave any."""
        view = self.modal(user_id)
        if view is None:
            raise KeyError("modal")
        payload = {
            "type": "view_submission",
            "user": _user_object(self.person(user_id)),
            "trigger_id": self._trigger(user_id),
            "view": {**view, "state": {"values": values}},
        }
        answer = self._remember(self.requests.interaction(payload))
        document = answer.document() or {}
        action = document.get("response_action")
        if answer.status == 200 and action == "errors":
            return dict(document.get("errors") or {})
        if answer.status == 200 and action in ("update", "push") and document.get("view"):
            with self._lock:
                self._replaced_views[user_id] = {"id": view["id"], **document["view"]}
            self.slack.mark_changed()
            return None
        self.close_modal(user_id)
        return None

    def close_modal(self, user_id: str) -> None:
        view = self.modal(user_id)
        if view is not None:
            with self._lock:
                self._closed_views.add(str(view["id"]))
                self._replaced_views.pop(user_id, None)
            self.slack.mark_changed()

    def time_travel(self, moment: datetime) -> list[str]:
        """One scheduler pass at `moment`, as `sensorbot tick --now` runs it."""
        from bot.cli import tick_lines

        report = self.scheduler.run_pass(moment)
        return tick_lines(report, self.settings)

    # -- building Slack's requests -----------------------------------------------------

    def _trigger(self, user_id: str) -> str:
        trigger = new_trigger_id()
        with self._lock:
            self._triggers[trigger] = user_id
        return trigger

    def _message_context(self, user_id: str, ts: str) -> dict[str, Any]:
        dm = self.dm(user_id)
        message = next((m for m in self.slack.conversation(user_id) if m["ts"] == ts), None)
        if message is None:
            raise KeyError(ts)
        ephemeral = bool(message.get("ephemeral"))
        context: dict[str, Any] = {
            "channel": {"id": dm, "name": "directmessage"},
            "container": {
                "type": "message",
                "message_ts": ts,
                "channel_id": dm,
                "is_ephemeral": ephemeral,
            },
            "response_url": self.slack.bind_response_url(
                uuid.uuid4().hex, ResponseTarget(dm, user_id, message_ts=ts)
            ),
        }
        if not ephemeral:  # Slack sends the message itself only when it is not ephemeral
            context["message"] = {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "ts": ts,
                "text": message.get("text", ""),
                "blocks": message.get("blocks", []),
            }
        return context

    def _event(self, event: dict[str, Any]) -> AppAnswer:
        return self._remember(self.requests.event(event))

    def _remember(self, answer: AppAnswer) -> AppAnswer:
        if answer.status != 200:
            logger.warning("the app answered %s with HTTP %s", answer.kind, answer.status)
        with self._lock:
            self.answers.append(answer)
            del self.answers[:-ANSWERS_KEPT]
        self.slack.mark_changed()  # the page lists the latest answers
        return answer


def _user_object(person: DemoPerson) -> dict[str, Any]:
    username = person.name.split()[0].lower()
    return {"id": person.user_id, "username": username, "name": username, "team_id": TEAM_ID}


def _answer_line(answer: AppAnswer) -> dict[str, Any]:
    return {
        "kind": answer.kind,
        "detail": answer.detail,
        "status": answer.status,
        "ms": round(answer.seconds * 1000),
    }
