//! Atom feeds: one for the whole archive and one per index term, through the `atom.xml`
//! template. Times come from the stories, never the clock, so feeds are reproducible.
//!
//! Ids are `tag:` URIs (RFC 4151) minted from `[feeds] id_authority` and the article's content
//! path, never from its address: RFC 4287 §4.2.6 wants an entry's id to stay the same for
//! ever, and an address changes when the archive moves to another `base_url` or an article is
//! re-dated — each time showing every reader the whole archive again as new.

use std::fmt::Write;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Archive, BlockKind, BlockRole, IndexKind, Story, TextError};

use super::body::escape;
use super::links::Links;

/// `feed` in `atom.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// The feed's own `tag:` URI.
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub page_url: String,
    pub self_url: String,
    pub updated: String,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The article's `tag:` URI: the same wherever and whenever the archive is published.
    pub id: String,
    pub title: String,
    pub url: String,
    pub published: String,
    pub updated: String,
    pub authors: Vec<AuthorView>,
    pub summary: String,
    /// The article's text as HTML (the template escapes it into `<content type="html">`).
    pub content: String,
    pub enclosure: Option<Enclosure>,
    pub categories: Vec<String>,
}

/// An entry's author, with the address of their page when the archive has one: the reporter's
/// under `/authors/`, or the agency's when no one is bylined.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub uri: Option<String>,
}

/// The first picture of an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Enclosure {
    pub url: String,
    pub mime: String,
    pub title: String,
}

/// What a feed's entries carry besides their summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryText {
    /// The article's text as `<content>`: the archive-wide feed, which readers subscribe to
    /// in order to read the archive.
    Full,
    /// The summary only: a term's feed, which follows one person or place. Every article is in
    /// the feeds of all its terms, so full text there would repeat each article's text a dozen
    /// times or more (at 1,000 generated articles, 38 MB of feeds instead of 10).
    Summary,
}

/// A feed of `stories` (indexes, newest first), for the page at `page_url`.
#[allow(clippy::too_many_arguments)]
pub fn feed(
    archive: &Archive,
    links: &Links<'_>,
    stories: &[usize],
    config: &SiteConfig,
    text: EntryText,
    title: String,
    page_url: &str,
    feed_url: &str,
) -> Result<FeedView, TextError> {
    let tz = super::views::site_zone(config);
    let entries: Vec<EntryView> = stories
        .iter()
        .take(config.feeds.limit)
        .map(|&i| {
            // Only the entries shown need their text: the newest few, read back one at a time.
            let content = match text {
                EntryText::Full => text_html(&*archive.full_story(i)?),
                EntryText::Summary => String::new(),
            };
            Ok(entry(&archive.stories[i], links, config, content, &tz))
        })
        .collect::<Result<_, TextError>>()?;
    // The latest by the clock, not by the text: offsets differ between summer and winter.
    let updated = entries
        .iter()
        .max_by_key(|e| e.updated.parse::<jiff::Timestamp>().ok())
        .map_or_else(|| "1970-01-01T00:00:00+00:00".into(), |e| e.updated.clone());
    Ok(FeedView {
        id: tag_uri(config, feed_url.trim_start_matches('/')),
        title,
        subtitle: config.description.clone(),
        page_url: config.absolute(page_url),
        self_url: config.absolute(feed_url),
        updated,
        entries,
    })
}

/// One entry of a feed, with `content` as its text.
fn entry(story: &Story, links: &Links<'_>, config: &SiteConfig, content: String, tz: &jiff::tz::TimeZone) -> EntryView {
    let meta = &story.meta;
    let published = instant(story.published, tz);
    let updated = story.updated.map_or_else(|| published.clone(), |u| instant(u, tz));
    let enclosure = story.lead_figure().map(|lead| Enclosure {
        url: config.absolute(&story.image_url(&lead.src)),
        mime: mime_of(&lead.src).to_string(),
        title: lead.title.into_owned(),
    });
    let authors = if meta.byline.value.is_empty() {
        meta.sources
            .value
            .iter()
            .map(|name| AuthorView {
                name: name.clone(),
                uri: links.term(IndexKind::Agencies, name).map(|u| config.absolute(&u)),
            })
            .collect()
    } else {
        meta.byline
            .value
            .iter()
            .map(|name| AuthorView {
                name: name.clone(),
                uri: links.term(IndexKind::Authors, name).map(|u| config.absolute(&u)),
            })
            .collect()
    };
    EntryView {
        id: article_id(story, config),
        title: meta.headline.value.clone(),
        url: config.absolute(&story.url),
        published,
        updated,
        authors,
        summary: meta.summary.value.clone().unwrap_or_default(),
        content,
        enclosure,
        categories: story.article.front.tags.clone(),
    }
}

/// An article's `tag:` URI: the authority, then its content path without the extension
/// (`2019/2019-03-18-setubal-fishing-quarter`, a bundle's folder for `…/index.md`). The path
/// is what the archivist named the story; its date, slug and address may all change.
pub fn article_id(story: &Story, config: &SiteConfig) -> String {
    let rel = story.article.rel.with_extension("");
    let rel = if rel.file_name().is_some_and(|n| n == "index") {
        rel.parent().map(std::path::Path::to_path_buf).unwrap_or(rel)
    } else {
        rel
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    tag_uri(config, &parts.join("/"))
}

/// `tag:AUTHORITY:SPECIFIC`, the specific part percent-encoded where RFC 4151 allows only
/// `pchar`s and `/`.
fn tag_uri(config: &SiteConfig, specific: &str) -> String {
    let mut out = format!("tag:{}:", config.feeds.id_authority());
    for b in specific.bytes() {
        let plain = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
        if plain {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The article's text as simple HTML, for feed readers: its paragraphs and subheads in order,
/// without the byline lines, captions, sign-offs and page furniture the page shows elsewhere or
/// not at all.
fn text_html(story: &Story) -> String {
    let blocks = &story.article.blocks;
    let roles = &story.extraction.roles;
    let mut html = String::new();
    for (i, block) in blocks.iter().enumerate() {
        let role = roles.get(i).copied().unwrap_or(BlockRole::Text);
        let text = escape(block.text.trim());
        if text.is_empty() {
            continue;
        }
        match (role, block.kind) {
            (BlockRole::Subhead, _) | (BlockRole::Text, BlockKind::Heading(_)) => {
                let _ = write!(html, "<h2>{}</h2>", text.replace('\n', " "));
            }
            (BlockRole::Text, BlockKind::Paragraph) => {
                let _ = write!(html, "<p>{}</p>", text.replace('\n', " "));
            }
            (BlockRole::Text, BlockKind::Other) => {
                let _ = write!(html, "<p>{}</p>", text.replace('\n', "<br>"));
            }
            _ => {}
        }
    }
    html
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
