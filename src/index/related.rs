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

/// What one story's related articles are worked out from, hashed: its place in the archive,
/// the number of stories, and each of its people, places and organisations with every story
/// that term lists. Two builds that agree on it agree on the list.
pub type Print = [u8; 16];

/// Every story's related articles with the print each was worked out from: what a build
/// records, so that the next one takes a story's list instead of ranking it again when its
/// print is the same. An edit that leaves an article's names as they were changes no print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Related {
    pub lists: Vec<Vec<usize>>,
    pub prints: Vec<Print>,
    /// How many lists were ranked afresh rather than taken from the previous record.
    pub ranked: usize,
}

impl Related {
    /// The record as bytes: the number of stories, then for each its print, the length of its
    /// list and the list (little-endian `u32`s).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.prints.len() * (Print::default().len() + 1 + 4 * RELATED));
        out.extend_from_slice(&(self.prints.len() as u32).to_le_bytes());
        for (print, list) in self.prints.iter().zip(&self.lists) {
            out.extend_from_slice(print);
            out.push(list.len() as u8);
            for &other in list {
                out.extend_from_slice(&(other as u32).to_le_bytes());
            }
        }
        out
    }

    /// Reads back what [`Related::encode`] wrote; `None` for anything else, including a list
    /// naming a story the archive does not have.
    pub fn decode(bytes: &[u8]) -> Option<Related> {
        let mut rest = bytes;
        let mut take = |n: usize| -> Option<&[u8]> {
            let (head, tail) = rest.split_at_checked(n)?;
            rest = tail;
            Some(head)
        };
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let count = u32_at(take(4)?);
        let mut related = Related {
            lists: Vec::with_capacity(count.min(bytes.len())),
            prints: Vec::with_capacity(count.min(bytes.len())),
            ranked: 0,
        };
        for _ in 0..count {
            let print = Print::try_from(take(Print::default().len())?).ok()?;
            let len = take(1)?[0] as usize;
            if len > RELATED {
                return None;
            }
            let list: Vec<usize> = take(4 * len)?.chunks_exact(4).map(u32_at).collect();
            if list.iter().any(|&other| other >= count) {
                return None;
            }
            related.prints.push(print);
            related.lists.push(list);
        }
        take(1).is_none().then_some(related)
    }
}

/// Related stories of every story, best first.
pub fn related(stories: &[Story], indexes: &BTreeMap<IndexKind, Index>) -> Vec<Vec<usize>> {
    related_reusing(stories.len(), indexes, None).lists
}

/// Related stories of each of the archive's `total` stories, taking from `previous` (the last
/// build's record) the list of every story whose print is unchanged.
pub fn related_reusing(total: usize, indexes: &BTreeMap<IndexKind, Index>, previous: Option<&Related>) -> Related {
    let kinds = [IndexKind::People, IndexKind::Places, IndexKind::Organizations];
    // Each story's terms, as (kind, term index).
    let mut terms_of: Vec<Vec<(IndexKind, usize)>> = vec![Vec::new(); total];
    for kind in kinds {
        if let Some(index) = indexes.get(&kind) {
            for (t, term) in index.terms.iter().enumerate() {
                for &s in &term.stories {
                    terms_of[s].push((kind, t));
                }
            }
        }
    }
    let term_prints: BTreeMap<IndexKind, Vec<Print>> = kinds
        .iter()
        .filter_map(|&kind| {
            let index = indexes.get(&kind)?;
            Some((kind, index.terms.par_iter().map(|t| term_print(kind, t)).collect()))
        })
        .collect();
    let prints: Vec<Print> = (0..total)
        .into_par_iter()
        .map(|s| story_print(s, total, &terms_of[s], &term_prints))
        .collect();
    let kept = |s: usize| -> Option<&Vec<usize>> {
        let previous = previous?;
        (previous.prints.get(s)? == &prints[s]).then(|| previous.lists.get(s))?
    };
    let ranked = (0..total).filter(|&s| kept(s).is_none()).count();
    let lists = (0..total)
        .into_par_iter()
        // A worker's table is made only if it has a story to rank.
        .map_init(
            || None,
            |scores: &mut Option<Scores>, s| match kept(s) {
                Some(list) => list.clone(),
                None => rank(
                    s,
                    total,
                    &terms_of[s],
                    indexes,
                    scores.get_or_insert_with(|| Scores::new(total)),
                ),
            },
        )
        .collect();
    Related { lists, prints, ranked }
}

/// A term's part of the prints of the stories it lists: its index, its slug and its stories.
fn term_print(kind: IndexKind, term: &crate::model::Term) -> Print {
    let mut bytes = Vec::with_capacity(16 + term.slug.len() + 8 * term.stories.len());
    bytes.push(kind as u8);
    bytes.extend_from_slice(&(term.slug.len() as u64).to_le_bytes());
    bytes.extend_from_slice(term.slug.as_bytes());
    bytes.extend_from_slice(&(term.stories.len() as u64).to_le_bytes());
    for &s in &term.stories {
        bytes.extend_from_slice(&(s as u64).to_le_bytes());
    }
    short(blake3::hash(&bytes))
}

/// A story's print: its place, the number of stories and its terms' prints in the order
/// `rank` adds their weights.
fn story_print(
    s: usize,
    total: usize,
    terms: &[(IndexKind, usize)],
    term_prints: &BTreeMap<IndexKind, Vec<Print>>,
) -> Print {
    let mut h = blake3::Hasher::new();
    h.update(&(s as u64).to_le_bytes());
    h.update(&(total as u64).to_le_bytes());
    for (kind, t) in terms {
        h.update(&term_prints[kind][*t]);
    }
    short(h.finalize())
}

fn short(hash: blake3::Hash) -> Print {
    let mut print = Print::default();
    let len = print.len();
    print.copy_from_slice(&hash.as_bytes()[..len]);
    print
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
/// a score for the story being ranked. Ranking every story adds many millions of weights at
/// 100,000 articles; a slot found by its number costs a fraction of a hash table's entry, and
/// one table serves all the stories a worker ranks.
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

    /// A worker ranks story after story with one table: what one story scored must not
    /// count for the next, so each gets exactly what a table of its own would give it.
    #[test]
    fn a_workers_table_starts_clean_for_every_story() {
        let term = |stories: Vec<usize>| crate::model::Term {
            stories,
            ..Default::default()
        };
        // Overlapping terms of different sizes, so that scores differ and lists are not ties.
        let people = vec![
            term((0..40).collect()),
            term((0..40).step_by(3).collect()),
            term((10..30).collect()),
            term(vec![5, 6, 7, 21, 22]),
        ];
        let indexes = BTreeMap::from([(
            IndexKind::People,
            Index {
                terms: people,
                ..Default::default()
            },
        )]);
        let terms_of = |s: usize| -> Vec<(IndexKind, usize)> {
            (0..4)
                .filter(|&t| indexes[&IndexKind::People].terms[t].stories.contains(&s))
                .map(|t| (IndexKind::People, t))
                .collect()
        };
        let mut shared = Scores::new(40);
        for s in 0..40 {
            let reused = rank(s, 40, &terms_of(s), &indexes, &mut shared);
            let fresh = rank(s, 40, &terms_of(s), &indexes, &mut Scores::new(40));
            assert_eq!(reused, fresh, "story {s}");
            assert!(shared.slots.iter().all(|&x| x == 0.0), "story {s} left scores behind");
        }
    }

    /// Terms of six stories: two people and a place, overlapping.
    fn six_stories() -> BTreeMap<IndexKind, Index> {
        let term = |slug: &str, stories: Vec<usize>| crate::model::Term {
            slug: slug.to_string(),
            stories,
            ..Default::default()
        };
        BTreeMap::from([
            (
                IndexKind::People,
                Index {
                    terms: vec![term("ana-ribeiro", vec![0, 1, 2, 4]), term("rui-duarte", vec![2, 3])],
                    ..Default::default()
                },
            ),
            (
                IndexKind::Places,
                Index {
                    terms: vec![term("granby", vec![1, 3, 5])],
                    ..Default::default()
                },
            ),
        ])
    }

    /// A story whose names and their stories are as they were keeps its recorded list; one
    /// that shares a term that changed is ranked again, and every list is what ranking all of
    /// them afresh gives.
    #[test]
    fn only_the_stories_of_a_changed_term_are_ranked_again() {
        let mut indexes = six_stories();
        let first = related_reusing(6, &indexes, None);
        assert_eq!(first.ranked, 6);
        let again = related_reusing(6, &indexes, Some(&first));
        assert_eq!((again.ranked, &again.lists), (0, &first.lists));

        // Story 5 now also names Rui Duarte: his stories and story 5 are ranked again.
        indexes.get_mut(&IndexKind::People).unwrap().terms[1].stories = vec![2, 3, 5];
        let mut recorded = first.clone();
        // What the record says is taken as it is for the stories it still holds.
        recorded.lists[0] = vec![4];
        let updated = related_reusing(6, &indexes, Some(&recorded));
        assert_eq!(updated.ranked, 3);
        let fresh = related_reusing(6, &indexes, None);
        assert_eq!(updated.prints, fresh.prints);
        for s in [1, 2, 3, 4, 5] {
            assert_eq!(updated.lists[s], fresh.lists[s], "story {s}");
        }
        assert_eq!(updated.lists[0], vec![4], "story 0 was ranked again");

        // One more story moves every place: nothing is taken.
        let more = related_reusing(7, &indexes, Some(&fresh));
        assert_eq!(more.ranked, 7);
    }

    #[test]
    fn the_record_reads_back_and_nothing_else_does() {
        let record = related_reusing(6, &six_stories(), None);
        let bytes = record.encode();
        let back = Related::decode(&bytes).expect("the record reads back");
        assert_eq!((back.lists, back.prints), (record.lists.clone(), record.prints.clone()));
        assert_eq!(Related::decode(&bytes[..bytes.len() - 1]), None, "cut short");
        assert_eq!(
            Related::decode(&[bytes.as_slice(), &[0]].concat()),
            None,
            "a byte too many"
        );
        // Story 0's list naming a seventh story of six.
        let mut wrong = record.clone();
        wrong.lists[0] = vec![6];
        assert_eq!(Related::decode(&wrong.encode()), None, "a story the archive lacks");
        assert_eq!(Related::decode(&[]), None);
    }
}
