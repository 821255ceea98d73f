//! `dateline serve`: the archive built in memory and served on loopback, rebuilt as files
//! change, with pages reloading themselves and build errors shown on every page until fixed.

mod http;
mod preview;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::pipeline::BuildOptions;

pub use http::{Refusal, Signal, router, site_key};
pub use preview::{Change, Preview, Rebuild, Served};

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
        preview: RwLock::new(None),
        files: RwLock::new(None),
        hosts: interface
            .is_loopback()
            .then(|| http::loopback_hosts(SocketAddr::new(interface, options.port))),
        error: RwLock::new(None),
        events,
        root: root.clone(),
        search: std::sync::Mutex::new(http::SearchState::default()),
    });
    match Preview::build(&options.build) {
        Ok(p) => {
            eprintln!(
                "Built {} articles in memory in {:.0} ms.",
                p.site.archive.stories.len(),
                preview::elapsed_ms(started)
            );
            http::publish(&shared, &p);
            if let Ok(mut guard) = shared.preview.write() {
                *guard = Some(p);
            }
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

/// Rebuilds on every batch of changes and tells the pages.
fn watch_loop(watch: watch::Watch, options: BuildOptions, shared: Arc<Shared>) {
    while let Some(paths) = watch.next_batch() {
        let started = Instant::now();
        let outcome = {
            let mut guard = shared.preview.write().unwrap_or_else(|e| e.into_inner());
            match guard.as_mut() {
                Some(preview) => {
                    let changes = preview.classify(&paths);
                    let outcome = preview.apply(&changes).map_err(|e| e.to_string());
                    if outcome.is_ok() {
                        http::publish(&shared, preview);
                    }
                    outcome
                }
                None => Preview::build(&options)
                    .map(|p| {
                        http::publish(&shared, &p);
                        *guard = Some(p);
                        Rebuild::Full
                    })
                    .map_err(|e| e.to_string()),
            }
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
                if matches!(what, Rebuild::Incremental { .. }) {
                    catch_up(&shared);
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

/// Renders the whole-archive pages an incremental rebuild left for after the reload.
fn catch_up(shared: &Arc<Shared>) {
    let started = Instant::now();
    let mut guard = shared.preview.write().unwrap_or_else(|e| e.into_inner());
    if let Some(preview) = guard.as_mut() {
        match preview.catch_up() {
            Ok(0) => {}
            Ok(n) => {
                http::publish(shared, preview);
                eprintln!(
                    "  then {n} index and API files in {:.0} ms",
                    preview::elapsed_ms(started)
                );
            }
            Err(e) => eprintln!("{}", e.to_string().trim_end()),
        }
    }
}

/// An edit only marks the search index stale; it is rebuilt in the background the next time
/// someone opens the search page, which meanwhile answers from the previous index. The rebuild
/// re-reads only the articles that changed since the last one (the first fills the cache); the
/// term shards are made afresh, because article ids and word counts move with any change.
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
            let started = Instant::now();
            let records = {
                let guard = shared.preview.read().unwrap_or_else(|e| e.into_inner());
                guard.as_ref().and_then(Preview::search_records)
            };
            if let Some((records, language)) = records {
                let mut cache = shared
                    .search
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .cache
                    .take()
                    .unwrap_or_default();
                match crate::search::index_with(records, &language, &mut cache) {
                    Ok(files) => {
                        shared.search.lock().unwrap_or_else(|e| e.into_inner()).cache = Some(cache);
                        let mut guard = shared.preview.write().unwrap_or_else(|e| e.into_inner());
                        if let Some(preview) = guard.as_mut() {
                            preview.replace_search(files);
                            http::publish(&shared, preview);
                            eprintln!("Search index rebuilt in {:.0} ms", preview::elapsed_ms(started));
                        }
                    }
                    // The page keeps answering from the previous index.
                    Err(e) => eprintln!("error: the search index was not rebuilt: {e}"),
                }
            }
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
        Rebuild::Incremental { articles, pages } => {
            format!("Incremental rebuild: {articles} article(s), {pages} page(s) re-rendered")
        }
        Rebuild::Templates { pages } => format!("Templates changed: {pages} pages re-rendered"),
        Rebuild::Static { files } => format!("Static files changed: {files} copied"),
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
