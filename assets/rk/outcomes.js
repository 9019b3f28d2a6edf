// Outcome-measures tracker: the knee questionnaire totals and the 0-10 worst-pain rating over
// time, judged against the minimal important difference, kept in this browser only (rkCommon's
// storage), with CSV export and import. A port of widgets/outcomes.py: ranges, MIDs, weeks and
// every word come from the page's JSON (widgets/static/outcomes.py); tests/static/test_outcomes.py
// checks these rules against the Python under Node. Mode "summary" (the return-to-running
// planner's page) shows the same stored results read-only. Plain ES2017, no libraries, no network.
(function () {
  "use strict";
  var C = window.rkCommon;
  var DATA = null;

  // --- numbers as widgets/wording.py writes them ---
  function roundHalfUp(x, d) { var s = Math.pow(10, d); return Math.floor(x * s + 0.5) / s; }
  function numberText(x) { return String(x); }
  function signed(x) { return x > 0 ? "+" + numberText(x) : x < 0 ? "\u2212" + numberText(-x) : "0"; }

  function pyRepr(s) {
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    Array.from(s).forEach(function (ch) {
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else out += ch;
    });
    return out + quote;
  }

  function measures() { return DATA.measures; }
  function measure(key) {
    var m = DATA.measures.filter(function (x) { return x.key === key; })[0];
    if (!m) throw new Error("measure must be one of " + DATA.measures.map(function (x) { return x.key; }).join(", ") + ", got " + key);
    return m;
  }

  // --- the rules (widgets.outcomes) ---

  function checkScore(key, value) {
    var m = measure(key);
    if (typeof value !== "number" || !isFinite(value) || value < m.low || value > m.high || roundHalfUp(value, m.decimals) !== value) {
      throw new Error(key + " must be " + m.allowed + ", got " + String(value));
    }
    return value;
  }

  function improvement(key, earlier, later) {
    var m = measure(key);
    var change = roundHalfUp(checkScore(key, later) - checkScore(key, earlier), m.decimals);
    return m.better === "higher" ? change : (change ? -change : 0);
  }

  function classify(key, gain) {
    var m = measure(key);
    if (gain >= m.mid) return "improved";
    if (gain <= -m.mid) return "worse";
    return "no_change";
  }

  function makeChange(key, earlier, later) {
    var gain = improvement(key, earlier, later);
    return { measure: key, earlier: earlier, later: later, improvement: gain, verdict: classify(key, gain) };
  }

  function changeText(c) {
    var m = measure(c.measure);
    return m.short + " " + signed(roundHalfUp(c.later - c.earlier, m.decimals)) + " (" + DATA.messages["verdict_" + c.verdict] + ")";
  }

  function byDate(a, b) { return C.parseIso(a.date) - C.parseIso(b.date); }

  // For the latest result: each of its measures' change since the first (or the previous) value.
  function changes(results, since) {
    var items = results.slice().sort(byDate), out = {};
    if (!items.length) return out;
    var latest = items[items.length - 1];
    measures().forEach(function (m) {
      var now = latest[m.key];
      var before = items.slice(0, -1).map(function (r) { return r[m.key]; }).filter(function (v) { return v !== null && v !== undefined; });
      if (now !== null && now !== undefined && before.length) {
        out[m.key] = makeChange(m.key, since === "previous" ? before[before.length - 1] : before[0], now);
      }
    });
    return out;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }

  function progress(results) {
    var items = results.slice().sort(byDate);
    if (!items.length) return { status: "empty", weeks: 0, changes: {}, message: DATA.messages.empty };
    var found = changes(items, "first"), keys = Object.keys(found);
    var starts = keys.map(function (k) { return C.parseIso(items.filter(function (r) { return r[k] !== null && r[k] !== undefined; })[0].date); });
    var weeks = starts.length ? Math.floor((C.parseIso(items[items.length - 1].date) - Math.min.apply(null, starts)) / 7) : 0;
    var list = function (verdict) {
      return keys.filter(function (k) { return !verdict || found[k].verdict === verdict; }).map(function (k) { return changeText(found[k]); }).join("; ");
    };
    var status, listed = list(null);
    var any = function (v) { return keys.some(function (k) { return found[k].verdict === v; }); };
    if (!keys.length) status = "baseline";
    else if (any("worse")) { status = "worse"; listed = list("worse"); }
    else if (any("improved")) { status = "improved"; listed = list("improved"); }
    else if (weeks >= DATA.meaningful_after_weeks) status = "no_meaningful_change";
    else if (weeks >= DATA.review_after_weeks && keys.every(function (k) { return found[k].improvement <= 0; })) status = "not_improving";
    else status = "early_days";
    return { status: status, weeks: weeks, changes: found, message: fill(DATA.messages[status], { changes: listed, weeks: weeks, mids: DATA.mids_text }) };
  }

  function noImprovement(results) {
    var s = progress(results).status;
    return s === "not_improving" || s === "no_meaningful_change";
  }

  // --- the CSV file (widgets.outcomes.results_to_csv / results_from_csv) ---

  function resultsToCsv(results) {
    var rows = [DATA.header];
    results.slice().sort(byDate).forEach(function (r) {
      rows.push([r.date].concat(measures().map(function (m) { return r[m.key] === null || r[m.key] === undefined ? "" : numberText(r[m.key]); })));
    });
    return C.toCsv(rows);
  }

  function FileError(message) { var e = new Error(message); e.name = "OutcomesFileError"; return e; }

  function parseRow(row, line, source) {
    var fail = function (problem) { return FileError(source + ": line " + line + ": " + problem); };
    if (row.length !== DATA.header.length) {
      throw fail("expected " + DATA.header.length + " fields (" + DATA.header.join(",") + "), found " + row.length);
    }
    var day = row[0].trim();
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day)) throw fail("date " + pyRepr(row[0]) + " is not a date written YYYY-MM-DD");
    if (C.parseIso(day) === null) throw fail("date " + pyRepr(row[0]) + " is not a real calendar date");
    var result = { date: day }, any = false;
    measures().forEach(function (m, i) {
      var cell = row[i + 1], text = cell.trim();
      if (!text) { result[m.key] = null; return; }
      var value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
      try {
        result[m.key] = checkScore(m.key, value);
      } catch (err) {
        throw fail(m.column + " " + pyRepr(cell) + " must be " + m.allowed + ", or empty");
      }
      any = true;
    });
    if (!any) throw fail("no score: at least one of " + DATA.header.slice(1).join(", ") + " is needed");
    return result;
  }

  function resultsFromCsv(text, source) {
    source = source || "outcomes file";
    if (text.charAt(0) === "\ufeff") text = text.slice(1);
    var reader = new C.CsvReader(text), results = [], firstLine = {}, headerSeen = false, line = 1;
    for (;;) {
      var row;
      try {
        row = reader.next();
      } catch (err) {
        if (err && err.csv) throw FileError(source + ": line " + reader.lineNum + ": not valid CSV (" + err.csv + ")");
        throw err;
      }
      if (row === null) break;
      var start = line;
      line = reader.lineNum + 1;
      if (!row.length || (row.length === 1 && !row[0].trim())) continue;
      if (!headerSeen) {
        if (row.map(function (c) { return c.trim().toLowerCase(); }).join("\u0000") !== DATA.header.join("\u0000")) {
          throw FileError(source + ": line " + start + ": the first line must be the header " + DATA.header.join(",") +
            ", found " + pyRepr(row.join(",")));
        }
        headerSeen = true;
        continue;
      }
      var result = parseRow(row, start, source);
      if (firstLine[result.date]) {
        throw FileError(source + ": line " + start + ": a second entry for " + result.date + " (the first is on line " +
          firstLine[result.date] + "); one entry a day");
      }
      firstLine[result.date] = start;
      results.push(result);
    }
    if (!headerSeen) throw FileError(source + ": line 1: empty file; the first line must be the header " + DATA.header.join(","));
    return results.sort(byDate);
  }

  // =============================================================================================
  // The page
  // =============================================================================================

  var el = C.el, svg = C.svg, download = C.download;

  function storageWords(problem) {
    if (problem === "full") return "Not saved: " + C.problemWords.full + ". Download your results to keep them, or free some space and try again.";
    return "Not saved: " + (C.problemWords[problem] || C.problemWords.error) + ".";
  }

  function Tracker(section) {
    this.section = section;
    this.q = function (sel) { return section.querySelector(sel); };
    this.store = C.store();
    this.results = [];
    this.corrupt = null;
    this.raw = null;
  }

  Tracker.prototype.load = function () {
    var got = this.store.read(DATA.storage_key);
    this.problem = got.problem;
    this.raw = got.value;
    this.corrupt = null;
    this.results = [];
    if (got.problem || this.raw === null || this.raw === "") return;
    try {
      this.results = resultsFromCsv(this.raw, "The results saved in this browser");
    } catch (err) {
      this.corrupt = err.message;
      if (DATA.mode === "tool") this.store.keepAside(DATA.storage_key, this.raw);  // never overwritten, still exportable
    }
  };

  // change(results as stored now) → the new results; throws to refuse. Returns null or the problem.
  Tracker.prototype.save = function (change) {
    if (this.problem) return storageWords(this.problem);
    var self = this;
    try {
      var done = this.store.update(DATA.storage_key, function (raw) {
        var now;
        try {
          now = raw === null || raw === "" ? [] : resultsFromCsv(raw, "The results saved in this browser");
        } catch (err) {
          throw new Error("Not saved: the results saved in this browser cannot be read (" + err.message + ")");
        }
        return resultsToCsv(change(now));
      });
      if (done.problem) return storageWords(done.problem);
      self.load();
      return null;
    } catch (err) {
      return err && err.message ? err.message : String(err);
    }
  };

  function setFieldError(input, message) {
    var box = document.getElementById(input.id + "-error");
    if (message) { input.setAttribute("aria-invalid", "true"); box.textContent = message; box.hidden = false; }
    else { input.removeAttribute("aria-invalid"); box.textContent = ""; box.hidden = true; }
  }

  Tracker.prototype.setupForm = function () {
    var self = this, form = this.q(".rk-oc-form"), dateInput = this.q("#rk-oc-date");
    dateInput.value = C.todayIso();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var message = self.q(".rk-oc-form-message"), ok = true, result = { date: dateInput.value }, any = false, first = null;
      message.textContent = "";
      if (C.parseIso(dateInput.value || "") === null) {
        setFieldError(dateInput, "Enter the date you filled in the form.");
        ok = false; first = first || dateInput;
      } else setFieldError(dateInput, null);
      measures().forEach(function (m) {
        var input = self.q("#rk-oc-" + m.key), text = input.value.trim().replace(",", ".");
        result[m.key] = null;
        if (!text) { setFieldError(input, null); return; }
        var value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
        try {
          result[m.key] = checkScore(m.key, value);
          any = true;
          setFieldError(input, null);
        } catch (err) {
          setFieldError(input, m.short + ": enter " + m.allowed + " (you typed " + input.value.trim() + ").");
          ok = false; first = first || input;
        }
      });
      if (ok && !any) {
        message.textContent = "Enter at least one score: the questionnaire total, the KOOS-PF score or your worst pain.";
        message.className = "rk-oc-form-message rk-oc-error";
        self.q("#rk-oc-akps").focus();
        return;
      }
      if (!ok) { message.textContent = "Nothing was saved: correct the field marked above."; message.className = "rk-oc-form-message rk-oc-error"; first.focus(); return; }
      var problem = self.save(function (now) {
        if (now.some(function (r) { return r.date === result.date; })) {
          throw new Error("Not saved: there is already an entry for " + result.date + ". Delete it in the table below to enter it again.");
        }
        return now.concat([result]).sort(byDate);
      });
      if (problem) { message.textContent = problem; message.className = "rk-oc-form-message rk-oc-error"; self.render(); return; }
      measures().forEach(function (m) { self.q("#rk-oc-" + m.key).value = ""; });
      message.textContent = "Saved your scores for " + result.date + ".";
      message.className = "rk-oc-form-message";
      self.render();
    });
  };

  Tracker.prototype.setupData = function () {
    var self = this;
    this.q(".rk-oc-export").addEventListener("click", function () {
      if (self.corrupt) { self.dataMessage("The saved results cannot be read; use “Download the saved results as they are” above.", true); return; }
      if (!self.results.length) { self.dataMessage("There is nothing to download yet.", true); return; }
      download(DATA.file_name, C.withBom(resultsToCsv(self.results)), "text/csv;charset=utf-8");
      self.dataMessage("Downloaded " + DATA.file_name + " with your " + self.results.length + " " + (self.results.length === 1 ? "entry" : "entries") + ".");
    });
    var input = this.q(".rk-oc-import");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var name = file.name || "the file", done = function () { input.value = ""; };
      file.arrayBuffer().then(function (buffer) {
        var text;
        try { text = new TextDecoder("utf-8", { fatal: true }).decode(buffer); } catch (err) { throw FileError(name + ": not UTF-8 text (save it as CSV UTF-8)"); }
        self.offerImport(name, resultsFromCsv(text, name));
      }).catch(function (err) {
        self.dataMessage((err && err.message ? err.message : String(err)) + ". Nothing was imported: the results saved in this browser are unchanged.", true);
      }).then(done, done);
    });
    this.q(".rk-oc-clear").addEventListener("click", function () {
      var yes = el("button", { type: "button", text: "Yes, delete my results" });
      var no = el("button", { type: "button", text: "Keep them" });
      yes.addEventListener("click", function () {
        var problem = self.problem ? null : self.store.remove(DATA.storage_key);
        if (problem) { self.dataMessage("Could not delete the results (" + C.problemWords[problem] + ").", true); return; }
        self.load(); self.render(); self.dataMessage("Your results were deleted from this browser.");
      });
      no.addEventListener("click", function () { self.dataMessage("Nothing was deleted."); });
      self.dataMessage(["This deletes your results from this browser. Download them first if you want to keep them. ", yes, " ", no]);
      yes.focus();
    });
  };

  Tracker.prototype.offerImport = function (name, results) {
    var self = this;
    var apply = function () {
      var problem = self.problem ? storageWords(self.problem) : self.store.write(DATA.storage_key, resultsToCsv(results));
      if (problem) { self.dataMessage((self.problem ? problem : storageWords(problem)) + " Nothing was imported.", true); return; }
      self.load(); self.render();
      self.dataMessage("Imported " + results.length + " " + (results.length === 1 ? "entry" : "entries") + " from " + name + ".");
    };
    if (!this.corrupt && !this.results.length) { apply(); return; }
    var yes = el("button", { type: "button", text: "Replace my results with the file" });
    var no = el("button", { type: "button", text: "Keep my results" });
    yes.addEventListener("click", apply);
    no.addEventListener("click", function () { self.dataMessage("Nothing was imported: your results are unchanged."); });
    this.dataMessage([name + " holds " + results.length + " entries. Importing it replaces the results saved in this browser" +
      (this.corrupt ? " (which cannot be read)" : " (" + this.results.length + " entries)") + ". ", yes, " ", no]);
    yes.focus();
  };

  Tracker.prototype.dataMessage = function (content, isError) {
    var box = this.q(".rk-oc-data-message");
    box.replaceChildren();
    box.className = "rk-oc-data-message" + (isError ? " rk-oc-error" : "");
    (Array.isArray(content) ? content : [content]).forEach(function (c) { box.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  };

  Tracker.prototype.renderAlert = function () {
    var self = this, box = this.q(".rk-oc-storage-alert");
    if (!box) return;
    box.replaceChildren();
    if (this.problem) {
      box.hidden = false;
      box.appendChild(el("p", { text: "Your results cannot be kept here: " + (C.problemWords[this.problem] || C.problemWords.error) + ". Download them before you leave the page." }));
      return;
    }
    if (!this.corrupt) { box.hidden = true; return; }
    box.hidden = false;
    var dl = el("button", { type: "button", text: "Download the saved results as they are" });
    dl.addEventListener("click", function () { download("knee-outcomes-as-saved.csv", self.raw, "text/csv;charset=utf-8"); });
    box.appendChild(el("p", { className: "rk-oc-alert-title", text: "Your saved results could not be read" }));
    box.appendChild(el("p", { text: this.corrupt + "." }));
    box.appendChild(el("p", { text: "Nothing has been changed or deleted. Download them as they are, then import a corrected file or delete them in step 3. Until then, new scores cannot be saved." }));
    box.appendChild(dl);
  };

  Tracker.prototype.renderStatus = function () {
    var box = this.q(".rk-oc-status");
    box.replaceChildren();
    if (this.corrupt) {
      box.appendChild(el("p", { className: "rk-oc-card rk-oc-card-worse", text: "Your saved results could not be read. " + (DATA.mode === "summary" ? "Open the outcome-measures page to download or replace them." : "") }));
      return;
    }
    var p = progress(this.results);
    box.appendChild(el("p", { className: "rk-oc-card rk-oc-card-" + p.status, text: p.message }));
  };

  Tracker.prototype.renderHistory = function () {
    var self = this, box = this.q(".rk-oc-history");
    box.replaceChildren();
    if (this.corrupt || !this.results.length) return;
    var items = this.results.slice().sort(byDate);
    if (DATA.mode === "summary") items = items.slice(-3);
    var head = el("tr", {}, [el("th", { scope: "col", text: "Date" })].concat(measures().map(function (m) { return el("th", { scope: "col", text: m.short }); }))
      .concat([el("th", { scope: "col", text: "Since your first entry" })]).concat(DATA.mode === "tool" ? [el("th", { scope: "col", text: "" })] : []));
    var rows = items.map(function (r) {
      var upTo = self.results.filter(function (x) { return C.parseIso(x.date) <= C.parseIso(r.date); });
      var ch = changes(upTo, "first");
      var words = Object.keys(ch).map(function (k) { return changeText(ch[k]); }).join("; ") || "first entry";
      // data-label: on a phone each row is shown as a card, each value after its name (CSS).
      var cells = [el("th", { scope: "row", text: r.date })].concat(measures().map(function (m) {
        return el("td", { "data-label": m.short, text: r[m.key] === null || r[m.key] === undefined ? "–" : numberText(r[m.key]) });
      })).concat([el("td", { "data-label": "Since your first entry", className: "rk-oc-since", text: words })]);
      if (DATA.mode === "tool") {
        var del = el("button", { type: "button", className: "rk-oc-delete", "aria-label": "Delete the entry for " + r.date, text: "Delete" });
        del.addEventListener("click", function () {
          var problem = self.save(function (now) { return now.filter(function (x) { return x.date !== r.date; }); });
          self.render();
          self.dataMessage(problem || "Deleted the entry for " + r.date + ".", !!problem);
        });
        cells.push(el("td", { className: "rk-oc-actions-cell" }, [del]));
      }
      return el("tr", {}, cells);
    });
    var caption = el("caption", { text: DATA.mode === "summary" ? "Your latest entries" : "Every entry, with the change since your first" });
    box.appendChild(el("div", { className: "rk-oc-table-wrap", tabindex: "0", role: "region", "aria-label": "Your entries" },
      [el("table", { className: "rk-oc-table" }, [caption, el("thead", {}, [head]), el("tbody", {}, rows)])]));
  };

  // Two panels drawn in SVG: questionnaires 0–100 (higher is better) and worst pain 0–10
  // (lower is better), each with a dashed line at "meaningfully better than your first entry".
  Tracker.prototype.renderChart = function () {
    var box = this.q(".rk-oc-chart");
    if (!box) return;
    box.replaceChildren();
    var items = this.results.slice().sort(byDate);
    if (this.corrupt || items.length < 1) return;
    var W = Math.round(Math.min(640, Math.max(300, box.clientWidth || 480))), left = 40, right = W - 12, panelH = 130, gap = 46, top = 26;
    var H = top + 2 * panelH + gap + 34;
    var d0 = C.parseIso(items[0].date), d1 = C.parseIso(items[items.length - 1].date), span = Math.max(7, d1 - d0);
    var x = function (iso) { return left + (right - left) * (C.parseIso(iso) - d0) / span; };
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "rk-oc-chart-title rk-oc-chart-desc", class: "rk-oc-svg" });
    root.appendChild(svg("title", { id: "rk-oc-chart-title" }, "Your outcome measures over time"));
    var desc = progress(items).message;
    root.appendChild(svg("desc", { id: "rk-oc-chart-desc" }, desc));
    var panels = [
      { keys: ["akps", "koos_pf"], max: 100, y0: top, title: "Questionnaires (0–100, higher is better)" },
      { keys: ["pain"], max: 10, y0: top + panelH + gap, title: "Worst pain (0–10, lower is better)" }
    ];
    panels.forEach(function (p) {
      var y = function (v) { return p.y0 + panelH - panelH * v / p.max; };
      root.appendChild(svg("text", { x: 2, y: p.y0 - 9, class: "rk-oc-axis" }, p.title));
      [0, p.max / 2, p.max].forEach(function (v) {
        root.appendChild(svg("line", { x1: left, x2: right, y1: y(v), y2: y(v), class: "rk-oc-grid" }));
        root.appendChild(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "rk-oc-axis" }, String(v)));
      });
      p.keys.forEach(function (key) {
        var m = measure(key), pts = items.filter(function (r) { return r[key] !== null && r[key] !== undefined; });
        if (!pts.length) return;
        var target = m.better === "higher" ? pts[0][key] + m.mid : pts[0][key] - m.mid;
        if (target >= 0 && target <= p.max && pts.length) {
          root.appendChild(svg("line", { x1: left, x2: right, y1: y(target), y2: y(target), class: "rk-oc-target rk-oc-" + key }));
        }
        if (pts.length > 1) root.appendChild(svg("polyline", { points: pts.map(function (r) { return x(r.date) + "," + y(r[key]); }).join(" "), class: "rk-oc-line rk-oc-" + key }));
        pts.forEach(function (r) {
          var dot = svg("circle", { cx: x(r.date), cy: y(r[key]), r: 5, class: "rk-oc-dot rk-oc-" + key });
          dot.appendChild(svg("title", {}, m.short + " on " + r.date + ": " + numberText(r[key])));
          root.appendChild(dot);
        });
      });
    });
    root.appendChild(svg("text", { x: left, y: H - 6, class: "rk-oc-axis" }, items[0].date));
    if (items.length > 1) root.appendChild(svg("text", { x: right, y: H - 6, "text-anchor": "end", class: "rk-oc-axis" }, items[items.length - 1].date));
    var legend = el("ul", { className: "rk-oc-legend" }, measures().map(function (m) {
      return el("li", {}, [el("span", { className: "rk-oc-swatch rk-oc-" + m.key, "aria-hidden": "true" }), m.short]);
    }).concat([el("li", {}, [el("span", { className: "rk-oc-swatch rk-oc-swatch-target", "aria-hidden": "true" }), "meaningfully better than your first entry"])]));
    box.appendChild(el("figure", { className: "rk-oc-figure" }, [root, legend]));
  };

  Tracker.prototype.render = function () {
    this.renderAlert();
    this.renderStatus();
    this.renderChart();
    this.renderHistory();
  };

  Tracker.prototype.start = function () {
    var self = this;
    this.load();
    var nojs = this.q(".rk-oc-nojs");
    if (nojs) nojs.remove();
    this.q(".rk-oc-app").hidden = false;
    if (DATA.mode === "tool") { this.setupForm(); this.setupData(); }
    this.store.onChange([DATA.storage_key], function () { self.load(); self.render(); });
    this.render();
  };

  function start(section) {
    try {
      DATA = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
      new Tracker(section).start();
    } catch (err) {
      C.startError(section, "rk-oc-error", "The tracker could not start ({error}). Your saved results have not been changed.", err);
    }
  }

  window.rkOutcomes = {
    checkScore: checkScore, improvement: improvement, classify: classify, changes: changes, changeText: changeText,
    progress: progress, noImprovement: noImprovement, resultsToCsv: resultsToCsv, resultsFromCsv: resultsFromCsv,
    signed: signed, setData: function (data) { DATA = data; }
  };

  function init() { document.querySelectorAll("section.rk-widget-outcomes").forEach(start); }
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})();
