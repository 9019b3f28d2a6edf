"""The static shoe log: thresholds and messages embedded from widgets.shoes, and the page says
where the list is kept."""

import json
import re

from widgets import shoes
from widgets.static.shoes import shoes_view


def test_embedded_rules_and_privacy_text():
    html = shoes_view().to_html()
    assert 'data-rk-widget="shoes"' in html
    data = json.loads(re.search(r'class="rk-widget-data">(.*?)</script>', html).group(1))
    assert data["thresholds"] == shoes.thresholds()
    assert data["messages"] == shoes.MESSAGES
    assert data["csv_header"] == ["name", "distance_km"]
    assert data["storage_key"] == "rk-shoes-v1"
    assert "this browser's storage, on\nthis device only" in html or "on this device only" in " ".join(html.split())
    assert '<label for="rk-sh-name">Name of the pair</label>' in html
