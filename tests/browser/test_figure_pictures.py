"""Figures before plotly.js: each figure's static picture (assets/figures/) is shown at once, at
the interactive figure's size; plotly.js is fetched only when the reader nears or touches a
figure (never just because the page is idle: a first visit stays under 1.5 MB), and the interactive
figure then takes the picture's box without moving the page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
FIGURE_PAGES = [
    "book/what-is-runners-knee/joint-load",
    "book/what-is-runners-knee/q-angle",
    "book/rehabilitation/cadence",
    "book/rehabilitation/return-to-running-planner",
]
PLOTLY = re.compile(r".*/plotly-basic-[^/]*\.js$")
BOXES = "[...document.querySelectorAll('figure.rk-plotly')].map(f => { const r = f.getBoundingClientRect();" \
        " return [Math.round(r.top + scrollY), Math.round(r.height), Math.round(r.width)]; })"


@pytest.mark.parametrize("docname", FIGURE_PAGES)
def test_with_scripts_off_every_figure_is_its_picture_with_its_text_alternative(browser, site_url, docname):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/{docname}.html")
    figures = page.locator("figure.rk-plotly")
    assert figures.count() >= 1
    for figure in figures.all():
        img = figure.locator("picture.rk-plotly-static img")
        img.scroll_into_view_if_needed()
        assert img.is_visible()
        assert img.get_attribute("alt") == figure.get_attribute("aria-label")
        assert len(img.get_attribute("alt")) > 40
        assert img.evaluate("i => i.complete && i.naturalWidth > 0"), f"{docname}: the picture did not load"
        box = img.bounding_box()
        assert box["height"] == figure.locator(".rk-plotly-target").bounding_box()["height"]
    context.close()


def test_plotly_js_waits_until_the_reader_nears_a_figure(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    # Count the page's idle callbacks: the test only means something once the page has been idle.
    page.add_init_script("""window.__idle = 0; (function tick() { requestIdleCallback(() => { window.__idle++;
        if (window.__idle < 20) setTimeout(tick, 50); }); })();""")
    requested = []
    page.on("request", lambda r: PLOTLY.match(r.url) and requested.append(r.url))
    page.goto(f"{site_url}/book/what-is-runners-knee/joint-load.html", wait_until="load")
    page.wait_for_function("window.__idle >= 20")
    page.wait_for_timeout(300)
    assert not requested, "plotly.js was requested (on an idle page) before the reader reached a figure"
    # Scrolling to within 300 px of the first figure is reaching it.
    page.evaluate("""() => { const f = document.querySelector('figure.rk-plotly');
        scrollTo(0, f.getBoundingClientRect().top + scrollY - innerHeight - 250); }""")
    page.wait_for_function("document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === 3")
    assert len(requested) == 1
    context.close()


def test_a_keyboard_reader_scrolling_with_page_down_gets_the_interactive_figure(browser, site_url):
    """No mouse, no touch: paging down the text reaches the first figure, which becomes interactive
    with its keyboard twin of plotly's slider."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/book/what-is-runners-knee/joint-load.html", wait_until="load")
    first = page.locator("figure.rk-plotly").first
    for _ in range(60):
        if first.get_attribute("data-drawn") == "true":
            break
        page.keyboard.press("PageDown")
        page.wait_for_timeout(100)
    first.locator(".rk-plotly-keys input[type=range]").wait_for(state="attached")
    context.close()


def test_interactive_figures_replace_the_pictures_in_the_same_boxes(browser, site_url):
    """At 390 px: with plotly.js held back the pictures show; once it arrives each figure is drawn
    in its picture's box, and nothing on the page moves."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    aborted = []
    page.route(PLOTLY, lambda route: (aborted.append(route.request.url), route.abort()))
    page.goto(f"{site_url}/book/what-is-runners-knee/joint-load.html", wait_until="load")
    before = page.evaluate(BOXES)
    page.locator("figure.rk-plotly").first.scroll_into_view_if_needed()  # reaching it asks for plotly.js
    page.wait_for_timeout(300)
    assert aborted, "reaching a figure did not ask for plotly.js"
    assert page.locator("figure.rk-plotly[data-drawn]").count() == 0
    assert page.locator("picture.rk-plotly-static img").count() == 3
    assert page.evaluate(BOXES) == before
    page.unroute(PLOTLY)
    page.locator("figure.rk-plotly").first.hover()  # touching a figure fetches plotly.js again
    page.wait_for_function("document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === 3")
    assert page.locator("picture.rk-plotly-static").count() == 0
    assert page.locator("figure.rk-plotly .main-svg").count() >= 3
    assert page.evaluate(BOXES) == before
    # The text alternative is still read once: now from the page's hidden text.
    assert page.locator(".rk-plotly-alt[aria-hidden]").count() == 0
    context.close()
