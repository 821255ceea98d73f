//! Atom feeds: one for the whole archive and one per index term, through the `atom.xml`
//! template. Times come from the stories, never the clock, so feeds are reproducible.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Archive, Story};

/// `feed` in `atom.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    pub title: String,
    pub subtitle: String,
    pub page_url: String,
    pub self_url: String,
    pub updated: String,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub title: String,
    pub url: String,
    pub published: String,
    pub updated: String,
    pub authors: Vec<String>,
    pub summary: String,
    pub enclosure: Option<Enclosure>,
    pub categories: Vec<String>,
}

/// The first picture of an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Enclosure {
    pub url: String,
    pub mime: String,
    pub title: String,
}

/// A feed of `stories` (indexes, newest first), for the page at `page_url`.
pub fn feed(
    archive: &Archive,
    stories: &[usize],
    config: &SiteConfig,
    title: String,
    page_url: &str,
    feed_url: &str,
) -> FeedView {
    let tz = super::views::site_zone(config);
    let entries: Vec<EntryView> = stories
        .iter()
        .take(config.feeds.limit)
        .map(|&i| entry(&archive.stories[i], config, &tz))
        .collect();
    // The latest by the clock, not by the text: offsets differ between summer and winter.
    let updated = entries
        .iter()
        .max_by_key(|e| e.updated.parse::<jiff::Timestamp>().ok())
        .map_or_else(|| "1970-01-01T00:00:00+00:00".into(), |e| e.updated.clone());
    FeedView {
        title,
        subtitle: config.description.clone(),
        page_url: config.absolute(page_url),
        self_url: config.absolute(feed_url),
        updated,
        entries,
    }
}

fn entry(story: &Story, config: &SiteConfig, tz: &jiff::tz::TimeZone) -> EntryView {
    let meta = &story.meta;
    let published = instant(story.published, tz);
    let updated = story.updated.map_or_else(|| published.clone(), |u| instant(u, tz));
    let enclosure = meta.figures.value.iter().find_map(|f| {
        let src = f.src.as_deref()?;
        Some(Enclosure {
            url: config.absolute(&story.image_url(src)),
            mime: mime_of(src).to_string(),
            title: f.title.clone().unwrap_or_else(|| f.caption.clone()),
        })
    });
    let authors = if meta.byline.value.is_empty() {
        meta.sources.value.clone()
    } else {
        meta.byline.value.clone()
    };
    EntryView {
        title: meta.headline.value.clone(),
        url: config.absolute(&story.url),
        published,
        updated,
        authors,
        summary: meta.summary.value.clone().unwrap_or_default(),
        enclosure,
        categories: story.article.front.tags.clone(),
    }
}

/// RFC 3339 time of a publication: the instant, or midnight of the date, in the site's zone
/// with its offset.
pub fn instant(p: crate::model::Published, tz: &jiff::tz::TimeZone) -> String {
    crate::dates::moment(p.date, p.instant, tz)
}

/// The media type of an image by its extension.
pub fn mime_of(src: &str) -> &'static str {
    let ext = src.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        _ => "image/jpeg",
    }
}
