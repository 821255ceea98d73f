//! Search: the archive's full-text index with facets, built in-process with pagefind during the
//! build. The index is chunked, so a browser downloads only the parts a query touches; it is
//! served as static files next to the archive, with our own search page on top.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Archive, EntityKind, Story};
use crate::write::OutputFile;

/// Where the index files go in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// One article as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// Site path without the leading slash ("2021/10/13/putin-says/"); the search page prefixes
    /// the site's own base path, so the archive can live in any folder.
    pub url: String,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// The records of every story, in archive order.
pub fn records(archive: &Archive) -> Vec<SearchRecord> {
    archive.stories.par_iter().map(record).collect()
}

fn record(story: &Story) -> SearchRecord {
    let meta = &story.meta;
    let mut content = String::with_capacity(story.article.bytes);
    content.push_str(&meta.headline.value);
    content.push_str(".\n");
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
    m.insert("title".to_string(), meta.headline.value.clone());
    m.insert("date".to_string(), crate::render::long_date(story.published.date));
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
    add("year", &story.published.date.year().to_string());
    let mut sort = BTreeMap::new();
    sort.insert("date".to_string(), story.published.date.to_string());
    SearchRecord {
        url: story.url.trim_start_matches('/').to_string(),
        content,
        meta: m,
        filters,
        sort,
    }
}

/// Builds the pagefind index of `records` as output files under `pagefind/`.
#[cfg(feature = "search")]
pub fn index(records: Vec<SearchRecord>, language: &str) -> Result<Vec<OutputFile>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let lang = language.split(['-', '_']).next().unwrap_or("en").to_lowercase();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async move {
        let options = PagefindServiceConfig::builder().force_language(lang.clone()).build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let timing = std::env::var_os("DATELINE_TIMINGS").map(|_| std::time::Instant::now());
        for r in records {
            index
                .add_custom_record(
                    r.url,
                    r.content,
                    lang.clone(),
                    Some(r.meta),
                    Some(r.filters),
                    Some(r.sort),
                )
                .await
                .map_err(|e| format!("cannot index an article: {e}"))?;
        }
        if let Some(t) = timing {
            eprintln!("    search records added: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("cannot build the search index: {e}"))?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .map(|f| {
                OutputFile::bytes(
                    format!("{BUNDLE_DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")),
                    f.contents,
                )
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

/// Without the `search` feature there is no index; the build says so instead of linking to a
/// search page that cannot work.
#[cfg(not(feature = "search"))]
pub fn index(_records: Vec<SearchRecord>, _language: &str) -> Result<Vec<OutputFile>, String> {
    Err("this dateline was built without the `search` feature; set [search] enabled = false in site.toml".into())
}
