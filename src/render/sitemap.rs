//! Sitemaps for search engines: every page (split behind a sitemap index past 50,000 URLs), a
//! Google News sitemap of the articles of the last two days, and `robots.txt` pointing at them.

use std::collections::HashMap;
use std::fmt::Write;

use crate::config::SiteConfig;
use crate::model::Archive;
use crate::write::OutputFile;

use super::highlight::escape_text;

/// The most URLs one sitemap file may hold.
pub const MAX_URLS: usize = 50_000;

/// How far back the news sitemap reaches: Google News takes only articles of the last two days.
const NEWS_WINDOW_HOURS: i64 = 48;

/// Sitemap files and `robots.txt` for the pages among `files`, at the build's `clock`.
pub fn sitemaps(paths: &[String], archive: &Archive, config: &SiteConfig, clock: jiff::Timestamp) -> Vec<OutputFile> {
    let lastmod: HashMap<String, String> = archive
        .stories
        .iter()
        .map(|s| {
            (
                super::links::output_path(&s.url),
                super::views::published_moment(s.updated.unwrap_or(s.published), config),
            )
        })
        .collect();
    let mut pages: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| {
            p.ends_with("index.html") && !p.contains("/page/") && !p.starts_with("page/") && !p.starts_with("search/")
        })
        .collect();
    pages.sort_unstable();
    let entry = |path: &str| {
        let url = config.absolute(&format!("/{}", path.trim_end_matches("index.html")));
        let mut s = format!("<url><loc>{}</loc>", escape_text(&url));
        if let Some(d) = lastmod.get(path) {
            let _ = write!(s, "<lastmod>{d}</lastmod>");
        }
        s.push_str("</url>\n");
        s
    };
    let mut out = Vec::new();
    let chunks: Vec<&[&str]> = pages.chunks(MAX_URLS).collect();
    if chunks.len() <= 1 {
        out.push(OutputFile::bytes("sitemap.xml", urlset(pages.iter().map(|p| entry(p)))));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in chunks.iter().enumerate() {
            let name = format!("sitemap-{}.xml", n + 1);
            let _ = writeln!(
                index,
                "<sitemap><loc>{}</loc></sitemap>",
                escape_text(&config.absolute(&format!("/{name}")))
            );
            out.push(OutputFile::bytes(name, urlset(chunk.iter().map(|p| entry(p)))));
        }
        index.push_str("</sitemapindex>\n");
        out.push(OutputFile::bytes("sitemap.xml", index));
    }
    let mut robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute("/sitemap.xml")
    );
    // An empty news sitemap is an error to Search Console: with no recent news, none is written
    // and robots.txt does not name it.
    if let Some(news) = news(archive, config, clock) {
        out.push(OutputFile::bytes("sitemap-news.xml", news));
        let _ = writeln!(robots, "Sitemap: {}", config.absolute("/sitemap-news.xml"));
    }
    out.push(OutputFile::bytes("robots.txt", robots));
    out
}

fn urlset(entries: impl Iterator<Item = String>) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for e in entries {
        s.push_str(&e);
    }
    s.push_str("</urlset>\n");
    s
}

/// The first moment after `clock` at which the news sitemap would list other articles: when
/// the next article's publication comes within the window, or the oldest listed one leaves it.
/// `None` when no such moment comes. A build whose clock lies between the previous build's and
/// this moment writes the same news sitemap, which is what lets an unchanged site skip its build.
pub fn news_stable_until(archive: &Archive, config: &SiteConfig, clock: jiff::Timestamp) -> Option<jiff::Timestamp> {
    let tz = super::views::site_zone(config);
    let window = jiff::SignedDuration::from_hours(NEWS_WINDOW_HOURS);
    let since = clock.checked_sub(window).ok()?;
    archive
        .stories
        .iter()
        .filter_map(|story| crate::dates::instant_of(story.published.date, story.published.instant, &tz))
        .filter_map(|t| {
            if t > clock {
                Some(t)
            } else if since < t {
                // Listed now; leaves once the window's start reaches it.
                t.checked_add(window).ok()
            } else {
                None
            }
        })
        .min()
}

/// The news sitemap: the articles published in the two days up to the build's clock, newest
/// first and at most `news_limit` of them, with their publication and title; `None` when there
/// are none.
fn news(archive: &Archive, config: &SiteConfig, clock: jiff::Timestamp) -> Option<String> {
    let tz = super::views::site_zone(config);
    let since = clock
        .checked_sub(jiff::SignedDuration::from_hours(NEWS_WINDOW_HOURS))
        .ok()?;
    let recent: Vec<_> = archive
        .stories
        .iter()
        .filter(|story| {
            crate::dates::instant_of(story.published.date, story.published.instant, &tz)
                .is_some_and(|t| since < t && t <= clock)
        })
        .take(config.sitemap.news_limit)
        .collect();
    if recent.is_empty() {
        return None;
    }
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for story in recent {
        let _ = writeln!(
            s,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            escape_text(&config.absolute(&story.url)),
            escape_text(&config.title),
            escape_text(&config.language),
            super::feeds::instant(story.published, &tz),
            escape_text(&story.meta.headline.value)
        );
    }
    s.push_str("</urlset>\n");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let paths: Vec<String> = (0..MAX_URLS + 10).map(|i| format!("p{i}/index.html")).collect();
        let out = sitemaps(
            &paths,
            &Archive::default(),
            &SiteConfig::default(),
            jiff::Timestamp::UNIX_EPOCH,
        );
        let names: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        // No articles, so no news sitemap.
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml", "robots.txt"]);
        let crate::write::Content::Bytes(index) = &out[2].content else {
            panic!()
        };
        assert!(String::from_utf8_lossy(index).contains("<sitemapindex"));
    }
}
