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
      keyboardControls(container, target, layout);
      container.dataset.drawn = "true";
    });
  }

  // plotly's own sliders and menus are SVG and answer only to mouse and touch. For keyboard
  // and screen-reader users each one gets a native twin (range input / select) that runs the
  // same step through plotly's public API and keeps the SVG control in step. The twins sit
  // out of sight until one of them has focus (like a skip link), so mouse readers see one set.
  function runStep(target, step) {
    if (!step || !step.method || step.method === "skip") return Promise.resolve();
    return window.Plotly[step.method].apply(null, [target].concat(step.args || []));
  }
  function plainLabel(text, fallback) {
    return String(text || fallback).replace(/<[^>]*>/g, "").replace(/[:\s]+$/, "").trim();
  }
  function keyboardControls(container, target, layout) {
    var sliders = layout.sliders || [], menus = layout.updatemenus || [];
    if (!sliders.length && !menus.length) return;
    var panel = document.createElement("div");
    panel.className = "rk-plotly-keys";
    function field(labelText, control) {
      var label = document.createElement("label");
      label.textContent = labelText + " ";
      label.appendChild(control);
      panel.appendChild(label);
    }
    sliders.forEach(function (slider, i) {
      var steps = slider.steps || [];
      var input = document.createElement("input");
      input.type = "range";
      input.min = "0";
      input.max = String(Math.max(steps.length - 1, 0));
      input.step = "1";
      input.value = String(slider.active || 0);
      function describe() {
        var step = steps[+input.value] || {};
        input.setAttribute("aria-valuetext", plainLabel(step.label, input.value));
      }
      describe();
      input.addEventListener("input", function () {
        var index = +input.value;
        describe();
        runStep(target, steps[index]).then(function () {
          var update = {};
          update["sliders[" + i + "].active"] = index;
          return window.Plotly.relayout(target, update);
        });
      });
      target.on("plotly_sliderchange", function (event) {
        if (event.slider && event.slider._index === i) {
          input.value = String(event.step._index);
          describe();
        }
      });
      field(plainLabel(slider.currentvalue && slider.currentvalue.prefix, "Slider " + (i + 1)), input);
    });
    menus.forEach(function (menu, i) {
      var select = document.createElement("select");
      (menu.buttons || []).forEach(function (button, j) {
        var option = document.createElement("option");
        option.value = String(j);
        option.textContent = plainLabel(button.label, "Option " + (j + 1));
        select.appendChild(option);
      });
      select.value = String(menu.active || 0);
      select.addEventListener("change", function () {
        var index = +select.value;
        runStep(target, menu.buttons[index]).then(function () {
          var update = {};
          update["updatemenus[" + i + "].active"] = index;
          return window.Plotly.relayout(target, update);
        });
      });
      target.on("plotly_buttonclicked", function (event) {
        if (event.menu && event.menu._index === i) {
          select.value = String(event.active);
        }
      });
      field(plainLabel(menu.name, "Figure option " + (i + 1)), select);
    });
    container.insertBefore(panel, target);
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
