//! `archive.sqlite`'s full-text index, `articles_fts`: FTS5 over the articles' headline,
//! summary and body, kept in one segment for each block of [`BLOCK_ARTICLES`] articles.
//!
//! FTS5 keeps its words in segments that record their history (which segment was written
//! when, how many pages were ever written), so the same words reached by another sequence of
//! writes sit in other bytes. The published file must be byte for byte the same whether a
//! build made it whole or updated the previous one, so the index has one form its rows
//! determine: block `k` (articles `k·B + 1` to `(k + 1)·B`) is segment `k + 1`, the segment
//! FTS5's 'optimize' makes of that block's rows alone, and the segments lie on one level in
//! block order. An edit then makes again the one segment of its block (a few thousand
//! articles) instead of merging the whole archive's index, which took most of an update.
//!
//! A block's segment is made in a table of its own in a scratch database held in memory, from
//! the block's rows, and copied into `articles_fts`'s own tables under its number; the
//! index's record of its segments and its totals (rows and words, which ranking reads) are
//! then written as FTS5 writes them. FTS5 reads such an index as it reads any other: queries,
//! ranking and its own integrity check see the rows of `articles`, and a later write (by a
//! user with `sqlite-utils`, say) merges the segments as FTS5 sees fit.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

/// The full-text index, made last: after the tables, and after every row is in.
pub(super) const FULL_TEXT: &str = "
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, summary, body, content='articles', content_rowid='id');
";

/// The articles one segment covers (in an archive of up to [`MAX_SEGMENTS`] blocks of them).
/// An edit indexes its block again, some 0.1 s of work here; a query reads every segment.
pub(super) const BLOCK_ARTICLES: usize = 4096;

/// FTS5 refuses an index of more than 2,000 segments: past this many blocks, blocks grow
/// instead (an archive of more than four million articles).
const MAX_SEGMENTS: usize = 1024;

/// How much of a block's index FTS5 gathers in memory before it writes a segment (its default
/// is 1 MB): a block is gathered whole, so the only merge is the last.
const HASH_BYTES: i64 = 32 << 20;

/// The row of an FTS5 index's `_data` table holding its totals: rows, and words per column.
const TOTALS_ROW: i64 = 1;

/// The row of an FTS5 index's `_data` table holding its structure: its segments by level,
/// and how many pages were ever written (FTS5's `FTS5_STRUCTURE_ROWID`).
const STRUCTURE_ROW: i64 = 10;

/// The rows of a segment in `_data` are numbered from its id shifted left by this many bits
/// (FTS5's page, tree-height and doclist-index bits).
const SEGMENT_SHIFT: u32 = 37;

/// The columns `articles_fts` indexes.
const COLUMNS: usize = 3;

/// The scratch database a block's segment is made in, attached to the working database for
/// the length of an export.
const SCRATCH: &str = "scratch";

/// How the articles are cut into blocks, one segment each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Blocks {
    /// Articles in a block.
    size: usize,
    /// Blocks (and segments) in the index.
    count: usize,
}

impl Blocks {
    /// The blocks of an archive of `articles`, of [`BLOCK_ARTICLES`] each.
    pub(super) fn of(articles: usize) -> Blocks {
        Blocks::sized(articles, BLOCK_ARTICLES.max(articles.div_ceil(MAX_SEGMENTS)))
    }

    /// The blocks of an archive of `articles`, of `size` each.
    pub(super) fn sized(articles: usize, size: usize) -> Blocks {
        let size = size.max(1);
        Blocks {
            size,
            count: articles.div_ceil(size),
        }
    }

    /// The block of the article at archive position `position` (its id less one).
    pub(super) fn holding(&self, position: usize) -> usize {
        position / self.size
    }

    /// The first and last article id of block `k` (the last block's may lie past the archive's
    /// last article).
    fn ids(&self, k: usize) -> (i64, i64) {
        let first = k * self.size + 1;
        (first as i64, ((k + 1) * self.size) as i64)
    }
}

/// Attaches the scratch database a block's segment is made in; outside a transaction.
pub(super) fn attach_scratch(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(&format!("ATTACH DATABASE ':memory:' AS {SCRATCH};"))
}

/// Detaches the scratch database, freeing its memory; outside a transaction.
pub(super) fn detach_scratch(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(&format!("DETACH DATABASE {SCRATCH};"))
}

/// Makes the full-text index of every block from the rows of `articles`, into an index with
/// nothing in it (a clean export's, just created).
pub(super) fn index_all(tx: &Connection, blocks: Blocks) -> rusqlite::Result<()> {
    let mut segments = Vec::with_capacity(blocks.count);
    for k in 0..blocks.count {
        segments.push(index_block(tx, blocks, k)?);
    }
    write_summary(tx, &segments)
}

/// Makes again the segments of the blocks holding the articles at positions `changed`, in an
/// index of `blocks` in the form [`index_all`] leaves, from the rows of `articles` as they
/// now are. False, with nothing changed, when the index is in another form (over another
/// number of articles, or merged by a write of FTS5's own): it must then be made whole. A
/// file another version of dateline made is never updated (the build store starts afresh).
pub(super) fn reindex(tx: &Connection, blocks: Blocks, changed: &[usize]) -> rusqlite::Result<bool> {
    let Some(mut segments) = read_structure(tx)?.filter(|s| s.is_canonical(blocks)) else {
        return Ok(false);
    };
    let touched: BTreeSet<usize> = changed.iter().map(|&i| blocks.holding(i)).collect();
    if touched.last().is_some_and(|&k| k >= blocks.count) {
        return Ok(false);
    }
    for k in touched {
        forget_block(tx, blocks, k)?;
        segments.segments[k] = index_block(tx, blocks, k)?;
    }
    write_summary(tx, &segments.segments)?;
    Ok(true)
}

/// Removes block `k`'s segment and its articles' sizes from `articles_fts`.
fn forget_block(tx: &Connection, blocks: Blocks, k: usize) -> rusqlite::Result<()> {
    let (first, last) = segment_rows(k as i64 + 1);
    tx.execute(
        "DELETE FROM articles_fts_data WHERE id >= ?1 AND id < ?2",
        params![first, last],
    )?;
    tx.execute("DELETE FROM articles_fts_idx WHERE segid = ?1", [k as i64 + 1])?;
    let (from, to) = blocks.ids(k);
    tx.execute(
        "DELETE FROM articles_fts_docsize WHERE id BETWEEN ?1 AND ?2",
        params![from, to],
    )?;
    Ok(())
}

/// The `_data` row ids of segment `id`: from the first, up to (not including) the second.
fn segment_rows(id: i64) -> (i64, i64) {
    (id << SEGMENT_SHIFT, (id + 1) << SEGMENT_SHIFT)
}

/// Makes block `k`'s segment in the scratch database and copies it, as segment `k + 1`, into
/// `articles_fts`, with the block's articles' sizes.
fn index_block(tx: &Connection, blocks: Blocks, k: usize) -> rusqlite::Result<Segment> {
    let (from, to) = blocks.ids(k);
    // Contentless: the words are all the segment needs, and the rows are read from `articles`.
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS {SCRATCH}.block;
         CREATE VIRTUAL TABLE {SCRATCH}.block USING fts5(headline, summary, body, content='');
         INSERT INTO {SCRATCH}.block(block, rank) VALUES ('hashsize', {HASH_BYTES});"
    ))?;
    tx.prepare_cached(&format!(
        "INSERT INTO {SCRATCH}.block(rowid, headline, summary, body)
           SELECT id, headline, summary, body FROM main.articles WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
    ))?
    .execute(params![from, to])?;
    // A segment FTS5 writes straight from memory breaks its pages otherwise than one it
    // merges from others, and 'optimize' leaves a lone segment as it is. Taking the first
    // article's words out and putting them in again adds segments, so that the block's is
    // always the product of one merge.
    tx.prepare_cached(&format!(
        "INSERT INTO {SCRATCH}.block(block, rowid, headline, summary, body)
           SELECT 'delete', id, headline, summary, body FROM main.articles WHERE id = ?1"
    ))?
    .execute([from])?;
    tx.prepare_cached(&format!(
        "INSERT INTO {SCRATCH}.block(rowid, headline, summary, body)
           SELECT id, headline, summary, body FROM main.articles WHERE id = ?1"
    ))?
    .execute([from])?;
    tx.execute_batch(&format!("INSERT INTO {SCRATCH}.block(block) VALUES ('optimize');"))?;
    let record: Vec<u8> = tx.query_row(
        &format!("SELECT block FROM {SCRATCH}.block_data WHERE id = ?1"),
        [STRUCTURE_ROW],
        |r| r.get(0),
    )?;
    let made = Structure::read(&record)
        .and_then(|s| match s.segments[..] {
            [one] => Some(one),
            _ => None,
        })
        .ok_or_else(|| corrupt("FTS5 did not merge a block of articles into one segment"))?;
    let id = k as i64 + 1;
    let (first, last) = segment_rows(made.id as i64);
    let shift = (id << SEGMENT_SHIFT) - first;
    tx.prepare_cached(&format!(
        "INSERT INTO main.articles_fts_data(id, block)
           SELECT id + ?1, block FROM {SCRATCH}.block_data WHERE id >= ?2 AND id < ?3 ORDER BY id"
    ))?
    .execute(params![shift, first, last])?;
    tx.prepare_cached(&format!(
        "INSERT INTO main.articles_fts_idx(segid, term, pgno)
           SELECT ?1, term, pgno FROM {SCRATCH}.block_idx WHERE segid = ?2 ORDER BY term"
    ))?
    .execute(params![id, made.id as i64])?;
    tx.prepare_cached(&format!(
        "INSERT INTO main.articles_fts_docsize(id, sz) SELECT id, sz FROM {SCRATCH}.block_docsize ORDER BY id"
    ))?
    .execute([])?;
    tx.execute_batch(&format!("DROP TABLE {SCRATCH}.block;"))?;
    Ok(Segment { id: id as u64, ..made })
}

/// An error for an index FTS5 left in a form it should not have.
fn corrupt(what: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some(what.to_string()),
    )
}

/// Writes the index's totals, from its articles' sizes, and its structure, `segments` on one
/// level in order.
fn write_summary(tx: &Connection, segments: &[Segment]) -> rusqlite::Result<()> {
    let cookie = read_structure(tx)?
        .map(|s| s.cookie)
        .ok_or_else(|| corrupt("the full-text index has no structure record FTS5 can read"))?;
    let structure = Structure {
        cookie,
        levels: u64::from(!segments.is_empty()),
        segments: segments.to_vec(),
    };
    tx.execute(
        "UPDATE articles_fts_data SET block = ?1 WHERE id = ?2",
        params![structure.write(), STRUCTURE_ROW],
    )?;
    tx.execute(
        "UPDATE articles_fts_data SET block = ?1 WHERE id = ?2",
        params![totals(tx)?, TOTALS_ROW],
    )?;
    Ok(())
}

/// FTS5's record of the index's totals: the number of rows, then each column's number of
/// words, summed from every row's sizes (its `_docsize` record, a varint for each column).
fn totals(tx: &Connection) -> rusqlite::Result<Vec<u8>> {
    let mut rows = 0u64;
    let mut words = [0u64; COLUMNS];
    let mut query = tx.prepare_cached("SELECT sz FROM articles_fts_docsize")?;
    let mut found = query.query([])?;
    while let Some(row) = found.next()? {
        let sizes = row.get_ref(0)?.as_blob()?;
        let mut at = 0;
        for column in &mut words {
            *column += varint(sizes, &mut at).ok_or_else(|| corrupt("an article's sizes in the full-text index"))?;
        }
        rows += 1;
    }
    let mut out = Vec::new();
    put_varint(&mut out, rows);
    for column in words {
        put_varint(&mut out, column);
    }
    Ok(out)
}

fn read_structure(tx: &Connection) -> rusqlite::Result<Option<Structure>> {
    let record: Vec<u8> = tx.query_row(
        "SELECT block FROM articles_fts_data WHERE id = ?1",
        [STRUCTURE_ROW],
        |r| r.get(0),
    )?;
    Ok(Structure::read(&record))
}

/// FTS5's structure record: a four-byte configuration cookie, then varints: levels,
/// segments, pages written, and for each level the segments being merged, its segments, and
/// each segment's id, first and last page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Structure {
    cookie: [u8; 4],
    levels: u64,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    id: u64,
    first_page: u64,
    last_page: u64,
}

impl Structure {
    /// `None` for a record in another form (a later FTS5's, one with segments being merged,
    /// or not a structure at all).
    fn read(record: &[u8]) -> Option<Structure> {
        let cookie: [u8; 4] = record.get(..4)?.try_into().ok()?;
        let mut at = 4;
        let mut next = || varint(record, &mut at);
        let levels = next()?;
        let count = next()?;
        let _pages_written = next()?;
        let mut segments = Vec::new();
        for _ in 0..levels {
            if next()? != 0 {
                return None;
            }
            for _ in 0..next()? {
                segments.push(Segment {
                    id: next()?,
                    first_page: next()?,
                    last_page: next()?,
                });
            }
        }
        (segments.len() as u64 == count && at == record.len()).then_some(Structure {
            cookie,
            levels,
            segments,
        })
    }

    /// Whether this is the structure of an index of `blocks` as [`index_all`] makes it: one
    /// segment a block, numbered from 1 in block order.
    fn is_canonical(&self, blocks: Blocks) -> bool {
        self.segments.len() == blocks.count
            && self.levels == u64::from(blocks.count > 0)
            && self.segments.iter().zip(1..).all(|(s, id)| s.id == id)
    }

    /// The record, with as many pages written as the segments hold.
    fn write(&self) -> Vec<u8> {
        let mut out = self.cookie.to_vec();
        let pages: u64 = self.segments.iter().map(|s| s.last_page + 1 - s.first_page).sum();
        for v in [self.levels, self.segments.len() as u64, pages] {
            put_varint(&mut out, v);
        }
        if self.levels > 0 {
            put_varint(&mut out, 0);
            put_varint(&mut out, self.segments.len() as u64);
            for s in &self.segments {
                for v in [s.id, s.first_page, s.last_page] {
                    put_varint(&mut out, v);
                }
            }
        }
        out
    }
}

/// Reads one of SQLite's varints (big-endian, seven bits a byte, the ninth byte whole) at `at`.
fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for i in 0..9 {
        let b = *bytes.get(*at)?;
        *at += 1;
        if i == 8 {
            return Some((value << 8) | u64::from(b));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    Some(value)
}

/// Writes `value` as one of SQLite's varints; the values here (counts of pages, rows and
/// words) never need the ninth byte.
fn put_varint(out: &mut Vec<u8>, value: u64) {
    let mut groups = vec![(value & 0x7f) as u8];
    let mut rest = value >> 7;
    while rest != 0 {
        groups.push((rest & 0x7f) as u8 | 0x80);
        rest >>= 7;
    }
    out.extend(groups.iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of `articles` only (and its full-text index, empty), with `rows` articles
    /// whose words repeat enough for a block's segment to span many pages.
    fn articles_db(rows: i64) -> Connection {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch("CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT, summary TEXT, body TEXT);")
            .unwrap();
        db.execute_batch(FULL_TEXT).unwrap();
        for id in 1..=rows {
            let body: String = (0..400)
                .map(|w| format!("harbour{} council{} ", (id * 7 + w) % 211, w % 13))
                .collect();
            let summary = (id % 3 == 0).then(|| format!("Summary of notice {id}"));
            db.execute(
                "INSERT INTO articles (id, headline, summary, body) VALUES (?1, ?2, ?3, ?4)",
                params![id, format!("Ferry {id}"), summary, body],
            )
            .unwrap();
        }
        attach_scratch(&db).unwrap();
        db
    }

    fn vacuumed(db: &Connection) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.sqlite");
        db.execute("VACUUM INTO ?1", [out.to_string_lossy()]).unwrap();
        std::fs::read(out).unwrap()
    }

    fn integrity(db: &Connection) {
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", [])
            .unwrap();
    }

    /// Every article matching `word`, best first, with its score.
    fn ranked(db: &Connection, table: &str, word: &str) -> Vec<(i64, String)> {
        db.prepare(&format!(
            "SELECT rowid, printf('%.12f', rank) FROM {table} WHERE {table} MATCH ?1 ORDER BY rank, rowid"
        ))
        .unwrap()
        .query_map([word], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    const EDITS: [(i64, &str); 3] = [(40, " lighthouse"), (41, " lighthouse keeper"), (117, " harbour3 pier")];

    fn edit(db: &Connection, id: i64, words: &str) {
        db.execute(
            "UPDATE articles SET body = body || ?1 WHERE id = ?2",
            params![words, id],
        )
        .unwrap();
    }

    /// An index made whole after edits and one updated block by block are the same bytes;
    /// either answers queries and ranks as an index FTS5 writes itself would.
    #[test]
    fn an_index_updated_block_by_block_is_the_bytes_of_one_made_whole() {
        let blocks = Blocks::sized(120, 16);
        assert_eq!(blocks.count, 8);
        let clean = articles_db(120);
        for (id, words) in EDITS {
            edit(&clean, id, words);
        }
        index_all(&clean, blocks).unwrap();
        integrity(&clean);
        let updated = articles_db(120);
        index_all(&updated, blocks).unwrap();
        for (id, words) in EDITS {
            edit(&updated, id, words);
        }
        // Positions: ids less one; 40 and 41 share a block, 117 is in the last, short one.
        assert!(reindex(&updated, blocks, &[39, 40, 116]).unwrap());
        integrity(&updated);
        assert!(vacuumed(&clean) == vacuumed(&updated), "an updated index differs");
        // The same rows indexed by FTS5 on its own: the same matches, in the same order, with
        // the same scores (which read the totals and every row's sizes).
        clean
            .execute_batch(
                "CREATE VIRTUAL TABLE plain USING fts5(headline, summary, body, content='articles', content_rowid='id');
                 INSERT INTO plain(plain) VALUES ('rebuild');",
            )
            .unwrap();
        for word in [
            "lighthouse",
            "harbour3",
            "council4",
            "ferry",
            "notice",
            "NEAR(lighthouse keeper)",
        ] {
            let ours = ranked(&updated, "articles_fts", word);
            assert!(!ours.is_empty(), "{word}");
            assert_eq!(ours, ranked(&clean, "plain", word), "{word}");
        }
        // Both edited articles found, the shorter first.
        assert_eq!(
            ranked(&updated, "articles_fts", "lighthouse")
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>(),
            [40, 41]
        );
    }

    /// One segment a block, on one level, numbered in block order.
    #[test]
    fn each_block_is_a_segment_of_its_own() {
        let db = articles_db(40);
        index_all(&db, Blocks::sized(40, 16)).unwrap();
        let s = read_structure(&db).unwrap().unwrap();
        assert_eq!(s.levels, 1);
        assert_eq!(s.segments.iter().map(|s| s.id).collect::<Vec<_>>(), [1, 2, 3]);
        let in_segment = |id: i64| -> i64 {
            let (first, last) = segment_rows(id);
            db.query_row(
                "SELECT count(*) FROM articles_fts_data WHERE id >= ?1 AND id < ?2",
                [first, last],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!((1..=3).all(|id| in_segment(id) > 0));
        assert_eq!(in_segment(4), 0);
        // The last block's segment holds articles 33 to 40 only.
        let rows: Vec<i64> = db
            .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ferry' ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows, (1..=40).collect::<Vec<_>>());
    }

    /// An index cut into other blocks (another version's, or another archive's) is not
    /// updated but left to be made whole, unchanged.
    #[test]
    fn an_index_of_other_blocks_is_not_updated() {
        let db = articles_db(40);
        index_all(&db, Blocks::sized(40, 16)).unwrap();
        let before = vacuumed(&db);
        assert!(!reindex(&db, Blocks::sized(40, 8), &[3]).unwrap());
        assert!(!reindex(&db, Blocks::sized(60, 16), &[3]).unwrap());
        assert!(before == vacuumed(&db));
        // One merged into a single segment by FTS5, as a user's 'optimize' leaves it.
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')", [])
            .unwrap();
        integrity(&db);
        assert!(!reindex(&db, Blocks::sized(40, 16), &[3]).unwrap());
    }

    #[test]
    fn an_empty_index_has_no_segment_and_reads_back() {
        let db = articles_db(0);
        index_all(&db, Blocks::of(0)).unwrap();
        integrity(&db);
        let s = read_structure(&db).unwrap().unwrap();
        assert_eq!((s.levels, s.segments.len()), (0, 0));
        assert!(reindex(&db, Blocks::of(0), &[]).unwrap());
    }

    #[test]
    fn blocks_grow_past_the_segments_fts5_reads() {
        assert_eq!(Blocks::of(100_000).count, 25);
        assert_eq!(Blocks::of(100_000).holding(4096), 1);
        let huge = Blocks::of(10_000_000);
        assert!(huge.count <= MAX_SEGMENTS && huge.size > BLOCK_ARTICLES);
    }

    #[test]
    fn the_structure_record_reads_back_as_written() {
        let s = Structure {
            cookie: [0, 0, 0, 1],
            levels: 1,
            segments: vec![
                Segment {
                    id: 1,
                    first_page: 1,
                    last_page: 8168,
                },
                Segment {
                    id: 2,
                    first_page: 1,
                    last_page: 3,
                },
            ],
        };
        let record = s.write();
        assert_eq!(record, [0, 0, 0, 1, 1, 2, 191, 107, 0, 2, 1, 1, 191, 104, 2, 1, 3]);
        assert_eq!(Structure::read(&record), Some(s));
        // Cut short; a level being merged.
        assert_eq!(Structure::read(&record[..12]), None);
        let mut merging = record.clone();
        merging[8] = 1;
        assert_eq!(Structure::read(&merging), None);
        for v in [0, 1, 127, 128, 16_383, 16_384, 1 << 31, 1 << 50] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(varint(&out, &mut 0), Some(v));
        }
    }
}
