//! The preview server: serves the built archive on loopback, refuses every way out of it, and
//! follows edits to the articles.

#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A running `dateline serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Every line the server has printed since it announced its address.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(root: &std::path::Path) -> Server {
    start_with(root, &[])
}

/// [`start`] with variables set in the server's environment.
fn start_with(root: &std::path::Path, env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--port", &port.to_string()])
        .envs(env.iter().copied())
        .current_dir(root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut port = port;
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("server started");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap_or(port);
            break;
        }
    }
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        while let Ok(line) = rx.recv() {
            sink.lock().unwrap().push(line);
        }
    });
    Server { child, port, log }
}

/// A raw GET, so the request line is sent exactly as written (no client-side normalisation).
fn get(port: u16, raw_path: &str) -> (u16, String, String) {
    get_from(port, raw_path, "127.0.0.1")
}

/// A raw GET naming `host` in its `Host` header.
fn get_from(port: u16, raw_path: &str, host: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        stream,
        "GET {raw_path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

#[test]
fn serves_pages_with_types_and_no_caching() {
    let site = sample_site();
    let server = start(site.path());
    let (status, head, body) = get(server.port, "/");
    assert_eq!(status, 200);
    let head = head.to_lowercase();
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(
        body.contains("/__dateline/live.js"),
        "served pages get the reload script"
    );
    let (status, head, _) = get(server.port, "/style.css");
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("content-type: text/css"));
    let (status, _, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("not in the archive"), "the site's own 404 page");
    let (status, head, _) = get(server.port, "/archive");
    assert_eq!(status, 301, "folders without a slash redirect");
    assert!(
        head.contains("Location: /archive/") || head.contains("location: /archive/"),
        "{head}"
    );
    // The built files never carry the reload script.
    let public = build(site.path());
    assert!(!read(&public.join("index.html")).contains("__dateline"));
}

#[test]
fn refuses_every_way_out_of_the_site() {
    let site = sample_site();
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("static/passwd.css")).unwrap();
    let server = start(site.path());
    for attempt in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/archive/..%2f..%2fsecret.txt",
        "/archive%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/passwd.css",
        "/site.toml",
        "/content/harbour-logbooks.md",
    ] {
        let (status, _, body) = get(server.port, attempt);
        assert!(matches!(status, 403 | 404), "{attempt} → {status}");
        assert!(
            !body.contains("do not serve") && !body.contains("root:x:0"),
            "{attempt} leaked a file"
        );
    }
}

#[test]
fn an_edited_article_is_served_after_the_rebuild() {
    let site = sample_site();
    let server = start(site.path());
    let (_, _, before) = get(server.port, "/2021/10/13/lisbon-energy-week/");
    assert!(before.contains("Lisbon locks down its riverfront"), "fixture headline");
    let file = site.path().join("content/2021/lisbon-energy-week.md");
    let text = read(&file).replace("Lisbon locks down its riverfront", "Lisbon seals off its riverfront");
    std::fs::write(&file, text).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, _, body) = get(server.port, "/2021/10/13/lisbon-energy-week/");
        if body.contains("Lisbon seals off its riverfront") {
            break;
        }
        assert!(Instant::now() < deadline, "the edit never showed up");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Pages that list the article follow too.
    let (_, _, day) = get(server.port, "/2021/10/13/");
    assert!(day.contains("Lisbon seals off its riverfront"));
}

/// The preview reads articles the way a build does, through the build store: what it
/// extracted, the build after it finds done, and the other way round.
#[test]
fn the_preview_and_the_build_share_their_extractions() {
    let site = sample_site();
    let server = start(site.path());
    let (status, _, _) = get(server.port, "/");
    assert_eq!(status, 200);
    drop(server);
    let built = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let line = String::from_utf8_lossy(&built.stdout).into_owned();
    assert!(line.contains(" (0 afresh)"), "{line}");
}

#[test]
fn a_broken_edit_keeps_the_last_good_build_and_reports_the_error() {
    let site = sample_site();
    let server = start(site.path());
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(events, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    write(site.path(), "content/broken.md", "+++\ntitel = \"typo\"\n+++\nBody.\n");
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(20);
    while !seen.contains("unknown key `titel`") && Instant::now() < deadline {
        let n = events.read(&mut buf).unwrap_or(0);
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("event: build-error"), "{seen}");
    assert!(seen.contains("content/broken.md"), "{seen}");
    let (status, _, body) = get(server.port, "/");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(body.contains("The Dateline Morgue"));
}

#[test]
fn a_taken_port_moves_to_the_next_one() {
    let site = sample_site();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(site.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut said = String::new();
    while let Some(Ok(line)) = lines.next() {
        said.push_str(&line);
        said.push('\n');
        if line.contains("Serving the archive at") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(said.contains(&format!("Port {port} is taken")), "{said}");
    assert!(!said.contains(&format!("http://127.0.0.1:{port}/")), "{said}");
}

#[test]
fn answers_only_to_loopback_names() {
    let site = sample_site();
    let server = start(site.path());
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "[::1]".into(),
        "LOCALHOST".into(),
    ] {
        let (status, _, _) = get_from(port, "/style.css", &host);
        assert_eq!(status, 200, "{host}");
    }
    // What a page on a rebound name (DNS rebinding) sends.
    for host in [
        "evil.example",
        "evil.example:1111",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
    ] {
        let (status, _, body) = get_from(port, "/", host);
        assert_eq!(status, 421, "{host}");
        assert!(body.contains("--interface"), "{body}");
    }
}

#[test]
fn slow_and_half_sent_requests_are_closed() {
    let site = sample_site();
    let server = start(site.path());
    let started = Instant::now();
    let mut stalled = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
        stalled.push(s);
    }
    // An idle connection that never sends a byte is closed as well.
    stalled.push(TcpStream::connect(("127.0.0.1", server.port)).unwrap());
    // Others are still served meanwhile.
    assert_eq!(get(server.port, "/style.css").0, 200);
    for mut s in stalled {
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut rest = Vec::new();
        let closed = s.read_to_end(&mut rest);
        assert!(closed.is_ok(), "a stalled connection was held open: {closed:?}");
    }
    // Closed by the server's own timeout, well before the client's.
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn requests_are_answered_from_the_last_build_during_a_rebuild() {
    let site = sample_site();
    // Enough articles that a full rebuild takes a good while even on a fast, quiet machine: it
    // re-reads every article (pages are rendered only when asked for, so reading is all a
    // rebuild does), some 20,000 a second.
    for i in 0..16_000 {
        write(
            site.path(),
            &format!("content/2020/bulk-{i}.md"),
            &format!(
                "+++\ntitle = \"Ferry timetable notice {i}\"\ndate = 2020-03-{:02}\ntags = [\"ferries\"]\n+++\nPORTVILLE — The ferry company posted notice {i} on the quay.\n\nA second paragraph about the crossing.\n",
                i % 28 + 1
            ),
        );
    }
    let server = start(site.path());
    let config = site.path().join("site.toml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}\n# touched\n")).unwrap();
    // Ask for the style sheet over and over until the rebuild is reported.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut slowest = Duration::ZERO;
    let rebuild_ms = loop {
        let asked = Instant::now();
        assert_eq!(get(server.port, "/style.css").0, 200);
        slowest = slowest.max(asked.elapsed());
        let done = server.log.lock().unwrap().iter().find_map(|l| {
            l.strip_prefix("Full rebuild in ")
                .and_then(|ms| ms.trim_end_matches(" ms").parse::<f64>().ok())
        });
        if let Some(ms) = done {
            break ms;
        }
        assert!(Instant::now() < deadline, "no rebuild reported");
        std::thread::sleep(Duration::from_millis(5));
    };
    let rebuild = Duration::from_secs_f64(rebuild_ms / 1000.0);
    assert!(
        rebuild > Duration::from_millis(200),
        "the rebuild was too quick to tell ({rebuild:?})"
    );
    assert!(
        slowest * 4 < rebuild,
        "a request waited {slowest:?} during a rebuild of {rebuild:?}"
    );
}

/// Reads a response's status line and headers, and no more (an event stream never ends).
fn read_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte)? {
            0 => break,
            _ => head.push(byte[0]),
        }
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

#[test]
fn connections_past_the_cap_wait_their_turn_and_the_server_goes_on_answering() {
    // The cap is 256; the variable lowers it so a few dozen sockets are enough to pass it.
    const CAP: usize = 6;
    let site = sample_site();
    let server = start_with(site.path(), &[("DATELINE_SERVE_CONNECTIONS", &CAP.to_string())]);
    // Every slot held the way open tabs hold them: by the reload event stream, which never ends.
    let mut held = Vec::new();
    for _ in 0..CAP {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let head = read_head(&mut s).unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        held.push(s);
    }
    // Four times as many again: each is queued, not refused, and not answered while the slots
    // are taken.
    let mut waiting = Vec::new();
    for _ in 0..4 * CAP {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(
            s,
            "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        waiting.push(s);
    }
    let first = &mut waiting[0];
    first.set_read_timeout(Some(Duration::from_millis(1500))).unwrap();
    let mut byte = [0u8; 1];
    match first.read(&mut byte) {
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
        other => panic!("a connection past the cap was served (or dropped) at once: {other:?}"),
    }
    // Tabs close: every waiting request is answered in turn.
    drop(held);
    for (i, mut s) in waiting.into_iter().enumerate() {
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut response = Vec::new();
        s.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response);
        assert!(text.starts_with("HTTP/1.1 200"), "waiting request {i}: {text}");
    }
    assert_eq!(get(server.port, "/").0, 200);
    assert_eq!(get(server.port, "/style.css").0, 200);
}

/// What served pages carry that built ones do not.
const LIVE_TAG: &str = "<script src=\"/__dateline/live.js\" defer></script>";

/// A path of the site as a request names it.
fn request_path(path: &str) -> String {
    let mut out = String::from("/");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn every_file_served_equals_the_file_built() {
    let site = sample_site();
    // One clock for both, so the news sitemap agrees.
    let clock = [("SOURCE_DATE_EPOCH", "1767225600")];
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .envs(clock)
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let built = tree(&site.path().join("public"));
    assert!(
        built.keys().any(|p| p.ends_with("w.webp")) && built.contains_key("highlight.css"),
        "the sample has smaller copies of pictures and highlighted code"
    );
    let server = start_with(site.path(), &clock);
    let mut differ = Vec::new();
    // The build's mark on its output folder is no file of the site.
    for (path, bytes) in built.iter().filter(|(p, _)| *p != dateline::write::MARKER) {
        let response = exchange(
            server.port,
            &format!(
                "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                request_path(path)
            ),
        );
        let mut body = response.body;
        if path.ends_with(".html")
            && let Some(at) = body.windows(LIVE_TAG.len()).rposition(|w| w == LIVE_TAG.as_bytes())
        {
            body.drain(at..at + LIVE_TAG.len());
        }
        if response.status != 200 || body != *bytes {
            differ.push(format!("{path} ({})", response.status));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} files served differ from the build: {differ:?}",
        differ.len(),
        built.len()
    );
}

#[test]
fn every_job_makes_the_paths_its_route_names() {
    use dateline::render::{Route, Routes, Templates};
    let site = sample_site();
    let options = dateline::pipeline::BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    let read = dateline::pipeline::read_site(&options).unwrap();
    let mut templates = Templates::compile(&read.theme).unwrap();
    let renderer = dateline::render::Renderer::new(&read.archive, &read.config, &mut templates);
    let routes = Routes::of(&renderer, &read.theme);
    let mut paths = 0;
    for job in renderer.jobs() {
        let mut made: Vec<String> = renderer.render(&job).unwrap().into_iter().map(|f| f.path).collect();
        let mut named: Vec<String> = renderer.outputs(&job).into_iter().map(|(p, _)| p).collect();
        made.sort();
        named.sort();
        assert_eq!(made, named, "{job:?}");
        for path in &made {
            let route = routes.get(path);
            assert!(
                route == Some(Route::Job(job.clone())) || matches!(route, Some(Route::Copy(_))),
                "{path}: {route:?}"
            );
        }
        paths += made.len();
    }
    assert!(paths > 100, "the sample has {paths} paths");
    assert_eq!(routes.get("no/such/page/index.html"), None);
}

#[test]
fn cached_pages_follow_edits() {
    let site = sample_site();
    let server = start(site.path());
    let (status, _, first) = get(server.port, "/2021/10/13/lisbon-energy-week/");
    assert_eq!(status, 200);
    // Asked again, the page comes from the cache, identical.
    let (_, _, again) = get(server.port, "/2021/10/13/lisbon-energy-week/");
    assert_eq!(first, again);
    // An edit empties the cache: the day's page, asked for before, shows the new headline.
    let (_, _, day) = get(server.port, "/2021/10/13/");
    assert!(day.contains("Lisbon locks down its riverfront"));
    let file = site.path().join("content/2021/lisbon-energy-week.md");
    let text = read(&file).replace("Lisbon locks down its riverfront", "Lisbon closes its riverfront");
    std::fs::write(&file, text).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, _, day) = get(server.port, "/2021/10/13/");
        if day.contains("Lisbon closes its riverfront") {
            break;
        }
        assert!(Instant::now() < deadline, "the day's page never followed the edit");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, _, json) = get(server.port, "/2021/10/13/lisbon-energy-week/article.json");
    assert!(json.contains("Lisbon closes its riverfront"), "{json}");
}
