//! Index: stories dated, addressed and sorted, and the indexes over them (the date archive,
//! and per-term indexes). Every index is built in one pass over the stories, so building is
//! linear in the number of stories and mentions.

mod identity;
mod related;
mod story;
mod terms;

use std::collections::BTreeMap;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::extract::Registry;
use crate::model::{Archive, Story};

pub use related::{Related, related};
pub use story::{path_date, story};
pub use terms::{Contribution, build_indexes, contributions};

/// Sorts stories newest first and builds the indexes. Two stories at one address are an error.
/// Each story's related articles are taken from `previous` (what the last build recorded)
/// when what they are worked out from is unchanged; the record for the next build is returned.
pub fn build(
    mut stories: Vec<Story>,
    config: &SiteConfig,
    registry: &Registry,
    previous: Option<&Related>,
) -> (Archive, Vec<Diagnostic>, Related) {
    stories.sort_by(|a, b| {
        (b.published.date, b.published.instant, &a.url, &a.article.rel).cmp(&(
            a.published.date,
            a.published.instant,
            &b.url,
            &b.article.rel,
        ))
    });
    let mut diagnostics = Vec::new();
    let mut by_url: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in stories.iter().enumerate() {
        if let Some(&first) = by_url.get(s.url.as_str()) {
            let other = &stories[first].article.file;
            diagnostics.push(
                Diagnostic::error(
                    &s.article.file,
                    format!(
                        "two articles would be published at {}: this one and {}",
                        s.url,
                        other.display()
                    ),
                )
                .with_help("give one of them a different `slug = \"…\"` in its front matter, or rename the file"),
            );
        } else {
            by_url.insert(&s.url, i);
        }
    }
    let mut days: BTreeMap<jiff::civil::Date, Vec<usize>> = BTreeMap::new();
    for (i, s) in stories.iter().enumerate() {
        days.entry(s.published.date).or_default().push(i);
    }
    let mut archive = Archive {
        stories,
        days,
        ..Archive::default()
    };
    archive.aliases = terms::person_aliases(&archive.stories);
    archive.indexes = terms::build_indexes_with(&archive.stories, &archive.aliases, config, registry);
    let related = related::related_reusing(archive.stories.len(), &archive.indexes, previous);
    archive.related = related.lists.clone();
    (archive, diagnostics, related)
}

/// Recomputes the term indexes and related articles after stories changed in place (same
/// order, same addresses).
pub fn reindex(archive: &mut Archive, config: &SiteConfig, registry: &Registry) {
    archive.aliases = terms::person_aliases(&archive.stories);
    archive.indexes = terms::build_indexes_with(&archive.stories, &archive.aliases, config, registry);
    archive.related = related(&archive.stories, &archive.indexes);
}

/// Brings the indexes up to date after story `i` changed in place from `old` (same date and
/// address): the story's terms and its related articles, without touching the rest. Falls back
/// to `reindex` when the change could alter how names merge across the archive.
pub fn update_story(archive: &mut Archive, i: usize, old: &Story, config: &SiteConfig, registry: &Registry) {
    if terms::update_story(archive, i, old, config, registry) {
        let fresh = related::related_one(i, &archive.stories, &archive.indexes);
        if let Some(slot) = archive.related.get_mut(i) {
            *slot = fresh;
        }
    } else {
        reindex(archive, config, registry);
    }
}
