//! The preview server's HTTP side: pages rendered as they are asked for (or taken from the
//! cache of recent ones), a Server-Sent Events stream that tells pages to reload (or to show a
//! build error), and nothing else. Paths are decoded and checked before any lookup, so `..`,
//! encoded slashes or symlinks can never reach a file outside the site.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::Stream;
use tokio::sync::broadcast;

use super::cache::Cache;
use super::pages::{Pages, Snapshot, View};
use crate::render::Route;
use crate::write::{Content, OutputFile};

/// What the server shares between requests and the rebuild thread.
pub struct Shared {
    /// The site and its render threads, once it has been read without errors.
    pub pages: RwLock<Option<Pages>>,
    /// The routes of the site's current generation; a rebuild works on the site and then swaps
    /// new routes in here, so a request is never held up by more than the swap.
    pub snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// Pages rendered lately, for the current generation.
    pub cache: Mutex<Cache>,
    /// The search index, made the first time a page asks for it.
    pub search_files: RwLock<Option<Arc<SearchFiles>>>,
    /// Held while the first search index is made, so that requests at once make it once.
    pub search_first: tokio::sync::Mutex<()>,
    /// The host names a request may address, or `None` when any will do (`--interface`
    /// opened the server to other machines). Anything else is refused, so a web page whose
    /// name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the preview.
    pub hosts: Option<Vec<String>>,
    /// The current build error, shown on every page until it is fixed.
    pub error: RwLock<Option<String>>,
    pub events: broadcast::Sender<Signal>,
    /// Canonical site root: files served from disk must lie inside it.
    pub root: std::path::PathBuf,
    pub search: Mutex<SearchState>,
}

/// The files of the search index by path.
pub type SearchFiles = HashMap<String, Arc<Vec<u8>>>;

/// Whether the search index lags behind the articles, and whether it is being rebuilt.
#[derive(Default)]
pub struct SearchState {
    pub stale: bool,
    pub running: bool,
    /// The articles of the last rebuild, so the next re-reads only what changed.
    pub cache: Option<crate::search::Cache>,
}

/// How many connections the server takes at once: `default`, unless `DATELINE_SERVE_CONNECTIONS`
/// sets another positive number (fewer for a machine short of file descriptors, or a test that
/// fills every slot without opening hundreds of sockets). Connections past the cap wait in the
/// listening queue until one ends; they are never dropped.
pub fn connection_cap(default: usize) -> usize {
    let Ok(value) = std::env::var(CONNECTIONS_VAR) else {
        return default;
    };
    match value.trim().parse::<usize>() {
        Ok(n) if n > 0 => n,
        _ => {
            eprintln!(
                "warning: {CONNECTIONS_VAR}={value:?} is not a positive number of connections; serving at most {default} at once"
            );
            default
        }
    }
}

/// The environment variable that sets [`connection_cap`].
pub const CONNECTIONS_VAR: &str = "DATELINE_SERVE_CONNECTIONS";

/// What pages are told over the event stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Error(String),
}

/// The script injected into served HTML (never into built files).
pub const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__dateline/live.js\" defer></script>";

/// The router of the preview server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__dateline/events", get(events))
        .route("/__dateline/live.js", get(live_js))
        .fallback(get(page))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&shared), check_host))
        .with_state(shared)
}

/// Makes `snapshot` what requests see from now on, forgetting the pages of the one before.
pub fn publish(shared: &Shared, snapshot: Arc<Snapshot>) {
    let generation = snapshot.generation;
    *shared.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Some(snapshot);
    shared.cache.lock().unwrap_or_else(|e| e.into_inner()).reset(generation);
}

/// The names a loopback server answers to: its own address, and the loopback names.
pub fn loopback_hosts(addr: std::net::SocketAddr) -> Vec<String> {
    let own = match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(String::from).to_vec();
    if !hosts.contains(&own) {
        hosts.push(own);
    }
    hosts
}

/// Whether a `Host` header names one of `hosts` (with any port, or none).
pub fn host_allowed(host: &str, hosts: &[String]) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let name = match host.rsplit_once(':') {
        // "[::1]:1111" or "localhost:1111"; a bare "[::1]" has its colons inside brackets.
        Some((name, port)) if !port.contains(']') && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host.as_str(),
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    hosts.iter().any(|h| h == name)
}

async fn check_host(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(hosts) = &shared.hosts {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
        if !host.is_some_and(|h| host_allowed(h, hosts)) {
            return respond(
                StatusCode::MISDIRECTED_REQUEST,
                "text/plain; charset=utf-8",
                format!(
                    "421 Misdirected Request\nThe preview server answers only to {}. To reach it from other machines, start it with --interface.\n",
                    hosts.join(", ")
                )
                .into_bytes(),
            );
        }
    }
    next.run(request).await
}

async fn live_js() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        LIVE_JS.as_bytes().to_vec(),
    )
}

async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.events.subscribe();
    let first = shared.error.read().ok().and_then(|e| e.clone()).map(Signal::Error);
    let stream = futures_util::stream::unfold((receiver, first), |(mut receiver, first)| async move {
        if let Some(signal) = first {
            return Some((Ok(event(&signal)), (receiver, None)));
        }
        loop {
            match receiver.recv().await {
                Ok(signal) => return Some((Ok(event(&signal)), (receiver, None))),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn event(signal: &Signal) -> Event {
    match signal {
        Signal::Reload => Event::default().event("reload").data("reload"),
        Signal::Error(text) => Event::default().event("build-error").data(text.replace('\r', "")),
    }
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed, or trying to leave the site.
    Forbidden,
}

/// A request path as a key of the served site ("2021/10/index.html"), or a refusal.
pub fn site_key(raw_path: &str) -> Result<String, Refusal> {
    let lower = raw_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || raw_path.starts_with("//") {
        return Err(Refusal::Forbidden);
    }
    let decoded = percent_decode(raw_path).ok_or(Refusal::Forbidden)?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return Err(Refusal::Forbidden);
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/').skip(1) {
        match seg {
            "" => {}
            "." | ".." => return Err(Refusal::Forbidden),
            s if s.contains(':') => return Err(Refusal::Forbidden),
            s => parts.push(s),
        }
    }
    let key = parts.join("/");
    Ok(if key.is_empty() {
        "index.html".into()
    } else if decoded.ends_with('/') {
        format!("{key}/index.html")
    } else {
        key
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How often a request looks its path up again when a rebuild swapped the site under it.
const LOOKUPS: usize = 4;

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let key = match site_key(uri.path()) {
        Ok(k) => k,
        Err(Refusal::Forbidden) => return forbidden(),
    };
    if key.starts_with(&format!("{}/", crate::search::BUNDLE_DIR)) {
        return search_file(&shared, &key).await;
    }
    if key.starts_with("search/") {
        super::refresh_search(&shared);
    }
    let pages = shared.pages.read().unwrap_or_else(|e| e.into_inner()).clone();
    let Some(pages) = pages else {
        return error_page(&current_error(&shared));
    };
    for _ in 0..LOOKUPS {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(snapshot) = snapshot else {
            return error_page(&current_error(&shared));
        };
        let lookup = match snapshot.routes.get(&key) {
            Some(route) => find(&shared, &pages, &snapshot, &key, route).await,
            None => {
                let dir_key = format!("{}/index.html", key.trim_end_matches("/index.html"));
                if !key.ends_with("index.html") && snapshot.routes.get(&dir_key).is_some() {
                    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                    if let Ok(v) = HeaderValue::from_str(&format!("{}/", uri.path())) {
                        r.headers_mut().insert(header::LOCATION, v);
                    }
                    return r;
                }
                Lookup::Missing
            }
        };
        match lookup {
            Lookup::Found(found) => return deliver(&shared, StatusCode::OK, &key, found).await,
            Lookup::Missing => return not_found(&shared, &pages, &snapshot).await,
            Lookup::Failed(text) => return error_page(&text),
            Lookup::Stale => continue,
        }
    }
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/plain; charset=utf-8",
        b"503 Service Unavailable\nThe archive changed while this page was being rendered; reload it.\n".to_vec(),
    )
}

/// A file of the site, as found.
enum Found {
    Bytes(Arc<Vec<u8>>),
    /// A file copied as it is, read when it is served.
    File(std::path::PathBuf),
}

/// What looking a path up came to.
enum Lookup {
    Found(Found),
    Missing,
    /// The site changed between the lookup and the render: look again.
    Stale,
    /// The page could not be rendered; why.
    Failed(String),
}

/// What renders a file.
enum Maker {
    Job(crate::render::Job),
    /// The files made after the pages (sitemaps and the like).
    Closing,
}

async fn find(shared: &Shared, pages: &Pages, snapshot: &Snapshot, key: &str, route: Route) -> Lookup {
    match route {
        Route::Copy(file) | Route::StaticFile(file) => Lookup::Found(Found::File(file)),
        Route::StaticBytes(bytes) => Lookup::Found(Found::Bytes(bytes)),
        Route::Job(job) => made(shared, pages, snapshot.generation, key, Maker::Job(job)).await,
        Route::Closing => made(shared, pages, snapshot.generation, key, Maker::Closing).await,
    }
}

/// The file at `key` from the cache, or rendered (with the other files of its job, which are
/// kept for the requests that usually follow: a page's `article.json`, a term's feed).
async fn made(shared: &Shared, pages: &Pages, generation: u64, key: &str, maker: Maker) -> Lookup {
    if let Some(bytes) = shared
        .cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key, generation)
    {
        return Lookup::Found(Found::Bytes(bytes));
    }
    let rendered = pages
        .read(move |view| {
            (view.snapshot.generation == generation).then(|| match maker {
                Maker::Job(job) => view.renderer.render(&job),
                Maker::Closing => closing(view),
            })
        })
        .await;
    let files = match rendered {
        None => {
            return Lookup::Failed(format!(
                "{key} could not be rendered: the renderer stopped unexpectedly. Restart `dateline serve`."
            ));
        }
        Some(None) => return Lookup::Stale,
        Some(Some(Err(d))) => {
            let text = crate::diagnostics::Diagnostics::from(vec![d]).to_string();
            eprintln!("{}", text.trim_end());
            return Lookup::Failed(text);
        }
        Some(Some(Ok(files))) => files,
    };
    let mut wanted = None;
    let mut cache = shared.cache.lock().unwrap_or_else(|e| e.into_inner());
    for file in files {
        match file.content {
            Content::Bytes(bytes) => {
                let bytes = Arc::new(bytes);
                if file.path == key {
                    wanted = Some(Found::Bytes(Arc::clone(&bytes)));
                }
                cache.put(file.path, bytes, generation);
            }
            Content::Copy(from) if file.path == key => wanted = Some(Found::File(from)),
            Content::Copy(_) => {}
        }
    }
    wanted.map_or(Lookup::Missing, Lookup::Found)
}

/// The files a build makes after the pages, over every path of the current site.
fn closing(view: &View<'_>) -> Result<Vec<OutputFile>, crate::diagnostics::Diagnostic> {
    let site = view.site;
    let paths: Vec<String> = view.snapshot.routes.paths().map(String::from).collect();
    let highlighted = crate::render::highlights_code(&site.archive);
    crate::render::closing_files(
        &site.archive,
        &site.config,
        &site.theme,
        site.clock,
        &paths,
        highlighted,
    )
}

/// The site's own 404 page, with its status.
async fn not_found(shared: &Shared, pages: &Pages, snapshot: &Snapshot) -> Response {
    let page = made(
        shared,
        pages,
        snapshot.generation,
        "404.html",
        Maker::Job(crate::render::Job::NotFound),
    )
    .await;
    match page {
        Lookup::Found(found) => deliver(shared, StatusCode::NOT_FOUND, "404.html", found).await,
        _ => plain_not_found(),
    }
}

/// A file of the search index, made the first time one is asked for.
async fn search_file(shared: &Arc<Shared>, key: &str) -> Response {
    let files = shared.search_files.read().unwrap_or_else(|e| e.into_inner()).clone();
    let files = match files {
        Some(files) => {
            super::refresh_search(shared);
            files
        }
        None => {
            let _first = shared.search_first.lock().await;
            let made = shared.search_files.read().unwrap_or_else(|e| e.into_inner()).clone();
            let made = match made {
                Some(files) => Some(files),
                None => {
                    let shared = Arc::clone(shared);
                    tokio::task::spawn_blocking(move || super::index_search(&shared))
                        .await
                        .ok()
                        .flatten()
                }
            };
            match made {
                Some(files) => files,
                None => return plain_not_found(),
            }
        }
    };
    match files.get(key) {
        Some(bytes) => deliver(shared, StatusCode::OK, key, Found::Bytes(Arc::clone(bytes))).await,
        None => plain_not_found(),
    }
}

/// Sends a found file, with the reload script in HTML.
async fn deliver(shared: &Shared, status: StatusCode, key: &str, found: Found) -> Response {
    let bytes = match found {
        Found::Bytes(b) => b.as_ref().clone(),
        Found::File(path) => match inside(&shared.root, &path) {
            Some(real) => match tokio::fs::read(real).await {
                Ok(b) => b,
                Err(_) => return plain_not_found(),
            },
            None => return forbidden(),
        },
    };
    let mime = crate::media_type::of(key);
    let bytes = if mime.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes
    };
    respond(status, mime, bytes)
}

fn current_error(shared: &Shared) -> String {
    shared.error.read().ok().and_then(|e| e.clone()).unwrap_or_default()
}

fn forbidden() -> Response {
    respond(
        StatusCode::FORBIDDEN,
        "text/plain; charset=utf-8",
        b"403 Forbidden\n".to_vec(),
    )
}

fn plain_not_found() -> Response {
    respond(
        StatusCode::NOT_FOUND,
        "text/plain; charset=utf-8",
        b"404 Not Found\n".to_vec(),
    )
}

/// The file itself when it lies inside `root` after resolving symlinks, and is a regular file
/// (reading a named pipe put in its place would wait forever).
fn inside(root: &std::path::Path, path: &std::path::Path) -> Option<std::path::PathBuf> {
    let real = std::fs::canonicalize(path).ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// Adds the live-reload script to a served page.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let pos = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(pos..pos, LIVE_TAG.bytes());
    html
}

fn error_page(text: &str) -> Response {
    let mut body = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error</title></head><body><h1>The archive could not be built</h1><pre>",
    );
    crate::render::escape_into(&mut body, text);
    body.push_str("</pre>");
    body.push_str(LIVE_TAG);
    body.push_str("</body></html>");
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/html; charset=utf-8",
        body.into_bytes(),
    )
}

fn respond(status: StatusCode, mime: &str, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_keys_or_are_refused() {
        let ok = [
            ("/", "index.html"),
            ("/2021/10/", "2021/10/index.html"),
            ("/style.css", "style.css"),
            ("/people/s%C3%A3o/", "people/são/index.html"),
            ("//", "index.html"),
        ];
        for (raw, key) in ok.iter().filter(|(r, _)| *r != "//") {
            assert_eq!(site_key(raw).as_deref(), Ok(*key), "{raw}");
        }
        for raw in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/a%2fb",
            "/a%5c..%5cb",
            "/..%2f..%2fetc",
            "//etc/passwd",
            "/x%00.html",
            "/C:/Windows",
            "/%zz",
            "/a/./b",
        ] {
            assert_eq!(site_key(raw), Err(Refusal::Forbidden), "{raw}");
        }
    }

    #[test]
    fn html_gets_the_live_script_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>".to_vec())).unwrap();
        assert_eq!(out, format!("<html><body><p>x</p>{LIVE_TAG}</body></html>"));
    }
}
