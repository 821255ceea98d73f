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
pub(super) fn lower_case_bodies<'a>(block: usize, text: &'a str, ws: &[Word<'a>], out: &mut Vec<Piece<'a>>) {
    for (i, w) in ws.iter().enumerate() {
        let from = match w.text {
            "ministry" if i >= 1 && MINISTRY_PORTFOLIOS.contains(ws[i - 1].text) => i - 1,
            "bank" if i >= 1 && ws[i - 1].text == "central" => i - 1,
            _ => continue,
        };
        // The country's adjective, listed or not ("Dutch", "Ruritanian").
        let demonym = from >= 1 && {
            let d = &ws[from - 1];
            !d.possessive && capitalized(d.text) && (lexicon::is_demonym(d.text) || !lexicon::is_stop_word(d.text))
        };
        if w.text == "bank" && !demonym {
            continue;
        }
        let first = if demonym { from - 1 } else { from };
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
