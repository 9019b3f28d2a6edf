"""The theme still works after _ext/slim_static.py trimmed its stylesheets and icon font:
the parts that only appear when a reader does something (a tooltip, a menu, the search box)
keep their styles. Static checks of the trimmed files are in tests/test_site_build.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "book/what-is-runners-knee/joint-load.html"


def test_header_tooltip_is_drawn_with_its_arrow(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}")
    # Bootstrap's tooltips are set up by the theme's scripts, which start after the largest paint;
    # a hover before then shows nothing until the next hover (clicks are replayed, hovers are not).
    # CI hovered first once on a busy machine.
    watched_page.wait_for_theme_scripts()
    page.locator(".theme-switch-button").first.hover()
    tooltip = page.locator(".tooltip.show")
    expect(tooltip).to_contain_text("Color mode")
    # The arrow is styled through .bs-tooltip-auto, a class Bootstrap composes at run time.
    # The arrow is a triangle: one border of its ::before coloured, the others transparent.
    coloured_sides = page.evaluate(
        """() => {
            const s = getComputedStyle(document.querySelector('.tooltip.show .tooltip-arrow'), '::before');
            return ['Top', 'Right', 'Bottom', 'Left'].filter(side =>
                parseFloat(s['border' + side + 'Width']) > 0 &&
                !['transparent', 'rgba(0, 0, 0, 0)'].includes(s['border' + side + 'Color']));
        }"""
    )
    assert len(coloured_sides) == 1, coloured_sides
    assert page.evaluate("getComputedStyle(document.querySelector('.tooltip.show')).position") == "absolute"
    watched_page.assert_clean()


def test_download_menu_opens_as_a_styled_menu(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}")
    page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
    menu = page.locator(".dropdown-download-buttons .dropdown-menu.show")
    expect(menu).to_be_visible()
    expect(menu.locator("a", has_text=".ipynb")).to_be_visible()
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.dropdown-menu.show'));
                   return {position: s.position, background: s.backgroundColor}; }"""
    )
    assert style["position"] == "absolute"
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    watched_page.assert_clean()


def test_header_icons_are_drawn_in_the_icon_font(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}")
    page.wait_for_function("document.fonts.status === 'loaded'")
    icons = page.evaluate(
        """() => [...document.querySelectorAll('.bd-header-article i[class*="fa-"]')]
            .filter(el => el.offsetParent !== null)  // not the icons of the closed menu
            .map(el => {
            const s = getComputedStyle(el, '::before');
            return {cls: el.className, content: s.content, font: s.fontFamily,
                    width: el.getBoundingClientRect().width};
        })"""
    )
    assert len(icons) >= 2, icons  # the download and colour-mode buttons at least
    for icon in icons:
        assert icon["content"] not in ("none", "normal", '""'), icon
        assert "Font Awesome" in icon["font"] and icon["width"] > 0, icon
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Font Awesome" in family for family in loaded)
    watched_page.assert_clean()


def test_code_blocks_keep_their_copy_button(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/book/how-to-use.html")
    button = page.locator("div.highlight button.copybtn").first
    expect(button).to_be_attached()
    page.locator("div.highlight").first.hover()
    expect(button).to_be_visible()
    watched_page.assert_clean()


def test_a_click_before_the_theme_scripts_have_run_is_kept(watched_page, site_url):
    """The theme's scripts start after the first paint (_ext/course_site.py defer_head_scripts);
    a click on a control they drive, made before they have run, takes effect once they have."""
    page = watched_page.page
    held = []
    page.route("**/_static/scripts/pydata-sphinx-theme.js*", lambda route: held.append(route))
    page.goto(f"{site_url}/{PAGE}")
    assert page.evaluate("document.documentElement.dataset.mode") == "auto"
    page.locator(".theme-switch-button").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.dataset.mode") == "auto"  # not run yet
    assert held, "the theme's script was never requested"
    held[0].continue_()
    page.wait_for_function("document.documentElement.dataset.mode !== 'auto'", timeout=5_000)
    watched_page.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_first_paint_is_in_the_reader_s_colour_scheme_before_the_theme_script_runs(browser, site_url, scheme):
    """The theme's colours exist only for a resolved data-theme; its script, which resolves "auto",
    runs after the first paint, so the page resolves it in <head> (_templates/layout.html): a
    dark-mode reader never sees the light page first, and no table gains its borders later."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.route("**/_static/scripts/pydata-sphinx-theme.js*", lambda route: None)  # never arrives
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark = sum(int(v) for v in background[background.index("(") + 1:-1].split(",")[:3]) < 3 * 128
    assert dark == (scheme == "dark"), background
    context.close()
