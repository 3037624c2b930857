"""HTTP mode: Slack at POST /slack/events and a health check at GET /healthz, served by
waitress (a production WSGI server); and Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterable
from threading import Event, Thread
from typing import Any, Protocol, cast

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from waitress import wasyncore
from waitress.server import create_server
from waitress.task import ThreadedTaskDispatcher

from bot.app import create_answering_app
from bot.inspera.webhooks import INSPERA_EVENTS_PATH, inspera_events
from bot.inspera.wire import SIGNATURE_ENVIRON
from bot.runtime import Runtime
from bot.scheduling.delivery import send_now
from bot.slack.ack_first import AckFirstApp
from bot.slack.inbound import read_envelope, signature_is_valid
from bot.work_process import WorkProcess
from models.db import is_reachable

logger = logging.getLogger(__name__)

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's requests are a few kilobytes, a large modal's a few hundred; anything near this
# is not from Slack and is refused before it is read whole (waitress stops receiving it).
MAX_BODY_BYTES = 2 * 2**20

CONNECTION_LIMIT = 1000

StartResponse = Callable[..., Any]


class HTTPServer(Protocol):
    """The waitress server listening on one host and port, as this module uses it (the
    type stubs leave out the attributes waitress sets once it is bound)."""

    effective_host: str
    effective_port: int
    task_dispatcher: ThreadedTaskDispatcher
    _map: dict[int, Any]

    def run(self) -> None: ...


class SensorbotWSGI:
    def __init__(self, app: App, runtime: Runtime) -> None:
        self._slack = SlackRequestHandler(app, path=SLACK_PATH)
        self._runtime = runtime
        self._signing_secret = runtime.settings.slack_signing_secret or ""
        # While Slack waits for an answer, the listeners' slow work yields the CPU to it.
        ack_first = app.ack_first if isinstance(app, AckFirstApp) else None
        self._answering = ack_first.answering if ack_first is not None else contextlib.nullcontext
        self._ack_first = ack_first

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return self._health(start_response)
        if path == SLACK_PATH and method == "POST":
            with self._answering():
                return self._slack_request(environ, start_response)
        if path == INSPERA_EVENTS_PATH and method == "POST":
            body, signature = _bounded_body(environ), environ.get(SIGNATURE_ENVIRON)
            answer = inspera_events(
                self._runtime.settings,
                self._runtime.engine,
                body,
                signature,
                send=lambda keys: send_now(self._runtime, keys),
            )
            return _plain(start_response, *answer)
        return _plain(start_response, "404 Not Found", "not found")

    def _slack_request(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        """Bolt sees only a signed, well-formed request of bounded size; the rest is refused
        here with 413, 401 or 400 (and a line in the log, not a traceback)."""
        body = _bounded_body(environ)
        if body is None:
            logger.info(
                "refused a request to %s: body larger than %d bytes", SLACK_PATH, MAX_BODY_BYTES
            )
            return _plain(start_response, "413 Request Entity Too Large", "request too large")
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE")
        if not signature_is_valid(self._signing_secret, body, timestamp, signature, time.time()):
            logger.info("refused a request to %s: missing or invalid signature", SLACK_PATH)
            return _plain(start_response, "401 Unauthorized", "invalid request")
        payload, problem = read_envelope(body, environ.get("CONTENT_TYPE"))
        if payload is None:
            logger.warning("refused a signed request to %s: %s", SLACK_PATH, problem)
            return _plain(start_response, "400 Bad Request", "malformed request")
        if self._ack_first is not None:
            answer = self._ack_first.answer_at_once(payload, body.decode(), _slack_headers(environ))
            if answer is not None:  # written as Bolt's adapter writes its answers
                written = WsgiHttpResponse(answer.status, answer.headers, answer.body)
                start_response(written.status, written.get_headers())
                return written.get_body()
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self._slack(environ, start_response)

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        if is_reachable(self._runtime.engine):
            return _plain(start_response, "200 OK", "ok")
        return _plain(start_response, "503 Service Unavailable", "store unreachable")


def _slack_headers(environ: dict) -> dict[str, str]:
    """The headers of a request from Slack that its listeners read: its content type, and
    Slack's own (the signature, a retry's number and reason)."""
    headers = {"content-type": environ.get("CONTENT_TYPE") or ""}
    for key, value in environ.items():
        if key.startswith("HTTP_X_SLACK_"):
            headers[key[5:].replace("_", "-").lower()] = value
    return headers


def _bounded_body(environ: dict) -> bytes | None:
    """The request body, or None when it is (or says it is) larger than MAX_BODY_BYTES.
    Never reads more than one byte beyond the limit, whatever the server in front does
    with Content-Length and chunked bodies."""
    declared = environ.get("CONTENT_LENGTH") or ""
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    body = stream.read(MAX_BODY_BYTES + 1)
    return None if len(body) > MAX_BODY_BYTES else body


def _plain(start_response: StartResponse, status: str, text: str) -> Iterable[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
    return [text.encode() + b"\n"]


def create_http_server(
    app: App, runtime: Runtime, host: str | None = None, port: int | None = None
) -> HTTPServer:
    """A waitress server, not yet running, on HOST and PORT unless given; `port=0` picks a
    free port (tests, benchmarks)."""
    server = create_server(
        SensorbotWSGI(app, runtime),
        host=runtime.settings.host if host is None else host,
        port=runtime.settings.port if port is None else port,
        threads=runtime.settings.http_threads,
        # waitress stops accepting at 100 open connections by default; a burst of Slack's
        # requests beyond that would wait a second for the client to retry the connection.
        connection_limit=CONNECTION_LIMIT,
        ident="sensorbot",
        # waitress answers 413 itself once a body (declared or chunked) passes this.
        max_request_body_size=MAX_BODY_BYTES + 1,
        clear_untrusted_proxy_headers=True,
    )
    return cast(HTTPServer, server)


class BackgroundHTTPServer:
    """A waitress server run by a thread of this process (tests, benchmarks).

    Every socket is opened, watched and closed by that one thread: `stop()` only sets a
    flag, the thread leaves its loop, lets the workers finish, then closes the sockets.
    """

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.port = server.effective_port
        self._stopping = Event()
        self._thread = Thread(target=self._run, name="http-server", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        poll_seconds = 0.05
        while not self._stopping.is_set():
            wasyncore.loop(timeout=poll_seconds, map=self.server._map, count=1)
        self.server.task_dispatcher.shutdown()
        wasyncore.close_all(self.server._map)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)


# How long a thread may keep the interpreter while another waits for it (Python's default is
# 5 ms). The thread reading every request and the ones answering them wait for it each time
# a listener's slow work has run; a shorter turn keeps acks in milliseconds beside that work.
SWITCH_INTERVAL_SECONDS = 0.0005


def favour_answering_threads() -> None:
    """Short interpreter turns; and what start-up made (modules, the app, its listeners),
    which lives as long as the process, left out of the garbage collector's full
    collections, which otherwise walk it all and hold every thread meanwhile."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    gc.collect()
    gc.freeze()


def serve_http(
    runtime: Runtime,
    *,
    host: str | None = None,
    port: int | None = None,
    serving: Callable[[HTTPServer], None] = lambda _server: None,
) -> None:
    """Serve until SIGTERM or Ctrl-C: this process answers Slack, the work process does
    the slow work and runs the scheduler. In-flight requests finish first, then what was
    handed to the work process. `serving` is told the server before it serves."""
    work = WorkProcess(runtime.settings)
    work.start()
    try:
        app = create_answering_app(runtime, work)
        server = create_http_server(app, runtime, host, port)
        favour_answering_threads()
        logger.info(
            "serving Slack at http://%s:%s%s; the slow work in process %s",
            server.effective_host,
            server.effective_port,
            SLACK_PATH,
            work.pid,
        )
        serving(server)
        _exit_on_sigterm()
        server.run()  # waitress drains its task queue on SystemExit/KeyboardInterrupt
    finally:
        work.stop()


def serve_socket_mode(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, app_token)
    _exit_on_sigterm()
    try:
        handler.start()
    finally:
        handler.close()


def _exit_on_sigterm() -> None:
    def _raise_exit(signum, _frame) -> None:
        logger.info("received signal %s, shutting down", signum)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _raise_exit)
