"""Build benchmarks: clean build time, cached rebuild time, site size, largest pages.

Prints figures against the targets (clean ≤ 90 s, cached ≤ 15 s, every page ≤ 300 KB
excluding shared static assets). Builds into a temporary folder so the checkout's _build is
untouched; the clean build includes notebook execution.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"


def build(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(JB), "build", str(REPO), "--path-output", str(out), "-W", "-n", "--keep-going"],
                   check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - start


def page_weights(html: Path) -> list[tuple[int, str]]:
    """Bytes of each page's own HTML (shared _static assets excluded)."""
    return sorted(((p.stat().st_size, str(p.relative_to(html))) for p in html.rglob("*.html")
                   if "_static" not in p.parts), reverse=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # A clean build: no doctrees, no jupyter cache (the cache lives under the source root,
        # so point the build at a copy-free temporary cache by clearing the shared one's key).
        env_cache = REPO / "_build" / ".jupyter_cache"
        backup = None
        if env_cache.exists():
            backup = env_cache.rename(REPO / "_build" / f".jupyter_cache.bench-{os.getpid()}")
        try:
            clean = build(out)
            cached = build(out)
        finally:
            if env_cache.exists():
                subprocess.run(["rm", "-rf", str(env_cache)], check=True)
            if backup is not None:
                backup.rename(env_cache)
        html = out / "_build" / "html"
        total = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
        weights = page_weights(html)
        print(f"clean build:     {clean:6.1f} s   (target ≤ 90 s)")
        print(f"cached rebuild:  {cached:6.1f} s   (target ≤ 15 s)")
        print(f"site size:       {total / 1e6:6.2f} MB in {sum(1 for _ in html.rglob('*') if _.is_file())} files")
        print(f"pages:           {len(weights)}")
        print("largest pages (own HTML, excluding shared _static):")
        for size, name in weights[:5]:
            flag = "" if size <= 300_000 else "   OVER 300 KB"
            print(f"  {size / 1000:8.1f} KB  {name}{flag}")


if __name__ == "__main__":
    main()
