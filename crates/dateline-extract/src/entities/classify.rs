//! Classify: what each run of capitalised words names — a person, a place, an organisation.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use crate::model::EntityKind;

use super::chunk::{Chunk, capitalized};
use super::resolve::initials;
use super::rules::RULES;
use crate::Registry;
use crate::fasthash::{FxHashSet, with_lowercase};
use crate::gazetteer;
use crate::lexicon::{self, Gender};
use crate::lists::{
    ADJECTIVAL_PLACE_NAMES, AUXILIARY_VERBS, CHANGE_VERBS, CLUB_PREFIXES, COMPANY_DESCRIPTORS, COMPANY_OFFICES,
    COMPOUND_ORG_ENDINGS, COORDINATING_CONJUNCTIONS, GERMAN_ARTICLES, LEADING_FUNCTION_WORDS, LIST_ENDINGS,
    NAME_JOINERS, NOUN_CAPITALISING_WORDS, ORG_HEAD_NOUNS, ORG_PREPOSITIONS, PLACE_PREPOSITIONS, POST_FIELDS,
    PURPOSE_BODY_NOUNS,
};
use crate::text::{Word, is_all_caps};

/// What a piece of a chunk turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind<'a> {
    Person {
        role: Option<String>,
        gender: Option<Gender>,
        /// Something besides its shape says this is a person (see `rules::persons_name`).
        sure: bool,
    },
    Org(Cow<'a, str>),
    Place(Cow<'a, str>),
    /// A registry entry, by index.
    Registered(usize),
    /// One capitalised word to resolve later: a surname, an acronym, a place after "in", or a
    /// known place or organisation unless a person of that name is in the story.
    Single {
        titled: bool,
        role: Option<String>,
        gender: Option<Gender>,
        known: Option<(EntityKind, Cow<'a, str>)>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Piece<'a> {
    pub(super) block: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The name as written, white space squashed and brackets dropped.
    pub(super) name: Cow<'a, str>,
    pub(super) kind: Kind<'a>,
    pub(super) prev: Option<&'a str>,
    pub(super) prev2: Option<&'a str>,
    pub(super) next: Option<&'a str>,
    pub(super) sentence_start: bool,
    /// The rule that found it, for `--explain`.
    pub(super) rule: &'static str,
    /// The name carried a possessive ending ("Acme's").
    pub(super) possessive: bool,
    /// A single word the story also writes in lower case ("Refugees" opening a heading).
    pub(super) common: bool,
    /// Listed beside a known organisation ("Acme, Zentrix and Bolt"; see [`mark_lists`]).
    pub(super) listed_with_org: bool,
}

/// What classification knows of the whole story besides the run in hand.
pub(super) struct Story<'a, 'r> {
    pub(super) registry: &'r Registry,
    /// Every word the story writes in lower case that has the shape of one of its capitalised
    /// words (see [`uses_lowercase`](Self::uses_lowercase)): a capitalised run made of such
    /// words is a heading or a product name ("Weight Loss Tips"), not a person.
    lower_words: FxHashSet<&'a str>,
    /// The shapes of the story's capitalised words in lower case.
    capital_shapes: Shapes,
    /// Every word the story writes in lower case, gathered only when a word of none of those
    /// shapes is asked about.
    all_lower_words: OnceCell<FxHashSet<&'a str>>,
    spans: &'r [super::Span<'a>],
    /// Every capitalised run of the story as written, gathered only when a rule first asks.
    runs: OnceCell<FxHashSet<&'a str>>,
    /// The story is written in a language that capitalises every noun (German): a capital
    /// there is no sign of a name.
    pub(super) capitalises_nouns: bool,
    /// Abbreviations the story spells out in lower case (see [`lower_case_abbreviations`]).
    lower_case_abbreviations: FxHashSet<&'a str>,
}

impl<'a, 'r> Story<'a, 'r> {
    pub(super) fn new(registry: &'r Registry, spans: &'r [super::Span<'a>]) -> Self {
        // Only capitalised words are asked about, and most of a story's lower-case words have
        // the shape of none of them: those stay out of the set, which spares hashing them.
        let mut capital_shapes = Shapes::new();
        for w in spans.iter().flat_map(|s| s.words.iter()) {
            if w.text.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                capital_shapes.add_lowercase_of(w.text.as_bytes());
            }
        }
        // Sized for a story's usual few dozen such words, which spares growing it step by step.
        let mut lower_words = FxHashSet::with_capacity_and_hasher(64, Default::default());
        let mut votes = LanguageVotes::default();
        // English's function words are a good part of a story's lower-case words: each goes
        // into the set once, not at every use.
        let mut inserted = 0u8;
        for w in spans.iter().flat_map(|s| s.words.iter()) {
            if w.text.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
                let bit = english_bit(w.text);
                votes.count(w.text, bit);
                if (inserted & bit == 0 || bit == 0) && capital_shapes.holds(w.text.as_bytes()) {
                    inserted |= bit;
                    lower_words.insert(w.text);
                }
            }
        }
        Story {
            registry,
            lower_words,
            capital_shapes,
            all_lower_words: OnceCell::new(),
            spans,
            runs: OnceCell::new(),
            capitalises_nouns: votes.capitalises_nouns(),
            lower_case_abbreviations: lower_case_abbreviations(spans),
        }
    }

    /// Whether the story writes `name` somewhere as a capitalised run of its own ("Acme" in
    /// "Acme said", but not in "Acme and Bolt Media").
    pub(super) fn named_alone(&self, name: &str) -> bool {
        self.runs().contains(name)
    }

    /// Whether the story names someone by a given name and `surname` ("Jane Roe" for "Roe").
    pub(super) fn names_someone_called(&self, surname: &str) -> bool {
        self.runs().iter().any(|run| {
            run.rsplit_once(' ').is_some_and(|(head, last)| {
                last == surname && head.split(' ').next().is_some_and(crate::names::is_any_given_name)
            })
        })
    }

    fn runs(&self) -> &FxHashSet<&'a str> {
        self.runs.get_or_init(|| {
            let mut runs = FxHashSet::default();
            for span in self.spans {
                let ws = super::chunk::span_words(span);
                super::chunk::chunks(span, &ws, |c| {
                    let (first, last) = (&c.words[0], &c.words[c.words.len() - 1]);
                    runs.insert(&c.text[first.start..last.end]);
                });
            }
            runs
        })
    }

    /// Whether the story writes `word` in lower case somewhere. A word of a capitalised word's
    /// shape is in the small set; any other is looked up among all the lower-case words.
    pub(super) fn uses_lowercase(&self, word: &str) -> bool {
        with_lowercase(word, |l| {
            if !l.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
                false
            } else if self.capital_shapes.holds(l.as_bytes()) {
                self.lower_words.contains(l)
            } else {
                self.all_lower_words().contains(l)
            }
        })
    }

    fn all_lower_words(&self) -> &FxHashSet<&'a str> {
        self.all_lower_words.get_or_init(|| {
            self.spans
                .iter()
                .flat_map(|s| s.words.iter())
                .map(|w| w.text)
                .filter(|w| w.as_bytes().first().is_some_and(u8::is_ascii_lowercase))
                .collect()
        })
    }

    /// Whether the story spells this abbreviation out in lower case.
    pub(super) fn abbreviates_common_noun(&self, word: &str) -> bool {
        !self.lower_case_abbreviations.is_empty() && self.lower_case_abbreviations.contains(word)
    }
}

/// The (first byte, length) and (last byte, length) pairs of a set of words: a word whose pairs
/// are not both among them is none of the words.
struct Shapes {
    by_first: [u32; 256],
    by_last: [u32; 256],
}

impl Shapes {
    fn new() -> Self {
        Shapes {
            by_first: [0; 256],
            by_last: [0; 256],
        }
    }

    /// Lengths of 31 bytes and more share one bit.
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// Adds the shape of `word` with its first and last bytes in ASCII lower case.
    fn add_lowercase_of(&mut self, word: &[u8]) {
        if let (Some(first), Some(last)) = (word.first(), word.last()) {
            let bit = Self::bit(word.len());
            self.by_first[usize::from(first.to_ascii_lowercase())] |= bit;
            self.by_last[usize::from(last.to_ascii_lowercase())] |= bit;
        }
    }

    /// Whether some word added has the shape of `word`.
    fn holds(&self, word: &[u8]) -> bool {
        match (word.first(), word.last()) {
            (Some(&first), Some(&last)) => {
                let bit = Self::bit(word.len());
                self.by_first[usize::from(first)] & bit != 0 && self.by_last[usize::from(last)] & bit != 0
            }
            _ => false,
        }
    }
}

/// Whether the lower-case words ending `before` spell `abbreviation`, reading back from its
/// last letter: a word gives its initial, and a small word ("of", "a") that gives none is
/// passed over ("letter of credit" spells LOC and LC).
fn spelled_in_lower_case(before: &str, abbreviation: &str) -> bool {
    let mut letters = abbreviation.bytes().rev().peekable();
    for w in before.split_whitespace().rev() {
        let Some(&want) = letters.peek() else { break };
        let initial = w.bytes().next().filter(u8::is_ascii_lowercase);
        if initial.is_some_and(|i| i.eq_ignore_ascii_case(&want)) {
            letters.next();
        } else if !(NAME_JOINERS.contains(w) || w.len() <= 2) {
            return false;
        }
    }
    letters.peek().is_none()
}

/// "frozen concentrated orange juice (FCOJ)", "a letter of credit (LOC)": an abbreviation
/// defined in brackets after lower-case words whose initials spell it abbreviates a common
/// noun, which is no organisation wherever the story writes it — a body's name is capitalised
/// when spelled out ("the Widget Control Board (WCB)"). Small words ("of", "and") add no letter.
fn lower_case_abbreviations<'a>(spans: &[super::Span<'a>]) -> FxHashSet<&'a str> {
    let mut found = FxHashSet::default();
    for span in spans {
        let text = &span.text[span.range.clone()];
        let mut rest = text;
        while let Some(open) = rest.find('(') {
            let before = &rest[..open];
            let after = &rest[open + 1..];
            rest = after;
            let Some((inside, _)) = after.split_once(')') else {
                break;
            };
            let letters = inside.len();
            if !(2..=6).contains(&letters) || !inside.bytes().all(|b| b.is_ascii_uppercase()) {
                continue;
            }
            if spelled_in_lower_case(before, inside) {
                found.insert(inside);
            }
        }
    }
    found
}

/// Function words of English and of a language that capitalises its nouns, counted over a
/// story's lower-case words: German pages write "und", "der", "mit" where English ones write
/// "and", "the", "with".
#[derive(Default)]
struct LanguageVotes {
    english: usize,
    noun_capitalising: usize,
}

/// English's commonest function words, each with its own bit (none for any other word).
fn english_bit(word: &str) -> u8 {
    match word {
        "the" => 1,
        "and" => 2,
        "of" => 4,
        "to" => 8,
        "is" => 16,
        "with" => 32,
        "for" => 64,
        "that" => 128,
        _ => 0,
    }
}

impl LanguageVotes {
    /// Counts `word`, whose [`english_bit`] is `english`.
    fn count(&mut self, word: &str, english: u8) {
        if english != 0 {
            self.english += 1;
        } else if word.len() <= 6 && NOUN_CAPITALISING_WORDS.contains(word) {
            self.noun_capitalising += 1;
        }
    }

    /// Clearly more of the other language's function words than of English's, and enough of
    /// them to tell: a German quotation in an English story does not make it German.
    fn capitalises_nouns(&self) -> bool {
        self.noun_capitalising >= 10 && self.noun_capitalising > 2 * self.english
    }
}

pub(super) fn classify_chunk<'a>(chunk: &Chunk<'a, '_>, story: &Story<'a, '_>, out: &mut Vec<Piece<'a>>) {
    let ws = chunk.words;
    // Runs written in capitals throughout are headings or shouting, unless known.
    if ws.len() > 1 && ws.iter().all(|w| w.is_all_caps()) {
        let whole = chunk.name(ws);
        if !gazetteer::is_known_org(&whole) && gazetteer::place(&whole).is_none() {
            return;
        }
    }
    // "General Agreement on Tariffs and Trade (GATT)": a run defining an acronym names an
    // organisation.
    if let Some(acronym) = chunk
        .after
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .map(|(a, _)| a)
    {
        let start = ws
            .iter()
            .position(|w| !lexicon::is_stop_word(w.text))
            .unwrap_or(ws.len());
        let named = &ws[start..];
        if named.len() >= 2 && is_all_caps(acronym) && !acronym.contains(' ') && initials(&chunk.name(named)) == acronym
        {
            let mut p = piece(chunk, named, Kind::Org(chunk.name(named)));
            p.rule = "name defining an acronym";
            out.push(p);
            return;
        }
    }
    let from = out.len();
    classify(ws, chunk, story, out, 0, false);
    for p in &mut out[from..] {
        if matches!(p.kind, Kind::Single { .. }) {
            // On a page that capitalises its nouns, any capitalised word may be a common one.
            p.common =
                story.capitalises_nouns || story.uses_lowercase(&p.name) || story.abbreviates_common_noun(&p.name);
        }
    }
    if chunk.no_people {
        // Keep the organisations and places of this chunk, in order.
        let mut kept = from;
        for i in from..out.len() {
            if !matches!(out[i].kind, Kind::Person { .. } | Kind::Single { known: None, .. }) {
                out.swap(kept, i);
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

pub(super) fn piece<'a>(chunk: &Chunk<'a, '_>, ws: &[Word<'_>], kind: Kind<'a>) -> Piece<'a> {
    let at_chunk_start = chunk.words.first().is_some_and(|w| w.start == ws[0].start);
    let at_chunk_end = chunk.words.last().is_some_and(|w| w.end == ws[ws.len() - 1].end);
    Piece {
        block: chunk.block,
        start: ws[0].start,
        end: ws[ws.len() - 1].end,
        name: chunk.name(ws),

        kind,
        prev: chunk.prev.filter(|_| at_chunk_start),
        prev2: chunk.prev2.filter(|_| at_chunk_start),
        next: chunk.next.filter(|_| at_chunk_end),
        sentence_start: chunk.sentence_start && at_chunk_start,
        rule: "",
        possessive: ws[ws.len() - 1].possessive,
        common: false,
        listed_with_org: false,
    }
}

/// "Acme, Zentrix and Bolt Media", "Acme or Zentrix": the items of a list are things of one
/// kind, so a lone word listed beside a known organisation is marked as one too. `text` gives
/// a block's text.
pub(super) fn mark_lists<'a>(pieces: &mut [Piece<'a>], text: impl Fn(usize) -> Option<&'a str>) {
    let mut from = 0;
    while from < pieces.len() {
        // The list: pieces of one block with only a separator between each and the next.
        let mut to = from + 1;
        while to < pieces.len() && listed_together(&pieces[to - 1], &pieces[to], &text) {
            to += 1;
        }
        let items = &mut pieces[from..to];
        // Two items need their conjunction: "Oddly, Acme" is an adverb and a subject; or a
        // tail that says the list goes on ("Acme, Zentrix and others").
        let list = items.len() > 2
            || items.len() == 2 && (!gap_is_comma(&items[0], &items[1], &text) || ends_a_list(&items[1], &text));
        if list && items.iter().any(known_org) {
            for p in items.iter_mut() {
                p.listed_with_org = matches!(p.kind, Kind::Single { known: None, .. }) || weak_org(p);
                if p.listed_with_org {
                    keep_possessive_ending(p, &text);
                }
            }
        }
        from = to;
    }
}

/// "Acme, Roe's and Zentrix": an item of a list that keeps its possessive ending is a shop or
/// brand named for its founder, and the ending is part of its name.
fn keep_possessive_ending<'a>(p: &mut Piece<'a>, text: &impl Fn(usize) -> Option<&'a str>) {
    let Some(t) = text(p.block).filter(|_| p.possessive) else {
        return;
    };
    let after = t.get(p.end..).unwrap_or("");
    let Some(len) = after_possessive(after).map(|rest| after.len() - rest.len()) else {
        return;
    };
    if let Some(name) = t.get(p.start..p.end + len).filter(|n| !n.contains(char::is_whitespace)) {
        p.name = Cow::Borrowed(name);
        p.end += len;
        p.possessive = false;
    }
}

/// The text after the possessive ending that opens `s` ("’s, Zentrix" → ", Zentrix"): a
/// piece ends before its possessive ending, which the text after it then holds.
fn after_possessive(s: &str) -> Option<&str> {
    s.strip_prefix("’s").or_else(|| s.strip_prefix("'s"))
}

/// A known organisation too generic to count alone ("Shell", "Target"), which a list of
/// organisations names as one: "Acme, Shell and Zentrix".
fn weak_org(p: &Piece<'_>) -> bool {
    matches!(&p.kind, Kind::Single { known: Some((EntityKind::Organization, n)), .. } if gazetteer::is_weak_org(n))
}

fn known_org(p: &Piece<'_>) -> bool {
    if p.possessive {
        return false;
    }
    match &p.kind {
        Kind::Org(_) => true,
        Kind::Single {
            known: Some((EntityKind::Organization, n)),
            ..
        } => !gazetteer::is_weak_org(n),
        // "Acme, ZentrixPay and Bolt": a brand word (a capital inside) lists companies too;
        // one opening with an abbreviation ("XAuth") names a technology.
        Kind::Single { known: None, .. } => {
            let opens_abbreviated = p.name.bytes().take(2).all(|b| b.is_ascii_uppercase());
            super::resolve::camel_case(&p.name) && !p.common && !opens_abbreviated
        }
        _ => false,
    }
}

/// Whether only a list's separator stands between two pieces: ", ", " and ", ", or ", " or ".
/// A possessive owns what follows it and is no item ("Acme, Zentrix or Bolt's app"); one with a
/// separator right after it owns nothing and is an item, a name written with its possessive
/// ("Acme, Roe's and Zentrix"), which keeps the list going.
fn listed_together<'a>(a: &Piece<'a>, b: &Piece<'a>, text: &impl Fn(usize) -> Option<&'a str>) -> bool {
    const SEPARATORS: [&str; 5] = [", ", " and ", ", and ", " or ", ", or "];
    let ending = |p: &Piece<'_>, g: &'a str| {
        if p.possessive {
            after_possessive(g).unwrap_or(g)
        } else {
            g
        }
    };
    let owns_what_follows = b.possessive
        && text(b.block)
            .and_then(|t| t.get(b.end..))
            .is_none_or(|after| !SEPARATORS.iter().any(|s| ending(b, after).starts_with(s)));
    gap(a, b, text).is_some_and(|g| SEPARATORS.contains(&ending(a, g))) && !owns_what_follows
}

/// Whether words after `p` say it ends a longer list: "… and others", "… and more", "…, among
/// others".
fn ends_a_list<'a>(p: &Piece<'a>, text: &impl Fn(usize) -> Option<&'a str>) -> bool {
    let after = text(p.block).and_then(|t| t.get(p.end..));
    let Some(rest) = after.and_then(|a| a.strip_prefix(", ").or_else(|| a.strip_prefix(' '))) else {
        return false;
    };
    LIST_ENDINGS.iter().any(|tail| {
        rest.strip_prefix(tail)
            .is_some_and(|more| !more.starts_with(|c: char| c.is_alphanumeric()))
    })
}

fn gap_is_comma<'a>(a: &Piece<'a>, b: &Piece<'a>, text: &impl Fn(usize) -> Option<&'a str>) -> bool {
    gap(a, b, text) == Some(", ")
}

/// The text between two pieces of one block, if they are close: no longer than a possessive
/// ending and a list's longest separator ("’s, and ").
fn gap<'a>(a: &Piece<'a>, b: &Piece<'a>, text: &impl Fn(usize) -> Option<&'a str>) -> Option<&'a str> {
    if a.block != b.block || b.start < a.end || b.start - a.end > 11 {
        return None;
    }
    text(a.block).and_then(|t| t.get(a.end..b.start))
}

/// ", Idaho", ", S.C.", ", Austria": a chunk followed by its state or country is a place.
pub(super) fn followed_by_region(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    // The whole segment up to the next comma or sentence end must be the region: ", Idaho,"
    // yes, ", Tunisia country director" no.
    let end = rest.find([',', ';', ')', '\n']).unwrap_or(rest.len());
    let mut seg = rest[..end].trim();
    if seg.ends_with('.') && gazetteer::state_abbreviation(seg).is_none() {
        seg = &seg[..seg.len() - 1];
    }
    !seg.is_empty()
        && seg.split_whitespace().count() <= 3
        && (gazetteer::state_abbreviation(seg).is_some() || gazetteer::is_country_or_state(seg))
}

/// ", an al-Qaeda-linked organization", ", the country's largest party": an appositive that
/// says what kind of organisation the chunk names. One that names a person's place in an
/// organisation first describes a person (", a member of the group", ", a spokeswoman for
/// the party"). With `makers`, so does one that says what it makes ("a maker of batteries").
pub(super) fn followed_by_org_appositive(after: &str, makers: bool) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let mut ws = rest.split_whitespace().take(6).peekable();
    if !matches!(ws.next(), Some("a" | "an" | "the")) {
        return false;
    }
    while let Some(w) = ws.next() {
        // With `makers`, what a company does and what it makes after "of" ("a Springfield-based
        // maker of batteries", "the largest supplier of chips"): asked only after a one-word
        // name, for people make things too.
        if makers && COMPANY_DESCRIPTORS.contains(w) && ws.peek() == Some(&"of") {
            return true;
        }
        let bare = w.trim_end_matches([',', '.']);
        if lexicon::is_role_noun(bare) || bare == "member" {
            return false;
        }
        if lexicon::is_org_noun(bare) {
            return !matches!(bare, "team" | "club" | "fund");
        }
        // The appositive ends at a comma or with its sentence ("a former athlete. La empresa"
        // says nothing of the name); "U.S." inside it ends nothing.
        let stops = ['.', '?', '!', ';'];
        let sentence_end = w.ends_with(stops) && w.trim_end_matches(stops).ends_with(char::is_lowercase);
        if w.ends_with(',') || sentence_end {
            return false;
        }
    }
    false
}

/// A run of a chunk's words being classified, with what the rules look at around it.
pub(super) struct Run<'a, 'r> {
    pub(super) ws: &'r [Word<'a>],
    pub(super) chunk: &'r Chunk<'a, 'r>,
    pub(super) story: &'r Story<'a, 'r>,
    pub(super) registry: &'r Registry,
    /// Index of `ws[0]` in the chunk.
    pub(super) offset: usize,
    /// The tail of an "of"/"for" split, where a person is unlikely.
    pub(super) weak: bool,
    /// The run's name as written.
    pub(super) whole: Cow<'a, str>,
    /// The words just before and after the run, in lower case, when the run touches the
    /// chunk's edge; the text right after it ("…, Idaho") likewise.
    pub(super) prev_lower: Option<&'r str>,
    pub(super) next_lower: Option<&'r str>,
    pub(super) after: &'a str,
    /// Whether the run is shaped like a person's name, and opens with a given name: asked by
    /// several rules, worked out once.
    shape: OnceCell<Option<bool>>,
}

impl<'a> Run<'a, '_> {
    /// `Some(opens with a given name)` when the run is shaped like a person's name.
    pub(super) fn person_shaped(&self) -> Option<bool> {
        *self
            .shape
            .get_or_init(|| name_shaped(self.ws).then(|| lexicon::is_given_name(self.ws[0].text)))
    }

    pub(super) fn at_start(&self) -> bool {
        self.offset == 0
    }

    /// Whether the run ends its chunk: no capitalised word follows it.
    pub(super) fn at_end(&self) -> bool {
        self.offset + self.ws.len() == self.chunk.words.len()
    }

    /// The word just before the run, inside the chunk or (at its start) before it, as written
    /// inside and in lower case before ("the" in "the Acme Courier and the Zentrix Star").
    pub(super) fn word_before(&self) -> Option<&str> {
        match self.offset {
            0 => self.prev_lower,
            k => Some(self.chunk.words[k - 1].text),
        }
    }

    /// The word just after the run inside its chunk ("and" in "the Acme Star and Zeno Post").
    pub(super) fn word_after(&self) -> Option<&str> {
        self.chunk.words.get(self.offset + self.ws.len()).map(|w| w.text)
    }

    /// Whether the run ends in a possessive ("Acme's", "Jane Roe's").
    pub(super) fn possessive(&self) -> bool {
        self.ws[self.ws.len() - 1].possessive
    }

    pub(super) fn last(&self) -> &'a str {
        self.ws[self.ws.len() - 1].text
    }

    /// The name of some of the run's words.
    pub(super) fn name(&self, words: Range<usize>) -> Cow<'a, str> {
        self.chunk.name(&self.ws[words])
    }
}

/// One thing a verdict says about part of a run (word ranges are the run's).
pub(super) enum Out<'a> {
    /// These words name this.
    Name(Range<usize>, Kind<'a>),
    /// One word for the story to settle, perhaps a place or organisation the gazetteer knows.
    Single(Range<usize>, Option<(EntityKind, Cow<'a, str>)>),
    /// Ask the rules again about these words; `true` marks the tail of a split.
    Again(Range<usize>, bool),
    /// A role before a name: only the organisations and places inside it count.
    Role(Range<usize>),
    /// The first word's first `n` bytes name this place ("Springfield-based").
    Prefix(usize, &'static str),
}

impl Out<'_> {
    pub(super) fn again(words: Range<usize>, weak: bool) -> Self {
        Out::Again(words, weak)
    }
}

/// What a rule decides about a run: what its parts name, in order (nothing: no name here).
pub(super) struct Verdict<'a>(Outs<'a>);

/// A verdict's parts. Most verdicts have one, held without an allocation: nearly every run
/// ends in a verdict.
enum Outs<'a> {
    One(Out<'a>),
    Many(Vec<Out<'a>>),
}

impl<'a> Verdict<'a> {
    /// The run names nothing.
    pub(super) fn none() -> Self {
        Verdict(Outs::Many(Vec::new()))
    }

    /// The whole run names this.
    pub(super) fn all(r: &Run<'a, '_>, kind: Kind<'a>) -> Self {
        Verdict::one(Out::Name(0..r.ws.len(), kind))
    }

    /// One part.
    pub(super) fn one(out: Out<'a>) -> Self {
        Verdict(Outs::One(out))
    }

    pub(super) fn of(outs: Vec<Out<'a>>) -> Self {
        Verdict(Outs::Many(outs))
    }

    /// The parts, in order.
    fn into_outs(self) -> impl Iterator<Item = Out<'a>> {
        let (one, many) = match self.0 {
            Outs::One(o) => (Some(o), Vec::new()),
            Outs::Many(v) => (None, v),
        };
        one.into_iter().chain(many)
    }

    /// The words `from..to` are one name; what stands either side is asked again, without an
    /// "and" that joined it to them ("Ruritania y Freedonia": "y" belongs to neither).
    pub(super) fn split3(r: &Run<'a, '_>, from: usize, to: usize) -> Self {
        let conjunction = |i: usize| r.ws.get(i).is_some_and(|w| COORDINATING_CONJUNCTIONS.contains(w.text));
        let left = if from > 0 && conjunction(from - 1) {
            from - 1
        } else {
            from
        };
        let right = if conjunction(to) { to + 1 } else { to };
        Verdict::of(vec![
            Out::again(0..left, r.weak),
            Out::again(from..to, r.weak),
            Out::again(right..r.ws.len(), r.weak),
        ])
    }
}

/// Takes apart `ws` (a whole chunk or part of one) by asking the rules in order; the first to
/// answer decides. `offset` is the index of `ws[0]` in the chunk.
pub(super) fn classify<'a>(
    ws: &[Word<'a>],
    chunk: &Chunk<'a, '_>,
    story: &Story<'a, '_>,
    out: &mut Vec<Piece<'a>>,
    offset: usize,
    weak: bool,
) {
    if ws.is_empty() {
        return;
    }
    let at_start = offset == 0;
    let at_end = offset + ws.len() == chunk.words.len();
    let run = Run {
        ws,
        chunk,
        story,
        registry: story.registry,
        offset,
        weak,
        whole: chunk.name(ws),
        prev_lower: chunk.prev_lower.as_deref().filter(|_| at_start),
        next_lower: chunk.next_lower.as_deref().filter(|_| at_end),
        after: if at_end { chunk.after } else { "" },
        shape: OnceCell::new(),
    };
    for (name, rule) in RULES {
        if let Some(verdict) = rule(&run) {
            for o in verdict.into_outs() {
                let from = out.len();
                apply(&run, o, out);
                // What this rule made itself (not what rules asked again made) is its doing.
                for p in &mut out[from..] {
                    if p.rule.is_empty() {
                        p.rule = name;
                    }
                }
            }
            return;
        }
    }
}

fn apply<'a>(run: &Run<'a, '_>, o: Out<'a>, out: &mut Vec<Piece<'a>>) {
    let (ws, chunk) = (run.ws, run.chunk);
    match o {
        Out::Name(r, kind) => out.push(piece(chunk, &ws[r], kind)),
        Out::Single(r, known) => single(chunk, run.story, &ws[r], out, known),
        Out::Again(r, weak) => {
            let at = run.offset + r.start;
            classify(&ws[r], chunk, run.story, out, at, weak)
        }
        Out::Role(r) => classify_role(&ws[r], chunk, run.registry, out),
        Out::Prefix(len, place) => {
            let mut w0 = ws[0];
            w0.end = w0.start + len;
            w0.text = &chunk.text[w0.start..w0.end];
            out.push(piece(chunk, &[w0], Kind::Place(Cow::Borrowed(place))));
        }
    }
}

/// Whether a run is a known place or organisation.
pub(super) fn known(chunk: &Chunk<'_, '_>, ws: &[Word<'_>]) -> bool {
    if ws.is_empty() {
        return false;
    }
    let name = chunk.name(ws);
    gazetteer::place(&name).is_some() || gazetteer::is_known_org(&name)
}

/// One capitalised word, resolved later.
pub(super) fn single<'a>(
    chunk: &Chunk<'a, '_>,
    story: &Story<'a, '_>,
    ws: &[Word<'_>],
    out: &mut Vec<Piece<'a>>,
    known: Option<(EntityKind, Cow<'a, str>)>,
) {
    let w = ws[0].text;
    let at_start = chunk.words.first().is_some_and(|x| x.start == ws[0].start);
    let at_end = chunk.words.last().is_some_and(|x| x.end == ws[0].end);
    let prev = if at_start { chunk.prev } else { None };
    let next = if at_end { chunk.next } else { None };
    // "Mediterranean beaches", "Atlantic shipping": seas used as adjectives.
    if ADJECTIVAL_PLACE_NAMES.contains(w) && next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase)) {
        return;
    }
    // "corporate America", "America's high court": "in America" names the place, and so does
    // "America" as a clause's subject ("America is", "America will").
    let subject = next.is_some_and(|n| AUXILIARY_VERBS.contains(n));
    if w == "America" && !prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(p)) && !subject {
        return;
    }
    if matches!(known, Some((EntityKind::Place, _))) && attributive_abbreviation(chunk, ws, at_start, at_end) {
        return;
    }
    // "the coach Roe": a role noun before a surname makes it a person's; not before a common
    // noun the story also writes in lower case ("spending of general Government").
    let role_noun = prev
        .filter(|p| lexicon::is_role_noun(p) && !story.uses_lowercase(w))
        .map(str::to_string);
    out.push(piece(
        chunk,
        ws,
        Kind::Single {
            titled: role_noun.is_some() && known.is_none(),
            role: role_noun,
            gender: None,
            known,
        },
    ));
}

/// "U.S. officials", "the UK economy", "U.S. Ambassador Jane Roe": a country's abbreviation
/// before a noun is an adjective and names no place, even after a preposition when the noun is
/// plural ("a boost to U.S. exports"); "in the U.S.", "the UK and Ruritania", "the U.S. has"
/// name the country.
fn attributive_abbreviation(chunk: &Chunk<'_, '_>, ws: &[Word<'_>], at_start: bool, at_end: bool) -> bool {
    let w = ws[0].text;
    let abbreviation = w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    if !abbreviation || ws[0].possessive {
        return false;
    }
    let lower = |w: Option<&str>| w.map(|w| w.to_ascii_lowercase());
    // The words either side, inside the run ("the UK and the US") or around it.
    let at = chunk.words.iter().position(|x| x.start == ws[0].start);
    let prev = if at_start {
        lower(chunk.prev)
    } else {
        lower(at.and_then(|i| chunk.words.get(i.checked_sub(1)?)).map(|x| x.text))
    };
    // "the UK and Ruritania": a coordination inside the run names the country.
    let next_in_run = at.and_then(|i| chunk.words.get(i + 1));
    if next_in_run.is_some_and(|n| matches!(n.text, "and" | "or")) {
        return false;
    }
    let after_preposition = prev.as_deref().is_some_and(|p| PLACE_PREPOSITIONS.contains(p));
    if after_preposition || prev.as_deref() == Some("the") {
        // "a boost to U.S. exports", "vital to the U.S. economy", "the UK economy": a noun
        // after it still makes the abbreviation an adjective; "in the U.S. last year", "to
        // the U.S. and", "accused the US of" name the country.
        return at_end
            && chunk
                .next
                .is_some_and(|n| !CHANGE_VERBS.contains(n) && (plural_noun(n) || common_noun(n)));
    }
    if !at_end {
        return true;
    }
    match lower(chunk.next).as_deref() {
        None | Some("and" | "or") => false,
        Some(n) => !(AUXILIARY_VERBS.contains(n) || lexicon::is_speech_verb(n)),
    }
}

/// A lower-case word that may be a noun: no function or time word ("economy", not "since",
/// "last" or "is"; the stop words, which open sentences, are those words capitalised), adverb,
/// regular past tense ("jumped") or verb of a figure's change ("fell").
fn common_noun(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next().filter(char::is_ascii_lowercase) else {
        return false;
    };
    let capitalised: String = first.to_ascii_uppercase().to_string() + chars.as_str();
    let regular_past = w.len() > 5 && w.ends_with("ed");
    w.len() > 2
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with("ly")
        && !regular_past
        && !AUXILIARY_VERBS.contains(w)
        && !CHANGE_VERBS.contains(w)
        && !lexicon::is_speech_verb(w)
        && !lexicon::is_stop_word(&capitalised)
}

/// A lower-case word shaped like a plural noun ("exports", "firms"), not a verb or a function
/// word ("has", "says", "this").
fn plural_noun(w: &str) -> bool {
    w.len() > 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !AUXILIARY_VERBS.contains(w)
        && !lexicon::is_speech_verb(w)
        && !matches!(w, "this" | "thus" | "whereas" | "across" | "towards" | "afterwards")
}

/// Organisations and places inside a role ("White House Press Secretary", "U.S. Defense
/// Secretary", "Australian Federal Police Commissioner").
pub(super) fn classify_role<'a>(
    role: &[Word<'_>],
    chunk: &Chunk<'a, '_>,
    registry: &Registry,
    out: &mut Vec<Piece<'a>>,
) {
    // Known names first, at any length ("White House" before "White House Press").
    let mut s = 0;
    let mut unknown: Vec<Range<usize>> = Vec::new();
    let mut gap_start = 0;
    while s < role.len() {
        let mut matched = 0;
        for len in (1..=(role.len() - s).min(5)).rev() {
            let sub = chunk.name(&role[s..s + len]);
            if lexicon::is_title(&sub) || lexicon::is_stop_word(&sub) {
                continue;
            }
            // Asked first: looking up lower-cases the name, even in an empty registry.
            let registered = if registry.is_empty() {
                None
            } else {
                registry.lookup(&sub)
            };
            let kind = if let Some(e) = registered {
                Some(Kind::Registered(
                    registry.entries.iter().position(|x| x.name == e.name).unwrap_or(0),
                ))
            } else if club_with_city(chunk, &role[s..s + len]) {
                Some(Kind::Org(sub))
            } else if let Some(p) = gazetteer::place(&sub).filter(|_| !abbreviated_country(&sub)) {
                Some(Kind::Place(Cow::Borrowed(p)))
            } else if gazetteer::is_known_org(&sub) && !gazetteer::is_weak_org(&sub) {
                Some(Kind::Org(sub))
            } else {
                None
            };
            if let Some(kind) = kind {
                let len = chamber_with_its_committee(&role[s..], len, &kind);
                let kind = if len > 1 && matches!(kind, Kind::Org(_)) {
                    Kind::Org(chunk.name(&role[s..s + len]))
                } else {
                    kind
                };
                out.push(piece(chunk, &role[s..s + len], kind));
                matched = len;
                break;
            }
        }
        if matched > 0 {
            if gap_start < s {
                unknown.push(gap_start..s);
            }
            gap_start = s + matched;
        }
        s += matched.max(1);
    }
    if gap_start < role.len() {
        unknown.push(gap_start..role.len());
    }
    // Then organisation-shaped runs in what is left ("Australian Federal Police Commissioner"),
    // else a company before its office ("Zentrix CEO").
    for r in unknown {
        let part = &role[r];
        if !org_in_role(part, chunk, out) {
            employer_in_role(part, chunk, out);
        }
    }
}

/// "Senate Finance Committee Chairman", "House Ways and Means Committee Chairman": a body known
/// by one word (a chamber, a company) that opens a longer body's name, up to the post held in
/// it, is part of that name; so is a division named by the body and an organisation's word
/// ("Acme Sports"). The length of the name found at the start of `rest`.
fn chamber_with_its_committee(rest: &[Word<'_>], len: usize, kind: &Kind<'_>) -> usize {
    if len != 1 || !matches!(kind, Kind::Org(_)) {
        return len;
    }
    let end = rest
        .iter()
        .position(|w| lexicon::is_title(w.text))
        .unwrap_or(rest.len());
    let longer =
        end > 1 && gazetteer::is_org_suffix(rest[end - 1].text) && !field_of_post(rest, end) && org_like(&rest[..end]);
    // "Acme Sports NFL Insider": the brand and an organisation's word after it name a division.
    let division = end > 1 && gazetteer::is_org_suffix(rest[1].text) && !field_of_post(rest, 2);
    if longer {
        end
    } else if division {
        2
    } else {
        len
    }
}

/// "Acme Project Manager", "Zentrix Press Secretary": the word before the title (at `end`)
/// names the post's field (`post_fields.txt`), so it is no part of the employer's name even
/// where it could end one ("Acme Project").
fn field_of_post(ws: &[Word<'_>], end: usize) -> bool {
    end > 0 && ws.get(end).is_some_and(|w| lexicon::is_title(w.text)) && POST_FIELDS.contains(ws[end - 1].text)
}

/// The longest organisation-shaped run in part of a role, if any.
fn org_in_role<'a>(part: &[Word<'_>], chunk: &Chunk<'a, '_>, out: &mut Vec<Piece<'a>>) -> bool {
    for end in (2..=part.len()).rev() {
        // "House of Delegates Speaker": the office held in the body is no part of its name.
        if lexicon::is_title(part[end - 1].text) {
            continue;
        }
        if field_of_post(part, end) {
            continue;
        }
        let start = part[..end]
            .iter()
            .position(|w| !lexicon::is_stop_word(w.text))
            .unwrap_or(end);
        if end - start >= 2 && org_like(&part[start..end]) {
            out.push(piece(
                chunk,
                &part[start..end],
                Kind::Org(chunk.name(&part[start..end])),
            ));
            return true;
        }
    }
    false
}

/// "Zentrix CEO", "former Quillmark Founder": one capitalised word right before a company's
/// office names the company, unless it is a title, a nationality, a party, an organisation
/// word ("Board Chairman") or a given name.
fn employer_in_role<'a>(part: &[Word<'_>], chunk: &Chunk<'a, '_>, out: &mut Vec<Piece<'a>>) {
    for (i, pair) in part.windows(2).enumerate() {
        let (w, office) = (pair[0].text, pair[1].text);
        let named = capitalized(w)
            && w.chars().count() >= 2
            && !lexicon::is_title(w)
            && !lexicon::is_stop_word(w)
            && !lexicon::is_demonym(w)
            && !lexicon::is_given_name(w)
            && !gazetteer::is_org_suffix(w)
            && crate::lists::PARTY_LABELS.get(w).is_none();
        if named && COMPANY_OFFICES.contains_lowercase_of(office) {
            out.push(piece(chunk, &part[i..=i], Kind::Org(chunk.name(&part[i..=i]))));
            return;
        }
    }
}

/// "Real Springfield", "Athletic Shelbyville": a club's kind before a place the gazetteer holds
/// (see `rules::club_with_its_city`).
pub(super) fn club_with_city(chunk: &Chunk<'_, '_>, ws: &[Word<'_>]) -> bool {
    ws.len() >= 2 && CLUB_PREFIXES.contains(ws[0].text) && gazetteer::place(&chunk.name(&ws[1..])).is_some()
}

/// "U.S. Attorney Jane Roe", "UK Ambassador": an abbreviated country inside a role is an
/// adjective, like one before a noun (see [`attributive_abbreviation`]).
fn abbreviated_country(name: &str) -> bool {
    name.len() <= 5 && !name.contains(' ') && is_all_caps(name)
}

/// Ends with an organisation word, or is "Organisation of X" ("Bureau of Prisons").
/// "the Springfield Rock and Roll Hall of Fame", "the Hall of Fame": a hall of fame is the
/// body that inducts its members and runs its museum, an organisation, where another name
/// ending in "Fame" is a place or a work ("the Springfield Walk of Fame").
pub(super) fn hall_of_fame(ws: &[Word<'_>]) -> bool {
    matches!(ws, [.., a, b, c] if a.text == "Hall" && b.text == "of" && c.text == "Fame")
}

pub(super) fn org_like(ws: &[Word<'_>]) -> bool {
    // Both shapes take two words or more (a suffix after a name, or a word before and after
    // the connector), and most runs asked about are single words.
    if ws.len() < 2 {
        return false;
    }
    let last = ws[ws.len() - 1].text;
    let determiner = LEADING_FUNCTION_WORDS.contains(ws[0].text);
    if hall_of_fame(ws) {
        return true;
    }
    if ws.len() >= 2 && gazetteer::is_org_suffix(last) && !lexicon::is_title(last) && !determiner {
        return true;
    }
    // "Universidad de Springfield", "Instituto Roe": other languages put the head first.
    if ORG_HEAD_NOUNS.contains(ws[0].text) && capitalized(ws[ws.len() - 1].text) {
        return true;
    }
    // "Krankenhaus Springfield", "Roe Kliniken": German compounds end in the kind of body; an
    // article before one ("Das Krankenhaus") names none.
    let named = |w: &str| capitalized(w) && !GERMAN_ARTICLES.contains(w);
    if german_body(ws[0].text) && named(last) || german_body(last) && named(ws[0].text) {
        return true;
    }
    // "X of Y", "X for Y", "X on Y", "Embassy in Y" where X ends in an organisation word, in
    // the plural too ("Centers for Widget Control", "Institutes of Health").
    let head = |w: &str| gazetteer::is_org_suffix(w) || w.strip_suffix('s').is_some_and(gazetteer::is_org_suffix);
    if let Some(k) = ws.iter().position(|w| ORG_PREPOSITIONS.contains(w.text))
        && k >= 1
        && k + 1 < ws.len()
        && head(ws[k - 1].text)
        && !lexicon::is_title(ws[k - 1].text)
    {
        return true;
    }
    // "Committee to Protect Reporters": a body named for what it works to do.
    ws.iter()
        .position(|w| w.text == "to")
        .is_some_and(|k| k >= 1 && k + 1 < ws.len() && PURPOSE_BODY_NOUNS.contains(ws[k - 1].text))
}

/// The endings of [`COMPOUND_ORG_ENDINGS`], read from the file once: a compound's ending is a
/// suffix, which a hash lookup cannot answer, so the few entries are compared in turn.
static GERMAN_BODY_ENDINGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| COMPOUND_ORG_ENDINGS.iter().collect());

/// The last three bytes of every ending in lower case, as one number each (see
/// [`may_end_a_german_body`]); none when an ending is shorter.
static GERMAN_BODY_TAILS: LazyLock<Option<Vec<u32>>> = LazyLock::new(|| {
    GERMAN_BODY_ENDINGS
        .iter()
        .map(|e| last_three_lowercase(e.as_bytes()))
        .collect()
});

/// The last three bytes of `b`, ASCII letters lowered, as one number.
fn last_three_lowercase(b: &[u8]) -> Option<u32> {
    let [x, y, z] = b.last_chunk::<3>()?.map(|b| b.to_ascii_lowercase());
    Some(u32::from_be_bytes([0, x, y, z]))
}

/// False only for a word that ends in none of the endings, told from its last three bytes:
/// when they are ASCII, the word's lower case ends in them lowered, and so must the ending.
/// Nearly every word asked about ends otherwise, and one short scan settles it.
fn may_end_a_german_body(w: &str) -> bool {
    let b = w.as_bytes();
    match (&*GERMAN_BODY_TAILS, last_three_lowercase(b)) {
        (Some(tails), Some(last)) if b[b.len() - 3..].is_ascii() => tails.contains(&last),
        _ => true,
    }
}

/// A German compound naming a kind of body ("Zentrixklinik", "Krankenkasse"): the ending is
/// compared byte for byte with the word's lower-case letters, for the few words that have one.
fn german_body(w: &str) -> bool {
    if !may_end_a_german_body(w) {
        return false;
    }
    GERMAN_BODY_ENDINGS.iter().any(|e| {
        if w.len() < e.len() || !w.is_char_boundary(w.len() - e.len()) {
            return false;
        }
        let tail = &w[w.len() - e.len()..];
        // The list is in lower case: an ASCII tail is compared without making a lower-case
        // copy, as every English word asked about is.
        if tail.is_ascii() {
            tail.eq_ignore_ascii_case(e)
        } else {
            with_lowercase(tail, |tail| tail == *e)
        }
    })
}

/// Two to five capitalised name words (particles, initials and a suffix allowed).
/// "April Roe", "Jan Vann": a month that is also a given name, before a surname, opens a
/// person's name ("Jan 5", "May Day" do not).
pub(super) fn month_as_given_name(ws: &[Word<'_>]) -> bool {
    ws.len() == 2
        && crate::dates::month_number(ws[0].text).is_some()
        && crate::names::is_given_name(ws[0].text)
        && crate::names::surname_rank(ws[1].text).is_some()
}

pub(super) fn name_shaped(ws: &[Word<'_>]) -> bool {
    if !(2..=5).contains(&ws.len()) {
        return false;
    }
    // Every test is a pure function of the word and its place, so they are asked lazily,
    // the cheapest and most often decisive first: the answer is the same.
    ws.iter().enumerate().all(|(i, w)| {
        let t = w.text;
        if t.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        // A title word that is also a surname can end a name ("Kevin King", "Ana Bishop"), not
        // one that is no one's surname ("Art Director").
        let surname_title =
            || i > 0 && i + 1 == ws.len() && !t.ends_with('.') && crate::names::surname_rank(t).is_some();
        let word = || {
            capitalized(t)
                && !is_all_caps(t)
                && !lexicon::is_stop_word(t)
                && !gazetteer::is_org_suffix(t)
                && (!lexicon::is_title(t) || surname_title())
                && !abstract_noun(t)
        };
        let particle = || i > 0 && i + 1 < ws.len() && with_lowercase(t, lexicon::is_name_particle);
        let suffix = || i + 1 == ws.len() && i >= 2 && lexicon::is_name_suffix(t);
        let initial = || {
            i + 1 < ws.len()
                && t.len() <= 5
                && t.ends_with('.')
                && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
                && gazetteer::place(t).is_none()
        };
        // "Morwen JK Talbot": British and journal style drop the initials' full stops; only
        // after a listed given name, so that "Acme UK Holdings" stays a company.
        let bare_initials = || {
            i > 0
                && i + 1 < ws.len()
                && (1..=2).contains(&t.len())
                && t.bytes().all(|b| b.is_ascii_uppercase())
                && gazetteer::place(t).is_none()
                && crate::names::is_any_given_name(ws[0].text)
        };
        let month_name = || i == 0 && month_as_given_name(ws);
        word() || particle() || suffix() || initial() || romanised_syllable(ws, i) || month_name() || bare_initials()
    }) && !ends_with_party_label(ws)
}

/// "a Freedonia Democrat": a politician of that state and party, no one's name; a party label
/// ends such a phrase and is nobody's surname. Asked once the words have passed, of the last.
fn ends_with_party_label(ws: &[Word<'_>]) -> bool {
    ws.last()
        .is_some_and(|w| crate::lists::PARTY_LABELS.get(w.text).is_some())
}

/// English nouns made from verbs with "-tion" or "-sion" ("Protection", "Administration",
/// "Commission") name what a body does, never a person: "Border Protection said" is the end
/// of an agency's name, not someone called Border. No surname or given name in use ends so
/// ("Sion", "Marion" and "Allison" do not).
fn abstract_noun(t: &str) -> bool {
    t.len() >= 7 && (t.ends_with("tion") || t.ends_with("sion"))
}

/// Romanised Chinese, Korean and Vietnamese names are written surname first and are often two
/// syllables, some of them spelled like English function words: "Vice-Premier Lin He", "Ms
/// Pham To", and with a Vietnamese middle name "Pham Van An". Such a word capitalised after a
/// surname, as the last of two or three words (a title-case heading would carry on with more
/// capitals), is a name when the surname list holds it too, since people of that name live
/// under it.
fn romanised_syllable(ws: &[Word<'_>], i: usize) -> bool {
    let t = ws[i].text;
    (2..=3).contains(&ws.len())
        && i + 1 == ws.len()
        && t.len() <= 3
        && crate::names::surname_rank(t).is_some()
        && crate::names::surname_rank(ws[0].text).is_some()
}

/// A role as printed, without sentence openers ("The late Sen." → "Sen.").
pub(super) fn clean_role(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lexicon::is_stop_word(w) || lexicon::is_title(w))
        .unwrap_or(words.len());
    let r = words[start..].join(" ");
    (!r.is_empty()).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    /// Words of a capitalised word's shape are answered from the small set, others from all
    /// the story's lower-case words: both must see every lower-case word.
    #[test]
    fn story_knows_every_word_it_writes_in_lower_case() {
        let text = "Weight Loss Tips: the weight of a loss. Zentrix sells tips and widgets, Acme said.";
        let ws = words(text);
        let spans = [super::super::Span {
            block: 0,
            text,
            range: 0..text.len(),
            skip: vec![],
            no_people: false,
            words: &ws,
        }];
        let registry = Registry::default();
        let story = Story::new(&registry, &spans);
        // (word asked, whether the story writes it in lower case)
        let rows: &[(&str, bool)] = &[
            ("Weight", true),
            ("LOSS", true),
            ("Tips", true),
            ("Zentrix", false),
            ("Acme", false),
            // No capitalised word has these shapes.
            ("widgets", true),
            ("Widgets", true),
            ("sells", true),
            ("Gadgets", false),
            ("Éclair", false),
            ("", false),
        ];
        for &(word, used) in rows {
            assert_eq!(story.uses_lowercase(word), used, "{word}");
        }
    }
}
