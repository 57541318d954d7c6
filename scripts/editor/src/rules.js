// The rules of `check` on read data: schema_rules.py (the JSON Schema, with Ajv),
// content_rules.py (the patterns of regels.yaml) and passages.py without the source
// documents. Same problem codes, fields and values; words.js words them.
import Ajv2020 from "ajv/dist/2020.js";
import { closest } from "./difflib.js";
import { Loaded, jsonType, regex } from "./load.js";

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
  if (kind === "anyOf" && schema["x-melding"]) {  // named by the first branch's field
    return [loaded.problem(schema["x-melding"], [...path, schema.anyOf[0].required[0]], {}, path)];
  }
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

export function unique(problems) {
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
  for (const error of validate(gegevens, target.data)) {
    // Ajv also reports why each branch of an anyOf failed; jsonschema keeps those inside the anyOf's error.
    if (!/\/anyOf\/\d+\//.test(error.schemaPath)) found.push(...translate(target, gegevens, error));
  }
  found.push(...duplicateItems(target, gegevens));
  found.push(...contentProblems(target, gegevens));
  found.push(...citationProblems(target, gegevens));
  return unique(found);
}

