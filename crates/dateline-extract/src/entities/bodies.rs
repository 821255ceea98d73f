//! Bodies named in lower case: wire copy writes a government's ministries and central bank as
//! common nouns ("the finance ministry", "the Ruritanian central bank"), so no capitalised run
//! holds them. They are organisations all the same, named as written.

use std::borrow::Cow;

use super::chunk::{capitalized, contiguous};
use super::classify::{Kind, Piece};
use crate::lexicon;
use crate::lists::MINISTRY_PORTFOLIOS;
use crate::text::Word;

/// Pushes a piece for every ministry or central bank that `ws` (the words of one span of
/// `block`) names in lower case: "the finance ministry", "the Ruritanian defence ministry",
/// "the Ruritanian central bank". A central bank needs its country's adjective ("the central
/// bank" alone names no one body); a possessive country ("Ruritania's") is a place of its own.
///
/// Regional agencies are written the same way after their province or city: "the Zembla
/// health commission", "the Springfield health department", "the Upper Zembla transport
/// authority". Without the place before it, such a body names no one agency.
pub(super) fn lower_case_bodies<'a>(block: usize, text: &'a str, ws: &[Word<'a>], out: &mut Vec<Piece<'a>>) {
    for (i, w) in ws.iter().enumerate() {
        // Every word of the story passes here: its first letter rules out nearly all of them.
        if !matches!(w.text.as_bytes().first(), Some(b'm' | b'b' | b'c' | b'a' | b'd')) {
            continue;
        }
        // The noun first: the portfolio is looked up only before one of the few that take one.
        let portfolio = || i >= 1 && MINISTRY_PORTFOLIOS.contains(ws[i - 1].text);
        let from = match w.text {
            "ministry" if portfolio() => i - 1,
            "bank" if i >= 1 && ws[i - 1].text == "central" => i - 1,
            "commission" | "authority" | "department" | "bureau" if portfolio() => i - 1,
            _ => continue,
        };
        let first = if matches!(w.text, "ministry" | "bank") {
            // The country's adjective, listed or not ("Dutch", "Ruritanian").
            let demonym = from >= 1 && {
                let d = &ws[from - 1];
                !d.possessive && capitalized(d.text) && (lexicon::is_demonym(d.text) || !lexicon::is_stop_word(d.text))
            };
            if w.text == "bank" && !demonym {
                continue;
            }
            if demonym { from - 1 } else { from }
        } else {
            match place_before(text, &ws[..from]) {
                Some(n) => from - n,
                None => continue,
            }
        };
        // One phrase: no punctuation between its words ("finance. Ministry" is two sentences).
        if !ws[first..=i].windows(2).all(|p| contiguous(text, &p[0], &p[1])) {
            continue;
        }
        let start = ws[first].start;
        out.push(Piece {
            block,
            start,
            end: w.end,
            name: Cow::Borrowed(&text[start..w.end]),
            kind: Kind::Org(Cow::Borrowed(&text[start..w.end])),
            prev: None,
            prev2: None,
            next: None,
            sentence_start: false,
            rule: "body named in lower case",
            possessive: w.possessive,
            common: false,
            listed_with_org: false,
        });
    }
}

/// How many of the last one to three words of `ws` name a place the gazetteer knows, written as
/// one phrase ("Upper Zembla", "Springfield").
fn place_before(text: &str, ws: &[Word<'_>]) -> Option<usize> {
    (1..=3.min(ws.len())).rev().find(|&n| {
        let words = &ws[ws.len() - n..];
        words.iter().all(|w| capitalized(w.text) && !w.possessive)
            && words.windows(2).all(|p| contiguous(text, &p[0], &p[1]))
            && crate::gazetteer::place(&text[words[0].start..words[n - 1].end]).is_some()
    })
}
