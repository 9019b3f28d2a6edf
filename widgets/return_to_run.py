"""The article's 8-week return-to-running protocol, as data the planner and the text share.

Pure model: no plotting, no widgets. The stages come from ``data/return_to_run_protocol.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from widgets.clinical import DATA_DIR, DataFileError, load_yaml

PROTOCOL_FILE = DATA_DIR / "return_to_run_protocol.yaml"


@dataclass(frozen=True)
class Stage:
    """One week of the protocol. Minutes are minutes; ``reps`` repeats run+walk."""

    week: int
    run_min: float
    run_min_max: float  # equals run_min except week 8 (25–30 minutes)
    walk_min: float
    reps: int

    @property
    def continuous(self) -> bool:
        return self.walk_min == 0

    @property
    def total_run_min(self) -> float:
        return self.run_min * self.reps

    @property
    def total_min(self) -> float:
        """Session length in minutes (run + walk over all repetitions)."""
        return (self.run_min + self.walk_min) * self.reps

    def describe(self) -> str:
        run = f"{self.run_min:g}" if self.run_min == self.run_min_max else f"{self.run_min:g}–{self.run_min_max:g}"
        if self.continuous:
            return f"{run} minutes continuous run"
        unit = "minute" if self.run_min == 1 else "minutes"
        return f"{run} {unit} run / {self.walk_min:g} minutes walk × {self.reps}"


def load_protocol(path: Path = PROTOCOL_FILE) -> tuple[Stage, ...]:
    data = load_yaml(path)
    try:
        rows = data["stages"]
        stages = []
        for row in rows:
            run = row["run_min"]
            low, high = (run if isinstance(run, list) else (run, run))
            stages.append(Stage(int(row["week"]), float(low), float(high), float(row["walk_min"]), int(row["reps"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: stage rows need week, run_min, walk_min, reps ({exc})") from None
    if [s.week for s in stages] != list(range(1, len(stages) + 1)):
        raise DataFileError(f"{path}: weeks must run 1, 2, 3, … in order")
    return tuple(stages)


PROTOCOL: tuple[Stage, ...] = load_protocol()


def protocol_table_markdown() -> str:
    """The protocol as a MyST table, for the text (``{generated}`` directive)."""
    lines = [
        "| Week | Session (every other day, flat ground) | Running per session | Session length |",
        "|---:|---|---:|---:|",
    ]
    for s in PROTOCOL:
        run_total = f"{s.total_run_min:g} min" if s.run_min == s.run_min_max else f"{s.run_min:g}–{s.run_min_max:g} min"
        total = f"{s.total_min:g} min" if s.run_min == s.run_min_max else f"{s.run_min:g}–{s.run_min_max:g} min"
        lines.append(f"| {s.week} | {s.describe()} | {run_total} | {total} |")
    return "\n".join(lines)
