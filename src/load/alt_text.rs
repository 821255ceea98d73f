//! Pictures in raw HTML without a text alternative.
//!
//! A Markdown picture (`![words](x.png)`) always has an `alt`, but a raw `<img>` in an article
//! may have none. HTML requires the attribute, and without it a screen reader reads out the
//! file name. Whether such a picture is decorative only its writer knows, so it is published
//! the way content systems publish one: with `alt=""`, which tells assistive technology that
//! the picture has no text alternative and may be skipped. A warning naming its line says how
//! to give it one. The attribute is added as the file is loaded, before any stage sees the
//! text, so the page is valid whether or not the body is sanitised; no line moves.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostics::Diagnostic;

/// What is written into an `<img>` tag that has no `alt`, just after its name.
const EMPTY_ALT: &str = " alt=\"\"";

/// Gives every raw `<img>` of a Markdown article's body that lacks an `alt` attribute an empty
/// one; a warning for each, naming its line.
pub fn mark_missing(text: &mut String, file: &Path) -> Vec<Diagnostic> {
    if !text.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"<img")) {
        return Vec::new();
    }
    let Some(body) = body_start(text) else {
        // Front matter that is never closed: parsing the article reports it.
        return Vec::new();
    };
    let tags: Vec<Range<usize>> = html_spans(&text[body..])
        .into_iter()
        .flat_map(|span| {
            let html = &text[body + span.start..body + span.end];
            images_without_alt(html)
                .into_iter()
                .map(move |tag| body + span.start + tag.start..body + span.start + tag.end)
        })
        .collect();
    let warnings = tags
        .iter()
        .map(|tag| {
            Diagnostic::warning(
                file,
                "a picture without a text alternative: this <img> has no `alt`, so it is published with alt=\"\", which tells screen readers to skip it",
            )
            .at_span(text, tag.clone())
            .with_help(
                "describe the picture in an `alt` attribute (alt=\"Cranes idle at the container terminal\"), or write alt=\"\" yourself if it is only decoration; in Markdown, ![description](picture.png) gives it one",
            )
        })
        .collect();
    for tag in tags.iter().rev() {
        text.insert_str(tag.start + "<img".len(), EMPTY_ALT);
    }
    warnings
}

/// Where the body starts: after `+++` front matter, when the file opens with one. `None` when
/// the front matter is never closed.
fn body_start(text: &str) -> Option<usize> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Some(0);
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            return Some(offset);
        }
    }
    None
}

/// The byte ranges of `body` that Markdown reads as raw HTML: whole HTML blocks, and inline
/// tags. Code spans and blocks are not among them, so an `<img>` shown as code stays as it is.
fn html_spans(body: &str) -> Vec<Range<usize>> {
    let options = crate::parse::markdown_options(&crate::config::MarkdownConfig::default());
    Parser::new_ext(body, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => Some(range),
            _ => None,
        })
        .collect()
}

/// The byte ranges of the `<img …>` tags of an HTML fragment that have no `alt` attribute.
/// Comments, and the text of `script` and `style` elements, are passed over.
fn images_without_alt(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) {
        let rest = &html[at + 1..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + 1 + e + 3);
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let (attributes, end) = attributes(html, at + 1 + name_len);
        if name == "img" && !attributes.iter().any(|a| a == "alt") {
            found.push(at..end);
        }
        i = end;
        if matches!(name.as_str(), "script" | "style") {
            let close = format!("</{name}");
            i = html[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(bytes.len(), |e| end + e);
        }
    }
    found
}

/// The lowercased attribute names of a tag whose name ends at `from`, and the offset just past
/// the tag's `>` (or the end of the fragment, for a tag left open).
fn attributes(html: &str, from: usize) -> (Vec<String>, usize) {
    let bytes = html.as_bytes();
    let mut names = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (names, bytes.len());
        }
        if bytes[i] == b'>' {
            return (names, i + 1);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        names.push(html[start..i].to_ascii_lowercase());
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                i = html[i + 1..].find(quote as char).map_or(bytes.len(), |e| i + 1 + e + 1);
            }
            _ => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_raw_pictures_without_alt_are_marked() {
        // (body, the body as published, lines warned about)
        let rows: &[(&str, &str, &[usize])] = &[
            ("No pictures here.\n", "No pictures here.\n", &[]),
            ("<img src=\"a.png\">\n", "<img alt=\"\" src=\"a.png\">\n", &[1]),
            (
                "<img src=\"a.png\" alt=\"Quay\">\n",
                "<img src=\"a.png\" alt=\"Quay\">\n",
                &[],
            ),
            ("<IMG SRC=a.png ALT>\n", "<IMG SRC=a.png ALT>\n", &[]),
            ("<img alt=\"\" src=\"a.png\">\n", "<img alt=\"\" src=\"a.png\">\n", &[]),
            (
                "Text <img src=a.png/> inline.\n",
                "Text <img alt=\"\" src=a.png/> inline.\n",
                &[1],
            ),
            (
                "<div>\n<p>x</p>\n<img\n  src=\"a.png\"\n  title='alt=no'>\n</div>\n",
                "<div>\n<p>x</p>\n<img alt=\"\"\n  src=\"a.png\"\n  title='alt=no'>\n</div>\n",
                &[3],
            ),
            (
                "A `<img src=a.png>` code span.\n",
                "A `<img src=a.png>` code span.\n",
                &[],
            ),
            (
                "```html\n<img src=a.png>\n```\n",
                "```html\n<img src=a.png>\n```\n",
                &[],
            ),
            ("<!-- <img src=a.png> -->\n", "<!-- <img src=a.png> -->\n", &[]),
            (
                "<script>var s = '<img src=x>';</script>\n",
                "<script>var s = '<img src=x>';</script>\n",
                &[],
            ),
            (
                "a\n\n<img src=1.png> and <img src=2.png alt=\"Two\"> and <img src=3.png>\n",
                "a\n\n<img alt=\"\" src=1.png> and <img src=2.png alt=\"Two\"> and <img alt=\"\" src=3.png>\n",
                &[3, 3],
            ),
        ];
        for (body, published, lines) in rows {
            let mut text = body.to_string();
            let warnings = mark_missing(&mut text, Path::new("content/a.md"));
            assert_eq!(&text, published, "{body:?}");
            let got: Vec<usize> = warnings.iter().map(|w| w.line).collect();
            assert_eq!(&got, lines, "{body:?}");
        }
    }

    #[test]
    fn front_matter_is_not_read_as_markdown_and_lines_count_from_the_file() {
        let mut text =
            "+++\ntitle = \"A\"\nsummary = \"<img src=x>\"\n+++\nIntro.\n\n<img src=\"quay.png\">\n".to_string();
        let warnings = mark_missing(&mut text, Path::new("content/a.md"));
        assert!(text.contains("summary = \"<img src=x>\""), "{text}");
        assert!(text.ends_with("<img alt=\"\" src=\"quay.png\">\n"), "{text}");
        let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("content/a.md:7:1"), "{}", shown[0]);
        assert!(shown[0].contains("alt="), "{}", shown[0]);
    }
}
