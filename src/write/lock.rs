//! The build lock: one build at a time writes an output folder (and reads and writes a site's
//! build store).
//!
//! Two builds into the same output used to race: the second one's clean-up of stale staging
//! folders could take away the first one's live staging folder, and the first then swapped in
//! a partial archive. Every build now holds an exclusive operating-system lock (`flock` on Unix,
//! `LockFileEx` on Windows) on a small file beside the output for as long as it writes. The lock
//! belongs to the open file, so it is released when the build exits however it exits — a killed
//! build never leaves a stale lock behind, and the lock file itself can stay in place (removing
//! it would let a third build lock a different file of the same name).
//!
//! A second build waits a bounded time ([`wait_from_env`]) for the first to finish, then stops
//! with a message that names the holder: the lock file's text says which process took it and
//! when.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;

/// How long a build waits for another one to finish, unless `DATELINE_LOCK_WAIT` says otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(120);

/// An exclusive lock, held until dropped.
#[derive(Debug)]
pub struct BuildLock {
    /// Kept open: closing it releases the lock.
    _file: File,
    path: PathBuf,
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{what} is in use by another build ({holder}); waited {waited:.0} s for it to finish\n  = help: wait for that build to end, or stop it; if no build is running, the lock is released already and you can run again (its file is {path})"
    )]
    Held {
        what: String,
        holder: String,
        waited: f64,
        path: PathBuf,
    },
    #[error("cannot open the lock file {path}: {source}\n  = help: check the permissions of its folder")]
    Io { path: PathBuf, source: std::io::Error },
}

impl BuildLock {
    /// Takes the lock on `path` (creating the file), waiting up to `wait` for another holder.
    /// `what` names the locked thing in the message, e.g. "the output folder public".
    pub fn acquire(path: &Path, what: &str, wait: Duration) -> Result<BuildLock, LockError> {
        let io = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(10);
        loop {
            if file.try_lock_exclusive().map_err(io)? {
                break;
            }
            if started.elapsed() >= wait {
                return Err(LockError::Held {
                    what: what.to_string(),
                    holder: holder(&mut file),
                    waited: started.elapsed().as_secs_f64(),
                    path: path.to_path_buf(),
                });
            }
            std::thread::sleep(pause.min(wait.saturating_sub(started.elapsed())));
            pause = (pause * 2).min(Duration::from_millis(200));
        }
        // Who holds it, for the message a waiting build prints. Best effort: the lock is ours
        // whether or not this note can be written.
        let note = format!(
            "process {} since {}\n",
            std::process::id(),
            jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC")
        );
        let _ = file
            .set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(note.as_bytes()));
        Ok(BuildLock {
            _file: file,
            path: path.to_path_buf(),
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The holder's note, or a plain description when it cannot be read.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|_| file.read_to_string(&mut text));
    match text.trim() {
        "" => "a process that has not yet said who it is".to_string(),
        t => t.to_string(),
    }
}

/// How long to wait for another build: `DATELINE_LOCK_WAIT` seconds, else [`DEFAULT_WAIT`].
pub fn wait_from_env() -> Duration {
    std::env::var("DATELINE_LOCK_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_WAIT)
}

/// Whether the process `pid` is still running. Where this cannot be known, it is assumed to be,
/// so that nothing of a live build is ever touched.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.lock");
        let first = BuildLock::acquire(&path, "the output folder public", Duration::ZERO).unwrap();
        let e = BuildLock::acquire(&path, "the output folder public", Duration::from_millis(50)).unwrap_err();
        let text = e.to_string();
        assert!(text.contains(&format!("process {}", std::process::id())), "{text}");
        assert!(text.contains("the output folder public"), "{text}");
        drop(first);
        BuildLock::acquire(&path, "the output folder public", Duration::ZERO).unwrap();
    }

    #[test]
    fn this_process_is_alive_and_an_unused_pid_is_not() {
        assert!(process_alive(std::process::id()));
        // Above the kernel's largest pid (4,194,304), so never in use.
        assert!(!process_alive(4_194_305 + 1000));
    }
}
