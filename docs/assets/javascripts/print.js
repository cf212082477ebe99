// "In danh sách" on a business page prints the checklist alone, not the whole page.
// guidance.js makes the button (the first in .checklist__actions) and calls window.print(); this
// listener sees the click first (capture phase) and marks what to keep: the page title, the
// checklist and its heading. site.css hides the rest in print; "afterprint" clears the marks, so
// printing from the browser's menu still prints the whole page.
(function () {
  "use strict";
  var KEEP = "data-print-keep";

  function clear() {
    document.documentElement.removeAttribute("data-print");
    document.querySelectorAll("[" + KEEP + "]").forEach(function (el) { el.removeAttribute(KEEP); });
  }

  document.addEventListener("click", function (event) {
    var actions = event.target.closest && event.target.closest(".checklist__actions");
    if (!actions || event.target.closest("button") !== actions.querySelector("button")) return;
    var list = actions.nextElementSibling;
    if (!list || !list.classList.contains("checklist")) return;
    clear();
    list.setAttribute(KEEP, "");
    for (var el = actions.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) { el.setAttribute(KEEP, ""); break; }
    }
    document.documentElement.setAttribute("data-print", "checklist");
  }, true);
  window.addEventListener("afterprint", clear);
})();
