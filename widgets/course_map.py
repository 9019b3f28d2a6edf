"""The course map for instructors: each chapter's pages in reading order (from ``_toc.yml``),
their reading times (from each page's "Reading time: about N minutes" line) and the chapter's
total, so the instructor guide and the chapters state one set of times.

It reads the book's sources, so it works in a checkout of the repository (not in an installed
copy of the package, which holds no book)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from widgets.clinical import DATA_DIR, DataFileError, load_yaml

REPO = Path(__file__).resolve().parent.parent
COURSE_MAP_FILE = DATA_DIR / "course_map.yaml"
_READING = re.compile(r"\*\*Reading time:\*\* about (\d+) minutes?")
INTERACTIVE_PREFIXES = ("# Interactive:", "# Walkthrough:")


def _source_text(docname: str) -> tuple[str, str]:
    """(markdown text, kind) of a page: kind is "md" or "ipynb"."""
    md, nb = REPO / f"{docname}.md", REPO / f"{docname}.ipynb"
    if md.exists():
        return md.read_text(encoding="utf-8"), "md"
    if nb.exists():
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"), "ipynb"
    raise DataFileError(f"{docname}: no .md or .ipynb source (is this a checkout of the course repository?)")


def page_minutes(docname: str) -> int:
    """The page's own reading time, from its "Reading time: about N minutes" line."""
    text, _ = _source_text(docname)
    found = _READING.search(text)
    if not found:
        raise DataFileError(f"{docname}: no '**Reading time:** about N minutes' line")
    return int(found.group(1))


def chapter_pages(index_docname: str) -> list[str]:
    """The chapter's index page and its sections, in reading order, from _toc.yml."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            if chapter["file"] == index_docname:
                return [index_docname, *(s["file"] for s in chapter.get("sections", []))]
    raise DataFileError(f"_toc.yml: no chapter {index_docname!r}")


def chapter_minutes(index_docname: str) -> int:
    return sum(page_minutes(doc) for doc in chapter_pages(index_docname))


def _interactive(docname: str) -> bool:
    text, kind = _source_text(docname)
    return kind == "ipynb" and text.lstrip().startswith(INTERACTIVE_PREFIXES)


def course_map_markdown() -> str:
    """The instructor guide's course-map table: chapter, total reading time (all its pages,
    tools and exercises included), what it assumes, its objectives, its interactive pages."""
    raw = load_yaml(COURSE_MAP_FILE)
    lines = ["| Chapter | Reading time | Assumes | Learning objectives (summary) | Interactive pages |",
             "|---|---|---|---|---|"]
    for chapter in raw["chapters"]:
        index = chapter["index"]
        tools = [doc for doc in chapter_pages(index) if _interactive(doc)]
        tool_links = ", ".join(f"{{doc}}`/{doc}`" for doc in tools) or "—"
        objectives = " ".join(str(chapter["objectives"]).split())
        lines.append(f"| {{doc}}`{chapter['title']} </{index}>` | ~{chapter_minutes(index)} min | "
                     f"{chapter['assumes']} | {objectives} | {tool_links} |")
    return "\n".join(lines)


# --- the two-week module plan ---------------------------------------------------------------------

def page_kind(docname: str) -> str:
    """"exercises" (a chapter's exercises and quiz page), "tool" (an interactive page) or "text"."""
    if docname.endswith("/exercises"):
        return "exercises"
    return "tool" if _interactive(docname) else "text"


def _title(docname: str) -> str:
    text, _ = _source_text(docname)
    heading = re.search(r"^# (.+)$", text, re.MULTILINE)
    if not heading:
        raise DataFileError(f"{docname}: no '# Title' line")
    return heading.group(1).strip()


def _plan() -> dict:
    raw = load_yaml(COURSE_MAP_FILE)
    plan = raw.get("module_plan") if isinstance(raw, dict) else None
    if not isinstance(plan, dict) or not isinstance(plan.get("weeks"), list):
        raise DataFileError(f"{COURSE_MAP_FILE.name}: 'module_plan' with a list of 'weeks' is missing")
    chapters = {c["index"] for c in raw["chapters"]}
    planned = [s.get("chapter") for w in plan["weeks"] for s in w.get("sessions", [])]
    unknown = [c for c in planned if c not in chapters]
    if unknown:
        raise DataFileError(f"{COURSE_MAP_FILE.name}: module_plan: {unknown[0]!r} is not a chapter of the course map")
    missing = [c for c in (c["index"] for c in raw["chapters"]) if c not in planned]
    if missing:
        raise DataFileError(f"{COURSE_MAP_FILE.name}: module_plan: chapter {missing[0]!r} is in no session")
    return plan


def assignment_minutes(index_docname: str) -> int | None:
    """Working time of the chapter's autograded assignment (its marks × minutes per mark), if it has one."""
    from widgets import assignments

    chapter = index_docname.split("/")[1]
    if chapter not in assignments.assignment_chapters():
        return None
    marks = sum(q.points for q in assignments.load_assignment(chapter).questions)
    return round(marks * _plan()["assignment_minutes_per_mark"])


def session_pages(index_docname: str) -> list[tuple[str, str, int]]:
    """(docname, kind, minutes) of every page of a chapter, in reading order."""
    return [(doc, page_kind(doc), page_minutes(doc)) for doc in chapter_pages(index_docname)]


KIND_WORDS = {"text": "read", "tool": "tool", "exercises": "exercises and quiz"}


def module_plan_markdown() -> str:
    """Both editions: each week's sessions, every page with its kind and time, the assignment's
    working time, and the totals."""
    plan = _plan()
    lines = [f"Each session is one class of about {plan['class_minutes']} minutes; the times below are "
             "the students' own work before it (reading, tools, exercises) and the chapter's autograded "
             "assignment where it has one."]
    number = 0
    for week in plan["weeks"]:
        lines += ["", f"## {week['title']}", ""]
        week_total = 0
        for session in week["sessions"]:
            number += 1
            index = session["chapter"]
            pages = session_pages(index)
            assignment = assignment_minutes(index)
            total = sum(m for _, _, m in pages) + (assignment or 0)
            week_total += total
            lines += [f"### Session {number}: {_title(index)} (about {total} minutes before class)", "",
                      " ".join(str(session["plan"]).split()), "",
                      "| Page | Kind | Minutes |", "|---|---|---|"]
            lines += [f"| {{doc}}`/{doc}` | {KIND_WORDS[kind]} | {minutes} |" for doc, kind, minutes in pages]
            if assignment:
                lines.append(f"| Autograded assignment ({index.split('/')[1]}) | assignment | {assignment} |")
            lines.append(f"| **Total** | | **{total}** |")
            lines.append("")
        lines.append(f"**Week total:** about {week_total} minutes of work before class, "
                     f"plus {len(week['sessions'])} classes of {plan['class_minutes']} minutes.")
    return "\n".join(lines)


def teaching_notes_markdown() -> str:
    """Instructor edition only: each session's teaching notes, discussion prompts and the marking
    rubrics (the assignment's written questions, and contributions to the discussion)."""
    from widgets import assignments

    plan = _plan()
    # Bold lines, not headings: this goes inside an ``{only} instructor`` block.
    lines = ["**Marking contributions to a discussion** (4 marks a session)", ""]
    lines += [f"- {item}" for item in plan["discussion_rubric"]]
    number = 0
    for week in plan["weeks"]:
        for session in week["sessions"]:
            number += 1
            index = session["chapter"]
            chapter = index.split("/")[1]
            lines += ["", f"**Session {number}: {_title(index)}**", "",
                      f"*Teaching notes.* {' '.join(str(session['notes']).split())}", "",
                      "*Discussion prompts.*", ""]
            lines += [f"1. {prompt}" for prompt in session["discussion"]]
            if chapter in assignments.assignment_chapters():
                for q in assignments.load_assignment(chapter).questions:
                    if q.manual:
                        lines += ["", f"*Rubric, assignment question {q.name[1:]} ({q.title}, {q.points:g} "
                                      f"marks).* {' '.join(q.rubric.split())}"]
    return "\n".join(lines)
