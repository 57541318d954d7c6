// The finder on the overview (praktijken/index.md): words and filters in one
// view, answered by Pagefind from the chunked index in pagefind/, so what a
// visitor downloads stays about the same at 10 or 5,000 cases.
//
// - Within a group a case needs one of the ticked values (Pagefind "any");
//   across groups all must match. Each option shows how many cases ticking it
//   would give with the other groups as chosen: one extra query per group
//   with a choice, the group itself left out.
// - Results come 20 to a page, newest first without words, best match first
//   with words. The count is announced in a live region.
// - The state (q, the filters, pagina) lives in the address, so back,
//   bookmarks and mail work. Without any choice the page keeps its own static
//   first page and Pagefind is not loaded at all.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-resultaat");
  var list = document.getElementById("praktijken-lijst");
  var paging = document.getElementById("paginering");
  var field = document.getElementById("vinder-woorden");
  if (!form || !status || !list || !paging || !field) return;
  var PER_PAGE = parseInt(form.getAttribute("data-per-pagina"), 10) || 20;
  var root = new URL(form.getAttribute("data-basis"), window.location.href).pathname;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var groups = boxes.map(function (box) { return box.name; })
    .filter(function (name, index, all) { return all.indexOf(name) === index; });
  // The static first page and the counts without any choice, to return to.
  var initial = { list: list.innerHTML, paging: paging.innerHTML, status: status.textContent,
                  counts: boxes.map(function (box) { return countOf(box).textContent; }) };
  var pagefind = null;
  var latest = 0;

  function countOf(box) { return box.parentNode.querySelector(".filters__aantal"); }

  function text(key, values) {
    var result = status.getAttribute("data-" + key) || "";
    Object.keys(values || {}).forEach(function (name) { result = result.replace("{" + name + "}", values[name]); });
    return result;
  }

  function chosen() {
    var result = {};
    boxes.forEach(function (box) {
      if (box.checked) (result[box.name] = result[box.name] || []).push(box.value);
    });
    return result;
  }

  function state(page) { return { words: field.value.trim(), choice: chosen(), page: page || 1 }; }

  function isEmpty(current) { return !current.words && Object.keys(current.choice).length === 0; }

  function addressFor(current) {
    var params = new URLSearchParams();
    if (current.words) params.set("q", current.words);
    groups.forEach(function (group) {
      (current.choice[group] || []).forEach(function (value) { params.append(group, value); });
    });
    if (current.page > 1) params.set("pagina", String(current.page));
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    field.value = params.get("q") || "";
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
    return Math.max(1, parseInt(params.get("pagina"), 10) || 1);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(root + "pagefind/pagefind.js").then(function (module) {
        return module.options({ baseUrl: root, excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  // Pagefind's filter object: every group with a choice except `without` (for
  // the counts of that group's own options). Pagefind only counts the groups
  // named in the query, so the others are named with an empty exclusion, which
  // restricts nothing. Every case, and no other page, is a gemeente or a regio:
  // "soort" with all its values keeps the results to cases without a filter
  // file of its own (at 5,000 cases every filter file costs about 14 KB).
  var KINDS = boxes.filter(function (box) { return box.name === "soort"; })
    .map(function (box) { return box.value; });
  function filtersFor(choice, without) {
    var result = {};
    groups.forEach(function (group) {
      var own = choice[group] && group !== without;
      if (group === "soort") result[group] = { any: own ? choice[group] : KINDS };
      else result[group] = own ? { any: choice[group] } : { none: [] };
    });
    return result;
  }

  function query(module, current, without) {
    var options = { filters: filtersFor(current.choice, without) };
    if (!current.words) options.sort = { datum: "desc" };
    return module.search(current.words || null, options);
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function showCounts(main, perGroup) {
    boxes.forEach(function (box) {
      var counts = (perGroup[box.name] || main.filters)[box.name] || {};
      countOf(box).textContent = "(" + (counts[box.value] || 0) + ")";
    });
  }

  function showResults(pages, words) {
    list.textContent = "";
    pages.forEach(function (data) {
      var item = element("li", "praktijk");
      var heading = element("h3", "praktijk__titel");
      var link = element("a", null, data.meta.title);
      link.href = data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      if (data.meta.plaats) item.appendChild(element("p", "praktijk__plaats", data.meta.plaats));
      var summary = element("p", "praktijk__samenvatting");
      if (words) summary.innerHTML = data.excerpt; // Pagefind escapes the text; only <mark> is markup
      else summary.textContent = data.meta.samenvatting || "";
      item.appendChild(summary);
      list.appendChild(item);
    });
  }

  function pageLink(current, page, label, hiddenLabel) {
    var link = element("a", null, label);
    link.href = addressFor({ words: current.words, choice: current.choice, page: page });
    if (hiddenLabel) link.insertBefore(element("span", "visueel-verborgen", hiddenLabel), link.firstChild);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(page, true).then(function () { status.focus(); });
    });
    return link;
  }

  function showPaging(current, total) {
    paging.textContent = "";
    if (total <= 1) return;
    var nav = element("nav", "paginering");
    nav.setAttribute("aria-label", paging.getAttribute("data-lijst"));
    var items = element("ul", "paginering__lijst");
    function add(node) { var li = element("li"); li.appendChild(node); items.appendChild(li); }
    if (current.page > 1) add(pageLink(current, current.page - 1, paging.getAttribute("data-vorige")));
    for (var page = 1; page <= total; page += 1) {
      var near = page === 1 || page === total || Math.abs(page - current.page) <= 2;
      if (!near) {
        if (page === 2 || page === total - 1) { var gap = element("li", null, "…"); gap.setAttribute("aria-hidden", "true"); items.appendChild(gap); }
        continue;
      }
      if (page === current.page) {
        var here = element("span", null, String(page));
        here.setAttribute("aria-current", "page");
        add(here);
      } else {
        add(pageLink(current, page, String(page), paging.getAttribute("data-pagina") + " "));
      }
    }
    if (current.page < total) add(pageLink(current, current.page + 1, paging.getAttribute("data-volgende")));
    nav.appendChild(items);
    paging.appendChild(nav);
  }

  function restoreInitial() {
    list.innerHTML = initial.list;
    paging.innerHTML = initial.paging;
    status.textContent = initial.status;
    boxes.forEach(function (box, index) { countOf(box).textContent = initial.counts[index]; });
  }

  // Runs the finder for `page` with what the form says now.
  function go(page, remember) {
    var current = state(page);
    var ticket = ++latest;
    if (remember) window.history.pushState(null, "", addressFor(current));
    if (isEmpty(current) && current.page === 1) { restoreInitial(); return Promise.resolve(); }
    status.textContent = text("bezig");
    return load().then(function (module) {
      var withChoice = groups.filter(function (group) { return current.choice[group]; });
      return Promise.all([query(module, current, null)].concat(
        withChoice.map(function (group) { return query(module, current, group); })
      )).then(function (answers) {
        if (ticket !== latest) return null; // a newer choice is running
        var perGroup = {};
        withChoice.forEach(function (group, index) { perGroup[group] = answers[index + 1].filters; });
        var main = answers[0];
        var total = main.results.length;
        var pages = Math.max(1, Math.ceil(total / PER_PAGE));
        current.page = Math.min(current.page, pages);
        showCounts(main, perGroup);
        var slice = main.results.slice((current.page - 1) * PER_PAGE, current.page * PER_PAGE);
        return Promise.all(slice.map(function (result) { return result.data(); })).then(function (data) {
          if (ticket !== latest) return;
          showResults(data, current.words);
          showPaging(current, pages);
          var key = total === 0 ? "geen" : total === 1 ? "een" : "meer";
          status.textContent = text(key, { n: total }) +
            (pages > 1 ? " (" + text("pagina", { p: current.page, t: pages }) + ")" : "");
        });
      });
    }).catch(function () { status.textContent = text("fout"); });
  }

  var typing = null;
  field.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { go(1, true); }, 300);
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") go(1, true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    go(1, true);
  });
  document.getElementById("wis-filters").addEventListener("click", function () {
    field.value = "";
    boxes.forEach(function (box) { box.checked = false; });
    go(1, true);
    status.focus();
  });
  window.addEventListener("popstate", function () { go(readAddress(), false); });
  form.hidden = false;
  status.tabIndex = -1;
  var page = readAddress();
  if (!isEmpty(state(page)) || page > 1) go(page, false);
})();
