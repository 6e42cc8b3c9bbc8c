/* Exercises in the static book: each form is checked here, in the browser, with no kernel and no
   request. The checking mirrors nkbook/exercises/checking.py line for line (a test runs both on the
   same answers and compares them). */
(function (root) {
  "use strict";

  var MAX_NUMBER_CHARS = 40;
  var THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
  var PLAIN = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

  function feedback(status, message, explanation) {
    return { status: status, message: message, explanation: explanation || "" };
  }

  // Only ASCII whitespace and ASCII case are folded, as in checking.py; lengths count code points.
  function strip(text) {
    return text.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "");
  }
  function lower(text) {
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }
  function codePoints(text) {
    return Array.from(text);
  }

  function parseNumber(text, unit) {
    if (typeof text === "boolean") {
      return [null, "Type a number, for example 27.5."];
    }
    if (typeof text === "number") {
      return isFinite(text) ? [text, ""] : [null, "Type an ordinary number, for example 27.5."];
    }
    if (typeof text !== "string") {
      return [null, "Type a number, for example 27.5."];
    }
    var raw = strip(text);
    if (raw === "") {
      return [null, "Type a number first, for example 27.5."];
    }
    if (codePoints(raw).length > MAX_NUMBER_CHARS) {
      return [null, "That is too long to be a number: type just the number, for example 27.5."];
    }
    var cleaned = raw;
    var suffixes = [strip(unit || ""), "%", "percent", "per cent"].filter(function (s, i, all) {
      return s !== "" && all.indexOf(s) === i;
    });
    suffixes.sort(function (a, b) {
      return codePoints(b).length - codePoints(a).length || (a < b ? -1 : a > b ? 1 : 0);
    });  // like Python's sorted(key=(-len, s)) for the short suffixes used here
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (lower(cleaned).endsWith(lower(s))) {
        cleaned = strip(cleaned.slice(0, cleaned.length - s.length));
        break;
      }
    }
    cleaned = cleaned.split(" ").join("");
    if (THOUSANDS.test(cleaned)) {
      return [parseFloat(cleaned.split(",").join("")), ""];
    }
    if (PLAIN.test(cleaned)) {
      return [parseFloat(cleaned.replace(",", ".")), ""];
    }
    return [null, "\u201c" + codePoints(raw).slice(0, 20).join("") +
      "\u201d is not a number we can read: type digits, for example 27.5 (a comma for the decimal point is fine)."];
  }

  function asIndex(answer, q) {
    if (typeof answer === "number" && Number.isInteger(answer) && answer >= 0 && answer < q.options.length) {
      return answer;
    }
    if (typeof answer === "string") {
      for (var i = 0; i < q.options.length; i++) {
        if (q.options[i].text === answer) {
          return i;
        }
      }
    }
    return null;
  }

  function check(q, answer) {
    var kind = q.type;
    if (kind === "single") {
      var index = asIndex(answer, q);
      if (index === null) {
        return feedback("invalid", "Choose one of the options first.");
      }
      var option = q.options[index];
      if (option.correct) {
        return feedback("correct", "Correct. " + option.feedback, q.explanation);
      }
      return feedback("incorrect", "Not quite. " + option.feedback);
    }

    if (kind === "multiple") {
      if (!Array.isArray(answer)) {
        return feedback("invalid", "Tick at least one option first.");
      }
      var chosen = [];
      for (var a = 0; a < answer.length; a++) {
        var idx = asIndex(answer[a], q);
        if (idx === null) {
          return feedback("invalid", "Tick the options shown, then check.");
        }
        if (chosen.indexOf(idx) === -1) {
          chosen.push(idx);
        }
      }
      if (chosen.length === 0) {
        return feedback("invalid", "Tick at least one option first.");
      }
      chosen.sort(function (x, y) { return x - y; });
      var correct = [];
      q.options.forEach(function (o, i) { if (o.correct) { correct.push(i); } });
      var extra = chosen.filter(function (i) { return correct.indexOf(i) === -1; });
      var missed = correct.filter(function (i) { return chosen.indexOf(i) === -1; }).length;
      var right = chosen.length - extra.length;
      if (extra.length === 0 && missed === 0) {
        return feedback("correct", "Correct: you ticked every right option and no other.", q.explanation);
      }
      var status = right ? "partial" : "incorrect";
      var head = right + " of your ticks " + (right === 1 ? "is" : "are") + " right";
      if (missed) {
        head += "; " + missed + " right option" + (missed !== 1 ? "s are" : " is") + " not ticked yet";
      }
      var parts = [head + "."].concat(extra.map(function (i) { return q.options[i].feedback; }));
      return feedback(status, parts.join(" "));
    }

    if (kind === "numeric") {
      var parsed = parseNumber(answer, q.unit);
      if (parsed[0] === null) {
        return feedback("invalid", parsed[1]);
      }
      if (Math.abs(parsed[0] - q.answer) <= q.tolerance + 1e-9) {
        return feedback("correct", "Correct. " + q.feedback_correct, q.explanation);
      }
      var direction = parsed[0] > q.answer ? "too high" : "too low";
      return feedback("incorrect", "Not quite: your answer is " + direction + ". " + q.feedback_incorrect);
    }

    if (kind === "text") {
      if (typeof answer !== "string" || strip(answer) === "") {
        return feedback("invalid", "Write your answer first; then compare it with the model answer.");
      }
      var points = q.points.map(function (p, i) { return "(" + (i + 1) + ") " + p; }).join(" ");
      return feedback("revealed", "Compare your answer with the model answer: " + q.model_answer +
        " A good answer covers: " + points, q.explanation);
    }

    // ordering
    if (!Array.isArray(answer) || answer.map(String).sort().join("\u0000") !== q.items.slice().sort().join("\u0000") ||
        answer.length !== q.items.length) {
      return feedback("invalid", "Put every item in a place of the order, each once, then check.");
    }
    var inPlace = 0;
    for (var k = 0; k < q.items.length; k++) {
      if (String(answer[k]) === q.items[k]) {
        inPlace += 1;
      }
    }
    if (inPlace === q.items.length) {
      return feedback("correct", "Correct. " + q.feedback_correct, q.explanation);
    }
    return feedback("incorrect", inPlace + " of " + q.items.length + " are in the right place. " + q.feedback_incorrect);
  }

  var LABELS = { correct: "\u2714 Right", partial: "\u25d1 Partly right", incorrect: "\u2716 Not yet",
    revealed: "\u2139 Model answer", invalid: "\u26a0 Check your input" };

  function readAnswer(form, q) {
    if (q.type === "single") {
      var picked = form.querySelector("input[type=radio]:checked");
      return picked ? parseInt(picked.value, 10) : null;
    }
    if (q.type === "multiple") {
      return Array.prototype.map.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        return parseInt(box.value, 10);
      });
    }
    if (q.type === "numeric") {
      return form.querySelector("input[type=text]").value;
    }
    if (q.type === "text") {
      return form.querySelector("textarea").value;
    }
    var order = Array.prototype.map.call(form.querySelectorAll("select"), function (sel) { return sel.value; });
    return order.indexOf("") === -1 ? order : null;
  }

  function show(form, result) {
    var box = form.querySelector("[role=status]");
    box.textContent = "";
    box.className = "nkbook-exercise__feedback nkbook-exercise__feedback--" + result.status;
    var head = document.createElement("strong");
    head.textContent = LABELS[result.status] + ": ";
    box.appendChild(head);
    box.appendChild(document.createTextNode(result.message));
    if (result.explanation) {
      var more = document.createElement("p");
      more.className = "nkbook-exercise__explanation";
      more.textContent = result.explanation;
      box.appendChild(more);
    }
    form.setAttribute("data-status", result.status);
  }

  function wire(form) {
    var node = form.querySelector("script.nkbook-exercise__data");
    if (!node) {
      return;
    }
    var q = JSON.parse(node.textContent);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(form, check(q, readAnswer(form, q)));
    });
    form.setAttribute("data-ready", "true");
  }

  var api = { check: check, parseNumber: parseNumber };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.nkbookExercises = api;
    var start = function () {
      document.querySelectorAll("form.nkbook-exercise").forEach(wire);
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})(this);
