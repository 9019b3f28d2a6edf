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
from widgets import progression, red_flags
from widgets.display import StaticWidget
from widgets.figures.exercise_diagrams import exercise_svg

STORAGE_KEY = "rk-programme-plan"  # the builder's inputs and the weekly pain log, on this device only


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
        "stages": [{"exercises": [{"name": e.name, "dose": e.dose, "group": e.group} for e in st.exercises],
                    "description": pg.stage_session_description(st.number)} for st in progression.load_stages()],
        "templates": {
            "summary": pg.SUMMARY_TEMPLATE,
            "warning": pg.WARNING_TEMPLATE,
            "maintenance": pg.MAINTENANCE_TEMPLATE,
        },
        "progression": {
            "rules": progression.rules(),
            "stage_weeks": [st.weeks for st in progression.load_stages()],
            "stage_titles": [st.title for st in progression.load_stages()],
            "templates": dict(progression.NEXT_TEMPLATES),
            "decision_words": dict(progression.DECISION_WORDS),
            "why_pain": progression.WHY_PAIN,
            "why_next_day": progression.WHY_NEXT_DAY,
            "weeks_template": progression.WEEKS_TEMPLATE,
            "storage_key": STORAGE_KEY,
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


def _stage_doses(exercise_id: str) -> str:
    """The doses of an exercise in the stages that use it (the stage cards' doses, from
    progression.yaml), so the sheet gives no other dose than the plan, the CSV and the calendar."""
    uses = [f"stage {s.number}, {e.dose}" for s in progression.load_stages() for e in s.exercises
            if e.exercise == exercise_id]
    return "; ".join(uses) if uses else "as in the stage that uses it"


def _exercise_item(e: pg.ProgrammeExercise) -> str:
    step = (f'<p class="rk-pg-progress"><span class="rk-pg-k">Progress:</span> {_esc(e.progression)}</p>'
                   if e.progression else "")
    mistakes = "".join(f"<li>{_esc(m)}</li>" for m in e.mistakes)
    return (
        f'<li class="rk-pg-ex" data-exercise="{e.id}">'
        f'<div class="rk-pg-diagram">{exercise_svg(e.id)}</div>'
        f'<div class="rk-pg-what"><h4 class="rk-pg-name">{_esc(e.name)}</h4>'
        f'<p class="rk-pg-dose"><span class="rk-pg-k">Dose:</span> {_esc(_stage_doses(e.id))}</p>'
        f'{step}</div>'
        f'<div class="rk-pg-feel"><p><span class="rk-pg-k">Feel:</span> {_esc(e.feel)}</p></div>'
        f'<div class="rk-pg-mistakes"><span class="rk-pg-k">Avoid:</span><ul>{mistakes}</ul></div>'
        f"</li>"
    )


def _stage_card(stage: progression.Stage) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_esc(e.name)} <span class="rk-pg-grp">({e.group})</span></th>'
        f"<td>{_esc(e.dose)}</td><td>{_esc(e.load)}. {_esc(e.how)}</td></tr>"
        for e in stage.exercises
    )
    return (
        f'<section class="rk-pg-stage" data-stage="{stage.number}" aria-labelledby="rk-pg-stage-{stage.number}">'
        f'<h4 id="rk-pg-stage-{stage.number}">{_esc(stage.title)} '
        f'<span class="rk-pg-stage-weeks" data-stage="{stage.number}"></span></h4>'
        f'<p class="rk-pg-aim">{_esc(stage.aim)}</p>'
        f'<table class="rk-pg-stage-table"><thead><tr><th scope="col">Exercise</th><th scope="col">Dose</th>'
        f'<th scope="col">Load and how</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _log_form() -> str:
    return """
<div class="rk-pg-log rk-no-print" aria-labelledby="rk-pg-log-title">
  <h4 id="rk-pg-log-title">Log the week you have finished</h4>
  <form class="rk-pg-logform" novalidate>
    <p class="rk-pg-logwhich"></p>
    <div class="rk-pg-field">
      <label for="rk-pg-pain">Worst knee pain during the exercises this week (0 = none, 10 = worst)</label>
      <input id="rk-pg-pain" name="pain" type="number" min="0" max="10" step="0.5" inputmode="decimal">
    </div>
    <label class="rk-pg-check"><input type="checkbox" name="worse"> The knee was worse the next day</label>
    <div class="rk-pg-logactions">
      <button type="submit" class="rk-pg-logbtn">Log this week</button>
      <button type="button" class="rk-pg-undo">Undo the last week</button>
    </div>
  </form>
  <div class="rk-pg-logmsg" aria-live="polite"></div>
  <p class="rk-pg-privacy">Your log is kept in this browser on this device only.</p>
</div>"""


def _sheet(rules: dict) -> str:
    exercises = pg.programme_exercises()
    groups = "".join(
        f'<h3 class="rk-pg-group">{"Hip" if group == "hip" else "Quadriceps"}</h3>'
        f'<ol class="rk-pg-exlist">{"".join(_exercise_item(e) for e in exercises if e.group == group)}</ol>'
        for group in ("hip", "quadriceps")
    )
    stages = "".join(_stage_card(st) for st in progression.load_stages())
    return f"""
<article class="rk-pg-sheet" aria-labelledby="rk-pg-sheet-title">
<header class="rk-pg-head">
  <h2 id="rk-pg-sheet-title">My knee rehabilitation programme</h2>
  <p class="rk-pg-span">{_esc(rules["sessions_per_week_text"])}, hip and knee exercises together, growing
  harder stage by stage over {_esc(rules["weeks_text"])} or more.
  <span class="rk-pg-dates"></span></p>
  <p class="rk-pg-rule"><strong>When to move on:</strong> {_esc(progression.rule_text())}</p>
</header>
<section class="rk-pg-plan" aria-labelledby="rk-pg-plan-title">
  <h3 id="rk-pg-plan-title">Week by week: tick each session, note the week\u2019s worst knee pain</h3>
  <p class="rk-pg-nojs">Turn on JavaScript to lay out the dates (in JupyterLab, run the notebook's
  live cell).</p>
  <div class="rk-pg-grid"></div>
  {_log_form()}
  <p class="rk-pg-maint"><strong>Afterwards, for good:</strong> {_esc(rules["maintenance_sessions_text"])}
  of the core hip exercises at {_esc(rules["maintenance_dose"])}.</p>
</section>
<section class="rk-pg-stages" aria-labelledby="rk-pg-stages-title">
  <h3 id="rk-pg-stages-title">The stages: what to do in each session</h3>
  {stages}
</section>
<section class="rk-pg-exercises" aria-labelledby="rk-pg-ex-title">
  <h3 id="rk-pg-ex-title">How to do the source article\u2019s exercises</h3>
  <p class="rk-pg-exnote">The stages above use these exercises (and a few more described in the stage
  tables). Your dose each week is the stage\u2019s; the article\u2019s own dose is shown for reference.</p>
  {groups}
</section>
<p class="rk-pg-foot">{html.escape(red_flags.disclaimer_text())}</p>
</article>"""


def programme_view() -> StaticWidget:
    """The programme builder: controls, the dated sheet, print, CSV and calendar files."""
    data = widget_data()
    return StaticWidget("programme", data=data, fallback_html=_controls(data["rules"]) + _sheet(data["rules"]),
                        label="Rehabilitation programme builder")
