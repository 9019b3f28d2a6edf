"""The JupyterLab walkthrough: clicking answers moves through the same tree, and an urgent
outcome leads with the catalogue's icon, level and action."""

from html import escape

from widgets import red_flags
from widgets.live.walkthrough import LiveWalkthrough


def test_yes_on_the_emergency_screen_shows_what_to_do_now():
    live = LiveWalkthrough("is_this_runners_knee")
    assert "safety check" in live.text.value
    live.answers.children[0].click()  # yes, an emergency sign
    level = red_flags.load().levels["emergency"]
    assert "rk-icon-phone" in live.text.value and level.title in live.text.value
    assert level.action.split(",")[0] in live.text.value
    assert "Educational use only" in live.text.value
    assert live.answers.children == ()


def test_clicking_to_a_within_days_outcome_back_and_restart():
    live = LiveWalkthrough("is_this_runners_knee")
    live.answers.children[1].click()  # no emergency sign
    live.answers.children[1].click()  # no same-day sign
    live.answers.children[1].click()  # started with an injury
    assert "See a professional within 2 days" in live.text.value
    assert "The pain started with an injury" in live.text.value
    live.back_button.click()
    assert "How did the pain start?" in live.text.value
    live.restart_button.click()
    assert "safety check" in live.text.value and live.back_button.disabled


def test_same_day_outcome_shows_each_signs_escalation_outside_the_fold():
    live = LiveWalkthrough("is_this_runners_knee")
    live.answers.children[1].click()  # no emergency sign
    live.answers.children[0].click()  # a same-day sign
    before_fold = live.text.value.split("<details>", 1)[0]
    for sign in red_flags.load().signs_at("same_day"):
        if sign.escalation:
            lead, rest = red_flags.escalation_parts(sign.escalation)
            # who it is for in bold, then what to do: the whole step is there, unfolded
            assert f"<b>{escape(lead)}</b>{escape(rest)}" in before_fold, sign.key
