//! Note ids: the names a note goes by in links (`#annotation-ID`) and in the Web Annotation
//! export. A citation of a note must keep pointing at that note, so an id depends only on the
//! note itself — its `id` key, or else its quote, prefix and suffix — never on its place in the
//! file or on the other notes of the article.

use super::anchor::normalise;

/// The longest slug of a quote kept in a derived id, in bytes.
const MAX_SLUG: usize = 48;

/// The id of a note that has no `id` key: the quote's slug ("extended-their-strike-on-monday"),
/// followed by a short hash of the prefix and suffix when it has them, since those are what tell
/// two notes on the same words apart.
pub fn derived_id(quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> String {
    let slug = crate::slug::slugify(&normalise(quote));
    let mut id = String::new();
    for word in slug.split('-').filter(|w| !w.is_empty()) {
        if !id.is_empty() && id.len() + 1 + word.len() > MAX_SLUG {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    // A quote in a script without Latin letters, or of punctuation only, is named by its hash.
    if id.is_empty() || !is_note_id(&id) {
        id = format!("q{:08x}", fnv1a(normalise(quote).as_bytes()));
    }
    if prefix.is_some() || suffix.is_some() {
        let context = format!(
            "{}\u{1f}{}",
            prefix.map(normalise).unwrap_or_default(),
            suffix.map(normalise).unwrap_or_default()
        );
        id.push_str(&format!("-{:08x}", fnv1a(context.as_bytes())));
    }
    id
}

/// Whether `id` may name a note: lowercase ASCII letters, digits and single inner hyphens, so
/// it is a clean URL fragment and an HTML id.
pub fn is_note_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// FNV-1a, 32 bits: tiny and fixed by its definition, so derived ids are the same on every
/// machine and in every version.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_note_alone() {
        let cases: [(&str, Option<&str>, Option<&str>, &str); 5] = [
            (
                "extended their strike on Monday",
                None,
                None,
                "extended-their-strike-on-monday",
            ),
            (
                "“We will stay out as long as it takes,”",
                None,
                None,
                "we-will-stay-out-as-long-as-it-takes",
            ),
            (
                "the volunteers who spent four years transcribing the harbour’s paper ledgers",
                None,
                None,
                "the-volunteers-who-spent-four-years-transcribing",
            ),
            ("the port", Some("Later"), None, "the-port-"),
            ("Москва", None, None, "q"),
        ];
        for (quote, prefix, suffix, want) in cases {
            let id = derived_id(quote, prefix, suffix);
            assert!(id.starts_with(want), "{quote}: {id}");
            assert!(is_note_id(&id), "{id}");
        }
        assert_eq!(
            derived_id("…", None, None),
            derived_id("...", None, None),
            "typography does not change an id"
        );
        assert!(derived_id("—", None, None).starts_with('q'));
    }

    #[test]
    fn prefix_and_suffix_tell_notes_on_the_same_words_apart() {
        let plain = derived_id("the port", None, None);
        let later = derived_id("the port", Some("Later"), None);
        let yesterday = derived_id("the port", Some("Yesterday"), None);
        let after = derived_id("the port", None, Some("Later"));
        assert_eq!(plain, "the-port");
        assert_ne!(later, yesterday);
        assert_ne!(later, after, "a prefix is not a suffix");
        assert_eq!(
            later,
            derived_id("the port", Some("Later "), None),
            "spacing is not part of the id"
        );
        assert!(
            later.starts_with("the-port-") && later.len() == "the-port-".len() + 8,
            "{later}"
        );
    }

    #[test]
    fn note_ids_are_clean_fragments() {
        for ok in ["strike-ended", "a", "note-2024-05-02"] {
            assert!(is_note_id(ok), "{ok}");
        }
        for bad in ["", "Strike", "strike ended", "-a", "a-", "a--b", "a#b", "ação"] {
            assert!(!is_note_id(bad), "{bad}");
        }
    }
}
