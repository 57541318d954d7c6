// What both search boxes share, written once: the finder on the overview
// (vinder.js, where the header box and the home page's box lead) and the
// search through every page on /zoeken/ (zoeken.js).
//
// - Which page a word finds: the rule of scripts/sitegen/data/zoeken.yaml,
//   read from the word index itself (woorden/index.json), applied here to
//   what is typed and by scripts/sitegen/builder/search.py to every page.
//   A word finds a page when its key (its Dutch base form: accents folded,
//   one plural or diminutive ending cut) is one of the page's keys, or when
//   the word is a compound whose two parts are both keys of the page. Every
//   word must find the page; stop words and words under three letters are
//   left out, and said so.
// - Only the index files of the query's keys are loaded (one per first two
//   letters), each once per page.
// - DOM helpers, marked text and the numbered page links of a result list.
window.Zoekhulp = (function () {
  "use strict";
  var TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu; // as search.TOKEN: a hyphen splits
  var LINK_TARGET = /\]\([^)]*\)|https?:\/\/\S+/g;
  var LONG_VOWEL = /(^|[^aeiou])([aeiou])\2([^aeiou])$/;
  var root = null; // the word index's folder, an address ending in /
  var meta = null; // index.json, once fetched
  var shards = {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fold(word) {
    return word.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  function cut(word, rule) {
    for (var i = 0; i < rule.uitgangen.length; i += 1) {
      var ending = rule.uitgangen[i];
      var rest = word.length - ending.length;
      if (word.slice(-ending.length) === ending && rest >= rule.min_stam &&
          !((ending === "e" || ending === "en") && word.charAt(rest - 1) === "e")) return word.slice(0, rest);
    }
    return word;
  }

  // The key a word is searched by (search.key); null for a stop word or a short one.
  function key(word, rule) {
    word = word.replace(/’/g, "'");
    var apostrophePlural = word.toLowerCase().slice(-2) === "'s";
    var folded = fold(apostrophePlural ? word.slice(0, -2) : word);
    if (folded.length < rule.min_lengte || rule.stopwoorden.indexOf(folded) !== -1) return null;
    var stem = apostrophePlural ? folded : cut(folded, rule);
    var last = stem.charAt(stem.length - 1);
    if (stem.length > 1 && last === stem.charAt(stem.length - 2) && "aeiou".indexOf(last) === -1) stem = stem.slice(0, -1);
    last = stem.charAt(stem.length - 1);
    if (last === "v") stem = stem.slice(0, -1) + "f";
    if (last === "z") stem = stem.slice(0, -1) + "s";
    return stem.replace(LONG_VOWEL, "$1$2$3");
  }

  // The keys a word stands for (search.forms): its own, and for a word
  // ending in s also that of the word without it.
  function forms(word, rule) {
    var own = key(word, rule);
    if (own === null) return [];
    var found = [own];
    if (fold(word).slice(-1) === "s" && word.replace(/\u2019/g, "'").toLowerCase().slice(-2) !== "'s") {
      var shorter = key(fold(word).slice(0, -1), rule);
      if (shorter !== null && shorter !== own) found.push(shorter);
    }
    return found;
  }

  // Every way to read a word as two parts, as key pairs (search.splits).
  function splits(word, rule) {
    var folded = fold(word);
    var pairs = [];
    var seen = {};
    for (var at = rule.min_deel; at <= folded.length - rule.min_deel; at += 1) {
      var left = key(folded.slice(0, at), rule);
      if (left === null) continue;
      var rest = folded.slice(at);
      rule.verbindingen.forEach(function (link) {
        if (rest.slice(0, link.length) !== link || rest.length - link.length < rule.min_deel) return;
        var right = key(rest.slice(link.length), rule);
        if (right !== null && !seen[left + " " + right]) { seen[left + " " + right] = true; pairs.push([left, right]); }
      });
    }
    return pairs;
  }

  function words(text) { return text.replace(LINK_TARGET, "] ").match(TOKEN) || []; }

  // The JSON at `address`; `fresh`: always the deployed version (a 304 when unchanged),
  // for the files whose numbers name this deploy's cards and index files.
  function getJson(address, fresh) {
    return fetch(address, fresh ? { cache: "no-cache" } : {}).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  // `folder`: the word index's address (data-woorden of the page), ending in /.
  function start(folder) {
    if (!meta || root !== folder) {
      root = folder;
      shards = {};
      meta = getJson(folder + "index.json", true);  // its page numbers name this deploy's cases
      meta.catch(function () { meta = null; }); // try again next time
    }
    return meta;
  }

  function shard(name) {
    return meta.then(function (index) {
      if (index.delen.indexOf(name) === -1) return {}; // no key starts so: a word found nowhere
      if (!shards[name]) {
        shards[name] = getJson(root + name + ".json");
        shards[name].catch(function () { delete shards[name]; }); // try again next time
      }
      return shards[name];
    });
  }

  // A key's entry: [usual spelling, page numbers, page numbers with it in the title], decoded.
  function entry(found) {
    return shard(found.slice(0, 2)).then(function (keys) {
      var raw = keys[found];
      if (!raw) return null;
      function undelta(deltas) {
        var total = 0;
        return deltas.map(function (delta) { total += delta; return total; });
      }
      return { key: found, word: raw[0], pages: undelta(raw[1]), title: undelta(raw[2]) };
    });
  }

  // What one word finds: {word, key, forms, pages: {number: weight}, keys: the keys that matched}.
  // The weight ranks: the word itself in the title 4, elsewhere 3; its two
  // parts (a compound read apart) both in the title 2, elsewhere 1.
  function findWord(word, rule) {
    var own = forms(word, rule);
    // The parts in two rounds: a right part is looked up only where its left part is a key,
    // so a long word loads a few index files, not one per way to cut it.
    var pairs = splits(word, rule);
    var lefts = Promise.all(pairs.map(function (pair) { return entry(pair[0]); }));
    var parts = lefts.then(function (found) {
      return Promise.all(pairs.map(function (pair, index) {
        return found[index] ? entry(pair[1]).then(function (right) { return [found[index], right]; }) : [null, null];
      }));
    });
    return Promise.all([Promise.all(own.map(entry)), parts]).then(function (both) {
      var found = [both[0]].concat(both[1]);
      var pages = {};
      var keys = [];
      function add(number, weight) { if (!(pages[number] >= weight)) pages[number] = weight; }
      found[0].forEach(function (one) {
        if (!one) return;
        keys.push(one.key);
        one.pages.forEach(function (number) { add(number, 3); });
        one.title.forEach(function (number) { add(number, 4); });
      });
      found.slice(1).forEach(function (pair) {
        if (!pair[0] || !pair[1]) return;
        var right = {};
        var rightTitle = {};
        pair[1].pages.forEach(function (number) { right[number] = true; });
        pair[1].title.forEach(function (number) { rightTitle[number] = true; });
        var leftTitle = {};
        pair[0].title.forEach(function (number) { leftTitle[number] = true; });
        var any = false;
        pair[0].pages.forEach(function (number) {
          if (!right[number]) return;
          any = true;
          add(number, leftTitle[number] && rightTitle[number] ? 2 : 1);
        });
        if (any) keys.push(pair[0].key, pair[1].key);
      });
      return { word: word, key: own[0], forms: own, pages: pages, keys: keys };
    });
  }

  // The answer to a query: {cases, pages: the other pages' numbers from 0,
  // words: what each searched word finds, ignored: the words left out,
  // keys: every key that matched}. Best match first (the sum of the words'
  // weights), then in the index's order (cases newest first).
  function find(folder, text) {
    return start(folder).then(function (index) {
      var rule = index.regels;
      var searched = [];
      var ignored = [];
      words(text).forEach(function (word) {
        if (key(word, rule) === null) ignored.push(word);
        else if (searched.indexOf(word.toLowerCase()) === -1) searched.push(word.toLowerCase());
      });
      return Promise.all(searched.map(function (word) { return findWord(word, rule); })).then(function (found) {
        var score = {};
        if (found.length) {
          Object.keys(found[0].pages).forEach(function (number) {
            var total = 0;
            for (var i = 0; i < found.length; i += 1) {
              if (!found[i].pages[number]) return;
              total += found[i].pages[number];
            }
            score[number] = total;
          });
        }
        var order = Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
        var keys = [];
        found.forEach(function (one) { keys = keys.concat(one.keys); });
        return {
          cases: order.filter(function (number) { return number < index.praktijken; }),
          pages: order.filter(function (number) { return number >= index.praktijken; })
            .map(function (number) { return number - index.praktijken; }),
          words: found, ignored: ignored, keys: keys, index: index, rule: rule,
        };
      });
    });
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j += 1) row.push(j);
    for (var i = 1; i <= a.length; i += 1) {
      var diagonal = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j += 1) {
        var above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  // "Bedoelt u …?": words of the index close to a word that finds nothing,
  // from the index file its key is in, the most used first.
  function suggest(word, rule) {
    var wanted = key(word, rule);
    var limits = rule.suggesties;
    if (wanted === null) return Promise.resolve([]);
    var most = fold(word).length >= limits.lang_vanaf ? limits.afstand : 1;
    return shard(wanted.slice(0, 2)).then(function (keys) {
      return Object.keys(keys).map(function (found) {
        return { word: keys[found][0], count: keys[found][1].length, distance: distance(wanted, found) };
      }).filter(function (close) { return close.distance > 0 && close.distance <= most; })
        .sort(function (a, b) { return a.distance - b.distance || b.count - a.count || (a.word < b.word ? -1 : 1); })
        .slice(0, limits.max);
    });
  }

  // `text` into `container` with every word whose key, or a part's, matched in <mark>
  // (text nodes only: nothing of `text` is read as HTML).
  function marked(container, text, keys, rule) {
    var at = 0;
    text.replace(TOKEN, function (word, offset) {
      var hit = function (found) { return keys.indexOf(found) !== -1; };
      // The word itself, or a part of it: "wijkgericht" for "wijk".
      if (!forms(word, rule).some(hit) && !splits(word, rule).some(function (pair) { return pair.some(hit); })) return word;
      container.appendChild(document.createTextNode(text.slice(at, offset)));
      container.appendChild(element("mark", null, word));
      at = offset + word.length;
      return word;
    });
    container.appendChild(document.createTextNode(text.slice(at)));
    return container;
  }

  function link(label, href, onClick) {
    var anchor = element("a", null, label);
    anchor.href = href;
    anchor.addEventListener("click", function (event) { event.preventDefault(); onClick(); });
    return anchor;
  }

  // The block under the count when not every word finds a page (`answer`;
  // null hides it), worded by its data-* attributes (site.yaml filters):
  // the words left out, what each word finds alone (how.count(pages) counts
  // that as the list would), close words of the index for a word found
  // nowhere, the subjects whose names a word finds (how.subjects: label,
  // href, choose), and the page's own last line (where to go on).
  function advise(container, answer, how) {
    var last = container.querySelector(".zoekhulp__verder");
    Array.prototype.slice.call(container.children).forEach(function (child) {
      if (child !== last) container.removeChild(child);
    });
    container.hidden = !answer;
    if (!answer) return Promise.resolve();
    function say(name, text) {
      var node = element("p", "zoekhulp__" + name, text);
      container.insertBefore(node, last);
      return node;
    }
    function words(node, items) {
      items.forEach(function (item, index) {
        if (index) node.appendChild(document.createTextNode(", "));
        node.appendChild(item);
      });
    }
    var text = function (name) { return container.getAttribute("data-" + name); };
    if (answer.ignored.length) {
      say("genegeerd", text("genegeerd").replace("{w}", answer.ignored.map(function (w) { return "‘" + w + "’"; }).join(", ")));
    }
    var alone = answer.words.map(function (one) {
      return { word: one.word, count: how.count(Object.keys(one.pages).map(Number)) };
    }).filter(function (one) { return one.count > 0; });
    if (answer.words.length > 1 && alone.length) {
      words(say("per-woord", text("niet-alle") + " "), alone.map(function (one) {
        return link(text("met").replace("{w}", one.word).replace("{n}", one.count), how.href(one.word),
                    function () { how.show(one.word); });
      }));
    }
    if (how.filtered) say("filters", text("filters"));
    var nowhere = answer.words.filter(function (one) { return Object.keys(one.pages).length === 0; });
    return Promise.all(nowhere.map(function (one) { return suggest(one.word, answer.rule); }))
      .then(function (suggestions) {
        nowhere.forEach(function (one, index) {
          var said = say("nergens", text("nergens").replace("{w}", one.word));
          if (!suggestions[index].length) return;
          said.appendChild(document.createTextNode(" " + text("bedoelt") + " "));
          words(said, suggestions[index].map(function (close) {
            var query = answer.words.map(function (other) { return other === one ? close.word : other.word; }).join(" ");
            return link(close.word, how.href(query), function () { how.show(query); });
          }));
          said.appendChild(document.createTextNode("?"));
        });
        if ((how.subjects || []).length) {
          words(say("onderwerpen", text("onderwerpen") + " "), how.subjects.map(function (subject) {
            return link(subject.label, subject.href, subject.choose);
          }));
        }
      });
  }

  // Per case position the key of its card, from vinder.json (finder.py finder_index):
  // SHORT_ID characters each in `ids`, longer ones named in `lange_ids`.
  function cardKeys(raw) {
    var short = raw.ids.length / Math.max(raw.aantal, 1);
    var long = {};
    Object.keys(raw.lange_ids).forEach(function (id) { long[raw.lange_ids[id]] = id; });
    var all = [];
    for (var i = 0; i < raw.aantal; i += 1) all.push(long[i] || raw.ids.slice(i * short, (i + 1) * short));
    return all;
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

  return { element: element, forms: forms, splits: splits, words: words, find: find,
           suggest: suggest, marked: marked, advise: advise, getJson: getJson, cardKeys: cardKeys, pageLinks: pageLinks };
})();
