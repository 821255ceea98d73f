//! Watching the site for edits. Editors save in bursts (a temporary file, a rename, a second
//! write), so events are gathered until the folder has been quiet for a moment and handed over
//! as one batch: one save, one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

/// How long the files must be quiet before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(25);
/// The longest a batch may keep growing while events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(400);

/// A live watcher and the batches it produces.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watch {
    /// Watches `content/`, `templates/`, `static/`, `data/` and `site.toml` under `root`.
    pub fn new(root: &Path) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        for dir in ["content", "templates", "static", "data"] {
            let p = root.join(dir);
            if p.is_dir() {
                watcher.watch(&p, RecursiveMode::Recursive)?;
            }
        }
        // The root itself, not recursively, to see site.toml (and folders appearing).
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        Ok(Watch {
            _watcher: watcher,
            events: rx,
        })
    }

    /// Blocks until the next batch of changed paths.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = Vec::new();
        loop {
            let first = self.events.recv().ok()?;
            collect(first, &mut paths);
            if !paths.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(e) => {
                    collect(e, &mut paths);
                    if started.elapsed() > MAX_WAIT {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }
}

fn collect(event: notify::Result<Event>, paths: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for p in event.paths {
        if !is_noise(&p) {
            paths.push(p);
        }
    }
}

/// Editor swap files, backups and the like.
fn is_noise(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.is_empty()
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == ".DS_Store"
        || (name.starts_with('.') && name != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_ignored() {
        for noisy in [".story.md.swp", "story.md~", ".#story.md", "4913", ".DS_Store"] {
            assert!(is_noise(Path::new(noisy)), "{noisy}");
        }
        assert!(!is_noise(Path::new("content/story.md")));
    }
}
