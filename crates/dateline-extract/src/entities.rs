//! Entities: the people, places and organisations a story mentions, with every mention anchored.
//!
//! The text is cut into runs of capitalised words ("chunks": `Russian President Ivan Petrov`,
//! `Bureau of Prisons`, `U.S. Embassy in Moscow`), and each chunk is taken apart by what news
//! writing reliably signals: titles before names (`Secretary of State Mia Lund` → Mia Lund,
//! role "Secretary of State"), organisation and place words (`… University`, `… Province`), the
//! gazetteer and the archive's own registry, and the words around the chunk (`coach X`,
//! `X hospital`, `in X`, `X, Idaho`, `X, an al-Qaeda-linked group`). Second references —
//! surnames (`Petrov`), honorifics (`Mr. Roe`), acronyms (`LDP`, `CFPB`) — resolve to the
//! entity first introduced.
//!
//! One pass over the words builds the chunks; classification looks only at a chunk and its
//! neighbours; resolution uses hash maps — so the work is linear in the article's length.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::{Anchor, Entity, EntityKind};

use super::Registry;
use super::fasthash::{FxHashMap, with_lowercase};
use super::gazetteer;
use super::lexicon::{self, Gender};
use super::lists::{
    ADJECTIVAL_PLACE_NAMES, COMPANY_SUFFIXES, COMPOUND_ADJECTIVE_SUFFIXES, DIVISION_NOUNS, INVERTIBLE_ORG_NOUNS,
    JOINING_PARTICLES, KIN_NOUNS, LEADING_FUNCTION_WORDS, NAME_JOINERS, ORG_NAME_ADJECTIVES, ORG_NAME_NOUNS,
    ORG_PREPOSITIONS, PARTY_LABELS, PERSON_ATTRIBUTIVE_NOUNS, PLACE_KIND_NOUNS, PLACE_PARTICLES, PLACE_PREPOSITIONS,
    POSSESSIVE_NAME_WORDS, REGION_QUALIFIERS, THING_NOUNS,
};
use super::text::{Word, is_all_caps, push_lowercase};

/// A stretch of text to read for entities.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub block: usize,
    /// The whole block text (anchors are offsets into it).
    pub text: &'a str,
    pub range: Range<usize>,
    /// Ranges inside the block not to read (scare quotes, titles of works).
    pub skip: Vec<Range<usize>>,
    /// Read only organisations and places here (a boxed byline names its outlet, not a subject).
    pub no_people: bool,
    /// The words of the whole block ([`words`]), shared with the quote finder.
    pub words: &'a [Word<'a>],
}

/// One anchored reference to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// The entities of one article and where they are mentioned.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub entities: Vec<Entity>,
    pub genders: Vec<Option<Gender>>,
    /// Every mention, sorted by block and offset.
    pub mentions: Vec<Mention>,
}

impl Found {
    /// Mentions inside `range` of `block`, in text order.
    pub fn mentions_in(&self, block: usize, range: Range<usize>) -> impl Iterator<Item = &Mention> {
        let from = self
            .mentions
            .partition_point(|m| (m.block, m.start) < (block, range.start));
        self.mentions[from..]
            .iter()
            .take_while(move |m| m.block == block && m.start < range.end)
            .filter(move |m| m.end <= range.end)
    }

    /// Persons whose roles include a word starting with `noun` ("president", "exec").
    pub fn persons_with_role(&self, noun: &str) -> Vec<usize> {
        let noun = noun.to_lowercase();
        if noun.len() < 3 {
            return Vec::new();
        }
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .filter(|(_, e)| {
                e.roles.iter().any(|r| {
                    with_lowercase(r, |r| {
                        r.split(|c: char| !c.is_alphanumeric() && c != '-')
                            .any(|w| !w.is_empty() && w.starts_with(&noun))
                    })
                })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// What a piece of a chunk turned out to be.
#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    Person {
        role: Option<String>,
        gender: Option<Gender>,
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
struct Piece<'a> {
    block: usize,
    start: usize,
    end: usize,
    /// The name as written, white space squashed and brackets dropped.
    name: Cow<'a, str>,
    kind: Kind<'a>,
    prev: Option<&'a str>,
    prev2: Option<&'a str>,
    next: Option<&'a str>,
    sentence_start: bool,
}

/// Lower-case words that may join capitalised words inside one run: function words ("Bureau
/// of Prisons") and name particles ("Luis de Mora").
fn is_connector(w: &str) -> bool {
    NAME_JOINERS.contains(w) || JOINING_PARTICLES.contains(w)
}

/// Called for every word of the text: the first byte settles nearly every case, in line; the
/// rest is asked out of line.
#[inline(always)]
fn capitalized(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b'A'..=b'Z') => true,
        // "and", "an", "as": only "al-" and "el-" are worth a closer look.
        Some(b'a' | b'e') => w.len() > 3 && w.as_bytes()[1..3] == *b"l-" && glued_capital(w),
        Some(b) if b.is_ascii() => false,
        Some(_) => starts_upper_case(w),
        None => false,
    }
}

/// "al-Bashir", "el-Sisi": particles glued to a capital.
#[inline(never)]
fn glued_capital(w: &str) -> bool {
    (w.starts_with("al-") || w.starts_with("el-")) && w[3..].chars().next().is_some_and(char::is_uppercase)
}

#[cold]
#[inline(never)]
fn starts_upper_case(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The capitalised runs of one span, with what stands around them.
struct Chunk<'a, 'w> {
    block: usize,
    text: &'a str,
    words: &'w [Word<'a>],
    prev: Option<&'a str>,
    prev2: Option<&'a str>,
    next: Option<&'a str>,
    /// `prev` and `next` in lower case, for the noun tables (asked at every level of a split).
    prev_lower: Option<Cow<'a, str>>,
    next_lower: Option<Cow<'a, str>>,
    /// Up to 80 bytes of text right after the chunk (for ", Idaho", ", an … group").
    after: &'a str,
    sentence_start: bool,
    no_people: bool,
    /// The run's text is already in [`name_of`]'s form, and so is every part of it.
    plain: bool,
}

impl<'a> Chunk<'a, '_> {
    /// [`name_of`] a run of this chunk's words. Every sub-run is named, at every level of a
    /// split; a substring of a plain name (no brackets, line breaks, doubled spaces or
    /// non-ASCII bytes) is plain, so the chunk's one test stands for all of them.
    fn name(&self, ws: &[Word<'_>]) -> Cow<'a, str> {
        if self.plain {
            Cow::Borrowed(&self.text[ws[0].start..ws[ws.len() - 1].end])
        } else {
            name_of(self.text, ws)
        }
    }
}

fn contiguous(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    a.full_end <= b.start && text[a.full_end..b.start].chars().all(char::is_whitespace) && b.start - a.full_end <= 3
}

/// `word.to_lowercase()`, borrowed when that changes nothing: the words around a name are
/// nearly always lower-case already.
fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The words of a span to read: all of the block's words in its range but those inside skip
/// ranges (borrowed when there are none to skip).
fn span_words<'a, 's>(span: &'s Span<'a>) -> Cow<'s, [Word<'a>]> {
    let from = span.words.partition_point(|w| w.start < span.range.start);
    let to = span.words.partition_point(|w| w.end <= span.range.end).max(from);
    let all = &span.words[from..to];
    if span.skip.is_empty() {
        return Cow::Borrowed(all);
    }
    let mut ws: Vec<Word<'a>> = all.to_vec();
    // Skip ranges are in text order: walk them alongside the words.
    let mut skips = span.skip.iter().peekable();
    ws.retain(|w| {
        while skips.peek().is_some_and(|r| r.end <= w.start) {
            skips.next();
        }
        !skips.peek().is_some_and(|r| r.start <= w.start && w.end <= r.end)
    });
    Cow::Owned(ws)
}

/// Calls `each` with every capitalised run of `ws` (the words of `span` to read).
fn chunks<'a>(span: &Span<'a>, ws: &[Word<'a>], mut each: impl FnMut(&Chunk<'a, '_>)) {
    let text = span.text;
    let mut i = 0;
    while i < ws.len() {
        if !capitalized(ws[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        // A run longer than any name is title-case text, not a name: cut it.
        while j < ws.len() && j - start < 12 {
            let prev = &ws[j - 1];
            let gap = &text[prev.full_end.min(ws[j].start)..ws[j].start];
            // "Coach (Frank) Vogel": a first name added in brackets joins the surname.
            let bracketed = gap == ") " && capitalized(ws[j].text) && text[..prev.start].ends_with('(');
            if !bracketed && !contiguous(text, prev, &ws[j]) {
                break;
            }
            if prev.possessive && !(POSSESSIVE_NAME_WORDS.contains(prev.text) && capitalized(ws[j].text)) {
                break;
            }
            let w = ws[j].text;
            if capitalized(w) {
                j += 1;
                continue;
            }
            // "in" joins only "Embassy in Moscow".
            if w == "in" && !matches!(prev.text, "Embassy" | "Consulate") {
                break;
            }
            // A connector joins only when a capital (or "the" + capital, or a number after
            // "of") follows directly.
            if is_connector(w)
                && !prev.possessive
                && let Some(n) = ws.get(j + 1).filter(|n| contiguous(text, &ws[j], n))
            {
                if capitalized(n.text) && !lexicon::is_stop_word(n.text) {
                    j += 2;
                    continue;
                }
                if w == "of" && n.text.chars().all(|c| c.is_ascii_digit()) {
                    j += 2;
                    break;
                }
                if n.text == "the"
                    && ws.get(j + 2).is_some_and(|nn| {
                        contiguous(text, n, nn) && capitalized(nn.text) && !lexicon::is_stop_word(nn.text)
                    })
                {
                    j += 3;
                    continue;
                }
            }
            break;
        }
        let mut end = j;
        while end > start + 1 && !capitalized(ws[end - 1].text) && !ws[end - 1].text.chars().all(|c| c.is_ascii_digit())
        {
            end -= 1;
        }
        let first = &ws[start];
        let before = text[..first.start]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '['));
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '—', '–', '…']);
        let last = &ws[end - 1];
        let next = ws.get(end).filter(|n| contiguous(text, last, n)).map(|n| n.text);
        let after_end = {
            let mut e = (last.full_end + 80).min(text.len());
            while !text.is_char_boundary(e) {
                e -= 1;
            }
            e
        };
        let prev = start
            .checked_sub(1)
            .filter(|&k| contiguous(text, &ws[k], first))
            .map(|k| ws[k].text);
        each(&Chunk {
            block: span.block,
            text,
            words: &ws[start..end],
            prev,
            prev2: start.checked_sub(2).map(|k| ws[k].text),
            next,
            prev_lower: prev.map(lower),
            next_lower: next.map(lower),
            after: &text[last.full_end..after_end],
            sentence_start,
            no_people: span.no_people,
            plain: is_plain_name(&text[first.start..last.end]),
        });
        i = end.max(i + 1);
    }
}

/// Classifies every chunk of the spans and resolves second references.
pub fn extract(spans: &[Span<'_>], registry: &Registry) -> Found {
    // About one piece for every fifteen words of running text: room for most stories at once.
    let words: usize = spans.iter().map(|s| s.words.len()).sum();
    let mut pieces: Vec<Piece<'_>> = Vec::with_capacity(words / 8);

    for span in spans {
        let ws = span_words(span);
        chunks(span, &ws, |chunk| classify_chunk(chunk, registry, &mut pieces));
    }
    resolve(pieces, registry)
}

/// The place names in a headline (which is not a body block, so has no anchors).
pub fn headline_places(headline: &str) -> Vec<String> {
    // Headlines capitalise freely, so only gazetteer names count: windows of one to three
    // words, longest first.
    let natural = if is_all_caps(headline) {
        super::text::natural_case(headline)
    } else {
        headline.to_string()
    };
    let ws: Vec<&str> = natural
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '—' | '–' | '‘' | '’' | '“' | '”' | '"'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    // Every window is spelled out in this one buffer: a headline has dozens of them.
    let mut cand = String::new();
    let mut i = 0;
    while i < ws.len() {
        let mut step = 1;
        for n in (1..=3.min(ws.len() - i)).rev() {
            cand.clear();
            for (k, w) in ws[i..i + n].iter().enumerate() {
                if k > 0 {
                    cand.push(' ');
                }
                cand.push_str(w);
            }
            // A possessive is cut off by suffix: a string pattern would build a searcher for
            // every window.
            let mut kept = cand.trim_end_matches(['.', '!', '?']);
            while let Some(rest) = kept.strip_suffix("'s") {
                kept = rest;
            }
            let kept = kept.len();
            cand.truncate(kept);
            if cand.ends_with("U.S") {
                cand.push('.');
            }
            // "Eastern Michigan routs …" names a university, not the state.
            let compass = i > 0 && REGION_QUALIFIERS.contains(ws[i - 1]);
            if let Some(p) = gazetteer::place(&cand).filter(|_| (n > 1 || !lexicon::is_stop_word(&cand)) && !compass) {
                if !out.iter().any(|o| o == p) {
                    out.push(p.to_string());
                }
                step = n;
                break;
            }
        }
        i += step;
    }
    out
}

/// The name as written: words joined with single spaces, brackets dropped.
///
/// Borrowed from the text when it is already in that form: most names are only looked up
/// (every sub-run of a chunk is tried against the gazetteer), and few are kept.
fn name_of<'t>(text: &'t str, ws: &[Word<'_>]) -> Cow<'t, str> {
    let raw = &text[ws[0].start..ws[ws.len() - 1].end];
    // Nearly every name is plain ASCII words with single spaces, already in its written form
    // (a run starts and ends on a word, so there is no outer white space to drop).
    if is_plain_name(raw) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    for (i, part) in raw.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part.trim_matches(['(', ')']));
    }
    Cow::Owned(out)
}

/// ASCII without brackets, line breaks or doubled spaces: `name_of` would return it unchanged.
fn is_plain_name(raw: &str) -> bool {
    let mut prev_space = false;
    for b in raw.bytes() {
        let space = b == b' ';
        if space && prev_space || !space && (!b.is_ascii() || matches!(b, b'\t'..=b'\r' | b'(' | b')')) {
            return false;
        }
        prev_space = space;
    }
    true
}

fn classify_chunk<'a>(chunk: &Chunk<'a, '_>, registry: &Registry, out: &mut Vec<Piece<'a>>) {
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
            out.push(piece(chunk, named, Kind::Org(chunk.name(named))));
            return;
        }
    }
    let from = out.len();
    classify(ws, chunk, registry, out, 0, false);
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

fn piece<'a>(chunk: &Chunk<'a, '_>, ws: &[Word<'_>], kind: Kind<'a>) -> Piece<'a> {
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
    }
}

/// ", Idaho", ", S.C.", ", Austria": a chunk followed by its state or country is a place.
fn followed_by_region(after: &str) -> bool {
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
/// says what kind of organisation the chunk names.
fn followed_by_org_appositive(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let mut ws = rest.split_whitespace().take(6);
    if !matches!(ws.next(), Some("a" | "an" | "the")) {
        return false;
    }
    ws.take_while(|w| !w.ends_with(',')).any(|w| {
        lexicon::is_org_noun(w.trim_end_matches([',', '.']))
            && !matches!(w.trim_end_matches([',', '.']), "team" | "club" | "fund")
    })
}

/// Takes apart `ws` (a whole chunk or part of one). `offset` is the index of `ws[0]` in the
/// chunk; `weak` marks the tail of an `of`/`for` split, where a person is unlikely.
fn classify<'a>(
    ws: &[Word<'_>],
    chunk: &Chunk<'a, '_>,
    registry: &Registry,
    out: &mut Vec<Piece<'a>>,
    offset: usize,
    weak: bool,
) {
    if ws.is_empty() {
        return;
    }
    let at_start = offset == 0;
    let at_end = offset + ws.len() == chunk.words.len();
    let whole = chunk.name(ws);
    let next_lower = chunk.next_lower.as_deref().filter(|_| at_end);
    let prev_lower = chunk.prev_lower.as_deref().filter(|_| at_start);
    let after = if at_end { chunk.after } else { "" };
    let recurse = |part: &[Word<'_>], at: usize, weak: bool, out: &mut Vec<Piece<'a>>| {
        classify(part, chunk, registry, out, offset + at, weak)
    };

    // The archive's registry overrides everything.
    if !registry.is_empty() {
        if let Some(e) = registry.lookup(&whole) {
            let idx = registry.entries.iter().position(|x| x.name == e.name).unwrap_or(0);
            out.push(piece(chunk, ws, Kind::Registered(idx)));
            return;
        }
        for len in (1..ws.len()).rev() {
            for s in 0..=ws.len() - len {
                let sub = chunk.name(&ws[s..s + len]);
                if registry.lookup(&sub).is_some() && !(len == 1 && lexicon::is_stop_word(&sub)) {
                    recurse(&ws[..s], 0, weak, out);
                    recurse(&ws[s..s + len], s, weak, out);
                    recurse(&ws[s + len..], s + len, weak, out);
                    return;
                }
            }
        }
    }

    // "Communist party", "Haqqani network": the organisation is named with its noun. In
    // "Roe of the Progressive party" only the part after the last connector is the party.
    // "Sudanese militia" describes, "Communist party" names.
    let descriptive = || ws.len() == 1 && next_lower != Some("party") && lexicon::is_demonym(ws[0].text);
    if let Some(noun) = next_lower.filter(|n| ORG_NAME_NOUNS.contains(n) && !descriptive()) {
        if let Some(k) = ws.iter().rposition(|w| NAME_JOINERS.contains(w.text)) {
            recurse(&ws[..k], 0, weak, out);
            recurse(&ws[k + 1..], k + 1, weak, out);
            return;
        }
        if !lexicon::is_stop_word(&whole) {
            // A proper name keeps its own name ("the Redcliff party" → Redcliff); adjectives
            // need the noun ("Communist party", "Democratic Progressive party").
            let proper = ws.len() == 1
                && noun == "party"
                && !lexicon::is_demonym(ws[0].text)
                && !ws[0].text.ends_with("ic")
                && !ws[0].text.ends_with("ist");
            let name = if proper {
                whole
            } else {
                Cow::Owned(format!("{whole} {noun}"))
            };

            out.push(piece(chunk, ws, Kind::Org(name)));
            return;
        }
    }
    // "Zabul province", "Orange county".
    if let Some(noun) = next_lower.filter(|n| DIVISION_NOUNS.contains(n))
        && ws.len() <= 3
        && !ws.iter().any(|w| is_connector(w.text))
    {
        out.push(piece(chunk, ws, Kind::Place(Cow::Owned(format!("{whole} {noun}")))));
        return;
    }
    // Party labels used as nouns and adjectives ("Democrats", "Republican primary").
    if ws.len() == 1
        && let Some(p) = PARTY_LABELS.get(ws[0].text)
    {
        out.push(piece(chunk, ws, Kind::Org(p.into())));
        return;
    }

    // Known names first: "New York", "The Washington Post", "Associated Press".
    if let Some(p) = gazetteer::place(&whole) {
        if ws.len() > 1 {
            out.push(piece(chunk, ws, Kind::Place(Cow::Borrowed(p))));
        } else {
            single(chunk, ws, out, Some((EntityKind::Place, Cow::Borrowed(p))));
        }
        return;
    }
    if gazetteer::is_known_org(&whole) {
        if gazetteer::is_weak_org(&whole) {
            return;
        }
        if ws.len() > 1 {
            out.push(piece(chunk, ws, Kind::Org(whole)));
        } else {
            single(chunk, ws, out, Some((EntityKind::Organization, whole)));
        }
        return;
    }

    // Leading function words and sentence openers are not part of names; "The" stays in front
    // of a title such as "The Atlantic" when it is capitalised mid-sentence.
    // "Students for Fair Admissions, the group that …": the appositive says what it is.
    let article = LEADING_FUNCTION_WORDS.contains(ws[0].text);
    let coordinated = ws.iter().any(|w| matches!(w.text, "and" | "&"));
    if ws.len() >= 2
        && ws.len() <= 7
        && !article
        && !coordinated
        && followed_by_org_appositive(after)
        && !lexicon::is_given_name(ws[0].text)
    {
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }
    // "The official International Business newspaper": a name before an organisation noun.
    if ws.len() >= 2
        && ws.len() <= 6
        && !article
        && next_lower.is_some_and(lexicon::is_org_noun)
        && !lexicon::is_given_name(ws[0].text)
    {
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }
    // One character, counted without walking the word.
    let lone_letter = ws.len() > 1
        && ws[0]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.len_utf8() == ws[0].text.len());
    // A job at the start of a sentence ("Quarterback Mike Roe threw") is a role, not a name.
    let job = chunk.sentence_start
        && at_start
        && ws.len() > 1
        && with_lowercase(ws[0].text, lexicon::is_role_noun)
        && !lexicon::is_title(ws[0].text);
    let opener = lexicon::is_stop_word(ws[0].text) && !(2..=ws.len().min(6)).any(|n| known(chunk, &ws[..n]))
        || lone_letter
        || job
        || ws[0].text.ends_with("-based")
        || chunk.sentence_start && at_start && ws[0].text.ends_with("ing") && !lexicon::is_given_name(ws[0].text);
    if opener {
        let keep_the =
            ws[0].text == "The" && ws.len() > 1 && !chunk.sentence_start && org_like(&ws[1..]) && !lone_letter;
        if !keep_the {
            // "Washington-based": the place is still mentioned.
            if let Some(prefix) = ws[0].text.strip_suffix("-based")
                && let Some(p) = gazetteer::place(prefix)
            {
                let mut w0 = ws[0];
                w0.end = w0.start + prefix.len();
                w0.text = &chunk.text[w0.start..w0.end];
                out.push(piece(chunk, &[w0], Kind::Place(Cow::Borrowed(p))));
            }
            // "But the U.S. Embassy": connectors after the opener go with it.
            let skip = 1 + ws[1..].iter().take_while(|w| !capitalized(w.text)).count();
            // After "Students for …" the rest is the tail of a name, not a person.
            recurse(&ws[skip.min(ws.len())..], skip.min(ws.len()), weak || skip > 1, out);
            return;
        }
    }

    let last = ws[ws.len() - 1].text;
    // "Cold War-era", "al-Qaeda-linked": adjectives, not names. Every ending is a hyphen and a
    // word, so the word's ending from its last hyphen is the one to look up.
    if last
        .rfind('-')
        .is_some_and(|i| COMPOUND_ADJECTIVE_SUFFIXES.contains(&last[i..]))
    {
        return;
    }
    // "Bureau of Prisons and the Department of Justice", "Tova Roe and Mike Moe": a
    // coordination splits unless it is inside one organisation's name.
    if let Some(k) = ws.iter().position(|w| matches!(w.text, "and" | "&")) {
        let left = &ws[..k];
        let then_the = ws.get(k + 1).is_some_and(|w| w.text == "the");
        // "Center for Health and Human Rights": an "and" inside the complement of an
        // organisation word; "Safety and Health Administration": inside a name ending in one.
        let complement = ws[..k]
            .iter()
            .enumerate()
            .any(|(i, w)| i > 0 && ORG_PREPOSITIONS.contains(w.text) && gazetteer::is_org_suffix(ws[i - 1].text));
        // Without "the", only a known name on the left starts a second one ("Harvard and
        // University of …"); "Securities and Exchange Commission" is one name.
        let inside_name = !then_the && (complement || org_like(ws) && !known(chunk, left));
        if !inside_name && !gazetteer::is_misc_suffix(last) {
            let right_at = if then_the { k + 2 } else { k + 1 };
            recurse(left, 0, weak, out);
            recurse(&ws[right_at.min(ws.len())..], right_at.min(ws.len()), weak, out);
            return;
        }
    }
    // Events, prizes, laws and works — unless a person's name ends in such a word ("Ellie
    // Hall", "Chief Ana Bay").
    let person_like = || lexicon::is_given_name(ws[0].text) || ws.iter().any(|w| lexicon::is_title(w.text));
    if ws.len() > 1 && gazetteer::is_misc_suffix(last) && !person_like() {
        return;
    }
    // "the group People for the Ethical Treatment of Animals", "newspaper Novaya Gazeta".
    if prev_lower.is_some_and(lexicon::is_org_noun) && ws.len() <= 8 && ws.len() > 1 {
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }
    if org_like(ws) {
        // "Islamist Muslim Brotherhood": a descriptive adjective before a known name.
        let political = ORG_NAME_ADJECTIVES.contains(ws[0].text);
        if ws.len() > 2 && lexicon::is_demonym(ws[0].text) && !political && known(chunk, &ws[1..]) {
            recurse(&ws[1..], 1, weak, out);
            return;
        }
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }
    let has_connector = ws.iter().any(|w| NAME_JOINERS.contains(w.text));
    if ws.len() > 1
        && (gazetteer::is_place_suffix(last) && !has_connector
            || gazetteer::is_place_prefix(ws[0].text) && !lexicon::is_title(ws[0].text))
    {
        out.push(piece(chunk, ws, Kind::Place(whole)));
        return;
    }
    if ws.len() > 1 && ws.len() <= 4 && !has_connector && followed_by_org_appositive(after) {
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }

    // Titles: the last title word separates the role from the name. A title word ending the
    // run after a given name is a surname ("Kevin King"). A lone word is neither.
    let title_at = if ws.len() > 1 {
        ws.iter()
            .rposition(|w| lexicon::is_title(w.text))
            .filter(|&t| !(t + 1 == ws.len() && ws[..t].iter().any(|w| lexicon::is_given_name(w.text))))
    } else {
        None
    };

    if let Some(t) = title_at {
        if t + 1 < ws.len() {
            let role_words = &ws[..=t];
            let mut rest = &ws[t + 1..];
            let mut role = chunk.name(role_words).into_owned();
            // "Secretary of State Mike Roe": the office's complement precedes the name.
            if matches!(rest[0].text, "of" | "for") {
                let tail = &rest[1..];
                let name_at = tail
                    .iter()
                    .position(|w| lexicon::is_given_name(w.text))
                    .filter(|&g| g > 0 && tail.len() - g <= 4)
                    .unwrap_or(tail.len().saturating_sub(2));
                if name_at == 0 || tail.is_empty() {
                    classify_role(ws, chunk, registry, out);
                    return;
                }
                role = format!("{role} {} {}", rest[0].text, chunk.name(&tail[..name_at]));
                rest = &tail[name_at..];
            }
            let honorific = role_words.iter().rev().find_map(|w| lexicon::honorific_gender(w.text));
            classify_role(role_words, chunk, registry, out);
            if rest.len() == 1 {
                let w = rest[0].text;
                if gazetteer::place(w).is_none() && !lexicon::is_stop_word(w) && !is_all_caps(w) {
                    out.push(piece(
                        chunk,
                        rest,
                        Kind::Single {
                            titled: true,
                            role: clean_role(&role),
                            gender: honorific,
                            known: None,
                        },
                    ));
                }
                return;
            }
            if name_shaped(rest) {
                out.push(piece(
                    chunk,
                    rest,
                    Kind::Person {
                        role: clean_role(&role),
                        gender: honorific.or_else(|| lexicon::given_name_gender(rest[0].text)),
                    },
                ));
            } else {
                let at = ws.len() - rest.len();
                recurse(rest, at, weak, out);
            }
            return;
        }
        if ws.len() > 1 {
            // A role without a name ("Home Secretary"): organisations and places inside it.
            classify_role(ws, chunk, registry, out);
            return;
        }
    }

    // Nationality adjectives describe the name that follows ("Australian Tim Roe"); compass
    // words before a place name something else ("Eastern Michigan" the university).
    if ws.len() > 1 && lexicon::is_demonym(ws[0].text) && !lexicon::is_given_name(ws[0].text) {
        if REGION_QUALIFIERS.contains(ws[0].text) {
            if ws.len() <= 3 && followed_by_region(after) {
                out.push(piece(chunk, ws, Kind::Place(whole)));
            }
            return;
        }
        recurse(&ws[1..], 1, weak, out);
        return;
    }

    // Other joiners split the run at the first of them: "Acme Widgets of Springfield" →
    // "Springfield".
    if let Some(k) = ws.iter().position(|w| NAME_JOINERS.contains(w.text)) {
        recurse(&ws[..k], 0, weak, out);
        recurse(&ws[k + 1..], k + 1, true, out);
        return;
    }

    // A known place or organisation inside a longer run ("Roe Chicago", "CBS All Access").
    if ws.len() > 1 {
        for len in (1..ws.len()).rev() {
            for s in 0..=ws.len() - len {
                let sub = chunk.name(&ws[s..s + len]);
                let place = gazetteer::place(&sub).is_some() && !lexicon::is_given_name(&sub);
                let org = gazetteer::is_known_org(&sub) && len > 1;
                if (place || org) && !(s == 0 && len == 1 && name_shaped(ws)) {
                    recurse(&ws[..s], 0, weak, out);
                    recurse(&ws[s..s + len], s, weak, out);
                    recurse(&ws[s + len..], s + len, weak, out);
                    return;
                }
            }
        }
    }

    if ws.len() == 1 {
        let w = ws[0].text;
        if w.chars().all(|c| c.is_ascii_digit()) || lexicon::is_stop_word(w) || lexicon::is_demonym(w) {
            return;
        }

        single(chunk, ws, out, None);
        return;
    }

    if name_shaped(ws) {
        let first_given = lexicon::is_given_name(ws[0].text);
        // "the Moulin Rouge", "the Nittany Lions": people rarely take an article.
        if prev_lower == Some("the")
            && !first_given
            && !next_lower.is_some_and(|n| PERSON_ATTRIBUTIVE_NOUNS.contains(n))
        {
            return;
        }
        if next_lower.is_some_and(|n| THING_NOUNS.contains(n)) && !first_given {
            return;
        }
        // "Walter Roe hospital", "Penn State quarterback": an organisation noun (or, for a
        // name that does not start like a person's, a job) after the name makes it an
        // institution or a team.
        let org_after = next_lower.is_some_and(lexicon::is_org_noun);
        let job_after = next_lower.is_some_and(|n| lexicon::is_role_noun(n) && !KIN_NOUNS.contains(n));
        if org_after || job_after && !first_given {
            out.push(piece(chunk, ws, Kind::Org(whole)));
            return;
        }
        if !first_given && ws.len() <= 4 && followed_by_region(after) {
            out.push(piece(chunk, ws, Kind::Place(whole)));
            return;
        }
        // "in Braunau am Inn": a run with a place particle after "in" is a place.
        if matches!(prev_lower, Some("in" | "near"))
            && !first_given
            && ws.iter().any(|w| PLACE_PARTICLES.contains(w.text))
        {
            out.push(piece(chunk, ws, Kind::Place(whole)));
            return;
        }
        // "published in Springfield Open Science": a longer name after "in" is an institution or
        // a publication, a short one a place.
        if matches!(prev_lower, Some("in")) && !first_given && !chunk.sentence_start {
            let kind = if ws.len() >= 3 {
                Kind::Org(whole)
            } else {
                Kind::Place(whole)
            };
            out.push(piece(chunk, ws, kind));
            return;
        }
        if weak && !first_given {
            return;
        }
        let role = prev_lower.filter(|p| lexicon::is_role_noun(p)).map(str::to_string);
        out.push(piece(
            chunk,
            ws,
            Kind::Person {
                role,
                gender: lexicon::given_name_gender(ws[0].text),
            },
        ));
        return;
    }
    // Runs we cannot read as one name: acronyms inside may still be organisations.
    if ws.len() <= 6 {
        for (k, w) in ws.iter().enumerate() {
            if w.is_all_caps() && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                recurse(std::slice::from_ref(w), k, weak, out);
            }
        }
    }
}

/// Whether a run is a known place or organisation.
fn known(chunk: &Chunk<'_, '_>, ws: &[Word<'_>]) -> bool {
    if ws.is_empty() {
        return false;
    }
    let name = chunk.name(ws);
    gazetteer::place(&name).is_some() || gazetteer::is_known_org(&name)
}

/// One capitalised word, resolved later.
fn single<'a>(
    chunk: &Chunk<'a, '_>,
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
    // "corporate America", "America's high court": only "in America" names the place.
    if w == "America" && !prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(p)) {
        return;
    }
    let role_noun = prev.filter(|p| lexicon::is_role_noun(p)).map(str::to_string);
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

/// Organisations and places inside a role ("White House Press Secretary", "U.S. Defense
/// Secretary", "Australian Federal Police Commissioner").
fn classify_role<'a>(role: &[Word<'_>], chunk: &Chunk<'a, '_>, registry: &Registry, out: &mut Vec<Piece<'a>>) {
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
            } else if let Some(p) = gazetteer::place(&sub) {
                Some(Kind::Place(Cow::Borrowed(p)))
            } else if gazetteer::is_known_org(&sub) && !gazetteer::is_weak_org(&sub) {
                Some(Kind::Org(sub))
            } else {
                None
            };
            if let Some(kind) = kind {
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
    // Then organisation-shaped runs in what is left ("Australian Federal Police Commissioner").
    for r in unknown {
        let part = &role[r];
        for end in (2..=part.len()).rev() {
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
                break;
            }
        }
    }
}

/// Ends with an organisation word, or is "Organisation of X" ("Bureau of Prisons").
fn org_like(ws: &[Word<'_>]) -> bool {
    // Both shapes take two words or more (a suffix after a name, or a word before and after
    // the connector), and most runs asked about are single words.
    if ws.len() < 2 {
        return false;
    }
    let last = ws[ws.len() - 1].text;
    let determiner = LEADING_FUNCTION_WORDS.contains(ws[0].text);
    if ws.len() >= 2 && gazetteer::is_org_suffix(last) && !lexicon::is_title(last) && !determiner {
        return true;
    }
    // "X of Y", "X for Y", "X on Y", "Embassy in Y" where X ends in an organisation word.
    if let Some(k) = ws.iter().position(|w| ORG_PREPOSITIONS.contains(w.text))
        && k >= 1
        && k + 1 < ws.len()
        && gazetteer::is_org_suffix(ws[k - 1].text)
        && !lexicon::is_title(ws[k - 1].text)
    {
        return true;
    }
    false
}

/// Two to five capitalised name words (particles, initials and a suffix allowed).
fn name_shaped(ws: &[Word<'_>]) -> bool {
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
        // A title word can end a name as a surname ("Kevin King", "Ana Bishop").
        let surname_title = i > 0 && i + 1 == ws.len() && !t.ends_with('.');
        let word = || {
            capitalized(t)
                && !is_all_caps(t)
                && !lexicon::is_stop_word(t)
                && !gazetteer::is_org_suffix(t)
                && (surname_title || !lexicon::is_title(t))
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
        word() || particle() || suffix() || initial()
    })
}

/// A role as printed, without sentence openers ("The late Sen." → "Sen.").
fn clean_role(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lexicon::is_stop_word(w) || lexicon::is_title(w))
        .unwrap_or(words.len());
    let r = words[start..].join(" ");
    (!r.is_empty()).then_some(r)
}

/// Key for recognising one organisation written several ways: "Justice Department" and
/// "Department of Justice", "AP" and "Associated Press", "Forbes Magazine" and "Forbes".
///
/// Written into `lower`, a buffer the builder keeps: every organisation mention is keyed, and
/// most only find an entity already made.
fn org_key(name: &str, lower: &mut String) {
    lower.clear();
    if let Some(a) = gazetteer::agency(name) {
        push_lowercase(lower, a);
        return;
    }
    push_lowercase(lower, name);
    if lower.starts_with("the ") {
        lower.drain(.."the ".len());
    }
    // "Acme Corporation", "Acme Group Inc." and "Acme"; "Forbes Magazine" and "Forbes": however
    // many such words end the name.
    while let Some((head, last)) = lower.rsplit_once(' ')
        && !head.is_empty()
        && (COMPANY_SUFFIXES.contains(last) || matches!(last, "magazine" | "newspaper"))
    {
        let keep = head.len();
        lower.truncate(keep);
    }
    // Dropping apostrophes walks the key by characters: only when there may be one ('’' is
    // the only character here whose UTF-8 starts with 0xE2 that could be dropped).
    if lower.bytes().any(|b| b == b'\'' || b == 0xE2) {
        lower.retain(|c| !matches!(c, '’' | '\''));
    }
    // "Department of the Interior" → "interior department".
    if let Some((head, rest)) = lower.split_once(' ')
        && let Some(rest) = rest.strip_prefix("of ")
        && INVERTIBLE_ORG_NOUNS.contains(head)
    {
        *lower = format!("{} {head}", rest.trim_start_matches("the "));
    }
}

/// `s.to_lowercase()`, copied and lowered in place when it is ASCII.
fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// `s.to_lowercase()`, reusing `s` when it is ASCII.
fn into_lowercase(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

/// Initials of a name's significant words ("Consumer Financial Protection Bureau" → CFPB).
fn initials(name: &str) -> String {
    initial_letters(name).collect()
}

/// The first letters of a name's capitalised words: small words ("of", "and", "de") start
/// with no capital and drop out.
fn initial_letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
}

/// Builds the entity list from classified pieces: one entity per distinct person, place and
/// organisation, with surnames, honorifics, acronyms and aliases resolved.
fn resolve(pieces: Vec<Piece<'_>>, registry: &Registry) -> Found {
    let mut b = Builder::default();
    // Nearly every piece becomes one mention, and at most one new entity.
    b.mentions.reserve(pieces.len());
    b.entities.reserve(pieces.len());
    b.genders.reserve(pieces.len());
    b.last_seen.reserve(pieces.len());
    b.first_pos.reserve(pieces.len());
    // Organisations and places found in a clear context win over a person reading of the same
    // words elsewhere ("Walter Roe hospital" … "a visit to Walter Roe").
    let mut org_names: FxHashMap<&str, &str> = FxHashMap::default();
    let mut place_names: FxHashMap<&str, &str> = FxHashMap::default();
    for p in &pieces {
        match &p.kind {
            Kind::Org(n) => {
                org_names.entry(&*p.name).or_insert(&**n);
            }
            Kind::Place(n) => {
                place_names.entry(&*p.name).or_insert(&**n);
            }
            _ => {}
        }
    }
    // Acronyms defined in brackets after a name: "Liberal Democratic Party (LDP)".
    let mut acronyms: FxHashMap<&str, &str> = FxHashMap::default();
    for w in pieces.windows(2) {
        let (a, b2) = (&w[0], &w[1]);
        if a.block != b2.block || b2.start < a.end || b2.start - a.end > 3 || !is_all_caps(&b2.name) {
            continue;
        }
        let full = match &a.kind {
            Kind::Org(n) => &**n,
            Kind::Person { .. } | Kind::Place(_) => continue,
            _ => &*a.name,
        };
        if a.name.split_whitespace().count() >= 2 && initials(full) == b2.name.replace('.', "") {
            acronyms.insert(&b2.name, full);
        }
    }
    // Ships are named like people ("the tanker Corvina Star") but are neither people nor
    // organisations: a name that a vessel noun introduces is left out wherever it appears.
    let vessels: Vec<&str> = pieces
        .iter()
        .filter(|p| matches!(p.kind, Kind::Person { .. }) && p.prev.is_some_and(lexicon::is_vessel_noun))
        .map(|p| &*p.name)
        .collect();
    let is_vessel = |p: &Piece<'_>| {
        matches!(p.kind, Kind::Person { .. } | Kind::Single { known: None, .. })
            && vessels
                .iter()
                .any(|v| *v == p.name || v.split(' ').any(|w| w == p.name))
    };
    // Pass 1: full names of people, organisations, places, registry entries.
    let mut singles: Vec<&Piece<'_>> = Vec::with_capacity(pieces.len());
    for p in pieces.iter().filter(|p| vessels.is_empty() || !is_vessel(p)) {
        match &p.kind {
            Kind::Registered(i) => {
                if let Some(e) = registry.entries.get(*i) {
                    b.add(&e.name, e.kind, p, None, None);
                }
            }
            Kind::Org(n) => {
                b.add_org(n, p);
            }
            Kind::Place(n) => {
                b.add(n, EntityKind::Place, p, None, None);
            }
            Kind::Person { role, gender } => {
                if let Some(o) = org_names.get(&*p.name) {
                    b.add_org(o, p);
                } else if let Some(pl) = place_names.get(&*p.name) {
                    b.add(pl, EntityKind::Place, p, None, None);
                } else if let Some(id) = b.same_person(&p.name) {
                    b.mention(id, p);
                    b.note(id, role.clone(), *gender);
                } else if let Some(n) = acronyms.values().find(|full| **full == p.name) {
                    b.add_org(n, p);
                } else {
                    b.add(&p.name, EntityKind::Person, p, role.clone(), *gender);
                }
            }
            Kind::Single { .. } => singles.push(p),
        }
    }
    // Pass 2: single words — surnames, first names, acronyms, known names, places after "in".
    let first_names = b.first_names();
    for p in singles {
        let Kind::Single {
            titled,
            role,
            gender,
            known,
        } = &p.kind
        else {
            continue;
        };
        let w = &*p.name;
        if let Some(id) = b.person_by_tail(w) {
            b.mention(id, p);
            b.note(id, None, *gender);
            continue;
        }
        if let Some((kind, name)) = known {
            let kind = *kind;
            match kind {
                EntityKind::Organization => {
                    let id = acronyms.get(w).copied().map(|n| b.add_org(n, p)).or_else(|| {
                        let id = b.org_by_initials(w).filter(|_| is_all_caps(w))?;
                        b.mention(id, p);
                        Some(id)
                    });
                    if id.is_none() {
                        b.add_org_or_part(name, p);
                    }
                }
                _ => {
                    b.add(name, kind, p, None, None);
                }
            }
            continue;
        }
        if let Some(&id) = first_names.get(w)
            && !*titled
        {
            b.mention(id, p);
            continue;
        }
        if let Some(n) = acronyms.get(w) {
            b.add_org(n, p);
            continue;
        }
        if let Some(o) = org_names.get(w) {
            b.add_org(o, p);
            continue;
        }
        if let Some(pl) = place_names.get(w) {
            b.add(pl, EntityKind::Place, p, None, None);
            continue;
        }
        if *titled {
            b.add(w, EntityKind::Person, p, role.clone(), *gender);
            continue;
        }
        // "R-Neb.", "D-Calif.": a lawmaker's party and state.
        if let Some(state) = party_state(w) {
            b.add(state, EntityKind::Place, p, None, None);
            continue;
        }
        if is_all_caps(w)
            && (2..=6).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
            && !lexicon::is_non_org_acronym(w)
            && gazetteer::state_abbreviation(w).is_none()
            && !w.contains(['-', '.'])
            && !w.chars().any(|c| c.is_ascii_digit())
        {
            // An acronym of an organisation already named ("CFPB").
            match b.org_by_initials(w) {
                Some(id) => b.mention(id, p),
                None => {
                    b.add_org(w, p);
                }
            }
            continue;
        }
        let next = p.next.map(lower);
        if next.as_deref().is_some_and(|n| THING_NOUNS.contains(n)) {
            continue;
        }
        // "WeWork", "SoftBank": a capital inside a word marks a brand.
        let camel = w.chars().skip(1).any(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !w.contains(['-', '\'', '’', '.'])
            && !w.starts_with("Mc")
            && !w.starts_with("Mac");
        if camel {
            b.add_org_or_part(w, p);
            continue;
        }
        let prev = p.prev.map(lower);
        let prev2 = p.prev2.map(lower);
        let place_cue = matches!(prev.as_deref(), Some("in" | "near"))
            || matches!(
                (prev2.as_deref(), prev.as_deref()),
                (Some(kind), Some("of")) if PLACE_KIND_NOUNS.contains(kind)
            );
        if place_cue && !p.sentence_start && w.chars().count() > 2 && !w.contains('-') {
            // "Braunau" after "Braunau am Inn" is the same town.
            match b.place_starting_with(w) {
                Some(id) => b.mention(id, p),
                None => {
                    b.add(w, EntityKind::Place, p, None, None);
                }
            }
            continue;
        }
        if next.as_deref().is_some_and(lexicon::is_org_noun) && !p.sentence_start {
            b.add_org(w, p);
        }
    }
    b.finish()
}

/// The word that names a company once corporate suffixes are dropped: "Walt Disney Co." →
/// "Disney" (but "Harvard Law School" has none: its last word is generic).
fn distinctive_word(name: &str) -> Option<&str> {
    // At least two words.
    name.split_whitespace().nth(1)?;
    let last = name
        .split_whitespace()
        .rev()
        .find(|w| !COMPANY_SUFFIXES.contains_lowercase_of(w))?;
    (!gazetteer::is_org_suffix(last)).then_some(last)
}

/// "R-Neb." → Nebraska, "D-Texas" → Texas.
fn party_state(w: &str) -> Option<&'static str> {
    let rest = w
        .strip_prefix("R-")
        .or_else(|| w.strip_prefix("D-"))
        .or_else(|| w.strip_prefix("I-"))?;
    gazetteer::state_abbreviation(rest)
        .or_else(|| gazetteer::state_abbreviation(&format!("{rest}.")))
        .or_else(|| gazetteer::place(rest).filter(|p| gazetteer::is_country_or_state(p)))
}

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    genders: Vec<Option<Gender>>,
    mentions: Vec<Mention>,
    /// Entities by kind ([`slot`]) and key: the lower-cased name, or [`org_key`].
    by_key: [FxHashMap<String, usize>; 3],
    /// The last organisation key made (kept to reuse its buffer).
    org_key: String,
    /// Lower-cased surname (and two-word tails like "lund roe", "de souza") → people.
    tails: FxHashMap<String, Vec<usize>>,
    /// Which [`tail_bit`]s the keys of `tails` set: most words asked about are no one's tail.
    tail_bits: [u64; 4],
    /// A short name being looked up ([`short_name_into`]), kept to reuse its buffer.
    short: String,
    /// "first last" without middle names or suffixes → people ("Donald J. Roe" = "Donald Roe").
    short_names: FxHashMap<String, Vec<usize>>,
    /// The last mention of each entity, to prefer the most recent bearer of a surname.
    last_seen: Vec<usize>,
    /// The earliest mention of each entity, (block, offset).
    first_pos: Vec<(usize, usize)>,
}

/// First and last name words of a person's name, without initials and suffixes; and whether
/// there are words between them.
fn short_name(name: &str) -> Option<(String, bool)> {
    let mut short = String::new();
    let middle = short_name_into(name, &mut short)?;
    Some((short, middle))
}

/// [`short_name`] written into `short` (which keeps its buffer), returning only whether there
/// are words between; `None` leaves `short` unspecified.
fn short_name_into(name: &str, short: &mut String) -> Option<bool> {
    let mut words = name.split_whitespace().filter(|w| !lexicon::is_name_suffix(w));
    let first = words.next()?;
    let mut last = words.next()?;
    let mut middle = false;
    for w in words {
        last = w;
        middle = true;
    }
    short.clear();
    short.push_str(first);
    short.push(' ');
    short.push_str(last);
    if short.is_ascii() {
        short.make_ascii_lowercase();
    } else {
        *short = short.to_lowercase();
    }
    Some(middle)
}

/// The bit of [`Builder::tail_bits`] for a key with this first byte and length: a word whose
/// lower case is a key has the key's length and lower-cased first byte when it is ASCII.
fn tail_bit(first: u8, len: usize) -> (usize, u64) {
    let h = usize::from(first).wrapping_mul(31).wrapping_add(len) & 255;
    (h >> 6, 1 << (h & 63))
}

/// Where [`Builder::by_key`] keeps entities of a kind.
fn slot(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organization => 2,
    }
}

impl Builder {
    /// The entity of this kind and name, if there is one yet (for an organisation, leaves
    /// its key in `self.org_key`).
    fn find(&mut self, kind: EntityKind, name: &str) -> Option<usize> {
        let keys = &self.by_key[slot(kind)];
        if kind == EntityKind::Organization {
            org_key(name, &mut self.org_key);
            keys.get(self.org_key.as_str()).copied()
        } else {
            with_lowercase(name, |k| keys.get(k).copied())
        }
    }

    fn add(
        &mut self,
        name: &str,
        kind: EntityKind,
        p: &Piece<'_>,
        role: Option<String>,
        gender: Option<Gender>,
    ) -> usize {
        let mut made = false;
        let id = match self.find(kind, name) {
            Some(id) => id,
            None => {
                made = true;
                let id = self.entities.len();
                self.entities.push(Entity {
                    name: name.to_string(),
                    kind,
                    roles: Vec::new(),
                    mentions: Vec::new(),
                });
                self.genders.push(None);
                self.last_seen.push(0);
                self.first_pos.push((usize::MAX, usize::MAX));
                let key = if kind == EntityKind::Organization {
                    self.org_key.clone()
                } else {
                    lowercase(name)
                };
                self.by_key[slot(kind)].insert(key, id);
                if kind == EntityKind::Person {
                    self.index_person(name, id);
                }
                id
            }
        };
        // An organisation is named as the story first names it ("AP" or "Associated Press"); one
        // just made already bears this name.
        if kind == EntityKind::Organization && !made && (p.block, p.start) < self.first_pos[id] {
            self.entities[id].name = name.to_string();
        }
        self.note(id, role, gender);
        self.mention(id, p);
        id
    }

    fn note(&mut self, id: usize, role: Option<String>, gender: Option<Gender>) {
        if let Some(r) = role
            && !self.entities[id].roles.contains(&r)
        {
            self.entities[id].roles.push(r);
        }
        if let Some(g) = gender {
            self.genders[id].get_or_insert(g);
        }
    }

    fn add_org(&mut self, name: &str, p: &Piece<'_>) -> usize {
        self.add(name, EntityKind::Organization, p, None, None)
    }

    /// A one-word organisation that is the distinctive part of one already named ("Disney" in
    /// a story about "Walt Disney Co.") is the same organisation.
    fn add_org_or_part(&mut self, name: &str, p: &Piece<'_>) -> usize {
        let hit = self
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Organization && distinctive_word(&e.name) == Some(name));
        match hit {
            Some(id) => {
                self.mention(id, p);
                id
            }
            None => self.add_org(name, p),
        }
    }

    fn index_person(&mut self, name: &str, id: usize) {
        // The last two words and how many there are, without suffixes.
        let mut count = 0;
        let (mut before, mut last) = ("", "");
        for w in name.split_whitespace().filter(|w| !lexicon::is_name_suffix(w)) {
            before = last;
            last = w;
            count += 1;
        }
        if short_name_into(name, &mut self.short).is_some() {
            match self.short_names.get_mut(self.short.as_str()) {
                Some(ids) => ids.push(id),
                None => {
                    self.short_names.insert(self.short.clone(), vec![id]);
                }
            }
        }
        if count < 2 {
            self.add_tail(lowercase(name), id);
            return;
        }
        self.add_tail(lowercase(last), id);
        if count >= 3 {
            let mut two = String::with_capacity(before.len() + 1 + last.len());
            two.push_str(before);
            two.push(' ');
            two.push_str(last);
            self.add_tail(into_lowercase(two), id);
        }
    }

    fn add_tail(&mut self, key: String, id: usize) {
        let (i, bit) = tail_bit(key.as_bytes().first().copied().unwrap_or(0), key.len());
        self.tail_bits[i] |= bit;
        self.tails.entry(key).or_default().push(id);
    }

    /// False only when `name` in lower case is no key of `tails`.
    fn may_be_tail(&self, name: &str) -> bool {
        if !name.is_ascii() {
            return true;
        }
        let first = name.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        let (i, bit) = tail_bit(first, name.len());
        self.tail_bits[i] & bit != 0
    }

    /// A multi-word name that is another way of writing a person already found: the same first
    /// and last name ("Mike Roe" for "Mike Roe III"), or a known tail ("Lund Roe").
    fn same_person(&mut self, name: &str) -> Option<usize> {
        if let Some(middle) = short_name_into(name, &mut self.short)
            && let Some(ids) = self.short_names.get(self.short.as_str())
        {
            // "George H.W. Roe" and "George W. Roe" are different people.
            let candidate = ids.iter().copied().find(|&id| {
                !middle || short_name(&self.entities[id].name).is_none_or(|(_, m)| !m) || self.entities[id].name == name
            });
            if candidate.is_some() {
                return candidate;
            }
        }
        self.person_by_tail(name)
    }

    /// The person a surname (or trailing part of a name) refers to: the most recent one.
    fn person_by_tail(&self, name: &str) -> Option<usize> {
        if !self.may_be_tail(name) {
            return None;
        }
        let ids = with_lowercase(name, |k| self.tails.get(k))?;
        ids.iter().copied().max_by_key(|&id| self.last_seen[id])
    }

    fn first_names(&self) -> FxHashMap<String, usize> {
        // First word → the one person whose name it starts (`None` once a second shares it).
        let mut sole: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind == EntityKind::Person {
                let mut words = e.name.split_whitespace();
                if let (Some(first), Some(_)) = (words.next(), words.next()) {
                    sole.entry(first).and_modify(|s| *s = None).or_insert(Some(id));
                }
            }
        }
        sole.into_iter()
            .filter_map(|(n, id)| Some((n, id?)))
            .filter(|(n, _)| {
                !(self.may_be_tail(n) && with_lowercase(n, |k| self.tails.contains_key(k)))
                    && gazetteer::place(n).is_none()
            })
            .map(|(n, id)| (n.to_string(), id))
            .collect()
    }

    /// A place already named whose name starts with this word ("Braunau am Inn").
    fn place_starting_with(&self, word: &str) -> Option<usize> {
        self.entities.iter().position(|e| {
            e.kind == EntityKind::Place
                && e.name.split_whitespace().count() > 1
                && e.name.split_whitespace().next() == Some(word)
        })
    }

    fn org_by_initials(&self, acronym: &str) -> Option<usize> {
        self.entities.iter().position(|e| {
            e.kind == EntityKind::Organization
                && e.name.split_whitespace().nth(1).is_some()
                && initial_letters(&e.name).eq(acronym.chars())
        })
    }

    fn mention(&mut self, id: usize, p: &Piece<'_>) {
        self.mentions.push(Mention {
            block: p.block,
            start: p.start,
            end: p.end,
            entity: id,
        });
        self.last_seen[id] = self.mentions.len();
        self.first_pos[id] = self.first_pos[id].min((p.block, p.start));
    }

    fn finish(mut self) -> Found {
        // Entities in the order the story first mentions them (every mention went through
        // `mention`, which kept the earliest).
        let first = std::mem::take(&mut self.first_pos);
        let mut order: Vec<usize> = (0..self.entities.len()).collect();
        order.sort_by_key(|&i| (first[i], i));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut entities: Vec<Option<Entity>> = self.entities.into_iter().map(Some).collect();
        self.entities = order.iter().filter_map(|&i| entities[i].take()).collect();
        self.genders = order.iter().map(|&i| self.genders[i]).collect();
        for m in &mut self.mentions {
            m.entity = new_index[m.entity];
        }
        self.mentions.sort();
        self.mentions.dedup();
        let mut counts = vec![0; self.entities.len()];
        for m in &self.mentions {
            counts[m.entity] += 1;
        }
        for (e, n) in self.entities.iter_mut().zip(counts) {
            e.mentions.reserve_exact(n);
        }
        for m in &self.mentions {
            self.entities[m.entity].mentions.push(Anchor {
                block: m.block,
                start: m.start,
                end: m.end,
            });
        }
        Found {
            entities: self.entities,
            genders: self.genders,
            mentions: self.mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn run(text: &str) -> Found {
        let words = words(text);
        let spans = [Span {
            block: 0,
            text,
            range: 0..text.len(),
            skip: vec![],
            no_people: false,
            words: &words,
        }];
        extract(&spans, &Registry::default())
    }

    fn names(f: &Found, kind: EntityKind) -> Vec<String> {
        f.entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn people_with_titles_and_second_references() {
        let f = run(
            "Russian President Ivan Petrov met U.S. Undersecretary of State Vera Lind in Moscow. Petrov said the talks went well, and Lind agreed.",
        );
        assert_eq!(names(&f, EntityKind::Person), ["Ivan Petrov", "Vera Lind"]);
        let petrov = &f.entities[f.entities.iter().position(|e| e.name == "Ivan Petrov").unwrap()];
        assert_eq!(petrov.roles, ["Russian President"]);
        assert_eq!(petrov.mentions.len(), 2);
        let places = names(&f, EntityKind::Place);
        assert!(
            places.contains(&"Moscow".to_string()) && places.contains(&"United States".to_string()),
            "{places:?}"
        );
    }

    #[test]
    fn title_shapes() {
        let rows: &[(&str, &str)] = &[
            ("Secretary of State Mia Lund said so.", "Mia Lund"),
            (
                "Deputy Director of Public Prosecution Ana-Lis Berg took the decision.",
                "Ana-Lis Berg",
            ),
            ("White House Press Secretary Dana Cole spoke.", "Dana Cole"),
            ("The late Sen. Joe Marsh was held there.", "Joe Marsh"),
            ("Former President George H.W. Roe spoke.", "George H.W. Roe"),
            ("Oklahoma City coach Billy Dunn said.", "Billy Dunn"),
            ("The philosopher Luis de Mora writes.", "Luis de Mora"),
            ("Quarterback Mike Stone III threw.", "Mike Stone III"),
            ("“Coach (Frank) Vale came in,” he said.", "Frank Vale"),
            ("Tova Noe and Mike Thom pleaded.", "Mike Thom"),
            ("The US professor Kevin King spoke.", "Kevin King"),
            ("Thunder: F Hamid Dial missed a game.", "Hamid Dial"),
            // A name that is not in plain ASCII written form, taken out of a longer run.
            ("Mayor José Ortíz spoke.", "José Ortíz"),
        ];
        for (text, want) in rows {
            let f = run(text);
            assert!(
                names(&f, EntityKind::Person).contains(&want.to_string()),
                "{text}: {:?}",
                names(&f, EntityKind::Person)
            );
        }
    }

    #[test]
    fn organisations_and_places() {
        let f = run(
            "The Bureau of Prisons and the Department of Justice met at Northern Kentucky University and the Hong Kong Polytechnic University. \
             The Liberal Democratic Party (LDP) won. The LDP said so. Later the Justice Department agreed. A soldier in Zabul province and in \
             Braunau spoke to the People’s Daily. The U.S. Embassy in Moscow tweeted. New Jersey and New York agreed. A London-based group \
             joined Ansar Dine, an armed group.",
        );
        let orgs = names(&f, EntityKind::Organization);
        for o in [
            "Bureau of Prisons",
            "Department of Justice",
            "Northern Kentucky University",
            "Hong Kong Polytechnic University",
            "Liberal Democratic Party",
            "People’s Daily",
            "U.S. Embassy in Moscow",
            "Ansar Dine",
        ] {
            assert!(orgs.contains(&o.to_string()), "{o} in {orgs:?}");
        }
        assert!(!orgs.contains(&"LDP".to_string()));
        assert!(!orgs.contains(&"Justice Department".to_string()));
        let places = names(&f, EntityKind::Place);
        for p in ["Zabul province", "Braunau", "New Jersey", "New York", "London"] {
            assert!(places.contains(&p.to_string()), "{p} in {places:?}");
        }
    }

    #[test]
    fn not_people() {
        let f = run(
            "They stood outside the Moulin Rouge cabaret. Walter Reed hospital was busy, so he went to Walter Reed later. Eastern Michigan \
             beat Penn State quarterback teams. The Nobel Peace Prize went elsewhere. It was a Cold War-era deal. Students for Fair Admissions sued.",
        );
        let people = names(&f, EntityKind::Person);
        assert!(people.is_empty(), "{people:?}");
    }

    #[test]
    fn ships_are_not_people() {
        let f = run(
            "The ship, the Marisol Dawn, docked at noon. The tanker Marisol Dawn carried ammonia, port director Maria Lopes said.",
        );
        assert_eq!(names(&f, EntityKind::Person), ["Maria Lopes"]);
    }

    #[test]
    fn surnames_prefer_people_over_known_names() {
        let f = run("Ellen Forbes spoke. Forbes’s shadow loomed over the race in Georgia.");
        assert_eq!(names(&f, EntityKind::Person), ["Ellen Forbes"]);
        assert!(names(&f, EntityKind::Organization).is_empty());
    }

    #[test]
    fn organisation_shapes() {
        let rows: &[(&str, bool)] = &[
            ("University", false),
            ("Bureau", false),
            ("Kent University", true),
            ("Bureau of Prisons", true),
            ("Embassy in Moscow", true),
            ("The University", false),
            ("Bureau of", false),
            ("Mike Roe", false),
        ];
        for &(text, want) in rows {
            let ws = words(text);
            assert_eq!(org_like(&ws), want, "{text}");
        }
        assert_eq!(lowercase("Ana Roe"), "ana roe");
        assert_eq!(lowercase("ÉLODIE"), "élodie");
    }

    #[test]
    fn places_in_headlines() {
        let rows: &[(&str, &[&str])] = &[
            ("Moscow's mayor visits Paris.", &["Moscow", "Paris"]),
            ("U.S. and New York agree", &["United States", "New York"]),
            ("Eastern Michigan routs Ohio!", &["Ohio"]),
            ("KYIV'S NEW PLAN", &["Kyiv"]),
        ];
        for &(headline, want) in rows {
            assert_eq!(headline_places(headline), want, "{headline}");
        }
    }

    #[test]
    fn capitalised_words() {
        let rows: &[(&str, bool)] = &[
            ("Mike", true),
            ("and", false),
            ("al-Bashir", true),
            ("el-Sisi", true),
            ("al-", false),
            ("al-qaeda", false),
            ("alto", false),
            ("Élan", true),
            ("éclair", false),
            ("", false),
        ];
        for &(word, want) in rows {
            assert_eq!(capitalized(word), want, "{word}");
        }
    }

    #[test]
    fn organisation_keys_drop_apostrophes() {
        let rows: &[(&str, &str)] = &[
            ("People’s Daily", "peoples daily"),
            ("McDonald's", "mcdonalds"),
            ("Acme — Works", "acme — works"),
            ("Café Roma Company", "café roma"),
            ("Department of the Interior", "interior department"),
            ("Acme Group Inc.", "acme"),
            ("Springfield Courier Newspaper", "springfield courier"),
            ("Company", "company"),
        ];
        let mut key = String::new();
        for &(name, want) in rows {
            org_key(name, &mut key);
            assert_eq!(key, want, "{name}");
        }
    }

    #[test]
    fn surnames_and_short_names_of_people() {
        let mut b = Builder {
            last_seen: vec![1, 2],
            ..Builder::default()
        };
        b.index_person("Ana María Roe", 0);
        b.index_person("Łukasz Nowak Jr.", 1);
        let rows: &[(&str, Option<usize>)] = &[
            ("Roe", Some(0)),
            ("ROE", Some(0)),
            ("María Roe", Some(0)),
            ("MARÍA ROE", Some(0)),
            ("Nowak", Some(1)),
            ("Ana", None),
            ("Rob", None),
            ("", None),
        ];
        for &(word, want) in rows {
            assert_eq!(b.person_by_tail(word), want, "{word}");
        }
        assert_eq!(short_name("Ana María Roe"), Some(("ana roe".to_string(), true)));
        assert_eq!(
            short_name("Łukasz Nowak Jr."),
            Some(("łukasz nowak".to_string(), false))
        );
        assert_eq!(short_name("Roe"), None);
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "",
            "A",
            "The",
            "’s",
            "U.S.-",
            "Mr.",
            "of the And",
            "Ä Ö Ü",
            "R-",
            "(A) B",
            ") A",
            "Embassy in",
        ] {
            let _ = run(t);
        }
    }
}
