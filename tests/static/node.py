"""Run the site's scripts (assets/rk/*.js) under Node from pytest, with the data JSON the page
embeds, so the parity tests compare the JavaScript with widgets/ without a browser.

Many calls go to one Node process (tests/static/node_harness.js): start-up is ~50 ms, so a test
batches its generated inputs into one :func:`call_script`. Without Node the tests are skipped
locally and fail in CI (``CI=true``), like the browser tests without Chromium.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from widgets.display import StaticWidget

REPO = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).with_name("node_harness.js")
NODE = os.environ.get("COURSE_NODE") or shutil.which("node") or "/usr/bin/node"
COMMON = REPO / "assets" / "rk" / "rk-common.js"  # loaded before every page script, as on the site
_DATA = re.compile(r'<script type="application/json" class="rk-widget-data">(.*?)</script>', re.S)


def node() -> str:
    if Path(NODE).is_file() and os.access(NODE, os.X_OK):
        return NODE
    reason = f"Node.js is needed to test the site's scripts without a browser; not found at {NODE}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def embedded_data(widget: StaticWidget) -> str:
    """The widget's data JSON exactly as the page embeds it."""
    match = _DATA.search(widget.to_html())
    assert match, f"{widget.name}: no embedded data"
    return match.group(1)


def call_script(name: str, widget: StaticWidget | None, calls: list[tuple[str, list]], *, start: bool = False) -> list:
    """Load ``assets/rk/{name}.js`` with ``widget``'s embedded data and make ``calls`` (function
    path such as ``"rkTrainingLoad.check"``, argument list). Returns, per call, ``{"ok": value}``
    or ``{"error": message}``. ``widget`` None: a script without page data (rk-common). ``start``:
    let the script start on a stand-in section (for scripts that only read their data when they
    start). rk-common.js is loaded first, as the site loads it before the page scripts."""
    payload = {
        "script": str(REPO / "assets" / "rk" / f"{name}.js"),
        "preload": [str(COMMON)] if name != COMMON.stem else [],
        "data": embedded_data(widget) if widget is not None else "{}",
        "section": f"rk-widget-{widget.name}" if start and widget is not None else None,
        "calls": [[path, list(args)] for path, args in calls],
    }
    done = subprocess.run([node(), str(HARNESS)], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, f"node failed on {name}.js:\n{done.stderr}"
    return json.loads(done.stdout)


def call_common(calls: list[tuple[str, list]]) -> list:
    """Call functions of assets/rk/rk-common.js (``"rkCommon.foldLine"``, …) under Node."""
    return call_script(COMMON.stem, None, calls)
