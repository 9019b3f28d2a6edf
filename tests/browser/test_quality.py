"""The public-health quality bar (issue 11) on every page of both editions:

- nothing is requested from another host, and the console shows no error and no 404;
- axe-core finds no serious or critical WCAG 2.1 AA violation, in the light and the dark theme;
- at 390 px wide nothing makes the page scroll sideways (tables and figures scroll inside);
- printing hides the navigation chrome and keeps the figures.

One page load per page: the checks measure the same built page, so loading it again for each
would only cost time (the suite's largest share went on reloading the same 59 pages four
times). The dark theme is the theme's own switch, the two attributes its toggle sets: every
colour of the site follows them in CSS, and no script reads them. The instructor edition is
checked where its pages differ from the student's (worked solutions, teaching notes) and on the
home page, whose header names the edition; every other page is, but for that name, the same HTML
as the student page checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import INSTRUCTOR_HTML, STUDENT_HTML, PageWatch, toc_docnames

pytestmark = pytest.mark.browser

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DOCNAMES = toc_docnames()
BODY = re.compile(r"<body.*?</body>", re.S)
EDITION_NAME = " — instructor edition"  # the instructor edition's title (_ext/course_site.py)


def _body(html_dir: Path, docname: str) -> str | None:
    """The page as a reader's browser lays it out, with the edition's name taken out of its title."""
    path = html_dir / f"{docname}.html"
    if not path.exists():
        return None
    found = BODY.search(path.read_text(encoding="utf-8").replace(EDITION_NAME, ""))
    return found.group(0) if found else ""


def instructor_docnames() -> list[str]:
    """The home page and every page whose body differs between the two built editions other than
    by the edition's name (8 of 59 pages: the exercise pages, the guide and the module plan). With
    no built sites (collection only), every page: the site fixtures then fail with the reason."""
    differ = []
    for name in DOCNAMES:
        student = _body(STUDENT_HTML, name)
        if student is None or student != _body(INSTRUCTOR_HTML, name):
            differ.append(name)
    return ["book/index", *(name for name in differ if name != "book/index")]


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
    # Fail fast on anything that is not the local site, so a stray CDN link cannot hang a test.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"), lambda route: route.abort())
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


def in_dark_theme(page, dark: bool):
    """The theme's colour switch, as its toggle sets it (pydata-sphinx-theme: data-theme and data-mode)."""
    # The theme fades colours in 0.15 s (CSS transitions): axe must read the colours they end on.
    page.evaluate("""async (t) => {
        document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t;
        await new Promise(requestAnimationFrame);
        const fades = document.getAnimations().filter((a) => a instanceof CSSTransition);
        await Promise.all(fades.map((a) => a.finished.catch(() => null)));
    }""", "dark" if dark else "light")


@pytest.mark.parametrize("docname", DOCNAMES)
def test_clean_accessible_in_both_themes_and_fits_a_phone(shared_page, site_url, docname):
    watch = PageWatch(shared_page, site_url)
    try:
        load(shared_page, f"{site_url}/{docname}.html")
        violations = axe_violations(shared_page)
        in_dark_theme(shared_page, True)
        dark = axe_violations(shared_page)
        in_dark_theme(shared_page, False)
        shared_page.set_viewport_size({"width": 390, "height": 844})
        shared_page.wait_for_timeout(150)  # figures re-layout on resize
        overflow = shared_page.evaluate(OVERFLOW_JS)
    finally:
        watch.stop()
    watch.assert_clean()
    assert not violations, f"{docname}: {violations}"
    assert not dark, f"{docname} (dark theme): {dark}"
    assert overflow["scrollWidth"] <= overflow["width"] + 1, f"{docname} scrolls sideways at 390 px: {overflow}"
    assert not overflow["wide"], f"{docname}: elements wider than a 390 px screen: {overflow['wide']}"


@pytest.mark.parametrize("docname", instructor_docnames())
def test_accessible_instructor_edition(shared_page, instructor_site_url, docname):
    watch = PageWatch(shared_page, instructor_site_url)
    try:
        load(shared_page, f"{instructor_site_url}/{docname}.html")
        violations = axe_violations(shared_page)
    finally:
        watch.stop()
    watch.assert_clean()
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
