//! Headlines: a web page's title often carries the site's (or the writer's) name after a
//! separator — "Springfield rezoning vote delayed - Springfield Courier", "About us – Acme
//! Games", "Ten quiet harbours | Jane Roe". The headline is the title without it. A subtitle
//! or the second half of a real headline stays: "Harbour review – calm waters, no surprises",
//! "Die Hafenbahn – der lange Weg zurück".
//!
//! The last separator splits the title into a head and a suffix, and an ordered table of
//! small rules says whether the suffix is the site: each answers cut, keep, or nothing, and
//! the first answer wins. With no answer the title stays whole: a suffix is cut only on
//! evidence.

use super::gazetteer;
use super::lists::TITLE_SMALL_WORDS;
use super::text::is_all_caps;

/// What else the page says, to tell a site's name from the end of a headline.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    /// The byline's names.
    pub bylines: &'a [String],
    /// The agencies and outlets the byline and sign-offs credit.
    pub sources: &'a [String],
    /// The page's body source, links and image addresses included.
    pub body: &'a str,
    /// The page is a web capture (Markdown), whose title the site wrote.
    pub web: bool,
}

/// The separators a site puts between a page's headline and its own name: dashes and the pipe,
/// and the guillemets, double colon, bullet and middle dot some publishing systems print ("… »
/// Acme Daily", "… « Acme Blog" as blogs' default titles read, "… :: Acme News", "… • Acme",
/// "… · Acme").
const SEPARATORS: [&str; 9] = [" - ", " | ", " – ", " — ", " » ", " « ", " :: ", " • ", " · "];

/// A title cut at its last separator.
struct Title<'a> {
    head: &'a str,
    suffix: &'a str,
    /// The separator before the suffix.
    separator: &'static str,
    /// How many separators the whole title holds.
    separators: usize,
}

/// A rule's answer: cut the suffix (`true`), keep it (`false`), or no answer.
type Rule = fn(&Title<'_>, &Evidence<'_>) -> Option<bool>;

/// The rules, in order: reasons to keep first (but a web address, which is written in lower
/// case, before the lower-case test), then evidence of a site's name.
const RULES: &[(&str, Rule)] = &[
    ("not a web page", not_web),
    ("wire headline in capitals", in_capitals),
    ("head too short", head_too_short),
    ("web address", web_address),
    ("suffix runs on in lower case", lower_case_suffix),
    ("suffix too long for a name", long_suffix),
    ("byline name", byline_name),
    ("known outlet", known_outlet),
    ("named elsewhere on the page", named_on_page),
    ("organisation's name", organisation_name),
    ("last of several separators", after_several),
    ("one brand word", brand_word),
    ("one name in a script without capitals", caseless_name),
];

/// The headline without the site's name after it, when the page shows the suffix is one; and
/// without the writer's name before the site's ("Ten quiet harbours – Jane Roe – Acmeblog", as
/// blogging platforms title a page).
pub fn without_site<'a>(title: &'a str, ev: &Evidence<'_>) -> &'a str {
    let title = title.trim();
    let Some(t) = split(title) else {
        return title;
    };
    let cut = RULES.iter().find_map(|(_, rule)| rule(&t, ev)).unwrap_or(false);
    if !cut {
        return title;
    }
    let head = match split(t.head) {
        Some(writer) if byline_name(&writer, ev) == Some(true) && writer.head.split_whitespace().nth(1).is_some() => {
            writer.head
        }
        _ => t.head,
    };
    without_section(head, t.separator)
}

/// "Ten quiet harbours | Travel | Acme Courier": before the site's name, a site may give the
/// section the page is in, after a pipe of its own. A headline holds no pipe, so a short
/// capitalised part after the last one, once the site is cut, is the section's name. Sites
/// that separate with dashes or guillemets name the section the same way, with the same mark
/// as before their own name ("Ferry times change - Travel - Acme Courier"); a headline holds a
/// dash of its own, so there the section is one or two words.
fn without_section<'a>(head: &'a str, site_separator: &str) -> &'a str {
    let pipe = " | ";
    // A pipe marks a section whatever the site's own separator; another mark only its own.
    let found = match head.rfind(pipe) {
        Some(at) => Some((at, pipe, 3)),
        None if site_separator != pipe => head.rfind(site_separator).map(|at| (at, site_separator, 2)),
        None => None,
    };
    let Some((at, sep, most)) = found else {
        return head;
    };
    let (before, section) = (head[..at].trim_end(), head[at + sep.len()..].trim());
    let words = section.split_whitespace().count();
    let titled = section.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    let short = words <= most && section.starts_with(char::is_uppercase) && (sep == pipe || titled);
    if short && before.split_whitespace().nth(1).is_some() {
        before
    } else {
        head
    }
}

/// `title` cut at its last separator, if it has one.
fn split(title: &str) -> Option<Title<'_>> {
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, _)| *i)?;
    Some(Title {
        head: title[..at].trim(),
        suffix: title[at + sep.len()..].trim(),
        separator: sep,
        separators: SEPARATORS.iter().map(|s| title.matches(s).count()).sum(),
    })
}

/// Wire copy's first line is the headline as the agency filed it.
fn not_web(_: &Title<'_>, ev: &Evidence<'_>) -> Option<bool> {
    (!ev.web).then_some(false)
}

/// "ECONOMIC SPOTLIGHT - HARBOUR TRADE": a slug and a headline in capitals.
fn in_capitals(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    (is_all_caps(t.head) && is_all_caps(t.suffix)).then_some(false)
}

/// "Review - Harbour Lights": a one-word head is a kicker, not a headline. Chinese and Japanese
/// write a whole headline without spaces ("港の灯りが今夜戻る"), so there a head of a few
/// characters is enough.
fn head_too_short(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let sentence_unspaced = starts_caseless(t.head) && t.head.chars().count() >= 6;
    (t.head.split_whitespace().count() < 2 && !sentence_unspaced).then_some(false)
}

/// Whether text opens with a letter of a script without capitals (Chinese, Japanese, Korean,
/// Arabic, Hebrew, Thai).
fn starts_caseless(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase())
}

/// "Harbour review – calm waters, no surprises": the headline goes on.
fn lower_case_suffix(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    t.suffix.starts_with(char::is_lowercase).then_some(false)
}

/// A site's name is short: "Springfield Courier", "Acme Games".
fn long_suffix(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    (t.suffix.split_whitespace().count() > 5).then_some(false)
}

/// "Ten quiet harbours | Jane Roe" under "By Jane Roe".
fn byline_name(t: &Title<'_>, ev: &Evidence<'_>) -> Option<bool> {
    ev.bylines
        .iter()
        .any(|b| b.eq_ignore_ascii_case(t.suffix))
        .then_some(true)
}

/// An outlet the byline credits or the gazetteer knows: "… - Reuters", "… | Acme News"; or
/// one of its desks or local stations, named with the outlet first ("… | Acme Politics", "… -
/// Acme Chicago").
fn known_outlet(t: &Title<'_>, ev: &Evidence<'_>) -> Option<bool> {
    let s = t.suffix;
    let known = |s: &str| gazetteer::agency(s).is_some() || gazetteer::is_known_org(s);
    let words: Vec<&str> = s.split_whitespace().collect();
    let desk = (2..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && gazetteer::agency(words[0]).is_some();
    (ev.sources.iter().any(|o| o.eq_ignore_ascii_case(s)) || known(s) || desk).then_some(true)
}

/// "… | example.com", "… - News.example.org".
fn web_address(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let s = t.suffix;
    let tld = s.rsplit('.').next().unwrap_or("");
    let address = !s.contains(char::is_whitespace)
        && s.contains('.')
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic());
    address.then_some(true)
}

/// The suffix appears elsewhere on the page as a phrase or as a web address: "… - Acme Games"
/// over a page that links to "acmegames.example" or says "Acme Games" again.
fn named_on_page(t: &Title<'_>, ev: &Evidence<'_>) -> Option<bool> {
    let phrase = t.suffix.to_lowercase();
    let squashed: String = phrase.chars().filter(|c| c.is_alphanumeric()).collect();
    if squashed.chars().count() < 3 {
        return None;
    }
    let body = ev.body.to_lowercase();
    let bounded = |needle: &str, after: fn(char) -> bool| {
        body.match_indices(needle).any(|(i, m)| {
            let before = body[..i].chars().next_back();
            let next = body[i + m.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric()) && next.is_none_or(after)
        })
    };
    // A phrase must read like a name: a subtitle ("The Long Wait") may echo the story.
    let as_phrase = name_like(t.suffix) && bounded(&phrase, |c| !c.is_alphanumeric());
    let as_address = bounded(&squashed, |c| c == '.');
    (as_phrase || as_address).then_some(true)
}

/// A short name: every word capitalised (or written without case) but the small words of a
/// title, and no article opening it ("Acme Games", "Acme de Noticias", not "The Long Wait").
fn name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 4
        && words
            .first()
            .is_some_and(|w| !TITLE_SMALL_WORDS.contains_lowercase_of(w))
        && words.iter().enumerate().all(|(i, w)| {
            !w.starts_with(char::is_lowercase) || i > 0 && (TITLE_SMALL_WORDS.contains(w) || w.chars().count() <= 3)
        })
}

/// "About us – Vortex Acme Entertainment": a name ending like an organisation's.
fn organisation_name(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let words: Vec<&str> = t.suffix.split_whitespace().collect();
    let titled = words.iter().all(|w| w.starts_with(char::is_uppercase));
    let last = words.last().copied().unwrap_or("");
    (titled && words.len() >= 2 && gazetteer::is_org_suffix(last)).then_some(true)
}

/// "Reviews are in — and they are mixed - Acme": a headline with a dash of its own, then the
/// site's short title-cased name.
fn after_several(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let words: Vec<&str> = t.suffix.split_whitespace().collect();
    let titled = words.iter().all(|w| w.starts_with(char::is_uppercase));
    (t.separators >= 2 && titled && words.len() <= 3).then_some(true)
}

/// "Harbour lights are back - Acmeblog": a single capitalised word after the separator is a
/// brand, not the second half of a headline.
fn brand_word(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let s = t.suffix;
    let one_word = !s.contains(char::is_whitespace);
    (one_word && s.starts_with(char::is_uppercase) && !is_all_caps(s)).then_some(true)
}

/// "港の灯りが戻る - アクメ新聞", "항구의 불빛 - 아크미일보": in a script without capitals the
/// site's name is one short word after the separator (up to twenty characters, as a name of
/// five words is in Latin script).
fn caseless_name(t: &Title<'_>, _: &Evidence<'_>) -> Option<bool> {
    let s = t.suffix;
    let short = s.chars().count() <= 20;
    (starts_caseless(s) && short && !s.contains(char::is_whitespace)).then_some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per rule: (title, headline).
    const SITE_SUFFIX_ROWS: &[(&str, &str)] = &[
        // Cut: the byline, a credited or known outlet, an address, a name found on the page.
        ("Ten quiet harbours | Jane Roe", "Ten quiet harbours"),
        (
            "Springfield rezoning vote delayed - Springfield Courier",
            "Springfield rezoning vote delayed",
        ),
        ("Harbour talks stall - Reuters", "Harbour talks stall"),
        ("How to tie a bowline | example.com", "How to tie a bowline"),
        ("Patch notes for the spring – Acme Games", "Patch notes for the spring"),
        ("Ferry times change — Harbour Gazette", "Ferry times change"),
        ("Harbour strike - The Long Wait", "Harbour strike - The Long Wait"),
        ("About us – Vortex Acme Entertainment", "About us"),
        (
            "The reviews are in — and they are mixed - Acmeblog",
            "The reviews are in — and they are mixed",
        ),
        ("Harbour lights are back - Acmeblog", "Harbour lights are back"),
        ("Harbour lights are back · Zentrix News", "Harbour lights are back"),
        ("Harbour lights are back - Quillmark Blog", "Harbour lights are back"),
        ("港の灯りが今夜戻る - アクメ新聞", "港の灯りが今夜戻る"),
        ("항구의 불빛이 돌아온다 - 아크미일보", "항구의 불빛이 돌아온다"),
        // A known outlet's desk or station, and the section before the site's name.
        ("Harbour talks stall | Reuters Business", "Harbour talks stall"),
        ("Ferry times change | Travel | Harbour Gazette", "Ferry times change"),
        ("Ferry times change | Local news | Jane Roe", "Ferry times change"),
        ("Ferry times change - Travel - Harbour Gazette", "Ferry times change"),
        ("Ferry times change » Harbour Gazette", "Ferry times change"),
        (
            "Ferry times change :: Local News :: Harbour Gazette",
            "Ferry times change",
        ),
        (
            "Harbour strike - the long wait - Harbour Gazette",
            "Harbour strike - the long wait",
        ),
        // A blog's default title: the post, a left guillemet, the blog.
        ("Ten quiet harbours « Harbour Gazette", "Ten quiet harbours"),
        // The writer's name before the site's, as blogging platforms title a page.
        ("Ten quiet harbours – Jane Roe – Acmeblog", "Ten quiet harbours"),
        ("Jane Roe – Acmeblog", "Jane Roe"),
        // Keep: a subtitle, the second half of a headline, a kicker, wire capitals.
        (
            "Harbour review – calm waters, no surprises",
            "Harbour review – calm waters, no surprises",
        ),
        (
            "Die Hafenbahn – der lange Weg zurück",
            "Die Hafenbahn – der lange Weg zurück",
        ),
        ("Review - Harbour Lights", "Review - Harbour Lights"),
        (
            "CHAPTER TWO: The harbour? - Quiet Waters",
            "CHAPTER TWO: The harbour? - Quiet Waters",
        ),
        (
            "ECONOMIC SPOTLIGHT - HARBOUR TRADE",
            "ECONOMIC SPOTLIGHT - HARBOUR TRADE",
        ),
        (
            "Harbour pilots strike - What the new contract means for the port",
            "Harbour pilots strike - What the new contract means for the port",
        ),
        ("No separator here", "No separator here"),
    ];

    #[test]
    fn site_suffixes() {
        let bylines = vec!["Jane Roe".to_string()];
        let sources = vec!["Springfield Courier".to_string()];
        let body = "Read more at acmegames.example and the Harbour Gazette archive. The long wait ends.";
        let ev = Evidence {
            bylines: &bylines,
            sources: &sources,
            body,
            web: true,
        };
        let rows = SITE_SUFFIX_ROWS;
        for (title, want) in rows {
            assert_eq!(without_site(title, &ev), *want, "{title}");
        }
        let wire = Evidence { web: false, ..ev };
        assert_eq!(
            without_site("Harbour talks stall - Reuters", &wire),
            "Harbour talks stall - Reuters"
        );
    }
}
