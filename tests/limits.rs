//! Input that is legal but extreme, or wrong in several ways at once: each gets a clear answer
//! (an error naming the file and line, or a warning and a sane limit), never an I/O failure.

mod common;

use common::*;

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2021-10-13\n+++\nA good article.\n";

fn fails_with(bad: &str, expect: &[&str]) -> String {
    let site = site(&[("site.toml", "title = \"Limits\"\n"), ("content/good.md", GOOD)]);
    let public = build(site.path());
    let before = tree(&public);
    write(site.path(), "content/bad.md", bad);
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{err}");
    for e in expect {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert!(tree(&public) == before, "the previous output changed");
    err
}

#[test]
fn two_front_matter_errors_are_both_reported_in_line_order() {
    let err = fails_with(
        "+++\ntitle = \"Two\"\ndate = 5\ntags = \"x\"\n+++\nBody.\n",
        &["content/bad.md:3", "content/bad.md:4", "2 errors"],
    );
    assert!(err.find("bad.md:3").unwrap() < err.find("bad.md:4").unwrap(), "{err}");
}

#[test]
fn year_zero_is_a_content_error_naming_the_line() {
    fails_with(
        "+++\ntitle = \"Zero\"\ndate = 0000-01-01T00:00:00+05:00\n+++\nBody.\n",
        &["content/bad.md:3", "1000–9999"],
    );
}

#[test]
fn a_very_long_headline_in_new_makes_a_file_with_a_short_name() {
    let site = site(&[("site.toml", "title = \"Limits\"\n")]);
    let headline = "Council votes to extend the ferry timetable ".repeat(140);
    let out = dateline(site.path(), &["new", &headline, "--date", "2021-10-13"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let created = String::from_utf8_lossy(&out.stdout);
    let path = created.trim().strip_prefix("Created ").unwrap();
    let name = std::path::Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.len() <= 120, "{name}");
    assert!(name.starts_with("2021-10-13-council-votes-to-extend"), "{name}");
    // The headline itself is kept whole, and the article builds.
    assert!(read(&site.path().join(path)).contains(headline.trim()));
    build(site.path());
}

#[test]
fn a_very_long_front_matter_slug_builds() {
    let site = site(&[("site.toml", "title = \"Limits\"\n")]);
    let slug = "a-slug-that-goes-on-".repeat(300);
    write(
        site.path(),
        "content/long.md",
        &format!("+++\ntitle = \"Long\"\ndate = 2021-10-13\nslug = \"{slug}\"\n+++\nBody.\n"),
    );
    let name = "x".repeat(300);
    write(site.path(), &format!("content/{}.md", &name[..250]), GOOD);
    let public = build(site.path());
    let day = public.join("2021/10/13");
    let names: Vec<String> = std::fs::read_dir(&day)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.len() <= 100), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("a-slug-that-goes-on")), "{names:?}");
}

#[test]
fn thousands_of_jobs_are_capped_with_a_warning() {
    let site = site(&[("site.toml", "title = \"Limits\"\n"), ("content/good.md", GOOD)]);
    let out = dateline(site.path(), &["build", "--jobs", "10000"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("--jobs 10000") && err.contains("worker threads"), "{err}");
}

/// The fastest of three runs of `dateline build` in `dir`, with its output.
fn fastest_build(dir: &std::path::Path) -> (std::time::Duration, std::process::Output) {
    let mut best = None;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let out = dateline(dir, &["build"]);
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(t, _)| took < *t) {
            best = Some((took, out));
        }
    }
    best.unwrap()
}

#[test]
fn deeply_nested_raw_html_is_refused_in_linear_time() {
    let nested = |n: usize| {
        format!(
            "+++\ntitle = \"Nested\"\ndate = 2021-10-13\n+++\nThe harbour log.\n\n{}x{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    };
    let mut times = Vec::new();
    for n in [10_000, 40_000] {
        let site = site(&[("site.toml", "title = \"Limits\"\n"), ("content/deep.md", &nested(n))]);
        let (took, out) = fastest_build(site.path());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("content/deep.md:7") && err.contains("nested more than"),
            "{err}"
        );
        times.push(took);
    }
    assert!(times[1] < times[0] * 8, "4× the nesting took {times:?}");
}

#[test]
fn errors_never_print_raw_control_bytes_or_whole_lines_of_content() {
    // Control characters of every kind but line breaks, as a binary file read as text holds.
    let junk: String = (0..20_000u32)
        .map(|i| match i % 32 {
            10 | 13 => 'x',
            c => char::from_u32(c).unwrap_or('x'),
        })
        .collect();
    let err = fails_with(
        &format!("+++\ntitle = \"Junk\"\ndate = \"{junk}\"\n+++\nBody.\n"),
        &["content/bad.md:3"],
    );
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{err:?}"
    );
    assert!(err.len() < 4_000, "{} bytes of diagnostics", err.len());
}
