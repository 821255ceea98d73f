//! Month calendars for the date archive, like the index drawers of a newspaper morgue: every
//! day of the month in a grid, the days with articles linked.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::dates::{MONTHS, long_date};

use super::views::LinkView;

/// Weekday headings, Monday first (ISO 8601).
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One month as a grid of weeks.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    pub title: String,
    pub url: String,
    pub year: i16,
    pub month: i8,
    pub weekdays: [&'static str; 7],
    pub weeks: Vec<Vec<DayCell>>,
    /// Articles in the month.
    pub count: usize,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
}

/// One square of the grid; `day` is 0 for the padding before the 1st and after the last day.
#[derive(Debug, Clone, Serialize)]
pub struct DayCell {
    pub day: i8,
    pub count: usize,
    pub url: Option<String>,
    pub iso: Option<String>,
    /// "October 13, 2021: 2 articles", for screen readers.
    pub label: String,
}

/// The calendar of `year`-`month` given the number of articles per day.
pub fn month_calendar(year: i16, month: i8, counts: &BTreeMap<Date, usize>) -> CalendarView {
    let first = Date::new(year, month, 1).unwrap_or_default();
    let lead = first.weekday().to_monday_zero_offset() as usize;
    let days = first.days_in_month();
    let mut cells: Vec<DayCell> = (0..lead).map(|_| empty()).collect();
    let mut total = 0;
    for d in 1..=days {
        let date = Date::new(year, month, d).unwrap_or(first);
        let count = counts.get(&date).copied().unwrap_or(0);
        total += count;
        let name = long_date(date);
        cells.push(DayCell {
            day: d,
            count,
            url: (count > 0).then(|| day_url(date)),
            iso: Some(date.to_string()),
            label: match count {
                0 => format!("{name}: no articles"),
                1 => format!("{name}: 1 article"),
                n => format!("{name}: {n} articles"),
            },
        });
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(empty());
    }
    let weeks = cells.chunks(7).map(<[DayCell]>::to_vec).collect();
    CalendarView {
        title: format!("{} {}", MONTHS[(month - 1) as usize], year),
        url: month_url(year, month),
        year,
        month,
        weekdays: WEEKDAYS,
        weeks,
        count: total,
        prev: None,
        next: None,
    }
}

fn empty() -> DayCell {
    DayCell {
        day: 0,
        count: 0,
        url: None,
        iso: None,
        label: String::new(),
    }
}

pub fn year_url(year: i16) -> String {
    format!("/{year:04}/")
}

pub fn month_url(year: i16, month: i8) -> String {
    format!("/{year:04}/{month:02}/")
}

pub fn day_url(date: Date) -> String {
    format!("/{:04}/{:02}/{:02}/", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn october_2021_starts_on_a_friday() {
        let mut counts = BTreeMap::new();
        counts.insert(date(2021, 10, 13), 2);
        let cal = month_calendar(2021, 10, &counts);
        assert_eq!(cal.title, "October 2021");
        assert_eq!(cal.weeks.len(), 5);
        assert_eq!(cal.weeks[0][4].day, 1, "Friday column");
        let wed = &cal.weeks[2][2];
        assert_eq!(wed.day, 13);
        assert_eq!(wed.url.as_deref(), Some("/2021/10/13/"));
        assert_eq!(wed.label, "October 13, 2021: 2 articles");
        assert_eq!(cal.count, 2);
        assert!(cal.weeks[0][0].url.is_none());
    }
}
