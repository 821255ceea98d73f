//! Content errors as a reader needs them: the file, the line and column, the offending line,
//! and what to do about it.
//!
//! Every stage that reads user input reports problems as [`Diagnostic`]s instead of failing on
//! the first one, so a build can show all the errors of an archive together (the way ripgrep
//! keeps going past a bad file) and exit with status 1 while the previous output stays in place.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// Worth knowing; the build still succeeds.
    Warning,
    /// The build fails with exit status 1.
    Error,
}

/// One problem found in a user's file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user knows it (relative to the site root where possible).
    pub file: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
    /// How many characters the caret underline covers (at least one).
    pub width: usize,
    /// The offending line of the file, shown under the message.
    pub source_line: Option<String>,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            width: 1,
            source_line: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at a byte offset of `text`, the full contents of the file.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        self.at_line_col(text, line, column)
    }

    /// Points the diagnostic at a byte range of `text`, underlining it (up to the end of its line).
    pub fn at_span(self, text: &str, span: std::ops::Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let width = text[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            width,
            ..self.at_offset(text, start)
        }
    }

    /// Points the diagnostic at a 1-based line and column of `text`.
    pub fn at_line_col(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Points the diagnostic at a whole line of `text`.
    pub fn at_line(self, text: &str, line: usize) -> Self {
        let mut d = self.at_line_col(text, line, 1);
        if let Some(src) = &d.source_line {
            let indent = src.chars().take_while(|c| c.is_whitespace()).count();
            d.column = indent + 1;
            d.width = (src.chars().count() - indent).max(1);
        }
        d
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Shifts the line number, for errors found in a part of a file (front matter, a body).
    pub fn shifted(mut self, lines: usize) -> Self {
        if self.line > 0 {
            self.line += lines;
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", excerpt(&self.message, MAX_MESSAGE_CHARS))?;
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => writeln!(f, "  --> {file}")?,
            (line, 0) => writeln!(f, "  --> {file}:{line}")?,
            (line, column) => writeln!(f, "  --> {file}:{line}:{column}")?,
        }
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            let (shown, pad, width) = source_window(src, self.column, self.width);
            writeln!(f, "{} | {shown}", self.line)?;
            if self.column > 0 {
                writeln!(f, "{:gutter$} | {pad}{}", "", "^".repeat(width.max(1)))?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {}", excerpt(help, MAX_MESSAGE_CHARS))?;
        }
        Ok(())
    }
}

/// The most characters of a message shown; the rest is elided.
const MAX_MESSAGE_CHARS: usize = 400;
/// The most characters of a source line shown, around the column the diagnostic points at.
const MAX_SOURCE_CHARS: usize = 120;

/// How a character of the user's text is shown on a terminal: control characters (which could
/// move the cursor, clear the screen or ring the bell) as visible escapes, everything else as is.
fn visible(c: char) -> String {
    if c != '\t' && c.is_control() {
        c.escape_unicode().to_string()
    } else {
        c.to_string()
    }
}

/// `text` made safe to print: control characters escaped, and cut after `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).map(visible).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// The part of a long source line around `column`, escaped, with the caret's padding and
/// width: a minified or binary line can be megabytes long, and only a window of it helps.
fn source_window(src: &str, column: usize, width: usize) -> (String, String, usize) {
    let chars: Vec<char> = src.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at
        .saturating_sub(MAX_SOURCE_CHARS / 2)
        .min(chars.len().saturating_sub(MAX_SOURCE_CHARS));
    let end = (start + MAX_SOURCE_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut pad = String::new();
    if start > 0 {
        shown.push('…');
        pad.push(' ');
    }
    let mut caret = 0;
    for (i, &c) in chars[start..end].iter().enumerate() {
        let v = visible(c);
        let cells = v.chars().count();
        if start + i < at {
            // A tab stays a tab so the caret lines up however wide the terminal draws it.
            pad.push_str(&if c == '\t' { "\t".to_string() } else { " ".repeat(cells) });
        } else if start + i < at + width {
            caret += cells;
        }
        shown.push_str(&v);
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, pad, caret.max(1))
}

/// All the diagnostics of one run, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file and position so that reports do not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        self.0.dedup();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let errors = self.error_count();
        if errors > 0 {
            let s = if errors == 1 { "" } else { "s" };
            writeln!(f, "{errors} error{s}.")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        // A key cut short ("paginate" for "paginate_by") is as good as a one-letter typo.
        .map(|c| {
            (
                if word.len() >= 4 && (c.starts_with(word) || word.starts_with(c)) {
                    1
                } else {
                    edit_distance(word, c)
                },
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters; inputs are short key names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shows a path relative to `root` when it lies inside it.
pub fn display_path(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Parses TOML into `T`, turning syntax errors, unknown keys and wrong types into a diagnostic
/// that names the key, points at its line and suggests the closest valid key.
pub fn from_toml<T: serde::de::DeserializeOwned>(text: &str, file: &Path) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, file))
}

fn toml_diagnostic(e: &toml::de::Error, text: &str, file: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match closest(key, valid.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? Valid keys here: {}", valid.join(", ")),
            None => format!("remove it, or use one of: {}", valid.join(", ")),
        };
        return Diagnostic::error(file, format!("unknown key `{key}`"))
            .at_span(text, span)
            .with_help(help);
    }
    let key = key_on_line(text, span.start);
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let what = key.map_or(String::new(), |k| format!(" for `{k}`"));
        return Diagnostic::error(file, format!("wrong type{what}: {message}"))
            .at_span(text, span)
            .with_help("give the value the type shown after \"expected\"");
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        return Diagnostic::error(file, format!("missing key `{field}`"))
            .at_span(text, span)
            .with_help(format!("add `{field} = …` here"));
    }
    let d = Diagnostic::error(file, format!("invalid TOML: {message}"));
    let d = if span.is_empty() && span.start == 0 {
        d.at_line(text, 1)
    } else {
        d.at_span(text, span)
    };
    d.with_help("check the quoting and the `key = value` syntax on this line (https://toml.io)")
}

/// The `key` of a `key = value` line containing `offset`, for messages about values.
fn key_on_line(text: &str, offset: usize) -> Option<&str> {
    let offset = floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

/// The 1-based line where a top-level `key = ` is set in TOML text, or 0 when it is not.
pub fn line_of_key(text: &str, key: &str) -> usize {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            break;
        }
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return i + 1;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_of_the_users_text_are_short_and_printable() {
        let line = format!("{}\x1b[2J\x07{}", "a".repeat(5000), "b".repeat(5000));
        let text = format!("title = 1\n{line}\n");
        let d = Diagnostic::error("x.md", format!("bad value `{line}`")).at_span(&text, 10 + 5000..10 + 5002);
        let shown = d.to_string();
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(shown.len() < 1500, "{} bytes shown", shown.len());
        assert!(shown.contains("\\u{1b}[2J"), "{shown}");
        // The caret still sits under the escaped character.
        let lines: Vec<&str> = shown.lines().collect();
        let src = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let column = |l: &str, at: usize| l[..at].chars().count();
        assert_eq!(
            column(src, src.find("\\u{1b}").unwrap()),
            column(caret, caret.find('^').unwrap()),
            "{src}\n{caret}"
        );
    }

    #[test]
    fn suggests_the_closest_key() {
        let keys = ["title", "date", "updated", "slug"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("udpated", keys), Some("updated"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn points_at_line_and_column() {
        let text = "a = 1\nbad = 2\n";
        let d = Diagnostic::error("x.toml", "unknown key").at_span(text, 6..9);
        assert_eq!((d.line, d.column, d.width), (2, 1, 3));
        let shown = d.to_string();
        assert!(shown.contains("x.toml:2:1"), "{shown}");
        assert!(shown.contains("2 | bad = 2"), "{shown}");
        assert!(shown.contains("^^^"), "{shown}");
    }

    #[test]
    fn offsets_inside_multibyte_text_do_not_panic() {
        let text = "“quoted” text";
        let d = Diagnostic::error("x", "m").at_offset(text, 1);
        assert_eq!(d.line, 1);
    }
}
