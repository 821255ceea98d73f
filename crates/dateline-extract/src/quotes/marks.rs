//! Quotation marks paired by where they stand, and whether the quoted words are a quotation.
//!
//! Marks are paired by position, not glyph, because typographic conversion often gets the
//! direction wrong (`… at all costs,“ he said`). A quotation is at least four words and not a
//! title ("Wait Wait … Don’t Tell Me!"); shorter quoted bits are scare quotes.

use crate::lists::TITLE_SMALL_WORDS;
use crate::text::{is_double_quote, is_single_quote, word_count_up_to};

/// A pair of quotation marks in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words (trimmed).
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark (or the end of the block).
    pub close: usize,
    pub closed: bool,
    /// The quoted words are a quotation, not a scare quote or a title ([`is_quotation`]).
    pub quotation: bool,
}

fn opens_after(p: char) -> bool {
    p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '‘' | '\'' | ':') || is_double_quote(p)
}

fn closes_before(n: char) -> bool {
    n.is_whitespace()
        || matches!(
            n,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-' | '…' | '’' | '\''
        )
        || is_double_quote(n)
}

/// Pairs the double quotation marks of `text`.
pub fn spans(text: &str) -> Vec<QuoteSpan> {
    spans_of(text, is_double_quote, [b'"', 0xE2, 0xC2], &['“', '„', '«'], &['”', '»'])
}

/// Pairs single quotation marks (used for quotes in headlines), telling apostrophes apart.
pub fn single_spans(text: &str) -> Vec<QuoteSpan> {
    spans_of(text, is_single_quote, [b'\'', 0xE2, 0xE2], &['‘'], &['’'])
}

/// Pairs the marks for which `is_mark` holds; each of them starts with one of `first_bytes`
/// (an ASCII mark or the lead byte of a longer one), so the text is searched for those bytes
/// and decoded only where they stand.
fn spans_of(
    text: &str,
    is_mark: fn(char) -> bool,
    first_bytes: [u8; 3],
    openers: &[char],
    closers: &[char],
) -> Vec<QuoteSpan> {
    let [a, b, c] = first_bytes;
    let mut marks: Vec<(usize, char)> = Vec::new();
    for i in memchr::memchr3_iter(a, b, c, text.as_bytes()) {
        if let Some(c) = text[i..].chars().next().filter(|&c| is_mark(c)) {
            marks.push((i, c));
        }
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < marks.len() {
        let (pos, c) = marks[k];
        let len = c.len_utf8();
        let prev = text[..pos].chars().next_back();
        let next = text[pos + len..].chars().next();
        // An apostrophe inside a word ("don’t", "Roes’ ") is not a quotation mark.
        let apostrophe = is_single_quote(c)
            && prev.is_some_and(char::is_alphanumeric)
            && (next.is_some_and(char::is_alphanumeric)
                || c != '‘' && prev.is_some_and(|p| p == 's') && open.is_none());
        if apostrophe && !(open.is_some() && next.is_none_or(closes_before) && !next.is_some_and(char::is_alphanumeric))
        {
            k += 1;
            continue;
        }
        let can_open = prev.is_none_or(opens_after) && next.is_some_and(|n| !n.is_whitespace());
        let can_close = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
        match open {
            None => {
                if can_open || openers.contains(&c) && next.is_some() {
                    // Doubled marks ("““This") open once.
                    let mut start = pos + len;
                    while k + 1 < marks.len() && marks[k + 1].0 == start {
                        start += marks[k + 1].1.len_utf8();
                        k += 1;
                    }
                    open = Some((pos, start));
                }
            }
            Some((opos, ostart)) => {
                if can_close || !can_open && (closers.contains(&c) || !openers.contains(&c)) {
                    push(&mut out, text, opos, ostart, pos, pos + len, true);
                    open = None;
                } else if can_open && openers.contains(&c) {
                    // A new quotation opens before the last one closed: that one ran on.
                    push(&mut out, text, opos, ostart, pos, pos, false);
                    open = Some((pos, pos + len));
                }
            }
        }
        k += 1;
    }
    if let Some((opos, ostart)) = open {
        push(&mut out, text, opos, ostart, text.len(), text.len(), false);
    }
    out
}

fn push(out: &mut Vec<QuoteSpan>, text: &str, open: usize, start: usize, end: usize, close: usize, closed: bool) {
    if end <= start {
        return;
    }
    let inner = &text[start..end];
    let s = start + (inner.len() - inner.trim_start().len());
    let e = end - (inner.len() - inner.trim_end().len());
    if e > s {
        out.push(QuoteSpan {
            open,
            start: s,
            end: e,
            close,
            closed,
            quotation: is_quotation(&text[s..e]),
        });
    }
}

/// Whether quoted words are a quotation rather than a scare quote or a title: at least four
/// words, and not every word capitalised.
pub fn is_quotation(words_text: &str) -> bool {
    // Counting past 13 changes nothing: more than twelve words are never a title.
    let n = word_count_up_to(words_text, 13);
    if n < 4 {
        return false;
    }
    if n > 12 {
        return true;
    }
    let small = |w: &str| TITLE_SMALL_WORDS.contains(w.trim_matches(|c: char| !c.is_alphanumeric()));
    // A title: of the words with a letter, at least half start with a capital (at their first
    // letter or digit) and every one is capitalised, a number or a small word.
    let (mut lettered, mut caps, mut title_case) = (0, 0, true);
    for w in words_text.split_whitespace() {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        lettered += 1;
        let first = w.chars().find(|c| c.is_alphanumeric());
        let upper = first.is_some_and(char::is_uppercase);
        caps += usize::from(upper);
        title_case &= upper || first.is_some_and(char::is_numeric) || small(w);
    }
    !(caps * 2 >= lettered && title_case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&str, bool)> {
        spans(text)
            .into_iter()
            .map(|q| (&text[q.start..q.end], q.closed))
            .collect()
    }

    #[test]
    fn marks_pair_by_position() {
        let rows: &[(&str, &[(&str, bool)])] = &[
            (
                "“A b c d,” he said, “e f g h.”",
                &[("A b c d,", true), ("e f g h.", true)],
            ),
            ("\"A b,\" he said.", &[("A b,", true)]),
            (
                "“When all is done,“ he said, “we go.”",
                &[("When all is done,", true), ("we go.", true)],
            ),
            (
                "“We had demand and continue to see ” Roe said.",
                &[("We had demand and continue to see", true)],
            ),
            (
                "She said: “I would like to stress this.",
                &[("I would like to stress this.", false)],
            ),
            (
                "““This is a very unfair trial,” he said.",
                &[("This is a very unfair trial,", true)],
            ),
            (
                "“Operating is hard,” Roe said. “ I love it.”",
                &[("Operating is hard,", true), ("I love it.", true)],
            ),
            ("no quotes here", &[]),
            ("“", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(pairs(text), *want, "{text}");
        }
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        assert!(!is_quotation("foreign agent"));
        assert!(!is_quotation("Wait, Wait … Don’t Tell Me!"));
        assert!(!is_quotation("The World of Tomorrow."));
        assert!(is_quotation("quick exam and labs"));
        assert!(is_quotation("We will not accept attempts,"));
    }
}
