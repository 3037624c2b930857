"""Shared pieces of the benchmarks: processes, signed requests, percentiles."""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parent.parent
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench"


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p99": percentile(values, 99),
        "max": max(values),
    }


def pin_to_cpu(pid: int, cpu: int) -> None:
    """Keep a process on one CPU when the machine has more than one, so the measured
    server and the load (client, fake Slack) do not take each other's time slices."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(pid, {cpu % (os.cpu_count() or 1)})


def start_process(
    args: list[str], env: dict[str, str], cpu: int | None = None
) -> tuple[subprocess.Popen, int]:
    """Start a server process that prints `READY <port>` when it listens."""
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        text=True,
    )
    if cpu is not None:
        pin_to_cpu(process.pid, cpu)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY "):
        process.kill()
        raise RuntimeError(f"{args} did not start: {line!r}")
    return process, int(line.split()[1])


def server_env(api_url: str, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a benchmarked server: the bench's Slack credentials, the fake
    Slack's API, its own store, no scheduler, any free port; `settings` add to it."""
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "SENSORBOT_SCHEDULER": "off",
        "PORT": "0",
        **settings,
    }


def stop_process(process: subprocess.Popen) -> None:
    """End it, reading what it still prints meanwhile (a report larger than the pipe holds
    would keep it from ending)."""
    process.terminate()
    process.communicate(timeout=10)


def signed_command(user_id: str, text: str, response_url: str) -> tuple[bytes, dict[str, str]]:
    body = urllib.parse.urlencode(
        {
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": user_id,
            "command": "/sensur",
            "text": text,
            "response_url": response_url,
            "trigger_id": "t",
        }
    ).encode()
    ts = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=body)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }
    return body, headers


class KeepAliveClient:
    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, float]:
        status, seconds, _ = self.post_reading(body, headers)
        return status, seconds

    def post_reading(self, body: bytes, headers: dict[str, str]) -> tuple[int, float, str]:
        """`post`, with the answer's body as text."""
        start = time.perf_counter()
        self.connection.request("POST", "/slack/events", body=body, headers=headers)
        answer = self.connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        return answer.status, time.perf_counter() - start, text


# -- figures: what every benchmark module's `figures()` returns ---------------------------

Figure = dict[str, object]


def analyse(engine) -> None:  # noqa: ANN001 - an Engine; bench.common imports no store
    """On PostgreSQL, the statistics a server in use has of its tables: autovacuum analyses
    them after a large load, and a scratch database on a server without it has none, so
    its plans would be for empty tables."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")


def figure(name: str, target: str, measured: str, ratio: float | None, met: bool | None) -> Figure:
    """One row of `python -m bench`: what was measured, its target, the measurement, the
    ratio the target is about (None when it is not a ratio) and whether the target is met
    (None: a figure reported beside a target that applies elsewhere)."""
    return {"figure": name, "target": target, "measured": measured, "ratio": ratio, "met": met}


def print_figures(figures: list[Figure]) -> None:
    """The rows as a Markdown table: figure | target | measured | ratio | met."""
    print("| figure | target | measured | ratio | met |")
    print("|---|---|---|---|---|")
    for row in figures:
        ratio = row.get("ratio")
        shown = f"{ratio:.2f}" if isinstance(ratio, int | float) else ""
        met = {True: "yes", None: "reported"}.get(row.get("met"), "**no**")  # type: ignore[arg-type]
        print(f"| {row['figure']} | {row['target']} | {row['measured']} | {shown} | {met} |")
