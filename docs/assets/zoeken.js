// Search through every page on /zoeken/ with Pagefind's JavaScript API on the
// site's own index (site/pagefind/), which loads only the index chunks a query
// needs. Loading, the Dutch word forms and the DOM helpers are shared with the
// finder (zoekhulp.js). Our own result list instead of Pagefind's UI: Dutch
// texts, title + place + snippet, a live count for screen readers, and fewer
// bytes.
(function () {
  "use strict";
  var form = document.getElementById("zoekpagina");
  var field = document.getElementById("zoekpagina-veld");
  var status = document.getElementById("zoekstatus");
  var list = document.getElementById("zoekresultaten");
  var more = document.getElementById("meer-resultaten");
  if (!form || !field || !status || !list || !more) return;
  var PAGE_SIZE = 10;
  var root = new URL("../", window.location.href).pathname; // also under a subpath
  var help = window.Zoekhulp;
  var element = help.element;
  var results = [];
  var shown = 0;
  var latest = 0;

  function say(key, count, text) {
    status.textContent = status.getAttribute("data-" + key).replace("{n}", count).replace("{q}", text);
  }

  // "3 praktijken en 2 andere pagina's gevonden voor ‘wijk’": cases and other pages apart.
  function sayFound(cases, others, text) {
    function words(key, n) { return status.getAttribute("data-" + key + (n === 1 ? "-een" : "-meer")).replace("{n}", n); }
    var found = cases && others ? words("praktijk", cases) + " " + status.getAttribute("data-en") + " " + words("pagina", others)
      : cases ? words("praktijk", cases) : words("pagina", others);
    status.textContent = status.getAttribute("data-gevonden").replace("{wat}", found).replace("{q}", text);
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    var first = shown;
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (data, index) {
        var item = element("li", "zoekresultaat");
        var heading = element("h2", "zoekresultaat__titel");
        var link = element("a", null, data.meta.title);
        link.href = data.url;
        heading.appendChild(link);
        item.appendChild(heading);
        if (data.meta.plaats) item.appendChild(element("p", "zoekresultaat__plaats", data.meta.plaats));
        var snippet = element("p", "zoekresultaat__fragment");
        snippet.innerHTML = data.excerpt; // Pagefind escapes the page text; only <mark> is markup
        item.appendChild(snippet);
        list.appendChild(item);
        if (first > 0 && index === 0) link.focus(); // "more" moves focus to the first new result
      });
    });
  }

  function search(text) {
    var ticket = ++latest;
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    if (!text.trim()) { status.textContent = ""; return Promise.resolve(); }
    say("bezig", 0, text);
    return help.pagefind(root + "pagefind/", { baseUrl: root, excerptLength: 24 }).then(function (module) {
      return Promise.all([help.search(module, text), help.search(module, text, { filters: { soort: "praktijk" } })]);
    }).then(function (both) {
      if (ticket !== latest) return; // a newer query is running
      results = both[0];
      var caseIds = {};
      both[1].forEach(function (result) { caseIds[result.id] = true; });
      var cases = results.filter(function (result) { return caseIds[result.id]; }).length;
      if (results.length === 0) say("geen", 0, text);
      else sayFound(cases, results.length - cases, text);
      return showMore();
    }).catch(function () { say("fout", 0, text); });
  }

  function fromAddress() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    field.value = query;
    var header = document.getElementById("zoekveld");
    if (header) header.value = query;
    search(query);
  }

  var timer = null;
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var query = field.value.trim();
      window.history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : "./");
      search(query);
    }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    var query = field.value.trim();
    window.history.pushState(null, "", query ? "?q=" + encodeURIComponent(query) : "./");
    search(query);
  });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();
