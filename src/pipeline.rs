//! The build, top to bottom: load → parse → extract → index → render → write.
//!
//! Per-file problems are collected, never fatal on their own; after the stages that read user
//! input, any error stops the build before a single byte is written, so the previous output
//! stays untouched.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::extract::{self, Registry};
use crate::model::{Archive, Article, Extraction, Story, TextError};
use crate::progress::Progress;
use crate::render::{self, ExtractionReport, Theme};
use crate::store::stories::KeptStory;
use crate::store::{Store, unchanged};
use crate::texts::TextFile;
use crate::{index, load, merge, parse, write};

/// What the user asked `build` to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub force: bool,
    /// No progress display, summary or warnings: only errors are printed.
    pub quiet: bool,
    /// Links for browsing from disk (`--local`), whatever `site.toml`'s `[build] local_links` says.
    pub local_links: bool,
    /// How the previous output is removed after the swap.
    pub cleanup: write::Cleanup,
    /// Ignore the build store and start a new one (`--clean`).
    pub clean: bool,
}

/// Why a build failed, and with which exit code.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the user's content, configuration or templates (exit 1).
    #[error("{0}")]
    Content(Diagnostics),
    /// The output could not be written, or the command was misused (exit 2).
    #[error("error: {0}")]
    Output(#[from] write::WriteError),
    /// A file outside the content could not be read (exit 2).
    #[error("error: {0}")]
    Io(String),
    /// The environment asked for something impossible (exit 2).
    #[error("error: {0}")]
    Environment(String),
}

impl BuildError {
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::Content(_) => 1,
            BuildError::Output(_) | BuildError::Io(_) | BuildError::Environment(_) => 2,
        }
    }
}

impl From<Diagnostic> for BuildError {
    fn from(d: Diagnostic) -> Self {
        BuildError::Content(d.into())
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles in the archive.
    pub articles: usize,
    /// Of those, how many were extracted afresh rather than taken from the build store.
    pub afresh: usize,
    /// Of those, how many were taken whole from the build store, their files unchanged since
    /// it kept them: neither read nor parsed.
    pub taken: usize,
    pub pages: usize,
    /// How the written archive compares with the one it replaced.
    pub written: write::WriteSummary,
    pub bytes_in: usize,
    pub output: PathBuf,
    pub seconds: f64,
    pub warnings: Diagnostics,
    /// Pictures whose smaller copies were encoded by this build, and those found already made.
    pub pictures: (usize, usize),
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = &self.written;
        // How many pictures were resized, and how many found resized by an earlier build: a
        // rebuild with nothing changed resizes none.
        let pictures = match self.pictures {
            (0, 0) => String::new(),
            (made, reused) => format!(" (pictures: {made} resized, {reused} already resized)"),
        };
        write!(
            f,
            "Read {} articles ({} afresh) and wrote {} files ({} pages) to {} in {:.2} s{pictures}: {} new, {} changed, {} unchanged, {} removed.",
            self.articles,
            self.afresh,
            w.written,
            self.pages,
            self.output.display(),
            self.seconds,
            w.new,
            w.changed,
            w.unchanged,
            w.removed
        )
    }
}

/// The site as read from disk: configuration, registry, theme and every article, processed.
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub registry: Registry,
    pub theme: Theme,
    pub archive: Archive,
    pub warnings: Diagnostics,
    /// The build's clock: when the build runs, or `SOURCE_DATE_EPOCH` for a reproducible build.
    /// Only what is meant to follow the clock reads it (the news sitemap's last two days).
    pub clock: jiff::Timestamp,
}

/// Builds the archive and writes it to the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timings = Timings::from_env();
    let progress = Progress::on_stderr(options.quiet, Progress::delay_from_env());
    let mut store = open_store(options)?;
    let clock = build_clock(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    timings.lap("open the build store");
    // The inputs as they are before anything is read: what the build is recorded as having
    // read, and what a build with nothing to do compares with the record.
    let before = store.as_ref().and_then(|_| Before::scan(options));
    timings.lap("list the inputs");
    if let (Some(store), Some(before)) = (&store, &before)
        && before.output.join(write::MARKER).is_file()
        // Another build writing the output folder is waited for, as a full build would.
        && let _output = write::lock_output(&before.output)?
        && let Some(state) = unchanged::unchanged(store, &before.scan, &before.settings, clock, &before.output)
    {
        timings.lap("compare with the previous build");
        return Ok(BuildReport {
            articles: state.articles,
            afresh: 0,
            taken: 0,
            pages: state.pages,
            written: write::WriteSummary {
                written: state.files,
                unchanged: state.files,
                ..Default::default()
            },
            bytes_in: state.bytes_in,
            output: before.output.clone(),
            seconds: started.elapsed().as_secs_f64(),
            warnings: Diagnostics(state.warnings),
            pictures: (0, 0),
        });
    }
    // Each story's text waits on disk until its page and search record are made: in the
    // build store for a story taken from there, else in a file of the build's own.
    let texts = TextFile::create(&std::env::temp_dir()).map_err(|e| BuildError::Io(e.to_string()))?;
    let kept = store
        .as_ref()
        .and_then(|s| s.kept_texts())
        .map(|k| Box::new(k) as Box<dyn crate::texts::Kept>);
    let texts = Arc::new(texts.with_kept(kept));
    let scan = before.as_ref().map(|b| &b.scan);
    let (mut site, reading) = read_site_with(options, &progress, store.as_mut(), Some(&texts), scan)?;
    put_away_details(&mut site.archive, &texts)?;
    if timings.enabled() {
        eprintln!(
            "  articles: {} read from their files ({} extracted afresh), {} taken from the build store",
            reading.read, reading.afresh, reading.taken
        );
    }
    timings.lap("load, parse, extract, index");
    progress.stage("Pictures");
    let pictures = crate::derivatives::prepare(&mut site.archive, &options.root, &site.config.images);
    site.warnings.extend(pictures.warnings);
    timings.lap("picture derivatives");
    let output = output_dir(options, &site.config);
    // The archive is final: what each story's pages are made from can be fingerprinted, on
    // every core, while this thread reads the store's record of the previous build (a
    // connection to the store is used by one thread at a time).
    let Previous {
        known,
        sample: previous_sample,
        pages: previous_pages,
    } = std::thread::scope(|scope| {
        let stories = &mut site.archive.stories;
        scope.spawn(move || stories.par_iter_mut().for_each(Story::seal));
        Previous::read(store.as_ref(), before.as_ref(), &output)
    });
    timings.lap("fingerprint the stories, read the previous build's pages");
    let staging = write::Staging::begin_with(&output, &options.root, options.force, options.cleanup.clone(), known)?;
    timings.lap("link the previous archive");
    let precompress = &site.config.build.precompress;
    let sink = Staged {
        staging: &staging,
        progress: &progress,
        precompress,
        records: store.is_some(),
        previous: (store.is_some() && staging.knows_previous()).then_some(&previous_pages),
        record: std::sync::Mutex::new(crate::store::PageRecord::default()),
    };
    let timing = timings.enabled();
    // `archive.sqlite` is made beside the pages in a working file, not in memory with them.
    let mut render_config = site.config.clone();
    let export = std::mem::replace(&mut render_config.api.sqlite, false);
    // `archive.sqlite` is made from the stories alone (and the configuration): when none
    // changed, the previous build's is kept; when a few did, their rows are replaced.
    let export_print = render::stories_digest(&site.archive, &("archive.sqlite", &site.config));
    let export_rows = ExportRows {
        sink: &sink,
        archive: &site.archive,
        settings: *blake3::hash(format!("{:?}", ("archive.sqlite", &site.config)).as_bytes()).as_bytes(),
    };
    let limits = crate::search::Limits::default();
    let previous_index = PreviousIndex {
        sink: &sink,
        output: &output,
        archive: &site.archive,
        settings: *blake3::hash(format!("{:?}", ("search", &site.config)).as_bytes()).as_bytes(),
    };
    // `archive.sqlite`'s working database, kept in the store for the next build to update.
    let working = store.as_ref().map(Store::working_export);
    // The search index depends only on the archive: build it beside the pages, which spend
    // much of their time waiting on the file system.
    let kept_export = export && sink.kept(EXPORT_JOB, export_print);
    if kept_export {
        export_rows.carry_all();
    }
    let previous = output.join(EXPORT_FILE);
    let changed = (export && !kept_export)
        .then(|| export_rows.changed().filter(|_| previous.is_file()))
        .flatten();
    let beside = beside_the_export(changed.is_some());
    let (rendered, search, exported) = std::thread::scope(|scope| {
        let exported = (export && !kept_export).then(|| {
            scope.spawn(|| {
                let started = Instant::now();
                let exported = export_sqlite(
                    &site,
                    &staging,
                    precompress,
                    changed.as_deref().map(|c| (&*previous, c)),
                    working.as_ref(),
                );
                if let Ok((_, updated)) = &exported {
                    if let Some(print) = export_print {
                        render::Sink::made(&sink, EXPORT_JOB.to_string(), print, &[EXPORT_FILE.to_string()]);
                    }
                    export_rows.record(updated.then_some(changed.as_deref()).flatten());
                }
                if timing {
                    let how = match (&exported, &changed) {
                        (Ok((_, true)), Some(c)) => format!("updated, {} articles' rows replaced", c.len()),
                        _ => "made whole".to_string(),
                    };
                    eprintln!(
                        "  archive.sqlite: {:.1} ms, {how}",
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                }
                exported.map(|(file, _)| file)
            })
        });
        // The search index re-makes only the files of the stories that changed and the shards
        // of their words, when the previous build's index and record allow.
        let search = site.config.search.enabled.then(|| {
            scope.spawn(|| {
                let started = Instant::now();
                let report = within(beside.as_ref(), || {
                    crate::search::reindex_archive(
                        &site.archive,
                        &site.config.language,
                        &limits,
                        &previous_index,
                        &mut |file| Ok(staging.put(crate::compress::with_twins(vec![file], precompress)?)?),
                    )
                });
                if timing && let Ok(r) = &report {
                    let how = match r.updated {
                        Some((docs, shards)) => format!("updated: {docs} articles and {shards} shards made again"),
                        None => format!(
                            "made whole ({}), {} runs of postings spilled",
                            r.whole_because.unwrap_or("nothing to update"),
                            r.runs
                        ),
                    };
                    eprintln!(
                        "  search index: {:.1} ms, {how}",
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                }
                report
            })
        });
        let started = Instant::now();
        let rendered = within(beside.as_ref(), || {
            render::render_into(&site.archive, &render_config, &site.theme, site.clock, &sink)
        });
        if timing {
            eprintln!("  pages: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        if search.is_some() {
            progress.stage("Searching");
        }
        let search = search.map(|s| s.join());
        (rendered, search, exported.map(|e| e.join()))
    });
    // What each page was made from, for the next build: saved with the record of the output.
    // The previous build's record, with the pages kept through it marked, when it was used.
    let previous = sink.previous.is_some().then_some(&previous_pages);
    let Staged { record, .. } = sink;
    let page_record = record.into_inner().unwrap_or_else(|e| e.into_inner());
    if timing {
        eprintln!(
            "  kept from the previous build: {} pages, made with a fingerprint: {}",
            page_record.kept.len() + previous.map_or(0, crate::store::Pages::kept),
            page_record.made.len()
        );
    }
    let paths = match rendered {
        Ok(paths) => paths,
        Err(render::RenderFailure::Content(d)) => return Err(BuildError::Content(d.into())),
        Err(render::RenderFailure::Write(e)) => return Err(BuildError::Output(e)),
    };
    match search {
        None | Some(Ok(Ok(_))) => {}
        Some(Ok(Err(e))) => return Err(e.into()),
        Some(Err(_)) => return Err(search_failed().into()),
    }
    // The staged copy of `archive.sqlite` is written by the staging's writers, from this file:
    // it must outlive the commit.
    let exported = match exported {
        None => None,
        Some(Ok(Ok(file))) => Some(file),
        Some(Ok(Err(e))) => return Err(e),
        Some(Err(_)) => return Err(BuildError::Io("archive.sqlite could not be made".into())),
    };
    timings.lap("render and write (with search index)");
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    progress.stage("Writing");
    let (written, hashes) = staging.commit_with_hashes()?;
    progress.finish();
    if timing {
        let how = if written.journaled {
            "moved in through a journal"
        } else {
            "exchanged whole"
        };
        eprintln!(
            "  swap: {how} ({} new, {} changed, {} removed)",
            written.new, written.changed, written.removed
        );
    }
    timings.lap("swap in");
    // Copies of pictures since changed or removed would pile up in the picture cache; only
    // with the store's lock held, so that no other build is using the cache meanwhile.
    if store.is_some()
        && let Some(used) = &pictures.used
    {
        crate::derivatives::prune(&options.root, used);
    }
    let mut warnings = std::mem::take(&mut site.warnings);
    if let Some(store) = store.as_mut() {
        warnings.extend(record_output(
            store,
            &output,
            &hashes,
            &page_record,
            previous,
            exported.is_some(),
        ));
    }
    timings.lap("record the output");
    let report = BuildReport {
        articles: site.archive.stories.len(),
        afresh: reading.afresh,
        taken: reading.taken,
        pages,
        written,
        bytes_in: site.archive.stories.iter().map(|s| s.article.bytes).sum(),
        output,
        seconds: started.elapsed().as_secs_f64(),
        warnings,
        pictures: (pictures.made, pictures.reused),
    };
    if let (Some(store), Some(before)) = (store.as_mut(), before)
        && before.output == report.output
    {
        let sample = match previous_sample {
            Some(sample) if report.written.new == 0 && report.written.removed == 0 => sample,
            _ => store.output_sample().unwrap_or_default(),
        };
        record_state(store, &before, &site, &report, sample);
        timings.lap("record the inputs");
    }
    Ok(report)
}

/// Records in the build store what `output` now holds and what each page was made from (`pages`,
/// and the pages kept, marked in the `previous` record), and, when this build made
/// `archive.sqlite` (`exported`), its working database as describing that output. A store
/// that cannot record this only makes the next build slower: a warning.
fn record_output(
    store: &mut Store,
    output: &Path,
    hashes: &write::OutputRecord,
    pages: &crate::store::PageRecord,
    previous: Option<&crate::store::Pages>,
    exported: bool,
) -> Option<Diagnostic> {
    match store.save_outputs(output, hashes, Some(pages), previous) {
        Err(e) => Some(Diagnostic::warning(
            store.path().to_path_buf(),
            format!("the build store could not record the output ({e}); the next build compares every file on disk"),
        )),
        Ok(()) => {
            // Unrecorded, the working database is replaced by a copy of the published file.
            if exported {
                let _ = store.save_working_export();
            }
            None
        }
    }
}

/// What the build store recorded of the previous build into the output folder.
struct Previous {
    /// What the previous archive holds, if the store knows.
    known: Option<write::Known>,
    /// The files the last build's no-change check looks at: still the right ones if this build
    /// adds and removes no file, the usual case after an edit.
    sample: Option<Vec<String>>,
    /// What the previous build made each page from: pages made from the same inputs are kept.
    pages: crate::store::Pages,
}

impl Previous {
    /// Reads the record, which is void from then until this build has swapped its archive in
    /// and saved a new one.
    fn read(store: Option<&Store>, before: Option<&Before>, output: &Path) -> Previous {
        let known = store.and_then(|s| s.outputs(output));
        let sample = match (store, before) {
            (Some(s), Some(before)) if known.is_some() => s
                .state()
                .filter(|state| state.settings == before.settings)
                .map(|state| state.sample),
            _ => None,
        };
        if let Some(s) = store {
            let _ = s.forget_outputs();
            let _ = s.forget_state();
        }
        let pages = match store {
            Some(s) if known.is_some() => s.pages(),
            _ => crate::store::Pages::default(),
        };
        Previous { known, sample, pages }
    }
}

/// The site's inputs and the options that change the output, before a build reads anything.
struct Before {
    scan: unchanged::Scan,
    settings: crate::store::Hash,
    output: PathBuf,
}

impl Before {
    /// `None` when `site.toml` cannot be read or a folder cannot be listed: the build then runs
    /// in full and reports why.
    fn scan(options: &BuildOptions) -> Option<Before> {
        let config = SiteConfig::load(&options.root).ok()?;
        let output = output_dir(options, &config);
        let scan = unchanged::scan(&options.root, &config.extract.registry)?;
        let settings = unchanged::settings(&[
            (
                "output",
                crate::write::lexical_absolute(&output).to_string_lossy().into_owned(),
            ),
            ("base-url", format!("{:?}", options.base_url)),
            ("drafts", options.drafts.to_string()),
            ("local", options.local_links.to_string()),
            ("clock", std::env::var_os("SOURCE_DATE_EPOCH").is_some().to_string()),
        ]);
        Some(Before { scan, settings, output })
    }
}

/// Records what this build read and left, so that the next one can tell whether it has
/// anything to do. A build that cannot record this only makes the next one slower.
fn record_state(store: &mut Store, before: &Before, site: &Site, report: &BuildReport, sample: Vec<String>) {
    let recorded = store.inputs().unwrap_or_default();
    let Some(inputs) = unchanged::fingerprint(&before.scan, &recorded) else {
        return;
    };
    let gone: Vec<String> = {
        let now: std::collections::HashSet<&str> = inputs.iter().map(|(name, _)| name.as_str()).collect();
        recorded
            .keys()
            .filter(|name| !now.contains(name.as_str()))
            .cloned()
            .collect()
    };
    let Some(listing) = unchanged::listing(&report.output, &sample) else {
        return;
    };
    let mut dated_by_file: Vec<String> = site
        .archive
        .stories
        .iter()
        .filter(|s| {
            s.article.front.date.is_none()
                && s.meta.date.value.is_none()
                && index::path_date(&s.article.rel.to_string_lossy()).is_none()
        })
        .map(|s| {
            Path::new(load::CONTENT_DIR)
                .join(&s.article.rel)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    dated_by_file.sort();
    let store_file = Path::new(crate::store::DIR).join(crate::store::FILE);
    let state = unchanged::State {
        settings: before.settings,
        clock: unchanged::instant(site.clock),
        news_until: render::news_stable_until(&site.archive, &site.config, site.clock).map(unchanged::instant),
        listing,
        sample,
        dated_by_file,
        articles: report.articles,
        pages: report.pages,
        files: report.written.written,
        bytes_in: report.bytes_in,
        // A notice about the store itself concerns this build only.
        warnings: report
            .warnings
            .0
            .iter()
            .filter(|d| d.file != store_file)
            .cloned()
            .collect(),
    };
    // Only the rows that differ from the record are written: a rebuild after one edit
    // writes one row, not one per input file.
    let changed: Vec<(String, unchanged::Recorded)> = inputs
        .into_iter()
        .filter(|(name, now)| recorded.get(name) != Some(now))
        .collect();
    let _ = store.save_state(&changed, &gone, &state);
}

/// The name the build store gives `archive.sqlite` among the pages.
const EXPORT_JOB: &str = "archive.sqlite";
/// Where `archive.sqlite` goes in the output.
const EXPORT_FILE: &str = "archive.sqlite";

/// Which stories' rows of `archive.sqlite` the previous build made from the same inputs: each
/// story's rows are recorded among the pages under its article id, with a fingerprint of the
/// story, the id and the site's settings.
struct ExportRows<'a> {
    sink: &'a Staged<'a>,
    archive: &'a Archive,
    settings: crate::store::Hash,
}

impl ExportRows<'_> {
    /// Past this share of the archive changed (one in eight), the database is made whole.
    const MOST_CHANGED_SHARE: usize = 8;

    fn job(i: usize) -> String {
        format!("archive.sqlite article {}", i + 1)
    }

    fn fingerprint(&self, i: usize) -> Option<render::Fingerprint> {
        let story = self.archive.stories.get(i)?.digest?;
        let mut h = blake3::Hasher::new();
        h.update(&self.settings);
        h.update(&story);
        h.update(&(i as u64).to_le_bytes());
        Some(*h.finalize().as_bytes())
    }

    /// The positions of the stories whose rows must be made again, when the previous build
    /// recorded them all and few changed; `None` when the database must be made whole.
    fn changed(&self) -> Option<Vec<usize>> {
        let pages = self.sink.previous?;
        let mut changed = Vec::new();
        for i in 0..self.archive.stories.len() {
            let print = self.fingerprint(i)?;
            if pages.made_from(&Self::job(i), &print).is_none() {
                changed.push(i);
            }
        }
        (changed.len() <= self.archive.stories.len() / Self::MOST_CHANGED_SHARE + 16).then_some(changed)
    }

    /// Records the rows of every story: made afresh, or, after an update, the `changed` ones
    /// made and the others carried over.
    fn record(&self, changed: Option<&[usize]>) {
        let made: Box<dyn Fn(usize) -> bool> = match changed {
            Some(c) => Box::new(move |i| c.binary_search(&i).is_ok()),
            None => Box::new(|_| true),
        };
        for i in 0..self.archive.stories.len() {
            match self.fingerprint(i) {
                Some(print) if made(i) => {
                    render::Sink::made(self.sink, Self::job(i), print, &[EXPORT_FILE.to_string()]);
                }
                Some(_) => self.sink.carry(Self::job(i)),
                None => {}
            }
        }
    }

    /// Carries every story's record over, for a database kept whole.
    fn carry_all(&self) {
        for i in 0..self.archive.stories.len() {
            self.sink.carry(Self::job(i));
        }
    }
}

/// The previous build's search index as the build store and the previous output know it: each
/// article's file is recorded among the pages under its id, with a fingerprint of the story it
/// was made from, the id and the site's settings.
struct PreviousIndex<'a> {
    sink: &'a Staged<'a>,
    output: &'a Path,
    archive: &'a Archive,
    /// What every article file depends on besides its story: the configuration.
    settings: crate::store::Hash,
}

impl PreviousIndex<'_> {
    fn job(id: usize) -> String {
        format!("search article {id}")
    }

    /// What article `id`'s file is made from, when the story at `i` has a fingerprint.
    fn fingerprint(&self, i: usize, id: usize) -> Option<render::Fingerprint> {
        let story = self.archive.stories.get(i)?.digest?;
        let mut h = blake3::Hasher::new();
        h.update(&self.settings);
        h.update(&story);
        h.update(&(id as u64).to_le_bytes());
        Some(*h.finalize().as_bytes())
    }
}

impl crate::search::Previous for PreviousIndex<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        // Only an output the build store vouches for, whose files are those it recorded.
        self.sink.previous?;
        std::fs::read(self.output.join(path)).ok()
    }

    fn unchanged(&self, i: usize, id: usize) -> bool {
        match (self.sink.previous, self.fingerprint(i, id)) {
            (Some(pages), Some(print)) => pages.made_from(&Self::job(id), &print).is_some(),
            _ => false,
        }
    }

    fn keep_article(&self, i: usize, id: usize) -> bool {
        self.fingerprint(i, id)
            .is_some_and(|print| self.sink.keep(&Self::job(id), &print).is_some())
    }

    fn keep(&self, path: &str) -> bool {
        self.sink.previous.is_some() && self.sink.staging.keep([path], &self.sink.suffixes())
    }

    fn made_article(&self, i: usize, id: usize, path: &str) {
        if let Some(print) = self.fingerprint(i, id) {
            render::Sink::made(self.sink, Self::job(id), print, &[path.to_string()]);
        }
    }
}

/// Rendered pages on their way to the staging folder, counted on the progress display, with
/// their precompressed twins when `[build] precompress` asks for them. A page made from the
/// same inputs as in the previous build keeps that build's files instead.
struct Staged<'a> {
    staging: &'a write::Staging,
    progress: &'a Progress,
    precompress: &'a [crate::compress::Encoding],
    /// Whether there is a build store to record what each page was made from.
    records: bool,
    /// What the previous build made each page from, when its archive is the one being replaced.
    previous: Option<&'a crate::store::Pages>,
    /// What this build made each page from, for the next.
    record: std::sync::Mutex<crate::store::PageRecord>,
}

impl Staged<'_> {
    /// Keeps the files `job` made in the previous build if it was made from the inputs
    /// `fingerprint` hashes, and notes that it was kept.
    fn keep(&self, job: &str, fingerprint: &render::Fingerprint) -> Option<crate::store::MadeFiles<'_>> {
        let previous = self.previous?;
        let paths = previous.made_from(job, fingerprint)?;
        if !self.staging.keep(paths.iter(), &self.suffixes()) {
            return None;
        }
        // Marked in the previous record, which is saved with this build's.
        previous.keep(job);
        Some(paths)
    }

    /// Notes that what `job` was made from still holds, without keeping any file for it.
    fn carry(&self, job: String) {
        if self.previous.is_some_and(|p| p.keep(&job)) {
            return;
        }
        self.record.lock().unwrap_or_else(|e| e.into_inner()).kept.push(job);
    }

    /// The suffixes of the precompressed twins of each file.
    fn suffixes(&self) -> Vec<&'static str> {
        self.precompress.iter().map(|e| e.suffix()).collect()
    }

    /// [`Staged::keep`] for one of the groups of files the pipeline makes beside the pages (not
    /// counted among them); `false` when `fingerprint` is unknown.
    fn kept(&self, job: &str, fingerprint: Option<render::Fingerprint>) -> bool {
        fingerprint.is_some_and(|print| self.keep(job, &print).is_some())
    }
}

impl render::Sink for Staged<'_> {
    fn put(&self, files: Vec<write::OutputFile>) -> Result<(), write::WriteError> {
        self.progress.inc();
        self.staging.put(crate::compress::with_twins(files, self.precompress)?)
    }

    fn expect(&self, puts: usize) {
        self.progress.counted("Rendering", puts, "pages");
    }

    fn keeps(&self) -> bool {
        self.records
    }

    fn reuse(&self, job: &str, fingerprint: &render::Fingerprint) -> Option<Vec<String>> {
        let paths = self.keep(job, fingerprint)?.to_vec();
        self.progress.inc();
        Some(paths)
    }

    fn made(&self, job: String, fingerprint: render::Fingerprint, paths: &[String]) {
        self.record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .made
            .push((job, fingerprint, paths.to_vec()));
    }
}

impl From<crate::search::SearchError> for BuildError {
    fn from(e: crate::search::SearchError) -> Self {
        match e {
            crate::search::SearchError::Write(e) => BuildError::Output(e),
            e @ (crate::search::SearchError::Temp { .. } | crate::search::SearchError::Text(_)) => {
                BuildError::Io(e.to_string())
            }
        }
    }
}

/// Makes `archive.sqlite` in the staging's scratch folder (else the temporary folder) and moves
/// it into the staging (else stages a copy of it); the file, if still there, is removed when the
/// returned path is dropped, which must wait until the staging has committed.
/// With `update` (the previous build's file and the positions of the stories that changed),
/// the previous file's rows of those stories are replaced, if it is such a file; also returns
/// whether it was.
fn export_sqlite(
    site: &Site,
    staging: &write::Staging,
    precompress: &[crate::compress::Encoding],
    update: Option<(&Path, &[usize])>,
    working: Option<&crate::store::export::WorkingExport>,
) -> Result<(tempfile::TempPath, bool), BuildError> {
    use crate::export::ExportError;
    let absolute = |p: &str| site.config.absolute(p);
    // Made beside the staging folder, the database moves in rather than being copied (some
    // 720 MB at 100,000 articles), and its working copies stay off a temporary folder that
    // may be a slower disk than the output's.
    let temp = staging.scratch().unwrap_or_else(|_| std::env::temp_dir());
    let made = match working {
        Some(working) => export_with_working(site, &absolute, &temp, update, working),
        None => crate::export::sqlite_file(&site.archive, &absolute, &temp).map(|f| (f, false)),
    };
    let (file, updated) = made.map_err(|e| match e {
        ExportError::Sqlite(_) => BuildError::Content(
            Diagnostic::error(crate::config::CONFIG_FILE, e.to_string())
                .with_help("set [api] sqlite = false in site.toml to build without archive.sqlite")
                .into(),
        ),
        ExportError::Text(_) | ExportError::Temp { .. } => BuildError::Io(e.to_string()),
    })?;
    let copy = write::OutputFile {
        path: EXPORT_FILE.into(),
        content: write::Content::Copy(file.to_path_buf()),
    };
    match crate::compress::with_twins(vec![copy.clone()], precompress)? {
        // No twin (a database is not text): the file itself moves in.
        only if only == [copy] => staging.adopt(EXPORT_FILE, &file)?,
        files => staging.put(files)?,
    }
    Ok((file, updated))
}

/// `archive.sqlite` made from the working database the build store keeps: updated in place
/// when `update` allows (the previous build's file and the positions of the stories that
/// changed), else made whole there. The working database is changed under another name and
/// put back at its own only once the published file is made, so a build cut short leaves
/// none. One that is not trusted ([`crate::store::export`]) is first replaced by a copy of the
/// previous build's file. Also returns whether the database was updated.
fn export_with_working(
    site: &Site,
    absolute: &dyn Fn(&str) -> String,
    temp: &Path,
    update: Option<(&Path, &[usize])>,
    working: &crate::store::export::WorkingExport,
) -> Result<(tempfile::TempPath, bool), crate::export::ExportError> {
    use crate::export::ExportError;
    let work = &working.updating;
    let updated = match update {
        Some((previous, changed)) => {
            let ready = if working.trusted {
                std::fs::rename(&working.path, work).is_ok()
            } else {
                std::fs::copy(previous, work).is_ok()
            };
            match ready.then(|| crate::export::sqlite_file_updated(&site.archive, absolute, temp, work, changed)) {
                Some(Ok(Some(file))) => Some(file),
                // A previous database that is not what the record says is made whole.
                None | Some(Ok(None) | Err(ExportError::Sqlite(_))) => None,
                Some(Err(e)) => return Err(e),
            }
        }
        None => None,
    };
    let made = match updated {
        Some(file) => (file, true),
        None => (
            crate::export::sqlite_file_kept(&site.archive, absolute, temp, work)?,
            false,
        ),
    };
    std::fs::rename(work, &working.path).map_err(|source| ExportError::Temp {
        folder: working.path.parent().unwrap_or(temp).to_path_buf(),
        source,
    })?;
    Ok(made)
}

/// The workers for the pages and the search index while `archive.sqlite` is updated (`updating`)
/// beside them: every core but one. The update is one chain of work (the full-text merge,
/// `VACUUM INTO`) and the longest part of a rebuild after an edit; sharing every core with the
/// other two, it got a third of one until they finished. Made whole, it is not alone on the
/// critical path, and everything shares every core (`None`).
fn beside_the_export(updating: bool) -> Option<rayon::ThreadPool> {
    let cores = rayon::current_num_threads();
    if !updating || cores < 2 {
        return None;
    }
    rayon::ThreadPoolBuilder::new().num_threads(cores - 1).build().ok()
}

/// Runs `work` on `pool`'s workers, or on the global ones without a pool.
fn within<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

fn search_failed() -> Diagnostic {
    Diagnostic::error(crate::config::CONFIG_FILE, "the search indexer stopped unexpectedly")
        .with_help("set [search] enabled = false in site.toml to build without search")
}

/// Every file of the archive in memory, sorted by path: the pages and, when it is enabled, the
/// search index (for `check` and the preview server, which write nothing).
pub fn render_in_memory(site: &Site) -> Result<Vec<write::OutputFile>, BuildError> {
    let mut files = render::render(&site.archive, &site.config, &site.theme, site.clock)
        .map_err(|d| BuildError::Content(d.into()))?;
    if site.config.search.enabled {
        crate::search::index_archive(
            &site.archive,
            &site.config.language,
            &crate::search::Limits::default(),
            &mut |file| {
                files.push(file);
                Ok(())
            },
        )?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    Ok(files)
}

/// Stage timings on standard error when `DATELINE_TIMINGS` is set, for profiling builds.
struct Timings(Option<Instant>);

impl Timings {
    fn from_env() -> Self {
        Timings(std::env::var_os("DATELINE_TIMINGS").map(|_| Instant::now()))
    }

    fn enabled(&self) -> bool {
        self.0.is_some()
    }

    fn lap(&mut self, stage: &str) {
        if let Some(t) = self.0.as_mut() {
            eprintln!("{stage}: {:.1} ms{}", t.elapsed().as_secs_f64() * 1000.0, memory_now());
            *t = Instant::now();
        }
    }
}

/// The process's resident memory now and at its peak so far, where the system tells (Linux's
/// `/proc/self/status`): which stage a build's peak memory belongs to.
fn memory_now() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(" (memory {} MB, peak {} MB)", now / 1024, peak / 1024),
        _ => String::new(),
    }
}

/// Where the archive goes: `--output`, else `output_dir` under the site root.
pub fn output_dir(options: &BuildOptions, config: &SiteConfig) -> PathBuf {
    match &options.output {
        Some(o) => o.clone(),
        None => options.root.join(&config.output_dir),
    }
}

/// Loads, parses, extracts and indexes the whole site; fails with every content error found.
pub fn read_site(options: &BuildOptions) -> Result<Site, BuildError> {
    read_site_with(options, &Progress::hidden(), None, None, None).map(|(site, _)| site)
}

/// [`read_site`] for the preview server: extractions come from the build store where their
/// inputs did not change (and fresh ones go into it), as a build takes them. The store is let
/// go before the site is served, so that builds can run meanwhile; while a build holds it, the
/// preview reads without it rather than wait.
pub fn read_site_for_preview(options: &BuildOptions) -> Result<Site, BuildError> {
    let mut store = if options.root.is_dir() {
        Store::open_without_waiting(&options.root).ok()
    } else {
        None
    };
    // The preview holds the records of the archive and, like a build, reads each story's text
    // back when one of its pages is asked for.
    let texts = TextFile::create(&std::env::temp_dir()).map_err(|e| BuildError::Io(e.to_string()))?;
    // Without a scan: the preview lets the store go while it serves, so the texts the store
    // keeps could change under it; it reads every article.
    read_site_with(
        options,
        &Progress::hidden(),
        store.as_mut(),
        Some(&Arc::new(texts)),
        None,
    )
    .map(|(site, _)| site)
}

/// The site's build store, locked for this build. A store that cannot be created (a read-only
/// site folder) only costs speed: the build goes on without one.
fn open_store(options: &BuildOptions) -> Result<Option<Store>, BuildError> {
    if !options.root.is_dir() {
        return Ok(None);
    }
    match Store::open(&options.root, options.clean) {
        Ok(store) => Ok(Some(store)),
        Err(e @ crate::store::StoreError::Locked(_)) => Err(BuildError::Io(e.to_string())),
        Err(e) => {
            if !options.quiet {
                eprintln!("warning: {e}");
            }
            Ok(None)
        }
    }
}

/// [`read_site`], telling `progress` which stage it is in and how many articles are done,
/// taking extractions from `store` where their inputs did not change, and putting each story's
/// text away in `texts` when given. With `scan` (the site's files as the build found them) and
/// both of those, articles whose files did not change since the store kept them are taken from
/// it whole, their text left there. Also returns how many articles were read and extracted.
fn read_site_with(
    options: &BuildOptions,
    progress: &Progress,
    mut store: Option<&mut Store>,
    texts: Option<&Arc<TextFile>>,
    scan: Option<&unchanged::Scan>,
) -> Result<(Site, Reading), BuildError> {
    let root = &options.root;
    if !root.is_dir() {
        return Err(BuildError::Io(format!(
            "the site folder {} does not exist",
            root.display()
        )));
    }
    let shape = load::site_shape(root).map_err(BuildError::Environment)?;
    let clock = build_clock(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    let mut config = SiteConfig::load(root)?;
    if let Some(url) = &options.base_url {
        crate::config::check_base_url(url).map_err(|problem| {
            BuildError::Environment(format!(
                "--base-url {problem}; give the address the archive is published at, e.g. https://archive.example.org/"
            ))
        })?;
        config.base_url = url.clone();
    }
    config.build.local_links |= options.local_links;
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(shape);
    let registry = read_registry(root, &config).unwrap_or_else(|d| {
        diagnostics.push(d);
        Registry::default()
    });
    let theme = match read_theme(root) {
        Ok(t) => t,
        Err(ds) => {
            diagnostics.extend(ds);
            Theme::default()
        }
    };
    diagnostics.extend(config.missing_metadata_images(root, |path| theme.statics.contains_key(path)));
    progress.stage("Reading");
    let context = extraction_context(root, &config);
    let settings = reading_settings(&context, &config, root);
    let store_takes = scan.is_some() && texts.is_some_and(|t| t.reads_kept());
    let (listing, load_errors, kept) = list_and_keep(root, store.as_deref().filter(|_| store_takes), &settings);
    diagnostics.extend(load_errors);
    if let Some(notice) = store.as_ref().and_then(|s| s.notice.clone()) {
        diagnostics.push(Diagnostic::warning(
            PathBuf::from(crate::store::DIR).join(crate::store::FILE),
            notice,
        ));
    }
    diagnostics.extend(listing.picture_warnings());
    progress.counted("Extracting", listing.len(), "articles");
    // The articles whose files did not change come whole from the build store, with their
    // text left there; only the others are read, parsed and merged.
    let mut plan = match (kept, scan) {
        (Some(kept), Some(scan)) => plan_reading(&kept, scan, &listing, &context),
        _ => Plan {
            read: (0..listing.len()).collect(),
            take: FxHashMap::default(),
        },
    };
    let (mut stories, refreshed) = match store.as_deref() {
        Some(store) if !plan.take.is_empty() => {
            let taken = take_from_store(store, &mut plan, &settings, progress, READ_SLICE);
            diagnostics.extend(taken.warnings);
            (taken.stories, taken.refreshed)
        }
        _ => (Vec::with_capacity(listing.len()), Vec::new()),
    };
    let taken = stories.len();
    // Room for the stories still to read: growing past the taken ones would move them all
    // (some 100 MB at 100,000 articles) to add one edited article.
    stories.reserve_exact(plan.read.len());
    let mut keys: Vec<(String, crate::store::Hash)> = Vec::with_capacity(listing.len());
    for (i, story) in &stories {
        keys.push((
            listing.files_of(*i).rel.to_string_lossy().into_owned(),
            story.source.unwrap_or_default(),
        ));
    }
    let mut fresh: Vec<(usize, Fresh)> = Vec::new();
    let enabled = config.enabled_indexes();
    // In slices, so that the files and what the store kept are read for a slice at a time,
    // and each story's text is put away as soon as it is made: memory holds the records of
    // the stories read, never every article's source, text and extraction at once.
    for positions in plan.read.chunks(READ_SLICE) {
        let mut slice: Vec<(usize, crate::model::Source, Vec<Diagnostic>)> = Vec::with_capacity(positions.len());
        for (&i, loaded) in positions.iter().zip(listing.read_some(positions)) {
            match loaded {
                Ok((source, warnings)) => slice.push((i, source, warnings)),
                Err(d) => diagnostics.push(d),
            }
        }
        let slice_keys: Vec<(String, crate::store::Hash)> = slice
            .par_iter()
            .map(|(_, s, _)| {
                let rel = s.rel.to_string_lossy().into_owned();
                let key =
                    crate::store::extraction_key(&context, &rel, &s.text, s.sidecar.as_ref().map(|c| c.text.as_str()));
                (rel, key)
            })
            .collect();
        let stored: Vec<Option<Vec<u8>>> = match store.as_deref() {
            Some(store) => slice_keys.iter().map(|(rel, key)| store.extraction(rel, key)).collect(),
            None => vec![None; slice_keys.len()],
        };
        let mut read_warnings = Vec::with_capacity(slice.len());
        let mut sources = Vec::with_capacity(slice.len());
        for (i, source, warnings) in slice {
            read_warnings.push((i, warnings));
            sources.push(source);
        }
        let results: Vec<Result<(Prepared, Option<Fresh>), TextError>> = sources
            .into_par_iter()
            .zip(stored)
            .map(|(source, stored)| {
                let cached = stored.as_deref().and_then(crate::store::record::decode);
                let kept = cached.is_some().then_some(stored).flatten();
                let (mut prepared, json) = prepare_with(source, &registry, &config, cached);
                progress.inc();
                if let (Some(texts), Ok((story, _))) = (texts, prepared.as_mut())
                    && let Some(encoded) = json.as_ref().or(kept.as_ref())
                {
                    let mut placed: Vec<usize> = render::placed_quotes(story).into_iter().collect();
                    placed.sort_unstable();
                    story.placed_quotes = Some(placed);
                    texts.put_away(story, encoded)?;
                    // Worked out here, on every core, once: the indexes read them, and the
                    // build store keeps them for the next build.
                    story.gleaned = Some(index::glean(story, &enabled).into_boxed_slice());
                    // The store takes a fresh extraction from the text file when it is saved.
                    let fresh = json.and(story.text).map(Fresh::Spilled);
                    return Ok((prepared, fresh));
                }
                Ok((prepared, json.map(Fresh::Bytes)))
            })
            .collect();
        let mut rows = Vec::new();
        for ((result, (rel, key)), (i, warnings)) in results.into_iter().zip(slice_keys).zip(read_warnings) {
            let (r, json) = result.map_err(|e| BuildError::Io(e.to_string()))?;
            if let Some(json) = json {
                fresh.push((keys.len(), json));
            }
            match r {
                Ok((mut story, warning)) => {
                    story.source = Some(key);
                    if let (Some(scan), Some(texts)) = (scan, texts) {
                        let said: Vec<&Diagnostic> = warnings.iter().chain(&warning).collect();
                        if let Some(row) = story_row(&story, &rel, listing.files_of(i), scan, texts, &said) {
                            story.recorded = Some(*blake3::hash(&row.record).as_bytes());
                            rows.push(row);
                        }
                    }
                    diagnostics.extend(warnings);
                    diagnostics.extend(warning);
                    stories.push((i, story));
                }
                Err(ds) => {
                    diagnostics.extend(warnings);
                    diagnostics.extend(ds);
                }
            }
            keys.push((rel, key));
        }
        if let Some(store) = store.as_deref_mut()
            && !rows.is_empty()
        {
            // A store that cannot be written only makes the next build slower.
            let _ = store.save_stories(&settings, &rows);
        }
    }
    if let Some(store) = store.as_deref_mut()
        && !refreshed.is_empty()
    {
        let _ = store.save_stories(&settings, &refreshed);
    }
    let read = stories.len() - taken;
    // In the listing's order, as a build that reads every file has them.
    stories.sort_unstable_by_key(|(i, _)| *i);
    let stories: Vec<Story> = stories
        .into_iter()
        .map(|(_, story)| story)
        .filter(|story| options.drafts || !story.article.front.draft)
        .collect();
    progress.stage("Indexing");
    let previous_related = store.as_deref().and_then(Store::related);
    let (mut archive, index_errors, related) = index::build(stories, &config, &registry, previous_related.as_ref());
    drop(previous_related);
    if std::env::var_os("DATELINE_TIMINGS").is_some() {
        eprintln!(
            "  related articles: {} of {} stories ranked afresh",
            related.ranked,
            related.lists.len()
        );
    }
    if let Some(store) = store.as_deref()
        && related.ranked > 0
    {
        // A store that cannot be written only makes the next build slower.
        let _ = store.save_related(&related);
    }
    drop(related);
    diagnostics.extend(index_errors);
    diagnostics.extend(crate::annotate::check_links(&archive));
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics));
    }
    let reading = Reading {
        afresh: fresh.len(),
        read,
        taken,
    };
    if let Some(store) = store {
        // A store that cannot be written only makes the next build slower.
        if let Err(e) = save_extractions(store, &keys, fresh, texts) {
            diagnostics.push(Diagnostic::warning(
                store.path().to_path_buf(),
                format!("the build store could not be updated ({e}); the next build redoes this one's work"),
            ));
        }
    }
    if let Some(texts) = texts {
        archive.texts = Some(Arc::clone(texts) as Arc<dyn crate::model::TextStore>);
    }
    let site = Site {
        root: root.clone(),
        config,
        registry,
        theme,
        archive,
        warnings: diagnostics,
        clock,
    };
    Ok((site, reading))
}

/// Moves every story's details (its people, places and organisations and its figures) to the
/// text file once the indexes have been made from them, and drops the speakers of its quotes
/// (the quotes went with its text): from here on a build reads them only for the story's own
/// pages, photographers' pages, the API's summaries and the archive's data files, a story at a
/// time. (The preview server keeps them: it re-indexes the archive after an edit.)
fn put_away_details(archive: &mut Archive, texts: &TextFile) -> Result<(), BuildError> {
    // Every story's details are encoded and dropped on all cores, not one: where each lands
    // in the working file is of no consequence, only that its story knows.
    archive
        .stories
        .par_iter_mut()
        .try_for_each(|story| texts.put_away_details(story))
        .map_err(|e| BuildError::Io(e.to_string()))
}

/// What every extraction depends on besides the article: the code, the entity registry and
/// `site.toml`, as bytes (a file that cannot be read counts as empty; reading it for the build
/// reports the error).
fn extraction_context(root: &Path, config: &SiteConfig) -> crate::store::Hash {
    let registry = std::fs::read(root.join(&config.extract.registry)).unwrap_or_default();
    let site = std::fs::read(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    crate::store::extraction_context(&registry, &site)
}

/// The build's clock: now, or the moment `SOURCE_DATE_EPOCH` names (seconds since 1970-01-01
/// UTC, as reproducible-builds.org defines it), so that two builds of the same input at
/// different times are byte-identical.
fn build_clock(source_date_epoch: Option<&str>) -> Result<jiff::Timestamp, BuildError> {
    let Some(value) = source_date_epoch else {
        return Ok(jiff::Timestamp::now());
    };
    value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .ok_or_else(|| {
            BuildError::Environment(format!(
                "SOURCE_DATE_EPOCH is {value:?}, not a number of seconds since 1970-01-01 UTC; \
                 set it to one (for a git checkout, `export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`) \
                 or unset it to use the current time"
            ))
        })
}

/// The built-in theme with the site's own templates and static files laid over it.
pub fn read_theme(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
    load::theme_files(root).map(Theme::with)
}

/// One source file all the way to a story: parsed, annotations anchored, extracted, dated.
pub fn prepare(
    source: crate::model::Source,
    registry: &Registry,
    config: &SiteConfig,
) -> Result<(Story, Option<Diagnostic>), Vec<Diagnostic>> {
    prepare_with(source, registry, config, None).0
}

/// How many articles are read between two visits to the build store.
const READ_SLICE: usize = 4096;

/// How a build came by its articles.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// Articles extracted afresh rather than with an extraction from the build store.
    pub afresh: usize,
    /// Articles read, parsed and merged from their files.
    pub read: usize,
    /// Articles taken whole from the build store, their files unchanged.
    pub taken: usize,
}

/// What shapes the story a build makes of an article file besides the file itself: the code,
/// the registry and `site.toml` (`context`), the configuration as the command line leaves it
/// (`--base-url`, `--local`) and the site folder as given (the paths diagnostics name).
fn reading_settings(context: &crate::store::Hash, config: &SiteConfig, root: &Path) -> crate::store::Hash {
    let mut h = blake3::Hasher::new();
    h.update(context);
    h.update(format!("{:?}", (config, root)).as_bytes());
    *h.finalize().as_bytes()
}

/// The site's articles, listed (only the list of files for now: each slice of it is read when
/// it is processed), with the problems listing them met, and what `store`, when given, kept of
/// them under `settings`. The folder is walked on another thread while this one reads the
/// store (a connection to the store is used by one thread at a time): each takes a fifth of
/// a second at 100,000 articles.
fn list_and_keep(
    root: &Path,
    store: Option<&Store>,
    settings: &crate::store::Hash,
) -> (load::Listing, Vec<Diagnostic>, Option<FxHashMap<String, KeptStory>>) {
    let mut listed = None;
    let kept = rayon::in_place_scope(|scope| {
        scope.spawn(|_| listed = Some(load::list(root)));
        store.map(|s| s.kept_stories(settings))
    });
    // The scope returns once the walk is done.
    let (listing, errors) = listed.unwrap_or_else(|| load::list(root));
    (listing, errors, kept)
}

/// Which articles of the listing a build reads from their files, and which it takes from the
/// build store: path under `content/` → what to take.
struct Plan {
    /// Positions in the listing, in order.
    read: Vec<usize>,
    take: FxHashMap<String, Take>,
}

/// An article the build store holds as it is on disk.
struct Take {
    /// Its position in the listing.
    at: usize,
    /// For a file whose time changed but whose content did not: its row saved again with the
    /// new fingerprint, and its story given the file's new time.
    refreshed: Option<Refreshed>,
}

struct Refreshed {
    fingerprint: crate::store::stories::Fingerprint,
    trusted: bool,
    modified: Option<jiff::Timestamp>,
}

/// The article's file and sidecar as the scan found them; `None` when it did not find them.
fn fingerprint_now(scan: &unchanged::Scan, files: load::Listed<'_>) -> Option<crate::store::stories::Fingerprint> {
    Some(crate::store::stories::Fingerprint {
        file: scan.stat_of(files.file)?,
        sidecar: match files.sidecar {
            Some(p) => Some(scan.stat_of(p)?),
            None => None,
        },
    })
}

/// Decides which articles come from the build store, given what it `kept`: those whose file
/// and sidecar have the size and (trusted) time the store recorded, and those whose time
/// changed but whose content, read and hashed, is what the store's story was made from —
/// unless the story is dated by its file's time. Bundles (pictures beside the article) are
/// always read.
fn plan_reading(
    kept: &FxHashMap<String, KeptStory>,
    scan: &unchanged::Scan,
    listing: &load::Listing,
    context: &crate::store::Hash,
) -> Plan {
    let mut plan = Plan {
        read: Vec::new(),
        take: FxHashMap::with_capacity_and_hasher(kept.len(), Default::default()),
    };
    let mut compare = Vec::new();
    for i in 0..listing.len() {
        let files = listing.files_of(i);
        let rel = files.rel.to_string_lossy();
        let (Some(k), Some(now), false) = (kept.get(rel.as_ref()), fingerprint_now(scan, files), files.bundle) else {
            plan.read.push(i);
            continue;
        };
        let was = &k.fingerprint;
        if k.trusted && *was == now {
            plan.take.insert(rel.into_owned(), Take { at: i, refreshed: None });
        } else if !k.dated_by_file
            && was.file.size == now.file.size
            && was.sidecar.map(|s| s.size) == now.sidecar.map(|s| s.size)
        {
            compare.push((i, k.key, now));
        } else {
            plan.read.push(i);
        }
    }
    for slice in compare.chunks(READ_SLICE) {
        let positions: Vec<usize> = slice.iter().map(|(i, _, _)| *i).collect();
        for ((i, key, now), loaded) in slice.iter().zip(listing.read_some(&positions)) {
            let same = loaded.ok().filter(|(source, _)| {
                let rel = source.rel.to_string_lossy();
                let sidecar = source.sidecar.as_ref().map(|c| c.text.as_str());
                crate::store::extraction_key(context, &rel, &source.text, sidecar) == *key
            });
            match same {
                Some((source, _)) => {
                    let trusted = scan.trusts(&now.file) && now.sidecar.is_none_or(|s| scan.trusts(&s));
                    let refreshed = Refreshed {
                        fingerprint: *now,
                        trusted,
                        modified: source.modified,
                    };
                    plan.take.insert(
                        source.rel.to_string_lossy().into_owned(),
                        Take {
                            at: *i,
                            refreshed: Some(refreshed),
                        },
                    );
                }
                None => plan.read.push(*i),
            }
        }
    }
    plan.read.sort_unstable();
    plan
}

/// The stories taken from the build store, with their warnings and the rows to save again.
#[derive(Default)]
struct Taken {
    stories: Vec<(usize, Story)>,
    warnings: Vec<Diagnostic>,
    refreshed: Vec<crate::store::stories::StoryRow>,
}

/// Takes the stories `plan` picks from the store in one pass over its table, `slice` rows at a
/// time, their texts left there; an article whose row does not read back joins those to read.
fn take_from_store(
    store: &Store,
    plan: &mut Plan,
    settings: &crate::store::Hash,
    progress: &Progress,
    slice: usize,
) -> Taken {
    let take = &plan.take;
    // A slice of records is decoded on other threads while this one reads the next from the
    // store (a connection to the store is used by one thread at a time): reading the rows and
    // decoding them each took about half the time of taking an archive, one after the other.
    let (sender, slices) = std::sync::mpsc::sync_channel::<Vec<crate::store::stories::StoredStory>>(1);
    // Made here, not on the thread that fills it: memory a finished thread allocated is given
    // back to the system only late.
    let mut taken = Taken {
        stories: Vec::with_capacity(take.len()),
        ..Taken::default()
    };
    let (read, taken) = std::thread::scope(|scope| {
        let taker = scope.spawn(move || {
            for slice in slices {
                take_slice(&mut taken, slice, take, progress);
            }
            taken
        });
        let read = store.stored_stories(settings, &|path| take.contains_key(path), slice, &mut |rows| {
            // Refused only when the other thread is gone, which the join below reports.
            let _ = sender.send(rows);
        });
        drop(sender);
        (read, taker.join())
    });
    let taken = match (read, taken) {
        (Ok(()), Ok(taken)) => taken,
        _ => Taken::default(),
    };
    // Whatever the store could not give back is read.
    let got: FxHashSet<usize> = taken.stories.iter().map(|(i, _)| *i).collect();
    plan.read
        .extend(plan.take.values().map(|t| t.at).filter(|i| !got.contains(i)));
    plan.read.sort_unstable();
    taken
}

/// Decodes a slice of the store's rows, on every core, and adds the stories `take` asks for
/// to `taken`, their texts left in the store.
fn take_slice(
    taken: &mut Taken,
    slice: Vec<crate::store::stories::StoredStory>,
    take: &FxHashMap<String, Take>,
    progress: &Progress,
) {
    let decoded: Vec<_> = slice
        .into_par_iter()
        .map(|s| {
            let story = crate::texts::decode_record(&s.record).ok();
            let warnings = serde_json::from_str::<Vec<Diagnostic>>(&s.warnings).ok();
            (s, story.zip(warnings))
        })
        .collect();
    for (mut s, decoded) in decoded {
        let (Some((mut story, warnings)), Some(t)) = (decoded, take.get(&s.path)) else {
            continue;
        };
        let terms = std::mem::take(&mut s.terms);
        let (number, len) = s.text;
        story.text = Some(crate::model::TextRef {
            offset: number,
            len,
            kept: true,
        });
        if let Some(r) = &t.refreshed {
            story.article.modified = r.modified;
            let record = crate::texts::encode_record(&story);
            story.recorded = record.as_ref().map(|r| *blake3::hash(r).as_bytes());
            if let (Some(record), Some(key)) = (record, story.source) {
                taken.refreshed.push(crate::store::stories::StoryRow {
                    path: s.path.clone(),
                    kept: crate::store::stories::KeptStory {
                        fingerprint: r.fingerprint,
                        trusted: r.trusted,
                        key,
                        dated_by_file: false,
                    },
                    warnings: s.warnings,
                    record,
                    terms: terms.clone(),
                    text: None,
                });
            }
        }
        story.gleaned = (!terms.is_empty()).then(|| terms.into_boxed_slice());
        progress.inc();
        taken.warnings.extend(warnings);
        taken.stories.push((t.at, story));
    }
}

/// The build store's row for a story just read from its file, once its text is put away:
/// `None` for a story the store does not keep (see [`crate::texts::encode_record`]) or whose
/// files the scan did not see.
fn story_row(
    story: &Story,
    rel: &str,
    files: load::Listed<'_>,
    scan: &unchanged::Scan,
    texts: &TextFile,
    warnings: &[&Diagnostic],
) -> Option<crate::store::stories::StoryRow> {
    if files.bundle {
        return None;
    }
    let fingerprint = fingerprint_now(scan, files)?;
    let record = crate::texts::encode_record(story)?;
    let text = texts.entry(story.text?).ok()?;
    let trusted = scan.trusts(&fingerprint.file) && fingerprint.sidecar.is_none_or(|s| scan.trusts(&s));
    // Dated by the file's time, as `index::story` dates an article with no other date.
    let dated_by_file = story.article.front.date.is_none()
        && story.meta.date.value.is_none()
        && index::path_date(&story.article.rel.to_string_lossy()).is_none();
    Some(crate::store::stories::StoryRow {
        path: rel.to_string(),
        kept: crate::store::stories::KeptStory {
            fingerprint,
            trusted,
            key: story.source?,
            dated_by_file,
        },
        warnings: serde_json::to_string(warnings).ok()?,
        record,
        terms: story.gleaned.as_deref().map(<[u8]>::to_vec).unwrap_or_default(),
        text: Some(text),
    })
}

/// A fresh extraction for the build store: its bytes, or where the text file has them.
enum Fresh {
    Bytes(Vec<u8>),
    Spilled(crate::model::TextRef),
}

/// Records this build's fresh extractions in the store (`fresh` indexes into `keys`) and
/// forgets those of articles that are gone, a slice at a time so that the extractions of a
/// whole archive are never in memory at once.
fn save_extractions(
    store: &mut Store,
    keys: &[(String, crate::store::Hash)],
    fresh: Vec<(usize, Fresh)>,
    texts: Option<&Arc<TextFile>>,
) -> Result<(), String> {
    let keep: FxHashSet<&str> = keys.iter().map(|(rel, _)| rel.as_str()).collect();
    store
        .forget_stories(&|path| keep.contains(path))
        .map_err(|e| e.to_string())?;
    store
        .forget_extractions(&|path| keep.contains(path))
        .map_err(|e| e.to_string())?;
    let mut fresh = fresh.into_iter().peekable();
    loop {
        let mut slice = Vec::new();
        for (i, json) in fresh.by_ref().take(READ_SLICE) {
            let bytes = match json {
                Fresh::Bytes(b) => b,
                Fresh::Spilled(at) => match texts {
                    Some(t) => t.extraction_bytes(at).map_err(|e| e.source.to_string())?,
                    None => continue,
                },
            };
            let (rel, key) = &keys[i];
            slice.push((rel.clone(), *key, bytes));
        }
        store.save_extractions(&slice).map_err(|e| e.to_string())?;
        if fresh.peek().is_none() {
            return Ok(());
        }
    }
}

/// One article made ready for the archive, or every error that stopped it.
type Prepared = Result<(Story, Option<Diagnostic>), Vec<Diagnostic>>;

/// [`prepare`] with the extraction a build store kept for this very input, if any. Also returns
/// a fresh extraction as JSON, for the store.
fn prepare_with(
    source: crate::model::Source,
    registry: &Registry,
    config: &SiteConfig,
    stored: Option<Extraction>,
) -> (Prepared, Option<Vec<u8>>) {
    let mut article = match parse::parse(source, config) {
        Ok(a) => a,
        Err(ds) => return (Err(ds), None),
    };
    let unanchored = crate::annotate::anchor_all(&mut article);
    if !unanchored.is_empty() {
        return (Err(unanchored), None);
    }
    let cx = extract::Context {
        registry,
        reference: reference_date(&article),
        filed: index::path_date(&article.rel.to_string_lossy()),
    };
    let (extraction, fresh) = match stored {
        Some(e) => (e, None),
        None => {
            let e = extract::extract(&article.document(), &cx);
            let bytes = crate::store::record::encode(&e);
            (e, bytes)
        }
    };
    (Ok(finish(article, extraction, &cx, config)), fresh)
}

/// Extracts, merges and dates one parsed article.
pub fn process(article: Article, registry: &Registry, config: &SiteConfig) -> (Story, Option<Diagnostic>) {
    let cx = extract::Context {
        registry,
        reference: reference_date(&article),
        filed: index::path_date(&article.rel.to_string_lossy()),
    };
    let extraction = extract::extract(&article.document(), &cx);
    finish(article, extraction, &cx, config)
}

/// Merges the extraction with what the article says of itself, and dates it.
fn finish(
    article: Article,
    extraction: Extraction,
    cx: &extract::Context<'_>,
    config: &SiteConfig,
) -> (Story, Option<Diagnostic>) {
    let meta = merge::merge(&article, &extraction, cx);
    let highlighted_code = article.format == crate::model::SourceFormat::Markdown
        && parse::names_a_code_language(&article.body, &config.markdown);
    let (mut story, warning) = index::story(article, extraction, meta, config);
    story.highlighted_code = highlighted_code;
    (story, warning)
}

/// The date relative dates in the text resolve against: the front matter's, else the path's.
fn reference_date(article: &Article) -> Option<jiff::civil::Date> {
    article
        .front
        .date
        .map(|p| p.date)
        .or_else(|| index::path_date(&article.rel.to_string_lossy()))
}

fn read_registry(root: &Path, config: &SiteConfig) -> Result<Registry, Diagnostic> {
    let file = root.join(&config.extract.registry);
    if !file.is_file() {
        return Ok(Registry::default());
    }
    let text = load::read_text(&file, &config.extract.registry)?;
    parse::registry(&text, &config.extract.registry)
}

/// `dateline extract`: the extraction report of each file, outside any site.
///
/// With `explain`, each report also lists the rule that found every extracted value. The
/// warnings a build would give the files (control characters normalised, say) come with the
/// reports, or among the errors when there are any.
pub fn extract_files(
    files: &[PathBuf],
    registry: Option<&Path>,
    explain: bool,
) -> Result<(Vec<ExtractionReport>, Diagnostics), BuildError> {
    // Inside a site, its site.toml and registry apply (a broken one is reported, not ignored);
    // elsewhere the defaults do.
    let config = if Path::new(crate::config::CONFIG_FILE).is_file() {
        SiteConfig::load(Path::new("."))?
    } else {
        SiteConfig::default()
    };
    let registry = match registry {
        Some(p) => {
            let text = load::read_text(p, p)?;
            parse::registry(&text, p)?
        }
        None => read_registry(Path::new("."), &config)?,
    };
    let mut reports = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for file in files {
        let source = match load::load_file(file) {
            Ok((s, warnings)) => {
                diagnostics.extend(warnings);
                s
            }
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        match parse::parse(source, &config) {
            Ok(article) => {
                let explanations = if explain {
                    let cx = extract::Context {
                        registry: &registry,
                        reference: reference_date(&article),
                        filed: index::path_date(&article.rel.to_string_lossy()),
                    };
                    extract::extract_explained(&article.document(), &cx).explanations
                } else {
                    Vec::new()
                };
                let (story, _) = process(article, &registry, &config);
                let mut report = ExtractionReport::new(&file.to_string_lossy(), story.article.format, &story.meta);
                report.explain = explanations;
                reports.push(report);
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics));
    }
    Ok((reports, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options that read the sample site, and the site read whole.
    fn sample_site() -> (BuildOptions, Site) {
        let options = BuildOptions {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            ..BuildOptions::default()
        };
        let whole = read_site(&options).expect("the sample site reads");
        (options, whole)
    }

    /// A build keeps every story's record in memory but its text on disk, and what it renders
    /// from there — pages, feeds, the search index, `archive.sqlite` — is byte for byte what
    /// it renders from stories held whole.
    #[test]
    fn a_build_holds_records_only_and_renders_the_same() {
        let (options, whole) = sample_site();
        let texts = Arc::new(TextFile::create(&std::env::temp_dir()).expect("a temporary file"));
        let (mut lean, _) = read_site_with(&options, &Progress::hidden(), None, Some(&texts), None).expect("reads");
        put_away_details(&mut lean.archive, &texts).expect("puts the details away");
        lean.clock = whole.clock;
        // The sample site has what is put away: quotes, pictures with credits (photographers'
        // pages), front matter with pictures and corrections.
        let stories = &whole.archive.stories;
        assert!(stories.iter().any(|s| !s.article.blocks.is_empty()));
        assert!(
            stories
                .iter()
                .any(|s| s.meta.quotes.iter().any(|q| q.speaker.is_some()))
        );
        assert!(stories.iter().any(|s| s.lead_figure().is_some()));
        assert!(
            stories
                .iter()
                .any(|s| s.meta.figures.value.iter().any(|f| f.credit.is_some()))
        );
        assert!(stories.iter().any(|s| !s.article.front.corrections.is_empty()));
        assert!(stories.iter().any(|s| !s.article.front.figures.is_empty()));
        for s in &lean.archive.stories {
            assert!(s.text.is_some(), "{} kept its text", s.article.rel.display());
            assert!(s.article.body.is_empty() && s.article.blocks.is_empty() && s.extraction.roles.is_empty());
            // Quotes and the front matter lists do not read went with the text; names and
            // figures followed once the indexes were made.
            assert!(s.details.is_some(), "{} kept its details", s.article.rel.display());
            assert!(s.meta.entities.is_empty() && s.meta.quotes.is_empty() && s.meta.figures.value.is_empty());
            let front = &s.article.front;
            assert!(front.title.is_none() && front.summary.is_none() && front.byline.is_empty());
            assert!(front.figures.is_empty() && front.corrections.is_empty());
        }
        let expected = render_in_memory(&whole).expect("renders");
        let got = render_in_memory(&lean).expect("renders");
        assert!(expected.iter().any(|f| f.path == "archive.sqlite"));
        assert_eq!(
            got.iter().map(|f| &f.path).collect::<Vec<_>>(),
            expected.iter().map(|f| &f.path).collect::<Vec<_>>()
        );
        for (g, e) in got.iter().zip(&expected) {
            let same = match (&g.content, &e.content) {
                (write::Content::Bytes(a), write::Content::Bytes(b)) => a == b,
                (write::Content::Copy(a), write::Content::Copy(b)) => a == b,
                _ => false,
            };
            assert!(same, "{} differs", g.path);
        }
    }

    /// The preview server holds records too, but keeps their names: it re-indexes after an edit.
    #[test]
    fn the_preview_holds_records_with_their_names() {
        let (options, whole) = sample_site();
        let mut preview = read_site_for_preview(&options).expect("reads");
        preview.clock = whole.clock;
        assert!(
            preview
                .archive
                .stories
                .iter()
                .all(|s| s.text.is_some() && s.article.body.is_empty())
        );
        assert!(preview.archive.stories.iter().any(|s| !s.meta.entities.is_empty()));
        assert_eq!(
            render::highlights_code(&preview.archive),
            render::highlights_code(&whole.archive)
        );
        let expected = render_in_memory(&whole).expect("renders");
        let got = render_in_memory(&preview).expect("renders");
        assert_eq!(got, expected);
    }

    /// Stories taken from the build store a few rows at a time, each slice decoded while the
    /// next is read, are those taken in one slice, each in its place in the listing.
    #[test]
    fn stories_taken_in_slices_are_those_taken_at_once() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content")).expect("a content folder");
        for n in 0..7 {
            let text = format!(
                "+++\ntitle = \"Ferry notice {n}\"\ndate = 2021-03-{:02}\n+++\nThe ferry ran late.\n",
                n + 1
            );
            std::fs::write(root.join(format!("content/notice-{n}.md")), text).expect("an article");
        }
        let options = BuildOptions {
            root: root.clone(),
            output: Some(root.join("public")),
            quiet: true,
            ..BuildOptions::default()
        };
        build(&options).expect("builds");
        let store = Store::open(&root, false).expect("the build store");
        let before = Before::scan(&options).expect("the inputs");
        let config = SiteConfig::load(&root).expect("the configuration");
        let context = extraction_context(&root, &config);
        let settings = reading_settings(&context, &config, &root);
        let (listing, _, kept) = list_and_keep(&root, Some(&store), &settings);
        let kept = kept.expect("what the store kept");
        let take = |slice: usize| {
            let mut plan = plan_reading(&kept, &before.scan, &listing, &context);
            let taken = take_from_store(&store, &mut plan, &settings, &Progress::hidden(), slice);
            let mut stories: Vec<(usize, String, Option<crate::store::Hash>)> = taken
                .stories
                .iter()
                .map(|(i, s)| (*i, s.url.clone(), s.recorded))
                .collect();
            stories.sort();
            (plan.read, stories)
        };
        let whole = take(READ_SLICE);
        assert!(whole.0.is_empty(), "every article is taken");
        assert_eq!(whole.1.len(), 7);
        for slice in [1, 2, 3] {
            assert_eq!(take(slice), whole, "in slices of {slice}");
        }
    }

    #[test]
    fn the_pages_leave_a_core_to_an_update_of_archive_sqlite_only() {
        assert!(beside_the_export(false).is_none(), "made whole, it shares every core");
        let cores = rayon::current_num_threads();
        match beside_the_export(true) {
            Some(pool) => {
                assert_eq!(pool.current_num_threads(), cores - 1);
                assert_eq!(within(Some(&pool), rayon::current_num_threads), cores - 1);
            }
            None => assert!(cores < 2, "{cores} cores and no pool"),
        }
        assert_eq!(within(None, rayon::current_num_threads), cores);
    }

    #[test]
    fn source_date_epoch_sets_the_clock() {
        assert_eq!(
            build_clock(Some("1749600000")).ok(),
            Some(jiff::Timestamp::from_second(1_749_600_000).expect("in range"))
        );
        for bad in ["", "yesterday", "1.5", "99999999999999999999"] {
            let err = build_clock(Some(bad)).expect_err(bad);
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains("SOURCE_DATE_EPOCH"), "{err}");
        }
        assert!(build_clock(None).is_ok());
    }
}
