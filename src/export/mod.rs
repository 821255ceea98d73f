//! Export: the archive as data, `archive.sqlite`, for researchers and data journalists who want
//! to query the archive rather than read it.
//!
//! A build makes the database in a working file beside its staging folder, reading the articles'
//! text back one at a time, and hands it on as one output file to move in ([`sqlite_file`]); the
//! preview server and `check` make it in memory ([`sqlite`]). Either way it goes through the
//! same staging as every page and a failed build never leaves half a database. Its
//! shape follows what Datasette and `sqlite-utils` expect without configuration: integer
//! primary keys, declared foreign keys (which Datasette turns into links), one table per kind
//! of thing, and a full-text index named `articles_fts` over `articles` with
//! `content='articles'`, which both tools find and search. The schema is in the README.
//!
//! The bytes are reproducible: rows go in in archive order, nothing records the time, the
//! schema's version number is set to a fixed one, and a final `VACUUM` (`VACUUM INTO` the
//! published file) lays the pages out afresh, so the same archive gives the same file.
//!
//! A rebuild after an edit need not read every article again: [`sqlite_file_updated`] starts
//! from the previous build's database (its working copy, which the build store keeps, else
//! a copy of the published file) and replaces the rows of the changed articles only. Every
//! number a clean export hands out in sequence (entity ids by first appearance, figure, quote
//! and note ids, the hidden row numbers of the link tables) is then put back in that sequence,
//! and the changed articles' words are taken out of the full-text index and put in again. The
//! same `VACUUM INTO` follows: the file is byte for byte a clean export's.
//!
//! The full-text index needs care of its own. FTS5 keeps its words in segments that record
//! their history (which segment was written when, how many pages were ever written), so the
//! same words reached by another sequence of writes sit in other bytes. Both ways of making
//! the file therefore end the same way ([`settle_full_text`]): every segment merged into one
//! (FTS5's 'optimize', whose merged segment depends only on the rows indexed), and that
//! segment's history written as one fixed record. Merging costs about a quarter of indexing
//! every article afresh, which an update no longer does.

use std::collections::BTreeMap;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::model::{Archive, BlockRole, EntityKind, Story};

/// Why the database could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// SQLite itself failed: out of memory, or a bug.
    #[error("cannot build archive.sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An article's text could not be read back from the build's working file.
    #[error("cannot build archive.sqlite: {0}")]
    Text(#[from] crate::model::TextError),
    /// The database's working file could not be made.
    #[error(
        "cannot build archive.sqlite in {folder}: {source}\n  = help: free space there (a build makes it beside the output folder and keeps its working database in the site's .dateline/ folder; else it is made in the temporary folder, which TMPDIR names)"
    )]
    Temp { folder: PathBuf, source: std::io::Error },
}

/// The tables, in an order that satisfies their foreign keys.
pub const SCHEMA: &str = "
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  headline TEXT NOT NULL,
  date TEXT NOT NULL,
  updated TEXT,
  summary TEXT,
  body TEXT NOT NULL,
  source_file TEXT NOT NULL
);
CREATE TABLE bylines (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);
CREATE TABLE datelines (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  raw TEXT NOT NULL,
  place TEXT,
  agency TEXT,
  date TEXT
);
CREATE TABLE tags (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (article_id, tag)
);
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE organisations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE article_people (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  role TEXT,
  declared INTEGER NOT NULL,
  PRIMARY KEY (article_id, person_id)
);
CREATE TABLE article_places (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  place_id INTEGER NOT NULL REFERENCES places(id),
  declared INTEGER NOT NULL,
  PRIMARY KEY (article_id, place_id)
);
CREATE TABLE article_organisations (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  declared INTEGER NOT NULL,
  PRIMARY KEY (article_id, organisation_id)
);
CREATE TABLE figures (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  position INTEGER NOT NULL,
  src TEXT,
  title TEXT,
  caption TEXT NOT NULL,
  credit TEXT,
  photographers TEXT,
  agencies TEXT,
  distributor TEXT,
  place TEXT,
  date TEXT
);
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT,
  person_id INTEGER REFERENCES people(id)
);
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  anchor TEXT NOT NULL,
  kind TEXT NOT NULL,
  quote TEXT NOT NULL,
  note TEXT NOT NULL,
  author TEXT,
  date TEXT,
  link TEXT
);
";

/// The indexes on the tables, made once their rows are in: SQLite builds an index from
/// sorted rows far faster than it keeps one up to date row by row. They are made in this
/// order whenever they are made, and `VACUUM` lays out the tables and then the indexes in the
/// order they were made, so the file is the same as if they had been there from the start.
const INDEXES: &str = "
CREATE INDEX bylines_name ON bylines(name);
CREATE INDEX article_people_person ON article_people(person_id);
CREATE INDEX article_places_place ON article_places(place_id);
CREATE INDEX article_organisations_organisation ON article_organisations(organisation_id);
CREATE INDEX figures_article ON figures(article_id);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_person ON quotes(person_id);
CREATE INDEX annotations_article ON annotations(article_id);
";

/// The full-text index, made last: after the tables, and after every row is in.
const FULL_TEXT: &str = "
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, summary, body, content='articles', content_rowid='id');
";

/// How much of the full-text index FTS5 gathers in memory before it writes a segment (its
/// default is 1 MB): fewer, larger segments, so less merging of them.
const FULL_TEXT_HASH_BYTES: i64 = 32 << 20;

/// Makes the full-text index from the rows of `articles`, after every row is in.
fn index_text(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?1)",
        [FULL_TEXT_HASH_BYTES],
    )?;
    tx.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')", [])?;
    settle_full_text(tx)?;
    Ok(())
}

/// Takes article `id`'s words out of the full-text index, while its row still holds the text
/// they were indexed from (an index with `content='articles'` is told what to forget).
fn unindex_article(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO articles_fts(articles_fts, rowid, headline, summary, body)
           SELECT 'delete', id, headline, summary, body FROM articles WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Puts article `id`'s words in the full-text index, from its row.
fn index_article(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO articles_fts(rowid, headline, summary, body)
           SELECT id, headline, summary, body FROM articles WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// The row of `articles_fts_data` holding the index's structure: its segments by level, and
/// how many pages were ever written (FTS5's `FTS5_STRUCTURE_ROWID`).
const STRUCTURE_ROW: i64 = 10;

/// The rows of a segment in `articles_fts_data` are numbered from its id shifted left by this
/// many bits (FTS5's page, tree-height and doclist-index bits).
const SEGMENT_SHIFT: u32 = 37;

/// Brings the full-text index to the one form its rows determine, whatever writes made it: one
/// segment, numbered 1, on the first level, with as many pages written as it holds. FTS5 reads
/// any such index alike; only the bytes of history differ. Returns whether the index has that
/// form (an empty one has no segment and is left as it is).
fn settle_full_text(tx: &Connection) -> rusqlite::Result<bool> {
    // A segment FTS5 writes straight from memory breaks its pages other than one it merges
    // from others, and 'optimize' leaves a lone segment as it is. Taking out the first
    // article's words and putting them in again adds segments, so that the index is always
    // the product of one last merge, whether it was written at once or updated.
    let first: Option<i64> = tx.query_row("SELECT min(id) FROM articles", [], |r| r.get(0))?;
    if let Some(id) = first {
        unindex_article(tx, id)?;
        index_article(tx, id)?;
    }
    tx.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')", [])?;
    let record: Vec<u8> = tx.query_row(
        "SELECT block FROM articles_fts_data WHERE id = ?1",
        [STRUCTURE_ROW],
        |r| r.get(0),
    )?;
    let Some(structure) = Structure::read(&record) else {
        return Ok(false);
    };
    let Some(segment) = structure.only_segment else {
        return Ok(structure.segments == 0);
    };
    if segment.id != 1 {
        let first = (segment.id as i64) << SEGMENT_SHIFT;
        tx.execute(
            "UPDATE articles_fts_data SET id = id - ?1 WHERE id >= ?2 AND id < ?3",
            params![first - (1 << SEGMENT_SHIFT), first, first + (1 << SEGMENT_SHIFT)],
        )?;
        tx.execute(
            "UPDATE articles_fts_idx SET segid = 1 WHERE segid = ?1",
            [segment.id as i64],
        )?;
    }
    let settled = Structure::settled(structure.cookie, segment.first_page, segment.last_page);
    if settled != record {
        tx.execute(
            "UPDATE articles_fts_data SET block = ?1 WHERE id = ?2",
            params![settled, STRUCTURE_ROW],
        )?;
    }
    Ok(true)
}

/// What [`settle_full_text`] needs of FTS5's structure record: a four-byte configuration
/// cookie, then varints: levels, segments, pages written, and for each level the segments
/// being merged, its segments, and each segment's id, first and last page.
#[derive(Debug, PartialEq, Eq)]
struct Structure {
    cookie: [u8; 4],
    segments: u64,
    only_segment: Option<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    id: u64,
    first_page: u64,
    last_page: u64,
}

impl Structure {
    /// `None` for a record in another form (a later FTS5's, or not a structure at all).
    fn read(record: &[u8]) -> Option<Structure> {
        let cookie: [u8; 4] = record.get(..4)?.try_into().ok()?;
        let mut at = 4;
        let mut next = || varint(record, &mut at);
        let levels = next()?;
        let segments = next()?;
        let _pages_written = next()?;
        let mut found = Vec::new();
        for _ in 0..levels {
            let _merging = next()?;
            for _ in 0..next()? {
                found.push(Segment {
                    id: next()?,
                    first_page: next()?,
                    last_page: next()?,
                });
            }
        }
        (found.len() as u64 == segments && at == record.len()).then_some(Structure {
            cookie,
            segments,
            only_segment: (found.len() == 1).then(|| found[0]),
        })
    }

    /// The record of an index of one segment, numbered 1, of pages `first..=last`, on the
    /// first level, with as many pages written as it holds.
    fn settled(cookie: [u8; 4], first: u64, last: u64) -> Vec<u8> {
        let mut out = cookie.to_vec();
        for v in [1, 1, last, 0, 1, 1, first, last] {
            put_varint(&mut out, v);
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

/// Writes `value` as one of SQLite's varints; the values here (page counts) never need the
/// ninth byte.
fn put_varint(out: &mut Vec<u8>, value: u64) {
    let mut groups = vec![(value & 0x7f) as u8];
    let mut rest = value >> 7;
    while rest != 0 {
        groups.push((rest & 0x7f) as u8 | 0x80);
        rest >>= 7;
    }
    out.extend(groups.iter().rev());
}

/// The schema version the published file is made from. SQLite counts every change to the
/// schema in the file's header; a clean export and an update make different numbers of
/// changes, so both set this one before the final `VACUUM INTO`.
const SCHEMA_VERSION: u32 = 1000;

/// `archive.sqlite` for the archive, as bytes (for the preview server and `check`). It is made
/// the way a build makes it, in a working file in the temporary folder and compacted with
/// `VACUUM INTO`, and read back: an in-memory database compacted with `VACUUM` holds the same
/// rows but not the same bytes, and the preview must serve the file a build publishes.
pub fn sqlite(archive: &Archive, absolute: &dyn Fn(&str) -> String) -> Result<Vec<u8>, ExportError> {
    let folder = std::env::temp_dir();
    let file = sqlite_file(archive, absolute, &folder)?;
    std::fs::read(&file).map_err(|source| ExportError::Temp { folder, source })
}

/// `archive.sqlite` for the archive, as a file in `folder` (a build's scratch folder, or the temporary folder) that is
/// removed when the returned path is dropped. A build makes it this way: the database grows
/// with the archive (some 7 KB an article), and in memory it would be held twice over at the
/// end, by SQLite and by its bytes.
pub fn sqlite_file(
    archive: &Archive,
    absolute: &dyn Fn(&str) -> String,
    folder: &Path,
) -> Result<tempfile::TempPath, ExportError> {
    let work = temp_in(folder, ".work.sqlite")?;
    sqlite_file_kept(archive, absolute, folder, &work)
}

/// [`sqlite_file`] made from a working database at `work` (whatever was there is replaced),
/// which is left there: a build keeps it for the next one to update ([`sqlite_file_updated`]).
pub fn sqlite_file_kept(
    archive: &Archive,
    absolute: &dyn Fn(&str) -> String,
    folder: &Path,
    work: &Path,
) -> Result<tempfile::TempPath, ExportError> {
    let out = temp_in(folder, ".sqlite")?;
    match std::fs::remove_file(work) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(ExportError::Temp {
                folder: work.parent().unwrap_or(folder).to_path_buf(),
                source: e,
            });
        }
        _ => {}
    }
    let mut db = open_working(work, rusqlite::OpenFlags::default())?;
    fill(&mut db, archive, absolute)?;
    publish(&db, &out)?;
    Ok(out)
}

/// The page size of the working database, and so of the published file (`VACUUM INTO` keeps
/// it): four times SQLite's default. A rebuild's full-text merge and `VACUUM INTO` read and
/// write every page of some 700 MB at 100,000 articles; with pages of this size they take a
/// quarter less time, and the file is a tenth smaller.
const PAGE_BYTES: i64 = 16384;

/// The working database's page cache, in KiB, whatever the archive's size. The merge and
/// `VACUUM INTO` of a rebuild hold some five times the cache at their peak with pages of
/// [`PAGE_BYTES`] (twice it with SQLite's default pages): with 6 MB they hold less than they
/// did with 4 KB pages and a cache of 16 MB, and take no longer.
const CACHE_KIB: i64 = 6144;

/// Opens the working database at `work`: a file nothing else reads while the build runs, so
/// no journal, no waiting for the disk, and a page cache of [`CACHE_KIB`]. A new file gets
/// pages of [`PAGE_BYTES`]; an existing one keeps its own.
fn open_working(work: &Path, flags: rusqlite::OpenFlags) -> rusqlite::Result<Connection> {
    let db = Connection::open_with_flags(work, flags)?;
    db.execute_batch(&format!(
        "PRAGMA page_size = {PAGE_BYTES}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -{CACHE_KIB};"
    ))?;
    Ok(db)
}

/// A new file in `folder`, removed when its path is dropped. It is readable by all, as every
/// other file of the site is: the published copy keeps its mode, and a web server running as
/// another user must be able to serve it (a temporary file is made readable by its owner only).
fn temp_in(folder: &Path, suffix: &str) -> Result<tempfile::TempPath, ExportError> {
    let err = |source| ExportError::Temp {
        folder: folder.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix("dateline-export-").suffix(suffix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    builder
        .tempfile_in(folder)
        .map(tempfile::NamedTempFile::into_temp_path)
        .map_err(err)
}

/// Pins the schema version and writes the compacted file the build publishes: the same
/// compaction as `VACUUM`, written straight to `out`.
fn publish(db: &Connection, out: &Path) -> Result<(), ExportError> {
    db.execute_batch(&format!("PRAGMA schema_version = {SCHEMA_VERSION};"))?;
    db.execute("VACUUM INTO ?1", [out.to_string_lossy()])?;
    Ok(())
}

/// [`sqlite_file_kept`] made by updating in place the working database at `work`, which
/// holds the previous build's database (its working copy, or the published file) of an archive
/// with as many stories, in which only the stories at positions `changed` may differ.
/// `Ok(None)` when `work` is not such a file: the database must be made whole.
pub fn sqlite_file_updated(
    archive: &Archive,
    absolute: &dyn Fn(&str) -> String,
    folder: &Path,
    work: &Path,
    changed: &[usize],
) -> Result<Option<tempfile::TempPath>, ExportError> {
    // Never made here: a file that is not there is not updated.
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(mut db) = open_working(work, flags) else {
        return Ok(None);
    };
    let count = db.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0));
    if count.ok() != Some(archive.stories.len() as i64) {
        return Ok(None);
    }
    // Pages of another size (a file another version made): made whole, so that the published
    // file is laid out as a clean export's is, not from another layout.
    let page = db.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
    if page.ok() != Some(PAGE_BYTES) {
        return Ok(None);
    }
    // Room for `insert_story`'s statements and the update's own.
    db.set_prepared_statement_cache_capacity(64);
    let tx = db.transaction()?;
    {
        let mut names = Names {
            existing: true,
            ..Names::default()
        };
        let mut changed = changed.to_vec();
        changed.sort_unstable();
        // Per table, the first article from which its rows must be numbered again; per kind
        // of entity, whether any article now names others than before, or in another order.
        let mut renumber_from: BTreeMap<&str, i64> = BTreeMap::new();
        let mut entities_moved = [false; ENTITIES.len()];
        for &i in &changed {
            let id = i as i64 + 1;
            let before = numbered_tables()
                .map(|table| Rows::of(&tx, table, id))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let named_before = ENTITIES
                .iter()
                .map(|(_, link, column)| named(&tx, link, column, id))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            unindex_article(&tx, id)?;
            for table in ARTICLE_TABLES {
                tx.execute(&format!("DELETE FROM {table} WHERE article_id = ?1"), [id])?;
            }
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            let story = archive.plain_story(i)?;
            insert_story(&tx, id, &story, absolute, &mut names)?;
            index_article(&tx, id)?;
            for (table, before) in numbered_tables().zip(&before) {
                if !before.put_back(&tx, table, id)? {
                    renumber_from.entry(table).or_insert(id);
                }
            }
            for (k, (_, link, column)) in ENTITIES.iter().enumerate() {
                entities_moved[k] |= named(&tx, link, column, id)? != named_before[k];
            }
        }
        for (table, from) in renumber_from {
            renumber(&tx, table, from)?;
        }
        for ((table, link, column), moved) in ENTITIES.into_iter().zip(entities_moved) {
            if moved {
                renumber_entities(&tx, table, link, column)?;
            }
        }
        // An index in another form than a clean export leaves cannot be published.
        if !settle_full_text(&tx)? {
            return Ok(None);
        }
    }
    tx.commit()?;
    let out = temp_in(folder, ".sqlite")?;
    publish(&db, &out)?;
    Ok(Some(out))
}

/// The tables with rows of an article, by `article_id`. All but `datelines` (one row an
/// article, keyed by it) number their rows in the order they go in, article by article:
/// figures, quotes and notes by their ids, the others by SQLite's hidden row numbers (which
/// `VACUUM INTO` keeps), so an update puts those numbers back in sequence.
const ARTICLE_TABLES: [&str; 9] = [
    "bylines",
    "datelines",
    "tags",
    "article_people",
    "article_places",
    "article_organisations",
    "figures",
    "quotes",
    "annotations",
];

/// The tables of [`ARTICLE_TABLES`] whose rows are numbered in sequence across articles: all
/// but `datelines`, whose one row an article is found by its id.
fn numbered_tables() -> impl Iterator<Item = &'static str> {
    ARTICLE_TABLES.into_iter().filter(|&t| t != "datelines")
}

/// Where an article's rows in one of [`numbered_tables`] lay before an update replaced them.
struct Rows {
    /// The number of the first, when there were any, in an unbroken run.
    first: Option<i64>,
    count: i64,
    /// Whether their numbers ran without a gap, as a clean export numbers them.
    unbroken: bool,
}

impl Rows {
    fn of(tx: &Connection, table: &str, id: i64) -> rusqlite::Result<Rows> {
        tx.prepare_cached(&format!(
            "SELECT min(rowid), max(rowid), count(*) FROM {table} WHERE article_id = ?1"
        ))?
        .query_row([id], |r| {
            let (first, last, count): (Option<i64>, Option<i64>, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(Rows {
                first,
                count,
                unbroken: match (first, last) {
                    (Some(first), Some(last)) => last - first + 1 == count,
                    _ => true,
                },
            })
        })
    }

    /// Gives article `id`'s rows put in again the numbers its rows had before, when there are
    /// as many: every other row then keeps its number, as a clean export would give it. False
    /// when the rows must be numbered again from this article on.
    fn put_back(&self, tx: &Connection, table: &str, id: i64) -> rusqlite::Result<bool> {
        let now = Rows::of(tx, table, id)?;
        if now.count != self.count || !self.unbroken || !now.unbroken {
            return Ok(false);
        }
        if let (Some(was), Some(is)) = (self.first, now.first)
            && was != is
        {
            // Through negative numbers, so that no two rows ever share one.
            tx.prepare_cached(&format!(
                "UPDATE {table} SET rowid = -(rowid - ?1) WHERE article_id = ?2"
            ))?
            .execute([is - was, id])?;
            tx.prepare_cached(&format!("UPDATE {table} SET rowid = -rowid WHERE rowid < 0"))?
                .execute([])?;
        }
        Ok(true)
    }
}

/// The entities article `id` names in link table `link`, in the order its rows went in.
fn named(tx: &Connection, link: &str, column: &str, id: i64) -> rusqlite::Result<Vec<i64>> {
    tx.prepare_cached(&format!(
        "SELECT {column} FROM {link} WHERE article_id = ?1 ORDER BY rowid"
    ))?
    .query_map([id], |r| r.get(0))?
    .collect()
}

/// Each kind of entity, the table linking it to articles, and the linking column.
const ENTITIES: [(&str, &str, &str); 3] = [
    ("people", "article_people", "person_id"),
    ("places", "article_places", "place_id"),
    ("organisations", "article_organisations", "organisation_id"),
];

/// Numbers the rows of `table` from article `from` on as a clean export does: in article
/// order, and within an article in the order they went in (rows put in again have the highest
/// numbers, in their order). Only rows whose number changes are touched, through negative
/// numbers so that no two rows ever share one.
fn renumber(tx: &Connection, table: &str, from: i64) -> rusqlite::Result<()> {
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE canon AS
           SELECT old, new FROM (
             SELECT rowid AS old,
                    (SELECT count(*) FROM {table} WHERE article_id < {from})
                      + row_number() OVER (ORDER BY article_id, rowid) AS new
             FROM {table} WHERE article_id >= {from})
           WHERE old <> new;
         UPDATE {table} SET rowid = -(SELECT new FROM canon WHERE old = {table}.rowid)
           WHERE rowid IN (SELECT old FROM canon);
         UPDATE {table} SET rowid = -rowid WHERE rowid < 0;
         DROP TABLE canon;"
    ))
}

/// Numbers the entities of `table` as a clean export does, by where each first appears (the
/// first row of `link` naming it, in article order), drops those no article names any more,
/// and follows the new numbers in `link` and, for people, in quotes.
fn renumber_entities(tx: &Connection, table: &str, link: &str, column: &str) -> rusqlite::Result<()> {
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE canon AS
           SELECT entity AS old, row_number() OVER (ORDER BY first) AS new
           FROM (SELECT {column} AS entity, min(article_id * 4294967296 + rowid) AS first
                 FROM {link} GROUP BY {column});
         DELETE FROM {table} WHERE id NOT IN (SELECT old FROM canon);
         DELETE FROM canon WHERE old = new;
         UPDATE {table} SET id = -(SELECT new FROM canon WHERE old = {table}.id)
           WHERE id IN (SELECT old FROM canon);
         UPDATE {table} SET id = -id WHERE id < 0;
         UPDATE {link} SET {column} = -(SELECT new FROM canon WHERE old = {link}.{column})
           WHERE {column} IN (SELECT old FROM canon);
         UPDATE {link} SET {column} = -{column} WHERE {column} < 0;"
    ))?;
    if table == "people" {
        tx.execute_batch(
            "UPDATE quotes SET person_id = -(SELECT new FROM canon WHERE old = quotes.person_id)
               WHERE person_id IN (SELECT old FROM canon);
             UPDATE quotes SET person_id = -person_id WHERE person_id < 0;",
        )?;
    }
    tx.execute_batch("DROP TABLE canon;")
}

/// The tables of the archive, in `db`.
fn fill(db: &mut Connection, archive: &Archive, absolute: &dyn Fn(&str) -> String) -> Result<(), ExportError> {
    db.execute_batch(SCHEMA)?;
    db.execute_batch(FULL_TEXT)?;
    // Room for every statement `insert_story` runs (see `run`).
    db.set_prepared_statement_cache_capacity(32);
    let tx = db.transaction()?;
    {
        let mut names = Names::default();
        for i in 0..archive.stories.len() {
            // One article's text at a time, read back when the build put it away (of its
            // extraction, only which blocks are bylines and furniture: see `body_text`).
            let story = archive.plain_story(i)?;
            insert_story(&tx, i as i64 + 1, &story, absolute, &mut names)?;
        }
        // SQLite sorts an index's rows in memory as large as the page cache, beside it: the
        // cache is halved while the indexes are made, so that the two together hold no more
        // than the cache alone did while the rows went in.
        tx.execute_batch(&format!("PRAGMA cache_size = -{};", CACHE_KIB / 2))?;
        tx.execute_batch(INDEXES)?;
        tx.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB};"))?;
        index_text(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// Entity ids by kind and name, given in the order entities first appear.
#[derive(Default)]
struct Names {
    ids: BTreeMap<(&'static str, String), i64>,
    /// Whether the tables already hold entities (an update): a name is looked up there first.
    existing: bool,
}

impl Names {
    fn id(&mut self, tx: &Connection, table: &'static str, name: &str) -> rusqlite::Result<i64> {
        if let Some(&id) = self.ids.get(&(table, name.to_string())) {
            return Ok(id);
        }
        if self.existing {
            let sql = match table {
                "people" => "SELECT id FROM people WHERE name = ?1",
                "places" => "SELECT id FROM places WHERE name = ?1",
                _ => "SELECT id FROM organisations WHERE name = ?1",
            };
            let found: Option<i64> = tx
                .prepare_cached(sql)?
                .query_row([name], |r| r.get(0))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            if let Some(id) = found {
                self.ids.insert((table, name.to_string()), id);
                return Ok(id);
            }
        }
        let sql = match table {
            "people" => "INSERT INTO people (name) VALUES (?1)",
            "places" => "INSERT INTO places (name) VALUES (?1)",
            _ => "INSERT INTO organisations (name) VALUES (?1)",
        };
        tx.prepare_cached(sql)?.execute([name])?;
        let id = tx.last_insert_rowid();
        self.ids.insert((table, name.to_string()), id);
        Ok(id)
    }
}

fn insert_story(
    tx: &Connection,
    id: i64,
    story: &Story,
    absolute: &dyn Fn(&str) -> String,
    names: &mut Names,
) -> rusqlite::Result<()> {
    let meta = &story.meta;
    run(
        tx,
        "INSERT INTO articles (id, url, headline, date, updated, summary, body, source_file) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            absolute(&story.url),
            meta.headline.value,
            story.published.date.to_string(),
            story.updated.as_ref().map(|u| u.date.to_string()),
            meta.summary.value,
            body_text(story),
            story.article.rel.to_string_lossy().replace('\\', "/"),
        ],
    )?;
    for (position, name) in meta.byline.value.iter().enumerate() {
        run(
            tx,
            "INSERT OR IGNORE INTO bylines (article_id, position, name) VALUES (?1, ?2, ?3)",
            params![id, position as i64 + 1, name],
        )?;
    }
    if let Some(d) = &meta.dateline.value {
        run(
            tx,
            "INSERT INTO datelines (article_id, raw, place, agency, date) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, d.raw, d.place, d.agency, d.date.map(|d| d.to_string())],
        )?;
    }
    for tag in &story.article.front.tags {
        run(
            tx,
            "INSERT OR IGNORE INTO tags (article_id, tag) VALUES (?1, ?2)",
            params![id, tag],
        )?;
    }
    for m in &meta.entities {
        let declared = m.origin == crate::model::Origin::Declared;
        match m.entity.kind {
            EntityKind::Person => {
                let person = names.id(tx, "people", &m.entity.name)?;
                run(
                    tx,
                    "INSERT OR IGNORE INTO article_people (article_id, person_id, role, declared) VALUES (?1, ?2, ?3, ?4)",
                    params![id, person, m.entity.roles.first(), declared],
                )?;
            }
            EntityKind::Place => {
                let place = names.id(tx, "places", &m.entity.name)?;
                run(
                    tx,
                    "INSERT OR IGNORE INTO article_places (article_id, place_id, declared) VALUES (?1, ?2, ?3)",
                    params![id, place, declared],
                )?;
            }
            EntityKind::Organization => {
                let org = names.id(tx, "organisations", &m.entity.name)?;
                run(
                    tx,
                    "INSERT OR IGNORE INTO article_organisations (article_id, organisation_id, declared) VALUES (?1, ?2, ?3)",
                    params![id, org, declared],
                )?;
            }
        }
    }
    for (position, f) in meta.figures.value.iter().enumerate() {
        let credit = f.credit.as_ref();
        run(
            tx,
            "INSERT INTO figures (article_id, position, src, title, caption, credit, photographers, agencies, distributor, place, date) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                position as i64 + 1,
                f.src.as_deref().map(|s| absolute(&story.image_url(s))),
                f.title,
                f.caption,
                credit.map(|c| &c.raw),
                credit
                    .filter(|c| !c.photographers.is_empty())
                    .map(|c| c.photographers.join("; ")),
                credit.filter(|c| !c.agencies.is_empty()).map(|c| c.agencies.join("; ")),
                credit.and_then(|c| c.distributor.as_ref()),
                f.place,
                f.date.map(|d| d.to_string()),
            ],
        )?;
    }
    for (position, q) in meta.quotes.iter().enumerate() {
        // A speaker who is among the article's people links to them.
        let person = match &q.speaker {
            Some(s) if meta.entities_of(EntityKind::Person).any(|m| &m.entity.name == s) => {
                Some(names.id(tx, "people", s)?)
            }
            _ => None,
        };
        run(
            tx,
            "INSERT INTO quotes (article_id, position, text, speaker, person_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, position as i64 + 1, q.text, q.speaker, person],
        )?;
    }
    for a in &story.article.annotations {
        let kind = serde_json::to_value(a.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        run(
            tx,
            "INSERT INTO annotations (article_id, anchor, kind, quote, note, author, date, link) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                a.id,
                kind,
                a.quote,
                a.note,
                a.author,
                a.date.map(|d| d.to_string()),
                a.link
            ],
        )?;
    }
    Ok(())
}

/// Runs one of the export's few statements with `params`. Each statement is compiled once and
/// kept in the connection's cache: compiling it afresh for every row took more of the export's
/// time than inserting the row.
fn run(tx: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// The story's text as a reader reads it: every block but bylines and page furniture.
fn body_text(story: &Story) -> String {
    let mut text = String::with_capacity(story.article.bytes);
    for (i, block) in story.article.blocks.iter().enumerate() {
        if matches!(
            story.extraction.roles.get(i),
            Some(BlockRole::Byline | BlockRole::Furniture)
        ) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&block.text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_sqlite_has_fts5() {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(SCHEMA).unwrap();
        db.execute_batch(INDEXES).unwrap();
        db.execute_batch(FULL_TEXT).unwrap();
        let on: i64 = db
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, 1);
    }

    /// A database of `articles` only (and its full-text index), with `rows` articles whose
    /// words repeat enough for the index to span many pages.
    fn articles_db(path: &Path, rows: i64) -> Connection {
        let db = Connection::open(path).unwrap();
        db.execute_batch(
            "PRAGMA journal_mode = OFF;
             CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT, summary TEXT, body TEXT);",
        )
        .unwrap();
        db.execute_batch(FULL_TEXT).unwrap();
        for id in 1..=rows {
            let body: String = (0..400)
                .map(|w| format!("harbour{} council{} ", (id * 7 + w) % 211, w % 13))
                .collect();
            db.execute(
                "INSERT INTO articles (id, headline, summary, body) VALUES (?1, ?2, NULL, ?3)",
                params![id, format!("Ferry {id}"), body],
            )
            .unwrap();
        }
        db
    }

    fn vacuumed(db: &Connection, dir: &Path, name: &str) -> Vec<u8> {
        let out = dir.join(name);
        db.execute("VACUUM INTO ?1", [out.to_string_lossy()]).unwrap();
        std::fs::read(out).unwrap()
    }

    fn integrity(db: &Connection) {
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", [])
            .unwrap();
    }

    /// An index written at once, one written in many small segments, and one updated in place
    /// after an article changed are the same bytes once settled; each still answers queries.
    #[test]
    fn a_settled_full_text_index_is_the_same_bytes_however_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        // At once, as a clean export writes it.
        let clean = articles_db(&dir.path().join("clean.sqlite"), 120);
        clean
            .execute("UPDATE articles SET body = body || ' lighthouse' WHERE id = 40", [])
            .unwrap();
        index_text(&clean).unwrap();
        integrity(&clean);
        // In segments of 64 KB: many segments, merged as FTS5 sees fit on the way.
        let pieces = articles_db(&dir.path().join("pieces.sqlite"), 120);
        pieces
            .execute("UPDATE articles SET body = body || ' lighthouse' WHERE id = 40", [])
            .unwrap();
        pieces
            .execute_batch(&format!(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 65536);
                 INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
                 INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', {FULL_TEXT_HASH_BYTES});"
            ))
            .unwrap();
        // Written twice with a new hash size, so the configuration's cookie agrees with `clean`'s.
        assert!(settle_full_text(&pieces).unwrap());
        integrity(&pieces);
        // Updated: article 40 changed after a clean index was made.
        let updated = articles_db(&dir.path().join("updated.sqlite"), 120);
        index_text(&updated).unwrap();
        unindex_article(&updated, 40).unwrap();
        updated
            .execute("UPDATE articles SET body = body || ' lighthouse' WHERE id = 40", [])
            .unwrap();
        index_article(&updated, 40).unwrap();
        assert!(settle_full_text(&updated).unwrap());
        integrity(&updated);
        let found: i64 = updated
            .query_row(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'lighthouse'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 40);
        let a = vacuumed(&clean, dir.path(), "a.sqlite");
        assert!(
            a == vacuumed(&updated, dir.path(), "c.sqlite"),
            "an updated index differs"
        );
        // `pieces` set its hash size twice, which only the configuration cookie records: its
        // words and structure are the others'.
        let rows = |db: &Connection| -> Vec<(i64, Vec<u8>)> {
            let mut q = db
                .prepare("SELECT id, block FROM articles_fts_data ORDER BY id")
                .unwrap();
            q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(|r| {
                    let (id, block): (i64, Vec<u8>) = r.unwrap();
                    (
                        id,
                        if id == STRUCTURE_ROW {
                            block[4..].to_vec()
                        } else {
                            block
                        },
                    )
                })
                .collect()
        };
        assert!(rows(&pieces) == rows(&clean), "an index written in pieces differs");
    }

    #[test]
    fn the_structure_record_reads_back_as_written() {
        let record = Structure::settled([0, 0, 0, 1], 1, 8168);
        assert_eq!(record, [0, 0, 0, 1, 1, 1, 191, 104, 0, 1, 1, 1, 191, 104]);
        assert_eq!(
            Structure::read(&record),
            Some(Structure {
                cookie: [0, 0, 0, 1],
                segments: 1,
                only_segment: Some(Segment {
                    id: 1,
                    first_page: 1,
                    last_page: 8168
                }),
            })
        );
        // Two levels, the second holding segment 4 after an update; a record cut short.
        let two = [0, 0, 0, 1, 2, 1, 191, 109, 0, 0, 0, 1, 4, 1, 191, 107];
        assert_eq!(Structure::read(&two).unwrap().only_segment.unwrap().id, 4);
        assert_eq!(Structure::read(&two[..12]), None);
        for v in [0, 1, 127, 128, 16_383, 16_384, 1 << 31] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(varint(&out, &mut 0), Some(v));
        }
    }

    /// The published file has pages of [`PAGE_BYTES`]; a working database of another page size
    /// (made by another version) is not updated but left for the caller to make whole, as a
    /// clean export is made.
    #[test]
    fn only_a_working_database_with_this_page_size_is_updated() {
        let archive = Archive::default();
        let absolute = |p: &str| format!("https://example.org{p}");
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work.sqlite");
        let clean = std::fs::read(sqlite_file_kept(&archive, &absolute, dir.path(), &work).unwrap()).unwrap();
        assert_eq!(clean[16..18], (PAGE_BYTES as u16).to_be_bytes());
        let updated = sqlite_file_updated(&archive, &absolute, dir.path(), &work, &[]).unwrap();
        assert_eq!(std::fs::read(updated.expect("updated")).unwrap(), clean);
        Connection::open(&work)
            .unwrap()
            .execute_batch("PRAGMA page_size = 4096; VACUUM;")
            .unwrap();
        let updated = sqlite_file_updated(&archive, &absolute, dir.path(), &work, &[]).unwrap();
        assert!(updated.is_none(), "a database of 4 KB pages was updated");
    }

    #[test]
    fn an_empty_archive_gives_a_valid_database() {
        let archive = Archive {
            stories: Vec::new(),
            days: Default::default(),
            indexes: Default::default(),
            related: Vec::new(),
            aliases: Default::default(),
            texts: None,
        };
        let bytes = sqlite(&archive, &|p| format!("https://example.org{p}")).unwrap();
        assert!(bytes.starts_with(b"SQLite format 3\0"));
        assert_eq!(bytes, sqlite(&archive, &|p| format!("https://example.org{p}")).unwrap());
    }
}
