"""The built student site: every page of _toc.yml exists, carries the disclaimer, loads
nothing from other hosts, and loads plotly.js only where a figure needs it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, source_of, toc_docnames
from widgets import red_flags

DOCNAMES = toc_docnames()


def read_page(site, docname):
    path = site / f"{docname}.html"
    assert path.exists(), f"{docname} is in _toc.yml but {path} was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_toc_page_has_a_source():
    for docname in DOCNAMES:
        source_of(docname)  # raises with the page named


@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_is_built_with_disclaimer_once(student_html, docname):
    soup = read_page(student_html, docname)
    boxes = soup.select(".rk-disclaimer")
    assert len(boxes) == 1, f"{docname}: expected one disclaimer, found {len(boxes)}"
    text = boxes[0].get_text(" ", strip=True)
    # The disclaimer is the red-flag catalogue's: its lead and every emergency and same-day sign.
    assert text.startswith("Educational use only — not a diagnosis")
    for sign in red_flags.load().screen_signs():
        assert sign.short in text, (docname, sign.key)
    if docname == "book/red-flags":
        assert "full list is below" in text
    else:
        link = boxes[0].find("a")
        assert link is not None and link["href"].split("#")[0].endswith("red-flags.html")


@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_loads_only_local_assets(student_html, docname):
    soup = read_page(student_html, docname)
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in soup.find_all(tag):
            url = element.get(attr)
            if url and tag == "link" and "stylesheet" not in (element.get("rel") or []) and element.get("as") is None:
                continue  # plain hyperlinks in <link rel=next> etc. are not loaded
            assert not (url and re.match(r"^(https?:)?//", url)), f"{docname}: <{tag}> loads {url}"
    html = str(soup)
    assert "thebe" not in html.lower(), f"{docname}: thebe config left in the page"
    assert "mathjax" not in html.lower(), f"{docname}: MathJax is referenced (the site ships none)"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_search_index_only_on_the_search_page(student_html, docname):
    # ~93 KB a reader would download on every page for a search-as-you-type option that is off.
    soup = read_page(student_html, docname)
    scripts = [s.get("src") or "" for s in soup.find_all("script")]
    assert not any("searchindex.js" in src or "searchtools.js" in src for src in scripts), docname


def test_search_page_loads_the_index(student_html):
    search = (student_html / "search.html").read_text()
    assert "searchindex.js" in search and "searchtools.js" in search


@pytest.mark.parametrize("docname", DOCNAMES)
def test_plotly_js_is_never_loaded_with_the_page_and_its_loader_only_where_there_are_figures(student_html, docname):
    soup = read_page(student_html, docname)
    has_figure = bool(soup.select("figure.rk-plotly"))
    scripts = [s for s in soup.find_all("script") if s.get("src")]
    assert not any("plotly-basic" in s["src"] for s in scripts), f"{docname}: plotly.js is loaded up front"
    loaders = [s for s in scripts if "rk/plotly-loader.js" in s["src"]]
    assert has_figure == bool(loaders), f"{docname}: figure={has_figure} but loader={bool(loaders)}"
    for loader in loaders:  # the loader fetches plotly.js from data-plotly, relative to _static/
        assert (student_html / "_static" / loader["data-plotly"]).is_file(), loader["data-plotly"]


@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_figure_shows_its_static_picture_with_alt_text_at_the_figure_s_height(student_html, docname):
    page = student_html / f"{docname}.html"
    soup = read_page(student_html, docname)
    for figure in soup.select("figure.rk-plotly"):
        img = figure.select_one(".rk-plotly-target picture.rk-plotly-static img")
        assert img is not None and img.get("alt") == figure["aria-label"], figure.get("data-rk-figure")
        for link in [img["src"], figure.select_one("picture source")["srcset"]]:
            assert (page.parent / link).resolve().is_file(), f"{docname}: {link} is missing"
        assert figure.select_one(".rk-plotly-target")["style"] == f"height:{img['height']}px"


def test_code_cells_hidden_on_site_but_kept_in_notebook(student_html):
    docname = "book/rehabilitation/return-to-running-planner"
    soup = read_page(student_html, docname)
    assert soup.select("figure.rk-plotly"), "the planner figure is missing from the page"
    assert "protocol_view" not in soup.get_text(), "code is shown to readers"
    notebook = (REPO / f"{docname}.ipynb").read_text()
    assert "protocol_view()" in notebook


def test_notebook_download_is_offered(student_html):
    # The download menu links the clean notebook written beside the page (_ext/downloads.py;
    # tests/test_downloads.py checks its content); the raw _sources are not published.
    docname = "book/rehabilitation/return-to-running-planner"
    assert (student_html / f"{docname}.ipynb").exists()
    assert not (student_html / "_sources").exists()


def test_anatomy_pages_show_the_drawings(student_html):
    from bs4 import BeautifulSoup

    anatomy = BeautifulSoup((student_html / "book/what-is-runners-knee/anatomy.html").read_text(), "html.parser")
    side = anatomy.select_one("figure.rk-anatomy-figure svg[role=img]")
    assert side is not None and "Patellar tendon" in side.get_text()
    who = BeautifulSoup((student_html / "book/what-is-runners-knee/who-gets-it.html").read_text(), "html.parser")
    assert "Q =" in who.select_one("figure.rk-anatomy-figure svg").get_text()


# --- trimmed theme assets (_ext/slim_static.py) ------------------------------------------------

ICON_FONTS = "_static/vendor/fontawesome/webfonts"
THEME_STYLES = (
    Path(importlib.util.find_spec("pydata_sphinx_theme").origin).parent
    / "theme" / "pydata_sphinx_theme" / "static" / "styles" / "pydata-sphinx-theme.css"
)


def _icon_code_points(student_html) -> set[int]:
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for font in (student_html / ICON_FONTS).glob("*.woff2"):
        points |= set(TTFont(font).getBestCmap())
    return points


def _icon_rules(css: str) -> dict[str, str]:
    """``.fa-bars:before{content:"\\f0c9"}`` → {"fa-bars": "\\uf0c9"}, in the theme's own CSS."""
    rules = {}
    for selectors, code in re.findall(r'([^{}]+)\{content:"\\([0-9a-f]{4,5}) ?"\}', css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):+before", selectors):
            rules[name] = chr(int(code, 16))
    return rules


def test_icon_font_has_every_icon_the_stylesheets_name(student_html):
    fonts = _icon_code_points(student_html)
    named = set()
    for sheet in (student_html / "_static").rglob("*.css"):
        for code in re.findall(r'"\\([ef][0-9a-f]{3}) ?"', sheet.read_text(encoding="utf-8")):
            named.add(int(code, 16))  # icon code points live in U+E000–U+F8FF
    assert named, "no icon code points found in the stylesheets"
    assert named <= fonts, f"icons named in CSS but cut from the font: {sorted(hex(c) for c in named - fonts)}"


def test_every_icon_a_page_shows_keeps_its_rule_and_glyph(student_html):
    theirs = _icon_rules(THEME_STYLES.read_text(encoding="utf-8"))
    assert len(theirs) > 1000  # the theme ships every Font Awesome icon
    trimmed = _icon_rules((student_html / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8"))
    assert len(trimmed) < 200  # ... the site uses a few dozen
    fonts = _icon_code_points(student_html)
    used = set()
    for page in student_html.rglob("*.html"):
        used |= set(re.findall(r"\b(fa-[a-z0-9-]+)\b", page.read_text(encoding="utf-8"))) & set(theirs)
    assert {"fa-bars", "fa-download", "fa-magnifying-glass"} <= used, used
    for name in used:
        assert trimmed.get(name) == theirs[name], f"{name}: icon rule trimmed away"
        assert ord(theirs[name]) in fonts, f"{name}: glyph cut from the font"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_extension_assets_only_where_the_page_uses_them(student_html, docname):
    soup = read_page(student_html, docname)
    tags = soup.select("script[src], link[href]")
    loaded = {Path(tag.get("src") or tag.get("href")).name.split("?")[0] for tag in tags}
    article = soup.select_one("article") or soup
    has_code = bool(article.select("div.highlight"))
    has_toggle = bool(article.select(".toggle, .admonition.dropdown"))
    has_tabs = bool(article.select(".sd-tab-set"))
    assert ("copybutton.js" in loaded) == has_code and ("pygments.css" in loaded) == has_code, docname
    assert ("togglebutton.js" in loaded) == has_toggle, docname
    assert ("design-tabs.js" in loaded) == has_tabs, docname
    has_design = any(name.startswith("sd-") for tag in article.select("[class]") for name in tag["class"])
    assert ("sphinx-design.min.css" in loaded) == has_design, docname
    assert ("exercise.css" in loaded) == bool(article.select(".exercise, .solution")), docname


@pytest.mark.parametrize("docname", DOCNAMES)
def test_basic_css_is_linked_directly_before_the_theme(student_html, docname):
    # theme.css only @imports basic.css; the page links basic.css itself (one request less).
    links = read_page(student_html, docname).select("link[rel=stylesheet]")
    hrefs = [Path(link["href"]).name.split("?")[0] for link in links]
    assert "theme.css" not in hrefs, docname
    assert hrefs.index("basic.css") < hrefs.index("pydata-sphinx-theme.css"), docname


# Issue 22: Sphinx's and the theme's scripts only add behaviour to what the page shows, so none
# may hold up the first paint (_ext/course_site.py defer_head_scripts).
THEME_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js", "sphinx-book-theme.js",
                 "bootstrap.js", "pydata-sphinx-theme.js")


@pytest.mark.parametrize("docname", DOCNAMES)
def test_no_script_holds_up_the_first_paint(student_html, docname):
    soup = read_page(student_html, docname)
    blocking = [tag["src"] for tag in soup.head.select("script[src]")
                if not tag.has_attr("defer") and not tag.has_attr("async") and tag.get("type") != "text/plain"]
    assert blocking == [], docname
    held = [Path(tag["src"]).name.split("?")[0] for tag in soup.select('script[type="text/plain"][data-rk-late]')]
    assert [name for name in held if name in THEME_SCRIPTS] == [
        name for name in THEME_SCRIPTS if name in held], f"{docname}: theme scripts out of order: {held}"
    assert {"doctools.js", "bootstrap.js", "pydata-sphinx-theme.js"} <= set(held), docname
    # Nothing preloads what is held back, and the inlined loader that starts it is there.
    assert not soup.select('link[rel=preload][as=script]'), docname
    assert any("script[data-rk-late]" in (tag.string or "") for tag in soup.select("script:not([src])")), docname


def test_the_icon_font_is_preloaded_as_the_stylesheet_names_it(student_html):
    soup = read_page(student_html, "book/how-to-use")
    preload = soup.select_one('link[rel=preload][as=font]')
    assert preload is not None and preload.has_attr("crossorigin")
    font = (student_html / "book" / preload["href"]).resolve()
    assert font.is_file() and font.name == "fa-solid-900.woff2"
    css = (student_html / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "url(../vendor/fontawesome/webfonts/fa-solid-900.woff2)" in css


def test_the_search_page_loads_its_scripts_as_the_theme_does(student_html):
    soup = read_page(student_html, "search")
    names = [Path(tag["src"]).name.split("?")[0] for tag in soup.select("script[src]")
             if tag.get("type") != "text/plain"]
    assert {"documentation_options.js", "doctools.js", "searchtools.js", "bootstrap.js",
            "pydata-sphinx-theme.js"} <= set(names)
    assert not soup.select("script[data-rk-late]")


def test_copy_buttons_still_load_on_the_page_with_code(student_html):
    # how-to-use.md shows the commands to build the course: the one page with code blocks.
    soup = read_page(student_html, "book/how-to-use")
    assert soup.select("article div.highlight")
    assert soup.select('script[src*="copybutton.js"]') and soup.select('link[href*="pygments.css"]')


@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_names_the_course_icon_and_it_is_built(student_html, docname):
    # Without an icon, browsers ask every page's root for /favicon.ico: a 404 in the console.
    soup = read_page(student_html, docname)
    links = soup.select('link[rel~="icon"], link[rel="apple-touch-icon"]')
    names = sorted(Path(link["href"]).name for link in links)
    assert names == ["apple-touch-icon.png", "favicon-32.png", "favicon.svg"], f"{docname}: {names}"
    for link in links:
        target = ((student_html / docname).parent / link["href"]).resolve()
        assert target.is_file() and target.parent == student_html.resolve(), f"{docname}: {link['href']}"


def test_site_root_serves_favicon_ico(student_html):
    ico = (student_html / "favicon.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0", "favicon.ico is not an ICO file"


# --- the evidence register ------------------------------------------------------------------

def test_register_page_lists_every_entry(student_html):
    from widgets import clinical

    soup = read_page(student_html, "book/evidence-register")
    ids = {element["id"] for element in soup.select("[id]")}
    text = soup.get_text(" ")
    for key, entry in clinical.load().items():
        # docutils folds the label's "--" into one hyphen in the HTML id.
        assert entry.anchor.replace("--", "-") in ids, key
        assert entry.evidence.words in text, key
    for anchor in ("evidence-protocol-stages", "evidence-exercises-hip", "evidence-exercises-quadriceps"):
        assert anchor in ids


def test_every_page_using_a_contradicted_number_says_so(student_html):
    """A contradicted number is marked at its first use on every page (numbers sharing one note
    share one marker), and the marker links to the number's entry on the register."""
    from widgets import clinical

    register_ids = {e["id"] for e in read_page(student_html, "book/evidence-register").select("[id]")}
    contradicted = {key: entry for key, entry in clinical.load().items() if entry.contradicted}
    pages = 0
    for docname in DOCNAMES:
        soup = read_page(student_html, docname)
        used = {key for key in contradicted if soup.select(f".clin-{key.replace('.', '--')}")}
        if not used:
            continue
        pages += 1
        marked = {}
        for span in soup.select(".rk-marked"):
            key = next(c[5:].replace("--", ".") for c in span["class"] if c.startswith("clin-"))
            link = span.find("a")
            assert link is not None and clinical.CONTRADICTED_MARKER in link.get_text(), docname
            page, _, fragment = link["href"].partition("#")
            assert page.endswith("evidence-register.html") and fragment in register_ids, (docname, link["href"])
            marked[key] = contradicted[key].evidence
        for key in used:
            assert contradicted[key].evidence in marked.values(), f"{docname}: {key} is shown without its marker"
            for span in soup.select(f".clin-{key.replace('.', '--')}"):
                assert "rk-contradicted" in span["class"]
    assert pages >= 3  # anatomy, joint load, surfaces and the conclusion use such numbers


def test_evidence_directive_renders_the_register_note(student_html):
    from widgets import clinical

    soup = read_page(student_html, "book/prevention-and-faq/long-term-prevention")
    notes = [n for n in soup.select(".rk-evidence-note") if "the 10% rule" in n.get_text()]
    assert len(notes) == 1, "the {evidence} directive rendered no note on the 10% rule"
    text = " ".join(notes[0].get_text(" ").split())
    assert "Evidence note: the 10% rule" in text
    assert "no sudden spikes" in text and "Buist" in text and "Nielsen" in text
    link = notes[0].select_one('a[href*="evidence-register.html#"]')
    assert link is not None
    assert clinical.get("training_load.weekly_increase_max").evidence.words in text


def test_every_treatment_row_has_its_anchor_and_every_link_to_one_resolves(student_html):
    """The guideline table has one element per treatment with the id `treatment-<id>`, and every
    link from any page to guideline-at-a-glance.html#... lands on an id that exists; each page a
    row lists in discussed_on links to that row."""
    from widgets import treatments

    glance = read_page(student_html, treatments.PAGE)
    ids = {el["id"] for el in glance.select("table [id]")}
    assert {t.anchor for t in treatments.load()} <= ids
    target = Path(treatments.PAGE).name + ".html#"
    linked: dict[str, set[str]] = {}
    for docname in toc_docnames():
        for a in read_page(student_html, docname).select("article a[href]"):
            href = a["href"]
            if target in href:
                fragment = href.split("#", 1)[1]
                assert glance.find(id=fragment), f"{docname}: link to #{fragment}, which the guideline page lacks"
                linked.setdefault(docname, set()).add(fragment)
    for row in treatments.load():
        for docname in row.discussed_on:
            assert row.anchor in linked.get(docname, set()), f"{docname} does not link to #{row.anchor}"
