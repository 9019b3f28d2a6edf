"""The JupyterLab training-load checker and cadence calculator call the same models."""

from widgets import cadence, pf_load, training_load
from widgets.live.cadence import LiveCadence
from widgets.live.training_load import LiveTrainingLoad


def test_training_load_checks_and_suggests():
    live = LiveTrainingLoad()
    live.weeks.value = "20, 22, 26"
    live.button.click()
    assert 'data-rule="ten_percent"' in live.result.value
    assert f"{training_load.suggest_next_weeks([20, 22, 26], 4)[0]:g} km" in live.result.value
    live.weeks.value = "20, twenty"
    live.button.click()
    assert "week 2 is &#x27;twenty&#x27;" in live.result.value and "Please check" in live.result.value


def test_cadence_target_and_joint_load_change():
    live = LiveCadence()
    live.current.value = 160
    live.increase.value = 10
    assert f"Target: {cadence.target_cadence(160, 10):g} steps per minute" in live.result.value
    assert f"{pf_load.cadence_effect(10)['per_step_pct']:+.1f}%" in live.result.value
