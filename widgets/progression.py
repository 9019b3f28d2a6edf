"""The programme that progresses: hip and knee exercise in stages over the builder's weeks, with
the course's one pain rule deciding each move. Pure model.

What it is, and where each part comes from (nothing clinical is typed here):

- the stages, their exercises and doses, and their evidence: ``data/progression.yaml``;
- how many weeks: the builder's choice within ``rehabilitation.programme_weeks`` (6–8); each
  stage lasts its ``weeks`` *good* weeks and the weeks beyond their sum go to the last stage;
- how often: ``rehabilitation.sessions_per_week`` sessions a week on the picked days
  (:func:`widgets.programme.session_dates` lays out the dates);
- the pain rule: :func:`decide`, the course's exercise pain limit (``pain_rules.exercise_limit``:
  pain during the exercises stays below it) with the same move-on limit and next-day check as the
  running rules. At the end of each week the runner logs the worst knee pain during the
  exercises that week (0–10) and whether the knee was worse the next day:

  - ``progress`` (pain below ``return_to_run.progress_pain_below``, no increase in pain in the 24
    hours after) is a *good week*: it counts towards the stage, and once the stage has its weeks
    the next week is the next stage;
  - ``repeat`` (pain from that limit to under ``pain_rules.exercise_limit``, no increase after):
    the week does not count; the next week is the same stage again;
  - ``step_back`` (pain of ``pain_rules.exercise_limit`` or more, or an increase in the 24 hours
    after): the next week is the stage before (stage 1 stays at stage 1); the good weeks done so
    far count.

Week ``k`` is the seven days from ``start + 7·(k − 1)``, as in the builder. Weeks after the log
are planned as if every week were good, so the plan grows by the weeks the rule adds. The static
page's script (``assets/rk/programme.js``) ports :func:`plan` and is tested against it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets import clinical
from widgets import programme as pg
from widgets.checks import items, real_number
from widgets.checks import short_repr as _show
from widgets.clinical import DATA_DIR, EN_DASH, DataFileError, Evidence, EvidenceItem, load_yaml, parse_evidence
from widgets.return_to_run import check_bool, check_pain, pain_rule

PROGRESSION_FILE = DATA_DIR / "progression.yaml"
GROUPS = ("knee", "hip")
MAX_LOGGED_WEEKS = 40  # a plan must end before the builder's latest date allows (366 days of room)
PAIN_SCALE_MAX = 10

# Words shared with the page's script, which fills the same {placeholders}.
DECISION_WORDS = {
    "progress": "Good week",
    "repeat": "Same stage again",
    "step_back": "Step back",
}
NEXT_TEMPLATES = {
    "progress_on": "A good week: next week, {stage}.",
    "progress_stay": "A good week ({done} of {needed} at this stage): next week, the same stage.",
    "progress_done": "A good week: the programme is complete.",
    "repeat": "Pain from {below} to under {limit}: this week does not count; next week, the same stage again.",
    "step_back": "Step back ({why}): next week, {stage}.",
}
WHY_PAIN = "pain of {limit} or more"
WEEKS_TEMPLATE = "Week{s} {weeks}"
WHY_NEXT_DAY = "worse the next day"


# --- the stages, from the data file -------------------------------------------------------------


@dataclass(frozen=True)
class StageExercise:
    name: str
    group: str
    dose: str  # "3 sets of 10–12 per side", "5 × 30-second holds", "3 sets per side, each until the muscles tire"
    load: str
    how: str
    exercise: str | None  # an exercise of exercises.yaml (its diagram and how-to are on the sheet)


@dataclass(frozen=True)
class Stage:
    number: int  # 1-based
    id: str
    title: str
    weeks: int
    aim: str
    exercises: tuple[StageExercise, ...]
    evidence: Evidence


_EXERCISE_KEYS = {"name", "group", "sets", "reps", "hold_s", "to_fatigue", "per_side", "load", "how", "exercise"}


def _reps_text(value: object, where: str) -> str:
    if isinstance(value, bool) or value is None:
        raise DataFileError(f"{where}: reps must be a whole number or [low, high], got {value!r}")
    if isinstance(value, int) and value > 0:
        return str(value)
    if (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool)
                                                            for v in value) and 0 < value[0] < value[1]):
        return f"{value[0]}{EN_DASH}{value[1]}"
    raise DataFileError(f"{where}: reps must be a whole number or [low, high], got {value!r}")


def _dose(row: dict, where: str) -> str:
    sets = row.get("sets")
    if isinstance(sets, bool) or not isinstance(sets, int) or sets < 1:
        raise DataFileError(f"{where}: sets must be a whole number of 1 or more, got {sets!r}")
    kinds = [k for k in ("reps", "hold_s", "to_fatigue") if row.get(k) is not None]
    if len(kinds) != 1:
        raise DataFileError(f"{where}: give exactly one of reps, hold_s or to_fatigue, got {kinds or 'none'}")
    side = " per side" if row.get("per_side") else ""
    if kinds[0] == "reps":
        return f"{sets} sets of {_reps_text(row['reps'], where)}{side}"
    if kinds[0] == "hold_s":
        hold = row["hold_s"]
        if isinstance(hold, bool) or not isinstance(hold, int) or hold < 1:
            raise DataFileError(f"{where}: hold_s must be whole seconds, got {hold!r}")
        return f"{sets} × {hold}-second holds{side}"
    if row["to_fatigue"] is not True:
        raise DataFileError(f"{where}: to_fatigue must be true when given")
    return f"{sets} sets{side}, each until the muscles tire"


@cache
def load_stages(path: Path = PROGRESSION_FILE) -> tuple[Stage, ...]:
    """The stages of the data file, checked; DataFileError names the file and the field."""
    from widgets import rehab  # the exercises a stage may point to

    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list) or not data["stages"]:
        raise DataFileError(f"{path}: expected a non-empty list under 'stages'")
    known = {e.id for e in rehab.EXERCISES}
    stages = []
    for n, raw in enumerate(data["stages"], 1):
        where = f"{Path(path).name}: stage {n}"
        if not isinstance(raw, dict):
            raise DataFileError(f"{where}: expected a mapping")
        for key in ("id", "title", "aim"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise DataFileError(f"{where}: '{key}' must be text")
        weeks = raw.get("weeks")
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
            raise DataFileError(f"{where}: 'weeks' must be a whole number of 1 or more, got {weeks!r}")
        rows = raw.get("exercises")
        if not isinstance(rows, list) or not rows:
            raise DataFileError(f"{where}: 'exercises' must be a non-empty list")
        exercises = []
        for i, row in enumerate(rows, 1):
            at = f"{where}, exercise {i}"
            if not isinstance(row, dict):
                raise DataFileError(f"{at}: expected a mapping")
            unknown = sorted(set(row) - _EXERCISE_KEYS)
            if unknown:
                raise DataFileError(f"{at}: unknown field '{unknown[0]}'")
            if row.get("group") not in GROUPS:
                raise DataFileError(f"{at}: group must be one of {', '.join(GROUPS)}, got {row.get('group')!r}")
            for key in ("name", "load", "how"):
                if not isinstance(row.get(key), str) or not row[key].strip():
                    raise DataFileError(f"{at}: '{key}' must be text")
            ref = row.get("exercise")
            if ref is not None and ref not in known:
                raise DataFileError(f"{at}: exercise {ref!r} is not in exercises.yaml")
            exercises.append(StageExercise(row["name"], row["group"], _dose(row, at), row["load"].strip(),
                                           row["how"].strip(), ref))
        if {e.group for e in exercises} != set(GROUPS):
            raise DataFileError(f"{where}: every stage combines hip and knee exercises")
        evidence = parse_evidence(raw.get("evidence"), path, f"stages.{n - 1}.evidence")
        stages.append(Stage(n, raw["id"], raw["title"].strip(), weeks, " ".join(raw["aim"].split()),
                            tuple(exercises), evidence))
    low, _ = pg.weeks_range()
    if sum(s.weeks for s in stages) != low:
        raise DataFileError(f"{Path(path).name}: the stages' weeks add up to {sum(s.weeks for s in stages)}; "
                            f"they must add up to the shortest programme, {low} weeks")
    return tuple(stages)


@cache
def rule_evidence(path: Path = PROGRESSION_FILE) -> Evidence:
    data = load_yaml(path)
    return parse_evidence(data.get("rule_evidence") if isinstance(data, dict) else None, path, "rule_evidence")


def stage_targets(weeks: int | None = None) -> tuple[int, ...]:
    """Good weeks each stage needs for a programme of ``weeks`` weeks: the extra weeks go last.

    >>> stage_targets(6), stage_targets(8)
    ((2, 2, 2), (2, 2, 4))
    """
    n = pg.check_weeks(weeks)
    targets = [s.weeks for s in load_stages()]
    targets[-1] += n - sum(targets)
    return tuple(targets)


def rules() -> dict:
    """The rule's numbers and words, as the page embeds them."""
    return {
        "progress_below": clinical.value("return_to_run.progress_pain_below"),
        "step_back_from": clinical.value("pain_rules.exercise_limit"),
        "below_text": clinical.get("return_to_run.progress_pain_below").display(),
        "limit_text": clinical.get("pain_rules.exercise_limit").display(),
        "hours_text": clinical.get("return_to_run.next_day_window_hours").display(),
        "exercise_limit_text": clinical.get("pain_rules.exercise_limit").display(),
        "max_logged_weeks": MAX_LOGGED_WEEKS,
    }


def decide(pain: float, worse_next_day: bool) -> str:
    """The move after a logged week: "progress", "repeat" or "step_back".

    The exercise limit is "below ``pain_rules.exercise_limit``" (3/10), so a week at that pain or
    more goes back a stage, like an increase in pain in the
    ``return_to_run.next_day_window_hours`` after; below ``return_to_run.progress_pain_below``
    (2/10) with no increase is a good week; from 2 to under 3/10 with no increase, the stage is
    repeated. The three bands do not overlap and cover the 0–10 scale.
    """
    pain = check_pain(pain, "pain")
    worse = check_bool(worse_next_day, "worse_next_day")
    r = rules()
    if worse or pain >= r["step_back_from"]:
        return "step_back"
    if pain < r["progress_below"]:
        return "progress"
    return "repeat"


def rule_cases() -> list[tuple[float, bool, str]]:
    """(pain, worse_next_day, expected decision) around every boundary of :func:`decide`, written
    from the limits (not by calling it), so the page's script is tested against the same table."""
    r = rules()
    below, limit = r["progress_below"], r["step_back_from"]
    by_pain = [(0.0, "progress"), (round(below - 0.01, 2), "progress"), (below, "repeat"),
               ((below + limit) / 2, "repeat"), (round(limit - 0.01, 2), "repeat"), (limit, "step_back"),
               (round(limit + 0.5, 1), "step_back"), (float(PAIN_SCALE_MAX), "step_back")]
    return [(p, False, e) for p, e in by_pain] + [(p, True, "step_back") for p, _ in by_pain]


def rule_text() -> str:
    """The progression rule in plain words (the page and the printout)."""
    r = rules()
    return (
        f"At the end of each week, note the worst knee pain you had during the exercises (0 = none, "
        f"10 = worst) and whether the knee was worse the next day. Pain below {r['below_text']}, with "
        f"{pain_rule('next_day')}, makes a good week: a stage moves on after its good weeks. "
        f"Pain from {r['below_text']} to under {r['limit_text']}, with no increase: the week does not count, "
        f"do the same stage again. Pain of {r['limit_text']} or more, or an increase in pain in the "
        f"{r['hours_text']} after: go back a stage for a week. In each session, keep knee pain within the "
        f"exercise pain limit "
        f"({pain_rule('exercises')}): some pain is acceptable, and it is not a sign of damage."
    )


# --- the plan -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    pain: float  # worst knee pain during the exercises that week, 0–10
    worse_next_day: bool


@dataclass(frozen=True)
class PlanWeek:
    week: int  # 1-based
    start: datetime.date
    stage: int  # 1-based stage number
    sessions: tuple[datetime.date, ...]
    logged: LogEntry | None  # None: planned, not yet done
    decision: str | None  # for logged weeks: "progress", "repeat" or "step_back"
    next_text: str | None  # for logged weeks: what the rule says for the next week

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)


@dataclass(frozen=True)
class Plan:
    start: datetime.date
    weekdays: tuple[int, ...]
    weeks: int  # the length picked in the builder
    targets: tuple[int, ...]
    plan_weeks: tuple[PlanWeek, ...]
    complete: bool  # the log already finishes the last stage

    @property
    def total_weeks(self) -> int:
        return len(self.plan_weeks)

    def stages(self) -> list[int]:
        return [w.stage for w in self.plan_weeks]


def check_log(log: object) -> tuple[LogEntry, ...]:
    """The weekly log as LogEntry items; each entry a LogEntry, a (pain, worse_next_day) pair or a
    mapping with those keys. ValueError says what is allowed."""
    allowed = (f"a list of up to {MAX_LOGGED_WEEKS} weeks, each (pain 0–10, worse_next_day True/False)")
    rows = items(log, "log", allowed)
    if len(rows) > MAX_LOGGED_WEEKS:
        raise ValueError(f"log must be {allowed}; got {len(rows)} weeks")
    out = []
    for i, row in enumerate(rows, 1):
        if isinstance(row, LogEntry):
            pain, worse = row.pain, row.worse_next_day
        elif isinstance(row, dict):
            pain, worse = row.get("pain"), row.get("worse_next_day")
        elif isinstance(row, (tuple, list)) and len(row) == 2:
            pain, worse = row
        else:
            raise ValueError(f"log week {i} must be (pain 0–10, worse_next_day True/False), got {_show(row)}")
        pain = real_number(pain, f"log week {i} pain", 0, PAIN_SCALE_MAX)
        if not isinstance(worse, bool):
            raise ValueError(f"log week {i} worse_next_day must be True or False, got {_show(worse)}")
        out.append(LogEntry(pain, worse))
    return tuple(out)


def _why(entry: LogEntry) -> str:
    r = rules()
    reasons = []
    if entry.pain >= r["step_back_from"]:
        reasons.append(WHY_PAIN.format(limit=r["limit_text"]))
    if entry.worse_next_day:
        reasons.append(WHY_NEXT_DAY)
    return " and ".join(reasons)


def stage_name(number: int) -> str:
    return load_stages()[number - 1].title


def plan(start_date, weekdays, weeks=None, log=()) -> Plan:
    """The week-by-week plan for the builder's inputs, replanned from the weekly ``log``.

    >>> p = plan(datetime.date(2027, 1, 4), ["Mon", "Wed", "Fri"])
    >>> p.stages(), p.plan_weeks[2].start.isoformat()
    ([1, 1, 2, 2, 3, 3], '2027-01-18')
    >>> plan(datetime.date(2027, 1, 4), [0, 2, 4], 6, [(1, False), (5, False)]).stages()
    [1, 1, 1, 2, 2, 3, 3]
    """
    start, days, n_weeks = pg.check_start(start_date), pg.check_weekdays(weekdays), pg.check_weeks(weeks)
    entries = check_log(log)
    targets = stage_targets(n_weeks)
    last = len(targets)
    r = rules()
    good = [0] * last
    stage = 1
    complete = False
    out: list[PlanWeek] = []

    def sessions(week: int) -> tuple[datetime.date, ...]:
        first = start + datetime.timedelta(days=7 * (week - 1))
        return tuple(first + datetime.timedelta(days=d) for d in range(7)
                     if (first + datetime.timedelta(days=d)).weekday() in days)

    for i, entry in enumerate(entries, 1):
        if complete:
            raise ValueError(f"log has {len(entries)} weeks, but the programme was complete after week {i - 1}")
        decision = decide(entry.pain, entry.worse_next_day)
        this = stage
        if decision == "progress":
            good[stage - 1] += 1
            if good[stage - 1] >= targets[stage - 1]:
                if stage == last:
                    complete = True
                    text = NEXT_TEMPLATES["progress_done"]
                else:
                    stage += 1
                    text = NEXT_TEMPLATES["progress_on"].format(stage=stage_name(stage))
            else:
                text = NEXT_TEMPLATES["progress_stay"].format(done=good[stage - 1], needed=targets[stage - 1])
        elif decision == "repeat":
            text = NEXT_TEMPLATES["repeat"].format(below=r["below_text"], limit=r["limit_text"])
        else:
            stage = max(stage - 1, 1)
            text = NEXT_TEMPLATES["step_back"].format(why=_why(entry), stage=stage_name(stage))
        start_of = start + datetime.timedelta(days=7 * (i - 1))
        out.append(PlanWeek(i, start_of, this, sessions(i), entry, decision, text))

    week = len(entries)
    while not complete:  # the weeks ahead, as if each were a good week
        week += 1
        out.append(PlanWeek(week, start + datetime.timedelta(days=7 * (week - 1)), stage, sessions(week),
                            None, None, None))
        good[stage - 1] += 1
        if good[stage - 1] >= targets[stage - 1]:
            if stage == last:
                break
            stage += 1
    return Plan(start, days, n_weeks, targets, tuple(out), complete)


def week_ranges(numbers) -> str:
    """Week numbers in short: [1, 2, 4, 5, 6] → "1–2, 4–6" (how the page names a stage's weeks)."""
    out: list[str] = []
    run: list[int] = []
    for n in sorted(numbers):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}{EN_DASH}{run[-1]}")
        run = [n]
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}{EN_DASH}{run[-1]}")
    return ", ".join(out)


def stage_weeks_text(p: Plan, stage: int) -> str:
    """"Weeks 1–2", "Week 4", "Weeks 3, 5–6"; "" if the plan has no week at that stage."""
    weeks = [w.week for w in p.plan_weeks if w.stage == stage]
    if not weeks:
        return ""
    return WEEKS_TEMPLATE.format(s="s" if len(weeks) > 1 else "", weeks=week_ranges(weeks))


def week_label(w: PlanWeek) -> str:
    """"Week 3: Mon 18 Jan 2027 – Sun 24 Jan 2027"."""
    return f"Week {w.week}: {pg.date_label(w.start)} {EN_DASH} {pg.date_label(w.end)}"


# --- the evidence register --------------------------------------------------------------------------


# The register's heading for the programme's stages and rule: they are the course's, not the article's.
COURSE_CHOICE = "the course's own choice"


def evidence_items() -> list[EvidenceItem]:
    """Each stage and the progression rule, as the evidence register lists them."""
    out = []
    for s in load_stages():
        shown = "; ".join(f"{e.name}: {e.dose}" for e in s.exercises)
        out.append(EvidenceItem(f"Progressive programme, {s.title.lower()}", f"evidence-progression--{s.id}",
                                f"{s.weeks} good weeks or more. {shown}", s.evidence, whose=COURSE_CHOICE))
    out.append(EvidenceItem("Progressive programme: when to move on, stay or step back",
                            "evidence-progression--rule", rule_text(), rule_evidence(), whose=COURSE_CHOICE))
    return out


def stages_markdown() -> str:
    """The stages as MyST (``{generated}`` directive): each stage's aim and exercises with doses."""
    lines = []
    for s in load_stages():
        lines += [f"**{s.title}** ({s.weeks} good weeks or more). {s.aim}", "",
                  "| Exercise | Dose | Load |", "|---|---|---|"]
        lines += [f"| {e.name} ({e.group}) | {e.dose} | {e.load} |" for e in s.exercises]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
