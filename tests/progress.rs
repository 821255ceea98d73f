//! What `build` prints: progress only on a terminal, nothing but errors with `--quiet`, and a
//! closing line whose counts match what actually changed in the output folder.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// Shows progress at once, so that even the small sample archive would draw it.
const NO_DELAY: (&str, &str) = ("DATELINE_PROGRESS_DELAY_MS", "0");

fn build_with(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .args(args)
        .env(NO_DELAY.0, NO_DELAY.1)
        .current_dir(dir)
        .output()
        .expect("run dateline")
}

/// The counts of the closing line: (articles, written, new, changed, unchanged, removed).
fn counts(stdout: &str) -> [usize; 6] {
    let line = stdout.lines().last().unwrap_or_default();
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter(|w| !w.is_empty() && !w.contains('.'))
        .filter_map(|w| w.parse().ok())
        .collect();
    // "Read A articles (F afresh) and wrote W files (P pages) to DIR in S s: N new, C changed,
    // U unchanged, R removed." — the folder may hold digits too, so count from both ends.
    assert!(line.starts_with("Read "), "{line}");
    let n = numbers.len();
    assert!(n >= 8, "{line}");
    [
        numbers[0],
        numbers[2],
        numbers[n - 4],
        numbers[n - 3],
        numbers[n - 2],
        numbers[n - 1],
    ]
}

/// What an output folder's files look like compared with the previous one: (new, changed,
/// unchanged, removed), the marker aside.
fn diff(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> [usize; 4] {
    let marker = ".dateline-output";
    let mut d = [0; 4];
    for (path, bytes) in after.iter().filter(|(p, _)| *p != marker) {
        match before.get(path) {
            None => d[0] += 1,
            Some(old) if old != bytes => d[1] += 1,
            Some(_) => d[2] += 1,
        }
    }
    d[3] = before
        .keys()
        .filter(|p| *p != marker && !after.contains_key(*p))
        .count();
    d
}

#[test]
fn piped_output_carries_no_progress_codes() {
    let site = sample_site();
    let out = build_with(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for output in [&out.stderr, &out.stdout] {
        let text = String::from_utf8_lossy(output);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\r'),
            "terminal codes in piped output: {text:?}"
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Read "), "{stdout}");
}

#[test]
fn quiet_prints_nothing_but_errors() {
    // Undated wire copy builds with a warning, which --quiet keeps to itself.
    let site = site(&[
        ("site.toml", "title = \"Quiet\"\n"),
        (
            "content/undated.txt",
            "Harbour reopens\n\nThe harbour reopened after the storms.\n",
        ),
    ]);
    let loud = build_with(site.path(), &[]);
    assert!(loud.status.success(), "{}", stderr(&loud));
    assert!(stderr(&loud).contains("warning"), "{}", stderr(&loud));
    let quiet = build_with(site.path(), &["--quiet"]);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert_eq!(String::from_utf8_lossy(&quiet.stdout), "");
    assert_eq!(stderr(&quiet), "");
    // An error still speaks, with its file.
    write(site.path(), "content/broken.md", "+++\ntitel = \"Typo\"\n+++\nBody.\n");
    let failed = build_with(site.path(), &["-q"]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&failed.stdout), "");
    assert!(stderr(&failed).contains("broken.md"), "{}", stderr(&failed));
    assert!(stderr(&failed).contains("titel"), "{}", stderr(&failed));
}

/// Runs the build under a pseudo-terminal (util-linux `script`), where progress may draw.
fn build_on_terminal(dir: &Path, args: &str) -> Option<String> {
    let exe = env!("CARGO_BIN_EXE_dateline");
    let log = dir.join("terminal.log");
    let status = Command::new("script")
        .arg("-qec")
        .arg(format!("{exe} build {args}"))
        .arg(&log)
        .env(NO_DELAY.0, NO_DELAY.1)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    assert!(
        status.success(),
        "{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    Some(String::from_utf8_lossy(&std::fs::read(&log).ok()?).into_owned())
}

#[test]
fn a_terminal_shows_progress_unless_quiet() {
    let site = sample_site();
    let Some(shown) = build_on_terminal(site.path(), "") else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    let stages = ["Reading", "Extracting", "Indexing", "Rendering", "Searching", "Writing"];
    assert!(stages.iter().any(|s| shown.contains(s)), "{shown:?}");
    assert!(shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("Read "), "{shown:?}");
    let quiet = build_on_terminal(site.path(), "--quiet").unwrap_or_default();
    assert!(!stages.iter().any(|s| quiet.contains(s)), "{quiet:?}");
    assert!(!quiet.contains("Read "), "{quiet:?}");
}

#[test]
fn the_closing_line_counts_what_changed() {
    let site = sample_site();
    let first = build_with(site.path(), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let public = site.path().join("public");
    let built = tree(&public);
    let files = built.len() - 1;
    let [articles, written, new, changed, unchanged, removed] = counts(&String::from_utf8_lossy(&first.stdout));
    assert!(articles >= 15);
    assert_eq!([written, new, changed, unchanged, removed], [files, files, 0, 0, 0]);

    // Nothing changed: every file is rewritten with the same bytes.
    let again = build_with(site.path(), &[]);
    let [_, written, new, changed, unchanged, removed] = counts(&String::from_utf8_lossy(&again.stdout));
    assert_eq!([written, new, changed, unchanged, removed], [files, 0, 0, files, 0]);
    assert_eq!(tree(&public), built);

    // One article edited: its page and whatever shows its text change, nothing else.
    let article = site.path().join("content/2023/2023-06-14-coastal-drones.md");
    let text = read(&article);
    std::fs::write(
        &article,
        format!("{text}\nA closing paragraph added by the archivist.\n"),
    )
    .unwrap();
    let edited = build_with(site.path(), &[]);
    assert!(edited.status.success(), "{}", stderr(&edited));
    let after = tree(&public);
    let [_, written, new, changed, unchanged, removed] = counts(&String::from_utf8_lossy(&edited.stdout));
    assert_eq!([new, changed, unchanged, removed], diff(&built, &after));
    assert_eq!(written, after.len() - 1);
    assert!(changed >= 1 && changed < files / 4, "changed {changed} of {files}");
    assert!(
        after
            .iter()
            .any(|(p, b)| p.ends_with("coastal-drones/index.html") && built.get(p) != Some(b)),
        "the article's own page changed"
    );

    // One article removed: its files are counted as removed.
    std::fs::remove_file(&article).unwrap();
    let removed_build = build_with(site.path(), &[]);
    assert!(removed_build.status.success(), "{}", stderr(&removed_build));
    let last = tree(&public);
    let [_, _, new, changed, unchanged, removed] = counts(&String::from_utf8_lossy(&removed_build.stdout));
    assert_eq!([new, changed, unchanged, removed], diff(&after, &last));
    assert!(removed >= 1);
}
