"""Serve one app for the benchmark: `sensorbot` (the real app, served as `sensorbot run`
serves it, with its work process) or `bare` (a Bolt app that only acks `/sensur`), both
through the same waitress server and WSGI adapter."""

from __future__ import annotations

import argparse
import logging

from slack_bolt import App

from bot.app import create_web_client
from bot.runtime import Runtime
from bot.server import HTTPServer, create_http_server, favour_answering_threads, serve_http
from bot.settings import Settings
from models.db import make_engine, upgrade


def bare_app(settings: Settings) -> App:
    """Acknowledging in the request's own thread, as Sensorbot's app does: Bolt's default
    acks from a thread of its own, and the request thread polls for it every 10 ms."""
    app = App(
        client=create_web_client(settings),
        signing_secret=settings.slack_signing_secret,
        token_verification_enabled=False,
        process_before_response=True,
    )

    @app.command("/sensur")
    def ack_only(ack) -> None:
        ack()

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["sensorbot", "bare"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    runtime = Runtime(settings, engine)

    def ready(server: HTTPServer) -> None:
        print(f"READY {server.effective_port}", flush=True)

    if args.kind == "sensorbot":
        serve_http(runtime, host="127.0.0.1", serving=ready)  # as `sensorbot run` serves
        return
    server = create_http_server(bare_app(settings), runtime, host="127.0.0.1")
    favour_answering_threads()
    ready(server)
    server.run()


if __name__ == "__main__":
    main()
