// The editor's checker outside the browser, for the test that compares it with `check`
// (tests/test_checkers_agree.py, test_contributors.py): reads {"gegevens", "teksten", "namen", "mails"}
// as JSON on standard input and writes, per text, every problem as data with the Dutch
// words the editor shows for it, as a file's problem and as a form's; and, per name (a
// title), the file name the editor gives it; per mail ([title, file name, file text]) the
// mailto: link of the hand-off to the redactie. Bundled by that test with
// esbuild, from the same sources as the editor.
import { readFileSync } from "node:fs";
import { checkText } from "./src/check.js";
import { fieldLabel, formFix, render } from "./src/words.js";
import { mailLink, slugFor } from "./src/yamlio.js";

const { gegevens, teksten, namen = [], mails = [] } = JSON.parse(readFileSync(0, "utf-8"));
const results = teksten.map((text) => checkText(text, gegevens).problems.map((problem) => {
  const file = render(problem, gegevens);
  const label = fieldLabel(problem.field, gegevens.schema, gegevens.editor);
  const form = render(problem, gegevens, problem.field.length ? { sleutel: label } : {});
  return { ...problem, woorden: [file.melding, file.oplossing], formulier: [form.melding, formFix(problem, gegevens, label)] };
}));
const links = mails.map(([title, fileName, text, sender]) => mailLink("redactie@voorbeeld.nl", gegevens.editor, title, fileName, text, sender));
process.stdout.write(JSON.stringify({ problemen: results, namen: namen.map(slugFor), mails: links }));
