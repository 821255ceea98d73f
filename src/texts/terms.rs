//! What a story adds to the archive-wide indexes, as the build store keeps it beside the
//! story's record: its terms already split from their titles and slugged (see
//! [`crate::index::glean`]), so that a rebuild files an unchanged story under its terms without
//! working them out again, reading them in place from the bytes.
//!
//! The bytes open with [`VERSION`], then the indexes that were enabled (a byte, one bit per
//! kind in the order of [`IndexKind::ALL`]), the one-word names an alias of the archive could
//! stand for (a count, then each one's length and UTF-8), and the contributions: a count, then
//! for each its index (its place in [`IndexKind::ALL`]), slug, spelling, other spellings as
//! written, whether the front matter names it, roles, quotes and figures. A spelling that is
//! one of the names the story's record holds (its `sources`: see [`crate::index::glean`]) is
//! written as its place among them plus one, any other as 0 and the text: most are, and the
//! terms of every story are held until the indexes are made.

use super::{Reader, invalid, push_text, varint};
use crate::index::Contribution;
use crate::model::IndexKind;

/// Bumped whenever the layout below changes; bytes of another layout do not read back.
const VERSION: u8 = 1;

/// A story's contributions as the build store keeps them; `S` is `String`, or `&str` when
/// read in place from the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gleaned<S> {
    /// The indexes enabled when the contributions were worked out.
    pub enabled: Vec<IndexKind>,
    /// The story's one-word names of people and of quotes' speakers, without their titles: an
    /// archive-wide alias may file them under a full name, which the contributions do not.
    pub one_word: Vec<S>,
    /// What the story adds to the indexes when no alias applies to it.
    pub contributions: Vec<Contribution<S>>,
}

/// The bytes of `gleaned`, whose spellings may be among `sources`.
pub fn encode_terms<S: AsRef<str>>(gleaned: &Gleaned<S>, sources: &[&str]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.push(VERSION);
    out.push(kinds_mask(&gleaned.enabled));
    push_strs(&mut out, &gleaned.one_word);
    varint(&mut out, gleaned.contributions.len() as u64);
    for c in &gleaned.contributions {
        out.push(kind_number(c.kind));
        push_text(&mut out, c.slug.as_ref());
        match sources.iter().position(|s| *s == c.spelling.as_ref()) {
            Some(at) => varint(&mut out, at as u64 + 1),
            None => {
                out.push(0);
                push_text(&mut out, c.spelling.as_ref());
            }
        }
        push_strs(&mut out, &c.written);
        out.push(u8::from(c.declared));
        push_strs(&mut out, &c.roles);
        push_numbers(&mut out, &c.quotes);
        push_numbers(&mut out, &c.figures);
    }
    out
}

/// What `bytes` hold, its texts borrowed from them and from `sources` (as they were when the
/// bytes were written); an error for bytes of another layout or cut short, when the caller
/// works the contributions out again.
pub fn decode_terms<'a>(bytes: &'a [u8], sources: &[&'a str]) -> std::io::Result<Gleaned<&'a str>> {
    let most = bytes.len();
    let mut r = Reader { bytes, at: 0 };
    if r.byte()? != VERSION {
        return Err(invalid("index terms of another layout"));
    }
    let mask = r.byte()?;
    let enabled = IndexKind::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, k)| *k)
        .collect();
    let one_word = read_strs(&mut r, most)?;
    let count = r.number()?;
    let mut contributions = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        let kind = *IndexKind::ALL
            .get(usize::from(r.byte()?))
            .ok_or_else(|| invalid("an unknown index"))?;
        contributions.push(Contribution {
            kind,
            slug: r.str()?,
            spelling: match r.number()? {
                0 => r.str()?,
                at => sources
                    .get(at - 1)
                    .copied()
                    .ok_or_else(|| invalid("a name the story does not have"))?,
            },
            written: read_strs(&mut r, most)?,
            declared: r.byte()? != 0,
            roles: read_strs(&mut r, most)?,
            quotes: read_numbers(&mut r, most)?,
            figures: read_numbers(&mut r, most)?,
        });
    }
    if r.at != bytes.len() {
        return Err(invalid("index terms followed by more bytes"));
    }
    Ok(Gleaned {
        enabled,
        one_word,
        contributions,
    })
}

/// The place of `kind` in [`IndexKind::ALL`].
fn kind_number(kind: IndexKind) -> u8 {
    IndexKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// One bit for each of `kinds`, by its place in [`IndexKind::ALL`].
fn kinds_mask(kinds: &[IndexKind]) -> u8 {
    kinds.iter().fold(0, |mask, k| mask | (1 << kind_number(*k)))
}

fn push_strs<S: AsRef<str>>(out: &mut Vec<u8>, texts: &[S]) {
    varint(out, texts.len() as u64);
    for t in texts {
        push_text(out, t.as_ref());
    }
}

/// A list of texts, borrowed; an empty list allocates nothing (most are empty).
fn read_strs<'a>(r: &mut Reader<'a>, most: usize) -> std::io::Result<Vec<&'a str>> {
    let count = r.number()?;
    let mut texts = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        texts.push(r.str()?);
    }
    Ok(texts)
}

fn push_numbers(out: &mut Vec<u8>, numbers: &[usize]) {
    varint(out, numbers.len() as u64);
    for &n in numbers {
        varint(out, n as u64);
    }
}

fn read_numbers(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<usize>> {
    let count = r.number()?;
    let mut numbers = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        numbers.push(r.number()?);
    }
    Ok(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gleaned() -> Gleaned<&'static str> {
        Gleaned {
            enabled: vec![IndexKind::People, IndexKind::Agencies, IndexKind::Authors],
            one_word: vec!["Ribeiro"],
            contributions: vec![
                Contribution {
                    kind: IndexKind::People,
                    slug: "ana-ribeiro",
                    spelling: "Ana Ribeiro",
                    written: vec!["Mayor Ana Ribeiro"],
                    declared: true,
                    roles: vec!["Mayor"],
                    quotes: vec![0, 3],
                    figures: vec![],
                },
                Contribution {
                    kind: IndexKind::Agencies,
                    slug: "reuters",
                    spelling: "Reuters",
                    written: vec![],
                    declared: false,
                    roles: vec![],
                    quotes: vec![],
                    figures: vec![1],
                },
            ],
        }
    }

    #[test]
    fn terms_read_back_as_they_were() {
        let g = gleaned();
        let sources = ["Jane Roe", "Reuters"];
        let bytes = encode_terms(&g, &sources);
        assert_eq!(decode_terms(&bytes, &sources).unwrap(), g);
        // Spellings are written once, when they are not among the story's names.
        assert!(!bytes.windows(7).any(|w| w == b"Reuters"));
        assert!(bytes.windows(11).any(|w| w == b"Ana Ribeiro"));
        assert!(decode_terms(&bytes, &sources[..1]).is_err());
    }

    /// A damaged row is never read as terms: the caller works them out again.
    #[test]
    fn terms_cut_short_or_of_another_layout_do_not_read_back() {
        let sources = ["Reuters"];
        let bytes = encode_terms(&gleaned(), &sources);
        for cut in 0..bytes.len() {
            assert!(decode_terms(&bytes[..cut], &sources).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_terms(&longer, &sources).is_err());
        let mut other = bytes;
        other[0] = VERSION + 1;
        assert!(decode_terms(&other, &sources).is_err());
    }
}
