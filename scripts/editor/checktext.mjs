// The editor's checker outside the browser, for the test that compares it with `check`
// (tests/test_checkers_agree.py): reads {"gegevens": ..., "teksten": [...], "namen": [...]}
// as JSON on standard input and writes, per text, every problem as data with the Dutch
// words the editor shows for it, as a file's problem and as a form's; and, per name (a
// title), the file name the editor gives it. Bundled by that test with
// esbuild, from the same sources as the editor.
import { readFileSync } from "node:fs";
import { checkText } from "./src/check.js";
import { fieldLabel, render } from "./src/words.js";
import { slugFor } from "./src/yamlio.js";

const { gegevens, teksten, namen = [] } = JSON.parse(readFileSync(0, "utf-8"));
const results = teksten.map((text) => checkText(text, gegevens).problems.map((problem) => {
  const file = render(problem, gegevens);
  const form = render(problem, gegevens, problem.field.length
    ? { sleutel: fieldLabel(problem.field, gegevens.schema, gegevens.editor) } : {});
  return { ...problem, woorden: [file.melding, file.oplossing], formulier: [form.melding, form.oplossing] };
}));
process.stdout.write(JSON.stringify({ problemen: results, namen: namen.map(slugFor) }));
