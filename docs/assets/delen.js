// "Kopieer tekst" in the Delen block of a case page (texts come from the page). Without JavaScript the
// button stays hidden and the text can be selected by hand.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-kopieer]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-kopieer"));
    var status = button.parentNode.querySelector(".delen__melding");
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        status.textContent = status.getAttribute("data-gelukt");
      }, function () {
        status.textContent = status.getAttribute("data-mislukt");
      });
    });
  });
})();
