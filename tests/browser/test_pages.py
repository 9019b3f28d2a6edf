"""Every page in headless Chromium: nothing requested from other hosts, no console errors;
the example figure is drawn and its slider changes it. Screenshots go to _build/screenshots."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, toc_docnames

pytestmark = pytest.mark.browser
SHOTS = REPO / "_build" / "screenshots"


@pytest.mark.parametrize("docname", toc_docnames())
def test_page_is_clean(watched_page, site_url, docname):
    page = watched_page.page
    page.goto(f"{site_url}/{docname}.html", wait_until="load")
    # Give deferred scripts (plotly, widgets) time to run and report errors.
    page.wait_for_timeout(150)
    for figure in page.locator("figure.rk-plotly").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_selector("figure.rk-plotly[data-drawn='true']", timeout=10_000)
    watched_page.assert_clean()


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
