"""Every clinical number is the article's, word for word, and bad data files fail clearly."""

from __future__ import annotations

import pytest

from tests.conftest import normalise
from widgets import clinical


def test_every_entry_quotes_the_article_verbatim(article_text):
    article = normalise(article_text)
    missing = [key for key, entry in clinical.load().items() if normalise(entry.article) not in article]
    assert not missing, f"entries whose 'article' quote is not in the source article: {missing}"


def test_every_number_appears_in_its_quote():
    # A text entry ("doubles or triples", "4+/10") must be the article's words; otherwise the
    # formatted number ("3–4", "0.5") must stand in the quote as written.
    wrong = []
    for key, entry in clinical.load().items():
        if entry.number_text() not in entry.article:
            wrong.append((key, entry.number_text()))
    assert not wrong, f"numbers that their article quote does not contain: {wrong}"


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("joint_force.walking", "0.5\u00a0× body weight"),
        ("joint_force.stairs", "3–4\u00a0× body weight"),
        ("prevalence.share_of_running_injuries", "25%"),
        ("return_to_run.walking_minutes", "30\u00a0minutes"),
        ("return_to_run.strength_ratio", "80%+"),
        ("self_tests.noble_test_flexion", "30°"),
        ("pain_rules.do_not_run_through", "4+/10"),
    ],
)
def test_display_text(key, shown):
    assert clinical.get(key).display() == shown


def test_value_and_bounds():
    assert clinical.value("training_load.weekly_increase_max") == 10
    assert clinical.bounds("shoes.replace_between_km") == (500, 800)
    with pytest.raises(ValueError, match="range or text"):
        clinical.value("shoes.replace_between_km")


def test_unknown_key_names_neighbours():
    with pytest.raises(KeyError, match=r"Known in 'joint_force'.*joint_force.stairs"):
        clinical.get("joint_force.jumping")


def test_corrupt_file_names_file_and_line(tmp_path):
    bad = tmp_path / "clinical.yaml"
    bad.write_text("joint_force:\n  walking: {value: 0.5, article: 'x'\n  stairs: [\n")
    with pytest.raises(clinical.DataFileError, match=r"clinical.yaml: not valid YAML at line \d"):
        clinical.load.__wrapped__(bad)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(clinical.DataFileError, match="data file is missing"):
        clinical.load.__wrapped__(tmp_path / "nope.yaml")


def test_entry_without_value_is_rejected(tmp_path):
    bad = tmp_path / "clinical.yaml"
    bad.write_text("joint_force:\n  walking: {article: 'about 0.5 times'}\n")
    with pytest.raises(clinical.DataFileError, match=r"'joint_force.walking' has no 'value'"):
        clinical.load.__wrapped__(bad)


def test_duplicate_key_is_an_error_not_a_silent_override(tmp_path):
    bad = tmp_path / "clinical.yaml"
    bad.write_text("a:\n  x: {value: 1, article: 'q'}\na:\n  y: {value: 2, article: 'q'}\n")
    with pytest.raises(clinical.DataFileError, match=r"not valid YAML at line 3: duplicate key 'a'"):
        clinical.load.__wrapped__(bad)


# --- the evidence register ------------------------------------------------------------------

ENTRY = "joint_force:\n  walking:\n    value: 0.5\n    article: 'about 0.5 times'\n"


def _load_with_evidence(tmp_path, evidence_yaml: str):
    path = tmp_path / "clinical.yaml"
    path.write_text(ENTRY + evidence_yaml)
    return clinical.load.__wrapped__(path)


def test_every_entry_has_a_verdict_and_what_it_needs():
    for key, entry in clinical.load().items():
        evidence = entry.evidence
        assert evidence.verdict in clinical.VERDICTS, key
        assert evidence.note.strip(), f"{key}: no note"
        if evidence.verdict != "untested":
            assert evidence.sources, f"{key}: verdict {evidence.verdict!r} without sources"


def test_every_source_is_in_the_bibliography():
    bib = clinical.bib_keys()
    sources = {s for entry in clinical.load().values() for s in entry.evidence.sources}
    assert sources and sources <= bib, f"not in references.bib: {sorted(sources - bib)}"


def test_entry_without_evidence_names_file_and_field(tmp_path):
    with pytest.raises(clinical.DataFileError, match=r"clinical.yaml: field 'joint_force.walking.evidence': missing"):
        _load_with_evidence(tmp_path, "")


def test_entry_without_verdict_is_rejected(tmp_path):
    with pytest.raises(clinical.DataFileError,
                       match=r"field 'joint_force.walking.evidence': 'verdict' is a required property"):
        _load_with_evidence(tmp_path, "    evidence: {sources: [roos2012backward], note: 'a note long enough'}\n")


def test_unknown_verdict_is_rejected(tmp_path):
    with pytest.raises(clinical.DataFileError, match=r"field 'joint_force.walking.evidence.verdict': 'probably'"):
        _load_with_evidence(tmp_path, "    evidence: {verdict: probably, sources: [roos2012backward], "
                                      "note: 'a note long enough to pass'}\n")


def test_unknown_source_key_is_rejected(tmp_path):
    with pytest.raises(clinical.DataFileError,
                       match=r"field 'joint_force.walking.evidence.sources': not in references.bib: nobody2020made"):
        _load_with_evidence(tmp_path, "    evidence: {verdict: supported, sources: [nobody2020made], "
                                      "note: 'a note long enough to pass'}\n")


def test_untested_without_note_is_rejected(tmp_path):
    with pytest.raises(clinical.DataFileError,
                       match=r"field 'joint_force.walking.evidence': 'note' is a required property"):
        _load_with_evidence(tmp_path, "    evidence: {verdict: untested}\n")


def test_a_verdict_other_than_untested_needs_a_source(tmp_path):
    with pytest.raises(clinical.DataFileError, match=r"'sources' is a required property"):
        _load_with_evidence(tmp_path, "    evidence: {verdict: supported, note: 'a note long enough to pass'}\n")
    with pytest.raises(clinical.DataFileError, match=r"field 'joint_force.walking.evidence.sources': \[\] should be"):
        _load_with_evidence(tmp_path, "    evidence: {verdict: contradicted, sources: [],\n"
                                      "               note: 'a note that is long enough'}\n")


def test_untested_with_a_note_and_no_source_loads(tmp_path):
    entries = _load_with_evidence(tmp_path, "    evidence: {verdict: untested, note: 'Searched: the guidelines.'}\n")
    assert entries["joint_force.walking"].evidence.sources == ()


def test_unknown_entry_field_is_named(tmp_path):
    path = tmp_path / "clinical.yaml"
    path.write_text(ENTRY + "    verdict: supported\n")
    with pytest.raises(clinical.DataFileError, match=r"field 'joint_force.walking.verdict': unknown field"):
        clinical.load.__wrapped__(path)


def test_contradicted_entries_include_the_running_force():
    # Roos 2012: ~4.5 × body weight in running; the article's 7–12 × is not what research finds.
    assert clinical.get("joint_force.running").contradicted
    assert not clinical.get("joint_force.stairs").contradicted


def test_register_lists_every_entry_with_its_words_and_citations():
    markdown = clinical.register_markdown()
    for key, entry in clinical.load().items():
        assert f"({entry.anchor})=" in markdown, key
        assert clinical._md_escape(entry.article) in markdown, key
    counts = clinical.verdict_counts()
    assert sum(counts.values()) == len(clinical.load())
    for verdict, words in clinical.VERDICT_WORDS.items():
        assert f"| {words} | {counts[verdict]} |" in markdown
    assert "{cite:p}`hart2022force,roos2012backward,heiderscheit2011steprate`" in markdown
    # The protocol and both exercise groups have their entries too.
    for anchor in ("evidence-protocol--stages", "evidence-exercises--hip", "evidence-exercises--quadriceps",
                   "evidence-outcomes--akps", "evidence-outcomes--koos_pf", "evidence-outcomes--pain",
                   "evidence-outcomes--no-improvement"):
        assert f"({anchor})=" in markdown


def test_anchors_are_unique():
    anchors = [entry.anchor for entry in clinical.load().values()]
    assert len(anchors) == len(set(anchors))


def test_evidence_note_markdown_is_an_admonition_with_citations_and_a_link():
    markdown = clinical.evidence_note_markdown("taping.mcconnell_pain_reduction")
    assert markdown.startswith("::::{admonition} Evidence note\n:class: note")
    assert "{cite:p}`barton2014taping,crossley2016consensus2,wallis2021guidelines`" in markdown
    assert "<evidence-taping--mcconnell-pain-reduction>" in markdown
    assert clinical.evidence_note_markdown("nutrition.omega3", "Evidence note: omega-3").startswith(
        "::::{admonition} Evidence note: omega-3")
    with pytest.raises(KeyError):
        clinical.evidence_note_markdown("nutrition.unknown")


def test_data_file_text_marks_a_contradicted_number():
    # Quizzes and other data-file texts fill numbers with fill_numbers: the marker goes too.
    text = clinical.fill_numbers("About {clin:joint_force.running}; stairs {clin:joint_force.stairs}.", "test")
    running, stairs = clinical.get("joint_force.running"), clinical.get("joint_force.stairs")
    assert text == f"About {running.display()} ({clinical.CONTRADICTED_MARKER}); stairs {stairs.display()}."
