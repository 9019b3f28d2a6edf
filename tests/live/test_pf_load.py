"""The JupyterLab joint-load controls call the same model."""

from widgets import pf_load
from widgets.live.pf_load import MANUAL, LivePFLoad


def test_sliders_recompute_with_the_model():
    live = LivePFLoad()
    assert f"{pf_load.peak_load('running').force_bw:.2f}× body weight" in live.result.value
    live.mass.value = 55
    live.cadence.value = 10
    expected = pf_load.peak_load("running", 55, 10)
    assert f"{expected.force_n:,.0f} N" in live.result.value
    live.activity.value = "stair_ascent"
    assert live.cadence.disabled
    assert f"{pf_load.peak_load('stair_ascent', 55).force_bw:.2f}× body weight" in live.result.value


def test_manual_angle_beyond_contact_area_says_so_instead_of_failing():
    live = LivePFLoad()
    live.activity.value = MANUAL
    live.angle.value = 80
    assert "not computed above 60°" in live.result.value
    assert not live.angle.disabled
