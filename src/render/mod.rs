//! Render: the archive to output files, in memory. Pure: it reads no files and no clock (the
//! theme is loaded beforehand, and every date shown comes from the articles), so two renders
//! of the same archive are byte-identical and pages render in parallel.

mod api;
mod article;
mod body;
mod calendar;
mod decorate;
mod feeds;
mod figure;
mod highlight;
mod indexes;
mod jsonld;
mod links;
mod notes;
mod pages;
mod report;
mod sanitize;
mod sitemap;
mod templates;
mod theme;
mod timeline;
mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::Archive;
use crate::write::OutputFile;

pub use calendar::{day_url, long_date, month_url, year_url};
pub use decorate::Decoration;
pub use highlight::push_escaped as escape_into;
pub use links::{Links, index_config, index_enabled, output_path, relativize};
pub use pages::{Job, Renderer};
pub use report::ExtractionReport;
pub use templates::Templates;
pub use theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES, Theme};
pub use views::{ImageView, LinkView, SiteView, card_image};

/// Renders every page of the archive.
pub fn render(archive: &Archive, config: &SiteConfig, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let templates = Templates::compile(theme)?;
    let renderer = Renderer::new(archive, config, templates);
    let jobs = renderer.jobs();
    let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = jobs.par_iter().map(|job| renderer.render(job)).collect();
    let mut files = theme.static_files();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.extend(f),
            // The same template error would repeat for every page that uses it.
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if renderer.highlighter.was_used() {
        match highlight::stylesheet(&config.markdown.highlight_theme, &config.markdown.highlight_theme_dark) {
            Ok(css) => files.push(OutputFile::bytes("highlight.css", css)),
            Err(e) => errors.push(
                Diagnostic::error(crate::config::CONFIG_FILE, e)
                    .with_help("set [markdown] highlight_theme and highlight_theme_dark to one of the listed themes"),
            ),
        }
    }
    if config.search.enabled {
        match crate::search::index(crate::search::records(archive), &config.language) {
            Ok(index) => files.extend(index),
            Err(e) => errors.push(
                Diagnostic::error(crate::config::CONFIG_FILE, e)
                    .with_help("set [search] enabled = false in site.toml to build without search"),
            ),
        }
    }
    if config.sitemap.enabled {
        let maps = sitemap::sitemaps(&files, archive, config);
        files.extend(maps);
    }
    errors.extend(collisions(&files, archive));
    if !errors.is_empty() {
        return Err(errors);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Two pages written to one file would silently lose one of them.
fn collisions(files: &[OutputFile], archive: &Archive) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for f in files {
        *seen.entry(f.path.as_str()).or_default() += 1;
    }
    for (path, n) in seen {
        if n > 1 {
            let culprit = archive
                .stories
                .iter()
                .find(|s| output_path(&s.url) == path)
                .map(|s| s.article.file.clone());
            let file = culprit.unwrap_or_else(|| crate::config::CONFIG_FILE.into());
            errors.push(
                Diagnostic::error(file, format!("two pages would be written to {path}"))
                    .with_help("change the article's `slug`, or the `permalink` pattern in site.toml, so that articles do not land on archive pages"),
            );
        }
    }
    errors
}
