"""The demo page and its small JSON API, served on 127.0.0.1 only.

The page (`static/`: plain HTML, CSS and JavaScript, no build step, nothing from a CDN)
shows one person's DM with the bot, their Home tab and any modal, renders the Block Kit
the bot sent, and sends what the person does to the API below, which the
`DemoWorkspace` turns into signed Slack requests.

    GET  /                       the page
    GET  /api/workspace          people, the page's texts, user names for mentions
    GET  /api/state?user=&after= the person's view, waiting up to 20 s for a change
    POST /api/send               {"user", "text"}: a message, or a `/sensur …` command
    POST /api/upload?user=&name= the file as the body: shared in the DM
    POST /api/home               {"user"}: the Home tab opened
    POST /api/action             {"user", "surface", "ts", "action", "values"}
    POST /api/submit             {"user", "values"}: the open modal submitted
    POST /api/close              {"user"}: the open modal closed
    POST /api/time-travel        {"at": "2026-12-20T09:00"}: a scheduler pass then
    GET  /api/file/ID            a file shared in the workspace, to download
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from bot.demo.workspace import HOST, DemoWorkspace
from bot.i18n import t

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 2**20
STATE_WAIT_SECONDS = 20.0

_STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/page.css": ("page.css", "text/css; charset=utf-8"),
}

# The texts the page shows (GET /api/workspace sends them in the page's language).
PAGE_KEYS = (
    "demo.page.title",
    "demo.page.local_only",
    "demo.page.show_as",
    "demo.page.messages",
    "demo.page.home",
    "demo.page.compose",
    "demo.page.send",
    "demo.page.share_file",
    "demo.page.only_you",
    "demo.page.download",
    "demo.page.time_travel",
    "demo.page.time_travel_help",
    "demo.page.run_pass",
    "demo.page.cancel",
    "demo.page.submit",
    "demo.page.choose",
    "demo.page.no_home",
    "demo.page.empty_dm",
    "demo.page.requests",
    "demo.page.refused",
)


class BadRequest(Exception):
    """The page asked for something that is not there or not well formed."""


class PageServer:
    """The page on http://127.0.0.1:`port` (0: a free port), served by a thread."""

    def __init__(self, demo: DemoWorkspace, port: int) -> None:
        self.demo = demo
        self._server = _Server((HOST, port), _Handler, self)
        self.port = self._server.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="demo-page",
            daemon=True,
        )
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- the API -----------------------------------------------------------------------

    def workspace(self, query: dict[str, str]) -> dict[str, Any]:
        lang = self.demo.settings.default_language
        users = self.demo.slack.users
        return {
            "lang": lang,
            "texts": {key: t(lang, key) for key in PAGE_KEYS},
            "people": [
                {
                    "id": p.user_id,
                    "name": p.name,
                    "role": t(lang, p.role_key),
                }
                for p in self.demo.people
            ],
            "users": {uid: u.get("real_name") or u["name"] for uid, u in users.items()},
            "bot": "Sensorbot",
            "timezone": self.demo.settings.timezone,
        }

    def state(self, query: dict[str, str]) -> dict[str, Any]:
        after = int(query.get("after") or -1)
        self.demo.slack.wait_for_change(after, STATE_WAIT_SECONDS)
        return self.demo.state(_required(query, "user"))

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        return _answer(self.demo.send(_required(body, "user"), _required(body, "text")))

    def home(self, body: dict[str, Any]) -> dict[str, Any]:
        return _answer(self.demo.open_home(_required(body, "user")))

    def action(self, body: dict[str, Any]) -> dict[str, Any]:
        action = body.get("action")
        if not isinstance(action, dict) or not action.get("action_id"):
            raise BadRequest("action")
        answer = self.demo.act(
            _required(body, "user"),
            _required(body, "surface"),
            action,
            body.get("values") or {},
            message_ts=body.get("ts"),
        )
        return _answer(answer)

    def submit(self, body: dict[str, Any]) -> dict[str, Any]:
        errors = self.demo.submit(_required(body, "user"), body.get("values") or {})
        return {"errors": errors}

    def close_modal(self, body: dict[str, Any]) -> dict[str, Any]:
        self.demo.close_modal(_required(body, "user"))
        return {}

    def time_travel(self, body: dict[str, Any]) -> dict[str, Any]:
        text = _required(body, "at")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as error:
            raise BadRequest("at") from error
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.demo.settings.tz)
        return {"lines": self.demo.time_travel(moment.astimezone(UTC))}

    def upload(self, query: dict[str, str], content: bytes) -> dict[str, Any]:
        return _answer(
            self.demo.upload(_required(query, "user"), _required(query, "name"), content)
        )


def _required(values: dict[str, Any], name: str) -> str:
    value = values.get(name)
    if not isinstance(value, str) or not value:
        raise BadRequest(name)
    return value


def _answer(answer: Any) -> dict[str, Any]:
    return {"kind": answer.kind, "status": answer.status}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type, page: PageServer) -> None:
        super().__init__(address, handler)
        self.page = page

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page closed or reloaded during a long poll hangs up; that is not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("demo page: %s hung up", client_address)
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _foreign(self) -> bool:
        """A request this page did not make: another site's page in the same browser
        (DNS rebinding: a Host that is not ours), refused with 403."""
        port = self.server.page.port
        if self.headers.get("Host") in (f"{HOST}:{port}", f"localhost:{port}"):
            return False
        self._send(403, b"forbidden", "text/plain; charset=utf-8")
        return True

    def do_GET(self) -> None:
        if self._foreign():
            return
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        page = self.server.page
        if url.path in _STATIC:
            name, content_type = _STATIC[url.path]
            content = resources.files("bot.demo").joinpath("static", name).read_bytes()
            if name == "index.html":
                lang = page.demo.settings.default_language
                content = content.replace(b'lang="en"', f'lang="{lang}"'.encode())
            self._send(200, content, content_type)
        elif url.path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        elif url.path.startswith("/api/file/"):
            self._file(url.path.removeprefix("/api/file/"))
        elif url.path == "/api/workspace":
            self._json(page.workspace, query)
        elif url.path == "/api/state":
            self._json(page.state, query)
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if self._foreign():
            return
        url = urlsplit(self.path)
        page = self.server.page
        # Only the page's own script sends these types: a form on another site cannot
        # without a CORS preflight, which this server never grants.
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        expected = "application/octet-stream" if url.path == "/api/upload" else "application/json"
        if content_type != expected:
            self._send(415, b"unsupported content type", "text/plain; charset=utf-8")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_UPLOAD_BYTES:
            self._send(413, b"too large", "text/plain; charset=utf-8")
            return
        body = self.rfile.read(length) if length else b""
        if url.path == "/api/upload":
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            self._json(lambda q: page.upload(q, body), query)
            return
        routes: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "/api/send": page.send,
            "/api/home": page.home,
            "/api/action": page.action,
            "/api/submit": page.submit,
            "/api/close": page.close_modal,
            "/api/time-travel": page.time_travel,
        }
        route = routes.get(url.path)
        if route is None:
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        try:
            document = json.loads(body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            self._send(400, b"not JSON", "text/plain; charset=utf-8")
            return
        self._json(route, document if isinstance(document, dict) else {})

    def _json(self, route: Callable[[Any], dict[str, Any]], argument: Any) -> None:
        try:
            document = route(argument)
        except (BadRequest, KeyError) as error:
            self._send(400, json.dumps({"error": str(error)}).encode(), "application/json")
            return
        self._send(200, json.dumps(document).encode(), "application/json; charset=utf-8")

    def _file(self, file_id: str) -> None:
        found = self.server.page.demo.slack.file(file_id)
        if found is None:
            self._send(404, b"no such file", "text/plain; charset=utf-8")
            return
        info, content = found
        disposition = f"attachment; filename*=UTF-8''{quote(info['name'])}"
        self._send(200, content, info["mimetype"], {"Content-Disposition": disposition})

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("demo page: " + format, *args)
