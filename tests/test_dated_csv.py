"""The shared reader of the dated CSV files (widgets/dated_csv.py): line numbers count physical
lines (a quoted cell may span two), one record a day, and an empty file is an error only when the
caller says so."""

import datetime
from dataclasses import dataclass

import pytest

from widgets.dated_csv import read_dated_rows


class BadFile(ValueError):
    pass


@dataclass
class Row:
    date: datetime.date
    note: str


def parse(row, line, source):
    return Row(datetime.date.fromisoformat(row[0]), row[1])


def read(text, empty_is_error=False):
    return read_dated_rows(text, source="f.csv", header=("date", "note"), parse_row=parse, error=BadFile,
                           one_a_day="one a day", empty_is_error=empty_is_error)


def test_a_quoted_note_over_two_lines_keeps_the_line_numbers_right():
    text = '\ufeffDate,Note\r\n2027-01-01,"two\nlines"\r\n\r\n2027-01-01,again\r\n'
    with pytest.raises(BadFile, match=r"f\.csv: line 5: a second entry for 2027-01-01 \(the first is on line 2\)"):
        read(text)


def test_records_come_back_in_file_order():
    rows = read("date,note\n2027-01-02,b\n2027-01-01,a\n")
    assert [r.note for r in rows] == ["b", "a"]


def test_an_empty_file_is_an_error_only_when_asked():
    assert read("") == []
    with pytest.raises(BadFile, match="line 1: empty file"):
        read("\n", empty_is_error=True)


def test_a_wrong_header_names_what_was_found():
    with pytest.raises(BadFile, match="line 1: the first line must be the header date,note, found 'day,note'"):
        read("day,note\n")
