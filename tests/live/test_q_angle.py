"""The JupyterLab Q-angle sliders call the same geometry."""

import contextlib
import io

from widgets import pf_load, q_angle
from widgets.live.q_angle import LiveQAngle


def test_valgus_slider_updates_the_angle_and_force():
    with contextlib.redirect_stdout(io.StringIO()):
        live = LiveQAngle()
        live.controls["femoral_adduction_deg"].value = 12
        live.activity.value = "stair_ascent"
    leg = q_angle.leg_landmarks(femoral_adduction_deg=12)
    quad = pf_load.peak_load("stair_ascent").quadriceps_force_n
    assert f"Q-angle {leg.q_deg:.1f}°" in live.result.value
    assert f"{q_angle.lateral_force(quad, leg.q_deg):,.0f} N" in live.result.value
