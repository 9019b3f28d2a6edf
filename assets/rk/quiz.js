// Static self-check quiz (no network, no libraries but window.rkCommon for the CSV). The questions
// and options are HTML written by widgets/static/quiz.py; the answers, explanations and words come
// from the JSON embedded beside them. grade(), gradeNumeric(), summary() and answersRows() follow
// widgets.quiz (same rules, same words): tests/static/test_quiz.py compares them under Node and
// tests/browser/test_quiz.py in Chromium. Nothing is stored or sent anywhere; "Export my answers"
// writes a CSV file in the browser.
(function () {
  "use strict";

  function grade(question, chosen) {
    const last = question.options.length - 1;
    const allowed = "option numbers from 0 to " + last + " (0 is the first option)";
    if (!Array.isArray(chosen)) throw new Error("Choices must be a list of " + allowed);
    chosen.forEach(function (i) {
      if (!Number.isInteger(i)) throw new Error("Choices must be whole " + allowed);
      if (i < 0 || i > last) throw new Error("Choices must be " + allowed + ", got " + i);
    });
    if (!chosen.length) throw new Error("Choose at least one option before checking the answer.");
    if (new Set(chosen).size !== chosen.length) throw new Error("Each option can be chosen only once");
    if (!question.multiple && chosen.length > 1) throw new Error("This question takes one answer");

    const picked = chosen.slice().sort(function (a, b) { return a - b; });
    const right = [];
    question.options.forEach(function (o, i) { if (o.correct) right.push(i); });
    const found = picked.filter(function (i) { return question.options[i].correct; }).length;
    const wrong = picked.length - found;
    const correct = wrong === 0 && found === right.length;
    let message;
    if (correct) message = "Correct.";
    else if (!question.multiple) message = "Not quite.";
    else {
      message = "Not quite: you found " + found + " of " + right.length + " right answer" + (right.length === 1 ? "" : "s");
      if (wrong) message += ", and " + wrong + " of your choices " + (wrong === 1 ? "is" : "are") + " not right";
      message += ".";
    }
    function explained(i) {
      const o = question.options[i];
      return { index: i, text: o.text, correct: o.correct, explanation: o.explanation };
    }
    return {
      correct: correct,
      message: message,
      chosen: picked.map(explained),
      missed: right.filter(function (i) { return picked.indexOf(i) === -1; }).map(explained),
    };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return String(values[k]); });
  }

  // Typed numbers as widgets.quiz.parse_number reads them: ASCII digits, one point or comma.
  const NUMBER = /^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$/;
  function trimmed(text) { return String(text).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""); }

  function parseNumber(text, example, labels) {
    if (typeof text !== "string") throw new Error("the answer must be text");
    const cleaned = trimmed(text);
    if (!cleaned) throw new Error(labels.type_first);
    if (!NUMBER.test(cleaned)) throw new Error(fill(labels.not_a_number, { text: cleaned, example: example }));
    return Number(cleaned.replace(",", "."));
  }

  function gradeNumeric(question, text, labels) {
    if (question.kind !== "numeric") throw new Error("Question '" + question.id + "' is not a numeric question");
    const n = question.numeric;
    const value = parseNumber(text, n.answer_text.split("\u2013")[0], labels);
    const correct = n.low - 1e-9 <= value && value <= n.high + 1e-9;
    return { correct: correct, message: correct ? "Correct." : "Not quite.", given: value,
             answer_text: n.answer_text, unit: n.unit, explanation: n.explanation };
  }

  // results: per question true (right), false (not right) or null (not checked yet).
  function summary(results, labels) {
    const right = results.filter(function (r) { return r === true; }).length;
    const unchecked = results.filter(function (r) { return r === null; }).length;
    let message = fill(labels.summary, { right: right, total: results.length });
    if (unchecked) message += "; " + fill(labels.summary_unchecked, { unchecked: unchecked });
    return { right: right, unchecked: unchecked, total: results.length, message: message + "." };
  }

  function rightAnswerText(q) {
    if (q.kind === "numeric") return q.numeric.answer_text + " " + q.numeric.unit;
    return q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.text; }).join(" / ");
  }

  // The exported file's rows (widgets.quiz.answers_rows): answers maps question ids to chosen
  // option indices (choice) or the typed text (numeric).
  function answersRows(data, answers) {
    const L = data.labels;
    const rows = [L.csv_header.split("|")];
    data.questions.forEach(function (q, i) {
      const n = String(i + 1), right = rightAnswerText(q), a = answers[q.id];
      if (q.kind === "numeric") {
        const given = trimmed(typeof a === "string" ? a : "");
        if (!given) { rows.push([n, q.prompt, "", L.result_none, right]); return; }
        let fb;
        try { fb = gradeNumeric(q, given, L); } catch (e) { rows.push([n, q.prompt, given, L.result_invalid, right]); return; }
        rows.push([n, q.prompt, given, fb.correct ? L.result_right : L.result_wrong, right]);
        return;
      }
      const chosen = (a || []).slice().sort(function (x, y) { return x - y; });
      if (!chosen.length) { rows.push([n, q.prompt, "", L.result_none, right]); return; }
      const ok = grade(q, chosen).correct;
      rows.push([n, q.prompt, chosen.map(function (k) { return q.options[k].text; }).join(" / "),
                 ok ? L.result_right : L.result_wrong, right]);
    });
    return rows;
  }

  function answersCsv(data, answers) {
    return window.rkCommon.withBom(window.rkCommon.toCsv(answersRows(data, answers)));
  }

  // The embedded data must fit the questions on the page; otherwise say so instead of failing
  // half-way through a check.
  function checkData(data, section) {
    function need(ok, what) { if (!ok) throw new Error(what); }
    need(data && typeof data === "object" && Array.isArray(data.questions), "no list of questions");
    need(data.labels && typeof data.labels === "object", "no labels");
    ["chosen_right", "chosen_wrong", "missed_single", "missed_multiple", "choose_first", "type_first",
     "not_a_number", "numeric_answer", "numeric_yours", "summary", "summary_unchecked", "export", "csv_header",
     "result_right", "result_wrong", "result_none", "result_invalid"].forEach(function (k) {
      need(typeof data.labels[k] === "string", "label '" + k + "' missing");
    });
    const byId = {};
    data.questions.forEach(function (q, n) {
      need(q && typeof q.id === "string", "question " + (n + 1) + " has no id");
      if (q.kind === "numeric") {
        const m = q.numeric;
        need(m && typeof m.low === "number" && typeof m.high === "number" && m.low <= m.high &&
             typeof m.answer_text === "string" && typeof m.unit === "string" && typeof m.explanation === "string",
             "question '" + q.id + "' has no numeric answer");
        byId[q.id] = q;
        return;
      }
      need(typeof q.multiple === "boolean", "question '" + q.id + "': 'multiple' is not true or false");
      need(Array.isArray(q.options) && q.options.length >= 2, "question '" + q.id + "' has too few options");
      q.options.forEach(function (o, i) {
        need(o && typeof o.text === "string" && typeof o.correct === "boolean" &&
             typeof o.explanation === "string" && o.explanation.trim() !== "",
             "question '" + q.id + "', option " + (i + 1) + " is incomplete");
      });
      const right = q.options.filter(function (o) { return o.correct; }).length;
      need(q.multiple ? right >= 1 : right === 1, "question '" + q.id + "' has " + right + " right options");
      byId[q.id] = q;
    });
    section.querySelectorAll(".rk-quiz-question").forEach(function (box) {
      const q = byId[box.getAttribute("data-question")];
      need(q, "no answers for question '" + box.getAttribute("data-question") + "'");
      need(box.querySelectorAll("input").length === (q.kind === "numeric" ? 1 : q.options.length),
           "question '" + q.id + "' has a different number of options on the page");
    });
    return byId;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function item(option, label, cls) {
    const li = el("li", cls);
    li.appendChild(el("strong", "rk-quiz-label", label));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "rk-quiz-choice", option.text));
    li.appendChild(el("span", "rk-quiz-why", option.explanation));
    return li;
  }

  function showNumeric(box, question, labels) {
    const out = box.querySelector(".rk-quiz-feedback");
    let fb;
    try { fb = gradeNumeric(question, box.querySelector("input").value, labels); } catch (err) {
      out.className = "rk-quiz-feedback rk-quiz-hint";
      out.replaceChildren(el("p", "", err.message));
      return null;
    }
    out.className = "rk-quiz-feedback " + (fb.correct ? "rk-quiz-right" : "rk-quiz-wrong");
    const verdict = el("p", "rk-quiz-verdict");
    verdict.appendChild(el("strong", "", fb.message));
    const list = el("ul", "rk-quiz-explanations");
    const answer = el("li", fb.correct ? "rk-quiz-item-right" : "rk-quiz-item-missed");
    answer.appendChild(el("strong", "rk-quiz-label", labels.numeric_answer));
    answer.appendChild(document.createTextNode(" "));
    answer.appendChild(el("span", "rk-quiz-value", fb.answer_text + " " + fb.unit));
    answer.appendChild(el("span", "rk-quiz-why", fb.explanation));
    list.appendChild(answer);
    out.replaceChildren(verdict, list);
    box.setAttribute("data-result", fb.correct ? "correct" : "wrong");
    return fb.correct;
  }

  function show(box, question, labels) {
    if (question.kind === "numeric") return showNumeric(box, question, labels);
    const out = box.querySelector(".rk-quiz-feedback");
    const chosen = [];
    box.querySelectorAll("input").forEach(function (input) { if (input.checked) chosen.push(Number(input.value)); });
    if (!chosen.length) {
      out.className = "rk-quiz-feedback rk-quiz-hint";
      out.replaceChildren(el("p", "", labels.choose_first));
      return null;
    }
    const fb = grade(question, chosen);
    out.className = "rk-quiz-feedback " + (fb.correct ? "rk-quiz-right" : "rk-quiz-wrong");
    const verdict = el("p", "rk-quiz-verdict");
    verdict.appendChild(el("strong", "", fb.message));
    const list = el("ul", "rk-quiz-explanations");
    fb.chosen.forEach(function (o) {
      list.appendChild(item(o, o.correct ? labels.chosen_right : labels.chosen_wrong,
                            o.correct ? "rk-quiz-item-right" : "rk-quiz-item-wrong"));
    });
    fb.missed.forEach(function (o) {
      list.appendChild(item(o, question.multiple ? labels.missed_multiple : labels.missed_single, "rk-quiz-item-missed"));
    });
    out.replaceChildren(verdict, list);
    box.setAttribute("data-result", fb.correct ? "correct" : "wrong");
    return fb.correct;
  }

  function currentAnswers(section, questions) {
    const answers = {};
    section.querySelectorAll(".rk-quiz-question").forEach(function (box) {
      const q = questions[box.getAttribute("data-question")];
      if (q.kind === "numeric") { answers[q.id] = box.querySelector("input").value; return; }
      const chosen = [];
      box.querySelectorAll("input").forEach(function (input) { if (input.checked) chosen.push(Number(input.value)); });
      answers[q.id] = chosen;
    });
    return answers;
  }

  function exportAnswers(section, data, questions) {
    const text = answersCsv(data, currentAnswers(section, questions));
    const button = section.querySelector(".rk-quiz-export");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    a.download = button.getAttribute("data-filename") || "quiz-answers.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function start(section) {
    const status = section.querySelector(".rk-quiz-status");
    let questions, labels, data;
    try {
      const script = section.querySelector("script.rk-widget-data");
      if (!script) throw new Error("the answer data is missing");
      try { data = JSON.parse(script.textContent); } catch (e) { throw new Error("the answer data is damaged"); }
      questions = checkData(data, section);
      labels = data.labels;
    } catch (err) {
      section.setAttribute("data-ready", "error");
      if (status) {
        status.className = "rk-quiz-status rk-quiz-error";
        status.textContent = "This quiz cannot check answers on this page: " + err.message + ". The questions " +
          "are still here to think about, and each page of the chapter has its own “Check yourself” answers.";
      }
      return;
    }
    const results = {};
    const boxes = Array.prototype.slice.call(section.querySelectorAll(".rk-quiz-question"));
    const summaryLine = section.querySelector(".rk-quiz-summary");
    function showScore() {
      if (!summaryLine) return;
      const s = summary(boxes.map(function (b) { return results[b.getAttribute("data-question")]; }), labels);
      summaryLine.textContent = s.message;
      section.setAttribute("data-score", s.right + "/" + s.total);
    }
    boxes.forEach(function (box) {
      const question = questions[box.getAttribute("data-question")];
      results[question.id] = null;
      const button = box.querySelector(".rk-quiz-check");
      button.disabled = false;
      button.addEventListener("click", function () { results[question.id] = show(box, question, labels); showScore(); });
      box.querySelectorAll("input").forEach(function (input) {
        function clear() {   // feedback (and the score) always match the answer shown
          const out = box.querySelector(".rk-quiz-feedback");
          out.className = "rk-quiz-feedback";
          out.replaceChildren();
          box.removeAttribute("data-result");
          if (results[question.id] !== null) { results[question.id] = null; showScore(); }
        }
        input.addEventListener(question.kind === "numeric" ? "input" : "change", clear);
        if (question.kind === "numeric") {
          input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); button.click(); } });
        }
      });
    });
    const exportButton = section.querySelector(".rk-quiz-export");
    if (exportButton) {
      exportButton.disabled = false;
      exportButton.addEventListener("click", function () { exportAnswers(section, data, questions); });
    }
    showScore();
    section.setAttribute("data-ready", "true");
  }

  window.rkQuiz = { grade: grade, gradeNumeric: gradeNumeric, parseNumber: parseNumber, summary: summary,
                    answersRows: answersRows, answersCsv: answersCsv };

  function startAll() {
    document.querySelectorAll("section.rk-widget-quiz").forEach(function (section) {
      try { start(section); } catch (err) {
        const status = section.querySelector(".rk-quiz-status");
        if (status) status.textContent = "This quiz could not start (" + err.message + ").";
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
