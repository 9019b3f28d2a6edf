// Training-load checker on the static site. The thresholds are the JSON that
// widgets/static/training_load.py embeds (from clinical.yaml); the rules mirror
// widgets/training_load.py and are tested against it on the same cases.
(function () {
  "use strict";
  var EPS = 1e-9;

  function check(weekly, longRuns, t) {
    var findings = [];
    for (var i = 1; i < weekly.length; i++) {
      var prev = weekly[i - 1], cur = weekly[i];
      if (prev > 0 && cur > prev * (1 + t.max_increase) + EPS) {
        findings.push({ rule: "ten_percent", week: i + 1, message: "Week " + (i + 1) + ": " + cur + " km is " +
          Math.round(100 * (cur / prev - 1)) + "% more than week " + i + "'s " + prev + " km (the rule: at most " +
          Math.round(t.max_increase * 100) + "% more per week)." });
      }
    }
    if (longRuns) {
      weekly.forEach(function (week, j) {
        if (week > 0 && longRuns[j] > t.long_run_max_share * week + EPS) {
          findings.push({ rule: "long_run", week: j + 1, message: "Week " + (j + 1) + ": the long run (" + longRuns[j] +
            " km) is " + Math.round(100 * longRuns[j] / week) + "% of the week (the rule: at most " +
            Math.round(t.long_run_max_share * 100) + "%)." });
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
      findings.push({ rule: "deload", week: weekly.length, message: "No easier week in the last " + without +
        " weeks: plan a week with at least " + Math.round(t.deload_min_reduction * 100) + "% less volume." });
    }
    return findings;
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
        (over[i] ? ", more than the 10% rule allows" : "") + (deload[i] ? ", an easier week" : "")));
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

  function parse(text, name, required) {
    var parts = text.split(/[,;\s]+/).filter(function (s) { return s.length; });
    if (!parts.length) {
      if (required) throw new Error("Enter at least one week's distance.");
      return null;
    }
    return parts.map(function (s, i) {
      var v = Number(s.replace(",", "."));
      if (!isFinite(v) || v < 0) throw new Error(name + ": week " + (i + 1) + " is “" + s + "”; use numbers of 0 km or more.");
      return v;
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
        var weeks = parse(form.weeks.value, "Weekly distances", true);
        var longs = parse(form.long.value, "Long runs", false);
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
        plan.textContent = "Suggested next 4 weeks: " + next.map(function (v) { return v + " km"; }).join(", ") +
          " (at most " + Math.round(t.max_increase * 100) + "% more per week, with an easier week when one is due).";
        out.appendChild(plan);
        var figure = document.createElement("figure");
        figure.className = "rk-tl-figure";
        figure.appendChild(chart(weeks, next, findings, t, out.clientWidth));
        var key = document.createElement("figcaption");
        var pct = Math.round(t.max_increase * 100);
        key.innerHTML = '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-ok"></span> within the rules</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-over"></span> more than ' + pct + '% up</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-easy"></span> easier week</span>' +
          '<span class="rk-tl-keyitem"><span class="rk-tl-key rk-tl-key-ceiling"></span> the ' + pct + '% ceiling</span>';
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

  window.rkTrainingLoad = { check: check, suggest: suggest, deloadWeeks: deloadWeeks };
  function init() { document.querySelectorAll("section.rk-widget-training-load").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
