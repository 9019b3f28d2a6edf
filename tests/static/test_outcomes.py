"""The page's outcome-measures script (assets/rk/outcomes.js) under Node gives the same changes,
verdicts, progress status and words, CSV text and import errors as widgets.outcomes on the same
generated inputs, with the data JSON the page embeds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets import outcomes as o
from widgets.static.outcomes import outcomes_view

WIDGET = outcomes_view()
START = dt.date(2027, 1, 4)


def js(calls):
    return call_script("outcomes", WIDGET, calls, start=True)


def score(key):
    m = o.measures()[key]
    steps = round((m.high - m.low) * 10**m.decimals)
    near_mid = st.sampled_from([m.low, m.high, m.mid, m.low + m.mid, m.high - m.mid])
    grid = st.integers(min_value=0, max_value=steps).map(
        lambda n: o.round_half_up(m.low + n / 10**m.decimals, m.decimals))
    return st.one_of(st.none(), grid, near_mid)


RESULT = st.tuples(st.integers(min_value=0, max_value=120), score("akps"), score("koos_pf"), score("pain"))


def build(raw):
    seen, out = set(), []
    for day, akps, koos, pain in raw:
        if day in seen or (akps is None and koos is None and pain is None):
            continue
        seen.add(day)
        out.append(o.Result(START + dt.timedelta(days=day), akps=akps, koos_pf=koos, pain=pain))
    return out


def as_js(results):
    return [{"date": r.date.isoformat(), "akps": r.akps, "koos_pf": r.koos_pf, "pain": r.pain} for r in results]


@settings(max_examples=10, deadline=None)
@given(st.lists(st.lists(RESULT, max_size=8), min_size=10, max_size=30))
def test_progress_changes_and_csv_match_python(cases):
    histories = [build(raw) for raw in cases]
    calls = []
    for h in histories:
        calls.append(("rkOutcomes.progress", [as_js(h)]))
        calls.append(("rkOutcomes.changes", [as_js(h), "previous"]))
        calls.append(("rkOutcomes.resultsToCsv", [as_js(h)]))
    answers = js(calls)
    for i, h in enumerate(histories):
        p = o.progress(h)
        got = answers[3 * i]["ok"]
        assert (got["status"], got["weeks"], got["message"]) == (p.status, p.weeks, p.message), h
        assert {k: (c["improvement"], c["verdict"]) for k, c in got["changes"].items()} == {
            k: (c.improvement, c.verdict) for k, c in p.changes.items()}, h
        previous = answers[3 * i + 1]["ok"]
        assert {k: (c["earlier"], c["improvement"], c["verdict"]) for k, c in previous.items()} == {
            k: (c.earlier, c.improvement, c.verdict) for k, c in o.changes(h, "previous").items()}, h
        assert answers[3 * i + 2]["ok"] == o.results_to_csv(h), h


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(o.MEASURE_KEYS), st.integers(min_value=-2000, max_value=2000)),
                min_size=20, max_size=60))
def test_improvement_and_verdict_at_and_around_the_mid_match_python(cases):
    pairs = []
    for key, n in cases:
        m = o.measures()[key]
        earlier = m.low + (m.high - m.low) / 2
        later = min(m.high, max(m.low, o.round_half_up(earlier + n / 10 ** max(m.decimals, 1) / 10, m.decimals)))
        pairs.append((key, earlier, later))
    pairs += [("akps", 60, 70), ("akps", 70, 60), ("koos_pf", 50, 66.4), ("koos_pf", 70.2, 53.8),
              ("pain", 6, 4), ("pain", 3, 5)]
    answers = js([("(k, a, b) => { const g = rkOutcomes.improvement(k, a, b); return [g, rkOutcomes.classify(k, g)]; }",
                   [k, a, b]) for k, a, b in pairs])
    for (k, a, b), answer in zip(pairs, answers, strict=True):
        gain = o.improvement(k, a, b)
        assert answer["ok"] == [gain, o.classify(k, gain)], (k, a, b)


CELL = st.one_of(st.just(""), st.sampled_from(["62", "100", "101", "54.5", "54.55", "-1", "1e2", "abc", "10", "10.5",
                                               " 7 ", "2027-01-04", "2027-02-30", "04/01/2027", "nan"]))
ROW = st.lists(CELL, min_size=1, max_size=5)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.lists(ROW, max_size=5)), min_size=10, max_size=30))
def test_import_of_good_and_corrupt_files_matches_python(cases):
    texts = []
    for with_header, rows in cases:
        lines = (["date,akps,koos_pf,worst_pain"] if with_header else []) + [",".join(r) for r in rows]
        texts.append("\r\n".join(lines) + "\r\n")
    texts += ["", "date,akps,koos_pf,worst_pain\n2027-01-04,\"62,,\n",
              "\ufeffdate,akps,koos_pf,worst_pain\n\n2027-01-04,62,,6\n"]
    answers = js([("(t) => rkOutcomes.resultsFromCsv(t, 'my.csv')", [t]) for t in texts])
    for text, answer in zip(texts, answers, strict=True):
        try:
            expected = {"ok": as_js(o.results_from_csv(text, "my.csv"))}
        except o.OutcomesFileError as exc:
            expected = {"error": str(exc)}
        assert answer == expected, text
