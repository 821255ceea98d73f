//! Where a story's text waits while a build holds only the rest of it: the body, its blocks and
//! the extraction are what make an article large (tens of kilobytes each once parsed), and only
//! the article's own page, its search record, the archive-wide feed and the export read them.
//! A build moves them to a [`TextStore`] as soon as the story is made and reads each back, one
//! at a time, when one of those asks (see [`super::Archive::full`]).

use std::path::PathBuf;

use super::{Anchor, Block, Extraction, Figure, FrontMatter, Mention, Quote};

/// Where one story's text is in the archive's [`TextStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRef {
    pub offset: u64,
    pub len: u32,
    /// Whether the entry is one an earlier build put away and the build store kept (`offset`
    /// is then its number there), rather than one in this build's own file.
    pub kept: bool,
}

/// What a story's record leaves out: its body source, its blocks, its extraction, its quotes
/// (but for who said each, until the indexes are made), where in the text each of its
/// entities is named, and the front matter the merge has read.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub body: String,
    pub blocks: Vec<Block>,
    pub extraction: Extraction,
    /// `meta.quotes`: their words, speakers and anchors.
    pub quotes: Vec<Quote>,
    /// `meta.subheads`.
    pub subheads: Vec<String>,
    /// The `mentions` of each of `meta.entities`, in order: only the article's own page,
    /// which links the names, reads them.
    pub mentions: Vec<Vec<Anchor>>,
    /// `article.front`, but for the annotations and `extra`: once the story is made, merged,
    /// dated and given its address, lists of stories and the indexes read only its date,
    /// draft flag and tags, which its record keeps.
    pub front: FrontMatter,
    /// `article.headline`, the headline the text carries, which the merge has read.
    pub headline: Option<String>,
}

/// What a story's record leaves out once the indexes have been made from it: its people,
/// places and organisations and its figures. Only the story's own pages, a photographer's
/// page, the API's summaries (the names) and the archive's data files read them afterwards.
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// `meta.entities`, without their mentions (those are part of the [`Text`]).
    pub entities: Vec<Mention>,
    /// `meta.figures`.
    pub figures: Vec<Figure>,
}

/// Keeps the text of stories until the pages, the search index and the export have read it.
pub trait TextStore: std::fmt::Debug + Send + Sync {
    /// The text put away at `at`.
    fn load(&self, at: TextRef) -> Result<Text, TextError>;

    /// [`TextStore::load`], but of the extraction only the blocks' roles: what the search
    /// index and the export read, made without the rest.
    fn load_plain(&self, at: TextRef) -> Result<Text, TextError>;

    /// The words of each quote of the story put away at `at`: of [`Text::quotes`], the words
    /// alone.
    fn quote_texts(&self, at: TextRef) -> Result<Vec<String>, TextError>;

    /// The details put away at `at` (see [`super::Story::details`]).
    fn details(&self, at: TextRef) -> Result<Details, TextError>;

    /// The people, places and organisations of the details put away at `at`: [`Details::entities`]
    /// alone.
    fn entities(&self, at: TextRef) -> Result<Vec<Mention>, TextError>;

    /// The figures of the details put away at `at`: [`Details::figures`] alone.
    fn figures(&self, at: TextRef) -> Result<Vec<Figure>, TextError>;
}

/// A story's text could not be read back, from the build's working file or from the build
/// store that kept it from an earlier build.
#[derive(Debug, thiserror::Error)]
#[error("cannot read an article's text back from {place}: {source}\n  = help: {}", place.help())]
pub struct TextError {
    pub place: TextPlace,
    pub source: std::io::Error,
}

/// Where a story's text waits: each calls for a different remedy when it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPlace {
    /// The build's own working file, in this folder (the file itself has no name).
    WorkingFile(PathBuf),
    /// The build store, at this path, which kept the text of a story an earlier build read.
    BuildStore(PathBuf),
}

impl TextPlace {
    fn help(&self) -> &'static str {
        match self {
            TextPlace::WorkingFile(_) => {
                "the build keeps the articles' text in the temporary folder (TMPDIR) while it writes the pages; free space there or point TMPDIR at a folder with room. The previous output was left as it was"
            }
            TextPlace::BuildStore(_) => {
                "the build store is damaged or was changed by another program while the build ran; run `dateline build --clean`, which reads every article afresh and makes the store again. The previous output was left as it was"
            }
        }
    }
}

impl std::fmt::Display for TextPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextPlace::WorkingFile(folder) => write!(f, "the build's working file in {}", folder.display()),
            TextPlace::BuildStore(path) => write!(f, "the build store {}", path.display()),
        }
    }
}
