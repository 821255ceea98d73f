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
//! and the full-text index's segments of the changed articles' blocks are made again
//! ([`full_text`]). The same `VACUUM INTO` follows: the file is byte for byte a clean export's.

mod full_text;

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
    full_text::attach_scratch(&db)?;
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
            for table in ARTICLE_TABLES {
                tx.execute(&format!("DELETE FROM {table} WHERE article_id = ?1"), [id])?;
            }
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            let story = archive.plain_story(i)?;
            insert_story(&tx, id, &story, absolute, &mut names)?;
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
        if !full_text::reindex(&tx, full_text::Blocks::of(archive.stories.len()), &changed)? {
            return Ok(None);
        }
    }
    tx.commit()?;
    full_text::detach_scratch(&db)?;
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
    db.execute_batch(full_text::FULL_TEXT)?;
    // Room for every statement `insert_story` runs (see `run`) and the full-text index's.
    db.set_prepared_statement_cache_capacity(48);
    full_text::attach_scratch(db)?;
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
        full_text::index_all(&tx, full_text::Blocks::of(archive.stories.len()))?;
    }
    tx.commit()?;
    full_text::detach_scratch(db)?;
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
        db.execute_batch(full_text::FULL_TEXT).unwrap();
        let on: i64 = db
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, 1);
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
