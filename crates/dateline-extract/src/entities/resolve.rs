//! Resolve: one entity per person, place and organisation, second references joined to first.

use crate::model::{Anchor, Entity, EntityKind};
use std::borrow::Cow;

use super::chunk::lower;
use super::classify::{Kind, Piece};
use super::{Found, Mention};
use crate::Registry;
use crate::fasthash::{FxHashMap, FxHashSet, with_lowercase};
use crate::gazetteer;
use crate::lexicon::{self, Gender};
use crate::lists::{
    AUXILIARY_VERBS, CLAUSE_CONJUNCTIONS, COMPANY_DESCRIPTORS, COMPANY_OFFICES, COMPANY_SUFFIXES,
    COORDINATING_CONJUNCTIONS, CORPORATE_VERBS, EMPLOYEE_NOUNS, FOUNDING_VERBS, HOLDING_NOUNS, INVERTIBLE_ORG_NOUNS,
    MEMBER_NOUNS, ORG_POSSESSIONS, OUTLET_REPORT_VERBS, OUTLET_TITLE_WORDS, PARTY_LABELS, PLACE_KIND_NOUNS,
    PLACE_PREPOSITIONS, PRODUCT_NOUNS, RESULT_VERBS, SOURCE_CUES, THING_NOUNS, TRADED_NOUNS, WEB_DOMAINS, WORK_VERBS,
    WORKPLACE_EVENTS,
};
use crate::names;
use crate::text::{is_all_caps, push_lowercase};

/// Key for recognising one organisation written several ways: "Justice Department" and
/// "Department of Justice", "AP" and "Associated Press", "Forbes Magazine" and "Forbes".
///
/// Written into `lower`, a buffer the builder keeps: every organisation mention is keyed, and
/// most only find an entity already made.
pub(super) fn org_key(name: &str, lower: &mut String) {
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
        && (COMPANY_SUFFIXES.contains(last) || OUTLET_TITLE_WORDS.contains(last))
    {
        // "Acme Widgets, Inc.": the comma setting off the legal form goes with it.
        let keep = head.trim_end_matches(',').len();
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
pub(super) fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// `s.to_lowercase()`, reusing `s` when it is ASCII.
pub(super) fn into_lowercase(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

/// Initials of a name's significant words ("Consumer Financial Protection Bureau" → CFPB).
pub(super) fn initials(name: &str) -> String {
    initial_letters(name).collect()
}

/// The first letters of a name's capitalised words: small words ("of", "and", "de") start
/// with no capital and drop out.
pub(super) fn initial_letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
}

/// Builds the entity list from classified pieces: one entity per distinct person, place and
/// organisation, with surnames, honorifics, acronyms and aliases resolved.
///
/// Two passes: full names first (people, organisations, places, registry entries), so that
/// the single words of the second pass — surnames, first names, acronyms, towns — find what
/// they refer back to. Each single word is settled by the first of [`SINGLE_WORD_RULES`] that
/// answers.
pub(super) fn resolve(pieces: Vec<Piece<'_>>, registry: &Registry) -> Found {
    let mut b = Builder::default();
    // Nearly every piece becomes one mention, and at most one new entity.
    b.mentions.reserve(pieces.len());
    b.entities.reserve(pieces.len());
    // The name tables take a share of those entities each: room for a third of the pieces
    // spares growing them step by step. They are only looked up, never walked, so their size
    // changes no answer.
    let room = pieces.len() / 3;
    for keys in &mut b.by_key {
        keys.reserve(room);
    }
    b.tails.reserve(room);
    b.short_names.reserve(room);
    b.genders.reserve(pieces.len());
    b.last_seen.reserve(pieces.len());
    b.first_pos.reserve(pieces.len());
    let mut known = Lookups::new(&pieces);
    let vessels = vessel_names(&pieces);
    let mut singles: Vec<&Piece<'_>> = Vec::with_capacity(pieces.len());
    for p in pieces.iter().filter(|p| vessels.is_empty() || !is_vessel(&vessels, p)) {
        if matches!(p.kind, Kind::Single { .. }) {
            singles.push(p);
        } else {
            full_name(&mut b, &known, p, registry);
        }
    }
    known.first_names = b.first_names();
    for p in singles {
        let Kind::Single { gender, .. } = &p.kind else { continue };
        let Some((name, r)) = SINGLE_WORD_RULES
            .iter()
            .find_map(|(name, rule)| rule(p, &b, &known).map(|r| (name, r)))
        else {
            continue;
        };
        // `--explain` names the rule that settled the word, not the one that left it single.
        b.settling = name;
        settle(&mut b, p, r, *gender);
        b.settling = "";
    }
    b.finish()
}

/// What the text says about names as a whole, for the passes to consult.
struct Lookups<'p> {
    /// Organisations and places found in a clear context win over a person reading of the
    /// same words elsewhere ("Walter Roe hospital" … "a visit to Walter Roe").
    org_names: FxHashMap<&'p str, &'p str>,
    place_names: FxHashMap<&'p str, &'p str>,
    /// Acronyms defined in brackets after a name: "Liberal Democratic Party (LDP)".
    acronyms: FxHashMap<&'p str, &'p str>,
    /// People's first names → the person, once the full names are in.
    first_names: FxHashMap<String, usize>,
    /// Brands the story shows to be products somewhere (see [`product_brands`]).
    products: FxHashSet<&'p str>,
}

impl<'p> Lookups<'p> {
    fn new(pieces: &'p [Piece<'p>]) -> Self {
        let mut org_names = FxHashMap::default();
        let mut place_names = FxHashMap::default();
        for p in pieces {
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
        Lookups {
            org_names,
            place_names,
            acronyms: defined_acronyms(pieces),
            first_names: FxHashMap::default(),
            products: product_brands(pieces),
        }
    }
}

/// "Liberal Democratic Party (LDP)": an all-caps piece in brackets right after a name that
/// its initials spell.
fn defined_acronyms<'p>(pieces: &'p [Piece<'p>]) -> FxHashMap<&'p str, &'p str> {
    let mut acronyms = FxHashMap::default();
    for w in pieces.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.block != b.block || b.start < a.end || b.start - a.end > 3 || !is_all_caps(&b.name) {
            continue;
        }
        let full = match &a.kind {
            Kind::Org(n) => &**n,
            Kind::Person { .. } | Kind::Place(_) => continue,
            _ => &*a.name,
        };
        if a.name.split_whitespace().count() >= 2 && initials(full) == b.name.replace('.', "") {
            acronyms.insert(&*b.name, full);
        }
    }
    acronyms
}

/// Brands (see [`brand`]) that some mention in the story shows to be a product, not a
/// company: a product keeps its name wherever the story writes it, so "the ZenoPad 2" and
/// "a ZenoPad charger" make a later "ZenoPad owners" a product too.
fn product_brands<'p>(pieces: &'p [Piece<'p>]) -> FxHashSet<&'p str> {
    pieces
        .iter()
        .filter(|p| matches!(p.kind, Kind::Single { .. }) && camel_case(&p.name) && written_as_product(p))
        .map(|p| &*p.name)
        .collect()
}

/// A product is written after its maker ("Acme PhonePro", "Acme's SmartDial"), before its
/// model number ("PhonePro 2") or before the kind of thing it is ("a SmartDial controller",
/// "in TeXdoc source"), and is counted: "a SmartDial", "an EchoPad with a case". A company is
/// written as none of these; "a" before it counts what it employs, owns or makes ("a PayZen
/// spokesman", "a SoftBank unit", "a YouTube video").
fn written_as_product(p: &Piece<'_>) -> bool {
    let maker_before = p.prev.is_some_and(gazetteer::is_known_org);
    let model_after = p.next.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let kind_after = p.next.is_some_and(|w| PRODUCT_NOUNS.contains_lowercase_of(w));
    // Only as the head of its phrase: before a noun a brand describes it ("a PayZen
    // account", "a PayZen spokesman"), which says nothing of what the brand is.
    let head_of_phrase = p.next.is_none_or(|w| {
        w == "with"
            || COORDINATING_CONJUNCTIONS.contains(w)
            || PLACE_PREPOSITIONS.contains(w)
            || AUXILIARY_VERBS.contains(w)
    });
    let counted = p
        .prev
        .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
        && head_of_phrase;
    maker_before || model_after || kind_after || counted
}

/// Ships are named like people ("the tanker Corvina Star") but are neither people nor
/// organisations: a name that a vessel noun introduces is left out wherever it appears.
fn vessel_names<'p>(pieces: &'p [Piece<'p>]) -> Vec<&'p str> {
    pieces
        .iter()
        .filter(|p| matches!(p.kind, Kind::Person { .. }) && p.prev.is_some_and(lexicon::is_vessel_noun))
        .map(|p| &*p.name)
        .collect()
}

fn is_vessel(vessels: &[&str], p: &Piece<'_>) -> bool {
    matches!(p.kind, Kind::Person { .. } | Kind::Single { known: None, .. })
        && vessels
            .iter()
            .any(|v| *v == p.name || v.split(' ').any(|w| w == p.name))
}

/// Pass 1: a full name — a registry entry, an organisation, a place, or a person (unless the
/// same words name an organisation or place elsewhere, or a defined acronym's expansion).
fn full_name(b: &mut Builder, known: &Lookups<'_>, p: &Piece<'_>, registry: &Registry) {
    match &p.kind {
        Kind::Registered(i) => {
            if let Some(e) = registry.entries.get(*i) {
                let id = b.add(&e.name, e.kind, p, None, None);
                b.confirm(id, true);
            }
        }
        Kind::Org(n) => {
            b.add_org(n, p);
        }
        Kind::Place(n) => {
            b.add(n, EntityKind::Place, p, None, None);
        }
        Kind::Person { role, gender, sure } => {
            if let Some(o) = known.org_names.get(&*p.name) {
                b.add_org(o, p);
            } else if let Some(pl) = known.place_names.get(&*p.name) {
                b.add(pl, EntityKind::Place, p, None, None);
            } else if let Some(id) = (!opens_with_given_name(&p.name))
                .then(|| b.org_starting_with(&p.name))
                .flatten()
            {
                b.mention(id, p);
            } else if let Some(id) = b.same_person(&p.name) {
                b.mention(id, p);
                b.take_middle_initials(id, &p.name);
                b.note(id, role.clone(), *gender);
                b.confirm(id, *sure);
            } else if let Some(n) = known.acronyms.values().find(|full| **full == p.name) {
                b.add_org(n, p);
            } else {
                let id = b.add(&p.name, EntityKind::Person, p, role.clone(), *gender);
                b.confirm(id, *sure);
            }
        }
        Kind::Single { .. } => {}
    }
}

/// Whether a name's first word is a given name ("Jane Roe"), which a company's short name
/// ("Acme Widget" for "Acme Widget Corp") does not open with.
fn opens_with_given_name(name: &str) -> bool {
    name.split(' ')
        .next()
        .is_some_and(|w| lexicon::is_given_name(w) || names::is_common_given_name(w))
}

/// What pass 2 decides a single word refers to.
enum Settled<'n> {
    /// An entity already found; `true` when this mention confirms a person.
    Mention(usize, bool),
    /// An organisation of this name (made if new).
    Org(&'n str),
    /// An organisation, or the one whose distinctive word this is ("Disney" for "Walt Disney
    /// Co.").
    OrgOrPart(&'n str),
    Place(&'n str),
    /// An organisation, or the one named before whose name opens with this word ("Acme" after
    /// "Acme Widget Corp").
    ShortOrg(&'n str),
    /// A town already named with more words ("Braunau" after "Braunau am Inn"), else a place.
    Town(&'n str),
    /// A person with a title or role ("Sen. Roe").
    Titled(&'n str, Option<String>),
    /// Nothing worth listing.
    Nothing,
}

/// A rule of pass 2: how a single word is settled, or `None` to ask the next.
type SingleWordRule = for<'n> fn(&'n Piece<'n>, &Builder, &'n Lookups<'n>) -> Option<Settled<'n>>;

/// The rules for single words, in order, with the names `--explain` shows.
const SINGLE_WORD_RULES: &[(&str, SingleWordRule)] = &[
    ("plural of an abbreviation", plural_abbreviation),
    ("website by its address", website),
    ("surname of a person named", surname),
    ("side in a result", side_in_a_result),
    ("side with a plural verb", side_with_plural_verb),
    ("known place or organisation", known_single),
    ("first name of a person named", first_name),
    ("defined acronym", defined_acronym),
    ("name found in context elsewhere", found_elsewhere),
    ("titled surname", titled_surname),
    ("lawmaker's party and state", lawmakers_state),
    ("word after an organisation noun", after_an_organisation_noun),
    ("what only an organisation has", organisations_possession),
    ("source of a report", source_of_a_report),
    ("listed with organisations", listed_with_organisations),
    ("person known by a given name", known_by_given_name),
    ("speaker or company that is no one named", speaker_no_one_named),
    ("employer before a job", employer_before_a_job),
    ("what someone founded, joined or holds office in", founded_or_joined),
    ("team named in the plural", team_in_the_plural),
    ("acronym", acronym),
    ("word before a thing", before_a_thing),
    ("brand", brand),
    ("place after a preposition", place_after_preposition),
    ("name before an organisation noun", before_an_organisation_noun),
];

fn settle(b: &mut Builder, p: &Piece<'_>, settled: Settled<'_>, gender: Option<Gender>) {
    match settled {
        Settled::Mention(id, confirm) => {
            b.mention(id, p);
            if b.entities[id].kind == EntityKind::Person {
                b.note(id, None, gender);
            }
            b.confirm(id, confirm);
        }
        Settled::Org(n) => {
            b.add_org(n, p);
        }
        Settled::OrgOrPart(n) => {
            b.add_org_or_part(n, p);
        }
        Settled::Place(n) => {
            b.add(n, EntityKind::Place, p, None, None);
        }
        Settled::ShortOrg(n) => match b.org_starting_with(n) {
            Some(id) => b.mention(id, p),
            None => {
                b.add_org_or_part(n, p);
            }
        },
        Settled::Town(w) => match b.place_starting_with(w) {
            Some(id) => b.mention(id, p),
            None => {
                b.add(w, EntityKind::Place, p, None, None);
            }
        },
        Settled::Titled(w, role) => {
            let id = b.add(w, EntityKind::Person, p, role, gender);
            b.confirm(id, true);
        }
        Settled::Nothing => {}
    }
}

/// The parts of a single-word piece: whether a title precedes it, its role, and the place
/// or organisation the gazetteer knows by that word.
type SingleParts<'n> = (bool, &'n Option<String>, &'n Option<(EntityKind, Cow<'n, str>)>);

fn single_parts<'n>(p: &'n Piece<'n>) -> Option<SingleParts<'n>> {
    match &p.kind {
        Kind::Single {
            titled, role, known, ..
        } => Some((*titled, role, known)),
        _ => None,
    }
}

/// "Roe said": the surname of a person already named. A brand's product line repeats its
/// last word too ("the Acme PhonePro … the PhonePro", "Tab Pro … Phone Pro … the Pro", "a
/// Retina display", "5 Tips"), but a surname is not written in capitals or with a capital
/// inside, takes no article, possessive or number before it, and is not shared by several
/// names that nothing else confirms, so only such a reference confirms the person.
fn surname<'n>(p: &'n Piece<'n>, b: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let id = b.person_by_tail(&p.name)?;
    let sole = b.unsure_by_tail(&p.name) <= 1;
    let determined = p.prev.is_some_and(determiner);
    Some(Settled::Mention(
        id,
        sole && !determined && !is_all_caps(&p.name) && !camel_case(&p.name),
    ))
}

/// An article, a possessive or a number: what comes before a thing's name, not a person's
/// ("the Pro", "your Tab", "5 Tips").
fn determiner(w: &str) -> bool {
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || matches!(
            w,
            "a" | "an"
                | "the"
                | "this"
                | "that"
                | "these"
                | "those"
                | "my"
                | "your"
                | "our"
                | "their"
                | "its"
                | "every"
        )
}

/// A place or organisation the gazetteer knows, or an acronym of one the story named.
fn known_single<'n>(p: &'n Piece<'n>, b: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let (_, _, known) = single_parts(p)?;
    let (kind, name) = known.as_ref()?;
    if *kind != EntityKind::Organization {
        return Some(Settled::Place(name));
    }
    if gazetteer::is_weak_org(name) {
        return Some(if p.listed_with_org {
            Settled::OrgOrPart(name)
        } else {
            Settled::Nothing
        });
    }
    let w = &*p.name;
    if let Some(n) = k.acronyms.get(w) {
        return Some(Settled::Org(n));
    }
    if is_all_caps(w)
        && let Some(id) = b.org_by_initials(w)
    {
        return Some(Settled::Mention(id, false));
    }
    // Wire copy names a company in full once and by its first word after ("Acme Widget Corp
    // said … Acme added"): a known name that opens a company already named is that company.
    if let Some(id) = b.company_starting_with(w) {
        return Some(Settled::Mention(id, false));
    }
    Some(Settled::OrgOrPart(name))
}

/// Whether what follows a company's first words in a longer name is the market a subsidiary
/// serves: "Acme North America Inc", "Acme Europe", "Acme UK Ltd" are the parent's
/// subsidiaries, so "Acme" named alone is the parent, not a second reference to them. A state
/// or a city in the name is part of the company's own name ("Harlow Illinois Corp … Harlow
/// said").
fn names_a_subsidiary(rest: &str) -> bool {
    let region = match rest.rsplit_once(' ') {
        Some((region, last)) if COMPANY_SUFFIXES.contains_lowercase_of(last) => region,
        _ => rest,
    };
    gazetteer::is_country_or_continent(region)
}

/// "Jane" after "Jane Roe": a first name of a person named (not after a title: "Sen. Jane").
/// Only a given name, a family name written first ("Xi", "Kim") or a word that speaks confirms
/// the person: the first word of a product's name is its brand ("the Zeno Tab … a Zeno case"),
/// written alone as often as with the model.
fn first_name<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let (titled, _, _) = single_parts(p)?;
    let id = *k.first_names.get(&*p.name).filter(|_| !titled)?;
    let w = &*p.name;
    let given = lexicon::is_given_name(w) || names::is_given_name(w);
    let speaks = p.next.is_some_and(lexicon::is_speech_verb);
    Some(Settled::Mention(
        id,
        (given || speaks || family_name(w)) && !p.prev.is_some_and(determiner),
    ))
}

/// "Xi", "Kim", "Wang": Chinese and Korean names put the family name first, and a second
/// reference repeats it — a short word, and a surname where the census knows it.
fn family_name(w: &str) -> bool {
    let n = w.chars().count();
    !is_all_caps(w) && (n <= 2 || n <= 5 && names::surname_rank(w).is_some_and(|r| r <= 5_000))
}

fn defined_acronym<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    k.acronyms.get(&*p.name).map(|n| Settled::Org(n))
}

/// A word another mention showed to be an organisation or a place.
fn found_elsewhere<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    k.org_names
        .get(w)
        .map(|o| Settled::Org(o))
        .or_else(|| k.place_names.get(w).map(|pl| Settled::Place(pl)))
}

/// "Sen. Roe", "coach Roe": a surname with a title or role is a person.
fn titled_surname<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let (titled, role, _) = single_parts(p)?;
    // "the broadcaster ZBC": a word in capitals is an abbreviation, not anyone's surname.
    let abbreviation = is_all_caps(&p.name) && p.name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    (titled && !abbreviation).then(|| Settled::Titled(&p.name, role.clone()))
}

/// "R-Neb.", "D-Calif.": a lawmaker's party and state.
fn lawmakers_state<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    party_state(&p.name).map(Settled::Place)
}

/// "the retailer Acme", "beauty company Acme", "chipmaker Acme", "rival Acme": an organisation
/// noun or a company's descriptor before the word says what it names.
fn after_an_organisation_noun<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let prev = p.prev.map(lower);
    let says = prev
        .as_deref()
        .is_some_and(|w| lexicon::is_org_noun(w) || COMPANY_DESCRIPTORS.contains(w));
    // The word before settles most words before the name's own lookups.
    if !says {
        return None;
    }
    let other = gazetteer::is_known_org(&p.name) || gazetteer::town(&p.name).is_some();
    (!other).then(|| Settled::ShortOrg(&p.name))
}

/// "Acme's shares", "Acme's chief executive", "shares of Acme", "a stake in Acme", "investors
/// in Acme": what only an organisation has, next to the word.
fn organisations_possession<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let has = |w: Option<&str>| w.is_some_and(|w| ORG_POSSESSIONS.contains(&lower(w)));
    let owner = p.possessive && (has(p.next) || p.next.is_some_and(|n| n == "chief"));
    // "a stake in Acme", "investors in Acme" ("headquarters in Springfield" is a place).
    let invested = p.prev2.is_some_and(|w| HOLDING_NOUNS.contains(&lower(w)));
    let owned = p.prev == Some("of") && has(p.prev2) || p.prev == Some("in") && invested;
    // "Quillon shares fell", "Zentrix stock rose": the company's name before its shares, as
    // market reports write it — when the word is no one's name ("Roe shares her story").
    let traded = || !p.possessive && p.next.is_some_and(|n| TRADED_NOUNS.contains(n)) && no_ones_name(p);
    // Most words have none of these cues: the lookups below are asked only of those that do.
    if !(owner || owned || traded()) {
        return None;
    }
    let other = gazetteer::is_known_org(&p.name) || gazetteer::town(&p.name).is_some();
    (!other).then(|| Settled::ShortOrg(&p.name))
}

/// "according to Acme", "told the Courier", "the Lantern reported": the source of a report that is no one the story
/// names (a surname would have been settled before) nor a given name is an outlet; so is the
/// employer of someone named by job or said to work there ("an analyst at Zentrix", "worked at
/// Zentrix").
fn source_of_a_report<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    let (before, before2) = match p.prev {
        Some("the") => (p.prev2, None),
        prev => (prev, p.prev2),
    };
    // "an analyst at Zentrix", "analysts at Zentrix", "she worked at Zentrix".
    let employer = || p.prev == Some("at") && p.prev2.is_some_and(|w| works_there(&lower(w)));
    // "the Lantern reported": a name with an article that reports is an outlet.
    let reports = p.prev == Some("the") && p.next.is_some_and(|n| OUTLET_REPORT_VERBS.contains(n));
    // Most words follow no cue: that settles them before the name's lookups.
    if !(reports || employer() || after_source_cue(before2, before)) {
        return None;
    }
    let person = names::is_given_name(w) || names::surname_rank(w).is_some() || is_all_caps(w);
    // "published on Nov. 1": a date is no source.
    let other = gazetteer::is_known_org(w) || gazetteer::town(w).is_some() || crate::dates::month_number(w).is_some();
    (!person && !other).then_some(Settled::ShortOrg(w))
}

/// Whether the word before "at" says someone works at what follows: a role noun, singular or
/// plural ("analyst", "analysts"), a verb of working ("works", "worked", "working") or what
/// befalls a workforce ("layoffs", "a strike").
fn works_there(w: &str) -> bool {
    lexicon::is_role_noun(w)
        || w.strip_suffix('s').is_some_and(lexicon::is_role_noun)
        || WORK_VERBS.contains(w)
        || WORKPLACE_EVENTS.contains(w)
}

/// Whether the words before a name (the nearer last) introduce the source of a report:
/// "told", "according to", "in an interview with".
fn after_source_cue(before2: Option<&str>, before: Option<&str>) -> bool {
    before.is_some_and(|b| SOURCE_CUES.contains(b))
        || before2.zip(before).is_some_and(|(a, b)| {
            // A cue of two words ends in one of the cues' last words: most words are none, and
            // the phrase is only built for those that are.
            if !super::rules::SOURCE_CUE_LAST_WORDS.contains(b) {
                return false;
            }
            let mut phrase = String::with_capacity(a.len() + b.len() + 1);
            phrase.push_str(a);
            phrase.push(' ');
            phrase.push_str(b);
            SOURCE_CUES.contains(&phrase)
        })
}

/// "Acme, Zentrix and Bolt": a word listed beside known organisations is one, unless it is a
/// place or a person's name. A given name few people bear is no person's name here: a person
/// is introduced by full name, and brands take such names ("Pandora", "Marvel").
fn listed_with_organisations<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    // Few words are listed so: that settles the rest before any lookup.
    if !p.listed_with_org {
        return None;
    }
    let other = p.common
        || p.possessive
        || names::is_common_given_name(w)
        || lexicon::is_given_name(w)
        || lexicon::is_stop_word(w)
        || lexicon::is_demonym(w)
        || gazetteer::town(w).is_some();
    (!other).then_some(Settled::ShortOrg(w))
}

/// "Zentrix said", "…, Zentrix announced", "Zentrix acquired", "Zentrix offers": a word that
/// speaks, or does what companies do, is a person's surname or an organisation; a person is
/// introduced by full name before a surname stands alone (which the surname rule settled
/// first), so a word that is no one's surname and no name in the census is an organisation.
fn speaker_no_one_named<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    let acts = |n: &str| lexicon::is_speech_verb(n) || CORPORATE_VERBS.contains(n);
    let speaks = p.next.is_some_and(acts) && !p.possessive;
    // "coach Roe said": a noun before the word is a person's role; a conjunction opening the
    // clause is none ("after Zentrix said", "but Zentrix said", "that Zentrix said").
    let role = p
        .prev
        .is_some_and(|w| w.starts_with(char::is_lowercase) && !CLAUSE_CONJUNCTIONS.contains(w) && w != "that");
    if !speaks || role || p.sentence_start && people_of_a_kind(w) {
        return None;
    }
    no_ones_name(p).then_some(Settled::ShortOrg(w))
}

/// "Nina says …", "… as Ivo, who retired at 45, wrote": features and blogs introduce
/// people by a given name alone. A common given name (not one the story also writes in lower
/// case, as "will" or "may") that speaks or opens a relative clause is a person.
fn known_by_given_name<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let (titled, _, known) = single_parts(p)?;
    let w = &*p.name;
    let acts = p.next.is_some_and(|n| n == "who" || lexicon::is_speech_verb(n));
    // The verb after the word settles most words before its own lookups.
    if !acts {
        return None;
    }
    let given = lexicon::is_given_name(w) && !lexicon::is_stop_word(w);
    (given && !titled && known.is_none() && !p.common && !p.possessive && !p.prev.is_some_and(determiner))
        .then_some(Settled::Titled(w, None))
}

/// "Members said", "Volunteers said", "Shoppers told …": a sentence opening with a plural
/// noun for a kind of people capitalises it for the sentence only. The noun is a role or
/// member noun, or an agent noun ("-ers", "-ors", "-ists", "-ians", "-ants", "-ents") that no
/// list holds as a surname (which the caller has asked already).
fn people_of_a_kind(w: &str) -> bool {
    let Some(singular) = w.strip_suffix('s') else {
        return false;
    };
    let agent = ["er", "or", "ist", "ian", "ant", "ent"]
        .iter()
        .any(|e| singular.ends_with(e));
    agent
        || with_lowercase(w, |l| lexicon::is_role_noun(l) || MEMBER_NOUNS.contains(l))
        || with_lowercase(singular, |l| lexicon::is_role_noun(l) || MEMBER_NOUNS.contains(l))
}

/// "Zentrix beat Quillmark 2-1", "a 3-0 defeat by Varnosk … Brightwell 2-1": a word right
/// before or after a verb of winning, or right before a score, is a side — a team, or a
/// company beating a rival. Sports copy names a club by its city ("Springfield beat
/// Shelbyville"), so a town counts here, a country or state does not (national sides are
/// written as their countries).
fn side_in_a_result<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let verb = |w: Option<&str>| w.is_some_and(|w| RESULT_VERBS.contains(w));
    let cue = verb(p.next) || verb(p.prev) || p.next.is_some_and(is_score);
    (cue && may_be_a_side(p, k)).then(|| Settled::ShortOrg(&p.name))
}

/// "Zentrix have signed a striker", "Brightwell are top", "Varnosk were relegated": British
/// English takes a team, band or company as a plural, so a singular name opening a clause
/// before "have", "are" or "were" names a group of people, not one (nor a place). After a
/// preposition or inside a list the verb's subject is another ("the embassy in Springfield
/// were", "Roe and Vole are").
fn side_with_plural_verb<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let plural_verb = p.next.is_some_and(|n| matches!(n, "have" | "are" | "were"));
    let opens_clause = p.sentence_start
        || p.prev
            .is_some_and(|w| w != "and" && (CLAUSE_CONJUNCTIONS.contains(w) || w == "that"));
    let singular = !p.name.ends_with('s');
    (plural_verb && opens_clause && singular && may_be_a_side(p, k)).then(|| Settled::ShortOrg(&p.name))
}

/// "2-1", "3–0": a score.
pub(super) fn is_score(w: &str) -> bool {
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    w.split_once(['-', '–']).is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Whether a single word may name a side: no word the story writes in lower case, no
/// abbreviation, title, nationality, party, country or state, no surname the census knows
/// (unless a town), and no first name of someone the story named.
fn may_be_a_side(p: &Piece<'_>, k: &Lookups<'_>) -> bool {
    let w = &*p.name;
    let known_org = matches!(single_parts(p), Some((_, _, Some((EntityKind::Organization, _)))));
    let town = gazetteer::town(w).is_some();
    // A word split off a longer run ("Big" opening a sentence before "Machine") has neither
    // a word before it nor a sentence start; a contraction ("I'll") is no name.
    let split_off = p.prev.is_none() && !p.sentence_start;
    let contraction = w
        .rsplit_once(['\'', '’'])
        .is_some_and(|(_, t)| matches!(t, "ll" | "d" | "ve" | "re" | "m" | "t"));
    !(known_org
        || split_off
        || contraction
        || p.common
        || p.possessive
        || is_all_caps(w)
        || w.chars().count() < 3
        || lexicon::is_title(w)
        || lexicon::is_stop_word(w)
        || lexicon::is_demonym(w)
        || PARTY_LABELS.get(w).is_some()
        || gazetteer::is_country_or_state(w)
        || names::surname_rank(w).is_some() && !town
        || k.first_names.contains_key(w))
}

/// "Zentrix striker Dana Vole", "a Quillmark spokeswoman", "Brightwell CEO Ana Lund": a word
/// right before a job held at a company or club is the employer, when it is no one's name,
/// no place, nationality or party ("Ruritanian president", "Republican strategist"). So is a
/// word in the possessive right before a person's name, as sports and business copy write a
/// player's club or an officer's company ("Zentrix's Dana Vole", "Quillmark's Ana Lund"); a
/// place there is the person's home ("Springfield's Ana Lund").
fn employer_before_a_job<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let job = !p.possessive && p.next.is_some_and(|n| EMPLOYEE_NOUNS.contains_lowercase_of(n));
    let member = p.possessive && p.next.is_some_and(lexicon::is_given_name);
    let party = || PARTY_LABELS.get(&p.name).is_some();
    ((job || member) && !party() && no_ones_name(p)).then(|| Settled::ShortOrg(&p.name))
}

/// "co-founded Quillmark in 2015", "joined Zentrix as chief engineer", "the chief executive
/// officer of Brightcove", "the chief executive of Brightcove", "a spokeswoman for Zentrix": what someone founds, joins in a post or
/// holds a company's office in is a company, club or band, when the word is no one's name.
fn founded_or_joined<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let founded = p.prev.is_some_and(|w| FOUNDING_VERBS.contains(w));
    let joined = p.prev == Some("joined") && p.next == Some("as");
    let office =
        matches!(p.prev, Some("of" | "for")) && p.prev2.is_some_and(|o| COMPANY_OFFICES.contains_lowercase_of(o));
    ((founded || joined || office) && !p.possessive && no_ones_name(p)).then(|| Settled::ShortOrg(&p.name))
}

/// Whether a single word can be no person's or place's name: not a word the story writes in
/// lower case, an abbreviation, a title, a given name, a surname the census knows, a
/// nationality or a town.
fn no_ones_name(p: &Piece<'_>) -> bool {
    let w = &*p.name;
    !(p.common
        || is_all_caps(w)
        || w.chars().count() < 3
        || names::is_given_name(w)
        || lexicon::is_title(w)
        || lexicon::is_stop_word(w)
        || lexicon::is_given_name(w)
        || names::surname_rank(w).is_some()
        || lexicon::is_demonym(w)
        || gazetteer::town(w).is_some())
}

/// "the Isotopes", "Isotopes coach Jane Roe": a capitalised plural after "the" or before a role
/// is a team or a band, not a family ("the Roes" is a surname's plural) nor a people ("the
/// Ruritanians").
fn team_in_the_plural<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    let singular = w
        .strip_suffix('s')
        .filter(|s| !s.ends_with(['s', 'i', 'u']) && s.len() >= 4 && !s.contains('-'))?;
    // The cue is asked before the word's own lookups: most plurals have none.
    let cue = p.prev == Some("the")
        || p.next
            .map(lower)
            .is_some_and(|n| lexicon::is_role_noun(&n) && !n.ends_with('s'));
    if !cue || p.sentence_start {
        return None;
    }
    let other = p.common
        || lexicon::is_demonym(w)
        || lexicon::is_demonym(singular)
        || lexicon::is_stop_word(w)
        || is_all_caps(w)
        || gazetteer::is_known_org(w)
        || gazetteer::town(w).is_some()
        || names::surname_rank(singular).is_some()
        || names::is_given_name(singular)
        || gazetteer::is_org_suffix(w)
        || w.strip_suffix("ies")
            .is_some_and(|stem| gazetteer::is_org_suffix(&format!("{stem}y")))
        // A team's name is a plain plural ("the Comets"); a capital inside marks a product.
        || camel_case(w);
    (!other).then_some(Settled::OrgOrPart(w))
}

/// An acronym of an organisation already named ("CFPB"), or one that acts as an organisation;
/// technical abbreviations ("HDMI ports", "LED lights") do neither.
fn acronym<'n>(p: &'n Piece<'n>, b: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let w = &*p.name;
    let shaped = is_all_caps(w)
        && (2..=6).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
        && !lexicon::is_non_org_acronym(w)
        && gazetteer::state_abbreviation(w).is_none()
        && !w.contains(['-', '.'])
        && !w.chars().any(|c| c.is_ascii_digit());
    if !shaped {
        return None;
    }
    if p.common {
        return Some(Settled::Nothing);
    }
    Some(match b.org_by_initials(w) {
        Some(id) => Settled::Mention(id, false),
        None if acts_as_organisation(p) => Settled::Org(w),
        None => Settled::Nothing,
    })
}

/// "the Roe Memorial prison": a word before a thing noun names the thing.
fn before_a_thing<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let next = p.next.map(lower);
    next.as_deref()
        .is_some_and(|n| THING_NOUNS.contains(n))
        .then_some(Settled::Nothing)
}

/// "FPGAs", "IRAs", "ICUs", "PSoCs": an abbreviation with a lower-case plural "s" counts
/// things, so it is a common noun ("two ATMs"), never an organisation's name, and no one's.
fn plural_abbreviation<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    is_plural_abbreviation(&p.name).then_some(Settled::Nothing)
}

/// "Zentrix.com reported", "according to Quillmark.info": a capitalised name with a web
/// address's ending names a website, which is an outlet or a company ("U.S." and "Jr." end in
/// no domain).
fn website<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    // Asked of every name, most of them short and without a full stop: a walk back over the
    // bytes settles that sooner than a general string search is set up.
    let dot = p.name.bytes().rposition(|b| b == b'.')?;
    let (site, domain) = (&p.name[..dot], &p.name[dot + 1..]);
    let named = site.bytes().any(|b| b.is_ascii_lowercase()) && !site.contains(['/', '@']);
    (named && WEB_DOMAINS.contains(domain)).then(|| Settled::Org(&p.name))
}

/// An abbreviation (two capitals or more, ending in one) with a plural "s" after it.
pub(super) fn is_plural_abbreviation(w: &str) -> bool {
    w.strip_suffix('s').is_some_and(|stem| {
        stem.len() >= 2
            && stem.ends_with(|c: char| c.is_ascii_uppercase())
            && stem.starts_with(|c: char| c.is_ascii_uppercase())
            && stem.bytes().filter(u8::is_ascii_uppercase).count() >= 2
            && stem.bytes().all(|b| b.is_ascii_alphabetic())
    })
}

/// "WeWork", "SoftBank": a capital inside a word marks a brand — a company's, or one of its
/// products' ([`written_as_product`], here or anywhere in the story). A brand in the plural
/// is a product sold by the pair or the set ("EarBuds", "PowerCells"), never the company.
fn brand<'n>(p: &'n Piece<'n>, _: &Builder, k: &'n Lookups<'n>) -> Option<Settled<'n>> {
    if !camel_case(&p.name) {
        return None;
    }
    let plural = p
        .name
        .strip_suffix('s')
        .is_some_and(|stem| stem.ends_with(|c: char| c.is_lowercase()) && !stem.ends_with('s'));
    Some(if plural || k.products.contains(&*p.name) {
        Settled::Nothing
    } else {
        Settled::ShortOrg(&p.name)
    })
}

/// "in Braunau", "the city of Braunau": a word after a place preposition or a place noun. A
/// word the story also writes in lower case is a common noun there ("in Marketing", German "in
/// Vorbereitung") unless the gazetteer holds the town.
fn place_after_preposition<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    if p.common && gazetteer::town(&p.name).is_none() {
        return None;
    }
    let w = &*p.name;
    let prev = p.prev.map(lower);
    let prev2 = p.prev2.map(lower);
    let cue = matches!(prev.as_deref(), Some("in" | "near"))
        || matches!(
            (prev2.as_deref(), prev.as_deref()),
            (Some(kind), Some("of")) if PLACE_KIND_NOUNS.contains(kind)
        );
    (cue && !p.sentence_start && w.chars().count() > 2 && !w.contains('-')).then_some(Settled::Town(w))
}

/// "Acme spokeswoman", "Acme board": an organisation noun after the word, mid-sentence.
fn before_an_organisation_noun<'n>(p: &'n Piece<'n>, _: &Builder, _: &'n Lookups<'n>) -> Option<Settled<'n>> {
    let next = p.next.map(lower);
    (next.as_deref().is_some_and(lexicon::is_org_noun) && !p.sentence_start).then(|| Settled::Org(&p.name))
}

/// Whether an unknown acronym is used as an organisation's name: it owns something ("ACME's
/// chief"), speaks ("ACME said"), heads a clause ("the ACME has ruled"), names the body a
/// noun belongs to ("an ACME spokeswoman", "ACME officials") or is the outlet or body a
/// report is given to or comes from ("told WZXR", "according to the ZNA"): a broadcaster's
/// call letters and an agency's initials are its name.
fn acts_as_organisation(p: &Piece<'_>) -> bool {
    let next = p.next.map(lower);
    let next = next.as_deref();
    let (before, before2) = match p.prev {
        Some("the") => (p.prev2, None),
        prev => (prev, p.prev2),
    };
    p.possessive
        || after_source_cue(before2, before)
        || next.is_some_and(|n| {
            lexicon::is_speech_verb(n)
                || lexicon::is_speech_participle(n)
                || lexicon::is_role_noun(n)
                || lexicon::is_org_noun(n)
                || AUXILIARY_VERBS.contains(n)
                || MEMBER_NOUNS.contains(n)
        })
        || p.prev.is_some_and(|w| w == "the") && next.is_none()
}

/// "WeWork", "SoftBank": a capital inside a word marks a brand (but not "McKay", "MacLeod",
/// "O'Neill" or "Smith-Jones").
pub(super) fn camel_case(w: &str) -> bool {
    !w.bytes().any(|b| b.is_ascii_digit())
        && w.chars().skip(1).any(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && !w.contains(['-', '\'', '’', '.'])
        && !w.starts_with("Mc")
        && !w.starts_with("Mac")
}

/// The word that names a company once corporate suffixes are dropped: "Walt Disney Co." →
/// "Disney" (but "Harvard Law School" has none: its last word is generic).
pub(super) fn distinctive_word(name: &str) -> Option<&str> {
    // At least two words.
    name.split_whitespace().nth(1)?;
    let last = name
        .split_whitespace()
        .rev()
        .find(|w| !COMPANY_SUFFIXES.contains_lowercase_of(w))?
        .trim_end_matches(',');
    (!gazetteer::is_org_suffix(last)).then_some(last)
}

/// "R-Neb." → Nebraska, "D-Texas" → Texas.
pub(super) fn party_state(w: &str) -> Option<&'static str> {
    let rest = w
        .strip_prefix("R-")
        .or_else(|| w.strip_prefix("D-"))
        .or_else(|| w.strip_prefix("I-"))?;
    gazetteer::state_abbreviation(rest)
        .or_else(|| gazetteer::state_abbreviation(&format!("{rest}.")))
        .or_else(|| gazetteer::place(rest).filter(|p| gazetteer::is_country_or_state(p)))
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) entities: Vec<Entity>,
    pub(super) genders: Vec<Option<Gender>>,
    pub(super) mentions: Vec<Mention>,
    /// Entities by kind ([`slot`]) and key: the lower-cased name, or [`org_key`].
    pub(super) by_key: [FxHashMap<String, usize>; 3],
    /// The last organisation key made (kept to reuse its buffer).
    pub(super) org_key: String,
    /// Lower-cased surname (and two-word tails like "lund roe", "de souza") → people.
    pub(super) tails: FxHashMap<String, Vec<usize>>,
    /// Which [`tail_bit`]s the keys of `tails` set: most words asked about are no one's tail.
    pub(super) tail_bits: [u64; 4],
    /// A short name being looked up ([`short_name_into`]), kept to reuse its buffer.
    pub(super) short: String,
    /// "first last" without middle names or suffixes → people ("Donald J. Roe" = "Donald Roe").
    pub(super) short_names: FxHashMap<String, Vec<usize>>,
    /// The last mention of each entity, to prefer the most recent bearer of a surname.
    pub(super) last_seen: Vec<usize>,
    /// People something besides the shape of their name confirms; others are left out.
    pub(super) unsure: Vec<bool>,
    /// The rule that found each entity.
    pub(super) rules: Vec<&'static str>,
    /// The earliest mention of each entity, (block, offset).
    pub(super) first_pos: Vec<(usize, usize)>,
    /// The single-word rule settling the piece in hand ("" in the first pass).
    pub(super) settling: &'static str,
}

/// First and last name words of a person's name, without initials and suffixes; and whether
/// there are words between them.
pub(super) fn short_name(name: &str) -> Option<(String, bool)> {
    let mut short = String::new();
    let middle = short_name_into(name, &mut short)?;
    Some((short, middle))
}

/// [`short_name`] written into `short` (which keeps its buffer), returning only whether there
/// are words between; `None` leaves `short` unspecified.
pub(super) fn short_name_into(name: &str, short: &mut String) -> Option<bool> {
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

/// "Q.", "H.W.": a middle initial, or several run together.
fn is_initial(w: &str) -> bool {
    w.len() >= 2
        && w.ends_with('.')
        && w.split_terminator('.')
            .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()))
}

/// The bit of [`Builder::tail_bits`] for a key with this first byte and length: a word whose
/// lower case is a key has the key's length and lower-cased first byte when it is ASCII.
pub(super) fn tail_bit(first: u8, len: usize) -> (usize, u64) {
    let h = usize::from(first).wrapping_mul(31).wrapping_add(len) & 255;
    (h >> 6, 1 << (h & 63))
}

/// Where [`Builder::by_key`] keeps entities of a kind.
pub(super) fn slot(kind: EntityKind) -> usize {
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
                self.unsure.push(kind == EntityKind::Person);
                self.rules.push(if self.settling.is_empty() {
                    p.rule
                } else {
                    self.settling
                });
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
        // An organisation is named as the story first names it ("AP" or "Associated Press"), but
        // by its full name when the story also spells out an abbreviation it used first ("the
        // CWC … the Centers for Widget Control"); one just made already bears this name.
        if kind == EntityKind::Organization && !made {
            let full = |n: &str| n.contains(' ') && !is_all_caps(n);
            let held = &self.entities[id].name;
            let earlier = (p.block, p.start) < self.first_pos[id];
            let spelled_out = is_all_caps(held) && full(name);
            let abbreviated = is_all_caps(name) && full(held);
            if spelled_out || earlier && !abbreviated {
                self.entities[id].name = name.to_string();
            }
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

    /// An organisation already named whose name opens with these words: "Acme Widget" and
    /// "Acme" after "Acme Widget Corp", as companies are named again without their suffixes.
    fn org_starting_with(&self, words: &str) -> Option<usize> {
        self.entities.iter().position(|e| {
            e.kind == EntityKind::Organization
                && e.name.len() > words.len()
                && e.name.starts_with(words)
                && e.name.as_bytes()[words.len()] == b' '
                && !names_a_subsidiary(&e.name[words.len() + 1..])
        })
    }

    /// A company already named, by a name with a corporate suffix, that opens with these
    /// words: "Acme" after "Acme Widget Corp".
    fn company_starting_with(&self, words: &str) -> Option<usize> {
        self.org_starting_with(words).filter(|&id| {
            self.entities[id]
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|last| COMPANY_SUFFIXES.contains_lowercase_of(last))
        })
    }

    pub(super) fn index_person(&mut self, name: &str, id: usize) {
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
        self.person_by_tail(name).or_else(|| self.by_familiar_name(name))
    }

    /// "Pat Vole" after "Patrick Vole Jr.", "Dan Roe" after "Daniel Roe": a given name cut
    /// short (the familiar form most short names are) before the surname of a person named.
    fn by_familiar_name(&self, name: &str) -> Option<usize> {
        let (given, surname) = name.split_once(' ')?;
        if given.chars().count() < 3 || surname.contains(' ') || !given.starts_with(char::is_uppercase) {
            return None;
        }
        let id = self.person_by_tail(surname)?;
        let full = self.entities[id].name.split_whitespace().next()?;
        (full.len() > given.len() && full.starts_with(given)).then_some(id)
    }

    /// "Jane Q. Roe" after "Jane Roe": a person is listed under the fullest form the story
    /// gives, and the form with middle initials is the full one (a caption or a headline
    /// often drops them; the story's body gives them, as AP style does on first reference).
    fn take_middle_initials(&mut self, id: usize, name: &str) {
        let e = &self.entities[id];
        if e.kind != EntityKind::Person || e.name == name || e.name.split_whitespace().any(is_initial) {
            return;
        }
        let mut bare = name.split_whitespace().filter(|w| !is_initial(w));
        let adds = name.split_whitespace().any(is_initial);
        if adds && bare.by_ref().eq(e.name.split_whitespace()) {
            self.entities[id].name = name.to_string();
            self.by_key[slot(EntityKind::Person)].insert(lowercase(name), id);
        }
    }

    /// The person a surname (or trailing part of a name) refers to: the most recent one.
    pub(super) fn person_by_tail(&self, name: &str) -> Option<usize> {
        if !self.may_be_tail(name) {
            return None;
        }
        let ids = with_lowercase(name, |k| self.tails.get(k))?;
        ids.iter().copied().max_by_key(|&id| self.last_seen[id])
    }

    /// How many people a surname (or trailing part of a name) may refer to that nothing has
    /// confirmed yet.
    fn unsure_by_tail(&self, name: &str) -> usize {
        if !self.may_be_tail(name) {
            return 0;
        }
        with_lowercase(name, |k| {
            self.tails
                .get(k)
                .map_or(0, |ids| ids.iter().filter(|&&id| self.unsure[id]).count())
        })
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

    /// An organisation named in full whose initials spell `acronym`, written with or without
    /// full stops ("UN", "U.N." for the United Nations).
    fn org_by_initials(&self, acronym: &str) -> Option<usize> {
        self.entities.iter().position(|e| {
            e.kind == EntityKind::Organization
                && e.name.split_whitespace().nth(1).is_some()
                && initial_letters(&e.name).eq(acronym.chars().filter(|&c| c != '.'))
        })
    }

    /// Records that evidence confirms a person (or, with `false`, that this mention adds none).
    fn confirm(&mut self, id: usize, sure: bool) {
        if sure {
            self.unsure[id] = false;
        }
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

    /// "Harlow Gas and Electric Co said … Harlow Gas owns 14 pct": wire copy names a company by
    /// its legal name first and by its first words after that. A later organisation whose
    /// name is the first words of an earlier one's legal name (before the industry words and
    /// the suffix) is that company; its mentions and roles move to it, and it is left out.
    fn fold_short_company_names(&mut self) {
        // Names are written with single spaces, so a name's first words are a prefix of it.
        let legal: Vec<usize> = (0..self.entities.len())
            .filter(|&i| {
                let e = &self.entities[i];
                e.kind == EntityKind::Organization
                    && e.name.split(' ').nth(2).is_some()
                    && e.name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| COMPANY_SUFFIXES.contains_lowercase_of(w))
            })
            .collect();
        if legal.is_empty() {
            return;
        }
        for short in 0..self.entities.len() {
            if self.entities[short].kind != EntityKind::Organization || self.unsure[short] {
                continue;
            }
            let name = &self.entities[short].name;
            // At least the industry word and the suffix are left out ("Harlow Gas" of "Harlow
            // Gas and Electric Co").
            let shortens = |full: &str| {
                full.strip_prefix(name.as_str())
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|rest| rest.contains(' ') && !names_a_subsidiary(rest))
            };
            let full = legal.iter().find(|&&i| {
                i != short && self.first_pos[i] < self.first_pos[short] && shortens(&self.entities[i].name)
            });
            let Some(&full) = full else { continue };
            self.fold_into(short, full);
        }
    }

    /// "the Ruritanian Workers Party … the Workers Party", "the U.S. Widget Agency … the Widget
    /// Agency", "UN Harbour Council rules … Harbour Council members": a body named first with its
    /// country (a place, a demonym or the abbreviation of a union of states) is named again
    /// without it. A later organisation whose name is an earlier one's without such a first
    /// word is that body — unless two bodies so named end alike ("the Ruritanian and the
    /// Freedonian Defence Ministry … the Defence Ministry" could be either).
    fn fold_names_without_their_country(&mut self) {
        fn country_first(name: &str) -> Option<&str> {
            let (first, rest) = name.split_once(' ')?;
            let country = gazetteer::is_country_or_state(first)
                || lexicon::is_demonym(first)
                || is_all_caps(first) && gazetteer::is_known_org(first)
                || gazetteer::place(first).is_some_and(gazetteer::is_country_or_state);
            (country && rest.starts_with(char::is_uppercase)).then_some(rest)
        }
        // Each body's name without its country, worked out once.
        let without: Vec<Option<String>> = self
            .entities
            .iter()
            .map(|e| {
                (e.kind == EntityKind::Organization)
                    .then(|| country_first(&e.name).map(str::to_string))
                    .flatten()
            })
            .collect();
        if without.iter().all(Option::is_none) {
            return;
        }
        for short in 0..self.entities.len() {
            let e = &self.entities[short];
            if e.kind != EntityKind::Organization || self.unsure[short] || gazetteer::place(&e.name).is_some() {
                continue;
            }
            let mut fuller = (0..self.entities.len()).filter(|&i| {
                i != short
                    && !self.unsure[i]
                    && self.first_pos[i] < self.first_pos[short]
                    && without[i].as_deref() == Some(e.name.as_str())
            });
            if let (Some(full), None) = (fuller.next(), fuller.next()) {
                self.fold_into(short, full);
            }
        }
    }

    /// Moves the mentions and roles of the organisation `short` to `full`, and leaves `short`
    /// out like an unconfirmed name, with no mentions of its own.
    fn fold_into(&mut self, short: usize, full: usize) {
        for m in &mut self.mentions {
            if m.entity == short {
                m.entity = full;
            }
        }
        let roles = std::mem::take(&mut self.entities[short].roles);
        for role in roles {
            if !self.entities[full].roles.contains(&role) {
                self.entities[full].roles.push(role);
            }
        }
        self.unsure[short] = true;
    }

    fn finish(mut self) -> Found {
        self.fold_short_company_names();
        self.fold_names_without_their_country();
        // Entities in the order the story first mentions them (every mention went through
        // `mention`, which kept the earliest); unconfirmed people are left out, with their
        // mentions.
        let first = std::mem::take(&mut self.first_pos);
        let unsure = std::mem::take(&mut self.unsure);
        let mut order: Vec<usize> = (0..self.entities.len()).filter(|&i| !unsure[i]).collect();
        order.sort_by_key(|&i| (first[i], i));
        let mut new_index = vec![usize::MAX; self.entities.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        self.mentions.retain(|m| new_index[m.entity] != usize::MAX);
        let mut entities: Vec<Option<Entity>> = self.entities.into_iter().map(Some).collect();
        self.entities = order.iter().filter_map(|&i| entities[i].take()).collect();
        self.genders = order.iter().map(|&i| self.genders[i]).collect();
        self.rules = order.iter().map(|&i| self.rules[i]).collect();
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
            rules: self.rules,
            mentions: self.mentions,
        }
    }
}
