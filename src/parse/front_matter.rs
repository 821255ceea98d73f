//! `+++` TOML front matter: split from the body, deserialised strictly, validated into
//! `FrontMatter`. Errors point at lines of the article file, not of the extracted TOML.

use std::path::Path;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, from_toml, line_of_key};
use crate::model::{Annotation, AnnotationKind, Correction, Credit, DeclaredAt, Figure, FrontMatter, Published};

/// Front matter exactly as written; validated into `FrontMatter` by [`validate`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<toml::Value>,
    updated: Option<toml::Value>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    byline: Option<OneOrMany>,
    dateline: Option<String>,
    source: Option<OneOrMany>,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    figures: Vec<RawFigure>,
    #[serde(default)]
    annotations: Vec<RawAnnotation>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    src: Option<String>,
    title: Option<String>,
    #[serde(default)]
    caption: String,
    credit: Option<String>,
}

/// An annotation as written in front matter or a sidecar file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnnotation {
    id: Option<String>,
    quote: String,
    prefix: Option<String>,
    suffix: Option<String>,
    note: String,
    #[serde(default = "default_kind")]
    kind: String,
    author: Option<String>,
    date: Option<toml::Value>,
    link: Option<String>,
}

fn default_kind() -> String {
    "context".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    date: Option<toml::Value>,
    text: String,
}

/// A sidecar file: only annotations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSidecar {
    #[serde(default)]
    annotations: Vec<RawAnnotation>,
}

/// Where the front matter sits in a file.
pub struct Split<'a> {
    /// The TOML between the `+++` lines, if any.
    pub toml: Option<&'a str>,
    /// Lines before the TOML starts (the opening `+++`), to shift TOML line numbers.
    pub toml_line: usize,
    /// The text after the closing `+++`.
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Splits `+++` front matter from the body.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Ok(Split {
            toml: None,
            toml_line: 0,
            body: text,
            body_line: 1,
        });
    }
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    for (line, l) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if l.trim_end() == "+++" {
            return Ok(Split {
                toml: Some(&text[after_open..offset]),
                toml_line: 1,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(
        Diagnostic::error(file, "front matter opened with `+++` is never closed")
            .at_line(text, 1)
            .with_help("add a line containing only `+++` after the last front matter key"),
    )
}

/// Parses and validates front matter TOML. `toml_line` is the file line just before it.
pub fn parse(
    toml_text: &str,
    toml_line: usize,
    file: &Path,
    file_text: &str,
    tz: &TimeZone,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw: RawFrontMatter = from_toml(toml_text, file).map_err(|d| vec![relocate(d, toml_line, file_text)])?;
    let mut errors = Vec::new();
    let mut date_of = |key: &str, v: Option<toml::Value>| -> Option<Published> {
        let v = v?;
        match published(&v, tz) {
            Ok(p) => Some(p),
            Err(why) => {
                let line = line_of_key(toml_text, key) + toml_line;
                errors.push(
                    Diagnostic::error(file, format!("invalid `{key}`: {why}"))
                        .at_line(file_text, line)
                        .with_help("write a date like 2021-10-13, or a time like 2021-10-13T09:30:00Z"),
                );
                None
            }
        }
    };
    let date = date_of("date", raw.date);
    let updated = date_of("updated", raw.updated);
    let figures = raw
        .figures
        .into_iter()
        .map(|f| Figure {
            src: f.src,
            title: f.title.filter(|t| !t.trim().is_empty()),
            caption: f.caption,
            credit: f.credit.filter(|c| !c.trim().is_empty()).map(|raw| Credit {
                raw,
                ..Credit::default()
            }),
            ..Figure::default()
        })
        .collect();
    let table_lines = table_lines(toml_text, "corrections");
    let mut corrections = Vec::new();
    for (i, c) in raw.corrections.into_iter().enumerate() {
        let line = table_lines.get(i).copied().unwrap_or(0) + toml_line;
        let date = match c.date.map(|v| published(&v, tz)) {
            Some(Ok(p)) => Some(p.date),
            Some(Err(why)) => {
                errors.push(
                    Diagnostic::error(file, format!("invalid correction date: {why}"))
                        .at_line(file_text, line)
                        .with_help("write the date like 2021-10-13"),
                );
                None
            }
            None => None,
        };
        corrections.push(Correction { date, text: c.text });
    }
    let annotations = annotations(raw.annotations, toml_text, toml_line, file, file_text, tz, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let extra = match serde_json::to_value(&raw.extra) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    Ok(FrontMatter {
        title: raw.title.filter(|t| !t.trim().is_empty()),
        date,
        updated,
        slug: raw.slug,
        draft: raw.draft,
        byline: raw.byline.map(OneOrMany::into_vec).unwrap_or_default(),
        dateline: raw.dateline.filter(|d| !d.trim().is_empty()),
        sources: raw.source.map(OneOrMany::into_vec).unwrap_or_default(),
        tags: raw.tags,
        summary: raw.summary,
        people: raw.people,
        places: raw.places,
        organizations: raw.organizations,
        figures,
        annotations,
        corrections,
        extra,
    })
}

/// Parses a sidecar annotations file (`NAME.annotations.toml` or a bundle's `annotations.toml`).
pub fn parse_sidecar(text: &str, file: &Path, tz: &TimeZone) -> Result<Vec<Annotation>, Vec<Diagnostic>> {
    let raw: RawSidecar = from_toml(text, file).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let out = annotations(raw.annotations, text, 0, file, text, tz, &mut errors);
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn annotations(
    raw: Vec<RawAnnotation>,
    toml_text: &str,
    toml_line: usize,
    file: &Path,
    file_text: &str,
    tz: &TimeZone,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Annotation> {
    let lines = table_lines(toml_text, "annotations");
    let mut out = Vec::new();
    for (i, a) in raw.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0) + toml_line;
        let at = |message: String, help: &str| {
            Diagnostic::error(file, message)
                .at_line(file_text, line)
                .with_help(help.to_string())
        };
        let Some(kind) = AnnotationKind::parse(&a.kind) else {
            let kinds: Vec<&str> = AnnotationKind::ALL.iter().map(|k| k.as_str()).collect();
            let near = crate::diagnostics::closest(&a.kind, kinds.iter().copied());
            let help = match near {
                Some(n) => format!("did you mean `{n}`? Kinds: {}", kinds.join(", ")),
                None => format!("use one of: {}", kinds.join(", ")),
            };
            errors.push(at(format!("unknown annotation kind `{}`", a.kind), &help));
            continue;
        };
        if a.quote.trim().is_empty() {
            errors.push(at(
                "annotation with an empty `quote`".into(),
                "copy the exact words the note is about into `quote`",
            ));
            continue;
        }
        if let Some(id) = a.id.as_deref().filter(|id| !crate::annotate::is_note_id(id)) {
            errors.push(at(
                format!("invalid annotation id `{id}`"),
                "an id is lowercase letters, digits and single hyphens, like \"strike-ended\"; it names the note in links, so keep it once published",
            ));
            continue;
        }
        let date = match a.date.map(|v| published(&v, tz)) {
            Some(Ok(p)) => Some(p.date),
            Some(Err(why)) => {
                errors.push(at(
                    format!("invalid annotation date: {why}"),
                    "write the date like 2021-10-13",
                ));
                continue;
            }
            None => None,
        };
        let prefix = a.prefix.filter(|s| !s.is_empty());
        let suffix = a.suffix.filter(|s| !s.is_empty());
        out.push(Annotation {
            id: a
                .id
                .unwrap_or_else(|| crate::annotate::derived_id(&a.quote, prefix.as_deref(), suffix.as_deref())),
            quote: a.quote,
            prefix,
            suffix,
            note: a.note,
            kind,
            author: a.author,
            date,
            link: a.link,
            origin: DeclaredAt {
                file: file.to_path_buf(),
                line,
                line_text: file_text.lines().nth(line.saturating_sub(1)).unwrap_or("").to_string(),
            },
            anchor: None,
        });
    }
    out
}

/// 1-based lines (within `toml_text`) of each `[[name]]` array-of-tables header, in order.
fn table_lines(toml_text: &str, name: &str) -> Vec<usize> {
    let header = format!("[[{name}]]");
    toml_text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i + 1)
        .collect()
}

/// Moves a diagnostic computed on the TOML alone onto the article file's lines.
fn relocate(d: Diagnostic, toml_line: usize, file_text: &str) -> Diagnostic {
    if d.line == 0 {
        return d;
    }
    let (line, column, width) = (d.line + toml_line, d.column, d.width);
    let mut d = d.at_line_col(file_text, line, column);
    d.width = width;
    d
}

/// Reads a TOML date, local date-time, offset date-time or a string holding one of those.
fn published(v: &toml::Value, tz: &TimeZone) -> Result<Published, String> {
    let text = match v {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => return Err(format!("expected a date, found {}", other.type_str())),
    };
    parse_published(&text, tz).ok_or_else(|| format!("`{text}` is not a date"))
}

/// "2021-10-13", "2021-10-13T09:30:00", "2021-10-13 09:30", "2021-10-13T09:30:00+03:00".
pub fn parse_published(text: &str, tz: &TimeZone) -> Option<Published> {
    if text.len() == 10 {
        let date = text.parse::<Date>().ok()?;
        return Some(Published { date, instant: None });
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(Published {
            date: tz.to_datetime(ts).date(),
            instant: Some(ts),
        });
    }
    let dt: DateTime = text.replacen(' ', "T", 1).parse().ok()?;
    Some(Published {
        date: dt.date(),
        instant: Some(tz.to_timestamp(dt).ok()?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let s = split(text, Path::new("a.md")).unwrap();
        parse(s.toml.unwrap(), s.toml_line, Path::new("a.md"), text, &TimeZone::UTC)
    }

    #[test]
    fn reads_every_key() {
        let text = "+++\ntitle = \"T\"\ndate = 2021-10-13\nbyline = \"Jane Roe\"\nsource = [\"AP\"]\ntags = [\"x\"]\n\n[[figures]]\nsrc = \"a.jpg\"\ncaption = \"C\"\ncredit = \"AP Photo/Jane Roe\"\n\n[[annotations]]\nquote = \"words\"\nnote = \"n\"\nkind = \"fact-check\"\n\n[[corrections]]\ndate = \"2021-10-14\"\ntext = \"fixed\"\n\n[extra]\ndesk = \"foreign\"\n+++\nBody\n";
        let f = front(text).unwrap();
        assert_eq!(f.title.as_deref(), Some("T"));
        assert_eq!(f.date.unwrap().date, jiff::civil::date(2021, 10, 13));
        assert_eq!(f.byline, ["Jane Roe"]);
        assert_eq!(f.figures[0].credit.as_ref().unwrap().raw, "AP Photo/Jane Roe");
        assert_eq!(f.annotations[0].kind, AnnotationKind::FactCheck);
        assert_eq!(f.annotations[0].origin.line, 13);
        assert_eq!(f.corrections[0].date, Some(jiff::civil::date(2021, 10, 14)));
        assert_eq!(f.extra["desk"], "foreign");
    }

    #[test]
    fn unknown_key_points_into_the_article_file() {
        let e = front("+++\ntitle = \"T\"\ntitel = \"x\"\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert_eq!(e[0].source_line.as_deref(), Some("titel = \"x\""));
        assert!(e[0].help.as_deref().unwrap().contains("`title`"));
    }

    #[test]
    fn bad_date_names_the_key() {
        let e = front("+++\ndate = \"last Tuesday\"\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("`date`"));
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split("+++\ntitle = \"x\"\nbody", Path::new("a.md")).err().unwrap();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn dates_in_every_shape() {
        let tz = TimeZone::get("Europe/Moscow").unwrap();
        let p = parse_published("2021-10-13T23:30:00Z", &tz).unwrap();
        assert_eq!(p.date, jiff::civil::date(2021, 10, 14), "read in the site's time zone");
        assert!(parse_published("2021-10-13 09:30", &tz).unwrap().instant.is_some());
        assert!(parse_published("13/10/2021", &tz).is_none());
    }
}
