"""The JupyterLab quiz: choosing options and clicking Check answer shows the grade() feedback."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.live.quiz import LiveQuiz
from widgets.quiz import LABELS, grade


def test_single_answer_wrong_then_right():
    live = LiveQuiz("symptoms-and-diagnosis")
    question = live.questions[1]  # point-tenderness: right answer is option 1
    assert isinstance(question.choice, ipw.RadioButtons) and question.choice.index is None
    assert "bottom tip of her kneecap" in question.prompt.value and "Choose one answer." in question.prompt.value
    assert question.feedback.value == ""

    question.button.click()
    assert LABELS["choose_first"] in question.feedback.value

    question.choice.index = 0
    question.button.click()
    text = question.feedback.value
    assert "Not quite." in text and LABELS["chosen_wrong"] in text and LABELS["missed_single"] in text
    assert "gesture around the whole" in text and "patellar tendinopathy" in text  # both explanations

    question.choice.index = 1
    assert question.feedback.value == "", "changing the answer clears the old feedback"
    question.button.click()
    assert "Correct." in question.feedback.value and LABELS["missed_single"] not in question.feedback.value


def test_multiple_answer_partial_then_complete():
    live = LiveQuiz("why-it-hurts")
    question = live.questions[0]  # where-pain-comes-from: options 0–2 right, 3 wrong
    assert question.choice is None and all(isinstance(b, ipw.Checkbox) for b in question.boxes)
    assert "Select all that apply." in question.prompt.value

    question.boxes[0].value = True
    question.boxes[3].value = True
    question.button.click()
    expected = grade(question.question, [0, 3])
    assert expected.message in question.feedback.value
    assert "1 of 3 right answers" in question.feedback.value and LABELS["missed_multiple"] in question.feedback.value

    question.boxes[3].value = False
    question.boxes[1].value = True
    question.boxes[2].value = True
    result = question.check()
    assert result.correct and "Correct." in question.feedback.value


def test_every_question_is_shown():
    live = LiveQuiz("prevention-and-faq")
    assert len(live.questions) == 6 and len(live.widget.children) == 8  # title, questions, score
    assert "rk-live-quiz" in live.widget._dom_classes


def test_numeric_question_and_the_score():
    live = LiveQuiz("prevention-and-faq")
    question = next(q for q in live.questions if q.question.numeric)  # 30 km last week: at most 33
    assert isinstance(question.text, ipw.Text) and "Type a number (km)." in question.prompt.value
    assert live.score.value == "<p><b>Your score: 0 of 6 right; 6 not checked yet.</b></p>"

    question.button.click()
    assert LABELS["type_first"] in question.feedback.value
    question.text.value = "33km"
    question.button.click()
    assert "is not a number" in question.feedback.value and question.result is None

    question.text.value = "40"
    question.button.click()
    assert "Not quite." in question.feedback.value and "33 km" in question.feedback.value
    assert "0 of 6 right; 5 not checked yet" in live.score.value

    question.text.value = "33"
    assert question.feedback.value == "" and "6 not checked yet" in live.score.value, "a new number clears"
    question.button.click()
    assert "Correct." in question.feedback.value and "1 of 6 right; 5 not checked yet" in live.score.value

    first = live.questions[0]
    first.choice.index = first.question.correct_indices[0]
    first.button.click()
    assert "2 of 6 right; 4 not checked yet" in live.score.value
