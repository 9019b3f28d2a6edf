"""The page's return-to-running rules (assets/rk/return-to-run.js) under Node against
widgets.return_to_run and widgets.pain_log on the same generated inputs: decisions and their
explanations, readiness, the plan's sessions, replanning and status over logs, and the CSV files.
The red flags too: every sign alone and together, with each sign's escalation."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import REPO, call_script, embedded_data
from widgets import pain_log as pl
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr
from widgets.static.return_to_run import return_to_run_view

WIDGET = return_to_run_view()
D = datetime.date
PAIN = st.one_of(st.floats(min_value=0, max_value=10), st.integers(0, 40).map(lambda n: n / 4),
                 st.sampled_from([1.99, 2.01, 3.99, 4.01]))
WEEK = st.integers(1, len(rtr.PROTOCOL))
START = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


def js(calls):
    return call_script("return-to-run", WIDGET, calls, start=True)


def test_the_script_has_the_pages_data():
    # The harness starts the script on a stand-in section: it must read the same JSON the page has.
    assert js([("rkReturnToRun.data", [])]) == [{"ok": json.loads(embedded_data(WIDGET))}]


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(PAIN, st.booleans(), st.one_of(st.none(), WEEK)), min_size=30, max_size=80))
def test_decide_and_explain(cases):
    explain = "(p, w, k) => { const r = rkReturnToRun; return r.explain(r.decide(p, w), p, w, k); }"
    answers = js([(explain, [p, w, k]) for p, w, k in cases])
    for (p, w, k), answer in zip(cases, answers, strict=True):
        assert answer == {"ok": rtr.explain(rtr.decide(p, w), p, w, week=k)}, (p, w, k)


READINESS = st.fixed_dictionaries({
    "pain_free_walk_min": st.one_of(st.floats(0, 200), st.sampled_from([29.9, 30, 30.1])),
    "step_down_pain": PAIN,
    "hip_strength_pct": st.one_of(st.floats(0, 200), st.sampled_from([79.9, 80, 80.1])),
    "quad_strength_pct": st.one_of(st.floats(0, 200), st.sampled_from([79.9, 80, 80.1])),
    "exercises_pain_free": st.booleans(),
})
# Both knees hurt: no percentages (null on the page), the strength criteria judged by control.
BOTH_KNEES = st.fixed_dictionaries({
    "pain_free_walk_min": st.one_of(st.floats(0, 200), st.sampled_from([29.9, 30, 30.1])),
    "step_down_pain": PAIN,
    "hip_strength_pct": st.one_of(st.none(), st.floats(0, 200)),
    "quad_strength_pct": st.one_of(st.none(), st.floats(0, 200)),
    "exercises_pain_free": st.booleans(),
    "both_knees": st.just(True),
    "good_control": st.booleans(),
})


@settings(max_examples=4, deadline=None)
@given(st.lists(st.one_of(READINESS, READINESS.map(lambda a: {**a, "both_knees": False}), BOTH_KNEES),
                min_size=10, max_size=40))
def test_readiness(answers):
    got = js([("(a) => { const r = rkReturnToRun, c = r.checkReadiness(a); return [c, r.ready(c)]; }", [a])
              for a in answers])
    for a, answer in zip(answers, got, strict=True):
        py = rtr.check_readiness(**a)
        assert answer == {"ok": [[{"name": c.name, "label": c.label, "met": c.met, "message": c.message} for c in py],
                                 rtr.ready(py)]}, a


def test_readiness_both_knees_refuses_a_missing_answer_as_python_does():
    a = {"pain_free_walk_min": 30, "step_down_pain": 1, "hip_strength_pct": None, "quad_strength_pct": None,
         "exercises_pain_free": True, "both_knees": True}
    got = js([("rkReturnToRun.checkReadiness", [a]), ("rkReturnToRun.checkReadiness", [{**a, "both_knees": "yes"}])])
    for answer, message in zip(got, ("good_control must be True or False", "both_knees must be True or False"),
                               strict=True):
        assert "ok" not in answer and message in json.dumps(answer), answer
    with pytest.raises(ValueError, match="good_control must be True or False"):
        rtr.check_readiness(**a)


def _entry(day, week, pain, worse, notes=""):
    return {"date": day.isoformat(), "week": week, "pain_during": pain, "worse_next_day": worse, "notes": notes}


# A log as a runner keeps it: sessions 1–9 days apart, at any week, with pains around the limits.
LOG = st.lists(st.tuples(st.sampled_from([1, 2, 2, 2, 3, 9]), WEEK, PAIN, st.booleans()), max_size=30)


@settings(max_examples=6, deadline=None)
@given(st.lists(st.tuples(START, WEEK, LOG), min_size=5, max_size=15))
def test_plans_replans_and_status(cases):
    logs = []
    for start, week, steps in cases:
        day, log = start, []
        for gap, logged_week, pain, worse in steps:
            log.append((day, logged_week, pain, worse))
            day += datetime.timedelta(days=gap)
        logs.append((start, week, log))
    chain = """(start, week, log) => { const r = rkReturnToRun, st = r.status(log, start, week);
        return [r.planSessions(start, week).map(s => [s.date, s.week, s.total_min, r.describeSession(s)]),
                r.replan(start, log, week).map(s => [s.date, s.week]), st.message, st.week, st.finished,
                r.planCsv(r.replan(start, log, week))]; }"""
    answers = js([(chain, [start.isoformat(), week, [_entry(*e) for e in log]]) for start, week, log in logs])
    for (start, week, log), answer in zip(logs, answers, strict=True):
        st_ = rtr.status(log, start, start_week=week)
        plan = rtr.replan(start, log, start_week=week)
        assert answer == {"ok": [
            [[s.date.isoformat(), s.week, s.total_min, s.describe()] for s in rtr.plan_sessions(start, week)],
            [[s.date.isoformat(), s.week] for s in plan], st_.message, st_.week, st_.finished, rtr.plan_csv(plan),
        ]}, (start, week, log)


NOTES = st.one_of(st.sampled_from(["", "fine", 'said "ouch"', "two\nlines", "cr\ronly", "ünïcödé ×", " a, b "]),
                  st.text(max_size=12))


@settings(max_examples=4, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(1, 3), WEEK, PAIN, st.booleans(), NOTES), max_size=12),
                min_size=5, max_size=15))
def test_pain_log_csv_both_ways(logs):
    entries_lists = []
    for steps in logs:
        day, entries = D(2027, 1, 28), []
        for gap, week, pain, worse, notes in steps:
            entries.append(pl.LogEntry(day, week, pain, worse, notes))
            day += datetime.timedelta(days=gap)
        entries_lists.append(entries)
    calls = []
    for entries in entries_lists:
        text = pl.entries_to_csv(entries)
        calls += [("rkReturnToRun.entriesToCsv", [[_entry(e.date, e.week, e.pain_during, e.worse_next_day, e.notes)
                                                  for e in entries]]),
                  ("rkReturnToRun.entriesFromCsv", [text, "log.csv"])]
    answers = js(calls)
    for i, entries in enumerate(entries_lists):
        written, read = answers[2 * i], answers[2 * i + 1]
        text = pl.entries_to_csv(entries)
        assert written == {"ok": text}
        if "error" in read:  # a note Python refuses (e.g. a control character) is refused by both
            continue
        assert [pl.LogEntry(D.fromisoformat(d["date"]), d["week"], d["pain_during"], d["worse_next_day"], d["notes"])
                for d in read["ok"]] == pl.entries_from_csv(text, "log.csv")


# --- red flags: the same flags, messages and escalations as widgets.red_flags.check -----------------


def _py_flags(answers):
    py = rtr.red_flags(**answers)
    return [{"key": f.key, "level": f.level, "title": f.title, "message": f.message, "why": f.why,
             "escalation": f.escalation, "action": f.action} for f in py], rtr.needs_professional(py)


def test_red_flags_every_sign_alone_and_together_with_its_escalation():
    signs = red_flag_catalogue.load().ordered()
    escalated = [s for s in signs if s.escalation]
    assert escalated, "no sign has an escalation: this test would check nothing"
    cases = [{s.key: True} for s in signs] + [{s.key: True for s in signs}, {},
             {s.key: s.level != "same_day" for s in signs}, {s.key: bool(i % 2) for i, s in enumerate(signs)}]
    got = js([("(a) => { const r = rkReturnToRun, f = r.redFlags(a); return [f, r.needsProfessional(f)]; }", [a])
              for a in cases])
    for a, answer in zip(cases, got, strict=True):
        flags, professional = _py_flags(a)
        assert answer == {"ok": [flags, professional]}, a
    # The escalation is in the message, after what the sign can mean and before the level's action
    # (a script that dropped it would fail here even if Python dropped it too).
    levels = red_flag_catalogue.load().levels
    for sign, answer in zip(signs, got, strict=False):
        [flag], _ = answer["ok"]
        if sign.escalation:
            assert flag["escalation"] == sign.escalation
            assert flag["message"] == f"{sign.why} {sign.escalation} {levels[sign.level].action}", sign.key
        else:
            assert flag["escalation"] is None
            assert flag["message"] == f"{sign.why} {levels[sign.level].action}", sign.key


def test_the_page_shows_each_escalation_in_bold_between_the_sign_and_the_action():
    # Node has no DOM: read the script's rendering of a flag. The escalation is its own <strong>,
    # built from the flag (not from a folded or optional element), and comes before the advice.
    source = (REPO / "assets" / "rk" / "return-to-run.js").read_text(encoding="utf-8")
    start = source.index("Planner.prototype.setupFlags")
    body = source[start:source.index("Planner.prototype.", start + 10)]
    assert 'el("strong", { className: "rk-rtr-flag-escalation", text: f.escalation })' in body
    assert body.index("f.escalation") < body.index("level.advice", body.index("f.escalation"))
    assert "<details" not in body and '"details"' not in body
