//! Fenced code highlighted with syntect, as CSS classes so light and dark themes both work.
//!
//! Loading syntect's syntax set costs tens of milliseconds, which news archives (that rarely
//! contain code) should not pay: the set is loaded the first time a page actually has code.

use std::sync::OnceLock;

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::contrast::{AA_TEXT, Rgb, readable_on};

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
        let plain = || code_block("code", lang, &escape_text(code));
        if lang.is_empty() {
            return plain();
        }
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = syntaxes.find_syntax_by_token(lang) else {
            return plain();
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return plain();
            }
        }
        code_block("code highlighted", lang, &generator.finalize())
    }

    /// Whether any code has been highlighted (so the stylesheet is needed).
    pub fn was_used(&self) -> bool {
        self.syntaxes.get().is_some()
    }
}

/// A block of code. A long line scrolls the block sideways, and a region that scrolls must be
/// reachable by keyboard (WCAG 2.1.1): so the block is in the tab order, as a named group.
fn code_block(class: &str, lang: &str, inner: &str) -> String {
    let (code_class, label) = if lang.is_empty() {
        (String::new(), "Code".to_string())
    } else {
        let lang = escape_attr(lang);
        (format!(" class=\"language-{lang}\""), format!("Code, {lang}"))
    };
    format!(
        "<pre class=\"{class}\" tabindex=\"0\" role=\"group\" aria-label=\"{label}\"><code{code_class}>{inner}</code></pre>\n"
    )
}

/// The stylesheet for highlighted code: the light theme, and the dark one for dark mode.
///
/// Each theme is confined to its own scheme: a scope that only the light theme colours would
/// otherwise keep its dark-on-white colour on the dark theme's background.
///
/// Each block of code is drawn on its theme's own background, and every token colour that
/// would fall below WCAG's 4.5:1 on that background is raised until it reaches it, so any
/// theme a site picks is readable (see [`readable_theme`]).
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).map(readable_theme).ok_or_else(|| {
            let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            format!("unknown highlight theme `{name}`; available: {}", names.join(", "))
        })
    };
    let (light_theme, dark_theme) = (get(light)?, get(dark)?);
    let light_css = css_for_theme_with_class_style(&light_theme, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css = css_for_theme_with_class_style(&dark_theme, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* Code highlighting: {light} (light), {dark} (dark). */\n@media not all and (prefers-color-scheme: dark) {{\n{light_css}{}\n}}\n@media (prefers-color-scheme: dark) {{\n{dark_css}{}\n}}\n",
        block_colours(&light_theme),
        block_colours(&dark_theme)
    ))
}

/// The theme's background and text colour on the code block itself: token colours were made
/// readable against that background, so the block must not stand on the page's own.
fn block_colours(theme: &Theme) -> String {
    let (fg, bg) = base_colours(theme);
    format!(
        "pre.code.highlighted {{ color: {}; background-color: {}; }}\n",
        hex(fg),
        hex(bg)
    )
}

/// The theme's background, and its default text colour made readable on it.
fn base_colours(theme: &Theme) -> (Rgb, Rgb) {
    let bg = theme
        .settings
        .background
        .map_or(Rgb(255, 255, 255), |c| Rgb(c.r, c.g, c.b));
    let fg = theme
        .settings
        .foreground
        .map_or(Rgb(0, 0, 0), |c| Rgb(c.r, c.g, c.b).over(c.a, bg));
    (readable_on(fg, bg, AA_TEXT), bg)
}

/// A copy of `theme` in which every token's colour reaches 4.5:1 against the background it is
/// drawn on (its own, else the theme's). Themes are made for editors, where a faint comment is a
/// choice; on a published page it is text a reader cannot read.
pub fn readable_theme(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let (fg, bg) = base_colours(&theme);
    theme.settings.foreground = Some(colour(fg));
    for item in &mut theme.scopes {
        let under = item.style.background.map_or(bg, |c| Rgb(c.r, c.g, c.b).over(c.a, bg));
        if let Some(c) = item.style.foreground {
            item.style.foreground = Some(colour(readable_on(Rgb(c.r, c.g, c.b).over(c.a, under), under, AA_TEXT)));
        }
        if let Some(c) = item.style.background {
            item.style.background = Some(colour(Rgb(c.r, c.g, c.b).over(c.a, bg)));
            if item.style.foreground.is_none() {
                item.style.foreground = Some(colour(readable_on(fg, under, AA_TEXT)));
            }
        }
    }
    theme
}

fn colour(c: Rgb) -> Color {
    Color {
        r: c.0,
        g: c.1,
        b: c.2,
        a: 0xff,
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Escapes text for HTML element content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Escapes text for element content or a double-quoted attribute, appending to `out`.
///
/// Every character it changes is ASCII, so the text is copied a run at a time between them
/// (a page escapes every headline, caption and paragraph it shows this way).
pub fn push_escaped(out: &mut String, s: &str) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // C0 controls other than tab and line ends cannot appear in XML and have no
            // place in HTML: they are dropped, not escaped.
            b if b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r') => "",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(replacement);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
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
        assert_eq!(
            plain,
            "<pre class=\"code\" tabindex=\"0\" role=\"group\" aria-label=\"Code\"><code>&lt;b&gt;</code></pre>\n"
        );
        assert!(!h.was_used(), "plain code does not load the syntaxes");
        let rust = h.highlight("fn main() {}\n", "rust");
        assert!(rust.contains("hl-"), "{rust}");
        assert!(
            rust.starts_with(
                "<pre class=\"code highlighted\" tabindex=\"0\" role=\"group\" aria-label=\"Code, rust\">"
            ),
            "{rust}"
        );
        assert!(h.was_used());
        let unknown = h.highlight("x <- 1\n", "no-such-lang\"><script>");
        assert!(!unknown.contains("<script>"));
    }

    #[test]
    fn escaping_changes_markup_and_drops_control_characters() {
        let rows = [
            ("", ""),
            ("plain", "plain"),
            (
                "<b>\"Ruiz\" & 'co'</b>",
                "&lt;b&gt;&quot;Ruiz&quot; &amp; &#39;co&#39;&lt;/b&gt;",
            ),
            ("São — “quay”\u{2028}", "São — “quay”\u{2028}"),
            ("a\u{0}b\u{c}c\td\ne\rf\u{1f}", "abc\td\ne\rf"),
            ("<é>", "&lt;é&gt;"),
        ];
        for (text, escaped) in rows {
            assert_eq!(escape_text(text), escaped, "{text:?}");
        }
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

    /// Every colour of every bundled theme, once made readable, reaches 4.5:1 on the background
    /// it is drawn on; base16-ocean.dark (the default dark theme) drew some tokens at 1.29:1.
    #[test]
    fn every_bundled_theme_is_made_readable() {
        use super::super::contrast::ratio;
        let themes = ThemeSet::load_defaults();
        let rgb = |c: Color| Rgb(c.r, c.g, c.b);
        let mut faint_before = 0;
        for (name, original) in &themes.themes {
            let theme = readable_theme(original);
            let (fg, bg) = base_colours(&theme);
            assert!(ratio(fg, bg) >= AA_TEXT, "{name}: default text");
            for (before, after) in original.scopes.iter().zip(&theme.scopes) {
                let under = after.style.background.map_or(bg, rgb);
                if let Some(c) = after.style.foreground {
                    let shown = ratio(rgb(c), under);
                    assert!(shown >= AA_TEXT, "{name}: {:?} at {shown:.2}:1", after.scope);
                    let was = before.style.foreground.map(|b| ratio(rgb(b).over(b.a, under), under));
                    faint_before += usize::from(was.is_some_and(|w| w < AA_TEXT));
                }
            }
        }
        assert!(faint_before > 0, "the bundled themes had faint tokens to fix");
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(
            css.contains("pre.code.highlighted { color: #c0c5ce; background-color: #2b303b; }"),
            "{css}"
        );
        assert!(
            !css.contains("color: #65737e;"),
            "the dim comment colour is gone: {css}"
        );
    }
}
