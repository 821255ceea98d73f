//! `dateline annotate`: adds a note to an article's sidecar file safely — the quote must anchor
//! to exactly one place, and when it appears several times the command adds the shortest prefix
//! or suffix that singles out the chosen occurrence, or refuses and shows the candidates.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::AnnotationKind;

use super::anchor::{Match, ReaderText};

/// What the user asked to add.
#[derive(Debug, Clone)]
pub struct AnnotateRequest {
    pub file: PathBuf,
    pub quote: String,
    pub note: String,
    pub kind: AnnotationKind,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub link: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Which occurrence (1-based) is meant when the quote appears more than once.
    pub occurrence: Option<usize>,
}

/// An annotation as written to a sidecar file.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    /// Written out so the note keeps its name in links even if its prefix is edited later.
    id: String,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
    note: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Sidecar<'a> {
    annotations: Vec<Entry<'a>>,
}

/// Adds the annotation; returns a sentence saying what was written where.
pub fn annotate(req: &AnnotateRequest) -> Result<String, Diagnostic> {
    let config = site_config_for(&req.file);
    if let Some(link) = &req.link {
        check_link(link, &req.file)?;
    }
    // Warnings about the article (control characters, say) are the build's to report.
    let (source, _) = crate::load::load_file(&req.file)?;
    let sidecar_path = sidecar_path(&req.file);
    let article = crate::parse::parse(source, &config).map_err(|mut e| e.remove(0))?;
    let text = ReaderText::new(&article.blocks);
    let matches = text.find(&req.quote, req.prefix.as_deref(), req.suffix.as_deref());
    let shown = req.file.display().to_string();
    let (chosen, all) = match (matches.as_slice(), req.occurrence) {
        ([], _) => {
            return Err(Diagnostic::error(&req.file, format!("the quote “{}” is not in the article", req.quote))
                .with_help("copy the exact words from the article as it reads now (typographic quotes and spacing do not matter)"));
        }
        ([one], None | Some(1)) => (*one, matches.clone()),
        (many, Some(n)) if n >= 1 && n <= many.len() => (many[n - 1], matches.clone()),
        (many, _) => {
            return Err(Diagnostic::error(
                &req.file,
                format!("the quote “{}” appears {} times in the article", req.quote, many.len()),
            )
            .with_help(format!(
                "say which one with --occurrence N (or give --prefix/--suffix):{}",
                candidates(&text, many, &shown, &article.blocks)
            )));
        }
    };
    let (prefix, suffix) = if all.len() == 1 {
        (req.prefix.clone(), req.suffix.clone())
    } else {
        disambiguate(&text, &req.quote, chosen, req.prefix.as_deref(), req.suffix.as_deref()).ok_or_else(|| {
            Diagnostic::error(
                &req.file,
                "no prefix or suffix of up to twelve words makes this occurrence unique",
            )
            .with_help(format!(
                "quote more words so the passage is unique:{}",
                candidates(&text, &all, &shown, &article.blocks)
            ))
        })?
    };
    // The id the build would derive, made unique among the article's notes (a second note on
    // the same words gets "-2").
    let base = super::derived_id(&req.quote, prefix.as_deref(), suffix.as_deref());
    let taken = |id: &str| article.annotations.iter().any(|a| a.id == id);
    let id = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !taken(id))
        .unwrap_or(base);
    let entry = Entry {
        id,
        quote: &req.quote,
        prefix: prefix.clone(),
        suffix: suffix.clone(),
        note: &req.note,
        kind: req.kind.as_str(),
        author: req.author.as_deref(),
        date: req.date.and_then(|d| d.to_string().parse().ok()),
        link: req.link.as_deref(),
    };
    let toml_text = toml::to_string(&Sidecar {
        annotations: vec![entry],
    })
    .map_err(|e| Diagnostic::error(&sidecar_path, format!("cannot write the annotation: {e}")))?;
    let before = std::fs::read_to_string(&sidecar_path).unwrap_or_default();
    let mut after = before.clone();
    if !after.is_empty() && !after.ends_with("\n\n") {
        after.push_str(if after.ends_with('\n') { "\n" } else { "\n\n" });
    }
    let line = after.lines().count() + 1;
    after.push_str(&toml_text);
    std::fs::write(&sidecar_path, &after).map_err(|e| {
        Diagnostic::error(&sidecar_path, format!("cannot write: {e}")).with_help("check that the folder is writable")
    })?;
    // Check the result the way the build will; put the file back if anything is off.
    if let Err(problem) = verify(&req.file, &config) {
        let _ = if before.is_empty() {
            std::fs::remove_file(&sidecar_path)
        } else {
            std::fs::write(&sidecar_path, &before)
        };
        return Err(problem);
    }
    let narrowed = match (&prefix, &suffix) {
        (Some(p), _) if req.prefix.is_none() && all.len() > 1 => format!(" with prefix “{p}” to single it out"),
        (_, Some(s)) if req.suffix.is_none() && all.len() > 1 => format!(" with suffix “{s}” to single it out"),
        _ => String::new(),
    };
    Ok(format!(
        "Added a {} note on “{}”{narrowed} to {}:{line}.",
        req.kind.as_str(),
        req.quote,
        sidecar_path.display()
    ))
}

fn candidates(text: &ReaderText, matches: &[Match], file: &str, blocks: &[crate::model::Block]) -> String {
    matches
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let line = blocks.get(text.block_at(m.start)).map_or(0, |b| b.line);
            format!("\n      {}. {file}:{line}: {}", i + 1, text.context(*m, 30))
        })
        .collect()
}

/// The shortest prefix or suffix (in whole words) that singles out `chosen`.
fn disambiguate(
    text: &ReaderText,
    quote: &str,
    chosen: Match,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Option<(Option<String>, Option<String>)> {
    let before: Vec<&str> = text.before(chosen).split_whitespace().collect();
    let after: Vec<&str> = text.after(chosen).split_whitespace().collect();
    let unique = |p: Option<&str>, s: Option<&str>| {
        let found = text.find(quote, p, s);
        found.len() == 1 && found[0] == chosen
    };
    for k in 1..=12 {
        let p = (k <= before.len()).then(|| before[before.len() - k..].join(" "));
        let s = (k <= after.len()).then(|| after[..k].join(" "));
        let mut options: Vec<(Option<String>, Option<String>)> = Vec::new();
        if let Some(p) = &p {
            options.push((Some(p.clone()), suffix.map(str::to_string)));
        }
        if let Some(s) = &s {
            options.push((prefix.map(str::to_string), Some(s.clone())));
        }
        if let (Some(p), Some(s)) = (&p, &s) {
            options.push((Some(p.clone()), Some(s.clone())));
        }
        options.sort_by_key(|(p, s)| p.as_ref().map_or(0, String::len) + s.as_ref().map_or(0, String::len));
        if let Some(found) = options.into_iter().find(|(p, s)| unique(p.as_deref(), s.as_deref())) {
            return Some(found);
        }
    }
    None
}

/// Re-reads the article with its sidecar and anchors every annotation.
fn verify(file: &Path, config: &SiteConfig) -> Result<(), Diagnostic> {
    let (source, _) = crate::load::load_file(file)?;
    let mut article = crate::parse::parse(source, config).map_err(|mut e| e.remove(0))?;
    match super::anchor_all(&mut article).into_iter().next() {
        Some(d) => Err(d),
        None => Ok(()),
    }
}

/// Applies the build's rule for a note's link before anything is written: an address, or an
/// article of the site the annotated file belongs to. Outside any `content/` folder there is
/// no archive to look in, so only the address rule applies.
fn check_link(link: &str, file: &Path) -> Result<(), Diagnostic> {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let content = abs
        .ancestors()
        .skip(1)
        .find(|d| d.file_name().is_some_and(|n| n == crate::load::CONTENT_DIR))
        .map(Path::to_path_buf)
        .or_else(|| {
            abs.ancestors()
                .skip(1)
                .find(|d| d.join(crate::config::CONFIG_FILE).is_file())
                .map(|root| root.join(crate::load::CONTENT_DIR))
        });
    let is_article = |path: &str| match &content {
        Some(dir) => {
            let target = dir.join(path);
            let named = matches!(target.extension().and_then(|e| e.to_str()), Some("md" | "txt"));
            let inside = !Path::new(path)
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
            named && inside && target.is_file()
        }
        None => !path.contains(':'),
    };
    match super::link_problem(link, is_article) {
        Some(problem) => Err(
            Diagnostic::error(file, format!("{problem}; nothing was written")).with_help(format!(
                "pass --link with {}",
                super::LINK_HELP.trim_start_matches("give ")
            )),
        ),
        None => Ok(()),
    }
}

/// `story.md` → `story.annotations.toml`; a bundle's `index.md` → `annotations.toml`.
pub fn sidecar_path(file: &Path) -> PathBuf {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if matches!(name, "index.md" | "index.txt") {
        return file.with_file_name(crate::load::BUNDLE_SIDECAR);
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("article");
    file.with_file_name(format!("{stem}{}", crate::load::SIDECAR_SUFFIX))
}

/// The configuration of the site an article belongs to (its nearest `site.toml`), else defaults.
fn site_config_for(file: &Path) -> SiteConfig {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|d| d.join(crate::config::CONFIG_FILE).is_file())
        .and_then(|root| SiteConfig::load(root).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(file: &Path, quote: &str) -> AnnotateRequest {
        AnnotateRequest {
            file: file.to_path_buf(),
            quote: quote.into(),
            note: "A note with \"quotes\" and a [link](https://example.org).".into(),
            kind: AnnotationKind::Context,
            author: Some("Archive desk".into()),
            date: Some(jiff::civil::date(2024, 5, 2)),
            link: None,
            prefix: None,
            suffix: None,
            occurrence: None,
        }
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("story.md");
        std::fs::write(&file, "+++\ntitle = \"T\"\n+++\nThe minister visited the port of Sines on Monday.\n\nOn Tuesday the port of Sines was closed.\n").unwrap();
        (dir, file)
    }

    #[test]
    fn a_unique_quote_is_appended_to_the_sidecar() {
        let (dir, file) = site();
        let msg = annotate(&request(&file, "visited the port")).unwrap();
        assert!(msg.contains("story.annotations.toml:1"), "{msg}");
        let written = std::fs::read_to_string(dir.path().join("story.annotations.toml")).unwrap();
        assert!(
            written.starts_with("[[annotations]]\nid = \"visited-the-port\"\nquote = \"visited the port\""),
            "{written}"
        );
        assert!(written.contains("date = 2024-05-02"), "{written}");
        // A second note goes after the first, and both anchor.
        annotate(&request(&file, "was closed")).unwrap();
        let written = std::fs::read_to_string(dir.path().join("story.annotations.toml")).unwrap();
        assert_eq!(written.matches("[[annotations]]").count(), 2);
        // A second note on the same words gets an id of its own; the first keeps its.
        annotate(&request(&file, "visited the port")).unwrap();
        let written = std::fs::read_to_string(dir.path().join("story.annotations.toml")).unwrap();
        assert!(written.contains("id = \"visited-the-port\"\n"), "{written}");
        assert!(written.contains("id = \"visited-the-port-2\"\n"), "{written}");
    }

    #[test]
    fn links_follow_the_build_rules_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "title = \"T\"\n").unwrap();
        let file = dir.path().join("content/2021/story.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "+++\ntitle = \"T\"\n+++\nThe harbour reopened on Monday.\n").unwrap();
        std::fs::write(dir.path().join("content/2021/other.txt"), "Other\n\nText.\n").unwrap();
        let sidecar = dir.path().join("content/2021/story.annotations.toml");
        for (bad, why) in [
            ("javascript:alert(1)", "`javascript:` address is not allowed"),
            ("data:text/html,x", "`data:` address is not allowed"),
            ("2021/missing.md", "not an article of this archive"),
            ("../site.toml", "not an article of this archive"),
            (
                "https://example.org/a\"><img src=x>",
                "a character no address may contain",
            ),
        ] {
            let mut req = request(&file, "harbour reopened");
            req.link = Some(bad.into());
            let e = annotate(&req).unwrap_err();
            assert!(e.message.contains(why), "{bad}: {}", e.message);
            assert!(e.help.as_deref().unwrap().contains("--link"), "{bad}");
            assert!(!sidecar.exists(), "{bad}: nothing written");
        }
        for good in [
            "2021/other.txt",
            "content/2021/other.txt",
            "https://example.org/x",
            "/about/",
            "mailto:desk@example.org",
        ] {
            let mut req = request(&file, "harbour reopened");
            req.link = Some(good.into());
            annotate(&req).unwrap_or_else(|e| panic!("{good}: {e}"));
        }
    }

    #[test]
    fn a_repeated_quote_is_refused_with_the_candidates() {
        let (dir, file) = site();
        let e = annotate(&request(&file, "the port of Sines")).unwrap_err();
        assert!(e.message.contains("appears 2 times"), "{}", e.message);
        let help = e.help.unwrap();
        assert!(
            help.contains("--occurrence") && help.contains("1. ") && help.contains("2. "),
            "{help}"
        );
        assert!(!dir.path().join("story.annotations.toml").exists(), "nothing written");
    }

    #[test]
    fn the_chosen_occurrence_gets_the_shortest_prefix_or_suffix() {
        let (dir, file) = site();
        let mut req = request(&file, "the port of Sines");
        req.occurrence = Some(2);
        let msg = annotate(&req).unwrap();
        assert!(msg.contains("suffix “was”"), "{msg}");
        let written = std::fs::read_to_string(dir.path().join("story.annotations.toml")).unwrap();
        assert!(written.contains("suffix = \"was\""), "{written}");
        req.occurrence = Some(1);
        req.quote = "visited the port of Sines".into();
        annotate(&req).unwrap();
        let mut req = request(&file, "port of Sines");
        req.occurrence = Some(2);
        assert!(annotate(&req).unwrap().contains("single it out"));
    }

    #[test]
    fn a_missing_quote_is_refused() {
        let (dir, file) = site();
        let e = annotate(&request(&file, "the port of Lisbon")).unwrap_err();
        assert!(e.message.contains("not in the article"));
        assert!(!dir.path().join("story.annotations.toml").exists());
    }
}
