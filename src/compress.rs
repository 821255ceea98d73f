//! Precompression: `.gz` and `.br` twins of the archive's text files, written beside them so a
//! server sends stored bytes instead of compressing every response (nginx `gzip_static` and
//! `brotli_static`, Caddy's `precompressed`). The twins are made once, at the highest levels
//! (gzip 9, Brotli quality 11), which are too slow for a server to use on the fly.
//!
//! A twin is written only where it pays: for a text file of at least [`MIN_SIZE`] bytes whose
//! compressed form is under [`MAX_RATIO`] of it. Smaller files fit in a packet or two either
//! way, and a twin barely smaller than its original is disk and upload spent for nothing.

use std::io::Write;

use serde::Deserialize;

use crate::write::{Content, OutputFile, WriteError};

/// Files below this many bytes get no twin.
pub const MIN_SIZE: usize = 1024;

/// A twin is kept only when it is smaller than this share of the original.
pub const MAX_RATIO: f64 = 0.9;

/// The extensions of the text files that get twins; everything else (pictures, the search
/// index's files, which are gzipped already) is sent as it is.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "html",
    "css",
    "js",
    "json",
    "jsonld",
    "xml",
    "svg",
    "txt",
    "webmanifest",
];

/// A compression that `[build] precompress` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Encoding {
    /// `.gz`, `Content-Encoding: gzip`.
    #[serde(rename = "gzip")]
    Gzip,
    /// `.br`, `Content-Encoding: br`.
    #[serde(rename = "br")]
    Brotli,
}

impl Encoding {
    /// The suffix added to the original's name.
    pub fn suffix(self) -> &'static str {
        match self {
            Encoding::Gzip => ".gz",
            Encoding::Brotli => ".br",
        }
    }

    /// The `Content-Encoding` a server sends with the twin.
    pub fn content_encoding(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }

    /// The encoding whose twin `path` is, with the original's path.
    pub fn of_twin(path: &str) -> Option<(Encoding, &str)> {
        [Encoding::Gzip, Encoding::Brotli].into_iter().find_map(|e| {
            let original = path.strip_suffix(e.suffix())?;
            is_text(original).then_some((e, original))
        })
    }

    /// `bytes` compressed at this encoding's highest level. Deterministic: the gzip header
    /// carries no time or file name, so the same page gives the same twin on every build.
    pub fn compress(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Encoding::Gzip => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::best());
                // Writing into a Vec cannot fail.
                let _ = encoder.write_all(bytes);
                encoder.finish().unwrap_or_default()
            }
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(bytes.len() / 3);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: 22,
                    size_hint: bytes.len(),
                    ..Default::default()
                };
                let mut input = bytes;
                // Reading from a slice into a Vec cannot fail.
                let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
                out
            }
        }
    }
}

/// Whether `path` names a text file that may get twins.
pub fn is_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(ext)))
}

/// The twin of `bytes` in `encoding`, when it pays (see the module's rule).
pub fn twin(bytes: &[u8], encoding: Encoding) -> Option<Vec<u8>> {
    if bytes.len() < MIN_SIZE {
        return None;
    }
    let packed = encoding.compress(bytes);
    ((packed.len() as f64) < bytes.len() as f64 * MAX_RATIO).then_some(packed)
}

/// `files` followed by the twins that pay. A copied file (a static asset) is read to be
/// compressed; a read that fails is reported as a failure to write it, since the copy would
/// fail the same way.
pub fn with_twins(mut files: Vec<OutputFile>, encodings: &[Encoding]) -> Result<Vec<OutputFile>, WriteError> {
    if encodings.is_empty() {
        return Ok(files);
    }
    let mut twins = Vec::new();
    for file in &files {
        if !is_text(&file.path) {
            continue;
        }
        let read;
        let bytes: &[u8] = match &file.content {
            Content::Bytes(b) => b,
            Content::Copy(from) => {
                read = std::fs::read(from).map_err(|source| WriteError::Io {
                    path: from.clone(),
                    source,
                })?;
                &read
            }
        };
        for &encoding in encodings {
            if let Some(packed) = twin(bytes, encoding) {
                twins.push(OutputFile::bytes(format!("{}{}", file.path, encoding.suffix()), packed));
            }
        }
    }
    files.extend(twins);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn page(len: usize) -> Vec<u8> {
        let line = b"<p>The harbour board met on Tuesday to discuss the new quay.</p>\n";
        line.iter().copied().cycle().take(len).collect()
    }

    #[test]
    fn text_files_are_known_by_extension() {
        for (path, text) in [
            ("index.html", true),
            ("2021/03/04/quay/article.json", true),
            ("style.CSS", true),
            ("feed.xml", true),
            ("site.webmanifest", true),
            ("logo.png", false),
            ("search-index/manifest.bin", false),
            ("index.html.gz", false),
            ("README", false),
            ("v1.2/notes", false),
        ] {
            assert_eq!(is_text(path), text, "{path}");
        }
    }

    #[test]
    fn twins_only_where_they_pay() {
        // Below the size floor: nothing, however well it would compress.
        assert!(twin(&page(MIN_SIZE - 1), Encoding::Gzip).is_none());
        assert!(twin(&page(MIN_SIZE), Encoding::Gzip).is_some());
        // Bytes that do not compress (a pseudo-random run) are not worth a twin.
        let mut x: u32 = 2463534242;
        let noise: Vec<u8> = (0..8192)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert!(twin(&noise, Encoding::Gzip).is_none());
        assert!(twin(&noise, Encoding::Brotli).is_none());
    }

    #[test]
    fn twins_decompress_to_the_original_and_are_deterministic() {
        let original = page(20_000);
        let gz = twin(&original, Encoding::Gzip).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, original);
        assert_eq!(gz, Encoding::Gzip.compress(&original));

        let br = twin(&original, Encoding::Brotli).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, original);
        assert_eq!(br, Encoding::Brotli.compress(&original));
    }

    #[test]
    fn with_twins_adds_each_encoding_after_the_originals() {
        let files = vec![
            OutputFile::bytes("index.html", page(4000)),
            OutputFile::bytes("tiny.css", page(100)),
            OutputFile::bytes("logo.png", page(4000)),
        ];
        let out = with_twins(files.clone(), &[Encoding::Gzip, Encoding::Brotli]).unwrap();
        let paths: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["index.html", "tiny.css", "logo.png", "index.html.gz", "index.html.br"]
        );
        assert_eq!(with_twins(files.clone(), &[]).unwrap(), files);
    }

    #[test]
    fn twins_are_recognised_with_their_original() {
        assert_eq!(
            Encoding::of_twin("a/index.html.br"),
            Some((Encoding::Brotli, "a/index.html"))
        );
        assert_eq!(Encoding::of_twin("feed.xml.gz"), Some((Encoding::Gzip, "feed.xml")));
        assert_eq!(Encoding::of_twin("search-index/manifest.bin"), None);
        assert_eq!(Encoding::of_twin("archive.tar.gz"), None);
    }
}
