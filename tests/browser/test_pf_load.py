"""The static joint-load page in Chromium: plotly's own controls change the plotted values."""

from __future__ import annotations

import pytest

from widgets import pf_load

pytestmark = pytest.mark.browser
PAGE = "book/what-is-runners-knee/joint-load"


def _drawn(page, site_url):
    page.goto(f"{site_url}/{PAGE}.html")
    for figure in page.locator("figure.rk-plotly").all():
        figure.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === 3")


def test_body_mass_slider_changes_the_newtons_on_the_bars(watched_page, site_url):
    page = watched_page.page
    _drawn(page, site_url)
    figure = page.locator("figure.rk-plotly").nth(0)
    at_70 = f"{pf_load.peak_load('running', 70).force_n:,.0f} N"
    at_100 = f"{pf_load.peak_load('running', 100).force_n:,.0f} N"
    assert figure.locator("text.bartext", has_text=at_70).count() >= 1
    figure.locator("g.slider-labels text", has_text="100").first.click(force=True)
    page.wait_for_function(
        "([el, t]) => el.textContent.includes(t)",
        arg=[figure.locator(".rk-plotly-target").element_handle(), at_100],
        timeout=5_000,
    )
    assert figure.locator("text.bartext", has_text=at_100).count() >= 1
    assert figure.locator("text.bartext", has_text=at_70).count() == 0
    watched_page.assert_clean()


def test_cadence_slider_and_activity_menu_change_the_plot(watched_page, site_url):
    page = watched_page.page
    _drawn(page, site_url)
    cadence = page.locator("figure.rk-plotly").nth(2)
    ten = f"{pf_load.cadence_effect(10)['per_step_pct']:+.1f}%"
    six = f"{pf_load.cadence_effect(6)['per_step_pct']:+.1f}%"
    assert cadence.locator("text.bartext", has_text=ten).count() == 1
    cadence.locator("g.slider-labels text", has_text="+6%").first.click(force=True)
    page.wait_for_function(
        "([el, t]) => el.textContent.includes(t)",
        arg=[cadence.locator(".rk-plotly-target").element_handle(), six],
        timeout=5_000,
    )
    assert cadence.locator("text.bartext", has_text=six).count() == 1
    assert cadence.locator("text.bartext", has_text=ten).count() == 0
    # The activity menu of the angle figure swaps the activity: its peak marker moves from the
    # stairs' 60° to walking's 20° (the curves alone rescale to look alike).
    angle = page.locator("figure.rk-plotly").nth(1)
    points = "el => [...el.querySelectorAll('path.point')].map(p => p.getAttribute('transform')).join(';')"
    before = angle.evaluate(points)
    angle.locator("g.updatemenu-header-group").click()
    angle.locator("g.updatemenu-dropdown-button", has_text="Level walking").click()
    page.wait_for_function(
        f"([el, before]) => ({points})(el) !== before",
        arg=[angle.element_handle(), before],
        timeout=5_000,
    )
    assert "Level walking" in angle.locator("g.updatemenu-header-group").text_content()
    watched_page.assert_clean()
