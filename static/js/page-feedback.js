/* "Is this page useful?": answer without leaving the page. Without this script the form posts
   and the answer page says thank you (and after No asks what was wrong); with it, the same
   addresses answer and their reply replaces the question where it is, and focus moves to it. */
(function () {
  "use strict";
  var section = document.querySelector("[data-module='page-feedback']");
  if (!section || !window.fetch || !window.DOMParser || !window.FormData) { return; }
  var busy = false;
  var lastButton = null;

  section.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[type='submit']") : null;
    if (button) { lastButton = button; }
  });

  function sendWithoutScript(form, button) {
    // The answer goes as a plain form post, as if this script were not here.
    if (button && button.name) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.appendChild(field);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  section.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    var button = event.submitter || lastButton;
    var data = new FormData(form);
    if (button && button.name) { data.append(button.name, button.value); }
    // No cookies: the answer is counted per page, never per person.
    fetch(form.action, { method: "POST", body: data, credentials: "omit", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var reply = new DOMParser().parseFromString(html, "text/html").querySelector("[data-module='page-feedback']");
        if (!reply) { throw new Error("No answer section in the reply"); }
        section.innerHTML = reply.innerHTML;
        busy = false;
        var target = section.querySelector("[data-page-feedback-focus]");
        if (target) { target.focus(); }
      })
      .catch(function () {
        busy = false;
        sendWithoutScript(form, button);
      });
  });
})();
