//! The archive timeline on the front page: articles per month as an inline SVG bar chart,
//! drawn at build time, each bar a link to its month page.

use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::civil::Date;

use crate::dates::MONTHS;

use super::calendar::month_url;
use super::highlight::escape_text;

/// The chart, or `None` for an empty archive.
pub fn timeline_svg(day_counts: &BTreeMap<Date, usize>) -> Option<String> {
    let first = *day_counts.keys().next()?;
    let last = *day_counts.keys().next_back()?;
    let mut months: Vec<((i16, i8), usize)> = Vec::new();
    let (mut y, mut m) = (first.year(), first.month());
    while (y, m) <= (last.year(), last.month()) {
        months.push(((y, m), 0));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    for (d, c) in day_counts {
        let i = (d.year() as usize - first.year() as usize) * 12 + d.month() as usize - first.month() as usize;
        if let Some(slot) = months.get_mut(i) {
            slot.1 += c;
        }
    }
    let max = months.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
    let bar = 8usize;
    let gap = 2usize;
    let height = 80usize;
    let width = months.len() * (bar + gap);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"timeline\" viewBox=\"0 0 {width} {}\" role=\"img\" aria-labelledby=\"timeline-title\" preserveAspectRatio=\"none\"><title id=\"timeline-title\">Articles per month, {} to {}</title>",
        height + 14,
        first.year(),
        last.year()
    );
    for (i, ((y, m), count)) in months.iter().enumerate() {
        let x = i * (bar + gap);
        let h = if *count == 0 {
            0
        } else {
            (count * height).div_ceil(max).max(2)
        };
        let label = format!(
            "{} {y}: {count} article{}",
            MONTHS[(*m - 1) as usize],
            if *count == 1 { "" } else { "s" }
        );
        if *count > 0 {
            let _ = write!(
                svg,
                "<a href=\"{}\"><rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\"><title>{}</title></rect></a>",
                month_url(*y, *m),
                height - h,
                escape_text(&label)
            );
        } else {
            let _ = write!(
                svg,
                "<rect class=\"empty\" x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"1\"><title>{}</title></rect>",
                height - 1,
                escape_text(&label)
            );
        }
        if *m == 1 || i == 0 {
            let _ = write!(svg, "<text x=\"{x}\" y=\"{}\">{y}</text>", height + 12);
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn one_bar_per_month_linked_when_it_has_articles() {
        let mut counts = BTreeMap::new();
        counts.insert(date(2020, 11, 3), 2);
        counts.insert(date(2021, 2, 1), 4);
        let svg = timeline_svg(&counts).unwrap();
        assert_eq!(svg.matches("<rect").count(), 4, "Nov, Dec, Jan, Feb");
        assert_eq!(svg.matches("<a href=").count(), 2);
        assert!(svg.contains("href=\"/2021/02/\""));
        assert!(svg.contains("February 2021: 4 articles"));
        assert!(svg.contains(">2021</text>"));
        assert!(timeline_svg(&BTreeMap::new()).is_none());
    }
}
