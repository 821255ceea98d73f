//! What extraction reads and what it finds: an article's body blocks in, the metadata a news
//! archivist cares about out, in the shapes the extraction contract fixes.

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The two input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// `*.md`: Markdown with optional `+++` TOML front matter.
    Markdown,
    /// `*.txt`: plain-text wire copy exactly as an agency publishes it.
    Wire,
}

/// The shape of a body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    /// A block quotation, list, table, code block, rule or raw HTML: rendered as written and
    /// never taken apart by extraction.
    Other,
}

/// One top-level block of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text as a reader sees it (Markdown rendered to plain text with typographic
    /// punctuation; wire copy as written). Line breaks inside the block are `\n`.
    pub text: String,
    /// 1-based line in the source file where the block starts.
    pub line: usize,
    /// Byte range of the block in `Document::body`.
    pub source: Range<usize>,
}

impl Block {
    /// A paragraph: the block wire copy is made of, and the commonest in Markdown.
    pub fn paragraph(text: impl Into<String>, line: usize, source: Range<usize>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            line,
            source,
        }
    }
}

/// The text of one article as extraction reads it: the headline the text carries and its body
/// blocks. Front matter is not here: it is merged with what extraction finds afterwards.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub format: SourceFormat,
    /// The headline the text itself carries (wire copy's first line, a Markdown leading `# `).
    pub headline: Option<&'a str>,
    /// The body source the blocks were read from (Markdown keeps image syntax here).
    pub body: &'a str,
    pub blocks: &'a [Block],
}

/// Where a piece of text sits in an article body: a block and a byte range of its plain text.
///
/// Anchors let the renderer mark up quotes, entity mentions and annotations in place without
/// re-running extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Byte offset of the first byte in the block's `text`.
    pub start: usize,
    /// Byte offset one past the last byte in the block's `text`.
    pub end: usize,
}

/// The opening of a story that says where (and sometimes when and for whom) it was filed:
/// `MOSCOW (AP) —`, `WASHINGTON, Oct 13 (Reuters) -`, `(CNN) --`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// Exactly as it opens the story, dash included.
    pub raw: String,
    /// The place in natural case ("Columbia, S.C."), or `None` for an agency-only dateline.
    pub place: Option<String>,
    /// The agency in parentheses: "AP", "Reuters", "CNN".
    pub agency: Option<String>,
    /// The date the dateline states, resolved against the article's year where it omits one.
    pub date: Option<Date>,
    /// Where it sits in the body, when it came from the text.
    #[serde(skip)]
    pub anchor: Option<Anchor>,
}

/// Who took a picture and who distributes it: `Name/Agency via AP`, `REUTERS/Name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// The credit as printed, without labels such as "Photo:" or surrounding parentheses.
    pub raw: String,
    pub photographers: Vec<String>,
    /// Agencies, pools and organisations other than the distributor, in order.
    pub agencies: Vec<String>,
    /// The "via X" party.
    pub distributor: Option<String>,
}

/// A photo with its title, caption and credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The image file, relative to the article (bundles) or the site root; text-only figures
    /// extracted from wire copy have none.
    pub src: Option<String>,
    /// A short title line above the caption.
    pub title: Option<String>,
    /// The caption without its credit, gallery counters or labels.
    pub caption: String,
    pub credit: Option<Credit>,
    /// The place the caption states ("in Moscow, Russia").
    pub place: Option<String>,
    /// The date the caption states ("Wednesday, October 13, 2021").
    pub date: Option<Date>,
    /// Text for readers who cannot see the picture: the picture's own alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Copyright and licence, as the picture states them.
    #[serde(default, skip_serializing_if = "Rights::is_empty")]
    pub rights: Rights,
    /// The fields filled from the picture's embedded metadata, with the block each came from
    /// ("caption" → "XMP"). Front matter and the article's text come first; the picture's
    /// own record fills only what they leave empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub embedded: BTreeMap<String, String>,
    /// The body blocks this figure was made from; the first is where it renders.
    #[serde(skip)]
    pub blocks: Vec<usize>,
}

/// Who owns a picture and on what terms it may be used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    /// The copyright notice ("© 2024 Costa Press").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// The licence in words ("Editorial use only").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// A page stating the licence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license_url: Option<String>,
    /// Where a licence can be bought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acquire_license_page: Option<String>,
}

impl Rights {
    pub fn is_empty(&self) -> bool {
        *self == Rights::default()
    }
}

/// A direct quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words without the quotation marks.
    pub text: String,
    /// The speaker's full name as first introduced, or an organisation, or `None`.
    pub speaker: Option<String>,
    /// Where the quoted words sit in the body (inside the marks).
    #[serde(skip)]
    pub anchor: Option<Anchor>,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
        }
    }
}

/// A person, place or organisation the article mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: the registry's, else the full name as first introduced.
    pub name: String,
    pub kind: EntityKind,
    /// Roles the article gives a person ("Russian President"); first one first.
    pub roles: Vec<String>,
    /// Every place in the body that refers to the entity (full name, surname, alias).
    #[serde(skip)]
    pub mentions: Vec<Anchor>,
}

/// What a body block turned out to be, so the renderer can show it in the right form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockRole {
    /// Ordinary story text.
    Text,
    /// A byline line ("By Jane Doe"), shown in the article header instead.
    Byline,
    /// Part of the figure with this index; it renders at its first block.
    Figure(usize),
    /// A subheading inside the story.
    Subhead,
    /// A sign-off such as "(Reporting by …; Editing by …)".
    Signoff,
    /// Page furniture that is not part of the story ("Image caption", "1 of 4", "Advertisement").
    Furniture,
}

/// Everything extraction finds in one article. Pure data: see [`crate::extract`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub headline: Option<String>,
    pub byline: Vec<String>,
    /// Agencies credited for the reporting ("Reuters", "Associated Press").
    pub sources: Vec<String>,
    pub dateline: Option<Dateline>,
    /// The best date the article gives: the dateline's own date, a page timestamp, the date in its
    /// path or file name, a weekday or date in the lede, then a caption's date.
    pub date: Option<Date>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<Entity>,
    pub subheads: Vec<String>,
    /// One role per body block, in block order.
    pub roles: Vec<BlockRole>,
    /// For each value found, the rule that found it (`dateline extract --explain`).
    #[serde(skip)]
    pub explanations: Vec<Explanation>,
}

/// Which rule of the extractor produced a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The field of the extraction contract: "byline", "people", "quotes", ….
    pub field: &'static str,
    pub value: String,
    /// The rule's name, as its table lists it.
    pub rule: &'static str,
}

impl Extraction {
    /// The entities of one kind, in the order extraction found them.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
}
