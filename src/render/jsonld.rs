//! schema.org structured data for search engines and news aggregators, as Google's article,
//! breadcrumb and image-metadata guidelines ask: a `NewsArticle` per article (with an image of
//! known size, authors and agencies that link their pages, the publisher's logo, the notes'
//! citations), a `BreadcrumbList` wherever the breadcrumb shows, and the `WebSite` with its
//! search and the publishing `Organization` on the front page.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::model::{AnnotationKind, EntityKind, Figure, IndexKind, Story};

use super::links::Links;
use super::notes::plain_text;
use super::views::LinkView;

/// A picture as sharing cards and structured data state it: absolute URL, size, description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedImage {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
}

/// The site's default picture from `[metadata] image`.
pub fn site_image(config: &SiteConfig) -> Option<SharedImage> {
    config.metadata.image.as_ref().map(|i| SharedImage {
        url: config.absolute_url(&i.src),
        width: Some(i.width),
        height: Some(i.height),
        alt: i.alt.clone().unwrap_or_else(|| config.title.clone()),
    })
}

/// The picture that stands for an article: its lead figure with an image file, else the
/// site's default.
pub fn article_image(story: &Story, config: &SiteConfig) -> Option<SharedImage> {
    story
        .meta
        .figures
        .value
        .iter()
        .find_map(|f| figure_image(story, f, config))
        .or_else(|| site_image(config))
}

fn figure_image(story: &Story, f: &Figure, config: &SiteConfig) -> Option<SharedImage> {
    let src = f.src.as_deref()?;
    let size = story.image_size(src);
    Some(SharedImage {
        url: config.absolute_url(&story.image_url(src)),
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        alt: super::figure::alt_text(f).to_string(),
    })
}

/// What a picture's record adds to its `ImageObject`: rights and licence (Google's image
/// metadata), when and where it was taken.
fn picture_record(image: &mut Value, f: &Figure) {
    let rights = &f.rights;
    if let Some(c) = &rights.copyright {
        image["copyrightNotice"] = json!(c);
    }
    // `license` is a URL or a CreativeWork: the licence's page when the record names one,
    // else the licence in words.
    if let Some(url) = &rights.license_url {
        image["license"] = json!(url);
    } else if let Some(terms) = &rights.license {
        image["license"] = json!({"@type": "CreativeWork", "name": terms});
    }
    if let Some(page) = &rights.acquire_license_page {
        image["acquireLicensePage"] = json!(page);
    }
    if let Some(place) = &f.place {
        image["contentLocation"] = json!({"@type": "Place", "name": place});
    }
    if let Some(date) = f.date {
        image["dateCreated"] = json!(date.to_string());
    }
}

/// The publishing organisation, with its logo when `site.toml` names one.
pub fn publisher(config: &SiteConfig) -> Value {
    let mut org = json!({"@type": "Organization", "name": config.title, "url": config.base()});
    if let Some(logo) = &config.metadata.logo {
        org["logo"] = json!({
            "@type": "ImageObject",
            "url": config.absolute_url(&logo.src),
            "width": logo.width,
            "height": logo.height,
        });
    }
    org
}

/// A person or organisation by name: a desk, team or newsroom is an `Organization` (the same
/// rule the Web Annotation export follows for note creators), anyone else a `Person`, named
/// without a title written before the name, which becomes the `jobTitle`.
fn agent(name: &str, url: Option<String>, config: &SiteConfig) -> Value {
    let creator = crate::annotate::creator(name);
    let mut v = json!({"@type": creator["type"], "name": creator["name"]});
    if creator["type"] == "Person"
        && let Some(role) = crate::titles::split_title(name).role
    {
        v["jobTitle"] = json!(role);
    }
    if let Some(u) = url {
        v["url"] = json!(config.absolute(&u));
    }
    v
}

/// An article cited by a note: its absolute URL and, for an article of the archive, its
/// headline.
pub struct Cited {
    pub url: String,
    pub headline: Option<String>,
}

/// The `NewsArticle` of an article page. `cite` resolves a note's `link` (a content path or a
/// URL) to what it cites.
pub fn news_article(
    story: &Story,
    config: &SiteConfig,
    links: &Links<'_>,
    published: &str,
    modified: Option<&str>,
    cite: &dyn Fn(&str) -> Option<Cited>,
) -> Value {
    let meta = &story.meta;
    let url = config.absolute(&story.url);
    let mut images: Vec<Value> = meta
        .figures
        .value
        .iter()
        .filter_map(|f| {
            let shared = figure_image(story, f, config)?;
            let mut image = image_object(&shared, config);
            image["caption"] = json!(f.caption);
            if let Some(c) = &f.credit {
                image["creditText"] = json!(c.raw);
                let creators: Vec<Value> = c
                    .photographers
                    .iter()
                    .map(|p| {
                        let mut v = json!({"@type": "Person", "name": p});
                        if let Some(u) = links.term(IndexKind::Photographers, p) {
                            v["url"] = json!(config.absolute(&u));
                        }
                        v
                    })
                    .collect();
                if !creators.is_empty() {
                    image["creator"] = json!(creators);
                }
                if let Some(d) = &c.distributor {
                    image["copyrightHolder"] = json!({"@type": "Organization", "name": d});
                }
            }
            if let Some(t) = &f.title {
                image["name"] = json!(t);
            }
            picture_record(&mut image, f);
            Some(image)
        })
        .collect();
    if images.is_empty()
        && let Some(default) = site_image(config)
    {
        // The site's own picture: made by the publisher, under the archive's terms.
        let mut image = image_object(&default, config);
        image["caption"] = json!(default.alt);
        image["creditText"] = json!(config.title);
        image["creator"] = json!([{"@type": "Organization", "name": config.title, "url": config.base()}]);
        images.push(image);
    }
    let mentions: Vec<Value> = meta
        .entities
        .iter()
        .map(|m| {
            let kind = match m.entity.kind {
                EntityKind::Person => "Person",
                EntityKind::Place => "Place",
                EntityKind::Organization => "Organization",
            };
            let mut v = json!({"@type": kind, "name": m.entity.name});
            if let Some(u) = links.term(IndexKind::of_entity(m.entity.kind), &m.entity.name) {
                v["url"] = json!(config.absolute(&u));
            }
            v
        })
        .collect();
    let agencies: Vec<Value> = meta
        .sources
        .value
        .iter()
        .map(|n| {
            let mut v = json!({"@type": "Organization", "name": n});
            if let Some(u) = links.term(IndexKind::Agencies, n) {
                v["url"] = json!(config.absolute(&u));
            }
            v
        })
        .collect();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.headline.value,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified.unwrap_or(published),
        "inLanguage": config.language,
        "publisher": publisher(config),
        "isAccessibleForFree": true,
    });
    if !meta.byline.value.is_empty() {
        doc["author"] = json!(
            meta.byline
                .value
                .iter()
                .map(|n| agent(n, links.term(IndexKind::Authors, n), config))
                .collect::<Vec<_>>()
        );
    } else if !agencies.is_empty() {
        doc["author"] = json!(agencies);
    }
    // The agency that reported the story, credited beside its reporters.
    if !agencies.is_empty() {
        doc["sourceOrganization"] = json!(agencies);
    }
    if let Some(d) = &meta.dateline.value {
        doc["dateline"] = json!(d.raw.trim_end_matches(['—', '–', '-', ' ']).trim());
        if let Some(place) = &d.place {
            doc["locationCreated"] = json!({"@type": "Place", "name": place});
        }
    }
    if let Some(summary) = &meta.summary.value {
        doc["description"] = json!(summary);
    }
    if !images.is_empty() {
        doc["image"] = json!(images);
    }
    if !mentions.is_empty() {
        doc["mentions"] = json!(mentions);
    }
    if !story.article.front.tags.is_empty() {
        doc["keywords"] = json!(story.article.front.tags);
    }
    let mut citations: Vec<Value> = Vec::new();
    for a in crate::annotate::reading_order(&story.article.annotations) {
        let Some(cited) = a.link.as_deref().and_then(cite) else {
            continue;
        };
        if citations.iter().any(|c| c["url"] == cited.url.as_str()) {
            continue;
        }
        citations.push(match cited.headline {
            Some(h) => json!({"@type": "NewsArticle", "url": cited.url, "headline": h}),
            None => json!({"@type": "CreativeWork", "url": cited.url}),
        });
    }
    if !citations.is_empty() {
        doc["citation"] = json!(citations);
    }
    let corrections: Vec<Value> = story
        .article
        .front
        .corrections
        .iter()
        .map(|c| {
            let mut v = json!({"@type": "CorrectionComment", "text": plain_text(&c.text)});
            if let Some(d) = c.date {
                v["datePublished"] = json!(d.to_string());
            }
            v
        })
        .chain(
            story
                .article
                .annotations
                .iter()
                .filter(|a| a.kind == AnnotationKind::Correction)
                .map(|a| {
                    let mut v = json!({"@type": "CorrectionComment", "text": plain_text(&a.note)});
                    if let Some(d) = a.date {
                        v["datePublished"] = json!(d.to_string());
                    }
                    v
                }),
        )
        .collect();
    if !corrections.is_empty() {
        doc["correction"] = json!(corrections);
    }
    doc
}

/// An `ImageObject` with its size and the archive's rights statements from `site.toml`.
fn image_object(image: &SharedImage, config: &SiteConfig) -> Value {
    let mut v = json!({"@type": "ImageObject", "contentUrl": image.url, "url": image.url});
    if let (Some(w), Some(h)) = (image.width, image.height) {
        v["width"] = json!(w);
        v["height"] = json!(h);
    }
    let m = &config.metadata;
    if let Some(l) = &m.image_license {
        v["license"] = json!(config.absolute_url(l));
    }
    if let Some(p) = &m.acquire_license_page {
        v["acquireLicensePage"] = json!(config.absolute_url(p));
    }
    if let Some(c) = &m.copyright_notice {
        v["copyrightNotice"] = json!(c);
    }
    v
}

/// The `BreadcrumbList` of a page: the crumbs the page shows, then the page itself.
pub fn breadcrumb_list(crumbs: &[LinkView], title: &str, url: &str, config: &SiteConfig) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .map(|c| (c.title.as_str(), c.url.as_str()))
        .chain(std::iter::once((title, url)))
        .enumerate()
        .map(|(i, (name, u))| json!({"@type": "ListItem", "position": i + 1, "name": name, "item": config.absolute(u)}))
        .collect();
    json!({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
}

/// The front page's `WebSite`, whose search Google may offer as a search box, and the
/// `Organization` that publishes it.
pub fn front_page(config: &SiteConfig) -> Vec<Value> {
    let mut site = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "url": config.base(),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base()},
    });
    if !config.description.is_empty() {
        site["description"] = json!(config.description);
    }
    if config.search.enabled {
        site["potentialAction"] = json!({
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", config.absolute("/search/")),
            },
            "query-input": "required name=search_term_string",
        });
    }
    let mut org = publisher(config);
    org["@context"] = json!("https://schema.org");
    vec![site, org]
}

/// Serialises JSON for a `<script>` element. Inside one the HTML parser looks for `</script`
/// and also for `<!--`, which with a later `<script` sends it into a state where the real
/// `</script>` no longer ends the element and the rest of the page vanishes; so `<`, `>` and `&`
/// are written as JSON escapes (`\u003c`…), which no HTML parser acts on and every JSON parser
/// reads back as the same characters. U+2028 and U+2029 are escaped too: they are line ends to
/// older JavaScript parsers.
pub fn script_safe(v: &Value) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    // Copied a run at a time between the characters escaped: `<`, `>` and `&` are ASCII,
    // and U+2028 and U+2029 are the only characters whose UTF-8 starts E2 80 A8 or E2 80 A9.
    let bytes = json.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escape, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xe2 if bytes[i + 1..].starts_with(&[0x80, 0xa8]) => ("\\u2028", 3),
            0xe2 if bytes[i + 1..].starts_with(&[0x80, 0xa9]) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        i += len;
        copied = i;
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_hides_markup_and_reads_back_the_same() {
        let headline = "Ports <!--<script> reopen </script> & \u{2028}talks\u{2029} “resume” \u{2027}\u{202a}";
        let v = json!({"headline": headline});
        let safe = script_safe(&v);
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(raw), "{raw:?} left raw in {safe}");
        }
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], headline);
    }
}
