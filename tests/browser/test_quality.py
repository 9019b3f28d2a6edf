"""The public-health quality bar (issue 11) on every page of both editions:

- axe-core finds no serious or critical WCAG 2.1 AA violation;
- at 390 px wide nothing makes the page scroll sideways (tables and figures scroll inside);
- printing hides the navigation chrome and keeps the figures.

One page load per page and edition: axe at desktop width, then the phone check on the same
page after resizing (both measure the page as built; re-loading would only cost time).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import toc_docnames

pytestmark = pytest.mark.browser

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DOCNAMES = toc_docnames()

OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('.bd-article *')].filter(el => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        for (let p = el.parentElement; p; p = p.parentElement) {   // scrolls inside its own box: fine
            const s = getComputedStyle(p);
            const scrolls = ['auto', 'scroll', 'hidden'].includes(s.overflowX);
            if (scrolls && p.getBoundingClientRect().right <= width + 1) return false;
        }
        return true;
    }).slice(0, 5).map(el => el.tagName + '.' + el.className);
    return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture(scope="module")
def shared_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("axe.version") == AXE_VERSION, "tests/browser/vendor/axe-core is not the pinned axe-core"
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""",
        WCAG_AA,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def load(page, url: str, width: int = 1280):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="load")
    figures = page.locator("figure.rk-plotly")
    if figures.count():
        # plotly.js is fetched only when a reader reaches a figure: scroll to each, so the
        # interactive figures (not only their pictures) are what is checked, then back to the top.
        for figure in figures.all():
            figure.scroll_into_view_if_needed()
        page.wait_for_function("n => document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === n",
                               arg=figures.count(), timeout=10_000)
        page.evaluate("scrollTo(0, 0)")


@pytest.mark.parametrize("docname", DOCNAMES)
def test_accessible_and_fits_a_phone(shared_page, site_url, docname):
    load(shared_page, f"{site_url}/{docname}.html")
    violations = axe_violations(shared_page)
    assert not violations, f"{docname}: {violations}"
    shared_page.set_viewport_size({"width": 390, "height": 844})
    shared_page.wait_for_timeout(150)  # figures re-layout on resize
    overflow = shared_page.evaluate(OVERFLOW_JS)
    assert overflow["scrollWidth"] <= overflow["width"] + 1, f"{docname} scrolls sideways at 390 px: {overflow}"
    assert not overflow["wide"], f"{docname}: elements wider than a 390 px screen: {overflow['wide']}"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_accessible_instructor_edition(shared_page, instructor_site_url, docname):
    load(shared_page, f"{instructor_site_url}/{docname}.html")
    violations = axe_violations(shared_page)
    assert not violations, f"{docname} (instructor edition): {violations}"


def test_print_hides_navigation_and_keeps_figures(shared_page, site_url):
    load(shared_page, f"{site_url}/book/rehabilitation/return-to-running-planner.html")
    shared_page.emulate_media(media="print")
    try:
        visible = shared_page.evaluate(
            """() => ({
                sidebar: !!document.querySelector('.bd-sidebar-primary')?.offsetParent,
                header: !!document.querySelector('.bd-header')?.offsetParent,
                figure: !!document.querySelector('figure.rk-plotly svg.main-svg')?.getBoundingClientRect().height,
                disclaimer: !!document.querySelector('.rk-disclaimer')?.offsetParent,
            })"""
        )
    finally:
        shared_page.emulate_media(media="screen")
    assert visible == {"sidebar": False, "header": False, "figure": True, "disclaimer": True}, visible


@pytest.fixture(scope="module")
def dark_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The theme keeps the reader's choice in localStorage; set it before any page script runs.
    context.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("docname", DOCNAMES)
def test_accessible_in_the_dark_theme(dark_page, site_url, docname):
    load(dark_page, f"{site_url}/{docname}.html")
    assert dark_page.evaluate("document.documentElement.dataset.theme") == "dark"
    violations = axe_violations(dark_page)
    assert not violations, f"{docname} (dark theme): {violations}"
