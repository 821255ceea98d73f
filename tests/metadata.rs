//! Issue 15, items 11 and 12: the news metadata of the built sample archive as search engines
//! and sharing cards read it. The JSON-LD of every page is parsed and checked for the
//! properties Google's article, breadcrumb, image-metadata and sitelinks-search guidelines
//! require, and every page's Open Graph and Twitter tags for what sharing cards show.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use serde_json::Value;

const BASE: &str = "https://archive.example.org/";

/// The JSON-LD documents embedded in a page.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).expect("JSON-LD parses"))
        .collect()
}

fn of_type<'a>(docs: &'a [Value], kind: &str) -> Option<&'a Value> {
    docs.iter().find(|d| d["@type"] == kind)
}

/// The `content` of `<meta property|name="NAME">`.
fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attr| {
        let key = format!("<meta {attr}=\"{name}\" content=\"");
        let rest = &html[html.find(&key)? + key.len()..];
        Some(&rest[..rest.find('"')?])
    })
}

/// Whether an absolute URL of the archive names a file the build wrote.
fn written(public: &Path, url: &str) -> bool {
    let Some(path) = url.strip_prefix(BASE) else {
        return false;
    };
    let file = if path.is_empty() || path.ends_with('/') {
        public.join(path).join("index.html")
    } else {
        public.join(path)
    };
    file.is_file()
}

/// RFC 3339 with an offset or `Z`, as Google's `datePublished` asks.
fn has_offset(t: &str) -> bool {
    t.len() >= 20
        && t.as_bytes()[10] == b'T'
        && (t.ends_with('Z') || {
            let tail = &t[t.len() - 6..];
            (tail.starts_with('+') || tail.starts_with('-')) && tail.as_bytes()[3] == b':'
        })
}

/// Every HTML page of the build by its path, with the article pages marked.
fn pages(public: &Path) -> BTreeMap<String, String> {
    tree(public)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn is_article(html: &str) -> bool {
    html.contains("<article class=\"story ")
}

#[test]
fn every_article_carries_the_news_article_google_asks_for() {
    let site = sample_site();
    let public = build(site.path());
    let mut articles = 0;
    let (mut lead_figures, mut defaults, mut agencies, mut citations, mut desks) = (0, 0, 0, 0, 0);
    for (path, html) in pages(&public) {
        if !is_article(&html) {
            continue;
        }
        articles += 1;
        let docs = json_ld(&html);
        let doc = of_type(&docs, "NewsArticle").unwrap_or_else(|| panic!("{path}: no NewsArticle"));
        assert_eq!(doc["@context"], "https://schema.org", "{path}");
        assert!(doc["headline"].as_str().is_some_and(|h| !h.is_empty()), "{path}");
        for field in ["datePublished", "dateModified"] {
            let t = doc[field].as_str().unwrap_or_else(|| panic!("{path}: no {field}"));
            assert!(has_offset(t), "{path}: {field} {t} has no offset");
        }
        // An image for every article, with its size and the archive's rights statements.
        let images = doc["image"].as_array().unwrap_or_else(|| panic!("{path}: no image"));
        assert!(!images.is_empty(), "{path}");
        let first = &images[0];
        assert_eq!(first["@type"], "ImageObject", "{path}");
        let url = first["url"].as_str().unwrap();
        assert!(written(&public, url), "{path}: image {url} is not written");
        assert!(first["width"].as_u64().is_some_and(|w| w > 0), "{path}: {first}");
        assert!(first["height"].as_u64().is_some_and(|h| h > 0), "{path}: {first}");
        for field in ["creditText", "copyrightNotice"] {
            assert!(first[field].is_string(), "{path}: image lacks {field}");
        }
        for field in ["license", "acquireLicensePage"] {
            assert!(
                first[field].as_str().is_some_and(|u| u.starts_with("https://")),
                "{path}: {field}"
            );
        }
        for creator in first["creator"]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: no creator"))
        {
            let url = creator["url"]
                .as_str()
                .unwrap_or_else(|| panic!("{path}: {creator} has no url"));
            assert!(written(&public, url), "{path}: creator page {url}");
        }
        if url.ends_with("/share.png") {
            defaults += 1;
        } else {
            lead_figures += 1;
            assert!(
                first["creator"][0]["url"]
                    .as_str()
                    .is_some_and(|u| u.starts_with(&format!("{BASE}photographers/"))),
                "{path}: the photographer's page"
            );
        }
        // Authors, people or desks, each with a page of their own.
        let authors = doc["author"].as_array().unwrap_or_else(|| panic!("{path}: no author"));
        for a in authors {
            assert!(
                ["Person", "Organization"].contains(&a["@type"].as_str().unwrap()),
                "{path}: {a}"
            );
            let url = a["url"]
                .as_str()
                .unwrap_or_else(|| panic!("{path}: author {a} has no url"));
            assert!(written(&public, url), "{path}: author page {url}");
            let name = a["name"].as_str().unwrap();
            if name.to_lowercase().ends_with(" desk") {
                desks += 1;
                assert_eq!(a["@type"], "Organization", "{path}: a desk is an organisation");
            }
        }
        // The publisher with a logo of known size.
        let logo = &doc["publisher"]["logo"];
        assert_eq!(doc["publisher"]["@type"], "Organization", "{path}");
        assert!(
            written(&public, logo["url"].as_str().unwrap_or("")),
            "{path}: logo {logo}"
        );
        assert!(logo["width"].is_u64() && logo["height"].is_u64(), "{path}: {logo}");
        if let Some(orgs) = doc["sourceOrganization"].as_array() {
            agencies += 1;
            for o in orgs {
                assert_eq!(o["@type"], "Organization", "{path}");
                assert!(written(&public, o["url"].as_str().unwrap_or("")), "{path}: {o}");
            }
        }
        if let Some(cited) = doc["citation"].as_array() {
            citations += 1;
            for c in cited {
                let u = c["url"].as_str().unwrap();
                assert!(!u.starts_with(BASE) || written(&public, u), "{path}: cites {u}");
            }
        }
        // The breadcrumb the page shows, ending at the article.
        let crumbs = of_type(&docs, "BreadcrumbList").unwrap_or_else(|| panic!("{path}: no BreadcrumbList"));
        let items = crumbs["itemListElement"].as_array().unwrap();
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["@type"], "ListItem");
            assert_eq!(item["position"], i + 1, "{path}");
            assert!(
                item["name"].is_string() && written(&public, item["item"].as_str().unwrap()),
                "{path}: {item}"
            );
        }
        assert_eq!(items.last().unwrap()["item"], doc["url"], "{path}");
    }
    assert!(articles >= 20, "{articles} articles");
    assert!(
        lead_figures >= 1 && defaults >= 1,
        "{lead_figures} lead figures, {defaults} defaults"
    );
    assert!(agencies >= 5, "{agencies} articles name their agency");
    assert!(desks >= 1, "a desk's byline");
    // The 2022 harbour story's note links the 2019 story it follows up.
    let harbour = read(&public.join("2022/06/21/setubal-new-harbour/index.html"));
    let doc = json_ld(&harbour)
        .into_iter()
        .find(|d| d["@type"] == "NewsArticle")
        .unwrap();
    assert_eq!(
        doc["citation"][0]["url"],
        format!("{BASE}2019/03/18/setubal-fishing-quarter/")
    );
    assert_eq!(doc["citation"][0]["@type"], "NewsArticle");
    assert!(citations >= 1);
}

#[test]
fn the_front_page_declares_the_website_its_search_and_publisher() {
    let site = sample_site();
    let public = build(site.path());
    let docs = json_ld(&read(&public.join("index.html")));
    let website = of_type(&docs, "WebSite").expect("a WebSite");
    assert_eq!(website["url"], BASE);
    let action = &website["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    let template = action["target"]["urlTemplate"].as_str().unwrap();
    assert_eq!(template, format!("{BASE}search/?q={{search_term_string}}"));
    assert!(written(&public, &format!("{BASE}search/")));
    assert_eq!(action["query-input"], "required name=search_term_string");
    let org = of_type(&docs, "Organization").expect("an Organization");
    assert_eq!(org["name"], "The Dateline Morgue");
    assert!(written(&public, org["logo"]["url"].as_str().unwrap()));
    // Only the front page: later pages of the list are not the site.
    assert!(of_type(&json_ld(&read(&public.join("page/2/index.html"))), "WebSite").is_none());
}

#[test]
fn every_page_has_sharing_tags_a_distinct_title_and_its_own_description() {
    let site = sample_site();
    let public = build(site.path());
    let tagline = "An annotated archive of wire copy and reporting, 2019–2025";
    let mut front_titles = BTreeSet::new();
    let mut checked = 0;
    for (path, html) in pages(&public) {
        if !html.contains("<head>") {
            continue;
        }
        checked += 1;
        for name in [
            "og:type",
            "og:title",
            "og:url",
            "og:site_name",
            "og:locale",
            "og:description",
            "og:image",
            "og:image:alt",
            "og:image:width",
            "og:image:height",
            "twitter:card",
            "twitter:title",
            "twitter:image",
            "description",
        ] {
            assert!(meta(&html, name).is_some_and(|v| !v.is_empty()), "{path} lacks {name}");
        }
        assert_eq!(meta(&html, "og:locale"), Some("en"), "{path}");
        let image = meta(&html, "og:image").unwrap();
        assert!(written(&public, image), "{path}: og:image {image}");
        let expected = if is_article(&html) { "article" } else { "website" };
        assert_eq!(meta(&html, "og:type"), Some(expected), "{path}");
        if path != "index.html" {
            assert_ne!(
                meta(&html, "description"),
                Some(tagline),
                "{path} describes itself by the tagline"
            );
        }
        // "1 article", never "1 articles" (and "11 articles" stays as it is).
        for (i, _) in html.match_indices("1 articles") {
            let after_digit = html[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit());
            assert!(after_digit, "{path}: `{}`", &html[i.saturating_sub(30)..i + 20]);
        }
        if path == "index.html" || path.starts_with("page/") {
            let title = &html[html.find("<title>").unwrap()..html.find("</title>").unwrap()];
            assert!(front_titles.insert(title.to_string()), "{path}: title {title} repeats");
        }
    }
    assert!(checked > 200, "{checked} pages");
    assert!(front_titles.len() >= 2, "the front page has later pages");
    // An article shares its own picture, with its size, and the words that stand for it.
    let harbour = read(&public.join("2022/06/21/setubal-new-harbour/index.html"));
    assert_eq!(
        meta(&harbour, "og:image"),
        Some("https://archive.example.org/2022/06/21/setubal-new-harbour/harbour.png")
    );
    assert_eq!(meta(&harbour, "og:image:width"), Some("400"));
    assert_eq!(meta(&harbour, "og:image:alt"), Some("Setúbal harbour at dusk"));
}

#[test]
fn bylined_reporters_have_pages_that_bylines_and_feeds_link() {
    let site = sample_site();
    let public = build(site.path());
    let page = read(&public.join("authors/carolina-mendes/index.html"));
    assert!(
        page.contains("2022/06/21/setubal-new-harbour/"),
        "her page lists her story"
    );
    assert!(public.join("authors/carolina-mendes/feed.xml").is_file());
    let article = read(&public.join("2022/06/21/setubal-new-harbour/index.html"));
    assert!(
        article.contains("rel=\"author\" href=\"../../../../authors/carolina-mendes/\">Carolina Mendes</a>"),
        "the byline links her page"
    );
    let index = read(&public.join("authors/index.html"));
    assert!(index.contains("Carolina Mendes"));
    let feed = feed_rs::parser::parse(read(&public.join("feed.xml")).as_bytes()).expect("feed parses");
    let uris: BTreeSet<String> = feed
        .entries
        .iter()
        .flat_map(|e| &e.authors)
        .filter(|a| a.name.as_deref() == Some("Carolina Mendes"))
        .filter_map(|a| a.uri.clone())
        .collect();
    assert_eq!(
        uris,
        BTreeSet::from(["https://archive.example.org/authors/carolina-mendes/".to_string()])
    );
}

#[test]
fn a_pictures_own_rights_come_before_the_sites_defaults() {
    // Three pictures under one archive's defaults: one whose front matter states part of its
    // rights and whose embedded record states the rest, one whose front matter states a
    // licence in words and where to buy one, and one that says nothing.
    let site = site(&[
        (
            "site.toml",
            &format!(
                "title = \"Rights\"\nbase_url = \"{BASE}\"\n[metadata]\nimage_license = \"https://archive.example.org/licence\"\nacquire_license_page = \"https://archive.example.org/buy\"\ncopyright_notice = \"© The Archive\"\n"
            ),
        ),
        (
            "content/2024/quay/index.md",
            "+++\ntitle = \"Trawlers at the quay\"\ndate = 2024-02-12\n\n[[figures]]\nsrc = \"quay.jpg\"\ncaption = \"Trawlers at the north quay.\"\ncredit = \"Marta Quelhas/Costa Press\"\ncopyright = \"© 2024 Marta Quelhas\"\n+++\nThe trawlers stayed in port.\n",
        ),
        (
            "content/2024/pier/index.md",
            "+++\ntitle = \"Pier repairs\"\ndate = 2024-02-13\n\n[[figures]]\nsrc = \"pier.jpg\"\ncaption = \"The pier under repair.\"\ncredit = \"Rui Tavares/Harbour Wire\"\nlicense = \"Editorial use only\"\nacquire_license_page = \"https://harbourwire.example/sales\"\n+++\nThe pier reopens in May.\n",
        ),
        (
            "content/2024/gate/index.md",
            "+++\ntitle = \"Gate painted\"\ndate = 2024-02-14\n\n[[figures]]\nsrc = \"gate.jpg\"\ncaption = \"The gate, freshly painted.\"\ncredit = \"Rui Tavares/Harbour Wire\"\n+++\nThe gate is green again.\n",
        ),
    ]);
    let photos = repo().join("tests/photos");
    for (from, to) in [
        ("full.jpg", "content/2024/quay/quay.jpg"),
        ("bare.jpg", "content/2024/pier/pier.jpg"),
        ("bare.jpg", "content/2024/gate/gate.jpg"),
    ] {
        std::fs::copy(photos.join(from), site.path().join(to)).unwrap();
    }
    let public = build(site.path());
    let image = |slug: &str| -> Value {
        let (_, html) = pages(&public)
            .into_iter()
            .find(|(p, _)| p.ends_with(&format!("/{slug}/index.html")))
            .unwrap_or_else(|| panic!("the {slug} page"));
        let docs = json_ld(&html);
        of_type(&docs, "NewsArticle").expect("a NewsArticle")["image"][0].clone()
    };
    let quay = image("quay");
    assert_eq!(
        quay["copyrightNotice"], "© 2024 Marta Quelhas",
        "front matter first: {quay}"
    );
    assert_eq!(
        quay["license"], "https://costapress.example/terms",
        "then the picture's record: {quay}"
    );
    assert_eq!(
        quay["acquireLicensePage"], "https://costapress.example/licensing",
        "{quay}"
    );
    let pier = image("pier");
    assert_eq!(
        pier["license"],
        serde_json::json!({"@type": "CreativeWork", "name": "Editorial use only"}),
        "{pier}"
    );
    assert_eq!(
        pier["acquireLicensePage"], "https://harbourwire.example/sales",
        "{pier}"
    );
    assert_eq!(
        pier["copyrightNotice"], "© The Archive",
        "what the figure leaves, the site says: {pier}"
    );
    let gate = image("gate");
    assert_eq!(gate["license"], "https://archive.example.org/licence", "{gate}");
    assert_eq!(gate["acquireLicensePage"], "https://archive.example.org/buy", "{gate}");
    assert_eq!(gate["copyrightNotice"], "© The Archive", "{gate}");
}

#[test]
fn a_figures_licensing_page_must_be_an_address() {
    let site = site(&[
        ("site.toml", "title = \"Rights\"\n"),
        (
            "content/2024/pier.md",
            "+++\ntitle = \"Pier repairs\"\ndate = 2024-02-13\n\n[[figures]]\ncaption = \"The pier.\"\nacquire_license_page = \"ask the desk\"\n+++\nBody.\n",
        ),
    ]);
    let out = dateline(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/2024/pier.md:7:24"), "{err}");
    assert!(err.contains("not a web address") && err.contains("help:"), "{err}");
}
