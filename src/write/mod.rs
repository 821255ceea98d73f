//! Write: the only stage that touches the output folder.
//!
//! Files are written into a staging folder beside the output and swapped in at the end, so a
//! failed build leaves the previous archive untouched, and an interrupted one leaves it
//! untouched or, if it was killed while swapping in, a journal that the next build completes
//! before anything else, which yields exactly the new archive. The output carries a
//! marker file; a folder without it is not ours and is never replaced unless the user insists
//! with `--force` — and the site itself, its content or a home folder are never replaced at all.
//!
//! When the build store knows what the previous archive holds (the hash of every file, saved by
//! the build that wrote it), only files whose hash differs are written into the staging folder;
//! unchanged ones are neither written nor linked. If the new and removed files are a small share
//! of the archive, they are swapped in one by one through a journal ([`journal`]), which a build
//! killed part-way leaves for the next one to complete; otherwise the staging folder is filled
//! with hard links to the kept files (one directory entry per file, no bytes copied, the previous
//! archive's bytes never written through) and exchanged whole, as after a build from nothing.
//! Without a trustworthy record (no store, `--clean`, `--force`, a build that did not finish,
//! another output folder), every file is written and compared with the previous archive's on
//! disk.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

mod journal;
pub mod lock;

pub use lock::{BuildLock, LockError};

/// The file that marks a folder as dateline's output.
pub const MARKER: &str = ".dateline-output";

const MARKER_TEXT: &str =
    "This folder is written by `dateline build` and replaced on every build.\nDo not keep anything else here.\n";

/// One file of the built archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, never absolute, never with `..`.
    pub path: String,
    pub content: Content,
}

/// What goes into an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Copy this file (a bundle image, a static asset).
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
        }
    }
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} exists and was not created by dateline (it has no {MARKER} file), so it will not be replaced.\n  = help: choose another output folder with --output, empty it, or pass --force if you really want it replaced"
    )]
    NotOurs(PathBuf),
    #[error(
        "refusing to use {path} as the output folder: {why}\n  = help: set output_dir in site.toml (or --output) to a folder of its own, such as \"public\""
    )]
    Dangerous { path: PathBuf, why: String },
    #[error("{path} is a file, not a folder\n  = help: choose another output folder with --output")]
    NotAFolder { path: PathBuf },
    #[error("an output path escapes the output folder: {0}")]
    Escape(String),
    #[error("{0}")]
    Locked(#[from] LockError),
    #[error(
        "a build was interrupted while swapping in its archive, and its journal {path} could not be completed: {why}\n  = help: fix the cause (permissions, free disk space) and run again; if the journal itself is damaged, delete it and run `dateline build --clean` to write the whole archive again"
    )]
    Journal { path: PathBuf, why: String },
    #[error(
        "cannot write {path}: {source}\n  = help: check free disk space and permissions; the previous output was left as it was"
    )]
    Io { path: PathBuf, source: std::io::Error },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a build did to the output, file by file, compared with the archive it replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Every file of the new archive.
    pub written: usize,
    /// Files the previous archive did not have.
    pub new: usize,
    /// Files whose bytes differ from the previous archive's.
    pub changed: usize,
    /// Files whose bytes are the previous archive's.
    pub unchanged: usize,
    /// Files of the previous archive that the new one no longer has.
    pub removed: usize,
    /// Whether the new and changed files were moved into the output one by one through a
    /// journal, rather than the whole folder exchanged.
    pub journaled: bool,
}

/// Counts kept by the writer threads while they write.
#[derive(Debug, Default)]
struct Tally {
    new: AtomicUsize,
    changed: AtomicUsize,
    unchanged: AtomicUsize,
}

/// A content hash of an output file's bytes.
pub type Hash = [u8; 32];

/// Every file of an archive with the hash of its bytes, sorted by path: what the build store
/// recorded of the previous archive. A sorted list rather than a map, since it is held for a
/// whole build and an archive of a million articles has some four million files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    files: Vec<(String, Hash)>,
}

impl Known {
    pub fn new(mut files: Vec<(String, Hash)>) -> Known {
        if !files.is_sorted_by(|a, b| a.0 < b.0) {
            files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            files.dedup_by(|a, b| a.0 == b.0);
        }
        Known { files }
    }

    /// The file at `path`: its place in the list and its hash.
    fn find(&self, path: &str) -> Option<(usize, &Hash)> {
        let i = self.files.binary_search_by(|(p, _)| p.as_str().cmp(path)).ok()?;
        Some((i, &self.files[i].1))
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(p, _)| p.as_str())
    }

    fn len(&self) -> usize {
        self.files.len()
    }
}

/// What a committed archive holds, for the build store to record: after a build from nothing,
/// every file with its hash; after a build over an archive the store knew, only what differs
/// from it, so that recording a one-article change costs a few rows, not one per file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRecord {
    Whole(Vec<(String, Hash)>),
    Changes {
        /// New files and files whose bytes changed.
        put: Vec<(String, Hash)>,
        /// Files of the previous archive the new one does not have.
        removed: Vec<String>,
    },
}

/// Writes `files` as the new content of `output`, atomically replacing what was there.
pub fn write(output: &Path, site_root: &Path, files: Vec<OutputFile>, force: bool) -> Result<WriteSummary, WriteError> {
    let staging = Staging::begin(output, site_root, force, Cleanup::Now)?;
    staging.put(files)?;
    staging.commit()
}

/// A build's output while it is being written: files stream in from the renderer (so the whole
/// archive never has to sit in memory) and are written by a pool of I/O threads into a staging
/// folder, which replaces the output only on `commit`. Dropped without a commit, it leaves no
/// trace and the previous output untouched.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    sender: Option<std::sync::mpsc::SyncSender<OutputFile>>,
    writers: Vec<std::thread::JoinHandle<Result<(), WriteError>>>,
    committed: bool,
    /// Set once a journal names the staging folder: it then belongs to the journal, which the
    /// next holder of the lock completes, and must outlive a failed commit.
    journaled: bool,
    cleanup: Cleanup,
    /// The archive being replaced, which every file written is compared with.
    previous: Option<PathBuf>,
    /// What the previous archive holds, when the build store knows: the staging folder then
    /// receives only the files that are new or changed.
    known: Option<std::sync::Arc<Known>>,
    /// What became of each of `known`'s files (one of the `FATE_` values).
    fate: std::sync::Arc<Vec<std::sync::atomic::AtomicU8>>,
    /// Every file put so far with its hash, or, over a known archive, those that are new or
    /// changed (exactly the files in the staging folder).
    produced: std::sync::Arc<std::sync::Mutex<Vec<(String, Hash)>>>,
    tally: std::sync::Arc<Tally>,
    /// Held from `begin` until the staging folder is swapped in or removed: no other build
    /// touches this output, or its staging and old folders, meanwhile.
    _lock: BuildLock,
}

/// A known file this build did not make: the new archive no longer has it.
const FATE_GONE: u8 = 0;
/// A known file made again with the same bytes, or kept unrendered: it stays as it is.
const FATE_KEPT: u8 = 1;
/// A known file made again with other bytes: the staging folder holds its new bytes.
const FATE_STAGED: u8 = 2;

/// Over a known archive, the share of its files (one in this many) a build may move in and
/// remove one by one through a journal; past it the whole folder is exchanged. A journal costs
/// a rename per changed file; the exchange a hard link per kept file and a folder per page (some
/// 190,000 at 100,000 articles). Measured at 20,000 articles on a RAM disk, an added article
/// (11,870 of 86,566 files changed) swapped in through the journal in 0.17–0.23 s and whole in
/// 0.65–0.74 s, so the journal is the cheaper up to about half the archive. But while a journal
/// is applied the output is part old, part new, and a build killed then leaves it so until the
/// next one completes it: past a quarter of the archive (a template edit, a new setting) the
/// atomic exchange is worth what it costs more.
const JOURNAL_SHARE: usize = 4;

/// A hidden hook for the incremental tests, whose small sites change a large share of their
/// files with every edit: `DATELINE_TEST_SWAP=journal` or `whole` overrides [`JOURNAL_SHARE`],
/// so that both ways are shown to give a clean build's archive.
const SWAP_HOOK: &str = "DATELINE_TEST_SWAP";

/// How many threads write files: output is bound by file-system latency, not by the CPU.
const WRITERS: usize = 12;

impl Staging {
    /// Checks that the output may be replaced and opens a fresh staging folder beside it.
    pub fn begin(output: &Path, site_root: &Path, force: bool, cleanup: Cleanup) -> Result<Staging, WriteError> {
        Self::begin_with(output, site_root, force, cleanup, None)
    }

    /// [`Staging::begin`], given what the previous archive holds (`known`, from the build
    /// store): unchanged files are then neither written nor copied.
    pub fn begin_with(
        output: &Path,
        site_root: &Path,
        force: bool,
        cleanup: Cleanup,
        known: Option<Known>,
    ) -> Result<Staging, WriteError> {
        check_output(output, site_root, force)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let lock = lock_output(output)?;
        clean_stale(&parent, &name, &cleanup);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            remove_tree(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        // The marker goes in first, so an interrupted build's leftovers are recognisably ours.
        let marker = dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(io(&marker))?;
        // `--force` replaces whatever is there: it starts from nothing.
        let known = known
            .filter(|_| !force && output.join(MARKER).is_file())
            .map(std::sync::Arc::new);
        let produced = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let fate: std::sync::Arc<Vec<std::sync::atomic::AtomicU8>> = std::sync::Arc::new(
            (0..known.as_ref().map_or(0, |k| k.len()))
                .map(|_| std::sync::atomic::AtomicU8::new(FATE_GONE))
                .collect(),
        );
        let (sender, receiver) = std::sync::mpsc::sync_channel::<OutputFile>(256);
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        let made = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::<PathBuf>::new()));
        let previous = output.is_dir().then(|| output.to_path_buf());
        let tally = std::sync::Arc::new(Tally::default());
        let writers = (0..WRITERS)
            .map(|_| {
                let receiver = std::sync::Arc::clone(&receiver);
                let made = std::sync::Arc::clone(&made);
                let tally = std::sync::Arc::clone(&tally);
                let produced = std::sync::Arc::clone(&produced);
                let fate = std::sync::Arc::clone(&fate);
                let known = known.clone();
                let dir = dir.clone();
                let previous = previous.clone();
                std::thread::spawn(move || -> Result<(), WriteError> {
                    loop {
                        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(file) = next else { return Ok(()) };
                        let hash = hash_of(&file)?;
                        let comparison = tell(known.as_deref(), &fate, &tally, previous.as_deref(), &file, &hash);
                        // Over a known archive an unchanged file stays where it is, and is
                        // already on record.
                        if known.is_none() || !matches!(comparison, Comparison::Same) {
                            write_one(&dir, &file, &made)?;
                            produced
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push((file.path, hash));
                        }
                    }
                })
            })
            .collect();
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            name,
            dir,
            sender: Some(sender),
            writers,
            committed: false,
            journaled: false,
            cleanup,
            previous,
            known,
            fate,
            produced,
            tally,
            _lock: lock,
        })
    }

    /// Queues files for writing. Safe to call from many threads.
    pub fn put(&self, files: Vec<OutputFile>) -> Result<(), WriteError> {
        let Some(sender) = &self.sender else { return Ok(()) };
        for f in files {
            check_relative(&f.path)?;
            if sender.send(f).is_err() {
                // A writer failed and stopped; `commit` reports why.
                return Ok(());
            }
        }
        Ok(())
    }

    /// A folder beside the staging folder, on the same file system, for a large file a build
    /// makes before it joins the archive (`archive.sqlite`): made there, it moves in with
    /// [`Staging::adopt`] instead of being copied. Removed with the staging folder; a killed
    /// build's is removed by the next, as its staging folder is.
    pub fn scratch(&self) -> std::io::Result<PathBuf> {
        let scratch = self.scratch_path();
        std::fs::create_dir_all(&scratch)?;
        // Marked as a staging folder is, so that the next build recognises a leftover as ours.
        std::fs::write(scratch.join(MARKER), MARKER_TEXT)?;
        Ok(scratch)
    }

    fn scratch_path(&self) -> PathBuf {
        self.parent
            .join(format!(".{}.staging-{}-scratch", self.name, std::process::id()))
    }

    /// Puts the file at `from` into the archive at `path`, as [`Staging::put`] would copy it, but
    /// moved rather than copied when it is new or changed: for a file made in
    /// [`Staging::scratch`], on the staging folder's file system. The caller gives up `from`.
    pub fn adopt(&self, path: &str, from: &Path) -> Result<(), WriteError> {
        check_relative(path)?;
        let file = OutputFile {
            path: path.to_string(),
            content: Content::Copy(from.to_path_buf()),
        };
        let hash = hash_own_file(from).map_err(io(from))?;
        let comparison = tell(
            self.known.as_deref(),
            &self.fate,
            &self.tally,
            self.previous.as_deref(),
            &file,
            &hash,
        );
        if self.known.is_some() && matches!(comparison, Comparison::Same) {
            return Ok(());
        }
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // Another file system (a scratch folder elsewhere) cannot rename: copy instead.
        if std::fs::rename(from, &target).is_err() {
            std::fs::copy(from, &target).map_err(io(from))?;
        }
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((file.path, hash));
        Ok(())
    }

    /// Whether the staging started from an archive the build store knows, whose files
    /// [`Staging::keep`] can keep.
    pub fn knows_previous(&self) -> bool {
        self.known.is_some()
    }

    /// Keeps the previous archive's files at `paths`, as they are, with their precompressed
    /// twins (`suffixes`), without reading or writing them: for a page whose inputs did not
    /// change. False, and nothing kept, when the staging does not start from a known archive or
    /// that archive lacks one of `paths`: the page must then be made again.
    pub fn keep<'p>(&self, paths: impl IntoIterator<Item = &'p str>, suffixes: &[&str]) -> bool {
        let Some(known) = &self.known else { return false };
        // Room for the few files of a page (an article's page, data and annotations) and their twins.
        let mut found = Vec::with_capacity(4 * (1 + suffixes.len()));
        for path in paths {
            let Some((i, _)) = known.find(path) else { return false };
            found.push(i);
            for suffix in suffixes {
                if let Some((i, _)) = known.find(&format!("{path}{suffix}")) {
                    found.push(i);
                }
            }
        }
        for i in found {
            // Kept once: a file kept twice is still one file of the archive.
            if self.fate[i].fetch_max(FATE_KEPT, Ordering::Relaxed) == FATE_GONE {
                self.tally.unchanged.fetch_add(1, Ordering::Relaxed);
            }
        }
        true
    }

    /// A handle other threads can queue files through.
    pub fn sender(&self) -> Option<std::sync::mpsc::SyncSender<OutputFile>> {
        self.sender.clone()
    }

    /// Waits for every file, then swaps the staging folder in as the output. Returns how the
    /// new archive differs from the one it replaced.
    pub fn commit(self) -> Result<WriteSummary, WriteError> {
        self.commit_with_hashes().map(|(summary, _)| summary)
    }

    /// [`Staging::commit`], also returning what the new archive holds (for the build store, so
    /// that the next build can compare without reading the files).
    pub fn commit_with_hashes(mut self) -> Result<(WriteSummary, OutputRecord), WriteError> {
        self.finish_writes()?;
        let mut produced = std::mem::take(&mut *self.produced.lock().unwrap_or_else(|e| e.into_inner()));
        // A path put twice keeps its last bytes, as the file on disk does.
        produced.reverse();
        produced.sort_by(|a, b| a.0.cmp(&b.0));
        produced.dedup_by(|a, b| a.0 == b.0);
        let (removed, record) = match (&self.known, &self.previous) {
            (Some(known), _) => {
                let fate_of = |want: u8| {
                    known
                        .paths()
                        .zip(self.fate.iter())
                        .filter(move |(_, f)| f.load(Ordering::Relaxed) == want)
                        .map(|(p, _)| p)
                };
                let gone: Vec<String> = fate_of(FATE_GONE).map(str::to_string).collect();
                let share = produced.len() + gone.len();
                let whole = match std::env::var(SWAP_HOOK).as_deref() {
                    Ok("journal") => false,
                    Ok("whole") => true,
                    _ => share * JOURNAL_SHARE > known.len(),
                };
                let exchanged = whole && link_kept(&self.output, &self.dir, fate_of(FATE_KEPT)).is_ok();
                if !exchanged {
                    let journal = journal::Journal {
                        staging: format!(".{}.staging-{}", self.name, std::process::id()),
                        moves: produced.iter().map(|(p, _)| p.clone()).collect(),
                        removes: gone.clone(),
                    };
                    self.journaled = true;
                    journal::write_and_apply(&self.parent, &self.name, &journal)?;
                    self.committed = true;
                }
                (
                    gone.len(),
                    OutputRecord::Changes {
                        put: produced,
                        removed: gone,
                    },
                )
            }
            (None, Some(previous)) => (removed_files(previous, &self.dir), OutputRecord::Whole(produced)),
            (None, None) => (0, OutputRecord::Whole(produced)),
        };
        if !self.committed {
            swap(&self.dir, &self.output, &self.parent, &self.name, &self.cleanup)?;
            self.committed = true;
        }
        let _ = remove_tree(&self.scratch_path());
        let count = |c: &AtomicUsize| c.load(Ordering::Relaxed);
        let (new, changed, unchanged) = (
            count(&self.tally.new),
            count(&self.tally.changed),
            count(&self.tally.unchanged),
        );
        let summary = WriteSummary {
            written: new + changed + unchanged,
            new,
            changed,
            unchanged,
            removed,
            journaled: self.journaled,
        };
        Ok((summary, record))
    }

    fn finish_writes(&mut self) -> Result<(), WriteError> {
        self.sender = None;
        let mut first = Ok(());
        for w in self.writers.drain(..) {
            let r = w
                .join()
                .unwrap_or_else(|_| Err(WriteError::Escape("a writer thread failed".into())));
            if first.is_ok() {
                first = r;
            }
        }
        first
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && !self.journaled {
            let _ = self.finish_writes();
            let _ = remove_tree(&self.dir);
        }
        let _ = remove_tree(&self.scratch_path());
    }
}

/// How `file`, whose bytes hash to `hash`, compares with the previous archive's file at the
/// same path: by the build store's record (`known`) when there is one, noting the file's fate
/// there, else on disk. Counted in `tally`.
fn tell(
    known: Option<&Known>,
    fate: &[std::sync::atomic::AtomicU8],
    tally: &Tally,
    previous: Option<&Path>,
    file: &OutputFile,
    hash: &Hash,
) -> Comparison {
    let comparison = match known {
        Some(known) => match known.find(&file.path) {
            None => Comparison::New,
            Some((i, h)) if h == hash => {
                fate[i].fetch_max(FATE_KEPT, Ordering::Relaxed);
                Comparison::Same
            }
            Some((i, _)) => {
                fate[i].store(FATE_STAGED, Ordering::Relaxed);
                Comparison::Changed
            }
        },
        None => compare(previous, file),
    };
    let counter = match comparison {
        Comparison::New => &tally.new,
        Comparison::Changed => &tally.changed,
        Comparison::Same => &tally.unchanged,
    };
    counter.fetch_add(1, Ordering::Relaxed);
    comparison
}

/// How a file compares with the previous archive's file at the same path.
#[derive(Clone, Copy)]
enum Comparison {
    New,
    Changed,
    Same,
}

/// Compares sizes first, so most changed files cost one `stat`; equal sizes are compared byte
/// for byte. A file that cannot be read counts as changed: it is rewritten either way.
fn compare(previous: Option<&Path>, file: &OutputFile) -> Comparison {
    let Some(old) = previous.map(|p| p.join(&file.path)) else {
        return Comparison::New;
    };
    let Ok(meta) = std::fs::metadata(&old) else {
        return Comparison::New;
    };
    if !meta.is_file() {
        return Comparison::Changed;
    }
    let same = match &file.content {
        Content::Bytes(b) => meta.len() == b.len() as u64 && std::fs::read(&old).is_ok_and(|o| o == *b),
        Content::Copy(from) => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len()) && same_bytes(from, &old).unwrap_or(false)
        }
    };
    if same { Comparison::Same } else { Comparison::Changed }
}

/// Whether two files hold the same bytes, read a block at a time: a copied file can be as
/// large as `archive.sqlite` (hundreds of megabytes at 100,000 articles), and twelve writers
/// each holding two whole copies would be most of a build's memory.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = read_full(&mut a, &mut x)?;
        let m = read_full(&mut b, &mut y)?;
        if x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Fills `buf` as far as the file goes; short only at its end.
fn read_full(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The hash of a file's bytes, as the build store keeps it.
fn hash_of(file: &OutputFile) -> Result<Hash, WriteError> {
    match &file.content {
        Content::Bytes(b) => Ok(*blake3::hash(b).as_bytes()),
        Content::Copy(from) => hash_file(from).map_err(io(from)),
    }
}

/// Past this size a copied file is hashed on every core, a few megabytes at a time: it is
/// `archive.sqlite` (some 650 MB at 100,000 articles), hashed at the end of the longest chain
/// of a rebuild after an edit, where one core took most of a second over it.
const HASH_ON_EVERY_CORE: u64 = 16 << 20;

/// How much of a large file is held at a time while it is hashed, read into a buffer or
/// mapped: a few megabytes, so that hashing adds no more than that to the build's memory.
const HASH_WINDOW: usize = 8 << 20;

/// The BLAKE3 hash of the file at `path`: the same whichever way its bytes are fed in.
fn hash_file(path: &Path) -> std::io::Result<Hash> {
    let mut file = std::fs::File::open(path)?;
    let mut h = blake3::Hasher::new();
    if file.metadata()?.len() < HASH_ON_EVERY_CORE {
        h.update_reader(file)?;
    } else {
        let mut buf = vec![0u8; HASH_WINDOW];
        loop {
            let n = read_full(&mut file, &mut buf)?;
            if n == 0 {
                break;
            }
            h.update_rayon(&buf[..n]);
        }
    }
    Ok(*h.finalize().as_bytes())
}

/// [`hash_file`] for a file the build made itself and nothing else writes ([`Staging::adopt`]'s):
/// a large one is hashed where it lies, a window at a time mapped into memory, not copied into
/// a buffer first. That copy was a third of the time spent hashing `archive.sqlite` after an
/// edit. Only the build's own file is mapped: one that another program shortened while it was
/// mapped would stop the build with a signal instead of an error.
fn hash_own_file(path: &Path) -> std::io::Result<Hash> {
    #[cfg(unix)]
    {
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len >= HASH_ON_EVERY_CORE {
            let mut h = blake3::Hasher::new();
            let mut at = 0;
            while at < len {
                let window = Mapped::of(&file, at, (len - at).min(HASH_WINDOW as u64) as usize)?;
                h.update_rayon(window.bytes());
                at += window.bytes().len() as u64;
            }
            return Ok(*h.finalize().as_bytes());
        }
    }
    hash_file(path)
}

/// A part of a file mapped read-only into memory, unmapped when dropped.
#[cfg(unix)]
struct Mapped {
    at: std::ptr::NonNull<libc::c_void>,
    len: usize,
}

#[cfg(unix)]
impl Mapped {
    /// `len` bytes of `file` from `offset` (a multiple of the page size), read in as they are
    /// mapped rather than page by page as they are first touched.
    fn of(file: &std::fs::File, offset: u64, len: usize) -> std::io::Result<Mapped> {
        use std::os::unix::io::AsRawFd;
        let offset = libc::off_t::try_from(offset).map_err(std::io::Error::other)?;
        #[cfg(target_os = "linux")]
        let flags = libc::MAP_PRIVATE | libc::MAP_POPULATE;
        #[cfg(not(target_os = "linux"))]
        let flags = libc::MAP_PRIVATE;
        // SAFETY: a fresh read-only mapping of an open file at an offset the caller keeps
        // aligned; nothing else refers to the address range it returns.
        let at = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                flags,
                file.as_raw_fd(),
                offset,
            )
        };
        if at == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let at = std::ptr::NonNull::new(at).ok_or_else(|| std::io::Error::other("mmap returned no address"))?;
        Ok(Mapped { at, len })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: `len` readable bytes are mapped at `at` until `self` is dropped; the file is
        // the build's own, which nothing shortens or writes meanwhile.
        unsafe { std::slice::from_raw_parts(self.at.as_ptr().cast::<u8>(), self.len) }
    }
}

#[cfg(unix)]
impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the range was mapped by `Mapped::of` and is no longer borrowed.
        unsafe {
            libc::munmap(self.at.as_ptr(), self.len);
        }
    }
}

/// Fills `staging` with hard links to the previous archive's files at `kept` (the files this
/// build keeps as they are), so that it holds the whole new archive and can be exchanged for the
/// output. Fails if one of them is missing or the file system cannot link.
fn link_kept<'a>(previous: &Path, staging: &Path, kept: impl Iterator<Item = &'a str>) -> std::io::Result<()> {
    let kept: Vec<&str> = kept.collect();
    let mut dirs: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    for path in &kept {
        check_relative(path).map_err(std::io::Error::other)?;
        if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            dirs.insert(parent.to_path_buf());
        }
    }
    // A folder a page (some 190,000 at 100,000 articles): made a level at a time, each level
    // on every thread, since a folder's parent must come first.
    let mut levels: Vec<Vec<&PathBuf>> = Vec::new();
    for d in &dirs {
        let depth = d.components().count();
        if levels.len() < depth {
            levels.resize_with(depth, Vec::new);
        }
        levels[depth - 1].push(d);
    }
    in_io_pool(|| {
        for level in &levels {
            level
                .par_iter()
                .try_for_each(|d| match std::fs::create_dir(staging.join(d)) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => std::fs::create_dir_all(staging.join(d)),
                    _ => Ok(()),
                })?;
        }
        kept.par_iter()
            .try_for_each(|p| std::fs::hard_link(previous.join(p), staging.join(p)))
    })
}

/// Files of the previous archive (its marker aside) that the staging folder does not have.
fn removed_files(previous: &Path, staging: &Path) -> usize {
    walkdir::WalkDir::new(previous)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(previous).ok().map(Path::to_path_buf))
        .filter(|rel| rel.as_os_str() != MARKER && std::fs::symlink_metadata(staging.join(rel)).is_err())
        .count()
}

fn write_one(
    dir: &Path,
    file: &OutputFile,
    made: &std::sync::Mutex<std::collections::HashSet<PathBuf>>,
) -> Result<(), WriteError> {
    let target = dir.join(&file.path);
    if let Some(parent) = target.parent() {
        let known = made.lock().unwrap_or_else(|e| e.into_inner()).contains(parent);
        if !known {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
            made.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(parent.to_path_buf());
        }
    }
    match &file.content {
        Content::Bytes(b) => std::fs::write(&target, b).map_err(io(&target)),
        Content::Copy(from) => std::fs::copy(from, &target).map(|_| ()).map_err(io(from)),
    }
}

/// Takes the lock of the output folder `output` (`.NAME.lock` beside it), waiting for another
/// build that holds it (see [`lock::wait_from_env`]).
pub fn lock_output(output: &Path) -> Result<BuildLock, WriteError> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let lock = BuildLock::acquire(
        &parent.join(format!(".{name}.lock")),
        &format!("the output folder {}", output.display()),
        lock::wait_from_env(),
    )?;
    // A build killed while swapping in its archive left a journal: finish its swap before
    // anyone reads or writes the output, so no one ever works from half of each archive.
    journal::complete(&parent, &name)?;
    Ok(lock)
}

/// Refuses outputs that would destroy something that is not ours.
pub fn check_output(output: &Path, site_root: &Path, force: bool) -> Result<(), WriteError> {
    let abs = absolute(output);
    let root = absolute(site_root);
    let dangerous = |why: &str| {
        Err(WriteError::Dangerous {
            path: output.to_path_buf(),
            why: why.into(),
        })
    };
    if abs.parent().is_none() {
        return dangerous("it is the root of the file system");
    }
    if root.starts_with(&abs) {
        return dangerous("it contains the site itself");
    }
    // Each folder of the site resolved through its own links too: `content/` is often a link
    // to the real articles folder, which `--force` must never replace either.
    let content = absolute(&root.join(crate::load::CONTENT_DIR));
    if abs.starts_with(&content) {
        return dangerous("it is inside content/, which holds the articles");
    }
    if content.starts_with(&abs) {
        return dangerous("it contains content/, which holds the articles");
    }
    for dir in ["templates", "static", "data"] {
        if abs.starts_with(absolute(&root.join(dir))) {
            return dangerous(&format!("it is inside {dir}/, which belongs to the site"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).starts_with(&abs)
    {
        return dangerous("it contains your home folder");
    }
    match std::fs::metadata(output) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(WriteError::NotAFolder {
            path: output.to_path_buf(),
        }),
        Ok(_) => {
            let ours = output.join(MARKER).is_file();
            let empty = std::fs::read_dir(output).map_err(io(output))?.next().is_none();
            if ours || empty || force {
                Ok(())
            } else {
                Err(WriteError::NotOurs(output.to_path_buf()))
            }
        }
    }
}

/// An absolute path with `.` and `..` resolved lexically, without touching the file system.
pub fn lexical_absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// An absolute, lexically normalised path (the output may not exist yet, so no canonicalize
/// of the full path; its existing ancestors are canonicalised to see through symlinks).
fn absolute(p: &Path) -> PathBuf {
    let out = lexical_absolute(p);
    // Resolve symlinks in the longest existing prefix.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent().map(Path::to_path_buf),
        ) {
            (Some(n), Some(parent)) => {
                rest.push(n);
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for n in rest.into_iter().rev() {
        resolved.push(n);
    }
    resolved
}

fn check_relative(path: &str) -> Result<(), WriteError> {
    let p = Path::new(path);
    let ok = !path.is_empty() && !path.contains('\\') && p.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(WriteError::Escape(path.to_string()))
    }
}

/// Writing and deleting thousands of small files is bound by file-system latency, not by the
/// CPU, so it runs on more threads than there are cores.
fn io_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(16)
        .thread_name(|i| format!("dateline-io-{i}"))
        .build()
        .ok()
}

fn in_io_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match io_pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Removes a folder tree, files and folders in parallel (deepest folders first). A marker at
/// its top goes last, so a removal that is interrupted leaves a folder still recognisably ours,
/// which the next build finishes removing.
pub fn remove_tree(root: &Path) -> std::io::Result<()> {
    if !root.exists() {
        return Ok(());
    }
    let marker = root.join(MARKER);
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else if entry.path() != marker {
            files.push(entry.into_path());
        }
    }
    in_io_pool(|| {
        files.par_iter().try_for_each(std::fs::remove_file)?;
        match std::fs::remove_file(&marker) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
        for level in dirs.chunk_by(|a, b| a.0 == b.0) {
            level.par_iter().try_for_each(|(_, d)| std::fs::remove_dir(d))?;
        }
        Ok(())
    })
}

/// Puts the staging folder in place of the output. The previous archive ends up in a trash
/// folder beside it, which `cleanup` removes.
fn swap(staging: &Path, output: &Path, parent: &Path, name: &str, cleanup: &Cleanup) -> Result<(), WriteError> {
    let trash = parent.join(format!(".{name}.old-{}", std::process::id()));
    if output.exists() && exchange(staging, output) {
        // The old archive now sits at the staging path.
        let _ = std::fs::rename(staging, &trash);
        cleanup.remove(&trash);
        return Ok(());
    }
    if output.exists() {
        std::fs::rename(output, &trash).map_err(io(output))?;
        if let Err(e) = std::fs::rename(staging, output) {
            // Put the previous archive back before reporting.
            let _ = std::fs::rename(&trash, output);
            return Err(WriteError::Io {
                path: output.to_path_buf(),
                source: e,
            });
        }
        cleanup.remove(&trash);
    } else {
        std::fs::rename(staging, output).map_err(io(output))?;
    }
    Ok(())
}

/// How the previous archive is removed once the new one is in place.
#[derive(Debug, Clone, Default)]
pub enum Cleanup {
    /// Before returning.
    #[default]
    Now,
    /// By a detached `EXE __remove-tree DIR` process, so the build does not wait on a file
    /// system that is slow to delete thousands of folders. If it is interrupted, the next build
    /// finishes the job.
    Detached(PathBuf),
}

impl Cleanup {
    fn remove(&self, dir: &Path) {
        match self {
            Cleanup::Now => {
                let _ = remove_tree(dir);
            }
            Cleanup::Detached(exe) => {
                let spawned = std::process::Command::new(exe)
                    .arg("__remove-tree")
                    .arg(dir)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn();
                if spawned.is_err() {
                    let _ = remove_tree(dir);
                }
            }
        }
    }
}

/// Removes a folder left by dateline: what `__remove-tree` runs. The folder is first renamed
/// to carry this process's id, which claims it: a build that starts meanwhile sees a live
/// owner and leaves it alone, and if another process claimed it first, the rename fails and
/// this one has nothing to do. Only a folder with the marker, or an old archive's folder by
/// its name, is removed.
pub fn remove_our_tree(dir: &Path) -> std::io::Result<()> {
    let claimed = claim(dir).ok_or_else(|| {
        std::io::Error::other(format!(
            "{} is not a folder left by a dateline build; not removing it",
            dir.display()
        ))
    })?;
    remove_tree(&claimed)
}

/// Renames a leftover folder `.NAME.old-…` or `.NAME.staging-…` to `.NAME.old-PID-N` with this
/// process's id; `None` when it is not one of ours or another process took it first.
fn claim(dir: &Path) -> Option<PathBuf> {
    let parent = dir.parent()?;
    let file_name = dir.file_name()?.to_string_lossy().into_owned();
    let (name, kind, _) = leftover_parts(&file_name)?;
    if kind == Leftover::Staging && !dir.join(MARKER).is_file() {
        return None;
    }
    static CLAIMS: AtomicUsize = AtomicUsize::new(0);
    let claimed = parent.join(format!(
        ".{name}.old-{}-{}",
        std::process::id(),
        CLAIMS.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::rename(dir, &claimed).ok().map(|_| claimed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leftover {
    Staging,
    Old,
}

/// Splits `.NAME.staging-PID` or `.NAME.old-PID[-N]` into the output's name, the kind and the
/// id of the process that owns it.
fn leftover_parts(file_name: &str) -> Option<(&str, Leftover, u32)> {
    let rest = file_name.strip_prefix('.')?;
    let (name, kind, tail) = if let Some(i) = rest.rfind(".staging-") {
        (&rest[..i], Leftover::Staging, &rest[i + ".staging-".len()..])
    } else {
        let i = rest.rfind(".old-")?;
        (&rest[..i], Leftover::Old, &rest[i + ".old-".len()..])
    };
    let pid = tail.split('-').next()?.parse().ok()?;
    (!name.is_empty()).then_some((name, kind, pid))
}

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`), so there is no moment
/// at which the output folder is missing. Returns false where unsupported.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated paths for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes staging and old folders left by interrupted builds and by removals that did not
/// finish. Called with the output's lock held, so no other build is writing; a folder whose
/// owning process is still running (a detached removal at work) is left to it.
fn clean_stale(parent: &Path, name: &str, cleanup: &Cleanup) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = journal::draft_owner(&file_name, name) {
            // A journal still being written when its build died: never applied, never needed.
            if pid != std::process::id() && !lock::process_alive(pid) {
                let _ = std::fs::remove_file(e.path());
            }
            continue;
        }
        let Some((n, _, pid)) = leftover_parts(&file_name) else {
            continue;
        };
        if n != name || pid == std::process::id() || lock::process_alive(pid) {
            continue;
        }
        if let Some(claimed) = claim(&e.path()) {
            cleanup.remove(&claimed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<OutputFile> {
        vec![
            OutputFile::bytes("index.html", "<p>hi</p>"),
            OutputFile::bytes("2021/10/13/x/index.html", "x"),
        ]
    }

    /// Every file under `dir` (folders aside) with its text, and the folders, by path.
    fn contents(dir: &Path) -> (Vec<(String, String)>, Vec<String>) {
        let (mut files, mut folders) = (Vec::new(), Vec::new());
        for e in walkdir::WalkDir::new(dir).sort_by_file_name().min_depth(1) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if e.file_type().is_dir() {
                folders.push(rel);
            } else {
                files.push((rel, std::fs::read_to_string(e.path()).unwrap()));
            }
        }
        (files, folders)
    }

    /// A large file the build made is hashed where it lies, a window at a time: every window
    /// counts, the last, short one too, and the hash is the one of its bytes.
    #[test]
    fn a_large_file_of_the_builds_own_hashes_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = vec![0u8; HASH_ON_EVERY_CORE as usize + HASH_WINDOW + 12_345];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for b in &mut bytes {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        let path = dir.path().join("data.sqlite");
        std::fs::write(&path, &bytes).unwrap();
        let expected = *blake3::hash(&bytes).as_bytes();
        assert_eq!(hash_own_file(&path).unwrap(), expected);
        assert_eq!(hash_file(&path).unwrap(), expected);
        // One byte in the last window, then one in the first, tells the files apart.
        for at in [bytes.len() - 1, 0] {
            bytes[at] ^= 1;
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(hash_own_file(&path).unwrap(), *blake3::hash(&bytes).as_bytes());
            assert_ne!(hash_own_file(&path).unwrap(), expected);
            bytes[at] ^= 1;
        }
        let small = dir.path().join("small.sqlite");
        std::fs::write(&small, b"rows").unwrap();
        assert_eq!(hash_own_file(&small).unwrap(), *blake3::hash(b"rows").as_bytes());
    }

    fn known_of(files: &[OutputFile]) -> Known {
        Known::new(files.iter().map(|f| (f.path.clone(), hash_of(f).unwrap())).collect())
    }

    /// What is beside the output folder other than the output and its lock: leftovers.
    fn beside(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "public" && n != ".public.lock")
            .collect()
    }

    fn pages(n: usize) -> Vec<OutputFile> {
        (0..n)
            .map(|i| OutputFile::bytes(format!("{i}/index.html"), format!("page {i}")))
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn a_few_changes_are_moved_in_through_a_journal_and_the_rest_stays_as_it_was() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut first = pages(40);
        first.push(OutputFile::bytes("gone/old/index.html", "old"));
        write(&out, dir.path(), first.clone(), false).unwrap();
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let kept_inode = inode("7/index.html");
        let staging = Staging::begin_with(&out, dir.path(), false, Cleanup::Now, Some(known_of(&first))).unwrap();
        let kept: Vec<String> = (0..40).filter(|i| *i != 3).map(|i| format!("{i}/index.html")).collect();
        assert!(staging.keep(kept.iter().map(String::as_str), &[]));
        staging
            .put(vec![
                OutputFile::bytes("3/index.html", "page 3, corrected"),
                OutputFile::bytes("new/deep/index.html", "new"),
            ])
            .unwrap();
        let summary = staging.commit().unwrap();
        assert!(summary.journaled, "{summary:?}");
        assert_eq!(
            (summary.new, summary.changed, summary.removed, summary.unchanged),
            (1, 1, 1, 39)
        );
        let mut expected = pages(40);
        expected[3] = OutputFile::bytes("3/index.html", "page 3, corrected");
        expected.push(OutputFile::bytes("new/deep/index.html", "new"));
        let clean = dir.path().join("clean");
        std::fs::create_dir(&clean).unwrap();
        write(&clean.join("public"), &clean, expected, false).unwrap();
        assert_eq!(
            contents(&out),
            contents(&clean.join("public")),
            "the same as a build from nothing"
        );
        assert_eq!(inode("7/index.html"), kept_inode, "a kept file is not touched");
        assert!(
            beside(dir.path()).iter().all(|n| n == "clean"),
            "{:?}",
            beside(dir.path())
        );
    }

    #[test]
    fn many_changes_exchange_the_whole_folder_with_the_kept_files_linked() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = pages(16);
        write(&out, dir.path(), first.clone(), false).unwrap();
        let staging = Staging::begin_with(&out, dir.path(), false, Cleanup::Now, Some(known_of(&first))).unwrap();
        let kept: Vec<String> = (8..16).map(|i| format!("{i}/index.html")).collect();
        assert!(staging.keep(kept.iter().map(String::as_str), &[]));
        let changed: Vec<OutputFile> = (0..8)
            .map(|i| OutputFile::bytes(format!("{i}/index.html"), format!("page {i}, again")))
            .collect();
        staging.put(changed).unwrap();
        let summary = staging.commit().unwrap();
        assert!(!summary.journaled, "{summary:?}");
        let (files, _) = contents(&out);
        assert_eq!(files.len(), 17, "{files:?}");
        assert!(files.contains(&("3/index.html".into(), "page 3, again".into())));
        assert!(files.contains(&("12/index.html".into(), "page 12".into())));
        assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
    }

    #[test]
    fn a_journal_left_part_way_is_completed_by_whoever_takes_the_lock_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = vec![
            OutputFile::bytes("a.html", "old a"),
            OutputFile::bytes("b/index.html", "old b"),
            OutputFile::bytes("c.html", "c"),
            OutputFile::bytes("gone/x.html", "x"),
        ];
        write(&out, dir.path(), old, false).unwrap();
        // A build staged a new a, b and d/e and was killed after removing gone/x and moving a.
        let staging = dir.path().join(".public.staging-4194400");
        for (p, text) in [(MARKER, MARKER_TEXT), ("b/index.html", "new b"), ("d/e.html", "new e")] {
            std::fs::create_dir_all(staging.join(p).parent().unwrap()).unwrap();
            std::fs::write(staging.join(p), text).unwrap();
        }
        std::fs::write(out.join("a.html"), "new a").unwrap();
        std::fs::remove_dir_all(out.join("gone")).unwrap();
        let journal = journal::Journal {
            staging: ".public.staging-4194400".into(),
            moves: vec!["a.html".into(), "b/index.html".into(), "d/e.html".into()],
            removes: vec!["gone/x.html".into()],
        };
        std::fs::write(
            dir.path().join(".public.journal"),
            serde_json::to_vec(&journal).unwrap(),
        )
        .unwrap();
        for _ in 0..2 {
            // Completing twice does nothing the second time.
            drop(lock_output(&out).unwrap());
            let (files, folders) = contents(&out);
            let expected: Vec<(String, String)> = [
                (MARKER, MARKER_TEXT),
                ("a.html", "new a"),
                ("b/index.html", "new b"),
                ("c.html", "c"),
                ("d/e.html", "new e"),
            ]
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
            let mut sorted = files.clone();
            sorted.sort();
            assert_eq!(sorted, expected);
            assert_eq!(folders, ["b", "d"]);
            assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
        }
    }

    #[test]
    fn a_journal_naming_files_outside_the_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, dir.path(), files(), false).unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        for (staging, removes) in [(".public.staging-7", "../precious.txt"), ("..", "index.html")] {
            let journal = journal::Journal {
                staging: staging.into(),
                moves: vec![],
                removes: vec![removes.into()],
            };
            std::fs::write(
                dir.path().join(".public.journal"),
                serde_json::to_vec(&journal).unwrap(),
            )
            .unwrap();
            let e = lock_output(&out).unwrap_err();
            assert!(matches!(e, WriteError::Journal { .. }), "{e}");
            assert!(e.to_string().contains(".public.journal"), "{e}");
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
        assert!(out.join("index.html").is_file());
    }

    /// A file made in the scratch folder moves into the archive (the same file, not a copy),
    /// counts as new, changed or unchanged as a put file does, and the scratch folder is gone
    /// once the archive is in place.
    #[cfg(unix)]
    #[test]
    fn a_file_made_in_the_scratch_folder_moves_in() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = pages(8);
        write(&out, dir.path(), first.clone(), false).unwrap();
        let made = |staging: &Staging, text: &str| {
            let scratch = staging.scratch().unwrap();
            assert_eq!(scratch.parent(), Some(dir.path()));
            let file = scratch.join("data.sqlite");
            std::fs::write(&file, text).unwrap();
            file
        };
        // New, over an archive the store does not know.
        let staging = Staging::begin(&out, dir.path(), false, Cleanup::Now).unwrap();
        staging.put(first.clone()).unwrap();
        let file = made(&staging, "rows, first");
        let inode = std::fs::metadata(&file).unwrap().ino();
        staging.adopt("data.sqlite", &file).unwrap();
        let summary = staging.commit().unwrap();
        assert_eq!((summary.new, summary.unchanged), (1, 8), "{summary:?}");
        assert_eq!(std::fs::read_to_string(out.join("data.sqlite")).unwrap(), "rows, first");
        assert_eq!(
            std::fs::metadata(out.join("data.sqlite")).unwrap().ino(),
            inode,
            "copied, not moved"
        );
        assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
        // Over a known archive: unchanged, then changed.
        let mut all = first.clone();
        all.push(OutputFile::bytes("data.sqlite", "rows, first"));
        let kept: Vec<String> = first.iter().map(|f| f.path.clone()).collect();
        for (text, changed) in [("rows, first", 0), ("rows, second", 1)] {
            let staging = Staging::begin_with(&out, dir.path(), false, Cleanup::Now, Some(known_of(&all))).unwrap();
            assert!(staging.keep(kept.iter().map(String::as_str), &[]));
            let file = made(&staging, text);
            staging.adopt("data.sqlite", &file).unwrap();
            let summary = staging.commit().unwrap();
            assert_eq!(
                (summary.changed, summary.unchanged, summary.removed),
                (changed, 9 - changed, 0)
            );
            assert_eq!(std::fs::read_to_string(out.join("data.sqlite")).unwrap(), text);
            assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
        }
        // A staging dropped without a commit takes its scratch folder with it.
        let staging = Staging::begin(&out, dir.path(), false, Cleanup::Now).unwrap();
        made(&staging, "never published");
        drop(staging);
        assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
        assert_eq!(
            std::fs::read_to_string(out.join("data.sqlite")).unwrap(),
            "rows, second"
        );
    }

    /// A killed build's scratch folder (its process gone) is removed by the next build, as its
    /// staging folder is.
    #[test]
    fn a_dead_builds_scratch_folder_is_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, dir.path(), pages(2), false).unwrap();
        let leftover = dir.path().join(".public.staging-4194400-scratch");
        std::fs::create_dir(&leftover).unwrap();
        std::fs::write(leftover.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(leftover.join("dateline-export-x.sqlite"), "half a database").unwrap();
        write(&out, dir.path(), pages(3), false).unwrap();
        assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
    }

    #[test]
    fn copied_files_compare_by_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&a, &big).unwrap();
        std::fs::write(&b, &big).unwrap();
        let mut other = big.clone();
        *other.last_mut().unwrap() ^= 1;
        std::fs::write(&c, &other).unwrap();
        assert!(same_bytes(&a, &b).unwrap());
        assert!(!same_bytes(&a, &c).unwrap());
        std::fs::write(&c, &big[..big.len() - 1]).unwrap();
        assert!(!same_bytes(&a, &c).unwrap());
        std::fs::write(&a, b"").unwrap();
        std::fs::write(&b, b"").unwrap();
        assert!(same_bytes(&a, &b).unwrap());
    }

    #[test]
    fn writes_replaces_and_marks_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, dir.path(), files(), false).unwrap();
        assert!(out.join(MARKER).is_file());
        assert_eq!(
            std::fs::read_to_string(out.join("2021/10/13/x/index.html")).unwrap(),
            "x"
        );
        write(&out, dir.path(), vec![OutputFile::bytes("index.html", "new")], false).unwrap();
        assert!(!out.join("2021").exists(), "stale pages go away");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n != ".public.lock")
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn leftover_names_say_whose_they_are() {
        assert_eq!(
            leftover_parts(".public.staging-41"),
            Some(("public", Leftover::Staging, 41))
        );
        assert_eq!(leftover_parts(".public.old-41-3"), Some(("public", Leftover::Old, 41)));
        assert_eq!(leftover_parts(".my.site.old-7"), Some(("my.site", Leftover::Old, 7)));
        for other in [".public", "public.old-4", ".public.old-", ".public.old-x", "..old-4"] {
            assert_eq!(leftover_parts(other), None, "{other}");
        }
    }

    #[test]
    fn an_interrupted_removal_leaves_the_marker_so_the_next_build_finishes_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, dir.path(), files(), false).unwrap();
        // A removal that got no further than the files: the marker is still there.
        let left = dir.path().join(".public.old-4194400");
        std::fs::rename(&out, &left).unwrap();
        std::fs::remove_file(left.join("index.html")).unwrap();
        assert!(left.join(MARKER).is_file());
        write(&out, dir.path(), files(), false).unwrap();
        assert!(!left.exists(), "the next build removes what a dead process left");
    }

    #[test]
    fn refuses_a_folder_that_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mine");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), "precious").unwrap();
        let e = write(&out, dir.path(), files(), false).unwrap_err();
        assert!(matches!(e, WriteError::NotOurs(_)), "{e}");
        assert_eq!(std::fs::read_to_string(out.join("thesis.docx")).unwrap(), "precious");
        write(&out, dir.path(), files(), true).unwrap();
    }

    #[test]
    fn refuses_the_site_root_and_content_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        for target in [
            dir.path().to_path_buf(),
            dir.path().join("content"),
            dir.path().join("content/out"),
        ] {
            let e = write(&target, dir.path(), files(), true).unwrap_err();
            assert!(matches!(e, WriteError::Dangerous { .. }), "{e}");
        }
        assert!(dir.path().join("content").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_the_real_folder_behind_a_linked_content_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(articles.join("story.md"), "# Story\n").unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::os::unix::fs::symlink(&articles, site.join("content")).unwrap();
        for target in [articles.clone(), articles.join("out"), dir.path().to_path_buf()] {
            let e = write(&target, &site, files(), true).unwrap_err();
            assert!(matches!(e, WriteError::Dangerous { .. }), "{}: {e}", target.display());
        }
        assert_eq!(std::fs::read_to_string(articles.join("story.md")).unwrap(), "# Story\n");
    }

    #[test]
    fn paths_that_escape_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../evil.html", "/etc/passwd", "a/../../b", ""] {
            let e = write(
                &dir.path().join("public"),
                dir.path(),
                vec![OutputFile::bytes(bad, "x")],
                false,
            )
            .unwrap_err();
            assert!(matches!(e, WriteError::Escape(_)), "{bad}: {e}");
        }
        assert!(!dir.path().join("evil.html").exists());
    }

    #[test]
    fn a_failed_write_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, dir.path(), files(), false).unwrap();
        let missing = OutputFile {
            path: "img.jpg".into(),
            content: Content::Copy(dir.path().join("nope.jpg")),
        };
        assert!(write(&out, dir.path(), vec![missing], false).is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "<p>hi</p>");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n != ".public.lock")
            .collect();
        assert_eq!(names.len(), 1, "no staging folder is left behind: {names:?}");
    }
}
