// For paper: puts each link's full address in data-adres, which the print
// stylesheet shows after the link text. Links that already show their own
// address (sources written as <https://...>) are left alone.
(function () {
  "use strict";
  var links = document.querySelectorAll(".md-content a[href]");
  Array.prototype.forEach.call(links, function (link) {
    var address = link.href;
    if (!/^https?:/.test(address) || link.getAttribute("href").charAt(0) === "#") return;
    if (link.textContent.trim() === address || link.textContent.trim() === link.getAttribute("href")) return;
    link.setAttribute("data-adres", address);
  });
})();
