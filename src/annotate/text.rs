//! The text that Web Annotation selectors count in: the text content of the article body
//! element (`.story-body`), as a browser computes it from the rendered HTML — entities decoded,
//! tags gone, white space between blocks kept — with the note UI (every element carrying
//! `data-note-ui`: the numbered buttons and the notes themselves) left out.
//!
//! It is read back from the HTML the page really carries, with the HTML tokenizer browsers
//! follow, rather than rebuilt from the article's blocks: figures, code, lists and decorations
//! all add or change text, and only the rendered page says exactly how.

use std::cell::RefCell;
use std::collections::BTreeMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// The attribute that marks note UI, which is not part of the annotated text.
pub const NOTE_UI: &str = "data-note-ui";
/// The attribute that names the note of each segment of a highlight.
pub const NOTE: &str = "data-note";

/// The body's text and where each note's highlighted words lie in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    /// The text, one entry per Unicode code point: selectors count code points.
    pub chars: Vec<char>,
    /// Code point ranges of the notes' words, by the note's fragment (`annotation-ID`): from the
    /// first highlight segment to the note's UI, which follows its last.
    pub notes: BTreeMap<String, (usize, usize)>,
}

impl BodyText {
    /// Reads the text of a rendered body (the HTML placed inside the body element).
    pub fn from_html(html: &str) -> BodyText {
        let sink = Sink::default();
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from_slice(html));
        let _ = tokenizer.feed(&queue);
        tokenizer.end();
        let state = tokenizer.sink.state.into_inner();
        let notes = state
            .starts
            .into_iter()
            .filter_map(|(name, start)| {
                let end = *state.ends.get(&name)?;
                (end >= start).then_some((name, (start, end)))
            })
            .collect();
        BodyText {
            chars: state.chars,
            notes,
        }
    }

    /// The text between two code point positions.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// A prefix and suffix for the words at `start..end`: the exact neighbouring text, at least
    /// `min` code points of it (less only at the text's edges), lengthened until prefix, words
    /// and suffix occur exactly once in the text, which is how a strict quote matcher reads them.
    pub fn context(&self, start: usize, end: usize, min: usize) -> (String, String) {
        let text: String = self.chars.iter().collect();
        let mut n = min.max(1);
        loop {
            let prefix = self.slice(start.saturating_sub(n), start);
            let suffix = self.slice(end, end + n);
            let pattern = format!("{prefix}{}{suffix}", self.slice(start, end));
            let whole = start <= n && end + n >= self.chars.len();
            if whole || occurrences(&text, &pattern) <= 1 {
                return (prefix, suffix);
            }
            n *= 2;
        }
    }
}

/// How often `pattern` occurs in `text`, overlapping occurrences included.
fn occurrences(text: &str, pattern: &str) -> usize {
    let Some(first) = pattern.chars().next() else {
        return 0;
    };
    let mut count = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find(pattern) {
        count += 1;
        from += i + first.len_utf8();
    }
    count
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    chars: Vec<char>,
    starts: BTreeMap<String, usize>,
    ends: BTreeMap<String, usize>,
    /// Depth inside note UI; its text is not counted.
    ui_depth: usize,
    /// The HTML parser drops a newline right after `<pre>`, `<listing>` and `<textarea>`.
    drop_newline: bool,
}

/// Elements without an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.state.borrow_mut();
        let drop_newline = std::mem::take(&mut s.drop_newline);
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let opens = tag.kind == TagKind::StartTag && !tag.self_closing && !is_void(name);
                if s.ui_depth > 0 {
                    if opens {
                        s.ui_depth += 1;
                    } else if tag.kind == TagKind::EndTag && !is_void(name) {
                        s.ui_depth -= 1;
                    }
                    return TokenSinkResult::Continue;
                }
                if tag.kind != TagKind::StartTag {
                    return TokenSinkResult::Continue;
                }
                let at = s.chars.len();
                for attr in &tag.attrs {
                    let value = attr.value.to_string();
                    match &*attr.name.local {
                        NOTE_UI => {
                            s.ends.entry(value).or_insert(at);
                            if opens {
                                s.ui_depth = 1;
                            }
                        }
                        NOTE if name == "mark" => {
                            s.starts.entry(value).or_insert(at);
                        }
                        _ => {}
                    }
                }
                match name {
                    "pre" | "listing" | "textarea" => s.drop_newline = true,
                    _ => {}
                }
                match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::CharacterTokens(text) if s.ui_depth == 0 => {
                let text: &str = &text;
                let text = if drop_newline {
                    text.strip_prefix('\n').unwrap_or(text)
                } else {
                    text
                };
                s.chars.extend(text.chars());
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_what_a_browser_reads_without_the_note_ui() {
        let html = concat!(
            "<p>Fish &amp; chips at <mark id=\"annotation-a\" data-note=\"annotation-a\">the </mark>",
            "<em><mark data-note=\"annotation-a\">new</mark></em><mark data-note=\"annotation-a\"> harbour</mark>",
            "<button data-note-ui=\"annotation-a\">1</button><span data-note-ui=\"annotation-a\" class=\"note\">",
            "Note <em>one</em><br> more</span>, said&nbsp;Ana.</p>\n<pre>\ncode &lt;x&gt;\n</pre>\n"
        );
        let t = BodyText::from_html(html);
        let text: String = t.chars.iter().collect();
        assert_eq!(text, "Fish & chips at the new harbour, said\u{a0}Ana.\ncode <x>\n\n");
        let (start, end) = t.notes["annotation-a"];
        assert_eq!(t.slice(start, end), "the new harbour");
        assert_eq!((start, end), (16, 31), "counted in code points");
    }

    #[test]
    fn context_grows_until_the_quote_is_unique() {
        let t = BodyText::from_html("<p>the port was busy; later the port was busy too</p>");
        let at = |s: &str, n: usize| {
            let text: String = t.chars.iter().collect();
            let byte = text.match_indices(s).nth(n).map(|(i, _)| i).unwrap_or_default();
            text[..byte].chars().count()
        };
        let start = at("the port", 1);
        let (prefix, suffix) = t.context(start, start + 8, 2);
        assert_eq!(
            (prefix.as_str(), suffix.as_str()),
            ("r ", " w"),
            "the exact neighbouring text, spaces included"
        );
        let (prefix, suffix) = t.context(0, 8, 2);
        assert_eq!(
            (prefix.as_str(), suffix.as_str()),
            ("", " was busy; later"),
            "lengthened until unique"
        );
    }
}
