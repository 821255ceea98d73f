//! Render: the archive to output files, in memory. Pure: it reads no files and no clock (the
//! theme is loaded beforehand, every date shown comes from the articles, and the build's time is
//! passed in for the news sitemap), so two renders of the same archive at the same build time
//! are byte-identical and pages render in parallel.

mod api;
mod article;
mod body;
mod calendar;
mod contrast;
mod decorate;
mod feeds;
mod figure;
pub mod headers;
mod highlight;
mod indexes;
mod inputs;
mod jsonld;
mod links;
mod notes;
mod pages;
mod report;
mod routes;
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
use crate::write::{OutputFile, WriteError};

pub use article::placed_quotes;
pub use calendar::{day_url, month_url, year_url};
pub use decorate::Decoration;
pub use highlight::push_escaped as escape_into;
pub use inputs::{Fingerprint, stories_digest};
pub use links::{LinkStyle, Links, output_path, relativize};
pub use pages::{Job, Renderer};
pub use report::ExtractionReport;
pub use routes::{Route, Routes, closing_files, highlights_code};
pub use sitemap::news_stable_until;
pub use templates::Templates;
pub use theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES, Theme};
pub use views::{ImageView, LinkView, SiteView};

/// Renders every page of the archive into memory (for `check`, the preview server and tests).
/// Like [`render_into`], without the search index.
pub fn render(
    archive: &Archive,
    config: &SiteConfig,
    theme: &Theme,
    clock: jiff::Timestamp,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let collected = std::sync::Mutex::new(Vec::new());
    let sink = |files: Vec<OutputFile>| {
        collected.lock().unwrap_or_else(|e| e.into_inner()).extend(files);
        Ok(())
    };
    match render_into(archive, config, theme, clock, &sink) {
        Ok(_) => {}
        Err(RenderFailure::Content(d)) => return Err(d),
        Err(RenderFailure::Write(e)) => return Err(vec![Diagnostic::error(crate::config::CONFIG_FILE, e.to_string())]),
    }
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where rendered files go, as they are made: a staging folder, or memory.
pub trait Sink: Sync {
    /// Takes the files of one page (or, once, of everything made after the pages).
    fn put(&self, files: Vec<OutputFile>) -> Result<(), WriteError>;

    /// How many `put`s are to come, said once before the first (for a progress display).
    fn expect(&self, _puts: usize) {}

    /// Whether this sink takes fingerprints: it notes what each page was made from
    /// ([`Sink::made`]) and may keep pages of the previous archive ([`Sink::reuse`]). Only then
    /// are fingerprints worked out.
    fn keeps(&self) -> bool {
        false
    }

    /// Keeps the files the page named `job` made last time, if it was made from the inputs
    /// `fingerprint` hashes and those files are still what the previous archive holds; returns
    /// their paths. `None`: the page is rendered.
    fn reuse(&self, _job: &str, _fingerprint: &Fingerprint) -> Option<Vec<String>> {
        None
    }

    /// Notes that the page named `job`, made from the inputs `fingerprint` hashes, made the
    /// files at `paths`, for a later build to [`Sink::reuse`].
    fn made(&self, _job: String, _fingerprint: Fingerprint, _paths: &[String]) {}
}

impl<F: Fn(Vec<OutputFile>) -> Result<(), WriteError> + Sync> Sink for F {
    fn put(&self, files: Vec<OutputFile>) -> Result<(), WriteError> {
        self(files)
    }
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderFailure {
    /// Template or configuration problems.
    Content(Vec<Diagnostic>),
    /// The sink could not take the files.
    Write(WriteError),
}

/// Renders every page, handing the files to `sink` as they are made, so that a large archive
/// never has to sit in memory whole. Returns the paths of all files, sorted.
///
/// The search index is not among them: it is a stage of its own (`crate::search`), which the
/// pipeline runs beside this one. `clock` is the build's time, which only the news sitemap
/// follows.
pub fn render_into(
    archive: &Archive,
    config: &SiteConfig,
    theme: &Theme,
    clock: jiff::Timestamp,
    sink: &dyn Sink,
) -> Result<Vec<String>, RenderFailure> {
    let mut templates = Templates::compile(theme).map_err(RenderFailure::Content)?;
    let renderer = Renderer::new(archive, config, &mut templates);
    let jobs = renderer.jobs();
    // A put per page, then one for the static files, stylesheet and sitemaps.
    sink.expect(jobs.len() + 1);
    let errors: std::sync::Mutex<Vec<Diagnostic>> = std::sync::Mutex::new(Vec::new());
    let fingerprints = sink.keeps().then(|| inputs::Fingerprints::new(&renderer, theme));
    // Whether any page was kept rather than rendered: the code stylesheet then goes by what
    // the stories hold, since the pages that would have used the highlighter were not made.
    let kept = std::sync::atomic::AtomicBool::new(false);
    let mut paths: Vec<String> = jobs
        .par_iter()
        .map(|job| {
            let print = fingerprints
                .as_ref()
                .and_then(|f| Some((inputs::Fingerprints::key(&renderer, job), f.of(&renderer, job)?)));
            if let Some((key, print)) = &print
                && let Some(paths) = sink.reuse(key, print)
            {
                kept.store(true, std::sync::atomic::Ordering::Relaxed);
                return Ok(paths);
            }
            render_one(&renderer, job, sink, print, &errors)
        })
        .collect::<Result<Vec<Vec<String>>, WriteError>>()
        .map_err(RenderFailure::Write)?
        .into_iter()
        .flatten()
        .collect();
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut extra = theme.static_files();
    let highlighted = renderer.highlighter.was_used() || (kept.into_inner() && highlights_code(archive));
    if highlighted {
        match highlight::stylesheet(&config.markdown.highlight_theme, &config.markdown.highlight_theme_dark) {
            Ok(css) => extra.push(OutputFile::bytes("highlight.css", css)),
            Err(e) => errors.push(
                Diagnostic::error(crate::config::CONFIG_FILE, e)
                    .with_help("set [markdown] highlight_theme and highlight_theme_dark to one of the listed themes"),
            ),
        }
    }
    if config.build.headers {
        let assets: Vec<String> = extra.iter().map(|f| f.path.clone()).collect();
        extra.push(headers::file(&assets));
    }
    paths.extend(extra.iter().map(|f| f.path.clone()));
    if config.sitemap.enabled {
        let maps = sitemap::sitemaps(&paths, archive, config, clock);
        paths.extend(maps.iter().map(|f| f.path.clone()));
        extra.extend(maps);
    }
    sink.put(extra).map_err(RenderFailure::Write)?;
    errors.extend(collisions(&paths, archive));
    if !errors.is_empty() {
        return Err(RenderFailure::Content(errors));
    }
    paths.sort();
    Ok(paths)
}

/// Renders one job and hands its files to `sink`, noting what they were made from when the
/// page has a fingerprint. A page that fails is reported once (the same template error would
/// repeat for every page that uses it) and makes no files.
fn render_one(
    renderer: &Renderer<'_>,
    job: &Job,
    sink: &dyn Sink,
    print: Option<(String, Fingerprint)>,
    errors: &std::sync::Mutex<Vec<Diagnostic>>,
) -> Result<Vec<String>, WriteError> {
    match renderer.render(job) {
        Ok(files) => {
            let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
            sink.put(files)?;
            if let Some((key, print)) = print {
                sink.made(key, print, &paths);
            }
            Ok(paths)
        }
        Err(d) => {
            let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
            if !errors.contains(&d) {
                errors.push(d);
            }
            Ok(Vec::new())
        }
    }
}

/// Two pages written to one file would silently lose one of them.
fn collisions(paths: &[String], archive: &Archive) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for p in paths {
        *seen.entry(p.as_str()).or_default() += 1;
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
