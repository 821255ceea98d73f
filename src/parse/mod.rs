//! Parse: a `Source` becomes an `Article` — front matter validated, headline found, body split
//! into blocks. No interpretation of the news content happens here; that is `extract`'s job.

mod body;
mod front_matter;
mod registry;

use std::path::Path;

use jiff::tz::TimeZone;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Article, BlockKind, FrontMatter, Source, SourceFormat};

pub use body::{BlockWalker, Step, TextCursor, markdown_blocks, markdown_options, names_a_code_language, wire_blocks};
pub use front_matter::parse_published;
pub use registry::registry;

/// Parses one source file. All problems in it are reported together.
pub fn parse(source: Source, config: &SiteConfig) -> Result<Article, Vec<Diagnostic>> {
    let tz = TimeZone::get(&config.timezone).unwrap_or(TimeZone::UTC);
    let text = &source.text;
    let split = front_matter::split(text, &source.file).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let mut front_failed = false;
    let mut front = match split.toml {
        Some(toml) => match front_matter::parse(toml, split.toml_line, &source.file, text, &tz) {
            Ok(f) => f,
            Err(e) => {
                errors.extend(e);
                front_failed = true;
                FrontMatter::default()
            }
        },
        None => FrontMatter::default(),
    };
    if let Some(sidecar) = &source.sidecar {
        match front_matter::parse_sidecar(&sidecar.text, &sidecar.file, &tz) {
            Ok(a) => front.annotations.extend(a),
            Err(e) => errors.extend(e),
        }
    }
    let (headline, body, body_line) = match source.format {
        SourceFormat::Wire => wire_headline(split.body, split.body_line),
        SourceFormat::Markdown => (None, split.body, split.body_line),
    };
    let mut blocks = match source.format {
        SourceFormat::Wire => wire_blocks(body, body_line),
        SourceFormat::Markdown => markdown_blocks(body, body_line, markdown_options(&config.markdown)),
    };
    let mut body = body.to_string();
    let mut headline = headline;
    if source.format == SourceFormat::Markdown
        && let Some(first) = blocks.first().filter(|b| b.kind == BlockKind::Heading(1))
    {
        let text = first.text.trim().to_string();
        let same = front.title.as_deref().is_none_or(|t| t.trim() == text);
        if same && !text.is_empty() {
            let cut = blocks[0].source.end;
            body.drain(..cut);
            blocks.remove(0);
            for b in &mut blocks {
                b.source = b.source.start - cut..b.source.end - cut;
            }
            headline = Some(text);
        }
    }
    // With broken front matter the title is unknown: do not report it missing as well.
    if front.title.is_none() && headline.is_none() && !front_failed {
        let help = match source.format {
            SourceFormat::Wire => "wire copy starts with its headline on the first non-empty line",
            SourceFormat::Markdown => "add `title = \"…\"` to the front matter, or start the article with `# Headline`",
        };
        errors.push(
            Diagnostic::error(&source.file, "the article has no headline")
                .at_line(text, split.body_line)
                .with_help(help),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let annotations = std::mem::take(&mut front.annotations);
    Ok(Article {
        bytes: text.len(),
        modified: source.modified,
        file: source.file,
        rel: source.rel,
        format: source.format,
        front,
        headline,
        body,
        blocks,
        assets: source.assets,
        annotations,
    })
}

/// Wire copy's headline is its first non-empty line; the body is everything after it.
fn wire_headline(body: &str, body_line: usize) -> (Option<String>, &str, usize) {
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if !t.is_empty() {
            let t = t.trim_start_matches('#').trim();
            return (Some(t.to_string()), &body[offset + line.len()..], body_line + i + 1);
        }
        offset += line.len();
    }
    (None, "", body_line)
}

/// The slug an article gets when its front matter does not set one: its file (or bundle) name.
pub fn default_slug(rel: &Path) -> String {
    let name = match rel.file_stem().and_then(|s| s.to_str()) {
        Some("index") => rel
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("index"),
        Some(stem) => stem,
        None => "article",
    };
    // Strip a leading date from names like "2021-10-13-mayor-says".
    let bytes = name.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    crate::slug::slugify(if dated { &name[11..] } else { name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(name: &str, text: &str) -> Source {
        let format = if name.ends_with(".txt") {
            SourceFormat::Wire
        } else {
            SourceFormat::Markdown
        };
        Source {
            file: PathBuf::from("content").join(name),
            rel: PathBuf::from(name),
            format,
            text: text.into(),
            assets: vec![],
            sidecar: None,
            modified: None,
        }
    }

    #[test]
    fn wire_copy_headline_and_paragraphs() {
        let a = parse(
            source("a.txt", "\nMAYOR SAYS TIES CAN MEND\n\nMOSCOW (AP) — Text.\n\nMore.\n"),
            &SiteConfig::default(),
        )
        .unwrap();
        assert_eq!(a.headline.as_deref(), Some("MAYOR SAYS TIES CAN MEND"));
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[0].line, 4);
    }

    #[test]
    fn markdown_leading_heading_is_the_headline() {
        let a = parse(
            source("a.md", "# Headline here\n\nBody *text*.\n"),
            &SiteConfig::default(),
        )
        .unwrap();
        assert_eq!(a.headline.as_deref(), Some("Headline here"));
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(&a.body[a.blocks[0].source.clone()], "Body *text*.\n");
        assert_eq!(a.blocks[0].line, 3);
    }

    #[test]
    fn missing_headline_is_an_error() {
        let e = parse(source("a.md", "Just a paragraph.\n"), &SiteConfig::default()).unwrap_err();
        assert!(e[0].message.contains("no headline"));
        let e = parse(source("b.txt", "\n\n"), &SiteConfig::default()).unwrap_err();
        assert!(e[0].message.contains("no headline"));
    }

    #[test]
    fn default_slugs() {
        assert_eq!(default_slug(Path::new("2021/2021-10-13-mayor-says.md")), "mayor-says");
        assert_eq!(default_slug(Path::new("2021/energy-week/index.md")), "energy-week");
        assert_eq!(default_slug(Path::new("Wire Story.txt")), "wire-story");
    }
}
