"""The static return-to-running planner's embedded data is the Python's: stages, thresholds,
rule cases, readiness criteria, red flags and the wording of every explanation."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from tests.conftest import REPO
from widgets import clinical
from widgets import pain_log as pl
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr
from widgets.static import return_to_run as static
from widgets.static.return_to_run import return_to_run_view


@pytest.fixture(scope="module")
def page_html() -> str:
    return return_to_run_view().to_html()


@pytest.fixture(scope="module")
def data(page_html) -> dict:
    embedded = re.search(r'<script type="application/json" class="rk-widget-data">(.*?)</script>', page_html, re.S)
    return json.loads(embedded.group(1))


def test_widget_markup(page_html):
    assert 'data-rk-widget="return-to-run"' in page_html
    assert 'aria-label="Return-to-running planner"' in page_html
    # Where the data is kept, said in the widget itself.
    assert "only in this browser, on this device" in page_html and "Nothing you enter is sent anywhere" in page_html
    # Visible labels for every control of the log form.
    for control in ("rk-rtr-log-date", "rk-rtr-log-week", "rk-rtr-log-pain", "rk-rtr-log-notes", "rk-rtr-start"):
        assert f'<label for="{control}">' in page_html
    assert page_html.count('type="checkbox"') == len(rtr.red_flag_questions())


def test_stages_are_the_protocol(data):
    assert [(s["week"], s["run_min"], s["run_min_max"], s["walk_min"], s["reps"]) for s in data["stages"]] == [
        (s.week, s.run_min, s.run_min_max, s.walk_min, s.reps) for s in rtr.PROTOCOL]
    assert [s["describe"] for s in data["stages"]] == [s.describe() for s in rtr.PROTOCOL]
    assert data["stages"][0]["total_min"] == 30  # (1 + 2) × 10, by hand
    assert (data["stages"][7]["total_min"], data["stages"][7]["total_min_max"]) == (25, 30)
    session = rtr.Session.on(datetime.date(2027, 1, 4), 3)
    assert data["stages"][2]["summary"] == session.summary() == "Return to running — week 3: 3 min run / 2 min walk × 6"
    description = data["stages"][2]["calendar_description"]
    assert description.startswith("3 minutes run / 2 minutes walk × 6, on flat ground.\n\n")
    assert data["stages"][2]["calendar_description"].endswith(rtr.rules_text())
    assert (data["interval_days"], data["days_per_stage"], data["surface"]) == (2, 7, "flat")
    assert data["weekdays"] == list(rtr.WEEKDAYS)


def test_stage_texts_are_the_calendar_events_the_model_writes(data):
    """The page gets each session's title and calendar text from the model directly (no .ics
    parsed back); they are the texts of plan_ics's events."""
    from icalendar import Calendar

    for stage in data["stages"]:
        session = rtr.Session.on(datetime.date(2027, 1, 4), stage["week"])
        (event,) = Calendar.from_ical(rtr.plan_ics([session])).walk("VEVENT")
        assert (stage["summary"], stage["calendar_description"]) == (str(event["SUMMARY"]), str(event["DESCRIPTION"]))


def test_thresholds_come_from_clinical_yaml(data):
    for key in static.THRESHOLD_KEYS:
        entry = data["thresholds"][key.split(".", 1)[1]]
        assert entry == {"value": clinical.value(key), "display": clinical.get(key).display()}, key
    assert data["thresholds"]["progress_pain_below"]["value"] == 2
    assert data["thresholds"]["do_not_run_through"]["value"] == 4
    assert "step_back_pain_above" not in data["thresholds"]  # retired: "above 3/10" was the stop band
    assert data["band_decisions"] == {"carry_on": "progress", "hold": "repeat", "step_back": "step_back",
                                      "stop": "step_back"}


def test_rule_cases_are_the_models(data):
    assert [tuple(case) for case in data["rule_cases"]] == rtr.rule_cases()
    assert data["decisions"] == list(rtr.DECISIONS)


WEEKS = [None, *range(1, len(rtr.PROTOCOL) + 1)]
PAINS = [0, 0.5, 1.9, 1.99, 2, 2.5, 3, 3.01, 3.5, 4, 7.25, 10]


def fill(template: str, pain: float, week: int | None) -> str:
    values = {"pain": f"{pain:g}"}
    if week is not None:
        values.update(week=str(week), next=str(week + 1), prev=str(week - 1))
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


@pytest.mark.parametrize("week", WEEKS)
def test_explanation_templates_give_explain_word_for_word(data, week):
    for pain in PAINS + [case[0] for case in rtr.rule_cases()]:
        for worse in (False, True):
            key = static.explain_key(pain, worse, week)
            expected = rtr.explain(rtr.decide(pain, worse), pain, worse, week=week)
            assert fill(data["explain"][key], pain, week) == expected, (pain, worse, week)


def test_repeat_explanation_says_repeat(data):
    repeat = [text for key, text in data["explain"].items() if key.startswith("repeat|")]
    assert repeat and all("2/10 or more but below 4/10" in t and "Repeat this stage" in t for t in repeat)


def test_readiness_criteria(data):
    criteria = {c["name"]: c for c in data["readiness"]}
    assert list(criteria) == list(rtr.READINESS_CRITERIA)
    labels = {c.name: c.label for c in rtr.check_readiness(30, 0, 80, 80, True)}
    assert {name: c["criterion"] for name, c in criteria.items()} == labels
    assert criteria["walking"]["threshold"] == clinical.value("return_to_run.walking_minutes")
    assert criteria["step_down"]["compare"] == "<" and criteria["hip_strength"]["compare"] == ">="
    # The templates give check_readiness()'s messages for other answers than the sentinels.
    for answers in [(30, 1.9, 80, 80, True), (29.5, 2, 79, 100, False), (0, 10, 0, 0, False)]:
        for c in rtr.check_readiness(*answers):
            template = criteria[c.name]["met" if c.met else "not_met"]
            value = dict(zip(rtr.READINESS_CRITERIA, answers, strict=True))[c.name]
            assert template.replace("{value}", f"{value:g}") == c.message


def test_both_knees_data_and_form(data, page_html):
    # Both knees hurt: the page's words for the strength criteria are check_readiness()'s.
    both = data["both_knees"]
    assert [f["arg"] for f in both["fields"]] == ["both_knees", "good_control"]
    for good in (True, False):
        py = rtr.check_readiness(30, 0, None, None, True, both_knees=True, good_control=good)
        for c in py:
            if c.name in rtr.STRENGTH_CRITERIA:
                words = both["criteria"][c.name]
                assert (words["criterion"], words["met" if good else "not_met"]) == (c.label, c.message)
    # The question comes before the strength fields, "no" (one knee) chosen; the question on
    # control is hidden until "both" is chosen, and the percentage fields are marked for one knee.
    assert page_html.index('id="rk-rtr-ready-both_knees"') < page_html.index('id="rk-rtr-ready-hip_strength"')
    assert '<input type="radio" name="both_knees" value="no" checked>' in page_html
    assert re.search(r'class="[^"]*rk-rtr-when-both"[^>]*id="rk-rtr-ready-good_control"[^>]*hidden>', page_html)
    assert page_html.count("rk-rtr-when-one") == len(rtr.STRENGTH_CRITERIA)
    css = (REPO / "assets" / "rk" / "return-to-run.css").read_text(encoding="utf-8")
    for cls in ("rk-rtr-both-knees", "rk-rtr-when-both", "rk-rtr-when-one"):
        assert f".{cls}" in css, cls


def test_red_flags_are_the_models(data):
    assert [lvl["key"] for lvl in data["red_flags"]["levels"]] == [
        "emergency", "same_day", "within_days", "review", "warning_sign"]
    assert data["red_flags"]["professional_levels"] == ["emergency", "same_day", "within_days"]
    # Every sign is in the data (the script explains any flag); the form asks the programme's signs.
    # Each sign's own next step (escalation) is in the data too: without it the page would show
    # only the level's generic action (the reviewer's R1: warm swollen knee, child with a fever).
    assert [(s["key"], s["level"], s["question"], s["message"], s["escalation"])
            for s in data["red_flags"]["signs"]] == [
        (s.key, s.level, s.question, s.why, s.escalation) for s in red_flag_catalogue.load().ordered()]


def test_file_formats(data):
    assert data["log_header"] == list(pl.HEADER) == ["date", "week", "pain_during", "worse_next_day", "notes"]
    assert data["plan_csv_header"] == list(rtr.PLAN_CSV_HEADER)
    assert data["calendar"]["prodid"] == rtr.CALENDAR_PRODID and data["calendar"]["uid_domain"] == rtr.UID_DOMAIN
    assert data["latest_date"] == rtr.LATEST_DATE.isoformat()


def test_the_script_types_no_clinical_number():
    """The page's script reads every threshold and text from the embedded data."""
    script = (REPO / "assets" / "rk" / "return-to-run.js").read_text(encoding="utf-8")
    for typed in ("2/10", "3/10", "4+/10", "24 hours", "30 minutes", "80%"):
        assert typed not in script, typed
