"""The shoe mileage log in JupyterLab: ipywidgets over widgets.shoes.

Pairs live in the notebook while it runs; "Save CSV" and "Load CSV" write and read the same CSV
file as the website's export and import (widgets.shoes.shoes_csv / parse_shoes_csv), so a list
moves between the two.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as ipw

from widgets import shoes

COLOURS = {"ok": "#00704f", "warn": "#b35900", "replace": "#a00018"}
LABELS = {"ok": "Fine", "warn": "Due soon", "replace": "Replace"}


class LiveShoes:
    def __init__(self, path: str | Path = "running-shoes.csv"):
        self.path = Path(path)
        self.pairs: list[shoes.Pair] = []
        self.name = ipw.Text(description="Pair", placeholder="e.g. Blue trainers")
        self.km = ipw.FloatText(description="Already run (km)", value=0, style={"description_width": "initial"})
        self.add_button = ipw.Button(description="Add the pair")
        self.pick = ipw.Dropdown(description="Add a run to", options=[])
        self.run = ipw.FloatText(description="km", value=0)
        self.run_button = ipw.Button(description="Add the run")
        self.save_button = ipw.Button(description="Save CSV", icon="save")
        self.load_button = ipw.Button(description="Load CSV", icon="folder-open")
        self.message = ipw.HTML()
        self.table = ipw.HTML()
        self.add_button.on_click(lambda _: self.add_pair(self.name.value, self.km.value))
        self.run_button.on_click(lambda _: self.add_run(self.pick.value, self.run.value))
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self.widget = ipw.VBox([
            ipw.HBox([self.name, self.km, self.add_button], layout=ipw.Layout(flex_flow="row wrap")),
            ipw.HBox([self.pick, self.run, self.run_button], layout=ipw.Layout(flex_flow="row wrap")),
            self.message, self.table, ipw.HBox([self.save_button, self.load_button]),
        ])
        self.render()

    def _error(self, exc: Exception) -> None:
        self.message.value = f'<p style="color:#b00020"><b>Not done:</b> {html.escape(str(exc))}</p>'

    def add_pair(self, name, km) -> None:
        try:
            clean = shoes.check_name(name)
            if any(p.name.lower() == clean.lower() for p in self.pairs):
                raise ValueError(f"there is already a pair called {clean!r}; give each pair its own name")
            self.pairs.append(shoes.Pair(clean, shoes.check_km(km)))
        except ValueError as exc:
            self._error(exc)
            return
        self.message.value = f"<p>Added {html.escape(clean)}.</p>"
        self.render()

    def add_run(self, name, run_km) -> None:
        try:
            index = next((i for i, p in enumerate(self.pairs) if p.name == name), None)
            if index is None:
                raise ValueError("add a pair first, then pick it")
            pair = self.pairs[index]
            self.pairs[index] = shoes.Pair(pair.name, shoes.add_distance(pair.distance_km, run_km))
        except ValueError as exc:
            self._error(exc)
            return
        self.message.value = f"<p>Added {shoes.km_text(run_km)} km to {html.escape(pair.name)}.</p>"
        self.render()

    def save(self) -> Path:
        self.path.write_text(shoes.shoes_csv(self.pairs), encoding="utf-8-sig", newline="")
        self.message.value = f"<p>Saved to <code>{html.escape(str(self.path))}</code>.</p>"
        return self.path

    def load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
            self.pairs = shoes.parse_shoes_csv(text)
        except (OSError, ValueError) as exc:  # the list in the notebook stays as it was
            self._error(exc if isinstance(exc, ValueError) else ValueError(f"cannot read {self.path}: {exc.strerror}"))
            return
        self.message.value = f"<p>Loaded {len(self.pairs)} pair(s) from <code>{html.escape(str(self.path))}</code>.</p>"
        self.render()

    def render(self) -> None:
        self.pick.options = [p.name for p in self.pairs]
        rows = []
        for p in self.pairs:
            s = shoes.shoe_status(p.distance_km)
            rows.append(
                f"<tr><td>{html.escape(p.name)}</td><td>{shoes.km_text(s.distance_km)} km</td>"
                f'<td style="color:{COLOURS[s.status]}"><b>{LABELS[s.status]}</b></td>'
                f"<td>{html.escape(s.message)}</td></tr>"
            )
        self.table.value = (
            "<table><thead><tr><th>Pair</th><th>Distance</th><th>Status</th><th>What to do</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>" if rows else "<p>No pairs yet.</p>"
        )


def live_shoes(path: str | Path = "running-shoes.csv") -> ipw.VBox:
    return LiveShoes(path).widget
