//! The hostile-input corpus: every folder of `tests/hostile/` is a small site that once broke
//! (or nearly broke) a build, with a `case.toml` saying what `dateline` must do with it — its
//! exit status, what its messages must say, and whether the previous archive must survive. See
//! `tests/hostile/README.md` for the format.
//!
//! Besides what each case asks, every build that succeeds is held to what any archive must be:
//! each XML file is well-formed, each HTML page has no raw control characters, and the HTML
//! tokenizer browsers follow reaches the end of every page, with each JSON-LD block parsing
//! as JSON. The cases that cannot be files in git (links and pipes made at test time, a large
//! article generated here) are the tests at the end of this file.

mod common;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use common::*;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use serde::Deserialize;

/// What a case expects, from its `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// `dateline` arguments; the harness adds `--root` (and `--output` for `build`).
    args: Vec<String>,
    /// The exit status.
    exit: i32,
    /// Substrings standard error must contain.
    #[serde(default)]
    stderr: Vec<String>,
    /// Whether a previous good build's output must be byte-identical afterwards.
    #[serde(default)]
    output_intact: bool,
    /// Substrings no HTML page of the output may contain (for injection cases).
    #[serde(default)]
    html_lacks: Vec<String>,
}

fn corpus() -> PathBuf {
    repo().join("tests/hostile")
}

/// A good archive, built first into the output every case then writes to.
fn previous_build(output: &Path) {
    let site = site(&[
        ("site.toml", "title = \"Previous\"\n"),
        (
            "content/kept.md",
            "+++\ntitle = \"Kept\"\ndate = 2020-02-03\n+++\nThe archive as it was.\n",
        ),
    ]);
    let out = dateline(site.path(), &["build", "--output", &output.to_string_lossy()]);
    assert!(out.status.success(), "the previous build failed:\n{}", stderr(&out));
}

/// Copies a case's site (all but `case.toml`) into `to`.
fn copy_site(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_site(&path, &target);
        } else if entry.file_name() != "case.toml" {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Runs one case; the failures, if any, as sentences.
fn run(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = read(&dir.join("case.toml"));
    let case: Case = match toml::from_str(&text) {
        Ok(c) => c,
        Err(e) => return vec![format!("{name}: case.toml: {e}")],
    };
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    copy_site(dir, &root);
    let output = work.path().join("public");
    previous_build(&output);
    let before = tree(&output);
    let mut args: Vec<String> = case.args.clone();
    if matches!(args.first().map(String::as_str), Some("build" | "check" | "new")) {
        args.extend(["--root".into(), root.to_string_lossy().into_owned()]);
    }
    if args.first().map(String::as_str) == Some("build") {
        args.extend(["--output".into(), output.to_string_lossy().into_owned()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = dateline(&root, &args);
    let err = stderr(&out);
    let mut failures = Vec::new();
    if out.status.code() != Some(case.exit) {
        failures.push(format!("exit status {:?}, expected {}", out.status.code(), case.exit));
    }
    for want in &case.stderr {
        if !err.contains(want.as_str()) {
            failures.push(format!("stderr lacks {want:?}"));
        }
    }
    let after = tree(&output);
    if case.output_intact && after != before {
        failures.push("the previous output changed".into());
    }
    if out.status.success() && after != before {
        failures.extend(archive_problems(&after));
    }
    for (path, bytes) in after.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for bad in &case.html_lacks {
            if html.contains(bad.as_str()) {
                failures.push(format!("{path} contains {bad:?}"));
            }
        }
    }
    failures
        .into_iter()
        .map(|f| format!("{name}: {f}\n--- stderr:\n{err}"))
        .collect()
}

#[test]
fn hostile_corpus() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "the corpus is missing: {}", corpus().display());
    let failures: Vec<String> = dirs.iter().flat_map(|d| run(d)).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is wrong with a built archive, whatever its input: ill-formed XML, raw control
/// characters in HTML, a page the HTML tokenizer does not read to its end, JSON-LD that does
/// not parse, or a picture without the `alt` attribute HTML requires.
fn archive_problems(files: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".xml")
            && let Err(e) = roxmltree::Document::parse(&text)
        {
            problems.push(format!("{path} is not well-formed XML: {e}"));
        }
        if path.ends_with(".html") {
            if let Some(c) = text.chars().find(|c| *c < ' ' && !matches!(c, '\t' | '\n' | '\r')) {
                problems.push(format!("{path} has a raw control character {c:?}"));
            }
            let page = tokenize(&text);
            if !page.ended {
                problems.push(format!("{path}: the HTML tokenizer never reaches </html>"));
            }
            for json in &page.json_ld {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(json) {
                    problems.push(format!("{path}: JSON-LD does not parse ({e}): {json}"));
                }
            }
            if page.images_without_alt > 0 {
                problems.push(format!(
                    "{path}: {} <img> without `alt`, which HTML requires",
                    page.images_without_alt
                ));
            }
        }
    }
    problems
}

/// A page as a browser's tokenizer reads it.
#[derive(Default)]
struct Page {
    /// The text of each `<script type="application/ld+json">`.
    json_ld: Vec<String>,
    /// The text of each `<h1>`.
    h1: Vec<String>,
    /// Whether `</html>` was read as a tag (not swallowed by a script).
    ended: bool,
    /// How many `<img>` tags have no `alt` attribute.
    images_without_alt: usize,
}

#[derive(Default)]
struct PageSink {
    page: RefCell<Page>,
    /// Inside which element text is being collected.
    open: RefCell<Option<&'static str>>,
}

impl TokenSink for PageSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.page.borrow_mut();
        let mut open = self.open.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if tag.kind == TagKind::EndTag {
                    if name == "html" {
                        page.ended = true;
                    }
                    *open = None;
                    return TokenSinkResult::Continue;
                }
                match name {
                    // What the tree builder tells the tokenizer for these elements.
                    "script" => {
                        let json = tag
                            .attrs
                            .iter()
                            .any(|a| &*a.name.local == "type" && &*a.value == "application/ld+json");
                        if json {
                            page.json_ld.push(String::new());
                            *open = Some("script");
                        }
                        TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "h1" => {
                        page.h1.push(String::new());
                        *open = Some("h1");
                        TokenSinkResult::Continue
                    }
                    "img" => {
                        if !tag.attrs.iter().any(|a| &*a.name.local == "alt") {
                            page.images_without_alt += 1;
                        }
                        TokenSinkResult::Continue
                    }
                    "style" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::CharacterTokens(text) => {
                let target = match *open {
                    Some("script") => page.json_ld.last_mut(),
                    Some("h1") => page.h1.last_mut(),
                    _ => None,
                };
                if let Some(t) = target {
                    t.push_str(&text);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn tokenize(html: &str) -> Page {
    let tokenizer = Tokenizer::new(PageSink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.page.into_inner()
}

// The cases that cannot be committed as files.

/// A good site with `extra` applied to it, built into `public/`, and the output before.
fn good_site() -> (tempfile::TempDir, PathBuf, std::collections::BTreeMap<String, Vec<u8>>) {
    let site = site(&[
        ("site.toml", "title = \"Links\"\n"),
        (
            "content/2021/harbour.md",
            "+++\ntitle = \"Harbour reopens\"\ndate = 2021-10-13\n+++\nThe harbour reopened on Monday.\n",
        ),
    ]);
    let public = build(site.path());
    let before = tree(&public);
    (site, public, before)
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_refused_and_names_itself() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("passwd.txt"), "root:x:0:0:Superuser:/root:/bin/sh\n").unwrap();
    let (site, public, before) = good_site();
    std::os::unix::fs::symlink(secret.path().join("passwd.txt"), site.path().join("content/leak.txt")).unwrap();
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/leak.txt") && err.contains("outside the site"),
        "{err}"
    );
    assert!(!err.contains("Superuser"), "the file is never read:\n{err}");
    assert!(tree(&public) == before, "the previous output changed");
    // `check` refuses it too.
    let out = dateline(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/leak.txt"));
}

#[cfg(unix)]
#[test]
fn a_linked_folder_that_walks_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "notes.md",
        "+++\ntitle = \"Private\"\n+++\nNot for the archive.\n",
    );
    let (site, public, before) = good_site();
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/etc")).unwrap();
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/etc") && err.contains("outside the site"), "{err}");
    assert!(tree(&public) == before);
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed() {
    let (site, public, _) = good_site();
    write(
        site.path(),
        "drafts/shared.md",
        "+++\ntitle = \"Shared desk\"\ndate = 2021-10-14\n+++\nFiled once, linked in.\n",
    );
    std::os::unix::fs::symlink(
        site.path().join("drafts/shared.md"),
        site.path().join("content/shared.md"),
    )
    .unwrap();
    write(
        site.path(),
        "wires/2021/strike.txt",
        "Strike called off\n\nLISBON, Oct 16 - The union called off the strike.\n",
    );
    std::os::unix::fs::symlink(site.path().join("wires"), site.path().join("content/wires")).unwrap();
    let out = dateline(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = tree(&public);
    for slug in ["/shared/", "/strike/"] {
        assert!(
            pages.keys().any(|p| p.contains(slug)),
            "{slug}: {:?}",
            pages.keys().collect::<Vec<_>>()
        );
    }
}

#[cfg(unix)]
#[test]
fn force_never_replaces_the_real_folder_behind_a_linked_content() {
    let (site, _, _) = good_site();
    let articles = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    for e in std::fs::read_dir(&content).unwrap().flatten() {
        std::fs::rename(e.path(), articles.path().join(e.file_name())).unwrap();
    }
    std::fs::remove_dir(&content).unwrap();
    std::os::unix::fs::symlink(articles.path(), &content).unwrap();
    let before = tree(articles.path());
    let target = articles.path().to_string_lossy().into_owned();
    let out = dateline(site.path(), &["build", "--force", "--output", &target]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/"), "{}", stderr(&out));
    assert!(tree(articles.path()) == before, "the articles folder was touched");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {}",
        path.display()
    );
}

/// Runs `dateline` with a deadline: a hang is a failure, not a stuck test run.
#[cfg(unix)]
fn dateline_within(dir: &Path, args: &[&str], secs: u64) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            panic!("dateline {args:?} still running after {secs} s: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_with_a_warning_in_build_check_and_extract() {
    let (site, public, _) = good_site();
    mkfifo(&site.path().join("content/2021/wire.md"));
    mkfifo(&site.path().join("content/2021/feed.txt"));
    let out = dateline_within(site.path(), &["build"], 60);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/2021/wire.md") && err.contains("named pipe"),
        "{err}"
    );
    assert!(err.contains("content/2021/feed.txt"), "{err}");
    assert!(tree(&public).contains_key("2021/10/13/harbour/index.html"));
    let out = dateline_within(site.path(), &["check"], 60);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
    let out = dateline_within(site.path(), &["extract", "content/2021/wire.md"], 60);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
}

#[test]
fn a_large_article_builds_with_well_formed_output() {
    // Several megabytes of copy in one article, made here rather than committed.
    let paragraph = "Dock workers returned to the cranes at dawn, and the first ship of the week \
                     was unloaded before noon, the port authority said in a statement.\n\n";
    let body = paragraph.repeat(40_000);
    let (site, public, _) = good_site();
    write(
        site.path(),
        "content/2021/long.md",
        &format!("+++\ntitle = \"A very long dispatch\"\ndate = 2021-10-15\n+++\n{body}"),
    );
    let out = dateline(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&public);
    assert!(files.contains_key("2021/10/15/long/index.html"));
    let problems = archive_problems(&files);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_headline_that_opens_a_comment_and_a_script_leaves_the_page_whole() {
    let headline = "Minister says <!--<script> is not news </script> either";
    let site = site(&[
        ("site.toml", "title = \"Markup\"\n"),
        (
            "content/2021/markup.md",
            &format!("+++\ntitle = {headline:?}\ndate = 2021-10-13\n+++\nThe body survives.\n"),
        ),
    ]);
    let public = build(site.path());
    let files = tree(&public);
    let page = tokenize(&String::from_utf8_lossy(&files["2021/10/13/markup/index.html"]));
    assert!(page.ended, "the tokenizer never reached </html>");
    assert_eq!(page.h1.first().map(|h| h.trim()), Some(headline));
    let article = page
        .json_ld
        .iter()
        .map(|j| serde_json::from_str::<serde_json::Value>(j).expect("JSON-LD parses"))
        .find(|v| v["@type"] == "NewsArticle")
        .expect("a NewsArticle");
    assert_eq!(article["headline"], headline);
    assert!(archive_problems(&files).is_empty(), "{:#?}", archive_problems(&files));
}

/// A running `dateline serve` on a free port, stopped when dropped.
#[cfg(all(unix, feature = "serve"))]
struct Server {
    child: std::process::Child,
    port: u16,
    /// Every line the server has printed, from the start.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

#[cfg(all(unix, feature = "serve"))]
impl Server {
    /// Waits up to a minute for a printed line containing `wanted`; every line printed so far.
    fn wait_for(&self, wanted: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let lines = self.log.lock().unwrap().join("\n");
            if lines.contains(wanted) || std::time::Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[cfg(all(unix, feature = "serve"))]
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `dateline serve` in `root`, failing if it does not announce its address in time
/// (a build that hangs on a pipe never does).
#[cfg(all(unix, feature = "serve"))]
fn serve(root: &Path) -> Server {
    use std::io::BufRead;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut server = Server {
        child,
        port,
        log: std::sync::Arc::clone(&log),
    };
    loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("serve announced its address within a minute");
        let address = line.split("http://127.0.0.1:").nth(1).map(str::to_string);
        log.lock().unwrap().push(line);
        if let Some(rest) = address {
            server.port = rest.split('/').next().unwrap().parse().unwrap_or(port);
            break;
        }
    }
    std::thread::spawn(move || {
        while let Ok(line) = rx.recv() {
            log.lock().unwrap().push(line);
        }
    });
    server
}

/// A page from the server; a request that is not answered in ten seconds fails the test.
#[cfg(all(unix, feature = "serve"))]
fn fetch(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("the server answers");
    String::from_utf8_lossy(&response).into_owned()
}

#[cfg(all(unix, feature = "serve"))]
#[test]
fn serve_skips_named_pipes_and_never_serves_a_link_out_of_the_site() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("passwd.txt"), "root:x:0:0:Superuser:/root:/bin/sh\n").unwrap();
    let (site, _, _) = good_site();
    mkfifo(&site.path().join("content/2021/pipe.md"));
    let server = serve(site.path());
    assert!(fetch(server.port, "/2021/10/13/harbour/").contains("Harbour reopens"));
    // A pipe and a link out of the site appear while it runs: the pipe is ignored, the link
    // reported as a build error, and the last good build stays on.
    use std::io::{Read, Write};
    let mut events = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(events, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    mkfifo(&site.path().join("content/2021/later.md"));
    std::os::unix::fs::symlink(
        secret.path().join("passwd.txt"),
        site.path().join("content/2021/leak.txt"),
    )
    .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !seen.contains("outside the site") && std::time::Instant::now() < deadline {
        let n = events.read(&mut buf).unwrap_or(0);
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        seen.contains("content/2021/leak.txt") && seen.contains("outside the site"),
        "{seen}"
    );
    assert!(!seen.contains("Superuser"), "{seen}");
    for path in ["/", "/feed.xml", "/api/articles.json"] {
        let page = fetch(server.port, path);
        assert!(
            page.contains("200 OK") && !page.contains("Superuser"),
            "{path}:\n{page}"
        );
    }
    assert!(fetch(server.port, "/2021/10/13/harbour/").contains("Harbour reopens"));
}

#[cfg(all(unix, feature = "serve"))]
#[test]
fn serve_warns_about_control_characters_as_build_does_at_start_and_after_an_edit() {
    let (site, _, _) = good_site();
    write(
        site.path(),
        "content/2021/ferry.txt",
        "Ferry sails again\n\nPORTO VELHO \u{2014} The ferry sailed at dawn,\u{b}the operator said.\n",
    );
    let server = serve(site.path());
    let started = server.wait_for("content/2021/ferry.txt:3");
    assert!(
        started.contains("warning: control character vertical tab replaced")
            && started.contains("content/2021/ferry.txt:3"),
        "{started}"
    );
    // An edit re-reads the one article: its warning is printed with the rebuild, as a build
    // would print it.
    write(
        site.path(),
        "content/2021/harbour.md",
        "+++\ntitle = \"Harbour reopens\"\ndate = 2021-10-13\n+++\nThe harbour reopened on Monday.\n\u{c}\nCranes worked all night.\n",
    );
    let after = server.wait_for("Incremental rebuild");
    assert!(
        after.contains("warning: control character form feed replaced") && after.contains("content/2021/harbour.md:6"),
        "{after}"
    );
}
