"""nbval really compares stored outputs: a notebook whose stored number differs from what the
code computes must fail, and the untouched notebook must pass."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import REPO

NOTEBOOK = REPO / "book" / "rehabilitation" / "return-to-running-planner.ipynb"


def run_nbval(path):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"), "-o", "addopts=", str(path)],
        capture_output=True, text=True, cwd=path.parent, timeout=300,
    )


def test_changed_stored_number_fails(tmp_path):
    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    nb = json.loads(copy.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs"))
    html = "".join(cell["outputs"][0]["data"]["text/html"])
    # Week 1 runs 10 minutes per session; store a wrong number as if the model had said 11.
    assert '"y":[10,' in html
    cell["outputs"][0]["data"]["text/html"] = html.replace('"y":[10,', '"y":[11,', 1)
    copy.write_text(json.dumps(nb))
    result = run_nbval(copy)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "failed" in result.stdout


def test_unchanged_notebook_passes(tmp_path):
    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    result = run_nbval(copy)
    assert result.returncode == 0, result.stdout[-3000:]
