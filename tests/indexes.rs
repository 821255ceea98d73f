//! The archive's indexes name each entity once: one page per entity across people, places,
//! organisations and agencies; pages of one name in two indexes (a photographer in the news, a
//! tag and a place) link to each other; and no name in them carries a title.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use dateline::extract::vocabulary;

/// Every index folder the default configuration writes.
const INDEXES: [&str; 7] = [
    "people",
    "places",
    "organizations",
    "photographers",
    "agencies",
    "tags",
    "authors",
];

/// A term page: its index, its folder ("people/ana-ribeiro/") and the name in its heading.
#[derive(Debug)]
struct TermPage {
    index: &'static str,
    dir: String,
    name: String,
    html: String,
}

fn term_pages(public: &Path) -> Vec<TermPage> {
    let mut pages = Vec::new();
    for index in INDEXES {
        let Ok(entries) = std::fs::read_dir(public.join(index)) else {
            continue;
        };
        let mut dirs: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|d| d != "page")
            .collect();
        dirs.sort();
        for d in dirs {
            let dir = format!("{index}/{d}/");
            let html = read(&public.join(&dir).join("index.html"));
            let name = heading(&html).unwrap_or_else(|| panic!("{dir}: no heading"));
            pages.push(TermPage { index, dir, name, html });
        }
    }
    pages
}

/// The text of the page's `<h1>`.
fn heading(html: &str) -> Option<String> {
    let start = html.find("<h1")?;
    let text = &html[start..];
    let text = &text[text.find('>')? + 1..];
    let text = &text[..text.find("</h1>")?];
    Some(text.replace("&amp;", "&").replace("&#x27;", "'").trim().to_string())
}

/// The site folders a page at `dir` links to ("../../agencies/cnn/" from "people/x/" is
/// "agencies/cnn/").
fn links_from(dir: &str, html: &str) -> Vec<String> {
    attributes(html, "href")
        .into_iter()
        .filter(|h| !h.contains(':') && !h.starts_with('#'))
        .map(|h| {
            let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            for seg in h.split('/') {
                match seg {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            let mut out = parts.join("/");
            if h.ends_with('/') {
                out.push('/');
            }
            out
        })
        .collect()
}

#[test]
fn pages_of_one_name_in_two_indexes_link_both_ways() {
    let site = sample_site();
    let public = build(site.path());
    let pages = term_pages(&public);
    let mut by_name: BTreeMap<String, Vec<&TermPage>> = BTreeMap::new();
    for p in &pages {
        by_name.entry(p.name.to_lowercase()).or_default().push(p);
    }
    let mut shared = Vec::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for a in group {
            let links = links_from(&a.dir, &a.html);
            for b in group.iter().filter(|b| b.dir != a.dir) {
                assert!(
                    links.contains(&b.dir),
                    "{} and {} are both “{}” but {} does not link to {}",
                    a.dir,
                    b.dir,
                    a.name,
                    a.dir,
                    b.dir
                );
            }
            shared.push(a.dir.clone());
        }
    }
    // The sample's photographer who is also in the news, and a tag that names a place.
    for dir in [
        "people/marta-quintela/",
        "photographers/marta-quintela/",
        "places/portugal/",
        "tags/portugal/",
    ] {
        assert!(shared.contains(&dir.to_string()), "{dir} not among {shared:?}");
    }
    // Such pages are told apart where no heading shows: in their titles.
    let title = |dir: &str| {
        let html = read(&public.join(dir).join("index.html"));
        html[html.find("<title>").unwrap()..html.find("</title>").unwrap()].to_string()
    };
    assert_ne!(title("people/marta-quintela/"), title("photographers/marta-quintela/"));
}

#[test]
fn an_entity_has_one_page_across_people_places_organisations_and_agencies() {
    let site = sample_site();
    let public = build(site.path());
    let pages = term_pages(&public);
    let entity = ["people", "places", "organizations", "agencies"];
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for p in pages.iter().filter(|p| entity.contains(&p.index)) {
        if let Some(other) = seen.insert(p.name.to_lowercase(), p.dir.as_str()) {
            panic!("“{}” has two pages: {other} and {}", p.name, p.dir);
        }
    }
    // CNN is named as an organisation in stories and credited as an agency: its one page is
    // the agency's, which the organisations list and the stories lead to.
    assert!(public.join("agencies/cnn/index.html").is_file());
    assert!(!public.join("organizations/cnn").exists());
    let organisations = read(&public.join("organizations/index.html"));
    assert!(
        links_from("organizations/", &organisations).contains(&"agencies/cnn/".to_string()),
        "the organisations list does not send CNN to its agency page"
    );
    // Congaree Mills, which front matter declares an organisation and extraction reads as a
    // person elsewhere, is one organisation, and the people list sends readers there.
    assert!(public.join("organizations/congaree-mills/index.html").is_file());
    assert!(!public.join("people/congaree-mills").exists());
    let people = read(&public.join("people/index.html"));
    assert!(links_from("people/", &people).contains(&"organizations/congaree-mills/".to_string()));
    assert!(dead_links(&public).is_empty(), "{:?}", dead_links(&public));
}

#[test]
fn an_agency_named_as_an_organisation_has_only_its_agency_page() {
    let site = site(&[
        ("site.toml", "title = \"Wire\"\n"),
        (
            "content/port.md",
            "+++\ntitle = \"Port reopens\"\ndate = 2021-10-13\ndateline = \"LISBON (AP) —\"\norganizations = [\"Associated Press\", \"Lusomar Ports\"]\n+++\nThe port reopened on Wednesday, the Associated Press and Lusomar Ports said.\n",
        ),
    ]);
    let public = build(site.path());
    assert!(public.join("agencies/associated-press/index.html").is_file());
    assert!(!public.join("organizations/associated-press").exists());
    assert!(public.join("organizations/lusomar-ports/index.html").is_file());
    let article = read(&public.join("2021/10/13/port/index.html"));
    let links = links_from("2021/10/13/port/", &article);
    assert!(links.contains(&"agencies/associated-press/".to_string()), "{links:?}");
    assert!(!links.iter().any(|l| l.starts_with("organizations/associated-press")));
    let organisations = read(&public.join("organizations/index.html"));
    assert!(organisations.contains("see <a"), "no reference to the agency's page");
    assert!(dead_links(&public).is_empty(), "{:?}", dead_links(&public));
}

/// Whether a name opens with a word the extractor knows as a title or a role.
fn opens_with_title(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(|w| vocabulary::is_title(w) || vocabulary::is_role_noun(w))
}

#[test]
fn no_name_in_the_indexes_opens_with_a_title() {
    let site = sample_site();
    let public = build(site.path());
    let people = ["people", "photographers", "authors"];
    let pages = term_pages(&public);
    assert!(pages.iter().filter(|p| people.contains(&p.index)).count() > 20);
    for p in pages.iter().filter(|p| people.contains(&p.index)) {
        assert!(!opens_with_title(&p.name), "{} is “{}”", p.dir, p.name);
    }
}

#[test]
fn a_title_written_before_a_name_is_a_role_not_part_of_it() {
    let site = site(&[
        ("site.toml", "title = \"Film\"\n"),
        (
            "content/reels.md",
            "+++\ntitle = \"Reels found\"\ndate = 2020-11-30\nbyline = \"Archivist Jane Roe\"\npeople = [\"Archivist Jane Roe\", \"Mayor Ana Lima\"]\n+++\nForty reels were found, the archivist Jane Roe said. Mayor Ana Lima visited.\n",
        ),
        (
            "content/more.md",
            "+++\ntitle = \"More reels\"\ndate = 2020-12-02\npeople = [\"Jane Roe\"]\n+++\nJane Roe found more reels.\n",
        ),
    ]);
    let public = build(site.path());
    assert!(public.join("people/jane-roe/index.html").is_file());
    assert!(public.join("people/ana-lima/index.html").is_file());
    assert!(public.join("authors/jane-roe/index.html").is_file());
    for gone in [
        "people/archivist-jane-roe",
        "people/mayor-ana-lima",
        "authors/archivist-jane-roe",
    ] {
        assert!(!public.join(gone).exists(), "{gone} was written");
    }
    // One person, both articles, and the role kept as what she was described as.
    let jane = read(&public.join("people/jane-roe/index.html"));
    assert_eq!(heading(&jane).as_deref(), Some("Jane Roe"));
    assert!(jane.contains("Reels found") && jane.contains("More reels"));
    assert!(jane.contains("class=\"role\">Archivist<"), "role not kept");
    // The article, which writes the title, links the name to her page.
    let article = read(&public.join("2020/11/30/reels/index.html"));
    assert!(links_from("2020/11/30/reels/", &article).contains(&"people/jane-roe/".to_string()));
    // Its structured data names the author as her page does, the title as her job.
    assert!(
        article.contains(r#""jobTitle":"Archivist","name":"Jane Roe""#)
            || article.contains(r#""name":"Jane Roe""#) && article.contains(r#""jobTitle":"Archivist""#),
        "JSON-LD author keeps the title in the name"
    );
    assert!(!article.contains(r#""name":"Archivist Jane Roe""#));
    assert!(dead_links(&public).is_empty(), "{:?}", dead_links(&public));
}
