"""The red-flag catalogue (``data/red_flags.yaml``): every sign that is not self-management, with
its urgency level, time frame, what to do, and its source.

This is the one place a sign is written. The walkthroughs build their emergency screen and sign
checklists from it (:mod:`widgets.walkthrough`), the red-flags page and the disclaimer on every
page render it, and the return-to-running planner's warning-sign check uses it. Pure model: no
widgets, no HTML.

Levels, most urgent first: ``emergency`` (call the emergency number now), ``same_day`` (urgent
care today), ``within_days`` (a physiotherapist or doctor within 2 days), ``review`` (no progress:
check the plan at a routine appointment), ``warning_sign`` (self-management: the source article's
early warning signs). Sources are keys of ``references.bib``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from widgets.clinical import DATA_DIR, DataFileError, fill_numbers, load_yaml
from widgets.clinical import bib_keys as clinical_bib_keys

CATALOGUE_FILE = DATA_DIR / "red_flags.yaml"
# The levels on the emergency screen that starts every walkthrough: a "yes" to any of these
# signs must end at an outcome of the same level or higher, and no path may reach
# self-management without every one of them answered "no".
SCREEN_LEVELS = ("emergency", "same_day")
ICONS = ("phone", "clock", "calendar", "clipboard", "note")

_TEXT = {"type": "string", "minLength": 1}
SCHEMA = {
    "type": "object",
    "required": ["levels", "signs", "disclaimer"],
    "additionalProperties": False,
    "properties": {
        "levels": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["rank", "title", "when", "action", "icon", "stop_running"],
                "additionalProperties": False,
                "properties": {
                    "rank": {"type": "integer", "minimum": 0},
                    "title": _TEXT, "when": _TEXT, "action": _TEXT,
                    "icon": {"enum": list(ICONS)},
                    "stop_running": {"type": "boolean"},
                },
            },
        },
        "signs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["key", "level", "label", "question", "why", "sources"],
                "additionalProperties": False,
                "properties": {
                    "key": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"},
                    "level": _TEXT, "label": _TEXT, "question": _TEXT, "why": _TEXT,
                    "sources": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9]+$"}},
                    "article": _TEXT, "short": _TEXT, "in_programme": {"type": "boolean"},
                    "escalation": _TEXT,
                    "basis": {"enum": ["route_up"]},
                },
            },
        },
        "disclaimer": {
            "type": "object",
            "required": ["lead", "emergency", "same_day", "rest"],
            "additionalProperties": False,
            "properties": {"lead": _TEXT, "emergency": _TEXT, "same_day": _TEXT, "rest": _TEXT},
        },
    },
}


@dataclass(frozen=True)
class Level:
    key: str
    rank: int
    title: str
    when: str
    action: str
    icon: str
    stop_running: bool


@dataclass(frozen=True)
class Sign:
    key: str
    level: str
    label: str
    question: str
    why: str
    sources: tuple[str, ...] = ()
    article: str | None = None
    basis: str | None = None
    short: str | None = None  # a few words for the disclaimer (emergency and same-day signs)
    in_programme: bool = True  # asked before each run of the return-to-running programme
    # The sign's own next step when it is more urgent than the level's action ("go now if…"):
    # shown in full wherever the sign's outcome is, never folded away.
    escalation: str | None = None


@dataclass(frozen=True)
class Catalogue:
    levels: dict[str, Level]
    signs: dict[str, Sign]
    disclaimer_words: dict[str, str]

    def rank(self, level: str) -> int:
        return self.levels[level].rank

    def level_of(self, sign_key: str) -> Level:
        return self.levels[self.signs[sign_key].level]

    def signs_at(self, *levels: str) -> list[Sign]:
        """The signs of these levels, most urgent level first, in catalogue order within a level."""
        return [s for level in levels for s in self.signs.values() if s.level == level]

    def screen_signs(self) -> list[Sign]:
        return self.signs_at(*SCREEN_LEVELS)

    def programme_signs(self) -> list[Sign]:
        """The signs asked before each run of the return-to-running programme, most urgent first."""
        return [s for s in self.ordered() if s.in_programme]

    def ordered(self) -> list[Sign]:
        """Every sign, most urgent level first (for forms and the red-flags page)."""
        return self.signs_at(*sorted(self.levels, key=lambda k: -self.levels[k].rank))


def _schema_error(path: Path, error: jsonschema.ValidationError) -> DataFileError:
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    return DataFileError(f"{path.name}: field '{where}': {error.message}")


def bib_keys() -> frozenset[str]:
    """The citation keys of references.bib (one reader: widgets.clinical.bib_keys)."""
    return clinical_bib_keys()


def parse(raw: object, path: Path) -> Catalogue:
    """Validate a loaded catalogue against the schema and the cross-field rules, with the
    ``{clin:...}`` placeholders filled from clinical.yaml."""
    errors = sorted(jsonschema.Draft7Validator(SCHEMA).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        raise _schema_error(path, errors[0])
    levels = {
        key: Level(key=key, rank=lv["rank"], title=lv["title"], when=lv["when"],
                   action=fill_numbers(" ".join(lv["action"].split()), f"{path.name}: level '{key}'"),
                   icon=lv["icon"], stop_running=lv["stop_running"])
        for key, lv in raw["levels"].items()
    }
    missing_levels = [lv for lv in (*SCREEN_LEVELS, "within_days", "review") if lv not in levels]
    if missing_levels:
        raise DataFileError(f"{path.name}: field 'levels': level '{missing_levels[0]}' is missing")
    ranks = [lv.rank for lv in levels.values()]
    if len(set(ranks)) != len(ranks):
        raise DataFileError(f"{path.name}: field 'levels': two levels share a rank")
    known = bib_keys()
    signs: dict[str, Sign] = {}
    for s in raw["signs"]:
        where = f"{path.name}: sign '{s['key']}'"
        if s["key"] in signs:
            raise DataFileError(f"{where}: the key is used twice")
        if s["level"] not in levels:
            raise DataFileError(f"{where}: field 'level': {s['level']!r} is not one of {', '.join(levels)}")
        unknown = [k for k in s["sources"] if k not in known]
        if unknown:
            raise DataFileError(f"{where}: field 'sources': {unknown[0]!r} is not a key of references.bib")
        if not s["sources"] and "article" not in s and "basis" not in s:
            raise DataFileError(f"{where}: field 'sources': a sign needs a source, the article's words, "
                                "or 'basis: route_up'")
        text = {k: fill_numbers(" ".join(str(s[k]).split()), f"{where}, field '{k}'")
                for k in ("label", "question", "why", "escalation") if k in s}
        if s["level"] in SCREEN_LEVELS and "short" not in s:
            raise DataFileError(f"{where}: field 'short': emergency and same-day signs need a short form "
                                "for the disclaimer")
        signs[s["key"]] = Sign(key=s["key"], level=s["level"], sources=tuple(s["sources"]),
                               article=s.get("article"), basis=s.get("basis"), short=s.get("short"),
                               in_programme=s.get("in_programme", True), **text)
    for level in SCREEN_LEVELS:
        if not any(s.level == level for s in signs.values()):
            raise DataFileError(f"{path.name}: field 'signs': no sign has level '{level}'")
    words = {k: " ".join(v.split()) for k, v in raw["disclaimer"].items()}
    return Catalogue(levels=levels, signs=signs, disclaimer_words=words)


@cache
def load(path: Path = CATALOGUE_FILE) -> Catalogue:
    """The catalogue, validated, with clinical numbers filled in."""
    path = Path(path)
    return parse(load_yaml(path), path)


def disclaimer() -> dict[str, object]:
    """The disclaimer's parts, built from the catalogue so that it lists exactly its emergency and
    same-day signs: ``lead``, ``emergency`` / ``same_day`` (an intro and the sign labels), ``rest``."""
    cat = load()
    words = cat.disclaimer_words
    return {
        "lead": words["lead"],
        "emergency": {"intro": words["emergency"], "signs": [s.short for s in cat.signs_at("emergency")]},
        "same_day": {"intro": words["same_day"], "signs": [s.short for s in cat.signs_at("same_day")]},
        "rest": words["rest"],
    }


def _join(labels: list[str]) -> str:
    return "; ".join(labels[:-1]) + ("; or " if len(labels) > 1 else "") + labels[-1]


def disclaimer_text() -> str:
    """The disclaimer as one paragraph of plain text (tools, notebooks, exports, print)."""
    d = disclaimer()
    return (f"{d['lead']} {d['emergency']['intro']} {_join(d['emergency']['signs'])}. "
            f"{d['same_day']['intro']} {_join(d['same_day']['signs'])}. {d['rest']}")


@dataclass(frozen=True)
class Flag:
    """A sign answered "yes": its level, the level's title, and the message: what the sign can
    mean (``why``), then the sign's own next step (``escalation``, when it has one: it can be more
    urgent than the level's action, so it comes first and a display shows it in bold), then the
    level's action. The parts are kept so that every display can show the escalation unfolded."""

    key: str
    level: str
    title: str
    message: str
    why: str = ""
    escalation: str | None = None
    action: str = ""


def check(**answers: bool) -> list[Flag]:
    """The signs answered True, most urgent first, each with what to do.

    Keywords are sign keys (``swelling=True``, ``locked=True``); a sign not given counts as "no".
    """
    cat = load()
    unknown = sorted(set(answers) - set(cat.signs))
    if unknown:
        raise ValueError(f"unknown sign(s) {', '.join(unknown)}; known: {', '.join(cat.signs)}")
    for key, answer in answers.items():
        if not isinstance(answer, bool):
            raise ValueError(f"{key} must be True or False, got {answer!r}")
    flagged = [s for s in cat.ordered() if answers.get(s.key)]
    return [Flag(s.key, s.level, cat.levels[s.level].title,
                 " ".join(t for t in (s.why, s.escalation, cat.levels[s.level].action) if t),
                 why=s.why, escalation=s.escalation, action=cat.levels[s.level].action)
            for s in flagged]


def stops_running(flags: list[Flag]) -> bool:
    """True when any flag means not running today and seeing a professional first."""
    cat = load()
    return any(cat.levels[f.level].stop_running for f in flags)


def _source_note(sign: Sign) -> str:
    """How a sign is backed, as MyST: citations, the source article, or the route-up rule."""
    parts = []
    if sign.sources:
        parts.append("{cite:p}`" + ",".join(sign.sources) + "`")
    if sign.article:
        parts.append("the source article")
    if sign.basis == "route_up":
        parts.append("the course's rule: what does not fit runner's knee goes to a professional")
    return "; ".join(parts)


# The red-flags page lists the early warning signs too, after the red flags, under a heading that
# does not call them red flags (the reviewer's point: they are not urgent and not signs of harm).
NOT_RED_FLAGS_HEADING = "Not red flags: early warning signs you can act on yourself"
NOT_RED_FLAGS_INTRO = ("These are not red flags and not signs of damage: they are the knee's early "
                       "hint that training load has run ahead of what it can currently take. If "
                       "they do not settle with the steps below, see a physiotherapist.")


def catalogue_markdown() -> str:
    """The whole catalogue as MyST markdown for the red-flags page: one section a level, most
    urgent first, each with what to do and when, and every sign with what it can mean and its
    source. The page types none of it."""
    cat = load()
    out = []
    for level in sorted(cat.levels.values(), key=lambda lv: -lv.rank):
        signs = cat.signs_at(level.key)
        if not signs:
            continue
        if level.key == "warning_sign":
            # Not a red flag: the page's title says "red flags", so this section's heading says
            # plainly that these are not, and that they are for the runner to act on.
            out += [f"## {NOT_RED_FLAGS_HEADING}", "", NOT_RED_FLAGS_INTRO, ""]
        else:
            out += [f"## {level.title}", ""]
        out += [f"**When: {level.when}.** {level.action}", ""]
        for s in signs:
            escalation = f" **{s.escalation}**" if s.escalation else ""
            out.append(f"- **{s.label[0].upper()}{s.label[1:]}.** {s.why}{escalation} ({_source_note(s)})")
        out.append("")
    return "\n".join(out)


def escalation_parts(text: str) -> tuple[str, str]:
    """A sign's escalation split into who it is for ("Growing child who limps…:") and what to do,
    so pages bold only the first part (assets/rk/walkthrough.js splits at the same ": ")."""
    lead, sep, rest = text.partition(": ")
    return (lead + ":", " " + rest) if sep else ("", text)


def summary_markdown() -> str:
    """One bullet a professional level — its title, time frame and, nested under it, one bullet a
    sign — for pages that give the short version (the full list is the red-flags page). Nested
    bullets, not one long sentence: a reader in pain scans for the sign that fits."""
    cat = load()
    out = []
    for level in sorted(cat.levels.values(), key=lambda lv: -lv.rank):
        if level.key == "warning_sign" or not cat.signs_at(level.key):
            continue
        when = "" if level.when.lower() in level.title.lower() else f" ({level.when})"
        out.append(f"- **{level.title}**{when} if:")
        # A sign's own next step (a limping child: emergency department today, weight off the
        # leg) is never left to the level's general action.
        out.extend(f"  - {s.label}" + (f" — {s.escalation}" if s.escalation else "") for s in cat.signs_at(level.key))
    return "\n".join(out)
