"""The programme builder's model: the article's programme on dates, its exports, and clear
messages for bad input. Dates are checked by hand against a calendar."""

from __future__ import annotations

import csv
import datetime
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from widgets import clinical, programme, rehab
from widgets.programme import build_programme, programme_csv, programme_ics

D = datetime.date
STAMP = datetime.datetime(2027, 1, 1, 9, 30, tzinfo=datetime.UTC)


def dates(p):
    return [s.date for s in p.sessions]


# --- the article's numbers -----------------------------------------------------------------------


def test_numbers_come_from_clinical_yaml():
    rules = programme.rules()
    assert rules["sessions_per_week"] == clinical.value("rehabilitation.sessions_per_week") == 3
    assert tuple(rules["weeks_range"]) == clinical.bounds("rehabilitation.programme_weeks") == (6, 8)
    assert rules["default_weeks"] == 6  # the lower bound
    assert rules["pain_limit"] == clinical.get("pain_rules.exercise_limit").display() == "3/10"
    assert rules["maintenance_sessions_per_week"] == 2
    assert rules["maintenance_dose"] == "2 sets × 15 repetitions"


def test_every_exercise_with_its_dose_as_written():
    p = build_programme(D(2027, 1, 4), [0, 2, 4])
    assert [e.id for e in p.exercises] == [e.id for e in rehab.EXERCISES]  # hip first, as in the file
    by_id = {e.id: e for e in p.exercises}
    assert by_id["clamshell"].dose == "3 sets of 20 repetitions per side"
    assert by_id["single_leg_glute_bridge"].dose == "3 sets of 12–15 repetitions per side"
    assert by_id["short_arc_quads"].dose == "3 sets of 15–20 repetitions"
    assert by_id["terminal_knee_extension"].dose.startswith("Not given in the course's source")
    for e in p.exercises:
        source = next(x for x in rehab.EXERCISES if x.id == e.id)
        assert e.dose == source.dose() and e.progression == source.progression  # nothing invented
        assert e.feel and e.mistakes


def test_maintenance_is_the_four_hip_exercises_afterwards():
    p = build_programme(D(2027, 1, 4), ["Mon", "Wed", "Fri"], 8)
    m = p.maintenance
    assert m.start == D(2027, 3, 1)  # 8 weeks after 4 January
    assert m.exercises == ("Clamshell", "Side-lying hip abduction", "Single-leg glute bridge", "Hip hike")
    assert m.sessions_per_week == 2 and m.dose == "2 sets × 15 repetitions"
    assert m.describe() == (
        "From Mon 1 Mar 2027, for good: 2\u00a0sessions per week of the core hip exercises (Clamshell, "
        "Side-lying hip abduction, Single-leg glute bridge, Hip hike) at 2 sets × 15 repetitions."
    )


# --- dates ----------------------------------------------------------------------------------------


def test_default_length_and_the_first_weeks_by_hand():
    p = build_programme(D(2027, 1, 4), ["Mon", "Wed", "Fri"])  # 4 January 2027 is a Monday
    assert p.weeks == 6 and len(p.sessions) == 18
    assert dates(p)[:6] == [D(2027, 1, 4), D(2027, 1, 6), D(2027, 1, 8), D(2027, 1, 11), D(2027, 1, 13), D(2027, 1, 15)]
    assert dates(p)[-1] == D(2027, 2, 12) and p.end == D(2027, 2, 14)
    assert [s.week for s in p.sessions] == [w for w in range(1, 7) for _ in range(3)]
    assert [s.number for s in p.sessions] == list(range(1, 19))
    assert p.warnings == ()


def test_weeks_count_from_the_start_day_which_need_not_be_an_exercise_day():
    # Thursday 29 January 2027; Monday, Wednesday, Friday: across the end of January.
    p = build_programme(D(2027, 1, 29), [0, 2, 4], 7)
    assert dates(p)[:5] == [D(2027, 1, 29), D(2027, 2, 1), D(2027, 2, 3), D(2027, 2, 5), D(2027, 2, 8)]
    assert [s.week for s in p.sessions[:5]] == [1, 1, 1, 2, 2]
    start = D(2027, 1, 28)  # a Thursday: its first session is the next day
    p = build_programme(start, [0, 2, 4])
    assert p.sessions[0].date == D(2027, 1, 29) and p.sessions[0].week == 1
    assert all(0 <= (s.date - start).days < 42 and s.week == (s.date - start).days // 7 + 1 for s in p.sessions)


@pytest.mark.parametrize(
    ("start", "days", "weeks", "first", "last"),
    [
        (D(2026, 12, 28), [1, 3, 5], 6, D(2026, 12, 29), D(2027, 2, 6)),  # over new year
        (D(2028, 2, 25), [1, 3, 6], 6, D(2028, 2, 27), D(2028, 4, 6)),  # leap day 2028 on a Tuesday
        (D(2027, 4, 30), [0, 3, 5], 8, D(2027, 5, 1), D(2027, 6, 24)),
    ],
)
def test_dates_across_month_and_year_ends(start, days, weeks, first, last):
    p = build_programme(start, days, weeks)
    assert p.sessions[0].date == first and p.sessions[-1].date == last
    assert len(p.sessions) == 3 * weeks
    assert {s.date.weekday() for s in p.sessions} == set(days)
    if start.year == 2028:
        assert D(2028, 2, 29) in dates(p)


def test_date_labels_do_not_follow_the_locale():
    assert programme.date_label(D(2027, 3, 1)) == "Mon 1 Mar 2027"
    assert programme.date_label(D(2028, 2, 29)) == "Tue 29 Feb 2028"


@pytest.mark.parametrize(
    ("days", "pairs"),
    [
        (["Mon", "Wed", "Fri"], []),
        (["Mon", "Wed", "Sat"], []),
        (["Mon", "Tue", "Thu"], ["Monday and Tuesday"]),
        (["Fri", "Sat", "Sun"], ["Friday and Saturday", "Saturday and Sunday"]),
        (["Sun", "Wed", "Mon"], ["Sunday and Monday"]),  # the weeks repeat: Sunday then Monday
    ],
)
def test_consecutive_days_are_allowed_with_a_warning(days, pairs):
    p = build_programme(D(2027, 1, 4), days)
    if not pairs:
        assert p.warnings == ()
        return
    (warning,) = p.warnings
    assert warning.startswith(f"Sessions on consecutive days: {', '.join(pairs)}.")
    assert "for example Monday, Wednesday and Friday" in warning


def test_weekday_names_and_numbers():
    a = build_programme(D(2027, 1, 4), ["monday", "WED", 4])
    b = build_programme(D(2027, 1, 4), (4, 0, 2))
    assert a.weekdays == b.weekdays == (0, 2, 4) and dates(a) == dates(b)


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2027-01-04", [0, 2, 4]), r"start_date must be a date \(datetime.date"),
        ((datetime.datetime(2027, 1, 4, 8), [0, 2, 4]), "start_date must be a date"),
        ((D(9999, 6, 1), [0, 2, 4]), "start_date must be on or before 9998-12-30"),
        ((D(2027, 1, 4), [0, 2]), r"weekdays must be 3 different days of the week .*; got 2"),
        ((D(2027, 1, 4), [0, 1, 2, 3]), "got 4"),
        ((D(2027, 1, 4), [0, 0, 2]), "Monday is given more than once"),
        ((D(2027, 1, 4), [0, 2, 7]), r"weekdays: 7 is not a day of the week; use 0 \(Monday\) to 6 \(Sunday\)"),
        ((D(2027, 1, 4), ["Mon", "Wed", "Fryday"]), "'Fryday' is not a day of the week"),
        ((D(2027, 1, 4), [True, 2, 4]), "True is not a day of the week"),
        ((D(2027, 1, 4), "Mon Wed Fri"), "weekdays must be 3 different days"),
        ((D(2027, 1, 4), [0, 2, 4], 5), r"weeks must be a whole number from 6 to 8 \(the article's 6–8\u00a0weeks\)"),
        ((D(2027, 1, 4), [0, 2, 4], 9), "from 6 to 8"),
        ((D(2027, 1, 4), [0, 2, 4], 6.0), "from 6 to 8"),
        ((D(2027, 1, 4), [0, 2, 4], True), "from 6 to 8"),
    ],
)
def test_bad_input_says_what_is_allowed(args, message):
    with pytest.raises(ValueError, match=message):
        build_programme(*args)


def test_exports_need_a_programme():
    with pytest.raises(ValueError, match="expected the Programme that build_programme"):
        programme_csv([])
    with pytest.raises(ValueError, match="stamp must be a timezone-aware datetime"):
        programme_ics(build_programme(D(2027, 1, 4), [0, 2, 4]), stamp=datetime.datetime(2027, 1, 1))


JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=6), st.integers(-10, 10),
    st.sampled_from([math.nan, math.inf, -1.0, 6.5, 1e12]),
    st.lists(st.one_of(st.integers(-2, 9), st.text(max_size=3), st.none(), st.booleans()), max_size=5),
    st.dates(), st.datetimes(),
)


@settings(max_examples=150, deadline=None)
@given(start=JUNK, days=JUNK, weeks=JUNK)
def test_junk_gets_a_value_error_with_a_message(start, days, weeks):
    try:
        p = build_programme(start, days, weeks)
    except ValueError as exc:
        assert str(exc).strip()
    else:
        assert len(p.sessions) == 3 * p.weeks


# --- exports ----------------------------------------------------------------------------------------


def test_csv_rows_by_hand():
    p = build_programme(D(2027, 1, 29), ["Mon", "Wed", "Fri"])
    text = programme_csv(p)
    assert text.startswith("date,weekday,week,session,exercise,dose,done\r\n") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # 6 sessions in each stage (weeks 1–2, 3–4, 5–6): 5, 6 and 5 exercises.
    assert len(rows) == 1 + 6 * 5 + 6 * 6 + 6 * 5 + 4
    assert rows[1] == ["2027-01-29", "Fri", "1", "1/18", "Wall sit, shallow", "5 × 30-second holds", ""]
    assert rows[3] == ["2027-01-29", "Fri", "1", "1/18", "Clamshell", "3 sets of 15 per side", ""]
    assert rows[6] == ["2027-02-01", "Mon", "1", "2/18", "Wall sit, shallow", "5 × 30-second holds", ""]
    # Session 7 (Fri 12 Feb, week 3) is the first of stage 2: clamshell with a band.
    assert rows[1 + 6 * 5 + 3] == ["2027-02-12", "Fri", "3", "7/18", "Clamshell with a band",
                                   "3 sets of 15 per side", ""]
    assert rows[-1] == ["2027-03-12", "Fri", "maintenance", "2\u00a0sessions per week", "Hip hike",
                        "2 sets × 15 repetitions", ""]
    assert "3 sets of 20 repetitions per side" not in text  # the article's clamshell dose is no stage's


def test_ics_parses_back_with_all_day_events_and_stable_uids():
    p = build_programme(D(2026, 12, 28), ["Tue", "Thu", "Sat"], 6)
    data = programme_ics(p, stamp=STAMP)
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 18 + 1
    first = events[0]
    start = first.decoded("dtstart")
    assert type(start) is D and start == D(2026, 12, 29)  # a date: an all-day event
    assert first.decoded("dtend") == D(2026, 12, 30)
    assert str(first["summary"]) == "Knee rehab 1/18 (week 1 of 6)"
    assert str(first["uid"]) == "20261228-20261229@programme.runners-knee-course"
    assert first.decoded("dtstamp") == STAMP
    description = str(first["description"])
    assert "Keep knee pain during the exercises below 3/10." in description
    assert description.startswith("Stage 1: calm the knee")
    assert "- Clamshell: 3 sets of 15 per side" in description
    assert str(first["transp"]) == "TRANSPARENT"
    maintenance = events[-1]
    assert maintenance.decoded("dtstart") == D(2027, 2, 8)
    assert str(maintenance["summary"]) == "Knee rehab: maintenance starts"
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    # Stable: the same plan gives the same UIDs (a calendar replaces the events on re-import) …
    again = Calendar.from_ical(programme_ics(build_programme(D(2026, 12, 28), ["Tue", "Thu", "Sat"], 6)))
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids
    # … and a plan with another first day does not collide with it.
    other = Calendar.from_ical(programme_ics(build_programme(D(2026, 12, 29), ["Tue", "Thu", "Sat"], 6)))
    assert not {str(e["uid"]) for e in other.walk("VEVENT")} & set(uids)
    assert programme_ics(p, stamp=STAMP) == data  # byte-identical with a fixed stamp
