//! Posting lists in bounded memory: the classic external inversion. Articles arrive in id
//! order; their postings gather in a table until it passes a memory budget, then the table is
//! sorted by term and written to a temporary file as one *run*, and the table starts afresh.
//! At the end the runs are merged by term in byte order, as many times as the index needs to
//! walk its terms (twice: once for the scale of the weights, once to write the shards).
//!
//! Because articles arrive in id order, each run covers ids above every earlier run's, so a
//! term's full list is its lists from each run, concatenated in run order: the merge never
//! sorts a posting list, and holds one term's list at a time. When there are more runs than
//! can sensibly be open at once, neighbouring runs are merged into longer ones first (which
//! keeps the id order). What has not been spilled when the articles end stays in memory and
//! takes part in the merge as the last run.
//!
//! A run file is its entries in term order, each: the term (varint length, UTF-8), the number
//! of postings (varint), then per posting the id gap from the previous posting of the entry
//! (varint; the first from 0) and the weighted count (varint).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::SearchError;

/// One article's occurrence of a term: its id and the term's weighted count there.
pub(super) type Posting = (u32, u32);

/// How many runs one merge reads at once; more are first merged in groups of this many.
/// Each open run costs a file handle and a read buffer.
const FAN_IN: usize = 64;

/// What a table entry costs besides its key's bytes and its postings: the `String` and `Vec`
/// headers (48 bytes) in the hash table's slot, and the table's spare slots and allocator
/// rounding, estimated.
const ENTRY_OVERHEAD: usize = 80;

/// The temporary folder of one index build. Removed when dropped, so whether the build ends
/// in success, in an error or in a panic, it leaves nothing behind.
pub(super) struct WorkFolder {
    path: PathBuf,
}

impl WorkFolder {
    /// A fresh folder under `parent`, named for this process and build so that concurrent
    /// builds (tests, the preview server) never share one.
    pub fn create(parent: &Path) -> Result<WorkFolder, SearchError> {
        static BUILDS: AtomicUsize = AtomicUsize::new(0);
        let build = BUILDS.fetch_add(1, Ordering::Relaxed);
        let path = parent.join(format!("dateline-search-{}-{build}", std::process::id()));
        if path.exists() {
            // Left by an earlier process that had the same id and was killed.
            std::fs::remove_dir_all(&path).map_err(SearchError::temp(&path))?;
        }
        std::fs::create_dir_all(&path).map_err(SearchError::temp(&path))?;
        Ok(WorkFolder { path })
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

impl Drop for WorkFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The postings of the articles seen so far: a table in memory and the runs already spilled.
pub(super) struct Postings<'a> {
    budget: usize,
    used: usize,
    table: FxHashMap<String, Vec<Posting>>,
    folder: &'a WorkFolder,
    runs: Vec<PathBuf>,
}

impl<'a> Postings<'a> {
    /// `budget` is roughly how many bytes the table may take before it is spilled.
    pub fn new(budget: usize, folder: &'a WorkFolder) -> Self {
        Postings {
            budget,
            used: 0,
            table: FxHashMap::default(),
            folder,
            runs: Vec::new(),
        }
    }

    /// Adds article `id`'s terms; ids must come in ascending order.
    pub fn add(&mut self, id: u32, terms: &[(String, u32)]) -> Result<(), SearchError> {
        for (term, count) in terms {
            match self.table.get_mut(term.as_str()) {
                Some(list) => {
                    let before = list.capacity();
                    list.push((id, *count));
                    self.used += (list.capacity() - before) * size_of::<Posting>();
                }
                None => {
                    let mut list = Vec::with_capacity(4);
                    list.push((id, *count));
                    self.used += ENTRY_OVERHEAD + term.len() + list.capacity() * size_of::<Posting>();
                    self.table.insert(term.clone(), list);
                }
            }
        }
        if self.used > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// How many runs have been written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// The table's entries in term order, leaving it empty.
    fn drain_sorted(&mut self) -> Vec<(String, Vec<Posting>)> {
        let mut entries: Vec<(String, Vec<Posting>)> = std::mem::take(&mut self.table).into_iter().collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.used = 0;
        entries
    }

    fn spill(&mut self) -> Result<(), SearchError> {
        let entries = self.drain_sorted();
        let path = self.folder.file(&format!("run-{}.bin", self.runs.len()));
        let mut writer = RunWriter::create(&path)?;
        for (term, postings) in &entries {
            writer.entry(term, postings)?;
        }
        writer.finish()?;
        self.runs.push(path);
        Ok(())
    }

    /// Every term with its whole posting list, ready to be walked in term order.
    pub fn finish(mut self) -> Result<Merged<'a>, SearchError> {
        let last = self.drain_sorted();
        let mut runs = std::mem::take(&mut self.runs);
        let mut level = 0;
        while runs.len() > FAN_IN {
            level += 1;
            let mut merged = Vec::with_capacity(runs.len().div_ceil(FAN_IN));
            for (i, group) in runs.chunks(FAN_IN).enumerate() {
                let path = self.folder.file(&format!("merge-{level}-{i}.bin"));
                let mut writer = RunWriter::create(&path)?;
                let sources = group.iter().map(|p| Source::open(p)).collect::<Result<_, _>>()?;
                merge(sources, |term, postings| writer.entry(term, postings))?;
                writer.finish()?;
                for p in group {
                    std::fs::remove_file(p).map_err(SearchError::temp(p))?;
                }
                merged.push(path);
            }
            runs = merged;
        }
        Ok(Merged {
            runs,
            last,
            _folder: self.folder,
        })
    }
}

/// The runs left after the intermediate merges and the part never spilled.
pub(super) struct Merged<'a> {
    runs: Vec<PathBuf>,
    last: Vec<(String, Vec<Posting>)>,
    /// The runs live in the folder, which must outlive them.
    _folder: &'a WorkFolder,
}

impl Merged<'_> {
    /// Calls `each` with every term and its full posting list (ids ascending), terms in byte
    /// order. Can be called again: each walk reads the runs afresh.
    pub fn walk(&self, each: impl FnMut(&str, &[Posting]) -> Result<(), SearchError>) -> Result<(), SearchError> {
        let mut sources: Vec<Source> = self.runs.iter().map(|p| Source::open(p)).collect::<Result<_, _>>()?;
        sources.push(Source::Memory {
            entries: &self.last,
            at: 0,
        });
        merge(sources, each)
    }
}

/// Merges sources whose id ranges ascend in source order.
fn merge(
    mut sources: Vec<Source<'_>>,
    mut each: impl FnMut(&str, &[Posting]) -> Result<(), SearchError>,
) -> Result<(), SearchError> {
    // The smallest term first and, for one term, the earliest source first.
    let mut heap = BinaryHeap::new();
    for (i, s) in sources.iter_mut().enumerate() {
        if let Some(term) = s.advance()? {
            heap.push(Reverse((term, i)));
        }
    }
    let mut list: Vec<Posting> = Vec::new();
    let mut term = String::new();
    while let Some(Reverse((next, i))) = heap.pop() {
        if next != term && !list.is_empty() {
            each(&term, &list)?;
            list.clear();
        }
        term = next;
        sources[i].postings(&mut list)?;
        if let Some(following) = sources[i].advance()? {
            heap.push(Reverse((following, i)));
        }
    }
    if !list.is_empty() {
        each(&term, &list)?;
    }
    Ok(())
}

/// Where a merge reads entries from: a run file, or the entries still in memory.
enum Source<'a> {
    File(RunReader),
    Memory {
        entries: &'a [(String, Vec<Posting>)],
        /// One past the entry `advance` returned last.
        at: usize,
    },
}

impl Source<'_> {
    fn open(path: &Path) -> Result<Self, SearchError> {
        Ok(Source::File(RunReader::open(path)?))
    }

    /// Moves to the next entry and returns its term, or `None` at the end.
    fn advance(&mut self) -> Result<Option<String>, SearchError> {
        match self {
            Source::File(r) => r.advance(),
            Source::Memory { entries, at } => {
                let next = entries.get(*at).map(|(t, _)| t.clone());
                *at += 1;
                Ok(next)
            }
        }
    }

    /// Appends the current entry's postings to `out`.
    fn postings(&mut self, out: &mut Vec<Posting>) -> Result<(), SearchError> {
        match self {
            Source::File(r) => r.postings(out),
            Source::Memory { entries, at } => {
                out.extend_from_slice(&entries[*at - 1].1);
                Ok(())
            }
        }
    }
}

struct RunWriter {
    path: PathBuf,
    out: BufWriter<File>,
    buffer: Vec<u8>,
}

impl RunWriter {
    fn create(path: &Path) -> Result<Self, SearchError> {
        let file = File::create(path).map_err(SearchError::temp(path))?;
        Ok(RunWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(1 << 16, file),
            buffer: Vec::new(),
        })
    }

    fn entry(&mut self, term: &str, postings: &[Posting]) -> Result<(), SearchError> {
        let b = &mut self.buffer;
        b.clear();
        varint(b, term.len() as u64);
        b.extend_from_slice(term.as_bytes());
        varint(b, postings.len() as u64);
        let mut previous = 0;
        for &(id, count) in postings {
            varint(b, u64::from(id - previous));
            varint(b, u64::from(count));
            previous = id;
        }
        self.out.write_all(b).map_err(SearchError::temp(&self.path))
    }

    fn finish(self) -> Result<(), SearchError> {
        let path = self.path;
        self.out
            .into_inner()
            .map_err(|e| SearchError::temp(&path)(e.into_error()))?;
        Ok(())
    }
}

struct RunReader {
    path: PathBuf,
    input: BufReader<File>,
    /// Postings of the current entry not yet read.
    pending: usize,
}

impl RunReader {
    fn open(path: &Path) -> Result<Self, SearchError> {
        let file = File::open(path).map_err(SearchError::temp(path))?;
        Ok(RunReader {
            path: path.to_path_buf(),
            input: BufReader::with_capacity(1 << 16, file),
            pending: 0,
        })
    }

    fn advance(&mut self) -> Result<Option<String>, SearchError> {
        self.next_term().map_err(SearchError::temp(&self.path))
    }

    fn next_term(&mut self) -> std::io::Result<Option<String>> {
        if self.input.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let length = read_varint(&mut self.input)?;
        let mut bytes = vec![0; usize::try_from(length).map_err(invalid)?];
        self.input.read_exact(&mut bytes)?;
        let term = String::from_utf8(bytes).map_err(invalid)?;
        self.pending = usize::try_from(read_varint(&mut self.input)?).map_err(invalid)?;
        Ok(Some(term))
    }

    fn postings(&mut self, out: &mut Vec<Posting>) -> Result<(), SearchError> {
        self.read_postings(out).map_err(SearchError::temp(&self.path))
    }

    fn read_postings(&mut self, out: &mut Vec<Posting>) -> std::io::Result<()> {
        out.reserve(self.pending);
        let mut id = 0u32;
        for _ in 0..std::mem::take(&mut self.pending) {
            let gap = u32::try_from(read_varint(&mut self.input)?).map_err(invalid)?;
            id = id
                .checked_add(gap)
                .ok_or_else(|| invalid("an article id out of range"))?;
            let count = u32::try_from(read_varint(&mut self.input)?).map_err(invalid)?;
            out.push((id, count));
        }
        Ok(())
    }
}

fn invalid(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}

/// Reads one varint; `Ok(None)` if the input ends before its first byte.
pub(super) fn read_varint_or_end(input: &mut impl Read) -> std::io::Result<Option<u64>> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8];
        if input.read(&mut byte)? == 0 {
            if shift == 0 {
                return Ok(None);
            }
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            return Ok(Some(value));
        }
    }
    Err(invalid("a number does not fit in 64 bits"))
}

fn read_varint(input: &mut impl Read) -> std::io::Result<u64> {
    read_varint_or_end(input)?.ok_or_else(|| std::io::ErrorKind::UnexpectedEof.into())
}

/// LEB128, as in the term shards.
pub(super) fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}
