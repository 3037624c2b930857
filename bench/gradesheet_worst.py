"""The most expensive grade sheets a grader (or an attacker) can send under the limits:
CPU time and peak memory of reading, validating and (when there are errors) marking the
copy, each in a fresh process.

    python -m bench.gradesheet_worst [--cases cells,filler,neighbour,strings,over]

Cases, each a file under the 10 MB limit:
- cells: the grade sheet at the cell limit (49,990 rows of five columns), every 7th grade
  in lower case, so the marked copy is built from the grader's whole workbook;
- filler: 50,000 rows, most with a value only in a column outside the grade sheet's;
- neighbour: a small grade sheet beside a sheet filling the rest of the 10 MB;
- strings: a small grade sheet whose shared-string table fills the 10 MB;
- over: a sheet beyond the row limit, refused (what refusing costs);
- far: two cells as far apart as a sheet allows, which calamine would fill the block
  between (550 GB), refused before it reads the sheet.

Target (SPEC §7): peak memory ≤ 200 MB in every case; `figures()` gives them for the
benchmark runner.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.common import ROOT

MAX_FILE = 10 * 1024 * 1024
CASES = ("cells", "filler", "neighbour", "strings", "over", "far")
TARGET_PEAK_MB = 200


def _head() -> str:
    from tests.support.workbooks import _SHEET_HEAD

    return _SHEET_HEAD


def _sheet(rows: list[str]) -> str:
    return _head() + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"


def _grade_rows(count: int, extra_columns: int = 0) -> tuple[list[str], list[str]]:
    """Header (Candidate ID, Grade, Points, Explanation, then `extra_columns` notes) and
    `count` candidates; every 7th grade in lower case (an error)."""
    strings = ["Candidate ID", "Grade", "Points", "Explanation", "Note", *"ABCDEF", *"abcdef"]
    header = "".join(
        f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE"[: 4 + extra_columns])
    )
    rows = [f'<row r="1">{header}</row>']
    for n in range(count):
        r = n + 2
        grade = 5 + n % 6 + (6 if n % 7 == 0 else 0)
        cells = (
            f'<c r="A{r}"><v>{10000 + n}</v></c><c r="B{r}" t="s"><v>{grade}</v></c>'
            f'<c r="C{r}"><v>{n % 101}</v></c><c r="D{r}" t="inlineStr"><is><t>ok {n}</t></is></c>'
        )
        if extra_columns:
            cells += f'<c r="E{r}"><v>{n}</v></c>'
        rows.append(f'<row r="{r}">{cells}</row>')
    return rows, strings


CANDIDATES = {
    "cells": 49_990,
    "filler": 100,
    "over": 60_000,
    "neighbour": 100,
    "strings": 100,
    "far": 100,
}


def build(case: str) -> tuple[bytes, int]:
    """The file, and how many candidates its roster needs."""
    assert case in CANDIDATES, case
    from tests.support.workbooks import excel_package

    if case == "cells":
        rows, strings = _grade_rows(49_990, extra_columns=1)
        return excel_package(_sheet(rows), strings), 49_990
    if case == "filler":
        rows, strings = _grade_rows(100)
        rows += [f'<row r="{r}"><c r="Z{r}"><v>{r}</v></c></row>' for r in range(102, 50_001)]
        return excel_package(_sheet(rows), strings), 100
    if case == "over":
        rows, strings = _grade_rows(60_000)
        return excel_package(_sheet(rows), strings), 60_000
    if case == "far":
        rows, strings = _grade_rows(100)
        rows.append('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
        return excel_package(_sheet(rows), strings), 100
    rows, strings = _grade_rows(100)
    if case == "neighbour":
        return _fill(lambda n: excel_package(_sheet(rows), strings, second_sheet=_noise(n))), 100
    if case == "strings":
        return _fill(lambda n: excel_package(_sheet(rows), strings + _many_strings(n))), 100
    raise ValueError(case)


def _fill(make, start: int = 100_000):
    """The largest `make(n)` (doubling, then bisecting) that stays under the file limit."""
    low, high = 0, start
    while len(make(high)) < MAX_FILE:
        low, high = high, high * 2
    while high - low > max(1000, low // 50):
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle)) < MAX_FILE else (low, middle)
    return make(low)


def _noise(cells: int) -> str:
    rng = random.Random(1)
    rows = []
    for r in range(1, cells // 10 + 1):
        values = "".join(f'<c r="{c}{r}"><v>{rng.random():.6f}</v></c>' for c in "ABCDEFGHIJ")
        rows.append(f'<row r="{r}">{values}</row>')
    return _sheet(rows)


def _many_strings(count: int) -> list[str]:
    return [f"s{n:07d}" for n in range(count)]


def measure(case: str, path: Path) -> dict:
    from bot.gradesheets.annotate import annotated_workbook
    from bot.gradesheets.reading import GradeSheetFileError, read_grade_sheet
    from bot.gradesheets.validation import GraderRoster, RosterCandidate, validate_sheet
    from models.tables import GradeScale

    content, candidates = path.read_bytes(), CANDIDATES[case]
    roster = GraderRoster(
        "BENCH-2026H",
        GradeScale.letter,
        {
            str(10000 + n): RosterCandidate(str(10000 + n), "1", "submitted")
            for n in range(candidates)
        },
        frozenset({"1"}),
    )

    def run() -> str:
        try:
            sheet = read_grade_sheet(content, "karakterer.xlsx")
        except GradeSheetFileError as error:
            return f"refused: {error.key}"
        preview = validate_sheet(sheet, roster, {})
        if preview.errors:
            annotated_workbook("en", content, sheet, preview.errors)
        return f"{len(sheet.rows):,} rows, {len(preview.errors):,} errors"

    rss_before = _reset_peak_rss()
    cpu, wall = time.process_time(), time.perf_counter()
    outcome = run()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    rss = _peak_rss()
    tracemalloc.start()
    run()
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "case": case,
        "file_mb": len(content) / 2**20,
        "outcome": outcome,
        "cpu_s": cpu,
        "wall_s": wall,
        "traced_peak_mb": traced,
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss,
    }


def _peak_rss() -> float:
    """The process's peak resident size in MB since the last reset (Linux's VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _reset_peak_rss() -> float:
    """Reset the peak to the present size (a forked child starts with its parent's peak,
    which ru_maxrss keeps) and return it."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _peak_rss()


def run_case(case: str) -> dict:
    """Built here, measured in a fresh process that only reads the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{case}.xlsx"
        path.write_bytes(build(case)[0])
        answer = subprocess.run(
            [sys.executable, "-m", "bench.gradesheet_worst", "--child", case, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(answer.stdout)


def figures(cases: tuple[str, ...] = CASES) -> list[dict[str, object]]:
    rows = []
    for case in cases:
        r = run_case(case)
        rows.append(
            {
                "figure": f"worst grade sheet '{case}' ({r['file_mb']:.1f} MB): {r['outcome']}, "
                f"{r['wall_s']:.2f} s",
                "target": f"≤ {TARGET_PEAK_MB} MB peak RSS",
                "measured": f"{r['rss_peak_mb']:.0f} MB (before: {r['rss_before_mb']:.0f})",
                "ratio": round(r["rss_peak_mb"] / TARGET_PEAK_MB, 2),
                "met": r["rss_peak_mb"] <= TARGET_PEAK_MB,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]))))
        return
    from bench.common import print_figures

    print_figures(figures(tuple(name.strip() for name in args.cases.split(",") if name.strip())))


if __name__ == "__main__":
    main()
