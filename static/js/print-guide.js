/* "Print this guide": only offered when JavaScript can print; without it the page says how. */
(function () {
  "use strict";
  var slot = document.querySelector("[data-module='print-guide']");
  if (!slot || typeof window.print !== "function") { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  button.textContent = "Print this guide";
  button.addEventListener("click", function () { window.print(); });
  slot.appendChild(button);
})();
