//! A build that is killed part-way leaves the previous archive complete and untouched: pages
//! are rendered into a staging folder and swapped in only at the end.

mod common;

use std::process::Command;
use std::time::Duration;

use common::*;

#[test]
fn a_killed_build_leaves_the_old_or_the_new_archive_never_a_mix() {
    let site = site(&[("site.toml", "title = \"Interrupted\"\n")]);
    for i in 0..400 {
        let day = i % 28 + 1;
        let text = format!(
            "+++\ntitle = \"Council meeting number {i}\"\ndate = 2020-02-{day:02}\n+++\nLONDON — The council met for the {i}th time on Tuesday, Mayor Jo Pike said.\n\n\"We will meet again,\" Pike said.\n"
        );
        write(site.path(), &format!("content/{i:04}.md"), &text);
    }
    let public = build(site.path());
    let old = tree(&public);
    write(
        site.path(),
        "content/extra.md",
        "+++\ntitle = \"An extra story\"\ndate = 2020-03-01\n+++\nText.\n",
    );
    let mut snapshots = Vec::new();
    for delay in [2u64, 10, 25, 50, 100, 200] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("build")
            .current_dir(site.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        snapshots.push((delay, tree(&public)));
    }
    let new = tree(&build(site.path()));
    assert_ne!(old.len(), new.len());
    for (delay, snap) in snapshots {
        assert!(
            snap == old || snap == new,
            "after a kill at {delay} ms the output is neither the old nor the new archive ({} files)",
            snap.len()
        );
    }
    // The replaced archive is removed by a detached process, so give it time to finish.
    let leftovers = |dir: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging") || n.contains(".old-"))
            .collect()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !leftovers(site.path()).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let left = leftovers(site.path());
    assert!(
        left.is_empty(),
        "a completed build cleans up after killed ones: {left:?}"
    );
}
