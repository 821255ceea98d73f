//! Dates as newsrooms write them: "Wednesday, October 13, 2021", AP's "Nov. 20, 2019" and
//! "Sept. 24", Reuters' "Oct 13", British "18 Nov 2019", ISO "2013-12-30", and bare weekdays
//! ("on Wednesday") that only mean something against a reference date.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;

/// What a date expression in the text pins down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A full calendar date.
    Full(Date),
    /// Month and day without a year ("Oct 13", "Sept. 24").
    MonthDay { month: i8, day: i8 },
    /// A weekday alone ("on Wednesday").
    Weekday(Weekday),
}

/// A date expression and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub range: Range<usize>,
    pub expr: DateExpr,
}

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAYS: &str =
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun";

/// "Wednesday, October 13, 2021", "Nov. 20, 2019", "Oct 13", "March 2".
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(?:{WEEKDAYS})\.?,?\s+)?({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
    ))
    .expect("month-day regex")
});

/// "18 Nov 2019", "Mon 18 Nov 2019", "16 June 2021".
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(\d{{1,2}})\s+({MONTHS})\.?,?\s+(\d{{4}})\b")).expect("day-month regex"));

/// "2013-12-30".
static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("iso regex"));

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b").expect("weekday regex")
});

/// The month number of a month name or abbreviation ("Sept." → 9).
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    let n = match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sept" | "Sep" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// Whether `text` contains "Jan", "Feb", … or "Dec" (case-sensitive, as the regexes are).
fn has_month_prefix(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3).any(|w| {
        matches!(
            w,
            b"Jan" | b"Feb" | b"Mar" | b"Apr" | b"May" | b"Jun" | b"Jul" | b"Aug" | b"Sep" | b"Oct" | b"Nov" | b"Dec"
        )
    })
}

/// Every date expression in `text`, in order, without overlaps.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    // Most text handed here has no date at all. Every numeric form needs a digit and every
    // weekday name ends in "day": without them the regexes cannot match, so skip them.
    let has_digit = if text.is_ascii() {
        text.bytes().any(|b| b.is_ascii_digit())
    } else {
        text.chars().any(char::is_numeric)
    };
    let has_day = text.contains("day");
    if !has_digit && !has_day {
        return found;
    }
    // Month forms also need a month name, and every name and abbreviation starts with one of
    // the twelve three-letter abbreviations; ISO dates need a hyphen.
    let with_month = if has_digit && has_month_prefix(text) { text } else { "" };
    let iso = if has_digit && text.contains('-') { text } else { "" };
    // Find with the fast automaton first; capture groups only inside each match.
    for hit in MONTH_DAY.find_iter(with_month) {
        let Some(c) = MONTH_DAY.captures(hit.as_str()) else {
            continue;
        };
        let (Some(all), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let all = hit.start() + all.start()..hit.start() + all.end();
        let (Some(month), Ok(day)) = (month_number(m.as_str()), d.as_str().parse::<i8>()) else {
            continue;
        };
        // "May" followed by a number is a date only when it reads like one.
        let expr = match c.get(3).and_then(|y| y.as_str().parse::<i16>().ok()) {
            Some(year) => match Date::new(year, month, day) {
                Ok(date) => DateExpr::Full(date),
                Err(_) => continue,
            },
            None if (1..=31).contains(&day) => DateExpr::MonthDay { month, day },
            None => continue,
        };
        found.push(FoundDate { range: all, expr });
    }
    for hit in DAY_MONTH.find_iter(with_month) {
        let Some(c) = DAY_MONTH.captures(hit.as_str()) else {
            continue;
        };
        let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let all = hit.start() + all.start()..hit.start() + all.end();
        if found.iter().any(|f| f.range.start < all.end && all.start < f.range.end) {
            continue;
        }
        let (Ok(day), Some(month), Ok(year)) = (
            d.as_str().parse::<i8>(),
            month_number(m.as_str()),
            y.as_str().parse::<i16>(),
        ) else {
            continue;
        };
        if let Ok(date) = Date::new(year, month, day) {
            found.push(FoundDate {
                range: all,
                expr: DateExpr::Full(date),
            });
        }
    }
    for c in ISO.captures_iter(iso) {
        let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let (Ok(year), Ok(month), Ok(day)) = (
            y.as_str().parse::<i16>(),
            m.as_str().parse::<i8>(),
            d.as_str().parse::<i8>(),
        ) else {
            continue;
        };
        if let Ok(date) = Date::new(year, month, day) {
            found.push(FoundDate {
                range: all.range(),
                expr: DateExpr::Full(date),
            });
        }
    }
    for m in WEEKDAY.find_iter(if has_day { text } else { "" }) {
        if found
            .iter()
            .any(|f| f.range.start <= m.start() && m.end() <= f.range.end)
        {
            continue;
        }
        if let Some(wd) = weekday(m.as_str()) {
            found.push(FoundDate {
                range: m.range(),
                expr: DateExpr::Weekday(wd),
            });
        }
    }
    found.sort_by_key(|f| f.range.start);
    found
}

/// A month and day placed in the year that puts it at or shortly before `reference`: datelines
/// and captions describe the recent past, so a date more than a month after the reference
/// belongs to the previous year.
pub fn resolve_month_day(month: i8, day: i8, reference: Date) -> Option<Date> {
    let candidate = Date::new(reference.year(), month, day).ok()?;
    let limit = reference.checked_add(31.days()).ok()?;
    if candidate > limit {
        Date::new(reference.year() - 1, month, day).ok()
    } else {
        Some(candidate)
    }
}

/// The most recent `weekday` on or before `reference` ("on Wednesday" in a story dated Friday).
pub fn resolve_weekday(weekday: Weekday, reference: Date) -> Date {
    let back = (reference.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset()).rem_euclid(7);
    reference.checked_sub(i64::from(back).days()).unwrap_or(reference)
}

/// Resolves an expression against an optional reference date.
pub fn resolve(expr: DateExpr, reference: Option<Date>) -> Option<Date> {
    match expr {
        DateExpr::Full(d) => Some(d),
        DateExpr::MonthDay { month, day } => resolve_month_day(month, day, reference?),
        DateExpr::Weekday(w) => Some(resolve_weekday(w, reference?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn finds_newsroom_dates() {
        let rows: [(&str, DateExpr); 7] = [
            (
                "in Moscow, Russia, Wednesday, October 13, 2021.",
                DateExpr::Full(date(2021, 10, 13)),
            ),
            (
                "shake hands Wednesday, Nov. 20, 2019. Then",
                DateExpr::Full(date(2019, 11, 20)),
            ),
            (
                "WASHINGTON, Oct 13 (Reuters) -",
                DateExpr::MonthDay { month: 10, day: 13 },
            ),
            ("Tuesday, Sept. 24, 2019", DateExpr::Full(date(2019, 9, 24))),
            ("Mon 18 Nov 2019 18.54 GMT", DateExpr::Full(date(2019, 11, 18))),
            (
                "and last updated 2013-12-30 16:42:01-05",
                DateExpr::Full(date(2013, 12, 30)),
            ),
            (
                "spoke on Wednesday during a panel",
                DateExpr::Weekday(Weekday::Wednesday),
            ),
        ];
        for (text, want) in rows {
            let got = find_dates(text);
            assert_eq!(got.first().map(|f| f.expr), Some(want), "{text}");
        }
    }

    #[test]
    fn resolves_against_a_reference() {
        assert_eq!(resolve_month_day(10, 13, date(2021, 10, 14)), Some(date(2021, 10, 13)));
        assert_eq!(resolve_month_day(12, 30, date(2022, 1, 2)), Some(date(2021, 12, 30)));
        // 2021-10-15 is a Friday; "on Wednesday" is two days earlier.
        assert_eq!(
            resolve_weekday(Weekday::Wednesday, date(2021, 10, 15)),
            date(2021, 10, 13)
        );
        assert_eq!(resolve_weekday(Weekday::Friday, date(2021, 10, 15)), date(2021, 10, 15));
        assert_eq!(resolve(DateExpr::Weekday(Weekday::Monday), None), None);
    }

    #[test]
    fn ignores_impossible_dates() {
        assert!(
            find_dates("Feb 31, 2020 and May 45")
                .iter()
                .all(|f| !matches!(f.expr, DateExpr::Full(_)))
        );
    }
}
