//! The sample archive builds end to end into a complete, linked, deterministic site.

mod common;

use common::*;

#[test]
fn sample_archive_has_every_kind_of_page() {
    let site = sample_site();
    let public = build(site.path());
    let files = tree(&public);
    for page in [
        "index.html",
        "404.html",
        "archive/index.html",
        "style.css",
        "dateline.js",
        ".dateline-output",
    ] {
        assert!(files.contains_key(page), "missing {page}");
    }
    let articles = files
        .keys()
        .filter(|p| p.matches('/').count() == 4 && p.ends_with("/index.html"))
        .count();
    assert!(articles >= 15, "only {articles} article pages");
    let years: Vec<_> = files
        .keys()
        .filter(|p| {
            p.len() == "2021/index.html".len() && p.ends_with("/index.html") && p.as_bytes()[0].is_ascii_digit()
        })
        .collect();
    assert!(years.len() >= 3, "years: {years:?}");
    // The bundle's image is copied beside its page.
    assert!(
        files.keys().any(|p| p.ends_with(".png") && p.matches('/').count() == 4),
        "bundle image not copied"
    );
    // Drafts stay out.
    let all_html: String = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(!all_html.contains("class=\"draft\""));
}

#[test]
fn month_pages_show_a_calendar_linking_days_with_articles() {
    let site = sample_site();
    let public = build(site.path());
    let files = tree(&public);
    let (month, html) = files
        .iter()
        .filter(|(p, _)| {
            p.len() == "2021/10/index.html".len() && p.ends_with("/index.html") && p.as_bytes()[0].is_ascii_digit()
        })
        .map(|(p, b)| (p.clone(), String::from_utf8_lossy(b).into_owned()))
        .max_by_key(|(_, h)| h.matches("has-articles").count())
        .expect("a month page");
    assert!(html.contains("<table class=\"calendar\">"), "{month}");
    let linked_days = html.matches("<td class=\"has-articles").count();
    assert!(linked_days >= 2, "{month} links {linked_days} days");
    let is_day = |h: &str| {
        h.strip_prefix("../../")
            .is_some_and(|d| d.len() == "2021/10/13/".len() && d.bytes().all(|b| b.is_ascii_digit() || b == b'/'))
    };
    for link in attributes(&html, "href").into_iter().filter(|h| is_day(h)) {
        let day = public
            .join(month.trim_end_matches("index.html"))
            .join(link)
            .join("index.html");
        assert!(day.is_file(), "{} links to missing day {}", month, day.display());
    }
}

#[test]
fn every_internal_link_resolves() {
    let site = sample_site();
    let public = build(site.path());
    let dead = dead_links(&public);
    assert!(dead.is_empty(), "{} dead links:\n{}", dead.len(), dead.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = sample_site();
    let first = tree(&build(site.path()));
    let second = tree(&build(site.path()));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_site_with_only_a_title_builds() {
    let site = site(&[
        ("site.toml", "title = \"Tiny\"\n"),
        (
            "content/one.txt",
            "FIRST HEADLINE\n\nLONDON — Something happened on Tuesday.\n",
        ),
        (
            "content/two.md",
            "+++\ntitle = \"Second\"\ndate = 2020-02-03\n+++\nBody with a [link](https://example.org).\n",
        ),
    ]);
    let public = build(site.path());
    assert!(read(&public.join("index.html")).contains("Tiny"));
    assert!(public.join("2020/02/03/two/index.html").is_file());
    assert!(dead_links(&public).is_empty(), "{:?}", dead_links(&public));
}

#[test]
fn a_site_template_overrides_the_default() {
    let site = site(&[
        ("site.toml", "title = \"Tiny\"\n"),
        (
            "content/two.md",
            "+++\ntitle = \"Second\"\ndate = 2020-02-03\n+++\nBody.\n",
        ),
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<p>Lost in the morgue.</p>{% endblock content %}",
        ),
    ]);
    let public = build(site.path());
    assert!(read(&public.join("404.html")).contains("Lost in the morgue."));
}

#[test]
fn markdown_features_render() {
    let site = site(&[
        ("site.toml", "title = \"T\"\n"),
        (
            "content/md.md",
            "+++\ntitle = \"Markdown\"\ndate = 2020-02-03\n+++\n## A heading\n\n\"Smart\" -- quotes...[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n<script>alert(1)</script>\n\n[^1]: A footnote.\n",
        ),
    ]);
    let public = build(site.path());
    let html = read(&public.join("2020/02/03/md/index.html"));
    assert!(html.contains("<h2 id=\"a-heading\">"), "heading anchor");
    assert!(html.contains("“Smart” – quotes…"), "smart punctuation");
    assert!(html.contains("<table>"), "tables");
    assert!(html.contains("footnote-definition"), "footnotes");
    assert!(html.contains("hl-"), "highlighted code");
    assert!(
        html.contains("highlight.css"),
        "code pages load the highlight stylesheet"
    );
    assert!(!html.contains("<script>alert"), "raw HTML is sanitised");
    assert!(public.join("highlight.css").is_file());
}

#[test]
fn script_links_in_bodies_and_notes_are_defanged() {
    let site = site(&[
        ("site.toml", "title = \"T\"\n"),
        (
            "content/md.md",
            "+++\ntitle = \"Links\"\ndate = 2020-02-03\n\n[[annotations]]\nquote = \"plain words\"\nnote = \"See [this](JavaScript:alert(2)).\"\n+++\nSome plain words with [a link](javascript:alert(1)) and ![a picture](data:text/html,x).\n",
        ),
    ]);
    let public = build(site.path());
    let html = read(&public.join("2020/02/03/md/index.html")).to_lowercase();
    assert!(html.contains("plain words"));
    assert!(!html.contains("javascript:"), "no script link survives");
    assert!(!html.contains("data:text"), "no data: image survives");
}

/// The search index covers every article, its files decode, and `[search] enabled = false`
/// leaves out the index, the search page and the masthead box.
#[test]
fn search_index_covers_every_article_and_can_be_turned_off() {
    use std::io::Read as _;
    let gunzip = |bytes: &[u8]| {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    };
    let site = sample_site();
    let files = tree(&build(site.path()));
    let manifest: serde_json::Value = serde_json::from_slice(&gunzip(&files["search-index/manifest.bin"])).unwrap();
    let articles = manifest["articles"].as_u64().unwrap() as usize;
    let docs: Vec<&String> = files.keys().filter(|p| p.starts_with("search-index/docs/")).collect();
    assert_eq!(docs.len(), articles);
    let urls: Vec<String> = docs
        .iter()
        .map(|p| {
            let doc: serde_json::Value = serde_json::from_slice(&gunzip(&files[*p])).unwrap();
            doc["url"].as_str().unwrap().to_string()
        })
        .collect();
    for url in &urls {
        assert!(files.contains_key(&format!("{url}index.html")), "{url} is not a page");
    }
    let shards = manifest["shards"].as_array().unwrap().len();
    assert_eq!(
        files.keys().filter(|p| p.starts_with("search-index/terms/")).count(),
        shards
    );
    assert!(files.contains_key("search/index.html"));
    assert!(String::from_utf8_lossy(&files["index.html"]).contains("masthead-q"));

    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    write(
        site.path(),
        "site.toml",
        &format!("{config}\n[search]\nenabled = false\n"),
    );
    let files = tree(&build(site.path()));
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with("search-index/") || p.starts_with("search/"))
    );
    assert!(!String::from_utf8_lossy(&files["index.html"]).contains("masthead-q"));
}

#[test]
fn extract_names_the_rule_behind_each_value_only_when_asked() {
    let site = site(&[(
        "content/2021/harbour.txt",
        "Harbour lamps go dark for the winter\n\n\
         SPRINGFIELD, Ill. (AP) — The harbour master, Jane Roe, switched off the last lamp on \
         Monday, the port authority said.\n",
    )]);
    let plain = dateline(
        site.path(),
        &["extract", "--format", "json", "content/2021/harbour.txt"],
    );
    assert!(plain.status.success(), "{}", stderr(&plain));
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    assert!(plain.get("explain").is_none(), "{plain:#}");

    let out = dateline(
        site.path(),
        &["extract", "--explain", "--format", "json", "content/2021/harbour.txt"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let explained: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rule_of = |field: &str| {
        explained["explain"]
            .as_array()
            .expect("an explain list")
            .iter()
            .find(|e| e["field"] == field)
            .and_then(|e| e["rule"].as_str().map(str::to_string))
    };
    assert_eq!(
        rule_of("dateline").as_deref(),
        Some("place, then dash or colon"),
        "{explained:#}"
    );
    assert_eq!(
        rule_of("headline").as_deref(),
        Some("the text's headline"),
        "{explained:#}"
    );
    // The values themselves are the same whether or not their rules are named.
    for field in ["headline", "dateline", "people", "places", "organizations", "quotes"] {
        assert_eq!(plain[field], explained[field], "{field}");
    }
}
