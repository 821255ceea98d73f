// WCAG 2.2 AA over the built archive with axe-core, the way a newsroom's web team would audit it:
// every kind of page, in the light and the dark colour scheme, on a desktop and on a phone.
//
// The pages are chosen from the build itself, so a new kind of page is audited without touching
// this file: one or two pages per `<body class="page-KIND">` and first path segment (so each
// index — people, places, tags… — and each of its term pages counts as its own kind), plus every
// article that is the first to show a feature with its own markup (code, notes, corrections,
// figures, wire copy). The archive is served to the browser from the build folder through
// Playwright's request routing, so no server or port is involved.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// Serious and critical violations fail; so does any violation of these rules, whatever axe rates
// its impact, because the archive once shipped them (two unlabelled search landmarks on /search/).
const ALWAYS_FAIL = new Set(["landmark-unique"]);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

const ORIGIN = "http://archive.test";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg", ".webp": "image/webp", ".xml": "application/xml", ".jsonld": "application/ld+json",
  ".txt": "text/plain", ".bin": "application/octet-stream",
};

/// Serves `root` at ORIGIN to every page of `context`: folders answer with their index.html,
/// anything missing with the archive's own 404 page.
export async function serveFolder(context, root) {
  await context.route(ORIGIN + "/**", async (route) => {
    const url = new URL(route.request().url());
    let path = join(root, decodeURIComponent(url.pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (!path.startsWith(root) || !existsSync(path)) {
      return route.fulfill({ status: 404, contentType: TYPES[".html"], body: readFileSync(join(root, "404.html")) });
    }
    return route.fulfill({ status: 200, contentType: TYPES[extname(path)] || "application/octet-stream", body: readFileSync(path) });
  });
}

function pagesUnder(dir, root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pagesUnder(path, root, out);
    else if (entry.name === "index.html") out.push(path.slice(root.length, path.length - "index.html".length));
  }
  return out;
}

// Markup that only some articles have, each of which must be audited at least once.
const FEATURES = {
  code: /<pre class="code/, notes: /class="note-toggle/, corrections: /class="corrections"/,
  figure: /<figure/, wire: /class="story format-wire/, markdown: /class="story format-markdown/,
};

/// The addresses to audit: one or two of every kind of page, and an article per feature.
export function pagesToAudit(root) {
  const byKind = new Map();
  const features = new Set();
  const chosen = [];
  for (const url of pagesUnder(root, root)) {
    const html = readFileSync(join(root, url, "index.html"), "utf8");
    const kind = (html.match(/<body class="page-([\w-]+)/) || [, "other"])[1];
    const section = url.split("/")[1] || "";
    const key = /^\d+$/.test(section) || kind === "front" ? kind : `${kind} ${section}`;
    const seen = byKind.get(key) || 0;
    let take = seen < (kind === "article" ? 1 : 2);
    if (kind === "article") {
      for (const [name, pattern] of Object.entries(FEATURES)) {
        if (!features.has(name) && pattern.test(html)) { features.add(name); take = true; }
      }
    }
    byKind.set(key, seen + 1);
    if (take) chosen.push(url);
  }
  // The page a reader sees after searching, with results and facets, and the missing page.
  chosen.push("/search/?q=harbour", "/no-such-page/");
  return { urls: chosen, kinds: [...byKind.keys()], features: [...features] };
}

const SCHEMES = ["light", "dark"];
const SCREENS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/// Runs axe over every page in both schemes and on both screens; returns the failures (one
/// line per rule, page and setting, with the first offending elements) and a summary.
export async function auditArchive(browser, root) {
  const { urls, kinds, features } = pagesToAudit(root);
  const failures = [];
  const minor = new Map();
  let runs = 0;
  for (const [screen, viewport] of Object.entries(SCREENS)) {
    const context = await browser.newContext({ viewport });
    await serveFolder(context, root);
    const page = await context.newPage();
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of urls) {
        await page.goto(ORIGIN + url, { waitUntil: "load" });
        if (url.startsWith("/search/?")) {
          await page.waitForSelector(".result", { timeout: 20000 });
          await page.waitForSelector("#search-results:not([aria-busy])", { timeout: 20000 });
        }
        if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate((tags) => window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
          rules: { "target-size": { enabled: true } },
          resultTypes: ["violations"],
        }).then((r) => r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(" ")}${n.any[0] ? ` (${n.any[0].message})` : ""}`),
        }))), TAGS);
        runs += 1;
        for (const v of violations) {
          if (v.impact === "serious" || v.impact === "critical" || ALWAYS_FAIL.has(v.id)) {
            const shown = v.nodes.slice(0, 3).join("\n         ");
            failures.push(`${url} [${scheme}, ${screen}] ${v.impact} ${v.id}: ${v.help}; ${v.nodes.length} element(s):\n         ${shown}`);
          } else {
            minor.set(v.id, (minor.get(v.id) || 0) + v.nodes.length);
          }
        }
      }
    }
    await context.close();
  }
  const lesser = [...minor].map(([id, n]) => `${id} ×${n}`).join(", ") || "none";
  return {
    failures,
    summary: `${urls.length} pages (${kinds.length} kinds; articles with ${features.join(", ")}) × 2 schemes × 2 screens = ${runs} audits; moderate or minor findings: ${lesser}`,
  };
}
