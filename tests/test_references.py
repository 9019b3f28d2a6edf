"""references.bib: every citation label is distinguishable.

The site cites author–year ("Crossley et al., 2016"); two entries with the same label (the 2016
consensus statement's parts 1 and 2, two NHS pages of 2023) would read as one source. Such pairs
carry a year suffix in the bib ("2016a", "2016b"), which sphinxcontrib-bibtex prints verbatim in
the citation and the bibliography, as the downloaded notebooks do (_ext/downloads.author_year).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "_ext"))
import downloads

from widgets.clinical import bib_keys


def test_no_two_references_share_an_author_year_label():
    labels = defaultdict(list)
    for key in sorted(bib_keys()):
        labels[downloads.author_year(key)].append(key)
    shared = {f"{a}, {y}": keys for (a, y), keys in labels.items() if len(keys) > 1}
    assert not shared, f"give these a year suffix (2016a, 2016b): {shared}"


def test_the_2016_consensus_parts_and_the_nhs_pages_are_told_apart():
    assert downloads.author_year("crossley2016consensus1") == ("Crossley et al.", "2016a")
    assert downloads.author_year("crossley2016consensus2") == ("Crossley et al.", "2016b")
    assert {downloads.author_year(k)[1] for k in ("nhs2023kneecap", "nhs2023septic")} == {"2023a", "2023b"}


def test_the_2017_consensus_part_3_is_in_the_bibliography():
    """Added for the pathomechanical model (why-it-hurts, causes); its fields were read
    second-hand, and the entry says so."""
    text = (REPO / "references.bib").read_text(encoding="utf-8")
    entry = text[text.index("@article{powers2017pathomechanical,"):]
    entry = entry[:entry.index("\n}")]
    for field in ("10.1136/bjsports-2017-098717", "1713--1723", "volume  = {51}", "second-hand"):
        assert field in entry, field
