"""The fear-and-worry reflection model (widgets.worry_reflection) against hand-worked answers:
the band from the sum, a tip for each statement rated high, help at the red-flag catalogue's
levels (a "not sure" routes up like a "yes"), most urgent first; bad answers and bad data files
get a clear message."""

from __future__ import annotations

import pytest
import yaml

from widgets import red_flags, worry_reflection
from widgets.clinical import DataFileError
from widgets.worry_reflection import check_answers, incomplete_message, load, reflect

DATA = load()
KEYS = [s["key"] for s in DATA["statements"]]  # damage, avoid, stuck, worst, helpless, tense
NO = {"low_mood": "no", "harm": "no"}


def rated(*values):
    return dict(zip(KEYS, values, strict=True))


def test_the_data_is_what_the_page_says():
    assert KEYS == ["damage", "avoid", "stuck", "worst", "helpless", "tense"]
    assert [s["value"] for s in DATA["scale"]] == [0, 1, 2, 3]
    assert [(b["key"], b["max"]) for b in DATA["bands"]] == [("few", 5), ("some", 11), ("many", 18)]
    assert DATA["tip_from"] == 2
    assert DATA["route_up"] == ["yes", "not_sure"]


@pytest.mark.parametrize(("values", "band", "tips"), [
    ((0, 0, 0, 0, 0, 0), "few", []),
    ((1, 1, 1, 1, 1, 0), "few", []),                     # 5: the top of "few"
    ((1, 1, 1, 1, 1, 1), "some", []),                    # 6: one more is "some"
    ((3, 2, 0, 1, 0, 0), "some", ["damage", "avoid"]),   # 6, two rated 2 or more
    ((2, 2, 2, 2, 2, 1), "some", ["damage", "avoid", "stuck", "worst", "helpless"]),  # 11
    ((2, 2, 2, 2, 2, 2), "many", KEYS),                  # 12
    ((3, 3, 3, 3, 3, 3), "many", KEYS),                  # 18, the highest sum
    ((0, 0, 0, 0, 0, 3), "few", ["tense"]),              # 3: a low sum still gets the tip it earned
])
def test_band_and_tips_by_hand(values, band, tips):
    r = reflect(rated(*values), NO)
    assert r.band == band
    assert r.message == next(b["message"] for b in DATA["bands"] if b["key"] == band)
    assert [t.key for t in r.tips] == tips
    assert all(t.text == next(s["tip"] for s in DATA["statements"] if s["key"] == t.key) for t in r.tips)


def test_no_help_when_few_or_some_worries_and_both_answers_no():
    assert reflect(rated(0, 0, 0, 0, 0, 0), NO).help == ()
    assert reflect(rated(2, 2, 2, 2, 2, 1), NO).help == ()


def test_many_worries_suggest_a_routine_appointment_not_urgency():
    (h,) = reflect(rated(2, 2, 2, 2, 2, 2), NO).help
    assert (h.key, h.level) == ("talk_it_through", "review")
    assert h.title == red_flags.load().levels["review"].title


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_thoughts_of_self_harm_yes_or_not_sure_get_urgent_help_now_first(answer):
    r = reflect(rated(0, 0, 0, 0, 0, 0), {"low_mood": "no", "harm": answer})
    (h,) = r.help
    assert (h.level, h.when) == ("emergency", "now")
    assert "116 123" in h.action and "988" in h.action and "emergency number" in h.action
    # With everything else raised too, urgent help still comes first, then the doctor, then review.
    r = reflect(rated(3, 3, 3, 3, 3, 3), {"low_mood": "yes", "harm": answer})
    assert [h.level for h in r.help] == ["emergency", "within_days", "review"]


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_low_mood_yes_or_not_sure_routes_to_the_doctor_within_days(answer):
    (h,) = reflect(rated(0, 1, 0, 0, 0, 0), {"low_mood": answer, "harm": "no"}).help
    assert (h.key, h.level) == ("low_mood", "within_days")
    assert "doctor" in h.action


def test_self_harm_is_the_most_urgent_level_of_the_catalogue():
    """Route UP: the help for thoughts of self-harm sits at the catalogue's highest rank, and no
    check-in help sits below the routine review level."""
    catalogue = red_flags.load()
    top = max(level.rank for level in catalogue.levels.values())
    harm = next(c for c in DATA["check_in"] if c["key"] == "harm")
    assert DATA["help"][harm["help"]]["rank"] == top
    for c in DATA["check_in"]:
        assert DATA["help"][c["help"]]["rank"] >= catalogue.levels["within_days"].rank


@pytest.mark.parametrize(("ratings", "check_in", "message"), [
    ({}, NO, "'damage' is not answered yet"),
    ({**rated(0, 0, 0, 0, 0, 0), "sleep": 1}, NO, "unknown key 'sleep'"),
    (rated(0, 0, 0, 0, 0, 4), NO, r"ratings\['tense'\] must be a whole number from 0 to 3, got 4"),
    (rated(0, 0, 0, 0, 0, 1.5), NO, r"ratings\['tense'\] must be a whole number"),
    (rated(0, 0, 0, 0, 0, True), NO, r"ratings\['tense'\] must be a whole number"),
    (rated(0, 0, 0, 0, 0, 0), {"low_mood": "no"}, "'harm' is not answered yet"),
    (rated(0, 0, 0, 0, 0, 0), {"low_mood": "no", "harm": "maybe"},
     r"check_in\['harm'\] must be one of no, not_sure, yes"),
    ("0,0,0", NO, "ratings must be a mapping"),
])
def test_bad_answers_get_a_clear_message(ratings, check_in, message):
    with pytest.raises(ValueError, match=message):
        reflect(ratings, check_in)


def test_numpy_whole_numbers_are_accepted():
    np = pytest.importorskip("numpy")
    assert check_answers({k: np.int64(1) for k in KEYS}, NO)[0] == dict.fromkeys(KEYS, 1)


def test_incomplete_message_counts_what_is_left():
    assert incomplete_message({}, {}) == "Please answer every statement and question first (8 left)."
    assert incomplete_message({**rated(0, 0, 0, 0, 0, 0), "tense": None}, {"low_mood": "no"}) == (
        "Please answer every statement and question first (2 left).")
    assert incomplete_message(rated(0, 0, 0, 0, 0, 0), NO) is None


def test_statements_are_the_course_s_own_words_and_say_so():
    """Not a published scale's items: the data file says so, and the page says the reflection is
    not a test or a score."""
    header = worry_reflection.REFLECTION_FILE.read_text(encoding="utf-8")
    assert "not the items of the Tampa Scale for Kinesiophobia, the\n# Pain Catastrophizing Scale" in header
    assert "not a test or a score" in DATA["messages"]["not_a_score"]
    assert "does not label you" in DATA["messages"]["not_a_score"]


def _broken(tmp_path, change):
    raw = yaml.safe_load(worry_reflection.REFLECTION_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "worry_reflection.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r["bands"].__setitem__(-1, {**r["bands"][-1], "max": 17}), "bands"),
    (lambda r: r["help"]["urgent"].update(level="soon"), "help.urgent.level"),
    (lambda r: r["check_in"][0].update(help="nobody"), "check_in"),
    (lambda r: r.update(route_up=["perhaps"]), "route_up"),
    (lambda r: r.update(sources=["nobody2099"]), "sources"),
    (lambda r: r["statements"].append(dict(r["statements"][0])), "statements"),
    (lambda r: r["messages"].pop("always"), "messages"),
])
def test_a_broken_data_file_fails_naming_the_field(tmp_path, change, message):
    with pytest.raises(DataFileError, match=message):
        load(_broken(tmp_path, change))


def test_help_list_for_the_page_most_urgent_first():
    text = worry_reflection.help_markdown()
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("- **Thoughts of hurting yourself")
    assert "** Emergency — act now: Please get help now" in lines[0]
    assert "See a professional within 2 days: Book" in lines[1]
    assert "Check your plan with a professional (at a routine appointment in the coming weeks): Not urgent" in lines[2]


@pytest.mark.parametrize(("title", "when", "shown"), [
    ("Emergency — act now", "now", "Emergency — act now"),  # the title says it already
    ("Get care today", "today", "Get care today"),
    ("See a professional this week", "within the next few days",
     "See a professional this week (within the next few days)"),
    ("Act NOW", "now", "Act NOW"),  # case-insensitive
])
def test_a_help_heading_gives_the_time_frame_once(title, when, shown):
    assert worry_reflection.help_heading(title, when) == shown


def test_a_help_heading_refuses_what_is_not_text():
    with pytest.raises(ValueError, match="must be text"):
        worry_reflection.help_heading("Emergency", None)
