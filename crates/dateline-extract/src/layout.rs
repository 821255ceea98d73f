//! Layout: what each body block is — story text, byline, figure, subhead, sign-off or page
//! furniture — decided in a few passes over the blocks, each looking only at a block and its
//! neighbours.
//!
//! Order matters: furniture first (so a lone "Photo" label is never a credit), then sign-offs,
//! then figures (a caption with its credit, a credit line and the caption next to it), then
//! bylines among what is left above the story, then subheads below it.

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::Date;

use crate::model::{BlockKind, BlockRole, Document, Figure, SourceFormat};

use super::byline;
use super::credit;
use super::dateline;
use super::figures;
use super::furniture::{self, Furniture};
use super::lists::{APPOSITIVE_OPENERS, CAPTION_CUE_WORDS, CREDIT_POSITION_WORDS};
use super::text::{ends_like_sentence, is_all_caps, is_double_quote, is_one_line, sentences, word_count_up_to};

/// The result of reading the blocks' layout.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub roles: Vec<BlockRole>,
    /// A better headline than the text's first heading, when the page had one.
    pub headline: Option<String>,
    pub byline: Vec<String>,
    pub sources: Vec<String>,
    pub figures: Vec<Figure>,
    /// Caption text of each figure, as (block, range), for reading entities.
    pub captions: Vec<(usize, Range<usize>)>,
    pub subheads: Vec<String>,
    /// The date the page's own timestamp gives.
    pub timestamp: Option<Date>,
    /// The first block of story text.
    pub story_start: usize,
    /// The first block read as prose and the dateline it opens with, if any: the driver looks
    /// for the dateline there first and need not parse the block again.
    pub opening: Option<(usize, Option<dateline::Parsed>)>,
    /// Where story text ends inside a block that closes with a byline ("… the end. -- By Jane
    /// Roe"): (block, byte offset). The writer named after it is no subject.
    pub text_ends: Vec<(usize, usize)>,
    /// The rule that found each figure, and the convention the byline was read by
    /// (`--explain`).
    pub figure_rules: Vec<&'static str>,
    pub byline_rule: Option<&'static str>,
    /// The paragraphs of the box on the writer after an "About the author" heading: page
    /// furniture, but the note in it names the writer when nothing else does.
    author_box: Vec<usize>,
}

impl Layout {
    /// Block `i` stands after an "About the author" heading: page furniture, though its first
    /// paragraphs are kept to be read for a note on the writer.
    fn furnish_author_box(&mut self, i: usize, kind: BlockKind) {
        self.roles[i] = BlockRole::Furniture;
        if kind == BlockKind::Paragraph && self.author_box.len() < AUTHOR_BOX_PARAGRAPHS {
            self.author_box.push(i);
        }
    }
}

/// A Markdown paragraph that is only an image: `![alt](url)`. Returns the URL.
fn image_url(article: &Document<'_>, block: usize) -> Option<String> {
    if article.format != SourceFormat::Markdown {
        return None;
    }
    let b = &article.blocks[block];
    let src = article.body.get(b.source.clone())?.trim();
    if src.contains('\n') {
        return None;
    }
    image_line_url(src)
}

/// The URL of a Markdown image written alone on `src`: "![alt](url)", "![alt](url "title")",
/// and an image linked to its full size, as blogging platforms print a picture
/// ("[![alt](small.jpg)](large.jpg)"), whose image is the picture.
fn image_line_url(src: &str) -> Option<String> {
    if let Some(linked) = src.strip_prefix("[![") {
        let end = linked.find(")](")?;
        let rest = &linked[end + 3..];
        return (rest.ends_with(')') && !rest.contains("]("))
            .then(|| image_line_url(&src[1..end + 4]))
            .flatten();
    }
    if !src.starts_with("![") || !src.ends_with(')') {
        return None;
    }
    let open = src.rfind("](")?;
    let url = src[open + 2..src.len() - 1]
        .split_whitespace()
        .next()?
        .trim_matches(['<', '>']);
    (!url.is_empty()).then(|| url.to_string())
}

/// Reads the layout of an article's blocks.
pub fn analyse(article: &Document<'_>, reference: Option<Date>) -> Layout {
    let blocks = article.blocks;
    let n = blocks.len();
    let mut l = Layout {
        roles: vec![BlockRole::Text; n],
        ..Layout::default()
    };
    let images: Vec<Option<String>> = (0..n).map(|i| image_url(article, i)).collect();
    let paragraph = |i: usize| blocks[i].kind == BlockKind::Paragraph && images[i].is_none();

    mark_furniture(article, &images, &mut l);
    let signed = mark_signoffs(article, &images, &mut l);

    let story0 = provisional_story_start(article, &images, &mut l);
    find_figures(article, &images, story0, reference, &mut l);

    top_bylines(article, &images, story0, &mut l);
    l.story_start = (0..n)
        .find(|&i| l.roles[i] == BlockRole::Text && paragraph(i) && !blocks[i].text.trim().is_empty())
        .unwrap_or(n);

    // A heading above the story that reads like a headline is the page's real headline (the
    // first heading was a section title or kicker).
    if article.format == SourceFormat::Markdown
        && let Some(h) = (0..l.story_start)
            .find(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)) && l.roles[i] == BlockRole::Subhead)
        && headline_like(&blocks[h].text)
    {
        l.headline = Some(blocks[h].text.trim().to_string());
        l.roles[h] = BlockRole::Furniture;
    }

    foot_bylines(article, &images, signed, &mut l);
    boxed_bylines_and_subheads(article, &images, &mut l);
    for (i, block) in blocks.iter().enumerate() {
        if l.roles[i] == BlockRole::Subhead {
            let t = block.text.trim();
            if !t.is_empty() {
                l.subheads.push(t.to_string());
            }
        }
    }
    l
}

/// Below the story start: boxed bylines ("Jane Roe, BBC correspondent") and subheads.
fn boxed_bylines_and_subheads(article: &Document<'_>, images: &[Option<String>], l: &mut Layout) {
    let blocks = article.blocks;
    for (i, block) in blocks.iter().enumerate().skip(l.story_start) {
        if l.roles[i] != BlockRole::Text || block.kind != BlockKind::Paragraph || images[i].is_some() {
            continue;
        }
        let t = block.text.trim();
        if t.len() < 160
            && t.contains(',')
            && is_one_line(t)
            && word_count_up_to(t, 9) <= 8
            && let Some(b) = byline::parse(t, false)
            && !b.names.is_empty()
            && !b.sources.is_empty()
        {
            l.roles[i] = BlockRole::Byline;
            continue;
        }
        if i > l.story_start && subhead_like(t) {
            l.roles[i] = BlockRole::Subhead;
        }
    }
}

/// Sign-offs at the foot of the story: "(Reporting by Jane Roe; Editing by John Doe)",
/// "Jane Roe contributed to this report.", a lone "REUTER". A lone agency name only counts
/// after the last block of content. Returns the reporters the sign-offs name, who are the
/// byline when the story has no other.
fn mark_signoffs(article: &Document<'_>, images: &[Option<String>], l: &mut Layout) -> Vec<String> {
    let blocks = article.blocks;
    let n = blocks.len();
    let last_content = (0..n)
        .rev()
        .find(|&j| l.roles[j] != BlockRole::Furniture && !blocks[j].text.trim().is_empty())
        .unwrap_or(0);
    let mut signed = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if l.roles[i] != BlockRole::Text || block.kind != BlockKind::Paragraph || images[i].is_some() {
            continue;
        }
        if let Some(s) = byline::parse_signoff(&block.text) {
            let lone_agency = s.authors.is_empty() && !s.sources.is_empty() && !block.text.contains(' ');
            let near_end = i >= last_content;
            if lone_agency && !near_end {
                continue;
            }
            l.roles[i] = BlockRole::Signoff;
            push_unique(&mut signed, s.authors);
            push_unique(&mut l.sources, s.sources);
        }
    }
    signed
}

/// How many paragraphs below the first prose block a "By" line may still stand: pages print
/// the lead photo's caption, then the byline ("By Jane Roe | Springfield Courier").
const BYLINE_BELOW_CAPTION: usize = 3;

/// Bylines above the story. A page that prints "By" before its byline does so for every
/// writer, even when it credits only itself ("By Acme News"): a bare name line beside one is
/// a caption ("Jane Roe" under her photo) unless it repeats the byline's names ("February 1,
/// 2019 Jane Roe" under "By Jane Roe"). Likewise a second bare name line below the first is a
/// section label or a caption ("GIRLS BASKETBALL"). With none above the story, a "By" line
/// just below the lead caption is the byline.
fn top_bylines(article: &Document<'_>, images: &[Option<String>], story0: usize, l: &mut Layout) {
    let blocks = article.blocks;
    let usable = |i: usize, l: &Layout| {
        l.roles[i] == BlockRole::Text && blocks[i].kind == BlockKind::Paragraph && images[i].is_none()
    };
    // Some pages set the byline as a small heading ("### By Jane Roe"): a heading is a byline
    // only by its "By".
    let heading = |i: usize, l: &Layout| {
        matches!(blocks[i].kind, BlockKind::Heading(_)) && matches!(l.roles[i], BlockRole::Text | BlockRole::Subhead)
    };
    let found: Vec<(usize, byline::Byline)> = (0..story0.min(blocks.len()))
        .filter_map(|i| {
            let b = if usable(i, l) {
                byline::parse(&blocks[i].text, true)?
            } else if heading(i, l) {
                byline::parse(&blocks[i].text, true).filter(|b| b.prefixed && !b.names.is_empty())?
            } else {
                return None;
            };
            Some((i, b))
        })
        .collect();
    let said: Vec<String> = found
        .iter()
        .filter(|(_, b)| b.prefixed)
        .flat_map(|(_, b)| b.names.iter().cloned())
        .collect();
    let any_prefixed = found.iter().any(|(_, b)| b.prefixed);
    for (i, b) in found {
        let repeats = b.names.iter().all(|n| said.iter().any(|s| s.eq_ignore_ascii_case(n)));
        // One bare name line is the byline; a second one further down is a label or caption.
        let second_bare = !b.prefixed && !b.names.is_empty() && !l.byline.is_empty();
        if !b.prefixed && (any_prefixed || second_bare) && !repeats {
            continue;
        }
        l.roles[i] = BlockRole::Byline;
        push_unique(&mut l.byline, b.names);
        push_unique(&mut l.sources, b.sources);
        l.byline_rule.get_or_insert("byline above the story");
    }
    if !l.byline.is_empty() {
        return;
    }
    let below = (story0..blocks.len())
        .filter(|&i| usable(i, l))
        .take(BYLINE_BELOW_CAPTION)
        .find_map(|i| {
            let t = blocks[i].text.trim();
            let b = byline::parse(t, true).filter(|b| b.prefixed && !b.names.is_empty() && is_one_line(t))?;
            Some((i, b))
        });
    if let Some((i, b)) = below {
        l.roles[i] = BlockRole::Byline;
        push_unique(&mut l.byline, b.names);
        push_unique(&mut l.sources, b.sources);
        l.byline_rule = Some("byline below the lead caption");
    }
}

/// How many paragraphs from the end an author's note or a closing byline may stand: a list of
/// related links may follow it.
const FOOT_PARAGRAPHS: usize = 3;

/// How many paragraphs of a box on the writer are read for a note on them.
const AUTHOR_BOX_PARAGRAPHS: usize = 2;

/// The foot of the story: a note on the writer ("Jane Roe is a reporter for the Courier.")
/// is marked as a byline wherever it stands, so its writer is no subject; its writers, a
/// closing "-- By Jane Roe", a signature line with an e-mail address or the sign-off's
/// reporters are the byline when there is no other.
fn foot_bylines(article: &Document<'_>, images: &[Option<String>], mut signed: Vec<String>, l: &mut Layout) {
    let blocks = article.blocks;
    let story: Vec<usize> = (l.story_start..blocks.len())
        .filter(|&i| l.roles[i] == BlockRole::Text && blocks[i].kind == BlockKind::Paragraph && images[i].is_none())
        .collect();
    let foot = &story[story.len().saturating_sub(FOOT_PARAGRAPHS)..];
    // A writer the story itself names (by surname, outside block `i`) is one of its subjects.
    let elsewhere = |name: &str, i: usize| {
        let surname = name.rsplit(' ').next().unwrap_or(name);
        story.iter().any(|&j| j != i && blocks[j].text.contains(surname))
    };
    let mut noted = Vec::new();
    for &i in foot {
        // A signature line with the writer's e-mail address: "Jane Roe jroe@example.com".
        if let Some(name) = byline::signature(&blocks[i].text) {
            l.roles[i] = BlockRole::Byline;
            push_unique(&mut signed, vec![name]);
            continue;
        }
        let Some(names) = byline::author_note(&blocks[i].text) else {
            continue;
        };
        if names.iter().any(|n| elsewhere(n, i)) {
            continue;
        }
        l.roles[i] = BlockRole::Byline;
        push_unique(&mut noted, names);
    }
    // The note in a box on the writer, as long as it names no one the story is about.
    for &i in &l.author_box {
        if let Some(names) = byline::author_note(&blocks[i].text)
            && !names.iter().any(|n| elsewhere(n, i))
        {
            push_unique(&mut noted, names);
        }
    }
    let closing = foot
        .iter()
        .rev()
        .find_map(|&i| byline::closing_byline(&blocks[i].text).map(|(end, b)| (i, end, b)));
    if let Some((i, end, _)) = &closing {
        l.text_ends.push((*i, *end));
    }
    if !l.byline.is_empty() {
        return;
    }
    let (names, rule) = if !signed.is_empty() {
        (signed, "reporters of the sign-off")
    } else if !noted.is_empty() {
        (noted, "note on the writer")
    } else {
        (closing.map(|(_, _, b)| b.names).unwrap_or_default(), "closing byline")
    };
    if !names.is_empty() {
        l.byline_rule = Some(rule);
    }
    push_unique(&mut l.byline, names);
}

/// Where the story starts, before figures and bylines are known: the first block of prose.
/// Remembers that block and its dateline in `l.opening`.
fn provisional_story_start(article: &Document<'_>, images: &[Option<String>], l: &mut Layout) -> usize {
    let blocks = article.blocks;
    let n = blocks.len();
    let paragraph = |i: usize| blocks[i].kind == BlockKind::Paragraph && images[i].is_none();
    // Where the story starts, provisionally: the first block of prose.
    let is_caption_block =
        |i: usize| credit::split_caption(&blocks[i].text).is_some() || figures::caption_label(&blocks[i].text).1;
    let mut opening = None;
    let story0 = (0..n)
        .find(|&i| {
            if l.roles[i] != BlockRole::Text || !paragraph(i) {
                return false;
            }
            let text = &blocks[i].text;
            let dateline = dateline::parse_at_start(text);
            let prose = dateline.is_some()
                || ends_like_sentence(text) && word_count_up_to(text, 12) >= 12 && !is_caption_block(i);
            if prose {
                opening = Some((i, dateline));
            }
            prose
        })
        .unwrap_or(n);
    l.opening = opening;
    story0
}

fn push_unique(into: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        if !into.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
            into.push(item);
        }
    }
}

/// Furniture, headings, and the list of links after "Read more:".
fn mark_furniture(article: &Document<'_>, images: &[Option<String>], l: &mut Layout) {
    let blocks = article.blocks;
    let mut after_about = false;
    let mut related_list = false;
    let mut after_promo = false;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if after_about {
            l.furnish_author_box(i, b.kind);
            continue;
        }
        match b.kind {
            BlockKind::Other => {
                related_list = false;
                after_promo = false;
            }
            BlockKind::Heading(_) => {
                l.roles[i] = match furniture::classify(&b.text, true) {
                    Some(Furniture::AboutAuthor) => {
                        after_about = true;
                        BlockRole::Furniture
                    }
                    Some(Furniture::Promo) => {
                        after_promo = true;
                        BlockRole::Furniture
                    }
                    Some(_) => BlockRole::Furniture,
                    None if b.text.trim().is_empty() => BlockRole::Furniture,
                    None => BlockRole::Subhead,
                };
                related_list = false;
            }
            BlockKind::Paragraph => {
                if images[i].is_some() {
                    continue;
                }
                let t = b.text.trim();
                match furniture::classify(t, false) {
                    Some(Furniture::Timestamp(d)) => {
                        // "Published Nov 19, 2019 | By Jane Roe": the byline after the date is
                        // read with the bylines.
                        let byline = byline::parse(t, true).is_some_and(|b| b.prefixed && !b.names.is_empty());
                        if !byline {
                            l.roles[i] = BlockRole::Furniture;
                        }
                        l.timestamp = l.timestamp.or(d);
                    }
                    Some(Furniture::RelatedHeader) => {
                        l.roles[i] = BlockRole::Furniture;
                        related_list = true;
                    }
                    Some(Furniture::AboutAuthor) => {
                        l.roles[i] = BlockRole::Furniture;
                        after_about = true;
                    }
                    Some(Furniture::Promo) => {
                        l.roles[i] = BlockRole::Furniture;
                        after_promo = true;
                    }
                    Some(_) => l.roles[i] = BlockRole::Furniture,
                    None if t.is_empty() => l.roles[i] = BlockRole::Furniture,
                    None => {
                        // Headlines listed after "Read more:" or a promo's one-line pitch.
                        let listed =
                            related_list && !t.ends_with('.') && word_count_up_to(t, 17) <= 16 && is_one_line(t);
                        let pitch = after_promo && word_count_up_to(t, 13) <= 12 && is_one_line(t);
                        if listed || pitch {
                            l.roles[i] = BlockRole::Furniture;
                        } else {
                            related_list = false;
                        }
                        after_promo = false;
                    }
                }
            }
        }
    }
}

/// Figures: captions with credits, credit lines with their captions, labelled captions,
/// images with the caption below them or in their alt text.
fn find_figures(
    article: &Document<'_>,
    images: &[Option<String>],
    story0: usize,
    reference: Option<Date>,
    l: &mut Layout,
) {
    let n = article.blocks.len();
    let mut r = FigureReader {
        article,
        images,
        story0,
        reference,
        l,
        seen: HashMap::new(),
        pending_credit: None,
        open_image: None,
    };
    let mut i = 0;
    while i < n {
        let before = r.l.figures.len();
        let (name, used) = FIGURE_RULES
            .iter()
            .find_map(|(name, rule)| rule(&mut r, i).map(|used| (*name, used)))
            .unwrap_or(("", 1));
        let made = r.l.figures.len() - before;
        r.l.figure_rules.extend(std::iter::repeat_n(name, made));
        i += used.max(1);
    }
    attach_images(article, images, l);
}

/// An image directly above its caption belongs to the figure.
fn attach_images(article: &Document<'_>, images: &[Option<String>], l: &mut Layout) {
    let n = article.blocks.len();
    for (i, image) in images.iter().enumerate().take(n) {
        let Some(url) = image else { continue };
        let next = (i + 1..n).find(|&j| l.roles[j] != BlockRole::Furniture);
        if let Some(j) = next
            && let BlockRole::Figure(k) = l.roles[j]
        {
            let fig = &mut l.figures[k];
            if fig.blocks.first() == Some(&j) && fig.src.is_none() {
                fig.src = Some(url.clone());
                fig.blocks.insert(0, i);
                l.roles[i] = BlockRole::Figure(k);
            }
        }
    }
}

/// What the figure rules share while they walk the blocks.
struct FigureReader<'r, 'a> {
    article: &'r Document<'a>,
    images: &'r [Option<String>],
    story0: usize,
    reference: Option<Date>,
    l: &'r mut Layout,
    /// Figures by caption key: a caption printed twice is one figure.
    seen: HashMap<String, usize>,
    /// A credit line printed just above a labelled caption ("Image copyright Acme" over
    /// "Image caption …").
    pending_credit: Option<(usize, String)>,
    /// The last figure made from an image that has no credit yet: a credit line below the image,
    /// past list markers and furniture, is its credit.
    open_image: Option<usize>,
}

impl<'a> FigureReader<'_, 'a> {
    /// Block `i`'s text, borrowed from the article rather than the reader: a rule can read it
    /// and still record a figure, with no copy.
    fn text(&self, i: usize) -> &'a str {
        self.article.blocks[i].text.as_str()
    }

    /// A paragraph of text no earlier pass has claimed.
    fn usable(&self, i: usize) -> bool {
        i < self.article.blocks.len()
            && self.l.roles[i] == BlockRole::Text
            && self.article.blocks[i].kind == BlockKind::Paragraph
            && self.images[i].is_none()
    }

    /// An image block no earlier pass has claimed, with its URL.
    fn image(&self, i: usize) -> Option<&str> {
        (self.l.roles[i] == BlockRole::Text)
            .then(|| self.images[i].as_deref())
            .flatten()
    }

    /// Whether block `i` is a caption in its own right: labelled, or ending in a credit.
    fn captioned(&self, i: usize) -> bool {
        let text = self.text(i);
        figures::caption_label(text).1 || credit::split_caption(text).is_some() || credit::whole_credit(text).is_some()
    }

    /// Adds a figure; entities read its caption's own words, without label or title line.
    fn add(&mut self, fig: Figure, blocks: Vec<usize>, caption: (usize, Range<usize>)) -> usize {
        let (block, range) = caption;
        let range = figures::caption_range(self.text(block), range);
        add_figure(self.l, &mut self.seen, fig, blocks, (block, range))
    }
}

/// A figure rule looks at block `i` and, when it makes (or deliberately passes over) a figure
/// there, says how many blocks it used.
type FigureRule = fn(&mut FigureReader<'_, '_>, usize) -> Option<usize>;

/// The figure rules, in the order they are tried on each block; the first with a verdict wins.
const FIGURE_RULES: &[(&str, FigureRule)] = &[
    (
        "image over its caption in one paragraph",
        image_over_caption_in_one_paragraph,
    ),
    ("image with its caption below", image_with_caption_below),
    ("image described by its alt text", image_alt_caption),
    (
        "credit and labelled caption in one paragraph",
        credit_and_labelled_caption,
    ),
    ("labelled caption", labelled_caption),
    ("title over a caption printed twice", titled_repeated_caption),
    ("credits for the story's pictures", credits_for_the_pictures),
    ("credit line", credit_line),
    ("caption ending in a credit", caption_with_credit),
    ("caption naming a person", appositive_caption_rule),
];

/// A short line directly below an image, neither a credit nor story prose, is its caption:
/// "![](harbour.jpg)" over "The old quay at dawn." The line is one line of at most 16 words
/// (a story's opening paragraph is longer) and opens no story ("By …", a dateline).
fn image_with_caption_below(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    let url = r.image(i)?.to_string();
    let j = i + 1;
    if !r.usable(j) || r.captioned(j) {
        return None;
    }
    let t = r.text(j).trim();
    // A line in parentheses is an aside or a credit ("(All photos: Acme staff)"), not a caption.
    let aside = t.starts_with('(') || t.starts_with("By ") || t.starts_with(is_double_quote);
    if aside || !reads_as_caption(t) {
        return None;
    }
    let text = r.text(j);
    let mut fig = figures::build(text, 0..text.len(), None, r.reference);
    fig.src = Some(url);
    let k = r.add(fig, vec![i, j], (j, 0..text.len()));
    r.open_image = Some(k);
    Some(2)
}

/// "![Waves at the quay](q.jpg)" with "Waves at the quay on Monday. (Jo Roe/Acme)" on the next
/// line: pages converted to Markdown often print the caption right under the image, in the
/// same paragraph. The lines after the image are the caption — ending in its credit, or short
/// as an uncredited caption below an image is ([`reads_as_caption`]) — or, when
/// they are only a credit, the image's alt text is; anything longer is the story going on
/// after a picture, and no figure.
fn image_over_caption_in_one_paragraph(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    let b = &r.article.blocks[i];
    if r.l.roles[i] != BlockRole::Text || b.kind != BlockKind::Paragraph || r.article.format != SourceFormat::Markdown {
        return None;
    }
    let source = r.article.body.get(b.source.clone())?.trim();
    let (first, _) = source.split_once('\n')?;
    let url = image_line_url(first.trim())?;
    let text = r.text(i);
    let below = text.find('\n')? + 1;
    let lines = text[below..].trim();
    let from = below + (text[below..].len() - text[below..].trim_start().len());
    let split = credit::split_caption(lines);
    let (range, raw) = if let Some(raw) = credit::whole_credit(lines) {
        // An image over its credit alone has no caption, unless its alt text is one.
        let alt = text[..below - 1].trim_end();
        let caption = if descriptive_alt(alt, r.article.headline) {
            alt.len()
        } else {
            0
        };
        (0..caption, Some(raw))
    } else if let Some(split) = split {
        (from..from + split.caption_end, Some(split.raw))
    } else {
        if !reads_as_caption(lines) {
            return None;
        }
        (from..from + lines.len(), None)
    };
    let mut fig = figures::build(text, range.clone(), raw.as_deref(), r.reference);
    fig.src = Some(url);
    let k = r.add(fig, vec![i], (i, range));
    r.open_image = Some(k);
    Some(1)
}

/// Whether uncredited text under an image is its caption: one short line (16 words at most),
/// neither a dateline opening the story nor a sentence reporting speech.
fn reads_as_caption(t: &str) -> bool {
    is_one_line(t)
        && (1..=16).contains(&word_count_up_to(t, 17))
        && dateline::parse_at_start(t).is_none()
        && !reports_speech(t)
}

/// Whether a line ends by saying who said it ("The fees rise in May, the authority said.",
/// "…, said Jane Roe."): a caption shows what the picture shows, so such a line below an image
/// is the story's next paragraph, however short.
fn reports_speech(t: &str) -> bool {
    let t = t.trim_end_matches(['.', '"', '\u{201d}']);
    let Some((clause, attribution)) = t.rsplit_once(", ") else {
        return false;
    };
    let words: Vec<&str> = attribution.split_whitespace().collect();
    let speech = |w: Option<&&str>| w.is_some_and(|w| super::lexicon::is_speech_verb(w));
    !clause.is_empty() && (2..=6).contains(&words.len()) && (speech(words.first()) || speech(words.last()))
}

/// An image whose alt text describes it, with no caption of its own below, is a figure with
/// the alt text as caption: "![Jane Roe speaks at the harbour](roe.jpg)". The same text
/// printed again below it is the same caption. A decorative alt text is none (see
/// [`descriptive_alt`]).
///
/// The alt text may end in its credit, as the page prints it under the picture ("![The quay at
/// dawn. Photograph: Jo Roe/Acme](q.jpg)", "![The quay at dawn (Jo Roe / Acme)](q.jpg)"); a
/// credit line alone below the image, with no caption of its own, is the figure's credit.
fn image_alt_caption(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    let url = r.image(i)?.to_string();
    let alt = r.text(i).trim();
    let credit_below = r.usable(i + 1).then(|| credit::whole_credit(r.text(i + 1))).flatten();
    if !descriptive_alt(alt, r.article.headline) || r.usable(i + 1) && r.captioned(i + 1) && credit_below.is_none() {
        return None;
    }
    let (end, own_credit) = match credit::split_caption(alt) {
        Some(split) => (split.caption_end, Some(split.raw)),
        None => (alt.len(), None),
    };
    // A credit both in the alt text and below the image is one credit printed twice.
    let below = credit_below.is_some();
    let raw = own_credit.or(credit_below);
    let mut fig = figures::build(alt, 0..end, raw.as_deref(), r.reference);
    fig.src = Some(url);
    let key = figures::caption_key(&fig.caption);
    let repeated = r.usable(i + 1) && figures::caption_key(r.text(i + 1)) == key;
    let blocks = if repeated || below { vec![i, i + 1] } else { vec![i] };
    let used = blocks.len();
    let alt_range = 0..r.text(i).len();
    let k = r.add(fig, blocks, (i, alt_range));
    r.open_image = Some(k);
    Some(used)
}

/// Whether an image's alt text is a caption: at least two words opening with a capital, not
/// the headline again, not labelled ("Image: …"). Alt text in lower case is a description for
/// screen readers ("harbour lamps at night") and a single word a file or a name tag.
fn descriptive_alt(alt: &str, headline: Option<&str>) -> bool {
    if word_count_up_to(alt, 2) < 2 || !alt.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
        return false;
    }
    if credit::strip_label(alt).1 || figures::caption_label(alt).1 {
        return false;
    }
    let key = figures::caption_key(alt.trim_end_matches('.'));
    let headline = headline.map(|h| figures::caption_key(h.trim_end_matches('.')));
    !headline.is_some_and(|h| h.starts_with(&key) || key.starts_with(&h))
}

/// "Image caption …": a caption, with the credit line printed just before it.
fn labelled_caption(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) {
        return None;
    }
    let text = r.text(i);
    let (label_end, labelled) = figures::caption_label(text);
    if !labelled {
        return None;
    }
    let split = credit::split_caption(&text[label_end..]);
    let (end, raw) = match &split {
        Some(s) => (label_end + s.caption_end, Some(s.raw.clone())),
        None => (text.len(), None),
    };
    let mut fig_blocks = vec![i];
    let raw = match (raw, r.pending_credit.take()) {
        (Some(raw), _) => Some(raw),
        (None, Some((cb, raw))) if cb + 1 == i => {
            fig_blocks.insert(0, cb);
            Some(raw)
        }
        (None, _) => None,
    };
    let fig = figures::build(text, 0..end, raw.as_deref(), r.reference);
    r.add(fig, fig_blocks, (i, label_end..end));
    Some(1)
}

/// "Image copyright Acme Images Image caption Boats wait at the harbour": a page copied as
/// text may keep a picture's labelled credit and its labelled caption in one paragraph, on
/// one line or two (the layout of the BBC's pages). The credit is everything between the two
/// labels.
fn credit_and_labelled_caption(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) || !credit::strip_label(r.text(i)).1 {
        return None;
    }
    let text = r.text(i);
    let at = text
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .map(|(k, c)| k + c.len_utf8())
        .find(|&k| figures::caption_label(&text[k..]).1)?;
    let raw = credit::CreditEnding::of(text[..at].trim()).whole_credit()?;
    let (label_end, _) = figures::caption_label(&text[at..]);
    let fig = figures::build(text, at..text.len(), Some(&raw), r.reference);
    r.add(fig, vec![i], (i, at + label_end..text.len()));
    Some(1)
}

/// A video or photo embed: a short title line over a description printed twice (once as the
/// image's text, once below it): "Harbour Lamps Go Dark" / "Workers switch off the last
/// lamps on the quay." / the same again. The description is a sentence of several words, so
/// two identical short lines are no figure.
fn titled_repeated_caption(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    let (c1, c2) = (i + 1, i + 2);
    if !(r.usable(i) && r.usable(c1) && r.usable(c2)) {
        return None;
    }
    let title = r.text(i).trim();
    let caption = r.text(c1).trim();
    // The repetition first: it rules out nearly every pair of paragraphs at their first bytes.
    if caption != r.text(c2).trim() {
        return None;
    }
    let short_title = word_count_up_to(title, 2) >= 2 && is_one_line(title) && figures::is_title_line(title);
    if !short_title || r.captioned(i) {
        return None;
    }
    if !ends_like_sentence(caption) || word_count_up_to(caption, 8) < 8 {
        return None;
    }
    let title = title.to_string();
    let text = r.text(c1);
    let mut fig = figures::build(text, 0..text.len(), None, r.reference);
    fig.title = Some(title);
    r.add(fig, vec![i, c1, c2], (c1, 0..text.len()));
    Some(3)
}

/// "Photos by Jane Roe (Acme Images), John Doe, janedoe." in the story: the credits of its
/// pictures together, a figure of its own rather than the credit of the paragraph above.
fn credits_for_the_pictures(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) || i < r.story0 {
        return None;
    }
    let raw = credit::collective_credit(r.text(i))?;
    let fig = figures::build("", 0..0, Some(raw), r.reference);
    r.add(fig, vec![i], (i, 0..0));
    Some(1)
}

/// A line that is only a credit: the credit of the caption above it, of an image above it, of
/// the labelled caption below it, or a figure of its own with an empty caption.
fn credit_line(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) {
        return None;
    }
    let text = r.text(i);
    let raw = credit::CreditEnding::of(text).whole_credit()?;
    // "Jane Roe, Associated Press" above the story is a byline, not a credit, and so is any
    // line that says "By" ("By: Acme Wire").
    let byline_shaped =
        byline::parse(text, true).is_some_and(|b| b.prefixed || !b.names.is_empty()) && !credit::strip_label(text).1;
    if i < r.story0 && byline_shaped {
        return None;
    }
    if r.usable(i + 1) && figures::caption_label(r.text(i + 1)).1 {
        r.pending_credit = Some((i, raw));
        return Some(1);
    }
    if credit_open_image(r, i, &raw) {
        return Some(1);
    }
    if let Some(used) = credit_over_caption(r, i, &raw) {
        return Some(used);
    }
    if i > 0 && eligible_caption(r.article, r.images, i - 1, r.l) {
        let cap = i - 1;
        let ctext = r.text(cap);
        let fig = figures::build(ctext, 0..ctext.len(), Some(&raw), r.reference);
        r.add(fig, vec![cap, i], (cap, 0..ctext.len()));
    } else {
        let fig = figures::build("", 0..0, Some(&raw), r.reference);
        r.add(fig, vec![i], (i, 0..0));
    }
    Some(1)
}

/// Some pages print the credit above the caption: "Jane Roe | Acme Images" over "John Doe,
/// pictured on the quay last spring." With no caption above the credit line,
/// the paragraph below is its caption when it speaks caption language ([`caption_cued`]) and
/// is short; otherwise the story starts there.
fn credit_over_caption(r: &mut FigureReader<'_, '_>, i: usize, raw: &str) -> Option<usize> {
    let cap = i + 1;
    if i > 0 && eligible_caption(r.article, r.images, i - 1, r.l) || !r.usable(cap) {
        return None;
    }
    let ctext = r.text(cap);
    if word_count_up_to(ctext, 61) > 60 || !caption_cued(ctext) || r.captioned(cap) {
        return None;
    }
    let fig = figures::build(ctext, 0..ctext.len(), Some(raw), r.reference);
    r.add(fig, vec![i, cap], (cap, 0..ctext.len()));
    Some(2)
}

/// Whether a paragraph speaks caption language: "pictured", "poses", or where people stand in
/// parentheses ("Jane Roe (left) and John Doe").
fn caption_cued(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let bracketed = w.starts_with('(') && w.trim_end_matches([',', '.']).ends_with(')');
        CAPTION_CUE_WORDS.contains_lowercase_of(bare) || bracketed && CREDIT_POSITION_WORDS.contains_lowercase_of(bare)
    })
}

/// Gives the credit line at `i` to the uncredited figure of the image above it, when only list
/// markers ("- Photo") and furniture stand between them.
fn credit_open_image(r: &mut FigureReader<'_, '_>, i: usize, raw: &str) -> bool {
    let Some(k) = r.open_image else { return false };
    let blocks = r.article.blocks;
    let last = r.l.figures[k].blocks.last().copied().unwrap_or(i);
    let between_clear = (last + 1..i).all(|j| {
        blocks[j].kind == BlockKind::Other || r.l.roles[j] == BlockRole::Furniture || blocks[j].text.trim().is_empty()
    });
    if last >= i || !between_clear || r.l.figures[k].credit.is_some() {
        return false;
    }
    r.l.figures[k].credit = Some(credit::parse_unlabelled(raw)).filter(|c| !c.raw.is_empty());
    r.l.figures[k].blocks.push(i);
    r.l.roles[i] = BlockRole::Figure(k);
    r.open_image = None;
    true
}

/// A caption ending in its credit: "Boats at the quay. REUTERS/Jane Roe".
fn caption_with_credit(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) {
        return None;
    }
    let text = r.text(i);
    let split = credit::CreditEnding::of(text).split_caption()?;
    let byline_shaped = i < r.story0 && byline::parse(text, true).is_some();
    let caption_words = word_count_up_to(&text[..split.caption_end], 151);
    if byline_shaped || caption_words > 150 || dateline::parse_at_start(text).is_some() {
        return Some(1);
    }
    let fig = figures::build(text, 0..split.caption_end, Some(&split.raw), r.reference);
    r.add(fig, vec![i], (i, 0..split.caption_end));
    Some(1)
}

/// "Jane Roe, the harbour master who …" on its own line below the story start: a caption
/// without credit.
fn appositive_caption_rule(r: &mut FigureReader<'_, '_>, i: usize) -> Option<usize> {
    if !r.usable(i) || i < r.story0 || !appositive_caption(r.text(i)) {
        return None;
    }
    let text = r.text(i);
    let fig = figures::build(text, 0..text.len(), None, r.reference);
    r.add(fig, vec![i], (i, 0..text.len()));
    Some(1)
}

/// A line naming a person with an appositive and no full stop: a photo caption.
fn appositive_caption(t: &str) -> bool {
    let t = t.trim();
    // A tweet's text ("Hey Springfield, the lamps are back #harbour") is an embed, not a caption.
    if t.len() > 300 || ends_like_sentence(t) || t.contains(" #") {
        return false;
    }
    let Some((head, tail)) = t.split_once(", ") else {
        return false;
    };
    // The word after the comma first: it rejects nearly every line before anything is counted.
    if !tail
        .split_whitespace()
        .next()
        .is_some_and(|w| APPOSITIVE_OPENERS.contains(w))
        || !is_one_line(t)
        || word_count_up_to(t, 31) > 30
    {
        return false;
    }
    let head_words: Vec<&str> = head.split_whitespace().collect();
    (2..=4).contains(&head_words.len()) && byline::name_shaped(&head_words)
}

/// Whether block `i` can be the caption of the credit line after it.
fn eligible_caption(article: &Document<'_>, images: &[Option<String>], i: usize, l: &Layout) -> bool {
    let b = &article.blocks[i];
    if l.roles[i] != BlockRole::Text || b.kind != BlockKind::Paragraph || images[i].is_some() {
        return false;
    }
    let t = b.text.trim();
    let words = word_count_up_to(t, 91);
    // A line with an address ("Jane Roe, columnist jane@acme.example") is a byline.
    (1..=90).contains(&words)
        && !t.contains('@')
        && !t.starts_with(is_double_quote)
        && !t.starts_with("By ")
        && dateline::parse_at_start(t).is_none()
        && sentences(t).len() <= 3
}

fn add_figure(
    l: &mut Layout,
    seen: &mut HashMap<String, usize>,
    mut fig: Figure,
    blocks: Vec<usize>,
    caption: (usize, Range<usize>),
) -> usize {
    let key = figures::caption_key(&fig.caption);
    let existing = if key.is_empty() { None } else { seen.get(&key).copied() };
    let index = match existing {
        Some(k) => {
            // The same caption again: one figure, and a credit if the first copy lacked one.
            if l.figures[k].credit.is_none() {
                l.figures[k].credit = fig.credit.take();
            }
            l.figures[k].blocks.extend(blocks.iter().copied());
            k
        }
        None => {
            let k = l.figures.len();
            fig.blocks = blocks.clone();
            l.figures.push(fig);
            if !key.is_empty() {
                seen.insert(key, k);
            }
            if caption.1.end > caption.1.start {
                l.captions.push(caption);
            }
            k
        }
    };
    for b in blocks {
        l.roles[b] = BlockRole::Figure(index);
    }
    index
}

/// A heading that reads like a headline: title case, several words, no full stop.
fn headline_like(t: &str) -> bool {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 3 || words.len() > 20 || t.ends_with('.') {
        return false;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && caps * 10 >= long.len() * 8
}

/// A short line between paragraphs that heads a section: "Extra points", "WHO IS AHEAD?",
/// "What did the prosecutors say?".
fn subhead_like(t: &str) -> bool {
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    // The first and last chars first: most short paragraphs end in a full stop.
    let first = t.chars().next().unwrap_or(' ');
    if t.ends_with(['.', ',', ';', ':'])
        || t.trim_end_matches(['”', '"', '’', '\'', ')'])
            .ends_with(['.', ',', ';', ':'])
        || !(first.is_uppercase() || first.is_numeric())
        || t.starts_with('(')
        || !is_one_line(t)
    {
        return false;
    }
    let limit = if is_all_caps(t) { 14 } else { 12 };
    (1..=limit).contains(&word_count_up_to(t, limit + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    /// A story paragraph: long, several clauses, a full stop.
    const STORY: &str = "Officials in Springfield said on Tuesday that the harbour lamps, which have lit the quay \
                         since 1921, would be replaced by cheaper lights before the winter season begins.";

    /// The figures (title, caption, credit) of a Markdown page made of `blocks`: "![alt](src)"
    /// is an image whose text is its alt (and the lines under it, if any), "- item" a list,
    /// anything else a paragraph.
    fn figures_of(headline: &str, blocks: &[&str]) -> Vec<(Option<String>, String, Option<String>)> {
        let mut body = String::new();
        let mut parsed = Vec::new();
        for b in blocks {
            let start = body.len();
            body.push_str(b);
            let source = start..body.len();
            body.push_str("\n\n");
            let (kind, text) = if let Some(rest) = b.strip_prefix("![") {
                // Lines under the image line read on after its alt text.
                let alt = rest.split("](").next().unwrap_or("");
                let below = b.split_once('\n').map(|(_, below)| below);
                let text = below.map_or_else(|| alt.to_string(), |below| format!("{alt}\n{below}"));
                (BlockKind::Paragraph, text)
            } else if let Some(item) = b.strip_prefix("- ") {
                (BlockKind::Other, item.to_string())
            } else {
                (BlockKind::Paragraph, b.to_string())
            };
            parsed.push(Block {
                kind,
                text,
                line: 0,
                source,
            });
        }
        let doc = Document {
            format: SourceFormat::Markdown,
            headline: Some(headline),
            body: &body,
            blocks: &parsed,
        };
        analyse(&doc, None)
            .figures
            .iter()
            .map(|f| {
                (
                    f.title.clone(),
                    f.caption.clone(),
                    f.credit.as_ref().map(|c| c.raw.clone()),
                )
            })
            .collect()
    }

    /// The figures of a page: title, caption and credit.
    type Figures<'a> = &'a [(Option<&'a str>, &'a str, Option<&'a str>)];

    /// One row per figure convention: the page's blocks and the figures read from them.
    const FIGURE_ROWS: &[(&[&str], Figures<'_>)] = &[
        // A labelled credit and a labelled caption in one paragraph, on one line or two.
        (
            &[
                "Image copyright Acme Images Image caption Boats wait at the harbour mouth",
                STORY,
                "Image copyright Jo Lund/Acme Images\nImage caption The quay was rebuilt in 2010",
                STORY,
            ],
            &[
                (None, "Boats wait at the harbour mouth", Some("Acme Images")),
                (None, "The quay was rebuilt in 2010", Some("Jo Lund/Acme Images")),
            ],
        ),
        // A short line below an image is its caption.
        (
            &["![](quay.jpg)", "The old quay at dawn.", STORY],
            &[(None, "The old quay at dawn.", None)],
        ),
        // A short paragraph below an image that says who said it is the story going on; the
        // alt text is the caption.
        (
            &[
                STORY,
                "![Ferries wait at the quay](quay.jpg)",
                "The fees rise in May, the harbour board said.",
                "Fees rise in May, said Jo Lund.",
            ],
            &[(None, "Ferries wait at the quay", None)],
        ),
        // Alt text that describes the image is the caption; the credit comes past a list marker.
        (
            &[
                "![Jane Roe speaks at the harbour on Monday.](roe.jpg)",
                "- Photo",
                "Credit Jane Roe/Acme",
                STORY,
            ],
            &[(None, "Jane Roe speaks at the harbour on Monday.", Some("Jane Roe/Acme"))],
        ),
        // The alt text printed again below the image is the same caption.
        (
            &["![Jane Roe at the quay](roe.jpg)", "Jane Roe at the quay", STORY],
            &[(None, "Jane Roe at the quay", None)],
        ),
        // Alt text ending in its credit; a credit line alone below an alt-text caption.
        (
            &["![The quay at dawn. Photograph: Jo Roe/Acme](q.jpg)", STORY],
            &[(None, "The quay at dawn.", Some("Jo Roe/Acme"))],
        ),
        (
            &[
                "![The quay at dawn (Jo Roe / Acme)](q.jpg)",
                "Image credit: Jo Roe / Acme",
                STORY,
            ],
            &[(None, "The quay at dawn", Some("Jo Roe / Acme"))],
        ),
        (
            &["![Lamps on the old quay](q.jpg)", "Photo: Jo Roe/Acme", STORY],
            &[(None, "Lamps on the old quay", Some("Jo Roe/Acme"))],
        ),
        // Alt text that repeats the headline or is in lower case describes nothing.
        (&["![Harbour Lamps Go Dark](a.jpg)", STORY], &[]),
        (&["![harbour lamps at night](a.jpg)", STORY], &[]),
        // A video embed: title, then its description printed twice.
        (
            &[
                "Harbour Lamps Go Dark Tonight",
                "Workers switch off the last lamps on the old quay on Monday.",
                "Workers switch off the last lamps on the old quay on Monday.",
                STORY,
            ],
            &[(
                Some("Harbour Lamps Go Dark Tonight"),
                "Workers switch off the last lamps on the old quay on Monday.",
                None,
            )],
        ),
        // A credit line with no caption is a figure with an empty caption.
        (
            &["![](a.jpg)", "Photo: Acme Images", STORY],
            &[(None, "", Some("Acme Images"))],
        ),
        // An image with its caption on the next line of the same paragraph: the caption
        // (its alt text printed again or not), ending in a credit or not; under it a credit
        // alone, with the alt text as caption or none; and no figure of the story going on.
        (
            &[
                "![Boats at the quay](q.jpg)\nBoats wait at the quay on Monday. (Jane Roe/Acme Images)",
                STORY,
                "![Lamps on the quay at dusk](l.jpg)\nJane Roe/Acme Images",
                STORY,
                "![](m.jpg)\nDusk over the harbour.",
                STORY,
                "![](n.jpg)\nJo Lund/Acme Images",
                STORY,
                "![A quay](o.jpg)\nOfficials in Springfield said on Tuesday that the harbour lamps, which have lit the quay for a century, would be replaced before the winter.",
            ],
            &[
                (None, "Boats wait at the quay on Monday.", Some("Jane Roe/Acme Images")),
                (None, "Lamps on the quay at dusk", Some("Jane Roe/Acme Images")),
                (None, "Dusk over the harbour.", None),
                (None, "", Some("Jo Lund/Acme Images")),
            ],
        ),
        // A caption standing alone, ending in its credit.
        (
            &[
                STORY,
                "FILE PHOTO: Workers unload crates at the port of Springfield, March 3, 2019. REUTERS/Jane Roe",
                STORY,
            ],
            &[(
                None,
                "FILE PHOTO: Workers unload crates at the port of Springfield, March 3, 2019.",
                Some("REUTERS/Jane Roe"),
            )],
        ),
        // Portraits captioned with a name and how the picture was obtained.
        (
            &[STORY, "Jane Roe Submitted photo", "John Doe Submitted photo", STORY],
            &[
                (None, "Jane Roe", Some("Submitted photo")),
                (None, "John Doe", Some("Submitted photo")),
            ],
        ),
        // A credit printed above the caption it belongs to.
        (
            &[
                "Updated March 3, 10:15 AM",
                "Jane Roe | Acme Images",
                "John Doe, pictured on the quay last spring.",
                STORY,
            ],
            &[(
                None,
                "John Doe, pictured on the quay last spring.",
                Some("Jane Roe | Acme Images"),
            )],
        ),
        (
            &["Updated March 3, 10:15 AM", "Photo: Acme Images", STORY],
            &[(None, "", Some("Acme Images"))],
        ),
        // A plural label crediting several names credits the story's pictures, not the
        // paragraph above.
        (
            &[
                STORY,
                "![](quay.jpg)",
                STORY,
                "Photos by lenadoe (Acme Images), Jo Lund, Piet Berg.",
            ],
            &[(None, "", Some("lenadoe (Acme Images), Jo Lund, Piet Berg"))],
        ),
        // No figures: a byline, a timestamp, a paragraph ending in a name.
        (
            &[
                "By Jane Roe | Springfield Courier",
                "(Published Tuesday, March 3, 2020)",
                STORY,
            ],
            &[],
        ),
        (
            &[STORY, "The lamps were switched off at midnight by Jane Roe", STORY],
            &[],
        ),
    ];

    #[test]
    fn figure_rules() {
        let rows = FIGURE_ROWS;
        for (blocks, want) in rows {
            let want: Vec<(Option<String>, String, Option<String>)> = want
                .iter()
                .map(|(t, c, r)| (t.map(String::from), c.to_string(), r.map(String::from)))
                .collect();
            assert_eq!(figures_of("Harbour Lamps Go Dark", blocks), want, "{blocks:?}");
        }
    }

    #[test]
    fn image_lines() {
        let rows: &[(&str, Option<&str>)] = &[
            ("![The quay at dawn](q.jpg)", Some("q.jpg")),
            ("![](q.jpg \"The quay\")", Some("q.jpg")),
            ("[![The quay at dawn](q-small.jpg)](q-large.jpg)", Some("q-small.jpg")),
            ("[![](q-small.jpg)](q-large.jpg) and more", None),
            ("[The quay at dawn](q.html)", None),
            ("See ![the quay](q.jpg)", None),
        ];
        for (src, want) in rows {
            assert_eq!(image_line_url(src).as_deref(), *want, "{src}");
        }
    }

    #[test]
    fn subheads_and_headlines() {
        assert!(subhead_like("Extra points"));
        assert!(subhead_like("WHO IS AHEAD?"));
        assert!(subhead_like("What did the prosecutors say?"));
        assert!(!subhead_like("You shouldn’t just believe them."));
        assert!(!subhead_like("Here are the takeaways from the day:"));
        assert!(headline_like("Why the Harbour Lamps Went Dark Last Winter"));
        assert!(!headline_like("A once-common light now stands for decline."));
        assert!(!headline_like("a quiet subtitle about the lamps"));
    }

    #[test]
    fn appositive_captions() {
        let rows: &[(&str, bool)] = &[
            ("Jane Roe, the harbour master who found the boat", true),
            ("Tomas Lind, left of the mayor at the quay", true),
            ("Jane Roe, the harbour master who found the boat.", false),
            ("Jane Roe, harbour master", false),
            ("The harbour, the boats and the quay", false),
            ("Jane Roe, the harbour master\nwho found the boat", false),
            ("Hey Springfield, the lamps are back #harbour", false),
        ];
        for (text, want) in rows {
            assert_eq!(appositive_caption(text), *want, "{text}");
        }
    }

    /// Blocks of an invented page, one per line of `page`: "### text" a heading, anything else
    /// a paragraph.
    fn page(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|t| match t.strip_prefix("### ") {
                Some(h) => Block {
                    kind: BlockKind::Heading(3),
                    ..Block::paragraph(h, 1, 0..0)
                },
                None => Block::paragraph(*t, 1, 0..0),
            })
            .collect()
    }

    fn bylines_of(lines: &[&str]) -> Vec<String> {
        let blocks = page(lines);
        let doc = Document {
            format: SourceFormat::Markdown,
            headline: Some("Harbour lights return"),
            body: "",
            blocks: &blocks,
        };
        analyse(&doc, None).byline
    }

    const LEAD: &str = "The harbour lights came back on Tuesday after a winter in the dark, the port said.";
    const MORE: &str = "Fishermen said the lamps had been missed by every crew that came in after dusk.";

    #[test]
    fn where_bylines_stand() {
        let rows: &[(&[&str], &[&str])] = &[
            // Above the story.
            (&["By Jane Roe", LEAD, MORE], &["Jane Roe"]),
            // Set as a small heading: a byline by its "By" alone.
            (&["### By Jane Roe", LEAD, MORE], &["Jane Roe"]),
            (&["### Jane Roe", LEAD, MORE], &[]),
            // A bare name beside a "By" line is a caption; repeated, it is the byline again.
            (&["By Acme News", "Jane Roe", LEAD], &[]),
            (&["By Jane Roe", "Nov 20, 2019 Jane Roe", LEAD], &["Jane Roe"]),
            // A second bare name line is a label.
            (&["Jane Roe", "GIRLS SAILING", LEAD], &["Jane Roe"]),
            // Below the lead caption.
            (&[LEAD, "By Jane Roe | Springfield Courier", MORE], &["Jane Roe"]),
            // A date line that carries the byline.
            (
                &["Published 10:02 AM EST Nov 19, 2019 | By Jane Roe", LEAD],
                &["Jane Roe"],
            ),
            // The foot: sign-off reporters, a note on the writer, a closing "By".
            (
                &[LEAD, MORE, "(Reporting by Jane Roe; Editing by John Doe)"],
                &["Jane Roe"],
            ),
            (
                &["By Mary Major", LEAD, "(Reporting by Jane Roe; Editing by John Doe)"],
                &["Mary Major"],
            ),
            (
                &[LEAD, MORE, "Jane Roe is a reporter for the Springfield Courier."],
                &["Jane Roe"],
            ),
            (
                &[
                    LEAD,
                    "Fishermen thanked the crews who had kept the lamps lit. -- By Jane Roe Follow @janeroe",
                ],
                &["Jane Roe"],
            ),
            (&[LEAD, MORE, "— By Jane Roe"], &["Jane Roe"]),
            (&[LEAD, MORE, "Jane Roe jroe@example.com"], &["Jane Roe"]),
            // A contact line, and a box on the writer after its heading.
            (&[LEAD, MORE, "Email Jane Roe at jroe@example.com"], &["Jane Roe"]),
            (
                &[LEAD, MORE, "Jane Roe can be reached at jroe@example.com."],
                &["Jane Roe"],
            ),
            (
                &[
                    LEAD,
                    MORE,
                    "About the Author",
                    "Jane Roe is a reporter for the Springfield Courier.",
                ],
                &["Jane Roe"],
            ),
        ];
        for (lines, want) in rows {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(bylines_of(lines), want, "{lines:?}");
        }
    }

    #[test]
    fn story_text_ends_before_a_closing_byline() {
        let closing = "Fishermen thanked the crews who had kept the lamps lit. -- By Jane Roe Follow @janeroe";
        let blocks = page(&["By Mary Major", LEAD, closing]);
        let doc = Document {
            format: SourceFormat::Markdown,
            headline: None,
            body: "",
            blocks: &blocks,
        };
        let l = analyse(&doc, None);
        assert_eq!(l.byline, vec!["Mary Major".to_string()]);
        assert_eq!(l.text_ends, vec![(2, closing.find("--").unwrap_or(0))]);
    }
}
