//! The build store: what earlier builds produced, kept in `.dateline/cache.sqlite` in the site
//! so that the next build redoes only what its inputs changed.
//!
//! It is an SQLite database so that anyone can open it (`sqlite3 .dateline/cache.sqlite`) and
//! see what it holds. Its tables:
//!
//! - `extractions`: per article file, the extraction (byline, dateline, quotes, entities, …)
//!   as JSON, under a key that hashes everything extraction reads: the file's bytes and its
//!   annotations sidecar, its path (the date in it), the entity registry, `site.toml` and the
//!   code's fingerprint. A stored row is used only when its key equals the key computed
//!   afresh, so a stale or altered row is never trusted, only redone.
//! - `outputs`: per file of the output folder, the hash of the bytes the last successful build
//!   put there. The writer compares a page with this hash instead of reading the old file. The
//!   table is marked invalid before an output is swapped and valid again only once the new
//!   table is saved, so an interrupted build leaves it invalid, and the next build compares
//!   with the files on disk instead.
//! - `pages`: per page (or other group of output files: the search index, `archive.sqlite`),
//!   the fingerprint of what it was made from and the files it made. A build keeps a page's
//!   files instead of making them again only when the fingerprint computed afresh equals the
//!   stored one and the output table lists every one of its files; the table is saved in the
//!   same transaction as `outputs`, so the two always describe the same archive.
//! - `stories` and `texts`: per article file, the story a build made of it and its text, under
//!   the file's size and modification time and the key of its content ([`stories`]): a rebuild
//!   reads only the articles whose files changed.
//! - `related`: one row, every story's related articles with a print of what each list was
//!   worked out from ([`crate::index::Related`]): a rebuild ranks again only the stories
//!   whose print changed.
//! - `inputs`: per input file of the site, its size, modification time and hash, and in `meta`
//!   the last build's state: together, what lets a build with nothing to do stop at once
//!   ([`unchanged`]).
//!
//! Beside the database, `export.sqlite` is `archive.sqlite`'s working database, which a
//! rebuild updates in place; `meta` records it as the last finished build left it ([`export`]).
//!
//! The store is a cache in the strict sense: deleting it is always safe, and `build --clean`
//! ignores it (and starts a new one). A store written by another version of dateline (the
//! fingerprint in `meta` differs), or one SQLite cannot read, is discarded and rebuilt with a
//! notice. A store in use by another build is refused after a bounded wait, naming the holder
//! (the lock is the same kind as the output's, see [`crate::write::lock`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub mod export;
pub mod record;
pub mod stories;
pub mod unchanged;
pub mod walk;

use rusqlite::{Connection, OptionalExtension, params};
use rustc_hash::FxHashMap;

use crate::write::{BuildLock, LockError, lock};

/// The folder, under the site root, that holds the store.
pub const DIR: &str = ".dateline";
/// The database file in [`DIR`].
pub const FILE: &str = "cache.sqlite";

/// Bumped whenever the tables or what their rows mean change.
const SCHEMA: u32 = 6;

/// A content hash: BLAKE3, 32 bytes.
pub type Hash = [u8; 32];

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Locked(#[from] LockError),
    #[error(
        "cannot create the build store {path}: {why}\n  = help: check the permissions of the site folder; deleting {DIR}/ is always safe"
    )]
    Create { path: PathBuf, why: String },
}

/// An open store, locked for this build.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Said once to the user: why an existing store was discarded.
    pub notice: Option<String>,
    _lock: BuildLock,
}

/// What the code that wrote a store was: its version and the store's schema, and the size and
/// modification time of the running program, so that a rebuilt binary of the same version (a
/// development build) does not trust what an earlier one stored.
pub fn code_fingerprint() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default();
    format!("dateline {} schema {SCHEMA} exe {exe}", env!("CARGO_PKG_VERSION"))
}

impl Store {
    /// Opens (or creates) the store of the site at `root`, taking its lock. With `fresh`, any
    /// existing store is discarded first (`build --clean`).
    pub fn open(root: &Path, fresh: bool) -> Result<Store, StoreError> {
        Self::open_waiting(root, fresh, lock::wait_from_env())
    }

    fn open_waiting(root: &Path, fresh: bool, wait: std::time::Duration) -> Result<Store, StoreError> {
        let dir = root.join(DIR);
        let path = dir.join(FILE);
        let create = |why: String| StoreError::Create {
            path: path.clone(),
            why,
        };
        std::fs::create_dir_all(&dir).map_err(|e| create(e.to_string()))?;
        let lock = BuildLock::acquire(&dir.join("lock"), &format!("the build store {}", path.display()), wait)?;
        let fingerprint = code_fingerprint();
        let mut notice = None;
        if fresh {
            discard(&path);
        }
        let conn = match Self::connect(&path, &fingerprint) {
            Ok((conn, None)) => conn,
            Ok((conn, Some(why))) => {
                notice = Some(why);
                conn
            }
            Err(e) => {
                // Unreadable: never trusted, started again.
                discard(&path);
                notice = Some(format!(
                    "the build store {} could not be read ({e}); it was started afresh and this build redoes everything",
                    path.display()
                ));
                Self::connect(&path, &fingerprint).map_err(|e| create(e.to_string()))?.0
            }
        };
        Ok(Store {
            conn,
            path,
            notice,
            _lock: lock,
        })
    }

    /// [`Store::open`] without waiting for another build that holds the store: for the preview
    /// server, which can do without it.
    pub fn open_without_waiting(root: &Path) -> Result<Store, StoreError> {
        Self::open_waiting(root, false, std::time::Duration::ZERO)
    }

    /// Opens the database and checks that it is this code's; returns why it was emptied, if it was.
    fn connect(path: &Path, fingerprint: &str) -> rusqlite::Result<(Connection, Option<String>)> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )?;
        let stored: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE name = 'code'", [], |r| r.get(0))
            .optional()?;
        let mut why = None;
        if stored.as_deref() != Some(fingerprint) {
            if stored.is_some() {
                why = Some(format!(
                    "the build store {} was written by another version of dateline; it was started afresh",
                    path.display()
                ));
            }
            conn.execute_batch(
                "DROP TABLE IF EXISTS extractions;
                 DROP TABLE IF EXISTS outputs;
                 DROP TABLE IF EXISTS inputs;
                 DROP TABLE IF EXISTS pages;
                 DROP TABLE IF EXISTS stories;
                 DROP TABLE IF EXISTS texts;
                 DROP TABLE IF EXISTS related;
                 DELETE FROM meta;",
            )?;
            conn.execute("INSERT INTO meta (name, value) VALUES ('code', ?1)", [fingerprint])?;
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS extractions (path TEXT PRIMARY KEY, key BLOB NOT NULL, json BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, hash BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS inputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime BLOB NOT NULL, trusted INTEGER NOT NULL, hash BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS pages (job TEXT PRIMARY KEY, fingerprint BLOB NOT NULL, paths TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS related (id INTEGER PRIMARY KEY CHECK (id = 1), lists BLOB NOT NULL);",
        )?;
        conn.execute_batch(stories::TABLES)?;
        Ok((conn, why))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored extraction of the article at `path`, if it was stored under `key`.
    pub fn extraction(&self, path: &str, key: &Hash) -> Option<Vec<u8>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, json FROM extractions WHERE path = ?1")
            .ok()?;
        let (stored, json): (Vec<u8>, Vec<u8>) = stmt
            .query_row([path], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .ok()??;
        (stored.as_slice() == key.as_slice()).then_some(json)
    }

    /// Saves new extractions, in one transaction; a build saves them a slice at a time.
    pub fn save_extractions(&mut self, fresh: &[(String, Hash, Vec<u8>)]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare("INSERT OR REPLACE INTO extractions (path, key, json) VALUES (?1, ?2, ?3)")?;
            for (path, key, json) in fresh {
                put.execute(params![path, key.as_slice(), json])?;
            }
        }
        tx.commit()
    }

    /// Forgets the extractions of the articles that are gone (every path `keep` refuses): once a
    /// build, as the table scan it takes grows with the archive.
    pub fn forget_extractions(&mut self, keep: &dyn Fn(&str) -> bool) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let gone: Vec<String> = {
                let mut all = tx.prepare("SELECT path FROM extractions")?;
                all.query_map([], |r| r.get::<_, String>(0))?
                    .filter_map(Result::ok)
                    .filter(|p| !keep(p))
                    .collect()
            };
            let mut forget = tx.prepare("DELETE FROM extractions WHERE path = ?1")?;
            for p in gone {
                forget.execute([p])?;
            }
        }
        tx.commit()
    }

    /// The hashes of the files the last build put in `output`, when they are known to be what
    /// the folder holds: saved by a build that finished, into this same folder.
    pub fn outputs(&self, output: &Path) -> Option<crate::write::Known> {
        let valid: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = 'outputs'", [], |r| r.get(0))
            .optional()
            .ok()?;
        if valid.as_deref() != Some(output_id(output).as_str()) {
            return None;
        }
        // Room for every row at once: growing to hundreds of thousands moves them all many
        // times, and leaves room for as many again unused.
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outputs", [], |r| r.get(0))
            .ok()?;
        let mut stmt = self.conn.prepare("SELECT path, hash FROM outputs ORDER BY path").ok()?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .ok()?;
        let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        for row in rows {
            let (path, hash) = row.ok()?;
            out.push((path, Hash::try_from(hash.as_slice()).ok()?));
        }
        Some(crate::write::Known::new(out))
    }

    /// Marks the output table as not describing the output folder (before the folder changes).
    pub fn forget_outputs(&self) -> rusqlite::Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE name = 'outputs'", [])
            .map(|_| ())
    }

    /// What the last build made each page from and the files it made ([`Pages`]). Empty when
    /// the table cannot be read: every page is then made again.
    pub fn pages(&self) -> Pages {
        let read = || -> rusqlite::Result<Pages> {
            // Room for every row at once: growing to hundreds of thousands moves them all many times.
            let count: i64 = self.conn.query_row("SELECT count(*) FROM pages", [], |r| r.get(0))?;
            let mut stmt = self.conn.prepare("SELECT job, fingerprint, paths FROM pages")?;
            let mut rows = stmt.query([])?;
            let mut out = FxHashMap::with_capacity_and_hasher(usize::try_from(count).unwrap_or(0), Default::default());
            while let Some(row) = rows.next()? {
                // A row that does not read back is left out: its page is made again.
                let (Ok(job), Ok(print), Ok(paths)) = (
                    row.get_ref(0)?.as_str(),
                    row.get_ref(1)?.as_blob().map(Hash::try_from),
                    row.get_ref(2)?.as_str(),
                ) else {
                    continue;
                };
                if let Ok(print) = print {
                    let page = PageRow {
                        print,
                        paths: Box::from(paths),
                        kept: AtomicBool::new(false),
                    };
                    out.insert(Box::from(job), page);
                }
            }
            let whole = i64::try_from(out.len()).is_ok_and(|n| n == count);
            Ok(Pages { rows: out, whole })
        };
        read().unwrap_or_default()
    }

    /// Records what `output` now holds, and that the record is valid. A record of changes is
    /// applied to the table as it stands, which must describe the archive they were made over:
    /// the one [`Store::outputs`] gave this build (the store is locked meanwhile). `pages`, when
    /// given, replaces the record of what each page was made from, in the same transaction.
    ///
    /// `previous` is the record [`Store::pages`] gave this build, the pages it kept marked
    /// there ([`Pages::keep`]): when it holds the whole table, the pages neither made nor kept
    /// are found in it rather than by reading the table again.
    pub fn save_outputs(
        &mut self,
        output: &Path,
        record: &crate::write::OutputRecord,
        pages: Option<&PageRecord>,
        previous: Option<&Pages>,
    ) -> rusqlite::Result<()> {
        use crate::write::OutputRecord;
        let tx = self.conn.transaction()?;
        match pages {
            Some(pages) => save_pages(&tx, pages, previous)?,
            // Without a record of this build's pages, none of the old ones can be trusted.
            None => {
                tx.execute("DELETE FROM pages", [])?;
            }
        }
        let put = match record {
            OutputRecord::Whole(files) => {
                tx.execute("DELETE FROM outputs", [])?;
                files
            }
            OutputRecord::Changes { put, removed } => {
                let mut forget = tx.prepare("DELETE FROM outputs WHERE path = ?1")?;
                for path in removed {
                    forget.execute([path])?;
                }
                put
            }
        };
        {
            let mut insert = tx.prepare("INSERT OR REPLACE INTO outputs (path, hash) VALUES (?1, ?2)")?;
            for (path, hash) in put {
                insert.execute(params![path, hash.as_slice()])?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('outputs', ?1)",
            [output_id(output)],
        )?;
        tx.commit()
    }
}

impl Store {
    /// The paths of the recorded output a build with nothing to do looks at ([`unchanged::sample`]).
    pub fn output_sample(&self) -> rusqlite::Result<Vec<String>> {
        let total: i64 = self.conn.query_row("SELECT count(*) FROM outputs", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare("SELECT path FROM outputs ORDER BY path")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        unchanged::sample(usize::try_from(total).unwrap_or(0), rows)
    }

    /// Whether the output table describes `output` (see [`Store::outputs`]), without reading it.
    pub fn outputs_valid(&self, output: &Path) -> bool {
        let valid: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = 'outputs'", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        valid.as_deref() == Some(output_id(output).as_str())
    }

    /// Every story's related articles as the last build that read the archive left them, with
    /// what each was worked out from. `None` when there is no such record or it does not read
    /// back: every list is then ranked afresh.
    pub fn related(&self) -> Option<crate::index::Related> {
        let bytes: Vec<u8> = self
            .conn
            .query_row("SELECT lists FROM related WHERE id = 1", [], |r| r.get(0))
            .optional()
            .ok()??;
        crate::index::Related::decode(&bytes)
    }

    /// Replaces the record of every story's related articles (one row of a few megabytes at
    /// 100,000 articles, written whole).
    pub fn save_related(&self, related: &crate::index::Related) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO related (id, lists) VALUES (1, ?1)",
                [related.encode()],
            )
            .map(|_| ())
    }

    /// The state the last successful build recorded, if it recorded one this code can read.
    pub fn state(&self) -> Option<unchanged::State> {
        let json: String = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = 'state'", [], |r| r.get(0))
            .optional()
            .ok()??;
        serde_json::from_str(&json).ok()
    }

    /// Voids the recorded state (before a build that will change the output).
    pub fn forget_state(&self) -> rusqlite::Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE name = 'state'", [])
            .map(|_| ())
    }

    /// The recorded input files by path.
    pub fn inputs(&self) -> Option<FxHashMap<String, unchanged::Recorded>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, trusted, hash FROM inputs")
            .ok()?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, Vec<u8>>(4)?,
                ))
            })
            .ok()?;
        let mut out = FxHashMap::default();
        for row in rows {
            let (path, size, mtime, trusted, digest) = row.ok()?;
            let stat = unchanged::Stat {
                size: u64::try_from(size).ok()?,
                mtime: i128::from_le_bytes(mtime.as_slice().try_into().ok()?),
            };
            let hash = Hash::try_from(digest.as_slice()).ok()?;
            out.insert(path, unchanged::Recorded { stat, trusted, hash });
        }
        Some(out)
    }

    /// Records the state of a build that finished, and its input files: `changed` holds those
    /// new or different since [`Store::inputs`] was read, `gone` those no longer there.
    pub fn save_state(
        &mut self,
        changed: &[(String, unchanged::Recorded)],
        gone: &[String],
        state: &unchanged::State,
    ) -> rusqlite::Result<()> {
        let json = serde_json::to_string(state).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let tx = self.conn.transaction()?;
        {
            let mut forget = tx.prepare("DELETE FROM inputs WHERE path = ?1")?;
            for path in gone {
                forget.execute([path])?;
            }
            let mut put = tx.prepare(
                "INSERT OR REPLACE INTO inputs (path, size, mtime, trusted, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (path, r) in changed {
                let size = i64::try_from(r.stat.size).unwrap_or(i64::MAX);
                let mtime = r.stat.mtime.to_le_bytes();
                put.execute(params![path, size, mtime.as_slice(), r.trusted, r.hash.as_slice()])?;
            }
        }
        tx.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('state', ?1)", [json])?;
        tx.commit()
    }
}

/// What the last build made each page from: job name → (fingerprint, the paths of its files,
/// as the table holds them: one a line). Hashed the fast way: a rebuild looks up every page of
/// the archive here, some 600,000 at 100,000 articles, and job names are the build's own, not
/// an attacker's. A row keeps its paths as the one string the table holds, not a list of them:
/// the record of a large archive is held through a rebuild's busiest part, and a list cost an
/// allocation of its own and one for each path, some 600,000 more at 100,000 articles.
///
/// A page this build keeps is marked in its row rather than named again in the new record:
/// after one edit nearly every page is kept, and naming each cost an allocation, a lock and,
/// when the record was saved, a read of the whole table to find those no longer made.
#[derive(Debug, Default)]
pub struct Pages {
    rows: FxHashMap<Box<str>, PageRow>,
    /// Whether `rows` is every row of the table: a row that did not read back, or a table that
    /// could not be read, leaves the record short, and the table itself is then read to find
    /// the pages a build neither made nor kept.
    whole: bool,
}

#[derive(Debug)]
struct PageRow {
    print: Hash,
    paths: Box<str>,
    /// Whether this build kept the page as the last one made it.
    kept: AtomicBool,
}

impl Pages {
    /// The files the page `job` made last time, if it was made from what `fingerprint` hashes.
    pub fn made_from(&self, job: &str, fingerprint: &Hash) -> Option<MadeFiles<'_>> {
        match self.rows.get(job) {
            Some(row) if row.print == *fingerprint => Some(MadeFiles(&row.paths)),
            _ => None,
        }
    }

    /// Notes that this build keeps what the last one recorded for `job`; false when there is
    /// no such record (nothing to keep of it in the table).
    pub fn keep(&self, job: &str) -> bool {
        self.rows.get(job).is_some_and(|row| {
            row.kept.store(true, Ordering::Relaxed);
            true
        })
    }

    /// How many pages this build kept ([`Pages::keep`]).
    pub fn kept(&self) -> usize {
        self.rows
            .values()
            .filter(|row| row.kept.load(Ordering::Relaxed))
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The pages of the table that `record` neither made nor kept, when this is the whole table
    /// (`None` otherwise). A page kept is marked here, or named in `record` when it was carried
    /// without this record's help.
    fn gone(&self, record: &PageRecord) -> Option<Vec<&str>> {
        if !self.whole {
            return None;
        }
        let named: rustc_hash::FxHashSet<&str> = record
            .made
            .iter()
            .map(|(job, _, _)| job.as_str())
            .chain(record.kept.iter().map(String::as_str))
            .collect();
        let gone = self
            .rows
            .iter()
            .filter(|&(job, row)| !row.kept.load(Ordering::Relaxed) && !named.contains(&**job))
            .map(|(job, _)| &**job)
            .collect();
        Some(gone)
    }

    /// The jobs marked kept, for a record that is not the whole table.
    fn kept_jobs(&self) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter(|(_, row)| row.kept.load(Ordering::Relaxed))
            .map(|(job, _)| &**job)
    }
}

/// The paths of the files a page made, as [`Pages`] holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MadeFiles<'a>(&'a str);

impl<'a> MadeFiles<'a> {
    /// Each path, in the order the page made them.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        self.0.split('\n')
    }

    /// The paths, each as a string of its own.
    pub fn to_vec(self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// What a build did with each page: those it made, with their fingerprints and files, and
/// those it kept as the last build made them without the help of the last build's record
/// (a page kept through it is marked there instead: [`Pages::keep`]). Every other page's record
/// is forgotten.
#[derive(Debug, Default)]
pub struct PageRecord {
    pub made: Vec<(String, Hash, Vec<String>)>,
    pub kept: Vec<String>,
}

/// Replaces the table's record with `pages`: the rows of pages neither made nor kept are
/// deleted, those made put in. `previous` is the record this build read, with the pages it kept
/// marked in it.
fn save_pages(tx: &rusqlite::Transaction<'_>, pages: &PageRecord, previous: Option<&Pages>) -> rusqlite::Result<()> {
    let gone: Vec<String> = match previous.and_then(|p| p.gone(pages)) {
        Some(gone) => gone.into_iter().map(str::to_string).collect(),
        None => {
            let current: rustc_hash::FxHashSet<&str> = pages
                .made
                .iter()
                .map(|(job, _, _)| job.as_str())
                .chain(pages.kept.iter().map(String::as_str))
                .chain(previous.into_iter().flat_map(Pages::kept_jobs))
                .collect();
            let mut all = tx.prepare("SELECT job FROM pages")?;
            all.query_map([], |r| r.get::<_, String>(0))?
                .filter_map(Result::ok)
                .filter(|job| !current.contains(job.as_str()))
                .collect()
        }
    };
    let mut forget = tx.prepare("DELETE FROM pages WHERE job = ?1")?;
    for job in gone {
        forget.execute([job])?;
    }
    let mut put = tx.prepare("INSERT OR REPLACE INTO pages (job, fingerprint, paths) VALUES (?1, ?2, ?3)")?;
    for (job, print, paths) in &pages.made {
        put.execute(params![job, print.as_slice(), paths.join("\n")])?;
    }
    Ok(())
}

/// The output folder as the store names it: its absolute path.
fn output_id(output: &Path) -> String {
    crate::write::lexical_absolute(output).to_string_lossy().into_owned()
}

/// Removes the database and its journal files, and the working database beside it, which
/// without the database's record would not be trusted again.
fn discard(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_file(dir.join(export::FILE));
    }
}

/// The key an article's extraction is stored under: everything extraction reads.
pub fn extraction_key(context: &Hash, rel: &str, text: &str, sidecar: Option<&str>) -> Hash {
    let mut h = blake3::Hasher::new();
    h.update(context);
    for part in [rel, text, sidecar.unwrap_or("\u{0}none")] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    *h.finalize().as_bytes()
}

/// What every article's extraction depends on besides its own file: the code, the registry and
/// the configuration.
pub fn extraction_context(registry_text: &[u8], config_text: &[u8]) -> Hash {
    let mut h = blake3::Hasher::new();
    for part in [code_fingerprint().as_bytes(), registry_text, config_text] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    *h.finalize().as_bytes()
}

/// The hash of bytes, as the output table keeps it.
pub fn hash(bytes: &[u8]) -> Hash {
    *blake3::hash(bytes).as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_extraction_is_used_only_under_its_own_key() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let key = hash(b"one");
        store.save_extractions(&[("a.md".into(), key, b"{}".to_vec())]).unwrap();
        store.forget_extractions(&|path| path == "a.md").unwrap();
        assert_eq!(store.extraction("a.md", &key).as_deref(), Some(&b"{}"[..]));
        assert_eq!(store.extraction("a.md", &hash(b"two")), None);
        assert_eq!(store.extraction("b.md", &key), None);
        store.forget_extractions(&|_| false).unwrap();
        assert_eq!(
            store.extraction("a.md", &key),
            None,
            "articles that are gone are forgotten"
        );
    }

    #[test]
    fn a_corrupt_store_is_discarded_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(
            dir.path().join(DIR).join(FILE),
            b"not a database, just some bytes".repeat(200),
        )
        .unwrap();
        let store = Store::open(dir.path(), false).unwrap();
        let notice = store.notice.clone().unwrap();
        assert!(notice.contains("could not be read"), "{notice}");
        assert_eq!(store.extraction("a.md", &hash(b"x")), None);
    }

    #[test]
    fn a_store_from_other_code_is_emptied() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut store = Store::open(dir.path(), false).unwrap();
            let key = hash(b"k");
            store.save_extractions(&[("a.md".into(), key, b"{}".to_vec())]).unwrap();
            store
                .conn
                .execute("UPDATE meta SET value = 'dateline 0.0.0' WHERE name = 'code'", [])
                .unwrap();
        }
        let store = Store::open(dir.path(), false).unwrap();
        assert!(store.notice.as_deref().unwrap().contains("another version"));
        assert_eq!(store.extraction("a.md", &hash(b"k")), None);
    }

    #[test]
    fn the_output_table_is_trusted_only_for_its_folder_and_once_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let out = dir.path().join("public");
        let files = vec![("index.html".to_string(), hash(b"x"))];
        store
            .save_outputs(&out, &crate::write::OutputRecord::Whole(files.clone()), None, None)
            .unwrap();
        assert_eq!(store.outputs(&out), Some(crate::write::Known::new(files)));
        assert_eq!(store.outputs(&dir.path().join("elsewhere")), None);
        store.forget_outputs().unwrap();
        assert_eq!(store.outputs(&out), None);
    }

    /// A page's record is used only under its own fingerprint; a build forgets the pages it
    /// neither made nor kept, and a build that records no pages forgets them all.
    #[test]
    fn a_page_is_kept_only_under_its_fingerprint_and_forgotten_when_not_made() {
        use crate::write::OutputRecord;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let out = dir.path().join("public");
        let files = OutputRecord::Whole(vec![("a/index.html".to_string(), hash(b"a"))]);
        let paths = vec!["a/index.html".to_string(), "a/article.json".to_string()];
        let made = PageRecord {
            made: vec![
                ("article /a/".into(), hash(b"inputs"), paths.clone()),
                (
                    "Day(2018-04-05)".into(),
                    hash(b"day"),
                    vec!["2018/04/05/index.html".into()],
                ),
            ],
            kept: Vec::new(),
        };
        store.save_outputs(&out, &files, Some(&made), None).unwrap();
        let pages = store.pages();
        assert_eq!(
            pages.made_from("article /a/", &hash(b"inputs")).map(MadeFiles::to_vec),
            Some(paths.clone())
        );
        assert_eq!(pages.made_from("article /a/", &hash(b"other inputs")), None);
        assert_eq!(pages.made_from("article /b/", &hash(b"inputs")), None);
        let next = PageRecord {
            made: Vec::new(),
            kept: vec!["article /a/".into()],
        };
        store.save_outputs(&out, &files, Some(&next), None).unwrap();
        let pages = store.pages();
        assert!(pages.made_from("article /a/", &hash(b"inputs")).is_some());
        assert_eq!(
            pages.made_from("Day(2018-04-05)", &hash(b"day")),
            None,
            "neither made nor kept"
        );
        store.save_outputs(&out, &files, None, None).unwrap();
        assert!(store.pages().is_empty());
    }

    /// A page a build keeps is marked in the record it read rather than named again; saved with
    /// that record, the pages neither made nor kept are forgotten, found in the record when it
    /// holds the whole table and in the table when a row of it did not read back.
    #[test]
    fn pages_marked_kept_in_the_record_read_stay_and_the_others_are_forgotten() {
        use crate::write::OutputRecord;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let out = dir.path().join("public");
        let files = OutputRecord::Whole(vec![("a/index.html".to_string(), hash(b"a"))]);
        let page = |job: &str| (job.to_string(), hash(job.as_bytes()), vec![format!("{job}.html")]);
        for damaged in [false, true] {
            let first = PageRecord {
                made: vec![page("a"), page("b"), page("c"), page("d")],
                kept: Vec::new(),
            };
            store.save_outputs(&out, &files, Some(&first), None).unwrap();
            if damaged {
                // A fingerprint of the wrong length: the row does not read back.
                store
                    .conn
                    .execute(
                        "INSERT INTO pages (job, fingerprint, paths) VALUES ('e', x'00', 'e.html')",
                        [],
                    )
                    .unwrap();
            }
            let previous = store.pages();
            assert!(previous.keep("a"));
            assert!(!previous.keep("z"), "no record of it to keep");
            assert_eq!(previous.kept(), 1);
            // "c" carried by name, as a job kept without the record's help is.
            let next = PageRecord {
                made: vec![page("b"), page("f")],
                kept: vec!["c".to_string()],
            };
            store.save_outputs(&out, &files, Some(&next), Some(&previous)).unwrap();
            let pages = store.pages();
            let has = |job: &str| pages.made_from(job, &hash(job.as_bytes())).is_some();
            for job in ["a", "b", "c", "f"] {
                assert!(has(job), "{job} made or kept (damaged: {damaged})");
            }
            assert!(!has("d"), "neither made nor kept (damaged: {damaged})");
            let rows: i64 = store
                .conn
                .query_row("SELECT count(*) FROM pages", [], |r| r.get(0))
                .unwrap();
            assert_eq!(rows, 4, "the damaged row is forgotten too (damaged: {damaged})");
            // A build that records no pages forgets them all: the next round starts empty.
            store.save_outputs(&out, &files, None, None).unwrap();
        }
    }

    /// A build over a recorded archive records only what it changed; the table then says what
    /// a build from nothing would have recorded.
    #[test]
    fn changes_to_the_output_are_applied_to_the_record() {
        use crate::write::{Known, OutputRecord};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let out = dir.path().join("public");
        let file = |p: &str, bytes: &[u8]| (p.to_string(), hash(bytes));
        let first = vec![file("a.html", b"a"), file("b.html", b"b"), file("c.html", b"c")];
        store
            .save_outputs(&out, &OutputRecord::Whole(first), None, None)
            .unwrap();
        let changes = OutputRecord::Changes {
            put: vec![file("b.html", b"b2"), file("d.html", b"d")],
            removed: vec!["c.html".to_string()],
        };
        store.forget_outputs().unwrap();
        store.save_outputs(&out, &changes, None, None).unwrap();
        let expected = vec![file("a.html", b"a"), file("b.html", b"b2"), file("d.html", b"d")];
        assert_eq!(store.outputs(&out), Some(Known::new(expected)));
        assert_eq!(store.output_sample().unwrap(), ["a.html", "b.html", "d.html"]);
    }
}
