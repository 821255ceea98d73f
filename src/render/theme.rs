//! The theme: Tera templates and static assets. Defaults are compiled into the binary, so a
//! site without `templates/` or `static/` still builds; a site's `templates/NAME` or
//! `static/NAME` replaces the default of the same name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};
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
    /// The defaults with `root/templates` and `root/static` laid over them.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        let mut errors = Vec::new();
        for (name, path) in files(&root.join("templates")) {
            match crate::load::read_text(&path, &display_path(&path, root)) {
                Ok(text) => {
                    theme.templates.insert(name, (text, display_path(&path, root)));
                }
                Err(d) => errors.push(d),
            }
        }
        for (name, path) in files(&root.join("static")) {
            theme.statics.insert(name, Content::Copy(path));
        }
        if errors.is_empty() { Ok(theme) } else { Err(errors) }
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

/// Files under `dir` as (relative `/`-separated name, path), sorted; hidden files skipped.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (name, e.into_path())
        })
        .collect()
}
