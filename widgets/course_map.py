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
