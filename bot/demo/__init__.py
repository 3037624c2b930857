"""`sensorbot demo`: Sensorbot in a browser, without a Slack workspace.

One command starts the real app (the same Bolt app, HTTP endpoint and signature checks as
`sensorbot run`) against a local Slack workspace (`bot.workspace`), loads a sample roster
into an SQLite store and serves a page on 127.0.0.1 that shows the workspace as a grader,
an external grader or a study consultant sees it. For trying and training, never for
production.
"""

from __future__ import annotations

import logging
import signal
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from bot.i18n import t
from bot.settings import Settings


def run_demo(
    settings: Settings,
    port: int,
    *,
    folder: Path | None = None,
    open_browser: bool = False,
    say: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve the demo until `stop` is set or Ctrl-C; the store lives in `folder`, or in a
    temporary folder removed afterwards. Raises OSError when the port cannot be had."""
    from bot.demo.page import PageServer
    from bot.demo.workspace import DemoWorkspace

    lang = settings.default_language
    say = say or _say
    # The scheduler's every tick at INFO would bury the page's address.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="sensorbot-demo-") as scratch:
        where = folder or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        demo = DemoWorkspace(settings, where)
        try:
            page = PageServer(demo, port)
        except OSError:
            demo.close()
            raise
        try:
            say(t(lang, "demo.cli.serving", url=page.url))
            say(t(lang, "demo.cli.local_only"))
            say(t(lang, "demo.cli.folder", path=str(where)))
            say(t(lang, "demo.cli.stop"))
            if open_browser:
                webbrowser.open(page.url)
            _wait(stop or threading.Event())
        except KeyboardInterrupt:
            pass
        finally:
            page.close()
            demo.close()
    return 0


def _wait(stop: threading.Event) -> None:
    """Until `stop` is set, Ctrl-C, or SIGTERM (so that the folder is tidied either way)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    stop.wait()


def _say(line: str) -> None:
    print(line, flush=True)
