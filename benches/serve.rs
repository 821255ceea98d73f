//! Preview-server benchmark: how long after an article is saved the open browser is told to
//! reload, on a generated archive.
//!
//! ```text
//! cargo bench --bench serve                 # 10,000 articles, 20 edits
//! cargo bench --bench serve -- 1000 --edits 50
//! DATELINE_BENCH_BIN=/path/to/old/dateline cargo bench --bench serve   # another version
//! ```
//!
//! The archive is generated (or reused) in `target/bench-archives/N/` and copied to
//! `target/bench-serve/N/`, because the edits change it. The real binary first builds the copy
//! once for comparison, then `dateline serve` starts on a free port; the benchmark listens to
//! the server's event stream as a browser page does, saves one article at a time (a new
//! paragraph, as a writer would add) and measures from the moment the file is written to the
//! moment the `reload` event arrives. That span includes the file watcher's debounce, the
//! incremental rebuild and the notification. Pages are rendered when they are asked for, so it
//! then times the front page's arrival too (from the same save): what a person waits for before
//! the reloaded page shows. The table reports the medians, the spread, the full-build time,
//! how long `serve` took to start and its peak memory (`VmHWM`, on Linux) after starting and
//! after the edits, and is also written to `target/bench-serve-results.txt`.

mod support;

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::{prepare, target_dir};

const DEFAULT_SIZE: usize = 10_000;
const DEFAULT_EDITS: usize = 20;

/// How long one edit may take before the benchmark gives up on the server.
const EDIT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long the server may take to build the archive before it starts serving.
const START_TIMEOUT: Duration = Duration::from_secs(600);

/// The pause between edits, so each one is a separate save rather than part of a burst.
const PAUSE: Duration = Duration::from_millis(300);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("serve benchmark: skipped (run it with `cargo bench --bench serve`)");
        return ExitCode::SUCCESS;
    }
    let mut size = DEFAULT_SIZE;
    let mut edits = DEFAULT_EDITS;
    let mut rest = args.iter().filter(|a| *a != "--bench");
    while let Some(arg) = rest.next() {
        let parsed = if arg == "--edits" {
            rest.next().and_then(|v| v.parse().ok()).map(|n| edits = n)
        } else {
            arg.replace('_', "").parse().ok().map(|n| size = n)
        };
        if parsed.is_none() || size == 0 || edits == 0 {
            eprintln!("error: unexpected {arg:?}; usage: cargo bench --bench serve [-- SIZE] [--edits N]");
            return ExitCode::from(2);
        }
    }
    match run(size, edits) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(size: usize, edits: usize) -> Result<(), String> {
    let target = target_dir();
    // Another version's binary, to compare the two on one archive.
    let exe = std::env::var_os("DATELINE_BENCH_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dateline")), PathBuf::from);
    let archive = target.join("bench-archives").join(size.to_string());
    prepare(size, &archive)?;
    let site = target.join("bench-serve").join(size.to_string());
    println!("Copying the archive to {} ...", site.display());
    copy_site(&archive, &site).map_err(|e| format!("error: cannot copy the archive: {e}"))?;

    let build = full_build(&exe, &site)?;
    println!("Full build: {:.2} s", build.as_secs_f64());

    let mut server = Server::start(&exe, &site)?;
    let start = Start {
        took: server.started,
        peak: peak_memory(server.child.id()),
    };
    let result = measure(&mut server, &site, edits);
    let peak_after = peak_memory(server.child.id());
    let log = server.stop();
    let latencies = result?;

    let table = table(size, edits, build, &start, peak_after, &latencies, &log);
    println!("\n{table}");
    let results = target.join("bench-serve-results.txt");
    fs::write(&results, &table).map_err(|e| format!("error: cannot write {}: {e}", results.display()))?;
    println!("(written to {})", results.display());
    Ok(())
}

/// Replaces `to` with a copy of the site at `from` (content, data and site.toml).
fn copy_site(from: &Path, to: &Path) -> io::Result<()> {
    if to.exists() {
        fs::remove_dir_all(to)?;
    }
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == "public" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        copy_tree(&entry.path(), &to.join(name))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}

/// One `dateline build` of the copy, for comparison with the incremental rebuilds.
fn full_build(exe: &Path, site: &Path) -> Result<Duration, String> {
    let output = site.join("public");
    let started = Instant::now();
    let out = Command::new(exe)
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output")
        .arg(&output)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("error: cannot run {}: {e}", exe.display()))?;
    let took = started.elapsed();
    if !out.status.success() {
        return Err(format!(
            "error: `dateline build` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    fs::remove_dir_all(&output).map_err(|e| format!("error: cannot remove {}: {e}", output.display()))?;
    Ok(took)
}

/// A running `dateline serve` and what it printed.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
    /// From starting the process to its announcing the address.
    started: Duration,
}

/// How `serve` started: the time to its address, and its peak memory then.
struct Start {
    took: Duration,
    peak: Option<u64>,
}

/// The peak resident memory of process `pid` in bytes, where the system tells (Linux).
fn peak_memory(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl Server {
    fn start(exe: &Path, site: &Path) -> Result<Server, String> {
        let port = free_port().map_err(|e| format!("error: no free port: {e}"))?;
        let mut child = Command::new(exe)
            .arg("serve")
            .arg("--root")
            .arg(site)
            .arg("--port")
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("error: cannot run {}: {e}", exe.display()))?;
        let stderr = child.stderr.take().ok_or("error: no stderr from dateline serve")?;
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port,
            lines,
            log: Vec::new(),
            started: Duration::ZERO,
        };
        println!("Starting dateline serve on port {port} ...");
        let started = Instant::now();
        loop {
            let left = START_TIMEOUT.saturating_sub(started.elapsed());
            match server.lines.recv_timeout(left) {
                Ok(line) => {
                    let ready = line.starts_with("Serving the archive at");
                    server.log.push(line);
                    if ready {
                        server.started = started.elapsed();
                        println!("Serving after {:.2} s.", server.started.as_secs_f64());
                        return Ok(server);
                    }
                }
                Err(_) => {
                    let log = server.stop().join("\n");
                    return Err(format!("error: dateline serve did not start:\n{log}"));
                }
            }
        }
    }

    /// What the server printed since the last call.
    fn drain(&mut self) {
        while let Ok(line) = self.lines.try_recv() {
            self.log.push(line);
        }
    }

    fn stop(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.drain();
        self.log
    }
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Listens to the server's event stream like a page does; sends the arrival time of every
/// `reload` event.
fn listen(port: u16) -> Result<mpsc::Receiver<Instant>, String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("error: cannot connect to the server: {e}"))?;
    write!(
        stream,
        "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| format!("error: cannot subscribe to reload events: {e}"))?;
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line.trim() == "event: reload" && send.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    Ok(receive)
}

/// The article files of the site, in a stable order.
fn articles(site: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![site.join("content")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "md" || x == "txt")
                && !path.to_string_lossy().contains(".annotations.")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The time from one save to the `reload` event, and to the front page received after it.
struct Latency {
    reload: Duration,
    page: Duration,
}

/// Fetches `path` as the reloaded page does, reading the whole response.
fn fetch(port: u16, path: &str) -> Result<(), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("error: cannot connect: {e}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("error: cannot ask for {path}: {e}"))?;
    let mut response = Vec::new();
    io::Read::read_to_end(&mut stream, &mut response).map_err(|e| format!("error: cannot read {path}: {e}"))?;
    if !response.starts_with(b"HTTP/1.1 200") {
        return Err(format!(
            "error: {path} was not served: {}",
            String::from_utf8_lossy(&response[..response.len().min(200)])
        ));
    }
    Ok(())
}

/// Saves `edits` articles, spread over the archive, one at a time; returns each wait.
fn measure(server: &mut Server, site: &Path, edits: usize) -> Result<Vec<Latency>, String> {
    let reloads = listen(server.port)?;
    let files = articles(site);
    if files.is_empty() {
        return Err("error: the archive has no articles".into());
    }
    // Let the subscription settle before the first save.
    std::thread::sleep(PAUSE);
    let mut latencies = Vec::new();
    for i in 0..edits {
        let file = &files[(i * 7919 + files.len() / 2) % files.len()];
        let mut text = fs::read_to_string(file).map_err(|e| format!("error: cannot read {}: {e}", file.display()))?;
        let _ = write!(
            text,
            "\n\nThe archive added this paragraph in revision {}, after checking the wire.\n",
            i + 1
        );
        while reloads.try_recv().is_ok() {}
        let saved = Instant::now();
        fs::write(file, &text).map_err(|e| format!("error: cannot write {}: {e}", file.display()))?;
        let reloaded = loop {
            match reloads.recv_timeout(EDIT_TIMEOUT) {
                Ok(at) if at >= saved => break at,
                Ok(_) => continue,
                Err(_) => {
                    server.drain();
                    let tail = server.log.iter().rev().take(20).rev().cloned().collect::<Vec<_>>();
                    return Err(format!(
                        "error: no reload within {} s of saving {}; the server said:\n{}",
                        EDIT_TIMEOUT.as_secs(),
                        file.display(),
                        tail.join("\n")
                    ));
                }
            }
        };
        let took = reloaded - saved;
        fetch(server.port, "/")?;
        let page = saved.elapsed();
        println!(
            "  edit {:>2}/{edits}: {:>7.1} ms, front page {:>7.1} ms  {}",
            i + 1,
            ms(took),
            ms(page),
            file.strip_prefix(site).unwrap_or(file).display()
        );
        latencies.push(Latency { reload: took, page });
        server.drain();
        std::thread::sleep(PAUSE);
    }
    Ok(latencies)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn table(
    size: usize,
    edits: usize,
    build: Duration,
    start: &Start,
    peak_after: Option<u64>,
    latencies: &[Latency],
    log: &[String],
) -> String {
    let sorted = |f: fn(&Latency) -> Duration| {
        let mut v: Vec<Duration> = latencies.iter().map(f).collect();
        v.sort();
        v
    };
    let reloads = sorted(|l| l.reload);
    let pages = sorted(|l| l.page);
    let pick = |v: &[Duration], q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let mb = |b: Option<u64>| b.map_or("?".to_string(), |b| format!("{:.0}", b as f64 / 1e6));
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut out = String::new();
    let _ = writeln!(out, "dateline serve benchmark");
    let _ = writeln!(
        out,
        "method:   {edits} saves of different articles, {} ms apart; time from the write to the \
         `reload` event on the page's event stream, and to the front page received after it; {cpus} CPUs",
        PAUSE.as_millis()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>9}  {:>10}  {:>8}  {:>8}  {:>8}  {:>10}  {:>13}  {:>8}  {:>13}",
        "articles", "median ms", "min ms", "p90 ms", "max ms", "page ms", "full build s", "start s", "peak MB"
    );
    let _ = writeln!(
        out,
        "{:>9}  {:>10.1}  {:>8.1}  {:>8.1}  {:>8.1}  {:>10.1}  {:>13.2}  {:>8.2}  {:>13}",
        size,
        ms(pick(&reloads, 0.5)),
        ms(reloads[0]),
        ms(pick(&reloads, 0.9)),
        ms(reloads[reloads.len() - 1]),
        ms(pick(&pages, 0.5)),
        build.as_secs_f64(),
        start.took.as_secs_f64(),
        format!("{} / {}", mb(start.peak), mb(peak_after))
    );
    let _ = writeln!(
        out,
        "(median ms: to the reload event; page ms: median to the front page; peak MB: after starting / after the edits)"
    );
    let rebuilds: Vec<&String> = log
        .iter()
        .filter(|l| l.contains(" in ") && l.ends_with(" ms"))
        .collect();
    if !rebuilds.is_empty() {
        let _ = writeln!(out, "\nwhat the server reported:");
        for line in rebuilds {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
