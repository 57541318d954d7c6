// The editor's checker: the rules of `check` (scripts/sitegen/check/load.py,
// schema_rules.py, content_rules.py) on the same data, giving the same problem
// codes, fields and values. Problems are data here too; words.js words them
// from the same message table.
import Ajv2020 from "ajv/dist/2020.js";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from "yaml";
import { closest } from "./difflib.js";

// YAML 1.1 as PyYAML reads it (yes/no are booleans), but dates stay text, as in load.py.
export const YAML_OPTIONS = {
  version: "1.1",
  customTags: (tags) => tags.filter((tag) => tag.tag !== "tag:yaml.org,2002:timestamp"),
};

const problem = (code, field = [], values = {}, at = [1, 1], severity = "fout") =>
  ({ code, field, values, line: at[0], column: at[1], severity });

export function jsonType(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "array";
  return "object";
}

function regex(rules, name) {
  const entry = rules[name];
  return new RegExp(entry.patroon, (entry.vlaggen || "") + "g");
}

function position(text, offset) {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return [text.slice(0, offset).split("\n").length, offset - start + 1];
}

// Where each value and key stands: path (joined with \u0000) -> [line, column].
function indexPositions(node, counter, path, values, keys, scalars) {
  const at = (offset) => { const p = counter.linePos(offset); return [p.line, p.col]; };
  if (!node) return;
  values.set(path.join("\u0000"), at(node.range[0]));
  if (isScalar(node)) scalars.set(path.join("\u0000"), node.source ?? String(node.value));
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const inner = [...path, key];
      if (pair.key && pair.key.range) keys.set(inner.join("\u0000"), at(pair.key.range[0]));
      indexPositions(pair.value, counter, inner, values, keys, scalars);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => indexPositions(item, counter, [...path, index], values, keys, scalars));
  }
}

class Loaded {
  constructor() { this.values = new Map(); this.keys = new Map(); this.scalars = new Map(); this.data = null; }
  positionOf(path, key = false) {
    let at = [...path];
    for (;;) {
      const id = at.join("\u0000");
      const table = key && this.keys.has(id) ? this.keys : this.values;
      if (table.has(id)) return table.get(id);
      if (!at.length) return [1, 1];
      at = at.slice(0, -1);
    }
  }
  problem(code, field, values = {}, at = null, key = false) {
    return problem(code, field, values, this.positionOf(at || field, key));
  }
}

// load.py: the checks on the text itself, then the YAML.
export function loadText(text, gegevens) {
  const loaded = new Loaded();
  const problems = [];
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > gegevens.max_kb * 1024) {
    problems.push(problem("bestand_te_groot", [], { aantal: Math.floor(bytes / 1024), limiet: gegevens.max_kb }));
    return { loaded, problems };
  }
  const broken = text.indexOf("\ufffd");  // what a browser makes of bytes that are not UTF-8
  if (broken !== -1) {
    problems.push(problem("geen_utf8", [], {}, position(text, broken)));
    return { loaded, problems };
  }
  text = text.replace(/^\ufeff/, "");
  if (!text.trim()) return { loaded, problems: [problem("leeg_bestand")] };
  for (const match of text.matchAll(/^ *\t/gm)) {
    problems.push(problem("tab_inspringing", [], {}, position(text, match.index + match[0].length - 1)));
  }
  for (const match of text.matchAll(/[\u2028\u2029\x85]|\r(?!\n)/g)) {
    problems.push(problem("vreemd_regeleinde", [], {}, position(text, match.index)));
  }
  if (problems.length) return { loaded, problems };

  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: counter, uniqueKeys: false });
  const at = (offset) => { const p = counter.linePos(offset); return [p.line, p.col]; };
  const list = Array.isArray(documents) ? documents : [documents];
  if (list.length > 1) {
    problems.push(problem("meerdere_documenten", [], {}, at(list[1].range[0])));
    return { loaded, problems };
  }
  const document = list[0];
  if (document.errors.length) {
    // As load.py points: a key running over two lines at its colon; a quote or
    // bracket that is never closed where it was opened, not where the file ends.
    const error = document.errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY") || document.errors[0];
    const offset = error.code === "MULTILINE_IMPLICIT_KEY" ? error.pos[1] : opening(document, error.pos[0]);
    const detail = gegevens.yaml_uitleg[gegevens.yaml_fouten_editor[error.code] || "onbekend"];
    problems.push(problem("yaml_syntax", [], { detail }, at(offset)));
    return { loaded, problems };
  }
  let stop = false;
  visit(document, (key, node) => {
    if (stop) return visit.BREAK;
    if (isAlias(node)) {
      problems.push(problem("yaml_verwijzing", [], {}, at(node.range[0])));
      stop = true;
      return visit.BREAK;
    }
    if (node && node.tag && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) {  // only explicit tags
      problems.push(problem("yaml_label", [], { waarde: node.tag.replace("tag:yaml.org,2002:", "!!") },
                            at(node.range[0])));
    }
    return undefined;
  });
  if (problems.length) return { loaded, problems };
  // Duplicate keys: reported at the second one, the last one counts (as PyYAML does).
  const walk = (node, path) => {
    if (isMap(node)) {
      const seen = new Map();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const where = at(pair.key.range[0]);
        if (seen.has(key)) {
          problems.push(problem("dubbele_sleutel", [...path, key], { regel: seen.get(key) }, where));
        } else {
          seen.set(key, where[0]);
        }
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(document.contents, []);
  if (problems.length) return { loaded, problems };
  indexPositions(document.contents, counter, [], loaded.values, loaded.keys, loaded.scalars);
  loaded.data = document.toJS({ maxAliasCount: 0 });
  if (loaded.data === null || loaded.data === undefined) return { loaded, problems: [problem("leeg_bestand")] };
  if (jsonType(loaded.data) !== "object") {
    return { loaded, problems: [problem("geen_mapping", [], { gevonden: jsonType(loaded.data) })] };
  }
  return { loaded, problems };
}

// The start of the innermost quoted text or [ ] / { } that holds ``offset``, else ``offset``.
function opening(document, offset) {
  let best = null;
  visit(document, (key, node) => {
    if (!node || !node.range) return;
    const quoted = isScalar(node) && /^QUOTE_/.test(node.type || "");
    const flow = (isMap(node) || isSeq(node)) && node.flow;
    if ((quoted || flow) && node.range[0] <= offset && offset <= node.range[2] + 1 && (best === null || node.range[0] > best)) {
      best = node.range[0];
    }
  });
  return best === null ? offset : best;
}

// JSON Schema's "date" (RFC 3339 full-date), as Python's jsonschema checks it: a real day.
function isDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

let validator = null;
function validate(gegevens, data) {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat("date", isDate);
    validator = ajv.compile(gegevens.schema);
  }
  validator(data);
  return validator.errors || [];
}

function pathOf(pointer) {
  return pointer.split("/").slice(1).map((part) => {
    const name = part.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(name) ? Number(name) : name;
  });
}

function subSchema(schema, path) {
  let node = schema;
  for (const part of path) {
    node = typeof part === "number" ? node.items : (node.properties || {})[part];
    if (!node) return {};
  }
  return node;
}

function exampleFor(schema, key) {
  const examples = ((schema.properties || {})[key] || {}).examples;
  if (!examples) return { voorbeeld: "..." };
  return Array.isArray(examples[0]) ? { voorbeeld_lijst: String(examples[0][0]) } : { voorbeeld: String(examples[0]) };
}

function py(value) {  // str() of a value as Python prints it
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  return String(value);
}

// schema_rules.py: one ajv error becomes zero or more problems.
function translate(loaded, gegevens, error) {
  const path = pathOf(error.instancePath);
  const kind = error.keyword;
  const instance = path.reduce((value, part) => (value == null ? value : value[part]), loaded.data);
  const schema = subSchema(gegevens.schema, path);
  const provinces = () => gegevens.provincies;
  if (instance === "" && ["minLength", "enum", "pattern"].includes(kind)) {
    return [kind === "enum"
      ? loaded.problem("leeg", path, { kies_uit: path[0] === "provincie" ? provinces() : error.params.allowedValues.map(String) })
      : loaded.problem("leeg", path, { beschrijving: schema.description || "" })];
  }
  if (kind === "type") {
    const expected = error.params.type;
    if (expected === "string" && typeof instance === "boolean") {
      return [loaded.problem("ja_nee_valkuil", path, { waarde: loaded.scalars.get(path.join("\u0000")) ?? py(instance) })];
    }
    if (expected === "string" && typeof instance === "number") return [loaded.problem("getal_valkuil", path, { waarde: py(instance) })];
    if (expected === "array" && ["string", "number", "boolean"].includes(typeof instance)) {
      return [loaded.problem("lijst_verwacht", path, { waarde: py(instance) })];
    }
    return [loaded.problem("verkeerd_type", path, { verwacht: expected, gevonden: jsonType(instance),
                                                     hulp: instance === null ? "null" : expected })];
  }
  if (kind === "required") {
    const missing = error.params.missingProperty;
    return [loaded.problem("ontbrekende_sleutel", [...path, missing], { veld: missing, ...exampleFor(schema, missing) }, path)];
  }
  if (kind === "additionalProperties") {
    const extra = error.params.additionalProperty;
    const allowed = Object.keys(schema.properties || {});
    return [loaded.problem("onbekende_sleutel", [...path, extra], { suggestie: closest(extra, allowed), toegestaan: allowed },
                           null, true)];
  }
  if (kind === "enum") {
    if (path[0] === "provincie") {
      return [loaded.problem("onbekende_provincie", path, { waarde: py(instance), suggestie: closest(py(instance), provinces()),
                                                             kies_uit: provinces() })];
    }
    const allowed = error.params.allowedValues.map(String);
    return [loaded.problem("onbekende_term", path.slice(0, 1), { waarde: py(instance), suggestie: closest(py(instance), allowed),
                                                                  kies_uit: allowed }, path)];
  }
  if (kind === "minItems") return [loaded.problem("te_weinig", path, { aantal: instance.length, limiet: error.params.limit })];
  if (kind === "uniqueItems") {
    const seen = new Set(), found = [];
    instance.forEach((item, index) => {
      const marker = JSON.stringify(item);
      if (seen.has(marker)) found.push(loaded.problem("dubbel_in_lijst", path, { waarde: py(item) }, [...path, index]));
      seen.add(marker);
    });
    return found;
  }
  if (kind === "minLength" || kind === "maxLength") {
    return [loaded.problem(kind === "minLength" ? "te_kort" : "te_lang", path,
                           { aantal: [...instance].length, limiet: error.params.limit })];
  }
  if (kind === "format") return [loaded.problem("ongeldige_datum", path, { waarde: py(instance) })];
  if (kind === "pattern") return [loaded.problem(schema["x-melding"] || "ongeldige_url", path, { waarde: py(instance) })];
  if (kind === "minimum" || kind === "maximum") {
    return [loaded.problem("getal_buiten_bereik", path, { waarde: py(instance), minimum: String(schema.minimum),
                                                           maximum: String(schema.maximum) })];
  }
  return [loaded.problem("schema_overig", path)];
}

function* strings(value, path = []) {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...path, i]);
  else if (value && typeof value === "object") for (const [k, item] of Object.entries(value)) yield* strings(item, [...path, k]);
}

// content_rules.py, with the patterns of regels.yaml.
function contentProblems(loaded, gegevens) {
  const rules = gegevens.regels;
  const found = [];
  const data = loaded.data;
  if (!("gemeente" in data) && !("regio" in data)) found.push(loaded.problem("gemeente_of_regio", ["gemeente"], {}, []));
  if (typeof data.samenvatting === "string" && new RegExp(rules.alineas.patroon).test(data.samenvatting.trim())) {
    found.push(loaded.problem("platte_tekst", ["samenvatting"]));
  }
  if (typeof data.gepubliceerd === "string" && typeof data.bijgewerkt === "string" && data.bijgewerkt < data.gepubliceerd) {
    found.push(loaded.problem("bijgewerkt_voor_gepubliceerd", ["bijgewerkt"], { waarde: data.bijgewerkt, naam: data.gepubliceerd }));
  }
  for (const [path, text] of strings(data)) {
    const html = regex(rules, "html").exec(text);
    const autolinks = [...text.matchAll(regex(rules, "autolink"))].map((m) => m[1]);
    if (html && !autolinks.some((a) => text.slice(html.index).startsWith(`<${a}>`))) {
      found.push(loaded.problem("html_in_tekst", path, { waarde: text.slice(html.index, html.index + 30).split("\n")[0] }));
    }
    const targets = [...text.matchAll(regex(rules, "markdown_link"))].map((m) => m[1])
      .concat([...text.matchAll(regex(rules, "referentie_link"))].map((m) => m[1]), autolinks);
    const safe = new RegExp(rules.veilige_link.patroon, rules.veilige_link.vlaggen || "");
    for (const target of targets) {
      if (!safe.test(target)) found.push(loaded.problem("onveilige_link", path, { waarde: target.slice(0, 60) }));
    }
  }
  return found;
}

// check/passages.py without the source documents (GitHub checks the passages themselves):
// a citation points at a lesson, result or fact the case has, and at one of its sources.
function citationProblems(loaded, gegevens) {
  const data = loaded.data;
  if (!Array.isArray(data.citaten)) return [];
  const facts = Object.entries(gegevens.schema.properties).filter(([, p]) => p["x-kort"]).map(([k]) => k);
  const lessons = Array.isArray(data.lessen) ? data.lessen.length : 0;
  const results = typeof data.resultaten === "string" && data.resultaten.trim()
    ? ((data.resultaten.match(/^- /gm) || []).length || 1) : 0;
  const sources = Array.isArray(data.bronnen) ? data.bronnen.length : 0;
  const found = [];
  data.citaten.forEach((citation, index) => {
    if (!citation || typeof citation !== "object" || typeof citation.bij !== "string") return;
    const item = /^(les|resultaat) (\d+)$/.exec(citation.bij);
    const there = item ? Number(item[2]) <= (item[1] === "les" ? lessons : results)
      : facts.includes(citation.bij) && ![undefined, null, ""].includes(data[citation.bij])
        && !(Array.isArray(data[citation.bij]) && !data[citation.bij].length);
    if (!there && (item || facts.includes(citation.bij))) {
      found.push(loaded.problem("citaat_bij_ontbreekt", ["citaten", index, "bij"], { waarde: citation.bij }));
    }
    const number = "bron" in citation ? citation.bron : 1;
    if (Number.isInteger(number) && typeof number !== "boolean" && number > sources) {
      found.push(loaded.problem("citaat_bron_ontbreekt", ["citaten", index, "bron"], { waarde: number, aantal: sources }));
    }
  });
  return found;
}

function unique(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const id = JSON.stringify([p.code, p.field, p.values, p.line, p.column]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// All problems of a case given as data (the form) or as text (an imported file).
export function checkData(data, gegevens, loaded = null) {
  const target = loaded || Object.assign(new Loaded(), { data });
  const found = [];
  for (const error of validate(gegevens, target.data)) found.push(...translate(target, gegevens, error));
  found.push(...contentProblems(target, gegevens));
  found.push(...citationProblems(target, gegevens));
  return unique(found);
}

export function checkText(text, gegevens) {
  const { loaded, problems } = loadText(text, gegevens);
  if (problems.length || !loaded.data) return { data: loaded.data, problems };
  return { data: loaded.data, problems: checkData(loaded.data, gegevens, loaded) };
}
