//! schema.org `NewsArticle` structured data for search engines and news aggregators.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::model::{EntityKind, IndexKind, Story};

use super::links::Links;
use super::notes::plain_text;

/// The JSON-LD of an article page, ready to embed in a `<script>` element.
pub fn news_article(
    story: &Story,
    config: &SiteConfig,
    links: &Links<'_>,
    published: &str,
    modified: Option<&str>,
) -> String {
    let meta = &story.meta;
    let url = config.absolute(&story.url);
    let images: Vec<Value> = meta
        .figures
        .value
        .iter()
        .filter_map(|f| {
            let src = f.src.as_deref()?;
            let mut image = json!({
                "@type": "ImageObject",
                "contentUrl": config.absolute(&story.image_url(src)),
                "url": config.absolute(&story.image_url(src)),
                "caption": f.caption,
            });
            if let Some(c) = &f.credit {
                image["creditText"] = json!(c.raw);
                let creators: Vec<Value> = c
                    .photographers
                    .iter()
                    .map(|p| json!({"@type": "Person", "name": p}))
                    .collect();
                if !creators.is_empty() {
                    image["creator"] = json!(creators);
                }
                if let Some(d) = &c.distributor {
                    image["copyrightHolder"] = json!({"@type": "Organization", "name": d});
                }
            }
            if let Some(t) = &f.title {
                image["name"] = json!(t);
            }
            Some(image)
        })
        .collect();
    let mentions: Vec<Value> = meta
        .entities
        .iter()
        .map(|m| {
            let kind = match m.entity.kind {
                EntityKind::Person => "Person",
                EntityKind::Place => "Place",
                EntityKind::Organization => "Organization",
            };
            let mut v = json!({"@type": kind, "name": m.entity.name});
            if let Some(u) = links.term(IndexKind::of_entity(m.entity.kind), &m.entity.name) {
                v["url"] = json!(config.absolute(&u));
            }
            v
        })
        .collect();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.headline.value,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified.unwrap_or(published),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base()},
        "isAccessibleForFree": true,
    });
    if !meta.byline.value.is_empty() {
        doc["author"] = json!(
            meta.byline
                .value
                .iter()
                .map(|n| json!({"@type": "Person", "name": n}))
                .collect::<Vec<_>>()
        );
    } else if !meta.sources.value.is_empty() {
        doc["author"] = json!(
            meta.sources
                .value
                .iter()
                .map(|n| json!({"@type": "Organization", "name": n}))
                .collect::<Vec<_>>()
        );
    }
    if let Some(d) = &meta.dateline.value {
        doc["dateline"] = json!(d.raw.trim_end_matches(['—', '–', '-', ' ']).trim());
        if let Some(place) = &d.place {
            doc["locationCreated"] = json!({"@type": "Place", "name": place});
        }
    }
    if let Some(summary) = &meta.summary.value {
        doc["description"] = json!(summary);
    }
    if !images.is_empty() {
        doc["image"] = json!(images);
    }
    if !mentions.is_empty() {
        doc["mentions"] = json!(mentions);
    }
    if !story.article.front.tags.is_empty() {
        doc["keywords"] = json!(story.article.front.tags);
    }
    let corrections: Vec<Value> = story
        .article
        .front
        .corrections
        .iter()
        .map(|c| {
            let mut v = json!({"@type": "CorrectionComment", "text": plain_text(&c.text)});
            if let Some(d) = c.date {
                v["datePublished"] = json!(d.to_string());
            }
            v
        })
        .chain(
            story
                .article
                .annotations
                .iter()
                .filter(|a| a.kind == crate::model::AnnotationKind::Correction)
                .map(|a| {
                    let mut v = json!({"@type": "CorrectionComment", "text": plain_text(&a.note)});
                    if let Some(d) = a.date {
                        v["datePublished"] = json!(d.to_string());
                    }
                    v
                }),
        )
        .collect();
    if !corrections.is_empty() {
        doc["correction"] = json!(corrections);
    }
    script_safe(&doc)
}

/// Serialises JSON for a `<script>` element: `</` cannot close it early.
pub fn script_safe(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default().replace("</", "<\\/")
}
