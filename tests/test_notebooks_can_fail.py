"""nbval really compares stored outputs: a notebook whose stored number differs from what the
code computes must fail, and the untouched notebook, in the same nbval run, must pass (so the
failure is the changed number's, not the copy's or the run's)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from tests.conftest import REPO

NOTEBOOK = REPO / "book" / "rehabilitation" / "return-to-running-planner.ipynb"


def run_nbval(*paths):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "-p", "no:xdist", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"),
         "-o", "addopts=", "--rootdir", str(paths[0].parent.parent), *map(str, paths)],
        capture_output=True, text=True, cwd=paths[0].parent.parent, timeout=300,
    )


def test_a_changed_stored_number_fails_and_the_untouched_notebook_passes(tmp_path):
    untouched, changed = tmp_path / "untouched" / NOTEBOOK.name, tmp_path / "changed" / NOTEBOOK.name
    for copy in (untouched, changed):
        copy.parent.mkdir()
        shutil.copy(NOTEBOOK, copy)
    nb = json.loads(changed.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs"))
    html = "".join(cell["outputs"][0]["data"]["text/html"])
    # Week 1 runs 10 minutes per session; store a wrong number as if the model had said 11.
    assert '"y":[10,' in html
    cell["outputs"][0]["data"]["text/html"] = html.replace('"y":[10,', '"y":[11,', 1)
    changed.write_text(json.dumps(nb))
    result = run_nbval(untouched, changed)
    assert result.returncode != 0, result.stdout[-2000:]
    outcomes = {(folder, outcome) for outcome, folder in
                re.findall(r"^(PASSED|FAILED) (untouched|changed)/", result.stdout, re.M)}
    assert ("changed", "FAILED") in outcomes, result.stdout[-3000:]
    assert ("untouched", "FAILED") not in outcomes and ("untouched", "PASSED") in outcomes, result.stdout[-3000:]
