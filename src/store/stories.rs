//! The `stories` and `texts` tables: each article as the last build read it, so that a rebuild
//! reads, parses and merges only the articles whose files changed.
//!
//! A row holds what the build made of one article file — the story's record (see
//! [`crate::texts::encode_record`]), the warnings reading it gave, and, in `texts`, the entry
//! its text was put away as — under what it was made from:
//!
//! - the file's size and modification time, and its annotations sidecar's (or none). As make,
//!   ninja and Zola do, these are the trigger: a file whose size and time are those recorded is
//!   taken to hold the recorded bytes, so an unchanged archive costs one `stat` a file (taken
//!   by the build's scan of its inputs, [`super::unchanged::scan`]) and no read;
//! - whether that time could be trusted: a file written within [`super::unchanged::RACY`] of
//!   the scan could change again without its size or time changing, so such a row is compared
//!   by content next time, never by time alone;
//! - the key of the article's content ([`super::extraction_key`]: its normalised text and
//!   sidecar, its path, the code, the registry and `site.toml`): a file whose time changed but
//!   whose content did not (touched, or saved without a change) is read and hashed but not
//!   parsed again — unless the story was dated by the file's time, which then changed;
//! - the settings that shape what reading makes of a file (the code, the registry, the
//!   configuration as the command line leaves it, the site folder as given): a row made under
//!   other settings is never used.
//!
//! A row that does not read back is ignored and its article read afresh, as is every row of a
//! store from another version of dateline (the store is emptied then, see [`super::Store::open`]).

use rusqlite::{OptionalExtension, params};
use rustc_hash::FxHashMap;

use super::unchanged::Stat;
use super::{Hash, Store};

/// What an article's row was made from, besides the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// The article file's size and modification time when the build scanned its inputs.
    pub file: Stat,
    /// Its annotations sidecar's, when it has one.
    pub sidecar: Option<Stat>,
}

impl Fingerprint {
    /// Size and time of the file, then of the sidecar when there is one: 24 or 48 bytes.
    fn to_bytes(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(48);
        for stat in std::iter::once(self.file).chain(self.sidecar) {
            out.extend_from_slice(&stat.size.to_le_bytes());
            out.extend_from_slice(&stat.mtime.to_le_bytes());
        }
        out
    }

    fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        let stat = |b: &[u8]| -> Option<Stat> {
            Some(Stat {
                size: u64::from_le_bytes(b.get(..8)?.try_into().ok()?),
                mtime: i128::from_le_bytes(b.get(8..24)?.try_into().ok()?),
            })
        };
        match bytes.len() {
            24 => Some(Fingerprint {
                file: stat(bytes)?,
                sidecar: None,
            }),
            48 => Some(Fingerprint {
                file: stat(&bytes[..24])?,
                sidecar: Some(stat(&bytes[24..])?),
            }),
            _ => None,
        }
    }
}

/// What the store knows of one article, short of its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptStory {
    pub fingerprint: Fingerprint,
    /// Whether the time in the fingerprint was old enough at the scan to tell a change.
    pub trusted: bool,
    /// The key of the content it was read from ([`super::extraction_key`]).
    pub key: Hash,
    /// Whether the story is dated by its file's modification time.
    pub dated_by_file: bool,
}

/// One article's row as a build saves it.
#[derive(Debug)]
pub struct StoryRow {
    /// The article's path under `content/`.
    pub path: String,
    pub kept: KeptStory,
    /// The warnings reading the article gave, as JSON.
    pub warnings: String,
    pub record: Vec<u8>,
    /// What the story adds to the indexes ([`crate::index::glean`]); empty when not known.
    pub terms: Vec<u8>,
    /// The entry its text was put away as; `None` keeps the text the row has.
    pub text: Option<Vec<u8>>,
}

/// A row read back for a build: the story's record, its warnings and where its text is.
#[derive(Debug)]
pub struct StoredStory {
    pub path: String,
    pub warnings: String,
    pub record: Vec<u8>,
    /// What the story adds to the indexes, as [`StoryRow::terms`].
    pub terms: Vec<u8>,
    /// The number of its text's entry in `texts`, and the entry's length.
    pub text: (u64, u32),
}

/// The tables, created by [`Store::open`].
pub(super) const TABLES: &str = "CREATE TABLE IF NOT EXISTS stories (path TEXT PRIMARY KEY, settings BLOB NOT NULL, \
     fingerprint BLOB NOT NULL, trusted INTEGER NOT NULL, key BLOB NOT NULL, dated_by_file INTEGER NOT NULL, \
     warnings TEXT NOT NULL, record BLOB NOT NULL, terms BLOB NOT NULL, text INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, entry BLOB NOT NULL);";

impl Store {
    /// Every article the store kept under `settings`, by path; rows that do not read back are
    /// left out (their articles are read afresh). Empty when the table cannot be read.
    pub fn kept_stories(&self, settings: &Hash) -> FxHashMap<String, KeptStory> {
        let read = || -> rusqlite::Result<FxHashMap<String, KeptStory>> {
            let mut stmt = self
                .conn
                .prepare("SELECT path, fingerprint, trusted, key, dated_by_file FROM stories WHERE settings = ?1")?;
            let rows = stmt.query_map([settings.as_slice()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                    r.get::<_, bool>(4)?,
                ))
            })?;
            let mut out = FxHashMap::default();
            for row in rows {
                let Ok((path, fingerprint, trusted, key, dated_by_file)) = row else {
                    continue;
                };
                let (Some(fingerprint), Ok(key)) =
                    (Fingerprint::from_bytes(&fingerprint), Hash::try_from(key.as_slice()))
                else {
                    continue;
                };
                out.insert(
                    path,
                    KeptStory {
                        fingerprint,
                        trusted,
                        key,
                        dated_by_file,
                    },
                );
            }
            Ok(out)
        };
        read().unwrap_or_default()
    }

    /// The records of the articles `wanted` picks among those kept under `settings`, in one
    /// pass over the table, handed to `each` a slice of `slice` rows at a time so that the
    /// records of a whole archive are never in memory at once as bytes. A row that does not
    /// read back is left out.
    pub fn stored_stories(
        &self,
        settings: &Hash,
        wanted: &dyn Fn(&str) -> bool,
        slice: usize,
        each: &mut dyn FnMut(Vec<StoredStory>),
    ) -> rusqlite::Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT s.path, s.warnings, s.record, s.text, length(t.entry), s.terms FROM stories s JOIN texts t ON t.id = s.text \
             WHERE s.settings = ?1",
        )?;
        let mut rows = stmt.query([settings.as_slice()])?;
        let mut batch = Vec::with_capacity(slice);
        while let Some(row) = rows.next()? {
            let Ok(path) = row.get::<_, String>(0) else {
                continue;
            };
            if !wanted(&path) {
                continue;
            }
            let read = (|| -> rusqlite::Result<StoredStory> {
                let id: i64 = row.get(3)?;
                let len: i64 = row.get(4)?;
                Ok(StoredStory {
                    warnings: row.get(1)?,
                    record: row.get(2)?,
                    terms: row.get(5)?,
                    text: (
                        u64::try_from(id).unwrap_or(u64::MAX),
                        u32::try_from(len).unwrap_or(u32::MAX),
                    ),
                    path,
                })
            })();
            if let Ok(stored) = read {
                batch.push(stored);
            }
            if batch.len() == slice {
                each(std::mem::replace(&mut batch, Vec::with_capacity(slice)));
            }
        }
        if !batch.is_empty() {
            each(batch);
        }
        Ok(())
    }

    /// Saves the rows of articles this build read afresh, or found unchanged under a new time
    /// (their text kept as it is), under `settings`.
    pub fn save_stories(&mut self, settings: &Hash, rows: &[StoryRow]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut text_of = tx.prepare("SELECT text FROM stories WHERE path = ?1")?;
            let mut forget_text = tx.prepare("DELETE FROM texts WHERE id = ?1")?;
            let mut put_text = tx.prepare("INSERT INTO texts (entry) VALUES (?1)")?;
            let mut put = tx.prepare(
                "INSERT OR REPLACE INTO stories (path, settings, fingerprint, trusted, key, dated_by_file, warnings, record, terms, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for row in rows {
                let old: Option<i64> = text_of.query_row([&row.path], |r| r.get(0)).optional()?;
                let text = match (&row.text, old) {
                    (None, Some(id)) => id,
                    // Nothing to keep: the article is read afresh next time.
                    (None, None) => continue,
                    (Some(entry), old) => {
                        if let Some(id) = old {
                            forget_text.execute([id])?;
                        }
                        put_text.execute([entry])?;
                        tx.last_insert_rowid()
                    }
                };
                let k = &row.kept;
                put.execute(params![
                    row.path,
                    settings.as_slice(),
                    k.fingerprint.to_bytes(),
                    k.trusted,
                    k.key.as_slice(),
                    k.dated_by_file,
                    row.warnings,
                    row.record,
                    row.terms,
                    text
                ])?;
            }
        }
        tx.commit()
    }

    /// Forgets every article whose path under `content/` `keep` refuses, and its text.
    pub fn forget_stories(&mut self, keep: &dyn Fn(&str) -> bool) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            // The paths alone, which the index of the table's key holds: a scan of the table
            // itself would read every record (some 200 MB at 100,000 articles) to forget none.
            let gone: Vec<String> = {
                let mut all = tx.prepare("SELECT path FROM stories")?;
                all.query_map([], |r| r.get::<_, String>(0))?
                    .filter_map(Result::ok)
                    .filter(|p| !keep(p))
                    .collect()
            };
            let mut text_of = tx.prepare("SELECT text FROM stories WHERE path = ?1")?;
            let mut forget = tx.prepare("DELETE FROM stories WHERE path = ?1")?;
            let mut forget_text = tx.prepare("DELETE FROM texts WHERE id = ?1")?;
            for path in gone {
                let text: i64 = text_of.query_row([&path], |r| r.get(0))?;
                forget.execute([path])?;
                forget_text.execute([text])?;
            }
        }
        tx.commit()
    }

    /// A reader of the texts this store kept, on connections of its own (one for each thread
    /// that renders pages) so that the build's pages can read them while the build goes on;
    /// `None` when the database cannot be opened again.
    pub fn kept_texts(&self) -> Option<KeptTexts> {
        let threads = rayon::current_num_threads().max(1);
        let conns = (0..threads)
            .map(|_| {
                let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = rusqlite::Connection::open_with_flags(&self.path, flags).ok()?;
                conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
                Some(std::sync::Mutex::new(conn))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(KeptTexts {
            path: self.path.clone(),
            conns,
        })
    }
}

/// The texts an earlier build put away, as the store kept them: read one at a time when a
/// page of an unchanged story is made again (a person's page, the feed, a template edited).
#[derive(Debug)]
pub struct KeptTexts {
    path: std::path::PathBuf,
    conns: Vec<std::sync::Mutex<rusqlite::Connection>>,
}

impl crate::texts::Kept for KeptTexts {
    fn path(&self) -> &std::path::Path {
        &self.path
    }

    fn entry(&self, number: u64) -> std::io::Result<Vec<u8>> {
        // Whichever connection is free; the first when none is.
        let conn = self
            .conns
            .iter()
            .find_map(|c| c.try_lock().ok())
            .unwrap_or_else(|| self.conns[0].lock().unwrap_or_else(|e| e.into_inner()));
        let id = i64::try_from(number).map_err(|_| std::io::Error::other("no such text in the build store"))?;
        let mut stmt = conn
            .prepare_cached("SELECT entry FROM texts WHERE id = ?1")
            .map_err(std::io::Error::other)?;
        stmt.query_row([id], |r| r.get::<_, Vec<u8>>(0))
            .map_err(|e| std::io::Error::other(format!("the build store's text {number}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::Kept;

    fn row(path: &str, size: u64, text: Option<&[u8]>) -> StoryRow {
        StoryRow {
            path: path.to_string(),
            kept: KeptStory {
                fingerprint: Fingerprint {
                    file: Stat {
                        size,
                        mtime: 1_600_000_000_000_000_000,
                    },
                    sidecar: (size % 2 == 1).then_some(Stat { size: 9, mtime: -5 }),
                },
                trusted: true,
                key: super::super::hash(path.as_bytes()),
                dated_by_file: size == 0,
            },
            warnings: "[]".to_string(),
            record: format!("record of {path}").into_bytes(),
            terms: format!("terms of {path}").into_bytes(),
            text: text.map(<[u8]>::to_vec),
        }
    }

    /// Every record `settings` picks, as `stored_stories` hands them over.
    fn stored(store: &Store, settings: &Hash) -> Vec<StoredStory> {
        let mut all = Vec::new();
        store
            .stored_stories(settings, &|_| true, 2, &mut |batch| all.extend(batch))
            .unwrap();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }

    /// A row saved reads back as it was: what it was made from, its record and its text; a row
    /// saved again without a text keeps the one it had, and an article forgotten takes its
    /// text with it.
    #[test]
    fn a_story_row_reads_back_with_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let settings = super::super::hash(b"settings");
        let rows = [
            row("a.md", 10, Some(b"text of a")),
            row("b.txt", 11, Some(b"text of b")),
            row("c.md", 0, Some(b"text of c")),
        ];
        store.save_stories(&settings, &rows).unwrap();
        let kept = store.kept_stories(&settings);
        assert_eq!(kept.len(), 3);
        for r in &rows {
            assert_eq!(kept[&r.path], r.kept);
        }
        let texts = store.kept_texts().unwrap();
        let back = stored(&store, &settings);
        assert_eq!(back.len(), 3);
        for (b, r) in back.iter().zip(&rows) {
            assert_eq!(b.path, r.path);
            assert_eq!(b.record, r.record);
            assert_eq!(b.terms, r.terms);
            assert_eq!(texts.entry(b.text.0).unwrap(), r.text.clone().unwrap());
            assert_eq!(b.text.1 as usize, r.text.as_ref().unwrap().len());
        }
        // Saved again under a new time, the text kept.
        let mut touched = row("a.md", 10, None);
        touched.kept.fingerprint.file.mtime += 1;
        store.save_stories(&settings, &[touched]).unwrap();
        let a = stored(&store, &settings)
            .into_iter()
            .find(|s| s.path == "a.md")
            .unwrap();
        assert_eq!(texts.entry(a.text.0).unwrap(), b"text of a");
        assert_eq!(
            store.kept_stories(&settings)["a.md"].fingerprint.file.mtime,
            1_600_000_000_000_000_001
        );
        // A row to keep a text it never had is not saved.
        store.save_stories(&settings, &[row("new.md", 4, None)]).unwrap();
        assert!(!store.kept_stories(&settings).contains_key("new.md"));
        // Forgotten, with its text.
        let b = back.iter().find(|s| s.path == "b.txt").unwrap().text.0;
        store.forget_stories(&|path| ["a.md", "c.md"].contains(&path)).unwrap();
        assert_eq!(store.kept_stories(&settings).len(), 2);
        assert!(texts.entry(b).is_err());
    }

    /// Rows made under other settings are never handed out, nor are rows of a store another
    /// version of dateline wrote (the store is emptied when it is opened).
    #[test]
    fn rows_of_other_settings_or_another_version_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let settings = super::super::hash(b"settings");
        {
            let mut store = Store::open(dir.path(), false).unwrap();
            store
                .save_stories(&settings, &[row("a.md", 10, Some(b"text"))])
                .unwrap();
            assert!(store.kept_stories(&super::super::hash(b"other")).is_empty());
            assert!(stored(&store, &super::super::hash(b"other")).is_empty());
            assert_eq!(store.kept_stories(&settings).len(), 1);
            store
                .conn
                .execute("UPDATE meta SET value = 'dateline 0.0.0' WHERE name = 'code'", [])
                .unwrap();
        }
        let store = Store::open(dir.path(), false).unwrap();
        assert!(store.notice.as_deref().unwrap().contains("another version"));
        assert!(store.kept_stories(&settings).is_empty());
        assert!(stored(&store, &settings).is_empty());
    }

    /// A row whose fingerprint or key does not read back is left out, and the others are not
    /// held up by it: its article is read afresh.
    #[test]
    fn a_corrupt_row_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), false).unwrap();
        let settings = super::super::hash(b"settings");
        let rows = [
            row("a.md", 10, Some(b"a")),
            row("b.md", 12, Some(b"b")),
            row("c.md", 14, Some(b"c")),
        ];
        store.save_stories(&settings, &rows).unwrap();
        store
            .conn
            .execute("UPDATE stories SET fingerprint = x'0102' WHERE path = 'a.md'", [])
            .unwrap();
        store
            .conn
            .execute("UPDATE stories SET key = 'not a hash' WHERE path = 'b.md'", [])
            .unwrap();
        store
            .conn
            .execute(
                "UPDATE stories SET record = 42, warnings = x'00' WHERE path = 'c.md'",
                [],
            )
            .unwrap();
        let kept = store.kept_stories(&settings);
        assert_eq!(kept.keys().collect::<Vec<_>>(), ["c.md"]);
        // A record that is not one is left out too.
        assert!(stored(&store, &settings).iter().all(|s| s.path != "c.md"));
    }
}
