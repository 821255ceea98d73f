//! `site.toml`: the archive's settings, with defaults that make a file holding only a title work.
//!
//! The file is deserialised into `SiteConfig` with unknown keys denied, so a typo is reported
//! with its line and the closest valid key instead of being silently ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, from_toml, line_of_key};
use crate::model::IndexKind;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// Everything `site.toml` can say.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL the archive is published at; used for feeds, sitemaps and canonical links.
    pub base_url: String,
    /// BCP 47 language tag of the archive.
    pub language: String,
    /// IANA time zone in which article dates are read and shown.
    pub timezone: String,
    /// Where `build` writes the archive, relative to the site root.
    pub output_dir: PathBuf,
    /// Article URL pattern with `{year}`, `{month}`, `{day}` and `{slug}`.
    pub permalink: String,
    /// Articles per list page (front page, date archive, index terms).
    pub paginate_by: usize,
    /// Let raw HTML in articles through unsanitised.
    pub unsafe_html: bool,
    pub markdown: MarkdownConfig,
    pub indexes: IndexesConfig,
    pub feeds: FeedsConfig,
    pub sitemap: SitemapConfig,
    pub search: SearchConfig,
    pub extract: ExtractConfig,
    pub serve: ServeConfig,
    pub metadata: MetadataConfig,
    pub build: BuildConfig,
    pub api: ApiConfig,
    pub images: ImagesConfig,
    pub deploy: crate::deploy::config::DeployConfig,
    /// Free-form values for templates (`config.extra`).
    pub extra: toml::Table,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "News archive".into(),
            description: String::new(),
            base_url: "http://127.0.0.1:1111/".into(),
            language: "en".into(),
            timezone: "UTC".into(),
            output_dir: PathBuf::from("public"),
            permalink: "/{year}/{month}/{day}/{slug}/".into(),
            paginate_by: 20,
            unsafe_html: false,
            markdown: MarkdownConfig::default(),
            indexes: IndexesConfig::default(),
            feeds: FeedsConfig::default(),
            sitemap: SitemapConfig::default(),
            search: SearchConfig::default(),
            extract: ExtractConfig::default(),
            serve: ServeConfig::default(),
            metadata: MetadataConfig::default(),
            build: BuildConfig::default(),
            api: ApiConfig::default(),
            images: ImagesConfig::default(),
            deploy: crate::deploy::config::DeployConfig::default(),
            extra: toml::Table::new(),
        }
    }
}

/// `[markdown]`: how article bodies are rendered.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Curly quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// syntect theme for code in the light colour scheme.
    pub highlight_theme: String,
    /// syntect theme for code in the dark colour scheme.
    pub highlight_theme_dark: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
        }
    }
}

/// `[indexes]`: one table per index of the archive.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct IndexesConfig {
    pub people: IndexConfig,
    pub places: IndexConfig,
    pub organizations: IndexConfig,
    pub photographers: IndexConfig,
    pub agencies: IndexConfig,
    pub tags: IndexConfig,
    pub authors: IndexConfig,
}

impl IndexesConfig {
    /// The table of one index.
    pub fn get(&self, kind: IndexKind) -> &IndexConfig {
        match kind {
            IndexKind::People => &self.people,
            IndexKind::Places => &self.places,
            IndexKind::Organizations => &self.organizations,
            IndexKind::Photographers => &self.photographers,
            IndexKind::Agencies => &self.agencies,
            IndexKind::Tags => &self.tags,
            IndexKind::Authors => &self.authors,
        }
    }

    /// A `[indexes.people]` table need not repeat the defaults it does not change.
    fn fill_defaults(&mut self) {
        let defaults = IndexesConfig::default();
        for (index, default) in [
            (&mut self.people, defaults.people),
            (&mut self.places, defaults.places),
            (&mut self.organizations, defaults.organizations),
            (&mut self.photographers, defaults.photographers),
            (&mut self.agencies, defaults.agencies),
            (&mut self.tags, defaults.tags),
            (&mut self.authors, defaults.authors),
        ] {
            if index.path.is_empty() {
                index.path = default.path;
            }
            if index.title.is_empty() {
                index.title = default.title;
            }
        }
    }
}

impl Default for IndexesConfig {
    fn default() -> Self {
        let index = |path: &str, title: &str| IndexConfig {
            enabled: true,
            path: path.into(),
            title: title.into(),
            paginate_by: None,
        };
        IndexesConfig {
            people: index("people", "People"),
            places: index("places", "Places"),
            organizations: index("organizations", "Organisations"),
            photographers: index("photographers", "Photographers"),
            agencies: index("agencies", "Agencies"),
            tags: index("tags", "Tags"),
            authors: index("authors", "Authors"),
        }
    }
}

/// One index: whether it exists, its URL root and its page size.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndexConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Empty in a table that leaves it out; filled with the index's default after loading.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub title: String,
    /// Overrides the site's `paginate_by` for term pages of this index.
    #[serde(default)]
    pub paginate_by: Option<usize>,
}

fn yes() -> bool {
    true
}

/// `[feeds]`: Atom feeds.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FeedsConfig {
    pub enabled: bool,
    /// Entries per feed.
    pub limit: usize,
    /// A feed per index term as well as the archive-wide one.
    pub per_term: bool,
    /// The tagging entity of feed ids (RFC 4151): a domain or e-mail address the archive's
    /// owner held, and a date they held it — `"archive.example.org,2025"`. Left out, it is the
    /// host of `base_url` as `site.toml` gives it, with [`DEFAULT_ID_YEAR`]; set it before the
    /// archive moves so ids survive the move.
    pub id_authority: Option<String>,
}

/// Whether `url` can be the address an archive is published at: an absolute http(s) URL with
/// a host and a plain path. It is written into every page, feed and sitemap, so anything that
/// is not a plain address is refused here rather than escaped differently in each: spaces and
/// characters that are not allowed in a URL, a query or fragment (page addresses are appended
/// to it), credentials (they would be published), and `.`/`..` segments (the address would
/// not be where the archive is). The error says what is wrong, to follow "`base_url` ".
pub fn check_base_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return Err(format!("must be an absolute http(s) URL, not `{url}`"));
    };
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "must not contain spaces or control characters (found {c:?} in `{url}`)"
        ));
    }
    if let Some(c) = url
        .chars()
        .find(|c| matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'))
    {
        return Err(format!(
            "must not contain `{c}`, which is not allowed in a URL (in `{url}`)"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!("must not have a query (`?…`) or fragment (`#…`): `{url}`"));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(format!(
            "must not contain a user name or password (`user@`): `{url}` would publish them"
        ));
    }
    if authority.is_empty() || authority.starts_with(':') {
        return Err(format!("needs a host name after `://`, not `{url}`"));
    }
    let dots = path
        .split('/')
        .map(|s| s.to_ascii_lowercase().replace("%2e", "."))
        .any(|s| s == "." || s == "..");
    if dots {
        return Err(format!("must not contain `.` or `..` path segments: `{url}`"));
    }
    Ok(())
}

/// The date of a tagging entity derived from `base_url`: fixed, so that ids never depend on
/// when or what was built.
pub const DEFAULT_ID_YEAR: &str = "2000";

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            enabled: true,
            limit: 20,
            per_term: true,
            id_authority: None,
        }
    }
}

impl FeedsConfig {
    /// The tagging entity of feed ids; always set once `site.toml` has been read.
    pub fn id_authority(&self) -> &str {
        self.id_authority.as_deref().unwrap_or("localhost,2000")
    }
}

/// The 1-based line of `key = …` inside `[table]`, or 0.
fn line_in_table(text: &str, table: &str, key: &str) -> usize {
    let header = format!("[{table}]");
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            inside = t == header;
        } else if inside
            && let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return i + 1;
        }
    }
    0
}

/// Whether `s` is an RFC 4151 tagging entity: `DNSNAME,DATE` or `EMAIL,DATE`, the date
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_tagging_entity(s: &str) -> bool {
    let Some((name, date)) = s.rsplit_once(',') else {
        return false;
    };
    let dns = |n: &str| {
        !n.is_empty()
            && n.split('.').all(|c| {
                !c.is_empty()
                    && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !c.starts_with('-')
                    && !c.ends_with('-')
            })
    };
    let name_ok = match name.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && local.bytes().all(|b| b.is_ascii_graphic() && !b"@,:/<>\"".contains(&b)) && dns(domain)
        }
        None => dns(name),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts.get(1).is_none_or(|m| matches!(m.parse::<u8>(), Ok(1..=12)))
        && parts.get(2).is_none_or(|d| matches!(d.parse::<u8>(), Ok(1..=31)));
    name_ok && date_ok
}

/// `[metadata]`: what structured data and sharing cards say about the archive and its
/// pictures beyond what the articles themselves carry.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MetadataConfig {
    /// The picture of an article that has none of its own, and of every other page's sharing
    /// card: Google shows articles in its news surfaces only with an image.
    pub image: Option<ImageConfig>,
    /// The publisher's logo, for `NewsArticle.publisher` and the front page's `Organization`.
    pub logo: Option<ImageConfig>,
    /// The licence of the archive's pictures (a URL), unless a figure says otherwise.
    pub image_license: Option<String>,
    /// Where a reader can obtain a licence to reuse a picture (a URL or site path).
    pub acquire_license_page: Option<String>,
    /// The copyright notice of the archive's pictures ("© 2025 The Dateline Morgue").
    pub copyright_notice: Option<String>,
    /// The Open Graph locale (`en_GB`); left out, it is derived from `language`.
    pub locale: Option<String>,
}

/// A picture named in `site.toml`, with its size in pixels: structured data and sharing cards
/// need the size, and reading it from the file would make the configuration depend on the disk.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImageConfig {
    /// A site path (`/share.png`, a file in `static/`) or an absolute URL.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// What the picture shows, for `og:image:alt`; left out, the site's title.
    #[serde(default)]
    pub alt: Option<String>,
}

/// `[sitemap]`: sitemaps and `robots.txt`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SitemapConfig {
    pub enabled: bool,
    /// How many of the newest articles go into the news sitemap.
    pub news_limit: usize,
}

impl Default for SitemapConfig {
    fn default() -> Self {
        SitemapConfig {
            enabled: true,
            news_limit: 1000,
        }
    }
}

/// `[search]`: the static full-text search index.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

/// `[extract]`: metadata extraction.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// The entity registry, relative to the site root.
    pub registry: PathBuf,
    /// Link entity mentions in article bodies to their index pages.
    pub link_mentions: bool,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            registry: PathBuf::from("data/entities.toml"),
            link_mentions: true,
        }
    }
}

/// `[serve]`: the preview server.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServeConfig {
    pub interface: String,
    pub port: u16,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            interface: "127.0.0.1".into(),
            port: 1111,
        }
    }
}

/// `[build]`: how the written archive will be browsed and served.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct BuildConfig {
    /// Write every link to a folder as a link to its `index.html`, for an archive opened
    /// straight from disk (`file://`), where a folder link shows a directory listing instead
    /// of the page. `dateline build --local` turns it on for one build.
    pub local_links: bool,
    /// Write `.gz` and/or `.br` twins beside the text files, for servers that send stored
    /// compressed files. Off by default: Brotli at its highest level is slow, and a host that
    /// compresses on its own (Netlify, Cloudflare Pages, GitHub Pages) has no use for them.
    pub precompress: Vec<crate::compress::Encoding>,
    /// Write `_headers`, the cache rules Netlify and Cloudflare Pages read.
    pub headers: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            local_links: false,
            precompress: Vec::new(),
            headers: true,
        }
    }
}

/// `[api]`: the archive as data.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ApiConfig {
    /// Write `archive.sqlite`: every article and what extraction found, with a full-text index.
    pub sqlite: bool,
    /// Split the article list into `api/articles/YEAR.json` files under an index
    /// `api/articles.json`; off, `api/articles.json` lists every article in one file.
    pub split: bool,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            sqlite: true,
            split: true,
        }
    }
}

/// `[images]`: the smaller copies of a bundle's pictures that pages show.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(default, deny_unknown_fields)]
pub struct ImagesConfig {
    /// Make derivatives at all; off, pages show the original files.
    pub derivatives: bool,
    /// The widths in pixels to make; a picture is never enlarged, so a narrow one gets fewer.
    pub widths: Vec<u32>,
    /// Keep the GPS position in derivatives. Off by default: a picture's position can endanger
    /// a source or a photographer, and pages seldom need it.
    pub keep_gps: bool,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            derivatives: true,
            widths: vec![480, 960, 1600],
            keep_gps: false,
        }
    }
}

/// The narrowest and widest derivative `[images] widths` may ask for.
pub const DERIVATIVE_WIDTHS: std::ops::RangeInclusive<u32> = 16..=8192;

impl SiteConfig {
    /// Reads `site.toml` from the site root; a missing file means all defaults.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let file = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => SiteConfig::parse(&text, Path::new(CONFIG_FILE)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut config = SiteConfig::default();
                config.fill_id_authority();
                Ok(config)
            }
            Err(e) => Err(
                Diagnostic::error(CONFIG_FILE, format!("cannot read the site configuration: {e}"))
                    .with_help("check the file's permissions, and that it is UTF-8 text"),
            ),
        }
    }

    /// Parses and validates the text of `site.toml`.
    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Diagnostic> {
        crate::deploy::config::check_no_secrets(text, file)?;
        let mut config: SiteConfig = from_toml(text, file)?;
        config.indexes.fill_defaults();
        config.validate(text, file)?;
        config.fill_id_authority();
        Ok(config)
    }

    fn validate(&self, text: &str, file: &Path) -> Result<(), Diagnostic> {
        let at = |key: &str, message: String, help: &str| {
            let line = line_of_key(text, key);
            let d = Diagnostic::error(file, message).with_help(help);
            if line > 0 { d.at_line(text, line) } else { d }
        };
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            return Err(at(
                "timezone",
                format!("unknown time zone `{}`", self.timezone),
                "use an IANA time zone name such as \"UTC\", \"Europe/London\" or \"America/New_York\"",
            ));
        }
        if let Err(problem) = check_base_url(&self.base_url) {
            return Err(at(
                "base_url",
                format!("`base_url` {problem}"),
                "write the address the archive is published at, e.g. \"https://archive.example.org/\" or \"https://example.org/archive/\"",
            ));
        }
        if let Err(problem) = check_permalink(&self.permalink) {
            return Err(at(
                "permalink",
                format!("invalid `permalink` `{}`: {problem}", self.permalink),
                "use a pattern like \"/{year}/{month}/{day}/{slug}/\" that starts and ends with `/` and contains {slug}",
            ));
        }
        if let Some(a) = &self.feeds.id_authority
            && !is_tagging_entity(a)
        {
            let d = Diagnostic::error(
                file,
                format!("`[feeds] id_authority` must be a domain or e-mail address and a date, not `{a}`"),
            )
            .with_help(
                "write a domain you own and a date you owned it, e.g. id_authority = \"archive.example.org,2025\"",
            );
            let line = line_in_table(text, "feeds", "id_authority");
            return Err(if line > 0 { d.at_line(text, line) } else { d });
        }
        if let Some(w) = self.images.widths.iter().find(|w| !DERIVATIVE_WIDTHS.contains(w)) {
            let d = Diagnostic::error(
                file,
                format!(
                    "`[images] widths` holds {w}, outside {}–{} pixels",
                    DERIVATIVE_WIDTHS.start(),
                    DERIVATIVE_WIDTHS.end()
                ),
            )
            .with_help("list the widths pages need, e.g. widths = [480, 960, 1600]");
            let line = line_in_table(text, "images", "widths");
            return Err(if line > 0 { d.at_line(text, line) } else { d });
        }
        for (key, image) in [("image", &self.metadata.image), ("logo", &self.metadata.logo)] {
            let Some(image) = image else { continue };
            if image.src.trim().is_empty() || image.width == 0 || image.height == 0 {
                let d = Diagnostic::error(
                    file,
                    format!("`[metadata] {key}` needs a `src` and a `width` and `height` in pixels above 0"),
                )
                .with_help(format!(
                    "for example {key} = {{ src = \"/share.png\", width = 1200, height = 630 }}"
                ));
                let line = line_in_table(text, "metadata", key);
                return Err(if line > 0 { d.at_line(text, line) } else { d });
            }
        }
        if self.paginate_by == 0 {
            return Err(at(
                "paginate_by",
                "`paginate_by` must be at least 1".into(),
                "set it to the number of articles per list page, e.g. 20",
            ));
        }
        if self.output_dir.as_os_str().is_empty() {
            return Err(at(
                "output_dir",
                "`output_dir` must name a folder".into(),
                "for example output_dir = \"public\"",
            ));
        }
        self.deploy.validate(text, file)?;
        Ok(())
    }

    /// Fixes the feeds' tagging entity from `base_url` as `site.toml` gives it, before any
    /// `--base-url` override, so a preview or staging build mints the same ids.
    /// `[metadata]` pictures named by a site path that no file of the site provides: every
    /// article's structured data and sharing card would point at a missing picture. `exists`
    /// answers for an output path without its leading `/` ("share.png"); `root` is the site
    /// folder, read again only to name the line.
    pub fn missing_metadata_images(&self, root: &Path, exists: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        [("image", &self.metadata.image), ("logo", &self.metadata.logo)]
            .into_iter()
            .filter_map(|(key, image)| Some((key, image.as_ref()?)))
            .filter(|(_, image)| {
                let src = image.src.trim();
                src.starts_with('/') && !src.starts_with("//") && !exists(src.trim_start_matches('/'))
            })
            .map(|(key, image)| {
                let d = Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "`[metadata] {key}` names `{}`, which no file of the site provides",
                        image.src.trim()
                    ),
                )
                .with_help(format!(
                    "put the picture at static{} or give its full URL",
                    image.src.trim()
                ));
                let line = line_in_table(&text, "metadata", key);
                if line > 0 { d.at_line(&text, line) } else { d }
            })
            .collect()
    }

    fn fill_id_authority(&mut self) {
        if self.feeds.id_authority.is_none() {
            let rest = self.base_url.split_once("://").map_or("", |(_, r)| r);
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host);
            let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
            let authority = format!("{host},{DEFAULT_ID_YEAR}");
            // An IPv6 literal or other odd host names no domain: fall back to `localhost`.
            self.feeds.id_authority = Some(if is_tagging_entity(&authority) {
                authority
            } else {
                format!("localhost,{DEFAULT_ID_YEAR}")
            });
        }
    }

    /// The configuration of one index.
    pub fn index_config(&self, kind: IndexKind) -> &IndexConfig {
        self.indexes.get(kind)
    }

    /// Whether an index is switched on.
    pub fn index_enabled(&self, kind: IndexKind) -> bool {
        self.index_config(kind).enabled
    }

    /// The indexes switched on, in the order of [`IndexKind::ALL`].
    pub fn enabled_indexes(&self) -> Vec<IndexKind> {
        IndexKind::ALL.into_iter().filter(|k| self.index_enabled(*k)).collect()
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of `base_url` ("/" or "/archive/"), for pages that cannot use relative links.
    pub fn base_path(&self) -> String {
        let rest = self.base_url.split_once("://").map_or("", |(_, r)| r);
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// Absolute URL of a site path ("/2021/" → "https://example.org/2021/").
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base(), path.trim_start_matches('/'))
    }

    /// A site path made absolute; an absolute URL as it is.
    pub fn absolute_url(&self, path_or_url: &str) -> String {
        if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            path_or_url.to_string()
        } else {
            self.absolute(path_or_url)
        }
    }

    /// The Open Graph locale: `[metadata] locale`, else `language` with its region joined by
    /// an underscore (`en-GB` → `en_GB`), as Open Graph writes locales.
    pub fn og_locale(&self) -> String {
        if let Some(l) = &self.metadata.locale {
            return l.clone();
        }
        let mut parts = self.language.split(['-', '_']);
        let lang = parts.next().unwrap_or("en").to_ascii_lowercase();
        match parts.next() {
            Some(region) if region.len() == 2 => format!("{lang}_{}", region.to_ascii_uppercase()),
            _ => lang,
        }
    }
}

fn check_permalink(p: &str) -> Result<(), String> {
    if !p.starts_with('/') || !p.ends_with('/') {
        return Err("it must start and end with `/`".into());
    }
    if !p.contains("{slug}") {
        return Err("it must contain {slug} so that every article gets its own address".into());
    }
    let mut rest = p;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or("an opening `{` has no closing `}`")? + open;
        let name = &rest[open + 1..close];
        if !matches!(name, "year" | "month" | "day" | "slug" | "section") {
            return Err(format!(
                "unknown placeholder {{{name}}}; use {{year}}, {{month}}, {{day}}, {{slug}} or {{section}}"
            ));
        }
        rest = &rest[close + 1..];
    }
    if p.split('/').any(|seg| seg == "..") {
        return Err("`..` would leave the output folder".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        SiteConfig::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn a_title_alone_is_enough() {
        let c = parse("title = \"The Morgue\"\n").unwrap();
        assert_eq!(c.title, "The Morgue");
        assert_eq!(c.permalink, "/{year}/{month}/{day}/{slug}/");
        assert_eq!(c.paginate_by, 20);
    }

    #[test]
    fn an_index_table_changes_only_what_it_names() {
        let c = parse(
            r#"
[indexes.tags]
enabled = false

[indexes.people]
path = "who"
"#,
        )
        .unwrap();
        assert!(!c.index_enabled(IndexKind::Tags));
        assert!(!c.enabled_indexes().contains(&IndexKind::Tags));
        assert_eq!(c.enabled_indexes().len(), IndexKind::ALL.len() - 1);
        assert_eq!(
            (c.indexes.tags.path.as_str(), c.indexes.tags.title.as_str()),
            ("tags", "Tags")
        );
        assert_eq!(
            (c.indexes.people.path.as_str(), c.indexes.people.title.as_str()),
            ("who", "People")
        );
    }

    #[test]
    fn unknown_key_names_line_and_closest_key() {
        let e = parse("title = \"x\"\npaginte_by = 10\n").unwrap_err();
        assert_eq!(e.message, "unknown key `paginte_by`");
        assert_eq!(e.line, 2);
        assert!(e.help.unwrap().contains("did you mean `paginate_by`"));
    }

    #[test]
    fn unknown_key_in_a_table() {
        let e = parse("[feeds]\nlimt = 3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.help.unwrap().contains("`limit`"));
    }

    #[test]
    fn wrong_type_names_the_key() {
        let e = parse("title = \"x\"\npaginate_by = \"ten\"\n").unwrap_err();
        assert!(e.message.contains("`paginate_by`"), "{}", e.message);
        assert_eq!(e.line, 2);
    }

    #[test]
    fn bad_timezone_and_permalink_are_errors() {
        let e = parse("timezone = \"Mars/Olympus\"\n").unwrap_err();
        assert!(e.message.contains("Mars/Olympus"));
        assert_eq!(e.line, 1);
        let e = parse("permalink = \"/{year}/{title}/\"\n").unwrap_err();
        assert!(e.message.contains("permalink"));
    }

    #[test]
    fn open_graph_locales_follow_the_language() {
        assert_eq!(parse("language = \"en\"\n").unwrap().og_locale(), "en");
        assert_eq!(parse("language = \"pt-br\"\n").unwrap().og_locale(), "pt_BR");
        assert_eq!(parse("language = \"zh-Hant\"\n").unwrap().og_locale(), "zh");
        let c = parse("language = \"en\"\n[metadata]\nlocale = \"en_GB\"\n").unwrap();
        assert_eq!(c.og_locale(), "en_GB");
    }

    #[test]
    fn metadata_pictures_need_a_size() {
        let c = parse("[metadata]\nimage = { src = \"/share.png\", width = 1200, height = 630 }\n").unwrap();
        assert_eq!(
            c.metadata.image.as_ref().map(|i| (i.width, i.height)),
            Some((1200, 630))
        );
        assert_eq!(c.absolute_url("/share.png"), "http://127.0.0.1:1111/share.png");
        assert_eq!(
            c.absolute_url("https://cdn.example.org/a.png"),
            "https://cdn.example.org/a.png"
        );
        let e =
            parse("title = \"T\"\n[metadata]\nlogo = { src = \"/logo.png\", width = 0, height = 60 }\n").unwrap_err();
        assert!(e.message.contains("[metadata] logo"), "{}", e.message);
        assert_eq!(e.line, 3);
        let e = parse("[metadata]\nimage = { src = \"/share.png\" }\n").unwrap_err();
        assert!(e.message.contains("width"), "{}", e.message);
        assert_eq!(e.line, 2);
    }

    #[test]
    fn feed_id_authorities() {
        let c = parse("base_url = \"https://Archive.example.org:8443/news/\"\n").unwrap();
        assert_eq!(c.feeds.id_authority(), "archive.example.org,2000");
        let c = parse("base_url = \"http://[::1]:1111/\"\n").unwrap();
        assert_eq!(c.feeds.id_authority(), "localhost,2000");
        let c = parse("[feeds]\nid_authority = \"desk@example.org,2019-03\"\n").unwrap();
        assert_eq!(c.feeds.id_authority(), "desk@example.org,2019-03");
        for bad in [
            "example.org",
            "example.org,19",
            "https://example.org,2020",
            "example.org,2020-13",
            ",2020",
        ] {
            let e = parse(&format!("[feeds]\nid_authority = \"{bad}\"\n")).unwrap_err();
            assert!(e.message.contains("id_authority"), "{bad}: {}", e.message);
            assert_eq!(e.line, 2, "{bad}");
        }
    }

    #[test]
    fn base_url_must_be_a_plain_address() {
        for good in [
            "https://example.org",
            "https://example.org/",
            "http://127.0.0.1:1111/",
            "http://[::1]:8080/news/",
            "https://example.org/archive/2021-sub.folder/",
            "https://example.org/caf%C3%A9/",
        ] {
            assert!(check_base_url(good).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("example.org", "absolute http(s) URL"),
            ("ftp://example.org/", "absolute http(s) URL"),
            ("https://example.org/a b/", "spaces"),
            (
                "https://example.org/\"><script>alert(1)</script>",
                "not allowed in a URL",
            ),
            ("https://example.org/x`y/", "not allowed in a URL"),
            ("https://example.org/?utm=1", "query"),
            ("https://example.org/#top", "fragment"),
            ("https://editor:secret@example.org/", "password"),
            ("https://example.org/archive/../admin/", "`..`"),
            ("https://example.org/%2E%2e/", "`..`"),
            ("https:///path/", "host"),
        ] {
            let e = check_base_url(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        let e = parse("title = \"T\"\nbase_url = \"https://example.org/a\\\"b/\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{}", e.message);
        assert!(e.message.starts_with("`base_url` must not contain"), "{}", e.message);
        assert!(e.help.as_deref().unwrap().contains("https://"));
    }

    #[test]
    fn base_path_of_a_sub_folder_site() {
        let c = parse("base_url = \"https://example.org/archive\"\n").unwrap();
        assert_eq!(c.base_path(), "/archive/");
        assert_eq!(c.absolute("/2021/"), "https://example.org/archive/2021/");
        let c = parse("base_url = \"https://example.org\"\n").unwrap();
        assert_eq!(c.base_path(), "/");
    }
}
