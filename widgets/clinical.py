"""The course's clinical numbers, read from ``data/clinical.yaml``, and the evidence register.

One place holds each number from the source article. The book's text shows them through the
``{clin}`` role (see ``_ext/course_site.py``) and the widgets call :func:`get` / :func:`value`,
so the text and the tools show the same number.

Every entry carries an ``evidence`` block: a verdict (``supported``, ``uncertain``,
``contradicted``, ``untested``), the ``references.bib`` keys it rests on and a note in plain
words. The same block (:func:`parse_evidence`) is used by the other data files with clinical
content (the return-to-running protocol, the exercise doses). :func:`register_markdown` writes
the evidence-register page; :func:`evidence_note_markdown` an entry's note for any page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import yaml

DATA_DIR = Path(__file__).parent / "data"
CLINICAL_FILE = DATA_DIR / "clinical.yaml"
# The one bibliography, at the top of the repository; an installed course package (the wheel,
# see setup.py) carries a copy in its data folder.
REFERENCES_FILE = next((p for p in (Path(__file__).resolve().parent.parent / "references.bib",
                                    DATA_DIR / "references.bib") if p.exists()),
                       Path(__file__).resolve().parent.parent / "references.bib")
REGISTER_DOC = "book/evidence-register"

# Units written straight after the number ("25%", "0.5×"); all others get a no-break space.
_UNSPACED_UNITS = ("%", "×", "°")
NBSP = "\u00a0"
EN_DASH = "\u2013"


class DataFileError(ValueError):
    """A course data file is missing, unreadable or does not follow its schema."""


# --- evidence blocks ------------------------------------------------------------------------

VERDICTS = ("supported", "uncertain", "contradicted", "untested")
# How the register and the evidence notes name each verdict, in plain words.
VERDICT_WORDS = {
    "supported": "Supported by research",
    "uncertain": "Uncertain \u2014 the research is limited, mixed or indirect",
    "contradicted": "Research differs from the source article",
    "untested": "Not tested \u2014 the course found no study of it",
}
# Shown after a contradicted number wherever the text uses it ({clin} role), linked to its entry.
CONTRADICTED_MARKER = "the source article\u2019s figure; research differs"

_NOTE = {"type": "string", "minLength": 20}
EVIDENCE_SCHEMA = {
    "type": "object",
    "required": ["verdict"],
    "additionalProperties": False,
    "properties": {
        "verdict": {"enum": list(VERDICTS)},
        "sources": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9]+$"}, "uniqueItems": True},
        "note": _NOTE,
    },
    "allOf": [
        # "untested" says what was searched; every other verdict rests on at least one source.
        {"if": {"properties": {"verdict": {"const": "untested"}}},
         "then": {"required": ["note"]},
         "else": {"required": ["sources", "note"], "properties": {"sources": {"minItems": 1}}}},
    ],
}


@dataclass(frozen=True)
class Evidence:
    verdict: str
    sources: tuple[str, ...]
    note: str

    @property
    def words(self) -> str:
        return VERDICT_WORDS[self.verdict]


@cache
def bib_keys(path: Path = REFERENCES_FILE) -> frozenset[str]:
    """The citation keys of references.bib (every cited source must be one of them)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the bibliography ({exc.strerror})") from None
    return frozenset(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


def check_schema(raw: object, schema: dict, path: Path) -> None:
    """Raise DataFileError naming the file and the field of the most relevant schema error."""
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema).iter_errors(raw))
    if error is not None:
        raise _schema_error(path, "", error)


def _schema_error(path: Path, where: str, error: jsonschema.ValidationError) -> DataFileError:
    field = ".".join([where, *(str(p) for p in error.absolute_path)]).strip(".") or "top level"
    return DataFileError(f"{Path(path).name}: field '{field}': {error.message}")


def parse_evidence(raw: object, path: Path, where: str) -> Evidence:
    """Validate one ``evidence: {verdict, sources, note}`` block; ``where`` is the field's
    dotted path in the file (e.g. "joint_force.running.evidence"), named in every error."""
    if raw is None:
        raise DataFileError(f"{Path(path).name}: field '{where}': missing (every entry needs an evidence "
                            f"block with a verdict: {', '.join(VERDICTS)})")
    errors = sorted(jsonschema.Draft7Validator(EVIDENCE_SCHEMA).iter_errors(raw),
                    key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        error = errors[0]
        if error.validator in ("if", "allOf") and error.context:
            error = error.context[0]
        raise _schema_error(path, where, error)
    sources = tuple(raw.get("sources", ()))
    unknown = [key for key in sources if key not in bib_keys()]
    if unknown:
        raise DataFileError(f"{Path(path).name}: field '{where}.sources': not in references.bib: "
                            f"{', '.join(unknown)}")
    return Evidence(verdict=raw["verdict"], sources=sources, note=" ".join(str(raw["note"]).split()))


# --- clinical numbers ---------------------------------------------------------------------

@dataclass(frozen=True)
class ClinicalNumber:
    key: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    text: str | None
    article: str
    evidence: Evidence
    label: str | None = None

    @property
    def contradicted(self) -> bool:
        return self.evidence.verdict == "contradicted"

    @property
    def anchor(self) -> str:
        """The entry's label on the evidence-register page ("evidence-joint-force--running")."""
        return anchor(self.key)

    def title(self) -> str:
        """A short name for the entry: its label, or its key's name in words."""
        return self.label or self.key.split(".", 1)[1].replace("_", " ").capitalize()

    @property
    def is_range(self) -> bool:
        return self.low is not None

    def number_text(self) -> str:
        """The number as the article writes it, without the unit: "0.5", "3–4", "4+/10"."""
        if self.text is not None:
            return self.text
        if self.is_range:
            return f"{_fmt(self.low)}{EN_DASH}{_fmt(self.high)}"
        return _fmt(self.value)

    def display(self) -> str:
        """Number and unit for running text: "3–4 × body weight", "25%", "30 minutes"."""
        number = self.number_text()
        if not self.unit or (self.text is not None and self.unit in self.text):
            return number
        if self.unit.startswith("/"):  # a score on a scale: "4/10"
            return f"{number}{self.unit}"
        if self.unit.startswith(_UNSPACED_UNITS):
            joiner = "" if len(self.unit) == 1 else NBSP
            return f"{number}{joiner}{self.unit}"
        return f"{number}{NBSP}{self.unit}"


def _fmt(number: float) -> str:
    return f"{number:g}"


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML loader that refuses a key given twice in one mapping: plain YAML keeps the last one
    silently, which would drop a whole section of clinical numbers without a word."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # "<<: *anchor" keys may be overridden by the mapping's own keys
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path) -> object:
    """Read a course YAML data file, turning any failure into a message that names the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file is missing") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read data file ({exc.strerror})") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None


def anchor(key: str) -> str:
    """The label of a clinical number's entry on the evidence-register page."""
    return "evidence-" + key.replace("_", "-").replace(".", "--")


_ENTRY_KEYS = {"value", "range", "text", "unit", "article", "evidence", "label"}


def _parse_entry(key: str, raw: object, path: Path) -> ClinicalNumber:
    if not isinstance(raw, dict) or "article" not in raw:
        raise DataFileError(f"{path}: entry {key!r} needs an 'article' quote and a value, range or text")
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise DataFileError(f"{Path(path).name}: field '{key}.{unknown[0]}': unknown field "
                            f"(allowed: {', '.join(sorted(_ENTRY_KEYS))})")
    value = raw.get("value")
    rng = raw.get("range")
    text = raw.get("text")
    if value is None and rng is None and text is None:
        raise DataFileError(f"{path}: entry {key!r} has no 'value', 'range' or 'text'")
    low = high = None
    if rng is not None:
        if not (isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, (int, float)) for v in rng)):
            raise DataFileError(f"{path}: entry {key!r}: 'range' must be two numbers [low, high]")
        low, high = float(rng[0]), float(rng[1])
        if low >= high:
            raise DataFileError(f"{path}: entry {key!r}: range low {low:g} is not below high {high:g}")
    if value is not None and not isinstance(value, (int, float)):
        raise DataFileError(f"{path}: entry {key!r}: 'value' must be a number, got {value!r}")
    evidence = parse_evidence(raw.get("evidence"), path, f"{key}.evidence")
    return ClinicalNumber(
        key=key,
        value=None if value is None else float(value),
        low=low,
        high=high,
        unit=str(raw.get("unit", "")),
        text=None if text is None else str(text),
        article=str(raw["article"]),
        evidence=evidence,
        label=None if raw.get("label") is None else str(raw["label"]),
    )


@cache
def load(path: Path = CLINICAL_FILE) -> dict[str, ClinicalNumber]:
    """All entries of a clinical-numbers file, keyed "section.name"."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected sections of named entries at the top level")
    entries: dict[str, ClinicalNumber] = {}
    for section, items in data.items():
        if not isinstance(items, dict):
            raise DataFileError(f"{path}: section {section!r} must map names to entries")
        for name, raw in items.items():
            key = f"{section}.{name}"
            entries[key] = _parse_entry(key, raw, path)
    return entries


def get(key: str) -> ClinicalNumber:
    """The clinical number called ``key`` ("section.name"); ValueError names close keys if absent."""
    entries = load()
    try:
        return entries[key]
    except KeyError:
        section = key.split(".")[0]
        near = sorted(k for k in entries if k.startswith(section + "."))
        hint = f" Known in {section!r}: {', '.join(near)}." if near else ""
        raise KeyError(f"No clinical number {key!r} in {CLINICAL_FILE.name}.{hint}") from None


def value(key: str) -> float:
    """The single numeric value of an entry (for ranges use :func:`bounds`)."""
    entry = get(key)
    if entry.value is None:
        raise ValueError(f"{key} is a range or text entry; use bounds() or get().display()")
    return entry.value


def bounds(key: str) -> tuple[float, float]:
    """(low, high) of a range entry."""
    entry = get(key)
    if not entry.is_range:
        raise ValueError(f"{key} is not a range entry")
    return entry.low, entry.high


_PLACEHOLDER = re.compile(r"\{(clin|clinnum|rule):([\w.]+)\}")


def fill_numbers(text: str, where: str, error: type[Exception] = DataFileError) -> str:
    """Replace ``{clin:key}`` (number and unit) and ``{clinnum:key}`` (number only) in a data
    file's text with the clinical number, and ``{rule:name}`` with a pain rule's words
    (:func:`widgets.return_to_run.pain_rule`), so no data file retypes one; a number whose verdict
    is ``contradicted`` is followed by :data:`CONTRADICTED_MARKER`. An unknown key raises
    ``error`` naming ``where`` (file, node, field)."""

    def replace(match: re.Match) -> str:
        kind, key = match.groups()
        if kind == "rule":  # one of the course's pain rules in words (widgets.return_to_run.pain_rules)
            from widgets.return_to_run.pain_rules import pain_rule  # imported here: it reads clinical

            try:
                return pain_rule(key)
            except KeyError as exc:
                raise error(f"{where}: {exc.args[0]}") from None
        try:
            entry = get(key)
        except KeyError as exc:
            raise error(f"{where}: {exc.args[0]}") from None
        shown = entry.display() if kind == "clin" else entry.number_text()
        # As on the pages: a number research contradicts always says so.
        return f"{shown} ({CONTRADICTED_MARKER})" if entry.contradicted else shown

    return _PLACEHOLDER.sub(replace, text)


# --- the evidence register, as MyST markdown -------------------------------------------------

# Section headings of the register page, in the order of clinical.yaml (others: the key in words).
SECTION_TITLES = {
    "prevalence": "How common it is",
    "joint_force": "Forces on the kneecap joint",
    "cartilage": "Cartilage",
    "symptoms": "Symptoms",
    "self_tests": "Self-tests",
    "red_flags": "When to get help",
    "pain_rules": "Pain limits",
    "load_modification": "Load modification",
    "taping": "Taping",
    "footwear": "Footwear",
    "shoes": "Shoe wear",
    "rehabilitation": "Rehabilitation programme",
    "cadence": "Cadence",
    "return_to_run": "Return to running: criteria and rules",
    "training_load": "Training load",
    "warning_signs": "Early warning signs",
    "recurrence": "Recurrence",
    "nutrition": "Nutrition",
    "prevention": "Prevention",
    "faq": "Recovery times (FAQ)",
    "outcomes": "Outcomes",
    "who_gets_it": "Who gets it",
    "psychology": "Milestones",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|#])")


def _md_escape(text: str) -> str:
    """Plain text (an article quote) as literal MyST: no emphasis, roles or tables."""
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class EvidenceItem:
    """A rule or dose of another data file, as the register lists it."""

    title: str
    anchor: str
    shown: str
    evidence: Evidence
    # Whose figures ``shown`` holds, as the register heads them: the article's (protocol, most
    # exercise doses) or the course's own choice (the progressive programme's stages and rule).
    whose: str = "the source article's figures"


def citation_markdown(sources: tuple[str, ...]) -> str:
    return "{cite:p}`" + ",".join(sources) + "`" if sources else ""


def evidence_block_markdown(evidence: Evidence) -> list[str]:
    """Definition-list lines: the verdict, the note with its citations."""
    note = evidence.note
    if evidence.sources:
        note = f"{note} {citation_markdown(evidence.sources)}"
    return ["Verdict", f": **{evidence.words}**", "", "What the research says", f": {note}"]


def evidence_note_markdown(key: str, title: str = "Evidence note") -> str:
    """An entry's note as an "Evidence note" admonition with its citations (``{evidence}``
    directive), so a page shows the register's note instead of typing its own."""
    entry = get(key)
    note = entry.evidence.note
    if entry.evidence.sources:
        note = f"{note} {citation_markdown(entry.evidence.sources)}"
    return "\n".join([
        f"::::{{admonition}} {title}",
        ":class: note rk-evidence-note",
        note,
        "",
        f"Verdict in the {{ref}}`evidence register <{entry.anchor}>`: {entry.evidence.words}.",
        "::::",
    ])


def verdict_counts(entries: dict[str, ClinicalNumber] | None = None) -> dict[str, int]:
    entries = load() if entries is None else entries
    return {verdict: sum(e.evidence.verdict == verdict for e in entries.values()) for verdict in VERDICTS}


def register_markdown() -> str:
    """The evidence-register page's body: every clinical number by section, with the number as
    the course shows it, the article's words, the verdict, the note and the citations; then the
    protocol and the exercise doses (``{generated}`` directive on book/evidence-register.md)."""
    from widgets import outcomes, progression, rehab, return_to_run  # they import this module

    entries = load()
    counts = verdict_counts(entries)
    lines = ["| Verdict | Numbers |", "|---|---:|"]
    lines += [f"| {VERDICT_WORDS[v]} | {counts[v]} |" for v in VERDICTS]
    lines.append(f"| **All** | **{len(entries)}** |")
    sections: dict[str, list[ClinicalNumber]] = {}
    for entry in entries.values():
        sections.setdefault(entry.key.split(".", 1)[0], []).append(entry)
    for section, items in sections.items():
        lines += ["", f"## {SECTION_TITLES.get(section, section.replace('_', ' ').capitalize())}"]
        for entry in items:
            lines += [
                "",
                f"({entry.anchor})=",
                f"### {_md_escape(entry.title())}: {_md_escape(entry.display())}",
                "",
                "The source article says",
                f": \u201c{_md_escape(entry.article)}\u201d",
                "",
                *evidence_block_markdown(entry.evidence),
            ]
    lines += ["", "## The return-to-running protocol and the exercise doses", ""]
    for item in (*return_to_run.evidence_items(), *rehab.evidence_items(), *progression.evidence_items()):
        lines += [
            f"({item.anchor})=",
            f"### {_md_escape(item.title)}",
            "",
            f"The course shows ({item.whose})",
            f": {_md_escape(item.shown)}",
            "",
            *evidence_block_markdown(item.evidence),
            "",
        ]
    lines += ["## Outcome measures: meaningful change and \u201cno improvement\u201d", ""]
    for item in outcomes.evidence_items():
        lines += [
            f"({item.anchor})=",
            f"### {_md_escape(item.title)}",
            "",
            "The course uses",
            f": {_md_escape(item.shown)}",
            "",
            *evidence_block_markdown(item.evidence),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
