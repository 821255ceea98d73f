//! Control characters in article text.
//!
//! Copy from agency systems and old word processors carries form feeds (page breaks) and
//! vertical tabs (soft line breaks), and now and then a stray NUL or escape. None of them can
//! appear in XML 1.0, so left in place they make the feeds and sitemaps ill-formed, and they
//! reach the HTML raw. They are normalised as the file is loaded, before any stage sees the
//! text: page breaks and line tabulations become spaces (a page break alone on its line leaves
//! a blank line, so the paragraph still ends there), every other control character but tab,
//! line feed and carriage return is removed. Neither change adds or removes a line, so every
//! later diagnostic still names the right line.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Whether `c` is a C0 control character the archive does not keep.
fn is_unwanted(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// A control character's name, for the warning.
fn name(c: char) -> String {
    match c {
        '\u{0}' => "NUL".into(),
        '\u{b}' => "vertical tab".into(),
        '\u{c}' => "form feed".into(),
        '\u{1b}' => "escape".into(),
        c => format!("U+{:04X}", u32::from(c)),
    }
}

/// Normalises the control characters of `text` in place; the warning (naming the first one's
/// line and how many there were) is `None` when the text had none.
pub fn normalise(text: &mut String, file: &Path) -> Option<Diagnostic> {
    let first = text.find(is_unwanted)?;
    let first_char = text[first..].chars().next().unwrap_or(' ');
    let line = text[..first].matches('\n').count() + 1;
    let original = std::mem::take(text);
    let mut count = 0usize;
    let mut out = String::with_capacity(original.len());
    for c in original.chars() {
        if is_unwanted(c) {
            count += 1;
            if matches!(c, '\u{b}' | '\u{c}') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    *text = out;
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more in the file)", n - 1),
    };
    let message = format!(
        "control character {} replaced{more}: form feeds and vertical tabs become spaces, others are removed",
        name(first_char)
    );
    Some(
        Diagnostic::warning(file, message)
            .at_line(text, line)
            .with_help("re-save the file without control characters (agency copy uses them as page and line breaks) to silence this warning"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_names_the_first_line() {
        let rows: &[(&str, &str, Option<usize>)] = &[
            ("plain text\n", "plain text\n", None),
            ("tab\tand\r\nCRLF\n", "tab\tand\r\nCRLF\n", None),
            ("one\ntwo\u{c}three\n", "one\ntwo three\n", Some(2)),
            ("page one\n\u{c}\npage two\n", "page one\n \npage two\n", Some(2)),
            ("soft\u{b}break\n", "soft break\n", Some(1)),
            (
                "a\nb\nnul\u{0}here and \u{1b}[1mbold\n",
                "a\nb\nnulhere and [1mbold\n",
                Some(3),
            ),
        ];
        for (input, want, line) in rows {
            let mut text = input.to_string();
            let warning = normalise(&mut text, Path::new("content/x.txt"));
            assert_eq!(&text, want, "{input:?}");
            assert_eq!(warning.as_ref().map(|w| w.line), *line, "{input:?}");
            assert_eq!(
                text.lines().count(),
                input.lines().count(),
                "lines never move: {input:?}"
            );
        }
    }

    #[test]
    fn the_warning_counts_the_rest() {
        let mut text = "x\u{c}y\u{c}z\u{7}\n".to_string();
        let w = normalise(&mut text, Path::new("content/x.txt")).unwrap();
        assert!(w.message.contains("form feed"), "{}", w.message);
        assert!(w.message.contains("and 2 more"), "{}", w.message);
        assert!(!w.is_error());
    }
}
