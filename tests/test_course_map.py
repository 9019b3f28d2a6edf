"""One source for reading times: every page states one, chapter totals on index pages and in the
instructor guide's course map are the sums of their pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import source_of, toc_docnames
from widgets import course_map

CHAPTERS = [c["index"] for c in course_map.load_yaml(course_map.COURSE_MAP_FILE)["chapters"]]
NO_READING_TIME = {"book/index", "book/red-flags", "book/how-to-use", "book/glossary", "book/bibliography",
                   "book/evidence-register", "book/instructor-guide"}


@pytest.mark.parametrize("docname", [d for d in toc_docnames() if d not in NO_READING_TIME])
def test_every_chapter_page_tool_and_exercise_page_states_a_reading_time(docname):
    assert course_map.page_minutes(docname) > 0


@pytest.mark.parametrize("index", CHAPTERS)
def test_a_chapter_total_stated_on_its_index_is_the_sum_of_its_pages(index):
    text = source_of(index).read_text(encoding="utf-8")
    stated = re.search(r"\(the chapter[^)]*: about (\d+) minutes\)", text)
    if stated:
        assert int(stated.group(1)) == course_map.chapter_minutes(index), index


def test_course_map_lists_every_chapter_with_its_total_and_tools():
    table = course_map.course_map_markdown()
    for index in CHAPTERS:
        row = next(line for line in table.splitlines() if f"</{index}>" in line)
        assert f"~{course_map.chapter_minutes(index)} min" in row
    assert "{doc}`/book/rehabilitation/return-to-running-planner`" in table
    assert "{doc}`/book/treatment/can-i-run-today`" in table
