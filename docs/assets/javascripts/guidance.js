// Progressive enhancement for the guidance pages.
// 1. Checklists (.checklist): each box remembers its state in localStorage; buttons to print and clear.
// 2. Self-checks ([data-selfcheck]): a step-by-step form that walks the decision tree the page
//    carries as JSON (made by plansite/selfcheck.py, which tests walk the same way), then shows
//    the matching outcome from the "possible outcomes" list below it.
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

  // The one rule for moving through the tree; plansite/selfcheck.py `evaluate` does the same.
  function nextNode(question, value) {
    if (question.unit !== undefined) {
      if (value === null || value === undefined || value === "") return question.unknown;
      return Number(value) >= question.minimum ? question.at_least : question.below;
    }
    for (var i = 0; i < question.choices.length; i++) {
      if (question.choices[i].value === value) return question.choices[i].next;
    }
    return null;
  }

  function enhanceSelfCheck(box) {
    var id = box.getAttribute("data-selfcheck");
    var tree = JSON.parse(document.getElementById("selfcheck-" + id + "-data").textContent);
    var history = [];  // [{node, value, shown}]

    function restart() { history = []; show(tree.start); }

    function show(node) {
      box.innerHTML = "";
      box.removeAttribute("data-outcome");
      if (tree.questions[node]) askQuestion(node, tree.questions[node]);
      else showOutcome(node);
    }

    function askQuestion(node, question) {
      var form = document.createElement("form");
      form.className = "selfcheck__step";
      form.setAttribute("data-key", question.key);
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = "Câu " + (history.length + 1) + ". " + question.text;
      fieldset.appendChild(legend);
      var input = null;
      if (question.unit !== undefined) {
        var label = document.createElement("label");
        input = document.createElement("input");
        input.type = "number";
        input.min = "0";
        input.step = "any";
        input.name = question.key;
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + question.unit));
        fieldset.appendChild(label);
        var hint = document.createElement("p");
        hint.textContent = "Không biết thì để trống và bấm “Tiếp”.";
        fieldset.appendChild(hint);
      } else {
        question.choices.forEach(function (choice, index) {
          var label = document.createElement("label");
          label.className = "selfcheck__choice";
          var radio = document.createElement("input");
          radio.type = "radio";
          radio.name = question.key;
          radio.value = choice.value;
          radio.required = true;
          if (index === 0) radio.autofocus = true;
          label.appendChild(radio);
          label.appendChild(document.createTextNode(" " + choice.label));
          fieldset.appendChild(label);
        });
      }
      form.appendChild(fieldset);
      var actions = document.createElement("p");
      var next = document.createElement("button");
      next.type = "submit";
      next.className = "md-button md-button--primary";
      next.textContent = "Tiếp";
      actions.appendChild(next);
      if (history.length) {
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(button("Quay lại", function () { show(history.pop().node); }));
      }
      form.appendChild(actions);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var value, shown;
        if (input) {
          value = input.value.trim();
          shown = value === "" ? "không rõ" : value + " " + question.unit;
        } else {
          var picked = form.querySelector("input[type=radio]:checked");
          if (!picked) return;
          value = picked.value;
          shown = picked.parentNode.textContent.trim();
        }
        history.push({ node: node, value: value, shown: shown, text: question.text });
        show(nextNode(question, value));
      });
      box.appendChild(form);
      var first = form.querySelector("input");
      if (first && history.length) {
        first.focus({ preventScroll: true });
        box.scrollIntoView({ block: "nearest" });
      }
    }

    function showOutcome(node) {
      box.setAttribute("data-outcome", node);
      var heading = document.getElementById("ket-qua-" + node);
      var result = document.createElement("div");
      result.className = "selfcheck__result";
      result.setAttribute("role", "status");
      var title = document.createElement("h2");
      title.textContent = "Kết quả: " + (heading ? heading.textContent.trim() : node);
      result.appendChild(title);
      // the outcome's text and basis, as written in the list of possible outcomes
      for (var el = heading && heading.nextElementSibling; el && el.tagName !== "H3" && el.tagName !== "H2";
           el = el.nextElementSibling) {
        result.appendChild(el.cloneNode(true));
      }
      var answers = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = "Câu trả lời của bạn";
      answers.appendChild(summary);
      var list = document.createElement("ol");
      history.forEach(function (step) {
        var item = document.createElement("li");
        item.textContent = step.text + " — " + step.shown;
        list.appendChild(item);
      });
      answers.appendChild(list);
      result.appendChild(answers);
      result.appendChild(button("Làm lại", restart));
      box.appendChild(result);
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
      box.scrollIntoView({ block: "nearest" });
    }

    box.hidden = false;
    restart();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".checklist"), enhanceChecklist);
    Array.prototype.forEach.call(document.querySelectorAll("[data-selfcheck]"), enhanceSelfCheck);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
