//! Publishing the built archive: precompressed twins as a real nginx sends them, `_headers`,
//! and an archive published under a sub-path, crawled link by link over HTTP.

mod common;
use common::Response;

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The sample archive with `[build] precompress` set, built.
fn precompressed_sample() -> (tempfile::TempDir, PathBuf) {
    let site = sample_site();
    let config = site.path().join("site.toml");
    let text = read(&config);
    let text = if text.contains("[build]") {
        text.replace("[build]", "[build]\nprecompress = [\"gzip\", \"br\"]")
    } else {
        format!("{text}\n[build]\nprecompress = [\"gzip\", \"br\"]\n")
    };
    std::fs::write(&config, text).unwrap();
    let public = build(site.path());
    (site, public)
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

#[test]
fn precompressed_twins_hold_the_same_bytes_and_nginx_sends_them() {
    let (_site, public) = precompressed_sample();
    let files = tree(&public);
    let mut twins = 0;
    for (path, bytes) in &files {
        if let Some(original) = path.strip_suffix(".gz") {
            assert_eq!(gunzip(bytes), files[original], "{path}");
            twins += 1;
        } else if let Some(original) = path.strip_suffix(".br") {
            assert_eq!(unbrotli(bytes), files[original], "{path}");
            twins += 1;
        } else if dateline::compress::is_text(path) && bytes.len() >= 4096 {
            // A page of this size always compresses well below the threshold.
            assert!(files.contains_key(&format!("{path}.gz")), "no gzip twin of {path}");
            assert!(files.contains_key(&format!("{path}.br")), "no brotli twin of {path}");
        }
    }
    assert!(twins > 100, "only {twins} twins");
    // Small files, pictures and the (already gzipped) search index get none.
    for path in files.keys().filter(|p| p.ends_with(".gz") || p.ends_with(".br")) {
        let original = &path[..path.len() - 3];
        assert!(files[original].len() >= dateline::compress::MIN_SIZE, "{path}");
        assert!(!original.starts_with("search-index/"), "{path}");
        assert!(!original.ends_with(".png"), "{path}");
    }
    // Twins are part of the reproducible output.
    let again = build(_site.path());
    assert_eq!(tree(&again), files);
    nginx_sends_the_stored_twin_for_the_encoding_asked(&public);
}

#[test]
fn a_default_build_writes_no_twins_but_a_headers_file() {
    let site = sample_site();
    let files = tree(&build(site.path()));
    assert!(!files.keys().any(|p| p.ends_with(".gz") || p.ends_with(".br")));
    let headers = String::from_utf8(files["_headers"].clone()).unwrap();
    assert!(headers.contains("/search-index/terms/*\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(headers.contains("/style.css\n  Cache-Control: public, max-age=3600"));
}

#[test]
fn a_wrong_precompress_value_names_its_line() {
    let site = site(&[("site.toml", "title = \"T\"\n\n[build]\nprecompress = [\"zstd\"]\n")]);
    let out = dateline(site.path(), &["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("site.toml") && err.contains(":4"), "{err}");
    assert!(err.contains("zstd") && err.contains("gzip"), "{err}");
}

// ---- HTTP -----------------------------------------------------------------------------------

/// A response: status, lower-cased headers, body.
fn get(port: u16, path: &str, accept_encoding: Option<&str>) -> Response {
    // HTTP/1.1: nginx sends stored gzip only to 1.1 clients (`gzip_http_version`).
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if let Some(e) = accept_encoding {
        request.push_str(&format!("Accept-Encoding: {e}\r\n"));
    }
    request.push_str("\r\n");
    common::exchange(port, &request)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(port: u16, server: &mut Child) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = server.try_wait() {
            panic!("the server exited: {status}");
        }
        assert!(start.elapsed() < Duration::from_secs(20), "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Starts nginx serving `public` under `/archive/` with `gzip_static` (and `brotli_static` when
/// the module is installed), as one unprivileged process with its files in `dir`.
fn start_nginx(nginx: &Path, dir: &Path, public: &Path) -> (Server, u16, bool) {
    let port = free_port();
    let brotli = Path::new(BROTLI_MODULE).exists();
    let d = dir.display();
    let config = format!(
        "{load}daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n\
         http {{\n  access_log off;\n  include /etc/nginx/mime.types;\n  client_body_temp_path {d}/body;\n\
         proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n\
         scgi_temp_path {d}/scgi;\n  server {{\n    listen 127.0.0.1:{port};\n    location /archive/ {{\n\
         alias {public}/;\n      gzip_static on;\n{brotli_line}    }}\n  }}\n}}\n",
        load = if brotli {
            format!("load_module {BROTLI_MODULE};\n")
        } else {
            String::new()
        },
        public = public.display(),
        brotli_line = if brotli { "      brotli_static on;\n" } else { "" },
    );
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, config).unwrap();
    let mut child = Command::new(nginx)
        .args(["-e", &format!("{d}/error.log"), "-p"])
        .arg(dir)
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start nginx");
    wait_for(port, &mut child);
    (Server(child), port, brotli)
}

/// Run on the build above, which takes a while (Brotli at quality 11).
fn nginx_sends_the_stored_twin_for_the_encoding_asked(public: &Path) {
    let Some(nginx) = nginx() else {
        eprintln!("note: nginx is not installed, so precompressed serving was not checked (CI installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, brotli) = start_nginx(&nginx, dir.path(), public);
    let files = tree(public);
    let page = files
        .keys()
        .find(|p| p.matches('/').count() == 4 && p.ends_with("/index.html"))
        .expect("an article page")
        .clone();
    for path in [page.as_str(), "index.html", "style.css", "feed.xml"] {
        let url = format!("/archive/{path}");
        let plain = get(port, &url, None);
        assert_eq!(plain.status, 200, "{url}");
        assert_eq!(plain.header("content-encoding"), None, "{url}");
        assert_eq!(plain.body, files[path], "{url}");

        let gz = get(port, &url, Some("gzip"));
        assert_eq!(gz.status, 200, "{url}");
        assert_eq!(gz.header("content-encoding"), Some("gzip"), "{url}");
        assert_eq!(gz.body, files[&format!("{path}.gz")], "{url}: not the stored .gz");

        if brotli {
            let br = get(port, &url, Some("br, gzip"));
            assert_eq!(br.header("content-encoding"), Some("br"), "{url}");
            assert_eq!(br.body, files[&format!("{path}.br")], "{url}: not the stored .br");
        }
    }
    if !brotli {
        eprintln!("note: nginx has no brotli_static module here ({BROTLI_MODULE}); only gzip was checked");
    }
}

// ---- A sub-path ------------------------------------------------------------------------------

/// Serves `public` under `/archive/` as a static server does: a folder is its `index.html`,
/// anything else is a 404. Enough to follow links the way a browser does.
fn serve_under_archive(public: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head);
            let target = head.split(' ').nth(1).unwrap_or("/");
            let path = target.split(['?', '#']).next().unwrap_or("");
            let file = path.strip_prefix("/archive/").map(|rest| {
                let rest = percent_decode(rest);
                let mut p = public.join(&rest);
                if rest.is_empty() || rest.ends_with('/') || p.is_dir() {
                    p = p.join("index.html");
                }
                p
            });
            let body = file
                .filter(|p| !p.to_string_lossy().contains(".."))
                .and_then(|p| std::fs::read(p).ok());
            let (status, body) = match body {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", Vec::new()),
            };
            let _ = stream.write_all(format!("HTTP/1.0 {status}\r\nContent-Length: {}\r\n\r\n", body.len()).as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    port
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `link` (as written in a page at the site path `page`) as a site path from the host's root,
/// or `None` when it leads off the site.
fn resolve(page: &str, link: &str, base: &str) -> Option<String> {
    let link = link.replace("&amp;", "&");
    let link = link.split('#').next().unwrap_or("");
    if link.is_empty() {
        return None;
    }
    if let Some(rest) = link.strip_prefix(base) {
        return Some(normalise(&format!("/archive/{rest}")));
    }
    if link.contains("://") || link.starts_with("//") || link.contains(':') && !link.starts_with('.') {
        // Another host, mailto:, data:, javascript:.
        assert!(
            !link.starts_with("https://example.org/") || link.starts_with(base),
            "{page}: {link} leaves the sub-path"
        );
        return None;
    }
    if link.starts_with('/') {
        return Some(normalise(link));
    }
    let folder = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    Some(normalise(&format!("{folder}{link}")))
}

fn normalise(path: &str) -> String {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        match *s {
            "" | "." if i + 1 < segments.len() => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    if let Some(q) = query {
        out = format!("{out}?{q}");
    }
    out
}

/// Every `href`, `src` and `action` of an HTML page, and the URLs of an XML file's elements and
/// attributes (feeds, sitemaps).
fn links_of(path: &str, body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    if path.ends_with(".html") || path.ends_with('/') {
        let mut out = Vec::new();
        for attr in ["href", "src", "action", "content"] {
            out.extend(
                attributes(&text, attr)
                    .into_iter()
                    .filter(|v| attr != "content" || v.starts_with("http"))
                    .map(str::to_string),
            );
        }
        for srcset in attributes(&text, "srcset") {
            out.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        out
    } else if path.ends_with(".xml") || path.ends_with(".txt") {
        let mut out = Vec::new();
        let mut rest = &*text;
        while let Some(i) = rest.find("https://example.org/") {
            rest = &rest[i..];
            let end = rest.find(['<', '"', ' ', '\n']).unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
        out
    } else {
        Vec::new()
    }
}

#[test]
fn an_archive_under_a_sub_path_has_no_dead_link_when_served_there() {
    let base = "https://example.org/archive/";
    let site = sample_site();
    let out = dateline(site.path(), &["build", "--base-url", base]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let port = serve_under_archive(public.clone());

    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    for start in [
        "/archive/",
        "/archive/feed.xml",
        "/archive/sitemap.xml",
        "/archive/robots.txt",
    ] {
        queue.push_back((start.to_string(), "(start)".to_string()));
    }
    // The 404 page is served at any depth: its links must work from somewhere deep.
    queue.push_back(("/archive/2099/01/01/gone/".to_string(), "(missing page)".to_string()));
    let mut seen = BTreeSet::new();
    let mut dead = Vec::new();
    let mut pages = 0;
    while let Some((url, from)) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let (target, page_path) = if from == "(missing page)" {
            ("/archive/404.html".to_string(), url.clone())
        } else {
            (url.clone(), url.clone())
        };
        let response = get(port, &target, None);
        if response.status != 200 {
            dead.push(format!("{from} → {url}: {}", response.status));
            continue;
        }
        pages += 1;
        let path = page_path.split('?').next().unwrap_or("").to_string();
        let html_like = path.ends_with('/') || path.ends_with(".html");
        if !(html_like || path.ends_with(".xml") || path.ends_with(".txt")) {
            continue;
        }
        for link in links_of(&path, &response.body) {
            let Some(next) = resolve(&path, &link, base) else {
                continue;
            };
            assert!(
                next.starts_with("/archive/"),
                "{url}: {link} leads outside /archive/ ({next})"
            );
            queue.push_back((next, url.clone()));
        }
    }
    assert!(
        dead.is_empty(),
        "{} dead links, e.g.:\n{}",
        dead.len(),
        dead[..dead.len().min(20)].join("\n")
    );
    let articles = tree(&public).keys().filter(|p| p.ends_with("/index.html")).count();
    assert!(pages > articles, "crawled only {pages} files for {articles} pages");
}

// ---- The archive as data ---------------------------------------------------------------------

fn sqlite3(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg("-bail")
        .arg(db)
        .arg(sql)
        .output()
        .expect("run sqlite3");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn archive_sqlite_is_whole_linked_searchable_and_reproducible() {
    let site = sample_site();
    let public = build(site.path());
    let db = public.join("archive.sqlite");
    let bytes = std::fs::read(&db).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    // Published for anyone to read, as the pages are: a web server may run as another user.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "archive.sqlite has mode {mode:o}");
    }
    // The same input gives the same bytes.
    let again = build(site.path());
    assert!(
        std::fs::read(again.join("archive.sqlite")).unwrap() == bytes,
        "archive.sqlite differs between builds"
    );

    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("note: the sqlite3 shell is not installed, so archive.sqlite was not queried (CI installs it)");
        return;
    }
    let articles = tree(&public).keys().filter(|p| p.ends_with("/article.json")).count();
    assert_eq!(
        sqlite3(&db, "SELECT count(*) FROM articles").trim(),
        articles.to_string()
    );
    assert_eq!(sqlite3(&db, "PRAGMA integrity_check").trim(), "ok");
    assert_eq!(sqlite3(&db, "PRAGMA foreign_key_check"), "", "rows pointing at nothing");
    // Every kind of thing is there, joined to its article.
    for (table, at_least) in [
        ("bylines", 10),
        ("datelines", 10),
        ("people", 10),
        ("places", 5),
        ("organisations", 5),
        ("figures", 2),
        ("quotes", 10),
        ("annotations", 2),
    ] {
        let n: usize = sqlite3(&db, &format!("SELECT count(*) FROM {table}"))
            .trim()
            .parse()
            .unwrap();
        assert!(n >= at_least, "{table}: {n} rows");
    }
    let credited = sqlite3(
        &db,
        "SELECT count(*) FROM figures WHERE credit IS NOT NULL AND photographers IS NOT NULL",
    );
    assert!(credited.trim().parse::<usize>().unwrap() >= 1);
    let quoted_people = sqlite3(
        &db,
        "SELECT count(*) FROM quotes JOIN people ON people.id = quotes.person_id",
    );
    assert!(
        quoted_people.trim().parse::<usize>().unwrap() >= 1,
        "no quote linked to its speaker"
    );
    // The full-text index answers, ranked, from a word of the body that the headline lacks.
    let word = sqlite3(
        &db,
        "SELECT lower(substr(body, 1, instr(body, ' ') - 1)) FROM articles WHERE instr(body, ' ') > 4 ORDER BY id LIMIT 1",
    );
    let word: String = word.trim().chars().filter(|c| c.is_alphanumeric()).collect();
    assert!(word.len() >= 4, "{word}");
    let hits = sqlite3(
        &db,
        &format!(
            "SELECT articles.url FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid \
             WHERE articles_fts MATCH '{word}' ORDER BY rank"
        ),
    );
    assert!(hits.lines().count() >= 1, "no hit for {word}");
    assert!(
        hits.lines().all(|u| u.starts_with("https://archive.example.org/")),
        "{hits}"
    );
    // The index holds what the table holds (an external-content index left empty answers nothing).
    let indexed = sqlite3(
        &db,
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'a* OR e* OR o*'",
    );
    assert_eq!(indexed.trim(), articles.to_string());
}

#[test]
fn the_api_switches_leave_out_the_database_and_the_split() {
    let site = sample_site();
    let config = site.path().join("site.toml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}\n[api]\nsqlite = false\nsplit = false\n")).unwrap();
    let files = tree(&build(site.path()));
    assert!(!files.contains_key("archive.sqlite"));
    assert!(!files.keys().any(|p| p.starts_with("api/articles/")));
    let list: serde_json::Value = serde_json::from_slice(&files["api/articles.json"]).unwrap();
    assert!(list.as_array().unwrap().len() >= 15);
}
