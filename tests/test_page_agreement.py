"""Pages agree with each other and with the register on the numbers they state.

A clinical number is shown with the ``{clin}`` role, so two pages using the role cannot disagree.
What can drift is a number typed by hand: "the 20% rule" on one page while the register says 10%.
This test renders every page's roles to the words a reader sees, finds each way the course states
a register value in prose (a pattern per concept), and fails on any page whose number differs
from the register. It also checks that milestones the text names are stages of the protocol.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets import clinical
from widgets import return_to_run as rtr

BOOK = Path(__file__).resolve().parents[1] / "book"
ROLE = re.compile(r"\{(clin|clinnum)\}`([^`]+)`")
WORDS = {"once": 1, "twice": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "eight": 8, "six": 6, "two": 2}

# (register key, pattern whose group 1 is the number the page states, what the pattern means)
CONCEPTS = [
    ("training_load.weekly_increase_max", r"\b(\d+)\s*% rule\b", "the weekly-increase rule"),
    ("training_load.long_run_max_share",
     r"\blong(?:est)? run (?:is |should be |at most |of )?(?:no more than |at most )?(\d+)\s*%",
     "the long run's share of the week"),
    ("outcomes.protocol_weeks", r"\b(\d+|eight|six)[- ]weeks? (?:return-to-running )?protocol\b",
     "the return-to-running protocol's length"),
    ("pain_rules.do_not_run_through", r"\b(\d+)\+/10\b", "the pain not to run through"),
    ("rehabilitation.maintenance_sessions_per_week",
     r"\bmaintenance\b[^.]{0,80}?\b(\d+|once|twice)(?: times| sessions)? (?:a|per) week\b",
     "the maintenance sessions a week"),
    ("red_flags.no_response_weeks", r"\bno improvement (?:after|within|in) (\d+|two|six|eight) weeks\b",
     "when no improvement calls for a review"),
]


def _page_prose(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")

    def shown(match: re.Match) -> str:
        entry = clinical.get(match.group(2))
        return (entry.number_text() if match.group(1) == "clinnum" else entry.display()).replace("\u00a0", " ")

    return re.sub(r"\s+", " ", ROLE.sub(shown, text))


PAGES = sorted(p for p in BOOK.rglob("*") if p.suffix in {".md", ".ipynb"} and "_build" not in p.parts)


def _number(text: str) -> float:
    return float(WORDS.get(text.lower(), text))


def test_the_concept_patterns_find_what_the_pages_say():
    # Each concept is stated somewhere (else its pattern no longer matches the course's words
    # and checks nothing).
    prose = {p: _page_prose(p) for p in PAGES}
    for _key, pattern, meaning in CONCEPTS:
        found = [p for p, text in prose.items() if re.search(pattern, text, re.IGNORECASE)]
        assert found, f"no page states {meaning} in the words {pattern!r}; update the pattern"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_numbers_stated_in_prose_match_the_register(page):
    text = _page_prose(page)
    wrong = []
    for key, pattern, meaning in CONCEPTS:
        entry = clinical.get(key)
        allowed = {entry.value} if entry.low is None else {entry.low, entry.high}
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if _number(match.group(1)) not in allowed:
                wrong.append(f"{meaning}: the page says {match.group(0)!r}, "
                             f"the register ({key}) says {entry.display()}")
    assert not wrong, "\n".join(wrong)


def test_a_hand_typed_disagreement_is_caught():
    # The check itself: a page saying "the 20% rule" or "6+/10" must fail.
    for key, wrong_text in (("training_load.weekly_increase_max", "keep to the 20% rule"),
                            ("pain_rules.do_not_run_through", "never run through 6+/10")):
        pattern = next(p for k, p, _ in CONCEPTS if k == key)
        match = re.search(pattern, wrong_text, re.IGNORECASE)
        assert match and _number(match.group(1)) != clinical.value(key)


def test_milestones_are_stages_of_the_protocol():
    stages = {s.week: s for s in rtr.PROTOCOL}
    for name, stage in rtr.milestones():
        assert stages[stage.week] is stage
        minutes = re.search(r"(\d+)", name)
        if minutes:  # the minutes a milestone names are that stage's run
            assert stage.run_min <= float(minutes.group(1)) <= stage.run_min_max, name


def test_no_page_names_a_milestone_run_the_protocol_lacks():
    # The article's "first pain-free 10-minute run" is not a stage (blocks of 8, then 15
    # continuous); pages show milestones from widgets.return_to_run.milestones_markdown.
    run_lengths = {m for s in rtr.PROTOCOL for m in (s.run_min, s.run_min_max)}
    pattern = re.compile(r"first (?:pain-free |continuous )*(\d+|five|ten|twenty)[- ]minute run", re.IGNORECASE)
    for page in PAGES:
        for match in pattern.finditer(_page_prose(page)):
            minutes = float({"five": 5, "ten": 10, "twenty": 20}.get(match.group(1).lower(), match.group(1)))
            assert minutes in run_lengths, f"{page.relative_to(BOOK)}: {match.group(0)!r} is not a protocol stage"
