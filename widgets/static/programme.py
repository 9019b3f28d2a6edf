"""The rehabilitation programme builder for the static site (_static/rk/programme.js).

The page carries the printable sheet as HTML made here — every exercise with its diagram
(widgets.figures.exercise_diagrams), dose, progression, what to feel and the common mistakes —
and, as embedded JSON, the programme's numbers and words from widgets.programme. The script
lays out the dates exactly as :func:`widgets.programme.build_programme` does (tested against
it), fills the dated tick grid, and writes the CSV and .ics files in the browser. Nothing in
the embedded data depends on today's date, so the notebook's stored output never changes.
"""

from __future__ import annotations

import html

from widgets import programme as pg
from widgets import red_flags
from widgets.display import StaticWidget
from widgets.figures.exercise_diagrams import exercise_svg


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def widget_data() -> dict:
    """Everything the script needs, from the same functions the Python exports use."""
    rules = pg.rules()
    exercises = pg.programme_exercises()
    return {
        "rules": rules,
        "weekday_names": list(pg.WEEKDAY_NAMES),
        "weekdays": list(pg.WEEKDAYS),
        "months": list(pg.MONTHS),
        "default_days": list(pg.spread_example()),
        "spread_example": pg.spread_example_text(),
        "latest_start": pg.LATEST_START.isoformat(),
        "exercises": [{"name": e.name, "dose": e.dose, "group": e.group, "maintenance": e.maintenance}
                      for e in exercises],
        "maintenance_names": ", ".join(e.name for e in exercises if e.maintenance),
        "csv_header": list(pg.CSV_HEADER),
        "description": pg.session_description(),
        "templates": {
            "summary": pg.SUMMARY_TEMPLATE,
            "warning": pg.WARNING_TEMPLATE,
            "maintenance": pg.MAINTENANCE_TEMPLATE,
        },
        "ics": {
            "prodid": pg.CALENDAR_PRODID,
            "calname": "Knee rehabilitation programme",
            "uid_domain": pg.UID_DOMAIN,
            "maintenance_summary": pg.MAINTENANCE_SUMMARY,
        },
    }


def _controls(rules: dict) -> str:
    low, high = rules["weeks_range"]
    weeks = "".join(
        f'<option value="{n}"{" selected" if n == rules["default_weeks"] else ""}>{n} weeks</option>'
        for n in range(low, high + 1)
    )
    default = set(pg.spread_example())
    days = "".join(
        f'<label class="rk-pg-day"><input type="checkbox" name="day" value="{i}" aria-label="{name}"'
        f'{" checked" if i in default else ""}> {short}</label>'
        for i, (short, name) in enumerate(zip(pg.WEEKDAYS, pg.WEEKDAY_NAMES, strict=True))
    )
    n = rules["sessions_per_week"]
    return f"""
<div class="rk-pg-controls rk-no-print">
<form class="rk-pg-form" novalidate>
  <div class="rk-pg-field">
    <label for="rk-pg-start">First day</label>
    <input id="rk-pg-start" name="start" type="date" max="{pg.LATEST_START.isoformat()}" required>
  </div>
  <div class="rk-pg-field">
    <label for="rk-pg-weeks">How long</label>
    <select id="rk-pg-weeks" name="weeks">{weeks}</select>
  </div>
  <fieldset class="rk-pg-days">
    <legend>Your {n} exercise days each week</legend>
    <div class="rk-pg-daylist">{days}</div>
  </fieldset>
</form>
<div class="rk-pg-message" aria-live="polite"></div>
<div class="rk-pg-actions">
  <button type="button" class="rk-pg-print" disabled>Print the sheet</button>
  <button type="button" class="rk-pg-csv" disabled>Download CSV</button>
  <button type="button" class="rk-pg-ics" disabled>Add to calendar (.ics)</button>
</div>
<p class="rk-pg-privacy">Your dates stay in this page: nothing is sent anywhere, and the files are
made in your browser.</p>
</div>"""


def _exercise_item(e: pg.ProgrammeExercise) -> str:
    progression = (f'<p class="rk-pg-progress"><span class="rk-pg-k">Progress:</span> {_esc(e.progression)}</p>'
                   if e.progression else "")
    mistakes = "".join(f"<li>{_esc(m)}</li>" for m in e.mistakes)
    return (
        f'<li class="rk-pg-ex" data-exercise="{e.id}">'
        f'<div class="rk-pg-diagram">{exercise_svg(e.id)}</div>'
        f'<div class="rk-pg-what"><h4 class="rk-pg-name">{_esc(e.name)}</h4>'
        f'<p class="rk-pg-dose">{_esc(e.dose)}</p>{progression}</div>'
        f'<div class="rk-pg-feel"><p><span class="rk-pg-k">Feel:</span> {_esc(e.feel)}</p></div>'
        f'<div class="rk-pg-mistakes"><span class="rk-pg-k">Avoid:</span><ul>{mistakes}</ul></div>'
        f"</li>"
    )


def _sheet(rules: dict) -> str:
    exercises = pg.programme_exercises()
    groups = "".join(
        f'<h3 class="rk-pg-group">{"Hip" if group == "hip" else "Quadriceps"}</h3>'
        f'<ol class="rk-pg-exlist">{"".join(_exercise_item(e) for e in exercises if e.group == group)}</ol>'
        for group in ("hip", "quadriceps")
    )
    return f"""
<article class="rk-pg-sheet" aria-labelledby="rk-pg-sheet-title">
<header class="rk-pg-head">
  <h2 id="rk-pg-sheet-title">My knee rehabilitation programme</h2>
  <p class="rk-pg-span">{_esc(rules["sessions_per_week_text"])}, over {_esc(rules["weeks_text"])}.
  <span class="rk-pg-dates"></span></p>
  <p class="rk-pg-rule"><strong>Pain limit:</strong> keep knee pain during the exercises below
  {_esc(rules["pain_limit"])} (0 = none, 10 = worst). Above it: less resistance, a smaller range,
  or an easier exercise. The dose stays the same each week; take the next step only when the
  exercise's own condition is met.</p>
</header>
<section class="rk-pg-plan" aria-labelledby="rk-pg-plan-title">
  <h3 id="rk-pg-plan-title">Sessions: tick each one and note your knee pain</h3>
  <p class="rk-pg-nojs">Turn on JavaScript to lay out the dates (in JupyterLab, run the notebook's
  live cell).</p>
  <div class="rk-pg-grid"></div>
  <p class="rk-pg-maint"><strong>Afterwards, for good:</strong> {_esc(rules["maintenance_sessions_text"])}
  of the core hip exercises at {_esc(rules["maintenance_dose"])}.</p>
</section>
<section class="rk-pg-exercises" aria-labelledby="rk-pg-ex-title">
  <h3 id="rk-pg-ex-title" class="visually-hidden">The exercises, each session</h3>
  {groups}
</section>
<p class="rk-pg-foot">{html.escape(red_flags.disclaimer_text())}</p>
</article>"""


def programme_view() -> StaticWidget:
    """The programme builder: controls, the dated sheet, print, CSV and calendar files."""
    data = widget_data()
    return StaticWidget("programme", data=data, fallback_html=_controls(data["rules"]) + _sheet(data["rules"]),
                        label="Rehabilitation programme builder")
