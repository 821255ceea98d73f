//! Chunks: the runs of capitalised words a name can be, with the words around them.

use std::borrow::Cow;

use super::Span;
use crate::gazetteer;
use crate::lexicon::{self};
use crate::lists::{
    COMMA_LEGAL_FORMS, JOINING_PARTICLES, MINISTRY_PORTFOLIOS, NAME_JOINERS, POSSESSIVE_NAME_WORDS, PURPOSE_BODY_NOUNS,
};
use crate::text::{Word, is_all_caps};

/// Lower-case words that may join capitalised words inside one run: function words ("Bureau
/// of Prisons") and name particles ("Luis de Mora").
pub(super) fn is_connector(w: &str) -> bool {
    NAME_JOINERS.contains(w) || JOINING_PARTICLES.contains(w)
}

/// Called for every word of the text: the first byte settles nearly every case, in line; the
/// rest is asked out of line.
#[inline(always)]
pub(super) fn capitalized(w: &str) -> bool {
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
pub(super) fn glued_capital(w: &str) -> bool {
    (w.starts_with("al-") || w.starts_with("el-")) && w[3..].chars().next().is_some_and(char::is_uppercase)
}

#[cold]
#[inline(never)]
pub(super) fn starts_upper_case(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The capitalised runs of one span, with what stands around them.
pub(super) struct Chunk<'a, 'w> {
    pub(super) block: usize,
    pub(super) text: &'a str,
    pub(super) words: &'w [Word<'a>],
    pub(super) prev: Option<&'a str>,
    pub(super) prev2: Option<&'a str>,
    pub(super) next: Option<&'a str>,
    /// `prev` and `next` in lower case, for the noun tables (asked at every level of a split).
    pub(super) prev_lower: Option<Cow<'a, str>>,
    pub(super) next_lower: Option<Cow<'a, str>>,
    /// Up to 80 bytes of text right after the chunk (for ", Idaho", ", an … group").
    pub(super) after: &'a str,
    pub(super) sentence_start: bool,
    pub(super) no_people: bool,
    /// The run's text is already in [`name_of`]'s form, and so is every part of it.
    pub(super) plain: bool,
}

impl<'a> Chunk<'a, '_> {
    /// [`name_of`] a run of this chunk's words. Every sub-run is named, at every level of a
    /// split; a substring of a plain name (no brackets, line breaks, doubled spaces or
    /// non-ASCII bytes) is plain, so the chunk's one test stands for all of them.
    pub(super) fn name(&self, ws: &[Word<'_>]) -> Cow<'a, str> {
        if self.plain {
            Cow::Borrowed(&self.text[ws[0].start..ws[ws.len() - 1].end])
        } else {
            name_of(self.text, ws)
        }
    }
}

pub(super) fn contiguous(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    a.full_end <= b.start && text[a.full_end..b.start].chars().all(char::is_whitespace) && b.start - a.full_end <= 3
}

/// `word.to_lowercase()`, borrowed when that changes nothing: the words around a name are
/// nearly always lower-case already.
pub(super) fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The words of a span to read: all of the block's words in its range but those inside skip
/// ranges (borrowed when there are none to skip).
pub(super) fn span_words<'a, 's>(span: &'s Span<'a>) -> Cow<'s, [Word<'a>]> {
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
pub(super) fn chunks<'a>(span: &Span<'a>, ws: &[Word<'a>], mut each: impl FnMut(&Chunk<'a, '_>)) {
    let mut i = 0;
    while i < ws.len() {
        if !capitalized(ws[i].text) {
            i += 1;
            continue;
        }
        let end = trim_run(ws, i, run_end(span.text, ws, i));
        each(&chunk_at(span, ws, i, end));
        i = end.max(i + 1);
    }
}

/// Where the capitalised run opening at `start` ends (exclusive): capitalised words and the
/// connectors between them, while the words stay contiguous.
fn run_end(text: &str, ws: &[Word<'_>], start: usize) -> usize {
    let mut j = start + 1;
    // A run longer than any name is title-case text, not a name: cut it. A name with the
    // bodies it speaks for ("Dr Jo Roe of the Widget Research Center of the National Institutes
    // of Science") runs to fifteen words.
    while j < ws.len() && j - start < 16 {
        match next_step(text, ws, j) {
            Step::Take(n) => j += n,
            Step::TakeAndStop(n) => return j + n,
            Step::Stop => break,
        }
    }
    j
}

/// What the run does at word `j`, given the word before it.
enum Step {
    /// The next `n` words join the run.
    Take(usize),
    /// The next `n` words join the run, which ends after them ("Article of 1990").
    TakeAndStop(usize),
    Stop,
}

fn next_step(text: &str, ws: &[Word<'_>], j: usize) -> Step {
    let prev = &ws[j - 1];
    let gap = &text[prev.full_end.min(ws[j].start)..ws[j].start];
    // "Coach (Frank) Vogel": a first name added in brackets joins the surname.
    let bracketed = gap == ") " && capitalized(ws[j].text) && text[..prev.start].ends_with('(');
    if let Some(n) = portfolio_list(text, ws, j) {
        return Step::TakeAndStop(n);
    }
    if comma_legal_form(gap, prev, &ws[j]) {
        return Step::TakeAndStop(1);
    }
    if !bracketed && !contiguous(text, prev, &ws[j]) && !ampersand(gap, prev, &ws[j]) {
        return Step::Stop;
    }
    if prev.possessive && !(POSSESSIVE_NAME_WORDS.contains(prev.text) && capitalized(ws[j].text)) {
        return Step::Stop;
    }
    let w = ws[j].text;
    if capitalized(w) {
        return Step::Take(1);
    }
    // "in" joins only "Embassy in Moscow".
    if w == "in" && !matches!(prev.text, "Embassy" | "Consulate") {
        return Step::Stop;
    }
    if is_connector(w) && !prev.possessive {
        return connector_step(text, ws, j);
    }
    if w == "to"
        && purpose_body_before(ws, j)
        && ws
            .get(j + 1)
            .is_some_and(|n| capitalized(n.text) && contiguous(text, &ws[j], n))
    {
        return Step::Take(2);
    }
    Step::Stop
}

/// Whether the run before word `j` names a body by what it works to do ("Committee to
/// Protect Reporters", "Society for the Return of Land to Farmers"): one of its words,
/// at most six back, is such a body's noun.
fn purpose_body_before(ws: &[Word<'_>], j: usize) -> bool {
    ws[j.saturating_sub(6)..j]
        .iter()
        .rev()
        .take_while(|w| capitalized(w.text) || is_connector(w.text))
        .any(|w| PURPOSE_BODY_NOUNS.contains(w.text))
}

/// "Ministry of Trade, Industry and Energy", "Department of Health, Education and Welfare",
/// "Academy of Bees, Wasps and Hornets", "Board for Grain, Seeds and Oils": a body named for
/// several fields lists them with commas, the last after "and", and the list is part of its
/// name. At the comma after "Ministry of Trade" (word `j` opens the rest of the list), the
/// number of words to the end of the list, when every item is a field: a portfolio word after a
/// ministry or department ("Ministry of Defence, Britain and France said" lists no portfolios);
/// after any other body, a word that names no place, person or known body either ("the Academy
/// of Arts, Springfield and Shelbyville" lists places).
fn portfolio_list(text: &str, ws: &[Word<'_>], j: usize) -> Option<usize> {
    let ministry = j >= 3 && government_department(ws[j - 3].text);
    let field = |w: &Word<'_>| {
        capitalized(w.text)
            && if ministry {
                MINISTRY_PORTFOLIOS.contains_lowercase_of(w.text)
            } else {
                !w.possessive
                    && !is_all_caps(w.text)
                    && !lexicon::is_given_name(w.text)
                    && !lexicon::is_stop_word(w.text)
                    && gazetteer::place(w.text).is_none()
                    && !gazetteer::is_known_org(w.text)
            }
    };
    let head = j >= 3
        && (ministry || gazetteer::is_org_suffix(ws[j - 3].text))
        && matches!(ws[j - 2].text, "of" | "for")
        && field(&ws[j - 1]);
    if !head || !text[ws[j - 1].full_end.min(ws[j].start)..ws[j].start].starts_with(',') {
        return None;
    }
    let mut k = j;
    loop {
        let item = ws.get(k).filter(|w| field(w))?;
        let gap = |w: &Word<'_>| &text[item.full_end.min(w.start)..w.start];
        match ws.get(k + 1) {
            // ", Energy," or ", Energy and": the list goes on.
            Some(n) if n.text == "and" && matches!(gap(n), " " | ", ") => {
                ws.get(k + 2).filter(|w| field(w) && contiguous(text, n, w))?;
                return Some(k + 3 - j);
            }
            Some(n) if gap(n) == ", " => k += 1,
            _ => return None,
        }
    }
}

/// "Acme Widgets, Inc.", "Quillmark Holdings, LLC": a company's legal form set off by a comma
/// is the last word of its name, comma and all.
fn comma_legal_form(gap: &str, prev: &Word<'_>, next: &Word<'_>) -> bool {
    gap == ", " && !prev.possessive && capitalized(prev.text) && COMMA_LEGAL_FORMS.contains(next.text)
}

/// "Ministry", "Department": the words that name a government's department, whose name lists
/// its portfolios and whose units are written after it.
pub(super) fn government_department(w: &str) -> bool {
    matches!(w, "Ministry" | "Department" | "Ministries" | "Secretariat")
}

/// "Procter & Gamble", "AT&T": an ampersand between capitalised words joins them into one run
/// (the words of a text leave the sign out, so it is found in the gap between them).
pub(super) fn ampersand(gap: &str, prev: &Word<'_>, next: &Word<'_>) -> bool {
    matches!(gap, " & " | "&") && !prev.possessive && capitalized(prev.text) && capitalized(next.text)
}

/// A connector joins only when a capital (or "the" + capital, or a number after "of") follows
/// directly.
fn connector_step(text: &str, ws: &[Word<'_>], j: usize) -> Step {
    let w = ws[j].text;
    let Some(n) = ws.get(j + 1).filter(|n| contiguous(text, &ws[j], n)) else {
        return Step::Stop;
    };
    if capitalized(n.text) && !lexicon::is_stop_word(n.text) {
        return Step::Take(2);
    }
    // "Federal Reserve Bank of New York", "University of Los Angeles": a place whose name opens
    // with a word that is otherwise a function word ("New", "Los") still completes the name.
    if capitalized(n.text)
        && w == "of"
        && let Some(k) = place_opening_with_function_word(text, ws, j + 1)
    {
        return Step::Take(1 + k);
    }
    if w == "of" && n.text.chars().all(|c| c.is_ascii_digit()) {
        return Step::TakeAndStop(2);
    }
    // "Bureau of the Budget", "Partido de los Trabajadores": an article after the connector.
    let article = n.text == "the" || w == "de" && matches!(n.text, "la" | "las" | "los");
    let the_then_name = article
        && ws
            .get(j + 2)
            .is_some_and(|nn| contiguous(text, n, nn) && capitalized(nn.text) && !lexicon::is_stop_word(nn.text));
    if the_then_name {
        return Step::Take(3);
    }
    Step::Stop
}

/// The number of words (two or three) from `at` that name a known place, when they are
/// contiguous capitalised words.
fn place_opening_with_function_word(text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
    (2..=3).rev().find(|&k| {
        ws.get(at..at + k).is_some_and(|run| {
            run.iter().all(|w| capitalized(w.text))
                && run.windows(2).all(|p| contiguous(text, &p[0], &p[1]))
                && gazetteer::place(&name_of(text, run)).is_some()
        })
    })
}

/// A run ends on a capitalised word or a number, never on a connector.
fn trim_run(ws: &[Word<'_>], start: usize, mut end: usize) -> usize {
    while end > start + 1 && !capitalized(ws[end - 1].text) && !ws[end - 1].text.chars().all(|c| c.is_ascii_digit()) {
        end -= 1;
    }
    end
}

/// The chunk of `ws[start..end]`, with the words and text around it.
fn chunk_at<'a, 'w>(span: &Span<'a>, ws: &'w [Word<'a>], start: usize, end: usize) -> Chunk<'a, 'w> {
    let text = span.text;
    let first = &ws[start];
    // The span's own start opens a sentence: the story after a dateline ("SPRINGFIELD, Feb 2 -
    // The Springfield Grain Exchange said …") or a caption.
    let from = span.range.start.min(first.start);
    let before = text[from..first.start]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '['));
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '—', '–', '…']);
    let last = &ws[end - 1];
    let next = ws.get(end).filter(|n| contiguous(text, last, n)).map(|n| n.text);
    let mut after_end = (last.full_end + 80).min(text.len());
    while !text.is_char_boundary(after_end) {
        after_end -= 1;
    }
    let prev = start
        .checked_sub(1)
        .filter(|&k| contiguous(text, &ws[k], first))
        .map(|k| ws[k].text);
    Chunk {
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
    }
}

/// The name as written: words joined with single spaces, brackets dropped.
///
/// Borrowed from the text when it is already in that form: most names are only looked up
/// (every sub-run of a chunk is tried against the gazetteer), and few are kept.
pub(super) fn name_of<'t>(text: &'t str, ws: &[Word<'_>]) -> Cow<'t, str> {
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
pub(super) fn is_plain_name(raw: &str) -> bool {
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
