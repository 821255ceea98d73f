//! Related articles: the stories that share the most people, places and organisations with an
//! article, rarer shared terms counting more, ties broken by closeness in time.
//!
//! Candidates come from the term indexes, not from a scan of all stories; a very common term
//! ("United States") contributes only its stories nearest in time, which keeps the work per
//! story bounded however large the archive grows.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Index, IndexKind, Story};

/// How many related articles each story keeps.
pub const RELATED: usize = 4;

/// Stories considered per shared term, nearest in time first.
const CANDIDATES_PER_TERM: usize = 120;

/// Related stories of every story, best first.
pub fn related(stories: &[Story], indexes: &BTreeMap<IndexKind, Index>) -> Vec<Vec<usize>> {
    let kinds = [IndexKind::People, IndexKind::Places, IndexKind::Organizations];
    // Each story's terms, as (kind, term index).
    let mut terms_of: Vec<Vec<(IndexKind, usize)>> = vec![Vec::new(); stories.len()];
    for kind in kinds {
        if let Some(index) = indexes.get(&kind) {
            for (t, term) in index.terms.iter().enumerate() {
                for &s in &term.stories {
                    terms_of[s].push((kind, t));
                }
            }
        }
    }
    (0..stories.len())
        .into_par_iter()
        .map_init(
            || Scores::new(stories.len()),
            |scores, s| rank(s, stories.len(), &terms_of[s], indexes, scores),
        )
        .collect()
}

/// The related stories of one story, from its own terms only.
pub fn related_one(s: usize, stories: &[Story], indexes: &BTreeMap<IndexKind, Index>) -> Vec<usize> {
    let mut terms: Vec<(IndexKind, usize)> = Vec::new();
    for kind in [IndexKind::People, IndexKind::Places, IndexKind::Organizations] {
        if let Some(index) = indexes.get(&kind) {
            for (t, term) in index.terms.iter().enumerate() {
                if term.stories.binary_search(&s).is_ok() {
                    terms.push((kind, t));
                }
            }
        }
    }
    rank(s, stories.len(), &terms, indexes, &mut Scores::new(stories.len()))
}

/// One worker's running scores: a slot for every story of the archive, and the stories given
/// a score for the story being ranked. Ranking every story adds some hundred million weights
/// at 100,000 articles; a slot found by its number costs a fraction of a hash table's entry,
/// and one table serves all the stories a worker ranks.
struct Scores {
    slots: Vec<f64>,
    touched: Vec<usize>,
}

impl Scores {
    fn new(stories: usize) -> Scores {
        Scores {
            slots: vec![0.0; stories],
            touched: Vec::new(),
        }
    }

    /// Adds `weight` (always positive: see `rank`) to story `other`'s score; a zero slot is
    /// one not yet scored.
    fn add(&mut self, other: usize, weight: f64) {
        let slot = &mut self.slots[other];
        if *slot == 0.0 {
            self.touched.push(other);
        }
        *slot += weight;
    }

    /// The stories scored, with their scores, leaving every slot at zero for the next story.
    fn drain(&mut self) -> Vec<(usize, f64)> {
        let slots = &mut self.slots;
        self.touched
            .drain(..)
            .map(|o| (o, std::mem::replace(&mut slots[o], 0.0)))
            .collect()
    }
}

fn rank(
    s: usize,
    total: usize,
    terms: &[(IndexKind, usize)],
    indexes: &BTreeMap<IndexKind, Index>,
    scores: &mut Scores,
) -> Vec<usize> {
    let total = total.max(1) as f64;
    // Each story's sum adds its terms' weights in the order of `terms`, so the scores are bit
    // for bit the same however the candidates are gathered.
    for &(kind, t) in terms {
        let term = &indexes[&kind].terms[t];
        if term.stories.len() < 2 {
            continue;
        }
        // Rarer terms say more about what two stories share. A term lists at most every story,
        // so the weight is at least 1.
        let weight = (total / term.stories.len() as f64).ln() + 1.0;
        for other in nearest(&term.stories, s, CANDIDATES_PER_TERM) {
            scores.add(other, weight);
        }
    }
    let mut ranked = scores.drain();
    let order = |a: &(usize, f64), b: &(usize, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.0.abs_diff(s).cmp(&b.0.abs_diff(s)))
            .then_with(|| a.0.cmp(&b.0))
    };
    // Only the best few are kept: move them to the front, then sort just those. The order is
    // total (no two candidates are equal), so this keeps exactly what a full sort would.
    if ranked.len() > RELATED {
        ranked.select_nth_unstable_by(RELATED, order);
        ranked.truncate(RELATED);
    }
    ranked.sort_by(order);
    // Collected from a slice, not from `ranked` itself: an in-place collect would keep the
    // candidates' whole allocation behind each story's four entries, for the whole build.
    ranked[..ranked.len().min(RELATED)].iter().map(|&(o, _)| o).collect()
}

/// Up to `n` entries of `list` (story indexes in date order) nearest to `story`, excluding it.
fn nearest(list: &[usize], story: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
    let pos = list.partition_point(|&x| x < story);
    let lo = pos.saturating_sub(n / 2);
    let hi = (lo + n + 1).min(list.len());
    let lo = hi.saturating_sub(n + 1).min(lo);
    list[lo..hi].iter().copied().filter(move |&x| x != story)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_takes_a_window_around_the_story() {
        let list: Vec<usize> = (0..100).collect();
        let got: Vec<usize> = nearest(&list, 50, 4).collect();
        assert_eq!(got, [48, 49, 51, 52]);
        let got: Vec<usize> = nearest(&list, 0, 4).collect();
        assert_eq!(got, [1, 2, 3, 4]);
        let got: Vec<usize> = nearest(&list, 99, 4).collect();
        assert_eq!(got, [95, 96, 97, 98]);
    }

    /// Every story keeps its list for the whole build: it must hold four entries, not the
    /// room its hundreds of candidates took.
    #[test]
    fn a_story_keeps_only_its_related_stories_in_memory() {
        let term = crate::model::Term {
            stories: (0..500).collect(),
            ..Default::default()
        };
        let indexes = BTreeMap::from([(
            IndexKind::People,
            Index {
                terms: vec![term],
                ..Default::default()
            },
        )]);
        let related = rank(250, 500, &[(IndexKind::People, 0)], &indexes, &mut Scores::new(500));
        assert_eq!(related, [249, 251, 248, 252]);
        assert!(related.capacity() <= RELATED, "capacity {}", related.capacity());
    }
}
