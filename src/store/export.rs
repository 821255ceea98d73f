//! `archive.sqlite`'s working database, kept in the store between builds.
//!
//! The published `archive.sqlite` is a compacted copy (`VACUUM INTO`) of a working database.
//! Kept here, the working database is what a rebuild after an edit updates in place, instead
//! of first copying the previous build's published file (some 720 MB at 100,000 articles).
//!
//! It is trusted only as the last finished build left it: the store records the file's size,
//! modification time and (on Unix) inode once the output it describes is recorded, and a file
//! that differs from that record (an update that was interrupted, a copy from elsewhere, a
//! store written by another version, whose record is gone) is not updated but made afresh
//! from the previous output. While it is updated it is under another name, so an update cut
//! short leaves nothing at its name at all.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::Store;

/// The working database's file in the store's folder.
pub const FILE: &str = "export.sqlite";
/// Its name while a build updates it or makes it afresh.
const UPDATING: &str = "export-updating.sqlite";

/// Where the working database is kept, and whether the file there can be updated.
#[derive(Debug, Clone)]
pub struct WorkingExport {
    /// Its place between builds.
    pub path: PathBuf,
    /// Its place while a build changes it.
    pub updating: PathBuf,
    /// Whether the file at `path` is the one the last finished build left, unchanged since.
    pub trusted: bool,
}

impl Store {
    /// The working database of `archive.sqlite`, and whether it is trusted.
    pub fn working_export(&self) -> WorkingExport {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let path = dir.join(FILE);
        let recorded: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = 'export'", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        let trusted = recorded.is_some() && recorded == identity(&path);
        WorkingExport {
            updating: dir.join(UPDATING),
            path,
            trusted,
        }
    }

    /// Records the working database as it now is: called once the output it describes is
    /// recorded, by a build that made or updated it. Without a file, the record is forgotten.
    pub fn save_working_export(&self) -> rusqlite::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        match identity(&dir.join(FILE)) {
            Some(id) => self
                .conn
                .execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('export', ?1)", [id]),
            None => self.conn.execute("DELETE FROM meta WHERE name = 'export'", []),
        }
        .map(|_| ())
    }
}

/// What tells one file at `path` from another put there or changed since: its size, its
/// modification time, and on Unix its inode. `None` when there is no file.
fn identity(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(format!("{}:{modified}:{inode}", meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_working_database_is_trusted_only_as_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), false).unwrap();
        let working = store.working_export();
        assert!(!working.trusted, "no file, no record");
        std::fs::write(&working.path, b"rows").unwrap();
        assert!(!store.working_export().trusted, "a file the store did not record");
        store.save_working_export().unwrap();
        assert!(store.working_export().trusted);
        // Changed after it was recorded (an update cut short, or a file copied in).
        std::fs::write(&working.path, b"other rows").unwrap();
        assert!(!store.working_export().trusted);
        store.save_working_export().unwrap();
        assert!(store.working_export().trusted);
        // Moved away while a build updates it.
        std::fs::rename(&working.path, &working.updating).unwrap();
        assert!(!store.working_export().trusted);
        std::fs::rename(&working.updating, &working.path).unwrap();
        assert!(store.working_export().trusted);
        // A store started afresh (another version's) has no record.
        drop(store);
        let store = Store::open(dir.path(), true).unwrap();
        assert!(!store.working_export().trusted);
    }
}
