"""Two editions from one source: the student site has no worked solutions, the instructor site has
every one, and each chapter has its exercises and quiz."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO
from widgets.quiz import QUIZ_CHAPTERS

EXERCISE_PAGES = [f"book/{chapter}/exercises" for chapter in QUIZ_CHAPTERS]


def solution_count(docname: str) -> int:
    notebook = json.loads((REPO / f"{docname}.ipynb").read_text(encoding="utf-8"))
    return sum("".join(c["source"]).count("::::{solution}") for c in notebook["cells"] if c["cell_type"] == "markdown")


def soup(root, docname):
    return BeautifulSoup((root / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("docname", EXERCISE_PAGES)
def test_each_chapter_has_three_to_six_exercises_with_solutions(docname):
    assert 3 <= solution_count(docname) <= 6


@pytest.mark.parametrize("docname", EXERCISE_PAGES)
def test_instructor_has_every_solution_and_student_none(student_html, instructor_html, docname):
    teacher, student = soup(instructor_html, docname), soup(student_html, docname)
    solutions = teacher.select("div.solution")
    assert len(solutions) == solution_count(docname)
    assert student.select("div.solution") == []
    student_text = " ".join(student.get_text(" ").split())
    for solution in solutions:
        body = solution.select_one("section#solution-content") or solution
        text = " ".join(body.get_text(" ").split())
        assert len(text) > 40, f"{docname}: a solution is (nearly) empty: {text!r}"
        # A distinctive run of the worked answer must not leak into the student page.
        assert text[-60:] not in student_text, f"{docname}: solution text in the student edition: {text[-60:]!r}"
    # Both editions show the same exercises, and the quiz.
    assert len(student.select("div.exercise")) == len(teacher.select("div.exercise")) == len(solutions)
    assert student.select('[data-rk-widget="quiz"]')


def test_instructor_edition_is_labelled(instructor_html, student_html):
    assert "instructor edition" in soup(instructor_html, "book/index").title.get_text()
    assert "instructor edition" not in soup(student_html, "book/index").title.get_text()


def test_generated_solutions_carry_model_numbers(instructor_html):
    from widgets import pf_load

    text = soup(instructor_html, "book/what-is-runners-knee/exercises").get_text(" ")
    assert f"{pf_load.cadence_effect(10, 60)['per_step_pct']:+.1f}%" in text


def test_teaching_cases_only_in_the_instructor_guide(student_html, instructor_html):
    """The triage vignettes print as teaching cases in the instructor edition, never for students."""
    from widgets import vignettes

    # Sphinx's smart quotes turn "runner's" into "runner’s" on the page.
    teacher = soup(instructor_html, "book/instructor-guide").get_text(" ").replace("’", "'")
    student = soup(student_html, "book/instructor-guide").get_text(" ").replace("’", "'")
    for i, case in enumerate(vignettes.load(), start=1):
        assert f"Case {i}. {case.title}" in teacher
        assert case.title not in student


def test_module_plan_in_both_editions_teaching_notes_and_rubrics_only_for_instructors(student_html, instructor_html):
    from widgets import course_map

    teacher = soup(instructor_html, "book/module-plan").get_text(" ")
    student = soup(student_html, "book/module-plan").get_text(" ")
    for text in (teacher, student):
        assert "Session 6" in text and "Week total" in text
    for marker in ("Teaching notes", "Discussion prompts", "Rubric, assignment question", "Marking contributions"):
        assert marker in teacher and marker not in student
    assert course_map._plan()["discussion_rubric"][0].split(":")[0] in teacher


def test_assignment_zips_are_linked_and_served_only_in_the_instructor_edition(student_html, instructor_html):
    from widgets import assignments

    teacher = soup(instructor_html, "book/instructor-guide")
    student = soup(student_html, "book/instructor-guide")
    for chapter in assignments.assignment_chapters():
        link = teacher.select_one(f'a[href="../assignments/{chapter}.zip"]')
        assert link is not None, chapter
        assert (instructor_html / "assignments" / f"{chapter}.zip").stat().st_size > 1000
        assert student.select_one(f'a[href$="{chapter}.zip"]') is None
        assert not (student_html / "assignments").exists()
