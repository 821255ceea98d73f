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

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*").expect("word pattern"));

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
    let mut word = |word: &str| resolve(word, &mut buffer, &mut each);
    if folded.is_ascii() {
        ascii_words(folded, word);
    } else {
        for m in WORD.find_iter(folded) {
            word(m.as_str());
        }
    }
}

/// [`WORD`]'s matches in ASCII text, found without the regex engine (most of an English
/// archive is ASCII, and the regex was the index's costliest step): runs of ASCII letters and
/// digits, joined by a single `'` followed by another run; the typographic apostrophe is not
/// ASCII and cannot occur here.
fn ascii_words<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        while i + 1 < bytes.len() && bytes[i] == b'\'' && bytes[i + 1].is_ascii_alphanumeric() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
        }
        each(&text[start..i]);
    }
}

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

    /// The ASCII scanner finds exactly the regex's words, apostrophes and edges included.
    #[test]
    fn ascii_words_are_the_patterns_words() {
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
        ] {
            let mut fast = Vec::new();
            ascii_words(text, |w| fast.push(w.to_string()));
            let slow: Vec<String> = WORD.find_iter(text).map(|m| m.as_str().to_string()).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn other_languages_are_not_stemmed() {
        let mut out = Vec::new();
        terms("Ministros portugueses", false, |t| out.push(t.to_string()));
        assert_eq!(out, ["ministros", "portugueses"]);
    }
}
