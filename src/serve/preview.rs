//! The previewed site in memory, and how it follows edits: a changed article is re-read,
//! re-extracted and re-rendered with only the pages that show it; a changed template re-renders
//! the pages that use it; a changed static file is just replaced. Anything else — configuration,
//! the registry, an article added, removed, re-dated or re-addressed — rebuilds everything.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Story;
use crate::pipeline::{BuildError, BuildOptions, Site, prepare, read_site};
use crate::render::{Job, Renderer, Templates};
use crate::write::{Content, OutputFile, lexical_absolute};

/// One file of the previewed site.
#[derive(Debug, Clone)]
pub enum Served {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// What a rebuild did, for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    Full,
    /// Articles and pages re-rendered.
    Incremental {
        articles: usize,
        pages: usize,
    },
    Templates {
        pages: usize,
    },
    Static {
        files: usize,
    },
    Nothing,
}

/// The site as the preview server shows it.
pub struct Preview {
    pub options: BuildOptions,
    pub site: Site,
    pub files: HashMap<String, Served>,
    /// The theme's templates, compiled once and reused by incremental rebuilds.
    templates: Templates,
    /// Pages an incremental rebuild left for after the reload.
    deferred: BTreeSet<Job>,
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
    /// Builds the whole site in memory.
    pub fn build(options: &BuildOptions) -> Result<Preview, BuildError> {
        let site = read_site(options)?;
        // What a build would warn about, the terminal shows too.
        eprint!("{}", site.warnings);
        let files = render_all(&site)?;
        let templates = Templates::compile(&site.theme).map_err(|d| BuildError::Content(d.into()))?;
        Ok(Preview {
            options: options.clone(),
            site,
            files,
            templates,
            deferred: BTreeSet::new(),
        })
    }

    /// Sorts changed paths into what they affect.
    pub fn classify(&self, paths: &[PathBuf]) -> BTreeSet<Change> {
        let root = lexical_absolute(&self.options.root);
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

    /// Applies changes, as incrementally as is safe.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<Rebuild, BuildError> {
        if changes.is_empty() {
            return Ok(Rebuild::Nothing);
        }
        if changes.contains(&Change::Everything) {
            return self.full();
        }
        if changes.contains(&Change::Template) {
            return self.templates();
        }
        let articles: Vec<&PathBuf> = changes
            .iter()
            .filter_map(|c| if let Change::Article(p) = c { Some(p) } else { None })
            .collect();
        if !articles.is_empty() {
            return match self.articles(&articles)? {
                Some(r) => Ok(r),
                None => self.full(),
            };
        }
        let mut n = 0;
        for change in changes {
            if let Change::Static(rel) = change {
                let key = rel.to_string_lossy().replace('\\', "/");
                let on_disk = self.options.root.join("static").join(rel);
                if on_disk.is_file() {
                    self.files.insert(key, Served::File(on_disk));
                } else {
                    // A deleted static file falls back to the built-in default, if any.
                    return self.full();
                }
                n += 1;
            }
        }
        Ok(Rebuild::Static { files: n })
    }

    /// Renders the pages an incremental rebuild deferred. Returns how many.
    pub fn catch_up(&mut self) -> Result<usize, BuildError> {
        let jobs: Vec<Job> = std::mem::take(&mut self.deferred).into_iter().collect();
        if jobs.is_empty() {
            return Ok(0);
        }
        let renderer = Renderer::new(&self.site.archive, &self.site.config, &mut self.templates);
        let rendered: Vec<Result<Vec<OutputFile>, Diagnostic>> = jobs
            .par_iter()
            .filter(|j| renderer.has_job(j))
            .map(|j| renderer.render(j))
            .collect();
        let mut fresh = Vec::new();
        for r in rendered {
            fresh.extend(r.map_err(|d| BuildError::Content(d.into()))?);
        }
        let n = fresh.len();
        for f in fresh {
            self.files.insert(f.path, served(f.content));
        }
        Ok(n)
    }

    /// The search records of the current archive, for re-indexing off the lock.
    pub fn search_records(&self) -> Option<(Vec<crate::search::SearchRecord>, String)> {
        self.site.config.search.enabled.then(|| {
            (
                crate::search::records(&self.site.archive),
                self.site.config.language.clone(),
            )
        })
    }

    /// Replaces the search index files.
    pub fn replace_search(&mut self, files: Vec<OutputFile>) {
        self.files.retain(|k, _| !k.starts_with(crate::search::BUNDLE_DIR));
        for f in files {
            self.files.insert(f.path, served(f.content));
        }
    }

    fn full(&mut self) -> Result<Rebuild, BuildError> {
        let fresh = Preview::build(&self.options)?;
        *self = fresh;
        Ok(Rebuild::Full)
    }

    fn templates(&mut self) -> Result<Rebuild, BuildError> {
        let theme = crate::pipeline::read_theme(&self.options.root).map_err(|d| BuildError::Content(d.into()))?;
        self.templates = Templates::compile(&theme).map_err(|d| BuildError::Content(d.into()))?;
        self.site.theme = theme;
        let files = render_all(&self.site)?;
        let pages = files.keys().filter(|k| k.ends_with(".html")).count();
        self.files = files;
        Ok(Rebuild::Templates { pages })
    }

    /// Re-reads changed articles. `None` when the change needs a full rebuild.
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
        let changed: Vec<usize> = replaced.iter().map(|(i, _)| *i).collect();
        let before = pages_showing(&self.site, &changed);
        lap("pages before");
        for (i, story) in replaced {
            let old = std::mem::replace(&mut self.site.archive.stories[i], story);
            crate::index::update_story(&mut self.site.archive, i, &old, &self.site.config, &self.site.registry);
        }
        lap("reindexed");
        let mut jobs = before;
        jobs.extend(pages_showing(&self.site, &changed));
        let renderer = Renderer::new(&self.site.archive, &self.site.config, &mut self.templates);
        // Whole-archive lists (the A–Z indexes, the API) wait until the page has reloaded.
        let (later, jobs): (Vec<Job>, Vec<Job>) = jobs
            .into_iter()
            .filter(|j| renderer.has_job(j))
            .partition(|j| matches!(j, Job::Terms(_) | Job::Api));
        self.deferred.extend(later);
        lap("planned");
        let rendered: Vec<Result<Vec<OutputFile>, Diagnostic>> = jobs
            .par_iter()
            .map(|j| {
                let t = Instant::now();
                let r = renderer.render(j);
                if std::env::var_os("DATELINE_TIMINGS").is_some() && elapsed_ms(t) > 5.0 {
                    eprintln!("    {j:?}: {:.1} ms", elapsed_ms(t));
                }
                r
            })
            .collect();
        let mut pages = 0;
        let mut fresh = Vec::new();
        for r in rendered {
            let files = r.map_err(|d| BuildError::Content(d.into()))?;
            pages += files.iter().filter(|f| f.path.ends_with(".html")).count();
            fresh.extend(files);
        }
        drop(renderer);
        lap("rendered");
        for f in fresh {
            self.files.insert(f.path, served(f.content));
        }
        Ok(Some(Rebuild::Incremental {
            articles: changed.len(),
            pages,
        }))
    }
}

/// Every job whose page shows one of `stories`: the articles and their neighbours, their day
/// and month, the front page, their index terms, the feeds and the lists of notes.
fn pages_showing(site: &Site, stories: &[usize]) -> BTreeSet<Job> {
    let archive = &site.archive;
    let config = &site.config;
    let mut jobs = BTreeSet::new();
    for &i in stories {
        let story = &archive.stories[i];
        for j in [i.checked_sub(1), Some(i), Some(i + 1)].into_iter().flatten() {
            if j < archive.stories.len() {
                jobs.insert(Job::Article(j));
            }
        }
        for (k, related) in archive.related.iter().enumerate() {
            if related.contains(&i) {
                jobs.insert(Job::Article(k));
            }
        }
        let d = story.published.date;
        jobs.insert(Job::Day(d));
        jobs.insert(Job::Month(d.year(), d.month()));
        jobs.insert(Job::Front(i / config.paginate_by + 1));
        for (&kind, index) in &archive.indexes {
            let per = config
                .index_config(kind)
                .paginate_by
                .unwrap_or(config.paginate_by)
                .max(1);
            for (t, term) in index.terms.iter().enumerate() {
                if let Some(pos) = term.stories.iter().position(|&s| s == i) {
                    jobs.insert(Job::Term(kind, t, pos / per + 1));
                    jobs.insert(Job::Terms(kind));
                }
            }
        }
        if !story.article.annotations.is_empty() {
            jobs.insert(Job::Annotations);
        }
    }
    jobs.insert(Job::Feed);
    jobs.insert(Job::Api);
    jobs
}

fn render_all(site: &Site) -> Result<HashMap<String, Served>, BuildError> {
    let files = crate::pipeline::render_in_memory(site)?;
    Ok(files.into_iter().map(|f| (f.path, served(f.content))).collect())
}

fn served(content: Content) -> Served {
    match content {
        Content::Bytes(b) => Served::Bytes(Arc::new(b)),
        Content::Copy(p) => Served::File(p),
    }
}

/// How long something took, for the terminal.
pub fn elapsed_ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
