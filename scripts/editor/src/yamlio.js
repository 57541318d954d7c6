// The file the editor writes: the schema's field order, the schema comment line
// first, block scalars for long text, as the handwritten cases read.
import { Document, isMap, isScalar, parseDocument, visit } from "yaml";
import { YAML_OPTIONS } from "./load.js";

const LONG = 70;

export function slugFor(title) {  // addresses.slug_for (tests/test_checkers_agree.py compares them)
  const stem = /\.(?:yaml|yml)$/i.test(String(title)) ? String(title).replace(/\.[^.]*$/, "") : String(title);
  const ascii = stem.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `${slug || "praktijk"}.yaml`;
}

// An edit of a published case: only the fields that changed are written again, each in
// place, so the redactie's diff shows the edit and nothing else. `before` is the data the
// published text gave the form. Anything this cannot place (a new or removed field, a text
// it cannot read back the same) falls back to the whole file in the schema's order.
export function editedYaml(original, before, data, gegevens) {
  const whole = toYaml(data, gegevens);
  const keys = new Set([...Object.keys(before), ...Object.keys(data)]);
  const changed = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(data[key]));
  if (!changed.length) return original;
  const document = parseDocument(original, YAML_OPTIONS);
  if (!isMap(document.contents) || changed.some((key) => !(key in before) || !(key in data))) return whole;
  let text = original;
  const pairs = document.contents.items.filter((pair) => isScalar(pair.key) && changed.includes(pair.key.value))
    .sort((a, b) => b.key.range[0] - a.key.range[0]);  // from the end, so earlier ranges stay right
  if (pairs.length !== changed.length) return whole;
  for (const pair of pairs) {
    let end = pair.value ? pair.value.range[2] : pair.key.range[2];
    while (end < text.length && text[end - 1] !== "\n") end += 1;
    const written = toYaml({ [pair.key.value]: data[pair.key.value] }, gegevens).split("\n").slice(1).join("\n");
    text = text.slice(0, pair.key.range[0]) + written + text.slice(end);
  }
  // Read back: the other fields exactly as published, the changed ones as the whole file has them.
  const check = parseDocument(text, YAML_OPTIONS);
  const wanted = { ...document.toJS() };
  const written = parseDocument(whole, YAML_OPTIONS).toJS();
  for (const key of changed) wanted[key] = written[key];
  return !check.errors.length && canonical(check.toJS()) === canonical(wanted) ? text : whole;
}

// JSON with object keys sorted: two readings of a file compare by content, not key order.
function canonical(value) {
  return JSON.stringify(value, (_, item) => (item && typeof item === "object" && !Array.isArray(item)
    ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]])) : item));
}

export function toYaml(data, gegevens) {
  const ordered = {};
  for (const key of Object.keys(gegevens.schema.properties)) if (key in data) ordered[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in ordered)) ordered[key] = data[key];
  const document = new Document(ordered, YAML_OPTIONS);
  const markdown = new Set(Object.entries(gegevens.schema.properties)
    .filter(([, schema]) => schema["x-markdown"]).map(([key]) => key));
  visit(document, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : null;
      if (isScalar(pair.value) && typeof pair.value.value === "string") {
        const text = pair.value.value;
        if (markdown.has(key) && text.includes("\n")) pair.value.type = "BLOCK_LITERAL";
        else if (text.length > LONG && !text.includes("\n")) pair.value.type = "BLOCK_FOLDED";
      }
    },
    Scalar(_, node) {  // list items such as lessen
      if (typeof node.value === "string" && node.value.length > LONG && !node.value.includes("\n") && !node.type) {
        node.type = "BLOCK_FOLDED";
      }
    },
  });
  const body = document.toString({ lineWidth: 80, minContentWidth: 20, indentSeq: true });
  return `# yaml-language-server: $schema=${gegevens.schema_adres}\n${body}`;
}

// The mail to the redactie for contributors without a GitHub account: subject, who sends it
// (never part of the file), and the whole file between the marker lines that
// `generate.py uit-mail` reads (site.yaml editor texts). `sender`: {naam, organisatie,
// email, toestemming}, each may be empty.
export function mailLink(address, texts, title, fileName, text, sender = {}) {
  const who = [sender.naam, sender.organisatie, sender.email].map((part) => (part || "").trim());
  const lines = [texts.mail_intro, ""];
  if (who.some(Boolean)) {
    lines.push(texts.mail_afzender.replace("{naam}", who[0] || "-").replace("{organisatie}", who[1] || "-")
      .replace("{email}", who[2] || "-"));
  }
  lines.push(texts.mail_toestemming.replace("{antwoord}", sender.toestemming ? texts.ja : texts.nee), "",
             texts.mail_begin.replace("{bestand}", fileName), text.replace(/\n$/, ""), texts.mail_einde, "");
  const subject = title ? `${texts.onderwerp}: ${title}` : texts.onderwerp;
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join("\n"))}`;
}
