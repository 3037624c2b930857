"""From a shared grade sheet to the preview reply, beside a raw python-calamine read.

A store holds one open test of 20,000 candidates with the grader on its committee, half of
them graded already. For the grader's 20,000-row sheet (as openpyxl writes it), this times
what the bot does between downloading the file and posting the reply: reading it
(`read_sheet`), finding its test and keeping its preview in the store (`take_sheet`:
the grader's roster and grades read, the sheet validated, the upload recorded), and
building the preview message; interleaved with a raw calamine read of the same bytes,
in one process. The download from Slack and the post are network time, not measured.

    python -m bench.gradesheet_preview [--rows 20000] [--runs 9] [--postgres URL]

Target (issue 13): the path within 3× the calamine read + 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

from bench.common import print_figures
from bench.gradesheet_parse import build_sheet, calamine_read

TEST_ID = "BENCH-2026H"
GRADER = "sensor@ntnu.no"
TARGET_RATIO, TARGET_EXTRA_S = 3.0, 0.5


def build_store(url: str, rows: int):
    from bot.gradesheets.validation import normalise_candidate
    from models.db import make_engine, session_scope, upgrade
    from models.inserts import bulk_insert
    from models.tables import Candidate, CommitteeMembership, Grade, Grader, Test, table_of

    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        session.add(
            Test(
                test_id=TEST_ID,
                course_code="BENCH",
                department="IDI",
                submission_deadline=now - timedelta(days=3),
                grading_deadline=now + timedelta(days=18),
                grade_scale="letter",
                opened_for_marking=now - timedelta(days=2),
            )
        )
        session.add(Grader(email=GRADER, kind="internal"))
        session.flush()
        session.add(CommitteeMembership(test_id=TEST_ID, committee="1", grader_email=GRADER))
        ids = [normalise_candidate(10000 + n) for n in range(rows)]
        candidates = [(TEST_ID, cid, "1", "submitted") for cid in ids]
        bulk_insert(session, table_of(Candidate), candidates, _CANDIDATE)
        grades = [
            {
                "test_id": TEST_ID,
                "candidate_id": cid,
                "grader_email": GRADER,
                "value": "C",
                "updated_at": now,
            }
            for cid in ids[::2]
        ]
        bulk_insert(session, table_of(Grade), grades)
    return engine


_CANDIDATE = ("test_id", "candidate_id", "committee", "status")


def shared_to_preview(engine, content: bytes) -> int:
    """What the bot does between the download and the post; returns the blocks' size."""
    from bot.gradesheets.intake import Previewed, read_sheet, take_sheet
    from bot.ui.gradesheets import preview_message
    from models.db import session_scope

    sheet = read_sheet(content, "karakterer.xlsx")
    with session_scope(engine) as session:
        taken = take_sheet(
            session, grader_email=GRADER, slack_user_id="U1", slack_file_id="F1", sheet=sheet
        )
    assert isinstance(taken, Previewed) and taken.result.upload is not None, taken
    text, blocks = preview_message("nb", taken.test, sheet, taken.result.preview, 1)
    return len(text) + len(json.dumps(blocks))


def measure(url: str, rows: int, runs: int) -> dict:
    engine = build_store(url, rows)
    content = build_sheet(rows, "openpyxl")
    shared_to_preview(engine, content)  # warm-up, and a check that it previews
    ours, raw = [], []
    for _ in range(runs):
        start = time.perf_counter()
        shared_to_preview(engine, content)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        calamine_read(content)
        raw.append(time.perf_counter() - start)
    engine.dispose()
    return {"ours_s": statistics.median(ours), "calamine_s": statistics.median(raw)}


def figures(
    rows: int = 20_000, runs: int = 9, postgres_url: str | None = None
) -> list[dict[str, object]]:
    postgres_url = postgres_url or os.environ.get("SENSORBOT_TEST_POSTGRES_URL")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(("SQLite", measure(f"sqlite:///{folder}/store.db", rows, runs)))
    if postgres_url:
        from tests.support.stores import scratch_postgres_database

        with scratch_postgres_database(postgres_url) as url:
            results.append(("PostgreSQL", measure(url, rows, runs)))
    figures = []
    for store, result in results:
        ours, calamine = result["ours_s"], result["calamine_s"]
        bound = TARGET_RATIO * calamine + TARGET_EXTRA_S
        figures.append(
            {
                "figure": f"shared {rows:,}-row sheet → preview reply, {store} "
                f"(calamine {calamine * 1000:.0f} ms)",
                "target": f"≤ {TARGET_RATIO:g}× calamine + {TARGET_EXTRA_S:g} s "
                f"({bound * 1000:.0f} ms)",
                "measured": f"{ours * 1000:.0f} ms",
                "ratio": round(ours / bound, 2),
                "met": ours <= bound,
            }
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--postgres", help="a PostgreSQL server to measure on too")
    args = parser.parse_args()
    print_figures(figures(args.rows, args.runs, args.postgres))


if __name__ == "__main__":
    main()
