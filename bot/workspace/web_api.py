"""A local Slack workspace: the parts of Slack's Web API Sensorbot uses, over real HTTP.

`LocalSlack` serves the Web API methods Sensorbot calls on 127.0.0.1 and a free port, so
the product's own `slack_sdk.WebClient(base_url=slack.api_url)` runs against it unchanged.
It keeps just enough workspace state (users, DMs, messages, views, files) to answer like
Slack, serves files only behind the bot token (an HTML sign-in page otherwise, as Slack
does), implements the three steps of `files_upload_v2`, and records every request whole.
`sensorbot demo` puts a web page in front of it (`bot.demo`); the end-to-end tests drive
it directly, with failures injected (`tests/support/fake_slack.py`).

    with LocalSlack(bot_token="xoxb-demo") as slack:
        slack.add_user("U1", email="ola@ntnu.no", locale="nb-NO")
        client = WebClient(base_url=slack.api_url, token="xoxb-demo")

Besides Web API method names, requests are recorded under these names:
`response_url` (posts to `response_url(key)`, params are the JSON body plus `_key`),
`upload_url` (step 2 of `files_upload_v2`), `url_private_download` (file downloads) and
`unknown_path`.

What a person does in the workspace (writes in a DM, shares a file, runs a slash command)
is arranged with `post_as_user`, `add_file` and a `response_url` bound to a conversation;
`conversation(user)` is the DM as that person sees it, and `version` counts every change.
"""

from __future__ import annotations

import base64
import copy
import email.parser
import email.policy
import hashlib
import json
import logging
import mimetypes
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

TEAM_ID = "T1"
BOT_USER_ID = "UBOT"
BOT_ID = "B1"
APP_ID = "A1"

# Parameters Slack accepts as JSON text inside a form-encoded body.
_STRUCTURED_PARAMS = ("blocks", "attachments", "view", "files", "metadata")

_MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "csv": "text/csv",
    "pdf": "application/pdf",
    "text": "text/plain",
}

_SIGN_IN_PAGE = b"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>Slack</title></head>
<body><h1>Sign in to your workspace</h1>
<form action="/signin" method="post"><input name="email" type="email"></form>
</body></html>
"""


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it, and how it answered.

    `params` merges the query string with the form or JSON body; JSON-in-form parameters
    (`blocks`, `view`, `files`, ...) are decoded. `time` is `time.monotonic()` at arrival.
    """

    method: str
    http_method: str
    path: str
    headers: dict[str, str]
    body: bytes
    params: dict[str, Any]
    time: float
    status: int
    response: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        """True when the fake answered 200 with `"ok": true` (or served the file)."""
        return self.status == 200 and (self.response is None or self.response.get("ok") is True)

    def header(self, name: str) -> str | None:
        """A request header, looked up case-insensitively."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True)
class Upload:
    """A file shared through `files_upload_v2`, once `files.completeUploadExternal` ran."""

    file_id: str
    filename: str
    title: str
    channels: list[str]
    content: bytes
    initial_comment: str | None
    thread_ts: str | None
    ts: str = ""  # when it was shared, as a message's ts

    @property
    def channel(self) -> str | None:
        return self.channels[0] if self.channels else None


class SlackMethodError(Exception):
    """A Web API method answering `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, messages: list[str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages or []


@dataclass(frozen=True)
class Failure:
    """What a refused call is answered with: an HTTP status, Slack's error, `Retry-After`."""

    status: int
    error: str
    retry_after: int | None


@dataclass
class _Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    document: dict[str, Any] | None = None

    @classmethod
    def json(cls, document: dict[str, Any], status: int = 200, **headers: str) -> _Answer:
        return cls(status, json.dumps(document).encode(), headers=headers, document=document)


@dataclass
class _StoredFile:
    info: dict[str, Any]
    content: bytes
    serve_html: bool = False


@dataclass
class _PendingUpload:
    file_id: str
    filename: str
    length: int
    upload_id: str
    content: bytes | None = None


# --------------------------------------------------------------------------------------
# Workspace state and the Web API methods. Callers hold LocalSlack's lock.


class _Workspace:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.users: dict[str, dict[str, Any]] = {}
        self.dm_users: dict[str, str] = {}  # DM channel id -> user id
        self.messages: list[dict[str, Any]] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.home_view_ids: dict[str, str] = {}
        self.files: dict[str, _StoredFile] = {}
        self.pending_uploads: dict[str, _PendingUpload] = {}
        self.uploads: list[Upload] = []
        self.response_urls: dict[str, ResponseTarget] = {}
        self._last_ts = 0
        self._last_id = 0

    # -- identifiers -------------------------------------------------------------------

    def next_ts(self) -> str:
        """Slack's message ts: the time in microseconds, unique and rising in the workspace."""
        self._last_ts = max(self._last_ts + 1, time.time_ns() // 1000)
        return f"{self._last_ts // 1_000_000}.{self._last_ts % 1_000_000:06d}"

    def next_id(self, prefix: str) -> str:
        self._last_id += 1
        return f"{prefix}{self._last_id:08d}"

    def dm_channel(self, user_id: str) -> str:
        channel = f"D{user_id}"
        self.dm_users[channel] = user_id
        return channel

    def is_user_id(self, value: str) -> bool:
        return value in self.users or value.startswith(("U", "W"))

    def resolve_channel(self, channel: str) -> str:
        """A conversation id for `channel`; a user id means the DM with that user."""
        if channel in self.users:
            return self.dm_channel(channel)
        if channel in self.dm_users:
            return channel
        if channel.startswith("D") and channel[1:] in self.users:
            return self.dm_channel(channel[1:])
        if channel.startswith(("C", "G")) and len(channel) > 1:
            return channel
        raise SlackMethodError("channel_not_found")

    def user(self, user_id: str) -> dict[str, Any]:
        if user_id not in self.users:
            raise SlackMethodError("user_not_found")
        return self.users[user_id]

    # -- users -------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        email: str | None,
        locale: str,
        name: str | None,
        tz: str,
        real_name: str | None,
        is_bot: bool,
        deleted: bool,
    ) -> dict[str, Any]:
        now = datetime.now(ZoneInfo(tz))
        offset = now.utcoffset()
        display = name or user_id.lower()
        profile: dict[str, Any] = {
            "real_name": real_name or display,
            "display_name": display,
            "team": TEAM_ID,
        }
        if email is not None:
            profile["email"] = email
        user = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": display,
            "real_name": real_name or display,
            "deleted": deleted,
            "is_bot": is_bot,
            "tz": tz,
            "tz_label": now.tzname(),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "locale": locale,
            "profile": profile,
        }
        self.users[user_id] = user
        return user

    # -- files -------------------------------------------------------------------------

    def file_info(
        self,
        file_id: str,
        name: str,
        *,
        size: int,
        filetype: str,
        user: str,
        channels: list[str],
        title: str | None = None,
        mimetype: str | None = None,
    ) -> dict[str, Any]:
        url = f"{self.base_url}/files/{quote(file_id)}/{quote(name)}"
        return {
            "id": file_id,
            "created": int(time.time()),
            "timestamp": int(time.time()),
            "name": name,
            "title": title or name,
            "mimetype": mimetype
            or _MIMETYPES.get(filetype)
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream",
            "filetype": filetype,
            "pretty_type": filetype.upper(),
            "user": user,
            "mode": "hosted",
            "is_external": False,
            "is_public": False,
            "size": size,
            "url_private": url,
            "url_private_download": url,
            "channels": [c for c in channels if c.startswith("C")],
            "groups": [c for c in channels if c.startswith("G")],
            "ims": [c for c in channels if c.startswith("D")],
        }


def _required(args: dict[str, Any], name: str) -> Any:
    value = args.get(name)
    if value in (None, ""):
        raise SlackMethodError("invalid_arguments", [f"[ERROR] missing required field: {name}"])
    return value


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _auth_test(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": ws.base_url + "/",
        "team": "Sensorbot Test",
        "user": "sensorbot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _users_info(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    user = dict(ws.user(_required(args, "user")))
    if not _flag(args.get("include_locale")):
        user.pop("locale")
    return {"user": user}


def _users_lookup_by_email(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    wanted = str(_required(args, "email")).strip().lower()
    for user in ws.users.values():
        if not user["deleted"] and user["profile"].get("email", "").lower() == wanted:
            found = dict(user)
            found.pop("locale")
            return {"user": found}
    raise SlackMethodError("users_not_found")


def _conversations_open(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("channel"):
        return {"channel": {"id": ws.resolve_channel(str(args["channel"]))}}
    users = [u.strip() for u in str(_required(args, "users")).split(",") if u.strip()]
    for user_id in users:
        ws.user(user_id)
    if len(users) == 1:
        return {"channel": {"id": ws.dm_channel(users[0])}}
    return {"channel": {"id": "G" + "".join(sorted(users))}}


def _conversations_info(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    channel = ws.resolve_channel(str(_required(args, "channel")))
    if channel in ws.dm_users:
        return {"channel": {"id": channel, "is_im": True, "user": ws.dm_users[channel]}}
    return {
        "channel": {
            "id": channel,
            "name": channel.lower(),
            "is_channel": channel.startswith("C"),
            "is_group": channel.startswith("G"),
            "is_im": False,
        }
    }


def _check_message_content(args: dict[str, Any]) -> None:
    if not (args.get("text") or args.get("blocks") or args.get("attachments")):
        raise SlackMethodError("no_text")
    if len(str(args.get("text") or "")) > 40_000:
        raise SlackMethodError("msg_too_long")
    if args.get("blocks"):
        _check_blocks(args["blocks"], limit=50, pointer="/blocks")


def _bot_message(ts: str, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("from_user"):
        return {"type": "message", "user": args["user"], "ts": ts, "text": args.get("text", "")}
    message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
    for key in ("text", "blocks", "attachments", "thread_ts", "metadata"):
        if key in args:
            message[key] = args[key]
    return message


def _stored_args(args: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k != "token"}


def _chat_post_message(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    channel = ws.resolve_channel(str(_required(args, "channel")))
    _check_message_content(args)
    ts = ws.next_ts()
    ws.messages.append({**_stored_args(args), "channel": channel, "ts": ts, "ephemeral": False})
    return {"channel": channel, "ts": ts, "message": _bot_message(ts, args)}


def _chat_post_ephemeral(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    channel = ws.resolve_channel(str(_required(args, "channel")))
    user = ws.user(str(_required(args, "user")))["id"]
    _check_message_content(args)
    ts = ws.next_ts()
    ws.messages.append(
        {**_stored_args(args), "channel": channel, "user": user, "ts": ts, "ephemeral": True}
    )
    return {"message_ts": ts}


@dataclass(frozen=True)
class ResponseTarget:
    """Where posts to a `response_url` land, as in Slack: the conversation and the person a
    slash command or a press came from, the message pressed on (if any) and the command."""

    channel: str
    user: str
    message_ts: str | None = None
    command: str | None = None


def _original(ws: _Workspace, target: ResponseTarget) -> dict[str, Any]:
    for message in ws.messages:
        if (
            message["channel"] == target.channel
            and message["ts"] == target.message_ts
            and (not message["ephemeral"] or message.get("user") == target.user)
        ):
            return message
    raise SlackMethodError("message_not_found")


_MESSAGE_CONTENT = ("text", "blocks", "attachments")


def _respond(ws: _Workspace, target: ResponseTarget, args: dict[str, Any]) -> None:
    """A post to a response_url: replaces or deletes the message pressed on, or adds a
    message, visible only to the person unless `response_type` is `in_channel`."""
    if target.message_ts and _flag(args.get("delete_original")):
        ws.messages.remove(_original(ws, target))
        return
    _check_message_content(args)
    content = {key: args[key] for key in _MESSAGE_CONTENT if key in args}
    if target.message_ts and _flag(args.get("replace_original")):
        original = _original(ws, target)
        for key in _MESSAGE_CONTENT:
            original.pop(key, None)
        original.update(content)
        return
    ephemeral = args.get("response_type") != "in_channel"
    message = {**content, "channel": target.channel, "ts": ws.next_ts(), "ephemeral": ephemeral}
    if ephemeral:
        message["user"] = target.user
    if target.command:
        message["command"] = target.command
    ws.messages.append(message)


def _conversations_history(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Newest first; message metadata only with `include_all_metadata`, as Slack does."""
    channel = ws.resolve_channel(str(_required(args, "channel")))
    limit = int(args.get("limit") or 100)
    posted = [m for m in ws.messages if m["channel"] == channel and not m["ephemeral"]]
    posted.reverse()
    messages = []
    for stored in posted[:limit]:
        message = _bot_message(stored["ts"], stored)
        if not _flag(args.get("include_all_metadata")):
            message.pop("metadata", None)
        messages.append(message)
    return {"messages": messages, "has_more": len(posted) > limit}


def _find_message(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = str(_required(args, "channel")), str(_required(args, "ts"))
    for message in ws.messages:
        if not message["ephemeral"] and message["channel"] == channel and message["ts"] == ts:
            return message
    raise SlackMethodError("message_not_found")


def _chat_update(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    message = _find_message(ws, args)
    _check_message_content({**message, **args})
    message.update({k: v for k, v in _stored_args(args).items() if k not in ("channel", "ts")})
    return {
        "channel": message["channel"],
        "ts": message["ts"],
        "text": message.get("text", ""),
        "message": _bot_message(message["ts"], message),
    }


def _chat_delete(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    message = _find_message(ws, args)
    ws.messages.remove(message)
    return {"channel": message["channel"], "ts": message["ts"]}


def _view_object(ws: _Workspace, view_id: str, view: Any, **extra: Any) -> dict[str, Any]:
    if not isinstance(view, dict) or "type" not in view:
        raise SlackMethodError("invalid_arguments", ["[ERROR] view must have a type"])
    _check_blocks(view.get("blocks", []), limit=100, pointer="/view/blocks")
    digest = hashlib.sha1(json.dumps(view, sort_keys=True).encode()).hexdigest()[:16]
    return {
        **view,
        "id": view_id,
        "team_id": TEAM_ID,
        "app_id": APP_ID,
        "bot_id": BOT_ID,
        "hash": f"{int(time.time())}.{digest}",
        "state": {"values": {}},
        **extra,
    }


def _views_publish(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    user_id = ws.user(str(_required(args, "user_id")))["id"]
    view_id = ws.home_view_ids.get(user_id) or ws.next_id("V")
    ws.home_view_ids[user_id] = view_id
    ws.views[view_id] = _view_object(ws, view_id, _required(args, "view"), user_id=user_id)
    return {"view": ws.views[view_id]}


def _views_open(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    trigger_id = str(_required(args, "trigger_id"))
    view_id = ws.next_id("V")
    view = _view_object(ws, view_id, _required(args, "view"), trigger_id=trigger_id)
    ws.views[view_id] = view
    return {"view": view}


def _views_update(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    view_id = args.get("view_id")
    if not view_id and args.get("external_id"):
        view_id = next(
            (v["id"] for v in ws.views.values() if v.get("external_id") == args["external_id"]),
            None,
        )
    if not view_id or view_id not in ws.views:
        raise SlackMethodError("not_found")
    current = ws.views[view_id]
    if args.get("hash") and args["hash"] != current["hash"]:
        raise SlackMethodError("hash_conflict")
    keep = {k: current[k] for k in ("user_id", "trigger_id") if k in current}
    ws.views[view_id] = _view_object(ws, view_id, _required(args, "view"), **keep)
    return {"view": ws.views[view_id]}


def _files_info(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    stored = ws.files.get(str(_required(args, "file")))
    if stored is None:
        raise SlackMethodError("file_not_found")
    return {"file": dict(stored.info), "comments": [], "response_metadata": {"next_cursor": ""}}


def _files_get_upload_url_external(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    filename = str(_required(args, "filename"))
    try:
        length = int(_required(args, "length"))
    except ValueError as not_a_number:
        raise SlackMethodError("invalid_arguments", ["[ERROR] length must be an integer"]) from (
            not_a_number
        )
    file_id = ws.next_id("F")
    upload_id = ws.next_id("up")
    ws.pending_uploads[file_id] = _PendingUpload(file_id, filename, length, upload_id)
    return {"upload_url": f"{ws.base_url}/upload/v1/{upload_id}", "file_id": file_id}


def _files_complete_upload_external(ws: _Workspace, args: dict[str, Any]) -> dict[str, Any]:
    entries = _required(args, "files")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SlackMethodError("invalid_arguments", ["[ERROR] files must be a list of objects"])
    channel_args = [str(args["channel_id"])] if args.get("channel_id") else []
    channel_args += [c for c in str(args.get("channels") or "").split(",") if c]
    channels = [ws.resolve_channel(c) for c in channel_args]
    pending = []
    for entry in entries:
        upload = ws.pending_uploads.get(str(entry.get("id")))
        if upload is None or upload.content is None:
            raise SlackMethodError("file_not_found")
        pending.append((entry, upload))
    shared = []
    for entry, upload in pending:
        del ws.pending_uploads[upload.file_id]
        title = entry.get("title") or upload.filename
        filetype = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else "text"
        info = ws.file_info(
            upload.file_id,
            upload.filename,
            size=len(upload.content or b""),
            filetype=filetype,
            user=BOT_USER_ID,
            channels=channels,
            title=title,
        )
        ws.files[upload.file_id] = _StoredFile(info, upload.content or b"")
        ws.uploads.append(
            Upload(
                file_id=upload.file_id,
                filename=upload.filename,
                title=title,
                channels=channels,
                content=upload.content or b"",
                initial_comment=args.get("initial_comment"),
                thread_ts=args.get("thread_ts"),
                ts=ws.next_ts(),
            )
        )
        shared.append({"id": upload.file_id, "title": title, "name": upload.filename})
    return {"files": shared}


WEB_API_METHODS: dict[str, Callable[[_Workspace, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": _auth_test,
    "users.info": _users_info,
    "users.lookupByEmail": _users_lookup_by_email,
    "conversations.open": _conversations_open,
    "conversations.info": _conversations_info,
    "conversations.history": _conversations_history,
    "chat.postMessage": _chat_post_message,
    "chat.postEphemeral": _chat_post_ephemeral,
    "chat.update": _chat_update,
    "chat.delete": _chat_delete,
    "views.publish": _views_publish,
    "views.open": _views_open,
    "views.update": _views_update,
    "files.info": _files_info,
    "files.getUploadURLExternal": _files_get_upload_url_external,
    "files.completeUploadExternal": _files_complete_upload_external,
}


# --------------------------------------------------------------------------------------
# Block Kit limits Slack enforces with `invalid_blocks`.


def _text_of(value: Any) -> str:
    return str(value.get("text", "")) if isinstance(value, dict) else ""


def _check_blocks(blocks: Any, *, limit: int, pointer: str) -> None:
    if not isinstance(blocks, list):
        raise SlackMethodError("invalid_blocks_format")
    problems = []
    if len(blocks) > limit:
        problems.append(f"[ERROR] no more than {limit} items allowed [json-pointer:{pointer}]")
    for index, block in enumerate(blocks):
        problems += _block_problems(block, f"{pointer}/{index}")
    if problems:
        raise SlackMethodError("invalid_blocks", problems)


def _too_long(value: str, limit: int, where: str) -> list[str]:
    if len(value) <= limit:
        return []
    return [f"[ERROR] must be less than {limit + 1} characters [json-pointer:{where}]"]


def _too_many(items: list, limit: int, where: str) -> list[str]:
    if len(items) <= limit:
        return []
    return [f"[ERROR] no more than {limit} items allowed [json-pointer:{where}]"]


def _block_problems(block: Any, where: str) -> list[str]:
    if not isinstance(block, dict) or "type" not in block:
        return [f"[ERROR] missing required field: type [json-pointer:{where}]"]
    problems = _too_long(str(block.get("block_id", "")), 255, f"{where}/block_id")
    kind = block["type"]
    if kind == "section":
        problems += _too_long(_text_of(block.get("text")), 3000, f"{where}/text/text")
        fields = block.get("fields") or []
        problems += _too_many(fields, 10, f"{where}/fields")
        for i, item in enumerate(fields):
            problems += _too_long(_text_of(item), 2000, f"{where}/fields/{i}/text")
        if block.get("accessory"):
            problems += _element_problems(block["accessory"], f"{where}/accessory")
    elif kind == "header":
        problems += _too_long(_text_of(block.get("text")), 150, f"{where}/text/text")
    elif kind in ("actions", "context"):
        elements = block.get("elements") or []
        problems += _too_many(elements, 25 if kind == "actions" else 10, f"{where}/elements")
        for i, element in enumerate(elements):
            problems += _element_problems(element, f"{where}/elements/{i}")
    return problems


def _element_problems(element: Any, where: str) -> list[str]:
    if not isinstance(element, dict):
        return [f"[ERROR] must be an object [json-pointer:{where}]"]
    problems = _too_long(str(element.get("action_id", "")), 255, f"{where}/action_id")
    if element.get("type") == "button":
        problems += _too_long(_text_of(element.get("text")), 75, f"{where}/text/text")
        problems += _too_long(str(element.get("value", "")), 2000, f"{where}/value")
    return problems


# --------------------------------------------------------------------------------------
# Request parsing.


def _single_values(multi: dict[str, list[str]]) -> dict[str, Any]:
    return {key: values[-1] for key, values in multi.items()}


def _multipart_parts(content_type: str, body: bytes) -> Iterator[tuple[str, str | None, bytes]]:
    """(field name, filename, payload) for each part of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        payload = part.get_payload(decode=True)
        yield str(name), part.get_filename(), payload if isinstance(payload, bytes) else b""


def _parse_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    params = _single_values(parse_qs(query, keep_blank_values=True))
    kind = content_type.split(";")[0].strip().lower()
    if body and kind == "application/json":
        try:
            document = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as bad_json:
            raise SlackMethodError("invalid_json") from bad_json
        if not isinstance(document, dict):
            raise SlackMethodError("invalid_json")
        params.update(document)
    elif body and kind == "multipart/form-data":
        for name, filename, payload in _multipart_parts(content_type, body):
            params[name] = payload if filename is not None else payload.decode("utf-8")
    elif body:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        params.update(_single_values(form))
    for key in _STRUCTURED_PARAMS:
        if isinstance(params.get(key), str) and params[key].strip()[:1] in ("[", "{"):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError as bad_json:
                error = "invalid_blocks_format" if key == "blocks" else "invalid_json"
                raise SlackMethodError(error) from bad_json
    return params


def _bearer_token(headers: dict[str, str]) -> str | None:
    for name, value in headers.items():
        if name.lower() == "authorization" and value.startswith("Bearer "):
            return value[len("Bearer ") :].strip()
    return None


def _content_type(headers: dict[str, str]) -> str:
    return next((v for k, v in headers.items() if k.lower() == "content-type"), "")


# --------------------------------------------------------------------------------------
# The server.


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: LocalSlack) -> None:
        super().__init__(("127.0.0.1", 0), _RequestHandler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up early is the client's business; anything else is a bug in
        # the fake, and close() fails the test with it rather than letting it pass unseen.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            self.fake._crashes.append(traceback.format_exc())
        super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, http_method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = dict(self.headers.items())
        answer = self.server.fake._serve(http_method, self.path, headers, body)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("fake slack: " + format, *args)


class LocalSlack:
    """Slack's Web API on 127.0.0.1:<free port>, serving from construction until close()."""

    def __init__(self, bot_token: str = "xoxb-test") -> None:
        self.bot_token = bot_token
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._requests: list[RecordedRequest] = []
        self._version = 0
        self._crashes: list[str] = []
        self._started = time.monotonic()
        self._closed = False
        self._server = _Server(self)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.api_url = self.base_url + "/api/"
        self._workspace = _Workspace(self.base_url)
        self._thread = threading.Thread(
            # A short poll interval keeps close() quick: shutdown() waits for the next poll.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-slack",
            daemon=True,
        )
        self._thread.start()

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Stop serving; fails if the fake itself crashed while answering a request."""
        if not self._closed:
            self._closed = True
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
        if self._crashes:
            raise AssertionError("fake Slack crashed while answering:\n" + "\n".join(self._crashes))

    def __enter__(self) -> LocalSlack:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- arranging the workspace -------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        email: str | None = None,
        locale: str = "en-US",
        name: str | None = None,
        tz: str = "Europe/Oslo",
        real_name: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> dict[str, Any]:
        """Add (or replace) a workspace member; returns the user object `users.info` gives."""
        with self._lock:
            user = self._workspace.add_user(
                user_id,
                email=email,
                locale=locale,
                name=name,
                tz=tz,
                real_name=real_name,
                is_bot=is_bot,
                deleted=deleted,
            )
            return copy.deepcopy(user)

    def add_file(
        self,
        file_id: str,
        name: str,
        content: bytes,
        filetype: str = "xlsx",
        user: str = "U1",
        channel: str | None = None,
        *,
        serve_html: bool = False,
        title: str | None = None,
        mimetype: str | None = None,
    ) -> dict[str, Any]:
        """A file `files.info` knows and `url_private_download` serves to the bot token.

        With `serve_html=True` the download answers Slack's HTML sign-in page even to the
        bot token, as Slack does when a token lacks `files:read`.
        """
        with self._lock:
            info = self._workspace.file_info(
                file_id,
                name,
                size=len(content),
                filetype=filetype,
                user=user,
                channels=[channel] if channel else [],
                title=title,
                mimetype=mimetype,
            )
            self._workspace.files[file_id] = _StoredFile(info, content, serve_html)
            return copy.deepcopy(info)

    def response_url(self, key: str) -> str:
        """A slash-command `response_url`; posts to it are recorded as `response_url`."""
        return f"{self.base_url}/response/{quote(key, safe='')}"

    # -- what happened -----------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def calls(self, method: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._requests if r.method == method]

    def messages_to(self, user_or_channel: str) -> list[dict[str, Any]]:
        """Messages (`chat.postMessage`, `chat.postEphemeral`) as they now stand.

        A user id means the DM with that user plus ephemeral messages shown to them
        anywhere; a channel id means that conversation. Each is the posted arguments with
        `channel` resolved to a conversation id, `ts` (`message_ts` for ephemerals) and
        `ephemeral`; `chat.update` changes apply and deleted messages are gone.
        """
        with self._lock:
            ws = self._workspace
            if ws.is_user_id(user_or_channel):
                dm = f"D{user_or_channel}"
                return [
                    copy.deepcopy(m)
                    for m in ws.messages
                    if (m["channel"] == dm or (m["ephemeral"] and m["user"] == user_or_channel))
                    and not m.get("from_user")
                ]
            return [
                copy.deepcopy(m)
                for m in ws.messages
                if m["channel"] == user_or_channel and not m.get("from_user")
            ]

    @property
    def uploads(self) -> list[Upload]:
        with self._lock:
            return list(self._workspace.uploads)

    def uploads_to(self, user_or_channel: str) -> list[Upload]:
        """Completed uploads shared into a conversation, or into the DM with a user."""
        with self._lock:
            ws = self._workspace
            wanted = f"D{user_or_channel}" if ws.is_user_id(user_or_channel) else user_or_channel
            return [u for u in ws.uploads if wanted in u.channels]

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        """Every view opened or published, by view id, as it now stands."""
        with self._lock:
            return copy.deepcopy(self._workspace.views)

    @property
    def users(self) -> dict[str, dict[str, Any]]:
        """Every workspace member, by user id, as `users.info` gives them."""
        with self._lock:
            return copy.deepcopy(self._workspace.users)

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The Home tab the bot last published for `user_id`, if it published one."""
        with self._lock:
            view_id = self._workspace.home_view_ids.get(user_id)
            return copy.deepcopy(self._workspace.views[view_id]) if view_id else None

    def file(self, file_id: str) -> tuple[dict[str, Any], bytes] | None:
        """A file's `files.info` object and its content, as its owner downloads it."""
        with self._lock:
            stored = self._workspace.files.get(file_id)
            return None if stored is None else (copy.deepcopy(stored.info), stored.content)

    def conversation(self, user_id: str) -> list[dict[str, Any]]:
        """The DM between `user_id` and the bot as that person sees it, oldest first: the
        bot's messages, the person's own, what only they see (`ephemeral`), and the files
        the bot shared there (a message with `files`)."""
        with self._lock:
            ws = self._workspace
            dm = ws.dm_channel(user_id)
            seen = [
                copy.deepcopy(m)
                for m in ws.messages
                if m["channel"] == dm and (not m["ephemeral"] or m.get("user") == user_id)
            ]
            for upload in ws.uploads:
                if dm in upload.channels and upload.file_id in ws.files:
                    shared = {"channel": dm, "ts": upload.ts, "ephemeral": False}
                    shared["text"] = upload.initial_comment or ""
                    shared["files"] = [copy.deepcopy(ws.files[upload.file_id].info)]
                    seen.append(shared)
        return sorted(seen, key=lambda message: _ts_order(message["ts"]))

    # -- what a person does ------------------------------------------------------------

    def post_as_user(
        self, user_id: str, text: str, files: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """`user_id` writes `text` (and shares `files`, objects `add_file` returned) in
        their DM with the bot; returns the message as a `message` event carries it."""
        with self._lock:
            ws = self._workspace
            ws.user(user_id)
            message: dict[str, Any] = {
                "channel": ws.dm_channel(user_id),
                "user": user_id,
                "text": text,
                "ts": ws.next_ts(),
                "ephemeral": False,
                "from_user": True,
            }
            if files:
                message["files"] = copy.deepcopy(files)
            ws.messages.append(message)
            self._touched()
            return copy.deepcopy(message)

    def bind_response_url(self, key: str, target: ResponseTarget) -> str:
        """A `response_url` whose posts land where Slack would put them (see `respond`)."""
        with self._lock:
            self._workspace.response_urls[key] = target
        return self.response_url(key)

    def respond(self, target: ResponseTarget, answer: dict[str, Any]) -> None:
        """Show what a request's own HTTP answer says (a slash command acknowledged with a
        message) as Slack shows it: like a post to the request's `response_url`."""
        with self._lock:
            _respond(self._workspace, target, answer)
            self._touched()

    # -- keeping a workspace across runs -----------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """The conversations, views and files as JSON-ready data, for `restore` in a later
        run (`sensorbot demo --dir`). Users are not in it: whoever starts the workspace adds
        them again."""
        with self._lock:
            ws = self._workspace
            return copy.deepcopy(
                {
                    "base_url": self.base_url,
                    "messages": ws.messages,
                    "views": ws.views,
                    "home_view_ids": ws.home_view_ids,
                    "files": {
                        file_id: {"info": stored.info, "content": _b64(stored.content)}
                        for file_id, stored in ws.files.items()
                    },
                    "uploads": [{**asdict(u), "content": _b64(u.content)} for u in ws.uploads],
                    "last_id": ws._last_id,
                }
            )

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Take back what `snapshot` gave, its file addresses moved to this server."""
        old_base = str(snapshot["base_url"])
        with self._lock:
            ws = self._workspace
            ws.messages = snapshot["messages"]
            ws.views = snapshot["views"]
            ws.home_view_ids = snapshot["home_view_ids"]
            for file_id, stored in snapshot["files"].items():
                info = json.loads(json.dumps(stored["info"]).replace(old_base, self.base_url))
                ws.files[file_id] = _StoredFile(info, base64.b64decode(stored["content"]))
            for upload in snapshot["uploads"]:
                content = base64.b64decode(upload["content"])
                ws.uploads.append(Upload(**{**upload, "content": content}))
            ws._last_id = max(ws._last_id, int(snapshot["last_id"]))
            for message in ws.messages:
                if message["channel"].startswith("D"):
                    ws.dm_users.setdefault(message["channel"], message["channel"][1:])
            self._touched()

    # -- changes -----------------------------------------------------------------------

    @property
    def version(self) -> int:
        """A number that grows with every request served and every change arranged."""
        with self._lock:
            return self._version

    def wait_for_change(self, after: int, timeout: float) -> int:
        """The version once it is past `after`, or as it stands after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._version <= after:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(timeout=remaining)
            return self._version

    def mark_changed(self) -> None:
        """Wake those waiting in `wait_for_change`: something they show changed outside
        the workspace (a modal closed on the demo page)."""
        with self._lock:
            self._touched()

    def _touched(self) -> None:
        self._version += 1
        self._changed.notify_all()

    # -- answering HTTP ----------------------------------------------------------------

    def _serve(
        self, http_method: str, target: str, headers: dict[str, str], body: bytes
    ) -> _Answer:
        arrived = time.monotonic()
        url = urlsplit(target)
        route, _, rest = url.path.lstrip("/").partition("/")
        with self._lock:
            if route == "api":
                method, answer, params = self._web_api(unquote(rest), url.query, headers, body)
            elif route == "files" and http_method == "GET":
                method, answer, params = self._download(unquote(rest), headers)
            elif route == "upload" and http_method == "POST":
                method, answer, params = self._upload(rest.removeprefix("v1/"), headers, body)
            elif route == "response" and http_method == "POST":
                method, answer, params = self._response_url(unquote(rest), url.query, headers, body)
            else:
                method, params = "unknown_path", {}
                answer = _Answer(404, b"Not Found", content_type="text/plain")
            self._requests.append(
                RecordedRequest(
                    method=method,
                    http_method=http_method,
                    path=target,
                    headers=headers,
                    body=body,
                    params=params,
                    time=arrived,
                    status=answer.status,
                    response=answer.document,
                )
            )
            self._version += 1
            self._changed.notify_all()
        return answer

    def refusal(self, method: str, params: dict[str, Any], *, web_api: bool) -> Failure | None:
        """A failure to answer this call with instead of handling it; None handles it.

        Called with the lock held. The workspace itself refuses nothing; a subclass injects
        failures here (`web_api` says whether the call is a Web API method)."""
        return None

    def _failure_answer(self, method: str, params: dict[str, Any]) -> _Answer | None:
        return self._answer_failure(self.refusal(method, params, web_api=False))

    @staticmethod
    def _answer_failure(failure: Failure | None) -> _Answer | None:
        if failure is None:
            return None
        headers = (
            {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
        )
        return _Answer.json({"ok": False, "error": failure.error}, failure.status, **headers)

    def _web_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes
    ) -> tuple[str, _Answer, dict[str, Any]]:
        params: dict[str, Any] = {}
        parse_error = None
        try:
            params = _parse_params(query, _content_type(headers), body)
        except SlackMethodError as error:
            parse_error = error
        injected = self._answer_failure(self.refusal(method, params, web_api=True))
        if injected is not None:
            return method, injected, params
        handler = WEB_API_METHODS.get(method)
        try:
            if handler is None:
                raise SlackMethodError("unknown_method")
            if parse_error is not None:
                raise parse_error
            token = _bearer_token(headers) or params.get("token")
            if not token:
                raise SlackMethodError("not_authed")
            if token != self.bot_token:
                raise SlackMethodError("invalid_auth")
            document = {"ok": True, **handler(self._workspace, params)}
        except SlackMethodError as error:
            document = {"ok": False, "error": error.error}
            if error.messages:
                document["response_metadata"] = {"messages": error.messages}
        return method, _Answer.json(document), params

    def _download(self, rest: str, headers: dict[str, str]) -> tuple[str, _Answer, dict[str, Any]]:
        method = "url_private_download"
        file_id, _, name = rest.partition("/")
        params = {"file_id": file_id, "name": name}
        injected = self._failure_answer(method, params)
        if injected is not None:
            return method, injected, params
        stored = self._workspace.files.get(file_id)
        if stored is None or stored.info["name"] != name:
            return method, _Answer(404, b"File not found", content_type="text/plain"), params
        if stored.serve_html or _bearer_token(headers) != self.bot_token:
            return (
                method,
                _Answer(200, _SIGN_IN_PAGE, content_type="text/html; charset=utf-8"),
                params,
            )
        answer = _Answer(200, stored.content, content_type=stored.info["mimetype"])
        return method, answer, params

    def _upload(
        self, upload_id: str, headers: dict[str, str], body: bytes
    ) -> tuple[str, _Answer, dict[str, Any]]:
        method = "upload_url"
        params: dict[str, Any] = {"upload_id": upload_id}
        injected = self._failure_answer(method, params)
        if injected is not None:
            return method, injected, params
        pending = next(
            (p for p in self._workspace.pending_uploads.values() if p.upload_id == upload_id),
            None,
        )
        if pending is None:
            return method, _Answer(404, b"Upload not found", content_type="text/plain"), params
        content = body
        content_type = _content_type(headers)
        if content_type.lower().startswith("multipart/form-data"):
            parts = list(_multipart_parts(content_type, body))
            files = [payload for name, filename, payload in parts if name == "file" or filename]
            if not files:
                return method, _Answer(400, b"No file part", content_type="text/plain"), params
            content = files[0]
        pending.content = content
        params.update(file_id=pending.file_id, filename=pending.filename, length=len(content))
        answer = _Answer(200, f"OK - {len(content)}".encode(), content_type="text/plain")
        return method, answer, params

    def _response_url(
        self, key: str, query: str, headers: dict[str, str], body: bytes
    ) -> tuple[str, _Answer, dict[str, Any]]:
        method = "response_url"
        try:
            params = _parse_params(query, _content_type(headers), body)
        except SlackMethodError:
            return (
                method,
                _Answer(400, b"invalid_payload", content_type="text/plain"),
                {"_key": key},
            )
        params["_key"] = key
        injected = self._failure_answer(method, params)
        if injected is not None:
            return method, injected, params
        target = self._workspace.response_urls.get(key)
        if target is not None:
            try:
                _respond(self._workspace, target, params)
            except SlackMethodError as error:
                return method, _Answer(404, error.error.encode(), content_type="text/plain"), params
        return method, _Answer.json({"ok": True}), params


def _ts_order(ts: str) -> tuple[int, int]:
    seconds, _, micros = ts.partition(".")
    return int(seconds or 0), int(micros or 0)


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")
