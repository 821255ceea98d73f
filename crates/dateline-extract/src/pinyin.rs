//! The syllables of Hanyu Pinyin, the standard romanisation of Mandarin, as names and places
//! from mainland China are written without tone marks: an optional initial consonant and a
//! final, with "y" and "w" written for a final's opening "i" and "u" ("yang", "wei"). The
//! tables are the writing system's own (ISO 7098); they let a word be told apart as Pinyin
//! ("Keqiang" is "ke" and "qiang") without a list of names.

/// The initials, longest first so that "zh" is tried before "z".
const INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y",
    "w",
];

/// The finals as written after an initial (or alone), longest first.
const FINALS: &[&str] = &[
    "iang", "iong", "uang", "ueng", "ang", "eng", "ong", "iao", "ian", "ing", "uai", "uan", "van", "ai", "ei", "ao",
    "ou", "an", "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "ve", "vn", "a", "o", "e", "i", "u",
    "v",
];

/// Finals that stand without an initial (the others are written with "y" or "w" in front), but
/// for the interjection "o", which no name holds and which would read "bingo" as Pinyin.
const BARE_FINALS: &[&str] = &["a", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er"];

/// Whether `initial` and `final_` make a syllable Mandarin has: "o" follows only the lips'
/// initials and "w" ("bo", "wo"; "go" and "ho" are not Pinyin), "i" and its finals never follow
/// "g", "k", "h" or "w", and "y" takes only the finals it is written for.
fn pairs(initial: &str, final_: &str) -> bool {
    match initial {
        "" => BARE_FINALS.contains(&final_),
        "y" => matches!(
            final_,
            "a" | "ao" | "e" | "ou" | "an" | "in" | "ang" | "ing" | "ong" | "i" | "u" | "ue" | "uan" | "un"
        ),
        "w" => matches!(final_, "u" | "a" | "o" | "ai" | "ei" | "an" | "en" | "ang" | "eng"),
        _ if final_ == "o" => matches!(initial, "b" | "p" | "m" | "f"),
        "g" | "k" | "h" | "zh" | "ch" | "sh" | "r" | "z" | "c" | "s" => {
            !final_.starts_with(['i', 'v']) || final_ == "i" && !matches!(initial, "g" | "k" | "h")
        }
        "j" | "q" | "x" => {
            final_.starts_with(['i', 'u']) && !matches!(final_, "uo" | "ui" | "ua" | "uai" | "uang" | "ueng")
        }
        // "ü" and its finals follow "n" and "l" only ("nü", "lüe").
        _ => !matches!(final_, "ue" | "v" | "ve" | "vn" | "van") || matches!(initial, "n" | "l"),
    }
}

/// How many Pinyin syllables `word` (lower case) is made of, when it is made of them only:
/// the fewest a split into syllables needs, as "xian" is one syllable before it is two.
pub fn syllables(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    // fewest[i]: the fewest syllables that spell word[..i].
    let mut fewest: Vec<Option<usize>> = vec![None; b.len() + 1];
    fewest[0] = Some(0);
    for start in 0..b.len() {
        let Some(n) = fewest[start] else { continue };
        let rest = &word[start..];
        let initials = INITIALS.iter().copied().filter(|i| rest.starts_with(i)).chain([""]);
        for initial in initials {
            let after = &rest[initial.len()..];
            for final_ in FINALS.iter().copied().filter(|f| after.starts_with(f)) {
                if pairs(initial, final_) {
                    let end = start + initial.len() + final_.len();
                    fewest[end] = Some(fewest[end].map_or(n + 1, |m| m.min(n + 1)));
                }
            }
        }
    }
    fewest[b.len()]
}

#[cfg(test)]
mod tests {
    use super::syllables;

    #[test]
    fn words_of_pinyin() {
        let rows: &[(&str, Option<usize>)] = &[
            ("li", Some(1)),
            ("wang", Some(1)),
            ("zhang", Some(1)),
            ("xian", Some(1)),
            ("keqiang", Some(2)),
            ("xiaoming", Some(2)),
            ("enlai", Some(2)),
            ("jinping", Some(2)),
            ("yuanyuan", Some(2)),
            ("weiguo", Some(2)),
            // English words and names that are not Pinyin.
            ("bingo", None),
            ("hogan", None),
            ("smith", None),
            ("council", None),
            ("street", None),
        ];
        for (word, want) in rows {
            assert_eq!(syllables(word), *want, "{word}");
        }
    }
}
