"""The static quiz: every question and option is real, labelled HTML, and the embedded data is
the validated quiz, numbers filled in."""

from __future__ import annotations

import dataclasses
import json
from itertools import combinations

import pytest
from bs4 import BeautifulSoup

from tests.static.node import call_script, embedded_data
from widgets.quiz import LABELS, QUIZ_CHAPTERS, grade, load_quiz
from widgets.static.quiz import quiz_html, quiz_view


def parse(chapter: str) -> BeautifulSoup:
    return BeautifulSoup(quiz_html(chapter), "html.parser")


@pytest.mark.parametrize("chapter", QUIZ_CHAPTERS)
def test_every_question_and_option_is_in_the_html(chapter):
    quiz = load_quiz(chapter)
    soup = parse(chapter)
    section = soup.select_one("section")
    assert section["data-rk-widget"] == "quiz" and "rk-widget-quiz" in section["class"]
    boxes = soup.select(".rk-quiz-question")
    assert [b["data-question"] for b in boxes] == [q.id for q in quiz.questions]
    for number, (box, question) in enumerate(zip(boxes, quiz.questions, strict=True), start=1):
        legend = box.select_one("fieldset > legend")
        assert legend.select_one(".rk-quiz-prompt").get_text() == question.prompt
        assert f"Question {number} of 5" in legend.get_text()
        assert question.instruction in legend.get_text()
        labels = box.select("fieldset label.rk-quiz-option")
        assert [label.get_text() for label in labels] == [o.text for o in question.options]
        assert box.select_one("button.rk-quiz-check").get_text() == "Check answer"
        assert box.select_one(".rk-quiz-feedback")["aria-live"] == "polite"


@pytest.mark.parametrize("chapter", QUIZ_CHAPTERS)
def test_labels_are_bound_to_their_inputs(chapter):
    quiz = load_quiz(chapter)
    soup = parse(chapter)
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for box, question in zip(soup.select(".rk-quiz-question"), quiz.questions, strict=True):
        inputs = box.select("input")
        kind = "checkbox" if question.multiple else "radio"
        assert [i["type"] for i in inputs] == [kind] * len(question.options)
        assert len({i["name"] for i in inputs}) == 1, "one group per question"
        assert [i["value"] for i in inputs] == [str(n) for n in range(len(question.options))]
        for label in box.select("label"):
            target = soup.find(id=label["for"])
            assert target is not None and target.name == "input"
            assert target in label.find_all("input"), "the input sits inside its own label"


@pytest.mark.parametrize("chapter", QUIZ_CHAPTERS)
def test_embedded_json_is_the_quiz(chapter):
    soup = parse(chapter)
    data = json.loads(soup.select_one('script[type="application/json"].rk-widget-data').string)
    assert data == load_quiz(chapter).to_data()
    assert data["labels"] == LABELS
    for question in data["questions"]:
        assert sum(o["correct"] for o in question["options"]) >= 1
        assert all(o["explanation"] for o in question["options"])


def test_html_is_one_line_and_self_contained():
    for chapter in QUIZ_CHAPTERS:
        markup = quiz_html(chapter)
        assert "\n" not in markup, "a line break could end MyST's raw HTML block early"
        soup = BeautifulSoup(markup, "html.parser")
        assert not soup.select("script[src], link, img, iframe, style")
        assert "http" not in markup
        assert soup.select_one("noscript") is not None
        assert all(b.has_attr("disabled") for b in soup.select("button")), "disabled until the script runs"


def test_notebook_display_gives_the_same_html():
    view = quiz_view("treatment")
    bundle = view._repr_mimebundle_()
    assert bundle["text/html"] == quiz_html("treatment")
    assert bundle["text/plain"] == "<Self-check quiz: Treatment>"


# --- the page's grading script under Node: the same marks and words as widgets.quiz.grade -------


@pytest.mark.parametrize("chapter", QUIZ_CHAPTERS)
def test_the_script_grades_every_choice_like_python(chapter):
    """Every possible answer to every question (order of choosing shuffled), and choices both
    refuse: none, out of range, repeated, several for a one-answer question, not whole."""
    widget = quiz_view(chapter)
    questions = json.loads(embedded_data(widget))["questions"]
    quiz = load_quiz(chapter)
    cases = []
    for question, data in zip(quiz.questions, questions, strict=True):
        n = len(question.options)
        for size in range(1, n + 1):
            cases += [(question, data, list(reversed(c))) for c in combinations(range(n), size)]
        cases += [(question, data, bad) for bad in ([], [n], [-1], [0, 0], [0.5])]
    answers = call_script("quiz", widget, [("rkQuiz.grade", [data, chosen]) for _, data, chosen in cases])
    for (question, _data, chosen), answer in zip(cases, answers, strict=True):
        try:
            expected = dataclasses.asdict(grade(question, chosen))
        except ValueError:
            assert "error" in answer, (question.id, chosen)
        else:
            expected = {**expected, "chosen": list(expected["chosen"]), "missed": list(expected["missed"])}
            assert answer == {"ok": expected}, (question.id, chosen)
