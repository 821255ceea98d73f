//! Entities: the people, places and organisations a story mentions, with every mention anchored.
//!
//! The text is cut into runs of capitalised words ("chunks": `Russian President Ivan Petrov`,
//! `Bureau of Prisons`, `U.S. Embassy in Moscow`), and each chunk is taken apart by what news
//! writing reliably signals: titles before names (`Secretary of State Mia Lund` → Mia Lund,
//! role "Secretary of State"), organisation and place words (`… University`, `… Province`), the
//! gazetteer and the archive's own registry, and the words around the chunk (`coach X`,
//! `X hospital`, `in X`, `X, Idaho`, `X, an al-Qaeda-linked group`). Second references —
//! surnames (`Petrov`), honorifics (`Mr. Roe`), acronyms (`LDP`, `CFPB`) — resolve to the
//! entity first introduced.
//!
//! One pass over the words builds the chunks; classification looks only at a chunk and its
//! neighbours; resolution uses hash maps — so the work is linear in the article's length.

mod bodies;
mod chunk;
mod classify;
mod resolve;
mod rules;

use chunk::{chunks, span_words};
use classify::{Piece, Story, classify_chunk};
use resolve::resolve;

use std::ops::Range;

use crate::model::{Entity, EntityKind};

use crate::Registry;
use crate::fasthash::with_lowercase;
use crate::gazetteer;
use crate::lexicon::{self, Gender};
use crate::lists::{AUXILIARY_VERBS, REGION_QUALIFIERS};
use crate::text::{Word, is_all_caps};

/// A stretch of text to read for entities.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub block: usize,
    /// The whole block text (anchors are offsets into it).
    pub text: &'a str,
    pub range: Range<usize>,
    /// Ranges inside the block not to read (scare quotes, titles of works).
    pub skip: Vec<Range<usize>>,
    /// Read only organisations and places here (a boxed byline names its outlet, not a subject).
    pub no_people: bool,
    /// The words of the whole block ([`words`]), shared with the quote finder.
    pub words: &'a [Word<'a>],
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
    /// For each entity, the rule that found it first (`--explain`).
    pub rules: Vec<&'static str>,
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
        if noun.len() < 3 {
            return Vec::new();
        }
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .filter(|(_, e)| {
                e.roles.iter().any(|r| {
                    with_lowercase(r, |r| {
                        r.split(|c: char| !c.is_alphanumeric() && c != '-')
                            .any(|w| !w.is_empty() && w.starts_with(&noun))
                    })
                })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Classifies every chunk of the spans and resolves second references.
pub fn extract(spans: &[Span<'_>], registry: &Registry) -> Found {
    // About one piece for every fifteen words of running text: room for most stories at once.
    let words: usize = spans.iter().map(|s| s.words.len()).sum();
    let mut pieces: Vec<Piece<'_>> = Vec::with_capacity(words / 8);

    let story = Story::new(registry, spans);
    for span in spans {
        let ws = span_words(span);
        chunks(span, &ws, |chunk| classify_chunk(chunk, &story, &mut pieces));
        bodies::lower_case_bodies(span.block, span.text, &ws, &mut pieces);
    }
    classify::mark_lists(&mut pieces, |block| {
        let i = spans.partition_point(|s| s.block < block);
        spans.get(i).filter(|s| s.block == block).map(|s| s.text)
    });
    resolve(pieces, registry)
}

/// The place names in a headline (which is not a body block, so has no anchors).
pub fn headline_places(headline: &str) -> Vec<String> {
    // Headlines capitalise freely, so only gazetteer names count: windows of one to three
    // words, longest first.
    let natural = if is_all_caps(headline) {
        super::text::natural_case(headline)
    } else {
        headline.to_string()
    };
    let ws: Vec<&str> = natural
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '—' | '–' | '‘' | '’' | '“' | '”' | '"'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    // Every window is spelled out in this one buffer: a headline has dozens of them.
    let mut cand = String::new();
    let mut i = 0;
    while i < ws.len() {
        let mut step = 1;
        for n in (1..=3.min(ws.len() - i)).rev() {
            cand.clear();
            for (k, w) in ws[i..i + n].iter().enumerate() {
                if k > 0 {
                    cand.push(' ');
                }
                cand.push_str(w);
            }
            // A possessive is cut off by suffix: a string pattern would build a searcher for
            // every window.
            let mut kept = cand.trim_end_matches(['.', '!', '?']);
            while let Some(rest) = kept.strip_suffix("'s") {
                kept = rest;
            }
            let kept = kept.len();
            cand.truncate(kept);
            if cand.ends_with("U.S") {
                cand.push('.');
            }
            // "Eastern Michigan routs …" names a university, not the state.
            let compass = i > 0 && REGION_QUALIFIERS.contains(ws[i - 1]);
            let adjective = n == 1 && attributive_in_headline(&cand, ws.get(i + 1).copied());
            let fits = (n > 1 || !lexicon::is_stop_word(&cand)) && !compass && !adjective;
            if let Some(p) = gazetteer::place(&cand).filter(|_| fits) {
                if !out.iter().any(|o| o == p) {
                    out.push(p.to_string());
                }
                step = n;
                break;
            }
        }
        i += step;
    }
    out
}

/// The company a wire headline names before its ticker: "ACME WIDGET CORP <AWC> 1ST QTR NET"
/// (Reuters puts the exchange symbol in angle brackets after the name, and an earnings table
/// below it may never name the company again). In natural case.
pub fn headline_company(headline: &str) -> Option<String> {
    let (name, rest) = headline.split_once(" <")?;
    let (ticker, _) = rest.split_once('>')?;
    let symbol = !ticker.is_empty() && ticker.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    let name = name.trim();
    let words = name.split_whitespace().count();
    // "AGENCY PROBES 1986 ACME <AC> BID": a number says the headline's sentence runs on before
    // the company's name.
    let numbered = name.bytes().any(|b| b.is_ascii_digit());
    let fits = symbol && !numbered && (1..=8).contains(&words) && is_all_caps(name);
    fits.then(|| super::text::natural_case(name))
}

/// Whether a story's organisation may be the one a wire headline names: the headline
/// abbreviates ("ACME ILL" for "Acme Illinois Corp", "GOODWIN" for "J.B. Goodwin Co"), so a
/// distinctive word in common is enough.
pub fn may_be_same_organisation(a: &str, b: &str) -> bool {
    let words = |n: &'_ str| {
        n.split(|c: char| c.is_whitespace() || c == '/')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| w.len() > 1 && !crate::lists::COMPANY_SUFFIXES.contains(w))
            .collect::<Vec<_>>()
    };
    let wa = words(a);
    words(b).iter().any(|w| wa.contains(w))
}

/// "NEED FOR U.S. BILL", "UK Exports Rise": a country's abbreviation before a noun is an
/// adjective in a headline too; before a verb or a conjunction, or last, it names the country.
fn attributive_in_headline(word: &str, next: Option<&str>) -> bool {
    let abbreviation = word.len() <= 5 && is_all_caps(word);
    abbreviation
        && next.is_some_and(|n| {
            with_lowercase(n, |n| {
                !matches!(n, "and" | "or" | "to" | "in") && !AUXILIARY_VERBS.contains(n) && !lexicon::is_speech_verb(n)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::chunk::capitalized;
    use super::classify::org_like;
    use super::resolve::{Builder, lowercase, org_key, short_name};
    use super::*;
    use crate::text::words;

    fn run(text: &str) -> Found {
        let words = words(text);
        let spans = [Span {
            block: 0,
            text,
            range: 0..text.len(),
            skip: vec![],
            no_people: false,
            words: &words,
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

    /// A text, then names that must and must not be found in it, by kind.
    type Row = (
        &'static str,
        &'static [(EntityKind, &'static str)],
        &'static [(EntityKind, &'static str)],
    );

    const O: EntityKind = EntityKind::Organization;
    const P: EntityKind = EntityKind::Person;
    const L: EntityKind = EntityKind::Place;

    /// One row per convention, with invented examples.
    const CONVENTIONS: &[Row] = &[
        // A capitalised plural after "the" or before a role is a team; a family is not.
        (
            "The Zephyrs beat the Quokkas, Zephyrs coach Jane Roe said. The Roes were there.",
            &[(O, "Zephyrs"), (O, "Quokkas")],
            &[(O, "Roes")],
        ),
        // Wire copy names ministries and central banks in lower case.
        (
            "The finance ministry and the Ruritanian central bank agreed, said the central bank.",
            &[(O, "finance ministry"), (O, "Ruritanian central bank")],
            &[(O, "central bank")],
        ),
        // A regional agency is named in lower case after its province or city; without the
        // place, such a body names no one agency.
        (
            "The Inner Mongolia health commission reported a case. The health department said \
             little.",
            &[(O, "Inner Mongolia health commission"), (L, "Inner Mongolia")],
            &[(O, "health department")],
        ),
        // Outlets, desks, handles and copyright lines are not people.
        (
            "Jane Roe told @DanaVole about #SpringfieldStrong. By Springfield Courier Staff. © 2019 Zentrix Media",
            &[(P, "Jane Roe"), (O, "Springfield Courier"), (O, "Zentrix Media")],
            &[
                (P, "Springfield Courier Staff"),
                (O, "DanaVole"),
                (O, "SpringfieldStrong"),
            ],
        ),
        // A listed company is known by its short name, with no suffix or cue around it
        // ("Mirion" for "Mirion Technologies"); a nationality that opens a company's name
        // ("American" in an airline's) is not one.
        (
            "The fund sold its stakes in Sonova and Mirion last year. American shoppers kept buying.",
            &[(O, "Sonova"), (O, "Mirion")],
            &[(O, "American"), (P, "Sonova"), (P, "Mirion")],
        ),
        // A brand shown to be a product anywhere (a model number, the kind of thing after it)
        // is a product everywhere; a broadcaster's call letters after "told" are its name.
        (
            "The ZenoPad 2 sold out. Fans of the ZenoPad lined up, Jane Roe told WZXR on Monday.",
            &[(O, "WZXR"), (P, "Jane Roe")],
            &[(O, "ZenoPad")],
        ),
        // Market indices and ticker symbols are no organisations; the company before a ticker is.
        (
            "The S&P 500 and the Dow Jones industrial average fell, as did the Nasdaq Composite. \
             Zentrix Corp <ZTX> said it would sell shares on the Nasdaq.",
            &[(O, "Zentrix Corp"), (O, "Nasdaq")],
            &[(O, "S&P"), (O, "Dow Jones"), (O, "Nasdaq Composite"), (O, "ZTX")],
        ),
        // A lone word with what only an organisation has, after an organisation noun, or as
        // the source of a report no one in the story explains.
        (
            "Investors sold shares of Zentrix. The retailer Brightwell cut prices, according to Varnosk. Quillmark's board met.",
            &[(O, "Zentrix"), (O, "Brightwell"), (O, "Varnosk"), (O, "Quillmark")],
            &[],
        ),
        // Parts of a coordination named alone elsewhere are two; a lone word beside an
        // organisation is another.
        (
            "Zentrix and Bolt Media merged. Zentrix said so.",
            &[(O, "Zentrix"), (O, "Bolt Media")],
            &[(O, "Zentrix and Bolt Media")],
        ),
        // A department named for several portfolios lists them with commas and "and"; a
        // list of places after a ministry is no part of its name.
        (
            "The Ministry of Science, Technology and Innovation agreed. \
             The Department of Health, Education, and Welfare objected. \
             The Ministry of Defence, Ruritania and Zembla signed.",
            &[
                (O, "Ministry of Science, Technology and Innovation"),
                (O, "Department of Health, Education, and Welfare"),
                (O, "Ministry of Defence"),
            ],
            &[(O, "Technology"), (O, "Innovation"), (O, "Welfare")],
        ),
        // An outlet is named as where a report appeared, or as speaking in its own editorial
        // or commentary voice.
        (
            "The plan was dropped, according to a report in the Harbor Ledger. \
             The talks failed, the Dunmore Courant said in a commentary on Monday. \
             The plan was sound, the Morning Quill wrote in an editorial.",
            &[(O, "Harbor Ledger"), (O, "Dunmore Courant"), (O, "Morning Quill")],
            &[(P, "Harbor Ledger"), (P, "Dunmore Courant")],
        ),
        // A masthead word ends a paper's or a site's name wherever it is cited, with a given
        // name in front of it or not.
        (
            "A spokeswoman told the Tavish Weekly that talks had stalled. Shares fell, Dana \
             Insider reported. The Corven Enquirer and the Mardale Gleaner ran the story.",
            &[
                (O, "Tavish Weekly"),
                (O, "Dana Insider"),
                (O, "Corven Enquirer"),
                (O, "Mardale Gleaner"),
            ],
            &[(P, "Tavish Weekly"), (P, "Dana Insider")],
        ),
        // An appositive set off by commas after a kind of organisation names it; after an
        // institution a person is named, and a compound adjective describes the name after it.
        (
            "She left her record label, Quillmark Sound, in 2006. The company, Zentrix Tone, \
             says she may play. Its embassy, Wen Lo, who spoke, agreed. Springfield-based Varnel \
             Media, a chain of papers, lost money. The Harlow-owned Pelco chain closed.",
            &[
                (O, "Quillmark Sound"),
                (O, "Zentrix Tone"),
                (P, "Wen Lo"),
                (O, "Varnel Media"),
                (L, "Springfield"),
                (O, "Pelco"),
            ],
            &[
                (P, "Zentrix Tone"),
                (O, "Wen Lo"),
                (O, "Springfield-based Varnel Media"),
                (O, "Harlow-owned Pelco"),
            ],
        ),
        // An aggregator names its source in spaced brackets at the end of the linked headline.
        (
            "Why the ferry is late again [ Quillmark Review ]",
            &[(O, "Quillmark Review")],
            &[(P, "Quillmark Review")],
        ),
        // Writers are named with the site they write for.
        (
            "As Jane Roe at Frugal Corners explains, buying less helps. Dan Poe at Quiet Kettle \
             Notes agrees.",
            &[
                (P, "Jane Roe"),
                (O, "Frugal Corners"),
                (P, "Dan Poe"),
                (O, "Quiet Kettle Notes"),
            ],
            &[(P, "Frugal Corners"), (P, "Quiet Kettle Notes")],
        ),
        // A web page's calls to action open a sentence with a verb, not with a name.
        (
            "Visit Quillmark Times for more stories. Follow Zentrix News on social media.",
            &[(O, "Quillmark Times"), (O, "Zentrix News")],
            &[(O, "Visit Quillmark Times"), (O, "Follow Zentrix News")],
        ),
        // A word that names an activity ("Protection", "Commission") ends no person's name,
        // even after a word the surname lists hold.
        (
            "Border Protection said the crossing was closed. Field Administration agreed.",
            &[],
            &[(P, "Border Protection"), (P, "Field Administration")],
        ),
        // A source named with its city after "of" is the outlet and the place; a body whose
        // name holds the "of" stays whole.
        (
            "The vote passed, according to the Lantern Ledger of Boston. It failed, according \
             to the Bank of Ruritania and the Federal Savings Bank of Boston.",
            &[
                (O, "Lantern Ledger"),
                (L, "Boston"),
                (O, "Federal Savings Bank of Boston"),
            ],
            &[(O, "Lantern Ledger of Boston"), (O, "Federal Savings Bank")],
        ),
        // A newspaper named for its city may end in a word that elsewhere is a job or a
        // given name; a name after the run makes it a person's.
        (
            "The plan was first described by the Springfield Star on Monday. It was denied \
             in the Riverside Pilot. Later, the Springfield Pilot Jane Roe landed. \
             Both the Dunmore Courier and the Riverside Star ran it.",
            &[(O, "Springfield Star"), (O, "Riverside Pilot"), (O, "Riverside Star")],
            &[(O, "Springfield Pilot Jane Roe"), (O, "Springfield Pilot")],
        ),
        // A person is listed under the fullest form given: with the middle initial the body
        // gives, though a caption named them first without it.
        (
            "Marcus Pelling leaves court. Officers arrested Marcus D. Pelling, 33, on Monday. \
             Pelling was held.",
            &[(P, "Marcus D. Pelling")],
            &[(P, "Marcus Pelling")],
        ),
        (
            "The Securities and Exchange Commission agreed.",
            &[(O, "Securities and Exchange Commission")],
            &[],
        ),
        // A company named again without its suffixes is the same one.
        (
            "Zentrix Micro Systems Inc said it grew. Zentrix Micro said profits rose.",
            &[(O, "Zentrix Micro Systems Inc")],
            &[(P, "Zentrix Micro"), (O, "Zentrix Micro")],
        ),
        // Mid-sentence, a capitalised adjective opens an organisation's name.
        (
            "He ran the New Horizon Holdings Group for years.",
            &[(O, "New Horizon Holdings Group")],
            &[(O, "Horizon Holdings Group")],
        ),
        // An ampersand joins one firm's name; a menu heading of common words is none.
        (
            "Shares of Bangstrom & Roe rose. See Home & Garden for more about the garden and home.",
            &[(O, "Bangstrom & Roe")],
            &[(O, "Home & Garden")],
        ),
        // Two whole organisations coordinated are two.
        (
            "The Progressive Party and Trade Ministry disagreed.",
            &[(O, "Progressive Party"), (O, "Trade Ministry")],
            &[(O, "Progressive Party and Trade Ministry")],
        ),
        // An organisation named for its place: a team, a newspaper; not a person from there.
        (
            "The Denver Isotopes beat the Seattle Comets, the Denver Courier reported. Denver Man Wins.",
            &[(O, "Denver Isotopes"), (O, "Seattle Comets"), (O, "Denver Courier")],
            &[(O, "Denver Man"), (P, "Denver Courier")],
        ),
        (
            "Florence Roe, 41, moved on.",
            &[(P, "Florence Roe")],
            &[(O, "Florence Roe")],
        ),
        // A known organisation opening a run is a brand before its product.
        (
            "The Samsung Tab Zeta is out. Tab Zeta owners cheered.",
            &[(O, "Samsung")],
            &[(P, "Samsung Tab Zeta"), (P, "Tab Zeta")],
        ),
        // Model numbers and brand words with an inner capital mark products.
        (
            "The 2019 Vanta Pro and the PhoneMax Pro ship. The Pro sells well.",
            &[],
            &[(P, "Vanta Pro"), (P, "PhoneMax Pro")],
        ),
        // A run shaped like a name needs evidence it is a person's.
        (
            "The new Magic Keyboard has a Touch Strip, and the keyboard is quiet.",
            &[],
            &[(P, "Magic Keyboard"), (P, "Touch Strip")],
        ),
        ("Jane Roe arrived on Monday.", &[(P, "Jane Roe")], &[]),
        // Commonwealth parliaments style members "Hon." and "Rt. Hon." before the name.
        (
            "Former Speaker Rt. Hon. B. U. Nzekwe and Hon. Funmi Adeyoola moved the motion.",
            &[(P, "B. U. Nzekwe"), (P, "Funmi Adeyoola")],
            &[(P, "Rt")],
        ),
        // A list goes on past a name written with its possessive, and one of two names that
        // says more follow is one; a rare given name listed beside companies is a brand.
        (
            "Rivals include Acme Corp, Roe’s, Zentrix, and Marlo. It works like Quillmark Inc \
             or Pandora. Clients include NBC, Foxley and others. Oddly, Varnel rose.",
            &[(O, "Zentrix"), (O, "Marlo"), (O, "Pandora"), (O, "Foxley")],
            &[(P, "Pandora"), (O, "Varnel")],
        ),
        // Romance languages put the kind of an event, prize or law before its name.
        (
            "Levou a taça da Copa Valderrama de 2012. Recebeu o Prêmio Santos Silva. Voou com \
             Copa Airlines.",
            &[(O, "Copa Airlines")],
            &[(P, "Copa Valderrama"), (P, "Prêmio Santos Silva"), (P, "Santos Silva")],
        ),
        // Sports copy writes a player's position before the name, in lower case mid-sentence
        // and capitalised opening one; the name need be in no list.
        (
            "The club signed keeper Kepo Arrazundia. Cornerback T.J. Vannick was fined.",
            &[(P, "Kepo Arrazundia"), (P, "T.J. Vannick")],
            &[(P, "Cornerback T.J. Vannick")],
        ),
        ("Ngozi Adebayo, 41, runs the shop.", &[(P, "Ngozi Adebayo")], &[]),
        (
            "The shop belongs to Ngozi Adebayo. Adebayo said it was busy.",
            &[(P, "Ngozi Adebayo")],
            &[],
        ),
        // What someone founds, or joins in a post, is an organisation; so is what recalls
        // cars or has an app.
        (
            "Jane Roe co-founded Quibbly in 2015 and joined Zentrix as chief engineer in 2019.",
            &[(P, "Jane Roe"), (O, "Quibbly"), (O, "Zentrix")],
            &[],
        ),
        (
            "Analysts expect more. Zentrix employs 300 people, and Quibbly's app is popular.",
            &[(O, "Zentrix"), (O, "Quibbly")],
            &[],
        ),
        // A capital inside a word marks a brand: the company's in the singular, a product's in
        // the plural, and never a team's.
        (
            "Zentrix said on Monday that its SoundBuds sold out. Shoppers found the SoundBuds gone.",
            &[],
            &[(O, "SoundBuds")],
        ),
        ("Analysts said ZenWork lost money again.", &[(O, "ZenWork")], &[]),
        // American offices are named after the officer who heads them; the possessive stays in
        // the name, and a title's possession is no person.
        (
            "Deputies from the Lakeland County Sheriff's Office and the Public Defender's Office came.",
            &[(O, "Lakeland County Sheriff's Office"), (O, "Public Defender's Office")],
            &[(O, "Office")],
        ),
        ("The Governor's Mansion was lit.", &[], &[(P, "Mansion")]),
        ("Jane Roe's Springfield office closed.", &[(P, "Jane Roe")], &[]),
        // A given name or surname of another country's lists confirms a name of two words, or
        // one that ends in a listed surname; never a title-case phrase.
        (
            "The match ended as Giulio Zanotti put it away late.",
            &[(P, "Giulio Zanotti")],
            &[],
        ),
        (
            "The match ended as Zbyszko Lindqvist put it away late.",
            &[(P, "Zbyszko Lindqvist")],
            &[],
        ),
        (
            "The club picked Radek Q. Zanotti to start.",
            &[(P, "Radek Q. Zanotti")],
            &[],
        ),
        (
            "Fans sang Giulio Rides Again Tonight all evening.",
            &[],
            &[(P, "Giulio Rides Again Tonight"), (P, "Giulio Rides")],
        ),
        (
            "Tiago Varela told reporters the deal was done.",
            &[(P, "Tiago Varela")],
            &[],
        ),
        // A brand's product line repeats its last word; that is no surname reference.
        (
            "Buy the Zeno PhonePro today. The PhonePro ships in May.",
            &[],
            &[(P, "Zeno PhonePro")],
        ),
        // Wire copy writes company suffixes without a period.
        (
            "Acme Widget Corp said it would buy Brightwater Inc for cash.",
            &[(O, "Acme Widget Corp"), (O, "Brightwater Inc")],
            &[(P, "Acme Widget Corp")],
        ),
        // US and British registered names set the legal form off with a comma; the comma is
        // part of the name, and a later mention without the form is the same company.
        (
            "Orders went to Zentrix Micro Systems, Inc. and Quillmark Holdings, LLC. Later Zentrix Micro Systems said it was pleased.",
            &[(O, "Zentrix Micro Systems, Inc."), (O, "Quillmark Holdings, LLC")],
            &[(O, "Inc."), (O, "LLC"), (O, "Zentrix Micro Systems")],
        ),
        // The "and" before a list's last item parts two bodies' names; one word and a legal
        // form after it is one company's name.
        (
            "The agency picked Acme Corp., Vole Robotics and Plimsy Space Systems, Inc. for the work. The fund hired Acme Corp, Marlo Trust and Banking Co Ltd and others.",
            &[
                (O, "Vole Robotics"),
                (O, "Plimsy Space Systems, Inc."),
                (O, "Marlo Trust and Banking Co Ltd"),
            ],
            &[(O, "Vole Robotics and Plimsy Space Systems, Inc.")],
        ),
        // A post written out in title case before the company it is held in is no part of the
        // company's name.
        (
            "Al Hale, Senior Vice President of Sales for Plimsy, Inc., said the plant would open.",
            &[(P, "Al Hale"), (O, "Plimsy, Inc.")],
            &[
                (O, "Senior Vice President of Sales for Plimsy, Inc."),
                (O, "Sales for Plimsy, Inc."),
            ],
        ),
        // Unknown acronyms are organisations only when they act as one.
        (
            "The monitor has two HDMI ports and LED lights.",
            &[],
            &[(O, "HDMI"), (O, "LED")],
        ),
        (
            "SLPA officials said the port would reopen. The SLPA has agreed.",
            &[(O, "SLPA")],
            &[],
        ),
        // A person and the organisation they speak for, written as one run.
        (
            "Jane Roe of the Springfield Courier wrote it.",
            &[(P, "Jane Roe"), (O, "Springfield Courier")],
            &[(O, "Jane Roe of the Springfield Courier")],
        ),
        // A country's abbreviation before a noun is an adjective.
        (
            "U.S. officials met in Geneva.",
            &[(L, "Geneva")],
            &[(L, "United States")],
        ),
        ("Exports to the U.S. fell.", &[(L, "United States")], &[]),
        // After "the" it names the country unless a noun follows; so does a coordination.
        ("The envoy visited the US last year.", &[(L, "United States")], &[]),
        (
            "The envoy blamed the UK and the US for the delay.",
            &[(L, "UK"), (L, "United States")],
            &[],
        ),
        (
            "Stocks in the US and the UK fell.",
            &[(L, "United States"), (L, "UK")],
            &[],
        ),
        ("The UK economy grew.", &[], &[(L, "UK")]),
        // A possessive owns the organisation noun after it; it does not name it.
        (
            "Jane Roe's team lost. Dana Vole's company grew.",
            &[(P, "Jane Roe"), (P, "Dana Vole")],
            &[(O, "Jane Roe"), (O, "Dana Vole")],
        ),
        // An appositive naming a person's place in a group describes a person.
        (
            "Dr. Jane Roe, a member of the group, spoke.",
            &[(P, "Jane Roe")],
            &[(O, "Dr. Jane Roe")],
        ),
        // An inverted attribution's verb opening a sentence is no given name; a given name
        // spelled like a verb stays one.
        (
            "Kim Lee spoke first. Said Lee: “We will open it in May.”",
            &[(P, "Kim Lee")],
            &[(P, "Said Lee")],
        ),
        (
            "Said Karimi, the envoy, said the talks would go on.",
            &[(P, "Said Karimi")],
            &[],
        ),
        // A body named for what it works to do goes on with "to".
        (
            "The Ruritanian Society for the Return of Land to Farmers opened a shelter.",
            &[(O, "Ruritanian Society for the Return of Land to Farmers")],
            &[(O, "Ruritanian Society for the Return of Land")],
        ),
        (
            "The Committee to Protect Reporters wrote to Springfield Hospital.",
            &[(O, "Committee to Protect Reporters"), (O, "Springfield Hospital")],
            &[],
        ),
        // A sentence's adjective of rank is no part of the body after it; a title stays one.
        (
            "Top Acme Corp executives met. Senior Labour Party figures spoke.",
            &[(O, "Acme Corp"), (O, "Labour Party")],
            &[(O, "Top Acme Corp"), (O, "Senior Labour Party")],
        ),
        ("Major Jane Roe led the parade.", &[(P, "Jane Roe")], &[]),
        // A person known by a given name alone, who speaks; a word the story also writes in
        // lower case is no name.
        (
            "The bakery opened at dawn. Later Nina said the trick was patience.",
            &[(P, "Nina")],
            &[],
        ),
        ("The rain will stop. Later Will said nothing.", &[], &[(P, "Will")]),
        // A city and a compass point name a district, not a person.
        (
            "Voters in Tokyo West chose.",
            &[(L, "Tokyo West")],
            &[(P, "Tokyo West")],
        ),
        // An abbreviated country inside a title is an adjective.
        (
            "U.S. Attorney Jane Roe spoke.",
            &[(P, "Jane Roe")],
            &[(L, "United States")],
        ),
        // Product lines: a model word after an article or a number, or a brand word alone,
        // confirms no person.
        (
            "Buy the Zeno Tab Pro. The Pro is fast, and every Zeno case fits. Get 5 Tips.",
            &[],
            &[(P, "Zeno Tab Pro"), (P, "Tab Pro")],
        ),
        // Words listed beside known organisations are organisations.
        (
            "Clients include Google, Zentrix and Quillmark.",
            &[(O, "Zentrix"), (O, "Quillmark")],
            &[],
        ),
        ("Oddly, Google never said.", &[], &[(O, "Oddly")]),
        // A lone word that speaks and is no one named is an organisation.
        (
            "The car is new. That, Zentrix says, is the point.",
            &[(O, "Zentrix")],
            &[],
        ),
        // Pages in other languages: function words open no names; head nouns open
        // organisations; countries as those pages write them.
        (
            "Los precios de la Universidad de Springfield subieron en Alemania, según el Partido de los Trabajadores.",
            &[
                (O, "Universidad de Springfield"),
                (O, "Partido de los Trabajadores"),
                (L, "Alemania"),
            ],
            &[(P, "Los")],
        ),
        // The story after a dateline opens a sentence.
        (
            "The Springfield Grain Exchange said so.",
            &[(O, "Springfield Grain Exchange")],
            &[],
        ),
        // Titles of works and products and the page's furniture open with words that open no
        // one's name; a role before the run still makes it a person.
        (
            "Buy the True Widget and the Final Showdown edition. Get Acme Pro. Hey Springfield! \
             The newly-minted Brightwell-friendly Western aired, said coach Dark Vole.",
            &[(P, "Dark Vole")],
            &[
                (P, "True Widget"),
                (P, "Final Showdown"),
                (P, "Get Acme Pro"),
                (P, "Hey Springfield"),
                (P, "Brightwell-friendly Western"),
            ],
        ),
        // German capitalises every noun: a run needs a given name to be a person there.
        (
            "Die Patientenakte ist für die Klinik und für den Patienten wichtig, sagt Jana Vogt. Der \
             Patient wird mit der Akte und mit der App arbeiten, die Klinik auch. Die Technische \
             Verwaltung ist nicht dabei, und die Daten sind sicher. Die Ärztin Mara Lenz sagt, der \
             Arzt Jonas Held arbeite mit der Akte.",
            &[(P, "Jana Vogt"), (P, "Mara Lenz"), (P, "Jonas Held")],
            &[
                (P, "Der Patient"),
                (P, "Die Technische Verwaltung"),
                (P, "Technische Verwaltung"),
                (P, "Die Ärztin Mara Lenz"),
            ],
        ),
        // Headlines' townsmen, events with two event words, and titles opening with a
        // participle the story writes in lower case name no one.
        (
            "Springfield Man Wins Big. The Roe Cup Final began. She writes at Becoming Thrifty, \
             becoming a reader favourite, said Jane Roe.",
            &[(P, "Jane Roe")],
            &[(P, "Springfield Man"), (P, "Roe Cup Final"), (P, "Becoming Thrifty")],
        ),
        // A town before its state's abbreviation is a place, the gazetteer's or not, with
        // or without the abbreviation's period (wire copy drops it).
        (
            "A rally in Zanesvale, La., drew crowds. Dana Vole of Marbleton, Ill was elected.",
            &[(L, "Zanesvale"), (L, "Marbleton"), (P, "Dana Vole")],
            &[],
        ),
        // A street is an address inside a town, not a place.
        (
            "Police searched homes on Maple Street and W. County Road near Springfield, Ohio.",
            &[(L, "Springfield")],
            &[(L, "Maple Street"), (L, "W. County Road")],
        ),
        // A surname that is also the last word of a street's or a place's name is a person's
        // with a middle initial, a job, a speech verb or an appositive beside it; bare, or
        // after a preposition of place, it is still a street or a place.
        (
            "Acme chairman Robert A. Lane said the plant would close. Jo Lane, a lawyer for the family, said little. They met on Elizabeth Lane.",
            &[(P, "Robert A. Lane"), (P, "Jo Lane")],
            &[(P, "Elizabeth Lane"), (L, "Elizabeth Lane")],
        ),
        (
            "Mia Park said the vote was close. The rally in Albert Park drew crowds, organisers said.",
            &[(P, "Mia Park"), (L, "Albert Park")],
            &[(O, "Mia Park"), (L, "Mia Park")],
        ),
        // A town that ends a name introduced as a person's is the surname.
        (
            "The guests of the media mogul, Dayo Lagos, arrived. Jane Lagos said she would stay.",
            &[(P, "Dayo Lagos"), (P, "Jane Lagos")],
            &[(L, "Lagos")],
        ),
        // A given name, however rare, opens a person's name, not a place's.
        (
            "By Romelia Roe, MS, RDN. Acme took a stake in Kimber Roe's company.",
            &[],
            &[(L, "Romelia Roe"), (L, "Kimber Roe")],
        ),
        // An abbreviation with a plural "s" counts things; a brand word after its maker, before
        // a model number or before a product noun names a product.
        (
            "The board uses FPGAs and DACs. Buy the Quillmark SmartDial 2 or a ZenoSync charger.",
            &[],
            &[(O, "FPGAs"), (O, "DACs"), (O, "SmartDial"), (O, "ZenoSync")],
        ),
        // The source of a report or the employer of someone named by job, when no person's
        // name: an outlet keeps its "The"; a given name or a title makes a person.
        (
            "The mayor told The Quillmark Review on Monday, an analyst at Varnosk Quorra said, and Dana Vole told Jane Roe.",
            &[(O, "The Quillmark Review"), (O, "Varnosk Quorra"), (P, "Jane Roe")],
            &[(O, "Jane Roe")],
        ),
        // No one works at a person: an employer's name may end in a surname ("Vale"), unless
        // the story names someone by it.
        (
            "Jo Roe, an analyst at Dorrance Vale, said the deal was done. Economists at Plimsy Hale agreed.",
            &[(O, "Dorrance Vale"), (O, "Plimsy Hale"), (P, "Jo Roe")],
            &[(P, "Dorrance Vale"), (P, "Plimsy Hale")],
        ),
        (
            "Officials said so, according to Brightwell Daily.",
            &[(O, "Brightwell Daily")],
            &[(P, "Brightwell Daily")],
        ),
        // The newsroom asking for comment names itself in the possessive; a reporter asking is
        // named by a given name or a surname the story gives. A publisher's disclaimer names it.
        (
            "The union did not respond to The Harbor Lantern's request for comment. Jane Roe said so, and the mayor did not answer Roe's inquiries. The views do not necessarily reflect those of Varnosk Review.",
            &[(O, "The Harbor Lantern"), (P, "Jane Roe"), (O, "Varnosk Review")],
            &[(P, "Harbor Lantern"), (O, "Roe")],
        ),
        // A given name with its marks, two given names joined, a surname's particles and a
        // month that is a given name all leave a person's name a person's, in a list with no
        // speech verb.
        (
            "The mayor met Seán Vann, Pierre-Henri de la Roe and Ludwig von Quillmark on Monday. Jan Roe, 45, came too.",
            &[
                (P, "Seán Vann"),
                (P, "Pierre-Henri de la Roe"),
                (P, "Ludwig von Quillmark"),
                (P, "Jan Roe"),
            ],
            &[],
        ),
        // A name set off by commas after the words that describe it, before a speech verb,
        // is the speaker's, though no list knows its words.
        (
            "The head of the council, Quor Varnosk, said on Monday that the talks would go on.",
            &[(P, "Quor Varnosk")],
            &[],
        ),
        // Spanish, Portuguese and French pages cite a source and introduce a company as
        // English ones do, and end a company's name in their own legal forms.
        (
            "El acuerdo se firmó, según el diario La Voz de Quillmark. A empresa Varnosk Ltda. foi vendida, segundo a Folha de Zorvan. Según Juan de la Vega, no.",
            &[
                (O, "La Voz de Quillmark"),
                (O, "Varnosk Ltda"),
                (O, "Folha de Zorvan"),
                (P, "Juan de la Vega"),
            ],
            &[(P, "Folha de Zorvan")],
        ),
        // A product is counted ("a ZenoBook"); a company counts what it employs or owns.
        (
            "She bought a ZenoBook with a case. A PayZen spokesman said so, and a SoftZen unit agreed.",
            &[(O, "PayZen"), (O, "SoftZen")],
            &[(O, "ZenoBook")],
        ),
        // What only a company has, before "of" and one unknown word; a company named before
        // its exchange and ticker.
        (
            "Shares of Zentrix rose. Quillmark (NASDAQ: QLMK) fell and Shares of ZNTX slid. Investors in Morvane sued; its headquarters in Springfield closed.",
            &[(O, "Zentrix"), (O, "Quillmark"), (O, "Morvane"), (L, "Springfield")],
            &[(O, "ZNTX"), (L, "Quillmark"), (L, "Morvane")],
        ),
        // A mountain range is a place, named with "Range" as with "Mountains".
        (
            "Snow fell on the Varnosk Range and the Zorvan Mountains.",
            &[(L, "Varnosk Range"), (L, "Zorvan Mountains")],
            &[(P, "Varnosk Range")],
        ),
        // A hall of fame is a body, where another name ending in "Fame" is none; a kind of
        // outlet after one word names it, unless the word is a place.
        (
            "He joined the Springfield Rock and Roll Hall of Fame. Stars on the Millbrook Walk of Fame shone. It ran in Quillmark magazine and a Shelbyville newspaper.",
            &[(O, "Springfield Rock and Roll Hall of Fame"), (O, "Quillmark")],
            &[(O, "Millbrook Walk of Fame"), (L, "Quillmark")],
        ),
        // One word before what a user keeps on a social network names the network; a
        // surname or a place there does not.
        (
            "She wrote in a Zumblr post that it was over. He deleted his Chirpr account. Jane Roe agreed. In a Roe post and a Springfield account, more.",
            &[(O, "Zumblr"), (O, "Chirpr"), (P, "Jane Roe")],
            &[(O, "Roe"), (O, "Springfield")],
        ),
        // A town whose name holds its article, written in lower case inside a sentence.
        (
            "The court moved to the Hague, and he lives in the Bronx.",
            &[(L, "The Hague"), (L, "The Bronx")],
            &[(L, "Hague"), (L, "Bronx")],
        ),
        // A district named for what it provides is a body; one named for its place a place.
        (
            "The Shelby Water District raised rates, and Zorvan Unified School District closed. Floods hit the Wan Zorvan District.",
            &[
                (O, "Shelby Water District"),
                (O, "Zorvan Unified School District"),
                (L, "Wan Zorvan District"),
            ],
            &[(P, "Shelby Water District")],
        ),
        // An "and" in a body's complement joins its fields, unless a second body of the same
        // kind follows it.
        (
            "The University of Zorvan and Shelby State University met, as did the Office of Health and Human Services.",
            &[
                (O, "University of Zorvan"),
                (O, "Shelby State University"),
                (O, "Office of Health and Human Services"),
            ],
            &[
                (O, "University of Zorvan and Shelby State University"),
                (O, "Human Services"),
            ],
        ),
        // A hyphenated adjective opening a sentence describes the name after it.
        (
            "Third-seeded Ann Lee beat Mia Sol. Award-winning Rita Mane spoke.",
            &[(P, "Ann Lee"), (P, "Rita Mane")],
            &[(P, "Third-seeded Ann Lee")],
        ),
        // What business copy says of a company: "which" and what it does, its shares, those
        // who work at it. A place takes "which" too; a person shares a story.
        (
            "Zentrix, which makes batteries, grew. Zentel shares fell. Analysts at Plomo agreed, and Dana Vole worked at Strato. Springfield, which owns the pier, spoke. Vole shares her story.",
            &[
                (O, "Zentrix"),
                (O, "Zentel"),
                (O, "Plomo"),
                (O, "Strato"),
                (P, "Dana Vole"),
            ],
            &[(O, "Springfield"), (O, "Vole")],
        ),
        // A one-word name in the possessive before a person's name is the person's club or
        // company; a capitalised body noun in the possessive ends a name of its own, and the
        // person after it is still a person.
        (
            "Zentrix's Tom Reed scored twice. Plimsy Bank's Mia Sol agreed.",
            &[(O, "Zentrix"), (O, "Plimsy Bank"), (P, "Tom Reed"), (P, "Mia Sol")],
            &[(O, "Mia Sol")],
        ),
        // Web copy's short form of a city and the continents named together are places.
        (
            "She moved to NYC, and sales across the Americas grew.",
            &[(L, "NYC"), (L, "Americas")],
            &[],
        ),
        // A word for a part of a town before its name places the town.
        (
            "The council met on Monday. Rains fell in downtown Shelbyville and across rural Springfield.",
            &[(L, "Shelbyville"), (L, "Springfield")],
            &[],
        ),
        // A preposition of place opening the sentence, capitalised, still places the town
        // after it, though the town's name is also a surname.
        (
            "The council met on Monday. In Springfield, the vote was close.",
            &[(L, "Springfield")],
            &[],
        ),
        // "and the" after an advocacy group's name opens another body's; "and" alone may
        // stay inside the name.
        (
            "She works for Doctors Without Walls and the Marrowmere Circle. Parents for Peace and Justice met.",
            &[(O, "Doctors Without Walls"), (O, "Parents for Peace and Justice")],
            &[(O, "Doctors Without Walls and the Marrowmere Circle")],
        ),
        // A conjunction opening the clause before a word that speaks is no role noun: the word
        // is still a company when it is no one's name.
        (
            "Shares fell after Quillmark said it would cut jobs, because Plimsy said so.",
            &[(O, "Quillmark"), (O, "Plimsy")],
            &[],
        ),
        // What a company makes, after "of" in the appositive to a one-word name, says it is
        // one; a person who makes things is still a person.
        (
            "Zentrix, a Springfield-based maker of batteries, grew. Ann Lee, a maker of quilts, spoke.",
            &[(O, "Zentrix"), (P, "Ann Lee")],
            &[(O, "Ann Lee")],
        ),
        // A union's branch is named "Local" and its number.
        (
            "The union, Local 1199, struck. Zentrix Workers Local 42 joined.",
            &[(O, "Local 1199"), (O, "Zentrix Workers Local 42")],
            &[],
        ),
        // The shop that sells a thing at a price, before or after it; a town is no shop.
        (
            "The lamp is $20 at Plimsy, and on sale from Quibbit for $25. It is $30 at Springfield.",
            &[(O, "Plimsy"), (O, "Quibbit")],
            &[(O, "Springfield")],
        ),
        // What befalls a workforce names its employer after "at"; a town is still a place.
        (
            "The plan brings layoffs at Quibbit and a strike at Plimsy. A walkout at Springfield ended.",
            &[(O, "Quibbit"), (O, "Plimsy")],
            &[(O, "Springfield")],
        ),
        // "Greater", "Upper" and "Lower" before a known place name an area of it; a compass
        // word before a town with nothing after it names no place.
        (
            "Greater Springfield and Lower Shelbyville flooded. Eastern Springfield won the game.",
            &[(L, "Greater Springfield"), (L, "Lower Shelbyville")],
            &[(L, "Eastern Springfield"), (L, "Springfield")],
        ),
        // A body named first with its country is named again without it; two so named
        // leave the short name alone.
        (
            "The Canadian Widget Board met. The Widget Board said so. The U.S. Kettle Agency and the Kettle Agency agreed. The French and Dutch Grain Office spoke, as did the Grain Office.",
            &[
                (O, "Canadian Widget Board"),
                (O, "U.S. Kettle Agency"),
                (O, "Grain Office"),
            ],
            &[(O, "Widget Board"), (O, "Kettle Agency")],
        ),
        // What reports and is no one named is an outlet, in the present as in the past.
        (
            "A guard was hurt, Kovo reported on Monday. Zentel reports the man was caught.",
            &[(O, "Kovo"), (O, "Zentel")],
            &[(P, "Zentel")],
        ),
        // A town's newspaper named with a word that is also a post; a post after a town or
        // a country, or after a portfolio, is held there.
        (
            "It cost $9,000, according to the Springfield Morning Leader. Shelbyville Mayor Jane Roe and UK Home Secretary Dan Poe spoke.",
            &[(O, "Springfield Morning Leader"), (P, "Jane Roe"), (P, "Dan Poe")],
            &[(O, "Shelbyville Mayor"), (O, "UK Home Secretary")],
        ),
        // Web pages capitalise a newsroom post before the name as AP does a formal title; an
        // outlet named with the same word is no post.
        (
            "Brightwell News Senior Writer Dana Vole and Staff Reporter Jane Roe told The Millbrook Reporter.",
            &[
                (O, "Brightwell News"),
                (P, "Dana Vole"),
                (P, "Jane Roe"),
                (O, "The Millbrook Reporter"),
            ],
            &[(P, "Staff Reporter Jane Roe"), (P, "Millbrook")],
        ),
        // A hyphenated title-case word is no pair of given names.
        (
            "Post-War Boom Ends as Pierre-Henri Vann retires.",
            &[(P, "Pierre-Henri Vann")],
            &[(P, "Post-War Boom Ends")],
        ),
        // What companies do, and an appositive saying what kind of body a word names.
        (
            "Zentrix acquired a rival. Varnosk, the Springfield-based research firm, agreed.",
            &[(O, "Zentrix"), (O, "Varnosk")],
            &[],
        ),
        // A body's full name is its name even after its abbreviation; a plural head noun
        // heads one ("Centers for …"); initials spelling the abbreviation keep "and" inside.
        (
            "The CWC said so. Later the Centers for Widget Control agreed. CWP agents met Customs and Widget Protection staff.",
            &[(O, "Centers for Widget Control"), (O, "Customs and Widget Protection")],
            &[(O, "CWC"), (O, "Customs"), (O, "Widget Protection")],
        ),
        // A city's or country's force named with "police"; a nationality before a body every
        // country has names which one.
        (
            "Springfield police said the Ruritanian Foreign Ministry and the Ruritanian Communist Party met. \
             The Shelbyville police agreed.",
            &[
                (O, "Springfield police"),
                (O, "Ruritanian Foreign Ministry"),
                (O, "Ruritanian Communist Party"),
                (O, "Shelbyville police"),
            ],
            &[
                (O, "Foreign Ministry"),
                (O, "Communist Party"),
                (O, "The Shelbyville police"),
            ],
        ),
        // A website named by its address; an article straight after a name opens another.
        (
            "Sources told Quillmark.info the Ruritanian Defense Ministry's claims were false. Mr. Roe Jr. agreed.",
            &[(O, "Quillmark.info"), (O, "Ruritanian Defense Ministry")],
            &[(O, "Quillmark.info the Ruritanian Defense Ministry"), (O, "Jr.")],
        ),
        // German compounds end in the kind of body; an article before one names none.
        (
            "Sie war in der Zentrixklinik Springfield und bei der Quillmark Krankenkasse. Das Krankenhaus ist neu.",
            &[(O, "Zentrixklinik Springfield"), (O, "Quillmark Krankenkasse")],
            &[(O, "Das Krankenhaus")],
        ),
        // A brand word lists companies as a known organisation does.
        (
            "Lenders like Zorvo, Quillmark, PayZen and Brightwell grew.",
            &[(O, "Zorvo"), (O, "Brightwell"), (O, "PayZen")],
            &[],
        ),
        // A compound adjective before a name and an office after it are no part of it.
        (
            "State-run Quillmark Railway Corporation grew. The former Council of Elders Speaker left.",
            &[(O, "Quillmark Railway Corporation"), (O, "Council of Elders")],
            &[
                (O, "State-run Quillmark Railway Corporation"),
                (O, "Council of Elders Speaker"),
            ],
        ),
        // Sides in a result and British plural verbs name teams; a club's kind before its
        // city names the club, not the city; a job after a name names its employer.
        (
            "Zentrix have signed a winger. Brightwell beat Varnosk 2-1, and Real Madrid drew. \
             Quillmark spokeswoman Dana Vole left Athletic Bilbao striker Jane Roe out.",
            &[
                (O, "Zentrix"),
                (O, "Brightwell"),
                (O, "Varnosk"),
                (O, "Real Madrid"),
                (O, "Quillmark"),
                (O, "Athletic Bilbao"),
            ],
            &[(L, "Madrid"), (L, "Bilbao")],
        ),
        // A plural verb after a preposition or in a list has another subject; a contraction
        // is no name.
        (
            "The cameras at the embassy in Shelbyville were old. Roe and Vole are here. I'll have tea.",
            &[],
            &[(O, "Shelbyville"), (O, "Vole"), (O, "I'll")],
        ),
        // A name with an article that reports is an outlet.
        (
            "The news was first reported by the Morning Quill, and the Zentrix Farmer reported it too.",
            &[(O, "Zentrix Farmer")],
            &[(P, "Zentrix Farmer")],
        ),
        // A company before its office, inside a title; a body's office or a party's is not.
        (
            "Former Zentrix CEO Jane Roe met Board Chairman Dana Vole and Republican Chairman Ana Lund.",
            &[(O, "Zentrix"), (P, "Jane Roe")],
            &[(O, "Board"), (O, "Republican")],
        ),
        // A town the gazetteer holds, in a place's context.
        (
            "She grew up in Shelbyville, Ky., and moved from Lynchburg last year.",
            &[(L, "Lynchburg")],
            &[],
        ),
        // Opening a sentence, a common noun the story writes in lower case is no part of the
        // name after "of"; a body's head noun is.
        (
            "Shares of Zentrix Holdings fell as shares of rivals rose. Bank of Springfield lent more to the bank's clients.",
            &[(O, "Zentrix Holdings"), (O, "Bank of Springfield")],
            &[(O, "Shares of Zentrix Holdings")],
        ),
        // The article before the owner's name goes with neither.
        (
            "Shareholders of the Plimsy Savings Bank approved the merger on Tuesday.",
            &[(O, "Plimsy Savings Bank")],
            &[(O, "the Plimsy Savings Bank")],
        ),
        // A list of newspapers writes "the" once, before the first title.
        (
            "The group owns the Toledo Blade, Akron Star and Dayton Courant.",
            &[(O, "Akron Star"), (O, "Dayton Courant")],
            &[(L, "Akron"), (L, "Dayton")],
        ),
        // A bloc of states named as a community, with the nationality that opens its name.
        (
            "The Ruritanian Economic Community and the European Community agreed.",
            &[(O, "Ruritanian Economic Community"), (O, "European Community")],
            &[(O, "Community")],
        ),
        // Opening a sentence, the people of a body are no part of its name.
        (
            "Members of the Springfield City Council voted. Officers from the Shelbyville Police Department came.",
            &[(O, "Springfield City Council"), (O, "Shelbyville Police Department")],
            &[
                (O, "Members of the Springfield City Council"),
                (O, "Officers from the Shelbyville Police Department"),
            ],
        ),
        (
            "Friends of the Springfield Library met on Tuesday.",
            &[(O, "Friends of the Springfield Library")],
            &[],
        ),
        // "America" names the country after a place's preposition or as a clause's subject,
        // not as an adjective's noun or with a possessive.
        (
            "Jobs came back to America. America is changing, said a voice of corporate America.",
            &[(L, "America")],
            &[],
        ),
        (
            "Voices of corporate America and America's lawyers agreed.",
            &[],
            &[(L, "America")],
        ),
        ("He said America will recover.", &[(L, "America")], &[]),
        // A royal or a pope is named by the title and one given name; with a surname the
        // title is a role as any other.
        (
            "Queen Marguerite II opened the bridge with Prince Oliver. Prince Alan Roe watched. Oliver waved.",
            &[(P, "Queen Marguerite II"), (P, "Prince Oliver"), (P, "Alan Roe")],
            &[(P, "Oliver"), (P, "Marguerite II"), (P, "Prince Alan Roe")],
        ),
        // A company named in full, then by its first word: one company, even when the short
        // name is a known one.
        (
            "Bechtel Harbour Works Inc won the contract. Bechtel said the work starts in May.",
            &[(O, "Bechtel Harbour Works Inc")],
            &[(O, "Bechtel")],
        ),
        // A well-known organisation of the lexicon, written with the story's capitals and
        // punctuation; a team by its city and nickname.
        // "-based" marks a town, however small; "y", "e", "und" join names as "and" does; and
        // older wire copy names states that no longer exist.
        (
            "The Shelbyville-based chain grew. Viajó a Madrid y Barcelona. Exports to Zaire and Dahomey rose.",
            &[
                (L, "Shelbyville"),
                (L, "Madrid"),
                (L, "Barcelona"),
                (L, "Zaire"),
                (L, "Dahomey"),
            ],
            &[],
        ),
        // A role noun before an abbreviation makes no surname of it.
        ("The broadcaster ZBC aired the match.", &[], &[(P, "ZBC")]),
        // A post-office box is no one.
        ("Write to P.O. Box 1234, Springfield.", &[], &[(P, "P.O. Box")]),
        // A body introduced by its kind, and one named like a place that speaks.
        (
            "A group called Nurses for Clean Water wrote to the council. Zentrix Harbor said in a statement that it agreed.",
            &[(O, "Nurses for Clean Water"), (O, "Zentrix Harbor")],
            &[(L, "Zentrix Harbor")],
        ),
        // Forums, infirmaries, initiatives, programmes, projects and teams are bodies too.
        (
            "The Springfield Policy Forum met officers of the Joint Harbour Enforcement Team at Shelbyville Royal Infirmary.",
            &[
                (O, "Springfield Policy Forum"),
                (O, "Joint Harbour Enforcement Team"),
                (O, "Shelbyville Royal Infirmary"),
            ],
            &[],
        ),
        // A body named for several fields lists them, and the list is its name; places listed
        // after one are no fields.
        (
            "The Springfield Academy of Bees, Wasps and Hornets said so. The Institute of Arts, Boston and Chicago agreed.",
            &[(O, "Springfield Academy of Bees, Wasps and Hornets"), (L, "Boston")],
            &[
                (O, "Springfield Academy of Bees"),
                (O, "Institute of Arts, Boston and Chicago"),
            ],
        ),
        // Wire style: a post without an article after a name, and a name before the body it
        // speaks for; a place after "of" makes no one of an outlet.
        (
            "The stake is held by relatives of Lo Ka-Wing, chairman of Hutchison. Economists, including Tadashi Morikawa of Zentrix Bank, said so. A report in the Valley Sentinel of Springfield agreed. As Nick of Arachnid Labs says, it works.",
            &[
                (P, "Lo Ka-Wing"),
                (P, "Tadashi Morikawa"),
                (O, "Zentrix Bank"),
                (P, "Nick"),
                (O, "Arachnid Labs"),
            ],
            &[(P, "Valley Sentinel")],
        ),
        // Congressional committees are named with their chamber, "and" and all; a name before
        // "and" stands alone.
        (
            "The bill was proposed by House Ways and Means Committee Chairman Dan Roe, Senate Finance Committee Chairman Al Vane and Jane Lund and Police Chief Tom Hale.",
            &[
                (O, "House Ways and Means Committee"),
                (O, "Senate Finance Committee"),
                (P, "Dan Roe"),
                (P, "Jane Lund"),
                (P, "Tom Hale"),
            ],
            &[(O, "Means Committee"), (O, "Finance Committee")],
        ),
        // A post before the body it is held in; a team and a position before a player.
        (
            "Ana Lee, Deputy General Manager of Zentrix Bank Ltd, spoke. The Governor of the Bank of England agreed. Isotopes DL Jo Vann Marsh was fined.",
            &[
                (O, "Zentrix Bank Ltd"),
                (O, "Bank of England"),
                (O, "Isotopes"),
                (P, "Jo Vann Marsh"),
            ],
            &[(O, "Deputy General Manager of Zentrix Bank Ltd"), (L, "England")],
        ),
        // A country's abbreviation before a noun is an adjective, after a preposition too.
        (
            "The plan is vital to the U.S. economy, officials said.",
            &[],
            &[(L, "United States")],
        ),
        (
            "Prices jumped, so she moved to the U.S. last year.",
            &[(L, "United States")],
            &[],
        ),
        // A noun for a kind of company opening a sentence describes the name after it.
        (
            "Sales fell. Retailer Quillmark said it would close stores.",
            &[(O, "Quillmark")],
            &[(P, "Retailer Quillmark"), (O, "Retailer Quillmark")],
        ),
        // Reuters brackets the names of unlisted companies; a bracketed abbreviation is a ticker.
        (
            "Acme Corp <ACM> has mandated <Harlow Quint Capital Markets> to arrange the sale.",
            &[(O, "Harlow Quint Capital Markets")],
            &[(P, "Harlow Quint"), (O, "ACM")],
        ),
        // A company's office names the company it is held in.
        (
            "He served as the CEO of Brightcove until May. A spokeswoman for Zentrix declined to comment. The Chairman of Kenya spoke.",
            &[(O, "Brightcove"), (O, "Zentrix")],
            &[(O, "Kenya"), (P, "Brightcove")],
        ),
        (
            "Shares of Coca-Cola rose. The Cleveland Browns won on Sunday.",
            &[(O, "Coca-Cola"), (O, "Cleveland Browns")],
            &[(L, "Cleveland")],
        ),
        // Wire copy follows a legal name with the company's seat, which is no part of it.
        (
            "Zentrix Pharma Ltd of Canada said it agreed. Acme Motor Company of Canada did not.",
            &[
                (O, "Zentrix Pharma Ltd"),
                (L, "Canada"),
                (O, "Acme Motor Company of Canada"),
            ],
            &[(O, "Zentrix Pharma Ltd of Canada")],
        ),
        // A unit named with the body it belongs to, and a department's unit, are two bodies.
        (
            "Dr. Ann Lee of the Widget Research Center of the National Institutes of Science spoke. The Springfield Police Department Gang Unit made arrests.",
            &[
                (O, "Widget Research Center"),
                (O, "National Institutes of Science"),
                (O, "Springfield Police Department"),
                (O, "Gang Unit"),
            ],
            &[(O, "Springfield Police Department Gang Unit")],
        ),
        // Landforms and regions end their names with their kind.
        (
            "Herders crossed the Shelby Plateau to the Roe Basin and the Quill Bay Area.",
            &[(L, "Shelby Plateau"), (L, "Roe Basin"), (L, "Quill Bay Area")],
            &[(P, "Shelby Plateau")],
        ),
        // A place opening with a word that is otherwise a function word completes a body's name.
        (
            "The Federal Reserve Bank of New York said rates would hold. The Widget Council of Los Angeles agreed.",
            &[
                (O, "Federal Reserve Bank of New York"),
                (O, "Widget Council of Los Angeles"),
            ],
            &[(O, "Federal Reserve Bank")],
        ),
        // An abbreviation with full stops is the body named in full before it.
        (
            "The United Nations met on Monday. U.N. officials said little.",
            &[(O, "United Nations")],
            &[(O, "U.N.")],
        ),
        // Both sides of a result are teams, whether or not the gazetteer knows their towns.
        (
            "The Shelbyville Sharks beat the Ogdenville Owls 31-17 on Sunday. The Sharks (2-3) won again.",
            &[(O, "Shelbyville Sharks"), (O, "Ogdenville Owls")],
            &[(O, "Sharks"), (P, "Ogdenville Owls")],
        ),
        // A country is listed without the article a sentence's start capitalises.
        (
            "The Netherlands won. Fans of the Netherlands cheered in The Hague.",
            &[(L, "Netherlands"), (L, "The Hague")],
            &[(L, "The Netherlands")],
        ),
        // Counties, ranges, capes and lakes named with a word before the name; a title in the
        // run makes it a person's.
        (
            "Fans came from County Roe and Monte Vale. Snow closed the Sierra Vale, and boats left Cabo Roe. County Executive Jane Roe spoke.",
            &[
                (L, "County Roe"),
                (L, "Monte Vale"),
                (L, "Sierra Vale"),
                (L, "Cabo Roe"),
                (P, "Jane Roe"),
            ],
            &[
                (P, "County Roe"),
                (L, "County Executive Jane Roe"),
                (O, "County Executive Jane Roe"),
            ],
        ),
        // A planet named alone is no place; a town named like one is written with its state.
        ("The probe reached Jupiter after six years.", &[], &[(L, "Jupiter")]),
        ("She grew up in Jupiter, Fla., near the beach.", &[(L, "Jupiter")], &[]),
        // A degree after a name, and an abbreviation spelled out in lower case, name no body.
        (
            "\"It helps,\" says Jane Roe, MD, PhD. Sales of frozen widget paste (FWP) fell, and a letter of credit (LOC) was drawn. Traders bought the FWP. The bank honoured the LOC. The WCB said so.",
            &[(P, "Jane Roe"), (O, "WCB")],
            &[(O, "MD"), (O, "PhD"), (O, "FWP"), (O, "LOC")],
        ),
        // A legal name holding "and", shortened to its first words after the first reference.
        (
            "Harlow Gas and Electric Co said the plant was late. Harlow Gas owns 14 pct of it.",
            &[(O, "Harlow Gas and Electric Co")],
            &[(O, "Harlow Gas"), (O, "Electric Co")],
        ),
        // A subsidiary named for its parent and the region it serves is not the parent.
        (
            "Zentrix North America Inc recalled 40,000 cars. Zentrix said the fault was rare, and Zentrix Europe Ltd agreed.",
            &[
                (O, "Zentrix North America Inc"),
                (O, "Zentrix"),
                (O, "Zentrix Europe Ltd"),
            ],
            &[],
        ),
        // A state in the name is the company's own name, shortened as any.
        (
            "Quillon Illinois Corp settled a complaint. Quillon agreed to restate its results.",
            &[(O, "Quillon Illinois Corp")],
            &[(O, "Quillon")],
        ),
        // A descriptor before a company's bare name says what it names.
        (
            "Shares of chipmaker Zentrel rose, and game developer Quornix slipped. Developer Vortel said the game was late.",
            &[(O, "Zentrel"), (O, "Quornix"), (O, "Vortel")],
            &[(P, "Developer Vortel")],
        ),
        // The field of a post written before its title ("Project Manager", "Press Secretary")
        // is no part of the employer's name, whether the employer is known or not; and
        // ombudsmen, prosecutors and managers are titles before a name.
        (
            "Zentrix Project Manager Kenji Sato said the frame was stiffer. Siemens Project Manager Ana Ruiz agreed. \
             Public Ombudsman Maria Soto's office said so, and Prosecutor Jo Lund did not.",
            &[
                (P, "Kenji Sato"),
                (P, "Ana Ruiz"),
                (P, "Maria Soto"),
                (P, "Jo Lund"),
                (O, "Siemens"),
            ],
            &[
                (O, "Zentrix Project"),
                (O, "Siemens Project"),
                (P, "Public Ombudsman Maria Soto"),
            ],
        ),
        // East Asian names, family name first: a Korean or Taiwanese given name of two
        // syllables joined by a hyphen, a Vietnamese middle name before a short given name, and
        // a hyphenated "vice-" title before a name whose second syllable is spelled like "he".
        (
            "Park Seo-yeon and Choi Min-jun starred, he said. Pham Van An, a farmer, agreed. \
             Talks with Chinese vice-premier Liu He are set, and he will attend.",
            &[
                (P, "Park Seo-yeon"),
                (P, "Choi Min-jun"),
                (P, "Pham Van An"),
                (P, "Liu He"),
            ],
            &[],
        ),
        // A compound adjective opening a sentence describes the name after it.
        (
            "Cash-strapped Ivory Coast cut spending. Oil-rich Norway did not. Springfield-born Jane Roe sang.",
            &[(L, "Ivory Coast"), (L, "Norway"), (P, "Jane Roe")],
            &[
                (O, "Cash-strapped Ivory Coast"),
                (L, "Cash-strapped Ivory Coast"),
                (L, "Oil-rich Norway"),
            ],
        ),
        // A roundup names the source of each passage it quotes in square brackets below it.
        ("[ Zentrix Review ]", &[(O, "Zentrix Review")], &[(P, "Zentrix Review")]),
        // Two companies each with its own legal form are two names, an ampersand in either;
        // what a company has, opening a sentence before "of", is no part of its name.
        (
            "Bang & Roe Co and Zentrix Inc agreed to merge. Shares of Quillmark Corp fell. The Board of Education met.",
            &[
                (O, "Bang & Roe Co"),
                (O, "Zentrix Inc"),
                (O, "Quillmark Corp"),
                (O, "Board of Education"),
            ],
            &[(O, "Bang & Roe Co and Zentrix Inc"), (O, "Shares of Quillmark Corp")],
        ),
        // A word before a party label in the plural names a party of its own; a chamber or a
        // place before it says which members of the party the label names.
        (
            "The Liberal Democrats lost seats and the Social Democrats won. Ohio Republicans agreed.",
            &[
                (O, "Liberal Democrats"),
                (O, "Social Democrats"),
                (O, "Republican Party"),
            ],
            &[(O, "Democratic Party"), (O, "Ohio Republicans")],
        ),
        // A company named with a common word counts only among other companies.
        (
            "Its clients include Meta, Adidas and Nike. Jane Roe shopped at Target on Monday.",
            &[(O, "Meta"), (O, "Adidas")],
            &[(O, "Target")],
        ),
        // After a place's preposition, a compass word before a state names part of it; a team
        // named so is not a place.
        (
            "Fires burned in Southern Ohio. Eastern Ohio lost to Western Ohio 3-1.",
            &[(L, "Southern Ohio")],
            &[(L, "Eastern Ohio"), (L, "Western Ohio")],
        ),
        // Spanish, Portuguese, French and Italian put a lower-case role before the name.
        (
            "A taça foi entregue ao ex-presidente Olavo Brites de Lemos em 2012.",
            &[(P, "Olavo Brites de Lemos")],
            &[],
        ),
        // A familiar form of a named person's given name, before the surname, is that person.
        (
            "Patrick Vole Jr., 55, pleaded guilty. Pat Vole left. Daniel Roe agreed. Dan Roe left.",
            &[(P, "Patrick Vole Jr."), (P, "Daniel Roe")],
            &[(P, "Pat Vole"), (P, "Dan Roe")],
        ),
        // A title ends a name only where it is also a surname.
        (
            "The show's Art Director spoke to Kevin King and Ana Bishop.",
            &[(P, "Kevin King"), (P, "Ana Bishop")],
            &[(P, "Art Director")],
        ),
        // A newsroom's post before a writer's name; the outlet before the post.
        (
            "Acme Sports League Insider Jason La Rosa reported the fine.",
            &[(P, "Jason La Rosa"), (O, "Acme Sports League")],
            &[(O, "Acme Sports League Insider")],
        ),
        // A country's formal name is a place as written.
        (
            "The teams were Latvia, Republic of Finland and Wales. The People’s Republic of Bangladesh objected.",
            &[(L, "Republic of Finland"), (L, "People’s Republic of Bangladesh")],
            &[(P, "People’s Republic")],
        ),
        // A plural noun for a kind of people opening a sentence names no one.
        (
            "Volunteers said they were tired. Shoppers said prices rose. Zentrix said it would appeal.",
            &[(O, "Zentrix")],
            &[(O, "Volunteers"), (O, "Shoppers")],
        ),
        // A source's cue names an outlet even when its last word is a surname, unless the
        // story names someone by it.
        (
            "The firm said in a statement to Harbor Stone that it would appeal.",
            &[(O, "Harbor Stone")],
            &[(P, "Harbor Stone")],
        ),
        // A shop named for its founder keeps its possessive ending among other companies.
        (
            "Its clients include Adidas, Poe’s and Nike, and Jane Roe’s firm.",
            &[(O, "Poe’s"), (O, "Adidas"), (P, "Jane Roe")],
            &[(O, "Poe")],
        ),
        // A politician described by state and party: the state is a place, the label the
        // party, and together they are nobody's name.
        (
            "Jane Roe, a Vermont Democrat, voted no.",
            &[(L, "Vermont"), (O, "Democratic Party")],
            &[(P, "Vermont Democrat")],
        ),
        // A Chinese name in Pinyin: a one-syllable surname, a two-syllable given name.
        (
            "Wang Yi met Li Keqiang in Beijing on Monday.",
            &[(P, "Li Keqiang")],
            &[],
        ),
        // A town's name as the middle word of a three-word name is part of the name; a state's
        // there is still a place.
        (
            "The envoy met Ana Lima Costa on Monday, and Jane Texas Roe on Tuesday.",
            &[(P, "Ana Lima Costa"), (L, "Texas")],
            &[(L, "Lima")],
        ),
        // A family name the census does not list is still one when the story's language has
        // no such word; a word the story writes in lower case before two syllables is none.
        (
            "The talks with Qi Zhiqiang went well. Fans will run to see it. Run Gaming is next.",
            &[(P, "Qi Zhiqiang")],
            &[(P, "Run Gaming")],
        ),
        // A broadcaster's sports desk is named like an outlet.
        (
            "The final was shown on Zentrix Sports, the league said. It was also on Morgan Sports \
             and Bolt Sports.",
            &[(O, "Zentrix Sports"), (O, "Morgan Sports"), (O, "Bolt Sports")],
            &[(P, "Zentrix Sports"), (O, "Morgan Sports and Bolt Sports")],
        ),
        // A name set off by commas after a post or a relative is that person's, however rare
        // the given name.
        (
            "The firm was shared with its spokesman, Pello Ortuzar, a former athlete. La empresa \
             de su marido, Iñaki Arregur, fue investigada.",
            &[(P, "Pello Ortuzar"), (P, "Iñaki Arregur")],
            &[],
        ),
        // A Romance article opens names of places and bodies, never a person's; a sentence's
        // article is no part of the body's name.
        (
            "El presidente se reunió en La Moncloa con la canciller. El Banco de Ruritania prevé \
             un crecimiento.",
            &[(O, "Banco de Ruritania")],
            &[(P, "La Moncloa"), (O, "El Banco de Ruritania")],
        ),
        // Advocacy groups are named by their members and a cause; people of a place or for a
        // person are no group.
        (
            "Friends of the Earth and Doctors Without Walls marched. Residents of Springfield \
             watched, and Lawyers for Jane Roe said nothing.",
            &[
                (O, "Friends of the Earth"),
                (O, "Doctors Without Walls"),
                (L, "Springfield"),
                (P, "Jane Roe"),
            ],
            &[(O, "Residents of Springfield"), (O, "Lawyers for Jane Roe")],
        ),
        // A partnership's abbreviated "Company" after an ampersand.
        ("Shares of Deere & Co. rose 2% on Monday.", &[(O, "Deere & Co.")], &[]),
        // A product named after a firm: the firm is the first two words.
        (
            "A Bang & Varde Premium Sound System is optional.",
            &[(O, "Bang & Varde")],
            &[(O, "Bang & Varde Premium")],
        ),
        // "the X area" names a place, without the noun.
        (
            "The plant is planned in the Marrowmere area, officials said.",
            &[(L, "Marrowmere")],
            &[(L, "Marrowmere area")],
        ),
        // A town's police force, named by the town: both count; an adverb opening the
        // sentence is neither.
        (
            "Later Marrow Creek police arrested him. A Pinewood Hill police sergeant searched the room.",
            &[
                (O, "Marrow Creek police"),
                (L, "Marrow Creek"),
                (O, "Pinewood Hill police"),
                (L, "Pinewood Hill"),
            ],
            &[(O, "Later Marrow Creek police")],
        ),
        // A company registered with its article keeps it mid-sentence, not at a sentence's
        // start.
        (
            "The loan came from The Harwick Group, backed by The Tarrow Company. The Brimwell \
             Group declined to comment.",
            &[
                (O, "The Harwick Group"),
                (O, "The Tarrow Company"),
                (O, "Brimwell Group"),
            ],
            &[(O, "The Brimwell Group")],
        ),
        // A preposition opening the sentence is no part of the name an appositive describes.
        (
            "With Varnell Glide, the firm entered the bicycle market.",
            &[(O, "Varnell Glide")],
            &[(O, "With Varnell Glide")],
        ),
        // A town whose name ends like a participle opens the name of the body after it.
        (
            "Kettering Ashvale Hospital treated him last week.",
            &[(O, "Kettering Ashvale Hospital")],
            &[(O, "Ashvale Hospital")],
        ),
        // Craft are named like people, before or after their noun.
        (
            "The run took the Tilda Marsh supercomputer three months. The probe Ada Lund reached \
             orbit, and Ada Lund then sent pictures.",
            &[],
            &[(P, "Tilda Marsh"), (P, "Ada Lund")],
        ),
        // A network's station or channel, branded with its number or its audience.
        (
            "The clip aired on NBC 4, and ABC Latino showed it too.",
            &[(O, "NBC 4"), (O, "ABC Latino")],
            &[(O, "NBC"), (O, "ABC")],
        ),
        // A division named by a known body and an organisation's word, in a post.
        (
            "CBS Sports Golf Insider Jo Varde said the round would go ahead.",
            &[(O, "CBS Sports"), (P, "Jo Varde")],
            &[(O, "CBS")],
        ),
        // A shop opening a deal post's sentence, with a price after it.
        (
            "Tarrowell is knocking $40 off the kettle. Ruritania is taking back its powers.",
            &[(O, "Tarrowell")],
            &[(O, "Ruritania")],
        ),
        // Inside a sentence, a capitalised "Big" or "New" before a name is the name's.
        (
            "Her former label Big Tarrow declined to comment. Big changes are coming.",
            &[(O, "Big Tarrow")],
            &[(O, "Tarrow")],
        ),
        // "Grand" and "Crown" open titles ("Grand Ayatollah", "Crown Prince") but are none
        // themselves ("the Grand Slam", "Crown Tarrow Resorts").
        (
            "The podcast runs daily during the Grand Slam tournaments. Grand Ayatollah Ali \
             Varzani spoke on Friday. Shares of Crown Tarrow Resorts fell, and Crown Prince Jo \
             Varde left.",
            &[(P, "Ali Varzani"), (P, "Jo Varde")],
            &[(P, "Slam"), (P, "Tarrow Resorts")],
        ),
        // A magazine's ranking of companies is no organisation; the magazine alone is one.
        (
            "The firm joined the Fortune 500 list this year, Forbes reported.",
            &[(O, "Forbes")],
            &[(O, "Fortune")],
        ),
        // The company whose office someone holds.
        (
            "\"We are growing,\" said Tom Baker, chief executive of Zentrel, on Monday.",
            &[(P, "Tom Baker"), (O, "Zentrel")],
            &[],
        ),
    ];

    #[test]
    fn conventions() {
        let rows = CONVENTIONS;
        for (text, want, not) in rows {
            let f = run(text);
            let has = |(k, n): &(EntityKind, &str)| f.entities.iter().any(|e| e.kind == *k && e.name == *n);
            for w in *want {
                assert!(
                    has(w),
                    "{text}: expected {w:?} in {:?}",
                    f.entities.iter().map(|e| (&e.name, e.kind)).collect::<Vec<_>>()
                );
            }
            for n in *not {
                assert!(!has(n), "{text}: did not expect {n:?}");
            }
        }
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
        let places = names(&f, EntityKind::Place);
        assert!(
            // "U.S. Undersecretary" is an adjective before a title.
            places.contains(&"Moscow".to_string()) && !places.contains(&"United States".to_string()),
            "{places:?}"
        );
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
            ("“Coach (Frank) Vale came in,” he said.", "Frank Vale"),
            ("Tova Noe and Mike Thom pleaded.", "Mike Thom"),
            ("The US professor Kevin King spoke.", "Kevin King"),
            ("Thunder: F Hamid Dial missed a game.", "Hamid Dial"),
            ("LB Ana Ribeiro 61 100% 4 tackles.", "Ana Ribeiro"),
            // Middle initials without their full stops, British and journal style.
            ("The study was written by Mary JK Talbot and others.", "Mary JK Talbot"),
            // A box score's stat after the name, however rare the name.
            ("LB Tarro Vakalumi 6 8% No stats registered.", "Tarro Vakalumi"),
            // A name that is not in plain ASCII written form, taken out of a longer run.
            ("Mayor José Ortíz spoke.", "José Ortíz"),
            // A romanised name, surname first, whose second syllable is spelled like "he".
            ("The talks were led by Vice Premier Lin He, officials said.", "Lin He"),
            // A title that ends with a country, then the name.
            ("The ambassador to Portugal Jo Anne Roe said so.", "Jo Anne Roe"),
            // A member of parliament's post, British style, after the party.
            ("Labour MP Dan Pell told the broadcaster.", "Dan Pell"),
            // Titles written without their full stop, British and wire style.
            ("Gen Mark Hale inspected the troops.", "Mark Hale"),
            ("Sen Bob Lyle voted against it.", "Bob Lyle"),
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
            "The Bureau of Prisons and the Department of Justice met at Northern Kentucky University and the Hong Kong Polytechnic University. \
             The Liberal Democratic Party (LDP) won. The LDP said so. Later the Justice Department agreed. A soldier in Zabul province and in \
             Braunau spoke to the People’s Daily. The U.S. Embassy in Moscow tweeted. New Jersey and New York agreed. A London-based group \
             joined Ansar Dine, an armed group.",
        );
        let orgs = names(&f, EntityKind::Organization);
        for o in [
            "Bureau of Prisons",
            "Department of Justice",
            "Northern Kentucky University",
            "Hong Kong Polytechnic University",
            "Liberal Democratic Party",
            "People’s Daily",
            "U.S. Embassy in Moscow",
            "Ansar Dine",
        ] {
            assert!(orgs.contains(&o.to_string()), "{o} in {orgs:?}");
        }
        assert!(!orgs.contains(&"LDP".to_string()));
        assert!(!orgs.contains(&"Justice Department".to_string()));
        let places = names(&f, EntityKind::Place);
        for p in ["Zabul province", "Braunau", "New Jersey", "New York", "London"] {
            assert!(places.contains(&p.to_string()), "{p} in {places:?}");
        }
    }

    #[test]
    fn not_people() {
        let f = run(
            "They stood outside the Moulin Rouge cabaret. Walter Reed hospital was busy, so he went to Walter Reed later. Eastern Michigan \
             beat Penn State quarterback teams. The Nobel Peace Prize went elsewhere. It was a Cold War-era deal. Students for Fair Admissions sued.",
        );
        let people = names(&f, EntityKind::Person);
        assert!(people.is_empty(), "{people:?}");
    }

    #[test]
    fn ships_are_not_people() {
        let f = run(
            "The ship, the Marisol Dawn, docked at noon. The tanker Marisol Dawn carried ammonia, port director Maria Lopes said.",
        );
        assert_eq!(names(&f, EntityKind::Person), ["Maria Lopes"]);
    }

    #[test]
    fn surnames_prefer_people_over_known_names() {
        let f = run("Ellen Forbes spoke. Forbes’s shadow loomed over the race in Georgia.");
        assert_eq!(names(&f, EntityKind::Person), ["Ellen Forbes"]);
        assert!(names(&f, EntityKind::Organization).is_empty());
    }

    #[test]
    fn organisation_shapes() {
        let rows: &[(&str, bool)] = &[
            ("University", false),
            ("Bureau", false),
            ("Kent University", true),
            ("Bureau of Prisons", true),
            ("Embassy in Moscow", true),
            ("The University", false),
            ("Bureau of", false),
            ("Mike Roe", false),
        ];
        for &(text, want) in rows {
            let ws = words(text);
            assert_eq!(org_like(&ws), want, "{text}");
        }
        assert_eq!(lowercase("Ana Roe"), "ana roe");
        assert_eq!(lowercase("ÉLODIE"), "élodie");
    }

    #[test]
    fn places_in_headlines() {
        let rows: &[(&str, &[&str])] = &[
            ("Moscow's mayor visits Paris.", &["Moscow", "Paris"]),
            ("U.S. and New York agree", &["United States", "New York"]),
            ("Eastern Michigan routs Ohio!", &["Ohio"]),
            ("KYIV'S NEW PLAN", &["Kyiv"]),
            ("Japan seeks U.S. loan", &["Japan"]),
            ("U.S. says Japan must pay", &["United States", "Japan"]),
        ];
        for &(headline, want) in rows {
            assert_eq!(headline_places(headline), want, "{headline}");
        }
    }

    #[test]
    fn companies_in_wire_headlines() {
        let rows: &[(&str, Option<&str>)] = &[
            ("ZENTRIX WIDGET CORP <ZWC> 1ST QTR NET", Some("Zentrix Widget Corp")),
            ("QUILLMARK <QMK> TO SELL UNIT", Some("Quillmark")),
            // A number: the headline's sentence runs on before the name.
            ("AGENCY PROBES 1986 ACME <AC> BID", None),
            ("ZENTRIX SEES HIGHER PROFIT", None),
        ];
        for &(headline, want) in rows {
            assert_eq!(headline_company(headline).as_deref(), want, "{headline}");
        }
        assert!(may_be_same_organisation("Zentrix Illinois Corp", "Zentrix Ill"));
        assert!(!may_be_same_organisation("Quillmark Inc", "Zentrix Inc"));
    }

    #[test]
    fn capitalised_words() {
        let rows: &[(&str, bool)] = &[
            ("Mike", true),
            ("and", false),
            ("al-Bashir", true),
            ("el-Sisi", true),
            ("al-", false),
            ("al-qaeda", false),
            ("alto", false),
            ("Élan", true),
            ("éclair", false),
            ("", false),
        ];
        for &(word, want) in rows {
            assert_eq!(capitalized(word), want, "{word}");
        }
    }

    #[test]
    fn organisation_keys_drop_apostrophes() {
        let rows: &[(&str, &str)] = &[
            ("People’s Daily", "peoples daily"),
            ("McDonald's", "mcdonalds"),
            ("Acme — Works", "acme — works"),
            ("Café Roma Company", "café roma"),
            ("Department of the Interior", "interior department"),
            ("Acme Group Inc.", "acme"),
            ("Springfield Courier Newspaper", "springfield courier"),
            ("Company", "company"),
        ];
        let mut key = String::new();
        for &(name, want) in rows {
            org_key(name, &mut key);
            assert_eq!(key, want, "{name}");
        }
    }

    #[test]
    fn surnames_and_short_names_of_people() {
        let mut b = Builder {
            last_seen: vec![1, 2],
            ..Builder::default()
        };
        b.index_person("Ana María Roe", 0);
        b.index_person("Łukasz Nowak Jr.", 1);
        let rows: &[(&str, Option<usize>)] = &[
            ("Roe", Some(0)),
            ("ROE", Some(0)),
            ("María Roe", Some(0)),
            ("MARÍA ROE", Some(0)),
            ("Nowak", Some(1)),
            ("Ana", None),
            ("Rob", None),
            ("", None),
        ];
        for &(word, want) in rows {
            assert_eq!(b.person_by_tail(word), want, "{word}");
        }
        assert_eq!(short_name("Ana María Roe"), Some(("ana roe".to_string(), true)));
        assert_eq!(
            short_name("Łukasz Nowak Jr."),
            Some(("łukasz nowak".to_string(), false))
        );
        assert_eq!(short_name("Roe"), None);
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "",
            "A",
            "The",
            "’s",
            "U.S.-",
            "Mr.",
            "of the And",
            "Ä Ö Ü",
            "R-",
            "(A) B",
            ") A",
            "Embassy in",
        ] {
            let _ = run(t);
        }
    }
}
