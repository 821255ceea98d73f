//! JSON for machines: `/api/articles.json` lists every article's metadata, and each article
//! folder carries `article.json` with its full extraction.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Archive, EntityKind, Story};
use crate::write::OutputFile;

use super::report::ExtractionReport;

/// One article in `/api/articles.json`.
#[derive(Debug, Clone, Serialize)]
struct ArticleSummary<'a> {
    url: String,
    headline: &'a str,
    date: String,
    byline: &'a [String],
    dateline: Option<&'a str>,
    summary: Option<&'a str>,
    tags: &'a [String],
    people: Vec<&'a str>,
    places: Vec<&'a str>,
    organizations: Vec<&'a str>,
    figures: usize,
    quotes: usize,
    source_file: String,
}

/// `/api/articles.json`.
pub fn articles(archive: &Archive, config: &SiteConfig) -> OutputFile {
    let list: Vec<ArticleSummary> = archive
        .stories
        .iter()
        .map(|s| {
            let names = |kind| s.meta.entities_of(kind).map(|m| m.entity.name.as_str()).collect();
            ArticleSummary {
                url: config.absolute(&s.url),
                headline: &s.meta.headline.value,
                date: s.published.date.to_string(),
                byline: &s.meta.byline.value,
                dateline: s.meta.dateline.value.as_ref().map(|d| d.raw.as_str()),
                summary: s.meta.summary.value.as_deref(),
                tags: &s.article.front.tags,
                people: names(EntityKind::Person),
                places: names(EntityKind::Place),
                organizations: names(EntityKind::Organization),
                figures: s.meta.figures.value.len(),
                quotes: s.meta.quotes.len(),
                source_file: s.article.rel.to_string_lossy().replace('\\', "/"),
            }
        })
        .collect();
    OutputFile::bytes(
        "api/articles.json",
        serde_json::to_vec_pretty(&list).unwrap_or_default(),
    )
}

/// The full extraction of one article, as `article.json` in its folder.
#[derive(Debug, Clone, Serialize)]
struct ArticleJson<'a> {
    url: String,
    #[serde(flatten)]
    report: ExtractionReport,
    /// The archivists' notes, as declared (the W3C export with selectors is
    /// `annotations.jsonld`).
    annotations: &'a [crate::model::Annotation],
}

/// `article.json` beside an article's page (`folder` ends in `/`).
pub fn article_json(story: &Story, config: &SiteConfig, folder: &str) -> OutputFile {
    let doc = ArticleJson {
        url: config.absolute(&story.url),
        report: ExtractionReport::of_story(story),
        annotations: &story.article.annotations,
    };
    OutputFile::bytes(
        format!("{folder}article.json"),
        serde_json::to_vec_pretty(&doc).unwrap_or_default(),
    )
}
