"""The JupyterLab outcome tracker: saves through widgets.outcomes, keeps a CSV file, refuses bad
input with a message, and never writes over a file it cannot read."""

import datetime as dt

from widgets import outcomes
from widgets.live.outcomes import LiveOutcomes


def test_saves_scores_to_the_file_and_shows_progress(tmp_path):
    path = tmp_path / "knee-outcomes.csv"
    live = LiveOutcomes(path)
    live.date.value = dt.date(2027, 1, 4)
    live.fields["akps"].value = "58"
    live.fields["pain"].value = "6"
    live.button.click()
    live.date.value = dt.date(2027, 1, 18)
    live.fields["akps"].value = "70"
    live.fields["pain"].value = "5,5"
    live.button.click()
    assert path.read_bytes().decode() == "date,akps,koos_pf,worst_pain\r\n2027-01-04,58,,6\r\n2027-01-18,70,,5.5\r\n"
    assert "Meaningful improvement since your first entry: AKPS +12 (better)" in live.status.value
    # The file is read back by a new tracker.
    assert LiveOutcomes(path).results == outcomes.results_from_csv(path.read_text(encoding="utf-8"))


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    live = LiveOutcomes()
    live.fields["akps"].value = "101"
    live.button.click()
    assert "Not saved" in live.message.value and "AKPS: enter a whole number from 0 to 100" in live.message.value
    live.fields["akps"].value = ""
    live.button.click()
    assert "at least one score" in live.message.value
    assert live.results == []


def test_a_corrupt_file_is_left_untouched(tmp_path):
    path = tmp_path / "knee-outcomes.csv"
    path.write_text("date,akps,koos_pf,worst_pain\n2027-01-04,999,,\n", encoding="utf-8")
    live = LiveOutcomes(path)
    assert "could not be read" in live.message.value and "line 2" in live.message.value
    live.fields["pain"].value = "3"
    live.button.click()
    assert path.read_text(encoding="utf-8") == "date,akps,koos_pf,worst_pain\n2027-01-04,999,,\n"
