"""Cadence targets against hand calculation, the article's numbers, bad input, the WAV file."""

from __future__ import annotations

import io
import struct
import wave

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import cadence


def test_targets_by_hand():
    assert cadence.target_cadence(160, 5) == 168.0  # 160 × 1.05
    assert cadence.target_cadence(165, 10) == 181.5  # 165 × 1.10
    assert cadence.article_targets(162) == {"+5%": 170.1, "+10%": 178.2}


def test_halves_go_up_and_the_words_match_the_page():
    # 165 × 1.05 = 173.25 exactly: 173.3 (round(165 * 1.05, 1) gave 173.2, the site 173.3).
    assert cadence.target_cadence(165, 5) == 173.3 and cadence.target_cadence(175, 5) == 183.8
    assert cadence.target_text(165, 5) == ("Target: 173.3 steps per minute (+8.3). At the same speed your steps "
                                           "get 4.76% shorter.")
    assert cadence.target_text(160, 0).endswith("get 0% shorter.")


def test_article_example_adds_8_to_10_steps():
    # The article: +5–10% is "typically adding 8–10 steps per minute" — true around 160–170 spm.
    added = cadence.target_cadence(165, 5) - 165, cadence.target_cadence(165, 10) - 165
    assert 8 <= added[0] <= 10 and added[1] > 10


def test_speed_and_step_length():
    # 12 km/h = 200 m/min; 1.25 m steps → 160 steps per minute.
    assert cadence.cadence_from_speed(12, 1.25) == 160.0
    # +10% step rate at the same speed: steps 1/1.1 as long, 9.09% shorter.
    assert cadence.step_length_change_pct(10) == -9.09


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cadence.target_cadence(90, 5),
         "current_spm must be a number from 100 to 250 steps per minute, got 90"),
        (lambda: cadence.target_cadence(260, 5), "from 100 to 250"),
        (lambda: cadence.target_cadence("170", 5), "must be a number"),
        (lambda: cadence.target_cadence(170, float("nan")), "increase_pct must be a number"),
        (lambda: cadence.target_cadence(170, 30), "increase_pct must be a number from 0 to 20%"),
        (lambda: cadence.cadence_from_speed(12, 0), "step_length_m must be a number from 0.3"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@given(st.floats(min_value=100, max_value=220), st.floats(min_value=0, max_value=20))
def test_target_never_below_current(spm, pct):
    assert cadence.target_cadence(spm, pct) >= round(spm, 1) - 0.05


def test_metronome_wav_has_one_click_per_step():
    data = cadence.metronome_wav(180, seconds=10, sample_rate=8000)
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 8000)
        samples = struct.unpack(f"<{wav.getnframes()}h", wav.readframes(wav.getnframes()))
    # Count click onsets: silence followed by sound.
    onsets = sum(
        1 for i in range(1, len(samples)) if samples[i] != 0 and all(s == 0 for s in samples[max(0, i - 20) : i])
    )
    assert onsets == 30  # 180 per minute for 10 s
