"""The static shoe log: thresholds and messages embedded from widgets.shoes, and the page says
where the list is kept."""

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets import shoes
from widgets.static.shoes import shoes_view


def test_embedded_rules_and_privacy_text():
    html = shoes_view().to_html()
    assert 'data-rk-widget="shoes"' in html
    data = json.loads(re.search(r'class="rk-widget-data">(.*?)</script>', html).group(1))
    assert data["thresholds"] == shoes.thresholds()
    assert data["messages"] == shoes.MESSAGES
    assert data["csv_header"] == ["name", "distance_km"]
    assert data["storage_key"] == "rk-shoes-v1"
    assert "this browser's storage, on\nthis device only" in html or "on this device only" in " ".join(html.split())
    assert '<label for="rk-sh-name">Name of the pair</label>' in html


# --- the page's script under Node: the same status, words and CSV rules as widgets.shoes ---------

WIDGET = shoes_view()
KM = st.one_of(st.floats(min_value=0, max_value=shoes.MAX_KM), st.integers(0, 100_000).map(lambda n: n / 100),
               st.sampled_from([499.94, 499.95, 799.95, 800, 0.05, 0.25]))


def _js(calls):
    return call_script("shoes", WIDGET, calls)


def _line(message: str) -> int | None:
    found = re.match(r"(?i)line (\d+):", message)
    return int(found.group(1)) if found else None


@settings(max_examples=5, deadline=None)
@given(st.lists(KM, min_size=20, max_size=60))
def test_status_and_message_match_python(distances):
    answers = _js([("rkShoes.status", [km]) for km in distances])
    for km, answer in zip(distances, answers, strict=True):
        status = shoes.shoe_status(km)
        assert answer == {"ok": {"distance_km": status.distance_km, "status": status.status,
                                 "message": status.message}}, km


ROW = st.one_of(
    st.just(""), st.just("  "),  # blank lines: skipped, but counted in the line numbers
    st.tuples(st.sampled_from(["Blue", "Red", '"Trail, wet"', '"Two\nlines"', "", "Blue"]),
              st.sampled_from(["12", "512.3", "x", "-1", "10000.1", " 7 "])).map(",".join),
    st.just("a,b,c"),
)


@settings(max_examples=6, deadline=None)
@given(st.lists(st.tuples(st.lists(ROW, max_size=8), st.sampled_from(["\r\n", "\n"]), st.integers(0, 2)),
                min_size=10, max_size=30))
def test_csv_import_matches_python_and_names_the_same_line(files):
    texts = [(sep * blank_first) + sep.join(["name,distance_km", *rows]) + sep for rows, sep, blank_first in files]
    answers = _js([("rkShoes.parseCsv", [text]) for text in texts])
    for text, answer in zip(texts, answers, strict=True):
        try:
            expected = [{"name": p.name, "km": p.distance_km} for p in shoes.parse_shoes_csv(text)]
        except ValueError as exc:
            assert "error" in answer, text
            assert _line(answer["error"]) == _line(str(exc)), (text, answer["error"], str(exc))
        else:
            assert answer == {"ok": expected}, text


def test_a_blank_line_does_not_shift_the_line_number():
    text = "name,distance_km\r\n\r\nBlue,12\r\n\r\nRed,x\r\n"  # as tests/test_shoes.py: line 5
    assert _js([("rkShoes.parseCsv", [text])])[0]["error"].startswith("Line 5: the distance “x”")
