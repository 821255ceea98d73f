//! Quote extraction over invented paragraphs.

use super::*;
use crate::Registry;
use crate::entities::{self, Span};

/// Runs entity and quote extraction over invented paragraphs.
fn quotes_of(paragraphs: &[&str], headline: Option<&str>) -> Vec<Quote> {
    let words: Vec<Vec<Word<'_>>> = paragraphs.iter().map(|t| crate::text::words(t)).collect();
    let marks: Vec<Vec<QuoteSpan>> = paragraphs.iter().map(|t| spans(t)).collect();
    let ents: Vec<Span<'_>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| Span {
            block: i,
            text: t,
            range: 0..t.len(),
            skip: vec![],
            no_people: false,
            words: &words[i],
        })
        .collect();
    let found = entities::extract(&ents, &Registry::default());
    let blocks: Vec<BlockText<'_>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| BlockText {
            block: i,
            text: t,
            from: 0,
            words: &words[i],
            spans: &marks[i],
        })
        .collect();
    extract(&blocks, &found, headline)
}

fn run(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
    quotes_of(paragraphs, None)
        .into_iter()
        .map(|q| (q.text, q.speaker))
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn attribution_shapes() {
    let got = run(&[
        "Defense Secretary Mark Ross visited the port on Monday.",
        "“We will not accept threats against our partners,” Ross said in a speech.",
        "Later, Ross said, “We strongly oppose violations of the law.”",
        "“The harbour will reopen next spring as planned,” said Dana Cole, the port director.",
        "Cole said: “I would like to thank the crews who worked all night.",
        "“They kept the channel open through the storm and saved the season.”",
        "“Every cargo is sold at a loss,” she said. “The question is how large a loss.”",
    ]);
    let want = vec![
        (
            "We will not accept threats against our partners,".to_string(),
            s("Mark Ross"),
        ),
        ("We strongly oppose violations of the law.".to_string(), s("Mark Ross")),
        (
            "The harbour will reopen next spring as planned,".to_string(),
            s("Dana Cole"),
        ),
        (
            "I would like to thank the crews who worked all night.".to_string(),
            s("Dana Cole"),
        ),
        (
            "They kept the channel open through the storm and saved the season.".to_string(),
            s("Dana Cole"),
        ),
        ("Every cargo is sold at a loss,".to_string(), s("Dana Cole")),
        ("The question is how large a loss.".to_string(), s("Dana Cole")),
    ];
    assert_eq!(got, want);
}

#[test]
fn pronouns_resolve_through_long_chains_of_subjects() {
    // Every "He said …" sentence stands for the mayor through the one before it: far more
    // sentences than subjects are worked out inside one another.
    let mut story = String::from("Mayor Tom Reed opened the bridge on Monday.");
    for _ in 0..300 {
        story.push_str(" He said the work was done.");
    }
    let quote = "“The bridge will carry traffic from the first of May,” he said.";
    let got = run(&[&story, "Reporters gathered at the river.", quote]);
    assert_eq!(
        got,
        vec![(
            "The bridge will carry traffic from the first of May,".to_string(),
            s("Tom Reed")
        )]
    );
}

#[test]
fn titles_relative_clauses_and_organisations() {
    let got = run(&[
        "Russian President Ivan Petrov met Prime Minister Olga Berg on Tuesday.",
        "“Our ties will improve over the coming year,” the president added.",
        "The embassy quoted Vera Lind, who said that she “valued the frank and open review.”",
        "Officials took the decision to “discontinue the investigation into the case”, the Swedish Prosecution Authority said.",
        "“The evidence has weakened over the long period of time,” it added.",
    ]);
    assert_eq!(got[0].1, s("Ivan Petrov"));
    assert_eq!(got[1].1, s("Vera Lind"));
    assert_eq!(got[2].1, s("Swedish Prosecution Authority"));
    assert_eq!(got[3].1, s("Swedish Prosecution Authority"));
}

#[test]
fn organisations_and_unnamed_speakers() {
    let got = run(&[
        "The trade counsellor, Li Wen, said that “all kinds of restrictions” hurt trade.",
        "“The market has the potential to grow much faster this year,” the diplomat said.",
        "On Monday, the People’s Daily, the mouthpiece of the ruling party, warned that there is “absolutely no room for compromise”.",
    ]);
    assert_eq!(got[0].1, s("Li Wen"));
    assert_eq!(got[1].1, None);
    assert_eq!(got[2].1, s("People’s Daily"));
}

#[test]
fn headline_quotes() {
    let got = quotes_of(
        &["Walt Disney Co. executive Kevin Dale said demand was high."],
        Some("‘We had some issues,’ exec says on streaming glitches"),
    );
    assert_eq!(got[0].text, "We had some issues,");
    assert_eq!(got[0].speaker, s("Kevin Dale"));
}

#[test]
fn dialogue_alternates() {
    let got = run(&[
        "Justice Samuel Ortiz questioned Solicitor General Elizabeth Marsh.",
        "“That can be true in some cases,” Marsh said.",
        "“But there is some risk here,” Ortiz interjected. “Do you dispute that?”",
        "“There can be a very minimal risk for some people.”",
    ]);
    assert_eq!(got.last().unwrap().1, s("Elizabeth Marsh"));
}
