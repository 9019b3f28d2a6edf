// Static walkthrough player (no network, no libraries). The tree comes from the JSON that
// widgets/static/walkthrough.py embedded in the page; the same tree drives the JupyterLab
// version. One question at a time; Back and Start again; a summary to copy or print.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    // A child may be a plain string (the text after a bold lead); appendChild needs a node.
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function itemList(cls, items) {
    return el("ul", { class: cls }, items.map(function (t) { return el("li", { text: t }); }));
  }

  function docHref(doc) {
    // Sphinx writes the path from this page to the site root on <html data-content_root>.
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    return root + doc.replace(/^\//, "") + ".html";
  }

  // What an outcome shows unfolded, first: the level's action (urgent kinds only), then each
  // sign's own next step ("go now if…"). Pure, so tests/static/test_walkthrough.py can compare it
  // with widgets.walkthrough under Node.
  function visibleAction(tree, nodeId) {
    var node = tree.nodes[nodeId];
    var level = tree.levels[node.outcome];
    return (level ? [level.action] : []).concat(node.escalations || []);
  }
  window.rkWalkthrough = { visibleAction: visibleAction };

  // The level for the player's headings: one below the heading of the page section that holds
  // the player (the page title, h1, on the walkthrough pages), so the outline never skips a
  // level (axe: heading-order; a screen reader's list of headings stays a tree).
  function headingLevel(section) {
    for (var node = section.parentElement; node; node = node.parentElement) {
      if (node.tagName !== "SECTION") continue;
      for (var child = node.firstElementChild; child; child = child.nextElementSibling) {
        var m = /^H([1-6])$/.exec(child.tagName);
        if (m) return Math.min(6, Number(m[1]) + 1);
      }
    }
    return 2;
  }

  function Player(section) {
    this.section = section;
    this.heading = "h" + headingLevel(section);
    this.tree = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    this.body = section.querySelector(".rk-widget-body");
    this.history = []; // [{node, answer}]
    this.render(false);
  }

  Player.prototype.current = function () {
    var id = this.tree.start;
    var nodes = this.tree.nodes;
    this.history.forEach(function (h) { id = nodes[h.node].answers[h.answer].next; });
    return { id: id, node: nodes[id] };
  };

  Player.prototype.answer = function (index) {
    this.history.push({ node: this.current().id, answer: index });
    this.render(true);
  };

  Player.prototype.back = function () { this.history.pop(); this.render(true); };
  Player.prototype.restart = function () { this.history = []; this.render(true); };

  Player.prototype.summaryText = function () {
    var nodes = this.tree.nodes;
    var lines = [this.tree.title, ""];
    this.history.forEach(function (h) {
      var q = nodes[h.node];
      lines.push("Q: " + q.question + (q.items && q.items.length ? " (" + q.items.join("; ") + ")" : ""));
      lines.push("A: " + nodes[h.node].answers[h.answer].label);
    });
    var end = this.current().node;
    if (end.outcome) {
      var lv = this.tree.levels[end.outcome];
      lines.push("", "Result: " + this.tree.kinds[end.outcome] + " — " + end.title);
      if (lv) lines.push("What to do, " + lv.when + ": " + lv.action);
      (end.escalations || []).forEach(function (e) { lines.push(e); });
    }
    return lines.join("\n");
  };

  Player.prototype.controls = function () {
    var self = this;
    var bar = el("div", { class: "rk-wt-controls" });
    if (this.history.length) {
      var back = el("button", { type: "button", class: "rk-wt-back", text: "← Back" });
      back.addEventListener("click", function () { self.back(); });
      bar.appendChild(back);
      var again = el("button", { type: "button", class: "rk-wt-restart", text: "Start again" });
      again.addEventListener("click", function () { self.restart(); });
      bar.appendChild(again);
    }
    return bar;
  };

  Player.prototype.render = function (moveFocus) {
    var self = this;
    var cur = this.current();
    var node = cur.node;
    var panel = el("div", { class: "rk-wt-panel" });
    var heading;
    if (!node.outcome) {
      panel.appendChild(el("p", { class: "rk-wt-progress", text: "Question " + (this.history.length + 1) }));
      heading = el(this.heading, { class: "rk-wt-question", tabindex: "-1", text: node.question });
      panel.appendChild(heading);
      if (node.items && node.items.length) panel.appendChild(itemList("rk-wt-items", node.items));
      if (node.help) panel.appendChild(el("p", { class: "rk-wt-help", text: node.help }));
      var list = el("div", { class: "rk-wt-answers", role: "group", "aria-label": node.question });
      node.answers.forEach(function (a, i) {
        var b = el("button", { type: "button", class: "rk-wt-answer", text: a.label });
        b.addEventListener("click", function () { self.answer(i); });
        list.appendChild(b);
      });
      panel.appendChild(list);
    } else {
      var box = el("div", { class: "rk-wt-outcome rk-wt-" + node.outcome, "data-outcome": node.outcome });
      var level = this.tree.levels[node.outcome];
      var kind = el("p", { class: "rk-wt-kind" });
      if (level) {
        // Urgent outcomes: an icon and the level's words (not colour alone), then what to do and
        // when, first; all from the red-flag catalogue, never typed in the tree.
        var icon = el("span", { class: "rk-wt-icon" });
        icon.innerHTML = this.tree.icons[level.icon]; // build-time SVG from widgets/figures/icons.py
        kind.appendChild(icon);
      }
      kind.appendChild(document.createTextNode(this.tree.kinds[node.outcome]));
      box.appendChild(kind);
      var shown = visibleAction(this.tree, cur.id);
      if (level) box.appendChild(el("p", { class: "rk-wt-action", text: shown[0] }));
      // A sign's own next step ("go now if they cannot bear weight"), visible next to the action,
      // never folded: the words come from the catalogue's `escalation` field.
      var steps = shown.slice(level ? 1 : 0);
      if (steps.length) {
        // Bold only who it is for ("Growing child who limps…:"), so on a phone the steps read as
        // a list to scan, not a block of bold text.
        box.appendChild(el("ul", { class: "rk-wt-escalations" }, steps.map(function (t) {
          var cut = t.indexOf(": ");
          return cut > 0 ? el("li", {}, [el("strong", { text: t.slice(0, cut + 1) }), t.slice(cut + 1)])
                         : el("li", { text: t });
        })));
      }
      heading = el(this.heading, { class: "rk-wt-title", tabindex: "-1", text: node.title });
      box.appendChild(heading);
      box.appendChild(el("p", { text: node.text }));
      if (node.items && node.items.length) {
        // What each screened sign can mean: folded, so a person who ticked one sign is not shown
        // every frightening possibility at once on a small screen.
        var more = el("details", { class: "rk-wt-more" }, [el("summary", { text: "What each of these signs can mean" })]);
        more.appendChild(itemList("rk-wt-items", node.items));
        box.appendChild(more);
      }
      if (node.links && node.links.length) {
        var links = el("ul", { class: "rk-wt-links" });
        node.links.forEach(function (l) {
          links.appendChild(el("li", {}, [el("a", { href: docHref(l.doc), text: l.text })]));
        });
        box.appendChild(links);
      }
      box.appendChild(el("p", { class: "rk-wt-disclaimer", text: this.tree.disclaimer }));
      panel.appendChild(box);
      var summary = el("details", { class: "rk-wt-summary" });
      summary.appendChild(el("summary", { text: "Your answers (to copy or print for a clinician)" }));
      var text = el("textarea", { readonly: "readonly", rows: "8", "aria-label": "Summary of your answers" });
      text.value = this.summaryText();
      summary.appendChild(text);
      var copy = el("button", { type: "button", class: "rk-wt-copy", text: "Copy summary" });
      var status = el("span", { class: "rk-wt-status", role: "status" });
      copy.addEventListener("click", function () {
        text.select();
        var done = function () { status.textContent = "Copied."; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.value).then(done, function () {
            status.textContent = "Select the text above and copy it.";
          });
        } else {
          try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Select the text above and copy it."; }
        }
      });
      var print = el("button", { type: "button", class: "rk-wt-print", text: "Print" });
      print.addEventListener("click", function () { window.print(); });
      summary.appendChild(el("div", { class: "rk-wt-controls" }, [copy, print, status]));
      panel.appendChild(summary);
    }
    panel.appendChild(this.controls());
    this.body.replaceChildren(panel);
    this.section.setAttribute("data-node", cur.id);
    if (moveFocus && heading) heading.focus();
  };

  function start() {
    document.querySelectorAll("section.rk-widget-walkthrough").forEach(function (s) {
      try { s.rkPlayer = new Player(s); } catch (err) {
        s.querySelector(".rk-widget-body").textContent = "The walkthrough could not start (" + err.message + ").";
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
