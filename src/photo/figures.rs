//! Pictures' own records merged into an article's figures: front matter first, then the
//! article's text, then what the picture says about itself. A picture of a bundle that no
//! figure and no sentence of the text mentions, but that carries a record, becomes a figure
//! of its own, so an agency picture dropped into a bundle is captioned and credited.

use crate::extract::parse_credit;
use crate::model::{Asset, Credit, Figure};

use super::{Block, Embedded, Tagged};

/// Fills each figure's empty fields from its picture's record, and appends a figure for each
/// recorded picture that neither a figure nor `body` mentions.
pub fn merge_pictures(figures: &mut Vec<Figure>, assets: &[Asset], body: &str) {
    for figure in figures.iter_mut() {
        if let Some(embedded) = figure.src.as_deref().and_then(|src| record_of(assets, src)) {
            fill(figure, embedded);
        }
    }
    for asset in assets {
        let Some(embedded) = asset.embedded.as_deref() else {
            continue;
        };
        let used = figures
            .iter()
            .any(|f| f.src.as_deref().is_some_and(|src| same_file(src, &asset.name)));
        if used || body.contains(asset.name.as_str()) {
            continue;
        }
        let mut figure = Figure {
            src: Some(asset.name.clone()),
            ..Figure::default()
        };
        fill(&mut figure, embedded);
        figures.push(figure);
    }
}

/// The record of the bundle picture a figure's `src` names.
pub fn record_of<'a>(assets: &'a [Asset], src: &str) -> Option<&'a Embedded> {
    assets
        .iter()
        .find(|a| same_file(src, &a.name))
        .and_then(|a| a.embedded.as_deref())
}

/// `src = "./quay.jpg"` and the bundle's `quay.jpg` are one file.
fn same_file(src: &str, name: &str) -> bool {
    src.trim_start_matches("./") == name
}

/// The picture's credit as the credit grammar reads it, and the block it came from. The
/// record names its photographers apart (By-line, `dc:creator`), so a name the grammar cannot
/// place ("Inês Conceição/Agência Costeira") is a photographer only when the record says so.
pub fn embedded_credit(embedded: &Embedded) -> Option<(Credit, Block)> {
    let text = embedded.credit_text()?;
    let from = embedded
        .credit_line
        .as_ref()
        .or(embedded.source.as_ref())
        .map(|t| t.from)
        .or(embedded.creators.as_ref().map(|c| c.from))?;
    let mut credit = parse_credit(&text);
    if let Some(creators) = &embedded.creators {
        let is_creator = |name: &String| creators.value.iter().any(|c| c.eq_ignore_ascii_case(name));
        let names: Vec<String> = credit
            .photographers
            .drain(..)
            .chain(credit.agencies.drain(..))
            .collect();
        let (people, others): (Vec<String>, Vec<String>) = names.into_iter().partition(is_creator);
        credit.photographers = people;
        credit.agencies = others;
    }
    Some((credit, from))
}

fn fill(figure: &mut Figure, e: &Embedded) {
    let mut origins = Vec::new();
    let mut text = |slot: &mut Option<String>, value: Option<&Tagged<String>>, name: &'static str| {
        if slot.is_none()
            && let Some(t) = value
        {
            *slot = Some(t.value.clone());
            origins.push((name, t.from));
        }
    };
    text(&mut figure.title, e.headline.as_ref().or(e.title.as_ref()), "title");
    text(&mut figure.alt, e.alt.as_ref(), "alt");
    text(&mut figure.rights.copyright, e.copyright.as_ref(), "copyright");
    text(&mut figure.rights.license, e.usage_terms.as_ref(), "license");
    text(&mut figure.rights.license_url, e.web_statement.as_ref(), "license_url");
    text(
        &mut figure.rights.acquire_license_page,
        e.licensor_url.as_ref(),
        "acquire_license_page",
    );
    if figure.caption.trim().is_empty()
        && let Some(c) = &e.caption
    {
        figure.caption = c.value.clone();
        origins.push(("caption", c.from));
    }
    if figure.credit.is_none()
        && let Some((credit, from)) = embedded_credit(e)
    {
        figure.credit = Some(credit);
        origins.push(("credit", from));
    }
    if figure.date.is_none()
        && let Some(d) = &e.date_taken
    {
        figure.date = Some(d.value);
        origins.push(("date", d.from));
    }
    if figure.place.is_none()
        && let Some(p) = &e.place_taken
    {
        figure.place = Some(p.value.display());
        origins.push(("place", p.from));
    }
    for (name, from) in origins {
        figure.embedded.insert(name.to_string(), from.as_str().to_string());
    }
}

/// How a figure's printed credit and its picture's embedded credit disagree, if they do: they
/// name different photographers, or (when neither names one) different agencies.
pub fn credit_conflict(figure: &Figure, embedded: &Embedded) -> Option<String> {
    let printed = figure.credit.as_ref()?;
    if figure.embedded.contains_key("credit") {
        return None;
    }
    let (own, _) = embedded_credit(embedded)?;
    let disjoint = |a: &[String], b: &[String]| {
        !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.iter().any(|y| x.eq_ignore_ascii_case(y)))
    };
    let differ = disjoint(&printed.photographers, &own.photographers)
        || printed.photographers.is_empty()
            && own.photographers.is_empty()
            && disjoint(&printed.agencies, &own.agencies);
    differ.then(|| {
        format!(
            "the figure credits \"{}\" but the picture itself credits \"{}\"",
            printed.raw, own.raw
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::{Place, Tagged};

    fn tagged(value: &str, from: Block) -> Option<Tagged<String>> {
        Some(Tagged {
            value: value.into(),
            from,
        })
    }

    fn record() -> Embedded {
        Embedded {
            headline: tagged("Boats wait out the swell", Block::Xmp),
            caption: tagged("Trawlers moored at the quay.", Block::Xmp),
            credit_line: tagged("Marta Quelhas/Costa Press", Block::Iptc),
            copyright: tagged("© 2024 Costa Press", Block::Xmp),
            alt: tagged("A red trawler at a stone quay", Block::Xmp),
            date_taken: Some(Tagged {
                value: jiff::civil::date(2024, 2, 11),
                from: Block::Exif,
            }),
            place_taken: Some(Tagged {
                value: Place {
                    city: Some("Vila Serrana".into()),
                    ..Place::default()
                },
                from: Block::Iptc,
            }),
            ..Embedded::default()
        }
    }

    fn asset(name: &str, embedded: Option<Embedded>) -> Asset {
        Asset {
            name: name.into(),
            embedded: embedded.map(Box::new),
            ..Asset::default()
        }
    }

    #[test]
    fn front_matter_and_text_win_and_the_picture_fills_the_rest() {
        let mut figures = vec![Figure {
            src: Some("./quay.jpg".into()),
            caption: "Boats at the quay, as the desk wrote it.".into(),
            ..Figure::default()
        }];
        merge_pictures(&mut figures, &[asset("quay.jpg", Some(record()))], "");
        let f = &figures[0];
        assert_eq!(f.caption, "Boats at the quay, as the desk wrote it.");
        assert_eq!(f.title.as_deref(), Some("Boats wait out the swell"));
        let credit = f.credit.as_ref().expect("a credit");
        assert_eq!(credit.photographers, ["Marta Quelhas"]);
        assert_eq!(credit.agencies, ["Costa Press"]);
        assert_eq!(f.alt.as_deref(), Some("A red trawler at a stone quay"));
        assert_eq!(f.rights.copyright.as_deref(), Some("© 2024 Costa Press"));
        assert_eq!(f.date, Some(jiff::civil::date(2024, 2, 11)));
        assert_eq!(f.place.as_deref(), Some("Vila Serrana"));
        assert_eq!(f.embedded.get("credit").map(String::as_str), Some("IPTC"));
        assert_eq!(f.embedded.get("date").map(String::as_str), Some("EXIF"));
        assert!(!f.embedded.contains_key("caption"), "the caption is the text's");
    }

    #[test]
    fn an_unmentioned_recorded_picture_becomes_a_figure_and_others_do_not() {
        let assets = [
            asset("quay.jpg", Some(record())),
            asset("inline.jpg", Some(record())),
            asset("map.png", None),
        ];
        let mut figures = Vec::new();
        merge_pictures(&mut figures, &assets, "See ![the map](map.png) and ![](inline.jpg).");
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].src.as_deref(), Some("quay.jpg"));
        assert_eq!(figures[0].caption, "Trawlers moored at the quay.");
    }

    #[test]
    fn the_record_says_who_the_photographer_is() {
        let e = Embedded {
            credit_line: tagged("Inês Conceição/Agência Costeira", Block::Iptc),
            creators: Some(Tagged {
                value: vec!["Inês Conceição".into()],
                from: Block::Iptc,
            }),
            ..Embedded::default()
        };
        let (credit, _) = embedded_credit(&e).expect("a credit");
        assert_eq!(credit.photographers, ["Inês Conceição"]);
        assert_eq!(credit.agencies, ["Agência Costeira"]);
    }

    /// One row per pair of credits: the printed one, the picture's, and whether they disagree.
    #[test]
    fn credits_disagree_only_when_they_name_different_people_or_agencies() {
        let rows = [
            ("AP Photo/Marta Quelhas", "Marta Quelhas/Costa Press", false),
            ("Rui Tavares/Costa Press", "Marta Quelhas/Costa Press", true),
            ("Costa Press", "Costa Press", false),
            ("Harbour Wire", "Costa Press", true),
        ];
        for (printed, own, differ) in rows {
            let figure = Figure {
                credit: Some(parse_credit(printed)),
                ..Figure::default()
            };
            let embedded = Embedded {
                credit_line: tagged(own, Block::Iptc),
                ..Embedded::default()
            };
            assert_eq!(
                credit_conflict(&figure, &embedded).is_some(),
                differ,
                "{printed} / {own}"
            );
        }
    }
}
