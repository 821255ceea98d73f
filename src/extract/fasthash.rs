//! Hashing for the extractor's static word tables.
//!
//! Extraction looks up short words millions of times per build (titles, given names, places),
//! and the standard library's DoS-resistant SipHash dominates those lookups. The tables are fixed
//! at compile time and keys come from article text only as lookups, so a fast multiplicative hash
//! (the "Fx" hash used inside rustc) is safe here and several times faster.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

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
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
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
}
