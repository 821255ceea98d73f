//! The archive timeline on the front page: articles per month, drawn at build time as a list of
//! years, each a row of twelve month bars that link to their month pages.
//!
//! It is HTML rather than a picture so that every month is a real link in a real list: a screen
//! reader hears "October 2021: 3 articles" and can follow it, and each link is a target at least
//! 24 px square (WCAG 2.5.8) however many years the archive spans, because a year takes a row of
//! its own instead of squeezing every month of the archive into the width of a phone.

use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::civil::Date;

use crate::dates::MONTHS;

use super::calendar::{month_url, year_url};
use super::highlight::escape_text;

/// The tallest bar, in percent of the row; the shortest bar of a month with articles.
const FULL: usize = 100;
const LEAST: usize = 8;

/// The timeline, or `None` for an empty archive.
pub fn timeline_html(day_counts: &BTreeMap<Date, usize>) -> Option<String> {
    let mut months: BTreeMap<(i16, i8), usize> = BTreeMap::new();
    for (d, c) in day_counts {
        *months.entry((d.year(), d.month())).or_default() += c;
    }
    let first = months.keys().next()?.0;
    let last = months.keys().next_back()?.0;
    let max = months.values().copied().max().unwrap_or(1).max(1);
    let mut html = String::from("<div class=\"timeline\">");
    // Month initials over the columns, for the eye only: every link names its month in full.
    html.push_str("<div class=\"timeline-scale\" aria-hidden=\"true\"><span></span><ol>");
    for name in MONTHS {
        let _ = write!(html, "<li>{}</li>", &name[..1]);
    }
    html.push_str("</ol></div><ol class=\"timeline-years\">");
    for year in first..=last {
        let in_year: usize = (1..=12).map(|m| months.get(&(year, m)).copied().unwrap_or(0)).sum();
        // A year without articles has no page of its own to link to.
        if in_year == 0 {
            let _ = write!(
                html,
                "<li class=\"timeline-year\"><span class=\"timeline-year-link\">{year}<span class=\"visually-hidden\">: no articles</span></span><ol class=\"timeline-months\">"
            );
        } else {
            let _ = write!(
                html,
                "<li class=\"timeline-year\"><a class=\"timeline-year-link\" href=\"{}\" aria-label=\"{year}: {}\">{year}</a><ol class=\"timeline-months\">",
                year_url(year),
                articles(in_year)
            );
        }
        for month in 1..=12 {
            let count = months.get(&(year, month)).copied().unwrap_or(0);
            let label = format!("{} {year}: {}", MONTHS[(month - 1) as usize], articles(count));
            if count == 0 {
                // An empty month keeps its column but is not read out: the year's links say it all.
                html.push_str("<li class=\"empty\" aria-hidden=\"true\"><span class=\"bar\"></span></li>");
            } else {
                let height = (count * FULL).div_ceil(max).max(LEAST);
                let _ = write!(
                    html,
                    "<li><a href=\"{}\" title=\"{label}\"><span class=\"bar\" style=\"height:{height}%\"></span><span class=\"visually-hidden\">{label}</span></a></li>",
                    month_url(year, month),
                    label = escape_text(&label)
                );
            }
        }
        html.push_str("</ol></li>");
    }
    html.push_str("</ol></div>");
    Some(html)
}

fn articles(count: usize) -> String {
    match count {
        0 => "no articles".into(),
        1 => "1 article".into(),
        n => format!("{n} articles"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_row_of_twelve_months_per_year_linked_when_they_have_articles() {
        let mut counts = BTreeMap::new();
        counts.insert(date(2020, 11, 3), 2);
        counts.insert(date(2021, 2, 1), 3);
        counts.insert(date(2021, 2, 9), 1);
        let html = timeline_html(&counts).unwrap();
        assert_eq!(html.matches("<li class=\"timeline-year\">").count(), 2);
        assert_eq!(html.matches("class=\"bar\"").count(), 24, "twelve columns a year");
        assert_eq!(
            html.matches("<li><a href=").count(),
            2,
            "one link per month with articles"
        );
        assert!(
            html.contains(
                "<a href=\"/2021/02/\" title=\"February 2021: 4 articles\"><span class=\"bar\" style=\"height:100%\">"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"/2020/11/\" title=\"November 2020: 2 articles\"><span class=\"bar\" style=\"height:50%\">"
            ),
            "{html}"
        );
        assert!(html.contains("<span class=\"visually-hidden\">November 2020: 2 articles</span>"));
        assert!(html.contains("href=\"/2020/\" aria-label=\"2020: 2 articles\">2020</a>"));
        assert_eq!(
            html.matches("aria-hidden=\"true\"").count(),
            1 + 22,
            "the scale and the empty months"
        );
        assert!(!html.contains("role=\"img\""), "links are never inside a picture");
        assert!(timeline_html(&BTreeMap::new()).is_none());
    }

    #[test]
    fn a_year_without_articles_keeps_its_row_but_links_nowhere() {
        let mut counts = BTreeMap::new();
        counts.insert(date(2020, 2, 3), 1);
        counts.insert(date(2022, 6, 1), 1);
        let html = timeline_html(&counts).unwrap();
        assert_eq!(html.matches("<li class=\"timeline-year\">").count(), 3);
        assert!(!html.contains("href=\"/2021/"), "{html}");
        assert!(
            html.contains("2021<span class=\"visually-hidden\">: no articles</span>"),
            "{html}"
        );
    }

    #[test]
    fn a_quiet_month_keeps_a_visible_bar() {
        let mut counts = BTreeMap::new();
        counts.insert(date(2022, 1, 1), 200);
        counts.insert(date(2022, 5, 1), 1);
        let html = timeline_html(&counts).unwrap();
        assert!(
            html.contains("title=\"May 2022: 1 article\"><span class=\"bar\" style=\"height:8%\">"),
            "{html}"
        );
    }
}
