//! Hashing for the extractor's static word tables.
//!
//! Extraction looks up short words millions of times per build (titles, given names, places),
//! and the standard library's DoS-resistant SipHash dominates those lookups. The tables are fixed
//! at compile time and keys come from article text only as lookups, so a fast multiplicative hash
//! (the "Fx" hash used inside rustc) is safe here and several times faster.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A small, fast, non-cryptographic hasher for short string keys.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(c);
            self.add(u64::from_le_bytes(buf));
        }
        // The tail, zero-padded to a little-endian word, assembled from fixed-size loads:
        // copying it into a buffer became a call to `memcpy` on every lookup.
        let mut rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = 0u64;
            let mut shift = 0;
            if let Some((four, tail)) = rest.split_first_chunk::<4>() {
                word = u64::from(u32::from_le_bytes(*four));
                shift = 32;
                rest = tail;
            }
            if let Some((two, tail)) = rest.split_first_chunk::<2>() {
                word |= u64::from(u16::from_le_bytes(*two)) << shift;
                shift += 16;
                rest = tail;
            }
            if let Some(&one) = rest.first() {
                word |= u64::from(one) << shift;
            }
            self.add(word);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = HashSet<K, FxBuild>;

/// Which lengths the keys starting (and ending) with each byte have: an exact pre-check that
/// turns most misses into two array reads. Nearly every word of an article is looked up in
/// several tables and most are in none of them, so misses dominate.
#[derive(Debug, Clone)]
struct Shapes {
    by_first: [u32; 256],
    by_last: [u32; 256],
    empty: bool,
}

impl Shapes {
    fn of<'a>(keys: impl Iterator<Item = &'a str>) -> Self {
        let mut shapes = Shapes {
            by_first: [0; 256],
            by_last: [0; 256],
            empty: false,
        };
        for key in keys {
            let b = key.as_bytes();
            match (b.first(), b.last()) {
                (Some(&first), Some(&last)) => {
                    shapes.by_first[usize::from(first)] |= Self::bit(b.len());
                    shapes.by_last[usize::from(last)] |= Self::bit(b.len());
                }
                _ => shapes.empty = true,
            }
        }
        shapes
    }

    /// Lengths of 31 bytes and more share one bit.
    #[inline]
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// False only when no key can equal `key`.
    #[inline]
    fn may_hold(&self, key: &str) -> bool {
        let b = key.as_bytes();
        match (b.first(), b.last()) {
            (Some(&first), Some(&last)) => {
                let bit = Self::bit(b.len());
                self.by_first[usize::from(first)] & bit != 0 && self.by_last[usize::from(last)] & bit != 0
            }
            _ => self.empty,
        }
    }

    /// False only when no key can equal `word` in lower case: for ASCII words (whose lower
    /// case keeps every byte's place) the test looks at the lowered first and last bytes;
    /// anything else may lower to other lengths and always passes.
    #[inline]
    fn may_hold_lowercase_of(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.is_ascii() {
            self.may_hold_lowercase_of_ascii(b)
        } else {
            true
        }
    }

    /// [`Self::may_hold_lowercase_of`] for a word known to be ASCII.
    #[inline]
    fn may_hold_lowercase_of_ascii(&self, b: &[u8]) -> bool {
        match (b.first(), b.last()) {
            (Some(&first), Some(&last)) => {
                let bit = Self::bit(b.len());
                self.by_first[usize::from(first.to_ascii_lowercase())] & bit != 0
                    && self.by_last[usize::from(last.to_ascii_lowercase())] & bit != 0
            }
            _ => self.empty,
        }
    }
}

/// A fixed word table (built once, then only read) keyed by strings, with a cheap pre-check
/// in front of the hash lookup.
#[derive(Debug, Clone)]
pub struct WordMap<K, V> {
    map: FxHashMap<K, V>,
    shapes: Shapes,
}

impl<K: Borrow<str> + Hash + Eq, V> WordMap<K, V> {
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        if self.shapes.may_hold(key) {
            self.map.get(key)
        } else {
            None
        }
    }

    #[inline]
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// False only when no key can equal `word.to_lowercase()` (a pre-check for lower-cased
    /// lookups that spares building the lower-case copy of most words).
    #[inline]
    pub fn may_hold_lowercase_of(&self, word: &str) -> bool {
        self.shapes.may_hold_lowercase_of(word)
    }

    /// Every key and its value, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.map.iter()
    }
}

impl<K: Borrow<str> + Hash + Eq, V> From<FxHashMap<K, V>> for WordMap<K, V> {
    fn from(map: FxHashMap<K, V>) -> Self {
        let shapes = Shapes::of(map.keys().map(Borrow::borrow));
        WordMap { map, shapes }
    }
}

impl<K: Borrow<str> + Hash + Eq, V> FromIterator<(K, V)> for WordMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        iter.into_iter().collect::<FxHashMap<K, V>>().into()
    }
}

/// A fixed set of words with the same pre-check as [`WordMap`].
#[derive(Debug, Clone)]
pub struct WordSet<K> {
    set: FxHashSet<K>,
    shapes: Shapes,
}

impl<K: Borrow<str> + Hash + Eq> WordSet<K> {
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.shapes.may_hold(key) && self.set.contains(key)
    }

    /// False only when no key can equal `word.to_lowercase()` (see [`WordMap::may_hold_lowercase_of`]).
    #[inline]
    pub fn may_hold_lowercase_of(&self, word: &str) -> bool {
        self.shapes.may_hold_lowercase_of(word)
    }

    /// Whether `word` in lower case is a key. A short ASCII word is looked at once: its shape,
    /// then its lower case built in a buffer; any other is lowered as [`with_lowercase`] does.
    #[inline]
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() <= 32 && b.is_ascii() {
            if !self.shapes.may_hold_lowercase_of_ascii(b) {
                return false;
            }
            let mut buf = [0u8; 32];
            let lower = &mut buf[..b.len()];
            lower.copy_from_slice(b);
            lower.make_ascii_lowercase();
            // ASCII in, ASCII out: always valid UTF-8.
            return std::str::from_utf8(lower).is_ok_and(|l| self.set.contains(l));
        }
        self.shapes.may_hold_lowercase_of(word) && with_lowercase(word, |l| self.set.contains(l))
    }

    /// The stored key equal to `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&K> {
        if self.shapes.may_hold(key) {
            self.set.get(key)
        } else {
            None
        }
    }
}

impl<K: Borrow<str> + Hash + Eq> FromIterator<K> for WordSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let set: FxHashSet<K> = iter.into_iter().collect();
        let shapes = Shapes::of(set.iter().map(Borrow::borrow));
        WordSet { set, shapes }
    }
}

/// Calls `f` with `word` in ASCII lower case, without allocating for short words.
#[inline]
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if bytes.len() <= 32 && bytes.is_ascii() {
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return f(word);
        }
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        match std::str::from_utf8(&buf[..bytes.len()]) {
            Ok(lower) => f(lower),
            Err(_) => f(&word.to_lowercase()),
        }
    } else {
        f(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_without_allocating() {
        assert_eq!(with_lowercase("Sen.", str::to_string), "sen.");
        assert_eq!(with_lowercase("said", str::to_string), "said");
        assert_eq!(with_lowercase("ÉCOLE", str::to_string), "école");
        let mut set: FxHashSet<&str> = FxHashSet::default();
        set.insert("moscow");
        assert!(set.contains("moscow"));
    }

    #[test]
    fn word_tables_find_exactly_their_keys() {
        let set: WordSet<&str> = ["Sen.", "a", "Moscow", "São Paulo"].into_iter().collect();
        for hit in ["Sen.", "a", "Moscow", "São Paulo"] {
            assert!(set.contains(hit), "{hit}");
        }
        for miss in ["", "Sen", "b", "Moscaw", "Mosco", "São", "A"] {
            assert!(!set.contains(miss), "{miss}");
        }
        let map: WordMap<String, usize> = [("x".repeat(40), 1), ("y".to_string(), 2)].into_iter().collect();
        assert_eq!(map.get(&"x".repeat(40)), Some(&1));
        assert_eq!(map.get(&"x".repeat(39)), None);
        assert!(map.contains_key("y"));
    }

    #[test]
    fn lower_case_pre_check_never_rejects_a_key() {
        let set: WordSet<String> = ["sen.", "king", "secretary-general", "x"]
            .into_iter()
            .map(String::from)
            .collect();
        // (word, whether its lower case is a key): capitals, a final period, the Kelvin sign
        // (which lowers to an ASCII "k"), a lone letter, the empty word.
        let rows: &[(&str, bool)] = &[
            ("Sen.", true),
            ("SEN.", true),
            ("King", true),
            ("\u{212A}ing", true),
            ("Secretary-General", true),
            ("X", true),
            ("Senator", false),
            ("Kin", false),
            ("", false),
        ];
        for &(word, key) in rows {
            let found = set.may_hold_lowercase_of(word) && set.contains(&word.to_lowercase());
            assert_eq!(found, key, "{word}");
        }
        assert!(!set.may_hold_lowercase_of("Mayor"));
        assert!(!set.may_hold_lowercase_of(""));
    }

    #[test]
    fn lower_case_lookup_finds_exactly_the_lowered_keys() {
        let long = "x".repeat(33);
        let set: WordSet<String> = ["sen.", "king", "secretary-general", "", long.as_str()]
            .into_iter()
            .map(String::from)
            .collect();
        // (word, whether its lower case is a key): ASCII words short and long, the Kelvin sign
        // (which lowers to an ASCII "k"), the empty word.
        let rows: &[(&str, bool)] = &[
            ("Sen.", true),
            ("SEN.", true),
            ("king", true),
            ("KinG", true),
            ("\u{212A}ing", true),
            ("Secretary-General", true),
            (&"X".repeat(33), true),
            (&"X".repeat(32), false),
            ("Kings", false),
            ("Sen", false),
            ("", true),
        ];
        for &(word, key) in rows {
            assert_eq!(set.contains_lowercase_of(word), key, "{word}");
        }
    }

    #[test]
    fn hash_of_every_tail_length_matches_zero_padding() {
        // The tail is assembled from 4-, 2- and 1-byte loads; it must equal the zero-padded word.
        let text = "abcdefghijklmnopq";
        for len in 0..=text.len() {
            let bytes = &text.as_bytes()[..len];
            let mut fast = FxHasher::default();
            fast.write(bytes);
            let mut want = FxHasher::default();
            for chunk in bytes.chunks(8) {
                let mut buf = [0u8; 8];
                buf[..chunk.len()].copy_from_slice(chunk);
                want.add(u64::from_le_bytes(buf));
            }
            assert_eq!(fast.finish(), want.finish(), "{len}");
        }
    }
}
