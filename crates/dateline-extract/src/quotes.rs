//! Direct quotations and who said them.
//!
//! The story is read block by block. Each pair of quotation marks ([`marks`]) whose words are a
//! quotation becomes a [`Quote`]; its speaker comes from the attribution next to it, read by
//! newsroom grammar ([`attribution`]): `"…," Roe said`, `"…," said Dana Cole, the …`,
//! `Roe said, "…"`, `Ms Vane said: "…"`, `"A," he said, "B."`, `…, the Authority said`. The
//! speaker is resolved through the entities already found ([`resolver`]): surnames, titles
//! ("the president added"), pronouns (the most recent fitting subject), relative clauses
//! ("Lind, who said that …").
//!
//! A quotation with no attribution of its own continues someone else's ([`CONTINUATIONS`]): the
//! speaker of the quote before it in the paragraph, of a quotation left open at the end of the
//! last paragraph, of the sentence before, of the reported speech ending the paragraph before,
//! of the quoted paragraph just before (or, after a question in dialogue, the other party).
//!
//! Organisations speak through spokespeople and documents ("an Acme spokesman said", "the
//! statement said"); an unnamed official names no speaker. An unattributed quotation repeating
//! words of a fuller one (a headline, a subhead) is an echo and is dropped.
//!
//! Every way of finding a speaker is one named rule; the name of the rule that decided is kept
//! beside each quote, which is what an explanation of the extraction prints.

mod attribution;
mod marks;
mod resolver;

use std::ops::Range;

use crate::fasthash::FxHashMap;
use crate::model::{Anchor, Quote};

use super::entities::Found;
use super::text::{self, Word, sentence_ends};
use attribution::Attr;
pub use marks::{QuoteSpan, spans};
use resolver::{Resolver, Speaker};

/// One text block as the quote finder sees it.
pub struct BlockText<'a> {
    pub block: usize,
    pub text: &'a str,
    /// Where the story text starts (after a dateline).
    pub from: usize,
    /// The block's words ([`words`](super::text::words)) and quotation marks ([`spans`]),
    /// computed once.
    pub words: &'a [Word<'a>],
    pub spans: &'a [QuoteSpan],
}

/// The quotation marks of a story's blocks, given their double marks ([`spans`]): some house
/// styles (British tabloids, Australian papers) quote speech in single marks ("'We are
/// ready,' she said."), and a story that uses no double marks at all but attributes at least
/// two passages in single marks to speakers is read with its single marks instead. One such
/// passage is not enough: single marks also quote a word or a title ("the so-called 'harbour
/// tax'").
pub fn story_marks(texts: &[&str], double: Vec<Vec<QuoteSpan>>) -> Vec<Vec<QuoteSpan>> {
    if double.iter().any(|m| !m.is_empty()) {
        return double;
    }
    let single: Vec<Vec<QuoteSpan>> = texts.iter().map(|t| marks::single_spans(t)).collect();
    let attributed = texts
        .iter()
        .zip(&single)
        .flat_map(|(t, spans)| spans.iter().filter(move |q| attributed_in_place(t, q)))
        .take(2)
        .count();
    if attributed == 2 { single } else { double }
}

/// Whether a speech verb stands within three words after the passage ("…,' she said") or ends
/// the words before it ("Roe said: '…").
fn attributed_in_place(text: &str, q: &QuoteSpan) -> bool {
    let is_verb = |w: &str| attribution::verb_at(w.trim_matches(|c: char| !c.is_alphanumeric())).is_some();
    let after = text[q.close..].split_whitespace().take(3).any(is_verb);
    let before = text[..q.open]
        .trim_end()
        .strip_suffix([':', ','])
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(is_verb);
    q.quotation && (after || before)
}

/// The name of the rule that found a speaker, as an explanation prints it.
pub type Rule = &'static str;

/// The quotations of the story blocks (in order) and their speakers, with the rule that named
/// each quotation's speaker (`None` when none did).
pub(crate) fn explained(blocks: &[BlockText<'_>], found: &Found, headline: Option<&str>) -> Vec<(Quote, Option<Rule>)> {
    let mut story = StoryReader {
        cx: Resolver::new(found, blocks),
        blocks,
        carried: None,
        history: Vec::new(),
        out: Vec::new(),
        running: Vec::new(),
    };
    for (index, b) in blocks.iter().enumerate() {
        story.read_block(index, b);
    }
    let mut quotes: Vec<(Quote, Option<Rule>)> = headline
        .map(|h| story.cx.headline(h))
        .unwrap_or_default()
        .into_iter()
        .map(|q| {
            let rule = q.speaker.is_some().then_some("headline_speaker");
            (q, rule)
        })
        .collect();
    quotes.extend(story.out);
    // Slogans and echoes are quotations nobody is named for: a story that names a speaker for
    // every quotation has neither.
    if quotes.iter().any(|(q, _)| q.speaker.is_none()) {
        drop_slogans(&mut quotes, blocks, headline);
        drop_echoes(&mut quotes);
    }
    quotes
}

/// The words of quoted text, lower-cased and joined by single spaces, with a space at each end
/// so that one key holds another only at word boundaries.
fn words_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() + 2);
    key.push(' ');
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        text::push_lowercase(&mut key, w);
        key.push(' ');
    }
    key
}

/// A quotation nobody is named for whose words another quotation of the story already holds
/// is an echo of it: a headline or a subhead quoting a line of the story ("‘We will rebuild’:
/// …"), a pull quote. The story quoted it once; the fuller quotation is kept (the first, of
/// two alike). A restatement attributed anew ("‘We had issues,’ exec says"; "Roe has said
/// she “…”") is a quotation of its own.
fn drop_echoes(quotes: &mut Vec<(Quote, Option<Rule>)>) {
    let keys: Vec<String> = quotes.iter().map(|(q, _)| words_key(&q.text)).collect();
    // Each distinct key at its first quotation, and each word's distinct keys: a key holds
    // another only if it holds every word of it, so a quotation is compared only with those
    // holding its rarest word. Comparing every pair made a paragraph of thousands of
    // quotations quadratic.
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    let mut holders: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        if first.contains_key(k.as_str()) {
            continue;
        }
        first.insert(k, i);
        let mut words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            holders.entry(w).or_default().push(i);
        }
    }
    let echo = |i: usize| {
        let k = keys[i].as_str();
        // The same words quoted before (a longer key also holds them, wherever it stands).
        if first.get(k).is_some_and(|&j| j < i) {
            return true;
        }
        let rarest = k
            .split(' ')
            .filter(|w| !w.is_empty())
            .filter_map(|w| holders.get(w))
            .min_by_key(|h| h.len());
        rarest.is_some_and(|h| h.iter().any(|&j| keys[j].len() > k.len() && keys[j].contains(k)))
    };
    let keep: Vec<bool> = (0..quotes.len())
        .map(|i| quotes[i].0.speaker.is_some() || keys[i].len() <= 2 || !echo(i))
        .collect();
    let mut i = 0;
    quotes.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Words in quotation marks that nobody said and that the story quotes more than once (in its
/// headline or body, in double or single marks, in any case: "Buy Local. Buy Now." and later "Buy local. Buy now.") are a
/// slogan or a tagline, not a quotation.
fn drop_slogans(quotes: &mut Vec<(Quote, Option<Rule>)>, blocks: &[BlockText<'_>], headline: Option<&str>) {
    let key = |s: &str| -> String {
        let words = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        words.map(str::to_lowercase).collect::<Vec<_>>().join(" ")
    };
    // Body text quotes a slogan in single marks as often as in double ones.
    let mut quoted: Vec<String> = blocks
        .iter()
        .flat_map(|b| {
            let singles = marks::single_spans(b.text).into_iter();
            b.spans
                .iter()
                .copied()
                .chain(singles)
                .map(move |q| key(&b.text[q.start..q.end]))
        })
        .collect();
    if let Some(h) = headline {
        let marks = marks::single_spans(h).into_iter().chain(spans(h));
        quoted.extend(marks.map(|q| key(&h[q.start..q.end])));
    }
    let mut times: FxHashMap<String, usize> = FxHashMap::default();
    for k in quoted {
        *times.entry(k).or_default() += 1;
    }
    quotes.retain(|(q, _)| q.speaker.is_some() || times.get(&key(&q.text)).is_none_or(|&n| n < 2));
}

/// What reading the story so far leaves for the next block.
struct StoryReader<'a> {
    cx: Resolver<'a>,
    blocks: &'a [BlockText<'a>],
    /// The previous quoted paragraph: its last speaker and whether its quote ran on.
    carried: Option<(Option<Speaker>, bool)>,
    /// Every quoted paragraph so far, for dialogue.
    history: Vec<Turn>,
    out: Vec<(Quote, Option<Rule>)>,
    /// Quotations (indexes into `out`) that nobody was named for and that run on, unclosed,
    /// into the paragraphs after them: the attribution may come where the quotation ends.
    running: Vec<usize>,
}

/// Where reading one block stands.
struct BlockReading<'b> {
    index: usize,
    b: &'b BlockText<'b>,
    /// The quotation marks after the dateline.
    all: &'b [QuoteSpan],
    ends: Vec<usize>,
    last_speaker: Option<Speaker>,
    last_ran_on: bool,
    prev_close: usize,
    /// Sentences before this offset have left their subjects for pronouns.
    cursor: usize,
}

impl BlockReading<'_> {
    /// The sentence around `pos`.
    fn sentence_of(&self, pos: usize) -> Range<usize> {
        let i = self.ends.partition_point(|&e| e <= pos);
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let end = self.ends.get(i).copied().unwrap_or(self.b.text.len());
        start..end
    }
}

/// A quotation being attributed, with what the continuation rules need to know about it.
struct QuoteAt<'q> {
    block: usize,
    /// The index of the block among the story blocks.
    index: usize,
    text: &'q str,
    /// The story block before this one.
    block_before: Option<&'q BlockText<'q>>,
    q: QuoteSpan,
    /// The text between the previous quote (or the sentence start) and this one.
    before: Range<usize>,
    first_in_block: bool,
    /// Nothing but the quote's own words stands before it in the block.
    opens_block: bool,
    last_speaker: Option<Speaker>,
    carried: Option<(Option<Speaker>, bool)>,
    /// The sentence before the quote's own, when the quote is first in its block.
    sentence_before: Option<Range<usize>>,
}

impl<'a> StoryReader<'a> {
    fn read_block(&mut self, index: usize, b: &'a BlockText<'a>) {
        self.cx.set_words(b.words);
        // Spans come in text order (each opens after the last one closed): those after the
        // dateline are a tail of them.
        debug_assert!(b.spans.windows(2).all(|w| w[0].close <= w[1].open));
        let all = &b.spans[b.spans.partition_point(|q| q.open < b.from)..];
        let mut r = BlockReading {
            index,
            b,
            all,
            ends: sentence_ends(b.text),
            last_speaker: None,
            last_ran_on: false,
            prev_close: b.from,
            cursor: b.from,
        };
        for qi in 0..all.len() {
            self.read_quote(&mut r, qi);
        }
        if r.cursor < b.text.len() {
            self.cx.push_subjects(index, &r.ends, r.cursor, b.text.len(), all);
        }
        if all.is_empty() {
            self.carried = None;
        } else {
            self.carried = Some((r.last_speaker, r.last_ran_on));
            let last = all.last().map(|q| &b.text[q.start..q.end]);
            self.history.push(Turn {
                index,
                speaker: r.last_speaker,
                asked: last.is_some_and(|t| t.trim_end_matches(['’', '\'', ')']).ends_with('?')),
            });
        }
    }

    fn read_quote(&mut self, r: &mut BlockReading<'a>, qi: usize) {
        let (b, q) = (r.b, r.all[qi]);
        // Subjects of the sentences before this quote, for pronouns.
        let sentence_start = r.sentence_of(q.open).start.max(b.from);
        if sentence_start > r.cursor {
            self.cx.push_subjects(r.index, &r.ends, r.cursor, sentence_start, r.all);
            r.cursor = sentence_start;
        }
        let next_open = r.all.get(qi + 1).map_or(b.text.len(), |n| n.open);
        let at = QuoteAt {
            block: b.block,
            index: r.index,
            text: b.text,
            block_before: r.index.checked_sub(1).map(|i| &self.blocks[i]),
            q,
            before: sentence_start.max(r.prev_close)..q.open,
            first_in_block: qi == 0,
            opens_block: b.text[b.from..q.open].trim().is_empty(),
            last_speaker: r.last_speaker,
            carried: self.carried,
            sentence_before: (sentence_start > b.from).then(|| {
                let prev = r.sentence_of(sentence_start.saturating_sub(1));
                prev.start.max(b.from)..sentence_start
            }),
        };
        let (speaker, rule) = match self.cx.attribution(&at, next_open) {
            Attr::Found(s, rule) => (Some(s), Some(rule)),
            Attr::Unnamed => (None, None),
            Attr::Nothing => self.continuation(&at),
        };
        let runs_on = at.first_in_block && at.opens_block && at.carried.is_some_and(|(_, ran_on)| ran_on);
        if !runs_on {
            self.running.clear();
        } else if let Some(s) = speaker {
            self.name_running_quotes(s);
        }
        r.last_speaker = speaker.or(r.last_speaker);
        r.last_ran_on = !q.closed;
        if let Some(Speaker::Entity(e)) = speaker {
            let spokesperson = rule == Some(attribution::SPOKESPERSON_RULE);
            self.cx.note_speaker(b.block, q.open, e, spokesperson);
        }
        r.prev_close = q.close;
        if q.quotation && (speaker.is_some() || !marks::scare_quote(&b.text[q.start..q.end])) {
            let quote = Quote {
                text: b.text[q.start..q.end].to_string(),
                speaker: speaker.map(|s| self.cx.name(s)),
                anchor: Some(Anchor {
                    block: b.block,
                    start: q.start,
                    end: q.end,
                }),
            };
            if speaker.is_none() && !q.closed && qi + 1 == r.all.len() {
                self.running.push(self.out.len());
            }
            self.out.push((quote, rule));
        }
    }

    /// "“We will rebuild the wall.¶“Nobody should fear the next storm,” Roe said.": a
    /// quotation that runs over paragraphs, its closing mark left off each but the last, is
    /// attributed once, often at its end. The paragraphs it ran over are the speaker's too.
    fn name_running_quotes(&mut self, s: Speaker) {
        let name = self.cx.name(s);
        for i in self.running.drain(..) {
            let (quote, rule) = &mut self.out[i];
            quote.speaker = Some(name.clone());
            *rule = Some("quotation_attributed_where_it_ends");
        }
    }

    /// The speaker of a quotation without an attribution of its own: the first continuation
    /// rule that knows one.
    fn continuation(&self, at: &QuoteAt<'a>) -> (Option<Speaker>, Option<Rule>) {
        for &(rule, apply) in CONTINUATIONS {
            if let Some(s) = apply(&self.cx, at, &self.history) {
                return (Some(s), Some(rule));
            }
        }
        (None, None)
    }
}

/// One quoted paragraph of the story, as dialogue rules look back on it.
#[derive(Debug, Clone, Copy)]
struct Turn {
    /// Its index among the story blocks.
    index: usize,
    /// The speaker of its last quotation.
    speaker: Option<Speaker>,
    /// Its last quotation is a question.
    asked: bool,
}

/// A way an unattributed quotation takes the speaker of something before it.
type Continuation = for<'a> fn(&Resolver<'a>, &QuoteAt<'a>, &[Turn]) -> Option<Speaker>;

/// The continuation rules, in the order they are tried.
const CONTINUATIONS: &[(Rule, Continuation)] = &[
    ("same_speaker_goes_on", same_speaker_goes_on),
    ("quotation_runs_on", quotation_runs_on),
    ("lead_in_ends_paragraph_before", lead_in_ends_paragraph_before),
    ("attribution_in_sentence_before", attribution_in_sentence_before),
    ("person_named_earlier_in_sentence", person_named_earlier_in_sentence),
    ("speaker_of_paragraph_before", speaker_of_paragraph_before),
    ("answer_in_dialogue", answer_in_dialogue),
    ("speaker_goes_on_next_paragraph", speaker_goes_on_next_paragraph),
];

/// "“A,” Roe said. “B.”": a later quote of the paragraph goes on with the last speaker.
fn same_speaker_goes_on(_: &Resolver<'_>, at: &QuoteAt<'_>, _: &[Turn]) -> Option<Speaker> {
    (!at.first_in_block).then_some(at.last_speaker).flatten()
}

/// A quotation left open at the end of the last paragraph continues at the start of this one
/// (the newsroom leaves the closing mark off a quote that runs over paragraphs).
fn quotation_runs_on(_: &Resolver<'_>, at: &QuoteAt<'_>, _: &[Turn]) -> Option<Speaker> {
    let ran_on = at.carried.is_some_and(|(_, ran_on)| ran_on);
    (at.first_in_block && at.opens_block && ran_on)
        .then_some(at.carried.and_then(|(s, _)| s))
        .flatten()
}

/// "A spokeswoman for Acme added:" closing a paragraph introduces the quotation that opens the
/// next one.
fn lead_in_ends_paragraph_before<'a>(cx: &Resolver<'a>, at: &QuoteAt<'a>, _: &[Turn]) -> Option<Speaker> {
    let before = at.block_before.filter(|_| at.first_in_block && at.opens_block)?;
    cx.paragraph_lead_in(before).speaker()
}

/// "…, he said. “…”": an attribution in the sentence before the quote's own.
fn attribution_in_sentence_before(cx: &Resolver<'_>, at: &QuoteAt<'_>, _: &[Turn]) -> Option<Speaker> {
    let sentence = at.sentence_before.clone().filter(|_| at.first_in_block)?;
    cx.sentence_speaker(at.block, at.text, sentence, at.q.open).speaker()
}

/// "directives from Roe to “…”": a person named earlier in the same sentence.
fn person_named_earlier_in_sentence(cx: &Resolver<'_>, at: &QuoteAt<'_>, _: &[Turn]) -> Option<Speaker> {
    cx.nearby(at.block, at.before.clone())
}

/// "Roe said the bridge would open in May." closing the paragraph before a paragraph of
/// quotation without attribution: the speaker of that reported speech goes on in the quote.
fn speaker_of_paragraph_before<'a>(cx: &Resolver<'a>, at: &QuoteAt<'a>, _: &[Turn]) -> Option<Speaker> {
    let before = at.block_before.filter(|_| at.first_in_block && at.opens_block)?;
    if before.spans.iter().any(|q| q.quotation) {
        return None;
    }
    cx.last_sentence_speaker(before).speaker()
}

/// The quoted paragraph right before this one, when this one opens with a quotation nobody
/// is named for.
fn turn_before<'t>(at: &QuoteAt<'_>, history: &'t [Turn], index: usize) -> Option<&'t Turn> {
    let last = history.last()?;
    (at.first_in_block && at.opens_block && last.index + 1 == index).then_some(last)
}

/// A question in one paragraph of quotation and an unattributed quotation opening the next:
/// in a back-and-forth (a hearing, an interview) the other party answers.
fn answer_in_dialogue(_: &Resolver<'_>, at: &QuoteAt<'_>, history: &[Turn]) -> Option<Speaker> {
    let last = turn_before(at, history, at.index)?;
    let asker = last.speaker.filter(|_| last.asked)?;
    history
        .iter()
        .rev()
        .skip(1)
        .take(3)
        .filter_map(|t| t.speaker)
        .find(|s| *s != asker)
}

/// A paragraph of quotation without attribution right after another goes on with its speaker:
/// the newsroom names a new speaker, never leaves one to be guessed.
fn speaker_goes_on_next_paragraph(_: &Resolver<'_>, at: &QuoteAt<'_>, history: &[Turn]) -> Option<Speaker> {
    turn_before(at, history, at.index)?.speaker
}

#[cfg(test)]
mod tests;
