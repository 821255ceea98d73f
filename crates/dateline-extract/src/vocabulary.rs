//! The extractor's vocabulary, for checking what it found: whether a word is a title, a month
//! or a weekday, whether a name is a news outlet or agency, whether a word names a desk.
//!
//! Tests over real articles use these to state invariants ("no person is an outlet or a desk",
//! "no entity holds a date") in the extractor's own terms, without a second copy of its lists.

use super::gazetteer;
use super::lexicon;
use super::lists::{
    BYLINE_DESKS, CREDIT_NON_AGENCIES, CREDIT_PICTURE_WORDS, CREDIT_WORDS_NAMING_NOBODY, MONTHS, WEEKDAYS,
};

/// A title or office written before a name ("President", "Sen.", "CEO"), any case.
pub fn is_title(word: &str) -> bool {
    lexicon::is_title(word)
}

/// A royal's or a pope's name as the news writes it, title included ("Queen Jane", "Prince
/// John II"): the one kind of person whose name holds a title word.
pub fn is_royal_name(name: &str) -> bool {
    match name.split_whitespace().collect::<Vec<_>>().as_slice() {
        [title, given] => super::names::royal_style(title, given, None),
        [title, given, number] => super::names::royal_style(title, given, Some(number)),
        _ => false,
    }
}

/// A lower-case noun that introduces a person's name ("archivist Jane Roe", "coach Mary
/// Major"), any case: "Archivist Jane Roe" at the start of a caption is the same role.
pub fn is_role_noun(word: &str) -> bool {
    lexicon::is_role_noun(&word.to_lowercase())
}

/// A common given name ("Dean", "Jane"), as written: a word that is a name even where it is
/// also a title.
pub fn is_given_name(word: &str) -> bool {
    lexicon::is_given_name(word)
}

/// A news agency or an organisation the directory knows ("Reuters", "AP", "Springfield
/// Courier" only if listed).
pub fn is_outlet(name: &str) -> bool {
    gazetteer::agency(name).is_some() || gazetteer::is_known_org(name)
}

/// A word that names a newsroom desk rather than a writer ("Staff", "Newsroom", "Wire").
pub fn is_desk_word(word: &str) -> bool {
    word.split_whitespace().count() == 1 && BYLINE_DESKS.contains_lowercase_of(word)
}

/// A credit that only says how the picture was obtained and names no one ("Supplied",
/// "Submitted photo", "Handout").
pub fn only_says_how_obtained(credit: &str) -> bool {
    credit.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        CREDIT_NON_AGENCIES.contains_lowercase_of(w)
            || CREDIT_WORDS_NAMING_NOBODY.contains_lowercase_of(w)
            || CREDIT_PICTURE_WORDS.contains_lowercase_of(w)
    })
}

/// A month's name or abbreviation, as dates print it ("November", "Nov").
pub fn is_month(word: &str) -> bool {
    MONTHS.get(word.trim_end_matches('.')).is_some()
}

/// A weekday's name ("Monday").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.get(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn royal_names_hold_their_title() {
        for name in ["Queen Jane", "Prince John II", "Pope Gregory", "Duchess Mary"] {
            assert!(is_royal_name(name), "{name}");
        }
        for name in [
            "Prince John Roe",
            "Senator Jane",
            "Queen",
            "Jane Queen",
            "Mayor Jane II",
        ] {
            assert!(!is_royal_name(name), "{name}");
        }
    }

    #[test]
    fn words() {
        assert!(is_title("President") && is_title("sen.") && !is_title("Springfield"));
        assert!(is_role_noun("archivist") && is_role_noun("Archivist") && !is_role_noun("Lemos"));
        assert!(is_given_name("Dean") && !is_given_name("Mayor"));
        assert!(is_outlet("Reuters") && is_outlet("AP") && !is_outlet("Jane Roe"));
        assert!(is_desk_word("Staff") && is_desk_word("Newsroom") && !is_desk_word("Roe"));
        assert!(is_month("Nov.") && is_month("November") && !is_month("may"));
        assert!(is_weekday("Monday") && !is_weekday("Mon day"));
        assert!(only_says_how_obtained("Submitted photo") && !only_says_how_obtained("Jane Roe/Acme"));
    }
}
