// dateline — the search page: pagefind's chunked index underneath, the archive's own look on
// top. The query, order and facets live in the address (/search/?q=ribeiro&place=Lisbon), so a
// search can be linked and the back button works.
const FACETS = [
  ["person", "People"],
  ["place", "Places"],
  ["organisation", "Organisations"],
  ["agency", "Agencies"],
  ["photographer", "Photographers"],
  ["year", "Year"],
];
const PAGE = 20;

const root = new URL(document.querySelector('link[rel="home"]').href);
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const order = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const facetBox = document.getElementById("search-facets");

let pagefind;
let shown = PAGE;
let run = 0;

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
  const hasFilters = Object.keys(filters).length > 0;
  if (!q && !hasFilters) {
    list.replaceChildren();
    facetBox.replaceChildren();
    status.textContent = "Type a word or a name; results appear as you type.";
    return;
  }
  status.textContent = "Searching…";
  const options = { filters };
  if (sort === "newest") options.sort = { date: "desc" };
  if (sort === "oldest") options.sort = { date: "asc" };
  const result = await pagefind.search(q || null, options);
  if (mine !== run || !result) return;
  const n = result.results.length;
  status.textContent = n === 0 ? "No articles match." : `${n} article${n === 1 ? "" : "s"}` + (q ? ` for “${q}”` : "") + ".";
  const items = await Promise.all(result.results.slice(0, shown).map((r) => r.data()));
  if (mine !== run) return;
  renderFacets(result, filters, items);
  list.replaceChildren(...items.map(renderResult));
  if (n > shown) {
    const more = el("button", { type: "button", class: "more" }, `Show more (${n - shown} left)`);
    more.addEventListener("click", () => { shown += PAGE; search(); });
    list.append(el("li", { class: "more-row" }, more));
  }
}

function renderResult(data) {
  const meta = data.meta || {};
  const bits = [meta.date, meta.dateline].filter(Boolean).join(" · ");
  const image = meta.image ? el("img", { src: href(meta.image), alt: "", loading: "lazy" }) : null;
  return el("li", { class: "result" + (image ? " has-image" : "") },
    image ? el("a", { href: href(data.url), class: "result-image", tabindex: "-1", "aria-hidden": "true" }, image) : null,
    el("div", { class: "result-text" },
      el("p", { class: "card-kicker" }, bits),
      el("h2", { class: "card-headline" }, el("a", { href: href(data.url) }, meta.title || data.url)),
      el("p", { class: "excerpt", html: data.excerpt }),
      meta.byline ? el("p", { class: "card-byline" }, "By " + meta.byline) : null));
}

// Exact counts over every match need a facet's whole filter list, which on a large archive
// is bigger than the rest of a query together; so a facet's list is fetched only once it is in
// use, and until then its values are counted over the results on screen.
function tally(items, key) {
  const counts = {};
  for (const item of items) for (const v of (item.filters && item.filters[key]) || []) counts[v] = (counts[v] || 0) + 1;
  return counts;
}

function renderFacets(result, active, items) {
  const groups = [];
  for (const [key, label] of FACETS) {
    const exact = result.filters && result.filters[key] && Object.keys(result.filters[key]).length > 0;
    const counts = exact ? result.filters[key] : tally(items, key);
    let values = Object.entries(counts).filter(([v, c]) => c > 0 || (active[key] || []).includes(v));
    if (!values.length) continue;
    values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const selected = new Set(active[key] || []);
    const top = values.slice(0, 8);
    for (const v of selected) if (!top.some(([x]) => x === v)) top.push([v, counts[v] || 0]);
    const boxes = top.map(([value, count]) => {
      const id = `facet-${key}-${value}`.replace(/[^a-zA-Z0-9_-]/g, "-");
      const box = el("input", { type: "checkbox", id, name: key, value, checked: selected.has(value) });
      box.addEventListener("change", () => {
        const next = state();
        const list = new Set(next.filters[key] || []);
        if (box.checked) list.add(value); else list.delete(value);
        if (list.size) next.filters[key] = [...list]; else delete next.filters[key];
        shown = PAGE;
        setState(next, true);
        search().then(() => { const again = document.getElementById(id); if (again) again.focus(); });
      });
      return el("li", {}, box, el("label", { for: id }, value, " ", el("span", { class: "count" }, String(count))));
    });
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
  }, 200);
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
  if (location.protocol === "file:") {
    status.textContent = "Search needs the archive to be served over HTTP (for example with `dateline serve`); opened from disk, browse by date or by index instead.";
    return;
  }
  try {
    pagefind = await import(href("pagefind/pagefind.js"));
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 30 });
    pagefind.init();
  } catch (e) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  search();
})();
