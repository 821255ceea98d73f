//! Dates as newsrooms write them: "Wednesday, October 13, 2021", AP's "Nov. 20, 2019" and
//! "Sept. 24", Reuters' "Oct 13", British "18 Nov 2019", ISO "2013-12-30", and bare weekdays
//! ("on Wednesday") that only mean something against a reference date.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;

use super::lists::{MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS};

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

/// The entries as a regex alternation (`a|b|c`), escaped, longest first: where one entry is a
/// prefix of another ("Sept" and "Sep", "Photo credit" and "Photo") the longer is tried first.
/// For building a pattern once, when it is compiled.
pub(super) fn alternation<'a>(entries: impl IntoIterator<Item = &'a str>) -> String {
    let mut entries: Vec<&str> = entries.into_iter().collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.len()));
    entries.into_iter().map(regex::escape).collect::<Vec<_>>().join("|")
}

/// The entries as a regex alternation in the order given, escaped: where one entry is a prefix
/// of another, the one given first is tried first.
pub(super) fn alternation_as_listed<'a>(entries: impl IntoIterator<Item = &'a str>) -> String {
    entries.into_iter().map(regex::escape).collect::<Vec<_>>().join("|")
}

/// Every month name and abbreviation, as a regex alternation.
pub(super) fn month_alternation() -> String {
    alternation(MONTHS.iter().map(|(name, _)| name))
}

/// Every weekday, written out or abbreviated, as a regex alternation.
pub(super) fn weekday_alternation() -> String {
    alternation(
        WEEKDAYS
            .iter()
            .map(|(name, _)| name)
            .chain(WEEKDAY_ABBREVIATIONS.iter()),
    )
}

/// How the entries of a list open (the first few bytes of each), for the byte-at-a-time
/// pre-checks that say where a pattern built from the list may start. Built once from the
/// list; asked at every byte of a text, so the first byte is looked up in a table.
pub(super) struct Openings {
    first: [bool; 256],
    openings: Vec<&'static [u8]>,
}

impl Openings {
    /// The first `len` bytes of each entry (the whole entry when shorter).
    pub(super) fn of(entries: impl IntoIterator<Item = &'static str>, len: usize) -> Self {
        let mut first = [false; 256];
        let mut openings: Vec<&'static [u8]> = Vec::new();
        for entry in entries {
            let b = entry.as_bytes();
            let opening = &b[..len.min(b.len())];
            if let Some(&f) = opening.first() {
                first[usize::from(f)] = true;
            }
            if !openings.contains(&opening) {
                openings.push(opening);
            }
        }
        Openings { first, openings }
    }

    /// Whether `b` starts with one of the openings.
    #[inline]
    pub(super) fn at(&self, b: &[u8]) -> bool {
        b.first().is_some_and(|&f| self.first[usize::from(f)]) && self.openings.iter().any(|o| b.starts_with(o))
    }
}

/// Every month name and abbreviation starts with one of the twelve three-letter abbreviations.
static MONTH_OPENINGS: LazyLock<Openings> = LazyLock::new(|| Openings::of(MONTHS.iter().map(|(name, _)| name), 3));

/// The same for months and weekdays: "Jan" … "Dec", "Mon" … "Sun".
static MONTH_OR_WEEKDAY_OPENINGS: LazyLock<Openings> = LazyLock::new(|| {
    let months = MONTHS.iter().map(|(name, _)| name);
    let weekdays = WEEKDAYS
        .iter()
        .map(|(name, _)| name)
        .chain(WEEKDAY_ABBREVIATIONS.iter());
    Openings::of(months.chain(weekdays), 3)
});

/// How many letters the longest weekday has before its "day" ("Wednes").
static LONGEST_WEEKDAY_STEM: LazyLock<usize> = LazyLock::new(|| {
    WEEKDAYS
        .iter()
        .map(|(name, _)| name.len() - "day".len())
        .max()
        .unwrap_or(0)
});

// Each pattern is tried only where a match can start (see `find_dates`), anchored there; the
// leading `\b` of the search pattern is checked by `word_starts_at` instead, since an anchored
// search on the rest of the text cannot see the char before it.

/// "Wednesday, October 13, 2021", "Nov. 20, 2019", "Oct 13", "March 2".
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let (weekdays, months) = (weekday_alternation(), month_alternation());
    Regex::new(&format!(
        r"^(?:(?:{weekdays})\.?,?\s+)?({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
    ))
    .expect("month-day regex")
});

/// "18 Nov 2019", "Mon 18 Nov 2019", "16 June 2021".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let months = month_alternation();
    Regex::new(&format!(r"^(\d{{1,2}})\s+({months})\.?,?\s+(\d{{4}})\b")).expect("day-month regex")
});

/// "2013-12-30".
static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})\b").expect("iso regex"));

/// A single word char as the regex crate defines it (`\w`), for the char before a match.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("word char regex"));

/// The month number of a month name or abbreviation ("Sept." → 9).
pub fn month_number(word: &str) -> Option<i8> {
    MONTHS.get(word.trim_end_matches('.')).and_then(|n| n.parse().ok())
}

/// The weekday a word names when it is written out ("Wednesday", not "Wed").
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    let n = WEEKDAYS.get(word)?.parse().ok()?;
    Weekday::from_monday_one_offset(n).ok()
}

/// Whether `text` contains "Jan", "Feb", … or "Dec" (case-sensitive, as the regexes are).
fn has_month_prefix(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| MONTH_OPENINGS.at(&b[i..]))
}

/// Whether `text` holds a word starting at byte `at`: the `\b` before a word char, as the
/// regex crate defines word chars.
pub(super) fn word_starts_at(text: &str, at: usize) -> bool {
    match text[..at].chars().next_back() {
        None => true,
        Some(c) if c.is_ascii() => !(c.is_ascii_alphanumeric() || c == '_'),
        Some(c) => !WORD_CHAR.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// Whether a word ends at byte `at` of `text`, just after a word char.
fn word_ends_at(text: &str, at: usize) -> bool {
    match text[at..].chars().next() {
        None => true,
        Some(c) if c.is_ascii() => !(c.is_ascii_alphanumeric() || c == '_'),
        Some(c) => !WORD_CHAR.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// The matches, left to right and without overlaps, that `\b` followed by the anchored `re`
/// has in `text`, as `find_iter` would give them. `re` is tried only at word starts where
/// `may_start` holds, which it must for every char a match can start with (and only at char
/// boundaries).
///
/// An unanchored search needs a reverse scan to find where a match starts, and with Unicode
/// `\b` the fast engine gives up at the first non-ASCII byte (a curly quote or dash in most
/// paragraphs) and a slow one scans the whole text. Anchored at a handful of word starts, the
/// fast engine reads only as far as each candidate match.
pub(super) fn anchored_matches(
    text: &str,
    re: &Regex,
    may_start: impl Fn(&str, usize) -> bool,
    mut found: impl FnMut(Range<usize>),
) {
    let mut at = 0;
    while at < text.len() {
        if may_start(text, at)
            && word_starts_at(text, at)
            && let Some(m) = re.find(&text[at..])
            && m.end() > 0
        {
            found(at..at + m.end());
            at += m.end();
        } else {
            at += 1;
        }
    }
}

/// Whether a month name or weekday may begin at byte `at`: how one of them opens is there.
fn month_or_weekday_at(text: &str, at: usize) -> bool {
    MONTH_OR_WEEKDAY_OPENINGS.at(&text.as_bytes()[at..])
}

/// Whether a digit (`\d`, any script) may begin at byte `at`; `is_numeric` covers more than
/// `\d`, which only lets the regex try more places.
fn digit_at(text: &str, at: usize) -> bool {
    match text.as_bytes()[at] {
        b @ 0..0x80 => b.is_ascii_digit(),
        _ => text.is_char_boundary(at) && text[at..].chars().next().is_some_and(char::is_numeric),
    }
}

/// `\s` on an ASCII byte.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Whether one or two digits and a space ([`DAY_MONTH`]) may begin at byte `at`. ASCII is
/// tested exactly; at a non-ASCII char (a digit or space of another script) the regex decides.
fn day_then_space_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    if !b[at].is_ascii() {
        return digit_at(text, at);
    }
    if !b[at].is_ascii_digit() {
        return false;
    }
    match b.get(at + 1) {
        Some(&x) if x.is_ascii_digit() => b.get(at + 2).is_some_and(|&y| !y.is_ascii() || ascii_space(y)),
        Some(&x) => !x.is_ascii() || ascii_space(x),
        None => false,
    }
}

/// Whether four digits and a hyphen ([`ISO`]) may begin at byte `at`, tested exactly on ASCII.
fn year_then_hyphen_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    if !b[at].is_ascii() {
        return digit_at(text, at);
    }
    match b.get(at..at + 5) {
        Some(w) if w.is_ascii() => w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-',
        // A non-ASCII digit may follow: the regex decides.
        Some(_) => b[at].is_ascii_digit(),
        // A whole date is at least ten bytes.
        None => false,
    }
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
    // the twelve three-letter abbreviations (`MONTH_OPENINGS`); ISO dates need a hyphen.
    let with_month = if has_digit && has_month_prefix(text) { text } else { "" };
    let iso = if has_digit && text.contains('-') { text } else { "" };
    month_day_dates(text, with_month, &mut found);
    day_month_dates(text, with_month, &mut found);
    iso_dates(text, iso, &mut found);
    if has_day {
        weekday_dates(text, &mut found);
    }
    found.sort_by_key(|f| f.range.start);
    found
}

/// "Nov. 20, 2019", "Oct 13": a month, then the day, maybe the year. `with_month` is the text,
/// or empty when it holds no month name.
fn month_day_dates(text: &str, with_month: &str, found: &mut Vec<FoundDate>) {
    let mut hits = Vec::new();
    anchored_matches(with_month, &MONTH_DAY, month_or_weekday_at, |hit| hits.push(hit));
    for hit in hits {
        // Capture groups only inside the match, as the search pattern would give them.
        let Some(c) = MONTH_DAY.captures(&text[hit.clone()]) else {
            continue;
        };
        let (Some(all), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let all = hit.start + all.start()..hit.start + all.end();
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
}

/// "18 November 2019": the day first, as British and European papers print it.
fn day_month_dates(text: &str, with_month: &str, found: &mut Vec<FoundDate>) {
    let mut hits = Vec::new();
    anchored_matches(with_month, &DAY_MONTH, day_then_space_at, |hit| hits.push(hit));
    for hit in hits {
        let Some(c) = DAY_MONTH.captures(&text[hit.clone()]) else {
            continue;
        };
        let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let all = hit.start + all.start()..hit.start + all.end();
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
}

/// "2019-11-20": ISO dates of web timestamps. `iso` is the text, or empty without a hyphen.
fn iso_dates(text: &str, iso: &str, found: &mut Vec<FoundDate>) {
    let mut hits = Vec::new();
    anchored_matches(iso, &ISO, year_then_hyphen_at, |hit| hits.push(hit));
    for hit in hits {
        // Groups as a search of the whole text gives them: the anchored pattern on the rest of
        // the text from the match.
        let Some(c) = ISO.captures(&text[hit.start..]) else {
            continue;
        };
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
                range: hit.start + all.start()..hit.start + all.end(),
                expr: DateExpr::Full(date),
            });
        }
    }
}

/// "on Wednesday": a weekday not already part of a date found.
fn weekday_dates(text: &str, found: &mut Vec<FoundDate>) {
    for m in weekday_names(text) {
        if found.iter().any(|f| f.range.start <= m.start && m.end <= f.range.end) {
            continue;
        }
        if let Some(wd) = weekday(&text[m.clone()]) {
            found.push(FoundDate {
                range: m,
                expr: DateExpr::Weekday(wd),
            });
        }
    }
}

/// Every weekday name written out as a whole word ("Monday" but not "Mondays"), left to right.
fn weekday_names(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    let stem = *LONGEST_WEEKDAY_STEM;
    // Every name ends in "day": look only before each "day".
    for day in memchr::memmem::find_iter(text.as_bytes(), b"day") {
        let end = day + 3;
        // The letters before "day" back to the last non-letter: a weekday only when `weekday`
        // knows them; a word char before them fails the word-start test as it would for a name.
        let bytes = text.as_bytes();
        let mut start = day;
        while start > at && day - start < stem && bytes[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        if weekday(&text[start..end]).is_some() && word_starts_at(text, start) && word_ends_at(text, end) {
            out.push(start..end);
            at = end;
        }
    }
    out
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

/// Resolves an expression to the first date on or after `earliest` it can mean: for text
/// written after a known event (a story after its pictures), where [`resolve`] looks back.
pub fn resolve_on_or_after(expr: DateExpr, earliest: Option<Date>) -> Option<Date> {
    match expr {
        DateExpr::Full(d) => Some(d),
        DateExpr::MonthDay { month, day } => {
            let earliest = earliest?;
            let this_year = Date::new(earliest.year(), month, day).ok();
            match this_year {
                Some(d) if d >= earliest => Some(d),
                _ => Date::new(earliest.year() + 1, month, day).ok(),
            }
        }
        DateExpr::Weekday(w) => {
            let earliest = earliest?;
            let ahead = (w.to_monday_zero_offset() - earliest.weekday().to_monday_zero_offset()).rem_euclid(7);
            earliest.checked_add(i64::from(ahead).days()).ok()
        }
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
                "in Lisbon, Portugal, Wednesday, October 13, 2021.",
                DateExpr::Full(date(2021, 10, 13)),
            ),
            (
                "ministers meet Wednesday, Nov. 20, 2019. Then",
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

    /// Where a date was found and what it says.
    type Found = (Range<usize>, DateExpr);

    #[test]
    fn dates_start_and_end_at_word_boundaries() {
        let monday = DateExpr::Weekday(Weekday::Monday);
        let rows: Vec<(&str, Vec<Found>)> = vec![
            ("Mondays and Monday.", vec![(12..18, monday)]),
            ("xMonday Monday_ Monday", vec![(16..22, monday)]),
            ("éMonday", vec![]),
            ("xxWednesday Sunday", vec![(12..18, DateExpr::Weekday(Weekday::Sunday))]),
            (
                "Monday-Friday",
                vec![(0..6, monday), (7..13, DateExpr::Weekday(Weekday::Friday))],
            ),
            ("123 Nov 2019", vec![]),
            ("18 Nov 2019", vec![(0..11, DateExpr::Full(date(2019, 11, 18)))]),
            ("filed 2013-12-30", vec![(6..16, DateExpr::Full(date(2013, 12, 30)))]),
            ("x2013-12-30", vec![]),
            (
                "On Monday, Jan. 5, 2015",
                vec![(3..23, DateExpr::Full(date(2015, 1, 5)))],
            ),
            (
                "“Oct. 13”—and 18 Nov 2019’s",
                vec![
                    (3..10, DateExpr::MonthDay { month: 10, day: 13 }),
                    (20..31, DateExpr::Full(date(2019, 11, 18))),
                ],
            ),
            // A letter of another script right after the number ends no word.
            (
                "Oct 13é and Oct 14",
                vec![(13..19, DateExpr::MonthDay { month: 10, day: 14 })],
            ),
            (
                "São Paulo, Oct 13, 2021",
                vec![(12..24, DateExpr::Full(date(2021, 10, 13)))],
            ),
            ("filed 2013-12-30ü", vec![]),
        ];
        for (text, want) in rows {
            let got: Vec<Found> = find_dates(text).into_iter().map(|f| (f.range, f.expr)).collect();
            assert_eq!(got, want, "{text}");
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
    fn resolves_forward_from_an_earlier_date() {
        // 2019-03-15 is a Friday: "on Monday" after it is the 18th, not the 11th.
        let friday = date(2019, 3, 15);
        let rows = [
            (DateExpr::Weekday(Weekday::Monday), Some(date(2019, 3, 18))),
            (DateExpr::Weekday(Weekday::Friday), Some(friday)),
            (DateExpr::MonthDay { month: 3, day: 16 }, Some(date(2019, 3, 16))),
            (DateExpr::MonthDay { month: 1, day: 2 }, Some(date(2020, 1, 2))),
            (DateExpr::Full(date(2019, 3, 1)), Some(date(2019, 3, 1))),
        ];
        for (expr, want) in rows {
            assert_eq!(resolve_on_or_after(expr, Some(friday)), want, "{expr:?}");
        }
        assert_eq!(resolve_on_or_after(DateExpr::Weekday(Weekday::Monday), None), None);
    }

    #[test]
    fn month_and_weekday_lists() {
        for (name, n) in MONTHS.iter() {
            assert!(matches!(n.parse::<i8>(), Ok(1..=12)), "months.tsv: {name}");
        }
        for (name, n) in WEEKDAYS.iter() {
            assert!(weekday(name).is_some(), "weekdays.tsv: {name} {n}");
            // `find_dates` and `weekday_names` look for a weekday only before a "day".
            assert!(name.ends_with("day"), "weekdays.tsv: {name}");
        }
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("may"), None);
        assert_eq!(weekday("Wednesday"), Some(Weekday::Wednesday));
        assert_eq!(weekday("Wed"), None);
        assert_eq!(*LONGEST_WEEKDAY_STEM, "Wednes".len());
        for (text, month) in [("in Sept", true), ("Ju", false), ("a Jul", true), ("MAY", false)] {
            assert_eq!(has_month_prefix(text), month, "{text}");
        }
        for (text, at, want) in [
            ("on Tue", 3, true),
            ("Sun", 0, true),
            ("Su", 0, false),
            ("xFeb", 0, false),
        ] {
            assert_eq!(month_or_weekday_at(text, at), want, "{text}");
        }
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
