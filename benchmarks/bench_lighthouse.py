"""Lighthouse's mobile test on every page of the built student site (issue 22), offline.

Runs the pinned Lighthouse of benchmarks/lighthouse/ (`make bench` installs it with `npm ci`)
with Debian's Chromium, headless, in its default mobile profile (a Moto G Power sized screen,
simulated slow 4G: 150 ms round trip, 1.6 Mbit/s down; CPU 4x slower), against the site
served on loopback by benchmarks/served_site.py. Chromium may resolve no host but 127.0.0.1,
so nothing leaves the machine.

Prints, per page: performance and accessibility scores, largest contentful paint (LCP), total
blocking time (TBT), cumulative layout shift (CLS), the bytes of a first visit (Lighthouse's
total-byte-weight: every response during the load, headers included), and which targets the
page misses. Figures are printed, never asserted.

    python benchmarks/bench_lighthouse.py                     # every page (about 20 s a page)
    python benchmarks/bench_lighthouse.py joint-load cadence  # pages whose name contains a word
    LIGHTHOUSE_PAGES=joint-load,q-angle make bench            # the same, through make
    --gzip   serve compressed, as static hosts do (default: uncompressed, the heavier case)
    --json DIR   keep each page's full Lighthouse report in DIR
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from served_site import CHROMIUM_ARGS, REPO, STUDENT_HTML, served, toc_docnames

LIGHTHOUSE = REPO / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
# Any host other than loopback fails to resolve: the run is offline by construction.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# (label, audit or category, how to read it, the test it must pass, the target in words)
TARGETS = [
    ("perf", lambda r: r["categories"]["performance"]["score"] * 100, lambda v: v >= 90, "performance ≥ 90"),
    ("a11y", lambda r: r["categories"]["accessibility"]["score"] * 100, lambda v: v >= 100, "accessibility 100"),
    ("LCP", lambda r: r["audits"]["largest-contentful-paint"]["numericValue"] / 1000, lambda v: v <= 2.5,
     "LCP ≤ 2.5 s"),
    ("TBT", lambda r: r["audits"]["total-blocking-time"]["numericValue"], lambda v: v <= 200, "TBT ≤ 200 ms"),
    ("CLS", lambda r: r["audits"]["cumulative-layout-shift"]["numericValue"], lambda v: v <= 0.1, "CLS ≤ 0.1"),
    ("bytes", lambda r: r["audits"]["total-byte-weight"]["numericValue"], lambda v: v <= 1.5e6,
     "first visit ≤ 1.5 MB"),
]


def chosen_pages(words: list[str]) -> list[str]:
    pages = toc_docnames()
    words = words or [w for w in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if w.strip()]
    if not words:
        return pages
    chosen = [p for p in pages if any(w.strip() in p for w in words)]
    if not chosen:
        raise SystemExit(f"no page of _toc.yml matches {words}")
    return chosen


def run(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f'"{OFFLINE}"'])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility", f"--chrome-flags={flags}",
               "--max-wait-for-load=60000"]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-800:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    return report


def row(docname: str, report: dict) -> tuple[str, list[str]]:
    values = {label: read(report) for label, read, _, _ in TARGETS}
    misses = [words for label, _, ok, words in TARGETS if not ok(values[label])]
    line = (f"{docname:52s} {values['perf']:4.0f} {values['a11y']:4.0f} {values['LCP']:5.1f} s"
            f" {values['TBT']:5.0f} ms {values['CLS']:5.3f} {values['bytes'] / 1e6:6.2f} MB  "
            + ("; ".join(misses) if misses else "all targets met"))
    return line, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="only pages whose docname contains one of these words")
    parser.add_argument("--gzip", action="store_true", help="serve gzip-compressed, as static hosts do")
    parser.add_argument("--json", type=Path, help="keep each page's Lighthouse JSON report in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} missing: run `npm ci` in benchmarks/lighthouse (make bench does)")
    pages = chosen_pages(args.pages)
    served_as = "gzip" if args.gzip else "uncompressed"
    print(f"\n== Lighthouse (mobile: slow 4G, CPU 4x), {len(pages)} page(s) of {STUDENT_HTML}, served {served_as} ==")
    print(f"{'page':52s} {'perf':>4s} {'a11y':>4s} {'LCP':>7s} {'TBT':>8s} {'CLS':>5s} {'bytes':>9s}  targets missed")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp, served(compress=args.gzip) as base:
        keep = args.json or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        for docname in pages:
            out = keep / (docname.replace("/", "__") + ".json")
            try:
                line, misses = row(docname, run(f"{base}/{docname}.html", out))
            except RuntimeError as err:
                line, misses = f"{docname:52s} not measured: {err}", ["not measured"]
            missed += bool(misses)
            print(line, flush=True)
    print(f"\n{len(pages) - missed} of {len(pages)} page(s) meet every target "
          f"({'; '.join(words for _, _, _, words in TARGETS)}).")


if __name__ == "__main__":
    sys.exit(main())
