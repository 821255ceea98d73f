//! Two builds into the same output at once: the second waits for the first (an exclusive lock
//! beside the output), so the output is always one whole archive, and neither build's clean-up
//! touches the other's staging folder. Nothing is left behind once both have finished.

mod common;

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::*;

fn spawn_build(site: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["build", "--quiet"])
        .env("SOURCE_DATE_EPOCH", "1600000000")
        .current_dir(site)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Staging and old folders beside the output.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

#[test]
fn two_builds_at_once_always_leave_one_whole_archive_and_no_leftovers() {
    let site = site(&[("site.toml", "title = \"Two at once\"\n")]);
    for i in 0..400 {
        let day = i % 28 + 1;
        let text = format!(
            "+++\ntitle = \"Harbour board session {i}\"\ndate = 2019-05-{day:02}\n+++\nKESTREL BAY — The harbour board sat for session {i} on Monday, chair Ona Velt said.\n\n\"The cranes stay,\" Velt said.\n"
        );
        write(site.path(), &format!("content/{i:04}.md"), &text);
    }
    let mut first = spawn_build(site.path());
    assert!(first.wait().unwrap().success());
    let public = site.path().join("public");
    let whole = tree(&public);
    assert!(whole.contains_key(".dateline-output"));
    for delay in [0u64, 40, 120, 300] {
        let mut a = spawn_build(site.path());
        std::thread::sleep(Duration::from_millis(delay));
        let b = spawn_build(site.path());
        let a_ok = a.wait().unwrap().success();
        let b_out = b.wait_with_output().unwrap();
        assert!(a_ok, "the first build at {delay} ms failed");
        assert!(
            b_out.status.success(),
            "the second build at {delay} ms failed: {}",
            String::from_utf8_lossy(&b_out.stderr)
        );
        let now = tree(&public);
        assert_eq!(
            now.len(),
            whole.len(),
            "with the second build {delay} ms after the first, the output has {} files, not {}",
            now.len(),
            whole.len()
        );
        assert!(
            now == whole,
            "with the second build {delay} ms later, the output differs from a whole archive"
        );
    }
    // Old archives are removed by detached processes: give them time to finish.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !leftovers(site.path()).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        leftovers(site.path()),
        Vec::<String>::new(),
        "folders left beside the output"
    );
}

#[test]
fn a_build_that_cannot_get_the_lock_in_time_says_who_holds_it() {
    let site = site(&[("site.toml", "title = \"Held\"\n")]);
    write(
        site.path(),
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2019-05-01\n+++\nText.\n",
    );
    build(site.path());
    // Hold the lock as another build would.
    let held =
        dateline::write::BuildLock::acquire(&site.path().join(".public.lock"), "the output folder", Duration::ZERO)
            .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .env("DATELINE_LOCK_WAIT", "0.3")
        .current_dir(site.path())
        .output()
        .unwrap();
    drop(held);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("in use by another build"), "{err}");
    assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
}
