"""The joint-load figures show the model's numbers, with every control state precomputed."""

import pytest

from widgets import pf_load
from widgets.figures import pf_load as figures


def test_activity_figure_bars_are_the_model_and_slider_restyles_newtons():
    fig = figures.activity_figure(body_masses=(50, 70, 90))
    bars = fig.data[0]
    assert list(bars.x) == pytest.approx([pf_load.peak_load(n).force_bw for n in pf_load.ACTIVITIES])
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["50", "70", "90"]
    running_row = list(pf_load.ACTIVITIES).index("running")
    newtons_90 = pf_load.peak_load("running", 90).force_n
    assert f"{newtons_90:,.0f} N" in steps[2].args[0]["text"][0][running_row]


def test_article_ranges_marked_from_clinical_data():
    fig = figures.activity_figure(body_masses=(70,))
    article = fig.data[1]
    row = list(pf_load.ACTIVITIES).index("running")
    assert article.x[row] == pytest.approx(9.5)  # middle of 7–12
    assert article.error_x.array[row] == pytest.approx(2.5)


def test_angle_figure_buttons_switch_to_each_activity_curve():
    fig = figures.angle_figure()
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == len(pf_load.ACTIVITIES)
    walking = buttons[list(pf_load.ACTIVITIES).index("walking")]
    _, force_bw, _ = pf_load.force_curve(0.42)  # walking: 0.42 N·m/kg (Bovi et al. 2011)
    assert list(walking.args[0]["y"][0]) == pytest.approx(list(force_bw))
    # The buttons restyle force, stress and the peak marker only; the contact-area panel
    # (trace 3) does not depend on the activity and must stay as drawn.
    assert all(list(button.args[1]) == [0, 1, 2] for button in buttons)
    assert fig.data[3].name == "Contact area (mm²)"


def test_angle_figure_peak_says_how_each_angle_was_found():
    fig = figures.angle_figure()
    buttons = fig.layout.updatemenus[0].buttons
    expected_basis = {
        "walking": "angle from published curves",  # Bovi et al. 2011's mean curves
        "stair_ascent": "angle from published curves",
        "sit_to_stand": "angle from published curves",
        "running": "measured angle",
    }
    for button, act in zip(buttons, pf_load.ACTIVITIES.values(), strict=True):
        # The menu names the activity only, so it fits a phone; the moments are in the table.
        assert button.label == act.label
        restyle = button.args[0]
        # restyle resets an attribute given None: the curves' own names are passed on.
        assert restyle["name"][:2] == [fig.data[0].name, fig.data[1].name]
        peak_name = restyle["name"][2]
        assert f"at {act.knee_flexion_deg:g}°" in peak_name
        if act.name in expected_basis:
            assert f"({expected_basis[act.name]})" in peak_name
    default = list(pf_load.ACTIVITIES).index("stair_ascent")
    assert fig.data[2].name == buttons[default].args[0]["name"][2]


def test_cadence_figure_slider_has_every_percent_from_minus_to_plus_ten():
    fig = figures.cadence_figure()
    steps = fig.layout.sliders[0].steps
    assert steps[0].label == "-10%" and steps[-1].label == "+10%" and len(steps) == 21
    ten = pf_load.cadence_effect(10)
    assert steps[-1].args[0]["y"][0] == pytest.approx([ten["per_step_pct"], ten["per_km_pct"]])


def test_article_markers_sit_below_the_bars_not_on_their_labels():
    fig = figures.activity_figure(body_masses=(70,))
    bars, article = fig.data[0], fig.data[1]
    names = list(pf_load.ACTIVITIES)
    assert list(fig.layout.yaxis.ticktext) == [pf_load.ACTIVITIES[n].short_label for n in names]
    for row, tick in enumerate(fig.layout.yaxis.tickvals):
        bar_low, bar_high = bars.y[row] - bars.width / 2, bars.y[row] + bars.width / 2
        # The y axis is reversed: the article's line is below the bar, inside the same row.
        assert tick - 0.5 <= bar_low and bar_high < article.y[row] <= tick + 0.5
    # Hover still names the activity.
    assert list(bars.customdata) == list(fig.layout.yaxis.ticktext)


def test_activity_figure_text_alternative_gives_every_activity_s_model_value():
    alt = figures.activity_view().alt
    assert f"for {len(pf_load.ACTIVITIES)} activities" in alt
    for name in pf_load.ACTIVITIES:
        assert f"{pf_load.peak_load(name).force_bw:.1f}" in alt, name
    assert "chair" in alt and "stairs up" in alt and "down" in alt
