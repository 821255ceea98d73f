//! The whole archive after indexing: stories in date order and the indexes over them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::{Article, Extraction, Figure, Mention, Metadata, Published, Text, TextError, TextRef, TextStore};

/// An article ready to publish: parsed, extracted, merged, dated and given its address.
#[derive(Debug, Clone)]
pub struct Story {
    pub article: Article,
    /// Shared: a record whose text was put away points at the one empty extraction rather than
    /// carrying its own (some 340 bytes a story, a third of a megabyte per thousand).
    pub extraction: Arc<Extraction>,
    pub meta: Metadata,
    pub published: Published,
    pub updated: Option<Published>,
    pub slug: String,
    /// Site-relative URL path with leading and trailing slash: "/2021/10/13/mayor-says/".
    pub url: String,
    /// Where the article's body, blocks, extraction, quotes, subheads, entity mentions, own
    /// headline and front matter were put away, when they are not here (`article.body`,
    /// `article.blocks`, `article.headline`, `meta.subheads`, `meta.quotes` and the `mentions`
    /// of each of `meta.entities` then empty, `extraction` the
    /// default, and of `article.front` only the date, draft flag, tags, annotations and
    /// `extra` left): a build keeps every story's record in memory but not its text.
    /// [`Archive::full`] brings them back.
    pub text: Option<TextRef>,
    /// Where the story's details — people, places and organisations (`meta.entities`) and
    /// figures (`meta.figures`) — were put away once the indexes were made from them, and what
    /// lists of stories still need of them. Only the pages of the story itself, photographers'
    /// pages, the API's summaries (the names) and the archive's data files read them
    /// afterwards: [`Archive::full`], [`Archive::entities`] and [`Archive::figures`] read them
    /// back.
    pub details: Option<DetailsRef>,
    /// Who said each of `meta.quotes`, once the quotes went with the story's text (`meta.quotes`
    /// then empty), until the indexes have filed them: [`Story::speaker`].
    pub speakers: Option<Box<[Option<Box<str>>]>>,
    /// Which of `meta.quotes` the article's page shows in its own text (with a `#quote-N`
    /// anchor), worked out before its text was put away: a person's page links to those.
    pub placed_quotes: Option<Vec<usize>>,
    /// Whether the article has a fenced code block that names its language: the code
    /// stylesheet is written when any story has one. Known while the text is at hand, so that
    /// the question never needs every story's text again.
    pub highlighted_code: bool,
    /// The key of what the story was read from (its file and annotations, its path, the
    /// registry, `site.toml` and the code: see `store::extraction_key`), when a build knows it.
    pub source: Option<[u8; 32]>,
    /// The hash of the story's record as the build store keeps it ([`crate::texts::encode_record`]),
    /// when the story was decoded from that record or encoded as it, and has not changed since:
    /// it stands for what the record holds when the story is sealed.
    pub recorded: Option<[u8; 32]>,
    /// What the story adds to the archive-wide indexes, as the build store keeps it beside its
    /// record ([`crate::texts::encode_terms`]): its terms already split from their titles and
    /// slugged, so that indexing an unchanged story reads them rather than working them out
    /// again. Dropped once the indexes are made.
    pub gleaned: Option<Box<[u8]>>,
    /// Everything the story's pages are made from: [`Story::source`] and the record as the
    /// archive finally holds it ([`Story::seal`]). `None` until sealed, or without a source:
    /// then nothing made from the story is ever taken from an earlier build.
    pub digest: Option<[u8; 32]>,
}

impl Story {
    /// Sets [`Story::digest`] from the story's source and its record as it stands: its front
    /// matter, metadata, dates, address, pictures and what lists read of its details. Called
    /// once the archive is final (indexed, pictures resized); the text it no longer holds is
    /// covered by the source, from which it was made, and the record by the hash of the bytes
    /// the build store keeps of it ([`Story::recorded`]) when there is one.
    pub fn seal(&mut self) {
        let Some(source) = self.source else {
            self.digest = None;
            return;
        };
        let mut h = blake3::Hasher::new();
        h.update(&source);
        // Where the text and details went differs from build to build; what they hold does not.
        let details = self.details.as_ref().map(|d| (d.figures, d.quotes, &d.lead));
        match self.recorded {
            // The record holds the article as a story keeps it, its metadata (details
            // included), dates, address, quotes' places and code flag: hashing its bytes
            // spares writing the story out, which took most of the time of sealing a big
            // archive's stories. A story with pictures of its own is never recorded.
            Some(record) if self.article.assets.is_empty() => {
                h.update(b"record");
                h.update(&record);
                h.update(format!("{details:?}").as_bytes());
            }
            _ => {
                let record = (
                    &self.article,
                    &self.meta,
                    self.published,
                    self.updated,
                    &self.slug,
                    &self.url,
                    &self.placed_quotes,
                    self.highlighted_code,
                    details,
                );
                // Written out whole, then hashed at once: the hasher fed each of the many small
                // pieces the formatter writes took most of the time.
                h.update(b"story");
                h.update(format!("{record:?}").as_bytes());
            }
        }
        self.digest = Some(*h.finalize().as_bytes());
    }

    /// Where a figure's image lives, as a site path: a bundle's own file beside the article
    /// page, any other relative path from the site root, and absolute URLs and `data:` as given.
    pub fn image_url(&self, src: &str) -> String {
        if src.starts_with("http://") || src.starts_with("https://") || src.starts_with('/') || src.starts_with("data:")
        {
            return src.to_string();
        }
        let src = src.trim_start_matches("./");
        if self.article.assets.iter().any(|a| a.name == src) {
            format!("{}{src}", self.url)
        } else {
            format!("/{src}")
        }
    }

    /// The size in pixels of one of the story's pictures, when it is a bundle file whose
    /// header the load stage could read.
    pub fn image_size(&self, src: &str) -> Option<(u32, u32)> {
        let src = src.trim_start_matches("./");
        self.article.assets.iter().find(|a| a.name == src).and_then(|a| a.size)
    }

    /// The story's first picture that has an image file: what lists, feeds and search results
    /// show beside the headline.
    pub fn lead_image(&self) -> Option<LeadImage> {
        let lead = self.lead_figure()?;
        Some(LeadImage {
            src: self.image_url(&lead.src),
            alt: lead.title.into_owned(),
        })
    }

    /// The image file of the story's first picture that has one, and that picture's title (else
    /// its caption), as the story's figures or, once they are put away, its record says.
    pub fn lead_figure(&self) -> Option<LeadFigure<'_>> {
        if let Some(details) = &self.details {
            return details.lead.as_deref().map(|lead| LeadFigure {
                src: Cow::Borrowed(&lead.0),
                title: Cow::Borrowed(&lead.1),
            });
        }
        self.meta.figures.value.iter().find_map(LeadFigure::of)
    }

    /// How many figures the story has.
    pub fn figure_count(&self) -> usize {
        self.details
            .as_ref()
            .map_or(self.meta.figures.value.len(), |d| d.figures as usize)
    }

    /// How many quotes the story has.
    pub fn quote_count(&self) -> usize {
        match (&self.details, &self.speakers) {
            (Some(d), _) => d.quotes as usize,
            (None, Some(speakers)) => speakers.len(),
            (None, None) => self.meta.quotes.len(),
        }
    }

    /// Who said the story's quote `q`, while the indexes need it.
    pub fn speaker(&self, q: usize) -> Option<&str> {
        match &self.speakers {
            Some(speakers) => speakers.get(q)?.as_deref(),
            None => self.meta.quotes.get(q)?.speaker.as_deref(),
        }
    }
}

/// The first picture with an image file, as lists of stories show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadFigure<'a> {
    /// The image file as the figure gives it.
    pub src: Cow<'a, str>,
    /// The figure's title, else its caption.
    pub title: Cow<'a, str>,
}

impl<'a> LeadFigure<'a> {
    /// `f` as a lead picture, when it has an image file.
    pub fn of(f: &'a Figure) -> Option<LeadFigure<'a>> {
        Some(LeadFigure {
            src: Cow::Borrowed(f.src.as_deref()?),
            title: Cow::Borrowed(f.title.as_deref().unwrap_or(&f.caption)),
        })
    }
}

/// Where a story's details went (see [`Story::details`]) and the little of them that lists of
/// stories show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsRef {
    pub at: TextRef,
    /// How many figures the story has: cards and API summaries count them.
    pub figures: u32,
    /// How many quotes the story has.
    pub quotes: u32,
    /// The lead picture's image file and title (see [`Story::lead_figure`]); boxed, as most
    /// stories have none.
    pub lead: Option<Box<(Box<str>, Box<str>)>>,
}

/// The empty extraction every put-away record shares.
pub fn no_extraction() -> Arc<Extraction> {
    static EMPTY: std::sync::LazyLock<Arc<Extraction>> = std::sync::LazyLock::new(|| Arc::new(Extraction::default()));
    Arc::clone(&EMPTY)
}

/// A story's lead picture: its site path and the text that stands in for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    pub src: String,
    pub alt: String,
}

/// One term of an index (a person, a place, a photographer, a tag …) and the stories under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// The name shown: the canonical name, else the most frequent spelling.
    pub name: String,
    pub slug: String,
    /// Indexes into `Archive::stories`, newest first, each once.
    pub stories: Vec<usize>,
    /// Roles the articles give the term (people), most frequent first, with counts.
    pub roles: Vec<(String, usize)>,
    /// Quotes the term gave (people): (story, index into its `meta.quotes`), newest first.
    pub quotes: Vec<(usize, usize)>,
    /// Pictures the term took (photographers): (story, index into its `meta.figures`).
    pub figures: Vec<(usize, usize)>,
    /// From the entity registry.
    pub description: Option<String>,
    /// Whether an article's front matter names it in this index: what the archivist declared
    /// outranks what extraction guessed when a name is typed two ways.
    pub declared: bool,
    /// Other indexes with a page of the same name, which this page links to and which link
    /// back: the same person as photographer and in the news, a tag and the place it names.
    pub also: Vec<IndexKind>,
}

/// One index: its terms, sorted by slug, and every spelling that leads to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    pub terms: Vec<Term>,
    /// Lower-cased name or alias → index into `terms`.
    pub names: std::collections::HashMap<String, usize>,
    /// Names this index would have listed whose one page is in another index ("CNN", named as
    /// an organisation in a story, is the agency), sorted by slug.
    pub see: Vec<SeeReference>,
    /// Lower-cased name or alias → index into `see`.
    pub see_names: std::collections::HashMap<String, usize>,
}

/// A name an index lists without a page of its own, the way a printed index says "CNN, see
/// Agencies": the entity's page is the term of the same slug in `home`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeeReference {
    pub name: String,
    pub slug: String,
    pub home: IndexKind,
}

impl Index {
    /// The term a name refers to, through any spelling the index has seen.
    pub fn find(&self, name: &str) -> Option<&Term> {
        self.names.get(&name.to_lowercase()).map(|&i| &self.terms[i])
    }

    /// Where a name this index has no page for has its page, if another index holds it.
    pub fn see(&self, name: &str) -> Option<&SeeReference> {
        self.see_names.get(&name.to_lowercase()).map(|&i| &self.see[i])
    }
}

/// Every story, newest first, with the date archive and the indexes over them.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub stories: Vec<Story>,
    /// Stories of each day, newest first within the day.
    pub days: BTreeMap<Date, Vec<usize>>,
    /// The enabled indexes.
    pub indexes: BTreeMap<IndexKind, Index>,
    /// For each story, related stories, best first.
    pub related: Vec<Vec<usize>>,
    /// Single-word person names that stand for one full name across the archive ("Petrov").
    pub aliases: std::collections::HashMap<String, String>,
    /// Where the stories' text is, for those whose `text` is set.
    pub texts: Option<Arc<dyn TextStore>>,
}

impl Archive {
    /// `story`'s people, places and organisations (`meta.entities`, without where the text
    /// names them), read back from the text store if they were put away.
    pub fn entities<'a>(&self, story: &'a Story) -> Result<Cow<'a, [Mention]>, TextError> {
        match (&story.details, &self.texts) {
            (Some(d), Some(texts)) => Ok(Cow::Owned(texts.entities(d.at)?)),
            _ => Ok(Cow::Borrowed(&story.meta.entities)),
        }
    }

    /// The figures of the story at `i` (`meta.figures`), read back from the text store if they
    /// were put away.
    pub fn figures(&self, i: usize) -> Result<Cow<'_, [Figure]>, TextError> {
        let story = &self.stories[i];
        match (&story.details, &self.texts) {
            (Some(d), Some(texts)) => Ok(Cow::Owned(texts.figures(d.at)?)),
            _ => Ok(Cow::Borrowed(&story.meta.figures.value)),
        }
    }

    /// The story at `i` with its body, blocks, extraction and details, read back from the text
    /// store if they were put away.
    pub fn full_story(&self, i: usize) -> Result<Cow<'_, Story>, TextError> {
        self.full(&self.stories[i])
    }

    /// The story at `i` as [`Archive::full_story`] gives it, but of its extraction only the
    /// blocks' roles, read back from the text store: all the search index and the export read
    /// of it, and the rest is the costlier part to read back.
    pub fn plain_story(&self, i: usize) -> Result<Cow<'_, Story>, TextError> {
        self.full_with(&self.stories[i], |texts, at| texts.load_plain(at))
    }

    /// `story` with its body, blocks, extraction and details: itself when it has them, else a
    /// copy with them read back from the text store.
    pub fn full<'a>(&self, story: &'a Story) -> Result<Cow<'a, Story>, TextError> {
        self.full_with(story, |texts, at| texts.load(at))
    }

    /// [`Archive::full`], its text read back by `load`.
    fn full_with<'a>(
        &self,
        story: &'a Story,
        load: impl Fn(&dyn TextStore, TextRef) -> Result<Text, TextError>,
    ) -> Result<Cow<'a, Story>, TextError> {
        let Some(texts) = &self.texts else {
            return Ok(Cow::Borrowed(story));
        };
        if story.text.is_none() && story.details.is_none() {
            return Ok(Cow::Borrowed(story));
        }
        let mut full = story.clone();
        if let Some(d) = &story.details {
            let details = texts.details(d.at)?;
            full.meta.entities = details.entities;
            full.meta.figures.value = details.figures;
            full.details = None;
        }
        if let Some(at) = story.text {
            let text = load(texts.as_ref(), at)?;
            full.article.body = text.body;
            full.article.blocks = text.blocks;
            full.extraction = Arc::new(text.extraction);
            full.meta.quotes = text.quotes;
            full.speakers = None;
            full.meta.subheads = text.subheads;
            // The record kept the front matter's annotations (gathered onto the article when
            // it was parsed) and its free-form `extra`, which the file does not hold.
            let kept = std::mem::take(&mut full.article.front);
            full.article.front = super::FrontMatter {
                annotations: kept.annotations,
                extra: kept.extra,
                ..text.front
            };
            full.article.headline = text.headline;
            for (m, mentions) in full.meta.entities.iter_mut().zip(text.mentions) {
                m.entity.mentions = mentions;
            }
            full.text = None;
        }
        Ok(Cow::Owned(full))
    }

    /// The words of each quote of the story at `i`, read back from the text store if they
    /// were put away, without the rest of its text.
    pub fn quote_texts(&self, i: usize) -> Result<Vec<String>, TextError> {
        let story = &self.stories[i];
        match (story.text, &self.texts) {
            (Some(at), Some(texts)) => texts.quote_texts(at),
            _ => Ok(story.meta.quotes.iter().map(|q| q.text.clone()).collect()),
        }
    }

    /// The index of one kind, when it is enabled.
    pub fn index(&self, kind: IndexKind) -> Option<&Index> {
        self.indexes.get(&kind)
    }
}

/// The archive's indexes: one page per term, grouped by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexKind {
    People,
    Places,
    Organizations,
    Photographers,
    Agencies,
    Tags,
    /// Bylined reporters (`/authors/NAME/`), so bylines, feeds and structured data can link
    /// each reporter to a page of their work.
    Authors,
}

impl IndexKind {
    pub const ALL: [IndexKind; 7] = [
        IndexKind::People,
        IndexKind::Places,
        IndexKind::Organizations,
        IndexKind::Photographers,
        IndexKind::Agencies,
        IndexKind::Tags,
        IndexKind::Authors,
    ];

    /// The index an entity of this kind is listed in.
    pub fn of_entity(kind: super::EntityKind) -> IndexKind {
        match kind {
            super::EntityKind::Person => IndexKind::People,
            super::EntityKind::Place => IndexKind::Places,
            super::EntityKind::Organization => IndexKind::Organizations,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IndexKind::People => "people",
            IndexKind::Places => "places",
            IndexKind::Organizations => "organizations",
            IndexKind::Photographers => "photographers",
            IndexKind::Agencies => "agencies",
            IndexKind::Tags => "tags",
            IndexKind::Authors => "authors",
        }
    }
}
