//! An extraction as the store keeps it: the public JSON form (what `dateline extract` prints)
//! plus the positions in the body that the JSON form leaves out (where a dateline, quote or
//! name sits, which blocks a figure came from) and that the article page needs to render the
//! same as after a fresh extraction.

use serde::{Deserialize, Serialize};

use crate::model::{BlockRole, Extraction};
use dateline_extract::model::Anchor;

#[derive(Serialize, Deserialize)]
struct Record {
    extraction: Extraction,
    dateline: Option<Anchor>,
    figures: Vec<Vec<usize>>,
    quotes: Vec<Option<Anchor>>,
    mentions: Vec<Vec<Anchor>>,
}

/// The bytes an extraction is stored as.
pub fn encode(e: &Extraction) -> Option<Vec<u8>> {
    let record = Record {
        dateline: e.dateline.as_ref().and_then(|d| d.anchor),
        figures: e.figures.iter().map(|f| f.blocks.clone()).collect(),
        quotes: e.quotes.iter().map(|q| q.anchor).collect(),
        mentions: e.entities.iter().map(|n| n.mentions.clone()).collect(),
        extraction: e.clone(),
    };
    serde_json::to_vec(&record).ok()
}

/// The extraction stored as `bytes`; `None` when they do not read back as one, which the caller
/// treats like a missing row.
pub fn decode(bytes: &[u8]) -> Option<Extraction> {
    let r: Record = serde_json::from_slice(bytes).ok()?;
    let mut e = r.extraction;
    if e.figures.len() != r.figures.len() || e.quotes.len() != r.quotes.len() || e.entities.len() != r.mentions.len() {
        return None;
    }
    if let Some(d) = e.dateline.as_mut() {
        d.anchor = r.dateline;
    }
    for (f, blocks) in e.figures.iter_mut().zip(r.figures) {
        f.blocks = blocks;
    }
    for (q, anchor) in e.quotes.iter_mut().zip(r.quotes) {
        q.anchor = anchor;
    }
    for (n, mentions) in e.entities.iter_mut().zip(r.mentions) {
        n.mentions = mentions;
    }
    Some(e)
}

/// Of the extraction stored as `bytes`, the blocks' roles alone, which is all the export and
/// the search index read of it: the rest of the record is stepped over rather than built,
/// which costs a fraction of reading it. `None` as for [`decode`].
pub fn decode_roles(bytes: &[u8]) -> Option<Vec<BlockRole>> {
    #[derive(Deserialize)]
    struct Roles {
        roles: Vec<BlockRole>,
    }
    #[derive(Deserialize)]
    struct RolesRecord {
        extraction: Roles,
    }
    let r: RolesRecord = serde_json::from_slice(bytes).ok()?;
    Some(r.extraction.roles)
}
