"""The training-load checker for the static site: thresholds, limits and every word of the
findings from widgets.training_load; the rules in _static/rk/training-load.js, tested against
widgets.training_load under Node (tests/static/test_training_load.py)."""

from __future__ import annotations

from widgets import clinical
from widgets.display import StaticWidget
from widgets.training_load import MAX_WEEK_KM, MESSAGES, thresholds, words

FORM = """
<form class="rk-tl-form" novalidate>
  <label for="rk-tl-weeks">Weekly distances in km, oldest first, separated by commas</label>
  <input id="rk-tl-weeks" name="weeks" type="text" inputmode="decimal" autocomplete="off"
         placeholder="e.g. 20, 22, 24, 26, 28, 30">
  <label for="rk-tl-long">Long run of each week in km (optional, same order)</label>
  <input id="rk-tl-long" name="long" type="text" inputmode="decimal" autocomplete="off"
         placeholder="e.g. 6, 7, 7, 8, 8, 9">
  <button type="submit">Check my weeks</button>
</form>
<div class="rk-tl-result" aria-live="polite"></div>
<p class="rk-tl-privacy">What you type stays in this page on your device; nothing is sent anywhere.</p>
"""


def widget_data() -> dict[str, object]:
    """What the script needs: check_weeks' thresholds, the deload spacing that
    suggest_next_weeks plans with (the lower bound of the article's range), the distance limit,
    and the messages with the rule numbers in words."""
    low_every, _ = clinical.bounds("training_load.deload_every_weeks")
    return {**thresholds(), "deload_every_min_weeks": low_every, "max_week_km": MAX_WEEK_KM,
            "messages": MESSAGES, "words": words()}


def training_load_view() -> StaticWidget:
    return StaticWidget("training-load", data=widget_data(), fallback_html=FORM, label="Training-load checker")
