//! Search: the archive's full-text index with facets, built during the build and served as
//! static files beside the archive; the search page (`static/search.js`) reads it in the
//! browser. The index is split so a query downloads only the few small files it touches — see
//! [`index`] for the layout.

mod index;
mod runs;
pub mod tokens;
mod update;

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::model::{Archive, EntityKind, Story};

pub use index::{
    BUNDLE_DIR, Cache, DEFAULT_POSTINGS_BUDGET, IndexReport, Limits, Records, SearchError, index, index_into,
    index_with,
};
pub use update::{NoPrevious, Previous, reindex};

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

/// The records of every story, in archive order, each story's text read back where it was
/// put away (the preview server's, which keeps its records to re-index after an edit). A build
/// indexes through [`Records`], which makes them one at a time.
pub fn records(archive: &Archive) -> Result<Vec<SearchRecord>, SearchError> {
    (0..archive.stories.len())
        .into_par_iter()
        .map(|i| Ok(record(&*archive.plain_story(i)?)))
        .collect()
}

/// The archive's stories as records made one at a time, so a build never holds the text of
/// every record at once.
impl Records for Archive {
    fn count(&self) -> usize {
        self.stories.len()
    }

    fn key(&self, i: usize) -> (Date, &str) {
        let story = &self.stories[i];
        (story.published.date, record_url(story))
    }

    fn record(&self, i: usize) -> Result<Cow<'_, SearchRecord>, SearchError> {
        Ok(Cow::Owned(record(&*self.plain_story(i)?)))
    }
}

/// Indexes the archive's stories, handing each file to `out` as soon as it is made.
pub fn index_archive(
    archive: &Archive,
    language: &str,
    limits: &Limits,
    out: &mut dyn FnMut(crate::write::OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    index_into(archive, language, limits, None, out)
}

/// [`index_archive`], re-making only the files that changed since the `previous` build's
/// index when it can (see [`update`]).
pub fn reindex_archive(
    archive: &Archive,
    language: &str,
    limits: &Limits,
    previous: &dyn Previous,
    out: &mut dyn FnMut(crate::write::OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    reindex(archive, language, limits, previous, out)
}

/// A story's address as its record gives it.
fn record_url(story: &Story) -> &str {
    story.url.trim_start_matches('/')
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
    if let Some(image) = story.lead_image() {
        m.insert("image".to_string(), image.src.trim_start_matches('/').to_string());
        m.insert("image_alt".to_string(), image.alt);
        // Its size, so the result keeps its place while the picture loads.
        let src = meta.figures.value.iter().find_map(|f| f.src.as_deref());
        if let Some((width, height)) = src.and_then(|s| story.image_size(s)) {
            m.insert("image_width".to_string(), width.to_string());
            m.insert("image_height".to_string(), height.to_string());
        }
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
                add("agency", &crate::agencies::canonical_agency(a));
            }
        }
    }
    for a in meta
        .sources
        .value
        .iter()
        .chain(meta.dateline.value.as_ref().and_then(|d| d.agency.as_ref()))
    {
        add("agency", &crate::agencies::canonical_agency(a));
    }
    filters.retain(|_, values| !values.is_empty());
    SearchRecord {
        url: record_url(story).to_string(),
        date: story.published.date,
        headline: meta.headline.value.clone(),
        text: content,
        meta: m,
        facets: filters,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Registry;
    use crate::model::{Asset, Source, SourceFormat};

    /// A bundle article with a picture of its own, credited to an agency by a short spelling.
    fn story() -> Story {
        let text = r#"+++
title = "Harbour reopens"
date = 2021-10-13
source = "REUTERS"

[[figures]]
src = "./harbour.png"
title = "Harbour at dawn"
caption = "Boats in the harbour."
credit = "Rui Lopes/AP"
+++
The harbour reopened on Wednesday after a week of storms.
"#;
        let source = Source {
            file: PathBuf::from("content/harbour/index.md"),
            rel: PathBuf::from("harbour/index.md"),
            format: SourceFormat::Markdown,
            text: text.to_string(),
            assets: vec![Asset {
                path: PathBuf::from("content/harbour/harbour.png"),
                name: "harbour.png".into(),
                size: Some((400, 260)),
                ..Asset::default()
            }],
            sidecar: None,
            modified: None,
        };
        let (story, _) = crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default()).unwrap();
        story
    }

    /// What a search result shows comes from the archive's own vocabulary (dates in words,
    /// agency names, the story's lead picture), not from how render lays out a page: this
    /// pins those values, so changing any of them shows up here.
    #[test]
    fn a_record_carries_the_result_furniture() {
        let story = story();
        let r = record(&story);
        assert_eq!(r.url, "2021/10/13/harbour/");
        assert_eq!(r.meta["date"], "October 13, 2021");
        assert_eq!(r.meta["image"], "2021/10/13/harbour/harbour.png");
        assert_eq!(r.meta["image_alt"], "Harbour at dawn");
        assert_eq!(
            (r.meta["image_width"].as_str(), r.meta["image_height"].as_str()),
            ("400", "260")
        );
        assert_eq!(r.facets["agency"], ["Associated Press", "Reuters"]);
        assert_eq!(r.facets["photographer"], ["Rui Lopes"]);
        assert!(r.text.contains("harbour reopened"), "{}", r.text);
    }

    #[test]
    fn image_addresses() {
        let story = story();
        for (src, url) in [
            ("harbour.png", "/2021/10/13/harbour/harbour.png"),
            ("./harbour.png", "/2021/10/13/harbour/harbour.png"),
            ("images/a.jpg", "/images/a.jpg"),
            ("/images/a.jpg", "/images/a.jpg"),
            ("https://e.org/a.jpg", "https://e.org/a.jpg"),
        ] {
            assert_eq!(story.image_url(src), url, "{src}");
        }
    }
}
