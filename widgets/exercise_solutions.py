"""Worked solutions for the chapter exercises, computed from the course's own models.

Each function returns MyST text for a ``{generated}`` directive inside a sphinx-exercise
``solution`` block, so a solution's numbers always match the model a student runs in JupyterLab
(and the student edition, which hides solutions, never contains them). Arguments arrive as
strings from the directive.
"""

from __future__ import annotations

import datetime

import numpy as np

from widgets import pf_load, q_angle, return_to_run, training_load


def stair_stress_peak() -> str:
    """Exercise: at which knee angle does joint stress peak for the stair-climbing moment?"""
    act = pf_load.ACTIVITIES["stair_ascent"]
    theta, force_bw, stress = pf_load.force_curve(act.extensor_moment_nm_per_kg, 70)
    inside = ~np.isnan(stress)
    i = int(np.nanargmax(stress))
    j = int(np.nanargmin(stress))
    return (
        f"With the stair-climbing moment ({act.extensor_moment_nm_per_kg:g} N·m/kg) held at every angle, "
        f"stress is highest at **{theta[i]:g}°** ({stress[i]:.1f} MPa), the largest angle with measured contact "
        f"area, and lowest near {theta[j]:g}° ({stress[j]:.1f} MPa). Force rises all the way "
        f"({force_bw[0]:.1f}× to {force_bw[inside][-1]:.1f}× body weight from 0° to 60°) while the contact area "
        f"only a little more than doubles, so the deeper the knee bends under load, the higher the stress. "
        f"Past 60° the model draws no stress: it would have to guess the contact area."
    )


def cadence_change(body_mass_kg: str = "60", change_pct: str = "10") -> str:
    """Exercise: a runner raises step rate; change of peak force per step and load per km."""
    mass, change = float(body_mass_kg), float(change_pct)
    base = pf_load.peak_load("running", mass)
    quick = pf_load.peak_load("running", mass, change)
    effect = pf_load.cadence_effect(change, mass)
    return (
        f"Peak force per step goes from {base.force_n:,.0f} N to {quick.force_n:,.0f} N "
        f"(**{effect['per_step_pct']:+.1f}%**); load per kilometre changes by **{effect['per_km_pct']:+.1f}%**, "
        f"because {change:g}% more steps each carry less. Body mass does not change the percentages: force "
        f"scales with mass, so the ratio is the same for every runner. "
        f"Call: `widgets.pf_load.cadence_effect({change:g}, {mass:g})`."
    )


def q_angle_by_hand() -> str:
    """Exercise: compute a Q-angle from three landmarks, by hand and with the function."""
    asis, patella, tuberosity = (14, 40), (10, 0), (11.5, -7)
    q = q_angle.q_angle_deg(asis, patella, tuberosity)
    thigh = np.degrees(np.arctan(4 / 40))
    shin = np.degrees(np.arctan(1.5 / 7))
    return (
        f"The ASIS–kneecap line leans {thigh:.2f}° from vertical (4 cm sideways over 40 cm), the "
        f"kneecap–tuberosity line {shin:.2f}° the other way (1.5 over 7), so Q = {thigh:.2f}° + {shin:.2f}° = "
        f"**{q:.1f}°**, positive because the tuberosity lies lateral to the extended line. "
        f"`widgets.q_angle.q_angle_deg((14, 40), (10, 0), (11.5, -7))` gives the same."
    )


def walking_versus_article() -> str:
    walk = pf_load.peak_load("walking")
    inputs = pf_load.ACTIVITIES["walking"]
    kuster = pf_load.kuster_level_walking()
    return (
        f"With the adult reference curves' walking inputs ({inputs.extensor_moment_nm_per_kg:g} N·m/kg at "
        f"{inputs.knee_flexion_deg:g}°) the model gives {walk.force_bw:.1f}× body weight, close to the article's "
        f"figure; with the larger moment one other study measured "
        f"({kuster.extensor_moment_nm / kuster.body_mass_kg:g} N·m/kg at {kuster.knee_flexion_deg:g}°) it gives "
        f"{kuster.force_bw:.1f}×. A model is only as good as its inputs: measured walking moments differ between "
        f"studies and people, and the curve fits were made for a typical knee. The course uses representative "
        f"inputs, shows the spread of measured values, and says why they differ, rather than tuning "
        f"coefficients until they agree."
    )


def return_plan(start: str = "2027-03-01") -> str:
    """Exercise: plan a return to running that starts on a given date."""
    start_date = datetime.date.fromisoformat(start)
    sessions = return_to_run.plan_sessions(start_date)
    first = sessions[:3]
    week8 = [s for s in sessions if s.week == 8]
    lines = [f"- {s.describe()}" for s in first]
    return (
        f"Sessions fall every other day from {start_date:%d %B %Y}; the first three:\n\n" + "\n".join(lines) + "\n\n"
        f"There are {len(sessions)} sessions over 8 weeks; week 8 begins on {week8[0].date:%d %B %Y} and the last "
        f"planned session is on {sessions[-1].date:%d %B %Y} — if every stage goes well. Any repeat or step back "
        f"moves everything later. `widgets.return_to_run.plan_sessions(datetime.date({start_date.year}, "
        f"{start_date.month}, {start_date.day}))` gives the whole plan."
    )


def pain_decision(pain: str, worse: str) -> str:
    """Exercise: what does a session with this pain (0–10) and next-day answer mean?"""
    pain_value = float(pain)
    worse_next_day = worse.lower() in ("yes", "true", "1")
    decision = return_to_run.decide(pain_value, worse_next_day)
    return f"**{decision.replace('_', ' ')}**. {return_to_run.explain(decision, pain_value, worse_next_day)}"


def training_load_example() -> str:
    """Exercise: check five weeks of running against the load rules."""
    weekly = [30, 33, 38, 38, 40]
    long_runs = [10, 11, 13, 14, 12]
    findings = training_load.check_weeks(weekly, long_runs)
    rows = "\n".join(f"- `{f.rule}`: {f.message}" for f in findings) or "- no findings"
    return (
        f"For weekly distances {weekly} km with long runs {long_runs} km the checker reports:\n\n{rows}\n\n"
        f"`widgets.training_load.check_weeks({weekly}, {long_runs})` returns these findings; each has a "
        f"machine-readable `rule`."
    )


def downhill_comparison() -> str:
    """Exercise: how much does a descent raise the load, in the model and in the article?"""
    walk, down_walk = pf_load.kuster_level_walking(), pf_load.peak_load("downhill_walking")
    run, down_run = pf_load.peak_load("running"), pf_load.peak_load("downhill_running")
    return (
        f"Walking down a steep (19%) slope: {down_walk.force_bw:.1f}× body weight against {walk.force_bw:.1f}× on "
        f"the level in the same study's walkers, **{pf_load.downhill_walking_ratio():.1f} times** as much, because "
        f"the knee bends more ({pf_load.ACTIVITIES['downhill_walking'].knee_flexion_deg:g}° against "
        f"{walk.knee_flexion_deg:g}°) and the muscle moment more than doubles. A gentle "
        f"4° downhill run changed knee moments hardly at all in the cited study, so the model gives "
        f"{down_run.force_bw / run.force_bw:.1f} times the flat value. The article's figure — downhill running "
        f"{{clin}}`joint_force.downhill_multiplier` the load — fits steep descents; that is why descents come "
        f"back last."
    )


def cadence_targets(current_spm: str = "164") -> str:
    """Exercise: the article's +5% and +10% targets for a cadence, and the step-length change."""
    from widgets import cadence

    spm = float(current_spm)
    targets = cadence.article_targets(spm)
    shorter = -cadence.step_length_change_pct(10)
    listed = " and ".join(f"{label}: **{value:g}** steps per minute" for label, value in targets.items())
    return (
        f"{listed}. At the same speed each step is {shorter:.2f}% shorter at +10% "
        f"(1 / 1.10 = 0.909). `widgets.cadence.target_cadence({spm:g}, 10)` gives the same."
    )


# --- Reference answers for the autograded assignments -------------------------------------------
# Each returns {answer name: value}, computed with the course's models exactly as a student's code
# would. widgets.assignments writes the assignments' hidden tests from these values at `make
# assignments`: data/assignments/<chapter>.yaml names the function, its arguments (the case the
# question sets) and the key of each answer, so a test can never disagree with the model a student
# runs. The defaults are the chapter exercises' own cases.


def stair_stress_answers(activity: str = "stair_ascent", body_mass_kg: float = 70) -> dict:
    """Knee angle (°) and stress (MPa) of the stress peak with an activity's moment held at every angle."""
    act = pf_load.ACTIVITIES[activity]
    theta, _, stress = pf_load.force_curve(act.extensor_moment_nm_per_kg, body_mass_kg)
    i = int(np.nanargmax(stress))
    return {"peak_angle": float(theta[i]), "peak_stress": float(stress[i])}


def q_angle_answers(asis=(14, 40), patella=(10, 0), tuberosity=(11.5, -7), lateral_shift_cm: float = 1.0) -> dict:
    """The Q-angle of three landmarks, and with the tuberosity moved ``lateral_shift_cm`` laterally."""
    q = q_angle.q_angle_deg(asis, patella, tuberosity)
    moved = q_angle.q_angle_deg(asis, patella, (tuberosity[0] + lateral_shift_cm, tuberosity[1]))
    return {"q_angle": q, "q_angle_moved": moved, "change_deg": moved - q}


def body_mass_answers(light_kg: float = 60, heavy_kg: float = 90) -> dict:
    """Running peak force in newtons for two body masses, and whether it is the same in body weights."""
    light, heavy = pf_load.peak_load("running", light_kg), pf_load.peak_load("running", heavy_kg)
    return {
        "force_n_light": light.force_n,
        "force_n_heavy": heavy.force_n,
        "same_in_body_weights": bool(abs(light.force_bw - heavy.force_bw) < 1e-9),
    }


def cadence_change_answers(body_mass_kg: float = 60, change_pct: float = 10) -> dict:
    effect = pf_load.cadence_effect(change_pct, body_mass_kg)
    return {"per_step_pct": effect["per_step_pct"], "per_km_pct": effect["per_km_pct"]}


def cadence_sensitivity_answers(changes=(5, 10), body_mass_kg: float = 70) -> dict:
    """Change of load per km (%) for each step-rate change, as ``per_km_pct_<change>``."""
    return {f"per_km_pct_{change:g}": pf_load.cadence_effect(change, body_mass_kg)["per_km_pct"] for change in changes}


def cadence_target_answers(current_spm: float = 164) -> dict:
    from widgets import cadence

    return {
        "target_5": cadence.target_cadence(current_spm, 5),
        "target_10": cadence.target_cadence(current_spm, 10),
        "step_shorter_pct": -cadence.step_length_change_pct(10),
    }


def return_plan_answers(start: str = "2027-03-01") -> dict:
    sessions = return_to_run.plan_sessions(datetime.date.fromisoformat(start))
    return {"sessions": len(sessions), "last_session": sessions[-1].date}


def session_decision_answers(cases=((2.5, False), (1.5, True), (1.0, False))) -> dict:
    """The protocol's decision for each (pain during the run 0–10, worse the next day) case."""
    return {"decisions": [return_to_run.decide(pain, worse) for pain, worse in cases]}


def readiness_answers(pain_free_walk_min=30, step_down_pain=1, hip_strength_pct=75, quad_strength_pct=85,
                      exercises_pain_free=True) -> dict:
    """Whether a runner may start the return-to-running protocol, and which criteria are not met."""
    criteria = return_to_run.check_readiness(pain_free_walk_min, step_down_pain, hip_strength_pct,
                                             quad_strength_pct, exercises_pain_free)
    return {"ready": return_to_run.ready(criteria), "unmet": [c.name for c in criteria if not c.met]}


def training_log_answers(weekly=(30, 33, 38, 38, 40), long_runs=(10, 11, 13, 14, 12)) -> dict:
    """The load checker's findings as [rule, week] pairs, in the order it reports them."""
    findings = training_load.check_weeks(list(weekly), list(long_runs))
    return {"findings": [[f.rule, f.week] for f in findings]}


def next_weeks_answers(weekly=(30, 33, 36), weeks: int = 4) -> dict:
    return {"next_weeks": training_load.suggest_next_weeks(list(weekly), weeks)}


def weekly_limit_answers(last_week_km: float = 40) -> dict:
    """The largest next week the weekly-increase rule allows, and the longest run the long-run
    rule allows in that week."""
    limits = training_load.thresholds()
    week = last_week_km * (1 + limits["max_increase"])
    return {"max_next_km": week, "longest_run_km": week * limits["long_run_max_share"]}


def shoe_answers(total_km: float = 470, runs_km=(8, 8, 12, 10)) -> dict:
    """A pair's status now, its total after some runs, and its status then."""
    from widgets import shoes

    after = total_km
    for run in runs_km:
        after = shoes.add_distance(after, run)
    return {"status_now": shoes.shoe_status(total_km).status, "total_after": after,
            "status_after": shoes.shoe_status(after).status}


# --- why it hurts, symptoms and diagnosis, treatment --------------------------------------------


def pain_rule_answers(pains=(1.9, 2, 3.9, 4), worse_next_day: bool = False) -> dict:
    """The protocol's decision for each pain during a run (0–10), all with the same next-day answer.

    By hand, with the limits of ``clinical.yaml`` (carry on below 2/10, hold from 2/10 to below
    4/10, stop at 4/10 or more, which in the protocol is a step back): 1.9 → progress; 2 → repeat
    ("below" excludes the limit itself); 3.9 → repeat; 4 → step back (the stop limit includes
    itself). With ``worse_next_day=True`` every case steps back, whatever the pain."""
    return {"decisions": [return_to_run.decide(pain, worse_next_day) for pain in pains]}


def worry_answers(damage=3, avoid=2, stuck=1, worst=2, helpless=1, tense=2, low_mood="not_sure",
                  harm="no") -> dict:
    """The fear-and-worry reflection for one set of answers (each statement rated 0–3, the two
    check-in questions "no", "not_sure" or "yes"): the band, the statements that get a tip, and
    the level of each piece of help, most urgent first.

    By hand for the default case: the ratings add up to 3 + 2 + 1 + 2 + 1 + 2 = 11, the top of
    the "some" band (which asks for no help); damage, avoid, worst and tense are rated 2 or more,
    so they get tips; "not sure" about low mood routes up to its help, at the within-days level.
    With ``stuck=2`` the sum is 12: the "many" band, whose help (talk it through) is at the review
    level, after the within-days help."""
    from widgets import worry_reflection

    ratings = {"damage": damage, "avoid": avoid, "stuck": stuck, "worst": worst, "helpless": helpless,
               "tense": tense}
    r = worry_reflection.reflect(ratings, {"low_mood": low_mood, "harm": harm})
    return {"band": r.band, "tips": [t.key for t in r.tips], "help_levels": [h.level for h in r.help]}


def walkthrough_answers(tree: str = "is_this_runners_knee", answers=(1, 1, 0, 1, 0, 0, 1, 0)) -> dict:
    """Where a walkthrough ends for a list of answer indices, and the ids of the questions asked.

    By hand for the default case in ``data/walkthroughs/is_this_runners_knee.yaml``: no to the
    emergency screen (1), no to the same-day signs (1), gradual onset (0), 18 or older (1), pain
    all around the kneecap (0), brought on by stairs, squats, sitting or running (0), none of the
    within-days signs (1), under 40 (0): the outcome "likely_pfps" after 8 questions, the first
    two of them the screen."""
    from widgets import walkthrough

    session = walkthrough.Session(walkthrough.load(tree))
    for index in answers:
        node = session.answer(index)
    return {"outcome": node.outcome, "asked": [question for question, _ in session.history]}


def red_flag_answers(signs=("swelling", "night_pain", "calf_swollen_tender")) -> dict:
    """The red-flag check for the signs answered "yes": their keys and levels, most urgent first,
    and whether the runner should not run today.

    By hand from ``data/red_flags.yaml``: a swollen tender calf is a same-day sign, swelling and
    night pain within-days signs (in that catalogue order); same-day and within-days both stop
    running."""
    from widgets import red_flags

    flags = red_flags.check(**{sign: True for sign in signs})
    return {"keys": [f.key for f in flags], "levels": [f.level for f in flags],
            "stop_running": red_flags.stops_running(flags)}


def treatment_table_answers() -> dict:
    """The treatments the course rates "recommended", and those on which the 2019 JOSPT guideline
    and the 2018 consensus take different positions, in the table's data order.

    By hand from ``data/treatments.yaml``: exercise, education and combined are recommended; the
    two sources differ on taping (recommended by the guideline, uncertain in the consensus),
    braces and dry needling (not recommended against uncertain)."""
    from widgets import treatments

    rows = treatments.load()
    return {"recommended": [t.id for t in rows if t.verdict == "recommended"],
            "views_differ": [t.id for t in rows if t.views_differ]}


def outcome_change_answers(akps_before=62, akps_after=70, pain_before=6, pain_after=3.5) -> dict:
    """The improvement on the AKPS (higher is better) and on worst pain (lower is better) from
    the first to the second score, and each against its minimal important difference.

    By hand: AKPS 70 − 62 = +8, less than the MID of 10 → "no_change"; pain 6 → 3.5 is an
    improvement of 2.5, at least the MID of 2 → "improved"."""
    from widgets import outcomes

    akps_gain = outcomes.improvement("akps", akps_before, akps_after)
    pain_gain = outcomes.improvement("pain", pain_before, pain_after)
    return {"akps_gain": akps_gain, "akps_verdict": outcomes.classify("akps", akps_gain),
            "pain_gain": pain_gain, "pain_verdict": outcomes.classify("pain", pain_gain)}


def outcome_progress_answers(start: str = "2027-01-04", akps_before=62, akps_after=70, weeks=(4, 6)) -> dict:
    """The outcome tracker's status for the same two AKPS scores, the second taken ``weeks``
    after the first, as ``status_<weeks>``, and whether each counts as "no improvement"
    (``no_improvement_<weeks>``).

    By hand: +8 is not a meaningful change (MID 10) but is some improvement, so after 4 weeks it
    is "early_days"; from 6 weeks (the shorter end of the programme) it is
    "no_meaningful_change", which counts as no improvement."""
    from widgets import outcomes

    first = datetime.date.fromisoformat(start)
    out = {}
    for w in weeks:
        later = first + datetime.timedelta(weeks=w)
        results = [outcomes.Result(first, akps=akps_before), outcomes.Result(later, akps=akps_after)]
        out[f"status_{w:g}"] = outcomes.progress(results).status
        out[f"no_improvement_{w:g}"] = outcomes.no_improvement(results)
    return out
