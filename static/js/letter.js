/* "Write a letter": copy and print buttons, and the email link and printed copy kept up with the edited text.
   Without JavaScript the form's "Update" button does the last two on the server (templates/figures/letter.html). */
(function () {
  "use strict";
  var form = document.querySelector("[data-letter-form]");
  if (!form) return;
  var text = form.querySelector("textarea");
  var max = parseInt(form.getAttribute("data-max-mailto"), 10);
  var subject = form.getAttribute("data-subject");
  var email = document.querySelector("[data-letter-email]");
  var emailLink = document.querySelector("[data-letter-email-link]");
  var tooLong = document.querySelector("[data-letter-too-long]");
  var printCopy = document.querySelector("[data-letter-print-copy]");
  var status = form.querySelector("[data-letter-status]");
  var copyButton = form.querySelector("[data-letter-copy]");
  var printButton = form.querySelector("[data-letter-print]");

  function update() {
    var url = "mailto:?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(text.value.replace(/\r?\n/g, "\r\n"));
    var fits = url.length <= max;
    emailLink.href = fits ? url : "mailto:";
    email.hidden = !fits;
    tooLong.hidden = fits;
    printCopy.textContent = text.value;
  }

  function say(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  copyButton.addEventListener("click", function () {
    var copied = function () { say("Copied. You can now paste the letter where you want to send it."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.value).then(copied, function () {
        text.select();
        say("Could not copy. The letter is selected: copy it with your keyboard or menu.");
      });
    } else {
      text.select();
      if (document.execCommand && document.execCommand("copy")) copied();
      else say("Could not copy. The letter is selected: copy it with your keyboard or menu.");
    }
  });
  printButton.addEventListener("click", function () { update(); window.print(); });
  text.addEventListener("input", update);

  copyButton.hidden = false;
  printButton.hidden = false;
  form.querySelector("[data-letter-update]").hidden = true;
  document.querySelector("[data-letter-no-js]").hidden = true;
  update();
})();
