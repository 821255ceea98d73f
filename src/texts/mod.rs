//! The build's text file: every story's body, blocks and extraction, and the parts of its
//! record that only its own page and a few others read (its quotes, its subheads, where each
//! name is mentioned, the front matter the merge has read), written once when the story is read and read back one story at a
//! time by the stages that need them (article pages, people's pages, the search index, the
//! archive-wide feed, the export), so that memory holds the records of all stories but the text
//! of only the few being worked on.
//!
//! The file has no name (it is gone as soon as the build ends, however it ends) and lives in the
//! temporary folder, like the search index's working files. Each entry is the extraction as the
//! build store keeps it (varint length, then bytes), the body (varint length, then UTF-8), the
//! number of blocks (varint), then each block: its kind (0 paragraph, 1 heading followed by its
//! level byte, 2 other), its text (varint length, then UTF-8), its line and the start and end of
//! its range in the body (varints); then the number of the story's quotes and each one's words
//! (varint length, then UTF-8), speaker and anchor (see `push_anchor`); then its subheads
//! (a count, then each one's length and UTF-8); then the number of its entities
//! (varint) and, for each, the number of its mentions and each mention's block, start and end
//! (varints); then the headline its text carries and its front matter (see `push_front`).
//!
//! Once the indexes have been made from them, each story's details follow in an entry of their
//! own (see [`TextFile::put_away_details`]): its people, places and organisations and its
//! figures. The indexes need every story's names and credits at once, and after them only the
//! story's own pages, photographers' pages, the API's summaries and the archive's data files
//! do.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::civil::Date;

mod record;
mod terms;

pub use record::{decode_record, encode_record};
pub use terms::{Gleaned, decode_terms, encode_terms};

use crate::model::{
    Anchor, Block, BlockKind, Correction, Credit, Details, DetailsRef, Entity, EntityKind, Figure, FrontMatter,
    Mention, Origin, Published, Quote, Rights, Story, Text, TextError, TextPlace, TextRef, TextStore,
};

/// Stories' text, appended as they are read and read back at random.
#[derive(Debug)]
pub struct TextFile {
    folder: PathBuf,
    inner: Mutex<Inner>,
    /// The same file, for reading entries back (see [`TextFile::read_entry`]).
    reader: File,
    /// Where the texts of stories taken whole from the build store are.
    kept: Option<Box<dyn Kept>>,
}

/// The entries of texts an earlier build put away, as the build store kept them: a rebuild
/// takes an unchanged story's record from the store and leaves its text there, to be read
/// only if one of its pages is made again.
pub trait Kept: std::fmt::Debug + Send + Sync {
    /// The entry numbered `number`.
    fn entry(&self, number: u64) -> std::io::Result<Vec<u8>>;

    /// Where the entries are, for a message when one cannot be read.
    fn path(&self) -> &Path;
}

#[derive(Debug)]
struct Inner {
    out: BufWriter<File>,
    /// Where the next entry starts.
    end: u64,
}

impl TextFile {
    /// A new, empty file in `folder` (the temporary folder).
    pub fn create(folder: &Path) -> Result<TextFile, TextError> {
        let error = |source| TextError {
            place: TextPlace::WorkingFile(folder.to_path_buf()),
            source,
        };
        let file = tempfile::tempfile_in(folder).map_err(error)?;
        let reader = file.try_clone().map_err(error)?;
        Ok(TextFile {
            folder: folder.to_path_buf(),
            reader,
            inner: Mutex::new(Inner {
                out: BufWriter::with_capacity(1 << 16, file),
                end: 0,
            }),
            kept: None,
        })
    }

    /// The file, reading the texts of stories taken from the build store from `kept`.
    pub fn with_kept(self, kept: Option<Box<dyn Kept>>) -> TextFile {
        TextFile { kept, ..self }
    }

    /// Whether the texts of stories taken from the build store can be read.
    pub fn reads_kept(&self) -> bool {
        self.kept.is_some()
    }

    fn error(&self, source: std::io::Error) -> TextError {
        TextError {
            place: TextPlace::WorkingFile(self.folder.clone()),
            source,
        }
    }

    /// An entry at `at` that cannot be read or decoded: one the build store kept is the
    /// store's fault, not the temporary folder's.
    fn error_at(&self, at: TextRef, source: std::io::Error) -> TextError {
        match &self.kept {
            Some(kept) if at.kept => TextError {
                place: TextPlace::BuildStore(kept.path().to_path_buf()),
                source,
            },
            _ => self.error(source),
        }
    }

    /// Moves `story`'s body, blocks, extraction, quotes (but for their speakers), subheads,
    /// entity mentions, own headline and front matter into the file, leaving the story its
    /// record and where its text went: of the front matter, the record keeps what lists and the indexes read (the
    /// date, the draft flag, the tags) and the annotations and `extra`. `extraction` is the
    /// extraction as the build store encodes it.
    pub fn put_away(&self, story: &mut Story, extraction: &[u8]) -> Result<(), TextError> {
        let mut entry = Vec::with_capacity(extraction.len() + story.article.body.len() * 2 + 64);
        varint(&mut entry, extraction.len() as u64);
        entry.extend_from_slice(extraction);
        varint(&mut entry, story.article.body.len() as u64);
        entry.extend_from_slice(story.article.body.as_bytes());
        varint(&mut entry, story.article.blocks.len() as u64);
        for b in &story.article.blocks {
            match b.kind {
                BlockKind::Paragraph => entry.push(0),
                BlockKind::Heading(level) => entry.extend_from_slice(&[1, level]),
                BlockKind::Other => entry.push(2),
            }
            varint(&mut entry, b.text.len() as u64);
            entry.extend_from_slice(b.text.as_bytes());
            varint(&mut entry, b.line as u64);
            varint(&mut entry, b.source.start as u64);
            varint(&mut entry, b.source.end as u64);
        }
        varint(&mut entry, story.meta.quotes.len() as u64);
        for q in &story.meta.quotes {
            push_text(&mut entry, &q.text);
            push_option(&mut entry, q.speaker.as_deref());
            push_anchor(&mut entry, q.anchor);
        }
        varint(&mut entry, story.meta.subheads.len() as u64);
        for h in &story.meta.subheads {
            varint(&mut entry, h.len() as u64);
            entry.extend_from_slice(h.as_bytes());
        }
        varint(&mut entry, story.meta.entities.len() as u64);
        for m in &story.meta.entities {
            varint(&mut entry, m.entity.mentions.len() as u64);
            for a in &m.entity.mentions {
                varint(&mut entry, a.block as u64);
                varint(&mut entry, a.start as u64);
                varint(&mut entry, a.end as u64);
            }
        }
        push_option(&mut entry, story.article.headline.as_deref());
        push_front(&mut entry, &story.article.front);
        let at = self.append(&entry)?;
        story.article.body = String::new();
        story.article.blocks = Vec::new();
        story.extraction = crate::model::no_extraction();
        for m in &mut story.meta.entities {
            m.entity.mentions = Vec::new();
        }
        // The indexes file each quote under its speaker; the rest of a quote (some 80 bytes
        // before its words, several a story) is for pages that read the story's text.
        let quotes = std::mem::take(&mut story.meta.quotes);
        story.speakers = Some(
            quotes
                .into_iter()
                .map(|q| q.speaker.map(String::into_boxed_str))
                .collect(),
        );
        // The record stays in memory for the whole build: it keeps no room to grow.
        let meta = &mut story.meta;
        meta.entities.shrink_to_fit();
        for m in &mut meta.entities {
            m.entity.roles.shrink_to_fit();
        }
        meta.figures.value.shrink_to_fit();
        meta.byline.value.shrink_to_fit();
        meta.sources.value.shrink_to_fit();
        meta.subheads = Vec::new();
        story.article.headline = None;
        let front = std::mem::take(&mut story.article.front);
        story.article.front = FrontMatter {
            date: front.date,
            draft: front.draft,
            tags: front.tags,
            annotations: front.annotations,
            extra: front.extra,
            ..FrontMatter::default()
        };
        story.text = Some(at);
        Ok(())
    }

    /// Moves `story`'s details (see [`Story::details`]) into the file, once the indexes have
    /// been made from them, leaving the story what lists of stories read: how many figures and
    /// quotes it has and its lead picture. The entry holds, in order: the entities, each its
    /// name, its kind (0 person, 1 place, 2 organisation), its origin (0 declared, 1 extracted,
    /// 2 neither) and its roles, after their count (their mentions went with the story's text
    /// already), then the figures (see `push_figures`). The quotes' speakers, which only the
    /// indexes read, are dropped: the quotes went with the text whole.
    pub fn put_away_details(&self, story: &mut Story) -> Result<(), TextError> {
        let meta = &story.meta;
        let mut entry = Vec::with_capacity(256);
        push_names(&mut entry, &meta.entities);
        push_figures(&mut entry, &meta.figures.value);
        let too_many = || self.error(invalid("an article with more than 4 billion figures or quotes"));
        let details = DetailsRef {
            at: self.append(&entry)?,
            figures: u32::try_from(meta.figures.value.len()).map_err(|_| too_many())?,
            quotes: u32::try_from(story.quote_count()).map_err(|_| too_many())?,
            lead: story
                .lead_figure()
                .map(|lead| Box::new((Box::from(lead.src.as_ref()), Box::from(lead.title.as_ref())))),
        };
        story.details = Some(details);
        story.meta.entities = Vec::new();
        story.meta.quotes = Vec::new();
        story.speakers = None;
        story.meta.figures.value = Vec::new();
        Ok(())
    }

    /// Appends one entry, returning where it went.
    fn append(&self, entry: &[u8]) -> Result<TextRef, TextError> {
        let len = u32::try_from(entry.len()).map_err(|_| self.error(invalid("an article of more than 4 GB")))?;
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.out.write_all(entry).map_err(|e| self.error(e))?;
        let offset = inner.end;
        inner.end += u64::from(len);
        Ok(TextRef {
            offset,
            len,
            kept: false,
        })
    }

    /// The bytes of one entry, as [`TextFile::put_away`] wrote it: what the build store keeps
    /// of a story's text.
    pub fn entry(&self, at: TextRef) -> Result<Vec<u8>, TextError> {
        if at.kept {
            let kept = self
                .kept
                .as_ref()
                .ok_or_else(|| self.error(invalid("a text kept by no build store")))?;
            return kept.entry(at.offset).map_err(|e| self.error_at(at, e));
        }
        let mut bytes = vec![0; at.len as usize];
        self.read_entry(at.offset, &mut bytes).map_err(|e| self.error(e))?;
        Ok(bytes)
    }

    /// Fills `bytes` from the file at `offset`, once what the writer holds back is in it.
    fn read_entry(&self, offset: u64, bytes: &mut [u8]) -> std::io::Result<()> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.out.flush()?;
        // A positioned read leaves the offset the next entry is appended at alone, so the
        // pages, the search index and the export read their stories at once.
        #[cfg(unix)]
        {
            drop(inner);
            std::os::unix::fs::FileExt::read_exact_at(&self.reader, bytes, offset)
        }
        #[cfg(not(unix))]
        {
            use std::io::{Read, Seek, SeekFrom};
            let mut file = &self.reader;
            file.seek(SeekFrom::Start(offset))?;
            file.read_exact(bytes)?;
            // Entries are appended: the next write goes at the end again.
            file.seek(SeekFrom::End(0))?;
            Ok(())
        }
    }

    /// The extraction of the story at `at`, as the build store encodes it.
    pub fn extraction_bytes(&self, at: TextRef) -> Result<Vec<u8>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        let extraction = r.bytes().map_err(|e| self.error_at(at, e))?;
        Ok(extraction.to_vec())
    }
}

impl TextStore for TextFile {
    fn load(&self, at: TextRef) -> Result<Text, TextError> {
        let bytes = self.entry(at)?;
        decode(&bytes, crate::store::record::decode).map_err(|e| self.error_at(at, e))
    }

    fn load_plain(&self, at: TextRef) -> Result<Text, TextError> {
        let bytes = self.entry(at)?;
        let roles = |e: &[u8]| {
            crate::store::record::decode_roles(e).map(|roles| crate::model::Extraction {
                roles,
                ..Default::default()
            })
        };
        decode(&bytes, roles).map_err(|e| self.error_at(at, e))
    }

    /// Only the quotes' part of the entry is decoded: a person's page shows the quotes of
    /// many stories.
    fn quote_texts(&self, at: TextRef) -> Result<Vec<String>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        let quotes = (|| {
            r.bytes()?;
            r.bytes()?;
            skip_blocks(&mut r)?;
            read_quotes(&mut r, bytes.len())
        })();
        quotes
            .map(|quotes| quotes.into_iter().map(|q| q.text).collect())
            .map_err(|e| self.error_at(at, e))
    }

    fn details(&self, at: TextRef) -> Result<Details, TextError> {
        let bytes = self.entry(at)?;
        read_details(&bytes).map_err(|e| self.error_at(at, e))
    }

    /// Only the entities' part of the entry is decoded: the API's summaries list every
    /// story's names.
    fn entities(&self, at: TextRef) -> Result<Vec<Mention>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        read_names(&mut r, bytes.len()).map_err(|e| self.error_at(at, e))
    }

    fn figures(&self, at: TextRef) -> Result<Vec<Figure>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        let figures = (|| {
            read_names(&mut r, bytes.len())?;
            read_figures(&mut r, bytes.len())
        })();
        figures.map_err(|e| self.error_at(at, e))
    }
}

/// An entry [`TextFile::put_away_details`] wrote.
fn read_details(bytes: &[u8]) -> std::io::Result<Details> {
    let most = bytes.len();
    let mut r = Reader { bytes, at: 0 };
    Ok(Details {
        entities: read_names(&mut r, most)?,
        figures: read_figures(&mut r, most)?,
    })
}

/// The entities of a story without their mentions: the count, then each one's name, kind
/// (0 person, 1 place, 2 organisation), origin and roles.
fn push_names(out: &mut Vec<u8>, entities: &[Mention]) {
    varint(out, entities.len() as u64);
    for m in entities {
        push_text(out, &m.entity.name);
        out.push(match m.entity.kind {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            EntityKind::Organization => 2,
        });
        push_origin(out, m.origin);
        push_texts(out, &m.entity.roles);
    }
}

/// 0 declared, 1 extracted, 2 neither.
fn push_origin(out: &mut Vec<u8>, origin: Origin) {
    out.push(match origin {
        Origin::Declared => 0,
        Origin::Extracted => 1,
        Origin::None => 2,
    });
}

fn read_origin(r: &mut Reader<'_>) -> std::io::Result<Origin> {
    match r.byte()? {
        0 => Ok(Origin::Declared),
        1 => Ok(Origin::Extracted),
        2 => Ok(Origin::None),
        _ => Err(invalid("an unknown origin")),
    }
}

/// The entities at the start of a details entry.
fn read_names(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Mention>> {
    let count = r.number()?;
    let mut entities = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        let name = r.text()?;
        let kind = match r.byte()? {
            0 => EntityKind::Person,
            1 => EntityKind::Place,
            2 => EntityKind::Organization,
            _ => return Err(invalid("an unknown kind of entity")),
        };
        let origin = read_origin(r)?;
        let roles = read_strings(r, most)?;
        entities.push(Mention {
            entity: Entity {
                name,
                kind,
                roles,
                mentions: Vec::new(),
            },
            origin,
        });
    }
    Ok(entities)
}

/// The quotes of an entry, after its blocks: each one's words, speaker and anchor.
fn read_quotes(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Quote>> {
    let count = r.number()?;
    let mut quotes = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        quotes.push(Quote {
            text: r.text()?,
            speaker: read_option(r)?,
            anchor: read_anchor(r)?,
        });
    }
    Ok(quotes)
}

/// A figure is its image file, title, caption, credit (the raw credit, photographers,
/// agencies and distributor), place, date, alt text, rights (copyright, licence, licence
/// page, where to buy one), the fields its embedded record filled (name, then source) and
/// the blocks it was made from.
fn push_figures(out: &mut Vec<u8>, figures: &[Figure]) {
    varint(out, figures.len() as u64);
    for f in figures {
        push_option(out, f.src.as_deref());
        push_option(out, f.title.as_deref());
        push_text(out, &f.caption);
        match &f.credit {
            None => out.push(0),
            Some(c) => {
                out.push(1);
                push_text(out, &c.raw);
                push_texts(out, &c.photographers);
                push_texts(out, &c.agencies);
                push_option(out, c.distributor.as_deref());
            }
        }
        push_option(out, f.place.as_deref());
        push_date(out, f.date);
        push_option(out, f.alt.as_deref());
        let rights = &f.rights;
        for field in [
            &rights.copyright,
            &rights.license,
            &rights.license_url,
            &rights.acquire_license_page,
        ] {
            push_option(out, field.as_deref());
        }
        varint(out, f.embedded.len() as u64);
        for (field, source) in &f.embedded {
            push_text(out, field);
            push_text(out, source);
        }
        varint(out, f.blocks.len() as u64);
        for &b in &f.blocks {
            varint(out, b as u64);
        }
    }
}

/// Figures as [`push_figures`] wrote them.
fn read_figures(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Figure>> {
    let count = r.number()?;
    let mut figures = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        let src = read_option(r)?;
        let title = read_option(r)?;
        let caption = r.text()?;
        let credit = match r.byte()? {
            0 => None,
            1 => Some(Credit {
                raw: r.text()?,
                photographers: read_strings(r, most)?,
                agencies: read_strings(r, most)?,
                distributor: read_option(r)?,
            }),
            _ => return Err(invalid("an unknown kind of credit")),
        };
        let place = read_option(r)?;
        let date = read_date(r)?;
        let alt = read_option(r)?;
        let rights = Rights {
            copyright: read_option(r)?,
            license: read_option(r)?,
            license_url: read_option(r)?,
            acquire_license_page: read_option(r)?,
        };
        let mut embedded = std::collections::BTreeMap::new();
        for _ in 0..r.number()? {
            embedded.insert(r.text()?, r.text()?);
        }
        let count = r.number()?;
        let mut blocks = Vec::with_capacity(count.min(most));
        for _ in 0..count {
            blocks.push(r.number()?);
        }
        figures.push(Figure {
            src,
            title,
            caption,
            credit,
            place,
            date,
            alt,
            rights,
            embedded,
            blocks,
        });
    }
    Ok(figures)
}

/// The front matter's fields but the annotations and `extra`, which stay with the record:
/// title, date, updated, slug, draft (one byte), byline, dateline, sources, tags, summary,
/// people, places, organisations, figures and corrections (each its date and text).
fn push_front(out: &mut Vec<u8>, front: &FrontMatter) {
    push_option(out, front.title.as_deref());
    push_published(out, front.date);
    push_published(out, front.updated);
    push_option(out, front.slug.as_deref());
    out.push(u8::from(front.draft));
    push_texts(out, &front.byline);
    push_option(out, front.dateline.as_deref());
    push_texts(out, &front.sources);
    push_texts(out, &front.tags);
    push_option(out, front.summary.as_deref());
    push_texts(out, &front.people);
    push_texts(out, &front.places);
    push_texts(out, &front.organizations);
    push_figures(out, &front.figures);
    varint(out, front.corrections.len() as u64);
    for c in &front.corrections {
        push_date(out, c.date);
        push_text(out, &c.text);
    }
}

/// Front matter as [`push_front`] wrote it.
fn read_front(r: &mut Reader<'_>, most: usize) -> std::io::Result<FrontMatter> {
    let mut front = FrontMatter {
        title: read_option(r)?,
        date: read_published(r)?,
        updated: read_published(r)?,
        slug: read_option(r)?,
        draft: r.byte()? != 0,
        byline: read_strings(r, most)?,
        dateline: read_option(r)?,
        sources: read_strings(r, most)?,
        tags: read_strings(r, most)?,
        summary: read_option(r)?,
        people: read_strings(r, most)?,
        places: read_strings(r, most)?,
        organizations: read_strings(r, most)?,
        figures: read_figures(r, most)?,
        ..FrontMatter::default()
    };
    for _ in 0..r.number()? {
        front.corrections.push(Correction {
            date: read_date(r)?,
            text: r.text()?,
        });
    }
    Ok(front)
}

/// An entry [`TextFile::put_away`] wrote, its extraction read by `extraction`.
fn decode(bytes: &[u8], extraction: impl Fn(&[u8]) -> Option<crate::model::Extraction>) -> std::io::Result<Text> {
    let mut r = Reader { bytes, at: 0 };
    let extraction = extraction(r.bytes()?).ok_or_else(|| invalid("an extraction that does not read back"))?;
    let body = r.text()?;
    let blocks = read_blocks(&mut r, bytes.len())?;
    let quotes = read_quotes(&mut r, bytes.len())?;
    let subheads = read_strings(&mut r, bytes.len())?;
    let mentions = read_mentions(&mut r, bytes.len())?;
    let headline = read_option(&mut r)?;
    let front = read_front(&mut r, bytes.len())?;
    Ok(Text {
        body,
        blocks,
        extraction,
        quotes,
        subheads,
        mentions,
        front,
        headline,
    })
}

/// The blocks of an entry, after its body.
fn read_blocks(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Block>> {
    let count = r.number()?;
    let mut blocks = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        let kind = match r.byte()? {
            0 => BlockKind::Paragraph,
            1 => BlockKind::Heading(r.byte()?),
            2 => BlockKind::Other,
            _ => return Err(invalid("an unknown kind of block")),
        };
        let text = r.text()?;
        let line = r.number()?;
        let start = r.number()?;
        let end = r.number()?;
        blocks.push(Block {
            kind,
            text,
            line,
            source: start..end,
        });
    }
    Ok(blocks)
}

/// Steps over the blocks of an entry, after its body, without making them: for a reader of
/// what follows them.
fn skip_blocks(r: &mut Reader<'_>) -> std::io::Result<()> {
    for _ in 0..r.number()? {
        match r.byte()? {
            0 | 2 => {}
            1 => {
                r.byte()?;
            }
            _ => return Err(invalid("an unknown kind of block")),
        }
        r.bytes()?;
        for _ in 0..3 {
            r.number()?;
        }
    }
    Ok(())
}

/// A count, then as many strings: an entry's subheads, an entity's roles, a list of names.
fn read_strings(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<String>> {
    let count = r.number()?;
    let mut quotes = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        quotes.push(r.text()?);
    }
    Ok(quotes)
}

/// The mentions of each entity of an entry, after its subheads.
fn read_mentions(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Vec<Anchor>>> {
    let entities = r.number()?;
    let mut mentions = Vec::with_capacity(entities.min(most));
    for _ in 0..entities {
        let count = r.number()?;
        let mut anchors = Vec::with_capacity(count.min(most));
        for _ in 0..count {
            anchors.push(Anchor {
                block: r.number()?,
                start: r.number()?,
                end: r.number()?,
            });
        }
        mentions.push(anchors);
    }
    Ok(mentions)
}

/// A count, then as many strings.
fn push_texts(out: &mut Vec<u8>, texts: &[String]) {
    varint(out, texts.len() as u64);
    for t in texts {
        push_text(out, t);
    }
}

/// 0 for none, else 1 and the string.
fn push_option(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            push_text(out, t);
        }
    }
}

fn read_option(r: &mut Reader<'_>) -> std::io::Result<Option<String>> {
    match r.byte()? {
        0 => Ok(None),
        1 => r.text().map(Some),
        _ => Err(invalid("an unknown kind of value")),
    }
}

/// 0 for none, else 1 and its block, start and end.
fn push_anchor(out: &mut Vec<u8>, anchor: Option<Anchor>) {
    match anchor {
        None => out.push(0),
        Some(a) => {
            out.push(1);
            varint(out, a.block as u64);
            varint(out, a.start as u64);
            varint(out, a.end as u64);
        }
    }
}

fn read_anchor(r: &mut Reader<'_>) -> std::io::Result<Option<Anchor>> {
    match r.byte()? {
        0 => Ok(None),
        1 => Ok(Some(Anchor {
            block: r.number()?,
            start: r.number()?,
            end: r.number()?,
        })),
        _ => Err(invalid("an unknown kind of anchor")),
    }
}

/// A date as ISO 8601 text, or none.
fn push_date(out: &mut Vec<u8>, date: Option<Date>) {
    push_option(out, date.map(|d| d.to_string()).as_deref());
}

fn read_date(r: &mut Reader<'_>) -> std::io::Result<Option<Date>> {
    read_option(r)?
        .map(|d| d.parse().map_err(|_| invalid("a date that does not read back")))
        .transpose()
}

/// A moment of publication: its date, then its instant (RFC 3339 text), or none.
fn push_published(out: &mut Vec<u8>, published: Option<Published>) {
    match published {
        None => out.push(0),
        Some(p) => {
            out.push(1);
            push_date(out, Some(p.date));
            push_option(out, p.instant.map(|t| t.to_string()).as_deref());
        }
    }
}

fn read_published(r: &mut Reader<'_>) -> std::io::Result<Option<Published>> {
    match r.byte()? {
        0 => Ok(None),
        1 => {
            let date = read_date(r)?.ok_or_else(|| invalid("a publication without a date"))?;
            let instant = read_option(r)?
                .map(|t| t.parse().map_err(|_| invalid("an instant that does not read back")))
                .transpose()?;
            Ok(Some(Published { date, instant }))
        }
        _ => Err(invalid("an unknown kind of publication")),
    }
}

fn invalid(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the file holds {what}"))
}

/// A string as entries hold it: its length, then its UTF-8.
fn push_text(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> std::io::Result<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| invalid("an entry cut short"))?;
        self.at += 1;
        Ok(b)
    }

    fn number(&mut self) -> std::io::Result<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return usize::try_from(n).map_err(|_| invalid("a number too large"));
            }
        }
        Err(invalid("a number too large"))
    }

    fn bytes(&mut self) -> std::io::Result<&'a [u8]> {
        let len = self.number()?;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| invalid("an entry cut short"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn text(&mut self) -> std::io::Result<String> {
        self.str().map(str::to_string)
    }

    /// A text, borrowed from the bytes.
    fn str(&mut self) -> std::io::Result<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| invalid("text that is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Registry;
    use crate::model::{Archive, Source, SourceFormat};
    use std::sync::Arc;

    fn story(name: &str, body: &str) -> Story {
        story_with(name, "title = \"Quay\"\ndate = 2021-10-13\n", body)
    }

    /// A story whose front matter is `front`.
    fn story_with(name: &str, front: &str, body: &str) -> Story {
        let source = Source {
            file: PathBuf::from(format!("content/{name}.md")),
            rel: PathBuf::from(format!("{name}.md")),
            format: SourceFormat::Markdown,
            text: format!("+++\n{front}+++\n{body}"),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default())
            .unwrap()
            .0
    }

    /// A build store that kept texts and no longer has one.
    #[derive(Debug)]
    struct Emptied(PathBuf);

    impl Kept for Emptied {
        fn entry(&self, number: u64) -> std::io::Result<Vec<u8>> {
            Err(std::io::Error::other(format!("no text {number}")))
        }
        fn path(&self) -> &Path {
            &self.0
        }
    }

    /// A text the build store kept and cannot give back is the store's fault: the message
    /// names the store and `build --clean`, not the temporary folder, which holds only this
    /// build's own texts.
    #[test]
    fn a_kept_text_that_cannot_be_read_blames_the_store() {
        let store = PathBuf::from("site/.dateline/cache.sqlite");
        let file = TextFile::create(&std::env::temp_dir())
            .unwrap()
            .with_kept(Some(Box::new(Emptied(store.clone()))));
        let kept = TextRef {
            offset: 7,
            len: 0,
            kept: true,
        };
        let e = file.load(kept).unwrap_err();
        assert_eq!(e.place, TextPlace::BuildStore(store));
        let message = e.to_string();
        assert!(message.contains("cache.sqlite"), "{message}");
        assert!(message.contains("dateline build --clean"), "{message}");
        assert!(!message.contains("TMPDIR"), "{message}");
        // This build's own text, read past its end, is the working file's.
        let own = TextRef {
            offset: 0,
            len: 9,
            kept: false,
        };
        let e = file.load(own).unwrap_err();
        assert!(matches!(e.place, TextPlace::WorkingFile(_)), "{e}");
        assert!(e.to_string().contains("TMPDIR"), "{e}");
    }

    /// A story put away and read back is the story it was, down to the positions of quotes
    /// and names that decorate its page.
    #[test]
    fn a_story_reads_back_as_it_was() {
        let file = Arc::new(TextFile::create(&std::env::temp_dir()).unwrap());
        let stories = [
            story(
                "quay",
                "## The quay\n\nMayor Ana Ruiz said the quay was \"ready at last\" on Monday.\n\n\"We waited ten years for this quay,\" Ruiz said on Monday.\n\n> Quoted\n> text\n\n```\ncode\n```\n",
            ),
            story("empty", ""),
            story("wide", "Unicode — “curly” and ünïcödé.\n\nSecond paragraph.\n"),
            // Every field of the front matter, figures with credits and the rights and
            // embedded fields a picture's record can add.
            story_with(
                "declared",
                "title = \"Quay opens\"\ndate = 2021-10-13T09:30:00+01:00\nupdated = 2021-10-14\nslug = \"quay-opens\"\n\
                 byline = [\"Jane Roe\", \"Ivan Petrov\"]\ndateline = \"LISBON, Oct 13 —\"\nsource = [\"AP\"]\n\
                 tags = [\"harbour\", \"city hall\"]\nsummary = \"The quay opens.\"\npeople = [\"Ana Ruiz\"]\n\
                 places = [\"Lisbon\"]\norganizations = [\"Port Authority\"]\n\n\
                 [[figures]]\nsrc = \"quay.jpg\"\ntitle = \"The quay\"\ncaption = \"The quay at dawn.\"\ncredit = \"Jane Roe/AP via Getty\"\n\n\
                 [[figures]]\ncaption = \"Boats.\"\n\n\
                 [[corrections]]\ndate = \"2021-10-14\"\ntext = \"The quay is 300 m long.\"\n\n\
                 [extra]\ndesk = \"city\"\nscore = 0.1\n",
                "Mayor Ana Ruiz said the quay was \"ready at last\" on Monday.\n\n\"We waited ten years for this quay,\" Ruiz said on Monday.\n\nThe Port Authority agreed.\n",
            ),
        ];
        let mut stories = stories;
        let figure = &mut stories[3].meta.figures.value[0];
        figure.alt = Some("A quay at dawn".into());
        figure.rights.copyright = Some("© 2021 AP".into());
        figure.rights.license_url = Some("https://example.org/licence".into());
        figure.embedded.insert("place".into(), "XMP".into());
        figure.place = Some("Lisbon".into());
        figure.date = Some(jiff::civil::date(2021, 10, 12));
        let mut archive = Archive {
            texts: Some(Arc::clone(&file) as Arc<dyn TextStore>),
            ..Archive::default()
        };
        for s in &stories {
            let mut light = s.clone();
            let json = crate::store::record::encode(&s.extraction).unwrap();
            file.put_away(&mut light, &json).unwrap();
            assert!(light.article.blocks.is_empty() && light.article.body.is_empty());
            // Where names are mentioned is for the article's own page only.
            assert!(light.meta.entities.iter().all(|m| m.entity.mentions.is_empty()));
            // A quote is for its article's page and its speaker's: who said it stays for the
            // indexes.
            assert!(light.meta.quotes.is_empty());
            assert_eq!(light.quote_count(), s.meta.quotes.len());
            for (q, quote) in s.meta.quotes.iter().enumerate() {
                assert_eq!(light.speaker(q), quote.speaker.as_deref());
            }
            assert!(light.meta.subheads.is_empty());
            // Of the front matter, what the indexes and lists read stays, and what the file
            // does not hold.
            assert!(light.article.headline.is_none());
            assert_eq!(light.article.front.tags, s.article.front.tags);
            assert_eq!(light.article.front.date, s.article.front.date);
            assert!(light.article.front.figures.is_empty() && light.article.front.corrections.is_empty());
            assert!(light.article.front.title.is_none() && light.article.front.updated.is_none());
            assert_eq!(light.article.front.extra, s.article.front.extra);
            assert_eq!(
                file.quote_texts(light.text.unwrap()).unwrap(),
                s.meta.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>()
            );
            // Every put-away record shares the one empty extraction.
            assert!(Arc::ptr_eq(&light.extraction, &crate::model::no_extraction()));
            assert_eq!(file.extraction_bytes(light.text.unwrap()).unwrap(), json);
            // The details follow once the indexes are made; lists still count the figures
            // and quotes and show the lead picture.
            file.put_away_details(&mut light).unwrap();
            assert!(light.meta.entities.is_empty() && light.meta.quotes.is_empty());
            assert!(light.meta.figures.value.is_empty());
            assert_eq!(light.figure_count(), s.meta.figures.value.len());
            assert_eq!(light.quote_count(), s.meta.quotes.len());
            assert!(light.speakers.is_none());
            assert_eq!(light.lead_figure(), s.lead_figure());
            assert_eq!(light.lead_image(), s.lead_image());
            archive.stories.push(light);
        }
        assert!(stories[0].meta.entities.iter().any(|m| !m.entity.mentions.is_empty()));
        assert!(!stories[0].meta.quotes.is_empty());
        assert!(!stories[0].meta.subheads.is_empty());
        let declared = &stories[3];
        assert!(
            declared
                .meta
                .quotes
                .iter()
                .any(|q| q.speaker.is_some() && q.anchor.is_some())
        );
        assert_eq!(declared.meta.figures.value.len(), 2);
        assert!(declared.meta.figures.value[0].credit.is_some());
        assert!(declared.article.front.updated.is_some() && !declared.article.front.corrections.is_empty());
        assert!(declared.lead_figure().is_some());
        for (s, light) in stories.iter().zip(&archive.stories) {
            let full = archive.full(light).unwrap();
            assert_eq!(full.article.body, s.article.body);
            assert_eq!(full.article.blocks, s.article.blocks);
            // Which rule found what is for `dateline extract --explain`, never kept.
            let expected = crate::model::Extraction {
                explanations: Vec::new(),
                ..(*s.extraction).clone()
            };
            assert_eq!(*full.extraction, expected);
            assert_eq!(full.meta, s.meta);
            assert_eq!(full.article.front, s.article.front);
            assert_eq!(full.article.headline, s.article.headline);
            assert_eq!(full.text, None);
            assert_eq!(full.details, None);
            let without_mentions: Vec<_> = s
                .meta
                .entities
                .iter()
                .map(|m| {
                    let mut m = m.clone();
                    m.entity.mentions = Vec::new();
                    m
                })
                .collect();
            assert_eq!(archive.entities(light).unwrap().as_ref(), without_mentions.as_slice());
        }
        // The search index and the export read the whole story but, of its extraction, only
        // the blocks' roles.
        for (i, s) in stories.iter().enumerate() {
            let plain = archive.plain_story(i).unwrap();
            assert_eq!(plain.extraction.roles, s.extraction.roles);
            assert_eq!(plain.article.blocks, s.article.blocks);
            assert_eq!(plain.meta, s.meta);
            assert_eq!(plain.article.front, s.article.front);
        }
        assert!(
            stories[0]
                .extraction
                .roles
                .iter()
                .any(|r| *r != crate::model::BlockRole::Text)
        );
        // A photographer's page reads a story's figures alone.
        assert_eq!(
            archive.figures(3).unwrap().as_ref(),
            declared.meta.figures.value.as_slice()
        );
        // A story never put away is itself.
        assert!(matches!(
            archive.full(&stories[0]).unwrap(),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
