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

// How a form names a problem's field (reporters.form_label in Python): by the schema's
// titles, "Bronnen, nr. 1 (Webadres)". A key the schema does not know has no title, so it
// keeps its own name; a problem of the whole file names the file ("Het bestand").
export function fieldLabel(path, schema, texts) {
  if (!path.length) return texts.algemeen;
  const field = schema.properties[path[0]];
  if (!field) return describeKey(path);
  let text = field.title;
  const rest = path.slice(1);
  if (typeof rest[0] === "number") text += `, ${texts.nummer} ${rest.shift() + 1}`;
  const sub = field.items && field.items.properties && field.items.properties[rest[0]];
  if (sub) text += ` (${sub.title})`;
  return text;
}

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
  // `oplossing` is the file's fix where the table has it (tests give the whole table; the
  // editor's page has only `melding`, it shows the form's fix: formFix).
  return { melding: oneLine(fill(entry.melding, filled)), oplossing: entry.oplossing ? oneLine(fill(entry.oplossing, filled)) : "" };
}

// The fix in a form's words (reporters.form_fix in Python): the editor and the issue form
// speak of fields, `check` of the file. `kind`: checkboxes, textarea, input or dropdown.
export function formFix(problem, gegevens, label, kind = null) {
  let fix = gegevens.formulier_oplossingen[problem.code];
  if (fix && typeof fix === "object") fix = fix[kind] || fix.standaard;
  return oneLine(String(fix).split("{veld}").join(label));
}
