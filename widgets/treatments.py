"""The guideline at a glance (``data/treatments.yaml``): one row a treatment with what current
evidence says, how the sources grade it, and the sources. Rendered as one table on the
treatment chapter's guideline page; pages link to it. Pure data and text: no widgets, no HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets.clinical import DATA_DIR, DataFileError, check_schema, load_yaml
from widgets.red_flags import bib_keys

TREATMENTS_FILE = DATA_DIR / "treatments.yaml"
VERDICTS = {
    "recommended": "Recommended",
    "short_term": "May help in the short term",
    "uncertain": "Uncertain",
    "not_recommended": "Not recommended",
}
_TEXT = {"type": "string", "minLength": 1}
SCHEMA = {
    "type": "object", "required": ["treatments"], "additionalProperties": False,
    "properties": {"treatments": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "name", "verdict", "grade", "sources", "page"],
        "properties": {"id": {"type": "string", "pattern": "^[a-z_]+$"}, "name": _TEXT,
                       "verdict": {"enum": list(VERDICTS)}, "grade": _TEXT,
                       "sources": {"type": "array", "minItems": 1, "items": _TEXT},
                       "page": {"type": ["string", "null"]}}}}},
}


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    verdict: str
    grade: str
    sources: tuple[str, ...]
    page: str | None


@cache
def load(path: Path = TREATMENTS_FILE) -> tuple[Treatment, ...]:
    path = Path(path)
    raw = load_yaml(path)
    check_schema(raw, SCHEMA, path)
    known = bib_keys()
    rows = []
    for t in raw["treatments"]:
        unknown = [k for k in t["sources"] if k not in known]
        if unknown:
            raise DataFileError(f"{path.name}: treatment '{t['id']}': source {unknown[0]!r} is not in references.bib")
        rows.append(Treatment(t["id"], t["name"], t["verdict"], " ".join(t["grade"].split()), tuple(t["sources"]),
                              t["page"]))
    if len({r.id for r in rows}) != len(rows):
        raise DataFileError(f"{path.name}: a treatment id is used twice")
    return tuple(rows)


def table_markdown() -> str:
    """One MyST table, most supported first: the treatment (linked to the course page about it),
    then what the evidence says and how the sources put it, citations inline. Two columns, so it
    fits a phone without sideways scrolling."""
    order = list(VERDICTS)
    lines = ["| Treatment | What the evidence says |", "|---|---|"]
    for t in sorted(load(), key=lambda t: order.index(t.verdict)):
        name = f"{{doc}}`{t.name} </{t.page}>`" if t.page else t.name
        cite = "{cite:p}`" + ",".join(t.sources) + "`"
        lines.append(f"| {name} | **{VERDICTS[t.verdict]}.** {t.grade} {cite} |")
    return "\n".join(lines)
