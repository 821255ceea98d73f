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
//! 5. `dates` — the best date the text gives (the dateline's, the file name's, the lede's, a caption's).

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
mod pinyin;
mod places;
mod quotes;
mod registry;
mod text;
pub mod vocabulary;

use jiff::civil::Date;

use crate::model::{
    Anchor, BlockKind, BlockRole, Credit, Dateline, Document, Entity, EntityKind, Explanation, Extraction,
};

pub use registry::{AliasClash, Registry, RegistryEntry};

/// What extraction may know besides the article itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub registry: &'a Registry,
    /// A date to resolve relative dates against ("on Wednesday", a dateline without a year):
    /// the front matter date when there is one.
    pub reference: Option<Date>,
    /// The date the article's path or file name gives (`2019/03/18/…`, `2019-03-18-slug.txt`):
    /// when the desk filed it, which outranks anything but the dateline's own date.
    pub filed: Option<Date>,
}

/// Extracts the metadata of one article.
pub fn extract(article: &Document<'_>, cx: &Context<'_>) -> Extraction {
    read(article, cx, false)
}

/// [`extract`], with the rule that found each value in [`Extraction::explanations`]
/// (`dateline extract --explain`). A build never asks for them: naming the rules reads the
/// dateline again and copies every value.
pub fn extract_explained(article: &Document<'_>, cx: &Context<'_>) -> Extraction {
    read(article, cx, true)
}

fn read(article: &Document<'_>, cx: &Context<'_>, explained: bool) -> Extraction {
    let blocks = article.blocks;
    let mut layout = layout::analyse(article, cx.reference);
    let roles = std::mem::take(&mut layout.roles);
    let opening = find_dateline(blocks, &roles, layout.story_start, layout.opening.take());

    // Dates: a year-less dateline resolves against the reference, else the page's timestamp,
    // else a dated caption.
    let caption_date = layout.figures.iter().find_map(|f| f.date);
    let anchor_date = cx.reference.or(layout.timestamp).or(caption_date);
    let dateline = opening
        .as_ref()
        .map(|(i, p)| dateline_in(&blocks[*i].text, *i, p, anchor_date));
    // Where story text starts in each block (after the dateline).
    let from = |i: usize| {
        opening
            .as_ref()
            .filter(|(b, _)| *b == i)
            .map_or(0, |(_, p)| text::floor_boundary(&blocks[i].text, p.end))
    };

    let reading = Reading::new(blocks, &roles, &layout);
    let mut found = entities::extract(&reading.entity_spans(&layout, &from), cx.registry);
    if let (Some(d), Some((i, _))) = (&dateline, &opening) {
        add_dateline_places(&mut found, d, *i, &blocks[*i].text);
    }
    let headline = headline_of(article, &mut layout);
    add_headline_places(&mut found, headline.as_deref());
    add_headline_company(&mut found, headline.as_deref());

    let story = reading.story_blocks(&from);
    let quotes = quotes::explained(&story, &found, headline.as_deref());
    let (date, date_rule) = best_date(
        dateline.as_ref(),
        &layout,
        cx,
        caption_date,
        story.first().map(|b| &b.text[b.from..]),
    );
    let mut sources = std::mem::take(&mut layout.sources);
    if let Some(agency) = dateline.as_ref().and_then(|d| d.agency.as_deref()) {
        let name = gazetteer::agency(agency).unwrap_or(agency).to_string();
        if !sources.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
            sources.push(name);
        }
    }

    let mut ex = Extraction {
        headline,
        byline: std::mem::take(&mut layout.byline),
        sources,
        dateline,
        date,
        figures: std::mem::take(&mut layout.figures),
        quotes: Vec::new(),
        entities: Vec::new(),
        subheads: std::mem::take(&mut layout.subheads),
        roles,
        explanations: Vec::new(),
    };
    if explained {
        ex.explanations = explain(&ex, &layout, &found, &quotes, date_rule);
    }
    ex.quotes = quotes.into_iter().map(|(q, _)| q).collect();
    ex.entities = found.entities;
    ex
}

/// Each block tokenised and its quotation marks paired, once, for entities and quotes.
struct Reading<'a> {
    blocks: &'a [model::Block],
    roles: &'a [BlockRole],
    tokens: Vec<Vec<text::Word<'a>>>,
    marks: Vec<Vec<quotes::QuoteSpan>>,
    story_start: usize,
}

impl<'a> Reading<'a> {
    fn new(blocks: &'a [model::Block], roles: &'a [BlockRole], layout: &layout::Layout) -> Self {
        let mut r = Reading {
            blocks,
            roles,
            tokens: Vec::new(),
            marks: Vec::new(),
            story_start: layout.story_start,
        };
        let captions: Vec<usize> = layout.captions.iter().map(|(b, _)| *b).collect();
        let needed = |i: usize| r.readable(i) || r.story_block(i) || captions.contains(&i);
        let needed: Vec<bool> = (0..blocks.len()).map(needed).collect();
        r.tokens = (0..blocks.len())
            .map(|i| {
                if needed[i] {
                    text::words(&blocks[i].text)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let texts: Vec<&str> = (0..blocks.len())
            .map(|i| if needed[i] { blocks[i].text.as_str() } else { "" })
            .collect();
        let double = texts.iter().map(|t| quotes::spans(t)).collect();
        r.marks = quotes::story_marks(&texts, double);
        r
    }

    /// Story text, subheads in natural case, and bylines inside the story (which name an
    /// outlet; their writer is no subject).
    fn readable(&self, i: usize) -> bool {
        self.blocks[i].kind != BlockKind::Other
            && match self.roles[i] {
                BlockRole::Text => true,
                BlockRole::Subhead => !text::is_all_caps(&self.blocks[i].text),
                BlockRole::Byline => i >= self.story_start,
                _ => false,
            }
    }

    fn story_block(&self, i: usize) -> bool {
        self.roles[i] == BlockRole::Text && self.blocks[i].kind == BlockKind::Paragraph
    }

    /// Scare quotes and titles of works: not read for entities.
    fn short_quotes(&self, i: usize) -> Vec<std::ops::Range<usize>> {
        self.marks[i]
            .iter()
            .filter(|q| !q.quotation)
            .map(|q| q.start..q.end)
            .collect()
    }

    /// What entities read: readable blocks from after the dateline to before a closing byline
    /// ("… -- By Jane Roe"), and the captions' own words.
    fn entity_spans(&self, layout: &layout::Layout, from: &dyn Fn(usize) -> usize) -> Vec<entities::Span<'_>> {
        let mut spans: Vec<entities::Span<'_>> = Vec::new();
        for i in (0..self.blocks.len()).filter(|&i| self.readable(i)) {
            let t = self.blocks[i].text.as_str();
            let end = layout
                .text_ends
                .iter()
                .find(|(b, _)| *b == i)
                .map_or(t.len(), |(_, e)| *e);
            spans.push(self.span(i, from(i)..end.max(from(i)), self.roles[i] == BlockRole::Byline));
        }
        for (block, range) in &layout.captions {
            spans.push(self.span(*block, range.clone(), false));
        }
        spans.sort_by_key(|s| (s.block, s.range.start));
        spans
    }

    fn span(&self, i: usize, range: std::ops::Range<usize>, no_people: bool) -> entities::Span<'_> {
        entities::Span {
            block: i,
            text: &self.blocks[i].text,
            range,
            skip: self.short_quotes(i),
            no_people,
            words: &self.tokens[i],
        }
    }

    /// The story's paragraphs, for quotations.
    fn story_blocks(&self, from: &dyn Fn(usize) -> usize) -> Vec<quotes::BlockText<'_>> {
        (0..self.blocks.len())
            .filter(|&i| self.story_block(i))
            .map(|i| quotes::BlockText {
                block: i,
                text: &self.blocks[i].text,
                from: from(i),
                words: &self.tokens[i],
                spans: &self.marks[i],
            })
            .collect()
    }
}

/// The page's title without the site's name after it ("… - Springfield Courier").
fn headline_of(article: &Document<'_>, layout: &mut layout::Layout) -> Option<String> {
    let evidence = headline::Evidence {
        bylines: &layout.byline,
        sources: &layout.sources,
        body: article.body,
        web: article.format == model::SourceFormat::Markdown,
    };
    layout
        .headline
        .clone()
        .or_else(|| article.headline.map(str::to_string))
        .map(|h| headline::without_site(&h, &evidence).to_string())
}

/// Places a headline names count as mentioned even when the body only implies them.
fn add_headline_places(found: &mut entities::Found, headline: Option<&str>) {
    for place in headline.map(entities::headline_places).unwrap_or_default() {
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
            found.rules.push("place in the headline");
        }
    }
}

/// The company a wire headline names by its ticker counts as mentioned (earnings tables below
/// such a headline seldom name it again).
fn add_headline_company(found: &mut entities::Found, headline: Option<&str>) {
    let Some(company) = headline.and_then(entities::headline_company) else {
        return;
    };
    let named = found
        .entities
        .iter()
        .any(|e| e.kind == EntityKind::Organization && entities::may_be_same_organisation(&e.name, &company));
    if !named {
        found.entities.push(Entity {
            name: company,
            kind: EntityKind::Organization,
            roles: Vec::new(),
            mentions: Vec::new(),
        });
        found.genders.push(None);
        found.rules.push("company in a wire headline");
    }
}

/// The best date, and where it came from. The story's own word comes first: the dateline's
/// date, then the page's timestamp, then the date the desk filed it under (path or file name),
/// then a weekday or date the lede states. A caption's date comes last: it says when the picture
/// was taken, often days before the story ("Friday, March 15" under a story of "on Monday").
fn best_date(
    dateline: Option<&Dateline>,
    layout: &layout::Layout,
    cx: &Context<'_>,
    caption_date: Option<Date>,
    lede: Option<&str>,
) -> (Option<Date>, &'static str) {
    if let Some(d) = dateline.and_then(|d| d.date) {
        return (Some(d), "date in the dateline");
    }
    if let Some(d) = layout.timestamp {
        return (Some(d), "page timestamp");
    }
    if let Some(d) = cx.filed {
        return (Some(d), "date in the path or file name");
    }
    if let Some(d) = lede.and_then(|text| lede_date(text, cx.reference, caption_date)) {
        return (Some(d), "weekday or date in the lede");
    }
    if let Some(d) = caption_date {
        return (Some(d), "date in a caption");
    }
    (None, "no date")
}

/// The first weekday or date the lede states that something known pins down: a full date alone,
/// a weekday or month and day against the reference (the story's known date), else against the
/// picture's date — a story is filed on or after its pictures are taken, so "on Monday" under a
/// caption of Friday, March 15 is Monday, March 18.
fn lede_date(lede: &str, reference: Option<Date>, caption_date: Option<Date>) -> Option<Date> {
    dates::find_dates(lede).into_iter().find_map(|f| match reference {
        Some(_) => dates::resolve(f.expr, reference),
        None => dates::resolve_on_or_after(f.expr, caption_date),
    })
}

/// For each value of the extraction, the rule that found it.
fn explain(
    ex: &Extraction,
    layout: &layout::Layout,
    found: &entities::Found,
    quotes: &[(model::Quote, Option<quotes::Rule>)],
    date_rule: &'static str,
) -> Vec<Explanation> {
    let mut out = Vec::new();
    let mut add = |field: &'static str, value: String, rule: &'static str| {
        out.push(Explanation { field, value, rule });
    };
    if let Some(h) = &ex.headline {
        let rule = if layout.headline.is_some() {
            "heading that reads like a headline"
        } else {
            "the text's headline"
        };
        add("headline", h.clone(), rule);
    }
    for name in &ex.byline {
        add("byline", name.clone(), layout.byline_rule.unwrap_or("byline line"));
    }
    if let Some(d) = &ex.dateline {
        add(
            "dateline",
            d.raw.clone(),
            dateline::convention(&d.raw).unwrap_or("dateline"),
        );
    }
    if let Some(d) = ex.date {
        add("date", d.to_string(), date_rule);
    }
    for (f, rule) in ex
        .figures
        .iter()
        .zip(layout.figure_rules.iter().chain(std::iter::repeat(&"figure")))
    {
        let value = if f.caption.is_empty() {
            f.credit.as_ref().map(|c| c.raw.clone()).unwrap_or_default()
        } else {
            f.caption.clone()
        };
        add("figures", value, rule);
    }
    for (q, rule) in quotes {
        let speaker = q.speaker.as_deref().unwrap_or("(no speaker)");
        add(
            "quotes",
            format!("{speaker}: {}", q.text),
            rule.unwrap_or("no attribution"),
        );
    }
    for (e, rule) in found.entities.iter().zip(&found.rules) {
        let field = match e.kind {
            EntityKind::Person => "people",
            EntityKind::Place => "places",
            EntityKind::Organization => "organizations",
        };
        add(
            field,
            e.name.clone(),
            if rule.is_empty() { "registry or context" } else { rule },
        );
    }
    out
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

/// The dateline's city (and its country, state or province, when spelled out) are places the
/// story mentions: "HANOI, Vietnam (AP) —" names Hanoi and Vietnam, "Springfield [India], Nov
/// 19 (ANI):" Springfield and India, "Springfield, Kansas, USA:" all three, "SPRINGFIELD/GLENMOOR
/// -" both cities. An abbreviated state ("SPRINGFIELD, Mass.,") names no place of its own.
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
                found.rules.push("place in the dateline");
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
    // "LONDON/NEW YORK (Reuters) -" names two cities.
    for city in city.split('/') {
        let city_anchor = city_span(&text[..raw_end], city).map(|r| Anchor {
            block,
            start: r.start,
            end: r.end,
        });
        add(city, city_anchor);
    }
    let regions = bracket
        .into_iter()
        .chain(region.into_iter().flat_map(|r| r.split(", ")));
    for r in regions.filter(|r| gazetteer::is_country_or_state(r) || spelled_out_region(r)) {
        add(r, None);
    }
}

/// A region the dateline spells out in words is a place by the dateline's own form, known to
/// the gazetteer or not: a wire service writes a province or state after a city in full
/// ("PINEWOOD, Westmarch, March 3 -"), and abbreviates it with a period ("PINEWOOD, Wash.,")
/// or in capitals ("PINEWOOD, WA") when it does not.
fn spelled_out_region(region: &str) -> bool {
    gazetteer::state_abbreviation(region).is_none()
        && region.split(' ').all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().any(char::is_lowercase)
                && chars.all(|c| c.is_alphabetic() || c == '-')
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use model::{Block, SourceFormat};

    /// Wire copy made of paragraphs, as the loader splits it.
    fn wire(paragraphs: &[&str]) -> (String, Vec<Block>) {
        let mut body = String::new();
        let mut blocks = Vec::new();
        for p in paragraphs {
            let start = body.len();
            body.push_str(p);
            blocks.push(Block::paragraph(*p, 1, start..body.len()));
            body.push_str("\n\n");
        }
        (body, blocks)
    }

    /// What wire copy of these paragraphs yields, under a headline of its own.
    fn extract_wire(paragraphs: &[&str], reference: Option<Date>, filed: Option<Date>) -> Extraction {
        let (body, blocks) = wire(paragraphs);
        let doc = Document {
            format: SourceFormat::Wire,
            headline: Some("Portuguese port city bets on a new harbour"),
            body: &body,
            blocks: &blocks,
        };
        let registry = Registry::default();
        let cx = Context {
            registry: &registry,
            reference,
            filed,
        };
        extract_explained(&doc, &cx)
    }

    const LEDE: &str = "SETÚBAL, Portugal (AP) — Setúbal's municipal council on Monday approved a plan to \
                        replace the old docks with a deep-water harbour, betting that new traffic will keep \
                        the fishing quarter alive.";
    const UNDATED_LEDE: &str = "SETÚBAL, Portugal (AP) — The city wants to replace the old docks with a \
                                deep-water harbour, betting that new traffic will keep the fishing quarter alive.";
    const CAPTION: [&str; 2] = [
        "Setúbal harbour",
        "Fishermen unload sardines at the old quay in Setúbal, Portugal, Friday, March 15, 2019. The \
         council approved the plan on Monday. (AP Photo/Duarte Pinheiro)",
    ];

    #[test]
    fn the_story_date_outranks_the_photo_date() {
        let caption = format!("{}\n{}", CAPTION[0], CAPTION[1]);
        /// Paragraphs, the date in the path, the front matter date, the best date, its rule.
        type Row<'a> = (Vec<&'a str>, Option<Date>, Option<Date>, Option<Date>, &'a str);
        let rows: Vec<Row<'_>> = vec![
            // The file is named 2019-03-18-…: the caption's Friday must not win.
            (
                vec![LEDE, &caption],
                Some(date(2019, 3, 18)),
                None,
                Some(date(2019, 3, 18)),
                "date in the path or file name",
            ),
            // No path date: the lede's Monday, read forward from the picture's Friday.
            (
                vec![LEDE, &caption],
                None,
                None,
                Some(date(2019, 3, 18)),
                "weekday or date in the lede",
            ),
            // A lede weekday against a known reference looks back from it.
            (
                vec![LEDE],
                None,
                Some(date(2019, 3, 20)),
                Some(date(2019, 3, 18)),
                "weekday or date in the lede",
            ),
            // Nothing but the caption: its date is the best there is.
            (
                vec![UNDATED_LEDE, &caption],
                None,
                None,
                Some(date(2019, 3, 15)),
                "date in a caption",
            ),
            // The dateline's own date outranks the file name.
            (
                vec![
                    "WASHINGTON, Oct 13 (Reuters) - Energy ministers met on Wednesday to discuss gas supplies \
                     before the winter, officials said.",
                ],
                Some(date(2021, 10, 14)),
                None,
                Some(date(2021, 10, 13)),
                "date in the dateline",
            ),
        ];
        for (paragraphs, filed, reference, want, rule) in rows {
            let ex = extract_wire(&paragraphs, reference.or(filed), filed);
            assert_eq!(ex.date, want, "{paragraphs:?}");
            let explained = ex.explanations.iter().find(|e| e.field == "date").map(|e| e.rule);
            assert_eq!(explained, Some(rule), "{paragraphs:?}");
        }
    }

    /// Every place a dateline spells out is a place the story mentions: its city or cities
    /// and the state or country after them.
    #[test]
    fn places_in_the_dateline() {
        let rows: &[(&str, &[&str])] = &[
            (
                "SETÚBAL, Portugal (AP) — The council met on Monday.",
                &["Setúbal", "Portugal"],
            ),
            ("LISBON/PORTO (Reuters) - Shares rose on Monday.", &["Lisbon", "Porto"]),
            (
                "SPRINGFIELD, Westmarch, March 3 - Acme Corp said it won approval.",
                &["Springfield", "Westmarch"],
            ),
            (
                "SPRINGFIELD, Mass., March 3 - Acme Corp said it won approval.",
                &["Springfield"],
            ),
        ];
        for (lede, want) in rows {
            let ex = extract_wire(&[lede], None, None);
            let places: Vec<&str> = ex
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Place)
                .map(|e| e.name.as_str())
                .collect();
            assert_eq!(&places, want, "{lede}");
        }
    }
}
