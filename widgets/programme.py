"""The article's rehabilitation programme laid out on dates: the programme builder's model.

What the programme is, and where each part comes from (nothing is typed here):

- the exercises and their doses as the article writes them: ``data/exercises.yaml`` through
  :mod:`widgets.rehab` (the four hip exercises and the three quadriceps exercises; terminal
  knee extension has no dose in the source, and says so);
- how often: ``rehabilitation.sessions_per_week`` sessions a week, over
  ``rehabilitation.programme_weeks`` weeks — the runner picks the number of weeks within the
  article's range (default: its lower bound) and which days of the week;
- the pain limit during the exercises: below ``pain_rules.exercise_limit``;
- progression: the stages of :mod:`widgets.progression` (``data/progression.yaml``). The CSV and
  calendar give each session its stage's exercises and doses, the same as the printed plan
  (:func:`staged_sessions`); the article's own doses (exercises.yaml) are not a second dose;
- afterwards, for good: ``rehabilitation.maintenance_sessions_per_week`` sessions a week of the
  four core hip exercises (the article lists clamshells, side-lying hip abduction, single-leg
  glute bridge and hip hike: the hip group of exercises.yaml) at
  ``rehabilitation.maintenance_dose``.

The article gives the frequency for the hip exercises; it gives none for the quadriceps
exercises, so the builder places them in the same sessions (the page says so).

Dates: week 1 is the seven days from the start date, week 2 the next seven, and so on; a
session falls on every day of those weeks whose weekday the runner picked. The static page's
script (``assets/rk/programme.js``) lays dates out the same way and is tested against
:func:`build_programme`.

Pure model: no widgets, no HTML. Bad input raises ``ValueError`` saying what is allowed.
"""

from __future__ import annotations

import csv
import datetime
import io
import numbers
from dataclasses import dataclass
from functools import cache

from widgets import clinical, red_flags, rehab
from widgets.calendar_export import all_day_calendar
from widgets.checks import short_repr as _show
from widgets.checks import whole_number
from widgets.clinical import DATA_DIR, DataFileError, load_yaml

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = tuple(name[:3] for name in WEEKDAY_NAMES)  # "Mon" … "Sun"; not strftime (locale)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
POSES_FILE = DATA_DIR / "exercise_poses.yaml"
CALENDAR_PRODID = "-//Runner's Knee course//Rehabilitation programme builder//EN"
UID_DOMAIN = "programme.runners-knee-course"
CSV_HEADER = ("date", "weekday", "week", "session", "exercise", "dose", "done")
# A programme must end well before the calendar does (date.max): later dates would overflow.
LATEST_START = datetime.date.max - datetime.timedelta(days=366)
MAINTENANCE_GROUP = "hip"  # the article's "core rehabilitation exercises" are the hip exercises
# Words shared with the static page's script, which fills the same {placeholders}.
SUMMARY_TEMPLATE = "Knee rehab {n}/{total} (week {week} of {weeks})"
MAINTENANCE_SUMMARY = "Knee rehab: maintenance starts"
WARNING_TEMPLATE = ("Sessions on consecutive days: {pairs}. Days with a day between them (for example "
                    "{example}) spread the sessions over the week.")
MAINTENANCE_TEMPLATE = "From {date}, for good: {sessions} of the core hip exercises ({names}) at {dose}."


# --- the article's numbers --------------------------------------------------------------------


def sessions_per_week() -> int:
    return int(clinical.value("rehabilitation.sessions_per_week"))


def weeks_range() -> tuple[int, int]:
    low, high = clinical.bounds("rehabilitation.programme_weeks")
    return int(low), int(high)


def rules() -> dict:
    """The programme's numbers and words, as the static page embeds them."""
    low, high = weeks_range()
    return {
        "sessions_per_week": sessions_per_week(),
        "weeks_range": [low, high],
        "default_weeks": low,
        "sessions_per_week_text": clinical.get("rehabilitation.sessions_per_week").display(),
        "weeks_text": clinical.get("rehabilitation.programme_weeks").display(),
        "pain_limit": clinical.get("pain_rules.exercise_limit").display(),
        "maintenance_sessions_per_week": int(clinical.value("rehabilitation.maintenance_sessions_per_week")),
        "maintenance_sessions_text": clinical.get("rehabilitation.maintenance_sessions_per_week").display(),
        "maintenance_dose": clinical.get("rehabilitation.maintenance_dose").display(),
    }


# --- exercises with their sheet text ------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeExercise:
    """One exercise as the programme and its printable sheet show it."""

    id: str
    name: str
    group: str
    dose: str
    how: str
    progression: str | None
    feel: str
    mistakes: tuple[str, ...]
    maintenance: bool  # one of the core exercises kept for good at the maintenance dose


@cache
def load_cues(path=POSES_FILE) -> dict[str, dict]:
    """The 'feel' and 'mistakes' text of every exercise, from the poses file (checked)."""
    data = load_yaml(path)
    rows = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise DataFileError(f"{path}: expected a mapping of exercise ids under 'exercises'")
    cues = {}
    for exercise in rehab.EXERCISES:
        row = rows.get(exercise.id)
        if not isinstance(row, dict):
            raise DataFileError(f"{path}: no entry for exercise {exercise.id!r} (every exercise needs one)")
        feel, mistakes = row.get("feel"), row.get("mistakes")
        if not isinstance(feel, str) or not feel.strip():
            raise DataFileError(f"{path}: exercise {exercise.id}: 'feel' must be a sentence")
        if not (isinstance(mistakes, list) and mistakes and all(isinstance(m, str) and m.strip() for m in mistakes)):
            raise DataFileError(f"{path}: exercise {exercise.id}: 'mistakes' must be a list of sentences")
        cues[exercise.id] = {"feel": feel.strip(), "mistakes": tuple(m.strip() for m in mistakes)}
    unknown = sorted(set(rows) - {e.id for e in rehab.EXERCISES})
    if unknown:
        raise DataFileError(f"{path}: exercises not in exercises.yaml: {', '.join(unknown)}")
    return cues


def programme_exercises() -> tuple[ProgrammeExercise, ...]:
    """Every exercise of the article's programme, hip first, in the data file's order."""
    cues = load_cues()
    return tuple(
        ProgrammeExercise(
            id=e.id, name=e.name, group=e.group, dose=e.dose(), how=e.how_text(), progression=e.progression,
            feel=cues[e.id]["feel"], mistakes=cues[e.id]["mistakes"], maintenance=e.group == MAINTENANCE_GROUP,
        )
        for group in rehab.GROUPS
        for e in rehab.EXERCISES
        if e.group == group
    )


# --- checking input ---------------------------------------------------------------------------------


def check_start(value: object) -> datetime.date:
    # datetime is a subclass of date; refused because its time of day would leak into the dates.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValueError(f"start_date must be a date (datetime.date, e.g. date(2027, 1, 4)), got {_show(value)}")
    if value > LATEST_START:
        raise ValueError(f"start_date must be on or before {LATEST_START.isoformat()}, got {value.isoformat()}")
    return value


def _weekday(value: object) -> int:
    if isinstance(value, str):
        key = value.strip().lower()
        for i, name in enumerate(WEEKDAY_NAMES):
            if key in (name.lower(), name[:3].lower()):
                return i
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool) and 0 <= value <= 6:
        return int(value)
    raise ValueError(
        f"weekdays: {_show(value)} is not a day of the week; use 0 (Monday) to 6 (Sunday) or a name such as 'Mon'"
    )


def check_weekdays(value: object) -> tuple[int, ...]:
    """The picked days as sorted Monday=0 … Sunday=6; exactly the article's sessions per week."""
    n = sessions_per_week()
    allowed = (f"weekdays must be {n} different days of the week (the article's "
               f"{clinical.get('rehabilitation.sessions_per_week').display()}), "
               "as 0 (Monday) to 6 (Sunday) or names such as 'Mon'")
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise ValueError(f"{allowed}; got {_show(value)}")
    days = [_weekday(v) for v in value]
    if len(set(days)) != len(days):
        repeated = sorted({WEEKDAY_NAMES[d] for d in days if days.count(d) > 1})
        raise ValueError(f"{allowed}; {', '.join(repeated)} is given more than once")
    if len(days) != n:
        raise ValueError(f"{allowed}; got {len(days)}")
    return tuple(sorted(days))


def check_weeks(value: object) -> int:
    low, high = weeks_range()
    if value is None:
        return low
    return whole_number(value, "weeks", low, high, allowed=(
        f"a whole number from {low} to {high} (the article's "
        f"{clinical.get('rehabilitation.programme_weeks').display()})"))


def consecutive_pairs(weekdays) -> list[tuple[int, int]]:
    """Picked days that follow each other, Sunday→Monday included (the weeks repeat)."""
    days = check_weekdays(weekdays)
    return [(a, b) for a in days for b in days if (b - a) % 7 == 1]


def spread_example(n: int | None = None) -> tuple[int, ...]:
    """n days spread over the week with gaps: 3 → Monday, Wednesday, Friday."""
    n = sessions_per_week() if n is None else n
    return tuple(i * 7 // n for i in range(n))


def consecutive_warning(weekdays) -> str | None:
    """A note when picked days follow each other (non-consecutive days are preferred)."""
    pairs = consecutive_pairs(weekdays)
    if not pairs:
        return None
    named = ", ".join(f"{WEEKDAY_NAMES[a]} and {WEEKDAY_NAMES[b]}" for a, b in pairs)
    return WARNING_TEMPLATE.format(pairs=named, example=spread_example_text())


def spread_example_text() -> str:
    """"Monday, Wednesday and Friday"."""
    example = [WEEKDAY_NAMES[d] for d in spread_example()]
    return ", ".join(example[:-1]) + " and " + example[-1] if len(example) > 1 else example[0]


# --- the programme ------------------------------------------------------------------------------------


def date_label(day: datetime.date) -> str:
    """"Mon 3 Mar 2025": the same words on the page, the sheet, the CSV and the calendar."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Session:
    date: datetime.date
    week: int  # 1-based: the 7-day block from the start date the session falls in
    number: int  # 1-based across the whole programme

    def label(self) -> str:
        return date_label(self.date)


@dataclass(frozen=True)
class Maintenance:
    start: datetime.date  # the day after the programme's last week
    sessions_per_week: int
    sessions_text: str  # "2 sessions per week"
    dose: str  # "2 sets × 15 repetitions"
    exercises: tuple[str, ...]  # names

    def describe(self) -> str:
        return MAINTENANCE_TEMPLATE.format(date=date_label(self.start), sessions=self.sessions_text,
                                           names=", ".join(self.exercises), dose=self.dose)


@dataclass(frozen=True)
class Programme:
    start: datetime.date
    weekdays: tuple[int, ...]
    weeks: int
    sessions: tuple[Session, ...]
    exercises: tuple[ProgrammeExercise, ...]
    pain_limit: str
    maintenance: Maintenance
    warnings: tuple[str, ...]

    @property
    def end(self) -> datetime.date:
        """The last day of the last week."""
        return self.start + datetime.timedelta(days=7 * self.weeks - 1)

    def week_sessions(self, week: int) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.week == week)


def session_dates(start_date, weekdays, weeks=None) -> list[tuple[datetime.date, int]]:
    """(date, week) of every session: each day of the ``weeks`` 7-day blocks from the start
    date whose weekday is one of ``weekdays``."""
    start, days, n_weeks = check_start(start_date), set(check_weekdays(weekdays)), check_weeks(weeks)
    out = []
    for offset in range(7 * n_weeks):
        day = start + datetime.timedelta(days=offset)
        if day.weekday() in days:
            out.append((day, offset // 7 + 1))
    return out


def build_programme(start_date, weekdays, weeks=None) -> Programme:
    """The article's programme from ``start_date`` on the picked ``weekdays`` for ``weeks``
    weeks (default: the lower bound of the article's range).

    >>> p = build_programme(datetime.date(2027, 1, 4), ["Mon", "Wed", "Fri"])
    >>> p.sessions[0].label(), p.sessions[-1].label(), len(p.sessions)
    ('Mon 4 Jan 2027', 'Fri 12 Feb 2027', 18)
    """
    start, days, n_weeks = check_start(start_date), check_weekdays(weekdays), check_weeks(weeks)
    sessions = tuple(Session(day, week, i) for i, (day, week) in enumerate(session_dates(start, days, n_weeks), 1))
    exercises = programme_exercises()
    r = rules()
    maintenance = Maintenance(
        start=start + datetime.timedelta(days=7 * n_weeks),
        sessions_per_week=r["maintenance_sessions_per_week"],
        sessions_text=r["maintenance_sessions_text"],
        dose=r["maintenance_dose"],
        exercises=tuple(e.name for e in exercises if e.maintenance),
    )
    warning = consecutive_warning(days)
    return Programme(start, days, n_weeks, sessions, exercises, r["pain_limit"], maintenance,
                     (warning,) if warning else ())


# --- exports ----------------------------------------------------------------------------------------


def _check_programme(programme: object) -> Programme:
    if not isinstance(programme, Programme):
        raise ValueError(f"expected the Programme that build_programme() returns, got {_show(programme)}")
    return programme


def staged_sessions(programme: Programme, log=()) -> tuple[list[tuple[Session, int]], int]:
    """Every session of the plan with its stage (1-based), and the plan's number of weeks: the
    stages of :func:`widgets.progression.plan` for this programme and weekly ``log`` (none: as if
    every week were good, the plan the page prints before anything is logged). The exports give
    each session its stage's exercises and doses, the same ones the printed plan shows."""
    from widgets import progression  # imported here: progression builds on this module

    p = _check_programme(programme)
    weeks = progression.plan(p.start, p.weekdays, p.weeks, log).plan_weeks
    days = [(day, w.week, w.stage) for w in weeks for day in w.sessions]
    return [(Session(day, week, i), stage) for i, (day, week, stage) in enumerate(days, 1)], len(weeks)


def stage_session_description(stage: int) -> str:
    """What a session of ``stage`` holds (the calendar event's text): the stage, its exercises
    with their doses (from ``data/progression.yaml``, as the printed plan gives them) and the
    exercise pain limit."""
    from widgets import progression

    s = progression.load_stages()[stage - 1]
    lines = [s.title, "", f"Keep knee pain during the exercises below {rules()['pain_limit']}."]
    for group in progression.GROUPS:
        lines.append("")
        lines.append(f"{group.capitalize()}:")
        lines.extend(f"- {e.name}: {e.dose}" for e in s.exercises if e.group == group)
    lines.append("")
    lines.append(red_flags.disclaimer_text())
    return "\n".join(lines)


def session_summary(session: Session, programme: Programme) -> str:
    return SUMMARY_TEMPLATE.format(n=session.number, total=len(programme.sessions), week=session.week,
                                   weeks=programme.weeks)


def programme_csv(programme: Programme, log=()) -> str:
    """The programme as CSV text (RFC 4180, CRLF): a row per exercise of every session, each
    session with its stage's exercises and doses (:func:`staged_sessions`: the printed plan's),
    then the maintenance exercises from the day after the plan's last week, with an empty
    ``done`` column to tick. Header: ``date,weekday,week,session,exercise,dose,done``."""
    from widgets import progression

    p = _check_programme(programme)
    sessions, weeks = staged_sessions(p, log)
    stages = progression.load_stages()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    total = len(sessions)
    for s, stage in sessions:
        for e in stages[stage - 1].exercises:
            writer.writerow([s.date.isoformat(), WEEKDAYS[s.date.weekday()], s.week, f"{s.number}/{total}",
                             e.name, e.dose, ""])
    m = p.maintenance
    start = p.start + datetime.timedelta(days=7 * weeks)
    for name in m.exercises:
        writer.writerow([start.isoformat(), WEEKDAYS[start.weekday()], "maintenance", m.sessions_text,
                         name, m.dose, ""])
    return out.getvalue()


def programme_ics(programme: Programme, *, log=(), stamp: datetime.datetime | None = None) -> bytes:
    """The programme as an iCalendar file: an all-day event per session, described with its
    stage's exercises and doses (:func:`stage_session_description`), and one on the day the
    maintenance programme starts (the day after the plan's last week).

    UIDs come from the start date and the session's date, so importing a changed plan for the
    same start replaces those events instead of adding duplicates. ``stamp`` (DTSTAMP, an aware
    datetime) defaults to now; pass one for byte-identical output.
    """
    p = _check_programme(programme)
    sessions, weeks = staged_sessions(p, log)
    total = len(sessions)
    events = [(f"{p.start:%Y%m%d}-{s.date:%Y%m%d}", s.date,
               SUMMARY_TEMPLATE.format(n=s.number, total=total, week=s.week, weeks=weeks),
               stage_session_description(stage)) for s, stage in sessions]
    m = p.maintenance
    start = p.start + datetime.timedelta(days=7 * weeks)
    text = MAINTENANCE_TEMPLATE.format(date=date_label(start), sessions=m.sessions_text,
                                       names=", ".join(m.exercises), dose=m.dose)
    events.append((f"{p.start:%Y%m%d}-maintenance", start, MAINTENANCE_SUMMARY, text))
    return all_day_calendar("Knee rehabilitation programme", CALENDAR_PRODID, UID_DOMAIN, events, stamp)
