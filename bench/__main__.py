"""Every benchmark in one run, or those named, and one table of what they measured:

    python -m bench                     # all of them, in the order below
    python -m bench ack_latency pacing  # only these

A benchmark is a module `bench/NAME.py` with `def figures() -> list[dict[str, object]]`:
one dict per figure with "figure", "target", "measured", "ratio" (a number, or None when
the target is not a ratio) and "met" (bool, or None for a figure only reported);
`bench.common.figure` builds one. Its details go to standard output as it runs; the table
follows at the end, in Markdown, ready for the README. The exit status is 1 when a target
is not met.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from bench.common import Figure, figure, print_figures

# In the order they run: the quick ones first, pacing (about four minutes a store) last.
BENCHMARKS = [
    "ack_latency",
    "why_latency",
    "home_overview",
    "gradesheet_parse",
    "gradesheet_worst",
    "gradesheet_preview",
    "large_store",
    "scheduler_pass",
    "pacing",
]


def run(name: str) -> list[Figure]:
    module = importlib.import_module(f"bench.{name}")
    started = time.monotonic()
    print(f"\n== bench.{name}", flush=True)
    try:
        rows = module.figures()
    except Exception as error:  # one failing benchmark does not hide the others' figures
        print(f"bench.{name} failed: {error!r}", file=sys.stderr, flush=True)
        failed = f"{name}: failed ({type(error).__name__}: {error})"
        return [figure(failed, "runs", "-", None, False)]
    print(f"== bench.{name}: {time.monotonic() - started:.0f} s", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"any of {', '.join(BENCHMARKS)}")
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    rows = [row for name in args.names or BENCHMARKS for row in run(name)]
    print()
    print_figures(rows)
    sys.exit(0 if all(row["met"] is not False for row in rows) else 1)


if __name__ == "__main__":
    main()
