//! The search index's files. Everything lives under `search-index/`, gzipped, in three kinds:
//!
//! * `manifest.bin` — JSON: the build's hash (appended to every other file's URL, so a browser
//!   never mixes files of two builds), the article count, where each term shard starts, the
//!   first article of each year, and the words too common to be indexed.
//! * `terms/N.bin` — the inverted index, cut into shards of about [`SHARD_BYTES`] by term in
//!   byte order; the manifest's shard starts tell the browser which one holds a term. Each
//!   entry is the term (varint length, UTF-8), its article count, then per article the id gap
//!   (varint) and a one-byte relevance weight. Facet values are terms too ("#person:Ivan
//!   Petrov"), so narrowing by a facet fetches one small list, like a word does.
//! * `docs/ID.bin` — JSON for one article: what a result shows, the text its excerpt is cut
//!   from, and its facet values.
//!
//! Article ids run newest first, so "newest" and "oldest" order need no data and a year is a
//! range of ids. Weights are BM25 scores (headline words count [`HEADLINE_WEIGHT`] times),
//! computed here once and scaled to 1–255, so the browser only adds numbers. A word in more
//! than half of a large archive ("the", "said", past 40,000 articles) is left out: its list
//! would be the biggest download and hardly narrows or ranks anything; the search page ignores
//! it in a query and says so when nothing else is left.
//!
//! The index is built in memory bounded by [`Limits`], not by the archive: articles are read
//! one batch at a time in id order, and each article's file is handed to the writer as soon as
//! it is made. Posting lists gather up to a budget and are then spilled to a temporary folder
//! as sorted runs (see [`runs`](super::runs)), which are merged by term twice: first to learn
//! each word's article count (which decides the common words and the IDF) and the best score
//! in the archive (which the weights are scaled by), then to write the shards. The build hash
//! covers the shards before the articles, so the article files are also logged to the
//! temporary folder and read back once the shards are done.
//!
//! Why not pagefind: it built the same index in about twice the time the rest of a 10,000-
//! article build takes, and a reader's first query downloaded 300–450 KB (its WebAssembly, its
//! page list). This layout adds about a third to such a build and a first query fetches under
//! 100 KB; see the README's development section.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::hash::Hasher as _;
use std::io::{BufReader, BufWriter, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use super::runs::{Posting, Postings, WorkFolder, read_varint_or_end, varint};
use super::{SearchRecord, tokens};
use crate::write::{OutputFile, WriteError};
use rustc_hash::{FxHashMap, FxHasher};

/// Where the index files go in the output.
pub const BUNDLE_DIR: &str = "search-index";

/// Target size of a term shard before compression: a few shards per query stay well under
/// 100 KB, and the manifest's list of shard starts stays small at 100,000 articles.
const SHARD_BYTES: usize = 24 * 1024;

/// How many times a headline word counts against a body word.
const HEADLINE_WEIGHT: u32 = 4;

/// A word is too common to index when more than one in this many articles has it…
const COMMON_SHARE: usize = 2;
/// …and more than this many do: below that even "the" is a list of a few kilobytes.
const COMMON_MIN: usize = 20_000;

/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

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

/// What indexing one article yields on its own: its terms and its gzipped article file.
struct Indexed {
    terms: Vec<(String, u32)>,
    length: u32,
    doc: Vec<u8>,
}

impl Indexed {
    fn new(record: &SearchRecord, english: bool) -> Self {
        let (terms, length) = count_terms(record, english);
        let doc = gzip(&document(record));
        Indexed { terms, length, doc }
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
}

/// Builds the index of `records`, handing each file to `out` as soon as it is made: the
/// article files while the articles are read, then the term shards, then the manifest. With a
/// `cache`, articles it holds unchanged are not indexed again, and it is left holding these.
pub fn index_into<R: Records + ?Sized>(
    records: &R,
    language: &str,
    limits: &Limits,
    mut cache: Option<&mut Cache>,
    out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    let english = language
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("en"));
    if let Some(cache) = cache.as_deref_mut()
        && cache.english != english
    {
        cache.articles.clear();
        cache.english = english;
    }
    let order = id_order(records);
    let n = order.len();
    let folder = WorkFolder::create(&limits.temp)?;
    let mut docs = DocLog::create(folder.file("docs.bin"))?;
    let mut postings = Postings::new(limits.postings_budget, &folder);
    let mut lengths: Vec<u32> = Vec::with_capacity(n);
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
            out(OutputFile::bytes(
                format!("{BUNDLE_DIR}/docs/{id}.bin"),
                article.doc.clone(),
            ))?;
            docs.push(&article.doc)?;
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

    // The first walk: which words are too common, and the best score, which scales the rest.
    let average = (lengths.iter().map(|&l| l as f64).sum::<f64>() / n.max(1) as f64).max(1.0);
    let score = Scoring {
        n,
        lengths: &lengths,
        average,
    };
    let mut common: Vec<String> = Vec::new();
    let mut best = 0.0_f64;
    merged.walk(|term, list| {
        if is_common(term, list.len(), n) {
            common.push(term.to_string());
        } else {
            best = score.of(term, list).fold(best, f64::max);
        }
        Ok(())
    })?;

    // The second walk writes the shards.
    let mut hasher = FxHasher::default();
    let mut shards = Shards::default();
    merged.walk(|term, list| {
        if is_common(term, list.len(), n) {
            return Ok(());
        }
        shards.entry(term, list, score.of(term, list), best);
        if shards.pending.len() >= SHARD_BATCH {
            shards.flush(&mut hasher, out)?;
        }
        Ok(())
    })?;
    shards.cut();
    shards.flush(&mut hasher, out)?;
    drop(merged);
    docs.hash_into(&mut hasher)?;
    let build = format!("{:016x}", hasher.finish());

    let mut years: Vec<(i16, usize)> = Vec::new();
    for (id, &i) in order.iter().enumerate() {
        let year = records.key(i).0.year();
        if years.last().is_none_or(|&(y, _)| y != year) {
            years.push((year, id));
        }
    }
    let manifest = Manifest {
        version: 1,
        build: &build,
        articles: n,
        english,
        shards: &shards.starts,
        years,
        common: common.iter().map(String::as_str).collect(),
    };
    let manifest = serde_json::to_vec(&manifest).expect("the manifest is plain data");
    out(OutputFile::bytes(format!("{BUNDLE_DIR}/manifest.bin"), gzip(&manifest)))?;
    Ok(IndexReport { articles: n, runs })
}

/// The positions of `records` in id order: newest first, then by address; records with the
/// same date and address keep their order.
fn id_order<R: Records + ?Sized>(records: &R) -> Vec<usize> {
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
fn is_common(term: &str, df: usize, articles: usize) -> bool {
    !term.starts_with(FACET_MARK) && df > common_above(articles)
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    build: &'a str,
    articles: usize,
    english: bool,
    shards: &'a [String],
    years: Vec<(i16, usize)>,
    common: Vec<&'a str>,
}

/// The terms of one article with their weighted counts, and the article's length in words.
fn count_terms(r: &SearchRecord, english: bool) -> (Vec<(String, u32)>, u32) {
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

/// BM25 over the whole archive: what a term's postings score.
struct Scoring<'a> {
    n: usize,
    lengths: &'a [u32],
    average: f64,
}

impl Scoring<'_> {
    /// The score of each posting of `term`, in order; facet values score nothing.
    fn of<'p>(&self, term: &str, postings: &'p [Posting]) -> impl Iterator<Item = f64> + use<'_, 'p> {
        let facet = term.starts_with(FACET_MARK);
        let df = postings.len() as f64;
        let idf = (1.0 + (self.n as f64 - df + 0.5) / (df + 0.5)).ln();
        postings.iter().map(move |&(id, tf)| {
            if facet {
                return 0.0;
            }
            let tf = tf as f64;
            let norm = 1.0 - B + B * self.lengths[id as usize] as f64 / self.average;
            idf * tf * (K1 + 1.0) / (tf + K1 * norm)
        })
    }
}

/// The term shards as they are cut: each shard's first term, and the shards not yet handed on.
#[derive(Default)]
struct Shards {
    starts: Vec<String>,
    current: Vec<u8>,
    pending: Vec<Vec<u8>>,
    /// How many shards have been handed on.
    handed: usize,
}

impl Shards {
    /// Encodes one term, its postings' id gaps and their weights, scaled by `best`.
    fn entry(&mut self, term: &str, postings: &[Posting], scores: impl Iterator<Item = f64>, best: f64) {
        let current = &mut self.current;
        if current.is_empty() {
            self.starts.push(term.to_string());
        }
        varint(current, term.len() as u64);
        current.extend_from_slice(term.as_bytes());
        varint(current, postings.len() as u64);
        let mut previous = 0;
        for (&(id, _), score) in postings.iter().zip(scores) {
            let weight = if best > 0.0 {
                (score / best * 255.0).ceil().clamp(1.0, 255.0) as u8
            } else {
                1
            };
            varint(current, u64::from(id - previous));
            current.push(weight);
            previous = id;
        }
        if current.len() >= SHARD_BYTES {
            self.cut();
        }
    }

    /// Ends the current shard, if it has anything.
    fn cut(&mut self) {
        if !self.current.is_empty() {
            self.pending.push(std::mem::take(&mut self.current));
        }
    }

    /// Hashes the finished shards in order and hands them on, gzipped in parallel.
    fn flush(
        &mut self,
        hasher: &mut FxHasher,
        out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        for bytes in &self.pending {
            hasher.write(bytes);
            hasher.write_usize(bytes.len());
        }
        let zipped: Vec<Vec<u8>> = self.pending.par_iter().map(|s| gzip(s)).collect();
        self.pending.clear();
        for bytes in zipped {
            out(OutputFile::bytes(
                format!("{BUNDLE_DIR}/terms/{}.bin", self.handed),
                bytes,
            ))?;
            self.handed += 1;
        }
        Ok(())
    }
}

/// The article files in id order, kept on disk until the shards are done, for the build hash.
struct DocLog {
    path: PathBuf,
    out: BufWriter<File>,
}

impl DocLog {
    fn create(path: PathBuf) -> Result<Self, SearchError> {
        let file = File::create(&path).map_err(SearchError::temp(&path))?;
        Ok(DocLog {
            out: BufWriter::with_capacity(1 << 16, file),
            path,
        })
    }

    fn push(&mut self, doc: &[u8]) -> Result<(), SearchError> {
        let mut length = Vec::with_capacity(10);
        varint(&mut length, doc.len() as u64);
        self.out
            .write_all(&length)
            .and_then(|()| self.out.write_all(doc))
            .map_err(SearchError::temp(&self.path))
    }

    /// Feeds every logged article file to `hasher`, as [`Shards::flush`] feeds a shard.
    fn hash_into(self, hasher: &mut FxHasher) -> Result<(), SearchError> {
        let error = SearchError::temp(&self.path);
        self.out.into_inner().map_err(|e| error(e.into_error()))?;
        let mut input = BufReader::with_capacity(1 << 16, File::open(&self.path).map_err(&error)?);
        let mut doc = Vec::new();
        while let Some(length) = read_varint_or_end(&mut input).map_err(&error)? {
            doc.resize(length as usize, 0);
            input.read_exact(&mut doc).map_err(&error)?;
            hasher.write(&doc);
            hasher.write_usize(doc.len());
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

fn document(r: &SearchRecord) -> Vec<u8> {
    serde_json::to_vec(&Document {
        url: &r.url,
        title: &r.headline,
        meta: &r.meta,
        text: &r.text,
        facets: &r.facets,
    })
    .expect("a search document is plain data")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
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

    /// The build hash covers the shards, then the article files, in id order; pinned so a
    /// change to how the index is built cannot change it unseen.
    #[test]
    fn the_build_hash_of_a_known_archive() {
        let files = index(sample(), "en").unwrap();
        assert_eq!(json(&files, "manifest.bin")["build"], "ae9392d1ce6f93b4");
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
