//! Extract: the newsroom metadata hidden in an article's text.
//!
//! Pure functions from an `Article` to an `Extraction`: no file system, no clock, no globals,
//! so articles are extracted in parallel and results can be cached per article.

mod merge;
mod registry;
#[cfg(test)]
mod throughput;

use jiff::civil::Date;

use crate::model::{Article, BlockRole, Credit, Dateline, Extraction};

pub use merge::merge;
pub use registry::{Registry, RegistryEntry};

/// What extraction may know besides the article itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub registry: &'a Registry,
    /// A date to resolve relative dates against ("on Wednesday", a dateline without a year):
    /// the front matter date when there is one.
    pub reference: Option<Date>,
}

/// Extracts the metadata of one article.
pub fn extract(article: &Article, _cx: &Context<'_>) -> Extraction {
    Extraction {
        headline: article.headline.clone(),
        roles: vec![BlockRole::Text; article.blocks.len()],
        ..Extraction::default()
    }
}

/// Structures a dateline written by hand (front matter `dateline = "MOSCOW (AP) —"`).
pub fn parse_dateline(raw: &str, _reference: Option<Date>) -> Dateline {
    Dateline {
        raw: raw.to_string(),
        place: Some(raw.trim().to_string()),
        agency: None,
        date: None,
        anchor: None,
    }
}

/// Structures a photo credit written by hand (front matter `credit = "AP Photo/Jane Roe"`).
pub fn parse_credit(raw: &str) -> Credit {
    Credit {
        raw: raw.trim().to_string(),
        ..Credit::default()
    }
}
