// Search through every page on /zoeken/, on the site's word index (woorden/)
// with the same rule as the finder (zoekhulp.js): the same words give the
// same cases in both places; the other pages are counted apart. A case is
// drawn from the finder's card (title, place, date, summary), another page
// from the index (title, description); the words found are marked. When not
// every word finds a page, the block under the count says what each finds
// alone and offers close words.
(function () {
  "use strict";
  var form = document.getElementById("zoekpagina");
  var field = document.getElementById("zoekpagina-veld");
  var status = document.getElementById("zoekstatus");
  var list = document.getElementById("zoekresultaten");
  var more = document.getElementById("meer-resultaten");
  var advice = document.getElementById("zoekhulp");
  if (!form || !field || !status || !list || !more || !advice) return;
  var PAGE_SIZE = 10;
  var help = window.Zoekhulp;
  var element = help.element;
  var home = new URL(form.getAttribute("data-woorden") + "../", window.location.href).pathname;
  var WORDS = new URL(form.getAttribute("data-woorden"), window.location.href).pathname;
  var COLUMNS = new URL(form.getAttribute("data-kolommen"), window.location.href).pathname;
  var CARDS = new URL(form.getAttribute("data-kaarten"), window.location.href).pathname;
  var cardKeys = null; // per case position the key of its card (vinder.json), once fetched
  var results = [];
  var shown = 0;
  var latest = 0;
  var answer = null;

  function say(key, text) {
    status.textContent = status.getAttribute("data-" + key).replace("{q}", text);
  }

  // "3 praktijken en 2 andere pagina's gevonden voor ‘wijk’": cases and other pages apart.
  function sayFound(cases, others, text) {
    function words(key, n) { return status.getAttribute("data-" + key + (n === 1 ? "-een" : "-meer")).replace("{n}", n); }
    var found = cases && others ? words("praktijk", cases) + " " + status.getAttribute("data-en") + " " + words("pagina", others)
      : cases ? words("praktijk", cases) : words("pagina", others);
    status.textContent = status.getAttribute("data-gevonden").replace("{wat}", found).replace("{q}", text);
  }

  function keys() {
    if (!cardKeys) {
      cardKeys = help.getJson(COLUMNS, true).then(help.cardKeys);
      cardKeys.catch(function () { cardKeys = null; });
    }
    return cardKeys;
  }

  // What one result shows: {title, address, place, date, text}.
  function draw(result) {
    if (result.page !== undefined) {
      var page = answer.index.paginas[result.page];
      return Promise.resolve({ title: page[1], address: home + page[0], text: page[2] });
    }
    return keys().then(function (all) { return help.getJson(CARDS + all[result.case] + ".json"); })
      .then(function (card) {
        return { title: card.titel, address: home + card.adres, place: card.plaats, date: card.datum,
                 dateText: card.datum_tekst, text: card.samenvatting };
      });
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    var first = shown;
    var ticket = latest;
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(draw)).then(function (drawn) {
      if (ticket !== latest) return;
      var rule = answer.rule;
      drawn.forEach(function (data, index) {
        var item = element("li", "zoekresultaat");
        var heading = element("h2", "zoekresultaat__titel");
        var link = element("a");
        help.marked(link, data.title, answer.keys, rule);
        link.href = data.address;
        heading.appendChild(link);
        item.appendChild(heading);
        if (data.place) {
          var where = element("p", "zoekresultaat__plaats", data.place + " · ");
          var when = element("time", null, data.dateText);
          when.setAttribute("datetime", data.date);
          where.appendChild(when);
          item.appendChild(where);
        }
        var snippet = help.marked(element("p", "zoekresultaat__fragment"), data.text, answer.keys, rule);
        item.appendChild(snippet);
        if (!item.querySelector("mark")) { // the words are further on the page: say so, not nothing
          item.appendChild(element("p", "zoekresultaat__elders", status.getAttribute("data-elders")));
        }
        list.appendChild(item);
        if (first > 0 && index === 0) link.focus(); // "more" moves focus to the first new result
      });
    });
  }

  function go(query) {
    window.history.pushState(null, "", "?q=" + encodeURIComponent(query));
    field.value = query;
    search(query).then(function () { status.focus(); });
  }

  function search(text) {
    var ticket = ++latest;
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    help.advise(advice, null, {});
    if (!text.trim()) { status.textContent = ""; return Promise.resolve(); }
    say("bezig", text);
    return help.find(WORDS, text).then(function (found) {
      if (ticket !== latest) return null; // a newer query is running
      answer = found;
      results = found.cases.map(function (position) { return { case: position }; })
        .concat(found.pages.map(function (number) { return { page: number }; }));
      if (results.length === 0) say("geen", text);
      else sayFound(found.cases.length, found.pages.length, text);
      return Promise.all([showMore(), help.advise(advice, results.length ? null : found, {
        count: function (pages) { return pages.length; },
        href: function (words) { return "?q=" + encodeURIComponent(words); },
        show: go,
      })]);
    }).catch(function () { if (ticket === latest) say("fout", text); });
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
  status.tabIndex = -1;
  fromAddress();
})();
