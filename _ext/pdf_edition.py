"""The PDF edition, without LaTeX: one PDF of a built edition, printed by headless Chromium.

After `make book` (either edition), this joins the article of every page, in _toc.yml's
reading order, into one HTML file beside the PDF (the site's own stylesheets, print rules
included), and prints it with Debian's Chromium (Playwright, no download, no network):

- figures are their static pictures (assets/figures/, the SVGs the site shows before plotly.js
  arrives); the page is printed with scripts off, so every widget shows what a reader without
  JavaScript sees, and no plotly.js is loaded;
- the disclaimer box opens every section, as on the site, and the first sentence of it, with
  where the red flags are, is the footer of every printed page (with the page number);
- links between pages become links inside the PDF: every id is prefixed with its page, so
  "../red-flags.html#when-to-get-care" goes to that heading in the PDF; the contents at the
  start link every section, and the PDF's outline (bookmarks) follows the headings.

    python _ext/pdf_edition.py BUILT_HTML_DIR OUT.pdf [--edition student|instructor]

`make pdf` runs it for both editions (_build/pdf/runners-knee-student.pdf and
runners-knee-instructor.pdf). tests/ext/test_pdf_edition.py checks the result with pypdf.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# Attributes holding the id of another element of the same page.
ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "form")

PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html, body { background: #fff !important; }
body { font-size: 10.5pt; }
.rk-pdf-main { max-width: none; margin: 0; padding: 0; }
.rk-pdf-page { break-before: page; }
.rk-pdf-page.rk-pdf-part-start { break-before: auto; }
.rk-pdf-part { break-before: page; break-after: avoid; font-size: 1rem; font-weight: 600; margin: 0 0 .5rem;
  color: #444; text-transform: uppercase; letter-spacing: .05em; border-bottom: 1px solid #999; }
.rk-pdf-cover { text-align: left; padding-top: 25vh; }
.rk-pdf-cover h1 { font-size: 2.6rem; margin-bottom: .5rem; }
.rk-pdf-contents { break-before: page; }
.rk-pdf-contents ol { list-style: none; padding-left: 0; }
.rk-pdf-contents ol ol { padding-left: 1.5rem; }
.rk-pdf-contents li { margin: .15rem 0; }
a.headerlink, .rk-plotly-keys, .rk-no-print, button, .copybtn { display: none !important; }
figure, table, pre, .rk-disclaimer, .admonition { break-inside: avoid; }
h1, h2, h3, h4 { break-after: avoid; }
/* A figure and its caption on one page: the picture at most 165 mm high, at its own proportions. */
figure.rk-plotly .rk-plotly-target { height: auto !important; min-height: 0; }
figure.rk-plotly .rk-plotly-static { position: static; }
figure.rk-plotly .rk-plotly-static img { margin: 0 auto; width: auto; height: auto; max-width: 100%;
  max-height: 165mm; }
/* Nothing left over to spill onto a page of its own before the next page's break. */
.rk-pdf-page section > :last-child, .rk-pdf-page > :last-child { margin-bottom: 0 !important;
  padding-bottom: 0 !important; }
img, svg { max-width: 100%; }
a { color: #0b4a80; text-decoration: none; }
details > *:not(summary) { display: block; }
"""


def toc() -> tuple[str, list[tuple[str, list[str]]]]:
    """(root docname, [(part caption, [docnames in reading order])]) from _toc.yml."""
    data = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    parts = []
    for part in data["parts"]:
        names: list[str] = []

        def walk(entries, names=names):
            for entry in entries or []:
                names.append(entry["file"])
                walk(entry.get("sections"))

        walk(part["chapters"])
        parts.append((part.get("caption", ""), names))
    return data["root"], parts


def without_page_takeover(css: str) -> str:
    """The stylesheet without any ``@media print`` block that prints one widget alone (the
    programme builder prints only its plan sheet: ``body :not(:has(.rk-pg-sheet))`` hidden),
    which would blank the rest of the book."""
    out, position = [], 0
    for match in re.finditer(r"@media\s+print\s*{", css):
        if match.start() < position:
            continue
        depth, end = 1, match.end()
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        if ":not(:has(" in css[match.end():end]:
            out.append(css[position:match.start()])
            position = end
    out.append(css[position:])
    return "".join(out)


def anchor(docname: str, fragment: str = "") -> str:
    page = "pdf--" + re.sub(r"[^A-Za-z0-9_-]", "-", docname)
    return f"{page}--{fragment}" if fragment else page


def _title(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article.bd-article h1")
    if h1 is None:
        return ""
    for link in h1.select("a.headerlink"):
        link.decompose()
    return h1.get_text(" ", strip=True)


class Joiner:
    """Reads the built pages and writes them as one document."""

    def __init__(self, html_dir: Path):
        self.root = html_dir.resolve()
        if not (self.root / "index.html").exists():
            raise SystemExit(f"No built site at {self.root}: run `make book` first.")
        self.index, self.parts = toc()
        self.docnames = [self.index] + [name for _, names in self.parts for name in names]
        self.stylesheets: list[str] = []
        self.footer = ""

    def _resolve(self, docname: str, url: str) -> str:
        """A page's relative URL as a path from the site root ('' when it leaves the site)."""
        if urlsplit(url).scheme or url.startswith("//"):
            return ""
        path, _ = urldefrag(url)
        path = path.split("?")[0]
        return posixpath.normpath(posixpath.join(posixpath.dirname(docname), path)) if path else docname + ".html"

    def _file_url(self, site_path: str) -> str:
        return (self.root / site_path).as_uri()

    def page(self, docname: str) -> tuple[str, BeautifulSoup]:
        soup = BeautifulSoup((self.root / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("head link[rel=stylesheet]"):
            href = self._file_url(self._resolve(docname, link["href"]))
            if href not in self.stylesheets:
                self.stylesheets.append(href)
        article = soup.select_one("article.bd-article")
        if article is None:
            raise SystemExit(f"{docname}.html has no article (is this a Jupyter Book 1 build?)")
        if not self.footer:
            first = article.select_one(".rk-disclaimer strong")
            self.footer = first.get_text(" ", strip=True) if first else ""
        title = _title(soup)
        for tag in article.select("script, noscript + script, link, style[data-rk-print-skip]"):
            tag.decompose()
        for tag in article.select(".toctree-wrapper"):
            if not tag.get_text(strip=True):
                tag.decompose()  # the hidden toctree: an empty box that can spill onto a blank page
        for tag in article.select("noscript"):
            tag.unwrap()  # printed as a reader with scripts off sees the page
        for tag in article.select("[id]"):
            tag["id"] = anchor(docname, tag["id"])
        for tag in article.select(",".join(f"[{a}]" for a in ID_REFS)):
            for attribute in ID_REFS:
                if tag.has_attr(attribute):
                    tag[attribute] = " ".join(anchor(docname, v) for v in str(tag[attribute]).split())
        for tag in article.select("[src], [srcset]"):
            if tag.has_attr("src"):
                tag["src"] = self._file_url(self._resolve(docname, tag["src"]))
            if tag.has_attr("srcset"):
                tag["srcset"] = ", ".join(
                    " ".join([self._file_url(self._resolve(docname, part.split()[0])), *part.split()[1:]])
                    for part in tag["srcset"].split(","))
        pages = {f"{name}.html": name for name in self.docnames}
        for link in article.select("a[href]"):
            href = link["href"]
            if urlsplit(href).scheme or href.startswith("//"):
                continue  # a link to another site stays a web link
            target = self._resolve(docname, href)
            fragment = urldefrag(href)[1]
            if target in pages:
                link["href"] = "#" + anchor(pages[target], fragment)
            else:
                link.unwrap()  # a file of the site (a notebook download, the search page): no target in print
        article.name = "section"
        article["class"] = ["bd-article", "rk-pdf-page"]
        article["id"] = anchor(docname)
        return title, article

    def _stylesheet(self, href: str) -> str:
        path = Path(unquote(urlsplit(href).path))
        css = path.read_text(encoding="utf-8") if path.suffix == ".css" and path.exists() else ""
        if css and without_page_takeover(css) != css:
            return f"<style>{without_page_takeover(css)}</style>"
        return f'<link rel="stylesheet" href="{href}">'

    def document(self, title: str) -> str:
        titles: dict[str, str] = {}
        bodies: list[str] = []
        title_of_index, index = self.page(self.index)
        titles[self.index] = title_of_index
        bodies.append(str(index))
        for number, (caption, names) in enumerate(self.parts):
            bodies.append(f'<h1 class="rk-pdf-part" id="{anchor("part", str(number))}">{html.escape(caption)}</h1>')
            for position, name in enumerate(names):
                page_title, article = self.page(name)
                titles[name] = page_title
                if position == 0:
                    article["class"].append("rk-pdf-part-start")
                bodies.append(str(article))
        contents = ['<nav class="rk-pdf-contents" aria-label="Contents"><h1>Contents</h1><ol>',
                    f'<li><a href="#{anchor(self.index)}">{html.escape(titles[self.index])}</a></li>']
        for number, (caption, names) in enumerate(self.parts):
            contents.append(f'<li><a href="#{anchor("part", str(number))}">{html.escape(caption)}</a><ol>')
            contents += [f'<li><a href="#{anchor(n)}">{html.escape(titles[n])}</a></li>' for n in names]
            contents.append("</ol></li>")
        contents.append("</ol></nav>")
        cover = (f'<header class="rk-pdf-cover"><h1>{html.escape(title)}</h1>'
                 f"<p>{html.escape(self.footer)}</p></header>")
        links = "\n".join(self._stylesheet(href) for href in self.stylesheets)
        self.titles = titles
        return ("<!DOCTYPE html>\n"
                f'<html lang="en" data-theme="light" data-mode="light"><head><meta charset="utf-8">'
                f"<title>{html.escape(title)}</title>\n{links}\n<style>{PRINT_CSS}</style></head>"
                f'<body data-default-mode="light"><main class="rk-pdf-main bd-content">{cover}{"".join(contents)}'
                f'{"".join(bodies)}</main></body></html>')


def title(edition: str) -> str:
    return f"Runner's Knee: an open, interactive course ({edition} edition)"


def footer_template(text: str, red_flags: str) -> str:
    words = html.escape(f"{text} When to get care: “{red_flags}”.")
    return ('<div style="font-size:7.5pt; font-family: sans-serif; color:#333; width:100%; margin:0 15mm;'
            f' display:flex; justify-content:space-between; gap:6mm"><span>{words}</span>'
            '<span style="white-space:nowrap">page <span class="pageNumber"></span> of '
            '<span class="totalPages"></span></span></div>')


def build(html_dir: Path, out: Path, title: str, browser=None) -> Path:
    """Write out (the PDF) and, beside it, the joined HTML it was printed from. browser: a
    Playwright Chromium to print with (the tests pass theirs); else Debian's is started."""
    joiner = Joiner(html_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    source = out.with_suffix(".html")
    source.write_text(joiner.document(title), encoding="utf-8")
    footer = footer_template(joiner.footer, joiner.titles.get("book/red-flags", "Red flags"))
    if browser is not None:
        _print(browser, source, out, footer)
        return out
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            _print(browser, source, out, footer)
        finally:
            browser.close()
    return out


def _print(browser, source: Path, out: Path, footer: str) -> None:
    # Scripts off: no plotly.js, every figure is its picture, widgets show their no-script text.
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(source.as_uri(), wait_until="load")
        page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                 display_header_footer=True, header_template="<span></span>", footer_template=footer,
                 outline=True, tagged=True)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", type=Path, help="a built edition, e.g. _build/html")
    parser.add_argument("out", type=Path, help="the PDF to write")
    parser.add_argument("--edition", choices=["student", "instructor"], default="student")
    args = parser.parse_args(argv)
    out = build(args.html_dir, args.out, title(args.edition))
    print(f"PDF written: {out}")


if __name__ == "__main__":
    sys.exit(main())
