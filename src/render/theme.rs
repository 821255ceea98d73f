//! The theme: Tera templates and static assets. Defaults are compiled into the binary, so a
//! site without `templates/` or `static/` still builds; a site's `templates/NAME` or
//! `static/NAME` replaces the default of the same name. The load stage reads the site's own
//! files ([`ThemeFiles`]); laying them over the defaults here reads nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::ThemeFiles;
use crate::write::{Content, OutputFile};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "index.html",
    "article.html",
    "archive.html",
    "year.html",
    "month.html",
    "day.html",
    "404.html",
    "terms.html",
    "term.html",
    "atom.xml",
    "annotations.html",
    "search.html",
    "partials/card.html",
    "partials/calendar.html",
    "partials/pagination.html",
];

/// The default static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("dateline.js", include_bytes!("../../static/dateline.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("search.js", include_bytes!("../../static/search.js")),
];

/// Templates and static files after applying a site's overrides.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (source, file it came from for error messages).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Output path → content.
    pub statics: BTreeMap<String, Content>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            templates: DEFAULT_TEMPLATES
                .iter()
                .map(|(n, s)| (n.to_string(), (s.to_string(), PathBuf::from("templates").join(n))))
                .collect(),
            statics: DEFAULT_STATIC
                .iter()
                .map(|(n, b)| (n.to_string(), Content::Bytes(b.to_vec())))
                .collect(),
        }
    }
}

impl Theme {
    /// The defaults with a site's own templates and static files laid over them.
    pub fn with(site: ThemeFiles) -> Theme {
        let mut theme = Theme::default();
        theme.templates.extend(site.templates);
        theme
            .statics
            .extend(site.statics.into_iter().map(|(name, path)| (name, Content::Copy(path))));
        theme
    }

    /// The static files as output files.
    pub fn static_files(&self) -> Vec<OutputFile> {
        self.statics
            .iter()
            .map(|(p, c)| OutputFile {
                path: p.clone(),
                content: c.clone(),
            })
            .collect()
    }
}
