"""Speed of the joint-load model: a 0–90° curve and one live (ipywidgets) callback.

Targets (issue #5): curve < 1 ms, live callback < 50 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time

from widgets import pf_load
from widgets.live.pf_load import LivePFLoad


def timed(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    curve_ms = timed(lambda: pf_load.force_curve(2.5, 70, step_deg=0.5), 200)
    peak_ms = timed(lambda: pf_load.peak_load("running", 70, 5), 200)
    masses = iter(range(10_000))
    # Outside a kernel the Output widget prints the figure; keep the benchmark's output readable.
    with contextlib.redirect_stdout(io.StringIO()):
        live = LivePFLoad()
        callback_ms = timed(lambda: setattr(live.mass, "value", 50 + next(masses) % 60), 30)
    print(f"model, 0–90° curve (181 angles): {curve_ms:.3f} ms median (target < 1 ms)")
    print(f"model, one peak_load():          {peak_ms:.3f} ms median")
    print(f"live slider callback (recompute + redraw figure): {callback_ms:.1f} ms median (target < 50 ms)")


if __name__ == "__main__":
    main()
