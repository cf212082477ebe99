// Progressive enhancement for the guidance pages: checklists (.checklist) remember each box in
// localStorage, with buttons to print and clear. Without JavaScript they are printable lists.
// The self-checks have their own script, selfcheck.js.
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".checklist"), enhanceChecklist);
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
