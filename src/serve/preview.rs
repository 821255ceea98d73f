//! The previewed site as read from disk, and how it follows edits: a changed article is
//! re-read and re-extracted, and the indexes follow; a changed template or static file reloads
//! the theme. Anything else — configuration, the registry, an article added, removed, re-dated
//! or re-addressed — reads the whole site again. Nothing here renders a page: pages are
//! rendered when they are asked for (see `pages`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::model::{Archive, Story};
use crate::pipeline::{BuildError, BuildOptions, Site, prepare, read_site_for_preview};
use crate::render::Templates;
use crate::write::lexical_absolute;

/// What a rebuild did, for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    Full,
    /// Articles re-read.
    Incremental {
        articles: usize,
    },
    Templates,
    Static {
        files: usize,
    },
    Nothing,
}

/// The site as the preview server shows it.
pub struct Preview {
    pub options: BuildOptions,
    pub site: Site,
    /// The theme's templates, compiled once and reused until a template changes.
    pub templates: Templates,
}

/// A changed path, sorted by what it affects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Article(PathBuf),
    Template,
    Static(PathBuf),
    Everything,
}

impl Preview {
    /// Reads the whole site, with the smaller copies of its pictures that a build makes, taking
    /// unchanged articles' extractions from the build store.
    pub fn build(options: &BuildOptions) -> Result<Preview, BuildError> {
        let mut site = read_site_for_preview(options)?;
        let pictures = crate::derivatives::prepare(&mut site.archive, &options.root, &site.config.images);
        site.warnings.extend(pictures.warnings);
        // What a build would warn about, the terminal shows too.
        eprint!("{}", site.warnings);
        let templates = Templates::compile(&site.theme).map_err(|d| BuildError::Content(d.into()))?;
        Ok(Preview {
            options: options.clone(),
            site,
            templates,
        })
    }

    /// Sorts changed paths under the site folder `root` into what they affect.
    pub fn classify(root: &Path, paths: &[PathBuf]) -> BTreeSet<Change> {
        let root = lexical_absolute(root);
        let mut out = BTreeSet::new();
        for path in paths {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let first = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let change = match first.as_str() {
                "content" => match crate::load::article_of(path) {
                    Some(article) if article.is_file() => Change::Article(article),
                    // An article file that is gone: the archive loses a story.
                    Some(_) => Change::Everything,
                    // Editors' temporary files and anything no article uses.
                    None => continue,
                },
                "templates" => Change::Template,
                "static" => Change::Static(rel.strip_prefix("static").unwrap_or(rel).to_path_buf()),
                _ if rel == Path::new(crate::config::CONFIG_FILE) || first == "data" => Change::Everything,
                _ => continue,
            };
            out.insert(change);
        }
        out
    }

    /// Applies changes, as incrementally as is safe. `None` when they need the whole site read
    /// again, which the caller does with [`Preview::build`] while the old site is still served.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<Option<Rebuild>, BuildError> {
        if changes.is_empty() {
            return Ok(Some(Rebuild::Nothing));
        }
        if changes.contains(&Change::Everything) {
            return Ok(None);
        }
        let statics = changes.iter().filter(|c| matches!(c, Change::Static(_))).count();
        if changes.contains(&Change::Template) || statics > 0 {
            // The theme holds the templates and the static files alike.
            let theme = crate::pipeline::read_theme(&self.options.root).map_err(|d| BuildError::Content(d.into()))?;
            self.templates = Templates::compile(&theme).map_err(|d| BuildError::Content(d.into()))?;
            self.site.theme = theme;
        }
        let articles: Vec<&PathBuf> = changes
            .iter()
            .filter_map(|c| if let Change::Article(p) = c { Some(p) } else { None })
            .collect();
        if !articles.is_empty() {
            return self.articles(&articles);
        }
        Ok(Some(if changes.contains(&Change::Template) {
            Rebuild::Templates
        } else {
            Rebuild::Static { files: statics }
        }))
    }

    /// Re-reads changed articles. `None` when the change needs the whole site read again.
    fn articles(&mut self, paths: &[&PathBuf]) -> Result<Option<Rebuild>, BuildError> {
        let root = self.options.root.clone();
        let mut replaced: Vec<(usize, Story)> = Vec::new();
        let mut diagnostics = Diagnostics::default();
        for path in paths {
            if !path.is_file() {
                return Ok(None);
            }
            let rel_of = |s: &Story| lexical_absolute(&root.join(crate::load::CONTENT_DIR).join(&s.article.rel));
            let Some(i) = self
                .site
                .archive
                .stories
                .iter()
                .position(|s| rel_of(s) == lexical_absolute(path))
            else {
                return Ok(None);
            };
            let (source, warnings) =
                crate::load::load_article(&root, path).map_err(|d| BuildError::Content(d.into()))?;
            diagnostics.extend(warnings);
            match prepare(source, &self.site.registry, &self.site.config) {
                Ok((story, warning)) => {
                    diagnostics.extend(warning);
                    let old = &self.site.archive.stories[i];
                    if story.url != old.url
                        || story.published != old.published
                        || (story.article.front.draft && !self.options.drafts)
                    {
                        return Ok(None);
                    }
                    replaced.push((i, story));
                }
                Err(ds) => diagnostics.extend(ds),
            }
        }
        if diagnostics.has_errors() {
            return Err(BuildError::Content(diagnostics));
        }
        // What a build would warn about in these articles, the terminal shows too.
        eprint!("{diagnostics}");
        let t = std::env::var_os("DATELINE_TIMINGS").map(|_| Instant::now());
        let lap = |what: &str| {
            if let Some(t) = t {
                eprintln!("  {what}: {:.1} ms", elapsed_ms(t));
            }
        };
        lap("prepared");
        // The edited articles' pictures get their smaller copies, as in a build.
        let mut edited = Archive {
            stories: replaced.iter().map(|(_, s)| s.clone()).collect(),
            ..Archive::default()
        };
        let pictures = crate::derivatives::prepare(&mut edited, &root, &self.site.config.images);
        self.site.warnings.extend(pictures.warnings);
        let n = replaced.len();
        for ((i, _), story) in replaced.into_iter().zip(edited.stories) {
            let old = std::mem::replace(&mut self.site.archive.stories[i], story);
            crate::index::update_story(&mut self.site.archive, i, &old, &self.site.config, &self.site.registry);
        }
        lap("reindexed");
        Ok(Some(Rebuild::Incremental { articles: n }))
    }
}

/// How long something took, for the terminal.
pub fn elapsed_ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
