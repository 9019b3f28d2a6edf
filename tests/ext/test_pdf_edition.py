"""The PDF edition (_ext/pdf_edition.py, `make pdf`): a built edition (the instructor's, which
holds every student page) printed by Chromium as one PDF, read back with pypdf. Every chapter and
page title of _toc.yml and every figure caption of the site is in its text, no page is blank, the
disclaimer is the footer of every page, the figures are their static pictures, and every link
inside the PDF lands on a destination in it."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import REPO, toc_docnames

sys.path.insert(0, str(REPO / "_ext"))
import pdf_edition  # _ext/ is not a package

DISCLAIMER = "Educational use only — not a diagnosis or medical advice."


def squash(text: str) -> str:
    """Text as compared: ligatures unfolded (ﬂ → fl), no whitespace (PDF text breaks lines)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pages_of(html_dir):
    return {name: BeautifulSoup((html_dir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
            for name in toc_docnames()}


class Printed:
    def __init__(self, html_dir, pdf_path):
        self.site = _pages_of(html_dir)
        self.reader = PdfReader(pdf_path)
        self.texts = [page.extract_text() for page in self.reader.pages]
        self.all_text = squash("".join(self.texts))
        self.joined_html = pdf_path.with_suffix(".html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def printed(browser, instructor_html, tmp_path_factory):
    """The instructor edition, printed: every student page is in it, the same HTML with the worked
    solutions and teaching notes added, so it prints all the student edition does and more.
    Printing the student edition as well doubled the suite's largest single cost (about 25 s)
    for no page the instructor PDF does not hold."""
    out = tmp_path_factory.mktemp("pdf") / "runners-knee-instructor.pdf"
    pdf_edition.build(instructor_html, out, pdf_edition.title("instructor"), browser=browser)
    return Printed(instructor_html, out)


def test_the_page_count_is_that_of_a_book_of_these_pages(printed):
    # At least a page for each page of _toc.yml (each starts a new page); a page
    # running away (a table or figure printed one line a page) would push it far beyond.
    assert len(toc_docnames()) + 2 <= len(printed.reader.pages) <= 8 * len(toc_docnames())


def test_every_chapter_and_page_title_of_the_toc_is_printed(printed):
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        assert squash(part["caption"]) in printed.all_text, f"chapter {part['caption']!r} is not in the PDF"
    for name, soup in printed.site.items():
        h1 = soup.select_one("article h1")
        for link in h1.select("a.headerlink"):
            link.decompose()
        title = h1.get_text(" ", strip=True)
        assert squash(title) in printed.all_text, f"{name}: its title {title!r} is not in the PDF"


def test_every_figure_caption_is_printed_with_its_static_picture(printed):
    captions = [(name, caption.get_text(" ", strip=True)) for name, soup in printed.site.items()
                for caption in soup.select("article figcaption")]
    assert len(captions) >= 5  # the five plotly figures of widgets/figures/site.py at least
    for name, caption in captions:
        assert squash(caption) in printed.all_text, f"{name}: figure caption {caption[:60]!r}… is not in the PDF"
    # Printed from the committed SVGs, not plotly.js: no script at all in what was printed.
    assert "<script" not in printed.joined_html
    pictures = re.findall(r'<img [^>]*src="file://[^"]*/_static/figures/[^"]+\.svg"', printed.joined_html)
    assert len(pictures) >= 5


def test_no_page_is_blank_and_every_page_carries_the_disclaimer(printed):
    footer = squash(DISCLAIMER)
    for number, text in enumerate(printed.texts, 1):
        content = squash(text)
        assert footer in content, f"page {number} has no disclaimer"
        # What is left without the footer (the disclaimer, "When to get care: …", "page N of M").
        body = content.replace(footer, "", 1)
        body = re.sub(r"Whentogetcare:“[^”]*”\.", "", body)
        body = re.sub(rf"page{number}of\d+", "", body)
        assert len(body) >= 20, f"page {number} is blank (only {body!r})"


def test_links_between_pages_land_inside_the_pdf(printed):
    destinations = set(printed.reader.named_destinations)
    internal, files = [], []
    for number, page in enumerate(printed.reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A") or {}
            target = annotation.get("/Dest") or (action.get("/D") if action.get("/S") == "/GoTo" else None)
            if target is not None:
                internal.append((number, str(target)))
            elif str(action.get("/URI", "")).startswith("file:"):
                files.append((number, action["/URI"]))
    assert not files, f"links to files of the build machine: {files[:3]}"
    assert len(internal) >= len(toc_docnames())  # the contents alone link every page
    missing = [(number, target) for number, target in internal if target not in destinations]
    assert not missing, f"links to nowhere: {missing[:5]}"
    # The red-flags page, linked from every page's disclaimer, is a destination.
    assert "/" + pdf_edition.anchor("book/red-flags") in destinations
