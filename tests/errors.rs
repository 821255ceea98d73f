//! Every kind of bad input gets a clear error naming the file, the line and what to do; the
//! build reports all of them, exits 1, and leaves the previous output as it was.

mod common;

use common::*;

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2021-10-13\n+++\nA good article.\n";

/// Builds a good site, then adds `bad` files and builds again: the second build must fail with
/// exit status 1, print `expect` (all of it), and leave the first build's output untouched.
fn fails_with(bad: &[(&str, &str)], expect: &[&str]) -> String {
    let site = site(&[("site.toml", "title = \"Errors\"\n"), ("content/good.md", GOOD)]);
    let public = build(site.path());
    let before = tree(&public);
    for (path, text) in bad {
        write(site.path(), path, text);
    }
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{err}");
    for e in expect {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert!(err.contains("help:"), "every error says what to do:\n{err}");
    assert!(tree(&public) == before, "the previous output changed");
    err
}

#[test]
fn bad_toml_in_front_matter() {
    fails_with(
        &[(
            "content/bad.md",
            "+++\ntitle = \"Unclosed\ndate = 2021-10-13\n+++\nBody.\n",
        )],
        &["content/bad.md:2", "invalid TOML"],
    );
}

#[test]
fn a_site_picture_no_file_provides_names_its_line() {
    fails_with(
        &[(
            "site.toml",
            "title = \"Errors\"\n\n[metadata]\nlogo = { src = \"/missing-logo.png\", width = 600, height = 60 }\n",
        )],
        &[
            "`[metadata] logo` names `/missing-logo.png`",
            "site.toml:4",
            "static/missing-logo.png",
        ],
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_closest() {
    fails_with(
        &[("content/bad.md", "+++\ntitle = \"T\"\nbyine = \"Jo Roe\"\n+++\nBody.\n")],
        &["unknown key `byine`", "content/bad.md:3", "did you mean `byline`"],
    );
}

#[test]
fn wrong_type_names_the_key() {
    fails_with(
        &[("content/bad.md", "+++\ntitle = \"T\"\ndraft = \"yes\"\n+++\nBody.\n")],
        &["wrong type for `draft`", "content/bad.md:3"],
    );
}

#[test]
fn bad_date_names_the_key() {
    fails_with(
        &[(
            "content/bad.md",
            "+++\ntitle = \"T\"\ndate = \"next Tuesday\"\n+++\nBody.\n",
        )],
        &["invalid `date`", "content/bad.md:3", "2021-10-13"],
    );
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        &[("content/bad.md", "+++\ntitle = \"T\"\nBody.\n")],
        &["never closed", "content/bad.md:1"],
    );
}

#[test]
fn missing_headline() {
    fails_with(
        &[("content/bad.md", "+++\ndate = 2021-10-13\n+++\nNo heading here.\n")],
        &["no headline", "content/bad.md:4", "title ="],
    );
}

#[test]
fn duplicate_slug() {
    fails_with(
        &[
            ("content/a/dup.md", "+++\ntitle = \"One\"\ndate = 2021-10-14\n+++\nA.\n"),
            ("content/b/dup.md", "+++\ntitle = \"Two\"\ndate = 2021-10-14\n+++\nB.\n"),
        ],
        &["/2021/10/14/dup/", "content/a/dup.md", "content/b/dup.md", "slug"],
    );
}

#[test]
fn non_utf8_file() {
    let site = site(&[("site.toml", "title = \"E\"\n"), ("content/good.md", GOOD)]);
    std::fs::write(
        site.path().join("content/latin1.txt"),
        b"HEADLINE\n\nLISBON \xe2\x80\x94 Caf\xe9 owners protest.\n",
    )
    .unwrap();
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/latin1.txt:3:"), "{err}");
    assert!(err.contains("not UTF-8") && err.contains("re-save"), "{err}");
}

#[test]
fn unreadable_file() {
    let site = site(&[("site.toml", "title = \"E\"\n"), ("content/good.md", GOOD)]);
    std::os::unix::fs::symlink(site.path().join("nowhere.md"), site.path().join("content/broken.md")).unwrap();
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/broken.md") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn all_errors_are_reported_together() {
    let err = fails_with(
        &[
            ("content/one.md", "+++\ntitel = \"x\"\n+++\n"),
            ("content/two.md", "+++\ntitle = \"T\"\ndate = 5\n+++\nB.\n"),
            ("content/three.md", "No headline.\n"),
        ],
        &["content/one.md:2", "content/two.md:3", "content/three.md:1"],
    );
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn bad_site_configuration() {
    fails_with(
        &[("site.toml", "title = \"Errors\"\npaginate = 10\n")],
        &["unknown key `paginate`", "site.toml:2", "did you mean `paginate_by`"],
    );
    fails_with(
        &[("site.toml", "title = \"Errors\"\n[feeds]\nlimit = \"many\"\n")],
        &["wrong type for `limit`", "site.toml:3"],
    );
}

#[test]
fn template_errors_name_the_template() {
    fails_with(
        &[(
            "templates/day.html",
            "{% extends \"base.html\" %}{% block content %}{{ nope }{% endblock content %}",
        )],
        &["templates/day.html", "template error"],
    );
}

#[test]
fn registry_errors_name_the_line() {
    fails_with(
        &[(
            "data/entities.toml",
            "[[entity]]\nname = \"Ana Ribeiro\"\nkind = \"human\"\n",
        )],
        &["data/entities.toml:3"],
    );
}

#[test]
fn a_folder_that_is_not_ours_is_not_replaced() {
    let site = site(&[
        ("site.toml", "title = \"E\"\n"),
        ("content/good.md", GOOD),
        ("public/notes.txt", "mine"),
    ]);
    let out = dateline(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(read(&site.path().join("public/notes.txt")), "mine");
    let out = dateline(site.path(), &["build", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_site_root_is_never_the_output() {
    let site = site(&[("site.toml", "title = \"E\"\n"), ("content/good.md", GOOD)]);
    let out = dateline(site.path(), &["build", "--output", ".", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(site.path().join("content/good.md").is_file());
    let out = dateline(site.path(), &["build", "--output", "content", "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(site.path().join("content/good.md").is_file());
}

#[test]
fn slugs_cannot_escape_the_output() {
    let site = site(&[
        ("site.toml", "title = \"E\"\n"),
        (
            "content/evil.md",
            "+++\ntitle = \"Evil\"\ndate = 2021-01-01\nslug = \"../../../../tmp/evil\"\n+++\nX.\n",
        ),
    ]);
    let public = build(site.path());
    assert!(public.join("2021/01/01/tmp-evil/index.html").is_file());
}

#[test]
fn usage_errors_exit_2() {
    let site = site(&[("site.toml", "title = \"E\"\n")]);
    assert_eq!(
        dateline(site.path(), &["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(
        dateline(site.path(), &["build", "--root", "does-not-exist"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn extract_reports_a_broken_site_toml_without_talking_of_output() {
    let site = site(&[
        ("site.toml", "titel = \"x\"\n"),
        ("a.txt", "HEADLINE\n\nLONDON — Text.\n"),
    ]);
    let out = dateline(site.path(), &["extract", "a.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("site.toml:1"), "{err}");
    assert!(err.contains("did you mean `title`"), "{err}");
    assert!(!err.contains("previous output"), "extract writes no output: {err}");
}

#[test]
fn extract_into_a_closed_pipe_does_not_panic() {
    let site = site(&[("a.txt", "HEADLINE\n\nLONDON — Text with words enough to fill a pipe.\n")]);
    // Enough output to overflow a pipe buffer, read by nobody.
    let mut args: Vec<&str> = vec!["extract", "--format", "text"];
    args.extend(std::iter::repeat_n("a.txt", 2000));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(&args)
        .current_dir(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{err}");
}

/// The search index keeps its working files in the temporary folder and removes them; when it
/// cannot make them, the build says where and what to do, exits 2 and leaves the previous
/// archive as it was.
#[test]
fn the_search_index_needs_a_usable_temporary_folder() {
    let site = site(&[("site.toml", "title = \"E\"\n"), ("content/good.md", GOOD)]);
    let build_with = |tmpdir: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["build", "--clean"])
            .current_dir(site.path())
            .env("TMPDIR", tmpdir)
            .output()
            .unwrap()
    };
    let tmp = site.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let out = build_with(&tmp);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "working files left behind");
    let before = tree(&site.path().join("public"));
    let blocked = site.path().join("not-a-folder");
    std::fs::write(&blocked, "").unwrap();
    let out = build_with(&blocked);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("not-a-folder") && message.contains("TMPDIR"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(tree(&site.path().join("public")), before);
}
