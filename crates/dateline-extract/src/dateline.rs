//! Datelines: the opening of a story that says where it was filed and for whom.
//!
//! Each convention is one rule of [`OPENINGS`], tried in order:
//! - the agency alone: `(Reuters) -`, `(CNN) --`, or `(CNN)` with no dash at all;
//! - the agency first, then the place, on a line of their own: `Reuters, Springfield,` or
//!   `PTI, Springfield:` above the story;
//! - the place, then a dash, a colon or the outlet's closing parenthesis:
//!   - the wire's and the newspapers' dash: AP `SPRINGFIELD, Ill. (AP) —`, Reuters
//!     `SPRINGFIELD, Oct 13 (Reuters) -` (in 1987 just `SPRINGFIELD, Feb 26 -`, on archival
//!     copy also in mixed case), newspapers `LONDON —`, `Springfield, Ill. —`,
//!     `Springfield, IL –`, broadcasters and branded desks `Hong Kong (CNN Business) --`,
//!     `SPRINGFIELD (KXYZ) —`, press releases `SPRINGFIELD, Ill., Nov. 19, 2019 /PRNewswire/ --`;
//!   - a credit closed by a full stop (Spanish-language and Russian agencies):
//!     `SPRINGFIELD, 19 Nov (EFE).-`, `SPRINGFIELD, November 19. /TASS/.`;
//!   - the colon of Indian and other agencies: `NEW DELHI:`, `NEW DELHI (PTI):`,
//!     `Mumbai, Nov 19 (IANS):`, `Springfield [India], Nov 19 (ANI):`;
//!   - nothing after the outlet, as CNN's pages print it: `Springfield (CNN)The`;
//! - a press release's place in capitals alone on its first line: `SPRINGFIELD, ILLINOIS`.
//!
//! The place comes back in natural case with its state or country part kept as written.
//!
//! Ordinary openings must never read as datelines ("The ministry has denied …", "Prosecutors
//! in Springfield — …", "Update: the council …", "April 17, 2015 -- …"), so what stands before
//! the dash or colon must be shown to be a place: the rules of [`EVIDENCE`] weigh it.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateExpr, alternation_as_listed, find_dates, month_alternation};
use super::gazetteer;
use super::lexicon::is_stop_word;
use super::lists::{DATELINE_NON_PLACES, MONTHS, PLACE_JOINERS, TITLE_SMALL_WORDS, WEEKDAYS};
use super::names::is_name_word;
use super::text::{is_all_caps, letters_are_ascii, natural_case, natural_word};

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Byte offset just past the dateline (past its dash or colon, or past the agency's
    /// parenthesis).
    pub end: usize,
    pub place: Option<String>,
    pub agency: Option<String>,
    pub date: Option<DateExpr>,
    /// The place was written in capitals, credited to an agency, dated or followed by its state
    /// or country: safe anywhere near the top, not only as the first paragraph.
    pub strong: bool,
}

/// One convention for opening a story with a dateline.
type Opening = fn(&str) -> Option<Parsed>;

/// The conventions, in the order they are tried; the first that reads the opening wins. The
/// names are what an explanation of the extraction prints.
const OPENINGS: &[(&str, Opening)] = &[
    ("agency alone", agency_alone),
    ("agency, then place, on a line of their own", agency_then_place),
    ("place, then dash or colon", place_then_separator),
    ("press release's place line", place_line),
];

/// Parses a dateline at the very start of `text`.
pub fn parse_at_start(text: &str) -> Option<Parsed> {
    read_opening(text).map(|(_, p)| p)
}

/// The name of the convention that reads the dateline opening `text`.
pub fn convention(text: &str) -> Option<&'static str> {
    read_opening(text).map(|(name, _)| name)
}

/// The dateline at the start of `text` and the name of the convention that read it.
fn read_opening(text: &str) -> Option<(&'static str, Parsed)> {
    OPENINGS.iter().find_map(|&(name, rule)| rule(text).map(|p| (name, p)))
}

/// The text's first line (the patterns never cross a line break).
fn first_line(text: &str) -> &str {
    &text[..memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len())]
}

/// A capitalised word, hyphens inside it but not at its end ("SPRINGFIELD--(BUSINESS WIRE)--").
const WORD: &str = r"[\p{Lu}](?:[\p{L}\p{M}.'’\-]*[\p{L}\p{M}.'’])?";
/// [`WORD`] for text whose letters are all ASCII ([`letters_are_ascii`]).
const ASCII_WORD: &str = r"[A-Z](?:[A-Za-z.'’\-]*[A-Za-z.'’])?";
/// White space inside a dateline: web pages put no-break and thin spaces around the dash.
const SP: &str = r"[ \t\x{a0}\x{2009}\x{202f}]";
/// What ends a dateline: the wire's dashes, or the colon of Indian and other agencies. AP's
/// wire of the 1980s and 1990s, sent in a character set without a dash, printed an underscore
/// ("SPRINGFIELD, Ill. (AP) _ The council …").
const SEPARATOR: &str = r"--|—|–|―|-|_|:";

/// A place's own name: capitalised words, maybe joined by particles ("Dar es Salaam").
fn place_words(word: &str) -> String {
    // What follows a joiner in the patterns starts with white space, a comma, a bracket or a
    // dash, never a letter: which of two joiners that start alike ("de", "del") is tried
    // first does not matter here.
    let joiners = alternation_as_listed(PLACE_JOINERS.iter());
    format!(r"{word}(?:{SP}+(?:{word}|{joiners})){{0,4}}")
}

/// A state or country after the place, or both: "Ill.", "Karnataka, India".
fn region_words(word: &str) -> String {
    let name = format!(r"{word}(?:{SP}+{word}){{0,3}}");
    format!(r"{name}(?:,{SP}*{name})?")
}

/// The filing date: "Oct 13", "Nov. 19, 2019", or day first, "19 November"; archival copy
/// also has the month in capitals ("MARCH 2").
fn filing_date(digit: &str) -> String {
    let months = month_alternation();
    format!(
        r"(?i:{months})\.?{SP}+{digit}{{1,2}}(?:,{SP}*{digit}{{4}})?|{digit}{{1,2}}{SP}+(?i:{months})\.?(?:{SP}+{digit}{{4}})?"
    )
}

fn place_dateline(word: &str, digit: &str) -> Regex {
    // A story filed from two cities names both, joined by a slash (Reuters' "LONDON/NEW
    // YORK (Reuters) -", "SPRINGFIELD/GLENMOOR, Nov 19 -").
    let place = place_words(word);
    let main = format!("{place}(?:/{place})?");
    let region = region_words(word);
    let date = filing_date(digit);
    // The outlet in parentheses, `--(BUSINESS WIRE)--` glued to the place, or a wire between
    // slashes (press releases).
    let outlet = format!(r"(?:{SP}*(?:--)?\((?P<agency>[^()\n]{{1,40}})\)|{SP}+/(?P<wire>[^/\n]{{2,40}})/)");
    // Or the outlet's credit closed by a full stop: Spanish-language agencies put one before
    // the dash, `SPRINGFIELD, 19 Nov (EFE).-`; Russian ones after the slashes,
    // `SPRINGFIELD, November 19. /TASS/.`.
    let stopped = format!(
        r"(?:{SP}*\((?P<stopped_agency>[^()\n]{{1,40}})\)(?P<stop>\.[-—–])|{SP}+/(?P<stopped_wire>[^/\n]{{2,40}})/(?P<slash_stop>\.))"
    );
    // Or the outlet alone, the story right after it: `Springfield (CNN)The`.
    let closing = format!(r"{SP}*\((?P<closing_agency>[^()\n]{{1,40}})\)");
    Regex::new(&format!(
        r"^(?P<main>{main})(?:{SP}*\[(?P<bracket>{region})\])?(?:{SP}*,{SP}*(?P<region>{region}))?(?:{SP}*,{SP}*(?P<date>{date})\.?)?(?:{stopped}|{outlet}?{SP}*(?P<sep>{SEPARATOR})|{closing})"
    ))
    .expect("dateline regex")
}

static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| place_dateline(WORD, r"\d"));
/// The same pattern for the usual opening, whose letters are all ASCII: it compiles faster
/// and searches with far fewer states.
static ASCII_PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| place_dateline(ASCII_WORD, "[0-9]"));

static AGENCY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\((?P<agency>[\p{{Lu}}][\p{{L}}.&'’\- ]{{0,38}})\)(?:{SP}*(?P<dash>--|—|–|―|-))?"
    ))
    .expect("agency dateline regex")
});

/// `Reuters, Springfield,` or `PTI, Springfield:`: the agency, the place, and a comma, colon or
/// dash or nothing, on a line of their own (or with the story after a colon or dash).
static AGENCY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let main = place_words(WORD);
    let region = region_words(WORD);
    Regex::new(&format!(
        r"^(?P<agency>{WORD}(?:{SP}+{WORD}){{0,2}}),{SP}*(?P<main>{main})(?:,{SP}*(?P<region>{region}))?{SP}*(?P<sep>,|{SEPARATOR})?"
    ))
    .expect("agency-first dateline regex")
});

/// `SPRINGFIELD, ILLINOIS` alone on the first line.
static PLACE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let main = place_words(WORD);
    let region = region_words(WORD);
    Regex::new(&format!(r"^(?P<main>{main}),{SP}*(?P<region>{region}){SP}*$")).expect("place line regex")
});

/// What separates the dateline from the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    Dash,
    Colon,
    /// None: the story follows the outlet's closing parenthesis ("Springfield (CNN)The").
    Parenthesis,
}

/// An opening shaped like a place's dateline, before any judgement of whether it names one.
struct Head<'a> {
    /// The place's own name as written: "SPRINGFIELD", "New York".
    main: &'a str,
    /// [`Head::main`] in natural case, as the gazetteer spells names.
    natural: String,
    /// Written in capitals, as the wire writes places (two letters at least).
    caps: bool,
    /// The state or country after it, as written: "Ill.", "Karnataka, India".
    region: Option<&'a str>,
    /// The country in square brackets right after it, as one Indian agency writes it:
    /// "Springfield [India], Nov 19 (ANI):".
    bracket: Option<&'a str>,
    date: Option<DateExpr>,
    /// The outlet credited in parentheses or between slashes.
    agency: Option<String>,
    separator: Separator,
    /// The text after the separator.
    after: &'a str,
}

impl<'a> Head<'a> {
    fn new(main: &'a str, region: Option<&'a str>, separator: Separator, after: &'a str) -> Self {
        Head {
            main,
            natural: natural_case(main),
            caps: is_all_caps(main) && main.chars().filter(|c| c.is_alphabetic()).count() >= 2,
            region,
            bracket: None,
            date: None,
            agency: None,
            separator,
            after,
        }
    }

    /// The dateline, when the evidence says the head names a place.
    fn into_parsed(self, end: usize) -> Option<Parsed> {
        if judge(&self).1 != Verdict::Place {
            return None;
        }
        Some(Parsed {
            end,
            place: Some(place_name(self.main, self.bracket, self.region)),
            strong: self.caps
                || self.agency.is_some()
                || self.date.is_some()
                || self.region.is_some_and(region_is_state_or_country),
            agency: self.agency,
            date: self.date,
        })
    }
}

/// What a rule of [`EVIDENCE`] says about the words before the dash or colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Place,
    NotPlace,
}

/// One piece of evidence: `Some` settles the question, `None` leaves it to the next rule.
type Evidence = fn(&Head<'_>) -> Option<Verdict>;

/// Whether an opening names a place, in the order the evidence is weighed: what rules a head
/// out comes before what rules it in. Nothing said means no dateline.
const EVIDENCE: &[(&str, Evidence)] = &[
    ("a photo caption's place and date", photo_caption),
    ("a label in capitals, not a place", label_not_place),
    ("a date, not a place", calendar_word),
    ("a sentence's opening words", sentence_opening),
    ("an outlet credited", outlet_credited),
    ("a filing date", dated),
    ("a state or country after it", state_or_country_after),
    ("a known place after it", known_place_after),
    ("a place known on sight", known_on_sight),
    ("capitals before a dash", capitals_before_dash),
    ("a town that is no one's name", town_not_a_name),
];

/// The first rule of [`EVIDENCE`] with a verdict, and its name.
fn judge(head: &Head<'_>) -> (&'static str, Verdict) {
    EVIDENCE
        .iter()
        .find_map(|&(name, rule)| rule(head).map(|v| (name, v)))
        .unwrap_or(("nothing says it is a place", Verdict::NotPlace))
}

/// Photo agencies open a caption with the place and the date in capitals:
/// "SPRINGFIELD, ILLINOIS - NOVEMBER 19: Jane Roe speaks …". That is a caption, not a story.
fn photo_caption(h: &Head<'_>) -> Option<Verdict> {
    static CAPTION_DATE: LazyLock<Regex> = LazyLock::new(|| {
        let months = month_alternation();
        Regex::new(&format!(r"^\s*(?i:{months})\.?{SP}+[0-9]{{1,2}}(?:,{SP}*[0-9]{{4}})?:"))
            .expect("caption date regex")
    });
    (h.caps && h.separator == Separator::Dash && CAPTION_DATE.is_match(h.after)).then_some(Verdict::NotPlace)
}

/// "UPDATE —", "BREAKING:", "EDITOR'S NOTE:" label the story; they are not where it was filed.
fn label_not_place(h: &Head<'_>) -> Option<Verdict> {
    (h.caps && DATELINE_NON_PLACES.contains(h.main)).then_some(Verdict::NotPlace)
}

/// A web page's timestamp opens with a month or weekday ("Nov. 18, 2019 --",
/// "Monday, Nov. 18 —"): a date, not a place.
fn calendar_word(h: &Head<'_>) -> Option<Verdict> {
    let first = h.natural.split_whitespace().next()?.trim_end_matches('.');
    (MONTHS.get(first).is_some() || WEEKDAYS.get(first).is_some()).then_some(Verdict::NotPlace)
}

/// In normal case, a function word shows a sentence ("The ministry — …", "Meanwhile, …"),
/// unless the whole is a place's name ("New York", "The Hague").
fn sentence_opening(h: &Head<'_>) -> Option<Verdict> {
    (!h.caps && h.main.split_whitespace().any(is_stop_word) && gazetteer::town(h.main).is_none())
        .then_some(Verdict::NotPlace)
}

/// "SPRINGFIELD (AP) —", "Springfield (KXYZ) —": only a dateline credits an outlet so.
/// Without a dash after the parenthesis the place must speak for itself.
fn outlet_credited(h: &Head<'_>) -> Option<Verdict> {
    (h.agency.is_some() && h.separator != Separator::Parenthesis).then_some(Verdict::Place)
}

/// "Springfield, Feb 26 -": archival wire copy dates the place it names.
fn dated(h: &Head<'_>) -> Option<Verdict> {
    h.date.is_some().then_some(Verdict::Place)
}

/// "Springfield, Ill. —", "Springfield, IL –", "Springfield, Illinois, USA:".
fn state_or_country_after(h: &Head<'_>) -> Option<Verdict> {
    h.region
        .or(h.bracket)
        .filter(|r| region_is_state_or_country(r))
        .map(|_| Verdict::Place)
}

/// "SPRINGFIELD, Acme Province —": another known place after it, unless the first words are
/// a person's name and the place where they live ("Jane Roe, Lisbon: …", a vox pop).
fn known_place_after(h: &Head<'_>) -> Option<Verdict> {
    let first = natural_word(h.main.split_whitespace().next()?);
    h.region
        .filter(|r| region_is_known(r) && !is_name_word(&first))
        .map(|_| Verdict::Place)
}

/// Countries, states, capitals and big cities are places on sight ("Lisbon —", "Mumbai:").
fn known_on_sight(h: &Head<'_>) -> Option<Verdict> {
    gazetteer::place(&h.natural).map(|_| Verdict::Place)
}

/// The wire prints its datelines in capitals before a dash, towns too small for any
/// gazetteer included ("SMALLVILLE —"). A colon after capitals is as often a label or a
/// speaker's name in a transcript ("FTC:", "JANE ROE:"), which the gazetteer must rule out.
fn capitals_before_dash(h: &Head<'_>) -> Option<Verdict> {
    (h.caps && h.separator != Separator::Colon).then_some(Verdict::Place)
}

/// Any town of the gazetteer, unless its name is also a person's ("Jackson — who …").
fn town_not_a_name(h: &Head<'_>) -> Option<Verdict> {
    (gazetteer::town(&h.natural).is_some() && (h.natural.contains(' ') || !is_name_word(&h.natural)))
        .then_some(Verdict::Place)
}

/// Every part of a region is a state (abbreviated or not) or a country.
fn region_is_state_or_country(region: &str) -> bool {
    // As written first: capitals may be the name itself ("USA", "UAE").
    let known = |name: &str| gazetteer::is_country_or_state(name);
    region
        .split(',')
        .map(str::trim)
        .all(|part| gazetteer::state_abbreviation(part).is_some() || known(part) || known(&natural_case(part)))
}

/// Every part of a region is a state or a country, or a place known on sight.
fn region_is_known(region: &str) -> bool {
    let known = |name: &str| gazetteer::is_country_or_state(name) || gazetteer::place(name).is_some();
    region
        .split(',')
        .map(str::trim)
        .all(|part| gazetteer::state_abbreviation(part).is_some() || known(part) || known(&natural_case(part)))
}

/// The place in natural case, its state or country part kept as written unless it is in
/// capitals that are not its own spelling ("LISBON, PORTUGAL" → "Lisbon, Portugal";
/// "SPRINGFIELD, ILL." → "Springfield, Ill."; "Springfield, IL" and "Springfield, USA" stay);
/// a country in brackets stays in its brackets ("Springfield [India]").
fn place_name(main: &str, bracket: Option<&str>, region: Option<&str>) -> String {
    let mut place = main.split('/').map(place_case).collect::<Vec<_>>().join("/");
    if let Some(b) = bracket {
        place.push_str(" [");
        place.push_str(b);
        place.push(']');
    }
    for part in region.into_iter().flat_map(|r| r.split(',')).map(str::trim) {
        place.push_str(", ");
        let name_as_written = gazetteer::state_abbreviation(part).is_some() || gazetteer::is_country_or_state(part);
        if is_all_caps(part) && !name_as_written {
            place.push_str(&place_case(part));
        } else {
            place.push_str(part);
        }
    }
    place
}

/// [`natural_case`], which keeps initials in capitals ("D.C."), but with the words cut short
/// that open many place names lowered too ("ST. PAUL" → "St. Paul", "FT. WORTH" → "Ft. Worth").
fn place_case(phrase: &str) -> String {
    let natural = natural_case(phrase);
    if !natural.contains('.') {
        return natural;
    }
    let words: Vec<String> = natural
        .split(' ')
        .map(|w| {
            let abbreviated = w.len() > 2 && w.ends_with('.') && w.matches('.').count() == 1;
            if abbreviated && is_all_caps(w) {
                natural_word(&w[..w.len() - 1]) + "."
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// The separator at `sep` when it stands alone: a colon or en dash followed by white space, a
/// hyphen with white space (or a parenthesis) before it and white space after, any long dash.
fn separator_stands_alone(text: &str, sep: regex::Match<'_>) -> Option<Separator> {
    let after = &text[sep.end()..];
    let spaced = after.is_empty() || after.starts_with(char::is_whitespace);
    let before = &text[..sep.start()];
    match sep.as_str() {
        // A colon also ends labels ("Update: the council …"); the story after a dateline's
        // colon opens a sentence.
        ":" => (spaced && story_follows(after)).then_some(Separator::Colon),
        // The full stop closing a credit between slashes ends the dateline as a dash does.
        "." => spaced.then_some(Separator::Dash),
        // Hyphenated words inside the place would have been eaten by WORD; a "-" glued to
        // the previous word is a hyphen, not a dash.
        "-" | "_" => (spaced && before.ends_with(|c: char| c == ')' || c.is_whitespace())).then_some(Separator::Dash),
        "–" => spaced.then_some(Separator::Dash),
        _ => Some(Separator::Dash),
    }
}

/// `SPRINGFIELD, Ill. (AP) —`, `Springfield, Feb 26 -`, `NEW DELHI (PTI):`, `Mumbai:`.
fn place_then_separator(text: &str) -> Option<Parsed> {
    let (head, end) = read_head(text)?;
    head.into_parsed(end)
}

/// The parts of a place's dateline at the start of `text`, and where it ends.
fn read_head(text: &str) -> Option<(Head<'_>, usize)> {
    let line = first_line(text);
    // Nothing in the pattern matches a line break, and it ends in a dash or colon, a closing
    // parenthesis or the full stop after slashes: without one on the first line (most
    // paragraphs) the regex is not run.
    if !line.contains(['-', '—', '–', '―', '_', ':', ')']) && !line.contains("/.") {
        return None;
    }
    let pattern = if letters_are_ascii(line) {
        &*ASCII_PLACE_DATELINE
    } else {
        &*PLACE_DATELINE
    };
    // The automaton rejects most openings within a few words; capture groups (whose engine
    // first sets up state for the whole haystack) are only worth it for a match.
    if !pattern.is_match(line) {
        return None;
    }
    let c = pattern.captures(line)?;
    let (end, separator) = dateline_end(text, &c)?;
    let mut head = Head::new(
        c.name("main")?.as_str().trim(),
        c.name("region").map(|m| m.as_str().trim()),
        separator,
        &text[end..],
    );
    head.bracket = c.name("bracket").map(|m| m.as_str().trim());
    head.agency = credited_outlet(&c)?;
    head.date = c.name("date").and_then(|m| filing_date_of(m.as_str()));
    Some((head, end))
}

/// Where the dateline the pattern matched ends, and how.
fn dateline_end(text: &str, c: &regex::Captures<'_>) -> Option<(usize, Separator)> {
    if let Some(outlet) = c.name("closing_agency") {
        let end = c.get(0)?.end();
        return (glued_outlet(outlet.as_str().trim(), c.name("main")?.as_str()) && story_follows(&text[end..]))
            .then_some((end, Separator::Parenthesis));
    }
    let sep = c
        .name("sep")
        .or_else(|| c.name("stop"))
        .or_else(|| c.name("slash_stop"))?;
    Some((sep.end(), separator_stands_alone(text, sep)?))
}

/// With nothing after the parenthesis, only a wire agency known by name, a station's call
/// sign or an agency's acronym is sure to be the dateline's outlet ("Springfield (CNN)The",
/// "Springfield, Nov 19 (PTI) The"). An acronym of the words before it only defines an
/// abbreviation ("Acme Union (AU) officials").
fn glued_outlet(outlet: &str, main: &str) -> bool {
    let known = outlet
        .split_whitespace()
        .next()
        .is_some_and(|w| gazetteer::agency(w).is_some());
    let acronym = (2..=5).contains(&outlet.len()) && outlet.bytes().all(|b| b.is_ascii_uppercase());
    known || is_call_sign(outlet) || acronym && !abbreviates(outlet, main)
}

/// Whether `acronym` is made of the initials of the capitalised words of `name`.
fn abbreviates(acronym: &str, name: &str) -> bool {
    let initials = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase());
    acronym.chars().eq(initials)
}

/// The outlet credited, as written: `Some(None)` when there is none, `None` when the
/// parentheses hold something else ("Springfield (Ill.) —"), which makes no dateline.
fn credited_outlet(c: &regex::Captures<'_>) -> Option<Option<String>> {
    let wire = c.name("wire").or_else(|| c.name("stopped_wire"));
    let agency = c
        .name("agency")
        .or_else(|| c.name("stopped_agency"))
        .or_else(|| c.name("closing_agency"));
    Some(match (agency, wire) {
        (Some(a), _) => Some(Some(a.as_str().trim()).filter(|a| outlet_like(a))?.to_string()),
        (None, Some(w)) => Some(w.as_str().trim().to_string()),
        (None, None) => None,
    })
}

/// The date a dateline's date part states. A month in capitals is read in natural case, and
/// a day written first ("19 November") is read in the month-first order the date reader
/// knows without a year.
fn filing_date_of(date: &str) -> Option<DateExpr> {
    let date = if is_all_caps(date) {
        natural_case(date)
    } else {
        date.to_string()
    };
    let mut parts = date.split_whitespace();
    let month_first = match (parts.next(), parts.next(), parts.next()) {
        (Some(day), Some(month), year) if day.bytes().all(|b| b.is_ascii_digit()) => match year {
            Some(year) => format!("{month} {day}, {year}"),
            None => format!("{month} {day}"),
        },
        _ => date,
    };
    find_dates(&month_first).into_iter().next().map(|f| f.expr)
}

/// A US broadcaster's call sign: K or W and two or three more capitals, maybe a band after a
/// hyphen ("KXYZ", "WABC-TV").
fn is_call_sign(s: &str) -> bool {
    let (base, band) = s.split_once('-').unwrap_or((s, ""));
    (3..=4).contains(&base.len())
        && base.starts_with(['K', 'W'])
        && base.bytes().all(|b| b.is_ascii_uppercase())
        && band.len() <= 2
        && band.bytes().all(|b| b.is_ascii_uppercase())
}

/// The story starts here: a capital, a figure or a quotation mark (or nothing, the story on
/// the next line).
fn story_follows(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_none_or(|n| n.is_uppercase() || n.is_numeric() || super::text::is_double_quote(n))
}

/// `(CNN) --`, `(Reuters) -`, `(Springfield Courier) —`, or `(CNN)` followed directly by the
/// story.
fn agency_alone(text: &str) -> Option<Parsed> {
    if !text.starts_with('(') {
        return None;
    }
    let c = AGENCY_DATELINE.captures(text)?;
    let agency = c.name("agency")?.as_str().trim();
    let end = match c.name("dash") {
        Some(d) => {
            let after = &text[d.end()..];
            if !(after.is_empty() || after.starts_with(char::is_whitespace)) || !outlet_like(agency) {
                return None;
            }
            d.end()
        }
        None => {
            let close = c.get(0)?.end();
            // Without a dash the story must follow at once, and only a wire agency or an
            // acronym-led desk is sure to be the dateline ("(CNN)", "(CNN Business)").
            if !agency_like(agency) || !story_follows(&text[close..]) {
                return None;
            }
            close
        }
    };
    Some(Parsed {
        end,
        place: None,
        agency: Some(agency.to_string()),
        date: None,
        strong: true,
    })
}

/// Looks like the name of an agency or outlet: short, capitalised words, known or acronym-led.
fn agency_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if gazetteer::agency(s).is_some() {
        return true;
    }
    let first = words[0];
    (is_all_caps(first) && first.len() >= 2 || gazetteer::agency(first).is_some())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(|w| is_caption_direction(w))
}

/// "(L-R)", "(R-L)": a caption's reading direction, letters joined by hyphens, not an outlet
/// ("(WABC-TV)" is one).
fn is_caption_direction(word: &str) -> bool {
    word.contains('-')
        && word
            .split('-')
            .any(|part| part.chars().filter(|c| c.is_alphabetic()).count() < 2)
}

/// In parentheses before a dateline's dash, who filed the story, as written: a wire agency
/// ("AP"), a broadcaster or its branded desk ("CNN Business"), a station's call sign
/// ("KXYZ"), a newspaper ("Springfield Courier", "Voice of Acme"). A few capitalised words
/// (small words between them) that are not themselves a place ("Kyiv (Kiev) —"), a state
/// ("Springfield (Ill.) —") or a label ("(UPDATED) —").
fn outlet_like(s: &str) -> bool {
    if agency_like(s) && gazetteer::agency(s).is_some() {
        return true;
    }
    // German-language agencies write their acronym in lower case: "Springfield (ots) -".
    if (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase()) {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let last = words.len().wrapping_sub(1);
    let shaped = (1..=4).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase) || i != 0 && i != last && TITLE_SMALL_WORDS.contains(w)
        });
    shaped
        && !words.iter().any(|w| is_caption_direction(w))
        && !s.chars().any(char::is_numeric)
        && gazetteer::state_abbreviation(s).is_none()
        && gazetteer::town(&natural_case(s)).is_none()
        && !gazetteer::is_country_or_state(s)
        && !DATELINE_NON_PLACES.contains(&s.to_uppercase())
}

/// An agency named before the place: a wire agency or an agency's short acronym ("PTI"),
/// never a place written in capitals ("PARIS, France:").
fn filing_agency(s: &str) -> bool {
    if gazetteer::agency(s).is_some() {
        return true;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    !s.contains([' ', '.'])
        && is_all_caps(s)
        && (2..=6).contains(&letters)
        && gazetteer::state_abbreviation(s).is_none()
        && gazetteer::town(&natural_case(s)).is_none()
}

/// `Reuters, Springfield,` or `PTI, Springfield:` on a line of their own (some papers print
/// the agency and the place above the story), or with the story after a colon or dash.
fn agency_then_place(text: &str) -> Option<Parsed> {
    let line = first_line(text);
    // A few words with a comma after the first ones; most paragraphs are longer.
    if line.len() > 80 || !line.contains(',') {
        return None;
    }
    let c = AGENCY_FIRST.captures(line)?;
    let end = c.get(0)?.end();
    let rest = &line[end..];
    let sep = c.name("sep").map(|m| m.as_str());
    let story_follows = sep.is_some_and(|s| s != ",") && rest.starts_with(char::is_whitespace);
    if !(rest.trim().is_empty() || story_follows) {
        return None;
    }
    let agency = c.name("agency")?.as_str();
    let main = c.name("main")?.as_str().trim();
    let region = c.name("region").map(|m| m.as_str().trim());
    // The agency first: few lines open with one, and the place lookups cost more.
    if !filing_agency(agency) {
        return None;
    }
    let natural = natural_case(main);
    let known = gazetteer::town(&natural).is_some() || gazetteer::is_country_or_state(&natural);
    if !known || region.is_some_and(|r| !region_is_known(r)) {
        return None;
    }
    Some(Parsed {
        end,
        place: Some(place_name(main, None, region)),
        agency: Some(agency.to_string()),
        date: None,
        strong: true,
    })
}

/// `SPRINGFIELD, ILLINOIS` alone on the first line, as press releases open: capitals, and a
/// state or country after the place. Only as the first paragraph (not strong): a line in
/// capitals further down is as likely a kicker.
fn place_line(text: &str) -> Option<Parsed> {
    let line = first_line(text).trim_end();
    if line.len() > 60 || !is_all_caps(line) || !line.contains(',') {
        return None;
    }
    let c = PLACE_LINE.captures(line)?;
    let main = c.name("main")?.as_str().trim();
    let region = c.name("region")?.as_str().trim();
    if DATELINE_NON_PLACES.contains(main) || !region_is_state_or_country(region) {
        return None;
    }
    Some(Parsed {
        end: line.len(),
        place: Some(place_name(main, None, Some(region))),
        agency: None,
        date: None,
        strong: false,
    })
}

/// Structures a dateline written by hand, which may lack its dash ("Moscow", "MOSCOW (AP)").
pub fn parse_raw(raw: &str) -> Parsed {
    let trimmed = raw.trim();
    if let Some(p) = parse_at_start(trimmed) {
        return p;
    }
    let with_dash = format!("{trimmed} —");
    if let Some(mut p) = parse_at_start(&with_dash) {
        p.end = trimmed.len();
        return p;
    }
    let place = trimmed.trim_end_matches(['-', '—', '–', ' ']).trim();
    Parsed {
        end: trimmed.len(),
        place: (!place.is_empty()).then(|| natural_case(place)),
        agency: None,
        date: None,
        strong: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, raw dateline, place, agency, the convention that reads it)
    type Row = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
    );

    const PLACE_FIRST: &str = "place, then dash or colon";
    const ALONE: &str = "agency alone";
    const AGENCY_FIRST_LINE: &str = "agency, then place, on a line of their own";
    const PLACE_LINE_RULE: &str = "press release's place line";

    /// One row per convention, with invented places where the gazetteer need not know them.
    const CONVENTIONS: &[Row] = &[
        // AP: place in capitals, state or country as written, agency, dash.
        (
            "SPRINGFIELD (AP) — The council",
            "SPRINGFIELD (AP) —",
            Some("Springfield"),
            Some("AP"),
            PLACE_FIRST,
        ),
        // AP's wire of the 1980s and 1990s: an underscore for the dash.
        (
            "SPRINGFIELD, Ill. (AP) _ The state",
            "SPRINGFIELD, Ill. (AP) _",
            Some("Springfield, Ill."),
            Some("AP"),
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, Ill. (AP) – The state",
            "SPRINGFIELD, Ill. (AP) –",
            Some("Springfield, Ill."),
            Some("AP"),
            PLACE_FIRST,
        ),
        (
            "LISBON, Portugal (AP) — A minister",
            "LISBON, Portugal (AP) —",
            Some("Lisbon, Portugal"),
            Some("AP"),
            PLACE_FIRST,
        ),
        (
            "SETÚBAL, Portugal (AP) — For",
            "SETÚBAL, Portugal (AP) —",
            Some("Setúbal, Portugal"),
            Some("AP"),
            PLACE_FIRST,
        ),
        (
            "LOS ANGELES (AP) — To a star",
            "LOS ANGELES (AP) —",
            Some("Los Angeles"),
            Some("AP"),
            PLACE_FIRST,
        ),
        // Reuters, with the filing date; in 1987 without the agency, in capitals or not.
        (
            "SPRINGFIELD, Oct 13 (Reuters) - The",
            "SPRINGFIELD, Oct 13 (Reuters) -",
            Some("Springfield"),
            Some("Reuters"),
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, March 2 - Acme Corp",
            "SPRINGFIELD, March 2 -",
            Some("Springfield"),
            None,
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, Ill., March 3 - Acme",
            "SPRINGFIELD, Ill., March 3 -",
            Some("Springfield, Ill."),
            None,
            PLACE_FIRST,
        ),
        (
            "ST. PAUL, Minn., March 6 - Acme",
            "ST. PAUL, Minn., March 6 -",
            Some("St. Paul, Minn."),
            None,
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, MARCH 2 - Shares of",
            "SPRINGFIELD, MARCH 2 -",
            Some("Springfield"),
            None,
            PLACE_FIRST,
        ),
        (
            "NEW YORK , March 5 - The",
            "NEW YORK , March 5 -",
            Some("New York"),
            None,
            PLACE_FIRST,
        ),
        (
            "RIO DE JANEIRO, March 5 - The",
            "RIO DE JANEIRO, March 5 -",
            Some("Rio de Janeiro"),
            None,
            PLACE_FIRST,
        ),
        (
            "New York, Feb 26 - Acme Corp",
            "New York, Feb 26 -",
            Some("New York"),
            None,
            PLACE_FIRST,
        ),
        (
            "Springfield, March 5 - The",
            "Springfield, March 5 -",
            Some("Springfield"),
            None,
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, 19 November (Reuters) - The",
            "SPRINGFIELD, 19 November (Reuters) -",
            Some("Springfield"),
            Some("Reuters"),
            PLACE_FIRST,
        ),
        // Newspapers: the place alone, or with its state (AP or postal) or country.
        ("LONDON — An insurer", "LONDON —", Some("London"), None, PLACE_FIRST),
        (
            "LONDON\u{a0}— An insurer",
            "LONDON\u{a0}—",
            Some("London"),
            None,
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, Ill.\u{a0}(AP)\u{a0}- The",
            "SPRINGFIELD, Ill.\u{a0}(AP)\u{a0}-",
            Some("Springfield, Ill."),
            Some("AP"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE – Two officers",
            "SMALLVILLE –",
            Some("Smallville"),
            None,
            PLACE_FIRST,
        ),
        (
            "Smallville, Ill. — A quarterback",
            "Smallville, Ill. —",
            Some("Smallville, Ill."),
            None,
            PLACE_FIRST,
        ),
        (
            "New York, NY – Acme Corp, a maker",
            "New York, NY –",
            Some("New York, NY"),
            None,
            PLACE_FIRST,
        ),
        (
            "Smallville, KS – The council",
            "Smallville, KS –",
            Some("Smallville, KS"),
            None,
            PLACE_FIRST,
        ),
        ("Lisbon — The council", "Lisbon —", Some("Lisbon"), None, PLACE_FIRST),
        // Broadcasters, branded desks, stations and papers in parentheses, as written.
        (
            "Hong Kong (CNN Business) -- A deal",
            "Hong Kong (CNN Business) --",
            Some("Hong Kong"),
            Some("CNN Business"),
            PLACE_FIRST,
        ),
        (
            "New York (CNN Money) -- A deal",
            "New York (CNN Money) --",
            Some("New York"),
            Some("CNN Money"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE (KXYZ) — Firefighters",
            "SMALLVILLE (KXYZ) —",
            Some("Smallville"),
            Some("KXYZ"),
            PLACE_FIRST,
        ),
        (
            "Smallville, Kan. (WABC) — Firefighters",
            "Smallville, Kan. (WABC) —",
            Some("Smallville, Kan."),
            Some("WABC"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE (WABC-TV) — Firefighters",
            "SMALLVILLE (WABC-TV) —",
            Some("Smallville"),
            Some("WABC-TV"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE (Springfield Courier) — The",
            "SMALLVILLE (Springfield Courier) —",
            Some("Smallville"),
            Some("Springfield Courier"),
            PLACE_FIRST,
        ),
        // CNN on the web: no dash, the story glued to the parenthesis.
        (
            "Lisbon (CNN)The president",
            "Lisbon (CNN)",
            Some("Lisbon"),
            Some("CNN"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE (KXYZ) Firefighters",
            "SMALLVILLE (KXYZ)",
            Some("Smallville"),
            Some("KXYZ"),
            PLACE_FIRST,
        ),
        (
            "Springfield, Nov 19 (PTI) The council",
            "Springfield, Nov 19 (PTI)",
            Some("Springfield"),
            Some("PTI"),
            PLACE_FIRST,
        ),
        // Press releases: the wire between slashes or parentheses glued to the dashes.
        (
            "SMALLVILLE, Ill., Nov. 19, 2019 /PRNewswire/ -- Acme",
            "SMALLVILLE, Ill., Nov. 19, 2019 /PRNewswire/ --",
            Some("Smallville, Ill."),
            Some("PRNewswire"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE, Ill.--(BUSINESS WIRE)--Acme Corp",
            "SMALLVILLE, Ill.--(BUSINESS WIRE)--",
            Some("Smallville, Ill."),
            Some("BUSINESS WIRE"),
            PLACE_FIRST,
        ),
        (
            "SMALLVILLE, ILLINOIS\nAcme Corp, a maker",
            "SMALLVILLE, ILLINOIS",
            Some("Smallville, Illinois"),
            None,
            PLACE_LINE_RULE,
        ),
        (
            "SPRINGFIELD, 19 Nov (EFE).- El consejo",
            "SPRINGFIELD, 19 Nov (EFE).-",
            Some("Springfield"),
            Some("EFE"),
            PLACE_FIRST,
        ),
        (
            "SPRINGFIELD, November 19. /TASS/. The council",
            "SPRINGFIELD, November 19. /TASS/.",
            Some("Springfield"),
            Some("TASS"),
            PLACE_FIRST,
        ),
        (
            "Springfield (ots) - Der Rat",
            "Springfield (ots) -",
            Some("Springfield"),
            Some("ots"),
            PLACE_FIRST,
        ),
        // The colon of Indian and other agencies.
        (
            "NEW DELHI: The council",
            "NEW DELHI:",
            Some("New Delhi"),
            None,
            PLACE_FIRST,
        ),
        (
            "NEW DELHI (PTI): The council",
            "NEW DELHI (PTI):",
            Some("New Delhi"),
            Some("PTI"),
            PLACE_FIRST,
        ),
        (
            "Mumbai, Nov 19 (IANS): The",
            "Mumbai, Nov 19 (IANS):",
            Some("Mumbai"),
            Some("IANS"),
            PLACE_FIRST,
        ),
        ("Lisbon: The council met", "Lisbon:", Some("Lisbon"), None, PLACE_FIRST),
        (
            "Springfield [India], Nov 19 (ANI): The",
            "Springfield [India], Nov 19 (ANI):",
            Some("Springfield [India]"),
            Some("ANI"),
            PLACE_FIRST,
        ),
        // A story filed from two cities.
        (
            "LISBON/PORTO (Reuters) - Shares",
            "LISBON/PORTO (Reuters) -",
            Some("Lisbon/Porto"),
            Some("Reuters"),
            PLACE_FIRST,
        ),
        (
            "Smallville, Kansas, USA: The",
            "Smallville, Kansas, USA:",
            Some("Smallville, Kansas, USA"),
            None,
            PLACE_FIRST,
        ),
        // The agency alone.
        ("(Reuters) - Shares rose", "(Reuters) -", None, Some("Reuters"), ALONE),
        ("(CNN) -- Forty reels", "(CNN) --", None, Some("CNN"), ALONE),
        ("(CNN) The president", "(CNN)", None, Some("CNN"), ALONE),
        (
            "(Springfield Courier) — The council",
            "(Springfield Courier) —",
            None,
            Some("Springfield Courier"),
            ALONE,
        ),
        // The agency first, the place after it, on a line of their own.
        (
            "Reuters, Lisbon,",
            "Reuters, Lisbon,",
            Some("Lisbon"),
            Some("Reuters"),
            AGENCY_FIRST_LINE,
        ),
        (
            "PTI, New Delhi:\nThe council met",
            "PTI, New Delhi:",
            Some("New Delhi"),
            Some("PTI"),
            AGENCY_FIRST_LINE,
        ),
        (
            "IANS, Mumbai: The council met",
            "IANS, Mumbai:",
            Some("Mumbai"),
            Some("IANS"),
            AGENCY_FIRST_LINE,
        ),
    ];

    #[test]
    fn dateline_conventions() {
        for &(text, raw, place, agency, rule) in CONVENTIONS {
            let got = read_opening(text);
            let (name, p) = got.unwrap_or_else(|| panic!("no dateline in {text}"));
            assert_eq!(&text[..p.end], raw, "{text}");
            assert_eq!(p.place.as_deref(), place, "{text}");
            assert_eq!(p.agency.as_deref(), agency, "{text}");
            assert_eq!(name, rule, "{text}");
        }
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for text in [
            "The Ministry has denied the accusation.",
            "Prosecutors in Sweden — and elsewhere — have dropped it.",
            "Roe — who spoke later — said so.",
            "Jackson — who spoke later — said so.",
            "Mr. Smith - a banker - said.",
            "(Roe, it’s fair to add, often asked for it.)",
            "(L-R) Jane Roe, John Doe and Acme staff.",
            "(L-R) — Jane Roe, John Doe and Acme staff.",
            "Well-known writers — all of them — came.",
            "UPDATE — The story changed.",
            "Update: the council met again.",
            "BREAKING: The council met.",
            "Editor's note: This story was changed.",
            "FTC: We use affiliate links.",
            "Pro tip: Get more ideas here!",
            "JANE ROE: Thank you for coming.",
            "Lunch Box Sizes: 1 Green",
            "April 17, 2015 -- Life goes on.",
            "Nov. 18, 2019 -- The council met.",
            "Monday, Nov. 18 — The council met.",
            "“Springfield — that is ours,” she said.",
            "Springfield (Ill.) — The council met.",
            "Reuters, Lisbon, reported on Monday that",
            "JANE ROE, ASSOCIATED PRESS",
            "JANE ROE, LISBON",
            "SPRINGFIELD, ILLINOIS - NOVEMBER 19: Jane Roe speaks at a rally.",
            "Acme Corp, Springfield:",
            "Smallville, ST: The council met.",
            "The time was 10:30 a.m.",
            "WASHINGTON. The council met.",
            "Acme Union (AU) Officials met.",
            "Lisbon: the view from the river.",
            "United States (US) Attorney Jane Roe said.",
            "Jackson (CNN) The council met.",
            "Springfield (Ill.).- The council met.",
            "SPRINGFIELD_ROE (AP) was its file name.",
            "Jane Roe _ a pseudonym _ wrote it.",
            "",
            "(",
        ] {
            assert_eq!(read_opening(text), None, "{text}");
        }
    }

    #[test]
    fn evidence_that_an_opening_names_a_place() {
        let rows: &[(&str, &str, Verdict)] = &[
            (
                "SPRINGFIELD, ILLINOIS - NOVEMBER 19: Jane",
                "a photo caption's place and date",
                Verdict::NotPlace,
            ),
            ("UPDATE — The", "a label in capitals, not a place", Verdict::NotPlace),
            ("Monday, Nov. 18 — The", "a date, not a place", Verdict::NotPlace),
            ("The Ministry — which", "a sentence's opening words", Verdict::NotPlace),
            ("New York (CNN) — A", "an outlet credited", Verdict::Place),
            ("Smallville, March 5 - The", "a filing date", Verdict::Place),
            ("Smallville, Ill. — The", "a state or country after it", Verdict::Place),
            ("SMALLVILLE, Lisbon: The", "a known place after it", Verdict::Place),
            ("Jane Roe, Lisbon: The", "nothing says it is a place", Verdict::NotPlace),
            ("Lisbon: The", "a place known on sight", Verdict::Place),
            ("SMALLVILLE — The", "capitals before a dash", Verdict::Place),
            ("SMALLVILLE: The", "nothing says it is a place", Verdict::NotPlace),
            ("Jackson — who", "nothing says it is a place", Verdict::NotPlace),
        ];
        for &(text, name, verdict) in rows {
            let (head, _) = read_head(text).unwrap_or_else(|| panic!("no head in {text}"));
            assert_eq!(judge(&head), (name, verdict), "{text}");
        }
    }

    #[test]
    fn filing_dates() {
        let month_day = |month, day| Some(DateExpr::MonthDay { month, day });
        let rows: &[(&str, Option<DateExpr>)] = &[
            ("SPRINGFIELD, Oct 13 (Reuters) - The", month_day(10, 13)),
            ("SPRINGFIELD, MARCH 2 - Shares", month_day(3, 2)),
            ("SPRINGFIELD, 19 November (Reuters) - The", month_day(11, 19)),
            (
                "SPRINGFIELD, 19 Nov 2019 (Reuters) - The",
                Some(DateExpr::Full(jiff::civil::date(2019, 11, 19))),
            ),
            ("Mumbai, Nov 19 (IANS): The", month_day(11, 19)),
            (
                "SMALLVILLE, Ill., Nov. 19, 2019 /PRNewswire/ -- Acme",
                Some(DateExpr::Full(jiff::civil::date(2019, 11, 19))),
            ),
            ("SPRINGFIELD (AP) — The", None),
        ];
        for (text, date) in rows {
            let p = parse_at_start(text).unwrap_or_else(|| panic!("no dateline in {text}"));
            assert_eq!(p.date, *date, "{text}");
        }
    }

    #[test]
    fn hand_written_datelines() {
        let p = parse_raw("SPRINGFIELD (AP)");
        assert_eq!(p.place.as_deref(), Some("Springfield"));
        assert_eq!(p.agency.as_deref(), Some("AP"));
        assert_eq!(parse_raw("Lisbon").place.as_deref(), Some("Lisbon"));
        assert_eq!(parse_raw("NEW DELHI:").place.as_deref(), Some("New Delhi"));
    }
}
