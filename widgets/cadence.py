"""Cadence (step rate) targets from the article's gait-retraining advice, and a metronome.

Numbers from ``data/clinical.yaml`` (``cadence.*``). At the same running speed, speed = step
rate × step length, so a higher step rate means proportionally shorter steps.
Pure model; :func:`metronome_wav` returns audio bytes for JupyterLab (standard ``wave`` module).
"""

from __future__ import annotations

import io
import math
import struct
import wave

from widgets import clinical
from widgets.checks import real_number
from widgets.wording import number_text, round_half_up

SPM_RANGE = (100, 250)  # steps per minute accepted: walking-to-sprinting
INCREASE_RANGE = (0, 20)  # percent; the article advises 5–10


def _number(value, name: str, low: float, high: float, unit: str) -> float:
    return real_number(value, name, low, high, unit)


def target_cadence(current_spm, increase_pct) -> float:
    """Target steps per minute: current × (1 + increase/100), to 0.1 spm, halves up.

    Computed as current × (100 + increase), which is exact for whole numbers (every input the
    page's form allows), then to tenths halves up: 165 + 5% is 173.25, so 173.3. The page's
    script does the same operations (``Math.floor((n + 5) / 10) / 10``); the former
    ``round(165 * 1.05, 1)`` gave 173.2 here and the site 173.3.
    """
    spm = _number(current_spm, "current_spm", *SPM_RANGE, "steps per minute")
    pct = _number(increase_pct, "increase_pct", *INCREASE_RANGE, "%")
    hundredths = spm * (100 + pct)
    return math.floor((hundredths + 5) / 10) / 10


def cadence_from_speed(speed_kmh, step_length_m) -> float:
    """Steps per minute at a speed (km/h) and step length (m): speed / step length."""
    speed = _number(speed_kmh, "speed_kmh", 3, 30, "km/h")
    step = _number(step_length_m, "step_length_m", 0.3, 2.5, "m")
    spm = speed * 1000 / 60 / step
    return _number(round(spm, 1), "the resulting cadence", *SPM_RANGE, "steps per minute")


def step_length_change_pct(increase_pct) -> float:
    """Change of step length at the same speed when the step rate rises by increase_pct (%)."""
    pct = _number(increase_pct, "increase_pct", *INCREASE_RANGE, "%")
    return round_half_up((1 / (1 + pct / 100) - 1) * 100, 2)


# The result in words, shared with the page's script, which fills the same {placeholders}.
TARGET_MESSAGE = ("Target: {target} steps per minute (+{added}). At the same speed your steps get "
                  "{shorter}% shorter.")


def target_text(current_spm, increase_pct) -> str:
    """The target in words, as the page and JupyterLab show it."""
    target = target_cadence(current_spm, increase_pct)
    return TARGET_MESSAGE.format(
        target=number_text(target),
        added=number_text(round_half_up(target - float(current_spm), 1)),
        shorter=number_text(abs(step_length_change_pct(increase_pct))),
    )


def article_targets(current_spm) -> dict[str, float]:
    """The article's +5% and +10% targets for a current cadence."""
    low, high = clinical.bounds("cadence.increase_pct")
    return {f"+{low:g}%": target_cadence(current_spm, low), f"+{high:g}%": target_cadence(current_spm, high)}


def metronome_wav(spm, seconds=30, sample_rate=22050) -> bytes:
    """A mono 16-bit WAV of short 1 kHz clicks at ``spm`` beats per minute."""
    rate = _number(spm, "spm", *SPM_RANGE, "steps per minute")
    length = _number(seconds, "seconds", 1, 600, "s")
    n = int(length * sample_rate)
    period = 60 / rate
    click = int(0.02 * sample_rate)  # 20 ms clicks
    frames = bytearray()
    for i in range(n):
        t = i / sample_rate
        in_click = (t % period) * sample_rate < click
        sample = int(12000 * math.sin(2 * math.pi * 1000 * t)) if in_click else 0
        frames += struct.pack("<h", sample)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()
