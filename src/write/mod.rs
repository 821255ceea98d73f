//! Write: the only stage that touches the output folder.
//!
//! Files are written into a staging folder beside the output and swapped in at the end, so a
//! failed or interrupted build leaves the previous archive untouched. The output carries a
//! marker file; a folder without it is not ours and is never replaced unless the user insists
//! with `--force` — and the site itself, its content or a home folder are never replaced at all.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

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
}

/// Counts kept by the writer threads while they write.
#[derive(Debug, Default)]
struct Tally {
    new: AtomicUsize,
    changed: AtomicUsize,
    unchanged: AtomicUsize,
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
    cleanup: Cleanup,
    /// The archive being replaced, which every file written is compared with.
    previous: Option<PathBuf>,
    tally: std::sync::Arc<Tally>,
}

/// How many threads write files: output is bound by file-system latency, not by the CPU.
const WRITERS: usize = 12;

impl Staging {
    /// Checks that the output may be replaced and opens a fresh staging folder beside it.
    pub fn begin(output: &Path, site_root: &Path, force: bool, cleanup: Cleanup) -> Result<Staging, WriteError> {
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
        clean_stale(&parent, &name, &cleanup);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            remove_tree(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        // The marker goes in first, so an interrupted build's leftovers are recognisably ours.
        let marker = dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(io(&marker))?;
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
                let dir = dir.clone();
                let previous = previous.clone();
                std::thread::spawn(move || -> Result<(), WriteError> {
                    loop {
                        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(file) = next else { return Ok(()) };
                        let counter = match compare(previous.as_deref(), &file) {
                            Comparison::New => &tally.new,
                            Comparison::Changed => &tally.changed,
                            Comparison::Same => &tally.unchanged,
                        };
                        counter.fetch_add(1, Ordering::Relaxed);
                        write_one(&dir, &file, &made)?;
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
            cleanup,
            previous,
            tally,
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

    /// A handle other threads can queue files through.
    pub fn sender(&self) -> Option<std::sync::mpsc::SyncSender<OutputFile>> {
        self.sender.clone()
    }

    /// Waits for every file, then swaps the staging folder in as the output. Returns how the
    /// new archive differs from the one it replaced.
    pub fn commit(mut self) -> Result<WriteSummary, WriteError> {
        self.finish_writes()?;
        let removed = match &self.previous {
            Some(previous) => removed_files(previous, &self.dir),
            None => 0,
        };
        swap(&self.dir, &self.output, &self.parent, &self.name, &self.cleanup)?;
        self.committed = true;
        let count = |c: &AtomicUsize| c.load(Ordering::Relaxed);
        let (new, changed, unchanged) = (
            count(&self.tally.new),
            count(&self.tally.changed),
            count(&self.tally.unchanged),
        );
        Ok(WriteSummary {
            written: new + changed + unchanged,
            new,
            changed,
            unchanged,
            removed,
        })
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
        if !self.committed {
            let _ = self.finish_writes();
            let _ = remove_tree(&self.dir);
        }
    }
}

/// How a file compares with the previous archive's file at the same path.
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
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && matches!((std::fs::read(from), std::fs::read(&old)), (Ok(a), Ok(b)) if a == b)
        }
    };
    if same { Comparison::Same } else { Comparison::Changed }
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

/// Removes a folder tree, files and folders in parallel (deepest folders first).
pub fn remove_tree(root: &Path) -> std::io::Result<()> {
    if !root.exists() {
        return Ok(());
    }
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    in_io_pool(|| {
        files.par_iter().try_for_each(std::fs::remove_file)?;
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

/// Removes a folder left by dateline (it must carry the marker): what `__remove-tree` runs.
pub fn remove_our_tree(dir: &Path) -> std::io::Result<()> {
    if !dir.join(MARKER).is_file() {
        return Err(std::io::Error::other(format!(
            "{} has no {MARKER} marker; not removing it",
            dir.display()
        )));
    }
    remove_tree(dir)
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

/// Removes staging and old folders left by interrupted builds (they carry our marker).
fn clean_stale(parent: &Path, name: &str, cleanup: &Cleanup) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    let mine = [
        format!(".{name}.staging-{}", std::process::id()),
        format!(".{name}.old-{}", std::process::id()),
    ];
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| n.starts_with(p.as_str())) && !mine.contains(&n) && e.path().join(MARKER).is_file() {
            // Rename first, so a cleanup still running from an earlier build and this one never
            // work on the same folder.
            let moved = parent.join(format!(
                ".{name}.old-{}-{}",
                std::process::id(),
                n.len() + e.path().as_os_str().len()
            ));
            if std::fs::rename(e.path(), &moved).is_ok() {
                cleanup.remove(&moved);
            }
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
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
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
            .collect();
        assert_eq!(names.len(), 1, "no staging folder is left behind: {names:?}");
    }
}
