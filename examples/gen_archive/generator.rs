//! Generates a synthetic but realistic news archive for `dateline`: a `site.toml` and a
//! `content/` folder of wire copy (`.txt`) and Markdown (`.md`) articles.
//!
//! Shared by `examples/gen_archive.rs` (the command) and `benches/build.rs` (which generates
//! its archives with it). Output depends only on the article count: the same count gives
//! byte-identical files on every run and every machine.

mod calendar;
mod pools;
mod rng;
mod story;
mod topics;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Bump whenever the output for a given count changes, so cached archives are regenerated.
pub const VERSION: &str = "gen_archive 4";

/// The marker file that says a folder is ours to overwrite.
pub const MARKER: &str = ".gen-archive";

/// Every random choice descends from this.
const SEED: u64 = 0x0DA7_E11E_2015_2025;

const SITE_TOML: &str = "title = \"Generated archive\"\nbase_url = \"https://archive.example.org/\"\n";

/// What a run wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub articles: usize,
    pub wire: usize,
    pub markdown: usize,
    pub bytes: u64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} articles ({} wire copy, {} Markdown), {:.1} MB of content",
            self.articles,
            self.wire,
            self.markdown,
            self.bytes as f64 / 1e6
        )
    }
}

#[derive(Debug)]
pub enum GenError {
    /// The output folder holds files we did not write.
    NotOurs(PathBuf),
    Io(PathBuf, io::Error),
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenError::NotOurs(dir) => write!(
                f,
                "{} is not empty and was not created by gen_archive (no {MARKER} file); \
                 choose an empty or new folder",
                dir.display()
            ),
            GenError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for GenError {}

/// The marker's contents once an archive of `articles` is complete.
pub fn marker(articles: usize) -> String {
    format!("{VERSION}\narticles = {articles}\n")
}

/// Writes `site.toml` and `content/` with `articles` articles into `out`.
///
/// `out` must be missing, empty, or an earlier output of this generator (it has a
/// [`MARKER`]); in the last case its `content/` is replaced and nothing else is touched.
pub fn write_site(articles: usize, out: &Path) -> Result<Summary, GenError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| GenError::Io(path, e)
    };
    let marker_path = out.join(MARKER);
    match fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() && !marker_path.is_file() {
                return Err(GenError::NotOurs(out.to_path_buf()));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(out).map_err(io(out))?,
        Err(e) => return Err(GenError::Io(out.to_path_buf(), e)),
    }
    // Marked incomplete until the last article is written.
    fs::write(&marker_path, format!("{VERSION}\nincomplete\n")).map_err(io(&marker_path))?;
    let content = out.join("content");
    if content.exists() {
        fs::remove_dir_all(&content).map_err(io(&content))?;
    }
    let site = out.join("site.toml");
    fs::write(&site, SITE_TOML).map_err(io(&site))?;

    let pools = pools::Pools::new(SEED);
    let mut desk = story::Desk::new(&pools, SEED);
    let mut summary = Summary {
        articles,
        ..Summary::default()
    };
    for i in 0..articles {
        let article = desk.article(i as u64);
        let path = content.join(&article.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, &article.text).map_err(io(&path))?;
        summary.bytes += article.text.len() as u64;
        if article.wire {
            summary.wire += 1;
        } else {
            summary.markdown += 1;
        }
    }
    fs::write(&marker_path, marker(articles)).map_err(io(&marker_path))?;
    Ok(summary)
}
