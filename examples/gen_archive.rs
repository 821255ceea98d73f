//! Generates a synthetic news archive for benchmarking and testing `dateline`.
//!
//! ```text
//! cargo run --release --example gen_archive -- N OUT_DIR
//! ```
//!
//! writes `OUT_DIR/site.toml` and `OUT_DIR/content/` with N articles, about half wire copy
//! (`content/YYYY/MM/YYYY-MM-DD-slug.txt`) and half Markdown with front matter
//! (`content/YYYY/MM/slug.md`), dated 2015–2025. The same N always gives the same bytes.
//! OUT_DIR must be new, empty, or an earlier output of this command.

#[path = "gen_archive/generator.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_archive N OUT_DIR\n\n\
    Writes OUT_DIR/site.toml and OUT_DIR/content/ with N generated news articles.\n\
    OUT_DIR must be new, empty, or an earlier output of gen_archive (its content/ is replaced).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (count, out) = match args.as_slice() {
        [n, out] => match n.replace('_', "").parse::<usize>() {
            Ok(n) => (n, PathBuf::from(out)),
            Err(_) => {
                eprintln!("error: N must be a whole number of articles, not {n:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generator::write_site(count, &out) {
        Ok(summary) => {
            println!(
                "Wrote {summary} to {} in {:.2} s ({}).",
                out.display(),
                started.elapsed().as_secs_f64(),
                generator::VERSION
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
