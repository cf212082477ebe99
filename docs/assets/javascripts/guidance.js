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
