"""The cadence calculator and metronome for the static site (_static/rk/cadence.js)."""

from __future__ import annotations

from widgets import clinical
from widgets.cadence import INCREASE_RANGE, SPM_RANGE, TARGET_MESSAGE
from widgets.display import StaticWidget

FORM = """
<form class="rk-cad-form" novalidate>
  <label for="rk-cad-spm">Your cadence now (steps per minute, both feet)</label>
  <input id="rk-cad-spm" name="spm" type="number" inputmode="numeric" min="100" max="250" step="1" value="164">
  <fieldset>
    <legend>Increase</legend>
    <label><input type="radio" name="pct" value="5" checked> +5%</label>
    <label><input type="radio" name="pct" value="10"> +10%</label>
  </fieldset>
  <button type="submit">Work out my target</button>
</form>
<div class="rk-cad-result" aria-live="polite"></div>
<div class="rk-cad-metronome">
  <button type="button" class="rk-cad-play" disabled>Start metronome</button>
  <button type="button" class="rk-cad-download" disabled>Download 60 s of clicks (WAV)</button>
</div>
"""


def cadence_view() -> StaticWidget:
    low, high = clinical.bounds("cadence.increase_pct")
    data = {"spm_range": SPM_RANGE, "increase_range": INCREASE_RANGE, "article_pct": [low, high],
            "target_message": TARGET_MESSAGE}
    return StaticWidget("cadence", data=data, fallback_html=FORM, label="Cadence calculator and metronome")
