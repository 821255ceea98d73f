//! Reading the archive: opened from disk, a `--local` build's links lead to pages, not folder
//! listings, while a normal build keeps its folder links; the lead picture is fetched at once
//! and states its size, as every picture of every page does.

mod common;

use std::path::Path;

use common::*;

/// A fixed build clock, so that two builds of the sample can be compared byte for byte.
const EPOCH: &str = "1750000000";

/// Builds the sample copy in `dir` into `dir/OUT`, with extra arguments.
fn build_into(dir: &Path, out: &str, args: &[&str]) -> std::path::PathBuf {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["build", "--quiet", "--output", out])
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .current_dir(dir)
        .output()
        .expect("run dateline");
    assert!(run.status.success(), "build failed:\n{}", stderr(&run));
    dir.join(out)
}

/// Whether a link leaves the archive (or stays on its page) rather than naming one of its files.
fn external(link: &str) -> bool {
    link.is_empty()
        || link.starts_with('#')
        || link.starts_with("//")
        || ["http:", "https:", "mailto:", "data:", "javascript:"]
            .iter()
            .any(|s| link.starts_with(s))
}

/// Every internal `href`, `src` and `action` of every page of a `--local` build that a browser
/// reading from disk would not open as a file: a folder (shown as a listing), a missing file,
/// or a fragment the file has no id for.
fn not_files_on_disk(public: &Path) -> Vec<String> {
    let files = tree(public);
    let mut problems = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let dir = public.join(path).parent().expect("a folder").to_path_buf();
        let links = ["href", "src", "action"]
            .into_iter()
            .flat_map(|a| attributes(&html, a))
            .map(|l| l.replace("&amp;", "&"));
        for link in links.filter(|l| !external(l)) {
            let (target, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = target.split('?').next().unwrap_or("");
            let on_disk = dir.join(target);
            if target.is_empty() || on_disk.is_dir() {
                problems.push(format!("{path}: {link} is a folder"));
            } else if !on_disk.is_file() {
                problems.push(format!("{path}: {link} → {} is missing", on_disk.display()));
            } else if !fragment.is_empty() && target.ends_with(".html") {
                let page = read(&on_disk);
                if !attributes(&page, "id").contains(&fragment) {
                    problems.push(format!("{path}: {link} → no id {fragment}"));
                }
            }
        }
    }
    problems
}

#[test]
fn every_link_of_a_local_build_opens_a_file_from_disk() {
    let site = sample_site();
    let public = build_into(site.path(), "public", &["--local"]);
    let pages = tree(&public).keys().filter(|p| p.ends_with(".html")).count();
    assert!(pages > 200, "only {pages} pages");
    let problems = not_files_on_disk(&public);
    assert!(
        problems.is_empty(),
        "{} links a browser reading from disk cannot open as a file:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
    // The check itself: a normal build, whose folder links a server resolves, fails it.
    let served = build_into(site.path(), "served", &[]);
    assert!(not_files_on_disk(&served).len() > 1000);
}

/// A local build's page with the `index.html` of its folder links taken out again.
fn without_index_files(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("/index.html") {
        let after = &rest[i + "/index.html".len()..];
        out.push_str(&rest[..=i]);
        if !after.starts_with(['"', '#', '?']) {
            out.push_str("index.html");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[test]
fn a_local_build_differs_from_a_normal_one_only_in_naming_index_files() {
    let site = sample_site();
    let normal = tree(&build_into(site.path(), "normal", &[]));
    let local = tree(&build_into(site.path(), "local", &["--local"]));
    assert_eq!(normal.keys().collect::<Vec<_>>(), local.keys().collect::<Vec<_>>());
    let mut changed = 0;
    for (path, bytes) in &normal {
        let theirs = &local[path];
        if !path.ends_with(".html") {
            assert!(bytes == theirs, "{path} differs in a local build");
            continue;
        }
        let (normal_html, local_html) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(theirs));
        changed += usize::from(normal_html != local_html);
        if path == "404.html" {
            // Served at any depth it links from the site's root; from disk, from where it is.
            assert!(normal_html.contains("href=\"/archive/\""), "{path}");
            assert!(local_html.contains("href=\"./archive/index.html\""), "{path}");
            continue;
        }
        assert_eq!(without_index_files(&local_html), normal_html, "{path}");
        // The normal build links folders, as a web server expects.
        assert!(!normal_html.contains("/index.html\""), "{path} names an index.html");
    }
    assert!(changed > 200, "only {changed} pages changed");

    // `[build] local_links = true` in site.toml is the same as `--local`.
    let config = read(&site.path().join("site.toml"));
    write(
        site.path(),
        "site.toml",
        &format!("{config}\n[build]\nlocal_links = true\n"),
    );
    let configured = tree(&build_into(site.path(), "configured", &[]));
    assert!(configured == local, "site.toml's local_links builds what --local does");
}

#[test]
fn the_lead_picture_is_fetched_at_once_and_states_its_size() {
    let site = sample_site();
    let public = build_into(site.path(), "public", &[]);
    let png = std::fs::read(repo().join("content/2022/setubal-new-harbour/harbour.png")).expect("the sample picture");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("four bytes"));
    let (width, height) = (size(16), size(20));
    let page = tree(&public)
        .into_iter()
        .find(|(p, _)| p.ends_with("/setubal-new-harbour/index.html"))
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .expect("the harbour article");
    let lead = &page[page.find("<div class=\"story-lead\">").expect("a lead figure")..];
    let img = &lead[lead.find("<img ").expect("a picture")..];
    let img = &img[..img.find('>').expect("its end")];
    // The page shows a smaller copy of the picture: its size is the copy's, in the
    // picture's proportions.
    let attr = |name: &str| -> u32 {
        let at = img
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("{name} in {img}"))
            + name.len()
            + 3;
        img[at..at + img[at..].find('"').expect("its end")]
            .parse()
            .expect("a number")
    };
    let (shown_w, shown_h) = (attr("width"), attr("height"));
    assert!(shown_w <= width, "{img}");
    assert_eq!(shown_h, (height * shown_w + width / 2) / width, "{img}");
    assert!(!img.contains("loading="), "the lead picture is in view at once: {img}");
}

/// The value of attribute `name` in a tag's text, if it has one.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every `<img>` of every page of `public` showing one of the archive's files that does not
/// state that file's width and height; and the files the front page shows.
fn pictures_without_their_size(public: &Path) -> (Vec<String>, std::collections::BTreeSet<String>) {
    let mut problems = Vec::new();
    let mut front = std::collections::BTreeSet::new();
    for (path, bytes) in tree(public).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(&bytes);
        let dir = Path::new(&path).parent().unwrap_or(Path::new("")).to_path_buf();
        // Each tag from just after `<img`, so every attribute follows a space.
        for tag in html.split("<img").skip(1).map(|t| &t[..t.find('>').unwrap_or(t.len())]) {
            let src = attribute(tag, "src").unwrap_or("");
            if external(src) {
                continue;
            }
            let address = src.split(['?', '#']).next().unwrap_or(src);
            // Pages link relatively, but `404.html`, served at any depth, from the site's root.
            let file = match address.strip_prefix('/') {
                Some(rooted) => public.join(rooted),
                None => public.join(&dir).join(address),
            };
            let Ok((width, height)) = image::image_dimensions(&file) else {
                problems.push(format!("{path}: {src} is not a picture that can be read"));
                continue;
            };
            let stated = (attribute(tag, "width"), attribute(tag, "height"));
            if stated != (Some(width.to_string().as_str()), Some(height.to_string().as_str())) {
                problems.push(format!(
                    "{path}: <img{tag}> states {stated:?}, the file is {width}×{height}"
                ));
            }
            if path == "index.html" {
                front.insert(src.rsplit('/').next().unwrap_or(src).to_string());
            }
        }
    }
    (problems, front)
}

#[test]
fn every_picture_of_every_page_states_the_size_of_the_file_it_shows() {
    // Cards on the front page, day and term pages show a story's lead picture: its smaller copy
    // when there is one, else the original. Either way the page states the file's own size, so
    // the browser keeps its box and never draws it larger than its pixels by mistake.
    let site = sample_site();
    let public = build_into(site.path(), "public", &[]);
    let (problems, front) = pictures_without_their_size(&public);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        front.contains("pier.360w.png"),
        "the front page shows a copy: {front:?}"
    );
    // Without copies every card shows the original picture.
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("widths = [240, 360]"), "the sample's [images] table");
    std::fs::write(&config, text.replace("widths = [240, 360]", "derivatives = false")).unwrap();
    let public = build_into(site.path(), "originals", &[]);
    let (problems, front) = pictures_without_their_size(&public);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        front.contains("pier.png"),
        "the front page shows an original: {front:?}"
    );
}
