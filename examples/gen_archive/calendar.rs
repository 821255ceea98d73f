//! Civil dates without a date library: day numbers, weekdays and the month styles of the
//! agencies (AP "Oct. 13", Reuters "Oct 13", full "October 13").

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

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

/// AP style: abbreviate only the long months, with a period.
const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// Reuters style: the same months abbreviated, without a period.
const REUTERS_MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

impl Date {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`] (`civil_from_days`).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn plus_days(self, n: i64) -> Self {
        Date::from_days(self.to_days() + n)
    }

    pub fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday.
        WEEKDAYS[(self.to_days() + 3).rem_euclid(7) as usize]
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// `2021-10-13`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `Wednesday, Oct. 13, 2021` (AP captions).
    pub fn ap_long(self) -> String {
        format!(
            "{}, {} {}, {}",
            self.weekday(),
            AP_MONTHS[self.month as usize - 1],
            self.day,
            self.year
        )
    }

    /// `Oct 13` (Reuters datelines).
    pub fn reuters_short(self) -> String {
        format!("{} {}", REUTERS_MONTHS[self.month as usize - 1], self.day)
    }

    /// `October 13, 2021` (Reuters and Getty captions).
    pub fn full(self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }
}

#[cfg(test)]
mod tests {
    // Imports live inside the tests: benches compile this module with `cfg(test)` but
    // without the test harness, which drops the test functions.

    #[test]
    fn days_round_trip_and_weekdays() {
        use super::Date;
        assert_eq!(Date::new(1970, 1, 1).to_days(), 0);
        assert_eq!(Date::new(2021, 10, 13).weekday(), "Wednesday");
        assert_eq!(Date::new(2024, 2, 29).plus_days(1), Date::new(2024, 3, 1));
        for d in Date::new(2014, 12, 1).to_days()..Date::new(2026, 2, 1).to_days() {
            assert_eq!(Date::from_days(d).to_days(), d);
        }
        assert_eq!(Date::new(2021, 10, 13).ap_long(), "Wednesday, Oct. 13, 2021");
        assert_eq!(Date::new(2021, 9, 2).reuters_short(), "Sept 2");
    }
}
