// reporters.py in the browser: a problem's words from the message table, with
// the same rules (invulregels) for turning raw values into text.
export function describeKey(path) {
  const parts = [];
  for (const part of path) {
    if (typeof part === "number" && parts.length) parts[parts.length - 1] = `${parts[parts.length - 1]} nr. ${part + 1}`;
    else parts.push(String(part));
  }
  return parts.join(" → ");
}

const words = (value) => (Array.isArray(value) ? value.map(String).join(", ") : String(value));
const fill = (template, values) => template.replace(/\{([a-z_]+)\}/g, (_, name) => values[name] ?? "");
const oneLine = (text) => text.split(/\s+/).filter(Boolean).join(" ");

export function render(problem, gegevens, overrides = {}) {
  const entry = gegevens.meldingen[problem.code];
  const plain = {};
  for (const [name, value] of Object.entries({ sleutel: describeKey(problem.field), ...problem.values, ...overrides })) {
    plain[name] = words(value);
  }
  const filled = { ...plain };
  for (const [name, rule] of Object.entries(gegevens.invulregels)) {
    const value = plain[name] || "";
    if (rule.woorden) filled[name] = value ? (gegevens[rule.woorden][value] ?? value) : "";
    else if (rule.als_gevuld) filled[name] = value ? fill(rule.als_gevuld, { ...plain, waarde: value }) : "";
  }
  return { melding: oneLine(fill(entry.melding, filled)), oplossing: oneLine(fill(entry.oplossing, filled)) };
}
