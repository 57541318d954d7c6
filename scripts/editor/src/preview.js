// The case page as it will look, from the form's data: headings, lists, links,
// Thema's and Bronnen, as case.md.j2 lays them out. Markdown through marked, with
// every "<" and "&" escaped first (HTML is shown as the text it is, as check
// refuses it anyway), the result through DOMPurify: a contributor's text is
// shown as text, never run as HTML.
import DOMPurify from "dompurify";
import { marked } from "marked";
import { el } from "./dom.js";

const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

// Contributors' headings go below the page's own (### and lower), as render.contributed_markdown does.
function contributed(text) {
  let fenced = false;
  return String(text).split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) line = line.replace(/^(#{1,6})(?=\s)/, (m) => "#".repeat(Math.max(m.length, 3)));
    return line;
  }).join("\n");
}

function markdownBlock(text) {
  const block = el("div", { class: "voorbeeld__markdown" });
  block.innerHTML = DOMPurify.sanitize(marked.parse(escape(contributed(text)), { async: false }));
  return block;
}

export function preview(box, data, gegevens) {
  box.textContent = "";
  const article = el("article", { class: "voorbeeld md-typeset" });
  article.append(el("h1", {}, data.titel || gegevens.editor.zonder_titel));
  const place = [data.gemeente, data.regio].filter(Boolean).join(" · ");
  if (place || data.provincie) article.append(el("p", { class: "voorbeeld__plaats" }, [place, data.provincie].filter(Boolean).join(", ")));
  if (data.samenvatting) article.append(el("p", { class: "voorbeeld__samenvatting" }, data.samenvatting));
  const terms = [];
  for (const [key, list] of Object.entries(gegevens.termen)) {
    for (const slug of Array.isArray(data[key]) ? data[key] : []) {
      const term = list.find((t) => t.slug === slug);
      if (term) terms.push(term.label);
    }
  }
  if (terms.length) {
    article.append(el("h2", {}, gegevens.koppen.themas));
    const ul = el("ul");
    terms.forEach((label) => ul.append(el("li", {}, label)));
    article.append(ul);
  }
  for (const key of ["aanpak", "resultaten"]) {
    if (typeof data[key] === "string" && data[key].trim()) article.append(el("h2", {}, gegevens.koppen[key]), markdownBlock(data[key]));
  }
  for (const [key, ordered] of [["lessen", false], ["partners", false], ["bronnen", true]]) {
    const items = Array.isArray(data[key]) ? data[key] : [];
    if (!items.length) continue;
    const list = el(ordered ? "ol" : "ul");
    for (const item of items) {
      if (typeof item === "string") { list.append(el("li", {}, item)); continue; }
      const li = el("li");
      const title = item.titel || "";
      if (item.url && /^https?:\/\//i.test(item.url)) li.append(el("a", { href: item.url, rel: "nofollow noopener" }, title));
      else li.append(title);
      const rest = [item.uitgever, item.jaar].filter((v) => v !== undefined && v !== "").join(", ");
      if (rest) li.append(` (${rest})`);
      if (item.toelichting) li.append(`. ${item.toelichting}`);
      list.append(li);
    }
    article.append(el("h2", {}, gegevens.koppen[key]), list);
  }
  box.append(article);
}
