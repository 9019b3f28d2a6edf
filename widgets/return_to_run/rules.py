"""The rules around the protocol: readiness to start, the decision after each session (progress,
repeat, step back) and its explanation, and the rules in one paragraph. Every threshold comes
from ``data/clinical.yaml`` through ``widgets.clinical``. Pure model.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets import clinical
from widgets import red_flags as red_flag_catalogue
from widgets.checks import real_number
from widgets.checks import short_repr as _show
from widgets.return_to_run.pain_rules import pain_rule, run_pain_rules, sentence
from widgets.return_to_run.protocol import (
    DECISIONS,
    PAIN_SCALE_MAX,
    PROTOCOL,
    _pain_text,
    _thresholds,
    check_bool,
    check_pain,
    check_week,
)

# --- progression --------------------------------------------------------------------------------


# Each band of the pain rules (pain_rules.run of the protocol's data file) and the decision the
# walk/run protocol takes in it: stopping a run for pain at or above pain_rules.do_not_run_through
# is, in the protocol, going back a stage for a week (the stop rule's own words), so the planner's
# replanning has three moves and a stopped run is a step back.
BAND_DECISIONS = {"carry_on": "progress", "hold": "repeat", "step_back": "step_back", "stop": "step_back"}


def pain_band(pain_during: float, worse_next_day: bool) -> str:
    """Which of the four run pain rules applies: "carry_on", "hold", "step_back" or "stop".

    The bands do not overlap and cover the whole 0–10 scale:

    - ``stop``: pain during the run of ``pain_rules.do_not_run_through`` or more (with or without
      an increase in the ``return_to_run.next_day_window_hours`` after);
    - ``step_back``: an increase in pain in the hours after, with pain during the run below that;
    - ``carry_on``: pain below ``return_to_run.progress_pain_below`` and no increase after;
    - ``hold``: pain from that limit to below the stop limit, and no increase after.
    """
    pain = check_pain(pain_during, "pain_during")
    worse = check_bool(worse_next_day, "worse_next_day")
    carry_on_below, stop_at = _thresholds()
    if pain >= stop_at:
        return "stop"
    if worse:
        return "step_back"
    if pain < carry_on_below:
        return "carry_on"
    return "hold"


def decide(pain_during: float, worse_next_day: bool) -> str:
    """What to do after a session of the walk/run protocol: "progress", "repeat" or "step_back".

    The band of :func:`pain_band`, as a move in the protocol: carry on → progress (move on once
    the week has gone like this), hold → repeat the stage, step back → the previous stage for a
    week, stop (pain of ``pain_rules.do_not_run_through`` or more: the run is stopped) → also the
    previous stage for a week, as the stop rule says for a runner already in the protocol.
    """
    return BAND_DECISIONS[pain_band(pain_during, worse_next_day)]


def explain(decision: str, pain_during: float, worse_next_day: bool, *, week: int | None = None) -> str:
    """The decision in plain words for the runner. ``week`` (optional) is the stage just run,
    so that a step back can name the week to go back to.

    ``decision`` must be the one :func:`decide` gives for these answers: explaining any other
    would tell the runner something the rules do not say.
    """
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, got {_show(decision)}")
    expected = decide(pain_during, worse_next_day)
    if week is not None:
        check_week(week)
    if decision != expected:
        raise ValueError(
            f"decision {decision!r} does not follow from pain {_pain_text(float(pain_during))} and "
            f"worse_next_day={worse_next_day}; the rules give {expected!r}"
        )
    pain = float(pain_during)
    below = clinical.get("return_to_run.progress_pain_below").display()
    stop_at = clinical.value("pain_rules.do_not_run_through")
    stop_text = clinical.get("pain_rules.do_not_run_through").display()
    hours = clinical.get("return_to_run.next_day_window_hours").display()
    if decision == "progress":
        if week == len(PROTOCOL):
            then = "you have completed the programme"
        else:
            then = f"move on to week {week + 1}" if week is not None else "move on to the next stage"
        return (
            f"Pain {_pain_text(pain)} during the run is below {below}, with no increase in pain in the {hours} "
            f"after: this session went well. Once a whole week at this stage has gone like this, {then}."
        )
    if decision == "repeat":
        return (
            f"Pain {_pain_text(pain)} during the run is {below} or more but below {stop_at:g}/10, with no increase "
            f"in the {hours} after: hold. Repeat this stage: stay at it for another week, and move on when a "
            f"week's runs stay below {below}."
        )
    reasons = []
    stopped = pain >= stop_at
    if stopped:
        reasons.append(f"pain {_pain_text(pain)} during the run reaches {stop_text}")
    if worse_next_day:
        reasons.append(f"pain increased in the {hours} after the run")
    why = " and ".join(reasons)
    if week == 1:
        back = "Week 1 is the first stage, so do week 1 again for another week"
    elif week is not None:
        back = f"Go back to week {week - 1} for another week before trying week {week} again"
    else:
        back = "Go back to the previous stage for another week before trying this one again"
    if stopped:
        advice = (f"Stop that run and step back: {why}. Do not run through pain of {stop_text}. {back}; "
                  "keep up the exercises and walking in the meantime.")
    else:
        advice = f"Step back: {why}. {back}."
    return advice + " If you keep having to step back, see a physiotherapist."


def rule_cases() -> list[tuple[float, bool, str]]:
    """(pain_during, worse_next_day, expected decision) around every boundary of the rules.

    Written from the limits, not by calling :func:`decide`, so a port of the rules (e.g. a
    browser planner in JavaScript) can be tested against the same table.
    """
    below, stop_at = _thresholds()
    step = 0.1  # probes just either side of each limit
    by_pain = [
        (0.0, "progress"),
        (round(below - step, 1), "progress"),
        (round(below - step / 10, 2), "progress"),
        (below, "repeat"),  # "below" excludes the limit itself
        ((below + stop_at) / 2, "repeat"),
        (round(stop_at - step / 10, 2), "repeat"),
        (stop_at, "step_back"),  # the stop limit itself stops the run: "4/10 or more"
        (round(stop_at + step, 1), "step_back"),
        (float(PAIN_SCALE_MAX), "step_back"),
    ]
    cases = [(pain, False, expected) for pain, expected in by_pain]
    # An increase in pain in the hours after steps back whatever the pain during the run.
    cases += [(pain, True, "step_back") for pain, _ in by_pain]
    return cases


# --- readiness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One of the article's four criteria for starting to run again."""

    name: str  # "walking", "step_down", "hip_strength", "quad_strength", "exercises"
    label: str  # the criterion in words, with its number
    met: bool
    message: str  # what it means for the runner; when not met, what to do


READINESS_CRITERIA = ("walking", "step_down", "hip_strength", "quad_strength", "exercises")

# The planner's words and file names, shared by the site's page (widgets.static) and the
# JupyterLab tool (widgets.live): here, below both, so neither imports the other.
LOG_FILE_NAME = "pain-log.csv"
PLAN_FILE_STEM = "return-to-running-plan"
DECISION_TITLES = {"progress": "Progress", "repeat": "Repeat this stage", "step_back": "Step back"}

# The readiness form: one field per criterion of check_readiness(), in the same order.
READINESS_FIELDS = (
    {"name": "walking", "arg": "pain_free_walk_min", "kind": "number", "min": 0, "max": None,
     "label": "How many minutes can you walk without pain?", "unit": "minutes"},
    {"name": "step_down", "arg": "step_down_pain", "kind": "number", "min": 0, "max": PAIN_SCALE_MAX,
     "label": "Pain in the step-down test, from 0 (none) to 10 (worst)", "unit": ""},
    {"name": "hip_strength", "arg": "hip_strength_pct", "kind": "number", "min": 0, "max": None,
     "label": "Hip abductor strength of the painful leg, as % of the other leg", "unit": "%"},
    {"name": "quad_strength", "arg": "quad_strength_pct", "kind": "number", "min": 0, "max": None,
     "label": "Quadriceps strength of the painful leg, as % of the other leg", "unit": "%"},
    {"name": "exercises", "arg": "exercises_pain_free", "kind": "yes_no", "min": None, "max": None,
     "label": "At your current level, does knee pain during your rehabilitation exercises stay below "
              f"{clinical.get('pain_rules.exercise_limit').display()}, with {pain_rule('next_day')} the session?",
     "unit": ""},
)

# About a third of people with runner's knee have pain in both knees: then there is no unaffected
# side to compare strength with, and the two strength criteria are judged by the quality of the
# exercises and the pain during them instead. Two questions of the form, asked before the
# strength fields: which knees hurt, and (both) the quality of the exercises.
STRENGTH_CRITERIA = ("hip_strength", "quad_strength")
BOTH_KNEES_FIELDS = (
    {"name": "both_knees", "arg": "both_knees", "kind": "yes_no",
     "label": "Do both knees hurt?",
     "hint": "If they do, there is no unaffected side to compare strength with."},
    {"name": "good_control", "arg": "good_control", "kind": "yes_no",
     "label": "Both knees hurt: can you do the hip and thigh strengthening exercises at your current level "
              "with good control (knee in line over the foot, hips level, no wobble) and within the exercise "
              "pain limit?",
     "hint": ""},
)


def strength_criterion(name: str, pct: float | None, *, both_knees: bool = False,
                       good_control: bool | None = None) -> Criterion:
    """One strength criterion (``hip_strength`` or ``quad_strength``): with one painful knee, the
    painful leg's strength as a percentage of the unaffected side, at least
    ``return_to_run.strength_ratio``; with both knees painful (no unaffected side), judged by
    quality and pain instead: ``good_control`` is whether the exercises are done with good control
    and within the exercise pain limit."""
    if name not in STRENGTH_CRITERIA:
        raise ValueError(f"name must be one of {', '.join(STRENGTH_CRITERIA)}, got {_show(name)}")
    muscle = "Hip abductor" if name == "hip_strength" else "Quadriceps"
    exercises = "hip abductor" if name == "hip_strength" else "quadriceps"
    if check_bool(both_knees, "both_knees"):
        met = check_bool(good_control, "good_control")
        limit = pain_rule("exercises")
        return Criterion(
            name, f"{muscle.lower()} strength: both knees hurt, so good control within the exercise pain limit",
            met,
            f"Both knees hurt, so there is no unaffected side to compare with: you can do the {exercises} "
            "exercises with good control and within the exercise pain limit. Enough." if met else
            f"Both knees hurt, so there is no unaffected side to compare with. The guide instead is doing the "
            f"{exercises} exercises with good control at your current level, within the exercise pain limit: "
            f"{limit}. Keep strengthening and check again, or ask a physiotherapist to test your strength.",
        )
    field = f"{name}_pct"
    value = real_number(pct, field, 0, unit="%")
    need = clinical.value("return_to_run.strength_ratio")
    need_text = clinical.get("return_to_run.strength_ratio").display()
    met = value >= need
    return Criterion(
        name, f"{muscle.lower()} strength {need_text} of the unaffected side", met,
        f"{muscle} strength is {value:g}% of the unaffected side: enough." if met else
        f"{muscle} strength is {value:g}% of the unaffected side; it needs to be {need_text}. Keep "
        "strengthening and retest.",
    )


def check_readiness(
    pain_free_walk_min: float,
    step_down_pain: float,
    hip_strength_pct: float | None,
    quad_strength_pct: float | None,
    exercises_pain_free: bool,
    *,
    both_knees: bool = False,
    good_control: bool | None = None,
) -> list[Criterion]:
    """The four readiness criteria (strength counts as two), each met or not, with advice.

    - ``pain_free_walk_min``: minutes of walking without pain; needs at least
      ``return_to_run.walking_minutes``.
    - ``step_down_pain``: pain (0–10) in the step-down test; must be below
      ``return_to_run.step_down_pain_below``.
    - ``hip_strength_pct`` / ``quad_strength_pct``: hip abductor and quadriceps strength of the
      painful leg as a percentage of the unaffected side; at least
      ``return_to_run.strength_ratio`` ("80%+": the figure itself counts as met). Not used (may be
      None) when ``both_knees``.
    - ``exercises_pain_free``: knee pain during the rehabilitation exercises at the current level
      keeps to the exercise pain limit (``pain_rules.exercise_limit``, and no increase in the
      following ``return_to_run.next_day_window_hours``): the exercise limit, not the running one.
    - ``both_knees``: both knees hurt, so there is no unaffected side; the strength criteria are
      then judged by ``good_control`` (see :func:`strength_criterion`).
    """
    walk = real_number(pain_free_walk_min, "pain_free_walk_min", 0, unit=" minutes")
    step_down = check_pain(step_down_pain, "step_down_pain")
    both = check_bool(both_knees, "both_knees")
    strength = [strength_criterion(name, pct, both_knees=both, good_control=good_control)
                for name, pct in (("hip_strength", hip_strength_pct), ("quad_strength", quad_strength_pct))]
    exercises = check_bool(exercises_pain_free, "exercises_pain_free")

    walk_need = clinical.value("return_to_run.walking_minutes")
    walk_text = clinical.get("return_to_run.walking_minutes").display()
    step_below = clinical.value("return_to_run.step_down_pain_below")
    step_text = clinical.get("return_to_run.step_down_pain_below").display()
    limit = clinical.get("pain_rules.exercise_limit").display()

    criteria = [
        Criterion(
            "walking", f"{walk_text} of pain-free walking", walk >= walk_need,
            f"You can walk {walk:g} minutes without pain: enough." if walk >= walk_need else
            f"You can walk {walk:g} minutes without pain; you need {walk_text}. Build up pain-free walking "
            "first, then check again.",
        ),
        Criterion(
            "step_down", f"step-down test pain below {step_text}", step_down < step_below,
            f"The step-down test hurts {_pain_text(step_down)}: below {step_text}." if step_down < step_below else
            f"The step-down test hurts {_pain_text(step_down)}; it must be below {step_text}. Keep up the hip "
            "and quadriceps exercises and retest.",
        ),
    ]
    criteria += strength
    criteria.append(Criterion(
        "exercises", f"exercise pain below {limit}", exercises,
        "Your rehabilitation exercises keep to the exercise pain limit." if exercises else
        f"Your rehabilitation exercises go beyond the exercise pain limit. Make them easier (less "
        f"weight, less range or fewer repetitions) so that {pain_rule('exercises')}; then check again.",
    ))
    return criteria


def ready(criteria: list[Criterion]) -> bool:
    """True only when every readiness criterion is present and met.

    A list missing a criterion is refused rather than read as "all met": an empty or partial
    check must never clear a runner to run.
    """
    if isinstance(criteria, (str, bytes)) or not hasattr(criteria, "__iter__"):
        raise ValueError("criteria must be the list check_readiness() returns")
    items = list(criteria)
    if not all(isinstance(c, Criterion) for c in items):
        raise ValueError("criteria must be the list check_readiness() returns (Criterion items)")
    missing = [name for name in READINESS_CRITERIA if name not in {c.name for c in items}]
    if missing:
        raise ValueError(f"criteria is missing {', '.join(missing)}; pass the whole list check_readiness() returns")
    return all(c.met for c in items)

def rules_text() -> str:
    """The pain rules in one paragraph (calendar event descriptions), in the words of the
    ``pain_rules`` block of the protocol's data file."""
    flat = clinical.get("return_to_run.flat_only_weeks").display()
    return (
        "The pain rules for each run: " + " ".join(sentence(r.name) for r in run_pain_rules()) + " "
        f"Flat ground only until you have had {flat} of flat running within the pain rules. "
        + red_flag_catalogue.disclaimer_text()
    )
