"""Pacing: 500 opened notices delivered by `sensorbot run` to a rate-limited fake Slack.

    python -m bench.pacing [--postgres URL] [--rounds 3] [--notices 500]
                           [--parts sqlite,postgresql,kill]

The fake Slack runs in its own process (`bench.fake_slack_process --rate-limit`) and limits
`chat.postMessage` as Slack does, with a token bucket: one post a second per conversation, a
workspace burst of 50, then 2 posts a second, 429 + `Retry-After` beyond it. The bot is
`sensorbot run` with the default tick (60 s), started on a store (SQLite, and PostgreSQL
when --postgres or SENSORBOT_TEST_POSTGRES_URL is given) holding one test with 500 graders,
opened a minute ago. Measured, with the fake's own record of every post:
- time to deliver all: from the bot's first post, and from its start, until the fake has
  accepted the last notice;
- the minimum the limit imposes: the burst at once, then the rest at the steady rate,
  (500 - 50) / 2 = 225 s after the first post; the ratio of the two (target ≤ 1.2);
- the 429s the fake answered, and each notice delivered exactly once (duplicates and lost
  counted in the fake, by the outbox key every post carries).
Kill: the bot is killed with SIGKILL once a third of the notices are sent, started again at
once, and run until every notice is sent; nothing may be lost or sent twice. A claim held
by the killed process comes back after the claim lease (`CLAIM_LEASE`, 5 minutes), marked
"delivery uncertain", so the one documented window (killed after Slack accepted, before
the outcome was recorded) is checked in the DM's history before posting again.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Figure, figure, server_env, start_process
from bench.scheduler_pass import delivery_setup
from bot.scheduling.outbox import OutboxCounts, counts
from bot.scheduling.pacing import Limits
from models.db import make_engine, session_scope, upgrade
from models.types import utcnow
from tests.support.stores import scratch_postgres_database

TIMEOUT = 1800.0  # seconds; a run that takes longer has failed


@dataclass
class Run:
    notices: int
    from_first_post: float
    from_start: float
    rate_limited: int
    duplicates: int
    lost: int
    reclaimed: int = 0
    found_in_history: int = 0
    killed_with: OutboxCounts | None = None
    longest_gaps: tuple[tuple[float, float], ...] = ()  # (seconds, after the first post)

    @property
    def minimum(self) -> float:
        fake = Limits()  # the fake's limit: FakeSlack.rate_limit's defaults
        return max(self.notices - fake.workspace_burst, 0) / fake.workspace_rate

    @property
    def ratio(self) -> float:
        return self.from_first_post / self.minimum if self.minimum else float("nan")


class Bot:
    """`sensorbot run` with the default tick, its output in a file."""

    def __init__(self, environment: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("a") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def bot_environment(api_url: str, database_url: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SENSORBOT_"))}
    settings = server_env(api_url, database_url, SENSORBOT_SCHEDULER="on")
    return {**inherited, **settings}


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.25)  # polling the store, not timing anything


def deliver(url: str, notices: int, kill_after: int | None, workdir: Path) -> Run:
    engine = make_engine(url)
    upgrade(engine)
    delivery_setup(engine, utcnow(), notices)

    def outbox() -> OutboxCounts:
        with session_scope(engine) as session:
            return counts(session)

    fake, port = start_process(
        ["-m", "bench.fake_slack_process", str(notices), "--rate-limit", "--report"], {}, cpu=1
    )
    log = workdir / "bot.log"
    log.write_text("")
    environment = bot_environment(f"http://127.0.0.1:{port}/api/", url)
    killed_with = None
    try:
        started = time.monotonic()
        bot = Bot(environment, log)
        if kill_after is not None:
            wait_until(lambda: outbox().sent >= kill_after, f"{kill_after} notices sent")
            bot.kill()
            killed_with = outbox()
            bot = Bot(environment, log)
        wait_until(lambda: outbox().sent >= notices, f"{notices} notices sent")
        bot.stop()
    finally:
        fake.terminate()
        output, _ = fake.communicate(timeout=60)
        engine.dispose()
    report = json.loads(output.split("REPORT ", 1)[1])
    keys: dict[str, int] = report["keys"]
    expected = {f"opened:BIG-1:user{i}@ntnu.no" for i in range(notices)}
    text = log.read_text()
    return Run(
        notices=notices,
        from_first_post=report["last_accepted"] - report["first_call"],
        from_start=report["last_accepted"] - started,
        rate_limited=report["rate_limited"],
        duplicates=sum(count - 1 for count in keys.values() if count > 1),
        lost=len(expected - set(keys)),
        reclaimed=text.count("from an expired claim"),
        found_in_history=text.count("had reached Slack already"),
        killed_with=killed_with,
        longest_gaps=tuple(
            (length, begun - report["first_call"]) for length, begun in report["longest_gaps"]
        ),
    )


def with_store(store: str, postgres: str | None, action: Callable[[str, Path], Run]) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if store == "SQLite":
            return action(f"sqlite:///{workdir / 'pacing.db'}", workdir)
        assert postgres is not None
        with scratch_postgres_database(postgres) as url:
            return action(url, workdir)


def print_run(label: str, run: Run) -> None:
    print(
        f"  {label:<28} {run.from_first_post:>9.1f} {run.from_start:>9.1f} {run.minimum:>8.1f} "
        f"{run.ratio:>6.2f} {run.rate_limited:>5} {run.duplicates:>5} {run.lost:>5}",
        flush=True,
    )


def print_gaps(run: Run) -> None:
    gaps = ", ".join(f"{length:.1f} s at {at:.0f} s" for length, at in run.longest_gaps)
    print(f"    longest pauses between two posts: {gaps}")


def header(title: str) -> None:
    print(f"\n{title}")
    print(
        f"  {'run':<28} {'1st post':>9} {'start':>9} {'minimum':>8} {'ratio':>6} "
        f"{'429s':>5} {'twice':>5} {'lost':>5}"
    )
    print(f"  {'':<28} {'→ all, s':>9} {'→ all, s':>9} {'s':>8}")


def measure(store: str, postgres: str | None, notices: int, rounds: int) -> Run:
    header(f"{store}: {notices} notices, sensorbot run, default tick")
    runs = []
    for number in range(1, rounds + 1):
        run = with_store(store, postgres, lambda url, wd: deliver(url, notices, None, wd))
        print_run(f"round {number}", run)
        print_gaps(run)
        runs.append(run)
    median = Run(
        notices,
        statistics.median(r.from_first_post for r in runs),
        statistics.median(r.from_start for r in runs),
        round(statistics.median(r.rate_limited for r in runs)),
        sum(r.duplicates for r in runs),
        sum(r.lost for r in runs),
    )
    print_run("median (twice/lost: total)", median)
    return median


TARGET_RATIO = 1.2


def run_figures(store: str, run: Run) -> list[Figure]:
    where = f"{store}, {run.notices} notices through sensorbot run, Slack's rate limit"
    return [
        figure(
            f"pacing: first post → all delivered, median, {where} (minimum {run.minimum:.0f} s)",
            f"≤ {TARGET_RATIO}× minimum",
            f"{run.from_first_post:.1f} s",
            run.ratio,
            run.ratio <= TARGET_RATIO,
        ),
        figure(
            f"pacing: notices sent twice / lost, {where}",
            "0 / 0",
            f"{run.duplicates} / {run.lost}",
            None,
            run.duplicates == 0 and run.lost == 0,
        ),
    ]


def figures(postgres: str | None = None, notices: int = 500, rounds: int = 1) -> list[Figure]:
    """The delivery time and exactly-once on SQLite, and on PostgreSQL when a server is
    given (default SENSORBOT_TEST_POSTGRES_URL); about four minutes a round and store."""
    postgres = postgres or os.environ.get("SENSORBOT_TEST_POSTGRES_URL")
    stores = ["SQLite"] + (["PostgreSQL"] if postgres else [])
    rows: list[Figure] = []
    for store in stores:
        rows += run_figures(store, measure(store, postgres, notices, rounds))
    return rows


def measure_kill(store: str, postgres: str | None, notices: int) -> None:
    header(f"{store}: {notices} notices, SIGKILL once a third are sent, restarted at once")
    run = with_store(store, postgres, lambda url, wd: deliver(url, notices, notices // 3, wd))
    print_run("kill -9 and restart", run)
    print_gaps(run)
    held = run.killed_with
    print(
        f"  at the kill: {held.sent if held else '?'} sent, {held.sending if held else '?'} "
        f"claimed by the killed process; after the restart {run.reclaimed} reclaimed when "
        f"their claim expired, {run.found_in_history} of them found already in Slack"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", default=os.environ.get("SENSORBOT_TEST_POSTGRES_URL"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--notices", type=int, default=500)
    parser.add_argument("--parts", default="sqlite,postgresql,kill")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    stores = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])
    for store in stores:
        if store.lower() in parts:
            measure(store, args.postgres, args.notices, args.rounds)
    if "kill" in parts:
        for store in stores:
            measure_kill(store, args.postgres, args.notices)


if __name__ == "__main__":
    main()
