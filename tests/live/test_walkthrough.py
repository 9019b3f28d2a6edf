"""The JupyterLab walkthrough: clicking answers moves through the same tree."""

from widgets.live.walkthrough import LiveWalkthrough


def test_clicking_to_a_red_flag_outcome_shows_professional_advice_and_disclaimer():
    live = LiveWalkthrough("is_this_runners_knee")
    assert "Where does it hurt most?" in live.text.value
    live.answers.children[0].click()  # diffuse
    live.answers.children[0].click()  # gradual
    live.answers.children[0].click()  # stairs, squatting...
    live.answers.children[0].click()  # yes, a red flag
    assert "See a professional" in live.text.value
    assert "not a diagnosis" in live.text.value
    assert live.answers.children == ()
    live.back_button.click()
    assert "Do any of these apply?" in live.text.value
    live.restart_button.click()
    assert "Where does it hurt most?" in live.text.value and live.back_button.disabled
