//! `+++` TOML front matter: split from the body, deserialised strictly, validated into
//! `FrontMatter`. Errors point at lines of the article file, not of the extracted TOML.

use std::path::Path;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, from_toml, line_of_key};
use crate::model::{
    Annotation, AnnotationKind, Correction, Credit, DeclaredAt, Figure, FrontMatter, Published, Rights, Spot,
};

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
    /// The copyright notice ("© 2024 Harbour Wire").
    copyright: Option<String>,
    /// The licence: the address of its terms, or the terms in words ("Editorial use only").
    license: Option<String>,
    /// Where a licence to the picture can be bought.
    acquire_license_page: Option<toml::Spanned<String>>,
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
    link: Option<toml::Spanned<String>>,
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
    let (raw, toml_errors) = from_toml_each_key::<RawFrontMatter>(toml_text, file);
    let mut errors: Vec<Diagnostic> = toml_errors
        .into_iter()
        .map(|d| relocate(d, toml_line, file_text))
        .collect();
    let Some(raw) = raw else {
        return Err(errors);
    };
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
    let mut figures = Vec::with_capacity(raw.figures.len());
    for f in raw.figures {
        let text = |v: Option<String>| v.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let license = text(f.license);
        let (license_url, license) = match license {
            Some(l) if is_web_address(&l) => (Some(l), None),
            l => (None, l),
        };
        let acquire_license_page = match f.acquire_license_page {
            Some(page) if !is_web_address(page.get_ref().trim()) => {
                let d = Diagnostic::error(
                    file,
                    format!("`acquire_license_page` is `{}`, not a web address", page.get_ref()),
                )
                .at_span(toml_text, page.span());
                errors.push(
                    relocate(d, toml_line, file_text)
                        .with_help("give the full address of the page where a licence can be bought, like \"https://photos.example/licensing\""),
                );
                None
            }
            page => page.map(|p| p.into_inner().trim().to_string()),
        };
        figures.push(Figure {
            src: f.src,
            title: f.title.filter(|t| !t.trim().is_empty()),
            caption: f.caption,
            credit: f.credit.filter(|c| !c.trim().is_empty()).map(|raw| Credit {
                raw,
                ..Credit::default()
            }),
            rights: Rights {
                copyright: text(f.copyright),
                license,
                license_url,
                acquire_license_page,
            },
            ..Figure::default()
        });
    }
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
        errors.sort_by_key(|d| (d.line, d.column));
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

/// The most keys of one file reported in error: past a screenful, more would not help.
const MAX_KEY_ERRORS: usize = 20;

/// Deserialises TOML strictly, but reports the errors of every top-level key rather than the
/// first one serde stops at: a writer fixing front matter should see all its mistakes at once.
///
/// After each error the key it belongs to is blanked out with spaces (so every byte offset, and
/// so every line and column, stays where it was) and the rest is tried again. The value comes
/// back when what remains deserialises, so the caller can go on to validate the good keys.
fn from_toml_each_key<T: serde::de::DeserializeOwned>(text: &str, file: &Path) -> (Option<T>, Vec<Diagnostic>) {
    type Items = std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>;
    // A syntax error leaves nothing to split into keys: it is the one error to report.
    let items: Items = match from_toml(text, file) {
        Ok(items) => items,
        Err(d) => return (None, vec![d]),
    };
    let mut masked = text.to_string();
    let mut errors = Vec::new();
    // Each round removes one key and parses the rest again, so a front matter of thousands of
    // bad keys stops at a screenful of errors rather than taking time in the square of its size.
    for _ in 0..=items.len().min(MAX_KEY_ERRORS) {
        let d = match from_toml::<T>(&masked, file) {
            Ok(value) => return (Some(value), errors),
            Err(d) => d,
        };
        if errors
            .iter()
            .any(|e: &Diagnostic| e.line == d.line && e.message == d.message)
        {
            return (None, errors);
        }
        let range = key_range(&masked, &items, d.line).filter(|r| !r.is_empty());
        errors.push(d);
        match range {
            Some(range) => blank(&mut masked, range),
            None => return (None, errors),
        }
    }
    (None, errors)
}

/// The bytes of the top-level key a 1-based line belongs to: a `key = value` (however many lines
/// its value spans) or, below the first table header, every section of that table.
fn key_range(
    text: &str,
    items: &std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    line: usize,
) -> Option<Vec<std::ops::Range<usize>>> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_start = *starts.get(line.checked_sub(1)?)?;
    let line_end = starts.get(line).copied().unwrap_or(text.len());
    let first_header = starts
        .iter()
        .copied()
        .find(|&s| section_name(line_at(text, s)).is_some())
        .unwrap_or(text.len());
    if line_start < first_header {
        return items
            .iter()
            .filter(|(key, _)| key.span().start < first_header)
            .map(|(key, value)| key.span().start..value.span().end.max(key.span().end))
            .find(|whole| whole.start < line_end && line_start < whole.end)
            .map(|whole| vec![whole]);
    }
    let name = starts
        .iter()
        .rev()
        .filter(|&&s| s <= line_start)
        .find_map(|&s| section_name(line_at(text, s)))?;
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for &start in starts.iter().filter(|&&s| s >= first_header) {
        if let Some(this) = section_name(line_at(text, start)) {
            if let Some(s) = open.take() {
                ranges.push(s..start);
            }
            if this == name {
                open = Some(start);
            }
        }
    }
    if let Some(s) = open {
        ranges.push(s..text.len());
    }
    Some(ranges)
}

fn line_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// The top-level table a `[name]`, `[name.sub]` or `[[name]]` header line opens.
fn section_name(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("[[").or_else(|| t.strip_prefix('['))?;
    let name = inner[..inner.find([']', '.'])?].trim().trim_matches('"');
    let is_key = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    is_key.then_some(name)
}

/// Replaces the bytes of `ranges` with spaces, keeping line breaks so every position stays put.
fn blank(text: &mut String, ranges: Vec<std::ops::Range<usize>>) {
    let mut bytes = std::mem::take(text).into_bytes();
    for range in ranges {
        for b in &mut bytes[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters became spaces, so the bytes are still UTF-8; the fallback never runs.
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
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
        let link_at = a.link.as_ref().map(|l| spot(toml_text, l.span(), toml_line, file_text));
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
            link: a.link.map(toml::Spanned::into_inner),
            origin: DeclaredAt {
                file: file.to_path_buf(),
                line,
                line_text: file_text.lines().nth(line.saturating_sub(1)).unwrap_or("").to_string(),
                link: link_at,
            },
            anchor: None,
        });
    }
    out
}

/// Whether a licence or licensing page is given as an address rather than in words.
fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// Where the bytes `span` of `toml_text` (which starts after line `toml_line` of the file) sit
/// in the file, as later diagnostics point at them.
fn spot(toml_text: &str, span: std::ops::Range<usize>, toml_line: usize, file_text: &str) -> Spot {
    let d = relocate(Diagnostic::error("", "").at_span(toml_text, span), toml_line, file_text);
    Spot {
        line: d.line,
        column: d.column,
        width: d.width,
        line_text: d.source_line.unwrap_or_default(),
    }
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
    let p = parse_published(&text, tz).ok_or_else(|| format!("`{text}` is not a date"))?;
    // Addresses (`/2021/10/13/`), feeds and sitemaps write the year as four digits; a year
    // outside them (often a typo, or year 0 moved back a day by the time zone) would build
    // addresses like `/-001/12/31/` and dates no reader accepts.
    if !(1000..=9999).contains(&p.date.year()) {
        return Err(format!(
            "`{text}` falls in the year {}, outside 1000–9999 (read in the site's time zone)",
            p.date.year()
        ));
    }
    Ok(p)
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
    fn every_error_of_the_front_matter_in_line_order() {
        let e = front("+++\ntitle = \"T\"\ndate = 5\ntags = \"x\"\n+++\n").unwrap_err();
        let lines: Vec<usize> = e.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4], "{e:?}");
        assert!(e[0].message.contains("`date`"));
        assert!(e[1].message.contains("`tags`"));
    }

    #[test]
    fn unknown_keys_type_errors_and_table_errors_all_reported() {
        let text = "+++\ntitel = \"T\"\ntags = \"x\"\nbyline = [\n  1,\n]\ndraft = true\n\n[[figures]]\nsrc = \"a.jpg\"\nsize = 3\n\n[[annotations]]\nquote = \"q\"\nnote = \"n\"\nkind = \"nope\"\n+++\n";
        let e = front(text).unwrap_err();
        let lines: Vec<usize> = e.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3, 4, 11, 13], "{e:?}");
        assert!(e[0].message.contains("unknown key `titel`"));
        assert!(e[3].message.contains("size"));
        assert!(e[4].message.contains("nope"));
    }

    #[test]
    fn thousands_of_bad_keys_stop_at_a_screenful() {
        let keys: String = (0..5_000).map(|i| format!("wrong{i} = 1\n")).collect();
        let e = front(&format!("+++\n{keys}+++\n")).unwrap_err();
        assert!(e.len() > 1 && e.len() <= MAX_KEY_ERRORS + 1, "{} errors", e.len());
    }

    #[test]
    fn years_outside_four_digits_are_refused() {
        let e = front("+++\ntitle = \"T\"\ndate = 0000-01-01\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(e[0].message.contains("1000–9999"), "{}", e[0].message);
        // Year 1000 at midnight UTC is still 999 in a zone west of Greenwich.
        let tz = TimeZone::get("America/New_York").unwrap();
        let s = "+++\ndate = 1000-01-01T02:00:00Z\n+++\n";
        let split = split(s, Path::new("a.md")).unwrap();
        let e = parse(split.toml.unwrap(), split.toml_line, Path::new("a.md"), s, &tz).unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(front("+++\ndate = 10000-01-01\n+++\n").is_err());
        assert!(front("+++\ndate = 9999-12-31\n+++\n").is_ok());
        let e = front("+++\n[[corrections]]\ndate = 0999-05-01\ntext = \"t\"\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 2);
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
