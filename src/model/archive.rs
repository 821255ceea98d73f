//! The whole archive after indexing: stories in date order and the indexes over them.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{Article, Extraction, Metadata, Published};

/// An article ready to publish: parsed, extracted, merged, dated and given its address.
#[derive(Debug, Clone)]
pub struct Story {
    pub article: Article,
    pub extraction: Extraction,
    pub meta: Metadata,
    pub published: Published,
    pub updated: Option<Published>,
    pub slug: String,
    /// Site-relative URL path with leading and trailing slash: "/2021/10/13/putin-says/".
    pub url: String,
}

/// One term of an index (a person, a place, a photographer, a tag …) and the stories under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indexes into `Archive::stories`, newest first.
    pub stories: Vec<usize>,
}

/// Every story, newest first, with the date archive over them.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub stories: Vec<Story>,
    /// Stories of each day, newest first within the day.
    pub days: BTreeMap<Date, Vec<usize>>,
}

/// The archive's indexes: one page per term, grouped by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexKind {
    People,
    Places,
    Organizations,
    Photographers,
    Agencies,
    Tags,
}

impl IndexKind {
    pub const ALL: [IndexKind; 6] = [
        IndexKind::People,
        IndexKind::Places,
        IndexKind::Organizations,
        IndexKind::Photographers,
        IndexKind::Agencies,
        IndexKind::Tags,
    ];

    /// The index an entity of this kind is listed in.
    pub fn of_entity(kind: super::EntityKind) -> IndexKind {
        match kind {
            super::EntityKind::Person => IndexKind::People,
            super::EntityKind::Place => IndexKind::Places,
            super::EntityKind::Organization => IndexKind::Organizations,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IndexKind::People => "people",
            IndexKind::Places => "places",
            IndexKind::Organizations => "organizations",
            IndexKind::Photographers => "photographers",
            IndexKind::Agencies => "agencies",
            IndexKind::Tags => "tags",
        }
    }
}
