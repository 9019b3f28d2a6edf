"""Pages read well once the {clin} numbers are filled in: no doubled qualifier.

A number's display text can carry its own qualifier ("up to 70%", "less than 4 weeks", "more
than 3 months"); a page that types the same qualifier before the role renders "up to up to
70%". This renders every page's roles (markdown pages, the markdown cells of the notebooks and
the data files' {clin:...} placeholders) with the numbers' display text and fails on a doubled
qualifier.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO
from widgets import clinical

BOOK = REPO / "book"
DATA = REPO / "widgets" / "data"
QUALIFIERS = ("up to", "less than", "more than", "at least", "about", "around", "over", "under",
              "within", "approximately")
DOUBLED = re.compile(r"\b(" + "|".join(QUALIFIERS) + r")\s+\1\b", re.I)
ROLE = re.compile(r"\{(clin|clinnum)\}`([\w.]+)`")


PLACEHOLDER = re.compile(r"\{(clin|clinnum):([\w.]+)\}")


def render_roles(text: str) -> str:
    """Roles ({clin}`key`) and data-file placeholders ({clin:key}) replaced by the number's
    display text; a key that is not a clinical number (an example in a comment) is left as is."""

    def replace(match: re.Match) -> str:
        kind, key = match.groups()
        try:
            entry = clinical.get(key)
        except KeyError:
            return match.group(0)
        return entry.display() if kind == "clin" else entry.number_text()

    return PLACEHOLDER.sub(replace, ROLE.sub(replace, text))


def page_sources():
    for path in sorted(BOOK.rglob("*.md")):
        yield path.relative_to(REPO), path.read_text(encoding="utf-8")
    for path in sorted(BOOK.rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.relative_to(REPO), "\n".join("".join(c["source"]) for c in cells
                                                if c["cell_type"] == "markdown")
    for path in sorted(DATA.rglob("*.yaml")):
        yield path.relative_to(REPO), path.read_text(encoding="utf-8")


def test_the_check_catches_a_doubled_up_to():
    assert DOUBLED.search(render_roles("The article says up to {clin}`recurrence.rate` recur."))
    assert not DOUBLED.search(render_roles("The article says {clin}`recurrence.rate` recur."))


@pytest.mark.parametrize("where,text", list(page_sources()), ids=lambda v: str(v)[:60])
def test_no_page_doubles_a_qualifier_once_numbers_are_filled_in(where, text):
    rendered = " ".join(render_roles(text).split())  # a qualifier may end one line, the number start the next
    found = DOUBLED.search(rendered)
    assert not found, f"{where}: {rendered[max(found.start() - 60, 0):found.end() + 30]!r}"
