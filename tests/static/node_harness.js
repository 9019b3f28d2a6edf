// Runs one of the site's scripts (assets/rk/NAME.js) under Node, without a browser, and calls
// its functions: the parity tests in tests/static/ compare the answers with widgets/ (Python).
//
// stdin: {"script": path, "preload": [paths loaded first, e.g. assets/rk/rk-common.js, as the
// page loads them], "data": the widget's embedded JSON text, "section": CSS class of the
// widget's <section> or null, "calls": [[fn, [args...]], ...]} where fn is a path such as
// "rkName.fn" or "rkName.api().fn", or the source of a function, "(a, b) => ...", for calls that
// chain several of the script's functions or turn its answers into JSON.
// stdout: one JSON list, [{"ok": value} or {"error": message}, ...] in the order of the calls.
//
// The page is a minimal stand-in: document.querySelector("... script.rk-widget-data") gives the
// embedded JSON, exactly as the page has it. With "section", document.querySelectorAll() of that
// section gives one stand-in section holding the JSON, so a script that reads its data when it
// starts (return-to-run.js) has it; the script's page set-up then finds no controls in the
// stand-in and stops, which the script reports on the page (here: nowhere). No other DOM exists:
// only the scripts' pure functions are called.
"use strict";
const fs = require("fs");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const dataNode = { textContent: input.data };
const section = {
  querySelector: (sel) => (sel === "script.rk-widget-data" ? dataNode : null),
  querySelectorAll: () => [],
  getAttribute: () => null,
  setAttribute: () => {},
};
globalThis.window = globalThis;
globalThis.document = {
  readyState: "complete",
  addEventListener: () => {},
  querySelector: (sel) => (/script\.rk-widget-data$/.test(sel) ? dataNode : null),
  querySelectorAll: (sel) => (input.section && sel === "section." + input.section ? [section] : []),
  // Enough for a script to report that it could not start; any real use of it fails.
  createElement: () => ({ setAttribute: () => {}, appendChild: () => {} }),
};
(input.preload || []).forEach((path) => require(path));
require(input.script);

function resolve(path) {
  // "rkShoes.api().parseCsv" -> the function, with api() called on the way.
  let target = globalThis, owner = null;
  for (const part of path.split(".")) {
    const call = part.endsWith("()");
    const name = call ? part.slice(0, -2) : part;
    if (target === undefined || target === null || !(name in Object(target))) throw new Error("no " + path);
    owner = target;
    target = call ? target[name]() : target[name];
  }
  return [target, owner];
}

const results = input.calls.map(([path, args]) => {
  try {
    const [fn, owner] = path.startsWith("(") ? [(0, eval)(path), null] : resolve(path);
    const value = fn.apply(owner, args);
    return { ok: value === undefined ? null : value };
  } catch (err) {
    return { error: err && err.message !== undefined ? String(err.message) : String(err) };
  }
});
process.stdout.write(JSON.stringify(results));
