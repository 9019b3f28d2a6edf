// What the course's page scripts share (window.rkCommon): calendar dates, CSV written and read
// as Python's csv module does, iCalendar line folding, and the browser's storage on this device.
// Plain ES2017, no libraries, no network. _ext/course_site.py loads it before every page script
// that uses it (return-to-run.js, shoes.js, programme.js); tests/static/test_rk_common.py checks
// it against Python (csv, widgets.calendar_export) under Node.
(function () {
  "use strict";

  // --- calendar dates: whole days counted from 1970-01-01 (proleptic Gregorian, no time zones,
  // as Python's datetime.date) -------------------------------------------------------------------

  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400), yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function civilFromDays(z) {
    z += 719468;
    var era = Math.floor(z / 146097), doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1, m = mp + (mp < 10 ? 3 : -9);
    return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  // "YYYY-MM-DD" → day number, or null if it is not a real date (as date.fromisoformat; no trimming).
  function parseIso(text) {
    var match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(String(text));
    if (!match) return null;
    var y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
    if (y < 1 || m < 1 || m > 12 || d < 1) return null;
    var days = daysFromCivil(y, m, d), back = civilFromDays(days);
    return back[1] === m && back[2] === d ? days : null;  // 2027-02-30
  }

  function isoOf(days) { var c = civilFromDays(days); return pad(c[0], 4) + "-" + pad(c[1], 2) + "-" + pad(c[2], 2); }
  function compactDate(days) { return isoOf(days).replace(/-/g, ""); }
  function weekday(days) { return (((days + 3) % 7) + 7) % 7; }  // Monday = 0 (1970-01-01 was a Thursday)

  // Today on the reader's clock, "YYYY-MM-DD".
  function todayIso() {
    var d = new Date();
    return pad(d.getFullYear(), 4) + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2);
  }

  // A moment as iCalendar's UTC DATE-TIME, "20270101T120000Z".
  function utcStamp(date) {
    return pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) + "T" +
      pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + "Z";
  }

  // --- CSV (RFC 4180, as Python's csv module writes and reads it) ----------------------------------

  function csvField(value) {
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // Rows → text as csv.writer writes it: CRLF after every row, quotes only where needed.
  function toCsv(rows) {
    return rows.map(function (r) {
      // csv.writer quotes a row of one empty field, so it reads back as a field, not a blank line.
      return (r.length === 1 && String(r[0]) === "" ? '""' : r.map(csvField).join(",")) + "\r\n";
    }).join("");
  }

  // A CSV file's contents: UTF-8 with a byte-order mark, so spreadsheet programs show × and –
  // correctly (every reader here skips the mark).
  function withBom(text) { return "\ufeff" + text; }

  // Lines as Python's io.StringIO(text, newline="") gives them: ends at \n, \r\n or \r, kept.
  function physicalLines(text) {
    var lines = [], start = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        lines.push(text.slice(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length) lines.push(text.slice(start));
    return lines;
  }

  var FIELD_LIMIT = 131072; // csv.field_size_limit()

  // csv.reader(io.StringIO(text, newline=""), strict=True): next() gives a row (a blank line is
  // an empty row), null at the end, or throws {csv: Python's message}; lineNum counts the physical
  // lines read so far (reader.line_num), blank lines and line breaks inside quotes included.
  function CsvReader(text) { this.lines = physicalLines(String(text)); this.pos = 0; this.lineNum = 0; }
  CsvReader.prototype.next = function () {
    var START_RECORD = 0, START_FIELD = 1, IN_FIELD = 2, IN_QUOTED = 3, QUOTE_IN_QUOTED = 4, EAT_CRNL = 5;
    var EOL = null;
    var fields = [], field = "", state = START_RECORD;
    function save() { fields.push(field); field = ""; }
    function add(c) {
      if (field.length >= FIELD_LIMIT) throw { csv: "field larger than field limit (" + FIELD_LIMIT + ")" };
      field += c;
    }
    function process(c) {
      var nl = c === "\n" || c === "\r";
      switch (state) {
        case START_RECORD:
          if (c === EOL) return;
          if (nl) { state = EAT_CRNL; return; }
          state = START_FIELD;
          // falls through
        case START_FIELD:
          if (nl || c === EOL) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
          else if (c === '"') state = IN_QUOTED;
          else if (c === ",") save();
          else { add(c); state = IN_FIELD; }
          return;
        case IN_FIELD:
          if (nl || c === EOL) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
          else if (c === ",") { save(); state = START_FIELD; }
          else add(c);
          return;
        case IN_QUOTED:
          if (c === EOL) return;
          if (c === '"') state = QUOTE_IN_QUOTED;
          else add(c);
          return;
        case QUOTE_IN_QUOTED:
          if (c === '"') { add(c); state = IN_QUOTED; }
          else if (c === ",") { save(); state = START_FIELD; }
          else if (nl || c === EOL) { save(); state = c === EOL ? START_RECORD : EAT_CRNL; }
          else throw { csv: "',' expected after '\"'" };
          return;
        case EAT_CRNL:
          if (nl) return;
          if (c === EOL) { state = START_RECORD; return; }
          throw { csv: "new-line character seen in unquoted field - do you need to open the file with newline=''?" };
      }
    }
    do {
      if (this.pos >= this.lines.length) {
        if (field.length !== 0 || state === IN_QUOTED) throw { csv: "unexpected end of data" };
        return null;
      }
      var line = this.lines[this.pos++];
      this.lineNum += 1;
      for (var i = 0; i < line.length; i++) process(line[i]);
      process(EOL);
    } while (state !== START_RECORD);
    return fields;
  };

  // Every row of the text with the physical line it starts on ({line, cells}), blank lines
  // included as rows with no cells, so a message can name the line a text editor shows. A
  // leading byte-order mark is skipped. Throws Error(Python's csv message) on a malformed file.
  function readCsv(text) {
    var reader = new CsvReader(String(text).replace(/^\ufeff/, "")), rows = [], start = 1, row;
    for (;;) {
      try {
        row = reader.next();
      } catch (err) {
        if (err && err.csv) throw new Error(err.csv);
        throw err;
      }
      if (row === null) return rows;
      rows.push({ line: start, cells: row });
      start = reader.lineNum + 1;
    }
  }

  // --- iCalendar: content lines folded (RFC 5545 §3.1) ----------------------------------------------

  function utf8Length(ch) {
    var cp = ch.codePointAt(0);
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  // Lines of at most 75 octets of UTF-8 (a character is never split), continued with CRLF and
  // one space, folded as the icalendar package folds: never right after a backslash or a caret,
  // so an escape such as \; stays whole.
  function foldLine(line) {
    var parts = [], current = [], bytes = 0;
    Array.from(String(line)).forEach(function (ch) {
      var size = utf8Length(ch);
      if (current.length && bytes + size >= 75) {
        var last = current[current.length - 1];
        if (current.length > 1 && (last === "\\" || last === "^")) {
          current.pop();
          parts.push(current.join(""));
          current = [last];
          bytes = 1;
        } else {
          parts.push(current.join(""));
          current = [];
          bytes = 0;
        }
      }
      current.push(ch);
      bytes += size;
    });
    if (current.length) parts.push(current.join(""));
    return parts.join("\r\n ");
  }

  // Content lines → the file's text, each folded and ended with CRLF.
  function icsLines(lines) { return lines.map(function (l) { return foldLine(l) + "\r\n"; }).join(""); }

  // --- storage on this device (localStorage) ---------------------------------------------------------
  //
  // Every call says what went wrong instead of throwing: a page shows "storage is full" or
  // "storage is blocked" to the reader, never an empty list in its place.

  // What a failed storage call means: "full" (QuotaExceededError), "blocked" (SecurityError, no
  // localStorage at all) or "error".
  function storageProblem(err) {
    var name = err && err.name, code = err && err.code;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014) return "full";
    if (name === "SecurityError" || code === 18 || name === "TypeError" || name === "ReferenceError") return "blocked";
    return "error";
  }

  var PROBLEM_WORDS = {
    full: "this browser's storage for this site is full",
    blocked: "this browser does not let the page keep data (local storage is blocked, for example in a private window or by a setting)",
    error: "this browser's storage could not be used"
  };

  function Store() {
    this.problem = null;
    this.store = null;
    try {
      this.store = window.localStorage;
      if (!this.store) throw { name: "ReferenceError" };
      this.store.getItem("rk-storage-probe");
    } catch (err) {
      this.store = null;
      this.problem = storageProblem(err) === "full" ? "error" : "blocked";
    }
  }

  Store.prototype.available = function () { return this.store !== null; };

  // {value: the stored text or null} or {problem}.
  Store.prototype.read = function (key) {
    if (!this.store) return { value: null, problem: this.problem };
    try {
      return { value: this.store.getItem(key), problem: null };
    } catch (err) {
      return { value: null, problem: storageProblem(err) };
    }
  };

  // null when written, else the problem ("full", "blocked", "error").
  Store.prototype.write = function (key, text) {
    if (!this.store) return this.problem;
    try {
      this.store.setItem(key, text);
      return null;
    } catch (err) {
      return storageProblem(err);
    }
  };

  Store.prototype.remove = function (key) {
    if (!this.store) return this.problem;
    try {
      this.store.removeItem(key);
      return null;
    } catch (err) {
      return storageProblem(err);
    }
  };

  // Read the current stored value, let merge(current) make the new one, and write it: a write
  // never replaces what another tab saved since this page last read. merge may throw to refuse.
  // Returns {value} (the text written) or {problem}.
  Store.prototype.update = function (key, merge) {
    var now = this.read(key);
    if (now.problem) return { problem: now.problem };
    var next = merge(now.value);
    var problem = this.write(key, next);
    return problem ? { problem: problem } : { value: next };
  };

  // A stored record that cannot be read is kept aside under KEY-corrupt (never overwritten: a
  // second one goes to KEY-corrupt-2, …) so it can still be exported. Returns the key used, or
  // null if it could not be kept.
  Store.prototype.keepAside = function (key, raw) {
    if (!this.store || raw === null || raw === undefined) return null;
    for (var n = 1; n < 100; n++) {
      var aside = key + "-corrupt" + (n === 1 ? "" : "-" + n);
      var there = this.read(aside);
      if (there.problem) return null;
      if (there.value === raw) return aside;
      if (there.value === null) return this.write(aside, raw) ? null : aside;
    }
    return null;
  };

  // Call back when another tab of this site changes one of keys (or clears the storage).
  Store.prototype.onChange = function (keys, callback) {
    window.addEventListener("storage", function (event) {
      if (event.key === null || keys.indexOf(event.key) >= 0) callback(event);
    });
  };

  // =============================================================================================
  // Building the tools' HTML and SVG, and saving a file (the planner and the outcome tracker)
  // =============================================================================================

  var SVG_NS = "http://www.w3.org/2000/svg";

  // el("p", {className: "x", text: "..."}, [child, "text", null]): attrs "text" and "className"
  // set the text and the class; others become attributes; null children are skipped.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A file made in the browser and saved on the device; nothing is sent.
  function download(name, text, type) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // A tool that cannot start says so at the top of its section, in words, and says that what the
  // reader saved is untouched (it is: nothing was read or written yet). Never a blank widget.
  function startError(section, className, message, err) {
    var body = section.querySelector(".rk-widget-body");
    var p = el("p", { class: className, role: "alert" });
    p.textContent = message.replace("{error}", err && err.message ? err.message : String(err));
    if (body) body.insertBefore(p, body.firstChild);
  }

  window.rkCommon = {
    daysFromCivil: daysFromCivil, civilFromDays: civilFromDays, pad: pad, parseIso: parseIso, isoOf: isoOf,
    compactDate: compactDate, weekday: weekday, todayIso: todayIso, utcStamp: utcStamp,
    csvField: csvField, toCsv: toCsv, withBom: withBom, physicalLines: physicalLines, CsvReader: CsvReader,
    readCsv: readCsv,
    utf8Length: utf8Length, foldLine: foldLine, icsLines: icsLines,
    storageProblem: storageProblem, problemWords: PROBLEM_WORDS, Store: Store,
    store: function () { return new Store(); },
    el: el, svg: svg, download: download, startError: startError
  };
})();
