//! How the archive writes a date in words: "October 13, 2021", "Wednesday, October 13, 2021".
//!
//! A leaf that pages and the search index both use, so that a result in search reads the date
//! exactly as the article page does, and so that changing the archive's date style is visibly a
//! change to both — never one that reaches the index through a rendering module unnoticed.

use jiff::civil::Date;

/// Month names in English.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "October".
pub fn month_name(date: Date) -> &'static str {
    MONTHS[(date.month() - 1) as usize]
}

/// "October 13, 2021".
pub fn long_date(date: Date) -> String {
    format!("{} {}, {}", month_name(date), date.day(), date.year())
}

/// "Wednesday, October 13, 2021".
pub fn full_date(date: Date) -> String {
    let weekday = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][date.weekday().to_monday_zero_offset() as usize];
    format!("{weekday}, {}", long_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_read_like_a_newspaper() {
        for (d, long, full) in [
            (date(2021, 10, 13), "October 13, 2021", "Wednesday, October 13, 2021"),
            (date(2000, 1, 1), "January 1, 2000", "Saturday, January 1, 2000"),
            (date(1999, 12, 31), "December 31, 1999", "Friday, December 31, 1999"),
        ] {
            assert_eq!(long_date(d), long);
            assert_eq!(full_date(d), full);
        }
    }
}
