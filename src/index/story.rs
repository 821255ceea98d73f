//! A parsed, extracted article becomes a `Story`: dated and given its permalink.

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Annotation, Article, Extraction, FrontMatter, Metadata, Published, Story};
use crate::parse::default_slug;
use crate::slug::slugify;

/// Dates and addresses one article. The date is, in order: front matter, the best date
/// extraction found (the dateline's own date, a date in the path or file name, a weekday or date
/// the lede states, a caption's date), a date in the file path, and last the file's modification
/// time (with a warning).
pub fn story(
    article: Article,
    extraction: Extraction,
    meta: Metadata,
    config: &SiteConfig,
) -> (Story, Option<Diagnostic>) {
    let tz = jiff::tz::TimeZone::get(&config.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let mut warning = None;
    let published = if let Some(p) = article.front.date {
        p
    } else if let Some(d) = meta.date.value {
        Published { date: d, instant: None }
    } else if let Some(d) = path_date(&article.rel.to_string_lossy()) {
        Published { date: d, instant: None }
    } else {
        let ts = article.modified.unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        warning = Some(
            Diagnostic::warning(
                &article.file,
                "no date in the front matter or the text; using the file's modification time",
            )
            .with_help(
                "add `date = 2021-10-13` in `+++` front matter, or put the date in the file name (2021-10-13-slug.txt)",
            ),
        );
        Published {
            date: tz.to_datetime(ts).date(),
            instant: Some(ts),
        }
    };
    let slug = match article.front.slug.as_deref().map(slugify).filter(|s| !s.is_empty()) {
        Some(s) => s,
        None => {
            let s = default_slug(&article.rel);
            if s.is_empty() { slugify(&meta.headline.value) } else { s }
        }
    };
    let slug = if slug.is_empty() { "article".to_string() } else { slug };
    let section = article
        .rel
        .components()
        .next()
        .filter(|_| article.rel.components().count() > 1)
        .map(|c| slugify(&c.as_os_str().to_string_lossy()))
        .unwrap_or_default();
    let url = permalink(&config.permalink, published.date, &slug, &section);
    let updated = last_change(&article.front, &article.annotations, published);
    (
        Story {
            article,
            extraction: std::sync::Arc::new(extraction),
            meta,
            published,
            updated,
            slug,
            url,
            text: None,
            details: None,
            speakers: None,
            placed_quotes: None,
            highlighted_code: false,
            source: None,
            recorded: None,
            gleaned: None,
            digest: None,
        },
        warning,
    )
}

/// When the article last changed, if it has since it was published: the front matter's
/// `updated`, or a correction or note dated later than the article, whichever is latest. A
/// correction changes what the article says, and readers (and search engines) that saw it
/// before should know to look again.
fn last_change(front: &FrontMatter, notes: &[Annotation], published: Published) -> Option<Published> {
    let later = front
        .corrections
        .iter()
        .filter_map(|c| c.date)
        .chain(notes.iter().filter_map(|a| a.date))
        .filter(|&d| d > published.date)
        .max();
    match (front.updated, later) {
        (Some(u), Some(d)) if d > u.date => Some(Published { date: d, instant: None }),
        (Some(u), _) => Some(u),
        (None, d) => d.map(|date| Published { date, instant: None }),
    }
}

/// Fills a permalink pattern. Every value is a slug or a number, so the result stays inside the
/// output folder.
pub fn permalink(pattern: &str, date: Date, slug: &str, section: &str) -> String {
    let url = pattern
        .replace("{year}", &format!("{:04}", date.year()))
        .replace("{month}", &format!("{:02}", date.month()))
        .replace("{day}", &format!("{:02}", date.day()))
        .replace("{slug}", slug)
        .replace("{section}", section);
    // An empty {section} leaves a double slash; collapse it.
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// A date written in a content path: `2021/10/13/…`, `2021-10-13-slug.txt`.
pub fn path_date(path: &str) -> Option<Date> {
    let digits: Vec<&str> = path.split(['/', '\\', '-', '_', '.']).collect();
    digits.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4 && m.len() == 2 && d.len() == 2 {
            // "0000" or "0999" in a path is a number, not a year an archive can publish under.
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                .ok()
                .filter(|date| (1000..=9999).contains(&date.year()))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_dates_are_four_digit_years() {
        assert_eq!(path_date("2021/10/13/x.txt"), Some(jiff::civil::date(2021, 10, 13)));
        assert_eq!(path_date("2021-10-13-x.txt"), Some(jiff::civil::date(2021, 10, 13)));
        assert_eq!(path_date("0000-01-01-x.txt"), None);
        assert_eq!(path_date("0999/12/31/x.md"), None);
    }

    #[test]
    fn permalinks_fill_their_pattern() {
        let d = jiff::civil::date(2021, 3, 7);
        assert_eq!(
            permalink("/{year}/{month}/{day}/{slug}/", d, "mayor-says", ""),
            "/2021/03/07/mayor-says/"
        );
        assert_eq!(permalink("/{section}/{slug}/", d, "x", ""), "/x/");
        assert_eq!(permalink("/{section}/{slug}/", d, "x", "wire"), "/wire/x/");
    }

    #[test]
    fn later_corrections_and_notes_move_the_update() {
        use crate::model::{AnnotationKind, Correction, DeclaredAt};
        let published = Published {
            date: jiff::civil::date(2021, 10, 14),
            instant: None,
        };
        let p = |y, m, d| Published {
            date: jiff::civil::date(y, m, d),
            instant: None,
        };
        let note = |date| Annotation {
            id: "n".into(),
            quote: "the plant".into(),
            prefix: None,
            suffix: None,
            note: "Opened in 2019.".into(),
            kind: AnnotationKind::Context,
            author: None,
            date,
            link: None,
            origin: DeclaredAt::default(),
            anchor: None,
        };
        let correction = |date| Correction {
            date,
            text: "The plant opened in *2019*.".into(),
        };
        /// Front matter `updated`, correction dates, note dates, the expected update.
        type Row = (
            Option<Published>,
            Vec<Option<Date>>,
            Vec<Option<Date>>,
            Option<Published>,
        );
        let rows: Vec<Row> = vec![
            (None, vec![], vec![], None),
            (Some(p(2021, 10, 15)), vec![], vec![], Some(p(2021, 10, 15))),
            (
                None,
                vec![Some(jiff::civil::date(2024, 6, 11))],
                vec![],
                Some(p(2024, 6, 11)),
            ),
            (
                Some(p(2021, 10, 15)),
                vec![],
                vec![Some(jiff::civil::date(2024, 5, 2)), None],
                Some(p(2024, 5, 2)),
            ),
            // A note dated on or before the article, or undated, changes nothing.
            (
                None,
                vec![None],
                vec![
                    Some(jiff::civil::date(2021, 10, 14)),
                    Some(jiff::civil::date(2021, 1, 1)),
                ],
                None,
            ),
            // A later front matter `updated` stands.
            (
                Some(p(2025, 1, 1)),
                vec![Some(jiff::civil::date(2024, 6, 11))],
                vec![],
                Some(p(2025, 1, 1)),
            ),
        ];
        for (updated, corrections, notes, want) in rows {
            let front = FrontMatter {
                updated,
                corrections: corrections.into_iter().map(correction).collect(),
                ..FrontMatter::default()
            };
            let notes: Vec<Annotation> = notes.into_iter().map(note).collect();
            assert_eq!(last_change(&front, &notes, published), want);
        }
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(path_date("2021/10/13/story.md"), Some(jiff::civil::date(2021, 10, 13)));
        assert_eq!(
            path_date("wire/2019-11-20-harbour.txt"),
            Some(jiff::civil::date(2019, 11, 20))
        );
        assert_eq!(path_date("2021/story.md"), None);
        assert_eq!(path_date("2021-13-45-x.md"), None);
    }
}
