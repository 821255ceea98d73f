//! Entities: the people, places and organisations a story mentions, with every mention anchored.
//!
//! The text is cut into runs of capitalised words ("chunks": `Russian President Vladimir Putin`,
//! `Bureau of Prisons`, `U.S. Embassy in Moscow`), and each chunk is taken apart by what news
//! writing reliably signals: titles before names (`Secretary of State Mike Pompeo` → Mike Pompeo,
//! role "Secretary of State"), organisation and place words (`… University`, `… Province`), the
//! gazetteer and the archive's own registry, the word before or after the chunk (`coach X`,
//! `X hospital`, `in X`, `X, Idaho`). Second references — surnames (`Putin`), honorifics
//! (`Mr. Reeves`), acronyms (`LDP`, `CFPB`) — are resolved to the entity first introduced.
//!
//! One pass over the words builds the chunks; classification looks only at a chunk and its
//! neighbours; resolution uses hash maps — so the work is linear in the article's length.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Anchor, Entity, EntityKind};

use super::Registry;
use super::gazetteer;
use super::lexicon::{self, Gender};
use super::text::{Word, is_all_caps, words};

/// A stretch of text to read for entities.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub block: usize,
    /// The whole block text (anchors are offsets into it).
    pub text: &'a str,
    pub range: Range<usize>,
    /// Ranges inside the block not to read (scare quotes, titles of works).
    pub skip: Vec<Range<usize>>,
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
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .filter(|(_, e)| {
                e.roles.iter().any(|r| {
                    r.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric() && c != '-')
                        .any(|w| !w.is_empty() && w.starts_with(&noun))
                })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// What a piece of a chunk turned out to be.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Person {
        role: Option<String>,
        titled: bool,
        gender: Option<Gender>,
    },
    Org(String),
    Place(String),
    /// A registry entry, by index.
    Registered(usize),
    /// One capitalised word to resolve later (a surname, an acronym, a place after "in").
    Single {
        titled: bool,
        role: Option<String>,
        gender: Option<Gender>,
    },
}

#[derive(Debug, Clone)]
struct Piece {
    block: usize,
    start: usize,
    end: usize,
    /// The words of the piece joined with single spaces (the name as written).
    name: String,
    kind: Kind,
    /// Context of the chunk the piece came from.
    prev: Option<String>,
    prev2: Option<String>,
    next: Option<String>,
    sentence_start: bool,
}

/// Lower-case words that may join capitalised words inside one name.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "and"
            | "&"
            | "on"
            | "the"
            | "upon"
            | "de"
            | "la"
            | "le"
            | "del"
            | "della"
            | "da"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "am"
            | "y"
            | "dos"
            | "das"
            | "do"
            | "des"
    )
}

/// Possessives that belong inside a name ("People's Daily", "Magistrate's Court").
fn joins_possessive(w: &str) -> bool {
    matches!(
        w,
        "People"
            | "Women"
            | "Children"
            | "Men"
            | "Workers"
            | "Veterans"
            | "Farmers"
            | "Magistrate"
            | "Magistrates"
            | "Attorney"
            | "Lloyd"
            | "Macy"
            | "McDonald"
            | "Nation"
            | "Citizens"
            | "Teachers"
            | "Writers"
            | "Nations"
            | "Representatives"
    )
}

fn capitalized(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Bashir", "el-Sisi", "bin Laden" style particles glued to a capital.
        Some('a' | 'e') => {
            (w.starts_with("al-") || w.starts_with("el-")) && w[3..].chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// The capitalised runs of one span.
struct Chunk<'a> {
    block: usize,
    words: Vec<Word<'a>>,
    prev: Option<&'a str>,
    prev2: Option<&'a str>,
    next: Option<&'a str>,
    /// The text right after the chunk (to spot ", who", ", Idaho").
    after: &'a str,
    sentence_start: bool,
}

fn chunks<'a>(span: &Span<'a>) -> Vec<Chunk<'a>> {
    let text = span.text;
    let base = span.range.start;
    let mut ws: Vec<Word<'a>> = words(&text[span.range.clone()]);
    for w in &mut ws {
        w.start += base;
        w.end += base;
        w.full_end += base;
        w.text = &text[w.start..w.end];
    }
    ws.retain(|w| !span.skip.iter().any(|r| r.start <= w.start && w.end <= r.end));
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !capitalized(ws[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < ws.len() {
            let prev = &ws[j - 1];
            let gap = &text[prev.full_end..ws[j].start];
            if !gap.chars().all(char::is_whitespace) || gap.len() > 3 {
                break;
            }
            if prev.possessive && !(joins_possessive(prev.text) && capitalized(ws[j].text)) {
                break;
            }
            let w = ws[j].text;
            if capitalized(w) {
                j += 1;
                continue;
            }
            // A connector joins only when a capital (or "the" + capital, or a number after
            // "of") follows directly.
            if is_connector(w) && !prev.possessive {
                let next = ws.get(j + 1);
                let contiguous =
                    |a: &Word<'_>, b: &Word<'_>| text[a.full_end..b.start].chars().all(char::is_whitespace);
                if let Some(n) = next.filter(|n| contiguous(&ws[j], n)) {
                    if capitalized(n.text) {
                        j += 2;
                        continue;
                    }
                    if w == "of" && n.text.chars().all(|c| c.is_ascii_digit()) {
                        j += 2;
                        break;
                    }
                    if n.text == "the" {
                        if let Some(nn) = ws.get(j + 2).filter(|nn| contiguous(n, nn) && capitalized(nn.text)) {
                            let _ = nn;
                            j += 3;
                            continue;
                        }
                    }
                }
            }
            break;
        }
        // Trailing connectors are not part of the chunk.
        let mut end = j;
        while end > start + 1 && !capitalized(ws[end - 1].text) && !ws[end - 1].text.chars().all(|c| c.is_ascii_digit())
        {
            end -= 1;
        }
        let first = &ws[start];
        let before = text[..first.start]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '['));
        let sentence_start = before.len() < base + 1 && first.start <= base + 3
            || before.ends_with(['.', '!', '?', ':', '\n', '—', '–', '…'])
            || before.is_empty();
        let last = &ws[end - 1];
        let next = ws
            .get(end)
            .filter(|n| text[last.full_end..n.start].chars().all(char::is_whitespace))
            .map(|n| n.text);
        out.push(Chunk {
            block: span.block,
            words: ws[start..end].to_vec(),
            prev: start.checked_sub(1).map(|k| ws[k].text).filter(|_| {
                text[ws[start - 1].full_end..first.start]
                    .chars()
                    .all(char::is_whitespace)
            }),
            prev2: start.checked_sub(2).map(|k| ws[k].text),
            next,
            after: "",
            sentence_start,
        });
        i = end.max(i + 1);
    }
    // `after` may cut a char in half; rebuild it safely.
    for c in &mut out {
        let end = c.words.last().map_or(0, |w| w.full_end);
        let mut stop = (end + 48).min(text.len());
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        c.after = &text[end..stop];
    }
    out
}

/// Classifies every chunk of the spans and resolves second references.
pub fn extract(spans: &[Span<'_>], registry: &Registry) -> Found {
    let mut pieces: Vec<Piece> = Vec::new();
    for span in spans {
        for chunk in chunks(span) {
            classify_chunk(&chunk, registry, &mut pieces);
        }
    }
    resolve(pieces, registry)
}

fn join(words: &[Word<'_>]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w.text);
    }
    s
}

fn classify_chunk(chunk: &Chunk<'_>, registry: &Registry, out: &mut Vec<Piece>) {
    let ws = &chunk.words;
    // Words written in capitals throughout are headings or shouting, except acronyms.
    if ws.len() > 1
        && ws.iter().all(|w| w.is_all_caps())
        && !gazetteer::is_known_org(&join(ws))
        && gazetteer::place(&join(ws)).is_none()
    {
        return;
    }
    let mut pieces = Vec::new();
    classify(ws, chunk, registry, &mut pieces, 0);
    out.extend(pieces);
}

fn piece(chunk: &Chunk<'_>, ws: &[Word<'_>], kind: Kind) -> Piece {
    Piece {
        block: chunk.block,
        start: ws[0].start,
        end: ws[ws.len() - 1].end,
        name: join(ws),
        kind,
        prev: chunk.prev.map(str::to_string),
        prev2: chunk.prev2.map(str::to_string),
        next: chunk.next.map(str::to_string),
        sentence_start: chunk.sentence_start,
    }
}

/// Takes apart `ws` (a whole chunk or part of one). `offset` is the index of `ws[0]` in the chunk.
fn classify(ws: &[Word<'_>], chunk: &Chunk<'_>, registry: &Registry, out: &mut Vec<Piece>, offset: usize) {
    if ws.is_empty() {
        return;
    }
    let at_chunk_start = offset == 0;
    let at_chunk_end = offset + ws.len() == chunk.words.len();
    let whole = join(ws);
    let next_lower = if at_chunk_end {
        chunk.next.map(str::to_lowercase)
    } else {
        None
    };
    let prev_lower = if at_chunk_start {
        chunk.prev.map(str::to_lowercase)
    } else {
        None
    };

    // The archive's registry overrides everything.
    if !registry.is_empty() {
        if let Some(e) = registry.lookup(&whole) {
            let idx = registry.entries.iter().position(|x| x.name == e.name).unwrap_or(0);
            out.push(piece(chunk, ws, Kind::Registered(idx)));
            return;
        }
        // Longest registered sub-span.
        for len in (1..ws.len()).rev() {
            for s in 0..=ws.len() - len {
                let sub = join(&ws[s..s + len]);
                if registry.lookup(&sub).is_some() && !(len == 1 && lexicon::is_stop_word(&sub)) {
                    classify(&ws[..s], chunk, registry, out, offset);
                    classify(&ws[s..s + len], chunk, registry, out, offset + s);
                    classify(&ws[s + len..], chunk, registry, out, offset + s + len);
                    return;
                }
            }
        }
    }

    // "X party" (lower case): a party, named as written ("Communist party").
    if next_lower.as_deref() == Some("party") && !lexicon::is_stop_word(&whole) {
        out.push(piece(chunk, ws, Kind::Org(format!("{whole} party"))));
        return;
    }
    // "Zabul province", "Orange county".
    if matches!(
        next_lower.as_deref(),
        Some("province" | "county" | "prefecture" | "oblast" | "governorate" | "district")
    ) && ws.len() <= 3
    {
        out.push(piece(
            chunk,
            ws,
            Kind::Place(format!("{whole} {}", next_lower.as_deref().unwrap_or(""))),
        ));
        return;
    }
    // Party labels used as nouns and adjectives ("Democrats", "Republican primary").
    if ws.len() == 1 {
        match ws[0].text {
            "Democrat" | "Democrats" | "Democratic" => {
                out.push(piece(chunk, ws, Kind::Org("Democratic Party".into())));
                return;
            }
            "Republican" | "Republicans" => {
                out.push(piece(chunk, ws, Kind::Org("Republican Party".into())));
                return;
            }
            _ => {}
        }
    }

    // Leading function words and sentence openers are not part of names. "The" stays in front
    // of a known title ("The Washington Post").
    if lexicon::is_stop_word(ws[0].text) || ws[0].text.ends_with("-based") {
        let keep_the = ws[0].text == "The"
            && ws.len() > 1
            && (gazetteer::is_known_org(&whole) || !chunk.sentence_start && org_like(&ws[1..]));
        if !keep_the {
            classify(&ws[1..], chunk, registry, out, offset + 1);
            return;
        }
    }

    if let Some(p) = gazetteer::place(&whole) {
        // "Washington" the person is resolved later; a place name in a longer org chunk is not.
        out.push(piece(chunk, ws, Kind::Place(p.to_string())));
        return;
    }
    if gazetteer::is_known_org(&whole) {
        if !gazetteer::is_weak_org(&whole) {
            out.push(piece(chunk, ws, Kind::Org(whole)));
        }
        return;
    }

    let last = ws[ws.len() - 1].text;
    // Events, prizes, laws and works: drop, but keep a title-led person inside
    // ("President Roe Week" is rare; "Energy Week" common).
    if gazetteer::is_misc_suffix(last) && ws.len() > 1 {
        return;
    }
    if org_like(ws) {
        out.push(piece(chunk, ws, Kind::Org(whole)));
        return;
    }
    if ws.len() > 1
        && (gazetteer::is_place_suffix(last)
            || gazetteer::is_place_prefix(ws[0].text) && !lexicon::is_title(ws[0].text))
    {
        out.push(piece(chunk, ws, Kind::Place(whole)));
        return;
    }

    // Titles: the last title word separates the role from the name.
    if let Some(t) = ws.iter().rposition(|w| lexicon::is_title(w.text)) {
        if t + 1 < ws.len() {
            let role_words = &ws[..=t];
            let mut rest = &ws[t + 1..];
            let mut role = join(role_words);
            // "Secretary of State Mike Pompeo": the office's complement precedes the name.
            if rest[0].text == "of" || rest[0].text == "for" {
                let tail = &rest[1..];
                let name_at = tail
                    .iter()
                    .position(|w| lexicon::is_given_name(w.text))
                    .filter(|&g| tail.len() - g <= 4)
                    .unwrap_or(tail.len().saturating_sub(2));
                if name_at == 0 || tail.is_empty() {
                    return;
                }
                role = format!("{role} {} {}", rest[0].text, join(&tail[..name_at]));
                rest = &tail[name_at..];
            }
            let honorific_gender = role_words.iter().rev().find_map(|w| lexicon::honorific_gender(w.text));
            classify_role(role_words, chunk, registry, out, offset);
            let rest_offset = offset + (ws.len() - rest.len());
            if rest.len() == 1 {
                let w = rest[0].text;
                if gazetteer::place(w).is_none()
                    && !gazetteer::is_known_org(w)
                    && !lexicon::is_stop_word(w)
                    && !is_all_caps(w)
                {
                    out.push(piece(
                        chunk,
                        rest,
                        Kind::Single {
                            titled: true,
                            role: clean_role(&role),
                            gender: honorific_gender,
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
                        titled: true,
                        gender: honorific_gender.or_else(|| lexicon::given_name_gender(rest[0].text)),
                    },
                ));
            } else {
                classify(rest, chunk, registry, out, rest_offset);
            }
            return;
        }
        if t + 1 == ws.len() && ws.len() > 1 {
            // A role without a name ("Home Secretary"): look for organisations inside it.
            classify_role(ws, chunk, registry, out, offset);
            return;
        }
    }

    // Nationality adjectives describe the name that follows ("Australian Tim Weeks").
    if ws.len() > 1 && lexicon::is_demonym(ws[0].text) && !lexicon::is_given_name(ws[0].text) {
        // "Eastern Michigan", "Northern Illinois": a compass word before a place names
        // something else (a team, a university), not the place.
        if matches!(
            ws[0].text,
            "North"
                | "South"
                | "East"
                | "West"
                | "Northern"
                | "Southern"
                | "Eastern"
                | "Western"
                | "Central"
                | "Upper"
                | "Lower"
                | "Greater"
        ) {
            return;
        }
        classify(&ws[1..], chunk, registry, out, offset + 1);
        return;
    }

    // Connectors that are not name particles split coordinated names ("A and B").
    if let Some(k) = ws
        .iter()
        .position(|w| matches!(w.text, "and" | "&" | "of" | "for" | "on" | "the" | "upon"))
    {
        classify(&ws[..k], chunk, registry, out, offset);
        classify(&ws[k + 1..], chunk, registry, out, offset + k + 1);
        return;
    }

    // A known place or organisation inside a longer run ("Trump Chicago", "CBS All Access").
    if ws.len() > 1 {
        for len in (1..ws.len()).rev() {
            for s in 0..=ws.len() - len {
                let sub = join(&ws[s..s + len]);
                if (gazetteer::place(&sub).is_some() && !lexicon::is_given_name(&sub)
                    || gazetteer::is_known_org(&sub) && len > 1)
                    && !(s == 0 && len == 1 && name_shaped(ws))
                {
                    classify(&ws[..s], chunk, registry, out, offset);
                    classify(&ws[s..s + len], chunk, registry, out, offset + s);
                    classify(&ws[s + len..], chunk, registry, out, offset + s + len);
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
        out.push(piece(
            chunk,
            ws,
            Kind::Single {
                titled: false,
                role: None,
                gender: None,
            },
        ));
        return;
    }

    if name_shaped(ws) {
        // "the Moulin Rouge", "the Nittany Lions": people do not take an article.
        if prev_lower.as_deref() == Some("the") {
            return;
        }
        // "Walter Reed hospital", "newspaper Novaya Gazeta", "Penn State quarterback": an
        // organisation noun or a job after the name makes it an institution or a team.
        if next_lower.as_deref().is_some_and(|n| {
            lexicon::is_org_noun(n) || lexicon::is_role_noun(n) && !matches!(n, "son" | "daughter" | "wife" | "husband")
        }) || prev_lower.as_deref().is_some_and(lexicon::is_org_noun)
        {
            out.push(piece(chunk, ws, Kind::Org(whole)));
            return;
        }
        let role = prev_lower
            .as_deref()
            .filter(|p| lexicon::is_role_noun(p))
            .map(str::to_string);
        out.push(piece(
            chunk,
            ws,
            Kind::Person {
                role,
                titled: false,
                gender: lexicon::given_name_gender(ws[0].text),
            },
        ));
        return;
    }
    // Runs we cannot read as one name: try each word.
    if ws.len() > 1 && ws.len() <= 6 {
        for (k, w) in ws.iter().enumerate() {
            if w.is_all_caps() && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                classify(std::slice::from_ref(w), chunk, registry, out, offset + k);
            }
        }
    }
}

/// Organisations and places inside a role ("White House Press Secretary", "U.S. Defense
/// Secretary", "Australian Federal Police Commissioner").
fn classify_role(role: &[Word<'_>], chunk: &Chunk<'_>, registry: &Registry, out: &mut Vec<Piece>, offset: usize) {
    // The longest prefix that ends in an organisation word is an organisation.
    for end in (1..role.len()).rev() {
        if gazetteer::is_org_suffix(role[end - 1].text) && end >= 2 && !lexicon::is_title(role[end - 1].text) {
            let start = role[..end]
                .iter()
                .position(|w| !lexicon::is_stop_word(w.text) && !lexicon::is_title(w.text))
                .unwrap_or(end);
            if start < end - 1 {
                out.push(piece(chunk, &role[start..end], Kind::Org(join(&role[start..end]))));
                return;
            }
        }
    }
    // Known places and organisations inside the role.
    let mut s = 0;
    while s < role.len() {
        let mut matched = 0;
        for len in (1..=(role.len() - s).min(4)).rev() {
            let sub = join(&role[s..s + len]);
            if lexicon::is_title(&sub) {
                continue;
            }
            if let Some(e) = registry.lookup(&sub).filter(|_| !registry.is_empty()) {
                let idx = registry.entries.iter().position(|x| x.name == e.name).unwrap_or(0);
                out.push(piece(chunk, &role[s..s + len], Kind::Registered(idx)));
                matched = len;
                break;
            }
            if let Some(p) = gazetteer::place(&sub) {
                out.push(piece(chunk, &role[s..s + len], Kind::Place(p.to_string())));
                matched = len;
                break;
            }
            if gazetteer::is_known_org(&sub) && !gazetteer::is_weak_org(&sub) {
                out.push(piece(chunk, &role[s..s + len], Kind::Org(sub)));
                matched = len;
                break;
            }
        }
        s += matched.max(1);
    }
    let _ = offset;
}

/// Ends with an organisation word, or is "Organisation of X" ("Bureau of Prisons").
fn org_like(ws: &[Word<'_>]) -> bool {
    if ws.is_empty() {
        return false;
    }
    let last = ws[ws.len() - 1].text;
    if ws.len() >= 2 && gazetteer::is_org_suffix(last) && !lexicon::is_title(last) {
        return true;
    }
    if ws.len() == 2
        && matches!(
            last,
            "Embassy" | "Consulate" | "Police" | "Senate" | "Parliament" | "Congress" | "Government"
        )
    {
        return true;
    }
    // "X of Y" / "X for Y" / "X on Y" where X ends in an organisation word.
    if let Some(k) = ws.iter().position(|w| matches!(w.text, "of" | "for" | "on")) {
        if k >= 1 && k + 1 < ws.len() && gazetteer::is_org_suffix(ws[k - 1].text) && !lexicon::is_title(ws[k - 1].text)
        {
            return true;
        }
    }
    false
}

/// Two to four capitalised name words (particles and initials allowed inside).
fn name_shaped(ws: &[Word<'_>]) -> bool {
    if !(2..=5).contains(&ws.len()) {
        return false;
    }
    ws.iter().enumerate().all(|(i, w)| {
        let t = w.text;
        let particle = i > 0 && i + 1 < ws.len() && lexicon::is_name_particle(&t.to_lowercase());
        let suffix = i + 1 == ws.len() && i >= 2 && lexicon::is_name_suffix(t);
        let initial =
            t.len() <= 5 && t.ends_with('.') && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let word = capitalized(t)
            && (!is_all_caps(t) || t.chars().filter(|c| c.is_alphabetic()).count() == 1)
            && !lexicon::is_stop_word(t)
            && !gazetteer::is_org_suffix(t)
            && !lexicon::is_title(t);
        (word || particle || suffix || initial && i + 1 < ws.len()) && !t.chars().any(|c| c.is_ascii_digit())
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

/// Key for recognising the same organisation written two ways ("Justice Department" and
/// "Department of Justice").
fn org_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let lower = lower.trim_start_matches("the ").to_string();
    for head in ["department", "ministry", "bureau", "office", "university"] {
        let prefix = format!("{head} of ");
        if let Some(rest) = lower.strip_prefix(&prefix) {
            return format!("{} {head}", rest.trim_start_matches("the "));
        }
    }
    lower
}

/// Initials of an organisation's significant words ("Consumer Financial Protection Bureau" → CFPB).
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !matches!(*w, "of" | "and" | "for" | "the" | "on" | "&" | "in" | "de"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Builds the entity list from classified pieces: one entity per distinct person, place and
/// organisation, with surnames, honorifics, acronyms and aliases resolved.
fn resolve(pieces: Vec<Piece>, registry: &Registry) -> Found {
    let mut b = Builder::default();
    // Organisations and places first seen in a strong context win over a person reading of the
    // same words elsewhere ("Walter Reed hospital" … "a visit to Walter Reed").
    let mut org_names: HashMap<String, String> = HashMap::new();
    let mut place_names: HashMap<String, String> = HashMap::new();
    for p in &pieces {
        match &p.kind {
            Kind::Org(n) => {
                org_names.insert(p.name.clone(), n.clone());
            }
            Kind::Place(n) => {
                place_names.insert(p.name.clone(), n.clone());
            }
            _ => {}
        }
    }
    // Acronyms defined in parentheses: "Liberal Democratic Party (LDP)".
    let mut acronyms: HashMap<String, String> = HashMap::new();
    for w in pieces.windows(2) {
        if let (Kind::Org(n), Kind::Single { .. }) = (&w[0].kind, &w[1].kind) {
            if w[1].block == w[0].block
                && is_all_caps(&w[1].name)
                && w[1].start > w[0].end
                && w[1].start - w[0].end <= 3
                && initials(n).starts_with(&w[1].name[..1])
            {
                acronyms.insert(w[1].name.clone(), n.clone());
            }
        }
    }
    // Pass 1: full names of people, organisations, places, registry entries.
    let mut singles: Vec<Piece> = Vec::new();
    for p in pieces {
        match p.kind.clone() {
            Kind::Registered(i) => {
                if let Some(e) = registry.entries.get(i) {
                    b.add(&e.name.clone(), e.kind, &p, None, None);
                }
            }
            Kind::Org(n) => {
                b.add_org(&n, &p);
            }
            Kind::Place(n) => {
                b.add(&n, EntityKind::Place, &p, None, None);
            }
            Kind::Person { role, gender, .. } => {
                if let Some(o) = org_names.get(&p.name) {
                    b.add_org(&o.clone(), &p);
                } else if let Some(pl) = place_names.get(&p.name) {
                    b.add(&pl.clone(), EntityKind::Place, &p, None, None);
                } else if let Some(id) = b.person_by_tail(&p.name) {
                    b.mention(id, &p);
                } else {
                    b.add(&p.name, EntityKind::Person, &p, role, gender);
                }
            }
            Kind::Single { .. } => singles.push(p),
        }
    }
    // Pass 2: single words — surnames, first names, acronyms, places after "in".
    let first_names = b.first_names();
    for p in singles {
        let Kind::Single { titled, role, gender } = p.kind.clone() else {
            continue;
        };
        let w = p.name.as_str();
        if let Some(id) = b.person_by_tail(w) {
            b.mention(id, &p);
            if let Some(g) = gender {
                b.genders[id].get_or_insert(g);
            }
            continue;
        }
        if let Some(&id) = first_names.get(w) {
            if !titled {
                b.mention(id, &p);
                continue;
            }
        }
        if let Some(n) = acronyms.get(w) {
            b.add_org(&n.clone(), &p);
            continue;
        }
        if let Some(o) = org_names.get(w) {
            b.add_org(&o.clone(), &p);
            continue;
        }
        if let Some(pl) = place_names.get(w) {
            b.add(&pl.clone(), EntityKind::Place, &p, None, None);
            continue;
        }
        if titled {
            b.add(w, EntityKind::Person, &p, role, gender);
            continue;
        }
        // "R-Neb.", "D-Calif.": a lawmaker's party and state.
        if let Some(state) = party_state(w) {
            b.add(state, EntityKind::Place, &p, None, None);
            continue;
        }
        if is_all_caps(w)
            && (2..=6).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
            && !lexicon::is_non_org_acronym(w)
            && gazetteer::state_abbreviation(w).is_none()
        {
            // An acronym of an organisation already named ("CFPB").
            if let Some(id) = b.org_by_initials(w) {
                b.mention(id, &p);
            } else {
                b.add_org(w, &p);
            }
            continue;
        }
        let prev = p.prev.as_deref().map(str::to_lowercase);
        let prev2 = p.prev2.as_deref().map(str::to_lowercase);
        let place_cue = matches!(prev.as_deref(), Some("in" | "near"))
            || matches!(
                (prev2.as_deref(), prev.as_deref()),
                (
                    Some("city" | "town" | "village" | "capital" | "province" | "region"),
                    Some("of")
                )
            );
        if place_cue && !p.sentence_start && w.chars().count() > 2 {
            b.add(w, EntityKind::Place, &p, None, None);
            continue;
        }
        if p.next
            .as_deref()
            .is_some_and(|n| lexicon::is_org_noun(n) && n != "party")
        {
            b.add_org(w, &p);
        }
    }
    b.finish()
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
    by_key: HashMap<(EntityKind, String), usize>,
    /// Lower-cased surname (and two-word tails like "hawk sawyer", "de miranda") → people.
    tails: HashMap<String, Vec<usize>>,
}

impl Builder {
    fn key(kind: EntityKind, name: &str) -> (EntityKind, String) {
        let k = match kind {
            EntityKind::Organization => org_key(name),
            _ => name.to_lowercase(),
        };
        (kind, k)
    }

    fn add(&mut self, name: &str, kind: EntityKind, p: &Piece, role: Option<String>, gender: Option<Gender>) -> usize {
        let key = Self::key(kind, name);
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.entities.len();
                self.entities.push(Entity {
                    name: name.to_string(),
                    kind,
                    roles: Vec::new(),
                    mentions: Vec::new(),
                });
                self.genders.push(None);
                self.by_key.insert(key, id);
                if kind == EntityKind::Person {
                    self.index_person(name, id);
                }
                id
            }
        };
        if let Some(r) = role {
            if !self.entities[id].roles.contains(&r) {
                self.entities[id].roles.push(r);
            }
        }
        if let Some(g) = gender {
            self.genders[id].get_or_insert(g);
        }
        self.mention(id, p);
        id
    }

    fn add_org(&mut self, name: &str, p: &Piece) -> usize {
        self.add(name, EntityKind::Organization, p, None, None)
    }

    fn index_person(&mut self, name: &str, id: usize) {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| !lexicon::is_name_suffix(w))
            .collect();
        if words.len() < 2 {
            self.tails.entry(name.to_lowercase()).or_default().push(id);
            return;
        }
        let last = words[words.len() - 1].to_lowercase();
        self.tails.entry(last).or_default().push(id);
        if words.len() >= 3 {
            let two = words[words.len() - 2..].join(" ").to_lowercase();
            self.tails.entry(two).or_default().push(id);
        }
    }

    /// The person a surname (or trailing part of a name) refers to: the most recent one.
    fn person_by_tail(&self, name: &str) -> Option<usize> {
        let ids = self.tails.get(&name.to_lowercase())?;
        // Prefer the most recently mentioned bearer of the name.
        ids.iter().copied().max_by_key(|&id| {
            self.mentions
                .iter()
                .rev()
                .position(|m| m.entity == id)
                .map_or(0, |p| usize::MAX - p)
        })
    }

    fn first_names(&self) -> HashMap<String, usize> {
        let mut count: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind == EntityKind::Person {
                let words: Vec<&str> = e.name.split_whitespace().collect();
                if words.len() >= 2 {
                    count.entry(words[0].to_string()).or_default().push(id);
                }
            }
        }
        count
            .into_iter()
            .filter(|(n, ids)| {
                ids.len() == 1 && !self.tails.contains_key(&n.to_lowercase()) && gazetteer::place(n).is_none()
            })
            .map(|(n, ids)| (n, ids[0]))
            .collect()
    }

    fn org_by_initials(&self, acronym: &str) -> Option<usize> {
        self.entities.iter().position(|e| {
            e.kind == EntityKind::Organization && e.name.split_whitespace().count() >= 2 && initials(&e.name) == acronym
        })
    }

    fn mention(&mut self, id: usize, p: &Piece) {
        self.mentions.push(Mention {
            block: p.block,
            start: p.start,
            end: p.end,
            entity: id,
        });
    }

    fn finish(mut self) -> Found {
        self.mentions.sort();
        self.mentions.dedup();
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

    fn run(text: &str) -> Found {
        let spans = [Span {
            block: 0,
            text,
            range: 0..text.len(),
            skip: vec![],
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
        assert!(names(&f, EntityKind::Place).contains(&"Moscow".to_string()));
        assert!(names(&f, EntityKind::Place).contains(&"United States".to_string()));
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
            "The Bureau of Prisons and the Department of Justice met at Northern Kentucky University and the Hong Kong Polytechnic University. The Liberal Democratic Party (LDP) won. The LDP said so. Later the Justice Department agreed. A soldier in Zabul province and in Braunau spoke to the People’s Daily.",
        );
        let orgs = names(&f, EntityKind::Organization);
        for o in [
            "Bureau of Prisons",
            "Department of Justice",
            "Northern Kentucky University",
            "Hong Kong Polytechnic University",
            "Liberal Democratic Party",
            "People’s Daily",
        ] {
            assert!(orgs.contains(&o.to_string()), "{o} in {orgs:?}");
        }
        assert!(!orgs.contains(&"LDP".to_string()));
        assert!(!orgs.contains(&"Justice Department".to_string()));
        let places = names(&f, EntityKind::Place);
        assert!(places.contains(&"Zabul province".to_string()), "{places:?}");
        assert!(places.contains(&"Braunau".to_string()), "{places:?}");
    }

    #[test]
    fn not_people() {
        let f = run(
            "They stood outside the Moulin Rouge. Walter Reed hospital was busy, so he went to Walter Reed later. Eastern Michigan beat Penn State quarterback teams. The Nobel Peace Prize went elsewhere.",
        );
        let people = names(&f, EntityKind::Person);
        assert!(people.is_empty(), "{people:?}");
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in ["", "A", "The", "’s", "U.S.-", "Mr.", "of the And", "Ä Ö Ü", "R-"] {
            let _ = run(t);
        }
    }
}
