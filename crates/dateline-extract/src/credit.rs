//! Photo credits: finding where a caption's credit starts and taking the credit apart.
//!
//! The grammars newsrooms print: `Name/Agency via AP`, `Name/Agency, Palace Pool Photo via AP`,
//! `Name/Pool/Keystone via Getty Images`, `AP Photo/Name`, `REUTERS/Name`,
//! `Name | Bloomberg | Getty Images`, `Photo: Name, AP`, `Name for The Springfield Courier`,
//! `Credit Name/Agency, via Shutterstock`, `Name—Getty Images`, `Name / Reuters file`, and the
//! whole credit in parentheses at the end of a caption: `(AP Photo/Name)`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Credit;

use super::gazetteer;
use super::lexicon;
use super::lists::{
    BYLINE_TITLES, COMPANY_SUFFIXES, CREDIT_AUTHOR_PREPOSITIONS, CREDIT_CONNECTORS, CREDIT_LABELS, CREDIT_NON_AGENCIES,
    CREDIT_NON_NAME_WORDS, CREDIT_OUTLET_PREPOSITIONS, CREDIT_PICTURE_WORDS, CREDIT_POSITION_WORDS, CREDIT_SIGNALS,
    CREDIT_WORDS_NAMING_NOBODY, CREDIT_WORK_NOUNS, DISTINCTIVE_AGENCIES,
};
use super::names;
use super::text::{is_all_caps, natural_case, natural_word};

/// The sign that labels a credit without a word: "© Jane Roe".
const COPYRIGHT_SIGN: &str = "©";

/// A label and what separates it from the credit: a colon, comma, "=" or ellipsis ("Credit…"),
/// "by", or a space; a "©" may follow ("Image: © Acme"). The longer labels come first ("Photo
/// credit" before "Photo"); each keeps its first letter as listed and takes the rest in any case
/// ("Image Credit", "PHOTO"). "©" needs no separator. The group `sep` is the explicit separator.
fn label_pattern() -> String {
    let mut labels: Vec<&str> = CREDIT_LABELS.iter().collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let labels: Vec<String> = labels
        .iter()
        .map(|l| {
            let first = l.chars().next().map_or(0, char::len_utf8);
            format!("{}(?i:{})", regex::escape(&l[..first]), regex::escape(&l[first..]))
        })
        .collect();
    let labels = labels.join("|");
    format!(
        r"(?:(?:{labels})(?:(?P<sep>\s*(?:[:,=]|…|\.\.\.)\s*)|\s+(?i:by)\s+|\s+)(?:{COPYRIGHT_SIGN}\s*)?|{COPYRIGHT_SIGN}\s*)"
    )
}

/// Labels that introduce a credit; the label is not part of the credit. A page flattened
/// from HTML may run the label into the caption's last full stop ("… at dawn.Credit…Jane Roe").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[\s(\[.!?”])(?P<label>{})", label_pattern())).expect("credit label regex")
});

/// A label at the very start of a block or line.
static LEADING_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{}", label_pattern())).expect("leading credit label regex"));

/// How every label starts: the labels that start with no shorter label ("Photo", not "Photo
/// credit"), and "©".
static LABEL_STARTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let labels: Vec<&str> = CREDIT_LABELS.iter().chain([COPYRIGHT_SIGN]).collect();
    labels
        .iter()
        .copied()
        .filter(|l| {
            !labels.iter().any(|other| {
                other.len() < l.len() && l.as_bytes()[..other.len()].eq_ignore_ascii_case(other.as_bytes())
            })
        })
        .collect()
});

/// The first bytes of [`LABEL_STARTS`], which `has_label_word` searches for.
static LABEL_FIRST_BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut bytes: Vec<u8> = LABEL_STARTS
        .iter()
        .filter_map(|l| l.as_bytes().first().copied())
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    bytes
});

/// Whether a label may start at byte `i` of `b`: its first byte as listed, the rest in any
/// ASCII case, as the label regexes compare them.
fn label_starts_at(b: &[u8], i: usize) -> bool {
    LABEL_STARTS.iter().any(|w| {
        let w = w.as_bytes();
        b.get(i..i + w.len())
            .is_some_and(|p| p[0] == w[0] && p[1..].eq_ignore_ascii_case(&w[1..]))
    })
}

/// Where a credit sits at the end of a caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditSplit {
    /// End of the caption text: before the credit, its label or its parenthesis, and the mark
    /// or white space that separates them.
    pub caption_end: usize,
    /// The credit as printed, without label or parentheses.
    pub raw: String,
}

/// Whether `s` reads as a credit. `labelled` credits ("Photo: …") need no further signal.
pub fn credit_like(s: &str, labelled: bool) -> bool {
    let s = s.trim();
    // The cheap tests first: candidates are often whole sentences or paragraphs.
    // A question or exclamation inside is a headline's, and so is a source in spaced brackets,
    // which ends an aggregator's link ("Why Now? It's Complicated [ Acme ]").
    if s.is_empty()
        || s.ends_with(['?', '!', ':', ';', ','])
        || s.ends_with(" ]")
        || s.contains("? ")
        || s.contains("! ")
    {
        return false;
    }
    if s.ends_with('.') && !ends_with_abbreviation(s) {
        return false;
    }
    // At most 110 chars: a char takes one to four bytes, so only lengths in between are
    // counted, and counting stops at the limit.
    if s.len() > 4 * 110 || s.len() > 110 && s.chars().nth(110).is_some() {
        return false;
    }
    // Every word must be capitalised, a connector or (labelled) a number: one pass that stops
    // at the first word of running text, before anything is collected.
    let mut count = 0;
    for w in credit_words(s) {
        count += 1;
        if count > 14 {
            return false;
        }
        let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '"' | '“' | '”'));
        if w.is_empty() {
            continue;
        }
        if lower_case_word(w) {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_numeric() && !labelled {
            return false;
        }
    }
    if count == 0 {
        return false;
    }
    // "| Acme" or "/ Acme" has lost the name before its separator; "Account: @jane" is a
    // kicker and its text, not a credit.
    if s.starts_with(is_credit_separator) || !labelled && s.split_whitespace().any(|w| w.ends_with(':')) {
        return false;
    }
    let words: Vec<&str> = credit_words(s).collect();
    // A writer's job title makes an unlabelled line a byline ("Jane Roe, Contributor"); after a
    // credit label it is the photographer's ("Credit: Acme - Contributor").
    if !labelled && words.iter().any(|w| BYLINE_TITLES.contains(w)) || s.starts_with("By ") {
        return false;
    }
    // Something must name a party: "Photo" or "Images" alone credit nobody.
    if words
        .iter()
        .all(|w| CREDIT_WORDS_NAMING_NOBODY.contains_lowercase_of(w))
    {
        return false;
    }
    if names_places_only(s) {
        return false;
    }
    if labelled {
        return true;
    }
    s.contains('/')
        || s.contains('|')
        || words.contains(&"via")
        || has_credit_signal(s)
        || on_assignment(&words)
        || words.iter().any(|w| gazetteer::agency(w).is_some_and(names_a_party))
        || gazetteer::agency(s.strip_prefix("The ").unwrap_or(s)).is_some()
        || s.split([',', '/', '|', '—', '–']).any(|part| {
            let part = part.trim();
            part.contains(' ') && gazetteer::agency(part).is_some_and(names_a_party)
        })
}

/// "Jane Roe for The Springfield Courier", "Ana Lima para Acme": a photographer working for
/// an outlet is credited with both, the person (opening with a given name) first. ("on" names
/// a library, "Jane Roe on Acme Stock", but also a day: it is no signal alone.)
fn on_assignment(words: &[&str]) -> bool {
    words
        .iter()
        .position(|w| *w != "on" && CREDIT_OUTLET_PREPOSITIONS.contains(w))
        .is_some_and(|k| (2..=4).contains(&k) && k + 1 < words.len() && opens_like_a_person(words[0]))
}

/// Whether a word of `s` starts with a credit signal ("Handout picture", "Jane Roe/Acme Pool",
/// "Submitted photo"), in any case. Only the start of a word: a handle such as "@jane_photo"
/// signals nothing.
fn has_credit_signal(s: &str) -> bool {
    credit_words(s).any(|w| {
        let w = w.trim_start_matches(['(', '"', '“']);
        w.len() >= 4
            && CREDIT_SIGNALS.iter().any(|signal| {
                w.as_bytes()
                    .get(..signal.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(signal.as_bytes()))
            })
    })
}

/// Whether a known agency names a party: "Pool", "Handout" and "Courtesy" say how a picture
/// was obtained, not from whom.
fn names_a_party(agency: &str) -> bool {
    !matches!(agency, "Pool" | "Handout" | "Courtesy")
}

/// The words of a credit candidate: split at white space and at the separators credits use.
fn credit_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || is_credit_separator(c))
        .filter(|w| !w.is_empty() && *w != "-")
}

fn is_credit_separator(c: char) -> bool {
    matches!(c, '/' | '|' | ',' | '—' | '–')
}

/// A word of running text, which no credit holds: it starts in lower case and is neither a
/// connector ("via", "for") nor a name particle. `w` has its brackets and quotes trimmed.
fn lower_case_word(w: &str) -> bool {
    if !w.chars().next().is_some_and(char::is_lowercase) || gazetteer::is_agency_as_written(w) {
        return false;
    }
    // A brand written in camel case ("eFoto", "iAcme") is a name, not running text; an
    // abbreviation that opens in lower case ("eID") is not a brand.
    if camel_case(w) {
        return false;
    }
    // Connectors and particles are ASCII letters only, and lowering keeps every other ASCII
    // char: a word with one ("time.", "year’s") is neither, without a look at either list.
    if w.bytes().any(|b| b.is_ascii() && !b.is_ascii_alphabetic()) {
        return true;
    }
    !CREDIT_CONNECTORS.contains_lowercase_of(w) && !lexicon::is_name_particle(w)
}

/// Lower case, then a capital, then lower case again: "iAcme", "eFoto".
fn camel_case(w: &str) -> bool {
    let mut chars = w.chars().skip_while(|c| c.is_lowercase());
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// Whether no credit can end where `t` (trimmed at the end) ends. Every candidate the caption
/// forms below try, and the body `whole_credit` tests, ends with `t`'s last char and
/// `credit_like` rejects one ending in `?`, `!`, `:`, `;`, `,` or a full stop that closes no
/// abbreviation. A candidate's last word is `t`'s last word unless a label glued to it
/// ("Photo:U.S.") was cut off, which needs a `:`, `,` or `©` in that word, or a parenthesis
/// around the credit was cut off, which needs `t` to end in `)`. So when `t`'s last word is
/// running text in lower case ("… will take time.”"), `credit_like` rejects every candidate
/// too. Most story paragraphs end one of these ways and skip the search altogether.
fn ends_without_credit(t: &str) -> bool {
    let Some(&end) = t.as_bytes().last() else {
        return false;
    };
    if matches!(end, b'?' | b'!' | b':' | b';' | b',') {
        return true;
    }
    let (last, glued) = last_word(t);
    if glued {
        return false;
    }
    if end == b'.' && !abbreviation_word(last) {
        return true;
    }
    if end == b')' || end == b']' {
        return false;
    }
    // The last of `credit_words`, as `credit_like` trims it; an empty one is skipped there.
    let word = last.rsplit(is_credit_separator).next().unwrap_or("");
    let word = if word == "-" { "" } else { word };
    lower_case_word(word.trim_matches(|c: char| matches!(c, '(' | ')' | '"' | '“' | '”')))
}

fn ends_with_abbreviation(s: &str) -> bool {
    abbreviation_word(last_word(s).0)
}

/// Whether a word ending in a full stop abbreviates ("Co.", "U.S.") rather than ends a sentence.
fn abbreviation_word(last: &str) -> bool {
    lexicon::is_abbreviation(last) || last.contains('.') && last.len() <= 5
}

/// What follows the last white space of `t`, and whether it holds a `:`, `,` or `©` (a label
/// glued to the word after it). Read backwards a byte at a time where the bytes are ASCII:
/// every paragraph's end is looked at, twice.
fn last_word(t: &str) -> (&str, bool) {
    let b = t.as_bytes();
    let mut start = b.len();
    let mut glued = false;
    while let Some(&c) = b[..start].last() {
        if c.is_ascii() {
            // The ASCII chars `char::is_whitespace` accepts.
            if matches!(c, b'\t'..=b'\r' | b' ') {
                break;
            }
            glued |= matches!(c, b':' | b',');
            start -= 1;
        } else {
            let Some(ch) = t[..start].chars().next_back() else {
                break;
            };
            if ch.is_whitespace() {
                break;
            }
            glued |= ch == '©';
            start -= ch.len_utf8();
        }
    }
    (&t[start..], glued)
}

/// Strips a leading label ("Photo: ", "Image copyright ", "Credit ") and surrounding
/// parentheses or brackets ("[Photo: Acme Corp]").
pub fn strip_label(s: &str) -> (&str, bool) {
    let t = s.trim();
    let t = if t.starts_with('(') && t.ends_with(')') || t.starts_with('[') && t.ends_with(']') {
        &t[1..t.len() - 1]
    } else {
        t
    };
    // Most blocks start with no label word and skip the regex.
    match label_starts_at(t.as_bytes(), 0)
        .then(|| LEADING_LABEL.find(t))
        .flatten()
    {
        Some(m) if m.end() < t.len() => (t[m.end()..].trim(), true),
        _ => (t.trim(), false),
    }
}

/// A whole block or line that is only a credit, possibly labelled: "Photo: Jane Roe, AP",
/// "Image copyright EPA", "Getty Images/Sipa USA". Returns the credit without its label.
pub fn whole_credit(s: &str) -> Option<String> {
    let t = s.trim();
    // The end first: most blocks are story text, and a look at their end rejects them.
    if ends_without_credit(t) {
        return None;
    }
    credit_line(t)
}

/// [`whole_credit`] of a trimmed block whose end does not rule a credit out.
fn credit_line(t: &str) -> Option<String> {
    if t.contains('\n') {
        return None;
    }
    // "Jane Roe Submitted photo" is a portrait's caption and how it was obtained.
    if obtained_credit(t).is_some() {
        return None;
    }
    let (body, labelled) = strip_label(t);
    let paren = t.starts_with('(') && t.ends_with(')');
    (credit_like(body, labelled || paren) && (labelled || paren || credit_like(body, false))).then(|| body.to_string())
}

/// "Photos by Jane Roe (Acme Images), John Doe, janedoe", "Photographs: Jane Roe; John Doe":
/// a line whose plural picture label credits several people or agencies credits the story's
/// pictures together, at the foot of a story whose pictures carry none of their own. Its items
/// run longer than one picture's credit and may be handles in lower case. Returns the credits
/// without the label.
pub fn collective_credit(t: &str) -> Option<&str> {
    let t = t.trim();
    if t.len() > 600 || t.contains('\n') || !label_starts_at(t.as_bytes(), 0) {
        return None;
    }
    let label = LEADING_LABEL.find(t)?;
    let word = t[..label.end()]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '='))
        .trim_end_matches(" by");
    let rest = t[label.end()..].trim();
    let items: Vec<&str> = rest
        .split([',', ';'])
        .flat_map(|i| i.split(" and "))
        .map(str::trim)
        .collect();
    // An item is a name or a handle, perhaps with its agency in brackets ("janedoe (Acme)").
    let credits_item = |item: &str| {
        let (name, agency) = item.split_once(" (").unwrap_or((item, ""));
        let words: Vec<&str> = name.split_whitespace().collect();
        !words.is_empty()
            && words.len() + agency.split_whitespace().count() <= 6
            && (words.len() == 1 || words.iter().all(|w| !lower_case_word(w)))
            && agency
                .split_whitespace()
                .all(|w| !lower_case_word(w.trim_end_matches(')')))
    };
    (word.ends_with('s') && items.len() >= 2 && items.iter().all(|i| credits_item(i))).then_some(rest)
}

/// Finds a credit at the end of a caption. Returns `None` when the text does not end in one.
pub fn split_caption(text: &str) -> Option<CreditSplit> {
    CreditEnding::of(text).split_caption()
}

/// A block asked both whether it is a credit line ([`whole_credit`]) and whether it ends in a
/// credit ([`split_caption`]): its end, which rules most story paragraphs out of both, is read
/// once. Both trim the block's end the same way, and the leading white space `whole_credit`
/// also trims changes neither its last char nor its last word.
pub struct CreditEnding<'a> {
    text: &'a str,
    /// No credit can end where the block ends ([`ends_without_credit`]).
    ruled_out: bool,
}

impl<'a> CreditEnding<'a> {
    pub fn of(text: &'a str) -> Self {
        CreditEnding {
            text,
            ruled_out: ends_without_credit(text.trim_end()),
        }
    }

    /// The same as [`whole_credit`] of the block.
    pub fn whole_credit(&self) -> Option<String> {
        if self.ruled_out {
            None
        } else {
            credit_line(self.text.trim())
        }
    }

    /// The same as [`split_caption`] of the block.
    pub fn split_caption(&self) -> Option<CreditSplit> {
        let t = self.text.trim_end();
        let split = if t.is_empty() {
            None
        } else if self.ruled_out {
            glued_credit(t)
        } else {
            caption_credit(t)
        };
        split.map(|s| without_separator(t, s))
    }
}

/// The mark a page prints between a caption and its credit is neither's: "The quay at dawn |
/// Photo: Jane Roe", "The quay at dawn — Jane Roe/Acme", "The quay at dawn • Acme Images".
fn without_separator(t: &str, split: CreditSplit) -> CreditSplit {
    let caption = t[..split.caption_end]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '—' | '–' | '•' | '·'));
    CreditSplit {
        caption_end: caption.len(),
        ..split
    }
}

/// One form of credit at the end of a caption: where the caption ends and the credit, if found.
type CaptionCreditForm = fn(&str) -> Option<CreditSplit>;

/// The forms a credit takes at the end of a caption, tried in this order: the first that finds
/// one wins. Each name says the form, as an explanation of a figure would.
const CAPTION_CREDIT_FORMS: &[(&str, CaptionCreditForm)] = &[
    ("credit in parentheses or brackets", parenthesised_credit),
    ("labelled credit", labelled_credit),
    ("credit on the last line", last_line_credit),
    ("credit after the last sentence", credit_after_sentence),
    ("credit after a separator", separated_credit),
    ("how the picture was obtained", obtained_credit),
    ("credit glued to the caption", glued_credit),
];

/// [`split_caption`] of a block trimmed at the end whose end does not rule a credit out.
fn caption_credit(t: &str) -> Option<CreditSplit> {
    CAPTION_CREDIT_FORMS.iter().find_map(|(_, form)| form(t))
}

/// The whole credit in parentheses at the very end: "… in 1989. (AP Photo/Jane Roe)",
/// "… at dawn. (Image: © Acme Corp)"; some outlets print it in square brackets instead ("… at
/// dawn [Jane Roe/Acme Wire]"). A source in spaced square brackets ends an aggregator's link to
/// another site's story, not a caption ("Harbour Lamps Go Dark [ Acme Review ]").
fn parenthesised_credit(t: &str) -> Option<CreditSplit> {
    let opener = match t.as_bytes().last() {
        Some(b')') => '(',
        Some(b']') if !t.ends_with(" ]") => '[',
        _ => return None,
    };
    let open = t.rfind(opener)?;
    let inner = &t[open + 1..t.len() - 1];
    let (body, labelled) = strip_label(inner);
    let caption = t[..open].trim_end();
    (!caption.is_empty() && !body.is_empty() && (credit_like(body, false) || labelled && credit_like(body, true))).then(
        || CreditSplit {
            caption_end: open,
            raw: body.to_string(),
        },
    )
}

/// A label after the caption: "… two years. Source: Supplied", "… Credit Jane Roe/AFP". A label
/// with a colon or an ellipsis needs nothing before it ("… at dawn Credit: Acme Corp"); one
/// followed by a space only must follow the end of a sentence, a line or a closing quote.
fn labelled_credit(t: &str) -> Option<CreditSplit> {
    let mut best: Option<CreditSplit> = None;
    // A credit is short and sits at the end: only the tail of a long paragraph can hold one.
    let tail = super::text::floor_boundary(t, t.len().saturating_sub(200));
    // The label regex only runs when a label word is there at all.
    if !has_label_word(&t[tail..]) {
        return None;
    }
    for c in LABEL.captures_iter(&t[tail..]) {
        let Some(label) = c.name("label") else { continue };
        let start = tail + label.start();
        let before = t[..start].trim_end();
        let rest = t[tail + label.end()..].trim();
        if before.is_empty() || rest.is_empty() {
            continue;
        }
        let explicit = c.name("sep").is_some_and(|s| !s.as_str().contains(','));
        let joined =
            explicit || before.ends_with(['.', '!', '?', '”', '’', '"', '\'', ')']) || t[..start].ends_with('\n');
        if joined && credit_like(rest, true) && !rest.contains(". ") {
            best = Some(CreditSplit {
                caption_end: start,
                raw: rest.to_string(),
            });
        }
    }
    best
}

/// The last line is the credit: "Caption\nJane Roe, Associated Press".
fn last_line_credit(t: &str) -> Option<CreditSplit> {
    let nl = t.rfind('\n')?;
    let raw = whole_credit(t[nl + 1..].trim())?;
    (!t[..nl].trim().is_empty()).then_some(CreditSplit { caption_end: nl, raw })
}

/// A credit after the last sentence: "… in Vienna. Jane Roe / Reuters file".
fn credit_after_sentence(t: &str) -> Option<CreditSplit> {
    let mut search_end = t.len();
    while let Some(dot) = last_sentence_mark(&t[..search_end]) {
        let after = dot + t[dot..].chars().next().map_or(1, char::len_utf8);
        let rest = &t[after..];
        if rest.starts_with(char::is_whitespace) {
            let cand = rest.trim();
            if credit_like(cand, false) && !t[..after].trim().is_empty() && is_sentence_end(t, dot) {
                return Some(CreditSplit {
                    caption_end: after,
                    raw: cand.to_string(),
                });
            }
            // Only the last sentence can be the credit.
            if cand.split_whitespace().nth(14).is_some() {
                break;
            }
        }
        if dot == 0 {
            break;
        }
        search_end = dot;
    }
    None
}

/// Whether a credit candidate names a person as photographer ("Jane Roe/Acme") or a known
/// agency ("Acme Corp | AP"): what a separated credit needs, as a schedule line ("8 April –
/// Springfield / Shelbyville") or a page title carries neither.
fn names_a_photographer_or_agency(rest: &str) -> bool {
    let credit = parse_unlabelled(rest);
    !credit.photographers.is_empty()
        || credit
            .agencies
            .iter()
            .chain(&credit.distributor)
            .any(|a| gazetteer::agency(a).is_some_and(names_a_party))
}

/// The spaced separators web pages print between a caption and its credit.
const CAPTION_SEPARATORS: [&str; 4] = [" | ", " - ", " — ", " – "];

/// A credit after a pipe or a dash: "Boats at the quay | Jane Roe/Acme Images", "Boats at the
/// quay — Acme Images". The first separator after which a credit follows splits; the credit must
/// name a photographer and an agency, carry a credit word, or follow a whole sentence, so a page
/// title ("Harbour lamps go dark | Acme News") is no caption.
fn separated_credit(t: &str) -> Option<CreditSplit> {
    let mut cuts: Vec<(usize, usize)> = CAPTION_SEPARATORS
        .iter()
        .flat_map(|sep| t.match_indices(sep).map(|(i, m)| (i, i + m.len())))
        .collect();
    cuts.sort_unstable();
    cuts.into_iter().find_map(|(start, end)| {
        let caption = t[..start].trim_end();
        let rest = t[end..].trim();
        let credit_shaped = has_credit_signal(rest) || names_a_photographer_or_agency(rest);
        (caption.split_whitespace().nth(2).is_some() && credit_shaped && credit_like(rest, false)).then(|| {
            CreditSplit {
                caption_end: start,
                raw: rest.to_string(),
            }
        })
    })
}

/// Whether `s` contains a word that can start a credit label ("Photo", "Picture", "Image",
/// "Illustration", "Credit", "Source", "Copyright", "©"): a look at each place one of their
/// first bytes occurs, three bytes to a search, instead of one substring search per word.
fn has_label_word(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| label_starts_at(b, i);
    LABEL_FIRST_BYTES.chunks(3).any(|bytes| match *bytes {
        [x] => memchr::memchr_iter(x, b).any(at),
        [x, y] => memchr::memchr2_iter(x, y, b).any(at),
        [x, y, z] => memchr::memchr3_iter(x, y, z, b).any(at),
        _ => false,
    })
}

/// The byte offset of the last `.`, `!`, `?`, `”` or `’` in `s`.
///
/// Every paragraph is checked for a trailing credit, and one-sentence paragraphs are walked
/// back to their start, so this searches bytes instead of decoding chars in reverse. The curly
/// marks are the UTF-8 sequences E2 80 9D and E2 80 99, whose last byte never starts a char;
/// they are looked for only after the last ASCII mark.
fn last_sentence_mark(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let ascii = memchr::memrchr3(b'.', b'!', b'?', b);
    let from = ascii.map_or(0, |a| a + 1);
    let mut end = b.len();
    while let Some(k) = memchr::memrchr2(0x9D, 0x99, &b[from..end]).map(|k| from + k) {
        if k >= 2 && b[k - 2] == 0xE2 && b[k - 1] == 0x80 {
            return Some(k - 2);
        }
        end = k;
    }
    ascii
}

fn is_sentence_end(t: &str, dot: usize) -> bool {
    let c = t[dot..].chars().next().unwrap_or(' ');
    if c != '.' {
        return true;
    }
    let word = t[..dot].rsplit(char::is_whitespace).next().unwrap_or("");
    // "Ill." or "Co." can end a caption sentence too; only initials are ambiguous.
    !(word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// A caption ending in how the picture was obtained, capitalised and unpunctuated, as community
/// papers print under portraits: "Jane Roe Submitted photo", "The new quay Contributed photo".
/// "File photo" names nobody and is left to the caption.
fn obtained_credit(t: &str) -> Option<CreditSplit> {
    let (head, picture) = t.rsplit_once(' ')?;
    let (caption, how) = head.trim_end().rsplit_once(' ')?;
    let obtained = how.chars().next().is_some_and(char::is_uppercase)
        && CREDIT_NON_AGENCIES.contains_lowercase_of(how)
        && !CREDIT_WORDS_NAMING_NOBODY.contains_lowercase_of(how);
    let picture = CREDIT_PICTURE_WORDS.contains(picture) && picture.starts_with(char::is_lowercase);
    (obtained && picture && !caption.trim().is_empty()).then(|| CreditSplit {
        caption_end: caption.len(),
        raw: t[caption.len()..].trim().to_string(),
    })
}

/// "Ruritania/Freedonia/Sylvania": places between slashes or commas are a draw or a route,
/// never a picture's photographer and agency.
fn names_places_only(s: &str) -> bool {
    s.split([',', '/', '|', ';'])
        .map(|part| part.trim().trim_end_matches('*'))
        .all(|part| gazetteer::place(part).is_some())
}

fn glued_credit(t: &str) -> Option<CreditSplit> {
    if super::text::ends_like_sentence(t) {
        return None;
    }
    let tokens: Vec<(usize, &str)> = t
        .split(' ')
        .scan(0usize, |pos, w| {
            let s = *pos;
            *pos += w.len() + 1;
            Some((s, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let (last_start, last) = *tokens.last()?;
    if tokens.len() < 3 {
        return None;
    }
    // "Name/Agency" as the last token: the photographer's first name (and initials) precede it.
    if let Some((surname, agency)) = last.split_once('/')
        && surname.chars().next().is_some_and(char::is_uppercase)
        && agency.chars().next().is_some_and(char::is_uppercase)
        && !names_places_only(last)
    {
        let mut start = last_start;
        let mut taken = 0;
        for &(s, w) in tokens[..tokens.len() - 1].iter().rev() {
            let initial = w.len() <= 4 && w.ends_with('.');
            if taken < 1 && w.chars().next().is_some_and(char::is_uppercase) && !lexicon::is_stop_word(w) || initial {
                start = s;
                if !initial {
                    taken += 1;
                }
            } else {
                break;
            }
        }
        let caption = t[..start].trim_end();
        if !caption.is_empty() {
            return Some(CreditSplit {
                caption_end: start,
                raw: t[start..].trim().to_string(),
            });
        }
    }
    // A known agency as the last word(s): "… Tim Doe AP", "… the harbour Getty Images".
    for n in [2usize, 1] {
        if tokens.len() <= n + 1 {
            continue;
        }
        let (s, _) = tokens[tokens.len() - n];
        let cand = &t[s..];
        if gazetteer::agency(cand).is_some_and(names_a_party)
            && (is_all_caps(cand) || n == 2 || DISTINCTIVE_AGENCIES.contains(cand))
        {
            let caption = t[..s].trim_end();
            if caption.split_whitespace().count() >= 3 {
                return Some(CreditSplit {
                    caption_end: s,
                    raw: cand.to_string(),
                });
            }
        }
    }
    None
}

/// Takes a credit apart into photographers, agencies and the distributing party. `raw` may
/// still carry its label ("Photo: Jane Roe/AP"), as a credit written by hand does.
pub fn parse(raw: &str) -> Credit {
    parse_unlabelled(strip_label(raw).0)
}

/// "Acme Wire or licensors": the formula some publishers end an agency's credit with names no
/// other party.
fn without_licensors(body: &str) -> &str {
    const FORMULA: &str = " or licensors";
    body.len()
        .checked_sub(FORMULA.len())
        .filter(|&at| body.is_char_boundary(at) && body[at..].eq_ignore_ascii_case(FORMULA))
        .map_or(body, |at| body[..at].trim_end())
}

/// A copyright notice gives the year before its holder ("© 2019 Jane Roe", "Copyright 2019
/// Acme Images"): the year is part of the notice, no part of the holder's name.
fn after_copyright_year(body: &str) -> &str {
    let (year, rest) = body.split_once(' ').unwrap_or((body, ""));
    let year = year.trim_end_matches(',');
    let is_year = year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (year.starts_with("19") || year.starts_with("20"));
    if is_year && rest.starts_with(char::is_uppercase) {
        rest.trim()
    } else {
        body
    }
}

/// [`parse`] of a credit whose label is already off: its picture words stay as printed ("Photo
/// Illustration by Jane Roe" is not read as a label and a credit).
pub fn parse_unlabelled(raw: &str) -> Credit {
    let body = raw.trim().trim_end_matches('.').trim();
    let mut credit = Credit {
        raw: body.to_string(),
        ..Credit::default()
    };
    if body.is_empty() {
        return credit;
    }
    // "… via X" names the distributor.
    let (main, distributor) = match find_via(body) {
        Some((at, len)) => (
            body[..at].trim().trim_end_matches(',').trim(),
            Some(body[at + len..].trim()),
        ),
        None => (body, None),
    };
    credit.distributor = distributor.filter(|d| !d.is_empty()).map(clean_agency);
    let parts = credit_parts(without_licensors(after_copyright_year(main)));
    let alone = parts.len() == 1;
    for (part, outlet) in parts {
        // What follows "for" is the outlet the picture was taken for, whatever its shape. A
        // credit of one name alone ("Jane Roe", "Acme Robotics") is a person's by shape only
        // when it opens with a given name or an initial; beside an agency the shape suffices.
        let person_possible = !alone || opens_like_a_person(&part);
        let verdict = if outlet {
            agency_part(&part)
        } else {
            PART_RULES
                .iter()
                .filter(|(name, _)| person_possible || *name != PHOTOGRAPHER)
                .find_map(|(_, rule)| rule(&part))
        };
        match verdict {
            Some(Part::Photographer(name)) => credit.photographers.push(name),
            Some(Part::Agency(name)) => {
                // "Jane Roe (Acme), John Doe (Acme)": one agency for several pictures.
                if !credit.agencies.contains(&name) {
                    credit.agencies.push(name);
                }
            }
            Some(Part::Nobody) | None => {}
        }
    }
    credit
}

/// What one part of a credit (between its separators) is.
enum Part {
    Photographer(String),
    Agency(String),
    /// Words that credit nobody: "left", "Handout", "Submitted".
    Nobody,
}

/// A rule reading one credit part, with a verdict or none.
type PartRule = fn(&str) -> Option<Part>;

/// The name of the rule that reads a part as a person's name.
const PHOTOGRAPHER: &str = "photographer";

/// How a credit part is read, in this order: the first rule with a verdict decides.
const PART_RULES: &[(&str, PartRule)] = &[
    ("where the photographed stand", position_part),
    ("how the picture was obtained", obtained_part),
    (PHOTOGRAPHER, photographer_part),
    ("photographer's user name", handle_part),
    ("agency", agency_part),
];

/// Whether a name opens with a given name ("Jane Roe") or an initial ("J. Roe", "J.R. Doe").
fn opens_like_a_person(part: &str) -> bool {
    let first = part.split_whitespace().next().unwrap_or("");
    names::is_given_name(first) || first.ends_with('.') && first.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

/// "left", "from left": where the people in the picture stand ("Jane Roe, left, and John Doe").
fn position_part(part: &str) -> Option<Part> {
    part.split_whitespace()
        .all(|w| CREDIT_POSITION_WORDS.contains_lowercase_of(w.trim_matches(['(', ')'])))
        .then_some(Part::Nobody)
}

/// "Handout", "Supplied", "Contributor": how the picture was obtained, not from whom.
fn obtained_part(part: &str) -> Option<Part> {
    CREDIT_NON_AGENCIES.contains_lowercase_of(part).then_some(Part::Nobody)
}

/// A person's name, in natural case when printed in capitals ("JANE ROE", "Jane ROE").
fn photographer_part(part: &str) -> Option<Part> {
    if !is_person_name(part) {
        return None;
    }
    let capitals = part
        .split_whitespace()
        .any(|w| is_all_caps(w) && !w.contains('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 1);
    Some(Part::Photographer(if capitals {
        natural_case(part)
    } else {
        part.to_string()
    }))
}

/// "janedoe", "jroe_photos": a user name of a picture site, one word in lower case, is the
/// photographer's (agencies and outlets are written with capitals).
fn handle_part(part: &str) -> Option<Part> {
    // An agency styled in lower case ("dpa") is no user.
    let handle = part.len() >= 3
        && !gazetteer::is_agency_as_written(part)
        && part.starts_with(|c: char| c.is_ascii_lowercase())
        && part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-'));
    handle.then(|| Part::Photographer(part.to_string()))
}

/// Anything else names an organisation, known or not ("Springfield Courier", "Acme Corp").
fn agency_part(part: &str) -> Option<Part> {
    Some(Part::Agency(clean_agency(part)))
}

/// The parts of a credit without its distributor, each one name: split at its separators, at
/// "for" before an outlet and at "and" between two names, with the picture words before "by"
/// ("Photo Illustration by") and an opening "and" dropped. Each part says whether it is the
/// outlet after "for".
fn credit_parts(main: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    for piece in main.split(['/', '|', ',']).flat_map(split_dashes) {
        let piece = piece.trim();
        let piece = piece
            .strip_prefix("and ")
            .or_else(|| piece.strip_prefix("& "))
            .unwrap_or(piece)
            .trim();
        let piece = after_work_nouns(piece);
        let (who, outlet) = split_outlet(piece);
        let pair = who
            .split_once(" and ")
            .or_else(|| who.split_once(" & "))
            .or_else(|| who.split_once(" + "));
        match pair.map(|(a, b)| (a.trim(), b.trim())) {
            Some((a, b)) if is_person_name(a) && is_person_name(b) => {
                parts.extend([(Cow::Borrowed(a), false), (Cow::Borrowed(b), false)]);
            }
            Some((a, b))
                if is_person_name(b)
                    && let Some(first) = names::sharing_surname(a, b) =>
            {
                parts.extend([(Cow::Owned(first), false), (Cow::Borrowed(b), false)]);
            }
            _ => parts.push((Cow::Borrowed(who), false)),
        }
        parts.extend(outlet.map(|o| (Cow::Borrowed(o), true)));
    }
    parts
        .into_iter()
        .map(|(p, outlet)| (strip_suffix_words(&p), outlet))
        .filter(|(p, _)| !p.is_empty())
        .collect()
}

/// "Photo Illustration by Jane Roe" → "Jane Roe", "Courtesy of Acme Corp" → "Acme Corp": the
/// credited party after the words naming the kind of picture. "Courtesy" also stands right
/// before the party ("Courtesy Jane Roe", "Courtesy Acme Corp").
fn after_work_nouns(piece: &str) -> &str {
    let mut offset = 0;
    let mut after_courtesy = false;
    for w in piece.split(' ') {
        let next = offset + w.len() + 1;
        if offset > 0 && CREDIT_AUTHOR_PREPOSITIONS.contains(w) {
            let rest = piece.get(next..).unwrap_or("").trim();
            return if rest.is_empty() { piece } else { rest };
        }
        if after_courtesy && w.starts_with(char::is_uppercase) {
            return piece[offset..].trim();
        }
        after_courtesy = w.eq_ignore_ascii_case("courtesy");
        if !CREDIT_WORK_NOUNS.contains_lowercase_of(w) {
            return piece;
        }
        offset = next;
    }
    piece
}

/// "Jane Roe for the Springfield Courier" → ("Jane Roe", Some("the Springfield Courier")); the
/// outlet may also follow in brackets, "Jane Roe (Springfield Courier)".
fn split_outlet(piece: &str) -> (&str, Option<&str>) {
    if let Some(inner) = piece.strip_suffix(')')
        && let Some((who, outlet)) = inner.rsplit_once(" (")
        && !who.trim().is_empty()
        && !outlet.trim().is_empty()
        && !outlet.contains('(')
    {
        return (who.trim(), Some(outlet.trim()));
    }
    let mut offset = 0;
    for w in piece.split(' ') {
        if offset > 0 && CREDIT_OUTLET_PREPOSITIONS.contains(w) {
            let outlet = piece[offset + w.len()..].trim();
            if !outlet.is_empty() {
                return (piece[..offset].trim(), Some(outlet));
            }
        }
        offset += w.len() + 1;
    }
    (piece, None)
}

/// Position and length of the " via " that introduces the distributor.
fn find_via(s: &str) -> Option<(usize, usize)> {
    // Every pattern has a "v" or "V"; most credits have neither.
    memchr::memchr2(b'v', b'V', s.as_bytes())?;
    for pat in [", via ", " via ", " Via "] {
        if let Some(i) = s.rfind(pat) {
            return Some((i, pat.len()));
        }
    }
    // "via Acme Images" alone: the distributor is all the credit names.
    ["via ", "Via "]
        .iter()
        .find(|p| s.starts_with(**p))
        .map(|p| (0, p.len()))
}

/// Splits at spaced or unspaced long dashes ("Jane Roe—Getty Images", "AFP — Getty Images").
fn split_dashes(s: &str) -> impl Iterator<Item = &str> {
    s.split(['—', '–']).flat_map(|p| p.split(" - "))
}

/// Drops words that describe the picture rather than name anyone: "file", "Photo", "Pool Photo".
fn strip_suffix_words(part: &str) -> String {
    let mut words: Vec<&str> = part.split_whitespace().collect();
    while let Some(last) = words.last() {
        if CREDIT_PICTURE_WORDS.contains(last) && words.len() > 1 {
            words.pop();
        } else {
            break;
        }
    }
    // "AP Photo" → "AP".
    words.join(" ")
}

/// Natural name for an agency: "REUTERS" → "Reuters", "AP" stays "AP", and so do agencies
/// credited jointly by their abbreviations ("EPA-EFE", "AFP-JIJI").
fn clean_agency(s: &str) -> String {
    let s = s.trim();
    let abbreviations = !s.contains(' ') && s.split('-').all(|part| part.chars().count() <= 5);
    match s {
        "REUTERS" | "REUTER" | "Reuter" => "Reuters".to_string(),
        _ if is_all_caps(s) && s.chars().filter(|c| c.is_alphabetic()).count() > 5 && !abbreviations => natural_case(s),
        _ => s.to_string(),
    }
}

/// Two to four capitalised words that are not an agency or organisation: a photographer.
pub fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    if gazetteer::agency(s).is_some() || gazetteer::is_known_org(s) {
        return false;
    }
    let last = words.len() - 1;
    // A title's article or preposition inside ("Tales From The Harbour", "The Springfield
    // Courier") makes it a title, not a name: a stop word within a name is only ever its edge
    // ("Will Roe", "Jane May").
    if words[0] == "The" || words[1..last].iter().any(|w| lexicon::is_stop_word(w)) {
        return false;
    }
    let caps = words.iter().all(|w| is_all_caps(w));
    // In capitals an outlet's article reads like a name's particle ("LA GACETA", "EL DIARIO"):
    // a name never opens with a particle, so neither does a name in capitals.
    if caps && lexicon::is_name_particle(&words[0].to_lowercase()) {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().next().unwrap_or(' ');
        let capitals = is_all_caps(w);
        // "Jana ROE": wire services print the surname in capitals.
        let capital_surname = i == last && capitals && w.chars().filter(|c| c.is_alphabetic()).count() > 2;
        let name_word =
            first.is_uppercase() && (caps || capital_surname || !capitals || w.contains('.') || w.chars().count() == 1);
        let particle = i > 0 && i + 1 < words.len() && lexicon::is_name_particle(w);
        // Words in capitals are compared in the case the lists keep ("PHOTO" as "Photo").
        let natural = if capitals { natural_word(w) } else { w.to_string() };
        (name_word || particle)
            && !gazetteer::is_org_suffix(&natural)
            && !COMPANY_SUFFIXES.contains_lowercase_of(w)
            && !CREDIT_NON_NAME_WORDS.contains(&natural)
            && gazetteer::agency(w)
                .is_none_or(|_| w.chars().count() > 3 && !is_all_caps(w) && !DISTINCTIVE_AGENCIES.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(raw: &str) -> (Vec<String>, Vec<String>, Option<String>) {
        let c = parse(raw);
        (c.photographers, c.agencies, c.distributor)
    }

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    /// A credit line, its photographers, its agencies and its distributor.
    type Row<'a> = (&'a str, &'a [&'a str], &'a [&'a str], Option<&'a str>);

    /// One row per credit grammar: the credit, its photographers, agencies and distributor.
    const CREDIT_ROWS: &[Row] = &[
        // A copyright notice's year is no part of the holder's name.
        ("2019 Jana Novak", &["Jana Novak"], &[], None),
        ("Acme Wire or licensors", &[], &["Acme Wire"], None),
        // An agency styled in lower case is no picture site's user.
        ("Jane Roe/dpa", &["Jane Roe"], &["dpa"], None),
        // A picture site's user name is the photographer's; one agency is named once.
        (
            "lenadoe (Acme Images), Jo Lund (Acme Images)",
            &["lenadoe", "Jo Lund"],
            &["Acme Images"],
            None,
        ),
        ("2019, Acme Wire", &[], &["Acme Wire"], None),
        (
            "Jana Novak/Acme News, Palace Pool Photo via AP",
            &["Jana Novak"],
            &["Acme News", "Palace Pool"],
            Some("AP"),
        ),
        (
            "Piet Berg/Pool/Keystone via Getty Images",
            &["Piet Berg"],
            &["Pool", "Keystone"],
            Some("Getty Images"),
        ),
        ("AP Photo/Lena Whitcomb", &["Lena Whitcomb"], &["AP"], None),
        ("REUTERS/Pedro Anselmo", &["Pedro Anselmo"], &["Reuters"], None),
        (
            "Marcus Leung | Bloomberg | Getty Images",
            &["Marcus Leung"],
            &["Bloomberg", "Getty Images"],
            None,
        ),
        ("Photo: Harriet Dale, AP", &["Harriet Dale"], &["AP"], None),
        // The outlet in brackets after the photographer.
        ("Harriet Dale (Acme Wire)", &["Harriet Dale"], &["Acme Wire"], None),
        (
            "Tom Reyes for The Ruritania Times",
            &["Tom Reyes"],
            &["The Ruritania Times"],
            None,
        ),
        (
            "Credit Amal Idris/Agence France-Presse, via Shutterstock",
            &["Amal Idris"],
            &["Agence France-Presse"],
            Some("Shutterstock"),
        ),
        ("Dana Pruitt / Reuters file", &["Dana Pruitt"], &["Reuters"], None),
        ("Ray Hollis—Getty Images", &["Ray Hollis"], &["Getty Images"], None),
        ("EPA", &[], &["EPA"], None),
        ("EPA-EFE/JANE ROE", &["Jane Roe"], &["EPA-EFE"], None),
        ("ANADOLU AGENCY", &[], &["Anadolu Agency"], None),
        ("AFP via Getty", &[], &["AFP"], Some("Getty")),
        (
            "State Vehicle Licence Registry via AP",
            &[],
            &["State Vehicle Licence Registry"],
            Some("AP"),
        ),
        ("Getty Images/Sipa USA", &[], &["Getty Images", "Sipa USA"], None),
        ("Jana Novak/Acme Images", &["Jana Novak"], &["Acme Images"], None),
        ("Supplied", &[], &[], None),
        ("Jana H.W. Roe, AP", &["Jana H.W. Roe"], &["AP"], None),
        (
            "Jane Roe, left, and John Doe/Acme/AP",
            &["Jane Roe", "John Doe"],
            &["Acme", "AP"],
            None,
        ),
        (
            "Photo Illustration by Jana Novak for The Springfield Courier",
            &["Jana Novak"],
            &["The Springfield Courier"],
            None,
        ),
        (
            "Fotoilustración de Jana Novak para Acme Diario",
            &["Jana Novak"],
            &["Acme Diario"],
            None,
        ),
        ("Jana ROE / AFP", &["Jana Roe"], &["AFP"], None),
        (
            "JANE ROE/SPRINGFIELD PHOTO LIBRARY",
            &["Jane Roe"],
            &["Springfield Photo Library"],
            None,
        ),
        ("Courtesy of Acme Corp", &[], &["Acme Corp"], None),
        ("Courtesy Jane Roe", &["Jane Roe"], &[], None),
        ("via Acme Images", &[], &[], Some("Acme Images")),
        ("Theo and Carla Roe/Acme", &["Theo Roe", "Carla Roe"], &["Acme"], None),
        ("Courtesy Acme Corp", &[], &["Acme Corp"], None),
        ("Submitted photo", &[], &[], None),
        ("Acme - Contributor", &[], &["Acme"], None),
        ("Jane Roe and John Doe/Acme", &["Jane Roe", "John Doe"], &["Acme"], None),
        ("All About Harbours", &[], &["All About Harbours"], None),
        ("EL DIARIO", &[], &["El Diario"], None),
        ("Acme Robotics", &[], &["Acme Robotics"], None),
        ("Jane Roe", &["Jane Roe"], &[], None),
        ("Acme Photo/Stock RF", &[], &["Acme", "Stock RF"], None),
        // A free picture library's form.
        ("Photo by Jane Roe on Acme Stock", &["Jane Roe"], &["Acme Stock"], None),
    ];

    #[test]
    fn credit_grammars() {
        let rows = CREDIT_ROWS;
        for (raw, ph, ag, dist) in rows {
            assert_eq!(credit(raw), (v(ph), v(ag), dist.map(String::from)), "{raw}");
        }
        assert_eq!(parse("(AP Photo/Lena Whitcomb)").raw, "AP Photo/Lena Whitcomb");
        assert_eq!(parse("Photo: Harriet Dale, AP").raw, "Harriet Dale, AP");
        assert_eq!(parse("Image: © Acme Corp").raw, "Acme Corp");
        // A credit already stripped of its label keeps its picture words.
        assert_eq!(
            parse_unlabelled("Photo Illustration by Jana Novak").raw,
            "Photo Illustration by Jana Novak"
        );
    }

    /// One row per form of credit at the end of a caption: the block, its caption, its credit.
    const CAPTION_ROWS: &[(&str, &str, &str)] = &[
        (
            "Boats at the quay on Friday Credit: Acme Wire or licensors",
            "Boats at the quay on Friday",
            "Acme Wire or licensors",
        ),
        (
            "Boats at the quay on Friday [Duarte Pinto/Acme Wire]",
            "Boats at the quay on Friday",
            "Duarte Pinto/Acme Wire",
        ),
        (
            "Boats at the quay, Friday, March 15, 2019. (AP Photo/Duarte Pinto)",
            "Boats at the quay, Friday, March 15, 2019.",
            "AP Photo/Duarte Pinto",
        ),
        (
            "A tanker is moored in Sines. REUTERS/Pedro Anselmo",
            "A tanker is moored in Sines.",
            "REUTERS/Pedro Anselmo",
        ),
        (
            "The house in a town, Austria. Dana Pruitt / Reuters file",
            "The house in a town, Austria.",
            "Dana Pruitt / Reuters file",
        ),
        (
            "Barcos no cais na sexta-feira. Crédito: Duarte Pinto/Acme Wire",
            "Barcos no cais na sexta-feira.",
            "Duarte Pinto/Acme Wire",
        ),
        (
            "A bill would store data. Source: Supplied",
            "A bill would store data.",
            "Supplied",
        ),
        (
            "‘A quoted line.’ Photograph: AFP via Getty",
            "‘A quoted line.’",
            "AFP via Getty",
        ),
        (
            "A quarterback runs\nAl Brandt, Associated Press",
            "A quarterback runs",
            "Al Brandt, Associated Press",
        ),
        (
            "The theatre in Paris Ben Varga/Reuters",
            "The theatre in Paris",
            "Ben Varga/Reuters",
        ),
        (
            "A professor (left) and his colleague Tim Voss AP",
            "A professor (left) and his colleague Tim Voss",
            "AP",
        ),
        (
            "Peacekeepers at a camp on Monday. Credit Amal Idris/Agence France-Presse — Getty Images",
            "Peacekeepers at a camp on Monday.",
            "Amal Idris/Agence France-Presse — Getty Images",
        ),
        (
            "The sun rises over a field near Pine Hollow, California. Ray Hollis—Getty Images",
            "The sun rises over a field near Pine Hollow, California.",
            "Ray Hollis—Getty Images",
        ),
        (
            "Gunmen stormed a museum, killing 19 people. (Reuters)",
            "Gunmen stormed a museum, killing 19 people.",
            "Reuters",
        ),
        (
            "A ward of the city hospital where patients were treated Credit: Acme Images",
            "A ward of the city hospital where patients were treated",
            "Acme Images",
        ),
        (
            "Gas clouds collide at the edge of a void. (Image credit: Acme Collaboration)",
            "Gas clouds collide at the edge of a void.",
            "Acme Collaboration",
        ),
        (
            "Ships at anchor off the coast. (Image: © NASA/ESA/J. Roe)",
            "Ships at anchor off the coast.",
            "NASA/ESA/J. Roe",
        ),
        (
            "Boats at the old quay | Jane Roe/Acme Images",
            "Boats at the old quay",
            "Jane Roe/Acme Images",
        ),
        (
            "Boats at the old quay in winter — Acme Images",
            "Boats at the old quay in winter",
            "Acme Images",
        ),
        ("Jane Roe Submitted photo", "Jane Roe", "Submitted photo"),
        (
            "A ferry leaves the old quay Credit: Acme - Contributor",
            "A ferry leaves the old quay",
            "Acme - Contributor",
        ),
        (
            "The mayor in 2018. (Photos by Jane Roe, left, and John Doe/Acme/AP)",
            "The mayor in 2018.",
            "Jane Roe, left, and John Doe/Acme/AP",
        ),
        (
            "The mayor lost. Credit... Jane Roe/The Springfield Courier",
            "The mayor lost.",
            "Jane Roe/The Springfield Courier",
        ),
        // A photographer on assignment, unlabelled.
        (
            "The mayor lost. Jane Roe para The Springfield Courier",
            "The mayor lost.",
            "Jane Roe para The Springfield Courier",
        ),
        // Run into the caption's full stop when the page was flattened.
        (
            "The mayor lost.Credit…Jane Roe for The Springfield Courier",
            "The mayor lost.",
            "Jane Roe for The Springfield Courier",
        ),
        (
            "FILE PHOTO: Workers unload crates at the port of Springfield, March 3, 2019. REUTERS/Jane Roe",
            "FILE PHOTO: Workers unload crates at the port of Springfield, March 3, 2019.",
            "REUTERS/Jane Roe",
        ),
        (
            "A rally in the square. (Jane Roe/Springfield Courier via AP)",
            "A rally in the square.",
            "Jane Roe/Springfield Courier via AP",
        ),
        // The mark between a caption and a labelled credit is neither's.
        (
            "Boats at the old quay | Photo: Jane Roe",
            "Boats at the old quay",
            "Jane Roe",
        ),
        (
            "Boats at the old quay • Credit: Acme Images",
            "Boats at the old quay",
            "Acme Images",
        ),
    ];

    #[test]
    fn finds_credits_at_the_end_of_captions() {
        let rows = CAPTION_ROWS;
        for (text, caption, raw) in rows {
            let s = split_caption(text).unwrap_or_else(|| panic!("no credit in {text}"));
            assert_eq!(text[..s.caption_end].trim(), *caption, "{text}");
            assert_eq!(s.raw, *raw, "{text}");
        }
    }

    #[test]
    fn story_text_has_no_credit() {
        for text in [
            "The bill passed 31-12.",
            "“We keep paying,” the senator said. “That is a bad habit.”",
            "China signed the General Agreement (GATT).",
            "Officials in Lisbon were expected to brief reporters on Thursday.",
            "(Sourcing: most of these figures came from the Springfield Bureau.)",
            "John Doe, Ap Sports Writer",
            "Round two: 8 April – Springfield / Shelbyville",
            "Pool A: Iceland, Portugal/Spain/Italy*",
            "The new system: the digital record (eID)",
            "Harbour lamps go dark | Springfield Courier",
            "Why Now? The Harbour Lamps Go Dark [ Acme Review ]",
            "The talks ended late, said Jane Roe",
            "Prices rose 4.Photo albums sold out.",
            "The mayor lost. Jane Roe on Monday",
            "“We will rebuild,” she said. “It will take time.”",
            "",
        ] {
            assert_eq!(split_caption(text), None, "{text}");
        }
    }

    #[test]
    fn ends_that_hold_no_credit() {
        let rows: &[(&str, bool)] = &[
            ("The bill passed 31-12.", true),
            ("Did the mayor know?", true),
            ("“We will rebuild,” she said. “It will take time.”", true),
            ("The talks went on through the night", true),
            ("‘It is over,’ she said. ‘Quite over’", true),
            ("The senator said so, Jane Roe reported.", true),
            ("Boats at the quay. Photo:U.S. Navy", false),
            ("Boats at the quay. Photo:jane", false),
            ("Boats at the quay. Photo:jane roe", true),
            ("Boats at the quay, 7 a.m.", true),
            ("Boats at the quay in the U.S.", false),
            ("Boats at the quay. (AP Photo/jane roe)", false),
            ("A harbour at dawn. Jane Roe via", false),
            ("A harbour at dawn. Ana de", false),
            ("A harbour at dawn. Jane Roe/", false),
            ("A harbour at dawn. Jane Roe / -", false),
            ("A harbour at dawn. Jane Roe/Reuters", false),
            ("A harbour at dawn. Jane Roe/reuters", true),
            ("", false),
        ];
        for (text, want) in rows {
            assert_eq!(ends_without_credit(text), *want, "{text}");
        }
        assert_eq!(last_word("at dawn"), ("dawn", false));
        assert_eq!(last_word("at\u{a0}dawn"), ("dawn", false));
        assert_eq!(last_word("dawn"), ("dawn", false));
        assert_eq!(last_word("Image ©Roe"), ("©Roe", true));
        assert_eq!(last_word("Photo,Roe"), ("Photo,Roe", true));
        assert_eq!(last_word("at dawn "), ("", false));
    }

    #[test]
    fn whole_credits() {
        assert_eq!(whole_credit("Photo: Hana Dorn, AP").as_deref(), Some("Hana Dorn, AP"));
        assert_eq!(whole_credit("Image copyright EPA").as_deref(), Some("EPA"));
        assert_eq!(
            whole_credit("Getty Images/Sipa USA").as_deref(),
            Some("Getty Images/Sipa USA")
        );
        assert_eq!(whole_credit("Timeline of saga"), None);
        let rows: &[(&str, Option<&str>)] = &[
            ("Photo: iAcme", Some("iAcme")),
            ("Foto: Acme Diario", Some("Acme Diario")),
            ("Bild: Acme Diario", Some("Acme Diario")),
            // An agency styled in lower case ends a credit as a capitalised name does.
            ("Foto: dpa", Some("dpa")),
            ("Image Credit: Acme Corp", Some("Acme Corp")),
            ("Image copyright Acme Images", Some("Acme Images")),
            ("Photo by Jane Roe on Acme Stock", Some("Jane Roe on Acme Stock")),
            ("Jane Roe | Acme Images", Some("Jane Roe | Acme Images")),
            ("Jane Roe/Getty Images", Some("Jane Roe/Getty Images")),
            ("Courtesy of Acme Corp", Some("Courtesy of Acme Corp")),
            ("Supplied", Some("Supplied")),
            ("[Photo: Acme Corp]", Some("Acme Corp")),
            ("Account: @jane_photo", None),
            ("| Acme", None),
            ("By Jane Roe | Springfield Courier", None),
            ("Jane Roe Submitted photo", None),
            // An aggregator's link: a headline, then its source.
            ("Why Now? It’s Complicated [ Acme Review ]", None),
        ];
        for (text, want) in rows {
            assert_eq!(whole_credit(text).as_deref(), *want, "{text}");
        }
        assert_eq!(whole_credit("Samuel Roe and Ella Poe"), None);
    }

    #[test]
    fn one_reading_of_the_end_answers_both() {
        for text in [
            "Photo: Hana Dorn, AP",
            "  Getty Images/Sipa USA ",
            "A tanker is moored in Sines. REUTERS/Pedro Anselmo",
            "The theatre in Paris Ben Varga/Reuters",
            "“We will rebuild,” she said. “It will take time.”",
            "The bill passed 31-12.",
            "(AP Photo/Lena Whitcomb)",
            "A quarterback runs\nAl Brandt, Associated Press",
            "   ",
            "",
        ] {
            let ending = CreditEnding::of(text);
            assert_eq!(ending.whole_credit(), whole_credit(text), "{text}");
            assert_eq!(ending.split_caption(), split_caption(text), "{text}");
        }
    }
}
