//! How the archive writes a date in words: "October 13, 2021", "Wednesday, October 13, 2021".
//!
//! A leaf that pages and the search index both use, so that a result in search reads the date
//! exactly as the article page does, and so that changing the archive's date style is visibly a
//! change to both — never one that reaches the index through a rendering module unnoticed.
//!
//! Also how machines read the same date ([`moment`]): one RFC 3339 form for feeds, sitemaps,
//! Open Graph and JSON-LD alike, so that no reader puts an article on a different day.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

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

/// A publication moment for machines, in the site's zone with its offset:
/// `2025-06-10T00:00:00+01:00`. A date without a time is local midnight. Written in UTC
/// (`…T23:00:00Z` of the day before), a date-only article would land on the previous day for
/// every reader that shows the date part, while the page says the date itself.
pub fn moment(date: Date, instant: Option<Timestamp>, tz: &TimeZone) -> String {
    match zoned(date, instant, tz) {
        Some(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        // Only a date at the very edge of what jiff can represent: say the date, in UTC.
        None => format!("{date}T00:00:00+00:00"),
    }
}

/// The instant of a publication: its own, else the first moment of its date in `tz`.
pub fn instant_of(date: Date, instant: Option<Timestamp>, tz: &TimeZone) -> Option<Timestamp> {
    zoned(date, instant, tz).map(|z| z.timestamp())
}

fn zoned(date: Date, instant: Option<Timestamp>, tz: &TimeZone) -> Option<jiff::ZonedDateTime> {
    match instant {
        Some(ts) => Some(ts.to_zoned_datetime(tz.clone())),
        // Midnight, or the first moment of the day where a clock change skips midnight.
        None => date.to_zoned_datetime(tz.clone()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn moments_keep_the_local_day_and_its_offset() {
        let london = TimeZone::get("Europe/London").expect("bundled tz database");
        let ts = |s: &str| s.parse::<Timestamp>().expect("timestamp");
        let rows = [
            // The case: local midnight in summer is not the previous day.
            (date(2025, 6, 10), None, &london, "2025-06-10T00:00:00+01:00"),
            (date(2025, 1, 10), None, &london, "2025-01-10T00:00:00+00:00"),
            (
                date(2021, 10, 13),
                Some(ts("2021-10-13T09:30:00Z")),
                &london,
                "2021-10-13T10:30:00+01:00",
            ),
            (date(2021, 10, 13), None, &TimeZone::UTC, "2021-10-13T00:00:00+00:00"),
        ];
        for (d, instant, tz, want) in rows {
            assert_eq!(moment(d, instant, tz), want);
        }
        // São Paulo skipped midnight on 2018-11-04: the day starts at 01:00.
        let sao_paulo = TimeZone::get("America/Sao_Paulo").expect("bundled tz database");
        assert_eq!(moment(date(2018, 11, 4), None, &sao_paulo), "2018-11-04T01:00:00-02:00");
    }

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
