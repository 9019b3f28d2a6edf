"""The course's clinical numbers, read from ``data/clinical.yaml``.

One place holds each number from the source article. The book's text shows them through the
``{clin}`` role (see ``_ext/course_site.py``) and the widgets call :func:`get` / :func:`value`,
so the text and the tools can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
CLINICAL_FILE = DATA_DIR / "clinical.yaml"

# Units written straight after the number ("25%", "0.5×"); all others get a no-break space.
_UNSPACED_UNITS = ("%", "×", "°")
NBSP = "\u00a0"
EN_DASH = "\u2013"


class DataFileError(ValueError):
    """A course data file is missing, unreadable or does not follow its schema."""


@dataclass(frozen=True)
class ClinicalNumber:
    key: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    text: str | None
    article: str

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


def _parse_entry(key: str, raw: object, path: Path) -> ClinicalNumber:
    if not isinstance(raw, dict) or "article" not in raw:
        raise DataFileError(f"{path}: entry {key!r} needs an 'article' quote and a value, range or text")
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
    return ClinicalNumber(
        key=key,
        value=None if value is None else float(value),
        low=low,
        high=high,
        unit=str(raw.get("unit", "")),
        text=None if text is None else str(text),
        article=str(raw["article"]),
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


_PLACEHOLDER = re.compile(r"\{(clin|clinnum):([\w.]+)\}")


def fill_numbers(text: str, where: str, error: type[Exception] = DataFileError) -> str:
    """Replace ``{clin:key}`` (number and unit) and ``{clinnum:key}`` (number only) in a data
    file's text with the clinical number, so no data file retypes one; an unknown key raises
    ``error`` naming ``where`` (file, node, field)."""

    def replace(match: re.Match) -> str:
        kind, key = match.groups()
        try:
            entry = get(key)
        except KeyError as exc:
            raise error(f"{where}: {exc.args[0]}") from None
        return entry.display() if kind == "clin" else entry.number_text()

    return _PLACEHOLDER.sub(replace, text)
