//! Tera: the theme's templates compiled once per build, errors reported against the template
//! file the user wrote.

use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;

use super::theme::Theme;

/// Compiled templates.
pub struct Templates {
    tera: Tera,
    theme: Theme,
}

impl Templates {
    /// Compiles every template of the theme.
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_markup);
        let all = theme
            .templates
            .iter()
            .map(|(name, (source, _))| (name.as_str(), source.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(vec![template_error(&e, theme)]);
        }
        Ok(Templates {
            tera,
            theme: theme.clone(),
        })
    }

    /// Values every template sees (`site`).
    pub fn set_global<T: serde::Serialize>(&mut self, key: &'static str, value: &T) {
        self.tera.global_context().insert(key, value);
    }

    /// Renders one page.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.theme))
    }
}

/// Tera's HTML escaping, which also drops the C0 control characters that no XML document may
/// hold and no HTML page should. Loading removes them from files already; this catches the ones
/// a TOML escape (`"\u000c"`) puts into a front matter or annotation value.
fn escape_markup(input: &str, buf: &mut dyn std::io::Write) -> std::io::Result<()> {
    let unwanted = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    // Looked for byte by byte: a control character is one byte in UTF-8, and no byte of
    // another character is below 0x80.
    if input.bytes().any(|b| b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) {
        tera::escape_html(&input.replace(unwanted, ""), buf)
    } else {
        tera::escape_html(input, buf)
    }
}

/// A Tera error as a diagnostic on the template file.
fn template_error(e: &tera::Error, theme: &Theme) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    // Tera's report points at "--> NAME:LINE:COL"; name the user's file for that template.
    let named = message
        .split("--> ")
        .nth(1)
        .and_then(|rest| rest.split([':', '\n']).next())
        .map(str::trim);
    let file = named
        .and_then(|n| theme.templates.get(n))
        .or_else(|| {
            theme
                .templates
                .iter()
                .find(|(name, _)| message.contains(name.as_str()))
                .map(|(_, t)| t)
        })
        .map(|(_, path)| path.clone())
        .unwrap_or_else(|| "templates".into());
    Diagnostic::error(file, format!("template error: {message}"))
        .with_help("fix the template (https://keats.github.io/tera/docs/), or delete it to use the built-in default")
}
