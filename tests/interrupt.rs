//! A build that is killed part-way never leaves a mix of two archives once anything has run
//! again. Pages are written into a staging folder; a build that changes much of the archive
//! exchanges the whole folder for the output at the end, and one that changes a few files moves
//! them in through a journal. So a killed build leaves the previous archive, the new one, or a
//! journal beside the output — and whoever takes the output's lock next (a build, a deploy)
//! completes that journal first, which yields exactly the new archive.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

/// A fixed clock, so that two builds of the same sources write the same bytes.
const EPOCH: &str = "1600000000";

/// A site of 400 council stories, the output folder `public` beside `content/`.
fn council() -> tempfile::TempDir {
    let site = site(&[("site.toml", "title = \"Interrupted\"\n")]);
    for i in 0..400 {
        write(site.path(), &format!("content/{i:04}.md"), &story(i, ""));
    }
    site
}

fn story(i: usize, more: &str) -> String {
    let day = i % 28 + 1;
    format!(
        "+++\ntitle = \"Council meeting number {i}\"\ndate = 2020-02-{day:02}\n+++\nLONDON — The council met for the {i}th time on Tuesday, Mayor Jo Pike said.\n\n\"We will meet again,\" Pike said.\n{more}"
    )
}

fn dateline_build(site: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dateline"));
    c.arg("build").env("SOURCE_DATE_EPOCH", EPOCH).current_dir(site);
    c
}

fn built(site: &Path) -> std::path::PathBuf {
    let out = dateline_build(site).output().unwrap();
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    site.join("public")
}

/// What a build from nothing makes of the sources of `site` (its content and configuration,
/// copied to a folder of their own).
fn from_nothing(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let copy = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(site).into_iter().flatten() {
        let rel = e.path().strip_prefix(site).unwrap();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if first.as_deref().is_none_or(|f| f == "public" || f.starts_with('.')) {
            continue;
        }
        if e.file_type().is_dir() {
            std::fs::create_dir_all(copy.path().join(rel)).unwrap();
        } else {
            std::fs::copy(e.path(), copy.path().join(rel)).unwrap();
        }
    }
    tree(&built(copy.path()))
}

/// Kills a build of `site` after each of a few delays and checks what it left each time: the
/// old archive, the new one, or a journal whose completion yields the new one.
fn kill_at_delays(site: &Path, old: &BTreeMap<String, Vec<u8>>, new: &BTreeMap<String, Vec<u8>>) {
    let public = site.join("public");
    let journal = site.join(".public.journal");
    for delay in [2u64, 10, 25, 50, 100, 200, 400] {
        let mut child = dateline_build(site)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let snap = tree(&public);
        if journal.exists() {
            // Taking the output's lock completes the journal.
            drop(dateline::write::lock_output(&public).unwrap());
            assert!(!journal.exists());
            assert!(
                tree(&public) == *new,
                "after a kill at {delay} ms, completing the journal does not give the new archive"
            );
        } else {
            assert!(
                snap == *old || snap == *new,
                "after a kill at {delay} ms the output is neither the old nor the new archive ({} files)",
                snap.len()
            );
        }
    }
}

/// Copies every file and folder under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Folders a killed build left beside the output that no one has cleaned up yet.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-") || n.contains("journal"))
        .collect()
}

/// The replaced archive is removed by a detached process, so give it time to finish.
fn assert_cleaned_up(site: &Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !leftovers(site).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let left = leftovers(site);
    assert!(
        left.is_empty(),
        "a completed build cleans up after killed ones: {left:?}"
    );
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_archive_never_a_mix() {
    let site = council();
    let old = tree(&built(site.path()));
    // An added story moves every date page.
    write(
        site.path(),
        "content/extra.md",
        "+++\ntitle = \"An extra story\"\ndate = 2020-03-01\n+++\nText.\n",
    );
    let new = from_nothing(site.path());
    assert_ne!(old.len(), new.len());
    kill_at_delays(site.path(), &old, &new);
    assert!(tree(&built(site.path())) == new);
    assert_cleaned_up(site.path());
}

#[test]
fn a_killed_edit_leaves_the_old_archive_the_new_one_or_a_journal_that_completes_it() {
    let site = council();
    let old = tree(&built(site.path()));
    // One story edited: a few pages change, moved in through a journal.
    write(site.path(), "content/0007.md", &story(7, "\nThe meeting ran late.\n"));
    let new = from_nothing(site.path());
    assert_ne!(old, new);
    kill_at_delays(site.path(), &old, &new);
    assert!(tree(&built(site.path())) == new);
    assert_cleaned_up(site.path());
}

#[test]
fn a_build_killed_while_applying_its_journal_is_completed_by_the_next_build() {
    let site = council();
    let public = built(site.path());
    let old = tree(&public);
    write(site.path(), "content/0007.md", &story(7, "\nThe meeting ran late.\n"));
    let new = from_nothing(site.path());
    // The hook stops the build dead, as a kill would, once two of its files are moved in.
    let killed = dateline_build(site.path())
        .env("DATELINE_TEST_ABORT_IN_JOURNAL", "2")
        .output()
        .unwrap();
    assert!(!killed.status.success(), "{}", stderr(&killed));
    let journal = site.path().join(".public.journal");
    assert!(journal.is_file(), "the build stopped with its journal written");
    let mix = tree(&public);
    assert!(
        mix != old && mix != new,
        "the build stopped part-way through its journal"
    );
    // In a copy of the site as the killed build left it, taking the output's lock alone
    // completes the journal, which gives exactly the new archive.
    let copy = tempfile::tempdir().unwrap();
    copy_tree(site.path(), copy.path());
    drop(dateline::write::lock_output(&copy.path().join("public")).unwrap());
    assert!(!copy.path().join(".public.journal").exists());
    assert!(
        tree(&copy.path().join("public")) == new,
        "the completed journal gives the new archive"
    );
    // The next build completes the journal first, then builds as usual.
    let next = dateline_build(site.path())
        .env("DATELINE_TIMINGS", "1")
        .output()
        .unwrap();
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(!journal.exists());
    assert!(tree(&public) == new, "the next build's archive is a clean build's");
    assert_cleaned_up(site.path());
}

#[test]
fn a_journal_too_damaged_to_complete_stops_the_build_and_says_what_to_do() {
    let site = council();
    let public = built(site.path());
    let old = tree(&public);
    std::fs::write(site.path().join(".public.journal"), "{\"staging\": ").unwrap();
    let out = dateline_build(site.path()).output().unwrap();
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains(".public.journal") && message.contains("--clean"),
        "{message}"
    );
    assert!(tree(&public) == old, "the output is left as it was");
}
