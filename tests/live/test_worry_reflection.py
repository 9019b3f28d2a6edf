"""The JupyterLab reflection calls the same model: the same words, tips and help, a message for
answers left, and Clear empties everything."""

from widgets import worry_reflection
from widgets.live.worry_reflection import LiveWorryReflection


def test_live_reflection_shows_the_model_s_words_and_help():
    live = LiveWorryReflection()
    live.button.click()
    assert "(8 left)" in live.result.value
    for key, value in zip(live.ratings, (3, 2, 0, 1, 0, 0), strict=True):
        live.ratings[key].value = value
    live.check_in["low_mood"].value = "no"
    live.button.click()
    assert "(1 left)" in live.result.value
    live.check_in["harm"].value = "not_sure"
    live.button.click()
    expected = worry_reflection.reflect({k: w.value for k, w in live.ratings.items()},
                                        {"low_mood": "no", "harm": "not_sure"})
    assert f'data-band="{expected.band}"' in live.result.value
    assert [h.level for h in expected.help] == ["emergency"]
    assert 'data-level="emergency"' in live.result.value and "116 123" in live.result.value
    assert 'data-key="damage"' in live.result.value and 'data-key="avoid"' in live.result.value
    live.clear.click()
    assert live.result.value == "" and all(w.value is None for w in live.ratings.values())
