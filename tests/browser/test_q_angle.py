"""The static Q-angle page in Chromium: the valgus slider changes the angle label."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets.figures import q_angle as figures

pytestmark = pytest.mark.browser
PAGE = "book/what-is-runners-knee/q-angle"


def test_valgus_slider_and_pelvis_menu_change_the_angle(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    figure = page.locator("figure.rk-plotly").first
    figure.scroll_into_view_if_needed()
    page.wait_for_selector("figure.rk-plotly[data-drawn='true']", timeout=10_000)
    narrow = figures.BUILDS[0][1]
    upright = f"Q = {figures.valgus_leg(narrow, 0, 0).q_deg:.1f}°"
    collapsed = f"Q = {figures.valgus_leg(narrow, 10, 0).q_deg:.1f}°"
    assert upright in figure.locator(".rk-plotly-target").text_content()
    figure.locator("g.slider-labels text", has_text="10°").first.click(force=True)
    expect(figure).to_contain_text(collapsed, timeout=5_000)
    # The pelvis menu swaps the visible leg, keeping the knee's 10° drop.
    wide = f"Q = {figures.valgus_leg(figures.BUILDS[1][1], 10, 0).q_deg:.1f}°"
    figure.locator("g.updatemenu-header-group").click()
    figure.locator("g.updatemenu-dropdown-button", has_text=figures.BUILDS[1][0]).first.click()
    # Plotly leaves hidden traces out of the drawing, so only the visible leg's label is in the SVG.
    expect(figure).to_contain_text(wide, timeout=5_000)
    drawing = figure.locator(".rk-plotly-target")  # the SVG, not the figure's embedded JSON
    assert wide in drawing.text_content() and collapsed not in drawing.text_content()
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    watched_page.assert_clean()
