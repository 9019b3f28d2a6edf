"""The guideline at a glance: every treatment the issue names has a verdict, sources in the
bibliography and a page that exists; the table renders every row, most supported first."""

from __future__ import annotations

import pytest

from tests.conftest import toc_docnames
from widgets import treatments
from widgets.red_flags import bib_keys

ROWS = treatments.load()


def test_the_treatments_a_clinician_expects_are_all_there():
    ids = {t.id for t in ROWS}
    assert {"exercise", "education", "foot_orthoses", "taping", "braces", "manual_therapy", "dry_needling",
            "electrophysical", "surgery"} <= ids
    verdicts = {t.id: t.verdict for t in ROWS}
    assert verdicts["exercise"] == verdicts["education"] == "recommended"
    assert verdicts["foot_orthoses"] == verdicts["taping"] == "short_term"
    for treatment in ("braces", "manual_therapy", "dry_needling", "electrophysical", "surgery"):
        assert verdicts[treatment] == "not_recommended", treatment


@pytest.mark.parametrize("row", ROWS, ids=[t.id for t in ROWS])
def test_each_row_cites_real_sources_and_links_a_real_page(row):
    assert set(row.sources) <= bib_keys()
    assert row.page is None or row.page in toc_docnames()


def test_table_lists_every_row_most_supported_first():
    table = treatments.table_markdown().splitlines()
    assert len(table) == len(ROWS) + 2
    order = [next(v for k, v in treatments.VERDICTS.items() if f"**{v}.**" in line) for line in table[2:]]
    assert order == sorted(order, key=list(treatments.VERDICTS.values()).index)
