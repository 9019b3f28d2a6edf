"""assets/rk/rk-common.js, the page scripts' shared module, against Python under Node on
generated inputs: CSV written as csv.writer writes it and read as csv.reader reads it (with the
line each row starts on, blank lines and quoted line breaks counted), the byte-order mark, .ics
lines folded as widgets.calendar_export's files are (icalendar), and calendar dates as
datetime.date."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import foldline

from tests.conftest import REPO
from tests.static.node import call_common
from widgets.calendar_export import all_day_calendar

EPOCH = datetime.date(1970, 1, 1).toordinal()
TEXT = st.text(st.sampled_from(["a", "B", " ", ",", '"', "\n", "\r", "é", "×", "–", "😀", "1"]), max_size=8)
SCRIPTS = ("return-to-run", "shoes", "programme")


def python_csv(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


def python_read(text: str) -> dict:
    """What rkCommon.readCsv answers: rows with the line each starts on, or csv's message."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append({"line": start, "cells": row})
            start = reader.line_num + 1
    except csv.Error as exc:
        return {"error": str(exc)}
    return {"ok": rows}


@settings(max_examples=8, deadline=None)
@given(st.lists(st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=5), min_size=20, max_size=40))
def test_csv_written_as_pythons_csv_writer(files):
    answers = call_common([("rkCommon.toCsv", [rows]) for rows in files])
    assert answers == [{"ok": python_csv(rows)} for rows in files]


def test_csv_file_starts_with_a_byte_order_mark():
    (answer,) = call_common([("rkCommon.withBom", ["name,distance_km\r\n×,1\r\n"])])
    assert answer["ok"].encode("utf-8") == "name,distance_km\r\n×,1\r\n".encode("utf-8-sig")


CSV_TEXT = st.lists(st.sampled_from(["a", ",", '"', "\n", "\r", "\r\n", " ", "é", "\ufeff"]), max_size=40).map("".join)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.one_of(CSV_TEXT, st.lists(st.lists(TEXT, min_size=1, max_size=3), max_size=6).map(python_csv)),
                min_size=30, max_size=60))
def test_csv_read_as_pythons_csv_reader_with_the_line_each_row_starts_on(texts):
    answers = call_common([("rkCommon.readCsv", [text]) for text in texts])
    for text, answer in zip(texts, answers, strict=True):
        assert answer == python_read(text), repr(text)


def test_blank_lines_and_quoted_line_breaks_count():
    text = "\ufeffname,km\r\n\r\n\"two\nlines\",1\n\nlast,2\n"
    (answer,) = call_common([("rkCommon.readCsv", [text])])
    assert [(r["line"], r["cells"]) for r in answer["ok"]] == [
        (1, ["name", "km"]), (2, []), (3, ["two\nlines", "1"]), (5, []), (6, ["last", "2"])]


LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=300) | st.text(
    st.sampled_from(["a", "\\", "^", ";", ",", "é", "–", "€", "😀", " "]), max_size=300)


@pytest.mark.filterwarnings("ignore:foldline is deprecated:DeprecationWarning")
@settings(max_examples=8, deadline=None)
@given(st.lists(LINE, min_size=30, max_size=60))
def test_ics_lines_folded_as_icalendar_folds_them(lines):
    answers = call_common([("rkCommon.foldLine", [line]) for line in lines])
    for line, answer in zip(lines, answers, strict=True):
        folded = foldline(line)
        assert answer == {"ok": folded}, repr(line)
        assert all(len(part.encode()) <= 75 for part in folded.split("\r\n "))


@settings(max_examples=5, deadline=None)
@given(st.lists(st.text(st.sampled_from(["a", "é", "😀", "\\", ";", ",", "^", " ", "\n"]), min_size=60, max_size=200),
                min_size=5, max_size=10))
def test_an_event_text_is_folded_as_calendar_export_writes_it(summaries):
    """The whole .ics of widgets.calendar_export: every content line, as the module writes it
    unfolded, folds in the page to the same bytes."""
    for summary in summaries:
        ics = all_day_calendar("n", "-//x//y//EN", "d", [("u", datetime.date(2027, 1, 4), summary, "d")],
                               stamp=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)).decode()
        unfolded = ics.replace("\r\n ", "").split("\r\n")[:-1]
        (answer,) = call_common([("rkCommon.icsLines", [unfolded])])
        assert answer == {"ok": ics}


DATES = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
DATE_TEXT = st.one_of(DATES.map(datetime.date.isoformat),
                      st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"), st.text(max_size=12),
                      st.sampled_from(["2027-02-29", "2028-02-29", "1900-02-29", "2000-02-29", "0000-01-01",
                                       " 2027-01-01", "2027-1-01", "2027-04-31"]))


@settings(max_examples=6, deadline=None)
@given(st.lists(DATE_TEXT, min_size=30, max_size=60), st.lists(DATES, min_size=30, max_size=60))
def test_dates_as_pythons_date(texts, dates):
    calls = [("rkCommon.parseIso", [t]) for t in texts]
    calls += [("(d) => [rkCommon.isoOf(d), rkCommon.compactDate(d), rkCommon.weekday(d)]", [d.toordinal() - EPOCH])
              for d in dates]
    answers = call_common(calls)
    for text, answer in zip(texts, answers[: len(texts)], strict=True):
        try:
            day = datetime.date.fromisoformat(text)
            expected = day.toordinal() - EPOCH if len(text) == 10 else None
        except ValueError:
            expected = None
        assert answer == {"ok": expected}, text
    for day, answer in zip(dates, answers[len(texts):], strict=True):
        assert answer == {"ok": [day.isoformat(), day.isoformat().replace("-", ""), day.weekday()]}


def test_the_page_scripts_keep_no_copies_of_the_shared_code():
    """The page scripts call rkCommon instead of keeping their own CSV reader, folding or dates."""
    for name in SCRIPTS:
        source = (REPO / "assets" / "rk" / f"{name}.js").read_text(encoding="utf-8")
        assert "window.rkCommon" in source, name
        for copy in ("function daysFromCivil", "function civilFromDays", "function foldLine", "function fold(",
                     "function csvRows", "function physicalLines", "function csvField", "function utf8Length",
                     '"\\ufeff" +'):
            assert copy not in source, f"{name}.js still has its own {copy}"


def test_a_tool_that_cannot_start_says_so_and_that_saved_data_is_untouched():
    """startError puts an alert with the error's words at the top of the widget's body, never a
    traceback or a blank widget; the page scripts' start() use it (outcomes, return-to-run)."""
    show = """(message, error) => {
        const inserted = [];
        const body = { insertBefore: (node, before) => inserted.push(node) };
        const section = { querySelector: (sel) => (sel === ".rk-widget-body" ? body : null) };
        const node = { attrs: {}, setAttribute(k, v) { this.attrs[k] = v; }, appendChild() {} };
        document.createElement = () => node;
        rkCommon.startError(section, "rk-x-error", message, new Error(error));
        return inserted.map((n) => [n.attrs.class, n.attrs.role, n.textContent]);
    }"""
    (answer,) = call_common([(show, ["The planner could not start ({error}). Your saved log has not been changed.",
                                     "Unexpected token"])])
    assert answer == {"ok": [["rk-x-error", "alert",
                              "The planner could not start (Unexpected token). Your saved log has not been changed."]]}
    for name in ("outcomes", "return-to-run"):
        source = (REPO / "assets" / "rk" / f"{name}.js").read_text(encoding="utf-8")
        assert "C.startError(section" in source and "not been changed" in source, name
