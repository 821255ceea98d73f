//! A site's own templates and static files, as the load stage read them from `templates/` and
//! `static/`: what the site lays over the built-in theme.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The files of `templates/` and `static/`, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeFiles {
    /// Template name ("partials/card.html") → (its text, the file as the user knows it).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Output path ("style.css") → the file to copy, as it is.
    pub statics: BTreeMap<String, PathBuf>,
}
