"""The static quiz: every question and option is real, labelled HTML, and the embedded data is
the validated quiz, numbers filled in."""

from __future__ import annotations

import dataclasses
import json
from itertools import combinations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script, embedded_data
from widgets.quiz import (
    LABELS,
    QUIZ_CHAPTERS,
    answers_csv,
    answers_rows,
    grade,
    grade_numeric,
    load_quiz,
    score_summary,
)
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
        assert f"Question {number} of {len(quiz.questions)}" in legend.get_text()
        assert question.instruction in legend.get_text()
        if question.numeric:
            field = box.select_one("fieldset input")
            assert field["type"] == "text" and field["inputmode"] == "decimal"
            assert box.select_one(f'label[for="{field["id"]}"]').get_text() == f"Your answer{question.numeric.unit}"
            continue
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
        if question.numeric:
            assert len(inputs) == 1 and box["data-kind"] == "numeric"
            continue
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
        if question["kind"] == "numeric":  # the answer is an interval computed from a model
            assert question["options"] == [] and question["numeric"]["low"] < question["numeric"]["high"]
            assert question["numeric"]["explanation"]
            continue
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
        end = soup.select_one(".rk-quiz-end")
        assert end.select_one(".rk-quiz-summary")["role"] == "status"
        assert end.select_one("button.rk-quiz-export")["data-filename"] == f"quiz-{chapter}-answers.csv"


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
        if question.numeric:
            continue
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


# --- numeric answers, the score and the exported file: the script says what widgets.quiz says ----

NUMERIC = [(chapter, q) for chapter in QUIZ_CHAPTERS for q in load_quiz(chapter).questions if q.numeric]
# Typed text: numbers near every accepted interval's ends, written in every accepted way, and junk.
NEAR = st.sampled_from([v for _, q in NUMERIC for v in (q.numeric.low, q.numeric.high)]).flatmap(
    lambda edge: st.floats(min_value=edge - 2, max_value=edge + 2))
TYPED = st.one_of(
    NEAR.map(lambda v: f"{v:.{len(str(v))}g}"),
    NEAR.map(lambda v: f"{v:.1f}".replace(".", ",")),
    NEAR.map(lambda v: f"  {round(v)} \n"),
    st.text(alphabet="0123456789+-.,e x\t\u00a0\u0663", max_size=8),
    st.text(max_size=6),
)


def python_numeric(question, text):
    try:
        return {"ok": dataclasses.asdict(grade_numeric(question, text))}
    except ValueError as exc:
        return {"error": str(exc)}


@settings(max_examples=10, deadline=None)
@given(st.lists(TYPED, min_size=20, max_size=40))
def test_the_script_grades_typed_numbers_like_python(texts):
    assert NUMERIC, "the quizzes have numeric questions"
    calls, expected = [], []
    for chapter, question in NUMERIC:
        data = next(q for q in load_quiz(chapter).to_data()["questions"] if q["id"] == question.id)
        for text in texts:
            calls.append(("rkQuiz.gradeNumeric", [data, text, LABELS]))
            expected.append(python_numeric(question, text))
    for (_, (data, text, _l)), want, have in zip(calls, expected, call_script("quiz", quiz_view("treatment"), calls),
                                                 strict=True):
        if "error" in want:
            assert have.get("error") == want["error"], (data["id"], text)
        else:
            assert have == want, (data["id"], text)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=8), min_size=5, max_size=20))
def test_the_script_sums_the_score_like_python(cases):
    got = call_script("quiz", quiz_view("treatment"), [("rkQuiz.summary", [c, LABELS]) for c in cases])
    assert got == [{"ok": score_summary(c)} for c in cases]


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_the_script_exports_the_same_file_as_python(data):
    calls, expected = [], []
    for chapter in QUIZ_CHAPTERS:
        quiz = load_quiz(chapter)
        answers = {}
        for q in quiz.questions:
            if q.numeric:
                answers[q.id] = data.draw(st.one_of(st.none(), TYPED))
            else:
                n = len(q.options)
                chosen = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n if q.multiple else 1))
                answers[q.id] = chosen
        plain = {k: v for k, v in answers.items() if v is not None}
        calls += [("rkQuiz.answersRows", [quiz.to_data(), plain]), ("rkQuiz.answersCsv", [quiz.to_data(), plain])]
        expected += [{"ok": answers_rows(quiz, plain)}, {"ok": answers_csv(quiz, plain)}]
    assert call_script("quiz", quiz_view("treatment"), calls) == expected
