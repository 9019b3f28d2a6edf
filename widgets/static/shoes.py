"""The shoe mileage log for the static site (_static/rk/shoes.js).

The thresholds and messages are embedded from widgets.shoes (the same words the Python model
returns; the script fills the same placeholders and is tested against shoe_status()). The list
of pairs lives in the browser's localStorage on the reader's device only, and can be exported
and imported as the CSV that widgets.shoes.shoes_csv / parse_shoes_csv read and write.
"""

from __future__ import annotations

from widgets import shoes
from widgets.display import StaticWidget

STORAGE_KEY = "rk-shoes-v1"
STATUS_LABELS = {"ok": "Fine", "warn": "Due soon", "replace": "Replace"}

FORM = f"""
<form class="rk-sh-add" novalidate>
  <div class="rk-sh-field rk-sh-field-name">
    <label for="rk-sh-name">Name of the pair</label>
    <input id="rk-sh-name" name="pair" type="text" maxlength="{shoes.MAX_NAME}" autocomplete="off"
           placeholder="e.g. Blue trainers">
  </div>
  <div class="rk-sh-field">
    <label for="rk-sh-km">Distance already run (km)</label>
    <input id="rk-sh-km" name="km" type="text" inputmode="decimal" autocomplete="off" value="0">
  </div>
  <button type="submit">Add the pair</button>
</form>
<div class="rk-sh-message" aria-live="polite"></div>
<p class="rk-sh-empty">No pairs yet: add the shoes you run in.</p>
<ul class="rk-sh-list" aria-label="Your pairs"></ul>
<div class="rk-sh-file">
  <button type="button" class="rk-sh-export" disabled>Export the list (CSV)</button>
  <label class="rk-sh-import-label" for="rk-sh-import">Import a list (CSV)</label>
  <input id="rk-sh-import" class="rk-sh-import" type="file" accept=".csv,text/csv">
</div>
<p class="rk-sh-privacy">Your list is kept in this browser's storage, on this device only: nothing is
sent anywhere, and another browser or device will not see it. Export it as a CSV file to keep a copy
or move it to another device; clearing the browser's site data deletes it.</p>
<p class="rk-sh-nojs">The shoe log needs JavaScript in your browser (in JupyterLab, run the
notebook's live cell).</p>
"""


def shoes_view() -> StaticWidget:
    data = {
        "thresholds": shoes.thresholds(),
        "messages": shoes.MESSAGES,
        "labels": STATUS_LABELS,
        "csv_header": list(shoes.CSV_HEADER),
        "max_name": shoes.MAX_NAME,
        "storage_key": STORAGE_KEY,
    }
    return StaticWidget("shoes", data=data, fallback_html=FORM, label="Shoe mileage log")
