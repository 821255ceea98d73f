//! Quotation marks paired by where they stand, and whether the quoted words are a quotation.
//!
//! Marks are paired by position, not glyph, because typographic conversion often gets the
//! direction wrong (`… at all costs,“ he said`). A quotation is at least four words and not a
//! title ("Hold On … Don’t Hang Up!"); shorter quoted bits are scare quotes.

use crate::lists::{QUOTATIVE_VERBS, TITLE_SMALL_WORDS, WORK_NOUNS};
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

/// Pairs the double quotation marks of `text`, and the corner brackets of Chinese and Japanese
/// text (「…」), which quote speech there.
pub fn spans(text: &str) -> Vec<QuoteSpan> {
    let marks = marks_of(text, is_double_quote, [b'"', 0xE2, 0xC2]);
    let mut out = pair(text, &marks, &['“', '„', '«'], &['”', '»']);
    // Corner brackets start with the lead byte of most kana and ideographs: looked for only in
    // text that has one, paired apart from the other marks, and kept only where they quote
    // speech outside any other quotation.
    if memchr::memchr(CORNER_LEAD_BYTE, text.as_bytes()).is_some() {
        let corners = marks_of(text, is_corner_bracket, [CORNER_LEAD_BYTE; 3]);
        let speech = pair(text, &corners, &['「'], &['」'])
            .into_iter()
            .filter(|q| q.closed && q.quotation && reported_speech(text, q));
        for q in speech {
            let i = out.partition_point(|o| o.open < q.open);
            let clear = out.get(i).is_none_or(|o| o.open >= q.close) && (i == 0 || out[i - 1].close <= q.open);
            if clear {
                out.insert(i, q);
            }
        }
    }
    out
}

/// Corner brackets also set off terms and names ("「Acme」を", "「Acme」という"); they quote
/// speech when the quotative particle and a speech verb follow (Japanese "「…」と述べた") or a
/// colon leads in (Chinese "他說：「…」").
fn reported_speech(text: &str, q: &QuoteSpan) -> bool {
    let after = text[q.close..].strip_prefix('と').and_then(|rest| rest.chars().next());
    let mut buf = [0u8; 4];
    after.is_some_and(|c| QUOTATIVE_VERBS.contains(c.encode_utf8(&mut buf)))
        || text[..q.open].trim_end().ends_with(['：', ':'])
}

/// The lead byte of 「 and 」 in UTF-8.
const CORNER_LEAD_BYTE: u8 = 0xE3;

/// 「 and 」 quote speech in Chinese and Japanese; the white corner brackets 『』 mark titles of
/// works and quotes inside quotes, so they are left alone.
fn is_corner_bracket(c: char) -> bool {
    matches!(c, '「' | '」')
}

/// Pairs single quotation marks (used for quotes in headlines), telling apostrophes apart.
pub fn single_spans(text: &str) -> Vec<QuoteSpan> {
    let marks = marks_of(text, is_single_quote, [b'\'', 0xE2, 0xE2]);
    pair(text, &marks, &['‘'], &['’'])
}

/// The marks for which `is_mark` holds, with their offsets; each of them starts with one of
/// `first_bytes` (an ASCII mark or the lead byte of a longer one), so the text is searched for
/// those bytes and decoded only where they stand.
fn marks_of(text: &str, is_mark: fn(char) -> bool, first_bytes: [u8; 3]) -> Vec<(usize, char)> {
    let [a, b, c] = first_bytes;
    memchr::memchr3_iter(a, b, c, text.as_bytes())
        .filter_map(|i| text[i..].chars().next().filter(|&c| is_mark(c)).map(|c| (i, c)))
        .collect()
}

/// Pairs marks by where they stand: a mark after a space opens, one before a space or
/// punctuation closes, and an unmistakable opener or closer decides when the position does not.
fn pair(text: &str, marks: &[(usize, char)], openers: &[char], closers: &[char]) -> Vec<QuoteSpan> {
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
        // A double mark glued to a number is an inch mark ("a 34" monitor", "65"-inch"), which
        // opens nothing.
        let inch_mark = open.is_none()
            && !is_single_quote(c)
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_whitespace() || n.is_alphanumeric() || n == '-');
        if inch_mark {
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
                // French sets guillemets off with spaces inside them: "« Nous gagnerons », dit-il".
                let spaced_guillemet = c == '»' && prev.is_some_and(char::is_whitespace);
                if can_close
                    || spaced_guillemet
                    || stray_space_before_close(text, pos, next)
                    || !can_open && (closers.contains(&c) || !openers.contains(&c))
                {
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

/// A mark standing alone between spaces right after the end of a sentence or clause closes the
/// quotation that is open (`“Why now? ” she asked`), whichever way typographic conversion
/// turned it: a quotation never opens on a space.
fn stray_space_before_close(text: &str, pos: usize, next: Option<char>) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\u{a0}']);
    before.len() < pos && next.is_none_or(char::is_whitespace) && before.ends_with(['.', ',', '?', '!', '…', ';'])
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
            quotation: is_quotation(&text[s..e]) && !names_a_work(&text[..open], &text[s..e]),
        });
    }
}

/// Capitalised words quoted right after the noun for a work ("his book “…”", "the ebook “…”",
/// "a report titled “…”", "this year’s theme ‘…’") are its title, not a quotation, whatever the
/// case of the words after the first. Words opening in lower case are quoted of the work ("to
/// finish the film “the way it was meant to be”").
fn names_a_work(before: &str, quoted: &str) -> bool {
    if !quoted
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        return false;
    }
    let before = before.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    !word.is_empty() && WORK_NOUNS.contains_lowercase_of(word)
}

/// Whether quoted words are a quotation rather than a scare quote or a title: at least four
/// words, and not every word capitalised, however many there are ("Financial Freedom: A
/// Proven Path to All the Money You Will Ever Need" is a title).
pub fn is_quotation(words_text: &str) -> bool {
    // Counting past 13 tells only that the words are many.
    let n = words_up_to(words_text, 13);
    if n < 4 {
        return false;
    }
    // A long run of words all in capitals is someone shouting, not a title.
    if n > 12 && !words_text.chars().any(char::is_lowercase) {
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
        // One word that a title would not hold settles it: the words after it change nothing.
        if !title_case {
            return true;
        }
    }
    !(caps * 2 >= lettered && title_case)
}

/// A few words in quotation marks that nobody is said to have spoken and that end no sentence
/// ("the so-called “toll-free harbour” plan", "what she calls “put yourself out there”"): a
/// phrase held at arm's length or a title, not a quotation of speech.
pub(super) fn scare_quote(words: &str) -> bool {
    let ends_sentence = words
        .trim_end_matches(['’', '\'', '"', ')'])
        .ends_with(['.', '?', '!', '…', ',']);
    !ends_sentence && words_up_to(words, 6) < 6
}

/// The words of `text`, counted no further than `limit`; in Chinese and Japanese, which put no
/// spaces between words, about two characters make one.
fn words_up_to(text: &str, limit: usize) -> usize {
    let n = word_count_up_to(text, limit);
    if n < limit && !text.is_ascii() {
        n.max(unspaced_words(text))
    } else {
        n
    }
}

/// Words in Chinese and Japanese text, which puts no spaces between them: a word is about two
/// ideographs or kana ("明日は東京に行きます" is about five words; "脱獄", a term, is one).
fn unspaced_words(text: &str) -> usize {
    let unspaced = text
        .chars()
        .filter(|&c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
        .count();
    unspaced / 2
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
            // Inch marks open nothing; a quotation ending in a number still closes.
            (
                "The 34\" monitor and the 65“ set cost less, he said. “We won in 1999” she said.",
                &[("We won in 1999", true)],
            ),
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
                "““This is a very long meeting,” he said.",
                &[("This is a very long meeting,", true)],
            ),
            (
                "“Operating is hard,” Roe said. “ I love it.”",
                &[("Operating is hard,", true), ("I love it.", true)],
            ),
            (
                "“Why now? “ she asked. “Nobody told us.”",
                &[("Why now?", true), ("Nobody told us.", true)],
            ),
            (
                "« Nous allons gagner ce soir », a dit Roe.",
                &[("Nous allons gagner ce soir", true)],
            ),
            ("„Wir bauen die Brücke“, sagte Roe.", &[("Wir bauen die Brücke", true)]),
            (
                "市長は「明日は新しい橋を開通します」と述べた。",
                &[("明日は新しい橋を開通します", true)],
            ),
            // A term in corner brackets is no quotation, and no mark at all.
            ("「脱獄」という言葉", &[]),
            ("no quotes here", &[]),
            ("“", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(pairs(text), *want, "{text}");
        }
    }

    #[test]
    fn titles_of_works_are_not_quotations() {
        let rows: &[(&str, bool)] = &[
            ("In her book “How We Built the Town on the River,” Roe says so.", false),
            ("Get our free ebook “Ten Ways to Teach Your Children at Home”.", false),
            ("A report titled “What the river gave back to us” came out.", false),
            ("He wanted to finish the film “the way it was meant to be.”", true),
            ("Roe wrote in her book that “we built the town on the river.”", true),
            ("He called it “a very good option for most households.”", true),
        ];
        for (text, quotation) in rows {
            let got: Vec<bool> = spans(text).iter().map(|q| q.quotation).collect();
            assert_eq!(got, vec![*quotation], "{text}");
        }
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        assert!(!is_quotation("foreign agent"));
        assert!(!is_quotation("Hold On, Hold On … Don’t Hang Up!"));
        assert!(!is_quotation("The World of Tomorrow."));
        assert!(is_quotation("quick exam and labs"));
        assert!(is_quotation("We will not accept attempts,"));
        assert!(!is_quotation(
            "How to Build a Boat: A Practical Guide to All the Tools You Will Ever Need"
        ));
        assert!(is_quotation(
            "WE WILL NOT BACK DOWN AND WE WILL NOT GO HOME UNTIL THE PIER IS OPEN"
        ));
    }
}
