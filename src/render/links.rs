//! Addresses inside the archive: term pages, and relative links so the output works from any
//! folder of any host — and even opened straight from disk.

use crate::config::SiteConfig;
use crate::model::{Archive, IndexKind};
use crate::slug::slugify;

/// Builds the URL of index pages: from the configuration (which indexes exist, their roots)
/// and the archive's indexes (which terms exist, under which spellings), so that every link
/// points at a page that is actually written.
#[derive(Debug, Clone)]
pub struct Links<'a> {
    roots: Vec<(IndexKind, Option<String>)>,
    archive: &'a Archive,
}

impl<'a> Links<'a> {
    pub fn new(config: &SiteConfig, archive: &'a Archive) -> Self {
        let roots = IndexKind::ALL
            .iter()
            .map(|&k| {
                let c = config.index_config(k);
                (k, c.enabled.then(|| format!("/{}/", slugify(&c.path))))
            })
            .collect();
        Links { roots, archive }
    }

    /// "/people/" when the index is enabled.
    pub fn index(&self, kind: IndexKind) -> Option<&str> {
        self.roots
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, r)| r.as_deref())
    }

    /// "/people/ivan-petrov/" when the index is enabled and has a term under that name; for a
    /// name whose one page is in another index ("CNN" named as an organisation), that page.
    pub fn term(&self, kind: IndexKind, name: &str) -> Option<String> {
        let index = self.archive.index(kind)?;
        self.index(kind)?;
        match index.find(name) {
            Some(term) => self.term_slug(kind, &term.slug),
            None => {
                let see = index.see(name)?;
                self.term_slug(see.home, &see.slug)
            }
        }
    }

    /// The URL of a term page by its slug.
    pub fn term_slug(&self, kind: IndexKind, slug: &str) -> Option<String> {
        // Made at its final length: every name on every page is linked this way.
        self.index(kind).map(|root| {
            let mut url = String::with_capacity(root.len() + slug.len() + 1);
            url.push_str(root);
            url.push_str(slug);
            url.push('/');
            url
        })
    }
}

/// The output file of a site path: "/2021/" → "2021/index.html"; "/feed.xml" → "feed.xml".
pub fn output_path(url: &str) -> String {
    let p = url.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// How links between the archive's pages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// Folder links as they are (`../2021/`): a web server answers them with the folder's
    /// `index.html`.
    #[default]
    Folders,
    /// Folder links to the folder's `index.html` (`../2021/index.html`), for an archive opened
    /// from disk, where a browser shows a folder link as a directory listing. Middle-click,
    /// "open in new tab" and pages without JavaScript all follow the address as written, so
    /// it has to be right in the HTML.
    IndexFiles,
}

impl LinkStyle {
    /// The style `site.toml`'s `[build] local_links` (or `build --local`) asks for.
    pub fn of(config: &SiteConfig) -> Self {
        if config.build.local_links {
            LinkStyle::IndexFiles
        } else {
            LinkStyle::Folders
        }
    }
}

/// Rewrites root-relative `href="/…"` and `src="/…"` into paths relative to the page at
/// `page_url`, so the archive works under any base path and from `file://`.
pub fn relativize(html: &str, page_url: &str, style: LinkStyle) -> String {
    let depth = page_url.trim_matches('/').split('/').filter(|s| !s.is_empty()).count();
    let depth = if page_url.ends_with('/') {
        depth
    } else {
        depth.saturating_sub(1)
    };
    let prefix = if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    };
    rebase(html, &prefix, style)
}

/// Replaces the leading `/` of root-relative links with `prefix` ("../../", or "/archive/" for
/// pages such as 404.html that are served at any depth), and in the `IndexFiles` style names
/// the `index.html` of every folder they point at.
pub fn rebase(html: &str, prefix: &str, style: LinkStyle) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut copied = 0;
    let mut from = 0;
    // One pass over every `="/`: linear in the page, however many links it has.
    let finder = memchr::memmem::Finder::new("=\"/");
    while let Some(i) = finder.find(&html.as_bytes()[from..]) {
        let at = from + i;
        let value = at + 2;
        from = value + 1;
        let rooted = !html[value + 1..].starts_with('/');
        // A `srcset` lists several URLs, each followed by its width: every rooted one is
        // rebased.
        if rooted
            && html[..at].ends_with(" srcset")
            && let Some(end) = html[value..].find('"')
        {
            out.push_str(&html[copied..value]);
            for (k, candidate) in html[value..value + end].split(", ").enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                match candidate.strip_prefix('/').filter(|c| !c.starts_with('/')) {
                    Some(rest) => {
                        out.push_str(prefix);
                        out.push_str(rest);
                    }
                    None => out.push_str(candidate),
                }
            }
            copied = value + end;
            from = copied;
            continue;
        }
        let name_ok = ["href", "src", "action", "poster"]
            .iter()
            .any(|n| html[..at].ends_with(n) && html[..at - n.len()].ends_with(' '));
        if rooted && name_ok {
            out.push_str(&html[copied..value]);
            out.push_str(prefix);
            copied = value + 1;
            if style == LinkStyle::IndexFiles
                && let Some(end) = html[copied..].find('"')
            {
                let url = &html[copied..copied + end];
                // The path ends where a query or a fragment starts.
                let path_end = url.find(['?', '#']).unwrap_or(url.len());
                out.push_str(&url[..path_end]);
                if path_end == 0 || url[..path_end].ends_with('/') {
                    out.push_str("index.html");
                }
                copied += path_end;
                from = copied;
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/2021/10/"), "2021/10/index.html");
        assert_eq!(output_path("/feed.xml"), "feed.xml");
    }

    #[test]
    fn every_url_of_a_srcset_becomes_relative() {
        let html = r#"<img src="/a/q.480w.jpg" srcset="/a/q.480w.jpg 480w, /a/q.960w.jpg 960w" sizes="100vw">"#;
        assert_eq!(
            relativize(html, "/2021/x/", LinkStyle::Folders),
            r#"<img src="../../a/q.480w.jpg" srcset="../../a/q.480w.jpg 480w, ../../a/q.960w.jpg 960w" sizes="100vw">"#
        );
    }

    #[test]
    fn links_become_relative() {
        let html = r##"<a href="/2021/">y</a><img src="/static/a.png"><a href="//cdn.x/y">c</a><a href="https://x.org/">x</a><a href="#top">t</a>"##;
        let got = relativize(html, "/2021/10/13/slug/", LinkStyle::Folders);
        assert_eq!(
            got,
            r##"<a href="../../../../2021/">y</a><img src="../../../../static/a.png"><a href="//cdn.x/y">c</a><a href="https://x.org/">x</a><a href="#top">t</a>"##
        );
        assert_eq!(
            relativize(r#"<a href="/people/">p</a>"#, "/", LinkStyle::Folders),
            r#"<a href="./people/">p</a>"#
        );
        assert_eq!(
            relativize(r#"<a href="/people/">p</a>"#, "/page/2/", LinkStyle::Folders),
            r#"<a href="../../people/">p</a>"#
        );
    }

    /// Opened from disk, a folder link shows a directory listing: every link to a folder —
    /// the front page, queries and fragments included — names its `index.html`; files,
    /// external addresses and fragments of the same page keep their form.
    #[test]
    fn local_links_name_the_index_file_of_every_folder() {
        let rows = [
            ("/2021/", "/2021/10/13/slug/", "../../../../2021/index.html"),
            ("/", "/2021/10/13/slug/", "../../../../index.html"),
            ("/", "/", "./index.html"),
            ("/#top", "/people/", "../index.html#top"),
            ("/search/?q=harbour", "/", "./search/index.html?q=harbour"),
            ("/people/ana/#quote-1", "/", "./people/ana/index.html#quote-1"),
            ("/feed.xml", "/people/", "../feed.xml"),
            (
                "/2022/10/01/harbour/harbour.png",
                "/",
                "./2022/10/01/harbour/harbour.png",
            ),
            ("/style.css?v=2", "/", "./style.css?v=2"),
            ("https://x.org/a/", "/", "https://x.org/a/"),
            ("//cdn.x/y/", "/", "//cdn.x/y/"),
            ("#note-1", "/2021/", "#note-1"),
            ("/404.html", "/a/b/", "../../404.html"),
        ];
        for (href, page, want) in rows {
            let html = format!(r#"<a class="x" href="{href}">t</a> <form action="{href}"></form>"#);
            let got = relativize(&html, page, LinkStyle::IndexFiles);
            assert_eq!(
                got,
                format!(r#"<a class="x" href="{want}">t</a> <form action="{want}"></form>"#),
                "{href} on {page}"
            );
        }
        // Only attribute values are links: text that merely looks like one stays.
        let text = r#"<p data-x="/2021/">="/2021/"</p>"#;
        assert_eq!(relativize(text, "/", LinkStyle::IndexFiles), text);
    }

    /// An archive whose indexes hold the given (kind, name) terms.
    pub fn archive_with(terms: &[(IndexKind, &str)]) -> Archive {
        let mut archive = Archive::default();
        for (kind, name) in terms {
            let index = archive.indexes.entry(*kind).or_default();
            index.names.insert(name.to_lowercase(), index.terms.len());
            index.terms.push(crate::model::Term {
                name: name.to_string(),
                slug: slugify(name),
                ..Default::default()
            });
        }
        archive
    }

    #[test]
    fn term_urls_follow_the_configuration_and_the_indexes() {
        let mut config = SiteConfig::default();
        config.indexes.places.enabled = false;
        let archive = archive_with(&[(IndexKind::People, "Ivan Petrov"), (IndexKind::Places, "Moscow")]);
        let links = Links::new(&config, &archive);
        assert_eq!(
            links.term(IndexKind::People, "Ivan Petrov").as_deref(),
            Some("/people/ivan-petrov/")
        );
        assert_eq!(
            links.term(IndexKind::People, "ivan petrov").as_deref(),
            Some("/people/ivan-petrov/")
        );
        assert_eq!(links.term(IndexKind::Places, "Moscow"), None, "disabled index");
        assert_eq!(links.term(IndexKind::People, "John Doe"), None, "no such term");
    }

    #[test]
    fn a_name_whose_page_is_in_another_index_links_there() {
        let mut archive = archive_with(&[(IndexKind::Agencies, "CNN")]);
        let orgs = archive.indexes.entry(IndexKind::Organizations).or_default();
        orgs.see.push(crate::model::SeeReference {
            name: "CNN".into(),
            slug: "cnn".into(),
            home: IndexKind::Agencies,
        });
        orgs.see_names.insert("cnn".into(), 0);
        let config = SiteConfig::default();
        let links = Links::new(&config, &archive);
        assert_eq!(
            links.term(IndexKind::Organizations, "CNN").as_deref(),
            Some("/agencies/cnn/")
        );
        assert_eq!(links.term(IndexKind::Organizations, "BBC"), None);
    }
}
