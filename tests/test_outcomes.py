"""widgets.outcomes: scores range-checked, changes and their meaning against the minimal
important difference (hand-computed, at the boundaries), the course's "no improvement", the CSV
file and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import outcomes as o

D = dt.date


def test_data_file_numbers_and_rule_weeks():
    m = o.measures()
    assert (m["akps"].low, m["akps"].high, m["akps"].mid, m["akps"].better) == (0, 100, 10, "higher")
    assert (m["koos_pf"].mid, m["koos_pf"].decimals) == (16.4, 1)
    assert (m["pain"].low, m["pain"].high, m["pain"].mid, m["pain"].better) == (0, 10, 2, "lower")
    # Neither questionnaire's items are reproduced: the tool records the official form's total.
    assert not m["akps"].reproduce and not m["koos_pf"].reproduce
    # The weeks come from clinical.yaml (red_flags.no_response_weeks, rehabilitation.programme_weeks).
    assert (o.rules()["review_after_weeks"], o.rules()["meaningful_after_weeks"]) == (2, 6)
    assert o.HEADER == ("date", "akps", "koos_pf", "worst_pain")


@pytest.mark.parametrize(("measure", "value"), [("akps", 0), ("akps", 100), ("koos_pf", 54.5), ("koos_pf", 100),
                                                ("pain", 0), ("pain", 10), ("pain", 2.5)])
def test_scores_in_range_are_accepted(measure, value):
    assert o.check_score(measure, value) == value


@pytest.mark.parametrize(("measure", "value", "words"), [
    ("akps", 101, "akps must be a whole number from 0 to 100, got 101"),
    ("akps", -1, "akps must be a whole number from 0 to 100, got -1"),
    ("akps", 62.5, "akps must be a whole number from 0 to 100, got 62.5"),
    ("koos_pf", 54.55, "koos_pf must be a number with at most 1 decimal place from 0 to 100, got 54.55"),
    ("pain", 10.5, "pain must be a number with at most 1 decimal place from 0 to 10, got 10.5"),
    ("pain", float("nan"), "pain must be"),
    ("pain", "3", "pain must be"),
    ("pain", True, "pain must be"),
    ("pain", None, "pain must be"),
])
def test_bad_scores_say_what_is_allowed(measure, value, words):
    with pytest.raises(ValueError, match="^" + words.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        o.check_score(measure, value)


def test_unknown_measure_and_empty_result_are_refused():
    with pytest.raises(ValueError, match="measure must be one of akps, koos_pf, pain"):
        o.check_score("kujala", 50)
    with pytest.raises(ValueError, match="at least one score"):
        o.Result(D(2027, 1, 4))
    with pytest.raises(ValueError, match="date must be a date"):
        o.Result("2027-01-04", akps=50)
    with pytest.raises(ValueError, match="both for 2027-01-04; one entry a day"):
        o.check_results([o.Result(D(2027, 1, 4), akps=50), o.Result(D(2027, 1, 4), pain=3)])


@pytest.mark.parametrize(("measure", "earlier", "later", "gain", "verdict"), [
    # AKPS, MID 10: exactly 10 counts; 9 does not.
    ("akps", 60, 70, 10, "improved"), ("akps", 60, 69, 9, "no_change"),
    ("akps", 70, 60, -10, "worse"), ("akps", 70, 61, -9, "no_change"),
    # KOOS-PF, MID 16.4: 50.0 → 66.4 is exactly 16.4 (rounded to one decimal: no float residue).
    ("koos_pf", 50, 66.4, 16.4, "improved"), ("koos_pf", 50, 66.3, 16.3, "no_change"),
    ("koos_pf", 70.2, 53.8, -16.4, "worse"),
    # Pain, MID 2, lower is better: 6 → 4 is an improvement of 2.
    ("pain", 6, 4, 2, "improved"), ("pain", 6, 4.1, 1.9, "no_change"),
    ("pain", 3, 5, -2, "worse"), ("pain", 3, 4.9, -1.9, "no_change"), ("pain", 3, 3, 0, "no_change"),
])
def test_improvement_and_its_verdict_at_the_boundaries(measure, earlier, later, gain, verdict):
    assert o.improvement(measure, earlier, later) == gain
    assert o.classify(measure, gain) == verdict


@pytest.mark.parametrize(("measure", "start", "target"), [
    ("akps", 58, 68), ("akps", 64, 74), ("akps", 90, 100), ("koos_pf", 50.5, 66.9), ("pain", 6, 4), ("pain", 2, 0),
])
def test_meaningful_target_is_the_start_moved_by_the_mid(measure, start, target):
    assert o.meaningful_target(measure, start) == target
    # Reaching the target is exactly what classify() calls a meaningful improvement.
    assert o.classify(measure, o.improvement(measure, start, target)) == "improved"


@pytest.mark.parametrize(("measure", "start"), [("akps", 91), ("koos_pf", 84), ("pain", 1.5)])
def test_meaningful_target_beyond_the_scale_is_refused(measure, start):
    with pytest.raises(ValueError, match="cannot improve by"):
        o.meaningful_target(measure, start)


def test_changes_since_first_and_previous():
    results = [o.Result(D(2027, 1, 4), akps=60, pain=6), o.Result(D(2027, 1, 11), akps=66, pain=5),
               o.Result(D(2027, 1, 18), akps=71, koos_pf=50)]
    first = o.changes(results, "first")
    assert set(first) == {"akps"}  # the latest has no pain; KOOS-PF has no earlier value
    assert (first["akps"].earlier, first["akps"].later, first["akps"].improvement, first["akps"].verdict) == (
        60, 71, 11, "improved")
    previous = o.changes(results, "previous")["akps"]
    assert (previous.earlier, previous.improvement, previous.verdict) == (66, 5, "no_change")
    assert first["akps"].text() == "AKPS +11 (better)"
    # Given out of order, the results are taken in date order.
    assert o.changes(list(reversed(results)))["akps"].improvement == 11


def r(day, **scores):
    return o.Result(D(2027, 1, 4) + dt.timedelta(days=day), **scores)


@pytest.mark.parametrize(("results", "status", "weeks"), [
    ([], "empty", 0),
    ([r(0, akps=60, pain=5)], "baseline", 0),
    ([r(0, akps=60), r(14, pain=4)], "baseline", 0),  # no measure recorded twice
    ([r(0, akps=60, pain=5), r(14, akps=70, pain=5)], "improved", 2),
    ([r(0, akps=60, pain=5), r(7, akps=75, pain=7)], "worse", 1),  # worse is checked first
    ([r(0, akps=60, pain=5), r(13, akps=60, pain=5)], "early_days", 1),  # 13 days: not yet 2 weeks
    ([r(0, akps=60, pain=5), r(14, akps=60, pain=5)], "not_improving", 2),  # 2 weeks, nothing better
    ([r(0, akps=60, pain=5), r(14, akps=61, pain=5)], "early_days", 2),  # a little better: not "at all"
    ([r(0, akps=60, pain=5), r(41, akps=69, pain=4)], "early_days", 5),
    ([r(0, akps=60, pain=5), r(42, akps=69, pain=4)], "no_meaningful_change", 6),  # 6 weeks, below the MIDs
    ([r(0, akps=60, pain=5), r(42, akps=70, pain=4)], "improved", 6),
])
def test_progress_and_the_course_definition_of_no_improvement(results, status, weeks):
    p = o.progress(results)
    assert (p.status, p.weeks) == (status, weeks)
    assert o.no_improvement(results) == (status in ("not_improving", "no_meaningful_change"))
    assert "{" not in p.message


def test_progress_messages_are_filled():
    p = o.progress([r(0, akps=60, pain=5), r(14, akps=60, pain=5)])
    assert p.message.startswith("No improvement at all after 2 weeks: none of your measures is better than at "
                                "the start (AKPS 0 (no meaningful change); worst pain 0 (no meaningful change))")
    assert "not an urgent sign" in p.message
    worse = o.progress([r(0, akps=60, pain=3), r(7, akps=62, pain=5.5)])
    assert worse.message.startswith("Worse by a meaningful amount since your first entry: worst pain +2.5 (worse).")


def test_csv_round_trip_and_format():
    results = [r(14, akps=70, koos_pf=54.5, pain=4), r(0, akps=62, pain=6)]
    text = o.results_to_csv(results)
    assert text == "date,akps,koos_pf,worst_pain\r\n2027-01-04,62,,6\r\n2027-01-18,70,54.5,4\r\n"
    assert o.results_from_csv("\ufeff" + text + "\r\n") == sorted(results, key=lambda x: x.date)


@pytest.mark.parametrize(("text", "words"), [
    ("", "line 1: empty file"),
    ("day,akps\n", "line 1: the first line must be the header date,akps,koos_pf,worst_pain"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,62,,\n2027-02-30,1,,\n", "line 3: date '2027-02-30' is not a real"),
    ("date,akps,koos_pf,worst_pain\n\n2027-01-04,101,,\n",
     "line 3: akps '101' must be a whole number from 0 to 100, or empty"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,,,11\n", "line 2: worst_pain '11' must be a number with at most 1"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,,,\n", "line 2: no score"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,62\n", "line 2: expected 4 fields"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,62,,\n2027-01-04,63,,\n", "line 3: a second entry for 2027-01-04"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,\"62,,\n", "not valid CSV"),
    ("date,akps,koos_pf,worst_pain\n2027-01-04,1e2,,\n", "akps '1e2' must be"),
])
def test_corrupt_files_name_the_line_and_problem(text, words):
    with pytest.raises(o.OutcomesFileError, match="^my.csv: .*" + words.replace("(", r"\(")):
        o.results_from_csv(text, "my.csv")


def test_the_page_types_the_same_mids_as_the_data_file():
    """The page's key points and worked answers name the MIDs in words; they must be the data's."""
    import json

    from tests.conftest import REPO

    nb = json.loads((REPO / "book" / "rehabilitation" / "outcome-measures.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    m = o.measures()
    expected = (f"AKPS {o.number_text(m['akps'].mid)} points, KOOS-PF {o.number_text(m['koos_pf'].mid)} points, "
                f"worst pain {o.number_text(m['pain'].mid)} points")
    assert f"Meaningful change: {expected}." in text
    assert "58 + 10" in text and "6 − 2" in text  # the worked example, with the data's MIDs
