//! Extraction over real articles nobody tuned it for: every file of the open corpus
//! (`../shared/corpus/open`, 226 web pages and wire stories) extracts without error, and what it
//! extracts keeps the invariants a reader relies on, whatever the house style.
//!
//! The corpus sits beside the repository and is not part of it; without it these tests say so
//! and pass.

use std::path::{Path, PathBuf};

use dateline::config::SiteConfig;
use dateline::extract::{self, Context, Registry, vocabulary};
use dateline::model::{EntityKind, Extraction};
use dateline::{load, parse};

fn open_corpus() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/open");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "{} not found: the open corpus is not beside this checkout",
            dir.display()
        );
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    Some(files)
}

/// Every article of the open corpus, extracted.
fn extractions() -> Option<Vec<(String, Extraction)>> {
    let config = SiteConfig::default();
    let registry = Registry::default();
    let mut out = Vec::new();
    for file in open_corpus()? {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (source, _) = load::load_file(&file).unwrap_or_else(|d| panic!("{name}: cannot load: {}", d.message));
        let article = parse::parse(source, &config).unwrap_or_else(|d| panic!("{name}: cannot parse: {d:?}"));
        let cx = Context {
            registry: &registry,
            reference: None,
            filed: None,
        };
        out.push((name, extract::extract(&article.document(), &cx)));
    }
    Some(out)
}

/// Whether a name holds a date: a weekday, a year, or a month next to a number ("Nov 13").
/// A month alone may be a given name ("April", "June").
fn holds_date(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    words.iter().enumerate().find_map(|(i, w)| {
        let year = w.len() == 4 && w.starts_with(['1', '2']) && number(w);
        let dated_month =
            vocabulary::is_month(w) && (words.get(i + 1).is_some_and(|n| number(n)) || i > 0 && number(words[i - 1]));
        (year || dated_month || vocabulary::is_weekday(w)).then(|| w.to_string())
    })
}

#[test]
fn every_open_corpus_article_keeps_the_invariants() {
    let Some(all) = extractions() else { return };
    assert!(
        all.len() >= 200,
        "expected the whole open corpus, found {} articles",
        all.len()
    );
    let mut broken = Vec::new();
    for (name, ex) in &all {
        for e in &ex.entities {
            let words: Vec<&str> = e.name.split_whitespace().collect();
            if e.kind == EntityKind::Person {
                if vocabulary::is_outlet(&e.name) || words.last().is_some_and(|w| vocabulary::is_desk_word(w)) {
                    broken.push(format!("{name}: person `{}` is an outlet or a desk", e.name));
                }
                // A title word may be a surname after a given name ("Jane King"), never more;
                // a royal's or a pope's title is part of the name ("Queen Jane").
                let role = words
                    .split_last()
                    .and_then(|(_, head)| head.iter().find(|w| vocabulary::is_title(w)))
                    .filter(|_| !vocabulary::is_royal_name(&e.name));
                if let Some(w) = role.or_else(|| words.first().filter(|w| words.len() == 1 && vocabulary::is_title(w)))
                {
                    broken.push(format!("{name}: person `{}` holds the role word `{w}`", e.name));
                }
            }
            if let Some(w) = holds_date(&e.name) {
                broken.push(format!("{name}: {} `{}` holds the date `{w}`", e.kind.as_str(), e.name));
            }
        }
        for f in &ex.figures {
            if let Some(c) = &f.credit
                && c.photographers.is_empty()
                && c.agencies.is_empty()
                && c.distributor.is_none()
                && !vocabulary::only_says_how_obtained(&c.raw)
            {
                broken.push(format!("{name}: credit `{}` names no photographer or agency", c.raw));
            }
        }
        for b in &ex.byline {
            if vocabulary::is_outlet(b) || holds_date(b).is_some() {
                broken.push(format!("{name}: byline `{b}` is not a person's name"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken invariants:\n{}",
        broken.len(),
        broken.join("\n")
    );
}
