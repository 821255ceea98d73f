//! Extraction throughput: how many megabytes of article text per second one core turns into
//! headlines, datelines, bylines, figures, quotes and entities.
//!
//! ```text
//! cargo bench --bench extract                    # sample archive + generated 1,000 articles
//! DATELINE_CORPUS=../corpus cargo bench --bench extract   # also every article under these folders
//! DATELINE_BENCH_ROUNDS=10 perf stat -e task-clock target/release/deps/extract-HASH --bench
//! ```
//!
//! With `DATELINE_BENCH_ROUNDS`, each set is extracted exactly that many times on one thread and
//! nothing is timed: a fixed amount of work whose CPU time (`perf stat`, `time`) a busy machine
//! disturbs far less than it disturbs wall-clock throughput.
//!
//! Articles are loaded and parsed first (not timed); then extraction runs over all of them,
//! round after round for at least [`MIN_TIME`], on one thread, and again on every core. Bytes
//! are the articles' source file sizes. The table is also written to
//! `target/bench-extract-results.txt`.

mod support;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use dateline::config::SiteConfig;
use dateline::extract::{Context, Registry, extract};
use dateline::model::Article;

use support::{prepare, target_dir};

// Measured with the allocator the `dateline` binary runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each measurement repeats extraction over the whole set until at least this much time has
/// passed, so short sets are not measured by a single noisy pass.
const MIN_TIME: Duration = Duration::from_secs(3);

const GENERATED: usize = 1_000;

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("extract benchmark: skipped (run it with `cargo bench --bench extract`)");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let target = target_dir();
    let generated = target.join("bench-archives").join(GENERATED.to_string());
    prepare(GENERATED, &generated)?;
    let mut sets = vec![
        (
            "sample archive".to_string(),
            articles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")),
        ),
        (format!("generated {GENERATED}"), articles(&generated.join("content"))),
    ];
    if let Ok(extra) = std::env::var("DATELINE_CORPUS") {
        for dir in extra.split(':').filter(|d| !d.is_empty()) {
            sets.push((dir.to_string(), articles(Path::new(dir))));
        }
    }
    let registry = Registry::default();
    if let Ok(rounds) = std::env::var("DATELINE_BENCH_ROUNDS") {
        let rounds: usize = rounds
            .parse()
            .map_err(|_| format!("error: DATELINE_BENCH_ROUNDS must be a whole number, not {rounds:?}"))?;
        let mut checksum = 0usize;
        for (_, set) in &sets {
            for _ in 0..rounds {
                checksum = checksum.wrapping_add(set.iter().map(|a| extract_one(a, &registry)).sum::<usize>());
            }
        }
        println!("extracted every set {rounds} times (checksum {checksum})");
        return Ok(());
    }
    let mut out = String::new();
    let cpus = rayon::current_num_threads();
    let _ = writeln!(out, "dateline extraction benchmark");
    let _ = writeln!(
        out,
        "method:  extraction only (articles loaded and parsed beforehand), repeated for at least {} s; \
         MB = source bytes / 10^6; {cpus} threads for the parallel column",
        MIN_TIME.as_secs()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<24} {:>9} {:>9} {:>14} {:>16}",
        "set", "articles", "MB", "MB/s (1 core)", "MB/s (all cores)"
    );
    for (name, set) in &sets {
        if set.is_empty() {
            let _ = writeln!(out, "{name:<24} no articles found");
            continue;
        }
        let bytes: usize = set.iter().map(|a| a.bytes).sum();
        let one = throughput(bytes, || set.iter().map(|a| extract_one(a, &registry)).sum::<usize>());
        let all = throughput(bytes, || {
            set.par_iter().map(|a| extract_one(a, &registry)).sum::<usize>()
        });
        let _ = writeln!(
            out,
            "{name:<24} {:>9} {:>9.2} {one:>14.1} {all:>16.1}",
            set.len(),
            bytes as f64 / 1e6
        );
    }
    println!("{out}");
    let results = target.join("bench-extract-results.txt");
    fs::write(&results, &out).map_err(|e| format!("error: cannot write {}: {e}", results.display()))?;
    println!("(written to {})", results.display());
    Ok(())
}

/// Extracts one article; returns a number derived from the result so the work is not
/// optimised away.
fn extract_one(article: &Article, registry: &Registry) -> usize {
    let cx = Context {
        registry,
        reference: article.front.date.map(|p| p.date),
        filed: None,
    };
    let found = extract(&article.document(), &cx);
    found.entities.len() + found.quotes.len() + found.figures.len()
}

/// Megabytes per second of `pass`, which extracts `bytes` of articles once.
fn throughput(bytes: usize, pass: impl Fn() -> usize) -> f64 {
    let started = Instant::now();
    let mut rounds = 0usize;
    let mut checksum = 0usize;
    while rounds == 0 || started.elapsed() < MIN_TIME {
        checksum = checksum.wrapping_add(std::hint::black_box(pass()));
        rounds += 1;
    }
    std::hint::black_box(checksum);
    (bytes * rounds) as f64 / 1e6 / started.elapsed().as_secs_f64()
}

/// Every article under `dir` that loads and parses, in path order.
fn articles(dir: &Path) -> Vec<Article> {
    let config = SiteConfig::default();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.contains(".annotations.") && !name.ends_with("SCHEMA.md") && !name.ends_with("README.md")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|file| dateline::load::load_file(&file).ok().map(|(source, _)| source))
        .filter_map(|source| dateline::parse::parse(source, &config).ok())
        .collect()
}
