"""Training-load rules from the article's long-term prevention section, as a checker.

Rules (numbers from ``data/clinical.yaml``, never typed here):

- ``ten_percent``: weekly volume rises by more than ``training_load.weekly_increase_max``
  over the previous week;
- ``long_run``: a week's long run is more than ``training_load.long_run_max_share`` of that
  week's volume;
- ``deload``: no deload week — one at least the lower bound of ``training_load.deload_reduction``
  below the highest of the weeks before it since the last deload — for the upper bound of
  ``training_load.deload_every_weeks`` weeks or more.

Pure model: distances in km (any unit works if used consistently).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from widgets import clinical

RULES = ("ten_percent", "long_run", "deload")


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


@dataclass(frozen=True)
class Finding:
    rule: str
    week: int  # 1-based week number in the list given
    message: str


def _check_distances(values, name: str) -> list[float]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} must be a list of distances in km, e.g. [20, 22, 24]")
    checked = []
    for i, v in enumerate(values, start=1):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise ValueError(f"{name}: week {i} is {v!r}; distances must be numbers of 0 km or more")
        checked.append(float(v))
    return checked


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
    t = thresholds()
    findings: list[Finding] = []
    for i in range(1, len(weekly)):
        prev, cur = weekly[i - 1], weekly[i]
        # Compared exactly as written: more than 10% (a 10.0% rise is within the rule).
        if prev > 0 and cur > prev * (1 + t["max_increase"]) + 1e-9:
            findings.append(Finding("ten_percent", i + 1, (
                f"Week {i + 1}: {cur:g} km is {100 * (cur / prev - 1):.0f}% more than week {i}'s {prev:g} km "
                f"(the rule: at most {t['max_increase'] * 100:g}% more per week).")))
    if long_runs:
        for i, (week, long_run) in enumerate(zip(weekly, long_runs, strict=True)):
            if long_run > week + 1e-9:
                raise ValueError(f"long_run_km: week {i + 1}'s long run ({long_run:g} km) is longer than the week")
            if week > 0 and long_run > t["long_run_max_share"] * week + 1e-9:
                findings.append(Finding("long_run", i + 1, (
                    f"Week {i + 1}: the long run ({long_run:g} km) is {100 * long_run / week:.0f}% of the week "
                    f"(the rule: at most {t['long_run_max_share'] * 100:g}%).")))
    last_deload = 0
    for i in range(1, len(weekly)):
        if is_deload(weekly, i, last_deload, t["deload_min_reduction"]):
            last_deload = i
    weeks_without = len(weekly) - last_deload - (1 if last_deload else 0)
    if weeks_without >= t["deload_every_max_weeks"]:
        findings.append(Finding("deload", len(weekly), (
            f"No easier week in the last {weeks_without} weeks: plan one with "
            f"{clinical.get('training_load.deload_reduction').display()} less volume every "
            f"{clinical.get('training_load.deload_every_weeks').display()}.")))
    return findings


def _round_down(km: float) -> float:
    # To 0.1 km, downwards: rounding up could put a suggestion just over the 10% limit.
    return math.floor(km * 10 + 1e-9) / 10


def suggest_next_weeks(weekly_km, weeks: int = 4) -> list[float]:
    """Next weeks' volumes: at most the allowed increase per week, with a deload when one is due."""
    weekly = _check_distances(weekly_km, "weekly_km")
    if not weekly or weekly[-1] <= 0:
        raise ValueError("weekly_km must end with a week of more than 0 km to plan from")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 12:
        raise ValueError("weeks must be a whole number from 1 to 12")
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
