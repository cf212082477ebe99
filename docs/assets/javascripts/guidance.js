// Progressive enhancement for the guidance pages.
// 1. Checklists (.checklist): each box remembers its state in localStorage; buttons to print and clear.
// 2. Self-checks ([data-selfcheck]): a step-by-step form that walks the decision tree the page
//    carries as JSON (made by plansite/selfcheck.py, whose `evaluate` and `parse_number` follow
//    the same rules as `proceed` and `parseNumber` here), then shows the matching outcomes from
//    the "possible outcomes" list below it: one per branch of a multiple-choice answer.
// Without JavaScript, checklists are still printable lists and self-checks are readable criteria.
(function () {
  "use strict";

  var STORE = "plansite:checklist:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }  // blocked in some private modes
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function enhanceChecklist(list) {
    var store = storage();
    var boxes = list.querySelectorAll("input[type=checkbox][data-check]");
    Array.prototype.forEach.call(boxes, function (box) {
      var key = STORE + box.getAttribute("data-check");
      if (store && store.getItem(key) === "1") box.checked = true;
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(key, "1"); else store.removeItem(key);
      });
    });
    var actions = document.createElement("p");
    actions.className = "checklist__actions";
    actions.appendChild(button("In danh sách", function () { window.print(); }));
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(button("Bỏ mọi dấu", function () {
      Array.prototype.forEach.call(boxes, function (box) {
        box.checked = false;
        if (store) store.removeItem(STORE + box.getAttribute("data-check"));
      });
    }));
    list.parentNode.insertBefore(actions, list);
  }

  // Numbers as people type them: the rules of plansite/selfcheck.py `parse_number`, written again
  // here (tests/test_guidance_browser.py checks that both read a table of inputs alike).
  // "." and spaces group thousands in threes, "," starts the decimals; the question's unit may
  // follow ("30 tỷ"); anything that could be read two ways is refused with a message.
  var SPACES = /[\t\n\r \u00a0\u2007\u2009\u202f]+/g;
  var NUMBER_THEN_REST = /^([0-9.,][0-9., ]*)([\s\S]*)$/;
  var NEGATIVE = /^[-\u2212] ?[0-9]/;
  var DIGITS = /^[0-9]+$/;
  var SPACE_GROUPS = /^[1-9][0-9]{0,2}( [0-9]{3})+(,[0-9]+)?$/;
  var DOT_GROUPS = /^[1-9][0-9]{0,2}(\.[0-9]{3})+$/;
  var DECIMAL_COMMA = /^([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),([0-9]+)$/;
  var AMBIGUOUS_COMMA = /^[1-9][0-9]{0,2},[0-9]{3}$/;
  var DECIMAL_POINT = /^[0-9]+\.[0-9]+$/;
  var COMMA_GROUPS = /^[1-9][0-9]{0,2}(,[0-9]{3})+$/;
  var ENGLISH = /^[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]+$/;
  var NUMBER_MESSAGES = {
    "not-a-number": "“{text}” không phải là số. Hãy gõ số, ví dụ 350.000 hoặc 2,5.",
    "negative": "“{text}”: hãy gõ số không âm.",
    "unit": "Câu này tính theo {unit}: hãy chỉ gõ số (có thể kèm “{unit}”), ví dụ 1.200 hoặc 2,5.",
    "ambiguous": "“{text}” có hai cách hiểu. Nếu là số nguyên (hàng nghìn), hãy gõ {fixed}; " +
                 "nếu là số thập phân, hãy gõ thêm số 0 ở cuối: {text}0.",
    "decimal-point": "“{text}”: dấu chấm chỉ dùng để ngăn hàng nghìn, như 350.000. " +
                     "Số thập phân viết bằng dấu phẩy: {fixed}.",
    "comma-groups": "“{text}”: hàng nghìn ngăn bằng dấu chấm; hãy gõ {fixed}.",
    "english": "“{text}” viết theo kiểu tiếng Anh; hãy gõ {fixed} " +
               "(dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân).",
    "grouping": "“{text}” không đúng cách viết số: dấu chấm (hoặc dấu cách) ngăn hàng nghìn, mỗi nhóm 3 chữ số, " +
                "như 350.000; dấu phẩy đứng trước phần thập phân, như 2,5."
  };

  function NumberError(code, values) {
    this.code = code;
    this.message = NUMBER_MESSAGES[code].replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/ /g, "");
  }

  function unitSpellings(unit) {
    var folded = fold(unit);
    var spellings = [folded, fold(unit.trim().split(/[ \/]/)[0])];
    if (folded.indexOf("ty") === 0) spellings.push("ti" + folded.slice(2), "ty", "ti", "tyd", "tid");
    return spellings;
  }

  function readDigits(number) {
    if (number.indexOf(" ") >= 0) {
      if (!SPACE_GROUPS.test(number)) throw new NumberError("grouping", { text: number });
      number = number.replace(/ /g, "");
    }
    if (DIGITS.test(number)) return [number, ""];
    if (DOT_GROUPS.test(number)) return [number.replace(/\./g, ""), ""];
    var decimal = DECIMAL_COMMA.exec(number);
    if (decimal) {
      if (AMBIGUOUS_COMMA.test(number)) throw new NumberError("ambiguous", { text: number, fixed: number.replace(/,/g, ".") });
      return [decimal[1].replace(/\./g, ""), decimal[2]];
    }
    if (DECIMAL_POINT.test(number)) throw new NumberError("decimal-point", { text: number, fixed: number.replace(/\./g, ",") });
    if (COMMA_GROUPS.test(number)) throw new NumberError("comma-groups", { text: number, fixed: number.replace(/,/g, ".") });
    if (ENGLISH.test(number)) {
      var fixed = number.replace(/,/g, "\0").replace(/\./g, ",").replace(/\0/g, ".");
      throw new NumberError("english", { text: number, fixed: fixed });
    }
    throw new NumberError("grouping", { text: number });
  }

  // null if blank (not known); {value, text} ("350.000") if understood; {error, message} if refused.
  function parseNumber(typed, unit) {
    var text = typed.normalize("NFC").replace(SPACES, " ").replace(/^ +| +$/g, "");
    if (!text) return null;
    try {
      if (NEGATIVE.test(text)) throw new NumberError("negative", { text: text });
      var match = NUMBER_THEN_REST.exec(text);
      if (!match) throw new NumberError("not-a-number", { text: text });
      var number = match[1].replace(/^ +| +$/g, ""), rest = match[2].replace(/^ +| +$/g, "");
      var parts = readDigits(number);
      if (rest && unitSpellings(unit).indexOf(fold(rest)) < 0) throw new NumberError("unit", { unit: unit });
      var whole = parts[0].replace(/^0+/, "") || "0", fraction = parts[1].replace(/0+$/, "");
      var grouped = whole.replace(/\B(?=(\d{3})+$)/g, ".");
      return { value: Number(fraction ? whole + "." + fraction : whole), text: fraction ? grouped + "," + fraction : grouped };
    } catch (error) {
      if (!(error instanceof NumberError)) throw error;
      return { error: error.code, message: error.message };
    }
  }

  // Walking the tree: the rules of plansite/selfcheck.py `evaluate`. A state is the stack of
  // branches still to walk ({node, via}: via names the multiple-choice answers of the branch),
  // the answers by key, the outcomes reached so far and the steps shown to the reader.
  function newState(tree) {
    return { stack: [{ node: tree.start, via: [] }], answers: {}, reached: [], steps: [] };
  }

  function follow(question, value, via) {
    if (question.unit !== undefined) {
      if (value === null) return [{ node: question.unknown, via: via }];
      return [{ node: value >= question.minimum ? question.at_least : question.below, via: via }];
    }
    if (question.multiple) {  // every chosen branch, in the question's order; one walk per node
      var branches = [], byNode = Object.create(null);
      question.choices.forEach(function (choice) {
        if (value.indexOf(choice.value) < 0) return;
        if (!byNode[choice.next]) branches.push(byNode[choice.next] = { node: choice.next, via: [] });
        byNode[choice.next].via.push(choice.label);
      });
      return branches;
    }
    for (var i = 0; i < question.choices.length; i++) {
      if (question.choices[i].value === value) return [{ node: question.choices[i].next, via: via }];
    }
    throw new Error(question.key + ": " + value + " is not a choice");
  }

  function reach(state, outcome, via) {
    var entry = null;
    state.reached.forEach(function (r) { if (r.id === outcome) entry = r; });
    if (!entry) state.reached.push(entry = { id: outcome, via: [] });
    via.forEach(function (label) { if (entry.via.indexOf(label) < 0) entry.via.push(label); });
  }

  // Go on until a question needs an answer (its id) or every branch has reached an outcome (null).
  function proceed(tree, state) {
    while (state.stack.length) {
      var frame = state.stack[state.stack.length - 1];
      var question = tree.questions[frame.node];
      if (!question) { state.stack.pop(); reach(state, frame.node, frame.via); continue; }
      if (!Object.prototype.hasOwnProperty.call(state.answers, question.key)) return frame.node;
      state.stack.pop();
      follow(question, state.answers[question.key], frame.via).reverse()
        .forEach(function (next) { state.stack.push(next); });
    }
    return null;
  }

  // The outcome ids for `given` answers (key -> choice, list of choices, or typed number), as a test sees them.
  function evaluate(tree, given) {
    var state = newState(tree), node;
    while ((node = proceed(tree, state)) !== null) {
      var question = tree.questions[node], value = given[question.key];
      if (question.unit !== undefined) {
        value = typeof value === "string" ? parseNumber(value, question.unit) : (value === undefined ? null : { value: value });
        if (value && value.error) throw new Error(question.key + ": " + value.message);
        value = value === null ? null : value.value;
      } else if (question.multiple && typeof value === "string") {
        value = [value];
      }
      state.answers[question.key] = value;
    }
    return state.reached.map(function (r) { return r.id; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Scroll `el` into view below Material's sticky header, if it is hidden under it or off screen.
  function reveal(el) {
    var header = document.querySelector(".md-header");
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    el.style.scrollMarginTop = (top + 12) + "px";
    var rect = el.getBoundingClientRect();
    if (rect.top < top || rect.top > window.innerHeight - 80) el.scrollIntoView({ block: "start" });
  }

  function enhanceSelfCheck(box) {
    var id = box.getAttribute("data-selfcheck");
    var tree = JSON.parse(document.getElementById("selfcheck-" + id + "-data").textContent);
    var state, earlier;  // earlier: the state before each answer, for "Quay lại"

    function restart(focus) { earlier = []; state = newState(tree); render(focus); }

    // `given`: answers as the reader gave them (typed text, ticked values), to fill in again after "Quay lại"
    function render(focus, given) {
      box.innerHTML = "";
      box.removeAttribute("data-outcome");
      box.removeAttribute("data-outcomes");
      var node = proceed(tree, state);
      if (node !== null) askQuestion(node, tree.questions[node], focus, given || {});
      else showResult();
    }

    function answer(question, value, shown, given) {
      earlier.push(JSON.parse(JSON.stringify(state)));
      state.answers[question.key] = value;
      state.given = state.given || {};
      state.given[question.key] = given;
      state.steps.push({ text: question.text, shown: shown });
      render(true);
    }

    function back() {
      var given = state.given;
      state = earlier.pop();
      render(true, given);
    }

    function askQuestion(node, question, focus, given) {
      var prefix = "selfcheck-" + id + "-" + node;
      var form = element("form", "selfcheck__step");
      form.noValidate = true;  // the messages below are Vietnamese and in the page's style
      form.setAttribute("data-key", question.key);
      var fieldset = document.createElement("fieldset");
      fieldset.appendChild(element("legend", null, "Câu " + (state.steps.length + 1) + ". " + question.text));
      var error = element("p", "selfcheck__error");
      error.id = prefix + "-loi";
      error.setAttribute("role", "alert");
      error.hidden = true;
      var described = [];
      var input = null, echo = null, inputs = [];

      if (question.unit !== undefined) {
        var line = element("p", "selfcheck__number");
        input = document.createElement("input");
        input.type = "text";
        input.inputMode = "decimal";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.id = prefix + "-so";
        input.name = question.key;
        var label = element("label", null, " " + question.unit);
        label.htmlFor = input.id;
        line.appendChild(input);
        line.appendChild(label);
        fieldset.appendChild(line);
        echo = element("p", "selfcheck__understood");
        echo.id = prefix + "-da-hieu";
        echo.setAttribute("aria-live", "polite");
        fieldset.appendChild(echo);
        input.setAttribute("aria-describedby", echo.id);
        inputs = [input];
        var showBack = function () {
          var parsed = parseNumber(input.value, question.unit);
          if (parsed === null) echo.textContent = "Không biết thì để trống và bấm “Tiếp”.";
          else if (parsed.error) echo.textContent = "";
          else echo.textContent = "Đã hiểu: " + parsed.text + " " + question.unit;
          if (!error.hidden) {
            if (parsed && parsed.error) error.textContent = parsed.message;
            else clearError();
          }
        };
        if (given[question.key] !== undefined) input.value = given[question.key];
        input.addEventListener("input", showBack);
        showBack();
      } else {
        if (question.multiple) {
          var hint = element("p", "selfcheck__hint", "Chọn mọi ý đúng với doanh nghiệp của bạn.");
          hint.id = prefix + "-goi-y";
          fieldset.appendChild(hint);
          described.push(hint.id);
        }
        question.choices.forEach(function (choice) {
          var label = element("label", "selfcheck__choice");
          var tick = document.createElement("input");
          tick.type = question.multiple ? "checkbox" : "radio";
          tick.name = question.key;
          tick.value = choice.value;
          if (choice.exclusive) tick.setAttribute("data-exclusive", "");
          tick.checked = [].concat(given[question.key] || []).indexOf(choice.value) >= 0;
          label.appendChild(tick);
          label.appendChild(document.createTextNode(" " + choice.label));
          fieldset.appendChild(label);
          inputs.push(tick);
        });
        inputs.forEach(function (tick) {
          tick.addEventListener("change", function () {
            if (!error.hidden) clearError();
            if (!question.multiple || !tick.checked) return;
            inputs.forEach(function (other) {  // "none of these" is never ticked together with another choice
              if (other !== tick && (tick.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
                other.checked = false;
              }
            });
          });
        });
        if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
      }
      fieldset.appendChild(error);
      form.appendChild(fieldset);

      function showError(message) {
        error.textContent = message;
        error.hidden = false;
        if (input) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", error.id + " " + echo.id);
        } else {
          fieldset.setAttribute("aria-describedby", described.concat([error.id]).join(" "));
        }
        inputs[0].focus({ preventScroll: true });
        reveal(fieldset);
      }

      function clearError() {
        error.hidden = true;
        error.textContent = "";
        if (input) {
          input.removeAttribute("aria-invalid");
          input.setAttribute("aria-describedby", echo.id);
        } else if (described.length) {
          fieldset.setAttribute("aria-describedby", described.join(" "));
        } else {
          fieldset.removeAttribute("aria-describedby");
        }
      }

      var actions = document.createElement("p");
      var next = element("button", "md-button md-button--primary", "Tiếp");
      next.type = "submit";
      actions.appendChild(next);
      if (earlier.length) {
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(button("Quay lại", back));
      }
      form.appendChild(actions);

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (input) {
          var parsed = parseNumber(input.value, question.unit);
          if (parsed && parsed.error) { showError(parsed.message); return; }
          answer(question, parsed === null ? null : parsed.value,
                 parsed === null ? "không rõ" : parsed.text + " " + question.unit, input.value);
          return;
        }
        var picked = inputs.filter(function (tick) { return tick.checked; });
        if (!picked.length) {
          showError(question.multiple ? "Hãy chọn ít nhất một ý." : "Hãy chọn một câu trả lời.");
          return;
        }
        var labels = picked.map(function (tick) { return tick.parentNode.textContent.trim(); });
        var values = picked.map(function (tick) { return tick.value; });
        if (question.multiple) answer(question, values, labels.join("; "), values);
        else answer(question, values[0], labels[0], values[0]);
      });
      box.appendChild(form);
      if (focus) {
        inputs[0].focus({ preventScroll: true });
        reveal(fieldset);
      }
    }

    function outcomeSection(outcome, into) {
      var heading = document.getElementById("ket-qua-" + outcome);
      // the outcome's text and basis, as written in the list of possible outcomes
      for (var el = heading && heading.nextElementSibling; el && el.tagName !== "H3" && el.tagName !== "H2";
           el = el.nextElementSibling) {
        into.appendChild(el.cloneNode(true));
      }
      return heading ? heading.textContent.trim() : outcome;
    }

    function showResult() {
      var verdicts = tree.verdicts.map(function (v) { return v.id; });  // strictest first
      var reached = state.reached.slice().sort(function (a, b) {
        return verdicts.indexOf(tree.outcomes[a.id]) - verdicts.indexOf(tree.outcomes[b.id]);
      });
      box.setAttribute("data-outcome", reached[0].id);  // the strictest
      box.setAttribute("data-outcomes", state.reached.map(function (r) { return r.id; }).join(" "));
      var result = element("div", "selfcheck__result");
      result.setAttribute("role", "status");
      var title = element("h2");
      result.appendChild(title);
      if (state.reached.length === 1) {
        title.textContent = "Kết quả: " + outcomeSection(state.reached[0].id, result);
      } else {
        title.textContent = "Kết quả: " + tree.verdicts[verdicts.indexOf(tree.outcomes[reached[0].id])].label;
        state.reached.forEach(function (r) {
          var part = element("h3");
          result.appendChild(part);
          part.textContent = outcomeSection(r.id, result);
          if (r.via.length) result.insertBefore(element("p", "selfcheck__via", "Với: " + r.via.join("; ")), part.nextSibling);
        });
      }
      var answers = document.createElement("details");
      answers.appendChild(element("summary", null, "Câu trả lời của bạn"));
      var list = document.createElement("ol");
      state.steps.forEach(function (step) { list.appendChild(element("li", null, step.text + " — " + step.shown)); });
      answers.appendChild(list);
      result.appendChild(answers);
      var actions = document.createElement("p");
      actions.appendChild(button("Quay lại", back));
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button("Làm lại", function () { restart(true); }));
      result.appendChild(actions);
      box.appendChild(result);
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
      reveal(title);
    }

    box.hidden = false;
    restart(false);
  }

  window.plansiteSelfCheck = { parseNumber: parseNumber, evaluate: evaluate };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".checklist"), enhanceChecklist);
    Array.prototype.forEach.call(document.querySelectorAll("[data-selfcheck]"), enhanceSelfCheck);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Glossary terms (<abbr title> from content/glossary.yml, on every page): a hover tooltip cannot
// be read on a phone, so a tap (or Enter, Space) opens the explanation inline, right after the
// term, and a second tap closes it. Terms inside a link, a button, a label or a summary keep only
// their title: a tap there already does something else.
(function () {
  "use strict";

  var seen = 0;

  function note(abbr) {
    var id = abbr.getAttribute("aria-controls");
    return id ? document.getElementById(id) : null;
  }

  function toggle(abbr) {
    var open = note(abbr);
    if (open) {
      open.remove();
      abbr.removeAttribute("aria-controls");
      abbr.setAttribute("aria-expanded", "false");
      return;
    }
    var span = document.createElement("span");
    span.className = "glossary-note";
    span.id = "glossary-note-" + (++seen);
    span.textContent = abbr.dataset.definition;
    abbr.after(span);
    abbr.setAttribute("aria-controls", span.id);
    abbr.setAttribute("aria-expanded", "true");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset abbr[title]"), function (abbr) {
      if (abbr.closest("a, button, label, summary")) return;
      abbr.dataset.definition = abbr.getAttribute("title");
      abbr.setAttribute("role", "button");
      abbr.setAttribute("tabindex", "0");
      abbr.setAttribute("aria-expanded", "false");
      abbr.classList.add("glossary-term");
    });
    document.addEventListener("click", function (event) {
      var abbr = event.target.closest && event.target.closest("abbr.glossary-term");
      if (abbr) toggle(abbr);
    });
    document.addEventListener("keydown", function (event) {
      var abbr = event.target.closest && event.target.closest("abbr.glossary-term");
      if (!abbr || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      toggle(abbr);
    });
  }

  window.plansiteGlossary = { toggle: toggle };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
