//! `dateline check`: everything a build verifies — configuration, front matter, annotation
//! anchors, templates — plus a walk of every rendered page for internal links that lead
//! nowhere, all in memory, without touching the output folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{BuildError, BuildOptions, read_site, render_in_memory};
use crate::render::output_path;
use crate::write::{Content, OutputFile};

/// What `check` found on a site that builds.
#[derive(Debug)]
pub struct CheckReport {
    pub articles: usize,
    pub pages: usize,
    pub annotations: usize,
    /// Warnings, and errors such as broken links.
    pub diagnostics: Diagnostics,
}

/// Checks the site at `options.root`.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    let site = read_site(options)?;
    let files = render_in_memory(&site)?;
    let sources: HashMap<String, &Path> = site
        .archive
        .stories
        .iter()
        .map(|s| (output_path(&s.url), s.article.file.as_path()))
        .collect();
    let mut diagnostics = site.warnings;
    diagnostics.extend(broken_links(&files, &sources));
    for story in &site.archive.stories {
        // The article's text again, to point each warning at the line naming its picture.
        let text = std::fs::read_to_string(options.root.join(&story.article.file)).unwrap_or_default();
        diagnostics.extend(picture_credits(story, &text));
    }
    diagnostics.sort();
    Ok(CheckReport {
        articles: site.archive.stories.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        annotations: site.archive.stories.iter().map(|s| s.article.annotations.len()).sum(),
        diagnostics,
    })
}

/// Pictures whose credit the page cannot print truthfully: the figure's credit (front matter
/// or text) names other people or agencies than the picture's embedded record, or nobody
/// credits the picture at all. `text` is the article's file: each warning points at the first
/// line naming its picture (its `[[figures]]` entry).
pub fn picture_credits(story: &crate::model::Story, text: &str) -> Vec<Diagnostic> {
    let file = story.article.file.as_path();
    let mut out = Vec::new();
    for figure in &story.meta.figures.value {
        let Some(src) = figure.src.as_deref() else {
            continue;
        };
        let at = |d: Diagnostic| match text.lines().position(|l| l.contains(src)) {
            Some(i) => d.at_line(text, i + 1),
            None => d,
        };
        if figure.credit.is_none() {
            let message = format!("the picture {src} has no credit, in the text or in the picture");
            out.push(at(Diagnostic::warning(file, message).with_help(format!(
                "add `credit = \"Photographer/Agency\"` to its [[figures]] entry, or write the \
                 credit into the picture (exiftool -XMP-photoshop:Credit=\"…\" {src})"
            ))));
            continue;
        }
        let embedded = crate::photo::figures::record_of(&story.article.assets, src);
        if let Some(conflict) = embedded.and_then(|e| crate::photo::figures::credit_conflict(figure, e)) {
            out.push(at(Diagnostic::warning(file, format!("{src}: {conflict}")).with_help(
                "correct whichever credit is wrong; the page prints the figure's",
            )));
        }
    }
    out
}

/// Internal links in rendered pages whose target file (or `#id`) does not exist.
pub fn broken_links(files: &[OutputFile], sources: &HashMap<String, &Path>) -> Vec<Diagnostic> {
    let present: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let pages: Vec<(&str, String)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .filter_map(|f| match &f.content {
            Content::Bytes(b) => Some((f.path.as_str(), String::from_utf8_lossy(b).into_owned())),
            Content::Copy(_) => None,
        })
        .collect();
    for (path, html) in &pages {
        ids.insert(path, attribute_values(html, "id").map(decode_entities).collect());
    }
    // One report per missing target, naming where it is linked from: a broken link in a
    // template would otherwise repeat on every page.
    let mut broken: BTreeMap<String, (String, Vec<&str>)> = BTreeMap::new();
    for (path, html) in &pages {
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        let links = attribute_values(html, "href")
            .chain(attribute_values(html, "src"))
            .chain(attribute_values(html, "action"));
        for link in links {
            let link = decode_entities(link);
            if is_external(&link) {
                continue;
            }
            let (target, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(t, f)| (t, Some(f)));
            let target = percent_decode(target.split('?').next().unwrap_or(""));
            let target = target.as_str();
            let resolved = if target.is_empty() {
                path.to_string()
            } else {
                resolve(dir, target)
            };
            let problem = if !present.contains(resolved.as_str()) {
                Some((
                    format!("/{}", resolved.trim_end_matches("index.html")),
                    "the archive has no such page".to_string(),
                ))
            } else {
                fragment
                    .filter(|f| !f.is_empty())
                    .filter(|f| ids.get(resolved.as_str()).is_some_and(|set| !set.contains(*f)))
                    .map(|f| {
                        (
                            format!("/{}#{f}", resolved.trim_end_matches("index.html")),
                            format!("the page has no element with id `{f}`"),
                        )
                    })
            };
            if let Some((key, why)) = problem {
                let entry = broken.entry(key).or_insert_with(|| (why, Vec::new()));
                if entry.1.last() != Some(path) {
                    entry.1.push(path);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (target, (why, from)) in broken {
        let first = from[0];
        let file = sources
            .get(first)
            .map_or_else(|| format!("templates (page /{first})").into(), |p| p.to_path_buf());
        let more = match from.len() {
            1 => String::new(),
            n => format!(" and {} other pages", n - 1),
        };
        out.push(
            Diagnostic::error(
                file,
                format!(
                    "broken link to {target}: {why} (linked from /{}{more})",
                    first.trim_end_matches("index.html")
                ),
            )
            .with_help("fix the link's address, or add the page it points to"),
        );
    }
    out.sort_by(|a, b| a.message.cmp(&b.message));
    out.dedup();
    out
}

fn is_external(link: &str) -> bool {
    link.is_empty()
        || link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
}

/// A relative link from `dir` as an output path ("../2021/" from "a/b" → "a/2021/index.html").
fn resolve(dir: &Path, target: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in dir.join(target).components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let joined = parts.join("/");
    if target.ends_with('/') || joined.is_empty() {
        if joined.is_empty() {
            "index.html".into()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    }
}

/// An attribute value as the browser reads it: character references decoded, so a file named
/// `o'brien.pdf` (written `o&#39;brien.pdf`) or `q&a.html` is found. Unknown references are
/// left as they are, as browsers do.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A URL path with its `%XX` escapes decoded (a space or an accented letter in a file name
/// arrives escaped); an escape that is not valid UTF-8 is left as it is.
fn percent_decode(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// The values of `name="…"` attributes in HTML. Only tags are read: text that shows markup
/// (`<code>&lt;img src="x.png"&gt;</code>`, which a serialiser may leave with its quotes
/// bare) holds no link.
fn attribute_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> + 'a {
    let needle = format!(" {name}=\"");
    let mut tags = tags(html);
    let mut rest = "";
    std::iter::from_fn(move || {
        loop {
            if let Some(i) = rest.find(&needle) {
                rest = &rest[i + needle.len()..];
                if let Some(end) = rest.find('"') {
                    let value = &rest[..end];
                    rest = &rest[end..];
                    return Some(value);
                }
            }
            rest = tags.next()?;
        }
    })
}

/// The start tags of an HTML page, from `<` to `>` (a `>` inside a quoted value does not end
/// one); comments are passed over.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let at = i + bytes.get(i..)?.iter().position(|&b| b == b'<')?;
            if html[at..].starts_with("<!--") {
                i = html[at..].find("-->").map_or(bytes.len(), |e| at + e + 3);
                continue;
            }
            if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
                i = at + 1;
                continue;
            }
            let mut quote = None;
            let mut end = at + 1;
            while end < bytes.len() {
                match (quote, bytes[end]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), b) if b == q => quote = None,
                    _ => {}
                }
                end += 1;
            }
            i = end;
            return Some(&html[at..end]);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_shown_as_text_is_no_link() {
        let files = vec![
            OutputFile::bytes(
                "index.html",
                r#"<p>Write <code>&lt;img src="x.png"&gt;</code> or <a title='a > b' href="b.html">b</a></p><!-- <a href="gone.html"> -->"#,
            ),
            OutputFile::bytes("b.html", "<p id=\"x\">b</p>"),
        ];
        assert!(broken_links(&files, &HashMap::new()).is_empty());
        let links: Vec<&str> =
            attribute_values(r#"<p>src="no"</p><img alt="" src="y.png"><a href="z.html">"#, "src").collect();
        assert_eq!(links, ["y.png"]);
    }

    #[test]
    fn file_names_with_quotes_and_ampersands_resolve() {
        let files = vec![
            OutputFile::bytes(
                "index.html",
                r#"<a href="o&#39;brien.pdf">a</a><a href="q&amp;a.html">b</a><a href="o&#x27;neill.pdf">c</a><a href="caf%C3%A9%20menu.pdf">d</a><a href="q&amp;a.html#r&amp;d">e</a>"#,
            ),
            OutputFile::bytes("o'brien.pdf", ""),
            OutputFile::bytes("o'neill.pdf", ""),
            OutputFile::bytes("café menu.pdf", ""),
            OutputFile::bytes("q&a.html", r#"<h2 id="r&amp;d">R&amp;D</h2>"#),
        ];
        let broken = broken_links(&files, &HashMap::new());
        assert!(broken.is_empty(), "{broken:#?}");
    }

    #[test]
    fn references_decode_as_browsers_read_them() {
        for (raw, want) in [
            ("a&amp;b", "a&b"),
            ("&#39;&#x27;&#X27;&apos;&quot;&lt;&gt;", "''''\"<>"),
            ("fish & chips", "fish & chips"),
            ("&unknown;", "&unknown;"),
            ("&#xZZ;", "&#xZZ;"),
            ("trailing &", "trailing &"),
        ] {
            assert_eq!(decode_entities(raw), want, "{raw}");
        }
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            OutputFile::bytes(
                "index.html",
                r##"<a href="./2021/">y</a><a href="./nope/">n</a><a href="https://e.org/x">e</a><a href="#top">t</a><a href="mailto:a@b.c">m</a>"##,
            ),
            OutputFile::bytes(
                "2021/index.html",
                r#"<p id="top"></p><a href="../index.html#missing">x</a><img src="../style.css"><form action="../search/"></form>"#,
            ),
            OutputFile::bytes("style.css", ""),
        ];
        let broken = broken_links(&files, &HashMap::new());
        let messages: Vec<&str> = broken.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("broken link to /nope/: the archive has no such page (linked from /)"))
        );
        assert!(messages.iter().any(|m| m.starts_with("broken link to /#missing")));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("broken link to /#top") && m.contains("linked from /)"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("broken link to /search/") && m.contains("linked from /2021/"))
        );
    }
}
