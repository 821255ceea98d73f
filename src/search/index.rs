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
//! Why not pagefind: it built the same index in about twice the time the rest of a 10,000-
//! article build takes, and a reader's first query downloaded 300–450 KB (its WebAssembly, its
//! page list). This layout adds about a third to such a build and a first query fetches under
//! 100 KB; see the README's development section.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::io::Write as _;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde::Serialize;

use super::{SearchRecord, tokens};
use crate::write::OutputFile;
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

/// Builds the index of `records` as output files under [`BUNDLE_DIR`]. `language` is the
/// site's; English plurals are folded (see [`tokens`]).
pub fn index(records: Vec<SearchRecord>, language: &str) -> Vec<OutputFile> {
    index_with(records, language, &mut Cache::default())
}

/// What indexing one article yields on its own: its terms and its gzipped article file.
struct Indexed {
    record: SearchRecord,
    terms: Vec<(String, u32)>,
    length: u32,
    doc: Vec<u8>,
}

impl Indexed {
    fn new(record: SearchRecord, english: bool) -> Self {
        let (terms, length) = count_terms(&record, english);
        let doc = gzip(&document(&record));
        Indexed {
            record,
            terms,
            length,
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
    articles: FxHashMap<String, Arc<Indexed>>,
}

/// [`index`], reusing what `cache` holds for articles that did not change, and leaving it
/// holding this index's articles.
pub fn index_with(records: Vec<SearchRecord>, language: &str, cache: &mut Cache) -> Vec<OutputFile> {
    let english = language
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("en"));
    if cache.english != english {
        cache.articles.clear();
        cache.english = english;
    }
    let mut indexed: Vec<Arc<Indexed>> = records
        .into_par_iter()
        .map(|record| match cache.articles.get(&record.url) {
            Some(known) if known.record == record => Arc::clone(known),
            _ => Arc::new(Indexed::new(record, english)),
        })
        .collect();
    indexed.sort_by(|a, b| (b.record.date.cmp(&a.record.date)).then_with(|| a.record.url.cmp(&b.record.url)));
    cache.articles = indexed.iter().map(|i| (i.record.url.clone(), Arc::clone(i))).collect();

    let lengths: Vec<u32> = indexed.iter().map(|i| i.length).collect();
    // Articles in id order, so every posting list comes out sorted by id.
    let mut dictionary: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
    for (id, article) in indexed.iter().enumerate() {
        for (term, tf) in &article.terms {
            dictionary.entry(term.as_str()).or_default().push((id as u32, *tf));
        }
    }
    let mut terms: Vec<Term> = dictionary
        .into_iter()
        .map(|(term, postings)| Term { term, postings })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.term.cmp(b.term));

    let n = indexed.len();
    let (common, kept): (Vec<_>, Vec<_>) = terms
        .into_iter()
        .partition(|t| !t.term.starts_with(FACET_MARK) && t.postings.len() > common_above(n));
    let average = lengths.iter().map(|&l| l as f64).sum::<f64>() / n.max(1) as f64;
    let scores: Vec<Vec<f64>> = kept
        .par_iter()
        .map(|t| t.scores(n, &lengths, average.max(1.0)))
        .collect();
    let best = scores.iter().flatten().copied().fold(0.0_f64, f64::max);

    let (starts, shards) = shard(&kept, &scores, best);
    let build = build_hash(&shards, indexed.iter().map(|i| &i.doc));

    let mut years: Vec<(i16, usize)> = Vec::new();
    for (id, article) in indexed.iter().enumerate() {
        let year = article.record.date.year();
        if years.last().is_none_or(|&(y, _)| y != year) {
            years.push((year, id));
        }
    }
    let manifest = Manifest {
        version: 1,
        build: &build,
        articles: n,
        english,
        shards: &starts,
        years,
        common: common.iter().map(|t| t.term).collect(),
    };
    let manifest = serde_json::to_vec(&manifest).expect("the manifest is plain data");

    let mut files: Vec<OutputFile> = Vec::with_capacity(shards.len() + indexed.len() + 1);
    files.push(OutputFile::bytes(format!("{BUNDLE_DIR}/manifest.bin"), gzip(&manifest)));
    files.par_extend(
        shards
            .par_iter()
            .enumerate()
            .map(|(i, s)| OutputFile::bytes(format!("{BUNDLE_DIR}/terms/{i}.bin"), gzip(s))),
    );
    files.par_extend(
        indexed
            .par_iter()
            .enumerate()
            .map(|(i, a)| OutputFile::bytes(format!("{BUNDLE_DIR}/docs/{i}.bin"), a.doc.clone())),
    );
    files
}

/// Facet terms start with this, which no word can, so they sort apart from words and a
/// word's prefix never reaches them.
const FACET_MARK: char = '#';

/// Above how many articles a word is too common to index.
fn common_above(articles: usize) -> usize {
    (articles / COMMON_SHARE).max(COMMON_MIN)
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

/// One term and its postings (article id, weighted count), ids ascending.
struct Term<'a> {
    term: &'a str,
    postings: Vec<(u32, u32)>,
}

impl Term<'_> {
    fn scores(&self, n: usize, lengths: &[u32], average: f64) -> Vec<f64> {
        if self.term.starts_with(FACET_MARK) {
            return vec![0.0; self.postings.len()];
        }
        let df = self.postings.len() as f64;
        let idf = (1.0 + (n as f64 - df + 0.5) / (df + 0.5)).ln();
        self.postings
            .iter()
            .map(|&(id, tf)| {
                let tf = tf as f64;
                let norm = 1.0 - B + B * lengths[id as usize] as f64 / average;
                idf * tf * (K1 + 1.0) / (tf + K1 * norm)
            })
            .collect()
    }
}

/// Encodes the terms into shards; returns each shard's first term and its bytes.
fn shard(terms: &[Term], scores: &[Vec<f64>], best: f64) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut starts = Vec::new();
    let mut shards: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    for (t, scores) in terms.iter().zip(scores) {
        if current.is_empty() {
            starts.push(t.term.to_string());
        }
        varint(&mut current, t.term.len() as u64);
        current.extend_from_slice(t.term.as_bytes());
        varint(&mut current, t.postings.len() as u64);
        let mut previous = 0;
        for (&(id, _), &score) in t.postings.iter().zip(scores) {
            let weight = if best > 0.0 {
                (score / best * 255.0).ceil().clamp(1.0, 255.0) as u8
            } else {
                1
            };
            varint(&mut current, u64::from(id - previous));
            current.push(weight);
            previous = id;
        }
        if current.len() >= SHARD_BYTES {
            shards.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        shards.push(current);
    }
    (starts, shards)
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
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

/// A hash of everything the index says, so each build's files have their own URLs.
fn build_hash<'a>(shards: &'a [Vec<u8>], docs: impl Iterator<Item = &'a Vec<u8>>) -> String {
    let mut hasher = FxHasher::default();
    for bytes in shards.iter().chain(docs) {
        hasher.write(bytes);
        hasher.write_usize(bytes.len());
    }
    format!("{:016x}", hasher.finish())
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
        let files = index(sample(), "en");
        let manifest = json(&files, "manifest.bin");
        assert_eq!(manifest["articles"], 3);
        assert_eq!(manifest["years"], serde_json::json!([[2021, 0], [2019, 2]]));
        assert_eq!(json(&files, "docs/0.bin")["url"], "b/");
        assert_eq!(json(&files, "docs/1.bin")["url"], "c/");
        assert_eq!(json(&files, "docs/2.bin")["title"], "Harbour reopens");
    }

    #[test]
    fn words_and_facet_values_are_terms_with_their_articles() {
        let files = index(sample(), "en");
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
        );
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
        let files = index(records, "en");
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
        let _ = index_with(sample(), "en", &mut cache);
        let mut edited = sample();
        edited[0].text = "The ammonia harbour reopened.".to_string();
        edited.pop();
        let again = index_with(edited.clone(), "en", &mut cache);
        assert_eq!(again, index(edited, "en"));
        assert_eq!(cache.articles.len(), 2);
    }

    #[test]
    fn the_same_archive_gives_the_same_files() {
        let a = index(sample(), "en");
        let mut reversed = sample();
        reversed.reverse();
        let b = index(reversed, "en");
        assert_eq!(a, b);
    }
}
