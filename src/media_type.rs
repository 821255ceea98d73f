//! The media type of a file of the built archive, by its name: what `serve` answers with and
//! what `deploy` stores with each object, so the preview and the published site agree.

/// The `Content-Type` of the archive file at `path` (a path or a key, `/`-separated).
/// Atom feeds (`feed.xml`, and a term's `*.atom.xml`) are told from other XML by name.
pub fn of(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "xml" if name == "feed.xml" || name.ends_with(".atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "tif" | "tiff" => "image/tiff",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        "sqlite" => "application/vnd.sqlite3",
        "gz" => "application/gzip",
        "br" => "application/x-brotli",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn names_tell_the_type() {
        assert_eq!(of("2021/10/13/quay/index.html"), "text/html; charset=utf-8");
        assert_eq!(of("feed.xml"), "application/atom+xml");
        assert_eq!(of("people/ana-duarte.atom.xml"), "application/atom+xml");
        assert_eq!(of("sitemap.xml"), "application/xml");
        assert_eq!(of("photo.JPG"), "image/jpeg");
        assert_eq!(of("archive.sqlite"), "application/vnd.sqlite3");
        assert_eq!(of("LICENSE"), "application/octet-stream");
    }
}
