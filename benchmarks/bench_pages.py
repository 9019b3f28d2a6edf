"""Page weight and speed in headless Chromium, for every page of the student site.

Prints, per page: bytes transferred on a first visit (everything the page loads before the
reader scrolls: plotly.js is fetched only when a figure is reached, assets/rk/plotly-loader.js),
bytes excluding shared static assets (_static/), bytes once the reader has scrolled to every
figure (plotly.js included), time from reaching the figures until every one is drawn, and for
pages with a plotly slider the time from moving it to the redrawn figure. Targets (issues 11
and 22): first visit of every page ≤ 1.5 MB; per page excluding shared assets ≤ 300 KB;
slider → redraw < 100 ms.
Measured twice: as served uncompressed, and gzip-compressed as real static hosts serve it.
Figures are printed, never asserted.
"""

from __future__ import annotations

import time

from served_site import chromium, served, toc_docnames

JOINT_LOAD = "book/what-is-runners-knee/joint-load"


def measure(browser, base: str, docname: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # empty cache: a first visit
    page = context.new_page()
    sizes: dict[str, int] = {}

    def on_finished(request):
        response = request.response()
        if response is not None:
            sizes[request.url] = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]

    page.on("requestfinished", on_finished)
    page.goto(f"{base}/{docname}.html", wait_until="load")
    page.wait_for_load_state("networkidle")  # what the page fetches by itself, idle included
    page.wait_for_timeout(500)
    first_visit = sum(sizes.values())
    figures = page.locator("figure.rk-plotly").count()
    start = time.perf_counter()
    if figures:
        for figure in page.locator("figure.rk-plotly").all():  # the reader scrolls through them
            figure.scroll_into_view_if_needed()
        page.wait_for_function(
            "n => document.querySelectorAll(\"figure.rk-plotly[data-drawn='true']\").length === n", arg=figures
        )
    drawn_ms = (time.perf_counter() - start) * 1000
    slider_ms = None
    if page.locator("figure.rk-plotly .slider-grip-rect").count():
        # Time from a slider step to plotly's plotly_redraw/animated event, inside the page.
        # Time from applying a slider step (what a click does: the step's plotly method with its
        # args) to the next painted frame, measured inside the page.
        slider_ms = page.evaluate(
            """() => new Promise(resolve => {
                const gd = document.querySelector('figure.rk-plotly .js-plotly-plot');
                const steps = gd.layout.sliders[0].steps;
                const step = steps[Math.min(1, steps.length - 1)];
                const t0 = performance.now();
                window.Plotly[step.method](gd, ...step.args)
                    .then(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
            })"""
        )
    context.close()
    own = sum(size for url, size in sizes.items() if "/_static/" not in url)
    return {"total": first_visit, "with_figures": sum(sizes.values()), "own": own, "figures": figures,
            "drawn_ms": drawn_ms, "slider_ms": slider_ms}


# Largest Contentful Paint on a phone: 390 px wide, CPU 4× slower, slow 4G (Lighthouse's mobile
# profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), from the Performance API.
LCP_SCRIPT = """
window.__lcp = 0;
window.__lcpElement = "";
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__lcp = entry.startTime;
    window.__lcpElement = entry.element ? entry.element.tagName.toLowerCase() : "";
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
// When the first figure is first seen: its static picture loaded, or plotly's drawing done.
window.__figure = 0;
(function watch() {
  const figure = document.querySelector('figure.rk-plotly');
  const img = figure && figure.querySelector('img');
  if (figure && (figure.dataset.drawn || (img && img.complete && img.naturalWidth))) {
    window.__figure = performance.now();
  } else {
    requestAnimationFrame(watch);
  }
})();
"""


def largest_contentful_paint(browser, base: str, docname: str) -> tuple[float, str, float]:
    """(LCP ms, the LCP element's tag, ms until the first figure is seen) on a throttled phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.add_init_script(LCP_SCRIPT)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
             "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{base}/{docname}.html", wait_until="load")
    page.wait_for_timeout(1500)
    page.wait_for_function("window.__figure > 0", timeout=120_000)
    # LCP is final at the first input; read it before any.
    lcp, element, figure = page.evaluate("[window.__lcp, window.__lcpElement, window.__figure]")
    context.close()
    return lcp, element, figure


def report(rows, label: str) -> None:
    print(f"\n== {label} ==")
    print(f"{'page':58s} {'first visit':>12s} {'own bytes':>10s} {'+ figures':>10s} {'figures drawn':>14s}"
          f" {'slider→redraw':>14s}")
    for docname, m in rows:
        drawn = f"{m['drawn_ms']:.0f} ms" if m["figures"] else "-"
        slider = f"{m['slider_ms']:.0f} ms" if m["slider_ms"] is not None else "-"
        with_figures = f"{m['with_figures'] / 1e6:.2f} MB" if m["figures"] else "-"
        over = "  > 1.5 MB" if m["total"] > 1.5e6 else ""
        print(f"{docname:58s} {m['total'] / 1e6:9.2f} MB {m['own'] / 1e3:7.0f} KB {with_figures:>10s} {drawn:>14s}"
              f" {slider:>14s}{over}")
    worst_own = max(rows, key=lambda r: r[1]["own"])
    worst_total = max(rows, key=lambda r: r[1]["total"])
    own_kb = worst_own[1]["own"] / 1e3
    print(f"\nheaviest page excluding shared assets: {worst_own[0]} ({own_kb:.0f} KB; target ≤ 300 KB)")
    print(f"heaviest first visit: {worst_total[0]} ({worst_total[1]['total'] / 1e6:.2f} MB; target ≤ 1.5 MB)")
    over = [docname for docname, m in rows if m["total"] > 1.5e6]
    print(f"first visit over 1.5 MB: {', '.join(over) if over else 'none'}")
    joint = dict(rows).get(JOINT_LOAD)
    if joint:
        total = joint["total"]
        print(f"joint-load page, first visit: {total / 1e6:.3f} MB = {total:,} bytes (target ≤ 1.5 MB)")


def phone(browser, docnames) -> None:
    print("\n== 390 px phone, CPU 4x slower, slow 4G (gzip): largest contentful paint, first figure seen ==")
    with served(compress=True) as base:
        for docname in docnames:
            lcp, element, figure = largest_contentful_paint(browser, base, docname)
            print(f"{docname:58s} LCP {lcp / 1000:5.2f} s ({element or '?'})   first figure {figure / 1000:5.2f} s")


def main() -> None:
    with chromium() as browser:
        for compress, label in ((False, "uncompressed"), (True, "gzip, as static hosts serve it")):
            with served(compress=compress) as base:
                rows = [(docname, measure(browser, base, docname)) for docname in toc_docnames()]
            report(rows, label)
        phone(browser, [docname for docname, m in rows if m["figures"]])
    sliders = [(d, m["slider_ms"]) for d, m in rows if m["slider_ms"] is not None]
    if sliders:
        slowest = max(sliders, key=lambda r: r[1])
        print(f"slowest slider → redraw: {slowest[0]} ({slowest[1]:.0f} ms; target < 100 ms)")


if __name__ == "__main__":
    main()
