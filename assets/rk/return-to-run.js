// Return-to-running planner on the static site: readiness check, plan, session log with the
// progression rules, red-flag checklist, pain chart, CSV/iCalendar exports.
//
// The data (stages, thresholds, wording, red flags) is the JSON that
// widgets/static/return_to_run.py embeds, generated from widgets.return_to_run. The rules below
// are a port of widgets/return_to_run/ (decide, plan_sessions, replan, status, plan_csv,
// plan_ics, red_flags) and widgets/pain_log.py (the log's CSV format); tests/browser/
// test_return_to_run.py checks each against the Python on the same cases.
//
// The log is kept in this browser's localStorage only; nothing is sent anywhere.
(function () {
  "use strict";

  var DATA = null; // the embedded JSON, set by init()

  // --- numbers and text as Python writes them -----------------------------------------------

  // format(x, "g"): 6 significant digits, trailing zeros dropped, exponent outside 1e-4..1e6.
  function pyG(x) {
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    var parts = x.toExponential(5).split("e");
    var exp = parseInt(parts[1], 10);
    if (exp < -4 || exp >= 6) {
      var mant = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
      var a = Math.abs(exp);
      return mant + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }
    var fixed = x.toFixed(Math.max(0, 5 - exp));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  // repr(float): the shortest text that reads back as the same number.
  function pyFloatRepr(x) {
    var s = String(x);
    if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e16)) {
      s = x.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
    }
    return s;
  }

  // The pain log writes whole numbers without ".0", others as repr(float).
  function painText(p) { return Number.isInteger(p) ? String(p) : pyFloatRepr(p); }

  var NONPRINTABLE = null;
  try { NONPRINTABLE = new RegExp("[\\p{C}\\p{Z}]", "u"); } catch (e) { NONPRINTABLE = /[\u0000-\u001f\u007f-\u00a0\u00ad]/; }

  // repr(str), for error messages that quote what was in a file.
  function pyRepr(s) {
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    Array.from(s).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch !== " " && NONPRINTABLE.test(ch)) {
        var hex = code.toString(16);
        if (code <= 0xff) out += "\\x" + ("0" + hex).slice(-2);
        else if (code <= 0xffff) out += "\\u" + ("000" + hex).slice(-4);
        else out += "\\U" + ("0000000" + hex).slice(-8);
      } else out += ch;
    });
    return out + quote;
  }

  function show(value) {
    var text;
    if (typeof value === "string") text = pyRepr(value);
    else if (value === null || value === undefined) text = "None";
    else if (typeof value === "boolean") text = value ? "True" : "False";
    else if (typeof value === "number") text = Number.isInteger(value) ? String(value) : pyFloatRepr(value);
    else { try { text = JSON.stringify(value); } catch (e) { text = String(value); } }
    text = String(text);
    return text.length <= 40 ? text : text.slice(0, 37) + "...";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, name) { return name in values ? values[name] : m; });
  }

  // --- calendar dates as day numbers (proleptic Gregorian, no time zones) ---------------------

  // daysFromCivil, civilFromDays, pad, isoOf, parseIso (null if not a real date): rk-common.js.
  var C = window.rkCommon;
  var pad = C.pad, isoOf = C.isoOf, parseIso = C.parseIso, compactDate = C.compactDate, todayIso = C.todayIso;

  function weekdayName(day) { return DATA.weekdays[(((day % 7) + 7) % 7 + 3) % 7]; }

  function latestDay() { return parseIso(DATA.latest_date); }

  function checkDate(value, name) {
    var day = typeof value === "string" ? parseIso(value) : null;
    if (day === null) throw new Error(name + " must be a date written YYYY-MM-DD, got " + show(value));
    if (day > latestDay()) throw new Error(name + " must be on or before " + DATA.latest_date + ", got " + value);
    return day;
  }

  // --- the rules -------------------------------------------------------------------------------

  function lastWeek() { return DATA.stages.length; }
  function threshold(name) { return DATA.thresholds[name].value; }

  function checkPain(value, name) {
    var max = DATA.pain_scale_max;
    if (typeof value !== "number" || !isFinite(value) || value < 0 || value > max) {
      throw new Error(name + " must be a number from 0 to " + max + ", got " + show(value));
    }
    return value;
  }

  function checkBool(value, name) {
    if (typeof value !== "boolean") throw new Error(name + " must be True or False, got " + show(value));
    return value;
  }

  function checkWeek(value, name) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > lastWeek()) {
      throw new Error(name + " must be a whole number from 1 to " + lastWeek() + " (a protocol week), got " + show(value));
    }
    return value;
  }

  // Which of the four run pain rules applies: "carry_on", "hold", "step_back" or "stop"
  // (pain_band() in Python). The bands do not overlap and cover the whole 0-10 scale.
  function painBand(pain, worse) {
    pain = checkPain(pain, "pain_during");
    worse = checkBool(worse, "worse_next_day");
    if (pain >= threshold("do_not_run_through")) return "stop";
    if (worse) return "step_back";
    if (pain < threshold("progress_pain_below")) return "carry_on";
    return "hold";
  }

  // What to do after a session: "progress", "repeat" or "step_back" (decide() in Python): the
  // band as a move in the protocol; a stopped run goes back a stage, as the stop rule says.
  function decide(pain, worse) {
    return DATA.band_decisions[painBand(pain, worse)];
  }

  function weekKind(week) {
    if (week === null || week === undefined) return "none";
    if (week === 1) return "first";
    if (week === lastWeek()) return "last";
    return "other";
  }

  // The decision in plain words (explain() in Python, from its own templates).
  function explain(decision, pain, worse, week) {
    if (DATA.decisions.indexOf(decision) < 0) {
      throw new Error("decision must be one of " + DATA.decisions.join(", ") + ", got " + show(decision));
    }
    var expected = decide(pain, worse);
    if (week !== null && week !== undefined) checkWeek(week, "week");
    if (decision !== expected) {
      throw new Error("decision " + show(decision) + " does not follow from pain " + pyG(pain) + "/10; the rules give " + show(expected));
    }
    var flags = [pain >= threshold("do_not_run_through"), worse]
      .map(function (f) { return f ? "1" : "0"; }).join("");
    var key = decision + "|" + flags + "|" + weekKind(week);
    var template = DATA.explain[key];
    if (template === undefined) throw new Error("no explanation for " + key);
    return fill(template, { pain: pyG(pain), week: week, next: week + 1, prev: week - 1 });
  }

  // --- readiness ---

  // Both knees hurt (answers.both_knees): no unaffected side, so the strength criteria are judged
  // by answers.good_control with the words of DATA.both_knees (widgets.return_to_run.strength_criterion).
  function checkReadiness(answers) {
    var both = answers.both_knees === undefined ? false : checkBool(answers.both_knees, "both_knees");
    var bothCriteria = DATA.both_knees.criteria;
    var control = both ? checkBool(answers.good_control, "good_control") : null;
    return DATA.readiness.map(function (c) {
      var value = answers[c.arg], met;
      if (both && bothCriteria[c.name]) {
        var b = bothCriteria[c.name];
        return { name: c.name, label: b.criterion, met: control, message: control ? b.met : b.not_met };
      }
      if (c.kind === "yes_no") {
        met = checkBool(value, c.arg);
      } else {
        if (typeof value !== "number" || !isFinite(value) || value < c.min || (c.max !== null && value > c.max)) {
          throw new Error(c.arg + " must be a number" + (c.max !== null ? " from " + c.min + " to " + c.max : " of " + c.min + " or more") + ", got " + show(value));
        }
        met = c.compare === ">=" ? value >= c.threshold : value < c.threshold;
      }
      return { name: c.name, label: c.criterion, met: met,
        message: fill(met ? c.met : c.not_met, { value: typeof value === "number" ? pyG(value) : "" }) };
    });
  }

  function ready(criteria) {
    var names = criteria.map(function (c) { return c.name; });
    var missing = DATA.readiness.filter(function (c) { return names.indexOf(c.name) < 0; });
    if (missing.length) throw new Error("criteria is missing " + missing.map(function (c) { return c.name; }).join(", "));
    return criteria.every(function (c) { return c.met; });
  }

  // --- planning ---

  function sessionOn(day, week) {
    var s = DATA.stages[week - 1];
    return { date: isoOf(day), day: day, week: week, run_min: s.run_min, run_min_max: s.run_min_max,
      walk_min: s.walk_min, reps: s.reps, total_min: s.total_min, total_min_max: s.total_min_max, surface: DATA.surface };
  }

  function sessionsFrom(first, week, blockStart) {
    var out = [];
    for (var day = first; ; day += DATA.interval_days) {
      var stage = week + Math.floor((day - blockStart) / DATA.days_per_stage);
      if (stage > lastWeek()) return out;
      out.push(sessionOn(day, stage));
    }
  }

  function planSessions(startDate, startWeek) {
    var start = checkDate(startDate, "start_date");
    var week = checkWeek(startWeek === undefined ? 1 : startWeek, "start_week");
    return sessionsFrom(start, week, start);
  }

  function describeSession(s) {
    var total = s.total_min === s.total_min_max ? pyG(s.total_min) : pyG(s.total_min) + "–" + pyG(s.total_min_max);
    return weekdayName(s.day) + " " + s.date + ", week " + s.week + ": " + DATA.stages[s.week - 1].describe +
      " (" + total + " min, " + s.surface + " ground)";
  }

  // Log entries {date, week, pain_during, worse_next_day[, notes]}, checked and sorted by date.
  function logged(log) {
    if (!Array.isArray(log)) throw new Error("log must be a list of logged sessions (date, week, pain_during, worse_next_day)");
    var out = log.map(function (item, i) {
      var where = "log entry " + (i + 1);
      if (item === null || typeof item !== "object") throw new Error(where + " must be an entry with date, week, pain_during, worse_next_day");
      var day = checkDate(item.date, where + ": date");
      checkWeek(item.week, where + ": week");
      checkPain(item.pain_during, where + ": pain_during");
      checkBool(item.worse_next_day, where + ": worse_next_day");
      return { date: item.date, day: day, week: item.week, pain_during: item.pain_during,
        worse_next_day: item.worse_next_day, notes: item.notes || "", decision: decide(item.pain_during, item.worse_next_day) };
    });
    out.sort(function (a, b) { return a.day - b.day; });
    for (var i = 1; i < out.length; i++) {
      if (out[i].day === out[i - 1].day) throw new Error("two sessions logged on " + out[i].date + "; the protocol has at most one a day");
    }
    return out;
  }

  // The rules applied to a log, session by session (_replay() in Python).
  function replay(start, entries, startWeek) {
    var st = { week: startWeek, blockStart: start, sessions: 0, deviations: [] };
    var finished = function () { return st.week > lastWeek(); };
    var closeBlocks = function (day) {
      while (day >= st.blockStart + DATA.days_per_stage) {
        if (st.sessions && !finished()) {
          st.week += 1; st.blockStart += DATA.days_per_stage; st.sessions = 0;
        } else {
          st.blockStart = day;
        }
      }
    };
    entries.forEach(function (e) {
      if (e.day < start) throw new Error("a session is logged on " + e.date + ", before the start date " + isoOf(start));
      closeBlocks(e.day);
      if (e.week !== st.week) {
        var expected = finished() ? "the programme was complete" : "the rules gave week " + st.week;
        st.deviations.push(e.date + ": logged week " + e.week + " where " + expected);
        st.week = e.week; st.blockStart = e.day; st.sessions = 0;
      }
      if (e.decision === "progress") {
        st.sessions += 1;
      } else {
        if (e.decision === "step_back") st.week = Math.max(1, st.week - 1);
        st.blockStart = e.day + DATA.interval_days; st.sessions = 0;
      }
    });
    if (entries.length) closeBlocks(entries[entries.length - 1].day + DATA.interval_days);
    st.finished = finished();
    return st;
  }

  function remaining(start, entries, week) {
    if (!entries.length) return { state: null, plan: sessionsFrom(start, week, start) };
    var st = replay(start, entries, week);
    if (st.finished) return { state: st, plan: [] };
    return { state: st, plan: sessionsFrom(entries[entries.length - 1].day + DATA.interval_days, st.week, st.blockStart) };
  }

  function replan(startDate, log, startWeek) {
    var start = checkDate(startDate, "start_date");
    var week = checkWeek(startWeek === undefined ? 1 : startWeek, "start_week");
    return remaining(start, logged(log), week).plan;
  }

  function decisionWords(e) {
    if (e.decision === "progress") return "went well";
    if (e.decision === "repeat") return "means repeating week " + e.week + " for another week";
    if (e.week === 1) return "means doing week 1, the first stage, again for another week";
    return "means going back to week " + (e.week - 1) + " for another week";
  }

  // Where the runner stands (status() in Python): {week, finished, next_session, last_decision, message}.
  function status(log, startDate, startWeek) {
    var week = checkWeek(startWeek === undefined ? 1 : startWeek, "start_week");
    var entries = logged(log);
    var stage = DATA.stages[week - 1];
    if ((startDate === null || startDate === undefined) && !entries.length) {
      return { week: week, finished: false, next_session: null, last_decision: null,
        message: "No sessions logged yet: start with week " + week + ", " + stage.describe + ", every other day on " + DATA.surface + " ground." };
    }
    var start = startDate === null || startDate === undefined ? entries[0].day : checkDate(startDate, "start_date");
    var r = remaining(start, entries, week);
    if (r.state === null) {
      return { week: week, finished: false, next_session: r.plan[0], last_decision: null,
        message: "No sessions logged yet. First session: " + describeSession(r.plan[0]) + "." };
    }
    var last = entries[entries.length - 1];
    var said = "Last session (" + last.date + ", week " + last.week + ", pain " + pyG(last.pain_during) + "/10" +
      (last.worse_next_day ? ", worse the next day" : "") + ") " + decisionWords(last) + ".";
    var note = r.state.deviations.length ? " Note: " + r.state.deviations.join("; ") + "." : "";
    if (!r.plan.length) {
      return { week: lastWeek(), finished: true, next_session: null, last_decision: last.decision,
        message: said + " You have completed all " + lastWeek() + " weeks of the return-to-running programme." + note };
    }
    var nxt = r.plan[0];
    return { week: nxt.week, finished: false, next_session: nxt, last_decision: last.decision,
      message: said + " Next session: " + describeSession(nxt) + "." + note };
  }

  // --- CSV (RFC 4180, as Python's csv module writes and reads it) ------------------------------

  function csvRow(fields) { return C.toCsv([fields]); }

  function planCsv(sessions) {
    return csvRow(DATA.plan_csv_header) + sessions.map(function (s) {
      return csvRow([s.date, s.week, pyG(s.run_min), pyG(s.walk_min), s.reps, pyG(s.total_min), s.surface,
        DATA.stages[s.week - 1].describe]);
    }).join("");
  }

  function entriesToCsv(entries) {
    var seen = {};
    entries.forEach(function (e, i) {
      if (seen[e.date]) throw new Error("entries: items " + seen[e.date] + " and " + (i + 1) + " are both for " + e.date + "; one session a day");
      seen[e.date] = i + 1;
    });
    return csvRow(DATA.log_header) + entries.map(function (e) {
      return csvRow([e.date, e.week, painText(e.pain_during), e.worse_next_day ? "yes" : "no", e.notes || ""]);
    }).join("");
  }

  // The reader is csv.reader(strict=True) with its line count: rkCommon.CsvReader.
  var CsvReader = C.CsvReader;

  function PainLogError(message) { var e = new Error(message); e.painLog = true; return e; }

  var NUMBER_RE = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/;

  function parseRow(row, line, where) {
    var header = DATA.log_header;
    var fail = function (problem) { return PainLogError(where + ": line " + line + ": " + problem); };
    if (row.length !== header.length) {
      throw fail("expected " + header.length + " fields (" + header.join(",") + "), found " + row.length);
    }
    var day = row[0], week = row[1], pain = row[2], worse = row[3], notes = row[4];
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day.trim())) throw fail("date " + pyRepr(day) + " is not a date written YYYY-MM-DD");
    var dayNum = parseIso(day.trim());
    if (dayNum === null) throw fail("date " + pyRepr(day) + " is not a real calendar date");
    if (dayNum > latestDay()) throw fail("date " + pyRepr(day) + " must be on or before " + DATA.latest_date);
    var last = lastWeek();
    if (!/^[0-9]+$/.test(week.trim()) || +week.trim() < 1 || +week.trim() > last) {
      throw fail("week " + pyRepr(week) + " must be a whole number from 1 to " + last);
    }
    var number = NUMBER_RE.test(pain.trim()) ? Number(pain.trim()) : NaN;
    if (!(number >= 0 && number <= DATA.pain_scale_max)) {
      throw fail("pain_during " + pyRepr(pain) + " must be a number from 0 to " + DATA.pain_scale_max + " (e.g. 2 or 2.5)");
    }
    var answer = worse.trim().toLowerCase();
    if (answer !== "yes" && answer !== "no") throw fail("worse_next_day " + pyRepr(worse) + " must be yes or no");
    return { date: isoOf(dayNum), week: +week.trim(), pain_during: number, worse_next_day: answer === "yes", notes: notes };
  }

  // entries_from_csv(): the entries of the log's CSV text; throws an Error whose message names
  // the source, the line and the problem (err.painLog is true).
  function entriesFromCsv(text, source) {
    if (typeof text !== "string") throw new Error("text must be the log's CSV text (a string)");
    source = source || "pain log";
    if (text.charAt(0) === "\ufeff") text = text.slice(1);
    var reader = new CsvReader(text);
    var entries = [], firstLine = {}, headerSeen = false, line = 1;
    for (;;) {
      var row;
      try {
        row = reader.next();
      } catch (err) {
        if (err && err.csv) throw PainLogError(source + ": line " + reader.lineNum + ": not valid CSV (" + err.csv + ")");
        throw err;
      }
      if (row === null) break;
      var start = line;
      line = reader.lineNum + 1;
      if (!row.length || (row.length === 1 && !row[0].trim())) continue;
      if (!headerSeen) {
        var got = row.map(function (c) { return c.trim().toLowerCase(); });
        if (got.join("\u0000") !== DATA.log_header.join("\u0000")) {
          throw PainLogError(source + ": line " + start + ": the first line must be the header " +
            DATA.log_header.join(",") + ", found " + pyRepr(row.join(",")));
        }
        headerSeen = true;
        continue;
      }
      var entry = parseRow(row, start, source);
      if (firstLine[entry.date]) {
        throw PainLogError(source + ": line " + start + ": a second entry for " + entry.date + " (the first is on line " +
          firstLine[entry.date] + "); one session a day");
      }
      firstLine[entry.date] = start;
      entries.push(entry);
    }
    return entries;
  }

  // --- iCalendar (as the icalendar package writes plan_ics()) ----------------------------------

  function icalEscape(text) {
    return text.replace(/\\N/g, "\n").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n/g, "\\n").replace(/\n/g, "\\n");
  }

  // Lines folded at 75 octets (RFC 5545), as icalendar folds them: rkCommon.foldLine.

  function icsStamp(stamp) {
    var d = stamp instanceof Date ? stamp : stamp ? new Date(stamp) : new Date();
    if (isNaN(d.getTime())) throw new Error("stamp must be a date and time, got " + show(stamp));
    return C.utcStamp(d);
  }

  // One all-day event per session; ``stamp`` (DTSTAMP) defaults to now.
  function planIcs(sessions, stamp) {
    var cal = DATA.calendar, when = icsStamp(stamp);
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + icalEscape(cal.prodid), "X-WR-CALNAME:" + icalEscape(cal.name)];
    sessions.forEach(function (s) {
      var day = parseIso(s.date), stage = DATA.stages[s.week - 1];
      lines.push("BEGIN:VEVENT", "SUMMARY:" + icalEscape(stage.summary), "DTSTART;VALUE=DATE:" + compactDate(day),
        "DTEND;VALUE=DATE:" + compactDate(day + 1), "DTSTAMP:" + when,
        "UID:" + icalEscape(compactDate(day) + "-week" + s.week + "@" + cal.uid_domain),
        "DESCRIPTION:" + icalEscape(stage.calendar_description), "TRANSP:TRANSPARENT", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return C.icsLines(lines);
  }

  // --- red flags ---

  function redFlags(answers) {
    var rf = DATA.red_flags, byKey = {}, order = rf.levels.map(function (l) { return l.key; });
    rf.signs.forEach(function (s) { byKey[s.key] = s; });
    var keys = Object.keys(answers || {});
    var unknown = keys.filter(function (k) { return !byKey[k]; }).sort();
    if (unknown.length) throw new Error("unknown sign(s) " + unknown.join(", ") + "; known: " + Object.keys(byKey).join(", "));
    keys.forEach(function (k) { checkBool(answers[k], k); });
    var flagged = keys.filter(function (k) { return answers[k]; }).map(function (k) { return byKey[k]; });
    flagged.sort(function (a, b) { return order.indexOf(a.level) - order.indexOf(b.level); });
    return flagged.map(function (s) {
      var level = rf.levels[order.indexOf(s.level)];
      // As widgets.red_flags.check: what the sign can mean, the sign's own next step (it can be
      // more urgent than the level's action, so it comes before it), then the level's action.
      return { key: s.key, level: s.level, title: level.title,
               message: [s.message, s.escalation, level.advice].filter(function (t) { return t; }).join(" "),
               why: s.message, escalation: s.escalation || null, action: level.advice };
    });
  }

  function needsProfessional(flags) {
    return flags.some(function (f) { return DATA.red_flags.professional_levels.indexOf(f.level) >= 0; });
  }

  // =============================================================================================
  // The page
  // =============================================================================================

  var el = C.el, svg = C.svg, download = C.download;

  // A CSV export as a file: UTF-8 with a byte-order mark, as the shoe and programme exports and
  // the JupyterLab planner's plan file, so spreadsheet programs show × and – correctly (the
  // import skips the mark). Exact copies of saved data ("as saved") are downloaded unchanged.
  function downloadCsv(name, text) { download(name, C.withBom(text), "text/csv;charset=utf-8"); }

  // A form answer as a number: "2.5" or "2,5"; null with an error message otherwise.
  function readNumber(text, min, max, what) {
    var t = String(text).trim();
    if (!t) return { error: "Enter " + what + "." };
    if (!/^\+?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$/.test(t)) {
      return { error: "“" + t + "” is not a number. Type digits only, for example 2 or 2.5." };
    }
    var v = Number(t.replace(",", "."));
    var range = max === null ? min + " or more" : "from " + min + " to " + max;
    if (!isFinite(v) || v < min || (max !== null && v > max)) return { error: "Enter a number " + range + " (you typed " + t + ")." };
    return { value: v };
  }

  function Planner(section) {
    this.section = section;
    this.q = function (sel) { return section.querySelector(sel); };
    this.storage = null;
    this.corrupt = null; // the message when the saved log cannot be read
    this.raw = null; // the saved log's text as it is
    this.entries = [];
    this.settings = { start_date: null, start_week: 1 };
    this.settingsNote = null;
    this.lastDeleted = null;
  }

  Planner.prototype.key = function (what) { return DATA.storage_key + "." + what; };

  // The log as stored now ("" or null: none); throws the reason if it cannot be read.
  function storedEntries(raw) {
    return raw === null || raw === "" ? [] : entriesFromCsv(raw, "The log saved in this browser");
  }

  Planner.prototype.load = function () {
    // rkCommon's storage: a blocked or failing storage is reported, never shown as an empty log.
    if (!this.store) this.store = C.store();
    var got = this.store.read(this.key("log"));
    this.storage = got.problem ? null : this.store;
    this.storageProblem = got.problem;
    this.raw = got.value;
    this.corrupt = null;
    this.entries = [];
    try {
      this.entries = storedEntries(this.raw);
    } catch (err) {
      this.corrupt = err.message;
      // Left where it is (nothing is saved over it), and a copy kept aside under ...log-corrupt.
      this.store.keepAside(this.key("log"), this.raw);
    }
    this.settings = { start_date: null, start_week: 1 };
    this.settingsNote = null;
    var rawSettings = null;
    rawSettings = this.storage ? this.store.read(this.key("plan")).value : null;
    if (rawSettings) {
      try {
        var s = JSON.parse(rawSettings);
        if (!s || typeof s !== "object") throw new Error("not a plan");
        var date = s.start_date === null || s.start_date === undefined ? null : s.start_date;
        if (date !== null) checkDate(date, "start date");
        checkWeek(s.start_week, "start week");
        this.settings = { start_date: date, start_week: s.start_week };
      } catch (err) {
        this.settingsNote = "The plan saved in this browser (start date and week) could not be read, so it is not used. Choose your start date again.";
      }
    }
  };

  // What a storage problem means for the runner, in a sentence.
  function storageWords(problem, what) {
    if (problem === "full") {
      return "Not saved: " + C.problemWords.full + ", so the " + what + " cannot be saved here. Download your log (step 5) to keep it, or free some space (for example, clear other sites' data) and try again.";
    }
    if (problem === "blocked") return "Not saved: " + C.problemWords.blocked + ", so the " + what + " cannot be saved here.";
    return "Not saved: " + C.problemWords.error + " (the " + what + " could not be saved).";
  }

  // Change the saved log: change(entries) gets the log as stored right now (another tab may
  // have saved sessions since this page read it) and returns the new one, or throws to refuse.
  // So a session logged in another tab is never overwritten. Returns null or what went wrong.
  Planner.prototype.saveLog = function (change) {
    if (!this.storage) return storageWords(this.storageProblem || "blocked", "log");
    var self = this, current = null;
    try {
      var done = this.store.update(this.key("log"), function (raw) {
        try {
          current = storedEntries(raw);
        } catch (err) {
          throw new Error("Not saved: the log saved in this browser cannot be read (" + err.message + ")");
        }
        return entriesToCsv(change(current.slice()));
      });
      if (done.problem) return storageWords(done.problem, "log");
      this.raw = done.value;
      this.entries = storedEntries(done.value);
      this.corrupt = null;
      return null;
    } catch (err) {
      if (current) { self.entries = current; self.raw = entriesToCsv(current); }  // what is stored now
      return err && err.message ? err.message : String(err);
    }
  };

  // Changes made in another tab of this site: read them and show them.
  Planner.prototype.watchOtherTabs = function () {
    var self = this;
    this.store.onChange([this.key("log"), this.key("plan")], function () {
      self.load();
      self.renderAll();
    });
  };

  function byDate(a, b) { return parseIso(a.date) - parseIso(b.date); }

  // Log changes, applied to the log as stored now.
  function adding(entry, already) {
    return function (entries) {
      if (entries.some(function (e) { return e.date === entry.date; })) throw new Error(already);
      return entries.concat([entry]).sort(byDate);
    };
  }

  Planner.prototype.saveSettings = function (settings) {
    if (!this.storage) return storageWords(this.storageProblem || "blocked", "plan");
    var problem = this.store.write(this.key("plan"), JSON.stringify(settings));
    if (problem) return storageWords(problem, "plan");
    this.settings = settings;
    this.settingsNote = null;
    return null;
  };

  // --- field errors ---

  function setFieldError(field, message) {
    var id = field.getAttribute("aria-describedby");
    var box = id ? document.getElementById(id) : null;
    if (message) {
      field.setAttribute("aria-invalid", "true");
      if (box) { box.textContent = message; box.hidden = false; }
    } else {
      field.removeAttribute("aria-invalid");
      if (box) { box.textContent = ""; box.hidden = true; }
    }
  }

  function radioValue(form, name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : null;
  }

  // --- 1. readiness ---

  Planner.prototype.setupReadiness = function () {
    var self = this, form = this.q(".rk-rtr-ready-form"), out = this.q(".rk-rtr-ready-result");
    // One knee: the strength fields (% of the other side); both knees: the question on control.
    function bothKnees() { return radioValue(form, "both_knees") === "yes"; }
    function showSides() {
      var both = bothKnees();
      Array.prototype.forEach.call(form.querySelectorAll(".rk-rtr-when-both"), function (f) { f.hidden = !both; });
      Array.prototype.forEach.call(form.querySelectorAll(".rk-rtr-when-one"), function (f) { f.hidden = both; });
    }
    Array.prototype.forEach.call(form.querySelectorAll("input[name='both_knees']"), function (input) {
      input.addEventListener("change", showSides);
    });
    showSides();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = {}, firstBad = null, both = bothKnees(), controlAsked = false;
      var controlField = self.q("#rk-rtr-ready-good_control");
      answers.both_knees = both;
      setFieldError(controlField, null);
      DATA.readiness.forEach(function (c) {
        var field = self.q("#rk-rtr-ready-" + c.name), message = null;
        if (both && DATA.both_knees.criteria[c.name]) {
          answers[c.arg] = null;  // not asked: there is no unaffected side
          setFieldError(field, null);
          if (!controlAsked) {  // the question on control stands for both strength criteria
            controlAsked = true;
            var controlValue = radioValue(form, "good_control");
            if (controlValue === null) {
              setFieldError(controlField, "Choose yes or no.");
              if (!firstBad) firstBad = controlField.querySelector("input");
            } else {
              answers.good_control = controlValue === "yes";
            }
          }
          return;
        }
        if (c.kind === "yes_no") {
          var v = radioValue(form, c.name);
          if (v === null) message = "Choose yes or no.";
          else answers[c.arg] = v === "yes";
        } else {
          var r = readNumber(field.value, c.min, c.max, "a number" + (c.unit ? " (" + c.unit + ")" : ""));
          if (r.error) message = r.error;
          else answers[c.arg] = r.value;
        }
        setFieldError(field, message);
        if (message && !firstBad) firstBad = field.tagName === "FIELDSET" ? field.querySelector("input") : field;
      });
      out.replaceChildren();
      if (firstBad) {
        out.appendChild(el("p", { className: "rk-rtr-error", text: "Some answers need fixing: see the messages above." }));
        firstBad.focus();
        return;
      }
      var criteria = checkReadiness(answers);
      var notMet = criteria.filter(function (c) { return !c.met; });
      out.appendChild(el("p", { className: "rk-rtr-summary " + (notMet.length ? "rk-rtr-notyet" : "rk-rtr-ok"),
        text: notMet.length
          ? "Not yet: " + notMet.length + " of the " + criteria.length + " checks " + (notMet.length === 1 ? "is" : "are") + " not met. What to do:"
          : "Ready: every check is met. Choose your start date in step 2." }));
      var list = el("ul", { className: "rk-rtr-criteria" });
      criteria.forEach(function (c) {
        list.appendChild(el("li", { className: c.met ? "rk-rtr-met" : "rk-rtr-unmet", "data-criterion": c.name }, [
          el("strong", { text: (c.met ? "✓ Met: " : "✗ Not met yet: ") + c.label + ". " }), c.message]));
      });
      out.appendChild(list);
    });
  };

  // --- 2. plan and status ---

  Planner.prototype.startDate = function () {
    if (this.settings.start_date) return this.settings.start_date;
    return this.entries.length ? logged(this.entries)[0].date : null;
  };

  Planner.prototype.currentPlan = function () {
    var start = this.startDate();
    if (!start) return { sessions: [], status: status(this.entries, null, this.settings.start_week) };
    return { sessions: replan(start, this.entries, this.settings.start_week),
      status: status(this.entries, start, this.settings.start_week) };
  };

  Planner.prototype.renderPlan = function () {
    var box = this.q(".rk-rtr-plan"), statusBox = this.q(".rk-rtr-status");
    box.replaceChildren();
    statusBox.replaceChildren();
    this.q("#rk-rtr-start").value = this.settings.start_date || "";
    this.q("#rk-rtr-start-week").value = String(this.settings.start_week);
    if (this.settingsNote) statusBox.appendChild(el("p", { className: "rk-rtr-error", text: this.settingsNote }));
    if (this.corrupt) {
      statusBox.appendChild(el("p", { className: "rk-rtr-error", text: "Your saved log cannot be read (see the message at the top of the planner), so the plan below ignores it." }));
    }
    var plan;
    try {
      plan = this.currentPlan();
    } catch (err) {
      statusBox.appendChild(el("p", { className: "rk-rtr-error", text: err.message + ". Change the start date to the day of your first logged session or earlier." }));
      this.plan = null;
      return;
    }
    this.plan = plan;
    statusBox.appendChild(el("p", { className: "rk-rtr-status-text", text: plan.status.message }));
    var logWeek = this.q("#rk-rtr-log-week");
    if (logWeek && !this.weekTouched) logWeek.value = String(plan.status.week);
    if (!plan.sessions.length) {
      box.appendChild(el("p", { className: "rk-rtr-muted", text: plan.status.finished
        ? "No sessions left: the programme is complete."
        : "Choose a start date above to see the date of every session." }));
      return;
    }
    var caption = (this.entries.length
      ? "Your next " + plan.sessions.length + " sessions, re-planned from your log"
      : "Your " + plan.sessions.length + " sessions, every other day") + ", all on " + DATA.surface + " ground";
    var rows = plan.sessions.map(function (s, i) {
      var stage = DATA.stages[s.week - 1];
      var runWalk = stage.continuous ? stage.short : stage.short.replace(/ × \d+$/, "");
      var total = s.total_min === s.total_min_max ? pyG(s.total_min) : pyG(s.total_min) + "–" + pyG(s.total_min_max);
      return el("tr", { className: i === 0 ? "rk-rtr-next" : "" }, [
        el("td", {}, [el("span", { className: "rk-rtr-weekday", text: weekdayName(s.day) + " " }), s.date,
          i === 0 ? el("span", { className: "rk-rtr-next-tag", text: " (next)" }) : null]),
        el("td", { text: String(s.week) }),
        el("td", { text: runWalk }),
        el("td", { text: stage.continuous ? "1" : "× " + s.reps }),
        el("td", { text: total }),
        el("td", { text: s.surface }),
      ]);
    });
    box.appendChild(el("table", { className: "rk-rtr-plan-table" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, ["Date", "Week", "Run / walk", "Reps", "Total min", "Ground"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]),
      el("tbody", {}, rows),
    ]));
  };

  Planner.prototype.setupPlan = function () {
    var self = this, form = this.q(".rk-rtr-plan-form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = self.q("#rk-rtr-start"), text = field.value.trim(), message = null;
      var week = parseInt(self.q("#rk-rtr-start-week").value, 10);
      var day = parseIso(text);
      if (!text) message = "Choose the date of your first session.";
      else if (day === null) message = "“" + text + "” is not a real date. Write it YYYY-MM-DD, for example 2027-01-28.";
      else if (day > latestDay()) message = "Choose a date on or before " + DATA.latest_date + ".";
      else if (self.entries.length && !self.corrupt && logged(self.entries)[0].day < day) {
        message = "Your first logged session is on " + logged(self.entries)[0].date + ": the start date must be on or before it.";
      }
      if (!(week >= 1 && week <= lastWeek())) week = 1;
      setFieldError(field, message);
      if (message) { field.focus(); return; }
      var problem = self.saveSettings({ start_date: text, start_week: week });
      if (problem) { setFieldError(field, problem); return; }
      self.weekTouched = false;
      self.renderPlan();
    });
    this.q(".rk-rtr-plan-csv").addEventListener("click", function () { self.downloadPlan("csv"); });
    this.q(".rk-rtr-plan-ics").addEventListener("click", function () { self.downloadPlan("ics"); });
  };

  Planner.prototype.downloadPlan = function (kind) {
    var statusBox = this.q(".rk-rtr-status");
    var old = statusBox.querySelector(".rk-rtr-download-note");
    if (old) old.remove();
    if (!this.plan || !this.plan.sessions.length) {
      statusBox.appendChild(el("p", { className: "rk-rtr-error rk-rtr-download-note", text: "Choose a start date first: there is no plan to download yet." }));
      return;
    }
    if (kind === "csv") downloadCsv(DATA.plan_file_stem + ".csv", planCsv(this.plan.sessions));
    else download(DATA.plan_file_stem + ".ics", planIcs(this.plan.sessions), "text/calendar;charset=utf-8");
  };

  // --- 3. red flags ---

  Planner.prototype.setupFlags = function () {
    var form = this.q(".rk-rtr-flags-form"), out = this.q(".rk-rtr-flags-result");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () {
      var answers = {};
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) { answers[box.name] = box.checked; });
      var flags = redFlags(answers);
      out.replaceChildren();
      if (!flags.length) return;
      var professional = needsProfessional(flags);
      var box = el("div", { className: "rk-rtr-flag-box " + (professional ? "rk-rtr-flag-professional" : "rk-rtr-flag-warning") });
      // The most urgent sign's level names the box (flags come most urgent first); every word is
      // the catalogue's (widgets/data/red_flags.yaml), none is typed here.
      box.appendChild(el("p", { className: "rk-rtr-flag-title", text: flags[0].title }));
      DATA.red_flags.levels.forEach(function (level) {
        var mine = flags.filter(function (f) { return f.level === level.key; });
        if (!mine.length) return;
        // Per level: its title, each ticked sign (what it can mean, then its own next step in
        // bold, never folded), then the level's action: the order of widgets.red_flags.check.
        box.appendChild(el("p", { className: "rk-rtr-flag-level rk-rtr-level-" + level.key }, [el("strong", { text: level.title + ":" })]));
        var signKeys = DATA.red_flags.signs.map(function (s) { return s.key; });
        mine.sort(function (a, b) { return signKeys.indexOf(a.key) - signKeys.indexOf(b.key); });  // catalogue order
        box.appendChild(el("ul", {}, mine.map(function (f) {
          return el("li", {}, f.escalation
            ? [f.why + " ", el("strong", { className: "rk-rtr-flag-escalation", text: f.escalation })]
            : [f.why]);
        })));
        box.appendChild(el("p", { className: "rk-rtr-flag-action rk-rtr-level-" + level.key, text: level.advice }));
      });
      out.appendChild(box);
    });
  };

  // --- 4. the session log ---

  Planner.prototype.setupLog = function () {
    var self = this, form = this.q(".rk-rtr-log-form");
    var dateField = this.q("#rk-rtr-log-date");
    if (!dateField.value) dateField.value = todayIso();
    this.q("#rk-rtr-log-week").addEventListener("change", function () { self.weekTouched = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      try {
        self.submitLog(form);
      } catch (err) { // never leave the runner with nothing: say what happened, keep the form
        self.formMessage("Something went wrong (" + (err && err.message ? err.message : err) + "). Your answers are still in the form.", true);
      }
    });
  };

  Planner.prototype.formMessage = function (text, isError) {
    var box = this.q(".rk-rtr-form-message");
    box.textContent = text || "";
    box.className = "rk-rtr-form-message" + (isError ? " rk-rtr-error" : "");
    box.setAttribute("role", isError ? "alert" : "status");
  };

  Planner.prototype.submitLog = function (form) {
    var dateField = this.q("#rk-rtr-log-date"), weekField = this.q("#rk-rtr-log-week");
    var painField = this.q("#rk-rtr-log-pain"), worseField = this.q("#rk-rtr-log-worse");
    var errors = [];
    this.formMessage("");
    // date
    var text = dateField.value.trim(), day = parseIso(text), message = null;
    var start = this.settings.start_date;
    if (!text) message = "Enter the date of the run.";
    else if (day === null) message = "“" + text + "” is not a real date. Write it YYYY-MM-DD, for example 2027-01-28.";
    else if (day > latestDay()) message = "Enter a date on or before " + DATA.latest_date + ".";
    else if (start && day < parseIso(start)) message = "This is before your plan's start date (" + start + "). Check the date, or change the start date in step 2.";
    else if (!this.corrupt && this.entries.some(function (e) { return e.date === text; })) {
      message = "A session is already logged on " + text + " (one a day). To change it, delete it in your log (step 5) and log it again.";
    }
    setFieldError(dateField, message);
    if (message) errors.push(dateField);
    // week
    var week = parseInt(weekField.value, 10);
    message = week >= 1 && week <= lastWeek() ? null : "Choose the stage you ran.";
    setFieldError(weekField, message);
    if (message) errors.push(weekField);
    // pain
    var pain = readNumber(painField.value, 0, DATA.pain_scale_max, "the pain during the run, from 0 (none) to " + DATA.pain_scale_max + " (worst)");
    setFieldError(painField, pain.error || null);
    if (pain.error) errors.push(painField);
    // worse next day
    var worse = radioValue(form, "worse");
    message = worse === null ? "Choose yes or no." : null;
    setFieldError(worseField, message);
    if (message) errors.push(worseField.querySelector("input"));
    if (errors.length) {
      this.formMessage("Not saved yet: fix the " + (errors.length === 1 ? "answer" : "answers") + " marked above.", true);
      errors[0].focus();
      return;
    }
    if (this.corrupt) {
      this.formMessage("Not saved: the log already saved in this browser cannot be read (see the message at the top of the planner). Download it or delete it there first, or import a corrected file. Your answers are still in the form.", true);
      return;
    }
    var entry = { date: isoOf(day), week: week, pain_during: pain.value, worse_next_day: worse === "yes", notes: this.q("#rk-rtr-log-notes").value };
    var problem = this.saveLog(adding(entry, "Not saved: a session on " + entry.date + " was logged in another tab or window (one a day); your log now shows it. To change it, delete it in your log (step 5) and log it again."));
    if (problem) {
      this.renderAll();
      this.formMessage(problem + " Your answers are still in the form.", true);
      return;
    }
    painField.value = "";
    this.q("#rk-rtr-log-notes").value = "";
    form.querySelectorAll("input[name=worse]").forEach(function (r) { r.checked = false; });
    dateField.value = todayIso();
    this.weekTouched = false;
    this.formMessage("Saved: your session of " + entry.date + " is in the log on this device.");
    this.renderAll(entry);
  };

  Planner.prototype.renderDecision = function (entry) {
    var box = this.q(".rk-rtr-decision");
    box.replaceChildren();
    if (!entry) {
      var sorted = this.corrupt ? [] : logged(this.entries);
      if (!sorted.length) return;
      entry = sorted[sorted.length - 1];
    }
    var decision = decide(entry.pain_during, entry.worse_next_day);
    var card = el("div", { className: "rk-rtr-decision-card rk-rtr-decision-" + decision, "data-decision": decision }, [
      el("p", { className: "rk-rtr-kicker", text: "Session of " + entry.date + ", week " + entry.week }),
      el("p", { className: "rk-rtr-decision-title", text: DATA.decision_titles[decision] }),
      el("p", { text: explain(decision, entry.pain_during, entry.worse_next_day, entry.week) }),
    ]);
    if (this.plan && this.plan.status) {
      card.appendChild(el("p", { className: "rk-rtr-replan" }, [el("strong", { text: "Re-planned: " }), this.plan.status.message]));
    }
    box.appendChild(card);
  };

  // --- 5. the log, its chart, export and import ---

  Planner.prototype.renderLog = function () {
    var self = this, box = this.q(".rk-rtr-log"), chart = this.q(".rk-rtr-chart");
    box.replaceChildren();
    chart.replaceChildren();
    if (this.corrupt) return;
    var entries = logged(this.entries);
    if (!entries.length) {
      box.appendChild(el("p", { className: "rk-rtr-muted", text: "No sessions logged yet on this device." }));
      return;
    }
    this.chartWidth = Math.round(Math.min(600, Math.max(300, chart.clientWidth || 480)));
    chart.appendChild(this.chart(entries, this.chartWidth));
    var rows = entries.map(function (e) {
      var del = el("button", { type: "button", className: "rk-rtr-delete", "aria-label": "Delete the session of " + e.date, text: "Delete" });
      del.addEventListener("click", function () { self.deleteEntry(e.date); });
      return el("tr", { "data-date": e.date }, [
        el("td", { "data-label": "Date" }, [weekdayName(e.day) + " " + e.date]),
        el("td", { "data-label": "Week", text: String(e.week) }),
        el("td", { "data-label": "Pain", text: pyG(e.pain_during) + "/10" }),
        el("td", { "data-label": "Worse next day", text: e.worse_next_day ? "yes" : "no" }),
        el("td", { "data-label": "Result", className: "rk-rtr-result-" + e.decision, text: DATA.decision_titles[e.decision] }),
        el("td", { "data-label": "Notes", className: "rk-rtr-notes", text: e.notes }),
        el("td", { className: "rk-no-print rk-rtr-delete-cell" }, [del]),
      ]);
    });
    box.appendChild(el("table", { className: "rk-rtr-log-table" }, [
      el("caption", { text: "Your " + entries.length + " logged " + (entries.length === 1 ? "session" : "sessions") }),
      el("thead", {}, [el("tr", {}, ["Date", "Week", "Pain", "Worse next day", "Result", "Notes"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }).concat([el("th", { scope: "col", className: "rk-no-print" }, [el("span", { className: "visually-hidden", text: "Delete" })])]))]),
      el("tbody", {}, rows),
    ]));
  };

  // Pain during each logged session over time, with the stage (week) of each one.
  // Drawn at the width it is shown (viewBox units = CSS pixels), so its text is as legible on a
  // phone as on a desktop; redrawn when the width changes a lot (see start()).
  Planner.prototype.chart = function (entries, width) {
    var W = width, H = 260, left = 34, right = 84, top = 26, bottom = 46;
    var max = DATA.pain_scale_max;
    var first = entries[0].day, last = entries[entries.length - 1].day, span = Math.max(last - first, 1);
    var plotRight = W - right;
    var x = function (day) { return entries.length === 1 ? (left + plotRight) / 2 : left + 8 + (plotRight - left - 16) * (day - first) / span; };
    var y = function (p) { return top + (H - top - bottom) * (1 - p / max); };
    var below = threshold("progress_pain_below"), above = threshold("do_not_run_through");
    var summary = this.chartSummary(entries);
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, style: "max-width:" + W + "px", role: "img", "aria-labelledby": "rk-rtr-chart-title rk-rtr-chart-desc", class: "rk-rtr-svg" });
    root.appendChild(svg("title", { id: "rk-rtr-chart-title" }, "Pain during each logged run, by date and stage"));
    root.appendChild(svg("desc", { id: "rk-rtr-chart-desc" }, summary));
    // zones: move on (below), repeat (from one limit to below the other), stop (the stop limit or more)
    root.appendChild(svg("rect", { x: left, y: y(below), width: plotRight - left, height: y(0) - y(below), class: "rk-rtr-zone-ok" }));
    root.appendChild(svg("rect", { x: left, y: y(above), width: plotRight - left, height: y(below) - y(above), class: "rk-rtr-zone-repeat" }));
    root.appendChild(svg("rect", { x: left, y: y(max), width: plotRight - left, height: y(above) - y(max), class: "rk-rtr-zone-back" }));
    [0, 2, 4, 6, 8, 10].filter(function (v) { return v <= max; }).forEach(function (v) {
      root.appendChild(svg("line", { x1: left, x2: plotRight, y1: y(v), y2: y(v), class: "rk-rtr-grid" }));
      root.appendChild(svg("text", { x: left - 6, y: y(v) + 5, "text-anchor": "end", class: "rk-rtr-axis" }, String(v)));
    });
    root.appendChild(svg("text", { x: 2, y: top - 10, class: "rk-rtr-axis" }, "Pain during the run (0–" + max + ")"));
    root.appendChild(svg("text", { x: plotRight + 6, y: y(above) - 6, class: "rk-rtr-zone-label" }, "stop"));
    root.appendChild(svg("text", { x: plotRight + 6, y: (y(above) + y(below)) / 2 + 5, class: "rk-rtr-zone-label" }, "repeat"));
    root.appendChild(svg("text", { x: plotRight + 6, y: y(below) + 16, class: "rk-rtr-zone-label" }, "move on"));
    // stage changes: a dashed line and the week's label at the first session of each run of a week
    var lastLabelX = -Infinity;
    entries.forEach(function (e, i) {
      if (i > 0 && entries[i - 1].week === e.week) return;
      var px = x(e.day);
      if (i > 0) root.appendChild(svg("line", { x1: px - 5, x2: px - 5, y1: top, y2: H - bottom, class: "rk-rtr-stage-line" }));
      if (i === 0 || px - lastLabelX >= 56) {
        root.appendChild(svg("text", { x: Math.max(left, Math.min(px - 5, plotRight - 52)), y: H - bottom + 18, class: "rk-rtr-stage-label" }, "Week " + e.week));
        lastLabelX = px;
      }
    });
    root.appendChild(svg("text", { x: left, y: H - 6, class: "rk-rtr-axis" }, entries[0].date));
    if (entries.length > 1) root.appendChild(svg("text", { x: plotRight, y: H - 6, "text-anchor": "end", class: "rk-rtr-axis" }, entries[entries.length - 1].date));
    if (entries.length > 1) {
      root.appendChild(svg("polyline", { points: entries.map(function (e) { return x(e.day) + "," + y(e.pain_during); }).join(" "), class: "rk-rtr-line" }));
    }
    entries.forEach(function (e) {
      var px = x(e.day), py = y(e.pain_during);
      var shape = e.decision === "progress"
        ? svg("circle", { cx: px, cy: py, r: 5.5 })
        : e.decision === "repeat"
          ? svg("rect", { x: px - 5, y: py - 5, width: 10, height: 10 })
          : svg("path", { d: "M" + (px - 6.5) + " " + (py - 5) + "h13l-6.5 11z" });
      shape.setAttribute("class", "rk-rtr-point rk-rtr-point-" + e.decision);
      root.appendChild(shape);
    });
    var legend = el("p", { className: "rk-rtr-legend", "aria-hidden": "true" }, [
      el("span", { className: "rk-rtr-key rk-rtr-key-progress", text: "● went well" }), " ",
      el("span", { className: "rk-rtr-key rk-rtr-key-repeat", text: "■ repeat" }), " ",
      el("span", { className: "rk-rtr-key rk-rtr-key-step_back", text: "▼ step back" }),
    ]);
    return el("figure", { className: "rk-rtr-figure" }, [root, legend, el("figcaption", { className: "rk-rtr-chart-summary", text: summary })]);
  };

  Planner.prototype.chartSummary = function (entries) {
    var pains = entries.map(function (e) { return e.pain_during; });
    var weeks = entries.map(function (e) { return e.week; });
    var count = function (d) { return entries.filter(function (e) { return e.decision === d; }).length; };
    var n = entries.length, lastE = entries[n - 1];
    var lo = Math.min.apply(null, weeks), hi = Math.max.apply(null, weeks);
    return "Pain during the run for your " + n + " logged " + (n === 1 ? "session" : "sessions") +
      (n > 1 ? ", from " + entries[0].date + " to " + lastE.date : ", on " + lastE.date) +
      (lo === hi ? ", all in week " + lo : ", in weeks " + lo + " to " + hi) +
      ": lowest " + pyG(Math.min.apply(null, pains)) + "/10, highest " + pyG(Math.max.apply(null, pains)) + "/10, latest " +
      pyG(lastE.pain_during) + "/10 in week " + lastE.week + ". " + count("progress") + " went well, " + count("repeat") +
      " meant repeating the stage, " + count("step_back") + " meant stepping back. Each session is listed in the table below.";
  };

  Planner.prototype.dataMessage = function (children, isError) {
    var box = this.q(".rk-rtr-data-message");
    box.replaceChildren();
    box.className = "rk-rtr-data-message" + (isError ? " rk-rtr-error" : "");
    box.setAttribute("role", isError ? "alert" : "status");
    (children || []).forEach(function (c) { box.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  };

  Planner.prototype.deleteEntry = function (date) {
    var self = this;
    var gone = this.entries.filter(function (e) { return e.date === date; })[0];
    var problem = this.saveLog(function (entries) { return entries.filter(function (e) { return e.date !== date; }); });
    if (problem) { this.renderAll(); this.dataMessage([problem], true); return; }
    this.renderAll();
    var undo = el("button", { type: "button", text: "Undo" });
    undo.addEventListener("click", function () {
      var p = self.saveLog(adding(gone, "A session on " + date + " has been logged again since; nothing to undo."));
      if (p) { self.renderAll(); self.dataMessage([p], true); return; }
      self.renderAll();
      self.dataMessage(["The session of " + date + " is back in your log."]);
    });
    this.dataMessage(["Deleted the session of " + date + ". ", undo]);
  };

  Planner.prototype.setupData = function () {
    var self = this;
    this.q(".rk-rtr-export").addEventListener("click", function () {
      if (self.corrupt) {
        download("pain-log-as-saved.csv", self.raw, "text/csv;charset=utf-8");
        self.dataMessage(["The saved log cannot be read, so it was downloaded exactly as it is saved (pain-log-as-saved.csv). Fix it in a spreadsheet or text editor and import it again."]);
        return;
      }
      if (!self.entries.length) { self.dataMessage(["There is nothing to download yet: no sessions are logged."], true); return; }
      downloadCsv(DATA.log_file_name, entriesToCsv(logged(self.entries)));
      self.dataMessage(["Downloaded " + DATA.log_file_name + " with your " + self.entries.length + " logged sessions."]);
    });
    var input = this.q(".rk-rtr-import");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var name = file.name || "the file";
      var done = function () { input.value = ""; };
      file.arrayBuffer().then(function (buffer) {
        var text;
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
        } catch (err) {
          throw PainLogError(name + ": not UTF-8 text (save it as CSV UTF-8)");
        }
        var entries = entriesFromCsv(text, name);
        self.offerImport(name, entries);
      }).catch(function (err) {
        self.dataMessage([(err && err.message ? err.message : String(err)) + ". Nothing was imported: the log saved in this browser is unchanged."], true);
      }).then(done, done);
    });
    this.q(".rk-rtr-clear").addEventListener("click", function () { self.offerClear(); });
  };

  Planner.prototype.offerImport = function (name, entries) {
    var self = this;
    var apply = function () {
      var imported = logged(entries).map(function (e) {
        return { date: e.date, week: e.week, pain_during: e.pain_during, worse_next_day: e.worse_next_day, notes: e.notes };
      });
      // Replacing the log is what the runner chose: it does not depend on what is stored now,
      // which may be unreadable (a copy of that stays under ...log-corrupt).
      var problem = self.storage ? self.store.write(self.key("log"), entriesToCsv(imported)) : self.storageProblem || "blocked";
      problem = problem ? storageWords(problem, "log") : null;
      if (!problem) self.load();
      if (problem) { self.dataMessage([problem + " Nothing was imported."], true); return; }
      var moved = "";
      var first = entries.length ? logged(entries)[0].date : null;
      if (first && self.settings.start_date && parseIso(first) < parseIso(self.settings.start_date)) {
        self.saveSettings({ start_date: first, start_week: self.settings.start_week });
        moved = " Your plan's start date is now " + first + ", the first session in the file.";
      }
      self.renderAll();
      self.dataMessage(["Imported " + entries.length + " " + (entries.length === 1 ? "session" : "sessions") + " from " + name + "." + moved]);
    };
    var hasData = this.corrupt || this.entries.length;
    if (!hasData) { apply(); return; }
    var yes = el("button", { type: "button", text: "Replace my log with the file" });
    var no = el("button", { type: "button", text: "Keep my log" });
    yes.addEventListener("click", apply);
    no.addEventListener("click", function () { self.dataMessage(["Nothing was imported: your log is unchanged."]); });
    this.dataMessage([name + " holds " + entries.length + " sessions. Importing it replaces the log saved in this browser" +
      (this.corrupt ? " (which cannot be read)" : " (" + this.entries.length + " sessions)") + ". ", yes, " ", no]);
    yes.focus();
  };

  Planner.prototype.offerClear = function () {
    var self = this;
    var yes = el("button", { type: "button", text: "Yes, delete my log and plan" });
    var no = el("button", { type: "button", text: "Keep them" });
    yes.addEventListener("click", function () { self.clearAll(); });
    no.addEventListener("click", function () { self.dataMessage(["Nothing was deleted."]); });
    this.dataMessage(["This deletes your log and plan from this browser. Download your log first if you want to keep it. ", yes, " ", no]);
    yes.focus();
  };

  Planner.prototype.clearAll = function () {
    if (this.storage) {
      var problem = this.store.remove(this.key("log")) || this.store.remove(this.key("plan"));
      if (problem) {
        this.dataMessage(["Could not delete the data (" + C.problemWords[problem] + ")."], true);
        return;
      }
    }
    this.load();
    this.renderAll();
    this.dataMessage(["Your log and plan were deleted from this browser."]);
  };

  // --- the saved log cannot be read ---

  Planner.prototype.renderAlert = function () {
    var self = this, box = this.q(".rk-rtr-storage-alert");
    box.replaceChildren();
    if (!this.storage) {
      box.hidden = false;
      var why = this.storageProblem === "blocked" || !this.storageProblem ? C.problemWords.blocked : C.problemWords[this.storageProblem];
      box.appendChild(el("p", { text: why.charAt(0).toUpperCase() + why.slice(1) + ". You can still use the planner, but nothing will be kept when you leave the page: download your log before you go." }));
      return;
    }
    if (!this.corrupt) { box.hidden = true; return; }
    box.hidden = false;
    var dl = el("button", { type: "button", text: "Download the saved log as it is" });
    var clear = el("button", { type: "button", text: "Delete the saved log" });
    dl.addEventListener("click", function () { download("pain-log-as-saved.csv", self.raw, "text/csv;charset=utf-8"); });
    clear.addEventListener("click", function () { self.offerClear(); self.q(".rk-rtr-clear").scrollIntoView({ block: "center" }); });
    box.appendChild(el("p", { className: "rk-rtr-alert-title", text: "Your saved log could not be read" }));
    box.appendChild(el("p", { text: this.corrupt + "." }));
    box.appendChild(el("p", { text: "Nothing has been changed or deleted. Download it as it is (to fix it, or to keep it), then delete it here or import a corrected file in step 5. Until then, new sessions cannot be saved." }));
    box.appendChild(el("div", { className: "rk-rtr-actions" }, [dl, clear]));
  };

  Planner.prototype.renderAll = function (justSaved) {
    this.renderAlert();
    this.renderPlan();
    this.renderLog();
    this.renderDecision(justSaved);
  };

  Planner.prototype.start = function () {
    this.load();
    var nojs = this.q(".rk-rtr-nojs");
    if (nojs) nojs.remove();
    this.q(".rk-rtr-app").hidden = false;
    this.setupReadiness();
    this.setupPlan();
    this.setupFlags();
    this.setupLog();
    this.setupData();
    this.watchOtherTabs();
    this.renderAll();
    var self = this, timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var box = self.q(".rk-rtr-chart");
        var width = Math.round(Math.min(600, Math.max(300, box.clientWidth || 480)));
        if (self.chartWidth && Math.abs(width - self.chartWidth) > 30) {
          try { self.renderLog(); } catch (err) { /* the log is drawn again on the next change */ }
        }
      }, 200);
    });
  };

  function start(section) {
    try {
      DATA = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
      new Planner(section).start();
    } catch (err) {
      C.startError(section, "rk-rtr-error", "The planner could not start ({error}). Your saved log has not been changed.", err);
    }
  }

  window.rkReturnToRun = {
    painBand: painBand, decide: decide, explain: explain, checkReadiness: checkReadiness, ready: ready,
    planSessions: planSessions, replan: replan, status: status, describeSession: describeSession,
    planCsv: planCsv, planIcs: planIcs, entriesToCsv: entriesToCsv, entriesFromCsv: entriesFromCsv,
    redFlags: redFlags, needsProfessional: needsProfessional, pyG: pyG, pyRepr: pyRepr,
    data: function () { return DATA; },
  };

  function init() { document.querySelectorAll("section.rk-widget-return-to-run").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
