//! Throughput check for extraction (run with
//! `cargo test --release extract::throughput -- --ignored --nocapture`).
//!
//! Extraction runs on every article of every build, so it must stay far above 20 MB/s per
//! core. This extracts every article of the sample archive (plus any folder named in
//! `DATELINE_CORPUS`) many times in one thread and prints bytes per second.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::SiteConfig;
use crate::model::Article;

use super::{Context, Registry, extract};

fn articles(dirs: &[PathBuf]) -> Vec<Article> {
    let config = SiteConfig::default();
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
            .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
            .collect();
        files.sort();
        for file in files {
            let Ok(source) = crate::load::load_file(&file) else {
                continue;
            };
            if let Ok(article) = crate::parse::parse(source, &config) {
                out.push(article);
            }
        }
    }
    out
}

fn dirs() -> Vec<PathBuf> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("content")];
    if let Ok(extra) = std::env::var("DATELINE_CORPUS") {
        dirs.extend(extra.split(':').map(PathBuf::from));
    }
    dirs
}

#[test]
#[ignore]
fn extraction_throughput() {
    let articles = articles(&dirs());
    let registry = Registry::default();
    let bytes: usize = articles.iter().map(|a| a.bytes).sum();
    let rounds = 200;
    let start = Instant::now();
    let mut found = 0usize;
    for _ in 0..rounds {
        for a in &articles {
            let cx = Context {
                registry: &registry,
                reference: a.front.date.map(|p| p.date),
            };
            found += extract(a, &cx).entities.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} articles, {bytes} bytes × {rounds}: {:.1} MB/s ({found} entities)",
        articles.len(),
        mb / secs
    );
}

/// Prints every block of every article, for reading what extraction sees.
#[test]
#[ignore]
fn dump_blocks() {
    for a in articles(&dirs()) {
        println!("=== {} {:?}", a.file.display(), a.headline);
        for (i, b) in a.blocks.iter().enumerate() {
            println!("[{i} {:?}] {:?}", b.kind, b.text);
        }
    }
}

/// Prints what extraction makes of the file in `DATELINE_FILE`, block by block.
#[test]
#[ignore]
fn explain_article() {
    let Ok(file) = std::env::var("DATELINE_FILE") else {
        return;
    };
    let source = crate::load::load_file(Path::new(&file)).expect("load");
    let article = crate::parse::parse(source, &SiteConfig::default()).expect("parse");
    let registry = Registry::default();
    let cx = Context {
        registry: &registry,
        reference: None,
    };
    let ex = extract(&article, &cx);
    for (i, b) in article.blocks.iter().enumerate() {
        let t: String = b.text.chars().take(90).collect();
        println!("[{i:>2}] {:<12} {t:?}", format!("{:?}", ex.roles[i]));
    }
    println!("byline {:?} sources {:?}", ex.byline, ex.sources);
    for f in &ex.figures {
        println!(
            "FIG {:?} | {:?} | {:?} | blocks {:?}",
            f.title,
            f.caption.chars().take(60).collect::<String>(),
            f.credit.as_ref().map(|c| &c.raw),
            f.blocks
        );
    }
    for e in &ex.entities {
        println!(
            "ENT {:?} {} roles {:?} mentions {}",
            e.kind,
            e.name,
            e.roles,
            e.mentions.len()
        );
    }
    for q in &ex.quotes {
        println!(
            "QUOTE {:?} <- {:?}",
            q.text.chars().take(50).collect::<String>(),
            q.speaker
        );
    }
}
