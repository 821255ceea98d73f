//! Finding the metadata blocks inside each container format: EXIF, XMP and IPTC-IIM, as raw
//! bytes, plus the stored size. The chunk and segment walks are `img-parts`'; TIFF keeps its
//! XMP and IPTC in tags of its first directory, which `kamadak-exif` reads.

use std::io::Read;

use img_parts::Bytes;

use super::Warning;

/// The largest metadata block inflated from a compressed PNG chunk: real XMP packets are a few
/// kilobytes, and a ceiling turns a zip bomb into a warning.
const INFLATED_LIMIT: u64 = 4 * 1024 * 1024;

/// XMP in JPEG APP1 segments starts with this namespace and a NUL.
const XMP_JPEG: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
/// Photoshop's image resource block, where JPEG keeps IPTC-IIM.
const PHOTOSHOP: &[u8] = b"Photoshop 3.0\0";
/// The image resource that holds IPTC-IIM.
const IRB_IPTC: u16 = 0x0404;

/// The picture formats whose metadata is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Tiff,
}

impl Format {
    /// The format a file's first bytes announce.
    pub fn detect(b: &[u8]) -> Option<Format> {
        if b.starts_with(&[0xFF, 0xD8]) {
            Some(Format::Jpeg)
        } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
            Some(Format::WebP)
        } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
            Some(Format::Tiff)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
            Format::Tiff => "TIFF",
        }
    }
}

/// The raw metadata blocks of one file.
#[derive(Default)]
pub struct Blocks {
    /// A TIFF structure (EXIF without its "Exif\0\0" prefix).
    pub exif: Option<Vec<u8>>,
    pub xmp: Option<Vec<u8>>,
    /// IPTC-IIM datasets.
    pub iptc: Option<Vec<u8>>,
    /// A TIFF file's own directories, already parsed (its EXIF fields live there).
    pub tiff: Option<exif::Exif>,
    pub size: Option<(u32, u32)>,
}

/// Splits a file into its metadata blocks.
pub fn blocks(format: Format, bytes: &[u8], warnings: &mut Vec<Warning>) -> Blocks {
    let mut out = Blocks::default();
    let parsed = match format {
        Format::Jpeg => jpeg(bytes, &mut out, warnings),
        Format::Png => png(bytes, &mut out, warnings),
        Format::WebP => webp(bytes, &mut out),
        Format::Tiff => {
            tiff(bytes, &mut out, warnings);
            Ok(())
        }
    };
    if let Err(e) = parsed {
        warnings.push(Warning(format!(
            "the {} structure is damaged ({e}); its metadata cannot be read",
            format.name()
        )));
    }
    out
}

fn jpeg(bytes: &[u8], out: &mut Blocks, warnings: &mut Vec<Warning>) -> Result<(), img_parts::Error> {
    // A JPEG's metadata sits before its first scan; a file cut short inside the picture data
    // still has all of it, so only the part before the scan is handed to the parser, with an
    // end-of-image marker to close it.
    let (head, complete) = head_of_jpeg(bytes);
    if !complete {
        warnings.push(Warning(
            "the file ends (or a segment's length points past its end) before the picture data; \
             metadata after that point is lost"
                .into(),
        ));
    }
    let jpeg = img_parts::jpeg::Jpeg::from_bytes(Bytes::from(head))?;
    for segment in jpeg.segments() {
        let data = segment.contents();
        match segment.marker() {
            0xE1 if data.starts_with(b"Exif\0\0") && out.exif.is_none() => out.exif = Some(data[6..].to_vec()),
            0xE1 if data.starts_with(XMP_JPEG) && out.xmp.is_none() => out.xmp = Some(data[XMP_JPEG.len()..].to_vec()),
            0xED if data.starts_with(PHOTOSHOP) => {
                if let Some(iptc) = irb_iptc(&data[PHOTOSHOP.len()..]) {
                    out.iptc.get_or_insert_with(Vec::new).extend_from_slice(iptc);
                }
            }
            _ => {}
        }
    }
    out.size = jpeg
        .dimensions()
        .map(|(w, h)| (u32::from(w), u32::from(h)))
        .filter(|&(w, h)| w > 0 && h > 0);
    Ok(())
}

/// The segments of a JPEG before its first scan, closed with an end-of-image marker, and
/// whether the walk reached the scan. Walks the segment lengths only; a length past the end
/// stops the walk there.
pub fn head_of_jpeg(b: &[u8]) -> (Vec<u8>, bool) {
    let mut i = 2;
    let mut complete = false;
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            complete = true;
            break;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if len < 2 || i + 2 + len > b.len() {
            break;
        }
        i += 2 + len;
    }
    let mut head = b[..i.min(b.len())].to_vec();
    head.extend_from_slice(&[0xFF, 0xD9]);
    (head, complete)
}

/// The IPTC-IIM data in a Photoshop image resource block: "8BIM", a resource id, a padded
/// Pascal-string name, a length and the padded data, repeated.
pub fn irb_iptc(mut b: &[u8]) -> Option<&[u8]> {
    while b.len() >= 12 && b.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([b[4], b[5]]);
        let name_len = usize::from(b[6]);
        // The name's length byte and text together take an even number of bytes.
        let name_end = 7 + name_len + (name_len + 1) % 2;
        let size_bytes = b.get(name_end..name_end + 4)?;
        let size = u32::from_be_bytes(size_bytes.try_into().ok()?) as usize;
        let start = name_end + 4;
        let data = b.get(start..start.checked_add(size)?)?;
        if id == IRB_IPTC {
            return Some(data);
        }
        b = b.get(start + size + size % 2..)?;
    }
    None
}

fn png(bytes: &[u8], out: &mut Blocks, warnings: &mut Vec<Warning>) -> Result<(), img_parts::Error> {
    let png = img_parts::png::Png::from_bytes(Bytes::copy_from_slice(bytes))?;
    for chunk in png.chunks() {
        let data = chunk.contents();
        match &chunk.kind() {
            b"eXIf" if out.exif.is_none() => out.exif = Some(data.to_vec()),
            b"iTXt" | b"zTXt" | b"tEXt" => {
                let Some((keyword, text)) = png_text(chunk.kind(), data, warnings) else {
                    continue;
                };
                match keyword.as_slice() {
                    b"XML:com.adobe.xmp" if out.xmp.is_none() => out.xmp = Some(text),
                    b"Raw profile type iptc" | b"Raw profile type 8bim" if out.iptc.is_none() => {
                        let raw = raw_profile(&text);
                        // ImageMagick and exiftool write either bare IIM or a whole resource block.
                        out.iptc = match irb_iptc(raw.as_deref().unwrap_or_default()) {
                            Some(iim) => Some(iim.to_vec()),
                            None => raw.filter(|r| r.first() == Some(&0x1C)),
                        };
                    }
                    b"Raw profile type exif" if out.exif.is_none() => {
                        out.exif = raw_profile(&text).map(|r| match r.strip_prefix(b"Exif\0\0") {
                            Some(tiff) => tiff.to_vec(),
                            None => r,
                        });
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out.size = png.dimensions().filter(|&(w, h)| w > 0 && h > 0);
    Ok(())
}

/// The keyword and text of a PNG text chunk, inflating compressed text up to a ceiling.
fn png_text(kind: [u8; 4], data: &[u8], warnings: &mut Vec<Warning>) -> Option<(Vec<u8>, Vec<u8>)> {
    let nul = data.iter().position(|&c| c == 0)?;
    let keyword = data[..nul].to_vec();
    let rest = &data[nul + 1..];
    let (compressed, text) = match &kind {
        b"tEXt" => (false, rest),
        b"zTXt" => (true, rest.get(1..)?),
        _ => {
            // iTXt: compression flag, method, language tag, translated keyword, text.
            let flag = *rest.first()?;
            let after = rest.get(2..)?;
            let lang_end = after.iter().position(|&c| c == 0)?;
            let after = &after[lang_end + 1..];
            let translated_end = after.iter().position(|&c| c == 0)?;
            (flag == 1, &after[translated_end + 1..])
        }
    };
    if !compressed {
        return Some((keyword, text.to_vec()));
    }
    let mut inflated = Vec::new();
    let decoder = flate2::read::ZlibDecoder::new(text);
    if let Err(e) = decoder.take(INFLATED_LIMIT + 1).read_to_end(&mut inflated) {
        warnings.push(Warning(format!(
            "a compressed PNG text chunk ({}) cannot be inflated: {e}",
            String::from_utf8_lossy(&keyword)
        )));
        return None;
    }
    if inflated.len() as u64 > INFLATED_LIMIT {
        warnings.push(Warning(format!(
            "a compressed PNG text chunk ({}) inflates past {} MB; it is ignored",
            String::from_utf8_lossy(&keyword),
            INFLATED_LIMIT / 1024 / 1024
        )));
        return None;
    }
    Some((keyword, inflated))
}

/// The bytes of an ImageMagick "raw profile": a newline, the profile name, the length in
/// decimal, then the bytes in hexadecimal over many lines.
fn raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut lines = text.trim_start().splitn(3, '\n');
    let _name = lines.next()?;
    let len: usize = lines.next()?.trim().parse().ok()?;
    let hex: Vec<u8> = lines.next()?.bytes().filter(u8::is_ascii_hexdigit).collect();
    let bytes: Vec<u8> = hex
        .chunks_exact(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect();
    (bytes.len() >= len).then(|| bytes[..len].to_vec())
}

fn webp(bytes: &[u8], out: &mut Blocks) -> Result<(), img_parts::Error> {
    let webp = img_parts::webp::WebP::from_bytes(Bytes::copy_from_slice(bytes))?;
    for chunk in webp.chunks() {
        let Some(data) = chunk.content().data() else {
            continue;
        };
        match &chunk.id() {
            b"EXIF" if out.exif.is_none() => {
                // Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
                out.exif = Some(tiff.to_vec());
            }
            b"XMP " if out.xmp.is_none() => out.xmp = Some(data.to_vec()),
            _ => {}
        }
    }
    out.size = webp.dimensions().filter(|&(w, h)| w > 0 && h > 0);
    Ok(())
}

/// A TIFF file is itself an EXIF structure; its first directory may also hold XMP (tag 700)
/// and IPTC-IIM (tag 33723).
fn tiff(bytes: &[u8], out: &mut Blocks, warnings: &mut Vec<Warning>) {
    // Parsed once: the directories give the EXIF fields, the XMP, the IPTC and the size.
    let Some(parsed) = super::exif_fields::parse(bytes.to_vec(), warnings) else {
        return;
    };
    let raw = |tag: u16| -> Option<Vec<u8>> {
        let field = parsed.get_field(exif::Tag(exif::Context::Tiff, tag), exif::In::PRIMARY)?;
        match &field.value {
            exif::Value::Byte(b) | exif::Value::Undefined(b, _) => Some(b.clone()),
            // IPTC is often typed LONG; its bytes are the values in the file's byte order.
            exif::Value::Long(words) => Some(
                words
                    .iter()
                    .flat_map(|w| {
                        if parsed.little_endian() {
                            w.to_le_bytes()
                        } else {
                            w.to_be_bytes()
                        }
                    })
                    .collect(),
            ),
            _ => None,
        }
    };
    out.xmp = raw(700);
    out.iptc = raw(33723);
    let dim = |tag| parsed.get_field(tag, exif::In::PRIMARY)?.value.get_uint(0);
    out.size = dim(exif::Tag::ImageWidth)
        .zip(dim(exif::Tag::ImageLength))
        .filter(|&(w, h)| w > 0 && h > 0);
    out.tiff = Some(parsed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_block_yields_its_iptc_resource() {
        // A 0x0425 resource (digest) with a 1-byte name "a" (even: no padding), then IPTC.
        let mut irb = b"8BIM\x04\x25\x01a\0\0\0\x03xyz\0".to_vec();
        irb.extend_from_slice(b"8BIM\x04\x04\0\0\0\0\0\x05\x1c\x02\x05\0\0");
        assert_eq!(irb_iptc(&irb), Some(&b"\x1c\x02\x05\0\0"[..]));
    }

    #[test]
    fn a_resource_longer_than_its_block_yields_nothing() {
        let irb = b"8BIM\x04\x04\0\0\xff\xff\xff\xff\x1c\x02";
        assert_eq!(irb_iptc(irb), None);
    }

    #[test]
    fn a_raw_profile_is_hex_after_its_name_and_length() {
        let text = b"\niptc\n       4\n1c020500\n";
        assert_eq!(raw_profile(text), Some(vec![0x1c, 0x02, 0x05, 0x00]));
        assert_eq!(raw_profile(b"\niptc\n 9\n1c02\n"), None, "shorter than stated");
    }

    #[test]
    fn a_jpeg_cut_inside_its_picture_data_keeps_its_head() {
        // SOI, an APP1 of 4 bytes, then a scan that never ends.
        let b = [0xFF, 0xD8, 0xFF, 0xE1, 0, 4, b'a', b'b', 0xFF, 0xDA, 0, 8, 1, 2];
        let head = vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 4, b'a', b'b', 0xFF, 0xD9];
        assert_eq!(head_of_jpeg(&b), (head, true));
        // A segment claiming more bytes than the file has ends the head before it.
        let lying = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 1, 2];
        assert_eq!(head_of_jpeg(&lying), (vec![0xFF, 0xD8, 0xFF, 0xD9], false));
    }
}
