//! What each page is made from, as a fingerprint: a build that finds a page's fingerprint
//! unchanged since the build that wrote it keeps that page's files instead of rendering them
//! again (see [`super::Sink::reuse`]).
//!
//! A fingerprint must change whenever the page's bytes could, so each one hashes more than
//! the page strictly shows, never less:
//!
//! - every page: the configuration, every template and static file, what every page's header
//!   shows of the archive (its years, whether it has notes) and where every name links to
//!   (each index's names, pages and cross-references, [`Links::term`]);
//! - an article page: its story's digest ([`Story::digest`], its source and its record), its
//!   neighbours' and related stories' digests and those of the stories its notes cite;
//! - a day, month or year page: the number of articles of every day (calendars and the links to
//!   the days before and after) and the digests of its stories;
//! - a term page: the term's heading (its name, number of stories, roles, description, other
//!   indexes) and the digests of the stories, quotes and pictures it lists; the first page,
//!   which carries the term's feed, those of all the term's stories;
//! - a later page of the front page: the number of articles and its stories' digests;
//! - a file of the split article list (`api/articles/YEAR.json`): its stories' digests;
//! - anything else (the first front page, the date archive, the A–Z pages, the feeds, the
//!   API's index of its list, the notes, search and 404 pages): the digest of the whole archive.
//!
//! A story without a digest (read outside a build, or a page bundle, whose pictures are files
//! of their own) makes every page that shows it render afresh.

use std::collections::HashSet;
use std::fmt::Debug;

use rayon::prelude::*;

use super::pages::{Job, Renderer};
use super::theme::Theme;
use crate::model::{Archive, Index, IndexKind, Story, Term};
use crate::write::Content;

/// A fingerprint: BLAKE3, 32 bytes.
pub type Fingerprint = [u8; 32];

/// The fingerprints of one render, and what they are made from.
pub struct Fingerprints {
    /// What every page depends on.
    site: Fingerprint,
    /// The number of articles of every day.
    days: Fingerprint,
    /// The whole archive.
    whole: Option<Fingerprint>,
    /// Each term with all its stories, by index and place in the index: a term's first page
    /// (with its feed) and the digest of the whole archive both take it.
    terms: Terms,
    /// The terms whose quotes and pictures are listed in story order, as the indexes list
    /// them: a later page of theirs finds its own by halving.
    in_story_order: HashSet<(IndexKind, usize)>,
    /// Every story's digest, in archive order.
    digests: Vec<Option<Fingerprint>>,
}

/// Fingerprints of terms by index and place in the index.
type Terms = std::collections::BTreeMap<(IndexKind, usize), Option<Fingerprint>>;

/// A hasher that takes its parts with their lengths, so that two lists of parts hash alike
/// only when they are the same parts.
struct Parts(blake3::Hasher);

impl Parts {
    fn new(what: &str) -> Parts {
        let mut p = Parts(blake3::Hasher::new());
        p.bytes(what.as_bytes());
        p
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    fn number(&mut self, n: usize) -> &mut Self {
        self.0.update(&(n as u64).to_le_bytes());
        self
    }

    fn debug(&mut self, value: &impl Debug) -> &mut Self {
        self.bytes(format!("{value:?}").as_bytes())
    }

    /// A story's digest, or `None` when it has none.
    fn story(&mut self, story: &Story) -> Option<&mut Self> {
        let digest = story.digest?;
        Some(self.bytes(&digest))
    }

    /// The digests of the stories at `indexes`, taken from `digests` (every story's, in
    /// archive order) rather than from the stories: a day, month or year has thousands, and
    /// reading each from its large story cost more than hashing it. They are gathered and
    /// hashed as one part: fed one at a time (with its length), each took two calls of the
    /// hasher, which then compresses block by block; at once, BLAKE3 hashes many chunks side by
    /// side. A digest is always 32 bytes, so the part still tells one list from another.
    fn stories(
        &mut self,
        digests: &[Option<Fingerprint>],
        indexes: impl IntoIterator<Item = usize>,
    ) -> Option<&mut Self> {
        let mut all = Vec::new();
        for i in indexes {
            all.extend_from_slice(digests.get(i).copied().flatten().as_ref()?);
        }
        Some(self.bytes(&all))
    }

    /// [`Parts::stories`] for a list of (story, item) entries — a term's quotes or pictures —
    /// each as its story's digest and the item's number, gathered into one part.
    fn entries(&mut self, digests: &[Option<Fingerprint>], entries: &[(usize, usize)]) -> Option<&mut Self> {
        let mut all = Vec::with_capacity(entries.len() * 40);
        for &(s, item) in entries {
            all.extend_from_slice(digests.get(s).copied().flatten().as_ref()?);
            all.extend_from_slice(&(item as u64).to_le_bytes());
        }
        Some(self.bytes(&all))
    }

    fn finish(&self) -> Fingerprint {
        *self.0.finalize().as_bytes()
    }
}

impl Fingerprints {
    /// The fingerprints shared by the pages of `renderer`'s archive, rendered with `theme`.
    pub fn new(renderer: &Renderer<'_>, theme: &Theme) -> Fingerprints {
        let archive = renderer.archive;
        let mut site = Parts::new("site");
        site.debug(renderer.config);
        for (name, (text, _)) in &theme.templates {
            site.bytes(name.as_bytes()).bytes(text.as_bytes());
        }
        for (name, content) in &theme.statics {
            site.bytes(name.as_bytes());
            match content {
                Content::Bytes(b) => site.bytes(b),
                // A file that cannot be read now is reported when it is copied.
                Content::Copy(from) => site.bytes(&std::fs::read(from).unwrap_or_default()),
            };
        }
        let mut years: Vec<i16> = archive.days.keys().map(|d| d.year()).collect();
        years.dedup();
        site.debug(&years);
        site.debug(&archive.stories.iter().any(|s| !s.article.annotations.is_empty()));
        for (kind, index) in &archive.indexes {
            site.debug(kind);
            links_of(&mut site, index);
        }
        let mut days = Parts::new("days");
        days.debug(&renderer.day_counts);
        let digests: Vec<Option<Fingerprint>> = archive.stories.iter().map(|s| s.digest).collect();
        let terms = terms(archive, &digests);
        let whole = whole(archive, &terms);
        let in_story_order = archive
            .indexes
            .iter()
            .flat_map(|(kind, index)| index.terms.iter().enumerate().map(move |(t, term)| (*kind, t, term)))
            .filter(|(_, _, term)| term.quotes.is_sorted_by_key(|q| q.0) && term.figures.is_sorted_by_key(|f| f.0))
            .map(|(kind, t, _)| (kind, t))
            .collect();
        Fingerprints {
            site: site.finish(),
            days: days.finish(),
            whole,
            terms,
            in_story_order,
            digests,
        }
    }

    /// A name for `job` that stays the same from build to build while the page does: its
    /// address, not its place in this archive's lists.
    pub fn key(renderer: &Renderer<'_>, job: &Job) -> String {
        let archive = renderer.archive;
        match job {
            Job::Article(i) => format!("article {}", archive.stories[*i].url),
            Job::Term(kind, t, n) => {
                let slug = archive
                    .index(*kind)
                    .and_then(|index| index.terms.get(*t))
                    .map_or("", |term| term.slug.as_str());
                format!("term {} {slug} {n}", kind.as_str())
            }
            Job::Terms(kind) => format!("terms {}", kind.as_str()),
            other => format!("{other:?}"),
        }
    }

    /// The fingerprint of `job`'s page, or `None` when it must be rendered whatever the
    /// previous build made.
    pub fn of(&self, renderer: &Renderer<'_>, job: &Job) -> Option<Fingerprint> {
        let archive = renderer.archive;
        let mut p = Parts::new(&Self::key(renderer, job));
        p.bytes(&self.site);
        match *job {
            Job::Article(i) => {
                let story = &archive.stories[i];
                if !story.article.assets.is_empty() {
                    return None;
                }
                p.story(story)?;
                // The newer and older neighbours' headlines and addresses.
                for j in [i.checked_sub(1), Some(i + 1)] {
                    match j.and_then(|j| archive.stories.get(j)) {
                        Some(s) => p.story(s)?,
                        None => p.bytes(b"none"),
                    };
                }
                p.stories(&self.digests, archive.related.get(i).into_iter().flatten().copied())?;
                // The stories the notes link to, by their content path.
                for a in &story.article.annotations {
                    let Some(link) = a.link.as_deref() else { continue };
                    p.bytes(link.as_bytes());
                    if let Some(&j) = renderer.by_path.get(link.trim_start_matches("content/")) {
                        p.story(&archive.stories[j])?;
                    }
                }
            }
            Job::Day(d) => {
                p.bytes(&self.days);
                p.stories(&self.digests, archive.days.get(&d).into_iter().flatten().copied())?;
            }
            Job::Month(y, m) => {
                p.bytes(&self.days);
                let month = archive.days.iter().filter(|(d, _)| d.year() == y && d.month() == m);
                p.stories(&self.digests, month.flat_map(|(_, s)| s.iter().copied()))?;
            }
            Job::Year(y) => {
                p.bytes(&self.days);
                let year = archive.days.iter().filter(|(d, _)| d.year() == y);
                p.stories(&self.digests, year.flat_map(|(_, s)| s.iter().copied()))?;
            }
            Job::Front(n) if n > 1 => {
                p.debug(&archive.stories.len());
                let per = renderer.config.paginate_by;
                p.stories(&self.digests, (0..archive.stories.len()).skip((n - 1) * per).take(per))?;
            }
            // A file of the article list shows its own stories and nothing else of the archive.
            Job::ApiList(year, n) => {
                let part = renderer.list_part(year, n)?;
                p.stories(&self.digests, part.stories.clone())?;
            }
            Job::Term(kind, t, 1) => {
                p.bytes(self.terms.get(&(kind, t))?.as_ref()?);
            }
            // A later page shows the term's heading and its own stories, their quotes and
            // pictures: an edit elsewhere in a long list leaves it alone.
            Job::Term(kind, t, n) => {
                let term = archive.index(kind)?.terms.get(t)?;
                heading_of(&mut p, term);
                let per = renderer.per_term_page(kind);
                let shown: Vec<usize> = term.stories.iter().copied().skip((n - 1) * per).take(per).collect();
                p.stories(&self.digests, shown.iter().copied())?;
                let mut on_page = shown.clone();
                on_page.sort_unstable();
                on_page.dedup();
                let ordered = self.in_story_order.contains(&(kind, t));
                p.entries(&self.digests, &on_the_page(&term.quotes, &on_page, ordered))?;
                p.entries(&self.digests, &on_the_page(&term.figures, &on_page, ordered))?;
            }
            _ => {
                p.bytes(&self.whole?);
            }
        }
        Some(p.finish())
    }
}

/// The entries (story, item) of a term's list `all` whose story is in `on_page` (sorted, each
/// once), in `all`'s order. A list in story order holds each story's entries in one run, found
/// by halving: every page of a long term going through the whole list cost time in the square
/// of the term's length. Any other list is gone through whole.
fn on_the_page(all: &[(usize, usize)], on_page: &[usize], in_story_order: bool) -> Vec<(usize, usize)> {
    if !in_story_order {
        return all
            .iter()
            .filter(|(s, _)| on_page.binary_search(s).is_ok())
            .copied()
            .collect();
    }
    on_page
        .iter()
        .flat_map(|&s| {
            let from = all.partition_point(|e| e.0 < s);
            let to = from + all[from..].partition_point(|e| e.0 <= s);
            &all[from..to]
        })
        .copied()
        .collect()
}

/// Where every name of `index` links to: its terms' names and pages, the spellings that lead to
/// them and its cross-references to other indexes.
fn links_of(p: &mut Parts, index: &Index) {
    for t in &index.terms {
        p.bytes(t.name.as_bytes()).bytes(t.slug.as_bytes());
    }
    let mut names: Vec<(&String, &usize)> = index.names.iter().collect();
    names.sort_unstable();
    p.debug(&names);
    p.debug(&index.see);
    let mut see: Vec<(&String, &usize)> = index.see_names.iter().collect();
    see.sort_unstable();
    p.debug(&see);
}

/// What every page of a term shows above its list: its name, how many stories it has, its
/// roles, description and pages in other indexes.
fn heading_of(p: &mut Parts, term: &Term) {
    p.bytes(term.name.as_bytes()).bytes(term.slug.as_bytes());
    p.number(term.stories.len());
    p.debug(&term.roles)
        .debug(&term.description)
        .debug(&term.declared)
        .debug(&term.also);
}

/// A term as its pages show it, its stories by their digests.
fn term_of(p: &mut Parts, digests: &[Option<Fingerprint>], term: &Term) -> Option<()> {
    heading_of(p, term);
    p.stories(digests, term.stories.iter().copied())?;
    p.entries(digests, &term.quotes)?;
    p.entries(digests, &term.figures)?;
    Some(())
}

/// Every term of every index with all its stories ([`term_of`]), worked out once: a long list
/// has many pages.
fn terms(archive: &Archive, digests: &[Option<Fingerprint>]) -> Terms {
    let all: Vec<(IndexKind, usize, &Term)> = archive
        .indexes
        .iter()
        .flat_map(|(kind, index)| index.terms.iter().enumerate().map(move |(t, term)| (*kind, t, term)))
        .collect();
    all.par_iter()
        .map(|&(kind, t, term)| {
            let mut p = Parts::new(kind.as_str());
            let print = term_of(&mut p, digests, term).map(|_| p.finish());
            ((kind, t), print)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The whole archive: every story in order, its days, its related stories and every term.
fn whole(archive: &Archive, terms: &Terms) -> Option<Fingerprint> {
    let mut p = Parts::new("whole");
    for s in &archive.stories {
        p.story(s)?;
        p.bytes(s.url.as_bytes());
    }
    p.debug(&archive.days);
    p.debug(&archive.related);
    let mut aliases: Vec<(&String, &String)> = archive.aliases.iter().collect();
    aliases.sort_unstable();
    p.debug(&aliases);
    for print in terms.values() {
        p.bytes(print.as_ref()?);
    }
    for (kind, index) in &archive.indexes {
        p.debug(kind);
        links_of(&mut p, index);
    }
    Some(p.finish())
}

/// The digest of everything the archive's stories hold, in order, with `settings` (what else
/// the caller's output depends on): the search index and `archive.sqlite` are made from no
/// more. `None` when a story has no digest.
pub fn stories_digest(archive: &Archive, settings: &impl Debug) -> Option<Fingerprint> {
    let mut p = Parts::new("stories");
    p.debug(settings);
    for s in &archive.stories {
        p.story(s)?;
    }
    Some(p.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (story, quote or picture)
    type Entry = (usize, usize);

    /// What a page shows of a list, going through all of it.
    fn filtered(all: &[(usize, usize)], on_page: &[usize]) -> Vec<(usize, usize)> {
        all.iter().filter(|(s, _)| on_page.contains(s)).copied().collect()
    }

    #[test]
    fn a_page_finds_its_stories_entries_as_going_through_the_whole_list_would() {
        // (a term's list in story order, the stories on one of its pages)
        let rows: [(&[Entry], &[usize]); 7] = [
            (&[(0, 0), (0, 1), (2, 0), (5, 3), (5, 1), (9, 0)], &[0, 5]),
            (&[(0, 0), (0, 1), (2, 0), (5, 3), (5, 1), (9, 0)], &[2, 3, 4]),
            (&[(0, 0), (0, 1), (2, 0), (5, 3), (5, 1), (9, 0)], &[9]),
            (&[(0, 0), (0, 1), (2, 0), (5, 3), (5, 1), (9, 0)], &[1, 6, 10]),
            (&[(4, 2), (4, 0), (4, 1)], &[4]),
            (&[], &[1, 2]),
            (&[(1, 0), (3, 0)], &[]),
        ];
        for (all, on_page) in rows {
            assert_eq!(
                on_the_page(all, on_page, true),
                filtered(all, on_page),
                "{all:?} {on_page:?}"
            );
        }
    }

    /// A list of stories, or of a term's quotes or pictures, hashed as one part tells apart any
    /// two lists that differ in a digest, an item, their order or where one list ends and the
    /// next begins; a story without a digest leaves the page without a fingerprint.
    #[test]
    fn lists_of_stories_and_their_entries_hash_alike_only_when_the_same() {
        let digests: Vec<Option<Fingerprint>> = vec![Some([1; 32]), Some([2; 32]), None, Some([1; 32])];
        let stories = |lists: &[&[usize]]| {
            let mut p = Parts::new("term");
            for list in lists {
                p.stories(&digests, list.iter().copied())?;
            }
            Some(p.finish())
        };
        let entries = |list: &[(usize, usize)]| {
            let mut p = Parts::new("term");
            p.entries(&digests, list)?;
            Some(p.finish())
        };
        // Stories 0 and 3 have the same digest.
        assert_eq!(stories(&[&[0, 1]]), stories(&[&[3, 1]]));
        assert_ne!(stories(&[&[0, 1]]), stories(&[&[1, 0]]));
        assert_ne!(stories(&[&[0, 1]]), stories(&[&[0]]));
        assert_ne!(stories(&[&[0, 1], &[1]]), stories(&[&[0], &[1, 1]]));
        assert_eq!(stories(&[&[0, 2]]), None);
        assert_eq!(entries(&[(0, 1)]), entries(&[(3, 1)]));
        assert_ne!(entries(&[(0, 1)]), entries(&[(0, 2)]));
        assert_ne!(entries(&[(0, 1)]), entries(&[(1, 1)]));
        assert_ne!(entries(&[(0, 1), (1, 1)]), entries(&[(1, 1), (0, 1)]));
        assert_eq!(entries(&[(2, 0)]), None);
    }

    #[test]
    fn a_list_in_another_order_is_gone_through_whole() {
        let all = [(5, 0), (0, 1), (5, 2), (2, 0)];
        assert_eq!(on_the_page(&all, &[0, 5], false), vec![(5, 0), (0, 1), (5, 2)]);
    }
}
