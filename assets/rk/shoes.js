// Shoe mileage log on the static site. Thresholds and messages are the JSON that
// widgets/static/shoes.py embeds (from widgets/shoes.py and clinical.yaml); the status rule
// mirrors widgets.shoes.shoe_status() and is tested against it. The list is kept in this
// browser's localStorage only; it is exported and imported as the CSV widgets.shoes reads.
// A saved list that cannot be read, or a file that cannot be imported, is never overwritten
// silently: the page says so and leaves the saved data as it was.
(function () {
  "use strict";
  var C = window.rkCommon;  // CSV, dates and storage shared with the other page scripts
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

    function toCsv(pairs) {
      return C.toCsv([cfg.csv_header].concat(pairs.map(function (p) { return [p.name, kmText(p.km)]; })));
    }

    // The same checks as widgets.shoes.parse_shoes_csv(); the messages name the line.
    function parseCsv(text) {
      var rows;
      try {
        // Each row with the line it starts on; blank lines are read (and counted), then skipped.
        rows = C.readCsv(String(text)).map(function (r) { var cells = r.cells; cells.line = r.line; return cells; });
      } catch (err) {
        throw new Error("The file is not valid CSV (" + err.message + "); a quote inside a name must be doubled.");
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

  // --- storage: this device only (rkCommon's storage) --------------------------------------------
  // {pairs, ok: true} | {pairs: [], ok: false, raw} (unreadable) | {pairs: [], problem} (storage).
  function readSaved(api, store, key) {
    var got = store.read(key);
    if (got.problem) return { pairs: [], ok: false, problem: got.problem };
    var raw = got.value;
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
    var store = C.store();
    var addForm = section.querySelector(".rk-sh-add");
    var message = section.querySelector(".rk-sh-message");
    var list = section.querySelector(".rk-sh-list");
    var empty = section.querySelector(".rk-sh-empty");
    var exportButton = section.querySelector(".rk-sh-export");
    var importInput = section.querySelector(".rk-sh-import");
    section.querySelector(".rk-sh-nojs").hidden = true;
    var saved = readSaved(api, store, key);
    var pairs = saved.pairs;
    var canSave = saved.ok;
    var aside = saved.raw !== undefined ? store.keepAside(key, saved.raw) : null;  // an unreadable list, kept
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

    function storageWords(problem) {
      if (problem === "full") {
        return "Not saved: " + C.problemWords.full + ". Your list is as it was; export it as a CSV to keep it, " +
          "or free some space (for example, clear other sites' data) and try again.";
      }
      return "Not saved: " + C.problemWords[problem] + ". Export the list as a CSV to keep it.";
    }

    // Change the list: change(list) gets the list as stored now (another tab may have changed
    // it since this page read it) and returns the new one, or throws to refuse. Returns null or
    // what went wrong; the page then shows the stored list.
    // replace: the new list does not depend on the stored one (an import, a new list), which
    // may be unreadable (a copy of that is kept aside).
    function save(change, replace) {
      if (!canSave) { pairs = change(pairs); return null; }  // storage unusable: this page only
      try {
        var done = store.update(key, function (raw) {
          var now = raw === null || replace ? { ok: true, pairs: pairs } : readSaved(api, { read: function () { return { value: raw }; } }, key);
          if (!now.ok) throw new Error("The list saved in this browser was changed in another tab and cannot be read; nothing was saved.");
          return JSON.stringify({ version: 1, pairs: change(now.pairs) });
        });
        if (done.problem) return storageWords(done.problem);
        pairs = JSON.parse(done.value).pairs;
        return null;
      } catch (err) {
        return err.message;
      }
    }

    function commit(change, note, undo, replace) {
      var problem = save(change, replace);
      render();
      if (problem) { say(problem, "error"); return false; }
      if (undo) {
        say(note, "info", { label: "Undo", run: function () {
          var p = save(undo);
          render();
          say(p || "Undone.", p ? "error" : "info");
        } });
      } else {
        say(note);
      }
      return true;
    }

    function named(name) { return function (p) { return p.name.toLowerCase() === name.toLowerCase(); }; }

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
          commit(function (list) {
            if (!list.some(named(pair.name))) throw new Error(pair.name + " was removed in another tab; the run was not added.");
            return list.map(function (p) {
              if (!named(pair.name)(p)) return p;
              var km = api.roundKm(p.km + run);  // the stored distance: another tab may have added runs
              if (km > cfg.thresholds.max_km) throw new Error("That would make more than " + cfg.thresholds.max_km + " km: check the number.");
              return { name: p.name, km: km };
            });
          }, "Added " + api.roundKm(run) + " km to " + pair.name + ".");
          var again = list.querySelector('li[data-name="' + CSS.escape(pair.name) + '"] input');
          if (again) again.focus();
        } catch (err) {
          say(err.message, "error");
        }
      });
      remove.addEventListener("click", function () {
        var gone = pair;
        commit(function (list) { return list.filter(function (p) { return !named(gone.name)(p); }); },
          "Removed " + pair.name + ".",
          function (list) { return list.some(named(gone.name)) ? list : list.concat([gone]); });
        addForm.pair.focus();
      });
      li.appendChild(form);
      return li;
    }

    // keepTyped: a run being typed into a card stays there (the list redrawn for another tab's change).
    function render(keepTyped) {
      var typed = {}, focused = null;
      if (keepTyped) {
        list.querySelectorAll("li[data-name]").forEach(function (li) {
          var input = li.querySelector("input");
          if (input && input.value) typed[li.getAttribute("data-name")] = input.value;
          if (input && input === document.activeElement) focused = li.getAttribute("data-name");
        });
      }
      list.replaceChildren();
      pairs.forEach(function (p) {
        var li = pairItem(p), input = li.querySelector("input");
        if (typed[p.name] !== undefined) input.value = typed[p.name];
        list.appendChild(li);
        if (focused === p.name) input.focus();
      });
      empty.hidden = pairs.length > 0;
      exportButton.disabled = pairs.length === 0;
    }

    addForm.addEventListener("submit", function (event) {
      event.preventDefault();
      try {
        var name = api.checkName(addForm.pair.value, pairs);
        var km = api.parseKm(addForm.km.value || "0", "The distance already run");
        var added = commit(function (list) { return list.concat([{ name: api.checkName(name, list), km: km }]); },
          "Added " + name + ".");
        if (added) {  // kept in the form when it could not be saved
          addForm.pair.value = "";
          addForm.km.value = "0";
        }
      } catch (err) {
        say(err.message, "error");
      }
    });

    exportButton.addEventListener("click", function () {
      var stamp = C.todayIso();
      var blob = new Blob([C.withBom(api.toCsv(pairs))], { type: "text/csv;charset=utf-8" });
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
        var before = pairs;
        if (!canSave && saved.raw !== undefined && aside) canSave = true;  // the unreadable list is kept aside
        commit(function () { return imported; },
          "Imported " + imported.length + " pair(s) from " + file.name + ", replacing the list.",
          function () { return before; }, true);
      }).finally(function () { importInput.value = ""; });
    });

    // Another tab changed the list: show the stored list (never an empty one in its place).
    store.onChange([key], function () {
      if (!canSave) return;
      var now = readSaved(api, store, key);
      if (now.ok) { pairs = now.pairs; render(true); say("The list was changed in another tab; this is the list as saved now."); }
    });

    function startNewList() {
      if (!aside) { say("The unreadable list could not be kept aside, so nothing is saved over it.", "error"); return; }
      canSave = true;
      var problem = save(function () { return pairs; }, true);
      say(problem || "New list started; it is saved in this browser.", problem ? "error" : "info");
    }

    function downloadUnreadable() {
      var blob = new Blob([saved.raw], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "running-shoes-unreadable.json";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }

    render();
    if (saved.problem) {
      empty.hidden = true;  // the list is not known to be empty: it could not be read
      say((saved.problem === "full" ? C.problemWords.full : C.problemWords[saved.problem]).replace(/^./, function (c) { return c.toUpperCase(); }) +
        ": the list lasts until you leave the page. Export it as a CSV to keep it.", "warning");
    } else if (!saved.ok) {
      empty.hidden = true;
      say("The shoe list saved in this browser could not be read, so it has been left as it was and nothing " +
        "you change now is saved over it. Import a CSV export, or start a new list (the unreadable data is kept " +
        "aside in this browser" + (aside ? ", under " + aside : "") + ").", "error", { label: "Start a new list", run: startNewList });
      var keep = el("button", "rk-sh-action", "Download the unreadable list");
      keep.type = "button";
      keep.addEventListener("click", downloadUnreadable);
      message.firstChild.appendChild(document.createTextNode(" "));
      message.firstChild.appendChild(keep);
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
