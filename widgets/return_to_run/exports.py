"""The plan as CSV and iCalendar text (one builder for .ics files: ``widgets.calendar_export``).
Pure model.
"""

from __future__ import annotations

import csv
import datetime
import io

from widgets.calendar_export import all_day_calendar
from widgets.checks import short_repr as _show
from widgets.return_to_run.protocol import CALENDAR_PRODID, UID_DOMAIN
from widgets.return_to_run.replanning import Session

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


