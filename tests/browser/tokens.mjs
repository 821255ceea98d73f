// The search page must cut a query into the same terms as the index builder cuts articles.
// This runs the page's own word functions (static/search.js) over every row of the table in
// src/search/tokens.rs and fails on any difference.
//   node tests/browser/tokens.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const page = readFileSync(repo + "static/search.js", "utf8");
const from = page.indexOf("const WORD =");
const to = page.indexOf("// ---- The index files.");
assert.ok(from > 0 && to > from, "static/search.js lost its word functions section");
const { fold, words, stem } = new Function("manifest", page.slice(from, to) + "; return { fold, words, stem };")({ english: true });

const rust = readFileSync(repo + "src/search/tokens.rs", "utf8");
const table = rust.slice(rust.indexOf("fn one_row_per_rule"));
const rows = [...table.matchAll(/\("((?:[^"\\]|\\.)*)", &\[((?:"(?:[^"\\]|\\.)*",? ?)*)\]\)/g)];
assert.ok(rows.length >= 8, `found only ${rows.length} rows in src/search/tokens.rs`);
for (const [, text, list] of rows) {
  const expected = [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  assert.deepEqual(words(fold(text)).map(stem), expected, text);
}
console.log(`ok   the search page cuts all ${rows.length} table rows into the index's terms`);
