//! The term indexes: people, places, organisations, photographers, agencies and tags, built in
//! one pass over the stories (linear in the number of mentions), then merged by canonical name,
//! and last given one home per entity across the indexes (see `identity`).
//!
//! People, photographers and reporters are filed under their names without the title or role
//! written before them ("Archivist Beatriz Lemos" is Beatriz Lemos, described as archivist), so
//! however an article introduces someone, they have one page; the name as written still leads
//! to it.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::agencies::{AGENCIES, canonical_agency};
use crate::config::SiteConfig;
use crate::extract::Registry;
use crate::model::{EntityKind, Index, IndexKind, Origin, Story, Term};
use crate::slug::slugify;
use crate::titles::split_title;

use super::identity;

/// A term while the index is being gathered: every spelling with its count.
#[derive(Default)]
struct Gathering {
    spellings: BTreeMap<String, usize>,
    /// Names as written with a title ("Mayor Ribeiro"): they lead to the term, never name it.
    written: Vec<String>,
    declared: bool,
    stories: Vec<usize>,
    roles: BTreeMap<String, usize>,
    quotes: Vec<(usize, usize)>,
    figures: Vec<(usize, usize)>,
}

/// What one story adds to one term of one index; `S` is `&str` when it is read in place from
/// what the build store kept ([`crate::texts::decode_terms`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution<S = String> {
    pub kind: IndexKind,
    pub slug: S,
    /// The name as this story spells it, without a title before it.
    pub spelling: S,
    /// Other ways the story writes the name ("Archivist Beatriz Lemos"), which lead to the
    /// term too.
    pub written: Vec<S>,
    /// Whether the story's front matter names it.
    pub declared: bool,
    pub roles: Vec<S>,
    /// Indexes into the story's `meta.quotes` (people).
    pub quotes: Vec<usize>,
    /// Indexes into the story's `meta.figures` (photographers, agencies).
    pub figures: Vec<usize>,
}

/// What still has to be attached to a term once every term the story names is known.
enum Pending {
    Roles(usize, Vec<String>),
    Declared(usize),
    Quote(usize),
    Figure(usize, usize),
}

/// Everything a story contributes to the enabled indexes. The same rules serve the full build
/// and the preview server's update of one story, so both always agree.
pub fn contributions(story: &Story, enabled: &[IndexKind], aliases: &HashMap<String, String>) -> Vec<Contribution> {
    let mut out: Vec<Contribution> = Vec::new();
    // `written` is the name as the story has it, `name` what the index files it under.
    let mut add = |kind: IndexKind, name: &str, written: &str| -> Option<usize> {
        if !enabled.contains(&kind) {
            return None;
        }
        let slug = slugify(name);
        if slug.is_empty() {
            return None;
        }
        let i = match out.iter().position(|c| c.kind == kind && c.slug == slug) {
            Some(i) => i,
            None => {
                out.push(Contribution {
                    kind,
                    slug,
                    spelling: name.to_string(),
                    written: Vec::new(),
                    declared: false,
                    roles: Vec::new(),
                    quotes: Vec::new(),
                    figures: Vec::new(),
                });
                out.len() - 1
            }
        };
        let c = &mut out[i];
        if written != c.spelling && !c.written.iter().any(|w| w == written) {
            c.written.push(written.to_string());
        }
        Some(i)
    };
    let meta = &story.meta;
    let mut pending: Vec<Pending> = Vec::new();
    for m in &meta.entities {
        let written = &m.entity.name;
        let mut roles = m.entity.roles.clone();
        let c = if m.entity.kind == EntityKind::Person {
            let titled = split_title(written);
            roles.extend(titled.role);
            let name = aliases.get(&titled.name).unwrap_or(&titled.name);
            add(IndexKind::People, name, written)
        } else {
            add(IndexKind::of_entity(m.entity.kind), written, written)
        };
        if let Some(c) = c {
            if m.origin == Origin::Declared {
                pending.push(Pending::Declared(c));
            }
            pending.push(Pending::Roles(c, roles));
        }
    }
    // Quotes are filed under people the story mentions (once all are known), never creating a
    // person of their own.
    for q in 0..story.quote_count() {
        if story.speaker(q).is_some() {
            pending.push(Pending::Quote(q));
        }
    }
    for (f, figure) in meta.figures.value.iter().enumerate() {
        let Some(credit) = &figure.credit else { continue };
        for p in &credit.photographers {
            if let Some(c) = add(IndexKind::Photographers, &split_title(p).name, p) {
                pending.push(Pending::Figure(c, f));
            }
        }
        for a in credit.agencies.iter().chain(credit.distributor.iter()) {
            if let Some(c) = add(IndexKind::Agencies, &canonical_agency(a), a) {
                pending.push(Pending::Figure(c, f));
            }
        }
    }
    let dateline_agency = meta.dateline.value.as_ref().and_then(|d| d.agency.as_deref());
    for a in meta.sources.value.iter().map(String::as_str).chain(dateline_agency) {
        add(IndexKind::Agencies, &canonical_agency(a), a);
    }
    for tag in &story.article.front.tags {
        add(IndexKind::Tags, tag, tag);
    }
    for name in &meta.byline.value {
        add(IndexKind::Authors, &split_title(name).name, name);
    }
    for item in pending {
        match item {
            Pending::Quote(q) => {
                let speaker = split_title(story.speaker(q).unwrap_or("")).name;
                let speaker = aliases.get(&speaker).unwrap_or(&speaker);
                let slug = slugify(speaker);
                if let Some(person) = out.iter_mut().find(|x| x.kind == IndexKind::People && x.slug == slug) {
                    person.quotes.push(q);
                }
            }
            Pending::Roles(c, roles) => out[c].roles.extend(roles),
            Pending::Declared(c) => out[c].declared = true,
            Pending::Figure(c, f) => {
                if !out[c].figures.contains(&f) {
                    out[c].figures.push(f);
                }
            }
        }
    }
    out
}

/// What `story` adds to the `enabled` indexes, as the build store keeps it beside the story's
/// record ([`crate::texts::encode_terms`]). Worked out without the archive's person aliases,
/// which depend on every other story: the story's one-word names are kept with them, and a
/// build that finds an alias for any of them works the story's contributions out again.
pub fn glean(story: &Story, enabled: &[IndexKind]) -> Vec<u8> {
    let gleaned = crate::texts::Gleaned {
        enabled: enabled.to_vec(),
        one_word: one_word_names(story),
        contributions: contributions(story, enabled, &HashMap::new()),
    };
    crate::texts::encode_terms::<String>(&gleaned, &name_sources(story))
}

/// The names the story's record holds that its terms are mostly spelled as: its people,
/// places and organisations, its tags and its byline. Kept terms refer to them rather than
/// spell them again.
fn name_sources(story: &Story) -> Vec<&str> {
    let entities = story.meta.entities.iter().map(|m| m.entity.name.as_str());
    let tags = story.article.front.tags.iter().map(String::as_str);
    let byline = story.meta.byline.value.iter().map(String::as_str);
    entities.chain(tags).chain(byline).collect()
}

/// The story's names of people and of its quotes' speakers, without their titles, that are one
/// word: the only names a person alias ([`person_aliases`]) can stand for.
fn one_word_names(story: &Story) -> Vec<String> {
    let people = story
        .meta
        .entities_of(EntityKind::Person)
        .map(|m| split_title(&m.entity.name).name);
    let speakers = (0..story.quote_count()).filter_map(|q| story.speaker(q).map(|s| split_title(s).name));
    let mut names: Vec<String> = people.chain(speakers).filter(|n| !n.contains(' ')).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// A story's contributions as they are gathered: read in place from what the build store kept
/// of it, or worked out.
enum Terms<'a> {
    Kept(Vec<Contribution<&'a str>>),
    Made(Vec<Contribution>),
}

/// [`contributions`], read from what the build store kept of the story when that was worked out
/// for the same indexes and no alias of the archive applies to the story's names.
fn contributions_of<'a>(story: &'a Story, enabled: &[IndexKind], aliases: &HashMap<String, String>) -> Terms<'a> {
    let kept = story
        .gleaned
        .as_deref()
        .and_then(|bytes| crate::texts::decode_terms(bytes, &name_sources(story)).ok())
        .filter(|g| g.enabled == enabled && !g.one_word.iter().any(|n| aliases.contains_key(*n)));
    match kept {
        Some(g) => Terms::Kept(g.contributions),
        None => Terms::Made(contributions(story, enabled, aliases)),
    }
}

/// How many stories' index contributions are worked out at once.
const GATHER_SLICE: usize = 4096;

/// Builds every enabled index. `stories` are newest first, so term story lists are too.
pub fn build_indexes(stories: &[Story], config: &SiteConfig, registry: &Registry) -> BTreeMap<IndexKind, Index> {
    build_indexes_with(stories, &person_aliases(stories), config, registry)
}

/// [`build_indexes`], given the archive's [`person_aliases`].
pub fn build_indexes_with<'s>(
    stories: &'s [Story],
    aliases: &HashMap<String, String>,
    config: &SiteConfig,
    registry: &Registry,
) -> BTreeMap<IndexKind, Index> {
    let enabled = config.enabled_indexes();
    // Gathered by hash and put in slug order once, when the terms are made: a tree keyed by
    // slug would compare strings at every mention of the archive.
    let mut gathered: BTreeMap<IndexKind, FxHashMap<String, Gathering>> =
        enabled.iter().map(|k| (*k, FxHashMap::default())).collect();
    // Worked out in parallel a slice of stories at a time and gathered in story order: every
    // story's contributions at once (their names, slugs and roles as strings) were the largest
    // part of a build's peak memory, some 3 KB an article. Gathering is one thread's work, so
    // the next slice's contributions are worked out meanwhile rather than after it; on this
    // thread, not the pool's, whose threads would then hold the terms' memory.
    let work = |slice: &'s [Story]| -> Vec<Terms<'s>> {
        slice
            .par_iter()
            .map(|s| contributions_of(s, &enabled, aliases))
            .collect()
    };
    let mut slices = stories.chunks(GATHER_SLICE);
    let mut next = slices.next().map(work);
    let mut first = 0;
    while let Some(lists) = next.take() {
        let count = lists.len();
        rayon::in_place_scope(|scope| {
            if let Some(slice) = slices.next() {
                let next = &mut next;
                scope.spawn(move |_| *next = Some(work(slice)));
            }
            gather(&mut gathered, first, lists);
        });
        first += count;
    }
    let alias_slugs: Vec<(String, String)> = aliases
        .iter()
        .map(|(alias, full)| (alias.to_lowercase(), slugify(full)))
        .collect();
    let mut indexes = gathered
        .into_iter()
        .map(|(kind, terms)| {
            let mut index = Index::default();
            let mut terms: Vec<(String, Gathering)> = terms.into_iter().collect();
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (slug, g) in terms {
                // The registry may know the name only as written with a title.
                let known = g
                    .spellings
                    .keys()
                    .chain(&g.written)
                    .find(|n| registry.lookup(n).is_some())
                    .or_else(|| g.spellings.keys().next());
                let term = new_term(slug, known.map_or("", String::as_str), &g.spellings, registry);
                let pos = index.terms.len();
                for spelling in g.spellings.keys().chain(&g.written) {
                    index.names.insert(spelling.to_lowercase(), pos);
                }
                let mut roles: Vec<(String, usize)> = g.roles.into_iter().collect();
                sort_roles(&mut roles);
                index.terms.push(Term {
                    stories: g.stories,
                    roles,
                    quotes: g.quotes,
                    figures: g.figures,
                    declared: g.declared,
                    ..term
                });
            }
            add_alias_names(kind, &mut index, &alias_slugs);
            (kind, index)
        })
        .collect();
    identity::reconcile(&mut indexes, registry);
    indexes
}

/// Files the contributions of the stories from `first` on (`lists`, in story order) under
/// their terms.
fn gather(gathered: &mut BTreeMap<IndexKind, FxHashMap<String, Gathering>>, first: usize, lists: Vec<Terms<'_>>) {
    for (i, list) in (first..).zip(lists) {
        match list {
            Terms::Kept(list) => list.into_iter().for_each(|c| file(gathered, i, c)),
            Terms::Made(list) => list.into_iter().for_each(|c| file(gathered, i, c)),
        }
    }
}

/// Files story `i`'s contribution `c` under its term. Names are looked up as they are and
/// copied only for a term or spelling not seen before: most mentions are of terms already met.
fn file<S: AsRef<str> + Into<String>>(
    gathered: &mut BTreeMap<IndexKind, FxHashMap<String, Gathering>>,
    i: usize,
    c: Contribution<S>,
) {
    let Some(index) = gathered.get_mut(&c.kind) else {
        return;
    };
    let g = match index.get_mut(c.slug.as_ref()) {
        Some(g) => g,
        None => index.entry(c.slug.into()).or_default(),
    };
    count(&mut g.spellings, c.spelling);
    g.written.extend(c.written.into_iter().map(Into::into));
    g.declared |= c.declared;
    g.stories.push(i);
    for role in c.roles {
        count(&mut g.roles, role);
    }
    g.quotes.extend(c.quotes.into_iter().map(|q| (i, q)));
    g.figures.extend(c.figures.into_iter().map(|f| (i, f)));
}

/// Adds one to `name`'s count.
fn count<S: AsRef<str> + Into<String>>(counts: &mut BTreeMap<String, usize>, name: S) {
    match counts.get_mut(name.as_ref()) {
        Some(n) => *n += 1,
        None => {
            counts.insert(name.into(), 1);
        }
    }
}

/// A term's name and description: the registry's canonical entry, else the most frequent
/// spelling.
fn new_term(slug: String, first: &str, spellings: &BTreeMap<String, usize>, registry: &Registry) -> Term {
    let canonical = registry.lookup(first);
    let name = match canonical {
        Some(e) if slugify(&e.name) == slug => e.name.clone(),
        // A registry that writes a person with their title ("Sen. Harlan Beaufort") still
        // names the page, without the title, as every other source of the name does.
        Some(e) if e.kind == EntityKind::Person && slugify(&split_title(&e.name).name) == slug => {
            split_title(&e.name).name
        }
        _ => most_frequent(spellings),
    };
    Term {
        description: canonical.and_then(|e| e.description.clone()),
        name,
        slug,
        ..Term::default()
    }
}

fn sort_roles(roles: &mut [(String, usize)]) {
    roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// Surname aliases of people and the agencies' other spellings lead to their terms too.
fn add_alias_names(kind: IndexKind, index: &mut Index, alias_slugs: &[(String, String)]) {
    let by_slug: HashMap<&str, usize> = index
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let mut extra = Vec::new();
    if kind == IndexKind::People {
        for (alias, slug) in alias_slugs {
            if let Some(&pos) = by_slug.get(slug.as_str()) {
                extra.push((alias.clone(), pos));
            }
        }
    }
    if kind == IndexKind::Agencies {
        for (spelling, canonical) in AGENCIES {
            if let Some(&pos) = by_slug.get(slugify(canonical).as_str()) {
                extra.push((spelling.to_lowercase(), pos));
            }
        }
    }
    index.names.extend(extra);
}

/// Updates the indexes for story `i` after it changed from `old` to what `stories[i]` now is,
/// without rebuilding them. Returns false when the change may alter how names merge across
/// the archive (its people changed), in which case the caller rebuilds the indexes.
pub fn update_story(
    archive: &mut crate::model::Archive,
    i: usize,
    old: &Story,
    config: &SiteConfig,
    registry: &Registry,
) -> bool {
    let people = |s: &Story| -> Vec<String> {
        s.meta
            .entities_of(EntityKind::Person)
            .map(|m| m.entity.name.clone())
            .collect()
    };
    if people(old) != people(&archive.stories[i]) {
        return false;
    }
    let enabled = config.enabled_indexes();
    let aliases = archive.aliases.clone();
    let before = contributions(old, &enabled, &aliases);
    let after = contributions(&archive.stories[i], &enabled, &aliases);
    if before == after {
        return true;
    }
    // A name that more than one index knows has its home and its links decided across the
    // whole archive.
    if before
        .iter()
        .chain(&after)
        .any(|c| identity::is_shared(&archive.indexes, c.kind, &c.slug))
    {
        return false;
    }
    for c in &before {
        let Some(index) = archive.indexes.get_mut(&c.kind) else {
            continue;
        };
        if let Ok(t) = index.terms.binary_search_by(|t| t.slug.as_str().cmp(&c.slug)) {
            let term = &mut index.terms[t];
            term.stories.retain(|&s| s != i);
            term.quotes.retain(|&(s, _)| s != i);
            term.figures.retain(|&(s, _)| s != i);
            for role in &c.roles {
                if let Some(r) = term.roles.iter_mut().find(|r| &r.0 == role) {
                    r.1 = r.1.saturating_sub(1);
                }
            }
            term.roles.retain(|r| r.1 > 0);
        }
    }
    for c in after {
        let Some(index) = archive.indexes.get_mut(&c.kind) else {
            continue;
        };
        let t = match index.terms.binary_search_by(|t| t.slug.as_str().cmp(&c.slug)) {
            Ok(t) => t,
            Err(at) => {
                let spellings: BTreeMap<String, usize> = [(c.spelling.clone(), 1)].into();
                index
                    .terms
                    .insert(at, new_term(c.slug.clone(), &c.spelling, &spellings, registry));
                shift_names(index, at, 1);
                at
            }
        };
        for name in std::iter::once(&c.spelling).chain(&c.written) {
            index.names.entry(name.to_lowercase()).or_insert(t);
        }
        let term = &mut index.terms[t];
        term.declared |= c.declared;
        let pos = term.stories.partition_point(|&s| s < i);
        term.stories.insert(pos, i);
        for q in c.quotes {
            let pos = term.quotes.partition_point(|&x| x < (i, q));
            term.quotes.insert(pos, (i, q));
        }
        for f in c.figures {
            let pos = term.figures.partition_point(|&x| x < (i, f));
            term.figures.insert(pos, (i, f));
        }
        for role in c.roles {
            match term.roles.iter_mut().find(|r| r.0 == role) {
                Some(r) => r.1 += 1,
                None => term.roles.push((role, 1)),
            }
        }
        sort_roles(&mut term.roles);
    }
    for index in archive.indexes.values_mut() {
        while let Some(t) = index.terms.iter().position(|t| t.stories.is_empty()) {
            index.terms.remove(t);
            index.names.retain(|_, v| *v != t);
            shift_names(index, t + 1, -1);
        }
    }
    true
}

/// Moves the name entries of terms at or after `from` by `by` places.
fn shift_names(index: &mut Index, from: usize, by: isize) {
    for v in index.names.values_mut() {
        if *v >= from {
            *v = v.saturating_add_signed(by);
        }
    }
}

fn most_frequent(spellings: &BTreeMap<String, usize>) -> String {
    spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// Single-word person names that stand for exactly one full name elsewhere in the archive
/// ("Petrov" → "Ivan Petrov"): an article that only ever says "Petrov" still files under him.
pub fn person_aliases(stories: &[Story]) -> HashMap<String, String> {
    let mut by_surname: HashMap<String, Vec<String>> = HashMap::new();
    let mut singles: Vec<String> = Vec::new();
    // Titles are taken off on every core; the names are then gathered in story order.
    let names: Vec<Vec<String>> = stories
        .par_iter()
        .map(|story| {
            story
                .meta
                .entities_of(EntityKind::Person)
                .map(|m| split_title(&m.entity.name).name)
                .collect()
        })
        .collect();
    for name in names.into_iter().flatten() {
        {
            match name.rsplit_once(' ') {
                Some((_, surname)) => {
                    let list = by_surname.entry(surname.to_lowercase()).or_default();
                    if !list.contains(&name) {
                        list.push(name.clone());
                    }
                }
                None => singles.push(name),
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::{Entity, Mention, Source, SourceFormat};

    /// A story with a byline and the people extraction (or a registry that writes titles)
    /// named, spelled as given.
    fn story(byline: &str, people: &[&str]) -> Story {
        let source = Source {
            file: PathBuf::from("content/reels.md"),
            rel: PathBuf::from("reels.md"),
            format: SourceFormat::Markdown,
            text: format!("+++\ntitle = \"Reels\"\ndate = 2020-11-30\nbyline = \"{byline}\"\n+++\nReels.\n"),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        let mut s = crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default())
            .unwrap()
            .0;
        s.meta.entities = people
            .iter()
            .map(|name| Mention {
                entity: Entity {
                    name: name.to_string(),
                    kind: EntityKind::Person,
                    roles: Vec::new(),
                    mentions: Vec::new(),
                },
                origin: Origin::Extracted,
            })
            .collect();
        s
    }

    #[test]
    fn names_are_filed_without_their_titles_and_still_found_as_written() {
        let s = story("Archivist Jane Roe", &["Archivist Jane Roe"]);
        let got = contributions(&s, &IndexKind::ALL, &HashMap::new());
        let find = |kind| got.iter().find(|c| c.kind == kind).expect("a contribution");
        for kind in [IndexKind::People, IndexKind::Authors] {
            let c = find(kind);
            assert_eq!(
                (c.slug.as_str(), c.spelling.as_str()),
                ("jane-roe", "Jane Roe"),
                "{kind:?}"
            );
            assert_eq!(c.written, vec!["Archivist Jane Roe".to_string()], "{kind:?}");
        }
        assert!(find(IndexKind::People).roles.contains(&"Archivist".to_string()));

        let indexes = build_indexes(&[s], &SiteConfig::default(), &Registry::default());
        for kind in [IndexKind::People, IndexKind::Authors] {
            let index = &indexes[&kind];
            assert_eq!(index.terms.len(), 1, "{kind:?}");
            assert_eq!(
                index.find("Archivist Jane Roe").map(|t| t.name.as_str()),
                Some("Jane Roe"),
                "{kind:?}"
            );
        }
        assert_eq!(
            indexes[&IndexKind::People].terms[0].roles,
            vec![("Archivist".to_string(), 1)]
        );
    }

    /// Stories are gathered a slice at a time, the next slice's worked out meanwhile: across a
    /// slice's end, every story keeps its own number in the term lists.
    #[test]
    fn terms_list_their_stories_across_gathering_slices() {
        let (roe, doe) = (story("Jane Roe", &["Ana Ribeiro"]), story("Jane Roe", &["Rui Duarte"]));
        let stories: Vec<Story> = (0..2 * GATHER_SLICE + 7)
            .map(|i| if i % 3 == 0 { roe.clone() } else { doe.clone() })
            .collect();
        let indexes = build_indexes(&stories, &SiteConfig::default(), &Registry::default());
        let listed = |name: &str| indexes[&IndexKind::People].find(name).unwrap().stories.clone();
        let every = |rest: usize| (0..stories.len()).filter(|i| i % 3 == rest).collect::<Vec<_>>();
        assert_eq!(listed("Ana Ribeiro"), every(0));
        assert_eq!(listed("Rui Duarte").len(), stories.len() - every(0).len());
        assert_eq!(
            indexes[&IndexKind::Authors].find("Jane Roe").unwrap().stories.len(),
            stories.len()
        );
    }

    #[test]
    fn a_surname_with_a_title_is_the_full_name_it_stands_for() {
        let stories = [
            story("Jane Roe", &["Ana Ribeiro"]),
            story("Jane Roe", &["Mayor Ribeiro"]),
        ];
        let aliases = person_aliases(&stories);
        assert_eq!(aliases.get("Ribeiro").map(String::as_str), Some("Ana Ribeiro"));
        let indexes = build_indexes(&stories, &SiteConfig::default(), &Registry::default());
        let people = &indexes[&IndexKind::People];
        assert_eq!(people.terms.len(), 1, "{:?}", people.terms);
        assert_eq!(people.terms[0].stories, vec![0, 1]);
        assert_eq!(
            people.find("Mayor Ribeiro").map(|t| t.slug.as_str()),
            Some("ana-ribeiro")
        );
    }

    /// The indexes gathered from what the build store kept of each story's terms are those
    /// worked out afresh, also where a one-word name comes to stand for a full name: kept
    /// terms are worked out without the archive's aliases, and a story with a name an alias
    /// stands for is worked out again.
    #[test]
    fn kept_terms_gather_as_worked_out_ones_under_the_archives_aliases() {
        let mut stories = vec![
            story("Jane Roe", &["Mayor Ribeiro", "Rui Duarte"]),
            story("Archivist Jane Roe", &["Ribeiro"]),
            story("Jane Roe", &["Ana Ribeiro"]),
        ];
        let afresh = build_indexes(&stories, &SiteConfig::default(), &Registry::default());
        assert_eq!(
            afresh[&IndexKind::People].find("Mayor Ribeiro").unwrap().slug,
            "ana-ribeiro"
        );
        let enabled = SiteConfig::default().enabled_indexes();
        for s in &mut stories {
            s.gleaned = Some(glean(s, &enabled).into_boxed_slice());
        }
        let kept = build_indexes(&stories, &SiteConfig::default(), &Registry::default());
        assert_eq!(kept, afresh);
        // Without the full name, the surname is a person of its own, as the kept terms say.
        let alone = build_indexes(&stories[..2], &SiteConfig::default(), &Registry::default());
        let people = &alone[&IndexKind::People];
        assert_eq!(people.find("Ribeiro").unwrap().stories, vec![0, 1]);
    }

    /// Terms are gathered by hash but listed in slug order, which the preview server's
    /// update of one story looks them up by.
    #[test]
    fn terms_are_listed_in_slug_order() {
        let names = [
            "Zora Quill",
            "Ana Ribeiro",
            "Mia Ostrander",
            "Bo Lind",
            "Kai Ewe",
            "Rui Duarte",
        ];
        let stories: Vec<Story> = names.iter().map(|n| story(n, &[n])).collect();
        let indexes = build_indexes(&stories, &SiteConfig::default(), &Registry::default());
        for kind in [IndexKind::People, IndexKind::Authors] {
            let slugs: Vec<&str> = indexes[&kind].terms.iter().map(|t| t.slug.as_str()).collect();
            let mut sorted = slugs.clone();
            sorted.sort_unstable();
            assert_eq!(slugs, sorted, "{kind:?}");
            assert_eq!(slugs.len(), names.len(), "{kind:?}");
        }
    }
}
