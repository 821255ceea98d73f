// Browser tests of dateline's archive, as a reader meets it, in headless Chromium:
//   1. archivists' notes work with the keyboard (issue: annotations),
//   2. `dateline serve` reloads a page by itself when its article is edited (preview),
//   3. the search page finds an article, narrows by a facet, and downloads little (search),
//   4. every exported Web Annotation anchors in Apache Annotator by position and by strict quote,
//   5. every kind of page passes axe-core's WCAG 2.2 AA rules in both colour schemes, on a desktop
//      and on a phone (axe.mjs),
//   6. opened from disk (file://), a `--local` build's links lead to pages with JavaScript on and
//      off, and the search page says why it cannot search there and what to do,
//   7. the lead picture is fetched at once with its size, no picture is shown larger than its
//      pixels, and search results arrive without shifting the page; the cards of list pages
//      and search results state their pictures' sizes and do not shift either.
// Usage: node run.mjs PATH/TO/dateline   (CHROMIUM=/usr/bin/chromium by default; ONLY=WORDS
// runs the checks whose name contains WORDS)
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import assert from "node:assert/strict";
import net from "node:net";

// Sums the page's layout shifts that no input caused into window.__shift (the Cumulative
// Layout Shift a reader sees), from before the first paint.
function countLayoutShift() {
  window.__shift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
  }).observe({ type: "layout-shift", buffered: true });
}
import { auditArchive } from "./axe.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const binary = resolve(process.argv[2] || join(repo, "target", "debug", "dateline"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

function sampleSite() {
  const dir = mkdtempSync(join(tmpdir(), "dateline-browser-"));
  for (const entry of ["site.toml", "content", "templates", "static", "data"]) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

async function serve(root) {
  const port = await freePort();
  const child = spawn(binary, ["serve", "--port", String(port)], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("serve did not start:\n" + log)), 120000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/Serving the archive at (http:\/\/[^ ]+\/)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on("exit", (code) => fail(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return { url, stop: () => child.kill(), log: () => log };
}

const results = [];
// ONLY=WORDS runs just the checks whose name contains them.
async function check(name, fn) {
  if (process.env.ONLY && !name.includes(process.env.ONLY)) return;
  const started = Date.now();
  try {
    await fn();
    results.push(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push(`FAIL ${name}\n     ${String(e.stack || e).split("\n").join("\n     ")}`);
  }
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const site = sampleSite();
const server = await serve(site);

// Apache Annotator's DOM matchers, bundled for the page (the package ships ES modules that
// import Babel's runtime, which a browser cannot load by bare name).
const annotator = buildSync({
  stdin: {
    contents: 'export { createTextPositionSelectorMatcher, createTextQuoteSelectorMatcher } from "@apache-annotator/dom";',
    resolveDir: here,
  },
  bundle: true,
  format: "iife",
  globalName: "ApacheAnnotator",
  write: false,
  logLevel: "silent",
}).outputFiles[0].text;

function filesNamed(dir, name, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesNamed(path, name, out);
    else if (entry.name === name) out.push(path);
  }
  return out.sort();
}

// Runs in the page: anchors each exported annotation the way the README defines its text (the
// text content of `.story-body` without the note UI) and reports what each matcher selected.
async function anchorInPage(items) {
  const body = document.querySelector(".story-body");
  body.querySelectorAll("[data-note-ui]").forEach((e) => e.remove());
  const offset = (node, at) => {
    const r = document.createRange();
    r.setStart(body, 0);
    r.setEnd(node, at);
    return r.toString().length;
  };
  const span = (r) => [offset(r.startContainer, r.startOffset), offset(r.endContainer, r.endOffset)];
  const all = async (matcher) => {
    const found = [];
    for await (const r of matcher(body)) found.push({ at: span(r), text: r.toString() });
    return found;
  };
  const out = [];
  for (const item of items) {
    const fragment = decodeURIComponent(item.id.split("#")[1] || "");
    // The marked words: every segment of the note's highlight, else the element its id names.
    let segments = [...body.querySelectorAll("mark[data-note]")].filter((m) => m.dataset.note === fragment);
    if (!segments.length && document.getElementById(fragment)) segments = [document.getElementById(fragment)];
    let marked = null;
    if (segments.length) {
      const r = document.createRange();
      r.setStartBefore(segments[0]);
      r.setEndAfter(segments[segments.length - 1]);
      marked = { at: span(r), text: r.toString() };
    }
    const selectors = item.target.selector || [];
    const quote = selectors.find((s) => s.type === "TextQuoteSelector");
    const position = selectors.find((s) => s.type === "TextPositionSelector");
    out.push({
      id: item.id,
      exact: quote && quote.exact,
      marked,
      byPosition: position ? await all(ApacheAnnotator.createTextPositionSelectorMatcher(position)) : null,
      byQuote: quote ? await all(ApacheAnnotator.createTextQuoteSelectorMatcher(quote)) : null,
    });
  }
  return { results: out, buttons: [...document.querySelectorAll(".story-body .note-toggle")].map((b) => (b.textContent.match(/\d+\s*$/) || [""])[0].trim()) };
}

try {
  await check("every exported Web Annotation anchors by position and by strict quote (Apache Annotator)", async () => {
    const built = sampleSite();
    try {
      execFileSync(binary, ["build", "--quiet", "--output", join(built, "public")], { cwd: built, stdio: ["ignore", "ignore", "pipe"] });
      const exports = filesNamed(join(built, "public"), "annotations.jsonld");
      assert.ok(exports.length >= 5, `only ${exports.length} annotated articles in the sample`);
      const problems = [];
      let notes = 0;
      const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
      for (const file of exports) {
        const html = join(dirname(file), "index.html");
        const doc = JSON.parse(readFileSync(file, "utf8"));
        const items = doc.first.items;
        await page.goto(pathToFileURL(html).href);
        await page.addScriptTag({ content: annotator });
        const { results, buttons } = await page.evaluate(anchorInPage, items);
        const where = html.slice(join(built, "public").length);
        const numbers = buttons.map((_, i) => String(i + 1));
        if (buttons.join(" ") !== numbers.join(" ")) {
          problems.push(`${where}: note buttons read ${buttons.join(", ")} in reading order`);
        }
        for (const r of results) {
          notes += 1;
          const show = (list) => list.map((m) => `${JSON.stringify(m.text)} at ${m.at}`).join("; ") || "nothing";
          if (!r.marked) { problems.push(`${r.id}: no element on the page has this id`); continue; }
          const exact = (list) => list.length === 1 && list[0].at.join() === r.marked.at.join() && list[0].text === r.marked.text;
          if (!r.byPosition || !exact(r.byPosition)) {
            problems.push(`${r.id}: TextPositionSelector selects ${show(r.byPosition || [])}, not the marked ${JSON.stringify(r.marked.text)} at ${r.marked.at}`);
          }
          if (!r.byQuote || !exact(r.byQuote)) {
            problems.push(`${r.id}: TextQuoteSelector selects ${show(r.byQuote || [])}, not the marked ${JSON.stringify(r.marked.text)} at ${r.marked.at}`);
          }
          if (r.exact !== r.marked.text) problems.push(`${r.id}: exact ${JSON.stringify(r.exact)} is not the marked words ${JSON.stringify(r.marked.text)}`);
        }
      }
      await page.close();
      results.push(`     (${notes} notes in ${exports.length} articles; ${problems.length} problems)`);
      assert.equal(problems.length, 0, problems.join("\n"));
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });

  await check("every kind of page passes axe-core (WCAG 2.2 AA), light and dark, desktop and phone", async () => {
    const built = sampleSite();
    try {
      execFileSync(binary, ["build", "--quiet", "--output", join(built, "public")], { cwd: built, stdio: ["ignore", "ignore", "pipe"] });
      const { failures, summary } = await auditArchive(browser, join(built, "public"));
      results.push(`     (${summary}; ${failures.length} serious or critical)`);
      assert.equal(failures.length, 0, failures.join("\n"));
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });

  await check("notes open and close with the keyboard on a narrow screen", async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(server.url + "2021/10/13/energy-talks/");
    const toggle = page.locator(".note-toggle").first();
    const noteId = await toggle.getAttribute("aria-controls");
    const note = page.locator("#" + noteId);
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await note.isVisible(), false, "a note starts folded on a phone");
    await toggle.focus();
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.equal(await note.isVisible(), true, "Enter shows the note");
    await page.keyboard.press("Escape");
    assert.equal(await note.isVisible(), false, "Escape folds it again");
    assert.equal(await page.evaluate(() => document.activeElement.className), "note-toggle kind-context");
    await page.keyboard.press("Space");
    assert.equal(await note.isVisible(), true, "Space works like Enter");
    // Reachable by Tab from the start of the page.
    await page.goto(server.url + "2021/10/13/energy-talks/");
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement.classList.contains("note-toggle"));
    }
    assert.ok(reached, "a note toggle is in the tab order");
    await page.close();
  });

  await check("notes stand in the margin on a wide screen", async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(server.url + "2021/10/13/energy-talks/");
    const note = page.locator(".note").first();
    assert.ok(await note.isVisible(), "visible without a click");
    const box = await note.boundingBox();
    const body = await page.locator(".story-body p").first().boundingBox();
    assert.ok(box.x > body.x + body.width - 5, `note at x=${box.x} is right of the text column ending at ${body.x + body.width}`);
    assert.equal(await page.locator(".note-toggle").first().getAttribute("aria-expanded"), "true");
    await page.close();
  });

  await check("an edited article reloads the open page by itself", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "2021/10/13/lisbon-energy-week/");
    const headline = page.locator("h1.headline");
    assert.match(await headline.textContent(), /Lisbon locks down its riverfront/);
    await page.evaluate(() => { window.__marker = "still here"; });
    const file = join(site, "content", "2021", "lisbon-energy-week.md");
    const started = Date.now();
    writeFileSync(file, readFileSync(file, "utf8").replace("Lisbon locks down its riverfront", "Lisbon seals off its riverfront"));
    await page.waitForFunction(() => document.querySelector("h1.headline")?.textContent.includes("seals off"), null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__marker), undefined, "the page was reloaded, not patched");
    results.push(`     (edit to reloaded page: ${Date.now() - started} ms)`);
    // A broken edit shows the error overlay and keeps the page.
    writeFileSync(join(site, "content", "broken.md"), "+++\ntitel = \"x\"\n+++\nBody.\n");
    await page.waitForSelector("#dateline-build-error", { timeout: 20000 });
    assert.match(await page.locator("#dateline-build-error").textContent(), /unknown key `titel`/);
    rmSync(join(site, "content", "broken.md"));
    await page.waitForFunction(() => !document.getElementById("dateline-build-error"), null, { timeout: 20000 });
    await page.close();
  });

  await check("search finds, narrows by a facet, and keeps the query in the address", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    let indexBytes = 0;
    page.on("response", async (response) => {
      if (response.url().includes("/search-index/")) {
        try { indexBytes += (await response.body()).length; } catch {}
      }
    });
    await page.goto(server.url);
    await page.fill("#masthead-q", "ammonia");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\/\?q=ammonia/);
    await page.waitForSelector(".result h2 a", { timeout: 20000 });
    await page.waitForSelector("#search-results:not([aria-busy])", { timeout: 20000 });
    const first = await page.locator(".result h2 a").first().textContent();
    assert.match(first, /ammonia/i, `first result: ${first}`);
    const before = await page.locator(".result").count();
    // Narrow by the first place facet that does not cover every result.
    const facets = page.locator('.facet input[name="place"]');
    await facets.first().waitFor({ timeout: 20000 });
    let narrowed = false;
    const n = await facets.count();
    for (let i = 0; i < n && !narrowed; i++) {
      const label = await page.locator('.facet input[name="place"] + label .count').nth(i).textContent();
      if (Number(label) < before) {
        const value = await facets.nth(i).getAttribute("value");
        await facets.nth(i).check();
        await page.waitForFunction((b) => document.querySelectorAll(".result").length < b, before, { timeout: 20000 });
        assert.match(page.url(), new RegExp("place=" + encodeURIComponent(value).replace(/%20/g, "(\\+|%20)")));
        narrowed = true;
      }
    }
    assert.ok(narrowed, "a place facet narrowed the results");
    results.push(`     (bytes from /search-index/ for the query and facet: ${indexBytes})`);
    // The address alone reproduces the search.
    const again = await browser.newPage();
    await again.goto(page.url());
    await again.waitForSelector(".result h2 a", { timeout: 20000 });
    await again.waitForSelector("#search-results:not([aria-busy])", { timeout: 20000 });
    assert.ok((await again.locator(".result").count()) < before);
    await again.close();
    await page.close();
  });

  await check("opened from disk, a --local build follows links to pages, with JavaScript and without", async () => {
    const built = sampleSite();
    try {
      const pub = join(built, "public");
      execFileSync(binary, ["build", "--quiet", "--local", "--output", pub], { cwd: built, stdio: ["ignore", "ignore", "pipe"] });
      for (const javaScriptEnabled of [false, true]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(pathToFileURL(join(pub, "index.html")).href);
        // A story, then the archive by date from its footer, then a year from the archive.
        for (const selector of [".card-headline a", '.footer-links a[href$="archive/index.html"]', ".footer-years a"]) {
          const link = page.locator(selector).first();
          const href = await link.getAttribute("href");
          await link.click();
          await page.waitForLoadState("load");
          const where = `${selector} (${href}) with JavaScript ${javaScriptEnabled ? "on" : "off"}`;
          assert.ok(page.url().startsWith("file:") && page.url().endsWith("/index.html"), `${where} led to ${page.url()}`);
          assert.equal(await page.locator("main#main").count(), 1, `${where}: not an archive page (a folder listing?)`);
        }
        await context.close();
      }
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });

  await check("the search page opened from disk says why it cannot search and what to do", async () => {
    const built = sampleSite();
    try {
      const pub = join(built, "public");
      execFileSync(binary, ["build", "--quiet", "--output", pub], { cwd: built, stdio: ["ignore", "ignore", "pipe"] });
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(pub, "search", "index.html")).href + "?q=ammonia");
      const status = page.locator("#search-status");
      await page.waitForFunction(() => /opened from disk/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 });
      const text = await status.textContent();
      assert.match(text, /cannot work on pages opened from disk/);
      assert.match(text, /dateline serve/);
      assert.match(text, /static web server/);
      const archive = await status.locator("a").getAttribute("href");
      assert.ok(archive.startsWith("file:") && archive.endsWith("/archive/index.html"), archive);
      await page.close();
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });

  await check("the lead picture loads at once at its size; no picture is shown past its pixels", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url + "2022/06/21/setubal-new-harbour/");
      const lead = page.locator(".story-lead img").first();
      assert.equal(await lead.getAttribute("loading"), null, "the lead picture is not lazy");
      assert.ok(Number(await lead.getAttribute("width")) > 0 && Number(await lead.getAttribute("height")) > 0, "width and height");
      await page.waitForFunction(() => [...document.images].every((i) => i.loading === "lazy" || i.complete), null, { timeout: 10000 });
      for (const url of [server.url + "2022/06/21/setubal-new-harbour/", server.url]) {
        await page.goto(url);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
        const blown = await page.evaluate(() => [...document.images]
          .filter((i) => i.naturalWidth && i.getBoundingClientRect().width > i.naturalWidth + 0.5)
          .map((i) => `${i.getAttribute("src")}: ${Math.round(i.getBoundingClientRect().width)} px wide, ${i.naturalWidth} px of picture`));
        assert.deepEqual(blown, [], `${url} at ${viewport.width} px`);
      }
      await page.close();
    }
  });

  await check("search results arrive without moving the page (layout shift)", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript(countLayoutShift);
      await page.goto(server.url + "search/?q=harbour");
      await page.waitForSelector(".result h2 a", { timeout: 20000 });
      await page.waitForSelector("#search-results:not([aria-busy])", { timeout: 20000 });
      await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => window.__shift);
      results.push(`     (layout shift at ${viewport.width} px: ${shift.toFixed(4)})`);
      assert.ok(shift < 0.01, `layout shift ${shift.toFixed(3)} at ${viewport.width} px`);
      await page.close();
    }
  });

  await check("list pages and search results state their pictures' sizes, never enlarge them, and do not shift", async () => {
    // The sample's harbour picture (400 px wide) has no smaller copies: its cards show the
    // original, at the size its header states.
    const pages = ["", "2022/06/21/", "tags/ports/", "photographers/marta-quintela/", "search/?q=harbour"];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript(countLayoutShift);
      for (const path of pages) {
        const where = `/${path} at ${viewport.width} px`;
        const response = await page.goto(server.url + path);
        assert.equal(response.status(), 200, where);
        if (path.startsWith("search")) {
          await page.waitForSelector(".result.has-image img", { timeout: 20000 });
          await page.waitForSelector("#search-results:not([aria-busy])", { timeout: 20000 });
        }
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
        await page.waitForTimeout(300);
        const report = await page.evaluate(() => ({
          count: document.images.length,
          unsized: [...document.images].filter((i) => !(Number(i.getAttribute("width")) > 0 && Number(i.getAttribute("height")) > 0)).map((i) => i.getAttribute("src")),
          blown: [...document.images]
            .filter((i) => i.naturalWidth && i.getBoundingClientRect().width > i.naturalWidth + 0.5)
            .map((i) => `${i.getAttribute("src")}: ${Math.round(i.getBoundingClientRect().width)} px wide, ${i.naturalWidth} px of picture`),
          shift: window.__shift,
        }));
        assert.ok(report.count > 0, `${where}: no pictures to check`);
        assert.deepEqual(report.unsized, [], `${where}: pictures without width and height`);
        assert.deepEqual(report.blown, [], `${where}: pictures shown larger than their pixels`);
        assert.ok(report.shift < 0.01, `${where}: layout shift ${report.shift.toFixed(3)}`);
      }
      await page.close();
    }
  });
} finally {
  server.stop();
  await browser.close();
  rmSync(site, { recursive: true, force: true });
}

console.log(results.join("\n"));
if (results.some((r) => r.startsWith("FAIL"))) process.exit(1);
