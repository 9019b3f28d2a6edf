"""Sphinx extension: trim the theme's stylesheets and icon fonts to what the site uses.

Why: a first-time reader of a page downloads every stylesheet and the icon font in full. The
theme's CSS (Bootstrap 5, Font Awesome's 2,000 icon classes, sphinx-design's grid, MyST-NB's
Jupyter widget styles) is ~0.5 MB, of which the course uses a fifth, and the Font Awesome
solid font is 150 KB for the dozen icons the theme shows. This is the step PurgeCSS and
pyftsubset do for JavaScript toolchains, done after the build with tinycss2 and fontTools
(there is no maintained Python PurgeCSS).

How, after every HTML build (``build-finished``):

1. **Words in use**: every identifier-like word in the built HTML pages and in the scripts
   those pages load. A class that appears nowhere in them (not even as a string a script adds
   at run time, such as Bootstrap's ``show``) cannot match any element.
2. **Stylesheets**: in each third-party stylesheet under ``_static`` (the course's own
   ``_static/rk/*.css`` is left as written), a selector is dropped when it *requires* a class
   that is not in use. Classes inside ``:not()``/``:is()``/``:where()``/``:has()`` do not count
   as required, so such selectors are kept. A rule goes when all its selectors go; ``@media``
   and ``@supports`` blocks are trimmed inside and dropped when empty; ``@font-face``,
   ``@keyframes`` and licence comments (``/*! ... */``) are kept.
3. **Icon fonts**: the Font Awesome fonts are cut down to the characters that the trimmed
   stylesheets still name in their string values (``content: "\\f0c9"``).

Sphinx re-copies the theme's original files into ``_static`` on every build (it overwrites
files whose content differs), so trimming always starts from the originals and a page that
starts using a new class gets its rules back on the next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

WORD = re.compile(r"[A-Za-z0-9_-]+")
SCRIPT_SRC = re.compile(r"<script[^>]*\ssrc=\"([^\"?#]+)")
# The course's own stylesheets are small and written for the course: never trimmed.
OWN_STYLES = "rk"
ICON_FONTS = "vendor/fontawesome/webfonts"
# Selector-list functions whose arguments are alternatives or negations, not requirements.
NON_REQUIRING_FUNCTIONS = {"not", "is", "where", "has", "matches", "-webkit-any", "-moz-any"}
BLOCK_AT_RULES = {"media", "supports", "container", "layer", "document", "-moz-document"}


@dataclass
class SlimReport:
    css_bytes_before: int = 0
    css_bytes_after: int = 0
    font_bytes_before: int = 0
    font_bytes_after: int = 0
    icon_characters: int = 0


# --- words in use ----------------------------------------------------------------------------

# Bootstrap components whose script acts only on elements that already carry the component's
# class (or data-bs-toggle="NAME") in the page, and whose drop-direction classes only a page
# can set. bootstrap.js names all of them, so by words alone every carousel, modal and toast
# rule would look used; a script word starting with one of these names counts only when a
# page names the component.
PAGE_ONLY_COMPONENTS = ("carousel", "modal", "offcanvas", "toast", "popover", "dropup", "dropstart", "dropend")


# Class names a script builds at run time, so they are not words of its source: the fragment
# of source that builds them, and the names it can build. Bootstrap 5.3 gives a shown tooltip
# (or popover) `bs-${this.constructor.NAME}-auto`; without it the tooltip arrow is not drawn.
COMPOSED_IN_SCRIPTS = {"bs-${this.constructor.NAME}-auto": ("bs-tooltip-auto", "bs-popover-auto")}


def words_in_use(html_root: Path) -> set[str]:
    """Identifier-like words of every built page and of every local script a page loads."""
    words: set[str] = set()
    scripts: set[Path] = set()
    for page in html_root.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        words.update(WORD.findall(text))
        for src in SCRIPT_SRC.findall(text):
            if "://" not in src:
                scripts.add((page.parent / src).resolve())
    absent = tuple(name for name in PAGE_ONLY_COMPONENTS if not any(w.startswith(name) for w in words))
    for script in scripts:
        if script.is_file():
            source = script.read_text(encoding="utf-8", errors="replace")
            words.update(w for w in WORD.findall(source) if not w.startswith(absent))
            for fragment, names in COMPOSED_IN_SCRIPTS.items():
                if fragment in source:
                    words.update(names)
    return words


# --- stylesheets ---------------------------------------------------------------------------

def _split_selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at top-level commas (commas inside :is() stay inside)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_classes(selector: list) -> list[str]:
    """Classes an element must carry for this selector to match anything.

    Only top-level ``.name`` parts count: tinycss2 keeps the arguments of ``:not(...)`` and
    friends inside a function token, which this loop does not enter.
    """
    classes = []
    after_dot = False
    for token in selector:
        if after_dot and token.type == "ident":
            classes.append(token.value)
        after_dot = token.type == "literal" and token.value == "."
    return classes


def _class_in_use(name: str, words: set[str]) -> bool:
    # A class with characters a word cannot hold (an escaped "md\:grid") cannot be looked up
    # by word; keep it rather than guess.
    return name in words or WORD.fullmatch(name) is None


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii(css: str) -> str:
    """tinycss2 writes "\\f0c9" back as the character itself; write it as an escape again, so the
    stylesheet stays ASCII and reads the same whatever charset it is served with. (The space
    ends the escape; CSS drops it, in strings and in names alike.)"""
    return NON_ASCII.sub(lambda match: f"\\{ord(match.group()):x} ", css)


def _rewrite_rules(rules: list, rewrite_qualified) -> list[str]:
    """Each rule as text, with ``rewrite_qualified(rule)`` giving a style rule's new text (or
    None to drop it). @media/@supports blocks are rewritten inside and dropped when empty;
    licence comments (``/*! ... */``) stay with the code they cover, other comments go;
    @font-face, @keyframes, @charset, @import, @page and @property are kept as they are."""
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            text = rewrite_qualified(rule)
            if text is not None:
                kept.append(_ascii(text))
        elif rule.type == "at-rule" and rule.lower_at_keyword in BLOCK_AT_RULES and rule.content is not None:
            inner = _rewrite_rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), rewrite_qualified
            )
            if inner:
                kept.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + "".join(inner) + "}")
        elif rule.type == "comment":
            if rule.value.startswith("!"):
                kept.append("/*" + rule.value + "*/\n")
        elif rule.type not in ("whitespace", "error"):
            kept.append(_ascii(rule.serialize()))
    return kept


def _without_unused_selectors(rule, words: set[str]) -> str | None:
    selectors = _split_selectors(rule.prelude)
    used = [s for s in selectors if all(_class_in_use(c, words) for c in required_classes(s))]
    if not used:
        return None
    prelude = ",".join(tinycss2.serialize(s).strip() for s in used)
    return prelude + "{" + tinycss2.serialize(rule.content) + "}"


def trim_stylesheet(css: str, words: set[str]) -> str:
    """The stylesheet without the selectors that need a class no page or script uses."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    return "".join(_rewrite_rules(rules, partial(_without_unused_selectors, words=words)))


VAR_REFERENCE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def _without_declarations(rule, unused: set[str]) -> str | None:
    prelude = tinycss2.serialize(rule.prelude).strip()
    declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
    if not all(d.type == "declaration" for d in declarations):  # nested rules: left as written
        return prelude + "{" + tinycss2.serialize(rule.content) + "}"
    remaining = [d for d in declarations if d.name not in unused]
    if not remaining:
        return None
    if len(remaining) == len(declarations):
        return prelude + "{" + tinycss2.serialize(rule.content) + "}"
    return prelude + "{" + ";".join(d.serialize() for d in remaining) + "}"


def defined_properties(css: str) -> set[str]:
    return set(re.findall(r"(?<![A-Za-z0-9_-])(--[A-Za-z0-9_-]+)\s*:", css))


def trim_custom_properties(sheets: dict[str, str], words: set[str]) -> dict[str, str]:
    """Drop custom-property declarations (``--bs-carousel-...: ...``) nothing reads.

    A property is read when a stylesheet says ``var(--name`` or a page or script names it
    (a script may read or set it). Dropping one can leave another unread (``--a: var(--b)``),
    so this repeats until nothing changes. ``sheets`` maps a name to the stylesheet's text;
    the result maps the same names to the trimmed text.
    """
    sheets = dict(sheets)
    while True:
        text = "".join(sheets.values())
        read = set(VAR_REFERENCE.findall(text)) | {w for w in words if w.startswith("--")}
        unused = defined_properties(text) - read
        if not unused:
            return sheets
        rewrite = partial(_without_declarations, unused=unused)
        for name, css in sheets.items():
            rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
            sheets[name] = "".join(_rewrite_rules(rules, rewrite))


def string_characters(css: str) -> set[str]:
    """Every character inside a quoted string of a declaration (icon code points among them)."""
    characters: set[str] = set()

    def walk(tokens):
        for token in tokens:
            if token.type == "string":
                characters.update(token.value)
            elif getattr(token, "content", None) is not None and not isinstance(token.content, str):
                walk(token.content)
            elif getattr(token, "arguments", None) is not None:
                walk(token.arguments)

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if getattr(rule, "prelude", None) is not None:
            walk(rule.prelude)
        if getattr(rule, "content", None) is not None:
            walk(rule.content)
    return characters


# --- icon fonts ------------------------------------------------------------------------------

def subset_font(path: Path, characters: set[str]) -> None:
    """Rewrite the font file with only the glyphs for ``characters`` (and .notdef)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.ignore_missing_unicodes = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


# --- the build step -------------------------------------------------------------------------

def slim_static(html_root: Path) -> SlimReport:
    static = html_root / "_static"
    report = SlimReport()
    words = words_in_use(html_root)
    originals = {sheet: sheet.read_text(encoding="utf-8") for sheet in sorted(static.rglob("*.css"))}
    theirs = {sheet for sheet in originals if sheet.relative_to(static).parts[0] != OWN_STYLES}
    trimmed = {sheet: trim_stylesheet(css, words) if sheet in theirs else css for sheet, css in originals.items()}
    # The course's own stylesheets take part in deciding which properties are read, but
    # are not rewritten.
    properties_trimmed = trim_custom_properties(trimmed, words)
    characters: set[str] = set()
    for sheet, css in originals.items():
        new = properties_trimmed[sheet] if sheet in theirs else css
        if sheet in theirs:
            report.css_bytes_before += len(css.encode())
            report.css_bytes_after += len(new.encode())
            if new != css:
                sheet.write_text(new, encoding="utf-8")
        characters |= string_characters(new)
    report.icon_characters = len(characters)
    for font in sorted((static / ICON_FONTS).glob("*")):
        if font.suffix in (".woff2", ".ttf"):
            report.font_bytes_before += font.stat().st_size
            subset_font(font, characters)
            report.font_bytes_after += font.stat().st_size
    return report


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    report = slim_static(Path(app.outdir))
    logger.info(
        "slim_static: stylesheets %d → %d KB, icon fonts %d → %d KB (%d characters kept)",
        report.css_bytes_before // 1024,
        report.css_bytes_after // 1024,
        report.font_bytes_before // 1024,
        report.font_bytes_after // 1024,
        report.icon_characters,
    )


def setup(app: Sphinx):
    # Late, so stylesheets that other extensions write at build-finished are written first.
    app.connect("build-finished", on_build_finished, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
