"""HTTP mode: Slack at POST /slack/events and a health check at GET /healthz, served by
waitress (a production WSGI server); and Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterable
from threading import Event, Thread
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import create_server, wasyncore
from waitress.server import BaseWSGIServer, MultiSocketServer

from bot.runtime import Runtime
from models.db import is_reachable

logger = logging.getLogger(__name__)

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

StartResponse = Callable[..., Any]


class SensorbotWSGI:
    def __init__(self, app: App, runtime: Runtime) -> None:
        self._slack = SlackRequestHandler(app, path=SLACK_PATH)
        self._runtime = runtime

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return self._health(start_response)
        if path == SLACK_PATH and method == "POST":
            return self._slack(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        if is_reachable(self._runtime.engine):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
        return [b"store unreachable\n"]


def create_http_server(
    app: App, runtime: Runtime, host: str = "0.0.0.0", port: int | None = None
) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server, not yet running; `port=0` picks a free port (tests, benchmarks)."""
    return create_server(
        SensorbotWSGI(app, runtime),
        host=host,
        port=runtime.settings.port if port is None else port,
        threads=runtime.settings.http_threads,
        ident="sensorbot",
        clear_untrusted_proxy_headers=True,
    )


class BackgroundHTTPServer:
    """A waitress server run by a thread of this process (tests, benchmarks).

    Every socket is opened, watched and closed by that one thread: `stop()` only sets a
    flag, the thread leaves its loop, lets the workers finish, then closes the sockets.
    """

    def __init__(self, server: BaseWSGIServer | MultiSocketServer) -> None:
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


def serve_http(app: App, runtime: Runtime) -> None:
    """Serve until SIGTERM or Ctrl-C; in-flight requests finish first."""
    server = create_http_server(app, runtime)
    logger.info(
        "serving Slack at http://%s:%s%s", server.effective_host, server.effective_port, SLACK_PATH
    )
    _exit_on_sigterm()
    server.run()  # waitress drains its task queue on SystemExit/KeyboardInterrupt


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
