//! Figures: photos described in the text by a caption and a credit.
//!
//! Wire copy prints a short title line directly above a caption that ends in a credit; web
//! pages leave "Image caption …" labels, "Image copyright X" credit lines, "1 of 4" counters and
//! captions repeated verbatim. This module turns one block (or a caption block plus a separate
//! credit block) into a `Figure`; `layout` decides which blocks those are.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::model::Figure;

use super::credit;
use super::dates::{self, DateExpr};
use super::gazetteer;
use super::lists::{CAPTION_LABEL_WORDS, FEATURE_PICTURE_WORDS, PLACE_JOINERS, PLACE_PREPOSITIONS};
use super::text::{ends_like_sentence, letters_are_ascii, push_lowercase, squash, word_count_up_to};

/// Labels in front of a caption ("Image caption", "Media caption", "Caption:") and gallery
/// counters ("1 of 4"), which are not part of the caption.
/// Also the labels of a page's feature picture, which name what it shows: "Cover image: an
/// the old quay at dawn", "Main photo: Jane Roe at the harbour".
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let words = dates::alternation(CAPTION_LABEL_WORDS.iter());
    let features = dates::alternation(FEATURE_PICTURE_WORDS.iter());
    Regex::new(&format!(
        r"^(?:(?:\d{{1,3}}\s*(?:of|/)\s*\d{{1,3}})\.?\s*|(?i:{words})\s+caption(?:\s*[:,]\s*|\s+)|(?i:caption)\s*:\s*|(?i:(?:{features})\s+(?:{words}|image)\s*:\s*))+"
    ))
    .expect("caption label regex")
});

/// The ASCII bytes, in lower case, a caption label may start with: the first letters of the
/// words before "caption", and the "c" of "caption" itself.
static CAPTION_LABEL_STARTS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut starts = [false; 256];
    for word in CAPTION_LABEL_WORDS
        .iter()
        .chain(FEATURE_PICTURE_WORDS.iter())
        .chain(["caption"])
    {
        if let Some(&b) = word.as_bytes().first() {
            starts[usize::from(b.to_ascii_lowercase())] = true;
        }
    }
    starts
});

/// Where a caption's own text starts once labels and counters are skipped, and whether any
/// label was there (a labelled caption is a figure even without a credit).
pub fn caption_label(text: &str) -> (usize, bool) {
    // Every label starts with a digit, with one of the words before "caption" or with
    // "caption", in any case; a block opening with another ASCII char skips the regex.
    let may_be_labelled = text.as_bytes().first().is_some_and(|&b| {
        !b.is_ascii() || b.is_ascii_digit() || CAPTION_LABEL_STARTS[usize::from(b.to_ascii_lowercase())]
    });
    match may_be_labelled.then(|| CAPTION_LABEL.find(text)).flatten() {
        Some(m) if m.end() > 0 && m.end() < text.len() => {
            // A caption label, or a gallery counter written "1 of 4." before the caption.
            let label = &text[..m.end()];
            let labelled = label.to_lowercase().contains("caption") || label.trim_end().ends_with(['.', ':']);
            (m.end(), labelled)
        }
        _ => (0, false),
    }
}

/// A figure from the caption text `text[caption]` of a block, with an optional credit.
/// A short first line above the caption is its title.
pub fn build(text: &str, caption: Range<usize>, raw_credit: Option<&str>, date_reference: Option<Date>) -> Figure {
    let body = &text[caption.clone()];
    let (start, _) = caption_label(body);
    let body = &body[start..];
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let (title, caption_text) = match lines.as_slice() {
        [first, rest @ ..] if !rest.is_empty() && is_title_line(first) => (Some(first.to_string()), rest.join(" ")),
        _ => (None, lines.join(" ")),
    };
    let caption_text = squash(&caption_text);
    let (place, date) = place_and_date(&caption_text, date_reference);
    Figure {
        src: None,
        title,
        caption: caption_text,
        credit: raw_credit.map(credit::parse_unlabelled).filter(|c| !c.raw.is_empty()),
        place,
        date,
        ..Figure::default()
    }
}

/// Where the caption's own words lie in `text[caption]`: past labels, counters and a title line
/// ("Sines terminal\nA tanker is moored …"), so that reading the caption for names never runs
/// the title into its first sentence.
pub fn caption_range(text: &str, caption: Range<usize>) -> Range<usize> {
    let Some(body) = text.get(caption.clone()) else {
        return caption;
    };
    let (label_end, _) = caption_label(body);
    let mut start = caption.start + label_end;
    let rest = &text[start..caption.end];
    let lead = rest.len() - rest.trim_start().len();
    if let Some(nl) = rest.trim_start().find('\n') {
        let first = rest.trim_start()[..nl].trim();
        let more = !rest.trim_start()[nl..].trim().is_empty();
        if more && is_title_line(first) {
            start += lead + nl + 1;
        }
    }
    start..caption.end
}

/// A photo title: a short line without a full stop ("Harbour terminal", "Springfield Mayors Meet").
/// A quoted title opens with its capital after the quotation mark ("'Harbour Lamps' Go Dark").
pub fn is_title_line(line: &str) -> bool {
    // Counting stops past the limit: a paragraph's words need not all be counted.
    let words = word_count_up_to(line, 11);
    (1..=10).contains(&words)
        && !ends_like_sentence(line)
        && line
            .trim_start_matches(['\'', '"', '‘', '“'])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// "in Springfield, Illinois", "near Shelbyville, Illinois": tried only where a word starts
/// with one of the prepositions (`place_and_date`), hence anchored.
static PLACE_PHRASE: LazyLock<Regex> = LazyLock::new(|| place_phrase(r"[\p{Lu}][\p{L}\p{M}.'’\-]*"));
/// The same for captions whose letters are all ASCII ([`letters_are_ascii`]): far fewer states.
static ASCII_PLACE_PHRASE: LazyLock<Regex> = LazyLock::new(|| place_phrase(r"[A-Z][A-Za-z.'’\-]*"));

fn place_phrase(word: &str) -> Regex {
    let prepositions = dates::alternation(PLACE_PREPOSITIONS.iter());
    // In file order, "de" before "del". Nothing after a joiner is required, so the first
    // joiner that matches is kept: "in Villa del Mar, Acme" is read as "Villa de", as the
    // pattern has always read it (longest first would read "Villa del Mar", "Acme").
    let joiners = dates::alternation_as_listed(PLACE_JOINERS.iter());
    Regex::new(&format!(r"^(?:{prepositions})\s+(?:the\s+)?(?P<main>{word}(?:\s+(?:{word}|{joiners})){{0,4}})(?:,\s+(?P<region>{word}(?:\s+{word}){{0,2}}))?"))
        .expect("place phrase regex")
}

/// How the prepositions open, for the byte-at-a-time check of where a place phrase may start.
static PREPOSITION_OPENINGS: LazyLock<dates::Openings> =
    LazyLock::new(|| dates::Openings::of(PLACE_PREPOSITIONS.iter(), usize::MAX));

/// The place and date a caption states: "… in Springfield, Illinois, Wednesday, October 13, 2021."
pub fn place_and_date(caption: &str, reference: Option<Date>) -> (Option<String>, Option<Date>) {
    let found = dates::find_dates(caption);
    let full = found.iter().find(|f| matches!(f.expr, DateExpr::Full(_)));
    let date_at = full.or(found.first()).map(|f| f.range.start);
    let date = full
        .and_then(|f| dates::resolve(f.expr, reference))
        .or_else(|| found.iter().find_map(|f| dates::resolve(f.expr, reference)));
    let mut best: Option<(usize, String)> = None;
    let mut hits = Vec::new();
    let pattern = if letters_are_ascii(caption) {
        &*ASCII_PLACE_PHRASE
    } else {
        &*PLACE_PHRASE
    };
    dates::anchored_matches(caption, pattern, preposition_at, |hit| hits.push(hit));
    for hit in hits {
        // Capture groups only inside the match: the automaton finds, the backtracker splits.
        let Some(c) = pattern.captures(&caption[hit.clone()]) else {
            continue;
        };
        let Some(main) = c.name("main") else { continue };
        let main_start = hit.start + main.start();
        let main_text = trim_weekday(main.as_str());
        let region = c
            .name("region")
            .map(|r| trim_weekday(r.as_str()))
            .filter(|r| !r.is_empty());
        let main_place = gazetteer::place(main_text).is_some();
        let region_place = region.is_some_and(|r| {
            gazetteer::is_country_or_state(r)
                || gazetteer::state_abbreviation(r).is_some()
                || gazetteer::place(r).is_some()
        });
        if !(main_place || region_place) || main_text.is_empty() {
            continue;
        }
        let place = match region.filter(|_| region_place) {
            Some(r) => format!("{main_text}, {r}"),
            None => main_text.to_string(),
        };
        let distance = date_at.map_or(main_start, |d| d.abs_diff(main_start));
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, place));
        }
    }
    (best.map(|(_, p)| p), date)
}

/// Whether one of the prepositions that open a place phrase starts at byte `at`.
fn preposition_at(text: &str, at: usize) -> bool {
    PREPOSITION_OPENINGS.at(&text.as_bytes()[at..])
}

/// "Springfield, Illinois Wednesday" → "Springfield, Illinois": a weekday or month run on is not
/// the place.
fn trim_weekday(s: &str) -> &str {
    let mut out = s.trim();
    while let Some((head, last)) = out.rsplit_once(' ') {
        let last = last.trim_end_matches(['.', ',']);
        if dates::month_number(last).is_some() || dates::weekday(last).is_some() {
            out = head.trim();
        } else {
            break;
        }
    }
    if dates::weekday(out).is_some() || dates::month_number(out).is_some() {
        return "";
    }
    out.trim_end_matches(['.', ','])
}

/// Normalised caption text for spotting the same caption printed twice.
pub fn caption_key(caption: &str) -> String {
    let mut key = String::with_capacity(caption.len());
    for w in caption.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        // Word by word, as a final sigma lowers by where its word ends.
        push_lowercase(&mut key, w);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn title_caption_and_credit() {
        let text = "Sines terminal\nA tanker is moored at the port of Sines, Portugal, October 12, 2021. REUTERS/Pedro Anselmo";
        let split = credit::split_caption(text).unwrap();
        let f = build(text, 0..split.caption_end, Some(&split.raw), None);
        assert_eq!(f.title.as_deref(), Some("Sines terminal"));
        assert_eq!(
            f.caption,
            "A tanker is moored at the port of Sines, Portugal, October 12, 2021."
        );
        assert_eq!(f.credit.as_ref().unwrap().photographers, ["Pedro Anselmo"]);
        assert_eq!(f.place.as_deref(), Some("Sines, Portugal"));
        assert_eq!(f.date, Some(date(2021, 10, 12)));
    }

    #[test]
    fn caption_ranges_skip_labels_and_titles() {
        let rows: &[(&str, &str)] = &[
            (
                "Harbour Lamps\nJane Roe switches off a lamp.",
                "Jane Roe switches off a lamp.",
            ),
            ("Image caption Jane Roe at the quay", "Jane Roe at the quay"),
            ("Jane Roe at the quay", "Jane Roe at the quay"),
            ("Harbour Lamps", "Harbour Lamps"),
        ];
        for (text, want) in rows {
            assert_eq!(&text[caption_range(text, 0..text.len())], *want, "{text}");
        }
    }

    #[test]
    fn caption_keys() {
        assert_eq!(caption_key("  Boats AT the\nQuay "), "boats at the quay");
        assert_eq!(caption_key("ΟΔΟΣ Setúbal"), "οδος setúbal");
        assert_eq!(caption_key(""), "");
    }

    #[test]
    fn labels_and_counters_are_stripped() {
        assert_eq!(caption_label("Image caption Ana said so"), (14, true));
        assert_eq!(caption_label("2 of 5 Boats at dawn"), (7, false));
        assert_eq!(caption_label("Media caption Who is she?"), (14, true));
        assert_eq!(caption_label("Plain caption"), (0, false));
        assert_eq!(caption_label("1 of 2. A view of the harbour"), (8, true));
        assert!(!caption_label("3 of 4 voters agreed.").1);
        assert_eq!(caption_label("Cover image: the old quay at dawn"), (13, true));
        assert_eq!(caption_label("Main Photo: Jane Roe at the quay"), (12, true));
        assert!(!caption_label("Main street at dawn").1);
    }

    #[test]
    fn caption_places() {
        let rows = [
            (
                "Two ministers meet in Hanoi, Vietnam Wednesday, Nov. 20, 2019.",
                Some("Hanoi, Vietnam"),
            ),
            (
                "Boats at the old quay in Setúbal, Portugal, Friday, March 15, 2019.",
                Some("Setúbal, Portugal"),
            ),
            (
                "A dunk against the visitors on Tuesday, Nov. 19, 2019, in Los Angeles.",
                Some("Los Angeles"),
            ),
            (
                "The sun rises over a field near Pine Hollow, California.",
                Some("Pine Hollow, California"),
            ),
            ("A portrait of the writer.", None),
        ];
        for (caption, want) in rows {
            assert_eq!(place_and_date(caption, None).0.as_deref(), want, "{caption}");
        }
    }
}
