//! The gazetteer and directory: places (GeoNames' countries, US states and counties and cities,
//! see [`super::places`], with the regions, seas and English city names of `data/lists/`), US
//! state abbreviations, news agencies and well-known organisations, and the words that mark a
//! name as a place or an organisation.
//!
//! Generic knowledge only. Lookups are exact (case-sensitive) on the name as written, with the
//! spellings of the United States mapped to one name ("U.S." → "United States").

use std::sync::LazyLock;

use super::fasthash::{WordMap, WordSet, with_lowercase};
use super::lists::{
    AGENCIES, CITY_NAMES, COUNTRY_NAMES, FOREIGN_PLACE_NAMES, MISC_SUFFIXES, ORG_SUFFIXES, ORGANIZATIONS,
    PLACE_PREFIXES, PLACE_SUFFIXES, PLANETS, REGIONS, STATE_ABBREVIATIONS, WEAK_ORGANIZATIONS,
};
use super::places::{self, Place};

/// The agencies by lower-cased name, for credits written in capitals ("GETTY IMAGES").
static AGENCY_LOWER: LazyLock<WordMap<String, &'static str>> =
    LazyLock::new(|| AGENCIES.iter().map(|(k, v)| (k.to_lowercase(), v)).collect());

/// The name of a place known on sight, as the archive lists it: countries, continents, US
/// states, capitals, big cities, and well-known regions, seas and rivers. Spellings of the
/// United States become one name ("U.S." → "United States"); every other name stays as written.
pub fn place(name: &str) -> Option<&'static str> {
    let s = spelling(name)?;
    s.listed
        .or_else(|| s.found(name).filter(Place::prominent).map(country_without_article))
}

/// What the hand-kept lists and the gazetteer hold under one spelling.
#[derive(Clone, Copy)]
struct Spelling {
    /// The lists' place ([`listed_place`]), which comes first.
    listed: Option<&'static str>,
    /// The gazetteer's most prominent place of exactly this spelling.
    gazetteer: Option<Place>,
}

impl Spelling {
    /// The gazetteer's place for `name`, this spelling's own or, failing that, the one it
    /// holds without the name's marks ("Piaui" for "Piauí").
    fn found(&self, name: &str) -> Option<Place> {
        // Nearly every name asked about is in none of the tables and in plain ASCII, which
        // has no marks to take off: the second lookup is for the others.
        self.gazetteer
            .or_else(|| (!name.is_ascii()).then(|| places::lookup_without_marks(name))?)
    }
}

/// Every spelling of the lists and the gazetteer, gathered on first use into one table: nearly
/// every capitalised word is asked whether it is a place, most are in none of the five tables,
/// and one lookup answers for all of them. A planet is held as no place at all ("Mercury").
static SPELLINGS: LazyLock<WordMap<&'static str, Option<Spelling>>> = LazyLock::new(|| {
    let names = COUNTRY_NAMES
        .iter()
        .map(|(name, _)| name)
        .chain(REGIONS.iter())
        .chain(CITY_NAMES.iter())
        .chain(FOREIGN_PLACE_NAMES.iter())
        .chain(places::spellings().map(|(name, _)| name))
        .chain(PLANETS.iter());
    names
        .map(|name| {
            let spelling = (!PLANETS.contains(name)).then(|| Spelling {
                listed: listed_place(name),
                gazetteer: places::lookup_exact(name),
            });
            (name, spelling)
        })
        .collect()
});

/// The lists' and the gazetteer's place for `name`, none for a planet. A name no table spells
/// may still be one the gazetteer holds without its marks ("Piaui" for "Piauí").
fn spelling(name: &str) -> Option<Spelling> {
    SPELLINGS.get(name).copied().unwrap_or(Some(Spelling {
        listed: None,
        gazetteer: None,
    }))
}

/// A name in the hand-kept lists of countries, regions, English city names and foreign
/// spellings, which come before the gazetteer's.
fn listed_place(name: &str) -> Option<&'static str> {
    COUNTRY_NAMES
        .get(name)
        .or_else(|| REGIONS.get(name))
        .or_else(|| CITY_NAMES.get(name))
        .or_else(|| FOREIGN_PLACE_NAMES.get(name))
}

/// "The Netherlands" → "Netherlands": news copy writes a country's article in lower case
/// inside a sentence ("fans of the Netherlands"), so the archive lists the country without
/// it, whichever way a story writes it. A town keeps its article ("The Hague").
fn country_without_article(p: Place) -> &'static str {
    match p.name.strip_prefix("The ") {
        Some(rest) if p.kind == places::PlaceKind::Country => rest,
        _ => p.name,
    }
}

/// Whether `name` names a country ("France", "Britain", "U.S."), not a region or a town.
pub fn is_country(name: &str) -> bool {
    COUNTRY_NAMES.get(name).is_some() || places::lookup(name).is_some_and(|p| p.kind == places::PlaceKind::Country)
}

/// Whether `name` names a country or a continent: the markets a company's national and
/// regional subsidiaries are named for ("Acme Europe", "Acme UK").
pub fn is_country_or_continent(name: &str) -> bool {
    is_country(name) || places::lookup(name).is_some_and(|p| p.kind == places::PlaceKind::Continent)
}

/// The name of any place in the gazetteer, towns and counties included: for names that the
/// words around them already mark as places ("in Springfield", "Springfield, Ill.").
pub fn town(name: &str) -> Option<&'static str> {
    let s = spelling(name)?;
    s.listed.or_else(|| s.found(name).map(country_without_article))
}

/// A country, US state or the United States (used to recognise "City, Country" pairs).
pub fn is_country_or_state(name: &str) -> bool {
    COUNTRY_NAMES.get(name).is_some() || places::lookup(name).is_some_and(|p| p.is_country_or_state())
}

/// The state an AP or postal abbreviation stands for ("S.C." → "South Carolina").
pub fn state_abbreviation(abbr: &str) -> Option<&'static str> {
    STATE_ABBREVIATIONS.get(abbr)
}

/// Whether `name` is an agency's name exactly as the agency writes it: the few that style
/// themselves in lower case ("dpa") are names, where other lower-case words are running text.
pub fn is_agency_as_written(name: &str) -> bool {
    AGENCIES.get(name).is_some()
}

/// The canonical name of a news or photo agency ("AP" → "Associated Press").
pub fn agency(name: &str) -> Option<&'static str> {
    AGENCIES.get(name).or_else(|| {
        // Case-insensitive fallback for credits written in capitals ("GETTY IMAGES"). Every
        // organisation name is asked, and the shape of its lower case rules out most.
        if !AGENCY_LOWER.may_hold_lowercase_of(name) {
            return None;
        }
        with_lowercase(name, |lower| AGENCY_LOWER.get(lower).copied())
    })
}

/// The project's list of organisations and the names of listed companies, as news copy
/// writes them ("Acme" for "Acme, Inc."), from `data/companies.txt` (generated from stock
/// index constituents; see `data/README.md`): one table, so a name is looked up once.
static KNOWN_ORGS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    ORGANIZATIONS
        .iter()
        .chain(include_str!("../data/companies.txt").lines())
        .collect()
});

/// Well-known organisations and sports teams from the `compromise` lexicon, in its folded
/// spelling: lower case, no apostrophes or full stops, spaces for hyphens ("mcdonalds",
/// "coca cola"); see `data/README.md`.
static LEXICON_ORGS: LazyLock<WordSet<&'static str>> =
    LazyLock::new(|| include_str!("../data/lexicon_orgs.txt").lines().collect());

/// Whether `name` is a well-known organisation: one of the project's list, a company listed
/// on a major stock index under the name the news calls it by, or a name of the lexicon.
pub fn is_known_org(name: &str) -> bool {
    KNOWN_ORGS.contains(name) || in_lexicon(name)
}

/// Whether a capitalised name, folded as the lexicon writes its names, is one of them:
/// "McDonald's" and "Coca-Cola" match "mcdonalds" and "coca cola". A name in lower case is a
/// common noun of the sentence, never the organisation.
fn in_lexicon(name: &str) -> bool {
    let bytes = name.as_bytes();
    let capitalised = match bytes.first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || b.is_ascii_digit(),
        Some(_) => name.starts_with(char::is_uppercase),
    };
    if !capitalised {
        return false;
    }
    if bytes.len() <= 64 && bytes.is_ascii() {
        // Without a full stop, apostrophe or hyphen the folded name is the name in lower case,
        // whose shape settles most names before any is lowered.
        if !has_folded_marks(bytes) {
            return LEXICON_ORGS.may_hold_lowercase_of(name)
                && with_lowercase(name, |lower| LEXICON_ORGS.contains(lower));
        }
        // ASCII names ("Acme-Bolt Co.", "Zentrix's") fold byte by byte, as the chars below would.
        let mut buf = [0u8; 64];
        let mut n = 0;
        for b in bytes.iter().copied().filter(|&b| b != b'.' && b != b'\'') {
            buf[n] = if b == b'-' { b' ' } else { b.to_ascii_lowercase() };
            n += 1;
        }
        // ASCII in, ASCII out: always valid UTF-8.
        return std::str::from_utf8(&buf[..n]).is_ok_and(|folded| LEXICON_ORGS.contains(folded));
    }
    let folded: String = name
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '\u{2019}'))
        .map(|c| if c == '-' { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    LEXICON_ORGS.contains(&folded)
}

/// Whether ASCII `bytes` hold a full stop, an apostrophe or a hyphen, the marks the lexicon's
/// folding drops or changes: eight bytes at a time, for most names have none and asking byte by
/// byte cost more than the lookup it guards.
fn has_folded_marks(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `x` is zero (exact, the classic test).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let holds = |w: u64| {
        zero_byte(w ^ (ONES * u64::from(b'.')))
            || zero_byte(w ^ (ONES * u64::from(b'\'')))
            || zero_byte(w ^ (ONES * u64::from(b'-')))
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if holds(u64::from_le_bytes(word)) {
            return true;
        }
    }
    // The tail padded with zero bytes, which match none of the marks.
    let mut word = [0u8; 8];
    word[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    holds(u64::from_le_bytes(word))
}

/// Known organisations that are too generic to list alone ("Target", "Medicaid").
pub fn is_weak_org(name: &str) -> bool {
    WEAK_ORGANIZATIONS.contains(name)
}

/// Whether a word ending a capitalised name makes it an organisation ("Springfield City Council").
pub fn is_org_suffix(word: &str) -> bool {
    ORG_SUFFIXES.contains(word)
}

/// Whether a word ending a capitalised name makes it a place ("Roe County", "Maple Street").
pub fn is_place_suffix(word: &str) -> bool {
    PLACE_SUFFIXES.contains(word)
}

/// Whether a word opens a place name ("Lake Springfield", "Mount Roe").
pub fn is_place_prefix(word: &str) -> bool {
    PLACE_PREFIXES.contains(word)
}

/// Whether a word ending a capitalised name makes it an event, prize, law, work or building
/// ("Roe Prize", "Springfield Marathon").
pub fn is_misc_suffix(word: &str) -> bool {
    MISC_SUFFIXES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(place("U.S."), Some("United States"));
        assert_eq!(place("Moscow"), Some("Moscow"));
        assert_eq!(place("Nowhere"), None);
        assert_eq!(state_abbreviation("S.C."), Some("South Carolina"));
        assert_eq!(state_abbreviation("Neb."), Some("Nebraska"));
        assert_eq!(agency("AP"), Some("Associated Press"));
        assert_eq!(agency("REUTERS"), Some("Reuters"));
        assert_eq!(agency("GETTY IMAGES"), Some("Getty Images"));
        assert_eq!(agency("Getty images"), Some("Getty Images"));
        assert_eq!(agency("Department of Fisheries"), None);
        assert!(is_known_org("Kremlin"));
        // Listed companies by the name the news uses: without the legal form, and by the
        // first word when the rest only says what the business is.
        assert!(is_known_org("Badger Meter"));
        assert!(is_known_org("Mirion"));
        assert!(!is_known_org("Mirion Technologies Inc"));
        // Dropped by the generator: English words, nationalities.
        assert!(!is_known_org("Visa"));
        assert!(!is_known_org("American"));
        // The lexicon's names, matched in its folded spelling; never a word in lower case.
        assert!(is_known_org("NASA"));
        assert!(is_known_org("Cleveland Browns"));
        assert!(is_known_org("McDonald's"));
        assert!(is_known_org("McDonald\u{2019}s"));
        assert!(is_known_org("Coca-Cola"));
        assert!(!is_known_org("coca-cola"));
        assert!(!is_known_org("Springfield Browns"));
        // Names the folding changes, and ones it leaves alone, at every place of an eight-byte word.
        for (name, marked) in [
            ("Acme", false),
            ("Acme & Bolt, Inc", false),
            ("A.B", true),
            ("Bolt-Acme", true),
            ("Zentrix's", true),
            ("Acme Bolt Zentri.", true),
            ("Acme Bolt Zentrix-", true),
            ("Acme Bolt'", true),
        ] {
            assert_eq!(has_folded_marks(name.as_bytes()), marked, "{name}");
        }
        assert!(is_org_suffix("University"));
        assert!(is_place_suffix("Province"));
        assert!(is_country_or_state("Vietnam"));
    }

    /// The generated lists keep the data files' format: sorted bytewise, unique, no blank
    /// lines or surrounding white space; the lexicon's names are also in its folded spelling.
    #[test]
    fn generated_lists_are_sorted_and_clean() {
        for (file, min) in [
            (include_str!("../data/companies.txt"), 1000),
            (include_str!("../data/lexicon_orgs.txt"), 300),
        ] {
            let lines: Vec<&str> = file.lines().collect();
            assert!(lines.len() > min);
            for pair in lines.windows(2) {
                assert!(pair[0].as_bytes() < pair[1].as_bytes(), "{pair:?} out of order");
            }
            for line in lines {
                assert!(!line.is_empty() && line.trim() == line, "{line:?}");
            }
        }
        for line in include_str!("../data/lexicon_orgs.txt").lines() {
            assert!(
                !line.contains(['.', '\'', '-']) && line.to_lowercase() == line,
                "{line:?}"
            );
        }
    }
}
