//! What templates see. These structs are the template API: plain, serialisable, pre-formatted
//! (dates as text, URLs as site paths), so templates never depend on internal types.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{IndexKind, Story};

use crate::dates::long_date;

use super::links::Links;

/// A link with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// The site, the same on every page (`site` in templates).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    /// The main navigation: archive and the enabled indexes.
    pub nav: Vec<LinkView>,
    pub feed_url: Option<String>,
    pub search_url: Option<String>,
    /// Years with articles, newest first.
    pub years: Vec<LinkView>,
    pub extra: serde_json::Value,
    /// The Open Graph locale (`en_GB`).
    pub locale: String,
}

impl SiteView {
    pub fn new(config: &SiteConfig, links: &Links, years: Vec<LinkView>, has_notes: bool) -> Self {
        let mut nav = vec![LinkView {
            title: "Archive".into(),
            url: "/archive/".into(),
        }];
        if has_notes {
            nav.push(LinkView {
                title: "Notes".into(),
                url: "/annotations/".into(),
            });
        }
        for kind in IndexKind::ALL {
            if let Some(url) = links.index(kind) {
                nav.push(LinkView {
                    title: config.index_config(kind).title.clone(),
                    url: url.to_string(),
                });
            }
        }
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base(),
            nav,
            feed_url: config.feeds.enabled.then(|| "/feed.xml".to_string()),
            search_url: config.search.enabled.then(|| "/search/".to_string()),
            years,
            extra: serde_json::to_value(&config.extra).unwrap_or(serde_json::Value::Null),
            locale: config.og_locale(),
        }
    }
}

/// The page being rendered (`page` in templates): title, address and sharing metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    /// Site path of this page.
    pub url: String,
    /// Absolute URL.
    pub canonical: String,
    /// "article", "front", "year", "month", "day", "archive", "404", "index", "term".
    pub kind: String,
    /// The picture of sharing cards: the article's lead picture, else the site's default.
    pub image: Option<ShareImageView>,
    pub has_code: bool,
    pub noindex: bool,
    /// The content of each `<script type="application/ld+json">`, already serialised.
    pub json_ld: Vec<String>,
    /// A feed for this page, if it has one.
    pub feed: Option<LinkView>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    /// Where the page sits: "Archive › 2021 › October".
    pub breadcrumbs: Vec<LinkView>,
}

/// A sharing card's picture: absolute URL, size in pixels when known, and what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareImageView {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
}

impl From<super::jsonld::SharedImage> for ShareImageView {
    fn from(i: super::jsonld::SharedImage) -> Self {
        ShareImageView {
            url: i.url,
            width: i.width,
            height: i.height,
            alt: i.alt,
        }
    }
}

/// "1 article", "12 articles".
pub fn count_articles(n: usize) -> String {
    if n == 1 {
        "1 article".into()
    } else {
        format!("{n} articles")
    }
}

/// A thumbnail picture.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
    /// The picture's smaller copies, when the build made them.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub sizes: &'static str,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// An article in a list (front page, date archive, index terms). It borrows the story's own
/// words: a story is on many lists, and each card is read once, into the template's context.
#[derive(Debug, Clone, Serialize)]
pub struct CardView<'a> {
    pub headline: &'a str,
    pub url: &'a str,
    pub date: String,
    pub date_iso: String,
    pub dateline: Option<&'a str>,
    pub byline: String,
    pub summary: &'a str,
    pub image: Option<ImageView>,
    pub figures: usize,
    pub quotes: usize,
}

impl<'a> CardView<'a> {
    pub fn new(story: &'a Story) -> Self {
        let meta = &story.meta;
        let image = card_image(story);
        CardView {
            headline: &meta.headline.value,
            url: &story.url,
            date: long_date(story.published.date),
            date_iso: story.published.date.to_string(),
            dateline: meta
                .dateline
                .value
                .as_ref()
                .and_then(|d| d.place.as_deref().or(d.agency.as_deref())),
            byline: join_names(&meta.byline.value),
            summary: meta.summary.value.as_deref().unwrap_or_default(),
            image,
            figures: story.figure_count(),
            quotes: story.quote_count(),
        }
    }
}

/// The story's lead picture, for cards and feeds.
pub fn card_image(story: &Story) -> Option<ImageView> {
    let image = story.lead_image()?;
    let lead = story.lead_figure();
    let src = lead.as_ref().map(|l| l.src.as_ref());
    let copies = src.and_then(|src| super::figure::responsive(story, src, Some(super::figure::THUMBNAIL_WIDTH)));
    Some(match copies {
        Some(r) => ImageView {
            src: r.src,
            alt: image.alt,
            srcset: Some(r.srcset),
            webp_srcset: r.webp_srcset,
            sizes: super::figure::THUMBNAIL_SIZES,
            width: Some(r.width),
            height: Some(r.height),
        },
        // No smaller copies (another format, a picture already small, copies turned off): the
        // original, at the size its header states, so its box is kept while it loads.
        None => {
            let size = src.and_then(|s| story.image_size(s));
            ImageView {
                src: image.src,
                alt: image.alt,
                srcset: None,
                webp_srcset: None,
                sizes: super::figure::THUMBNAIL_SIZES,
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
            }
        }
    })
}

/// "Jane Roe", "Jane Roe and John Doe", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Page numbers and neighbours of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pagination {
    /// Pagination of page `current` (1-based) of `total`, the first page at `first_url` and the
    /// rest at `{first_url}page/N/`. Shows a window of pages around the current one.
    pub fn new(first_url: &str, current: usize, total: usize) -> Self {
        let url = |n: usize| {
            if n == 1 {
                first_url.to_string()
            } else {
                format!("{first_url}page/{n}/")
            }
        };
        let lo = current.saturating_sub(3).max(1);
        let hi = (current + 3).min(total);
        let mut pages: Vec<PageLink> = (lo..=hi)
            .map(|n| PageLink {
                number: n,
                url: url(n),
                current: n == current,
            })
            .collect();
        if lo > 1 {
            pages.insert(
                0,
                PageLink {
                    number: 1,
                    url: url(1),
                    current: false,
                },
            );
        }
        if hi < total {
            pages.push(PageLink {
                number: total,
                url: url(total),
                current: false,
            });
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages,
        }
    }
}

/// The publication moment for machines (`<time datetime>`, Open Graph, JSON-LD): the same
/// local time with offset that feeds and sitemaps write (see [`crate::dates::moment`]).
pub fn iso_datetime(story: &Story, config: &crate::config::SiteConfig) -> String {
    published_moment(story.published, config)
}

/// A publication or update moment for machines, in the site's zone with its offset.
pub fn published_moment(p: crate::model::Published, config: &crate::config::SiteConfig) -> String {
    crate::dates::moment(p.date, p.instant, &site_zone(config))
}

/// The site's time zone; `site.toml` is checked when it is read, so UTC is only a fallback.
pub fn site_zone(config: &crate::config::SiteConfig) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(&config.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
}
