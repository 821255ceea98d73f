//! Anchoring: finding the one place in an article's text that an annotation's quote refers to,
//! the way the W3C TextQuoteSelector does — exact words, optionally narrowed by the words just
//! before (prefix) and after (suffix) — against the text as a reader sees it.
//!
//! Text is compared after normalising what a reader cannot tell apart or would not type the
//! same way: curly and straight quotes, dashes, ellipses and runs of white space. Anything else
//! must match exactly, so an annotation never drifts to other words when an article changes.

use crate::model::{Anchor, Block};

/// The article's text in normalised form, with a way back to the original blocks.
#[derive(Debug, Clone)]
pub struct ReaderText {
    /// All blocks, normalised, separated by a single space.
    pub text: String,
    /// For each byte of `text`: (block, byte offset in the original block text).
    map: Vec<(usize, usize)>,
    /// Byte offset in `text` where each block starts.
    starts: Vec<usize>,
}

/// One place where a quote matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
}

impl ReaderText {
    pub fn new(blocks: &[Block]) -> Self {
        let mut text = String::new();
        let mut map = Vec::new();
        let mut starts = Vec::with_capacity(blocks.len());
        for (b, block) in blocks.iter().enumerate() {
            if b > 0 {
                push_mapped(&mut text, &mut map, " ", (b, 0));
            }
            starts.push(text.len());
            let mut last_space = true;
            for (i, c) in block.text.char_indices() {
                let norm = normalise_char(c);
                if norm == " " {
                    if !last_space {
                        push_mapped(&mut text, &mut map, " ", (b, i));
                    }
                    last_space = true;
                } else if norm == "-" && text.ends_with('-') && !last_space {
                    // A run of dashes ("--" typed for one) reads as one dash. The run's first
                    // character stays its anchor; the rest extend it.
                    if let Some(last) = map.last_mut() {
                        last.1 = i;
                    }
                } else {
                    push_mapped(&mut text, &mut map, norm.as_ref(), (b, i));
                    last_space = false;
                }
            }
        }
        ReaderText { text, map, starts }
    }

    /// Every place `quote` occurs that also has `prefix` just before and `suffix` just after.
    pub fn find(&self, quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> Vec<Match> {
        let q = normalise(quote);
        if q.is_empty() {
            return Vec::new();
        }
        let prefix = prefix.map(normalise).filter(|p| !p.is_empty());
        let suffix = suffix.map(normalise).filter(|s| !s.is_empty());
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = self.text[from..].find(&q) {
            let start = from + i;
            let end = start + q.len();
            let before = self.text[..start].trim_end();
            let after = self.text[end..].trim_start();
            let ok = prefix.as_deref().is_none_or(|p| before.ends_with(p))
                && suffix.as_deref().is_none_or(|s| after.starts_with(s));
            if ok {
                out.push(Match { start, end });
            }
            from = start + q.chars().next().map_or(1, char::len_utf8);
        }
        out
    }

    /// The anchor of a match in the original blocks, when it lies within one block.
    pub fn anchor(&self, m: Match, blocks: &[Block]) -> Option<Anchor> {
        let (block, start) = *self.map.get(m.start)?;
        let (end_block, last) = *self.map.get(m.end.checked_sub(1)?)?;
        if end_block != block {
            return None;
        }
        let text = &blocks.get(block)?.text;
        let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
        Some(Anchor { block, start, end })
    }

    /// The block a position of the normalised text belongs to.
    pub fn block_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// A short excerpt around a match: "…words before [quote] words after…".
    pub fn context(&self, m: Match, width: usize) -> String {
        // Widen to whole words so the excerpt reads cleanly.
        let lo = floor(&self.text, m.start.saturating_sub(width));
        let lo = if lo == 0 || self.text[..lo].ends_with(' ') {
            lo
        } else {
            self.text[lo..m.start].find(' ').map_or(lo, |i| lo + i + 1)
        };
        let hi = floor(&self.text, (m.end + width).min(self.text.len()));
        let hi = if hi == self.text.len() || self.text[hi..].starts_with(' ') {
            hi
        } else {
            self.text[m.end..hi].rfind(' ').map_or(hi, |i| m.end + i)
        };
        format!(
            "{}{}[{}]{}{}",
            if lo > 0 { "…" } else { "" },
            &self.text[lo..m.start],
            &self.text[m.start..m.end],
            &self.text[m.end..hi],
            if hi < self.text.len() { "…" } else { "" }
        )
    }

    /// The normalised text before a match, for finding a disambiguating prefix.
    pub fn before(&self, m: Match) -> &str {
        &self.text[..m.start]
    }

    /// The normalised text after a match.
    pub fn after(&self, m: Match) -> &str {
        &self.text[m.end..]
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn push_mapped(text: &mut String, map: &mut Vec<(usize, usize)>, s: &str, at: (usize, usize)) {
    text.push_str(s);
    map.extend(std::iter::repeat_n(at, s.len()));
}

/// How one character reads for matching purposes.
fn normalise_char(c: char) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    match c {
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => Cow::Borrowed("\""),
        '‘' | '’' | '‚' | '‛' | '′' => Cow::Borrowed("'"),
        '–' | '—' | '―' | '‒' | '−' => Cow::Borrowed("-"),
        '…' => Cow::Borrowed("..."),
        c if c.is_whitespace() => Cow::Borrowed(" "),
        c => Cow::Owned(c.to_string()),
    }
}

/// A string as `ReaderText` compares it.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let n = normalise_char(c);
        if n == " " {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if n == "-" && out.ends_with('-') && !last_space {
            // A run of dashes ("--" typed for one) reads as one dash.
        } else {
            out.push_str(&n);
            last_space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::paragraph(*t, 1, 0..0)).collect()
    }

    #[test]
    fn matches_across_typography_and_white_space() {
        let b = blocks(&[
            "He called it “quite  productive”\nand left — fast.",
            "Second paragraph.",
        ]);
        let rt = ReaderText::new(&b);
        let cases = [
            ("\"quite productive\"", 1),
            ("it “quite productive” and left - fast", 1),
            ("left -- fast", 1),
            ("quite productive ", 1),
            ("Quite productive", 0),
            ("fast. Second", 1),
        ];
        for (quote, n) in cases {
            assert_eq!(rt.find(quote, None, None).len(), n, "{quote}");
        }
        let m = rt.find("quite productive", None, None)[0];
        let a = rt.anchor(m, &b).unwrap();
        assert_eq!(&b[0].text[a.start..a.end], "quite  productive");
        assert!(
            rt.anchor(rt.find("fast. Second", None, None)[0], &b).is_none(),
            "spans two blocks"
        );
    }

    #[test]
    fn typed_double_dashes_in_wire_copy_anchor() {
        let b = blocks(&["ATLANTA (CNN) -- The talks ended."]);
        let rt = ReaderText::new(&b);
        for quote in ["(CNN) -- The talks", "(CNN) - The talks", "(CNN) — The talks"] {
            let found = rt.find(quote, None, None);
            assert_eq!(found.len(), 1, "{quote}");
            let a = rt.anchor(found[0], &b).unwrap();
            assert_eq!(&b[0].text[a.start..a.end], "(CNN) -- The talks");
        }
        let a = rt.anchor(rt.find("CNN) --", None, None)[0], &b).unwrap();
        assert_eq!(
            &b[0].text[a.start..a.end],
            "CNN) --",
            "a trailing run of dashes is anchored whole"
        );
    }

    #[test]
    fn prefix_and_suffix_narrow_the_match() {
        let b = blocks(&["the port of Sines was busy; later the port of Sines was quiet"]);
        let rt = ReaderText::new(&b);
        assert_eq!(rt.find("port of Sines", None, None).len(), 2);
        assert_eq!(rt.find("port of Sines", Some("later the"), None).len(), 1);
        assert_eq!(
            rt.find("port of Sines", Some("later the "), None).len(),
            1,
            "trailing space in the prefix is fine"
        );
        assert_eq!(rt.find("port of Sines", None, Some("was quiet")).len(), 1);
        assert_eq!(rt.find("port of Sines", Some("nowhere"), None).len(), 0);
        let m = rt.find("port of Sines", None, Some("was quiet"))[0];
        assert_eq!(rt.context(m, 10), "…later the [port of Sines] was quiet");
    }
}
