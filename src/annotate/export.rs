//! Export as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one
//! `AnnotationCollection` per article, each note a `TextualBody` aimed at the article's
//! permalink through a `TextQuoteSelector` and a `TextPositionSelector`.

use serde_json::{Value, json};

use crate::model::{AnnotationKind, Block, Story};

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

/// The annotation collection of one story. `page` is the article's absolute URL, `link_url`
/// turns an annotation's `link` into an absolute URL.
pub fn web_annotations(story: &Story, page: &str, language: &str, link_url: &dyn Fn(&str) -> Option<String>) -> Value {
    let blocks = &story.article.blocks;
    let items: Vec<Value> = story
        .article
        .annotations
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let anchor = a.anchor?;
            let exact = &blocks[anchor.block].text[anchor.start..anchor.end];
            let (start, end) = positions(blocks, anchor.block, anchor.start, anchor.end);
            let block_text = &blocks[anchor.block].text;
            let prefix = a
                .prefix
                .clone()
                .unwrap_or_else(|| tail(&block_text[..anchor.start], 32));
            let suffix = a.suffix.clone().unwrap_or_else(|| head(&block_text[anchor.end..], 32));
            let mut quote = json!({"type": "TextQuoteSelector", "exact": exact});
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
                "id": format!("{page}#annotation-{}", i + 1),
                "type": "Annotation",
                "motivation": motivation(a.kind),
                "body": body,
                "target": {
                    "source": page,
                    "type": "Text",
                    "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
                },
            });
            if let Some(author) = &a.author {
                item["creator"] = json!({"type": "Person", "name": author});
            }
            if let Some(date) = a.date {
                item["created"] = json!(date.to_string());
            }
            Some(item)
        })
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

/// Character positions of a block range in the article text, blocks joined by a blank line.
fn positions(blocks: &[Block], block: usize, start: usize, end: usize) -> (usize, usize) {
    let before: usize = blocks[..block].iter().map(|b| b.text.chars().count() + 2).sum();
    let text = &blocks[block].text;
    let s = before + text[..start].chars().count();
    (s, s + text[start..end].chars().count())
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
