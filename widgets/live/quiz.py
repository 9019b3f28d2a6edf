"""The self-check quizzes in JupyterLab: ipywidgets over the same quiz files and widgets.quiz.grade
(choice questions) or widgets.quiz.grade_numeric (a typed number), with the score line under them."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.quiz import LABELS, Feedback, NumericFeedback, Question, grade, grade_numeric, load_quiz, score_summary

_WIDE = ipw.Layout(width="100%")
# ipywidgets gives radio and checkbox labels one fixed-height line (long options would be cut
# off or overlap); inside a quiz they wrap instead.
_STYLE = (
    "<style>"
    ".rk-live-quiz .jupyter-widget-radio-box label, .rk-live-quiz .widget-radio-box label"
    "{height:auto;line-height:1.4;margin-bottom:0.45em}"
    ".rk-live-quiz .jupyter-widget-checkbox, .rk-live-quiz .widget-checkbox{height:auto;line-height:1.4}"
    ".rk-live-quiz .jupyter-widget-label-basic, .rk-live-quiz .widget-label-basic"
    "{white-space:normal;overflow:visible;line-height:1.4;margin-bottom:0.45em}"
    "</style>"
)


def feedback_html(question: Question, feedback: Feedback) -> str:
    """The verdict, each chosen option's explanation and, for a wrong answer, the right one(s)."""
    colour = "#00704f" if feedback.correct else "#b00020"
    missed_label = LABELS["missed_multiple"] if question.multiple else LABELS["missed_single"]
    items = [
        (LABELS["chosen_right"] if o.correct else LABELS["chosen_wrong"], o) for o in feedback.chosen
    ] + [(missed_label, o) for o in feedback.missed]
    rows = "".join(
        f"<li><b>{html.escape(label)}</b> “{html.escape(o.text)}”<br>{html.escape(o.explanation)}</li>"
        for label, o in items
    )
    return (
        f'<div style="border-left:6px solid {colour};padding:0.3em 0.8em">'
        f"<p><b>{html.escape(feedback.message)}</b></p><ul>{rows}</ul></div>"
    )


def numeric_feedback_html(feedback: NumericFeedback) -> str:
    """The verdict and the model's answer with its explanation."""
    colour = "#00704f" if feedback.correct else "#b00020"
    return (
        f'<div style="border-left:6px solid {colour};padding:0.3em 0.8em">'
        f"<p><b>{html.escape(feedback.message)}</b></p><ul><li><b>{html.escape(LABELS['numeric_answer'])}</b> "
        f"{html.escape(feedback.answer_text)} {html.escape(feedback.unit)}<br>{html.escape(feedback.explanation)}"
        "</li></ul></div>"
    )


class LiveNumericQuestion:
    """One numeric question: a text box for the number, a button, feedback."""

    def __init__(self, question: Question, number: int, total: int, on_result=None):
        self.question = question
        self.result: bool | None = None
        self._on_result = on_result or (lambda: None)
        self.prompt = ipw.HTML(
            f"<p><small>Question {number} of {total}</small><br><b>{html.escape(question.prompt)}</b>"
            f"<br><i>{html.escape(question.instruction)}</i></p>"
        )
        self.text = ipw.Text(value="", placeholder=question.numeric.unit, description="Your answer",
                             style={"description_width": "initial"})
        self.button = ipw.Button(description="Check answer", button_style="primary")
        self.button.on_click(lambda _: self.check())
        self.feedback = ipw.HTML()
        self.text.observe(lambda _: self._clear(), names="value")  # feedback always matches the number shown
        self.widget = ipw.VBox([self.prompt, self.text, self.button, self.feedback])

    def _clear(self):
        self.feedback.value = ""
        if self.result is not None:
            self.result = None
            self._on_result()

    def check(self) -> NumericFeedback | None:
        try:
            result = grade_numeric(self.question, self.text.value)
        except ValueError as exc:
            self.feedback.value = f"<p><i>{html.escape(str(exc))}</i></p>"
            self.result = None
            self._on_result()
            return None
        self.feedback.value = numeric_feedback_html(result)
        self.result = result.correct
        self._on_result()
        return result


class LiveQuestion:
    """One question: RadioButtons (one answer) or Checkboxes (select all), a button, feedback."""

    def __init__(self, question: Question, number: int, total: int, on_result=None):
        self.question = question
        self.result: bool | None = None
        self._on_result = on_result or (lambda: None)
        self.prompt = ipw.HTML(
            f"<p><small>Question {number} of {total}</small><br><b>{html.escape(question.prompt)}</b>"
            f"<br><i>{html.escape(question.instruction)}</i></p>"
        )
        texts = [option.text for option in question.options]
        if question.multiple:
            self.boxes = [ipw.Checkbox(value=False, description=text, indent=False, layout=_WIDE) for text in texts]
            self.choice = None
            controls = ipw.VBox(self.boxes)
            watched = self.boxes
        else:
            self.boxes = []
            # (label, value) pairs: the value is the option's index; no option is chosen at first.
            self.choice = ipw.RadioButtons(options=[(text, i) for i, text in enumerate(texts)], index=None,
                                           layout=_WIDE)
            controls = self.choice
            watched = [self.choice]
        self.button = ipw.Button(description="Check answer", button_style="primary")
        self.button.on_click(lambda _: self.check())
        self.feedback = ipw.HTML()
        for control in watched:  # feedback (and the score) always match the choice shown
            control.observe(lambda _: self._clear(), names="value")
        self.widget = ipw.VBox([self.prompt, controls, self.button, self.feedback])

    def _clear(self):
        self.feedback.value = ""
        if self.result is not None:
            self.result = None
            self._on_result()

    def chosen(self) -> list[int]:
        if self.question.multiple:
            return [i for i, box in enumerate(self.boxes) if box.value]
        return [] if self.choice.index is None else [self.choice.index]

    def check(self) -> Feedback | None:
        chosen = self.chosen()
        if not chosen:
            self.feedback.value = f"<p><i>{html.escape(LABELS['choose_first'])}</i></p>"
            self.result = None
            self._on_result()
            return None
        result = grade(self.question, chosen)
        self.feedback.value = feedback_html(self.question, result)
        self.result = result.correct
        self._on_result()
        return result


class LiveQuiz:
    """A chapter's quiz: every question with its own Check answer button, and the score under them."""

    def __init__(self, chapter: str):
        self.quiz = load_quiz(chapter)
        total = len(self.quiz.questions)
        self.questions = [
            (LiveNumericQuestion if q.numeric else LiveQuestion)(q, i + 1, total, self._show_score)
            for i, q in enumerate(self.quiz.questions)
        ]
        title = ipw.HTML(f"{_STYLE}<h3>Self-check quiz: {html.escape(self.quiz.title)}</h3>")
        self.score = ipw.HTML()
        self._show_score()
        self.widget = ipw.VBox([title, *(q.widget for q in self.questions), self.score])
        self.widget.add_class("rk-live-quiz")

    def _show_score(self):
        summary = score_summary(q.result for q in self.questions)
        self.score.value = f"<p><b>{html.escape(summary['message'])}</b></p>"


def live_quiz(chapter: str) -> ipw.VBox:
    return LiveQuiz(chapter).widget
