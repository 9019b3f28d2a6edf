"""Autograded assignments, one per chapter, in otter-grader's assign format.

An assignment is data: ``data/assignments/<chapter>.yaml`` holds its title, introduction, setup
code and questions. A question is either

- **autograded**: ``name``, ``title``, ``points``, ``prompt`` (Markdown), ``reference`` (a
  function of :mod:`widgets.exercise_solutions`), optional ``args`` for it (the case the question
  sets; the prompt and the solution show them through ``{arg}`` placeholders, so ``{{``/``}}`` for
  a literal brace), ``solution`` (the reference code a student might write, one statement a
  line) and ``answers``: for each variable the student must set, the ``key`` of the reference
  function's result and, for numbers, the ``decimals`` the prompt asks for (the tolerance is
  half a unit in that place); or
- **written** (``manual: true``): ``name``, ``title``, ``points``, ``prompt``, ``model_answer``
  and ``rubric`` (marked by the instructor; both appear only in the autograder's solution
  notebook and the instructor edition).

Prompts may use ``{clin:key}`` for a clinical number, as quizzes do. The expected values are not
typed anywhere: :func:`expected` calls the reference function, and :func:`source_notebook` writes
them into the hidden tests, so a test cannot disagree with the model a student runs. Each
autograded question is all-or-nothing: a wrong number loses that question's marks and no other.

``python -m widgets.assignments OUT`` (``make assignments``) regenerates ``assignments/<chapter>.ipynb``
(otter's source notebooks, committed so they can be read and reviewed) and runs ``otter assign``
on each into ``OUT/<chapter>/`` — ``student/`` (to hand out), ``autograder/`` (solutions and
``<chapter>-autograder.zip``) — plus ``OUT/<chapter>.zip`` with both for the instructor site.
Grading is local, offline, without Docker: ``otter run -a <chapter>-autograder.zip submission.ipynb``.
"""

from __future__ import annotations

import datetime
import numbers
import os
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from widgets import clinical, exercise_solutions
from widgets.clinical import DATA_DIR, DataFileError, load_yaml

ASSIGNMENT_DIR = DATA_DIR / "assignments"
REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO / "assignments"
# Book order; each is a folder in book/ (and a quiz). Chapters without a file have no assignment yet.
CHAPTERS = (
    "what-is-runners-knee",
    "why-it-hurts",
    "symptoms-and-diagnosis",
    "treatment",
    "rehabilitation",
    "prevention-and-faq",
)
_TOP_KEYS = {"title", "intro", "setup", "questions"}
_AUTO_KEYS = {"name", "title", "points", "prompt", "reference", "args", "solution", "answers"}
_MANUAL_KEYS = {"name", "title", "points", "manual", "prompt", "model_answer", "rubric"}
_ANSWER_KEYS = {"key", "decimals"}
_NAME = re.compile(r"^q[0-9]+$")
_VARIABLE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Answer:
    variable: str
    key: str
    decimals: int | None  # numbers only: the places the prompt asks for

    def tolerance(self) -> float:
        return 0.0 if self.decimals is None else 0.5 * 10 ** -self.decimals


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    points: float
    prompt: str
    manual: bool = False
    reference: str = ""
    args: dict = field(default_factory=dict)
    solution: str = ""
    answers: tuple[Answer, ...] = ()
    model_answer: str = ""
    rubric: str = ""


@dataclass(frozen=True)
class Assignment:
    chapter: str
    title: str
    intro: str
    setup: str
    questions: tuple[Question, ...]

    @property
    def auto_points(self) -> float:
        return sum(q.points for q in self.questions if not q.manual)

    def question(self, name: str) -> Question:
        for q in self.questions:
            if q.name == name:
                return q
        raise ValueError(f"No question {name!r} in the {self.chapter} assignment; known: "
                         f"{', '.join(q.name for q in self.questions)}")


# --- loading --------------------------------------------------------------------------------------

def _show(value) -> str:
    """An argument as the prompt shows it: numbers as written, sequences as Python literals."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Real):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_show(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    return str(value)


def _as_call_args(value):
    """YAML lists of lists → tuples inside (the reference functions' documented case shapes)."""
    if isinstance(value, list):
        return [tuple(v) if isinstance(v, list) else v for v in value]
    return value


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: field '{key}' must be non-empty text")
    return value.strip()


def _unknown(raw: dict, allowed: set[str], where: str) -> None:
    extra = sorted(set(raw) - allowed)
    if extra:
        raise DataFileError(f"{where}: unknown field '{extra[0]}' (allowed: {', '.join(sorted(allowed))})")


def _points(raw: dict, where: str) -> float:
    points = raw.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise DataFileError(f"{where}: field 'points' must be a positive number, got {points!r}")
    return points


def _parse_question(raw: object, number: int, name: str) -> Question:
    where = f"{name}: question {number}"
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: must be a mapping")
    qname = raw.get("name")
    if not isinstance(qname, str) or not _NAME.match(qname):
        raise DataFileError(f"{where}: field 'name' must be q1, q2, …; got {qname!r}")
    where = f"{name}: question '{qname}'"
    title, points = _text(raw, "title", where), _points(raw, where)
    if raw.get("manual", False) is True:
        _unknown(raw, _MANUAL_KEYS, where)
        return Question(qname, title, points, clinical.fill_numbers(_text(raw, "prompt", where), where),
                        manual=True, model_answer=clinical.fill_numbers(_text(raw, "model_answer", where), where),
                        rubric=_text(raw, "rubric", where))
    _unknown(raw, _AUTO_KEYS, where)
    reference = _text(raw, "reference", where)
    if not reference.endswith("_answers") or not callable(getattr(exercise_solutions, reference, None)):
        raise DataFileError(f"{where}: 'reference' must name a *_answers function of widgets.exercise_solutions, "
                            f"got {reference!r}")
    args = raw.get("args") or {}
    if not isinstance(args, dict):
        raise DataFileError(f"{where}: field 'args' must be a mapping of the reference function's arguments")
    try:
        prompt = clinical.fill_numbers(_text(raw, "prompt", where), where).format_map(
            {k: _show(v) for k, v in args.items()})
    except KeyError as exc:
        raise DataFileError(f"{where}: the prompt uses {{{exc.args[0]}}}, which is not in 'args'") from None
    answers_raw = raw.get("answers")
    if not isinstance(answers_raw, dict) or not answers_raw:
        raise DataFileError(f"{where}: field 'answers' must map each answer variable to its key")
    answers = []
    for variable, spec in answers_raw.items():
        if not isinstance(variable, str) or not _VARIABLE.match(variable) or not variable.startswith(qname + "_"):
            raise DataFileError(f"{where}: answer variable {variable!r} must start with '{qname}_' "
                                "(lower-case letters, digits and underscores)")
        if not isinstance(spec, dict) or not isinstance(spec.get("key"), str):
            raise DataFileError(f"{where}: answer {variable!r} needs a 'key' (the reference result to compare)")
        _unknown(spec, _ANSWER_KEYS, f"{where}, answer {variable!r}")
        decimals = spec.get("decimals")
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
            raise DataFileError(f"{where}, answer {variable!r}: 'decimals' must be a whole number ≥ 0")
        answers.append(Answer(variable, spec["key"], decimals))
    try:
        solution = _text(raw, "solution", where).format_map({k: _show(v) for k, v in args.items()})
    except KeyError as exc:
        raise DataFileError(f"{where}: the solution uses {{{exc.args[0]}}}, which is not in 'args'") from None
    assigned = {line.split("=", 1)[0].strip() for line in solution.splitlines() if "=" in line}
    missing = [a.variable for a in answers if a.variable not in assigned]
    if missing:
        raise DataFileError(f"{where}: the solution never sets {', '.join(missing)}")
    return Question(qname, title, points, prompt, reference=reference, args=args, solution=solution,
                    answers=tuple(answers))


def load_assignment(chapter: str) -> Assignment:
    """The chapter's assignment, validated, with every answer's reference value computable."""
    path = ASSIGNMENT_DIR / f"{chapter}.yaml"
    if chapter not in CHAPTERS or not path.exists():
        raise ValueError(f"No assignment for {chapter!r}; chapters with one: {', '.join(assignment_chapters())}")
    raw = load_yaml(path)
    name = path.name
    if not isinstance(raw, dict):
        raise DataFileError(f"{name}: expected title, intro, setup and questions at the top level")
    _unknown(raw, _TOP_KEYS, name)
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        raise DataFileError(f"{name}: field 'questions' must list at least one question")
    parsed = tuple(_parse_question(q, i + 1, name) for i, q in enumerate(questions))
    names = [q.name for q in parsed]
    if names != [f"q{i + 1}" for i in range(len(parsed))]:
        raise DataFileError(f"{name}: questions must be named q1, q2, … in order; got {', '.join(names)}")
    assignment = Assignment(chapter, _text(raw, "title", name), clinical.fill_numbers(_text(raw, "intro", name), name),
                            _text(raw, "setup", name), parsed)
    for q in (q for q in parsed if not q.manual):
        values = expected(q)
        for a in q.answers:
            if a.key not in values:
                raise DataFileError(f"{name}: question '{q.name}': {q.reference}() has no {a.key!r} "
                                    f"(it gives {', '.join(values)})")
    return assignment


def assignment_chapters() -> list[str]:
    return [c for c in CHAPTERS if (ASSIGNMENT_DIR / f"{c}.yaml").exists()]


def expected(question: Question) -> dict:
    """The reference function's result for the question's case."""
    function = getattr(exercise_solutions, question.reference)
    return function(**{k: _as_call_args(v) for k, v in question.args.items()})


# --- the otter source notebook --------------------------------------------------------------------

def _literal(value) -> str:
    if isinstance(value, datetime.date):
        return f"datetime.date({value.year}, {value.month}, {value.day})"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(float(value))
    return repr(value)


def _kind(value) -> tuple[str, str]:
    """(a Python check that ``_v`` has the right kind, the kind in words) for a reference value."""
    if isinstance(value, bool):
        return "isinstance(_v, bool)", "True or False"
    if isinstance(value, numbers.Integral):
        return "isinstance(_v, numbers.Integral) and not isinstance(_v, bool)", "a whole number"
    if isinstance(value, numbers.Real):
        return "isinstance(_v, numbers.Real) and not isinstance(_v, bool)", "a number"
    if isinstance(value, datetime.date):
        return "isinstance(_v, datetime.date)", "a datetime.date"
    if isinstance(value, str):
        return "isinstance(_v, str)", "text (a string)"
    if isinstance(value, (list, tuple)):
        return "isinstance(_v, (list, tuple))", "a list"
    raise TypeError(f"no check for a reference value of type {type(value).__name__}")


# The hidden test's comparison: numbers within the tolerance (elementwise in lists), all else equal.
_CLOSE = '''def _close(got, want, tol):
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want
    if isinstance(want, numbers.Real):
        return isinstance(got, numbers.Real) and abs(got - want) <= tol + 1e-9
    if isinstance(want, list):
        return isinstance(got, (list, tuple)) and len(got) == len(want) and all(
            _close(g, w, tol) for g, w in zip(got, want))
    return got == want'''


def public_test(q: Question) -> str:
    values = expected(q)
    lines = ["import datetime, numbers"]
    for a in q.answers:
        check, words = _kind(values[a.key])
        lines += [f"_v = {a.variable}",
                  f"assert _v is not ..., 'Set {a.variable} (replace the ... with your answer)'",
                  f"assert {check}, '{a.variable} should be {words}, got ' + repr(_v)"]
    return "\n".join(lines)


def hidden_test(q: Question) -> str:
    values = expected(q)
    lines = ['""" # BEGIN TEST CONFIG', "hidden: true", '""" # END TEST CONFIG', "import datetime, numbers", _CLOSE]
    for a in q.answers:
        lines.append(f"assert _close({a.variable}, {_literal(values[a.key])}, {a.tolerance()!r}), "
                     f"'{a.variable} is not right'")
    return "\n".join(lines)


def _solution_code(q: Question) -> str:
    """Lines setting an answer become ``name = ...`` for students; the others disappear."""
    answers = {a.variable for a in q.answers}
    out = []
    for line in q.solution.splitlines():
        target = line.split("=", 1)[0].strip() if "=" in line else ""
        out.append(f"{line}  # SOLUTION" if target in answers else f"{line}  # SOLUTION NO PROMPT")
    return "\n".join(out)


def _marks(points: float) -> str:
    return f"{points:g} mark{'' if points == 1 else 's'}"


def source_notebook(chapter: str):
    """The assignment as an otter-assign source notebook (nbformat), tests written from the models."""
    import nbformat.v4 as nbf
    import yaml

    a = load_assignment(chapter)
    config = {
        "name": chapter,
        "init_cell": True,
        "check_all_cell": True,
        "export_cell": False,
        "run_tests": False,
        "solutions_pdf": False,
        "template_pdf": False,
        "generate": True,
        "tests": {"files": False},
    }
    cells = [nbf.new_raw_cell("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False).strip())]
    manual = sum(q.points for q in a.questions if q.manual)
    cells.append(nbf.new_markdown_cell(
        f"# Assignment: {a.title}\n\n*Runner's knee course — educational use only, not a diagnosis or "
        f"medical advice.*\n\n{a.intro}\n\n**Marks:** {a.auto_points:g} checked automatically"
        + (f", {manual:g} for your written answers" if manual else "") + ". Run every cell from the top; "
        "`grader.check(\"q1\")` after a question runs its public checks (they test the kind of answer, "
        "not its value)."))
    cells.append(nbf.new_code_cell(a.setup))
    for q in a.questions:
        head = {"name": q.name, "points": q.points}
        head.update({"manual": True} if q.manual else {"all_or_nothing": True})
        cells.append(nbf.new_raw_cell("# BEGIN QUESTION\n" + yaml.safe_dump(head, sort_keys=False).strip()))
        cells.append(nbf.new_markdown_cell(f"**{q.name[1:]}. {q.title}** ({_marks(q.points)})\n\n{q.prompt}"))
        cells.append(nbf.new_raw_cell("# BEGIN SOLUTION"))
        if q.manual:
            cells.append(nbf.new_markdown_cell(f"{q.model_answer}\n\n**Rubric.** {q.rubric}"))
            cells.append(nbf.new_raw_cell("# END SOLUTION"))
        else:
            cells.append(nbf.new_code_cell(_solution_code(q)))
            cells.append(nbf.new_raw_cell("# END SOLUTION"))
            cells.append(nbf.new_raw_cell("# BEGIN TESTS"))
            cells.append(nbf.new_code_cell(public_test(q)))
            cells.append(nbf.new_code_cell(hidden_test(q)))
            cells.append(nbf.new_raw_cell("# END TESTS"))
        cells.append(nbf.new_raw_cell("# END QUESTION"))
    for i, cell in enumerate(cells):  # stable ids: the committed notebooks change only with their content
        cell["id"] = f"{chapter}-{i}"[-64:]
    nb = nbf.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def source_text(chapter: str) -> str:
    import nbformat

    return nbformat.writes(source_notebook(chapter)) + "\n"


def write_sources(directory: Path = SOURCE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for chapter in assignment_chapters():
        path = directory / f"{chapter}.ipynb"
        path.write_text(source_text(chapter), encoding="utf-8")
        paths.append(path)
    return paths


# --- building with otter --------------------------------------------------------------------------

README = """Runner's knee course: {title} assignment ({chapter})

student/{chapter}.ipynb      hand this out (public checks only)
autograder/{chapter}.ipynb   the reference solutions, written answers' model answers and rubrics
autograder/{chapter}-autograder.zip   the hidden tests

Grade one submission locally and offline (no Docker), in the course's environment:
    otter run -a autograder/{chapter}-autograder.zip -o results/ submission.ipynb
results/results.json then holds each question's score ({auto:g} marks checked automatically;
written answers are marked by hand with the rubric).
"""


def build_chapter(chapter: str, out: Path, source_dir: Path = SOURCE_DIR) -> Path:
    """Run ``otter assign`` on the chapter's source notebook; returns the instructor zip."""
    source = source_dir / f"{chapter}.ipynb"
    target = out / chapter
    shutil.rmtree(target, ignore_errors=True)
    from otter.assign import main as otter_assign  # the instructor's tool, not needed by the models

    cwd = Path.cwd()
    try:  # `otter assign --no-pdfs --no-run-tests` (tests/test_assignments.py grades the results)
        otter_assign(str(source.resolve()), str(target.resolve()), no_pdfs=True, no_run_tests=True)
    finally:
        os.chdir(cwd)
    zips = sorted((target / "autograder").glob(f"{chapter}-autograder_*.zip"))
    if len(zips) != 1:
        raise RuntimeError(f"otter assign made {len(zips)} autograder zips for {chapter}")
    grader = zips[0].rename(target / "autograder" / f"{chapter}-autograder.zip")
    title = load_assignment(chapter).title
    readme = README.format(title=title, chapter=chapter, auto=load_assignment(chapter).auto_points)
    bundle = out / f"{chapter}.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{chapter}/README.txt", readme)
        z.write(target / "student" / f"{chapter}.ipynb", f"{chapter}/student/{chapter}.ipynb")
        z.write(target / "autograder" / f"{chapter}.ipynb", f"{chapter}/autograder/{chapter}.ipynb")
        z.write(grader, f"{chapter}/autograder/{grader.name}")
    return bundle


def build(out: Path, chapters=None, source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Regenerate the source notebooks in ``source_dir`` and build every chapter into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    write_sources(source_dir)
    return [build_chapter(c, out, source_dir) for c in (chapters or assignment_chapters())]


def links_markdown() -> str:
    """The instructor guide's list of assignment downloads (the zips `make book
    EDITION=instructor` copies into the site's assignments/ folder)."""
    rows = []
    for chapter in assignment_chapters():
        a = load_assignment(chapter)
        auto = sum(1 for q in a.questions if not q.manual)
        written = len(a.questions) - auto
        rows.append(f'- <a href="../assignments/{chapter}.zip" download>{a.title} ({chapter}.zip)</a>: '
                    f"{auto} autograded questions ({a.auto_points:g} marks)"
                    + (f", {written} written" if written else "") + ".")
    return "\n".join(rows)


if __name__ == "__main__":  # make assignments
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/assignments")):
        print(path)
