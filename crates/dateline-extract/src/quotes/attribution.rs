//! Attribution grammar: who the clause next to a quotation says spoke.
//!
//! A clause after a quotation names its speaker before or after a speech verb (`"…," Roe
//! said`, `"…," said Dana Cole, the …`); a clause before it ends in a speech verb, a colon or
//! "according to" (`Roe said, "…"`, `Ms Vane said: "…"`). The words before a speech verb are
//! split at commas and dashes into parts, nearest first, and each part is offered to the
//! subject rules ([`SUBJECT_RULES`]): a pronoun, an unnamed subject ("officials"), a relative
//! clause, a name, or a description ("the senator") read later by the noun-phrase rules
//! ([`PHRASE_RULES`]). Every rule is a small function returning a verdict or passing.

use std::ops::Range;

use crate::model::EntityKind;

use super::super::fasthash::with_lowercase;
use super::super::lexicon::{self, Gender};
use super::super::lists::{
    ATTRIBUTION_FILLERS, BODY_NOUNS, CLAUSE_CONJUNCTIONS, COMMA_LEGAL_FORMS, COMPOUND_PAST_AUXILIARIES, DOCUMENT_NOUNS,
    INSTITUTION_NOUNS, NAME_JOINERS, POST_QUALIFIERS, RELATIVE_PRONOUNS, ROLE_QUALIFIERS, SPEAKER_DETERMINERS,
    SPOKESPERSON_NOUNS, UNNAMED_PERSON_NOUNS, UNNAMED_SUBJECTS,
};
use super::super::text::{Word, is_double_quote, sentence_ends};
use super::resolver::{Resolver, Speaker};
use super::{BlockText, QuoteAt, Rule};

/// What an attribution clause says about the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Attr {
    /// A speaker, and the rule that found it.
    Found(Speaker, Rule),
    /// A speech verb with a speaker we cannot name ("the diplomat said", "Officials said").
    Unnamed,
    Nothing,
}

impl Attr {
    pub(super) fn speaker(self) -> Option<Speaker> {
        match self {
            Attr::Found(s, _) => Some(s),
            _ => None,
        }
    }

    /// A speaker whose rule is named by the table that applies it.
    fn found(s: Speaker) -> Attr {
        Attr::Found(s, "")
    }

    /// Names the rule that decided, unless a rule nested inside it already did.
    fn named(self, rule: Rule) -> Attr {
        match self {
            Attr::Found(s, "") => Attr::Found(s, rule),
            other => other,
        }
    }
}

/// How many words after a quotation its speech verb may stand: `"…," Dana Cole, a researcher
/// at the Acme Institute for Coastal Studies in Port Lewis and co-author of the study, said`.
const AFTER_VERB_WITHIN: usize = 40;

/// Words that may sit between a speaker and the verb ("Roe allegedly told").
fn is_filler(w: &str) -> bool {
    ATTRIBUTION_FILLERS.contains(w) || w.ends_with("ly") && w.len() > 4 && w.chars().all(char::is_lowercase)
}

/// `Some(false)` for a speech verb ("said"), `Some(true)` for a participle ("saying").
pub(super) fn verb_at(w: &str) -> Option<bool> {
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

/// Where the attribution after a quote can end: the next quote or the end of the sentence.
/// Also says whether a sentence end was found before the next quote.
fn clause_end(text: &str, from: usize, next_open: usize) -> (usize, bool) {
    let limit = next_open.min(text.len()).max(from);
    let slice = &text[from..limit];
    for (i, c) in slice.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';') {
            // After the whole space: a space may be wider than a byte (U+00A0, U+2005).
            let word_start = slice[..i]
                .char_indices()
                .rev()
                .find(|(_, ch)| ch.is_whitespace())
                .map_or(0, |(w, ch)| w + ch.len_utf8());
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

/// A stretch of a block read for an attribution, and the quote it attributes.
#[derive(Clone)]
pub(super) struct Clause<'t> {
    pub block: usize,
    pub text: &'t str,
    pub range: Range<usize>,
    /// Where the quotation opens: pronouns look back from here.
    pub at: usize,
}

impl<'t> Clause<'t> {
    fn with_range(&self, range: Range<usize>) -> Clause<'t> {
        Clause { range, ..self.clone() }
    }
}

/// The bytes a clause separator in [`clause_parts`] can start with: `,;()"` and the lead bytes
/// of dashes and typographic quotation marks.
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

/// The comma-, dash- and bracket-separated parts of `range`, in text order.
fn clause_parts(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let segment = &text[range.clone()];
    let mut parts = Vec::new();
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
        if len > 0 && !(b == b',' && legal_form_after(&segment[i + 1..])) {
            parts.push(range.start + start..range.start + i);
            start = i + len;
        }
    }
    parts.push(range.start + start..range.end);
    parts
}

/// " Inc., says": the comma before a company's legal form ("Acme Widgets, Inc.") is part of
/// its name, and parts nothing.
fn legal_form_after(rest: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(|r| r.split([' ', ',', ';']).next())
        .is_some_and(|w| COMMA_LEGAL_FORMS.contains(w))
}

/// A word lower-cased on the stack when it is short ASCII (most are), else on the heap: the
/// subject rules run for every clause before a speech verb.
enum Lowered {
    Stack([u8; 32], usize),
    Heap(String),
}

impl Lowered {
    fn new(w: &str) -> Lowered {
        if w.len() <= 32 && w.is_ascii() {
            let mut buf = [0u8; 32];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            Lowered::Stack(buf, w.len())
        } else {
            Lowered::Heap(w.to_lowercase())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Lowered::Stack(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
            Lowered::Heap(s) => s,
        }
    }
}

/// One part of the words before a speech verb, trimmed of fillers and leading conjunctions.
struct Part<'t> {
    clause: Clause<'t>,
    /// The trimmed part (`clause.range` is the part as split).
    t: &'t str,
    t_start: usize,
    word0: &'t str,
    word1: Option<&'t str>,
    /// The first word lower-cased, before trimming its punctuation.
    lowered: Lowered,
    /// The number of words, counted no further than 15 (only small counts matter).
    count: usize,
}

impl<'t> Part<'t> {
    fn read(clause: &Clause<'t>, part: Range<usize>) -> Option<Part<'t>> {
        let text = clause.text;
        let mut p = part;
        // Drop fillers at the end ("Roe allegedly", "Yuri Roe also").
        loop {
            let t = text[p.clone()].trim_end();
            match t.rsplit(char::is_whitespace).next() {
                Some(last) if !last.is_empty() && is_filler(last) && t.len() > last.len() => {
                    p.end = p.start + t.len() - last.len();
                }
                _ => break,
            }
        }
        // Leading conjunctions belong to the clause, not the subject ("as X has pointed out").
        loop {
            let t = text[p.clone()].trim_start();
            let lead = p.start + (text[p.clone()].len() - t.len());
            match t.split_once(char::is_whitespace) {
                Some((first, rest)) if CLAUSE_CONJUNCTIONS.contains_lowercase_of(first) && !rest.trim().is_empty() => {
                    p.start = lead + first.len();
                }
                _ => break,
            }
        }
        let t = text[p.clone()].trim();
        if t.is_empty() {
            return None;
        }
        let t_start = p.start + (text[p.clone()].len() - text[p.clone()].trim_start().len());
        let mut words = t.split_whitespace();
        let word0 = words.next().unwrap_or_default();
        let word1 = words.next();
        let count = 1 + usize::from(word1.is_some()) + words.take(13).count();
        Some(Part {
            clause: clause.with_range(t_start..p.end),
            t,
            t_start,
            word0,
            word1,
            lowered: Lowered::new(word0),
            count,
        })
    }

    /// The first word, lower-cased and without punctuation.
    fn first(&self) -> &str {
        self.lowered.as_str().trim_matches(|c: char| !c.is_alphanumeric())
    }
}

/// What a subject rule made of one part.
enum PartVerdict {
    /// The part settles the attribution.
    Speaker(Attr),
    /// A description ("the diplomat", "a spokeswoman"), read if no part names anyone.
    Description,
    /// An appositive that says nothing of who spoke ("R-Neb."): the next part is read.
    Aside,
}

/// A way the words before a speech verb name its subject.
type SubjectRule = fn(&Resolver<'_>, &Part<'_>) -> Option<PartVerdict>;

/// The subject rules, in the order they are tried on each part, nearest part first.
const SUBJECT_RULES: &[(Rule, SubjectRule)] = &[
    ("party_and_state", party_and_state),
    ("pronoun_subject", pronoun_subject),
    ("organisation_pronoun_subject", organisation_pronoun_subject),
    ("plural_organisation_subject", plural_organisation_subject),
    ("unnamed_subject", unnamed_subject),
    ("relative_clause_subject", relative_clause_subject),
    ("conjunction_then_pronoun", conjunction_then_pronoun),
    ("description_subject", description_subject),
    ("unnamed_official_subject", unnamed_official_subject),
    ("post_held_in_a_body", post_held_in_a_body),
    ("named_subject", named_subject),
    ("described_name_subject", described_name_subject),
];

/// "Sen. Jane Roe, D-Ore., said": the U.S. party-and-state designation after a lawmaker's
/// name (a party initial, a hyphen, a state or its abbreviation) is an aside, not a speaker.
fn party_and_state(_: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    let (party, state) = p.t.split_once('-')?;
    let state_like = state.chars().next().is_some_and(char::is_uppercase)
        && state.len() <= 16
        && state.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | ' '));
    (p.count <= 2 && matches!(party, "R" | "D" | "I") && state_like).then_some(PartVerdict::Aside)
}

/// "he said", "she added": the last named person of that gender.
fn pronoun_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    (p.count == 1).then_some(())?;
    personal_pronoun(cx, p, p.first())
}

/// The last named person of the gender of `pronoun` ("he", "she"), for the part's clause.
fn personal_pronoun(cx: &Resolver<'_>, p: &Part<'_>, pronoun: &str) -> Option<PartVerdict> {
    let gender = match pronoun {
        "he" => Gender::Male,
        "she" => Gender::Female,
        _ => return None,
    };
    Some(PartVerdict::Speaker(cx.pronoun_attr(
        p.clause.block,
        p.clause.at,
        gender,
    )))
}

/// "it said": the last organisation that spoke or acted.
fn organisation_pronoun_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    (p.first() == "it" && p.count == 1).then(|| PartVerdict::Speaker(cx.org_pronoun_attr(p.clause.block, p.clause.at)))
}

/// "Acme Records have denied it. “…,” they said.": a body the last sentence was about, in
/// British usage plural.
fn plural_organisation_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    if !(p.count == 1 && p.first() == "they") {
        return None;
    }
    let e = cx.plural_organisation(p.clause.block, p.clause.at)?;
    Some(PartVerdict::Speaker(Attr::found(Speaker::Entity(e))))
}

/// "officials said", "they said": speakers the story does not name.
fn unnamed_subject(_: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    (p.count == 1 && UNNAMED_SUBJECTS.contains(p.first())).then_some(PartVerdict::Speaker(Attr::Unnamed))
}

/// "Lind, who said that …", "Roe, que declaró": the name before the relative clause.
fn relative_clause_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    RELATIVE_PRONOUNS.contains(p.first()).then(|| {
        let attr = cx
            .last_mention_before(p.clause.block, p.t_start)
            .map_or(Attr::Unnamed, Attr::found);
        PartVerdict::Speaker(attr)
    })
}

/// "… because he said": a pronoun after a conjunction that opens the clause.
fn conjunction_then_pronoun(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    if p.count != 2 || !CLAUSE_CONJUNCTIONS.contains(p.first()) {
        return None;
    }
    personal_pronoun(cx, p, &p.word1?.to_lowercase())
}

/// "the diplomat said", "a spokeswoman said", "Acme’s spokesman said": a description, read
/// after any name.
fn description_subject(_: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    // Only a possessive opens a description with a capital: "Acme Corp spokeswoman Jane Roe"
    // is a name.
    let spokesperson = || {
        let possessive = p.word0.ends_with("’s") || p.word0.ends_with("'s");
        possessive && p.word1.is_some_and(|w| SPOKESPERSON_NOUNS.contains_lowercase_of(w))
    };
    (SPEAKER_DETERMINERS.contains(p.first()) || spokesperson()).then_some(PartVerdict::Description)
}

/// "Acme officials said", "Ruritanian diplomats say": people of a named body whom the story
/// does not name.
fn unnamed_official_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    let last = p.t.rsplit(char::is_whitespace).next()?;
    if p.count > 6 || !UNNAMED_PERSON_NOUNS.contains_lowercase_of(last) {
        return None;
    }
    (!names_a_person(cx, p)).then_some(PartVerdict::Speaker(Attr::Unnamed))
}

/// Whether a person found in the story is named inside the part.
fn names_a_person(cx: &Resolver<'_>, p: &Part<'_>) -> bool {
    cx.found
        .mentions_in(p.clause.block, p.clause.range.clone())
        .any(|m| cx.kind(m.entity) == EntityKind::Person)
}

/// "Al Hale, Senior Vice President of Sales for Acme, Inc., says": web copy and press
/// releases capitalise a post written after the name, with the body it is held in. Such a part
/// names no one: it describes the speaker named before it, and is read as a description.
fn post_held_in_a_body(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    let post = lexicon::is_title(p.word0) || POST_QUALIFIERS.contains(p.first());
    let held_in = p.t.contains(" of ") || p.t.contains(" for ") || p.t.contains(" at ");
    if !post || !held_in || p.count > 14 {
        return None;
    }
    (!names_a_person(cx, p)).then_some(PartVerdict::Description)
}

/// "Roe said", "City Hall spokeswoman Dana Roe said", "…,” Railco said".
fn named_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    // A possessive opens a description ("Acme’s chairman of …"), unless a name follows
    // ("Parliament’s Joint Committee").
    let possessive_led = (p.word0.ends_with("’s") || p.word0.ends_with("'s"))
        && !p
            .word1
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let name_led =
        p.word0.chars().next().is_some_and(char::is_uppercase) || lexicon::is_name_particle(p.first()) && p.count > 1;
    if !name_led || possessive_led || p.count > 14 {
        return None;
    }
    if let Some(s) = cx.best_in(p.clause.block, p.clause.range.clone()) {
        return Some(PartVerdict::Speaker(Attr::found(s)));
    }
    // "…,” Railco said: a proper name we have no entity for.
    let proper = p.count <= 4
        && p.t
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !lexicon::is_stop_word(p.word0)
        && !lexicon::is_demonym(p.word0);
    let named = Speaker::Named(p.clause.block, p.t_start, p.t_start + p.t.len());
    proper.then_some(PartVerdict::Speaker(Attr::found(named)))
}

/// "former coach Dana Roe said", "lead author and Acme Institute chemist Dana Roe said": AP
/// style writes a description before a name in lower case unless it is a formal title, so a
/// part opening in lower case still names its speaker when it ends in a person's name.
fn described_name_subject(cx: &Resolver<'_>, p: &Part<'_>) -> Option<PartVerdict> {
    if p.count > 14 {
        return None;
    }
    let end = p.t_start + p.t.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    cx.found
        .mentions_in(p.clause.block, p.clause.range.clone())
        .filter(|m| cx.kind(m.entity) == EntityKind::Person)
        .last()
        .filter(|m| m.end == end)
        .map(|m| PartVerdict::Speaker(Attr::found(Speaker::Entity(m.entity))))
}

/// A noun phrase after a verb or a description before one, as the phrase rules read it.
struct Phrase<'t> {
    clause: Clause<'t>,
    t_start: usize,
    /// The phrase lower-cased.
    lower: String,
    /// The length of a leading article ("the ", "a ", "an "), 0 without one.
    article_len: usize,
}

impl Phrase<'_> {
    /// The lower-cased words, without punctuation at their ends.
    fn lower_words(&self) -> impl Iterator<Item = &str> {
        self.lower
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    }

    /// Where the words after the article start.
    fn head(&self) -> usize {
        self.t_start + self.article_len
    }
}

/// A way a noun phrase names a speaker.
type PhraseRule = fn(&Resolver<'_>, &Phrase<'_>) -> Option<Attr>;

/// The noun-phrase rules, in the order they are tried.
const PHRASE_RULES: &[(Rule, PhraseRule)] = &[
    ("pronoun_phrase", pronoun_phrase),
    ("unnamed_official_phrase", unnamed_official_phrase),
    (SPOKESPERSON_RULE, spokesperson_for_organisation),
    ("named_in_phrase", named_in_phrase),
    ("entity_after_article", entity_after_article),
    ("document_issuer", document_issuer),
    ("organisation_by_kind", organisation_by_kind),
    ("person_with_role", person_with_role),
    ("proper_noun_phrase", proper_noun_phrase),
    ("named_institution", named_institution),
    ("bare_proper_name", bare_proper_name),
];

/// "said one of the Acme officials", "a senior Ruritanian diplomat said", "said a source close
/// to the talks": a person the story does not name, whatever body they belong to, is no
/// speaker the story names; the body is not the speaker (unlike its spokesperson's).
fn unnamed_official_phrase(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    let head = np
        .lower_words()
        .take(10)
        .position(|w| UNNAMED_PERSON_NOUNS.contains(w))?;
    let range = np.t_start..np.clause.range.end;
    let person = cx
        .found
        .mentions_in(np.clause.block, range)
        .any(|m| cx.kind(m.entity) == EntityKind::Person);
    // "official Jane Roe": a name after the noun is the speaker.
    let named_after = np.clause.text[np.t_start..np.clause.range.end]
        .split_whitespace()
        .nth(head + 1)
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    (!person && !named_after).then_some(Attr::Unnamed)
}

/// The rule that makes a spokesperson's words the organisation's, whose name pronouns and
/// "the spokesman" later stand for.
pub(super) const SPOKESPERSON_RULE: Rule = "spokesperson_for_organisation";

/// "a spokeswoman for Acme Corp said", "an Acme spokesman said", "Acme’s spokesperson said":
/// a spokesperson speaks for the organisation, which is the speaker. With none named ("the
/// spokesman said", "a spokeswoman said"), the organisation whose spokesperson spoke last,
/// else the organisation that spoke or acted last. A spokesperson named in the phrase
/// ("spokeswoman Jane Roe") is a person, left to the other rules.
fn spokesperson_for_organisation(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    let (block, range) = (np.clause.block, np.t_start..np.clause.range.end);
    if !np.lower_words().take(5).any(|w| SPOKESPERSON_NOUNS.contains(w)) {
        return None;
    }
    let mut mentions = cx.found.mentions_in(block, range).map(|m| m.entity);
    let mut org = None;
    for e in mentions.by_ref() {
        match cx.kind(e) {
            EntityKind::Person => return None,
            EntityKind::Organization => org = org.or(Some(e)),
            _ => {}
        }
    }
    let words = np.clause.text[np.t_start..np.clause.range.end]
        .split_whitespace()
        .take(5);
    let org = org.or_else(|| words.filter_map(|w| cx.organisation_opening_with(w)).next());
    let definite = np.lower.starts_with("the ");
    let at = np.clause.at.min(np.t_start);
    let org = org.or_else(|| cx.recent_spokesperson(block, at).filter(|_| definite));
    Some(org.map_or(Attr::Unnamed, |e| Attr::found(Speaker::Entity(e))))
}

/// "said he", "said it".
fn pronoun_phrase(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    let (block, at) = (np.clause.block, np.clause.at);
    match np.lower_words().next()? {
        "he" => Some(cx.pronoun_attr(block, at, Gender::Male)),
        "she" => Some(cx.pronoun_attr(block, at, Gender::Female)),
        "it" => Some(cx.org_pronoun_attr(block, at)),
        _ => None,
    }
}

/// "said City Hall Press Secretary Dana Roe": the person in the phrase, whose name stands
/// among its first words (titles are short; a name further on is someone the phrase talks
/// about).
fn named_in_phrase(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len > 0 {
        return None;
    }
    let ws = cx.words_in(np.t_start..np.clause.range.end);
    let end = ws.get(NAME_WITHIN_WORDS).map_or(np.clause.range.end, |w| w.start);
    cx.best_in(np.clause.block, np.t_start..end).map(Attr::found)
}

/// How many words of a noun phrase may come before the speaker's name ends: "said City Hall
/// Deputy Press Secretary Jane Q. Roe".
const NAME_WITHIN_WORDS: usize = 8;

/// "the Ruritanian Prosecution Authority": an entity right after the article.
fn entity_after_article(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len == 0 {
        return None;
    }
    let m = cx.mention_at(np.clause.block, np.head()..np.clause.range.end)?;
    matches!(cx.kind(m), EntityKind::Person | EntityKind::Organization).then(|| Attr::found(Speaker::Entity(m)))
}

/// "the statement said", "the Acme report adds", "a statement from Acme Corp said": a document
/// speaks for its issuer, named in the description (or told by its kind: "a statement from
/// the board"), else whoever the story last said issued one ("Acme Corp issued a statement …
/// the statement said"), else the organisation named last.
fn document_issuer(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len == 0 {
        return None;
    }
    let noun = np.lower_words().skip(1).take(3).find(|w| DOCUMENT_NOUNS.contains(w))?;
    let range = np.head()..np.clause.range.end;
    if let Some(s) = cx.best_in(np.clause.block, range) {
        return Some(Attr::found(s));
    }
    // "a statement from the board": the issuer told by its kind.
    if let Some(i) = np.lower.find(" from the ") {
        let from = np.t_start + i + " from ".len();
        if let found @ Attr::Found(..) = cx.noun_phrase(&np.clause.with_range(from..np.clause.range.end)) {
            return Some(found);
        }
    }
    if !np.lower.starts_with("the ") {
        return Some(Attr::Unnamed);
    }
    let issuer = cx
        .issuer_of_document(noun, np.clause.block, np.t_start)
        .or_else(|| cx.recent_organisation(np.clause.block, np.clause.at, None));
    Some(issuer.map_or(Attr::Unnamed, |e| Attr::found(Speaker::Entity(e))))
}

/// "the company said", "the central bank said", "the staff concluded": an organisation told
/// by its kind is the organisation named last before the quote, one whose name holds the noun
/// first ("Acme Bank … the bank said"). A public institution ("the ministry", "the police")
/// must be named with its noun: "the government" is no company mentioned before it.
fn organisation_by_kind(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if !np.lower.starts_with("the ") {
        return None;
    }
    let described = &np.clause.text[np.head()..np.clause.range.end];
    let words = described.split_whitespace().count();
    if !(1..=3).contains(&words) || described.chars().any(char::is_uppercase) {
        return None;
    }
    let noun = np.lower_words().last()?;
    let institution = INSTITUTION_NOUNS.contains(noun);
    if !(institution || lexicon::is_org_noun(noun) || BODY_NOUNS.contains(noun)) {
        // "Nurses for Safe Streets … the nurses said": a group named for its members is
        // told by them.
        let e = (words == 1 && noun.len() > 3 && noun.ends_with('s'))
            .then(|| cx.recent_organisation(np.clause.block, np.clause.at, Some((noun, true))))??;
        return Some(Attr::found(Speaker::Entity(e)));
    }
    // "the production company": a name holding a word of the description ("… Productions")
    // tells which company.
    let (block, at) = (np.clause.block, np.clause.at);
    let mut qualifiers = np.lower_words().skip(1).filter(|w| *w != noun && w.len() > 3);
    let e = qualifiers
        .find_map(|w| cx.recent_organisation(block, at, Some((w, true))))
        .or_else(|| cx.recent_organisation(block, at, Some((noun, institution))))?;
    Some(Attr::found(Speaker::Entity(e)))
}

/// "the president", "the Russian leader": a person given that role, the most recent first.
fn person_with_role(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    for w in np.lower_words().skip(usize::from(np.article_len > 0)).take(4) {
        if w.len() < 3 || ROLE_QUALIFIERS.contains(w) {
            continue;
        }
        let ids = cx.found.persons_with_role(w);
        if !ids.is_empty() {
            let id = cx
                .most_recent(&ids, np.clause.block, np.clause.at)
                .or(ids.first().copied());
            return Some(id.map_or(Attr::Unnamed, |e| Attr::found(Speaker::Entity(e))));
        }
    }
    None
}

/// How many capitalised words (or numbers, or name joiners) open the words after the article.
fn capitalised_run(cx: &Resolver<'_>, np: &Phrase<'_>) -> usize {
    cx.words_in(np.head()..np.clause.range.end)
        .iter()
        .take_while(|w| {
            w.is_capitalized() || w.text.chars().all(|c| c.is_ascii_digit()) || NAME_JOINERS.contains(w.text)
        })
        .count()
}

/// "the Harbour Dues Act of 1974": a proper-noun phrase we know nothing else about.
fn proper_noun_phrase(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len == 0 {
        return None;
    }
    let ws = cx.words_in(np.head()..np.clause.range.end);
    let caps = capitalised_run(cx, np);
    (caps >= 2).then(|| Attr::found(Speaker::Named(np.clause.block, np.head(), ws[caps - 1].end)))
}

/// "the Scottish government", "the Afghan military": a named institution.
fn named_institution(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len == 0 {
        return None;
    }
    let ws = cx.words_in(np.head()..np.clause.range.end);
    let caps = capitalised_run(cx, np);
    let institution = ws.get(caps).is_some_and(|w| INSTITUTION_NOUNS.contains(w.text));
    (caps >= 1 && institution && !lexicon::is_stop_word(ws[0].text))
        .then(|| Attr::found(Speaker::Named(np.clause.block, np.head(), ws[caps].end)))
}

/// `"…", said Roe`, `«…», dijo Ferrer al diario`: a capitalised name right after an inverted
/// verb, which the story gives no other way (a one-word name, a nickname).
fn bare_proper_name(cx: &Resolver<'_>, np: &Phrase<'_>) -> Option<Attr> {
    if np.article_len > 0 {
        return None;
    }
    let ws = cx.words_in(np.t_start..np.clause.range.end);
    let name_like = |w: &&Word<'_>| {
        w.is_capitalized()
            && !lexicon::is_stop_word(w.text)
            && !lexicon::is_demonym(w.text)
            && !lexicon::is_title(w.text)
    };
    let run = ws.iter().take_while(name_like).count();
    // "Roe’s office", "Acme’s filing": a possessive describes someone else.
    ((1..=3).contains(&run) && !ws[..run].iter().any(|w| w.possessive))
        .then(|| Attr::found(Speaker::Named(np.clause.block, np.t_start, ws[run - 1].end)))
}

/// A way a clause before a quotation introduces it.
type LeadInRule = fn(&Resolver<'_>, &Clause<'_>, Option<(usize, bool)>) -> Option<Attr>;

/// The lead-in rules, in the order they are tried; each gets the clause's last speech verb
/// (where it starts, and whether it is a participle).
const LEAD_IN_RULES: &[(Rule, LeadInRule)] = &[
    ("quoted_as_saying", quoted_as_saying),
    ("participle_lead_in", participle_lead_in),
    ("x_said_before", x_said_before),
    ("colon_lead_in", colon_lead_in),
    ("according_to", according_to),
];

/// `The Courier quoted Dana Cole as saying: “…”`, `“…,” the agency quoted Cole as saying`: wire
/// copy's way of passing on another outlet's quotation; the one quoted speaks, not the outlet.
fn quoted_as_saying(cx: &Resolver<'_>, c: &Clause<'_>, _: Option<(usize, bool)>) -> Option<Attr> {
    let text = &c.text[c.range.clone()];
    let start = c.range.start + text.find(" quoted ")? + " quoted ".len();
    let rest = &c.text[start..c.range.end];
    let end = start + rest.find(" as ")?;
    let after_as = &c.text[end + " as ".len()..c.range.end];
    let participle = after_as.split_whitespace().next()?.trim_end_matches([',', ':', ';']);
    (lexicon::is_speech_participle(participle) && end > start)
        .then(|| cx.noun_phrase(&c.with_range(start..end)).named("quoted_as_saying"))
}

/// "…, saying that “…”": the sentence's subject speaks. A participle that is all there is
/// between two quotations ("Roe called it “a start,” adding “we need more.”") passes, so the
/// quotation goes on with the speaker of the one before.
fn participle_lead_in(cx: &Resolver<'_>, c: &Clause<'_>, verb: Option<(usize, bool)>) -> Option<Attr> {
    let (verb_start, true) = verb? else {
        return None;
    };
    if !c.text[c.range.start..verb_start].contains(char::is_alphanumeric) {
        return None;
    }
    Some(
        cx.first_mention(c.block, c.range.start..verb_start)
            .map_or(Attr::Unnamed, Attr::found),
    )
}

/// `Roe said, “…”`, `Lind, who said that she “…”`: the subject of the verb.
fn x_said_before(cx: &Resolver<'_>, c: &Clause<'_>, verb: Option<(usize, bool)>) -> Option<Attr> {
    let (verb_start, false) = verb? else {
        return None;
    };
    let subject_end = cx.first_of_coordinated_verbs(c, verb_start).unwrap_or(verb_start);
    Some(cx.subject_before(&c.with_range(c.range.start..subject_end)))
}

/// `Ms Vane on the talks: “…”`: the first person (else organisation) before a colon.
fn colon_lead_in(cx: &Resolver<'_>, c: &Clause<'_>, _: Option<(usize, bool)>) -> Option<Attr> {
    c.text[c.range.clone()].trim_end().ends_with(':').then(|| {
        cx.first_mention(c.block, c.range.clone())
            .map_or(Attr::Nothing, Attr::found)
    })
}

/// `… according to the Town Hall …`.
fn according_to(cx: &Resolver<'_>, c: &Clause<'_>, _: Option<(usize, bool)>) -> Option<Attr> {
    let i = c.text[c.range.clone()].find("according to ")?;
    Some(cx.noun_phrase(&c.with_range(c.range.start + i + 13..c.range.end)))
}

impl<'a> Resolver<'a> {
    /// The speaker a quotation's own attribution names: the clause after it or the clause
    /// before it, whichever names someone (a speech verb right before the quote first).
    pub(super) fn attribution(&self, at: &QuoteAt<'_>, next_open: usize) -> Attr {
        let (text, q) = (at.text, at.q);
        let content = &text[q.start..q.end];
        let (after_end, terminated) = clause_end(text, q.close, next_open);
        // A quotation that ends its own sentence is attributed after it only by a short
        // clause that ends there too ("…?” Roe asked."), not by the next sentence.
        let ends_itself = content
            .trim_end_matches(['’', '\'', ')'])
            .ends_with(['.', '?', '!', '…']);
        let after_text = text[q.close..after_end].trim_start();
        let after_ok = !(ends_itself && (!terminated || after_text.starts_with('(')));
        let clause = |range| Clause {
            block: at.block,
            text,
            range,
            at: q.open,
        };
        let after = if after_ok {
            self.after(&clause(q.close..after_end)).named("x_said_after")
        } else {
            Attr::Nothing
        };
        let before = self.before(&clause(at.before.clone()));
        let before_strong = self.close_verb(at.before.clone());
        match (before, after) {
            (found @ Attr::Found(..), _) if before_strong => found,
            (_, found @ Attr::Found(..)) | (found @ Attr::Found(..), _) => found,
            (Attr::Unnamed, _) | (_, Attr::Unnamed) => Attr::Unnamed,
            _ => Attr::Nothing,
        }
    }

    /// The speaker a paragraph ending in a colon introduces ("Roe added:"), read from its last
    /// sentence as a clause before a quotation.
    pub(super) fn paragraph_lead_in(&self, before: &BlockText<'a>) -> Attr {
        let text = before.text.trim_end();
        if !text.ends_with(':') {
            return Attr::Nothing;
        }
        let start = last_sentence_start(text, before.from);
        let clause = Clause {
            block: before.block,
            text: before.text,
            range: start..text.len(),
            at: start,
        };
        self.with_words(before.words, || self.before(&clause))
    }

    /// The speaker of the reported speech ending a paragraph ("Roe said the bridge would open
    /// in May."), read from its last sentence.
    pub(super) fn last_sentence_speaker(&self, before: &BlockText<'a>) -> Attr {
        let text = before.text.trim_end();
        let start = last_sentence_start(text, before.from);
        if start >= text.len() {
            return Attr::Nothing;
        }
        self.with_words(before.words, || {
            let ws = self.words_in(start..text.len());
            match ws.iter().find_map(|w| Some((w.start, verb_at(w.text)?))) {
                // "Roe spent an hour explaining how she …": the participle's subject speaks,
                // not the subject of a verb in a clause after it.
                Some((participle, true)) => self
                    .first_mention(before.block, start..participle)
                    .map_or(Attr::Unnamed, Attr::found),
                Some((_, false)) => self.sentence_speaker(before.block, before.text, start..text.len(), text.len()),
                None => Attr::Nothing,
            }
        })
    }

    /// `Roe denied the claim but added: “…”`: a speech verb joined by "and" or "but" to an
    /// earlier one shares its subject; where that earlier verb starts.
    fn first_of_coordinated_verbs(&self, c: &Clause<'_>, verb_start: usize) -> Option<usize> {
        let ws = self.words_in(c.range.start..verb_start);
        let mut before = ws.iter().rev().skip_while(|w| is_filler(w.text));
        let joined = before.next().is_some_and(|w| matches!(w.text, "and" | "but"));
        if !joined {
            return None;
        }
        ws.iter().find(|w| verb_at(w.text) == Some(false)).map(|w| w.start)
    }

    /// A speech verb among the last words before a quote ("said Wednesday that “…").
    fn close_verb(&self, range: Range<usize>) -> bool {
        self.words_in(range)
            .iter()
            .rev()
            .take(7)
            .any(|w| verb_at(w.text).is_some())
    }

    /// `"…," Roe said`, `"…," said Dana Cole, the …`, `"…" in that law, Vane said`, `"…,"
    /// according to Dana Cole`. A verb
    /// whose subject the quote itself is (`"…" announced in May, said Roe`) passes to the next.
    fn after(&self, c: &Clause<'_>) -> Attr {
        if c.range.end <= c.range.start {
            return Attr::Nothing;
        }
        // `"…," according to Dana Cole, the …`: the source named after "according to".
        let text = &c.text[c.range.clone()];
        let lead = text.len()
            - text
                .trim_start_matches(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '—' | '–'))
                .len();
        if text[lead..].starts_with("according to ") {
            let start = c.range.start + lead + "according to ".len();
            let end = c.text[start..c.range.end]
                .find([',', ';', '('])
                .map_or(c.range.end, |i| start + i);
            return self.noun_phrase(&c.with_range(start..end));
        }
        if let Some(attr) = quoted_as_saying(self, c, None) {
            return attr;
        }
        if let Some(attr) = self.signed_with_a_dash(c) {
            return attr;
        }
        let ws = self.words_in(c.range.clone());
        let (mut part_start, mut verdict) = (c.range.start, Attr::Nothing);
        for (v, w) in ws.iter().enumerate().take(AFTER_VERB_WITHIN) {
            // A capitalised verb opens a sentence of its own ("Read our review."): an
            // attribution's verb is never capitalised.
            // A verb before `part_start` lies in the clause of the verb before it
            // ("said and added, …"): the next subject starts only after that clause.
            if w.is_capitalized() || verb_at(w.text) != Some(false) || w.start < part_start {
                continue;
            }
            let before_verb = c.text[part_start..w.start]
                .trim_matches(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '—' | '–'));
            // "«…», a déclaré Roe", "“…”, ha dicho Roe": an auxiliary of the compound past
            // before the participle leaves the verb first.
            let inverted = before_verb.is_empty()
                || ws[..v]
                    .iter()
                    .filter(|x| x.start >= part_start)
                    .all(|x| is_filler(x.text) || COMPOUND_PAST_AUXILIARIES.contains(x.text));
            if !inverted {
                let subject = c.with_range(c.range.start..w.start);
                return self
                    .person_before_appositives(&subject)
                    .unwrap_or_else(|| self.subject_before(&subject));
            }
            if let Some(attr) = self.inverted(c, w.end) {
                return attr;
            }
            // The next verb's subject starts after this verb's clause.
            part_start = c.text[w.end..c.range.end].find(',').map_or(w.end, |i| w.end + i + 1);
            verdict = Attr::Unnamed;
        }
        verdict
    }

    /// `“…” — Dana Cole, harbour master`: a pull quote or epigraph is signed after a dash with
    /// the name of whoever said it, before any description.
    fn signed_with_a_dash(&self, c: &Clause<'_>) -> Option<Attr> {
        let text = &c.text[c.range.clone()];
        let t = text.trim_start();
        let rest = t
            .strip_prefix(['—', '–', '―'])
            .or_else(|| t.strip_prefix("--"))
            .or_else(|| t.strip_prefix("- "))?;
        let from = c.range.end - rest.trim_start().len();
        let m = self.found.mentions_in(c.block, from..c.range.end).next()?;
        let named = m.start == from && matches!(self.kind(m.entity), EntityKind::Person | EntityKind::Organization);
        named.then(|| Attr::found(Speaker::Entity(m.entity)).named("signed_with_a_dash"))
    }

    /// `"…," Dana Cole, a researcher at the Acme Institute in Port Lewis, Ruritania, said`: the
    /// person named right after the quotation, before the appositives that describe them.
    fn person_before_appositives(&self, c: &Clause<'_>) -> Option<Attr> {
        let parts = clause_parts(c.text, c.range.clone());
        let first = parts
            .into_iter()
            .filter(|p| !c.text[p.clone()].trim().is_empty())
            .take(2);
        let first: Vec<_> = first.collect();
        let [first, _] = first.as_slice() else {
            return None;
        };
        // The first person named, unless as a possessive ("Roe’s lawyer, Jane Doe, said").
        let m = self
            .found
            .mentions_in(c.block, first.clone())
            .find(|m| self.kind(m.entity) == EntityKind::Person)?;
        let possessive = c.text[m.end..].starts_with(['’', '\'']);
        (!possessive).then_some(Attr::Found(Speaker::Entity(m.entity), "named_subject"))
    }

    /// `said Dana Cole, the principal deputy …`, `says president David Roe`: the noun phrase
    /// after an inverted verb, or `None` when no noun phrase follows it (`"…" announced in May`).
    fn inverted(&self, c: &Clause<'_>, verb_end: usize) -> Option<Attr> {
        let rest_end = c.text[verb_end..c.range.end]
            .find([',', ';', '('])
            .map_or(c.range.end, |i| verb_end + i);
        let attr = self
            .noun_phrase(&c.with_range(verb_end..rest_end))
            .named("said_x_after");
        let next = self.words_in(verb_end..rest_end).first();
        let phrase_follows = next.is_some_and(|w| {
            w.is_capitalized() || SPEAKER_DETERMINERS.contains(w.text) || UNNAMED_SUBJECTS.contains(w.text)
        });
        (phrase_follows || !matches!(attr, Attr::Unnamed)).then_some(attr)
    }

    /// `Roe said, “…”`, `Ms Vane said: “…”`, `…, saying that “…”`, `… according to …`.
    fn before(&self, c: &Clause<'_>) -> Attr {
        if c.range.end <= c.range.start {
            return Attr::Nothing;
        }
        let ws = self.words_in(c.range.clone());
        let verb = ws.iter().rev().find_map(|w| Some((w.start, verb_at(w.text)?)));
        for &(rule, apply) in LEAD_IN_RULES {
            if let Some(attr) = apply(self, c, verb) {
                return attr.named(rule);
            }
        }
        Attr::Nothing
    }

    /// The speaker of a sentence without quotes: "…, he said." or "Roe said …".
    pub(super) fn sentence_speaker(&self, block: usize, text: &str, range: Range<usize>, at: usize) -> Attr {
        let ws = self.words_in(range.clone());
        let Some(v) = ws.iter().position(|w| verb_at(w.text) == Some(false)) else {
            return Attr::Nothing;
        };
        self.subject_before(&Clause {
            block,
            text,
            range: range.start..ws[v].start,
            at,
        })
    }

    /// The noun phrase right before a verb, skipping appositives: of the comma-separated parts,
    /// the nearest name or pronoun wins, then the nearest description.
    fn subject_before(&self, c: &Clause<'_>) -> Attr {
        let mut descriptions = Vec::new();
        let mut saw_noun = false;
        'parts: for range in clause_parts(c.text, c.range.clone()).into_iter().rev() {
            let Some(part) = Part::read(c, range) else {
                continue;
            };
            for &(rule, apply) in SUBJECT_RULES {
                match apply(self, &part) {
                    Some(PartVerdict::Speaker(attr)) => return attr.named(rule),
                    Some(PartVerdict::Description) => {
                        descriptions.push(part.clause.range.clone());
                        saw_noun = true;
                        continue 'parts;
                    }
                    Some(PartVerdict::Aside) => continue 'parts,
                    None => {}
                }
            }
            saw_noun |= part.count <= 3;
        }
        for range in descriptions {
            if let found @ Attr::Found(..) = self.noun_phrase(&c.with_range(range)) {
                return found;
            }
        }
        if saw_noun { Attr::Unnamed } else { Attr::Nothing }
    }

    /// A noun phrase after a verb or inside a description: the first phrase rule that applies.
    fn noun_phrase(&self, c: &Clause<'_>) -> Attr {
        let raw = &c.text[c.range.clone()];
        let t = raw.trim();
        if t.is_empty() {
            return Attr::Nothing;
        }
        let lower = t.to_lowercase();
        let article_len = ["the ", "a ", "an "]
            .iter()
            .find(|a| lower.starts_with(*a))
            .map_or(0, |a| a.len());
        let np = Phrase {
            clause: c.clone(),
            t_start: c.range.start + (raw.len() - raw.trim_start().len()),
            lower,
            article_len,
        };
        for &(rule, apply) in PHRASE_RULES {
            if let Some(attr) = apply(self, &np) {
                return attr.named(rule);
            }
        }
        Attr::Unnamed
    }

    fn pronoun_attr(&self, block: usize, at: usize, gender: Gender) -> Attr {
        self.pronoun(block, at, gender)
            .map_or(Attr::Unnamed, |e| Attr::found(Speaker::Entity(e)))
    }

    fn org_pronoun_attr(&self, block: usize, at: usize) -> Attr {
        self.org_pronoun(block, at)
            .map_or(Attr::Unnamed, |e| Attr::found(Speaker::Entity(e)))
    }
}

/// Where the last sentence of `text` starts, never before `from` (the paragraph's quotations
/// end there).
fn last_sentence_start(text: &str, from: usize) -> usize {
    sentence_ends(text)
        .iter()
        .rev()
        .copied()
        .find(|&e| e < text.len())
        .unwrap_or(0)
        .max(from)
}
