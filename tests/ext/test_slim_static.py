"""_ext/slim_static.py: trimming the theme's stylesheets and subsetting the icon font."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import REPO

# _ext/ is where Jupyter Book finds the site's local Sphinx extensions; it is not a package.
sys.path.insert(0, str(REPO / "_ext"))
import slim_static

THEME_FONTS = Path(
    importlib.util.find_spec("pydata_sphinx_theme").origin
).parent / "theme" / "pydata_sphinx_theme" / "static" / "vendor" / "fontawesome" / "webfonts"


def trim(css: str, *words: str) -> str:
    return slim_static.trim_stylesheet(css, set(words))


# --- stylesheets -----------------------------------------------------------------------------

def test_rule_for_an_unused_class_is_dropped_and_a_used_one_kept():
    css = ".used{color:red}.unused{color:blue}"
    assert trim(css, "used") == ".used{color:red}"


def test_a_selector_needs_every_class_it_names():
    css = ".nav .item{margin:0}"
    assert trim(css, "nav") == ""
    assert trim(css, "nav", "item") == ".nav .item{margin:0}"


def test_a_selector_list_keeps_only_its_used_selectors():
    css = '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
    # Non-ASCII characters are written as CSS escapes, so the file is ASCII like the original.
    assert trim(css, "fa-bars") == '.fa-bars:before{content:"\\f0c9 "}'


def test_classes_inside_not_or_is_do_not_count_as_required():
    # .btn:not(.disabled) matches every .btn when nothing is ever disabled.
    css = ".btn:not(.disabled){cursor:pointer}:is(.a,.b) p{margin:0}"
    assert trim(css, "btn") == ".btn:not(.disabled){cursor:pointer}:is(.a,.b) p{margin:0}"


def test_element_attribute_and_root_selectors_are_kept():
    css = ':root{--x:1}html[data-theme=dark] body{color:#fff}a:hover{color:red}'
    assert trim(css) == css


def test_media_blocks_are_trimmed_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.used{top:0}.unused{top:1px}}@media print{.unused{display:none}}"
    assert trim(css, "used") == "@media (min-width:960px){.used{top:0}}"


def test_font_faces_keyframes_and_licence_comments_stay():
    css = (
        "/*! Bootstrap v5.3.3 | MIT */"
        '@font-face{font-family:X;src:url(x.woff2) format("woff2")}'
        "@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}"
        "/* an ordinary comment */.unused{top:0}"
    )
    out = trim(css)
    assert "/*! Bootstrap v5.3.3 | MIT */" in out
    assert "@font-face{font-family:X" in out and "@keyframes spin{" in out
    assert "ordinary comment" not in out and ".unused" not in out


def test_escaped_class_names_are_kept_rather_than_guessed():
    css = ".md\\:grid{display:grid}"
    assert trim(css) == css


def test_string_characters_finds_icon_code_points_in_nested_blocks():
    css = '@media screen{.fa-bars:before{content:"\\f0c9"}}.x:after{content:"ab"}'
    assert slim_static.string_characters(css) == {"\uf0c9", "a", "b"}


# --- words in use ----------------------------------------------------------------------------

def test_words_come_from_pages_and_only_the_scripts_they_load(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "index.html").write_text(
        '<div class="from-page"></div><script src="_static/loaded.js?v=1"></script>'
        '<script src="https://example.org/remote.js"></script>'
    )
    (tmp_path / "_static" / "loaded.js").write_text('el.classList.add("added-by-script")')
    (tmp_path / "_static" / "never-loaded.js").write_text('"only-in-unloaded-script"')
    words = slim_static.words_in_use(tmp_path)
    assert {"from-page", "added-by-script"} <= words
    assert "only-in-unloaded-script" not in words


def test_bootstrap_components_no_page_contains_keep_no_rules(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "index.html").write_text(
        '<div class="dropdown"></div><script src="_static/bootstrap.js"></script>'
    )
    (tmp_path / "_static" / "bootstrap.js").write_text('"carousel-item","modal-backdrop","dropdown-menu","show"')
    words = slim_static.words_in_use(tmp_path)
    assert {"dropdown-menu", "show"} <= words
    assert not {"carousel-item", "modal-backdrop"} & words
    # A page with a modal brings the script's modal words back.
    (tmp_path / "other.html").write_text('<div class="modal"></div><script src="_static/bootstrap.js"></script>')
    assert "modal-backdrop" in slim_static.words_in_use(tmp_path)


def test_class_names_a_script_composes_at_run_time_are_in_use(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "index.html").write_text('<script src="_static/bootstrap.js"></script>')
    (tmp_path / "_static" / "bootstrap.js").write_text("e.classList.add(`bs-${this.constructor.NAME}-auto`)")
    words = slim_static.words_in_use(tmp_path)
    assert "bs-tooltip-auto" in words  # else the tooltip arrow's rules are trimmed away
    css = ".bs-tooltip-auto[data-popper-placement^=top] .tooltip-arrow{bottom:0}"
    assert slim_static.trim_stylesheet(css, words | {"tooltip-arrow"}) == css


# --- icon font -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["fa-solid-900.woff2", "fa-solid-900.ttf"])
def test_subset_font_keeps_exactly_the_requested_icons(tmp_path, name):
    font_path = tmp_path / name
    shutil.copy(THEME_FONTS / name, font_path)
    bars, moon = "\uf0c9", "\uf186"
    slim_static.subset_font(font_path, {bars, moon, "\u4e00"})  # no CJK glyphs in an icon font
    assert font_path.stat().st_size < (THEME_FONTS / name).stat().st_size / 5
    cmap = TTFont(font_path).getBestCmap()
    assert set(cmap) == {ord(bars), ord(moon)}


def test_slim_static_trims_a_site_and_keeps_the_icons_it_still_uses(tmp_path):
    static = tmp_path / "_static"
    (static / "rk").mkdir(parents=True)
    (static / slim_static.ICON_FONTS).mkdir(parents=True)
    shutil.copy(THEME_FONTS / "fa-solid-900.woff2", static / slim_static.ICON_FONTS)
    (tmp_path / "index.html").write_text('<i class="fa-solid fa-bars"></i>')
    theme_css = '.fa-bars:before{content:"\\f0c9"}.fa-moon:before{content:"\\f186"}'
    (static / "theme.css").write_text(theme_css)
    own_css = ".rk-unused{color:red}"
    (static / "rk" / "course.css").write_text(own_css)

    report = slim_static.slim_static(tmp_path)

    assert (static / "theme.css").read_text() == '.fa-bars:before{content:"\\f0c9 "}'
    assert (static / "rk" / "course.css").read_text() == own_css  # the course's own CSS: as written
    cmap = TTFont(static / slim_static.ICON_FONTS / "fa-solid-900.woff2").getBestCmap()
    assert set(cmap) == {0xF0C9}
    assert report.css_bytes_after < report.css_bytes_before
    assert report.font_bytes_after < report.font_bytes_before


# --- custom properties ---------------------------------------------------------------------

def test_unread_custom_properties_are_dropped_until_none_is_left():
    sheets = {
        "theme": ":root{--used:1px;--unused:2px;--chain:var(--unused-inner);--unused-inner:3px}"
        ".a{margin:var(--used)}",
    }
    out = slim_static.trim_custom_properties(sheets, words=set())["theme"]
    # --chain is never read, so it goes, and then nothing reads --unused-inner either.
    assert out == ":root{--used:1px}.a{margin:var(--used)}"


def test_custom_properties_read_by_another_sheet_or_a_script_are_kept():
    sheets = {"theme": ":root{--by-own-css:1px;--by-script:2px;--nobody:3px}", "own": ".x{top:var(--by-own-css)}"}
    out = slim_static.trim_custom_properties(sheets, words={"--by-script"})
    assert out["theme"] == ":root{--by-own-css:1px;--by-script:2px}"
    assert out["own"] == sheets["own"]


def test_a_rule_left_without_declarations_is_dropped_inside_media_too():
    sheets = {"theme": "@media (prefers-color-scheme:dark){:root{--nobody:#000}}.a{color:red}"}
    assert slim_static.trim_custom_properties(sheets, words=set())["theme"] == ".a{color:red}"
