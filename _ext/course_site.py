"""Sphinx extension for the Runner's Knee course site.

What it adds, and why:

- ``{clin}`key``` role: a clinical number from ``widgets/data/clinical.yaml`` in running text,
  so the text and the widgets read one source ("3–4 × body weight"). ``{clinnum}`` gives the
  number without its unit. A number whose evidence verdict is ``contradicted`` is followed, at
  its first use on each page, by a short marker linking to its entry on the evidence register.
- ``{rule}`name``` role: one of the course's pain rules in words (``next_day``, ``exercises``,
  ``carry_on``, ``hold``, ``step_back``, ``stop``), from the ``pain_rules`` block of
  ``widgets/data/return_to_run_protocol.yaml`` through ``widgets.return_to_run.pain_rule``, so no
  page retypes a rule.
- ``{evidence}`` directive: an entry's evidence note from the register, as an "Evidence note"
  admonition with its citations, so a page never retypes a note.
- ``{generated}`` directive: MyST markdown returned by a function in ``widgets`` (tables of
  the return-to-running protocol, exercise doses, ...), parsed as if written in the page.
- The educational-use disclaimer, with a link to the red-flags page, at the top of every page.
- Per-page scripts: plotly.js and the figure loader only on pages with a figure; a widget's
  script only on pages that use it (``data-rk-widget="NAME"`` → ``_static/rk/NAME.js``).
- Editions: ``COURSE_EDITION=instructor`` shows sphinx-exercise solutions; the default
  student edition hides them.
- The notebook execution cache is keyed to the ``widgets`` code and data, so a change to a
  model re-runs the notebooks instead of serving stale outputs.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shutil
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
WIDGETS_DIR = REPO_ROOT / "widgets"
STATIC_SOURCE = REPO_ROOT / "assets"

PLOTLY_JS = "vendor/plotly/plotly-basic-4.1.1.min.js"
RED_FLAGS_DOC = "book/red-flags"

EDITIONS = ("student", "instructor")


# --- clinical numbers -------------------------------------------------------------------

def _clinical_role(number_only: bool):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        from widgets import clinical

        env = inliner.document.settings.env
        env.note_dependency(str(clinical.CLINICAL_FILE))
        key = text.strip()
        try:
            entry = clinical.get(key)
        except (KeyError, clinical.DataFileError) as exc:
            msg = inliner.reporter.error(f"clin role: {exc}", line=lineno)
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        shown = entry.number_text() if number_only else entry.display()
        # The key goes into a class (HTML writers drop unknown attributes), so tests can check
        # which clinical numbers each page shows: "section.name" -> "clin-section--name".
        classes = ["rk-clin", "clin-" + key.replace(".", "--")]
        if not entry.contradicted:
            return [nodes.inline(rawtext, shown, classes=classes)], []
        # Research differs: the page says so at the number's first use, linking to its register
        # entry. Later uses on the same page, and numbers sharing the same note (one sentence
        # may hold three of them), keep the number alone, so the marker does not crowd the text.
        document = inliner.document
        marked = document.__dict__.setdefault("_rk_contradicted_marked", set())
        classes.append("rk-contradicted")
        if entry.evidence in marked:
            return [nodes.inline(rawtext, shown, classes=classes)], []
        marked.add(entry.evidence)
        node = nodes.inline(rawtext, "", classes=[*classes, "rk-marked"])
        node += nodes.inline(shown, shown, classes=["rk-clin-number"])
        node += nodes.Text(" (")
        link = addnodes.pending_xref(
            "", refdomain="std", reftype="ref", reftarget=entry.anchor, refexplicit=True,
            refwarn=True, refdoc=env.docname,
        )
        link += nodes.inline(clinical.CONTRADICTED_MARKER, clinical.CONTRADICTED_MARKER,
                             classes=["rk-evidence-marker"])
        node += link
        node += nodes.Text(")")
        return [node], []

    return role


def _rule_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    from widgets.return_to_run import pain_rules

    env = inliner.document.settings.env
    env.note_dependency(str(pain_rules.PROTOCOL_FILE))
    env.note_dependency(str(pain_rules.clinical.CLINICAL_FILE))
    key = text.strip()
    try:
        words = pain_rules.pain_rule(key)
    except (KeyError, pain_rules.DataFileError) as exc:
        msg = inliner.reporter.error(f"rule role: {exc}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, words, classes=["rk-rule", "rule-" + key.replace("_", "-")])], []


class EvidenceNote(Directive):
    """An entry's evidence note from the register (``widgets.clinical``), as an admonition with
    its citations and a link to the entry, so no page types a note the register already has.

    Usage (the optional second argument replaces the title "Evidence note")::

        :::{evidence} joint_force.running
        :::
    """

    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self):
        from widgets import clinical

        env = self.state.document.settings.env
        env.note_dependency(str(clinical.CLINICAL_FILE))
        key = self.arguments[0]
        title = self.arguments[1] if len(self.arguments) > 1 else "Evidence note"
        try:
            markdown = clinical.evidence_note_markdown(key, title)
        except (KeyError, clinical.DataFileError) as exc:
            raise self.error(f"evidence: {exc}") from exc
        container = nodes.container()
        self.state.nested_parse(StringList(markdown.splitlines(), source=f"evidence {key}"),
                                self.content_offset, container)
        return container.children


# --- generated markdown -----------------------------------------------------------------

class GeneratedMarkdown(Directive):
    """Insert MyST markdown produced by ``module:function`` (with optional string arguments).

    Usage::

        :::{generated} widgets.return_to_run:protocol_table_markdown
        :::
    """

    required_arguments = 1
    optional_arguments = 10
    has_content = False
    option_spec: ClassVar = {"class": directives.class_option}

    def run(self):
        env = self.state.document.settings.env
        target, *args = self.arguments
        module_name, _, func_name = target.partition(":")
        try:
            module = importlib.import_module(module_name)
            func = getattr(module, func_name)
            markdown = func(*args)
        except Exception as exc:  # any failure is a build error with the target named
            raise self.error(f"generated: {target}({', '.join(args)}) failed: {exc}") from exc
        env.note_dependency(module.__file__)
        for data_file in sorted((WIDGETS_DIR / "data").rglob("*.y*ml")):
            env.note_dependency(str(data_file))
        container = nodes.container(classes=["rk-generated", *self.options.get("class", [])])
        self.state.nested_parse(StringList(markdown.splitlines(), source=target), self.content_offset, container)
        return container.children if not self.options.get("class") else [container]


# --- disclaimer on every page -----------------------------------------------------------

def disclaimer_node(app: Sphinx, docname: str) -> nodes.Node:
    """The disclaimer, from the red-flag catalogue (widgets.red_flags), so every page lists the
    same emergency and same-day signs as the walkthroughs and the red-flags page."""
    from widgets import red_flags

    # Every page depends on the catalogue; the "course_red_flags" config value (its file's hash)
    # makes Sphinx re-read every page when it changes.
    words = red_flags.disclaimer()
    box = nodes.container(classes=["rk-disclaimer"])
    para = nodes.paragraph()
    para += nodes.strong(text=words["lead"] + " ")
    for level in ("emergency", "same_day"):
        para += nodes.strong(text=words[level]["intro"] + " ")
        para += nodes.Text("; ".join(words[level]["signs"]) + ". ")
    para += nodes.Text(words["rest"] + " ")
    if docname == RED_FLAGS_DOC:
        para += nodes.Text("The full list is below.")
    else:
        uri = app.builder.get_relative_uri(docname, RED_FLAGS_DOC)
        para += nodes.reference("", "The red flags, in full", refuri=uri, internal=True)
        para += nodes.Text(".")
    box += para
    return box


def add_disclaimer(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, disclaimer_node(app, docname))
        return
    # Just below the page title, so the title stays first for readers and screen readers.
    title_index = next((i for i, child in enumerate(section.children) if isinstance(child, nodes.title)), -1)
    section.insert(title_index + 1, disclaimer_node(app, docname))


# --- per-page scripts -------------------------------------------------------------------

def add_page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if 'class="rk-plotly"' in body:
        # Only the loader: it fetches plotly.js (data-plotly, relative to _static/) when the reader
        # reaches (nears) or touches a figure; until then, or for good, each figure's static picture.
        app.add_js_file("rk/plotly-loader.js", loading_method="defer", priority=610, **{"data-plotly": PLOTLY_JS})
    for name in sorted(_widget_names(body)):
        script = STATIC_SOURCE / "rk" / f"{name}.js"
        if name != "plotly" and script.exists():
            if _uses_rk_common(script):
                # The shared module first (deferred scripts run in document order); Sphinx adds
                # a file once however many widgets of the page ask for it.
                app.add_js_file(RK_COMMON_JS, loading_method="defer", priority=615)
            app.add_js_file(f"rk/{name}.js", loading_method="defer", priority=620)
            if (STATIC_SOURCE / "rk" / f"{name}.css").exists():
                app.add_css_file(f"rk/{name}.css")


# The page scripts' shared module (dates, CSV, .ics folding, storage), loaded before any page
# script that uses it (rk-common marker: the script reads window.rkCommon).
RK_COMMON_JS = "rk/rk-common.js"


def _uses_rk_common(script) -> bool:
    return "window.rkCommon" in script.read_text(encoding="utf-8")


def _widget_names(body: str) -> set[str]:
    marker = 'data-rk-widget="'
    names = set()
    start = body.find(marker)
    while start != -1:
        end = body.find('"', start + len(marker))
        names.add(body[start + len(marker) : end])
        start = body.find(marker, end)
    return names


# Static figure pictures (widgets.display.SiteFigure): the figure HTML names them from the site
# root ("_static/figures/…", it cannot know the page); each page links them relative to itself.
STATIC_FIGURE_LINK = re.compile(r'(src|srcset)="_static/(figures/[^"]+)"')


# A figure's static picture is fetched at low priority: it sits below the page title and the
# disclaimer (the largest text, the page's largest contentful paint), and on a slow phone
# connection it competed with the stylesheets that text waits for (issue 22). It still loads at
# once, in its box of fixed height, so nothing shifts.
STATIC_FIGURE_IMG = '" decoding="async">'


def link_static_figures(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if "_static/figures/" in body:
        pathto = context["pathto"]
        body = STATIC_FIGURE_LINK.sub(lambda m: f'{m.group(1)}="{pathto("_static/" + m.group(2), 1)}"', body)
        context["body"] = body.replace(STATIC_FIGURE_IMG, '" decoding="async" fetchpriority="low">')


def _unwanted_asset(asset) -> bool:
    """sphinx-thebe's scripts: Jupyter Book 1 always loads the extension; with thebe off its
    scripts only declare THEBE_JS_URL twice (a console error) and name a CDN. (The theme's
    1.5 MB fontawesome.js is dropped by _templates/static/webpack-macros.html.)"""
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in (name + body).lower()


# Extension assets that only do something on a page holding what they act on. Every page
# gets them by default; a first-time reader of a page without code blocks, toggles or tabs
# need not download them (~45 KB). Values: file names, and a test on the page's classes.
CONDITIONAL_ASSETS = {
    # sphinx-copybutton: a copy button on each code block.
    "copybutton.js": lambda classes: "highlight" in classes,
    "clipboard.min.js": lambda classes: "highlight" in classes,
    "copybutton.css": lambda classes: "highlight" in classes,
    # Sphinx's code colours.
    "pygments.css": lambda classes: "highlight" in classes,
    # sphinx-togglebutton: its default selector, ".toggle, .admonition.dropdown".
    "togglebutton.js": lambda classes: "toggle" in classes or "dropdown" in classes,
    "togglebutton.css": lambda classes: "toggle" in classes or "dropdown" in classes,
    # sphinx-design: the tab-set script, and its stylesheet (only sd-* rules).
    "design-tabs.js": lambda classes: "sd-tab-set" in classes,
    "sphinx-design.min.css": lambda classes: any(name.startswith("sd-") for name in classes),
    # sphinx-exercise: styles its exercise and solution admonitions.
    "exercise.css": lambda classes: bool({"exercise", "solution"} & classes),
}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def _page_classes(body: str) -> set[str]:
    return {name for value in CLASS_ATTRIBUTE.findall(body) for name in value.split()}


def _needed_here(asset, classes: set[str]) -> bool:
    name = Path(str(getattr(asset, "filename", asset) or "")).name
    test = CONDITIONAL_ASSETS.get(name)
    return test is None or test(classes)


def prune_page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    classes = _page_classes(context.get("body", ""))
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [f for f in context[key] if not _unwanted_asset(f) and _needed_here(f, classes)]


def drop_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-thebe appends its binder config (raw HTML) to every page; thebe is off."""
    for raw in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in raw.astext() or "kernelName =" in raw.astext():
            raw.parent.remove(raw)


def fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """docutils marks each reference role="doc-biblioentry" inside a role="list"; that role is
    deprecated and not a list item, so screen readers get a list with no items (axe:
    aria-required-children, critical). Plain list items say the same thing correctly."""
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def label_toctree_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The theme's sidebar expanders are <summary> elements holding only a chevron icon, so a
    screen reader announces nothing (axe: summary-name, serious). Give each one a label."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_rk_labelled", False):
        return

    def labelled(*args, **kwargs):
        html = generate(*args, **kwargs)
        return str(html).replace(
            '<summary><span class="toctree-toggle"',
            '<summary><span class="visually-hidden">Show or hide this chapter\'s pages</span>'
            '<span class="toctree-toggle"',
        )

    labelled._rk_labelled = True
    context["generate_toctree_html"] = labelled


# --- first paint before scripts ---------------------------------------------------------------

# Sphinx's and the themes' scripts that only add behaviour to markup the page already shows
# (keyboard and search-word highlighting, the copy buttons, the theme's sidebar observers). In
# <head> they block the first paint; on a phone on slow 4G (Lighthouse's mobile test, issue 22)
# they, with the theme's bootstrap.js and pydata-sphinx-theme.js, cost ~0.5 s of the largest
# contentful paint. They are started after the first paint instead, in this order, then the
# theme's two (_templates/static/webpack-macros.html). copybutton.js reads DOCUMENTATION_OPTIONS
# when it runs, so it follows documentation_options.js.
LATE_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js", "scripts/sphinx-book-theme.js",
                "clipboard.min.js", "copybutton.js")
# Scripts that act at DOMContentLoaded (as they did from <head>): deferred, not held back, so a
# dropdown or tab set is folded before the first paint and nothing shifts.
DEFERRED_SCRIPTS = ("togglebutton.js", "design-tabs.js")
# The search page runs Sphinx's search with these scripts: it keeps them as the theme loads them.
KEEP_SCRIPTS_ON = {"search"}
# The theme's icon font (Font Awesome solid, cut down by slim_static.py): the stylesheet names it,
# so without a preload the browser learns of it only after the stylesheet arrives and is applied.
ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
# Starts the held <script type="text/plain" data-rk-late> tags after the largest contentful
# paint, or at the reader's first key press, click or touch (assets/rk/late-scripts.js, inlined).
LATE_LOADER_JS = STATIC_SOURCE / "rk" / "late-scripts.js"


def late_loader() -> str:
    """late-scripts.js without its comments and indentation (it is inlined in every page)."""
    lines = (re.sub(r"\s+// .*$", "", line).strip() for line in LATE_LOADER_JS.read_text(encoding="utf-8").splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


SCRIPT_SRC_ATTR = re.compile(r'\ssrc="([^"]+)"')


def defer_head_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Move LATE_SCRIPTS from <head> to after the first paint and defer DEFERRED_SCRIPTS."""
    if app.builder.format != "html" or pagename in KEEP_SCRIPTS_ON or not context.get("script_files"):
        return
    js_tag = context["js_tag"]
    late, kept = [], []
    for js in context["script_files"]:
        name = str(getattr(js, "filename", "") or "").removeprefix("_static/")
        if name in LATE_SCRIPTS:
            late.append((LATE_SCRIPTS.index(name), SCRIPT_SRC_ATTR.search(js_tag(js)).group(1)))
            continue
        if name in DEFERRED_SCRIPTS and "async" not in js.attributes:
            js.attributes.setdefault("defer", "defer")
        kept.append(js)
    context["script_files"] = kept
    context["rk_late_scripts"] = [src for _, src in sorted(late)]
    context["rk_late_loader"] = late_loader()
    context["rk_font_preload"] = ICON_FONT


# --- editions and cache -------------------------------------------------------------------

def configure(app: Sphinx, config) -> None:
    edition = os.environ.get("COURSE_EDITION", "student")
    if edition not in EDITIONS:
        raise ValueError(f"COURSE_EDITION must be one of {EDITIONS}, got {edition!r}")
    config.course_edition = edition
    # ":::{only} instructor" blocks (teaching cases, marking notes) appear only in that edition.
    app.tags.add(edition)
    # sphinx-exercise: solutions only in the instructor edition.
    config.hide_solutions = edition != "instructor"
    config.html_title = "Runner's Knee" + (" — instructor edition" if edition == "instructor" else "")

    # COURSE_NB_CACHE (set by the Makefile to $(OUT)/_build/.jupyter_cache) lets both editions
    # share one cache while builds into different OUT folders never share a cache database.
    cache_root = Path(os.environ.get("COURSE_NB_CACHE") or Path(app.srcdir) / "_build" / ".jupyter_cache").resolve()
    key = widgets_fingerprint()
    config.nb_execution_cache_path = str(cache_root / key)
    if cache_root.is_dir():  # keep the disk bounded: drop caches of older widget code
        for old in cache_root.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)


def widgets_fingerprint() -> str:
    """Hash of the widgets package's code and data: notebooks re-run when either changes."""
    digest = hashlib.sha256()
    for path in sorted(WIDGETS_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".json"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(WIDGETS_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extension_fingerprint() -> str:
    """Hash of this extension and the site's own assets. Sphinx does not notice edits to an
    extension's code; as an "env" config value this forces a full rebuild when they change."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted((STATIC_SOURCE / "rk").glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Sphinx):
    app.add_config_value("course_edition", "student", "env")
    app.add_config_value("course_site_fingerprint", extension_fingerprint(), "env")
    app.add_config_value("course_red_flags", hashlib.sha256(
        (WIDGETS_DIR / "data" / "red_flags.yaml").read_bytes()).hexdigest(), "env")
    app.connect("config-inited", configure, priority=900)
    app.add_role("clin", _clinical_role(number_only=False))
    app.add_role("clinnum", _clinical_role(number_only=True))
    app.add_role("rule", _rule_role)
    app.add_directive("generated", GeneratedMarkdown)
    app.add_directive("evidence", EvidenceNote)
    app.connect("doctree-resolved", add_disclaimer)
    app.connect("html-page-context", add_page_assets, priority=400)
    # html-page-context stops at the first handler that returns a template name (the themes
    # do), so these run before the theme's handlers.
    app.connect("html-page-context", prune_page_assets, priority=400)
    app.connect("html-page-context", fix_citation_roles, priority=400)
    app.connect("html-page-context", link_static_figures, priority=400)
    # After prune_page_assets (the same priority runs in connection order), before the themes.
    app.connect("html-page-context", defer_head_scripts, priority=450)
    app.connect("doctree-resolved", drop_thebe_nodes, priority=900)
    # After pydata-sphinx-theme has put its toctree function into the context (priority 500).
    app.connect("html-page-context", label_toctree_toggles, priority=510)
    app.add_css_file("rk/course.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
