//! A rebuild of the search index that re-makes only what an edit changed: the files of the
//! articles whose inputs changed, and the term shards that hold their words, before and after.
//!
//! The previous index is read back from the previous output — its manifest, the old files of
//! the changed articles (whose words say which postings to take out) and the shards to patch —
//! and every other file is kept as it is. The result is byte for byte what a fresh build
//! makes, because each file of the index depends only on what it holds (see [`index`]'s
//! essay): a posting's weight on its own article and the archive's average length in whole
//! words, where a shard ends on the terms from its start, the build hash on digests of the
//! files and the shards' first terms. A patched shard is cut again, on into the shards after
//! it until a cut falls where one fell before (a new word may end a shard, a word gone may
//! merge two); the shards after a split or a merge keep their bytes under their new numbers.
//! Whenever that reasoning does not cover a change — the number of articles changed (ids
//! move), too many articles changed, the average length or a common word's standing changed,
//! a previous file missing or unreadable — the plan is given up before anything is written and
//! the index is built whole.
//!
//! [`index`]: super::index

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Deserialize;

use super::SearchRecord;
use super::index::{
    Digests, Entry, IndexReport, Indexed, Limits, Manifest, Records, SearchError, Shards, average_length, count_terms,
    decode_shard, digest, doc_path, encode_entry, gunzip, gzip, id_order, index_noting, is_common, is_english,
    shard_path, weight, years,
};
use crate::write::OutputFile;

/// What a rebuild knows of the previous build's index: its files in the previous output, and
/// which articles' files were made from the same inputs, as the build store tells.
pub trait Previous: Sync {
    /// The previous output's file at `path`, as published; `None` when there is no previous
    /// output to trust or the file cannot be read.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// Whether the article at position `i` of the records made the file of article `id` in
    /// the previous build, from the same inputs.
    fn unchanged(&self, i: usize, id: usize) -> bool;
    /// Keeps the previous file of article `id` (position `i`) as it is; false if it cannot.
    fn keep_article(&self, i: usize, id: usize) -> bool;
    /// Keeps the previous output's file at `path` as it is; false if it cannot.
    fn keep(&self, path: &str) -> bool;
    /// Notes that this build made the file `path` of article `id` from position `i`.
    fn made_article(&self, i: usize, id: usize, path: &str);
}

/// The previous build on no record: every index is built whole.
pub struct NoPrevious;

impl Previous for NoPrevious {
    fn read(&self, _: &str) -> Option<Vec<u8>> {
        None
    }
    fn unchanged(&self, _: usize, _: usize) -> bool {
        false
    }
    fn keep_article(&self, _: usize, _: usize) -> bool {
        false
    }
    fn keep(&self, _: &str) -> bool {
        false
    }
    fn made_article(&self, _: usize, _: usize, _: &str) {}
}

/// Past this share of the archive changed (one in eight), patching would touch most shards
/// anyway: the index is built whole.
const MOST_CHANGED_SHARE: usize = 8;

/// Builds the index of `records` like [`index_into`](super::index_into), re-making only the
/// files that changed since `previous` when it can, and telling `previous` which article
/// files it made.
pub fn reindex<R: Records + ?Sized>(
    records: &R,
    language: &str,
    limits: &Limits,
    previous: &dyn Previous,
    out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    let english = is_english(language);
    let why = match plan(records, english, previous)? {
        Ok(plan) => return apply(plan, records, previous, out),
        Err(why) => why,
    };
    let mut report = index_noting(
        records,
        language,
        limits,
        None,
        &|i, id| previous.made_article(i, id, &doc_path(id)),
        out,
    )?;
    report.whole_because = Some(why);
    Ok(report)
}

/// What an update writes: the changed articles' files, the patched shards and the manifest.
struct Plan {
    order: Vec<usize>,
    /// Article id, its position in the records, its gzipped file.
    docs: Vec<(usize, usize, Vec<u8>)>,
    /// Every shard of the new index, in order.
    shards: Vec<Shard>,
    manifest: Manifest,
}

/// A shard of the updated index.
enum Shard {
    /// Made again: its gzipped bytes.
    Made(Vec<u8>),
    /// The previous index's shard of this number, as it is.
    Kept(usize),
}

/// One changed article as the previous index had it and as it is now.
struct Changed {
    id: usize,
    i: usize,
    old_terms: Vec<(String, u32)>,
    old_length: u32,
    old_digest: u64,
    new: Indexed,
}

/// An article file as the index publishes it: what a rebuild reads back of a changed article.
#[derive(Deserialize)]
struct OldDocument {
    title: String,
    text: String,
    facets: BTreeMap<String, Vec<String>>,
}

/// How one term's list changes: the articles taken out, and those put in with their weights.
#[derive(Default)]
struct Patch {
    removed: Vec<u32>,
    added: Vec<(u32, u8)>,
}

/// Works out an update of the previous index, reading what it needs; else why the index must
/// be built whole. Writes nothing.
fn plan<R: Records + ?Sized>(
    records: &R,
    english: bool,
    previous: &dyn Previous,
) -> Result<Result<Plan, &'static str>, SearchError> {
    let Some(old) = previous
        .read(&format!("{}/manifest.bin", super::BUNDLE_DIR))
        .and_then(|bytes| Manifest::read(&bytes))
    else {
        return Ok(Err("no previous index of this format"));
    };
    let order = id_order(records);
    let n = order.len();
    if old.articles != n {
        return Ok(Err("the number of articles changed"));
    }
    if old.english != english || old.shards.is_empty() {
        return Ok(Err("the language changed, or the previous index had no words"));
    }
    let Some(old_digests) = Digests::from_hex(&old.digests) else {
        return Ok(Err("the previous manifest does not read"));
    };
    let changed_ids: Vec<(usize, usize)> = order
        .par_iter()
        .enumerate()
        .filter(|&(id, &i)| !previous.unchanged(i, id))
        .map(|(id, &i)| (id, i))
        .collect();
    if changed_ids.len() > n / MOST_CHANGED_SHARE + 16 {
        return Ok(Err("too many articles changed"));
    }
    let changed: Vec<Option<Changed>> = changed_ids
        .par_iter()
        .map(|&(id, i)| {
            let Some(json) = previous.read(&doc_path(id)).and_then(|b| gunzip(&b)) else {
                return Ok(None);
            };
            let Ok(doc) = serde_json::from_slice::<OldDocument>(&json) else {
                return Ok(None);
            };
            let record = SearchRecord {
                url: String::new(),
                date: records.key(i).0,
                headline: doc.title,
                text: doc.text,
                meta: BTreeMap::new(),
                facets: doc.facets,
            };
            let (old_terms, old_length) = count_terms(&record, english);
            Ok(Some(Changed {
                id,
                i,
                old_terms,
                old_length,
                old_digest: digest(id, &json),
                new: Indexed::new(&*records.record(i)?, english),
            }))
        })
        .collect::<Result<_, SearchError>>()?;
    let Some(changed) = changed.into_iter().collect::<Option<Vec<Changed>>>() else {
        return Ok(Err("a changed article's previous file does not read"));
    };
    let removed: u64 = changed.iter().map(|c| u64::from(c.old_length)).sum();
    let added: u64 = changed.iter().map(|c| u64::from(c.new.length)).sum();
    let Some(words) = old.words.checked_sub(removed).map(|w| w + added) else {
        return Ok(Err("the previous manifest's word count does not add up"));
    };
    let average = average_length(words, n);
    if average != average_length(old.words, n) {
        return Ok(Err("the average article length changed"));
    }
    let Some(patches) = patches(&changed, &old.common, average) else {
        return Ok(Err("a word too common to index gained or lost an article"));
    };
    // Each term goes to the shard whose start is the last one not after it.
    let mut by_shard: BTreeMap<usize, Vec<(&str, &Patch)>> = BTreeMap::new();
    for (term, patch) in &patches {
        let shard = old
            .shards
            .partition_point(|start| start.as_bytes() <= term.as_bytes())
            .saturating_sub(1);
        by_shard.entry(shard).or_default().push((term, patch));
    }
    let patched: Vec<Result<PatchedShard, &'static str>> = by_shard
        .par_iter()
        .map(|(&shard, patches)| patch_shard(previous, shard, patches, n))
        .collect();
    let mut patched: BTreeMap<usize, (Vec<u8>, u64)> = match patched.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(p) => p.into_iter().map(|(shard, raw, d)| (shard, (raw, d))).collect(),
        Err(why) => return Ok(Err(why)),
    };
    let mut digests = old_digests;
    let (shards, starts) = match recut(previous, &old.shards, &mut patched, &mut digests) {
        Ok(done) => done,
        Err(why) => return Ok(Err(why)),
    };
    let mut docs = Vec::with_capacity(changed.len());
    for c in changed {
        digests.docs = digests
            .docs
            .wrapping_sub(c.old_digest)
            .wrapping_add(digest(c.id, &c.new.json));
        docs.push((c.id, c.i, c.new.doc));
    }
    let manifest = Manifest {
        version: old.version,
        build: digests.build(&starts),
        articles: n,
        words,
        english,
        shards: starts,
        years: years(records, &order),
        common: old.common,
        digests: digests.hex(),
    };
    Ok(Ok(Plan {
        order,
        docs,
        shards,
        manifest,
    }))
}

/// How each term's list changes with the changed articles; `None` when a common word (left out
/// of the index) gains or loses an article, since whether it stays common depends on a count
/// the index does not keep.
fn patches(changed: &[Changed], common: &[String], average: f64) -> Option<BTreeMap<String, Patch>> {
    let mut patches: BTreeMap<String, Patch> = BTreeMap::new();
    for c in changed {
        for (term, _) in &c.old_terms {
            patches.entry(term.clone()).or_default().removed.push(c.id as u32);
        }
        for (term, tf) in &c.new.terms {
            let w = weight(term, *tf, c.new.length, average);
            patches.entry(term.clone()).or_default().added.push((c.id as u32, w));
        }
    }
    let common: HashSet<&str> = common.iter().map(String::as_str).collect();
    let mut kept = BTreeMap::new();
    for (term, mut patch) in patches {
        if common.contains(term.as_str()) {
            let mut before = patch.removed.clone();
            let mut after: Vec<u32> = patch.added.iter().map(|&(id, _)| id).collect();
            before.sort_unstable();
            after.sort_unstable();
            if before != after {
                return None;
            }
            continue;
        }
        patch.removed.sort_unstable();
        patch.added.sort_unstable();
        kept.insert(term, patch);
    }
    Some(kept)
}

/// The entries of shard `shard` of the previous index, and its digest.
fn read_shard(previous: &dyn Previous, shard: usize) -> Result<(Vec<Entry>, u64), &'static str> {
    const UNREAD: &str = "a previous shard does not read";
    let raw = previous
        .read(&shard_path(shard))
        .and_then(|b| gunzip(&b))
        .ok_or(UNREAD)?;
    let entries = decode_shard(&raw).ok_or(UNREAD)?;
    Ok((entries, digest(0, &raw)))
}

/// A shard's number, its entries with the patches applied (encoded, which takes a fraction of
/// the memory of the decoded lists: a big archive's edit patches a hundred shards or more),
/// and its previous digest.
type PatchedShard = (usize, Vec<u8>, u64);

/// The entries of shard `shard` of the previous index with `patches` applied, and the old
/// shard's digest; else why not: it cannot be read, or a word in it became common.
fn patch_shard(
    previous: &dyn Previous,
    shard: usize,
    patches: &[(&str, &Patch)],
    articles: usize,
) -> Result<PatchedShard, &'static str> {
    let (entries, old_digest) = read_shard(previous, shard)?;
    let mut lists: BTreeMap<String, Vec<(u32, u8)>> = entries.into_iter().collect();
    for (term, patch) in patches {
        let list = lists.entry(term.to_string()).or_default();
        list.retain(|(id, _)| patch.removed.binary_search(id).is_err());
        for &(id, w) in &patch.added {
            match list.binary_search_by_key(&id, |&(i, _)| i) {
                Ok(at) => list[at] = (id, w),
                Err(at) => list.insert(at, (id, w)),
            }
        }
        if list.is_empty() {
            lists.remove(*term);
        } else if is_common(term, list.len(), articles) {
            return Err("a word became too common to index");
        }
    }
    let mut raw = Vec::new();
    for (term, list) in &lists {
        encode_entry(&mut raw, term, list);
    }
    Ok((shard, raw, old_digest))
}

/// Cuts the patched shards again as a fresh build would: from the start of each patched
/// shard, through the shards after it (patched or as they were) until a shard ends where a
/// previous one ended, after which a fresh build cuts as before. A patch may thus split a
/// shard, merge it with the next or move the end between them. Returns every shard of the new
/// index and their first terms, and updates the shards' digest sum.
fn recut(
    previous: &dyn Previous,
    old_starts: &[String],
    patched: &mut BTreeMap<usize, (Vec<u8>, u64)>,
    digests: &mut Digests,
) -> Result<(Vec<Shard>, Vec<String>), &'static str> {
    let mut shards = Vec::with_capacity(old_starts.len());
    let mut starts = Vec::with_capacity(old_starts.len());
    let mut next = 0;
    while next < old_starts.len() {
        let Some(&dirty) = patched.range(next..).next().map(|(k, _)| k) else {
            break;
        };
        keep_shards(next..dirty, old_starts, &mut shards, &mut starts);
        let mut cut = Shards::default();
        let mut j = dirty;
        loop {
            let (entries, old_digest) = match patched.remove(&j) {
                Some((raw, d)) => (decode_shard(&raw).ok_or("a patched shard does not read")?, d),
                None => read_shard(previous, j)?,
            };
            digests.terms = digests.terms.wrapping_sub(old_digest);
            for (term, list) in &entries {
                cut.entry(term, list);
            }
            j += 1;
            if cut.at_cut() || j == old_starts.len() {
                break;
            }
        }
        cut.cut();
        for raw in cut.pending {
            digests.terms = digests.terms.wrapping_add(digest(0, &raw));
            shards.push(Shard::Made(gzip(&raw)));
        }
        starts.extend(cut.starts);
        next = j;
    }
    keep_shards(next..old_starts.len(), old_starts, &mut shards, &mut starts);
    if starts.is_empty() {
        return Err("the index lost every word");
    }
    Ok((shards, starts))
}

/// Keeps the previous shards numbered `range` as they are.
fn keep_shards(
    range: std::ops::Range<usize>,
    old_starts: &[String],
    shards: &mut Vec<Shard>,
    starts: &mut Vec<String>,
) {
    for (kept, start) in old_starts.iter().enumerate().take(range.end).skip(range.start) {
        shards.push(Shard::Kept(kept));
        starts.push(start.clone());
    }
}

/// Writes the plan's files and keeps every other file of the previous index.
fn apply<R: Records + ?Sized>(
    plan: Plan,
    records: &R,
    previous: &dyn Previous,
    out: &mut dyn FnMut(OutputFile) -> Result<(), SearchError>,
) -> Result<IndexReport, SearchError> {
    let remade: HashSet<usize> = plan.docs.iter().map(|&(id, _, _)| id).collect();
    let docs = plan.docs.len();
    let shards = plan.shards.iter().filter(|s| matches!(s, Shard::Made(_))).count();
    for (id, i, bytes) in plan.docs {
        out(OutputFile::bytes(doc_path(id), bytes))?;
        previous.made_article(i, id, &doc_path(id));
    }
    for (id, &i) in plan.order.iter().enumerate() {
        if remade.contains(&id) || previous.keep_article(i, id) {
            continue;
        }
        // Its file is not where the record says: made again, as it was.
        let english = plan.manifest.english;
        out(OutputFile::bytes(
            doc_path(id),
            Indexed::new(&*records.record(i)?, english).doc,
        ))?;
        previous.made_article(i, id, &doc_path(id));
    }
    for (i, shard) in plan.shards.into_iter().enumerate() {
        let path = shard_path(i);
        match shard {
            Shard::Made(bytes) => out(OutputFile::bytes(path, bytes))?,
            Shard::Kept(old) if old == i && previous.keep(&path) => {}
            // Moved to another number by a split or a merge before it, or not kept: its
            // previous bytes under its new number.
            Shard::Kept(old) => {
                let bytes = previous.read(&shard_path(old)).ok_or_else(|| {
                    SearchError::Write(crate::write::WriteError::Io {
                        path: shard_path(old).into(),
                        source: std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "the previous search index lost this file during the build",
                        ),
                    })
                })?;
                out(OutputFile::bytes(path, bytes))?;
            }
        }
    }
    out(plan.manifest.file())?;
    Ok(IndexReport {
        articles: plan.order.len(),
        runs: 0,
        updated: Some((docs, shards)),
        whole_because: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;
    use crate::write::Content;

    /// A previous build held in memory: its files, and its records by id.
    struct Memory {
        files: BTreeMap<String, Vec<u8>>,
        by_id: Vec<SearchRecord>,
        now: Vec<SearchRecord>,
        kept: Mutex<Vec<String>>,
    }

    impl Previous for Memory {
        fn read(&self, path: &str) -> Option<Vec<u8>> {
            self.files.get(path).cloned()
        }
        fn unchanged(&self, i: usize, id: usize) -> bool {
            self.by_id.get(id) == Some(&self.now[i])
        }
        fn keep_article(&self, i: usize, id: usize) -> bool {
            self.unchanged(i, id) && self.keep(&doc_path(id))
        }
        fn keep(&self, path: &str) -> bool {
            let there = self.files.contains_key(path);
            if there {
                self.kept.lock().unwrap().push(path.to_string());
            }
            there
        }
        fn made_article(&self, _: usize, _: usize, _: &str) {}
    }

    fn record(url: &str, date: &str, headline: &str, text: &str) -> SearchRecord {
        SearchRecord {
            url: url.to_string(),
            date: date.parse().unwrap(),
            headline: headline.to_string(),
            text: text.to_string(),
            meta: BTreeMap::new(),
            facets: BTreeMap::from([("person".to_string(), vec![format!("Person {}", url.len() % 7)])]),
        }
    }

    /// Enough articles, each with words of its own beside shared ones, for dozens of shards.
    fn archive() -> Vec<SearchRecord> {
        (0..1500)
            .map(|i| {
                let own: Vec<String> = (0..12).map(|k| format!("zq{i}x{k}")).collect();
                let shared: Vec<String> = (0..20).map(|k| format!("w{}", (i * 7 + k * 13) % 500)).collect();
                record(
                    &format!("{i}/"),
                    &format!("{}-{:02}-{:02}", 2015 + i % 9, 1 + i % 12, 1 + i % 28),
                    &format!("Report {}", shared[0]),
                    &format!("{} {}", own.join(" "), shared.join(" ")),
                )
            })
            .collect()
    }

    fn files_of(records: &[SearchRecord]) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        super::super::index_into(records, "en", &Limits::default(), None, &mut |f| {
            let Content::Bytes(bytes) = f.content else {
                panic!("bytes")
            };
            files.insert(f.path, bytes);
            Ok(())
        })
        .unwrap();
        files
    }

    /// The previous build's files, updated to `now`: what the staging folder would hold.
    fn rebuilt(before: &[SearchRecord], now: &[SearchRecord]) -> (BTreeMap<String, Vec<u8>>, IndexReport) {
        let files = files_of(before);
        let order = id_order(before);
        let memory = Memory {
            files,
            by_id: order.iter().map(|&i| before[i].clone()).collect(),
            now: now.to_vec(),
            kept: Mutex::new(Vec::new()),
        };
        let mut written = BTreeMap::new();
        let report = reindex(now, "en", &Limits::default(), &memory, &mut |f| {
            let Content::Bytes(bytes) = f.content else {
                panic!("bytes")
            };
            written.insert(f.path, bytes);
            Ok(())
        })
        .unwrap();
        let mut result: BTreeMap<String, Vec<u8>> = memory
            .kept
            .into_inner()
            .unwrap()
            .into_iter()
            .map(|p| {
                let bytes = memory.files[&p].clone();
                (p, bytes)
            })
            .collect();
        result.extend(written);
        (result, report)
    }

    #[test]
    fn an_edited_article_patches_its_shards_and_gives_a_fresh_builds_bytes() {
        let before = archive();
        let shards = files_of(&before).keys().filter(|p| p.contains("/terms/")).count();
        assert!(shards > 20, "{shards} shards");
        let mut now = before.clone();
        // New words, words gone, a word that appears in no other article, a new facet value.
        now[700].text = now[700].text.replace("zq700x3", "harbourmaster zq700x3 zq700x3");
        now[700].text.push_str(" ferries w17");
        now[700].facets.insert("place".into(), vec!["Kestrel Bay".into()]);
        now[3].headline = "Council meets".into();
        let (files, report) = rebuilt(&before, &now);
        let (docs, patched) = report.updated.expect("updated, not built whole");
        assert_eq!(docs, 2);
        assert!(
            patched > 0 && patched < shards / 2,
            "{patched} of {shards} shards made again"
        );
        assert!(files == files_of(&now), "the update differs from a fresh build");
    }

    #[test]
    fn an_article_that_loses_a_shards_first_or_last_term_still_matches() {
        let before = archive();
        let fresh = files_of(&before);
        let manifest = Manifest::read(&fresh[&format!("{}/manifest.bin", crate::search::BUNDLE_DIR)]).unwrap();
        // The article whose own word starts the tenth shard loses it.
        let start = &manifest.shards[10];
        let mut now = before.clone();
        let owner = now.iter().position(|r| r.text.split(' ').any(|w| w == start));
        if let Some(i) = owner {
            now[i].text = now[i].text.replace(start.as_str(), "");
        }
        let (files, _) = rebuilt(&before, &now);
        assert!(files == files_of(&now));
    }

    /// Words new to the archive, some of them words a shard ends at: shards split (and the
    /// ones after them move up a number), yet the files are a fresh build's.
    #[test]
    fn new_words_that_split_shards_still_give_a_fresh_builds_bytes() {
        let before = archive();
        let mut now = before.clone();
        // Among the articles' own words, where the shards are full enough to end.
        let new: Vec<String> = (0..1500).step_by(5).map(|i| format!("zq{i}x0n")).collect();
        assert!(
            new.iter()
                .filter(|w| super::super::index::ends_after(w, usize::MAX))
                .count()
                > 3
        );
        now[42].text.push(' ');
        now[42].text.push_str(&new.join(" "));
        let (files, report) = rebuilt(&before, &now);
        assert!(report.updated.is_some(), "{report:?}");
        assert!(files == files_of(&now), "the update differs from a fresh build");
        // A shard starts at a word that started none and is not new: some shard ends elsewhere.
        let starts = |files: &BTreeMap<String, Vec<u8>>| {
            Manifest::read(&files[&format!("{}/manifest.bin", crate::search::BUNDLE_DIR)])
                .unwrap()
                .shards
        };
        let old_starts = starts(&files_of(&before));
        assert!(
            starts(&files)
                .iter()
                .any(|s| !old_starts.contains(s) && !new.contains(s)),
            "no shard was cut elsewhere"
        );
        // And back: the words go again, shards merge.
        let (files, report) = rebuilt(&now, &before);
        assert!(report.updated.is_some(), "{report:?}");
        assert!(files == files_of(&before), "the update differs from a fresh build");
    }

    #[test]
    fn an_added_article_moves_the_ids_and_the_index_is_built_whole() {
        let before = archive();
        let mut now = before.clone();
        now.push(record("new/", "2030-01-01", "Newest", "zq0x1 ferries"));
        let (files, report) = rebuilt(&before, &now);
        assert_eq!(report.updated, None);
        assert!(files == files_of(&now));
    }

    #[test]
    fn nothing_changed_keeps_every_file() {
        let before = archive();
        let (files, report) = rebuilt(&before, &before);
        assert_eq!(report.updated, Some((0, 0)));
        assert!(files == files_of(&before));
    }

    #[test]
    fn without_a_previous_index_it_is_built_whole() {
        let before = archive();
        let mut written = BTreeMap::new();
        let report = reindex(&before[..], "en", &Limits::default(), &NoPrevious, &mut |f| {
            written.insert(f.path.clone(), f);
            Ok(())
        })
        .unwrap();
        assert_eq!(report.updated, None);
        assert_eq!(written.len(), files_of(&before).len());
    }
}
