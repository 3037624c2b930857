"""Scheduler pass cost over 10,000 tests, and delivering 500 notices to the fake Slack.

    python -m bench.scheduler_pass [--postgres URL] [--passes 40] [--skip-history]
                                   [--parts sqlite,postgresql,delivery]

Store side (SQLite, and PostgreSQL when --postgres or SENSORBOT_TEST_POSTGRES_URL is
given), with a sender that does not talk to Slack so only the pass itself is measured:
- 10,000 tests (3 graders and 10 candidates each) spread over a year around "now", and
  10,000 tests all open at once (the worst case for the detection queries);
- a pass with nothing due, as the outbox history grows: 0 / 100k / 500k sent messages
  (ratio to 0 = the baseline measured in the same run);
- a pass with due work: 10 and 100 tests newly opened (30 and 300 notices), to show the
  cost grows with what is due.
Delivery: one test with 500 graders opened; the time one pass takes to deliver all 500
notices through the real Slack client to the fake Slack in its own process (lookup by
e-mail, users.info for the language, chat.postMessage), with pacing off (the fake has no
rate limit here; `bench.pacing` measures delivery under one).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, insert, select, update

from bench.common import (
    BOT_TOKEN,
    Figure,
    analyse,
    figure,
    pin_to_cpu,
    start_process,
    summary,
)
from bot.runtime import Runtime
from bot.scheduling.outbox import ClaimedMessage, Delivered
from bot.scheduling.pacing import Limits, Pacer
from bot.scheduling.scheduler import Scheduler, detect, run_pass
from bot.settings import Settings
from models.db import make_engine, upgrade
from models.tables import (
    Candidate,
    CommitteeMembership,
    Department,
    Grader,
    HandledOccasion,
    OutboxEntry,
    Test,
    TestConsultant,
)
from tests.support.stores import scratch_postgres_database, truncate_all

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2027, 3, 15, 10, 0, tzinfo=OSLO).astimezone(UTC)  # after 09:00: every step runs
TESTS = 10_000
GRADERS_PER_TEST = 3
CANDIDATES_PER_TEST = 10
GRADER_POOL = 5_000
HISTORY = (0, 100_000, 500_000)
CHUNK = 5_000
UNPACED = Limits(workspace_burst=1_000_000, conversation_spacing=0, dispatch_budget=600)


def not_sending(message: ClaimedMessage) -> Delivered:
    """Stands in for Slack: the store side of dispatching is measured, not the network."""
    return Delivered("D0", "0.0", "nb")


def settings_for(url: str, api_url: str = "http://127.0.0.1:9/api/") -> Settings:
    return Settings(
        _env_file=None,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET="bench",
        SLACK_API_URL=api_url,
        DATABASE_URL=url,
    )


# -- the store ---------------------------------------------------------------------------


def _bulk(engine: Engine, table, rows: list[dict]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), CHUNK):
            connection.execute(insert(table.__table__), rows[start : start + CHUNK])


def populate(engine: Engine, *, all_open: bool) -> None:
    """10,000 tests. Spread: submission deadlines over a year centred on NOW, opened the
    day after the deadline except every tenth. All open: every test ended within the last
    20 days and is open, so its deadline lies within the reminder and overdue windows."""
    truncate_all(engine)
    _bulk(engine, Department, [{"code": "IDI", "escalation_channel": None}])
    _bulk(
        engine,
        Grader,
        [
            {"email": f"g{i}@ntnu.no", "name": f"G {i}", "kind": "internal"}
            for i in range(GRADER_POOL)
        ],
    )
    tests, consultants, memberships, candidates = [], [], [], []
    for i in range(TESTS):
        if all_open:
            submission = NOW - timedelta(days=20) + timedelta(minutes=2 * i)
            opened = submission + timedelta(hours=1)
        else:
            submission = NOW - timedelta(days=180) + timedelta(days=360) * i / TESTS
            opened = submission + timedelta(days=1) if i % 10 else None
            opened = opened if opened is not None and opened <= NOW else None
        tests.append(
            {
                "test_id": f"T{i:05}",
                "course_code": f"C{i % 2000:04}",
                "title": None,
                "department": "IDI",
                "submission_deadline": submission,
                "grading_deadline": submission + timedelta(days=21),
                "grading_deadline_given": False,
                "grade_scale": "letter",
                "marking_mode": "private",
                "own_approval": "committee",
                "final_approval": "all",
                "opened_for_marking": opened,
                "guideline_published": True,
                "registration_only": False,
            }
        )
        consultants.append({"test_id": f"T{i:05}", "email": f"k{i % 50}@ntnu.no"})
        for g in range(GRADERS_PER_TEST):
            email = f"g{(i * GRADERS_PER_TEST + g) % GRADER_POOL}@ntnu.no"
            memberships.append({"test_id": f"T{i:05}", "committee": "1", "grader_email": email})
        for c in range(CANDIDATES_PER_TEST):
            candidates.append(
                {
                    "test_id": f"T{i:05}",
                    "candidate_id": f"{c}",
                    "committee": "1",
                    "status": "submitted",
                }
            )
    _bulk(engine, Test, tests)
    _bulk(engine, TestConsultant, consultants)
    _bulk(engine, CommitteeMembership, memberships)
    _bulk(engine, Candidate, candidates)


def settle(engine: Engine, settings: Settings) -> int:
    """Handle everything due at NOW, then mark every message sent: the steady state."""
    stored = 0
    while True:
        added = sum(detect(engine, settings, NOW).enqueued.values())
        if not added:
            break
        stored += added
    with engine.begin() as connection:
        connection.execute(
            update(OutboxEntry.__table__).values(status="sent", sent_at=NOW, attempts=1)
        )
    return stored


def add_history(engine: Engine, count: int, start: int) -> None:
    rows = [
        {
            "key": f"history:{start + i}",
            "kind": "reminder",
            "test_id": f"T{(start + i) % TESTS:05}",
            "to_email": f"g{i % GRADER_POOL}@ntnu.no",
            "payload": "{}",
            "status": "sent",
            "attempts": 1,
            "next_attempt_at": NOW - timedelta(days=400),
            "delivery_uncertain": False,
            "created_at": NOW - timedelta(days=400),
            "sent_at": NOW - timedelta(days=400),
        }
        for i in range(count)
    ]
    _bulk(engine, OutboxEntry, rows)


def timed(action: Callable[[], object], runs: int, before: Callable[[], None] | None = None):
    seconds = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return seconds


def one_pass(engine: Engine, settings: Settings) -> Callable[[], object]:
    """A pass that sends without pacing: with `not_sending` there is no Slack to pace for,
    and waiting between posts would measure the pacer's sleeps instead of the pass."""
    return lambda: run_pass(engine, settings, not_sending, NOW, "bench", pacer=Pacer(UNPACED))


def reopen(engine: Engine, count: int) -> Callable[[], None]:
    """Make `count` open tests newly opened again by forgetting their notices (not timed)."""
    with engine.connect() as connection:
        ids = list(
            connection.execute(
                select(Test.test_id)
                .where(Test.opened_for_marking <= NOW, Test.grading_deadline > NOW)
                .order_by(Test.test_id)
                .limit(count)
            ).scalars()
        )
    if len(ids) < count:
        raise RuntimeError(f"only {len(ids)} open tests to reopen, {count} wanted")

    def forget() -> None:
        with engine.begin() as connection:
            connection.execute(
                delete(HandledOccasion.__table__).where(
                    HandledOccasion.test_id.in_(ids), HandledOccasion.occasion == "opened"
                )
            )
            connection.execute(
                delete(OutboxEntry.__table__).where(
                    OutboxEntry.test_id.in_(ids), OutboxEntry.kind == "opened"
                )
            )

    return forget


def line(label: str, seconds: list[float], baseline: float | None = None) -> str:
    s = summary(seconds)
    ratio = f"{s['p50'] / baseline:>7.2f}" if baseline else f"{'':>7}"
    return f"  {label:<58} {s['n']:>4} {s['p50'] * 1000:>9.2f} {s['p99'] * 1000:>9.2f} {ratio}"


TARGET_MS = 200
DUE = (10, 100)  # tests newly opened in a pass with due work


def measure_store(url: str, label: str, passes: int, history: bool) -> list[Figure]:
    """Prints every case; returns the figures of the nothing-due passes (SPEC §7: ≤ 200 ms,
    not growing with history; the ratio is against the same store without history) and of
    the passes with due work (growing with it, at most in proportion)."""
    rows: list[Figure] = []
    engine = make_engine(url)
    upgrade(engine)
    settings = settings_for(url)
    print(f"\n{label}: scheduler pass, {TESTS:,} tests")
    print(f"  {'case':<58} {'n':>4} {'p50 ms':>9} {'p99 ms':>9} {'ratio':>7}")
    for all_open in (False, True):
        kind = "all open" if all_open else "spread over a year"
        populate(engine, all_open=all_open)
        settle(engine, settings)
        baseline = None
        added = 0
        for size in HISTORY if history else (0,):
            add_history(engine, size - added, added)
            added = size
            analyse(engine)
            seconds = timed(one_pass(engine, settings), passes)
            baseline = baseline or statistics.median(seconds)
            print(line(f"{kind}, nothing due, {size:,} sent in history", seconds, baseline))
            stats = summary(seconds)
            rows.append(
                figure(
                    f"scheduler pass, {label}, {TESTS:,} tests {kind}, nothing due, "
                    f"{size:,} sent in history (ratio: p50 against no history)",
                    f"p99 ≤ {TARGET_MS} ms",
                    f"{stats['p50'] * 1000:.1f} / {stats['p99'] * 1000:.1f} ms p50 / p99",
                    stats["p50"] / baseline,
                    stats["p99"] * 1000 <= TARGET_MS,
                )
            )
        due_p50: dict[int, float] = {}
        for due in DUE:
            seconds = timed(one_pass(engine, settings), max(passes // 4, 5), reopen(engine, due))
            name = f"{kind}, {due} tests opened ({due * GRADERS_PER_TEST} notices)"
            print(line(name, seconds, baseline))
            due_p50[due] = statistics.median(seconds)
        few, many = DUE
        growth = due_p50[many] / due_p50[few]
        rows.append(
            figure(
                f"scheduler pass, {label}, {TESTS:,} tests {kind}, {many} tests opened "
                f"({many * GRADERS_PER_TEST} notices) (ratio: p50 against {few} tests opened)",
                f"grows with due work, at most in proportion (≤ {many // few}×)",
                f"{due_p50[few] * 1000:.1f} → {due_p50[many] * 1000:.1f} ms p50",
                growth,
                growth <= many / few,
            )
        )
    engine.dispose()
    return rows


def figures(postgres: str | None = None, passes: int = 40) -> list[Figure]:
    """The nothing-due passes on SQLite, and on PostgreSQL when a server is given (default
    SENSORBOT_TEST_POSTGRES_URL), as the outbox history grows."""
    postgres = postgres or os.environ.get("SENSORBOT_TEST_POSTGRES_URL")
    pin_to_cpu(os.getpid(), 0)
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure_store(f"sqlite:///{tmp}/bench.db", "SQLite", passes, True)
    if postgres:
        with scratch_postgres_database(postgres) as url:
            rows += measure_store(url, "PostgreSQL", passes, True)
    return rows


# -- delivery ----------------------------------------------------------------------------


def measure_delivery(rounds: int) -> None:
    print("\nDelivering 500 opened notices to the fake Slack (one pass, real Slack client)")
    print(f"  {'round':<58} {'s':>9} {'ms/msg':>9}")
    fake, port = start_process(["-m", "bench.fake_slack_process", "500"], {}, cpu=1)
    try:
        for round_number in range(1, rounds + 1):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/delivery.db"
                engine = make_engine(url)
                upgrade(engine)
                delivery_setup(engine, NOW)
                scheduler = Scheduler(
                    Runtime(settings_for(url, f"http://127.0.0.1:{port}/api/"), engine)
                )
                # The fake Slack here has no rate limit: the delivery path's own cost is
                # measured, not the pace (bench.pacing measures that).
                scheduler.pacer = Pacer(UNPACED)
                start = time.perf_counter()
                report = scheduler.run_pass(NOW)
                seconds = time.perf_counter() - start
                engine.dispose()
            if report.total("sent") != 500:
                raise RuntimeError(f"delivered {report.total('sent')} of 500: {report}")
            print(f"  {round_number:<58} {seconds:>9.2f} {seconds / 500 * 1000:>9.2f}")
    finally:
        fake.terminate()
        fake.wait(timeout=10)


def delivery_setup(engine: Engine, now: datetime, graders: int = 500) -> None:
    """One test with `graders` graders (`user0@ntnu.no`, …), opened a minute before `now`."""
    _bulk(engine, Department, [{"code": "IDI", "escalation_channel": None}])
    _bulk(
        engine, Grader, [{"email": f"user{i}@ntnu.no", "kind": "internal"} for i in range(graders)]
    )
    submission = now - timedelta(days=2)
    _bulk(
        engine,
        Test,
        [
            {
                "test_id": "BIG-1",
                "course_code": "BIG",
                "department": "IDI",
                "submission_deadline": submission,
                "grading_deadline": submission + timedelta(days=21),
                "grading_deadline_given": False,
                "grade_scale": "letter",
                "marking_mode": "private",
                "own_approval": "committee",
                "final_approval": "all",
                "opened_for_marking": now - timedelta(minutes=1),
                "guideline_published": True,
                "registration_only": False,
            }
        ],
    )
    _bulk(engine, TestConsultant, [{"test_id": "BIG-1", "email": "user0@ntnu.no"}])
    _bulk(
        engine,
        CommitteeMembership,
        [
            {"test_id": "BIG-1", "committee": f"{i // 25}", "grader_email": f"user{i}@ntnu.no"}
            for i in range(graders)
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", default=os.environ.get("SENSORBOT_TEST_POSTGRES_URL"))
    parser.add_argument("--passes", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-history", action="store_true", help="only the 0-history case")
    parser.add_argument("--parts", default="sqlite,postgresql,delivery")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    pin_to_cpu(os.getpid(), 0)
    if "sqlite" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            measure_store(url, "SQLite", args.passes, not args.skip_history)
    if "postgresql" in parts and args.postgres:
        with scratch_postgres_database(args.postgres) as url:
            measure_store(url, "PostgreSQL", args.passes, not args.skip_history)
    if "delivery" in parts:
        measure_delivery(args.rounds)


if __name__ == "__main__":
    main()
