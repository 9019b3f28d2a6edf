"""Shoe mileage: the replacement rule at its thresholds, the change-over plan, the CSV the page
exports and imports, and clear messages for bad input."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import clinical, shoes
from widgets.shoes import Pair, add_distance, parse_shoes_csv, shoe_status, shoes_csv, transition_plan

D = datetime.date


def test_thresholds_come_from_clinical_yaml():
    t = shoes.thresholds()
    assert (t["warn_km"], t["replace_km"]) == clinical.bounds("shoes.replace_between_km") == (500, 800)
    assert t["loss"] == clinical.get("shoes.cushioning_loss").display() == "40–50%"
    assert t["weeks"] == clinical.get("footwear.transition_weeks").display() == "2\u00a0weeks"
    assert t["transition_days"] == 14


@pytest.mark.parametrize(
    ("km", "status"),
    [
        (0, "ok"), (250, "ok"), (499.9, "ok"), (499.94, "ok"),  # 499.94 is kept as 499.9
        (499.95, "warn"), (500, "warn"), (500.04, "warn"), (650, "warn"), (799.9, "warn"), (799.94, "warn"),
        (799.95, "replace"), (800, "replace"), (1234.5, "replace"), (10_000, "replace"),
    ],
)
def test_status_at_and_around_the_thresholds(km, status):
    assert shoe_status(km).status == status


def test_messages_cite_the_article():
    ok, warn, replace = shoe_status(120), shoe_status(500), shoe_status(812.44)
    assert ok.message == ("120\u00a0km: fine for now (380\u00a0km to go until 500\u00a0km). Running shoes lose "
                          "40–50% of their cushioning and support by 500–800\u00a0km.")
    assert warn.message.startswith("500\u00a0km: within 500–800\u00a0km")
    assert "40–50% of their cushioning and support" in warn.message
    assert "alternate new and old for 2\u00a0weeks" in warn.message
    assert replace.distance_km == 812.4
    assert replace.message.startswith("812.4\u00a0km: at or past 800\u00a0km. Replace this pair")
    assert "40–50%" in replace.message and "for 2\u00a0weeks" in replace.message


def test_distances_round_half_up_to_a_tenth():
    assert shoes.round_km(0.25) == 0.3  # round() would give 0.2
    assert shoes.km_text(499.95) == "500" and shoes.km_text(12.34) == "12.3" and shoes.km_text(7) == "7"


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, 10_000.1, "500", None, True, [500]])
def test_bad_distance_says_what_is_allowed(bad):
    with pytest.raises(ValueError, match="distance_km must be a distance in km from 0 to 10,000"):
        shoe_status(bad)


def test_adding_runs():
    assert add_distance(499.9, 0.1) == 500.0  # not 500.00000000000006
    assert shoe_status(add_distance(480, 25)).status == "warn"
    with pytest.raises(ValueError, match="run_km must be more than 0 km"):
        add_distance(10, 0)
    with pytest.raises(ValueError, match="run_km must be a distance in km"):
        add_distance(10, -5)
    with pytest.raises(ValueError, match=r"the new total \(10004 km\) would be over 10,000 km"):
        add_distance(9_999, 5)


# --- changing pairs --------------------------------------------------------------------------------


def test_transition_alternates_every_day_across_a_month_end():
    plan = transition_plan(D(2027, 1, 25))
    assert len(plan) == 14
    assert [d.pair for d in plan] == ["new", "old"] * 7
    assert plan[6].date == D(2027, 1, 31) and plan[7].date == D(2027, 2, 1) and plan[-1].date == D(2027, 2, 7)


def test_transition_alternates_run_by_run():
    # Runs on Monday, Wednesday and Friday from Friday 29 January 2027: both pairs get used.
    plan = transition_plan(D(2027, 1, 29), run_weekdays=[0, 2, 4])
    assert [(d.date, d.pair) for d in plan] == [
        (D(2027, 1, 29), "new"), (D(2027, 2, 1), "old"), (D(2027, 2, 3), "new"),
        (D(2027, 2, 5), "old"), (D(2027, 2, 8), "new"), (D(2027, 2, 10), "old"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2027-01-04",), r"start_date must be a date \(datetime.date"),
        ((datetime.datetime(2027, 1, 4),), "start_date must be a date"),
        ((D(9999, 12, 25),), "before the year 9999"),
        ((D(2027, 1, 4), [7]), r"run_weekdays: 7 is not a day; use 0 \(Monday\) to 6 \(Sunday\)"),
        ((D(2027, 1, 4), []), "run_weekdays needs at least one day"),
        ((D(2027, 1, 4), "Mon"), "run_weekdays must be a list of days"),
    ],
)
def test_bad_transition_input(args, message):
    with pytest.raises(ValueError, match=message):
        transition_plan(*args)


# --- the CSV the page exports and imports --------------------------------------------------------


def test_csv_round_trip_with_awkward_names():
    pairs = [Pair("Blue trainers", 512.3), Pair('Racers, "the fast ones"', 0), Pair("Trail", 799.95)]
    text = shoes_csv(pairs)
    assert text == ('name,distance_km\r\nBlue trainers,512.3\r\n"Racers, ""the fast ones""",0\r\n'
                    "Trail,800\r\n")
    assert parse_shoes_csv(text) == [Pair("Blue trainers", 512.3), Pair('Racers, "the fast ones"', 0.0),
                                     Pair("Trail", 800.0)]
    assert parse_shoes_csv("\ufeff" + text.replace("\r\n", "\n") + "\n\n") == parse_shoes_csv(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the first line must be the header: name,distance_km"),
        ("pair,km\nBlue,3\n", "the first line must be the header"),
        ("name,distance_km\nBlue\n", "line 2: expected a name and a distance, got 1 field"),
        ("name,distance_km\nBlue,12,5\n", "line 2: expected a name and a distance, got 3 field"),
        ("name,distance_km\n,12\n", "line 2: a pair's name must be some text"),
        ("name,distance_km\nBlue,1e3\n", r"line 2: the distance '1e3' must be a number of km from 0 to 10,000"),
        ("name,distance_km\nBlue,-3\n", "line 2: the distance '-3'"),
        ("name,distance_km\nBlue,10001\n", "line 2: the distance '10001'"),
        ("name,distance_km\nBlue,1_000\n", "line 2: the distance"),
        ("name,distance_km\nBlue,3\nblue ,4\n", "line 3: a second pair called 'blue'"),
        ('name,distance_km\n"Blue,3\n', "not valid CSV"),
        ('name,distance_km\n"Blue"x,3\n', "not valid CSV"),
        (b"name,distance_km", "the CSV must be text"),
    ],
)
def test_bad_csv_names_the_line(text, message):
    with pytest.raises(ValueError, match=message):
        parse_shoes_csv(text)


def test_bad_pairs_for_export():
    with pytest.raises(ValueError, match="pairs: item 1 is"):
        shoes_csv([("Blue", 3)])
    with pytest.raises(ValueError, match="at most 60 characters"):
        shoes_csv([Pair("x" * 61, 3)])


JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=30), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
    st.lists(st.one_of(st.integers(-2, 9), st.text(max_size=3), st.none()), max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(a=JUNK, b=JUNK)
def test_junk_gets_a_value_error_with_a_message(a, b):
    for call in (lambda: shoe_status(a), lambda: add_distance(a, b), lambda: transition_plan(a, b),
                 lambda: parse_shoes_csv(a), lambda: parse_shoes_csv(f"name,distance_km\n{a},{b}\n")):
        try:
            call()
        except ValueError as exc:
            assert str(exc).strip()


def test_csv_errors_name_the_line_a_text_editor_shows():
    # Blank lines are skipped but counted, and a quoted name over two lines takes two.
    with pytest.raises(ValueError, match=r"^line 5: the distance 'x'"):
        parse_shoes_csv("name,distance_km\r\n\r\nBlue,12\r\n\r\nRed,x\r\n")
    with pytest.raises(ValueError, match=r"^line 7: the distance 'y'"):
        parse_shoes_csv('\n\nname,distance_km\n"A\nB",3\n\nC,y\n')
