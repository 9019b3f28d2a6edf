"""The Q-angle figure: every slider step and menu entry comes from the geometry."""

import pytest

from widgets import pf_load, q_angle
from widgets.figures import q_angle as figures


def test_slider_steps_restyle_every_build_from_the_geometry():
    fig = figures.q_angle_figure()
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == [f"{v}°" for v in figures.VALGUS_STEPS_DEG]
    last = steps[-1].args[0]
    n = figures.TRACES_PER_BUILD
    quad = pf_load.peak_load(figures.FORCE_ACTIVITY).quadriceps_force_n
    for b, (_, pelvis, tibial_ir) in enumerate(figures.BUILDS):
        leg = figures.valgus_leg(pelvis, figures.VALGUS_STEPS_DEG[-1], tibial_ir)
        label = last["text"][b * n + n - 1][0]
        assert f"Q = {leg.q_deg:.1f}°" in label
        assert f"{q_angle.lateral_force(quad, leg.q_deg):,.0f} N" in label
        assert last["x"][b * n + 6] == [pytest.approx(leg.q_deg)]  # marker on the typical-range scale


def test_menu_shows_one_build_at_a_time():
    fig = figures.q_angle_figure()
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [label for label, _, _ in figures.BUILDS]
    for i, button in enumerate(buttons):
        visible = button.args[0]["visible"]
        leg_flags = visible[len(visible) - len(figures.BUILDS) * figures.TRACES_PER_BUILD :]
        shown = [b for b in range(len(figures.BUILDS)) if leg_flags[b * figures.TRACES_PER_BUILD]]
        assert shown == [i]
