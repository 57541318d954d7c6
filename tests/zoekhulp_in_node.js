// Runs the browser's search (docs/assets/zoekhulp.js) under Node on a built
// site, for tests/test_search.py: reads {site, queries, words} as JSON on
// stdin, writes per query what Zoekhulp.find answers and per word its
// forms and splits, as JSON on stdout. fetch reads the site's files.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf-8"));
const site = input.site;
const context = {
  window: {},
  document: {},
  URL, URLSearchParams, Promise, console,
  fetch: (address) => {
    const file = path.join(site, decodeURIComponent(address));
    return Promise.resolve(fs.existsSync(file)
      ? { ok: true, status: 200, json: () => Promise.resolve(JSON.parse(fs.readFileSync(file, "utf-8"))) }
      : { ok: false, status: 404, json: () => Promise.reject(new Error("404")) });
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(__dirname, "..", "docs", "assets", "zoekhulp.js"), "utf-8"), context);
const help = context.window.Zoekhulp;

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "woorden", "index.json"), "utf-8"));
  const rule = index.regels;
  const answers = [];
  for (const query of input.queries) {
    const found = await help.find("/woorden/", query);
    const words = {};
    found.words.forEach((one) => { words[one.word] = Object.keys(one.pages).map(Number).sort((a, b) => a - b); });
    answers.push({ cases: found.cases, pages: found.pages.map((n) => "/" + index.paginas[n][0]), words,
                   ignored: found.ignored });
  }
  const words = input.words.map((word) => ({ forms: help.forms(word, rule), splits: help.splits(word, rule),
                                             tokens: help.words(word) }));
  process.stdout.write(JSON.stringify({ answers, words }));
})().catch((problem) => { console.error(problem); process.exit(1); });
