// Self-checks ([data-selfcheck]): the engine of plansite/selfcheck.py, written again for the page,
// and the step-by-step form that uses it. The check is data the page carries as JSON (questions,
// rules, each outcome's kind and obligations, the obligations' dates); nothing here knows any one check.
// - parseNumber: numbers as people type them ("350.000", "2,5", "30 tỷ"); refusals with a message.
// - walk/evaluate: the same walk as Check.walk/Check.evaluate (tests run both on the same cases, in Node).
// - outcomeStatus: where an outcome stands on the day the page is opened, from its obligations' dates.
// The answers live in the address (?question=answer), so a shared link opens the same result, with
// the statuses of the day it is opened. Without JavaScript the page shows the decision table.
(function (root) {
  "use strict";

  // Numbers as people type them: the rules of plansite/vn_numbers.py `parse_number`.
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

  // The walk: plansite/selfcheck.py Check.match, Check.decide, Check.walk.
  function questionOf(tree, id) {
    if (!tree.byId) {
      tree.byId = {};
      tree.questions.forEach(function (q, n) { q.order = n; tree.byId[q.id] = q; });
    }
    return tree.byId[id];
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function branchValue(branch, id) {
    for (var i = 0; i < branch.values.length; i++) if (branch.values[i][0] === id) return branch.values[i][1];
    return null;
  }

  // true, false, or null while the question is unanswered (in this branch)
  function match(tree, id, condition, branch, answers) {
    var question = questionOf(tree, id), value;
    if (question.type === "nhieu-lua-chon") {
      value = branchValue(branch, id);
      if (value === null) return null;
    } else if (!has(answers, id)) {
      return null;
    } else {
      value = answers[id];
    }
    if (question.type === "so") {
      if (condition !== null && typeof condition === "object" && !Array.isArray(condition)) {
        return value !== null && (condition.min === null || value >= condition.min) &&
          (condition.below === null || value < condition.below);
      }
      return value === null && condition === "khong-ro";
    }
    return (typeof condition === "string" ? [condition] : condition).indexOf(value) >= 0;
  }

  function decide(tree, branch, answers) {
    var satisfied = null, ask = null;
    for (var r = 0; r < tree.rules.length && satisfied === null; r++) {
      var when = tree.rules[r].when, opens = [], ruledOut = false;
      for (var id in when) {
        if (!has(when, id)) continue;
        var held = match(tree, id, when[id], branch, answers);
        if (held === false) { ruledOut = true; break; }
        if (held === null) opens.push(id);
      }
      if (ruledOut) continue;
      if (!opens.length) { satisfied = r; break; }
      opens.forEach(function (q) {
        if (ask === null || questionOf(tree, q).order < questionOf(tree, ask).order) ask = q;
      });
    }
    return satisfied !== null ? { rule: satisfied, ask: null } : { rule: null, ask: ask };
  }

  // {pending: question id or null, reached: [{id, via}], stuck: number of branches no rule ends}
  function walk(tree, answers) {
    var done = { pending: null, reached: [], stuck: 0 }, stack = [{ values: [], via: [] }];
    while (stack.length) {
      var branch = stack.pop(), decision = decide(tree, branch, answers);
      if (decision.rule !== null) {
        var id = tree.rules[decision.rule].then, entry = null;
        done.reached.forEach(function (r) { if (r.id === id) entry = r; });
        if (!entry) done.reached.push(entry = { id: id, via: [] });
        branch.via.slice(-1).forEach(function (label) { if (entry.via.indexOf(label) < 0) entry.via.push(label); });
        continue;
      }
      if (decision.ask === null) { done.stuck += 1; continue; }
      if (!has(answers, decision.ask)) { done.pending = decision.ask; return done; }
      var question = questionOf(tree, decision.ask), chosen = [];
      question.choices.forEach(function (c) { if (answers[decision.ask].indexOf(c.id) >= 0) chosen.push(c); });
      for (var i = chosen.length - 1; i >= 0; i--) {
        stack.push({ values: branch.values.concat([[decision.ask, chosen[i].id]]), via: branch.via.concat([chosen[i].label]) });
      }
    }
    return done;
  }

  // An answer as the walk reads it: {value, shown} or {error}. `given` as typed or ticked.
  function readAnswer(question, given) {
    if (question.type === "so") {
      if (given === undefined || given === null) return { value: null, shown: "không rõ" };
      var parsed = typeof given === "number" ? { value: given, text: vnNumber(given) } : parseNumber(String(given), question.unit);
      if (parsed === null) return { value: null, shown: "không rõ" };
      if (parsed.error) return { error: parsed.message };
      return { value: parsed.value, shown: parsed.text + " " + question.unit };
    }
    var ids = question.choices.map(function (c) { return c.id; });
    if (question.type === "nhieu-lua-chon") {
      var values = typeof given === "string" ? [given] : given;
      if (!Array.isArray(values) || !values.length || values.some(function (v) { return ids.indexOf(v) < 0; })) {
        return { error: "chưa chọn lựa chọn hợp lệ" };
      }
      var exclusive = question.choices.filter(function (c) { return c.exclusive && values.indexOf(c.id) >= 0; });
      if (exclusive.length && values.length > 1) return { error: "“" + exclusive[0].label + "” không chọn cùng lựa chọn khác" };
      return { value: values.slice(), shown: question.choices.filter(function (c) { return values.indexOf(c.id) >= 0; })
        .map(function (c) { return c.label; }).join("; ") };
    }
    var index = ids.indexOf(given);
    if (index < 0) return { error: "chưa chọn lựa chọn hợp lệ" };
    return { value: given, shown: question.choices[index].label };
  }

  // The outcomes for `given` answers, in the order the form asks: Check.evaluate. Throws on a bad answer.
  function evaluate(tree, given, today) {
    var answers = {}, steps = [], walked;
    for (;;) {
      walked = walk(tree, answers);
      if (walked.stuck) throw new Error("no rule gives an outcome");
      if (walked.pending === null) break;
      var question = questionOf(tree, walked.pending), read = readAnswer(question, given[question.id]);
      if (read.error) throw new Error(question.id + ": " + read.error);
      answers[question.id] = read.value;
      steps.push(read.shown);
    }
    return {
      outcomes: walked.reached.map(function (r) { return r.id; }),
      via: walked.reached.map(function (r) { return r.via; }),
      statuses: walked.reached.map(function (r) { return outcomeStatus(tree, r.id, today).state; }),
      labels: walked.reached.map(function (r) { return outcomeStatus(tree, r.id, today).label; }),
      steps: steps
    };
  }

  // Dates: ISO "2027-01-01" in, "01/01/2027" out (plansite/textfmt.py vn_date: a leading zero for
  // days below 10 and for months 1-2).
  function vnDate(iso) {
    var p = iso.split("-"), month = Number(p[1]);
    return p[2] + "/" + (month < 3 ? p[1] : String(month)) + "/" + p[0];
  }

  // plansite/textfmt.py vn_number: six decimals at most, no trailing zeros
  function vnNumber(value) {
    var parts = value.toFixed(6).replace(/\.?0+$/, "").split(".");
    return parts[0].replace(/\B(?=(\d{3})+$)/g, ".") + (parts[1] ? "," + parts[1] : "");
  }

  function daysBetween(fromIso, toIso) {
    return Math.round((Date.parse(toIso + "T00:00:00Z") - Date.parse(fromIso + "T00:00:00Z")) / 86400000);
  }

  function standing(obligation, today) {
    if (obligation.ends !== null && today > obligation.ends) return { state: "het-hieu-luc", daysLeft: null };
    if (today < obligation.starts) return { state: "sap-ap-dung", daysLeft: daysBetween(today, obligation.starts) };
    return { state: "dang-ap-dung", daysLeft: null };
  }

  function standingLabel(obligation, today) {
    var s = standing(obligation, today);
    if (s.state === "sap-ap-dung") return "Sắp áp dụng từ " + vnDate(obligation.starts) + ", còn " + s.daysLeft + " ngày";
    if (s.state === "het-hieu-luc") return "Đã hết hiệu lực (áp dụng đến " + vnDate(obligation.ends) + ")";
    if (!obligation.certain) return "Đã áp dụng từ " + vnDate(obligation.starts) + "; chưa rõ còn hiệu lực hay không";
    return "Đang áp dụng từ " + vnDate(obligation.starts);
  }

  function outcomeStatus(tree, id, today) {
    var outcome = tree.outcomes[id];
    if (outcome.kind !== "ap-dung") return { state: outcome.kind, label: tree.headlines[outcome.kind] };
    var standings = outcome.obligations.map(function (o) {
      return { s: standing(tree.obligations[o], today), o: tree.obligations[o] };
    });
    var inForce = standings.filter(function (x) { return x.s.state === "dang-ap-dung"; });
    if (inForce.length) {  // in force; if every one rests on a document of unknown standing, it says so
      var certain = inForce.some(function (x) { return x.o.certain; });
      return { state: "dang-ap-dung", label: tree.headlines[certain ? "dang-ap-dung" : "uncertain"] };
    }
    var coming = standings.filter(function (x) { return x.s.state === "sap-ap-dung"; })
      .sort(function (a, b) { return a.s.daysLeft - b.s.daysLeft; });
    if (coming.length) return { state: "sap-ap-dung", label: standingLabel(coming[0].o, today) };
    return { state: "het-hieu-luc", label: tree.headlines["het-hieu-luc"] };
  }

  var engine = { parseNumber: parseNumber, walk: walk, evaluate: evaluate, outcomeStatus: outcomeStatus,
                 standingLabel: standingLabel, vnDate: vnDate };
  if (typeof module === "object" && module.exports) { module.exports = engine; return; }
  root.plansiteSelfCheck = engine;

  // The page

  function hanoiToday() {
    // the day in Hanoi, whatever the reader's clock zone: statuses change at midnight there
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit",
                                              day: "2-digit" }).format(new Date());
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(label, onClick) {
    var b = element("button", "md-button", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // Scroll `el` into view below Material's sticky header, if it is hidden under it or off screen.
  function reveal(el) {
    var header = document.querySelector(".md-header");
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    el.style.scrollMarginTop = (top + 12) + "px";
    var rect = el.getBoundingClientRect();
    if (rect.top < top || rect.top > window.innerHeight - 80) el.scrollIntoView({ block: "start" });
  }

  // Statuses written at build time, brought to the day the page is opened.
  function refreshStatuses(tree, scope, today) {
    Array.prototype.forEach.call(scope.querySelectorAll(".selfcheck-status[data-outcome]"), function (p) {
      var id = p.getAttribute("data-outcome");
      if (!tree.outcomes[id]) return;
      p.textContent = "";
      p.appendChild(element("strong", null, outcomeStatus(tree, id, today).label));
      p.appendChild(document.createTextNode(" (tính đến ngày " + vnDate(today) + ")."));
    });
    Array.prototype.forEach.call(scope.querySelectorAll(".selfcheck-standing[data-obligation]"), function (span) {
      var ob = tree.obligations[span.getAttribute("data-obligation")];
      if (ob) span.textContent = standingLabel(ob, today);
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // A calendar of the result's obligations only: each start date, and each yearly deadline.
  function calendar(tree, ids, pageUrl) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//plansite//tu-kiem-tra//VI", "CALSCALE:GREGORIAN"];
    var now = new Date(), stamp = now.getUTCFullYear() + pad(now.getUTCMonth() + 1) + pad(now.getUTCDate()) + "T000000Z";
    function text(value) { return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,"); }
    ids.forEach(function (id) {
      var ob = tree.obligations[id];
      lines.push("BEGIN:VEVENT", "UID:" + id + "-bat-dau@" + tree.id, "DTSTAMP:" + stamp,
                 "DTSTART;VALUE=DATE:" + ob.starts.replace(/-/g, ""), "SUMMARY:" + text("Bắt đầu áp dụng: " + ob.title),
                 "URL:" + pageUrl, "END:VEVENT");
      if (ob.yearly_due) {
        var year = Number(ob.starts.slice(0, 4)), due = year + "-" + pad(ob.yearly_due[0]) + "-" + pad(ob.yearly_due[1]);
        if (due < ob.starts) due = (year + 1) + due.slice(4);
        lines.push("BEGIN:VEVENT", "UID:" + id + "-han@" + tree.id, "DTSTAMP:" + stamp,
                   "DTSTART;VALUE=DATE:" + due.replace(/-/g, ""), "RRULE:FREQ=YEARLY" +
                   (ob.ends ? ";UNTIL=" + ob.ends.replace(/-/g, "") : ""),
                   "SUMMARY:" + text("Hạn: " + ob.title), "URL:" + pageUrl, "END:VEVENT");
      }
    });
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  function enhance(box) {
    var id = box.getAttribute("data-selfcheck");
    var tree = JSON.parse(document.getElementById("selfcheck-" + id + "-data").textContent);
    var today = hanoiToday();
    var answers, given, asked;  // answers as the walk reads them; as typed or ticked; question ids in order

    function reset() { answers = {}; given = {}; asked = []; }

    function address() {
      var params = new URLSearchParams();
      asked.forEach(function (q) {
        var value = given[q];
        params.set(q, Array.isArray(value) ? value.join(",") : (value === null || value === undefined ? "" : String(value)));
      });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + "#tu-kiem-tra";
    }

    function remember() {
      try { history.replaceState(null, "", address()); } catch (e) { /* a file:// page */ }
    }

    // Answers from the address: each in the order the form asks, until one is missing or refused.
    function fromAddress() {
      var params = new URLSearchParams(location.search);
      for (;;) {
        var walked = walk(tree, answers);
        if (walked.pending === null || !params.has(walked.pending)) return;
        var question = questionOf(tree, walked.pending), raw = params.get(walked.pending);
        var value = question.type === "nhieu-lua-chon" ? raw.split(",").filter(Boolean) : raw;
        var read = readAnswer(question, question.type === "so" && raw === "" ? null : value);
        if (read.error) return;
        answers[question.id] = read.value;
        given[question.id] = question.type === "so" && raw === "" ? "" : value;
        asked.push(question.id);
      }
    }

    function render(focus) {
      box.innerHTML = "";
      box.removeAttribute("data-outcome");
      box.removeAttribute("data-outcomes");
      document.documentElement.removeAttribute("data-print");
      var walked = walk(tree, answers);
      if (walked.pending !== null) askQuestion(questionOf(tree, walked.pending), focus);
      else showResult(walked, focus);
    }

    function answer(question, read, typed) {
      answers[question.id] = read.value;
      given[question.id] = typed;
      asked.push(question.id);
      remember();
      render(true);
    }

    function back() {
      var last = asked.pop();
      delete answers[last];
      remember();
      render(true);
      return last;
    }

    function askQuestion(question, focus) {
      var prefix = "selfcheck-" + id + "-" + question.id;
      var form = element("form", "selfcheck__step");
      form.noValidate = true;  // the messages below are Vietnamese and in the page's style
      form.setAttribute("data-question", question.id);
      var fieldset = document.createElement("fieldset");
      fieldset.appendChild(element("legend", null, "Câu " + (asked.length + 1) + ". " + question.text));
      var described = [];
      if (question.hint || question.type === "nhieu-lua-chon") {
        var hint = element("p", "selfcheck__hint", question.hint || "Chọn mọi ý đúng với doanh nghiệp của bạn.");
        hint.id = prefix + "-goi-y";
        fieldset.appendChild(hint);
        described.push(hint.id);
      }
      var error = element("p", "selfcheck__error");
      error.id = prefix + "-loi";
      error.setAttribute("aria-live", "assertive");
      error.hidden = true;
      var input = null, echo = null, inputs = [];
      var previous = given[question.id];

      if (question.type === "so") {
        var line = element("p", "selfcheck__number");
        input = document.createElement("input");
        input.type = "text";
        input.inputMode = "decimal";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.id = prefix + "-so";
        input.name = question.id;
        var label = element("label", null, question.unit);
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
        if (typeof previous === "string") input.value = previous;
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
        input.addEventListener("input", showBack);
        showBack();
      } else {
        var multiple = question.type === "nhieu-lua-chon";
        question.choices.forEach(function (choice) {
          var label = element("label", "selfcheck__choice");
          var tick = document.createElement("input");
          tick.type = multiple ? "checkbox" : "radio";
          tick.name = question.id;
          tick.value = choice.id;
          if (choice.exclusive) tick.setAttribute("data-exclusive", "");
          tick.checked = [].concat(previous || []).indexOf(choice.id) >= 0;
          label.appendChild(tick);
          label.appendChild(document.createTextNode(" " + choice.label));
          fieldset.appendChild(label);
          inputs.push(tick);
        });
        inputs.forEach(function (tick) {
          tick.addEventListener("change", function () {
            if (!error.hidden) clearError();
            if (!multiple || !tick.checked) return;
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

      var actions = element("p", "selfcheck__actions");
      var next = element("button", "md-button md-button--primary", "Tiếp");
      next.type = "submit";
      actions.appendChild(next);
      if (asked.length) {
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(button("Quay lại", back));
      }
      form.appendChild(actions);

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (input) {
          var parsed = parseNumber(input.value, question.unit);
          if (parsed && parsed.error) { showError(parsed.message); return; }
          answer(question, readAnswer(question, parsed === null ? null : input.value), input.value);
          return;
        }
        var picked = inputs.filter(function (tick) { return tick.checked; }).map(function (tick) { return tick.value; });
        if (!picked.length) {
          showError(question.type === "nhieu-lua-chon" ? "Hãy chọn ít nhất một ý." : "Hãy chọn một câu trả lời.");
          return;
        }
        var value = question.type === "nhieu-lua-chon" ? picked : picked[0];
        answer(question, readAnswer(question, value), value);
      });
      box.appendChild(form);
      if (focus) {
        inputs[0].focus({ preventScroll: true });
        reveal(fieldset);
      }
    }

    function outcomeSection(outcome, into) {
      var heading = document.getElementById("ket-qua-" + outcome);
      // the outcome's text, obligations and basis, as written in the list of possible outcomes
      for (var el = heading && heading.nextElementSibling; el && el.tagName !== "H3" && el.tagName !== "H2";
           el = el.nextElementSibling) {
        into.appendChild(el.cloneNode(true));
      }
      return heading ? heading.textContent.trim() : outcome;
    }

    function showResult(walked, focus) {
      var order = tree.order;
      var reached = walked.reached.slice().sort(function (a, b) {
        return order.indexOf(outcomeStatus(tree, a.id, today).state) - order.indexOf(outcomeStatus(tree, b.id, today).state);
      });
      box.setAttribute("data-outcome", reached[0].id);  // the strictest
      box.setAttribute("data-outcomes", walked.reached.map(function (r) { return r.id; }).join(" "));
      var result = element("div", "selfcheck__result");
      result.setAttribute("role", "status");
      var title = element("h2");
      result.appendChild(title);
      if (reached.length === 1) {
        title.textContent = "Kết quả: " + outcomeSection(reached[0].id, result);
      } else {
        title.textContent = "Kết quả: " + tree.headlines[outcomeStatus(tree, reached[0].id, today).state];
        walked.reached.forEach(function (r) {
          var part = element("h3");
          result.appendChild(part);
          if (r.via.length) result.appendChild(element("p", "selfcheck__via", "Với: " + r.via.join("; ")));
          part.textContent = outcomeSection(r.id, result);
        });
      }
      refreshStatuses(tree, result, today);
      // an obligation shared by several outcomes (a yearly deadline) is listed once, under the first
      var listed = {};
      Array.prototype.forEach.call(result.querySelectorAll(".selfcheck-standing[data-obligation]"), function (span) {
        var item = span.closest("li"), key = span.getAttribute("data-obligation");
        if (!listed[key]) { listed[key] = true; return; }
        var list = item.parentNode;
        list.removeChild(item);
        if (!list.children.length) {
          var label = list.previousElementSibling;
          if (label && label.tagName === "P") label.parentNode.removeChild(label);
          list.parentNode.removeChild(list);
        }
      });
      var list = element("ol");
      asked.forEach(function (q, n) {
        var question = questionOf(tree, q);
        list.appendChild(element("li", null, question.text + " — " + readAnswer(question,
          question.type === "so" && (given[q] === "" || given[q] === null) ? null : given[q]).shown));
      });
      var answersBlock = element("details", "selfcheck__answers");
      answersBlock.appendChild(element("summary", null, "Câu trả lời của bạn"));
      answersBlock.appendChild(list);
      result.appendChild(answersBlock);

      var share = element("p", "selfcheck__share");
      var link = element("a", null, "Liên kết tới kết quả này");
      link.href = address();
      share.appendChild(link);
      share.appendChild(document.createTextNode(": gửi cho người khác (Zalo, thư điện tử…) để mở lại đúng các câu trả lời này, với tình trạng của ngày mở."));
      result.appendChild(share);

      var actions = element("p", "selfcheck__actions");
      var obligations = [];
      walked.reached.forEach(function (r) {
        var outcome = tree.outcomes[r.id];
        outcome.obligations.concat(outcome.related).forEach(function (o) { if (obligations.indexOf(o) < 0) obligations.push(o); });
      });
      if (obligations.length) {
        var ics = element("a", "md-button", "Tải lịch (.ics)");
        ics.href = "data:text/calendar;charset=utf-8," + encodeURIComponent(calendar(tree, obligations, location.href.split("?")[0]));
        ics.download = "tu-kiem-tra-" + id + ".ics";
        ics.setAttribute("title", "Các ngày áp dụng và hạn hằng năm của những quy định trong kết quả này");
        actions.appendChild(ics);
        actions.appendChild(document.createTextNode(" "));
      }
      actions.appendChild(button("In kết quả", function () {
        document.documentElement.setAttribute("data-print", "selfcheck");
        window.print();
      }));
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button("Quay lại", back));
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button("Làm lại", function () { reset(); remember(); render(true); }));
      result.appendChild(actions);
      box.appendChild(result);
      document.documentElement.setAttribute("data-print", "selfcheck");
      title.setAttribute("tabindex", "-1");
      if (focus) {
        title.focus({ preventScroll: true });
        reveal(title);
      }
    }

    reset();
    refreshStatuses(tree, document, today);
    fromAddress();
    box.hidden = false;
    render(asked.length > 0);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-selfcheck]"), enhance);
    // a printed result lists the answers it rests on
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".selfcheck__answers"), function (d) { d.open = true; });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(this);
