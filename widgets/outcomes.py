"""Outcome measures: a knee questionnaire and a 0–10 pain rating recorded over time, with the
change since the first and the previous entry judged against the minimal important difference
(MID), and the course's definition of "no improvement".

Measures (``data/outcome_measures.yaml``, each with its range, direction, MID and sources):

- ``akps``: the Anterior Knee Pain Scale total, 0–100 whole points, higher is better, MID 10
  (Crossley et al. 2004);
- ``koos_pf``: the KOOS patellofemoral subscale score, 0–100 to one decimal, higher is better,
  MID 16.4 (Crossley et al. 2018);
- ``pain``: the worst knee pain in the past week, 0–10 to one decimal, lower is better, MID 2
  (Crossley et al. 2004: 2 cm of a 10 cm line; Piva et al. 2009: 1.16 points on a 0–10 scale).

Neither questionnaire's items may be reprinted by an open course (the data file says why), so
an entry holds the *total* of the official form, range-checked, not item answers.

Change: ``later - earlier``, rounded to the measure's decimals (halves up, as
:func:`widgets.wording.round_half_up`). Its *improvement* is the change in the better direction
(the change itself for the questionnaires, minus it for pain). A change is meaningful when the
improvement is at least the MID (``>=``: a change of exactly the MID counts), a meaningful
worsening when it is at most minus the MID, otherwise "no meaningful change".

"No improvement" (:func:`progress`), judged from the first entry to the latest, on every
measure that has both:

- ``worse``: any measure meaningfully worse (checked first: a reason for a routine review);
- ``improved``: any measure meaningfully better;
- ``no_meaningful_change``: neither, and the latest entry is at least ``meaningful_after`` weeks
  (the shorter end of ``rehabilitation.programme_weeks``, 6) after the first;
- ``not_improving``: no measure better at all, at least ``review_after`` weeks
  (``red_flags.no_response_weeks``, 2) after the first: the course's existing rule;
- ``early_days``: anything else; ``baseline``: nothing to compare yet; ``empty``: no entries.

:func:`no_improvement` is true for ``not_improving`` and ``no_meaningful_change``. Research is
silent on the timing (the data file's ``no_improvement.evidence`` says so).

The CSV file (what the page exports and imports, RFC 4180, UTF-8)::

    date,akps,koos_pf,worst_pain
    2027-01-04,62,,6
    2027-01-18,70,54.5,4

Pure: no files, no plotting. The page's script (``assets/rk/outcomes.js``) ports these rules
and fills :data:`MESSAGES`; ``tests/static/test_outcomes.py`` checks it against this module.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from widgets import clinical
from widgets.checks import real_number, short_repr
from widgets.clinical import DataFileError, Evidence, check_schema, load_yaml, parse_evidence
from widgets.dated_csv import read_dated_rows
from widgets.wording import number_text, round_half_up

DATA_FILE = Path(__file__).resolve().parent / "data" / "outcome_measures.yaml"
MEASURE_KEYS = ("akps", "koos_pf", "pain")
STATUSES = ("empty", "baseline", "worse", "improved", "no_meaningful_change", "not_improving", "early_days")
VERDICTS = ("improved", "worse", "no_change")
STORAGE_KEY = "rk-outcomes.v1"  # the browser's storage key, shared by the tool and the planner
FILE_NAME = "knee-outcomes.csv"

_MEASURE_SCHEMA = {
    "type": "object",
    "required": ["name", "short", "column", "low", "high", "decimals", "better", "mid", "reproduce", "licence",
                 "form", "form_url", "licence_sources", "evidence"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "short": {"type": "string"},
        "column": {"type": "string", "pattern": "^[a-z_]+$"},
        "low": {"type": "number"}, "high": {"type": "number"},
        "decimals": {"type": "integer", "minimum": 0, "maximum": 2},
        "better": {"enum": ["higher", "lower"]},
        "mid": {"type": "number", "exclusiveMinimum": 0},
        "reproduce": {"type": "boolean"}, "licence": {"type": "string"}, "form": {"type": "string"},
        "form_url": {"type": ["string", "null"]}, "evidence": {"type": "object"},
        "licence_sources": {"type": "array", "items": {"type": "string"}},
    },
}
_SCHEMA = {
    "type": "object",
    "required": ["measures", "no_improvement"],
    "additionalProperties": False,
    "properties": {
        "measures": {"type": "object", "required": list(MEASURE_KEYS), "additionalProperties": False,
                     "properties": {key: _MEASURE_SCHEMA for key in MEASURE_KEYS}},
        "no_improvement": {"type": "object", "required": ["review_after", "meaningful_after", "evidence"],
                           "additionalProperties": False,
                           "properties": {"review_after": {"type": "string"}, "meaningful_after": {"type": "string"},
                                          "evidence": {"type": "object"}}},
    },
}

# The words the tool shows, on the site (assets/rk/outcomes.js fills the same {placeholders})
# and in JupyterLab.
MESSAGES = {
    "empty": "Nothing recorded yet. Enter today's scores: they are your starting point.",
    "baseline": "This is your starting point. Record the same measures again in 1–2 weeks; each later "
                "entry is compared with this one.",
    "worse": "Worse by a meaningful amount since your first entry: {changes}. Pain that goes up is not a sign "
             "of damage, but it is a reason to have your plan checked by a physiotherapist (a routine "
             "appointment), and to look through the warning signs.",
    "improved": "Meaningful improvement since your first entry: {changes}. That is at least the smallest "
                "change that people with knee pain notice as important. Keep going.",
    "no_meaningful_change": "No meaningful change after {weeks} weeks: {changes}, less than the smallest "
                            "change that matters ({mids}). Book a routine appointment with a "
                            "physiotherapist to check the diagnosis and the plan. It is not an urgent sign.",
    "not_improving": "No improvement at all after {weeks} weeks: none of your measures is better than at the "
                     "start ({changes}). As the course advises, book a routine appointment with a "
                     "physiotherapist to check the diagnosis and the plan. It is not an urgent sign; keep "
                     "doing what you can do comfortably.",
    "early_days": "Some change, not yet a meaningful one: {changes} (meaningful: {mids}). That is common in "
                  "the first weeks of a programme; keep going and record again in 1–2 weeks.",
    "verdict_improved": "better",
    "verdict_worse": "worse",
    "verdict_no_change": "no meaningful change",
}


class OutcomesFileError(DataFileError):
    """An outcomes CSV that cannot be read; the message names the source, the line and the problem."""


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    short: str
    column: str
    low: float
    high: float
    decimals: int
    better: str
    mid: float
    reproduce: bool
    licence: str
    form: str
    form_url: str | None
    licence_sources: tuple[str, ...]
    evidence: Evidence

    def allowed(self) -> str:
        kind = "a whole number" if self.decimals == 0 else f"a number with at most {self.decimals} decimal place"
        return f"{kind} from {number_text(self.low)} to {number_text(self.high)}"


@functools.cache
def load(path: Path = DATA_FILE) -> tuple[dict[str, Measure], dict[str, object]]:
    """The measures and the "no improvement" rule from the data file, checked (DataFileError
    naming the file and field otherwise)."""
    raw = load_yaml(path)
    check_schema(raw, _SCHEMA, path)
    measures = {}
    for key in MEASURE_KEYS:
        m = raw["measures"][key]
        if not m["low"] < m["high"]:
            raise DataFileError(f"{Path(path).name}: field 'measures.{key}': low must be below high")
        evidence = parse_evidence(m["evidence"], path, f"measures.{key}.evidence")
        unknown = [s for s in m["licence_sources"] if s not in clinical.bib_keys()]
        if unknown:
            raise DataFileError(f"{Path(path).name}: field 'measures.{key}.licence_sources': not in references.bib: "
                                f"{', '.join(unknown)}")
        measures[key] = Measure(key=key, name=m["name"], short=m["short"], column=m["column"], low=float(m["low"]),
                                high=float(m["high"]), decimals=m["decimals"], better=m["better"],
                                mid=float(m["mid"]), reproduce=m["reproduce"], licence=" ".join(m["licence"].split()),
                                form=" ".join(m["form"].split()), form_url=m["form_url"],
                                licence_sources=tuple(m["licence_sources"]), evidence=evidence)
    rule = raw["no_improvement"]
    review_after = clinical.value(rule["review_after"])
    meaningful_after, _ = clinical.bounds(rule["meaningful_after"])
    if not 0 < review_after <= meaningful_after:
        raise DataFileError(f"{Path(path).name}: field 'no_improvement': review_after must be at most meaningful_after")
    rules = {"review_after_weeks": int(review_after), "meaningful_after_weeks": int(meaningful_after),
             "review_after_key": rule["review_after"], "meaningful_after_key": rule["meaningful_after"],
             "evidence": parse_evidence(rule["evidence"], path, "no_improvement.evidence")}
    return measures, rules


def measures() -> dict[str, Measure]:
    return load()[0]


def rules() -> dict[str, object]:
    return load()[1]


HEADER = ("date", *(measures()[key].column for key in MEASURE_KEYS))


# --- checking -------------------------------------------------------------------------------------


def _measure(key: object) -> Measure:
    if not isinstance(key, str) or key not in MEASURE_KEYS:
        raise ValueError(f"measure must be one of {', '.join(MEASURE_KEYS)}, got {short_repr(key)}")
    return measures()[key]


def check_score(measure: str, value: object) -> float:
    """``value`` as a float if it is a real number in the measure's range with at most its
    decimals; ValueError naming the measure and what is allowed otherwise."""
    m = _measure(measure)
    number = real_number(value, measure, m.low, m.high, allowed=m.allowed())
    if round_half_up(number, m.decimals) != number:
        raise ValueError(f"{measure} must be {m.allowed()}, got {short_repr(value)}")
    return number


def check_date(value: object, name: str = "date") -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValueError(f"{name} must be a date (datetime.date, e.g. date(2027, 1, 4)), got {short_repr(value)}")
    return value


@dataclass(frozen=True)
class Result:
    """One day's scores; any measure may be missing (None), but not all of them."""

    date: datetime.date
    akps: float | None = None
    koos_pf: float | None = None
    pain: float | None = None

    def __post_init__(self) -> None:
        check_date(self.date)
        present = 0
        for key in MEASURE_KEYS:
            value = getattr(self, key)
            if value is not None:
                object.__setattr__(self, key, check_score(key, value))
                present += 1
        if not present:
            raise ValueError(f"a result needs at least one score ({', '.join(MEASURE_KEYS)}); all are missing")

    def score(self, measure: str) -> float | None:
        return getattr(self, _measure(measure).key)


def check_results(results: object) -> list[Result]:
    """The results in date order; ValueError for anything but Results or for two on one day."""
    if isinstance(results, (str, bytes, dict)) or not hasattr(results, "__iter__"):
        raise ValueError(f"results must be a list of Result, got {short_repr(results)}")
    items = list(results)
    seen: dict[datetime.date, int] = {}
    for i, r in enumerate(items, start=1):
        if not isinstance(r, Result):
            raise ValueError(f"results: item {i} is a {type(r).__name__}, not a Result")
        if r.date in seen:
            raise ValueError(f"results: items {seen[r.date]} and {i} are both for {r.date.isoformat()}; "
                             "one entry a day")
        seen[r.date] = i
    return sorted(items, key=lambda r: r.date)


# --- change and its meaning -------------------------------------------------------------------


def improvement(measure: str, earlier: object, later: object) -> float:
    """The change from ``earlier`` to ``later`` in the better direction, rounded to the
    measure's decimals: positive is better (a questionnaire up, pain down)."""
    m = _measure(measure)
    a, b = check_score(measure, earlier), check_score(measure, later)
    change = round_half_up(b - a, m.decimals)
    return change if m.better == "higher" else (-change if change else 0.0)


def classify(measure: str, gain: object) -> str:
    """``improved`` when ``gain`` (an :func:`improvement`) is at least the MID, ``worse`` when
    it is at most minus the MID, else ``no_change``."""
    m = _measure(measure)
    g = real_number(gain, "improvement", -(m.high - m.low), m.high - m.low)
    if g >= m.mid:
        return "improved"
    if g <= -m.mid:
        return "worse"
    return "no_change"


def meaningful_target(measure: str, start: object) -> float:
    """The score a later entry must reach for a meaningful improvement from ``start``: ``start``
    plus the MID for a questionnaire (higher is better), minus it for pain (lower is better).
    ValueError when the measure's range leaves no room for that much improvement.

    >>> meaningful_target("akps", 64), meaningful_target("pain", 6)
    (74.0, 4.0)
    """
    m = _measure(measure)
    first = check_score(measure, start)
    target = round_half_up(first + m.mid if m.better == "higher" else first - m.mid, m.decimals)
    if not m.low <= target <= m.high:
        raise ValueError(f"from {number_text(first)}, {m.short} cannot improve by {number_text(m.mid)} points "
                         f"within {number_text(m.low)}–{number_text(m.high)}")
    return target


@dataclass(frozen=True)
class Change:
    measure: str
    earlier: float
    later: float
    improvement: float
    verdict: str

    def text(self) -> str:
        """e.g. "AKPS +12 (better)", "worst pain −1 (no meaningful change)"."""
        m = measures()[self.measure]
        diff = round_half_up(self.later - self.earlier, m.decimals)
        return f"{m.short} {signed(diff)} ({MESSAGES['verdict_' + self.verdict]})"


def signed(number: float) -> str:
    """"+12", "−3.5", "0": the sign written out, with a true minus sign."""
    if number > 0:
        return "+" + number_text(number)
    if number < 0:
        return "\u2212" + number_text(-number)
    return "0"


def _change(measure: str, earlier: float, later: float) -> Change:
    gain = improvement(measure, earlier, later)
    return Change(measure, earlier, later, gain, classify(measure, gain))


def changes(results: object, since: str = "first") -> dict[str, Change]:
    """For the latest result, the change of each of its measures since the first result that
    has that measure (``since="first"``) or the latest earlier one (``"previous"``). A measure
    with no earlier value is left out."""
    items = check_results(results)
    if since not in ("first", "previous"):
        raise ValueError(f"since must be 'first' or 'previous', got {short_repr(since)}")
    out: dict[str, Change] = {}
    if not items:
        return out
    latest = items[-1]
    for key in MEASURE_KEYS:
        now = latest.score(key)
        before = [r.score(key) for r in items[:-1] if r.score(key) is not None]
        if now is not None and before:
            out[key] = _change(key, before[0] if since == "first" else before[-1], now)
    return out


def row_changes(results: object) -> list[dict[str, Change]]:
    """For every result in date order, the change of each of its measures since the first
    result with that measure (what the history table shows)."""
    items = check_results(results)
    return [changes(items[: i + 1], "first") for i in range(len(items))]


@dataclass(frozen=True)
class Progress:
    status: str
    weeks: int  # whole weeks from the first entry to the latest
    changes: dict[str, Change]
    message: str


def mids_text() -> str:
    """"AKPS 10 points, KOOS-PF 16.4 points, worst pain 2 points"."""
    return ", ".join(f"{m.short} {number_text(m.mid)} points" for m in measures().values())


def progress(results: object) -> Progress:
    """Where the runner stands, from the first entry to the latest (see the module docstring)."""
    items = check_results(results)
    if not items:
        return Progress("empty", 0, {}, MESSAGES["empty"])
    found = changes(items, "first")
    # Weeks from the first entry that has a compared measure, to the latest entry.
    starts = [next(r.date for r in items if r.score(key) is not None) for key in found]
    weeks = (items[-1].date - min(starts)).days // 7 if starts else 0
    listed = "; ".join(c.text() for c in found.values())
    r = rules()
    if not found:
        status = "baseline"
    elif any(c.verdict == "worse" for c in found.values()):
        status = "worse"
        listed = "; ".join(c.text() for c in found.values() if c.verdict == "worse")
    elif any(c.verdict == "improved" for c in found.values()):
        status = "improved"
        listed = "; ".join(c.text() for c in found.values() if c.verdict == "improved")
    elif weeks >= r["meaningful_after_weeks"]:
        status = "no_meaningful_change"
    elif weeks >= r["review_after_weeks"] and all(c.improvement <= 0 for c in found.values()):
        status = "not_improving"
    else:
        status = "early_days"
    message = MESSAGES[status].format(changes=listed, weeks=weeks, mids=mids_text())
    return Progress(status, weeks, found, message)


def no_improvement(results: object) -> bool:
    """The course's "no improvement": no improvement at all after ``review_after`` weeks, or no
    meaningful improvement after ``meaningful_after`` weeks (both a reason for a routine review)."""
    return progress(results).status in ("not_improving", "no_meaningful_change")


# --- CSV ----------------------------------------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


def score_text(value: float | None) -> str:
    return "" if value is None else number_text(value)


def results_to_csv(results: object) -> str:
    """The results as the CSV text the page exports (header first, CRLF line ends)."""
    items = check_results(results)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in items:
        writer.writerow([r.date.isoformat(), *(score_text(r.score(key)) for key in MEASURE_KEYS)])
    return out.getvalue()


def _parse_row(row: list[str], line: int, source: str) -> Result:
    def fail(problem: str) -> OutcomesFileError:
        return OutcomesFileError(f"{source}: line {line}: {problem}")

    if len(row) != len(HEADER):
        raise fail(f"expected {len(HEADER)} fields ({','.join(HEADER)}), found {len(row)}")
    day = row[0].strip()
    if not _DATE.fullmatch(day):
        raise fail(f"date {row[0]!r} is not a date written YYYY-MM-DD")
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise fail(f"date {row[0]!r} is not a real calendar date") from None
    scores: dict[str, float | None] = {}
    for key, cell in zip(MEASURE_KEYS, row[1:], strict=True):
        m = measures()[key]
        text = cell.strip()
        if not text:
            scores[key] = None
            continue
        try:
            if not _NUMBER.fullmatch(text):
                raise ValueError(text)
            scores[key] = check_score(key, float(text))
        except ValueError:
            raise fail(f"{m.column} {cell!r} must be {m.allowed()}, or empty") from None
    if all(v is None for v in scores.values()):
        raise fail("no score: at least one of " + ", ".join(HEADER[1:]) + " is needed")
    return Result(date, **scores)


def results_from_csv(text: object, source: str = "outcomes file") -> list[Result]:
    """Results from the CSV text; ``source`` names it in messages. Blank lines and a byte-order
    mark are skipped; anything else out of place raises :class:`OutcomesFileError` naming the line."""
    if not isinstance(text, str):
        raise ValueError(f"text must be the file's CSV text (a str), got {type(text).__name__}")
    results = read_dated_rows(text, source=source, header=HEADER, parse_row=_parse_row,
                              error=OutcomesFileError, one_a_day="one entry a day", empty_is_error=True)
    return sorted(results, key=lambda r: r.date)


def widget_data() -> dict[str, object]:
    """What the page's script needs: the measures' ranges, directions and MIDs, the rule's
    weeks, the words, the CSV header and the storage key."""
    r = rules()
    return {
        "measures": [{"key": m.key, "name": m.name, "short": m.short, "column": m.column, "low": m.low,
                      "high": m.high, "decimals": m.decimals, "better": m.better, "mid": m.mid,
                      "allowed": m.allowed()} for m in measures().values()],
        "review_after_weeks": r["review_after_weeks"],
        "meaningful_after_weeks": r["meaningful_after_weeks"],
        "messages": MESSAGES,
        "mids_text": mids_text(),
        "header": list(HEADER),
        "storage_key": STORAGE_KEY,
        "file_name": FILE_NAME,
    }


def evidence_items() -> list[clinical.EvidenceItem]:
    """The MIDs and the "no improvement" rule, as the evidence register lists them."""
    items = [clinical.EvidenceItem(f"Meaningful change: {m.name}", f"evidence-outcomes--{m.key}",
                                   f"{number_text(m.mid)} points ({m.better} is better)", m.evidence)
             for m in measures().values()]
    r = rules()
    items.append(clinical.EvidenceItem(
        "When the course calls it \u201cno improvement\u201d", "evidence-outcomes--no-improvement",
        f"nothing better at all after {r['review_after_weeks']} weeks, or nothing better by its meaningful "
        f"change after {r['meaningful_after_weeks']} weeks", r["evidence"]))
    return items


def mid_table_markdown() -> str:
    """The measures, their MIDs and sources, as a MyST table for the page ({generated})."""
    # Two columns, so that the table fits a phone's width.
    rows = ["| Measure | Smallest change that matters |", "|---|---|"]
    for m in measures().values():
        cite = "{cite:p}`" + ",".join(m.evidence.sources) + "`"
        rows.append(f"| {m.name}: {number_text(m.low)}–{number_text(m.high)}, {m.better} is better | "
                    f"{number_text(m.mid)} points {cite} |")
    return "\n".join(rows)


def licence_markdown() -> str:
    """What the course found about each questionnaire's licence, and where its form is."""
    parts = []
    for m in measures().values():
        if m.key == "pain":
            continue
        link = f" [Where to find the form]({m.form_url})." if m.form_url else ""
        cite = " {cite:p}`" + ",".join(m.licence_sources) + "`" if m.licence_sources else ""
        parts.append(f"**{m.name}.** {m.licence}{cite} {m.form}{link}")
    return "\n\n".join(parts)


def no_improvement_markdown() -> str:
    """The course's definition of "no improvement", with the weeks from clinical.yaml."""
    r = rules()
    ev = r["evidence"]
    return (
        f"- **Not improved at all** after {r['review_after_weeks']} weeks: none of your measures is better "
        f"than at your first entry.\n"
        f"- **No meaningful change** after {r['meaningful_after_weeks']} weeks: none is better by at least "
        f"the smallest change that matters ({mids_text()}).\n\n"
        f"Either one is a reason to book a routine appointment to check the diagnosis and the plan; a "
        f"meaningful worsening is too. None of them is an urgent sign. {ev.note} "
        "{cite:p}`" + ",".join(ev.sources) + "`"
    )
