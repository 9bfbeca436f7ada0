/* Exit this page, after GOV.UK Frontend's exit-this-page component: the button is a plain
   link; this adds Shift pressed 3 times to leave, a screen-reader announcement, and an overlay
   that hides the page at once while the neutral site loads. */
(function () {
  "use strict";
  var root = document.querySelector("[data-module='exit-this-page']");
  if (!root) { return; }
  var button = root.querySelector(".exit-this-page__button");
  if (!button) { return; }
  var PRESSES_NEEDED = 3;
  var TIMEOUT_MS = 5000;
  var presses = 0;
  var timer = null;
  var overlay = null;

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  root.appendChild(status);

  function announce(text) { status.textContent = text; }

  function reset() {
    presses = 0;
    if (timer) { window.clearTimeout(timer); timer = null; }
  }

  function hidePage() {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "exit-this-page-overlay";
      overlay.setAttribute("aria-hidden", "true");
    }
    document.body.appendChild(overlay);
    announce("Loading.");
  }

  function leave() {
    reset();
    hidePage();
    window.location.href = button.href;
  }

  button.addEventListener("click", function () {
    // The link itself goes; hiding the page first means nothing stays on screen meanwhile.
    hidePage();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (presses > 0 && event.key !== "Shift") { reset(); announce("Exit this page expired."); }
      return;
    }
    presses += 1;
    if (timer) { window.clearTimeout(timer); }
    if (presses >= PRESSES_NEEDED) { leave(); return; }
    var left = PRESSES_NEEDED - presses;
    announce("Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to exit.");
    timer = window.setTimeout(function () { reset(); announce("Exit this page expired."); }, TIMEOUT_MS);
  });

  // Coming back with the Back button can restore this page from the cache: show it again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
      announce("");
    }
  });
})();
