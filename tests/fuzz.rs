//! Property tests of the parsers on hostile input: articles of the open corpus cut, spliced
//! and salted with the characters that trouble a news parser, front matter, annotation
//! sidecars, credits and datelines. Whatever the input: no panic, and a clear result.
//!
//! A short run is part of `cargo test`. `DATELINE_FUZZ_CASES=N` sets the cases per property
//! for a longer one (see the README). The open corpus sits beside the repository
//! (`../shared/corpus/open`, or the folder `DATELINE_OPEN_CORPUS` names); without it the
//! article property says so and runs over invented articles only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use dateline::config::SiteConfig;
use dateline::extract::{self, Context, Registry};
use dateline::model::{Sidecar, Source, SourceFormat};
use dateline::parse;
use proptest::prelude::*;

/// Cases per property: a quick run by default, more when asked.
fn config() -> ProptestConfig {
    let cases = std::env::var("DATELINE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Texts of the open corpus, read once; invented ones when it is absent.
fn articles() -> &'static [(String, SourceFormat)] {
    static ARTICLES: OnceLock<Vec<(String, SourceFormat)>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let invented = vec![
            (
                "+++\ntitle = \"Ferry timetable changes\"\ndate = 2021-03-02\nbyline = \"Jo Writer\"\n+++\nPORTVILLE — The ferry company said on Tuesday it would cut sailings.\n\n“We have no choice,” said Ana Reyes, its director. She added: “Fuel costs doubled.”\n\n<figure><img src=\"a.jpg\"><figcaption>The quay. (Photo: Lee Park/Harbour Press)</figcaption></figure>\n".to_string(),
                SourceFormat::Markdown,
            ),
            (
                "Council delays vote\n\nBy Sam Ortiz\n\nLAKETON, Ont. (AP) — The council put off a vote on the budget on Monday, the mayor said.\n\n\"We need another week,\" Mayor Dana Cole said.\n".to_string(),
                SourceFormat::Wire,
            ),
        ];
        let dir = std::env::var_os("DATELINE_OPEN_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/open"));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("{} not found: mutating invented articles only", dir.display());
            return invented;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut all: Vec<(String, SourceFormat)> = paths
            .iter()
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .filter_map(|p| {
                let format = match p.extension()?.to_str()? {
                    "md" => SourceFormat::Markdown,
                    "txt" => SourceFormat::Wire,
                    _ => return None,
                };
                Some((std::fs::read_to_string(p).ok()?, format))
            })
            .collect();
        all.extend(invented);
        all
    })
}

/// What trips a parser of news copy: quotation marks, front matter fences, dashes, markup,
/// datelines and credits, control characters, and letters of several bytes.
const SALT: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "+++",
    "\n+++\n",
    "—",
    "–",
    " -- ",
    "<div>",
    "</div>",
    "<b>",
    "<!--",
    "-->",
    "[",
    "]",
    "[[annotations]]\n",
    "](",
    "*",
    "_",
    "`",
    "```\n",
    "#",
    "\n\n",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{c}",
    "\u{b}",
    "\u{1b}",
    "\u{feff}",
    "\u{200b}",
    "é",
    "ß",
    "Москва",
    "東京",
    "😀",
    "(AP)",
    "(Reuters) —",
    "LONDON —",
    "By ",
    "Photo: ",
    "/AP",
    "said",
    " he said.",
    "she said,",
    "Mr",
    "Dr.",
    "2021-10-13",
    "0000-01-01",
    "Oct. 13",
    "Monday",
    "12:30 p.m.",
    "=",
    " = ",
    "{",
    "}",
    "\\",
    "&amp;",
    "&#0;",
];

#[derive(Debug, Clone)]
enum Cut {
    Delete(f64, usize),
    Insert(f64, usize, u8),
    Repeat(f64, usize, u8),
}

fn cut() -> impl Strategy<Value = Cut> {
    prop_oneof![
        (0.0..1.0f64, 1..400usize).prop_map(|(at, n)| Cut::Delete(at, n)),
        (0.0..1.0f64, 0..SALT.len(), 1..6u8).prop_map(|(at, s, n)| Cut::Insert(at, s, n)),
        (0.0..1.0f64, 1..200usize, 2..5u8).prop_map(|(at, n, k)| Cut::Repeat(at, n, k)),
    ]
}

fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i.min(text.len())) {
        i += 1;
    }
    i.min(text.len())
}

fn mutate(text: &str, cuts: &[Cut]) -> String {
    let mut text = text.to_string();
    for c in cuts {
        match *c {
            Cut::Delete(at, n) => {
                let start = boundary(&text, at);
                let end = boundary(&text, (start + n) as f64 / text.len().max(1) as f64);
                text.replace_range(start..end.max(start), "");
            }
            Cut::Insert(at, s, n) => {
                let i = boundary(&text, at);
                text.insert_str(i, &SALT[s].repeat(n as usize));
            }
            Cut::Repeat(at, n, k) => {
                let start = boundary(&text, at);
                let end = boundary(&text, (start + n) as f64 / text.len().max(1) as f64).max(start);
                let piece = text[start..end].repeat(k as usize);
                text.insert_str(end, &piece);
            }
        }
    }
    text
}

/// Parses, then extracts what parses: the path every article of a build takes.
fn read(text: String, format: SourceFormat, sidecar: Option<String>) {
    let name = if format == SourceFormat::Wire {
        "story.txt"
    } else {
        "story.md"
    };
    let source = Source {
        file: PathBuf::from("content").join(name),
        rel: PathBuf::from(name),
        format,
        text,
        assets: Vec::new(),
        sidecar: sidecar.map(|text| Sidecar {
            file: PathBuf::from("content/story.annotations.toml"),
            text,
        }),
        modified: None,
    };
    match parse::parse(source, &SiteConfig::default()) {
        Ok(article) => {
            let registry = Registry::default();
            let cx = Context {
                registry: &registry,
                reference: None,
                filed: None,
            };
            extract::extract(&article.document(), &cx);
        }
        Err(errors) => {
            for e in errors {
                assert!(e.line > 0 || !e.message.is_empty(), "an error that says nothing");
                // Every error prints; none echoes control characters to the terminal.
                let shown = e.to_string();
                assert!(
                    !shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "{shown:?}"
                );
            }
        }
    }
}

fn front_matter_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("date"),
        Just("updated"),
        Just("slug"),
        Just("draft"),
        Just("byline"),
        Just("dateline"),
        Just("source"),
        Just("tags"),
        Just("summary"),
        Just("people"),
        Just("extra"),
        Just("titel"),
        Just("date.x"),
        Just("\"tags\""),
    ];
    let value = prop_oneof![
        Just("\"Harbour reopens\"".to_string()),
        Just("2021-10-13".to_string()),
        Just("0000-01-01".to_string()),
        Just("1000-01-01T02:00:00Z".to_string()),
        Just("9999-12-31T23:59:59-12:00".to_string()),
        Just("5".to_string()),
        Just("true".to_string()),
        Just("[\"a\", 1]".to_string()),
        Just("[]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("\"\"\"\nmulti\nline\"\"\"".to_string()),
        Just("[\n".to_string()),
        "\\PC{0,40}".prop_map(|s| format!("{s:?}")),
        "\\PC{0,12}",
    ];
    prop_oneof![
        4 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop_oneof![Just("[[annotations]]"), Just("[[figures]]"), Just("[[corrections]]"), Just("[extra]"), Just("[")]
            .prop_map(String::from),
        1 => (prop_oneof![Just("quote"), Just("note"), Just("kind"), Just("id"), Just("src"), Just("text"), Just("date")],
              "\\PC{0,20}").prop_map(|(k, v)| format!("{k} = {v:?}")),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_articles_parse_and_extract_without_panic(
        pick in any::<prop::sample::Index>(),
        cuts in prop::collection::vec(cut(), 1..12),
    ) {
        let all = articles();
        let (text, format) = &all[pick.index(all.len())];
        read(mutate(text, &cuts), *format, None);
    }

    #[test]
    fn any_front_matter_gets_an_answer(lines in prop::collection::vec(front_matter_line(), 0..14), body in "\\PC{0,200}") {
        let text = format!("+++\n{}\n+++\n{body}\n", lines.join("\n"));
        read(text, SourceFormat::Markdown, None);
    }

    #[test]
    fn any_sidecar_gets_an_answer(lines in prop::collection::vec(front_matter_line(), 0..14)) {
        let article = "+++\ntitle = \"Quay works\"\ndate = 2021-10-13\n+++\nThe quay works began.\n".to_string();
        read(article, SourceFormat::Markdown, Some(lines.join("\n")));
    }

    #[test]
    fn credits_and_datelines_never_panic(
        raw in "\\PC{0,120}",
        salt in prop::collection::vec(0..SALT.len(), 0..8),
    ) {
        let mut text = raw;
        for s in salt {
            text.push_str(SALT[s]);
        }
        extract::parse_credit(&text);
        extract::parse_dateline(&text, None);
        extract::parse_dateline(&text, Some(jiff::civil::date(2021, 10, 13)));
    }
}

/// The fastest of five runs, so a busy machine does not decide a ratio.
fn fastest(f: impl Fn()) -> Duration {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn reading_an_article_takes_time_linear_in_its_length() {
    // The longest article at hand, its body repeated: four times the text must not take
    // ten times as long.
    let (text, format) = articles().iter().max_by_key(|(t, _)| t.len()).unwrap();
    // After the closing `+++` of front matter, if any: "+++" + TOML + "\n+++".
    let body_start = text
        .strip_prefix("+++")
        .and_then(|rest| rest.find("\n+++"))
        .map_or(0, |i| i + 7);
    let (head, body) = text.split_at(body_start);
    let long = |k: usize| format!("{head}{}", format!("{body}\n\n").repeat(k));
    let (small, large) = (long(4), long(16));
    let t_small = fastest(|| read(small.clone(), *format, None));
    let t_large = fastest(|| read(large.clone(), *format, None));
    assert!(
        // Quadratic work takes sixteen times as long; ten leaves room for a busy machine.
        t_large < t_small * 10,
        "4× the text took {:.1}× the time ({t_small:?} → {t_large:?})",
        t_large.as_secs_f64() / t_small.as_secs_f64()
    );
}
