"""The course text against the source article and the page conventions.

The chain that keeps every number exact: each number in the article must stand inside an
`article:` quote of a data file under widgets/data (which tests/test_clinical.py checks
verbatim against the article), and each clinical.yaml entry must be shown on some page (the
{clin} role marks it with data-clin) or be used by the widgets code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO, normalise, toc_docnames
from widgets import clinical

DATA = REPO / "widgets" / "data"

# Numbers in the article that are not clinical content: part numbers, the cross-reference
# to "Section 4", and the author's own story (kept in the text as written, not as data).
NARRATIVE = [
    "1. What Is Runner’s Knee",
    "2. Symptoms and Diagnosis",
    "3. Treatment and Immediate Pain Relief",
    "4. Rehabilitation Exercises",
    "5. Prevention and Return to Running",
    "the exercises in Section 4",
    "at mile 8 of what was supposed to be a 15-mile long run",
]

# Pages that are tools, exercise sets or reference matter rather than chapter text: they have
# their own structure and their own checks (tests/browser, tests/test_<tool>.py).
NOT_TEXT_PAGES = (
    "exercises", "glossary", "bibliography", "instructor-guide", "how-to-use", "red-flags", "evidence-register",
    "module-plan",
)
TOOL_PAGES = (
    "book/what-is-runners-knee/joint-load",
    "book/what-is-runners-knee/q-angle",
    "book/symptoms-and-diagnosis/is-this-runners-knee",
    "book/symptoms-and-diagnosis/self-test-walkthrough",
    "book/treatment/can-i-run-today",
    "book/rehabilitation/programme-builder",
    "book/rehabilitation/cadence",
    "book/rehabilitation/return-to-running-planner",
    "book/prevention-and-faq/training-load",
    "book/prevention-and-faq/shoe-mileage",
)


def article_quotes() -> list[str]:
    """Every `article:` string in every YAML data file."""
    quotes: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "article" and isinstance(value, str):
                    quotes.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(DATA.rglob("*.y*ml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return quotes


def covered_spans(article: str, quotes: list[str]) -> list[tuple[int, int]]:
    spans = []
    for quote in [*quotes, *NARRATIVE]:
        q = normalise(quote)
        start = article.find(q)
        while start != -1:
            spans.append((start, start + len(q)))
            start = article.find(q, start + 1)
    return spans


def test_every_article_number_is_in_a_data_file(article_text):
    article = normalise(article_text)
    spans = covered_spans(article, article_quotes())
    uncovered = []
    for match in re.finditer(r"\d+(?:\.\d+)?", article):
        if not any(lo <= match.start() and match.end() <= hi for lo, hi in spans):
            uncovered.append(article[max(0, match.start() - 40) : match.end() + 25])
    assert not uncovered, (
        f"{len(uncovered)} article numbers have no data-file entry quoting them:\n  " + "\n  ".join(uncovered)
    )


def shown_keys(site: Path) -> set[str]:
    keys = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        keys.update(f"{section}.{name}" for section, name in re.findall(r"\bclin-(\w+?)--(\w+)", html))
    return keys


def keys_used_in_code() -> set[str]:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "widgets").rglob("*.py"))
    code += "\n".join(p.read_text(encoding="utf-8") for p in DATA.rglob("*.y*ml") if p.name != "clinical.yaml")
    return {key for key in clinical.load() if key in code}


def test_every_clinical_number_is_shown(student_html):
    unused = sorted(set(clinical.load()) - shown_keys(student_html) - keys_used_in_code())
    assert not unused, f"clinical.yaml entries no page shows and no widget uses: {unused}"


def text_pages() -> list[str]:
    pages = []
    for docname in toc_docnames()[1:]:
        if docname in TOOL_PAGES or docname.rsplit("/", 1)[-1] in NOT_TEXT_PAGES:
            continue
        pages.append(docname)
    return pages


@pytest.mark.parametrize("docname", text_pages())
def test_text_page_has_objectives_key_points_and_questions(student_html, docname):
    soup = BeautifulSoup((student_html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    objectives = soup.select(".rk-objectives")
    assert objectives, f"{docname}: no learning-objectives box (class rk-objectives)"
    assert re.search(r"Reading time", objectives[0].get_text()), f"{docname}: objectives box lacks a reading time"
    if docname.endswith("/index"):
        return  # chapter landing pages: objectives and reading time only
    assert soup.select(".rk-key-points"), f"{docname}: no key-points box (class rk-key-points)"
    heading = next((h for h in soup.find_all(["h2", "h3"]) if "Check yourself" in h.get_text()), None)
    assert heading is not None, f"{docname}: no 'Check yourself' section"
    section = heading.find_parent("section")
    answers = section.select(".dropdown")
    assert 2 <= len(answers) <= 4, f"{docname}: expected 2–3 self-check answers in dropdowns, found {len(answers)}"


def test_no_placeholder_chapter_text_left(student_html):
    pages = [*text_pages(), "book/index", "book/red-flags", "book/how-to-use", "book/glossary"]
    left = [d for d in pages if "This page is being written" in (student_html / f"{d}.html").read_text()]
    assert not left, f"chapter pages still placeholders: {left}"


def test_bibliography_entries_are_cited(student_html):
    """A reference in references.bib that no page cites is either dead weight or a sign that
    a citation was lost; sphinxcontrib-bibtex lists only cited entries on the references page."""
    bib = (REPO / "references.bib").read_text(encoding="utf-8")
    titles = {key: re.sub(r"[{}\\]", "", title).replace("--", "–") for key, title in
              re.findall(r"^@\w+\{([^,]+),.*?^\s*title\s*=\s*\{(.+?)\},?\s*$", bib, flags=re.M | re.S)}
    page = BeautifulSoup((student_html / "book" / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    listed = normalise(" ".join(c.get_text(" ") for c in page.select(".citation")))
    # The "plain" style lower-cases titles, so compare without case.
    missing = [key for key, title in titles.items() if normalise(title)[:40].lower() not in listed.lower()]
    assert len(titles) == bib.count("\n@"), "could not read every entry's title from references.bib"
    assert not missing, f"references never cited: {missing}"
