//! Export as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one
//! `AnnotationCollection` per article, each note a `TextualBody` on a `SpecificResource` whose
//! source is the article's page, selected by a `TextQuoteSelector` and a `TextPositionSelector`.
//!
//! Both selectors read the same text, [`BodyText`]: the body element's text content without the
//! note UI. Positions count its code points; prefix and suffix are its exact neighbouring text,
//! long enough that prefix + exact + suffix occurs once, so strict matchers (Apache Annotator)
//! find the words by either selector, and fuzzy ones (Hypothesis) have their context.

use serde_json::{Value, json};

use crate::model::{Annotation, AnnotationKind, Story};

use super::text::BodyText;

/// Prefix and suffix are at least this many code points, as Hypothesis writes them.
const CONTEXT: usize = 32;

/// The W3C motivation for each kind of note.
pub fn motivation(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Context => "commenting",
        AnnotationKind::Correction => "editing",
        AnnotationKind::FactCheck => "assessing",
        AnnotationKind::Translation => "describing",
        AnnotationKind::Link => "linking",
    }
}

/// `created` as the model requires it, an `xsd:dateTime` in UTC: a note's date is the day it
/// was written, so it stands at that day's first instant in UTC and reads as the same day
/// everywhere.
pub fn created(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The agent who wrote a note: a desk, a team or a newsroom is an `Organization`, anyone else
/// a `Person`, named without the title an archivist may have written before the name
/// ("Archivist Beatriz Lemos" is Beatriz Lemos), as the archive's indexes name people.
pub fn creator(name: &str) -> Value {
    const GROUPS: [&str; 10] = [
        "desk",
        "desks",
        "team",
        "staff",
        "newsroom",
        "department",
        "bureau",
        "editors",
        "service",
        "unit",
    ];
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    if GROUPS.contains(&last.as_str()) {
        json!({"type": "Organization", "name": name})
    } else {
        json!({"type": "Person", "name": crate::titles::split_title(name).name})
    }
}

/// The story's notes in reading order: by where their words start, then end.
pub fn reading_order(annotations: &[Annotation]) -> Vec<&Annotation> {
    let mut notes: Vec<&Annotation> = annotations.iter().filter(|a| a.anchor.is_some()).collect();
    notes.sort_by_key(|a| a.anchor.map(|x| (x.block, x.start, x.end)));
    notes
}

/// The annotation collection of one story. `page` is the article's absolute URL, `body` the
/// text of its rendered body, `link_url` turns an annotation's `link` into an absolute URL.
pub fn web_annotations(
    story: &Story,
    page: &str,
    body: &BodyText,
    language: &str,
    link_url: &dyn Fn(&str) -> Option<String>,
) -> Value {
    let items: Vec<Value> = reading_order(&story.article.annotations)
        .into_iter()
        .filter_map(|a| annotation(a, page, body, language, link_url))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{page}annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": format!("Archivists' notes on “{}”", story.meta.headline.value),
        "total": items.len(),
        "first": {
            "id": format!("{page}annotations.jsonld#page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// One note, when its words are on the page.
fn annotation(
    a: &Annotation,
    page: &str,
    text: &BodyText,
    language: &str,
    link_url: &dyn Fn(&str) -> Option<String>,
) -> Option<Value> {
    let fragment = format!("annotation-{}", a.id);
    let &(start, end) = text.notes.get(&fragment)?;
    // A prefix the archivist wrote is kept whole, with the space that separates it.
    let min = a
        .prefix
        .iter()
        .chain(&a.suffix)
        .map(|s| s.chars().count() + 1)
        .fold(CONTEXT, usize::max);
    let (prefix, suffix) = text.context(start, end, min);
    let mut quote = json!({"type": "TextQuoteSelector", "exact": text.slice(start, end)});
    if !prefix.is_empty() {
        quote["prefix"] = json!(prefix);
    }
    if !suffix.is_empty() {
        quote["suffix"] = json!(suffix);
    }
    let mut body = vec![json!({
        "type": "TextualBody",
        "value": a.note,
        "format": "text/markdown",
        "language": language,
        "purpose": motivation(a.kind),
    })];
    if let Some(url) = a.link.as_deref().and_then(link_url) {
        body.push(json!({"id": url, "type": "Text", "purpose": "linking"}));
    }
    let mut item = json!({
        "id": format!("{page}#{fragment}"),
        "type": "Annotation",
        "motivation": motivation(a.kind),
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": page,
            "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
        },
    });
    if let Some(author) = &a.author {
        item["creator"] = creator(author);
    }
    if let Some(date) = a.date {
        item["created"] = json!(created(date));
    }
    Some(item)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Registry;
    use crate::model::{Source, SourceFormat};

    fn story(annotations: &str) -> Story {
        let source = Source {
            file: PathBuf::from("content/port.md"),
            rel: PathBuf::from("port.md"),
            format: SourceFormat::Markdown,
            text: format!(
                "+++\ntitle = \"Port\"\ndate = 2021-10-13\n{annotations}+++\nThe port was busy. Later the port was quiet.\n"
            ),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default())
            .unwrap()
            .0
    }

    /// The page's body as render writes it: highlight, then the note UI.
    fn body(id: &str) -> BodyText {
        BodyText::from_html(&format!(
            "<p>The port was busy. Later <mark id=\"annotation-{id}\" data-note=\"annotation-{id}\">the port</mark><button data-note-ui=\"annotation-{id}\">1</button><span data-note-ui=\"annotation-{id}\">The note.</span> was quiet.</p>\n"
        ))
    }

    fn export(s: &Story, id: &str) -> Value {
        let page = "https://archive.example.org/2021/10/13/port/";
        let doc = web_annotations(s, page, &body(id), "en", &|_| None);
        doc["first"]["items"][0].clone()
    }

    #[test]
    fn the_export_follows_the_annotation_model() {
        let s = story(
            "[[annotations]]\nquote = \"the port\"\nprefix = \"Later\"\nnote = \"n\"\nauthor = \"Archive desk\"\ndate = 2024-05-02\n",
        );
        let id = s.article.annotations[0].id.clone();
        let item = export(&s, &id);
        assert_eq!(
            item["id"],
            format!("https://archive.example.org/2021/10/13/port/#annotation-{id}")
        );
        // created: an xsd:dateTime in UTC.
        let created = item["created"].as_str().unwrap();
        assert_eq!(created, "2024-05-02T00:00:00Z");
        assert!(created.parse::<jiff::Timestamp>().is_ok(), "{created}");
        // The target is a SpecificResource on the page.
        assert_eq!(item["target"]["type"], "SpecificResource");
        assert_eq!(item["target"]["source"], "https://archive.example.org/2021/10/13/port/");
        // A desk is an organisation.
        assert_eq!(item["creator"], json!({"type": "Organization", "name": "Archive desk"}));
        // Selectors read the text without the note UI; the archivist's prefix keeps its space.
        let quote = &item["target"]["selector"][0];
        assert_eq!(quote["exact"], "the port");
        assert_eq!(quote["prefix"], "The port was busy. Later ");
        assert_eq!(quote["suffix"], " was quiet.\n");
        assert_eq!(
            item["target"]["selector"][1],
            json!({"type": "TextPositionSelector", "start": 25, "end": 33})
        );
    }

    #[test]
    fn people_are_persons_and_groups_organisations() {
        for (name, kind) in [
            ("Archive desk", "Organization"),
            ("Research Desk", "Organization"),
            ("Foreign staff", "Organization"),
            ("Beatriz Lemos", "Person"),
            ("Deskin Marsh", "Person"),
        ] {
            assert_eq!(creator(name)["type"], kind, "{name}");
        }
        assert_eq!(creator("Archivist Beatriz Lemos")["name"], "Beatriz Lemos");
        assert_eq!(creator("Archive desk")["name"], "Archive desk");
    }
}
