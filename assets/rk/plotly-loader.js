// Draws every figure that widgets/display.py wrote into the page, with the site's own
// vendored plotly.js (loaded just before this file). No network access.
(function () {
  "use strict";
  function draw(container) {
    var data = container.querySelector("script.rk-plotly-data");
    var target = container.querySelector(".rk-plotly-target");
    if (!data || !target || container.dataset.drawn) return;
    var spec;
    try {
      spec = JSON.parse(data.textContent);
    } catch (err) {
      target.textContent = "This figure could not be read (" + err.message + ").";
      return;
    }
    var layout = Object.assign({}, spec.layout, { autosize: true });
    window.Plotly.newPlot(target, spec.data, layout, spec.config || {}).then(function () {
      if (spec.frames && spec.frames.length) return window.Plotly.addFrames(target, spec.frames);
    }).then(function () {
      container.dataset.drawn = "true";
    });
  }
  function drawAll() {
    if (!window.Plotly) {
      document.querySelectorAll(".rk-plotly-target").forEach(function (t) {
        t.textContent = "The interactive figure needs JavaScript.";
      });
      return;
    }
    document.querySelectorAll("figure.rk-plotly").forEach(draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
