//! Deploy: sends the built archive to a target in `site.toml` (`[[deploy.targets]]`), an
//! S3-compatible bucket or a folder, sending only what changed.
//!
//! The target keeps a manifest ([`plan::MANIFEST`]) of what was sent, by content hash; it is
//! compared with the built files and with the target's listing (an object the manifest claims
//! but the listing lacks is sent again). Files go out in phases — assets, article pages, then
//! lists, feeds and sitemaps — so a reader never follows a link to a file not yet there, and
//! deletions come last. The manifest is rewritten as uploads arrive, so a deploy that is
//! interrupted resumes where it stopped.

pub mod config;
#[cfg(feature = "deploy")]
pub mod plan;
#[cfg(feature = "deploy")]
mod run;

#[cfg(feature = "deploy")]
pub use run::{DeployError, DeployOptions, DeployReport, deploy};
