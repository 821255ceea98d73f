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
    // The list is split by year under an index.
    let index = json(&public.join("api/articles.json"));
    let mut list = Vec::new();
    for year in index["years"].as_array().unwrap() {
        for url in year["files"].as_array().unwrap() {
            let path = url
                .as_str()
                .unwrap()
                .strip_prefix("https://archive.example.org/")
                .unwrap();
            let file = json(&public.join(path));
            let articles = file.as_array().unwrap();
            assert!(
                articles
                    .iter()
                    .all(|a| a["date"].as_str().unwrap().starts_with(&year["year"].to_string()))
            );
            list.extend(articles.iter().cloned());
        }
    }
    assert_eq!(index["articles"].as_u64().unwrap() as usize, list.len());
    assert!(list.len() >= 15);
    for a in &list {
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

/// Builds the sample copy in `dir` into `dir/public` as of `epoch` (`SOURCE_DATE_EPOCH`), with
/// extra arguments.
fn build_at(dir: &Path, epoch: &str, args: &[&str]) -> std::path::PathBuf {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .args(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .current_dir(dir)
        .output()
        .expect("run dateline");
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    dir.join("public")
}

/// 2025-06-11T12:00:00Z: a day and a half after the sample's newest article (2025-06-10).
const DAY_AFTER_NEWEST: &str = "1749643200";
/// 2030-01-01T00:00:00Z: long after every sample article.
const YEARS_LATER: &str = "1893456000";

/// The `content` of `<meta property=NAME>` in a page.
fn meta_property<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let at = html.find(&format!("<meta property=\"{name}\" content=\""))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = rest[start..].find('"')?;
    Some(&rest[start..start + end])
}

/// The text of every `<tag>` element whose parent is an element named `parent`, keyed by the
/// `<key>` sibling's text.
fn by_sibling(xml: &str, parent: &str, key: &str, tag: &str) -> std::collections::BTreeMap<String, String> {
    let doc = roxmltree::Document::parse(xml).expect("XML parses");
    doc.descendants()
        .filter(|n| n.tag_name().name() == parent)
        .filter_map(|n| {
            let text = |name: &str| {
                n.descendants()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            Some((text(key)?, text(tag)?))
        })
        .collect()
}

/// Issue 15, item 1: four wire stories whose file names carry their date were filed under their
/// caption's date, one to three days early.
#[test]
fn stories_are_filed_under_their_own_date_not_their_photos() {
    let (_site, public) = built();
    for (url, photo_day) in [
        ("2019/03/18/setubal-fishing-quarter", "2019/03/15"),
        ("2021/10/21/jadeline-lusomar-stake", "2021/10/20"),
        ("2022/03/09/beaufort-flood-buyouts", "2022/03/08"),
        ("2022/09/27/thamesgate-older-tankers", "2022/09/26"),
    ] {
        assert!(public.join(url).join("index.html").is_file(), "{url} is missing");
        let slug = url.rsplit('/').next().unwrap();
        assert!(
            !public.join(photo_day).join(slug).exists(),
            "{slug} is filed under its photo's date"
        );
    }
}

/// Issue 15, items 2 and 3: every reader sees the same moment — the local time with its
/// offset — and a later correction or note moves the modification time everywhere.
#[test]
fn one_date_everywhere_with_its_offset() {
    let site = sample_site();
    let public = build_at(site.path(), DAY_AFTER_NEWEST, &[]);
    let feed = read(&public.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("feed parses");
    let entry_url = |n: roxmltree::Node<'_, '_>| {
        n.children()
            .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate"))
            .and_then(|c| c.attribute("href"))
            .map(str::to_string)
    };
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let entries: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "entry")
        .filter_map(|n| Some((entry_url(n)?, child(n, "published")?, child(n, "updated")?)))
        .collect();
    assert!(entries.len() >= 15);
    let lastmod = by_sibling(&read(&public.join("sitemap.xml")), "url", "loc", "lastmod");
    let news = by_sibling(
        &read(&public.join("sitemap-news.xml")),
        "url",
        "loc",
        "publication_date",
    );
    // The issue's own example: a date-only article of June 10 in London's summer.
    let lofts = "https://archive.example.org/2025/06/10/congaree-mill-lofts/";
    assert_eq!(news.get(lofts).map(String::as_str), Some("2025-06-10T00:00:00+01:00"));
    for (url, feed_published, feed_updated) in &entries {
        let path = url.trim_start_matches("https://archive.example.org/");
        let html = read(&public.join(path).join("index.html"));
        let doc = json_ld(&html)
            .into_iter()
            .find(|d| d["@type"] == "NewsArticle")
            .expect("NewsArticle");
        let og = meta_property(&html, "article:published_time").expect("article:published_time");
        assert_eq!(doc["datePublished"], *feed_published, "{url}: JSON-LD and feed");
        assert_eq!(og, feed_published, "{url}: Open Graph and feed");
        assert_eq!(doc["dateModified"], *feed_updated, "{url}: JSON-LD and feed");
        assert_eq!(lastmod.get(url), Some(feed_updated), "{url}: sitemap and feed");
        // The date part is the day the page shows, in the archive's zone.
        let day = &path[..10].replace('/', "-");
        assert!(feed_published.starts_with(day.as_str()), "{url}: {feed_published}");
        assert!(
            feed_published.ends_with("+00:00") || feed_published.ends_with("+01:00"),
            "{url}: {feed_published} has no London offset"
        );
    }
    // A correction dated 2024-06-11 on a 2021 story: modified then, everywhere.
    let moscow = "2021/10/14/moscow-pipeline-maintenance/";
    let html = read(&public.join(moscow).join("index.html"));
    let doc = json_ld(&html)
        .into_iter()
        .find(|d| d["@type"] == "NewsArticle")
        .expect("NewsArticle");
    let modified = "2024-06-11T00:00:00+01:00";
    assert_eq!(doc["dateModified"], modified);
    assert_eq!(meta_property(&html, "article:modified_time"), Some(modified));
    assert_eq!(
        lastmod
            .get(&format!("https://archive.example.org/{moscow}"))
            .map(String::as_str),
        Some(modified)
    );
    let place_feed = std::fs::read_dir(public.join("places"))
        .unwrap()
        .flatten()
        .map(|e| read(&e.path().join("feed.xml")))
        .find(|f| f.contains(moscow))
        .expect("a place feed with the Moscow story");
    assert!(
        place_feed.contains(&format!("<updated>{modified}</updated>")),
        "feed updated"
    );
    // Correction text in JSON-LD is plain text: the note says *42* in Markdown.
    let drones = read(&public.join("2023/06/14/coastal-drones/index.html"));
    let doc = json_ld(&drones)
        .into_iter()
        .find(|d| d["@type"] == "NewsArticle")
        .expect("NewsArticle");
    let texts: Vec<&str> = doc["correction"]
        .as_array()
        .expect("corrections")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains("said 42 drones")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains('*')), "{texts:?}");
}

/// Issue 15, item 4: the news sitemap holds the last two days' articles by the build's clock,
/// and none is written (or named in robots.txt) when there are none.
#[test]
fn the_news_sitemap_holds_only_the_last_two_days() {
    let site = sample_site();
    let public = build_at(site.path(), DAY_AFTER_NEWEST, &[]);
    let news = read(&public.join("sitemap-news.xml"));
    let listed: Vec<String> = by_sibling(&news, "url", "loc", "publication_date")
        .into_keys()
        .collect();
    assert_eq!(listed, ["https://archive.example.org/2025/06/10/congaree-mill-lofts/"]);
    assert!(read(&public.join("robots.txt")).contains("Sitemap: https://archive.example.org/sitemap-news.xml"));
    let first = tree(&public);

    let public = build_at(site.path(), YEARS_LATER, &["--force"]);
    assert!(!public.join("sitemap-news.xml").exists(), "an empty news sitemap");
    let robots = read(&public.join("robots.txt"));
    assert!(!robots.contains("sitemap-news"), "{robots}");
    assert!(!read(&public.join("sitemap.xml")).contains("sitemap-news"));

    // The same clock, the same bytes.
    let public = build_at(site.path(), DAY_AFTER_NEWEST, &["--force"]);
    assert_eq!(tree(&public), first);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "last tuesday")
        .current_dir(site.path())
        .output()
        .expect("run dateline");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&out));
}

/// Issue 15, item 5: entry ids are tag: URIs that survive a move to another base_url and a
/// re-dating; entries carry the article's text, and agencies their page.
#[test]
fn feed_ids_survive_a_move_and_a_redating() {
    let site = sample_site();
    let ids = |public: &Path| -> Vec<String> {
        let feed = feed_rs::parser::parse(read(&public.join("feed.xml")).as_bytes()).expect("feed parses");
        feed.entries.iter().map(|e| e.id.clone()).collect()
    };
    let public = build_at(site.path(), YEARS_LATER, &[]);
    let here = ids(&public);
    let feed = feed_rs::parser::parse(read(&public.join("feed.xml")).as_bytes()).expect("feed parses");
    assert!(
        here.iter().all(|id| id.starts_with("tag:archive.example.org,2019:")),
        "{here:?}"
    );
    assert!(here.contains(&"tag:archive.example.org,2019:2025/2025-06-10-congaree-mill-lofts".to_string()));
    for e in &feed.entries {
        let body = e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(body.starts_with("<p>") && body.len() > 200, "{}: {body}", e.id);
    }
    let lofts = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("congaree-mill-lofts"))
        .expect("the lofts story");
    let body = lofts.content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or("");
    assert!(body.contains("Six years after its looms went quiet"), "{body}");
    // Every author, reporter or agency, has a page, and the entry links it.
    for a in feed.entries.iter().flat_map(|e| &e.authors) {
        let uri = a.uri.as_deref().unwrap_or_else(|| panic!("{:?} has no <uri>", a.name));
        assert!(
            uri.starts_with("https://archive.example.org/authors/")
                || uri.starts_with("https://archive.example.org/agencies/"),
            "{uri}"
        );
        let page = public
            .join(uri.trim_start_matches("https://archive.example.org/"))
            .join("index.html");
        assert!(page.is_file(), "{uri} is written");
    }

    let moved = build_at(
        site.path(),
        YEARS_LATER,
        &["--force", "--base-url", "https://morgue.example.net/old/"],
    );
    assert!(read(&moved.join("feed.xml")).contains("https://morgue.example.net/old/2025/"));
    assert_eq!(ids(&moved), here, "ids moved with base_url");

    // Re-date the newest story: its address changes, its id does not.
    let file = site.path().join("content/2025/2025-06-10-congaree-mill-lofts.txt");
    let text = read(&file);
    std::fs::write(&file, format!("+++\ndate = 2025-06-12\n+++\n{text}")).unwrap();
    let redated = build_at(site.path(), YEARS_LATER, &["--force"]);
    assert!(redated.join("2025/06/12/congaree-mill-lofts/index.html").is_file());
    assert_eq!(ids(&redated), here, "ids moved with the date");
}

/// Issue 15, item 5: an agency credited as the author links its page.
#[test]
fn agency_authors_link_their_page() {
    let site = site(&[
        ("site.toml", "title = \"T\"\nbase_url = \"https://news.example.org/\"\n"),
        (
            "content/2024-05-02-harbour.txt",
            "Harbour reopens after storm\n\nLISBON (AP) — The harbour of Lisbon reopened on Thursday after a storm \
             closed it for three days, port officials said, and the first ships were already unloading.\n",
        ),
    ]);
    let public = build(site.path());
    let feed = feed_rs::parser::parse(read(&public.join("feed.xml")).as_bytes()).expect("feed parses");
    let authors: Vec<(Option<String>, Option<String>)> = feed.entries[0]
        .authors
        .iter()
        .map(|a| (a.name.clone(), a.uri.clone()))
        .collect();
    assert_eq!(
        authors,
        [(
            Some("Associated Press".to_string()),
            Some("https://news.example.org/agencies/associated-press/".to_string())
        )]
    );
    assert!(public.join("agencies/associated-press/index.html").is_file());
    // Without `id_authority`, ids come from site.toml's base_url host.
    assert_eq!(feed.entries[0].id, "tag:news.example.org,2000:2024-05-02-harbour");
}
