// The contributors' editor on /bijdragen/editor/: a form made from the schema,
// problems in the words of `check` at each field and in a summary (the GOV.UK
// error-summary pattern), a preview of the page, the draft kept in this
// browser, and the finished file handed to GitHub's new-file page.
import { checkText } from "./check.js";
import { jsonType } from "./load.js";
import { checkData } from "./rules.js";
import { el } from "./dom.js";
import { preview } from "./preview.js";
import { fieldLabel, formFix, render } from "./words.js";
import { editedYaml, mailLink, slugFor, toYaml } from "./yamlio.js";

const root = document.getElementById("editor");
const DRAFT = "praktijk-concept";
const SENDER = "praktijk-afzender";  // who hands cases in: never part of a draft or a file
// NL Design System components (scripts/huisstijl/, docs/assets/nlds.css).
const BUTTON = "utrecht-button utrecht-button--secondary-action";
const MAIN_BUTTON = "utrecht-button utrecht-button--primary-action";
const TEXTBOX = "utrecht-textbox utrecht-textbox--html-input";
const CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input";

const idOf = (path) => "veld-" + path.join("-");

class Editor {
  constructor(gegevens, texts) {
    this.g = gegevens;
    this.t = texts;
    this.schema = gegevens.schema;
    this.present = new Set();  // keys the loaded file had, so empty lists stay as they were
    this.editing = new URLSearchParams(location.search).get("praktijk");
    this.order = {};  // per taxonomy field, the values in the order chosen
    this.timer = null;
  }

  // -- the form, from the schema ---------------------------------------------------------
  build() {
    root.textContent = "";
    this.summary = el("div", { class: "foutoverzicht", tabindex: "-1", hidden: true, role: "region",
                               "aria-labelledby": "foutoverzicht-kop" });
    this.saved = el("p", { class: "editor__bewaard", role: "status", "aria-live": "polite" });
    this.form = el("form", { class: "editor__formulier", novalidate: true });
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.check(true); });
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("focusout", (event) => this.checkField(event.target));
    this.form.addEventListener("change", (event) => {
      const box = event.target;
      if (box.type === "checkbox") {
        const order = (this.order[box.name] || []).filter((value) => value !== box.value);
        this.order[box.name] = box.checked ? [...order, box.value] : order;
      }
      this.changed();
    });
    const required = new Set(this.schema.required);
    for (const [key, field] of Object.entries(this.schema.properties)) {
      if (this.forRedactie(field)) continue;  // not asked of a new contributor
      this.form.append(this.field([key], field, required.has(key)));
    }
    this.form.append(el("p", { class: "editor__knoppen" },
      el("button", { type: "submit", class: MAIN_BUTTON, text: this.t.controleer })));
    const start = el("button", { type: "button", class: BUTTON, text: this.t.opnieuw });
    start.addEventListener("click", () => this.askStartOver(start));
    this.startBox = el("span", { class: "editor__opnieuw" });
    this.previewBox = el("div", { class: "editor__voorbeeld", "aria-labelledby": "voorbeeld-kop" });
    this.importBox = this.importBox || this.importer();  // kept, with what was pasted in it
    root.append(this.summary, this.importBox, this.form,
                el("section", { class: "editor__klaar", "aria-labelledby": "klaar-kop" }, ...this.handOff()),
                el("section", { "aria-labelledby": "voorbeeld-kop" },
                   el("h2", { id: "voorbeeld-kop", text: this.t.voorbeeld }), this.previewBox),
                el("p", {}, this.saved, " ", start, " ", this.startBox));
  }

  help(path, field) {
    // A date field shows the browser's own date widget: its help says no JJJJ-MM-DD.
    const parts = [field["x-hulp-formulier"] || field.description || ""];
    const example = field.format === "date" ? undefined : (field.examples || [])[0];
    if (example !== undefined && !Array.isArray(example) && typeof example !== "object") parts.push(`${this.t.bijvoorbeeld} ${example}`);
    return el("p", { class: "veld__hulp", id: "hulp-" + idOf(path), text: parts.filter(Boolean).join(" ") });
  }

  error(path) {
    return el("p", { class: "veld__fout", id: "fout-" + idOf(path), hidden: true });
  }

  described(input, path) {
    input.setAttribute("aria-describedby", `hulp-${idOf(path)} fout-${idOf(path)}`);
    return input;
  }

  // The tick boxes of a field that takes several of a fixed list: a taxonomy's terms, or
  // the values of an enum list (financiering) with their x-labels.
  choices(field) {
    if (field["x-taxonomie"]) return this.g.termen[field["x-taxonomie"]];
    if (field.type === "array" && field.items && field.items.enum) {
      const labels = field["x-labels"] || {};
      return field.items.enum.map((slug) => ({ slug, label: labels[slug] || slug, uitleg: "" }));
    }
    return null;
  }

  field(path, field, required) {
    const id = idOf(path);
    // "Gemeente" or "Regio" is required (the schema's anyOf): said at both, not "niet verplicht".
    const oneOf = path.length === 1 && (this.schema.anyOf || []).some((branch) => (branch.required || []).includes(path[0]));
    const label = field.title + (required ? "" : ` (${oneOf ? this.t.een_van_beide : this.t.niet_verplicht})`);
    if (this.choices(field)) {
      const set = el("fieldset", { class: "veld", id: "groep-" + id, "aria-describedby": `hulp-${id} fout-${id}` },
                     el("legend", { text: label }), this.help(path, field), this.error(path));
      this.choices(field).forEach((term, index) => {
        // The first box carries the field's id: the summary links to it.
        const box = el("input", { type: "checkbox", class: CHECKBOX, name: path[0], value: term.slug, id: index ? `${id}-${term.slug}` : id });
        set.append(el("div", { class: "veld__keuze" }, box,
          el("label", { for: box.id }, el("span", { class: "veld__keuzenaam", text: term.label }),
             term.uitleg ? el("span", { class: "veld__keuzeuitleg", text: term.uitleg }) : null)));
      });
      return set;
    }
    if (field.type === "array") return this.list(path, field, label);
    const wrapper = el("div", { class: "veld" });
    let input;
    if (field["x-provincies"] || field.enum) {
      input = el("select", { id, name: path.join(".") },
                 el("option", { value: "", text: field["x-provincies"] ? this.t.kies : this.t.kies_waarde }));
      const labels = field["x-labels"] || {};
      for (const name of field["x-provincies"] ? this.g.provincies : field.enum) {
        input.append(el("option", { value: name, text: labels[name] || name }));
      }
    } else if (field["x-markdown"] || (field.maxLength || 0) > 200) {
      input = el("textarea", { id, name: path.join("."), rows: field["x-markdown"] ? 10 : 4 });
    } else {
      const type = field.format === "date" ? "date" : field.type === "integer" ? "number" : "text";
      input = el("input", { id, name: path.join("."), type, class: TEXTBOX, inputmode: type === "number" ? "numeric" : null });
    }
    wrapper.append(el("label", { for: id, text: label }), this.help(path, field), this.error(path),
                   this.described(input, path));
    return wrapper;
  }

  // A repeatable group: each item with remove, up and down; "add" at the end.
  list(path, field, label) {
    const id = idOf(path);
    const set = el("fieldset", { class: "veld veld--lijst", id: "groep-" + id, "aria-describedby": `hulp-${id} fout-${id}` },
                   el("legend", { text: label }), this.help(path, field), this.error(path));
    const items = el("ol", { class: "lijst", id: "lijst-" + id });
    const add = el("button", { type: "button", class: BUTTON, id, text: `${this.t.voeg_toe}: ${this.itemName(field)}` });
    add.addEventListener("click", () => { this.addItem(path, field, items); this.changed(); items.lastElementChild.querySelector("input,textarea").focus(); });
    set.append(items, add);
    return set;
  }

  itemName(field) { return field["x-item"] || (field.items.type === "object" ? this.t.een_bron : this.t.een_regel); }

  addItem(path, field, items, value) {
    const index = items.children.length;
    const itemPath = [...path, index];
    const item = el("li", { class: "lijst__item" });
    if (field.items.type === "object") {
      const group = el("fieldset", {}, el("legend", { text: `${field.title}: ${this.t.nummer} ${index + 1}` }));
      for (const [key, sub] of Object.entries(field.items.properties)) {
        group.append(this.field([...itemPath, key], sub, (field.items.required || []).includes(key)));
      }
      item.append(group);
    } else {
      const inputId = idOf(itemPath);
      const long = (field.items.maxLength || 0) > 200;
      const input = el(long ? "textarea" : "input", { id: inputId, rows: long ? 3 : null, type: long ? null : "text",
                                                      "aria-describedby": `fout-${inputId}` });
      item.append(el("label", { for: inputId, text: `${field.title}: ${this.t.nummer} ${index + 1}` }),
                  el("p", { class: "veld__fout", id: "fout-" + inputId, hidden: true }), input);
    }
    const tools = el("p", { class: "lijst__knoppen" });
    for (const [action, text] of [["omhoog", this.t.omhoog], ["omlaag", this.t.omlaag], ["weg", this.t.verwijder]]) {
      const button = el("button", { type: "button", class: `${BUTTON} lijst__knop`, text });
      button.append(el("span", { class: "visueel-verborgen", text: ` ${this.t.nummer} ${index + 1}` }));
      button.addEventListener("click", () => this.moveItem(path, field, items, item, action));
      tools.append(button);
    }
    item.append(tools);
    items.append(item);
    if (value !== undefined) this.fill(itemPath, field.items, value);
  }

  moveItem(path, field, items, item, action) {
    const values = this.collectList(path, field, items);
    const index = [...items.children].indexOf(item);
    if (action === "weg") values.splice(index, 1);
    const to = action === "omhoog" ? index - 1 : index + 1;
    if (action !== "weg" && to >= 0 && to < values.length) [values[index], values[to]] = [values[to], values[index]];
    items.textContent = "";
    values.forEach((value) => this.addItem(path, field, items, value));
    this.changed();
    const focus = items.children[Math.max(0, Math.min(action === "weg" ? index : to, values.length - 1))];
    (focus ? focus.querySelector("input,textarea") : document.getElementById(idOf(path))).focus();
  }

  // -- form <-> data ----------------------------------------------------------------------
  read(path, field) {
    const id = idOf(path);
    if (this.choices(field)) {  // in the order they were chosen (or written in the file)
      const order = this.order[path[0]] || [];
      const rank = (value) => (order.includes(value) ? order.indexOf(value) : order.length);
      return [...this.form.querySelectorAll(`input[name="${path[0]}"]:checked`)].map((box) => box.value)
        .sort((a, b) => rank(a) - rank(b));
    }
    if (field.type === "array") return this.collectList(path, field, document.getElementById("lijst-" + id));
    const input = document.getElementById(id);
    const text = input.value;
    if (field.type === "integer") return text.trim() === "" ? undefined : (/^-?\d+$/.test(text.trim()) ? Number(text) : text);
    return field["x-markdown"] ? (text.trim() ? text : "") : text.trim();  // Markdown exactly as typed
  }

  collectList(path, field, items) {
    return [...items.children].map((item, index) => {
      if (field.items.type !== "object") return item.querySelector("input,textarea").value.trim();
      const value = {};
      for (const [key, sub] of Object.entries(field.items.properties)) {
        const read = this.read([...path, index, key], sub);
        if (read !== undefined && read !== "") value[key] = read;
      }
      return value;
    }).filter((value) => (typeof value === "string" ? value !== "" : Object.keys(value).length));
  }

  // A field the redactie keeps (schema x-redactie), in a new case: not in the form; set here.
  forRedactie(field) { return Boolean(field["x-redactie"]) && !this.editing; }

  collect() {
    const data = {};
    const required = new Set(this.schema.required);
    for (const [key, field] of Object.entries(this.schema.properties)) {
      if (this.forRedactie(field)) {
        if (field["x-redactie"] === "vandaag") data[key] = new Date().toISOString().slice(0, 10);
        continue;
      }
      const value = this.read([key], field);
      const empty = value === undefined || value === "" || (Array.isArray(value) && !value.length);
      if (!empty || required.has(key) || (Array.isArray(value) && this.present.has(key))) data[key] = value ?? "";
    }
    return data;
  }

  fill(path, field, value) {
    if (field.type === "object") {
      for (const [key, sub] of Object.entries(field.properties || {})) {
        if (value && typeof value === "object" && key in value) this.fill([...path, key], sub, value[key]);
      }
      return;
    }
    if (this.choices(field)) {
      this.order[path[0]] = Array.isArray(value) ? value.map(String) : [String(value)];
      const chosen = new Set(this.order[path[0]]);
      this.form.querySelectorAll(`input[name="${path[0]}"]`).forEach((box) => { box.checked = chosen.has(box.value); });
      return;
    }
    if (field.type === "array") {
      const items = document.getElementById("lijst-" + idOf(path));
      items.textContent = "";
      (Array.isArray(value) ? value : [value]).forEach((item) => this.addItem(path, field, items, item));
      return;
    }
    const input = document.getElementById(idOf(path));
    if (input) input.value = value === undefined || value === null ? "" : (typeof value === "object" ? JSON.stringify(value) : String(value));
  }

  load(data) {
    this.build();
    this.order = {};
    this.present = new Set(Object.keys(data || {}));
    for (const [key, field] of Object.entries(this.schema.properties)) {
      if (data && key in data && !this.forRedactie(field)) this.fill([key], field, data[key]);
    }
  }

  // -- problems ------------------------------------------------------------------------------
  label(path) { return fieldLabel(path, this.schema, this.t); }

  target(path) {  // the deepest field of the form that a problem belongs to
    for (let depth = path.length; depth > 0; depth -= 1) {
      const id = idOf(path.slice(0, depth));
      if (document.getElementById(id)) return id;
    }
    return null;
  }

  // The message under field ``id``, and the field marked invalid; with a button where the
  // form can make the fix itself (a web address typed as www.…: https:// in front).
  mark(id, words, problem = null) {
    const message = document.getElementById("fout-" + id);
    const input = document.getElementById(id);
    if (message) {
      message.hidden = false;
      message.append(el("span", { class: "visueel-verborgen", text: `${this.t.fout}: ` }),
                     `${words.melding} ${words.oplossing} `);
      const typed = input && input.matches("input,textarea") ? input.value.trim() : "";
      if (problem && problem.code === "ongeldige_url" && /^www\./i.test(typed)) {
        const fixed = `https://${typed}`;
        const button = el("button", { type: "button", class: `${BUTTON} veld__herstel`, text: this.t.maak_https.replace("{adres}", fixed) });
        button.addEventListener("click", () => {
          input.value = fixed;
          this.changed();
          this.checkField(input);
          input.focus();
        });
        message.append(button);
      }
    }
    if (input && input.matches("input,textarea,select")) input.setAttribute("aria-invalid", "true");
  }

  unmark(id) {
    const message = document.getElementById("fout-" + id);
    if (message) { message.hidden = true; message.textContent = ""; }
    const input = document.getElementById(id);
    if (input) input.removeAttribute("aria-invalid");
  }

  // Leaving a field checks that field only, under it, as GOV.UK forms do: no summary of
  // every empty field while someone is still typing the first one.
  checkField(element) {
    if (!element || !element.id || !element.matches("input,textarea,select")) return;
    this.unmark(element.id);
    const own = checkData(this.collect(), this.g)
      .filter((p) => p.severity === "fout" && p.field.length && this.target(p.field) === element.id);
    for (const problem of own) this.mark(element.id, this.words(problem, false), problem);
  }

  // A problem in the form's words: what is wrong as `check` says it, with the field's
  // label, and the fix as a form says it (formulier_oplossingen), by the kind of field.
  words(problem, fromText) {
    const label = this.label(problem.field);
    const { melding } = render(problem, this.g, fromText && !problem.field.length ? {} : { sleutel: label });
    const id = problem.field.length ? this.target(problem.field) : null;
    const node = id && document.getElementById(id);
    const kind = !node ? null : node.matches("fieldset") ? "checkboxes" : node.matches("textarea") ? "textarea"
      : node.matches("select") ? "dropdown" : "input";
    return { melding, oplossing: formFix(problem, this.g, label, kind) };
  }

  show(problems, fromText = false) {
    this.form.querySelectorAll(".veld__fout").forEach((node) => { node.hidden = true; node.textContent = ""; });
    this.form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    this.summary.textContent = "";
    const shown = problems.filter((p) => p.severity === "fout");
    this.problems = shown;
    if (!shown.length) { this.summary.hidden = true; return; }
    const list = el("ul", { class: "foutoverzicht__lijst" });
    for (const problem of shown) {
      const words = this.words(problem, fromText);
      const id = problem.field.length ? this.target(problem.field) : null;
      const where = fromText || !id ? `${this.t.regel} ${problem.line}: ` : "";
      const item = el("li", { "data-code": problem.code, "data-regel": problem.line });
      item.append(id ? el("a", { href: "#" + id, text: `${where}${words.melding}` }) : el("span", { text: `${where}${words.melding}` }),
                  " ", el("span", { class: "foutoverzicht__oplossing", text: words.oplossing }));
      list.append(item);
      if (id) this.mark(id, words, problem);
    }
    this.summary.append(el("h2", { id: "foutoverzicht-kop", text: shown.length === 1 ? this.t.een_punt :
                                   this.t.punten.replace("{n}", shown.length) }), list);
    this.summary.hidden = false;
  }

  check(moveFocus) {
    const data = this.collect();
    const problems = checkData(data, this.g);
    this.show(problems);
    this.update(data, problems);
    if (moveFocus) (this.problems.length ? this.summary : this.ready).focus();
    return problems;
  }

  // The summary appears on "Controleer" or a hand-off, never while typing; once it shows,
  // it follows the edits, so a fixed point leaves it.
  changed() {
    const data = this.collect();
    this.save(data);
    this.update(data, null);
    window.clearTimeout(this.timer);
    if (!this.summary.hidden) this.timer = window.setTimeout(() => this.check(false), 400);
  }

  // -- preview, draft, hand-off ------------------------------------------------------------
  update(data, problems) {
    preview(this.previewBox, data, this.g);
    const slug = this.editing || slugFor(data.titel || "").replace(/\.yaml$/, "");
    // A published case goes back as it was but for what was changed (unchanged: byte for
    // byte), so the redactie's diff shows only the edit.
    const text = this.published ? editedYaml(this.published.text, this.published.data, data, this.g) : toYaml(data, this.g);
    this.fileText = text;
    this.fileName = `${slug}.yaml`;
    const errors = (problems || checkData(data, this.g)).filter((p) => p.severity === "fout");
    const folder = this.g.praktijkmap;
    const base = `${this.g.repository}/${this.editing ? "edit" : "new"}/${this.g.tak}`;
    const address = this.editing ? `${base}/${folder}/${this.fileName}` :
      `${base}?filename=${encodeURIComponent(`${folder}/${this.fileName}`)}&value=${encodeURIComponent(text)}`;
    this.tooLong = !this.editing && address.length > this.g.adres_max;  // site.yaml editor_adres_max
    this.github.href = this.tooLong ? `${base}?filename=${encodeURIComponent(`${folder}/${this.fileName}`)}` : address;
    this.github.setAttribute("aria-disabled", errors.length ? "true" : "false");
    this.handNote.textContent = errors.length ? this.t.eerst_oplossen :
      (this.editing ? this.t.bewerken_uitleg : (this.tooLong ? this.t.te_lang : this.t.github_uitleg)).replace("{bestand}", `${folder}/${this.fileName}`);
    this.mail.href = mailLink(this.g.redactie, this.t, data.titel || "", `${folder}/${this.fileName}`, text, this.sender());
    this.download.href = URL.createObjectURL(new Blob([text], { type: "text/yaml" }));
    this.download.download = this.fileName;
    this.fileBox.value = text;
  }

  // Two equal ways to hand the case in, chosen by heading: GitHub (in a new tab, so the
  // draft and the page on what happens next stay) and a mail to the redactie, which
  // also carries who sends it. The file is never given those details.
  handOff() {
    this.ready = el("h2", { id: "klaar-kop", tabindex: "-1", text: this.t.klaar });
    this.handNote = el("p", { class: "editor__uitleg", role: "status", "aria-live": "polite" });
    this.github = el("a", { class: MAIN_BUTTON, id: "naar-github", target: "_blank",
                            rel: "noopener", text: this.editing ? this.t.github_bewerken : this.t.github });
    this.github.addEventListener("click", (event) => {
      if (!this.refusedWithErrors(event) && (this.editing || this.tooLong)) {
        this.copy();  // GitHub's page opens; the text is on the clipboard to paste
      }
    });
    this.download = el("a", { class: BUTTON, id: "download", text: this.t.download });
    const copy = el("button", { type: "button", class: BUTTON, text: this.t.kopieer });
    copy.addEventListener("click", () => this.copy());
    this.copied = el("span", { role: "status", "aria-live": "polite" });
    this.fileBox = el("textarea", { id: "bestandstekst", readonly: true, rows: 8 });
    this.mail = el("a", { class: MAIN_BUTTON, id: "naar-redactie", href: `mailto:${this.g.redactie}`,
                          text: this.t.stuur });
    this.mail.addEventListener("click", (event) => this.refusedWithErrors(event));
    const next = el("a", { href: `${root.getAttribute("data-basis")}${this.g.daarna}`, text: this.t.daarna });
    return [this.ready, this.handNote,
      el("div", { class: "editor__weg" },
        el("h3", { text: this.t.met_account }),
        el("p", { class: "veld__hulp", text: this.t.op_github }),
        el("p", { class: "editor__knoppen" }, this.github)),
      el("div", { class: "editor__weg" },
        el("h3", { text: this.t.zonder_account }),
        el("p", { text: this.g.redactie ? this.t.zonder_uitleg : this.t.geen_adres }),
        ...(this.g.redactie ? [this.senderFields()] : []),
        el("p", { class: "editor__knoppen" }, ...(this.g.redactie ? [this.mail, " "] : []), this.download)),
      el("p", { class: "editor__knoppen" }, copy, " ", this.copied),
      el("details", {}, el("summary", { text: this.t.toon_bestand }), el("label", { for: "bestandstekst", text: this.t.bestand }), this.fileBox),
      el("p", { class: "editor__daarna" }, next)];
  }

  // A case with errors is not handed in: the click is stopped and the summary shown.
  refusedWithErrors(event) {
    if (!this.check(false).some((p) => p.severity === "fout")) return false;
    event.preventDefault();
    this.summary.focus();
    return true;
  }

  // Who hands the case in: kept in this browser apart from the draft, put in the mail only.
  senderFields() {
    let kept = {};
    try { kept = JSON.parse(localStorage.getItem(SENDER) || "{}"); } catch (error) { kept = {}; }
    const field = (name, label, type) => {
      const input = el("input", { id: `afzender-${name}`, name, type, class: TEXTBOX, autocomplete: { naam: "name", organisatie: "organization", email: "email" }[name] });
      input.value = kept[name] || "";
      return el("p", { class: "veld" }, el("label", { for: input.id, text: label }), input);
    };
    const agree = el("input", { id: "afzender-toestemming", name: "toestemming", type: "checkbox", class: CHECKBOX });
    agree.checked = Boolean(kept.toestemming);
    this.senderBox = el("fieldset", { class: "editor__afzender", "aria-describedby": "afzender-uitleg" },
      el("legend", { text: this.t.afzender_kop }),
      el("p", { id: "afzender-uitleg", class: "veld__hulp", text: this.t.afzender_uitleg }),
      field("naam", this.t.afzender_naam, "text"), field("organisatie", this.t.afzender_organisatie, "text"),
      field("email", this.t.afzender_email, "email"),
      el("p", { class: "veld" }, el("label", { class: "keuze" }, agree, ` ${this.t.afzender_toestemming}`)));
    const changed = () => {
      try { localStorage.setItem(SENDER, JSON.stringify(this.sender())); } catch (error) { /* not kept: still in the mail */ }
      this.update(this.collect(), null);
    };
    this.senderBox.addEventListener("input", changed);
    this.senderBox.addEventListener("change", changed);
    return this.senderBox;
  }

  sender() {
    if (!this.senderBox) return {};
    const value = (name) => this.senderBox.querySelector(`[name="${name}"]`);
    return { naam: value("naam").value, organisatie: value("organisatie").value, email: value("email").value,
             toestemming: value("toestemming").checked };
  }

  copy() {
    const done = () => { this.copied.textContent = this.t.gekopieerd; };
    const fallback = () => { this.fileBox.closest("details").open = true; this.fileBox.select(); this.copied.textContent = this.t.kopieer_zelf; };
    if (navigator.clipboard) navigator.clipboard.writeText(this.fileText).then(done, fallback);
    else fallback();
  }

  save(data) {
    try {
      localStorage.setItem(this.draftKey(), JSON.stringify({ data, present: [...this.present], bewaard: Date.now() }));
      const time = new Date().toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
      this.saved.textContent = this.t.bewaard.replace("{tijd}", time);
    } catch (error) { this.saved.textContent = this.t.niet_bewaard; }
  }

  draftKey() { return this.editing ? `${DRAFT}:${this.editing}` : DRAFT; }

  restore() {
    try {
      const draft = JSON.parse(localStorage.getItem(this.draftKey()) || "null");
      if (draft && draft.data) {
        this.load(draft.data);
        this.present = new Set(draft.present || []);
        const time = new Date(draft.bewaard).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
        this.saved.textContent = this.t.hersteld.replace("{tijd}", time);
        return true;
      }
    } catch (error) { /* no storage: start empty */ }
    return false;
  }

  // The published version of the case being edited. A draft of this edit kept in the
  // browser is not put over it silently: when it differs, the contributor chooses.
  openPublished(text) {
    this.load(checkText(text, this.g).data || {});
    this.published = { text, data: this.collect() };
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(this.draftKey()) || "null"); } catch (error) { draft = null; }
    this.update(this.collect(), null);
    if (!draft || !draft.data || JSON.stringify(draft.data) === JSON.stringify(this.published.data)) return;
    const time = new Date(draft.bewaard).toLocaleString("nl-NL", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
    const back = el("button", { type: "button", class: BUTTON, id: "concept-terug", text: this.t.concept_terug });
    const keep = el("button", { type: "button", class: BUTTON, id: "concept-weg", text: this.t.concept_weg });
    const question = el("div", { class: "editor__concept", role: "region", "aria-labelledby": "concept-vraag" },
      el("p", { id: "concept-vraag", text: this.t.concept_vraag.replace("{tijd}", time) }), el("p", {}, back, " ", keep));
    const close = () => question.remove();
    back.addEventListener("click", () => {
      close();
      this.restore();
      this.update(this.collect(), null);
      document.getElementById(idOf(["titel"])).focus();
    });
    keep.addEventListener("click", () => {
      close();
      try { localStorage.removeItem(this.draftKey()); } catch (error) { /* nothing kept */ }
      document.getElementById(idOf(["titel"])).focus();
    });
    root.prepend(question);
    back.focus();
  }

  // Starting over wipes a whole draft: asked first, and undone with one button after.
  askStartOver(start) {
    this.startBox.textContent = "";
    const yes = el("button", { type: "button", class: BUTTON, text: this.t.wissen_ja });
    const no = el("button", { type: "button", class: BUTTON, text: this.t.wissen_nee });
    no.addEventListener("click", () => { this.startBox.textContent = ""; start.focus(); });
    yes.addEventListener("click", () => {
      const kept = { data: this.collect(), present: [...this.present], editing: this.editing };
      this.startOver();
      const undo = el("button", { type: "button", class: BUTTON, text: this.t.ongedaan });
      undo.addEventListener("click", () => {
        this.editing = kept.editing;
        this.load(kept.data);
        this.present = new Set(kept.present);
        this.save(kept.data);
        this.update(this.collect(), null);
        document.getElementById(idOf(["titel"])).focus();
      });
      this.startBox.append(undo);
    });
    this.startBox.append(el("span", { role: "alert", text: this.t.wissen_vraag }), " ", yes, " ", no);
    no.focus();
  }

  startOver() {
    try { localStorage.removeItem(this.draftKey()); } catch (error) { /* nothing kept */ }
    this.editing = null;
    this.published = null;
    history.replaceState(null, "", location.pathname);
    this.load(null);
    this.update(this.collect(), null);
    this.saved.textContent = this.t.leeg_begonnen;
    document.getElementById(idOf(["titel"])).focus();
  }

  // -- import ----------------------------------------------------------------------------------
  importer() {
    const box = el("textarea", { id: "inlezen-tekst", rows: 6, "aria-describedby": "inlezen-hulp" });
    const file = el("input", { type: "file", id: "inlezen-bestand", accept: ".yaml,.yml,text/yaml" });
    const go = el("button", { type: "button", class: BUTTON, id: "inlezen", text: this.t.lees_in });
    go.addEventListener("click", () => this.importText(box.value));
    file.addEventListener("change", () => {
      const chosen = file.files[0];
      if (chosen) chosen.arrayBuffer().then((buffer) => { box.value = new TextDecoder("utf-8").decode(buffer); this.importText(box.value); });
    });
    return el("details", { class: "editor__inlezen" }, el("summary", { text: this.t.inlezen }),
      el("p", { id: "inlezen-hulp", class: "veld__hulp", text: this.t.inlezen_uitleg }),
      el("label", { for: "inlezen-tekst", text: this.t.plak }), box,
      el("label", { for: "inlezen-bestand", text: this.t.open_bestand }), file, el("p", {}, go));
  }

  importText(text) {
    const { data, problems } = checkText(text, this.g);
    if (data && jsonType(data) === "object") {
      this.load(data);
      this.save(this.collect());
    }
    this.show(problems, true);
    this.update(this.collect(), null);
    this.summary.hidden ? this.ready.focus() : this.summary.focus();
  }
}

function start() {
  if (!root) return;
  fetch(root.getAttribute("data-gegevens")).then((response) => response.json()).then((gegevens) => {
    const editor = new Editor(gegevens, gegevens.editor);
    window.praktijkEditor = editor;  // for a look in the browser's console, nothing else
    const wanted = editor.editing;
    if (wanted && /^[a-z0-9-]+$/.test(wanted)) {
      fetch(`${root.getAttribute("data-basis")}${gegevens.praktijken}${wanted}.yaml`).then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then((text) => editor.openPublished(text),
              () => { editor.editing = null; editor.load(null); editor.update(editor.collect(), null); });
      return;
    }
    if (editor.restore()) {
      editor.update(editor.collect(), null);
      return;
    }
    editor.load(null);
    editor.update(editor.collect(), null);
  });
}

start();
