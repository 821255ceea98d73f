//! Text primitives shared by every extractor: words and their byte spans, sentence ends that
//! know newsroom abbreviations, quotation marks, dashes and natural case.
//!
//! Everything here works on byte offsets into a block's text and only ever returns offsets that
//! sit on `char` boundaries, because anchors built from them are sliced by the renderer.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon;

/// Whether `t` holds no line break. Layout asks this of most blocks; the vectorised byte
/// search reads a paragraph several times faster than `str::contains`.
pub fn is_one_line(t: &str) -> bool {
    memchr::memchr(b'\n', t.as_bytes()).is_none()
}

/// Appends `s.to_lowercase()` to `out`, in place when `s` is ASCII.
pub fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let at = out.len();
        out.push_str(s);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Whether every letter, mark, digit and word char of `s` is ASCII: any other char is a space
/// or punctuation from Latin-1 or General Punctuation (dashes, curly quotes, non-breaking
/// spaces, ellipses) or a currency sign.
///
/// On such text a pattern means the same with `[A-Z]` for `\p{Lu}`, `[A-Za-z]` for
/// `[\p{L}\p{M}]`, `[0-9]` for `\d` and an ASCII `\b`, and those patterns compile to a small
/// fraction of the states, which the engine then has less to do with on every search.
pub fn letters_are_ascii(s: &str) -> bool {
    s.is_ascii()
        || s.chars().all(|c| {
            c.is_ascii()
                || matches!(c,
                    '\u{a0}'..='\u{a9}' | '\u{ab}'..='\u{b1}' | '\u{b4}' | '\u{b6}'..='\u{b8}' | '\u{bb}'
                    | '\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{200b}' | '\u{200e}'..='\u{203e}'
                    | '\u{2041}'..='\u{2053}' | '\u{2055}'..='\u{205f}' | '\u{20a0}'..='\u{20c0}')
        })
}

/// A word of running text: letters, digits and the marks that live inside names and
/// abbreviations (`O’Dowd`, `Smith-Roe`, `U.S.`, `H.W.`, `al-Hadi`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word without a possessive ending or a sentence-final period.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// The word carried `'s`, `’s` or a bare trailing apostrophe (`Weeks’`).
    pub possessive: bool,
    /// Byte offset just past the word including any possessive ending.
    pub full_end: usize,
}

impl Word<'_> {
    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Has at least two letters and no lower-case letter ("NATO", "U.S.", "CNN").
    pub fn is_all_caps(&self) -> bool {
        is_all_caps(self.text)
    }
}

/// At least one capital letter and no lower-case letter. Letters of a script without case
/// (Chinese, Korean, Arabic) are neither: a line of them is not "in capitals".
pub fn is_all_caps(s: &str) -> bool {
    let mut capitals = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            capitals += 1;
        }
    }
    capitals >= 1
}

/// A quotation mark that can open or close a direct quotation.
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

/// An apostrophe or single quotation mark.
pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛')
}

/// Characters that end a clause or sentence right after a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char at byte `i` (a char boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Splits text into words with byte spans. Linear in the text length.
///
/// Every story block passes through here, so runs of ASCII letters, digits and separators are
/// walked byte by byte; only non-ASCII bytes are decoded.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
        }
        let start = i;
        let end = word_end(text, start);
        let mut word_end = end;
        let mut full_end = end;
        let mut possessive = false;
        // Possessive endings: only when an apostrophe follows.
        let apostrophe = match bytes.get(end) {
            Some(b'\'') => Some(1),
            Some(0xE2) if text[end..].starts_with('’') => Some('’'.len_utf8()),
            _ => None,
        };
        if let Some(alen) = apostrophe {
            let after = end + alen;
            let s_follows = matches!(bytes.get(after), Some(b's' | b'S'));
            if s_follows && !alnum_at(text, after + 1) {
                possessive = true;
                full_end = after + 1;
            } else if !s_follows && matches!(bytes[end - 1], b's' | b'S') && !alnum_at(text, after) && start > 0 {
                // "Weeks’ family": a bare apostrophe after s, not a closing quote when no
                // opening single quote precedes it nearby. The look-back is bounded so long
                // paragraphs stay linear.
                let from = floor_boundary(text, start.saturating_sub(160));
                let before = &text[from..start];
                let opened = before.rfind(['‘']).is_some_and(|o| before[o..].find(['’']).is_none());
                if !opened {
                    possessive = true;
                    full_end = after;
                }
            }
        }
        // A trailing period belongs to abbreviations and initials ("Sen.", "U.S.", "H.W.").
        if !possessive && bytes.get(end) == Some(&b'.') {
            let w = &text[start..end];
            if lexicon::is_abbreviation(w)
                || w.contains('.')
                || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
            {
                word_end = end + 1;
                full_end = end + 1;
            }
        }
        out.push(Word {
            text: &text[start..word_end],
            start,
            end: word_end,
            possessive,
            full_end,
        });
        // Every end above sits just past a whole char, so the next search starts on a boundary.
        i = full_end;
    }
    out
}

/// Whether a letter or digit starts at byte `i` (a char boundary, or the end of the text).
#[inline]
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => alnum(char_at(text, i).0),
    }
}

/// Byte offset just past the word starting at `start` (a letter or digit): letters and digits
/// joined by marks that have a word character right after them, stopping before a possessive.
#[inline]
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    // Eight bytes at a time while they are ASCII letters and digits: most words end inside
    // their first eight bytes, with one predictable branch instead of one per byte.
    while let Some(&chunk) = bytes.get(end..).and_then(|rest| rest.first_chunk::<8>()) {
        let run = ascii_alnum_prefix(u64::from_le_bytes(chunk));
        end += run;
        if run < 8 {
            break;
        }
    }
    // Most words end at a space or a punctuation mark that joins nothing.
    if bytes
        .get(end)
        .is_none_or(|&b| b < 0x80 && !ASCII_JOINER[usize::from(b)])
    {
        return end;
    }
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        let (d, dl) = if b < 0x80 {
            if !matches!(b, b'-' | b'.' | b'\'' | b'&') {
                break;
            }
            (b as char, 1)
        } else {
            let (d, dl) = char_at(text, end);
            if d.is_alphanumeric() {
                end += dl;
                continue;
            }
            if !matches!(d, '‑' | '’' | '\u{ad}') {
                break;
            }
            (d, dl)
        };
        // A joiner counts only when a word character follows it directly.
        let after = end + dl;
        if !alnum_at(text, after) {
            break;
        }
        // "’s" at the end of a word is a possessive, not part of it.
        if matches!(d, '\'' | '’') && is_possessive_s(text, after) {
            break;
        }
        end = after;
    }
    end
}

/// The high bit of each byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `x` that is an ASCII letter or digit.
#[inline]
fn ascii_alnum_lanes(x: u64) -> u64 {
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // With the high bits cleared no byte carries into the next: a byte v has its high bit set
    // after adding 0x80 - lo exactly when v >= lo, and after adding 0x7f - hi when v > hi.
    let low = x & !HIGH_BITS;
    let folded = (x | each(0x20)) & !HIGH_BITS;
    let in_range = |v: u64, lo: u8, hi: u8| (v + each(0x80 - lo)) & !(v + each(0x7f - hi)) & HIGH_BITS;
    (in_range(folded, b'a', b'z') | in_range(low, b'0', b'9')) & !x & HIGH_BITS
}

/// How many of the eight bytes of `x` (little-endian) lead with ASCII letters and digits.
#[inline]
fn ascii_alnum_prefix(x: u64) -> usize {
    ((!ascii_alnum_lanes(x) & HIGH_BITS).trailing_zeros() / 8) as usize
}

/// ASCII bytes that may join two parts of a word (`-`, `.`, `'`, `&`), and letters and digits,
/// which continue one: at any other ASCII byte a word ends.
static ASCII_JOINER: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'\'' | b'&');
        b += 1;
    }
    table
};

fn is_possessive_s(text: &str, after: usize) -> bool {
    let rest = &text[after..];
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(is_word_char)
}

/// Byte classes of ASCII for counting words.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const WORD: u8 = 2;

static ASCII_CLASS: [u8; 128] = {
    let mut class = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// Number of words (runs containing a letter or digit), counting no further than `limit`:
/// most callers only ask whether a block is short, and a paragraph's words need not all be
/// counted. Runs are delimited by the same white space as `str::split_whitespace`.
///
/// One pass over the text: layout and captions count the words of nearly every block, so this
/// avoids splitting into slices and rescanning each one. Runs of ASCII are read eight bytes at
/// a time ([`ascii_word_starts`]); other chars one by one.
pub fn word_count_up_to(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    // No letter or digit yet since the last white space (or the start).
    let mut armed = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(chunk);
            if x & 0x8080_8080_8080_8080 == 0 {
                let (starts, armed_after) = ascii_word_starts(x, armed);
                let before = count;
                count += starts as usize;
                if starts > 0 && count >= limit {
                    // One by one, counting would have stopped at the word that reached it.
                    return limit.max(before + 1);
                }
                armed = armed_after;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let class = if b < 0x80 {
            i += 1;
            ASCII_CLASS[usize::from(b)]
        } else {
            let (c, len) = char_at(text, i);
            i += len;
            if c.is_whitespace() {
                SPACE
            } else if c.is_alphanumeric() {
                WORD
            } else {
                OTHER
            }
        };
        let first = armed & (class == WORD);
        count += usize::from(first);
        if first && count >= limit {
            return count;
        }
        armed = (armed & (class != WORD)) | (class == SPACE);
    }
    count
}

/// How many words start among eight ASCII bytes (little-endian in `x`), given whether a word
/// may start at the first of them, and whether one may start right after them.
///
/// A word starts at a letter or digit when the last letter, digit or white space before it
/// was white space (other bytes, such as quotes and brackets, change nothing). That state is
/// carried through the eight lanes in three doubling steps instead of byte by byte.
#[inline]
fn ascii_word_starts(x: u64, armed: bool) -> (u32, bool) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // With the high bits clear no byte carries into the next: the high bit of each lane of
    // `ge(v, lo)` says v >= lo, of `le(v, hi)` says v <= hi.
    let ge = |v: u64, lo: u8| v + each(0x80 - lo);
    let le = |v: u64, hi: u8| !(v + each(0x7f - hi));
    let folded = (x | each(0x20)) & LOW7;
    let alnum = (ge(folded, b'a') & le(folded, b'z') | ge(x, b'0') & le(x, b'9')) & each(0x80);
    let space = (ge(x, b'\t') & le(x, b'\r') | ge(x, b' ') & le(x, b' ')) & each(0x80);
    // One bit per lane: lane k becomes bit k.
    let lanes = |m: u64| ((((m >> 7) & each(1)).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u32;
    let (w, s) = (lanes(alnum), lanes(space));
    // `val` bit k: a word may start at lane k; `known` bit k: that is settled. Lane 0 takes
    // `armed`; lane k after a letter, digit or space takes what that lane says.
    let mut known = ((w | s) << 1 | 1) & 0xff;
    let mut val = (s << 1 | u32::from(armed)) & 0xff;
    for shift in [1, 2, 4] {
        let fill = !known & (known << shift) & 0xff;
        val |= (val << shift) & fill;
        known |= (known << shift) & 0xff;
    }
    let starts = (w & val).count_ones();
    let armed_after = if s & 0x80 != 0 {
        true
    } else if w & 0x80 != 0 {
        false
    } else {
        val & 0x80 != 0
    };
    (starts, armed_after)
}

/// Whether the period at byte `dot` ends a sentence rather than an abbreviation or initial.
fn period_ends_sentence(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    // "U.S" before the final period; "a.m" / "p.m" end a sentence only when a capital follows,
    // which the caller checks, so treat them as abbreviations.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    !lexicon::is_abbreviation(word)
}

/// Built once: a searcher's set-up costs about as much as searching a short paragraph.
static ELLIPSIS: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Byte offsets just past each sentence end in `text` (after closing quotes and brackets).
/// A sentence ends at `.`, `!`, `?` or `…` followed by white space and then something that can
/// start a sentence; abbreviations ("Sen.", "Nov.", "U.S.") and initials do not end one.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    // Room for sentences of twenty words or more without growing.
    let mut ends = Vec::with_capacity(text.len() / 100 + 2);
    let b = text.as_bytes();
    // Jump from terminator to terminator with byte searches; the next ellipsis is remembered
    // until it is passed, so the text is searched for it only once.
    let ellipsis = &*ELLIPSIS;
    let mut next_ellipsis = ellipsis.find(b).unwrap_or(b.len());
    let mut i = 0;
    while i < b.len() {
        if next_ellipsis < i {
            next_ellipsis = ellipsis.find(&b[i..]).map_or(b.len(), |k| i + k);
        }
        let ascii = memchr::memchr3(b'.', b'!', b'?', &b[i..]).map_or(b.len(), |k| i + k);
        i = ascii.min(next_ellipsis);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        let len = if c == 0xE2 { '…'.len_utf8() } else { 1 };
        let mut j = i + len;
        // Closing marks directly after the terminator belong to the sentence.
        while j < b.len() {
            let Some(ch) = text[j..].chars().next() else { break };
            if matches!(ch, '”' | '"' | '’' | '\'' | ')' | ']' | '»') {
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[j..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 && j < b.len() {
            i = j.max(i + len);
            continue;
        }
        let next = rest.trim_start().chars().next();
        let starts = next.is_none_or(|n| {
            n.is_uppercase() || n.is_numeric() || is_double_quote(n) || matches!(n, '‘' | '(' | '[' | '\'' | '—' | '–')
        });
        if starts && (c != b'.' || period_ends_sentence(text, i)) {
            ends.push(j);
        }
        i = j.max(i + len);
    }
    ends
}

/// Sentence ranges of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in sentence_ends(text).into_iter().chain(std::iter::once(text.len())) {
        if end <= start {
            continue;
        }
        let (s, e) = trim_range(text, start..end);
        if e > s {
            out.push(s..e);
        }
        start = end;
    }
    out
}

/// A range with leading and trailing white space removed.
pub fn trim_range(text: &str, r: Range<usize>) -> (usize, usize) {
    let slice = &text[r.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let s = r.start + lead;
    let e = (r.end - trail).max(s);
    (s, e)
}

/// Natural case for one upper-case word: "MOSCOW" → "Moscow", "MCKEE" → "McKee",
/// "O'DOWD" → "O'Dowd", "WILKES-BARRE" → "Wilkes-Barre". Mixed-case words are returned as is.
pub fn natural_word(word: &str) -> String {
    if !is_all_caps(word) || word.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return word.to_string();
    }
    // Initials and abbreviations with periods stay ("U.S.", "D.C.").
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut cap_next = true;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphabetic() {
            if cap_next {
                out.extend(c.to_uppercase());
                cap_next = false;
            } else {
                out.extend(c.to_lowercase());
            }
            // "Mc" and "Mac" prefixes of surnames capitalise the next letter ("McKee").
            if i == 1 && prev == Some('M') && c == 'C' && chars.len() > 3 {
                cap_next = true;
            }
        } else {
            out.push(c);
            // After hyphens and apostrophes a new part starts, but not for "'S" endings.
            cap_next = matches!(c, '-' | '\'' | '’') && chars.get(i + 2).is_some_and(|n| n.is_alphabetic());
        }
        prev = Some(c);
    }
    out
}

/// Natural case for a phrase: every upper-case word via [`natural_word`], with name particles
/// in lower case unless they open the phrase ("RIO DE JANEIRO" → "Rio de Janeiro").
pub fn natural_case(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut first = true;
    let mut last = 0;
    for (start, part) in split_keep(phrase) {
        out.push_str(&phrase[last..start]);
        let lower = part.to_lowercase();
        if !first && is_all_caps(part) && lexicon::is_name_particle(&lower) {
            out.push_str(&lower);
        } else {
            out.push_str(&natural_word(part));
        }
        first = false;
        last = start + part.len();
    }
    out.push_str(&phrase[last..]);
    out
}

/// Space-separated parts with their byte offsets.
fn split_keep(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ')
        .scan(0usize, |pos, part| {
            let start = *pos;
            *pos += part.len() + 1;
            Some((start, part))
        })
        .filter(|(_, p)| !p.is_empty())
}

/// Collapses runs of white space (including line breaks) into single spaces.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Clamps `i` down to the nearest char boundary of `s`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text ends like a sentence (terminal punctuation, possibly inside quotes or brackets).
pub fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['”', '"', '’', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// `name` with the marks of Latin letters dropped ("Río" → "Rio"), when it has any and
/// nothing else outside ASCII.
pub fn fold_marks(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    name.chars()
        .map(|c| {
            // Folded in lower case, then given back its capital ("İ" lowers to "i" and a dot).
            let lower = c.to_lowercase().next()?;
            let base = if lower.is_ascii() {
                lower
            } else {
                match lower {
                    'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                    'ç' | 'ć' | 'č' => 'c',
                    'ď' | 'đ' => 'd',
                    'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                    'ğ' => 'g',
                    'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
                    'ł' | 'ľ' | 'ĺ' => 'l',
                    'ñ' | 'ń' | 'ň' => 'n',
                    'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
                    'ř' | 'ŕ' => 'r',
                    'ś' | 'š' | 'ş' | 'ș' => 's',
                    'ť' | 'ţ' | 'ț' => 't',
                    'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
                    'ý' | 'ÿ' => 'y',
                    'ź' | 'ż' | 'ž' => 'z',
                    _ => return None,
                }
            };
            Some(if c.is_uppercase() {
                base.to_ascii_uppercase()
            } else {
                base
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_fold_in_either_case() {
        assert_eq!(fold_marks("Ústí nad Labem").as_deref(), Some("Usti nad Labem"));
        assert_eq!(fold_marks("İzmir").as_deref(), Some("Izmir"));
        assert_eq!(fold_marks("Łódź").as_deref(), Some("Lodz"));
        // Nothing to fold, or a letter that is no Latin letter with a mark.
        assert_eq!(fold_marks("Lodz"), None);
        assert_eq!(fold_marks("Ærø"), None);
    }

    #[test]
    fn capitals() {
        assert!(is_all_caps("HARBOUR LIGHTS, U.S."));
        assert!(!is_all_caps("Harbour LIGHTS"));
        // A script without case has no capitals: neither all caps nor lower case.
        assert!(!is_all_caps("港の灯り"));
        assert!(is_all_caps("港 ACME"));
        assert!(!is_all_caps("2019"));
    }

    /// Word counting one char at a time, as [`word_count_up_to`] must count.
    fn word_count_by_chars(text: &str, limit: usize) -> usize {
        let mut count = 0;
        let mut armed = true;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if armed {
                    count += 1;
                    if count >= limit {
                        return count;
                    }
                }
                armed = false;
            } else if c.is_whitespace() {
                armed = true;
            }
        }
        count
    }

    #[test]
    fn word_count_reads_eight_bytes_as_one_at_a_time() {
        let alphabet = [
            "a", "Z", "7", " ", " ", "\t", "\n", "\r", "\x0b", "-", "\"", "(", ".", "'", "_", "@", "`", "{", "/", ":",
            "[", "’", "é", "\u{a0}", "\u{3000}", "—", "ß",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let mut text = String::new();
            let mut r = seed;
            for _ in 0..len {
                r = r
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(alphabet[(r >> 33) as usize % alphabet.len()]);
            }
            for limit in [0, 1, 2, 3, 4, 7, 13, usize::MAX] {
                assert_eq!(
                    word_count_up_to(&text, limit),
                    word_count_by_chars(&text, limit),
                    "{text:?} up to {limit}"
                );
            }
        }
    }

    #[test]
    fn letters_are_ascii_admits_no_letter_mark_digit_or_word_char() {
        // Checked against the regex engine's own classes, for every char the check admits.
        let word_like = regex::Regex::new(r"^[\p{L}\p{M}\p{N}\w]$").unwrap();
        let mut admitted = 0;
        for c in (0x80..=0x2FFF).filter_map(char::from_u32) {
            if letters_are_ascii(c.encode_utf8(&mut [0; 4])) {
                admitted += 1;
                assert!(
                    !word_like.is_match(c.encode_utf8(&mut [0; 4])),
                    "{c:?} U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(admitted > 100);
        let rows = [
            ("MOSCOW (AP) — The Kremlin said", true),
            ("“We will,” she said – and left…", true),
            ("Price: €5\u{a0}million", true),
            ("SÃO PAULO (AP) —", false),
            ("Setúbal, Portugal", false),
            ("Zoe\u{301} Roe", false),
            ("\u{2160} Corps", false),
            ("a\u{200d}b", false),
        ];
        for (text, want) in rows {
            assert_eq!(letters_are_ascii(text), want, "{text}");
        }
    }

    #[test]
    fn words_keep_initials_possessives_and_hyphens() {
        let text = "Sen. Jane McKee’s aide met John H.W. Doe and Tavion Smith-Roe in the U.S. on Friday.";
        let ws = words(text);
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            [
                "Sen.",
                "Jane",
                "McKee",
                "aide",
                "met",
                "John",
                "H.W.",
                "Doe",
                "and",
                "Tavion",
                "Smith-Roe",
                "in",
                "the",
                "U.S.",
                "on",
                "Friday"
            ]
        );
        assert!(ws[2].possessive);
        assert_eq!(&text[ws[2].start..ws[2].full_end], "McKee’s");
    }

    #[test]
    fn ascii_alnum_prefix_rows() {
        let rows: [(&[u8; 8], usize); 7] = [
            (b"abcdefgh", 8),
            (b"Zz09AZaz", 8),
            (b"said, th", 4),
            (b" word123", 0),
            (b"ab@[`{/:", 2),
            (b"U.S. Emb", 1),
            (&[b'a', b'b', 0xC3, 0xA9, b'c', b'd', b'e', b'f'], 2),
        ];
        for (bytes, want) in rows {
            assert_eq!(ascii_alnum_prefix(u64::from_le_bytes(*bytes)), want, "{bytes:?}");
        }
    }

    #[test]
    fn word_count_rows() {
        let rows = [
            ("", 0),
            ("one", 1),
            ("  two words ", 2),
            ("— a dash, and 12 – more", 5),
            ("Setúbal\u{a0}São\u{2003}Paulo", 3),
            ("« … »", 0),
        ];
        for (text, n) in rows {
            assert_eq!(word_count_up_to(text, usize::MAX), n, "{text}");
            assert_eq!(word_count_up_to(text, 2), n.min(2), "{text}");
        }
    }

    #[test]
    fn plural_possessive_apostrophe() {
        let ws = words("adding that Voss’ family had asked");
        assert_eq!(ws[2].text, "Voss");
        assert!(ws[2].possessive);
    }

    #[test]
    fn sentence_ends_skip_abbreviations() {
        let rows = [
            ("Sen. Ben Roe spoke. He left.", 2),
            ("It fell on Nov. 20, 2019. Then rain.", 2),
            ("He said “We are done.” She left.", 2),
            ("“A,” he said. “B.”", 2),
            ("The U.S. Embassy said so.", 1),
            ("John H.W. Doe won.", 1),
        ];
        for (text, n) in rows {
            assert_eq!(sentences(text).len(), n, "{text}");
        }
    }

    #[test]
    fn natural_case_rows() {
        let rows = [
            ("MOSCOW", "Moscow"),
            ("LOS ANGELES", "Los Angeles"),
            ("ANNA KOVALSKA", "Anna Kovalska"),
            ("MCKEE", "McKee"),
            ("O'DOWD", "O'Dowd"),
            ("WILKES-BARRE", "Wilkes-Barre"),
            ("RIO DE JANEIRO", "Rio de Janeiro"),
            ("Hanoi", "Hanoi"),
            ("U.S.", "U.S."),
            ("SETÚBAL", "Setúbal"),
        ];
        for (input, want) in rows {
            assert_eq!(natural_case(input), want);
        }
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in ["", "’", "'s", "“", "...", "a.b.c.d.e.", "É’s’", "\u{ad}-"] {
            let _ = words(t);
            let _ = sentences(t);
            let _ = natural_case(t);
        }
    }
}
