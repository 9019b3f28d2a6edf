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


# --- one pain-monitoring wording ------------------------------------------------------------------
# The pain rules are written once (widgets/data/return_to_run_protocol.yaml, pain_rules) and the
# check after a session is "no increase in pain in the 24 hours after". Phrasings the course has
# retired ("settling by the next day", "no worse the next morning", ...) must not come back on a
# page, in a data file (quizzes, walkthroughs, assignments included) or in a browser script.

REPO_ROOT = BOOK.parent


def _retired_pattern(phrase: str) -> re.Pattern:
    # Words may be split over lines (folded YAML, wrapped Markdown).
    return re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.IGNORECASE)


RETIRED = [(phrase, _retired_pattern(phrase)) for phrase in rtr.RETIRED_WORDINGS]


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def _texts(path: Path) -> list[tuple[str, int, str]]:
    """(where, first line number, text) for each part of a file a reader sees: a notebook's markdown
    cells (code and outputs come from widgets/ and are checked there); the whole of any other file."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return [(f"{_shown(path)} (cell {i + 1})", 1, "".join(c["source"]))
                for i, c in enumerate(cells) if c["cell_type"] == "markdown"]
    return [(_shown(path), 1, path.read_text(encoding="utf-8"))]


def retired_wordings(paths) -> list[str]:
    """``file:line: "phrase"`` for every retired phrasing found in ``paths``."""
    found = []
    for path in paths:
        for where, first, text in _texts(Path(path)):
            spans = []  # one report per place, even where two retired phrasings overlap
            for phrase, pattern in RETIRED:
                for match in pattern.finditer(text):
                    if not any(a <= match.start() < b or match.start() <= a < match.end() for a, b, _ in spans):
                        spans.append((match.start(), match.end(), phrase))
            for start, _end, phrase in sorted(spans):
                line = first + text.count("\n", 0, start)
                found.append(f"{where}:{line}: {phrase!r}")
    return found


def course_text_files() -> list[Path]:
    pages = [p for p in BOOK.rglob("*") if p.suffix in {".md", ".ipynb"} and "_build" not in p.parts]
    data = list((REPO_ROOT / "widgets" / "data").rglob("*.yaml"))
    scripts = list((REPO_ROOT / "assets" / "rk").glob("*.js"))
    return sorted(pages + data + scripts)


def test_no_page_or_tool_uses_a_retired_wording():
    files = course_text_files()
    assert any("quizzes" in p.parts for p in files) and any(p.suffix == ".js" for p in files)
    found = retired_wordings(files)
    say = rtr.pain_rule("next_day").replace("\u00a0", " ")
    assert not found, (f"Retired pain-rule wording: say {say!r} (data files: {{rule:next_day}}, "
                       "{rule:exercises}; pages: {rule}`next_day`):\n" + "\n".join(found))


@pytest.mark.parametrize(("suffix", "content", "line"), [
    (".md", "# Page\n\nKeep pain below 3/10, settling by\nthe next day.\n", 3),
    (".yaml", "q:\n  text: >-\n    Carry on if it is no worse the next morning.\n", 3),
    (".js", 'var tip = "Pain should settle by next morning";\n', 1),
    (".ipynb", json.dumps({"cells": [
        {"cell_type": "code", "source": ["'no worse the next day'"], "metadata": {}, "outputs": []},
        {"cell_type": "markdown", "source": ["Intro\n", "It should be no increase the next day.\n"], "metadata": {}},
    ]}), 2),
])
def test_the_retired_wording_check_catches_a_planted_one(tmp_path, suffix, content, line):
    planted = tmp_path / f"_planted_retired_wording{suffix}"
    planted.write_text(content, encoding="utf-8")
    found = retired_wordings([planted])
    assert len(found) == 1, found
    assert f"_planted_retired_wording{suffix}" in found[0] and f":{line}: " in found[0]
    if suffix == ".ipynb":
        assert "(cell 2):2:" in found[0]  # the code cell's words are not a page's


def test_the_pain_rules_are_written_once():
    # Pages include the rules (role / directive); none retypes the list of running rules.
    for page in ("treatment/load-modification.md", "prevention-and-faq/faq.md",
                 "why-it-hurts/pain-education.md", "rehabilitation/return-to-running.md"):
        text = (BOOK / page).read_text(encoding="utf-8")
        assert "{generated} widgets.return_to_run:run_pain_rules_markdown" in text, page
        assert "hold — repeat the same run" not in text, page
    words = rtr.pain_rule("next_day")
    assert words == f"no increase in pain in the {clinical.get('return_to_run.next_day_window_hours').display()} after"
    for name in rtr.RUN_RULES:
        assert rtr.pain_rule(name) in rtr.run_pain_rules_markdown()
    assert rtr.pain_rule("next_day") in rtr.pain_rule("exercises")
    assert clinical.get("pain_rules.exercise_limit").display() in rtr.pain_rule("exercises")
    assert clinical.get("pain_rules.do_not_run_through").display() in rtr.pain_rule("stop")
    with pytest.raises(KeyError, match="no pain rule 'nope'"):
        rtr.pain_rule("nope")
    # Data files say {rule:name}; a wrong name is an error naming the place.
    assert clinical.fill_numbers("with {rule:next_day} it", "t") == f"with {words} it"
    with pytest.raises(clinical.DataFileError, match="here: no pain rule"):
        clinical.fill_numbers("{rule:nope}", "here")
