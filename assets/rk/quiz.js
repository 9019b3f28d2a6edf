// Static self-check quiz (no network, no libraries). The questions and options are HTML written
// by widgets/static/quiz.py; the answers and explanations come from the JSON embedded beside
// them. grade() follows widgets.quiz.grade (same rules, same words): tests/browser/test_quiz.py
// compares the two for every possible choice. Nothing is stored or sent anywhere.
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

  // The embedded data must fit the questions on the page; otherwise say so instead of failing
  // half-way through a check.
  function checkData(data, section) {
    function need(ok, what) { if (!ok) throw new Error(what); }
    need(data && typeof data === "object" && Array.isArray(data.questions), "no list of questions");
    need(data.labels && typeof data.labels === "object", "no labels");
    ["chosen_right", "chosen_wrong", "missed_single", "missed_multiple", "choose_first"].forEach(function (k) {
      need(typeof data.labels[k] === "string", "label '" + k + "' missing");
    });
    const byId = {};
    data.questions.forEach(function (q, n) {
      need(q && typeof q.id === "string", "question " + (n + 1) + " has no id");
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
      need(box.querySelectorAll("input").length === q.options.length,
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

  function show(box, question, labels) {
    const out = box.querySelector(".rk-quiz-feedback");
    const chosen = [];
    box.querySelectorAll("input").forEach(function (input) { if (input.checked) chosen.push(Number(input.value)); });
    if (!chosen.length) {
      out.className = "rk-quiz-feedback rk-quiz-hint";
      out.replaceChildren(el("p", "", labels.choose_first));
      return;
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
  }

  function start(section) {
    const status = section.querySelector(".rk-quiz-status");
    let questions, labels;
    try {
      const script = section.querySelector("script.rk-widget-data");
      if (!script) throw new Error("the answer data is missing");
      let data;
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
    section.querySelectorAll(".rk-quiz-question").forEach(function (box) {
      const question = questions[box.getAttribute("data-question")];
      const button = box.querySelector(".rk-quiz-check");
      button.disabled = false;
      button.addEventListener("click", function () { show(box, question, labels); });
      box.querySelectorAll("input").forEach(function (input) {
        input.addEventListener("change", function () {   // feedback always matches the choice shown
          const out = box.querySelector(".rk-quiz-feedback");
          out.className = "rk-quiz-feedback";
          out.replaceChildren();
          box.removeAttribute("data-result");
        });
      });
    });
    section.setAttribute("data-ready", "true");
  }

  window.rkQuiz = { grade: grade };

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
