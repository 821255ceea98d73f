//! What the benchmarks share: the generated archives they run on.

#![allow(dead_code)]

#[path = "../../examples/gen_archive/generator.rs"]
pub mod generator;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `CARGO_TARGET_DIR` if set (cargo runs benches from the package root), else `./target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
    }
}

/// Makes sure `root` holds the current generator's archive of `articles`; returns the size
/// of its content in bytes.
pub fn prepare(articles: usize, root: &Path) -> Result<u64, String> {
    let content = root.join("content");
    let stamp = fs::read_to_string(root.join(generator::MARKER)).unwrap_or_default();
    if stamp == generator::marker(articles) && content.is_dir() {
        let bytes = tree_size(&content).map_err(|e| format!("error: {}: {e}", content.display()))?;
        println!("Reusing {} ({}).", root.display(), generator::VERSION);
        return Ok(bytes);
    }
    // Anything else in our own scratch folder is stale: start afresh.
    if root.exists() {
        fs::remove_dir_all(root).map_err(|e| format!("error: cannot clear {}: {e}", root.display()))?;
    }
    println!("Generating {articles} articles into {} ...", root.display());
    let started = Instant::now();
    let summary = generator::write_site(articles, root).map_err(|e| format!("error: {e}"))?;
    println!("Wrote {summary} in {:.1} s.", started.elapsed().as_secs_f64());
    Ok(summary.bytes)
}

pub fn tree_size(dir: &Path) -> io::Result<u64> {
    let mut total = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            total += tree_size(&entry.path())?;
        } else if kind.is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}
