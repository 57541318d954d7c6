// load.py in the browser: the checks on the text itself, then the YAML, read as PyYAML
// reads it, with the position of every key and value. Problems are data here too.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from "yaml";

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

export const problem = (code, field = [], values = {}, at = [1, 1], severity = "fout") =>
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

export function regex(rules, name) {
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

export class Loaded {
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
      // Placed at the tag and named as written, as PyYAML does: the node's range starts after
      // the tag, and a lone "!" is resolved by the library (to !!map, for one).
      const written = /(?:^|[\s[{,])(![^\s[\]{},]*)\s*$/.exec(text.slice(0, node.range[0]));
      const waarde = written ? written[1] : node.tag.replace("tag:yaml.org,2002:", "!!");
      const tagAt = written ? written.index + written[0].indexOf("!") : node.range[0];
      problems.push(problem("yaml_label", [], { waarde }, at(tagAt)));
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

