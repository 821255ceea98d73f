//! Reading a bundle's pictures for their embedded metadata: the file is read here (the load
//! stage is the one that touches the disk) and handed to the pure readers of `crate::photo`.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::Asset;
use crate::photo;

/// The largest picture whose metadata is read: a TIFF scan can keep its directory at its
/// end, so the whole file is read, and beyond this size that would cost more memory than any
/// press picture needs.
const READ_LIMIT: u64 = 256 * 1024 * 1024;

/// How much of a file is read first: enough for any JPEG's metadata segments in practice.
const HEAD: u64 = 1024 * 1024;

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
    let read = std::fs::File::open(path).and_then(|mut f| {
        // A JPEG's record sits before its picture data: most of a 12-megapixel file is never
        // read. Other formats (and JPEGs with very long headers) are read whole.
        (&mut f).take(HEAD).read_to_end(&mut bytes)?;
        if !photo::jpeg_head_is_complete(&bytes) {
            f.take(READ_LIMIT + 1 - bytes.len() as u64).read_to_end(&mut bytes)?;
        }
        Ok(())
    });
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

/// A warning for each damaged picture among `assets`, naming the file.
pub(super) fn asset_warnings<'a>(assets: impl Iterator<Item = &'a Asset>, root: &Path) -> Vec<Diagnostic> {
    assets
        .flat_map(|asset| {
            asset.warnings.iter().map(|w| {
                Diagnostic::warning(display_path(&asset.path, root), w.clone())
                    .with_help("re-export the picture from its original, or rewrite its metadata with exiftool")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/photos").join(name)).expect("fixture")
    }

    /// A JPEG is read only up to its picture data, a PNG whole: both give the full record.
    #[test]
    fn a_large_picture_reads_the_same_record_as_its_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["full.jpg", "full.png"] {
            let mut bytes = fixture(name);
            let want = photo::read(&bytes).embedded;
            // Picture data past the first megabyte.
            bytes.extend(std::iter::repeat_n(0x5A, 3 * 1024 * 1024));
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).expect("write");
            let (embedded, _) = read_picture(&path);
            assert_eq!(embedded.as_deref(), Some(&want), "{name}");
        }
        assert!(photo::jpeg_head_is_complete(&fixture("full.jpg")));
        assert!(!photo::jpeg_head_is_complete(&fixture("full.jpg")[..300]));
        assert!(!photo::jpeg_head_is_complete(&fixture("full.png")));
    }

    #[test]
    fn other_files_are_not_read() {
        assert_eq!(read_picture(Path::new("no/such/map.svg")), (None, Vec::new()));
        let (embedded, warnings) = read_picture(Path::new("no/such/quay.jpg"));
        assert!(embedded.is_none());
        assert!(warnings[0].starts_with("the picture cannot be read"), "{warnings:?}");
    }
}
