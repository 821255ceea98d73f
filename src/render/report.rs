//! The extraction contract: the JSON (or TOML, or text) object `dateline extract` prints and
//! every article folder carries as `article.json`. Field names are fixed by DESIGN.md.

use serde::Serialize;

use crate::model::{Credit, Dateline, EntityKind, Metadata, Origin, Story};

/// One article's metadata in the contract's shape.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractionReport {
    pub file: String,
    pub format: crate::model::SourceFormat,
    pub headline: String,
    pub byline: Vec<String>,
    pub dateline: Option<DatelineReport>,
    pub date: Option<String>,
    pub figures: Vec<FigureReport>,
    pub quotes: Vec<QuoteReport>,
    pub people: Vec<PersonReport>,
    pub places: Vec<String>,
    pub organizations: Vec<String>,
    pub subheads: Vec<String>,
    pub sources: Vec<String>,
    pub summary: Option<String>,
    /// Which fields front matter declared and which extraction found.
    pub origin: OriginReport,
    /// With `--explain`: the rule that found each extracted value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<crate::model::Explanation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DatelineReport {
    pub raw: String,
    pub place: Option<String>,
    pub agency: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureReport {
    pub src: Option<String>,
    pub title: Option<String>,
    pub caption: String,
    pub credit: Option<Credit>,
    pub place: Option<String>,
    pub date: Option<String>,
    /// The picture's alt text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Copyright and licence.
    #[serde(skip_serializing_if = "crate::model::Rights::is_empty")]
    pub rights: crate::model::Rights,
    /// The fields filled from the picture's embedded metadata, each with its block
    /// ("credit": "IPTC").
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub embedded: std::collections::BTreeMap<String, String>,
}

impl FigureReport {
    /// A field by the name `embedded` gives it.
    fn field(&self, name: &str) -> Option<String> {
        let rights = &self.rights;
        match name {
            "title" => self.title.clone(),
            "caption" => Some(self.caption.clone()),
            "credit" => self.credit.as_ref().map(|c| c.raw.clone()),
            "date" => self.date.clone(),
            "place" => self.place.clone(),
            "alt" => self.alt.clone(),
            "copyright" => rights.copyright.clone(),
            "license" => rights.license.clone(),
            "license_url" => rights.license_url.clone(),
            "acquire_license_page" => rights.acquire_license_page.clone(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteReport {
    pub text: String,
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonReport {
    pub name: String,
    pub role: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct OriginReport {
    pub headline: Origin,
    pub byline: Origin,
    pub dateline: Origin,
    pub date: Origin,
    pub figures: Origin,
    pub sources: Origin,
    pub summary: Origin,
    /// Entity names that front matter declared (the rest were extracted).
    pub declared_entities: Vec<String>,
}

impl ExtractionReport {
    /// The report of a merged article.
    pub fn new(file: &str, format: crate::model::SourceFormat, meta: &Metadata) -> Self {
        let names = |kind| meta.entities_of(kind).map(|m| m.entity.name.clone()).collect();
        ExtractionReport {
            file: file.to_string(),
            format,
            headline: meta.headline.value.clone(),
            byline: meta.byline.value.clone(),
            dateline: meta.dateline.value.as_ref().map(dateline),
            date: meta.date.value.map(|d| d.to_string()),
            figures: meta
                .figures
                .value
                .iter()
                .map(|f| FigureReport {
                    src: f.src.clone(),
                    title: f.title.clone(),
                    caption: f.caption.clone(),
                    credit: f.credit.clone(),
                    place: f.place.clone(),
                    date: f.date.map(|d| d.to_string()),
                    alt: f.alt.clone(),
                    rights: f.rights.clone(),
                    embedded: f.embedded.clone(),
                })
                .collect(),
            quotes: meta
                .quotes
                .iter()
                .map(|q| QuoteReport {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                })
                .collect(),
            people: meta
                .entities_of(EntityKind::Person)
                .map(|m| PersonReport {
                    name: m.entity.name.clone(),
                    role: m.entity.roles.first().cloned(),
                    origin: m.origin,
                })
                .collect(),
            places: names(EntityKind::Place),
            organizations: names(EntityKind::Organization),
            subheads: meta.subheads.clone(),
            sources: meta.sources.value.clone(),
            summary: meta.summary.value.clone(),
            origin: OriginReport {
                headline: meta.headline.origin,
                byline: meta.byline.origin,
                dateline: meta.dateline.origin,
                date: meta.date.origin,
                figures: meta.figures.origin,
                sources: meta.sources.origin,
                summary: meta.summary.origin,
                declared_entities: meta
                    .entities
                    .iter()
                    .filter(|m| m.origin == Origin::Declared)
                    .map(|m| m.entity.name.clone())
                    .collect(),
            },
            explain: Vec::new(),
        }
    }

    /// The report of a story in the built archive.
    pub fn of_story(story: &Story) -> Self {
        ExtractionReport::new(&story.article.rel.to_string_lossy(), story.article.format, &story.meta)
    }

    /// Human-readable text, marking declared fields.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mark = |o: Origin| match o {
            Origin::Declared => " [front matter]",
            _ => "",
        };
        let mut s = String::new();
        let _ = writeln!(s, "file:      {}", self.file);
        let _ = writeln!(s, "headline:  {}{}", self.headline, mark(self.origin.headline));
        let _ = writeln!(s, "byline:    {}{}", self.byline.join("; "), mark(self.origin.byline));
        if let Some(d) = &self.dateline {
            let _ = writeln!(
                s,
                "dateline:  {} (place: {}, agency: {}){}",
                d.raw,
                d.place.as_deref().unwrap_or("-"),
                d.agency.as_deref().unwrap_or("-"),
                mark(self.origin.dateline)
            );
        }
        let _ = writeln!(
            s,
            "date:      {}{}",
            self.date.as_deref().unwrap_or("-"),
            mark(self.origin.date)
        );
        let _ = writeln!(s, "sources:   {}{}", self.sources.join("; "), mark(self.origin.sources));
        for (i, f) in self.figures.iter().enumerate() {
            let _ = writeln!(
                s,
                "figure {}:  {}{}",
                i + 1,
                f.title.as_deref().map(|t| format!("[{t}] ")).unwrap_or_default(),
                f.caption
            );
            if let Some(c) = &f.credit {
                let _ = writeln!(
                    s,
                    "  credit:  {} (photographers: {}; agencies: {}; via: {})",
                    c.raw,
                    c.photographers.join(", "),
                    c.agencies.join(", "),
                    c.distributor.as_deref().unwrap_or("-")
                );
            }
            // What the picture's own record supplied, and from which block.
            for (field, block) in &f.embedded {
                let value = f.field(field).unwrap_or_default();
                let _ = writeln!(s, "  {field}: {value} (from the picture's {block})");
            }
        }
        for q in &self.quotes {
            let _ = writeln!(
                s,
                "quote:     “{}” — {}",
                q.text,
                q.speaker.as_deref().unwrap_or("unattributed")
            );
        }
        for p in &self.people {
            let role = p.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
            let _ = writeln!(s, "person:    {}{}{}", p.name, role, mark(p.origin));
        }
        let _ = writeln!(s, "places:    {}", self.places.join("; "));
        let _ = writeln!(s, "orgs:      {}", self.organizations.join("; "));
        if !self.explain.is_empty() {
            let _ = writeln!(s, "explain:");
            for e in &self.explain {
                let _ = writeln!(s, "  {:<13} {}  <- {}", e.field, e.value, e.rule);
            }
        }
        s
    }
}

fn dateline(d: &Dateline) -> DatelineReport {
    DatelineReport {
        raw: d.raw.clone(),
        place: d.place.clone(),
        agency: d.agency.clone(),
        date: d.date.map(|d| d.to_string()),
    }
}
