"""Shared fixtures: paths to the built sites, the source article, a local web server and a
headless Chromium driven by Playwright.

The site must be built first (`make test` does it). Browser tests use Debian's
/usr/bin/chromium (no Playwright browser download). Two kinds of test need something that is
not in the repository, and are skipped, with a one-line reason, on a machine without it:

- browser tests (marker ``browser``): Chromium;
- checks against the source article (marker ``article``, given to every test using the
  ``article_text`` fixture): ../shared/source/runners-knee-article.txt beside the checkout.

So an adopter's fresh clone passes `make test`. In CI (``CI`` set, as .ci/run is run) none of
them may skip: the fixtures fail instead, and pytest_runtest_makereport below turns any other
skip of a browser or article test into a failure. A summary at the end of the run says how
many were skipped locally and how to run them.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ARTICLE = Path(os.environ.get("COURSE_ARTICLE", REPO.parent / "shared" / "source" / "runners-knee-article.txt"))
ARTICLE_MISSING = (f"source article not found at {ARTICLE}: the checks against the article run where "
                   "../shared is present (CI)")
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_MISSING = f"{CHROMIUM} not installed (apt-get install chromium) — browser tests skipped"
STUDENT_HTML = Path(os.environ.get("COURSE_STUDENT_HTML", REPO / "_build" / "html"))
INSTRUCTOR_HTML = Path(os.environ.get("COURSE_INSTRUCTOR_HTML", REPO / "_build" / "instructor" / "_build" / "html"))


def toc_docnames() -> list[str]:
    """Every page of the book, in reading order, from _toc.yml."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            names.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc["parts"]:
        walk(part["chapters"])
    return names


def source_of(docname: str) -> Path:
    for suffix in (".md", ".ipynb"):
        path = REPO / f"{docname}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"{docname} is in _toc.yml but has no .md or .ipynb source")


def _require_site(path: Path) -> Path:
    if not (path / "index.html").exists():
        pytest.fail(f"No built site at {path}: run `make book` (make test builds it first).")
    return path


@pytest.fixture(scope="session")
def student_html() -> Path:
    return _require_site(STUDENT_HTML)


@pytest.fixture(scope="session")
def instructor_html() -> Path:
    return _require_site(INSTRUCTOR_HTML)


def in_ci() -> bool:
    """.ci/run runs with CI=true: there every browser and article test must run."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def article_text() -> str:
    if not ARTICLE.exists():
        if in_ci():
            pytest.fail(f"{ARTICLE_MISSING}, and this is CI: .ci/run expects ../shared beside the checkout")
        pytest.skip(ARTICLE_MISSING)
    return ARTICLE.read_text(encoding="utf-8")


# --- tests that need what the repository does not hold: skip locally, never in CI ---------

SITE_FIXTURES = {"student_html", "instructor_html"}


def pytest_configure(config):
    config.addinivalue_line("markers", "article: checks against the source article in ../shared (article_text)")
    config.addinivalue_line("markers", "browser: drives the built site in headless Chromium (needs /usr/bin/chromium)")
    config.addinivalue_line("markers", "site: reads a built site (student_html or instructor_html); `make unit` leaves "
                                       "these out")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "article_text" in names:
            item.add_marker(pytest.mark.article)
        if "browser" in names and not any(item.iter_markers("browser")):
            item.add_marker(pytest.mark.browser)
        # Anything that reads a built site (directly or through site_url) needs `make book` first.
        if SITE_FIXTURES.intersection(names) and not any(item.iter_markers("site")):
            item.add_marker(pytest.mark.site)


def _must_run_in_ci(item) -> bool:
    return any(item.iter_markers("browser")) or any(item.iter_markers("article"))


def _fixture_line(name: str) -> int:
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, 1) if line.startswith(f"def {name}(")), 0)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped browser or article test is a failure, whatever made it skip. Locally,
    the tests skipped for want of Chromium or the article are reported at their fixture, so
    pytest's summary shows one line for each ("SKIPPED [321] tests/conftest.py:…"), not one
    per test."""
    report = yield
    if not (report.skipped and _must_run_in_ci(item)) or hasattr(report, "wasxfail"):
        return report
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    reason = reason.removeprefix("Skipped: ")
    if in_ci():
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every browser and article test must run: {reason}"
    elif reason in (CHROMIUM_MISSING, ARTICLE_MISSING):
        fixture = "browser" if reason == CHROMIUM_MISSING else "article_text"
        report.longrepr = (__file__, _fixture_line(fixture), f"Skipped: {reason}")
    return report


def _tests(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After pytest's own summary: how many tests were skipped for want of Chromium or the
    article, and what to do about it (a line each, just above the final counts)."""
    result = yield
    skipped = terminalreporter.stats.get("skipped", [])
    browser = sum(1 for r in skipped if "browser" in r.keywords)
    article = sum(1 for r in skipped if "article" in r.keywords)
    if browser:
        why = (f"{CHROMIUM} is not installed; install Debian's Chromium (sudo apt-get install chromium) to run them"
               if not CHROMIUM.exists() else "see the skip reasons above")
        terminalreporter.write_line(f"{_tests(browser, 'browser test')} skipped: {why}.", yellow=True, bold=True)
    if article:
        terminalreporter.write_line(f"{_tests(article, 'test')} against the source article skipped: {ARTICLE_MISSING}.",
                                    yellow=True, bold=True)
    return result


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(root: Path):
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(student_html):
    """Base URL of the student site, served on loopback for the whole session."""
    server = _serve(student_html)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def instructor_site_url(instructor_html):
    server = _serve(instructor_html)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if in_ci():
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


class PageWatch:
    """A page plus what it did: requests to other hosts, console errors and HTTP errors (a
    missing file is a 404 the reader's console shows). The browser's own favicon request is
    not a page request: tests/browser/test_pages.py checks it at the server."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.host = urlparse(base_url).netloc
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []
        self.http_errors: list[str] = []
        self._listeners = {
            "request": self._on_request,
            "response": lambda r: r.status >= 400 and self.http_errors.append(f"{r.status} {r.url}"),
            "console": lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
            "pageerror": lambda exc: self.console_errors.append(f"uncaught: {exc}"),
        }
        for event, listener in self._listeners.items():
            page.on(event, listener)

    def stop(self):
        """Stop watching: a page shared by several tests gets a new watch for each."""
        for event, listener in self._listeners.items():
            self.page.remove_listener(event, listener)

    def _on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.netloc != self.host:
            self.foreign_requests.append(request.url)

    def goto_in_theme(self, url: str, theme: str):
        """Open url in the light or dark theme: the theme reads the reader's stored choice from
        localStorage as the page loads, so store it, then reload."""
        self.page.goto(url)
        # The theme's script starts after the largest paint (assets/rk/late-scripts.js) and writes
        # the mode it started with back to localStorage; storing ours before it has run lost the
        # race on a busy machine (the reloaded page came up light). Wait for it first.
        self.wait_for_theme_scripts()
        self.page.evaluate("(t) => { localStorage.setItem('mode', t); localStorage.setItem('theme', t); }", theme)
        self.page.reload()
        assert self.page.evaluate("document.documentElement.dataset.theme") == theme

    def wait_for_theme_scripts(self):
        """Until the theme's own scripts have run: they start after the largest paint
        (assets/rk/late-scripts.js), which marks the page when they have."""
        self.page.wait_for_function(
            "document.documentElement.dataset.rkLate === 'done' || !document.querySelector('script[data-rk-late]')")

    def assert_clean(self):
        assert not self.foreign_requests, f"requests left the site: {self.foreign_requests}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.http_errors, f"HTTP errors: {self.http_errors}"


@pytest.fixture
def watched_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Fail fast on anything that is not the local site, so a stray CDN link cannot hang a test.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    watch = PageWatch(page, site_url)
    yield watch
    context.close()
