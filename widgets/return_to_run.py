"""The article's 8-week return-to-running protocol, as data the planner and the text share,
and the rules around it: readiness, progression after each session, a planner that follows a
pain log, calendar/CSV exports, and the warning signs that stop the programme.

Pure model: no plotting, no widgets. The stages come from ``data/return_to_run_protocol.yaml``,
the thresholds from ``data/clinical.yaml`` (section ``return_to_run``), the warning signs and
red flags from ``data/red_flags.yaml``.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from widgets import clinical
from widgets import red_flags as red_flag_catalogue
from widgets.calendar_export import all_day_calendar
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
    """(progress below, step back above) on the 0–10 scale."""
    return (clinical.value("return_to_run.progress_pain_below"), clinical.value("return_to_run.step_back_pain_above"))


# --- progression --------------------------------------------------------------------------------


def decide(pain_during: float, worse_next_day: bool) -> str:
    """What to do after a session: "progress", "repeat" or "step_back".

    The article: move on only when the stage gives pain below ``return_to_run.progress_pain_below``
    during the run and no increased pain in the following ``return_to_run.next_day_window_hours``;
    pain above ``return_to_run.step_back_pain_above`` or increased next-day pain means going back
    a stage for another week. The article gives only those two limits; the course treats pain
    from the first to the second, both included, with no next-day increase, as "repeat" (the
    same stage for another week), as the "can I run today?" walkthrough does.
    """
    pain = check_pain(pain_during, "pain_during")
    worse = check_bool(worse_next_day, "worse_next_day")
    progress_below, step_back_above = _thresholds()
    if worse or pain > step_back_above:
        return "step_back"
    if pain < progress_below:
        return "progress"
    return "repeat"


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
    above = clinical.get("return_to_run.step_back_pain_above").display()
    hours = clinical.get("return_to_run.next_day_window_hours").display()
    if decision == "progress":
        if week == len(PROTOCOL):
            then = "you have completed the programme"
        else:
            then = f"move on to week {week + 1}" if week is not None else "move on to the next stage"
        return (
            f"Pain {_pain_text(pain)} during the run is below {below} and the knee was no worse in the {hours} "
            f"after: this session went well. Once a whole week at this stage has gone like this, {then}."
        )
    if decision == "repeat":
        return (
            f"Pain {_pain_text(pain)} during the run is from {below} to {above} (inclusive), with no increase in the "
            f"{hours} after: not low enough to move on, not high enough to step back. Repeat this stage: stay at it "
            f"for another week, and move on when a week's runs stay below {below}."
        )
    reasons = []
    if pain > clinical.value("return_to_run.step_back_pain_above"):
        reasons.append(f"pain {_pain_text(pain)} during the run is above {above}")
    if worse_next_day:
        reasons.append(f"the knee was worse in the {hours} after the run")
    why = " and ".join(reasons)
    if week == 1:
        back = "Week 1 is the first stage, so do week 1 again for another week"
    elif week is not None:
        back = f"Go back to week {week - 1} for another week before trying week {week} again"
    else:
        back = "Go back to the previous stage for another week before trying this one again"
    advice = f"Step back: {why}. {back}."
    if pain >= clinical.value("pain_rules.do_not_run_through"):
        advice += (
            f" Do not run through pain of {clinical.get('pain_rules.do_not_run_through').display()}: "
            "it delays recovery."
        )
    return advice + " If you keep having to step back, see a physiotherapist."


def rule_cases() -> list[tuple[float, bool, str]]:
    """(pain_during, worse_next_day, expected decision) around every boundary of the rules.

    Written from the article's limits, not by calling :func:`decide`, so a port of the rules
    (e.g. a browser planner in JavaScript) can be tested against the same table.
    """
    below, above = _thresholds()
    step = 0.1  # probes just either side of each limit
    by_pain = [
        (0.0, "progress"),
        (round(below - step, 1), "progress"),
        (round(below - step / 10, 2), "progress"),
        (below, "repeat"),  # "below" excludes the limit itself
        ((below + above) / 2, "repeat"),
        (above, "repeat"),  # "above" excludes the limit itself
        (round(above + step / 10, 2), "step_back"),
        (round(above + step, 1), "step_back"),
        (clinical.value("pain_rules.do_not_run_through"), "step_back"),
        (float(PAIN_SCALE_MAX), "step_back"),
    ]
    cases = [(pain, False, expected) for pain, expected in by_pain]
    # Increased next-day pain steps back whatever the pain during the run.
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
     "label": "Are your rehabilitation exercises pain-free at your current level?", "unit": ""},
)


def check_readiness(
    pain_free_walk_min: float,
    step_down_pain: float,
    hip_strength_pct: float,
    quad_strength_pct: float,
    exercises_pain_free: bool,
) -> list[Criterion]:
    """The four readiness criteria (strength counts as two), each met or not, with advice.

    - ``pain_free_walk_min``: minutes of walking without pain; needs at least
      ``return_to_run.walking_minutes``.
    - ``step_down_pain``: pain (0–10) in the step-down test; must be below
      ``return_to_run.step_down_pain_below``.
    - ``hip_strength_pct`` / ``quad_strength_pct``: hip abductor and quadriceps strength of the
      painful leg as a percentage of the unaffected side; at least
      ``return_to_run.strength_ratio`` ("80%+": the figure itself counts as met).
    - ``exercises_pain_free``: the rehabilitation exercises are pain-free at the current level.
    """
    walk = real_number(pain_free_walk_min, "pain_free_walk_min", 0, unit=" minutes")
    step_down = check_pain(step_down_pain, "step_down_pain")
    hip = real_number(hip_strength_pct, "hip_strength_pct", 0, unit="%")
    quad = real_number(quad_strength_pct, "quad_strength_pct", 0, unit="%")
    exercises = check_bool(exercises_pain_free, "exercises_pain_free")

    walk_need = clinical.value("return_to_run.walking_minutes")
    walk_text = clinical.get("return_to_run.walking_minutes").display()
    step_below = clinical.value("return_to_run.step_down_pain_below")
    step_text = clinical.get("return_to_run.step_down_pain_below").display()
    strength_need = clinical.value("return_to_run.strength_ratio")
    strength_text = clinical.get("return_to_run.strength_ratio").display()

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
    for name, muscle, pct in (("hip_strength", "Hip abductor", hip), ("quad_strength", "Quadriceps", quad)):
        met = pct >= strength_need
        criteria.append(Criterion(
            name, f"{muscle.lower()} strength {strength_text} of the unaffected side", met,
            f"{muscle} strength is {pct:g}% of the unaffected side: enough." if met else
            f"{muscle} strength is {pct:g}% of the unaffected side; it needs to be {strength_text}. Keep "
            "strengthening and retest.",
        ))
    criteria.append(Criterion(
        "exercises", "rehabilitation exercises pain-free", exercises,
        "Your rehabilitation exercises are pain-free." if exercises else
        "Your rehabilitation exercises still hurt. Continue them at a level you can do without pain "
        "until they are pain-free, then check again.",
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


# --- planning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """One planned session: a date and the stage (protocol week) to run on it. Minutes."""

    date: datetime.date
    week: int
    run_min: float
    run_min_max: float  # equals run_min except week 8 (25–30 minutes)
    walk_min: float
    reps: int
    total_min: float
    total_min_max: float
    surface: str = SURFACE

    @classmethod
    def on(cls, day: datetime.date, week: int) -> Session:
        s = PROTOCOL[week - 1]
        return cls(day, week, s.run_min, s.run_min_max, s.walk_min, s.reps, s.total_min,
                   (s.run_min_max + s.walk_min) * s.reps)

    @property
    def stage(self) -> Stage:
        return PROTOCOL[self.week - 1]

    def short(self) -> str:
        """The session in short, for calendar titles: "3 min run / 2 min walk × 6"."""
        s = self.stage
        run = f"{s.run_min:g}" if s.run_min == s.run_min_max else f"{s.run_min:g}–{s.run_min_max:g}"
        if s.continuous:
            return f"{run} min continuous run"
        return f"{run} min run / {s.walk_min:g} min walk × {s.reps}"

    def summary(self) -> str:
        return f"Return to running — week {self.week}: {self.short()}"

    def calendar_description(self) -> str:
        """The text of the session's calendar event (plan_ics), the progression rules included."""
        return f"{self.stage.describe()}, on {self.surface} ground.\n\n{rules_text()}"

    def describe(self) -> str:
        total = f"{self.total_min:g}" if self.total_min == self.total_min_max else (
            f"{self.total_min:g}–{self.total_min_max:g}")
        return (
            f"{WEEKDAYS[self.date.weekday()]} {self.date.isoformat()}, week {self.week}: "
            f"{self.stage.describe()} ({total} min, {self.surface} ground)"
        )


def _sessions_from(first: datetime.date, week: int, block_start: datetime.date) -> list[Session]:
    """Sessions every other day from ``first``: a session's stage is ``week`` plus the whole
    weeks between ``block_start`` and its date, up to the last stage."""
    sessions = []
    day = first
    while True:
        stage = week + (day - block_start).days // DAYS_PER_STAGE
        if stage > len(PROTOCOL):
            return sessions
        sessions.append(Session.on(day, stage))
        day += datetime.timedelta(days=SESSION_INTERVAL_DAYS)


def plan_sessions(start_date: datetime.date, start_week: int = 1) -> list[Session]:
    """The sessions from ``start_week`` through the last week, assuming each stage goes well.

    Sessions fall every other day from ``start_date`` (days 0, 2, 4, …). A session's stage is
    the protocol week its date falls in, counted from ``start_date``: days 0–6 are
    ``start_week``, days 7–13 the next, and so on, so weeks alternate four and three sessions.
    All on flat ground: hills come back only after ``return_to_run.flat_only_weeks`` of
    pain-free flat running, which a plan made in advance cannot know.
    """
    start = check_date(start_date, "start_date")
    week = check_week(start_week, "start_week")
    return _sessions_from(start, week, start)


# --- replanning from a pain log -------------------------------------------------------------------


@dataclass(frozen=True)
class _Logged:
    date: datetime.date
    week: int
    pain_during: float
    worse_next_day: bool
    decision: str


def _logged(log: object) -> list[_Logged]:
    """Log entries (LogEntry-like objects or (date, week, pain, worse[, notes]) tuples), checked
    and sorted by date."""
    if isinstance(log, (str, bytes, dict)) or not hasattr(log, "__iter__"):
        raise ValueError("log must be a list of logged sessions (date, week, pain_during, worse_next_day)")
    out = []
    for i, item in enumerate(log, start=1):
        if isinstance(item, (tuple, list)) and len(item) in (4, 5):
            day, week, pain, worse = item[:4]
        elif all(hasattr(item, a) for a in ("date", "week", "pain_during", "worse_next_day")):
            day, week, pain, worse = item.date, item.week, item.pain_during, item.worse_next_day
        else:
            raise ValueError(
                f"log entry {i} must be a LogEntry or (date, week, pain_during, worse_next_day), got {_show(item)}")
        where = f"log entry {i}"
        check_date(day, f"{where}: date")
        check_week(week, f"{where}: week")
        pain = check_pain(pain, f"{where}: pain_during")
        check_bool(worse, f"{where}: worse_next_day")
        out.append(_Logged(day, week, pain, worse, decide(pain, worse)))
    out.sort(key=lambda e: e.date)
    for a, b in itertools.pairwise(out):
        if a.date == b.date:
            raise ValueError(f"two sessions logged on {a.date.isoformat()}; the protocol has at most one a day")
    return out


@dataclass
class _State:
    week: int  # the stage being run; len(PROTOCOL) + 1 once the last stage is complete
    block_start: datetime.date  # first day of the current week-long block at this stage
    sessions: int = 0  # sessions logged in the current block (all "progress" so far)
    deviations: list = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.week > len(PROTOCOL)

    def close_blocks(self, day: datetime.date) -> None:
        """Move the state on to ``day``: every week-long block that ended before it advances the
        stage if it had sessions (all of them "progress", since anything else restarts the
        block); an empty block (a break in running) leaves the stage where it was and the next
        block starts on ``day``."""
        while day >= self.block_start + datetime.timedelta(days=DAYS_PER_STAGE):
            if self.sessions and not self.finished:
                self.week += 1
                self.block_start += datetime.timedelta(days=DAYS_PER_STAGE)
                self.sessions = 0
            else:
                self.block_start = day


def _replay(start_date: datetime.date, entries: list[_Logged], start_week: int) -> _State:
    """The rules applied to a log, session by session in date order.

    - A stage is run in week-long blocks; the first block starts on ``start_date``.
    - "progress": the session counts towards the block. A block whose week ends with every
      logged session "progress" (and at least one) moves the runner to the next stage.
    - "repeat": the same stage for another full week from the next session date (the session
      after this one, every other day), so the stage advances only after a whole week of
      "progress" sessions.
    - "step_back": the previous stage (week 1 stays week 1) for another full week from the next
      session date.
    - A week-long block with no session logged (a break): it does not count as a week done;
      the stage stays where it was and a new block starts on the first session after the break
      (the article sets no rule for breaks, so none is invented).
    - A session logged at a different week from the one the rules give (the runner chose to
      run another stage): the log is what happened, so a new block starts at the logged week on
      that date, and the difference is reported by :func:`status`.
    """
    state = _State(start_week, start_date)
    next_gap = datetime.timedelta(days=SESSION_INTERVAL_DAYS)
    for e in entries:
        if e.date < start_date:
            raise ValueError(
                f"a session is logged on {e.date.isoformat()}, before the start date {start_date.isoformat()}")
        state.close_blocks(e.date)
        if e.week != state.week:
            expected = "the programme was complete" if state.finished else f"the rules gave week {state.week}"
            state.deviations.append(f"{e.date.isoformat()}: logged week {e.week} where {expected}")
            state.week, state.block_start, state.sessions = e.week, e.date, 0
        if e.decision == "progress":
            state.sessions += 1
        else:
            if e.decision == "step_back":
                state.week = max(1, state.week - 1)
            state.block_start, state.sessions = e.date + next_gap, 0
    if entries:
        state.close_blocks(entries[-1].date + next_gap)
    return state


def replan(start_date: datetime.date, log, *, start_week: int = 1) -> list[Session]:
    """The remaining sessions after the logged ones, with the rules applied to the log.

    ``log``: logged sessions (``widgets.pain_log.LogEntry`` or tuples ``(date, week,
    pain_during, worse_next_day)``), in any order; at most one a day, none before
    ``start_date``. The rules, applied in date order, are those of :func:`_replay`: a "step_back"
    anywhere in a stage sends the runner to the previous stage (not below week 1) for a full
    week from the next session date; a "repeat" runs the stage again for a full week from the
    next session date; a stage advances only after a week in which every logged session was
    "progress".

    The plan continues every other day after the last logged session: its first session is
    two days after it (the day after is both the rest day and the next-day pain check). An
    empty log gives :func:`plan_sessions`. A completed programme gives an empty list.
    """
    start = check_date(start_date, "start_date")
    week = check_week(start_week, "start_week")
    return _remaining(start, _logged(log), week)[1]


def _remaining(start: datetime.date, entries: list[_Logged], week: int) -> tuple[_State | None, list[Session]]:
    """(state after the log, or None for an empty log; the sessions still to run)."""
    if not entries:
        return None, _sessions_from(start, week, start)
    state = _replay(start, entries, week)
    if state.finished:
        return state, []
    first = entries[-1].date + datetime.timedelta(days=SESSION_INTERVAL_DAYS)
    return state, _sessions_from(first, state.week, state.block_start)


@dataclass(frozen=True)
class Status:
    """Where the runner stands: the stage of the next session and a short message."""

    week: int  # stage of the next session (the last stage once the programme is complete)
    finished: bool
    next_session: Session | None  # None when complete, or when nothing is logged and no start date given
    last_decision: str | None
    message: str


def _decision_words(e: _Logged) -> str:
    if e.decision == "progress":
        return "went well"
    if e.decision == "repeat":
        return f"means repeating week {e.week} for another week"
    if e.week == 1:
        return "means doing week 1, the first stage, again for another week"
    return f"means going back to week {e.week - 1} for another week"


def status(log, start_date: datetime.date | None = None, *, start_week: int = 1) -> Status:
    """The current week and a short message, from the log (the rules of :func:`replan`).

    ``start_date`` defaults to the first logged session's date.
    """
    week = check_week(start_week, "start_week")
    entries = _logged(log)
    if start_date is None and not entries:
        return Status(week, False, None, None, (
            f"No sessions logged yet: start with week {week}, {PROTOCOL[week - 1].describe()}, every other "
            f"day on {SURFACE} ground."))
    start = entries[0].date if start_date is None else check_date(start_date, "start_date")
    state, plan = _remaining(start, entries, week)
    if state is None:
        return Status(week, False, plan[0], None, f"No sessions logged yet. First session: {plan[0].describe()}.")
    last = entries[-1]
    said = (f"Last session ({last.date.isoformat()}, week {last.week}, pain {_pain_text(last.pain_during)}"
            f"{', worse the next day' if last.worse_next_day else ''}) {_decision_words(last)}.")
    note = f" Note: {'; '.join(state.deviations)}." if state.deviations else ""
    if not plan:
        return Status(len(PROTOCOL), True, None, last.decision, (
            f"{said} You have completed all {len(PROTOCOL)} weeks of the return-to-running programme.{note}"))
    nxt = plan[0]
    return Status(nxt.week, False, nxt, last.decision, f"{said} Next session: {nxt.describe()}.{note}")


# --- exports -----------------------------------------------------------------------------------


PLAN_CSV_HEADER = ("date", "week", "run_min", "walk_min", "reps", "total_min", "surface", "description")


def _check_sessions(sessions: object) -> list[Session]:
    if isinstance(sessions, (str, bytes, dict)) or not hasattr(sessions, "__iter__"):
        raise ValueError("sessions must be the list plan_sessions() or replan() returns")
    items = list(sessions)
    for i, s in enumerate(items, start=1):
        if not isinstance(s, Session):
            raise ValueError(f"sessions: item {i} is {_show(s)}, not a Session from plan_sessions() or replan()")
    return items


def rules_text() -> str:
    """The pain rules in one paragraph (calendar event descriptions)."""
    below = clinical.get("return_to_run.progress_pain_below").display()
    above = clinical.get("return_to_run.step_back_pain_above").display()
    hours = clinical.get("return_to_run.next_day_window_hours").display()
    flat = clinical.get("return_to_run.flat_only_weeks").display()
    return (
        f"Move on to the next stage only when the runs give pain below {below} and no increase in pain in the "
        f"{hours} after. Pain from {below} to {above} with no increase the next day: repeat the stage for "
        f"another week. Pain above {above}, or more pain the next day: go back a stage for another week. "
        f"Flat ground only until you have had {flat} of pain-free flat running. "
        + red_flag_catalogue.disclaimer_text()
    )


def plan_csv(sessions: list[Session]) -> str:
    """The plan as CSV text: one row per session, header ``date,week,run_min,walk_min,reps,
    total_min,surface,description``. Minutes are the lower figure where the stage gives a range
    (week 8: 25); the description gives the range in words."""
    items = _check_sessions(sessions)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends, as the pain log writes
    writer.writerow(PLAN_CSV_HEADER)
    for s in items:
        writer.writerow([s.date.isoformat(), s.week, f"{s.run_min:g}", f"{s.walk_min:g}", s.reps,
                         f"{s.total_min:g}", s.surface, s.stage.describe()])
    return out.getvalue()


def plan_ics(sessions: list[Session], *, stamp: datetime.datetime | None = None) -> bytes:
    """The plan as an iCalendar file: one all-day event per session.

    UIDs are derived from the date and week, so importing an updated plan replaces the events
    for the same sessions instead of adding duplicates. ``stamp`` (DTSTAMP, aware datetime)
    defaults to now; pass one for byte-identical output.
    """
    items = _check_sessions(sessions)
    events = [(f"{s.date:%Y%m%d}-week{s.week}", s.date, s.summary(), s.calendar_description()) for s in items]
    return all_day_calendar("Return to running", CALENDAR_PRODID, UID_DOMAIN, events, stamp)


# --- warning signs and red flags: one catalogue, widgets.red_flags ---------------------------------

Sign = red_flag_catalogue.Sign
Flag = red_flag_catalogue.Flag


def red_flag_questions() -> list[Sign]:
    """The catalogue's signs asked before each run, with their yes/no questions, most urgent level
    first (for a form). "The pain started with an injury" is left out: a runner whose pain began
    with a knock would be stopped every day; "recently twisted, fell on or knocked" asks what is new."""
    return red_flag_catalogue.load().programme_signs()


def red_flags(**answers: bool) -> list[Flag]:
    """The signs answered True, most urgent first, each with what to do (see
    :func:`widgets.red_flags.check`): e.g. ``swelling=True``, ``locked=True``, ``new_ache=True``.
    """
    return red_flag_catalogue.check(**answers)


def needs_professional(flags: list[Flag]) -> bool:
    """True when any flag means not running today and seeing a professional first; "review" and
    early warning signs keep the programme going (check the plan; cut volume)."""
    return red_flag_catalogue.stops_running(flags)
