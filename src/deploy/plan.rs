//! What a deploy sends and deletes: the built files with their headers and content hashes,
//! compared with the manifest and listing of the target. Pure: no I/O but reading the output.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use md5::Digest;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::config::{DeployConfig, Glob};
use crate::compress::Encoding;
use crate::render::headers;

/// The manifest's name at the root of the target's prefix.
pub const MANIFEST: &str = ".dateline-deploy.json";

/// What the target holds, as the last deploy recorded it: per object, the hash of what was
/// sent (bytes and headers) and the size stored. Nothing else: no credentials, no host.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    pub files: BTreeMap<String, Sent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Sent {
    pub hash: String,
    pub size: u64,
}

/// The order in which files go out, so a page never links to something not yet there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Style sheets, scripts, pictures, search shards: what pages link to.
    Assets,
    /// Article pages.
    Articles,
    /// Front page, lists, index terms, feeds, sitemaps, the API and the search manifest.
    Lists,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Assets => "assets",
            Phase::Articles => "articles",
            Phase::Lists => "lists",
        }
    }
}

/// The headers an object is stored with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
    pub content_encoding: Option<&'static str>,
    /// Whether the target keeps headers with objects (a bucket does, a folder does not).
    pub stored: bool,
}

/// Where the bytes to send come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The file as built.
    File(PathBuf),
    /// The build's gzip twin of the file.
    Twin(PathBuf),
    /// The file, gzipped on the way (no twin was built).
    Gzip(PathBuf),
}

/// One file of the built archive, ready to compare.
#[derive(Debug, Clone)]
pub struct LocalFile {
    pub key: String,
    pub body: Body,
    pub headers: Headers,
    pub hash: String,
    pub phase: Phase,
}

/// How headers are chosen: matchers first, then the built-in rules.
pub struct Rules {
    matchers: Vec<(Glob, super::config::MatcherConfig)>,
    article: regex::Regex,
    /// Folder targets store no headers and are served by a web server that negotiates
    /// encodings itself, so `gzip` matchers do not apply to them.
    headers_stored: bool,
}

impl Rules {
    pub fn new(config: &DeployConfig, permalink: &str, headers_stored: bool) -> Rules {
        let matchers = config
            .matchers
            .iter()
            .filter_map(|m| Some((Glob::new(m.pattern.get_ref()).ok()?, m.clone())))
            .collect();
        Rules {
            matchers,
            article: article_pattern(permalink),
            headers_stored,
        }
    }

    /// The phase of `key`, a path inside the output.
    pub fn phase(&self, key: &str) -> Phase {
        let plain = Encoding::of_twin(key).map_or(key, |(_, original)| original);
        let name = plain.rsplit('/').next().unwrap_or(plain);
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        if ext == "html" {
            if self.article.is_match(plain) {
                Phase::Articles
            } else {
                Phase::Lists
            }
        } else if matches!(ext, "xml" | "rss" | "atom" | "sqlite" | "webmanifest")
            || name.starts_with("sitemap")
            || plain.starts_with("api/")
            || plain == "_headers"
            || (plain.starts_with("search-index/") && name.starts_with("manifest"))
        {
            Phase::Lists
        } else {
            Phase::Assets
        }
    }

    /// The headers and body of `key`, whose file is `path`; `twin` is its gzip twin, if built.
    fn headers(&self, key: &str, path: &Path, twin: Option<&Path>) -> (Headers, Body) {
        let matcher = self.matchers.iter().find(|(g, _)| g.matches(key)).map(|(_, m)| m);
        let content_type = matcher
            .and_then(|m| m.content_type.clone())
            .unwrap_or_else(|| crate::media_type::of(key).to_string());
        let cache_control = matcher.and_then(|m| m.cache_control.clone()).unwrap_or_else(|| {
            // Every asset keeps its name from build to build, like the theme's in `_headers`.
            let assets = if self.phase(key) == Phase::Assets {
                vec![key.to_string()]
            } else {
                Vec::new()
            };
            headers::cache_control(key, &assets).to_string()
        });
        let gzip = self.headers_stored && matcher.is_some_and(|m| m.gzip);
        let (body, content_encoding) = match (gzip, twin) {
            (true, Some(t)) => (Body::Twin(t.to_path_buf()), Some("gzip")),
            (true, None) => (Body::Gzip(path.to_path_buf()), Some("gzip")),
            (false, _) => (Body::File(path.to_path_buf()), None),
        };
        (
            Headers {
                content_type,
                cache_control,
                content_encoding,
                stored: self.headers_stored,
            },
            body,
        )
    }
}

/// Article pages' paths: the permalink with each `{…}` standing for one path segment's part.
fn article_pattern(permalink: &str) -> regex::Regex {
    let trimmed = permalink.trim_matches('/');
    let mut re = String::from("^");
    let mut rest = trimmed;
    while let Some(open) = rest.find('{') {
        re.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        re.push_str("[^/]+");
        rest = &rest[close..];
    }
    re.push_str(&regex::escape(rest));
    re.push_str("/index\\.html$");
    regex::Regex::new(&re).unwrap_or_else(|_| regex::Regex::new("^$").expect("a valid pattern"))
}

/// Every file under the built output (its marker aside), with headers and hashes.
pub fn scan(output: &Path, rules: &Rules) -> std::io::Result<Vec<LocalFile>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let key = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if key == crate::write::MARKER {
            continue;
        }
        paths.push((key, entry.into_path()));
    }
    let twins: HashMap<&str, &Path> = paths
        .iter()
        .filter_map(|(k, p)| Some((k.strip_suffix(".gz")?, p.as_path())))
        .collect();
    paths
        .par_iter()
        .map(|(key, path)| {
            let (headers, body) = rules.headers(key, path, twins.get(key.as_str()).copied());
            let bytes = std::fs::read(path)?;
            Ok(LocalFile {
                hash: hash(&bytes, &headers),
                key: object_key(key),
                body,
                phase: rules.phase(key),
                headers,
            })
        })
        .collect()
}

/// The object's name for a path of the output, as the store's listing will give it back: the
/// client escapes a few characters (`%`, `#`, `~`, …) that dateline's own paths never hold, and
/// comparing in its form keeps a static file so named from being sent and then deleted.
pub fn object_key(path: &str) -> String {
    object_store::path::Path::from(path).to_string()
}

/// The hash of what an object would be: the built file's bytes and the headers it goes with,
/// so changing a matcher re-sends the files it covers.
fn hash(bytes: &[u8], headers: &Headers) -> String {
    let mut h = md5::Md5::new();
    h.update(headers.content_type.as_bytes());
    h.update(b"\n");
    h.update(headers.cache_control.as_bytes());
    h.update(b"\n");
    h.update(headers.content_encoding.unwrap_or("identity").as_bytes());
    h.update(b"\n");
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a deploy will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// In the order they are sent: by phase, then by path.
    pub uploads: Vec<LocalFile>,
    /// Objects the target has that the archive no longer does.
    pub deletes: Vec<String>,
    pub unchanged: usize,
}

/// Compares the built files with the target's manifest and listing (key → stored size).
/// A file is unchanged only if the manifest has its hash and the listing still has the object
/// at the recorded size: an object lost or replaced behind the manifest's back is sent again.
pub fn plan(local: Vec<LocalFile>, manifest: &Manifest, listing: &HashMap<String, u64>) -> Plan {
    let mut out = Plan::default();
    let mut keys = std::collections::HashSet::new();
    for file in local {
        keys.insert(file.key.clone());
        let same = manifest
            .files
            .get(&file.key)
            .is_some_and(|sent| sent.hash == file.hash && listing.get(&file.key) == Some(&sent.size));
        if same {
            out.unchanged += 1;
        } else {
            out.uploads.push(file);
        }
    }
    out.uploads.sort_by(|a, b| (a.phase, &a.key).cmp(&(b.phase, &b.key)));
    out.deletes = listing
        .keys()
        .filter(|k| k.as_str() != MANIFEST && !keys.contains(k.as_str()))
        .cloned()
        .collect();
    out.deletes.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::new(&DeployConfig::default(), "/{year}/{month}/{day}/{slug}/", true)
    }

    fn file(key: &str, hash: &str) -> LocalFile {
        let rules = rules();
        let (headers, body) = rules.headers(key, Path::new(key), None);
        LocalFile {
            key: key.into(),
            body,
            headers,
            hash: hash.into(),
            phase: rules.phase(key),
        }
    }

    #[test]
    fn phases_put_assets_before_articles_before_lists() {
        let r = rules();
        assert_eq!(r.phase("style.css"), Phase::Assets);
        assert_eq!(r.phase("search-index/terms/3.bin"), Phase::Assets);
        assert_eq!(r.phase("photos/a.jpg"), Phase::Assets);
        assert_eq!(r.phase("2021/03/04/quay-fire/index.html"), Phase::Articles);
        assert_eq!(r.phase("2021/03/04/quay-fire/index.html.gz"), Phase::Articles);
        assert_eq!(r.phase("2021/03/index.html"), Phase::Lists);
        assert_eq!(r.phase("index.html"), Phase::Lists);
        assert_eq!(r.phase("feed.xml"), Phase::Lists);
        assert_eq!(r.phase("sitemap.xml"), Phase::Lists);
        assert_eq!(r.phase("api/articles/2021.json"), Phase::Lists);
        assert_eq!(r.phase("search-index/manifest.bin"), Phase::Lists);
    }

    #[test]
    fn plan_sends_new_changed_and_lost_files_in_phase_order_and_deletes_the_rest() {
        let manifest = Manifest {
            format: 1,
            files: [
                ("index.html", "a", 10),
                ("style.css", "b", 5),
                ("2021/01/02/x/index.html", "c", 7),
                ("gone.html", "d", 3),
            ]
            .into_iter()
            .map(|(k, h, s)| {
                (
                    k.to_string(),
                    Sent {
                        hash: h.into(),
                        size: s,
                    },
                )
            })
            .collect(),
        };
        let listing: HashMap<String, u64> = [("index.html", 10), ("style.css", 5), ("gone.html", 3), (MANIFEST, 1)]
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect();
        let local = vec![
            file("index.html", "a2"),             // changed
            file("style.css", "b"),               // unchanged
            file("2021/01/02/x/index.html", "c"), // in the manifest, missing from the listing
            file("new.js", "e"),                  // new
        ];
        let p = plan(local, &manifest, &listing);
        let keys: Vec<&str> = p.uploads.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["new.js", "2021/01/02/x/index.html", "index.html"]);
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.deletes, ["gone.html"]);
    }

    #[test]
    fn matchers_set_headers_and_gzip_and_change_the_hash() {
        let config: DeployConfig = toml::from_str(
            "[[matchers]]\npattern = \"*.html\"\ncache_control = \"max-age=60\"\ngzip = true\n[[matchers]]\npattern = \"**\"\ncache_control = \"max-age=5\"\n",
        )
        .unwrap();
        let r = Rules::new(&config, "/{slug}/", true);
        let (h, body) = r.headers(
            "a/index.html",
            Path::new("p/a/index.html"),
            Some(Path::new("p/a/index.html.gz")),
        );
        assert_eq!(h.cache_control, "max-age=60");
        assert_eq!(h.content_encoding, Some("gzip"));
        assert_eq!(body, Body::Twin("p/a/index.html.gz".into()));
        let (h2, _) = r.headers("style.css", Path::new("style.css"), None);
        assert_eq!((h2.cache_control.as_str(), h2.content_encoding), ("max-age=5", None));
        assert_ne!(hash(b"x", &h), hash(b"x", &h2));
        // A folder keeps files as they are: a web server in front of it negotiates encodings.
        let folder = Rules::new(&config, "/{slug}/", false);
        let (h3, body) = folder.headers(
            "a/index.html",
            Path::new("a/index.html"),
            Some(Path::new("a/index.html.gz")),
        );
        assert_eq!((h3.content_encoding, body), (None, Body::File("a/index.html".into())));
    }

    #[test]
    fn keys_are_compared_as_the_store_lists_them() {
        assert_eq!(object_key("2021/03/04/quay/index.html"), "2021/03/04/quay/index.html");
        let odd = object_key("files/report~1.pdf");
        assert_eq!(object_store::path::Path::parse(&odd).unwrap().to_string(), odd);
    }

    #[test]
    fn default_cache_rules_follow_the_headers_file() {
        let r = rules();
        let cc = |k: &str| r.headers(k, Path::new(k), None).0.cache_control;
        assert_eq!(cc("search-index/terms/1.bin"), headers::IMMUTABLE);
        assert_eq!(cc("style.css"), headers::ASSET);
        assert_eq!(cc("index.html"), headers::PAGE);
    }
}
