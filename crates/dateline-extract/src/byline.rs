//! Bylines and sign-offs: who wrote the story and which agencies it came from.
//!
//! Shapes: `By NAME`, `By NAME and NAME`, `By NAME, NAME and NAME, CNN`, `By: CNN Wire`,
//! `Analysis by NAME, CNN Editor-at-large`, `NAME, Associated Press`,
//! `Robert Roe, Ap National Security Writer`, `NAME and NAME USA TODAY`, `By NAME Staff Writer`,
//! a bare name line, an all-caps name line with the agency on the next line, and at the foot of
//! Reuters copy `(Reporting by …; Editing by …)` or a lone `REUTER`. Names come back in natural
//! case; agency suffixes become sources, not authors.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::alternation;
use super::gazetteer;
use super::lexicon;
use super::lists::{BYLINE_DESKS, BYLINE_JOB_WORDS, BYLINE_OPENERS, SIGNOFF_AGENCIES, SIGNOFF_ROLES};
use super::text::{is_all_caps, is_one_line, natural_case};

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub names: Vec<String>,
    /// Agencies credited for the reporting ("Reuters", "Associated Press").
    pub sources: Vec<String>,
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    let openers = alternation(BYLINE_OPENERS.iter());
    Regex::new(&format!(r"^(?i:(?:(?:{openers})\s+)?by)(?:\s*:\s*|\s+)")).expect("byline prefix regex")
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
        // "JANE ROE" over "Associated Press".
        [name, agency] if top => {
            let a = agency.trim();
            let source = gazetteer::agency(a)
                .map(str::to_string)
                .or_else(|| gazetteer::is_known_org(a).then(|| a.to_string()))?;
            let mut b = parse_line(name, true)?;
            if b.names.is_empty() {
                return None;
            }
            b.sources.push(source);
            Some(b)
        }
        _ => None,
    }
}

fn parse_line(line: &str, top: bool) -> Option<Byline> {
    let named = parse_names(line, top);
    if named.as_ref().is_some_and(|b| !b.names.is_empty()) {
        return named;
    }
    // "Springfield Courier wire services", "By: CNN Wire": a byline that names no one.
    let line = line.trim().trim_end_matches(['.', ',']).trim();
    let (rest, prefixed) = match PREFIX.find(line) {
        Some(m) => (&line[m.end()..], true),
        None => (line, false),
    };
    if (prefixed || top)
        && !rest.chars().any(|c| c.is_ascii_digit())
        && may_name_no_one(rest)
        && NO_NAME_BYLINE.is_match(rest)
    {
        let words: Vec<&str> = rest.split_whitespace().collect();
        return Some(Byline {
            names: Vec::new(),
            sources: outlet(&words).into_iter().collect(),
        });
    }
    named
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

fn parse_names(line: &str, top: bool) -> Option<Byline> {
    let line = line.trim().trim_end_matches(['.', ',']).trim();
    if line.is_empty() || line.chars().count() > 120 || line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let (rest, prefixed) = match PREFIX.find(line) {
        Some(m) => (&line[m.end()..], true),
        None => (line, false),
    };
    if !prefixed && !top && !line.contains(',') {
        return None;
    }
    let all_caps_line = is_all_caps(rest);
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut tail = false;
    while i < words.len() {
        let raw = words[i];
        let w = raw.trim_end_matches(',');
        let comma = raw.ends_with(',');
        // An outlet or job title ends the names (mixed-case lines only for all-caps outlets).
        // `outlet` reads at most four words.
        let mut ahead = [""; 4];
        let k = (words.len() - i).min(ahead.len());
        for (slot, w) in ahead.iter_mut().zip(&words[i..i + k]) {
            *slot = w.trim_end_matches(',');
        }
        if let Some(o) = outlet(&ahead[..k]) {
            let caps_outlet = is_all_caps(w) && !all_caps_line;
            if caps_outlet
                || current.is_empty()
                || !w.chars().next().is_some_and(char::is_uppercase)
                || gazetteer::agency(w).is_some()
                || i > 0 && words[i - 1].ends_with(',')
            {
                flush(&mut current, &mut names)?;
                if !sources.contains(&o) {
                    sources.push(o);
                }
                tail = true;
                break;
            }
        }
        if w.eq_ignore_ascii_case("and") || w == "&" {
            flush(&mut current, &mut names)?;
            i += 1;
            continue;
        }
        if is_job_word(w)
            && !lexicon::is_name_particle(&w.to_lowercase())
            && (current.len() >= 2 || current.is_empty() && !names.is_empty())
        {
            flush(&mut current, &mut names)?;
            tail = true;
            break;
        }
        current.push(w);
        if comma {
            flush(&mut current, &mut names)?;
        }
        i += 1;
    }
    if !tail {
        flush(&mut current, &mut names)?;
    }
    if names.is_empty() && sources.is_empty() {
        return None;
    }
    // A bare line must be names only, and not too many of them.
    if !prefixed && names.len() > 3 {
        return None;
    }
    if !prefixed && names.is_empty() {
        return None;
    }
    Some(Byline { names, sources })
}

/// Adds the collected words as one name, or fails when they cannot be a person's name.
fn flush(current: &mut Vec<&str>, names: &mut Vec<String>) -> Option<()> {
    if current.is_empty() {
        return Some(());
    }
    let words = std::mem::take(current);
    if !name_shaped(&words) {
        return None;
    }
    let name = words.join(" ");
    names.push(if is_all_caps(&name) { natural_case(&name) } else { name });
    Some(())
}

/// Two to five words, each capitalised (or a particle inside), none of them a function word,
/// place or organisation.
pub fn name_shaped(words: &[&str]) -> bool {
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let joined = words.join(" ");
    if gazetteer::place(&joined).is_some() || gazetteer::is_known_org(&joined) || gazetteer::agency(&joined).is_some() {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        let particle = i > 0 && i + 1 < words.len() && lexicon::is_name_particle(&w.to_lowercase());
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        (cap || particle)
            && !lexicon::is_stop_word(w)
            && !gazetteer::is_org_suffix(w)
            && !is_job_word(w)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    })
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

    #[test]
    fn byline_shapes() {
        let rows: &[(&str, &[&str], &[&str])] = &[
            ("By Jane Roe", &["Jane Roe"], &[]),
            ("By Ana Lima and Tom Reyes", &["Ana Lima", "Tom Reyes"], &[]),
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
            ("JANE ROE\nAssociated Press", &["Jane Roe"], &["Associated Press"]),
            ("Sara Archibald", &["Sara Archibald"], &[]),
            ("By Alma de la Cruz", &["Alma de la Cruz"], &[]),
            ("By Haruka Ino, Reuters", &["Haruka Ino"], &["Reuters"]),
            ("By Mark O'Neal, Reuters", &["Mark O'Neal"], &["Reuters"]),
        ];
        for (text, n, s) in rows {
            assert_eq!(names(text, true), Some((v(n), v(s))), "{text}");
        }
        let none = parse("Springfield Courier wire services", true).unwrap();
        assert!(none.names.is_empty());
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
        ] {
            assert_eq!(parse(text, true), None, "{text}");
        }
        assert_eq!(parse("Jane Roe", false), None);
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
