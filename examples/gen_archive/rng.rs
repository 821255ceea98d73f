//! A tiny deterministic random number generator (SplitMix64) and a Zipf–Mandelbrot sampler.
//!
//! Everything is integer arithmetic, so the same seed gives the same archive on every platform
//! and every Rust version; no `rand` crate, no clock, no hash-map order.

/// SplitMix64: small, fast, and good enough for generating test content.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one member of a family (article `i`, attempt `k`, …) of a seed.
    pub fn derived(seed: u64, a: u64, b: u64) -> Self {
        Rng(mix(mix(seed ^ a.wrapping_mul(0x9E37_79B9_7F4A_7C15)) ^ b))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift: no modulo bias worth mentioning.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `pct` percent.
    pub fn percent(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index into `weights`, chosen in proportion to the weights.
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let total: usize = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The SplitMix64 finaliser: a good 64-bit bit mixer.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Zipf–Mandelbrot over `0..n` with exponent 1: item `k` has weight `1 / (k + offset)`.
///
/// A small offset makes the head very heavy (a handful of names everywhere); a larger one
/// flattens it. Weights are scaled integers, so sampling is exact and portable.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    pub fn new(n: usize, offset: u64) -> Self {
        const SCALE: u64 = 1 << 40;
        let mut total = 0u64;
        let cumulative = (0..n as u64)
            .map(|k| {
                total += SCALE / (k + offset);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("Zipf over an empty set");
        let x = ((u128::from(rng.next_u64()) * u128::from(total)) >> 64) as u64;
        self.cumulative.partition_point(|&c| c <= x)
    }
}
