"""Planning the sessions, and replanning them from a pain log with the rules of
:mod:`widgets.return_to_run.rules`. Pure model.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from widgets.checks import short_repr as _show
from widgets.return_to_run.protocol import (
    DAYS_PER_STAGE,
    PROTOCOL,
    SESSION_INTERVAL_DAYS,
    SURFACE,
    WEEKDAYS,
    Stage,
    _pain_text,
    check_bool,
    check_date,
    check_pain,
    check_week,
)
from widgets.return_to_run.rules import decide, rules_text

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
    All on flat ground: hills come back only after ``return_to_run.flat_only_weeks`` of flat
    running within the pain rules, which a plan made in advance cannot know.
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


