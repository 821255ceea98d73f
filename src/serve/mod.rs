//! `dateline serve`: the archive read into memory and served on loopback, each page rendered
//! when it is asked for and kept a while, read again as files change, with pages reloading
//! themselves and build errors shown on every page until fixed.

mod cache;
mod http;
mod pages;
mod preview;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::pipeline::BuildOptions;

pub use cache::{Cache, DEFAULT_BUDGET};
pub use http::{Refusal, Signal, router, site_key};
pub use pages::{Pages, Snapshot, View};
pub use preview::{Change, Preview, Rebuild};

use http::Shared;

/// What the user asked `serve` to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub interface: String,
    pub port: u16,
    pub open: bool,
}

/// How many ports after the requested one are tried when it is taken.
const PORT_TRIES: u16 = 10;

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let interface: IpAddr = options
        .interface
        .parse()
        .map_err(|_| format!("`{}` is not an IP address; use e.g. 127.0.0.1", options.interface))?;
    if !interface.is_loopback() {
        eprintln!(
            "warning: serving on {interface}, which other machines can reach. The preview server is meant for your own machine; use 127.0.0.1 unless you need otherwise."
        );
    }
    let root = std::fs::canonicalize(&options.build.root)
        .map_err(|e| format!("cannot open the site folder {}: {e}", options.build.root.display()))?;
    let started = Instant::now();
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        pages: RwLock::new(None),
        snapshot: RwLock::new(None),
        cache: Mutex::new(Cache::new(DEFAULT_BUDGET)),
        search_files: RwLock::new(None),
        search_first: tokio::sync::Mutex::new(()),
        hosts: interface
            .is_loopback()
            .then(|| http::loopback_hosts(SocketAddr::new(interface, options.port))),
        error: RwLock::new(None),
        events,
        root: root.clone(),
        search: Mutex::new(http::SearchState::default()),
    });
    match Preview::build(&options.build) {
        Ok(p) => {
            let articles = p.site.archive.stories.len();
            start_pages(&shared, p);
            eprintln!(
                "Read {articles} articles in {:.0} ms; pages are rendered as they are asked for.",
                preview::elapsed_ms(started)
            );
        }
        Err(e) => {
            eprint!("{e}");
            eprintln!("\nServing the error until it is fixed.");
            if let Ok(mut guard) = shared.error.write() {
                *guard = Some(e.to_string());
            }
        }
    }
    // Watch before announcing the address, so no edit made after it is missed.
    let watch = match watch::Watch::new(&root) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("warning: cannot watch the site for changes ({e}); restart `serve` to see edits");
            None
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let (listener, addr) = bind(interface, options.port).await?;
        let url = format!("http://{addr}/");
        eprintln!("Serving the archive at {url} — edit files and the page reloads. Ctrl-C to stop.");
        if options.open {
            open_browser(&url);
        }
        let watcher_shared = Arc::clone(&shared);
        let build_options = options.build.clone();
        if let Some(watch) = watch {
            std::thread::spawn(move || watch_loop(watch, build_options, watcher_shared));
        }
        let app = router(Arc::clone(&shared));
        accept(listener, app).await;
        eprintln!("\nStopped.");
        Ok(())
    })
}

/// The longest a client may take to send a request's headers, and to start its next request
/// on a kept-alive connection: a client that stalls is closed rather than held forever.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// The most connections served at once; more wait in the listening queue until one ends.
const MAX_CONNECTIONS: usize = 256;

/// Serves connections until Ctrl-C, each with a header timeout, at most [`MAX_CONNECTIONS`] at
/// a time. (`axum::serve` has neither: half-sent requests used to stay open for good.)
async fn accept(listener: tokio::net::TcpListener, app: axum::Router) {
    let slots = Arc::new(tokio::sync::Semaphore::new(http::connection_cap(MAX_CONNECTIONS)));
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => return,
            },
            _ = &mut stop => return,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: pause rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A client that goes away mid-request is no error of the server's.
            let _ = connection.await;
        });
    }
}

async fn bind(interface: IpAddr, port: u16) -> Result<(tokio::net::TcpListener, SocketAddr), String> {
    let mut last = String::new();
    for p in port..port.saturating_add(PORT_TRIES) {
        match tokio::net::TcpListener::bind(SocketAddr::new(interface, p)).await {
            Ok(l) => {
                if p != port {
                    eprintln!("Port {port} is taken; using {p} instead.");
                }
                let addr = l.local_addr().map_err(|e| e.to_string())?;
                return Ok((l, addr));
            }
            Err(e) => {
                if p == port {
                    eprintln!("Port {port} is taken ({e}); trying the next ones.");
                }
                last = e.to_string();
            }
        }
    }
    Err(format!(
        "no free port between {port} and {}: {last}; choose one with --port",
        port.saturating_add(PORT_TRIES - 1)
    ))
}

/// Starts rendering `preview`'s pages for requests.
fn start_pages(shared: &Arc<Shared>, preview: Preview) {
    let publisher = Arc::clone(shared);
    let pages = Pages::start(preview, move |snapshot| http::publish(&publisher, snapshot));
    *shared.pages.write().unwrap_or_else(|e| e.into_inner()) = Some(pages);
}

/// Reads what changed on every batch of changes and tells the pages.
fn watch_loop(watch: watch::Watch, options: BuildOptions, shared: Arc<Shared>) {
    while let Some(paths) = watch.next_batch() {
        let started = Instant::now();
        let changes = Preview::classify(&options.root, &paths);
        if changes.is_empty() {
            continue;
        }
        let pages = shared.pages.read().unwrap_or_else(|e| e.into_inner()).clone();
        let outcome = match pages {
            Some(pages) => match pages.write(move |p| p.apply(&changes)) {
                Some(Ok(Some(rebuild))) => Ok(rebuild),
                // Read the whole site again while the old one is still served, then swap.
                Some(Ok(None)) => Preview::build(&options)
                    .map(|fresh| {
                        pages.write(move |p| *p = fresh);
                        Rebuild::Full
                    })
                    .map_err(|e| e.to_string()),
                Some(Err(e)) => Err(e.to_string()),
                None => Err("error: the rebuild stopped unexpectedly\n".into()),
            },
            None => Preview::build(&options)
                .map(|p| {
                    start_pages(&shared, p);
                    Rebuild::Full
                })
                .map_err(|e| e.to_string()),
        };
        let ms = preview::elapsed_ms(started);
        match outcome {
            Ok(Rebuild::Nothing) => {}
            Ok(what) => {
                if let Ok(mut e) = shared.error.write() {
                    *e = None;
                }
                let _ = shared.events.send(Signal::Reload);
                eprintln!("{} in {ms:.0} ms", describe(&what));
                if matches!(what, Rebuild::Incremental { .. } | Rebuild::Full) {
                    shared.search.lock().unwrap_or_else(|e| e.into_inner()).stale = true;
                }
            }
            Err(text) => {
                eprintln!("{}", text.trim_end());
                eprintln!("Rebuild failed after {ms:.0} ms; still serving the last good build.");
                if let Ok(mut e) = shared.error.write() {
                    *e = Some(text.clone());
                }
                let _ = shared.events.send(Signal::Error(text));
            }
        }
    }
}

/// Makes the search index of the current site and serves it from now on. `None` when search
/// is off, or the index could not be made (the terminal says why).
pub(crate) fn index_search(shared: &Shared) -> Option<Arc<http::SearchFiles>> {
    let started = Instant::now();
    let pages = shared.pages.read().unwrap_or_else(|e| e.into_inner()).clone()?;
    let (records, language) = pages
        .read_blocking(|view| {
            let config = &view.site.config;
            config
                .search
                .enabled
                .then(|| (crate::search::records(&view.site.archive), config.language.clone()))
        })
        .flatten()?;
    let mut cache = shared
        .search
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .cache
        .take()
        .unwrap_or_default();
    match records.and_then(|records| crate::search::index_with(records, &language, &mut cache)) {
        Ok(files) => {
            shared.search.lock().unwrap_or_else(|e| e.into_inner()).cache = Some(cache);
            let files: http::SearchFiles = files
                .into_iter()
                .filter_map(|f| match f.content {
                    crate::write::Content::Bytes(b) => Some((f.path, Arc::new(b))),
                    crate::write::Content::Copy(_) => None,
                })
                .collect();
            let files = Arc::new(files);
            *shared.search_files.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(&files));
            eprintln!("Search index made in {:.0} ms", preview::elapsed_ms(started));
            Some(files)
        }
        Err(e) => {
            eprintln!("error: the search index was not made: {e}");
            None
        }
    }
}

/// An edit only marks the search index stale; it is made again in the background the next
/// time someone opens the search page, which meanwhile answers from the previous index. It
/// re-reads only the articles that changed since the last one (the first fills the cache);
/// the term shards are made afresh, because article ids and word counts move with any change.
pub(crate) fn refresh_search(shared: &Arc<Shared>) {
    {
        let mut state = shared.search.lock().unwrap_or_else(|e| e.into_inner());
        if !state.stale || state.running {
            return;
        }
        state.running = true;
        state.stale = false;
    }
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        loop {
            // The page keeps answering from the previous index when this fails.
            index_search(&shared);
            let mut state = shared.search.lock().unwrap_or_else(|e| e.into_inner());
            if state.stale {
                state.stale = false;
                continue;
            }
            state.running = false;
            break;
        }
    });
}

/// A line for the terminal about a rebuild.
pub fn describe(r: &Rebuild) -> String {
    match r {
        Rebuild::Full => "Full rebuild".into(),
        Rebuild::Incremental { articles } => format!("Incremental rebuild: {articles} article(s) re-read"),
        Rebuild::Templates => "Templates reloaded".into(),
        Rebuild::Static { files } => format!("Static files changed: {files}"),
        Rebuild::Nothing => "Nothing to do".into(),
    }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}
