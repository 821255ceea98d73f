//! Article bodies to HTML: Markdown through pulldown-cmark, wire copy paragraph by paragraph,
//! both with the extraction's block roles applied (figures in place, bylines lifted into the
//! header) and decorations laid over the text.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use crate::config::SiteConfig;
use crate::model::{Article, BlockKind, BlockRole, SourceFormat};
use crate::parse::{BlockWalker, Step, markdown_options};
use crate::slug::slugify;

use super::decorate::{BlockDecorations, Decoration};
use super::highlight::{Highlighter, push_escaped};

/// The rendered body of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyHtml {
    pub html: String,
    pub has_code: bool,
    /// Whether the Markdown contained raw HTML (and therefore was sanitised).
    pub had_raw_html: bool,
}

/// Everything the body renderer needs besides the article.
pub struct BodyInput<'a> {
    pub article: &'a Article,
    pub roles: &'a [BlockRole],
    /// HTML of each figure, by figure index, placed at the figure's first block.
    pub figures: &'a [String],
    pub decorations: &'a [Decoration],
    pub config: &'a SiteConfig,
    pub highlighter: &'a Highlighter,
}

/// Renders the body of an article.
pub fn render_body(input: &BodyInput<'_>) -> BodyHtml {
    match input.article.format {
        SourceFormat::Wire => BodyHtml {
            html: wire(input),
            ..BodyHtml::default()
        },
        SourceFormat::Markdown => markdown(input),
    }
}

fn role(input: &BodyInput<'_>, block: usize) -> BlockRole {
    input.roles.get(block).copied().unwrap_or(BlockRole::Text)
}

/// Whether this block is where a figure renders, and which.
fn figure_here(input: &BodyInput<'_>, block: usize, placed: &mut HashSet<usize>) -> Option<usize> {
    match role(input, block) {
        BlockRole::Figure(n) if placed.insert(n) => Some(n),
        _ => None,
    }
}

fn wire(input: &BodyInput<'_>) -> String {
    let mut out = String::new();
    let mut placed = HashSet::new();
    let mut ids = HeadingIds::default();
    for (i, block) in input.article.blocks.iter().enumerate() {
        let mut decorations = BlockDecorations::new(input.decorations, i);
        match role(input, i) {
            BlockRole::Text => {
                out.push_str("<p>");
                decorations.run(&block.text, 0, false, true, &mut out);
                out.push_str("</p>\n");
            }
            BlockRole::Signoff => {
                out.push_str("<p class=\"signoff\">");
                decorations.run(&block.text, 0, false, true, &mut out);
                out.push_str("</p>\n");
            }
            BlockRole::Subhead => {
                let id = ids.unique(&block.text);
                out.push_str(&format!("<h2 id=\"{id}\">"));
                decorations.run(&block.text, 0, false, true, &mut out);
                out.push_str(&format!(
                    "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h2>\n"
                ));
            }
            BlockRole::Figure(_) => {
                if let Some(n) = figure_here(input, i, &mut placed) {
                    out.push_str(input.figures.get(n).map_or("", String::as_str));
                }
            }
            BlockRole::Byline | BlockRole::Furniture => {}
        }
    }
    out
}

/// Unique heading ids within one page.
#[derive(Default)]
struct HeadingIds(HashSet<String>);

impl HeadingIds {
    fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() { "section".to_string() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

fn markdown(input: &BodyInput<'_>) -> BodyHtml {
    let article = input.article;
    let options = markdown_options(&input.config.markdown);
    let mut walker = BlockWalker::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut next_block = 0usize;
    let mut skipping = false;
    let mut placed = HashSet::new();
    let mut decorations = BlockDecorations::default();
    let mut ids = HeadingIds::default();
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
    let mut code: Option<(String, String)> = None;
    let mut result = BodyHtml::default();
    for event in Parser::new_ext(&article.body, options).map(super::sanitize::defang) {
        let step = walker.step(&event);
        match step {
            Step::Open(kind) => {
                let i = next_block;
                next_block += 1;
                decorations = BlockDecorations::new(input.decorations, i);
                let r = role(input, i);
                skipping = !matches!(r, BlockRole::Text | BlockRole::Subhead | BlockRole::Signoff);
                if let Some(n) = figure_here(input, i, &mut placed) {
                    events.push(Event::Html(CowStr::from(
                        input.figures.get(n).cloned().unwrap_or_default(),
                    )));
                }
                if skipping {
                    continue;
                }
                if let (
                    BlockKind::Heading(_),
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes,
                        attrs,
                    }),
                ) = (kind, &event)
                {
                    let text = article.blocks.get(i).map_or("", |b| b.text.as_str());
                    let id = ids.unique(text);
                    events.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                    continue;
                }
            }
            Step::Single => {
                next_block += 1;
                if let Event::Html(h) | Event::InlineHtml(h) = &event {
                    result.had_raw_html |= !h.trim().is_empty();
                }
                events.push(event);
                continue;
            }
            Step::Outside => {
                events.push(event);
                continue;
            }
            Step::Inside | Step::Close => {}
        }
        if skipping {
            if step == Step::Close {
                skipping = false;
            } else {
                walker.text.skip(&event);
            }
            continue;
        }
        // Inside a rendered block: track the text position and apply decorations.
        let at = walker.text.skip(&event);
        match &event {
            Event::Start(Tag::Link { .. }) => link_depth += 1,
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    result.has_code |= !lang.is_empty();
                    events.push(Event::Html(CowStr::from(input.highlighter.highlight(&text, &lang))));
                }
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) => result.had_raw_html |= !h.trim().is_empty(),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Event::Start(Tag::Heading { id: Some(id), .. })) = events
                    .iter()
                    .rev()
                    .find(|e| matches!(e, Event::Start(Tag::Heading { .. })))
                {
                    let anchor =
                        format!("<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>");
                    events.push(Event::InlineHtml(CowStr::from(anchor)));
                }
            }
            _ => {}
        }
        if let Some((_, text)) = code.as_mut() {
            if let Event::Text(t) = &event {
                text.push_str(t);
            }
            continue;
        }
        match (&event, at) {
            (Event::Text(t), Some(start)) if image_depth == 0 && !decorations.is_empty() => {
                let mut html = String::new();
                decorations.run(t, start, link_depth > 0, false, &mut html);
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            _ => events.push(event),
        }
    }
    let mut html = String::with_capacity(article.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if result.had_raw_html && !input.config.unsafe_html {
        html = super::sanitize::clean(&html);
    }
    result.html = html;
    result
}

/// Escapes plain text for HTML (for callers that build small fragments).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}
