"""The page's reflection script (assets/rk/worry-reflection.js) under Node gives the same band,
words, tips and help (levels, order, actions) as widgets.worry_reflection on generated answers,
and the same "answers left" message, with the data JSON the page embeds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets.static.worry_reflection import worry_reflection_view
from widgets.worry_reflection import help_heading, incomplete_message, load, reflect, unanswered

WIDGET = worry_reflection_view()
DATA = load()
KEYS = [s["key"] for s in DATA["statements"]]
QUESTIONS = [c["key"] for c in DATA["check_in"]]
VALUES = [s["value"] for s in DATA["scale"]]
ANSWERS = [a["key"] for a in DATA["answers"]]
RATINGS = st.fixed_dictionaries({k: st.sampled_from(VALUES) for k in KEYS})
CHECK_IN = st.fixed_dictionaries({k: st.sampled_from(ANSWERS) for k in QUESTIONS})


def js(calls):
    return call_script("worry-reflection", WIDGET, calls)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(RATINGS, CHECK_IN), min_size=20, max_size=60))
def test_reflection_matches_python(cases):
    d = WIDGET.data
    answers = js([("rkWorryReflection.reflect", [r, c, d]) for r, c in cases])
    for (r, c), answer in zip(cases, answers, strict=True):
        assert answer == {"ok": reflect(r, c).to_dict()}, (r, c)


def test_every_check_in_combination_and_the_band_edges_match_python():
    d = WIDGET.data
    cases = [(dict.fromkeys(KEYS, 0) | {KEYS[0]: v}, dict(zip(QUESTIONS, combo, strict=True)))
             for combo in itertools.product(ANSWERS, repeat=len(QUESTIONS)) for v in VALUES]
    for total in range(VALUES[-1] * len(KEYS) + 1):  # every sum, so every band edge
        ratings, left = {}, total
        for k in KEYS:
            ratings[k] = min(left, VALUES[-1])
            left -= ratings[k]
        cases.append((ratings, dict.fromkeys(QUESTIONS, "no")))
    answers = js([("rkWorryReflection.reflect", [r, c, d]) for r, c in cases])
    for (r, c), answer in zip(cases, answers, strict=True):
        assert answer == {"ok": reflect(r, c).to_dict()}, (r, c)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(
    st.fixed_dictionaries({}, optional={k: st.one_of(st.none(), st.sampled_from(VALUES)) for k in KEYS}),
    st.fixed_dictionaries({}, optional={k: st.one_of(st.none(), st.sampled_from(ANSWERS)) for k in QUESTIONS}),
), min_size=10, max_size=30))
def test_answers_left_and_its_message_match_python(cases):
    d = WIDGET.data
    calls = []
    for r, c in cases:
        calls += [("rkWorryReflection.unanswered", [r, c, d]), ("rkWorryReflection.incompleteMessage", [r, c, d])]
    answers = js(calls)
    for i, (r, c) in enumerate(cases):
        assert answers[2 * i] == {"ok": unanswered(r, c)}
        assert answers[2 * i + 1] == {"ok": incomplete_message(r, c)}


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="NowDayno —", min_size=1, max_size=12),
                          st.text(alphabet="NowDayno —", min_size=1, max_size=4)), min_size=5, max_size=20))
def test_help_headings_match_python(pairs):
    """The catalogue's own levels and generated titles (ASCII letters, where JavaScript's and
    Python's lower case agree): the time frame is added once, as in Python."""
    from widgets import red_flags

    pairs = [(lv.title, lv.when) for lv in red_flags.load().levels.values()] + pairs
    answers = js([("rkWorryReflection.heading", [t, w]) for t, w in pairs])
    for (t, w), answer in zip(pairs, answers, strict=True):
        assert answer == {"ok": help_heading(t, w)}, (t, w)


def test_the_script_has_no_storage_or_network_calls():
    """The page's script never touches storage or the network (the browser test checks the page
    does not either)."""
    from tests.static.node import REPO

    source = (REPO / "assets" / "rk" / "worry-reflection.js").read_text(encoding="utf-8")
    for word in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "fetch(", "XMLHttpRequest",
                 "sendBeacon", "rkCommon", "WebSocket"):
        assert word not in source, word
