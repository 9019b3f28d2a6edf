"""tests/conftest.py's rule for tests that need what the repository does not hold (Chromium,
the source article in ../shared): they skip, with a reason, on an adopter's machine, and
fail in CI (CI=true, as .ci/run runs), whatever made them skip.

Each behaviour is shown by running pytest in a subprocess on a small test file that uses the
real conftest's fixtures and hooks, with the article and Chromium pointed at paths that do not
exist; which values of the CI variable mean CI is checked on in_ci() directly.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO, in_ci

CASES = '''
import pytest

@pytest.mark.browser
def test_browser_test_that_skips():
    pytest.skip("no page to test here")

def test_needs_the_article(article_text):
    assert article_text

def test_chromium(browser):
    assert browser

def test_more_chromium(browser):
    assert browser

def test_ordinary_skip():
    pytest.skip("an ordinary skip, allowed everywhere")
'''


def run_cases(tmp_path, ci: str | None):
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (tmp_path / "test_cases.py").write_text(CASES)
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "PYTEST_XDIST_WORKER")}
    env |= {"COURSE_ARTICLE": str(tmp_path / "missing-article.txt"), "COURSE_CHROMIUM": str(tmp_path / "no-chromium"),
            "PYTHONPATH": str(REPO)}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-rA", "-q", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_locally_they_skip_with_a_reason_and_a_summary(tmp_path):
    done = run_cases(tmp_path, ci=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 skipped" in done.stdout, done.stdout
    # Tests skipped for want of the same thing are one line of pytest's summary, at the fixture.
    assert re.search(r"SKIPPED \[2\] \S*tests/conftest\.py:\d+: \S*no-chromium not installed", done.stdout), done.stdout
    assert f"source article not found at {tmp_path / 'missing-article.txt'}" in done.stdout
    assert "the checks against the article run where ../shared is present (CI)" in done.stdout
    # The last lines before the counts say how many and what to do.
    assert "3 browser tests skipped:" in done.stdout and "apt-get install chromium" in done.stdout, done.stdout
    assert "1 test against the source article skipped:" in done.stdout, done.stdout


def test_in_ci_every_browser_and_article_test_must_run(tmp_path):
    done = run_cases(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "skipped in CI, where every browser and article test must run: no page to test here" in out, out
    assert "and this is CI: .ci/run expects ../shared beside the checkout" in out, out
    assert "no-chromium is missing; .ci/run installs Debian's chromium" in out, out
    assert "1 skipped" in out, out  # the ordinary skip stays a skip
    assert "SKIPPED" in out and "an ordinary skip, allowed everywhere" in out


# Which values of CI mean CI: read by in_ci() alone, so checked on it rather than by another
# pytest run each (a subprocess costs seconds; the run above shows what in_ci() == True does).
@pytest.mark.parametrize("value, meant", [("true", True), ("1", True), ("TRUE", True), ("yes", True),
                                          ("false", False), ("0", False), ("no", False), ("", False)])
def test_which_values_of_ci_mean_ci(monkeypatch, value, meant):
    monkeypatch.setenv("CI", value)
    assert in_ci() is meant


def test_no_ci_variable_is_not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert in_ci() is False


# --- make unit: everything that needs no browser and no built site -------------------------

SITE_CASES = '''
def test_reads_the_student_site(student_html):
    assert student_html

def test_reads_the_instructor_site(instructor_html):
    assert instructor_html

def test_serves_the_site(site_url):
    assert site_url

def test_a_model():
    assert 1 + 1 == 2
'''


def _unit_markers() -> str:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^UNIT_MARKERS := (.+)$", makefile, re.M)
    assert found, "Makefile: no UNIT_MARKERS (the selection `make unit` runs)"
    assert re.search(r'^unit: .*\n\t.*pytest tests .*-m "\$\(UNIT_MARKERS\)"', makefile, re.M), makefile
    return found.group(1).strip()


def test_make_unit_leaves_out_every_test_that_reads_a_built_site(tmp_path):
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (tmp_path / "test_cases.py").write_text(SITE_CASES)
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "PYTEST_XDIST_WORKER")}
    env |= {"PYTHONPATH": str(REPO), "COURSE_STUDENT_HTML": str(tmp_path / "no-site")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-m", _unit_markers(),
         str(tmp_path)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 3 deselected" in done.stdout, done.stdout


def test_readme_lists_make_unit():
    assert re.search(r"^\| `make unit` \| .*no browser and no built site", (REPO / "README.md").read_text(), re.M)
