// Starts Pagefind's search interface on /zoeken/ and runs the query from the
// header form (?q=...), so a search can also be shared as a link.
(function () {
  "use strict";
  var element = document.getElementById("zoekresultaten");
  if (!element || typeof PagefindUI === "undefined") return;
  // The site root, also when the site is published under a subpath.
  var root = new URL("../", window.location.href).pathname;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = root + "pagefind/pagefind-ui.css";
  document.head.appendChild(style);
  var ui = new PagefindUI({
    element: "#zoekresultaten",
    bundlePath: root + "pagefind/",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    // The place belongs next to the title: "Utrecht: gezonde stad … (Utrecht, Utrecht)".
    processResult: function (result) {
      if (result.meta && result.meta.plaats) {
        result.meta.title = result.meta.title + " (" + result.meta.plaats + ")";
        delete result.meta.plaats;
      }
      return result;
    },
    translations: { placeholder: "Zoek in de praktijken", clear_search: "Wissen" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
    var header = document.getElementById("zoekveld");
    if (header) header.value = query;
  }
})();
