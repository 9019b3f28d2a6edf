"""The article's rehabilitation exercises and their doses, from ``data/exercises.yaml``.

Pure model (no plotting): :func:`load_exercises` validates the file; the ``*_markdown``
functions give the text its tables and how-to lists through the ``{generated}`` directive, so
a dose is written once, in the data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from widgets.clinical import DATA_DIR, EN_DASH, NBSP, DataFileError, Evidence, EvidenceItem, load_yaml, parse_evidence

EXERCISES_FILE = DATA_DIR / "exercises.yaml"
GROUPS = ("hip", "quadriceps")


def _number_text(entry: object, where: str) -> str:
    """"20", "12–15" (from 20 or [12, 15])."""
    if isinstance(entry, bool) or entry is None:
        raise DataFileError(f"{where}: expected a number or [low, high], got {entry!r}")
    if isinstance(entry, (int, float)):
        return f"{entry:g}"
    if isinstance(entry, list) and len(entry) == 2 and all(isinstance(v, (int, float)) for v in entry):
        low, high = entry
        if low >= high:
            raise DataFileError(f"{where}: range low {low:g} is not below high {high:g}")
        return f"{low:g}{EN_DASH}{high:g}"
    raise DataFileError(f"{where}: expected a number or [low, high], got {entry!r}")


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    group: str
    sets: int | None
    reps_text: str | None
    per_side: bool
    positions: dict[str, str]
    how: str
    progression: str | None
    term: str | None
    dose_source: str | None = None  # "article" (the source article's dose) or "course" (the course's choice)

    def dose(self) -> str:
        """The dose, e.g. "3 sets of 12–15 repetitions per side"; a dose the course chose where the
        article gives none says so."""
        if self.sets is None or self.reps_text is None:
            return "Not given in the course's source; your physiotherapist sets it"
        side = " per side" if self.per_side else ""
        dose = f"{self.sets} sets of {self.reps_text} repetitions{side}"
        return dose + (f" ({COURSE_DOSE_LABEL})" if self.dose_source == "course" else "")

    def how_text(self) -> str:
        return self.how.format(**self.positions)


# Where a dose comes from: the source article, or the course where the article gives none.
DOSE_SOURCES = ("article", "course")
COURSE_DOSE_LABEL = "the course's choice; the source article gives no dose"


def load_exercises(path: Path = EXERCISES_FILE) -> tuple[Exercise, ...]:
    data = load_yaml(path)
    rows = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise DataFileError(f"{path}: expected a non-empty list under 'exercises'")
    exercises = []
    for index, row in enumerate(rows):
        where = f"{path}: exercise {row.get('id', index) if isinstance(row, dict) else index}"
        try:
            positions = {}
            for name, spec in (row.get("position") or {}).items():
                number = _number_text(spec.get("range", spec.get("value")), f"{where}, position {name}")
                unit = spec.get("unit", "")
                positions[name] = number + ("" if unit == "°" else NBSP) + unit
            if row["group"] not in GROUPS:
                raise DataFileError(f"{where}: group must be one of {GROUPS}, got {row['group']!r}")
            reps = row.get("reps")
            source = row.get("dose_source")
            exercise = Exercise(
                id=row["id"], name=row["name"], group=row["group"], sets=row.get("sets"),
                reps_text=None if reps is None else _number_text(reps, f"{where}, reps"),
                per_side=bool(row.get("per_side", False)), positions=positions, how=row["how"],
                progression=row.get("progression"), term=row.get("term"), dose_source=source,
            )
            try:
                exercise.how_text()
            except KeyError as exc:
                raise DataFileError(f"{where}: 'how' uses {{{exc.args[0]}}} but 'position' has no such entry") from None
            has_dose = exercise.sets is not None and exercise.reps_text is not None
            if has_dose and source not in DOSE_SOURCES:
                raise DataFileError(f"{where}: dose_source must be one of {', '.join(DOSE_SOURCES)} for an exercise "
                                    f"with a dose, got {source!r}")
            if not has_dose and source is not None:
                raise DataFileError(f"{where}: dose_source is only for an exercise with sets and reps")
        except KeyError as exc:
            raise DataFileError(f"{where}: missing field {exc}") from None
        except (AttributeError, TypeError) as exc:
            raise DataFileError(f"{where}: malformed entry ({exc})") from None
        exercises.append(exercise)
    return tuple(exercises)


EXERCISES: tuple[Exercise, ...] = load_exercises()


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    evidence: Evidence


def load_groups(path: Path = EXERCISES_FILE) -> dict[str, Group]:
    """The exercise groups with their ``evidence`` blocks, validated like clinical.yaml's: every
    group of :data:`GROUPS` needs one."""
    data = load_yaml(path)
    raw = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise DataFileError(f"{path.name}: field 'groups': expected a mapping of {', '.join(GROUPS)} "
                            "to {title, evidence}")
    groups = {}
    for key in GROUPS:
        spec = raw.get(key)
        if not isinstance(spec, dict) or not isinstance(spec.get("title"), str):
            raise DataFileError(f"{path.name}: field 'groups.{key}': needs a title and an evidence block")
        extra = sorted(set(spec) - {"title", "evidence"})
        if extra:
            raise DataFileError(f"{path.name}: field 'groups.{key}.{extra[0]}': unknown field")
        groups[key] = Group(key, spec["title"], parse_evidence(spec.get("evidence"), path, f"groups.{key}.evidence"))
    unknown = sorted(set(raw) - set(GROUPS))
    if unknown:
        raise DataFileError(f"{path.name}: field 'groups.{unknown[0]}': not a group ({', '.join(GROUPS)})")
    return groups


GROUP_EVIDENCE: dict[str, Group] = load_groups()


def evidence_items() -> list[EvidenceItem]:
    """The exercise groups and their doses as the evidence register lists them."""
    items = []
    for key, group in GROUP_EVIDENCE.items():
        shown = "; ".join(f"{e.name}: {e.dose().lower() if e.sets is None else e.dose()}" for e in _by_group(key))
        sources = {e.dose_source for e in _by_group(key) if e.sets is not None}
        whose = ("the source article's figures" if sources <= {"article"}
                 else "the course's own choice" if sources == {"course"}
                 else "the source article's figures, except where marked as the course's choice")
        items.append(EvidenceItem(group.title, f"evidence-exercises--{key}", shown, group.evidence, whose=whose))
    return items


def dose_sources_markdown(group: str) -> str:
    """Which doses of a group are the source article's and which the course's (or nobody's), as a
    sentence for the page under the table (``{generated}`` directive)."""
    by_source: dict[str | None, list[str]] = {"article": [], "course": [], None: []}
    for e in _by_group(group):
        name = e.name.split(" (")[0]
        by_source[e.dose_source].append(name[:1].lower() + name[1:])
    parts = []
    if by_source["article"]:
        parts.append(f"The doses of {_and(by_source['article'])} are the source article's.")
    if by_source["course"]:
        parts.append(f"The dose of {_and(by_source['course'])} is the course's choice: the article gives none.")
    if by_source[None]:
        parts.append(f"The article gives no dose for {_and(by_source[None])}, and the course sets none: a "
                     "physiotherapist can set one with you.")
    return " ".join(parts) + " No trial the course found compared doses."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _by_group(group: str) -> list[Exercise]:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}; got {group!r}")
    return [e for e in EXERCISES if e.group == group]


def _name_markup(exercise: Exercise) -> str:
    return f"{{term}}`{exercise.name} <{exercise.term}>`" if exercise.term else exercise.name


def exercise_table_markdown(group: str) -> str:
    """MyST table of one group's exercises: name, dose, progression."""
    lines = ["| Exercise | Dose | Progression |", "|---|---|---|"]
    for exercise in _by_group(group):
        lines.append(f"| {_name_markup(exercise)} | {exercise.dose()} | {exercise.progression or '—'} |")
    return "\n".join(lines)


def exercise_steps_markdown(group: str) -> str:
    """MyST definition list: how to do each exercise of the group."""
    blocks = [f"{exercise.name}\n: {exercise.how_text()}" for exercise in _by_group(group)]
    return "\n\n".join(blocks)
