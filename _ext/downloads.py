"""What a reader takes away from the site: clean notebooks, the course package, launch links.

- **Clean notebooks.** Each notebook page is written next to its HTML page
  (``book/…/page.html`` → ``book/…/page.ipynb``) as plain Jupyter markdown that reads the same in
  any Jupyter, VS Code or Colab: ``{clin}`` numbers and ``{rule}`` pain rules filled in (from
  ``widgets.clinical`` and ``widgets.return_to_run``, as the roles do), ``{doc}``/``{ref}``/
  ``{term}`` and ``{cite:p}``/``{cite:t}`` turned into text linked to the site page or the
  bibliography, ``{generated}`` and ``{evidence}`` blocks rendered,
  admonitions as quoted blocks, exercises numbered, and solutions dropped from the student
  edition (kept, after their exercise, in the instructor edition). Outputs are cleared; code
  cells keep their ``skip-execution`` tag. A directive or role this module cannot render fails the
  build, so no raw MyST reaches a download. ``_sources`` is not copied (``html_copy_source:
  false`` in ``_config.yml``): it held the unedited notebooks, solutions included.
- **The course package.** ``pip wheel`` builds ``runners_knee-<version>-py3-none-any.whl`` from
  ``pyproject.toml`` (offline: no build isolation) into ``_downloads/`` of the site, with a zip of
  the edition's notebooks (the instructor site also has the student zip, to hand out).
- **Download and launch buttons.** The page's download menu offers the clean notebook and the
  package. When ``course_launch`` in ``_config.yml`` names a JupyterHub (and the repository of
  the notebooks) or a Binder repository, notebook pages get a launch menu (an nbgitpuller link,
  a mybinder.org link); unset, the default, nothing is added and no page names another host.

Pure functions (``resolve_markdown``, ``clean_notebook``, ``launch_links``) take a ``links``
object (see :class:`SiteLinks`) and are unit-tested without Sphinx (tests/ext/test_downloads.py).
"""

from __future__ import annotations

import codecs
import copy
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

REPO_ROOT = Path(__file__).resolve().parent.parent
BIBLIOGRAPHY_DOC = "book/bibliography"
RED_FLAGS_DOC = "book/red-flags"
DOWNLOADS_DIR = "_downloads"
# The anchor of each entry on the bibliography page (sphinxcontrib-bibtex's bibtex_cite_id,
# set to "cite-{key}" in _config.yml so the anchors are stable and computable).
CITE_ID = "cite-{key}"

ADMONITIONS = {"admonition", "note", "tip", "hint", "important", "warning", "caution", "attention",
               "danger", "error", "seealso", "dropdown"}
# Directive fences: ```{name} args / :::{name} args (any fence length ≥ 3).
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?\s*(?P<arg>.*?)\s*$")
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")
TARGET = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
ROLE = re.compile(r"\{(?P<name>[a-zA-Z][\w:+-]*)\}`(?P<content>[^`]+)`")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
# What no clean notebook may contain (tests/test_downloads.py reads the same pattern).
UNRESOLVED_MYST = re.compile(r"\{clin|\{rule\}|\{cite|\{term\}|\{doc\}|\{ref\}|\{generated\}|\{evidence\}|:::\{|```\{")


class DownloadError(ValueError):
    """A notebook holds MyST this module cannot turn into plain markdown."""


# --- links ---------------------------------------------------------------------------------------

class Links:
    """Where the text of a notebook links to: the site's pages. Subclassed by SiteLinks (from a
    Sphinx build) and by the tests' stub. Each method returns ``(text, url)``."""

    def doc(self, target: str) -> tuple[str, str]:
        raise NotImplementedError

    def ref(self, label: str) -> tuple[str, str]:
        raise NotImplementedError

    def term(self, text: str) -> tuple[str, str]:
        raise NotImplementedError

    def cite(self, key: str) -> tuple[str, str]:
        """The bibliography page's URL with the entry's anchor (text: unused)."""
        raise NotImplementedError


@cache
def _bibliography(path: Path):
    from pybtex.database import parse_file

    return parse_file(str(path))


def _latex_text(value: str) -> str:
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; installed with pybtex)

    return codecs.decode(value, "ulatex").replace("{", "").replace("}", "")


def author_year(key: str, bib_path: Path = REPO_ROOT / "references.bib") -> tuple[str, str]:
    """("Crossley et al.", "2016") for a references.bib key, as the site's author-year labels:
    one author by surname, two joined by "and", three or more "First et al."."""
    try:
        entry = _bibliography(bib_path).entries[key]
    except KeyError:
        raise DownloadError(f"cite: {key!r} is not a key of references.bib") from None
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_latex_text(" ".join(p.prelast_names + p.last_names)) for p in people]
    if names and names[-1] == "others":  # BibTeX's "and others": more authors than listed
        names = [*names[:-1], "", ""]
    if not names:
        authors = _latex_text(entry.fields.get("organization", entry.fields.get("title", key)))
    elif len(names) == 1:
        authors = names[0]
    elif len(names) == 2:
        authors = f"{names[0]} and {names[1]}"
    else:
        authors = f"{names[0]} et al."
    return authors, entry.fields.get("year", "n.d.")


# --- markdown ------------------------------------------------------------------------------------

@dataclass
class Context:
    """One notebook's conversion: its edition, its links, and what earlier cells set up."""

    edition: str
    links: Links
    exercises: dict[str, int] = field(default_factory=dict)  # exercise label → its number
    marked: set = field(default_factory=set)  # contradicted numbers already marked on the page


def _link(text: str, url: str) -> str:
    text = text.replace("[", r"\[").replace("]", r"\]")
    return f"[{text}]({url})"


def _split_explicit(content: str) -> tuple[str | None, str]:
    m = EXPLICIT.match(content.strip())
    return (m["text"], m["target"].strip()) if m and m["text"] else (None, content.strip())


def resolve_roles(line: str, ctx: Context) -> str:
    def role(m: re.Match) -> str:
        name, content = m["name"], m["content"]
        if name in ("clin", "clinnum"):
            return _clin(content.strip(), name == "clinnum", ctx)
        if name == "rule":  # a pain rule's words (widgets.return_to_run.pain_rule)
            from widgets.return_to_run import pain_rule

            try:
                return pain_rule(content.strip())
            except KeyError as exc:
                raise DownloadError(f"rule: {exc.args[0]}") from None
        if name in ("doc", "ref", "term"):
            text, target = _split_explicit(content)
            title, url = getattr(ctx.links, name)(target)
            return _link(text or title, url)
        if name in ("cite:p", "cite:t", "cite", "cite:ps", "cite:ts"):
            keys = [k.strip() for k in content.split(",") if k.strip()]
            parts = []
            for key in keys:
                authors, year = author_year(key)
                url = ctx.links.cite(key)[1]
                parts.append(_link(f"{authors} ({year})", url) if name.startswith("cite:t")
                             else _link(f"{authors}, {year}", url))
            return "; ".join(parts) if name.startswith("cite:t") else "(" + "; ".join(parts) + ")"
        raise DownloadError(f"role {{{name}}} cannot be written as plain markdown: {m[0]}")

    return ROLE.sub(role, line)


def _clin(key: str, number_only: bool, ctx: Context) -> str:
    from widgets import clinical

    try:
        entry = clinical.get(key)
    except KeyError as exc:
        raise DownloadError(f"clin: {exc}") from None
    shown = entry.number_text() if number_only else entry.display()
    if not entry.contradicted or entry.evidence in ctx.marked:
        return shown
    # As the role on the site: the first use on the page says research differs, with a link.
    ctx.marked.add(entry.evidence)
    _, url = ctx.links.ref(entry.anchor)
    return f"{shown} ({_link(clinical.CONTRADICTED_MARKER, url)})"


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (nested fences of the same
    character and length count as nested)."""
    char, size = fence[0], len(fence)
    close = re.compile(rf"^\s*{re.escape(char)}{{{size},}}\s*$")
    depth = 1
    for i in range(start + 1, len(lines)):
        opened = FENCE.match(lines[i])
        if close.match(lines[i]):
            depth -= 1
            if depth == 0:
                return i
        elif opened and opened["fence"][0] == char and len(opened["fence"]) == size and opened["name"]:
            depth += 1
    raise DownloadError(f"unclosed {fence} fence: {lines[start].strip()}")


def resolve_markdown(text: str, ctx: Context) -> str:
    """MyST markdown → plain (CommonMark + tables) markdown, for the given edition."""
    out = _render(text.splitlines(), ctx)
    # No runs of blank lines where a block was dropped.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _render(lines: list[str], ctx: Context) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            end = _closing(lines, i, m["fence"])
            if not m["name"]:  # a plain code block: kept as it is
                out.extend(lines[i:end + 1])
            else:
                body = lines[i + 1:end]
                options = {}
                while body and OPTION.match(body[0]):
                    option = OPTION.match(body[0])
                    options[option["key"]] = option["value"]
                    body = body[1:]
                out.extend(["", *_directive(m["name"], m["arg"], options, body, ctx), ""])
            i = end + 1
            continue
        if not TARGET.match(line):  # "(label)=" targets only mean something to Sphinx
            out.append(resolve_roles(line, ctx))
        i += 1
    return out


def _quote(title: str, body: list[str]) -> list[str]:
    lines = [f"**{title}**", "", *body]
    while lines and not lines[-1].strip():
        lines.pop()
    return [("> " + line).rstrip() for line in lines]


def _directive(name: str, arg: str, options: dict, body: list[str], ctx: Context) -> list[str]:
    if name in ADMONITIONS:
        title = resolve_roles(arg, ctx) if arg else name.capitalize()
        return _quote(title, _render(body, ctx))
    if name == "exercise":
        number = len(ctx.exercises) + 1
        ctx.exercises[options.get("label", f"exercise-{number}")] = number
        heading = f"### Exercise {number}" + (f": {resolve_roles(arg, ctx)}" if arg else "")
        return [heading, "", *_render(body, ctx)]
    if name == "solution":
        if ctx.edition != "instructor":
            return []
        number = ctx.exercises.get(arg.strip())
        if number is None:
            raise DownloadError(f"solution {arg!r}: no exercise with that label earlier in the notebook")
        return _quote(f"Solution to exercise {number}", _render(body, ctx))
    if name == "generated":
        target, *args = arg.split()
        module_name, _, func_name = target.partition(":")
        try:
            markdown = getattr(importlib.import_module(module_name), func_name)(*args)
        except Exception as exc:  # as the site's directive: name the call that failed
            raise DownloadError(f"generated: {arg} failed: {exc}") from exc
        return _render(markdown.splitlines(), ctx)
    if name == "evidence":
        from widgets import clinical

        key, _, title = arg.partition(" ")
        markdown = clinical.evidence_note_markdown(key, title.strip() or "Evidence note")
        return _render(markdown.splitlines(), ctx)
    if name == "only":
        words = arg.split()
        keep = (words == [ctx.edition]) or (len(words) == 2 and words[0] == "not" and words[1] != ctx.edition)
        if words not in ([e] for e in ("student", "instructor")) and not (len(words) == 2 and words[0] == "not"):
            raise DownloadError(f"only {arg!r}: expected 'student', 'instructor' or 'not <edition>'")
        return _render(body, ctx) if keep else []
    raise DownloadError(f"directive {{{name}}} cannot be written as plain markdown")


# --- notebooks -----------------------------------------------------------------------------------

SITE_ONLY_TAGS = {"remove-input", "remove-cell", "remove-output", "hide-input", "hide-output",
                  "nbval-ignore-output"}


def header_markdown(edition: str, links: Links, wheel_url: str, wheel_name: str) -> str:
    """The cell after the title: the educational-use note with its red-flag signs (the site's
    disclaimer, from widgets.red_flags) and how to run the notebook."""
    from widgets import red_flags

    _, red_flags_url = links.doc("/" + RED_FLAGS_DOC)
    words = red_flags.disclaimer()
    signs = " ".join(f"**{words[level]['intro']}** {'; '.join(words[level]['signs'])}."
                     for level in ("emergency", "same_day"))
    edition_words = "instructor edition, with worked solutions" if edition == "instructor" else "student edition"
    return "\n".join([
        f"> **{words['lead']}** {signs} {words['rest']} {_link('The red flags, in full', red_flags_url)}.",
        "",
        f"*From the Runner's Knee course ({edition_words}).* To run the code cells, install the course "
        f"package once, in the environment where you run Jupyter: download {_link(wheel_name, wheel_url)} "
        f"and run `pip install {wheel_name}` (it fetches numpy, plotly, ipywidgets and the other "
        "libraries it needs from PyPI if they are not installed yet).",
    ])


def clean_notebook(notebook: dict, edition: str, links: Links, header: str | None = None) -> dict:
    """A copy of a page's notebook (nbformat 4, as a dict) for download in ``edition``."""
    if edition not in ("student", "instructor"):
        raise ValueError(f"edition must be 'student' or 'instructor', got {edition!r}")
    ctx = Context(edition=edition, links=links)
    clean = copy.deepcopy(notebook)
    cells = []
    for cell in clean["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            text = resolve_markdown(source, ctx)
            if not text.strip():
                continue  # e.g. a cell that held only a solution, in the student edition
            cell["source"] = text
        elif cell["cell_type"] == "code":
            cell["source"] = source
            cell["outputs"] = []
            cell["execution_count"] = None
            metadata = cell.setdefault("metadata", {})
            for key in ("execution", "collapsed", "scrolled"):
                metadata.pop(key, None)
            tags = [t for t in metadata.get("tags", []) if t not in SITE_ONLY_TAGS]
            if tags:
                metadata["tags"] = tags
            else:
                metadata.pop("tags", None)
        else:
            cell["source"] = source
        cells.append(cell)
    if header is not None:
        cells.insert(1 if cells else 0, {"cell_type": "markdown", "id": "runners-knee-header", "metadata": {},
                                         "source": header})
    clean["cells"] = cells
    metadata = {k: v for k, v in clean.get("metadata", {}).items() if k in ("kernelspec", "language_info")}
    metadata["runners_knee"] = {"edition": edition}
    clean["metadata"] = metadata
    clean["nbformat"], clean["nbformat_minor"] = 4, max(5, clean.get("nbformat_minor", 5))
    return clean


# --- launch links ---------------------------------------------------------------------------------

LAUNCH_KEYS = {"jupyterhub_url", "repository", "branch", "binder_repo", "binder_url", "notebooks_path"}


def launch_links(settings: dict | None, docname: str) -> list[dict[str, str]]:
    """The launch links of a notebook page, from ``course_launch`` in _config.yml:

    - ``jupyterhub_url`` + ``repository`` (a git URL holding the notebooks): an nbgitpuller link
      that clones or updates the repository in the student's hub home and opens the page's
      notebook in JupyterLab;
    - ``binder_repo`` ("owner/name" on GitHub): a Binder link (``binder_url``, default
      https://mybinder.org) that builds the repository with repo2docker and opens the notebook.

    ``branch`` (default "main") and ``notebooks_path`` (folder of the notebooks in the repository,
    default "": the course's own layout, ``book/…``) apply to both. Empty settings: no links.
    """
    settings = {k: v for k, v in (settings or {}).items() if v not in (None, "")}
    unknown = set(settings) - LAUNCH_KEYS
    if unknown:
        raise ValueError(f"course_launch: unknown setting(s) {', '.join(sorted(unknown))}; "
                         f"allowed: {', '.join(sorted(LAUNCH_KEYS))}")
    branch = settings.get("branch", "main")
    path = "/".join(p for p in (settings.get("notebooks_path", "").strip("/"), f"{docname}.ipynb") if p)
    links = []
    hub = settings.get("jupyterhub_url", "").rstrip("/")
    repository = settings.get("repository", "")
    if not repository and settings.get("binder_repo"):
        repository = f"https://github.com/{settings['binder_repo']}"
    if hub:
        if not repository:
            raise ValueError("course_launch: jupyterhub_url needs repository (the git URL nbgitpuller pulls)")
        if not hub.startswith(("https://", "http://")):
            raise ValueError(f"course_launch: jupyterhub_url must start with https://, got {hub!r}")
        folder = repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
        query = urlencode({"repo": repository, "branch": branch, "urlpath": f"lab/tree/{folder}/{path}"})
        links.append({"label": "JupyterHub", "url": f"{hub}/hub/user-redirect/git-pull?{query}"})
    if settings.get("binder_repo"):
        owner_name = settings["binder_repo"].strip("/")
        if owner_name.count("/") != 1:
            raise ValueError(f"course_launch: binder_repo must be 'owner/name' on GitHub, got {owner_name!r}")
        binder = settings.get("binder_url", "https://mybinder.org").rstrip("/")
        links.append({"label": "Binder",
                      "url": f"{binder}/v2/gh/{owner_name}/{quote(branch, safe='')}?urlpath="
                             + quote(f"lab/tree/{path}", safe="")})
    return links


# --- the course package ---------------------------------------------------------------------------

def package_version() -> str:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def wheel_name() -> str:
    return f"runners_knee-{package_version()}-py3-none-any.whl"


def build_wheel(dest: Path) -> Path:
    """Build the course package's wheel into ``dest`` with pip, offline: the venv's setuptools
    (no build isolation), from a copy of the files it needs, so the checkout gets no build/ or
    egg-info folders."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rk-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE", "references.bib"):
            shutil.copy2(REPO_ROOT / name, src / name)
        shutil.copytree(REPO_ROOT / "widgets", src / "widgets",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800", "PIP_NO_INDEX": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
             "--wheel-dir", str(Path(tmp) / "dist"), str(src)],
            capture_output=True, text=True, env=env, check=False,
        )
        if result.returncode != 0:
            raise DownloadError(f"building the course package failed:\n{result.stdout}\n{result.stderr}")
        built = Path(tmp) / "dist" / wheel_name()
        if not built.exists():
            made = sorted(p.name for p in built.parent.iterdir())
            raise DownloadError(f"pip wheel did not produce {wheel_name()}: {made}")
        target = dest / built.name
        shutil.copy2(built, target)
    return target


# --- Sphinx glue ----------------------------------------------------------------------------------

class SiteLinks(Links):
    """Links from one page of a Sphinx build: relative to the page (the notebook sits beside it),
    or absolute under ``html_baseurl`` when the site's address is set in _config.yml."""

    def __init__(self, app, docname: str):
        self.app, self.env, self.docname = app, app.env, docname
        self.std = app.env.get_domain("std")

    def url(self, target_doc: str, anchor: str = "") -> str:
        base = (self.app.config.html_baseurl or "").rstrip("/")
        if base:
            uri = f"{base}/{self.app.builder.get_target_uri(target_doc)}"
        else:
            uri = self.app.builder.get_relative_uri(self.docname, target_doc)
        return uri + (f"#{anchor}" if anchor else "")

    def doc(self, target: str) -> tuple[str, str]:
        from sphinx.util import docname_join

        name = target[1:] if target.startswith("/") else docname_join(self.docname, target)
        if name not in self.env.titles:
            raise DownloadError(f"{self.docname}: doc {target!r}: no such page")
        return self.env.titles[name].astext(), self.url(name)

    def ref(self, label: str) -> tuple[str, str]:
        key = label.lower()
        if key in self.std.labels:
            docname, anchor, title = self.std.labels[key]
            return title, self.url(docname, anchor)
        if key in self.std.anonlabels:
            docname, anchor = self.std.anonlabels[key]
            return label, self.url(docname, anchor)
        raise DownloadError(f"{self.docname}: ref {label!r}: no such label")

    def term(self, text: str) -> tuple[str, str]:
        found = self.std._terms.get(text.lower())  # Sphinx keeps glossary terms lower-cased here
        if found is None:
            raise DownloadError(f"{self.docname}: term {text!r}: not in the glossary")
        docname, anchor = found
        return text, self.url(docname, anchor)

    def cite(self, key: str) -> tuple[str, str]:
        from docutils.nodes import make_id

        return key, self.url(BIBLIOGRAPHY_DOC, make_id(CITE_ID.format(key=key)))


def _notebook_docnames(app) -> list[str]:
    return sorted(d for d in app.env.found_docs if str(app.env.doc2path(d)).endswith(".ipynb"))


def _is_html(app) -> bool:
    return getattr(app.builder, "format", "") == "html"


def write_downloads(app, exception) -> None:
    """After an HTML build: the package, the clean notebooks beside their pages, and the zips."""
    if exception is not None or not _is_html(app):
        return
    import nbformat

    outdir = Path(app.outdir)
    downloads = outdir / DOWNLOADS_DIR
    wheel = build_wheel(downloads)
    edition = app.config.course_edition
    zip_editions = ("student", "instructor") if edition == "instructor" else ("student",)
    archives = {e: zipfile.ZipFile(downloads / f"runners-knee-notebooks-{e}.zip", "w", zipfile.ZIP_DEFLATED)
                for e in zip_editions}
    try:
        for docname in _notebook_docnames(app):
            source = nbformat.read(str(app.env.doc2path(docname)), as_version=4)
            links = SiteLinks(app, docname)
            up = "../" * docname.count("/")
            # The site's copy links the package on the site; a zip's copy the package in the zip.
            destinations = [(edition, _downloads_url(app, docname, wheel.name), outdir / f"{docname}.ipynb")]
            destinations += [(e, up + wheel.name, archives[e]) for e in zip_editions]
            for target_edition, wheel_url, destination in destinations:
                try:
                    clean = clean_notebook(source, target_edition, links,
                                           header_markdown(target_edition, links, wheel_url, wheel.name))
                except DownloadError as exc:
                    raise DownloadError(f"{docname}.ipynb ({target_edition} download): {exc}") from exc
                text = nbformat.writes(nbformat.from_dict(clean)) + "\n"
                if isinstance(destination, Path):
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_text(text, encoding="utf-8")
                else:
                    destination.writestr(f"runners-knee/{docname}.ipynb", text)
        for archive in archives.values():
            archive.write(wheel, f"runners-knee/{wheel.name}")
    finally:
        for archive in archives.values():
            archive.close()


def _downloads_url(app, docname: str, filename: str) -> str:
    base = (app.config.html_baseurl or "").rstrip("/")
    if base:
        return f"{base}/{DOWNLOADS_DIR}/{filename}"
    depth = docname.count("/")
    return "../" * depth + f"{DOWNLOADS_DIR}/{filename}"


def page_buttons(app, pagename, templatename, context, doctree) -> None:
    """The download menu (the clean notebook, the course package, print to PDF) and, when
    configured, the launch menu, in place of the theme's download menu (which offered _sources)."""
    buttons = context.get("header_buttons")
    if buttons is None:
        return
    buttons[:] = [b for b in buttons if b.get("label") not in ("download-buttons", "launch-buttons")]
    pathto = context["pathto"]
    is_notebook = pagename in app.env.found_docs and str(app.env.doc2path(pagename)).endswith(".ipynb")
    items = []
    if is_notebook:
        items.append({"type": "link", "url": pathto(f"{pagename}.ipynb", 1), "text": ".ipynb",
                      "icon": "fas fa-code", "tooltip": "Download this page as a notebook",
                      "label": "download-notebook-button"})
        items.append({"type": "link", "url": pathto(f"{DOWNLOADS_DIR}/{wheel_name()}", 1), "text": ".whl",
                      "icon": "fas fa-file", "tooltip": "The course package: pip install it to run the notebook",
                      "label": "download-package-button"})
    items.append({"type": "javascript", "javascript": "window.print()", "text": ".pdf",
                  "icon": "fas fa-file-pdf", "tooltip": "Print to PDF", "label": "download-pdf-button"})
    group = {"type": "group", "tooltip": "Download this page", "icon": "fas fa-download",
             "buttons": items, "label": "download-buttons"}
    launch = launch_links(app.config.course_launch, pagename) if is_notebook else []
    position = 0
    buttons.insert(position, group)
    if launch:
        buttons.insert(position, {
            "type": "group", "tooltip": "Launch this notebook", "icon": "fas fa-rocket", "label": "launch-buttons",
            "buttons": [{"type": "link", "url": link["url"], "text": link["label"], "icon": "fas fa-rocket",
                         "tooltip": f"Open this notebook on {link['label']}",
                         "label": f"launch-{link['label'].lower()}-button"}
                        for link in launch],
        })


def check_launch_settings(app, config) -> None:
    launch_links(config.course_launch, "book/index")  # a bad setting fails the build at once


def setup(app):
    app.add_config_value("course_launch", {}, "html")
    app.connect("config-inited", check_launch_settings)
    # After the theme has built its header buttons (priority 501).
    app.connect("html-page-context", page_buttons, priority=520)
    app.connect("build-finished", write_downloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
