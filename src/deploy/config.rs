//! `[deploy]` in `site.toml`: where `dateline deploy` sends the archive and with which headers.
//!
//! Read with the rest of the configuration, so a bad target is reported with its line before
//! anything is built or sent. Credentials never belong here: keys that look like secrets are
//! refused with a pointer to the environment variables the storage clients read.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;

/// More deletions than this in one deploy need `--confirm`.
pub const DEFAULT_MAX_DELETES: usize = 256;

/// `[deploy]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DeployConfig {
    /// Where the archive can be sent; the first is the default.
    pub targets: Vec<TargetConfig>,
    /// Headers by path pattern; the first pattern that matches a file decides.
    pub matchers: Vec<MatcherConfig>,
    /// A deploy that would delete more objects than this stops unless `--confirm` is given.
    pub max_deletes: usize,
}

impl Default for DeployConfig {
    fn default() -> Self {
        DeployConfig {
            targets: Vec::new(),
            matchers: Vec::new(),
            max_deletes: DEFAULT_MAX_DELETES,
        }
    }
}

/// `[[deploy.targets]]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    pub name: String,
    /// `s3://bucket/prefix`, `gs://bucket/prefix`, `az://container/prefix` or
    /// `file:///absolute/folder`.
    pub url: Spanned<String>,
    /// The S3 region (default: `AWS_REGION`/`AWS_DEFAULT_REGION`, else `us-east-1`); S3 only.
    pub region: Option<String>,
    /// Another address for the store's API: an S3-compatible store (`http://127.0.0.1:9000`,
    /// a MinIO or R2 address), a Google Cloud Storage or Azure emulator or private endpoint.
    pub endpoint: Option<String>,
}

/// `[[deploy.matchers]]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MatcherConfig {
    /// A glob over paths inside the output: `*` within a folder, `**` across folders,
    /// `{a,b}` alternatives. A pattern without `/` matches the file name in any folder.
    pub pattern: Spanned<String>,
    pub cache_control: Option<String>,
    pub content_type: Option<String>,
    /// Send the file gzipped (its `.gz` twin when the build wrote one) with
    /// `Content-Encoding: gzip`, for stores that cannot choose an encoding per request.
    #[serde(default)]
    pub gzip: bool,
}

/// Where a target lives, as its URL says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A bucket (an Azure container) of an object store, and the prefix its objects go under.
    Bucket {
        service: Service,
        bucket: String,
        prefix: String,
    },
    Folder(std::path::PathBuf),
}

/// The object stores a target URL can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// `s3://`: Amazon S3 and S3-compatible stores (MinIO, R2, …).
    S3,
    /// `gs://`: Google Cloud Storage.
    Gcs,
    /// `az://`: Azure Blob Storage; the URL names a container, the account comes from
    /// `AZURE_STORAGE_ACCOUNT_NAME`.
    Azure,
}

impl TargetConfig {
    /// The target's location, or why its URL cannot be used.
    pub fn location(&self) -> Result<Location, String> {
        parse_url(self.url.get_ref())
    }
}

/// Parses a target URL.
pub fn parse_url(url: &str) -> Result<Location, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| {
            format!("`{url}` is not a URL (expected s3://bucket/prefix, gs://bucket/prefix, az://container/prefix or file:///folder)")
        })?;
    let service = match scheme {
        "s3" => Service::S3,
        "gs" => Service::Gcs,
        "az" | "azure" => Service::Azure,
        "file" => return folder(url, rest),
        other => return Err(format!("unknown target scheme `{other}://` in `{url}`")),
    };
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        let what = if service == Service::Azure {
            "container"
        } else {
            "bucket"
        };
        return Err(format!("`{url}` names no {what}"));
    }
    if rest.contains('?') || rest.contains('#') {
        return Err(format!(
            "`{url}` has a query or fragment; give region and endpoint as keys"
        ));
    }
    let prefix = prefix.trim_matches('/');
    if prefix.split('/').any(|s| s == "." || s == "..") {
        return Err(format!("`{url}` has `.` or `..` in its prefix"));
    }
    Ok(Location::Bucket {
        service,
        bucket: bucket.to_string(),
        prefix: prefix.to_string(),
    })
}

/// A `file://` target: an absolute folder.
fn folder(url: &str, rest: &str) -> Result<Location, String> {
    if !rest.starts_with('/') {
        return Err(format!(
            "`{url}` is not an absolute folder (write file:///path, with three slashes)"
        ));
    }
    Ok(Location::Folder(std::path::PathBuf::from(rest)))
}

impl DeployConfig {
    /// Checks every target's URL and name and every matcher's pattern.
    pub fn validate(&self, text: &str, file: &Path) -> Result<(), Diagnostic> {
        let mut names = std::collections::HashSet::new();
        for target in &self.targets {
            let at = |d: Diagnostic| d.at_span(text, target.url.span());
            let location = target.location().map_err(|problem| {
                at(Diagnostic::error(
                    file,
                    format!("`[[deploy.targets]]` `{}`: {problem}", target.name),
                ))
                .with_help("write url = \"s3://bucket/prefix\" (with endpoint = \"…\" for an S3-compatible store), \"gs://bucket/prefix\", \"az://container/prefix\" or \"file:///srv/archive\"")
            })?;
            let s3 = matches!(
                location,
                Location::Bucket {
                    service: Service::S3,
                    ..
                }
            );
            let bucket = matches!(location, Location::Bucket { .. });
            for (key, given, allowed) in [
                ("region", target.region.is_some(), s3),
                ("endpoint", target.endpoint.is_some(), bucket),
            ] {
                if given && !allowed {
                    return Err(at(Diagnostic::error(
                        file,
                        format!(
                            "`[[deploy.targets]]` `{}`: `{key}` does not apply to `{}`",
                            target.name,
                            target.url.get_ref()
                        ),
                    ))
                    .with_help(if key == "region" {
                        "remove it: only s3:// targets have a region"
                    } else {
                        "remove it: a file:// target is a folder, reached without an endpoint"
                    }));
                }
            }
            if target.name.trim().is_empty() || !names.insert(target.name.as_str()) {
                return Err(at(Diagnostic::error(
                    file,
                    format!("`[[deploy.targets]]` name `{}` is empty or used twice", target.name),
                ))
                .with_help("give every target its own name; `dateline deploy NAME` picks one"));
            }
            if let Some(endpoint) = &target.endpoint
                && !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
            {
                return Err(at(Diagnostic::error(
                    file,
                    format!(
                        "`[[deploy.targets]]` `{}`: endpoint `{endpoint}` is not an http(s) address",
                        target.name
                    ),
                ))
                .with_help("for example endpoint = \"https://s3.example.net\""));
            }
        }
        for matcher in &self.matchers {
            if let Err(problem) = Glob::new(matcher.pattern.get_ref()) {
                return Err(Diagnostic::error(
                    file,
                    format!(
                        "`[[deploy.matchers]]` pattern `{}`: {problem}",
                        matcher.pattern.get_ref()
                    ),
                )
                .at_span(text, matcher.pattern.span())
                .with_help("patterns are globs such as \"*.css\", \"search-index/**\" or \"*.{png,jpg}\""));
            }
            for value in [&matcher.cache_control, &matcher.content_type].into_iter().flatten() {
                if value.chars().any(|c| c.is_control()) {
                    return Err(Diagnostic::error(
                        file,
                        "a header value in `[[deploy.matchers]]` has a control character",
                    )
                    .at_span(text, matcher.pattern.span())
                    .with_help("header values are one line of plain text"));
                }
            }
        }
        Ok(())
    }

    /// The target called `name`, or the first one.
    pub fn target(&self, name: Option<&str>) -> Result<&TargetConfig, String> {
        match name {
            None => self.targets.first().ok_or_else(|| {
                "site.toml has no [[deploy.targets]]: add one with a name and a url (s3://bucket/prefix, gs://bucket/prefix, az://container/prefix or file:///folder)".to_string()
            }),
            Some(n) => self.targets.iter().find(|t| t.name == n).ok_or_else(|| {
                let known: Vec<&str> = self.targets.iter().map(|t| t.name.as_str()).collect();
                format!(
                    "no deploy target named `{n}` in site.toml (targets: {})",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                )
            }),
        }
    }
}

/// Key names that hold credentials; none may appear in `[deploy]`.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "password",
    "passwd",
    "token",
    "access_key",
    "credential",
    "session_key",
];

/// Refuses secret-looking keys in `[deploy]` tables with their line, before the file is read
/// as settings (which would only call them unknown keys).
pub fn check_no_secrets(text: &str, file: &Path) -> Result<(), Diagnostic> {
    let mut in_deploy = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let table = t.trim_matches(|c| c == '[' || c == ']').trim();
            in_deploy = table == "deploy" || table.starts_with("deploy.");
            continue;
        }
        let Some((key, _)) = t.split_once('=') else { continue };
        let key = key.trim().trim_matches('"').to_ascii_lowercase();
        let dotted_deploy = key.starts_with("deploy.");
        if (in_deploy || dotted_deploy) && SECRET_WORDS.iter().any(|w| key.contains(w)) {
            return Err(Diagnostic::error(file, format!("`{key}` looks like a credential, and site.toml is no place for one"))
                .at_line(text, i + 1)
                .with_help("remove it and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE with ~/.aws/credentials) in the environment that runs `dateline deploy`"));
        }
    }
    Ok(())
}

/// A compiled path glob.
#[derive(Debug, Clone)]
pub struct Glob(regex::Regex);

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let pattern = pattern.trim_start_matches('/');
        if pattern.is_empty() {
            return Err("the pattern is empty".into());
        }
        let mut re = String::from("^");
        if !pattern.contains('/') {
            re.push_str("(?:.*/)?");
        }
        let mut chars = pattern.chars().peekable();
        let mut in_braces = false;
        while let Some(c) = chars.next() {
            match c {
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                    if chars.peek() == Some(&'/') {
                        chars.next();
                        re.push_str("(?:.*/)?");
                    } else {
                        re.push_str(".*");
                    }
                }
                '*' => re.push_str("[^/]*"),
                '?' => re.push_str("[^/]"),
                '{' if !in_braces => {
                    in_braces = true;
                    re.push_str("(?:");
                }
                '}' if in_braces => {
                    in_braces = false;
                    re.push(')');
                }
                ',' if in_braces => re.push('|'),
                '{' | '}' => return Err("braces `{…}` do not nest and must be closed".into()),
                c => re.push_str(&regex::escape(&c.to_string())),
            }
        }
        if in_braces {
            return Err("a `{` is never closed".into());
        }
        re.push('$');
        regex::Regex::new(&re).map(Glob).map_err(|e| e.to_string())
    }

    /// Whether `path` (inside the output, no leading `/`) matches.
    pub fn matches(&self, path: &str) -> bool {
        self.0.is_match(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        SiteConfig::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn globs_match_names_anywhere_and_paths_from_the_root() {
        let g = |p: &str| Glob::new(p).unwrap();
        assert!(g("*.css").matches("style.css"));
        assert!(g("*.css").matches("theme/dark.css"));
        assert!(!g("*.css").matches("style.css.gz"));
        assert!(g("search-index/**").matches("search-index/terms/3.bin"));
        assert!(!g("search-index/*").matches("search-index/terms/3.bin"));
        assert!(g("**/index.html").matches("index.html"));
        assert!(g("**/index.html").matches("2021/03/04/quay/index.html"));
        assert!(g("*.{png,jpg}").matches("photos/a.jpg"));
        assert!(!g("*.{png,jpg}").matches("photos/a.gif"));
        assert!(Glob::new("*.{png").is_err());
    }

    #[test]
    fn urls_give_locations_or_reasons() {
        assert_eq!(
            parse_url("s3://bucket/a/b/").unwrap(),
            Location::Bucket {
                service: Service::S3,
                bucket: "bucket".into(),
                prefix: "a/b".into()
            }
        );
        assert_eq!(
            parse_url("s3://bucket").unwrap(),
            Location::Bucket {
                service: Service::S3,
                bucket: "bucket".into(),
                prefix: String::new()
            }
        );
        assert_eq!(
            parse_url("file:///srv/www").unwrap(),
            Location::Folder("/srv/www".into())
        );
        assert!(parse_url("file://srv/www").is_err());
        assert_eq!(
            parse_url("gs://bucket/news/").unwrap(),
            Location::Bucket {
                service: Service::Gcs,
                bucket: "bucket".into(),
                prefix: "news".into()
            }
        );
        assert_eq!(
            parse_url("az://container").unwrap(),
            Location::Bucket {
                service: Service::Azure,
                bucket: "container".into(),
                prefix: String::new()
            }
        );
        assert!(parse_url("az:///x").unwrap_err().contains("names no container"));
        assert!(parse_url("gs://").unwrap_err().contains("names no bucket"));
        assert!(parse_url("ftp://host").unwrap_err().contains("unknown target scheme"));
        assert!(parse_url("s3://b/../x").is_err());
    }

    #[test]
    fn a_bad_target_is_reported_at_its_url_line() {
        let e = parse("title = \"T\"\n\n[[deploy.targets]]\nname = \"live\"\nurl = \"s3://ok/x\"\n\n[[deploy.targets]]\nname = \"gcs\"\nurl = \"gs://bucket/x\"\nregion = \"eu\"\n").unwrap_err();
        assert_eq!(e.line, 9, "{}", e.message);
        assert!(e.message.contains("gcs"), "{}", e.message);
        assert!(e.message.contains("`region` does not apply"), "{}", e.message);
    }

    #[test]
    fn secrets_are_refused_with_their_line() {
        let e = parse("[[deploy.targets]]\nname = \"live\"\nurl = \"s3://b\"\naws_secret_access_key = \"abc\"\n")
            .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("credential"), "{}", e.message);
        // Outside [deploy] the same word is the site's own business (a template value).
        assert!(parse("[extra]\ntoken_colour = \"red\"\n").is_ok());
    }

    #[test]
    fn targets_and_matchers_read_with_defaults() {
        let c = parse("[deploy]\nmax_deletes = 3\n[[deploy.targets]]\nname = \"live\"\nurl = \"s3://b/p\"\nendpoint = \"http://127.0.0.1:9\"\n[[deploy.matchers]]\npattern = \"*.css\"\ncache_control = \"max-age=60\"\ngzip = true\n").unwrap();
        assert_eq!(c.deploy.max_deletes, 3);
        assert_eq!(c.deploy.target(None).unwrap().name, "live");
        assert!(c.deploy.target(Some("nope")).unwrap_err().contains("live"));
        assert!(c.deploy.matchers[0].gzip);
        assert_eq!(parse("").unwrap().deploy.max_deletes, DEFAULT_MAX_DELETES);
        let e = parse("[[deploy.matchers]]\npattern = \"*.{a\"\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
