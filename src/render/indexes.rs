//! Index pages: for each index an A–Z list of its terms with a "most mentioned" view, and for
//! each term a paginated page of its articles (newest first) with the person's quotes or the
//! photographer's pictures, and its own feed. Each page is rendered from its term's own story
//! list, so the work is linear in the number of mentions.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Archive, Index, IndexKind, Term, TextError};

use crate::dates::long_date;

use super::links::Links;
use super::views::CardView;

/// `index` in `terms.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TermsView {
    pub kind: &'static str,
    pub title: String,
    pub total: usize,
    pub top: Vec<TermLink>,
    pub letters: Vec<LetterGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    pub name: String,
    /// How the A–Z list shows it: "Petrov, Ivan" for people.
    pub label: String,
    pub url: String,
    pub count: usize,
    /// For a name whose page is in another index, that index's title: "CNN, see Agencies".
    pub see: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup {
    pub letter: String,
    pub id: String,
    pub terms: Vec<TermLink>,
}

/// How many terms the "most mentioned" view shows.
const TOP: usize = 30;

/// The list page of an index: its terms, and the names it would list whose page is in another
/// index, each filed where the reader looks for it and leading to that page.
pub fn terms_view(kind: IndexKind, index: &Index, config: &SiteConfig, links: &Links<'_>) -> TermsView {
    let terms = &index.terms;
    // People are filed surname first; a name whose page is elsewhere is filed as that page
    // files it.
    let label = |name: &str, kind: IndexKind| {
        if kind == IndexKind::People {
            surname_first(name)
        } else {
            name.to_string()
        }
    };
    let link = |t: &Term| TermLink {
        name: t.name.clone(),
        label: label(&t.name, kind),
        url: links.term_slug(kind, &t.slug).unwrap_or_default(),
        count: t.stories.len(),
        see: None,
    };
    let mut top: Vec<&Term> = terms.iter().collect();
    top.sort_by(|a, b| b.stories.len().cmp(&a.stories.len()).then_with(|| a.slug.cmp(&b.slug)));
    let mut sorted: Vec<TermLink> = terms.iter().map(link).collect();
    sorted.extend(index.see.iter().filter_map(|r| {
        Some(TermLink {
            name: r.name.clone(),
            label: label(&r.name, r.home),
            url: links.term_slug(r.home, &r.slug)?,
            count: 0,
            see: Some(config.index_config(r.home).title.clone()),
        })
    }));
    sorted.sort_by(|a, b| {
        sort_key(&a.label)
            .cmp(&sort_key(&b.label))
            .then_with(|| a.url.cmp(&b.url))
    });
    let mut letters: Vec<LetterGroup> = Vec::new();
    for t in sorted {
        let letter = crate::slug::slugify(&t.label)
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map_or("#".to_string(), |c| c.to_ascii_uppercase().to_string());
        if letters.last().is_none_or(|g| g.letter != letter) {
            let id = if letter == "#" {
                "other".to_string()
            } else {
                letter.to_lowercase()
            };
            letters.push(LetterGroup {
                letter: letter.clone(),
                id,
                terms: Vec::new(),
            });
        }
        if let Some(g) = letters.last_mut() {
            g.terms.push(t);
        }
    }
    TermsView {
        kind: kind.as_str(),
        title: config.index_config(kind).title.clone(),
        total: terms.len(),
        top: if terms.len() > 10 {
            top.into_iter().take(TOP).map(link).collect()
        } else {
            Vec::new()
        },
        letters,
    }
}

fn sort_key(label: &str) -> String {
    crate::slug::slugify(label)
}

/// "Ivan Petrov" → "Petrov, Ivan", the way a morgue files people.
pub fn surname_first(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((given, surname)) if !given.is_empty() => format!("{surname}, {given}"),
        _ => name.to_string(),
    }
}

/// `term` in `term.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub kind: &'static str,
    pub index_title: String,
    pub index_url: String,
    pub name: String,
    pub url: String,
    pub description: Option<String>,
    pub count: usize,
    pub roles: Vec<RoleView>,
    pub quotes: Vec<TermQuote>,
    pub figures: Vec<TermFigure>,
    pub feed_url: Option<String>,
    /// The pages of the same name in other indexes, which link back here.
    pub also: Vec<AlsoView>,
}

/// A page of the same name in another index: its name as that index spells it, the index's
/// title and the page's address.
#[derive(Debug, Clone, Serialize)]
pub struct AlsoView {
    pub name: String,
    pub index_title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub role: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermQuote {
    pub text: String,
    /// The quote in its paragraph, when the article shows it there.
    pub url: Option<String>,
    pub article_url: String,
    pub headline: String,
    pub date: String,
    pub date_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermFigure {
    pub title: Option<String>,
    pub caption: String,
    pub credit: String,
    pub image: Option<String>,
    /// What the picture shows, for readers who cannot see it.
    pub alt: String,
    /// The picture's size in pixels, so the grid reserves each cell before it loads.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The picture's smaller copies, when the build made them; `image` is then the smallest
    /// that fills a cell.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub sizes: &'static str,
    /// When the picture was taken (caption or embedded record), in words and ISO form.
    pub taken: Option<String>,
    pub taken_iso: Option<String>,
    /// Where it was taken.
    pub place: Option<String>,
    pub url: String,
    pub headline: String,
    pub date: String,
}

/// Page `page` (1-based) of a term: the stories on it, and the quotes and pictures from them.
pub fn term_view(
    kind: IndexKind,
    term: &Term,
    page_stories: &[usize],
    archive: &Archive,
    config: &SiteConfig,
    links: &Links<'_>,
) -> Result<TermView, TextError> {
    let url = links.term_slug(kind, &term.slug).unwrap_or_default();
    let on_page = |s: usize| page_stories.contains(&s);
    // The quotes' words wait with the stories' text: each story's are read once per page.
    let mut words: HashMap<usize, Vec<String>> = HashMap::new();
    let mut quotes = Vec::new();
    for &(s, q) in term.quotes.iter().filter(|(s, _)| on_page(*s)) {
        let said = match words.entry(s) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(archive.quote_texts(s)?),
        };
        let text = said.get(q).cloned().unwrap_or_default();
        quotes.push({
            let story = &archive.stories[s];
            let placed = super::article::placed_quotes(story).contains(&q);
            TermQuote {
                text,
                url: placed.then(|| format!("{}#quote-{}", story.url, q + 1)),
                article_url: story.url.clone(),
                headline: story.meta.headline.value.clone(),
                date: long_date(story.published.date),
                date_iso: story.published.date.to_string(),
            }
        });
    }
    // The pictures wait with the stories' details: each story's are read once per page.
    let mut pictures: HashMap<usize, Vec<crate::model::Figure>> = HashMap::new();
    let mut figures = Vec::new();
    if matches!(kind, IndexKind::Photographers) {
        for &(s, f) in term.figures.iter().filter(|(s, _)| on_page(*s)) {
            let story = &archive.stories[s];
            let taken = match pictures.entry(s) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(archive.figures(s)?.into_owned()),
            };
            let Some(figure) = taken.get(f) else { continue };
            let copies = figure
                .src
                .as_deref()
                .and_then(|src| super::figure::responsive(story, src, Some(super::figure::THUMBNAIL_WIDTH)));
            let size = match &copies {
                Some(r) => Some((r.width, r.height)),
                None => figure.src.as_deref().and_then(|src| story.image_size(src)),
            };
            let image = match &copies {
                Some(r) => Some(r.src.clone()),
                None => figure.src.as_deref().map(|src| story.image_url(src)),
            };
            figures.push(TermFigure {
                title: figure.title.clone(),
                caption: figure.caption.clone(),
                credit: figure.credit.as_ref().map(|c| c.raw.clone()).unwrap_or_default(),
                image,
                alt: super::figure::alt_text(figure).to_string(),
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
                srcset: copies.as_ref().map(|r| r.srcset.clone()),
                webp_srcset: copies.and_then(|r| r.webp_srcset),
                sizes: super::figure::THUMBNAIL_SIZES,
                taken: figure.date.map(long_date),
                taken_iso: figure.date.map(|d| d.to_string()),
                place: figure.place.clone(),
                url: format!("{}#figure-{}", story.url, f + 1),
                headline: story.meta.headline.value.clone(),
                date: long_date(story.published.date),
            });
        }
    }
    Ok(TermView {
        kind: kind.as_str(),
        index_title: config.index_config(kind).title.clone(),
        index_url: links.index(kind).unwrap_or("/").to_string(),
        name: term.name.clone(),
        url: url.clone(),
        description: term.description.clone(),
        count: term.stories.len(),
        roles: term
            .roles
            .iter()
            .take(6)
            .map(|(role, count)| RoleView {
                role: role.clone(),
                count: *count,
            })
            .collect(),
        quotes,
        figures,
        feed_url: (config.feeds.enabled && config.feeds.per_term).then(|| format!("{url}feed.xml")),
        also: term
            .also
            .iter()
            .filter_map(|&k| {
                let terms = &archive.index(k)?.terms;
                let other = &terms[terms.binary_search_by(|t| t.slug.cmp(&term.slug)).ok()?];
                Some(AlsoView {
                    name: other.name.clone(),
                    index_title: config.index_config(k).title.clone(),
                    url: links.term_slug(k, &term.slug)?,
                })
            })
            .collect(),
    })
}

/// The cards of a term page.
pub fn term_cards<'a>(archive: &'a Archive, stories: &[usize]) -> Vec<CardView<'a>> {
    stories.iter().map(|&i| CardView::new(&archive.stories[i])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_filed_by_surname() {
        assert_eq!(surname_first("Ivan Petrov"), "Petrov, Ivan");
        assert_eq!(surname_first("Vu Thi Hanh"), "Hanh, Vu Thi");
        assert_eq!(surname_first("Aurelio"), "Aurelio");
    }
}
