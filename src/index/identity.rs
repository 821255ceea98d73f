//! One entity, one home across the indexes.
//!
//! Each article's mentions are typed on their own, so one archive can call "Azores" a place in
//! one story and an organisation in another, or name "CNN" as an organisation in the text of
//! one story and credit it as the agency of another. A reader who finds two pages of one name,
//! each with part of the articles, cannot tell whether they are one entity or two. So, after the
//! indexes are gathered:
//!
//! - the entity indexes (people, places, organisations, agencies) give a name one page: the
//!   agency's when an agency has it (credits and datelines name agencies for what they are),
//!   else the kind the registry gives it, else a kind some article's front matter declares,
//!   else the kind most of its articles give it. The other
//!   indexes list the name as a "see" reference to that page, as a printed index does, and the
//!   articles filed there join the one page;
//! - photographers, reporters and tags keep their own pages, as each taxonomy of Hugo or Zola
//!   does: a photographer's page shows her pictures, her page under people the stories that
//!   mention her and her quotes, and each index lists everyone in it. Pages of one name link to
//!   each other both ways.

use std::collections::BTreeMap;

use crate::extract::Registry;
use crate::model::{Index, IndexKind, SeeReference, Term};

/// The indexes whose terms are entities of one kind each: a name in two of them is one entity
/// typed two ways, and gets one page.
const ENTITY_INDEXES: [IndexKind; 4] = [
    IndexKind::Agencies,
    IndexKind::People,
    IndexKind::Places,
    IndexKind::Organizations,
];

/// When articles split evenly over two kinds, the kind extraction reads most reliably wins:
/// places come from a gazetteer, organisations from the shape of their names.
const TIE_ORDER: [IndexKind; 3] = [IndexKind::Places, IndexKind::Organizations, IndexKind::People];

/// Gives every entity one page and links the pages that share a name across indexes.
pub fn reconcile(indexes: &mut BTreeMap<IndexKind, Index>, registry: &Registry) {
    let mut holders: BTreeMap<String, Vec<IndexKind>> = BTreeMap::new();
    for kind in ENTITY_INDEXES {
        for t in indexes.get(&kind).map_or(&[][..], |i| &i.terms[..]) {
            holders.entry(t.slug.clone()).or_default().push(kind);
        }
    }
    for (slug, kinds) in holders.into_iter().filter(|(_, k)| k.len() > 1) {
        let home = home(&slug, &kinds, indexes, registry);
        for &kind in kinds.iter().filter(|&&k| k != home) {
            move_term(indexes, kind, home, &slug);
        }
    }
    for index in indexes.values_mut() {
        // `move_term` filed each reference's names by its place in the list as it grew.
        let by_name: Vec<(String, String)> = index
            .see_names
            .drain()
            .map(|(name, i)| (name, index.see[i].slug.clone()))
            .collect();
        index.see.sort_by(|a, b| a.slug.cmp(&b.slug));
        for (name, slug) in by_name {
            if let Ok(i) = index.see.binary_search_by(|r| r.slug.cmp(&slug)) {
                index.see_names.insert(name, i);
            }
        }
    }
    link_same_names(indexes);
}

/// Whether a name (its slug) in the index of `kind` is known to any other index, or has its
/// page elsewhere: a change to it is decided across the archive, not in one index.
pub fn is_shared(indexes: &BTreeMap<IndexKind, Index>, kind: IndexKind, slug: &str) -> bool {
    indexes.iter().any(|(&k, index)| {
        let elsewhere = k != kind && index.terms.binary_search_by(|t| t.slug.as_str().cmp(slug)).is_ok();
        elsewhere || index.see.binary_search_by(|r| r.slug.as_str().cmp(slug)).is_ok()
    })
}

/// The index that keeps the page of a name several entity indexes hold.
fn home(slug: &str, kinds: &[IndexKind], indexes: &BTreeMap<IndexKind, Index>, registry: &Registry) -> IndexKind {
    let term = |k: IndexKind| -> Option<&Term> {
        let terms = &indexes.get(&k)?.terms;
        terms
            .binary_search_by(|t| t.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &terms[i])
    };
    if kinds.contains(&IndexKind::Agencies) {
        return IndexKind::Agencies;
    }
    let registered = kinds.iter().find_map(|&k| {
        let entry = registry.lookup(&term(k)?.name)?;
        let kind = IndexKind::of_entity(entry.kind);
        kinds.contains(&kind).then_some(kind)
    });
    if let Some(kind) = registered {
        return kind;
    }
    let declared: Vec<IndexKind> = kinds
        .iter()
        .copied()
        .filter(|&k| term(k).is_some_and(|t| t.declared))
        .collect();
    let kinds = if declared.is_empty() { kinds } else { &declared[..] };
    let rank = |k: &IndexKind| TIE_ORDER.iter().position(|t| t == k).unwrap_or(TIE_ORDER.len());
    kinds
        .iter()
        .copied()
        .max_by(|a, b| {
            let count = |k: IndexKind| term(k).map_or(0, |t| t.stories.len());
            count(*a).cmp(&count(*b)).then_with(|| rank(b).cmp(&rank(a)))
        })
        .unwrap_or(kinds[0])
}

/// Moves the term `slug` of index `from` into the term of the same slug in `home`: its
/// articles, quotes and pictures join that page, its names lead there, and `from` keeps a
/// reference to it.
fn move_term(indexes: &mut BTreeMap<IndexKind, Index>, from: IndexKind, home: IndexKind, slug: &str) {
    let Some(index) = indexes.get_mut(&from) else { return };
    let Ok(pos) = index.terms.binary_search_by(|t| t.slug.as_str().cmp(slug)) else {
        return;
    };
    let moved = index.terms.remove(pos);
    let mut names = Vec::new();
    index.names.retain(|name, v| {
        if *v == pos {
            names.push(name.clone());
        }
        *v != pos
    });
    for v in index.names.values_mut() {
        if *v > pos {
            *v -= 1;
        }
    }
    let see = index.see.len();
    index.see.push(SeeReference {
        name: moved.name.clone(),
        slug: moved.slug.clone(),
        home,
    });
    for name in &names {
        index.see_names.insert(name.clone(), see);
    }
    let Some(index) = indexes.get_mut(&home) else { return };
    let Ok(at) = index.terms.binary_search_by(|t| t.slug.as_str().cmp(slug)) else {
        return;
    };
    for name in names {
        index.names.entry(name).or_insert(at);
    }
    let term = &mut index.terms[at];
    join(&mut term.stories, moved.stories);
    join(&mut term.quotes, moved.quotes);
    join(&mut term.figures, moved.figures);
    if term.description.is_none() {
        term.description = moved.description;
    }
}

/// Adds `more` to a sorted list, keeping it sorted and each item once.
fn join<T: Ord>(list: &mut Vec<T>, more: Vec<T>) {
    list.extend(more);
    list.sort();
    list.dedup();
}

/// Tells each term which other indexes have a page of the same name.
fn link_same_names(indexes: &mut BTreeMap<IndexKind, Index>) {
    let mut kinds_of: BTreeMap<String, Vec<IndexKind>> = BTreeMap::new();
    for (&kind, index) in indexes.iter() {
        for t in &index.terms {
            kinds_of.entry(t.slug.clone()).or_default().push(kind);
        }
    }
    for (&kind, index) in indexes.iter_mut() {
        for t in &mut index.terms {
            t.also = kinds_of
                .get(&t.slug)
                .map(|kinds| kinds.iter().copied().filter(|&k| k != kind).collect())
                .unwrap_or_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::RegistryEntry;
    use crate::model::EntityKind;
    use crate::slug::slugify;

    /// (index, name, its stories, declared in front matter)
    type Row = (IndexKind, &'static str, &'static [usize], bool);

    fn indexes(rows: &[Row]) -> BTreeMap<IndexKind, Index> {
        let mut out: BTreeMap<IndexKind, Index> = BTreeMap::new();
        for &(kind, name, stories, declared) in rows {
            let index = out.entry(kind).or_default();
            index.terms.push(Term {
                name: name.to_string(),
                slug: slugify(name),
                stories: stories.to_vec(),
                declared,
                ..Term::default()
            });
            index.terms.sort_by(|a, b| a.slug.cmp(&b.slug));
        }
        for index in out.values_mut() {
            index.names = index
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name.to_lowercase(), i))
                .collect();
        }
        out
    }

    fn registry(entries: &[(&str, EntityKind)]) -> Registry {
        Registry::new(
            entries
                .iter()
                .map(|&(name, kind)| RegistryEntry {
                    name: name.to_string(),
                    kind,
                    aliases: Vec::new(),
                    description: None,
                    ids: BTreeMap::new(),
                })
                .collect(),
        )
        .unwrap()
    }

    use IndexKind::{Agencies, Organizations, People, Photographers, Places, Tags};

    #[test]
    fn a_name_typed_two_ways_gets_one_home() {
        // (the terms, the registry, the name, where its one page is)
        let rows: Vec<(Vec<Row>, Registry, &str, IndexKind)> = vec![
            // An agency is an agency, however a story names it.
            (
                vec![
                    (Organizations, "CNN", &[0, 1, 2], false),
                    (Agencies, "CNN", &[3], false),
                ],
                registry(&[]),
                "CNN",
                Agencies,
            ),
            (
                vec![(People, "Reuters", &[0], true), (Agencies, "Reuters", &[1], false)],
                registry(&[]),
                "Reuters",
                Agencies,
            ),
            // The registry says what an entity is.
            (
                vec![
                    (People, "Kestrel", &[0, 1], false),
                    (Organizations, "Kestrel", &[2], false),
                ],
                registry(&[("Kestrel", EntityKind::Organization)]),
                "Kestrel",
                Organizations,
            ),
            // Else what an article's front matter declares outranks extraction's guesses.
            (
                vec![
                    (People, "Congaree Mills", &[0, 1, 2], false),
                    (Organizations, "Congaree Mills", &[1], true),
                ],
                registry(&[]),
                "Congaree Mills",
                Organizations,
            ),
            // Else most articles decide, and a tie goes to the place.
            (
                vec![
                    (Places, "Azores", &[0, 1], false),
                    (Organizations, "Azores", &[2], false),
                ],
                registry(&[]),
                "Azores",
                Places,
            ),
            (
                vec![
                    (Places, "Midlands", &[0], false),
                    (Organizations, "Midlands", &[1, 2], false),
                ],
                registry(&[]),
                "Midlands",
                Organizations,
            ),
            (
                vec![(People, "Madeira", &[0], false), (Places, "Madeira", &[1], false)],
                registry(&[]),
                "Madeira",
                Places,
            ),
        ];
        for (terms, registry, name, want) in rows {
            let mut idx = indexes(&terms);
            let all: Vec<usize> = {
                let mut v: Vec<usize> = terms.iter().flat_map(|t| t.2.iter().copied()).collect();
                v.sort();
                v.dedup();
                v
            };
            reconcile(&mut idx, &registry);
            let slug = slugify(name);
            for &(kind, ..) in &terms {
                let index = &idx[&kind];
                let has_page = index.terms.iter().any(|t| t.slug == slug);
                assert_eq!(has_page, kind == want, "{name} in {kind:?}");
                if kind == want {
                    let term = index.find(name).expect("the home finds the name");
                    assert_eq!(term.stories, all, "{name}: every article on its one page");
                } else {
                    let see = index.see(name).expect("a reference where the name was");
                    assert_eq!((see.home, see.slug.as_str()), (want, slug.as_str()), "{name}");
                    assert!(index.find(name).is_none());
                }
            }
        }
    }

    #[test]
    fn pages_of_one_name_in_role_indexes_and_tags_link_both_ways() {
        let mut idx = indexes(&[
            (People, "Marta Quintela", &[0], false),
            (Photographers, "Marta Quintela", &[1, 2], false),
            (Places, "Portugal", &[0, 1], true),
            (Tags, "portugal", &[2], false),
            (People, "Ana Ribeiro", &[0], false),
        ]);
        reconcile(&mut idx, &registry(&[]));
        let also = |kind: IndexKind, name: &str| idx[&kind].find(name).unwrap().also.clone();
        assert_eq!(also(People, "Marta Quintela"), vec![Photographers]);
        assert_eq!(also(Photographers, "Marta Quintela"), vec![People]);
        assert_eq!(also(Places, "Portugal"), vec![Tags]);
        assert_eq!(also(Tags, "portugal"), vec![Places]);
        assert!(also(People, "Ana Ribeiro").is_empty());
        // Each keeps its own page and articles.
        assert_eq!(idx[&Photographers].find("Marta Quintela").unwrap().stories, vec![1, 2]);
        assert!(idx.values().all(|i| i.see.is_empty()));
    }

    #[test]
    fn a_moved_name_keeps_the_other_names_of_its_index_in_place() {
        let mut idx = indexes(&[
            (Organizations, "Atlantic Alliance", &[0], false),
            (Organizations, "CNN", &[1], false),
            (Organizations, "Zeta Ports", &[2], false),
            (Agencies, "CNN", &[3], false),
        ]);
        reconcile(&mut idx, &registry(&[]));
        let orgs = &idx[&Organizations];
        assert_eq!(orgs.find("Zeta Ports").unwrap().stories, vec![2]);
        assert_eq!(orgs.find("Atlantic Alliance").unwrap().stories, vec![0]);
        assert_eq!(orgs.terms.len(), 2);
        assert!(is_shared(&idx, Organizations, "cnn"));
        assert!(is_shared(&idx, Agencies, "cnn"));
        assert!(!is_shared(&idx, Organizations, "zeta-ports"));
    }
}
