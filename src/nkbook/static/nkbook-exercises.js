/* Exercises: the one place where answers are checked and feedback is worded.

   The same script runs in the built book (every form on the page, no kernel, no request) and in the
   live notebook, where nkbook.exercises.widget loads it as an anywidget module around the same form.
   Tests run its check() under node against properties written independently in Python
   (tests/test_exercise_checking.py), and drive the pages in Chromium (tests/test_browser_exercises.py).

   Progress is kept in the reader's own browser (localStorage), never sent anywhere. */
(function (root) {
  "use strict";

  // ---------------------------------------------------------------------------------------------
  // Reading a number. The rule, stated once to the reader under every number box (static.py,
  // NUMBER_RULE): a point or a comma for decimals; the unit may be added. A comma followed by exactly
  // three digits ("6,667") could be a decimal comma or a thousands separator: we ask back.
  // ---------------------------------------------------------------------------------------------
  var MAX_NUMBER_CHARS = 40;
  var UNIT_WORDS = {
    "%": ["%", "percent", "per cent", "pc"],
    "yuan": ["yuan", "rmb", "cny", "renminbi", "kuai", "\u00a5", "\uffe5", "\u5143"],
    "times": ["times", "x", "\u00d7", "fold"],
    "months": ["months", "month"],
  };

  function lower(text) {
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }
  function trim(text) {
    return text.replace(/^\s+|\s+$/g, "");
  }
  function codePoints(text) {
    return Array.from(text);
  }

  // Every word or sign that may stand before or after the number, longest first.
  function unitWords(unit) {
    var key = lower(trim(unit || ""));
    var words = [];
    var add = function (w) { if (w && words.indexOf(w) === -1) { words.push(w); } };
    add(key);
    Object.keys(UNIT_WORDS).forEach(function (name) {
      if (UNIT_WORDS[name].indexOf(key) !== -1 || name === key) {
        UNIT_WORDS[name].forEach(add);
      }
    });
    if (key.length > 2 && key.slice(-1) === "s") { add(key.slice(0, -1)); }
    return words.sort(function (a, b) { return b.length - a.length; });
  }

  function stripUnit(text, words) {
    var low = lower(text);
    var i;
    for (i = 0; i < words.length; i++) {
      if (low.length > words[i].length && low.slice(-words[i].length) === words[i]) {
        text = trim(text.slice(0, text.length - words[i].length));
        low = lower(text);
        break;
      }
    }
    for (i = 0; i < words.length; i++) {
      if (low.length > words[i].length && low.slice(0, words[i].length) === words[i]) {
        text = trim(text.slice(words[i].length));
        break;
      }
    }
    return text;
  }

  // Returns {value, decimals} or {problem}. ``decimals`` is the number of digits typed after the decimal mark.
  function parseNumber(text, unit) {
    if (typeof text === "number" && typeof text !== "boolean") {
      return isFinite(text) ? { value: text, decimals: (String(text).split(".")[1] || "").length }
        : { problem: "Type an ordinary number, for example 27.5." };
    }
    if (typeof text !== "string") {
      return { problem: "Type a number, for example 27.5." };
    }
    var raw = trim(text);
    if (raw === "") {
      return { problem: "Type a number first, for example 27.5." };
    }
    if (codePoints(raw).length > MAX_NUMBER_CHARS) {
      return { problem: "That is too long to be a number: type just the number, for example 27.5." };
    }
    var bare = trim(stripUnit(raw, unitWords(unit)));
    // A space inside a number may only group thousands ("10 000"); "6 5" is not 65, nor 6.5: ask.
    if (/\d\s+\d/.test(bare) && !/^[+\-\u2212]?\d{1,3}(?:\s\d{3})+(?:[.,]\d+)?$/.test(bare)) {
      var groups = bare.split(/\s+/);
      return { problem: "\u201c" + codePoints(bare).slice(0, 20).join("") + "\u201d has a space inside the number. " +
        "Did you mean " + groups.join("") + ", or " + groups[0] + "." + groups.slice(1).join("") +
        "? Type it without the space.", ambiguous: true };
    }
    var cleaned = bare.replace(/\s+/g, "").replace(/^\u2212/, "-");
    var unreadable = { problem: "\u201c" + codePoints(raw).slice(0, 20).join("") +
      "\u201d is not a number we can read: type digits, for example 27.5." };
    var m = /^([+-]?)(.*)$/.exec(cleaned);
    var sign = m[1] === "-" ? -1 : 1;
    var body = m[2];
    var whole, fraction;
    var single = /^(\d*)([.,])(\d+)$/.exec(body);
    if (/^\d+$/.test(body)) {
      whole = body; fraction = "";
    } else if (single) {
      if (single[2] === "," && single[3].length === 3 && /^[1-9]\d{0,2}$/.test(single[1])) {
        return { problem: "Did you mean " + single[1] + "." + single[3] + " or " + single[1] + single[3] +
          "? A comma followed by three digits could be either: write " + single[1] + "." + single[3] +
          " for the decimal, or " + single[1] + single[3] + " without the comma.", ambiguous: true };
      }
      whole = single[1]; fraction = single[3];
    } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) {
      whole = body.split(".")[0].split(",").join(""); fraction = body.split(".")[1] || "";
    } else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(body)) {
      whole = body.split(",")[0].split(".").join(""); fraction = body.split(",")[1] || "";
    } else {
      return unreadable;
    }
    return { value: sign * parseFloat((whole || "0") + "." + (fraction || "0")), decimals: fraction.length };
  }

  // ---------------------------------------------------------------------------------------------
  // Checking an answer. Never throws; bad input gets status "invalid" and a kind message (no verdict).
  // The verdict is said once, by the label (LABELS); messages never repeat it.
  // ---------------------------------------------------------------------------------------------
  function feedback(status, message, explanation) {
    return { status: status, message: message, explanation: explanation || "" };
  }

  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  var PLACES = ["a whole number", "one decimal place", "two decimal places", "three decimal places"];

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
      return option.correct ? feedback("correct", option.feedback, q.explanation)
        : feedback("incorrect", option.feedback);
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
      var extra = chosen.filter(function (i) { return !q.options[i].correct; });
      var missed = q.options.filter(function (o, i) { return o.correct && chosen.indexOf(i) === -1; }).length;
      var right = chosen.length - extra.length;
      if (extra.length === 0 && missed === 0) {
        return feedback("correct", "You ticked every right option and no other.", q.explanation);
      }
      var head = (right === 0 ? "None" : String(right)) + " of your " + count(chosen.length, "tick", "ticks") +
        " " + (right === 1 || (right === 0 && chosen.length === 1) ? "is" : "are") + " right";
      if (missed) {
        head += "; " + count(missed, "right option is", "right options are") + " not ticked yet";
      }
      var parts = [head + "."].concat(extra.map(function (i) {
        return quoted(q.options[i].text) + ": " + q.options[i].feedback;
      }));
      return feedback(right ? "partial" : "incorrect", parts.join(" "));
    }

    if (kind === "numeric") {
      var read = parseNumber(answer, q.unit);
      if (read.problem) {
        return feedback("invalid", read.problem);
      }
      var value = read.value;
      if (q.unit === "%" && q.answer >= 1 && value > 0 && value < 1) {
        var percent = Math.round(value * 100 * 1e6) / 1e6;
        return feedback("invalid", "That looks like a fraction: " + value + " is " + percent +
          "%. Type the percentage.");
      }
      if (q.decimals !== null && q.decimals !== undefined && typeof answer === "string" &&
          read.decimals !== q.decimals) {
        return feedback("invalid", "The question asks for " + (PLACES[q.decimals] || q.decimals + " decimal places") +
          ": round your result to that, then check.");
      }
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-9) {
        return feedback("correct", q.feedback_correct, q.explanation);
      }
      return feedback("incorrect", "Your answer is " + (value > q.answer ? "too high" : "too low") + ". " +
        q.feedback_incorrect);
    }

    if (kind === "text") {
      if (typeof answer !== "string" || trim(answer) === "") {
        return feedback("invalid", "Write your answer first; then compare it with the model answer.");
      }
      var points = q.points.map(function (p, i) { return "(" + (i + 1) + ") " + p; }).join(" ");
      return feedback("revealed", "Compare your answer with the model answer: " + q.model_answer +
        " A good answer covers: " + points, q.explanation);
    }

    // ordering: the answer is the items in the reader's order
    if (!Array.isArray(answer) || answer.length !== q.items.length ||
        answer.map(String).sort().join("\u0000") !== q.items.slice().sort().join("\u0000")) {
      return feedback("invalid", "Put every item in a place of the order, each once, then check.");
    }
    var inPlace = 0;
    for (var k = 0; k < q.items.length; k++) {
      if (String(answer[k]) === q.items[k]) {
        inPlace += 1;
      }
    }
    if (inPlace === q.items.length) {
      return feedback("correct", q.feedback_correct, q.explanation);
    }
    var placed = inPlace === 0 ? "None of the " + q.items.length + " items is in its right place yet."
      : inPlace + " of the " + q.items.length + " items " + (inPlace === 1 ? "is" : "are") + " in the right place.";
    return feedback("incorrect", placed + " " + q.feedback_incorrect);
  }

  // The right answer in words, for "Show the answer".
  function answerText(q) {
    if (q.type === "single" || q.type === "multiple") {
      return q.options.filter(function (o) { return o.correct; }).map(function (o) { return quoted(o.text); })
        .join("; ");
    }
    if (q.type === "numeric") {
      var shown = q.decimals !== null && q.decimals !== undefined ? q.answer.toFixed(q.decimals) : String(q.answer);
      return shown + (q.unit ? (q.unit === "%" ? "%" : " " + q.unit) : "");
    }
    if (q.type === "ordering") {
      return q.items.map(function (item, i) { return (i + 1) + ". " + item; }).join("  ");
    }
    return q.model_answer;
  }

  // ---------------------------------------------------------------------------------------------
  // Saved progress: one record per question in localStorage, under "nkbook:v1:". If storage is
  // blocked the exercises work the same, from memory, and the page says answers will not be kept.
  // ---------------------------------------------------------------------------------------------
  var PREFIX = "nkbook:v1:";
  var memory = {};
  var store = null;

  function openStore() {
    if (store !== null) {
      return store;
    }
    try {
      var s = root.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      store = { kept: true, backend: s };
    } catch (e) {
      store = { kept: false, backend: null };
    }
    return store;
  }

  function load(key) {
    var s = openStore();
    try {
      var text = s.kept ? s.backend.getItem(PREFIX + key) : memory[key];
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    var s = openStore();
    var text = JSON.stringify(value);
    if (s.kept) {
      try {
        s.backend.setItem(PREFIX + key, text);
        return;
      } catch (e) { /* full or revoked: fall back to memory */ }
    }
    memory[key] = text;
  }

  function forget(key) {
    var s = openStore();
    delete memory[key];
    if (s.kept) {
      try { s.backend.removeItem(PREFIX + key); } catch (e) { /* nothing to do */ }
    }
  }

  function allKeys() {
    var s = openStore();
    var keys = Object.keys(memory);
    if (s.kept) {
      try {
        for (var i = 0; i < s.backend.length; i++) {
          var k = s.backend.key(i);
          if (k && k.indexOf(PREFIX) === 0 && keys.indexOf(k.slice(PREFIX.length)) === -1) {
            keys.push(k.slice(PREFIX.length));
          }
        }
      } catch (e) { /* nothing to do */ }
    }
    return keys;
  }

  // ---------------------------------------------------------------------------------------------
  // The form in the page.
  // ---------------------------------------------------------------------------------------------
  var LABELS = { correct: "\u2714 Right", partial: "\u25d1 Partly right", incorrect: "\u2716 Not yet",
    revealed: "\u2139 Model answer", invalid: "\u26a0 Check your input", shown: "\u2139 The answer" };
  // Whole class names, written out: the build keeps only the CSS rules whose class names it finds in
  // the pages and scripts (nkbook.site_css), and would drop a name glued together at run time.
  var STATUS_CLASS = { correct: "nkbook-exercise__feedback--correct", partial: "nkbook-exercise__feedback--partial",
    incorrect: "nkbook-exercise__feedback--incorrect", revealed: "nkbook-exercise__feedback--revealed",
    invalid: "nkbook-exercise__feedback--invalid", shown: "nkbook-exercise__feedback--shown" };
  var JUDGED_WRONG = { partial: true, incorrect: true };
  var forms = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

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
    return Array.prototype.map.call(form.querySelectorAll(".nkbook-exercise__item"), function (li) {
      return li.getAttribute("data-item");
    });
  }

  function writeAnswer(form, q, answer) {
    if (q.type === "single" || q.type === "multiple") {
      var ticked = Array.isArray(answer) ? answer : [answer];
      form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (box) {
        box.checked = ticked.indexOf(parseInt(box.value, 10)) !== -1;
      });
    } else if (q.type === "numeric") {
      form.querySelector("input[type=text]").value = typeof answer === "string" ? answer : "";
    } else if (q.type === "text") {
      form.querySelector("textarea").value = typeof answer === "string" ? answer : "";
    } else {
      var list = form.querySelector(".nkbook-exercise__order");
      var order = Array.isArray(answer) && answer.length === q.items.length ? answer : q.start;
      var byItem = {};
      list.querySelectorAll(".nkbook-exercise__item").forEach(function (li) { byItem[li.getAttribute("data-item")] = li; });
      order.forEach(function (item) { if (byItem[item]) { list.appendChild(byItem[item]); } });
      updateMoves(form);
    }
  }

  function show(form, result, extra) {
    var box = form.querySelector(".nkbook-exercise__feedback");
    box.textContent = "";
    box.className = "nkbook-exercise__feedback " + STATUS_CLASS[result.status];
    var head = el("strong", "", LABELS[result.status] + ": ");
    box.appendChild(head);
    box.appendChild(document.createTextNode(result.message));
    if (result.explanation) {
      box.appendChild(el("p", "nkbook-exercise__explanation", result.explanation));
    }
    if (extra) {
      box.appendChild(extra);
    }
    form.setAttribute("data-status", result.status);
  }

  function clearFeedback(form) {
    var box = form.querySelector(".nkbook-exercise__feedback");
    box.textContent = "";
    box.className = "nkbook-exercise__feedback";
    form.removeAttribute("data-status");
  }

  function reveal(form, q) {
    var source = el("p", "nkbook-exercise__source");
    source.appendChild(el("strong", "", "Source: "));
    source.appendChild(document.createTextNode(q.source + ": "));
    source.appendChild(el("q", "", q.quote));
    show(form, feedback("shown", answerText(q), q.explanation), source);
  }

  function updateMoves(form) {
    var items = form.querySelectorAll(".nkbook-exercise__item");
    items.forEach(function (li, i) {
      var up = li.querySelector(".nkbook-exercise__move--up");
      var down = li.querySelector(".nkbook-exercise__move--down");
      if (up) { up.disabled = i === 0; }
      if (down) { down.disabled = i === items.length - 1; }
    });
  }

  function addMoves(form, onMove) {
    var list = form.querySelector(".nkbook-exercise__order");
    if (!list) { return; }
    list.classList.add("nkbook-exercise__order--live");
    var said = el("span", "nkbook-visually-hidden");
    said.setAttribute("aria-live", "polite");
    list.parentNode.appendChild(said);
    list.querySelectorAll(".nkbook-exercise__item").forEach(function (li) {
      var name = li.getAttribute("data-item");
      var moves = el("span", "nkbook-exercise__moves");
      [["up", "\u2191", -1], ["down", "\u2193", 1]].forEach(function (spec) {
        var button = el("button", "nkbook-exercise__move nkbook-exercise__move--" + spec[0], spec[1]);
        button.type = "button";
        button.setAttribute("aria-label", "Move " + quoted(name) + " " + spec[0]);
        button.addEventListener("click", function () {
          var target = spec[2] < 0 ? li.previousElementSibling : li.nextElementSibling;
          if (!target) { return; }
          list.insertBefore(li, spec[2] < 0 ? target : target.nextElementSibling);
          updateMoves(form);
          var all = Array.prototype.indexOf.call(list.children, li);
          said.textContent = quoted(name) + " is now " + (all + 1) + " of " + list.children.length + ".";
          (button.disabled ? li.querySelector(".nkbook-exercise__move:not([disabled])") : button).focus();
          onMove();
        });
        moves.appendChild(button);
      });
      li.appendChild(moves);
    });
    updateMoves(form);
  }

  // state: {answer, status, tries, shown}; status is the last verdict for the answer now in the form.
  function wire(form, options) {
    if (form.getAttribute("data-ready") === "true") {
      return;
    }
    var node = form.querySelector("script.nkbook-exercise__data");
    if (!node) {
      return;
    }
    var q = JSON.parse(node.textContent);
    var key = "q:" + q.id;
    var showButton = form.querySelector(".nkbook-exercise__show");
    var state = { v: q.version, id: q.id, chapter: q.chapter, type: q.type, answer: null, status: null, tries: 0, shown: false };
    var saved = load(key);
    if (saved && saved.v === q.version) {
      state.answer = saved.answer;
      state.status = saved.status || null;
      state.tries = saved.tries || 0;
      state.shown = !!saved.shown;
    }

    var persist = function () {
      save(key, state);
      refreshScores();
    };
    var showButtonIfDue = function () {
      if (showButton) { showButton.hidden = q.type === "text" || state.tries < 2; }
    };
    var changed = function () {
      state.answer = readAnswer(form, q);
      state.status = null;
      clearFeedback(form);
      persist();
    };
    addMoves(form, changed);
    if (state.answer !== null) {
      writeAnswer(form, q, state.answer);
    }
    if (state.shown && state.status === "shown") {
      reveal(form, q);
    } else if (state.status && state.status !== "shown") {
      show(form, check(q, state.answer));
    }
    showButtonIfDue();

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.answer = readAnswer(form, q);
      var result = check(q, state.answer);
      show(form, result);
      if (result.status !== "invalid") {
        state.status = result.status;
      }
      if (JUDGED_WRONG[result.status]) {
        state.tries += 1;
      }
      showButtonIfDue();
      persist();
    });
    if (showButton) {
      showButton.addEventListener("click", function () {
        state.shown = true;
        state.status = "shown";
        reveal(form, q);
        persist();
      });
    }
    form.nkbookReset = function () {
      state.answer = null; state.status = null; state.tries = 0; state.shown = false;
      forget(key);
      form.reset();
      writeAnswer(form, q, q.type === "ordering" ? q.start : null);
      clearFeedback(form);
      showButtonIfDue();
    };
    form.nkbookState = function () { return state; };
    form.nkbookQuestion = q;
    forms.push(form);
    form.setAttribute("data-ready", "true");
    if (!(options && options.standalone)) {
      refreshScores();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The score line and the controls that clear answers (one panel per chapter page), and the list
  // of every chapter's progress on the introduction.
  // ---------------------------------------------------------------------------------------------
  function tally(states) {
    var t = { checkable: 0, right: 0, shown: 0, open: 0, written: 0 };
    states.forEach(function (s) {
      if (s.type === "text") {
        t.open += 1;
        if (typeof s.answer === "string" && trim(s.answer) !== "") { t.written += 1; }
      } else {
        t.checkable += 1;
        if (s.shown) { t.shown += 1; } else if (s.status === "correct") { t.right += 1; }
      }
    });
    return t;
  }

  function scoreLine(t) {
    var parts = [t.right + " of " + t.checkable + " checked right"];
    if (t.shown) { parts[0] += ", " + t.shown + " shown"; }
    if (t.open) { parts.push(count(t.written, "open answer", "open answers") + " written"); }
    return parts.join("; ") + ".";
  }

  var panel = null;

  function refreshScores() {
    if (!panel) { return; }
    var chapterForms = forms.filter(function (f) { return !f.nkbookStandalone; });
    var t = tally(chapterForms.map(function (f) { return f.nkbookState(); }));
    panel.querySelector(".nkbook-progress__score").textContent = "Your progress on this page: " + scoreLine(t);
    var chapter = panel.getAttribute("data-chapter");
    if (chapter) {
      save("chapter:" + chapter, { checkable: t.checkable, open: t.open,
        ids: chapterForms.map(function (f) { return f.nkbookQuestion.id; }) });
    }
  }

  function storageNote() {
    return openStore().kept
      ? el("p", "nkbook-progress__privacy", "Your answers are kept only in this browser on this device; nothing is sent anywhere.")
      : el("p", "nkbook-progress__warning", "\u26a0 This browser does not let the page store anything " +
        "(a private window, or storage blocked), so your answers will not be kept when you leave the page. " +
        "The questions still work, and nothing is sent anywhere.");
  }

  function clearButton(text, onClick) {
    var button = el("button", "nkbook-progress__clear", text);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function buildPanel(first) {
    var chapter = first.getAttribute("data-chapter") || "";
    panel = el("section", "nkbook-progress");
    panel.setAttribute("aria-label", "Your answers on this page");
    panel.setAttribute("data-chapter", chapter);
    // Not a live region: each check's feedback is announced where it is; the score is there to be read.
    panel.appendChild(el("p", "nkbook-progress__score"));
    panel.appendChild(storageNote());
    var done = el("p", "nkbook-progress__done");
    done.setAttribute("aria-live", "polite");
    var actions = el("p", "nkbook-progress__actions");
    actions.appendChild(clearButton("Clear this chapter\u2019s answers", function () {
      if (!root.confirm("Clear every answer on this page? This cannot be undone.")) { return; }
      forms.forEach(function (f) { f.nkbookReset(); });
      forget("chapter:" + chapter);
      refreshScores();
      done.textContent = "This chapter\u2019s answers are cleared.";
    }));
    actions.appendChild(clearButton("Clear all my answers in this book", function () {
      if (!root.confirm("Clear your answers in every chapter of this book? This cannot be undone.")) { return; }
      allKeys().forEach(forget);
      forms.forEach(function (f) { f.nkbookReset(); });
      refreshScores();
      done.textContent = "All your answers in this book are cleared.";
    }));
    panel.appendChild(actions);
    panel.appendChild(done);
    first.parentNode.insertBefore(panel, first);
  }

  // On the introduction: <div class="nkbook-exercise" data-progress-list="chapter chapter ...">.
  function progressList(box) {
    var chapters = trim(box.getAttribute("data-progress-list") || "").split(/\s+/).filter(Boolean);
    var records = {};
    allKeys().forEach(function (k) {
      if (k.indexOf("q:") === 0) {
        var r = load(k);
        if (r && r.chapter) { (records[r.chapter] = records[r.chapter] || []).push(r); }
      }
    });
    var list = el("ul", "nkbook-progress__list");
    chapters.forEach(function (chapter) {
      var meta = load("chapter:" + chapter);
      var link = document.querySelector('a[href$="' + chapter + '.html"]:not(.nkbook-progress__list a)');
      var li = el("li");
      var name = el("a", "", link ? trim(link.textContent) : chapter);
      name.href = link ? link.getAttribute("href") : chapter + ".html";
      li.appendChild(name);
      var rs = (records[chapter] || []).filter(function (r) { return !meta || meta.ids.indexOf(r.id) !== -1; });
      var text;
      if (!meta && rs.length === 0) {
        text = "not started";
      } else {
        var t = tally(rs);
        if (meta) { t.checkable = meta.checkable; t.open = meta.open; }
        text = scoreLine(t);
      }
      li.appendChild(document.createTextNode(": " + text));
      list.appendChild(li);
    });
    box.textContent = "";
    box.appendChild(el("p", "", "Your progress, as kept in this browser:"));
    box.appendChild(list);
    box.appendChild(storageNote());
    box.hidden = false;
    box.setAttribute("data-ready", "true");
  }

  function start() {
    var found = document.querySelectorAll("form.nkbook-exercise:not([data-ready])");
    if (found.length && !panel) {
      buildPanel(found[0]);
    }
    found.forEach(function (form) { wire(form); });
    refreshScores();
    document.querySelectorAll("[data-progress-list]").forEach(progressList);
  }

  // In the live notebook: one form inside a widget's element, no chapter panel.
  function wireStandalone(form) {
    form.nkbookStandalone = true;
    wire(form, { standalone: true });
    var note = storageNote();
    note.className += " nkbook-exercise__storage";
    form.appendChild(note);
  }

  var api = { check: check, parseNumber: parseNumber, unitWords: unitWords, answerText: answerText,
    wire: wireStandalone, start: start };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else if (root && typeof document !== "undefined") {
    root.nkbookExercises = api;
    if (typeof NKBOOK_WIDGET !== "undefined") {
      return;  // inside a live notebook's widget: it wires its own form (widget.py)
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
