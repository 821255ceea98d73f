//! Annotations: archivists' notes anchored to the exact words of an article.
//!
//! Anchoring runs at build time on every article: an annotation whose quote matches no place
//! ("orphaned") or several places without a prefix or suffix to choose ("ambiguous") is an error
//! that names the annotation's file and line. Nothing is dropped or moved silently.

mod anchor;
mod command;
mod export;
mod id;
mod text;

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::model::{Annotation, Archive, Article};

pub use anchor::{Match, ReaderText, normalise};
pub use command::{AnnotateRequest, annotate};
pub use export::{created, creator, motivation, reading_order, web_annotations};
pub use id::{derived_id, is_note_id};
pub use text::BodyText;

/// Anchors every annotation of an article, reporting the ones that cannot be anchored.
pub fn anchor_all(article: &mut Article) -> Vec<Diagnostic> {
    if article.annotations.is_empty() {
        return Vec::new();
    }
    let text = ReaderText::new(&article.blocks);
    let mut errors = Vec::new();
    let mut anchors = Vec::with_capacity(article.annotations.len());
    for a in &article.annotations {
        let matches = text.find(&a.quote, a.prefix.as_deref(), a.suffix.as_deref());
        let last = anchors.len();
        anchors.push(None);
        match matches.as_slice() {
            [] => errors.push(orphaned(a)),
            [one] => match text.anchor(*one, &article.blocks) {
                Some(anchor) => anchors[last] = Some(anchor),
                None => errors.push(
                    at(
                        a,
                        format!("annotation quote “{}” spans two paragraphs", short(&a.quote)),
                    )
                    .with_help("anchor the note to words within one paragraph; add a second annotation for the other"),
                ),
            },
            many => errors.push(ambiguous(a, many, &text, article)),
        }
    }
    for (a, anchor) in article.annotations.iter_mut().zip(anchors) {
        a.anchor = anchor;
    }
    errors.extend(duplicate_ids(&article.annotations));
    errors
}

/// Two notes of one article may not share an id: a link to one would open the other.
fn duplicate_ids(annotations: &[Annotation]) -> Vec<Diagnostic> {
    let mut seen: HashSet<&str> = HashSet::new();
    annotations
        .iter()
        .filter(|a| !seen.insert(&a.id))
        .map(|a| {
            at(a, format!("two notes of this article have the id `{}`", a.id)).with_help(
                "give this note an `id` key of its own (lowercase letters, digits and hyphens, like \"strike-ended\")",
            )
        })
        .collect()
}

fn at(a: &Annotation, message: String) -> Diagnostic {
    let mut d = Diagnostic::error(&a.origin.file, message);
    if a.origin.line > 0 {
        d.line = a.origin.line;
        d.column = 1;
        d.width = a.origin.line_text.trim_end().chars().count().max(1);
        d.source_line = Some(a.origin.line_text.clone());
    }
    d
}

/// An error about a note's `link`: at the link's own value when its place is known, as errors
/// about front matter values are.
fn at_link(a: &Annotation, message: String) -> Diagnostic {
    let Some(spot) = &a.origin.link else {
        return at(a, message);
    };
    let mut d = Diagnostic::error(&a.origin.file, message);
    d.line = spot.line;
    d.column = spot.column;
    d.width = spot.width;
    d.source_line = Some(spot.line_text.clone());
    d
}

fn orphaned(a: &Annotation) -> Diagnostic {
    let narrowed = if a.prefix.is_some() || a.suffix.is_some() {
        " with its prefix/suffix"
    } else {
        ""
    };
    at(a, format!("orphaned annotation: the quote “{}”{narrowed} is not in the article", short(&a.quote)))
        .with_help("the article's words may have changed: copy the exact words as the article reads now into `quote` (and check `prefix`/`suffix`), or remove the annotation")
}

fn ambiguous(a: &Annotation, matches: &[Match], text: &ReaderText, article: &Article) -> Diagnostic {
    let places: Vec<String> = matches
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let line = article.blocks.get(text.block_at(m.start)).map_or(0, |b| b.line);
            format!(
                "\n      {}. {}:{}: {}",
                i + 1,
                article.file.display(),
                line,
                text.context(*m, 30)
            )
        })
        .collect();
    at(
        a,
        format!(
            "ambiguous annotation: the quote “{}” appears {} times in the article",
            short(&a.quote),
            matches.len()
        ),
    )
    .with_help(format!(
        "add a `prefix` (the words just before) or a `suffix` (the words just after) that picks one of:{}",
        places.concat()
    ))
}

/// A quote shortened for messages.
fn short(q: &str) -> String {
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
    if q.chars().count() > 60 {
        format!("{}…", q.chars().take(57).collect::<String>())
    } else {
        q
    }
}

/// Annotations that link to another article must name one that exists.
pub fn check_links(archive: &Archive) -> Vec<Diagnostic> {
    let known: HashSet<String> = archive
        .stories
        .iter()
        .map(|s| s.article.rel.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut errors = Vec::new();
    for story in &archive.stories {
        for a in &story.article.annotations {
            let Some(link) = a.link.as_deref() else { continue };
            if let Some(problem) = link_problem(link, |path| known.contains(path)) {
                errors.push(at_link(a, problem).with_help(LINK_HELP));
            }
        }
    }
    errors
}

/// What to do about a link that breaks the rules of [`link_problem`].
pub const LINK_HELP: &str = "give the linked article's path under content/ (like \"2021/2021-10-13-energy-talks.txt\") or an address: https://…, http://…, /… or mailto:…";

/// Why a note's `link` cannot be used, if it cannot: it must be an address ([`is_url`]) or
/// the path of an article, which `is_article` answers for (given the path under `content/`).
/// The build and `dateline annotate` both apply it, so a note that can be written can be built.
pub fn link_problem(link: &str, is_article: impl Fn(&str) -> bool) -> Option<String> {
    // Escaped, such a character is harmless in a page, but the address is broken all the same.
    if let Some(c) = link.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
    }) {
        return Some(format!(
            "annotation links to `{link}`, which holds {c:?}, a character no address may contain (write it percent-encoded, like %20 for a space)"
        ));
    }
    if is_url(link) || is_article(link.trim_start_matches("content/")) {
        return None;
    }
    let scheme = link.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    Some(match scheme {
        Some(scheme) => format!(
            "annotation links to `{link}`: a `{scheme}:` address is not allowed (only http, https, mailto and site paths)"
        ),
        None => format!("annotation links to `{link}`, which is not an article of this archive"),
    })
}

/// Whether a link is an address rather than an article path.
pub fn is_url(link: &str) -> bool {
    link.starts_with("http://") || link.starts_with("https://") || link.starts_with('/') || link.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::model::{Source, SourceFormat};

    fn article(body: &str, annotations: &str) -> Article {
        let source = Source {
            file: "content/a.md".into(),
            rel: "a.md".into(),
            format: SourceFormat::Markdown,
            text: format!("+++\ntitle = \"T\"\n{annotations}+++\n{body}"),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        crate::parse::parse(source, &SiteConfig::default()).unwrap()
    }

    #[test]
    fn anchors_across_inline_markup_and_typographic_quotes() {
        let mut a = article(
            "Officials praised the *new* harbour, calling it \"a gift\".\n",
            "[[annotations]]\nquote = \"the new harbour\"\nnote = \"n\"\n\n[[annotations]]\nquote = \"calling it “a gift”\"\nnote = \"n\"\n",
        );
        assert!(anchor_all(&mut a).is_empty());
        let first = a.annotations[0].anchor.unwrap();
        assert_eq!(&a.blocks[0].text[first.start..first.end], "the new harbour");
        let second = a.annotations[1].anchor.unwrap();
        assert_eq!(&a.blocks[0].text[second.start..second.end], "calling it “a gift”");
    }

    #[test]
    fn orphaned_annotation_names_file_line_and_quote() {
        let mut a = article(
            "Some words.\n",
            "[[annotations]]\nquote = \"other words\"\nnote = \"n\"\n",
        );
        let errors = anchor_all(&mut a);
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!(e.file, std::path::Path::new("content/a.md"));
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("orphaned annotation"), "{}", e.message);
        assert!(e.message.contains("“other words”"));
        assert!(e.help.as_deref().unwrap().contains("exact words"));
    }

    #[test]
    fn ambiguous_annotation_lists_the_candidates() {
        let body = "Yesterday the port was busy.\n\nLater the port was quiet.\n";
        let mut a = article(body, "[[annotations]]\nquote = \"the port\"\nnote = \"n\"\n");
        let errors = anchor_all(&mut a);
        let e = &errors[0];
        assert!(e.message.starts_with("ambiguous annotation"), "{}", e.message);
        assert!(e.message.contains("2 times"));
        let help = e.help.as_deref().unwrap();
        assert!(
            help.contains("1. content/a.md:7: Yesterday [the port] was busy."),
            "{help}"
        );
        assert!(help.contains("2. content/a.md:9: …"), "{help}");
        assert!(help.contains("Later [the port] was quiet."), "{help}");
        let mut a = article(
            body,
            "[[annotations]]\nquote = \"the port\"\nprefix = \"Later\"\nnote = \"n\"\n",
        );
        assert!(anchor_all(&mut a).is_empty());
    }

    #[test]
    fn a_note_inserted_above_leaves_the_others_ids_alone() {
        let one = "[[annotations]]\nquote = \"was quiet\"\nnote = \"n\"\n\n";
        let two = "[[annotations]]\nquote = \"the port\"\nprefix = \"Later\"\nnote = \"n\"\n\n";
        let body = "Yesterday the port was busy.\n\nLater the port was quiet.\n";
        let ids = |a: &Article| a.annotations.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        let before = article(body, two);
        let after = article(body, &format!("{one}{two}"));
        assert_eq!(ids(&before)[0], ids(&after)[1], "the old note keeps its id");
        assert_eq!(ids(&after)[0], "was-quiet");
        let declared = article(
            body,
            "[[annotations]]\nid = \"calm\"\nquote = \"was quiet\"\nnote = \"n\"\n",
        );
        assert_eq!(ids(&declared), ["calm"], "an `id` key wins");
    }

    #[test]
    fn two_notes_with_one_id_are_an_error() {
        let mut a = article(
            "Some words.\n",
            "[[annotations]]\nquote = \"Some words\"\nnote = \"n\"\n\n[[annotations]]\nquote = \"Some  words\"\nnote = \"m\"\n",
        );
        let errors = anchor_all(&mut a);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("id `some-words`"), "{}", errors[0].message);
        assert_eq!(errors[0].line, 7);
        assert!(errors[0].help.as_deref().unwrap().contains("`id` key"));
    }

    #[test]
    fn an_invalid_id_is_refused_with_its_line() {
        let source = Source {
            file: "content/a.md".into(),
            rel: "a.md".into(),
            format: SourceFormat::Markdown,
            text: "+++\ntitle = \"T\"\n[[annotations]]\nid = \"Not An Id\"\nquote = \"w\"\nnote = \"n\"\n+++\nw\n"
                .into(),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        let errors = crate::parse::parse(source, &SiteConfig::default()).unwrap_err();
        assert!(
            errors[0].message.contains("invalid annotation id `Not An Id`"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].line, 3);
    }
}
