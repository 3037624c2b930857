"""`sensorbot` as separate processes, the way an operator runs it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.support.harness import BOT_TOKEN, SIGNING_SECRET, http_request


def sensorbot_environment(fake_slack, database_url: str, **extra: str) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SENSORBOT_"))
    }
    environment.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database_url,
        SENSORBOT_DEFAULT_LANGUAGE="en",
    )
    environment.update(extra)
    return environment


def run_cli(args: list[str], environment: dict[str, str], cwd: Path, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
    )


_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (DEBUG|INFO|WARNING|ERROR) ")


def said(output: str) -> list[str]:
    """What a command printed for its reader, without the log lines beside it."""
    return [line for line in output.splitlines() if not _LOG_LINE.match(line)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningProcess:
    """`sensorbot run` in HTTP mode on a free port, its output collected in a file."""

    def __init__(self, environment: dict[str, str], cwd: Path, name: str = "run") -> None:
        self.port = free_port()
        self.log_path = cwd / f"{name}.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=cwd,
            env={**environment, "PORT": str(self.port)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.base_url = f"http://127.0.0.1:{self.port}"

    @property
    def output(self) -> str:
        return self.log_path.read_text()

    def wait_until_serving(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if http_request(self.base_url + "/healthz").status == 200:
                    return
            except OSError:
                pass
            assert self.process.poll() is None, self.output
            assert time.monotonic() < deadline, "sensorbot run did not start serving"
            time.sleep(0.05)  # polling for the port to open, not timing anything

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        finally:
            self._log.close()
