// Makes every figure that widgets/display.py wrote into the page interactive. Each figure is
// first shown as its static picture (committed SVG, at the figure's own height); the site's own
// vendored plotly.js (1.2 MB, same site, no network beyond it) is fetched only when the reader
// reaches a figure (IntersectionObserver, with a margin) or touches, hovers or focuses one;
// then each figure is drawn in place of its picture, in the same box. Not when the page is
// idle: a reader who never scrolls to a figure never pays for plotly.js (the first visit of
// every page stays under 1.5 MB), and the picture already shows everything the figure does.
(function () {
  "use strict";
  var script = document.currentScript;
  var PLOTLY_URL = new URL("../" + script.getAttribute("data-plotly"), script.src).href;
  var NEAR = "300px 0px";  // start fetching this far before a figure scrolls into view
  var requested = false;

  function loadPlotly() {
    if (requested) return;
    requested = true;
    var tag = document.createElement("script");
    tag.src = PLOTLY_URL;
    tag.async = true;
    tag.onload = function () {
      figures().forEach(function (figure, i) {
        // One figure per task, so a page of figures does not block input for the whole batch.
        setTimeout(function () { draw(figure); }, i);
      });
    };
    tag.onerror = function () { requested = false; };
    document.head.appendChild(tag);
  }

  function draw(container) {
    var data = container.querySelector("script.rk-plotly-data");
    var target = container.querySelector(".rk-plotly-target");
    if (!data || !target || container.dataset.drawn || container.dataset.drawing) return;
    var spec;
    try {
      spec = JSON.parse(data.textContent);
    } catch (err) {
      return;  // the static picture stays
    }
    container.dataset.drawing = "true";
    var picture = target.querySelector(".rk-plotly-static");
    var layout = Object.assign({}, spec.layout, { autosize: true });
    window.Plotly.newPlot(target, spec.data, layout, spec.config || {}).then(function () {
      if (spec.frames && spec.frames.length) return window.Plotly.addFrames(target, spec.frames);
    }).then(function () {
      // The plot is drawn over the picture (same box); now the picture can go, and the text
      // alternative, which its alt carried, is read from the page's hidden text instead.
      if (picture) picture.remove();
      var alt = container.querySelector(".rk-plotly-alt");
      if (alt) alt.removeAttribute("aria-hidden");
      keyboardControls(container, target, layout);
      container.dataset.drawn = "true";
      delete container.dataset.drawing;
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
  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.rk-plotly"));
  }
  function start() {
    var all = figures();
    if (!all.length) return;
    all.forEach(function (figure) {
      ["pointerdown", "touchstart", "focusin", "mouseenter"].forEach(function (type) {
        figure.addEventListener(type, loadPlotly, { once: true, passive: true });
      });
    });
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          loadPlotly();
        }
      }, { rootMargin: NEAR });
      all.forEach(function (figure) { observer.observe(figure); });
    } else {
      // No IntersectionObserver (very old browsers): after the page has loaded, the text and
      // pictures first.
      if (document.readyState === "complete") loadPlotly();
      else window.addEventListener("load", loadPlotly, { once: true });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
