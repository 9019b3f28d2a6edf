"""The self-check quizzes in JupyterLab: ipywidgets over the same quiz files and widgets.quiz.grade."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.quiz import LABELS, Feedback, Question, grade, load_quiz

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


class LiveQuestion:
    """One question: RadioButtons (one answer) or Checkboxes (select all), a button, feedback."""

    def __init__(self, question: Question, number: int, total: int):
        self.question = question
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
        for control in watched:  # feedback always matches the choice shown
            control.observe(lambda _: setattr(self.feedback, "value", ""), names="value")
        self.widget = ipw.VBox([self.prompt, controls, self.button, self.feedback])

    def chosen(self) -> list[int]:
        if self.question.multiple:
            return [i for i, box in enumerate(self.boxes) if box.value]
        return [] if self.choice.index is None else [self.choice.index]

    def check(self) -> Feedback | None:
        chosen = self.chosen()
        if not chosen:
            self.feedback.value = f"<p><i>{html.escape(LABELS['choose_first'])}</i></p>"
            return None
        result = grade(self.question, chosen)
        self.feedback.value = feedback_html(self.question, result)
        return result


class LiveQuiz:
    """A chapter's quiz: every question with its own Check answer button."""

    def __init__(self, chapter: str):
        self.quiz = load_quiz(chapter)
        total = len(self.quiz.questions)
        self.questions = [LiveQuestion(q, i + 1, total) for i, q in enumerate(self.quiz.questions)]
        title = ipw.HTML(f"{_STYLE}<h3>Self-check quiz: {html.escape(self.quiz.title)}</h3>")
        self.widget = ipw.VBox([title, *(q.widget for q in self.questions)])
        self.widget.add_class("rk-live-quiz")


def live_quiz(chapter: str) -> ipw.VBox:
    return LiveQuiz(chapter).widget
