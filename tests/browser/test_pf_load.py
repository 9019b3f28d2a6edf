"""The static joint-load page in Chromium: plotly's own controls change the plotted values."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets import pf_load

pytestmark = pytest.mark.browser
PAGE = "book/what-is-runners-knee/joint-load"
# Where the angle figure draws its peak marker(s); it changes when the activity does.
PEAK_POINTS = "el => [...el.querySelectorAll('path.point')].map(p => p.getAttribute('transform')).join(';')"


def _drawn(page, site_url):
    page.goto(f"{site_url}/{PAGE}.html")
    for figure in page.locator("figure.rk-plotly").all():
        figure.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === 3")


def _choose_activity(angle_figure, label):
    """Open the angle figure's plotly activity menu and click one activity."""
    angle_figure.locator("g.updatemenu-header-group").click()
    angle_figure.locator("g.updatemenu-dropdown-button", has_text=label).click()


def test_body_mass_slider_changes_the_newtons_on_the_bars(watched_page, site_url):
    page = watched_page.page
    _drawn(page, site_url)
    figure = page.locator("figure.rk-plotly").nth(0)
    at_70 = f"{pf_load.peak_load('running', 70).force_n:,.0f} N"
    at_100 = f"{pf_load.peak_load('running', 100).force_n:,.0f} N"
    assert figure.locator("text.bartext", has_text=at_70).count() >= 1
    figure.locator("g.slider-labels text", has_text="100").first.click(force=True)
    expect(figure.locator(".rk-plotly-target")).to_contain_text(at_100, timeout=5_000)
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
    expect(cadence.locator(".rk-plotly-target")).to_contain_text(six, timeout=5_000)
    assert cadence.locator("text.bartext", has_text=six).count() == 1
    assert cadence.locator("text.bartext", has_text=ten).count() == 0
    # The activity menu of the angle figure swaps the activity: its peak marker moves from the
    # stairs' 60° to walking's 20° (the curves alone rescale to look alike).
    angle = page.locator("figure.rk-plotly").nth(1)
    before = angle.evaluate(PEAK_POINTS)
    _choose_activity(angle, "Level walking")
    page.wait_for_function(
        f"([el, before]) => ({PEAK_POINTS})(el) !== before",
        arg=[angle.element_handle(), before],
        timeout=5_000,
    )
    assert "Level walking" in angle.locator("g.updatemenu-header-group").text_content()
    watched_page.assert_clean()


def test_keyboard_reaches_and_drives_the_body_mass_slider(watched_page, site_url):
    """plotly's SVG slider has a native twin (plotly-loader.js): Tab reaches it, arrows move it,
    the figure and plotly's own slider follow; out of focus it takes no room."""
    page = watched_page.page
    _drawn(page, site_url)
    figure = page.locator("figure.rk-plotly").nth(0)
    twin = figure.locator(".rk-plotly-keys input[type=range]")
    assert twin.get_attribute("aria-valuetext") == "70"
    assert figure.locator(".rk-plotly-keys").bounding_box()["width"] <= 1  # hidden until focused
    for _ in range(400):  # Tab through the page's links until the twin has focus
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.rk-plotly-keys')"):
            break
    assert page.evaluate("document.activeElement.type") == "range", "Tab never reached the figure's controls"
    assert figure.locator(".rk-plotly-keys").bounding_box()["width"] > 200  # shown while focused
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    for _ in range(6):  # 5 kg a step: 70 → 100 kg
        page.keyboard.press("ArrowRight")
    at_100 = f"{pf_load.peak_load('running', 100).force_n:,.0f} N"
    expect(figure.locator(".rk-plotly-target")).to_contain_text(at_100, timeout=5_000)
    assert twin.get_attribute("aria-valuetext") == "100"
    # plotly's own slider moved too, so mouse and keyboard agree.
    assert "Body mass (kg): 100" in figure.locator("g.slider-container").text_content()
    watched_page.assert_clean()


def test_keyboard_menu_twin_switches_the_activity(watched_page, site_url):
    page = watched_page.page
    _drawn(page, site_url)
    angle = page.locator("figure.rk-plotly").nth(1)
    select = angle.locator(".rk-plotly-keys select")
    assert angle.locator(".rk-plotly-keys label").first.text_content().startswith("Activity")
    before = angle.evaluate(PEAK_POINTS)
    select.focus()
    labels = [o.text_content() for o in select.locator("option").all()]
    walking = next(i for i, label in enumerate(labels) if label.startswith("Level walking"))
    current = int(select.input_value())
    key = "ArrowUp" if walking < current else "ArrowDown"
    for _ in range(abs(current - walking)):
        page.keyboard.press(key)
    assert select.input_value() == str(walking)
    page.wait_for_function(f"el => ({PEAK_POINTS})(el) !== {before!r}", arg=angle.element_handle(), timeout=5_000)
    assert "Level walking" in angle.locator("g.updatemenu-header-group").text_content()
    watched_page.assert_clean()


def test_every_activity_of_the_angle_figure_keeps_full_curves_and_readable_stress_ticks(watched_page, site_url):
    page = watched_page.page
    _drawn(page, site_url)
    angle = page.locator("figure.rk-plotly").nth(1)
    results = angle.evaluate(
        """async el => {
            const gd = el.querySelector('.js-plotly-plot');
            const out = [];
            for (const button of gd.layout.updatemenus[0].buttons) {
                await window.Plotly[button.method](gd, ...button.args);
                out.push({
                    label: button.label,
                    // x0/dx curves: 0–90° in 1° steps whatever the activity
                    forceAngles: [gd.calcdata[0].length, gd.calcdata[0][0].x, gd.calcdata[0].at(-1).x],
                    stressAngles: [gd.calcdata[1].length, gd.calcdata[1].at(-1).x],
                    peak: gd.calcdata[2][0].x,
                    stressTicks: [...el.querySelectorAll('g.y2tick text')].map(t => t.textContent),
                });
            }
            return out;
        }"""
    )
    assert len(results) == len(pf_load.ACTIVITIES)
    for result, activity in zip(results, pf_load.ACTIVITIES.values(), strict=True):
        assert result["forceAngles"] == [91, 0, 90], result
        assert result["stressAngles"] == [61, 60], result  # stress only where area was measured
        assert result["peak"] == pytest.approx(activity.knee_flexion_deg), result
        ticks = result["stressTicks"]
        assert len(ticks) >= 3 and len(set(ticks)) == len(ticks), result  # no "2, 2, 3, 3"
    watched_page.assert_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_activity_menu_fits_and_the_legend_tells_how_the_angle_was_found(watched_page, site_url, width):
    page = watched_page.page
    page.set_viewport_size({"width": width, "height": 900})
    _drawn(page, site_url)
    angle = page.locator("figure.rk-plotly").nth(1)
    angle.scroll_into_view_if_needed()
    # The closed menu lies inside the figure: a phone reader sees the whole activity name.
    menu, figure_box = angle.locator("g.updatemenu-header-group").bounding_box(), angle.bounding_box()
    assert menu["x"] >= figure_box["x"] and menu["x"] + menu["width"] <= figure_box["x"] + figure_box["width"]
    assert menu["x"] + menu["width"] <= width
    legend = angle.locator("g.legend")
    # The legend lies inside the figure too, and says how the peak's angle was found.
    box = legend.bounding_box()
    assert box["x"] + box["width"] <= figure_box["x"] + figure_box["width"] + 1
    stairs, chair = pf_load.ACTIVITIES["stair_ascent"], pf_load.ACTIVITIES["sit_to_stand"]
    expect(legend).to_contain_text(f"at {stairs.knee_flexion_deg:g}°")
    expect(legend).to_contain_text(stairs.angle_basis)
    _choose_activity(angle, chair.label)
    expect(legend).to_contain_text(f"at {chair.knee_flexion_deg:g}°", timeout=5_000)
    expect(legend).to_contain_text(chair.angle_basis)
    watched_page.assert_clean()
