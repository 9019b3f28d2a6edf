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
      } catch (err) {
        var p = document.createElement("p");
        p.className = "rk-tl-error";
        p.setAttribute("role", "alert");
        p.textContent = err.message;
        out.appendChild(p);
      }
    });
  }

  window.rkTrainingLoad = { check: check };
  function init() { document.querySelectorAll("section.rk-widget-training-load").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
