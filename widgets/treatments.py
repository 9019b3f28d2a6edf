"""The guideline at a glance (``data/treatments.yaml``): one row a treatment with what current
evidence says, the strength of recommendation (a guideline's letter grade with its quote, or an
explicit "no letter grade" naming the source the row rests on), what the 2019 JOSPT guideline and
the 2018 consensus update each say (and whether they differ), and the sources. Rendered as one
table on the treatment chapter's guideline page; every row has a stable anchor
(``treatment-<id>``) that the pages discussing the treatment link to. Pure data and text: no
widgets, no HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from widgets.clinical import DATA_DIR, DataFileError, check_schema, load_yaml
from widgets.red_flags import bib_keys

TREATMENTS_FILE = DATA_DIR / "treatments.yaml"
PAGE = "book/treatment/guideline-at-a-glance"
VERDICTS = {
    "recommended": "Recommended",
    "short_term": "May help in the short term",
    "uncertain": "Uncertain",
    "not_recommended": "Not recommended",
}
LETTERS = ("A", "B", "C", "D", "E", "F")
# What the 2019 JOSPT guideline recommends (as far as the course has read it) and how the 2018
# consensus update rates a treatment, in the words the table shows.
JOSPT_POSITIONS = {
    "recommended": "Recommended",
    "uncertain": "Uncertain",
    "not_recommended": "Not recommended",
    "not_read": "Not read yet",
}
CONSENSUS_POSITIONS = {
    "appropriate": "Appropriate",
    "uncertain": "Uncertain",
    "not_recommended": "Not recommended",
    "no_statement": "No statement",
}
# The consensus rating that says the same as each guideline position (None: nothing to compare).
_SAME = {"recommended": "appropriate", "uncertain": "uncertain", "not_recommended": "not_recommended",
         "not_read": None}
JOSPT_KEY, CONSENSUS_KEY = "willy2019cpg", "collins2018consensus"
# How the table names the guideline line: as the 2021 review of guidelines reports it (every row
# the course has a position for), or the 2019 guideline itself (only once its sentence is read).
GUIDELINES_VIA_REVIEW_LABEL = "Clinical guidelines, as a 2021 review of guidelines reports them"
GUIDELINE_LABEL = "2019 JOSPT guideline"
_TEXT = {"type": "string", "minLength": 1}
_DOC = {"type": "string", "pattern": "^book/[a-z0-9/_-]+$"}
_GRADE = {
    "type": "object", "additionalProperties": False, "required": ["letter", "source"],
    "properties": {"letter": {"enum": [*LETTERS, None]}, "source": _TEXT, "quote": _TEXT, "no_grade": _TEXT},
    # A letter needs the guideline's own sentence; no letter needs the reason.
    "oneOf": [
        {"properties": {"letter": {"enum": list(LETTERS)}}, "required": ["quote"], "not": {"required": ["no_grade"]}},
        {"properties": {"letter": {"const": None}}, "required": ["no_grade"], "not": {"required": ["quote"]}},
    ],
}
_JOSPT = {
    "type": "object", "additionalProperties": False, "required": ["position", "says"],
    "properties": {"position": {"enum": list(JOSPT_POSITIONS)}, "says": _TEXT, "via": _TEXT},
    # A position the course has read names where it read it; 'not_read' has no source.
    "if": {"properties": {"position": {"const": "not_read"}}},
    "then": {"not": {"required": ["via"]}},
}
_CONSENSUS = {
    "type": "object", "additionalProperties": False, "required": ["position", "says"],
    "properties": {"position": {"enum": list(CONSENSUS_POSITIONS)}, "says": _TEXT},
}
SCHEMA = {
    "type": "object", "required": ["treatments"], "additionalProperties": False,
    "properties": {"treatments": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "name", "verdict", "evidence", "grade", "jospt", "consensus", "sources", "page",
                     "discussed_on", "heading"],
        "properties": {"id": {"type": "string", "pattern": "^[a-z_]+$"}, "name": _TEXT,
                       "verdict": {"enum": list(VERDICTS)}, "evidence": _TEXT, "grade": _GRADE,
                       "jospt": _JOSPT, "consensus": _CONSENSUS,
                       "sources": {"type": "array", "minItems": 1, "items": _TEXT},
                       "page": {"oneOf": [_DOC, {"type": "null"}]},
                       "discussed_on": {"type": "array", "items": _DOC},
                       "heading": _TEXT,
                       # What the course advises, in one place for every page that mentions it.
                       "advice": {"type": "object", "additionalProperties": False, "required": ["text", "short"],
                                  "properties": {"text": _TEXT, "short": _TEXT}}}}}},
}


@dataclass(frozen=True)
class Grade:
    letter: str | None
    source: str
    quote: str | None = None
    no_grade: str | None = None

    def text(self) -> str:
        """The strength of recommendation in words, for the table."""
        if self.letter:
            return f"grade {self.letter} — “{self.quote}”"
        return f"no letter grade — {self.no_grade}"


@dataclass(frozen=True)
class View:
    """What one source says about a treatment: its position key and plain words; ``via`` is the
    source the course read it in, when that is not the source itself."""

    position: str
    says: str
    via: str | None = None


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    verdict: str
    evidence: str
    grade: Grade
    jospt: View
    consensus: View
    sources: tuple[str, ...]
    page: str | None
    discussed_on: tuple[str, ...]
    heading: re.Pattern
    advice: str | None = None  # MyST: what the course advises (e.g. on anti-inflammatory medicines)
    advice_short: str | None = None  # the same in one line, for key points

    @property
    def anchor(self) -> str:
        """The row's stable anchor on the guideline page (an HTML id and a Sphinx label)."""
        return "treatment-" + self.id.replace("_", "-")

    @property
    def views_differ(self) -> bool:
        """True when the guideline and the consensus both take a position and the positions are
        not the same (e.g. braces: 'not recommended' against 'uncertain')."""
        same = _SAME[self.jospt.position]
        return same is not None and self.consensus.position != "no_statement" and self.consensus.position != same

    def views_markdown(self) -> str:
        """The two lines the table shows: the 2019 JOSPT guideline's position and the 2018
        consensus update's, each cited, and a note when they differ."""
        j, c = self.jospt, self.consensus
        # A position read in the review of guidelines cites that review only, and says so: the
        # course has not read the 2019 guideline's graded sentences on treatment, so it does not
        # cite the guideline for them. Only a position read in the guideline itself cites it.
        key = j.via or JOSPT_KEY
        j_cite = "" if j.position == "not_read" else " {cite:p}`" + key + "`"
        label = GUIDELINES_VIA_REVIEW_LABEL if j.via else GUIDELINE_LABEL
        c_cite = " {cite:p}`" + CONSENSUS_KEY + "`"
        lines = [f"*{label}:* {JOSPT_POSITIONS[j.position]}. {j.says}{j_cite}",
                 f"*2018 consensus:* {CONSENSUS_POSITIONS[c.position]}. {c.says}{c_cite}"]
        if self.views_differ:
            lines.append("*The two differ here;* the course's verdict weighs both and the evidence above.")
        return "\n\n".join(lines)


def _text(value: str) -> str:
    return " ".join(value.split())


@cache
def load(path: Path = TREATMENTS_FILE) -> tuple[Treatment, ...]:
    path = Path(path)
    raw = load_yaml(path)
    check_schema(raw, SCHEMA, path)
    known = bib_keys()
    rows = []
    for t in raw["treatments"]:
        used = [*t["sources"], t["grade"]["source"], *([t["jospt"]["via"]] if "via" in t["jospt"] else [])]
        unknown = [k for k in used if k not in known]
        if unknown:
            raise DataFileError(f"{path.name}: treatment '{t['id']}': source {unknown[0]!r} is not in references.bib")
        try:
            heading = re.compile(t["heading"], re.I)
        except re.error as exc:
            raise DataFileError(f"{path.name}: treatment '{t['id']}': heading is not a valid pattern: {exc}") from None
        g = t["grade"]
        grade = Grade(g["letter"], g["source"], _text(g["quote"]) if "quote" in g else None,
                      _text(g["no_grade"]) if "no_grade" in g else None)
        jospt = View(t["jospt"]["position"], _text(t["jospt"]["says"]), t["jospt"].get("via"))
        consensus = View(t["consensus"]["position"], _text(t["consensus"]["says"]))
        rows.append(Treatment(t["id"], t["name"], t["verdict"], _text(t["evidence"]), grade, jospt, consensus,
                              tuple(t["sources"]), t["page"], tuple(t["discussed_on"]), heading,
                              _text(t["advice"]["text"]) if "advice" in t else None,
                              _text(t["advice"]["short"]) if "advice" in t else None))
    if len({r.id for r in rows}) != len(rows):
        raise DataFileError(f"{path.name}: a treatment id is used twice")
    return tuple(rows)


def by_id(treatment_id: str) -> Treatment:
    for row in load():
        if row.id == treatment_id:
            return row
    raise ValueError(f"no treatment {treatment_id!r}; known: {', '.join(r.id for r in load())}")


def advice_markdown(treatment_id: str, form: str = "text") -> str:
    """The course's advice on a treatment (``{generated} widgets.treatments:advice_markdown
    medication``; ``short`` for the one-line form), so every page says it in the same words."""
    t = by_id(treatment_id)
    if t.advice is None:
        raise ValueError(f"treatment {treatment_id!r} has no advice in treatments.yaml")
    if form not in ("text", "short"):
        raise ValueError(f"form must be 'text' or 'short', got {form!r}")
    return t.advice if form == "text" else t.advice_short


def table_markdown() -> str:
    """One MyST list-table, most supported first: the treatment (with its anchor, linked to the
    course page about it), then the course's verdict with what the evidence says, what the 2019
    JOSPT guideline and the 2018 consensus update each say (and whether they differ), and the
    strength of recommendation, citations inline. Two columns, so it fits a phone without sideways scrolling."""
    order = list(VERDICTS)
    lines = ["::::{list-table}", ":header-rows: 1", ":class: rk-guideline-table", "",
             "* - Treatment", "  - What the evidence says"]
    for t in sorted(load(), key=lambda t: order.index(t.verdict)):
        name = f"{{doc}}`{t.name} </{t.page}>`" if t.page else t.name
        cite = "{cite:p}`" + ",".join(t.sources) + "`"
        lines += [f"* - ({t.anchor})=", "", f"    {name}",
                  f"  - **{VERDICTS[t.verdict]}.** {t.evidence} {cite}", ""]
        lines += ["    " + line if line else "" for line in t.views_markdown().split("\n")]
        lines += ["",
                  f"    *Strength of recommendation:* {t.grade.text()} {{cite:p}}`{t.grade.source}`"]
    lines.append("::::")
    return "\n".join(lines)
