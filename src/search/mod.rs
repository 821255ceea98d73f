//! Search: the archive's full-text index with facets, built during the build and served as
//! static files beside the archive; the search page (`static/search.js`) reads it in the
//! browser. The index is split so a query downloads only the few small files it touches — see
//! [`index`] for the layout.

mod index;
pub mod tokens;

use std::collections::BTreeMap;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::model::{Archive, EntityKind, Story};

pub use index::{BUNDLE_DIR, Cache, index, index_with};

/// One article as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// Site path without the leading slash ("2021/10/13/mayor-says/"); the search page prefixes
    /// the site's own base path, so the archive can live in any folder.
    pub url: String,
    pub date: Date,
    pub headline: String,
    /// The body without furniture and bylines, then captions of figures outside the body.
    pub text: String,
    /// What a result shows besides headline and excerpt: date, dateline, byline, image.
    pub meta: BTreeMap<String, String>,
    /// Facet values by facet: person, place, organisation, agency, photographer. The year
    /// facet comes from `date`.
    pub facets: BTreeMap<String, Vec<String>>,
}

/// The records of every story, in archive order.
pub fn records(archive: &Archive) -> Vec<SearchRecord> {
    archive.stories.par_iter().map(record).collect()
}

fn record(story: &Story) -> SearchRecord {
    let meta = &story.meta;
    let mut content = String::with_capacity(story.article.bytes);
    for (i, block) in story.article.blocks.iter().enumerate() {
        if matches!(
            story.extraction.roles.get(i),
            Some(crate::model::BlockRole::Byline | crate::model::BlockRole::Furniture)
        ) {
            continue;
        }
        content.push_str(&block.text);
        content.push('\n');
    }
    for f in meta.figures.value.iter().filter(|f| f.blocks.is_empty()) {
        content.push_str(&f.caption);
        content.push('\n');
    }
    let mut m = BTreeMap::new();
    m.insert("date".to_string(), crate::dates::long_date(story.published.date));
    if let Some(d) = &meta.dateline.value {
        m.insert(
            "dateline".to_string(),
            d.place
                .clone()
                .or_else(|| d.agency.clone())
                .unwrap_or_else(|| d.raw.clone()),
        );
    }
    if !meta.byline.value.is_empty() {
        m.insert("byline".to_string(), meta.byline.value.join(", "));
    }
    if let Some(card) = crate::render::card_image(story) {
        m.insert("image".to_string(), card.src.trim_start_matches('/').to_string());
        m.insert("image_alt".to_string(), card.alt);
    }
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |key: &str, value: &str| {
        let list = filters.entry(key.to_string()).or_default();
        if !value.is_empty() && !list.iter().any(|v| v == value) {
            list.push(value.to_string());
        }
    };
    for e in &meta.entities {
        let key = match e.entity.kind {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organisation",
        };
        add(key, &e.entity.name);
    }
    for f in &meta.figures.value {
        if let Some(c) = &f.credit {
            for p in &c.photographers {
                add("photographer", p);
            }
            for a in c.agencies.iter().chain(c.distributor.iter()) {
                add("agency", &crate::index::canonical_agency(a));
            }
        }
    }
    for a in meta
        .sources
        .value
        .iter()
        .chain(meta.dateline.value.as_ref().and_then(|d| d.agency.as_ref()))
    {
        add("agency", &crate::index::canonical_agency(a));
    }
    filters.retain(|_, values| !values.is_empty());
    SearchRecord {
        url: story.url.trim_start_matches('/').to_string(),
        date: story.published.date,
        headline: meta.headline.value.clone(),
        text: content,
        meta: m,
        facets: filters,
    }
}
