//! The news agencies' many spellings ("AP", "The Associated Press", "AP Photo") and the one
//! name each goes by in the archive.
//!
//! A leaf that the index stage (agency terms) and the search index (the agency facet) both use,
//! so a facet value is always the name of an agency page without search reaching into the
//! index stage.

/// Spellings of the big agencies and the name their index page goes by.
pub const AGENCIES: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("Associated Press", "Associated Press"),
    ("AP Photo", "Associated Press"),
    ("REUTERS", "Reuters"),
    ("Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Getty", "Getty Images"),
    ("Getty Images", "Getty Images"),
    ("CNN", "CNN"),
    ("CNN Business", "CNN"),
    ("EPA", "EPA"),
    ("EPA-EFE", "EPA"),
    ("Bloomberg", "Bloomberg"),
    ("Bloomberg News", "Bloomberg"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
];

/// The name an agency's index page goes by ("AP" → "Associated Press").
pub fn canonical_agency(name: &str) -> String {
    let trimmed = name.trim();
    AGENCIES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(trimmed))
        .map_or_else(|| trimmed.to_string(), |(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_spellings_meet() {
        for (spelling, name) in [
            ("AP", "Associated Press"),
            ("ap photo", "Associated Press"),
            ("REUTERS", "Reuters"),
            ("Agence France-Presse", "AFP"),
            (" Getty Images ", "Getty Images"),
            ("Acme News", "Acme News"),
        ] {
            assert_eq!(canonical_agency(spelling), name, "{spelling}");
        }
    }
}
