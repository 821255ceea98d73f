//! Article bodies split into top-level blocks with the plain text a reader sees.
//!
//! Extraction, annotation anchoring and rendering all address text by (block, byte range), so
//! the text here must be exactly what rendering streams out: for Markdown it is collected from
//! the same pulldown-cmark events, with the same options, that `render::markdown` uses.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::MarkdownConfig;
use crate::model::{Block, BlockKind};

/// Whether Markdown `body` has a fenced code block naming its language (```` ```rust ````),
/// the only kind the renderer highlights: most news articles have none.
pub fn names_a_code_language(body: &str, config: &MarkdownConfig) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    if !body.contains("```") && !body.contains("~~~") {
        return false;
    }
    Parser::new_ext(body, markdown_options(config)).any(|e| match e {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            !info.split([',', ' ']).next().unwrap_or("").trim().is_empty()
        }
        _ => false,
    })
}

/// The Markdown dialect of the archive; parse and render must agree on it.
pub fn markdown_options(config: &MarkdownConfig) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if config.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Splits a Markdown body into top-level blocks. `first_line` is the file line of `body`'s start.
pub fn markdown_blocks(body: &str, first_line: usize, options: Options) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut walker = BlockWalker::default();
    let mut current: Option<Block> = None;
    let mut lines = LineCounter::new(body, first_line);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match walker.step(&event) {
            Step::Open(kind) => {
                current = Some(Block {
                    kind,
                    text: String::new(),
                    line: lines.line_at(range.start),
                    source: range.clone(),
                });
            }
            Step::Single => blocks.push(Block {
                kind: BlockKind::Other,
                text: String::new(),
                line: lines.line_at(range.start),
                source: range,
            }),
            Step::Inside => {
                if let Some(b) = current.as_mut() {
                    walker.text.apply(&event, &mut b.text);
                }
            }
            Step::Close => {
                if let Some(mut b) = current.take() {
                    b.source.end = range.end;
                    blocks.push(b);
                }
            }
            Step::Outside => {}
        }
    }
    blocks
}

/// What a Markdown event means for top-level block structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A new top-level block starts with this event.
    Open(BlockKind),
    /// A top-level block that is a single event (a rule, an HTML line).
    Single,
    /// An event inside the current block.
    Inside,
    /// The event that ends the current block.
    Close,
    /// Between blocks (reference definitions and the like).
    Outside,
}

/// Follows nesting depth through an event stream so parse and render agree on what a top-level
/// block is and where the plain text of each block stands.
#[derive(Debug, Default)]
pub struct BlockWalker {
    depth: usize,
    pub text: TextCursor,
}

impl BlockWalker {
    pub fn step(&mut self, event: &Event<'_>) -> Step {
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                if self.depth == 1 {
                    self.text = TextCursor::default();
                    Step::Open(match tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { level, .. } => BlockKind::Heading(heading_level(*level)),
                        _ => BlockKind::Other,
                    })
                } else {
                    Step::Inside
                }
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 { Step::Close } else { Step::Inside }
            }
            Event::Rule | Event::Html(_) | Event::InlineHtml(_) if self.depth == 0 => Step::Single,
            _ if self.depth == 0 => Step::Outside,
            _ => Step::Inside,
        }
    }
}

/// The plain text of a block, accumulated event by event; `len` is where the next text lands.
#[derive(Debug, Default)]
pub struct TextCursor {
    pub len: usize,
    last: Option<char>,
}

impl TextCursor {
    /// Appends what `event` contributes to `out` and advances. Returns the byte offset in the
    /// block text at which the event's own text starts, for text-bearing events.
    pub fn apply(&mut self, event: &Event<'_>, out: &mut String) -> Option<usize> {
        self.advance(event, |s| out.push_str(s))
    }

    /// Like `apply`, without keeping the text.
    pub fn skip(&mut self, event: &Event<'_>) -> Option<usize> {
        self.advance(event, |_| {})
    }

    fn advance(&mut self, event: &Event<'_>, mut push: impl FnMut(&str)) -> Option<usize> {
        let mut emit = |s: &str, this: &mut Self| {
            push(s);
            this.len += s.len();
            this.last = s.chars().last().or(this.last);
        };
        match event {
            Event::Text(t) | Event::Code(t) => {
                let at = self.len;
                emit(t, self);
                Some(at)
            }
            Event::SoftBreak | Event::HardBreak => {
                emit("\n", self);
                None
            }
            // Items, rows and nested paragraphs read as separate lines.
            Event::Start(Tag::Item | Tag::TableRow | Tag::TableHead | Tag::Paragraph) => {
                if self.len > 0 && self.last != Some('\n') {
                    emit("\n", self);
                }
                None
            }
            Event::End(TagEnd::TableCell) => {
                emit("\t", self);
                None
            }
            _ => None,
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Splits wire copy into paragraphs at blank lines. Lines keep their breaks as `\n`, trimmed.
pub fn wire_blocks(body: &str, first_line: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut open: Option<Block> = None;
    for (i, raw) in body.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(b) = open.take() {
                blocks.push(b);
            }
        } else {
            let b = open.get_or_insert_with(|| Block::paragraph(String::new(), first_line + i, offset..offset));
            if !b.text.is_empty() {
                b.text.push('\n');
            }
            b.text.push_str(trimmed);
            b.source.end = offset + line.len();
        }
        offset += raw.len();
    }
    if let Some(b) = open.take() {
        blocks.push(b);
    }
    blocks
}

/// Turns byte offsets into 1-based line numbers, scanning forward only (offsets come in order).
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: first_line,
        }
    }

    fn line_at(&mut self, offset: usize) -> usize {
        if offset > self.offset {
            let end = offset.min(self.text.len());
            self.line += self.text.as_bytes()[self.offset..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = end;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        markdown_options(&MarkdownConfig::default())
    }

    #[test]
    fn only_a_fence_that_names_a_language_asks_for_highlighting() {
        let cases = [
            ("Text.\n\n```rust\nfn x() {}\n```\n", true),
            ("~~~ python\nprint(1)\n~~~\n", true),
            ("```toml,linenos\na = 1\n```\n", true),
            ("```\nplain\n```\n", false),
            ("    indented code\n", false),
            ("Prose with ``` inside a line.\n", false),
            ("No code at all.\n", false),
        ];
        for (body, expected) in cases {
            assert_eq!(
                names_a_code_language(body, &MarkdownConfig::default()),
                expected,
                "{body:?}"
            );
        }
    }

    #[test]
    fn markdown_blocks_carry_reader_text_and_lines() {
        let body =
            "# Head\n\nSome *emphasis* and \"quotes\".\nSecond line.\n\n- one\n- two\n\n```rust\nfn x() {}\n```\n";
        let blocks = markdown_blocks(body, 5, opts());
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(blocks[0].line, 5);
        assert_eq!(blocks[1].text, "Some emphasis and “quotes”.\nSecond line.");
        assert_eq!(blocks[1].line, 7);
        assert_eq!(blocks[2].kind, BlockKind::Other);
        assert_eq!(blocks[2].text, "one\ntwo");
        assert_eq!(blocks[3].line, 13);
        assert_eq!(
            &body[blocks[1].source.clone()],
            "Some *emphasis* and \"quotes\".\nSecond line.\n"
        );
    }

    #[test]
    fn wire_paragraphs_split_at_blank_lines() {
        let body = "By Jane Roe\n\n  MOSCOW (AP) — First\nparagraph.\n   \nTitle line\nCaption. AP Photo/X\n";
        let blocks = wire_blocks(body, 3);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "By Jane Roe",
                "MOSCOW (AP) — First\nparagraph.",
                "Title line\nCaption. AP Photo/X"
            ]
        );
        let lines: Vec<usize> = blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 5, 8]);
    }
}
