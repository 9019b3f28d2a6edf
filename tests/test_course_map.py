"""One source for reading times: every page states one, chapter totals on index pages and in the
instructor guide's course map are the sums of their pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import source_of, toc_docnames
from widgets import assignments, course_map

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


# --- objectives on every page, and the two-week module plan ----------------------------------------

def objectives_box(docname: str) -> str:
    """The text of the page's rk-objectives admonition, from its source (.md or the notebook's cells)."""
    text, _ = course_map._source_text(docname)
    box = re.search(r"^(:{3,})\{admonition\}[^\n]*\n:class: rk-objectives\n(.*?)^\1\s*$", text, re.S | re.M)
    assert box, f"{docname}: no objectives box (:::{{admonition}} with :class: rk-objectives)"
    return box.group(2)


@pytest.mark.parametrize("docname", [d for d in toc_docnames() if d not in NO_READING_TIME])
def test_every_page_text_tool_and_exercises_has_objectives_and_its_reading_time(docname):
    box = objectives_box(docname)
    assert f"**Reading time:** about {course_map.page_minutes(docname)} minute" in box
    assert re.search(r"^- ", box, re.M), f"{docname}: the objectives box lists no objectives"


def test_the_module_plan_times_every_page_of_every_chapter():
    plan = course_map.module_plan_markdown()
    for index in CHAPTERS:
        for doc in course_map.chapter_pages(index):
            row = next((line for line in plan.splitlines() if line.startswith(f"| {{doc}}`/{doc}` |")), None)
            assert row, f"{doc} is not in the module plan"
            assert row.endswith(f"| {course_map.page_minutes(doc)} |"), row
    kinds = {course_map.page_kind(d) for i in CHAPTERS for d in course_map.chapter_pages(i)}
    assert kinds == {"text", "tool", "exercises"}
    assert course_map.page_kind("book/rehabilitation/cadence") == "tool"


def test_a_session_total_is_its_pages_plus_its_assignment(monkeypatch):
    plan = course_map.module_plan_markdown()
    rehab = "book/rehabilitation/index"
    marks = sum(q.points for q in assignments.load_assignment("rehabilitation").questions)
    per_mark = course_map._plan()["assignment_minutes_per_mark"]
    assert course_map.assignment_minutes(rehab) == round(marks * per_mark)
    total = course_map.chapter_minutes(rehab) + course_map.assignment_minutes(rehab)
    assert f"Rehabilitation (about {total} minutes before class)" in plan
    # A chapter without an assignment (none is left in the book): its pages only.
    monkeypatch.setattr(assignments, "assignment_chapters", lambda: ["rehabilitation"])
    why = "book/why-it-hurts/index"
    assert course_map.assignment_minutes(why) is None
    assert f"Why it hurts (about {course_map.chapter_minutes(why)} minutes" in course_map.module_plan_markdown()


def test_teaching_notes_hold_prompts_and_every_written_questions_rubric():
    notes = course_map.teaching_notes_markdown()
    for chapter in assignments.assignment_chapters():
        for q in assignments.load_assignment(chapter).questions:
            if q.manual:
                assert " ".join(q.rubric.split()) in notes
    assert notes.count("*Discussion prompts.*") == len(CHAPTERS)
    assert "#" not in "".join(line[:1] for line in notes.splitlines()), "no headings inside {only} instructor"


def test_a_plan_that_leaves_out_a_chapter_is_a_clear_error(tmp_path, monkeypatch):
    import yaml

    raw = yaml.safe_load(course_map.COURSE_MAP_FILE.read_text(encoding="utf-8"))
    raw["module_plan"]["weeks"][0]["sessions"].pop(1)
    path = tmp_path / "course_map.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(course_map, "COURSE_MAP_FILE", path)
    with pytest.raises(course_map.DataFileError,
                       match="module_plan: chapter 'book/why-it-hurts/index' is in no session"):
        course_map.module_plan_markdown()
