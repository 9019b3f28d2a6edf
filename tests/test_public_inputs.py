"""Every public model function meets bad input with a ValueError that says what is allowed —
never a TypeError, ZeroDivisionError or a traceback from deep inside (issue 11).

Hypothesis throws junk at each argument: text, None, NaN, infinities, negative and huge
numbers, booleans, nested lists. A call may succeed (when the junk happens to be valid) or raise
ValueError with a message; anything else fails the test.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import (
    cadence,
    pain_log,
    pf_load,
    q_angle,
    quiz,
    rehab,
    return_to_run,
    training_load,
    walkthrough,
    worry_reflection,
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=5),
    st.sampled_from([math.nan, math.inf, -math.inf, -1.0, 0.0, 1e12, -1e12]),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.one_of(st.floats(allow_nan=True), st.text(max_size=2), st.none()), max_size=6),
)

# (function, number of positional arguments it takes)
PUBLIC = [
    (cadence.target_cadence, 2),
    (cadence.cadence_from_speed, 2),
    (cadence.step_length_change_pct, 1),
    (cadence.article_targets, 1),
    (training_load.check_weeks, 1),
    (training_load.check_weeks, 2),
    (training_load.suggest_next_weeks, 1),
    (training_load.suggest_next_weeks, 2),
    (rehab.exercise_table_markdown, 1),
    (rehab.exercise_steps_markdown, 1),
    (walkthrough.load, 1),
    (pf_load.peak_load, 1),
    (pf_load.peak_load, 2),
    (pf_load.peak_load, 3),
    (pf_load.load_at, 2),
    (pf_load.load_at, 3),
    (pf_load.k_ratio, 1),
    (pf_load.lever_arm_m, 1),
    (pf_load.contact_area_mm2, 1),
    (pf_load.pf_force_n, 2),
    (pf_load.cadence_inputs, 1),
    (pf_load.cadence_effect, 1),
    (pf_load.cadence_effect, 2),
    (pf_load.steps_per_km_one_knee, 2),
    (pf_load.force_curve, 1),
    (pf_load.force_curve, 2),
    (q_angle.q_angle_deg, 3),
    (q_angle.lateral_force, 2),
    (q_angle.leg_landmarks, 1),
    (q_angle.leg_landmarks, 3),
    (q_angle.leg_landmarks, 5),
    (return_to_run.decide, 2),
    (return_to_run.plan_sessions, 1),
    (return_to_run.plan_sessions, 2),
    (return_to_run.check_readiness, 5),
    (return_to_run.replan, 2),
    (return_to_run.status, 1),
    (pain_log.entries_from_csv, 1),
    (quiz.load_quiz, 1),
    (worry_reflection.reflect, 2),
    (worry_reflection.check_answers, 2),
    (worry_reflection.unanswered, 2),
    (worry_reflection.help_heading, 2),
]


@pytest.mark.parametrize(("function", "arity"), PUBLIC, ids=lambda v: getattr(v, "__qualname__", str(v)))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_bad_input_gets_a_value_error_with_a_message(function, arity, data):
    args = [data.draw(JUNK) for _ in range(arity)]
    try:
        function(*args)
    except ValueError as exc:
        assert str(exc).strip(), f"{function.__qualname__}{tuple(args)} raised ValueError without a message"
