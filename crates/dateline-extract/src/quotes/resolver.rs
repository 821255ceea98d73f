//! Who a name, a pronoun or a title in an attribution stands for.
//!
//! The resolver keeps a running list of who spoke or acted, in reading order, so a pronoun
//! ("he said") can stand for the most recent fitting subject and a title ("the president
//! added") for the most recent person given it. Names resolve through the entities the entity
//! finder already linked (full names, surnames, aliases).

use std::cell::{Cell, RefCell};
use std::ops::Range;

use crate::model::{EntityKind, Quote};

use super::super::entities::Found;
use super::super::gazetteer;
use super::super::lexicon::{self, Gender};
use super::super::text::{Word, sentence_ends, words};
use super::BlockText;
use super::attribution::{Attr, SPOKESPERSON_RULE, verb_at};
use super::marks::{QuoteSpan, is_quotation, single_spans, spans};

/// A person's name without the titles and honorifics before it ("Dr. Jane Roe", "Sen. John
/// Doe"), as long as a first name and surname remain: a royal "Prince Jon" keeps the title his
/// name is never written without. Of a name not known to be a person's, only an abbreviated
/// title is dropped ("Dr. Jane Roe", but "Doctor Acme Inc." stays).
fn without_titles(name: &str, person: bool) -> &str {
    let mut rest = name;
    while let Some((first, tail)) = rest.split_once(' ') {
        let title = lexicon::is_title(first) && (person || first.ends_with('.'));
        if !title || !tail.contains(' ') {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

/// Who spoke, as far as the text lets us tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Speaker {
    Entity(usize),
    /// A proper-noun phrase that is not a known entity ("the Harbour Dues Act of 1974"): block
    /// and byte range.
    Named(usize, usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Ref {
    block: usize,
    pos: usize,
    entity: usize,
    /// An organisation that spoke through its spokesperson ("an Acme spokesman said"), whom a
    /// later "he said" or "the spokesman said" stands for.
    spokesperson: bool,
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

/// How many blocks back an organisation described by its kind ("the company said") may have
/// been named.
const ORGANISATION_REACH: usize = 8;

/// How many blocks back the story may have said who issued the document a quote is read from
/// ("the statement continued"): a statement is often quoted over many paragraphs.
const DOCUMENT_REACH: usize = 16;

/// The most entries, from the latest back, that one look-up for an earlier speaker examines.
const LOOK_BACK_ENTRIES: usize = 1024;

pub(super) struct Resolver<'a> {
    pub(super) found: &'a Found,
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

impl<'a> Resolver<'a> {
    pub(super) fn new(found: &'a Found, blocks: &'a [BlockText<'a>]) -> Resolver<'a> {
        Resolver {
            found,
            blocks,
            refs: RefCell::new(Vec::new()),
            settled: Cell::new(0),
            nesting: Cell::new(0),
            words: Cell::new(&[]),
        }
    }

    /// Starts reading a block with these words.
    pub(super) fn set_words(&self, words: &'a [Word<'a>]) {
        self.words.set(words);
    }

    /// The current block's words inside `range`.
    pub(super) fn words_in(&self, range: Range<usize>) -> &'a [Word<'a>] {
        let words = self.words.get();
        let from = words.partition_point(|w| w.start < range.start);
        let to = words.partition_point(|w| w.end <= range.end).max(from);
        &words[from..to]
    }

    /// Notes that `entity` spoke at `pos`, for later pronouns and titles.
    pub(super) fn note_speaker(&mut self, block: usize, pos: usize, entity: usize, spokesperson: bool) {
        self.refs.get_mut().push(Entry::Ref(Ref {
            block,
            pos,
            entity,
            spokesperson,
        }));
    }

    pub(super) fn kind(&self, entity: usize) -> EntityKind {
        self.found.entities[entity].kind
    }

    /// The person (else organisation) mentioned in a name-led phrase: the last person, as in
    /// "City Hall Press Secretary Dana Roe".
    pub(super) fn best_in(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        let mut person = None;
        let mut org = None;
        for m in self.found.mentions_in(block, range) {
            match self.kind(m.entity) {
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
    pub(super) fn first_mention(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        let pick = |kind| {
            self.found
                .mentions_in(block, range.clone())
                .find(|m| self.kind(m.entity) == kind)
                .map(|m| m.entity)
        };
        pick(EntityKind::Person)
            .or_else(|| pick(EntityKind::Organization))
            .map(Speaker::Entity)
    }

    /// The first person (else organisation) a sentence names as a subject may be named: not
    /// by a possessive ("Roe’s lawyer", "a night at Roe’s house" are about someone else).
    fn first_subject_mention(&self, block: usize, text: &str, range: Range<usize>) -> Option<usize> {
        let pick = |kind| {
            self.found
                .mentions_in(block, range.clone())
                .filter(|m| !text[m.end..].starts_with(['’', '\'']))
                .find(|m| self.kind(m.entity) == kind)
                .map(|m| m.entity)
        };
        pick(EntityKind::Person).or_else(|| pick(EntityKind::Organization))
    }

    /// The entity mentioned right at the start of `range`.
    pub(super) fn mention_at(&self, block: usize, range: Range<usize>) -> Option<usize> {
        let start = range.start;
        let m = self.found.mentions_in(block, range).next()?;
        (m.start == start).then_some(m.entity)
    }

    /// The last person or organisation mentioned before `pos`.
    pub(super) fn last_mention_before(&self, block: usize, pos: usize) -> Option<Speaker> {
        self.found
            .mentions_in(block, 0..pos)
            .filter(|m| matches!(self.kind(m.entity), EntityKind::Person | EntityKind::Organization))
            .last()
            .map(|m| Speaker::Entity(m.entity))
    }

    /// The organisation named last before `at`, in its block or the few before it. With a
    /// noun, one whose name holds it comes first ("the bank" is "Acme Bank" even after a
    /// mention of Roe Corp), and with `(noun, true)` only such an organisation will do.
    pub(super) fn recent_organisation(&self, block: usize, at: usize, noun: Option<(&str, bool)>) -> Option<usize> {
        let end = self
            .found
            .mentions
            .partition_point(|m| (m.block, m.start) < (block, at));
        let mut nearest = None;
        for m in self.found.mentions[..end].iter().rev() {
            if block - m.block > ORGANISATION_REACH {
                break;
            }
            // The wire agency that reports the story ("(Reuters)", "told Reuters") is no
            // company, board or ministry the story quotes.
            if self.kind(m.entity) != EntityKind::Organization
                || gazetteer::agency(&self.found.entities[m.entity].name).is_some()
            {
                continue;
            }
            let Some((noun, _)) = noun else {
                return Some(m.entity);
            };
            let name = &self.found.entities[m.entity].name;
            // The noun as written or in the plural ("the production company", "… Productions").
            let holds = |w: &str| {
                w.eq_ignore_ascii_case(noun)
                    || w.len() == noun.len() + 1 && w.ends_with('s') && w[..noun.len()].eq_ignore_ascii_case(noun)
            };
            if name.split_whitespace().any(holds) {
                return Some(m.entity);
            }
            nearest = nearest.or(Some(m.entity));
        }
        nearest.filter(|_| noun.is_some_and(|(_, strict)| !strict))
    }

    /// Who issued the document a later "the statement" stands for: the person or organisation
    /// named before the noun in the last sentence before `pos` that introduces one ("Acme Corp
    /// issued a statement", "Roe said in her letter"), outside quotations, in this block or
    /// the few before it. Sentences that introduce the document without naming its issuer
    /// first ("The company denied it in a statement") are passed over.
    pub(super) fn issuer_of_document(&self, noun: &str, block: usize, pos: usize) -> Option<usize> {
        let here = self.blocks.iter().position(|b| b.block == block)?;
        for b in self.blocks[here.saturating_sub(DOCUMENT_REACH)..=here].iter().rev() {
            let ends = sentence_ends(b.text);
            // In the phrase's own block, only sentences before the phrase's own.
            let limit = if b.block == block {
                ends.iter().copied().rfind(|&e| e <= pos).unwrap_or(0)
            } else {
                b.text.len()
            };
            let quoted = |pos: usize| b.spans.iter().any(|q| q.quotation && (q.start..q.end).contains(&pos));
            let words = &b.words[..b.words.partition_point(|w| w.end <= limit)];
            // A document is introduced as "a statement", "its report", "a separate letter";
            // "the letter" refers to one already introduced.
            let introduced = |i: usize| {
                words[i.saturating_sub(2)..i]
                    .iter()
                    .any(|w| matches!(w.text, "a" | "an" | "its" | "his" | "her" | "their"))
            };
            let mentions = words
                .iter()
                .enumerate()
                .rev()
                .filter(|&(i, w)| w.text.eq_ignore_ascii_case(noun) && !quoted(w.start) && introduced(i))
                .map(|(_, w)| w);
            for w in mentions {
                let i = ends.partition_point(|&e| e <= w.start);
                let start = if i == 0 { 0 } else { ends[i - 1] };
                let issuer = self.found.mentions_in(b.block, start..w.start).find(|m| {
                    matches!(self.kind(m.entity), EntityKind::Person | EntityKind::Organization) && !quoted(m.start)
                });
                if let Some(m) = issuer {
                    return Some(m.entity);
                }
            }
        }
        None
    }

    /// Runs `f` with the words of another block.
    pub(super) fn with_words<T>(&self, words: &'a [Word<'a>], f: impl FnOnce() -> T) -> T {
        let saved = self.words.replace(words);
        let out = f();
        self.words.set(saved);
        out
    }

    /// The last person named in a range ("directives from Roe to “…”").
    pub(super) fn nearby(&self, block: usize, range: Range<usize>) -> Option<Speaker> {
        self.found
            .mentions_in(block, range)
            .filter(|m| self.kind(m.entity) == EntityKind::Person)
            .last()
            .map(|m| Speaker::Entity(m.entity))
    }

    fn gender(&self, id: usize) -> Option<Gender> {
        self.found.genders.get(id).copied().flatten().or_else(|| {
            let first = self.found.entities[id].name.split_whitespace().next()?;
            lexicon::given_name_gender(first)
        })
    }

    /// "he"/"she": the most recent fitting subject or speaker.
    pub(super) fn pronoun(&self, block: usize, at: usize, gender: Gender) -> Option<usize> {
        let mut seen = 0;
        self.look_back(block, at, 6, |r| {
            seen += 1;
            if seen > 30 {
                return Some(None);
            }
            let person = self.kind(r.entity) == EntityKind::Person && self.gender(r.entity).is_none_or(|g| g == gender);
            (person || r.spokesperson).then_some(Some(r.entity))
        })
        .flatten()
    }

    /// "it": the most recent organisation that spoke or acted.
    pub(super) fn org_pronoun(&self, block: usize, at: usize) -> Option<usize> {
        let mut seen = 0;
        self.look_back(block, at, 3, |r| {
            seen += 1;
            if seen > 10 {
                return Some(None);
            }
            (self.kind(r.entity) == EntityKind::Organization).then_some(Some(r.entity))
        })
        .flatten()
    }

    /// The organisation that is the subject of the last sentence before `at`, in this block
    /// or the one before: what "they" stands for where British usage treats a body as plural
    /// ("Acme Records have denied it. “…,” they said.").
    /// The body must open its sentence and take a plural verb there ("have", "are"), the
    /// usage that lets "they" stand for it.
    pub(super) fn plural_organisation(&self, block: usize, at: usize) -> Option<usize> {
        let r = self.look_back(block, at, 1, Some)?;
        if self.kind(r.entity) != EntityKind::Organization {
            return None;
        }
        let text = self.blocks.iter().find(|b| b.block == r.block)?.text;
        let m = self
            .found
            .mentions_in(r.block, r.pos..text.len())
            .find(|m| m.entity == r.entity)?;
        let opens = matches!(text[r.pos..m.start].trim(), "" | "The");
        let verb = text[m.end..].split_whitespace().next().unwrap_or_default();
        (opens && matches!(verb, "have" | "are" | "were" | "say")).then_some(r.entity)
    }

    /// The one organisation of the story whose name opens with `word` ("Acme" for Acme Widget
    /// Corp): the short form a story uses after introducing the full name.
    pub(super) fn organisation_opening_with(&self, word: &str) -> Option<usize> {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let word = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        if !word.chars().next().is_some_and(char::is_uppercase) || lexicon::is_stop_word(word) {
            return None;
        }
        let mut orgs = self
            .found
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Organization && e.name.split_whitespace().next() == Some(word));
        let (id, _) = orgs.next()?;
        orgs.next().is_none().then_some(id)
    }

    /// The organisation whose spokesperson spoke last before `at`, in its block or the few
    /// before it: "the spokesman said" after "an Acme spokesman said".
    pub(super) fn recent_spokesperson(&self, block: usize, at: usize) -> Option<usize> {
        self.look_back(block, at, 3, |r| r.spokesperson.then_some(r.entity))
    }

    /// Of `ids`, the one that spoke or acted last before `at`.
    pub(super) fn most_recent(&self, ids: &[usize], block: usize, at: usize) -> Option<usize> {
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
        // Entries are examined from the latest, and those after `at` or settled to nobody are
        // passed over without counting, so a paragraph of thousands of quotations would make
        // every look-up walk the whole story. No pronoun or title reaches that far back in a
        // real story (they hold a few hundred entries); the bound keeps hostile ones linear.
        let stop = i.saturating_sub(LOOK_BACK_ENTRIES);
        while i > stop {
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
            Entry::Sentence { index, start, end } => self.sentence_subject(index, start, end),
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

    /// The subject of a sentence: the speaker of its speech verb, else the first person or
    /// organisation it names.
    fn sentence_subject(&self, index: usize, start: usize, end: usize) -> Option<Ref> {
        let b = &self.blocks[index];
        let words = self.words.replace(b.words);
        let subject = match self.sentence_speaker(b.block, b.text, start..end, start) {
            Attr::Found(Speaker::Entity(e), rule) => Some((e, rule == SPOKESPERSON_RULE)),
            _ => match self.leading_pronoun(b.block, b.text, start..end) {
                Some(e) => Some((e, false)),
                None => self
                    .first_subject_mention(b.block, b.text, start..end)
                    .map(|e| (e, false)),
            },
        };
        self.words.set(words);
        subject.map(|(entity, spokesperson)| Ref {
            block: b.block,
            pos: start,
            entity,
            spokesperson,
        })
    }

    /// "He was seen with Roe.", "On Monday, she met Roe.": a sentence whose subject is a
    /// pronoun, opening it or its first clause before anyone is named, goes on with the person
    /// the pronoun stands for (not with the first person it names).
    fn leading_pronoun(&self, block: usize, text: &str, range: Range<usize>) -> Option<usize> {
        let named_from = self
            .found
            .mentions_in(block, range.clone())
            .next()
            .map_or(range.end, |m| m.start);
        let ws = self.words_in(range.start..named_from);
        let opens_clause = |w: &&Word<'_>| {
            let before = text[range.start..w.start].trim_end();
            before.is_empty() || before.ends_with(',')
        };
        let gender = ws.iter().take(8).filter(opens_clause).find_map(|w| match w.text {
            "He" | "he" => Some(Gender::Male),
            "She" | "she" => Some(Gender::Female),
            _ => None,
        })?;
        self.pronoun(block, range.start, gender)
    }

    /// Notes each sentence of `blocks[index]` between `from` and `to` whose subject a later
    /// pronoun may stand for: the speaker of a reported-speech verb, else the first person or
    /// organisation named. Sentences with quotations already left their speakers behind.
    pub(super) fn push_subjects(&mut self, index: usize, ends: &[usize], from: usize, to: usize, quotes: &[QuoteSpan]) {
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

    /// The speaker's name as the output gives it: a person by the bare name as first
    /// introduced ("Dr. Jane Roe" and a later "Roe" are both Jane Roe), an organisation or an
    /// unknown proper noun as written.
    pub(super) fn name(&self, s: Speaker) -> String {
        let (name, person) = match s {
            Speaker::Entity(e) => (self.found.entities[e].name.as_str(), self.kind(e) == EntityKind::Person),
            Speaker::Named(block, start, end) => {
                let text = self
                    .blocks
                    .iter()
                    .find(|b| b.block == block)
                    .and_then(|b| b.text.get(start..end));
                (text.unwrap_or("").trim_end_matches(['’', '\'']), true)
            }
        };
        let bare = without_titles(name, person);
        if !person {
            return bare.to_string();
        }
        self.introduced_as(bare).unwrap_or(bare).to_string()
    }

    /// The full name a person given by one name alone was introduced by: "Roe" after "Jane
    /// Roe", when every named person of the story with that surname is the same; else, for
    /// names written family name first ("Kim" after "Kim Min-jun") or a person called by the
    /// given name ("Jane" after "Jane Roe"), the one person whose name opens with it.
    fn introduced_as(&self, surname: &str) -> Option<&str> {
        if surname.contains(' ') || !surname.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let by_surname = self.the_one_name(surname, |n| n.rsplit(' ').next() == Some(surname));
        match by_surname {
            Some(found) => found,
            None => self
                .the_one_name(surname, |n| n.split(' ').next() == Some(surname))
                .flatten(),
        }
    }

    /// Of the full names (without titles) longer than `short` that `fits`: `None` when there
    /// is none, `Some(None)` when they differ, else `Some` of the one name.
    fn the_one_name(&self, short: &str, fits: impl Fn(&str) -> bool) -> Option<Option<&str>> {
        let mut full = self
            .found
            .entities
            .iter()
            .filter(|e| e.kind != EntityKind::Place)
            .map(|e| without_titles(&e.name, e.kind == EntityKind::Person))
            .filter(|n| n.len() > short.len() && n.contains(' ') && fits(n));
        let first = full.next()?;
        Some(full.all(|n| n == first).then_some(first))
    }

    /// Quotations in a headline, which uses single quotation marks: "‘…,’ exec says",
    /// "Roe on talks: ‘…’".
    pub(super) fn headline(&self, h: &str) -> Vec<Quote> {
        let mut all = single_spans(h);
        all.extend(spans(h));
        all.into_iter()
            .filter(|q| is_quotation(&h[q.start..q.end]))
            .map(|q| Quote {
                text: h[q.start..q.end].to_string(),
                speaker: self.headline_speaker(h, q),
                anchor: None,
            })
            .collect()
    }

    /// "Roe on talks: ‘…’", "‘…’, Roe says", "‘…,’ exec says" (the person with that role).
    fn headline_speaker(&self, h: &str, q: QuoteSpan) -> Option<String> {
        let before = h[..q.open].trim_end();
        if before.ends_with(':')
            && let Some(name) = self.person_named_in(before)
        {
            return Some(name);
        }
        let after = &h[q.close..];
        let ws = words(after);
        let v = ws.iter().take(6).position(|w| verb_at(w.text) == Some(false))?;
        let np = after[..ws[v].start].trim();
        self.person_named_in(np).or_else(|| {
            let role = np.split_whitespace().last()?;
            // Of several people with the role, the story's main subject.
            let ids = self
                .found
                .persons_with_role(role.trim_matches(|c: char| !c.is_alphanumeric()));
            let best = ids.iter().max_by_key(|&&id| self.found.entities[id].mentions.len())?;
            Some(self.found.entities[*best].name.clone())
        })
    }

    /// The first person named in free text, by full name or surname.
    fn person_named_in(&self, s: &str) -> Option<String> {
        words(s).iter().filter(|w| w.is_capitalized()).find_map(|w| {
            self.found
                .entities
                .iter()
                .find(|e| {
                    e.kind == EntityKind::Person && (e.name == w.text || e.name.rsplit(' ').next() == Some(w.text))
                })
                .map(|e| e.name.clone())
        })
    }
}
