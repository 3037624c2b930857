"""Grade sheet parse + validate against a raw python-calamine read of the same file.

For each size and layout, a fresh process builds a workbook (Candidate ID, Grade, Points,
as a grader's sheet has them; written by openpyxl with inline strings, or laid out as
Excel saves it with shared strings), then times `read_grade_sheet` + `validate_sheet` and a raw
`python_calamine` read of every cell, interleaved, and reports medians, p99 and the median
of their ratios, run by run, in the thread's CPU time (the clock would count other
processes' time slices on a shared machine). Memory is measured in the same process: the
peak of Python allocations during one parse + validate (tracemalloc, in a separate run
so it does not slow the timed ones) and the process's peak resident size.

    python -m bench.gradesheet_parse [--sizes 2000,20000] [--runs 9] [--layouts openpyxl,excel]

Targets (SPEC §7): 2,000 rows ≤ 0.2 s, 20,000 rows ≤ 1 s, each within 3× the raw
calamine read of the same file (medians, measured interleaved in the same process), peak
memory ≤ 200 MB. `figures()` gives them for the benchmark runner.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

from bench.common import ROOT, print_figures, summary

TARGET_SECONDS = {2000: 0.2, 20000: 1.0}
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 200


def sheet_rows(rows: int) -> list[list]:
    table: list[list] = [["Candidate ID", "Grade", "Points"]]
    for n in range(rows):
        # Every tenth candidate has points but no grade: the preview offers one from points.
        grade = None if n % 10 == 9 else "ABCDEF"[n % 6]
        table.append([10000 + n, grade, (n * 37) % 101])
    return table


def build_sheet(rows: int, layout: str) -> bytes:
    if layout == "excel":
        from tests.support.workbooks import excel_workbook

        return excel_workbook(sheet_rows(rows))
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Karakterer")
    for row in sheet_rows(rows):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def build_roster(rows: int):
    from bot.gradesheets.validation import CurrentGrade, GraderRoster, RosterCandidate
    from models.tables import GradeScale

    candidates = {
        str(10000 + n): RosterCandidate(str(10000 + n), "1", "submitted") for n in range(rows)
    }
    roster = GraderRoster("BENCH-2026H", GradeScale.letter, candidates, frozenset({"1"}))
    # Half the candidates already have a grade, so new, changed and unchanged all occur.
    current = {
        str(10000 + n): CurrentGrade("ABCDEF"[n % 6] if n % 4 == 0 else "F", (n * 37) % 101)
        for n in range(0, rows, 2)
    }
    return roster, current


def parse_and_validate(content: bytes, roster, current):
    from bot.gradesheets.reading import read_grade_sheet
    from bot.gradesheets.validation import validate_sheet

    return validate_sheet(read_grade_sheet(content, "karakterer.xlsx"), roster, current)


def calamine_read(content: bytes) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def measure(rows: int, layout: str, runs: int) -> dict:
    """Runs in the child process for one size and layout."""
    content = build_sheet(rows, layout)
    roster, current = build_roster(rows)
    preview = parse_and_validate(content, roster, current)  # warm-up, and a sanity check
    assert not preview.errors and len(preview.suggestions) == rows // 10, preview.counts
    assert all(preview.counts[kind] for kind in ("new", "changed", "unchanged")), preview.counts
    assert len(calamine_read(content)) == rows + 1

    tracemalloc.start()
    parse_and_validate(content, roster, current)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    ours, raw, ratios = [], [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.thread_time()
        parse_and_validate(content, roster, current)
        ours.append(time.perf_counter() - start)
        ours_cpu = time.thread_time() - cpu
        start, cpu = time.perf_counter(), time.thread_time()
        calamine_read(content)
        raw.append(time.perf_counter() - start)
        # Side by side, and in CPU time: on a shared machine the clock also counts the
        # time slices other processes took, which hit one read and not the other.
        ratios.append(ours_cpu / (time.thread_time() - cpu))
    return {
        "ratio": statistics.median(ratios),
        "rows": rows,
        "layout": layout,
        "file_bytes": len(content),
        "ours": summary(ours),
        "calamine": summary(raw),
        "traced_peak_mb": traced_peak / 2**20,
        # ru_maxrss is in kilobytes on Linux.
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(rows: int, layout: str, runs: int) -> dict:
    command = ["-m", "bench.gradesheet_parse", "--child", str(rows), "--layouts", layout]
    answer = subprocess.run(
        [sys.executable, *command, "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout)


def figures(
    sizes: tuple[int, ...] = (2000, 20000),
    layouts: tuple[str, ...] = ("openpyxl", "excel"),
    runs: int = 15,
) -> list[dict[str, object]]:
    """Parse + validate against the raw calamine read, per size and layout, each in a
    fresh process."""
    rows = []
    for size in sizes:
        for layout in layouts:
            result = run_child(size, layout, runs)
            ours, target = result["ours"], TARGET_SECONDS[size]
            rows.append(
                {
                    "figure": f"grade sheet parse + validate, {size:,} rows ({layout}; "
                    f"calamine {result['calamine']['p50'] * 1000:.0f} ms)",
                    "target": f"≤ {target:g} s, ≤ {TARGET_RATIO:g}× calamine",
                    "measured": f"{ours['p50'] * 1000:.0f} ms (p99 {ours['p99'] * 1000:.0f})",
                    "ratio": round(result["ratio"], 2),
                    "met": ours["p99"] <= target and result["ratio"] <= TARGET_RATIO,
                }
            )
            rows.append(
                {
                    "figure": f"grade sheet parse + validate peak RSS, {size:,} rows ({layout})",
                    "target": f"≤ {TARGET_PEAK_MB} MB",
                    "measured": f"{result['max_rss_mb']:.0f} MB",
                    "ratio": round(result["max_rss_mb"] / TARGET_PEAK_MB, 2),
                    "met": result["max_rss_mb"] <= TARGET_PEAK_MB,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--layouts", default="openpyxl,excel")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.layouts, args.runs)))
        return
    sizes = tuple(int(size) for size in args.sizes.split(",") if size.strip())
    layouts = tuple(name.strip() for name in args.layouts.split(",") if name.strip())
    print_figures(figures(sizes, layouts, args.runs))


if __name__ == "__main__":
    main()
