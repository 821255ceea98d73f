//! URL-safe names for articles and index terms.
//!
//! A slug only ever contains lowercase ASCII letters, digits and single hyphens, so whatever a
//! headline, a file name or a front matter `slug` says, it can never climb out of the output
//! folder or collide with the archive's own folders by accident of punctuation.

use unicode_normalization::UnicodeNormalization;

/// The longest slug, in bytes. A slug becomes a folder or file name (`2021-10-13-slug.md` for
/// `new`, `slug/index.html` in the archive), and file systems refuse names over 255 bytes; 100
/// leaves room for the date and extension, and for letters that take several bytes.
pub const MAX_SLUG_BYTES: usize = 100;

/// "Ivan Petrov" → "ivan-petrov"; "Zürich" → "zurich"; "../../etc" → "etc".
///
/// A slug longer than [`MAX_SLUG_BYTES`] is cut at a word boundary and ends in a short hash of
/// the whole slug, so that two long headlines that only differ at the end still get two pages.
pub fn slugify(text: &str) -> String {
    let slug = full_slug(text);
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let hash = format!("{:08x}", fnv1a(slug.as_bytes()));
    let room = MAX_SLUG_BYTES - hash.len() - 1;
    let mut cut = room;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    // Back to the last hyphen, unless that would leave almost nothing (one very long word).
    let cut = match slug[..cut].rfind('-') {
        Some(i) if i >= room / 2 => i,
        _ => cut,
    };
    format!("{}-{hash}", slug[..cut].trim_end_matches('-'))
}

/// FNV-1a: small, stable across versions and platforms, which a published address needs.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5, |h: u32, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn full_slug(text: &str) -> String {
    // Names and tags are mostly plain ASCII, and a build slugs every one of every article's
    // (millions at 100,000 articles): they skip the Unicode decomposition, which leaves ASCII
    // as it is.
    if text.is_ascii() {
        ascii_slug(text)
    } else {
        unicode_slug(text)
    }
}

/// [`unicode_slug`] of ASCII text, byte by byte.
fn ascii_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for b in text.bytes() {
        if b == b'\'' {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else if !out.is_empty() {
            pending_hyphen = true;
        }
    }
    out
}

fn unicode_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => {
                push(&mut out, &mut pending_hyphen, "ss");
                continue;
            }
            'æ' | 'Æ' => {
                push(&mut out, &mut pending_hyphen, "ae");
                continue;
            }
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            '\'' | '’' | '‘' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            let mut buf = [0u8; 4];
            push(
                &mut out,
                &mut pending_hyphen,
                c.to_ascii_lowercase().encode_utf8(&mut buf),
            );
        } else if c.is_alphanumeric() {
            // Scripts without a Latin transliteration keep their letters: URLs allow them.
            let lower: String = c.to_lowercase().collect();
            push(&mut out, &mut pending_hyphen, &lower);
        } else if !out.is_empty() {
            pending_hyphen = true;
        }
    }
    out
}

fn push(out: &mut String, pending_hyphen: &mut bool, s: &str) {
    if *pending_hyphen && !out.is_empty() {
        out.push('-');
    }
    *pending_hyphen = false;
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::{MAX_SLUG_BYTES, ascii_slug, slugify, unicode_slug};

    /// The shortcut for ASCII gives what the Unicode path gives, for every printable character
    /// alone, between words and doubled.
    #[test]
    fn ascii_text_slugs_as_the_unicode_path_slugs_it() {
        let mut cases: Vec<String> = vec![
            "Ivan Petrov".into(),
            "O'Brien".into(),
            "  --Hello--  ".into(),
            "U.S.-Ruritania Ties".into(),
            "'".into(),
            "".into(),
        ];
        for c in (b' '..=b'~').map(char::from) {
            cases.push(c.to_string());
            cases.push(format!("Ab{c}Cd"));
            cases.push(format!("{c}{c}x{c}{c}9{c}"));
        }
        for case in cases {
            assert_eq!(ascii_slug(&case), unicode_slug(&case), "{case:?}");
        }
    }

    #[test]
    fn slugs_are_safe_and_readable() {
        let cases = [
            ("Ivan Petrov", "ivan-petrov"),
            ("U.S.-Ruritania Ties Under Roe", "u-s-ruritania-ties-under-roe"),
            ("Zürich's Straße", "zurichs-strasse"),
            ("../../etc/passwd", "etc-passwd"),
            ("  --Hello--  ", "hello"),
            ("Vũ Thị Hạnh", "vu-thi-hanh"),
            ("Москва", "москва"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn long_slugs_are_cut_on_a_word_with_a_hash() {
        let headline = "Harbour workers extend the strike ".repeat(200);
        let slug = slugify(&headline);
        assert!(slug.len() <= MAX_SLUG_BYTES, "{} bytes", slug.len());
        let (words, hash) = slug.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 8);
        assert!(
            headline
                .to_lowercase()
                .replace(' ', "-")
                .starts_with(&format!("{words}-")),
            "{slug}"
        );
        let other = slugify(&format!("{headline} again"));
        assert_ne!(slug, other, "two long headlines keep two addresses");
        assert_eq!(slugify(&headline), slug, "the same headline always gives the same slug");
        // One unbroken word, and letters of several bytes, still fit.
        assert!(slugify(&"x".repeat(5000)).len() <= MAX_SLUG_BYTES);
        let cyrillic = slugify(&"Москва ".repeat(300));
        assert!(cyrillic.len() <= MAX_SLUG_BYTES, "{cyrillic}");
        // Exactly the limit is kept whole.
        let fits = "a".repeat(MAX_SLUG_BYTES);
        assert_eq!(slugify(&fits), fits);
    }
}
