//! URL-safe names for articles and index terms.
//!
//! A slug only ever contains lowercase ASCII letters, digits and single hyphens, so whatever a
//! headline, a file name or a front matter `slug` says, it can never climb out of the output
//! folder or collide with the archive's own folders by accident of punctuation.

use unicode_normalization::UnicodeNormalization;

/// "Ivan Petrov" → "ivan-petrov"; "Zürich" → "zurich"; "../../etc" → "etc".
pub fn slugify(text: &str) -> String {
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
    use super::slugify;

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
}
