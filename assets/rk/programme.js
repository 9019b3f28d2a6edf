// Rehabilitation programme builder on the static site. The numbers and words are the JSON
// that widgets/static/programme.py embeds (from widgets/programme.py and clinical.yaml); the
// dates are laid out as widgets.programme.build_programme() does and tested against it.
// Dates are whole days counted from 1970-01-01 (no Date objects, so no time zones), and the
// CSV and .ics files are written in the page.
(function () {
  "use strict";

  // --- days <-> "YYYY-MM-DD" (proleptic Gregorian, as Python's datetime.date): rk-common.js ----
  var C = window.rkCommon;
  var pad = C.pad, iso = C.isoOf, compact = C.compactDate, weekday = C.weekday;  // weekday: Monday = 0
  function parseISO(text) { return C.parseIso(String(text || "").trim()); }  // null: not a real date

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }

  // --- the programme (mirrors widgets.programme) -------------------------------------------
  function makeApi(cfg) {
    var rules = cfg.rules;

    function label(days) {
      var c = C.civilFromDays(days);
      return cfg.weekdays[weekday(days)] + " " + c[2] + " " + cfg.months[c[1] - 1] + " " + c[0];
    }

    function warning(days) {
      var pairs = [];
      days.forEach(function (a) {
        days.forEach(function (b) { if ((((b - a) % 7) + 7) % 7 === 1) pairs.push([a, b]); });
      });
      if (!pairs.length) return null;
      var named = pairs.map(function (p) { return cfg.weekday_names[p[0]] + " and " + cfg.weekday_names[p[1]]; });
      return fill(cfg.templates.warning, { pairs: named.join(", "), example: cfg.spread_example });
    }

    // build("2027-01-04", [0, 2, 4], 6): the sessions as build_programme() lays them out.
    function build(startText, weekdays, weeks) {
      var start = parseISO(startText);
      if (start === null) throw new Error("Pick the first day of the programme.");
      if (start > parseISO(cfg.latest_start)) throw new Error("Pick a first day on or before " + cfg.latest_start + ".");
      var n = rules.sessions_per_week, low = rules.weeks_range[0], high = rules.weeks_range[1];
      if (weeks === undefined || weeks === null) weeks = rules.default_weeks;
      weeks = Number(weeks);
      if (!(Number.isInteger(weeks) && weeks >= low && weeks <= high)) {
        throw new Error("Choose from " + low + " to " + high + " weeks.");
      }
      var days = [];
      (weekdays || []).forEach(function (d) {
        d = Number(d);
        if (!(Number.isInteger(d) && d >= 0 && d <= 6)) throw new Error("Days of the week are 0 (Monday) to 6 (Sunday).");
        // As widgets.programme.check_weekdays: a day given twice is refused, not merged.
        if (days.indexOf(d) !== -1) throw new Error("Pick each day of the week only once.");
        days.push(d);
      });
      days.sort(function (a, b) { return a - b; });
      if (days.length !== n) {
        throw new Error("Pick exactly " + n + " days (" + rules.sessions_per_week_text + "): you have picked " +
          days.length + ".");
      }
      var sessions = [];
      for (var offset = 0; offset < 7 * weeks; offset++) {
        if (days.indexOf(weekday(start + offset)) !== -1) {
          sessions.push({ date: iso(start + offset), days: start + offset, week: Math.floor(offset / 7) + 1,
            number: sessions.length + 1 });
        }
      }
      var w = warning(days);
      return {
        start: iso(start), startDays: start, weekdays: days, weeks: weeks, sessions: sessions,
        end: iso(start + 7 * weeks - 1), maintenanceStart: iso(start + 7 * weeks),
        maintenanceText: fill(cfg.templates.maintenance, { date: label(start + 7 * weeks),
          sessions: rules.maintenance_sessions_text, names: cfg.maintenance_names, dose: rules.maintenance_dose }),
        warnings: w ? [w] : []
      };
    }

    // CSV exactly as programme_csv(): RFC 4180, CRLF, quotes only where needed (rkCommon.toCsv).
    function csv(plan) {
      var rows = [cfg.csv_header];
      var total = plan.sessions.length;
      plan.sessions.forEach(function (s) {
        cfg.exercises.forEach(function (e) {
          rows.push([s.date, cfg.weekdays[weekday(s.days)], s.week, s.number + "/" + total, e.name, e.dose, ""]);
        });
      });
      var m = parseISO(plan.maintenanceStart);
      cfg.exercises.forEach(function (e) {
        if (e.maintenance) {
          rows.push([plan.maintenanceStart, cfg.weekdays[weekday(m)], "maintenance", rules.maintenance_sessions_text,
            e.name, rules.maintenance_dose, ""]);
        }
      });
      return C.toCsv(rows);
    }

    // iCalendar (RFC 5545): escaped TEXT, lines folded at 75 octets without splitting a character.
    function icsText(s) {
      return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
    }

    // Lines folded at 75 octets as icalendar folds them: rkCommon.foldLine / icsLines.

    function ics(plan, stamp) {
      var when = C.utcStamp(stamp instanceof Date ? stamp : new Date());
      var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + icsText(cfg.ics.prodid),
        "X-WR-CALNAME:" + icsText(cfg.ics.calname)];
      var startCompact = compact(plan.startDays);
      function event(uid, days, summary, text) {
        lines.push("BEGIN:VEVENT", "SUMMARY:" + icsText(summary), "DTSTART;VALUE=DATE:" + compact(days),
          "DTEND;VALUE=DATE:" + compact(days + 1), "DTSTAMP:" + when, "UID:" + uid + "@" + cfg.ics.uid_domain,
          "DESCRIPTION:" + icsText(text), "TRANSP:TRANSPARENT", "END:VEVENT");
      }
      plan.sessions.forEach(function (s) {
        event(startCompact + "-" + compact(s.days), s.days,
          fill(cfg.templates.summary, { n: s.number, total: plan.sessions.length, week: s.week, weeks: plan.weeks }),
          cfg.description);
      });
      event(startCompact + "-maintenance", parseISO(plan.maintenanceStart), cfg.ics.maintenance_summary,
        plan.maintenanceText);
      lines.push("END:VCALENDAR");
      return C.icsLines(lines);
    }

    return { build: build, csv: csv, ics: ics, label: label, parseISO: parseISO, iso: iso, weekday: weekday };
  }

  // --- the page -------------------------------------------------------------------------------
  var todayISO = C.todayIso;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function download(text, name, type) {
    // A byte-order mark so that spreadsheet programs read the dashes and × as UTF-8.
    var blob = new Blob([type === "text/csv" ? C.withBom(text) : text], { type: type + ";charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function grid(api, plan, n) {
    var table = el("table", "rk-pg-ticks");
    var caption = el("caption", "visually-hidden", "Dated sessions, week by week: tick when done, note knee pain");
    table.appendChild(caption);
    var head = table.createTHead().insertRow();
    var corner = el("th", "", "Week");
    corner.scope = "col";
    head.appendChild(corner);
    for (var i = 1; i <= n; i++) {
      var th = el("th", "", "Session " + i);
      th.scope = "col";
      head.appendChild(th);
    }
    var body = table.createTBody();
    for (var w = 1; w <= plan.weeks; w++) {
      var row = body.insertRow();
      var rowHead = el("th", "", String(w));
      rowHead.scope = "row";
      row.appendChild(rowHead);
      plan.sessions.filter(function (s) { return s.week === w; }).forEach(function (s) {
        var cell = row.insertCell();
        cell.setAttribute("data-date", s.date);
        var date = el("time", "rk-pg-date", api.label(s.days));
        date.dateTime = s.date;
        cell.appendChild(date);
        var tick = el("span", "rk-pg-tick");
        tick.appendChild(el("span", "rk-pg-box"));
        tick.appendChild(document.createTextNode(" done, pain __/10"));
        cell.appendChild(tick);
      });
    }
    return table;
  }

  function start(section) {
    var cfg = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var api = makeApi(cfg);
    var form = section.querySelector(".rk-pg-form");
    var message = section.querySelector(".rk-pg-message");
    var gridBox = section.querySelector(".rk-pg-grid");
    var dates = section.querySelector(".rk-pg-dates");
    var maint = section.querySelector(".rk-pg-maint");
    var buttons = section.querySelectorAll(".rk-pg-actions button");
    var noJs = section.querySelector(".rk-pg-nojs");
    var plan = null;
    if (noJs) noJs.hidden = true;
    if (!form.start.value) form.start.value = todayISO();

    function picked() {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=day]"), function (box) { return box.checked; })
        .map(function (box) { return Number(box.value); });
    }

    function update() {
      message.replaceChildren();
      try {
        plan = api.build(form.start.value, picked(), Number(form.weeks.value));
      } catch (err) {
        plan = null;
        var p = el("p", "rk-pg-error", err.message);
        p.setAttribute("role", "alert");
        message.appendChild(p);
      }
      buttons.forEach(function (b) { b.disabled = !plan; });
      section.classList.toggle("rk-pg-has-plan", !!plan);
      gridBox.replaceChildren();
      if (!plan) { dates.textContent = ""; return; }
      plan.warnings.forEach(function (w) { message.appendChild(el("p", "rk-pg-warning", w)); });
      var first = api.parseISO(plan.start), last = api.parseISO(plan.end);
      dates.textContent = "This plan: " + plan.weeks + " weeks, from " + api.label(first) + " to " + api.label(last) + ".";
      gridBox.appendChild(grid(api, plan, cfg.rules.sessions_per_week));
      maint.replaceChildren(el("strong", "", "Afterwards: "), document.createTextNode(plan.maintenanceText));
    }

    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    section.querySelector(".rk-pg-print").addEventListener("click", function () { window.print(); });
    section.querySelector(".rk-pg-csv").addEventListener("click", function () {
      if (plan) download(api.csv(plan), "knee-programme-" + plan.start + ".csv", "text/csv");
    });
    section.querySelector(".rk-pg-ics").addEventListener("click", function () {
      if (plan) download(api.ics(plan), "knee-programme-" + plan.start + ".ics", "text/calendar");
    });
    update();
  }

  var configured = null;
  window.rkProgramme = {
    // For tests and the curious: the same functions the page uses, with the page's data.
    api: function () {
      if (!configured) {
        var data = document.querySelector("section.rk-widget-programme script.rk-widget-data");
        configured = makeApi(JSON.parse(data.textContent));
      }
      return configured;
    },
    build: function (startText, weekdays, weeks) { return window.rkProgramme.api().build(startText, weekdays, weeks); },
    csv: function (plan) { return window.rkProgramme.api().csv(plan); },
    ics: function (plan, stamp) { return window.rkProgramme.api().ics(plan, stamp); },
    daysFromCivil: C.daysFromCivil,
    civilFromDays: C.civilFromDays
  };
  function init() { document.querySelectorAll("section.rk-widget-programme").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
