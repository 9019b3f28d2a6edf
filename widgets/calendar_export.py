"""iCalendar (.ics) files of all-day reminders.

Shared by the return-to-running planner and the programme builder, so both calendars are built
and validated the same way (icalendar does the encoding). Pure: no widgets, no HTML.
icalendar is imported only when a calendar is written, so the models that merely use
:func:`short_repr` (now in :mod:`widgets.checks`) import without it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from widgets.checks import short_repr

__all__ = ["all_day_calendar", "short_repr"]


def all_day_calendar(
    name: str,
    prodid: str,
    uid_domain: str,
    events: Iterable[tuple[str, datetime.date, str, str]],
    stamp: datetime.datetime | None = None,
) -> bytes:
    """A calendar of all-day events, each given as (uid, day, summary, description).

    UIDs are ``{uid}@{uid_domain}``: callers derive ``uid`` from the plan, so importing an
    updated plan replaces its events instead of adding duplicates. ``stamp`` (DTSTAMP, an
    aware datetime) defaults to now; pass one for byte-identical output.
    """
    from icalendar import Calendar, Event  # only here: importing the models must not need it

    if stamp is None:
        stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    elif not isinstance(stamp, datetime.datetime) or stamp.tzinfo is None:
        raise ValueError(f"stamp must be a timezone-aware datetime, got {short_repr(stamp)}")
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for uid, day, summary, description in events:
        event = Event()
        event.add("uid", f"{uid}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
        cal.add_component(event)
    return cal.to_ical()
