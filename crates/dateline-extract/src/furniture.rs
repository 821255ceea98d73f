//! Page furniture: what a scraped or syndicated page carries around the story that is not story
//! text — timestamps ("Updated 9:22 PM EST, Mon November 6, 2023"), gallery counters ("1 of 4"),
//! bare labels ("Photo", "Advertisement"), related-story links ("Read more: …", "[Read: …]"),
//! newsletter promos and author boxes. Recognising it keeps it out of quotes and entities and
//! out of the rendered body.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::credit;
use super::dates::{DateExpr, alternation, find_dates, weekday_alternation};
use super::lists::{
    BYLINE_LABELS, PAGE_LABELS, PICTURE_KICKERS, RELATED_HEADERS, RELATED_KICKERS, TIME_ZONES, TIMESTAMP_LEADS,
    TIMESTAMP_WORDS,
};
use super::text::{ends_like_sentence, is_one_line, word_count_up_to};

/// What kind of furniture a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// A publication or update time; carries the date when it states one.
    Timestamp(Option<Date>),
    /// A bare label or widget text: "Photo", "Advertisement", "Continue reading the main story".
    Label,
    /// "Read more:" on its own: the blocks after it are a list of links.
    RelatedHeader,
    /// A link to another story: "Read more: …", "[Read: …]", "Internal memo: …".
    RelatedLink,
    /// A newsletter or subscription promo.
    Promo,
    /// "About the Author": everything after it is the author box.
    AboutAuthor,
    /// A gallery counter such as "1 of 4".
    Counter,
}

static COUNTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\s*(?:of|/)\s*\d{1,3}$").expect("counter regex"));

static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    let kickers = alternation(RELATED_KICKERS.iter());
    Regex::new(&format!(r"^\[?(?i:{kickers})\s*:\s*\S")).expect("related regex")
});

static TIMESTAMP_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    let leads = alternation(TIMESTAMP_LEADS.iter());
    Regex::new(&format!(r"^(?i:{leads})\b")).expect("timestamp regex")
});

/// One token of a timestamp line: a time, a time zone, a weekday, one of the timestamp words
/// or a separator.
static TIME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    let zones = alternation(TIME_ZONES.iter());
    let words = alternation(TIMESTAMP_WORDS.iter());
    let weekdays = weekday_alternation();
    Regex::new(&format!(r"^(?i:\(?\d{{1,2}}(?:[:.]\d{{2}}){{1,2}}(?:[-+]\d{{2}}(?::?\d{{2}})?)?(?:am|pm|a\.m\.|p\.m\.)?\)?|\(?\d{{3,4}}\)?|am|pm|a\.m\.|p\.m\.|\(?(?:{zones})\)?|{words}|{weekdays}|\||·|•|-|–|—|,)$"))
        .expect("time token regex")
});

/// Recognises a furniture block. `heading` is true for Markdown headings.
pub fn classify(text: &str, heading: bool) -> Option<Furniture> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // Furniture is short: a long paragraph is story text, whatever it contains.
    if t.len() > 240 {
        return None;
    }
    // Blocks are at most 240 bytes here: lowered on the stack, but only when short enough to
    // be one of the words compared with below. Lowering keeps every byte but the Kelvin sign,
    // which shrinks from three bytes to one, so a key more than three times the longest of
    // them, or longer than it and without a Kelvin sign, lowers to none of them.
    let mut buf = [0u8; 240];
    let key = t.trim_end_matches([':', '.']).trim();
    let longest = *LONGEST_WORD;
    let may_be_word = key.len() <= longest || key.len() <= 3 * longest && key.contains('\u{212A}');
    let lower = if may_be_word {
        fold_for_labels(key, &mut buf)
    } else {
        ""
    };
    if ABOUT_THE_AUTHOR.contains(&lower) {
        return Some(Furniture::AboutAuthor);
    }
    if promo_words(key) && word_count_up_to(t, 31) <= 30 {
        return Some(Furniture::Promo);
    }
    if heading {
        return None;
    }
    if may_be_word && PAGE_LABELS.contains(lower) {
        return Some(Furniture::Label);
    }
    // "Story continues below video": a page label saying what the page breaks for, then what.
    if may_be_word && continues_below(lower) {
        return Some(Furniture::Label);
    }
    if RELATED_HEADERS.contains(lower) && t.ends_with(':') || lower == "read more" {
        return Some(Furniture::RelatedHeader);
    }
    // A counter starts with a digit (of any script) and a related link has a colon.
    let digit_first = t
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || !b.is_ascii());
    if digit_first && COUNTER.is_match(t) {
        return Some(Furniture::Counter);
    }
    if !is_one_line(t) {
        return None;
    }
    // A timestamp may stand in parentheses under a video: "(Published Tuesday, March 3, 2020)".
    let unbracketed = t.strip_prefix('(').and_then(|u| u.strip_suffix(')')).unwrap_or(t);
    if let Some(date) = timestamp(unbracketed) {
        return Some(Furniture::Timestamp(date));
    }
    // "[Read: …]" links to another story; "[Photo: Acme Corp]" is a credit; "[ Acme Review ]"
    // names the source of the passage above it (see `source_in_brackets`) and is the story's.
    if t.starts_with('[') && t.ends_with(']') && !credit::strip_label(t).1 && !source_in_brackets(&t[1..t.len() - 1]) {
        return Some(Furniture::RelatedLink);
    }
    // A related link and a teaser both have a colon and do not end like a sentence.
    let colon = memchr::memchr(b':', t.as_bytes())?;
    if ends_like_sentence(t) {
        return None;
    }
    if RELATED.is_match(t) || is_teaser(t, colon) {
        return Some(Furniture::RelatedLink);
    }
    None
}

/// "Acme Review", "Zentrix Times": a roundup of what other outlets wrote (aggregators' "what the
/// reviews say") quotes a passage and puts its source's name alone in square brackets on the
/// line below. One to four capitalised words and nothing else, and no page label ("[Video]").
fn source_in_brackets(inner: &str) -> bool {
    let inner = inner.trim();
    let words = inner.split_whitespace().count();
    let mut buf = [0u8; 240];
    (1..=4).contains(&words)
        && inner
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !inner.contains([':', ',', '.', '!', '?'])
        && !PAGE_LABELS.contains(fold_for_labels(inner, &mut buf))
}

/// Whether a lower-case line opens with a page label ending in "below" and names what follows:
/// "story continues below video", "story continues below the map".
fn continues_below(lower: &str) -> bool {
    memchr::memmem::find(lower.as_bytes(), b"below ").is_some()
        && PAGE_LABELS
            .iter()
            .any(|label| label.ends_with(" below") && lower.starts_with(label) && lower[label.len()..].starts_with(' '))
}

/// The headers of an author box.
const ABOUT_THE_AUTHOR: [&str; 2] = ["about the author", "about the authors"];

/// The longest of the lower-case words `classify` compares a whole block with.
static LONGEST_WORD: LazyLock<usize> = LazyLock::new(|| {
    PAGE_LABELS
        .iter()
        .chain(RELATED_HEADERS.iter())
        .chain(ABOUT_THE_AUTHOR)
        .map(str::len)
        .max()
        .unwrap_or(0)
});

/// Whether `key` mentions a newsletter or starts with "sign up" or "subscribe", in any ASCII
/// case. Lowering other chars could only turn the Kelvin sign into a "k", which none of these
/// words has, so this is the test on the lowered key.
fn promo_words(key: &str) -> bool {
    let b = key.as_bytes();
    let starts = |w: &[u8]| b.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    // "newsletter" found through its rarer "w".
    starts(b"sign up")
        || starts(b"subscribe")
        || memchr::memchr2_iter(b'w', b'W', b).any(|i| {
            i >= 2
                && b.get(i - 2..i + 8)
                    .is_some_and(|p| p.eq_ignore_ascii_case(b"newsletter"))
        })
}

/// `key` in lower case as far as the tests in `classify` can tell, written into `buf`.
///
/// Those tests compare with, or look for, ASCII words and "loading…". Only two other chars
/// have a lower case with ASCII in it: the Kelvin sign ("k", kept) and "İ", whose "i" is
/// followed by a combining dot that no such word contains. Every other char can only fail a
/// comparison, lower-cased or not, so it is kept as written instead of being converted.
fn fold_for_labels<'a>(key: &'a str, buf: &'a mut [u8; 240]) -> &'a str {
    let bytes = key.as_bytes();
    let Some(dst) = buf.get_mut(..bytes.len()) else {
        return key;
    };
    let kelvin = "\u{212A}".as_bytes();
    if bytes.is_ascii() || memchr::memmem::find(bytes, kelvin).is_none() {
        // Non-ASCII bytes are left alone by `to_ascii_lowercase`.
        for (d, s) in dst.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        return std::str::from_utf8(dst).unwrap_or(key);
    }
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(kelvin) {
            dst[n] = b'k';
            i += kelvin.len();
        } else {
            dst[n] = bytes[i].to_ascii_lowercase();
            i += 1;
        }
        n += 1;
    }
    // Whole chars are copied or replaced by ASCII: still UTF-8.
    std::str::from_utf8(&dst[..n]).unwrap_or(key)
}

/// A publication time line, with the date it states (if any).
fn timestamp(t: &str) -> Option<Option<Date>> {
    // ASCII digits are ASCII bytes in UTF-8; a block of at most 160 bytes has at most 160 chars.
    if !has_ascii_digit(t.as_bytes()) || t.len() > 160 && t.chars().count() > 160 || word_count_up_to(t, 26) > 25 {
        return None;
    }
    let found = find_dates(t);
    let date = found.iter().find_map(|f| match f.expr {
        DateExpr::Full(d) => Some(d),
        _ => None,
    });
    if TIMESTAMP_LEAD.is_match(t) {
        return Some(date);
    }
    // Otherwise every token must be part of a date or a time.
    let mut blanked = t.to_string();
    for f in found.iter().rev() {
        if matches!(f.expr, DateExpr::Weekday(_)) {
            continue;
        }
        blanked.replace_range(f.range.clone(), " ");
    }
    let tokens: Vec<&str> = blanked
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter(|s| !s.is_empty())
        .collect();
    let dated = found.iter().any(|f| !matches!(f.expr, DateExpr::Weekday(_)));
    let timed = tokens.iter().any(|w| {
        w.contains(':') && w.chars().any(|c| c.is_ascii_digit())
            || w.contains('.') && w.chars().filter(char::is_ascii_digit).count() >= 3
    });
    if (dated || timed) && tokens.iter().all(|w| TIME_TOKEN.is_match(w)) {
        return Some(date);
    }
    None
}

/// Whether `b` holds an ASCII digit. Most short paragraphs hold none and are read to the end:
/// sixteen bytes at a time, each test without a branch, which the compiler turns into vector
/// instructions.
fn has_ascii_digit(b: &[u8]) -> bool {
    b.chunks(16)
        .any(|chunk| chunk.iter().fold(false, |digit, c| digit | c.is_ascii_digit()))
}

/// A related-story teaser: "Kicker: A headline without a full stop".
/// `first_colon` is the byte offset of `t`'s first colon.
fn is_teaser(t: &str, first_colon: usize) -> bool {
    // The first ": ", found through its colon (a byte search) rather than a substring search.
    let Some(colon) = memchr::memchr_iter(b':', &t.as_bytes()[first_colon..])
        .map(|i| first_colon + i)
        .find(|&i| t.as_bytes().get(i + 1) == Some(&b' '))
    else {
        return false;
    };
    let (kicker, rest) = (&t[..colon], &t[colon + 2..]);
    let kicker_words = kicker.split_whitespace().count();
    // "Photo: Jane Roe, AP" is a credit and "FILE PHOTO: Workers at the quay …" a caption,
    // not links: the kicker's last word labels a picture. "Tested by: Jane Roe", "BY: Jane
    // Roe" and "Author: Jane Roe" are bylines.
    let last_word = kicker.rsplit(' ').next().unwrap_or(kicker);
    let byline = last_word.eq_ignore_ascii_case("by") || BYLINE_LABELS.contains_lowercase_of(kicker);
    if byline || PICTURE_KICKERS.contains_lowercase_of(last_word) || credit::strip_label(t).1 {
        return false;
    }
    if names_a_list(rest) {
        return false;
    }
    let rest_words = word_count_up_to(rest, 2);
    // A kicker is a bare label ("Watch", "Opinion", "Big Read"); one with a parenthesis
    // qualifies a name and opens a row of a table: "Freedonia (Group C): second appearance".
    kicker_words <= 4
        && kicker.chars().next().is_some_and(char::is_uppercase)
        && !kicker.contains(['.', '“', '"', '('])
        && rest_words >= 2
        && rest.chars().next().is_some_and(|c| c.is_uppercase())
        && !ends_like_sentence(t)
        && !rest.starts_with(['“', '"'])
}

/// "Scotland, Norway, Serbia", "Ana Ribeiro/Jo Vann; Zeno Kay": two or more short capitalised
/// names between commas, slashes or semicolons. After a label ("Group C: …", "Cast: …") such a
/// list is the story's own content (a draw, a line-up), not a teaser's headline.
fn names_a_list(rest: &str) -> bool {
    let mut items = 0;
    for item in rest.split([',', '/', ';']) {
        let item = item.trim().trim_end_matches('*');
        let item = item
            .strip_prefix("and ")
            .or_else(|| item.strip_prefix("or "))
            .unwrap_or(item);
        let mut words = 0;
        for w in item.split_whitespace() {
            words += 1;
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if words > 4 || !(capital || matches!(w, "and" | "of" | "the" | "de" | "du" | "la" | "van" | "von")) {
                return false;
            }
        }
        if words == 0 {
            return false;
        }
        items += 1;
    }
    items >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn promo_words_in_any_case() {
        let rows: &[(&str, bool)] = &[
            ("Sign up for the Harbour Daily", true),
            ("SUBSCRIBE today", true),
            ("Get our NewsLetter every morning", true),
            ("newsletter", true),
            ("The news letter arrived late", false),
            ("We signed up early", false),
            ("ws", false),
        ];
        for (text, want) in rows {
            assert_eq!(promo_words(text), *want, "{text}");
        }
        assert!(PAGE_LABELS.iter().all(|l| l.len() <= *LONGEST_WORD));
        assert_eq!(
            *LONGEST_WORD,
            "this story has been updated with additional developments".len()
        );
        for (text, want) in [
            ("no digits in this line at all, even past sixteen bytes", false),
            ("a digit at the very end, past sixteen bytes: 7", true),
            ("0", true),
            ("٣ is not ASCII", false),
            ("", false),
        ] {
            assert_eq!(has_ascii_digit(text.as_bytes()), want, "{text}");
        }
    }

    #[test]
    fn timestamp_rows() {
        let rows: &[(&str, Option<Furniture>)] = &[
            (
                "Updated 9:22 PM EST, Mon November 6, 2023",
                Some(Furniture::Timestamp(Some(date(2023, 11, 6)))),
            ),
            (
                "Published 7:07 PM EST Nov 19, 2019",
                Some(Furniture::Timestamp(Some(date(2019, 11, 19)))),
            ),
            ("Nov. 19, 2019", Some(Furniture::Timestamp(Some(date(2019, 11, 19))))),
            ("5:50 PM", Some(Furniture::Timestamp(None))),
            // A zone written without its S or D ("CT", "MT"), and one of Asia's.
            (
                "Updated 10:28 a.m. CT Nov. 13, 2019",
                Some(Furniture::Timestamp(Some(date(2019, 11, 13)))),
            ),
            ("Published 14:05 WIB", Some(Furniture::Timestamp(None))),
            ("1:39 PM ET", Some(Furniture::Timestamp(None))),
            (
                "Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT",
                Some(Furniture::Timestamp(Some(date(2019, 11, 18)))),
            ),
            (
                "November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm",
                Some(Furniture::Timestamp(Some(date(2019, 11, 19)))),
            ),
            (
                "and last updated 2013-12-30 16:42:01-05",
                Some(Furniture::Timestamp(Some(date(2013, 12, 30)))),
            ),
            (
                "(Published Tuesday, March 3, 2020)",
                Some(Furniture::Timestamp(Some(date(2020, 3, 3)))),
            ),
        ];
        for (text, want) in rows {
            assert_eq!(classify(text, false), *want, "{text}");
        }
    }

    #[test]
    fn furniture_rows() {
        let rows: &[(&str, Option<Furniture>)] = &[
            ("Photo", Some(Furniture::Label)),
            ("Advertisement", Some(Furniture::Label)),
            ("Continue reading the main story", Some(Furniture::Label)),
            ("LOADING…", Some(Furniture::Label)),
            ("BAC\u{212A} TO TOP", Some(Furniture::Label)),
            (
                "THIS STORY HAS BEEN UPDATED WITH ADDITIONAL DEVELOPMENTS.",
                Some(Furniture::Label),
            ),
            ("Read more: the harbour at dawn.", None),
            ("Story continues below video", Some(Furniture::Label)),
            ("[Photo: Acme Corp]", None),
            ("Story continues", None),
            ("Sign up for our newsletter.", Some(Furniture::Promo)),
            ("3 of 12", Some(Furniture::Counter)),
            ("Read more:", Some(Furniture::RelatedHeader)),
            (
                "Read more: A Startup Tries to Cool the Harbour",
                Some(Furniture::RelatedLink),
            ),
            ("[Read: Why the harbour matters]", Some(Furniture::RelatedLink)),
            // A roundup's source under the passage it quotes is the story's; a label is not.
            ("[ Acme Review ]", None),
            ("[Video]", Some(Furniture::RelatedLink)),
            ("[Harbour views, at dawn]", Some(Furniture::RelatedLink)),
            (
                "Internal memo: Guards skipped the night rounds",
                Some(Furniture::RelatedLink),
            ),
            ("Profile: Ana Ribeiro", Some(Furniture::RelatedLink)),
            // A label over a list of names is content: a draw, a line-up.
            ("Pool B: Ruritania, Freedonia, Sylvania and Grand Fenwick", None),
            ("Cast: Ana Ribeiro, Jo Vann/Zeno Kay*", None),
            // So is a row of a table, a name with its qualifier.
            ("Ruritania (Group C): Second appearance", None),
            ("Opinion: Roe, Vann and the Harbour Vote", Some(Furniture::RelatedLink)),
            ("FILE PHOTO: Workers unload crates at the quay. REUTERS/Jane Roe", None),
            ("Foto: Acme Diario", None),
            ("Tested by: Ana Ribeiro", None),
            ("BY: Ana Ribeiro, MS", None),
            ("Author: Ana Ribeiro", None),
            ("Keep up with the Harbour Daily newsletter.", Some(Furniture::Promo)),
            ("About the Author", Some(Furniture::AboutAuthor)),
            ("The bill passed 31-12.", None),
            ("Connecticut: While no law passed, the state acted.", None),
            ("Roe: “I can’t see any other way.”", None),
            ("What did the prosecutors say?", None),
            ("In 2019, the mill closed.", None),
        ];
        for (text, want) in rows {
            assert_eq!(classify(text, false), *want, "{text}");
        }
    }
}
