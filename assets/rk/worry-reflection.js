// The fear-and-worry reflection on the static site. Every word, threshold and help level is the
// JSON that widgets/static/worry_reflection.py embeds (from widgets/data/worry_reflection.yaml
// and the red-flag catalogue); the rule mirrors widgets.worry_reflection.reflect and is tested
// against it under Node (tests/static/test_worry_reflection.py). The answers live only in the
// form: nothing is written to storage, and nothing is sent anywhere.
(function () {
  "use strict";

  // How many statements and questions have no answer (missing or null), as
  // widgets.worry_reflection.unanswered.
  function unanswered(ratings, checkIn, d) {
    var n = 0;
    d.statements.forEach(function (s) { if (ratings[s.key] === undefined || ratings[s.key] === null) n++; });
    d.check_in.forEach(function (c) { if (checkIn[c.key] === undefined || checkIn[c.key] === null) n++; });
    return n;
  }

  function incompleteMessage(ratings, checkIn, d) {
    var n = unanswered(ratings, checkIn, d);
    return n ? d.messages.incomplete.replace("{n}", String(n)) : null;
  }

  // Port of widgets.worry_reflection.reflect (answers already complete and valid: the form only
  // offers the scale's values and the answers' keys).
  function reflect(ratings, checkIn, d) {
    var total = 0;
    d.statements.forEach(function (s) { total += ratings[s.key]; });
    var band = d.bands.filter(function (b) { return total <= b.max; })[0];
    var tips = d.statements.filter(function (s) { return ratings[s.key] >= d.tip_from; })
      .map(function (s) { return { key: s.key, theme: s.theme, text: s.tip }; });
    var wanted = band.help ? [band.help] : [];
    d.check_in.forEach(function (c) { if (d.route_up.indexOf(checkIn[c.key]) >= 0) wanted.push(c.help); });
    var seen = [];
    wanted.forEach(function (k) { if (seen.indexOf(k) < 0) seen.push(k); });
    // Most urgent first; equal ranks keep their order (Python's sorted is stable, so is this).
    var help = seen.map(function (k, i) { return [d.help[k], i]; })
      .sort(function (a, b) { return (b[0].rank - a[0].rank) || (a[1] - b[1]); })
      .map(function (pair) { var h = pair[0];
        return { key: h.key, level: h.level, rank: h.rank, title: h.title, when: h.when, icon: h.icon, action: h.action }; });
    return { band: band.key, message: band.message, tips: tips, help: help };
  }

  // A help level's heading, as widgets.worry_reflection.help_heading: the title, then the time
  // frame in brackets unless the title already says it.
  function heading(title, when) {
    return title.toLowerCase().indexOf(when.toLowerCase()) >= 0 ? title : title + " (" + when + ")";
  }

  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function read(form, d) {
    var ratings = {}, checkIn = {};
    d.statements.forEach(function (s) {
      var picked = form.querySelector('input[name="s-' + s.key + '"]:checked');
      ratings[s.key] = picked ? Number(picked.value) : null;
    });
    d.check_in.forEach(function (c) {
      var picked = form.querySelector('input[name="c-' + c.key + '"]:checked');
      checkIn[c.key] = picked ? picked.value : null;
    });
    return [ratings, checkIn];
  }

  function show(out, result, d) {
    out.replaceChildren();
    out.setAttribute("data-band", result.band);
    out.appendChild(node("h3", "rk-wr-heading", "Your reflection"));
    out.appendChild(node("p", "rk-wr-message", result.message));
    if (result.help.length) {
      var helpList = node("ul", "rk-wr-help");
      result.help.forEach(function (h) {
        var li = node("li", "rk-wr-help-item rk-wr-level-" + h.level);
        li.setAttribute("data-level", h.level);
        li.appendChild(node("strong", "rk-wr-help-title", heading(h.title, h.when)));
        li.appendChild(node("span", "rk-wr-help-action", " " + h.action));
        helpList.appendChild(li);
      });
      out.appendChild(helpList);
    } else {
      out.appendChild(node("p", "rk-wr-no-help", d.messages.no_help));
    }
    if (result.tips.length) {
      var tips = node("ul", "rk-wr-tips");
      result.tips.forEach(function (t) {
        var li = node("li");
        li.setAttribute("data-key", t.key);
        li.appendChild(node("strong", null, t.theme + ": "));
        li.appendChild(document.createTextNode(t.text));
        tips.appendChild(li);
      });
      out.appendChild(tips);
    }
  }

  function start(section) {
    var d = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var form = section.querySelector("form.rk-wr-form");
    var out = section.querySelector(".rk-wr-result");
    if (!form || !out) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = read(form, d);
      var missing = incompleteMessage(answers[0], answers[1], d);
      if (missing) {
        out.replaceChildren();
        out.removeAttribute("data-band");
        var p = node("p", "rk-wr-error", missing);
        p.setAttribute("role", "alert");
        out.appendChild(p);
        var first = form.querySelector("fieldset:not(:has(input:checked)) input");
        if (first) first.focus();
        return;
      }
      show(out, reflect(answers[0], answers[1], d), d);
      out.focus();
    });
    form.addEventListener("reset", function () { out.replaceChildren(); out.removeAttribute("data-band"); });
  }

  window.rkWorryReflection = { reflect: reflect, unanswered: unanswered, incompleteMessage: incompleteMessage,
    heading: heading };
  function init() { document.querySelectorAll("section.rk-widget-worry-reflection").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
