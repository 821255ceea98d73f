//! What a picture says about itself: the IPTC, XMP and EXIF metadata embedded in JPEG, PNG,
//! WebP and TIFF files, read into one [`Embedded`] record.
//!
//! Agency photos and picture desks' files carry their caption, credit, copyright and the place
//! and date they were taken inside the image; archivists treat that as the record of the
//! picture. This module turns a file's bytes into that record and nothing else: it is pure (the
//! load stage reads the file), so every reader is tested on bytes in memory.
//!
//! A file holds up to three blocks that say overlapping things. Where they disagree, XMP wins
//! over IPTC-IIM (it is the newer, Unicode-only form that current software writes first), and
//! both win over EXIF, whose text fields are free-form and often left at a camera's defaults.
//! Every value remembers the block it came from, so `dateline extract` can show it.
//!
//! Pictures come from outside the newsroom's control. A damaged or hostile file — truncated,
//! with lengths pointing past its end, an XMP packet declaring entities, a header claiming
//! billions of pixels — yields what could be read plus warnings, never a panic, a hang or a
//! large allocation: every length is checked against the bytes actually present, and
//! decompression and XMP trees have fixed ceilings.

mod container;
pub mod derive;
mod exif_fields;
pub mod figures;
mod iptc;
mod xmp;

use jiff::civil::Date;
use serde::Serialize;

pub use container::Format;

/// The most pixels a picture may claim before it is treated as a decompression bomb: 200
/// megapixels is beyond any press camera and keeps a decoded picture under a gigabyte.
pub const PIXEL_LIMIT: u64 = 200_000_000;

/// Which embedded block a value was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Block {
    #[serde(rename = "XMP")]
    Xmp,
    #[serde(rename = "IPTC")]
    Iptc,
    #[serde(rename = "EXIF")]
    Exif,
}

impl Block {
    pub fn as_str(self) -> &'static str {
        match self {
            Block::Xmp => "XMP",
            Block::Iptc => "IPTC",
            Block::Exif => "EXIF",
        }
    }
}

/// A value read from a picture, with the block it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tagged<T> {
    pub value: T,
    pub from: Block,
}

/// A place as IPTC describes one: from the most to the least precise part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    pub sublocation: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
}

impl Place {
    /// "Quay 4, Setúbal, Portugal": the parts that are known, most precise first.
    pub fn display(&self) -> String {
        [&self.sublocation, &self.city, &self.region, &self.country]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn is_empty(&self) -> bool {
        self.display().is_empty()
    }
}

/// Everything a picture's embedded metadata says that a figure, an index or structured data
/// can use. Fields a file does not state are `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Embedded {
    /// A short name for the picture (IPTC Object Name, `dc:title`).
    pub title: Option<Tagged<String>>,
    /// A headline (IPTC Headline, `photoshop:Headline`).
    pub headline: Option<Tagged<String>>,
    /// The caption (IPTC Caption/Abstract, `dc:description`).
    pub caption: Option<Tagged<String>>,
    /// A longer description for readers who cannot see it (`Iptc4xmpCore:ExtDescrAccessibility`).
    pub extended_description: Option<Tagged<String>>,
    /// Alt text (`Iptc4xmpCore:AltTextAccessibility`).
    pub alt: Option<Tagged<String>>,
    /// The photographers (IPTC By-line, `dc:creator`, EXIF Artist).
    pub creators: Option<Tagged<Vec<String>>>,
    /// The credit line as the provider wants it printed (IPTC Credit, `photoshop:Credit`).
    pub credit_line: Option<Tagged<String>>,
    /// Who supplied the picture (IPTC Source, `photoshop:Source`).
    pub source: Option<Tagged<String>>,
    /// The copyright notice (IPTC Copyright Notice, `dc:rights`, EXIF Copyright).
    pub copyright: Option<Tagged<String>>,
    /// The licence in words (`xmpRights:UsageTerms`).
    pub usage_terms: Option<Tagged<String>>,
    /// A page stating the picture's rights or licence (`xmpRights:WebStatement`).
    pub web_statement: Option<Tagged<String>>,
    /// Where a licence can be bought (`plus:Licensor/plus:LicensorURL`).
    pub licensor_url: Option<Tagged<String>>,
    /// Who grants licences (`plus:Licensor/plus:LicensorName`).
    pub licensor_name: Option<Tagged<String>>,
    /// The day it was taken (EXIF DateTimeOriginal, `photoshop:DateCreated`, IPTC Date Created).
    pub date_taken: Option<Tagged<Date>>,
    /// Where it was taken (`Iptc4xmpExt:LocationCreated`, `photoshop:City`…, IPTC City…).
    pub place_taken: Option<Tagged<Place>>,
    /// Places the picture shows (`Iptc4xmpExt:LocationShown`).
    pub places_shown: Vec<Place>,
    /// People the picture shows (`Iptc4xmpExt:PersonInImage`).
    pub people_shown: Vec<String>,
    /// Keywords (IPTC Keywords, `dc:subject`).
    pub keywords: Vec<String>,
    /// EXIF orientation, 1–8, when not the default 1.
    pub orientation: Option<u16>,
    /// Width and height in pixels as stored (before orientation).
    pub size: Option<(u32, u32)>,
}

impl Embedded {
    /// Whether the picture states anything about itself beyond its size and orientation.
    pub fn is_empty(&self) -> bool {
        let bare = Embedded {
            orientation: self.orientation,
            size: self.size,
            ..Embedded::default()
        };
        *self == bare
    }

    /// The credit to print, as the picture states it: the credit line when there is one
    /// ("Jana Novak/Acme News"), else the photographers and the source.
    pub fn credit_text(&self) -> Option<String> {
        if let Some(line) = &self.credit_line {
            let creators = self.creators.as_ref().map(|c| c.value.as_slice()).unwrap_or(&[]);
            // Agencies often put only their own name in the credit line and the photographer
            // in By-line; the printed credit names both, the way the agency's own caption does.
            return Some(match creators {
                [one] if !line.value.contains(one.as_str()) => format!("{one}/{}", line.value),
                _ => line.value.clone(),
            });
        }
        let creators = self.creators.as_ref()?.value.join(", ");
        Some(match &self.source {
            Some(source) if !creators.is_empty() => format!("{creators}/{}", source.value),
            _ => creators,
        })
        .filter(|s| !s.is_empty())
    }
}

/// A problem found while reading a picture, in words for whoever owns the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

/// What reading one picture gave: the record, and what was wrong with the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub embedded: Embedded,
    pub warnings: Vec<Warning>,
}

/// Reads the embedded metadata of a picture from its bytes. Formats other than JPEG, PNG,
/// WebP and TIFF give an empty record and no warning: they carry no IPTC record to read.
pub fn read(bytes: &[u8]) -> Reading {
    let mut warnings = Vec::new();
    let Some(format) = Format::detect(bytes) else {
        return Reading::default();
    };
    let blocks = container::blocks(format, bytes, &mut warnings);
    let mut embedded = Embedded {
        size: blocks.size,
        ..Embedded::default()
    };
    if let Some((w, h)) = blocks.size
        && u64::from(w) * u64::from(h) > PIXEL_LIMIT
    {
        warnings.push(Warning(format!(
            "the picture claims {w} × {h} pixels, more than the limit of {PIXEL_LIMIT}; it is kept \
             as it is but never decoded"
        )));
    }
    // Lowest precedence first: each later block overwrites what it states.
    if let Some(raw) = &blocks.exif {
        exif_fields::read(raw, &mut embedded, &mut warnings);
    }
    if let Some(parsed) = &blocks.tiff {
        exif_fields::read_parsed(parsed, &mut embedded);
    }
    if let Some(raw) = &blocks.iptc {
        iptc::read(raw, &mut embedded, &mut warnings);
    }
    if let Some(raw) = &blocks.xmp {
        xmp::read(raw, &mut embedded, &mut warnings);
    }
    if embedded.place_taken.as_ref().is_some_and(|p| p.value.is_empty()) {
        embedded.place_taken = None;
    }
    Reading { embedded, warnings }
}

/// Whether `head`, the first bytes of a file, already holds all of a JPEG's metadata (its
/// segments up to the first scan): the rest of the file is picture data that need not be read.
pub fn jpeg_head_is_complete(head: &[u8]) -> bool {
    Format::detect(head) == Some(Format::Jpeg) && container::head_of_jpeg(head).1
}

/// Text as a block states it: trimmed, with NUL padding removed; empty text states nothing.
fn clean(text: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    (!t.is_empty()).then(|| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Sets `slot` from `block` when the block states a value.
fn set(slot: &mut Option<Tagged<String>>, text: Option<String>, from: Block) {
    if let Some(value) = text {
        *slot = Some(Tagged { value, from });
    }
}
