//! One article page: the body with figures in place and decorations laid over the text, and
//! the `ArticleView` the template shows around it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Anchor, Archive, EntityKind, IndexKind, Origin, SourceFormat, Story};

use super::body::{BodyInput, escape, render_body};
use crate::dates::{MONTHS, full_date, long_date};

use super::calendar::{day_url, month_url, year_url};
use super::decorate::Decoration;
use super::figure::{Picture, figure_html};
use super::highlight::Highlighter;
use super::links::Links;
use super::notes::{inline_markdown, kind_label, note_decoration};
use super::views::{CardView, LinkView, iso_datetime, join_names, published_moment};

/// `article` in `article.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    pub headline: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub byline: Vec<NameView>,
    pub byline_text: String,
    pub sources: Vec<NameView>,
    pub dateline: Option<DatelineView>,
    pub summary: String,
    /// Figures declared in front matter, shown above the body.
    pub lead_html: String,
    pub body_html: String,
    pub tags: Vec<NameView>,
    pub people: Vec<EntityView>,
    pub places: Vec<EntityView>,
    pub organizations: Vec<EntityView>,
    pub quotes: Vec<QuoteView>,
    pub corrections: Vec<CorrectionView>,
    /// Archivists' notes, in reading order.
    pub notes: Vec<NoteView>,
    /// The article's W3C Web Annotation export, when it has notes.
    pub annotations_url: Option<String>,
    pub newer: Option<LinkView>,
    pub older: Option<LinkView>,
    pub related: Vec<CardView<'a>>,
    pub day: LinkView,
    pub month: LinkView,
    pub year: LinkView,
    pub format: &'static str,
    pub source_file: String,
    pub declared: Vec<&'static str>,
    pub extra: serde_json::Value,
}

/// A name that may link to its index page.
#[derive(Debug, Clone, Serialize)]
pub struct NameView {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DatelineView {
    pub raw: String,
    pub place: Option<String>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    pub name: String,
    pub url: Option<String>,
    pub role: Option<String>,
    pub declared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_url: Option<String>,
    /// The id of the quote in the body, when it could be placed.
    pub id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// The correction's Markdown as phrasing HTML, like a note's.
    pub text_html: String,
    /// For a correction note: the corrected words in the text.
    pub anchor: Option<String>,
}

/// An archivist's note as the article page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub number: usize,
    pub id: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub quote: String,
    pub note_html: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub link: Option<LinkView>,
}

/// Renders the body of story `i` (`story`, with its text) and builds its view. Returns the view and whether it has code.
pub fn article_view<'a>(
    archive: &'a Archive,
    i: usize,
    story: &Story,
    config: &SiteConfig,
    links: &Links,
    highlighter: &Highlighter,
    by_path: &HashMap<String, usize>,
) -> (ArticleView<'a>, bool) {
    let meta = &story.meta;
    // Figures are numbered by their place in the merged metadata, the numbers index pages link to.
    let mut lead_html = String::new();
    let mut body_figures: Vec<String> = vec![String::new(); story.extraction.figures.len()];
    let mut lead_picture = false;
    for (k, f) in meta.figures.value.iter().enumerate() {
        let src = f.src.as_deref().map(|s| {
            (
                story.image_url(s),
                story.image_size(s),
                super::figure::responsive(story, s, None),
            )
        });
        let in_body = story
            .extraction
            .figures
            .iter()
            .position(|e| !f.blocks.is_empty() && e.blocks == f.blocks);
        // The first picture above the text is the lead; those in the body are further down.
        let lead = src.is_some() && in_body.is_none() && !lead_picture;
        lead_picture |= lead;
        let picture = src.as_ref().map(|(url, size, responsive)| Picture {
            src: url,
            size: *size,
            lead,
            responsive: responsive.as_ref(),
        });
        let html = figure_html(f, k + 1, picture, links);
        match in_body {
            Some(n) => body_figures[n] = html,
            None => lead_html.push_str(&html),
        }
    }
    let link_target = |link: &str| -> Option<(String, String)> {
        if crate::annotate::is_url(link) {
            return Some((link.to_string(), link.to_string()));
        }
        let other = &archive.stories[*by_path.get(link.trim_start_matches("content/"))?];
        Some((other.url.clone(), other.meta.headline.value.clone()))
    };
    let (mut decorations, quote_ids) = decorations(story, links, config);
    let mut notes = Vec::new();
    // Numbered in reading order, so the buttons count up down the page; ids stay the notes' own.
    for (k, a) in crate::annotate::reading_order(&story.article.annotations)
        .into_iter()
        .enumerate()
    {
        let target = a.link.as_deref().and_then(link_target);
        if let Some(d) = note_decoration(a, k + 1, target.clone()) {
            decorations.push(d);
        }
        notes.push(NoteView {
            number: k + 1,
            id: format!("annotation-{}", a.id),
            kind: a.kind.as_str(),
            label: kind_label(a.kind),
            quote: a.quote.clone(),
            note_html: inline_markdown(&a.note),
            author: a.author.clone(),
            date: a.date.map(long_date),
            date_iso: a.date.map(|d| d.to_string()),
            link: target.map(|(url, title)| LinkView { title, url }),
        });
    }
    let body = render_body(&BodyInput {
        article: &story.article,
        roles: &story.extraction.roles,
        figures: &body_figures,
        decorations: &decorations,
        config,
        highlighter,
    });
    let date = full_date(story.published.date);
    let entity_views = |kind: EntityKind| -> Vec<EntityView> {
        meta.entities_of(kind)
            .map(|m| EntityView {
                name: m.entity.name.clone(),
                url: links.term(IndexKind::of_entity(kind), &m.entity.name),
                role: m.entity.roles.first().cloned(),
                declared: m.origin == Origin::Declared,
            })
            .collect()
    };
    let person_url = |name: &str| {
        meta.entities_of(EntityKind::Person)
            .find(|m| m.entity.name == name)
            .and_then(|m| links.term(IndexKind::People, &m.entity.name))
    };
    let quotes = meta
        .quotes
        .iter()
        .enumerate()
        .map(|(k, q)| QuoteView {
            text: q.text.clone(),
            speaker_url: q.speaker.as_deref().and_then(person_url),
            speaker: q.speaker.clone(),
            id: quote_ids.contains(&k).then(|| format!("quote-{}", k + 1)),
        })
        .collect();
    let names = |kind: IndexKind, list: &[String]| {
        list.iter()
            .map(|n| NameView {
                name: n.clone(),
                url: links.term(kind, n),
            })
            .collect()
    };
    let date_link = |title: String, url: String| LinkView { title, url };
    let d = story.published.date;
    let neighbour = |j: usize| {
        archive.stories.get(j).map(|s| LinkView {
            title: s.meta.headline.value.clone(),
            url: s.url.clone(),
        })
    };
    let mut declared = Vec::new();
    for (name, origin) in [
        ("headline", meta.headline.origin),
        ("byline", meta.byline.origin),
        ("dateline", meta.dateline.origin),
        ("date", meta.date.origin),
        ("figures", meta.figures.origin),
        ("summary", meta.summary.origin),
    ] {
        if origin == Origin::Declared {
            declared.push(name);
        }
    }
    let view = ArticleView {
        headline: meta.headline.value.clone(),
        url: story.url.clone(),
        date,
        date_iso: iso_datetime(story, config),
        updated: story.updated.map(|u| long_date(u.date)),
        updated_iso: story.updated.map(|u| published_moment(u, config)),
        byline: names(IndexKind::Authors, &meta.byline.value),
        byline_text: join_names(&meta.byline.value),
        sources: names(IndexKind::Agencies, &meta.sources.value),
        dateline: meta.dateline.value.as_ref().map(|d| DatelineView {
            raw: d.raw.clone(),
            place: d.place.clone(),
            agency: d.agency.clone(),
        }),
        summary: meta.summary.value.clone().unwrap_or_default(),
        lead_html,
        body_html: body.html,
        tags: names(IndexKind::Tags, &story.article.front.tags),
        people: entity_views(EntityKind::Person),
        places: entity_views(EntityKind::Place),
        organizations: entity_views(EntityKind::Organization),
        quotes,
        corrections: story
            .article
            .front
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: c.date.map(long_date),
                date_iso: c.date.map(|d| d.to_string()),
                text_html: inline_markdown(&c.text),
                anchor: None,
            })
            .chain(
                story
                    .article
                    .annotations
                    .iter()
                    .filter(|a| a.kind == crate::model::AnnotationKind::Correction)
                    .map(|a| CorrectionView {
                        date: a.date.map(long_date),
                        date_iso: a.date.map(|d| d.to_string()),
                        text_html: inline_markdown(&a.note),
                        anchor: a.anchor.map(|_| format!("annotation-{}", a.id)),
                    }),
            )
            .collect(),
        annotations_url: (!notes.is_empty()).then(|| format!("{}annotations.jsonld", story.url)),
        notes,
        newer: i.checked_sub(1).and_then(neighbour),
        older: neighbour(i + 1),
        related: archive
            .related
            .get(i)
            .map(|r| r.iter().map(|&j| CardView::new(&archive.stories[j])).collect())
            .unwrap_or_default(),
        day: date_link(long_date(d), day_url(d)),
        month: date_link(
            format!("{} {}", MONTHS[(d.month() - 1) as usize], d.year()),
            month_url(d.year(), d.month()),
        ),
        year: date_link(d.year().to_string(), year_url(d.year())),
        format: match story.article.format {
            SourceFormat::Markdown => "markdown",
            SourceFormat::Wire => "wire",
        },
        source_file: story.article.rel.to_string_lossy().replace('\\', "/"),
        declared,
        extra: serde_json::Value::Object(story.article.front.extra.clone()),
    };
    (view, body.has_code)
}

/// The decorations of a story's body, and which quotes got an anchor in it.
fn decorations(story: &Story, links: &Links, config: &SiteConfig) -> (Vec<Decoration>, HashSet<usize>) {
    let mut out = Vec::new();
    let plain = |anchor: Anchor, open: String, close: &str| Decoration {
        anchor,
        reopen: open.clone(),
        open,
        close: close.to_string(),
        trailer: String::new(),
        is_link: false,
    };
    if let Some(anchor) = story.meta.dateline.value.as_ref().and_then(|d| d.anchor) {
        out.push(plain(anchor, "<span class=\"dateline-text\">".into(), "</span>"));
    }
    let placed = placed_quotes(story);
    for (k, q) in story.meta.quotes.iter().enumerate() {
        let Some(anchor) = q.anchor.filter(|_| placed.contains(&k)) else {
            continue;
        };
        let speaker = q
            .speaker
            .as_deref()
            .map(|s| format!(" data-speaker=\"{}\"", escape(s)))
            .unwrap_or_default();
        out.push(Decoration {
            anchor,
            open: format!("<q class=\"quote\" id=\"quote-{}\"{speaker}>", k + 1),
            reopen: format!("<q class=\"quote\"{speaker}>"),
            close: "</q>".into(),
            trailer: String::new(),
            is_link: false,
        });
    }
    if config.extract.link_mentions {
        let mut taken: Vec<Anchor> = Vec::new();
        let mut mentions: Vec<(Anchor, &str, IndexKind)> = story
            .meta
            .entities
            .iter()
            .filter_map(|m| {
                m.entity
                    .mentions
                    .iter()
                    .min()
                    .map(|a| (*a, m.entity.name.as_str(), IndexKind::of_entity(m.entity.kind)))
            })
            .collect();
        mentions.sort_by_key(|(a, _, _)| (a.block, a.start, std::cmp::Reverse(a.end)));
        for (anchor, name, kind) in mentions {
            let overlaps = taken
                .iter()
                .any(|t| t.block == anchor.block && t.start < anchor.end && anchor.start < t.end);
            let Some(url) = links.term(kind, name) else {
                continue;
            };
            if overlaps {
                continue;
            }
            taken.push(anchor);
            let open = format!("<a class=\"entity {}\" href=\"{}\">", kind.as_str(), escape(&url));
            out.push(Decoration {
                anchor,
                reopen: open.clone(),
                open,
                close: "</a>".into(),
                trailer: String::new(),
                is_link: true,
            });
        }
    }
    (out, placed)
}

/// The quotes that appear in rendered story text (not in a figure caption or lifted byline), so
/// their `#quote-N` anchors exist on the article page: as recorded when the story's text was
/// put away, else from its blocks.
pub fn placed_quotes(story: &Story) -> HashSet<usize> {
    if let Some(placed) = &story.placed_quotes {
        return placed.iter().copied().collect();
    }
    story
        .meta
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            q.anchor.is_some_and(|a| {
                matches!(
                    story
                        .extraction
                        .roles
                        .get(a.block)
                        .copied()
                        .unwrap_or(crate::model::BlockRole::Text),
                    crate::model::BlockRole::Text | crate::model::BlockRole::Subhead | crate::model::BlockRole::Signoff
                ) && story.article.blocks.get(a.block).is_some_and(|b| {
                    a.end <= b.text.len() && b.text.is_char_boundary(a.start) && b.text.is_char_boundary(a.end)
                })
            })
        })
        .map(|(k, _)| k)
        .collect()
}
