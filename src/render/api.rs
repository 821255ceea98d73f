//! The archive for machines: `/api/articles.json` and the files it points to list every
//! article's metadata, each article folder carries `article.json` with its full extraction,
//! and `archive.sqlite` holds it all as tables (see [`crate::export`]).
//!
//! The list is cut so that no file grows with the archive: `api/articles.json` is an index of
//! years, and each year's articles are in `api/articles/YEAR.json`, newest first, continued in
//! `YEAR-2.json`, `YEAR-3.json` … past [`PER_FILE`] articles. (One list of 10,000 articles is
//! 7 MB; of a million, 700 MB.) `[api] split = false` writes the single list instead.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Archive, EntityKind, Mention, Story};
use crate::write::OutputFile;

use super::report::ExtractionReport;

/// One article in the list.
#[derive(Debug, Clone, Serialize)]
struct ArticleSummary<'a> {
    url: String,
    headline: &'a str,
    date: String,
    byline: &'a [String],
    dateline: Option<&'a str>,
    summary: Option<&'a str>,
    tags: &'a [String],
    people: Vec<String>,
    places: Vec<String>,
    organizations: Vec<String>,
    figures: usize,
    quotes: usize,
    source_file: String,
}

/// At most this many articles in one file of the list (about 700 KB).
pub const PER_FILE: usize = 1000;

/// The index of the split list: `/api/articles.json`.
#[derive(Debug, Serialize)]
struct ListIndex {
    articles: usize,
    /// Newest year first.
    years: Vec<YearEntry>,
}

#[derive(Debug, Serialize)]
struct YearEntry {
    year: i16,
    articles: usize,
    /// The year's files, in order (newest articles first).
    files: Vec<String>,
}

/// The API's files made in one piece: the article list (whole, or the index of the split
/// list) and, when enabled, `archive.sqlite`. The files of a split list are made one at a time
/// by [`list_file`], so that an edit re-makes only the file that lists the edited story.
pub fn files(archive: &Archive, config: &SiteConfig) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut out = if config.api.split {
        vec![list_index(archive, config)]
    } else {
        vec![OutputFile::bytes(
            "api/articles.json",
            to_json(&summaries(archive, config, 0..archive.stories.len())?),
        )]
    };
    if config.api.sqlite {
        let bytes = crate::export::sqlite(archive, &|p| config.absolute(p)).map_err(|e| {
            Diagnostic::error(crate::config::CONFIG_FILE, e.to_string())
                .with_help("set [api] sqlite = false in site.toml to build without archive.sqlite")
        })?;
        out.push(OutputFile::bytes("archive.sqlite", bytes));
    }
    Ok(out)
}

/// One file of the split list: the `n`th (0-based) of `year`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPart {
    pub year: i16,
    pub n: usize,
    /// Its stories, in archive order.
    pub stories: std::ops::Range<usize>,
}

/// The files of the split list, in order; none when the list is not split.
pub fn list_parts(archive: &Archive, config: &SiteConfig) -> Vec<ListPart> {
    if !config.api.split {
        return Vec::new();
    }
    let mut parts = Vec::new();
    for (year, range) in year_runs(archive) {
        for (n, start) in range.clone().step_by(PER_FILE).enumerate() {
            let end = (start + PER_FILE).min(range.end);
            parts.push(ListPart {
                year,
                n,
                stories: start..end,
            });
        }
    }
    parts
}

/// The file of the split list `part` names.
pub fn list_file(archive: &Archive, config: &SiteConfig, part: &ListPart) -> Result<OutputFile, Diagnostic> {
    Ok(OutputFile::bytes(
        list_path(part),
        to_json(&summaries(archive, config, part.stories.clone())?),
    ))
}

/// Where the file of the split list `part` names is written.
pub fn list_path(part: &ListPart) -> String {
    year_file(part.year, part.n)
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

/// The stories `range` (archive order: newest first) as list entries.
fn summaries<'a>(
    archive: &'a Archive,
    config: &SiteConfig,
    range: std::ops::Range<usize>,
) -> Result<Vec<ArticleSummary<'a>>, Diagnostic> {
    archive.stories[range]
        .iter()
        .map(|s| {
            let entities = archive.entities(s).map_err(super::pages::text_error)?;
            Ok(summary(s, &entities, config))
        })
        .collect()
}

/// The paths of the files [`files`] makes, without making them (for the preview server,
/// which renders a file only when it is asked for).
pub fn paths(config: &SiteConfig) -> Vec<String> {
    let mut out = vec!["api/articles.json".to_string()];
    if config.api.sqlite {
        out.push("archive.sqlite".into());
    }
    out
}

/// Each year's stories: stories are newest first, so a year is a run of them.
fn year_runs(archive: &Archive) -> Vec<(i16, std::ops::Range<usize>)> {
    let mut runs: Vec<(i16, std::ops::Range<usize>)> = Vec::new();
    for (i, s) in archive.stories.iter().enumerate() {
        let year = s.published.date.year();
        match runs.last_mut() {
            Some((y, range)) if *y == year => range.end = i + 1,
            _ => runs.push((year, i..i + 1)),
        }
    }
    runs
}

/// The `n`th (0-based) file of a year's list.
fn year_file(year: i16, n: usize) -> String {
    if n == 0 {
        format!("api/articles/{year}.json")
    } else {
        format!("api/articles/{year}-{}.json", n + 1)
    }
}

/// `api/articles.json` as an index of years, each with its files.
fn list_index(archive: &Archive, config: &SiteConfig) -> OutputFile {
    let mut years: Vec<YearEntry> = Vec::new();
    for part in list_parts(archive, config) {
        let path = config.absolute(&list_path(&part));
        match years.last_mut() {
            Some(entry) if entry.year == part.year => {
                entry.articles += part.stories.len();
                entry.files.push(path);
            }
            _ => years.push(YearEntry {
                year: part.year,
                articles: part.stories.len(),
                files: vec![path],
            }),
        }
    }
    let index = ListIndex {
        articles: archive.stories.len(),
        years,
    };
    OutputFile::bytes("api/articles.json", to_json(&index))
}

/// `s` as a list entry; `entities` are its people, places and organisations.
fn summary<'a>(s: &'a Story, entities: &[Mention], config: &SiteConfig) -> ArticleSummary<'a> {
    let names = |kind| {
        entities
            .iter()
            .filter(|m| m.entity.kind == kind)
            .map(|m| m.entity.name.clone())
            .collect()
    };
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
        figures: s.figure_count(),
        quotes: s.quote_count(),
        source_file: s.article.rel.to_string_lossy().replace('\\', "/"),
    }
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
