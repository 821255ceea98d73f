//! Bylines and sign-offs: who wrote the story and which agencies it came from.
//!
//! A byline line is read in three steps, each an ordered table of small conventions:
//! 1. where the names start ([`open`]): after a date printed before the byline
//!    ("February 1, 2019 | By Jane Roe", "Nov 20, 2019 Jane Roe") and after the opener ("By",
//!    "Analysis by", "Tested by:", and the "Par", "Por", "Von" of other languages);
//! 2. where they end ([`NAME_ENDS`]): at a pipe, a semicolon, a spaced dash, a handle or e-mail address, a
//!    date, time or number, a field label or a bracket ("By Jane Roe | Special to the Courier",
//!    "Jane Roe - Nov 19, 2019, 8:15 pm CST", "By Jane Roe @janeroe");
//! 3. which of the words left are names ([`read_names`]): commas part the names from the outlet
//!    unless an "and" lists more names ("By Jane Roe, Springfield Courier" but "By A, B and C,
//!    CNN"), and a job title, credential, known outlet, web address or place ends a name
//!    ([`WORD_STOPS`]).
//!
//! A byline that credits only an outlet or its staff ("By Springfield Courier Staff", "By
//! admin") names no one. At the foot of Reuters copy `(Reporting by …; Editing by …)` or a lone
//! `REUTER` signs off. Names come back in natural case; outlets become sources, not authors.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{DateExpr, alternation, find_dates, month_number};
use super::gazetteer;
use super::lexicon;
use super::lists::{
    AUTHOR_NOTE_VERBS, BYLINE_BY_WORDS, BYLINE_CREDENTIALS, BYLINE_DESKS, BYLINE_HONORIFICS, BYLINE_JOB_WORDS,
    BYLINE_LABELS, BYLINE_OPENERS, BYLINE_TAIL_WORDS, BYLINE_TITLES, CONTACT_VERBS, COORDINATING_CONJUNCTIONS,
    CREDIT_PICTURE_WORDS, CREDIT_SIGNALS, SIGNATURE_ROLES, SIGNOFF_AGENCIES, SIGNOFF_ROLES, TIME_ZONES,
    TIMESTAMP_WORDS, TITLE_SMALL_WORDS, WEEKDAY_ABBREVIATIONS, WEEKDAYS,
};
use super::names;
use super::text::{is_all_caps, is_one_line, natural_case, sentences};

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub names: Vec<String>,
    /// Agencies credited for the reporting ("Reuters", "Associated Press").
    pub sources: Vec<String>,
    /// The line opened with "By" (or its like): a byline by its own say, not by its shape.
    pub prefixed: bool,
}

/// "By", "Analysis by", "Tested by:", "BY:", the same word in other languages ("Par", "Por",
/// "Von", "Di", "Door", "Av": [`BYLINE_BY_WORDS`]), and a field label ("Author: Jane Roe").
/// Group `by` is the word itself, when there is one.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    let openers = alternation(BYLINE_OPENERS.iter());
    let by = alternation(BYLINE_BY_WORDS.iter());
    let labels = alternation(BYLINE_LABELS.iter());
    Regex::new(&format!(
        r"^(?i:(?:(?:{openers})\s+)?(?P<by>{by})(?:\s*:\s*|\s+)|(?:{labels})\s*:\s*)"
    ))
    .expect("byline prefix regex")
});

/// A "by" after other words: "February 1, 2019 | BY: Jane Roe", "Monday 7:45 am PST by Jane Roe".
static LATE_BY: LazyLock<Regex> = LazyLock::new(|| {
    let by = alternation(BYLINE_BY_WORDS.iter());
    Regex::new(&format!(r"(?i)(?:^|[\s|·•,])(?:{by})(?:\s*:\s*|\s+)")).expect("late by regex")
});

static NO_NAME_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let desks = alternation(BYLINE_DESKS.iter());
    Regex::new(&format!(r"(?i)^(?:[\p{{L}} .&'’-]{{1,40}}\s)?(?:{desks})$")).expect("no-name byline regex")
});

/// A word of the writer's job title, which ends the names.
fn is_job_word(w: &str) -> bool {
    BYLINE_JOB_WORDS.contains_lowercase_of(w)
}

/// An agency or outlet named in a byline ("Reuters", "Ap", "CNN", "USA TODAY").
fn outlet(words: &[&str]) -> Option<String> {
    let words = &words[..words.len().min(4)];
    // Every candidate is a prefix of the first four words joined: one string, cut shorter.
    let joined = words.join(" ");
    let mut end = joined.len();
    for n in (1..=words.len()).rev() {
        let cand = &joined[..end];
        if let Some(a) = gazetteer::agency(cand) {
            return Some(a.to_string());
        }
        if gazetteer::is_known_org(cand) {
            return Some(cand.to_string());
        }
        end = end.saturating_sub(words[n - 1].len() + 1);
    }
    None
}

/// Parses a byline block. `top` is true for lines above the story, where bare names are bylines.
pub fn parse(block: &str, top: bool) -> Option<Byline> {
    let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match lines.as_slice() {
        [one] => parse_line(one, top),
        // "By" over "Jane Roe": a page that links the writer's name prints it on a line of its
        // own after the opener.
        [opener, name] if opener_alone(opener) => parse_line(&format!("{opener} {name}"), top),
        // "Jane Roe" over "Reporter" over "@janeroe": the name, then the post and the
        // writer's address or handle, each on a line of its own.
        [name, below @ ..] if top && below.len() <= 2 && below.iter().any(|l| contact_line(l)) => {
            let described = below
                .iter()
                .all(|l| contact_line(l) || post_or_outlet_line(l) || outlet_line(l));
            let b = parse_line(name, true).filter(|b| !b.names.is_empty())?;
            described.then_some(b)
        }
        // "JANE ROE" over "Associated Press", over "March 11, 2015 3:46 PM", or "By Jane Roe"
        // over the outlet's desk ("Springfield Courier Health News"): web pages print the
        // byline's name on a line of its own and what the story is from, or when, under it.
        [name, below] if top => {
            let below = below.trim();
            let source = gazetteer::agency(below)
                .map(str::to_string)
                .or_else(|| gazetteer::is_known_org(below).then(|| below.to_string()));
            let opened = open(name, true).prefixed;
            let affiliation = post_line(below) || outlet_line(below) && (opened || post_or_outlet_line(below));
            if source.is_none() && !all_time_words(below) && !affiliation {
                return None;
            }
            let mut b = parse_line(name, true)?;
            if b.names.is_empty() {
                return None;
            }
            b.sources.extend(source);
            Some(b)
        }
        _ => None,
    }
}

/// "By", "By:", "Von": an opener alone on its line.
fn opener_alone(line: &str) -> bool {
    let padded = format!("{line} ");
    PREFIX.find(&padded).is_some_and(|m| m.end() == padded.len())
}

/// "@janeroe", "jroe@example.com": a writer's handle or address alone on a line.
fn contact_line(line: &str) -> bool {
    !line.contains(char::is_whitespace) && line.len() > 2 && line.contains('@')
}

/// A line that may name the outlet or desk under an opened byline ("By Jane Roe" over
/// "Springfield Courier Health News"): a few capitalised words and no sentence.
fn outlet_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !line.ends_with(['.', '!', '?', ':'])
}

/// What web pages print under a bare name to make it a byline: the writer's post ("Jane Roe"
/// over "Staff Writer", "Senior Contributor") or the outlet, in the shape outlets are named by
/// — after their town ("Springfield Courier") or ending in a newspaper's word ("Glenmoor Daily
/// Herald", "The Ashford Times"). A bare name over any other capitalised line is not trusted: it
/// may be a headline's kicker or a caption's title.
fn post_or_outlet_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let post = post_words(&words);
    let after_town = opens_with_town(&words);
    let newspaper = words.len() >= 2 && words.last().is_some_and(|w| gazetteer::is_org_suffix(w));
    post || after_town || newspaper
}

/// Whether the words are a newsroom post: job words and the small words between them ("Staff
/// Writer", "Editor at Large").
fn post_words(words: &[&str]) -> bool {
    words.iter().any(|w| is_job_word(w)) && words.iter().all(|w| is_job_word(w) || TITLE_SMALL_WORDS.contains(w))
}

/// A line that is a writer's post, in title or sentence case ("Staff Writer", "Senior
/// reporter"): pages style it either way under the name.
fn post_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=4).contains(&words.len()) && line.starts_with(char::is_uppercase) && post_words(&words)
}

/// Where a byline's names start, and whether an opener said it is one.
struct Opened<'a> {
    rest: &'a str,
    prefixed: bool,
    /// The opener was English "by", which may credit a lone account name ("By admin").
    english: bool,
}

/// Finds the names' start: after a date printed first, then after the opener.
fn open(line: &str, top: bool) -> Opened<'_> {
    let line = if top { after_leading_date(line) } else { line };
    match PREFIX.captures(line) {
        Some(c) => Opened {
            rest: line[c.get(0).map_or(0, |m| m.end())..].trim(),
            prefixed: true,
            english: c.name("by").is_some_and(|m| m.as_str().eq_ignore_ascii_case("by")),
        },
        None => Opened {
            rest: line,
            prefixed: false,
            english: false,
        },
    }
}

/// A date (and time) printed before the byline on its line: "February 1, 2019 | BY: Jane Roe",
/// "Monday November 18, 2019 7:45 am PST by Jane Roe", "Nov 20, 2019 Jane Roe". Returns the
/// line from the byline on.
fn after_leading_date(line: &str) -> &str {
    // Every date and time holds a digit; most lines hold none.
    if !line.bytes().take(80).any(|b| b.is_ascii_digit()) {
        return line;
    }
    if let Some(m) = LATE_BY.find_iter(line).find(|m| m.start() > 0 && m.start() <= 80) {
        let before = &line[..m.start()];
        if before.bytes().any(|b| b.is_ascii_digit()) && all_time_words(before) {
            return line[m.start()..].trim_start_matches(is_separator).trim_start();
        }
    }
    let found = find_dates(line);
    match found.first() {
        Some(f) if f.range.start == 0 && !matches!(f.expr, DateExpr::Weekday(_)) => {
            skip_time_words(&line[f.range.end..])
        }
        _ => line,
    }
}

/// Whether every word of `s` belongs to a date or time: numbers, months, weekdays, time zones,
/// "am", "pm", timestamp words and separators.
fn all_time_words(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        let w = w.trim_matches(is_separator);
        w.is_empty() || time_word(w)
    })
}

/// Skips the time, zone and separators after a leading date: "| 4:20am EST | Jane Roe".
fn skip_time_words(s: &str) -> &str {
    let mut rest = s.trim_start_matches(is_separator).trim_start();
    while let Some(w) = rest.split_whitespace().next() {
        let bare = w.trim_matches(is_separator);
        if !bare.is_empty() && !time_word(bare) {
            break;
        }
        rest = rest[w.len()..].trim_start_matches(is_separator).trim_start();
    }
    rest
}

/// A word of a date or time: a number ("4:20am", "2019", "19"), a month or weekday, a time zone,
/// "am"/"pm", or a timestamp word ("Updated", "at").
fn time_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || month_number(w).is_some()
        || WEEKDAYS.get(w).is_some()
        || WEEKDAY_ABBREVIATIONS.contains(w.trim_end_matches('.'))
        || TIME_ZONES.contains_lowercase_of(w.trim_matches(['(', ')']))
        || ["am", "pm", "a.m.", "p.m."].iter().any(|x| w.eq_ignore_ascii_case(x))
        || TIMESTAMP_WORDS.contains_lowercase_of(w)
}

/// Punctuation that separates the fields of a byline line.
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '·' | '•' | ',' | ';' | '-' | '–' | '—' | ':' | '/')
}

/// A rule that finds where a byline's names end: the byte offset of what follows them.
type NameEnd = fn(&str) -> Option<usize>;

/// Where the names end, in no particular order: the earliest mark found wins.
const NAME_ENDS: &[(&str, NameEnd)] = &[
    ("pipe or bullet", pipe_at),
    ("semicolon", semicolon_at),
    ("spaced dash", spaced_dash_at),
    ("handle or address", handle_at),
    ("date", date_at),
    ("time or number", number_at),
    ("field label", field_label_at),
    ("bracket", bracket_at),
    ("relative time or comment link", page_meta_at),
];

/// "Jane Roe 2 hours ago", "Jane Roe 4 min read", "by Jane Roe Leave a Comment", "Jane Roe 3
/// Comments": what blogs and news sites print after the writer's name — how long ago, how long
/// to read, the link to the comments.
static PAGE_META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(?:\d+\s+(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+(?:ago|read)\b|leave\s+an?\s+(?:comment|reply)\b|no\s+comments\b|\d+\s+comments?\b)",
    )
    .expect("page meta regex")
});

fn page_meta_at(s: &str) -> Option<usize> {
    // Every form holds a digit, "omment" or "eply"; most bylines hold none of them.
    if !s.bytes().any(|b| b.is_ascii_digit()) && !s.contains("omment") && !s.contains("eply") {
        return None;
    }
    let m = PAGE_META.find(s)?;
    Some(m.start() + (m.as_str().len() - m.as_str().trim_start().len()))
}

/// "By Jane Roe | Special to the Courier", "By Jane Roe · Springfield Courier", "By Jane
/// Roe/Staff Writer". (On a bare line a slash makes a photo credit: see [`parse_line`].)
fn pipe_at(s: &str) -> Option<usize> {
    s.find(['|', '·', '•', '/'])
}

/// "Story by Jane Roe; photos by Jo Lee", "By Jane Roe; Editing by Al Hale": a semicolon ends
/// the writers' credit and opens another kind of credit, whose people wrote no part of it.
fn semicolon_at(s: &str) -> Option<usize> {
    s.find(';')
}

/// "Jane Roe - Nov 19, 2019", "By Jane Roe – Staff Writer", "By Jane Roe -- Courier".
fn spaced_dash_at(s: &str) -> Option<usize> {
    [" - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|d| s.find(d))
        .min()
        .map(|i| i + 1)
}

/// "Jane Roe @janeroe", "Jane Roe Follow @janeroe", "Jane Roe jroe@example.com": the
/// handle or the whole address.
fn handle_at(s: &str) -> Option<usize> {
    let at = s.find('@')?;
    // After the whole space before it: a space may be wider than a byte (U+2005, U+3000).
    let space = s[..at].char_indices().rev().find(|(_, c)| c.is_whitespace());
    Some(space.map_or(0, |(i, c)| i + c.len_utf8()))
}

/// The first date: "Updated Nov 13, 2019", "Monday, November 18, 2019".
fn date_at(s: &str) -> Option<usize> {
    find_dates(s)
        .iter()
        .find(|f| !matches!(f.expr, DateExpr::Weekday(_)))
        .map(|f| f.range.start)
}

/// The first word that is a time, a numeric date or a phone number: "4:00", "11/13/19",
/// "2019-11-18T20:51:19Z", "555-0100", "+1". A bare number ("Jane Roe, 47, a teacher") or
/// a year alone ("Race Calendar 2018", a title) is not one: it ends no byline, and the line is
/// not one.
fn number_at(s: &str) -> Option<usize> {
    let mut offset = 0;
    for w in s.split(' ') {
        let t = w.trim_start_matches(['(', '+']);
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &t.as_bytes()[digits..];
            let marked = rest
                .first()
                .is_some_and(|b| matches!(b, b':' | b'/' | b'-' | b'.' | b')'))
                && rest.get(1).is_some_and(u8::is_ascii_digit);
            // "(555) 010-0100": an area code in brackets opens a phone number.
            let area_code = w.starts_with('(') && rest == b")";
            if marked || area_code || w.starts_with('+') {
                return Some(offset);
            }
        }
        offset += w.len() + 1;
    }
    None
}

/// A later field with its label: "Tested by: Jane Roe RRP: £20", "By Jane Roe Topic: Science".
fn field_label_at(s: &str) -> Option<usize> {
    let mut offset = 0;
    for w in s.split(' ') {
        if offset > 0 && w.len() > 1 && w.ends_with(':') {
            return Some(offset);
        }
        offset += w.len() + 1;
    }
    None
}

/// "Jane Roe (Reuters)", but not a bracketed middle name: "Jane (Ann) Roe". A bracket that
/// opens the line ("(L-R) Jane Roe, John Doe", a caption) leaves no names.
fn bracket_at(s: &str) -> Option<usize> {
    let open = s.find('(')?;
    let Some(close) = s[open..].find(')').map(|i| open + i) else {
        return Some(open);
    };
    // "(L-R) Jane Roe, John Doe" opens a caption: nothing before the bracket.
    if s[..open].trim().is_empty() {
        return Some(open);
    }
    let inside_names = s[open + 1..close]
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase));
    let name_goes_on = s[close + 1..].trim_start().starts_with(char::is_uppercase);
    (!(inside_names && name_goes_on)).then_some(open)
}

/// Splits the names from what follows them. Returns the names' part (trimmed of the words left
/// before the mark, "Updated", "On", "Follow", a weekday) and what follows, if anything.
fn name_part(rest: &str) -> (&str, Option<&str>) {
    let Some(end) = NAME_ENDS.iter().filter_map(|(_, rule)| rule(rest)).min() else {
        return (rest, None);
    };
    (trim_tail(&rest[..end]), Some(rest[end..].trim()))
}

/// Drops separators and the words a date, handle or number follows: "Jane Roe On" → "Jane Roe".
fn trim_tail(mut s: &str) -> &str {
    loop {
        s = s.trim_end_matches(|c: char| c.is_whitespace() || is_separator(c) || c == '(');
        let last = s.rsplit(char::is_whitespace).next().unwrap_or("");
        let tail_word = !last.is_empty()
            && last.len() < s.len()
            && (time_word(last) || BYLINE_TAIL_WORDS.contains_lowercase_of(last));
        if !tail_word {
            return s;
        }
        s = &s[..s.len() - last.len()];
    }
}

/// What follows a bare name line names a picture source: "Jane Roe | Getty Images" and
/// "Jane Roe - Photo" are photo credits, not bylines.
fn names_a_picture_source(tail: &str) -> bool {
    tail.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        CREDIT_SIGNALS.contains_lowercase_of(w) || CREDIT_PICTURE_WORDS.contains(w)
    })
}

/// A bare line that ends like a sentence ("Acme's new headset.") is a caption or story text;
/// a final initial or suffix ("Jane Q.", "John Doe Jr.") is part of a name.
fn ends_like_caption(line: &str) -> bool {
    let Some(stripped) = line.strip_suffix(['.', '!', '?']) else {
        return false;
    };
    let last = stripped.rsplit(char::is_whitespace).next().unwrap_or("");
    !(line.ends_with('.') && (last.chars().count() == 1 || lexicon::is_name_suffix(&format!("{last}."))))
}

/// The most words a bare name line holds, with the date, outlet and labels after the names:
/// a longer line is story text ("SPRINGFIELD, March 5 - The council said …").
const BARE_LINE_WORDS: usize = 16;

fn too_long_for_bare(line: &str) -> bool {
    line.split_whitespace().nth(BARE_LINE_WORDS).is_some()
}

fn parse_line(line: &str, top: bool) -> Option<Byline> {
    let line = line.trim();
    if line.is_empty() || line.len() > 400 {
        return None;
    }
    let o = open(line, top);
    if !o.prefixed && (ends_like_caption(line) || !top && !line.contains(',') || too_long_for_bare(line)) {
        return None;
    }
    let (part, tail) = name_part(o.rest);
    // "Jane Roe | Getty Images", "Jane Roe/Acme Wire": a bare line in a credit's grammar.
    let slash = |t: &str| t.starts_with('/');
    if !o.prefixed && tail.is_some_and(|t| slash(t) || names_a_picture_source(t)) {
        return None;
    }
    let part = part.trim_end_matches(['.', ',']).trim();
    if part.is_empty() || part.chars().count() > 120 {
        return None;
    }
    match read_names(part, o.prefixed) {
        Some(r) if !r.names.is_empty() => {
            // A bare line must be names only, and not too many of them.
            if !o.prefixed && r.names.len() > 3 {
                return None;
            }
            Some(Byline {
                names: r.names,
                sources: r.sources,
                prefixed: o.prefixed,
            })
        }
        read => names_no_one(part, &o, top, read.map(|r| r.sources)),
    }
}

/// A byline that credits no person: "By: CNN Wire", "Springfield Courier wire services",
/// "By SPRINGFIELD COURIER STAFF", "By admin", "By www.example.com".
fn names_no_one(part: &str, o: &Opened<'_>, top: bool, sources: Option<Vec<String>>) -> Option<Byline> {
    let sources = sources.unwrap_or_default();
    let desk = (o.prefixed || top)
        && !part.chars().any(|c| c.is_ascii_digit())
        && may_name_no_one(part)
        && NO_NAME_BYLINE.is_match(part);
    // An account or site name alone after "By": one word ("By admin"), or a short name that is
    // no person's ("By Acme News", "By The Springfield Courier").
    let account = o.english
        && part.chars().any(char::is_alphanumeric)
        && (!part.contains(char::is_whitespace)
            || part.split_whitespace().nth(5).is_none() && affiliation_like(part) && !part.contains(char::is_numeric));
    if !(desk || account || o.prefixed && !sources.is_empty()) {
        return None;
    }
    let sources = if sources.is_empty() {
        let words: Vec<&str> = part.split_whitespace().collect();
        outlet(&words).into_iter().collect()
    } else {
        sources
    };
    Some(Byline {
        names: Vec::new(),
        sources,
        prefixed: o.prefixed,
    })
}

/// How the desks end: the last two bytes of each, in ASCII lower case ("es" of "wire
/// services", "ff" of "staff"), and whether some desk ends otherwise (then every line may
/// name one).
static DESK_ENDINGS: LazyLock<(Vec<[u8; 2]>, bool)> = LazyLock::new(|| {
    let mut endings = Vec::new();
    let mut other = false;
    for desk in BYLINE_DESKS.iter() {
        match desk.as_bytes() {
            [.., a, b] if a.is_ascii() && b.is_ascii() => {
                let ending = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
                if !endings.contains(&ending) {
                    endings.push(ending);
                }
            }
            _ => other = true,
        }
    }
    (endings, other)
});

/// Whether `s` can match [`NO_NAME_BYLINE`]: it must end in one of the desks, in any case.
/// When its last two bytes are ASCII chars, an ASCII case-insensitive test of them is exact;
/// otherwise the regex decides.
fn may_name_no_one(s: &str) -> bool {
    let (endings, other) = &*DESK_ENDINGS;
    match s.as_bytes() {
        [.., a, b] if a.is_ascii() && b.is_ascii() => {
            *other || endings.contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
        }
        _ => true,
    }
}

/// The names and outlets read from a byline's names part.
#[derive(Debug, Default)]
struct Read {
    names: Vec<String>,
    sources: Vec<String>,
}

/// Reads the names: the comma-separated parts up to the last one that lists a name with "and"
/// hold names ("Ana Lima, Luis del Campo and Kay Moss"); with no "and", only the first does.
/// The parts after them are the outlet, the job or the credentials ("Springfield Courier",
/// "IGN Staff", "MS, RDN"). `loose` is true for a line that opened with "By"; a bare line's
/// parts after the names must read like an outlet or a title (capitalised words and the small
/// words of a title), not like a caption ("Jane Roe, the harbour master who found the boat",
/// "Jane Roe, 47, a teacher").
fn read_names(part: &str, loose: bool) -> Option<Read> {
    let segments: Vec<&str> = part.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return None;
    }
    let listed = segments.iter().rposition(|s| lists_names(s)).unwrap_or(0);
    // "Jane Roe, Mary Doe": a list without "and" goes on while the parts open with a given name.
    let listed = listed + segments[listed + 1..].iter().take_while(|s| person_like(s)).count();
    let mut read = Read::default();
    for (k, seg) in segments.iter().enumerate() {
        // "By Jane Roe, Ph.D., and John Doe, M.D.": a writer's degree between two names.
        if k <= listed && (BYLINE_CREDENTIALS.contains(seg) || BYLINE_CREDENTIALS.contains(&format!("{seg}."))) {
            continue;
        }
        if k <= listed {
            read_segment(seg, &mut read)?;
        } else {
            if !loose && !affiliation_like(seg) {
                return None;
            }
            let words: Vec<&str> = seg.split_whitespace().collect();
            if let Some(o) = outlet(&words)
                && !read.sources.contains(&o)
            {
                read.sources.push(o);
            }
        }
    }
    (!read.names.is_empty() || !read.sources.is_empty()).then_some(read)
}

/// A part after a comma that is a person's name, not an outlet: it opens with a common given
/// name ("Mary Doe", but not "Springfield Courier") and is no known outlet.
fn person_like(seg: &str) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    words.len() <= 4
        && words.first().is_some_and(|w| names::is_common_given_name(w))
        && name_shaped(&words)
        && outlet(&words).is_none()
}

/// Whether a part of a byline joins names with "and" or "&".
fn lists_names(seg: &str) -> bool {
    seg.split_whitespace()
        .any(|w| w == "&" || w.eq_ignore_ascii_case("and"))
}

/// The outlet or title after a byline's names: capitalised words, job words and small words.
fn affiliation_like(seg: &str) -> bool {
    seg.split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase) || w == "&" || is_job_word(w) || TITLE_SMALL_WORDS.contains(w))
}

/// Where the desk a part ends in starts ("staff" of "Courier staff"): a part ending in one
/// names only a desk of the outlet ("SPRINGFIELD COURIER STAFF", "Acme News Staff Reports",
/// "Courier wire services") unless a writer comes first ([`writer_before_desk`]). A
/// person's title ("Staff Writer") is no desk here: it follows a name ("By Jane Roe Staff
/// Writer").
fn desk_at(seg: &str) -> Option<usize> {
    if !may_name_no_one(seg) {
        return None;
    }
    let lower = seg.to_lowercase();
    // Lowering keeps the length of the desks' ASCII words; a name before them may not.
    if lower.len() != seg.len() {
        return None;
    }
    BYLINE_DESKS
        .iter()
        .filter(|d| !d.ends_with("writer") && !d.ends_with("writers") && lower.ends_with(*d))
        .map(|d| lower.len() - d.len())
        .find(|&at| at == 0 || lower[..at].ends_with(' '))
}

/// "By Jane Roe Courier News Service": Indian and other papers print the writer's name and
/// the outlet's desk with no mark between them. A given name and a surname before the
/// outlet's name are the writer (the surname need not be a listed one), and the outlet the rest; "By Jackson Sun Staff", with
/// nothing between the two names and the desk, is the Jackson Sun's staff. Returns the
/// writer's words and the outlet's.
fn writer_before_desk(before: &str) -> Option<([&str; 2], Vec<&str>)> {
    let mut words = before.split_whitespace();
    let (given, surname) = (words.next()?, words.next()?);
    let outlet: Vec<&str> = words.collect();
    let writer = [given, surname];
    (!outlet.is_empty() && names::is_any_given_name(given) && name_shaped(&writer)).then_some((writer, outlet))
}

/// What ends the names inside a part of a byline, at word `i`.
enum Stop {
    /// An outlet the gazetteer knows: a source.
    Outlet(String),
    /// A job title, credential, web address or an unknown outlet.
    Other,
}

/// The words of one part of a byline and the names read so far, for [`WORD_STOPS`].
struct Words<'a, 'b> {
    words: &'b [&'a str],
    /// The words of the name being read.
    current: &'b [&'a str],
    /// Names already read from this line.
    named: usize,
    all_caps_line: bool,
}

/// A rule that ends the names at word `i`.
type WordStop = fn(&Words<'_, '_>, usize) -> Option<Stop>;

/// What ends the names, tried in order at each word.
const WORD_STOPS: &[(&str, WordStop)] = &[
    ("known outlet", known_outlet),
    ("job title", job_title),
    ("credential", credential),
    ("web address or brand", web_address),
    ("place opening an outlet", place_outlet),
    ("surname after an initial", after_initial),
    ("mixed case after a name in capitals", mixed_case_after_capitals),
];

/// "Kim Lowe and Kevin Marsh USA TODAY", "Carla Mendes Associated Press". In a mixed-case
/// line an all-caps agency ends a name; otherwise the outlet must open the part or follow a
/// name already read.
fn known_outlet(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    let mut ahead = [""; 4];
    let k = (ws.words.len() - i).min(ahead.len());
    ahead[..k].copy_from_slice(&ws.words[i..i + k]);
    let o = outlet(&ahead[..k])?;
    let w = ws.words[i];
    let ends = is_all_caps(w) && !ws.all_caps_line
        || ws.current.is_empty()
        || !w.starts_with(char::is_uppercase)
        || gazetteer::agency(w).is_some();
    ends.then_some(Stop::Outlet(o))
}

/// "By Meg Jones Staff Writer", "Jane Roe Senior Contributor".
fn job_title(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    let w = ws.words[i];
    let after_name = ws.current.len() >= 2 || ws.current.is_empty() && ws.named > 0;
    (is_job_word(w) && !lexicon::is_name_particle(&w.to_lowercase()) && after_name).then_some(Stop::Other)
}

/// "Jane Roe MS RDN", "John Doe PhD".
fn credential(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    (ws.current.len() >= 2 && BYLINE_CREDENTIALS.contains(ws.words[i])).then_some(Stop::Other)
}

/// "Jane Roe Example.com", "John Doe ACMENews": a web address or a brand written in capitals
/// run into a word, which no name is ("McNeil" and "LaMotte" have one capital before the next).
fn web_address(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    let w = ws.words[i];
    let web = w.contains('.')
        && w.rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    let caps_run = w.chars().take_while(|c| c.is_uppercase()).count();
    let brand = caps_run >= 3 && w.chars().nth(caps_run).is_some_and(char::is_lowercase);
    (ws.current.len() >= 2 && (web || brand)).then_some(Stop::Other)
}

/// "Elliot Roe Springfield Courier": outlets are often named after their city, and a place
/// after a whole name with more words after it opens one.
fn place_outlet(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    let complete = ws.current.len() >= 2 && ws.current.last().is_some_and(|w| !is_initial(w));
    if !complete || i + 1 >= ws.words.len() {
        return None;
    }
    let rest = &ws.words[i..];
    let end = rest
        .iter()
        .position(|w| !w.starts_with(char::is_uppercase))
        .unwrap_or(rest.len());
    opens_with_town(&rest[..end]).then_some(Stop::Other)
}

/// Whether a town of one or two words opens `words`, with more words after it: how outlets
/// named after their city begin ("Springfield Courier", "Glenmoor Falls Daily Herald").
fn opens_with_town(words: &[&str]) -> bool {
    (1..words.len().min(3)).any(|n| gazetteer::town(&words[..n].join(" ")).is_some())
}

/// "Trevor J. Roe Springfield Courier": after a middle initial the next word ends the name.
fn after_initial(ws: &Words<'_, '_>, _i: usize) -> Option<Stop> {
    let [.., initial, surname] = ws.current else {
        return None;
    };
    (ws.current.len() >= 3 && is_initial(initial) && !is_initial(surname)).then_some(Stop::Other)
}

/// "By JANE ROE Associated Press", "By KIM LEE Springfield Courier": AP sets the writer's name
/// in capitals and the outlet after it in upper and lower case, so the change of case ends
/// the name.
fn mixed_case_after_capitals(ws: &Words<'_, '_>, i: usize) -> Option<Stop> {
    let w = ws.words[i];
    let capitals = ws.current.len() >= 2
        && ws
            .current
            .iter()
            .all(|c| c.chars().filter(|ch| ch.is_alphabetic()).count() > 1 && is_all_caps(c));
    let mixed = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    (capitals && mixed).then(|| {
        let k = (ws.words.len() - i).min(4);
        outlet(&ws.words[i..i + k]).map_or(Stop::Other, Stop::Outlet)
    })
}

/// "J.", "R.": a single letter and a full stop.
fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Reads the names of one comma-separated part into `read`; fails when a name is not one.
fn read_segment(seg: &str, read: &mut Read) -> Option<()> {
    if let Some(at) = desk_at(seg) {
        let words: Vec<&str> = seg.split_whitespace().collect();
        match writer_before_desk(&seg[..at]) {
            Some((name, outlet_words)) => {
                flush(&mut name.to_vec(), &mut read.names)?;
                read.sources.extend(outlet(&outlet_words));
            }
            None => read.sources.extend(outlet(&words)),
        }
        return Some(());
    }
    let words: Vec<&str> = seg
        .split_whitespace()
        .map(|w| w.trim_matches(['(', ')']))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 16 {
        return None;
    }
    if let Some((outlet_words, name)) = post_before_name(&words) {
        flush(&mut name.to_vec(), &mut read.names)?;
        read.sources.extend(outlet(outlet_words));
        return Some(());
    }
    let all_caps_line = is_all_caps(seg);
    let mut current: Vec<&str> = Vec::new();
    // "By Theo and Carla Roe": a given name alone before "and", waiting for the surname of
    // the name after it, and where that name will stand.
    let mut couple: Option<(&str, usize)> = None;
    for (i, &w) in words.iter().enumerate() {
        let ws = Words {
            words: &words,
            current: &current,
            named: read.names.len(),
            all_caps_line,
        };
        // "By Jane Roe and John Doe", "By Jane Roe with John Doe", "By Jane Roe With John Doe",
        // and "and" in the other languages a byline is written in (see [`joins_two_names`]).
        let and = w.eq_ignore_ascii_case("and") || w == "&" || w == "+";
        if and && couple.is_none() && current.len() == 1 && names::is_given_name(current[0]) {
            couple = current.pop().map(|given| (given, read.names.len()));
            continue;
        }
        if and
            || w.eq_ignore_ascii_case("with") && !current.is_empty()
            || joins_two_names(&current, w, words.get(i + 1))
        {
            flush(&mut current, &mut read.names)?;
            continue;
        }
        // "By Dr. Jane Roe": the title before a name is not part of it.
        if current.is_empty() && i + 1 < words.len() && BYLINE_HONORIFICS.contains(w.trim_end_matches('.')) {
            continue;
        }
        if let Some(stop) = WORD_STOPS.iter().find_map(|(_, rule)| rule(&ws, i)) {
            flush(&mut current, &mut read.names)?;
            if let Stop::Outlet(o) = stop
                && !read.sources.contains(&o)
            {
                read.sources.push(o);
            }
            return share_surname(couple, &mut read.names);
        }
        current.push(w);
    }
    flush(&mut current, &mut read.names)?;
    share_surname(couple, &mut read.names)
}

/// "By Theo and Carla Roe": the given name waiting before "and" takes the surname of the name
/// read after it (see [`names::sharing_surname`]), which must have been read.
fn share_surname(couple: Option<(&str, usize)>, names: &mut Vec<String>) -> Option<()> {
    let Some((given, at)) = couple else {
        return Some(());
    };
    let given = if is_all_caps(given) {
        natural_case(given)
    } else {
        given.to_string()
    };
    let first = names::sharing_surname(&given, names.get(at)?)?;
    names.insert(at, first);
    Some(())
}

/// "Von Jana Roe und Jan Poe", "Por Ana Roe y Luis Poe", "Par Jeanne Roux et Jean Poe": a
/// word for "and" between a whole name and a given name. Spanish joins a person's two surnames
/// with "y" too ("Ana Ortega y Roe"), so a given name must follow.
fn joins_two_names(current: &[&str], w: &str, next: Option<&&str>) -> bool {
    current.len() >= 2
        && w != "and"
        && COORDINATING_CONJUNCTIONS.contains(w)
        && next.is_some_and(|n| names::is_any_given_name(n))
}

/// "By Courier Senior Writer Jane Roe", "By Staff Reporter John Doe": some papers print the
/// writer's post, and the outlet before it, ahead of the name. The words after the last title
/// word are the writer when they are a name; the job words before the title are the post's,
/// and whatever comes before them names the outlet. Returns the outlet's words and the name's.
fn post_before_name<'w, 'a>(words: &'w [&'a str]) -> Option<(&'w [&'a str], &'w [&'a str])> {
    let title = words.iter().rposition(|w| BYLINE_TITLES.contains(w))?;
    let name = &words[title + 1..];
    if !(2..=4).contains(&name.len()) || !name_shaped(name) {
        return None;
    }
    let post = words[..title]
        .iter()
        .rposition(|w| !is_job_word(w))
        .map_or(0, |k| k + 1);
    Some((&words[..post], name))
}

/// Adds the collected words as one name, or fails when they cannot be a person's name.
fn flush(current: &mut Vec<&str>, names: &mut Vec<String>) -> Option<()> {
    if current.is_empty() {
        return Some(());
    }
    let mut words = std::mem::take(current);
    // "By Jane Roe Jane Roe": a captured page prints the writer's name again for the picture
    // and the link beside it; the name is said once.
    if let Some(once) =
        (2..=words.len() / 2).find(|&p| words.len().is_multiple_of(p) && words.chunks(p).all(|c| c == &words[..p]))
    {
        words.truncate(once);
    }
    if !name_shaped(&words) {
        return None;
    }
    let name = words.join(" ");
    names.push(if is_all_caps(&name) { natural_case(&name) } else { name });
    Some(())
}

/// Two to five words, each capitalised (or a particle inside), none of them a function word
/// (but a surname that is one: "Jane Young", "John May", or a given name that is one opening
/// the name: "May Roe", "Will Roe", "Jan Poe"), place, organisation or possessive ("Acme's").
pub fn name_shaped(words: &[&str]) -> bool {
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let joined = words.join(" ");
    let natural = if is_all_caps(&joined) {
        Cow::Owned(natural_case(&joined))
    } else {
        Cow::Borrowed(joined.as_str())
    };
    if gazetteer::place(&natural).is_some() || gazetteer::is_known_org(&joined) || gazetteer::agency(&joined).is_some()
    {
        return false;
    }
    let last = words.len() - 1;
    words.iter().enumerate().all(|(i, w)| {
        let particle = i > 0 && i < last && lexicon::is_name_particle(&w.to_lowercase());
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        // A word that opens sentences may still be a surname at the end: "Jane Young".
        let surname = i == last && names::surname_rank(w).is_some();
        let given = i == 0 && names::is_given_name(w);
        (cap || particle)
            && (!lexicon::is_stop_word(w) || surname || given)
            && !gazetteer::is_org_suffix(w)
            && !is_job_word(w)
            && !w.ends_with("'s")
            && !w.ends_with("’s")
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    })
}

/// A "By" closing the story, after its last sentence: "… the end of the affair. -- By Jane Roe
/// Follow @janeroe", "— By Jane Roe".
static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|[.!?"”’)]\s+)(?P<dash>--|—|–)\s*(?P<by>By\s)"#).expect("closing byline regex"));

/// The byline closing a story paragraph, if any, and the byte offset of its dash, where the
/// story text ends.
pub fn closing_byline(text: &str) -> Option<(usize, Byline)> {
    if !text.contains("By") {
        return None;
    }
    let c = CLOSING.captures_iter(text).last()?;
    let (dash, by) = (c.name("dash")?.start(), c.name("by")?.start());
    let b = parse_line(&text[by..], true).filter(|b| b.prefixed && !b.names.is_empty())?;
    Some((dash, b))
}

/// The writers a note on them names: every sentence opens with a name and a verb of the note
/// ("Jane Roe is a reporter for the Courier. John Doe covers science."), or, after one that
/// does, tells the reader how to reach the writer, as newspapers' taglines go on ("… for the
/// Courier. Email her at jroe@example.com. Follow her on Twitter @janeroe."). The note is short.
pub fn author_note(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.len() > 600 || !is_one_line(t) {
        return None;
    }
    // The first sentence's opening words are the text's: most blocks are no note, and show it
    // there, before their sentences are found.
    note_writer(t)?;
    let mut names = Vec::new();
    for r in sentences(t) {
        let sentence = &t[r];
        let contact = sentence
            .split_whitespace()
            .next()
            .is_some_and(|w| CONTACT_VERBS.contains_lowercase_of(w));
        if !names.is_empty() && contact {
            continue;
        }
        let name = note_writer(sentence)?;
        names.push(if is_all_caps(&name) { natural_case(&name) } else { name });
    }
    (!names.is_empty()).then_some(names)
}

/// The name opening a sentence of a note on the writers, before the note's verb.
fn note_writer(sentence: &str) -> Option<String> {
    let mut words = [""; 5];
    let mut n = 0;
    for w in sentence.split_whitespace().take(5) {
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    let k =
        (2..=4).find(|&k| words.get(k).is_some_and(|w| AUTHOR_NOTE_VERBS.contains(w)) && name_shaped(&words[..k]))?;
    Some(words[..k].join(" "))
}

/// The writer named by the signature line that closes a story with an e-mail address: "Jane
/// Roe jroe@example.com", "Jane Roe, staff writer jroe@example.com", and in Korean the name
/// and the role either way round ("홍길동 기자 hong@example.com", "칼럼니스트 홍길동 …").
pub fn signature(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() > 200 || !is_one_line(t) {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let (address, mut rest) = words.split_last()?;
    let domain = address.trim_end_matches('.').split_once('@').map(|(_, d)| d)?;
    // A contact line: "Email Jane Roe at …", "Write to John Doe at …", "Jane Roe can be
    // reached at …" — the verb before the name and the lower-case words after it go.
    if let [verb, more @ ..] = rest
        && CONTACT_VERBS.contains_lowercase_of(verb)
    {
        rest = more.strip_prefix(&["to"]).unwrap_or(more);
    }
    while let [more @ .., last] = rest
        && last.chars().all(|c| c.is_ascii_lowercase())
        && (*last == "at" || !SIGNATURE_ROLES.contains(last) && !is_job_word(last))
    {
        rest = more;
    }
    if !domain.contains('.') || rest.len() > 6 {
        return None;
    }
    let name: Vec<&str> = rest
        .iter()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !SIGNATURE_ROLES.contains(w) && !is_job_word(w))
        .collect();
    let single = match name.as_slice() {
        [one] => hangul_or_han_name(one),
        _ => false,
    };
    (single || name_shaped(&name)).then(|| {
        let joined = name.join(" ");
        if is_all_caps(&joined) {
            natural_case(&joined)
        } else {
            joined
        }
    })
}

/// A Korean, Chinese or Japanese personal name written as one word of two to four syllables or
/// characters ("홍길동").
fn hangul_or_han_name(w: &str) -> bool {
    let n = w.chars().count();
    (2..=4).contains(&n)
        && w.chars()
            .all(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{4E00}'..='\u{9FFF}'))
}

/// What a sign-off at the foot of a story says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signoff {
    /// Reporters and writers ("Reporting by", "Writing by"): authors of the story.
    pub authors: Vec<String>,
    pub sources: Vec<String>,
}

/// The word that may stand before a sign-off's role: "Additional reporting by".
const ADDITIONAL: &str = "additional";

static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    let roles = alternation(SIGNOFF_ROLES.iter());
    Regex::new(&format!(r"^\(?\s*(?i:(?:{ADDITIONAL}\s+)?(?:{roles})\s+by)\b")).expect("signoff regex")
});

static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:contributing:\s*.+|.{2,120}\s(?:contributed|also contributed)(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|story|article))?\.?)$")
        .expect("contributed regex")
});

/// The stem `CONTRIBUTED` needs, looked for before the regex runs.
static CONTRIBUT: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("ontribut"));

/// Parses a sign-off paragraph: `(Reporting by A in X; Editing by B)`, `Contributing: A`,
/// `A contributed to this report.`, or a lone `REUTER` / `AP`.
pub fn parse_signoff(block: &str) -> Option<Signoff> {
    let t = block.trim();
    if t.is_empty() {
        return None;
    }
    // Only a bracketed sign-off may run over several lines. The names below hold no line
    // break; the tests after them look for one only once the cheaper ones have passed.
    let one_line_or_bracketed = || t.starts_with('(') || is_one_line(t);
    if SIGNOFF_AGENCIES.contains(t) {
        let name = gazetteer::agency(t.trim_matches(['(', ')'])).unwrap_or(t);
        return Some(Signoff {
            authors: Vec::new(),
            sources: vec![name.to_string()],
        });
    }
    if may_open_signoff(t) && one_line_or_bracketed() && SIGNOFF.is_match(t) {
        let inner = t
            .trim_start_matches('(')
            .trim_end_matches('.')
            .trim_end_matches(')')
            .trim();
        let mut authors = Vec::new();
        for part in inner.split(';') {
            let part = part.trim();
            let lower = part.to_lowercase();
            let authorship = lower.starts_with("reporting by") || lower.starts_with("writing by");
            if !authorship {
                continue;
            }
            let names = &part[part.to_lowercase().find(" by ").map_or(0, |i| i + 4)..];
            for name in split_names(names) {
                if !authors.contains(&name) {
                    authors.push(name);
                }
            }
        }
        return Some(Signoff {
            authors,
            sources: vec!["Reuters".to_string()],
        });
    }
    if t.len() < 300
        && CONTRIBUT.find(t.as_bytes()).is_some()
        && one_line_or_bracketed()
        && CONTRIBUTED.is_match(t)
        && t.split_whitespace().count() <= 20
    {
        return Some(Signoff::default());
    }
    None
}

/// The words that open a [`SIGNOFF`], after an optional bracket and white space, in lower case:
/// "additional" and the roles.
static SIGNOFF_WORDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    std::iter::once(ADDITIONAL)
        .chain(SIGNOFF_ROLES.iter())
        .filter(|w| !w.is_empty())
        .map(|w| w.as_bytes().to_ascii_lowercase())
        .collect()
});

/// Whether `t` can match [`SIGNOFF`]: after an optional bracket and white space, it must start
/// with one of its words in any case. Under Unicode case folding an ASCII letter matches only
/// itself in either ASCII case, the Kelvin sign (a "k") and the long s (an "s"); a test stops at
/// the first byte that can match neither, and at either sign the regex decides. "President",
/// "Protesters" and paragraphs opening with a quotation mark skip the regex here.
fn may_open_signoff(t: &str) -> bool {
    let lead = t.strip_prefix('(').unwrap_or(t).trim_start().as_bytes();
    // The first letter picks the words worth a look; either sign stands for its letter.
    let first = if lead.starts_with("\u{212A}".as_bytes()) {
        b'k'
    } else if lead.starts_with("\u{17F}".as_bytes()) {
        b's'
    } else if let Some(&b) = lead.first() {
        b.to_ascii_lowercase()
    } else {
        return false;
    };
    SIGNOFF_WORDS.iter().filter(|word| word[0] == first).any(|word| {
        for (i, &w) in word.iter().enumerate() {
            match lead.get(i) {
                Some(b) if b.eq_ignore_ascii_case(&w) => {}
                Some(b) if !b.is_ascii() => {
                    let rest = &lead[i..];
                    return rest.starts_with("\u{212A}".as_bytes()) || rest.starts_with("\u{17F}".as_bytes());
                }
                _ => return false,
            }
        }
        true
    })
}

/// "A and B in London, C in Paris" → ["A", "B", "C"].
fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in s.split([',', '&']).flat_map(|c| c.split(" and ")) {
        // Drop the place the reporter filed from.
        let name = chunk.split(" in ").next().unwrap_or("").trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        if name_shaped(&words) {
            out.push(if is_all_caps(name) {
                natural_case(name)
            } else {
                name.to_string()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, top: bool) -> Option<(Vec<String>, Vec<String>)> {
        parse(text, top).map(|b| (b.names, b.sources))
    }

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    /// Asserts each row: (line, names, sources).
    fn check(rows: &[(&str, &[&str], &[&str])]) {
        for (text, n, s) in rows {
            assert_eq!(names(text, true), Some((v(n), v(s))), "{text}");
        }
    }

    #[test]
    fn a_handle_after_a_wide_space_ends_the_names() {
        // U+2005 and U+3000 are spaces of three bytes.
        assert_eq!(handle_at("By Jane Roe\u{2005}@janeroe"), Some(14));
        assert_eq!(handle_at("Jane\u{3000}jroe@example.com"), Some(7));
        assert!(std::panic::catch_unwind(|| parse("By Jane Roe\u{2005}@janeroe", true)).is_ok());
    }

    /// The classic shapes: "By NAME", names and agencies, bare name lines.
    #[test]
    fn byline_shapes() {
        check(&[
            ("By Jane Roe", &["Jane Roe"], &[]),
            ("By Ana Lima and Tom Reyes", &["Ana Lima", "Tom Reyes"], &[]),
            // A given name that is a month or a function word opens the name.
            ("By May Lima and Will Reyes", &["May Lima", "Will Reyes"], &[]),
            // "And" in the languages a byline is written in; not the "y" of Spanish surnames.
            ("Por Ana Lima y Luis Reyes", &["Ana Lima", "Luis Reyes"], &[]),
            ("Von Jana Lima und Jan Reyes", &["Jana Lima", "Jan Reyes"], &[]),
            ("Por Ana Lima y Sarmiento", &["Ana Lima y Sarmiento"], &[]),
            ("Escrito por Ana Lima", &["Ana Lima"], &[]),
            ("Text: Jana Lima", &["Jana Lima"], &[]),
            (
                "By Ana Lima, Luis del Campo and Kay Moss, CNN",
                &["Ana Lima", "Luis del Campo", "Kay Moss"],
                &["CNN"],
            ),
            ("By: CNN Wire", &[], &["CNN"]),
            ("Analysis by Ted Rowe, CNN Editor-at-large", &["Ted Rowe"], &["CNN"]),
            (
                "Carla Mendes, Associated Press",
                &["Carla Mendes"],
                &["Associated Press"],
            ),
            (
                "Robert Roe, Ap National Security Writer",
                &["Robert Roe"],
                &["Associated Press"],
            ),
            (
                "Kim Lowe and Kevin Marsh USA TODAY",
                &["Kim Lowe", "Kevin Marsh"],
                &["USA TODAY"],
            ),
            ("By Meg Jones Staff Writer", &["Meg Jones"], &[]),
            ("By NADIA ORLOVA", &["Nadia Orlova"], &[]),
            ("By JANE ROE Associated Press", &["Jane Roe"], &["Associated Press"]),
            (
                "By JANE ROE and KIM LEE Springfield Courier",
                &["Jane Roe", "Kim Lee"],
                &[],
            ),
            ("JANE ROE\nAssociated Press", &["Jane Roe"], &["Associated Press"]),
            // The name on its line, and when or what desk the story is from under it.
            ("By JANE ROE\n        March 11, 2015 3:46 PM", &["Jane Roe"], &[]),
            (
                "By Jane  Roe, MA\n        Springfield Courier Health News",
                &["Jane Roe"],
                &[],
            ),
            // A bare name over the writer's post or an outlet-shaped line.
            ("Jane Roe\nStaff Writer", &["Jane Roe"], &[]),
            ("Jane Roe\nSenior reporter", &["Jane Roe"], &[]),
            ("Jane Roe\nSenior Contributor", &["Jane Roe"], &[]),
            ("Jane Roe\nSpringfield Courier", &["Jane Roe"], &[]),
            (
                "Jane Roe and John Doe\nThe Glenmoor Daily Herald",
                &["Jane Roe", "John Doe"],
                &[],
            ),
            ("Sara Archibald", &["Sara Archibald"], &[]),
            ("By Alma de la Cruz", &["Alma de la Cruz"], &[]),
            ("By Haruka Ino, Reuters", &["Haruka Ino"], &["Reuters"]),
            ("By Sean O'Dowd, Reuters", &["Sean O'Dowd"], &["Reuters"]),
        ]);
    }

    /// Two lines that are no byline: a bare name over anything but a source, a date, a post or
    /// an outlet-shaped line, and an opened byline over a sentence.
    #[test]
    fn two_lines_that_are_no_byline() {
        assert_eq!(names("Jane Roe\nCouncil Budget Hearing Minutes", true), None);
        assert_eq!(names("Jane Roe\nA Life in Pictures", true), None);
        assert_eq!(names("By Jane Roe\nThe council met on Monday.", true), None);
    }

    /// Any outlet after the comma, known or not; roles and staff after it too.
    #[test]
    fn outlets_and_roles_after_a_comma() {
        check(&[
            ("By Jane Roe, Springfield Courier", &["Jane Roe"], &[]),
            ("By Jane Roe, Courier Staff", &["Jane Roe"], &[]),
            // The writer and the outlet's desk with no mark between them.
            ("By Jane Roe Courier News Service", &["Jane Roe"], &[]),
            ("By Priya Varadan Courier Staff", &["Priya Varadan"], &[]),
            // The post, and the outlet before it, ahead of the name.
            ("By Courier Senior Writer Jane Roe", &["Jane Roe"], &[]),
            ("By Staff Reporter John Doe", &["John Doe"], &[]),
            (
                "By Associated Press Writer Jane Roe",
                &["Jane Roe"],
                &["Associated Press"],
            ),
            (
                "By Jane Roe and John Doe, Courier Staff Writers",
                &["Jane Roe", "John Doe"],
                &[],
            ),
        ]);
    }

    /// A pipe, a semicolon or a spaced dash ends the names.
    #[test]
    fn pipes_and_dashes() {
        check(&[
            ("By Jane Roe | Special to the Courier", &["Jane Roe"], &[]),
            ("Story by Jane Roe; photos by Jo Lee", &["Jane Roe"], &[]),
            ("By Jane Roe - Staff Writer", &["Jane Roe"], &[]),
            ("By Jane Roe – Springfield Courier Contributor", &["Jane Roe"], &[]),
            ("By Jane Roe Senior Contributor", &["Jane Roe"], &[]),
        ]);
    }

    /// Dates and times after the names.
    #[test]
    fn dates_and_times_after_the_names() {
        check(&[
            ("By Jane Roe Updated Nov 13, 2019, 10:28am EST", &["Jane Roe"], &[]),
            // How long ago, how long to read, the comments' link.
            ("Jane Roe 2 hours ago", &["Jane Roe"], &[]),
            ("November 13, 2019 by Jane Roe Leave a Comment", &["Jane Roe"], &[]),
            ("Nov 13, 2019 | Jane Roe | 4 min read", &["Jane Roe"], &[]),
            // A German page's date and time, then its "by".
            ("13.11.2019, 10:28 Uhr | Von Jana Roe", &["Jana Roe"], &[]),
            ("By Jane Roe On 11/13/19 at 4:00 PM EST", &["Jane Roe"], &[]),
            ("By Jane Roe 2019-11-18T20:51:19Z Science", &["Jane Roe"], &[]),
            (
                "By Jane Roe and John Doe Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)",
                &["Jane Roe", "John Doe"],
                &[],
            ),
            ("Jane Roe - Nov 19, 2019, 8:15 pm CST", &["Jane Roe"], &[]),
            ("Jane Roe 27/09/2018 Comments", &["Jane Roe"], &[]),
        ]);
    }

    /// A date before the byline on the same line.
    #[test]
    fn dates_before_the_byline() {
        check(&[
            ("February 1, 2019 | BY: Jane Roe, MS, RDN", &["Jane Roe"], &[]),
            ("Monday November 18, 2019 7:45 am PST by Jane Roe", &["Jane Roe"], &[]),
            ("November 20, 2019 Jane Roe", &["Jane Roe"], &[]),
        ]);
    }

    /// Handles, addresses and numbers after the name.
    #[test]
    fn handles_addresses_and_numbers() {
        check(&[
            ("Jane Roe @janeroe", &["Jane Roe"], &[]),
            ("By Jane Young | Springfield Courier", &["Jane Young"], &[]),
            (
                "By Jane Roe @SpringfieldDesk Nov 18, 2019, 11:47am EST",
                &["Jane Roe"],
                &[],
            ),
            ("By Jane Roe jroe@example.com", &["Jane Roe"], &[]),
            ("By Jane Roe Follow @janeroe", &["Jane Roe"], &[]),
            ("By Jane Roe Tel. 555-0100", &["Jane Roe"], &[]),
            ("Jane Roe (555) 010-0100", &["Jane Roe"], &[]),
        ]);
    }

    /// Credentials, middle initials, bracketed middle names.
    #[test]
    fn credentials_initials_and_brackets() {
        check(&[
            ("By Jane Roe PhD", &["Jane Roe"], &[]),
            ("By Dr. Jane Roe and Prof. John Doe", &["Jane Roe", "John Doe"], &[]),
            ("By Jane Roe, MA", &["Jane Roe"], &[]),
            ("By Jane Roe, Ph.D., and John Doe, M.D.", &["Jane Roe", "John Doe"], &[]),
            ("By Jane Roe With John Doe", &["Jane Roe", "John Doe"], &[]),
            // The name printed again beside the writer's picture.
            ("By Jane Roe Jane Roe", &["Jane Roe"], &[]),
            ("Jane Roe Jane Roe Jane Roe", &["Jane Roe"], &[]),
            (
                "Jane Roe and Owen J. Hale Springfield Courier",
                &["Jane Roe", "Owen J. Hale"],
                &[],
            ),
            ("Jane (Ann) Roe", &["Jane Ann Roe"], &[]),
            ("Jane Roe, Mary Doe", &["Jane Roe", "Mary Doe"], &[]),
            ("Jane Roe (Acme Wire)", &["Jane Roe"], &[]),
        ]);
    }

    /// An outlet named after its city, a web address or a brand after the name.
    #[test]
    fn outlets_after_a_whole_name() {
        check(&[
            ("Elliot Roe Springfield Courier", &["Elliot Roe"], &[]),
            ("By Jane Roe Example.com", &["Jane Roe"], &[]),
            ("By Jane Roe ACMENews", &["Jane Roe"], &[]),
        ]);
    }

    /// Openers: reviews, other languages, a field label after the name.
    #[test]
    fn openers() {
        check(&[
            // A field label, and an opener alone on the line above the name.
            ("Reporter: Jane Roe", &["Jane Roe"], &[]),
            ("By\nJane Roe", &["Jane Roe"], &[]),
            ("By:\nJane Roe", &["Jane Roe"], &[]),
            // The name over the writer's post and address.
            ("Jane Roe\nReporter\n@janeroe", &["Jane Roe"], &[]),
            ("By Jane Roe\njroe@example.com", &["Jane Roe"], &[]),
            (
                "Tested by: Jane Roe RRP: £20 More info: www.example.com",
                &["Jane Roe"],
                &[],
            ),
            ("Words by Jane Roe", &["Jane Roe"], &[]),
            ("Posted by Jane Roe on November 18, 2019", &["Jane Roe"], &[]),
            ("Author: Jane Roe", &["Jane Roe"], &[]),
            ("By Jane Roe/Staff Writer", &["Jane Roe"], &[]),
            ("By Jane Roe with John Doe", &["Jane Roe", "John Doe"], &[]),
            ("Par Jeanne Roux", &["Jeanne Roux"], &[]),
            ("Por Juana Rodríguez", &["Juana Rodríguez"], &[]),
            ("Von Johanna Roth", &["Johanna Roth"], &[]),
            ("Di Giovanna Rossi", &["Giovanna Rossi"], &[]),
            ("Door Jan de Vries", &["Jan de Vries"], &[]),
            ("Av Anna Berg", &["Anna Berg"], &[]),
            ("By Theo and Carla Roe", &["Theo Roe", "Carla Roe"], &[]),
            (
                "By Theo + Carla Roe and Kim Lee",
                &["Theo Roe", "Carla Roe", "Kim Lee"],
                &[],
            ),
        ]);
    }

    /// Only an outlet, its staff or an account: no one.
    #[test]
    fn bylines_naming_no_one() {
        check(&[
            ("By SPRINGFIELD COURIER STAFF", &[], &[]),
            ("By Courier Staff", &[], &[]),
            // A town named like a person, then its paper's name and the desk.
            ("By Jackson Sun Staff", &[], &[]),
            ("By Lincoln Journal Star Staff", &[], &[]),
            ("By Courier News Service", &[], &[]),
            ("By admin", &[], &[]),
            ("By admin - 2018-09-16", &[], &[]),
            ("By www.example.com", &[], &[]),
            ("By Acme News", &[], &[]),
            ("Staff Reports", &[], &[]),
            ("Springfield Courier wire services", &[], &[]),
        ]);
    }

    #[test]
    fn not_bylines() {
        for text in [
            "Published 7:07 PM EST Nov 19, 2019",
            "The bill passed 31-12.",
            "Extra points",
            "What did the prosecutors say?",
            "Moscow",
            "Samuel Roe said the plan was ready.",
            "",
            // Photo credits and captions.
            "Jane Roe | Getty Images",
            "Jane Roe - Acme Photo",
            "Jane Roe/Acme Wire",
            "Acme's new headset.",
            "Jane Roe, 47, a teacher",
            // Widget text.
            "Follow Author",
            "Race Calendar da Copa Acme 2018",
            "(L-R) Jane Roe, John Doe, Mary Major",
            "SPRINGFIELD , March 5 - The council said on Thursday that it would delay the vote",
            "NEW YORK",
            "Springfield Times: the new season begins",
            "By Tuesday, the river had risen.",
            ", ,",
            "By , ,",
            "— | —",
        ] {
            assert_eq!(parse(text, true), None, "{text}");
        }
        assert_eq!(parse("Jane Roe", false), None);
        assert_eq!(parse("Jane Roe, the harbour master who found the boat", false), None);
    }

    #[test]
    fn name_ends() {
        for (name, rule) in NAME_ENDS {
            let row = match *name {
                "pipe or bullet" => ("Jane Roe | Courier", 9),
                "semicolon" => ("Jane Roe; photos by Jo Lee", 8),
                "spaced dash" => ("Jane Roe - Courier", 9),
                "handle or address" => ("Jane Roe jroe@example.com", 9),
                "date" => ("Jane Roe Nov 19, 2019", 9),
                "time or number" => ("Jane Roe 4:00 PM", 9),
                "field label" => ("Jane Roe Topic: Science", 9),
                "bracket" => ("Jane Roe (Courier)", 9),
                "relative time or comment link" => ("Jane Roe 3 days ago", 9),
                other => panic!("no example for {other}"),
            };
            assert_eq!(rule(row.0), Some(row.1), "{name}: {}", row.0);
            assert_eq!(rule("Jane Roe"), None, "{name}");
        }
    }

    #[test]
    fn closing_bylines() {
        let rows: &[(&str, Option<&[&str]>)] = &[
            (
                "The lesson, as always: check the tide. -- By Jane Roe Follow @janeroe Related Stories",
                Some(&["Jane Roe"]),
            ),
            ("— By Jane Roe", Some(&["Jane Roe"])),
            ("-- By Jane Roe", Some(&["Jane Roe"])),
            ("The tide came in -- by all accounts early.", None),
            ("By the end of the day the harbour was full.", None),
        ];
        for (text, want) in rows {
            let got = closing_byline(text).map(|(_, b)| b.names);
            assert_eq!(got, want.map(v), "{text}");
        }
        let text = "Check the tide. -- By Jane Roe";
        assert_eq!(
            closing_byline(text).map(|(end, _)| &text[..end]),
            Some("Check the tide. ")
        );
    }

    #[test]
    fn author_notes() {
        let rows: &[(&str, Option<&[&str]>)] = &[
            (
                "Jane Roe is a reporter for the Springfield Courier.",
                Some(&["Jane Roe"]),
            ),
            ("Jane Roe is on Twitter at janeroe.", Some(&["Jane Roe"])),
            (
                "Jane Roe is a reporter for the Courier. Email her at jroe@example.com. Follow her on Twitter @janeroe.",
                Some(&["Jane Roe"]),
            ),
            ("Email Jane Roe at jroe@example.com. Jane Roe is a reporter.", None),
            (
                "Juana Roe es periodista. Pedro Doe es abogado",
                Some(&["Juana Roe", "Pedro Doe"]),
            ),
            ("John Doe covers science for the Courier.", Some(&["John Doe"])),
            ("Jane Roe is a reporter. She lives by the harbour.", None),
            ("The harbour is quiet again.", None),
        ];
        for (text, want) in rows {
            assert_eq!(author_note(text), want.map(v), "{text}");
        }
    }

    #[test]
    fn signatures() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Jane Roe jroe@example.com", Some("Jane Roe")),
            ("Jane Roe, staff writer jroe@example.com", Some("Jane Roe")),
            ("홍길동 기자 hong@example.com", Some("홍길동")),
            ("칼럼니스트 홍길동 hong@example.com", Some("홍길동")),
            ("Write to us at desk@example.com", None),
            ("Jane Roe", None),
        ];
        for (text, want) in rows {
            assert_eq!(signature(text).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn signoff_openings() {
        assert_eq!(SIGNOFF_WORDS.len(), 10);
        let rows: &[(&str, bool)] = &[
            ("(Reporting by Dan Oko; Editing by Mark Hey)", true),
            ("( Writing by Cat Lobo)", true),
            ("Additional reporting by Cat Lobo", true),
            ("FACT-CHECKING BY ANA LIMA", true),
            ("Re\u{17F}earch by Ana Lima", true),
            ("Fact-chec\u{212A}ing by Ana Lima", true),
            ("President Roe said the plan was ready.", false),
            ("Reports of damage came in overnight.", false),
            ("“Reporting by the book,” she said.", false),
            ("Rep", false),
            ("", false),
        ];
        for (text, want) in rows {
            assert_eq!(may_open_signoff(text), *want, "{text}");
        }
    }

    #[test]
    fn desk_endings_from_the_list() {
        let (endings, other) = &*DESK_ENDINGS;
        assert!(!other);
        assert_eq!(endings.len(), 9);
        for (text, want) in [
            ("Springfield Courier Wire Services", true),
            ("Acme News STAFF", true),
            ("Springfield Gazette", false),
            ("Staff writer Jane Roe", false),
            ("x", true),
        ] {
            assert_eq!(may_name_no_one(text), want, "{text}");
        }
    }

    #[test]
    fn outlets_among_the_next_words() {
        assert_eq!(
            outlet(&["Associated", "Press", "Writer"]).as_deref(),
            Some("Associated Press")
        );
        assert_eq!(outlet(&["Reuters"]).as_deref(), Some("Reuters"));
        assert_eq!(outlet(&["Kim", "Lowe", "and", "Kevin", "Marsh"]), None);
        assert_eq!(outlet(&[]), None);
    }

    #[test]
    fn signoffs() {
        let s = parse_signoff(
            "(Reporting by Dan Oko in Washington; Additional reporting by Cat Lobo in Lisbon; Editing by Mark Hey)",
        )
        .unwrap();
        assert_eq!(s.authors, v(&["Dan Oko"]));
        assert_eq!(s.sources, v(&["Reuters"]));
        assert_eq!(parse_signoff("REUTER").unwrap().sources, v(&["Reuters"]));
        assert!(parse_signoff("Contributing: Kris Phelps").is_some());
        assert!(parse_signoff("Hana Hab contributed to this report.").is_some());
        assert!(parse_signoff("Hana Hab contributed\nto this report.").is_none());
        assert!(parse_signoff("(Reporting by Dan Oko;\nEditing by Mark Hey)").is_some());
        assert!(parse_signoff("REUTER\n").is_some());
        assert!(parse_signoff("The reporters said the deal was done.").is_none());
    }
}
