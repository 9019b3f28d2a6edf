"""The JupyterLab shoe log: statuses from widgets.shoes, and the CSV moves to and from the site."""

from widgets import shoes
from widgets.live.shoes import LiveShoes


def test_add_runs_over_the_thresholds_save_and_load(tmp_path):
    live = LiveShoes(tmp_path / "shoes.csv")
    live.add_pair("Blue trainers", 480)
    assert "Fine" in live.table.value
    live.add_run("Blue trainers", 25)
    assert "Due soon" in live.table.value and "505" in live.table.value
    live.add_run("Blue trainers", 300)
    assert "Replace" in live.table.value
    live.add_pair("blue trainers", 0)
    assert "already a pair called" in live.message.value and len(live.pairs) == 1
    live.add_run("Blue trainers", -4)
    assert "run_km must be a distance in km" in live.message.value
    live.save()
    assert shoes.parse_shoes_csv((tmp_path / "shoes.csv").read_text(encoding="utf-8-sig")) == [
        shoes.Pair("Blue trainers", 805.0)
    ]
    (tmp_path / "shoes.csv").write_text("name,distance_km\nBlue,lots\n")
    live.load()
    assert "line 2: the distance" in live.message.value
    assert live.pairs == [shoes.Pair("Blue trainers", 805.0)]  # a bad file leaves the list as it was
