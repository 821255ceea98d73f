//! How deep the raw HTML of a Markdown article nests. Browsers' HTML parsing (and so the
//! sanitiser's) looks through every open element at each new tag, which makes a body of tens
//! of thousands of nested tags take time in the square of its size. No article nests anywhere
//! near [`MAX_HTML_DEPTH`], so a tag that would open (or close) an element deeper than that is
//! shown as text instead — its `<` written `&lt;` — with a warning naming its line: the article
//! is still built, every nesting the sanitiser sees is bounded, and the work stays linear.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// The deepest raw HTML nesting an article keeps as markup.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never take a closing tag, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// Rewrites, in place, every tag of `text` that lies deeper than [`MAX_HTML_DEPTH`] so that it
/// reads as text; the warning names the first such tag's line, and is `None` when there was none.
pub fn defuse(text: &mut String, file: &Path) -> Option<Diagnostic> {
    let deep = too_deep(text);
    let first = *deep.first()?;
    let line = text[..first].matches('\n').count() + 1;
    let mut out = String::with_capacity(text.len() + deep.len() * 3);
    let mut from = 0;
    for &at in &deep {
        out.push_str(&text[from..at]);
        out.push_str("&lt;");
        from = at + 1;
    }
    out.push_str(&text[from..]);
    let shown = deep.len();
    *text = out;
    Some(
        Diagnostic::warning(
            file,
            format!(
                "raw HTML nested more than {MAX_HTML_DEPTH} elements deep: its {shown} deeper tags are shown as text"
            ),
        )
        .at_line(text, line)
        .with_help("close the HTML elements this part of the article opens, or write it in Markdown"),
    )
}

/// The byte offsets of the `<` of every tag that opens an element deeper than
/// [`MAX_HTML_DEPTH`], or closes one. One pass: each `<` is looked at once.
fn too_deep(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut deep = Vec::new();
    let mut i = 0;
    while let Some(found) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + found;
        let rest = &text[at + 1..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + 1 + e + 3);
            continue;
        }
        let end = rest.find('>').map_or(bytes.len(), |e| at + 1 + e);
        let tag = &text[at + 1..end.min(bytes.len())];
        if let Some(name) = tag.strip_prefix('/') {
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                if depth > MAX_HTML_DEPTH {
                    deep.push(at);
                }
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                depth += 1;
                if depth > MAX_HTML_DEPTH {
                    deep.push(at);
                }
            }
        }
        i = at + 1;
    }
    deep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_elements_that_nest() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 1);
        assert_eq!(too_deep(&deep), vec![5 * MAX_HTML_DEPTH]);
        let closed = "<p>a</p>".repeat(10_000);
        assert!(too_deep(&closed).is_empty());
        let void = "<br><img src=x><hr/>".repeat(2_000);
        assert!(too_deep(&void).is_empty());
        let commented = format!("<!-- {} -->", "<div>".repeat(2_000));
        assert!(too_deep(&commented).is_empty());
        assert!(too_deep("a < b and 3 <4 </ c").is_empty());
    }

    #[test]
    fn deeper_tags_become_text_and_the_rest_stays_markup() {
        let n = MAX_HTML_DEPTH + 2;
        let mut text = format!("intro\n{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let warning = defuse(&mut text, Path::new("content/deep.md")).expect("a warning");
        assert!(warning.to_string().contains("content/deep.md:2"), "{warning}");
        assert_eq!(text.matches("&lt;div>").count(), 2);
        assert_eq!(text.matches("&lt;/div>").count(), 2);
        assert_eq!(text.matches("<div>").count(), MAX_HTML_DEPTH);
        assert_eq!(text.matches("</div>").count(), MAX_HTML_DEPTH);
        let mut shallow = "<div><p>x</p></div>".to_string();
        assert!(defuse(&mut shallow, Path::new("a.md")).is_none());
        assert_eq!(shallow, "<div><p>x</p></div>");
    }
}
