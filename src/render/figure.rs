//! Figures as a newspaper prints them: the picture, a title, the caption and the credit in its
//! own element, with photographers and agencies linked to their index pages.

use crate::model::{Credit, Figure, IndexKind, Story};
use crate::photo::derive::Kind;

use super::highlight::push_escaped;
use super::links::Links;

/// The picture of a figure, as the page shows it.
#[derive(Debug, Clone, Copy)]
pub struct Picture<'a> {
    pub src: &'a str,
    /// Width and height in pixels, when the file's header states them: the browser then
    /// reserves the picture's box before it arrives, and the page does not jump.
    pub size: Option<(u32, u32)>,
    /// The lead picture, at the top of the story: in view as the page opens, so it is
    /// fetched at once, never lazily.
    pub lead: bool,
    /// Its smaller copies, when the build made them: the page shows one of those and links
    /// the original.
    pub responsive: Option<&'a Responsive>,
}

/// How wide an article's figure is shown: the story column, or the screen less its margins.
pub const FIGURE_SIZES: &str = "(min-width: 48rem) 46rem, calc(100vw - 2rem)";

/// How wide a card's or a photographer grid's thumbnail is shown at most.
pub const THUMBNAIL_SIZES: &str = "(min-width: 40rem) 24rem, 100vw";

/// The narrowest copy a thumbnail needs: 24rem at the default text size, on a plain screen.
pub const THUMBNAIL_WIDTH: u32 = 384;

/// A picture's smaller copies, as `src`, `srcset` and `sizes` state them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsive {
    /// The copy `src` names, and its size.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// Every copy in the original's format, and the original itself when the site asks for
    /// widths beyond it: "quay.480w.jpg 480w, quay.960w.jpg 960w, quay.jpg 1200w".
    pub srcset: String,
    /// The same in WebP, when WebP copies were made.
    pub webp_srcset: Option<String>,
}

/// The copies of one of `story`'s pictures. `src` is the narrowest copy at least `fit`
/// pixels wide (the widest when none is), or the widest when `fit` is `None`.
pub fn responsive(story: &Story, src: &str, fit: Option<u32>) -> Option<Responsive> {
    let name = src.trim_start_matches("./");
    let asset = story.article.assets.iter().find(|a| a.name == name)?;
    let first_kind = asset.derived.first()?.kind;
    // Beside the original, in the story's folder.
    let url = |d: &crate::model::Derived| format!("{}{}", story.url, d.name(&asset.name));
    let own: Vec<_> = asset.derived.iter().filter(|d| d.kind == first_kind).collect();
    // A copy in another format wider than every copy in the original's own is a copy at the
    // picture's own width (copies are never enlarged): in its own format, the original file
    // is that candidate, so a wide screen gets every pixel there is.
    let own_widest = own.last().map_or(0, |d| d.width);
    let original = asset
        .derived
        .iter()
        .map(|d| d.width)
        .max()
        .filter(|&w| w > own_widest)
        .map(|w| format!("{}{} {w}w", story.url, asset.name));
    let set = |kind: Kind| {
        let mut parts: Vec<String> = asset
            .derived
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| format!("{} {}w", url(d), d.width))
            .collect();
        if kind == first_kind {
            parts.extend(original.clone());
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    };
    let chosen = match fit {
        Some(px) => own.iter().find(|d| d.width >= px).or(own.last()),
        None => own.last(),
    }?;
    Some(Responsive {
        src: url(chosen),
        width: chosen.width,
        height: chosen.height,
        srcset: set(first_kind)?,
        webp_srcset: (first_kind != Kind::WebP).then(|| set(Kind::WebP)).flatten(),
    })
}

/// `<picture>` with a WebP source when there is one, and its `<img>` with `srcset` and `sizes`;
/// `tail` ends the `<img>` tag (its loading attributes and `>`).
pub fn picture_html(out: &mut String, r: &Responsive, alt: &str, sizes: &str, tail: &str) {
    out.push_str("<picture>");
    if let Some(webp) = &r.webp_srcset {
        out.push_str("<source type=\"image/webp\" srcset=\"");
        push_escaped(out, webp);
        out.push_str(&format!("\" sizes=\"{sizes}\">"));
    }
    out.push_str("<img src=\"");
    push_escaped(out, &r.src);
    out.push_str("\" srcset=\"");
    push_escaped(out, &r.srcset);
    out.push_str(&format!("\" sizes=\"{sizes}\" alt=\""));
    push_escaped(out, alt);
    out.push_str(&format!(
        "\" width=\"{}\" height=\"{}\"{tail}</picture>",
        r.width, r.height
    ));
}

/// The `<figure>` of one photo.
pub fn figure_html(figure: &Figure, number: usize, image: Option<Picture>, links: &Links) -> String {
    let mut out = String::with_capacity(256 + figure.caption.len());
    let class = if image.is_some() { "figure" } else { "figure no-image" };
    out.push_str(&format!("<figure class=\"{class}\" id=\"figure-{number}\">"));
    if let Some(picture) = image
        && let Some(r) = picture.responsive
    {
        // The copy fits the screen; the original, at full size and with its whole record,
        // is a click away.
        out.push_str("<a class=\"figure-original\" href=\"");
        push_escaped(&mut out, picture.src);
        out.push_str("\">");
        let tail = if picture.lead {
            " fetchpriority=\"high\">"
        } else {
            " loading=\"lazy\" decoding=\"async\">"
        };
        picture_html(&mut out, r, alt_text(figure), FIGURE_SIZES, tail);
        out.push_str("</a>");
    } else if let Some(picture) = image {
        out.push_str("<img src=\"");
        push_escaped(&mut out, picture.src);
        out.push_str("\" alt=\"");
        push_escaped(&mut out, alt_text(figure));
        out.push('"');
        if let Some((width, height)) = picture.size {
            out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if picture.lead {
            out.push_str(" fetchpriority=\"high\">");
        } else {
            out.push_str(" loading=\"lazy\" decoding=\"async\">");
        }
    }
    out.push_str("<figcaption>");
    if let Some(title) = figure.title.as_deref().filter(|t| !t.is_empty()) {
        out.push_str("<strong class=\"figure-title\">");
        push_escaped(&mut out, title);
        out.push_str("</strong> ");
    }
    if !figure.caption.is_empty() {
        out.push_str("<span class=\"caption\">");
        push_escaped(&mut out, &figure.caption);
        out.push_str("</span>");
    }
    if let Some(credit) = &figure.credit {
        out.push_str(" <small class=\"credit\"><span class=\"credit-label\">Photo: </span>");
        out.push_str(&credit_html(credit, links));
        out.push_str("</small>");
    }
    out.push_str("</figcaption></figure>\n");
    out
}

/// What a reader who cannot see the picture is told: the picture's own alt text when its
/// record has one (written for that purpose), else the title, else the caption.
pub fn alt_text(figure: &Figure) -> &str {
    [figure.alt.as_deref(), figure.title.as_deref()]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())
        .unwrap_or(&figure.caption)
}

/// The credit exactly as printed, with photographers and agencies linked where they appear.
pub fn credit_html(credit: &Credit, links: &Links) -> String {
    let mut names: Vec<(&str, &'static str, Option<String>)> = Vec::new();
    for p in &credit.photographers {
        names.push((p, "photographer", links.term(IndexKind::Photographers, p)));
    }
    for a in credit.agencies.iter().chain(credit.distributor.iter()) {
        names.push((a, "agency", links.term(IndexKind::Agencies, a)));
    }
    let raw = credit.raw.as_str();
    let mut out = String::with_capacity(raw.len() * 2);
    let mut pos = 0;
    loop {
        // The earliest remaining name occurrence.
        let next = names
            .iter()
            .filter(|(n, _, _)| !n.is_empty())
            .filter_map(|(n, class, url)| raw[pos..].find(n).map(|i| (pos + i, *n, *class, url)))
            .min_by_key(|(i, n, _, _)| (*i, std::cmp::Reverse(n.len())));
        let Some((i, name, class, url)) = next else {
            break;
        };
        push_escaped(&mut out, &raw[pos..i]);
        match url {
            Some(u) => {
                out.push_str(&format!("<a class=\"{class}\" href=\""));
                push_escaped(&mut out, u);
                out.push_str("\">");
                push_escaped(&mut out, name);
                out.push_str("</a>");
            }
            None => {
                out.push_str(&format!("<span class=\"{class}\">"));
                push_escaped(&mut out, name);
                out.push_str("</span>");
            }
        }
        pos = i + name.len();
    }
    push_escaped(&mut out, &raw[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    #[test]
    fn credit_links_photographers_and_agencies_in_place() {
        let credit = Credit {
            raw: "Jana Novak/Acme News, Palace Pool Photo via AP".into(),
            photographers: vec!["Jana Novak".into()],
            agencies: vec!["Acme News".into(), "Palace Pool".into()],
            distributor: Some("AP".into()),
        };
        let archive = crate::render::links::tests::archive_with(&[
            (IndexKind::Photographers, "Jana Novak"),
            (IndexKind::Agencies, "Acme News"),
            (IndexKind::Agencies, "Palace Pool"),
            (IndexKind::Agencies, "AP"),
        ]);
        let html = credit_html(&credit, &Links::new(&SiteConfig::default(), &archive));
        assert_eq!(
            html,
            "<a class=\"photographer\" href=\"/photographers/jana-novak/\">Jana Novak</a>/<a class=\"agency\" href=\"/agencies/acme-news/\">Acme News</a>, <a class=\"agency\" href=\"/agencies/palace-pool/\">Palace Pool</a> Photo via <a class=\"agency\" href=\"/agencies/ap/\">AP</a>"
        );
    }

    #[test]
    fn figure_has_caption_and_credit_elements() {
        let f = Figure {
            title: Some("Harbour".into()),
            caption: "Boats <at> dawn.".into(),
            credit: Some(Credit {
                raw: "AP Photo/Jo Roe".into(),
                ..Credit::default()
            }),
            ..Figure::default()
        };
        let archive = crate::model::Archive::default();
        let picture = Picture {
            src: "/a.png",
            size: None,
            lead: false,
            responsive: None,
        };
        let html = figure_html(&f, 1, Some(picture), &Links::new(&SiteConfig::default(), &archive));
        assert!(html.starts_with("<figure class=\"figure\" id=\"figure-1\"><img src=\"/a.png\" alt=\"Harbour\""));
        assert!(html.contains("<figcaption><strong class=\"figure-title\">Harbour</strong> <span class=\"caption\">Boats &lt;at&gt; dawn.</span>"));
        assert!(html.contains("<small class=\"credit\">"));
    }

    #[test]
    fn the_pictures_own_alt_text_comes_first() {
        let mut f = Figure {
            title: Some("Harbour".into()),
            caption: "Boats at dawn.".into(),
            ..Figure::default()
        };
        assert_eq!(alt_text(&f), "Harbour");
        f.alt = Some("Two blue boats at a stone quay".into());
        assert_eq!(alt_text(&f), "Two blue boats at a stone quay");
        f.title = None;
        f.alt = None;
        assert_eq!(alt_text(&f), "Boats at dawn.");
    }

    /// The lead picture is in view as the page opens: fetched at once, never lazily; every
    /// picture of known size reserves its box.
    #[test]
    fn the_lead_picture_loads_at_once_and_every_picture_states_its_size() {
        let f = Figure {
            caption: "Boats at dawn.".into(),
            ..Figure::default()
        };
        let archive = crate::model::Archive::default();
        let links = Links::new(&SiteConfig::default(), &archive);
        let img = |size, lead| {
            let html = figure_html(
                &f,
                1,
                Some(Picture {
                    src: "a.png",
                    size,
                    lead,
                    responsive: None,
                }),
                &links,
            );
            let start = html.find("<img").expect("an img");
            html[start..start + html[start..].find('>').expect("its end") + 1].to_string()
        };
        assert_eq!(
            img(Some((400, 260)), true),
            r#"<img src="a.png" alt="Boats at dawn." width="400" height="260" fetchpriority="high">"#
        );
        assert_eq!(
            img(Some((400, 260)), false),
            r#"<img src="a.png" alt="Boats at dawn." width="400" height="260" loading="lazy" decoding="async">"#
        );
        assert_eq!(
            img(None, true),
            r#"<img src="a.png" alt="Boats at dawn." fetchpriority="high">"#
        );
    }
}
