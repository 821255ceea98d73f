//! The preview server's HTTP side: the built site from memory, a Server-Sent Events stream that
//! tells pages to reload (or to show a build error), and nothing else. Paths are decoded and
//! checked before any lookup, so `..`, encoded slashes or symlinks can never reach a file outside
//! the site.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::Stream;
use tokio::sync::broadcast;

use super::preview::{Preview, Served};

/// What the server shares between requests and the rebuild thread.
pub struct Shared {
    /// The site as the rebuilds make it; requests never wait for this lock.
    pub preview: RwLock<Option<Preview>>,
    /// The files of the last good build, as requests see them: a rebuild works on `preview`
    /// and then swaps a new snapshot in here, so a page is never held up by a rebuild.
    pub files: RwLock<Option<Arc<HashMap<String, Served>>>>,
    /// The host names a request may address, or `None` when any will do (`--interface`
    /// opened the server to other machines). Anything else is refused, so a web page whose
    /// name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the preview.
    pub hosts: Option<Vec<String>>,
    /// The current build error, shown on every page until it is fixed.
    pub error: RwLock<Option<String>>,
    pub events: broadcast::Sender<Signal>,
    /// Canonical site root: files served from disk must lie inside it.
    pub root: std::path::PathBuf,
    pub search: std::sync::Mutex<SearchState>,
}

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

/// Publishes the files of `preview` as what requests see from now on.
pub fn publish(shared: &Shared, preview: &Preview) {
    let snapshot = Arc::new(preview.files.clone());
    *shared.files.write().unwrap_or_else(|e| e.into_inner()) = Some(snapshot);
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

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let key = match site_key(uri.path()) {
        Ok(k) => k,
        Err(Refusal::Forbidden) => {
            return respond(
                StatusCode::FORBIDDEN,
                "text/plain; charset=utf-8",
                b"403 Forbidden\n".to_vec(),
            );
        }
    };
    if key.starts_with("search/") || key.starts_with(crate::search::BUNDLE_DIR) {
        super::refresh_search(&shared);
    }
    let found = {
        let snapshot = shared.files.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(files) = snapshot else {
            let overlay = shared.error.read().ok().and_then(|e| e.clone()).unwrap_or_default();
            return error_page(&overlay);
        };
        let dir_key = format!("{}/index.html", key.trim_end_matches("/index.html"));
        match files.get(&key) {
            Some(f) => Some((StatusCode::OK, key.clone(), f.clone())),
            None if !key.ends_with("index.html") && files.contains_key(&dir_key) => {
                let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("{}/", uri.path())) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                return r;
            }
            None => files
                .get("404.html")
                .map(|f| (StatusCode::NOT_FOUND, "404.html".to_string(), f.clone())),
        }
    };
    let Some((status, key, served)) = found else {
        return respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"404 Not Found\n".to_vec(),
        );
    };
    let bytes = match served {
        Served::Bytes(b) => b.as_ref().clone(),
        Served::File(path) => match inside(&shared.root, &path) {
            Some(real) => match tokio::fs::read(real).await {
                Ok(b) => b,
                Err(_) => {
                    return respond(
                        StatusCode::NOT_FOUND,
                        "text/plain; charset=utf-8",
                        b"404 Not Found\n".to_vec(),
                    );
                }
            },
            None => {
                return respond(
                    StatusCode::FORBIDDEN,
                    "text/plain; charset=utf-8",
                    b"403 Forbidden\n".to_vec(),
                );
            }
        },
    };
    let mime = crate::media_type::of(&key);
    let bytes = if mime.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes
    };
    respond(status, mime, bytes)
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
