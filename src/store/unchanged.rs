//! Whether a build would change nothing: the same inputs, the same options, and the output
//! folder as the last build left it. Then `build` stops before reading a single article.
//!
//! After a successful build the store keeps a fingerprint of every input file — everything
//! under `content/`, `templates/`, `static/` and `data/`, `site.toml` and the entity registry:
//! its path, size, modification time and the BLAKE3 hash of its bytes — and the build's
//! [`State`]: the options that change the output, the clock, the counts for the closing line,
//! the warnings, and a digest of the top of the output folder and of a sample of its files.
//!
//! A later build takes the shortcut only when all of these hold:
//! - the options, the code and the set of input paths are the same;
//! - every input file has the recorded size and modification time, or, when only its time
//!   differs (a file touched, or saved without a change), the recorded hash. A file whose time
//!   is the date of its article (an undated article, dated by its file) must keep its time;
//! - the clock has not gone back, and has not reached the moment the news sitemap would list
//!   other articles ([`crate::render::news_stable_until`]);
//! - the output table is valid for this output folder, its marker is there, and the entries at
//!   the top of the folder and a sample of its files ([`listing`]) have the same size,
//!   modification time and inode, so that a file edited, added or removed by hand there, or
//!   among the sample, makes the build run in full.
//!
//! A file's time is trusted only when it is older than the scan by more than [`RACY`]: a file
//! written in the same instant as the scan could change again without its time or size
//! changing, so it is compared by its hash next time instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Hash, hash};
use crate::diagnostics::Diagnostic;

/// How close to the scan a file's modification time must be for it to be compared by hash.
pub const RACY: Duration = Duration::from_secs(2);

/// The size recorded for a file that is not a regular file, which is never read.
const SPECIAL: u64 = u64::MAX;

/// What a file's `stat` says, as far as the fingerprint cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    /// Nanoseconds since 1970.
    pub mtime: i128,
}

/// An input file as the store records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub stat: Stat,
    /// Whether the time was old enough at the scan to tell a change ([`RACY`]).
    pub trusted: bool,
    pub hash: Hash,
}

impl Stat {
    fn of(meta: &std::fs::Metadata) -> Stat {
        Stat {
            size: meta.len(),
            mtime: nanos(meta.modified().ok()),
        }
    }
}

fn nanos(t: Option<SystemTime>) -> i128 {
    match t.map(|t| t.duration_since(SystemTime::UNIX_EPOCH)) {
        Some(Ok(d)) => d.as_nanos() as i128,
        Some(Err(e)) => -(e.duration().as_nanos() as i128),
        None => 0,
    }
}

/// The site's input files as they were when a build began.
pub struct Scan {
    /// Root-relative `/`-separated path → its stat. The file is `root` joined with the path
    /// (an absolute path for a registry outside the site): a build holds this for its whole
    /// run, so each file's path is kept once.
    files: BTreeMap<String, Stat>,
    root: PathBuf,
    at: SystemTime,
}

impl Scan {
    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// What the scan found of the regular file at `path` (under the site root), if anything.
    pub fn stat_of(&self, path: &Path) -> Option<Stat> {
        self.files
            .get(&key(&self.root, path))
            .copied()
            .filter(|s| s.size != SPECIAL)
    }

    /// Whether a file with `stat` was old enough at the scan for its time to tell a change
    /// ([`RACY`]).
    pub fn trusts(&self, stat: &Stat) -> bool {
        stat.mtime < nanos(self.at.checked_sub(RACY))
    }
}

/// The folders under the site root whose files are inputs of the build.
const INPUT_DIRS: [&str; 4] = [crate::load::CONTENT_DIR, "templates", "static", "data"];

/// Lists the input files of the site at `root` with `registry` (the entity registry, relative
/// to the root). `None` when a folder cannot be read completely: such a site is never taken to
/// be unchanged.
pub fn scan(root: &Path, registry: &Path) -> Option<Scan> {
    let at = SystemTime::now();
    let mut files = BTreeMap::new();
    for file in [root.join(crate::config::CONFIG_FILE), root.join(registry)] {
        if let Ok(meta) = std::fs::metadata(&file) {
            files.insert(key(root, &file), Stat::of(&meta));
        }
    }
    for name in INPUT_DIRS {
        let dir = root.join(name);
        if !dir.exists() {
            continue;
        }
        for entry in super::walk::files(&dir, true)? {
            let mut stat = Stat::of(&entry.meta);
            if !entry.meta.is_file() {
                // A named pipe or device: the build warns about it, and it is never read.
                stat.size = SPECIAL;
            }
            let key = format!("{name}/{}", entry.rel.to_string_lossy().replace('\\', "/"));
            files.insert(key, stat);
        }
    }
    Some(Scan {
        files,
        root: root.to_path_buf(),
        at,
    })
}

/// A file's name in the fingerprint: relative to the site root, `/`-separated.
fn key(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What a successful build left, for the next one to compare with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The code, the options that change the output and the output folder ([`settings`]).
    pub settings: Hash,
    /// The build's clock, in nanoseconds since 1970.
    pub clock: i128,
    /// When the news sitemap would change, in nanoseconds since 1970.
    pub news_until: Option<i128>,
    /// The output folder's outline ([`listing`]) over its top and `sample`.
    pub listing: Hash,
    /// The output files whose `stat` the outline covers besides the top ([`sample`]).
    pub sample: Vec<String>,
    /// Input files whose modification time is the date of their article.
    pub dated_by_file: Vec<String>,
    /// For the closing line.
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes_in: usize,
    /// The build's warnings, shown again by a build that takes the shortcut.
    pub warnings: Vec<Diagnostic>,
}

/// What, besides the input files, decides the output: the code and the options.
pub fn settings(options: &[(&str, String)]) -> Hash {
    let mut h = blake3::Hasher::new();
    for part in std::iter::once(("code", super::code_fingerprint())).chain(options.iter().map(|(k, v)| (*k, v.clone())))
    {
        for s in [part.0, part.1.as_str()] {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    }
    *h.finalize().as_bytes()
}

/// Nanoseconds since 1970 of a timestamp.
pub fn instant(t: jiff::Timestamp) -> i128 {
    t.as_nanosecond()
}

/// How many files of the output, beyond its top, a build with nothing to do looks at.
pub const SAMPLE: usize = 1024;

/// The output files a build with nothing to do checks besides the top of the folder: all of
/// them up to [`SAMPLE`], else [`SAMPLE`] spread evenly over the paths in order, so that every
/// part of the archive (years, people, search shards) has some.
/// `sorted` holds `total` paths in order; they are read once, never held.
pub fn sample<E>(total: usize, sorted: impl Iterator<Item = Result<String, E>>) -> Result<Vec<String>, E> {
    let step = total.div_ceil(SAMPLE).max(1);
    sorted.step_by(step).collect()
}

/// A digest of the output folder as far as a build with nothing to do looks: every entry at
/// its top (the marker, the front page, feeds and sitemaps, each year's and index's folder,
/// whose modification time changes when an entry is added to it or removed), and each file of
/// `sample`, each with its kind, size, modification time and inode. `None` when the folder
/// cannot be listed.
///
/// Walking the whole folder would catch any file edited by hand, but at 100,000 articles it is
/// some 400,000 `stat`s, more than the rest of the check together; a hand edit elsewhere is put
/// right by the next build that changes the file, or by `--clean`.
pub fn listing(output: &Path, sample: &[String]) -> Option<Hash> {
    let mut top: Vec<(std::ffi::OsString, std::fs::Metadata)> = std::fs::read_dir(output)
        .ok()?
        .map(|e| {
            let e = e.ok()?;
            Some((e.file_name(), e.metadata().ok()?))
        })
        .collect::<Option<_>>()?;
    top.sort_by(|a, b| a.0.cmp(&b.0));
    let sampled: Vec<Option<std::fs::Metadata>> = sample
        .par_iter()
        .map(|p| std::fs::symlink_metadata(output.join(p)).ok())
        .collect();
    let mut h = blake3::Hasher::new();
    let mut entry = |name: &str, meta: Option<&std::fs::Metadata>| {
        h.update(&(name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        let Some(meta) = meta else {
            h.update(b"-");
            return;
        };
        let kind: u8 = if meta.is_dir() {
            b'd'
        } else if meta.file_type().is_symlink() {
            b'l'
        } else {
            b'f'
        };
        h.update(&[kind]);
        h.update(&meta.len().to_le_bytes());
        h.update(&nanos(meta.modified().ok()).to_le_bytes());
        h.update(&inode(meta).to_le_bytes());
    };
    for (name, meta) in &top {
        entry(&name.to_string_lossy(), Some(meta));
    }
    for (path, meta) in sample.iter().zip(&sampled) {
        entry(path, meta.as_ref());
    }
    Some(*h.finalize().as_bytes())
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// The recorded state, when the build about to run would change nothing (see the module's
/// description).
pub fn unchanged(
    store: &super::Store,
    scan: &Scan,
    settings: &Hash,
    clock: jiff::Timestamp,
    output: &Path,
) -> Option<State> {
    let state = store.state()?;
    let now = instant(clock);
    if state.settings != *settings || now < state.clock || state.news_until.is_some_and(|u| now >= u) {
        return None;
    }
    if !store.outputs_valid(output) || !output.join(crate::write::MARKER).is_file() {
        return None;
    }
    let recorded = store.inputs()?;
    if recorded.len() != scan.files.len() {
        return None;
    }
    let same = scan.files.par_iter().all(|(name, stat)| {
        let Some(was) = recorded.get(name) else {
            return false;
        };
        if (was.trusted || stat.size == SPECIAL) && was.stat == *stat {
            return true;
        }
        if stat.size == SPECIAL {
            return false;
        }
        let dated = state.dated_by_file.binary_search(name).is_ok();
        if was.stat.size != stat.size || dated && was.stat.mtime != stat.mtime {
            return false;
        }
        std::fs::read(scan.path(name)).is_ok_and(|bytes| hash(&bytes) == was.hash)
    });
    if !same || listing(output, &state.sample)? != state.listing {
        return None;
    }
    Some(state)
}

/// The fingerprint of the inputs in `scan`, hashed: a hash the store already has for a file
/// with the same size and time is reused, any other file is read. `None` when a file changed
/// since the scan, so that what the build read is not known: the next build then runs in full.
pub fn fingerprint(scan: &Scan, recorded: &FxHashMap<String, Recorded>) -> Option<Vec<(String, Recorded)>> {
    let recent = nanos(scan.at.checked_sub(RACY));
    scan.files
        .par_iter()
        .map(|(name, stat)| {
            let path = scan.path(name);
            let digest = match recorded.get(name) {
                Some(was) if was.trusted && was.stat == *stat => was.hash,
                _ if stat.size == SPECIAL => Hash::default(),
                _ => hash(&std::fs::read(&path).ok()?),
            };
            let now = std::fs::metadata(&path).ok().map(|m| Stat {
                size: if m.is_file() { m.len() } else { SPECIAL },
                ..Stat::of(&m)
            });
            if now != Some(*stat) {
                return None;
            }
            let record = Recorded {
                stat: *stat,
                trusted: stat.mtime < recent,
                hash: digest,
            };
            Some((name.clone(), record))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn sorted_sample(paths: &[String]) -> Vec<String> {
        sample(paths.len(), paths.iter().cloned().map(Ok::<_, ()>)).unwrap()
    }

    #[test]
    fn the_sample_is_every_file_of_a_small_output_and_spread_over_a_large_one() {
        let few: Vec<String> = (0..10).map(|i| format!("{i}.html")).collect();
        assert_eq!(sorted_sample(&few).len(), 10);
        let many: Vec<String> = (0..SAMPLE * 5 + 3).map(|i| format!("{i:06}/index.html")).collect();
        let picked = sorted_sample(&many);
        assert!(picked.len() <= SAMPLE && picked.len() > SAMPLE / 2, "{}", picked.len());
        assert_eq!(picked[0], many[0]);
        assert!(
            picked.last().unwrap() > &many[many.len() - 10],
            "the end is sampled too"
        );
    }

    /// A large output is not walked whole: what the check looks at is its top and the sample.
    #[test]
    fn the_outline_covers_the_top_and_the_sample_without_walking_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        put(out, "index.html", "front");
        let mut files = vec!["index.html".to_string()];
        for i in 0..3 * SAMPLE {
            let rel = format!("2020/{:02}/{i:05}/index.html", i % 12 + 1);
            put(out, &rel, "page");
            files.push(rel);
        }
        files.sort();
        let picked = sorted_sample(&files);
        let unsampled = files.iter().find(|f| !picked.contains(f)).unwrap();
        let before = listing(out, &picked).unwrap();
        assert_eq!(listing(out, &picked), Some(before), "the same folder, the same outline");

        // Deep in the tree and not in the sample: not looked at.
        std::fs::remove_file(out.join(unsampled)).unwrap();
        assert_eq!(listing(out, &picked), Some(before));

        // A sampled file edited in place changes its size or time.
        let sampled = picked.iter().find(|f| f.starts_with("2020/")).unwrap();
        std::fs::write(out.join(sampled), "edited by hand").unwrap();
        let edited = listing(out, &picked).unwrap();
        assert_ne!(edited, before);

        // Anything at the top: a file edited, added, or a folder's entries changed.
        std::fs::write(out.join("index.html"), "edited by hand, too").unwrap();
        let top_edited = listing(out, &picked).unwrap();
        assert_ne!(top_edited, edited);
        put(out, "stray.html", "added");
        assert_ne!(listing(out, &picked).unwrap(), top_edited);
    }
}
