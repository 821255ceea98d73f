//! A person's name without the title or role word written before it ("Archivist Beatriz Lemos"
//! is Beatriz Lemos, an archivist).
//!
//! A leaf that merge (names declared in front matter), the index stage (people, photographers
//! and reporters from every source) and the Web Annotation export (note creators) all use, so a
//! role word never becomes part of a name on any page, and one person gets one page however the
//! role was written. The words themselves are the extractor's ([`crate::extract::vocabulary`]):
//! one list of titles and role nouns for the whole program.

use crate::extract::vocabulary;

/// A name split from the title or role before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titled {
    /// The name alone: "Beatriz Lemos".
    pub name: String,
    /// What was written before it, when anything was: "Archivist", "Interior Minister".
    pub role: Option<String>,
}

/// Splits "Interior Minister Ana Ribeiro" into the name and the role before it.
///
/// The role runs to the last title or role word that still leaves a name after it, as the
/// extractor reads a capitalised run. Three guards keep real names whole, because a title word
/// can also be a name: a name that opens with a given name keeps every word ("Jane King Roe");
/// a single name left over is only split from a prefix made entirely of titles ("Mayor Ribeiro"
/// is Ribeiro, "Martin Luther King Jr." stays whole); and a single given name before a single
/// word is a name, not a role ("Dean Baker").
pub fn split_title(raw: &str) -> Titled {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let whole = || Titled {
        name: words.join(" "),
        role: None,
    };
    let is_role = |w: &str| {
        let w = w.trim_end_matches(',');
        vocabulary::is_title(w) || vocabulary::is_role_noun(w)
    };
    let Some(last_role) = (0..words.len().saturating_sub(1)).rev().find(|&i| is_role(words[i])) else {
        return whole();
    };
    let (prefix, rest) = words.split_at(last_role + 1);
    if !is_role(prefix[0]) && vocabulary::is_given_name(prefix[0]) {
        return whole();
    }
    if rest.len() == 1 {
        let only_titles = prefix.iter().all(|w| is_role(w));
        let a_given_name = prefix.len() == 1 && vocabulary::is_given_name(prefix[0]);
        if !only_titles || a_given_name {
            return whole();
        }
    }
    let mut role: Vec<&str> = prefix.to_vec();
    if role.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        role.remove(0);
    }
    let role = role.join(" ").trim_end_matches(',').to_string();
    Titled {
        name: rest.join(" ").trim_start_matches(',').trim().to_string(),
        role: (!role.is_empty()).then_some(role),
    }
}

/// Whether a name opens with a title or role word that [`split_title`] would take off: what
/// no name in the archive's people, photographers and reporters may do.
pub fn has_title(name: &str) -> bool {
    split_title(name).role.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_roles_come_off_names() {
        // (as written, the name, the role)
        let rows: &[(&str, &str, Option<&str>)] = &[
            ("Archivist Beatriz Lemos", "Beatriz Lemos", Some("Archivist")),
            ("archivist Jane Roe", "Jane Roe", Some("archivist")),
            (
                "Interior Minister Ana Ribeiro",
                "Ana Ribeiro",
                Some("Interior Minister"),
            ),
            ("Sen. Harlan Beaufort", "Harlan Beaufort", Some("Sen.")),
            ("State Sen. Harlan Beaufort", "Harlan Beaufort", Some("State Sen.")),
            ("Mayor Ribeiro", "Ribeiro", Some("Mayor")),
            (
                "the photographer Marta Quintela",
                "Marta Quintela",
                Some("photographer"),
            ),
            ("Dr.  Jane   Roe", "Jane Roe", Some("Dr.")),
            // Names that hold a title word stay whole.
            ("Ana Ribeiro", "Ana Ribeiro", None),
            ("John Major", "John Major", None),
            ("Dean Baker", "Dean Baker", None),
            ("Jane King Roe", "Jane King Roe", None),
            ("Martin Luther King Jr.", "Martin Luther King Jr.", None),
            ("Archive desk", "Archive desk", None),
            ("Mayor", "Mayor", None),
            ("", "", None),
        ];
        for &(raw, name, role) in rows {
            let got = split_title(raw);
            assert_eq!(got.name, name, "{raw}");
            assert_eq!(got.role.as_deref(), role, "{raw}");
            assert_eq!(has_title(raw), role.is_some(), "{raw}");
        }
    }
}
