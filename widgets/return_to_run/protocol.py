"""The article's 8-week return-to-running protocol as data (``data/return_to_run_protocol.yaml``), the
constants of the planner and the checks of its inputs. Pure model.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets import clinical
from widgets.checks import real_number, whole_number
from widgets.checks import short_repr as _show
from widgets.clinical import DATA_DIR, DataFileError, load_yaml

PROTOCOL_FILE = DATA_DIR / "return_to_run_protocol.yaml"


@dataclass(frozen=True)
class Stage:
    """One week of the protocol. Minutes are minutes; ``reps`` repeats run+walk."""

    week: int
    run_min: float
    run_min_max: float  # equals run_min except week 8 (25–30 minutes)
    walk_min: float
    reps: int

    @property
    def continuous(self) -> bool:
        return self.walk_min == 0

    @property
    def total_run_min(self) -> float:
        return self.run_min * self.reps

    @property
    def total_min(self) -> float:
        """Session length in minutes (run + walk over all repetitions)."""
        return (self.run_min + self.walk_min) * self.reps

    def describe(self) -> str:
        run = f"{self.run_min:g}" if self.run_min == self.run_min_max else f"{self.run_min:g}–{self.run_min_max:g}"
        if self.continuous:
            return f"{run} minutes continuous run"
        unit = "minute" if self.run_min == 1 else "minutes"
        return f"{run} {unit} run / {self.walk_min:g} minutes walk × {self.reps}"


def load_protocol(path: Path = PROTOCOL_FILE) -> tuple[Stage, ...]:
    data = load_yaml(path)
    try:
        rows = data["stages"]
        stages = []
        for row in rows:
            run = row["run_min"]
            low, high = (run if isinstance(run, list) else (run, run))
            stages.append(Stage(int(row["week"]), float(low), float(high), float(row["walk_min"]), int(row["reps"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: stage rows need week, run_min, walk_min, reps ({exc})") from None
    if [s.week for s in stages] != list(range(1, len(stages) + 1)):
        raise DataFileError(f"{path}: weeks must run 1, 2, 3, … in order")
    return tuple(stages)


PROTOCOL: tuple[Stage, ...] = load_protocol()


@cache
def protocol_evidence(path: Path = PROTOCOL_FILE) -> clinical.Evidence:
    """The protocol's ``evidence`` block (verdict, sources, note), validated like clinical.yaml's."""
    data = load_yaml(path)
    raw = data.get("evidence") if isinstance(data, dict) else None
    return clinical.parse_evidence(raw, path, "evidence")


def evidence_items() -> list[clinical.EvidenceItem]:
    """The protocol as the evidence register lists it."""
    shown = "; ".join(f"week {s.week}: {s.describe()}" for s in PROTOCOL)
    return [clinical.EvidenceItem("The 8-week return-to-running protocol", "evidence-protocol--stages",
                                  shown + " (every other day, flat ground)", protocol_evidence())]


def protocol_table_markdown() -> str:
    """The protocol as a MyST table, for the text (``{generated}`` directive)."""
    lines = [
        "| Week | Session (every other day, flat ground) | Running per session | Session length |",
        "|---:|---|---:|---:|",
    ]
    for s in PROTOCOL:
        run_total = f"{s.total_run_min:g} min" if s.run_min == s.run_min_max else f"{s.run_min:g}–{s.run_min_max:g} min"
        total = f"{s.total_min:g} min" if s.run_min == s.run_min_max else f"{s.run_min:g}–{s.run_min_max:g} min"
        lines.append(f"| {s.week} | {s.describe()} | {run_total} | {total} |")
    return "\n".join(lines)



def milestones() -> list[tuple[str, Stage]]:
    """Progress markers that are stages of the protocol, so a runner never waits for a run the
    plan does not contain: the first run block of 5 minutes or more, the first continuous run,
    the first continuous 20 minutes, and the last stage."""
    first_block = next(s for s in PROTOCOL if not s.continuous and s.run_min >= 5)
    first_continuous = next(s for s in PROTOCOL if s.continuous)
    twenty = next(s for s in PROTOCOL if s.continuous and s.run_min >= 20)
    return [
        (f"the first {first_block.run_min:g}-minute running blocks", first_block),
        (f"the first continuous run, {first_continuous.run_min:g} minutes", first_continuous),
        (f"the first continuous {twenty.run_min:g} minutes", twenty),
        (f"the last stage, {PROTOCOL[-1].describe()}", PROTOCOL[-1]),
    ]


def _in_protocol(run_min: float) -> bool:
    return any(s.run_min <= run_min <= s.run_min_max for s in PROTOCOL)


def milestones_markdown() -> str:
    """The milestones as a sentence for the text, each with its week, then the article's own and
    which of them the protocol does not contain."""
    items = [f"{name} (week {stage.week})" for name, stage in milestones()]
    article = ("psychology.milestone_first_run", "psychology.milestone_second_run")
    missing = [key for key in article if not _in_protocol(clinical.value(key))]
    text = (
        "Milestones that are stages of the course's return-to-running protocol: " + ", ".join(items[:-1])
        + f" and {items[-1]}. The source article suggests the first pain-free {{clin}}`{article[0]}` run, the "
        f"first pain-free {{clin}}`{article[1]}` run and the first continuous "
        f"{{clin}}`psychology.milestone_continuous_run`"
    )
    if missing:
        runs = " and ".join(f"{{clin}}`{key}`" for key in missing)
        text += f"; the protocol has no {runs} run, so use its stages instead"
    return text + "."


# ---------------------------------------------------------------------------------------------
# The rules around the protocol: readiness, progression, planning, exports, red flags.
#
# Every threshold comes from ``data/clinical.yaml`` (section ``return_to_run``) through
# ``widgets.clinical``; none is typed here. The pain scale itself (0 = none, 10 = worst) is the
# scale the article's "x/10" figures are on, not a clinical number.
# ---------------------------------------------------------------------------------------------

PAIN_SCALE_MAX = 10
DECISIONS = ("progress", "repeat", "step_back")
DAYS_PER_STAGE = 7  # each stage is one protocol week
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not strftime: that follows the locale
SURFACE = "flat"
CALENDAR_PRODID = "-//Runner's Knee course//Return to running planner//EN"
UID_DOMAIN = "return-to-running.runners-knee-course"


def _session_interval(path: Path = PROTOCOL_FILE) -> int:
    """Days from one session to the next: the protocol file says "every other day"."""
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("every_other_day") is not True:
        raise DataFileError(f"{path}: expected 'every_other_day: true' (the article's session spacing)")
    return 2


SESSION_INTERVAL_DAYS = _session_interval()


def check_pain(value: object, name: str = "pain_during") -> float:
    """A 0–10 pain score as a float; ValueError for anything else (NaN, 10.1, "3", True, None)."""
    return real_number(value, name, 0, PAIN_SCALE_MAX)


def check_bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {_show(value)}")
    return value


# A whole programme must fit before the calendar's end (date.max): later dates would overflow.
LATEST_DATE = datetime.date.max - datetime.timedelta(days=366)


def check_date(value: object, name: str) -> datetime.date:
    # datetime is a subclass of date; refused because its time of day would leak into the
    # session dates and comparing it with a plain date raises TypeError.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValueError(f"{name} must be a date (datetime.date, e.g. date(2027, 1, 28)), got {_show(value)}")
    if value > LATEST_DATE:
        raise ValueError(f"{name} must be on or before {LATEST_DATE.isoformat()}, got {value.isoformat()}")
    return value


def check_week(value: object, name: str = "week") -> int:
    last = len(PROTOCOL)
    return whole_number(value, name, 1, last, allowed=f"a whole number from 1 to {last} (a protocol week)")


def _pain_text(pain: float) -> str:
    return f"{pain:g}/10"


def _thresholds() -> tuple[float, float]:
    """(carry on below, stop at or above) on the 0–10 scale: pain during a run below the first
    carries on, from the first to below the second holds, and the second or more stops the run."""
    return (clinical.value("return_to_run.progress_pain_below"), clinical.value("pain_rules.do_not_run_through"))


