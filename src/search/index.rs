//! The search index's files. Everything lives under `search-index/`, gzipped, in three kinds:
//!
//! * `manifest.bin` — JSON: the build's hash (appended to every other file's URL, so a browser
//!   never mixes files of two builds), the article count and their words, where each term
//!   shard starts, the first article of each year, and the words too common to be indexed.
//! * `terms/N.bin` — the inverted index, cut into shards of about [`SHARD_BYTES`] by term in
//!   byte order; the manifest's shard starts tell the browser which one holds a term. Each
//!   entry is the term (varint length, UTF-8), its article count, then per article the id gap
//!   (varint) and a one-byte weight. Facet values are terms too ("#person:Ivan Petrov"), so
//!   narrowing by a facet fetches one small list, like a word does.
//! * `docs/ID.bin` — JSON for one article: what a result shows, the text its excerpt is cut
//!   from, and its facet values.
//!
//! Article ids run newest first, so "newest" and "oldest" order need no data and a year is a
//! range of ids. Ranking is BM25 (headline words count [`HEADLINE_WEIGHT`] times), split so
//! that no file but the manifest holds a number of the whole archive: a posting's weight is
//! BM25's term-frequency part for its article alone (its count, its length against the
//! archive's average length in whole words), scaled to 1–255, and the browser multiplies it by
//! the word's IDF, which it computes from the list's length and the manifest's article count.
//! Shards end where a term's hash says so once they hold half of [`SHARD_BYTES`] (or at four
//! times it), not at a byte count: where a shard ends depends on its own terms only, and a
//! change that moves one end leaves the ends after the next unmoved one where they were. So
//! an edit to one article changes its own file and the shards of its words, and a rebuild can
//! re-make just those ([`update`](super::update)) and get the bytes a fresh build would.
//!
//! The index is built in memory bounded by [`Limits`], not by the archive: articles are read
//! one batch at a time in id order, and each article's file is handed to the writer as soon as
//! it is made. Posting lists gather up to a budget and are then spilled to a temporary folder
//! as sorted runs (see [`runs`](super::runs)), which are merged by term once to write the
//! shards (a word's article count decides there whether it is too common). The build hash
//! combines a digest of every shard and of every article file, each by its number, so that a
//! rebuild can replace the digests of the files it re-makes without reading the others.
//!
//! Why not pagefind: it built the same index in about twice the time the rest of a 10,000-
//! article build takes, and a reader's first query downloaded 300–450 KB (its WebAssembly, its
//! page list). This layout adds about a third to such a build and a first query fetches under
//! 100 KB; see the README's development section.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::runs::{Postings, WorkFolder, varint};
use super::{SearchRecord, tokens};
use crate::write::{OutputFile, WriteError};
use rustc_hash::{FxHashMap, FxHasher};

/// Where the index files go in the output.
pub const BUNDLE_DIR: &str = "search-index";

/// Target size of a term shard before compression: a few shards per query stay well under
/// 100 KB, and the manifest's list of shard starts stays small at 100,000 articles.
const SHARD_BYTES: usize = 24 * 1024;

/// A shard may end after a term whose hash is a multiple of this once it holds half of
/// [`SHARD_BYTES`]: about one term in 32, so shards average somewhat over the target.
const BOUNDARY_EVERY: u64 = 32;

/// How many times a headline word counts against a body word.
const HEADLINE_WEIGHT: u32 = 4;

/// A word is too common to index when more than one in this many articles has it…
const COMMON_SHARE: usize = 2;
/// …and more than this many do: below that even "the" is a list of a few kilobytes.
const COMMON_MIN: usize = 20_000;

/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The format of the files, in the manifest; a rebuild re-makes an index of another format
/// whole.
pub(super) const VERSION: u32 = 2;

/// How many articles are read and indexed at once (in parallel) before their postings join
/// the table: enough to keep every core busy, few enough that their texts weigh little.
const BATCH: usize = 512;

/// How many finished shards are gzipped together, in parallel.
const SHARD_BATCH: usize = 16;

/// The default memory budget for posting lists: a generated archive's postings take about
/// 3 KB per article by this count, so archives up to about 20,000 articles are indexed without
/// touching the disk, and larger ones write a run every 20,000 articles or so (a 50,000-article
/// build writes two and merges them with the rest in a fraction of a second).
pub const DEFAULT_POSTINGS_BUDGET: usize = 64 << 20;

/// How much memory the index may use for posting lists, and where it spills the rest.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Roughly how many bytes of posting lists are held before they are written out as a run.
    pub postings_budget: usize,
    /// The folder the index's temporary folder is made in; it is removed when the index is
    /// done, whether or not it succeeded.
    pub temp: PathBuf,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            postings_budget: DEFAULT_POSTINGS_BUDGET,
            temp: std::env::temp_dir(),
        }
    }
}

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(
        "cannot use the search index's working file {path}: {source}\n  = help: the search index keeps its working files in the temporary folder (TMPDIR); free space there or point TMPDIR at a folder with room. The previous output was left as it was"
    )]
    Temp { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
    /// An article's text could not be read back from the build's working file.
    #[error(transparent)]
    Text(#[from] crate::model::TextError),
}

impl SearchError {
    pub(super) fn temp(path: &Path) -> impl Fn(std::io::Error) -> SearchError + '_ {
        move |source| SearchError::Temp {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The articles to index, by position. Ordering needs only each article's date and address,
/// so those come first and cheaply; a whole record (with its text) is made only when its
/// batch is indexed, so the records of the whole archive never exist at once.
pub trait Records: Sync {
    fn count(&self) -> usize;
    /// The date and address of record `i`, which order the index's ids.
    fn key(&self, i: usize) -> (Date, &str);
    fn record(&self, i: usize) -> Result<Cow<'_, SearchRecord>, SearchError>;
}

impl Records for [SearchRecord] {
    fn count(&self) -> usize {
        self.len()
    }

    fn key(&self, i: usize) -> (Date, &str) {
        (self[i].date, &self[i].url)
    }

    fn record(&self, i: usize) -> Result<Cow<'_, SearchRecord>, SearchError> {
        Ok(Cow::Borrowed(&self[i]))
    }
}

/// Builds the index of `records` as output files under [`BUNDLE_DIR`], in memory. `language`
/// is the site's; English plurals are folded (see [`tokens`]).
pub fn index(records: Vec<SearchRecord>, language: &str) -> Result<Vec<OutputFile>, SearchError> {
    index_with(records, language, &mut Cache::default())
}

/// What indexing one article yields on its own: its terms, its article file (as JSON and
/// gzipped).
pub(super) struct Indexed {
    pub(super) terms: Vec<(String, u32)>,
    pub(super) length: u32,
    pub(super) json: Vec<u8>,
    pub(super) doc: Vec<u8>,
}

impl Indexed {
    pub(super) fn new(record: &SearchRecord, english: bool) -> Self {
        let (terms, length) = count_terms(record, english);
        let json = document(record);
        let doc = gzip(&json);
        Indexed {
            terms,
            length,
            json,
            doc,
        }
    }
}

/// The articles of the previous index, for a rebuild that re-reads only the articles that
/// changed (`dateline serve`); the terms shards and the manifest are always made afresh, because
/// article ids and every word's article count may move with any change.
#[derive(Default)]
pub struct Cache {
    english: bool,
    articles: FxHashMap<String, (SearchRecord, Arc<Indexed>)>,
}

/// [`index`], reusing what `cache` holds for articles that did not change, and leaving it
/// holding this index's articles.
pub fn index_with(
    records: Vec<SearchRecord>,
    language: &str,
    cache: &mut Cache,
) -> Result<Vec<OutputFile>, SearchError> {
    let mut files = Vec::new();
    index_into(&records[..], language, &Limits::default(), Some(cache), &mut |f| {
        files.push(f);
        Ok(())
    })?;
    Ok(files)
}

/// What building the index did, besides its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexReport {
    pub articles: usize,
    /// Runs of postings spilled to the temporary folder (0 when the budget was never reached).
    pub runs: usize,
    /// When the previous index was updated rather than built whole: how many article files
    /// and term shards were made again.
    pub updated: Option<(usize, usize)>,
    /// When a rebuild could not update the previous index: why it was built whole.
    pub whole_because: Option<&'static str>,
}

/// Builds the index of `records`, handing each file to `out` as soon as it is made: the
/// article files while the articles are read, then the term shards, then the manifest. With a
/// `cache`, articles it holds unchanged are not indexed again, and it is left holding these.
pub fn index_into<R: Records + ?Sized>(
    records: &R,
    language: &str,
    limits: &Limits,
    cache: Option<&mut Cache>,
    out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    index_noting(records, language, limits, cache, &|_, _| {}, out)
}

/// Whether `language` is English, whose plurals the index folds.
pub(super) fn is_english(language: &str) -> bool {
    language
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("en"))
}

/// [`index_into`], telling `made` the position and id of every article whose file it makes.
pub(super) fn index_noting<R: Records + ?Sized>(
    records: &R,
    language: &str,
    limits: &Limits,
    mut cache: Option<&mut Cache>,
    made: &dyn Fn(usize, usize),
    out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    let english = is_english(language);
    if let Some(cache) = cache.as_deref_mut()
        && cache.english != english
    {
        cache.articles.clear();
        cache.english = english;
    }
    let order = id_order(records);
    let n = order.len();
    let folder = WorkFolder::create(&limits.temp)?;
    let mut postings = Postings::new(limits.postings_budget, &folder);
    let mut lengths: Vec<u32> = Vec::with_capacity(n);
    let mut digests = Digests::default();
    let mut kept: FxHashMap<String, (SearchRecord, Arc<Indexed>)> = FxHashMap::default();
    for batch in order.chunks(BATCH) {
        let known = cache.as_deref();
        let indexed: Vec<(Option<SearchRecord>, Arc<Indexed>)> = batch
            .par_iter()
            .map(|&i| {
                let record = records.record(i)?;
                Ok(match known.and_then(|c| c.articles.get(&record.url)) {
                    Some((old, indexed)) if *old == *record => (Some(old.clone()), Arc::clone(indexed)),
                    _ => {
                        let indexed = Arc::new(Indexed::new(&record, english));
                        (known.is_some().then(|| record.into_owned()), indexed)
                    }
                })
            })
            .collect::<Result<_, SearchError>>()?;
        for (record, article) in indexed {
            let id = lengths.len();
            digests.docs = digests.docs.wrapping_add(digest(id, &article.json));
            out(OutputFile::bytes(doc_path(id), article.doc.clone()))?;
            made(order[id], id);
            lengths.push(article.length);
            postings.add(id as u32, &article.terms)?;
            if let Some(record) = record {
                kept.insert(record.url.clone(), (record, article));
            }
        }
    }
    if let Some(cache) = cache {
        cache.articles = kept;
    }
    let runs = postings.runs();
    let merged = postings.finish()?;

    // One walk over the terms: the common words are left out, every other list is weighed
    // and the shards are cut and handed on as they fill.
    let words: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    let average = average_length(words, n);
    let mut common: Vec<String> = Vec::new();
    let mut shards = Shards::default();
    merged.walk(|term, list| {
        if is_common(term, list.len(), n) {
            common.push(term.to_string());
            return Ok(());
        }
        let weighed: Vec<(u32, u8)> = list
            .iter()
            .map(|&(id, tf)| (id, weight(term, tf, lengths[id as usize], average)))
            .collect();
        shards.entry(term, &weighed);
        if shards.pending.len() >= SHARD_BATCH {
            shards.flush(&mut digests, out)?;
        }
        Ok(())
    })?;
    shards.cut();
    shards.flush(&mut digests, out)?;
    drop(merged);

    let manifest = Manifest {
        version: VERSION,
        build: digests.build(&shards.starts),
        articles: n,
        words,
        english,
        shards: shards.starts,
        years: years(records, &order),
        common,
        digests: digests.hex(),
    };
    out(manifest.file())?;
    Ok(IndexReport {
        articles: n,
        runs,
        updated: None,
        whole_because: None,
    })
}

/// Where article `id`'s file goes.
pub(super) fn doc_path(id: usize) -> String {
    format!("{BUNDLE_DIR}/docs/{id}.bin")
}

/// Where term shard `i` goes.
pub(super) fn shard_path(i: usize) -> String {
    format!("{BUNDLE_DIR}/terms/{i}.bin")
}

/// The first id of each year, newest year first.
pub(super) fn years<R: Records + ?Sized>(records: &R, order: &[usize]) -> Vec<(i16, usize)> {
    let mut years: Vec<(i16, usize)> = Vec::new();
    for (id, &i) in order.iter().enumerate() {
        let year = records.key(i).0.year();
        if years.last().is_none_or(|&(y, _)| y != year) {
            years.push((year, id));
        }
    }
    years
}

/// The positions of `records` in id order: newest first, then by address; records with the
/// same date and address keep their order.
pub(super) fn id_order<R: Records + ?Sized>(records: &R) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.count()).collect();
    order.sort_by(|&a, &b| {
        let (date_a, url_a) = records.key(a);
        let (date_b, url_b) = records.key(b);
        date_b.cmp(&date_a).then_with(|| url_a.cmp(url_b))
    });
    order
}

/// Facet terms start with this, which no word can, so they sort apart from words and a
/// word's prefix never reaches them.
const FACET_MARK: char = '#';

/// Above how many articles a word is too common to index.
fn common_above(articles: usize) -> usize {
    (articles / COMMON_SHARE).max(COMMON_MIN)
}

/// Whether `term`, found in `df` of `articles` articles, is left out of the index.
pub(super) fn is_common(term: &str, df: usize, articles: usize) -> bool {
    !term.starts_with(FACET_MARK) && df > common_above(articles)
}

/// The manifest: what the browser reads first, and what a rebuild reads of the previous index
/// besides the files it re-makes.
#[derive(Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) version: u32,
    pub(super) build: String,
    pub(super) articles: usize,
    /// The words of every article together, whose average weighs each posting.
    pub(super) words: u64,
    pub(super) english: bool,
    pub(super) shards: Vec<String>,
    pub(super) years: Vec<(i16, usize)>,
    pub(super) common: Vec<String>,
    /// The sums the build hash is made from ([`Digests`]), in hexadecimal.
    pub(super) digests: [String; 2],
}

impl Manifest {
    pub(super) fn file(&self) -> OutputFile {
        let json = serde_json::to_vec(self).expect("the manifest is plain data");
        OutputFile::bytes(format!("{BUNDLE_DIR}/manifest.bin"), gzip(&json))
    }

    /// The manifest of a published index, if `gzipped` is one of this format.
    pub(super) fn read(gzipped: &[u8]) -> Option<Manifest> {
        let manifest: Manifest = serde_json::from_slice(&gunzip(gzipped)?).ok()?;
        (manifest.version == VERSION).then_some(manifest)
    }
}

/// Digests of the shards and of the article files, each taken with the file's number and
/// summed, so that replacing one file's digest needs no other file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Digests {
    pub(super) terms: u64,
    pub(super) docs: u64,
}

impl Digests {
    /// The build hash: both sums together, with the shards' first terms, which say which
    /// shard is which (a shard's digest does not: a shard keeps it when a split before it
    /// moves it to the next number).
    pub(super) fn build(&self, starts: &[String]) -> String {
        let mut hasher = FxHasher::default();
        hasher.write_u64(self.terms);
        hasher.write_u64(self.docs);
        for start in starts {
            hasher.write(start.as_bytes());
            hasher.write_u8(0xff);
        }
        format!("{:016x}", hasher.finish())
    }

    pub(super) fn hex(&self) -> [String; 2] {
        [format!("{:016x}", self.terms), format!("{:016x}", self.docs)]
    }

    pub(super) fn from_hex(hex: &[String; 2]) -> Option<Digests> {
        Some(Digests {
            terms: u64::from_str_radix(&hex[0], 16).ok()?,
            docs: u64::from_str_radix(&hex[1], 16).ok()?,
        })
    }
}

/// The digest of article file `i`, or with `i` 0 of a shard, of its bytes before gzip.
pub(super) fn digest(i: usize, bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_usize(i);
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// The terms of one article with their weighted counts, and the article's length in words.
pub(super) fn count_terms(r: &SearchRecord, english: bool) -> (Vec<(String, u32)>, u32) {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let mut length = 0;
    let mut add = |term: &str, weight: u32| {
        length += 1;
        match counts.get_mut(term) {
            Some(c) => *c += weight,
            None => {
                counts.insert(term.to_owned(), weight);
            }
        }
    };
    tokens::terms(&r.headline, english, |t| add(t, HEADLINE_WEIGHT));
    tokens::terms(&r.text, english, |t| add(t, 1));
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    // The record lists each facet value once, so each facet term comes once per article.
    for (facet, values) in &r.facets {
        for value in values {
            terms.push((format!("{FACET_MARK}{facet}:{value}"), 0));
        }
    }
    (terms, length)
}

/// The average article length the weights are made with: in whole words, so that an edit
/// of one article among many seldom changes it (and with it every weight).
pub(super) fn average_length(words: u64, articles: usize) -> f64 {
    (words as f64 / articles.max(1) as f64).round().max(1.0)
}

/// The weight of a posting of `term`, `tf` times in an article of `length` words: BM25's
/// term-frequency part, which tends to K1 + 1, scaled to 1–255. Facet values weigh 1: they
/// narrow, they do not rank.
pub(super) fn weight(term: &str, tf: u32, length: u32, average: f64) -> u8 {
    if term.starts_with(FACET_MARK) {
        return 1;
    }
    let tf = f64::from(tf);
    let norm = 1.0 - B + B * f64::from(length) / average;
    let part = tf * (K1 + 1.0) / (tf + K1 * norm);
    (part / (K1 + 1.0) * 255.0).ceil().clamp(1.0, 255.0) as u8
}

/// Whether a shard that holds `size` bytes ends after `term`: past half the target size at a
/// term whose hash says so, or at four times the target whatever the term.
pub(super) fn ends_after(term: &str, size: usize) -> bool {
    // FNV-1a: fixed, so that the same terms are cut the same way by every build.
    let hash = term.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    size >= 4 * SHARD_BYTES || (size >= SHARD_BYTES / 2 && hash % BOUNDARY_EVERY == 0)
}

/// Encodes one term's entry: the term, its article count, then each id gap and weight.
pub(super) fn encode_entry(out: &mut Vec<u8>, term: &str, postings: &[(u32, u8)]) {
    varint(out, term.len() as u64);
    out.extend_from_slice(term.as_bytes());
    varint(out, postings.len() as u64);
    let mut previous = 0;
    for &(id, weight) in postings {
        varint(out, u64::from(id - previous));
        out.push(weight);
        previous = id;
    }
}

/// One term of a shard with its postings: article id and weight.
pub(super) type Entry = (String, Vec<(u32, u8)>);

/// The entries of a shard as [`encode_entry`] wrote them; `None` if the bytes are not one.
pub(super) fn decode_shard(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut p = 0;
    let varint = |p: &mut usize| -> Option<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = *bytes.get(*p)?;
            *p += 1;
            value |= u64::from(b & 0x7f).checked_shl(shift)?;
            shift += 7;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
    };
    let mut entries = Vec::new();
    while p < bytes.len() {
        let length = usize::try_from(varint(&mut p)?).ok()?;
        let term = std::str::from_utf8(bytes.get(p..p.checked_add(length)?)?)
            .ok()?
            .to_string();
        p += length;
        let n = varint(&mut p)?;
        let mut list = Vec::with_capacity(n.min(1 << 20) as usize);
        let mut id = 0u32;
        for _ in 0..n {
            id = id.checked_add(u32::try_from(varint(&mut p)?).ok()?)?;
            list.push((id, *bytes.get(p)?));
            p += 1;
        }
        entries.push((term, list));
    }
    Some(entries)
}

/// The term shards as they are cut: each shard's first term, and the shards not yet handed on.
#[derive(Default)]
pub(super) struct Shards {
    pub(super) starts: Vec<String>,
    current: Vec<u8>,
    pub(super) pending: Vec<Vec<u8>>,
    /// How many shards have been handed on.
    handed: usize,
}

impl Shards {
    /// Adds one term's weighed postings, ending the shard after it if [`ends_after`] says so.
    pub(super) fn entry(&mut self, term: &str, postings: &[(u32, u8)]) {
        if self.current.is_empty() {
            self.starts.push(term.to_string());
        }
        encode_entry(&mut self.current, term, postings);
        if ends_after(term, self.current.len()) {
            self.cut();
        }
    }

    /// Ends the current shard, if it has anything.
    pub(super) fn cut(&mut self) {
        if !self.current.is_empty() {
            self.pending.push(std::mem::take(&mut self.current));
        }
    }

    /// Whether the last term added ended a shard (or none was added).
    pub(super) fn at_cut(&self) -> bool {
        self.current.is_empty()
    }

    /// Takes the finished shards' digests and hands them on, gzipped in parallel.
    fn flush(
        &mut self,
        digests: &mut Digests,
        out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        for bytes in &self.pending {
            digests.terms = digests.terms.wrapping_add(digest(0, bytes));
        }
        let zipped: Vec<Vec<u8>> = self.pending.par_iter().map(|s| gzip(s)).collect();
        self.pending.clear();
        for bytes in zipped {
            out(OutputFile::bytes(shard_path(self.handed), bytes))?;
            self.handed += 1;
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct Document<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(flatten)]
    meta: &'a BTreeMap<String, String>,
    text: &'a str,
    facets: &'a BTreeMap<String, Vec<String>>,
}

pub(super) fn document(r: &SearchRecord) -> Vec<u8> {
    serde_json::to_vec(&Document {
        url: &r.url,
        title: &r.headline,
        meta: &r.meta,
        text: &r.text,
        facets: &r.facets,
    })
    .expect("a search document is plain data")
}

pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The bytes `gzip` made, or `None` if these are not gzip.
pub(super) fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;
    use crate::write::Content;

    fn record(url: &str, date: &str, headline: &str, text: &str, people: &[&str]) -> SearchRecord {
        let mut facets = BTreeMap::new();
        if !people.is_empty() {
            facets.insert("person".to_string(), people.iter().map(|p| p.to_string()).collect());
        }
        SearchRecord {
            url: url.to_string(),
            date: date.parse().unwrap(),
            headline: headline.to_string(),
            text: text.to_string(),
            meta: BTreeMap::new(),
            facets,
        }
    }

    fn file(files: &[OutputFile], path: &str) -> Vec<u8> {
        let f = files.iter().find(|f| f.path == format!("{BUNDLE_DIR}/{path}")).unwrap();
        let Content::Bytes(bytes) = &f.content else {
            panic!("{path} is not bytes")
        };
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
        out
    }

    fn json(files: &[OutputFile], path: &str) -> serde_json::Value {
        serde_json::from_slice(&file(files, path)).unwrap()
    }

    /// Every term of every shard with its (id, weight) postings, in file order.
    fn postings(files: &[OutputFile]) -> Vec<(String, Vec<(u32, u8)>)> {
        let shards = json(files, "manifest.bin")["shards"].as_array().unwrap().len();
        let mut out = Vec::new();
        for i in 0..shards {
            let bytes = file(files, &format!("terms/{i}.bin"));
            let mut p = 0;
            let varint = |p: &mut usize| {
                let (mut value, mut shift) = (0u64, 0);
                loop {
                    let b = bytes[*p];
                    *p += 1;
                    value |= u64::from(b & 0x7f) << shift;
                    shift += 7;
                    if b & 0x80 == 0 {
                        return value;
                    }
                }
            };
            while p < bytes.len() {
                let len = varint(&mut p) as usize;
                let term = String::from_utf8(bytes[p..p + len].to_vec()).unwrap();
                p += len;
                let n = varint(&mut p);
                let mut id = 0;
                let mut list = Vec::new();
                for _ in 0..n {
                    id += varint(&mut p) as u32;
                    list.push((id, bytes[p]));
                    p += 1;
                }
                out.push((term, list));
            }
        }
        out
    }

    fn sample() -> Vec<SearchRecord> {
        vec![
            record(
                "a/",
                "2019-03-01",
                "Harbour reopens",
                "The harbour reopened on Monday.",
                &["Ana Ribeiro"],
            ),
            record(
                "b/",
                "2021-10-13",
                "Ammonia leak at the terminal",
                "Ribeiro said the ammonia tanks were sealed. Ships waited.",
                &["Ana Ribeiro", "Tomas Ek"],
            ),
            record("c/", "2021-06-02", "Council meets", "The council's budget passed.", &[]),
        ]
    }

    #[test]
    fn articles_are_numbered_newest_first_and_years_are_id_ranges() {
        let files = index(sample(), "en").unwrap();
        let manifest = json(&files, "manifest.bin");
        assert_eq!(manifest["articles"], 3);
        assert_eq!(manifest["years"], serde_json::json!([[2021, 0], [2019, 2]]));
        assert_eq!(json(&files, "docs/0.bin")["url"], "b/");
        assert_eq!(json(&files, "docs/1.bin")["url"], "c/");
        assert_eq!(json(&files, "docs/2.bin")["title"], "Harbour reopens");
    }

    #[test]
    fn words_and_facet_values_are_terms_with_their_articles() {
        let files = index(sample(), "en").unwrap();
        let all = postings(&files);
        let get = |t: &str| all.iter().find(|(term, _)| term == t).map(|(_, p)| p.clone());
        let ids = |t: &str| get(t).unwrap().iter().map(|(id, _)| *id).collect::<Vec<_>>();
        assert_eq!(ids("ammonia"), [0]);
        assert_eq!(ids("ship"), [0], "plurals are folded");
        assert_eq!(ids("council"), [1], "possessives are folded");
        assert_eq!(ids("harbour"), [2]);
        assert_eq!(ids("#person:Ana Ribeiro"), [0, 2]);
        assert_eq!(ids("#person:Tomas Ek"), [0]);
        assert_eq!(ids("the"), [0, 1, 2], "a small archive keeps every word");
        // Terms are in byte order across the whole index, and each shard starts where the
        // manifest says.
        let terms: Vec<&String> = all.iter().map(|(t, _)| t).collect();
        assert!(terms.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
    }

    #[test]
    fn a_headline_word_outweighs_the_same_word_in_the_body() {
        let files = index(
            vec![
                record("a/", "2021-01-01", "Ammonia", "A report.", &[]),
                record("b/", "2021-01-02", "A report", "Ammonia.", &[]),
            ],
            "en",
        )
        .unwrap();
        let all = postings(&files);
        let ammonia = &all.iter().find(|(t, _)| t == "ammonia").unwrap().1;
        let weight = |id: u32| ammonia.iter().find(|(i, _)| *i == id).unwrap().1;
        assert!(weight(1) > weight(0), "{ammonia:?}");
    }

    #[test]
    fn many_terms_are_cut_into_shards_that_start_where_the_manifest_says() {
        let text: String = (0..6000).map(|i| format!("word{i} ")).collect();
        let records = (0..3)
            .map(|i| record(&format!("{i}/"), "2020-01-01", "Headline", &text, &[]))
            .collect();
        let files = index(records, "en").unwrap();
        let manifest = json(&files, "manifest.bin");
        let starts: Vec<&str> = manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(starts.len() > 1, "{starts:?}");
        let all = postings(&files);
        assert_eq!(all.len(), 6000 + 1, "every word and the headline");
        for (i, start) in starts.iter().enumerate() {
            let first = file(&files, &format!("terms/{i}.bin"));
            assert_eq!(&first[1..=start.len()], start.as_bytes());
        }
    }

    #[test]
    fn only_words_in_half_of_a_large_archive_are_too_common() {
        assert_eq!(common_above(100), COMMON_MIN);
        assert_eq!(common_above(100_000), 50_000);
    }

    #[test]
    fn a_rebuild_from_the_cache_equals_a_fresh_build() {
        let mut cache = Cache::default();
        index_with(sample(), "en", &mut cache).unwrap();
        let mut edited = sample();
        edited[0].text = "The ammonia harbour reopened.".to_string();
        edited.pop();
        let again = index_with(edited.clone(), "en", &mut cache).unwrap();
        assert_eq!(again, index(edited, "en").unwrap());
        assert_eq!(cache.articles.len(), 2);
    }

    /// An archive big enough to need many runs under a small budget: words drawn from a
    /// vocabulary so that lists cross runs, dates spread over years, and people as facets.
    fn archive(articles: usize) -> Vec<SearchRecord> {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        (0..articles)
            .map(|i| {
                let words: Vec<String> = (0..40).map(|_| format!("w{}", next(400))).collect();
                let date = format!("{}-{:02}-{:02}", 2015 + next(8), 1 + next(12), 1 + next(28));
                let person = format!("Person {}", next(30));
                record(
                    &format!("{i}/"),
                    &date,
                    &words[..3].join(" "),
                    &words.join(" "),
                    &[&person],
                )
            })
            .collect()
    }

    fn index_under(records: &[SearchRecord], budget: usize, temp: &Path) -> (Vec<OutputFile>, IndexReport) {
        let limits = Limits {
            postings_budget: budget,
            temp: temp.to_path_buf(),
        };
        let mut files = Vec::new();
        let report = index_into(records, "en", &limits, None, &mut |f| {
            files.push(f);
            Ok(())
        })
        .unwrap();
        (files, report)
    }

    /// Spilling is invisible in the output: a budget so small that every article makes a run
    /// (and the runs need merging in several rounds), one that makes a few, and one that keeps
    /// everything in memory all give the same files.
    #[test]
    fn postings_spilled_as_runs_and_merged_give_the_same_files_as_in_memory() {
        let temp = tempfile::tempdir().unwrap();
        let records = archive(300);
        let (in_memory, report) = index_under(&records, usize::MAX, temp.path());
        assert_eq!(report.runs, 0);
        let (few, report) = index_under(&records, 64 * 1024, temp.path());
        assert!((2..20).contains(&report.runs), "{report:?}");
        assert_eq!(few, in_memory);
        let (many, report) = index_under(&records, 0, temp.path());
        assert_eq!(report.runs, 300, "one run per article, merged in rounds of at most 64");
        assert_eq!(many, in_memory);
        assert!(postings(&in_memory).iter().any(|(t, p)| t == "w7" && p.len() > 20));
    }

    #[test]
    fn the_temporary_folder_is_removed_after_success_and_after_an_error() {
        let temp = tempfile::tempdir().unwrap();
        let records = archive(200);
        index_under(&records, 0, temp.path());
        assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 0);
        let limits = Limits {
            postings_budget: 0,
            temp: temp.path().to_path_buf(),
        };
        let mut taken = 0;
        let failed = index_into(&records[..], "en", &limits, None, &mut |_| {
            taken += 1;
            if taken > 150 {
                let full = std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full");
                return Err(WriteError::Io {
                    path: "public/x".into(),
                    source: full,
                }
                .into());
            }
            Ok(())
        });
        assert!(matches!(failed, Err(SearchError::Write(_))), "{failed:?}");
        assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_temporary_folder_that_cannot_be_made_is_an_error_that_names_it() {
        let temp = tempfile::tempdir().unwrap();
        let blocked = temp.path().join("a-file");
        std::fs::write(&blocked, "").unwrap();
        let limits = Limits {
            postings_budget: 0,
            temp: blocked.clone(),
        };
        let error = index_into(&sample()[..], "en", &limits, None, &mut |_| Ok(())).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&blocked.display().to_string()), "{message}");
        assert!(message.contains("TMPDIR"), "{message}");
    }

    /// The build hash combines a digest of every shard and of every article file, each by its
    /// number; pinned so a change to how the index is built cannot change it unseen.
    #[test]
    fn the_build_hash_of_a_known_archive() {
        let files = index(sample(), "en").unwrap();
        assert_eq!(json(&files, "manifest.bin")["build"], "081e07b0d1810ea3");
    }

    #[test]
    fn the_same_archive_gives_the_same_files() {
        let a = index(sample(), "en").unwrap();
        let mut reversed = sample();
        reversed.reverse();
        let b = index(reversed, "en").unwrap();
        assert_eq!(a, b);
    }
}
