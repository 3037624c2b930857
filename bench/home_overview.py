"""The Home tab's overview with the large store of SPEC §7 (2,000 tests, 20,000 graders,
200,000 candidates): a study consultant of 200 tests beside one of 10, on SQLite and on
PostgreSQL (a scratch database on the server of `SENSORBOT_TEST_POSTGRES_URL`, dropped
afterwards; skipped when it is not set). Timed: reading the overview from the store and
rendering the Home tab's blocks, in this process, as the listener does before
`views.publish`, with what was made before the timing (the store's engine, the modules)
left out of the collector's full collections as `sensorbot run` leaves its start-up out
(`favour_answering_threads`). Open tests get grades from one grader of each committee, so that the
approval facts are there to read.

    python -m bench.home_overview [--calls 500]

Targets (issue 13): the consultant of 200 tests ≤ 100 ms p99, and within 2× the one of 10.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from bench.common import summary
from bench.large_store import StoreSize, build_large_store, test_id
from bot.exams.people import roles_for
from bot.home.overview import home_overview
from bot.server import favour_answering_threads
from bot.settings import Settings
from bot.ui.help import Audience
from bot.ui.home import home_view
from models.db import make_engine, session_scope, upgrade
from models.tables import Candidate, CommitteeMembership, Grade, Test, TestConsultant
from tests.support.stores import postgres_server_url, scratch_postgres_database

TARGET_P99_MS = 100
TARGET_RATIO = 2.0
CONSULTANTS = {"home200@ntnu.no": 200, "home10@ntnu.no": 10}
WARM_UP = 20


def add_consultants(engine: Engine, size: StoreSize) -> None:
    """Each benchmark consultant on every tenth test, so both see every state."""
    step = size.tests // max(CONSULTANTS.values())
    with engine.begin() as connection:
        for email, count in CONSULTANTS.items():
            rows = [{"test_id": test_id(i * step), "email": email} for i in range(count)]
            connection.execute(insert(TestConsultant), rows)


def add_grades(engine: Engine, now: datetime) -> None:
    """The first grader of each committee of every open test has graded all its candidates."""
    with engine.begin() as connection:
        open_tests = select(Test.test_id).where(Test.opened_for_marking.is_not(None))  # type: ignore[union-attr]
        first = {}
        for test, committee, email in connection.execute(
            select(
                CommitteeMembership.test_id,
                CommitteeMembership.committee,
                CommitteeMembership.grader_email,
            ).where(CommitteeMembership.test_id.in_(open_tests))  # type: ignore[attr-defined]
        ):
            first.setdefault((test, committee), email)
        rows = [
            {
                "test_id": test,
                "candidate_id": candidate,
                "grader_email": first[(test, committee)],
                "value": "C",
                "updated_at": now,
            }
            for test, candidate, committee in connection.execute(
                select(Candidate.test_id, Candidate.candidate_id, Candidate.committee).where(
                    Candidate.test_id.in_(open_tests)  # type: ignore[attr-defined]
                )
            )
            if (test, committee) in first
        ]
        for start in range(0, len(rows), 10_000):
            connection.execute(insert(Grade), rows[start : start + 10_000])


def build(url: str, size: StoreSize, now: datetime) -> tuple[Engine, float]:
    started = time.perf_counter()
    engine = make_engine(url)
    upgrade(engine)
    build_large_store(engine, now, size)
    add_consultants(engine, size)
    add_grades(engine, now)
    return engine, time.perf_counter() - started


def time_overviews(engine: Engine, settings: Settings, calls: int) -> dict[str, dict]:
    """Each benchmark consultant's overview `calls` times, interleaved so that noise from the
    rest of the machine hits both alike; the first rounds warm the code paths' caches."""
    timings: dict[str, list[float]] = {email: [] for email in CONSULTANTS}
    for index in range(calls + WARM_UP):
        for email in CONSULTANTS:
            seconds, shown = _overview_once(engine, settings, email)
            assert shown == 10
            if index >= WARM_UP:
                timings[email].append(seconds)
    return {email: summary(values) for email, values in timings.items()}


def _overview_once(engine: Engine, settings: Settings, email: str) -> tuple[float, int]:
    now = datetime.now(UTC)
    started = time.perf_counter()
    with session_scope(engine) as session:
        roles = roles_for(session, email, settings)
        overview = home_overview(session, roles, now)
        view = home_view("nb", overview, settings.help_contacts, settings.tz, Audience.of(roles))
        view.to_dict()
    return time.perf_counter() - started, len(overview.consultant_tests)


def _figures_for(store: str, engine: Engine, settings: Settings, calls: int) -> list[dict]:
    favour_answering_threads()  # as the server starts: the timed process is the listener's
    timed = time_overviews(engine, settings, calls)
    many, few = timed["home200@ntnu.no"], timed["home10@ntnu.no"]
    p99, ratio = many["p99"] * 1000, many["p99"] / few["p99"]
    return [
        {
            "figure": f"Home overview, consultant of 200 tests, p99 ({store})",
            "target": f"≤ {TARGET_P99_MS} ms",
            "measured": f"{p99:.1f} ms (p50 {many['p50'] * 1000:.1f})",
            "ratio": round(p99 / TARGET_P99_MS, 2),
            "met": p99 <= TARGET_P99_MS,
        },
        {
            "figure": f"Home overview, 200 tests vs 10 tests, p99 ({store})",
            "target": f"≤ {TARGET_RATIO:g}×",
            "measured": f"{many['p99'] * 1000:.1f} / {few['p99'] * 1000:.1f} ms",
            "ratio": round(ratio, 2),
            "met": ratio <= TARGET_RATIO,
        },
    ]


def figures(calls: int = 500, size: StoreSize | None = None) -> list[dict[str, object]]:
    size = size or StoreSize()
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        stores = [("SQLite", f"sqlite:///{tmp}/home.db")]
        server = postgres_server_url()
        if server:
            stores.append(("PostgreSQL", stack.enter_context(scratch_postgres_database(server))))
        else:
            print("PostgreSQL: not measured (set SENSORBOT_TEST_POSTGRES_URL)")
        for name, url in stores:
            engine, seconds = build(url, size, datetime.now(UTC))
            print(f"{name}: large store built in {seconds:.1f} s")
            settings = Settings(_env_file=None, DATABASE_URL=url)
            try:
                results += _figures_for(name, engine, settings, calls)
            finally:
                engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=500, help="overviews per consultant")
    args = parser.parse_args()
    rows = figures(args.calls)
    print(f"\n{'figure':<58} {'target':>8} {'measured':>20} {'ratio':>6} met")
    for row in rows:
        print(
            f"{row['figure']!s:<58} {row['target']!s:>8} {row['measured']!s:>20} "
            f"{row['ratio']!s:>6} {'yes' if row['met'] else 'NO'}"
        )


if __name__ == "__main__":
    main()
