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
