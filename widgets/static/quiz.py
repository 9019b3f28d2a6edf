"""The static-site self-check quiz: questions as real HTML form controls, checked by _static/rk/quiz.js.

Every question, option and label is in the page's HTML (readable and searchable without
JavaScript, announced properly by screen readers); the answers and explanations travel as the
embedded JSON, generated at build time from the same YAML file that the JupyterLab version and
:func:`widgets.quiz.grade` use. No kernel, no network, no random ids (stored notebook outputs
stay stable).

In a Markdown page (the HTML is one line, so MyST passes it through as a raw HTML block)::

    :::{generated} widgets.static.quiz:quiz_html what-is-runners-knee
    :::

In a notebook cell: ``from widgets.static.quiz import quiz_view; quiz_view("what-is-runners-knee")``.
"""

from __future__ import annotations

import html

from widgets.display import StaticWidget
from widgets.quiz import LABELS, Question, Quiz, export_filename, load_quiz, score_summary


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def input_id(chapter: str, question_id: str, index: int) -> str:
    """The id of option ``index`` of a question: unique on a page even with several quizzes."""
    return f"rk-quiz-{chapter}-{question_id}-{index}"


def _numeric_html(quiz: Quiz, number: int, question: Question) -> str:
    field = input_id(quiz.chapter, question.id, 0)
    return (
        f'<div class="rk-quiz-question rk-quiz-numeric" data-question="{_esc(question.id)}" data-kind="numeric">'
        f"<fieldset><legend>"
        f'<span class="rk-quiz-number">Question {number} of {len(quiz.questions)}</span> '
        f'<span class="rk-quiz-prompt">{_esc(question.prompt)}</span> '
        f'<span class="rk-quiz-instruction">{_esc(question.instruction)}</span>'
        f'</legend><div class="rk-quiz-options"><label class="rk-quiz-number-field" for="{field}">'
        f'<span>Your answer</span><input type="text" inputmode="decimal" autocomplete="off" id="{field}" '
        f'name="rk-quiz-{quiz.chapter}-{question.id}"><span class="rk-quiz-unit">{_esc(question.numeric.unit)}</span>'
        f"</label></div></fieldset>"
        f'<button type="button" class="rk-quiz-check" disabled>Check answer</button>'
        f'<div class="rk-quiz-feedback" aria-live="polite"></div>'
        f"</div>"
    )


def _question_html(quiz: Quiz, number: int, question: Question) -> str:
    if question.numeric:
        return _numeric_html(quiz, number, question)
    kind = "checkbox" if question.multiple else "radio"
    name = f"rk-quiz-{quiz.chapter}-{question.id}"
    options = "".join(
        f'<label class="rk-quiz-option" for="{input_id(quiz.chapter, question.id, i)}">'
        f'<input type="{kind}" id="{input_id(quiz.chapter, question.id, i)}" name="{name}" value="{i}">'
        f'<span class="rk-quiz-option-text">{_esc(option.text)}</span></label>'
        for i, option in enumerate(question.options)
    )
    return (
        f'<div class="rk-quiz-question" data-question="{_esc(question.id)}" '
        f'data-multiple="{"true" if question.multiple else "false"}">'
        f"<fieldset><legend>"
        f'<span class="rk-quiz-number">Question {number} of {len(quiz.questions)}</span> '
        f'<span class="rk-quiz-prompt">{_esc(question.prompt)}</span> '
        f'<span class="rk-quiz-instruction">{_esc(question.instruction)}</span>'
        f'</legend><div class="rk-quiz-options">{options}</div></fieldset>'
        f'<button type="button" class="rk-quiz-check" disabled>Check answer</button>'
        f'<div class="rk-quiz-feedback" aria-live="polite"></div>'
        f"</div>"
    )


def quiz_view(chapter: str) -> StaticWidget:
    """The self-check quiz of ``chapter`` (a folder in book/) for the static site."""
    quiz = load_quiz(chapter)
    count = len(quiz.questions)
    summary = score_summary([None] * count)["message"]
    body = (
        f'<p class="rk-quiz-intro"><strong>Self-check quiz: {_esc(quiz.title)}.</strong> '
        f"{count} question{'' if count == 1 else 's'}. Choose or type your answer and press “Check answer” to "
        "see whether it is right and why; your score is at the end, where you can also save your answers "
        "as a file. Nothing you choose is recorded or sent anywhere.</p>"
        '<p class="rk-quiz-status" role="status"></p>'
        '<noscript><p class="rk-quiz-nojs">Checking answers needs JavaScript in your browser. The '
        "questions are still here to think about; each page of the chapter has its own "
        "“Check yourself” answers.</p></noscript>"
        + "".join(_question_html(quiz, i + 1, q) for i, q in enumerate(quiz.questions))
        + '<div class="rk-quiz-end">'
        f'<p class="rk-quiz-summary" role="status" aria-live="polite">{_esc(summary)}</p>'
        f'<button type="button" class="rk-quiz-export" disabled data-filename="{_esc(export_filename(quiz.chapter))}">'
        f'{_esc(LABELS["export"])}</button>'
        '<p class="rk-quiz-export-note">The file is made in your browser and saved on this device; nothing is sent.</p>'
        "</div>"
    )
    return StaticWidget("quiz", data=quiz.to_data(), fallback_html=body, label=f"Self-check quiz: {quiz.title}")


def quiz_html(chapter: str) -> str:
    """The quiz as one line of HTML: for the ``{generated}`` directive in a Markdown page."""
    # One line: quiz text is whitespace-normalised on loading and JSON escapes newlines, so no
    # blank line can end MyST's raw HTML block early (tests/static/test_quiz.py checks it).
    return quiz_view(chapter).to_html()
