"""The shared .ics builder and error-message helper (widgets/calendar_export.py)."""

from __future__ import annotations

import datetime

import pytest
from icalendar import Calendar

from widgets.calendar_export import all_day_calendar, short_repr

STAMP = datetime.datetime(2027, 1, 1, 8, 0, tzinfo=datetime.UTC)


def test_events_are_all_day_with_stable_uids():
    ics = all_day_calendar(
        "Test plan", "-//test//EN", "plan.example", [("a", datetime.date(2027, 2, 28), "Run 1", "easy")], STAMP
    )
    cal = Calendar.from_ical(ics)
    assert str(cal["x-wr-calname"]) == "Test plan"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == "a@plan.example"
    # An all-day event ends the next day, across a month end.
    assert event.decoded("dtstart") == datetime.date(2027, 2, 28)
    assert event.decoded("dtend") == datetime.date(2027, 3, 1)
    assert str(event["transp"]) == "TRANSPARENT"
    assert event.decoded("dtstamp") == STAMP


def test_naive_stamp_is_refused_with_a_message():
    with pytest.raises(ValueError, match="timezone-aware"):
        all_day_calendar("x", "-//test//EN", "d", [], datetime.datetime(2027, 1, 1))


def test_short_repr_cuts_long_values():
    assert short_repr("abc") == "'abc'"
    long = short_repr("x" * 100)
    assert len(long) == 40 and long.endswith("...")
