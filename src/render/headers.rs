//! `_headers`: the response headers Netlify and Cloudflare Pages add by path, and the cache
//! rules that `dateline deploy` gives objects by default.
//!
//! Only the search index's term shards and article files are safe to keep for a year: the
//! search page always fetches them with the build's hash in the query (`?v=HASH`), so a new
//! build is a new URL. Every other file keeps its name from build to build (pages, feeds,
//! `style.css`, pictures), so it is cached briefly and revalidated. Both hosts join the values
//! of a header that several rules set, so no rule overlaps another on `Cache-Control`, and
//! pages keep the hosts' default (revalidate every time), which is what a corrected article
//! needs.

use crate::write::OutputFile;

/// Never changes under its URL: a year, and never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Keeps its name when it changes: an hour, then revalidated.
pub const ASSET: &str = "public, max-age=3600";
/// Pages, feeds, the API and the search manifest: always revalidated.
pub const PAGE: &str = "public, max-age=0, must-revalidate";

/// The `Cache-Control` of a path inside the output (no leading `/`), and the `_headers`
/// pattern that gives it. Static assets are named by the theme, so they are matched by path.
pub fn cache_control(path: &str, assets: &[String]) -> &'static str {
    if path.starts_with("search-index/terms/") || path.starts_with("search-index/docs/") {
        IMMUTABLE
    } else if assets.iter().any(|a| a == path) {
        ASSET
    } else {
        PAGE
    }
}

/// `_headers`, for the static assets (`assets`, output paths) of this build.
pub fn file(assets: &[String]) -> OutputFile {
    let mut text = String::from(
        "# Response headers for Netlify and Cloudflare Pages, written by dateline build.\n\
         # Pages keep the host's default caching (revalidated on every visit).\n\
         /*\n  X-Content-Type-Options: nosniff\n",
    );
    for dir in ["search-index/terms", "search-index/docs"] {
        text.push_str(&format!("/{dir}/*\n  Cache-Control: {IMMUTABLE}\n"));
    }
    let mut assets: Vec<&String> = assets.iter().collect();
    assets.sort();
    for asset in assets {
        text.push_str(&format!("/{asset}\n  Cache-Control: {ASSET}\n"));
    }
    OutputFile::bytes("_headers", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_search_files_are_immutable() {
        let assets = vec!["style.css".to_string(), "search.js".to_string()];
        for (path, rule) in [
            ("search-index/terms/3.bin", IMMUTABLE),
            ("search-index/docs/120.bin", IMMUTABLE),
            ("search-index/manifest.bin", PAGE),
            ("style.css", ASSET),
            ("search.js", ASSET),
            ("index.html", PAGE),
            ("2021/03/04/quay/index.html", PAGE),
            ("feed.xml", PAGE),
        ] {
            assert_eq!(cache_control(path, &assets), rule, "{path}");
        }
    }

    #[test]
    fn headers_file_lists_rules_that_never_overlap() {
        let file = file(&["style.css".into(), "dateline.js".into()]);
        let crate::write::Content::Bytes(bytes) = file.content else {
            panic!()
        };
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(file.path, "_headers");
        assert!(text.contains("/search-index/docs/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(text.contains("/dateline.js\n  Cache-Control: public, max-age=3600\n"));
        // The catch-all sets no Cache-Control, which the hosts would join with the others'.
        let catch_all = text.split("/*\n").nth(1).unwrap().lines().next().unwrap();
        assert!(!catch_all.contains("Cache-Control"));
    }
}
