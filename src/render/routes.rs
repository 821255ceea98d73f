//! Which job makes which file, worked out without rendering anything: the preview server
//! renders a page only when it is asked for, so it must know from a path alone which job to
//! run. The paths here must be the ones the jobs write; a test renders every job of a site and
//! compares.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::Archive;
use crate::write::{Content, OutputFile};

use super::calendar::{day_url, month_url, year_url};
use super::links::output_path;
use super::pages::{Job, Renderer};
use super::theme::Theme;
use super::{api, headers, highlight, sitemap};

/// What makes one file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Rendered by this job (with the other files the job makes).
    Job(Job),
    /// Copied as it is from this file: an article's picture or one of its smaller copies.
    Copy(PathBuf),
    /// A static file of the site's own `static/` folder.
    StaticFile(PathBuf),
    /// A static file built into dateline.
    StaticBytes(Arc<Vec<u8>>),
    /// One of the files made after the pages ([`closing_files`]) but the static files: the
    /// code stylesheet, `_headers`, a sitemap or `robots.txt`.
    Closing,
}

/// Every path of the site, each with what makes it.
#[derive(Debug, Default)]
pub struct Routes {
    map: HashMap<String, Route>,
}

impl Routes {
    /// The routes of the site `renderer` renders, with the static files of `theme`.
    pub fn of(renderer: &Renderer<'_>, theme: &Theme) -> Routes {
        let mut map = HashMap::new();
        for job in renderer.jobs() {
            for (path, copied) in renderer.outputs(&job) {
                let route = match copied {
                    Some(file) => Route::Copy(file),
                    None => Route::Job(job.clone()),
                };
                // The first job to claim a path keeps it, as the collision check of a build
                // reports a second one as an error.
                map.entry(path).or_insert(route);
            }
        }
        for file in theme.static_files() {
            let route = match file.content {
                Content::Copy(from) => Route::StaticFile(from),
                Content::Bytes(bytes) => Route::StaticBytes(Arc::new(bytes)),
            };
            map.entry(file.path).or_insert(route);
        }
        Routes { map }
    }

    /// What makes `path` ("2021/10/index.html"), if anything in the site does. Names the files
    /// made after the pages might have ([`Route::Closing`]) are answered as such: whether the
    /// file exists shows when they are made.
    pub fn get(&self, path: &str) -> Option<Route> {
        if let Some(route) = self.map.get(path) {
            return Some(route.clone());
        }
        closing_name(path).then_some(Route::Closing)
    }

    /// Every path that the jobs make, in no particular order (the sitemaps list the pages
    /// among them).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.map
            .iter()
            .filter(|(_, r)| matches!(r, Route::Job(_) | Route::Copy(_)))
            .map(|(p, _)| p.as_str())
    }

    /// How many paths the site has, apart from the files made after the pages.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the site has no paths at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Whether `path` is a name the files made after the pages may have.
fn closing_name(path: &str) -> bool {
    let numbered = || {
        path.strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(
        path,
        "highlight.css" | "_headers" | "robots.txt" | "sitemap.xml" | "sitemap-news.xml"
    ) || numbered()
}

impl Renderer<'_> {
    /// The files `job` makes, without rendering it: each path, with the file it is copied from
    /// when it is copied rather than rendered.
    pub fn outputs(&self, job: &Job) -> Vec<(String, Option<PathBuf>)> {
        let rendered = |url: &str| vec![(output_path(url), None)];
        match *job {
            Job::Article(i) => self.article_outputs(i),
            Job::Front(1) => rendered("/"),
            Job::Front(n) => rendered(&format!("/page/{n}/")),
            Job::Archive => rendered("/archive/"),
            Job::Year(y) => rendered(&year_url(y)),
            Job::Month(y, m) => rendered(&month_url(y, m)),
            Job::Day(d) => rendered(&day_url(d)),
            Job::NotFound => vec![("404.html".into(), None)],
            Job::Terms(kind) => rendered(self.links.index(kind).unwrap_or("/")),
            Job::Term(kind, t, n) => {
                let Some(term) = self.archive.index(kind).and_then(|i| i.terms.get(t)) else {
                    return Vec::new();
                };
                let url = self.links.term_slug(kind, &term.slug).unwrap_or_default();
                if n > 1 {
                    return rendered(&format!("{url}page/{n}/"));
                }
                let mut out = rendered(&url);
                if self.config.feeds.enabled && self.config.feeds.per_term {
                    out.push((output_path(&format!("{url}feed.xml")), None));
                }
                out
            }
            Job::Feed => vec![("feed.xml".into(), None)],
            Job::Api => api::paths(self.config).into_iter().map(|p| (p, None)).collect(),
            Job::ApiList(year, n) => self
                .list_part(year, n)
                .map(|part| (api::list_path(part), None))
                .into_iter()
                .collect(),
            Job::Annotations => rendered("/annotations/"),
            Job::Search => rendered("/search/"),
        }
    }

    fn article_outputs(&self, i: usize) -> Vec<(String, Option<PathBuf>)> {
        let Some(story) = self.archive.stories.get(i) else {
            return Vec::new();
        };
        let page = output_path(&story.url);
        let folder = page.trim_end_matches("index.html").to_string();
        let mut out = vec![(format!("{folder}article.json"), None)];
        if !story.article.annotations.is_empty() {
            out.push((format!("{folder}annotations.jsonld"), None));
        }
        for asset in &story.article.assets {
            out.push((format!("{folder}{}", asset.name), Some(asset.path.clone())));
            for d in &asset.derived {
                out.push((format!("{folder}{}", d.name(&asset.name)), Some(d.cache.clone())));
            }
        }
        out.insert(0, (page, None));
        out
    }
}

/// Whether any page of the archive highlights code, and so links the code stylesheet: an
/// article in Markdown with a fenced block that names a language. (A build learns this from
/// rendering every article; this answers it without rendering one.)
pub fn highlights_code(archive: &Archive) -> bool {
    archive.stories.iter().any(|s| s.highlighted_code)
}

/// The files a build makes after the pages: the theme's static files, the code stylesheet when
/// `highlighted` (see [`highlights_code`]), `_headers`, and the sitemaps and `robots.txt` over
/// `paths`, every path the pages make.
pub fn closing_files(
    archive: &Archive,
    config: &SiteConfig,
    theme: &Theme,
    clock: jiff::Timestamp,
    paths: &[String],
    highlighted: bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut extra = theme.static_files();
    if highlighted {
        let css = highlight::stylesheet(&config.markdown.highlight_theme, &config.markdown.highlight_theme_dark)
            .map_err(|e| {
                Diagnostic::error(crate::config::CONFIG_FILE, e)
                    .with_help("set [markdown] highlight_theme and highlight_theme_dark to one of the listed themes")
            })?;
        extra.push(OutputFile::bytes("highlight.css", css));
    }
    if config.build.headers {
        let assets: Vec<String> = extra.iter().map(|f| f.path.clone()).collect();
        extra.push(headers::file(&assets));
    }
    if config.sitemap.enabled {
        let mut all: Vec<String> = paths.to_vec();
        all.extend(extra.iter().map(|f| f.path.clone()));
        extra.extend(sitemap::sitemaps(&all, archive, config, clock));
    }
    Ok(extra)
}
