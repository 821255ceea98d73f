//! The rules that say what a run of capitalised words names, in the order they are asked.
//!
//! Each rule looks at one [`Run`] — a chunk or part of one, with the words around it — and
//! either passes (`None`) or gives a [`Verdict`]: the run is a person, a place or an
//! organisation; it is no name; or it is several things, each part asked again from the top.
//! The first rule that answers decides, so the order is part of the rules: what the archive's
//! registry says comes first, then names the gazetteer knows, then the shapes of organisation
//! and place names, then titles before names, and last the shape of a person's name.
//!
//! Every rule implements a convention of news writing, stated in its comment with invented
//! examples; its name is what `dateline extract --explain` prints for what it found.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::fasthash::{WordSet, with_lowercase};
use crate::gazetteer;
use crate::lexicon;
use crate::lists::{
    AREA_NOUNS, BYLINE_CREDENTIALS, BYLINE_DESKS, COMMENT_REQUESTS, COMPANY_DESCRIPTORS, COMPANY_OFFICES,
    COMPANY_SUFFIXES, COMPOUND_ADJECTIVE_SUFFIXES, COORDINATING_CONJUNCTIONS, CORPORATE_VERBS, DEAL_VERBS,
    DISTRICT_PURPOSES, DIVISION_NOUNS, EMPLOYEE_NOUNS, FOREIGN_FUNCTION_WORDS, GROUP_NAME_HEADS, INDEX_WORDS,
    INSTITUTION_NOUNS, JOINING_PARTICLES, KIN_NOUNS, LEADING_FUNCTION_WORDS, MARKET_INDICES, MEMBER_NOUNS,
    MINISTRY_PORTFOLIOS, MISC_PREFIXES, NAME_ARTICLES, NAME_JOINERS, NAME_OPENING_ADJECTIVES, NEWSROOM_POSTS,
    NON_NAME_WORDS, ORG_NAME_ADJECTIVES, ORG_NAME_NOUNS, ORG_POSSESSIONS, ORG_PREPOSITIONS, OUTLET_NOUNS, PARTY_LABELS,
    PERSON_ATTRIBUTIVE_NOUNS, PERSON_NOUNS, PLACE_PARTICLES, PLACE_PREPOSITIONS, PLATFORM_ITEM_NOUNS, POST_QUALIFIERS,
    RANK_ADJECTIVES, REGION_QUALIFIERS, RESULT_VERBS, ROLE_QUALIFIERS, SOURCE_CUES, SPORTS_POSITIONS, STATE_FORMS,
    STOCK_EXCHANGES, STREET_SUFFIXES, THING_NOUNS, TOWN_PART_ADJECTIVES,
};
use crate::model::EntityKind;
use crate::names;
use crate::text::{Word, is_all_caps};

use super::chunk::capitalized;
use super::classify::{
    Kind, Out, Run, Verdict, clean_role, club_with_city, followed_by_org_appositive, followed_by_region, known,
};
use super::classify::{name_shaped, org_like};

/// A rule: a verdict on the run, or `None` to let the next rule decide.
pub(super) type Rule = for<'a, 'r> fn(&Run<'a, 'r>) -> Option<Verdict<'a>>;

/// The rules, in the order they are asked, each with the name `--explain` shows.
pub(super) const RULES: &[(&str, Rule)] = &[
    ("registry", registry),
    ("handle, hashtag or link", handle_or_link),
    ("copyright holder", copyright_holder),
    ("credential after a name", credential),
    ("company in angle brackets", company_in_angle_brackets),
    ("source in square brackets", source_in_square_brackets),
    ("desk of an outlet", outlet_desk),
    ("market index", market_index),
    ("named with its noun", named_with_its_noun),
    ("division with its noun", division_with_its_noun),
    ("place before \"area\"", place_before_area),
    ("party named with a label", party_named_with_a_label),
    ("party label", party_label),
    ("town with its state", town_with_its_state),
    ("country by its formal name", country_by_formal_name),
    ("known place", known_place),
    ("broadcaster's station or channel", broadcaster_outlet),
    ("union local", union_local),
    ("known organisation", known_organisation),
    ("club named with its city", club_with_its_city),
    ("organisation by appositive", organisation_by_appositive),
    ("organisation introduced by its kind", introduced_by_its_kind),
    ("name before an organisation noun", before_organisation_noun),
    ("source or employer", source_or_employer),
    ("source named with its city", source_with_its_city),
    ("outlet asking for comment", outlet_asking_for_comment),
    ("retailer offering a deal", retailer_offering_a_deal),
    ("advocacy group", advocacy_group),
    ("sentence opener", sentence_opener),
    ("compound adjective", compound_adjective),
    ("firm named with an ampersand", ampersand_name),
    ("coordination", coordination),
    ("event or work", event_or_work),
    ("name after an organisation noun", after_organisation_noun),
    ("person of an organisation", person_of_organisation),
    ("what an organisation has, before its name", possession_before_its_owner),
    ("organisation named with its article", organisation_with_its_article),
    ("organisation shape", organisation_shape),
    ("street address", street_address),
    ("place shape", place_shape),
    ("district by a compass point", district_by_compass_point),
    ("short organisation by appositive", short_organisation_by_appositive),
    ("newsroom post before a name", newsroom_post_before_name),
    ("title before a name", title_before_name),
    ("position before a player", position_before_player),
    ("nationality before a name", nationality_before_name),
    ("joiner", joiner),
    ("organisation named for its place", named_for_its_place),
    ("side in a result", side_in_a_result),
    ("brand before a product", brand_before_product),
    ("person named like a town", person_named_like_a_town),
    ("known name inside", known_name_inside),
    ("one word", one_word),
    ("name after \"the\"", name_after_the),
    ("name before a thing", name_before_thing),
    ("name before an institution noun", name_before_institution_noun),
    ("name before its region", name_before_region),
    ("place with a particle", place_with_particle),
    ("name after \"in\"", name_after_in),
    ("tail of a name", tail_of_a_name),
    ("noun of a noun-capitalising language", capitalised_noun),
    ("title of a work or product", work_or_product_title),
    ("townsman in a headline", townsman),
    ("person's name", persons_name),
    ("acronyms inside", acronyms_inside),
];

/// "Local 1199", "Zentrix Workers Local 42": American unions name their branches "Local" and
/// a number, after the union's name or alone once the union is named.
fn union_local<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if r.last() != "Local" {
        return None;
    }
    let number = number_after(r)?;
    Some(Verdict::all(r, Kind::Org(Cow::Owned(format!("{} {number}", r.whole)))))
}

/// The number written right after the run, which capitalised runs leave out ("ZBC 7", "Local
/// 1199"), without the punctuation after it.
fn number_after<'r>(r: &'r Run<'_, '_>) -> Option<&'r str> {
    let number = r
        .next_lower
        .filter(|_| r.at_end())?
        .trim_end_matches([',', '.', ';', ':']);
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// The archive's registry overrides everything: the whole run, else the longest registered
/// name inside it, with what stands either side asked again ("Acme Corp Chief Jane Roe").
fn registry<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if r.registry.is_empty() {
        return None;
    }
    if let Some(e) = r.registry.lookup(&r.whole) {
        let idx = r.registry.entries.iter().position(|x| x.name == e.name).unwrap_or(0);
        return Some(Verdict::all(r, Kind::Registered(idx)));
    }
    let n = r.ws.len();
    for len in (1..n).rev() {
        for s in 0..=n - len {
            let sub = r.name(s..s + len);
            if r.registry.lookup(&sub).is_some() && !(len == 1 && lexicon::is_stop_word(&sub)) {
                return Some(Verdict::split3(r, s, s + len));
            }
        }
    }
    None
}

/// "@JaneRoe", "#SpringfieldStrong", "t.co/AbCdE": a social handle, a hashtag or a link's code
/// is no name, however it is capitalised.
fn handle_or_link<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let before = r.chunk.text[..r.ws[0].start].chars().next_back();
    matches!(before, Some('@' | '#' | '/' | '=')).then(Verdict::none)
}

/// "Acme Corp said it sold the unit to <Harlow Quint Holdings>": Reuters wire copy puts the
/// name of a company that has no exchange listing in angle brackets, so a whole bracketed run
/// is a company's name — but a lone abbreviation there is a ticker symbol ("<ACME>"), no name.
fn company_in_angle_brackets<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let text = r.chunk.text;
    let last = &r.ws[r.ws.len() - 1];
    let bracketed = text[..r.ws[0].start].ends_with('<') && text[last.full_end..].starts_with('>');
    // Asked of every run, nearly none of them in brackets: the word is read only for those.
    let ticker = || r.ws.len() == 1 && is_all_caps(r.ws[0].text);
    (bracketed && !ticker()).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "[ Acme Review ]", "[Zentrix Times]": a roundup of what other outlets wrote quotes a passage
/// and names its source alone in square brackets on the line after it, as aggregators and
/// review roundups do; a bracketed line that is nothing but a name is that outlet. Some put
/// the source at the end of the linked headline instead, spaced inside its brackets ("Why
/// the ferry is late [ Acme Review ]"), which a citation ("[Roe 2019, p. 4]") never is.
fn source_in_square_brackets<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let text = r.chunk.text;
    let last = &r.ws[r.ws.len() - 1];
    let (before, after) = (&text[..r.ws[0].start], &text[last.full_end..]);
    // Both shapes open with a bracket, which nearly every run lacks: that settles them before
    // the text either side is trimmed.
    if !before.trim_end().ends_with('[') {
        return None;
    }
    let alone = before.trim() == "[" && after.trim() == "]";
    let ends_line = before.ends_with(" [ ")
        && after
            .strip_prefix(" ]")
            .is_some_and(|rest| rest.split('\n').next().is_some_and(|line| line.trim().is_empty()));
    ((alone || ends_line) && r.ws.len() <= 4).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "© 2019 Acme Media", "Copyright 2019 Springfield Courier": a copyright line names the holder
/// of a page's rights, an outlet, and never a person in the story. (A sign without a year is a
/// picture's credit: "© Jane Roe/Acme".)
fn copyright_holder<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let before = r.chunk.text[..r.ws[0].start].trim_end();
    let sign = before.strip_suffix(|c: char| c.is_ascii_digit()).map(str::trim_end)?;
    let sign = sign
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–'))
        .trim_end();
    let copyright = sign.ends_with('©') || sign.ends_with("(c)") || sign.ends_with("Copyright");
    if !copyright || !r.at_start() {
        return None;
    }
    Some(if org_like(r.ws) || known(r.chunk, r.ws) || r.ws.len() > 1 {
        Verdict::all(r, Kind::Org(r.whole.clone()))
    } else {
        Verdict::none()
    })
}

/// "Springfield Courier Staff", "Acme News Desk": a byline's desk names the outlet before it,
/// not a person.
fn outlet_desk<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let n = r.ws.len();
    let desk = n >= 2 && (BYLINE_DESKS.contains_lowercase_of(r.last()) || r.last().eq_ignore_ascii_case("desk"));
    desk.then(|| Verdict::one(Out::again(0..n - 1, true)))
}

/// "the S&P 500", "the Dow Jones industrial average", "the Nasdaq Composite": a stock market
/// index is no organisation, though its name may also be the exchange's or the firm's.
fn market_index<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let index_word = |w: &str| INDEX_WORDS.contains_lowercase_of(w);
    let number = |n: &str| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit());
    // Asked of every run: what follows or ends it settles nearly all before any name is built.
    let followed = r.next_lower.is_some_and(|n| INDEX_WORDS.contains(n) || number(n));
    if !followed && !index_word(r.last()) {
        return None;
    }
    let named = ws.iter().rposition(|w| !index_word(w.text)).map(|i| i + 1)?;
    MARKET_INDICES.contains(&r.name(0..named)).then(Verdict::none)
}

/// "the Communist party", "the Redcliff network": an organisation named together with its noun.
/// In "Roe of the Progressive party" only the part after the last joiner is the party; a
/// nationality before "militia" describes ("Sudanese militia"), before "party" it names.
fn named_with_its_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let noun = r.next_lower.filter(|n| ORG_NAME_NOUNS.contains(n))?;
    // "The Springfield police said", "Later Springfield police said": the article or adverb
    // opening the sentence is no part of the name.
    let opener = r.chunk.sentence_start && r.at_start() && lexicon::is_stop_word(r.ws[0].text);
    if r.ws.len() > 1 && (opens_with_function_word(r) || opener) {
        return Some(Verdict::one(Out::again(1..r.ws.len(), r.weak)));
    }
    let descriptive = r.ws.len() == 1 && noun != "party" && lexicon::is_demonym(r.ws[0].text);
    if descriptive {
        return None;
    }
    if let Some(k) = r.ws.iter().rposition(|w| NAME_JOINERS.contains(w.text)) {
        return Some(Verdict::of(vec![
            Out::again(0..k, r.weak),
            Out::again(k + 1..r.ws.len(), r.weak),
        ]));
    }
    if lexicon::is_stop_word(&r.whole) {
        return None;
    }
    // A proper name keeps its own name ("the Redcliff party" → Redcliff); adjectives need the
    // noun ("Communist party", "Democratic Progressive party").
    let w = r.ws[0].text;
    let proper =
        r.ws.len() == 1 && noun == "party" && !lexicon::is_demonym(w) && !w.ends_with("ic") && !w.ends_with("ist");
    let name = if proper {
        r.whole.clone()
    } else {
        Cow::Owned(format!("{} {noun}", r.whole))
    };
    // "Pinewood Hill police arrested him": a town's force is named by the town (AP writes
    // "Springfield police" for the Springfield Police Department), so the town is named too.
    let town = noun == "police" && r.ws.len() <= 3 && !lexicon::is_demonym(w) && !known(r.chunk, r.ws);
    let mut outs = vec![Out::Name(0..r.ws.len(), Kind::Org(name))];
    if town {
        outs.push(Out::Name(0..r.ws.len(), Kind::Place(r.whole.clone())));
    }
    Some(Verdict::of(outs))
}

/// "in the Marrowmere area", "the Tarnby region": a short name between "the" and a lower-case
/// "area" or "region" names a place, which the noun only widens.
fn place_before_area<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let area = r.next_lower.is_some_and(|n| AREA_NOUNS.contains(n));
    let the = r.prev_lower == Some("the") || r.ws[0].text == "The" && r.ws.len() > 1;
    if !area || !the || r.ws.len() > 3 || r.ws.iter().any(|w| super::chunk::is_connector(w.text)) {
        return None;
    }
    let words = usize::from(r.ws[0].text == "The")..r.ws.len();
    let name = r.name(words.clone());
    (!gazetteer::is_known_org(&name)).then(|| Verdict::one(Out::Name(words, Kind::Place(name))))
}

/// "Zabul province", "Orange county": a short name before a lower-case division noun.
fn division_with_its_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let noun = r.next_lower.filter(|n| DIVISION_NOUNS.contains(n))?;
    if r.ws.len() > 3 || r.ws.iter().any(|w| super::chunk::is_connector(w.text)) {
        return None;
    }
    Some(Verdict::all(r, Kind::Place(Cow::Owned(format!("{} {noun}", r.whole)))))
}

/// "Liberal Democrats", "Social Democrats", "Christian Democrats", "Young Republicans": a word
/// before a party label in the plural makes the name of a party or group of its own, not the
/// party the label alone names. A chamber ("Senate Democrats") or a place ("Ohio Republicans")
/// before it says which members of that party, and is left to the other rules.
fn party_named_with_a_label<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let [first, label] = r.ws else {
        return None;
    };
    // Asked of every two-word run: the label settles nearly all before the name's lookups.
    if !(label.text.ends_with('s') && PARTY_LABELS.get(label.text).is_some()) {
        return None;
    }
    let own_name = capitalized(first.text)
        && !is_all_caps(first.text)
        && !gazetteer::is_org_suffix(first.text)
        && !lexicon::is_title(first.text)
        && !lexicon::is_stop_word(first.text)
        && gazetteer::place(first.text).is_none()
        && !gazetteer::is_country_or_state(first.text);
    own_name.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// Party labels used as nouns and adjectives ("Democrats", "Republican primary") name the party.
fn party_label<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let party = PARTY_LABELS.get(r.ws[0].text).filter(|_| r.ws.len() == 1)?;
    Some(Verdict::all(r, Kind::Org(party.into())))
}

/// "Monroe, La.", "Shelby Falls, Ariz.": AP style follows a US town with its state's
/// abbreviation, which says the town is a place even when the gazetteer does not hold it; wire
/// copy of the 1980s writes the abbreviation without its period ("Shelbyville, Ill was
/// elected"). A given name before a state is more likely a person described ("Jane Roe,
/// Fla.") unless the gazetteer holds the town.
fn town_with_its_state<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    followed_by_state_abbreviation(r.after)?;
    let first = r.ws[0].text;
    let shaped = if r.ws.len() == 1 {
        !lexicon::is_stop_word(first) && !lexicon::is_title(first) && !lexicon::is_demonym(first)
    } else {
        r.ws.len() <= 3 && name_shaped(r.ws)
    };
    let given = lexicon::is_given_name(first) || names::is_given_name(first);
    if !shaped || given && gazetteer::town(&r.whole).is_none() {
        return None;
    }
    Some(Verdict::all(r, Kind::Place(r.whole.clone())))
}

/// The state abbreviation right after a comma ("…, La.", "…, D.C.,"), as written; wire copy's
/// form without the period ("…, Ill was") counts when a lower-case word or the end follows.
fn followed_by_state_abbreviation(after: &str) -> Option<&str> {
    let rest = after.strip_prefix(", ")?;
    let end = rest.find([' ', ',', ';', ')', '\n']).unwrap_or(rest.len());
    let token = &rest[..end];
    if !token.starts_with(|c: char| c.is_ascii_uppercase()) || is_all_caps(token) && !token.contains('.') {
        return None;
    }
    if gazetteer::state_abbreviation(token).is_some() && token.ends_with('.') {
        return Some(token);
    }
    let lower_next = rest[end..]
        .strip_prefix(' ')
        .is_some_and(|then| then.starts_with(|c: char| c.is_lowercase()));
    let bare = !token.ends_with('.') && token.len() >= 3;
    (bare && lower_next && gazetteer::state_abbreviation(&format!("{token}.")).is_some()).then_some(token)
}

/// "Republic of Freedonia", "the People's Republic of Freedonia", "Kingdom of Ruritania": a
/// country's formal name is a place as written, though its head word could open a body's name
/// ("Republic Bank of …") and its "of" split it.
fn country_by_formal_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let of = r.ws.iter().position(|w| w.text == "of")?;
    let form = of.checked_sub(1).map(|k| r.ws[k].text)?;
    let country = if r.ws.get(of + 1).is_some_and(|w| w.text == "the") {
        of + 2
    } else {
        of + 1
    };
    // The form first: it is one word, and rules out nearly every "of" before the name is built.
    if !STATE_FORMS.contains(form) || country >= r.ws.len() || !gazetteer::is_country(&r.name(country..r.ws.len())) {
        return None;
    }
    // A sentence's "The" is no part of the name.
    let from = usize::from(r.ws[0].text == "The");
    let whole = from..r.ws.len();
    Some(Verdict::one(Out::Name(whole.clone(), Kind::Place(r.name(whole)))))
}

/// A place the gazetteer knows on sight: "New York", "Hanoi". One word waits for the story to
/// say whether it is the place or a person of that name.
fn known_place<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    // "in the Hague", "the Bronx": a town whose name holds its article, which a sentence
    // writes in lower case.
    let with_article = || {
        (r.prev_lower == Some("the") && r.at_start())
            .then(|| gazetteer::town(&format!("The {}", r.whole)))
            .flatten()
            .filter(|t| t.starts_with("The "))
    };
    let p = match gazetteer::place(&r.whole) {
        Some(p) => p,
        None => {
            let town = with_article()?;
            return Some(Verdict::all(r, Kind::Place(Cow::Borrowed(town))));
        }
    };
    Some(if r.ws.len() > 1 {
        Verdict::all(r, Kind::Place(Cow::Borrowed(p)))
    } else {
        Verdict::one(Out::Single(0..1, Some((EntityKind::Place, Cow::Borrowed(p)))))
    })
}

/// An organisation the directory knows: "Associated Press", "NATO". Some are too generic to
/// list alone ("Medicaid"); a one-word one is left for the story to settle, since a list of
/// companies names it as one (see `resolve::known_single`).
fn known_organisation<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if !gazetteer::is_known_org(&r.whole) {
        return None;
    }
    Some(if gazetteer::is_weak_org(&r.whole) && r.ws.len() > 1 {
        Verdict::none()
    } else if r.ws.len() > 1 {
        Verdict::all(r, Kind::Org(r.whole.clone()))
    } else {
        Verdict::one(Out::Single(0..1, Some((EntityKind::Organization, r.whole.clone()))))
    })
}

/// "Real Springfield", "Athletic Shelbyville", "Dynamo Zanesvale": clubs in much of Europe
/// put a word of their kind before their city's name; the run names the club, and the city
/// in it is no place the story mentions.
fn club_with_its_city<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    club_with_city(r.chunk, r.ws).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// Whether the run opens with an article or other function word ("The", "A", "But").
fn opens_with_function_word(r: &Run<'_, '_>) -> bool {
    LEADING_FUNCTION_WORDS.contains(r.ws[0].text)
}

/// "Friends of Springfield Parks, the group that …": an appositive saying what kind of
/// organisation the run names.
fn organisation_by_appositive<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let coordinated = r.ws.iter().any(|w| matches!(w.text, "and" | "&"));
    let fits = (2..=7).contains(&r.ws.len())
        && !opens_with_function_word(r)
        && !coordinated
        && followed_by_org_appositive(r.after, false)
        && !describes_what_follows(r.ws[0].text)
        && !lexicon::is_given_name(r.ws[0].text)
        && !lexicon::is_title(r.ws[0].text);
    fits.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "a group called Nurses for Clean Water", "the start-up named Zentrix Labs", "a charity known
/// as Bread for Springfield": a kind of organisation, then "called", "named" or "known as",
/// introduces the whole run as its name, prepositions and all. So does an appositive set off
/// by commas right after the kind ("her record label, Quillmark Sound, said", "the company,
/// Zentrix Labs, declined"); one led by a given name is a person's ("the company, Jane Roe
/// said" reports a speaker).
fn introduced_by_its_kind<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if !r.at_start() {
        return None;
    }
    let mut before = r.chunk.text[..r.ws[0].start].split_whitespace().rev();
    let kind = match before.next()? {
        "called" | "named" | "dubbed" => before.next()?,
        "as" if before.next()? == "known" => before.next()?,
        kind if kind.ends_with(',') && kind.starts_with(char::is_lowercase) && set_off_by_commas(r) => {
            // An institution's people are named after it ("its embassy, Jo Vann, who …"): only
            // a kind of organisation introduces one this way.
            return with_lowercase(kind.trim_end_matches(','), lexicon::is_org_noun)
                .then(|| Verdict::all(r, Kind::Org(r.whole.clone())));
        }
        _ => return None,
    };
    let kind = kind.trim_end_matches(',');
    with_lowercase(kind, |k| lexicon::is_org_noun(k) || INSTITUTION_NOUNS.contains(k))
        .then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// Whether a comma closes the run, as it opens it, and neither a given name nor a compound
/// adjective ("Springfield-based") leads it: an appositive naming what the words before the
/// first comma describe.
fn set_off_by_commas(r: &Run<'_, '_>) -> bool {
    let first = r.ws[0].text;
    let given = listed_given_name(first);
    let Some(rest) = r.after.strip_prefix(',') else {
        return false;
    };
    // "…, Jo Vann, who said", "…, Jo Vann, 45,": what follows the comma describes a person.
    let person_follows = rest
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(w, "who" | "whose") || w.starts_with(|c: char| c.is_ascii_digit()));
    !given && !person_follows && !describes_what_follows(first) && !opens_with_function_word(r)
}

/// A compound adjective opening a run ("Acme-backed", "Springfield-based") describes the name
/// after it, which the sentence-opener rule splits off.
fn describes_what_follows(first: &str) -> bool {
    compound_adjective_word(first) || first.ends_with("-based")
}

/// "the official Springfield Evening newspaper": a name before an organisation noun. A
/// possessive owns the noun instead of naming it ("Jane Roe's company").
fn before_organisation_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let fits = (2..=6).contains(&r.ws.len())
        && !r.possessive()
        && !opens_with_function_word(r)
        && r.next_lower.is_some_and(lexicon::is_org_noun)
        && !lexicon::is_given_name(r.ws[0].text)
        && !describes_what_follows(r.ws[0].text);
    fits.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "told the Springfield Courier", "according to Acme Daily", "first reported by Zentrix
/// News", "an analyst at Brightwell Partners", "the chief executive of Quillmark Labs": the
/// source of a report, or the employer of someone named by job, is an organisation when its
/// name is no person's (no given name, no title) — a person after such words is named in full
/// with a given name or a title. An outlet's own "The" stays ("told The Springfield Courier").
/// Runs that other rules split or know (joiners, organisation words, known names) are left to
/// them.
fn source_or_employer<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    // The whole chunk: a part split off is placed by what it was split from.
    let whole_chunk = ws.len() == r.chunk.words.len();
    // "told Acme News reporter Jane Roe": a run before a job describes the person after it.
    let describes = || r.next_lower.is_some_and(lexicon::is_role_noun);
    if !whole_chunk || !(2..=6).contains(&ws.len()) || r.possessive() || describes() {
        return None;
    }
    let named = if ws[0].text == "The" { &ws[1..] } else { ws };
    // "told The Acme Press": a known name after the outlet's "The" is for the known-name rules.
    if named.len() < ws.len() && gazetteer::is_known_org(&r.name(1..ws.len())) {
        return None;
    }
    // A known place or organisation inside is for the rules that take the run apart; so is a
    // connector, save the "de" of Romance names, which joins an outlet's name ("segundo a
    // Folha de Springfield", "según La Voz de Zorvan") as it joins a person's.
    let inner = |w: &Word<'_>| {
        lexicon::is_title(w.text)
            || super::chunk::is_connector(w.text) && !lexicon::is_name_particle(w.text)
            || gazetteer::place(w.text).is_some()
            || gazetteer::is_known_org(w.text)
    };
    // "told Roe Vann" after "Jane Roe Vann": a surname last may be a person's second
    // reference; an outlet's "The" says it is none, and so does a source's cue or a job's
    // "at" when the story names no one by that surname ("a statement to Harbor Stone", "an
    // analyst at Dorrance Vale": no one works at a person). What only an organisation has
    // may be a person's too ("the valuation of Roe Tower").
    let article = ws[0].text == "The" || r.prev_lower == Some("the");
    // The cue first: few names follow one, and it is cheaper than the word lookups below.
    let (source, employer) = cues(&r.chunk.text[..ws[0].start]);
    let cued = source || employer || article && reports_after(r.after);
    let plain = || {
        let at_work = r.prev_lower == Some("at");
        let surname_last = !article
            && names::surname_rank(r.last()).is_some()
            && (r.story.names_someone_called(r.last()) || !source && !at_work);
        !named.is_empty()
            && !opens_a_persons_name(&named[0])
            && !named.iter().any(inner)
            && !org_like(ws)
            && !surname_last
    };
    if !cued || !plain() {
        return None;
    }
    Some(Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "according to the Harbor Ledger of Millbrook", "a report in the Lantern of Springfield": a
/// source is often named with its city after "of"; the name is the outlet, the city a place.
/// Not a body whose name holds the "of" ("the Bank of Ruritania", "the Springfield Times of
/// Zembla": an organisation's word before it), nor an office-holder ("the Mayor of Springfield").
fn source_with_its_city<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if ws.len() != r.chunk.words.len() || r.possessive() {
        return None;
    }
    let k = ws.iter().position(|w| w.text == "of")?;
    if !(2..=4).contains(&k) || k + 1 >= ws.len() || gazetteer::town(&r.name(k + 1..ws.len())).is_none() {
        return None;
    }
    let body_or_person = |w: &Word<'_>| {
        gazetteer::is_org_suffix(w.text)
            || lexicon::is_title(w.text)
            || lexicon::is_given_name(w.text)
            || names::is_common_given_name(w.text)
            || !capitalized(w.text)
    };
    if ws[..k].iter().any(body_or_person) || !cued_as_source_or_employer(&r.chunk.text[..ws[0].start]) {
        return None;
    }
    Some(Verdict::of(vec![
        Out::Name(0..k, Kind::Org(r.name(0..k))),
        Out::again(k + 1..ws.len(), true),
    ]))
}

/// "did not respond to the Springfield Courier's request for comment", "declined The Harbor
/// Review's requests for an interview": reporters name their own newsroom as the party asking a
/// subject to comment. A name in the possessive before such a request is the outlet when it
/// holds no given name or title and is not one surname alone ("did not return Roe's request
/// for comment" is a reporter's).
fn outlet_asking_for_comment<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if !r.possessive() || !r.at_end() || ws.len() > 5 {
        return None;
    }
    let rest = r.after.trim_start_matches(['\'', '\u{2019}']);
    let rest = rest.strip_prefix('s').unwrap_or(rest).trim_start();
    let request = COMMENT_REQUESTS.iter().any(|c| {
        rest.get(..c.len()).is_some_and(|head| head.eq_ignore_ascii_case(c))
            && !rest[c.len()..].starts_with(char::is_alphanumeric)
    });
    let named = if ws[0].text == "The" { &ws[1..] } else { ws };
    let surname = named.len() == 1 && ws.len() == 1 && names::surname_rank(named[0].text).is_some();
    if !request || named.is_empty() || named.iter().any(opens_a_persons_name) || surname {
        return None;
    }
    Some(Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "Zentrix is knocking $40 off", "Acme Home via Bazaarly is offering the kettle for $30":
/// deal posts open a sentence with the shop that sells at the price, and a shop is an
/// organisation however unknown its name. The price must follow in the sentence ("Ruritania is
/// taking back its powers" offers nothing).
fn retailer_offering_a_deal<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if !(r.chunk.sentence_start && r.at_start() && r.at_end()) || r.ws.len() > 3 || r.possessive() {
        return None;
    }
    let mut words = r.after.split_whitespace().peekable();
    // A marketplace the shop sells through ("via Bazaarly") stands between.
    if words.next_if_eq(&"via").is_some() {
        while words.next_if(|w| capitalized(w)).is_some() {}
    }
    // Most sentences open otherwise: the verb settles them before the price is looked for.
    words.next_if(|w| matches!(*w, "is" | "are"))?;
    words.next_if(|w| matches!(*w, "now" | "currently"));
    if !words.next().is_some_and(|w| DEAL_VERBS.contains(w)) {
        return None;
    }
    let sentence = r.after.find(". ").map_or(r.after, |end| &r.after[..end]);
    let priced = sentence.contains(CURRENCY_SIGNS);
    (priced && !r.ws.iter().any(opens_a_persons_name)).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "the Springfield Lantern reported", "The Morning Quill first reported": a name with an
/// article that reports is an outlet (a reporter is named without one). So is one that speaks
/// "in an editorial" or "in a commentary", the way wire copy quotes a newspaper's own voice
/// ("the Harbor Daily said in a commentary", "the Morning Quill wrote in an editorial").
fn reports_after(after: &str) -> bool {
    let rest = after.trim_start();
    if in_opinion_piece(rest) {
        return true;
    }
    let rest = rest
        .strip_prefix("first ")
        .or_else(|| rest.strip_prefix("has "))
        .unwrap_or(rest);
    ["reported", "reports", "reporting"].iter().any(|v| {
        rest.strip_prefix(v)
            .is_some_and(|t| !t.starts_with(char::is_alphanumeric))
    })
}

/// Whether `rest` opens with "said in an editorial", "wrote in its commentary" and the like.
fn in_opinion_piece(rest: &str) -> bool {
    let Some(rest) = ["said in ", "says in ", "wrote in ", "writes in "]
        .iter()
        .find_map(|v| rest.strip_prefix(v))
    else {
        return false;
    };
    let rest = ["an ", "a ", "its "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    ["commentary", "editorial"].iter().any(|n| {
        rest.strip_prefix(n)
            .is_some_and(|t| !t.starts_with(char::is_alphanumeric))
    })
}

/// A word that says the name it stands in is a person's, where an outlet or employer is asked
/// for: a given name, a title, or two given names joined ("Jean-Luc").
fn opens_a_persons_name(w: &Word<'_>) -> bool {
    lexicon::is_given_name(w.text)
        || names::is_common_given_name(w.text)
        || lexicon::is_title(w.text)
        || double_given_name(w.text)
}

/// "Jean-Luc", "Sui-Lee", "Mary-Kate": two given names joined by a hyphen, each capitalised
/// and in lower case after its capital, open a person's name.
fn double_given_name(w: &str) -> bool {
    let part = |p: &str| {
        p.len() >= 2
            && p.starts_with(|c: char| c.is_ascii_uppercase())
            && p[1..].bytes().all(|b| b.is_ascii_lowercase())
    };
    w.split_once('-').is_some_and(|(a, b)| part(a) && part(b))
}

/// Whether `before` (the text before a name) ends with a source cue ("according to", "told
/// the") or an employer's cue ("an analyst at", "the founder of").
pub(super) fn cued_as_source_or_employer(before: &str) -> bool {
    let (source, employer) = cues(before);
    source || employer
}

/// Whether `before` ends with a source's cue, and whether with an employer's, read from its
/// last words once (an outlet's "the" passed over).
fn cues(before: &str) -> (bool, bool) {
    let mut words = before.rsplit(|c: char| c.is_whitespace()).filter(|w| !w.is_empty());
    let mut last = words.next();
    let mut rest = before.trim_end();
    if last.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        rest = rest[..rest.len() - 3].trim_end();
        last = words.next();
    }
    (cued_as_source(last, rest), cued_as_employer(last, words))
}

/// "according to", "told the", "a statement to": what introduces the source of a report.
fn cued_as_source(last: Option<&str>, rest: &str) -> bool {
    // "(via Acme News)": an attribution in brackets; "via" alone as often names a channel
    // ("via Bluetooth").
    // Most names follow no cue: the last word settles that before any phrase is compared.
    let cue_word = last.is_some_and(|w| {
        SOURCE_CUE_LAST_WORDS.may_hold_lowercase_of(w) && with_lowercase(w, |l| SOURCE_CUE_LAST_WORDS.contains(l))
    });
    cue_word && SOURCE_CUE_PHRASES.iter().any(|c| ends_with_phrase(rest, c)) || rest.ends_with("(via")
}

/// "an analyst at", "Economists at", "Jane Roe at", "the founder of": what introduces
/// someone's employer.
fn cued_as_employer<'a>(last: Option<&str>, mut words: impl Iterator<Item = &'a str>) -> bool {
    let job = |w: &str| {
        with_lowercase(w, |l| {
            lexicon::is_role_noun(l) || l.strip_suffix('s').is_some_and(lexicon::is_role_noun)
        })
    };
    match last {
        Some("at") => words.next().is_some_and(|w| job(w) || after_full_name(w, words.next())),
        Some("of") => words.next().is_some_and(|w| ORG_POSSESSIONS.contains_lowercase_of(w)),
        _ => false,
    }
}

/// "Jane Roe at Frugal Living Daily explains", "Dan Poe at Quiet Harbour Books": writers and
/// bloggers are named with the site or firm they write for, whose name need not look like a
/// company's. `surname` and the word before it are a person's full name: a given name, then a
/// capitalised word.
fn after_full_name(surname: &str, given: Option<&str>) -> bool {
    capitalized(surname) && !surname.ends_with(',') && given.is_some_and(listed_given_name)
}

/// The source cues, read from their file once: "to" ends many phrases that are none, and each
/// is compared with them all.
static SOURCE_CUE_PHRASES: LazyLock<Vec<&'static str>> = LazyLock::new(|| SOURCE_CUES.iter().collect());

/// The last word of each source cue ("to" of "according to"), lower case.
pub(super) static SOURCE_CUE_LAST_WORDS: LazyLock<WordSet<&'static str>> =
    LazyLock::new(|| SOURCE_CUES.iter().filter_map(|c| c.rsplit(' ').next()).collect());

/// Whether `text` ends with the words of `phrase`, in any case, after a word boundary.
fn ends_with_phrase(text: &str, phrase: &str) -> bool {
    let (t, p) = (text.as_bytes(), phrase.as_bytes());
    t.len() >= p.len()
        && t[t.len() - p.len()..].eq_ignore_ascii_case(p)
        && (t.len() == p.len() || !t[t.len() - p.len() - 1].is_ascii_alphanumeric())
}

/// A word that opens a sentence before a name and belongs to the sentence: the verb of an
/// inverted attribution ("Said Roe: “…”", "Added Lind:"; not "Said Jalili, the envoy, …", a
/// given name), or an adjective of rank before a body ("Key Harbour Board members", "Top Acme
/// Corp executives").
fn sentence_word_before_a_name(r: &Run<'_, '_>) -> bool {
    let (ws, first) = (r.ws, r.ws[0].text);
    let inverted =
        ws.len() == 2 && r.at_end() && r.after.starts_with(':') && with_lowercase(first, lexicon::is_speech_verb);
    let ranked = ws.len() > 2
        && RANK_ADJECTIVES.contains_lowercase_of(first)
        && (org_like(&ws[1..]) || known(r.chunk, &ws[1..]));
    inverted || ranked
}

/// Leading function words and sentence openers are not part of names: "But the Acme board",
/// "Quarterback Jo Roe threw", "Retailer Zentrix said", "Chipmaker Zentrix said" (a job, a kind of company or a company's descriptor opening a
/// sentence, but not the head of a body's name: "Bank of Springfield"), "Springfield-based
/// Acme", "Having won …". "The" stays in front of a title such as "The Springfield Courier" mid-sentence, and
/// so does a capitalised adjective ("the New Media Group", "the Big Ten Conference").
fn sentence_opener<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let first = ws[0].text;
    // One character, counted without walking the word.
    let lone_letter = ws.len() > 1 && first.chars().next().is_some_and(|c| c.len_utf8() == first.len());
    let sentence_start = r.chunk.sentence_start && r.at_start();
    // Asked only when the cheaper tests before it in `opener` fail (each is a pure test).
    let job = || {
        sentence_start
            && ws.len() > 1
            && (with_lowercase(first, lexicon::is_role_noun)
                || with_lowercase(first, |w| lexicon::is_org_noun(w) || COMPANY_DESCRIPTORS.contains(w))
                    && !gazetteer::is_org_suffix(first)
                || people_of_a_body(ws)
                || common_noun_of(r))
            && !lexicon::is_title(first)
    };
    // "State-run Acme Railway Corporation", "Kremlin-backed Acme Party": a compound adjective
    // describes the name after it.
    let described = ws.len() > 1 && compound_adjective_word(first);
    let month_named = || super::classify::month_as_given_name(ws);
    let opener = sentence_start && sentence_word_before_a_name(r)
        || lexicon::is_stop_word(first) && !month_named() && !(2..=ws.len().min(6)).any(|n| known(r.chunk, &ws[..n]))
        || lone_letter
        || job()
        || described
        || first.ends_with("-based")
        || sentence_start && first.ends_with("ing") && !lexicon::is_given_name(first) && !town_opening_a_name(ws)
        || foreign_article_before_a_body(r, sentence_start);
    if !opener {
        return None;
    }
    let keep_the = first == "The" && ws.len() > 1 && !r.chunk.sentence_start && org_like(&ws[1..]) && !lone_letter;
    // "signed with Big Tarrow": inside a sentence, such an adjective's capital is the name's.
    if !sentence_start && ws.len() == 2 && NAME_OPENING_ADJECTIVES.contains(first) {
        return None;
    }
    // "the New Media Investment Group": mid-sentence, a capitalised adjective opens the name.
    let keep_adjective = !r.chunk.sentence_start
        && !described
        && ws.len() > 2
        && !LEADING_FUNCTION_WORDS.contains(first)
        && !lone_letter
        && org_like(ws)
        && !lexicon::is_title(first)
        && !lexicon::is_demonym(first);
    if keep_the || keep_adjective {
        return None;
    }
    // "Quarterback Jo Roe threw": a role opening the sentence says the name after it is a
    // person's, as it does mid-sentence ("quarterback Jo Roe").
    let role = sentence_start && with_lowercase(first, lexicon::is_role_noun) && !lexicon::is_title(first);
    if role && name_shaped(&ws[1..]) {
        let kind = Kind::Person {
            role: Some(first.to_lowercase()),
            gender: names::gender_of(ws[1].text),
            sure: true,
        };
        return Some(Verdict::one(Out::Name(1..ws.len(), kind)));
    }
    let mut outs = Vec::with_capacity(2);
    // "Springfield-based": the place is still mentioned, and "-based" says it is one, so any
    // town of the gazetteer will do ("the Shelbyville-based chain").
    if let Some(prefix) = first.strip_suffix("-based")
        && let Some(p) = gazetteer::town(prefix)
    {
        outs.push(Out::Prefix(prefix.len(), p));
    }
    // "But the Acme board": joiners after the opener go with it; after "Friends of …" the rest
    // is the tail of a name, not a person.
    let skip = (1 + ws[1..].iter().take_while(|w| !capitalized(w.text)).count()).min(ws.len());
    outs.push(Out::again(skip..ws.len(), r.weak || skip > 1));
    Some(Verdict::of(outs))
}

/// "Kettering Ashvale Hospital", "Reading Borough Council": a town whose name ends like a
/// participle ("Having won …") opens the name after it when more capitalised words follow.
fn town_opening_a_name(ws: &[Word<'_>]) -> bool {
    ws.len() > 1 && gazetteer::town(ws[0].text).is_some()
}

/// "Members of the Springfield City Council", "Officers from the Springfield Police
/// Department": opening a sentence, the people of a body are capitalised with it but are no
/// part of its name. "Friends of Springfield Parks" is the name of a body itself.
fn people_of_a_body(ws: &[Word<'_>]) -> bool {
    let plural_role = |l: &str| {
        l.strip_suffix('s')
            .is_some_and(|one| lexicon::is_role_noun(one) && one != "friend")
    };
    ws.len() > 2
        && matches!(ws[1].text, "of" | "from" | "at")
        && with_lowercase(ws[0].text, |l| {
            MEMBER_NOUNS.contains(l) || EMPLOYEE_NOUNS.contains(l) || PERSON_NOUNS.contains(l) || plural_role(l)
        })
}

/// "Shares of Acme Widget Corp fell", "Sales of the Zeno Tab rose": opening a sentence, a
/// common noun that the story writes in lower case elsewhere is capitalised only by its place;
/// a body's own head noun opens its name ("Bank of Springfield", "University of Shelbyville").
fn common_noun_of(r: &Run<'_, '_>) -> bool {
    let ws = r.ws;
    let first = ws[0].text;
    ws.len() > 2
        && ws[1].text == "of"
        && r.story.uses_lowercase(first)
        && !gazetteer::is_org_suffix(first)
        && !with_lowercase(first, |l| {
            lexicon::is_org_noun(l) || INSTITUTION_NOUNS.contains(l) || l == "friends"
        })
}

/// "Shares of Acme Corp fell", "Customers of Zentrix Bank complained": what only an
/// organisation has, opening a sentence with its capital, then "of" and the organisation's
/// name, is no part of that name. ("Board of Education" stays whole: what follows "of" there
/// is no organisation's name.)
fn possession_before_its_owner<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if ws.len() < 3 || ws[1].text != "of" || !ORG_POSSESSIONS.contains_lowercase_of(ws[0].text) {
        return None;
    }
    // "Shareholders of the Plimsy Savings Bank": the article before the owner is no part of
    // its name.
    let from = 2 + ws[2..].iter().take_while(|w| !capitalized(w.text)).count();
    let owner = &ws[from..];
    if owner.is_empty() {
        return None;
    }
    // "Shares of Zentrix rose", "Customers of Zentrix complained": after a plural possession
    // opening the sentence, one word that names nothing else is the organisation. (A singular
    // one names a body of its own: "Board of Education".)
    let plural_opening = ws[0].text.ends_with('s') && r.chunk.sentence_start && r.at_start();
    if let [one] = owner
        && from == 2
        && plural_opening
        && !is_all_caps(one.text)
        && !names_something_else(one.text)
    {
        return Some(Verdict::one(Out::Name(2..3, Kind::Org(r.name(2..3)))));
    }
    (org_like(owner) || known(r.chunk, owner)).then(|| Verdict::one(Out::again(from..ws.len(), r.weak)))
}

/// "Cold War-era", "Acme-backed": hyphenated adjectives, not names; and one opening a run
/// ("Cash-strapped Zentria", "War-torn Springfield" at the start of a sentence) describes the
/// name after it.
fn compound_adjective<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if compound_adjective_word(r.last()) {
        return Some(Verdict::none());
    }
    (r.ws.len() >= 2 && compound_adjective_word(r.ws[0].text)).then(|| Verdict::one(Out::again(1..r.ws.len(), r.weak)))
}

/// A word ending in a compound adjective's suffix ("Acme-backed", "State-run").
fn compound_adjective_word(w: &str) -> bool {
    // Every ending is a hyphen and a word: the word's ending from its last hyphen is the key.
    // Asked of nearly every run's first word, most of them short: a plain walk back over the
    // bytes finds the hyphen sooner than a general string search is set up.
    w.bytes()
        .rposition(|b| b == b'-')
        .is_some_and(|i| COMPOUND_ADJECTIVE_SUFFIXES.contains(&w[i..]))
}

/// "Procter & Gamble", "Bang & Roe Co.", "Deere & Co.": an ampersand between two single names
/// joins the founders' names of one firm (or a founder and the partners, "& Co."), where prose
/// coordinating two names writes "and". Headings and features use it too ("Home & Garden",
/// "Plug & Play"): two words the story also writes in lower case, a word in capitals or an
/// abbreviation other than the partners' make the run none of those; and no person's name holds
/// an ampersand, so a longer run with one is no name ("Acme Home & Away") unless the firm's
/// name opens it.
fn ampersand_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let text = r.chunk.text;
    let k = ws
        .windows(2)
        .position(|p| super::chunk::ampersand(&text[p[0].full_end.min(p[1].start)..p[1].start], &p[0], &p[1]))?;
    // "Acme and Bang & Roe": the coordination is split first.
    if ws.iter().any(|w| NAME_JOINERS.contains(w.text)) {
        return None;
    }
    // "Bang & Roe Co." is the firm's whole name; "Bang & Roe Premium Sound" a product named
    // after the firm, which is the first two words.
    let whole = ws.len() == 2 || ws.len() == 3 && gazetteer::is_org_suffix(ws[2].text);
    let firm = k == 0
        && !ws[..2].iter().all(|w| r.story.uses_lowercase(w.text))
        && ws[..2].iter().enumerate().all(|(i, w)| {
            // "Deere & Co.", "Lazard & Cie": the partners' "Company" is abbreviated.
            let partners = i == 1 && gazetteer::is_org_suffix(w.text);
            !is_all_caps(w.text)
                && !LEADING_FUNCTION_WORDS.contains(w.text)
                && (!lexicon::is_abbreviation(w.text) || partners)
        });
    Some(match (firm, whole) {
        (true, true) => Verdict::all(r, Kind::Org(r.whole.clone())),
        (true, false) => Verdict::one(Out::Name(0..2, Kind::Org(r.name(0..2)))),
        (false, _) => Verdict::none(),
    })
}

/// "the Bureau of Parks and the Department of Roads", "Jane Roe and John Doe": a coordination
/// splits the run unless the "and" is inside one organisation's name ("Center for Health and
/// Human Rights", "Securities and Exchange Commission", "Acme Trust and Banking Co").
fn coordination<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let k = ws.iter().position(|w| w.text == "and")?;
    // "House Ways and Means Committee Chairman Jo Roe": a body's name with an "and" inside,
    // then a post and a person, is one role for the title rule to read — unless a name stands
    // alone before the "and" ("Jo Roe and Police Chief Al Hale").
    let post = ws[k..].iter().rposition(|w| lexicon::is_title(w.text)).map(|t| k + t);
    let one_role = post.is_some_and(|t| {
        t > k + 2
            && names_a_person(&ws[t + 1..])
            && org_like(&ws[k + 1..t])
            && !name_shaped(&ws[..k])
            && !known(r.chunk, &ws[..k])
    });
    if one_role {
        return None;
    }
    if spells_an_abbreviation(r) {
        return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
    }
    let then_the = ws.get(k + 1).is_some_and(|w| w.text == "the");
    let right = (if then_the { k + 2 } else { k + 1 }).min(ws.len());
    let inside_name = !then_the && !two_names(r, k, right);
    if inside_name || gazetteer::is_misc_suffix(r.last()) {
        return None;
    }
    Some(Verdict::of(vec![
        coordinated(r, 0..k, right..ws.len()),
        coordinated(r, right..ws.len(), 0..k),
    ]))
}

/// "Customs and Widget Protection … CWP officers", "Ruritanian Trade and Industry Board … the
/// RTIB": a run whose initials spell an abbreviation the story writes is one body's name, "and"
/// and all; a place or country opening it may stand outside the abbreviation ("U.S. Customs and
/// Widget Protection").
fn spells_an_abbreviation(r: &Run<'_, '_>) -> bool {
    let spelled = |ws: &[Word<'_>]| {
        let letters = super::resolve::initials(&r.chunk.name(ws));
        letters.len() >= 3 && r.story.named_alone(&letters)
    };
    spelled(r.ws) || r.ws.len() > 3 && gazetteer::place(r.ws[0].text).is_some() && spelled(&r.ws[1..])
}

/// One side of a coordination: coordinated names are of one kind, so a lone word beside an
/// organisation's name is another ("Acme and Bolt Media"); anything else is asked again.
fn coordinated<'a>(r: &Run<'a, '_>, this: Range<usize>, other: Range<usize>) -> Out<'a> {
    let (one, beside) = (&r.ws[this.clone()], &r.ws[other]);
    let lone = one.len() == 1
        && !lexicon::is_given_name(one[0].text)
        && !lexicon::is_stop_word(one[0].text)
        && gazetteer::place(one[0].text).is_none()
        && !r.story.uses_lowercase(one[0].text);
    if lone && org_like(beside) {
        Out::Name(this.clone(), Kind::Org(r.name(this)))
    } else {
        Out::again(this, r.weak)
    }
}

/// Whether the words either side of an "and" (at `k`; the right part from `right`) are two
/// names: a person's name on the right ("the Acme Foundation and Jane Roe"); a known name on
/// the left, or one on the right after an organisation's complement ("Bank of Ruritania and
/// U.S."); a body's whole name on each side ("the Progressive Party and Trade Ministry"); or
/// either part named alone elsewhere in the story ("Acme and Bolt Media … Acme said").
fn two_names(r: &Run<'_, '_>, k: usize, right: usize) -> bool {
    let ws = r.ws;
    let (left_ws, right_ws) = (&ws[..k], &ws[right..]);
    if right_ws.is_empty() || names_a_person(right_ws) {
        return true;
    }
    // An "and" inside the complement of an organisation word ("Center for Health and …"),
    // unless the right part ends in that word again: a second body of the same kind ("the
    // University of Zorvan and Zorvan State University").
    let head = left_ws
        .iter()
        .enumerate()
        .find(|&(i, w)| i > 0 && ORG_PREPOSITIONS.contains(w.text) && gazetteer::is_org_suffix(ws[i - 1].text))
        .map(|(i, _)| ws[i - 1].text);
    if let Some(head) = head {
        return right_ws.len() >= 2 && r.last() == head || known(r.chunk, right_ws);
    }
    if !org_like(ws) || known(r.chunk, left_ws) {
        return true;
    }
    let body = |w: &str| with_lowercase(w, |l| lexicon::is_org_noun(l) || INSTITUTION_NOUNS.contains(l));
    let bodies =
        org_like(left_ws) && body(left_ws[left_ws.len() - 1].text) && (org_like(right_ws) || known(r.chunk, right_ws));
    let alone =
        |part: &[Word<'_>], name: &str| !(part.len() == 1 && r.story.uses_lowercase(name)) && r.story.named_alone(name);
    // "Harlow Gas and Electric Co … Harlow Gas said": wire copy shortens a company's legal name
    // to its first words after the first reference, so the left part named alone is that short
    // form, not a second company (two companies each carry their own suffix: "Acme Corp and
    // Zentrix Inc").
    let legal_name = COMPANY_SUFFIXES.contains_lowercase_of(r.last()) && !org_like(left_ws);
    let two_legal_names = left_ws.len() >= 2
        && right_ws.len() >= 2
        && COMPANY_SUFFIXES.contains_lowercase_of(left_ws[left_ws.len() - 1].text)
        && COMPANY_SUFFIXES.contains_lowercase_of(r.last());
    // "Acme News and Zentrix News": a head word written twice heads two names; one name with
    // an "and" inside writes its head once ("Acme and Zentrix News").
    let same_head = left_ws.len() >= 2
        && right_ws.len() >= 2
        && left_ws[left_ws.len() - 1].text == r.last()
        && gazetteer::is_org_suffix(r.last());
    bodies
        || two_legal_names
        || same_head
        || last_of_a_list(r, left_ws, right_ws)
        || !legal_name && alone(left_ws, &r.name(0..k))
        || alone(right_ws, &r.name(right..ws.len()))
}

/// "named Acme Corp., Zentrix Robotics and Quillmark Space Systems, Inc.": in a list of three
/// or more names, commas between them and "and" before the last, the "and" parts the last two
/// items when each is a body's whole name, the last of two words or more besides its legal
/// form. One word and a legal form after the "and" is the last item's own name ("…, Plimsy
/// Trust and Banking Co Ltd", "…, Harlow Gas and Electric Co"), and single words each side
/// are more often one firm's partners ("Roe, Vole, Hale and Marsh").
fn last_of_a_list(r: &Run<'_, '_>, left: &[Word<'_>], right: &[Word<'_>]) -> bool {
    let before = r.chunk.text[..r.ws[0].start].trim_end_matches(' ');
    let listed = before
        .strip_suffix(',')
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(capitalized);
    let named = right
        .iter()
        .filter(|w| !COMPANY_SUFFIXES.contains_lowercase_of(w.text.trim_end_matches(',')))
        .count();
    listed && named >= 2 && org_like(left) && org_like(right)
}

/// Events, prizes, laws and works ("Springfield Marathon", "Roe Prize") are no entity — unless
/// a person's name ends in such a word ("Ellie Hall", "Chief Ana Bay").
///
/// Two such words make an event whatever opens the run ("Roe Cup Final", "Jane Roe Memorial
/// Cup"): no person's name holds two.
///
/// Spanish, Portuguese, French and Italian put the kind first ("Copa Zentria", "Ley de Aguas"),
/// unless the run ends as an organisation's name does ("Copa Airlines").
fn event_or_work<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let leading_kind = r.ws.len() > 1 && MISC_PREFIXES.contains(r.ws[0].text) && !gazetteer::is_org_suffix(r.last());
    if leading_kind {
        return Some(Verdict::none());
    }
    let person_like = || lexicon::is_given_name(r.ws[0].text) || r.ws.iter().any(|w| lexicon::is_title(w.text));
    let events = || r.ws[1..].iter().filter(|w| gazetteer::is_misc_suffix(w.text)).count();
    let event = r.ws.len() > 1 && gazetteer::is_misc_suffix(r.last()) && !super::classify::hall_of_fame(r.ws);
    (event && (events() >= 2 || !person_like())).then(Verdict::none)
}

/// "the group Friends of Springfield Parks", "the newspaper Springfield Gazette": an
/// organisation noun before the name says what it is.
fn after_organisation_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    // The noun is written in lower case: a capitalised one ends a name of its own ("Plimsy
    // Bank's Jane Roe").
    let noun = r.prev_lower.is_some_and(lexicon::is_org_noun) && r.chunk.prev.is_some_and(|w| !capitalized(w));
    let fits = noun && (2..=8).contains(&r.ws.len());
    fits.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// A given name of the project's list or a common one of the census ("Jane", not "Marvel").
fn listed_given_name(w: &str) -> bool {
    lexicon::is_given_name(w) || names::is_common_given_name(w)
}

/// Whether words are a person's name opening with a given name ("Jane Roe", "Jane Q. Roe").
fn names_a_person(ws: &[crate::text::Word<'_>]) -> bool {
    name_shaped(ws) && listed_given_name(ws[0].text)
}

/// "Jane Roe of the Springfield Courier", "Jane Roe at Acme Corp": a person and the
/// organisation they speak for, written as one capitalised run.
fn person_of_organisation<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let k = r.ws.iter().position(|w| matches!(w.text, "of" | "at" | "from"))?;
    let from = if r.ws.get(k + 1).is_some_and(|w| w.text == "the") {
        k + 2
    } else {
        k + 1
    };
    let org = &r.ws[from.min(r.ws.len())..];
    if !(org_like(org) || known(r.chunk, org)) {
        return None;
    }
    if names_a_person(&r.ws[..k]) {
        return Some(Verdict::of(vec![
            Out::again(0..k, r.weak),
            Out::again(from..r.ws.len(), r.weak),
        ]));
    }
    // "Tadashi Morikawa of Zentrix Bank": two or three name words that no list knows, before an
    // organisation's name, are the person who speaks for it; so is a listed given name alone,
    // as blogs name people ("Nick of Zentrix Labs says").
    let person = &r.ws[..k];
    let first_name = k == 1 && names::is_any_given_name(person[0].text) && !gazetteer::is_known_org(person[0].text);
    let unlisted = (first_name || (2..=3).contains(&k) && name_shaped(person))
        && (org_like(org) || !org.is_empty() && gazetteer::is_known_org(&r.name(from..r.ws.len())))
        && !org_like(person)
        && !known(r.chunk, person)
        && gazetteer::place(&r.name(0..k)).is_none();
    unlisted.then(|| {
        let kind = Kind::Person {
            role: None,
            gender: names::gender_of(person[0].text),
            sure: true,
        };
        Verdict::of(vec![Out::Name(0..k, kind), Out::again(from..r.ws.len(), r.weak)])
    })
}

/// "Acme Widget Corp", "Bureau of Parks": an organisation word ends the name or heads it before
/// "of". A nationality before a known name describes it ("Ruritanian Acme Corp").
/// "backed by The Brimwell Group", "its parent, The Wexford Company, said": a company
/// registered with its article (The Acme Company, The Brimco Group) keeps the capital "The"
/// mid-sentence, and the name keeps it; at a sentence's start the capital says nothing.
fn organisation_with_its_article<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let registered =
        ws.len() > 2 && ws[0].text == "The" && !(r.chunk.sentence_start && r.at_start()) && org_like(&ws[1..]);
    registered.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

fn organisation_shape<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if !org_like(r.ws) {
        return None;
    }
    let ws = r.ws;
    // "told Acme the Springfield Ministry's claims were false": an article straight after a
    // name (not after "of", "for" …) opens another name.
    if let Some(k) = (1..ws.len()).find(|&k| ws[k].text == "the" && capitalized(ws[k - 1].text)) {
        return Some(Verdict::of(vec![
            Out::again(0..k, r.weak),
            Out::again(k + 1..ws.len(), r.weak),
        ]));
    }
    // "Deputy General Manager of Zentrix Bank", "Vice President of Sales for Zentrix, Inc.": a
    // post (with the field it covers) written before the body it is held in is no part of the
    // body's name (see `office_of_a_company`).
    if let Some(k) = ws.iter().position(|w| w.text == "for").filter(|&k| k > 0)
        && post_with_its_field(&ws[..k])
        && let Some(split) = office_of_a_company(r, k - 1)
    {
        return Some(split);
    }
    if let Some(k) = ws.iter().position(|w| w.text == "of").filter(|&k| k > 0)
        && post_words(&ws[..k])
        && let Some(split) = office_of_a_company(r, k - 1)
    {
        return Some(split);
    }
    if let Some(split) = company_of_its_seat(r)
        .or_else(|| body_of_a_body(r))
        .or_else(|| unit_of_a_department(r))
    {
        return Some(split);
    }
    // "the House of Delegates Speaker", "Bureau of Parks spokesman": an office held in the
    // body ends the run but not its name (an office of two title words names one: "Office of
    // the Attorney General").
    let n = ws.len();
    let office =
        n > 2 && lexicon::is_title(ws[n - 1].text) && !lexicon::is_title(ws[n - 2].text) && org_like(&ws[..n - 1]);
    if office {
        return Some(Verdict::one(Out::Name(0..n - 1, Kind::Org(r.name(0..n - 1)))));
    }
    let political = ORG_NAME_ADJECTIVES.contains(ws[0].text);
    let describes = !political && !generic_body(&ws[1..]);
    if ws.len() > 2 && lexicon::is_demonym(ws[0].text) && describes && known(r.chunk, &ws[1..]) {
        return Some(Verdict::one(Out::again(1..ws.len(), r.weak)));
    }
    Some(Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "Deputy General Manager", "Chief Executive", "Senior Vice President": words that are all a
/// post.
fn post_words(ws: &[Word<'_>]) -> bool {
    ws.iter().all(|w| {
        lexicon::is_title(w.text)
            || with_lowercase(w.text, |l| {
                lexicon::is_role_noun(l) || l == "general" || POST_QUALIFIERS.contains(l)
            })
    })
}

/// "Vice President of Sales", "Director of Research", "Manager": a post, and after "of" the
/// field it covers in a word or two that name no one.
fn post_with_its_field(ws: &[Word<'_>]) -> bool {
    let (post, field) = match ws.iter().position(|w| w.text == "of") {
        Some(k) => (&ws[..k], &ws[k + 1..]),
        None => (ws, &ws[ws.len()..]),
    };
    !post.is_empty()
        && post_words(post)
        && field.len() <= 2
        && field
            .iter()
            .all(|w| capitalized(w.text) && !lexicon::is_given_name(w.text) && gazetteer::place(w.text).is_none())
}

/// "Zentrix Pharma Ltd of Canada", "Kellwood Inc of Dallas": wire copy follows a company's
/// legal name with where it is based, which is no part of the name; the place is asked again.
/// A company "of" a place keeps it ("Acme Motor Company of Canada" is the company's own name).
fn company_of_its_seat<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let k =
        r.ws.iter()
            .position(|w| w.text == "of")
            .filter(|&k| k >= 2 && k + 1 < r.ws.len())?;
    let legal = with_lowercase(r.ws[k - 1].text, |l| {
        COMPANY_SUFFIXES.contains(l) && !matches!(l, "co" | "co." | "company")
    });
    let seat = legal && gazetteer::place(&r.name(k + 1..r.ws.len())).is_some();
    seat.then(|| {
        Verdict::of(vec![
            Out::Name(0..k, Kind::Org(r.name(0..k))),
            Out::again(k + 1..r.ws.len(), r.weak),
        ])
    })
}

/// "the Widget Research Center of the National Institutes of Science": a unit named in full
/// with the body it belongs to is two organisations, each with its own head noun. Only when
/// the unit's name holds no complement of its own ("Court of Appeals of the State of Roe" is one
/// name) and the parent's name has a body's shape after "the".
fn body_of_a_body<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let k = (2..ws.len().saturating_sub(2)).find(|&k| ws[k].text == "of" && ws[k + 1].text == "the")?;
    let unit = &ws[..k];
    let parent = &ws[k + 2..];
    // "Institutes of Health": a body's noun in the plural heads a name too.
    let plural_head = parent
        .iter()
        .any(|w| w.text.strip_suffix('s').is_some_and(gazetteer::is_org_suffix));
    let fits = gazetteer::is_org_suffix(unit[k - 1].text)
        && !unit.iter().any(|w| super::chunk::is_connector(w.text))
        && parent.len() >= 2
        && (org_like(parent) || plural_head);
    fits.then(|| {
        Verdict::of(vec![
            Out::Name(0..k, Kind::Org(r.name(0..k))),
            Out::again(k + 2..ws.len(), r.weak),
        ])
    })
}

/// "the Springfield Police Department Gang Unit", "the Defense Department Advanced Widget
/// Agency": a government department's unit is written after the department's name, and each
/// is an organisation of its own.
fn unit_of_a_department<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let k = (1..ws.len().saturating_sub(2)).find(|&k| super::chunk::government_department(ws[k].text))?;
    let unit = &ws[k + 1..];
    let fits = !unit.iter().any(|w| super::chunk::is_connector(w.text)) && org_like(unit);
    fits.then(|| {
        Verdict::of(vec![
            Out::Name(0..k + 1, Kind::Org(r.name(0..k + 1))),
            Out::Name(k + 1..ws.len(), Kind::Org(r.name(k + 1..ws.len()))),
        ])
    })
}

/// "Jane Roe, MD, PhD", "Jo Lund, RN": a degree or licence after a comma that follows a
/// person's name (or another degree) is no organisation, nor anyone's name.
fn credential<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if r.ws.len() != 1 || !BYLINE_CREDENTIALS.contains(r.ws[0].text) {
        return None;
    }
    let before = r.chunk.text[..r.ws[0].start].trim_end().strip_suffix(',')?;
    let word = before.rsplit(|c: char| c.is_whitespace() || c == ',').next()?;
    word.starts_with(char::is_uppercase).then(Verdict::none)
}

/// "the Shelbyville Sharks beat the Ogdenville Owls 31-17": sports copy names both sides of a
/// result by their full names, a town and a plural, with "the" before each; a side is one
/// before or after a verb of winning, or before the score, even when the gazetteer does not
/// know its town.
fn side_in_a_result<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let last = r.last();
    let plural = last.ends_with('s') && !last.ends_with("ss") && !last.contains(['\'', '’', '.']);
    let shaped = (2..=3).contains(&ws.len())
        && plural
        && matches!(r.word_before(), Some("the" | "The"))
        && ws.iter().all(|w| capitalized(w.text))
        && !lexicon::is_given_name(ws[0].text);
    if !shaped {
        return None;
    }
    // "beat the …": the verb stands two words before a run that opens its chunk.
    let opens_chunk = ws[0].start == r.chunk.words[0].start;
    let verb_before = opens_chunk && r.chunk.prev2.is_some_and(|w| RESULT_VERBS.contains(w));
    let verb_after = r.next_lower.is_some_and(|w| RESULT_VERBS.contains(w));
    let score_after = r
        .after
        .split_whitespace()
        .next()
        .is_some_and(|w| super::resolve::is_score(w.trim_end_matches(['.', ',', ';'])));
    (verb_before || verb_after || score_after).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "Maple Street", "Elm Ave.", "W. County Road": a street is an address inside a town, not a
/// place a story is about; nor is a post-office box ("P.O. Box 12", "PO Box 12"), whose initials
/// and surname-like "Box" look like a name.
fn street_address<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let post_box = matches!(r.ws, [po, bx, ..] if matches!(po.text, "P.O." | "PO" | "P.O") && bx.text == "Box");
    let street = r.ws.len() > 1 && STREET_SUFFIXES.contains(r.last()) && !person_named_like_a_place(r);
    (post_box || street).then(Verdict::none)
}

/// "chairman Robert A. Lane said", "Jo Lane, a lawyer for the family,", "Mia Park said": a
/// given name and a surname that is also the last word of a street's or a place's name make a
/// person's name when what stands around them only a person has — a middle initial, a job
/// just before, a speech verb beside, or a job in apposition — and no preposition of place
/// comes before. Bare, "George Street", "Elizabeth Lane" and "Albert Park" stay places.
fn person_named_like_a_place(r: &Run<'_, '_>) -> bool {
    let initial = |w: &Word<'_>| {
        let letter = w.text.strip_suffix('.').unwrap_or(w.text);
        letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_uppercase())
    };
    let middle = &r.ws[1..r.ws.len() - 1];
    let shaped =
        names::is_given_name(r.ws[0].text) && middle.iter().all(initial) && names::surname_rank(r.last()).is_some();
    shaped
        && !r.prev_lower.is_some_and(|p| PLACE_PREPOSITIONS.contains(p))
        && (!middle.is_empty()
            || r.prev_lower.is_some_and(lexicon::is_role_noun)
            || speech_beside(r)
            || in_apposition_to_a_person(r)
            || person_in_apposition_after(r))
}

/// "Foreign Ministry", "Communist Party", "Health Commission": a body named only by what it
/// is, which every country has one of, so a nationality before it names which one ("the
/// Ruritanian Foreign Ministry").
fn generic_body(ws: &[Word<'_>]) -> bool {
    ws.iter().all(|w| {
        gazetteer::is_org_suffix(w.text)
            || ORG_NAME_ADJECTIVES.contains(w.text)
            || MINISTRY_PORTFOLIOS.contains_lowercase_of(w.text)
    })
}

/// "Roe County", "Lake Springfield": a place word ends or opens the name.
fn place_shape<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if special_district(r.ws) {
        return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
    }
    let has_joiner = r.ws.iter().any(|w| NAME_JOINERS.contains(w.text));
    // "San Springfield Courier": a known place opening the run leaves the rest to other rules.
    let opens_known = || (2..r.ws.len()).any(|k| gazetteer::place(&r.name(0..k)).is_some());
    // "County Executive Jane Roe", "Mount Pleasant Mayor Jo Roe": a title inside the run makes
    // it a person's.
    let titled = || r.ws.iter().any(|w| lexicon::is_title(w.text));
    let fits = r.ws.len() > 1
        && (gazetteer::is_place_suffix(r.last()) && !has_joiner
            || gazetteer::is_place_prefix(r.ws[0].text) && !titled() && !opens_known());
    if !fits || person_named_like_a_place(r) {
        return None;
    }
    // "Zentrix Harbor said in a statement": a place does not speak; a body named like one does.
    let speaks = r.next_lower.is_some_and(lexicon::is_speech_verb) && gazetteer::town(&r.whole).is_none();
    Some(if speaks {
        Verdict::all(r, Kind::Org(r.whole.clone()))
    } else {
        Verdict::all(r, Kind::Place(r.whole.clone()))
    })
}

/// "the Shelby Water District", "Zorvan Unified School District": a district named for what it
/// provides is a public body, where "Zorvan District" is a place.
fn special_district(ws: &[Word<'_>]) -> bool {
    let n = ws.len();
    n >= 3 && ws[n - 1].text == "District" && DISTRICT_PURPOSES.contains_lowercase_of(ws[n - 2].text)
}

/// "Springfield West", "Shelby North": a place and a compass point after it name a district
/// or a constituency, not a person (whose surname may be "West", but whose given name is no
/// town).
fn district_by_compass_point<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let n = r.ws.len();
    let fits = (2..=3).contains(&n)
        && matches!(r.last(), "North" | "South" | "East" | "West" | "Central")
        && !lexicon::is_given_name(r.ws[0].text)
        && gazetteer::place(&r.name(0..n - 1)).is_some();
    fits.then(|| Verdict::all(r, Kind::Place(r.whole.clone())))
}

/// "the Springfield Morning Leader", "according to the Shelbyville Evening Leader": a town's
/// newspaper is named with a word that is also a post, after the town and a word of its own.
/// A post after a town is held there ("Springfield Mayor", "Springfield Deputy Mayor",
/// "Springfield Council Leader", "Ruritania Opposition Leader"), so every word between the town
/// and the post must be one no role is made of: no title, body, portfolio ("Home Secretary"),
/// demonym or given name; and a country's or a state's name before a post is its government's.
fn outlet_named_like_a_post(r: &Run<'_, '_>) -> bool {
    let (ws, n) = (r.ws, r.ws.len());
    let Some(town) = (1..=2)
        .rev()
        .find(|&k| k + 2 <= n && gazetteer::town(&r.name(0..k)).is_some_and(|t| !gazetteer::is_country_or_state(t)))
    else {
        return false;
    };
    let own = &ws[town..n - 1];
    own.len() <= 2
        && own.iter().all(|w| {
            let t = w.text;
            capitalized(t)
                && !lexicon::is_title(t)
                && !with_lowercase(t, |l| lexicon::is_org_noun(l) || INSTITUTION_NOUNS.contains(l))
                && !lexicon::is_demonym(t)
                && !lexicon::is_given_name(t)
                && !ROLE_QUALIFIERS.contains_lowercase_of(t)
                && !MINISTRY_PORTFOLIOS.contains_lowercase_of(t)
                && gazetteer::place(t).is_none()
        })
}

/// A short name that an appositive calls an organisation ("Acme Labs, a research firm").
fn short_organisation_by_appositive<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let has_joiner = r.ws.iter().any(|w| NAME_JOINERS.contains(w.text));
    let fits = (2..=4).contains(&r.ws.len())
        && !has_joiner
        && followed_by_org_appositive(r.after, false)
        && !describes_what_follows(r.ws[0].text);
    fits.then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// "the CEO of Brightcove", "Founder of Quillmark Labs", "Governor of the Bank of Ruritania":
/// a post with its complement and no one's name after it names the body it is held in — when
/// the post is a company's office, or the complement has a body's shape — which holds no
/// person's given name and is no place ("Chairman of Kenya" names no company).
fn office_of_a_company<'a>(r: &Run<'a, '_>, t: usize) -> Option<Verdict<'a>> {
    let from = if r.ws.get(t + 2).is_some_and(|w| w.text == "the") {
        t + 3
    } else {
        t + 2
    };
    let tail = r.ws.get(from..).filter(|tail| !tail.is_empty())?;
    let company = (COMPANY_OFFICES.contains_lowercase_of(r.ws[t].text) || org_like(tail))
        && !tail.iter().any(|w| lexicon::is_given_name(w.text))
        && gazetteer::place(&r.name(from..r.ws.len())).is_none();
    company.then(|| {
        let org = Out::Name(from..r.ws.len(), Kind::Org(r.name(from..r.ws.len())));
        Verdict::of(vec![Out::Role(0..t + 1), org])
    })
}

/// "Acme News Senior Writer Jane Roe", "Staff Reporter John Doe": web pages capitalise a
/// newsroom post before the writer's name as AP does a formal title. The post and what comes
/// before it are the role (whose outlet still counts); the name after it opens with a given
/// name, which tells the post from an outlet named with the same word ("The Springfield
/// Reporter").
fn newsroom_post_before_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let k = ws.iter().rposition(|w| NEWSROOM_POSTS.contains_lowercase_of(w.text))?;
    let rest = &ws[k + 1..];
    let given = rest.first().is_some_and(|w| listed_given_name(w.text));
    if !(2..=4).contains(&rest.len()) || !given || !name_shaped(rest) || ws[k].possessive {
        return None;
    }
    let role = r.name(0..k + 1);
    let kind = Kind::Person {
        role: clean_role(&role),
        gender: lexicon::given_name_gender(rest[0].text),
        sure: true,
    };
    // The outlet and desk before the post ("Acme Sports"), without the post: "Acme Insider"
    // would read as a masthead.
    Some(Verdict::of(vec![Out::Role(0..k), Out::Name(k + 1..ws.len(), kind)]))
}

/// Titles before names (AP style): the last title word separates the role from the name —
/// "Secretary of State Jane Roe" → Jane Roe, role "Secretary of State"; "Sen. Roe" → a titled
/// surname. A title word ending a run after a given name is a surname ("Kevin King"); a title
/// with no name after it is a role, whose organisations and places still count ("Springfield
/// Police Chief").
fn title_before_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if ws.len() < 2 {
        return None;
    }
    let t = ws
        .iter()
        .rposition(|w| lexicon::is_title(w.text))
        .filter(|&t| !(t + 1 == ws.len() && ws[..t].iter().any(|w| lexicon::is_given_name(w.text))))?;
    // "the Governor's Mansion", "the Sheriff's Office": what a title owns is no one it names.
    if ws[t].possessive && t + 1 < ws.len() {
        return None;
    }
    if t + 1 == ws.len() {
        if outlet_named_like_a_post(r) {
            return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
        }
        return Some(Verdict::one(Out::Role(0..ws.len())));
    }
    let mut role = r.name(0..t + 1).into_owned();
    let mut name_at = t + 1;
    // "Secretary of State Jane Roe": the office's complement precedes the name.
    if matches!(ws[name_at].text, "of" | "for") {
        let tail = &ws[name_at + 1..];
        let given = tail
            .iter()
            .position(|w| lexicon::is_given_name(w.text))
            .filter(|&g| g > 0 && tail.len() - g <= 4)
            .unwrap_or(tail.len().saturating_sub(2));
        if let Some(employer) = office_of_a_company(r, t) {
            return Some(employer);
        }
        if given == 0 || tail.is_empty() {
            return Some(Verdict::one(Out::Role(0..ws.len())));
        }
        role = format!(
            "{role} {} {}",
            ws[name_at].text,
            r.name(name_at + 1..name_at + 1 + given)
        );
        name_at += 1 + given;
    }
    let honorific = ws[..=t].iter().rev().find_map(|w| lexicon::honorific_gender(w.text));
    let rest = &ws[name_at..];
    if t == 0 && royal_name(ws[0].text, rest) {
        let kind = Kind::Person {
            role: clean_role(&role),
            gender: honorific,
            sure: true,
        };
        return Some(Verdict::one(Out::Name(0..ws.len(), kind)));
    }
    let mut outs = vec![Out::Role(0..t + 1)];
    if rest.len() == 1 {
        let w = rest[0].text;
        if gazetteer::place(w).is_none() && !lexicon::is_stop_word(w) && !is_all_caps(w) {
            let kind = Kind::Single {
                titled: true,
                role: clean_role(&role),
                gender: honorific,
                known: None,
            };
            outs.push(Out::Name(name_at..ws.len(), kind));
        }
    } else if name_shaped(rest) {
        let kind = Kind::Person {
            role: clean_role(&role),
            gender: honorific.or_else(|| lexicon::given_name_gender(rest[0].text)),
            sure: true,
        };
        outs.push(Out::Name(name_at..ws.len(), kind));
    } else {
        outs.push(Out::again(name_at..ws.len(), r.weak));
    }
    Some(Verdict::of(outs))
}

/// "LB Ana Ribeiro 61 snaps", "QB Jo Roe threw for 300 yards": box scores, snap counts and depth
/// charts print a player's position before the name, in capitals. The name must open with a
/// listed given name, end with a listed surname or have a stat after it: the same capitals
/// open company names ("TE Widget Systems"). Match reports put the team first ("Springfield DL
/// Jo Roe", "Isotopes QB Ana Lee"): one or two words before the position name the team, a club
/// whoever it is named for.
fn position_before_player<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let p = ws.iter().take(3).position(|w| SPORTS_POSITIONS.contains(w.text))?;
    let rest = ws.get(p + 1..).filter(|rest| rest.len() >= 2)?;
    // A stat right after the name is a box score's line ("LB Tarro Vakalumi 6 8%"), whatever
    // the name.
    let stat_line = r
        .next_lower
        .is_some_and(|n| n.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    let listed = names::is_any_given_name(rest[0].text) || names::surname_rank(r.last()).is_some() || stat_line;
    let team = &ws[..p];
    if !name_shaped(rest) || !listed || team.iter().any(|w| is_all_caps(w.text)) {
        return None;
    }
    let kind = Kind::Person {
        role: Some(ws[p].text.to_string()),
        gender: names::gender_of(rest[0].text),
        sure: true,
    };
    let mut outs = vec![Out::Name(p + 1..ws.len(), kind)];
    if p > 0 {
        outs.push(Out::Name(0..p, Kind::Org(r.name(0..p))));
    }
    Some(Verdict::of(outs))
}

/// A royal's or a pope's name: see [`names::royal_style`].
fn royal_name(title: &str, rest: &[Word<'_>]) -> bool {
    match rest {
        [name] => names::royal_style(title, name.text, None),
        [name, number] => names::royal_style(title, name.text, Some(number.text)),
        _ => false,
    }
}

/// Nationality adjectives describe the name that follows ("Ruritanian Jane Roe"); compass words
/// before a place name a region only when its state or country follows ("Eastern Springfield,
/// Ohio"), else something else ("Eastern Springfield" the university). "Greater", "Upper" and
/// "Lower" before a place always name an area of it.
fn nationality_before_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let first = r.ws[0].text;
    if r.ws.len() < 2 || !lexicon::is_demonym(first) || lexicon::is_given_name(first) {
        return None;
    }
    if REGION_QUALIFIERS.contains(first) {
        // "in Southern Freedonia": after a place's preposition a compass word before a state or
        // country names a part of it; sides play "at" and lose "to" a team named so.
        let part_of = r
            .prev_lower
            .is_some_and(|p| PLACE_PREPOSITIONS.contains(p) && !matches!(p, "at" | "to"))
            && gazetteer::is_country_or_state(&r.name(1..r.ws.len()));
        // "Greater Springfield", "Upper Zembla", "Lower Shelbyville": these qualifiers name a
        // metropolitan area or a part of any place, never a university or a team.
        let area = matches!(first, "Greater" | "Upper" | "Lower") && gazetteer::town(&r.name(1..r.ws.len())).is_some();
        let region = r.ws.len() <= 3 && (followed_by_region(r.after) || part_of || area);
        return Some(if region {
            Verdict::all(r, Kind::Place(r.whole.clone()))
        } else {
            Verdict::none()
        });
    }
    Some(Verdict::one(Out::again(1..r.ws.len(), r.weak)))
}

/// "El Banco de Ruritania informó": a sentence's article before a body's name is no part of it,
/// unless the whole is a name the gazetteer knows ("La Paz", "El Salvador").
fn foreign_article_before_a_body(r: &Run<'_, '_>, sentence_start: bool) -> bool {
    let ws = r.ws;
    sentence_start && ws.len() > 2 && NAME_ARTICLES.contains(ws[0].text) && org_like(&ws[1..]) && !known(r.chunk, ws)
}

/// "Friends of the Harbour", "Parents for Safe Streets", "Doctors Without Walls": a plural noun
/// for people, then a preposition and a name, is how advocacy and mutual-aid groups are named.
/// People of a place, a body or a person are no group ("Residents of Springfield", "Students
/// of Acme University", "Lawyers for Roe" — the place, body or person is asked again). An
/// "and the" after the name opens another ("Doctors Without Walls and the Zentrix Trust"), as
/// "and" alone may not ("Parents for Peace and Justice").
fn advocacy_group<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if ws.len() < 3 || !GROUP_NAME_HEADS.contains(ws[0].text) {
        return None;
    }
    let preposition = matches!(ws[1].text, "of" | "for" | "Against" | "Without" | "For");
    let tail = usize::from(ws[2].text == "the") + 2;
    let end = (tail..ws.len().saturating_sub(2))
        .find(|&i| COORDINATING_CONJUNCTIONS.contains(ws[i].text) && ws[i + 1].text == "the")
        .unwrap_or(ws.len());
    let named = ws.get(tail..end).filter(|t| !t.is_empty())?;
    let person = matches!(ws[1].text, "of" | "for")
        && match named {
            [one] => names::surname_rank(one.text).is_some() || names::is_any_given_name(one.text),
            _ => name_shaped(named) && names::is_any_given_name(named[0].text),
        };
    let someone_elses = person || known(r.chunk, named) || org_like(named);
    if !preposition || someone_elses {
        return None;
    }
    if end == ws.len() {
        return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
    }
    Some(Verdict::of(vec![
        Out::Name(0..end, Kind::Org(r.name(0..end))),
        Out::again(end + 2..ws.len(), r.weak),
    ]))
}

/// Other joiners split the run at the first of them: "Acme Widgets of Springfield" →
/// "Springfield"; the tail of such a split is seldom a person.
fn joiner<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let k = r.ws.iter().position(|w| NAME_JOINERS.contains(w.text))?;
    Some(Verdict::of(vec![
        Out::again(0..k, r.weak),
        Out::again(k + 1..r.ws.len(), true),
    ]))
}

/// "the Springfield Isotopes", "the Springfield Courier", "U.S. Navy": a known place followed by
/// one word that is no place, title or person's name is an organisation named for its city or
/// country — a team, a newspaper, a national service. Two cautions: a place that is also a
/// given name opens a person's name unless a plural team name follows ("Florence Roe", but
/// "Austin Isotopes"); and recased wire copy capitalises any word after an abbreviation's
/// period ("U.S. Exports fell"), so after "U.S." or "US" only a known organisation counts ("U.S.
/// Navy").
fn named_for_its_place<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    if !(2..=4).contains(&ws.len()) || lexicon::is_given_name(ws[0].text) {
        return None;
    }
    let k = ws.len() - 1;
    let place = r.name(0..k);
    let rest = r.last();
    // A smaller city needs "the" before it and a name that is no one's ("the Shelbyville
    // Courier"); a town too small to keep a newspaper or a team is more likely a name's part.
    let town = || {
        (r.word_before() == Some("the") || listed_after_the(r))
            && crate::places::lookup(&place).is_some_and(|p| p.population >= CITY_WITH_INSTITUTIONS)
            && !names::is_name_word(&place)
    };
    let known = gazetteer::place(&place).is_some() || town();
    // "the Springfield Marble formation" is a thing; "San Springfield" a town itself.
    let thing = r.next_lower.is_some_and(|n| THING_NOUNS.contains(n)) || gazetteer::town(&r.whole).is_some();
    if !known || thing || !names_an_organisation_for_a_place(r, rest) {
        return None;
    }
    if (place.ends_with('.') || is_all_caps(&place)) && !gazetteer::is_known_org(rest) {
        return None;
    }
    let plural = rest.ends_with('s') && !rest.ends_with("ss");
    if k == 1 && names::is_given_name(&place) && (names::surname_rank(rest).is_some() || !plural) {
        return None;
    }
    Some(Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// A city this big keeps its own newspaper, team and services ("the Shelbyville Courier").
const CITY_WITH_INSTITUTIONS: u64 = 50_000;

/// Whether a word after a place may be the rest of an organisation named for it: a capitalised
/// name word ("Isotopes", "Courier"), not a place ("Springfield Heights"), a compass point
/// ("Springfield North"), a facility ("Springfield Bridge"), a party ("Springfield
/// Democrats"), a person noun ("Springfield Man") or an event ("Springfield Marathon").
fn names_an_organisation_for_a_place(r: &Run<'_, '_>, w: &str) -> bool {
    capitalized(w)
        && !w.bytes().any(|b| b.is_ascii_digit())
        && !w.contains(['\'', '’'])
        && !lexicon::is_stop_word(w)
        && !lexicon::is_title(w)
        && !lexicon::is_demonym(w)
        && !is_all_caps(w)
        && gazetteer::place(w).is_none()
        && !gazetteer::is_place_suffix(w)
        && !gazetteer::is_place_prefix(w)
        && !gazetteer::is_misc_suffix(w)
        && !REGION_QUALIFIERS.contains(w)
        && PARTY_LABELS.get(w).is_none()
        && (!lexicon::is_given_name(w) || masthead(r))
        && with_lowercase(w, |l| {
            !THING_NOUNS.contains(l)
                && (!lexicon::is_role_noun(l) || masthead(r))
                && !KIN_NOUNS.contains(l)
                && !PERSON_NOUNS.contains(l)
        })
        && (gazetteer::is_known_org(w) || !r.story.uses_lowercase(w))
}

/// "the Springfield Star", "the Riverside Leader", "the Shelbyville Pilot": newspapers take
/// their city's name and a figure of speech that elsewhere is a job or a given name. After
/// "the", ending its run of capitalised words, so with no name after it ("the Springfield
/// Star Jane Roe" names a player), it is the paper's title — also as the last of a list ("the
/// Riverside Courier and the Springfield Star").
fn masthead(r: &Run<'_, '_>) -> bool {
    (r.word_before() == Some("the") || listed_after_the(r))
        && (r.at_end() || matches!(r.word_after(), Some("and" | "or")))
}

/// "the Springfield Courier, Shelbyville Star and Ogdenville Leader": a list of titles writes
/// "the" once, before its first item, and every item stands after it. Whether the words before
/// the run are such a list's "the", items, commas and conjunction.
fn listed_after_the(r: &Run<'_, '_>) -> bool {
    let before = &r.chunk.text[..r.ws[0].start];
    let mut items = 0;
    for token in before.split_whitespace().rev().take(30) {
        let token = token.trim_end_matches(',');
        match token {
            "the" => return items > 0,
            "and" | "or" if items == 0 => {}
            _ if capitalized(token) => items += 1,
            _ => return false,
        }
    }
    false
}

/// "ZBC 7", "ZBC Latino": a network's local station or channel is branded with the network's
/// initials and the station's channel number or its audience (US broadcasters' house style:
/// "ZBC 7", "ZBC Latino"). The outlet is the whole brand, not the network.
fn broadcaster_outlet<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let first = r.ws[0].text;
    let network = (2..=4).contains(&first.len()) && is_all_caps(first) && gazetteer::agency(first).is_some();
    if !network {
        return None;
    }
    match r.ws {
        [_] => {
            let channel = number_after(r).filter(|c| c.len() <= 2)?;
            Some(Verdict::all(r, Kind::Org(Cow::Owned(format!("{first} {channel}")))))
        }
        [_, audience] => lexicon::is_demonym(audience.text).then(|| Verdict::all(r, Kind::Org(r.whole.clone()))),
        _ => None,
    }
}

/// "Acme PhonePro 5", "the Acme Tab": a product is named after its maker, so a known
/// organisation opening a run names the brand, and the model after it is no one's name.
fn brand_before_product<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let ws = r.ws;
    let first = ws[0].text;
    let brand = ws.len() >= 2
        && gazetteer::is_known_org(first)
        && !gazetteer::is_weak_org(first)
        && !lexicon::is_given_name(first)
        && !names::is_common_given_name(first);
    if !brand {
        return None;
    }
    let mut outs = vec![Out::Name(0..1, Kind::Org(r.name(0..1)))];
    // "Acme Jane Roe": a caption's organisation glued to a person.
    if names_a_person(&ws[1..]) {
        outs.push(Out::again(1..ws.len(), r.weak));
    }
    Some(Verdict::of(outs))
}

/// Surnames are often towns' names ("Jane Lagos", "media mogul, Dayo Lagos"): a city ending a
/// short run shaped like a name is the person's surname when the run has what introduces a
/// person — a given name first, a role noun before it (with or without a comma) or a speech
/// verb beside it. A country or a state so placed still names the place.
fn person_named_like_a_town<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let n = r.ws.len();
    if !(2..=3).contains(&n) || !name_shaped(r.ws) {
        return None;
    }
    let town = gazetteer::place(r.last()).filter(|t| !gazetteer::is_country_or_state(t))?;
    let before = &r.ws[..n - 1];
    let plain = |w: &Word<'_>| {
        let t = w.text;
        !known(r.chunk, std::slice::from_ref(w)) && !lexicon::is_demonym(t) && !REGION_QUALIFIERS.contains(t)
    };
    if town.contains(' ') || !before.iter().all(plain) {
        return None;
    }
    let role = r.prev_lower.filter(|p| lexicon::is_role_noun(p)).map(str::to_string);
    let given = names::is_given_name(r.ws[0].text);
    let speech = speech_beside(r);
    if !(given || speech || role.is_some() || role_before_comma(r)) {
        return None;
    }
    let gender = names::given_name_gender(r.ws[0].text);
    Some(Verdict::all(
        r,
        Kind::Person {
            role,
            gender,
            sure: true,
        },
    ))
}

/// "the media mogul, Jane Roe": a role noun, a comma, then the run.
fn role_before_comma(r: &Run<'_, '_>) -> bool {
    if !r.at_start() {
        return false;
    }
    let before = r.chunk.text[..r.ws[0].start].trim_end();
    before
        .strip_suffix(',')
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(|w| with_lowercase(w, lexicon::is_role_noun))
}

/// A known place or organisation inside a longer run ("Roe Springfield", "Acme News All
/// Access"), unless the run is a person's name that starts with it or holds it as a middle
/// name.
fn known_name_inside<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let n = r.ws.len();
    if n < 2 {
        return None;
    }
    for len in (1..n).rev() {
        for s in 0..=n - len {
            let sub = r.name(s..s + len);
            // "José Roe y Springfield": a place after a particle inside a person's name is a
            // surname (Spanish joins two surnames with "y").
            let surname = s > 0 && JOINING_PARTICLES.contains(r.ws[s - 1].text) && names::is_given_name(r.ws[0].text);
            let middle_name = len == 1 && middle_of_a_name(r, s);
            let place = gazetteer::place(&sub).is_some() && !lexicon::is_given_name(&sub) && !surname && !middle_name;
            let org = gazetteer::is_known_org(&sub) && len > 1;
            if (place || org) && !(s == 0 && len == 1 && name_shaped(r.ws) && !country_before_name(r)) {
                return Some(Verdict::split3(r, s, s + len));
            }
        }
    }
    None
}

/// "Ana Lima Costa", "Tran Van Minh": Portuguese and Spanish names hold two surnames and
/// Vietnamese ones a middle name, some of which are also towns' names. A one-word place (no
/// country or state) between the two other words of a three-word name that opens with a given
/// name or a surname the census lists is part of the name.
fn middle_of_a_name(r: &Run<'_, '_>, s: usize) -> bool {
    let first = r.ws[0].text;
    r.ws.len() == 3
        && s == 1
        && name_shaped(r.ws)
        && (listed_given_name(first) || names::surname_rank(first).is_some())
        && !gazetteer::is_country_or_state(r.ws[1].text)
}

/// "the envoy to Freedonia Jo Anne Roe", "Minister for Freedonia Jo Roe": a title that ends
/// with a country runs into the name after it. A person's name may open with a town's or a
/// state's name ("Paris Roe", "Georgia Roe"), rarely with a country's that no list holds as a
/// given name, and never with one before two more name words.
fn country_before_name(r: &Run<'_, '_>) -> bool {
    let first = r.ws[0].text;
    r.ws.len() >= 3 && gazetteer::is_country(first) && !names::is_any_given_name(first)
}

/// One capitalised word: a surname, an acronym or a place, for the story to settle — unless a
/// preposition or a state after it already says it is a town. Numbers, codes, function words
/// and nationalities are none.
fn one_word<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if r.ws.len() != 1 {
        return None;
    }
    let w = r.ws[0].text;
    // "ran in Quillmark magazine", "the Zentrix newspaper": a kind of outlet after a word that
    // names nothing else.
    let opens_sentence = r.chunk.sentence_start && r.at_start();
    // "Quillmark (NASDAQ: QLMK) fell": a listed company, named before its exchange and ticker.
    if listed_on_an_exchange(r.after) && !names_something_else(w) {
        return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
    }
    let outlet = r.next_lower.is_some_and(|n| OUTLET_NOUNS.contains(n))
        && !r.possessive()
        && !opens_sentence
        && !names_something_else(w);
    let shop = || sold_at_a_price(r) && !names_something_else(w) && gazetteer::town(w).is_none();
    if outlet || platform_before_its_item(r) || body_in_a_which_clause(r) || shop() {
        return Some(Verdict::all(r, Kind::Org(r.whole.clone())));
    }
    // "Shelbyville, Ill.", "from Shelbyville": a town the gazetteer holds, in a place's context.
    // The word before may stand inside the run that was split ("Residents of Springfield"), or
    // open the sentence with its capital ("In Shelbyville, the council …"), or say which part
    // of the town ("in downtown Springfield").
    let placed = followed_by_region(r.after)
        || r.word_before()
            .is_some_and(|p| PLACE_PREPOSITIONS.contains(p) || TOWN_PART_ADJECTIVES.contains(p))
        || opens_with_a_preposition(r);
    if placed && let Some(town) = gazetteer::town(w) {
        return Some(Verdict::all(r, Kind::Place(Cow::Borrowed(town))));
    }
    // A word with a digit is a number, a model or a link's code ("G20", "X5", "aB3xQ9"), no name.
    let nothing = w.bytes().any(|b| b.is_ascii_digit()) || lexicon::is_stop_word(w) || lexicon::is_demonym(w);
    // "Zentrix, the Springfield-based research firm": an appositive says what kind of body the
    // word names (one naming a person's place in it, ", a member of …", says no such thing).
    let appositive =
        || followed_by_org_appositive(r.after, true) && !lexicon::is_given_name(w) && !names::is_given_name(w);
    Some(if nothing {
        Verdict::none()
    } else if appositive() {
        Verdict::all(r, Kind::Org(r.whole.clone()))
    } else {
        Verdict::one(Out::Single(0..1, None))
    })
}

/// "In Shelbyville, the council met", "At Springfield, a fire broke out": the run's only word
/// before it is a preposition of place opening the sentence, capitalised as the sentence's
/// first word.
fn opens_with_a_preposition(r: &Run<'_, '_>) -> bool {
    r.offset == 1 && r.chunk.sentence_start && PLACE_PREPOSITIONS.contains_lowercase_of(r.chunk.words[0].text)
}

/// "on sale at Plimsy for $40", "$25 at Quibbit", "from Plimsy for £30": deal posts and
/// shopping guides name the shop that sells a thing at a price with "at" or "from", the price
/// just before or after; the shop is a company.
fn sold_at_a_price(r: &Run<'_, '_>) -> bool {
    let Some(preposition) = r.word_before().filter(|p| matches!(*p, "at" | "from")) else {
        return false;
    };
    let price_after = r
        .after
        .trim_start()
        .strip_prefix("for ")
        .is_some_and(opens_with_a_price);
    let before = r.chunk.text[..r.ws[0].start].trim_end();
    let price_before = before
        .strip_suffix(preposition)
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(opens_with_a_price);
    price_after || price_before
}

/// Whether text opens with an amount of money written with its currency's sign: "$40",
/// "£29.99", "€5", "US$12".
fn opens_with_a_price(s: &str) -> bool {
    let s = s.strip_prefix("US").unwrap_or(s);
    s.strip_prefix(CURRENCY_SIGNS)
        .is_some_and(|amount| amount.starts_with(|d: char| d.is_ascii_digit()))
}

/// The signs prices are written with in the copy the rules read.
const CURRENCY_SIGNS: [char; 3] = ['$', '£', '€'];

/// "Zentrix, which makes batteries,": a word set off by a comma before "which" and a verb of
/// what companies do names a body; AP refers to a person with "who". A place takes "which"
/// too, so the word must name no place, and no person either ([`names_only_a_body`]).
fn body_in_a_which_clause(r: &Run<'_, '_>) -> bool {
    let Some(rest) = r.after.strip_prefix(", which ") else {
        return false;
    };
    let w = r.ws[0].text;
    rest.split_whitespace()
        .next()
        .is_some_and(|v| CORPORATE_VERBS.contains(v))
        && !r.possessive()
        && names_only_a_body(w)
}

/// "in a Zumblr post", "her viral Quibo account": one word between a determiner or an
/// adjective and what a user keeps on a social network names the network, as the web cites a
/// post. A surname there is a person's ("a Roe post" is a post of Roe's) and a town's name a
/// place's ([`names_only_a_body`]).
fn platform_before_its_item(r: &Run<'_, '_>) -> bool {
    let w = r.ws[0].text;
    r.next_lower.is_some_and(|n| PLATFORM_ITEM_NOUNS.contains(n))
        && r.word_before().is_some_and(|p| p.starts_with(char::is_lowercase))
        && !r.possessive()
        && names_only_a_body(w)
}

/// Whether one capitalised word can name only a body: none of what [`names_something_else`]
/// reads, no surname (the census's or the world lists') and no town the gazetteer holds.
fn names_only_a_body(w: &str) -> bool {
    !names_something_else(w)
        && names::surname_rank(w).is_none()
        && !names::is_world_surname(w)
        && gazetteer::town(w).is_none()
}

/// Whether `after` (the text after a name) opens with a stock exchange and a ticker in
/// brackets: "(NASDAQ: QLMK)", "(NYSE:ZNT)".
fn listed_on_an_exchange(after: &str) -> bool {
    let Some(inner) = after.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some((exchange, rest)) = inner.split_once(':') else {
        return false;
    };
    let ticker = rest.trim_start();
    let ticker = &ticker[..ticker.find(')').unwrap_or(ticker.len())];
    STOCK_EXCHANGES.contains(exchange.trim())
        && !ticker.is_empty()
        && ticker
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// Whether one capitalised word is a place, a given name, a nationality, a day or month, a
/// number or a function word: anything but the name of an outlet before "magazine".
fn names_something_else(w: &str) -> bool {
    gazetteer::place(w).is_some()
        || lexicon::is_given_name(w)
        || names::is_given_name(w)
        || lexicon::is_demonym(w)
        || lexicon::is_stop_word(w)
        || crate::vocabulary::is_weekday(w)
        || crate::dates::month_number(w).is_some()
        || w.bytes().any(|b| b.is_ascii_digit())
}

/// "the Moulin Rouge", "the Springfield Isotopes": people rarely take an article.
fn name_after_the<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    let fits =
        r.prev_lower == Some("the") && !given && !r.next_lower.is_some_and(|n| PERSON_ATTRIBUTIVE_NOUNS.contains(n));
    fits.then(Verdict::none)
}

/// "the Roe Memorial prison", "a Springfield Isotopes game": a thing noun after the name. A
/// craft's noun wins over a given name ("the Marlowe probe", "the Tilda Marsh supercomputer"):
/// craft are named for people, and a show or a prize after a person's name is still theirs.
fn name_before_thing<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    let craft = r.next_lower.is_some_and(lexicon::is_vessel_noun);
    (craft || !given && r.next_lower.is_some_and(|n| THING_NOUNS.contains(n))).then(Verdict::none)
}

/// "Walter Roe hospital", "Springfield State quarterback": an organisation noun (or, for a name
/// that does not start like a person's, a job) after the name makes it an institution or team;
/// after a possessive the noun is the name's own ("Jane Roe's team").
fn name_before_institution_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    if r.possessive() {
        return None;
    }
    let org_after = r.next_lower.is_some_and(lexicon::is_org_noun);
    let job_after = r
        .next_lower
        .is_some_and(|n| lexicon::is_role_noun(n) && !KIN_NOUNS.contains(n));
    (org_after || job_after && !given).then(|| Verdict::all(r, Kind::Org(r.whole.clone())))
}

/// Whether a run opens with a given name the census knows, however rare ("Ilana Roe"), and is
/// no place the gazetteer knows ("Marion Falls" may be both): a person more likely than a
/// place, whatever the words after it suggest ("Ilana Roe, MS, RDN", "a stake in Kylie Roe's
/// company").
fn opens_with_census_given_name(r: &Run<'_, '_>) -> bool {
    r.ws.len() >= 2 && names::is_given_name(r.ws[0].text) && gazetteer::town(&r.whole).is_none()
}

/// "Shelby Falls, Idaho": a name followed by its state or country is a place.
fn name_before_region<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    let fits = !given && r.ws.len() <= 4 && followed_by_region(r.after) && !opens_with_census_given_name(r);
    fits.then(|| Verdict::all(r, Kind::Place(r.whole.clone())))
}

/// "in Neustadt am Rhein": a name with a place particle after "in" or "near" is a place.
fn place_with_particle<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    let fits =
        matches!(r.prev_lower, Some("in" | "near")) && !given && r.ws.iter().any(|w| PLACE_PARTICLES.contains(w.text));
    fits.then(|| Verdict::all(r, Kind::Place(r.whole.clone())))
}

/// "published in Springfield Open Science", "lives in Shelby Falls": after "in", a longer name
/// is an institution or a publication, a short one a place.
fn name_after_in<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    if r.prev_lower != Some("in") || given || r.chunk.sentence_start || opens_with_census_given_name(r) {
        return None;
    }
    Some(Verdict::all(
        r,
        if r.ws.len() >= 3 {
            Kind::Org(r.whole.clone())
        } else {
            Kind::Place(r.whole.clone())
        },
    ))
}

/// The tail of an "of" split ("Friends of Springfield Parks") is a person only when it starts
/// with a given name.
fn tail_of_a_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let given = r.person_shaped()?;
    (r.weak && !given).then(Verdict::none)
}

/// Whether a name-shaped run has what opens a person's name in the rules below: a common given
/// name first, or a role noun before it ("coach Roe Vance").
fn introduced_as_person(r: &Run<'_, '_>) -> bool {
    let first = r.ws[0].text;
    lexicon::is_given_name(first)
        || names::is_common_given_name(first)
        || r.prev_lower.is_some_and(lexicon::is_role_noun)
}

/// German capitalises every noun ("Die App", "Der Patient", "Technische Standards"): on such
/// a page a run of capitalised words is a person's name only when it opens with a given name
/// or a role introduces it ("Jana Roe", "Ärztin Jana Roe"). The article and nouns written
/// before a given name and a surname are the person's post ("Die Ärztin Jana Roe", "Der
/// Abgeordnete Jan Roe"): the name starts at the given name, of any country's list, since the
/// nouns before it already say a person follows.
fn capitalised_noun<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    r.person_shaped()?;
    if !r.story.capitalises_nouns || introduced_as_person(r) {
        return None;
    }
    let n = r.ws.len();
    let given = |k: usize| {
        let w = r.ws[k].text;
        // "von", "van": a particle that opens a surname, and a given name in some lists.
        names::is_any_given_name(w) && !lexicon::is_stop_word(w) && !with_lowercase(w, lexicon::is_name_particle)
    };
    // A given name with one or two names after it, and no given name before it.
    let start = (n.saturating_sub(3).max(1)..n - 1).find(|&k| given(k) && !given(k - 1));
    let Some(k) = start else {
        return Some(Verdict::none());
    };
    let person = Kind::Person {
        role: None,
        gender: names::gender_of(r.ws[k].text),
        sure: true,
    };
    Some(Verdict::of(vec![Out::Role(0..k), Out::Name(k..n, person)]))
}

/// Titles of works, products and features and the page's own furniture open with adjectives,
/// imperatives and interjections that open no one's name ("True Widget", "Final Showdown",
/// "Get Acme Pro", "Visit Springfield Courier", "Hey Springfield"), or with a compound
/// adjective ("Newly-minted Widget", "Acme-friendly Western"); a role before the run still
/// makes it a person.
fn work_or_product_title<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    r.person_shaped()?;
    let first = r.ws[0].text;
    let (head, tail) = first.split_once('-').unwrap_or((first, ""));
    let compound = tail.chars().next().is_some_and(char::is_lowercase);
    // "Becoming Widget", "Rolling Acme": a participle the story also writes in lower case.
    let participle = first.len() > 5 && first.ends_with("ing") && r.story.uses_lowercase(first);
    let opener = NON_NAME_WORDS.contains_lowercase_of(head) || compound || participle;
    (opener && !introduced_as_person(r)).then(Verdict::none)
}

/// "Springfield Man Wins", "Denver Woman Sues": headlines describe someone by their town and a
/// noun for a person; that names no one.
fn townsman<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    let person_noun = r.ws.len() == 2 && with_lowercase(r.last(), |l| PERSON_NOUNS.contains(l));
    (person_noun && gazetteer::place(r.ws[0].text).is_some()).then(Verdict::none)
}

/// Two to five capitalised name words: a person, with the role a noun before gives ("coach
/// Jane Roe").
///
/// Web pages capitalise product names, headings and slogans the same way ("Magic Keyboard",
/// "Weight Loss Tips"), so the shape alone leaves a person unconfirmed: the resolver keeps one
/// only when something else says it is a person — here, a given name first, a role before it,
/// a speech verb beside it or an appositive after it; later, a second reference by surname.
fn persons_name<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    // "La Moncloa", "El Diario": an article opens names of places and bodies, not people.
    if NAME_ARTICLES.contains(r.ws[0].text) {
        return None;
    }
    let given = r.person_shaped()? || names::is_common_given_name(r.ws[0].text);
    if !given && names_a_product(r) {
        return Some(Verdict::none());
    }
    let role = r
        .prev_lower
        .filter(|p| lexicon::is_role_noun(p))
        .map(str::to_string)
        .or_else(|| appositive_role(r.after).map(str::to_string));
    let gender = names::gender_of(r.ws[0].text);
    let sure = role.is_some() || person_by_context(r);
    Some(Verdict::all(r, Kind::Person { role, gender, sure }))
}

/// "Ana Velde, Ruritania’s ambassador in Lisbon, said", "Kim Lee, 45, the harbour master,":
/// AP style gives a person's post in an appositive after the name; its first role noun, in
/// the first few words (after an age, an article, a possessive or a qualifier), is the role a
/// later "the ambassador" refers back to.
fn appositive_role(after: &str) -> Option<&str> {
    let mut rest = after.strip_prefix(", ")?;
    // An age comes first: "Kim Lee, 45, the harbour master".
    if let Some((age, more)) = rest.split_once(", ")
        && !age.is_empty()
        && age.bytes().all(|b| b.is_ascii_digit())
    {
        rest = more;
    }
    let part = &rest[..rest.find([',', ';', '.', '(']).unwrap_or(rest.len())];
    // The article opening the appositive is no joiner ("Kim Lee, the harbour master"); one
    // further in is ("Kim Lee, wife of the mayor" names no mayor).
    let part = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| part.strip_prefix(a))
        .unwrap_or(part);
    part.split_whitespace()
        .take(5)
        .take_while(|w| !NAME_JOINERS.contains(w) && *w != "to" && *w != "at")
        .find(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && lexicon::is_role_noun(w))
}

/// "its spokesman, Jo Vann, said", "her husband, Jo Vann.", "su marido, Jo Vann,": a name set
/// off by commas after a noun for a person (a post, a relative) is that person's.
fn in_apposition_to_a_person(r: &Run<'_, '_>) -> bool {
    let before = r.chunk.text[..r.ws[0].start].trim_end();
    let noun = before.strip_suffix(',').and_then(|b| b.split_whitespace().last());
    let closed = r.after.is_empty() || r.after.starts_with([',', '.', ';', ')']);
    closed && noun.is_some_and(|n| with_lowercase(n, lexicon::is_role_noun))
}

/// Products are named like people ("Acme Tab Pro"), but their names carry what no person's does:
/// a model number or year before them ("the 2019 Tab Pro", "the 11 Pro") or a brand word with a capital
/// inside ("PhonePro Max"; "McKay", "DeShawn" and "LeBron" have theirs in the first three
/// letters).
fn names_a_product(r: &Run<'_, '_>) -> bool {
    // Only a number before: box scores put one after players' names ("Jo Roe 12 points").
    let numbered = r
        .chunk
        .prev
        .filter(|_| r.at_start())
        .is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    numbered || r.ws.iter().any(|w| brand_word(w.text))
}

/// A capital after the third letter of a word that starts with one: "PhonePro", "HomeKit".
fn brand_word(w: &str) -> bool {
    !w.starts_with("Mc")
        && !w.starts_with("Mac")
        && !w.starts_with("Fitz")
        && w.bytes().skip(3).any(|b| b.is_ascii_uppercase())
        && w.bytes().any(|b| b.is_ascii_lowercase())
        && !w.contains(['-', '\'', '’', '.'])
}

/// What around a name says it is a person's: a given name opening it ("Jane Roe"), a speech
/// verb before or after it ("said Jane Roe", "Jane Roe told"), or an appositive after it
/// ("Jane Roe, 45,", "Jane Roe, who …", "Jane Roe, a spokeswoman for …"), or words the story
/// never writes in lower case.
fn person_by_context(r: &Run<'_, '_>) -> bool {
    let first = r.ws[0].text;
    // "Pierre-Henri Roe": two given names joined, each in a list ("Post-War Boom" is no name).
    let joined_given_names = double_given_name(first)
        && first
            .split('-')
            .all(|part| lexicon::is_given_name(part) || names::is_any_given_name(part));
    if listed_given_name(first) || joined_given_names {
        return true;
    }
    // "Seán Roe", "Zoé Vann": a given name written with its marks is a common name the lists
    // hold without them, or one the world list spells alike.
    let folded = crate::text::fold_marks(first);
    let world_given = names::is_world_given_name(first)
        || folded
            .as_deref()
            .is_some_and(|f| names::is_common_given_name(f) || names::is_world_given_name(f));
    // The world lists' names are weaker evidence (they hold more words that are something else
    // too): a given name of theirs confirms a given name and a surname, or a longer run that ends
    // in a listed surname ("Giulio Horvat", "Giulio B. Roe", "Ana Maria Virtanen"), not a
    // title-case phrase; a surname of theirs only a run of two words ("Jo Horvat", not "Mayor
    // Equates Firing").
    let census_surname = names::surname_rank(r.last()).is_some();
    let world_surname = names::is_world_surname(r.last());
    // "Ludwig von Roe", "Ana de la Vega": the particles of a surname are no name of their own.
    let initial = |w: &str| w.len() <= 3 && w.ends_with('.');
    let particle = |w: &str| with_lowercase(w, lexicon::is_name_particle);
    let two_names = r.ws.iter().filter(|w| !initial(w.text) && !particle(w.text)).count() == 2;
    if world_given && (two_names || census_surname || world_surname) {
        return true;
    }
    if syllable_pair_given_name(r.ws) || pinyin_given_name(r) {
        return true;
    }
    // "Jo Vann" where neither word is one the story uses in lower case: a name, not a phrase.
    let surname = census_surname || (r.ws.len() == 2 && world_surname);
    if surname && !r.ws.iter().any(|w| r.story.uses_lowercase(w.text)) {
        return true;
    }
    speech_beside(r) || in_apposition_to_a_person(r) || person_in_apposition_after(r)
}

/// "said Jane Roe", "Jane Roe told": a speech verb or participle next to the name.
fn speech_beside(r: &Run<'_, '_>) -> bool {
    [r.prev_lower, r.next_lower].into_iter().flatten().any(is_speech)
}

fn is_speech(w: &str) -> bool {
    lexicon::is_speech_verb(w) || lexicon::is_speech_participle(w)
}

/// What follows a name after its comma and says it is a person's: an age ("Jane Roe, 45,"), a
/// relative pronoun ("Jane Roe, who …"), a job ("Jane Roe, a spokeswoman for …", "Jane Roe,
/// chairman of Acme"), or, when the name is itself set off by commas, the speech verb it is
/// the subject of ("The minister, Jo Vann, said").
fn person_in_apposition_after(r: &Run<'_, '_>) -> bool {
    let Some(rest) = r.after.strip_prefix(", ") else {
        return false;
    };
    let mut words = rest.split_whitespace().map(|w| w.trim_end_matches([',', '.', ';']));
    // "The minister, Jo Vann, said": a name set off by commas after the words that describe
    // it is the subject of the speech verb after its closing comma.
    let set_off = r.chunk.text[..r.ws[0].start].trim_end().ends_with(',');
    match words.next() {
        Some(w) if set_off && is_speech(w) => true,
        Some(w) if w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty() => true,
        Some("who" | "whose") => true,
        Some("a" | "an" | "the") => words
            .take(4)
            .any(|w| with_lowercase(w, |l| lexicon::is_role_noun(l) || lexicon::is_title(l))),
        // "Jo Vann, chairman of Acme", "Jo Vann, senior economist at Zentrix": wire style names
        // the post without an article.
        Some(w) if w.starts_with(|c: char| c.is_lowercase()) => {
            let lower: Vec<&str> = std::iter::once(w)
                .chain(words.take(3))
                .take_while(|w| w.starts_with(|c: char| c.is_lowercase()))
                .collect();
            lower.windows(2).any(|p| {
                (lexicon::is_role_noun(p[0]) || lexicon::is_title(p[0])) && matches!(p[1], "of" | "at" | "for")
            })
        }
        _ => false,
    }
}

/// Korean names in Revised Romanisation, and Taiwanese and Hong Kong names in their own
/// romanisations, write the family name first and the given name as two syllables joined by a
/// hyphen: "Kim Seo-yeon", "Choi Min-jun", "Tsai Ing-wen". A short surname the census lists
/// followed by such a pair is a person's name, whatever else the story writes in lower case.
fn syllable_pair_given_name(ws: &[Word<'_>]) -> bool {
    let syllable = |s: &str, capital: bool| {
        (1..=5).contains(&s.len())
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 0 && capital {
                    b.is_ascii_uppercase()
                } else {
                    b.is_ascii_lowercase()
                }
            })
    };
    let [family, given] = ws else {
        return false;
    };
    family.text.len() <= 5
        && names::surname_rank(family.text).is_some()
        && given
            .text
            .split_once('-')
            .is_some_and(|(a, b)| a.len() >= 2 && syllable(a, true) && b.len() >= 2 && syllable(b, false))
}

/// Names from mainland China in Hanyu Pinyin write the family name first, one syllable, and
/// the given name as one word, usually of two syllables: "Li Keqiang", "Wang Xiaoming", "Zhou
/// Enlai". A one-syllable family name before a word that is exactly two is a person's name;
/// English words seldom spell two syllables of Pinyin ("Linda" does, and is a name too). The
/// family name is one the census lists, or else no word of the story's language: not a
/// function word of it or another ("En" opening a Spanish sentence, "Die" a German one) and
/// none the story writes in lower case ("Run" where the story writes "run"), as "Xu Zhiqiang"
/// and "Qi Zhiqiang" are.
fn pinyin_given_name(r: &Run<'_, '_>) -> bool {
    let [family, given] = r.ws else {
        return false;
    };
    let lower_after_capital = |w: &str| {
        w.len() >= 2 && w.as_bytes()[0].is_ascii_uppercase() && w.as_bytes()[1..].iter().all(u8::is_ascii_lowercase)
    };
    let no_word = || {
        !lexicon::is_stop_word(family.text)
            && !FOREIGN_FUNCTION_WORDS.contains_lowercase_of(family.text)
            && !r.story.uses_lowercase(family.text)
    };
    let family_name = || names::surname_rank(family.text).is_some() || no_word();
    if !lower_after_capital(family.text) || !lower_after_capital(given.text) || !family_name() {
        return false;
    }
    let family = family.text.to_ascii_lowercase();
    let given = given.text.to_ascii_lowercase();
    crate::pinyin::syllables(&family) == Some(1) && crate::pinyin::syllables(&given) == Some(2)
}

/// A run read as no one name may still hold acronyms that are organisations ("ACME and the
/// SPCA reports").
fn acronyms_inside<'a>(r: &Run<'a, '_>) -> Option<Verdict<'a>> {
    if r.ws.len() > 6 {
        return Some(Verdict::none());
    }
    let outs =
        r.ws.iter()
            .enumerate()
            .filter(|(_, w)| w.is_all_caps() && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .map(|(k, _)| Out::again(k..k + 1, r.weak))
            .collect();
    Some(Verdict::of(outs))
}
