"""Clinical vignettes (``data/vignettes.yaml``): people described from published cases or
guidance, walked through the walkthroughs, each with the outcome a clinician expects.

They are the walkthroughs' acceptance tests (``tests/test_vignettes.py``) and the instructor
edition's teaching cases (:func:`cases_markdown`). Pure model: no widgets, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets import red_flags
from widgets import walkthrough as wt
from widgets.clinical import DATA_DIR, DataFileError, check_schema, load_yaml

VIGNETTES_FILE = DATA_DIR / "vignettes.yaml"
# Not references.bib keys: the source article's own description, and the course's rule that
# what does not fit runner's knee goes to a professional.
SPECIAL_SOURCES = {"article": "the source article", "route_up": "the course's route-up rule"}

_TEXT = {"type": "string", "minLength": 1}
SCHEMA = {
    "type": "object", "required": ["cases"], "additionalProperties": False,
    "properties": {"cases": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "title", "story", "sources", "tree", "answers", "expect"],
        "properties": {
            "id": _TEXT, "title": _TEXT, "story": _TEXT, "tree": _TEXT,
            "sources": {"type": "array", "minItems": 1, "items": _TEXT},
            "answers": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            "expect": {"enum": list(wt.OUTCOME_KINDS)},
            "outcome": _TEXT,
        }}}},
}


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    story: str
    sources: tuple[str, ...]
    tree: str
    answers: dict[str, int]
    expect: str
    outcome: str | None = None


@cache
def load(path: Path = VIGNETTES_FILE) -> tuple[Case, ...]:
    path = Path(path)
    raw = load_yaml(path)
    check_schema(raw, SCHEMA, path)
    known = red_flags.bib_keys() | set(SPECIAL_SOURCES)
    cases = []
    for c in raw["cases"]:
        unknown = [s for s in c["sources"] if s not in known]
        if unknown:
            raise DataFileError(f"{path.name}: case '{c['id']}': source {unknown[0]!r} is not a key of references.bib")
        cases.append(Case(id=c["id"], title=c["title"], story=" ".join(c["story"].split()),
                          sources=tuple(c["sources"]), tree=c["tree"], answers=dict(c["answers"]),
                          expect=c["expect"], outcome=c.get("outcome")))
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise DataFileError(f"{path.name}: a case id is used twice")
    return tuple(cases)


def walk(case: Case, tree: wt.Tree | None = None) -> tuple[wt.Node, list[str]]:
    """Answer ``tree`` (default: the case's tree) as the case does; return the outcome reached and
    the node ids asked. A question the case gives no answer for raises ValueError naming it."""
    tree = tree or wt.load(case.tree)
    session = wt.Session(tree)
    asked = []
    while not session.node.is_outcome:
        node_id = session.node.id
        if node_id not in case.answers:
            raise ValueError(f"case '{case.id}' gives no answer for node '{node_id}' of {case.tree}")
        asked.append(node_id)
        session.answer(case.answers[node_id])
    return session.node, asked


def _cite(sources: tuple[str, ...]) -> str:
    keys = [s for s in sources if s not in SPECIAL_SOURCES]
    words = [SPECIAL_SOURCES[s] for s in sources if s in SPECIAL_SOURCES]
    return "; ".join(([("{cite:p}`" + ",".join(keys) + "`")] if keys else []) + words)


def cases_markdown() -> str:
    """The cases as teaching material: the story, then (folded) where the walkthrough sends the
    person and why, so students can predict before they look."""
    out = []
    for i, case in enumerate(load(), start=1):
        node, _ = walk(case)
        tree = wt.load(case.tree)
        out += [f"**Case {i}. {case.title}** ({tree.title}). {case.story} ({_cite(case.sources)})", "",
                ":::{admonition} Where the walkthrough sends this person", ":class: dropdown",
                f"{wt.kind_label(node.outcome)}: *{node.title}*. {node.text}", ":::", ""]
    return "\n".join(out)
