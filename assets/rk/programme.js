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

    // Every session of the progression plan with its stage (programme.staged_sessions): the
    // exports give each session its stage's exercises and doses, as the printed plan does.
    function staged(b, log) {
      var p = plan(b.start, b.weekdays, b.weeks, log || []), out = [];
      p.planWeeks.forEach(function (w) {
        w.sessions.forEach(function (d) {
          out.push({ date: d, days: parseISO(d), week: w.week, number: out.length + 1, stage: w.stage });
        });
      });
      var ms = b.startDays + 7 * p.planWeeks.length;
      return { sessions: out, weeks: p.planWeeks.length, maintenanceDays: ms, maintenanceStart: iso(ms) };
    }

    // CSV exactly as programme_csv(): RFC 4180, CRLF, quotes only where needed (rkCommon.toCsv).
    function csv(plan, log) {
      var st = staged(plan, log);
      var rows = [cfg.csv_header];
      var total = st.sessions.length;
      st.sessions.forEach(function (s) {
        cfg.stages[s.stage - 1].exercises.forEach(function (e) {
          rows.push([s.date, cfg.weekdays[weekday(s.days)], s.week, s.number + "/" + total, e.name, e.dose, ""]);
        });
      });
      cfg.exercises.forEach(function (e) {
        if (e.maintenance) {
          rows.push([st.maintenanceStart, cfg.weekdays[weekday(st.maintenanceDays)], "maintenance",
            rules.maintenance_sessions_text, e.name, rules.maintenance_dose, ""]);
        }
      });
      return C.toCsv(rows);
    }

    // iCalendar (RFC 5545): escaped TEXT, lines folded at 75 octets without splitting a character.
    function icsText(s) {
      return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
    }

    // Lines folded at 75 octets as icalendar folds them: rkCommon.foldLine / icsLines.

    function ics(plan, stamp, log) {
      var st = staged(plan, log);
      var when = C.utcStamp(stamp instanceof Date ? stamp : new Date());
      var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + icsText(cfg.ics.prodid),
        "X-WR-CALNAME:" + icsText(cfg.ics.calname)];
      var startCompact = compact(plan.startDays);
      function event(uid, days, summary, text) {
        lines.push("BEGIN:VEVENT", "SUMMARY:" + icsText(summary), "DTSTART;VALUE=DATE:" + compact(days),
          "DTEND;VALUE=DATE:" + compact(days + 1), "DTSTAMP:" + when, "UID:" + uid + "@" + cfg.ics.uid_domain,
          "DESCRIPTION:" + icsText(text), "TRANSP:TRANSPARENT", "END:VEVENT");
      }
      st.sessions.forEach(function (s) {
        event(startCompact + "-" + compact(s.days), s.days,
          fill(cfg.templates.summary, { n: s.number, total: st.sessions.length, week: s.week, weeks: st.weeks }),
          cfg.stages[s.stage - 1].description);
      });
      event(startCompact + "-maintenance", st.maintenanceDays, cfg.ics.maintenance_summary,
        fill(cfg.templates.maintenance, { date: label(st.maintenanceDays), sessions: rules.maintenance_sessions_text,
          names: cfg.maintenance_names, dose: rules.maintenance_dose }));
      lines.push("END:VCALENDAR");
      return C.icsLines(lines);
    }

    // --- the programme that progresses (mirrors widgets.progression) ------------------------
    var P = cfg.progression;

    // decide(): widgets.progression.decide, the exercise pain limit as a weekly rule (P.rules).
    function decide(pain, worse) {
      if (worse || pain >= P.rules.step_back_from) return "step_back";
      if (pain < P.rules.progress_below) return "progress";
      return "repeat";
    }

    function checkLog(log) {
      if (!Array.isArray(log)) throw new Error("The log must be a list of weeks.");
      if (log.length > P.rules.max_logged_weeks) {
        throw new Error("The log can hold up to " + P.rules.max_logged_weeks + " weeks.");
      }
      return log.map(function (row, i) {
        var pain, worse;
        if (Array.isArray(row) && row.length === 2) { pain = row[0]; worse = row[1]; }
        else if (row && typeof row === "object" && !Array.isArray(row)) { pain = row.pain; worse = row.worse_next_day; }
        else throw new Error("Week " + (i + 1) + " of the log is not a pain score and a yes or no.");
        if (typeof pain !== "number" || !Number.isFinite(pain) || pain < 0 || pain > 10) {
          throw new Error("Week " + (i + 1) + ": the pain must be a number from 0 to 10.");
        }
        if (typeof worse !== "boolean") throw new Error("Week " + (i + 1) + ": say whether the knee was worse the next day.");
        return [pain, worse];
      });
    }

    function targets(weeks) {
      var t = P.stage_weeks.slice();
      var sum = t.reduce(function (a, b) { return a + b; }, 0);
      t[t.length - 1] += weeks - sum;
      return t;
    }

    // plan("2027-01-04", [0, 2, 4], 6, [[1, false], [5, false]]): the weeks as progression.plan() gives them.
    function plan(startText, weekdays, weeks, log) {
      var base = build(startText, weekdays, weeks);  // the builder's checks and dates
      var entries = checkLog(log || []);
      var t = targets(base.weeks), last = t.length, good = t.map(function () { return 0; });
      var stage = 1, complete = false, out = [];
      function week(k, st, entry, decision, next) {
        var first = base.startDays + 7 * (k - 1), sessions = [];
        for (var d = 0; d < 7; d++) if (base.weekdays.indexOf(weekday(first + d)) !== -1) sessions.push(iso(first + d));
        return { week: k, start: iso(first), end: iso(first + 6), stage: st, sessions: sessions,
          logged: entry, decision: decision, next: next };
      }
      entries.forEach(function (entry, i) {
        if (complete) throw new Error("The programme was complete after week " + i + ".");
        var decision = decide(entry[0], entry[1]), now = stage, text;
        if (decision === "progress") {
          good[stage - 1] += 1;
          if (good[stage - 1] >= t[stage - 1]) {
            if (stage === last) { complete = true; text = P.templates.progress_done; }
            else { stage += 1; text = fill(P.templates.progress_on, { stage: P.stage_titles[stage - 1] }); }
          } else {
            text = fill(P.templates.progress_stay, { done: good[stage - 1], needed: t[stage - 1] });
          }
        } else if (decision === "repeat") {
          text = fill(P.templates.repeat, { below: P.rules.below_text, limit: P.rules.limit_text });
        } else {
          stage = Math.max(stage - 1, 1);
          var why = [];
          if (entry[0] >= P.rules.step_back_from) why.push(fill(P.why_pain, { limit: P.rules.limit_text }));
          if (entry[1]) why.push(P.why_next_day);
          text = fill(P.templates.step_back, { why: why.join(" and "), stage: P.stage_titles[stage - 1] });
        }
        out.push(week(i + 1, now, entry, decision, text));
      });
      var k = entries.length;
      while (!complete) {
        k += 1;
        out.push(week(k, stage, null, null, null));
        good[stage - 1] += 1;
        if (good[stage - 1] >= t[stage - 1]) {
          if (stage === last) break;
          stage += 1;
        }
      }
      return { start: base.start, weeks: base.weeks, targets: t, planWeeks: out, complete: complete, base: base };
    }

    function weekRanges(numbers) {
      var sorted = numbers.slice().sort(function (a, b) { return a - b; }), out = [], run = [];
      function flush() { if (run.length) out.push(run.length === 1 ? String(run[0]) : run[0] + "\u2013" + run[run.length - 1]); }
      sorted.forEach(function (n) {
        if (run.length && n === run[run.length - 1] + 1) { run.push(n); return; }
        flush();
        run = [n];
      });
      flush();
      return out.join(", ");
    }

    function stageWeeksText(p, stage) {
      var weeks = p.planWeeks.filter(function (w) { return w.stage === stage; }).map(function (w) { return w.week; });
      if (!weeks.length) return "";
      return fill(P.weeks_template, { s: weeks.length > 1 ? "s" : "", weeks: weekRanges(weeks) });
    }

    return { build: build, csv: csv, ics: ics, label: label, parseISO: parseISO, iso: iso, weekday: weekday,
      decide: decide, plan: plan, weekRanges: weekRanges, stageWeeksText: stageWeeksText };
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

  function grid(api, cfg, prog, n) {
    var P = cfg.progression;
    var table = el("table", "rk-pg-ticks");
    var caption = el("caption", "visually-hidden", "Week by week: the stage, the dated sessions to tick, and the week's knee pain");
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
    var weekHead = el("th", "", "Stage and the week's pain");
    weekHead.scope = "col";
    head.appendChild(weekHead);
    var body = table.createTBody();
    prog.planWeeks.forEach(function (w) {
      var row = body.insertRow();
      row.className = w.logged ? "rk-pg-done rk-pg-" + w.decision : "rk-pg-todo";
      var rowHead = el("th", "", String(w.week));
      rowHead.scope = "row";
      row.appendChild(rowHead);
      w.sessions.forEach(function (iso) {
        var cell = row.insertCell();
        cell.setAttribute("data-date", iso);
        var date = el("time", "rk-pg-date", api.label(api.parseISO(iso)));
        date.dateTime = iso;
        cell.appendChild(date);
        var tick = el("span", "rk-pg-tick");
        tick.appendChild(el("span", "rk-pg-box"));
        tick.appendChild(document.createTextNode(" done"));
        cell.appendChild(tick);
      });
      var stageCell = el("td", "rk-pg-weekcell");
      stageCell.appendChild(el("span", "rk-pg-stagetag", "Stage " + w.stage));
      if (w.logged) {
        stageCell.appendChild(el("span", "rk-pg-logged", "Pain " + w.logged[0] + "/10" +
          (w.logged[1] ? ", worse next day" : "") + ": " + P.decision_words[w.decision]));
      } else {
        var blank = el("span", "rk-pg-tick", "worst pain __/10, worse next day ");
        blank.appendChild(el("span", "rk-pg-box"));
        stageCell.appendChild(blank);
      }
      row.appendChild(stageCell);
    });
    return table;
  }

  // The builder's inputs and the weekly log, kept in this browser (rkCommon.store).
  function loadState(store, key) {
    var got = store.read(key);
    if (got.problem || got.value === null) return { state: null, problem: got.problem };
    try {
      var state = JSON.parse(got.value);
      if (!state || typeof state.start !== "string" || !Array.isArray(state.days) || !Array.isArray(state.log)) {
        throw new Error("not a plan");
      }
      return { state: state, problem: null };
    } catch (err) {
      var aside = store.keepAside(key, got.value);
      return { state: null, problem: "corrupt", aside: aside };
    }
  }

  function start(section) {
    var cfg = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var api = makeApi(cfg);
    var P = cfg.progression;
    var form = section.querySelector(".rk-pg-form");
    var message = section.querySelector(".rk-pg-message");
    var gridBox = section.querySelector(".rk-pg-grid");
    var dates = section.querySelector(".rk-pg-dates");
    var maint = section.querySelector(".rk-pg-maint");
    var buttons = section.querySelectorAll(".rk-pg-actions button");
    var noJs = section.querySelector(".rk-pg-nojs");
    var logForm = section.querySelector(".rk-pg-logform");
    var logWhich = section.querySelector(".rk-pg-logwhich");
    var logMsg = section.querySelector(".rk-pg-logmsg");
    var undo = section.querySelector(".rk-pg-undo");
    var store = C.store();
    var plan = null, prog = null, log = [];
    if (noJs) noJs.hidden = true;

    var saved = loadState(store, P.storage_key);
    if (saved.state) {
      form.start.value = saved.state.start;
      form.querySelectorAll("input[name=day]").forEach(function (box) {
        box.checked = saved.state.days.indexOf(Number(box.value)) !== -1;
      });
      if (saved.state.weeks) form.weeks.value = String(saved.state.weeks);
      log = saved.state.log;
    }
    if (!form.start.value) form.start.value = todayISO();

    function say(box, text, kind) {
      var p = el("p", kind, text);
      if (kind === "rk-pg-error") p.setAttribute("role", "alert");
      box.appendChild(p);
    }

    function storageWords(problem) {
      return "Your log is not kept after you leave this page: " + (C.problemWords[problem] || C.problemWords.error) + ".";
    }

    function save() {
      var problem = store.write(P.storage_key, JSON.stringify({ start: form.start.value, days: picked(),
        weeks: Number(form.weeks.value), log: log }));
      if (problem) say(logMsg, storageWords(problem), "rk-pg-warning");
    }

    function picked() {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=day]"), function (box) { return box.checked; })
        .map(function (box) { return Number(box.value); });
    }

    function update() {
      message.replaceChildren();
      try {
        plan = api.build(form.start.value, picked(), Number(form.weeks.value));
        prog = api.plan(form.start.value, picked(), Number(form.weeks.value), log);
      } catch (err) {
        plan = null;
        prog = null;
        say(message, err.message, "rk-pg-error");
      }
      buttons.forEach(function (b) { b.disabled = !plan; });
      section.classList.toggle("rk-pg-has-plan", !!plan);
      gridBox.replaceChildren();
      section.querySelectorAll(".rk-pg-stage-weeks").forEach(function (span) {
        span.textContent = prog ? "\u00b7 " + api.stageWeeksText(prog, Number(span.getAttribute("data-stage"))) : "";
      });
      if (!plan) { dates.textContent = ""; logForm.hidden = true; return; }
      plan.warnings.forEach(function (w) { say(message, w, "rk-pg-warning"); });
      var lastWeek = prog.planWeeks[prog.planWeeks.length - 1];
      var first = api.parseISO(plan.start), last = api.parseISO(lastWeek.end);
      dates.textContent = "This plan: " + prog.planWeeks.length + " weeks, from " + api.label(first) + " to " +
        api.label(last) + ".";
      gridBox.appendChild(grid(api, cfg, prog, cfg.rules.sessions_per_week));
      var afterText = fill(cfg.templates.maintenance, { date: api.label(last + 1),
        sessions: cfg.rules.maintenance_sessions_text, names: cfg.maintenance_names, dose: cfg.rules.maintenance_dose });
      maint.replaceChildren(el("strong", "", "Afterwards: "), document.createTextNode(afterText));
      logForm.hidden = false;
      undo.disabled = !log.length;
      var next = prog.planWeeks[log.length];
      logForm.querySelector(".rk-pg-logbtn").disabled = !next;
      logWhich.textContent = next ? "Week " + next.week + " (stage " + next.stage + "), " + api.label(api.parseISO(next.start)) +
        " to " + api.label(api.parseISO(next.end)) + "." : P.templates.progress_done;
    }

    function changed() { logMsg.replaceChildren(); update(); if (plan) save(); }

    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    logForm.addEventListener("submit", function (event) {
      event.preventDefault();
      logMsg.replaceChildren();
      var text = String(logForm.pain.value || "").trim();
      var pain = text === "" ? NaN : Number(text);
      if (!(Number.isFinite(pain) && pain >= 0 && pain <= 10)) {
        say(logMsg, "Enter the worst knee pain of the week as a number from 0 (none) to 10 (worst).", "rk-pg-error");
        return;
      }
      var entry = [pain, logForm.worse.checked];
      try {
        api.plan(form.start.value, picked(), Number(form.weeks.value), log.concat([entry]));
      } catch (err) {
        say(logMsg, err.message, "rk-pg-error");
        return;
      }
      log = log.concat([entry]);
      logForm.pain.value = "";
      logForm.worse.checked = false;
      update();
      save();
      say(logMsg, prog.planWeeks[log.length - 1].next, "rk-pg-note rk-pg-" + prog.planWeeks[log.length - 1].decision);
    });
    undo.addEventListener("click", function () {
      logMsg.replaceChildren();
      log = log.slice(0, -1);
      update();
      save();
    });
    section.querySelector(".rk-pg-print").addEventListener("click", function () { window.print(); });
    section.querySelector(".rk-pg-csv").addEventListener("click", function () {
      if (plan) download(api.csv(plan, log), "knee-programme-" + plan.start + ".csv", "text/csv");
    });
    section.querySelector(".rk-pg-ics").addEventListener("click", function () {
      if (plan) download(api.ics(plan, undefined, log), "knee-programme-" + plan.start + ".ics", "text/calendar");
    });
    update();
    if (saved.problem === "corrupt") {
      say(logMsg, "The log kept in this browser could not be read, so this plan starts without it" +
        (saved.aside ? " (it is kept aside, not deleted)." : "."), "rk-pg-warning");
    } else if (saved.problem) {
      say(logMsg, storageWords(saved.problem), "rk-pg-warning");
    }
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
    csv: function (plan, log) { return window.rkProgramme.api().csv(plan, log); },
    ics: function (plan, stamp, log) { return window.rkProgramme.api().ics(plan, stamp, log); },
    daysFromCivil: C.daysFromCivil,
    civilFromDays: C.civilFromDays
  };
  function init() { document.querySelectorAll("section.rk-widget-programme").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
