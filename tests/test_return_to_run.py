"""The 8-week protocol against the article's text, with session totals computed by hand; the
progression rules on their boundaries, readiness, the plan's dates (month and year ends, leap
days), replanning from a log, the CSV/iCalendar exports and the warning signs."""

import csv
import datetime
import io
import itertools
import math
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.conftest import normalise
from tests.test_public_inputs import JUNK
from widgets import clinical
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr
from widgets.return_to_run import PROTOCOL, protocol_table_markdown


def test_eight_stages_as_in_the_article():
    assert [(s.week, s.run_min, s.walk_min, s.reps) for s in PROTOCOL] == [
        (1, 1, 2, 10), (2, 2, 2, 8), (3, 3, 2, 6), (4, 5, 2, 4), (5, 8, 2, 3),
        (6, 15, 0, 1), (7, 20, 0, 1), (8, 25, 0, 1),
    ]
    assert PROTOCOL[-1].run_min_max == 30  # week 8: 25–30 minutes


def test_session_totals_by_hand():
    # week 1: (1 + 2) × 10 = 30 min, 10 min running; week 4: (5 + 2) × 4 = 28 min, 20 running
    assert (PROTOCOL[0].total_min, PROTOCOL[0].total_run_min) == (30, 10)
    assert (PROTOCOL[3].total_min, PROTOCOL[3].total_run_min) == (28, 20)
    assert (PROTOCOL[4].total_min, PROTOCOL[4].total_run_min) == (30, 24)


def test_descriptions_match_article_wording(article_text):
    assert PROTOCOL[0].describe() == "1 minute run / 2 minutes walk × 10"
    assert PROTOCOL[7].describe() == "25–30 minutes continuous run"


def test_table_has_a_row_per_week():
    table = protocol_table_markdown()
    assert table.count("\n") == 1 + len(PROTOCOL)
    assert "| 8 | 25–30 minutes continuous run | 25–30 min | 25–30 min |" in table


# --- progression rules ----------------------------------------------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("pain", "expected"),
    [(0, "progress"), (1.9, "progress"), (2, "repeat"), (2.5, "repeat"), (3, "repeat"), (3.1, "repeat"),
     (3.9, "repeat"), (4, "step_back"), (10, "step_back")],
)
def test_decide_on_the_boundaries(pain, expected):
    # Below 2/10 carry on; 2 to below 4/10 hold (repeat); 4/10 or more stops the run, which in
    # the protocol is going back a stage.
    assert rtr.decide(pain, False) == expected
    # Increased pain in the 24 hours after means stepping back, whatever the pain during the run.
    assert rtr.decide(pain, True) == "step_back"


def test_decide_accepts_any_real_number_type():
    assert rtr.decide(np.float64(1.5), False) == "progress"
    assert rtr.decide(np.int64(3), False) == "repeat"
    assert rtr.decide(Fraction(31, 10), False) == "repeat"
    assert rtr.decide(Fraction(4, 1), False) == "step_back"


@pytest.mark.parametrize("pain", [-0.1, 10.1, math.nan, math.inf, -math.inf, "3", None, True, False, [2], 10**400])
def test_decide_refuses_a_pain_that_is_not_0_to_10(pain):
    with pytest.raises(ValueError, match=r"pain_during must be a number from 0 to 10, got"):
        rtr.decide(pain, False)


@pytest.mark.parametrize("worse", ["no", "False", None, 0, 1, 0.0])
def test_decide_refuses_a_worse_next_day_that_is_not_a_bool(worse):
    with pytest.raises(ValueError, match=r"worse_next_day must be True or False, got"):
        rtr.decide(1, worse)


def test_thresholds_come_from_clinical_yaml(monkeypatch):
    # Move the article's limits: decide() must follow, so no limit is typed in the code.
    real = clinical.value
    moved = {"return_to_run.progress_pain_below": 2.5, "pain_rules.do_not_run_through": 5}
    monkeypatch.setattr(clinical, "value", lambda key: moved.get(key, real(key)))
    assert rtr.decide(2.2, False) == "progress"
    assert rtr.decide(4.5, False) == "repeat"
    assert rtr.pain_band(4.9, False) == "hold"
    assert rtr.pain_band(5, False) == "stop"
    assert rtr.decide(5, False) == "step_back"


def test_rule_cases_cover_every_boundary_and_agree_with_decide():
    cases = rtr.rule_cases()
    pains = {pain for pain, _, _ in cases}
    assert {0, 1.9, 2, 3, 3.99, 4, 4.1, 10} <= pains
    assert {(p, w, e) for p, w, e in cases if p in (1.9, 2, 3, 3.99, 4) and not w} == {
        (1.9, False, "progress"), (2, False, "repeat"), (3, False, "repeat"), (3.99, False, "repeat"),
        (4, False, "step_back")}
    assert all(expected == "step_back" for _, worse, expected in cases if worse)
    assert {expected for *_, expected in cases} == set(rtr.DECISIONS)
    for pain, worse, expected in cases:
        assert rtr.decide(pain, worse) == expected, (pain, worse)


def test_explain_in_plain_words():
    repeat = rtr.explain("repeat", 2.5, False)
    assert "2.5/10" in repeat and "2/10 or more but below 4/10" in repeat and "Repeat this stage" in repeat
    assert "another week" in repeat
    progress = rtr.explain("progress", 1, False, week=3)
    assert "below 2/10" in progress and "move on to week 4" in progress
    assert "completed the programme" in rtr.explain("progress", 0, False, week=8)
    assert "Repeat this stage" in rtr.explain("repeat", 3.5, False, week=5)  # no longer a step back
    back = rtr.explain("step_back", 3.5, True, week=5)
    assert "Go back to week 4" in back and "trying week 5 again" in back
    assert "4+/10" not in back and "Stop that run" not in back  # the stop rule is for 4/10 and more
    stop = rtr.explain("step_back", 4, False, week=5)
    assert stop.startswith("Stop that run and step back: pain 4/10 during the run reaches 4+/10.")
    assert "Do not run through pain of 4+/10" in stop and "Go back to week 4" in stop
    worse = rtr.explain("step_back", 1, True, week=1)
    assert "pain increased in the 24\u00a0hours after" in worse
    assert "Week 1 is the first stage, so do week 1 again for another week" in worse and "week 0" not in worse
    assert "above 3/10" not in worse and "4+/10" not in worse


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("progress", 2.5, False), r"decision 'progress' does not follow .* the rules give 'repeat'"),
        (("go", 1, False), r"decision must be one of progress, repeat, step_back"),
        (("repeat", "2", False), r"pain_during must be a number"),
    ],
)
def test_explain_refuses_a_decision_the_rules_do_not_give(args, message):
    with pytest.raises(ValueError, match=message):
        rtr.explain(*args)


# --- readiness ----------------------------------------------------------------------------------

READY = dict(pain_free_walk_min=30, step_down_pain=1.9, hip_strength_pct=80, quad_strength_pct=80,
             exercises_pain_free=True)


def test_readiness_all_met_on_the_boundaries():
    criteria = rtr.check_readiness(**READY)
    assert [c.name for c in criteria] == list(rtr.READINESS_CRITERIA)
    assert all(c.met for c in criteria)
    assert rtr.ready(criteria)


@pytest.mark.parametrize(
    ("change", "name", "needs"),
    [
        ({"pain_free_walk_min": 29.9}, "walking", "30\u00a0minutes"),
        ({"step_down_pain": 2}, "step_down", "below 2/10"),
        ({"hip_strength_pct": 79.9}, "hip_strength", "80%+"),
        ({"quad_strength_pct": 79.9}, "quad_strength", "80%+"),
        ({"exercises_pain_free": False}, "exercises", "below 3/10"),
    ],
)
def test_each_readiness_criterion_just_missed(change, name, needs):
    criteria = rtr.check_readiness(**{**READY, **change})
    unmet = [c for c in criteria if not c.met]
    assert [c.name for c in unmet] == [name]
    assert needs in unmet[0].message
    assert not rtr.ready(criteria)


def test_the_exercise_criterion_uses_the_exercise_limit_not_the_running_one():
    criteria = {c.name: c for c in rtr.check_readiness(**{**READY, "exercises_pain_free": False})}
    exercise_limit = clinical.get("pain_rules.exercise_limit").display()
    assert exercise_limit in criteria["exercises"].label
    assert rtr.pain_rule("exercises") in criteria["exercises"].message
    field = next(f for f in rtr.READINESS_FIELDS if f["name"] == "exercises")
    assert exercise_limit in field["label"] and rtr.pain_rule("next_day") in field["label"]
    assert clinical.get("pain_rules.do_not_run_through").display() not in criteria["exercises"].message + field["label"]


@pytest.mark.parametrize("good_control", [True, False])
def test_both_knees_sore_judges_strength_by_quality_and_pain(good_control):
    # No unaffected side: the percentages are not asked for, and not compared.
    answers = {**READY, "hip_strength_pct": None, "quad_strength_pct": None}
    criteria = rtr.check_readiness(**answers, both_knees=True, good_control=good_control)
    assert [c.name for c in criteria] == list(rtr.READINESS_CRITERIA)
    for c in criteria:
        if c.name in rtr.STRENGTH_CRITERIA:
            assert c.met is good_control
            assert "both knees hurt" in c.label and "unaffected side" not in c.label
            assert "no unaffected side to compare with" in c.message
            assert "%" not in c.message
            if not good_control:
                assert rtr.pain_rule("exercises") in c.message and "physiotherapist" in c.message
        else:
            assert c.met
    assert rtr.ready(criteria) is good_control


def test_both_knees_ignores_percentages_and_one_knee_ignores_control():
    # A percentage typed before ticking "both knees" does not decide anything.
    low = rtr.check_readiness(**{**READY, "hip_strength_pct": 10, "quad_strength_pct": 10},
                              both_knees=True, good_control=True)
    assert rtr.ready(low)
    one = rtr.check_readiness(**{**READY, "hip_strength_pct": 10}, both_knees=False, good_control=True)
    assert [c.name for c in one if not c.met] == ["hip_strength"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"both_knees": True}, "good_control must be True or False"),
        ({"both_knees": True, "good_control": "yes"}, "good_control must be True or False"),
        ({"both_knees": "no"}, "both_knees must be True or False"),
        ({"hip_strength_pct": None}, "hip_strength_pct must be a number"),
    ],
)
def test_both_knees_answers_are_checked(change, message):
    with pytest.raises(ValueError, match=message):
        rtr.check_readiness(**{**READY, **change})


def test_strength_criterion_refuses_another_name():
    with pytest.raises(ValueError, match="name must be one of hip_strength, quad_strength"):
        rtr.strength_criterion("walking", 90)


def test_ready_refuses_a_partial_or_empty_list():
    criteria = rtr.check_readiness(**READY)
    with pytest.raises(ValueError, match="missing walking, step_down"):
        rtr.ready([])
    with pytest.raises(ValueError, match="missing exercises"):
        rtr.ready(criteria[:-1])
    with pytest.raises(ValueError, match="Criterion"):
        rtr.ready([True, True])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pain_free_walk_min": -1}, "pain_free_walk_min must be a number of 0 minutes or more"),
        ({"step_down_pain": 11}, "step_down_pain must be a number from 0 to 10"),
        ({"hip_strength_pct": math.nan}, "hip_strength_pct must be a number of 0% or more"),
        ({"quad_strength_pct": "85"}, "quad_strength_pct must be"),
        ({"exercises_pain_free": "yes"}, "exercises_pain_free must be True or False"),
    ],
)
def test_readiness_refuses_bad_input(change, message):
    with pytest.raises(ValueError, match=message):
        rtr.check_readiness(**{**READY, **change})


# --- the plan -----------------------------------------------------------------------------------


def dates_and_weeks(sessions, start):
    return [((s.date - start).days, s.week) for s in sessions]


def test_plan_is_every_other_day_for_eight_weeks():
    start = D(2027, 1, 28)
    plan = rtr.plan_sessions(start)
    offsets = [(s.date - start).days for s in plan]
    assert offsets == list(range(0, 56, 2))  # 28 sessions: days 0, 2, …, 54
    # Days 0–6 are week 1, 7–13 week 2, …: weeks alternate 4 and 3 sessions.
    assert Counter(s.week for s in plan) == {1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3, 7: 4, 8: 3}
    assert all(s.week == 1 + d // 7 for s, d in zip(plan, offsets, strict=True))
    assert all(s.surface == "flat" for s in plan)


def test_plan_across_a_month_end():
    plan = rtr.plan_sessions(D(2027, 1, 28))
    assert [s.date for s in plan[:4]] == [D(2027, 1, 28), D(2027, 1, 30), D(2027, 2, 1), D(2027, 2, 3)]
    assert (plan[4].date, plan[4].week) == (D(2027, 2, 5), 2)
    assert (plan[-1].date, plan[-1].week) == (D(2027, 3, 23), 8)


def test_plan_across_a_year_end():
    plan = rtr.plan_sessions(D(2026, 12, 27))
    assert [(s.date, s.week) for s in plan[:5]] == [
        (D(2026, 12, 27), 1), (D(2026, 12, 29), 1), (D(2026, 12, 31), 1), (D(2027, 1, 2), 1), (D(2027, 1, 4), 2)]
    assert plan[-1].date == D(2027, 2, 19)  # day 54: 4 days of December, 31 of January, 19 of February


def test_plan_across_a_leap_day():
    plan = rtr.plan_sessions(D(2028, 2, 27))
    assert [s.date for s in plan[:3]] == [D(2028, 2, 27), D(2028, 2, 29), D(2028, 3, 2)]
    assert plan[-1].date == D(2028, 4, 21)  # day 54: 2 + 31 + 21, counting the leap day
    # …and in a common year the same start steps over 29 February.
    assert [s.date for s in rtr.plan_sessions(D(2027, 2, 27))[:2]] == [D(2027, 2, 27), D(2027, 3, 1)]


def test_plan_from_a_later_week():
    start = D(2027, 5, 3)
    plan = rtr.plan_sessions(start, start_week=6)
    assert dates_and_weeks(plan, start) == [
        (0, 6), (2, 6), (4, 6), (6, 6), (8, 7), (10, 7), (12, 7), (14, 8), (16, 8), (18, 8), (20, 8)]


def test_session_minutes_and_descriptions():
    plan = rtr.plan_sessions(D(2027, 1, 28))
    first, week3, last = plan[0], next(s for s in plan if s.week == 3), plan[-1]
    assert (week3.run_min, week3.walk_min, week3.reps, week3.total_min) == (3, 2, 6, 30)
    assert (last.run_min, last.run_min_max, last.total_min, last.total_min_max) == (25, 30, 25, 30)
    assert first.describe() == "Thu 2027-01-28, week 1: 1 minute run / 2 minutes walk × 10 (30 min, flat ground)"
    assert last.describe() == "Tue 2027-03-23, week 8: 25–30 minutes continuous run (25–30 min, flat ground)"
    assert week3.summary() == "Return to running — week 3: 3 min run / 2 min walk × 6"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2027-01-28",), "start_date must be a date"),
        ((datetime.datetime(2027, 1, 28, 7, 0),), "start_date must be a date"),
        ((D(2027, 1, 28), 0), "start_week must be a whole number from 1 to 8"),
        ((D(2027, 1, 28), 9), "start_week must be a whole number from 1 to 8"),
        ((D(2027, 1, 28), True), "start_week must be"),
        ((D(2027, 1, 28), 2.0), "start_week must be"),
        ((D.max,), "start_date must be on or before"),
    ],
)
def test_plan_refuses_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        rtr.plan_sessions(*args)


# --- replanning from the log --------------------------------------------------------------------

START = D(2027, 1, 4)


def log_of(*rows):
    """Rows (day offset from START, week, pain, worse) as log tuples."""
    return [(START + datetime.timedelta(days=d), w, p, x) for d, w, p, x in rows]


def perfect(upto_day):
    """Every planned session up to day ``upto_day`` logged pain-free."""
    return [(s.date, s.week, 0, False) for s in rtr.plan_sessions(START) if (s.date - START).days <= upto_day]


def test_replan_with_no_log_is_the_plan():
    assert rtr.replan(START, []) == rtr.plan_sessions(START)


def test_replan_after_all_progress_keeps_the_original_plan():
    plan = rtr.plan_sessions(START)
    for n in (1, 4, 11, 27):
        log = [(s.date, s.week, 1.5, False) for s in plan[:n]]
        assert rtr.replan(START, log) == plan[n:], n
    assert rtr.replan(START, [(s.date, s.week, 0, False) for s in plan]) == []


def test_replan_after_a_repeat_runs_the_stage_for_another_week():
    # Week 1, day 2: pain 2.5 → repeat; week 1 again for a full week from day 4, then week 2.
    log = log_of((0, 1, 1, False), (2, 1, 2.5, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:9] == [
        (4, 1), (6, 1), (8, 1), (10, 1), (12, 2), (14, 2), (16, 2), (18, 3), (20, 3)]


def test_a_stage_advances_only_after_a_whole_week_of_progress():
    log = log_of((0, 1, 2, False), (2, 1, 1, False), (4, 1, 1, False), (6, 1, 1, False))
    # The week restarted on day 2: days 2–8 are week 1, so day 8 is still week 1.
    assert dates_and_weeks(rtr.replan(START, log), START)[:2] == [(8, 1), (10, 2)]
    log += log_of((8, 1, 1, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:1] == [(10, 2)]


def test_replan_after_a_step_back_goes_to_the_previous_stage_for_a_week():
    # Weeks 1 and 2 went well (days 0–12); day 14 is week 3 and hurts 4/10.
    log = perfect(12) + log_of((14, 3, 4, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:8] == [
        (16, 2), (18, 2), (20, 2), (22, 2), (24, 3), (26, 3), (28, 3), (30, 4)]


def test_worse_next_day_steps_back_even_without_pain_during():
    log = perfect(12) + log_of((14, 3, 0, True))
    assert rtr.replan(START, log)[0].week == 2


def test_a_step_back_in_week_1_stays_in_week_1():
    log = log_of((0, 1, 5, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:5] == [(2, 1), (4, 1), (6, 1), (8, 1), (10, 2)]


def test_a_step_back_late_in_a_stage_still_steps_back():
    # Three good week-4 sessions, then a bad one (4/10: the run is stopped): back to week 3, not
    # on to week 5.
    log = perfect(20) + log_of((22, 4, 1, False), (24, 4, 1, False), (26, 4, 4, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:5] == [(28, 3), (30, 3), (32, 3), (34, 3), (36, 4)]


def test_replan_reads_the_log_in_date_order_and_accepts_log_entries():
    from widgets.pain_log import LogEntry

    log = perfect(12) + log_of((14, 3, 4, False))
    entries = [LogEntry(d, w, p, x, "note") for d, w, p, x in log]
    expected = rtr.replan(START, log)
    assert rtr.replan(START, list(reversed(log))) == expected
    assert rtr.replan(START, entries) == expected


def test_a_break_keeps_the_stage():
    # Week 1 done, then nothing for three weeks: week 2 resumes on the day running does.
    log = perfect(6) + log_of((30, 2, 1, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:4] == [(32, 2), (34, 2), (36, 2), (38, 3)]
    # Weeks without a session do not count as weeks done: week 2 was the right stage to log.
    assert "Note:" not in rtr.status(log).message


def test_a_different_stage_logged_is_followed_and_noted():
    log = log_of((0, 1, 1, False), (2, 3, 1, False))
    assert dates_and_weeks(rtr.replan(START, log), START)[:4] == [(4, 3), (6, 3), (8, 3), (10, 4)]
    assert "logged week 3 where the rules gave week 1" in rtr.status(log).message


@pytest.mark.parametrize(
    ("log", "message"),
    [
        (log_of((0, 1, 1, False), (0, 1, 1, False)), "two sessions logged on 2027-01-04"),
        (log_of((-2, 1, 1, False)), "before the start date 2027-01-04"),
        (log_of((0, 9, 1, False)), "log entry 1: week must be a whole number from 1 to 8"),
        (log_of((0, 1, 11, False)), "log entry 1: pain_during must be a number from 0 to 10"),
        (log_of((0, 1, 1, "no")), "log entry 1: worse_next_day must be True or False"),
        ([("2027-01-04", 1, 1, False)], "log entry 1: date must be a date"),
        ([(START, 1)], "log entry 1 must be a LogEntry or"),
        ("2027-01-04,1,1,no", "log must be a list"),
    ],
)
def test_replan_refuses_a_bad_log(log, message):
    with pytest.raises(ValueError, match=message):
        rtr.replan(START, log)


def test_status_messages():
    empty = rtr.status([])
    assert (empty.week, empty.finished, empty.next_session) == (1, False, None)
    assert "No sessions logged yet" in empty.message
    assert rtr.status([], START).next_session == rtr.plan_sessions(START)[0]

    going = rtr.status(perfect(6))
    assert (going.week, going.last_decision, going.next_session.date) == (2, "progress", START + datetime.timedelta(8))
    assert "went well" in going.message and "Next session: Tue 2027-01-12, week 2" in going.message

    back = rtr.status(perfect(12) + log_of((14, 3, 4, False)))
    assert (back.week, back.last_decision) == (2, "step_back")
    assert "going back to week 2" in back.message

    repeat = rtr.status(log_of((0, 1, 2, False)))
    assert repeat.week == 1 and "repeating week 1" in repeat.message

    done = rtr.status(perfect(54))
    assert done.finished and done.next_session is None and "completed all 8 weeks" in done.message


# --- exports --------------------------------------------------------------------------------------


def test_plan_csv():
    plan = rtr.plan_sessions(D(2027, 1, 28))
    text = rtr.plan_csv(plan)
    assert text.splitlines()[0] == "date,week,run_min,walk_min,reps,total_min,surface,description"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 28
    assert rows[0] == {"date": "2027-01-28", "week": "1", "run_min": "1", "walk_min": "2", "reps": "10",
                       "total_min": "30", "surface": "flat", "description": "1 minute run / 2 minutes walk × 10"}
    assert rows[-1]["run_min"] == "25" and rows[-1]["description"] == "25–30 minutes continuous run"
    assert [(D.fromisoformat(r["date"]), int(r["week"])) for r in rows] == [(s.date, s.week) for s in plan]
    assert rtr.plan_csv([]) == "date,week,run_min,walk_min,reps,total_min,surface,description\r\n"


def test_plan_ics_parses_back():
    plan = rtr.plan_sessions(D(2026, 12, 27))
    stamp = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    data = rtr.plan_ics(plan, stamp=stamp)
    assert data == rtr.plan_ics(plan, stamp=stamp)  # stable output: re-importing updates, never duplicates
    cal = Calendar.from_ical(data)
    assert "Runner's Knee course" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert len(events) == len(plan) == 28
    for event, session in zip(events, plan, strict=True):
        assert event["DTSTART"].dt == session.date
        assert event["DTEND"].dt == session.date + datetime.timedelta(days=1)
        assert str(event["SUMMARY"]) == session.summary()
        description = str(event["DESCRIPTION"])
        assert "below 2/10" in description and "4+/10" in description and "flat" in description
        assert "above 3/10" not in description
        # The hill criterion in the course's words: flat running within the pain rules (which
        # allow pain below 4/10), not "pain-free" flat running (the reviewer's P1).
        assert "4 weeks of flat running within the pain rules" in " ".join(description.split())
        assert "pain-free flat" not in description
    assert str(events[3]["UID"]) == "20270102-week1@return-to-running.runners-knee-course"
    week3 = next(e for e, s in zip(events, plan, strict=True) if s.week == 3)
    assert str(week3["SUMMARY"]) == "Return to running — week 3: 3 min run / 2 min walk × 6"
    assert len({str(e["UID"]) for e in events}) == 28


@pytest.mark.parametrize("sessions", ["plan", None, [1, 2], [{"date": "2027-01-28"}]])
def test_exports_refuse_anything_but_sessions(sessions):
    for export in (rtr.plan_csv, rtr.plan_ics):
        with pytest.raises(ValueError, match=r"Session|plan_sessions"):
            export(sessions)
    with pytest.raises(ValueError, match="timezone-aware"):
        rtr.plan_ics([], stamp=datetime.datetime(2027, 1, 1))


# --- warning signs and red flags ------------------------------------------------------------------


def test_no_answers_no_flags():
    assert rtr.red_flags() == []
    assert rtr.red_flags(swelling=False, new_ache=False) == []


def test_flags_most_severe_first_with_advice():
    flags = rtr.red_flags(new_ache=True, no_improvement=True, swelling=True, cannot_bear_weight=True,
                          deformed=True)
    assert [(f.key, f.level) for f in flags] == [
        ("deformed", "emergency"), ("cannot_bear_weight", "same_day"), ("swelling", "within_days"),
        ("no_improvement", "review"), ("new_ache", "warning_sign")]
    assert "Call the emergency number now" in flags[0].message
    assert "same-day assessment today" in flags[1].message
    assert "physiotherapist or doctor within 2 days" in flags[2].message
    assert "routine appointment" in flags[3].message and "not a sign of harm" in flags[3].message
    assert "20–30%" in flags[4].message and "1–2\u00a0weeks" in flags[4].message
    # Emergency, same-day and within-days signs stop the programme; a review or a warning sign does not.
    assert all(rtr.needs_professional([f]) for f in flags[:3])
    assert not rtr.needs_professional(flags[3:])


def test_the_articles_see_a_professional_signs_are_all_there():
    levels = {s.key: s.level for s in red_flag_catalogue.load().ordered()}
    for key in ("swelling", "giving_way", "catching", "injury_onset", "night_pain",
                "suspected_stress_fracture"):
        assert levels[key] == "within_days", key
    # The article's "severe pain" is split (the physiotherapist's review): pain that stops normal
    # walking is same-day; pain that wakes you is part of night_pain (within days).
    assert levels["severe_pain"] == "same_day" and "wakes you" in red_flag_catalogue.load().signs["night_pain"].label
    # A knee that is stuck and will not straighten is assessed the same day (a possible displaced
    # meniscus tear); no improvement is a review of the plan, not an emergency.
    assert levels["locked"] == "same_day" and levels["no_improvement"] == "review"
    assert [k for k, v in levels.items() if v == "warning_sign"] == [
        "new_ache", "morning_stiffness", "mild_theatre_sign", "stairs_down"]
    texts = {s.key: s.question + s.why for s in rtr.red_flag_questions()}
    assert "2\u00a0weeks" in texts["no_improvement"]
    assert "10\u00a0minutes" in texts["morning_stiffness"]
    assert not any("{clin" in t for t in texts.values())


def test_red_flag_quotes_are_the_articles_words(article_text):
    article = normalise(article_text)
    data = yaml.safe_load(red_flag_catalogue.CATALOGUE_FILE.read_text(encoding="utf-8"))
    quotes = [s["article"] for s in data["signs"] if "article" in s]
    assert len(quotes) >= 10
    assert [q for q in quotes if normalise(q) not in article] == []


@pytest.mark.parametrize(
    ("answers", "message"),
    [({"swollen": True}, r"unknown sign\(s\) swollen; known: .*swelling"), ({"swelling": "yes"}, "swelling must be")],
)
def test_red_flags_refuse_bad_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        rtr.red_flags(**answers)


# --- junk input -------------------------------------------------------------------------------------

PUBLIC = [
    (rtr.decide, 2), (rtr.explain, 3), (rtr.check_readiness, 5), (rtr.ready, 1), (rtr.plan_sessions, 1),
    (rtr.plan_sessions, 2), (rtr.replan, 2), (rtr.status, 1), (rtr.status, 2), (rtr.plan_csv, 1), (rtr.plan_ics, 1),
]


@pytest.mark.parametrize(("function", "arity"), PUBLIC, ids=lambda v: getattr(v, "__qualname__", str(v)))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_junk_gets_a_value_error_with_a_message(function, arity, data):
    args = [data.draw(JUNK) for _ in range(arity)]
    try:
        function(*args)
    except ValueError as exc:
        assert str(exc).strip()


@settings(max_examples=60, deadline=None)
@given(answers=st.dictionaries(st.sampled_from(["swelling", "locked", "new_ache", "nope"]), JUNK, max_size=3))
def test_red_flags_junk_gets_a_value_error(answers):
    try:
        rtr.red_flags(**answers)
    except ValueError as exc:
        assert str(exc).strip()


# --- the protocol's evidence block ----------------------------------------------------------

def test_protocol_has_an_evidence_block():
    evidence = rtr.protocol_evidence()
    assert evidence.verdict in clinical.VERDICTS and evidence.note
    assert [item.anchor for item in rtr.evidence_items()] == ["evidence-protocol--stages"]


def test_protocol_without_evidence_names_file_and_field(tmp_path):
    path = tmp_path / "return_to_run_protocol.yaml"
    path.write_text("every_other_day: true\nstages: []\n")
    with pytest.raises(clinical.DataFileError, match=r"return_to_run_protocol.yaml: field 'evidence': missing"):
        rtr.protocol_evidence.__wrapped__(path)


def test_protocol_untested_without_note_is_rejected(tmp_path):
    path = tmp_path / "return_to_run_protocol.yaml"
    path.write_text("evidence: {verdict: untested}\n")
    with pytest.raises(clinical.DataFileError, match=r"field 'evidence': 'note' is a required property"):
        rtr.protocol_evidence.__wrapped__(path)


def test_the_programme_does_not_ask_how_the_pain_started_before_every_run():
    """A runner whose pain began with a knock would otherwise be stopped every day; the programme
    asks about a recent twist, fall or knock instead."""
    keys = [s.key for s in rtr.red_flag_questions()]
    assert "injury_onset" not in keys and "recent_knock" in keys
    assert set(keys) == {s.key for s in red_flag_catalogue.load().ordered()} - {"injury_onset"}


# --- property tests for replanning from a log -----------------------------------------------------

SESSION_OUTCOMES = st.lists(st.tuples(st.sampled_from([0, 1, 1.5, 2, 2.5, 3, 3.5, 4, 6]), st.booleans()),
                            max_size=24)


def run_the_plan(start, outcomes):
    """Log each session where the current replan puts it, with the given (pain, worse next day)."""
    log = []
    for pain, worse in outcomes:
        plan = rtr.replan(start, log)
        if not plan:
            break
        log.append((plan[0].date, plan[0].week, pain, worse))
    return log


@settings(max_examples=60, deadline=None)
@given(outcomes=SESSION_OUTCOMES, offset=st.integers(0, 400))
def test_replan_follows_every_decision_and_keeps_its_rhythm(outcomes, offset):
    start = D(2027, 1, 4) + datetime.timedelta(days=offset)
    log = run_the_plan(start, outcomes)
    for i in range(len(log)):
        date, week, pain, worse = log[i]
        decision = rtr.decide(pain, worse)
        plan = rtr.replan(start, log[: i + 1])
        if not plan:  # the programme is complete: only after a final week that went well
            assert decision == "progress" and week == len(PROTOCOL)
            continue
        nxt = plan[0]
        # The next session is two days after the logged one, and sessions stay every other day.
        assert nxt.date - date == datetime.timedelta(days=rtr.SESSION_INTERVAL_DAYS)
        assert all(b.date - a.date == datetime.timedelta(days=rtr.SESSION_INTERVAL_DAYS)
                   for a, b in itertools.pairwise(plan))
        assert 1 <= nxt.week <= len(PROTOCOL)
        if decision == "step_back":
            assert nxt.week == max(week - 1, 1)
        elif decision == "repeat":
            assert nxt.week == week
        else:
            assert nxt.week in (week, week + 1)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 30), offset=st.integers(0, 400))
def test_a_log_where_every_session_went_well_keeps_the_original_plan(n, offset):
    start = D(2027, 1, 4) + datetime.timedelta(days=offset)
    plan = rtr.plan_sessions(start)
    log = [(s.date, s.week, 0, False) for s in plan[:n]]
    assert rtr.replan(start, log) == plan[n:]
