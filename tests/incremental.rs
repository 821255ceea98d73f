//! Incremental builds are byte-identical to clean ones. A seeded random walk edits a generated
//! site — article text, additions, deletions, new dates in the front matter or the path,
//! annotation sidecars (some citing another article), `site.toml` (title and pagination), a
//! template, a file saved without a change, or nothing at all — and after every step builds it incrementally (with the build store) and, from a
//! copy, cleanly (`--clean`), and compares the two output folders byte for byte. The
//! incremental build must also have read from their files only the articles the step touched:
//! the others come whole from the build store.
//!
//! Its default run is short and always the same walk; for a longer one set
//! `DATELINE_INCREMENTAL_STEPS` (e.g. 500), and for another walk `DATELINE_INCREMENTAL_SEED`
//! (a failure prints its seed). Between builds the pages whose inputs did not change are kept
//! from the previous archive, so every kind of change here must reach every page it affects.
//! A third of the incremental builds move their new and changed files into the output through
//! a journal and a third exchange the whole folder, whatever share of it they change, so both
//! ways of swapping an archive in are compared with clean builds.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// A small, seedable generator (xorshift64*), so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PEOPLE: [&str; 5] = ["Ona Velt", "Tomas Greer", "Ilse Marrow", "Dev Okafor", "Rue Lindqvist"];
const PLACES: [&str; 4] = ["KESTREL BAY", "MARLOW FELL", "PORT ASHBY", "GRANBY"];

fn article(rng: &mut Rng, n: usize) -> String {
    let person = PEOPLE[rng.below(PEOPLE.len())];
    let place = PLACES[rng.below(PLACES.len())];
    let day = rng.below(28) + 1;
    let month = rng.below(3) + 1;
    let tags = ["harbour", "council", "weather", "rail"][rng.below(4)];
    format!(
        "+++\ntitle = \"Notice {n}: the {tags} question\"\ndate = 2018-{month:02}-{day:02}\ntags = [\"{tags}\"]\n+++\n{place} — {person} told the board on Tuesday that item {n} would wait, officials said.\n\n\"We will look again in spring,\" {person} said.\n\nThe vote was {} to {}.\n",
        rng.below(9),
        rng.below(9)
    )
}

/// The articles under `content/`, as paths relative to it ("0003.md", "2018/05/07/0004.md").
fn articles(site: &Path) -> Vec<String> {
    let content = site.join("content");
    let mut names: Vec<String> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

/// The number an article's file is named by ("2018/05/07/0004.md" → 4).
fn number(name: &str) -> usize {
    let file = name.rsplit('/').next().unwrap();
    file.trim_end_matches(".md").parse().unwrap()
}

/// The article every other article's notes may link to: never deleted or moved, so that a
/// link to it never breaks, while its headline changes with its edits.
const LINKED: &str = "0001.md";

/// One random change to the site; returns what it did, for the failure message.
fn step(rng: &mut Rng, site: &Path, next: &mut usize) -> String {
    let names = articles(site);
    let pick = |rng: &mut Rng| names[rng.below(names.len())].clone();
    match rng.below(11) {
        0 | 1 => {
            let name = pick(rng);
            write(site, &format!("content/{name}"), &article(rng, number(&name)));
            format!("edited {name}")
        }
        2 => {
            *next += 1;
            let name = format!("{:04}.md", *next);
            write(site, &format!("content/{name}"), &article(rng, *next));
            format!("added {name}")
        }
        3 if names.len() > 3 => {
            let name = pick(rng);
            if name == LINKED {
                return "nothing (the linked article stays)".to_string();
            }
            std::fs::remove_file(site.join("content").join(&name)).unwrap();
            let _ = std::fs::remove_file(site.join("content").join(name.replace(".md", ".annotations.toml")));
            format!("deleted {name}")
        }
        4 => {
            let name = pick(rng);
            let path = site.join("content").join(&name);
            let text = std::fs::read_to_string(&path).unwrap();
            let day = rng.below(28) + 1;
            let redated: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("date = ") {
                        format!("date = 2018-04-{day:02}")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            std::fs::write(&path, redated).unwrap();
            format!("re-dated {name} to 2018-04-{day:02}")
        }
        5 => {
            let name = pick(rng);
            let sidecar = name.replace(".md", ".annotations.toml");
            let mut text = format!(
                "[[annotations]]\nquote = \"told the board\"\nkind = \"context\"\nnote = \"Board minutes, item {}.\"\n",
                rng.below(100)
            );
            // Half the notes cite another article, whose headline the page then shows.
            if rng.below(2) == 0 && name != LINKED {
                text.push_str(&format!("link = \"content/{LINKED}\"\n"));
            }
            write(site, &format!("content/{sidecar}"), &text);
            format!("annotated {name}")
        }
        6 => {
            let title = ["The Bay Ledger", "Fell Courier", "Ashby Morning Post"][rng.below(3)];
            // Fewer articles a page: the front page and the term pages paginate differently.
            let per = [20, 3, 5][rng.below(3)];
            write(
                site,
                "site.toml",
                &format!("title = \"{title}\"\npaginate_by = {per}\n"),
            );
            format!("site.toml title = {title}, paginate_by = {per}")
        }
        7 => {
            // Dated by its path: the date leaves the front matter and the file moves to a
            // dated folder (or another one).
            let name = pick(rng);
            if name == LINKED {
                return "nothing (the linked article stays)".to_string();
            }
            let from = site.join("content").join(&name);
            let text = std::fs::read_to_string(&from).unwrap();
            let undated: String = text
                .lines()
                .filter(|l| !l.starts_with("date = "))
                .map(|l| format!("{l}\n"))
                .collect();
            let file = name.rsplit('/').next().unwrap().to_string();
            let (month, day) = (rng.below(3) + 4, rng.below(28) + 1);
            let moved = format!("2018/{month:02}/{day:02}/{file}");
            std::fs::remove_file(&from).unwrap();
            write(site, &format!("content/{moved}"), &undated);
            let sidecar = from.with_file_name(file.replace(".md", ".annotations.toml"));
            if sidecar.is_file() {
                let to = site.join("content").join(moved.replace(".md", ".annotations.toml"));
                std::fs::rename(&sidecar, to).unwrap();
            }
            format!("moved {name} to {moved}, dated by its path")
        }
        8 => {
            // The same bytes, a new modification time: still unchanged.
            let name = pick(rng);
            let path = site.join("content").join(&name);
            let text = std::fs::read(&path).unwrap();
            std::fs::write(&path, text).unwrap();
            format!("saved {name} without a change")
        }
        9 => "nothing".to_string(),
        _ => {
            let base = std::fs::read_to_string(repo().join("templates/article.html")).unwrap();
            let variant = rng.below(3);
            let text = if variant == 0 {
                base
            } else {
                base.replacen(
                    "{% endblock content %}",
                    &format!("<p>House variant {variant}.</p>{{% endblock content %}}"),
                    1,
                )
            };
            write(site, "templates/article.html", &text);
            format!("templates/article.html variant {variant}")
        }
    }
}

/// Builds the site, `--clean` or not; `swap` ("journal", "whole") overrides how the build
/// chooses to swap its archive in, so that the walk takes both ways whatever share it changes.
/// A site of `articles` generated articles (drawn from `seed`), built once; the generator is
/// returned to write more of them.
fn ledger_built(seed: u64, articles: usize) -> (tempfile::TempDir, Rng) {
    let mut rng = Rng(seed);
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    for n in 1..=articles {
        write(site.path(), &format!("content/{n:04}.md"), &article(&mut rng, n));
    }
    let first = build_into(site.path(), false, None);
    assert!(first.status.success(), "{}", stderr(&first));
    (site, rng)
}

fn build_into(site: &Path, clean: bool, swap: Option<&str>) -> std::process::Output {
    let mut args = vec!["build", "--quiet"];
    if clean {
        args.push("--clean");
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_dateline"));
    if let Some(swap) = swap {
        command.env("DATELINE_TEST_SWAP", swap);
    }
    command
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1530000000")
        .env("DATELINE_TIMINGS", "1")
        .current_dir(site)
        .output()
        .unwrap()
}

/// Gives each file under `content/` written in the last minute a modification time of its own
/// an hour ago, one millisecond after the last one `clock` handed out.
fn age(site: &Path, clock: &mut u64) {
    let now = std::time::SystemTime::now();
    let hour_ago = now - std::time::Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(site.join("content")).into_iter().flatten() {
        let recent = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| t > now - std::time::Duration::from_secs(60));
        if e.file_type().is_file() && recent {
            *clock += 1;
            std::fs::File::options()
                .write(true)
                .open(e.path())
                .unwrap()
                .set_modified(hour_ago + std::time::Duration::from_millis(*clock))
                .unwrap();
        }
    }
}

/// How many articles a build read from their files rather than took from the build store, as
/// its timings say; `None` for a build that found nothing to do and read nothing at all.
fn articles_read(out: &std::process::Output) -> Option<usize> {
    stderr(out)
        .lines()
        .find_map(|l| l.trim().strip_prefix("articles: ")?.split(' ').next()?.parse().ok())
}

/// The most articles a build after `change` (as [`step`] describes it) may read from their
/// files: the one it touched, none when it touched none, any after `site.toml` changed.
fn most_read(change: &str) -> usize {
    if change.starts_with("site.toml") {
        usize::MAX
    } else if ["edited", "added", "re-dated", "annotated", "moved"]
        .iter()
        .any(|c| change.starts_with(c))
    {
        1
    } else {
        0
    }
}

/// Copies the site's sources (not its output or store) into `to`, replacing what was there.
/// The output files of `site` that differ from a clean build of a copy of it (by name).
fn differs_from_clean(site: &Path) -> Vec<String> {
    let clean = tempfile::tempdir().unwrap();
    mirror(site, clean.path());
    let fresh = build_into(clean.path(), true, None);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    let (a, b) = (tree(&site.join("public")), tree(&clean.path().join("public")));
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

fn mirror(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to.join("content"));
    let _ = std::fs::remove_dir_all(to.join("templates"));
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if matches!(first.as_deref(), Some("public" | ".dateline")) || rel.as_os_str().is_empty() {
            continue;
        }
        if first.as_deref().is_some_and(|f| f.starts_with('.')) {
            continue;
        }
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn incremental_builds_are_byte_identical_to_clean_ones() {
    let steps: usize = std::env::var("DATELINE_INCREMENTAL_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24);
    let seed: u64 = std::env::var("DATELINE_INCREMENTAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        // A fixed walk by default, so a failure repeats; other seeds on demand.
        .unwrap_or(0x5EED_DA7E_11E5);
    eprintln!("incremental build walk: seed {seed}, {steps} steps (DATELINE_INCREMENTAL_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    let mut next = 20;
    for n in 1..=next {
        write(site.path(), &format!("content/{n:04}.md"), &article(&mut rng, n));
    }
    let clean = tempfile::tempdir().unwrap();
    let mut done = Vec::new();
    let first = build_into(site.path(), false, None);
    assert!(first.status.success(), "{}", stderr(&first));
    let mut clock = 0;
    // How the incremental builds swapped their archives in: the walk must take both ways.
    let (mut journaled, mut exchanged) = (0, 0);
    for i in 0..steps {
        done.push(step(&mut rng, site.path(), &mut next));
        // Every other step, what it wrote is dated well before the build, as files edited
        // earlier are: the build then trusts their size and time alone, where it compares a
        // file written just before it by its content.
        if i % 2 == 0 {
            age(site.path(), &mut clock);
        }
        // A small site's every edit changes a large share of it: a third of the builds move
        // their files in through a journal whatever they change, a third exchange the folder.
        let swap = [Some("journal"), Some("whole"), None][i % 3];
        let incremental = build_into(site.path(), false, swap);
        mirror(site.path(), clean.path());
        let fresh = build_into(clean.path(), true, None);
        let context = || format!("seed {seed}, after step {}: {}", i + 1, done.join("; "));
        assert_eq!(
            incremental.status.success(),
            fresh.status.success(),
            "{}\nincremental: {}\nclean: {}",
            context(),
            stderr(&incremental),
            stderr(&fresh)
        );
        assert!(incremental.status.success(), "{}\n{}", context(), stderr(&incremental));
        // Only what changed is read again; every other article comes from the store.
        let change = done.last().map(String::as_str).unwrap_or_default();
        let read = articles_read(&incremental).unwrap_or(0);
        assert!(
            read <= most_read(change),
            "{}\n{read} articles read from their files after: {change}",
            context()
        );
        let swapped = stderr(&incremental)
            .lines()
            .find_map(|l| l.trim().strip_prefix("swap: ").map(str::to_string));
        eprintln!(
            "step {}: {change} — {}",
            i + 1,
            swapped.as_deref().unwrap_or("nothing to do")
        );
        match swapped {
            Some(how) if how.starts_with("moved in through a journal") && !how.ends_with(" 0 removed)") => {
                journaled += 1
            }
            Some(_) => exchanged += 1,
            None => {}
        }
        let a = tree(&site.path().join("public"));
        let b = tree(&clean.path().join("public"));
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .take(5)
            .collect();
        assert!(differ.is_empty(), "{}\nfiles that differ: {differ:?}", context());
        // The store's record of the output, updated with each build's changes only, must be
        // what the folder holds: the next build links and compares by it.
        let recorded = store_record(site.path(), "outputs");
        let on_disk: std::collections::BTreeMap<String, Vec<u8>> = a
            .iter()
            .filter(|(path, _)| path.as_str() != ".dateline-output")
            .map(|(path, bytes)| (path.clone(), blake3::hash(bytes).as_bytes().to_vec()))
            .collect();
        assert!(
            recorded == on_disk,
            "{}\nthe store's record of the output is not the output",
            context()
        );
        // And its record of the inputs, the site's files as the build read them.
        let mut files: std::collections::BTreeMap<String, Vec<u8>> = ["content", "templates"]
            .iter()
            .flat_map(|dir| {
                tree(&site.path().join(dir))
                    .into_iter()
                    .map(move |(path, bytes)| (format!("{dir}/{path}"), bytes))
            })
            .collect();
        files.insert(
            "site.toml".into(),
            std::fs::read(site.path().join("site.toml")).unwrap(),
        );
        let hashed: std::collections::BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), blake3::hash(bytes).as_bytes().to_vec()))
            .collect();
        assert!(
            store_record(site.path(), "inputs") == hashed,
            "{}\nthe store's record of the inputs is not the site",
            context()
        );
    }
    if steps >= 12 {
        assert!(
            journaled > 0 && exchanged > 0,
            "seed {seed}: {journaled} builds moved their files in (and removed some) through a journal, {exchanged} exchanged the whole folder; the walk must take both ways"
        );
    }
}

/// The build store's record (`table`: "outputs" or "inputs") of the output folder's or the
/// site's files: path → hash.
fn store_record(site: &Path, table: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let db = rusqlite::Connection::open(site.join(".dateline/cache.sqlite")).unwrap();
    let mut stmt = db.prepare(&format!("SELECT path, hash FROM {table}")).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The inode of every file under `dir`: a file that was not rewritten keeps its inode.
#[cfg(unix)]
fn inodes(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, e.metadata().unwrap().ino())
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_rebuild_after_one_edit_extracts_one_article_and_writes_only_changed_files() {
    let (site, _) = ledger_built(7, 12);
    let public = site.path().join("public");
    let (before, bytes_before) = (inodes(&public), tree(&public));
    let text = std::fs::read_to_string(site.path().join("content/0005.md")).unwrap();
    write(
        site.path(),
        "content/0005.md",
        &text.replace("The vote was", "The show of hands was"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1530000000")
        .env("DATELINE_TIMINGS", "1")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(line.starts_with("Read 12 articles (1 afresh)"), "{line}");
    // The eleven others were neither read nor parsed: the store had them.
    assert!(
        stderr(&out).contains("articles: 1 read from their files (1 extracted afresh), 11 taken from the build store"),
        "{}",
        stderr(&out)
    );
    let (after, bytes_after) = (inodes(&public), tree(&public));
    let mut rewritten = Vec::new();
    for (path, ino) in &after {
        let same_bytes = bytes_before.get(path) == bytes_after.get(path);
        if same_bytes && before.get(path) != Some(ino) && path != ".dateline-output" {
            rewritten.push(path.clone());
        }
    }
    assert!(
        rewritten.is_empty(),
        "files rewritten with the same bytes: {rewritten:?}"
    );
    assert!(
        bytes_before.iter().any(|(p, b)| bytes_after.get(p) != Some(b)),
        "the edit changed some page"
    );
}

/// A story the store kept that does not read back is never trusted: its article is read from
/// its file again, and the archive is what a clean build makes.
#[test]
fn a_kept_story_that_does_not_read_back_is_read_afresh() {
    let (site, mut rng) = ledger_built(17, 6);
    {
        let db = rusqlite::Connection::open(site.path().join(".dateline/cache.sqlite")).unwrap();
        let cut = db
            .execute(
                "UPDATE stories SET record = substr(record, 1, length(record) / 2) WHERE path = '0003.md'",
                [],
            )
            .unwrap();
        assert_eq!(cut, 1);
    }
    // Something else changed, so that the build does not stop at "nothing to do".
    write(site.path(), "content/0005.md", &article(&mut rng, 5));
    let rebuilt = build_into(site.path(), false, None);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_eq!(articles_read(&rebuilt), Some(2), "{}", stderr(&rebuilt));
    assert!(differs_from_clean(site.path()).is_empty());
}

/// An article that names a person by surname alone.
fn surname_article(n: usize, people: &str, said: &str) -> String {
    format!(
        "+++\ntitle = \"Notice {n}\"\ndate = 2018-02-{n:02}\npeople = [{people}]\n+++\nPORT ASHBY — {said} told the board on Tuesday that item {n} would wait.\n"
    )
}

/// The build store keeps what each story adds to the indexes, worked out without the
/// archive's person aliases: an unchanged story whose surname comes to stand for a full name
/// another article brings (or stops standing for one) is filed as a clean build files it.
#[test]
fn an_unchanged_surname_follows_the_alias_another_article_brings_or_takes_away() {
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    let (mut rng, mut clock) = (Rng(23), 0);
    write(
        site.path(),
        "content/0001.md",
        &surname_article(1, "\"Petrov\"", "Petrov"),
    );
    write(
        site.path(),
        "content/0002.md",
        &surname_article(2, "\"Mayor Petrov\"", "Mayor Petrov"),
    );
    write(site.path(), "content/0003.md", &article(&mut rng, 3));
    age(site.path(), &mut clock);
    let first = build_into(site.path(), false, None);
    assert!(first.status.success(), "{}", stderr(&first));
    let people = site.path().join("public/people");
    assert!(people.join("petrov").is_dir());
    let full = surname_article(3, "\"Ivan Petrov\"", "Ivan Petrov");
    for (text, alias) in [(full, true), (article(&mut rng, 3), false)] {
        write(site.path(), "content/0003.md", &text);
        age(site.path(), &mut clock);
        let rebuilt = build_into(site.path(), false, None);
        assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
        assert_eq!(articles_read(&rebuilt), Some(1), "{}", stderr(&rebuilt));
        assert_eq!(people.join("ivan-petrov").is_dir(), alias);
        assert_eq!(people.join("petrov").is_dir(), !alias);
        assert_eq!(differs_from_clean(site.path()), Vec::<String>::new(), "alias: {alias}");
    }
}

/// What the store kept of a story's terms that does not read back is never trusted: they are
/// worked out again, and the archive is what a clean build makes.
#[test]
fn kept_terms_that_do_not_read_back_are_worked_out_again() {
    let (site, mut rng) = ledger_built(19, 6);
    {
        let db = rusqlite::Connection::open(site.path().join(".dateline/cache.sqlite")).unwrap();
        let cut = db
            .execute(
                "UPDATE stories SET terms = substr(terms, 1, length(terms) / 2) WHERE path IN ('0002.md', '0004.md')",
                [],
            )
            .unwrap();
        assert_eq!(cut, 2);
    }
    write(site.path(), "content/0005.md", &article(&mut rng, 5));
    let rebuilt = build_into(site.path(), false, None);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert!(differs_from_clean(site.path()).is_empty());
}

#[test]
fn a_store_that_cannot_be_read_is_started_afresh_with_a_warning() {
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    let mut rng = Rng(11);
    write(site.path(), "content/0001.md", &article(&mut rng, 1));
    let first = build_into(site.path(), false, None);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = tree(&site.path().join("public"));
    std::fs::write(
        site.path().join(".dateline/cache.sqlite"),
        "garbage, not a database".repeat(100),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1530000000")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("could not be read"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Read 1 articles (1 afresh)"));
    assert!(tree(&site.path().join("public")) == before);
}

/// `dateline build` in `site` with the clock at `epoch` and `args`: its closing line, and
/// whether it ran in full (read the archive and wrote the output) rather than stopping at the
/// comparison with the previous build.
fn build_at(site: &Path, epoch: &str, args: &[&str]) -> (String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .args(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("DATELINE_TIMINGS", "1")
        .current_dir(site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ran = stderr(&out).lines().any(|l| l.starts_with("swap in:"));
    (String::from_utf8_lossy(&out.stdout).into_owned(), ran)
}

#[cfg(unix)]
#[test]
fn a_rebuild_with_nothing_changed_leaves_the_output_alone_and_anything_changed_rebuilds() {
    let mut rng = Rng(23);
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    for n in 1..=6 {
        write(site.path(), &format!("content/{n:04}.md"), &article(&mut rng, n));
    }
    // No date anywhere: the file's modification time dates it.
    write(
        site.path(),
        "content/desk/notice.md",
        "+++\ntitle = \"Notice from the desk\"\n+++\nThe reading room keeps its winter hours.\n",
    );
    // Published a day after the clock below: outside the news sitemap's window until the clock
    // reaches it.
    write(
        site.path(),
        "content/0007.md",
        "+++\ntitle = \"Ferry timetable\"\ndate = 2018-06-27T09:00:00Z\n+++\nThe ferry keeps its summer timetable.\n",
    );
    let (root, public) = (site.path(), site.path().join("public"));
    let epoch = "1530000000";
    build_at(root, epoch, &[]);

    let files = tree(&public);
    let (line, ran) = build_at(root, epoch, &[]);
    assert!(!ran, "a build with nothing changed replaced the output: {line}");
    assert!(line.starts_with("Read 8 articles (0 afresh)"), "{line}");
    assert!(
        line.contains(": 0 new, 0 changed,") && line.ends_with(", 0 removed.\n"),
        "{line}"
    );
    assert!(tree(&public) == files);

    // Saved without a change: still nothing to do.
    let dated = root.join("content/0003.md");
    let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&dated)
        .unwrap()
        .set_modified(earlier)
        .unwrap();
    let (_, ran) = build_at(root, epoch, &[]);
    assert!(!ran, "a file saved without a change rebuilt the archive");

    // Each of these changes the output, or may have: the build runs in full.
    let undated = root.join("content/desk/notice.md");
    std::fs::File::options()
        .write(true)
        .open(&undated)
        .unwrap()
        .set_modified(earlier)
        .unwrap();
    let (_, ran) = build_at(root, epoch, &[]);
    assert!(ran, "the date of an undated article is its file's time");

    let (_, ran) = build_at(root, epoch, &["--drafts"]);
    assert!(ran, "another option");

    std::fs::write(public.join("index.html"), "edited by hand").unwrap();
    let (_, ran) = build_at(root, epoch, &["--drafts"]);
    assert!(ran, "an output file edited by hand");

    let (_, ran) = build_at(root, "1530100000", &["--drafts"]);
    assert!(ran, "the clock passed an article's publication");
    assert!(public.join("sitemap-news.xml").is_file());

    let (_, ran) = build_at(root, "1530100000", &["--drafts"]);
    assert!(!ran);
    write(root, "static/colophon.txt", "Set in the newsroom.\n");
    let (_, ran) = build_at(root, "1530100000", &["--drafts"]);
    assert!(ran, "a static file added");
}

/// After one edit the search index is updated — the edited article's file and the shards of its
/// words made again, every other file kept — and so is `archive.sqlite`, whose rows of the
/// article are replaced in the previous file; both are what a clean build makes.
#[test]
fn one_edit_updates_the_search_index_and_archive_sqlite_rather_than_rebuilding_them() {
    let (site, _) = ledger_built(31, 12);
    let text = std::fs::read_to_string(site.path().join("content/0005.md")).unwrap();
    write(
        site.path(),
        "content/0005.md",
        &text.replace("The vote was", "The show of hands at the harbourmaster's office was"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["build", "--quiet"])
        .env("SOURCE_DATE_EPOCH", "1530000000")
        .env("DATELINE_TIMINGS", "1")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(
        log.contains("search index:") && log.contains("updated: 1 articles and 1 shards made again"),
        "{log}"
    );
    assert!(
        log.contains("archive.sqlite:") && log.contains("updated, 1 articles' rows replaced"),
        "{log}"
    );
    let differ = differs_from_clean(site.path());
    assert!(differ.is_empty(), "files that differ from a clean build: {differ:?}");
}

/// Each file of the API's split article list is made from its own stories alone: an edit
/// re-makes the file that lists the edited story, and the other years' files, kept from the
/// previous build, are still what a clean build makes.
#[test]
fn an_edit_remakes_the_api_list_of_its_year_and_keeps_the_others() {
    let mut rng = Rng(11);
    let site = site(&[("site.toml", "title = \"The Bay Ledger\"\n")]);
    for n in 1..=8 {
        let text = article(&mut rng, n);
        let text = if n % 2 == 0 {
            text.replace("date = 2018-", "date = 2017-")
        } else {
            text
        };
        write(site.path(), &format!("content/{n:04}.md"), &text);
    }
    let first = build_into(site.path(), false, None);
    assert!(first.status.success(), "{}", stderr(&first));
    for (name, from, to) in [
        ("0003.md", "title = \"Notice 3:", "title = \"Revised notice 3:"),
        ("0004.md", "title = \"Notice 4:", "title = \"Revised notice 4:"),
    ] {
        let path = site.path().join("content").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        write(site.path(), &format!("content/{name}"), &text.replace(from, to));
        let incremental = build_into(site.path(), false, None);
        assert!(incremental.status.success(), "{}", stderr(&incremental));
        let differ = differs_from_clean(site.path());
        assert!(differ.is_empty(), "after editing {name}, files that differ: {differ:?}");
        let a = tree(&site.path().join("public"));
        let lists = ["api/articles/2017.json", "api/articles/2018.json"];
        assert!(
            lists
                .iter()
                .any(|l| String::from_utf8_lossy(&a[*l]).contains(&to["title = \"".len()..])),
            "the edit reached the list of its year"
        );
    }
}

/// `archive.sqlite`'s working database, kept in the build store, is updated in place after an
/// edit. One that is not as the last build left it — an older copy put back, as a stale or
/// foreign file would be, or one damaged with its size and time kept — is not trusted as it
/// is, and every rebuild is still what a clean build makes.
#[cfg(unix)]
#[test]
fn the_kept_working_database_is_updated_in_place_only_as_the_last_build_left_it() {
    let (site, _) = ledger_built(47, 12);
    let working = site.path().join(".dateline/export.sqlite");
    let older = tempfile::tempdir().unwrap();
    let older = older.path().join("export.sqlite");
    std::fs::copy(&working, &older).unwrap();
    let edit_and_build = |n: usize| {
        let path = format!("content/{n:04}.md");
        let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
        write(
            site.path(),
            &path,
            &format!("{text}\nThe harbourmaster added a note on item {n}.\n"),
        );
        let out = build_into(site.path(), false, None);
        let log = stderr(&out);
        assert!(out.status.success(), "{log}");
        let differ = differs_from_clean(site.path());
        assert!(
            differ.is_empty(),
            "after editing {path}, files that differ from a clean build: {differ:?}"
        );
        log
    };
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = inode(&working);
    let log = edit_and_build(3);
    assert!(log.contains("updated, 1 articles' rows replaced"), "{log}");
    assert_eq!(
        inode(&working),
        before,
        "the working database is updated where it is kept"
    );
    // The copy from before that edit, put back: it lacks the edit, and is not trusted.
    std::fs::copy(&older, &working).unwrap();
    let log = edit_and_build(7);
    assert!(log.contains("updated, 1 articles' rows replaced"), "{log}");
    // Damaged, its size, time and inode as recorded: SQLite cannot read it, and it is made afresh.
    let modified = std::fs::metadata(&working).unwrap().modified().unwrap();
    let file = std::fs::File::options().write(true).open(&working).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&file, &[0u8; 100], 0).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    edit_and_build(9);
    // And updated again once made afresh.
    let log = edit_and_build(11);
    assert!(log.contains("updated, 1 articles' rows replaced"), "{log}");
}
