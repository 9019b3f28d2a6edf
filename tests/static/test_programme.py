"""The static programme builder: the embedded data is the model's, the sheet carries every
exercise with its diagram, and nothing in the page depends on the day it was built."""

import datetime
import html as htmllib
import json
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets import programme, progression
from widgets.static.programme import programme_view


def embedded(html):
    found = re.search(r'<script type="application/json" class="rk-widget-data">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_embedded_data_is_the_models():
    html = programme_view().to_html()
    assert 'data-rk-widget="programme"' in html
    data = embedded(html)
    assert data["rules"] == programme.rules()
    assert "description" not in data  # each stage has its own (C4: no second source of doses)
    assert [st["description"] for st in data["stages"]] == [
        programme.stage_session_description(s.number) for s in progression.load_stages()]
    assert [e["name"] for e in data["exercises"]] == [e.name for e in programme.programme_exercises()]
    assert [e["dose"] for e in data["exercises"]] == [e.dose for e in programme.programme_exercises()]
    assert data["templates"]["summary"] == programme.SUMMARY_TEMPLATE
    assert data["csv_header"] == list(programme.CSV_HEADER)
    assert data["default_days"] == [0, 2, 4] and data["spread_example"] == "Monday, Wednesday and Friday"


def test_sheet_has_every_exercise_with_diagram_feel_and_mistakes():
    html = programme_view().to_html()
    for e in programme.programme_exercises():
        item = re.search(rf'<li class="rk-pg-ex" data-exercise="{e.id}">(.*?)</li></?ol', html, re.S)
        assert item, e.id
        block = item.group(1)
        svg = re.search(r"<svg.*?</svg>", block, re.S).group(0)
        assert ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text.startswith(e.name)
        assert "Feel:" in block and "Avoid:" in block
        # The sheet gives the stages' doses of this exercise, never another (the article's).
        staged = [f"stage {s.number}, {x.dose}" for s in progression.load_stages() for x in s.exercises
                  if x.exercise == e.id]
        assert all(htmllib.escape(d) in block for d in staged), e.id
        if e.dose not in {x.dose for s in progression.load_stages() for x in s.exercises if x.exercise == e.id}:
            assert htmllib.escape(e.dose) not in block, e.id
    assert html.count("<svg") == len(programme.programme_exercises())


def test_controls_and_the_page_never_change_with_the_date():
    html = programme_view().to_html()
    assert html == programme_view().to_html()
    assert re.search(r'<input id="rk-pg-start" name="start" type="date" max="9998-12-30" required>', html)
    checked = re.findall(r'name="day" value="(\d)" aria-label="\w+day" checked', html)
    assert checked == ["0", "2", "4"]
    assert '<option value="6" selected>6 weeks</option>' in html and '<option value="8">8 weeks</option>' in html
    assert "nothing is sent anywhere" in html


# --- the page's script under Node: the same dates, words and CSV as widgets.programme ------------

WIDGET = programme_view()
JS_PLAN = """(start, days, weeks) => { const api = rkProgramme.api(), p = api.build(start, days, weeks);
    return [p.sessions.map(s => [s.date, s.week, s.number]), p.end, p.maintenanceStart, p.maintenanceText,
            p.warnings, api.csv(p)]; }"""
DAYS = st.one_of(st.lists(st.integers(0, 6), min_size=3, max_size=3, unique=True),  # what the form allows
                 st.lists(st.integers(-1, 7), max_size=5))  # and what it refuses


@settings(max_examples=6, deadline=None)
@given(st.lists(st.tuples(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)), DAYS,
                          st.one_of(st.none(), st.integers(5, 9))), min_size=10, max_size=30))
def test_the_script_builds_the_same_programme(cases):
    answers = call_script("programme", WIDGET, [(JS_PLAN, [start.isoformat(), days, weeks])
                                                for start, days, weeks in cases])
    for (start, days, weeks), answer in zip(cases, answers, strict=True):
        try:
            p = programme.build_programme(start, days, weeks)
        except ValueError:
            assert "error" in answer, (start, days, weeks)
            continue
        assert answer == {"ok": [[[s.date.isoformat(), s.week, s.number] for s in p.sessions], p.end.isoformat(),
                                 p.maintenance.start.isoformat(), p.maintenance.describe(), list(p.warnings),
                                 programme.programme_csv(p)]}, (start, days, weeks)


# --- the programme that progresses: the script's plan is widgets.progression.plan() ---------------

JS_PROGRESSION = """(start, days, weeks, log) => { const p = rkProgramme.api().plan(start, days, weeks, log);
    return [p.planWeeks.map(w => [w.week, w.start, w.end, w.stage, w.sessions, w.decision, w.next]), p.complete,
            [1, 2, 3].map(n => rkProgramme.api().stageWeeksText(p, n))]; }"""
PAIN = st.one_of(st.sampled_from([0, 1.9, 1.99, 2, 2.5, 3, 3.01, 3.1, 4, 10]), st.floats(0, 10), st.integers(0, 10))
LOGS = st.lists(st.tuples(PAIN, st.booleans()), max_size=12)


def python_progression(start, days, weeks, log):
    from widgets import progression
    p = progression.plan(start, days, weeks, log)
    return [[[w.week, w.start.isoformat(), w.end.isoformat(), w.stage, [d.isoformat() for d in w.sessions],
              w.decision, w.next_text] for w in p.plan_weeks], p.complete,
            [progression.stage_weeks_text(p, n) for n in (1, 2, 3)]]


def test_the_script_plans_by_hand_like_python():
    # Week 3 at 5/10 steps back: stages 1, 1, 2, 1, 2, 2, 3, 3 (tests/test_progression.py by hand).
    cases = [("2027-01-04", [0, 2, 4], 6, [[0, False], [0, False], [5, False]]),
             ("2027-01-04", [0, 2, 4], 8, []),
             ("2027-01-04", [0, 2, 4], 6, [[0, False]] * 7),  # one week after the end: refused
             ("2027-01-04", [0, 2, 4], 6, [[11, False]]),
             ("2027-01-04", [0, 2, 4], 6, [[1, "no"]])]
    answers = call_script("programme", WIDGET, [(JS_PROGRESSION, list(c)) for c in cases])
    first = answers[0]["ok"]
    assert [w[3] for w in first[0]] == [1, 1, 2, 1, 2, 2, 3, 3]
    assert first[2] == ["Weeks 1–2, 4", "Weeks 3, 5–6", "Weeks 7–8"]
    assert [w[3] for w in answers[1]["ok"][0]] == [1, 1, 2, 2, 3, 3, 3, 3]
    assert "complete after week 6" in answers[2]["error"]
    assert "from 0 to 10" in answers[3]["error"] and "worse the next day" in answers[4]["error"]
    for (start, days, weeks, log), answer in zip(cases[:2], answers[:2], strict=True):
        assert answer == {"ok": python_progression(datetime.date.fromisoformat(start), days, weeks, log)}


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)),
                          st.lists(st.integers(0, 6), min_size=3, max_size=3, unique=True),
                          st.integers(6, 8), LOGS), min_size=10, max_size=20))
def test_the_script_replans_as_python_does(cases):
    calls = [(JS_PROGRESSION, [start.isoformat(), days, weeks, [list(e) for e in log]])
             for start, days, weeks, log in cases]
    answers = call_script("programme", WIDGET, calls)
    for (start, days, weeks, log), answer in zip(cases, answers, strict=True):
        try:
            expected = python_progression(start, days, weeks, log)
        except ValueError:
            assert "error" in answer, (start, days, weeks, log)
            continue
        assert answer == {"ok": expected}, (start, days, weeks, log)


def test_the_script_decides_as_the_shared_rule_does():
    from widgets import progression
    grid = [(k / 2, w, progression.decide(k / 2, w)) for k in range(21) for w in (False, True)]
    cases = progression.rule_cases() + grid
    calls = [("rkProgramme.api().decide", [pain, worse]) for pain, worse, _ in cases]
    answers = call_script("programme", WIDGET, calls)
    assert [a["ok"] for a in answers] == [expected for _, _, expected in cases]


def test_every_stage_has_one_dose_in_the_printed_plan_the_csv_and_the_calendar():
    """Review C4: each stage's exercises and doses are the same on the printed stage card, in the
    CSV rows of its sessions and in the .ics event of its sessions: from progression.yaml only.
    Checked in Python and in the page's script, with no log and with a log that steps back."""
    import csv as csvlib
    import io

    from icalendar import Calendar

    html = programme_view().to_html()
    stages = progression.load_stages()
    for log in ([], [[0, False], [0, False], [5, False]]):
        p = programme.build_programme(datetime.date(2027, 1, 4), [0, 2, 4], 6)
        weeks = progression.plan(p.start, p.weekdays, p.weeks, log).plan_weeks
        stage_of = {d.isoformat(): w.stage for w in weeks for d in w.sessions}
        rows = list(csvlib.DictReader(io.StringIO(programme.programme_csv(p, log), newline="")))
        events = [e for e in Calendar.from_ical(programme.programme_ics(p, log=log)).walk("VEVENT")
                  if "maintenance" not in str(e["summary"])]
        assert len(events) == len(stage_of)
        by_date: dict[str, list[tuple[str, str]]] = {}
        for r in rows:
            if r["week"] != "maintenance":
                by_date.setdefault(r["date"], []).append((r["exercise"], r["dose"]))
        assert set(by_date) == set(stage_of)
        for s in stages:
            printed = [(e.name, e.dose) for e in s.exercises]
            card = re.search(rf'<section class="rk-pg-stage" data-stage="{s.number}".*?</section>', html, re.S).group(0)
            for name, dose in printed:
                assert f"{htmllib.escape(name)} <span" in card and f"<td>{htmllib.escape(dose)}</td>" in card
            for day, stage in stage_of.items():
                if stage == s.number:
                    assert by_date[day] == printed, (log, day)
            for event in events:
                if stage_of[event.decoded("dtstart").isoformat()] == s.number:
                    text = str(event["description"])
                    assert text.startswith(s.title)
                    listed = [line[2:].rsplit(": ", 1) for line in text.splitlines() if line.startswith("- ")]
                    assert sorted(map(tuple, listed)) == sorted(printed), (log, s.number)
        # The page's script writes the same files.
        js_csv, js_ics = call_script("programme", WIDGET, [
            ("(s, d, w, log) => rkProgramme.api().csv(rkProgramme.api().build(s, d, w), log)",
             ["2027-01-04", [0, 2, 4], 6, log]),
            ("(s, d, w, log) => rkProgramme.api().ics(rkProgramme.api().build(s, d, w), "
             "new Date(Date.UTC(2027, 0, 1)), log)",
             ["2027-01-04", [0, 2, 4], 6, log]),
        ])
        assert js_csv == {"ok": programme.programme_csv(p, log)}
        stamp = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
        assert js_ics["ok"].encode() == programme.programme_ics(p, log=log, stamp=stamp)
