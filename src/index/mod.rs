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
pub use terms::{Contribution, build_indexes, contributions, glean};

/// Sorts stories newest first and builds the indexes. Two stories at one address are an error.
/// Each story's related articles are taken from `previous` (what the last build recorded)
/// when what they are worked out from is unchanged; the record for the next build is returned.
pub fn build(
    mut stories: Vec<Story>,
    config: &SiteConfig,
    registry: &Registry,
    previous: Option<&Related>,
) -> (Archive, Vec<Diagnostic>, Related) {
    newest_first(&mut stories);
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
    // Read: what the build store kept of each story's terms is of no more use.
    for story in &mut archive.stories {
        story.gleaned = None;
    }
    let related = related::related_reusing(archive.stories.len(), &archive.indexes, previous);
    archive.related = related.lists.clone();
    (archive, diagnostics, related)
}

/// Sorts stories newest first, then by address and file. Their positions are sorted and each
/// story then moved once: a story is large, and sorting the stories themselves moved each of
/// them some seventeen times at 100,000 articles. A stable sort either way, so the order is
/// the same.
fn newest_first(stories: &mut [Story]) {
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&stories[a], &stories[b]);
        (b.published.date, b.published.instant, &a.url, &a.article.rel).cmp(&(
            a.published.date,
            a.published.instant,
            &b.url,
            &b.article.rel,
        ))
    });
    put_in_order(stories, order);
}

/// Moves `items[order[k]]` to position `k`, every item once: each cycle of the permutation is
/// followed, swapping every item into its place.
fn put_in_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::{Source, SourceFormat};

    fn story(file: &str, date: &str) -> Story {
        let source = Source {
            file: PathBuf::from(format!("content/{file}")),
            rel: PathBuf::from(file),
            format: SourceFormat::Markdown,
            text: format!("+++\ntitle = \"Port\"\ndate = {date}\n+++\nThe port was busy.\n"),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default())
            .unwrap()
            .0
    }

    #[test]
    fn every_item_goes_where_the_order_says() {
        // Permutations with long cycles, short ones and fixed points.
        for step in [1, 2, 3, 7, 10, 11] {
            let order: Vec<usize> = (0..12).map(|k| (k * step + k / 4) % 12).collect();
            let mut seen = order.clone();
            seen.sort_unstable();
            if seen != (0..12).collect::<Vec<_>>() {
                continue;
            }
            let items: Vec<String> = (0..12).map(|i| format!("item {i}")).collect();
            let mut moved = items.clone();
            put_in_order(&mut moved, order.clone());
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            assert_eq!(moved, expected, "order {order:?}");
        }
    }

    #[test]
    fn stories_are_sorted_newest_first_as_a_stable_sort_of_them_sorts() {
        let dates = [
            "2021-10-13",
            "2020-01-02",
            "2021-10-13",
            "2022-05-06",
            "2020-01-02",
            "2021-10-12",
        ];
        let mut stories: Vec<Story> = (0..18)
            .map(|i| story(&format!("{}/{i:02}-port.md", i % 4), dates[(i * 5) % dates.len()]))
            .collect();
        let mut expected = stories.clone();
        expected.sort_by(|a, b| {
            (b.published.date, b.published.instant, &a.url, &a.article.rel).cmp(&(
                a.published.date,
                a.published.instant,
                &b.url,
                &b.article.rel,
            ))
        });
        newest_first(&mut stories);
        let rel = |s: &[Story]| s.iter().map(|s| s.article.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rel(&stories), rel(&expected));
    }
}
