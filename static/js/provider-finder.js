/* "Restraint in your area": results as a reader types. Without this script the finder is a plain
   GET form (?q=). With it, the same results come from the page's find/ address a moment after each
   keystroke; the status line (a polite live region that stays in the page) says how many were found,
   and the arrow keys move between the input and the results. */
(function () {
  "use strict";
  var form = document.querySelector("[data-module='provider-finder']");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
  var input = form.querySelector("input[name='q']");
  var status = document.getElementById("provider-finder-status");
  var results = document.getElementById("provider-results");
  if (!input || !status || !results) { return; }
  var url = form.getAttribute("data-results-url");
  var timer = null;
  var latest = 0;
  var shown = input.value;

  function links() { return Array.prototype.slice.call(results.querySelectorAll("a")); }

  function show(query) {
    var asked = ++latest;
    fetch(url + "?" + new URLSearchParams({ q: query }).toString(), { credentials: "omit", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("The finder answered " + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (asked !== latest) { return; }  // a later keystroke's answer is on its way
        var reply = new DOMParser().parseFromString(html, "text/html");
        var newResults = reply.getElementById("provider-results");
        var newStatus = reply.getElementById("provider-finder-status");
        if (!newResults || !newStatus) { return; }
        results.innerHTML = newResults.innerHTML;
        status.textContent = newStatus.textContent;
        shown = query;
        if (window.history && window.history.replaceState) {
          var address = new URL(window.location.href);
          if (query) { address.searchParams.set("q", query); } else { address.searchParams.delete("q"); }
          window.history.replaceState(null, "", address.toString());
        }
      })
      .catch(function () { /* The form still works: pressing Find submits it. */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var query = input.value.trim();
    if (query === shown) { return; }
    timer = window.setTimeout(function () { show(query); }, 250);
  });

  // Down from the input goes to the first result; up and down move between results; Escape goes back.
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  results.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) { return; }
    if (event.key === "ArrowDown" && at < all.length - 1) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (at > 0) { all[at - 1].focus(); } else { input.focus(); }
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });
})();
