"""The guideline at a glance: every treatment the issue names has a verdict, a strength of
recommendation (a letter with the guideline's sentence, or an explicit "no letter grade" naming
its source), sources in the bibliography and a page that exists; the table renders every row,
most supported first, each under its own anchor; and every page that discusses a treatment links
to its row (checked on the text here, and on the built site in tests/test_site_build.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, toc_docnames
from widgets import treatments
from widgets.clinical import DataFileError
from widgets.red_flags import bib_keys

ROWS = treatments.load()
# Pages that list or quiz treatments rather than discuss one: the guideline page itself, the
# glossary, chapter overviews, quizzes and the reference pages.
NOT_DISCUSSING = re.compile(r"guideline-at-a-glance$|glossary$|/index$|^book/index$|exercises$|bibliography$|"
                            r"evidence-register$|instructor-guide$")


def test_the_treatments_a_clinician_expects_are_all_there():
    ids = {t.id for t in ROWS}
    assert {"exercise", "education", "foot_orthoses", "taping", "braces", "manual_therapy", "dry_needling",
            "electrophysical", "surgery", "shockwave"} <= ids
    verdicts = {t.id: t.verdict for t in ROWS}
    assert verdicts["exercise"] == verdicts["education"] == "recommended"
    assert verdicts["foot_orthoses"] == verdicts["taping"] == "short_term"
    for treatment in ("braces", "manual_therapy", "dry_needling", "electrophysical", "surgery"):
        assert verdicts[treatment] == "not_recommended", treatment


@pytest.mark.parametrize("row", ROWS, ids=[t.id for t in ROWS])
def test_each_row_cites_real_sources_and_links_a_real_page(row):
    assert set(row.sources) <= bib_keys()
    assert row.page is None or row.page in toc_docnames()
    assert set(row.discussed_on) <= set(toc_docnames())


@pytest.mark.parametrize("row", ROWS, ids=[t.id for t in ROWS])
def test_each_row_has_a_grade_or_says_it_has_none_and_why(row):
    grade = row.grade
    assert grade.source in bib_keys()
    if grade.letter is None:
        assert grade.no_grade and not grade.quote
        assert grade.text().startswith("no letter grade — ") and grade.no_grade in grade.text()
    else:
        assert grade.letter in treatments.LETTERS and len(grade.quote.split()) >= 5
        assert grade.quote in grade.text()
    # The table shows it, with its source cited.
    assert grade.text() + " {cite:p}`" + grade.source + "`" in treatments.table_markdown()


def test_dry_needling_row_gives_the_guidelines_and_the_2018_consensus():
    """The 2018 consensus lists acupuncture/dry needling among the treatments it is uncertain
    about (its abstract); the guidelines do not recommend it. Both are shown, and they differ."""
    row = treatments.by_id("dry_needling")
    assert "wallis2021guidelines" in row.sources and "collins2018consensus" in row.sources
    assert (row.jospt.position, row.consensus.position) == ("not_recommended", "uncertain")
    assert row.views_differ


@pytest.mark.parametrize("row", ROWS, ids=[t.id for t in ROWS])
def test_each_row_states_the_2019_guideline_and_the_2018_consensus(row):
    views = row.views_markdown()
    jospt, consensus = treatments.JOSPT_POSITIONS, treatments.CONSENSUS_POSITIONS
    label = treatments.GUIDELINES_VIA_REVIEW_LABEL if row.jospt.via else treatments.GUIDELINE_LABEL
    assert views.startswith(f"*{label}:* {jospt[row.jospt.position]}. {row.jospt.says}")
    assert f"*2018 consensus:* {consensus[row.consensus.position]}. {row.consensus.says}" in views
    assert "{cite:p}`collins2018consensus`" in views
    if row.jospt.position == "not_read":
        # Nothing is claimed for the guideline, so it is not cited for it.
        assert "willy2019cpg" not in views and row.jospt.via is None
    else:
        # A position read in the review of guidelines cites the review, not the 2019 guideline
        # whose graded sentences on treatment the course has not read.
        assert row.jospt.via in bib_keys() and "{cite:p}`" + row.jospt.via + "`" in views
        assert "willy2019cpg" not in views
    assert ("*The two differ here;*" in views) == row.views_differ
    assert views.replace("\n\n", "\n\n    ") in treatments.table_markdown()


def test_braces_show_the_guideline_s_no_and_the_consensus_s_uncertain_side_by_side():
    """The reviewer's case: braces and sleeves are not recommended by the guidelines (the
    higher-quality ones) but 'uncertain' in Collins et al. 2018; the row shows both and that they
    differ, and so do taping (recommended / uncertain); where both agree no difference is flagged."""
    braces = treatments.by_id("braces")
    assert (braces.jospt.position, braces.consensus.position) == ("not_recommended", "uncertain")
    views = braces.views_markdown()
    assert f"*{treatments.GUIDELINES_VIA_REVIEW_LABEL}:* Not recommended." in views
    assert "*2018 consensus:* Uncertain." in views
    assert braces.views_differ and treatments.by_id("taping").views_differ
    assert {t.id for t in ROWS if t.views_differ} == {"taping", "braces", "dry_needling"}
    for same in ("exercise", "manual_therapy", "electrophysical"):
        assert not treatments.by_id(same).views_differ, same
    # Nothing to compare when one side is silent or unread.
    assert not treatments.by_id("education").views_differ and not treatments.by_id("surgery").views_differ


def _rows_file(tmp_path: Path, change) -> Path:
    import yaml

    raw = yaml.safe_load(treatments.TREATMENTS_FILE.read_text())
    change(raw["treatments"][0])
    path = tmp_path / "treatments.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r.pop("grade"), "grade"),
    (lambda r: r["grade"].update(letter="A"), "grade"),  # a letter without the guideline's sentence
    (lambda r: r["grade"].update(letter=None, no_grade=None), "grade"),
    (lambda r: r["grade"].update(letter="B", quote="Clinicians should do this and that."), "grade"),  # both
    (lambda r: r["grade"].update(source="nobody2099"), "nobody2099"),
    (lambda r: r.update(heading="(unclosed"), "heading"),
    (lambda r: r.pop("jospt"), "jospt"),
    (lambda r: r.pop("consensus"), "consensus"),
    (lambda r: r["consensus"].update(position="appropriate-ish"), "consensus"),
    (lambda r: r["jospt"].update(position="not_read"), "jospt"),  # unread, yet naming where it was read
    (lambda r: r["jospt"].update(via="nobody2099"), "nobody2099"),
])
def test_a_row_without_a_grade_or_reason_fails_to_load_naming_the_field(tmp_path, change, message):
    with pytest.raises(DataFileError, match=message):
        treatments.load(_rows_file(tmp_path, change))


def test_table_lists_every_row_most_supported_first_each_under_its_anchor():
    table = treatments.table_markdown()
    anchors = re.findall(r"^\* - \((treatment-[a-z-]+)\)=$", table, re.M)
    assert anchors == [t.anchor for t in sorted(ROWS, key=lambda t: list(treatments.VERDICTS).index(t.verdict))]
    assert len(set(anchors)) == len(ROWS)
    order = re.findall(r"^  - \*\*(.+?)\.\*\*", table, re.M)
    assert order == sorted(order, key=list(treatments.VERDICTS.values()).index)
    assert treatments.by_id("taping").anchor == "treatment-taping"
    with pytest.raises(ValueError, match="no treatment 'massage'"):
        treatments.by_id("massage")


def page_text(docname: str) -> str:
    """The page's source text: a .md file, or a notebook's markdown cells."""
    md = REPO / f"{docname}.md"
    if md.exists():
        return md.read_text(encoding="utf-8")
    cells = json.loads((REPO / f"{docname}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def headings(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^#{1,6}\s+(.+)$", text, re.M)]


CONTENT_PAGES = [d for d in toc_docnames() if not NOT_DISCUSSING.search(d)]


@pytest.mark.parametrize("docname", CONTENT_PAGES)
def test_a_page_with_a_section_on_a_treatment_links_to_its_row(docname):
    """A page discusses a treatment when one of its headings names it (the row's `heading`
    pattern) or the row lists it in discussed_on; such a page must link to the row's anchor."""
    text = page_text(docname)
    for row in ROWS:
        named = [h for h in headings(text) if row.heading.search(h)]
        if named:
            assert docname in row.discussed_on, (
                f"{docname} has a section on {row.id} ({named[0]!r}): list it in discussed_on")
        if docname in row.discussed_on:
            assert re.search(r"\{ref\}`[^`<]+<" + re.escape(row.anchor) + ">`", text), (
                f"{docname} discusses {row.id} but does not link to its row: "
                f"add {{ref}}`... <{row.anchor}>`")


def test_the_link_check_catches_a_missing_link():
    """The check above fails on the taping page without its link (so it is not vacuous)."""
    text = page_text("book/treatment/taping-and-bracing").replace("<treatment-taping>", "<treatment-nothing>")
    row = treatments.by_id("taping")
    assert any(row.heading.search(h) for h in headings(text))
    assert not re.search(r"\{ref\}`[^`<]+<" + re.escape(row.anchor) + ">`", text)


# --- anti-inflammatory medicines: one piece of advice, hedged as the evidence is -----------------

def test_the_advice_on_anti_inflammatories_hedges_as_the_evidence_does():
    text = " ".join(treatments.advice_markdown("medication").split())
    short = treatments.advice_markdown("medication", "short")
    for words in ("have not been shown in trials to help", "short-term", "pharmacist or doctor",
                  "mask pain so that you can keep running", "{cite:p}`heintjes2004pharmacotherapy`"):
        assert words in text, words
    for words in ("no clear trial evidence", "short-term only", "pharmacist or doctor", "never to mask pain"):
        assert words in short, words
    with pytest.raises(ValueError, match="has no advice"):
        treatments.advice_markdown("surgery")


def test_every_page_on_anti_inflammatories_takes_the_one_advice():
    # The FAQ includes the advice from treatments.yaml; other pages link to it, and no page
    # retypes its own ("sparingly, for flare-ups").
    faq = (REPO / "book" / "prevention-and-faq" / "faq.md").read_text(encoding="utf-8")
    assert faq.count("{generated} widgets.treatments:advice_markdown medication") == 2
    for path in sorted((REPO / "book").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"nsaid|anti-inflammator|painkiller", text, re.I) or path.name == "faq.md":
            continue
        if path.name in ("guideline-at-a-glance.md", "index.md"):
            continue  # the guideline table row (from treatments.yaml) and the chapter contents
        assert "faq-medicines" in text, f"{path.relative_to(REPO)} mentions the medicines without the advice"
    for path in sorted((REPO / "book").rglob("*.md")):
        assert "sparingly" not in path.read_text(encoding="utf-8").lower(), path.relative_to(REPO)
