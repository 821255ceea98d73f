//! The build's text file: every story's body, blocks and extraction, and the parts of its
//! record that only its own page and a few others read (its quotes' words, its subheads, where
//! each name is mentioned), written once when the story is read and read back one story at a
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
//! (varint length, then UTF-8); then its subheads the same way; then the number of its entities
//! (varint) and, for each, the number of its mentions and each mention's block, start and end
//! (varints).
//!
//! Once the indexes have been made from them, each story's people, places and organisations
//! follow in an entry of their own (see [`TextFile::put_away_names`]): the indexes need every
//! story's names at once, and nothing after them does.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::{
    Anchor, Block, BlockKind, Entity, EntityKind, Mention, Origin, Story, Text, TextError, TextRef, TextStore,
};

/// Stories' text, appended as they are read and read back at random.
#[derive(Debug)]
pub struct TextFile {
    folder: PathBuf,
    inner: Mutex<Inner>,
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
        let file = tempfile::tempfile_in(folder).map_err(|source| TextError {
            folder: folder.to_path_buf(),
            source,
        })?;
        Ok(TextFile {
            folder: folder.to_path_buf(),
            inner: Mutex::new(Inner {
                out: BufWriter::with_capacity(1 << 16, file),
                end: 0,
            }),
        })
    }

    fn error(&self, source: std::io::Error) -> TextError {
        TextError {
            folder: self.folder.clone(),
            source,
        }
    }

    /// Moves `story`'s body, blocks, extraction, quotes' words, subheads and entity mentions
    /// into the file, leaving the story its record and where its text went. `extraction` is the extraction as the build store encodes it.
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
            varint(&mut entry, q.text.len() as u64);
            entry.extend_from_slice(q.text.as_bytes());
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
        let at = self.append(&entry)?;
        story.article.body = String::new();
        story.article.blocks = Vec::new();
        story.extraction = crate::model::no_extraction();
        for m in &mut story.meta.entities {
            m.entity.mentions = Vec::new();
        }
        for q in &mut story.meta.quotes {
            q.text = String::new();
        }
        // The record stays in memory for the whole build: it keeps no room to grow.
        let meta = &mut story.meta;
        meta.entities.shrink_to_fit();
        for m in &mut meta.entities {
            m.entity.roles.shrink_to_fit();
        }
        meta.quotes.shrink_to_fit();
        meta.figures.value.shrink_to_fit();
        meta.byline.value.shrink_to_fit();
        meta.sources.value.shrink_to_fit();
        meta.subheads = Vec::new();
        story.text = Some(at);
        Ok(())
    }

    /// Moves `story`'s people, places and organisations into the file, once the indexes have
    /// been made from them (their mentions went with the story's text already). Each is its
    /// name, its kind (0 person, 1 place, 2 organisation), its origin (0 declared, 1 extracted,
    /// 2 neither) and its roles, after their count.
    pub fn put_away_names(&self, story: &mut Story) -> Result<(), TextError> {
        let entities = &story.meta.entities;
        if entities.is_empty() {
            return Ok(());
        }
        let mut entry = Vec::with_capacity(entities.len() * 32);
        varint(&mut entry, entities.len() as u64);
        for m in entities {
            push_text(&mut entry, &m.entity.name);
            entry.push(match m.entity.kind {
                EntityKind::Person => 0,
                EntityKind::Place => 1,
                EntityKind::Organization => 2,
            });
            entry.push(match m.origin {
                Origin::Declared => 0,
                Origin::Extracted => 1,
                Origin::None => 2,
            });
            varint(&mut entry, m.entity.roles.len() as u64);
            for role in &m.entity.roles {
                push_text(&mut entry, role);
            }
        }
        story.names = Some(self.append(&entry)?);
        story.meta.entities = Vec::new();
        Ok(())
    }

    /// Appends one entry, returning where it went.
    fn append(&self, entry: &[u8]) -> Result<TextRef, TextError> {
        let len = u32::try_from(entry.len()).map_err(|_| self.error(invalid("an article of more than 4 GB")))?;
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.out.write_all(entry).map_err(|e| self.error(e))?;
        let offset = inner.end;
        inner.end += u64::from(len);
        Ok(TextRef { offset, len })
    }

    /// The bytes of one entry.
    fn entry(&self, at: TextRef) -> Result<Vec<u8>, TextError> {
        let mut bytes = vec![0; at.len as usize];
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut read = |inner: &mut Inner| -> std::io::Result<()> {
            inner.out.flush()?;
            let file = inner.out.get_mut();
            file.seek(SeekFrom::Start(at.offset))?;
            file.read_exact(&mut bytes)?;
            // Entries are appended: the next write goes at the end again.
            file.seek(SeekFrom::End(0))?;
            Ok(())
        };
        read(&mut inner).map_err(|e| self.error(e))?;
        Ok(bytes)
    }

    /// The extraction of the story at `at`, as the build store encodes it.
    pub fn extraction_bytes(&self, at: TextRef) -> Result<Vec<u8>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        let extraction = r.bytes().map_err(|e| self.error(e))?;
        Ok(extraction.to_vec())
    }
}

impl TextStore for TextFile {
    fn load(&self, at: TextRef) -> Result<Text, TextError> {
        let bytes = self.entry(at)?;
        decode(&bytes).map_err(|e| self.error(e))
    }

    /// Only the quotes' part of the entry is decoded: a person's page shows the quotes of
    /// many stories.
    fn quote_texts(&self, at: TextRef) -> Result<Vec<String>, TextError> {
        let bytes = self.entry(at)?;
        let mut r = Reader { bytes: &bytes, at: 0 };
        let quotes = (|| {
            r.bytes()?;
            r.bytes()?;
            read_blocks(&mut r, bytes.len())?;
            read_strings(&mut r, bytes.len())
        })();
        quotes.map_err(|e| self.error(e))
    }

    fn entities(&self, at: TextRef) -> Result<Vec<Mention>, TextError> {
        let bytes = self.entry(at)?;
        read_names(&bytes).map_err(|e| self.error(e))
    }
}

/// The entities of an entry [`TextFile::put_away_names`] wrote.
fn read_names(bytes: &[u8]) -> std::io::Result<Vec<Mention>> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.number()?;
    let mut entities = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let name = r.text()?;
        let kind = match r.byte()? {
            0 => EntityKind::Person,
            1 => EntityKind::Place,
            2 => EntityKind::Organization,
            _ => return Err(invalid("an unknown kind of entity")),
        };
        let origin = match r.byte()? {
            0 => Origin::Declared,
            1 => Origin::Extracted,
            2 => Origin::None,
            _ => return Err(invalid("an unknown origin")),
        };
        let roles = read_strings(&mut r, bytes.len())?;
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

fn decode(bytes: &[u8]) -> std::io::Result<Text> {
    let mut r = Reader { bytes, at: 0 };
    let extraction =
        crate::store::record::decode(r.bytes()?).ok_or_else(|| invalid("an extraction that does not read back"))?;
    let body = r.text()?;
    let blocks = read_blocks(&mut r, bytes.len())?;
    let quotes = read_strings(&mut r, bytes.len())?;
    let subheads = read_strings(&mut r, bytes.len())?;
    let mentions = read_mentions(&mut r, bytes.len())?;
    Ok(Text {
        body,
        blocks,
        extraction,
        quotes,
        subheads,
        mentions,
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

/// A count, then as many strings: the quotes' words after an entry's blocks, then the
/// subheads.
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
        let bytes = self.bytes()?;
        String::from_utf8(bytes.to_vec()).map_err(|_| invalid("text that is not UTF-8"))
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
        let source = Source {
            file: PathBuf::from(format!("content/{name}.md")),
            rel: PathBuf::from(format!("{name}.md")),
            format: SourceFormat::Markdown,
            text: format!("+++\ntitle = \"Quay\"\ndate = 2021-10-13\n+++\n{body}"),
            assets: vec![],
            sidecar: None,
            modified: None,
        };
        crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default())
            .unwrap()
            .0
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
        ];
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
            // A quote's words are for its article's page and its speaker's: its speaker stays
            // for the indexes.
            assert!(light.meta.quotes.iter().all(|q| q.text.is_empty()));
            assert!(light.meta.subheads.is_empty());
            assert_eq!(
                file.quote_texts(light.text.unwrap()).unwrap(),
                s.meta.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>()
            );
            // Every put-away record shares the one empty extraction.
            assert!(Arc::ptr_eq(&light.extraction, &crate::model::no_extraction()));
            assert_eq!(file.extraction_bytes(light.text.unwrap()).unwrap(), json);
            // The names follow once the indexes are made; a story without any keeps no entry.
            file.put_away_names(&mut light).unwrap();
            assert!(light.meta.entities.is_empty());
            assert_eq!(light.names.is_some(), !s.meta.entities.is_empty());
            archive.stories.push(light);
        }
        assert!(stories[0].meta.entities.iter().any(|m| !m.entity.mentions.is_empty()));
        assert!(!stories[0].meta.quotes.is_empty());
        assert!(!stories[0].meta.subheads.is_empty());
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
            assert_eq!(full.text, None);
            assert_eq!(full.names, None);
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
        // A story never put away is itself.
        assert!(matches!(
            archive.full(&stories[0]).unwrap(),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
