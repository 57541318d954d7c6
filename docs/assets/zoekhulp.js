// What both search boxes share, written once: the finder on the overview
// (vinder.js, where the header box and the home page's box lead) and the
// search through every page on /zoeken/ (zoeken.js).
//
// - Pagefind is loaded once per index and page, without its web worker (the
//   search takes milliseconds; the worker would be one more download).
// - Dutch word forms: Pagefind stems Dutch (wijken -> wijk) but keeps the v/f
//   and z/s alternation apart (initiatieven -> "initiatiev", initiatief ->
//   "initiatief"), so each word is also searched in its other form and the
//   results are merged, best score per page.
// - DOM helpers and the numbered page links of a result list.
window.Zoekhulp = (function () {
  "use strict";
  var loaded = {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The Pagefind module of the index in folder `bundle` (an address ending in /).
  function pagefind(bundle, options) {
    if (!loaded[bundle]) {
      loaded[bundle] = import(bundle + "pagefind.js").then(function (module) {
        var settings = { noWorker: true };
        Object.keys(options || {}).forEach(function (key) { settings[key] = options[key]; });
        return module.options(settings).then(function () { return module; });
      });
      loaded[bundle].catch(function () { delete loaded[bundle]; }); // try again next time
    }
    return loaded[bundle];
  }

  function otherForms(word) {
    var forms = [word];
    [["ven", "f"], ["zen", "s"]].forEach(function (pair) {
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

  // Every combination of the words' forms, at most eight: enough for a few words.
  function queries(text) {
    var result = [""];
    text.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (word) {
      var next = [];
      result.forEach(function (start) {
        otherForms(word).forEach(function (form) { next.push((start + " " + form).trim()); });
      });
      result = next.slice(0, 8);
    });
    return result;
  }

  // Pagefind's results for `text` in all its forms: one per page, best score first.
  // `options` go to Pagefind as they are (for example filters).
  function search(module, text, options) {
    return Promise.all(queries(text).map(function (query) { return module.search(query, options); }))
      .then(function (searches) {
        var best = {};
        searches.forEach(function (found) {
          found.results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
          });
        });
        return Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); });
      });
  }

  // Numbered page links (first, last and two around the current page) into
  // `container`, worded by its data-* attributes (site.yaml paginering).
  // hrefFor(page) gives each link's address, go(page) runs on a click.
  function pageLinks(container, page, total, hrefFor, go) {
    container.textContent = "";
    if (total <= 1) return;
    var nav = element("nav", "paginering");
    nav.setAttribute("aria-label", container.getAttribute("data-lijst"));
    var items = element("ul", "paginering__lijst");
    function add(node) { var li = element("li"); li.appendChild(node); items.appendChild(li); }
    function link(target, label, hiddenLabel) {
      var anchor = element("a", null, label);
      anchor.href = hrefFor(target);
      if (hiddenLabel) anchor.insertBefore(element("span", "visueel-verborgen", hiddenLabel), anchor.firstChild);
      anchor.addEventListener("click", function (event) { event.preventDefault(); go(target); });
      return anchor;
    }
    if (page > 1) add(link(page - 1, container.getAttribute("data-vorige")));
    for (var number = 1; number <= total; number += 1) {
      if (!(number === 1 || number === total || Math.abs(number - page) <= 2)) {
        if (number === 2 || number === total - 1) {
          var gap = element("li", null, "…");
          gap.setAttribute("aria-hidden", "true");
          items.appendChild(gap);
        }
        continue;
      }
      if (number === page) {
        var here = element("span", null, String(number));
        here.setAttribute("aria-current", "page");
        add(here);
      } else {
        add(link(number, String(number), container.getAttribute("data-pagina") + " "));
      }
    }
    if (page < total) add(link(page + 1, container.getAttribute("data-volgende")));
    nav.appendChild(items);
    container.appendChild(nav);
  }

  return { element: element, pagefind: pagefind, queries: queries, search: search, pageLinks: pageLinks };
})();
