// The file the editor writes: the schema's field order, the schema comment line
// first, block scalars for long text, as the handwritten cases read.
import { Document, isScalar, visit } from "yaml";
import { YAML_OPTIONS } from "./load.js";

const LONG = 70;

export function slugFor(title) {  // addresses.slug_for (tests/test_checkers_agree.py compares them)
  const stem = /\.(?:yaml|yml)$/i.test(String(title)) ? String(title).replace(/\.[^.]*$/, "") : String(title);
  const ascii = stem.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `${slug || "praktijk"}.yaml`;
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
