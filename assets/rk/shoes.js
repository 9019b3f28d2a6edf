// Shoe mileage log on the static site. Thresholds and messages are the JSON that
// widgets/static/shoes.py embeds (from widgets/shoes.py and clinical.yaml); the status rule
// mirrors widgets.shoes.shoe_status() and is tested against it. The list is kept in this
// browser's localStorage only; it is exported and imported as the CSV widgets.shoes reads.
// A saved list that cannot be read, or a file that cannot be imported, is never overwritten
// silently: the page says so and leaves the saved data as it was.
(function () {
  "use strict";
  var KM = /^[0-9]+(?:\.[0-9]+)?$/;

  function roundKm(value) { return Math.floor(value * 10 + 0.5) / 10; }
  function kmText(value) { return String(roundKm(value)); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }
  function normaliseName(name) { return String(name).trim().split(/\s+/).join(" "); }

  function makeApi(cfg) {
    var t = cfg.thresholds;

    function checkKm(value, what) {
      var n = typeof value === "number" ? value : NaN;
      if (!isFinite(n) || n < 0 || n > t.max_km) {
        throw new Error((what || "The distance") + " must be a number of km from 0 to " +
          t.max_km.toLocaleString("en-GB") + ".");
      }
      return roundKm(n);
    }

    // The same rule and words as widgets.shoes.shoe_status().
    function status(distance) {
      var km = checkKm(distance);
      var kind = km >= t.replace_km ? "replace" : km >= t.warn_km ? "warn" : "ok";
      var values = Object.assign({}, t, { km: kmText(km), left: kmText(t.warn_km - km) });
      return { distance_km: km, status: kind, message: fill(cfg.messages[kind], values) };
    }

    function checkName(name, pairs, except) {
      var clean = normaliseName(name || "");
      if (!clean) throw new Error("Give the pair a name, e.g. Blue trainers.");
      if (clean.length > cfg.max_name) throw new Error("A pair's name can have at most " + cfg.max_name + " characters.");
      var lower = clean.toLowerCase();
      (pairs || []).forEach(function (p) {
        if (p !== except && p.name.toLowerCase() === lower) {
          throw new Error("There is already a pair called " + p.name + ": give each pair its own name.");
        }
      });
      return clean;
    }

    // "12,5" and "12.5" both mean twelve and a half km in a form; the CSV uses a dot only.
    function parseKm(text, what) {
      var s = String(text || "").trim().replace(",", ".");
      if (!KM.test(s)) throw new Error((what || "The distance") + " must be a number of km, like 12.5.");
      return checkKm(Number(s), what);
    }

    function csvField(value) {
      var s = String(value);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }

    function toCsv(pairs) {
      return [cfg.csv_header].concat(pairs.map(function (p) { return [p.name, kmText(p.km)]; }))
        .map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
    }

    // RFC 4180: quoted fields may hold commas, quotes and line breaks. Each row has .line, the
    // physical line it starts on (CRLF, LF or CR each end a line, as Python's csv counts them).
    function csvRows(text) {
      var rows = [], row = [], field = "", quoted = false, i = 0, wasQuoted = false, line = 1, rowLine = 1;
      function endRow() { row.push(field); row.line = rowLine; rows.push(row); row = []; field = ""; wasQuoted = false; }
      while (i < text.length) {
        var ch = text[i];
        if (quoted) {
          if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
          if (ch === '"') {
            quoted = false; i++;
            if (i < text.length && ",\r\n".indexOf(text[i]) === -1) throw new Error("a quote inside a name must be doubled");
            continue;
          }
          if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
          field += ch; i++; continue;
        }
        if (ch === '"' && field === "" && !wasQuoted) { quoted = true; wasQuoted = true; i++; continue; }
        if (ch === ",") { row.push(field); field = ""; wasQuoted = false; i++; continue; }
        if (ch === "\r" || ch === "\n") {
          endRow();
          i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
          rowLine = ++line;
          continue;
        }
        field += ch; i++;
      }
      if (quoted) throw new Error("a quoted name is not closed; a quote inside a name must be doubled");
      if (field !== "" || row.length || wasQuoted) endRow();
      return rows;
    }

    // The same checks as widgets.shoes.parse_shoes_csv(); the messages name the line.
    function parseCsv(text) {
      var rows;
      try {
        rows = csvRows(String(text).replace(/^\ufeff/, ""));
      } catch (err) {
        throw new Error("The file is not valid CSV: " + err.message + ".");
      }
      rows = rows.filter(function (r) {
        return r.some(function (c) { return c.trim() !== ""; });
      });
      var header = rows.length ? rows[0].map(function (c) { return c.trim().toLowerCase(); }).join(",") : "";
      if (header !== cfg.csv_header.join(",")) throw new Error("The first line must be the header: " + cfg.csv_header.join(","));
      var pairs = [];
      rows.slice(1).forEach(function (r) {
        var line = r.line;
        if (r.length !== 2) throw new Error("Line " + line + ": expected a name and a distance, got " + r.length + " field(s).");
        var name;
        try { name = checkName(r[0], pairs); } catch (err) { throw new Error("Line " + line + ": " + err.message); }
        var number = r[1].trim();
        if (!KM.test(number) || Number(number) > t.max_km) {
          throw new Error("Line " + line + ": the distance “" + r[1] + "” must be a number of km from 0 to " +
            t.max_km.toLocaleString("en-GB") + ", like 512.3.");
        }
        pairs.push({ name: name, km: roundKm(Number(number)) });
      });
      return pairs;
    }

    return { status: status, checkName: checkName, parseKm: parseKm, toCsv: toCsv, parseCsv: parseCsv,
      roundKm: roundKm, checkKm: checkKm };
  }

  // --- storage: this device only --------------------------------------------------------------
  function storage() {
    try {
      var s = window.localStorage, probe = "rk-storage-probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (err) {
      return null;
    }
  }

  function readSaved(api, store, key) {
    var raw = store ? store.getItem(key) : null;
    if (raw === null) return { pairs: [], ok: true };
    try {
      var data = JSON.parse(raw);
      if (!data || data.version !== 1 || !Array.isArray(data.pairs)) throw new Error("not a shoe list");
      var pairs = [];
      data.pairs.forEach(function (p) {
        var name = api.checkName(p && p.name, pairs);
        pairs.push({ name: name, km: api.checkKm(p.km) });
      });
      return { pairs: pairs, ok: true };
    } catch (err) {
      return { pairs: [], ok: false, raw: raw };
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start(section) {
    var cfg = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var api = makeApi(cfg);
    var key = cfg.storage_key;
    var store = storage();
    var addForm = section.querySelector(".rk-sh-add");
    var message = section.querySelector(".rk-sh-message");
    var list = section.querySelector(".rk-sh-list");
    var empty = section.querySelector(".rk-sh-empty");
    var exportButton = section.querySelector(".rk-sh-export");
    var importInput = section.querySelector(".rk-sh-import");
    section.querySelector(".rk-sh-nojs").hidden = true;
    var saved = readSaved(api, store, key);
    var pairs = saved.pairs;
    var canSave = !!store && saved.ok;
    var uid = 0;

    function say(text, kind, action) {
      message.replaceChildren();
      if (!text) return;
      var p = el("p", "rk-sh-note rk-sh-" + (kind || "info"), text);
      if (kind === "error") p.setAttribute("role", "alert");
      if (action) {
        var button = el("button", "rk-sh-action", action.label);
        button.type = "button";
        button.addEventListener("click", action.run);
        p.appendChild(document.createTextNode(" "));
        p.appendChild(button);
      }
      message.appendChild(p);
    }

    function save() {
      if (!canSave) return;
      try {
        store.setItem(key, JSON.stringify({ version: 1, pairs: pairs }));
      } catch (err) {
        say("This browser would not save the list (its storage may be full). Export it as a CSV to keep it.", "error");
      }
    }

    function commit(next, note, undoable) {
      var before = pairs;
      pairs = next;
      save();
      render();
      if (undoable) {
        say(note, "info", { label: "Undo", run: function () { pairs = before; save(); render(); say("Undone."); } });
      } else {
        say(note);
      }
    }

    function pairItem(pair) {
      var s = api.status(pair.km);
      var li = el("li", "rk-sh-pair rk-sh-" + s.status);
      li.setAttribute("data-status", s.status);
      li.setAttribute("data-name", pair.name);
      var head = el("div", "rk-sh-head");
      head.appendChild(el("h3", "rk-sh-name", pair.name));
      head.appendChild(el("span", "rk-sh-badge", cfg.labels[s.status]));
      li.appendChild(head);
      li.appendChild(el("p", "rk-sh-km", api.roundKm(pair.km) + " km"));
      var bar = el("div", "rk-sh-bar");
      bar.setAttribute("aria-hidden", "true");
      var fillBar = el("span", "rk-sh-fill");
      fillBar.style.width = Math.min(100, 100 * pair.km / cfg.thresholds.replace_km) + "%";
      bar.appendChild(fillBar);
      var mark = el("span", "rk-sh-mark");
      mark.style.left = (100 * cfg.thresholds.warn_km / cfg.thresholds.replace_km) + "%";
      bar.appendChild(mark);
      li.appendChild(bar);
      li.appendChild(el("p", "rk-sh-status", s.message));
      var form = el("form", "rk-sh-run");
      form.noValidate = true;
      var id = "rk-sh-run-" + (++uid);
      var label = el("label", "", "Add a run (km)");
      label.htmlFor = id;
      var hidden = el("span", "visually-hidden", " to " + pair.name);
      label.appendChild(hidden);
      var input = el("input");
      input.id = id; input.name = "run"; input.type = "text"; input.inputMode = "decimal"; input.autocomplete = "off";
      var add = el("button", "", "Add");
      add.type = "submit";
      var remove = el("button", "rk-sh-remove", "Remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + pair.name);
      form.appendChild(label); form.appendChild(input); form.appendChild(add); form.appendChild(remove);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        try {
          var run = api.parseKm(input.value, "The run");
          if (run <= 0) throw new Error("The run must be more than 0 km.");
          var total = api.roundKm(pair.km + run);
          if (total > cfg.thresholds.max_km) throw new Error("That would make more than " + cfg.thresholds.max_km + " km: check the number.");
          var next = pairs.map(function (p) { return p === pair ? { name: p.name, km: total } : p; });
          commit(next, "Added " + api.roundKm(run) + " km to " + pair.name + ".");
          var again = list.querySelector('li[data-name="' + CSS.escape(pair.name) + '"] input');
          if (again) again.focus();
        } catch (err) {
          say(err.message, "error");
        }
      });
      remove.addEventListener("click", function () {
        commit(pairs.filter(function (p) { return p !== pair; }), "Removed " + pair.name + ".", true);
        addForm.pair.focus();
      });
      li.appendChild(form);
      return li;
    }

    function render() {
      list.replaceChildren();
      pairs.forEach(function (p) { list.appendChild(pairItem(p)); });
      empty.hidden = pairs.length > 0;
      exportButton.disabled = pairs.length === 0;
    }

    addForm.addEventListener("submit", function (event) {
      event.preventDefault();
      try {
        var name = api.checkName(addForm.pair.value, pairs);
        var km = api.parseKm(addForm.km.value || "0", "The distance already run");
        commit(pairs.concat([{ name: name, km: km }]), "Added " + name + ".");
        addForm.pair.value = "";
        addForm.km.value = "0";
      } catch (err) {
        say(err.message, "error");
      }
    });

    exportButton.addEventListener("click", function () {
      var now = new Date();
      var stamp = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
        String(now.getDate()).padStart(2, "0");
      var blob = new Blob(["\ufeff" + api.toCsv(pairs)], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "running-shoes-" + stamp + ".csv";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });

    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var imported;
        try {
          imported = api.parseCsv(text);
        } catch (err) {
          say("Could not import " + file.name + ": " + err.message + " Your list is unchanged.", "error");
          return;
        }
        if (!canSave && store) {  // the unreadable saved data is kept aside, never lost
          if (store.getItem(key + "-unreadable") === null && saved.raw !== undefined) store.setItem(key + "-unreadable", saved.raw);
          canSave = true;
        }
        commit(imported, "Imported " + imported.length + " pair(s) from " + file.name + ", replacing the list.", true);
      }).finally(function () { importInput.value = ""; });
    });

    render();
    if (!store) {
      say("This browser does not let the page save anything (private browsing or blocked storage): the list " +
        "lasts until you leave the page. Export it as a CSV to keep it.", "warning");
    } else if (!saved.ok) {
      say("The shoe list saved in this browser could not be read, so it has been left as it was and nothing " +
        "you change now is saved over it. Import a CSV export, or start a new list (the unreadable data is kept " +
        "aside in this browser).", "error", { label: "Start a new list", run: function () {
          if (store.getItem(key + "-unreadable") === null) store.setItem(key + "-unreadable", saved.raw);
          canSave = true;
          save();
          say("New list started; it is saved in this browser.");
        } });
    }
  }

  var configured = null;
  window.rkShoes = {
    api: function () {
      if (!configured) {
        configured = makeApi(JSON.parse(document.querySelector("section.rk-widget-shoes script.rk-widget-data").textContent));
      }
      return configured;
    },
    status: function (km) { return window.rkShoes.api().status(km); },
    parseCsv: function (text) { return window.rkShoes.api().parseCsv(text); },
    toCsv: function (pairs) { return window.rkShoes.api().toCsv(pairs); }
  };
  function init() { document.querySelectorAll("section.rk-widget-shoes").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
