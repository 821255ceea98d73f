//! The term indexes: people, places, organisations, photographers, agencies and tags, built in
//! one pass over the stories (linear in the number of mentions), then merged by canonical name.

use std::collections::{BTreeMap, HashMap};

use crate::config::SiteConfig;
use crate::extract::Registry;
use crate::model::{EntityKind, Index, IndexKind, Story, Term};
use crate::slug::slugify;

/// A term while the index is being gathered: every spelling with its count.
#[derive(Default)]
struct Gathering {
    spellings: BTreeMap<String, usize>,
    stories: Vec<usize>,
    roles: BTreeMap<String, usize>,
    quotes: Vec<(usize, usize)>,
    figures: Vec<(usize, usize)>,
}

impl Gathering {
    fn add(&mut self, name: &str, story: usize) {
        *self.spellings.entry(name.to_string()).or_default() += 1;
        if self.stories.last() != Some(&story) {
            self.stories.push(story);
        }
    }
}

/// Builds every enabled index. `stories` are newest first, so term story lists are too.
pub fn build_indexes(stories: &[Story], config: &SiteConfig, registry: &Registry) -> BTreeMap<IndexKind, Index> {
    let enabled = |k: IndexKind| crate::render::index_enabled(config, k);
    let mut gathered: BTreeMap<IndexKind, BTreeMap<String, Gathering>> = BTreeMap::new();
    for kind in IndexKind::ALL.into_iter().filter(|k| enabled(*k)) {
        gathered.insert(kind, BTreeMap::new());
    }
    let people_aliases = person_aliases(stories);
    for (i, story) in stories.iter().enumerate() {
        let meta = &story.meta;
        for m in &meta.entities {
            let kind = IndexKind::of_entity(m.entity.kind);
            let name = if m.entity.kind == EntityKind::Person {
                people_aliases.get(&m.entity.name).unwrap_or(&m.entity.name)
            } else {
                &m.entity.name
            };
            if let Some(g) = term(&mut gathered, kind, name) {
                g.add(name, i);
                for role in &m.entity.roles {
                    *g.roles.entry(role.clone()).or_default() += 1;
                }
            }
        }
        for (q, quote) in meta.quotes.iter().enumerate() {
            let Some(speaker) = quote.speaker.as_deref() else {
                continue;
            };
            let speaker = people_aliases.get(speaker).map_or(speaker, String::as_str);
            if let Some(g) = gathered
                .get_mut(&IndexKind::People)
                .and_then(|idx| idx.get_mut(&slugify(speaker)))
            {
                g.quotes.push((i, q));
            }
        }
        for (f, figure) in meta.figures.value.iter().enumerate() {
            let Some(credit) = &figure.credit else { continue };
            for p in &credit.photographers {
                if let Some(g) = term(&mut gathered, IndexKind::Photographers, p) {
                    g.add(p, i);
                    g.figures.push((i, f));
                }
            }
            for a in credit.agencies.iter().chain(credit.distributor.iter()) {
                let name = canonical_agency(a);
                if let Some(g) = term(&mut gathered, IndexKind::Agencies, &name) {
                    g.add(&name, i);
                    g.figures.push((i, f));
                }
            }
        }
        let dateline_agency = meta.dateline.value.as_ref().and_then(|d| d.agency.as_deref());
        for a in meta.sources.value.iter().map(String::as_str).chain(dateline_agency) {
            let name = canonical_agency(a);
            if let Some(g) = term(&mut gathered, IndexKind::Agencies, &name) {
                g.add(&name, i);
            }
        }
        for tag in &story.article.front.tags {
            if let Some(g) = term(&mut gathered, IndexKind::Tags, tag) {
                g.add(tag, i);
            }
        }
    }
    gathered
        .into_iter()
        .map(|(kind, terms)| {
            let mut index = Index::default();
            for (slug, g) in terms {
                let canonical = registry.lookup(g.spellings.keys().next().map_or("", String::as_str));
                let name = match canonical {
                    Some(e) if slugify(&e.name) == slug => e.name.clone(),
                    _ => most_frequent(&g.spellings),
                };
                let pos = index.terms.len();
                for spelling in g.spellings.keys() {
                    index.names.insert(spelling.to_lowercase(), pos);
                }
                if kind == IndexKind::People {
                    for (alias, full) in &people_aliases {
                        if slugify(full) == slug {
                            index.names.insert(alias.to_lowercase(), pos);
                        }
                    }
                }
                if kind == IndexKind::Agencies {
                    for spelling in AGENCIES.iter().filter(|(_, c)| slugify(c) == slug).map(|(s, _)| s) {
                        index.names.insert(spelling.to_lowercase(), pos);
                    }
                }
                let mut roles: Vec<(String, usize)> = g.roles.into_iter().collect();
                roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                index.terms.push(Term {
                    description: canonical.and_then(|e| e.description.clone()),
                    name,
                    slug,
                    stories: g.stories,
                    roles,
                    quotes: g.quotes,
                    figures: g.figures,
                });
            }
            (kind, index)
        })
        .collect()
}

/// The gathering for `name` in index `kind`, when that index is enabled and the name has a slug.
fn term<'a>(
    gathered: &'a mut BTreeMap<IndexKind, BTreeMap<String, Gathering>>,
    kind: IndexKind,
    name: &str,
) -> Option<&'a mut Gathering> {
    let slug = slugify(name);
    if slug.is_empty() {
        return None;
    }
    Some(gathered.get_mut(&kind)?.entry(slug).or_default())
}

fn most_frequent(spellings: &BTreeMap<String, usize>) -> String {
    spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// Single-word person names that stand for exactly one full name elsewhere in the archive
/// ("Putin" → "Vladimir Putin"): an article that only ever says "Putin" still files under him.
fn person_aliases(stories: &[Story]) -> HashMap<String, String> {
    let mut by_surname: HashMap<String, Vec<String>> = HashMap::new();
    let mut singles: Vec<String> = Vec::new();
    for story in stories {
        for m in story.meta.entities_of(EntityKind::Person) {
            let name = &m.entity.name;
            match name.rsplit_once(' ') {
                Some((_, surname)) => {
                    let list = by_surname.entry(surname.to_lowercase()).or_default();
                    if !list.contains(name) {
                        list.push(name.clone());
                    }
                }
                None => singles.push(name.clone()),
            }
        }
    }
    let mut aliases = HashMap::new();
    for single in singles {
        if let Some([full]) = by_surname.get(&single.to_lowercase()).map(Vec::as_slice) {
            aliases.insert(single, full.clone());
        }
    }
    aliases
}

/// Spellings of the big agencies and the name their index page goes by.
const AGENCIES: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("Associated Press", "Associated Press"),
    ("AP Photo", "Associated Press"),
    ("REUTERS", "Reuters"),
    ("Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Getty", "Getty Images"),
    ("Getty Images", "Getty Images"),
    ("CNN", "CNN"),
    ("CNN Business", "CNN"),
    ("EPA", "EPA"),
    ("EPA-EFE", "EPA"),
    ("Bloomberg", "Bloomberg"),
    ("Bloomberg News", "Bloomberg"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
];

/// The name an agency's index page goes by ("AP" → "Associated Press").
pub fn canonical_agency(name: &str) -> String {
    let trimmed = name.trim();
    AGENCIES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(trimmed))
        .map_or_else(|| trimmed.to_string(), |(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_spellings_meet() {
        assert_eq!(canonical_agency("AP"), "Associated Press");
        assert_eq!(canonical_agency("REUTERS"), "Reuters");
        assert_eq!(canonical_agency("Sputnik"), "Sputnik");
    }
}
