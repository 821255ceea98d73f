//! Merge: front matter and extraction into one `Metadata`, front matter winning, every field
//! remembering where its value came from.

use std::collections::HashSet;

use crate::model::{Article, Entity, EntityKind, Extraction, Field, Mention, Metadata, Origin};

use crate::extract::{Context, parse_credit, parse_dateline};
use crate::titles::split_title;

/// The longest automatic summary, in characters.
const SUMMARY_CHARS: usize = 280;

/// Combines what the front matter declares with what extraction found.
pub fn merge(article: &Article, ex: &Extraction, cx: &Context<'_>) -> Metadata {
    let front = &article.front;
    let headline = match (&front.title, &ex.headline) {
        (Some(t), _) => Field::declared(t.clone()),
        (None, Some(h)) => Field::extracted(h.clone()),
        (None, None) => Field {
            value: String::new(),
            origin: Origin::None,
        },
    };
    let byline = pick(&front.byline, &ex.byline);
    let sources = pick(&front.sources, &ex.sources);
    let dateline = match &front.dateline {
        Some(raw) => Field::declared(Some(parse_dateline(raw, front.date.map(|p| p.date)))),
        None => list_field(ex.dateline.clone(), ex.dateline.is_some()),
    };
    let date = match (front.date, ex.date) {
        (Some(p), _) => Field::declared(Some(p.date)),
        (None, Some(d)) => Field::extracted(Some(d)),
        (None, None) => Field {
            value: None,
            origin: Origin::None,
        },
    };
    let mut figures: Vec<_> = front
        .figures
        .iter()
        .cloned()
        .map(|mut f| {
            if let Some(c) = &f.credit {
                f.credit = Some(parse_credit(&c.raw));
            }
            f
        })
        .collect();
    let declared_figures = !figures.is_empty();
    let captions: HashSet<String> = figures.iter().map(|f| f.caption.trim().to_string()).collect();
    figures.extend(
        ex.figures
            .iter()
            .filter(|f| !captions.contains(f.caption.trim()))
            .cloned(),
    );
    // The pictures' own records come last: they fill what front matter and text leave empty.
    let before = figures.len();
    crate::photo::figures::merge_pictures(&mut figures, &article.assets, &article.body);
    let found = !ex.figures.is_empty() || figures.len() > before;
    let figures = if declared_figures {
        Field::declared(figures)
    } else {
        list_field(figures, found)
    };
    let summary = match &front.summary {
        Some(s) => Field::declared(Some(s.clone())),
        None => {
            let s = auto_summary(article, ex);
            list_field(s.clone(), s.is_some())
        }
    };
    Metadata {
        headline,
        byline,
        sources,
        dateline,
        date,
        figures,
        quotes: ex.quotes.clone(),
        entities: entities(article, ex, cx),
        summary,
        subheads: ex.subheads.clone(),
    }
}

fn pick(declared: &[String], extracted: &[String]) -> Field<Vec<String>> {
    if !declared.is_empty() {
        Field::declared(declared.to_vec())
    } else {
        list_field(extracted.to_vec(), !extracted.is_empty())
    }
}

fn list_field<T>(value: T, found: bool) -> Field<T> {
    Field {
        value,
        origin: if found { Origin::Extracted } else { Origin::None },
    }
}

/// Declared entities first (in the registry's canonical form, people without a title written
/// before the name), then extracted ones not already declared.
fn entities(article: &Article, ex: &Extraction, cx: &Context<'_>) -> Vec<Mention> {
    let front = &article.front;
    let mut out: Vec<Mention> = Vec::new();
    let mut seen: HashSet<(EntityKind, String)> = HashSet::new();
    let declared = [
        (EntityKind::Person, &front.people),
        (EntityKind::Place, &front.places),
        (EntityKind::Organization, &front.organizations),
    ];
    for (kind, names) in declared {
        for name in names {
            let (name, kind) = match cx.registry.lookup(name) {
                Some(e) => (e.name.clone(), e.kind),
                None => (name.trim().to_string(), kind),
            };
            // "Archivist Jane Roe" in front matter is Jane Roe, described as archivist.
            let titled = (kind == EntityKind::Person).then(|| split_title(&name));
            let name = titled.as_ref().map_or(name.clone(), |t| t.name.clone());
            if name.is_empty() || !seen.insert((kind, name.to_lowercase())) {
                continue;
            }
            let mentions = ex
                .entities
                .iter()
                .find(|e| e.kind == kind && e.name.eq_ignore_ascii_case(&name))
                .map(|e| e.mentions.clone())
                .unwrap_or_default();
            let mut roles: Vec<String> = titled.and_then(|t| t.role).into_iter().collect();
            let found = ex
                .entities
                .iter()
                .find(|e| e.kind == kind && e.name.eq_ignore_ascii_case(&name))
                .map(|e| e.roles.clone())
                .unwrap_or_default();
            for role in found {
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
            out.push(Mention {
                entity: Entity {
                    name,
                    kind,
                    roles,
                    mentions,
                },
                origin: Origin::Declared,
            });
        }
    }
    // A name the front matter declares is of the kind declared: extraction's guess of another
    // kind for the same name ("Congaree Mills" read as a person) would file one entity twice.
    let declared_names: HashSet<String> = seen.iter().map(|(_, name)| name.clone()).collect();
    for e in &ex.entities {
        let name = e.name.to_lowercase();
        if !declared_names.contains(&name) && seen.insert((e.kind, name)) {
            out.push(Mention {
                entity: e.clone(),
                origin: Origin::Extracted,
            });
        }
    }
    out
}

/// The first paragraph of story text, cut at a word boundary.
fn auto_summary(article: &Article, ex: &Extraction) -> Option<String> {
    let (i, block) = article.blocks.iter().enumerate().find(|(i, b)| {
        ex.roles.get(*i).is_none_or(|r| *r == crate::model::BlockRole::Text)
            && b.kind == crate::model::BlockKind::Paragraph
            && b.text.len() > 40
    })?;
    let mut text = block.text.replace('\n', " ");
    if let Some(d) = ex.dateline.as_ref().and_then(|d| d.anchor).filter(|a| a.block == i) {
        text = block.text[d.end.min(block.text.len())..]
            .trim_start()
            .replace('\n', " ");
    }
    Some(truncate_words(&text, SUMMARY_CHARS))
}

/// Cuts text at the last word boundary before `max` characters, adding an ellipsis.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Registry;
    use crate::model::{Source, SourceFormat};

    #[test]
    fn a_declared_name_is_only_of_the_kind_declared() {
        let source = Source {
            file: PathBuf::from("content/mill.md"),
            rel: PathBuf::from("mill.md"),
            format: SourceFormat::Markdown,
            text: "+++\ntitle = \"Mill\"\ndate = 2019-09-24\norganizations = [\"Congaree Mills\"]\n+++\nThe mill will close.\n"
                .into(),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        let registry = Registry::default();
        let (story, _) = crate::pipeline::prepare(source, &registry, &SiteConfig::default()).unwrap();
        let mut ex = (*story.extraction).clone();
        // Extraction's guesses: the declared name as a person, and a person it alone found.
        for name in ["Congaree Mills", "Dwight Mabry"] {
            ex.entities.push(Entity {
                name: name.into(),
                kind: EntityKind::Person,
                roles: Vec::new(),
                mentions: Vec::new(),
            });
        }
        let cx = Context {
            registry: &registry,
            reference: None,
            filed: None,
        };
        let meta = merge(&story.article, &ex, &cx);
        let kinds = |name: &str| -> Vec<(EntityKind, Origin)> {
            meta.entities
                .iter()
                .filter(|m| m.entity.name == name)
                .map(|m| (m.entity.kind, m.origin))
                .collect()
        };
        assert_eq!(
            kinds("Congaree Mills"),
            vec![(EntityKind::Organization, Origin::Declared)]
        );
        assert_eq!(kinds("Dwight Mabry"), vec![(EntityKind::Person, Origin::Extracted)]);
    }
}
