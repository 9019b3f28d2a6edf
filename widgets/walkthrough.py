"""Decision walkthroughs: trees as data (``data/walkthroughs/*.yaml``), checked for safety.

Every tree starts with the same emergency screen, built here from the red-flag catalogue
(:mod:`widgets.red_flags`): one question for the emergency signs, one for the same-day signs, each
answered "yes", "no" or "not sure". Only "no" to both goes on to the tree's own first question
(``after_screen``), so no tree can forget or reword the screen.

A tree file has ``id``, ``title``, ``after_screen``, optional ``must_ask`` (sign keys every
self-management path must have cleared, beyond the screen) and ``nodes``. A node is one of:

- a question: ``question``, optional ``help``, ``answers``: ``[{label, next, says?, signs?}]``.
  ``says: yes`` / ``no`` / ``unsure`` with ``signs: [keys]`` records that choosing the answer
  reports (or rules out) those catalogue signs; "unsure" counts as "yes" (route up, not down).
- a checklist: ``checklist: [sign keys]``, ``if_yes``, ``if_no`` and optional ``if_unsure``
  (default: the ``if_yes`` target), optional ``question`` / ``help``. It asks "Do any of these apply?" over the
  catalogue's own wording of the signs, so a sign is never retyped in a tree.
- an outcome: ``outcome`` in :data:`OUTCOME_KINDS`, ``title``, ``text``, optional ``links``.
  The urgent kinds are the catalogue's levels; their time frame and first action come from the
  catalogue, never from the tree's text.

Text may contain ``{clin:key}`` / ``{clinnum:key}`` (a clinical number, filled in at load).

The safety checker, :func:`safety_problems`, enumerates every path (trees are small) and fails a
tree, naming file, node and sign, when a path answering "yes" to a sign ends below the sign's
urgency, or a path reaching a non-urgent outcome has not had every emergency and same-day sign
(and every ``must_ask`` sign) answered "no". It runs whenever a tree is loaded, so the build
fails on an unsafe tree. Pure model: no widgets, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import jsonschema

from widgets import red_flags
from widgets.clinical import DATA_DIR, DataFileError, load_yaml
from widgets.clinical import fill_numbers as _fill

TREES_DIR = DATA_DIR / "walkthroughs"
URGENT_KINDS = ("emergency", "same_day", "within_days", "review")
OUTCOME_KINDS = (*URGENT_KINDS, "self_manage", "likely_pfps", "other_condition")
# What the non-urgent kinds are called on the page; urgent kinds take the catalogue level's title.
OTHER_LABELS = {
    "self_manage": "You can manage this yourself",
    "likely_pfps": "Fits runner's knee",
    "other_condition": "Possibly another condition",
}
SCREEN_PREFIX = "screen_"
CHECKLIST_ANSWERS = (("yes", "Yes, one or more of these"), ("no", "No, none of these"), ("unsure", "I'm not sure"))


class TreeError(DataFileError):
    """A walkthrough file breaks the schema or a safety rule (the message names file, node, field)."""


def fill_numbers(text: str, where: str) -> str:
    return _fill(text, where, TreeError)


def kind_label(kind: str) -> str:
    cat = red_flags.load()
    return cat.levels[kind].title if kind in cat.levels else OTHER_LABELS[kind]


def kind_rank(kind: str) -> int:
    """How urgent an outcome kind is: the catalogue level's rank; 0 for the non-urgent kinds."""
    cat = red_flags.load()
    return cat.levels[kind].rank if kind in URGENT_KINDS else 0


@dataclass(frozen=True)
class Answer:
    label: str
    next: str
    says: str | None = None  # "yes", "no" or "unsure" about `signs`
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Node:
    id: str
    question: str | None = None
    help: str | None = None
    items: tuple[str, ...] = ()  # a checklist's signs, in the catalogue's words
    answers: tuple[Answer, ...] = ()
    outcome: str | None = None
    title: str | None = None
    text: str | None = None
    links: tuple[dict, ...] = ()
    # An outcome's sign-specific next steps (the catalogue's `escalation`), shown next to the
    # level's action, never folded: "go now if they cannot bear weight" must not be hidden.
    escalations: tuple[str, ...] = ()

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
    must_ask: tuple[str, ...] = ()

    def to_data(self) -> dict:
        """Plain data for the static player's embedded JSON (numbers and catalogue words filled in)."""
        cat = red_flags.load()
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "kinds": {kind: kind_label(kind) for kind in OUTCOME_KINDS},
            "levels": {k: {"title": lv.title, "when": lv.when, "action": lv.action, "icon": lv.icon}
                       for k, lv in cat.levels.items() if k in URGENT_KINDS},
            "nodes": {
                node_id: (
                    {"outcome": n.outcome, "title": n.title, "text": n.text, "items": list(n.items),
                     "escalations": list(n.escalations), "links": list(n.links)}
                    if n.is_outcome
                    else {"question": n.question, "help": n.help, "items": list(n.items),
                          "answers": [{"label": a.label, "next": a.next} for a in n.answers]}
                )
                for node_id, n in self.nodes.items()
            },
        }


# --- reading a tree file ----------------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}
_KEYS = {"type": "array", "minItems": 1, "items": {"type": "string"}}
_LINKS = {"type": "array", "items": {"type": "object", "required": ["text", "doc"], "additionalProperties": False,
                                     "properties": {"text": _TEXT, "doc": _TEXT}}}
NODE_SCHEMA = {
    "oneOf": [
        {"type": "object", "required": ["question", "answers"], "additionalProperties": False,
         "properties": {"question": _TEXT, "help": _TEXT, "answers": {
             "type": "array", "minItems": 2, "items": {
                 "type": "object", "required": ["label", "next"], "additionalProperties": False,
                 "properties": {"label": _TEXT, "next": _TEXT, "says": {"enum": ["yes", "no", "unsure"]},
                                "signs": _KEYS}}}}},
        {"type": "object", "required": ["checklist", "if_yes", "if_no"], "additionalProperties": False,
         "properties": {"checklist": _KEYS, "question": _TEXT, "help": _TEXT, "if_yes": _TEXT, "if_no": _TEXT,
                        "if_unsure": _TEXT}},
        {"type": "object", "required": ["outcome", "title", "text"], "additionalProperties": False,
         "properties": {"outcome": {"enum": list(OUTCOME_KINDS)}, "title": _TEXT, "text": _TEXT, "links": _LINKS}},
    ]
}
TREE_SCHEMA = {
    "type": "object", "required": ["id", "title", "after_screen", "nodes"], "additionalProperties": False,
    "properties": {"id": _TEXT, "title": _TEXT, "after_screen": _TEXT, "must_ask": _KEYS,
                   "nodes": {"type": "object", "minProperties": 1}},
}


def _schema_check(raw: object, schema: dict, where: str) -> None:
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema).iter_errors(raw))
    if error is not None:
        path = ".".join(str(p) for p in error.absolute_path)
        raise TreeError(f"{where}{': field ' + repr(path) if path else ''}: {error.message}")


def _words(text: str, where: str) -> str:
    return fill_numbers(" ".join(text.split()), where)


def _known_signs(keys, where: str) -> tuple[str, ...]:
    cat = red_flags.load()
    for key in keys:
        if key not in cat.signs:
            raise TreeError(f"{where}: sign {key!r} is not in red_flags.yaml")
    return tuple(keys)


def checklist_node(node_id: str, signs: tuple[str, ...], targets: dict[str, str], question: str | None = None,
                   help_text: str | None = None) -> Node:
    """A "Do any of these apply?" question over catalogue signs, answered yes / no / not sure."""
    cat = red_flags.load()
    answers = tuple(Answer(label=label, next=targets.get(says, targets["yes"]), says=says, signs=signs)
                    for says, label in CHECKLIST_ANSWERS)
    return Node(id=node_id, question=question or "Do any of these apply?", help=help_text,
                items=tuple(cat.signs[k].label for k in signs), answers=answers)


def _parse_node(node_id: str, raw: object, path: Path) -> Node:
    where = f"{path.name}: node '{node_id}'"
    _schema_check(raw, NODE_SCHEMA, where)
    if node_id.startswith(SCREEN_PREFIX):
        raise TreeError(f"{where}: ids starting with '{SCREEN_PREFIX}' belong to the emergency screen")
    if "outcome" in raw:
        return Node(id=node_id, outcome=raw["outcome"], title=_words(raw["title"], f"{where}, field 'title'"),
                    text=_words(raw["text"], f"{where}, field 'text'"), links=tuple(raw.get("links", ())))
    help_text = _words(raw["help"], f"{where}, field 'help'") if "help" in raw else None
    if "checklist" in raw:
        signs = _known_signs(raw["checklist"], f"{where}, field 'checklist'")
        question = _words(raw["question"], f"{where}, field 'question'") if "question" in raw else None
        return checklist_node(node_id, signs, {k: raw[f"if_{k}"] for k in ("yes", "no", "unsure") if f"if_{k}" in raw},
                              question, help_text)
    answers = []
    for i, a in enumerate(raw["answers"]):
        answer_where = f"{where}, answer {i + 1}"
        if ("says" in a) != ("signs" in a):
            raise TreeError(f"{answer_where}: fields 'says' and 'signs' go together")
        answers.append(Answer(label=_words(a["label"], f"{answer_where}, field 'label'"), next=a["next"],
                              says=a.get("says"), signs=_known_signs(a.get("signs", ()), answer_where)))
    return Node(id=node_id, question=_words(raw["question"], f"{where}, field 'question'"), help=help_text,
                answers=tuple(answers))


def screen_nodes(after_screen: str) -> dict[str, Node]:
    """The emergency screen every tree starts with: emergency signs, then same-day signs."""
    cat = red_flags.load()
    emergency = tuple(s.key for s in cat.signs_at("emergency"))
    same_day = tuple(s.key for s in cat.signs_at("same_day"))

    def outcome(kind: str, keys: tuple[str, ...], title: str, text: str) -> Node:
        return Node(id=f"{SCREEN_PREFIX}{kind}_outcome", outcome=kind, title=title, text=text,
                    items=tuple(f"{cat.signs[k].label[0].upper()}{cat.signs[k].label[1:]}: {cat.signs[k].why}"
                                for k in keys),
                    escalations=tuple(cat.signs[k].escalation for k in keys if cat.signs[k].escalation),
                    links=({"text": "All the red flags, and how soon each needs care", "doc": "/book/red-flags"},))

    nodes = [
        checklist_node(f"{SCREEN_PREFIX}emergency", emergency,
                       {"yes": f"{SCREEN_PREFIX}emergency_outcome", "no": f"{SCREEN_PREFIX}same_day"},
                       "First, a safety check. Does any of these apply right now?",
                       "Compare with the other knee: swelling on its own is not “out of place”."),
        checklist_node(f"{SCREEN_PREFIX}same_day", same_day,
                       {"yes": f"{SCREEN_PREFIX}same_day_outcome", "no": after_screen},
                       "Do any of these apply?"),
        outcome("emergency", emergency, "Call for help now",
                "What you described can be a medical emergency. Get help first; the questions about "
                "runner's knee can wait. Call the emergency number now. With chest pain or "
                "breathlessness, do not drive yourself. If you are not sure, still call: they will "
                "tell you where to go."),
        outcome("same_day", same_day, "This needs to be checked today",
                "What you described is not part of runner's knee and needs a same-day assessment. If "
                "you are not sure whether it applies, get it checked anyway: being seen and told it is "
                "nothing serious is a good outcome."),
    ]
    return {n.id: n for n in nodes}


def load_tree(path: Path) -> Tree:
    """Read one walkthrough file, put the emergency screen in front, and check it for safety."""
    path = Path(path)
    raw = load_yaml(path)
    _schema_check(raw, TREE_SCHEMA, path.name)
    nodes = {str(node_id): _parse_node(str(node_id), node, path) for node_id, node in raw["nodes"].items()}
    nodes = {**screen_nodes(str(raw["after_screen"])), **nodes}
    must_ask = _known_signs(raw.get("must_ask", ()), f"{path.name}: field 'must_ask'")
    tree = Tree(id=str(raw["id"]), title=str(raw["title"]), start=f"{SCREEN_PREFIX}emergency", nodes=nodes,
                source=path, must_ask=must_ask)
    validate(tree)
    return tree


# --- paths and the safety checker ---------------------------------------------------------------

@dataclass
class Path_:
    """One route through a tree: the answers chosen and the outcome reached."""

    steps: list[tuple[str, Answer]] = field(default_factory=list)
    outcome: Node | None = None

    def raised(self) -> dict[str, str]:
        """Sign key → the node where the person answered "yes" or "not sure" to it."""
        return {s: node_id for node_id, a in self.steps if a.says in ("yes", "unsure") for s in a.signs}

    def cleared(self) -> set[str]:
        """The signs the person answered "no" to."""
        return {s for _, a in self.steps if a.says == "no" for s in a.signs}

    def node_ids(self) -> list[str]:
        return [node_id for node_id, _ in self.steps]


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


def safety_problems(tree: Tree) -> list[str]:
    """Every safety rule a tree breaks, one message per (node, sign), naming file, node and sign."""
    cat = red_flags.load()
    name = tree.source.name
    screen = [s.key for s in cat.screen_signs()]
    problems: dict[str, None] = {}  # ordered set
    if tree.nodes[tree.start].is_outcome:
        problems[f"{name}: node '{tree.start}': the tree does not start with the emergency screen"] = None
    for p in enumerate_paths(tree):
        # The screen comes first: no other question before every emergency and same-day sign is "no".
        cleared_so_far: set[str] = set()
        for node_id, answer in p.steps:
            if not set(answer.signs) & set(screen) and not set(screen) <= cleared_so_far:
                missing = next(s for s in screen if s not in cleared_so_far)
                problems[(f"{name}: node '{node_id}': asked before the emergency screen has cleared sign "
                          f"'{missing}'")] = None
            if answer.says == "no":
                cleared_so_far |= set(answer.signs)
        rank = kind_rank(p.outcome.outcome)
        for sign, node_id in p.raised().items():
            level = cat.signs[sign].level
            if cat.rank(level) > rank:
                problems[(f"{name}: node '{node_id}': answering yes to sign '{sign}' ({level}) can end at "
                          f"'{p.outcome.id}' ({p.outcome.outcome}), which is less urgent")] = None
        if rank < cat.rank("same_day"):
            cleared = p.cleared()
            needed = screen + [s for s in tree.must_ask if rank < cat.rank(cat.signs[s].level)]
            for sign in needed:
                if sign not in cleared:
                    problems[(f"{name}: node '{p.outcome.id}': a path reaches this {p.outcome.outcome} outcome "
                              f"without asking sign '{sign}' ({cat.signs[sign].level})")] = None
    return list(problems)


def validate(tree: Tree) -> None:
    """Raise TreeError unless every structure and safety rule holds."""
    name = tree.source.name
    paths = enumerate_paths(tree)  # dangling next and cycles raise here
    reached = {tree.start} | {n for p in paths for n in p.node_ids()} | {p.outcome.id for p in paths}
    unreachable = sorted(set(tree.nodes) - reached)
    if unreachable:
        raise TreeError(f"{name}: node '{unreachable[0]}': unreachable from start '{tree.start}'")
    problems = safety_problems(tree)
    if problems:
        raise TreeError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))


def without_sign(tree: Tree, node_id: str, sign: str) -> Tree:
    """A copy of ``tree`` whose node ``node_id`` no longer asks ``sign`` (for mutation tests)."""
    node = tree.nodes[node_id]
    answers = tuple(replace(a, signs=tuple(s for s in a.signs if s != sign)) for a in node.answers)
    return replace(tree, nodes={**tree.nodes, node_id: replace(node, answers=answers)})


def tree_files() -> list[Path]:
    return sorted(TREES_DIR.glob("*.yaml"))


def load(tree_id: str) -> Tree:
    """The walkthrough ``tree_id`` (a file stem under data/walkthroughs), loaded and checked once
    per process (trees are not mutated: the mutation tests build changed copies)."""
    if not isinstance(tree_id, str):
        raise ValueError(f"tree_id must be the name of a walkthrough, got {tree_id!r}")
    return _load(tree_id)


@cache
def _load(tree_id: str) -> Tree:
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
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(node.answers):
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
        """(question, answer given) pairs, in order: for a reader to copy or print for a clinician.
        A checklist question carries its list, so "No, none of these" says what was ruled out."""
        out = []
        for q, i in self.history:
            node = self.tree.nodes[q]
            question = node.question + (f" ({'; '.join(node.items)})" if node.items else "")
            out.append((question, node.answers[i].label))
        return out


def skip_list_markdown(tree_id: str) -> str:
    """The signs a tree asks before any self-management answer, as MyST bullets for its page
    (the self-tests page: "skip the tests if…"): the emergency and same-day signs first, by
    their level's title, then every ``must_ask`` sign in the catalogue's words. Generated, so
    the page's list can never be shorter than the walkthrough's."""
    tree = load(tree_id)
    cat = red_flags.load()
    titles = " or ".join(f"“{cat.levels[lv].title}”" for lv in red_flags.SCREEN_LEVELS)
    out = [f"- any sign under {titles} on the {{doc}}`red-flags page </book/red-flags>`"]
    out += [f"- {s.label}" for s in cat.ordered() if s.key in tree.must_ask]
    return "\n".join(out)
