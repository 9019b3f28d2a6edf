"""Training-load rules from the article's long-term prevention section, as a checker.

Rules (numbers from ``data/clinical.yaml``, never typed here):

- ``ten_percent``: weekly volume rises by more than ``training_load.weekly_increase_max``
  over the previous week;
- ``long_run``: a week's long run is more than ``training_load.long_run_max_share`` of that
  week's volume;
- ``deload``: no deload week — one at least the lower bound of ``training_load.deload_reduction``
  below the highest of the weeks before it since the last deload — for the upper bound of
  ``training_load.deload_every_weeks`` weeks or more.

Pure model: distances in km from 0 to ``MAX_WEEK_KM``, kept to 0.01 km (halves up). The words
of the findings are :data:`MESSAGES`, filled in the same way by the page's script
(``assets/rk/training-load.js``), whose rules are tested against these under Node.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from widgets import clinical
from widgets.checks import items, real_number, whole_number
from widgets.wording import number_text, round_half_up

RULES = ("ten_percent", "long_run", "deload")


MAX_WEEK_KM = 1000.0  # a data-entry guard, not a clinical number: no one runs that far in a week

# The words of every finding, shared with the static page's script (widgets/static/
# training_load.py embeds them), which fills the same {placeholders} with numbers written by the
# same rule (number_text, percent_text): the site and JupyterLab cannot say different things.
MESSAGES = {
    "ten_percent": "Week {week}: {km} km is {pct}% more than week {prev_week}'s {prev_km} km "
                   "(the rule: at most {max_increase} more per week).",
    "long_run": "Week {week}: the long run ({long_km} km) is {pct}% of the week "
                "(the rule: at most {long_run_max_share}).",
    "deload": "No easier week in the last {weeks} weeks: plan one with {deload_reduction} less volume "
              "every {deload_every}.",
    "long_run_too_long": "week {week}'s long run ({long_km} km) is longer than the week ({km} km)",
    "suggestion": "Suggested next {n} weeks: {weeks} (at most {max_increase} more per week, with an easier "
                  "week when one is due).",
}


def thresholds() -> dict[str, float]:
    """The rule numbers, as fractions and weeks: also embedded in the static page's script."""
    deload_low, _ = clinical.bounds("training_load.deload_reduction")
    _, deload_every_max = clinical.bounds("training_load.deload_every_weeks")
    return {
        "max_increase": clinical.value("training_load.weekly_increase_max") / 100,
        "long_run_max_share": clinical.value("training_load.long_run_max_share") / 100,
        "deload_min_reduction": deload_low / 100,
        "deload_every_max_weeks": deload_every_max,
    }


def words() -> dict[str, str]:
    """The rule numbers as the messages write them ("10%", "4–6 weeks"), from clinical.yaml."""
    return {
        "max_increase": clinical.get("training_load.weekly_increase_max").display(),
        "long_run_max_share": clinical.get("training_load.long_run_max_share").display(),
        "deload_reduction": clinical.get("training_load.deload_reduction").display(),
        "deload_every": clinical.get("training_load.deload_every_weeks").display(),
    }


@dataclass(frozen=True)
class Finding:
    rule: str
    week: int  # 1-based week number in the list given
    message: str


def round_km(km: float) -> float:
    """Distances are kept to 0.01 km, halves up: the page's script does the same operations
    (IEEE doubles in both languages), so both check exactly the same numbers."""
    return round_half_up(km, 2)


def percent_text(value: float) -> str:
    """A percentage to one decimal, halves up ("12.5", "10", "18.2"): 40 → 45 km is "12.5%"."""
    return number_text(round_half_up(value, 1))


def _check_distances(values, name: str) -> list[float]:
    allowed = f"a distance from 0 to {MAX_WEEK_KM:,.0f} km"
    return [
        round_km(real_number(v, f"{name}: week {i}", 0, MAX_WEEK_KM, allowed=allowed))
        for i, v in enumerate(items(values, name, "a list of distances in km, e.g. [20, 22, 24]"), start=1)
    ]


def is_deload(weekly: list[float], index: int, since: int, min_reduction: float) -> bool:
    """Week ``index`` is at least ``min_reduction`` below the peak of the weeks since ``since``."""
    before = weekly[since:index]
    return bool(before) and weekly[index] <= (1 - min_reduction) * max(before)


def check_weeks(weekly_km, long_run_km=None) -> list[Finding]:
    """Findings for weekly distances (oldest first) and, optionally, each week's long run."""
    weekly = _check_distances(weekly_km, "weekly_km")
    if not weekly:
        raise ValueError("weekly_km needs at least one week")
    long_runs = None
    if long_run_km is not None:
        long_runs = _check_distances(long_run_km, "long_run_km")
        if len(long_runs) != len(weekly):
            raise ValueError(f"long_run_km needs one value per week ({len(weekly)}), got {len(long_runs)}")
    t, w = thresholds(), words()
    findings: list[Finding] = []
    for i in range(1, len(weekly)):
        prev, cur = weekly[i - 1], weekly[i]
        # Compared exactly as written: more than 10% (a 10.0% rise is within the rule).
        if prev > 0 and cur > prev * (1 + t["max_increase"]) + 1e-9:
            findings.append(Finding("ten_percent", i + 1, MESSAGES["ten_percent"].format(
                week=i + 1, km=number_text(cur), pct=percent_text(100 * (cur / prev - 1)), prev_week=i,
                prev_km=number_text(prev), **w)))
    if long_runs:
        for i, (week, long_run) in enumerate(zip(weekly, long_runs, strict=True)):
            if long_run > week:
                raise ValueError("long_run_km: " + MESSAGES["long_run_too_long"].format(
                    week=i + 1, long_km=number_text(long_run), km=number_text(week)))
            if week > 0 and long_run > t["long_run_max_share"] * week + 1e-9:
                findings.append(Finding("long_run", i + 1, MESSAGES["long_run"].format(
                    week=i + 1, long_km=number_text(long_run), pct=percent_text(100 * long_run / week), **w)))
    last_deload = 0
    for i in range(1, len(weekly)):
        if is_deload(weekly, i, last_deload, t["deload_min_reduction"]):
            last_deload = i
    weeks_without = len(weekly) - last_deload - (1 if last_deload else 0)
    if weeks_without >= t["deload_every_max_weeks"]:
        findings.append(Finding("deload", len(weekly), MESSAGES["deload"].format(weeks=weeks_without, **w)))
    return findings


def _round_down(km: float) -> float:
    # To 0.1 km, downwards: rounding up could put a suggestion just over the 10% limit.
    return math.floor(km * 10 + 1e-9) / 10


def suggest_next_weeks(weekly_km, weeks: int = 4) -> list[float]:
    """Next weeks' volumes: at most the allowed increase per week, with a deload when one is due."""
    weekly = _check_distances(weekly_km, "weekly_km")
    if not weekly or weekly[-1] <= 0:
        raise ValueError("weekly_km must end with a week of more than 0 km to plan from")
    weeks = whole_number(weeks, "weeks", 1, 12)
    t = thresholds()
    low_every, _ = clinical.bounds("training_load.deload_every_weeks")
    plan = list(weekly)
    last_deload = 0
    for i in range(1, len(plan)):
        if is_deload(plan, i, last_deload, t["deload_min_reduction"]):
            last_deload = i
    suggestions = []
    for _ in range(weeks):
        since = len(plan) - last_deload - (1 if last_deload else 0)
        if since >= low_every:
            nxt = _round_down(max(plan[last_deload:]) * (1 - t["deload_min_reduction"]))
            last_deload = len(plan)
        else:
            nxt = _round_down(plan[-1] * (1 + t["max_increase"]))
        plan.append(nxt)
        suggestions.append(nxt)
    return suggestions


def suggestion_text(suggestions: list[float]) -> str:
    """The suggested weeks in one sentence, as the page and JupyterLab show them."""
    weeks = ", ".join(f"{number_text(km)} km" for km in suggestions)
    return MESSAGES["suggestion"].format(n=len(suggestions), weeks=weeks, **words())
