"""The static programme builder: the embedded data is the model's, the sheet carries every
exercise with its diagram, and nothing in the page depends on the day it was built."""

import datetime
import html as htmllib
import json
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets import programme
from widgets.static.programme import programme_view


def embedded(html):
    found = re.search(r'<script type="application/json" class="rk-widget-data">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_embedded_data_is_the_models():
    html = programme_view().to_html()
    assert 'data-rk-widget="programme"' in html
    data = embedded(html)
    assert data["rules"] == programme.rules()
    assert data["description"] == programme.session_description()
    assert [e["name"] for e in data["exercises"]] == [e.name for e in programme.programme_exercises()]
    assert [e["dose"] for e in data["exercises"]] == [e.dose for e in programme.programme_exercises()]
    assert data["templates"]["summary"] == programme.SUMMARY_TEMPLATE
    assert data["csv_header"] == list(programme.CSV_HEADER)
    assert data["default_days"] == [0, 2, 4] and data["spread_example"] == "Monday, Wednesday and Friday"


def test_sheet_has_every_exercise_with_diagram_feel_and_mistakes():
    html = programme_view().to_html()
    for e in programme.programme_exercises():
        item = re.search(rf'<li class="rk-pg-ex" data-exercise="{e.id}">(.*?)</li></?ol', html, re.S)
        assert item, e.id
        block = item.group(1)
        svg = re.search(r"<svg.*?</svg>", block, re.S).group(0)
        assert ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text.startswith(e.name)
        assert htmllib.escape(e.dose) in block and "Feel:" in block and "Avoid:" in block
    assert html.count("<svg") == len(programme.programme_exercises())


def test_controls_and_the_page_never_change_with_the_date():
    html = programme_view().to_html()
    assert html == programme_view().to_html()
    assert re.search(r'<input id="rk-pg-start" name="start" type="date" max="9998-12-30" required>', html)
    checked = re.findall(r'name="day" value="(\d)" aria-label="\w+day" checked', html)
    assert checked == ["0", "2", "4"]
    assert '<option value="6" selected>6 weeks</option>' in html and '<option value="8">8 weeks</option>' in html
    assert "nothing is sent anywhere" in html


# --- the page's script under Node: the same dates, words and CSV as widgets.programme ------------

WIDGET = programme_view()
JS_PLAN = """(start, days, weeks) => { const api = rkProgramme.api(), p = api.build(start, days, weeks);
    return [p.sessions.map(s => [s.date, s.week, s.number]), p.end, p.maintenanceStart, p.maintenanceText,
            p.warnings, api.csv(p)]; }"""
DAYS = st.one_of(st.lists(st.integers(0, 6), min_size=3, max_size=3, unique=True),  # what the form allows
                 st.lists(st.integers(-1, 7), max_size=5))  # and what it refuses


@settings(max_examples=6, deadline=None)
@given(st.lists(st.tuples(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)), DAYS,
                          st.one_of(st.none(), st.integers(5, 9))), min_size=10, max_size=30))
def test_the_script_builds_the_same_programme(cases):
    answers = call_script("programme", WIDGET, [(JS_PLAN, [start.isoformat(), days, weeks])
                                                for start, days, weeks in cases])
    for (start, days, weeks), answer in zip(cases, answers, strict=True):
        try:
            p = programme.build_programme(start, days, weeks)
        except ValueError:
            assert "error" in answer, (start, days, weeks)
            continue
        assert answer == {"ok": [[[s.date.isoformat(), s.week, s.number] for s in p.sessions], p.end.isoformat(),
                                 p.maintenance.start.isoformat(), p.maintenance.describe(), list(p.warnings),
                                 programme.programme_csv(p)]}, (start, days, weeks)
