//! A story's record as the build store keeps it between builds: what [`super::TextFile::put_away`]
//! leaves in memory (the record a build holds for every story until the indexes are made),
//! without the text itself, which has an entry of its own. With it, a rebuild takes an
//! unchanged article from the store instead of reading, parsing and merging its file again.
//!
//! The bytes open with [`VERSION`]; then the article (its format, file, path, size and
//! modification time, the front matter a record keeps — date, draft flag, tags, annotations and
//! `extra` — and the annotations from front matter and sidecar), its merged metadata (each
//! field with its origin; the quotes and subheads went with the text), its dates, slug and
//! address, who said each quote, which quotes its page places, whether it highlights code and
//! the key of what it was read from. A story with bundle files (pictures beside it) is not
//! kept this way: what its pictures hold is read with them.

use std::path::PathBuf;

use super::{
    Reader, invalid, push_anchor, push_date, push_figures, push_names, push_option, push_origin, push_published,
    push_text, push_texts, read_anchor, read_date, read_figures, read_names, read_option, read_origin, read_published,
    read_strings, varint,
};
use crate::model::{
    Annotation, AnnotationKind, Article, Dateline, DeclaredAt, Field, FrontMatter, Metadata, SourceFormat, Spot, Story,
};

/// Bumped whenever the layout below changes; a record of another layout does not read back.
const VERSION: u8 = 1;

/// The bytes of `story`'s record, once its text is put away (`story.text` set); `None` for a
/// story the store does not keep this way: one whose text is still in it, with bundle files,
/// or with a path that is not UTF-8.
pub fn encode_record(story: &Story) -> Option<Vec<u8>> {
    let article = &story.article;
    if story.text.is_none() || story.details.is_some() || !article.assets.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(1024);
    out.push(VERSION);
    out.push(match article.format {
        SourceFormat::Markdown => 0,
        SourceFormat::Wire => 1,
    });
    push_text(&mut out, article.file.to_str()?);
    push_text(&mut out, article.rel.to_str()?);
    varint(&mut out, article.bytes as u64);
    push_option(&mut out, article.modified.map(|t| t.to_string()).as_deref());
    let front = &article.front;
    push_published(&mut out, front.date);
    out.push(u8::from(front.draft));
    push_texts(&mut out, &front.tags);
    push_annotations(&mut out, &front.annotations)?;
    push_text(&mut out, &serde_json::to_string(&front.extra).ok()?);
    push_annotations(&mut out, &article.annotations)?;
    push_metadata(&mut out, &story.meta);
    push_published(&mut out, Some(story.published));
    push_published(&mut out, story.updated);
    push_text(&mut out, &story.slug);
    push_text(&mut out, &story.url);
    match &story.speakers {
        None => out.push(0),
        Some(speakers) => {
            out.push(1);
            varint(&mut out, speakers.len() as u64);
            for s in speakers.iter() {
                push_option(&mut out, s.as_deref());
            }
        }
    }
    match &story.placed_quotes {
        None => out.push(0),
        Some(placed) => {
            out.push(1);
            varint(&mut out, placed.len() as u64);
            for &q in placed {
                varint(&mut out, q as u64);
            }
        }
    }
    out.push(u8::from(story.highlighted_code));
    match &story.source {
        None => out.push(0),
        Some(key) => {
            out.push(1);
            out.extend_from_slice(key);
        }
    }
    Some(out)
}

/// The story whose record `bytes` holds, its text not yet anywhere (`text` is `None` until the
/// caller puts its entry back). An error for bytes of another layout or cut short: the caller
/// reads the article's file instead.
pub fn decode_record(bytes: &[u8]) -> std::io::Result<Story> {
    let most = bytes.len();
    let mut r = Reader { bytes, at: 0 };
    if r.byte()? != VERSION {
        return Err(invalid("a story record of another layout"));
    }
    let format = match r.byte()? {
        0 => SourceFormat::Markdown,
        1 => SourceFormat::Wire,
        _ => return Err(invalid("an unknown format of article")),
    };
    let file = PathBuf::from(r.text()?);
    let rel = PathBuf::from(r.text()?);
    let size = r.number()?;
    let modified = read_option(&mut r)?
        .map(|t| t.parse().map_err(|_| invalid("an instant that does not read back")))
        .transpose()?;
    let date = read_published(&mut r)?;
    let draft = r.byte()? != 0;
    let tags = read_strings(&mut r, most)?;
    let front_annotations = read_annotations(&mut r, most)?;
    let extra =
        serde_json::from_str(&r.text()?).map_err(|_| invalid("front matter `extra` that does not read back"))?;
    let annotations = read_annotations(&mut r, most)?;
    let meta = read_metadata(&mut r, most)?;
    let published = read_published(&mut r)?.ok_or_else(|| invalid("a story without a date"))?;
    let updated = read_published(&mut r)?;
    let slug = r.text()?;
    let url = r.text()?;
    let speakers = match r.byte()? {
        0 => None,
        1 => {
            let count = r.number()?;
            let mut speakers = Vec::with_capacity(count.min(most));
            for _ in 0..count {
                speakers.push(read_option(&mut r)?.map(String::into_boxed_str));
            }
            Some(speakers.into_boxed_slice())
        }
        _ => return Err(invalid("an unknown kind of value")),
    };
    let placed_quotes = match r.byte()? {
        0 => None,
        1 => {
            let count = r.number()?;
            let mut placed = Vec::with_capacity(count.min(most));
            for _ in 0..count {
                placed.push(r.number()?);
            }
            Some(placed)
        }
        _ => return Err(invalid("an unknown kind of value")),
    };
    let highlighted_code = r.byte()? != 0;
    let source = match r.byte()? {
        0 => None,
        1 => {
            let mut key = [0; 32];
            for b in &mut key {
                *b = r.byte()?;
            }
            Some(key)
        }
        _ => return Err(invalid("an unknown kind of value")),
    };
    if r.at != bytes.len() {
        return Err(invalid("a story record with bytes left over"));
    }
    Ok(Story {
        article: Article {
            file,
            rel,
            format,
            front: FrontMatter {
                date,
                draft,
                tags,
                annotations: front_annotations,
                extra,
                ..FrontMatter::default()
            },
            headline: None,
            body: String::new(),
            blocks: Vec::new(),
            assets: Vec::new(),
            annotations,
            bytes: size,
            modified,
        },
        extraction: crate::model::no_extraction(),
        meta,
        published,
        updated,
        slug,
        url,
        text: None,
        details: None,
        speakers,
        placed_quotes,
        highlighted_code,
        source,
        recorded: Some(*blake3::hash(bytes).as_bytes()),
        gleaned: None,
        digest: None,
    })
}

/// The merged metadata a record keeps: headline, byline, sources, dateline (with where it
/// sits), date, figures, entities (their mentions went with the text) and summary, each with
/// its origin.
fn push_metadata(out: &mut Vec<u8>, meta: &Metadata) {
    push_text(out, &meta.headline.value);
    push_origin(out, meta.headline.origin);
    push_texts(out, &meta.byline.value);
    push_origin(out, meta.byline.origin);
    push_texts(out, &meta.sources.value);
    push_origin(out, meta.sources.origin);
    match &meta.dateline.value {
        None => out.push(0),
        Some(d) => {
            out.push(1);
            push_text(out, &d.raw);
            push_option(out, d.place.as_deref());
            push_option(out, d.agency.as_deref());
            push_date(out, d.date);
            push_anchor(out, d.anchor);
        }
    }
    push_origin(out, meta.dateline.origin);
    push_date(out, meta.date.value);
    push_origin(out, meta.date.origin);
    push_figures(out, &meta.figures.value);
    push_origin(out, meta.figures.origin);
    push_names(out, &meta.entities);
    push_option(out, meta.summary.value.as_deref());
    push_origin(out, meta.summary.origin);
}

fn read_metadata(r: &mut Reader<'_>, most: usize) -> std::io::Result<Metadata> {
    let headline = Field {
        value: r.text()?,
        origin: read_origin(r)?,
    };
    let byline = Field {
        value: read_strings(r, most)?,
        origin: read_origin(r)?,
    };
    let sources = Field {
        value: read_strings(r, most)?,
        origin: read_origin(r)?,
    };
    let dateline = match r.byte()? {
        0 => None,
        1 => Some(Dateline {
            raw: r.text()?,
            place: read_option(r)?,
            agency: read_option(r)?,
            date: read_date(r)?,
            anchor: read_anchor(r)?,
        }),
        _ => return Err(invalid("an unknown kind of dateline")),
    };
    let dateline = Field {
        value: dateline,
        origin: read_origin(r)?,
    };
    let date = Field {
        value: read_date(r)?,
        origin: read_origin(r)?,
    };
    let figures = Field {
        value: read_figures(r, most)?,
        origin: read_origin(r)?,
    };
    let entities = read_names(r, most)?;
    let summary = Field {
        value: read_option(r)?,
        origin: read_origin(r)?,
    };
    Ok(Metadata {
        headline,
        byline,
        sources,
        dateline,
        date,
        figures,
        quotes: Vec::new(),
        entities,
        summary,
        subheads: Vec::new(),
    })
}

/// Each annotation whole: id, quote, prefix, suffix, note, kind, author, date, link, where it
/// was declared (file, line, that file's text, where its link sits) and its anchor. `None`
/// for a declaring file whose name is not UTF-8.
fn push_annotations(out: &mut Vec<u8>, annotations: &[Annotation]) -> Option<()> {
    varint(out, annotations.len() as u64);
    for a in annotations {
        push_text(out, &a.id);
        push_text(out, &a.quote);
        push_option(out, a.prefix.as_deref());
        push_option(out, a.suffix.as_deref());
        push_text(out, &a.note);
        push_text(out, a.kind.as_str());
        push_option(out, a.author.as_deref());
        push_date(out, a.date);
        push_option(out, a.link.as_deref());
        push_text(out, a.origin.file.to_str()?);
        varint(out, a.origin.line as u64);
        push_text(out, &a.origin.line_text);
        match &a.origin.link {
            None => out.push(0),
            Some(spot) => {
                out.push(1);
                varint(out, spot.line as u64);
                varint(out, spot.column as u64);
                varint(out, spot.width as u64);
                push_text(out, &spot.line_text);
            }
        }
        push_anchor(out, a.anchor);
    }
    Some(())
}

fn read_annotations(r: &mut Reader<'_>, most: usize) -> std::io::Result<Vec<Annotation>> {
    let count = r.number()?;
    let mut annotations = Vec::with_capacity(count.min(most));
    for _ in 0..count {
        let id = r.text()?;
        let quote = r.text()?;
        let prefix = read_option(r)?;
        let suffix = read_option(r)?;
        let note = r.text()?;
        let kind = AnnotationKind::parse(&r.text()?).ok_or_else(|| invalid("an unknown kind of annotation"))?;
        let author = read_option(r)?;
        let date = read_date(r)?;
        let link = read_option(r)?;
        let file = PathBuf::from(r.text()?);
        let line = r.number()?;
        let line_text = r.text()?;
        let spot = match r.byte()? {
            0 => None,
            1 => Some(Spot {
                line: r.number()?,
                column: r.number()?,
                width: r.number()?,
                line_text: r.text()?,
            }),
            _ => return Err(invalid("an unknown kind of spot")),
        };
        annotations.push(Annotation {
            id,
            quote,
            prefix,
            suffix,
            note,
            kind,
            author,
            date,
            link,
            origin: DeclaredAt {
                file,
                line,
                line_text,
                link: spot,
            },
            anchor: read_anchor(r)?,
        });
    }
    Ok(annotations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Registry;
    use crate::model::Source;

    fn story(name: &str, text: &str, sidecar: Option<&str>) -> Story {
        let source = Source {
            file: PathBuf::from(format!("content/{name}")),
            rel: PathBuf::from(name),
            format: if name.ends_with(".txt") {
                SourceFormat::Wire
            } else {
                SourceFormat::Markdown
            },
            text: text.to_string(),
            assets: vec![],
            sidecar: sidecar.map(|t| crate::model::Sidecar {
                file: PathBuf::from(format!("content/{name}.annotations.toml")),
                text: t.to_string(),
            }),
            modified: Some(jiff::Timestamp::from_second(1_634_000_000).unwrap()),
        };
        let (mut story, _) = crate::pipeline::prepare(source, &Registry::default(), &SiteConfig::default()).unwrap();
        story.source = Some([7; 32]);
        story.placed_quotes = Some(vec![0]);
        story
    }

    /// A record put away, kept and read back is the record it was, field for field: every
    /// kind of field a real article fills (front matter with annotations and `extra`, a
    /// dateline with its anchor, figures with credits, people with roles, a sidecar's notes).
    #[test]
    fn a_story_record_reads_back_as_it_was() {
        let file = super::super::TextFile::create(&std::env::temp_dir()).unwrap();
        let stories = [
            story(
                "2021/10/quay.md",
                "+++\ntitle = \"Quay opens\"\ndate = 2021-10-13T09:30:00+01:00\ntags = [\"harbour\"]\n\
                 byline = [\"Jane Roe\"]\nsummary = \"The quay opens.\"\n\n\
                 [[figures]]\nsrc = \"quay.jpg\"\ncaption = \"The quay at dawn.\"\ncredit = \"Jane Roe/AP via Getty\"\n\n\
                 [[annotations]]\nquote = \"ready at last\"\nnote = \"Said twice.\"\nkind = \"fact-check\"\n\n\
                 [extra]\ndesk = \"city\"\nscore = 0.1\n+++\n\
                 LISBON, Oct 13 (AP) — Mayor Ana Ruiz said the quay was \"ready at last\" on Monday.\n\n\
                 \"We waited ten years for this quay,\" Ruiz said.\n\n```rust\nfn main() {}\n```\n",
                Some(
                    "[[annotations]]\nquote = \"ten years\"\nnote = \"Since 2011.\"\nlink = \"https://example.org/\"\n",
                ),
            ),
            story(
                "2021-10-14-strike.txt",
                "Dockers strike at dawn\n\nBy IVAN PETROV\n\nPORT ASHBY (Reuters) - Dockers walked out on Thursday, \
                 union leader Rue Lindqvist said.\n",
                None,
            ),
        ];
        for s in stories {
            let mut light = s.clone();
            let json = crate::store::record::encode(&s.extraction).unwrap();
            file.put_away(&mut light, &json).unwrap();
            let bytes = encode_record(&light).expect("kept");
            let mut back = decode_record(&bytes).unwrap();
            assert!(back.text.is_none());
            assert_eq!(back.recorded, Some(*blake3::hash(&bytes).as_bytes()));
            back.text = light.text;
            back.recorded = None;
            assert_eq!(format!("{back:?}"), format!("{light:?}"));
            // Cut short, or of another layout: not a record.
            assert!(decode_record(&bytes[..bytes.len() - 1]).is_err());
            let mut other = bytes.clone();
            other[0] = VERSION + 1;
            assert!(decode_record(&other).is_err());
        }
    }

    /// A story sealed by its record's hash seals alike whether it was read from its file (and
    /// encoded) or taken back from the record, so a rebuild keeps its pages; and not alike once
    /// anything the record holds changed, here only its address.
    #[test]
    fn a_story_seals_alike_from_its_file_or_its_record() {
        let file = super::super::TextFile::create(&std::env::temp_dir()).unwrap();
        let seal = |s: &Story| {
            let mut light = s.clone();
            let json = crate::store::record::encode(&s.extraction).unwrap();
            file.put_away(&mut light, &json).unwrap();
            let bytes = encode_record(&light).expect("kept");
            light.recorded = Some(*blake3::hash(&bytes).as_bytes());
            let mut back = decode_record(&bytes).unwrap();
            back.text = light.text;
            light.seal();
            back.seal();
            assert!(light.digest.is_some());
            assert_eq!(light.digest, back.digest, "read afresh and taken back differ");
            back.digest
        };
        let s = story(
            "2021-10-14-strike.txt",
            "Dockers strike\n\nPORT ASHBY (Reuters) - Dockers walked out on Thursday.\n",
            None,
        );
        let mut moved = s.clone();
        moved.url = "/2021/10/15/dockers-strike/".into();
        assert_ne!(seal(&s), seal(&moved));
        // A story never recorded is sealed from what it holds, and still tells them apart.
        let (mut a, mut b) = (s.clone(), moved.clone());
        a.seal();
        b.seal();
        assert_ne!(a.digest, b.digest);
    }

    /// A story whose text is still in memory, or whose details went too, is not kept as a record.
    #[test]
    fn only_a_record_whose_text_is_put_away_is_kept() {
        let s = story(
            "quay.md",
            "+++\ntitle = \"Quay\"\ndate = 2021-10-13\n+++\nThe quay opens.\n",
            None,
        );
        assert!(encode_record(&s).is_none());
    }
}
