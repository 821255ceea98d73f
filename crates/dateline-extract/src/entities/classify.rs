//! Classify: what each run of capitalised words names — a person, a place, an organisation.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::EntityKind;

use super::chunk::{Chunk, capitalized, is_connector};
use super::resolve::initials;
use crate::Registry;
use crate::fasthash::with_lowercase;
use crate::gazetteer;
use crate::lexicon::{self, Gender};
use crate::lists::{
    ADJECTIVAL_PLACE_NAMES, COMPOUND_ADJECTIVE_SUFFIXES, DIVISION_NOUNS, KIN_NOUNS, LEADING_FUNCTION_WORDS,
    NAME_JOINERS, ORG_NAME_ADJECTIVES, ORG_NAME_NOUNS, ORG_PREPOSITIONS, PARTY_LABELS, PERSON_ATTRIBUTIVE_NOUNS,
    PLACE_PARTICLES, PLACE_PREPOSITIONS, REGION_QUALIFIERS, THING_NOUNS,
};
use crate::text::{Word, is_all_caps};

/// What a piece of a chunk turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind<'a> {
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
}

pub(super) fn classify_chunk<'a>(chunk: &Chunk<'a, '_>, registry: &Registry, out: &mut Vec<Piece<'a>>) {
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
    }
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
/// says what kind of organisation the chunk names.
pub(super) fn followed_by_org_appositive(after: &str) -> bool {
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
pub(super) fn classify<'a>(
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
pub(super) fn org_like(ws: &[Word<'_>]) -> bool {
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
pub(super) fn clean_role(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lexicon::is_stop_word(w) || lexicon::is_title(w))
        .unwrap_or(words.len());
    let r = words[start..].join(" ");
    (!r.is_empty()).then_some(r)
}
