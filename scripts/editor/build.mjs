// Bundles the editor (src/main.js and the libraries pinned in package-lock.json)
// into docs/assets/editor/editor.js: `python3 scripts/dev.py editor`. The bundle
// is committed, so building the site needs no Node.js; a test bundles again and
// compares, so the committed file is always what these sources and the lock give.
import { build } from "esbuild";

const out = process.argv[2] || "../../docs/assets/editor/editor.js";
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  outfile: out,
  logLevel: "error",
});
