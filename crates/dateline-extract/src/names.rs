//! Personal names: the given names and surnames of the 1990 US Census.
//!
//! `data/given_names.tsv` (with the gender each name is mostly given to) and
//! `data/surnames.txt` (the 20,000 most frequent surnames, most frequent first) are generated
//! by `data/generate/names.py`. The lists lean American; they are evidence that a capitalised
//! word is a name, weighed with the words around it, never proof.

use std::sync::LazyLock;

use super::fasthash::{FxHashMap, WordMap, with_lowercase};
use super::lexicon::Gender;

/// A given name's gender code (`f`, `m`, `u`) and how many in a million bore it.
#[derive(Debug, Clone, Copy)]
struct Given {
    gender: u8,
    per_million: u32,
}

/// Lower-cased given name → what the Census says of it.
static GIVEN: LazyLock<WordMap<String, Given>> = LazyLock::new(|| {
    include_str!("../data/given_names.tsv")
        .lines()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (name, gender, per_million) = (cols.next()?, cols.next()?, cols.next()?);
            let given = Given {
                gender: gender.bytes().next().unwrap_or(b'u'),
                per_million: per_million.parse().unwrap_or(0),
            };
            Some((name.to_lowercase(), given))
        })
        .collect()
});

/// Lower-cased given name → gender code (`f`, `m`, `u`): the given names of some fifty other
/// countries and languages that the Census lists lack ("Giulio", "Joaquim", "Radek").
static WORLD_GIVEN: LazyLock<WordMap<String, u8>> = LazyLock::new(|| {
    include_str!("../data/world_given_names.tsv")
        .lines()
        .filter_map(|l| {
            let (name, gender) = l.split_once('\t')?;
            Some((name.to_lowercase(), gender.bytes().next().unwrap_or(b'u')))
        })
        .collect()
});

/// Lower-cased surnames of the same world lists ("Lindqvist", "Horvat", "Virtanen").
static WORLD_SURNAMES: LazyLock<crate::fasthash::WordSet<String>> = LazyLock::new(|| {
    include_str!("../data/world_surnames.txt")
        .lines()
        .map(str::to_lowercase)
        .collect()
});

/// A given name this common (per million of its gender) is a person's name more often than a
/// word or a place's: "Grant" yes, "Denver" (90) no.
const COMMON_GIVEN: u32 = 100;

/// Lower-cased surname → frequency rank (1 is the most frequent).
static SURNAMES: LazyLock<WordMap<String, u32>> = LazyLock::new(|| {
    let mut ranks = FxHashMap::default();
    for (i, name) in include_str!("../data/surnames.txt").lines().enumerate() {
        ranks.entry(name.to_lowercase()).or_insert(i as u32 + 1);
    }
    ranks.into()
});

/// A surname this common is as likely to be a word of a place or company name as a person's:
/// "Hamilton", "Chandler", "Preston".
const COMMON_SURNAME: u32 = 1_000;

/// Whether `word` (any case) is a given name in the Census lists.
pub fn is_given_name(word: &str) -> bool {
    GIVEN.may_hold_lowercase_of(word) && with_lowercase(word, |w| GIVEN.contains_key(w))
}

/// "Queen Jane", "Prince John II", "Pope Innocent": royals and popes have no surname in the
/// news, which names them by the title and one given name (and a regnal number); the title is
/// then part of the person's name. "Prince John Roe", with a surname, is John Roe.
pub fn royal_style(title: &str, given: &str, regnal: Option<&str>) -> bool {
    let given_name = |w: &str| super::lexicon::is_given_name(w) || is_given_name(w);
    let numeral = |w: &str| w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    super::lists::ROYAL_TITLES.contains_lowercase_of(title) && given_name(given) && regnal.is_none_or(numeral)
}

/// The gender a given name is mostly given to, when the lists say.
pub fn given_name_gender(word: &str) -> Option<Gender> {
    if !GIVEN.may_hold_lowercase_of(word) {
        return None;
    }
    with_lowercase(word, |w| match GIVEN.get(w).map(|g| g.gender) {
        Some(b'f') => Some(Gender::Female),
        Some(b'm') => Some(Gender::Male),
        _ => None,
    })
}

/// The frequency rank of a surname (any case), 1 the most frequent.
pub fn surname_rank(word: &str) -> Option<u32> {
    if !SURNAMES.may_hold_lowercase_of(word) {
        return None;
    }
    with_lowercase(word, |w| SURNAMES.get(w).copied())
}

/// Whether `word` (any case) is a common given name.
pub fn is_common_given_name(word: &str) -> bool {
    GIVEN.may_hold_lowercase_of(word)
        && with_lowercase(word, |w| GIVEN.get(w).is_some_and(|g| g.per_million >= COMMON_GIVEN))
}

/// Whether `word` (any case) is a given name of the world lists: weaker evidence than the
/// Census lists' own, since their countries' names include more words that are also places,
/// brands and nouns elsewhere, so it only confirms a run already shaped like a name.
pub fn is_world_given_name(word: &str) -> bool {
    WORLD_GIVEN.may_hold_lowercase_of(word) && with_lowercase(word, |w| WORLD_GIVEN.contains_key(w))
}

/// Whether `word` (any case) is a surname of the world lists; like their given names, it only
/// confirms a run already shaped like a name.
pub fn is_world_surname(word: &str) -> bool {
    WORLD_SURNAMES.may_hold_lowercase_of(word) && with_lowercase(word, |w| WORLD_SURNAMES.contains(w))
}

/// "Theo and Carla Roe", "Theo + Carla Roe": a couple credited together share the surname of
/// the full name after the given name. `given` must be one given name and `full` a name of
/// two words or more; the given name's full name ("Theo Roe").
pub fn sharing_surname(given: &str, full: &str) -> Option<String> {
    let surname = full.rsplit_once(' ')?.1;
    (!given.contains(' ') && is_given_name(given)).then(|| format!("{given} {surname}"))
}

/// Whether any list holds `word` as a given name: the lexicon's, the Census's or the world's.
pub fn is_any_given_name(word: &str) -> bool {
    super::lexicon::is_given_name(word) || is_given_name(word) || is_world_given_name(word)
}

/// The gender of a given name, as the lexicon says, else as the Census lists say.
pub fn gender_of(given: &str) -> Option<Gender> {
    super::lexicon::given_name_gender(given).or_else(|| given_name_gender(given))
}

/// Whether a word is often a person's name: a common given name or a common surname.
pub fn is_name_word(word: &str) -> bool {
    is_common_given_name(word) || surname_rank(word).is_some_and(|r| r <= COMMON_SURNAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_names() {
        assert!(is_given_name("Mary") && is_given_name("MARY") && is_given_name("john"));
        assert_eq!(given_name_gender("Mary"), Some(Gender::Female));
        assert_eq!(given_name_gender("John"), Some(Gender::Male));
        assert!(!is_given_name("Springfield"));
        assert_eq!(surname_rank("Smith"), Some(1));
        assert!(surname_rank("Hamilton").is_some_and(|r| r <= COMMON_SURNAME));
        assert!(is_name_word("Hamilton") && !is_name_word("Seattle"));
        // In the lists, but too rare a given name to outweigh the city.
        assert!(is_given_name("Denver") && !is_name_word("Denver"));
    }

    #[test]
    fn world_names() {
        assert!(is_world_given_name("Giulio") && is_world_given_name("JOAQUIM"));
        assert!(is_world_surname("Lindqvist") && is_world_surname("horvat"));
        // What the Census lists hold is not repeated; words, places and nationalities are left out.
        assert!(!is_world_given_name("Mary") && !is_world_surname("Smith"));
        assert!(!is_world_given_name("Paris") && !is_world_given_name("Italian") && !is_world_surname("table"));
    }
}
