"""The outcome-measures tracker for the static site: ranges, MIDs, the "no improvement" weeks and
every word of the verdicts from widgets.outcomes; the rules in _static/rk/outcomes.js, tested
against widgets.outcomes under Node (tests/static/test_outcomes.py).

Two views of the same results, stored in this browser only under ``widgets.outcomes.STORAGE_KEY``:
the tracker (``outcomes_view``, the outcome-measures page) and a read-only summary
(``outcomes_summary_view``) that the return-to-running planner's page shows.
"""

from __future__ import annotations

import html

from widgets import outcomes
from widgets.display import StaticWidget

NAME = "outcomes"
TOOL_PAGE = "outcome-measures.html"  # the tracker's page, next to the planner's


def _field(key: str, label: str, scale: str, hint: str, mode: str, example: str) -> str:
    return (
        f'<div class="rk-oc-field">'
        f'<label for="rk-oc-{key}">{html.escape(label)} '
        f'<span class="rk-oc-nowrap">({html.escape(scale)})</span></label>'
        f'<span class="rk-oc-hint" id="rk-oc-{key}-hint">{html.escape(hint)}</span>'
        f'<input id="rk-oc-{key}" name="{key}" type="text" inputmode="{mode}" autocomplete="off" '
        f'aria-describedby="rk-oc-{key}-hint rk-oc-{key}-error" data-measure="{key}" '
        f'placeholder="e.g. {example}">'
        f'<p class="rk-oc-field-error" id="rk-oc-{key}-error" hidden></p>'
        f"</div>"
    )


def app_html() -> str:
    fields = "".join([
        _field("akps", "Anterior Knee Pain Scale: total", "0–100",
               "From the official form; leave empty if you did not fill it in.", "numeric", "62"),
        _field("koos_pf", "KOOS-PF: score", "0–100", "The score from the official form and its scoring sheet; leave "
               "empty if you do not use it.", "decimal", "54.5"),
        _field("pain", "Worst knee pain in the past week", "0–10", "0 = no pain, 10 = the worst imaginable; during "
               "running, or the activity that hurts most if you are not running yet.", "decimal", "4"),
    ])
    return f"""
<div class="rk-oc-nojs"><p><strong>Outcome-measures tracker</strong> — this tool needs JavaScript in your browser.
Without it, write down the date, your questionnaire total and your worst pain (0–10) every 1–2 weeks,
and compare each entry with your first using the table of meaningful changes on this page.</p></div>
<div class="rk-oc-app" hidden>
  <div class="rk-oc-storage-alert" role="alert" hidden></div>
  <div class="rk-oc-part">
    <h3>1. Record your scores</h3>
    <form class="rk-oc-form" novalidate>
      <div class="rk-oc-field">
        <label for="rk-oc-date">Date</label>
        <input id="rk-oc-date" name="date" type="date" aria-describedby="rk-oc-date-error">
        <p class="rk-oc-field-error" id="rk-oc-date-error" hidden></p>
      </div>
      {fields}
      <div class="rk-oc-actions"><button type="submit">Save these scores</button></div>
      <p class="rk-oc-form-message" role="status"></p>
    </form>
  </div>
  <div class="rk-oc-part">
    <h3>2. Your progress</h3>
    <div class="rk-oc-status" aria-live="polite"></div>
    <div class="rk-oc-chart"></div>
    <div class="rk-oc-history"></div>
  </div>
  <div class="rk-oc-part">
    <h3>3. Keep a copy, or move it to another device</h3>
    <div class="rk-oc-actions">
      <button type="button" class="rk-oc-export">Download my results (CSV)</button>
      <label class="rk-oc-import-label">Import a results file (CSV)
        <input type="file" class="rk-oc-import" accept=".csv,text/csv"></label>
      <button type="button" class="rk-oc-clear">Delete my results from this browser</button>
    </div>
    <div class="rk-oc-data-message" role="status"></div>
  </div>
  <p class="rk-oc-privacy">Your results are kept only in this browser, on this device. Nothing is sent anywhere;
  download the CSV file to keep a copy or to show your physiotherapist.</p>
</div>
"""


def summary_html() -> str:
    return f"""
<div class="rk-oc-nojs"><p>Your outcome measures are shown here when JavaScript is on
(<a href="{TOOL_PAGE}">record them on the outcome-measures page</a>).</p></div>
<div class="rk-oc-app" hidden>
  <h3>Your outcome measures</h3>
  <div class="rk-oc-status" aria-live="polite"></div>
  <div class="rk-oc-history"></div>
  <p class="rk-oc-more"><a href="{TOOL_PAGE}">Record your scores, see the chart, or download them</a>
  (the same results, kept in this browser).</p>
</div>
"""


def widget_data(mode: str = "tool") -> dict[str, object]:
    return {**outcomes.widget_data(), "mode": mode, "tool_page": TOOL_PAGE}


def outcomes_view() -> StaticWidget:
    """The tracker, on the outcome-measures page."""
    return StaticWidget(NAME, data=widget_data("tool"), fallback_html=app_html(), label="Outcome-measures tracker")


def outcomes_summary_view() -> StaticWidget:
    """The read-only summary of the same results, on the return-to-running planner's page."""
    return StaticWidget(NAME, data=widget_data("summary"), fallback_html=summary_html(),
                        label="Your outcome measures (summary)")
