//! dateline: a static site generator for annotated news archives.
//!
//! Articles in `content/` — Markdown with TOML front matter, or raw wire copy — flow one way
//! through owned types, one module per stage:
//!
//! ```text
//! load → Source → parse → Article → extract → Extraction + Metadata → index → Archive
//!      → render → Vec<OutputFile> → write → public/
//! ```
//!
//! Only `load` reads the content folder and only `write` writes the output; `extract` and
//! `render` are pure, which is what makes builds parallel, deterministic and incremental.

pub mod config;
pub mod diagnostics;
pub mod extract;
pub mod load;
pub mod model;
pub mod parse;
pub mod slug;
pub mod annotate;
pub mod index;
pub mod pipeline;
pub mod render;
pub mod write;
