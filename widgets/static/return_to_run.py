"""The return-to-running planner for the static site: readiness check, plan, session log with
the progression rules, red-flag checklist, pain chart and CSV/iCalendar exports.

Everything the page's script (``_static/rk/return-to-run.js``) needs is generated here from
the Python model (``widgets.return_to_run``, ``widgets.pain_log``) and embedded as JSON: the
stages with their descriptions, the thresholds from ``clinical.yaml``, the readiness criteria,
the red flags, the rule cases and the wording of every explanation. The script ports the rules
(decide, plan, replan, status, the pain-log CSV) and the browser tests check it against the
Python on the same cases. No kernel and no network: the log is kept in the browser's
localStorage on the runner's device.
"""

from __future__ import annotations

import datetime
import html
import re

from widgets import clinical
from widgets import pain_log as pl
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr
from widgets.display import StaticWidget

NAME = "return-to-run"
STORAGE_KEY = "rk-return-to-run"  # localStorage keys: STORAGE_KEY + ".log" (CSV) and + ".plan" (JSON)
LOG_FILE_NAME = rtr.LOG_FILE_NAME
PLAN_FILE_STEM = rtr.PLAN_FILE_STEM

THRESHOLD_KEYS = (
    "return_to_run.progress_pain_below",
    "return_to_run.next_day_window_hours",
    "return_to_run.walking_minutes",
    "return_to_run.step_down_pain_below",
    "return_to_run.strength_ratio",
    "return_to_run.flat_only_weeks",
    "pain_rules.do_not_run_through",
)

DECISION_TITLES = rtr.DECISION_TITLES
READINESS_FIELDS = rtr.READINESS_FIELDS

# A date whose weekday and week numbers appear nowhere else, to read texts the model writes.
_SAMPLE_DAY = datetime.date(2027, 1, 4)


def _fmt(value: float) -> str:
    return f"{value:g}"


def thresholds() -> dict[str, dict[str, object]]:
    """Each threshold the page uses: its value and how the text writes it ("2/10", "30 minutes")."""
    out = {}
    for key in THRESHOLD_KEYS:
        entry = clinical.get(key)
        out[key.split(".", 1)[1]] = {"value": clinical.value(key), "display": entry.display()}
    return out


def _stage_data() -> list[dict[str, object]]:
    """The stages, with the texts of a session at each stage as the model writes them (summary
    and calendar description are the model's Session.summary and calendar_description, the
    texts of plan_ics's events, so the page cannot drift from it)."""
    stages = []
    for stage in rtr.PROTOCOL:
        session = rtr.Session.on(_SAMPLE_DAY, stage.week)
        stages.append({
            "week": stage.week,
            "run_min": stage.run_min,
            "run_min_max": stage.run_min_max,
            "walk_min": stage.walk_min,
            "reps": stage.reps,
            "continuous": stage.continuous,
            "total_min": session.total_min,
            "total_min_max": session.total_min_max,
            "describe": stage.describe(),
            "short": session.short(),
            "summary": session.summary(),
            "calendar_description": session.calendar_description(),
        })
    return stages


# --- explanation templates ------------------------------------------------------------------------
#
# ``explain()`` is the one place the wording lives. The templates are read from it: it is called
# with "sentinel" pains and weeks, and the sentinel texts are replaced by {pain}, {week}, {next},
# {prev}. The page picks a template by a key made of the same comparisons explain() makes.

_WEEK_RE = re.compile(r"\b([Ww]eek) ([0-9]+)\b")


def week_kind(week: int | None) -> str:
    if week is None:
        return "none"
    if week == 1:
        return "first"
    if week == len(rtr.PROTOCOL):
        return "last"
    return "other"


def explain_key(pain: float, worse: bool, week: int | None) -> str:
    """The template key for these answers: decision, at or over the do-not-run-through pain (the
    stop band), worse next day, and the kind of week."""
    dnrt = clinical.value("pain_rules.do_not_run_through")
    decision = rtr.decide(pain, worse)
    flags = "".join("1" if flag else "0" for flag in (pain >= dnrt, worse))
    return f"{decision}|{flags}|{week_kind(week)}"


def _template(pain: float, worse: bool, week: int | None) -> str:
    text = rtr.explain(rtr.decide(pain, worse), pain, worse, week=week)
    shown = _fmt(pain)
    if text.count(shown) > 1 or text.count(shown) != text.count(f"{shown}/10"):
        raise AssertionError(f"sentinel pain {shown} is shown more than once, or not as x/10, in: {text}")
    text = text.replace(f"{shown}/10", "{pain}/10")
    if week is not None:
        names = {week: "{week}", week + 1: "{next}", week - 1: "{prev}"}

        def swap(match: re.Match) -> str:
            number = int(match.group(2))
            if number not in names:
                raise AssertionError(f"unexpected week number {number} in: {text}")
            return f"{match.group(1)} {names[number]}"

        text = _WEEK_RE.sub(swap, text)
    return text


def explain_templates() -> dict[str, str]:
    """Every explanation explain() can give, as a template, keyed by :func:`explain_key`.

    Sentinel pains are spread over the whole scale with unusual digits (so their text cannot be
    mistaken for a threshold), and the "other" week kind is read at two different weeks to
    check that nothing else in the text depends on the week.
    """
    last = len(rtr.PROTOCOL)
    others = [w for w in range(2, last)]
    sentinel_weeks = {"none": [None], "first": [1], "last": [last], "other": [others[0], others[-1]]}
    pains = [round(k / 8 + 0.00123, 5) for k in range(rtr.PAIN_SCALE_MAX * 8)]
    templates: dict[str, str] = {}
    for pain in pains:
        for worse in (False, True):
            for weeks in sentinel_weeks.values():
                texts = {_template(pain, worse, w) for w in weeks}
                if len(texts) != 1:
                    raise AssertionError(f"explanations differ between weeks {weeks}: {texts}")
                key = explain_key(pain, worse, weeks[0])
                text = texts.pop()
                if templates.setdefault(key, text) != text:
                    raise AssertionError(f"two wordings for {key}: {templates[key]!r} and {text!r}")
    return templates


# --- readiness ------------------------------------------------------------------------------------

# The form fields of the readiness check, in the order of check_readiness()'s arguments.

_READINESS_RULES = {
    "walking": ("return_to_run.walking_minutes", ">="),
    "step_down": ("return_to_run.step_down_pain_below", "<"),
    "hip_strength": ("return_to_run.strength_ratio", ">="),
    "quad_strength": ("return_to_run.strength_ratio", ">="),
    "exercises": (None, "yes"),
}


def _readiness_answers(met: bool) -> dict[str, object]:
    """Sentinel answers on the met or the not-met side of every criterion."""
    answers: dict[str, object] = {}
    for field in READINESS_FIELDS:
        key, compare = _READINESS_RULES[field["name"]]
        if key is None:
            answers[field["arg"]] = met
            continue
        limit = clinical.value(key)
        if compare == ">=":
            value = limit * 1.5 + 0.01234 if met else limit * 0.5 + 0.01234
        else:  # "<": below the limit is met
            value = limit * 0.5 + 0.001234 if met else min(limit + 1.01234, rtr.PAIN_SCALE_MAX - 0.01234)
        answers[field["arg"]] = round(value, 6)
    return answers


def readiness_data() -> list[dict[str, object]]:
    """The criteria: field, label, limit and the met / not-met messages with {value} in place of
    the runner's answer, read from check_readiness()."""
    by_answer = {}
    for met in (True, False):
        answers = _readiness_answers(met)
        by_answer[met] = (answers, {c.name: c for c in rtr.check_readiness(**answers)})
    out = []
    for field in READINESS_FIELDS:
        name = field["name"]
        key, compare = _READINESS_RULES[name]
        messages = {}
        for met in (True, False):
            answers, criteria = by_answer[met]
            criterion = criteria[name]
            if criterion.met is not met:
                raise AssertionError(f"sentinel answer for {name} should be {'met' if met else 'not met'}")
            text = criterion.message
            if field["kind"] == "number":
                shown = _fmt(answers[field["arg"]])
                if text.count(shown) != 1:
                    raise AssertionError(f"sentinel {shown} not shown exactly once in: {text}")
                text = text.replace(shown, "{value}")
            messages["met" if met else "not_met"] = text
        out.append({
            **field,
            "criterion": by_answer[True][1][name].label,
            "threshold": clinical.value(key) if key else None,
            "compare": compare,
            **messages,
        })
    return out


def both_knees_data() -> dict[str, object]:
    """When both knees hurt: the two questions of the form and, for each strength criterion, its
    label and met / not-met messages judged by control and pain, read from check_readiness()."""
    criteria = {}
    for good in (True, False):
        answers = {**_readiness_answers(True), "hip_strength_pct": None, "quad_strength_pct": None}
        for c in rtr.check_readiness(**answers, both_knees=True, good_control=good):
            if c.name in rtr.STRENGTH_CRITERIA:
                if c.met is not good:
                    raise AssertionError(f"{c.name} with good_control={good} should be {'met' if good else 'not met'}")
                criteria.setdefault(c.name, {"criterion": c.label})["met" if good else "not_met"] = c.message
    return {"fields": [dict(f) for f in rtr.BOTH_KNEES_FIELDS], "criteria": criteria}


# --- red flags ------------------------------------------------------------------------------------


def red_flag_data() -> dict[str, object]:
    """The catalogue's levels and signs for the planner's script: words and levels come from
    widgets.red_flags, so the page and JupyterLab list the same signs with the same advice."""
    cat = red_flag_catalogue.load()
    levels = sorted(cat.levels.values(), key=lambda lv: -lv.rank)
    return {
        "levels": [{"key": lv.key, "title": lv.title, "advice": lv.action} for lv in levels],
        "professional_levels": [lv.key for lv in levels if lv.stop_running],
        # every sign, so the script can explain any flag; "escalation" is the sign's own next step
        # (null when it has none), shown in bold after "message" and before the level's advice
        "signs": [{"key": s.key, "level": s.level, "question": s.question, "message": s.why,
                   "escalation": s.escalation}
                  for s in cat.ordered()],
    }


# --- everything the page needs --------------------------------------------------------------------


def widget_data() -> dict[str, object]:
    return {
        "storage_key": STORAGE_KEY,
        "log_file_name": LOG_FILE_NAME,
        "plan_file_stem": PLAN_FILE_STEM,
        "pain_scale_max": rtr.PAIN_SCALE_MAX,
        "interval_days": rtr.SESSION_INTERVAL_DAYS,
        "days_per_stage": rtr.DAYS_PER_STAGE,
        "surface": rtr.SURFACE,
        "weekdays": list(rtr.WEEKDAYS),
        "latest_date": rtr.LATEST_DATE.isoformat(),
        "stages": _stage_data(),
        "thresholds": thresholds(),
        "decisions": list(rtr.DECISIONS),
        "band_decisions": dict(rtr.BAND_DECISIONS),
        "decision_titles": DECISION_TITLES,
        "explain": explain_templates(),
        "readiness": readiness_data(),
        "both_knees": both_knees_data(),
        "red_flags": red_flag_data(),
        "rule_cases": [[pain, worse, expected] for pain, worse, expected in rtr.rule_cases()],
        "log_header": list(pl.HEADER),
        "plan_csv_header": list(rtr.PLAN_CSV_HEADER),
        "calendar": {"prodid": rtr.CALENDAR_PRODID, "name": "Return to running", "uid_domain": rtr.UID_DOMAIN},
    }


# --- the page's HTML (the script fills in the results) ----------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _radios(field: dict, hint: str = "", extra_class: str = "", checked: str | None = None,
            hidden: bool = False) -> str:
    fid = f"rk-rtr-ready-{field['name']}"
    error = f'<p class="rk-rtr-field-error" id="{fid}-error" hidden></p>'
    hint_html = f'<span class="rk-rtr-hint">{_e(hint)}</span>' if hint else ""
    radios = "".join(
        f'<label><input type="radio" name="{field["name"]}" value="{v}"{" checked" if v == checked else ""}> '
        f"{v.capitalize()}</label>" for v in ("yes", "no"))
    return (f'<fieldset class="rk-rtr-field rk-rtr-radios{extra_class}" id="{fid}" aria-describedby="{fid}-error"'
            f'{" hidden" if hidden else ""}><legend>{_e(field["label"])}</legend>{hint_html}{radios}{error}</fieldset>')


def _readiness_form() -> str:
    rows = []
    both, control = rtr.BOTH_KNEES_FIELDS
    for field in READINESS_FIELDS:
        fid = f"rk-rtr-ready-{field['name']}"
        hint = f'<span class="rk-rtr-hint">Needed: {_e(readiness_label(field["name"]))}</span>'
        error = f'<p class="rk-rtr-field-error" id="{fid}-error" hidden></p>'
        if field["name"] == rtr.STRENGTH_CRITERIA[0]:
            # Which knees hurt, asked before the strength fields: "no" (one knee) unless changed.
            rows.append(_radios(both, both["hint"], " rk-rtr-both-knees", checked="no"))
            rows.append(_radios(control, "", " rk-rtr-when-both", hidden=True))
        if field["kind"] == "yes_no":
            rows.append(_radios(field))
        else:
            when = " rk-rtr-when-one" if field["name"] in rtr.STRENGTH_CRITERIA else ""
            rows.append(
                f'<div class="rk-rtr-field{when}"><label for="{fid}">{_e(field["label"])}</label>{hint}'
                f'<input id="{fid}" name="{field["name"]}" type="text" inputmode="decimal" autocomplete="off" '
                f'aria-describedby="{fid}-error">{error}</div>'
            )
    return (
        '<form class="rk-rtr-ready-form rk-no-print" novalidate>'
        + "".join(rows)
        + '<div class="rk-rtr-actions"><button type="submit">Check if I am ready</button></div></form>'
        '<div class="rk-rtr-ready-result" aria-live="polite"></div>'
    )


def readiness_label(name: str) -> str:
    criteria = rtr.check_readiness(**_readiness_answers(True))
    return next(c.label for c in criteria if c.name == name)


def _week_options(selected: int = 1) -> str:
    return "".join(
        f'<option value="{s.week}"{" selected" if s.week == selected else ""}>Week {s.week} '
        f"({_e(rtr.Session.on(_SAMPLE_DAY, s.week).short())})</option>"
        for s in rtr.PROTOCOL
    )


def _red_flag_checklist() -> str:
    """One group a level, most urgent first, each headed by the level's own title and time frame
    (so chest pain is never listed under "see a professional within 2 days")."""
    cat = red_flag_catalogue.load()
    out = []
    for level in sorted(cat.levels.values(), key=lambda lv: -lv.rank):
        signs = [s for s in cat.signs_at(level.key) if s.in_programme]
        if not signs:
            continue
        cls = "rk-rtr-flags-red" if level.stop_running else "rk-rtr-flags-warning"
        items = "".join(
            f'<li><label><input type="checkbox" name="{_e(s.key)}" data-level="{_e(s.level)}"> '
            f"{_e(s.question)}</label></li>"
            for s in signs
        )
        out.append(f'<fieldset class="rk-rtr-flag-group {cls} rk-rtr-level-{_e(level.key)}">'
                   f"<legend>{_e(level.title)} ({_e(level.when)})</legend><ul>{items}</ul></fieldset>")
    return (
        '<form class="rk-rtr-flags-form" novalidate>' + "".join(out) + "</form>"
        '<div class="rk-rtr-flags-result" aria-live="assertive"></div>'
    )


def _log_form() -> str:
    hours = clinical.get("return_to_run.next_day_window_hours").display()
    return f"""
<form class="rk-rtr-log-form rk-no-print" novalidate>
  <div class="rk-rtr-field"><label for="rk-rtr-log-date">Date of the run</label>
    <input id="rk-rtr-log-date" name="date" type="date" aria-describedby="rk-rtr-log-date-error">
    <p class="rk-rtr-field-error" id="rk-rtr-log-date-error" hidden></p></div>
  <div class="rk-rtr-field"><label for="rk-rtr-log-week">Stage you ran</label>
    <select id="rk-rtr-log-week" name="week" aria-describedby="rk-rtr-log-week-error">{_week_options()}</select>
    <p class="rk-rtr-field-error" id="rk-rtr-log-week-error" hidden></p></div>
  <div class="rk-rtr-field"><label for="rk-rtr-log-pain">Pain during the run, from 0 (none) to 10 (worst)</label>
    <input id="rk-rtr-log-pain" name="pain" type="text" inputmode="decimal" autocomplete="off"
           placeholder="e.g. 1 or 2.5" aria-describedby="rk-rtr-log-pain-error">
    <p class="rk-rtr-field-error" id="rk-rtr-log-pain-error" hidden></p></div>
  <fieldset class="rk-rtr-field rk-rtr-radios" id="rk-rtr-log-worse" aria-describedby="rk-rtr-log-worse-error">
    <legend>Was the knee worse in the {_e(hours)} after the run?</legend>
    <label><input type="radio" name="worse" value="yes"> Yes, worse</label>
    <label><input type="radio" name="worse" value="no"> No, not worse</label>
    <p class="rk-rtr-field-error" id="rk-rtr-log-worse-error" hidden></p></fieldset>
  <div class="rk-rtr-field rk-rtr-wide"><label for="rk-rtr-log-notes">Notes (optional)</label>
    <textarea id="rk-rtr-log-notes" name="notes" rows="2"></textarea></div>
  <div class="rk-rtr-actions"><button type="submit">Save this session</button></div>
  <p class="rk-rtr-form-message" role="status"></p>
</form>
<div class="rk-rtr-decision" aria-live="polite"></div>"""


def app_html() -> str:
    """The tool's HTML, hidden until the script starts it (a page without JavaScript shows the
    explanation before it instead)."""
    return f"""
<p class="rk-rtr-nojs">This planner runs in your browser and needs JavaScript. The protocol table
above gives every stage; in JupyterLab, run the live version of the planner instead.</p>
<div class="rk-rtr-app" hidden>
<div class="rk-rtr-storage-alert" role="alert" hidden></div>
<p class="rk-rtr-privacy"><strong>Where your data is kept:</strong> only in this browser, on this device
(its local storage). Nothing you enter is sent anywhere. Clearing the browser's data deletes your log,
and another browser or device will not see it: download your log now and then (step 5) to keep a copy.</p>

<section class="rk-rtr-part" aria-labelledby="rk-rtr-h-ready">
<h3 id="rk-rtr-h-ready">1. Am I ready to start running?</h3>
{_readiness_form()}
</section>

<section class="rk-rtr-part" aria-labelledby="rk-rtr-h-plan">
<h3 id="rk-rtr-h-plan">2. Your plan</h3>
<form class="rk-rtr-plan-form rk-no-print" novalidate>
  <div class="rk-rtr-field"><label for="rk-rtr-start">Start date (first session)</label>
    <input id="rk-rtr-start" name="start" type="date" aria-describedby="rk-rtr-start-error">
    <p class="rk-rtr-field-error" id="rk-rtr-start-error" hidden></p></div>
  <div class="rk-rtr-field"><label for="rk-rtr-start-week">Start at</label>
    <select id="rk-rtr-start-week" name="start_week">{_week_options()}</select></div>
  <div class="rk-rtr-actions"><button type="submit">Make my plan</button></div>
</form>
<div class="rk-rtr-status" role="status"></div>
<div class="rk-rtr-plan"></div>
<div class="rk-rtr-actions rk-rtr-plan-actions rk-no-print">
  <button type="button" class="rk-rtr-plan-csv">Download the plan (CSV)</button>
  <button type="button" class="rk-rtr-plan-ics">Add to my calendar (.ics file)</button>
</div>
</section>

<section class="rk-rtr-part rk-no-print" aria-labelledby="rk-rtr-h-flags">
<h3 id="rk-rtr-h-flags">3. Before each run: any warning signs?</h3>
<p>Tick anything that is true today. Nothing here is saved.</p>
{_red_flag_checklist()}
</section>

<section class="rk-rtr-part" aria-labelledby="rk-rtr-h-log">
<h3 id="rk-rtr-h-log">4. After each run: log the session</h3>
{_log_form()}
</section>

<section class="rk-rtr-part" aria-labelledby="rk-rtr-h-history">
<h3 id="rk-rtr-h-history">5. Your log</h3>
<div class="rk-rtr-chart"></div>
<div class="rk-rtr-log"></div>
<div class="rk-rtr-data rk-no-print">
  <div class="rk-rtr-actions">
    <button type="button" class="rk-rtr-export">Download my log (CSV)</button>
    <label class="rk-rtr-file-label" for="rk-rtr-import">Import a log (CSV file)</label>
    <input id="rk-rtr-import" class="rk-rtr-import" type="file" accept=".csv,text/csv"
           aria-describedby="rk-rtr-import-message">
    <button type="button" class="rk-rtr-clear">Delete my log from this browser</button>
  </div>
  <div class="rk-rtr-data-message" id="rk-rtr-import-message" role="status"></div>
</div>
</section>
</div>"""


def return_to_run_view() -> StaticWidget:
    """The planner for the static site (its script: ``assets/rk/return-to-run.js``)."""
    return StaticWidget(NAME, data=widget_data(), fallback_html=app_html(), label="Return-to-running planner")
