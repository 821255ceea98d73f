//! Fenced code highlighted with syntect, as CSS classes so light and dark themes both work.
//!
//! Loading syntect's syntax set costs tens of milliseconds, which news archives (that rarely
//! contain code) should not pay: the set is loaded the first time a page actually has code.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A lazily loaded highlighter shared by all render threads.
#[derive(Debug, Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// The code as `<pre><code>` HTML; unknown languages are shown plain.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
        let escaped_lang = escape_attr(lang);
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{escaped_lang}\"")
        };
        if lang.is_empty() {
            return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape_text(code));
        }
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = syntaxes.find_syntax_by_token(lang) else {
            return format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", escape_text(code));
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", escape_text(code));
            }
        }
        format!(
            "<pre class=\"code highlighted\"><code{class}>{}</code></pre>\n",
            generator.finalize()
        )
    }

    /// Whether any code has been highlighted (so the stylesheet is needed).
    pub fn was_used(&self) -> bool {
        self.syntaxes.get().is_some()
    }
}

/// The stylesheet for highlighted code: the light theme, and the dark one for dark mode.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            format!("unknown highlight theme `{name}`; available: {}", names.join(", "))
        })
    };
    let light_css = css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css = css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* Code highlighting: {light} (light), {dark} (dark). */\n{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

/// Escapes text for HTML element content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Escapes text for element content or a double-quoted attribute, appending to `out`.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for a double-quoted attribute.
pub fn escape_attr(s: &str) -> String {
    escape_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_and_escapes_the_rest() {
        let h = Highlighter::default();
        let plain = h.highlight("<b>", "");
        assert_eq!(plain, "<pre class=\"code\"><code>&lt;b&gt;</code></pre>\n");
        assert!(!h.was_used(), "plain code does not load the syntaxes");
        let rust = h.highlight("fn main() {}\n", "rust");
        assert!(rust.contains("hl-"), "{rust}");
        assert!(h.was_used());
        let unknown = h.highlight("x <- 1\n", "no-such-lang\"><script>");
        assert!(!unknown.contains("<script>"));
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(
            stylesheet("Nope", "base16-ocean.dark")
                .unwrap_err()
                .contains("available")
        );
    }
}
