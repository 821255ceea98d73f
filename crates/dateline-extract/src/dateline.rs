//! Datelines: the opening of a story that says where it was filed and for whom.
//!
//! AP writes `MOSCOW (AP) —` and `COLUMBIA, S.C. (AP) —`; Reuters `WASHINGTON, Oct 13 (Reuters) -`
//! (and in 1987 just `WASHINGTON, Feb 26 -`) or a bare `(Reuters) -`; CNN `(CNN) --`, `(CNN)` with
//! no dash at all, or `Hong Kong (CNN Business) --`; newspapers `LONDON —` or `Springfield, Ill. —`.
//! The place comes back in natural case with its state or country part kept as written.
//!
//! Ordinary sentences must never read as datelines ("The ministry has denied …", "Prosecutors in
//! Springfield — …"), so a place in normal case needs corroboration: a state abbreviation or country
//! after it, an agency in parentheses, or the gazetteer.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateExpr, alternation_as_listed, find_dates, month_alternation};
use super::gazetteer;
use super::lists::{DATELINE_NON_PLACES, PLACE_JOINERS};
use super::text::{is_all_caps, letters_are_ascii, natural_case};

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Byte offset just past the dateline (past its dash, or past the agency's parenthesis).
    pub end: usize,
    pub place: Option<String>,
    pub agency: Option<String>,
    pub date: Option<DateExpr>,
    /// The place was written in capitals or credited to an agency: safe anywhere near the top.
    pub strong: bool,
}

const WORD: &str = r"[\p{Lu}][\p{L}\p{M}.'’\-]*";
/// [`WORD`] for text whose letters are all ASCII ([`letters_are_ascii`]).
const ASCII_WORD: &str = r"[A-Z][A-Za-z.'’\-]*";

fn place_dateline(word: &str, digit: &str) -> Regex {
    let months = month_alternation();
    // What follows a joiner in the pattern starts with white space, a comma, a bracket or a
    // dash, never a letter: which of two joiners that start alike ("de", "del") is tried
    // first does not matter here.
    let joiners = alternation_as_listed(PLACE_JOINERS.iter());
    Regex::new(&format!(
        r"^(?P<main>{word}(?:[ \t]+(?:{word}|{joiners})){{0,4}})(?:,[ \t]*(?P<region>{word}(?:[ \t]+{word}){{0,3}}))?(?:,[ \t]*(?P<date>(?:{months})\.?[ \t]+{digit}{{1,2}}(?:,[ \t]*{digit}{{4}})?))?(?:[ \t]*\((?P<agency>[^()\n]{{1,30}})\))?[ \t]*(?P<dash>--|—|–|―|-)"
    ))
    .expect("dateline regex")
}

static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| place_dateline(WORD, r"\d"));
/// The same pattern for the usual opening, whose letters are all ASCII: it compiles faster
/// and searches with far fewer states.
static ASCII_PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| place_dateline(ASCII_WORD, "[0-9]"));

static AGENCY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?P<agency>[\p{Lu}][\p{L}.&' ]{0,28})\)(?:[ \t]*(?P<dash>--|—|–|―|-))?")
        .expect("agency dateline regex")
});

/// Parses a dateline at the very start of `text`.
pub fn parse_at_start(text: &str) -> Option<Parsed> {
    if text.starts_with('(') {
        return agency_only(text);
    }
    // Nothing in the pattern matches a line break, and it ends in a dash: without a dash on
    // the first line (most paragraphs) the regex cannot match, so it is not run.
    let first_line = &text[..memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len())];
    if !first_line.contains(['-', '—', '–', '―']) {
        return None;
    }
    // The automaton rejects an opening within a few words; capture groups (whose engine first
    // sets up state for the whole haystack) are only worth it for a match, on the first line.
    let pattern = if letters_are_ascii(first_line) {
        &*ASCII_PLACE_DATELINE
    } else {
        &*PLACE_DATELINE
    };
    if !pattern.is_match(first_line) {
        return None;
    }
    let c = pattern.captures(first_line)?;
    let dash = c.name("dash")?;
    // The dash must stand alone: followed by white space or the end, or be a long dash.
    let after = &text[dash.end()..];
    let dash_ok =
        after.is_empty() || after.starts_with(char::is_whitespace) || matches!(dash.as_str(), "—" | "--" | "―");
    if !dash_ok {
        return None;
    }
    // Hyphenated words inside the main part would have been eaten by WORD; a "-" glued to
    // the previous word is a hyphen, not a dash.
    if dash.as_str() == "-" && !text[..dash.start()].ends_with([' ', '\t', ')']) {
        return None;
    }
    let main = c.name("main")?.as_str().trim();
    let region = c.name("region").map(|m| m.as_str().trim());
    let agency = c
        .name("agency")
        .map(|m| m.as_str().trim().to_string())
        .filter(|a| agency_like(a));
    if c.name("agency").is_some() && agency.is_none() {
        return None;
    }
    let date = c
        .name("date")
        .and_then(|m| find_dates(m.as_str()).into_iter().next().map(|f| f.expr));
    let caps = is_all_caps(main) && main.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if caps && DATELINE_NON_PLACES.contains(main) {
        return None;
    }
    let corroborated = agency.is_some()
        || date.is_some()
        || region.is_some_and(|r| {
            gazetteer::state_abbreviation(r).is_some()
                || gazetteer::is_country_or_state(r)
                || gazetteer::place(r).is_some()
        })
        || gazetteer::place(main).is_some();
    if !caps && !corroborated {
        return None;
    }
    // A normal-case opening must look like a place name, not the start of a sentence.
    if !caps && main.split_whitespace().any(super::lexicon::is_stop_word) {
        return None;
    }
    let mut place = natural_case(main);
    if let Some(r) = region {
        place.push_str(", ");
        if is_all_caps(r) && gazetteer::state_abbreviation(r).is_none() {
            place.push_str(&natural_case(r));
        } else {
            place.push_str(r);
        }
    }
    Some(Parsed {
        end: dash.end(),
        place: Some(place),
        strong: caps || agency.is_some() || date.is_some(),
        agency,
        date,
    })
}

/// `(CNN) --`, `(Reuters) -`, or `(CNN)` followed directly by the story.
fn agency_only(text: &str) -> Option<Parsed> {
    let c = AGENCY_DATELINE.captures(text)?;
    let agency = c.name("agency")?.as_str().trim();
    if !agency_like(agency) {
        return None;
    }
    let end = match c.name("dash") {
        Some(d) => {
            let after = &text[d.end()..];
            if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
                return None;
            }
            d.end()
        }
        None => {
            let close = c.get(0)?.end();
            // Without a dash the story must follow at once.
            let next = text[close..].trim_start().chars().next();
            if !next.is_none_or(|n| n.is_uppercase() || n.is_numeric() || super::text::is_double_quote(n)) {
                return None;
            }
            close
        }
    };
    Some(Parsed {
        end,
        place: None,
        agency: Some(agency.to_string()),
        date: None,
        strong: true,
    })
}

/// Looks like the name of an agency or outlet: short, capitalised words, known or acronym-led.
fn agency_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if gazetteer::agency(s).is_some() {
        return true;
    }
    let first = words[0];
    (is_all_caps(first) && first.len() >= 2 || gazetteer::agency(first).is_some())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Structures a dateline written by hand, which may lack its dash ("Moscow", "MOSCOW (AP)").
pub fn parse_raw(raw: &str) -> Parsed {
    let trimmed = raw.trim();
    if let Some(p) = parse_at_start(trimmed) {
        return p;
    }
    let with_dash = format!("{trimmed} —");
    if let Some(mut p) = parse_at_start(&with_dash) {
        p.end = trimmed.len();
        return p;
    }
    let place = trimmed.trim_end_matches(['-', '—', '–', ' ']).trim();
    Parsed {
        end: trimmed.len(),
        place: (!place.is_empty()).then(|| natural_case(place)),
        agency: None,
        date: None,
        strong: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Option<(String, Option<String>, Option<String>)> {
        parse_at_start(text).map(|p| (text[..p.end].to_string(), p.place, p.agency))
    }

    #[test]
    fn real_world_datelines() {
        let rows: &[(&str, &str, Option<&str>, Option<&str>)] = &[
            ("MOSCOW (AP) — Russia will", "MOSCOW (AP) —", Some("Moscow"), Some("AP")),
            (
                "COLUMBIA, S.C. (AP) – The state",
                "COLUMBIA, S.C. (AP) –",
                Some("Columbia, S.C."),
                Some("AP"),
            ),
            (
                "HANOI, Vietnam (AP) — A minister",
                "HANOI, Vietnam (AP) —",
                Some("Hanoi, Vietnam"),
                Some("AP"),
            ),
            (
                "WASHINGTON, Oct 13 (Reuters) - The",
                "WASHINGTON, Oct 13 (Reuters) -",
                Some("Washington"),
                Some("Reuters"),
            ),
            ("TOKYO, March 2 - Utilities", "TOKYO, March 2 -", Some("Tokyo"), None),
            ("(Reuters) - Shares rose", "(Reuters) -", None, Some("Reuters")),
            ("(CNN) -- Forty reels", "(CNN) --", None, Some("CNN")),
            ("(CNN) The president", "(CNN)", None, Some("CNN")),
            (
                "Hong Kong (CNN Business) -- A deal",
                "Hong Kong (CNN Business) --",
                Some("Hong Kong"),
                Some("CNN Business"),
            ),
            ("LONDON — An insurer", "LONDON —", Some("London"), None),
            (
                "Dekalb, Ill. — A quarterback",
                "Dekalb, Ill. —",
                Some("Dekalb, Ill."),
                None,
            ),
            (
                "LOS ANGELES (AP) — To a star",
                "LOS ANGELES (AP) —",
                Some("Los Angeles"),
                Some("AP"),
            ),
            ("WASHINGTON – Two officers", "WASHINGTON –", Some("Washington"), None),
            (
                "SETÚBAL, Portugal (AP) — For",
                "SETÚBAL, Portugal (AP) —",
                Some("Setúbal, Portugal"),
                Some("AP"),
            ),
        ];
        for (text, raw, place, agency) in rows {
            let got = row(text).unwrap_or_else(|| panic!("no dateline in {text}"));
            assert_eq!(got.0, *raw);
            assert_eq!(got.1.as_deref(), *place, "{text}");
            assert_eq!(got.2.as_deref(), *agency, "{text}");
        }
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for text in [
            "The Ministry has denied the accusation.",
            "Prosecutors in Sweden — and elsewhere — have dropped it.",
            "Roe — who spoke later — said so.",
            "Mr. Smith - a banker - said.",
            "(Roe, it’s also worth noting, repeatedly sought it.)",
            "Well-known writers — all of them — came.",
            "UPDATE — The story changed.",
            "",
            "(",
        ] {
            assert_eq!(row(text), None, "{text}");
        }
    }

    #[test]
    fn hand_written_datelines() {
        let p = parse_raw("MOSCOW (AP)");
        assert_eq!(p.place.as_deref(), Some("Moscow"));
        assert_eq!(p.agency.as_deref(), Some("AP"));
        assert_eq!(parse_raw("Lisbon").place.as_deref(), Some("Lisbon"));
    }
}
