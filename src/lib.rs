//! dateline: a static site generator for annotated news archives.
//!
//! Articles in `content/` — Markdown with TOML front matter, or raw wire copy — flow one way
//! through owned types, one module per stage:
//!
//! ```text
//! load → Source → parse → Article → extract → Extraction + Metadata → index → Archive
//!      → render (pages) and search (the index), side by side → Vec<OutputFile> → write → public/
//! ```
//!
//! Only `load` reads the site's files (content, templates, static files) and only `write`
//! writes the output; `extract` and `render` are pure, which is what makes builds parallel,
//! deterministic and incremental. The pipeline calls each stage in turn with plain data; no
//! stage calls another, and what two stages must agree on (dates in words, agency names)
//! lives in small leaf modules both name. `store` keeps, between builds, what extraction made
//! of each article and what the output folder holds, so a rebuild redoes only what changed.

// Diagnostics carry the offending line and advice, so they are large; they are also rare and
// off the hot path, where boxing them would only add noise.
#![allow(clippy::result_large_err)]

/// Extraction is its own crate (`crates/dateline-extract`): pure, with no I/O dependencies.
pub use dateline_extract as extract;

pub mod agencies;
pub mod annotate;
pub mod check;
pub mod compress;
pub mod config;
pub mod dates;
pub mod deploy;
pub mod derivatives;
pub mod diagnostics;
pub mod export;
pub mod index;
pub mod load;
pub mod media_type;
pub mod merge;
pub mod model;
pub mod parse;
pub mod photo;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod slug;
pub mod store;
pub mod texts;
pub mod titles;
pub mod write;
