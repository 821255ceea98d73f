// dateline — the search page. It reads the index `dateline build` writes to search-index/ (the
// layout is described in src/search/index.rs): a small manifest, then only the term shards and
// article files a query needs. The query, order and facets live in the address
// (/search/?q=ribeiro&place=Lisbon), so a search can be linked and the back button works.
const FACETS = [
  ["person", "People"],
  ["place", "Places"],
  ["organisation", "Organisations"],
  ["agency", "Agencies"],
  ["photographer", "Photographers"],
  ["year", "Year"],
];
const PAGE = 20;
const FIRST_ROUND = 6;
const EXCERPT_WORDS = 30;
// A last word typed this long or longer also matches the words it begins ("minis" → "minister").
const PREFIX_MIN = 3;
// How many shards a prefix may pull in; a short prefix of a common stem stops there.
const PREFIX_SHARDS = 2;

const root = new URL(document.querySelector('link[rel="home"]').href);
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const order = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const facetBox = document.getElementById("search-facets");

let manifest;
let shown = PAGE;
let run = 0;

// ---- Words: the same rules as src/search/tokens.rs, which has the table of examples. ----

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const NOT_PLURALS = new Set(["always", "economics", "news", "perhaps", "politics", "series", "species", "this"]);

function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/ς/g, "σ");
}

function clean(word) {
  for (const possessive of ["'s", "’s"]) if (word.endsWith(possessive)) word = word.slice(0, -2);
  return word.replace(/['’]/g, "");
}

function words(folded) {
  return Array.from(folded.matchAll(WORD), (m) => clean(m[0]));
}

function stem(word) {
  if (!manifest.english || [...word].length < 4 || /[0-9]/.test(word) || NOT_PLURALS.has(word)) return word;
  let base;
  if (word.endsWith("ies") && !/[ea]$/.test((base = word.slice(0, -3)))) return base + "y";
  if (word.endsWith("es") && !/[aeo]$/.test((base = word.slice(0, -2)))) return base + "e";
  if (word.endsWith("s") && !/[us]$/.test((base = word.slice(0, -1)))) return base;
  return word;
}

// ---- The index files. ----

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const shardCache = new Map();
const docCache = new Map();

async function fetchIndexFile(path, cache) {
  const response = await fetch(new URL(`search-index/${path}${manifest ? `?v=${manifest.build}` : ""}`, root), cache ? { cache } : {});
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Files are gzipped; a host that already sent them with Content-Encoding: gzip has had
  // the browser unpack them.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Terms are sorted by their UTF-8 bytes, which is not JavaScript's string order.
function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function shardOf(term) {
  const key = encoder.encode(term);
  let lo = 0, hi = manifest.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (compareBytes(manifest.starts[mid], key) <= 0) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function shard(i) {
  if (!shardCache.has(i)) {
    const loading = fetchIndexFile(`terms/${i}.bin`).then(decodeShard);
    loading.catch(() => shardCache.delete(i));
    shardCache.set(i, loading);
  }
  return shardCache.get(i);
}

function decodeShard(bytes) {
  const terms = new Map();
  let p = 0;
  const varint = () => {
    let value = 0, scale = 1, b;
    do { b = bytes[p++]; value += (b & 0x7f) * scale; scale *= 128; } while (b & 0x80);
    return value;
  };
  while (p < bytes.length) {
    const length = varint();
    const term = decoder.decode(bytes.subarray(p, p + length));
    p += length;
    const n = varint();
    const ids = new Uint32Array(n), weights = new Uint8Array(n);
    let id = 0;
    for (let i = 0; i < n; i++) { id += varint(); ids[i] = id; weights[i] = bytes[p++]; }
    // A weight is BM25's term-frequency part for its article; the word's IDF, the rest of the
    // score, comes from how many of the archive's articles have it.
    const idf = Math.log(1 + (manifest.articles - n + 0.5) / (n + 0.5));
    terms.set(term, { ids, weights, idf });
  }
  return terms;
}

async function postings(term) {
  if (!manifest.shards.length) return null;
  return (await shard(shardOf(term))).get(term) || null;
}

// Every indexed word that begins with `prefix`, from the shard that would hold it onwards.
async function prefixed(prefix) {
  const found = [];
  const key = encoder.encode(prefix);
  const startsWith = (bytes) => bytes.length >= key.length && key.every((b, i) => bytes[i] === b);
  for (let i = shardOf(prefix), n = 0; i < manifest.starts.length && n < PREFIX_SHARDS; i++, n++) {
    if (n > 0 && !startsWith(manifest.starts[i])) break;
    for (const [term, list] of await shard(i)) if (term.startsWith(prefix)) found.push([term, list]);
  }
  return found;
}

function doc(id) {
  if (!docCache.has(id)) {
    const loading = fetchIndexFile(`docs/${id}.bin`).then((bytes) => ({ id, ...JSON.parse(decoder.decode(bytes)) }));
    loading.catch(() => docCache.delete(id));
    docCache.set(id, loading);
  }
  return docCache.get(id);
}

function yearOf(id) {
  let year = null;
  for (const [y, first] of manifest.years) if (first <= id) year = String(y); else break;
  return year;
}

// ---- Queries. ----

// Matches `q` and the facets in `filters`: every word must match (the last one also by
// prefix) and every chosen facet value; chosen years are alternatives. Returns ids with
// scores, the query's words as the excerpt will look for them, and the words left out as too
// common.
async function match(q, filters) {
  const typed = words(fold(q));
  // Fetch every shard the query needs at once rather than word after word.
  const wanted = typed.map(stem).filter((t) => !manifest.common.has(t));
  for (const [key] of FACETS) for (const value of filters[key] || []) if (key !== "year") wanted.push(`#${key}:${value}`);
  if (manifest.starts.length) await Promise.all([...new Set(wanted.map(shardOf))].map(shard));
  const terms = [];
  const common = [];
  const sets = [];
  for (const [i, word] of typed.entries()) {
    const term = stem(word);
    if (manifest.common.has(term)) { common.push(word); continue; }
    terms.push(term);
    const scores = new Map();
    const exact = await postings(term);
    if (exact) exact.ids.forEach((id, k) => scores.set(id, exact.weights[k] * exact.idf));
    if (i === typed.length - 1 && word.length >= PREFIX_MIN) {
      for (const [other, list] of await prefixed(word)) {
        if (other === term) continue;
        // A word only begun ranks below the word itself.
        list.ids.forEach((id, k) => scores.set(id, Math.max(scores.get(id) || 0, list.weights[k] * list.idf / 2)));
      }
    }
    sets.push(scores);
  }
  for (const [key] of FACETS) {
    if (key === "year") continue;
    for (const value of filters[key] || []) {
      const list = await postings(`#${key}:${value}`);
      sets.push(new Map(list ? Array.from(list.ids, (id) => [id, 0]) : []));
    }
  }
  const years = new Set(filters.year || []);
  const inYear = (id) => !years.size || years.has(yearOf(id));
  let ids;
  if (sets.length) {
    sets.sort((a, b) => a.size - b.size);
    ids = [];
    for (const [id, score] of sets[0]) {
      let total = score, everywhere = true;
      for (let k = 1; k < sets.length && everywhere; k++) {
        const s = sets[k].get(id);
        if (s === undefined) everywhere = false; else total += s;
      }
      if (everywhere && inYear(id)) ids.push([id, total]);
    }
  } else if (years.size) {
    ids = [];
    for (let id = 0; id < manifest.articles; id++) if (inYear(id)) ids.push([id, 0]);
  } else {
    ids = [];
  }
  const last = typed.length ? typed[typed.length - 1] : "";
  return { ids, terms: new Set(terms), prefix: last.length >= PREFIX_MIN ? last : null, common, searched: sets.length > 0 || years.size > 0 };
}

function sortResults(ids, sort) {
  if (sort === "newest") return ids.sort((a, b) => a[0] - b[0]);
  if (sort === "oldest") return ids.sort((a, b) => b[0] - a[0]);
  return ids.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

// ---- Excerpts. ----

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// The run of EXCERPT_WORDS words of `text` with the most distinct query words, those marked.
function excerpt(text, found) {
  const tokens = Array.from(text.matchAll(WORD), (m) => {
    const word = clean(fold(m[0]));
    const term = stem(word);
    const hit = found.terms.has(term) ? term : found.prefix && word.startsWith(found.prefix) ? found.prefix : null;
    return { start: m.index, end: m.index + m[0].length, hit };
  });
  if (!tokens.length) return "";
  let best = 0, bestCount = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && !tokens[i].hit) continue;
    const distinct = new Set();
    for (let k = i; k < Math.min(tokens.length, i + EXCERPT_WORDS); k++) if (tokens[k].hit) distinct.add(tokens[k].hit);
    if (distinct.size > bestCount) { best = i; bestCount = distinct.size; }
    if (bestCount === found.terms.size + (found.prefix ? 1 : 0)) break;
  }
  // Start a few words before the first match, so it reads in context.
  const first = bestCount > 0 && best > 0 ? Math.max(0, best - 4) : best;
  const end = Math.min(tokens.length, first + EXCERPT_WORDS);
  let html = first > 0 ? "… " : "";
  let at = tokens[first].start;
  for (let k = first; k < end; k++) {
    const t = tokens[k];
    html += escapeHtml(text.slice(at, t.start));
    const word = escapeHtml(text.slice(t.start, t.end));
    html += t.hit ? `<mark>${word}</mark>` : word;
    at = t.end;
  }
  if (end < tokens.length) html += " …";
  return html;
}

// ---- The page. ----

function state() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = values;
  }
  return { q: params.get("q") || "", sort: params.get("sort") || "", filters };
}

function setState(next, push) {
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.sort) params.set("sort", next.sort);
  for (const [key, values] of Object.entries(next.filters)) for (const v of values) params.append(key, v);
  const url = location.pathname + (params.toString() ? "?" + params : "");
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "html") node.innerHTML = v; else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function href(url) {
  return new URL(url.replace(/^\//, ""), root).href;
}

async function search() {
  const mine = ++run;
  const { q, sort, filters } = state();
  input.value = q;
  order.value = sort;
  if (!q && !Object.keys(filters).length) {
    list.removeAttribute("aria-busy");
    list.replaceChildren();
    facetBox.replaceChildren();
    status.textContent = "Type a word or a name; results appear as you type.";
    return;
  }
  status.textContent = "Searching…";
  list.setAttribute("aria-busy", "true");
  try {
    const found = await match(q, filters);
    if (mine !== run) return;
    sortResults(found.ids, sort);
    // All of a page's articles are requested at once; the first few (what a browser fetches in
    // one round from one host) are drawn as soon as they arrive, the rest when all are in.
    const loading = found.ids.slice(0, shown).map(([id]) => doc(id));
    if (loading.length > FIRST_ROUND) {
      const first = await Promise.all(loading.slice(0, FIRST_ROUND));
      if (mine !== run) return;
      draw(found, filters, q, first);
    }
    const items = await Promise.all(loading);
    if (mine !== run) return;
    draw(found, filters, q, items);
    list.removeAttribute("aria-busy");
  } catch (e) {
    if (mine !== run) return;
    status.textContent = "The search index could not be read; reload the page to try again.";
    list.removeAttribute("aria-busy");
  }
}

function draw(found, filters, q, items) {
  const n = found.ids.length;
  const skipped = found.common.length ? ` (“${found.common.join("”, “")}” ${found.common.length === 1 ? "is" : "are"} in too many articles to search by)` : "";
  if (!found.searched) {
    status.textContent = `“${found.common.join("”, “")}” ${found.common.length === 1 ? "is" : "are"} in too many articles to search by; add another word or choose a facet.`;
  } else {
    status.textContent = (n === 0 ? "No articles match" : `${n} article${n === 1 ? "" : "s"}`) + (q ? ` for “${q}”` : "") + skipped + ".";
  }
  renderFacets(found, filters, items);
  list.replaceChildren(...items.map((item) => renderResult(item, found)));
  if (n > shown && items.length === Math.min(n, shown)) {
    const more = el("button", { type: "button", class: "more" }, `Show more (${n - shown} left)`);
    more.addEventListener("click", () => { shown += PAGE; search(); });
    list.append(el("li", { class: "more-row" }, more));
  }
}

function renderResult(item, found) {
  const bits = [item.date, item.dateline].filter(Boolean).join(" · ");
  // The picture's size, when the index knows it, keeps the result's place while it loads.
  const size = item.image_width ? { width: item.image_width, height: item.image_height } : {};
  const image = item.image ? el("img", { src: href(item.image), alt: "", ...size, loading: "lazy" }) : null;
  return el("li", { class: "result" + (image ? " has-image" : "") },
    image ? el("a", { href: href(item.url), class: "result-image", tabindex: "-1", "aria-hidden": "true" }, image) : null,
    el("div", { class: "result-text" },
      el("p", { class: "card-kicker" }, bits),
      el("h2", { class: "card-headline" }, el("a", { href: href(item.url) }, item.title || item.url)),
      el("p", { class: "excerpt", html: excerpt(item.text || "", found) }),
      item.byline ? el("p", { class: "card-byline" }, "By " + item.byline) : null));
}

// Years are exact over every match (ids are in date order, so a year is a range of them).
// Other facets would need every matching article's values, which on a large archive is more
// than the rest of a query together; they are counted over the results on screen, and a
// chosen value narrows the whole list exactly.
function renderFacets(found, active, items) {
  const groups = [];
  for (const [key, label] of FACETS) {
    const counts = {};
    if (key === "year") {
      for (const [id] of found.ids) { const y = yearOf(id); counts[y] = (counts[y] || 0) + 1; }
    } else {
      for (const item of items) for (const v of (item.facets && item.facets[key]) || []) counts[v] = (counts[v] || 0) + 1;
    }
    let values = Object.entries(counts);
    const selected = new Set(active[key] || []);
    if (!values.length && !selected.size) continue;
    values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const top = values.slice(0, 8);
    for (const v of selected) if (!top.some(([x]) => x === v)) top.push([v, counts[v] || 0]);
    const boxes = top.map(([value, count]) => {
      const id = `facet-${key}-${value}`.replace(/[^a-zA-Z0-9_-]/g, "-");
      const box = el("input", { type: "checkbox", id, name: key, value, checked: selected.has(value) });
      box.addEventListener("change", () => {
        const next = state();
        const chosen = new Set(next.filters[key] || []);
        if (box.checked) chosen.add(value); else chosen.delete(value);
        if (chosen.size) next.filters[key] = [...chosen]; else delete next.filters[key];
        shown = PAGE;
        setState(next, true);
        search().then(() => { const again = document.getElementById(id); if (again) again.focus(); });
      });
      return el("li", {}, box, el("label", { for: id }, value, " ", el("span", { class: "count" }, String(count))));
    });
    const exact = key === "year" || items.length === found.ids.length;
    const legend = exact ? label : `${label} (in these ${items.length})`;
    groups.push(el("fieldset", { class: "facet" }, el("legend", {}, legend), el("ul", {}, ...boxes)));
  }
  facetBox.replaceChildren(...groups);
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const next = state();
    next.q = input.value.trim();
    shown = PAGE;
    setState(next, false);
    search();
  }, 150);
});
order.addEventListener("change", () => {
  const next = state();
  next.sort = order.value;
  setState(next, true);
  search();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = state();
  next.q = input.value.trim();
  setState(next, true);
  search();
});
window.addEventListener("popstate", search);
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
    event.preventDefault();
    input.focus();
  }
});

(async () => {
  // Opened from disk the index cannot be fetched; dateline.js has told the reader why.
  if (location.protocol === "file:") return;
  try {
    // Always asked afresh (a cheap revalidation), so a rebuilt archive is searched at once.
    const loaded = JSON.parse(decoder.decode(await fetchIndexFile("manifest.bin", "no-cache")));
    loaded.starts = loaded.shards.map((s) => encoder.encode(s));
    loaded.common = new Set(loaded.common);
    manifest = loaded;
  } catch (e) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  search();
})();
