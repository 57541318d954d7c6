// The editor's checker, as `check` runs it (validate.validate_loaded): load.js reads the
// text, rules.js applies the rules to what it read.
import { jsonType, loadText } from "./load.js";
import { checkData, unique } from "./rules.js";

export function checkText(text, gegevens) {
  const { loaded, problems } = loadText(text, gegevens);
  // As validate_loaded: read data is checked even after a duplicate key (the last one counts).
  if (!loaded.data || jsonType(loaded.data) !== "object") return { data: loaded.data, problems };
  return { data: loaded.data, problems: unique([...problems, ...checkData(loaded.data, gegevens, loaded)]) };
}
