// Search on /zoeken/ with Pagefind's JavaScript API (site/pagefind/), which
// loads only the index chunks a query needs. Our own result list instead of
// Pagefind's UI: Dutch texts, title + place + snippet, a live count for
// screen readers, and fewer bytes.
//
// Pagefind stems Dutch (wijken -> wijk) but its stemmer keeps the v/f and z/s
// alternation apart (initiatieven -> "initiatiev", initiatief -> "initiatief"),
// so each word is also searched in its other form and the results merged.
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
  var pagefind = null;
  var results = [];
  var shown = 0;
  var latest = 0;

  function otherForms(word) {
    var forms = [word];
    var pairs = [["ven", "f"], ["zen", "s"]];
    pairs.forEach(function (pair) {
      var plural = pair[0], singular = pair[1];
      var base;
      if (word.length > 5 && word.slice(-3) === plural) {
        base = word.slice(0, -3);
        forms.push(base + singular);
        if (/[^aeiou][aeiou]$/.test(base)) forms.push(base + base.slice(-1) + singular); // graven -> graaf
      } else if (word.length > 3 && word.slice(-1) === singular) {
        base = word.slice(0, -1);
        forms.push(base + plural);
        if (/(aa|ee|oo|uu)$/.test(base)) forms.push(base.slice(0, -1) + plural); // graaf -> graven
      }
    });
    return forms;
  }

  function queries(text) {
    var result = [""];
    text.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (word) {
      var next = [];
      result.forEach(function (start) {
        otherForms(word).forEach(function (form) { next.push((start + " " + form).trim()); });
      });
      result = next.slice(0, 8); // enough for a few words; keeps a long query quick
    });
    return result;
  }

  function say(key, count, text) {
    status.textContent = status.getAttribute("data-" + key).replace("{n}", count).replace("{q}", text);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(root + "pagefind/pagefind.js").then(function (module) {
        // noWorker: the search takes milliseconds here; a worker is one more download.
        return module.options({ baseUrl: root, excerptLength: 24, noWorker: true })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
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
    return load().then(function (module) {
      return Promise.all(queries(text).map(function (query) { return module.search(query); }));
    }).then(function (searches) {
      if (ticket !== latest) return; // a newer query is running
      var best = {};
      searches.forEach(function (found) {
        found.results.forEach(function (result) {
          if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
        });
      });
      results = Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (a, b) { return b.score - a.score; });
      say(results.length === 0 ? "geen" : results.length === 1 ? "een" : "meer", results.length, text);
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
