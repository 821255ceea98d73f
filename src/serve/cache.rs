//! The pages the preview server rendered lately, kept up to a size so that an archive of any
//! size is served in the same memory: the least recently asked for goes first. Every rebuild
//! starts it afresh, since any page may show what changed.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// How many bytes of rendered files the preview server keeps.
pub const DEFAULT_BUDGET: usize = 64 * 1024 * 1024;

/// Rendered files by path, for one build of the site.
#[derive(Debug)]
pub struct Cache {
    budget: usize,
    /// The build the files were rendered from; files of any other are refused.
    generation: u64,
    files: HashMap<String, Entry>,
    /// Paths by when they were last asked for, oldest first.
    recency: BTreeMap<u64, String>,
    clock: u64,
    bytes: usize,
}

#[derive(Debug)]
struct Entry {
    bytes: Arc<Vec<u8>>,
    used: u64,
}

impl Cache {
    /// An empty cache that keeps up to `budget` bytes.
    pub fn new(budget: usize) -> Cache {
        Cache {
            budget,
            generation: 0,
            files: HashMap::new(),
            recency: BTreeMap::new(),
            clock: 0,
            bytes: 0,
        }
    }

    /// Forgets every file: the site is now build `generation`.
    pub fn reset(&mut self, generation: u64) {
        self.generation = generation;
        self.files.clear();
        self.recency.clear();
        self.bytes = 0;
    }

    /// The file at `path` as rendered from build `generation`, marked as just used.
    pub fn get(&mut self, path: &str, generation: u64) -> Option<Arc<Vec<u8>>> {
        if generation != self.generation {
            return None;
        }
        self.clock += 1;
        let entry = self.files.get_mut(path)?;
        self.recency.remove(&entry.used);
        entry.used = self.clock;
        self.recency.insert(self.clock, path.to_string());
        Some(Arc::clone(&entry.bytes))
    }

    /// Keeps a file rendered from build `generation`, unless the site has moved on since or the
    /// file alone is over the budget; makes room by dropping the least recently used.
    pub fn put(&mut self, path: String, bytes: Arc<Vec<u8>>, generation: u64) {
        if generation != self.generation || bytes.len() > self.budget {
            return;
        }
        self.remove(&path);
        while self.bytes + bytes.len() > self.budget {
            let Some((_, oldest)) = self.recency.pop_first() else {
                break;
            };
            if let Some(e) = self.files.remove(&oldest) {
                self.bytes -= e.bytes.len();
            }
        }
        self.clock += 1;
        self.bytes += bytes.len();
        self.recency.insert(self.clock, path.clone());
        self.files.insert(
            path,
            Entry {
                bytes,
                used: self.clock,
            },
        );
    }

    fn remove(&mut self, path: &str) {
        if let Some(e) = self.files.remove(path) {
            self.recency.remove(&e.used);
            self.bytes -= e.bytes.len();
        }
    }

    /// How many bytes of files are kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(n: usize) -> Arc<Vec<u8>> {
        Arc::new(vec![b'x'; n])
    }

    #[test]
    fn keeps_within_its_budget_dropping_the_least_recently_used() {
        let mut cache = Cache::new(100);
        cache.put("a".into(), file(40), 0);
        cache.put("b".into(), file(40), 0);
        assert!(cache.get("a", 0).is_some(), "a is now the most recent");
        cache.put("c".into(), file(40), 0);
        assert!(cache.get("b", 0).is_none(), "b was the least recently used");
        assert!(cache.get("a", 0).is_some());
        assert!(cache.get("c", 0).is_some());
        assert_eq!(cache.bytes(), 80);
    }

    #[test]
    fn a_file_over_the_budget_is_not_kept() {
        let mut cache = Cache::new(100);
        cache.put("a".into(), file(40), 0);
        cache.put("huge".into(), file(101), 0);
        assert!(cache.get("huge", 0).is_none());
        assert!(cache.get("a", 0).is_some(), "nothing was dropped for it");
    }

    #[test]
    fn files_of_another_build_are_refused() {
        let mut cache = Cache::new(100);
        cache.put("a".into(), file(10), 0);
        cache.reset(1);
        assert!(cache.get("a", 1).is_none(), "a rebuild forgets every file");
        // A render that began before the rebuild finishes after it.
        cache.put("b".into(), file(10), 0);
        assert!(cache.get("b", 1).is_none());
        assert_eq!(cache.bytes(), 0);
        cache.put("a".into(), file(10), 1);
        assert!(cache.get("a", 0).is_none(), "asked for with an old build");
        assert!(cache.get("a", 1).is_some());
    }

    #[test]
    fn replacing_a_file_counts_its_bytes_once() {
        let mut cache = Cache::new(100);
        cache.put("a".into(), file(30), 0);
        cache.put("a".into(), file(50), 0);
        assert_eq!(cache.bytes(), 50);
    }
}
