//! The journal: how a build that changed a few files of a large archive swaps in only those.
//!
//! Exchanging the whole output folder for a staging folder is atomic, but the staging folder
//! must then hold the whole new archive: at 100,000 articles that is some 390,000 hard links and
//! 190,000 folders made for every one-article edit. Instead, the changed and new files are
//! written into a staging folder of their own, and a journal beside the output
//! (`.NAME.journal`) lists the files to move into the output and those to remove from it. The
//! journal is written whole under another name, flushed to disk and renamed into place, so it
//! either exists complete or not at all; only then is the output touched. It is applied one
//! rename per file and deleted last.
//!
//! A build killed before the journal exists leaves the previous archive untouched; one killed
//! while applying it leaves the journal, which whoever takes the output's lock next — a build,
//! `deploy` — completes before anything else ([`complete`]). Completing is idempotent: a staged
//! file that is gone was moved already, a file to remove that is gone was removed already.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{MARKER, WriteError, check_relative, io, remove_tree};

/// What the journal says: the staging folder's name (beside the output), and the paths, inside
/// the output, of the files to move in from it and of the files to remove.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Journal {
    pub staging: String,
    pub moves: Vec<String>,
    pub removes: Vec<String>,
}

/// Where the journal of the output folder `NAME` lives: `.NAME.journal` beside it.
pub(super) fn path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.journal"))
}

/// A hidden hook for the interruption tests: with `DATELINE_TEST_ABORT_IN_JOURNAL=N` a build
/// that swaps in by journal stops dead after N of its files are moved, as a killed build would.
const ABORT_HOOK: &str = "DATELINE_TEST_ABORT_IN_JOURNAL";

/// Writes the journal for `output` (complete, flushed, then renamed into place) and applies
/// it. Once this returns an error after the journal exists, the journal stays for the next
/// holder of the lock to complete.
pub(super) fn write_and_apply(parent: &Path, name: &str, journal: &Journal) -> Result<(), WriteError> {
    if journal.moves.is_empty() && journal.removes.is_empty() {
        // Every file is the previous archive's: nothing to swap.
        let staging = parent.join(&journal.staging);
        return remove_tree(&staging).map_err(io(&staging));
    }
    let at = path(parent, name);
    let draft = parent.join(format!(".{name}.journal-{}", std::process::id()));
    let bytes = serde_json::to_vec(journal).map_err(|e| WriteError::Io {
        path: draft.clone(),
        source: std::io::Error::other(e),
    })?;
    {
        let mut file = std::fs::File::create(&draft).map_err(io(&draft))?;
        file.write_all(&bytes).map_err(io(&draft))?;
        file.sync_all().map_err(io(&draft))?;
    }
    std::fs::rename(&draft, &at).map_err(io(&at))?;
    sync_dir(parent);
    let stop_after = std::env::var(ABORT_HOOK).ok().and_then(|n| n.parse::<usize>().ok());
    apply(parent, name, journal, stop_after)
}

/// Completes the journal a killed build left beside `output`, if there is one. Called with
/// the output's lock held.
pub(super) fn complete(parent: &Path, name: &str) -> Result<bool, WriteError> {
    let at = path(parent, name);
    let bytes = match std::fs::read(&at) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(unfinished(&at, e.to_string())),
    };
    let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| unfinished(&at, e.to_string()))?;
    // A journal names only a staging folder of this output and paths inside it, so a damaged
    // or planted one cannot move or remove anything elsewhere.
    let staging_ok = journal
        .staging
        .strip_prefix(&format!(".{name}.staging-"))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
    let paths_ok = journal
        .moves
        .iter()
        .chain(&journal.removes)
        .all(|p| check_relative(p).is_ok() && p != MARKER);
    if !staging_ok || !paths_ok {
        return Err(unfinished(&at, "it names files outside the output".into()));
    }
    apply(parent, name, &journal, None).map_err(|e| unfinished(&at, e.to_string()))?;
    Ok(true)
}

fn unfinished(journal: &Path, why: String) -> WriteError {
    WriteError::Journal {
        path: journal.to_path_buf(),
        why,
    }
}

/// Applies the journal: removals first (so a file that becomes a folder can be moved in), then
/// the moves, then the staging folder and last the journal itself. Every step may have been
/// done already by an earlier, interrupted attempt.
fn apply(parent: &Path, name: &str, journal: &Journal, stop_after: Option<usize>) -> Result<(), WriteError> {
    let output = parent.join(name);
    let staging = parent.join(&journal.staging);
    for p in &journal.removes {
        let target = output.join(p);
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&target)(e)),
            _ => {}
        }
        // A clean build would not have made a folder with nothing in it.
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| *d != output) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    for (done, p) in journal.moves.iter().enumerate() {
        if stop_after == Some(done) {
            std::process::abort();
        }
        let (from, to) = (staging.join(p), output.join(p));
        match std::fs::rename(&from, &to) {
            Ok(()) => {}
            // Moved by an earlier attempt.
            Err(_) if std::fs::symlink_metadata(&from).is_err() => {}
            Err(_) => {
                if let Some(dir) = to.parent() {
                    std::fs::create_dir_all(dir).map_err(io(dir))?;
                }
                std::fs::rename(&from, &to).map_err(io(&to))?;
            }
        }
    }
    if staging.exists() {
        remove_tree(&staging).map_err(io(&staging))?;
    }
    let at = path(parent, name);
    std::fs::remove_file(&at).map_err(io(&at))?;
    sync_dir(parent);
    Ok(())
}

/// Flushes a folder's entries (a rename into it) to disk, where the platform allows.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The process that was writing `file_name`, when it is a journal of the output `name` not yet
/// renamed into place (`.NAME.journal-PID`).
pub(super) fn draft_owner(file_name: &str, name: &str) -> Option<u32> {
    file_name.strip_prefix(&format!(".{name}.journal-"))?.parse().ok()
}
