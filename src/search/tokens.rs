//! How search text becomes index terms. The search page (`static/search.js`) applies exactly
//! the same steps to what a reader types, so the two must change together; the unit tests below
//! pin the rules, and the browser test searches through them end to end.
//!
//! 1. Lowercase, decompose (NFKD) and drop combining marks, so "Kovalska" and "KOVALSKA" and
//!    "São" and "Sao" meet; a final sigma is folded to σ because JavaScript and Rust disagree on
//!    it only there.
//! 2. Words are runs of letters and digits, with apostrophes inside them ("O'Brien", "don't");
//!    a possessive "'s" is dropped and other apostrophes removed ("Petrov's" → "petrov").
//! 3. For English, plurals are folded by the classic S-stemmer (Harman, 1991): "ships" → "ship",
//!    "policies" → "policy", "sanctions" → "sanction". A name may be folded too ("Jones" →
//!    "jone"), which does no harm: queries go through the same rule.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for matching: lowercase, no accents.
///
/// Character by character, with ASCII (most of any English archive) taken straight through:
/// this equals folding the whole string, because σ and ς are folded alike (the only
/// context-dependent lowercase mapping) and the marks canonical ordering would move are
/// dropped anyway.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            for d in std::iter::once(lower).nfkd() {
                if !is_combining_mark(d) {
                    out.push(if d == 'ς' { 'σ' } else { d });
                }
            }
        }
    }
    out
}

/// Calls `each` with every word of already folded text, apostrophes resolved, unstemmed.
pub fn words(folded: &str, mut each: impl FnMut(&str)) {
    let mut buffer = String::new();
    scan_words(folded, |word| resolve(word, &mut buffer, &mut each));
}

/// The matches of `[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*`, the search page's word pattern,
/// found without running a regex over the text (it was the index's costliest step, and most
/// articles carry a curly quote or a dash that kept them off an ASCII-only path): runs of
/// letters and digits, each joined to the next by a single `'` or `’`. ASCII is classified
/// byte by byte; another character is asked of [`Letters`].
fn scan_words<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    let mut letters = Letters::default();
    let mut i = 0;
    while i < text.len() {
        let run = letters.run_end(text, i);
        if run == i {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let start = i;
        i = run;
        while let Some(apostrophe) = apostrophe_at(text, i) {
            let next = letters.run_end(text, i + apostrophe);
            if next == i + apostrophe {
                break;
            }
            i = next;
        }
        each(&text[start..i]);
    }
}

/// The length of the apostrophe at `at`, if one is there.
fn apostrophe_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if rest.starts_with('\'') {
        Some(1)
    } else if rest.starts_with('’') {
        Some('’'.len_utf8())
    } else {
        None
    }
}

/// The word pattern's letters and digits (`\p{L}` and `\p{N}`, in the regex crate's tables)
/// beyond ASCII. A character Rust's own tables call neither alphabetic nor numeric is neither
/// (a test pins that); any other is asked of the pattern once and remembered, so a text in
/// another script costs one question per letter of its alphabet, not one per letter it holds.
struct Letters {
    /// Characters already asked, each in the slot its low bits name.
    known: [(char, bool); 256],
}

impl Default for Letters {
    fn default() -> Self {
        // A NUL is never asked (it is ASCII), so it marks an empty slot.
        Letters {
            known: [('\0', false); 256],
        }
    }
}

impl Letters {
    /// The end of the run of letters and digits that starts at `at` (`at` when there is none).
    fn run_end(&mut self, text: &str, mut at: usize) -> usize {
        let bytes = text.as_bytes();
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
                continue;
            }
            match text[at..].chars().next() {
                Some(c) if self.is_letter_or_digit(c) => at += c.len_utf8(),
                _ => break,
            }
        }
        at
    }

    fn is_letter_or_digit(&mut self, c: char) -> bool {
        if !c.is_alphanumeric() {
            return false;
        }
        let slot = &mut self.known[c as usize & 0xff];
        if slot.0 != c {
            let mut utf8 = [0; 4];
            *slot = (c, LETTER_OR_DIGIT.is_match(c.encode_utf8(&mut utf8)));
        }
        slot.1
    }
}

static LETTER_OR_DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}]$").expect("letter pattern"));

/// One matched word with its possessive dropped and other apostrophes removed.
fn resolve(mut word: &str, buffer: &mut String, each: &mut impl FnMut(&str)) {
    for possessive in ["'s", "’s"] {
        if let Some(stripped) = word.strip_suffix(possessive) {
            word = stripped;
        }
    }
    if word.contains(['\'', '’']) {
        buffer.clear();
        buffer.extend(word.chars().filter(|c| !matches!(c, '\'' | '’')));
        each(buffer);
    } else {
        each(word);
    }
}

/// Words the S-stemmer would fold into another word ("news" is not the plural of "new").
const NOT_PLURALS: &[&str] = &[
    "always",
    "economics",
    "news",
    "perhaps",
    "politics",
    "series",
    "species",
    "this",
];

/// The English S-stemmer; other languages are indexed unstemmed (the search page then
/// matches the end of a word by prefix instead).
pub fn stem(word: &str, english: bool) -> Cow<'_, str> {
    if !english || word.chars().count() < 4 || word.bytes().any(|b| b.is_ascii_digit()) || NOT_PLURALS.contains(&word) {
        return Cow::Borrowed(word);
    }
    if let Some(base) = word.strip_suffix("ies")
        && !base.ends_with(['e', 'a'])
    {
        return Cow::Owned(format!("{base}y"));
    }
    if let Some(base) = word.strip_suffix("es")
        && !base.ends_with(['a', 'e', 'o'])
    {
        return Cow::Owned(format!("{base}e"));
    }
    if let Some(base) = word.strip_suffix('s')
        && !base.ends_with(['u', 's'])
    {
        return Cow::Borrowed(base);
    }
    Cow::Borrowed(word)
}

/// Every term of `text`, in order.
pub fn terms(text: &str, english: bool, mut each: impl FnMut(&str)) {
    let folded = fold(text);
    words(&folded, |w| each(&stem(w, english)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as the search page's pattern finds them.
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*").expect("word pattern"));

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        terms(text, true, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn one_row_per_rule() {
        let rows: &[(&str, &[&str])] = &[
            ("Petrov's remarks", &["petrov", "remark"]),
            ("O’Brien didn't", &["obrien", "didnt"]),
            ("SÃO PAULO, Zürich", &["sao", "paulo", "zurich"]),
            ("ships, policies and gases", &["ship", "policy", "and", "gase"]),
            ("the news series", &["the", "news", "series"]),
            ("bus, glass, class, status", &["bus", "glass", "class", "status"]),
            ("1980s G7 U.S.", &["1980s", "g7", "u", "s"]),
            ("wire — copy–desk", &["wire", "copy", "desk"]),
            ("ΟΔΥΣΣΕΥΣ", &["οδυσσευσ"]),
            ("ﬁnance Ⅻ İstanbul", &["finance", "xii", "istanbul"]),
            ("is as was", &["is", "as", "was"]),
        ];
        for (text, expected) in rows {
            assert_eq!(all(text), *expected, "{text}");
        }
    }

    /// The scanner finds exactly the regex's words, apostrophes and edges included.
    #[test]
    fn scanned_words_are_the_patterns_words() {
        for text in [
            "",
            "'",
            "a",
            "don't stop",
            "o'brien's 'quoted' words'",
            "it''s x' 'y a'b'c 9'5",
            "snake_case, e-mail; 3.14 and co.",
            "end with apostrophe'",
            "x's's",
            "“quoted” — o’brien’s ’tis it’’s a’",
            "οδυσσευσ και πηνελοπη, ł ß ﬁ Ⅻ ½ ٣ 🄰 ⓐ",
            "mixed‘é’s x’y'z ’ ' 9’5",
            "Ⓐ💡x 中文字 ab\u{0301}c",
        ] {
            let mut fast = Vec::new();
            scan_words(text, |w| fast.push(w.to_string()));
            let slow: Vec<String> = WORD.find_iter(text).map(|m| m.as_str().to_string()).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    /// [`Letters`] asks the pattern only of what Rust's tables call alphanumeric: every
    /// character the pattern takes must be one of those.
    #[test]
    fn every_letter_of_the_pattern_is_alphanumeric() {
        let mut utf8 = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if LETTER_OR_DIGIT.is_match(c.encode_utf8(&mut utf8)) {
                assert!(c.is_alphanumeric(), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn other_languages_are_not_stemmed() {
        let mut out = Vec::new();
        terms("Ministros portugueses", false, |t| out.push(t.to_string()));
        assert_eq!(out, ["ministros", "portugueses"]);
    }
}
