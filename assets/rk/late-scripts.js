// Inlined at the end of every page but the search page by _ext/course_site.py (defer_head_scripts);
// not loaded as a file. Starts the theme's and Sphinx's scripts, held in the page as
// <script type="text/plain" data-rk-late src="…"> (inert: the browser neither fetches nor runs
// them), once the page has loaded and its largest contentful paint is on screen, so they do not
// compete with the text for a slow connection (issue 22). They run in document order.
//
// A reader who acts before they arrive is not ignored: the first key press, click or touch
// starts them at once, and Ctrl/⌘+K (the search dialog) or a click on a control that only the
// theme's scripts drive (search, colour theme, menus, sidebars) is replayed once they have run.
(function () {
  "use strict";
  var started = false, ready = false, queued = [];
  var CONTROLS = ".pst-js-only, [data-bs-toggle], .theme-switch-button, .search-button, .primary-toggle, .secondary-toggle";

  function flush() {
    ready = true;
    // Said on the page, so that whatever must follow the theme's own start-up (which writes the
    // stored colour mode back) can wait for it: the browser tests do before storing a theme.
    document.documentElement.dataset.rkLate = "done";
    queued.splice(0).forEach(function (replay) { replay(); });
  }

  function start() {
    if (started) return;
    started = true;
    var held = document.querySelectorAll("script[data-rk-late]");
    if (!held.length) { flush(); return; }
    held.forEach(function (h, i) {
      var s = document.createElement("script");
      s.src = h.src;
      s.async = false; // run in document order, as the <head> and end-of-body tags did
      if (i === held.length - 1) { s.onload = flush; s.onerror = flush; }
      document.body.appendChild(s);
    });
  }

  function early(e) {
    if (ready) return;
    if (e.type === "keydown") {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^k$/i.test(e.key)) {
        e.preventDefault();
        var init = { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, bubbles: true };
        queued.push(function () { window.dispatchEvent(new KeyboardEvent("keydown", init)); });
      }
    } else if (e.type === "click") {
      var target = e.target.closest && e.target.closest(CONTROLS);
      if (target) {
        e.preventDefault();
        e.stopPropagation();
        queued.push(function () { target.click(); });
      }
    }
    start();
  }
  ["keydown", "click", "touchstart"].forEach(function (type) {
    window.addEventListener(type, early, { capture: true, passive: type === "touchstart" });
  });

  function afterPaint() {
    // In any case within 3 s of the load event (a page that reports no LCP, e.g. one opened in a
    // background tab; on a busy machine the first paint itself came up to 2.2 s after load).
    setTimeout(start, 3000);
    var P = window.PerformanceObserver;
    if (P && P.supportedEntryTypes && P.supportedEntryTypes.indexOf("largest-contentful-paint") >= 0) {
      // An entry exists only once that paint is on screen (a frame after the load event was not
      // always after it on a long page).
      new P(function (list, observer) { observer.disconnect(); setTimeout(start, 0); })
        .observe({ type: "largest-contentful-paint", buffered: true });
    } else {
      requestAnimationFrame(function () { setTimeout(start, 0); });
    }
  }
  if (document.readyState === "complete") afterPaint();
  else window.addEventListener("load", afterPaint);
})();
