//! EXIF, the camera's own record: when the picture was taken, which way up it is, its size,
//! and the artist and copyright fields some cameras are set to fill in.

use exif::{In, Tag, Value};

use super::{Block, Embedded, Tagged, Warning, clean, set};

/// Reads the EXIF fields a figure uses into `embedded`.
pub fn read(tiff: &[u8], embedded: &mut Embedded, warnings: &mut Vec<Warning>) {
    if let Some(parsed) = parse(tiff.to_vec(), warnings) {
        read_parsed(&parsed, embedded);
    }
}

/// A TIFF structure's directories: what could be read, with a warning for what could not.
pub fn parse(tiff: Vec<u8>, warnings: &mut Vec<Warning>) -> Option<exif::Exif> {
    let mut reader = exif::Reader::new();
    // A damaged directory entry should not cost the rest of the record.
    reader.continue_on_error(true);
    match reader.read_raw(tiff) {
        Ok(parsed) => Some(parsed),
        Err(exif::Error::PartialResult(partial)) => {
            let (parsed, errors) = partial.into_inner();
            if let Some(e) = errors.first() {
                warnings.push(Warning(format!("part of the EXIF block is damaged ({e})")));
            }
            Some(parsed)
        }
        Err(e) => {
            warnings.push(Warning(format!("the EXIF block cannot be read ({e})")));
            None
        }
    }
}

/// Reads the EXIF fields a figure uses from parsed directories into `embedded`.
pub fn read_parsed(parsed: &exif::Exif, embedded: &mut Embedded) {
    let field = |tag| parsed.get_field(tag, In::PRIMARY);
    let ascii = |tag| match &field(tag)?.value {
        Value::Ascii(parts) => clean(
            &parts
                .iter()
                .map(|p| String::from_utf8_lossy(p))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    };
    let from = Block::Exif;
    if let Some(date) = [Tag::DateTimeOriginal, Tag::DateTimeDigitized]
        .into_iter()
        .find_map(|tag| ascii(tag).as_deref().and_then(exif_date))
    {
        embedded.date_taken = Some(Tagged { value: date, from });
    }
    if let Some(o) = field(Tag::Orientation).and_then(|f| f.value.get_uint(0)) {
        embedded.orientation = u16::try_from(o).ok().filter(|o| (2..=8).contains(o));
    }
    let dim = |tag| field(tag).and_then(|f| f.value.get_uint(0)).filter(|&n| n > 0);
    if embedded.size.is_none() {
        embedded.size = dim(Tag::PixelXDimension).zip(dim(Tag::PixelYDimension));
    }
    set(&mut embedded.caption, ascii(Tag::ImageDescription), from);
    set(&mut embedded.copyright, ascii(Tag::Copyright), from);
    if let Some(artist) = ascii(Tag::Artist) {
        embedded.creators = Some(Tagged {
            value: vec![artist],
            from,
        });
    }
}

/// EXIF dates are `YYYY:MM:DD HH:MM:SS`; cameras without a clock write zeros or spaces.
fn exif_date(s: &str) -> Option<jiff::civil::Date> {
    let dt = exif::DateTime::from_ascii(s.as_bytes()).ok()?;
    jiff::civil::Date::new(dt.year as i16, dt.month as i8, dt.day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF structure with the given IFD0 entries (tag, type, count, value).
    pub fn tiff(entries: &[(u16, u16, u32, Vec<u8>)]) -> Vec<u8> {
        let mut out = b"II*\0\x08\0\0\0".to_vec();
        let dir_len = 2 + entries.len() * 12 + 4;
        let mut extra = Vec::new();
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for (tag, kind, count, value) in entries {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
            if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend_from_slice(&v);
            } else {
                let offset = 8 + dir_len + extra.len();
                out.extend_from_slice(&(offset as u32).to_le_bytes());
                extra.extend_from_slice(value);
            }
        }
        out.extend_from_slice(&[0; 4]);
        out.extend(extra);
        out
    }

    fn read_tiff(b: &[u8]) -> (Embedded, Vec<Warning>) {
        let mut e = Embedded::default();
        let mut w = Vec::new();
        read(b, &mut e, &mut w);
        (e, w)
    }

    #[test]
    fn reads_orientation_artist_and_copyright() {
        let b = tiff(&[
            (0x0112, 3, 1, vec![6, 0]),
            (0x013B, 2, 10, b"Ivo Mendes\0".to_vec()[..10].to_vec()),
            (0x8298, 2, 6, b"(c) IM".to_vec()),
        ]);
        let (e, w) = read_tiff(&b);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(e.orientation, Some(6));
        assert_eq!(e.creators.unwrap().value, ["Ivo Mendes"]);
        assert_eq!(e.copyright.unwrap().value, "(c) IM");
    }

    #[test]
    fn an_offset_past_the_end_warns() {
        let mut b = tiff(&[(0x8298, 2, 40, vec![0; 40])]);
        b.truncate(b.len() - 30);
        let (e, w) = read_tiff(&b);
        assert!(e.copyright.is_none());
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn dates_without_a_clock_are_no_dates() {
        assert_eq!(exif_date("2022:03:14 09:30:00"), Some(jiff::civil::date(2022, 3, 14)));
        assert_eq!(exif_date("0000:00:00 00:00:00"), None);
        assert_eq!(exif_date("    :  :     :  :  "), None);
    }
}
