//! How deep the raw HTML of a Markdown body nests. Browsers' HTML parsing (and so the
//! sanitiser's) looks through every open element at each new tag, which makes a body of tens of
//! thousands of nested tags take time in the square of its size; no article nests anywhere
//! near [`MAX_HTML_DEPTH`], so deeper nesting is refused up front.

/// The deepest raw HTML nesting an article may have.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never take a closing tag, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// The byte offset of the first tag that opens element number `MAX_HTML_DEPTH + 1` of a
/// nesting, if any. One pass: each `<` is looked at once.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(found) = memchr_lt(&bytes[i..]) {
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
                    return Some(at);
                }
            }
        }
        i = at + 1;
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_elements_that_nest() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(5 * MAX_HTML_DEPTH));
        let closed = "<p>a</p>".repeat(10_000);
        assert_eq!(too_deep(&closed), None);
        let void = "<br><img src=x><hr/>".repeat(2_000);
        assert_eq!(too_deep(&void), None);
        let commented = format!("<!-- {} -->", "<div>".repeat(2_000));
        assert_eq!(too_deep(&commented), None);
        assert_eq!(too_deep("a < b and 3 <4 </ c"), None);
    }
}
