"""Shoe mileage: when a pair of running shoes is due for replacement, and how to change pairs.

Rules (numbers from ``data/clinical.yaml``, never typed here):

- running shoes lose ``shoes.cushioning_loss`` of their cushioning and support by
  ``shoes.replace_between_km``; the article advises replacing them before that mileage;
- status ``"ok"`` below the lower bound of that range, ``"warn"`` from the lower bound (the
  loss has begun: get the next pair), ``"replace"`` from the upper bound;
- change pairs gradually: alternate new and old for ``footwear.transition_weeks`` before the
  complete change (the article's advice for any change of footwear).

Distances are kilometres, kept to 0.1 km (rounded half up, the same in the page's script), so
the status and the message always agree with the number shown. Pure model: no widgets, no
HTML. Bad input raises ``ValueError`` saying what is allowed.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import numbers
import re
from dataclasses import dataclass

from widgets import clinical
from widgets.checks import items, real_number
from widgets.checks import short_repr as _show

STATUSES = ("ok", "warn", "replace")
MAX_KM = 10_000.0  # a data-entry guard, not a clinical number: no pair runs that far
MAX_NAME = 60
CSV_HEADER = ("name", "distance_km")
KM_PATTERN = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # "512" or "512.3": what the export writes
PAIRS = ("new", "old")
# Words shared with the static page's script, which fills the same {placeholders}.
MESSAGES = {
    "ok": "{km}\u00a0km: fine for now ({left}\u00a0km to go until {low}). Running shoes lose {loss} of their "
          "cushioning and support by {range}.",
    "warn": "{km}\u00a0km: within {range}, the distance by which running shoes lose {loss} of their cushioning and "
            "support. Get the next pair now, and alternate new and old for {weeks} before you change completely.",
    "replace": "{km}\u00a0km: at or past {high}. Replace this pair: running shoes lose {loss} of their cushioning and "
               "support by {range}. Alternate the new pair with it for {weeks}, then retire it.",
}


def thresholds() -> dict:
    """The rule numbers and their words, as the static page embeds them."""
    low, high = clinical.bounds("shoes.replace_between_km")
    unit = clinical.get("shoes.replace_between_km").unit
    return {
        "warn_km": low,
        "replace_km": high,
        "max_km": MAX_KM,
        "low": f"{low:g}\u00a0{unit}",
        "high": f"{high:g}\u00a0{unit}",
        "range": clinical.get("shoes.replace_between_km").display(),
        "loss": clinical.get("shoes.cushioning_loss").display(),
        "weeks": clinical.get("footwear.transition_weeks").display(),
        "transition_days": int(clinical.value("footwear.transition_weeks")) * 7,
    }


def round_km(value: float) -> float:
    """To 0.1 km, halves up (not Python's round(), which rounds halves to even)."""
    return math.floor(value * 10 + 0.5) / 10


def km_text(value: float) -> str:
    """"512.3", "500": as the page shows it."""
    return f"{round_km(value):g}"


def check_km(value: object, name: str = "distance_km") -> float:
    return round_km(real_number(value, name, 0, MAX_KM, allowed=f"a distance in km from 0 to {MAX_KM:,.0f}"))


@dataclass(frozen=True)
class ShoeStatus:
    distance_km: float  # to 0.1 km
    status: str  # "ok", "warn" or "replace"
    message: str


def shoe_status(distance_km) -> ShoeStatus:
    """Whether a pair with ``distance_km`` on it is fine, due soon, or due for replacement.

    >>> shoe_status(499.9).status, shoe_status(500).status, shoe_status(800).status
    ('ok', 'warn', 'replace')
    """
    km = check_km(distance_km)
    t = thresholds()
    status = "replace" if km >= t["replace_km"] else "warn" if km >= t["warn_km"] else "ok"
    message = MESSAGES[status].format(km=km_text(km), left=km_text(t["warn_km"] - km), **t)
    return ShoeStatus(km, status, message)


def add_distance(total_km, run_km) -> float:
    """A pair's new total after a run (or several) of ``run_km``; both to 0.1 km."""
    total = check_km(total_km, "total_km")
    run = check_km(run_km, "run_km")
    if run <= 0:
        raise ValueError(f"run_km must be more than 0 km, got {_show(run_km)}")
    new = round_km(total + run)
    if new > MAX_KM:
        raise ValueError(f"the new total ({km_text(new)} km) would be over {MAX_KM:,.0f} km; check the numbers")
    return new


def check_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a pair's name must be some text, e.g. 'Blue trainers', got {_show(value)}")
    name = " ".join(value.split())
    if len(name) > MAX_NAME:
        raise ValueError(f"a pair's name must be at most {MAX_NAME} characters, got {len(name)}")
    return name


# --- changing pairs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransitionDay:
    date: datetime.date
    pair: str  # "new" or "old": the pair to run in that day


def transition_plan(start_date, run_weekdays=None) -> list[TransitionDay]:
    """Alternate new and old pairs, new first, over the article's transition weeks from
    ``start_date``; after that, the new pair only.

    ``run_weekdays`` (0 = Monday … 6 = Sunday) are the days you run; by default every day.
    Alternating run by run matters: with runs on Monday, Wednesday and Friday, alternating by
    calendar day would put every run in the new pair.
    """
    if not isinstance(start_date, datetime.date) or isinstance(start_date, datetime.datetime):
        raise ValueError(f"start_date must be a date (datetime.date, e.g. date(2027, 1, 4)), got {_show(start_date)}")
    days = thresholds()["transition_days"]
    if start_date > datetime.date.max - datetime.timedelta(days=days):
        raise ValueError(f"start_date must be a date before the year 9999, got {start_date.isoformat()}")
    if run_weekdays is None:
        run_days = set(range(7))
    else:
        run_days = set()
        for d in items(run_weekdays, "run_weekdays", "a list of days 0 (Monday) to 6 (Sunday)"):
            if isinstance(d, bool) or not isinstance(d, numbers.Integral) or not 0 <= d <= 6:
                raise ValueError(f"run_weekdays: {_show(d)} is not a day; use 0 (Monday) to 6 (Sunday)")
            run_days.add(int(d))
        if not run_days:
            raise ValueError("run_weekdays needs at least one day, 0 (Monday) to 6 (Sunday)")
    plan = []
    for offset in range(days):
        day = start_date + datetime.timedelta(days=offset)
        if day.weekday() in run_days:
            plan.append(TransitionDay(day, PAIRS[len(plan) % 2]))
    return plan


# --- the list of pairs as CSV (the page's export and import) ------------------------------------


@dataclass(frozen=True)
class Pair:
    name: str
    distance_km: float


def shoes_csv(pairs) -> str:
    """Pairs as CSV (``name,distance_km``, CRLF): the format the page exports and imports."""
    if isinstance(pairs, (str, bytes, dict)) or not hasattr(pairs, "__iter__"):
        raise ValueError(f"pairs must be a list of Pair(name, distance_km), got {_show(pairs)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for i, pair in enumerate(pairs, start=1):
        if not isinstance(pair, Pair):
            raise ValueError(f"pairs: item {i} is {_show(pair)}, not a Pair(name, distance_km)")
        writer.writerow([check_name(pair.name), km_text(check_km(pair.distance_km))])
    return out.getvalue()


def parse_shoes_csv(text) -> list[Pair]:
    """Read the page's CSV export back; every problem is a ValueError naming the line."""
    if not isinstance(text, str):
        raise ValueError(f"the CSV must be text, got {_show(text)}")
    # (physical line the record starts on, its fields), blank lines skipped but counted: an
    # error names the line a spreadsheet or text editor shows.
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValueError(f"the file is not valid CSV ({exc}); a quote inside a name must be doubled") from None
    if not rows or [c.strip().lower() for c in rows[0][1]] != list(CSV_HEADER):
        raise ValueError("the first line must be the header: name,distance_km")
    pairs, seen = [], set()
    for line, row in rows[1:]:
        if len(row) != 2:
            raise ValueError(f"line {line}: expected a name and a distance, got {len(row)} field(s)")
        try:
            name = check_name(row[0])
        except ValueError as exc:
            raise ValueError(f"line {line}: {exc}") from None
        number = row[1].strip()
        if not KM_PATTERN.fullmatch(number) or float(number) > MAX_KM:
            raise ValueError(f"line {line}: the distance {_show(row[1])} must be a number of km from 0 to "
                             f"{MAX_KM:,.0f}, like 512.3")
        km = check_km(float(number))
        if name.lower() in seen:
            raise ValueError(f"line {line}: a second pair called {name!r}; give each pair its own name")
        seen.add(name.lower())
        pairs.append(Pair(name, km))
    return pairs
