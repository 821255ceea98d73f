// Search benchmark: what a reader's browser downloads for one search of a built archive.
//   node tests/browser/search-bytes.mjs PUBLIC_DIR [QUERY ...]
// Serves PUBLIC_DIR on a free local port, opens /search/?q=QUERY in headless Chromium for each
// query (a fresh page, so nothing is cached between queries), waits for the results, applies
// the first person facet, types a longer query, and prints the bytes fetched for search (the
// page's script and the files under /search-index/) by kind of file, plus the time to the first
// results. Run it after `dateline build` of a generated archive.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, resolve, extname, normalize } from "node:path";

const root = resolve(process.argv[2] || "public");
const queries = process.argv.slice(3).length ? process.argv.slice(3) : ["government", "minister said", "election"];
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".wasm": "application/wasm",
};

const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path.includes("..")) { res.writeHead(403).end(); return; }
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream", "content-length": body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const kind = (url) => {
  const m = new URL(url).pathname.match(/\/search-index\/(manifest|terms|docs)\b|\/(search\.js)$/);
  if (!m) return null;
  return m[1] || "js";
};

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
const kb = (n) => (n / 1024).toFixed(1) + " KB";
try {
  for (const q of queries) {
    const page = await browser.newPage();
    const bytes = {};
    let phase = "query";
    const count = async (response) => {
      const what = kind(response.url());
      if (!what) return;
      try {
        const n = (await response.body()).length;
        const key = `${phase}:${what}`;
        bytes[key] = (bytes[key] || 0) + n;
      } catch {}
    };
    page.on("response", count);
    const started = Date.now();
    await page.goto(base + "search/?q=" + encodeURIComponent(q));
    await page.waitForSelector(".result h2 a", { timeout: 60000 });
    const firstResults = Date.now() - started;
    await page.waitForSelector("#search-results:not([aria-busy])", { timeout: 60000 });
    const allResults = Date.now() - started;
    const results = await page.locator(".result").count();
    await page.waitForLoadState("networkidle");
    phase = "facet";
    const person = page.locator('.facet input[name="person"]').first();
    await person.waitFor({ timeout: 60000 });
    await person.check();
    await page.waitForFunction(() => /person=/.test(location.search) && !/Searching/.test(document.getElementById("search-status").textContent), null, { timeout: 60000 });
    await page.waitForLoadState("networkidle");
    // A second query typed into the loaded page: what a reader waits for once the search is open.
    phase = "typed";
    const typed = Date.now();
    const firstHref = await page.locator(".result h2 a").first().getAttribute("href");
    await page.fill("#search-q", q + " port");
    await page.waitForFunction((h) => {
      const a = document.querySelector(".result h2 a");
      return !a || a.getAttribute("href") !== h || /port/.test(location.search);
    }, firstHref, { timeout: 60000 });
    await page.waitForFunction(() => /port/.test(location.search) && !/Searching/.test(document.getElementById("search-status").textContent), null, { timeout: 60000 });
    const secondQuery = Date.now() - typed;
    const sum = (p) => Object.entries(bytes).filter(([k]) => k.startsWith(p)).reduce((a, [, v]) => a + v, 0);
    console.log(`query "${q}": first results in ${firstResults} ms, all ${results} of the first page in ${allResults} ms (page load included); "${q} port" typed next: ${secondQuery} ms (150 ms typing pause included)`);
    for (const [k, v] of Object.entries(bytes).sort()) console.log(`  ${k.padEnd(18)} ${kb(v)}`);
    console.log(`  total for the query ${kb(sum("query"))} (of which the script ${kb(bytes["query:js"] || 0)}), then the facet ${kb(sum("facet"))}, then the typed query ${kb(sum("typed"))}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
