//! The newsroom's vocabulary: titles, speech verbs, honorifics, common given names, demonyms,
//! capitalised function words and abbreviations. Generic knowledge only — nothing here names a
//! particular story's people.
//!
//! The words live in data files under `data/lists/` (see [`super::lists`]), hashed once on first
//! use, so lookups in the hot extraction loops are a shape test and at most a hash of a short
//! string.

use super::fasthash::WordSet;
use super::lists::{
    ABBREVIATIONS, DEMONYMS, FOREIGN_FUNCTION_WORDS, GIVEN_NAMES, HONORIFIC_GENDERS, NAME_PARTICLES, NAME_SUFFIXES,
    NON_ORG_ACRONYMS, ORG_NOUNS, ROLE_NOUNS, SPEECH_PARTICIPLES, SPEECH_VERBS, STOP_WORDS, TITLES, VESSEL_NOUNS,
};
use std::sync::LazyLock;

/// Whether `word` (with or without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ABBREVIATIONS.contains(w)
}

/// Lower-case particles inside personal and place names ("Juan de la Vega", "Omar bin Hadi").
pub fn is_name_particle(lower: &str) -> bool {
    NAME_PARTICLES.contains(lower)
}

/// Whether a word (any case) is a title or office word ("Sen.", "Prime Minister", "Coach").
/// The last title word of a capitalised run separates the role from the name.
pub fn is_title(word: &str) -> bool {
    // Asked for nearly every word of a capitalised run, and most are no title: the shape of
    // the lower-cased word (with or without its final periods) settles those without
    // lowering it. Without a final period the second lookup would be the first again.
    let trimmed = word.trim_end_matches('.');
    TITLES.contains_lowercase_of(word)
        || trimmed.len() != word.len() && TITLES.contains_lowercase_of(trimmed)
        || unpunctuated_title(word)
        || prefixed_title(word)
}

/// "vice-premier", "Vice-Chairman", "ex-minister": British and many wire desks join "vice" and
/// "ex" to a title or role with a hyphen (AP writes "vice premier" open), and the whole is one.
fn prefixed_title(word: &str) -> bool {
    vice_or_ex(word).is_some_and(is_title)
}

/// What follows "vice-" or "ex-" in a word ("premier" in "vice-premier"), if anything does.
fn vice_or_ex(word: &str) -> Option<&str> {
    // The prefix is compared in place: nearly every word asked about has none, and searching
    // each for a hyphen first cost more than the lookups it guards. Most do not even start
    // with either prefix's letter.
    if !matches!(word.as_bytes().first(), Some(b'v' | b'V' | b'e' | b'E')) {
        return None;
    }
    let after = |prefix: &str| {
        let head = word.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix).then(|| &word[prefix.len()..])
    };
    after("vice-").or_else(|| after("ex-")).filter(|rest| !rest.is_empty())
}

/// British and Reuters style drop the full stop of an abbreviation that ends with the word's
/// last letter, and some wire desks drop every one: "Gen Ann Roe", "Sen Bob Lee", "Insp Tom
/// Hale". A word of up to four letters whose stopped form is a listed title is that title.
fn unpunctuated_title(word: &str) -> bool {
    if !(2..=4).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut stopped = [0u8; 5];
    stopped[..word.len()].copy_from_slice(word.as_bytes());
    stopped[word.len()] = b'.';
    std::str::from_utf8(&stopped[..=word.len()]).is_ok_and(|s| TITLES.contains_lowercase_of(s))
}

/// Honorifics that carry a gender.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    HONORIFIC_GENDERS
        .get_lowercase_of(word.trim_end_matches('.'))
        .and_then(Gender::from_code)
}

/// Whether `word` is a lower-case noun that introduces a person's name ("coach Jane Roe").
pub fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains(word) || vice_or_ex(word).is_some_and(|rest| ROLE_NOUNS.contains(rest))
}

/// Whether `word` is a lower-case noun that introduces or follows an organisation's name
/// ("the newspaper Springfield Courier").
pub fn is_org_noun(word: &str) -> bool {
    ORG_NOUNS.contains(word)
}

/// For each (first letter, length) pair, whether some speech verb or participle has it: most
/// words of a story are rejected by one bit test before any hashing.
static VERB_SHAPES: LazyLock<[u32; 26]> = LazyLock::new(|| {
    let mut shapes = [0u32; 26];
    for w in SPEECH_VERBS.iter().chain(SPEECH_PARTICIPLES.iter()) {
        if let Some(i) = w
            .bytes()
            .next()
            .filter(u8::is_ascii_lowercase)
            .map(|b| usize::from(b - b'a'))
        {
            shapes[i] |= 1 << w.len().min(31);
        }
    }
    shapes
});

/// Whether a lower-case word could be a speech verb or participle at all (cheap pre-check).
#[inline]
pub fn may_be_speech_verb(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&c| speech_verb_shape(c, word.len()))
}

/// Whether some speech verb or participle starts with the byte `first` and is `len` bytes long.
#[inline]
pub fn speech_verb_shape(first: u8, len: usize) -> bool {
    first.is_ascii_lowercase() && len < 31 && VERB_SHAPES[usize::from(first - b'a')] & (1 << len) != 0
}

/// Whether a lower-case word attributes speech.
pub fn is_speech_verb(word: &str) -> bool {
    may_be_speech_verb(word) && SPEECH_VERBS.contains(word)
}

/// Whether a lower-case word attributes speech to its sentence's subject ("…, saying that …").
pub fn is_speech_participle(word: &str) -> bool {
    may_be_speech_verb(word) && SPEECH_PARTICIPLES.contains(word)
}

/// Whether a capitalised word is a function word or common sentence opener, not part of a name.
pub fn is_stop_word(word: &str) -> bool {
    STOP_OR_FOREIGN_FUNCTION_WORDS.contains(word)
}

/// [`STOP_WORDS`] and [`FOREIGN_FUNCTION_WORDS`] in one table: nearly every capitalised word
/// is asked, and one lookup answers for both lists.
static STOP_OR_FOREIGN_FUNCTION_WORDS: LazyLock<WordSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().chain(FOREIGN_FUNCTION_WORDS.iter()).collect());

/// Nationality and group adjectives ("Russian", "Canadian-born"): roles and descriptors, never
/// names.
pub fn is_demonym(word: &str) -> bool {
    DEMONYMS.contains(word) || (word.ends_with("-born") || word.ends_with("-based"))
}

/// Which pronoun a person takes, when the text lets us know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The gender a list's code stands for: `m`, `f`; anything else (`u`) tells none.
    fn from_code(code: &str) -> Option<Gender> {
        match code {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// The gender a given name suggests, if it is a common name used mostly for one gender.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    GIVEN_NAMES.get(name).and_then(Gender::from_code)
}

/// Whether a word is a known given name (either gender, or both).
pub fn is_given_name(name: &str) -> bool {
    GIVEN_NAMES.get(name).is_some()
}

/// Name suffixes that stay part of a name ("Richard Roe III", "John Doe Jr.").
pub fn is_name_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(word)
}

/// All-caps words that are not organisations even though they look like acronyms.
pub fn is_non_org_acronym(word: &str) -> bool {
    NON_ORG_ACRONYMS.contains(word)
}

/// Nouns of craft named like people: "the tanker Sea Breeze", "aboard the ferry Island Queen",
/// "the Marlowe probe".
pub fn is_vessel_noun(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    // Compared ignoring ASCII case only: a non-ASCII word (the Kelvin sign lowers to "k") is
    // no vessel noun.
    w.is_ascii() && VESSEL_NOUNS.contains_lowercase_of(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert!(is_abbreviation("Sen."));
        assert!(is_abbreviation("Sept"));
        assert!(!is_abbreviation("Senate"));
        assert!(is_title("Secretary"));
        assert!(is_title("sen."));
        assert!(is_title("vice-premier") && is_title("Ex-Minister") && !is_title("vice-versa"));
        assert!(is_role_noun("vice-premier") && is_role_noun("ex-minister") && !is_role_noun("ex-"));
        assert!(is_speech_verb("said"));
        assert!(is_demonym("Russian"));
        assert_eq!(given_name_gender("Elizabeth"), Some(Gender::Female));
        assert_eq!(given_name_gender("Samuel"), Some(Gender::Male));
        assert_eq!(given_name_gender("Robin"), None);
        assert_eq!(honorific_gender("Ms"), Some(Gender::Female));
        assert_eq!(honorific_gender("Councilman"), Some(Gender::Male));
        // Names common for both genders are given names that suggest no pronoun.
        assert!(is_given_name("Robin") && is_given_name("Erin"));
        assert_eq!(given_name_gender("Erin"), None);
        assert!(!is_given_name("Springfield"));
        assert!(is_vessel_noun("Tanker,"));
        assert!(!is_vessel_noun("tankers"));
        assert!(is_title("Lt."));
        assert!(!is_title("Lieutenants"));
    }
}
