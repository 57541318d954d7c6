// The finder on the overview (praktijken/index.md): words and filters in one
// view. What a visitor downloads stays small at 10 or 5,000 cases:
//
// - praktijken/vinder.json (written by scripts/sitegen/builder/finder.py) holds per
//   case, newest first, a bit mask per filter group and the key of its card.
//   The filters, the counts and the order without words come from it alone.
// - Words go to the site's word index (woorden/, shared with /zoeken/ through
//   zoekhulp.js): a case is listed only when every word is in it, in a Dutch
//   form or as a part of a compound. Its page numbers are positions in
//   vinder.json. It is loaded only once someone searches on words.
// - A result is drawn from its card, praktijken/kaarten/<key>.json: title,
//   place, date and summary, a few hundred bytes.
// - When not every word finds a case, the block under the count says what
//   each word finds alone, offers close words and matching subjects, and
//   where to go on. The chosen filters show as buttons that remove them.
//
// Within a group a case needs one of the ticked values; across groups all
// must match. Each option shows how many cases ticking it would give with the
// other groups as chosen. Results come 20 to a page, newest first without
// words, best match first with words unless "Nieuwste eerst" is chosen; the
// count is announced in a live region. The state (q, the filters, volgorde,
// pagina) lives in the address, so back,
// bookmarks and mail work. Without any choice the page keeps its own static
// first page and loads nothing.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-resultaat");
  var list = document.getElementById("praktijken-lijst");
  var paging = document.getElementById("paginering");
  var field = document.getElementById("vinder-woorden");
  if (!form || !status || !list || !paging || !field) return;
  var PER_PAGE = parseInt(form.getAttribute("data-per-pagina"), 10); // site.yaml per_pagina
  var root = new URL(form.getAttribute("data-basis"), window.location.href).pathname;
  var help = window.Zoekhulp;
  // The finder's files sit beside this page (names from site.yaml, see finder.py).
  var COLUMNS = new URL(form.getAttribute("data-kolommen"), window.location.href).pathname;
  var CARDS = new URL(form.getAttribute("data-kaarten"), window.location.href).pathname;
  var WORDS = new URL(form.getAttribute("data-woorden"), window.location.href).pathname;
  var order = document.getElementById("vinder-volgorde");
  var orderLine = document.getElementById("vinder-volgorde-regel");
  var chips = document.getElementById("gekozen");
  var advice = document.getElementById("zoekhulp");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var groups = boxes.map(function (box) { return box.name; })
    .filter(function (name, index, all) { return all.indexOf(name) === index; });
  // The static first page and the counts without any choice, to return to.
  var initial = { list: list.innerHTML, paging: paging.innerHTML, status: status.textContent,
                  counts: boxes.map(function (box) { return countOf(box).textContent; }) };
  var columns = null; // vinder.json, once fetched
  var latest = 0;

  function countOf(box) { return box.parentNode.querySelector(".filters__aantal"); }

  // The option's own words: the text between its box and its count.
  function labelOf(box) { return box.nextSibling.textContent.trim(); }

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

  function state(page) {
    return { words: field.value.trim(), choice: chosen(), page: page || 1, order: order.value };
  }

  function isEmpty(current) { return !current.words && Object.keys(current.choice).length === 0; }

  function addressFor(current) {
    var params = new URLSearchParams();
    if (current.words) params.set("q", current.words);
    if (current.words && current.order) params.set("volgorde", current.order);
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
    order.value = params.get("volgorde") === "nieuwste" ? "nieuwste" : "";
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
    return Math.max(1, parseInt(params.get("pagina"), 10) || 1);
  }

  // vinder.json, decoded: per group its values and one bit mask per case;
  // per case the key of its card.
  function loadIndex() {
    if (!columns) {
      // The deployed version: its keys name the cards of this deploy.
      columns = help.getJson(COLUMNS, true).then(function (raw) {
        var count = raw.aantal;
        var decoded = { count: count, groups: {}, keys: help.cardKeys(raw) };
        Object.keys(raw.groepen).forEach(function (name) {
          var column = raw.kenmerken[name];
          var width = column.length / Math.max(count, 1);
          var masks = new Uint32Array(count);
          for (var i = 0; i < count; i += 1) masks[i] = parseInt(column.slice(i * width, (i + 1) * width), 32);
          decoded.groups[name] = { values: raw.groepen[name], masks: masks };
        });
        return decoded;
      });
      columns.catch(function () { columns = null; }); // try again on the next choice
    }
    return columns;
  }

  // Case positions for the words, best match first (or newest first); all
  // cases without words. With the answer of the word index, for the advice.
  function candidates(data, current) {
    if (!current.words) {
      var all = [];
      for (var i = 0; i < data.count; i += 1) all.push(i);
      return Promise.resolve({ positions: all, answer: null });
    }
    return help.find(WORDS, current.words).then(function (answer) {
      var positions = answer.cases.slice();
      if (current.order === "nieuwste") positions.sort(function (a, b) { return a - b; });
      return { positions: positions, answer: answer };
    });
  }

  // The cases that match every group, and per option the number of cases that
  // match every *other* group and have that option.
  function tally(data, positions, choice) {
    var wanted = {};
    var names = Object.keys(data.groups);
    names.forEach(function (name) {
      if (!choice[name]) return;
      var values = data.groups[name].values;
      wanted[name] = choice[name].reduce(function (mask, value) {
        var bit = values.indexOf(value);
        return bit === -1 ? mask : mask | (1 << bit);
      }, 0);
    });
    var counts = {};
    names.forEach(function (name) { counts[name] = new Array(data.groups[name].values.length).fill(0); });
    function add(name, position) {
      var mask = data.groups[name].masks[position];
      for (var bit = 0; mask; bit += 1, mask >>>= 1) if (mask & 1) counts[name][bit] += 1;
    }
    var matches = [];
    positions.forEach(function (position) {
      var missed = null;
      var misses = 0;
      for (var name in wanted) {
        if (!(data.groups[name].masks[position] & wanted[name])) { misses += 1; missed = name; }
      }
      if (misses === 0) {
        matches.push(position);
        names.forEach(function (name) { add(name, position); });
      } else if (misses === 1) {
        add(missed, position);
      }
    });
    return { matches: matches, counts: counts };
  }

  function loadCard(data, position) { return help.getJson(CARDS + data.keys[position] + ".json"); }

  function showCounts(data, counts) {
    boxes.forEach(function (box) {
      var group = data.groups[box.name];
      var bit = group ? group.values.indexOf(box.value) : -1;
      countOf(box).textContent = "(" + (bit === -1 ? 0 : counts[box.name][bit]) + ")";
    });
  }

  function showResults(cards) {
    list.textContent = "";
    cards.forEach(function (card) {
      var item = help.element("li", "praktijk");
      var heading = help.element("h3", "praktijk__titel");
      var link = help.element("a", null, card.titel);
      link.href = root + card.adres;
      heading.appendChild(link);
      item.appendChild(heading);
      var where = help.element("p", "praktijk__plaats", card.plaats + " · ");
      var when = help.element("time", null, card.datum_tekst);
      when.setAttribute("datetime", card.datum);
      where.appendChild(when);
      item.appendChild(where);
      item.appendChild(help.element("p", "praktijk__samenvatting", card.samenvatting));
      list.appendChild(item);
    });
  }

  // The chosen filters as buttons above the results; each unticks its box.
  function showChips() {
    chips.textContent = "";
    var ticked = boxes.filter(function (box) { return box.checked; });
    chips.hidden = ticked.length === 0;
    if (!ticked.length) return;
    var heading = help.element("p", "gekozen__kop", chips.getAttribute("data-kop"));
    heading.id = "gekozen-kop";
    var items = help.element("ul", "gekozen__lijst");
    items.setAttribute("aria-labelledby", "gekozen-kop");
    ticked.forEach(function (box) {
      var group = box.closest("fieldset").querySelector("legend").textContent;
      var label = labelOf(box);
      var button = help.element("button", "gekozen__knop");
      button.type = "button";
      button.appendChild(help.element("span", "visueel-verborgen", chips.getAttribute("data-verwijder") + " "));
      button.appendChild(document.createTextNode(group + ": " + label));
      var cross = help.element("span", "gekozen__kruis", "×");
      cross.setAttribute("aria-hidden", "true");
      button.appendChild(cross);
      button.addEventListener("click", function () {
        box.checked = false;
        showFold();
        go(1, true).then(function () { status.focus(); });
      });
      var item = help.element("li");
      item.appendChild(button);
      items.appendChild(item);
    });
    chips.appendChild(heading);
    chips.appendChild(items);
  }

  function showWords(words) {
    field.value = words;
    go(1, true).then(function () { status.focus(); });
  }

  // The filter options whose own words a query word finds.
  function subjectsFor(answer) {
    var rule = answer.rule;
    return boxes.filter(function (box) {
      return help.words(labelOf(box)).some(function (word) {
        return help.forms(word, rule).some(function (found) {
          return answer.words.some(function (one) { return one.forms.indexOf(found) !== -1; });
        });
      });
    }).map(function (box) {
      var params = new URLSearchParams();
      params.set(box.name, box.value);
      return { label: labelOf(box), href: window.location.pathname + "?" + params.toString(), choose: function () {
        field.value = "";
        boxes.forEach(function (other) { other.checked = other === box; });
        showFold();
        go(1, true).then(function () { status.focus(); });
      } };
    });
  }

  function showAdvice(data, current, answer, total) {
    var filtered = Object.keys(current.choice).length > 0;
    if (!answer && filtered) answer = { words: [], ignored: [] }; // filters alone that give none
    return help.advise(advice, total > 0 ? null : answer, {
      count: function (pages) {
        var positions = pages.filter(function (n) { return n < data.count; });
        return tally(data, positions, current.choice).matches.length;
      },
      href: function (words) { return addressFor({ words: words, choice: current.choice, page: 1, order: "" }); },
      show: showWords,
      filtered: filtered,
      subjects: answer && answer.rule ? subjectsFor(answer) : [],
    });
  }

  function showPaging(current, total) {
    help.pageLinks(paging, current.page, total, function (page) {
      return addressFor({ words: current.words, choice: current.choice, page: page, order: current.order });
    }, function (page) {
      go(page, true).then(function () { status.focus(); });
    });
  }

  // On a narrow screen the filter groups fold away behind one button that
  // says how many are ticked, so the first result shows in the first screen.
  var fold = document.getElementById("filters-tonen");
  var panel = document.getElementById("filters-paneel");
  function showFold() {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    fold.textContent = fold.getAttribute("data-tekst").replace("{n}", ticked);
  }
  fold.hidden = false;
  fold.addEventListener("click", function () {
    var open = fold.getAttribute("aria-expanded") !== "true";
    fold.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("filters__paneel--dicht", !open);
  });
  panel.classList.add("filters__paneel--dicht");
  form.addEventListener("change", showFold);

  // The same words through every page of the site, on /zoeken/.
  var elsewhere = document.getElementById("ook-zoeken");
  function showElsewhere(words) {
    var link = elsewhere.querySelector("a");
    link.href = link.href.split("?")[0] + (words ? "?q=" + encodeURIComponent(words) : "");
    elsewhere.hidden = !words;
  }

  function restoreInitial() {
    showElsewhere("");
    showChips();
    advice.hidden = true;
    orderLine.hidden = true;
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
    return loadIndex().then(function (data) {
      return candidates(data, current).then(function (searched) {
        if (ticket !== latest) return null; // a newer choice is running
        var found = tally(data, searched.positions, current.choice);
        var total = found.matches.length;
        var pages = Math.max(1, Math.ceil(total / PER_PAGE));
        current.page = Math.min(current.page, pages);
        var slice = found.matches.slice((current.page - 1) * PER_PAGE, current.page * PER_PAGE);
        return Promise.all(slice.map(function (position) { return loadCard(data, position); }))
          .then(function (cards) {
            if (ticket !== latest) return;
            showCounts(data, found.counts);
            showResults(cards);
            showPaging(current, pages);
            var key = total === 0 ? "geen" : total === 1 ? "een" : "meer";
            status.textContent = text(key, { n: total }) +
              (pages > 1 ? " (" + text("pagina", { p: current.page, t: pages }) + ")" : "");
            showElsewhere(current.words);
            showChips();
            orderLine.hidden = !current.words || total < 2;  // nothing to order
            return showAdvice(data, current, searched.answer, total);
          });
      });
    }).catch(function () { if (ticket === latest) status.textContent = text("fout"); });
  }

  var typing = null;
  field.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { go(1, true); }, 300);
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") go(1, true);
  });
  order.addEventListener("change", function () { go(1, true); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    go(1, true);
  });
  document.getElementById("wis-filters").addEventListener("click", function () {
    field.value = "";
    order.value = "";
    boxes.forEach(function (box) { box.checked = false; });
    showFold();
    go(1, true);
    status.focus();
  });
  window.addEventListener("popstate", function () { go(readAddress(), false).then(showFold); });
  // Fetch the filter columns as soon as someone reaches for the form.
  form.addEventListener("focusin", function () { loadIndex(); }, { once: true });
  form.setAttribute("data-klaar", ""); // the form answers from now on
  status.tabIndex = -1;
  var page = readAddress();
  showFold();
  if (!isEmpty(state(page)) || page > 1) go(page, false);
})();
