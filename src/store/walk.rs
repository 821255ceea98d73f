//! Listing a folder tree with every entry's `stat`, many folders at a time.
//!
//! A build with nothing to do spends its time here: at 100,000 articles the inputs are some
//! 100,000 files and the output some 400,000. A walk one entry at a time waits on the file
//! system for each; this one reads the folders of each level of the tree in parallel (the
//! entries' `stat`s relative to their open folder), which on a RAM disk or a warm page cache
//! keeps every core busy instead.

use std::ffi::OsString;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One entry of a walked tree.
pub struct Entry {
    /// Relative to the walk's root, with the platform's separators.
    pub rel: PathBuf,
    pub meta: Metadata,
}

/// The entries of one folder, sorted by name, with the folder relative to the root.
pub struct Folder {
    pub rel: PathBuf,
    pub entries: Vec<(OsString, Metadata)>,
}

/// Every folder under `root` (itself included), each with its entries sorted by name; folders
/// in no particular order. With `follow`, a symbolic link is replaced by what it points to (a
/// linked folder is walked, as `walkdir`'s `follow_links` does); without, links are entries of
/// their own. `None` when any folder or entry cannot be read: a partial listing is never taken
/// for the whole.
pub fn folders(root: &Path, follow: bool) -> Option<Vec<Folder>> {
    let mut done = Vec::new();
    let mut level = vec![PathBuf::new()];
    // A linked folder that leads back to one of its ancestors would be walked forever.
    let mut depth = 0;
    while !level.is_empty() {
        depth += 1;
        if depth > 256 {
            return None;
        }
        let read: Vec<Option<Folder>> = level.par_iter().map(|rel| read_folder(root, rel, follow)).collect();
        let mut next = Vec::new();
        for folder in read {
            let folder = folder?;
            for (name, meta) in &folder.entries {
                if meta.is_dir() {
                    next.push(folder.rel.join(name));
                }
            }
            done.push(folder);
        }
        level = next;
    }
    Some(done)
}

/// Every file (anything not a folder) under `root`, in no particular order.
pub fn files(root: &Path, follow: bool) -> Option<Vec<Entry>> {
    let folders = folders(root, follow)?;
    Some(
        folders
            .into_iter()
            .flat_map(|f| {
                let rel = f.rel;
                f.entries
                    .into_iter()
                    .filter(|(_, meta)| !meta.is_dir())
                    .map(move |(name, meta)| Entry {
                        rel: rel.join(name),
                        meta,
                    })
            })
            .collect(),
    )
}

fn read_folder(root: &Path, rel: &Path, follow: bool) -> Option<Folder> {
    let dir = root.join(rel);
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(&dir).ok()? {
        let entry = entry.ok()?;
        // Relative to the open folder: no path lookup from the root for each entry.
        let mut meta = entry.metadata().ok()?;
        if follow && meta.file_type().is_symlink() {
            meta = std::fs::metadata(entry.path()).ok()?;
        }
        entries.push((entry.file_name(), meta));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Some(Folder {
        rel: rel.to_path_buf(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_and_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.md", "2020/01/b.md", "2020/01/c.md", "2020/02/d.md", "x/y/z/e.md"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        let mut files: Vec<String> = files(dir.path(), false)
            .unwrap()
            .into_iter()
            .map(|e| e.rel.to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        assert_eq!(
            files,
            ["2020/01/b.md", "2020/01/c.md", "2020/02/d.md", "a.md", "x/y/z/e.md"]
        );
        let mut folders: Vec<String> = folders(dir.path(), false)
            .unwrap()
            .into_iter()
            .map(|f| f.rel.to_string_lossy().replace('\\', "/"))
            .collect();
        folders.sort();
        assert_eq!(folders, ["", "2020", "2020/01", "2020/02", "x", "x/y", "x/y/z"]);
    }

    #[test]
    fn a_missing_root_is_not_an_empty_listing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(files(&dir.path().join("gone"), false).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_when_asked_and_a_loop_ends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.md"), "a").unwrap();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("site/linked")).unwrap();
        let names = |follow| {
            let mut v: Vec<String> = files(&dir.path().join("site"), follow)
                .unwrap()
                .into_iter()
                .map(|e| e.rel.to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        assert_eq!(names(true), ["linked/a.md"]);
        assert_eq!(names(false), ["linked"]);
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("real/again")).unwrap();
        assert!(
            files(&dir.path().join("real"), true).is_none(),
            "a loop is not walked forever"
        );
    }
}
