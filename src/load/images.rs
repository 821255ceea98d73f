//! Reading a bundle's pictures for their embedded metadata: the file is read here (the load
//! stage is the one that touches the disk) and handed to the pure readers of `crate::photo`.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::Source;
use crate::photo;

/// The largest picture whose metadata is read: a TIFF scan can keep its directory at its
/// end, so the whole file is read, and beyond this size that would cost more memory than any
/// press picture needs.
const READ_LIMIT: u64 = 256 * 1024 * 1024;

/// The file extensions of formats that carry an embedded record.
const PICTURES: [&str; 7] = ["jpg", "jpeg", "png", "webp", "tif", "tiff", "jpe"];

/// The embedded record of the picture at `path` (`None` for other files and for pictures that
/// state nothing), and what was wrong with the file.
pub fn read_picture(path: &Path) -> (Option<Box<photo::Embedded>>, Vec<String>) {
    let is_picture = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PICTURES.contains(&e.to_ascii_lowercase().as_str()));
    if !is_picture {
        return (None, Vec::new());
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(READ_LIMIT + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return (None, vec![format!("the picture cannot be read ({e})")]);
    }
    if bytes.len() as u64 > READ_LIMIT {
        return (
            None,
            vec![format!(
                "the picture is larger than {} MB; its embedded metadata is not read",
                READ_LIMIT / 1024 / 1024
            )],
        );
    }
    let reading = photo::read(&bytes);
    let warnings = reading.warnings.into_iter().map(|w| w.0).collect();
    let embedded = (!reading.embedded.is_empty()).then(|| Box::new(reading.embedded));
    (embedded, warnings)
}

/// A warning for each damaged picture of the sources' bundles, naming the file.
pub fn picture_warnings(sources: &[Source], root: &Path) -> Vec<Diagnostic> {
    sources
        .iter()
        .flat_map(|s| &s.assets)
        .flat_map(|asset| {
            asset.warnings.iter().map(|w| {
                Diagnostic::warning(display_path(&asset.path, root), w.clone())
                    .with_help("re-export the picture from its original, or rewrite its metadata with exiftool")
            })
        })
        .collect()
}
