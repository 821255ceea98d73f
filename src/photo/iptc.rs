//! IPTC-IIM, the record agencies have embedded since the 1990s: datasets of a marker byte
//! 0x1C, a record number, a dataset number, a length and the value.
//!
//! No maintained crate reads IIM, so it is read here. Its one subtlety is text encoding:
//! dataset 1:90 says "UTF-8" with the escape sequence `ESC % G`; without it, older files are
//! Latin-1, while many newer tools write UTF-8 and leave 1:90 out. A value is therefore UTF-8
//! when 1:90 says so or when it is valid UTF-8, and Latin-1 otherwise (Latin-1 text with
//! accents is almost never valid UTF-8).

use jiff::civil::Date;

use super::{Block, Embedded, Place, Tagged, Warning, clean, set};

/// `ESC % G`: ISO 2022's designation of UTF-8, the value of dataset 1:90 in UTF-8 files.
const UTF8_DESIGNATION: &[u8] = b"\x1b%G";

/// The datasets of an IIM block, as `(record, dataset, value)`.
pub fn datasets<'a>(b: &'a [u8], warnings: &mut Vec<Warning>) -> Vec<(u8, u8, &'a [u8])> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != 0x1C {
            // Blocks are padded to even lengths with zeros; anything else is damage.
            if b[i..].iter().any(|&c| c != 0) {
                warnings.push(Warning(format!(
                    "the IPTC block has unreadable bytes at offset {i}; the datasets after them are ignored"
                )));
            }
            break;
        }
        let Some(head) = b.get(i + 1..i + 5) else {
            warnings.push(Warning("the IPTC block ends inside a dataset header".into()));
            break;
        };
        let (record, dataset) = (head[0], head[1]);
        let mut len = usize::from(u16::from_be_bytes([head[2], head[3]]));
        let mut start = i + 5;
        if len & 0x8000 != 0 {
            // An extended dataset: the low bits count the bytes of the real length.
            let count = len & 0x7FFF;
            let Some(bytes) = b.get(start..start + count).filter(|_| count <= 4) else {
                warnings.push(Warning(format!(
                    "IPTC dataset {record}:{dataset} has an unreadable extended length"
                )));
                break;
            };
            len = bytes.iter().fold(0usize, |n, &c| (n << 8) | usize::from(c));
            start += count;
        }
        let Some(value) = start.checked_add(len).and_then(|end| b.get(start..end)) else {
            warnings.push(Warning(format!(
                "IPTC dataset {record}:{dataset} says it is {len} bytes long, past the end of its \
                 block; it and what follows are ignored"
            )));
            break;
        };
        out.push((record, dataset, value));
        i = start + len;
    }
    out
}

/// Reads the IIM datasets a figure uses into `embedded`.
pub fn read(b: &[u8], embedded: &mut Embedded, warnings: &mut Vec<Warning>) {
    let sets = datasets(b, warnings);
    let utf8 = sets.iter().any(|&(r, d, v)| r == 1 && d == 90 && v == UTF8_DESIGNATION);
    let text = |v: &[u8]| -> Option<String> { clean(&decode(v, utf8)) };
    let all = |dataset: u8| -> Vec<String> {
        sets.iter()
            .filter(|&&(r, d, _)| r == 2 && d == dataset)
            .filter_map(|&(_, _, v)| text(v))
            .collect()
    };
    let first = |dataset: u8| all(dataset).into_iter().next();
    let from = Block::Iptc;
    set(&mut embedded.title, first(5), from);
    set(&mut embedded.headline, first(105), from);
    set(&mut embedded.caption, first(120), from);
    set(&mut embedded.credit_line, first(110), from);
    set(&mut embedded.source, first(115), from);
    set(&mut embedded.copyright, first(116), from);
    let creators = all(80);
    if !creators.is_empty() {
        embedded.creators = Some(Tagged { value: creators, from });
    }
    let keywords = all(25);
    if !keywords.is_empty() {
        embedded.keywords = keywords;
    }
    if let Some(date) = first(55).as_deref().and_then(iim_date) {
        embedded.date_taken = Some(Tagged { value: date, from });
    }
    let place = Place {
        sublocation: first(92),
        city: first(90),
        region: first(95),
        country: first(101),
    };
    if place != Place::default() {
        embedded.place_taken = Some(Tagged { value: place, from });
    }
}

/// A value's text: UTF-8 when the block or the bytes say so, else Latin-1.
fn decode(v: &[u8], utf8: bool) -> String {
    match std::str::from_utf8(v) {
        Ok(s) => s.to_string(),
        Err(_) if utf8 => String::from_utf8_lossy(v).into_owned(),
        // Latin-1 maps each byte to the code point of the same number.
        Err(_) => v.iter().map(|&c| char::from(c)).collect(),
    }
}

/// IIM dates are `CCYYMMDD`.
fn iim_date(s: &str) -> Option<Date> {
    let digits = s.get(..8).filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?;
    let n = |r: std::ops::Range<usize>| digits[r].parse::<i16>().ok();
    Date::new(n(0..4)?, n(4..6)? as i8, n(6..8)? as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(record: u8, number: u8, value: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1C, record, number];
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(value);
        out
    }

    fn read_block(b: &[u8]) -> (Embedded, Vec<Warning>) {
        let mut embedded = Embedded::default();
        let mut warnings = Vec::new();
        read(b, &mut embedded, &mut warnings);
        (embedded, warnings)
    }

    #[test]
    fn reads_caption_credit_creators_date_and_place() {
        let block = [
            dataset(2, 120, b"Nets dry on the quay."),
            dataset(2, 80, b"Rosa Quintal"),
            dataset(2, 80, b"Ivo Mendes"),
            dataset(2, 110, b"Tagus Pictures"),
            dataset(2, 116, b"(c) 2022 Tagus Pictures"),
            dataset(2, 55, b"20220314"),
            dataset(2, 90, b"Setubal"),
            dataset(2, 101, b"Portugal"),
            dataset(2, 25, b"fishing"),
        ]
        .concat();
        let (e, warnings) = read_block(&block);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(e.caption.unwrap().value, "Nets dry on the quay.");
        assert_eq!(e.creators.unwrap().value, ["Rosa Quintal", "Ivo Mendes"]);
        assert_eq!(e.credit_line.unwrap().value, "Tagus Pictures");
        assert_eq!(e.copyright.unwrap().value, "(c) 2022 Tagus Pictures");
        assert_eq!(e.date_taken.unwrap().value, jiff::civil::date(2022, 3, 14));
        assert_eq!(e.place_taken.unwrap().value.display(), "Setubal, Portugal");
        assert_eq!(e.keywords, ["fishing"]);
    }

    /// One row per encoding seen in archives: declared UTF-8, undeclared UTF-8, Latin-1.
    #[test]
    fn text_is_utf8_when_declared_or_valid_and_latin1_otherwise() {
        type Row<'a> = (&'a [u8], Option<&'a [u8]>, &'a str);
        let rows: [Row; 3] = [
            ("Setúbal".as_bytes(), Some(UTF8_DESIGNATION), "Setúbal"),
            ("Setúbal".as_bytes(), None, "Setúbal"),
            (b"Set\xfabal", None, "Setúbal"),
        ];
        for (value, charset, want) in rows {
            let mut block = charset.map(|c| dataset(1, 90, c)).unwrap_or_default();
            block.extend(dataset(2, 90, value));
            let (e, _) = read_block(&block);
            assert_eq!(e.place_taken.unwrap().value.city.unwrap(), want);
        }
    }

    #[test]
    fn a_length_past_the_end_keeps_what_came_before_and_warns() {
        let mut block = dataset(2, 5, b"Quay");
        block.extend_from_slice(&[0x1C, 2, 120, 0x40, 0x00, b'x']);
        let (e, warnings) = read_block(&block);
        assert_eq!(e.title.unwrap().value, "Quay");
        assert!(e.caption.is_none());
        assert!(
            warnings[0].0.contains("2:120 says it is 16384 bytes long"),
            "{warnings:?}"
        );
    }

    #[test]
    fn damage_and_truncation_warn_and_padding_does_not() {
        let (_, w) = read_block(&[dataset(2, 5, b"Quay"), vec![0, 0]].concat());
        assert!(w.is_empty());
        let (_, w) = read_block(&[dataset(2, 5, b"Quay"), vec![7, 0]].concat());
        assert_eq!(w.len(), 1);
        let (_, w) = read_block(&[0x1C, 2]);
        assert_eq!(w.len(), 1);
        // An extended length of more than four bytes cannot be a real length.
        let (_, w) = read_block(&[0x1C, 2, 120, 0x80, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn an_extended_length_is_read() {
        let block = [0x1C, 2, 120, 0x80, 0x02, 0x00, 0x03, b'a', b'b', b'c'];
        let (e, w) = read_block(&block);
        assert!(w.is_empty());
        assert_eq!(e.caption.unwrap().value, "abc");
    }
}
