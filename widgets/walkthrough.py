"""Decision walkthroughs: trees as data (``data/walkthroughs/*.yaml``), checked for safety.

A tree has ``id``, ``title``, ``start`` and ``nodes``; a node is either a question
(``question``, optional ``help``, ``answers``: ``[{label, next, red_flag?}]``) or an outcome
(``outcome`` in :data:`OUTCOME_KINDS`, ``title``, ``text``, optional ``links``:
``[{text, doc}]``). Text may contain ``{clin:key}`` / ``{clinnum:key}``, replaced with the
clinical number from ``widgets.clinical`` when the tree is loaded, so no number is retyped.

Safety rules, checked by :func:`validate` (and by the tests for every tree on every path):
a path on which any ``red_flag`` answer was chosen ends in ``urgent`` or ``see_professional``;
no cycles, no dangling ``next``, no unreachable node, no outcome without advice text.
Pure model: no widgets, no HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from widgets import clinical
from widgets.clinical import DATA_DIR, DataFileError, load_yaml

TREES_DIR = DATA_DIR / "walkthroughs"
OUTCOME_KINDS = ("urgent", "see_professional", "self_manage", "likely_pfps", "other_condition")
# What each kind is called on the page: plain words, not the data file's ids.
OUTCOME_LABELS = {
    "urgent": "Seek care today",
    "see_professional": "See a professional",
    "self_manage": "You can manage this yourself",
    "likely_pfps": "Fits runner's knee",
    "other_condition": "Possibly another condition",
}
PROFESSIONAL_OUTCOMES = ("urgent", "see_professional")
_PLACEHOLDER = re.compile(r"\{(clin|clinnum):([\w.]+)\}")


class TreeError(DataFileError):
    """A walkthrough file breaks the schema or a safety rule (the message names file, node, field)."""


@dataclass(frozen=True)
class Answer:
    label: str
    next: str
    red_flag: bool = False


@dataclass(frozen=True)
class Node:
    id: str
    question: str | None = None
    help: str | None = None
    answers: tuple[Answer, ...] = ()
    outcome: str | None = None
    title: str | None = None
    text: str | None = None
    links: tuple[dict, ...] = ()

    @property
    def is_outcome(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    start: str
    nodes: dict[str, Node]
    source: Path

    def to_data(self) -> dict:
        """Plain data for the static player's embedded JSON (numbers already filled in)."""
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "kinds": OUTCOME_LABELS,
            "nodes": {
                node_id: (
                    {"outcome": n.outcome, "title": n.title, "text": n.text, "links": list(n.links)}
                    if n.is_outcome
                    else {"question": n.question, "help": n.help,
                          "answers": [{"label": a.label, "next": a.next, "red_flag": a.red_flag} for a in n.answers]}
                )
                for node_id, n in self.nodes.items()
            },
        }


def fill_numbers(text: str, where: str) -> str:
    """Replace {clin:key} / {clinnum:key} with the clinical number (display or number only)."""

    def replace(match: re.Match) -> str:
        kind, key = match.groups()
        try:
            entry = clinical.get(key)
        except KeyError as exc:
            raise TreeError(f"{where}: {exc.args[0]}") from None
        return entry.display() if kind == "clin" else entry.number_text()

    return _PLACEHOLDER.sub(replace, text)


def _text(raw: dict, key: str, where: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise TreeError(f"{where}: field '{key}' is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise TreeError(f"{where}: field '{key}' must be non-empty text")
    return fill_numbers(" ".join(value.split()), f"{where}, field '{key}'")


def _parse_node(node_id: str, raw: object, path: Path) -> Node:
    where = f"{path.name}: node '{node_id}'"
    if not isinstance(raw, dict):
        raise TreeError(f"{where}: must be a question or an outcome mapping")
    if ("question" in raw) == ("outcome" in raw):
        raise TreeError(f"{where}: needs exactly one of the fields 'question' or 'outcome'")
    if "outcome" in raw:
        if raw["outcome"] not in OUTCOME_KINDS:
            kinds = ", ".join(OUTCOME_KINDS)
            raise TreeError(f"{where}: field 'outcome' must be one of {kinds}, got {raw['outcome']!r}")
        links = raw.get("links") or []
        if not all(isinstance(link, dict) and {"text", "doc"} <= set(link) for link in links):
            raise TreeError(f"{where}: field 'links' must be a list of {{text, doc}}")
        return Node(id=node_id, outcome=raw["outcome"], title=_text(raw, "title", where),
                    text=_text(raw, "text", where), links=tuple(links))
    answers = raw.get("answers")
    if not isinstance(answers, list) or len(answers) < 2:
        raise TreeError(f"{where}: field 'answers' must list at least two answers")
    parsed = []
    for i, answer in enumerate(answers):
        answer_where = f"{where}, answer {i + 1}"
        if not isinstance(answer, dict) or not isinstance(answer.get("next"), str):
            raise TreeError(f"{answer_where}: field 'next' is missing")
        red_flag = answer.get("red_flag", False)
        if not isinstance(red_flag, bool):
            raise TreeError(f"{answer_where}: field 'red_flag' must be true or false")
        parsed.append(Answer(label=_text(answer, "label", answer_where), next=answer["next"], red_flag=red_flag))
    return Node(id=node_id, question=_text(raw, "question", where), help=_text(raw, "help", where, required=False),
                answers=tuple(parsed))


def load_tree(path: Path) -> Tree:
    """Read and validate one walkthrough file."""
    path = Path(path)
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise TreeError(f"{path.name}: expected id, title, start and nodes at the top level")
    for key in ("id", "title", "start", "nodes"):
        if key not in raw:
            raise TreeError(f"{path.name}: field '{key}' is missing")
    if not isinstance(raw["nodes"], dict) or not raw["nodes"]:
        raise TreeError(f"{path.name}: field 'nodes' must map node ids to nodes")
    nodes = {str(node_id): _parse_node(str(node_id), node, path) for node_id, node in raw["nodes"].items()}
    tree = Tree(id=str(raw["id"]), title=str(raw["title"]), start=str(raw["start"]), nodes=nodes, source=path)
    validate(tree)
    return tree


@dataclass
class Path_:
    """One route through a tree: the answers chosen and the outcome reached."""

    steps: list[tuple[str, Answer]] = field(default_factory=list)
    outcome: Node | None = None

    @property
    def red_flag_chosen(self) -> bool:
        return any(answer.red_flag for _, answer in self.steps)


def enumerate_paths(tree: Tree) -> list[Path_]:
    """Every path from the start to an outcome (trees are small: depth-first is enough)."""
    paths: list[Path_] = []

    def walk(node_id: str, steps: list[tuple[str, Answer]], seen: tuple[str, ...]):
        if node_id in seen:
            raise TreeError(f"{tree.source.name}: node '{node_id}': cycle {' → '.join((*seen, node_id))}")
        node = tree.nodes.get(node_id)
        if node is None:
            where = f"node '{steps[-1][0]}'" if steps else "field 'start'"
            raise TreeError(f"{tree.source.name}: {where}: 'next' names unknown node '{node_id}'")
        if node.is_outcome:
            paths.append(Path_(steps=list(steps), outcome=node))
            return
        for answer in node.answers:
            walk(answer.next, [*steps, (node_id, answer)], (*seen, node_id))

    walk(tree.start, [], ())
    return paths


def validate(tree: Tree) -> None:
    """Raise TreeError unless every safety and structure rule holds."""
    name = tree.source.name
    paths = enumerate_paths(tree)  # dangling next and cycles raise here
    reached = {tree.start} | {node_id for p in paths for node_id, _ in p.steps} | {p.outcome.id for p in paths}
    reached |= {a.next for p in paths for _, a in p.steps}
    unreachable = sorted(set(tree.nodes) - reached)
    if unreachable:
        raise TreeError(f"{name}: node '{unreachable[0]}': unreachable from start '{tree.start}'")
    for p in paths:
        if p.red_flag_chosen and p.outcome.outcome not in PROFESSIONAL_OUTCOMES:
            flags = [a.label for _, a in p.steps if a.red_flag]
            raise TreeError(
                f"{name}: node '{p.outcome.id}': a path choosing the red flag {flags[0]!r} ends in "
                f"'{p.outcome.outcome}'; it must end in urgent or see_professional"
            )


def tree_files() -> list[Path]:
    return sorted(TREES_DIR.glob("*.yaml"))


def load(tree_id: str) -> Tree:
    path = TREES_DIR / f"{tree_id}.yaml"
    if not path.exists():
        known = ", ".join(p.stem for p in tree_files())
        raise ValueError(f"No walkthrough {tree_id!r}; known: {known}")
    return load_tree(path)


class Session:
    """One person going through a tree: answer, go back, start again, summarise."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self.history: list[tuple[str, int]] = []  # (question node id, answer index)

    @property
    def node(self) -> Node:
        node_id = self.tree.start
        for question_id, index in self.history:
            node_id = self.tree.nodes[question_id].answers[index].next
        return self.tree.nodes[node_id]

    def answer(self, index: int) -> Node:
        node = self.node
        if node.is_outcome:
            raise ValueError("This walkthrough has ended; go back or start again.")
        if not isinstance(index, int) or not 0 <= index < len(node.answers):
            raise ValueError(f"Answer must be a number from 0 to {len(node.answers) - 1}, got {index!r}")
        self.history.append((node.id, index))
        return self.node

    def back(self) -> Node:
        if self.history:
            self.history.pop()
        return self.node

    def restart(self) -> Node:
        self.history.clear()
        return self.node

    def summary(self) -> list[tuple[str, str]]:
        """(question, answer given) pairs, in order: for a reader to copy or print for a clinician."""
        return [(self.tree.nodes[q].question, self.tree.nodes[q].answers[i].label) for q, i in self.history]
