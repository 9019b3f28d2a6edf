"""The course's pain rules in words, from the one place they are written: the ``pain_rules``
block of ``data/return_to_run_protocol.yaml`` (numbers filled from ``clinical.yaml``).

Pages include a rule with the ``{rule}`` role (``{rule}`next_day```) and the list for a run with
``{generated} widgets.return_to_run:run_pain_rules_markdown``; the tools read the same words
through :func:`pain_rule`. Pure model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets import clinical
from widgets.clinical import DataFileError, load_yaml
from widgets.return_to_run.protocol import PROTOCOL_FILE

RUN_RULES = ("carry_on", "hold", "step_back", "stop")
OTHER_RULES = ("next_day", "exercises")

# Phrasings the course no longer uses for the pain rules: the one check after a session is
# "no increase in pain in the 24 hours after" (the pain_rules.next_day words). Lower case;
# tests/test_page_agreement.py fails on any page, data file or script that still uses one.
RETIRED_WORDINGS = (
    "settling by the next day",
    "settles by the next day",
    "settle by the next day",
    "settles within a day",
    "settling within a day",
    "next morning",  # "settles by (the) next morning", "no worse the next morning", ...
    "settling back to your",
    "no worse the next day",
    "no increase the next day",
)


@dataclass(frozen=True)
class RunRule:
    name: str
    title: str
    text: str  # lower-case start, no final full stop: a list item or a clause


@cache
def _block(path: Path = PROTOCOL_FILE) -> dict:
    data = load_yaml(path)
    block = data.get("pain_rules") if isinstance(data, dict) else None
    if not isinstance(block, dict):
        raise DataFileError(f"{path}: needs a pain_rules block")
    missing = [k for k in ("next_day", "run", "exercises") if k not in block]
    if missing:
        raise DataFileError(f"{path}: pain_rules needs {', '.join(missing)}")
    names = [r.get("name") for r in block["run"]] if isinstance(block["run"], list) else None
    if names != list(RUN_RULES):
        raise DataFileError(f"{path}: pain_rules.run must list {', '.join(RUN_RULES)} in order, got {names}")
    return block


def _fill(text: str, where: str) -> str:
    return clinical.fill_numbers(" ".join(str(text).split()), f"{PROTOCOL_FILE.name}: pain_rules.{where}")


def run_pain_rules() -> tuple[RunRule, ...]:
    """The rules for a run, lowest pain first."""
    return tuple(RunRule(r["name"], str(r["title"]), _fill(r["text"], r["name"])) for r in _block()["run"])


def pain_rule(name: str) -> str:
    """One rule's words (lower-case start, no full stop), for a sentence or a list item:
    ``next_day``, ``exercises`` or a run rule (``carry_on``, ``hold``, ``step_back``, ``stop``)."""
    if name in RUN_RULES:
        return next(r.text for r in run_pain_rules() if r.name == name)
    if name in OTHER_RULES:
        return _fill(_block()[name], name)
    raise KeyError(f"no pain rule {name!r}; known: {', '.join(RUN_RULES + OTHER_RULES)}")


def sentence(name: str) -> str:
    """A rule as a sentence: capital first letter and a full stop."""
    text = pain_rule(name)
    return text[:1].upper() + text[1:] + "."


def run_pain_rules_markdown() -> str:
    """The rules for a run as a MyST bullet list (``{generated}`` directive), on the 0–10 scale."""
    return "\n".join(f"- {r.text};" if i < len(RUN_RULES) - 1 else f"- {r.text}."
                     for i, r in enumerate(run_pain_rules()))
