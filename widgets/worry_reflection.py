"""The fear-and-worry reflection (``data/worry_reflection.yaml``): the reader rates a few of the
course's own statements (fear that moving harms the knee, avoiding movement, thoughts stuck on the
pain, expecting the worst, feeling helpless, feeling tense) and answers two check-in questions
(low mood; thoughts of self-harm). The model returns kind words chosen by the sum of the ratings,
a tip for each statement rated high, and when to seek help, at the levels of the course's
red-flag catalogue (``data/red_flags.yaml``), most urgent first.

It is not a questionnaire or a score: no published scale's items, no cut-off tested in research
(the bands are the course's own, for choosing words). The themes follow the psychological
features that Maclachlan et al. (2017, Br J Sports Med 51:732-742) found may be raised in people
with patellofemoral pain and to correlate with pain and function: anxiety, depression,
catastrophising and fear of movement. Pure model: no widgets, no HTML, nothing stored.

The site's script (``assets/rk/worry-reflection.js``) ports :func:`reflect` and takes every word
and threshold from the JSON built from this file; ``tests/static/test_worry_reflection.py``
checks the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from widgets import red_flags
from widgets.checks import short_repr, whole_number
from widgets.clinical import DATA_DIR, DataFileError, check_schema, load_yaml

REFLECTION_FILE = DATA_DIR / "worry_reflection.yaml"
_TEXT = {"type": "string", "minLength": 1}
_KEY = {"type": "string", "pattern": r"^[a-z][a-z_]*$"}
SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["scale", "tip_from", "statements", "bands", "answers", "route_up", "check_in", "help",
                 "messages", "sources"],
    "properties": {
        "scale": {"type": "array", "minItems": 2, "items": {
            "type": "object", "additionalProperties": False, "required": ["value", "label"],
            "properties": {"value": {"type": "integer", "minimum": 0}, "label": _TEXT}}},
        "tip_from": {"type": "integer", "minimum": 0},
        "statements": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["key", "theme", "text", "tip"],
            "properties": {"key": _KEY, "theme": _TEXT, "text": _TEXT, "tip": _TEXT}}},
        "bands": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["key", "max", "message"],
            "properties": {"key": _KEY, "max": {"type": "integer", "minimum": 0}, "message": _TEXT, "help": _KEY}}},
        "answers": {"type": "array", "minItems": 2, "items": {
            "type": "object", "additionalProperties": False, "required": ["key", "label"],
            "properties": {"key": _KEY, "label": _TEXT}}},
        "route_up": {"type": "array", "minItems": 1, "items": _KEY},
        "check_in": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["key", "question", "help"],
            "properties": {"key": _KEY, "question": _TEXT, "help": _KEY}}},
        "help": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "object", "additionalProperties": False, "required": ["level", "trigger", "action"],
            "properties": {"level": _KEY, "trigger": _TEXT, "action": _TEXT}}},
        "messages": {"type": "object", "additionalProperties": False,
                     "required": ["incomplete", "no_help", "always", "privacy", "not_a_score"],
                     "properties": {k: _TEXT for k in ("incomplete", "no_help", "always", "privacy", "not_a_score")}},
        "sources": {"type": "array", "minItems": 1, "items": _TEXT},
    },
}


@dataclass(frozen=True)
class Help:
    """What to do, at a level of the red-flag catalogue (title, time frame and icon from there)."""

    key: str
    level: str
    rank: int
    title: str
    when: str
    icon: str
    action: str


@dataclass(frozen=True)
class Tip:
    key: str
    theme: str
    text: str


@dataclass(frozen=True)
class Reflection:
    band: str
    message: str
    tips: tuple[Tip, ...]
    help: tuple[Help, ...]  # most urgent first

    def to_dict(self) -> dict:
        """As JSON (the form the page's script returns, for the parity tests)."""
        return {"band": self.band, "message": self.message, "tips": [asdict(t) for t in self.tips],
                "help": [asdict(h) for h in self.help]}


def _text(value: str) -> str:
    return " ".join(value.split())


@cache
def load(path: Path = REFLECTION_FILE) -> dict:
    """The reflection's data, validated, with whitespace folded and each help's level filled in
    from the red-flag catalogue. Fails (DataFileError, naming the field) on a band that does not
    cover the highest possible sum, an unknown help or level, or a source not in references.bib."""
    path = Path(path)
    raw = load_yaml(path)
    check_schema(raw, SCHEMA, path)
    catalogue = red_flags.load()
    values = [s["value"] for s in raw["scale"]]
    if values != sorted(set(values)) or values[0] != 0:
        raise DataFileError(f"{path.name}: field 'scale': values must start at 0 and rise")
    keys = [s["key"] for s in raw["statements"]]
    if len(set(keys)) != len(keys):
        raise DataFileError(f"{path.name}: field 'statements': a key is used twice")
    top = values[-1] * len(keys)
    maxima = [b["max"] for b in raw["bands"]]
    if maxima != sorted(set(maxima)) or maxima[-1] != top:
        raise DataFileError(f"{path.name}: field 'bands': the maxima must rise and the last must be {top}, "
                            f"the highest possible sum")
    help_, triggers = {}, {}
    for key, h in raw["help"].items():
        if h["level"] not in catalogue.levels:
            raise DataFileError(f"{path.name}: field 'help.{key}.level': {h['level']!r} is not a level of "
                                "red_flags.yaml")
        level = catalogue.levels[h["level"]]
        help_[key] = Help(key, level.key, level.rank, level.title, level.when, level.icon, _text(h["action"]))
        triggers[key] = _text(h["trigger"])
    answer_keys = [a["key"] for a in raw["answers"]]
    refs = [("bands", b.get("help")) for b in raw["bands"]] + [("check_in", c["help"]) for c in raw["check_in"]]
    for where, ref in refs:
        if ref is not None and ref not in help_:
            raise DataFileError(f"{path.name}: field '{where}': help {ref!r} is not defined under 'help'")
    if not set(raw["route_up"]) <= set(answer_keys):
        raise DataFileError(f"{path.name}: field 'route_up': every entry must be one of the answers {answer_keys}")
    unknown = [k for k in raw["sources"] if k not in red_flags.bib_keys()]
    if unknown:
        raise DataFileError(f"{path.name}: field 'sources': {unknown[0]!r} is not in references.bib")
    return {
        "scale": [{"value": s["value"], "label": s["label"]} for s in raw["scale"]],
        "tip_from": raw["tip_from"],
        "statements": [{k: _text(v) for k, v in s.items()} for s in raw["statements"]],
        "bands": [{**{k: (_text(v) if isinstance(v, str) else v) for k, v in b.items()}} for b in raw["bands"]],
        "answers": [dict(a) for a in raw["answers"]],
        "route_up": list(raw["route_up"]),
        "check_in": [{k: _text(v) for k, v in c.items()} for c in raw["check_in"]],
        "help": {k: asdict(h) for k, h in help_.items()},
        "triggers": triggers,
        "messages": {k: _text(v) for k, v in raw["messages"].items()},
        "sources": list(raw["sources"]),
    }


def _mapping(value: object, name: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping of keys to answers, got {short_repr(value)}")
    return value


def check_answers(ratings: object, check_in: object) -> tuple[dict[str, int], dict[str, str]]:
    """The answers, checked: every statement rated with a value of the scale, every check-in
    question answered with one of the answers; no unknown keys. ValueError saying what is
    allowed otherwise (a missing answer is named)."""
    data = load()
    ratings, check_in = _mapping(ratings, "ratings"), _mapping(check_in, "check_in")
    statement_keys = [s["key"] for s in data["statements"]]
    question_keys = [c["key"] for c in data["check_in"]]
    answer_keys = [a["key"] for a in data["answers"]]
    for given, known, name in ((ratings, statement_keys, "ratings"), (check_in, question_keys, "check_in")):
        extra = [k for k in given if k not in known]
        if extra:
            raise ValueError(f"{name}: unknown key {short_repr(extra[0])}; the keys are {', '.join(known)}")
        missing = [k for k in known if k not in given]
        if missing:
            raise ValueError(f"{name}: {missing[0]!r} is not answered yet")
    values = [s["value"] for s in data["scale"]]
    top = values[-1]
    out_ratings = {k: whole_number(ratings[k], f"ratings[{k!r}]", 0, top) for k in statement_keys}
    for k, v in out_ratings.items():
        if v not in values:
            raise ValueError(f"ratings[{k!r}] must be one of {values}, got {v}")
    out_check = {}
    for k in question_keys:
        if check_in[k] not in answer_keys:
            raise ValueError(f"check_in[{k!r}] must be one of {', '.join(answer_keys)}, got {short_repr(check_in[k])}")
        out_check[k] = check_in[k]
    return out_ratings, out_check


def unanswered(ratings: object, check_in: object) -> int:
    """How many statements and check-in questions have no answer yet (missing or None): the
    number the page's "please answer every statement" message gives."""
    data = load()
    ratings, check_in = _mapping(ratings, "ratings"), _mapping(check_in, "check_in")
    return (sum(ratings.get(s["key"]) is None for s in data["statements"])
            + sum(check_in.get(c["key"]) is None for c in data["check_in"]))


def incomplete_message(ratings: object, check_in: object) -> str | None:
    """The message for a form with answers missing, or None when everything is answered."""
    n = unanswered(ratings, check_in)
    return load()["messages"]["incomplete"].replace("{n}", str(n)) if n else None


def reflect(ratings: object, check_in: object) -> Reflection:
    """Kind words for the reader's answers.

    - band: the first band whose ``max`` the sum of the ratings does not exceed (bands from the
      data; the course's own, untested cut-offs for choosing words, not a score);
    - tips: one for each statement rated ``tip_from`` or more, in the order of the statements;
    - help: the help of the band (if any) and of every check-in question answered with an
      answer in ``route_up`` ("yes" or "not sure": unsure routes up), each once, most urgent
      level first (by the red-flag catalogue's rank).
    """
    data = load()
    ratings, check_in = check_answers(ratings, check_in)
    total = sum(ratings.values())
    band = next(b for b in data["bands"] if total <= b["max"])
    tips = tuple(Tip(s["key"], s["theme"], s["tip"])
                 for s in data["statements"] if ratings[s["key"]] >= data["tip_from"])
    wanted = [band["help"]] if "help" in band else []
    wanted += [c["help"] for c in data["check_in"] if check_in[c["key"]] in data["route_up"]]
    seen: list[str] = []
    for key in wanted:
        if key not in seen:
            seen.append(key)
    help_ = sorted((Help(**data["help"][k]) for k in seen), key=lambda h: -h.rank)
    return Reflection(band["key"], band["message"], tips, tuple(help_))


def help_heading(title: str, when: str) -> str:
    """A help level's heading: its title, then its time frame in brackets unless the title
    already says it ("Emergency — act now", not "Emergency — act now (now)"). Case-insensitive;
    the page's script has the same rule (``heading``)."""
    if not isinstance(title, str) or not isinstance(when, str):
        raise ValueError(f"title and when must be text, got {short_repr(title)} and {short_repr(when)}")
    return title if when.lower() in title.lower() else f"{title} ({when})"


def help_markdown() -> str:
    """When to get help, most urgent first, as a MyST list for the page: the trigger, the red-flag
    level's title and time frame, and the action (the same words the reflection shows)."""
    data = load()
    helps = sorted(data["help"].values(), key=lambda h: -h["rank"])
    return "\n".join(f"- **{data['triggers'][h['key']]}** {help_heading(h['title'], h['when'])}: {h['action']}"
                     for h in helps)
