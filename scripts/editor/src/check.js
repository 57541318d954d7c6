// The editor's checker: the rules of `check` (scripts/sitegen/check/load.py,
// schema_rules.py, content_rules.py) on the same data, giving the same problem
// codes, fields and values. Problems are data here too; words.js words them
// from the same message table.
import Ajv2020 from "ajv/dist/2020.js";
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from "yaml";
import { closest } from "./difflib.js";

// YAML 1.1 as PyYAML reads it (resolver.py): which plain words are booleans and numbers.
// The YAML library's 1.1 schema is wider: y/n are booleans there, 1e3 and -.5 numbers, 09
// an integer; in PyYAML they stay text. Dates stay text too, as in load.py.
const PYYAML_WORDS = {
  true: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  false: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  "float:EXP": /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*[eE][-+][0-9]+)$/,
  "float:": /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/,
  "int:": /^[-+]?(?:0|[1-9][0-9_]*)$/,
  "int:TIME": /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
};
// PyYAML's float: what json_type calls "number" even when its value is whole (1.0).
const PYYAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function asPyYAML(tag) {
  const kind = tag.tag.replace("tag:yaml.org,2002:", "");
  const name = kind === "bool" ? String(tag.identify(true)) : `${kind}:${tag.format || ""}`;
  const nan = kind === "float" && !tag.format && tag.test.source.includes("inf");
  return PYYAML_WORDS[name] && !nan ? { ...tag, test: PYYAML_WORDS[name] } : tag;
}

export const YAML_OPTIONS = {
  version: "1.1",
  customTags: (tags) => tags.filter((tag) => tag.tag !== "tag:yaml.org,2002:timestamp").map(asPyYAML),
};

const problem = (code, field = [], values = {}, at = [1, 1], severity = "fout") =>
  ({ code, field, values, line: at[0], column: at[1], severity });

// load.json_type: ``float`` says the text was a float for PyYAML (1.0 is one, with a whole value).
export function jsonType(value, float = false) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) && !float ? "integer" : "number";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "array";
  return "object";
}

function regex(rules, name) {
  const entry = rules[name];
  return new RegExp(entry.patroon, (entry.vlaggen || "") + "g");
}

// load._text_position: line and column of a string offset, the column in characters as
// Python counts them (a character beyond U+FFFF is one, not two UTF-16 units).
function position(text, offset) {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return [text.slice(0, offset).split("\n").length, [...text.slice(start, offset)].length + 1];
}

// Where each value and key stands: path (joined with \u0000) -> [line, column].
function indexPositions(node, at, path, values, keys, scalars, floats) {
  if (!node) return;
  values.set(path.join("\u0000"), at(node.range[0], isScalar(node) && node.value === null && !node.source));
  if (isScalar(node)) scalars.set(path.join("\u0000"), node.source ?? String(node.value));
  if (isScalar(node) && typeof node.value === "number" && PYYAML_FLOAT.test(node.source ?? "")) {
    floats.add(path.join("\u0000"));
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const inner = [...path, key];
      if (pair.key && pair.key.range) keys.set(inner.join("\u0000"), at(pair.key.range[0]));
      indexPositions(pair.value, at, inner, values, keys, scalars, floats);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => indexPositions(item, at, [...path, index], values, keys, scalars, floats));
  }
}

class Loaded {
  constructor() {
    this.values = new Map(); this.keys = new Map(); this.scalars = new Map(); this.floats = new Set(); this.data = null;
  }
  isFloat(path) { return this.floats.has(path.join("\u0000")); }
  type(path) { return jsonType(path.reduce((value, part) => value[part], this.data), this.isFloat(path)); }
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
  if (!/[^ \t\r\n]/.test(text)) return { loaded, problems: [problem("leeg_bestand")] };  // load.BLANK
  for (const code of ["tab_inspringing", "vreemd_regeleinde", "stuurteken"]) {  // load.TEXT_RULES
    for (const match of text.matchAll(regex(gegevens.regels, code))) {
      const offset = code === "tab_inspringing" ? match.index + match[0].length - 1 : match.index;
      problems.push(problem(code, [], {}, position(text, offset)));
    }
  }
  if (problems.length) return { loaded, problems };

  const documents = parseAllDocuments(text, { ...YAML_OPTIONS, uniqueKeys: false });
  // ``empty``: a value left out ("gepubliceerd: "), which PyYAML places right after the
  // colon or dash, before the spaces that follow.
  const at = (offset, empty = false) => {
    while (empty && offset > 0 && text[offset - 1] === " ") offset -= 1;
    return position(text, offset);
  };
  const list = Array.isArray(documents) ? documents : [documents];
  if (!list.length) return { loaded, problems: [problem("leeg_bestand")] };  // only comments
  const document = list[0];
  if (!document.errors.length && list.length > 1) {  // as PyYAML: the first document's errors first
    problems.push(problem("meerdere_documenten", [], {}, at(list[1].range[0])));
    return { loaded, problems };
  }
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
    if (isAlias(node) || (node && node.anchor)) {  // load._scan_events: aliases and anchors
      const anchorAt = node.anchor ? text.lastIndexOf(`&${node.anchor}`, node.range[0]) : -1;
      problems.push(problem("yaml_verwijzing", [], {}, at(anchorAt === -1 ? node.range[0] : anchorAt)));
      stop = true;
      return visit.BREAK;
    }
    if (node && node.tag && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) {  // only explicit tags
      // Placed at the tag, as PyYAML does (the node's range starts after it).
      const waarde = node.tag.replace("tag:yaml.org,2002:", "!!");
      const tagAt = text.lastIndexOf(waarde, node.range[0]);
      problems.push(problem("yaml_label", [], { waarde }, at(tagAt === -1 ? node.range[0] : tagAt)));
    }
    return undefined;
  });
  if (problems.length) return { loaded, problems };
  // Duplicate keys: reported at the second one, the last one counts (as PyYAML does).
  const walk = (node, path) => {
    if (isMap(node)) {
      const seen = new Map();
      for (const pair of node.items) {
        if (pair.key === null || (isScalar(pair.key) && pair.key.value === null)) {  // load._index
          problems.push(problem("lege_sleutel", [], {}, pair.key ? at(pair.key.range[0]) : at(node.range[0])));
          continue;
        }
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
  walk(document.contents, []);  // and on with the last value of each, as check does
  indexPositions(document.contents, at, [], loaded.values, loaded.keys, loaded.scalars, loaded.floats);
  loaded.data = document.toJS({ maxAliasCount: 0 });
  if (loaded.data === null || loaded.data === undefined) return { loaded, problems: [problem("leeg_bestand")] };
  if (jsonType(loaded.data) !== "object") {
    return { loaded, problems: [problem("geen_mapping", [], { gevonden: loaded.type([]) })] };
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

function py(value, float = false) {  // str() of a value as Python prints it
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  if (float && Number.isNaN(value)) return "nan";
  if (float && !Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (float && Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  if (value && typeof value === "object") return JSON.stringify(value);  // schema_rules.shown
  return String(value);
}

// schema_rules.py: one ajv error becomes zero or more problems.
function translate(loaded, gegevens, error) {
  const path = pathOf(error.instancePath);
  const kind = error.keyword;
  const instance = path.reduce((value, part) => (value == null ? value : value[part]), loaded.data);
  const schema = subSchema(gegevens.schema, path);
  const provinces = () => gegevens.provincies;
  const float = loaded.isFloat(path);
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
    if (expected === "string" && typeof instance === "number") return [loaded.problem("getal_valkuil", path, { waarde: py(instance, float) })];
    if (expected === "array" && ["string", "number", "boolean"].includes(typeof instance)) {
      return [loaded.problem("lijst_verwacht", path, { waarde: py(instance, float) })];
    }
    return [loaded.problem("verkeerd_type", path, { verwacht: expected, gevonden: jsonType(instance, float),
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
      return [loaded.problem("onbekende_provincie", path, { waarde: py(instance, float), suggestie: closest(py(instance, float), provinces()),
                                                             kies_uit: provinces() })];
    }
    const allowed = error.params.allowedValues.map(String);
    return [loaded.problem("onbekende_term", path.slice(0, 1), { waarde: py(instance, float), suggestie: closest(py(instance, float), allowed),
                                                                  kies_uit: allowed }, path)];
  }
  if (kind === "minItems") return [loaded.problem("te_weinig", path, { aantal: instance.length, limiet: error.params.limit })];
  if (kind === "uniqueItems") return [];  // see duplicateItems
  if (kind === "minLength" || kind === "maxLength") {
    return [loaded.problem(kind === "minLength" ? "te_kort" : "te_lang", path,
                           { aantal: [...instance].length, limiet: error.params.limit })];
  }
  if (kind === "format") return [loaded.problem("ongeldige_datum", path, { waarde: py(instance, float) })];
  if (kind === "pattern") return [loaded.problem(schema["x-melding"] || "ongeldige_url", path, { waarde: py(instance, float) })];
  if (kind === "minimum" || kind === "maximum") {
    return [loaded.problem("getal_buiten_bereik", path, { waarde: py(instance, float), minimum: String(schema.minimum),
                                                           maximum: String(schema.maximum) })];
  }
  return [loaded.problem("schema_overig", path)];
}

// uniqueItems as jsonschema checks it: ajv skips the items that have the wrong type
// (two empty items in a list of terms), jsonschema does not.
function duplicateItems(loaded, gegevens) {
  const found = [];
  for (const [key, field] of Object.entries(gegevens.schema.properties)) {
    const list = loaded.data[key];
    if (!field.uniqueItems || !Array.isArray(list)) continue;
    const seen = new Set();
    list.forEach((item, index) => {
      const marker = JSON.stringify(item);
      if (seen.has(marker)) {
        found.push(loaded.problem("dubbel_in_lijst", [key], { waarde: py(item, loaded.isFloat([key, index])) }, [key, index]));
      }
      seen.add(marker);
    });
  }
  return found;
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
  found.push(...duplicateItems(target, gegevens));
  found.push(...contentProblems(target, gegevens));
  found.push(...citationProblems(target, gegevens));
  return unique(found);
}

export function checkText(text, gegevens) {
  const { loaded, problems } = loadText(text, gegevens);
  // As validate_loaded: read data is checked even after a duplicate key (the last one counts).
  if (!loaded.data || jsonType(loaded.data) !== "object") return { data: loaded.data, problems };
  return { data: loaded.data, problems: unique([...problems, ...checkData(loaded.data, gegevens, loaded)]) };
}
