"""Self-check quizzes, one per chapter: questions as data (``data/quizzes/<chapter>.yaml``).

A quiz file has ``title`` and ``questions``; the chapter is the file's name (a folder in
``book/``). A question has ``id`` (lower-case letters, digits and hyphens, unique in the file),
``prompt``, optional ``multiple`` (``true``: "Select all that apply", at least one option
right; default ``false``: exactly one option right) and ``options``: 2–6 of
``{text, correct?, explanation}``. ``correct`` defaults to ``false``; every option explains,
in a sentence or two, why it is right or wrong. No other keys are allowed, so a typo
(``corect:``) is an error instead of a silently wrong answer.

A **numeric** question has ``numeric`` instead of ``options``: ``model`` (``module:function`` of a
``widgets`` model), ``args`` for it, optional ``key`` (the field of a result that is a mapping or
an object, e.g. ``force_bw``), ``decimals`` (the places the answer is asked to), ``unit`` and
``explanation``. The answer is never typed: it is the model's result for those arguments. An
argument ``{clin: key}`` is the clinical number; ``{clin_range: key}`` evaluates the model at both
ends of the clinical range and accepts anything between. Either way the accepted interval is
widened by half a unit in the last place asked for, so an answer rounded as asked is right.
A quiz has five to eight choice questions (five for the chapter's first pages, more where later
pages were added, so that every page has at least one) and at most two numeric ones.

Text may contain ``{clin:key}`` / ``{clinnum:key}``, replaced with the clinical number from
``widgets.clinical`` when the quiz is loaded, so a quiz never retypes a number.

:func:`grade` marks a choice of options (0-based indices). The static site's
``assets/rk/quiz.js`` repeats the same rules and wording; a browser test checks that they agree
for every possible choice. Pure model: no widgets, no HTML.
"""

from __future__ import annotations

import csv
import importlib
import io
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from widgets import clinical
from widgets.clinical import DATA_DIR, DataFileError, load_yaml
from widgets.wording import number_text, round_half_up

QUIZ_DIR = DATA_DIR / "quizzes"
# Book order: each is a folder in book/ and a file in data/quizzes/.
QUIZ_CHAPTERS = (
    "what-is-runners-knee",
    "why-it-hurts",
    "symptoms-and-diagnosis",
    "treatment",
    "rehabilitation",
    "prevention-and-faq",
)
OPTIONS_RANGE = (2, 6)
SINGLE_INSTRUCTION = "Choose one answer."
MULTIPLE_INSTRUCTION = "Select all that apply."
NUMERIC_INSTRUCTION = "Type a number ({unit})."
CHOICE_QUESTIONS_RANGE = (5, 8)
MAX_NUMERIC_QUESTIONS = 2
# Words shown with the explanations; the static page's script reads them from the embedded data.
LABELS = {
    "chosen_right": "Your choice — right:",
    "chosen_wrong": "Your choice — not right:",
    "missed_single": "The right answer:",
    "missed_multiple": "Also right (you did not choose it):",
    "choose_first": "Choose an answer first.",
    "type_first": "Type a number first.",
    "not_a_number": "“{text}” is not a number: type digits only, for example {example}.",
    "numeric_answer": "The answer:",
    "numeric_yours": "Your answer:",
    "summary": "Your score: {right} of {total} right",
    "summary_unchecked": "{unchecked} not checked yet",
    "export": "Export my answers (CSV)",
    "csv_header": "number|question|your answer|result|right answer",
    "result_right": "right",
    "result_wrong": "not right",
    "result_none": "not answered",
    "result_invalid": "not a number",
}

_QUIZ_KEYS = {"title", "questions"}
_QUESTION_KEYS = {"id", "prompt", "multiple", "options"}
_NUMERIC_QUESTION_KEYS = {"id", "prompt", "numeric"}
_NUMERIC_KEYS = {"model", "args", "key", "decimals", "unit", "explanation"}
_OPTION_KEYS = {"text", "correct", "explanation"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Numeric:
    """A numeric question's answer, computed from a model: right if ``low <= x <= high``."""

    low: float
    high: float
    decimals: int
    unit: str
    explanation: str
    answer_text: str  # as the feedback shows it: "176" or "168–176"


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    multiple: bool
    options: tuple[Option, ...]
    numeric: Numeric | None = None

    @property
    def kind(self) -> str:
        return "numeric" if self.numeric else "choice"

    @property
    def correct_indices(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)

    @property
    def instruction(self) -> str:
        """What the reader is asked to do, shown with the prompt on the site and in JupyterLab."""
        if self.numeric:
            return NUMERIC_INSTRUCTION.format(unit=self.numeric.unit)
        return MULTIPLE_INSTRUCTION if self.multiple else SINGLE_INSTRUCTION

    def right_answer_text(self) -> str:
        """The right answer in words, for the exported file."""
        if self.numeric:
            return f"{self.numeric.answer_text} {self.numeric.unit}"
        return " / ".join(self.options[i].text for i in self.correct_indices)


@dataclass(frozen=True)
class Quiz:
    chapter: str
    title: str
    questions: tuple[Question, ...]
    source: Path | None = None

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise ValueError(f"No question {question_id!r} in the {self.chapter} quiz; known: {known}")

    def to_data(self) -> dict:
        """Plain data for the static quiz's embedded JSON (numbers already filled in)."""
        return {
            "chapter": self.chapter,
            "title": self.title,
            "labels": LABELS,
            "questions": [
                {
                    "id": q.id,
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "multiple": q.multiple,
                    "instruction": q.instruction,
                    "options": [
                        {"text": o.text, "correct": o.correct, "explanation": o.explanation} for o in q.options
                    ],
                    **({"numeric": {"low": q.numeric.low, "high": q.numeric.high, "unit": q.numeric.unit,
                                    "explanation": q.numeric.explanation, "answer_text": q.numeric.answer_text}}
                       if q.numeric else {}),
                }
                for q in self.questions
            ],
        }


@dataclass(frozen=True)
class OptionFeedback:
    """One option in the feedback: which it is, whether it is right, and why."""

    index: int
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer.

    ``chosen``: every option the reader chose, in order, with its explanation.
    ``missed``: the right options the reader did not choose (empty when the answer is correct),
    shown so that a wrong answer always ends with the right one explained.
    """

    correct: bool
    message: str
    chosen: tuple[OptionFeedback, ...]
    missed: tuple[OptionFeedback, ...]


# --- loading and validation ---------------------------------------------------------------

def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if value is None:
        raise DataFileError(f"{where}: field '{key}' is missing")
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: field '{key}' must be non-empty text")
    return clinical.fill_numbers(" ".join(value.split()), f"{where}, field '{key}'")


def _flag(raw: dict, key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(f"{where}: field '{key}' must be true or false, got {value!r}")
    return value


def _no_unknown_keys(raw: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in set(raw) - allowed)
    if unknown:
        raise DataFileError(f"{where}: unknown field '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")


def _parse_option(raw: object, where: str) -> Option:
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: must be a mapping with text, correct and explanation")
    _no_unknown_keys(raw, _OPTION_KEYS, where)
    return Option(text=_text(raw, "text", where), correct=_flag(raw, "correct", where),
                  explanation=_text(raw, "explanation", where))


def _model_argument(value, where: str):
    """An argument of a numeric question's model: a plain value, {clin: key} or {clin_range: key}
    (returned as a (low, high) pair to evaluate at both ends)."""
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in ("clin", "clin_range"):
            raise DataFileError(
                f"{where}: an argument mapping must be {{clin: key}} or {{clin_range: key}}, got {value!r}")
        kind, key = next(iter(value.items()))
        try:
            return clinical.bounds(key) if kind == "clin_range" else clinical.value(key)
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"{where}: {exc.args[0]}") from None
    return value


def _parse_numeric(raw: object, where: str) -> Numeric:
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: field 'numeric' must be a mapping with model, args, decimals, unit, explanation")
    _no_unknown_keys(raw, _NUMERIC_KEYS, f"{where}, numeric")
    target = raw.get("model")
    module_name, _, function_name = str(target).partition(":")
    if not module_name.startswith("widgets.") or not function_name:
        raise DataFileError(f"{where}: numeric 'model' must be 'widgets.<model>:<function>', got {target!r}")
    try:
        function = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError):
        raise DataFileError(f"{where}: numeric 'model' {target!r} does not exist") from None
    args = raw.get("args", [])
    if not isinstance(args, list):
        raise DataFileError(f"{where}: numeric 'args' must be a list")
    decimals = raw.get("decimals")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 3:
        raise DataFileError(f"{where}: numeric 'decimals' must be a whole number from 0 to 3, got {decimals!r}")
    unit = _text(raw, "unit", f"{where}, numeric")
    explanation = _text(raw, "explanation", f"{where}, numeric")
    resolved = [_model_argument(a, f"{where}, numeric") for a in args]
    ranged = [i for i, a in enumerate(resolved) if isinstance(a, tuple)]
    if len(ranged) > 1:
        raise DataFileError(f"{where}: numeric 'args' may hold one clin_range, not {len(ranged)}")
    ends = [resolved] if not ranged else [
        [a[end] if i == ranged[0] else a for i, a in enumerate(resolved)] for end in (0, 1)]
    key = raw.get("key")

    def evaluate(call):
        result = function(*call)
        if key is not None:
            result = result[key] if isinstance(result, dict) else getattr(result, key)
        return float(result)

    try:
        values = sorted(evaluate(call) for call in ends)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise DataFileError(f"{where}: numeric model {target} failed: {exc}") from None
    shown = [number_text(round_half_up(v, decimals)) for v in values]
    half = 0.5 * 10 ** -decimals
    return Numeric(low=values[0] - half, high=values[-1] + half, decimals=decimals, unit=unit,
                   explanation=explanation, answer_text=shown[0] if shown[0] == shown[-1] else "–".join(shown))


def _parse_question(raw: object, number: int, name: str) -> Question:
    if not isinstance(raw, dict):
        raise DataFileError(f"{name}: question {number}: must be a mapping with id, prompt and options")
    question_id = raw.get("id")
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise DataFileError(
            f"{name}: question {number}: field 'id' must be lower-case letters, digits and hyphens, "
            f"got {question_id!r}"
        )
    where = f"{name}: question '{question_id}'"
    if "numeric" in raw:
        _no_unknown_keys(raw, _NUMERIC_QUESTION_KEYS, where)
        return Question(id=question_id, prompt=_text(raw, "prompt", where), multiple=False, options=(),
                        numeric=_parse_numeric(raw["numeric"], where))
    _no_unknown_keys(raw, _QUESTION_KEYS, where)
    multiple = _flag(raw, "multiple", where)
    options = raw.get("options")
    low, high = OPTIONS_RANGE
    if not isinstance(options, list) or not low <= len(options) <= high:
        count = len(options) if isinstance(options, list) else "no list of"
        raise DataFileError(f"{where}: field 'options' must list {low} to {high} options, found {count}")
    parsed = tuple(_parse_option(option, f"{where}, option {i + 1}") for i, option in enumerate(options))
    right = sum(option.correct for option in parsed)
    if multiple and right < 1:
        raise DataFileError(f"{where}: a 'multiple: true' question needs at least one option with 'correct: true'")
    if not multiple and right != 1:
        raise DataFileError(
            f"{where}: a single-answer question needs exactly one option with 'correct: true', found {right} "
            "(set 'multiple: true' for a select-all-that-apply question)"
        )
    texts = [option.text for option in parsed]
    repeated = next((t for t in texts if texts.count(t) > 1), None)
    if repeated is not None:
        raise DataFileError(f"{where}: option {repeated!r} is given twice")
    return Question(id=question_id, prompt=_text(raw, "prompt", where), multiple=multiple, options=parsed)


def load_quiz_file(path: Path) -> Quiz:
    """Read and validate one quiz file; the chapter is the file's name without ``.yaml``."""
    path = Path(path)
    name = path.name
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(f"{name}: expected 'title' and 'questions' at the top level")
    _no_unknown_keys(raw, _QUIZ_KEYS, name)
    title = _text(raw, "title", name)
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        raise DataFileError(f"{name}: field 'questions' must list at least one question")
    parsed = tuple(_parse_question(q, i + 1, name) for i, q in enumerate(questions))
    seen: set[str] = set()
    for question in parsed:
        if question.id in seen:
            raise DataFileError(f"{name}: question '{question.id}': id used twice; question ids must be unique")
        seen.add(question.id)
    return Quiz(chapter=path.stem, title=title, questions=parsed, source=path)


def quiz_files() -> list[Path]:
    return [QUIZ_DIR / f"{chapter}.yaml" for chapter in QUIZ_CHAPTERS]


def load_quiz(chapter: str) -> Quiz:
    """The quiz of ``chapter`` (one of :data:`QUIZ_CHAPTERS`), validated."""
    if chapter not in QUIZ_CHAPTERS:
        raise ValueError(f"No quiz for chapter {chapter!r}; chapters with quizzes: {', '.join(QUIZ_CHAPTERS)}")
    return load_quiz_file(QUIZ_DIR / f"{chapter}.yaml")


# --- grading ------------------------------------------------------------------------------

def _indices(question: Question, chosen_indices) -> list[int]:
    last = len(question.options) - 1
    allowed = f"option numbers from 0 to {last} (0 is the first option)"
    if isinstance(chosen_indices, numbers.Integral) and not isinstance(chosen_indices, bool):
        chosen_indices = [chosen_indices]
    if isinstance(chosen_indices, (str, bytes)) or not isinstance(chosen_indices, Iterable):
        raise ValueError(f"Choices must be a list of {allowed}, got {chosen_indices!r}")
    chosen = list(chosen_indices)
    for index in chosen:
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise ValueError(f"Choices must be whole {allowed}, got {index!r}")
        if not 0 <= index <= last:
            raise ValueError(f"Choices must be {allowed}, got {index}")
    if not chosen:
        raise ValueError("Choose at least one option before checking the answer.")
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"Each option can be chosen only once, got {chosen}")
    if not question.multiple and len(chosen) > 1:
        raise ValueError(f"Question {question.id!r} takes one answer, got {len(chosen)} choices: {chosen}")
    return sorted(int(i) for i in chosen)


def _message(question: Question, chosen: set[int], right: set[int]) -> str:
    if chosen == right:
        return "Correct."
    if not question.multiple:
        return "Not quite."
    found, wrong, total = len(chosen & right), len(chosen - right), len(right)
    message = f"Not quite: you found {found} of {total} right answer{'' if total == 1 else 's'}"
    if wrong:
        message += f", and {wrong} of your choices {'is' if wrong == 1 else 'are'} not right"
    return message + "."


def grade(question: Question, chosen_indices) -> Feedback:
    """Mark the options chosen (0-based indices; one int is accepted for a single answer).

    Right only if exactly the right options are chosen. Bad choices (none, out of range, not
    whole numbers, repeated, or several for a single-answer question) raise ValueError.
    """
    chosen = _indices(question, chosen_indices)
    right = set(question.correct_indices)

    def explained(i: int) -> OptionFeedback:
        option = question.options[i]
        return OptionFeedback(index=i, text=option.text, correct=option.correct, explanation=option.explanation)

    return Feedback(
        correct=set(chosen) == right,
        message=_message(question, set(chosen), right),
        chosen=tuple(explained(i) for i in chosen),
        missed=tuple(explained(i) for i in sorted(right - set(chosen))),
    )


# --- numeric answers, the score, the exported answers ---------------------------------------------

# ASCII digits only, and only spaces, tabs and line breaks trimmed: exactly what quiz.js accepts
# (Python's \d and str.strip() take more characters than JavaScript's).
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$")
_SPACE = " \t\r\n"


@dataclass(frozen=True)
class NumericFeedback:
    correct: bool
    message: str
    given: float
    answer_text: str
    unit: str
    explanation: str


def parse_number(text, example: str = "12.5") -> float:
    """A typed number: digits with an optional sign and one decimal point or comma ("172", "9,5").
    Empty or anything else raises ValueError with the words the page shows."""
    if not isinstance(text, str):
        raise ValueError(f"the answer must be text, got {text!r}")
    cleaned = text.strip(_SPACE)
    if not cleaned:
        raise ValueError(LABELS["type_first"])
    if not _NUMBER.match(cleaned):
        raise ValueError(LABELS["not_a_number"].format(text=cleaned, example=example))
    return float(cleaned.replace(",", "."))


def _example(question: Question) -> str:
    return question.numeric.answer_text.split("–")[0] if question.numeric else "12.5"


def grade_numeric(question: Question, text) -> NumericFeedback:
    """Mark a typed answer to a numeric question: right if it lies in the accepted interval."""
    if not question.numeric:
        raise ValueError(f"Question {question.id!r} is not a numeric question")
    value = parse_number(text, _example(question))
    n = question.numeric
    correct = n.low - 1e-9 <= value <= n.high + 1e-9
    return NumericFeedback(correct=correct, message="Correct." if correct else "Not quite.", given=value,
                           answer_text=n.answer_text, unit=n.unit, explanation=n.explanation)


def score_summary(results) -> dict:
    """The score line shown under a quiz: ``results`` holds, per question, True (right), False
    (not right) or None (not checked yet)."""
    results = list(results)
    right = sum(1 for r in results if r is True)
    unchecked = sum(1 for r in results if r is None)
    message = LABELS["summary"].format(right=right, total=len(results))
    if unchecked:
        message += "; " + LABELS["summary_unchecked"].format(unchecked=unchecked)
    return {"right": right, "unchecked": unchecked, "total": len(results), "message": message + "."}


def _answer_row(number: int, question: Question, answer) -> list[str]:
    right_text = question.right_answer_text()
    if question.numeric:
        given = (answer if isinstance(answer, str) else "").strip(_SPACE)
        if not given:
            return [str(number), question.prompt, "", LABELS["result_none"], right_text]
        try:
            correct = grade_numeric(question, given).correct
        except ValueError:
            return [str(number), question.prompt, given, LABELS["result_invalid"], right_text]
        return [str(number), question.prompt, given,
                LABELS["result_right" if correct else "result_wrong"], right_text]
    chosen = sorted(answer or [])
    if not chosen:
        return [str(number), question.prompt, "", LABELS["result_none"], right_text]
    correct = grade(question, chosen).correct
    return [str(number), question.prompt, " / ".join(question.options[i].text for i in chosen),
            LABELS["result_right" if correct else "result_wrong"], right_text]


def answers_rows(quiz: Quiz, answers: dict) -> list[list[str]]:
    """The exported file's rows: a header, then per question its number, prompt, the reader's
    answer (chosen options' texts, or the number as typed), the result and the right answer.
    ``answers`` maps question ids to chosen option indices (choice) or the typed text (numeric)."""
    rows = [LABELS["csv_header"].split("|")]
    for number, question in enumerate(quiz.questions, start=1):
        rows.append(_answer_row(number, question, answers.get(question.id)))
    return rows


def answers_csv(quiz: Quiz, answers: dict) -> str:
    """The "export my answers" file as the page writes it (rkCommon): UTF-8 with a byte-order
    mark, rows as Python's csv.writer writes them."""
    out = io.StringIO()
    csv.writer(out).writerows(answers_rows(quiz, answers))
    return "\ufeff" + out.getvalue()


def export_filename(chapter: str) -> str:
    return f"quiz-{chapter}-answers.csv"
