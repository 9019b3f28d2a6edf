"""The planner's example figure is drawn and its slider changes it; a page load gets the site's
icon and no 404; the guideline table fits a phone. Screenshots go to _build/screenshots. (Every
page's "nothing from other hosts, no console error" check is in test_quality.py, on the same
page load as its accessibility checks.)"""

from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest

from tests.conftest import REPO, _QuietHandler

pytestmark = pytest.mark.browser
SHOTS = REPO / "_build" / "screenshots"


def test_planner_figure_draws_and_slider_changes_it(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/book/rehabilitation/return-to-running-planner.html")
    figure = page.locator("figure.rk-plotly").first
    figure.scroll_into_view_if_needed()
    page.wait_for_selector("figure.rk-plotly[data-drawn='true']", timeout=10_000)
    title = figure.locator(".gtitle")
    assert "Week 1: 1 minute run / 2 minutes walk × 10" in title.text_content()
    # Click the slider's 4th step ("4"): the title spells out week 4's session.
    figure.locator(".slider-group .slider-label, .slider-container").first.wait_for()
    figure.locator("g.slider-labels text", has_text="4").first.click(force=True)
    page.wait_for_function("el => el.textContent.includes('Week 4')", arg=title.element_handle(), timeout=5_000)
    assert "Week 4: 5 minutes run / 2 minutes walk × 4" in title.text_content()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "planner-week4.png"), full_page=False)
    watched_page.assert_clean()


class _Recording(_QuietHandler):
    """Notes every path the browser asks for and the status it got, the browser's own icon
    request included (Playwright does not report that one as a page request)."""

    def log_request(self, code="-", size="-"):
        self.server.requests.append((self.path, int(code)))


@pytest.fixture
def recording_site(student_html):
    handler = functools.partial(_Recording, directory=str(student_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


ICON_FILES = ("favicon.svg", "favicon-32.png", "favicon.ico")


@pytest.mark.parametrize("docname", ["book/index", "book/rehabilitation/return-to-running-planner"])
def test_page_load_gets_its_icon_and_no_404(browser, recording_site, docname):
    # Without an icon every page load asked for /favicon.ico: a 404, logged in the console.
    base = f"http://127.0.0.1:{recording_site.server_address[1]}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = []
    page.on("console", lambda msg: msg.type == "error" and console.append(msg.text))
    try:
        page.goto(f"{base}/{docname}.html", wait_until="load")
        # The browser fetches the icon by itself, after the load event: wait for it at the server.
        deadline = time.monotonic() + 10
        while not any(path.split("?")[0].endswith(ICON_FILES) for path, _ in recording_site.requests):
            assert time.monotonic() < deadline, f"no icon requested: {recording_site.requests}"
            page.wait_for_timeout(50)
        page.wait_for_timeout(200)
        missing = [(path, status) for path, status in recording_site.requests if status >= 400]
        assert not missing, f"{docname}: the site answered {missing}"
        assert not console, f"console errors: {console}"
        # Every icon the page names, and /favicon.ico at the root, is an image the site serves.
        icons = 'link[rel~="icon"], link[rel="apple-touch-icon"]'
        hrefs = page.eval_on_selector_all(icons, "els => els.map(e => e.href)")
        assert len(hrefs) == 3, hrefs
        for href in [*hrefs, f"{base}/favicon.ico"]:
            response = page.request.get(href)
            assert response.ok and response.headers["content-type"].startswith("image/"), href
    finally:
        context.close()


def test_guideline_table_stacks_on_a_phone_and_keeps_two_columns_on_a_desktop(watched_page, site_url):
    """At 390 px each treatment's name sits above its evidence, which gets the full width (two
    columns left it a strip of three words a line); at 1280 px the two columns stay side by side.
    Both views of the braces row (guideline and consensus) are on the page."""
    from widgets import treatments

    page = watched_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/{treatments.PAGE}.html")
    cells = page.locator("#treatment-braces").locator("xpath=ancestor::tr").locator("td")
    name, evidence = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert evidence["y"] >= name["y"] + name["height"] - 1
    assert evidence["width"] >= 300
    text = cells.nth(1).inner_text()
    assert "as a 2021 review of guidelines reports them: Not recommended." in text
    assert "2018 consensus: Uncertain." in text
    assert "The two differ here;" in text
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    name, evidence = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert evidence["x"] >= name["x"] + name["width"] - 1 and evidence["y"] <= name["y"] + 1
    watched_page.assert_clean()
