// Training-load checker on the static site. The thresholds, the distance limit and every word
// of the findings are the JSON that widgets/static/training_load.py embeds (from
// widgets/training_load.py and clinical.yaml); the rules mirror widgets/training_load.py and are
// tested against it under Node on the same generated inputs (tests/static/test_training_load.py).
(function () {
  "use strict";
  var EPS = 1e-9;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }
  function words(t, values) { return Object.assign({}, t.words, values); }
  // As widgets.training_load: distances kept to 0.01 km, halves up; percentages to 0.1, halves
  // up; numbers written as String() writes them (number_text() is the same in Python).
  function roundKm(km) { return Math.floor(km * 100 + 0.5) / 100; }
  function percentText(value) { return String(Math.floor(value * 10 + 0.5) / 10); }

  function check(weekly, longRuns, t) {
    weekly = weekly.map(roundKm);
    longRuns = longRuns ? longRuns.map(roundKm) : null;
    var findings = [];
    for (var i = 1; i < weekly.length; i++) {
      var prev = weekly[i - 1], cur = weekly[i];
      if (prev > 0 && cur > prev * (1 + t.max_increase) + EPS) {
        findings.push({ rule: "ten_percent", week: i + 1, message: fill(t.messages.ten_percent, words(t, {
          week: i + 1, km: cur, pct: percentText(100 * (cur / prev - 1)), prev_week: i, prev_km: prev })) });
      }
    }
    if (longRuns && longRuns.length) {
      weekly.forEach(function (week, j) {
        if (longRuns[j] > week) {
          throw new Error(fill(t.messages.long_run_too_long, { week: j + 1, long_km: longRuns[j], km: week }));
        }
        if (week > 0 && longRuns[j] > t.long_run_max_share * week + EPS) {
          findings.push({ rule: "long_run", week: j + 1, message: fill(t.messages.long_run, words(t, {
            week: j + 1, long_km: longRuns[j], pct: percentText(100 * longRuns[j] / week) })) });
        }
      });
    }
    var last = 0;
    for (var k = 1; k < weekly.length; k++) {
      var before = weekly.slice(last, k);
      if (before.length && weekly[k] <= (1 - t.deload_min_reduction) * Math.max.apply(null, before)) last = k;
    }
    var without = weekly.length - last - (last ? 1 : 0);
    if (without >= t.deload_every_max_weeks) {
      findings.push({ rule: "deload", week: weekly.length, message: fill(t.messages.deload, words(t, { weeks: without })) });
    }
    return findings;
  }

  // The suggestions in one sentence, as widgets.training_load.suggestion_text() writes them.
  function suggestionText(next, t) {
    return fill(t.messages.suggestion, words(t, { n: next.length,
      weeks: next.map(function (v) { return v + " km"; }).join(", ") }));
  }

  // Indices of the weeks that count as easier (deload) weeks, exactly as check() finds them.
  function deloadWeeks(weekly, t) {
    var found = [], last = 0;
    for (var k = 1; k < weekly.length; k++) {
      var before = weekly.slice(last, k);
      if (before.length && weekly[k] <= (1 - t.deload_min_reduction) * Math.max.apply(null, before)) { last = k; found.push(k); }
    }
    return found;
  }

  function roundDown(km) { return Math.floor(km * 10 + 1e-9) / 10; }

  // Port of widgets.training_load.suggest_next_weeks (tested against it on the same cases).
  function suggest(weekly, weeks, t) {
    weekly = weekly.map(roundKm);
    if (!weekly.length || weekly[weekly.length - 1] <= 0) throw new Error("The last week must have more than 0 km to plan from.");
    var plan = weekly.slice(), last = 0, out = [];
    for (var i = 1; i < plan.length; i++) {
      var before = plan.slice(last, i);
      if (before.length && plan[i] <= (1 - t.deload_min_reduction) * Math.max.apply(null, before)) last = i;
    }
    for (var w = 0; w < weeks; w++) {
      var since = plan.length - last - (last ? 1 : 0), next;
      if (since >= t.deload_every_min_weeks) {
        next = roundDown(Math.max.apply(null, plan.slice(last)) * (1 - t.deload_min_reduction));
        last = plan.length;
      } else {
        next = roundDown(plan[plan.length - 1] * (1 + t.max_increase));
      }
      plan.push(next);
      out.push(next);
    }
    return out;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Bar chart of weekly km (past weeks solid, suggested weeks outlined), the 10% ceiling over
  // each week as a dash, easier (deload) weeks in green and weeks over the rule in red.
  function chart(weekly, next, findings, t, width) {
    var all = weekly.concat(next), n = all.length;
    var ceiling = all.map(function (v, i) { return i ? all[i - 1] * (1 + t.max_increase) : null; });
    var top = Math.max.apply(null, all.concat(ceiling.filter(function (v) { return v !== null; }))) * 1.1 || 1;
    // Drawn at the width it is shown, so the text stays readable on a phone.
    var W = Math.max(320, Math.min(640, Math.round(width || 640))), H = 280, L = 44, R = 10, T = 14, B = 46, bw = (W - L - R) / n;
    var y = function (v) { return T + (H - T - B) * (1 - v / top); };
    var over = {}, deload = {};
    findings.forEach(function (f) { if (f.rule === "ten_percent") over[f.week - 1] = true; });
    deloadWeeks(weekly, t).forEach(function (i) { deload[i] = true; });
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", class: "rk-tl-chart",
      "aria-label": "Weekly distance chart: " + weekly.length + " weeks entered and " + next.length + " suggested." });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var v = Math.round(top * f);
      svg.appendChild(el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e3e3e3" }));
      svg.appendChild(el("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 12 }, String(v)));
    });
    all.forEach(function (v, i) {
      var future = i >= weekly.length;
      var colour = future ? "#0072B2" : over[i] ? "#D55E00" : deload[i] ? "#009E73" : "#0072B2";
      var bar = el("rect", { x: L + i * bw + bw * 0.15, width: bw * 0.7, y: y(v), height: Math.max(0, y(0) - y(v)),
        fill: future ? "#ffffff" : colour, stroke: colour, "stroke-width": 2, "stroke-dasharray": future ? "5 3" : "none",
        "data-week": i + 1, "data-km": v, class: future ? "rk-tl-bar rk-tl-suggested" : "rk-tl-bar" });
      bar.appendChild(el("title", {}, "Week " + (i + 1) + ": " + v + " km" + (future ? " (suggested)" : "") +
        (over[i] ? ", more than the " + t.words.max_increase + " rule allows" : "") + (deload[i] ? ", an easier week" : "")));
      svg.appendChild(bar);
      if (ceiling[i] !== null) {
        svg.appendChild(el("line", { x1: L + i * bw + bw * 0.05, x2: L + i * bw + bw * 0.95, y1: y(ceiling[i]), y2: y(ceiling[i]),
          stroke: "#1f1f1f", "stroke-width": 2, "stroke-dasharray": "3 2", class: "rk-tl-ceiling" }));
      }
      if (n <= 16 || i % 2 === 0) svg.appendChild(el("text", { x: L + (i + 0.5) * bw, y: H - B + 16, "text-anchor": "middle", "font-size": 12 }, String(i + 1)));
    });
    svg.appendChild(el("text", { x: L + (W - L - R) / 2, y: H - 8, "text-anchor": "middle", "font-size": 13 }, "Week (outlined: suggested)"));
    svg.appendChild(el("text", { x: 12, y: T + (H - T - B) / 2, transform: "rotate(-90 12 " + (T + (H - T - B) / 2) + ")", "text-anchor": "middle", "font-size": 13 }, "km per week"));
    return svg;
  }

  function parse(text, name, required, t) {
    var parts = text.split(/[,;\s]+/).filter(function (s) { return s.length; });
    if (!parts.length) {
      if (required) throw new Error("Enter at least one week's distance.");
      return null;
    }
    return parts.map(function (s, i) {
      var v = Number(s.replace(",", "."));
      if (!isFinite(v) || v < 0 || v > t.max_week_km) {
        throw new Error(name + ": week " + (i + 1) + " is “" + s + "”; use distances from 0 to " +
          t.max_week_km.toLocaleString("en-GB") + " km.");
      }
      return roundKm(v);
    });
  }

  function start(section) {
    var t = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var form = section.querySelector("form");
    var out = section.querySelector(".rk-tl-result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      out.replaceChildren();
      try {
        var weeks = parse(form.weeks.value, "Weekly distances", true, t);
        var longs = parse(form.long.value, "Long runs", false, t);
        if (longs && longs.length !== weeks.length) throw new Error("Give one long run per week (" + weeks.length + "), or none.");
        var findings = check(weeks, longs, t);
        var heading = document.createElement("p");
        heading.className = "rk-tl-summary";
        heading.textContent = findings.length ? findings.length + " thing(s) to look at:" : "No rule broken in these weeks.";
        out.appendChild(heading);
        var list = document.createElement("ul");
        findings.forEach(function (f) {
          var li = document.createElement("li");
          li.setAttribute("data-rule", f.rule);
          li.textContent = f.message;
          list.appendChild(li);
        });
        out.appendChild(list);
        var next = suggest(weeks, 4, t);
        var plan = document.createElement("p");
        plan.className = "rk-tl-suggestion";
        plan.textContent = suggestionText(next, t);
        out.appendChild(plan);
        var figure = document.createElement("figure");
        figure.className = "rk-tl-figure";
        figure.appendChild(chart(weeks, next, findings, t, out.clientWidth));
        var key = document.createElement("figcaption");
        var pct = t.words.max_increase;
        key.innerHTML = '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-ok"></span> within the rules</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-over"></span> more than ' + pct + ' up</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-easy"></span> easier week</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-ceiling"></span> the ' + pct + ' ceiling</span>';
        figure.appendChild(key);
        out.appendChild(figure);
      } catch (err) {
        var p = document.createElement("p");
        p.className = "rk-tl-error";
        p.setAttribute("role", "alert");
        p.textContent = err.message;
        out.appendChild(p);
      }
    });
  }

  window.rkTrainingLoad = { check: check, suggest: suggest, deloadWeeks: deloadWeeks, suggestionText: suggestionText };
  function init() { document.querySelectorAll("section.rk-widget-training-load").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
