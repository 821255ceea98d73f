//! The browsable archive as machines read it: feeds parse with a real feed parser, sitemaps with
//! an XML parser, structured data and exports carry the fields they promise, and the indexes are
//! filled from what extraction found in the text.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = sample_site();
    let public = build(site.path());
    (site, public)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The JSON-LD documents embedded in a page.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn feeds_parse_with_a_real_feed_parser() {
    let (_site, public) = built();
    let feed = feed_rs::parser::parse(read(&public.join("feed.xml")).as_bytes()).expect("site feed parses");
    assert!(!feed.entries.is_empty() && feed.entries.len() <= 20);
    let with_authors = feed.entries.iter().filter(|e| !e.authors.is_empty()).count();
    assert!(with_authors * 2 > feed.entries.len(), "most entries name their authors");
    for e in &feed.entries {
        assert!(e.published.is_some() && e.updated.is_some(), "{:?}", e.title);
        assert!(
            e.links
                .iter()
                .any(|l| l.href.starts_with("https://archive.example.org/"))
        );
    }
    assert!(feed.entries.iter().any(|e| e.summary.is_some()));
    // Every person page has its own feed, and it parses too.
    let person = std::fs::read_dir(public.join("people"))
        .unwrap()
        .flatten()
        .find(|e| e.path().join("feed.xml").is_file())
        .expect("a person feed");
    let term_feed = feed_rs::parser::parse(read(&person.path().join("feed.xml")).as_bytes()).expect("term feed parses");
    assert!(!term_feed.entries.is_empty());
    // The first figure of an article with a picture is an enclosure.
    let xml = read(&public.join("feed.xml"));
    assert!(
        xml.contains("rel=\"enclosure\"") && xml.contains("type=\"image/png\""),
        "bundle image as enclosure"
    );
}

#[test]
fn sitemaps_and_robots_parse() {
    let (_site, public) = built();
    let text = read(&public.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).expect("sitemap parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > 50);
    assert!(locs.iter().all(|l| l.starts_with("https://archive.example.org/")));
    assert!(locs.contains(&"https://archive.example.org/people/"));
    let news = read(&public.join("sitemap-news.xml"));
    let news = roxmltree::Document::parse(&news).expect("news sitemap parses");
    assert!(news.descendants().any(|n| n.tag_name().name() == "publication_date"));
    let robots = read(&public.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://archive.example.org/sitemap.xml"));
}

#[test]
fn articles_carry_news_article_structured_data() {
    let (_site, public) = built();
    let mut with_image = false;
    let mut with_correction = false;
    let mut checked = 0;
    for (path, bytes) in tree(&public) {
        if !(path.ends_with("/index.html") && path.matches('/').count() == 4) {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if !html.contains("class=\"story ") {
            continue;
        }
        checked += 1;
        let docs = json_ld(&html);
        let doc = docs
            .iter()
            .find(|d| d["@type"] == "NewsArticle")
            .unwrap_or_else(|| panic!("{path} has no NewsArticle"));
        for field in ["headline", "datePublished", "dateModified", "url", "publisher"] {
            assert!(doc.get(field).is_some(), "{path} lacks {field}");
        }
        assert!(doc.get("author").is_some() || doc.get("dateline").is_some(), "{path}");
        if let Some(images) = doc.get("image").and_then(Value::as_array) {
            for img in images {
                assert_eq!(img["@type"], "ImageObject");
                assert!(
                    img["caption"].is_string() && img["creditText"].is_string(),
                    "{path}: {img}"
                );
                assert!(img["creator"].is_array(), "{path}: {img}");
                with_image = true;
            }
        }
        if let Some(mentions) = doc.get("mentions").and_then(Value::as_array) {
            assert!(
                mentions
                    .iter()
                    .all(|m| ["Person", "Place", "Organization"].contains(&m["@type"].as_str().unwrap()))
            );
        }
        if doc.get("correction").is_some() {
            with_correction = true;
            assert_eq!(doc["correction"][0]["@type"], "CorrectionComment");
        }
        assert!(html.contains("<meta property=\"og:title\""), "{path}: Open Graph");
        assert!(html.contains("<meta name=\"twitter:card\""), "{path}: Twitter card");
        assert!(
            public
                .join(path.trim_end_matches("index.html"))
                .join("article.json")
                .is_file(),
            "{path}: article.json"
        );
    }
    assert!(checked >= 15, "{checked} articles checked");
    assert!(with_image, "an ImageObject with caption, creditText and creator");
    assert!(with_correction, "a correction in the structured data");
}

#[test]
fn the_api_lists_every_article() {
    let (_site, public) = built();
    let api = json(&public.join("api/articles.json"));
    let list = api.as_array().unwrap();
    assert!(list.len() >= 15);
    for a in list {
        assert!(a["url"].as_str().unwrap().starts_with("https://"));
        assert!(a["headline"].is_string() && a["date"].is_string());
    }
    let one = json(&public.join("2021/10/13/energy-talks/article.json"));
    for field in [
        "headline",
        "byline",
        "dateline",
        "date",
        "figures",
        "quotes",
        "people",
        "places",
        "organizations",
        "origin",
    ] {
        assert!(one.get(field).is_some(), "article.json lacks {field}");
    }
    let notes = one["annotations"]
        .as_array()
        .expect("article.json lists the annotations");
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["quote"], "port of Sines");
    assert_eq!(notes[0]["prefix"], "start with LNG cargoes to the");
    assert_eq!(notes[0]["kind"], "context");
    assert_eq!(notes[0]["date"], "2024-05-02");
    assert_eq!(notes[1]["link"], "2021/lisbon-energy-week.md");
}

#[test]
fn indexes_are_filled_from_extraction() {
    let (site, public) = built();
    // A wire story without front matter still files its photographer and agency.
    let story = site.path().join("content/2021/2021-10-13-energy-talks.txt");
    assert!(!read(&story).starts_with("+++"), "the fixture is bare wire copy");
    let page = read(&public.join("2021/10/13/energy-talks/index.html"));
    let photographer = attributes(&page, "href")
        .into_iter()
        .find(|h| h.split("/photographers/").nth(1).is_some_and(|rest| !rest.is_empty()))
        .expect("the credit links its photographer")
        .to_string();
    let target = public
        .join("2021/10/13/energy-talks/")
        .join(&photographer)
        .join("index.html");
    let term = read(&target);
    assert!(
        term.contains("/2021/10/13/energy-talks/"),
        "the photographer's page lists the story"
    );
    assert!(term.contains("Pictures"), "and shows the picture");
    for index in ["people", "places", "organizations", "photographers", "agencies", "tags"] {
        let list = read(&public.join(index).join("index.html"));
        assert!(
            list.matches("class=\"count\"").count() >= 2,
            "{index} lists terms with counts"
        );
    }
    // People pages list the person's quotes, linked back into the article.
    let people = tree(&public.join("people"));
    assert!(
        people.values().any(|b| String::from_utf8_lossy(b).contains("#quote-")),
        "a person page links a quote"
    );
}

#[test]
fn annotations_export_as_w3c_web_annotations() {
    let (_site, public) = built();
    let doc = json(&public.join("2021/10/13/energy-talks/annotations.jsonld"));
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"].as_u64().unwrap() as usize, items.len());
    let page_text = read(&public.join("2021/10/13/energy-talks/index.html"));
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert!(
            ["commenting", "editing", "assessing", "describing", "linking"]
                .contains(&item["motivation"].as_str().unwrap())
        );
        assert_eq!(item["target"]["type"], "SpecificResource");
        assert_eq!(
            item["target"]["source"],
            "https://archive.example.org/2021/10/13/energy-talks/"
        );
        // The model's MUST: created is an xsd:dateTime, here in UTC.
        if let Some(created) = item.get("created") {
            let created = created.as_str().unwrap();
            assert!(
                created.ends_with('Z') && created.parse::<jiff::Timestamp>().is_ok(),
                "{created}"
            );
        }
        if let Some(creator) = item.get("creator") {
            let desk = creator["name"].as_str().unwrap().ends_with(" desk");
            assert_eq!(
                creator["type"],
                if desk { "Organization" } else { "Person" },
                "{creator}"
            );
        }
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("TextQuoteSelector");
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .expect("TextPositionSelector");
        assert!(position["start"].as_u64().unwrap() < position["end"].as_u64().unwrap());
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(
            position["end"].as_u64().unwrap() - position["start"].as_u64().unwrap(),
            exact.chars().count() as u64
        );
        assert!(
            page_text.contains(&exact.replace('\'', "&#39;")) || page_text.contains(exact),
            "{exact} is on the page"
        );
        assert_eq!(item["body"][0]["type"], "TextualBody");
        assert!(item["body"][0]["value"].as_str().unwrap().len() > 10);
        let id = item["id"].as_str().unwrap();
        let anchor = id.rsplit('#').next().unwrap();
        assert!(
            page_text.contains(&format!("id=\"{anchor}\"")),
            "{id} points at a mark on the page"
        );
    }
}

#[test]
fn annotations_render_as_notes_with_an_index_and_corrections() {
    let (_site, public) = built();
    let page = read(&public.join("2021/10/13/energy-talks/index.html"));
    // Ids are the notes' own, not their place in the file.
    assert!(
        page.contains("<mark id=\"annotation-port-of-sines-"),
        "a note's id comes from its quote"
    );
    assert!(page.contains("aria-controls=\"note-port-of-sines-"));
    assert!(!page.contains("id=\"annotation-1\""));
    assert!(page.contains("role=\"note\""));
    assert!(page.contains("archivist"), "the article shows its note count");
    let notes = read(&public.join("annotations/index.html"));
    for kind in ["Context", "Correction", "Fact check", "Translation", "See also"] {
        assert!(notes.contains(&format!(">{kind}</h2>")), "the notes index has {kind}");
    }
    let corrected = tree(&public)
        .into_iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .filter(|h| h.contains("class=\"corrections\""))
        .count();
    assert!(
        corrected >= 2,
        "correction notes and front-matter corrections get a Corrections box"
    );
}
