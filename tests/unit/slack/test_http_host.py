"""`HOST`: the HTTP server listens on every interface unless told otherwise."""

from __future__ import annotations

from bot.app import create_app
from bot.runtime import Runtime
from bot.server import create_http_server
from tests.support.harness import make_settings


def test_the_server_listens_on_every_interface_by_default():
    assert make_settings("http://127.0.0.1:9/api/", "sqlite://").host == "0.0.0.0"


def test_host_narrows_where_the_server_listens(sqlite_engine):
    settings = make_settings("http://127.0.0.1:9/api/", "sqlite://", HOST="127.0.0.1")
    runtime = Runtime(settings, sqlite_engine)
    server = create_http_server(create_app(runtime), runtime, port=0)
    try:
        assert server.effective_host == "127.0.0.1"
    finally:
        server.close()
