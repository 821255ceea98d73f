//! Direct quotations and who said them.
//!
//! Quotation marks are paired by where they stand, not by their glyph, because typographic
//! conversion often gets the direction wrong (`… at all costs,“ he said`). A quotation is at least
//! four words and not a title ("Wait Wait … Don’t Tell Me!"); shorter quoted bits are scare
//! quotes. A quote left open at the end of a paragraph continues in the next one.
//!
//! Attribution follows newsroom grammar: `"…," Roe said`, `"…," said Dana Cole, the …`,
//! `Roe said, "…"`, `Ms Lund said: "…"`, `"A," he said, "B."`, `…, the Authority said`,
//! with the speaker resolved through the entities already found: surnames, titles ("the
//! president added"), pronouns (the most recent fitting subject), relative clauses ("Lind,
//! who said that …"), and, in dialogue, the other party.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use crate::model::{Anchor, EntityKind, Quote};

use super::entities::Found;
use super::fasthash::with_lowercase;
use super::lexicon::{self, Gender};
use super::lists::{
    ATTRIBUTION_FILLERS, CLAUSE_CONJUNCTIONS, INSTITUTION_NOUNS, NAME_JOINERS, ROLE_QUALIFIERS, SPEAKER_DETERMINERS,
    TITLE_SMALL_WORDS, UNNAMED_SUBJECTS,
};
use super::text::{Word, is_double_quote, is_single_quote, sentence_ends, word_count_up_to, words};

/// A pair of quotation marks in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words (trimmed).
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark (or the end of the block).
    pub close: usize,
    pub closed: bool,
    /// The quoted words are a quotation, not a scare quote or a title ([`is_quotation`]).
    pub quotation: bool,
}

fn opens_after(p: char) -> bool {
    p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '‘' | '\'' | ':') || is_double_quote(p)
}

fn closes_before(n: char) -> bool {
    n.is_whitespace()
        || matches!(
            n,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-' | '…' | '’' | '\''
        )
        || is_double_quote(n)
}

/// Pairs the double quotation marks of `text`.
pub fn spans(text: &str) -> Vec<QuoteSpan> {
    spans_of(text, is_double_quote, [b'"', 0xE2, 0xC2], &['“', '„', '«'], &['”', '»'])
}

/// Pairs single quotation marks (used for quotes in headlines), telling apostrophes apart.
pub fn single_spans(text: &str) -> Vec<QuoteSpan> {
    spans_of(text, is_single_quote, [b'\'', 0xE2, 0xE2], &['‘'], &['’'])
}

/// Pairs the marks for which `is_mark` holds; each of them starts with one of `first_bytes`
/// (an ASCII mark or the lead byte of a longer one), so the text is searched for those bytes
/// and decoded only where they stand.
fn spans_of(
    text: &str,
    is_mark: fn(char) -> bool,
    first_bytes: [u8; 3],
    openers: &[char],
    closers: &[char],
) -> Vec<QuoteSpan> {
    let [a, b, c] = first_bytes;
    let mut marks: Vec<(usize, char)> = Vec::new();
    for i in memchr::memchr3_iter(a, b, c, text.as_bytes()) {
        if let Some(c) = text[i..].chars().next().filter(|&c| is_mark(c)) {
            marks.push((i, c));
        }
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < marks.len() {
        let (pos, c) = marks[k];
        let len = c.len_utf8();
        let prev = text[..pos].chars().next_back();
        let next = text[pos + len..].chars().next();
        // An apostrophe inside a word ("don’t", "Roes’ ") is not a quotation mark.
        let apostrophe = is_single_quote(c)
            && prev.is_some_and(char::is_alphanumeric)
            && (next.is_some_and(char::is_alphanumeric)
                || c != '‘' && prev.is_some_and(|p| p == 's') && open.is_none());
        if apostrophe && !(open.is_some() && next.is_none_or(closes_before) && !next.is_some_and(char::is_alphanumeric))
        {
            k += 1;
            continue;
        }
        let can_open = prev.is_none_or(opens_after) && next.is_some_and(|n| !n.is_whitespace());
        let can_close = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
        match open {
            None => {
                if can_open || openers.contains(&c) && next.is_some() {
                    // Doubled marks ("““This") open once.
                    let mut start = pos + len;
                    while k + 1 < marks.len() && marks[k + 1].0 == start {
                        start += marks[k + 1].1.len_utf8();
                        k += 1;
                    }
                    open = Some((pos, start));
                }
            }
            Some((opos, ostart)) => {
                if can_close || !can_open && (closers.contains(&c) || !openers.contains(&c)) {
                    push(&mut out, text, opos, ostart, pos, pos + len, true);
                    open = None;
                } else if can_open && openers.contains(&c) {
                    // A new quotation opens before the last one closed: that one ran on.
                    push(&mut out, text, opos, ostart, pos, pos, false);
                    open = Some((pos, pos + len));
                }
            }
        }
        k += 1;
    }
    if let Some((opos, ostart)) = open {
        push(&mut out, text, opos, ostart, text.len(), text.len(), false);
    }
    out
}

fn push(out: &mut Vec<QuoteSpan>, text: &str, open: usize, start: usize, end: usize, close: usize, closed: bool) {
    if end <= start {
        return;
    }
    let inner = &text[start..end];
    let s = start + (inner.len() - inner.trim_start().len());
    let e = end - (inner.len() - inner.trim_end().len());
    if e > s {
        out.push(QuoteSpan {
            open,
            start: s,
            end: e,
            close,
            closed,
            quotation: is_quotation(&text[s..e]),
        });
    }
}

/// Whether quoted words are a quotation rather than a scare quote or a title: at least four
/// words, and not every word capitalised.
pub fn is_quotation(words_text: &str) -> bool {
    // Counting past 13 changes nothing: more than twelve words are never a title.
    let n = word_count_up_to(words_text, 13);
    if n < 4 {
        return false;
    }
    if n > 12 {
        return true;
    }
    let small = |w: &str| TITLE_SMALL_WORDS.contains(w.trim_matches(|c: char| !c.is_alphanumeric()));
    // A title: of the words with a letter, at least half start with a capital (at their first
    // letter or digit) and every one is capitalised, a number or a small word.
    let (mut lettered, mut caps, mut title_case) = (0, 0, true);
    for w in words_text.split_whitespace() {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        lettered += 1;
        let first = w.chars().find(|c| c.is_alphanumeric());
        let upper = first.is_some_and(char::is_uppercase);
        caps += usize::from(upper);
        title_case &= upper || first.is_some_and(char::is_numeric) || small(w);
    }
    !(caps * 2 >= lettered && title_case)
}

/// One text block as the quote finder sees it.
pub struct BlockText<'a> {
    pub block: usize,
    pub text: &'a str,
    /// Where the story text starts (after a dateline).
    pub from: usize,
    /// The block's words ([`words`]) and quotation marks ([`spans`]), computed once.
    pub words: &'a [Word<'a>],
    pub spans: &'a [QuoteSpan],
}

/// Who spoke, as far as the text lets us tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    Entity(usize),
    /// A proper-noun phrase that is not a known entity ("the U.S. Trade Act of 1974").
    Named(usize, usize, usize),
}

/// What an attribution clause says about the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Found(Speaker),
    /// A speech verb with a speaker we cannot name ("the diplomat said", "Officials said").
    Unnamed,
    Nothing,
}

impl Attr {
    fn speaker(self) -> Option<Speaker> {
        match self {
            Attr::Found(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Ref {
    block: usize,
    pos: usize,
    entity: usize,
}

/// One entry of the running list of who spoke or acted, in the order the story was read.
///
/// A sentence's subject is only worked out when a pronoun or a title looks back that far:
/// most sentences of an article are never asked about, and finding a subject means reading
/// the sentence's clauses for a speech verb.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Ref(Ref),
    /// A sentence of `blocks[index]` whose subject is not worked out yet.
    Sentence {
        index: usize,
        start: usize,
        end: usize,
    },
    /// A sentence without a subject.
    Nobody,
}

/// How deep subjects may be worked out through one another ("He said …" whose "he" is the
/// subject of the sentence before, and so on) before the rest are worked out in reading
/// order, which needs no nesting.
const MAX_NESTING: u32 = 16;

/// Finds the quotations of the story blocks (in order) and their speakers.
pub fn extract(blocks: &[BlockText<'_>], found: &Found, headline: Option<&str>) -> Vec<Quote> {
    let mut cx = Resolver {
        found,
        blocks,
        refs: RefCell::new(Vec::new()),
        settled: Cell::new(0),
        nesting: Cell::new(0),
        words: Cell::new(&[]),
    };
    let mut out: Vec<Quote> = Vec::new();
    // The previous quoted paragraph: its last speaker and whether its quote ran on.
    let mut carried: Option<(Option<Speaker>, bool)> = None;
    let mut history: Vec<Option<Speaker>> = Vec::new();
    for (index, b) in blocks.iter().enumerate() {
        let text = b.text;
        cx.words.set(b.words);
        // Spans come in text order (each opens after the last one closed): those after the
        // dateline are a tail of them.
        debug_assert!(b.spans.windows(2).all(|w| w[0].close <= w[1].open));
        let all = &b.spans[b.spans.partition_point(|q| q.open < b.from)..];
        let ends = sentence_ends(text);
        let sentence_of = |pos: usize| -> Range<usize> {
            let i = ends.partition_point(|&e| e <= pos);
            let start = if i == 0 { 0 } else { ends[i - 1] };
            let end = ends.get(i).copied().unwrap_or(text.len());
            start..end
        };
        let mut last_speaker: Option<Speaker> = None;
        let mut last_ran_on = false;
        let mut prev_close = b.from;
        let mut cursor = b.from;
        for (qi, q) in all.iter().enumerate() {
            // Subjects of the sentences before this quote, for pronouns.
            let sentence = sentence_of(q.open);
            let sentence_start = sentence.start.max(b.from);
            if sentence_start > cursor {
                cx.push_subjects(index, &ends, cursor, sentence_start, all);
                cursor = sentence_start;
            }
            let content = &text[q.start..q.end];
            let next_open = all.get(qi + 1).map_or(text.len(), |n| n.open);
            let before = sentence_start.max(prev_close)..q.open;
            let (after_end, terminated) = clause_end(text, q.close, next_open);
            // A quotation that ends its own sentence is attributed after it only by a short
            // clause that ends there too ("…?” Roe asked."), not by the next sentence.
            let ends_itself = content
                .trim_end_matches(['’', '\'', ')'])
                .ends_with(['.', '?', '!', '…']);
            let after_text = text[q.close..after_end].trim_start();
            let after_ok = !(ends_itself && (!terminated || after_text.starts_with('(')));
            let a = if after_ok {
                cx.after(b.block, text, q.close..after_end, q.open)
            } else {
                Attr::Nothing
            };
            let bf = cx.before(b.block, text, before.clone(), q.open);
            let before_strong = cx.close_verb(before.clone());
            let attr = match (bf, a) {
                (Attr::Found(s), _) if before_strong => Attr::Found(s),
                (_, Attr::Found(s)) => Attr::Found(s),
                (Attr::Found(s), _) => Attr::Found(s),
                (Attr::Unnamed, _) | (_, Attr::Unnamed) => Attr::Unnamed,
                _ => Attr::Nothing,
            };
            let mut speaker = attr.speaker();
            if attr == Attr::Nothing {
                let first_in_block = qi == 0;
                let opens_block = text[b.from..q.open].trim().is_empty();
                if !first_in_block {
                    // "“A,” Roe said. “B.”": the same speaker goes on.
                    speaker = last_speaker;
                } else if opens_block && carried.is_some_and(|(_, ran_on)| ran_on) {
                    // A quotation left open at the end of the last paragraph continues here.
                    speaker = carried.and_then(|(s, _)| s);
                }
                if speaker.is_none() && first_in_block && sentence_start > b.from {
                    // "…, he said. “…”": an attribution in the sentence before.
                    let prev_sentence = sentence_of(sentence_start.saturating_sub(1));
                    speaker = cx
                        .sentence_speaker(b.block, text, prev_sentence.start.max(b.from)..sentence_start, q.open)
                        .speaker();
                }
                if speaker.is_none() {
                    // "directives from Roe to “…”": a person named earlier in the sentence.
                    speaker = cx.nearby(b.block, before.clone());
                }
                if speaker.is_none() && first_in_block && opens_block {
                    speaker = dialogue(&history);
                }
            }
            last_speaker = speaker.or(last_speaker);
            last_ran_on = !q.closed;
            if let Some(Speaker::Entity(e)) = speaker {
                cx.refs.get_mut().push(Entry::Ref(Ref {
                    block: b.block,
                    pos: q.open,
                    entity: e,
                }));
            }
            prev_close = q.close;
            if q.quotation {
                out.push(Quote {
                    text: content.to_string(),
                    speaker: speaker.map(|s| cx.name(s, blocks)),
                    anchor: Some(Anchor {
                        block: b.block,
                        start: q.start,
                        end: q.end,
                    }),
                });
            }
        }
        if cursor < text.len() {
            cx.push_subjects(index, &ends, cursor, text.len(), all);
        }
        if all.is_empty() {
            carried = None;
        } else {
            carried = Some((last_speaker, last_ran_on));
            history.push(last_speaker);
        }
    }
    let mut quotes = headline.map(|h| cx.headline(h)).unwrap_or_default();
    quotes.extend(out);
    quotes
}

/// Where the attribution after a quote can end: the next quote or the end of the sentence.
/// Also says whether a sentence end was found before the next quote.
fn clause_end(text: &str, from: usize, next_open: usize) -> (usize, bool) {
    let limit = next_open.min(text.len()).max(from);
    let slice = &text[from..limit];
    for (i, c) in slice.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';') {
            let word_start = slice[..i].rfind(|ch: char| ch.is_whitespace()).map_or(0, |w| w + 1);
            let word = &slice[word_start..i];
            if c == '.'
                && (lexicon::is_abbreviation(word)
                    || word.len() == 1 && word.chars().all(char::is_uppercase)
                    || word.contains('.'))
            {
                continue;
            }
            return (from + i, true);
        }
    }
    (limit, limit == text.len())
}

/// In a back-and-forth, an unattributed paragraph of quotation belongs to the other party.
fn dialogue(history: &[Option<Speaker>]) -> Option<Speaker> {
    let last = (*history.last()?)?;
    history
        .iter()
        .rev()
        .skip(1)
        .take(3)
        .flatten()
        .copied()
        .find(|s| *s != last)
        .or(Some(last))
}

/// The bytes a clause separator in [`Resolver::subject_before`] can start with: `,;()"` and
/// the lead bytes of dashes and typographic quotation marks.
static SEPARATOR_FIRST_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b",;()\"\xE2\xC2";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

struct Resolver<'a> {
    found: &'a Found,
    blocks: &'a [BlockText<'a>],
    /// Who spoke or acted so far, for pronouns and titles; filled in as they look back.
    refs: RefCell<Vec<Entry>>,
    /// Every entry before this index is worked out.
    settled: Cell<usize>,
    /// How many sentence subjects are being worked out inside one another.
    nesting: Cell<u32>,
    /// The words of the block being read. Whether a word attributes speech ([`verb_at`]) is
    /// asked only of the words attribution reads: around quotes and up to a sentence's first
    /// speech verb.
    words: Cell<&'a [Word<'a>]>,
}

/// Words that may sit between a speaker and the verb ("Roe allegedly told").
fn is_filler(w: &str) -> bool {
    ATTRIBUTION_FILLERS.contains(w) || w.ends_with("ly") && w.len() > 4 && w.chars().all(char::is_lowercase)
}

/// `Some(false)` for a speech verb ("said"), `Some(true)` for a participle ("saying").
fn verb_at(w: &str) -> Option<bool> {
    // Speech verbs are short ASCII words; anything else is rejected before lower-casing.
    if w.len() > 30 || !w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    // Lower-casing ASCII keeps the length and lower-cases the first byte, so the verb shapes
    // can reject most words as written, before they are checked for ASCII, copied and
    // lower-cased.
    if !lexicon::speech_verb_shape(w.as_bytes()[0].to_ascii_lowercase(), w.len()) && w.is_ascii() {
        return None;
    }
    with_lowercase(w, |l| {
        if !lexicon::may_be_speech_verb(l) {
            return None;
        }
        if lexicon::is_speech_verb(l) {
            Some(false)
        } else if lexicon::is_speech_participle(l) {
            Some(true)
        } else {
            None
        }
    })
}

impl<'a> Resolver<'a> {
    /// The current block's words inside `range`.
    fn words_in(&self, range: Range<usize>) -> &'a [Word<'a>] {
        let words = self.words.get();
        let from = words.partition_point(|w| w.start < range.start);
        let to = words.partition_point(|w| w.end <= range.end).max(from);
        &words[from..to]
    }

    /// A speech verb among the last words before a quote ("said Wednesday that “…").
    fn close_verb(&self, range: Range<usize>) -> bool {
        self.words_in(range)
            .iter()
            .rev()
            .take(7)
            .any(|w| verb_at(w.text).is_some())
    }

    /// `"…," Roe said`, `"…," said Dana Cole, the …`, `"…" in that law, Lund said`.
    fn after(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        if range.end <= range.start {
            return Attr::Nothing;
        }
        let ws = self.words_in(range.clone());
        let Some(v) = ws.iter().take(16).position(|w| verb_at(w.text) == Some(false)) else {
            return Attr::Nothing;
        };
        let verb_start = ws[v].start;
        let verb_end = ws[v].end;
        // Inverted: `said Dana Cole, the principal deputy …`, `says president David Roe`.
        let before_verb =
            text[range.start..verb_start].trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–'));
        if before_verb.is_empty() || ws[..v].iter().all(|w| is_filler(w.text)) {
            let rest_end = text[verb_end..range.end]
                .find([',', ';', '('])
                .map_or(range.end, |i| verb_end + i);
            return self.noun_phrase(block, text, verb_end..rest_end, at);
        }
        self.subject_before(block, text, range.start..verb_start, at)
    }

    /// `Roe said, “…”`, `Ms Lund said: “…”`, `Lind, who said that she “…”`,
    /// `…, saying that “…”`, `… according to the White House …`.
    fn before(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        if range.end <= range.start {
            return Attr::Nothing;
        }
        let window = &text[range.clone()];
        let ws = self.words_in(range.clone());
        let last_verb = ws
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, w)| Some((i, verb_at(w.text)?)));
        if let Some((v, participle)) = last_verb {
            let verb_start = ws[v].start;
            if participle {
                // "…, saying that": the sentence's subject speaks.
                return match self.first_mention(block, range.start..verb_start) {
                    Some(s) => Attr::Found(s),
                    None => Attr::Unnamed,
                };
            }
            return self.subject_before(block, text, range.start..verb_start, at);
        }
        if window.trim_end().ends_with(':') {
            return self
                .first_mention(block, range.clone())
                .map_or(Attr::Nothing, Attr::Found);
        }
        if let Some(i) = window.find("according to ") {
            return self.noun_phrase(block, text, range.start + i + 13..range.end, at);
        }
        Attr::Nothing
    }

    /// The speaker of a sentence without quotes: "…, he said." or "Roe said …".
    fn sentence_speaker(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        let ws = self.words_in(range.clone());
        let Some(v) = ws.iter().position(|w| verb_at(w.text) == Some(false)) else {
            return Attr::Nothing;
        };
        let verb_start = ws[v].start;
        self.subject_before(block, text, range.start..verb_start, at)
    }

    /// The noun phrase right before a verb, skipping appositives: of the comma-separated parts,
    /// the nearest name or pronoun wins, then the nearest "the …" phrase.
    fn subject_before(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        let segment = &text[range.clone()];
        let mut parts: Vec<Range<usize>> = Vec::new();
        let mut start = 0;
        // The separators are ASCII or start with 0xE2 / 0xC2: scan bytes, decode only there.
        for (i, &b) in segment.as_bytes().iter().enumerate() {
            if !SEPARATOR_FIRST_BYTE[usize::from(b)] {
                continue;
            }
            let len = if b.is_ascii() {
                1
            } else {
                segment[i..]
                    .chars()
                    .next()
                    .filter(|&c| matches!(c, '—' | '–') || is_double_quote(c))
                    .map_or(0, char::len_utf8)
            };
            if len > 0 {
                parts.push(range.start + start..range.start + i);
                start = i + len;
            }
        }
        parts.push(range.start + start..range.end);
        let mut the_parts = Vec::new();
        let mut saw_noun = false;
        for part in parts.iter().rev() {
            let mut p = part.clone();
            // Drop fillers at the end ("Roe allegedly", "Yuri Roe also").
            loop {
                let t = text[p.clone()].trim_end();
                let Some(last) = t.rsplit(char::is_whitespace).next() else {
                    break;
                };
                if !last.is_empty() && is_filler(last) && t.len() > last.len() {
                    p.end = p.start + t.len() - last.len();
                } else {
                    break;
                }
            }
            // Leading conjunctions belong to the clause, not the subject ("as X has pointed out").
            loop {
                let t = text[p.clone()].trim_start();
                let lead = p.start + (text[p.clone()].len() - t.len());
                let Some((first, rest)) = t.split_once(char::is_whitespace) else {
                    break;
                };
                if CLAUSE_CONJUNCTIONS.contains_lowercase_of(first) && !rest.trim().is_empty() {
                    p.start = lead + first.len();
                } else {
                    break;
                }
            }
            let t = text[p.clone()].trim();
            if t.is_empty() {
                continue;
            }
            let t_start = p.start + (text[p.clone()].len() - text[p.clone()].trim_start().len());
            // Only the first two words and small word counts (up to 14) matter: count no
            // further than 15 and collect nothing.
            let mut words = t.split_whitespace();
            let word0 = words.next().unwrap_or_default();
            let word1 = words.next();
            let count = 1 + usize::from(word1.is_some()) + words.take(13).count();
            let mut buf = [0u8; 32];
            let lowered;
            let first = match word0.as_bytes() {
                // Lower-cased on the stack: this runs for every clause before a speech verb.
                w if w.len() <= buf.len() && w.is_ascii() => {
                    let lower = &mut buf[..w.len()];
                    lower.copy_from_slice(w);
                    lower.make_ascii_lowercase();
                    std::str::from_utf8(lower).unwrap_or_default()
                }
                _ => {
                    lowered = word0.to_lowercase();
                    lowered.as_str()
                }
            };
            let first = first.trim_matches(|c: char| !c.is_alphanumeric());
            match (first, count) {
                ("he" | "she", 1) => {
                    return self.pronoun_attr(block, at, if first == "she" { Gender::Female } else { Gender::Male });
                }
                ("it", 1) => {
                    return self
                        .org_pronoun(block, at)
                        .map_or(Attr::Unnamed, |e| Attr::Found(Speaker::Entity(e)));
                }
                (unnamed, 1) if UNNAMED_SUBJECTS.contains(unnamed) => return Attr::Unnamed,
                ("who", _) => {
                    // "Lind, who said that …": the name before the clause.
                    return self
                        .last_mention_before(block, t_start)
                        .map_or(Attr::Unnamed, Attr::Found);
                }
                (conjunction, 2) if CLAUSE_CONJUNCTIONS.contains(conjunction) => {
                    match word1.map(str::to_lowercase).as_deref() {
                        Some("he") => return self.pronoun_attr(block, at, Gender::Male),
                        Some("she") => return self.pronoun_attr(block, at, Gender::Female),
                        _ => {}
                    }
                }
                (determiner, _) if SPEAKER_DETERMINERS.contains(determiner) => {
                    the_parts.push(t_start..p.end);
                    saw_noun = true;
                    continue;
                }
                _ => {}
            }
            // A possessive opens a description, not a name ("Disney’s chairman of …").
            // A possessive opens a description ("Disney’s chairman of …"), unless a name follows
            // ("Parliament’s Joint Committee").
            let possessive_led = (word0.ends_with("’s") || word0.ends_with("'s"))
                && !word1.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            let name_led =
                word0.chars().next().is_some_and(char::is_uppercase) || lexicon::is_name_particle(first) && count > 1;
            if name_led && !possessive_led && count <= 14 {
                if let Some(s) = self.best_in(block, t_start..p.end) {
                    return Attr::Found(s);
                }
                // "…,” Amtrak said: a proper name we have no entity for.
                let proper = count <= 4
                    && t.split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && !lexicon::is_stop_word(word0)
                    && !lexicon::is_demonym(word0);
                if proper {
                    return Attr::Found(Speaker::Named(block, t_start, t_start + t.len()));
                }
            }
            saw_noun |= count <= 3;
        }
        for p in the_parts {
            if let Attr::Found(s) = self.noun_phrase(block, text, p, at) {
                return Attr::Found(s);
            }
        }
        if saw_noun { Attr::Unnamed } else { Attr::Nothing }
    }

    fn pronoun_attr(&self, block: usize, at: usize, gender: Gender) -> Attr {
        self.pronoun(block, at, gender)
            .map_or(Attr::Unnamed, |e| Attr::Found(Speaker::Entity(e)))
    }

    /// A noun phrase after a verb or inside a `the …` part.
    fn noun_phrase(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        let t = text[range.clone()].trim();
        let t_start = range.start + (text[range.clone()].len() - text[range.clone()].trim_start().len());
        if t.is_empty() {
            return Attr::Nothing;
        }
        let lower = t.to_lowercase();
        let words_l: Vec<&str> = lower.split_whitespace().collect();
        match words_l.first().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())) {
            Some("he") => return self.pronoun_attr(block, at, Gender::Male),
            Some("she") => return self.pronoun_attr(block, at, Gender::Female),
            Some("it") => {
                return self
                    .org_pronoun(block, at)
                    .map_or(Attr::Unnamed, |e| Attr::Found(Speaker::Entity(e)));
            }
            _ => {}
        }
        let article_len = ["the ", "a ", "an "]
            .iter()
            .find(|a| lower.starts_with(*a))
            .map_or(0, |a| a.len());
        if article_len == 0 {
            // "said White House Press Secretary Dana Roe": the person in the phrase.
            if let Some(s) = self.best_in(block, t_start..range.end) {
                return Attr::Found(s);
            }
        } else {
            // "the Swedish Prosecution Authority": an entity right after the article.
            let head = t_start + article_len;
            if let Some(m) = self.found.mentions_in(block, head..range.end).next()
                && m.start == head
                && matches!(
                    self.found.entities[m.entity].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            {
                return Attr::Found(Speaker::Entity(m.entity));
            }
        }
        // "the president", "the Russian leader": a person given that role.
        for w in words_l.iter().skip(usize::from(article_len > 0)).take(4) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.len() < 3 || ROLE_QUALIFIERS.contains(w) {
                continue;
            }
            let ids = self.found.persons_with_role(w);
            if !ids.is_empty() {
                return self
                    .most_recent(&ids, block, at)
                    .or(ids.first().copied())
                    .map_or(Attr::Unnamed, |e| Attr::Found(Speaker::Entity(e)));
            }
        }
        // A proper-noun phrase we know nothing else about ("the U.S. Trade Act of 1974").
        if article_len > 0 {
            let head = t_start + article_len;
            let ws = self.words_in(head..range.end);
            let caps = ws
                .iter()
                .take_while(|w| {
                    w.is_capitalized() || w.text.chars().all(|c| c.is_ascii_digit()) || NAME_JOINERS.contains(w.text)
                })
                .count();
            if caps >= 2 {
                let end = ws[caps - 1].end;
                return Attr::Found(Speaker::Named(block, head, end));
            }
            // "the Scottish government", "the Afghan military": a named institution.
            let institution = ws.get(caps).is_some_and(|w| INSTITUTION_NOUNS.contains(w.text));
            if caps >= 1 && institution && !lexicon::is_stop_word(ws[0].text) {
                let end = ws[caps].end;
                return Attr::Found(Speaker::Named(block, head, end));
            }
        }
        Attr::Unnamed
    }

    /// The person (else organisation) mentioned in a name-led phrase: the last person, as in
    /// "White House Press Secretary Dana Roe".
    fn best_in(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        let mut person = None;
        let mut org = None;
        for m in self.found.mentions_in(block, range) {
            match self.found.entities[m.entity].kind {
                // The first person ("Patrol Chief Jo Hall with the City Police Department").
                EntityKind::Person if person.is_none() => person = Some(m.entity),
                // The last organisation: "Parliament’s Joint Committee on …" is the committee.
                EntityKind::Organization => org = Some(m.entity),
                _ => {}
            }
        }
        person.or(org).map(Speaker::Entity)
    }

    /// The first person (else organisation) named in a range.
    fn first_mention(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        let ms: Vec<_> = self.found.mentions_in(block, range).collect();
        let pick = |kind| {
            ms.iter()
                .find(|m| self.found.entities[m.entity].kind == kind)
                .map(|m| m.entity)
        };
        pick(EntityKind::Person)
            .or_else(|| pick(EntityKind::Organization))
            .map(Speaker::Entity)
    }

    fn last_mention_before(&self, block: usize, pos: usize) -> Option<Speaker> {
        self.found
            .mentions_in(block, 0..pos)
            .filter(|m| {
                matches!(
                    self.found.entities[m.entity].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            })
            .last()
            .map(|m| Speaker::Entity(m.entity))
    }

    /// A person named earlier in the same sentence ("directives from Roe to “…”").
    fn nearby(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        let ms: Vec<_> = self.found.mentions_in(block, range).collect();
        ms.iter()
            .rev()
            .find(|m| self.found.entities[m.entity].kind == EntityKind::Person)
            .map(|m| Speaker::Entity(m.entity))
    }

    fn gender(&self, id: usize) -> Option<Gender> {
        self.found.genders.get(id).copied().flatten().or_else(|| {
            let first = self.found.entities[id].name.split_whitespace().next()?;
            lexicon::given_name_gender(first)
        })
    }

    /// "he"/"she": the most recent fitting subject or speaker.
    fn pronoun(&self, block: usize, at: usize, gender: Gender) -> Option<usize> {
        let mut seen = 0;
        self.look_back(block, at, 6, |r| {
            seen += 1;
            if seen > 30 {
                return Some(None);
            }
            (self.found.entities[r.entity].kind == EntityKind::Person
                && self.gender(r.entity).is_none_or(|g| g == gender))
            .then_some(Some(r.entity))
        })
        .flatten()
    }

    /// "it": the most recent organisation that spoke or acted.
    fn org_pronoun(&self, block: usize, at: usize) -> Option<usize> {
        let mut seen = 0;
        self.look_back(block, at, 3, |r| {
            seen += 1;
            if seen > 10 {
                return Some(None);
            }
            (self.found.entities[r.entity].kind == EntityKind::Organization).then_some(Some(r.entity))
        })
        .flatten()
    }

    fn most_recent(&self, ids: &[usize], block: usize, at: usize) -> Option<usize> {
        self.look_back(block, at, usize::MAX, |r| ids.contains(&r.entity).then_some(r.entity))
    }

    /// Offers `visit` who spoke or acted before `at` in `block` and in the `reach` blocks
    /// before it, most recent first, until it answers.
    fn look_back<T>(
        &self,
        block: usize,
        at: usize,
        reach: usize,
        mut visit: impl FnMut(Ref) -> Option<T>,
    ) -> Option<T> {
        let before = |b: usize, pos: usize| (b, pos) < (block, at) && block.saturating_sub(b) <= reach;
        let mut i = self.refs.borrow().len();
        while i > 0 {
            i -= 1;
            let entry = self.refs.borrow()[i];
            let r = match entry {
                Entry::Ref(r) if before(r.block, r.pos) => r,
                Entry::Sentence { index, start, .. } if before(self.blocks[index].block, start) => {
                    match self.settle(i) {
                        Some(r) => r,
                        None => continue,
                    }
                }
                _ => continue,
            };
            if let Some(found) = visit(r) {
                return Some(found);
            }
        }
        None
    }

    /// Works out the subject of the sentence at entry `i`. It depends only on the entries
    /// before it, whatever was read since: every later entry stands later in the story.
    fn settle(&self, i: usize) -> Option<Ref> {
        let nesting = self.nesting.get();
        if nesting >= MAX_NESTING {
            // Deep enough: work out every earlier sentence in reading order first, so none of
            // them needs to look further back than what is already worked out.
            for j in self.settled.get()..i {
                self.settle_one(j);
            }
        }
        self.nesting.set(nesting + 1);
        let r = self.settle_one(i);
        self.nesting.set(nesting);
        r
    }

    fn settle_one(&self, i: usize) -> Option<Ref> {
        let entry = self.refs.borrow()[i];
        let r = match entry {
            Entry::Ref(r) => return Some(r),
            Entry::Nobody => return None,
            Entry::Sentence { index, start, end } => {
                let b = &self.blocks[index];
                let words = self.words.replace(b.words);
                let subject = match self.sentence_speaker(b.block, b.text, start..end, start) {
                    Attr::Found(Speaker::Entity(e)) => Some(e),
                    _ => match self.first_mention(b.block, start..end) {
                        Some(Speaker::Entity(e)) => Some(e),
                        _ => None,
                    },
                };
                self.words.set(words);
                subject.map(|entity| Ref {
                    block: b.block,
                    pos: start,
                    entity,
                })
            }
        };
        self.refs.borrow_mut()[i] = r.map_or(Entry::Nobody, Entry::Ref);
        let refs = self.refs.borrow();
        let mut settled = self.settled.get();
        while settled < refs.len() && !matches!(refs[settled], Entry::Sentence { .. }) {
            settled += 1;
        }
        self.settled.set(settled);
        r
    }

    /// Notes each sentence of `blocks[index]` between `from` and `to` whose subject a later
    /// pronoun may stand for: the speaker of a reported-speech verb, else the first person or
    /// organisation named. Sentences with quotations already left their speakers behind.
    fn push_subjects(&mut self, index: usize, ends: &[usize], from: usize, to: usize, quotes: &[QuoteSpan]) {
        let mut start = from;
        let first = ends.partition_point(|&e| e <= from);
        let last = ends.partition_point(|&e| e < to);
        let mut q = quotes.partition_point(|q| q.close <= from);
        let refs = self.refs.get_mut();
        for &end in ends[first..last.max(first)].iter().chain(std::iter::once(&to)) {
            if end <= start {
                continue;
            }
            while q < quotes.len() && quotes[q].close <= start {
                q += 1;
            }
            let quoted = quotes[q..]
                .iter()
                .take_while(|x| x.open < end)
                .any(|x| x.close > start && x.quotation);
            if !quoted {
                refs.push(Entry::Sentence { index, start, end });
            }
            start = end;
        }
    }

    fn name(&self, s: Speaker, blocks: &[BlockText<'_>]) -> String {
        match s {
            Speaker::Entity(e) => self.found.entities[e].name.clone(),
            Speaker::Named(block, start, end) => blocks
                .iter()
                .find(|b| b.block == block)
                .and_then(|b| b.text.get(start..end))
                .unwrap_or("")
                .trim_end_matches(['’', '\''])
                .to_string(),
        }
    }

    /// Quotations in a headline, which uses single quotation marks: "‘…,’ exec says",
    /// "Roe on talks: ‘…’".
    fn headline(&self, h: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut all = single_spans(h);
        all.extend(spans(h));
        for q in all {
            let content = &h[q.start..q.end];
            if !is_quotation(content) {
                continue;
            }
            let before = h[..q.open].trim_end();
            let after = &h[q.close..];
            let mut speaker = None;
            if before.ends_with(':') {
                speaker = self.person_named_in(before);
            }
            if speaker.is_none() {
                let ws = words(after);
                if let Some(v) = ws.iter().take(6).position(|w| verb_at(w.text) == Some(false)) {
                    let np = after[..ws[v].start].trim();
                    speaker = self.person_named_in(np).or_else(|| {
                        np.split_whitespace().last().and_then(|n| {
                            // Of several people with the role, the story's main subject.
                            let ids = self
                                .found
                                .persons_with_role(n.trim_matches(|c: char| !c.is_alphanumeric()));
                            let best = ids.iter().max_by_key(|&&id| self.found.entities[id].mentions.len())?;
                            Some(self.found.entities[*best].name.clone())
                        })
                    });
                }
            }
            out.push(Quote {
                text: content.to_string(),
                speaker,
                anchor: None,
            });
        }
        out
    }

    /// The first person named in free text, by full name or surname.
    fn person_named_in(&self, s: &str) -> Option<String> {
        for w in words(s) {
            if !w.is_capitalized() {
                continue;
            }
            let hit = self.found.entities.iter().find(|e| {
                e.kind == EntityKind::Person && (e.name == w.text || e.name.rsplit(' ').next() == Some(w.text))
            });
            if let Some(e) = hit {
                return Some(e.name.clone());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;
    use crate::entities::{self, Span};

    fn pairs(text: &str) -> Vec<(&str, bool)> {
        spans(text)
            .into_iter()
            .map(|q| (&text[q.start..q.end], q.closed))
            .collect()
    }

    #[test]
    fn marks_pair_by_position() {
        let rows: &[(&str, &[(&str, bool)])] = &[
            (
                "“A b c d,” he said, “e f g h.”",
                &[("A b c d,", true), ("e f g h.", true)],
            ),
            ("\"A b,\" he said.", &[("A b,", true)]),
            (
                "“When all is done,“ he said, “we go.”",
                &[("When all is done,", true), ("we go.", true)],
            ),
            (
                "“We had demand and continue to see ” Roe said.",
                &[("We had demand and continue to see", true)],
            ),
            (
                "She said: “I would like to stress this.",
                &[("I would like to stress this.", false)],
            ),
            (
                "““This is a very unfair trial,” he said.",
                &[("This is a very unfair trial,", true)],
            ),
            (
                "“Operating is hard,” Roe said. “ I love it.”",
                &[("Operating is hard,", true), ("I love it.", true)],
            ),
            ("no quotes here", &[]),
            ("“", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(pairs(text), *want, "{text}");
        }
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        assert!(!is_quotation("foreign agent"));
        assert!(!is_quotation("Wait, Wait … Don’t Tell Me!"));
        assert!(!is_quotation("The World of Tomorrow."));
        assert!(is_quotation("quick exam and labs"));
        assert!(is_quotation("We will not accept attempts,"));
    }

    /// Runs entity and quote extraction over invented paragraphs.
    fn quotes_of(paragraphs: &[&str], headline: Option<&str>) -> Vec<Quote> {
        let words: Vec<Vec<Word<'_>>> = paragraphs.iter().map(|t| super::words(t)).collect();
        let marks: Vec<Vec<QuoteSpan>> = paragraphs.iter().map(|t| spans(t)).collect();
        let ents: Vec<Span<'_>> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| Span {
                block: i,
                text: t,
                range: 0..t.len(),
                skip: vec![],
                no_people: false,
                words: &words[i],
            })
            .collect();
        let found = entities::extract(&ents, &Registry::default());
        let blocks: Vec<BlockText<'_>> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| BlockText {
                block: i,
                text: t,
                from: 0,
                words: &words[i],
                spans: &marks[i],
            })
            .collect();
        extract(&blocks, &found, headline)
    }

    fn run(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        quotes_of(paragraphs, None)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn attribution_shapes() {
        let got = run(&[
            "Defense Secretary Mark Ross visited the port on Monday.",
            "“We will not accept threats against our partners,” Ross said in a speech.",
            "Later, Ross said, “We strongly oppose violations of the law.”",
            "“The harbour will reopen next spring as planned,” said Dana Cole, the port director.",
            "Cole said: “I would like to thank the crews who worked all night.",
            "“They kept the channel open through the storm and saved the season.”",
            "“Every cargo is sold at a loss,” she said. “The question is how large a loss.”",
        ]);
        let want = vec![
            (
                "We will not accept threats against our partners,".to_string(),
                s("Mark Ross"),
            ),
            ("We strongly oppose violations of the law.".to_string(), s("Mark Ross")),
            (
                "The harbour will reopen next spring as planned,".to_string(),
                s("Dana Cole"),
            ),
            (
                "I would like to thank the crews who worked all night.".to_string(),
                s("Dana Cole"),
            ),
            (
                "They kept the channel open through the storm and saved the season.".to_string(),
                s("Dana Cole"),
            ),
            ("Every cargo is sold at a loss,".to_string(), s("Dana Cole")),
            ("The question is how large a loss.".to_string(), s("Dana Cole")),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn pronouns_resolve_through_long_chains_of_subjects() {
        // Every "He said …" sentence stands for the mayor through the one before it: far more
        // sentences than subjects are worked out inside one another.
        let mut story = String::from("Mayor Tom Reed opened the bridge on Monday.");
        for _ in 0..300 {
            story.push_str(" He said the work was done.");
        }
        let quote = "“The bridge will carry traffic from the first of May,” he said.";
        let got = run(&[&story, "Reporters gathered at the river.", quote]);
        assert_eq!(
            got,
            vec![(
                "The bridge will carry traffic from the first of May,".to_string(),
                s("Tom Reed")
            )]
        );
    }

    #[test]
    fn titles_relative_clauses_and_organisations() {
        let got = run(&[
            "Russian President Ivan Petrov met Prime Minister Olga Berg on Tuesday.",
            "“Our ties will improve over the coming year,” the president added.",
            "The embassy quoted Vera Lind, who said that she “valued the frank and open review.”",
            "Officials took the decision to “discontinue the investigation into the case”, the Swedish Prosecution Authority said.",
            "“The evidence has weakened over the long period of time,” it added.",
        ]);
        assert_eq!(got[0].1, s("Ivan Petrov"));
        assert_eq!(got[1].1, s("Vera Lind"));
        assert_eq!(got[2].1, s("Swedish Prosecution Authority"));
        assert_eq!(got[3].1, s("Swedish Prosecution Authority"));
    }

    #[test]
    fn organisations_and_unnamed_speakers() {
        let got = run(&[
            "The trade counsellor, Li Wen, said that “all kinds of restrictions” hurt trade.",
            "“The market has the potential to grow much faster this year,” the diplomat said.",
            "On Monday, the People’s Daily, the mouthpiece of the ruling party, warned that there is “absolutely no room for compromise”.",
        ]);
        assert_eq!(got[0].1, s("Li Wen"));
        assert_eq!(got[1].1, None);
        assert_eq!(got[2].1, s("People’s Daily"));
    }

    #[test]
    fn headline_quotes() {
        let got = quotes_of(
            &["Walt Disney Co. executive Kevin Dale said demand was high."],
            Some("‘We had some issues,’ exec says on streaming glitches"),
        );
        assert_eq!(got[0].text, "We had some issues,");
        assert_eq!(got[0].speaker, s("Kevin Dale"));
    }

    #[test]
    fn dialogue_alternates() {
        let got = run(&[
            "Justice Samuel Ortiz questioned Solicitor General Elizabeth Marsh.",
            "“That can be true in some cases,” Marsh said.",
            "“But there is some risk here,” Ortiz interjected. “Do you dispute that?”",
            "“There can be a very minimal risk for some people.”",
        ]);
        assert_eq!(got.last().unwrap().1, s("Elizabeth Marsh"));
    }
}
