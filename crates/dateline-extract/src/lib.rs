//! dateline-extract: the newsroom metadata hidden in an article's text.
//!
//! Pure functions from a [`Document`] (an article's headline and body blocks) to an
//! [`Extraction`]: no file system, no clock, no globals besides compiled tables, so articles are
//! extracted in parallel and results can be cached per article.
//!
//! The steps, each in its own module:
//! 1. `layout` — what every block is (story text, byline, figure, subhead, sign-off, furniture),
//!    using `furniture`, `byline`, `credit` and `figures`, and `headline` for the page title;
//! 2. `dateline` — the opening `MOSCOW (AP) —` of the first story paragraph;
//! 3. `entities` — people, places and organisations with every mention anchored;
//! 4. `quotes` — direct quotations and their speakers, resolved through the entities;
//! 5. `dates` — the best date the text gives.

mod byline;
mod credit;
mod dateline;
mod dates;
mod entities;
mod fasthash;
mod figures;
mod furniture;
mod gazetteer;
mod headline;
mod layout;
mod lexicon;
mod lists;
pub mod model;
mod names;
mod places;
mod quotes;
mod registry;
mod text;

use jiff::civil::Date;

use crate::model::{Anchor, BlockKind, BlockRole, Credit, Dateline, Document, Entity, EntityKind, Extraction};

pub use registry::{AliasClash, Registry, RegistryEntry};

/// What extraction may know besides the article itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub registry: &'a Registry,
    /// A date to resolve relative dates against ("on Wednesday", a dateline without a year):
    /// the front matter date when there is one.
    pub reference: Option<Date>,
}

/// Extracts the metadata of one article.
pub fn extract(article: &Document<'_>, cx: &Context<'_>) -> Extraction {
    let blocks = article.blocks;
    let mut layout = layout::analyse(article, cx.reference);
    let roles = std::mem::take(&mut layout.roles);
    let found_dateline = find_dateline(blocks, &roles, layout.story_start, layout.opening.take());

    // Dates: a year-less dateline resolves against the reference, else the page's timestamp,
    // else a dated caption.
    let caption_date = layout.figures.iter().find_map(|f| f.date);
    let anchor_date = cx.reference.or(layout.timestamp).or(caption_date);
    let dateline = found_dateline
        .as_ref()
        .map(|(i, p)| dateline_in(&blocks[*i].text, *i, p, anchor_date));

    // Where story text starts in each block (after the dateline).
    let from = |i: usize| {
        found_dateline
            .as_ref()
            .filter(|(b, _)| *b == i)
            .map_or(0, |(_, p)| text::floor_boundary(&blocks[i].text, p.end))
    };

    // Entities: story text, subheads and captions, minus scare quotes and titles of works. A
    // boxed byline inside the story names its outlet but its writer is not a subject.
    let top_byline = |i: usize| i < layout.story_start;
    let readable = |i: usize| {
        blocks[i].kind != BlockKind::Other
            && match roles[i] {
                BlockRole::Text => true,
                BlockRole::Subhead => !text::is_all_caps(&blocks[i].text),
                BlockRole::Byline => !top_byline(i),
                _ => false,
            }
    };
    // Each block is tokenised and its quotation marks paired once, for entities and quotes.
    let story_block = |i: usize| roles[i] == BlockRole::Text && blocks[i].kind == BlockKind::Paragraph;
    let caption_blocks: Vec<usize> = layout.captions.iter().map(|(b, _)| *b).collect();
    let needed = |i: usize| readable(i) || story_block(i) || caption_blocks.contains(&i);
    let tokens: Vec<Vec<text::Word<'_>>> = (0..blocks.len())
        .map(|i| {
            if needed(i) {
                text::words(&blocks[i].text)
            } else {
                Vec::new()
            }
        })
        .collect();
    let marks: Vec<Vec<quotes::QuoteSpan>> = (0..blocks.len())
        .map(|i| {
            if needed(i) {
                quotes::spans(&blocks[i].text)
            } else {
                Vec::new()
            }
        })
        .collect();
    let short_quotes = |i: usize| -> Vec<std::ops::Range<usize>> {
        marks[i]
            .iter()
            .filter(|q| !q.quotation)
            .map(|q| q.start..q.end)
            .collect()
    };
    let mut spans: Vec<entities::Span<'_>> = Vec::new();
    for i in (0..blocks.len()).filter(|&i| readable(i)) {
        let t = blocks[i].text.as_str();
        // Story text ends before a closing byline ("… -- By Jane Roe").
        let end = layout
            .text_ends
            .iter()
            .find(|(b, _)| *b == i)
            .map_or(t.len(), |(_, e)| *e);
        spans.push(entities::Span {
            block: i,
            text: t,
            range: from(i)..end.max(from(i)),
            skip: short_quotes(i),
            no_people: roles[i] == BlockRole::Byline,
            words: &tokens[i],
        });
    }
    for (block, range) in &layout.captions {
        let t = blocks[*block].text.as_str();
        spans.push(entities::Span {
            block: *block,
            text: t,
            range: range.clone(),
            skip: short_quotes(*block),
            no_people: false,
            words: &tokens[*block],
        });
    }
    spans.sort_by_key(|s| (s.block, s.range.start));
    let mut found = entities::extract(&spans, cx.registry);
    if let (Some(d), Some((i, _))) = (&dateline, &found_dateline) {
        add_dateline_places(&mut found, d, *i, &blocks[*i].text);
    }
    // The page's title without the site's name after it ("… - Springfield Courier").
    let evidence = headline::Evidence {
        bylines: &layout.byline,
        sources: &layout.sources,
        body: article.body,
        web: article.format == model::SourceFormat::Markdown,
    };
    let headline = layout
        .headline
        .take()
        .or_else(|| article.headline.map(str::to_string))
        .map(|h| headline::without_site(&h, &evidence).to_string());
    // Places a headline names count as mentioned even when the body only implies them.
    for place in headline.as_deref().map(entities::headline_places).unwrap_or_default() {
        if !found
            .entities
            .iter()
            .any(|e| e.kind == EntityKind::Place && e.name.eq_ignore_ascii_case(&place))
        {
            found.entities.push(Entity {
                name: place,
                kind: EntityKind::Place,
                roles: Vec::new(),
                mentions: Vec::new(),
            });
            found.genders.push(None);
        }
    }

    // Quotations in story text.
    let story: Vec<quotes::BlockText<'_>> = (0..blocks.len())
        .filter(|&i| story_block(i))
        .map(|i| quotes::BlockText {
            block: i,
            text: &blocks[i].text,
            from: from(i),
            words: &tokens[i],
            spans: &marks[i],
        })
        .collect();
    let quotes = quotes::extract(&story, &found, headline.as_deref());

    // The best date: dateline, page timestamp, captions, then a weekday in the first paragraph
    // (only searched for when nothing before it gave a date).
    let body_date = || {
        story.first().and_then(|b| {
            dates::find_dates(&b.text[b.from..])
                .into_iter()
                .find_map(|f| dates::resolve(f.expr, cx.reference))
        })
    };
    let date = dateline
        .as_ref()
        .and_then(|d| d.date)
        .or(layout.timestamp)
        .or(caption_date)
        .or_else(body_date);

    let mut sources = std::mem::take(&mut layout.sources);
    if let Some(agency) = dateline.as_ref().and_then(|d| d.agency.as_deref()) {
        let name = gazetteer::agency(agency).unwrap_or(agency).to_string();
        if !sources.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
            sources.push(name);
        }
    }

    Extraction {
        headline,
        byline: layout.byline,
        sources,
        dateline,
        date,
        figures: layout.figures,
        quotes,
        entities: found.entities,
        subheads: layout.subheads,
        roles,
    }
}

/// The dateline opens the first story paragraph; a strong one (in capitals, credited, dated or
/// with its state) may follow a stray line or two the layout left as text (a timestamp, a
/// kicker). The layout already parsed the first prose block (`opening`).
fn find_dateline(
    blocks: &[model::Block],
    roles: &[BlockRole],
    story_start: usize,
    mut opening: Option<(usize, Option<dateline::Parsed>)>,
) -> Option<(usize, dateline::Parsed)> {
    (story_start..blocks.len())
        .filter(|&i| roles[i] == BlockRole::Text && blocks[i].kind == BlockKind::Paragraph)
        .take(3)
        .enumerate()
        .find_map(|(rank, i)| {
            let parsed = match opening.take_if(|(b, _)| *b == i) {
                Some((_, parsed)) => parsed,
                None => dateline::parse_at_start(&blocks[i].text),
            };
            parsed.filter(|p| rank == 0 || p.strong).map(|p| (i, p))
        })
}

/// The dateline as the article shows it, its date resolved against `anchor_date`.
fn dateline_in(text: &str, block: usize, p: &dateline::Parsed, anchor_date: Option<Date>) -> Dateline {
    let end = text::floor_boundary(text, p.end);
    Dateline {
        raw: text[..end].trim().to_string(),
        place: p.place.clone(),
        agency: p.agency.clone(),
        date: p.date.and_then(|d| dates::resolve(d, anchor_date)),
        anchor: Some(Anchor { block, start: 0, end }),
    }
}

/// The dateline's city (and its country or state, when spelled out) are places the story
/// mentions: "HANOI, Vietnam (AP) —" names Hanoi and Vietnam, "Springfield [India], Nov 19
/// (ANI):" Springfield and India, "Springfield, Kansas, USA:" all three.
fn add_dateline_places(found: &mut entities::Found, d: &Dateline, block: usize, text: &str) {
    let Some(place) = &d.place else { return };
    let (head, region) = match place.split_once(", ") {
        Some((c, r)) => (c, Some(r)),
        None => (place.as_str(), None),
    };
    let (city, bracket) = match head.split_once(" [") {
        Some((c, b)) => (c, Some(b.trim_end_matches(']'))),
        None => (head, None),
    };
    let mut add = |name: &str, anchor: Option<Anchor>| {
        let name = gazetteer::place(name).unwrap_or(name);
        let id = match found
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Place && e.name.eq_ignore_ascii_case(name))
        {
            Some(id) => id,
            None => {
                found.entities.push(Entity {
                    name: name.to_string(),
                    kind: EntityKind::Place,
                    roles: Vec::new(),
                    mentions: Vec::new(),
                });
                found.genders.push(None);
                found.entities.len() - 1
            }
        };
        if let Some(a) = anchor {
            found.entities[id].mentions.insert(0, a);
            found.mentions.push(entities::Mention {
                block: a.block,
                start: a.start,
                end: a.end,
                entity: id,
            });
            found.mentions.sort();
        }
    };
    let raw_end = d.anchor.map_or(text.len(), |a| a.end).min(text.len());
    let city_anchor = city_span(&text[..raw_end], city).map(|r| Anchor {
        block,
        start: r.start,
        end: r.end,
    });
    add(city, city_anchor);
    let regions = bracket
        .into_iter()
        .chain(region.into_iter().flat_map(|r| r.split(", ")));
    for r in regions.filter(|r| gazetteer::is_country_or_state(r)) {
        add(r, None);
    }
}

/// Where a dateline names its city: the name in any case ("NEW DELHI" for New Delhi), else
/// the words before its first comma, bracket, parenthesis or colon.
fn city_span(raw: &str, city: &str) -> Option<std::ops::Range<usize>> {
    let found = raw
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| raw.get(i..i + city.len()).is_some_and(|s| s.eq_ignore_ascii_case(city)));
    if let Some(start) = found {
        return Some(start..start + city.len());
    }
    let end = raw.find([',', '(', '[', ':']).map(|i| raw[..i].trim_end().len())?;
    (end > 0).then_some(0..end)
}

/// Structures a dateline written by hand (front matter `dateline = "MOSCOW (AP) —"`).
pub fn parse_dateline(raw: &str, reference: Option<Date>) -> Dateline {
    let p = dateline::parse_raw(raw);
    Dateline {
        raw: raw.trim().to_string(),
        place: p.place,
        agency: p.agency,
        date: p.date.and_then(|d| dates::resolve(d, reference)),
        anchor: None,
    }
}

/// Structures a photo credit written by hand (front matter `credit = "AP Photo/Jane Roe"`).
pub fn parse_credit(raw: &str) -> Credit {
    credit::parse(raw)
}
