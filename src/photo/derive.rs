//! Responsive derivatives of a picture: smaller copies at a few widths, turned upright, that
//! carry the picture's record with them.
//!
//! Pages show a copy no wider than the reader's screen needs; the original stays linked. The
//! copies keep what identifies and protects the picture — caption, credit, creator, copyright
//! and rights — as a fresh XMP packet (and, in a JPEG, an IPTC-IIM block, which much picture
//! desk software still reads first). Nothing else of the original's metadata is carried over:
//! GPS position and camera serial numbers can identify a source or endanger a photographer,
//! so they are dropped unless the site asks to keep the position.
//!
//! Everything here is pure: bytes in, bytes out. The encoders are deterministic, so the same
//! picture and settings always give the same files.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, imageops::FilterType, metadata::Orientation};

use super::{Embedded, Format, PIXEL_LIMIT};

/// The quality of JPEG derivatives: indistinguishable from the original at screen sizes, a
/// fraction of its bytes.
const JPEG_QUALITY: u8 = 82;

/// What the site asks of derivatives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Widths in pixels; those not narrower than the picture are left out.
    pub widths: Vec<u32>,
    /// Copy the original's GPS position into each derivative.
    pub keep_gps: bool,
}

/// The file formats derivatives are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::WebP => "webp",
        }
    }

    /// Whether a copy of `width` × `height` pixels can be written in this format: WebP holds
    /// at most 16383 pixels a side, so a very tall picture (a long infographic, a scanned
    /// page strip) gets no WebP copy at the widths where it would exceed that.
    pub fn fits(self, width: u32, height: u32) -> bool {
        match self {
            Kind::WebP => width <= WEBP_MAX_SIDE && height <= WEBP_MAX_SIDE,
            Kind::Jpeg | Kind::Png => true,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
        }
    }
}

/// The quality of lossy WebP copies of photographs, on libwebp's 0–100 scale, and its effort
/// (0–6). At quality 80 and effort 2 a copy of a photograph is about 40 % of the JPEG copy
/// beside it, 2 dB below it in PSNR, and encodes in about 1.4 times the JPEG's time; libwebp's
/// default effort, 4, saves 4 % more bytes for twice the time (README, "Smaller copies that
/// keep the record", gives the figures).
const WEBP_QUALITY: f32 = 80.0;
const WEBP_EFFORT: i32 = 2;

/// The largest width or height a WebP file can state.
const WEBP_MAX_SIDE: u32 = 16383;

/// The formats a picture's derivatives are made in, the original's own first; `None` for
/// formats that get none.
///
/// Both get a WebP copy, which browsers take first through `<picture>`: a JPEG photograph a
/// lossy one (libwebp), smaller than its JPEG copy; a PNG — a chart, a map, a screenshot,
/// whose sharp edges lossy coding would smear — a lossless one, about a quarter smaller than
/// the PNG.
pub fn kinds(format: Format) -> Option<&'static [Kind]> {
    match format {
        Format::Jpeg => Some(&[Kind::Jpeg, Kind::WebP]),
        Format::Png => Some(&[Kind::Png, Kind::WebP]),
        _ => None,
    }
}

/// The size a picture stored at `size` is shown at once its EXIF orientation is applied.
pub fn upright(size: (u32, u32), orientation: Option<u16>) -> (u32, u32) {
    match orientation {
        Some(5..=8) => (size.1, size.0),
        _ => size,
    }
}

/// Whether a picture shown at `shown` pixels is offered at its own width beside its smaller
/// copies: when it has some, and the site asks for a width at least as wide as the picture.
/// A 1200-pixel picture with widths 480, 960 and 1600 is offered at 480, 960 and 1200 — the
/// original itself in its own format, never an enlargement — while a 4000-pixel one stops at
/// 1600.
pub fn offers_full_width(shown: (u32, u32), widths: &[u32]) -> bool {
    widths.iter().any(|&x| x >= shown.0) && !plan(shown, widths).is_empty()
}

/// The width and height of each derivative of a picture shown at `shown` pixels: the asked
/// widths narrower than the picture, smallest first, keeping its proportions.
pub fn plan(shown: (u32, u32), widths: &[u32]) -> Vec<(u32, u32)> {
    let (w, h) = shown;
    let mut out: Vec<(u32, u32)> = widths
        .iter()
        .copied()
        .filter(|&x| x > 0 && x < w)
        .map(|x| {
            let height = (u64::from(h) * u64::from(x) + u64::from(w) / 2) / u64::from(w);
            (x, (height as u32).max(1))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One derivative file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivative {
    pub width: u32,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// Why a picture's derivatives could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    #[error("the picture claims {0} × {1} pixels, more than the limit of {PIXEL_LIMIT}; it is not decoded")]
    TooLarge(u32, u32),
    #[error("the picture cannot be decoded ({0})")]
    Decode(String),
    #[error("a smaller copy cannot be encoded ({0})")]
    Encode(String),
}

/// Makes every derivative of the picture in `bytes` (a JPEG or PNG), carrying `record`: a copy
/// in each of its [`kinds`] at each planned width and, when the picture is
/// [offered at its own width](offers_full_width), a full-size copy in each format other than
/// its own (in its own format, the original is that copy). One decoded picture and one
/// resized copy are held at a time.
pub fn make(bytes: &[u8], record: &Embedded, settings: &Settings) -> Result<Vec<Derivative>, DeriveError> {
    let Some(format) = Format::detect(bytes) else {
        return Ok(Vec::new());
    };
    let Some(kinds) = kinds(format) else {
        return Ok(Vec::new());
    };
    let lossy = format == Format::Jpeg;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| DeriveError::Decode(e.to_string()))?;
    let decoder = reader.into_decoder().map_err(|e| DeriveError::Decode(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > PIXEL_LIMIT {
        return Err(DeriveError::TooLarge(w, h));
    }
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| DeriveError::Decode(e.to_string()))?;
    // The orientation the record states, not the decoder's own reading: the page's width and
    // height attributes are computed from the record, and the two must agree.
    if let Some(o) = record.orientation.and_then(|o| Orientation::from_exif(o as u8)) {
        picture.apply_orientation(o);
    }
    picture = if picture.color().has_alpha() {
        DynamicImage::ImageRgba8(picture.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.into_rgb8())
    };
    let xmp = xmp_packet(record);
    let iptc = iptc_block(record);
    let gps = if settings.keep_gps { gps_exif(bytes) } else { None };
    let mut out = Vec::new();
    let shown = (picture.width(), picture.height());
    if offers_full_width(shown, &settings.widths) {
        for &kind in kinds[1..].iter().filter(|k| k.fits(shown.0, shown.1)) {
            let bytes = encode(&picture, kind, lossy, &xmp, &iptc, gps.as_deref())?;
            out.push(Derivative {
                width: shown.0,
                kind,
                bytes,
            });
        }
    }
    // Largest first, each from the one before: resizing a 12-megapixel picture once, then
    // small ones, costs far less than three resizes of the original.
    for (width, height) in plan(shown, &settings.widths).into_iter().rev() {
        picture = picture.resize_exact(width, height, FilterType::Triangle);
        for &kind in kinds.iter().filter(|k| k.fits(width, height)) {
            let bytes = encode(&picture, kind, lossy, &xmp, &iptc, gps.as_deref())?;
            out.push(Derivative { width, kind, bytes });
        }
    }
    out.sort_by_key(|d| (d.width, kinds.iter().position(|&k| k == d.kind)));
    Ok(out)
}

/// Encodes one copy; `lossy` asks for lossy WebP (the other formats have one way each).
fn encode(
    picture: &DynamicImage,
    kind: Kind,
    lossy: bool,
    xmp: &[u8],
    iptc: &[u8],
    gps: Option<&[u8]>,
) -> Result<Vec<u8>, DeriveError> {
    let failed = |e: &dyn std::fmt::Display| DeriveError::Encode(e.to_string());
    let mut out = Vec::new();
    match kind {
        Kind::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(picture)
                .map_err(|e| failed(&e))?;
            let mut segments = Vec::new();
            if let Some(tiff) = gps {
                push_segment(&mut segments, 0xE1, &[b"Exif\0\0".as_slice(), tiff]);
            }
            push_segment(&mut segments, 0xE1, &[XMP_JPEG_SIGNATURE, xmp]);
            push_segment(
                &mut segments,
                0xED,
                &[b"Photoshop 3.0\0".as_slice(), &photoshop_iptc(iptc)],
            );
            // After the JFIF segment, which must come first.
            let at = match out.get(2..6) {
                Some([0xFF, 0xE0, hi, lo]) => 4 + usize::from(u16::from_be_bytes([*hi, *lo])),
                _ => 2,
            };
            out.splice(at..at, segments);
        }
        Kind::Png => {
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(
                    picture.as_bytes(),
                    picture.width(),
                    picture.height(),
                    picture.color().into(),
                )
                .map_err(|e| failed(&e))?;
            let mut png = img_parts::png::Png::from_bytes(out.into()).map_err(|e| failed(&e))?;
            let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
            itxt.extend_from_slice(xmp);
            let at = png.chunks().iter().position(|c| &c.kind() == b"IDAT").unwrap_or(1);
            png.chunks_mut()
                .insert(at, img_parts::png::PngChunk::new(*b"iTXt", itxt.into()));
            if let Some(tiff) = gps {
                png.chunks_mut()
                    .insert(at, img_parts::png::PngChunk::new(*b"eXIf", tiff.to_vec().into()));
            }
            out = Vec::new();
            png.encoder().write_to(&mut out).map_err(|e| failed(&e))?;
        }
        Kind::WebP if lossy => {
            let encoder = if picture.color().has_alpha() {
                webp::Encoder::from_rgba(picture.as_bytes(), picture.width(), picture.height())
            } else {
                webp::Encoder::from_rgb(picture.as_bytes(), picture.width(), picture.height())
            };
            let mut config = webp::WebPConfig::new().map_err(|()| failed(&"libwebp refused its default settings"))?;
            config.quality = WEBP_QUALITY;
            config.method = WEBP_EFFORT;
            let coded = encoder
                .encode_advanced(&config)
                .map_err(|e| failed(&format!("{e:?}")))?;
            out = webp_with_metadata(&coded, picture.width(), picture.height(), xmp, gps)
                .ok_or_else(|| failed(&"libwebp wrote a file this crate cannot read back"))?;
        }
        Kind::WebP => {
            let color = if picture.color().has_alpha() {
                image_webp::ColorType::Rgba8
            } else {
                image_webp::ColorType::Rgb8
            };
            let mut encoder = image_webp::WebPEncoder::new(&mut out);
            encoder.set_xmp_metadata(xmp.to_vec());
            if let Some(tiff) = gps {
                encoder.set_exif_metadata(tiff.to_vec());
            }
            encoder
                .encode(picture.as_bytes(), picture.width(), picture.height(), color)
                .map_err(|e| failed(&e))?;
        }
    }
    Ok(out)
}

use image::ImageEncoder as _;

/// The WebP file `coded` (as libwebp writes it, with no metadata) in the extended format,
/// carrying the XMP packet and the GPS block. libwebp's own muxer is a separate library; the
/// container is simple enough to write here: a `VP8X` header naming what follows, the image
/// chunks as they were, then `EXIF` and `XMP ` (each chunk padded to an even length).
/// `None` when `coded` is not a WebP file.
fn webp_with_metadata(coded: &[u8], width: u32, height: u32, xmp: &[u8], exif: Option<&[u8]>) -> Option<Vec<u8>> {
    if coded.len() < 12 || &coded[..4] != b"RIFF" || &coded[8..12] != b"WEBP" {
        return None;
    }
    let mut image_chunks = Vec::new();
    let mut flags = 0u8;
    let mut at = 12;
    while at + 8 <= coded.len() {
        let kind = &coded[at..at + 4];
        let len = u32::from_le_bytes(coded[at + 4..at + 8].try_into().ok()?) as usize;
        let end = (at + 8).checked_add(len)?.checked_add(len % 2)?;
        let chunk = coded.get(at..end)?;
        match kind {
            // Its flags are rebuilt below; alpha is the only one libwebp sets on a still picture.
            b"VP8X" => flags |= chunk.get(8)? & 0x10,
            _ => image_chunks.extend_from_slice(chunk),
        }
        at = end;
    }
    let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]| {
        out.extend_from_slice(kind);
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
        if body.len() % 2 == 1 {
            out.push(0);
        }
    };
    flags |= 0x04; // XMP
    if exif.is_some() {
        flags |= 0x08;
    }
    let mut header = vec![flags, 0, 0, 0];
    header.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    header.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    chunk(&mut body, b"VP8X", &header);
    body.extend_from_slice(&image_chunks);
    if let Some(tiff) = exif {
        chunk(&mut body, b"EXIF", tiff);
    }
    chunk(&mut body, b"XMP ", xmp);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&body);
    Some(out)
}

const XMP_JPEG_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// Appends a JPEG marker segment made of `parts`, when it fits in one segment.
fn push_segment(out: &mut Vec<u8>, marker: u8, parts: &[&[u8]]) {
    let len: usize = parts.iter().map(|p| p.len()).sum::<usize>() + 2;
    let Ok(len) = u16::try_from(len) else {
        return;
    };
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&len.to_be_bytes());
    for p in parts {
        out.extend_from_slice(p);
    }
}

/// The IPTC-IIM block wrapped as Photoshop's image resource 0x0404, as JPEG files carry it.
fn photoshop_iptc(iim: &[u8]) -> Vec<u8> {
    let mut out = b"8BIM\x04\x04\0\0".to_vec();
    out.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    out.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// The record as IPTC-IIM datasets, in UTF-8 (declared by the 1:90 character-set dataset).
pub fn iptc_block(e: &Embedded) -> Vec<u8> {
    let mut out = Vec::new();
    let mut put = |record: u8, dataset: u8, value: &[u8]| {
        // A standard dataset holds at most 32767 bytes; cut longer text at a character.
        let value = &value[..value.len().min(32767)];
        let value = match std::str::from_utf8(value) {
            Ok(_) => value,
            Err(e) => &value[..e.valid_up_to()],
        };
        out.extend_from_slice(&[0x1C, record, dataset]);
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(value);
    };
    put(1, 90, b"\x1b%G");
    put(2, 0, &[0, 4]);
    let text = |t: &Option<super::Tagged<String>>| t.as_ref().map(|t| t.value.clone());
    if let Some(t) = text(&e.title) {
        put(2, 5, t.as_bytes());
    }
    for creator in e.creators.iter().flat_map(|c| &c.value) {
        put(2, 80, creator.as_bytes());
    }
    for (dataset, value) in [
        (105, text(&e.headline)),
        (110, text(&e.credit_line)),
        (115, text(&e.source)),
        (116, text(&e.copyright)),
        (120, text(&e.caption)),
    ] {
        if let Some(v) = value {
            put(2, dataset, v.as_bytes());
        }
    }
    out
}

/// The record as an XMP packet: caption, credit, creator, copyright, rights and alt text.
pub fn xmp_packet(e: &Embedded) -> Vec<u8> {
    let mut body = String::new();
    let alt = |body: &mut String, tag: &str, value: &Option<super::Tagged<String>>| {
        if let Some(v) = value {
            body.push_str(&format!(
                "<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{tag}>",
                escape(&v.value)
            ));
        }
    };
    let simple = |body: &mut String, tag: &str, value: &Option<super::Tagged<String>>| {
        if let Some(v) = value {
            body.push_str(&format!("<{tag}>{}</{tag}>", escape(&v.value)));
        }
    };
    alt(&mut body, "dc:title", &e.title);
    alt(&mut body, "dc:description", &e.caption);
    alt(&mut body, "dc:rights", &e.copyright);
    if let Some(creators) = &e.creators {
        body.push_str("<dc:creator><rdf:Seq>");
        for c in &creators.value {
            body.push_str(&format!("<rdf:li>{}</rdf:li>", escape(c)));
        }
        body.push_str("</rdf:Seq></dc:creator>");
    }
    simple(&mut body, "photoshop:Headline", &e.headline);
    simple(&mut body, "photoshop:Credit", &e.credit_line);
    simple(&mut body, "photoshop:Source", &e.source);
    if let Some(d) = &e.date_taken {
        body.push_str(&format!("<photoshop:DateCreated>{}</photoshop:DateCreated>", d.value));
    }
    alt(&mut body, "xmpRights:UsageTerms", &e.usage_terms);
    simple(&mut body, "xmpRights:WebStatement", &e.web_statement);
    alt(&mut body, "Iptc4xmpCore:AltTextAccessibility", &e.alt);
    alt(&mut body, "Iptc4xmpCore:ExtDescrAccessibility", &e.extended_description);
    if e.licensor_name.is_some() || e.licensor_url.is_some() {
        body.push_str("<plus:Licensor><rdf:Seq><rdf:li rdf:parseType=\"Resource\">");
        simple(&mut body, "plus:LicensorName", &e.licensor_name);
        simple(&mut body, "plus:LicensorURL", &e.licensor_url);
        body.push_str("</rdf:li></rdf:Seq></plus:Licensor>");
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" \
         xmlns:xmpRights=\"http://ns.adobe.com/xap/1.0/rights/\" \
         xmlns:Iptc4xmpCore=\"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/\" \
         xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\">{body}</rdf:Description></rdf:RDF></x:xmpmeta>\
         <?xpacket end=\"r\"?>"
    )
    .into_bytes()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The original's GPS fields as a TIFF block of their own, when it has any.
fn gps_exif(bytes: &[u8]) -> Option<Vec<u8>> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()?;
    let gps: Vec<&exif::Field> = exif
        .fields()
        .filter(|f| f.ifd_num == exif::In::PRIMARY && f.tag.context() == exif::Context::Gps)
        .collect();
    if gps.is_empty() {
        return None;
    }
    let mut writer = exif::experimental::Writer::new();
    for field in gps {
        writer.push_field(field);
    }
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, false).ok()?;
    Some(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::{Block, Tagged, read};

    fn tagged(value: &str) -> Option<Tagged<String>> {
        Some(Tagged {
            value: value.into(),
            from: Block::Xmp,
        })
    }

    fn record() -> Embedded {
        Embedded {
            caption: tagged("Nets drying on the sea wall <after> the storm & swell."),
            credit_line: tagged("Lúcia Marreiros/Gazeta do Cabo"),
            creators: Some(Tagged {
                value: vec!["Lúcia Marreiros".into()],
                from: Block::Xmp,
            }),
            copyright: tagged("© 2025 Gazeta do Cabo"),
            usage_terms: tagged("Editorial use only"),
            web_statement: tagged("https://gazeta.example/licence"),
            ..Embedded::default()
        }
    }

    fn picture(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, 90]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img).write_to(&mut out, format).expect("encode");
        out.into_inner()
    }

    fn settings() -> Settings {
        Settings {
            widths: vec![480, 960, 1600],
            keep_gps: false,
        }
    }

    #[test]
    fn plans_only_narrower_widths_in_proportion() {
        assert_eq!(plan((1000, 750), &[1600, 480, 960]), [(480, 360), (960, 720)]);
        assert_eq!(
            plan((480, 300), &[480, 960]),
            [],
            "never enlarged, nor copied at its own width"
        );
        assert_eq!(upright((4000, 3000), Some(6)), (3000, 4000));
    }

    /// A picture narrower than the widest asked width is offered at its own width, never
    /// enlarged; a wider one stops at the widest asked width; one with no smaller copies is
    /// shown as it is.
    #[test]
    fn the_original_is_offered_within_the_asked_widths() {
        let widths = [480, 960, 1600];
        assert!(offers_full_width((1200, 800), &widths));
        assert!(offers_full_width((960, 640), &widths), "as wide as an asked width");
        assert!(!offers_full_width((4000, 3000), &widths));
        assert!(!offers_full_width((400, 300), &widths), "no smaller copy at all");
        let made = make(&picture(1200, 800, image::ImageFormat::Jpeg), &record(), &settings()).expect("derivatives");
        let got: Vec<(u32, Kind)> = made.iter().map(|d| (d.width, d.kind)).collect();
        assert_eq!(
            got,
            [
                (480, Kind::Jpeg),
                (480, Kind::WebP),
                (960, Kind::Jpeg),
                (960, Kind::WebP),
                (1200, Kind::WebP)
            ],
            "in its own format the original is the full-width copy; never a 1600"
        );
        assert_eq!(read(&made[4].bytes).embedded.size, Some((1200, 800)));
        assert_eq!(upright((4000, 3000), Some(3)), (4000, 3000));
    }

    /// Each derivative reads back, through this crate's own readers, with the record it was
    /// given; the JPEG's IPTC block says the same as its XMP.
    #[test]
    fn derivatives_carry_the_record() {
        for (format, kinds) in [
            (image::ImageFormat::Jpeg, vec![Kind::Jpeg, Kind::WebP]),
            (image::ImageFormat::Png, vec![Kind::Png, Kind::WebP]),
        ] {
            let made = make(&picture(1000, 500, format), &record(), &settings()).expect("derivatives");
            let got: Vec<(u32, Kind)> = made.iter().map(|d| (d.width, d.kind)).collect();
            let mut want: Vec<(u32, Kind)> = [480, 960]
                .iter()
                .flat_map(|&w| kinds.iter().map(move |&k| (w, k)))
                .collect();
            want.push((1000, Kind::WebP));
            assert_eq!(got, want);
            for d in &made {
                let back = read(&d.bytes);
                assert!(back.warnings.is_empty(), "{:?}", back.warnings);
                let e = back.embedded;
                assert_eq!(e.size, Some((d.width, d.width / 2)));
                assert_eq!(e.credit_text().as_deref(), Some("Lúcia Marreiros/Gazeta do Cabo"));
                assert_eq!(e.caption.map(|t| t.value), record().caption.map(|t| t.value));
                assert_eq!(e.copyright.map(|t| t.value).as_deref(), Some("© 2025 Gazeta do Cabo"));
                assert_eq!(e.usage_terms.map(|t| t.value).as_deref(), Some("Editorial use only"));
                assert_eq!(e.creators.map(|t| t.value), Some(vec!["Lúcia Marreiros".to_string()]));
            }
        }
        let jpeg = make(&picture(1000, 500, image::ImageFormat::Jpeg), &record(), &settings()).expect("jpeg");
        let mut iptc = Embedded::default();
        let mut warnings = Vec::new();
        crate::photo::iptc::read(&iptc_block(&record()), &mut iptc, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(iptc.credit_text().as_deref(), Some("Lúcia Marreiros/Gazeta do Cabo"));
        assert!(jpeg[0].bytes.windows(14).any(|w| w == b"Photoshop 3.0\0"));
    }

    /// A picture stored sideways is turned upright: its derivatives are taller than wide.
    #[test]
    fn orientation_is_applied() {
        let e = Embedded {
            orientation: Some(6),
            ..record()
        };
        let made = make(&picture(1200, 600, image::ImageFormat::Jpeg), &e, &settings()).expect("derivatives");
        let got: Vec<(u32, Kind)> = made.iter().map(|d| (d.width, d.kind)).collect();
        assert_eq!(got, [(480, Kind::Jpeg), (480, Kind::WebP), (600, Kind::WebP)]);
        assert_eq!(read(&made[2].bytes).embedded.size, Some((600, 1200)));
        assert_eq!(read(&made[0].bytes).embedded.size, Some((480, 960)));
        assert_eq!(
            read(&made[0].bytes).embedded.orientation,
            None,
            "no orientation left to apply"
        );
    }

    /// A picture too tall for WebP keeps its copies in its own format; only the WebP ones
    /// that would exceed the format's limit are left out.
    #[test]
    fn a_picture_too_tall_for_webp_keeps_its_own_copies() {
        let tall = picture(40, 30_000, image::ImageFormat::Jpeg);
        let settings = Settings {
            widths: vec![20, 30, 60],
            keep_gps: false,
        };
        let made = make(&tall, &record(), &settings).expect("derivatives");
        let got: Vec<(u32, Kind)> = made.iter().map(|d| (d.width, d.kind)).collect();
        assert_eq!(got, [(20, Kind::Jpeg), (20, Kind::WebP), (30, Kind::Jpeg)]);
    }

    #[test]
    fn the_same_picture_gives_the_same_bytes() {
        for format in [image::ImageFormat::Png, image::ImageFormat::Jpeg] {
            let original = picture(700, 500, format);
            assert_eq!(
                make(&original, &record(), &settings()),
                make(&original, &record(), &settings())
            );
        }
    }

    #[test]
    fn damaged_pictures_are_refused_not_decoded() {
        let jpeg = picture(1000, 500, image::ImageFormat::Jpeg);
        // Cut before its picture data: a JPEG cut later decodes, grey where data is missing,
        // as browsers show it.
        let scan = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).expect("a scan");
        let cut = &jpeg[..scan];
        assert!(matches!(make(cut, &record(), &settings()), Err(DeriveError::Decode(_))));
        // A PNG header claiming 100 000 × 100 000 pixels.
        let mut bomb = picture(600, 400, image::ImageFormat::Png);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let err = make(&bomb, &record(), &settings()).expect_err("a bomb");
        assert_eq!(err, DeriveError::TooLarge(100_000, 100_000));
    }
}
