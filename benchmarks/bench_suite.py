"""How long `make test` takes, phase by phase, and where pytest's time goes.

The target is the whole suite in under 5 minutes on 2 cores. Runs what `make test` runs (lint,
the student build, the instructor build with its assignments, pytest with two workers) into a
temporary folder, so the checkout's _build is untouched and the builds start clean, then prints
each phase's wall time and pytest's slowest test files (setup, call and teardown summed over a
file's tests; with two workers the sum over files is about twice the wall time). Figures are
printed, never asserted.

    python benchmarks/bench_suite.py          # the whole suite (~6-7 minutes here)
    python benchmarks/bench_suite.py --top 25 # more of the slowest files
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 300
DURATION = re.compile(r"^([\d.]+)s (?:call|setup|teardown)\s+(\S+?)::", re.M)


def timed(label: str, command: list[str], env: dict[str, str]) -> tuple[str, float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"{label} failed (exit {done.returncode}); its last lines:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return label, seconds, done.stdout


def seconds_by_file(pytest_output: str) -> list[tuple[float, str]]:
    totals: collections.Counter[str] = collections.Counter()
    for seconds, path in DURATION.findall(pytest_output):
        totals[path] += float(seconds)
    return sorted(((total, path) for path, total in totals.items()), reverse=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="how many of the slowest test files to print")
    args = parser.parse_args(argv)
    make = ["make", "--no-print-directory"]
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as out:
        student = f"{out}/_build/html"
        instructor = f"{out}/_build/instructor/_build/html"
        env = {**os.environ, "COURSE_STUDENT_HTML": student, "COURSE_INSTRUCTOR_HTML": instructor}
        phases = [
            timed("lint", [*make, "lint"], env),
            timed("student build (runs the notebooks)", [*make, "book", f"OUT={out}", "EDITION=student"], env),
            timed("instructor build and assignments", [*make, "book", f"OUT={out}", "EDITION=instructor"], env),
            timed("pytest -n 2 --dist loadfile", [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadfile",
                                                  "-q", "--durations=0"], env),
        ]
    total = sum(seconds for _, seconds, _ in phases)
    print(f"\n== make test, phase by phase ({os.cpu_count()} cores) ==")
    for label, seconds, _ in phases:
        print(f"{label:<40} {seconds:7.1f} s")
    verdict = "within" if total <= TARGET_S else "over"
    print(f"{'total':<40} {total:7.1f} s   ({verdict} the {TARGET_S // 60}-minute target; creating .venv not counted)")
    # pytest -q ends with a bare "N passed, … in S s" line (without -q, framed in "=").
    summary = re.findall(r"^=* ?(\d+ (?:passed|failed).* in [\d.]+s.*?) ?=*$", phases[-1][2], re.M)
    if summary:
        print(f"pytest: {summary[-1]}")
    by_file = seconds_by_file(phases[-1][2])
    print(f"\n== the {args.top} slowest test files (seconds summed over their tests) ==")
    for seconds, path in by_file[: args.top]:
        print(f"{seconds:7.1f} s  {path}")
    print(f"{sum(s for s, _ in by_file):7.1f} s  all {len(by_file)} files")


if __name__ == "__main__":
    main()
