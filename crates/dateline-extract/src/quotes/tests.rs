//! Quote extraction over invented paragraphs.

use super::*;
use crate::Registry;
use crate::entities::{self, Span};

/// Runs entity and quote extraction over invented paragraphs.
fn quotes_of(paragraphs: &[&str], headline: Option<&str>) -> Vec<Quote> {
    explain_with(paragraphs, headline).into_iter().map(|(q, _)| q).collect()
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
        "Later, Ross said, “We will keep the shipping lanes open.”",
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
        ("We will keep the shipping lanes open.".to_string(), s("Mark Ross")),
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
        "Officials took the decision to “close the inquiry into the harbour fire”, the Ruritanian Prosecution Authority said.",
        "“The evidence has grown too thin to take to a court,” it added.",
    ]);
    assert_eq!(got[0].1, s("Ivan Petrov"));
    assert_eq!(got[1].1, s("Vera Lind"));
    assert_eq!(got[2].1, s("Ruritanian Prosecution Authority"));
    assert_eq!(got[3].1, s("Ruritanian Prosecution Authority"));
}

#[test]
fn organisations_and_unnamed_speakers() {
    let got = run(&[
        "The trade counsellor, Li Wen, said that “all kinds of restrictions” hurt trade.",
        "“The market has the potential to grow much faster this year,” the diplomat said.",
        "On Monday, the Nation’s Herald, the paper of the ruling party, warned that there is “no room left for a deal”.",
    ]);
    assert_eq!(got[0].1, s("Li Wen"));
    assert_eq!(got[1].1, None);
    assert_eq!(got[2].1, s("Nation’s Herald"));
}

/// A house style quoting speech in single marks is read with them; single marks around a word
/// or two, or in a story that quotes in double marks, quote no one.
#[test]
fn speech_in_single_marks() {
    let got = run(&[
        "'We have never seen a storm like it,' said Mayor Ana Ruiz on Wednesday.",
        "Fisherman Tom Baker said: 'It is a disaster for all of us who work at night.'",
        "The engineer said the lamps were 'very old'.",
    ]);
    assert_eq!(
        got,
        [
            ("We have never seen a storm like it,".to_string(), s("Ana Ruiz")),
            (
                "It is a disaster for all of us who work at night.".to_string(),
                s("Tom Baker")
            ),
        ]
    );
    // One attributed passage is not a house style.
    assert!(run(&["'The harbour tax is too high for all of us,' the sign said."]).is_empty());
    // Double marks decide where a story uses them.
    let got = run(&[
        "\"We are ready for the season,\" said Mayor Ana Ruiz.",
        "'It was the worst night of the year,' a poster read, Ruiz said.",
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn scare_quotes_are_no_quotations() {
    // A short phrase nobody is said to have spoken, ending no sentence, is held at arm's
    // length; the same words spoken, or a sentence, are a quotation.
    assert!(run(&["The council backed the so-called “toll-free harbour” plan on Monday."]).is_empty());
    let got = run(&[
        "“A toll-free harbour for all,” the mayor said.",
        "Then came “the end of the toll.”",
    ]);
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["A toll-free harbour for all,", "the end of the toll."]);
}

#[test]
fn headline_quotes() {
    let got = quotes_of(
        &["Acme Co. executive Kevin Dale said demand was high."],
        Some("‘We had a few hiccups,’ exec says on ticket glitches"),
    );
    assert_eq!(got[0].text, "We had a few hiccups,");
    assert_eq!(got[0].speaker, s("Kevin Dale"));
}

#[test]
fn dialogue_alternates() {
    let got = run(&[
        "Justice Hugo Ortiz questioned Solicitor General Ellen Marsh.",
        "“That can be true in some cases,” Marsh said.",
        "“But there is some risk here,” Ortiz interjected. “Do you dispute that?”",
        "“There can be a small risk in a few cases.”",
    ]);
    assert_eq!(got.last().unwrap().1, s("Ellen Marsh"));
}

/// One newsroom convention of attribution: the story, the start of the quotation asked about,
/// the speaker the convention gives it and the rule that finds that speaker.
type ConventionRow<'a> = (&'a [&'a str], &'a str, Option<&'a str>, Option<Rule>);

/// One row per convention.
const CONVENTIONS: &[ConventionRow<'static>] = &[
    (
        &["“We will open the new bridge in May,” Mayor Tom Reed said."],
        "We will",
        Some("Tom Reed"),
        Some("named_subject"),
    ),
    (
        &["“The harbour will reopen next spring,” said Dana Cole, the port director."],
        "The harbour",
        Some("Dana Cole"),
        Some("named_in_phrase"),
    ),
    (
        &["Later, Dana Cole said, “We strongly oppose any delay to the works.”"],
        "We strongly",
        Some("Dana Cole"),
        Some("named_subject"),
    ),
    (
        &["Ms. Vera Lind on the budget: “Every school will get its share this year.”"],
        "Every school",
        Some("Vera Lind"),
        Some("colon_lead_in"),
    ),
    (
        &[
            "Mayor Vera Lind opened the school on Monday.",
            "“Every child deserves a good school near home,” she said.",
        ],
        "Every child",
        Some("Vera Lind"),
        Some("pronoun_subject"),
    ),
    (
        &[
            "Russian President Ivan Petrov met the press on Tuesday.",
            "“Our ties will improve over the coming year,” the president added.",
        ],
        "Our ties",
        Some("Ivan Petrov"),
        Some("person_with_role"),
    ),
    (
        &["The embassy quoted Vera Lind, who said that she “valued the frank and open review.”"],
        "valued",
        Some("Vera Lind"),
        Some("relative_clause_subject"),
    ),
    (
        // Honorifics are dropped and a surname stands for the name first introduced.
        &[
            "Dr. Ana Maria Lopes treated the patients.",
            "“We saw the first cases in early May,” Lopes said.",
        ],
        "We saw",
        Some("Ana Maria Lopes"),
        Some("named_subject"),
    ),
    (
        &["Sen. Jane Roe, D-Ore., said, “The bill will pass the chamber this week.”"],
        "The bill",
        Some("Jane Roe"),
        Some("named_subject"),
    ),
    (
        &[
            "The Ruritanian Prosecution Authority dropped the case.",
            "“The evidence has grown too thin to take to a court,” it added.",
        ],
        "The evidence",
        Some("Ruritanian Prosecution Authority"),
        Some("organisation_pronoun_subject"),
    ),
    (
        &[
            "The Ruritanian Prosecution Authority dropped the case.",
            "“The evidence has grown too thin to take to a court,” the authority said.",
        ],
        "The evidence",
        Some("Ruritanian Prosecution Authority"),
        Some("organisation_by_kind"),
    ),
    (
        &[
            "The Ruritanian Prosecution Authority dropped the case on Monday.",
            "“The evidence has grown too thin to take to a court,” the statement said.",
        ],
        "The evidence",
        Some("Ruritanian Prosecution Authority"),
        Some("document_issuer"),
    ),
    (
        // "the statement" is the one the story said someone issued, not the last organisation.
        &[
            "Acme Widget Corp issued a statement on Monday about the plant.",
            "The statement was sent to the Harbour Gazette and to Redcliff Shipping Ltd.",
            "“We will keep every job at the plant this year,” the statement continued.",
        ],
        "We will",
        Some("Acme Widget Corp"),
        Some("document_issuer"),
    ),
    (
        // A word of the description in an organisation's name tells which one.
        &[
            "Redcliff Film Productions sued Acme Widget Corp on Monday.",
            "“We never agreed to any such deal,” the production company said.",
        ],
        "We never",
        Some("Redcliff Film Productions"),
        Some("organisation_by_kind"),
    ),
    (
        &["“The diplomat has no word on the talks yet,” the diplomat said."],
        "The diplomat",
        None,
        None,
    ),
    (
        &["“We lost the match,” Tom Reed said. “The next one is ours to win.”"],
        "The next",
        Some("Tom Reed"),
        Some("same_speaker_goes_on"),
    ),
    (
        &[
            "Mayor Tom Reed said: “The bridge will carry traffic from May.",
            "“The old ferry will stop running the same week.”",
        ],
        "The old",
        Some("Tom Reed"),
        Some("quotation_runs_on"),
    ),
    (
        &[
            "Mayor Tom Reed opened the bridge and added:",
            "“The old ferry will stop running the same week.”",
        ],
        "The old",
        Some("Tom Reed"),
        Some("lead_in_ends_paragraph_before"),
    ),
    (
        &["The work is done, Mayor Tom Reed said. “The bridge opens in May for all traffic.”"],
        "The bridge",
        Some("Tom Reed"),
        Some("attribution_in_sentence_before"),
    ),
    (
        &["«Vamos a ganar la liga este año», dijo Juan Ferrer."],
        "Vamos",
        Some("Juan Ferrer"),
        Some("named_in_phrase"),
    ),
    (
        &["«Nous construirons le pont avant mai», a déclaré Jean Morel."],
        "Nous construirons",
        Some("Jean Morel"),
        Some("named_in_phrase"),
    ),
    (
        &["“Costruiremo il ponte entro maggio per tutti”, ha detto Paola Neri."],
        "Costruiremo",
        Some("Paola Neri"),
        Some("named_in_phrase"),
    ),
    (
        &["„Wir bauen die Brücke bis zum Mai“, sagte Anna Berg."],
        "Wir bauen",
        Some("Anna Berg"),
        Some("named_in_phrase"),
    ),
    (
        // A long appositive between the name and the verb.
        &[
            "“The water is there, we only had to look for it,” Dana Cole, a researcher at the Acme Institute for Coastal Studies in Port Lewis, Ruritania, and co-author of the study, said in a statement.",
        ],
        "The water",
        Some("Dana Cole"),
        Some("named_subject"),
    ),
    (
        // A verb whose subject is the quote itself is passed over.
        &["“The deal is bigger than the old one” announced in May, said Dana Cole, a trade scholar."],
        "The deal",
        Some("Dana Cole"),
        Some("named_in_phrase"),
    ),
    (
        &["«Vamos a ganar la liga este año», dijo Nando al diario."],
        "Vamos",
        Some("Nando"),
        Some("bare_proper_name"),
    ),
    (
        // A capitalised verb opens a sentence of its own.
        &["“The pier will reopen for boats in May.” Read our full report on the works."],
        "The pier",
        None,
        None,
    ),
    (
        &[
            "Acme Widget Corp said it would close the plant.",
            "“We had nothing to do with the fire,” a spokesman for Acme Widget Corp said.",
        ],
        "We had",
        Some("Acme Widget Corp"),
        Some("spokesperson_for_organisation"),
    ),
    (
        // "he said" after a spokesman, and the spokesman named by the organisation's short name.
        &[
            "Mayor Tom Reed visited the Acme Widget Corp plant.",
            "An Acme spokesman said the plant would stay open.",
            "“We are not the target of any inquiry,” he said.",
        ],
        "We are",
        Some("Acme Widget Corp"),
        Some("pronoun_subject"),
    ),
    (
        &["“The plan is on hold for now,” said one of the Acme Widget Corp officials."],
        "The plan",
        None,
        None,
    ),
    (
        &[
            "Mayor Tom Reed opened the bridge on Monday.",
            "Vera Lind said the crossing had taken ten years to build.",
            "“We have waited long enough for this bridge.”",
        ],
        "We have",
        Some("Vera Lind"),
        Some("speaker_of_paragraph_before"),
    ),
    (
        &[
            "“The harbour will reopen next spring,” said Dana Cole, the port director.",
            "“The crews worked through the night to clear the channel.”",
        ],
        "The crews",
        Some("Dana Cole"),
        Some("speaker_goes_on_next_paragraph"),
    ),
    (
        &[
            "“We lost the first round,” Tom Reed said. “Will you appeal the ruling?”",
            "“There is no point in going back to the court,” Dana Cole said.",
            "“Can you say why not?”",
            "“The judge has made up her mind on every count.”",
        ],
        "The judge",
        Some("Tom Reed"),
        Some("answer_in_dialogue"),
    ),
    (
        // Verbs joined by "but" share the subject.
        &[
            "Mayor Tom Reed denied the report but added:",
            "“We are talking to the builders about the site.”",
        ],
        "We are",
        Some("Tom Reed"),
        Some("lead_in_ends_paragraph_before"),
    ),
    (
        // A sentence whose subject is a pronoun goes on with its person, not with the first
        // person it names; nor is a possessive the subject.
        &[
            "Mayor Tom Reed opened the bridge.",
            "The work took three years at John Hart’s yard.",
            "On Monday, he met John Hart at the quay.",
            "He instead told reporters: “We are proud of every bolt in it.”",
        ],
        "We are",
        Some("Tom Reed"),
        Some("pronoun_subject"),
    ),
    (
        // The paragraph before speaks through a participle, not a verb in a clause after it.
        &[
            "Mayor Tom Reed spent an hour explaining why the bridge was late, because she had asked him twice.",
            "“The steel came from abroad and it came late.”",
        ],
        "The steel",
        Some("Tom Reed"),
        Some("speaker_of_paragraph_before"),
    ),
    (
        // "According to" after the quotation names its source.
        &[
            "Mayor Ana Ruiz visited the quay on Monday.",
            "“It is a disaster for the fishermen,” according to Tom Baker, head of the harbour board.",
        ],
        "It is",
        Some("Tom Baker"),
        Some("named_in_phrase"),
    ),
    (
        // Wire copy passes on another outlet's quotation: the one quoted speaks.
        &[
            "Mayor Ana Ruiz visited the quay on Monday.",
            "“We will be back,” the Springfield Courier quoted Tom Baker as saying.",
        ],
        "We will",
        Some("Tom Baker"),
        Some("named_in_phrase"),
    ),
    (
        // The wire agency reporting the story is no board it quotes.
        &[
            "SPRINGFIELD (Reuters) - The harbour lamps went dark on Tuesday.",
            "The harbour board said in a statement: “Repairs will start as soon as the water goes down.”",
        ],
        "Repairs",
        None,
        None,
    ),
    (
        // AP style writes a description before a name in lower case.
        &[
            "Governor Dana Welk opened the session.",
            "“The results surprised every one of us,” lead author and Orvane Institute chemist Pia Lorenz said.",
        ],
        "The results",
        Some("Pia Lorenz"),
        Some("described_name_subject"),
    ),
    (
        &["“We will miss the old pier,” former harbour master Ben Ostrow told reporters."],
        "We will miss",
        Some("Ben Ostrow"),
        Some("described_name_subject"),
    ),
    (
        // A bare participle between two quotations goes on with the first one's speaker.
        &["Mayor Tom Reed called the plan “a fair start for the whole town,” adding “the work starts in May.”"],
        "the work starts",
        Some("Tom Reed"),
        Some("same_speaker_goes_on"),
    ),
    (
        // A group named for its members is told by them; members of no named group are no one.
        &[
            "Nurses for Safe Streets wrote to the council.",
            "“Please open the clinic before the winter,” the nurses said.",
        ],
        "Please open",
        Some("Nurses for Safe Streets"),
        Some("organisation_by_kind"),
    ),
    (
        &[
            "Nurses for Safe Streets wrote to the council.",
            "“The roads are full of holes all year,” the drivers said.",
        ],
        "The roads",
        None,
        None,
    ),
    (
        // British usage makes a body plural: "they" stands for the one the last sentence
        // opened with and gave a plural verb; not for one that sentence only mentions.
        &["Acme Records have denied it. “We have always paid our artists on time,” they said."],
        "We have always",
        Some("Acme Records"),
        Some("plural_organisation_subject"),
    ),
    (
        &["The crowd marched past Acme Records. “We will stay here all week,” they said."],
        "We will stay",
        None,
        None,
    ),
    (
        // A pull quote signed after a dash.
        &[
            "Mayor Tom Reed opened the pier.",
            "“Nobody here believed it would ever happen in our lifetime.” — Kim Lee, harbour master",
        ],
        "Nobody here",
        Some("Kim Lee"),
        Some("signed_with_a_dash"),
    ),
    (
        // A post given in an appositive after the name is the role "the ambassador" means.
        &[
            "Ana Velde, Ruritania’s ambassador in Lisbon, spoke on Monday.",
            "“We want a deal by the end of the year,” the ambassador said.",
        ],
        "We want",
        Some("Ana Velde"),
        Some("person_with_role"),
    ),
    (
        // A post capitalised after the name, with its company, describes the speaker.
        &[
            "Al Hale, Senior Vice President of Sales for Plimsy, Inc., says: “The new line will ship to every store in May.”",
        ],
        "The new line",
        Some("Al Hale"),
        Some("named_subject"),
    ),
    (
        // A quotation running over paragraphs, attributed where it ends: the paragraphs it
        // ran over are the speaker's.
        &[
            "Mayor Tom Reed opened the pier on Monday.",
            "“The pier took ten years and three councils to build.",
            "“Every one of them said it could never be done in this town,” Kim Lee said.",
        ],
        "The pier took",
        Some("Kim Lee"),
        Some("quotation_attributed_where_it_ends"),
    ),
    (
        // An appositive opening with its article ("the ambassador") gives the post too; a
        // post after "of" in one is someone else's.
        &[
            "Kim Lee, the ambassador, spoke on Monday. Jo Bell, wife of the mayor, did not.",
            "“We want the pier open by the end of the year,” the ambassador said.",
        ],
        "We want",
        Some("Kim Lee"),
        Some("person_with_role"),
    ),
    (
        // A document from a body told by its kind speaks for the body.
        &[
            "The Springfield Harbour Board met on Monday.",
            "“The pier will reopen in May,” according to a statement from the board.",
        ],
        "The pier",
        Some("Springfield Harbour Board"),
        Some("organisation_by_kind"),
    ),
    (
        &["市長は「明日は新しい橋を開通します」と述べた。"],
        "明日は",
        None,
        None,
    ),
];

#[test]
fn attribution_conventions() {
    for (story, opening, speaker, rule) in CONVENTIONS {
        let got = explain(story);
        let hit = got.iter().find(|(q, _)| q.text.starts_with(opening));
        let Some((quote, why)) = hit else {
            panic!("no quotation “{opening}…” in {story:?}: {got:?}");
        };
        assert_eq!(quote.speaker.as_deref(), *speaker, "speaker of “{opening}…”");
        assert_eq!(why, rule, "rule for “{opening}…”");
    }
}

#[test]
fn echoes_of_a_quotation_are_not_quotations_again() {
    let got = quotes_of(
        &[
            "“We will rebuild the pier before the summer,” Mayor Tom Reed said.",
            "The storm closed the old bridge for a week.",
            "“Cars will use the bridge”",
            "“Cars will use the bridge from May and trucks from June,” he said.",
        ],
        Some("‘We will rebuild the pier’: town vows after storm"),
    );
    let texts: Vec<&str> = got.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "We will rebuild the pier before the summer,",
            "Cars will use the bridge from May and trucks from June,"
        ]
    );
}

#[test]
fn slogans_and_corner_bracket_terms_are_not_quotations() {
    let got = explain(&[
        "The agency’s campaign “Buy local. Buy now.” ran all summer.",
        "Its posters read “Buy Local. Buy Now.” in every shop.",
        "新製品は「スーパーライトニングマシン」という名前だ。",
    ]);
    assert!(got.is_empty(), "{got:?}");
}

/// [`explained`] over invented paragraphs.
fn explain(paragraphs: &[&str]) -> Vec<(Quote, Option<Rule>)> {
    explain_with(paragraphs, None)
}

/// Entity and quote extraction over invented paragraphs, with the rule behind each speaker.
fn explain_with(paragraphs: &[&str], headline: Option<&str>) -> Vec<(Quote, Option<Rule>)> {
    let words: Vec<Vec<Word<'_>>> = paragraphs.iter().map(|t| crate::text::words(t)).collect();
    let marks = story_marks(paragraphs, paragraphs.iter().map(|t| spans(t)).collect());
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
    explained(&blocks, &found, headline)
}

/// The fastest of five runs of `f`, so a busy machine does not decide a ratio.
fn fastest(f: impl Fn()) -> std::time::Duration {
    (0..5)
        .map(|_| {
            let started = std::time::Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn a_paragraph_of_thousands_of_quotations_takes_linear_time() {
    // Every "she said" looks back for a speaker and finds none: each look-up used to walk the
    // whole paragraph, which made the paragraph quadratic.
    let paragraph = |n: usize| -> String {
        (0..n)
            .map(|i| format!("“The ferry will not sail today, not at {i},” she said."))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (small, large) = (paragraph(3_000), paragraph(12_000));
    assert_eq!(quotes_of(&[&small], None).len(), 3_000, "every quotation is found");
    let t_small = fastest(|| drop(quotes_of(&[&small], None)));
    let t_large = fastest(|| drop(quotes_of(&[&large], None)));
    assert!(
        // Quadratic work takes sixteen times as long; ten leaves room for a busy machine.
        t_large < t_small * 10,
        "4× the quotations took {:.1}× the time ({t_small:?} → {t_large:?})",
        t_large.as_secs_f64() / t_small.as_secs_f64()
    );
}

#[test]
fn a_second_verb_inside_the_first_verbs_clause_is_passed_over() {
    // After an inverted verb that names no one, the next subject starts after the next comma;
    // a verb before that comma belongs to the first clause (this used to slice backwards).
    for paragraph in [
        "“We will keep the ferry running all week,” said and added, the captain said.",
        "“The quay stays shut until the repairs are done,” said later said, she said.",
        "“Nobody told us anything about the closure,” added said told, he said.",
    ] {
        let got = run(&[paragraph]);
        assert_eq!(got.len(), 1, "{paragraph}: {got:?}");
    }
}

#[test]
fn a_sentence_end_after_a_wide_space_is_found() {
    // U+00A0 takes two bytes and U+2005 three: the word before the full stop starts after them.
    for paragraph in [
        "“The ferry sails at noon,” she said\u{a0}. Then the quay closed.",
        "“The ferry sails at noon,” Jo Reyes said\u{2005}Mr. Then the quay closed.",
        "“The ferry sails at noon,” he said\u{a0}\u{a0}!",
    ] {
        let got = run(&[paragraph]);
        assert_eq!(got.len(), 1, "{paragraph}: {got:?}");
    }
}
