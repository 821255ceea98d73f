//! An article as read from `content/`: its front matter, its own headline and its body blocks.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Block, Dateline, Document, Entity, EntityKind, Figure, Quote, SourceFormat};

/// A file read from `content/`, before anything is interpreted.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as the user knows it, relative to the site root ("content/2021/harbour.txt").
    pub file: PathBuf,
    /// Path relative to `content/` ("2021/harbour.txt").
    pub rel: PathBuf,
    pub format: SourceFormat,
    pub text: String,
    /// For a page bundle: the folder's other files (images), sorted.
    pub assets: Vec<Asset>,
    /// For a page bundle: the `annotations.toml` beside `index.md`; else `NAME.annotations.toml`.
    pub sidecar: Option<Sidecar>,
    /// When the file was last modified: the date of last resort for undated wire copy.
    pub modified: Option<jiff::Timestamp>,
}

/// A file of a page bundle, copied beside the article's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asset {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its path inside the bundle folder, `/`-separated ("harbour.png", "img/map.svg").
    pub name: String,
    /// Width and height in pixels, for a picture whose header states them.
    pub size: Option<(u32, u32)>,
    /// What a picture's embedded IPTC, XMP and EXIF metadata says about it, when it states
    /// anything.
    pub embedded: Option<Box<crate::photo::Embedded>>,
    /// What was wrong with the picture's file, for the build to report.
    pub warnings: Vec<String>,
    /// The smaller copies made of a picture for pages to show, smallest first; empty when
    /// none were made (another kind of file, a picture too small, derivatives turned off).
    pub derived: Vec<Derived>,
}

/// One smaller copy of a bundle picture, made once and kept in the derivative cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub width: u32,
    pub height: u32,
    pub kind: crate::photo::derive::Kind,
    /// The cached file it is copied from.
    pub cache: PathBuf,
}

impl Derived {
    /// Its path inside the bundle folder, beside the original: "img/quay.jpg" at 480 pixels
    /// in WebP is "img/quay.480w.webp".
    pub fn name(&self, original: &str) -> String {
        let (folder, file) = original.rsplit_once('/').map_or(("", original), |(d, f)| (d, f));
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let sep = if folder.is_empty() { "" } else { "/" };
        format!("{folder}{sep}{stem}.{}w.{}", self.width, self.kind.extension())
    }
}

/// An annotations file that belongs to one article.
#[derive(Debug, Clone)]
pub struct Sidecar {
    pub file: PathBuf,
    pub text: String,
}

/// A moment of publication: the civil date in the site's time zone and, when known, the instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Published {
    pub date: Date,
    /// Seconds since the epoch, when the source gave a time of day.
    pub instant: Option<jiff::Timestamp>,
}

/// A correction notice attached to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub date: Option<Date>,
    pub text: String,
}

/// An archivist's note anchored to the exact words of an article (W3C TextQuoteSelector style).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// The note's id on the page and in the export (`#annotation-ID`): the `id` key when it has
    /// one, else derived from its quote, prefix and suffix, so it never moves when other notes
    /// are added, removed or reordered.
    pub id: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Markdown.
    pub note: String,
    pub kind: AnnotationKind,
    pub author: Option<String>,
    pub date: Option<Date>,
    /// Another article (by content path) or a URL.
    pub link: Option<String>,
    /// Where the annotation was declared, for error messages.
    #[serde(skip)]
    pub origin: DeclaredAt,
    /// The words it is anchored to, once anchoring has found exactly one place.
    #[serde(skip)]
    pub anchor: Option<super::Anchor>,
}

/// A file and line, for errors about things declared in TOML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclaredAt {
    pub file: PathBuf,
    pub line: usize,
    /// The full text of that file, so diagnostics can show the line.
    pub line_text: String,
    /// Where the note's `link` value sits, so an error about the link points at it rather
    /// than at the `[[annotations]]` line.
    pub link: Option<Spot>,
}

/// A value's place in a file: its 1-based line and column, how many characters of that line
/// it covers, and the line itself, for diagnostics to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    pub width: usize,
    pub line_text: String,
}

/// What an annotation does for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationKind {
    Context,
    Correction,
    FactCheck,
    Translation,
    Link,
}

impl AnnotationKind {
    pub const ALL: [AnnotationKind; 5] = [
        AnnotationKind::Context,
        AnnotationKind::Correction,
        AnnotationKind::FactCheck,
        AnnotationKind::Translation,
        AnnotationKind::Link,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationKind::Context => "context",
            AnnotationKind::Correction => "correction",
            AnnotationKind::FactCheck => "fact-check",
            AnnotationKind::Translation => "translation",
            AnnotationKind::Link => "link",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Front matter after validation. Every field is optional: wire copy usually has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Published>,
    pub updated: Option<Published>,
    pub slug: Option<String>,
    pub draft: bool,
    pub byline: Vec<String>,
    pub dateline: Option<String>,
    pub sources: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub organizations: Vec<String>,
    pub figures: Vec<Figure>,
    pub annotations: Vec<Annotation>,
    pub corrections: Vec<Correction>,
    /// Free-form data for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A parsed article: front matter validated, body split into blocks.
#[derive(Debug, Clone)]
pub struct Article {
    pub file: PathBuf,
    pub rel: PathBuf,
    pub format: SourceFormat,
    pub front: FrontMatter,
    /// The headline the text itself carries (wire copy's first line, a Markdown leading `# `).
    pub headline: Option<String>,
    /// The body source after front matter and headline.
    pub body: String,
    pub blocks: Vec<Block>,
    /// Bundle files to copy beside the page.
    pub assets: Vec<Asset>,
    /// Annotations from front matter and sidecar together.
    pub annotations: Vec<Annotation>,
    /// Size of the source file, for throughput figures.
    pub bytes: usize,
    /// When the file was last modified.
    pub modified: Option<jiff::Timestamp>,
}

impl Article {
    /// The article's text as extraction reads it.
    pub fn document(&self) -> Document<'_> {
        Document {
            format: self.format,
            headline: self.headline.as_deref(),
            body: &self.body,
            blocks: &self.blocks,
        }
    }
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Front matter (or the entity registry) said so.
    Declared,
    /// Extraction found it in the text.
    Extracted,
    /// Neither: the value is empty or a default.
    None,
}

/// A merged metadata value that remembers its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Field<T> {
    pub fn declared(value: T) -> Self {
        Field {
            value,
            origin: Origin::Declared,
        }
    }

    pub fn extracted(value: T) -> Self {
        Field {
            value,
            origin: Origin::Extracted,
        }
    }
}

/// An entity as the merged metadata lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    #[serde(flatten)]
    pub entity: Entity,
    pub origin: Origin,
}

/// Front matter merged with extraction: front matter wins, and each field knows which won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub headline: Field<String>,
    pub byline: Field<Vec<String>>,
    pub sources: Field<Vec<String>>,
    pub dateline: Field<Option<Dateline>>,
    pub date: Field<Option<Date>>,
    pub figures: Field<Vec<Figure>>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<Mention>,
    pub summary: Field<Option<String>>,
    pub subheads: Vec<String>,
}

impl Metadata {
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Mention> {
        self.entities.iter().filter(move |m| m.entity.kind == kind)
    }
}
