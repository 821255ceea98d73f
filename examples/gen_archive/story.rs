//! One article: a cast, a place, a beat, and the paragraphs a wire reporter or a web editor
//! would write about them, rendered as wire copy (`.txt`) or Markdown with front matter (`.md`).
//!
//! People are introduced the way newsrooms do it — title and full name first, surname after —
//! so the archive exercises byline, dateline, caption, credit and quote extraction the way
//! real copy does.

use std::collections::BTreeSet;

use super::calendar::Date;
use super::pools::{
    BUSINESS, DEFENCE, EXPERT, GOVERNMENT, HEALTH_WORKER, OFFICIAL, OrgKind, PhotoAgency, Pools, TAGS, UNION, Voices,
    voices,
};
use super::rng::Rng;
use super::topics::{GENERIC_BODY, GENERIC_CAPTIONS, GENERIC_QUOTES, Storyline, TOPICS, Topic};

/// Smallest and largest article file, in bytes.
pub const MIN_BYTES: usize = 2048;
pub const MAX_BYTES: usize = 6144;

/// First and last day articles are dated.
const FIRST_DAY: Date = Date::new(2015, 1, 1);
const LAST_DAY: Date = Date::new(2025, 12, 31);

/// Who filed the story and so how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Ap,
    Reuters,
    Cnn,
    /// Wire copy with a bare `CITY —` dateline.
    Plain,
    Markdown,
}

/// A generated article: where it goes under `content/` and what it says.
pub struct Article {
    pub path: String,
    pub text: String,
    pub wire: bool,
}

/// Writes articles one after another, keeping their slugs unique.
pub struct Desk<'a> {
    pools: &'a Pools,
    seed: u64,
    slugs: BTreeSet<String>,
}

impl<'a> Desk<'a> {
    pub fn new(pools: &'a Pools, seed: u64) -> Self {
        Desk {
            pools,
            seed,
            slugs: BTreeSet::new(),
        }
    }

    /// Article number `index`. Article `i` does not depend on how many follow it, so a small
    /// archive is the start of a larger one (apart from slug suffixes, which only grow).
    pub fn article(&mut self, index: u64) -> Article {
        let mut rng = Rng::derived(self.seed, index, 0);
        let span = LAST_DAY.to_days() - FIRST_DAY.to_days() + 1;
        let date = FIRST_DAY.plus_days(rng.below(span as usize) as i64);
        let style = match rng.weighted(&[18, 18, 5, 9, 50]) {
            0 => Style::Ap,
            1 => Style::Reuters,
            2 => Style::Cnn,
            3 => Style::Plain,
            _ => Style::Markdown,
        };
        let weights: Vec<usize> = TOPICS.iter().map(|t| t.weight).collect();
        let topic = &TOPICS[rng.weighted(&weights)];
        let mut paragraphs = rng.range(6, 14);
        let lowest = (paragraphs * 170 + 350).max(MIN_BYTES + 200);
        let highest = (paragraphs * 430 + 600).min(MAX_BYTES - 300);
        let target = rng.range(lowest.min(highest), highest);

        // Redraft with a bigger or smaller paragraph budget until the story is near its target
        // length; keep the best draft that fits the size limits.
        let mut best: Option<Draft> = None;
        let mut budget = target / paragraphs;
        let rank = |d: &Draft| (!d.fits(), d.text.len().abs_diff(target));
        for attempt in 1..=24 {
            let story_rng = Rng::derived(self.seed, index, attempt);
            let draft = Story::new(self.pools, topic, style, date, story_rng).write(paragraphs, budget);
            let size = draft.text.len();
            let (misfit, distance) = rank(&draft);
            // A bigger budget cannot help a story that has run out of things to say.
            let short_of_material = draft.exhausted && size < target;
            if best.as_ref().is_none_or(|b| (misfit, distance) < rank(b)) {
                best = Some(draft);
            }
            if !misfit && (distance <= target / 5 || short_of_material || attempt >= 3) {
                break;
            }
            // Short of material for a long story: spread it over more paragraphs.
            if size < MIN_BYTES && paragraphs < 14 {
                paragraphs += 1;
            }
            budget = (budget * target / size.max(1)).clamp(80, 1200);
        }
        let draft = best.expect("at least one attempt");
        let slug = self.unique_slug(&draft.headline);
        let (year, month) = (date.year, date.month);
        let path = if style == Style::Markdown {
            format!("{year:04}/{month:02}/{slug}.md")
        } else {
            format!("{year:04}/{month:02}/{}-{slug}.txt", date.iso())
        };
        Article {
            path,
            text: draft.text,
            wire: style != Style::Markdown,
        }
    }

    fn unique_slug(&mut self, headline: &str) -> String {
        let base = slugify(headline);
        let mut slug = base.clone();
        let mut n = 2;
        while self.slugs.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.slugs.insert(slug.clone());
        slug
    }
}

struct Draft {
    headline: String,
    text: String,
    /// The story ran out of material before reaching the paragraphs asked for.
    exhausted: bool,
}

impl Draft {
    fn fits(&self) -> bool {
        (MIN_BYTES..=MAX_BYTES).contains(&self.text.len())
    }
}

/// A block of the body, before rendering.
enum Block {
    Paragraph(String),
    Subhead(String),
    Figure { title: String, caption: String },
}

/// The state of one article while it is being written.
struct Story<'a> {
    pools: &'a Pools,
    topic: &'static Topic,
    storyline: &'static Storyline,
    headline: &'static str,
    lead: &'static str,
    style: Style,
    date: Date,
    /// The day the news happened (the article may run a day or two later).
    event: Date,
    rng: Rng,
    /// People in the story (indexes into `pools.people`); the first is the lead.
    cast: Vec<usize>,
    introduced: Vec<bool>,
    city: usize,
    city2: usize,
    country: usize,
    country2: usize,
    /// Organisations that stay the same throughout the article, by slot name.
    orgs: Vec<(&'static str, usize)>,
    /// Other values that stay the same throughout the article.
    bound: Vec<(&'static str, String)>,
    used: BTreeSet<(usize, usize)>,
    curly: bool,
    /// Headlines carry no links or emphasis.
    in_headline: bool,
    /// Numbers drawn for the headline, handed to the lead so both tell the same story.
    headline_numbers: Vec<(String, String)>,
    replay_numbers: bool,
    /// `{where}` and `{when}` of the caption being written.
    caption_place: String,
    caption_date: String,
}

/// At most this many generic sentences in one story.
const MAX_FILLER: usize = 9;

/// At most this many people speak or are mentioned in one story.
const MAX_CAST: usize = 6;

/// Anyone but a private person: the voice of `{P}` and of untagged quotes.
const ON_RECORD: Voices = OFFICIAL | BUSINESS | UNION | EXPERT | HEALTH_WORKER | DEFENCE;

impl<'a> Story<'a> {
    fn new(pools: &'a Pools, topic: &'static Topic, style: Style, date: Date, mut rng: Rng) -> Self {
        let storyline = rng.pick(topic.storylines);
        let headline = *rng.pick(storyline.headlines);
        // A headline that names the lead person needs a lead that introduces them.
        let mut leads: Vec<&'static str> = storyline.leads.to_vec();
        if headline.contains("{S0}") {
            leads.retain(|l| l.contains("{P0}"));
        }
        let lead = if leads.is_empty() {
            *rng.pick(storyline.leads)
        } else {
            *rng.pick(&leads)
        };
        let (lead_voice, lead) = split_voice(lead, GOVERNMENT);
        let lead_person = pools.person(&mut rng, topic.beats, lead_voice, &[]);
        // Stories happen where their lead person works.
        let home = pools.people[lead_person].country;
        let city = match pools.people[lead_person].city {
            Some(own) => own,
            None => pools.city_in(&mut rng, home).unwrap_or_else(|| pools.city(&mut rng)),
        };
        let country = pools.cities[city].country;
        let mut city2 = pools.city(&mut rng);
        while city2 == city {
            city2 = pools.city(&mut rng);
        }
        let mut country2 = pools.country(&mut rng);
        while country2 == country {
            country2 = pools.country(&mut rng);
        }
        let event = date.plus_days(-(rng.weighted(&[50, 35, 15]) as i64));
        let curly = rng.percent(12);
        Story {
            pools,
            topic,
            storyline,
            headline,
            lead,
            style,
            date,
            event,
            rng,
            cast: vec![lead_person],
            introduced: vec![false],
            city,
            city2,
            country,
            country2,
            orgs: Vec::new(),
            bound: Vec::new(),
            used: BTreeSet::new(),
            curly,
            in_headline: false,
            headline_numbers: Vec::new(),
            replay_numbers: false,
            caption_place: String::new(),
            caption_date: String::new(),
        }
    }

    fn write(mut self, paragraphs: usize, budget: usize) -> Draft {
        self.in_headline = true;
        let mut headline = self.fill(self.headline);
        self.in_headline = false;
        if let Some(rest) = headline.strip_prefix("The ") {
            headline = capitalize(rest);
        }
        headline = match self.rng.weighted(&[62, 30, 8]) {
            0 => headline,
            1 => title_case(&headline),
            _ if self.style == Style::Reuters => headline.to_uppercase(),
            _ => headline,
        };
        self.replay_numbers = true;
        let lead = self.fill(self.lead);
        self.replay_numbers = false;
        let mut blocks = Vec::new();
        let mut first = lead.clone();
        if budget > lead.len() + 120
            && self.rng.percent(50)
            && let Some(more) = self.body_sentence()
        {
            first.push(' ');
            first.push_str(&more);
        }
        blocks.push(Block::Paragraph(first));
        let mut quotes = 0;
        for k in 1..paragraphs {
            let quote_due = quotes == 0 && k + 1 >= paragraphs / 2;
            let p = if quote_due || self.rng.percent(36) {
                quotes += 1;
                self.quote_paragraph(budget).or_else(|| self.body_paragraph(budget))
            } else {
                self.body_paragraph(budget).or_else(|| self.quote_paragraph(budget))
            };
            // Out of material: a shorter story beats a repetitive one.
            let Some(p) = p else { break };
            blocks.push(Block::Paragraph(p));
        }
        let exhausted = blocks.len() < paragraphs;
        match self.style {
            Style::Markdown => self.add_subheads(&mut blocks),
            _ => self.add_figures(&mut blocks),
        }
        let text = match self.style {
            Style::Markdown => self.render_markdown(&headline, &lead, &blocks),
            _ => self.render_wire(&headline, &blocks),
        };
        Draft {
            headline,
            text,
            exhausted,
        }
    }

    // ---- paragraphs ----------------------------------------------------------------------

    /// A sentence the article has not used yet, or `None` when the beat has run dry.
    fn body_sentence(&mut self) -> Option<String> {
        let (storyline, beat) = (self.storyline.body, self.topic.body);
        let order: [(usize, &'static [&'static str]); 3] = match self.rng.weighted(&[45, 30, 25]) {
            0 => [(2, storyline), (10, beat), (3, GENERIC_BODY)],
            1 => [(10, beat), (2, storyline), (3, GENERIC_BODY)],
            _ => [(3, GENERIC_BODY), (2, storyline), (10, beat)],
        };
        // Filler is fine in moderation; a story made of it is not.
        let filler = self.used.iter().filter(|(pool, _)| *pool == 3).count();
        let template = order
            .iter()
            .filter(|&&(pool, _)| pool != 3 || filler < MAX_FILLER)
            .find_map(|&(pool, list)| self.pick_fresh(pool, list))?;
        let mut s = self.fill(template);
        if self.style == Style::Markdown && s.contains(" not ") && self.rng.percent(15) {
            s = s.replacen(" not ", " *not* ", 1);
        }
        Some(s)
    }

    fn body_paragraph(&mut self, budget: usize) -> Option<String> {
        let mut p = self.body_sentence()?;
        let mut sentences = 1;
        // News paragraphs are short: one to three sentences, four in long features.
        let most = match budget {
            0..=330 => 2,
            331..=480 => 3,
            _ => 4,
        };
        while p.len() < budget * 4 / 5 && sentences < most {
            let Some(more) = self.body_sentence() else { break };
            p.push(' ');
            p.push_str(&more);
            sentences += 1;
        }
        Some(p)
    }

    /// `"…," Title First Last said.` on first reference, `"…," Last said.` afterwards.
    fn quote_paragraph(&mut self, budget: usize) -> Option<String> {
        let (text, who) = self.quote_and_speaker()?;
        let first_time = !self.introduced[who];
        let (open, close) = if self.curly { ('“', '”') } else { ('"', '"') };
        let person = &self.pools.people[self.cast[who]];
        let attribution = if first_time {
            self.introduced[who] = true;
            if self.rng.percent(60) {
                format!("{} {} said.", person.role.before, person.name())
            } else {
                format!("said {}, {}.", person.name(), person.role.appositive)
            }
        } else {
            match self.rng.weighted(&[70, 15, 15]) {
                0 => format!("{} said.", person.last),
                1 => format!("{} added.", person.last),
                _ => format!("{} told reporters.", person.last),
            }
        };
        let voice = person.role.voice;
        let mut p = format!("{open}{}{close} {attribution}", as_attributed(&text));
        // Longer stories follow a quote with more of the speaker's words or some context.
        let weights = if budget > 400 { [25, 30, 45] } else { [50, 25, 25] };
        match self.rng.weighted(&weights) {
            0 => {}
            1 => {
                if let Some(more) = self.quote_in_voice(voice) {
                    p = format!("{p} {open}{more}{close}");
                }
            }
            _ => {
                if let Some(more) = self.body_sentence() {
                    p.push(' ');
                    p.push_str(&more);
                }
            }
        }
        Some(capitalize(&p))
    }

    /// A fresh quote and someone in (or newly brought into) the story who could say it.
    fn quote_and_speaker(&mut self) -> Option<(String, usize)> {
        let lists: [(usize, &'static [&'static str]); 3] =
            [(4, self.storyline.quotes), (11, self.topic.quotes), (5, GENERIC_QUOTES)];
        let first = self.rng.weighted(&[45, 35, 20]);
        for (pool, list) in lists[first..].iter().chain(&lists[..first]).copied() {
            let start = self.rng.below(list.len());
            for k in 0..list.len() {
                let i = (start + k) % list.len();
                if self.used.contains(&(pool, i)) {
                    continue;
                }
                let (voice, text) = split_voice(list[i], ON_RECORD);
                if let Some(who) = self.speaker(voice) {
                    self.used.insert((pool, i));
                    return Some((self.fill(text), who));
                }
            }
        }
        None
    }

    /// A second quote from the same speaker, if one in their voice is left.
    fn quote_in_voice(&mut self, voice: Voices) -> Option<String> {
        for (pool, list) in [(4, self.storyline.quotes), (11, self.topic.quotes)] {
            let start = self.rng.below(list.len());
            for k in 0..list.len() {
                let i = (start + k) % list.len();
                let (v, text) = split_voice(list[i], ON_RECORD);
                if v & voice != 0 && !self.used.contains(&(pool, i)) {
                    self.used.insert((pool, i));
                    return Some(self.fill(text));
                }
            }
        }
        None
    }

    /// Someone in the cast with one of `voices`, bringing in a new person if needed.
    fn speaker(&mut self, voices: Voices) -> Option<usize> {
        let fits: Vec<usize> = (0..self.cast.len())
            .filter(|&i| self.pools.people[self.cast[i]].role.voice & voices != 0)
            .collect();
        let fresh = fits.iter().copied().find(|&i| !self.introduced[i]);
        let known: Vec<usize> = fits.iter().copied().filter(|&i| self.introduced[i]).collect();
        let recruit = self.cast.len() < MAX_CAST && (known.is_empty() || self.rng.percent(30));
        match fresh {
            Some(i) if known.is_empty() || self.rng.percent(50) => return Some(i),
            None if recruit => {
                let surnames: Vec<&str> = self.cast.iter().map(|&c| self.pools.people[c].last).collect();
                let orgs: Vec<usize> = self.orgs.iter().map(|&(_, o)| o).collect();
                let insider = if self.rng.percent(90) {
                    let beats = self.topic.beats;
                    self.pools
                        .insider(&mut self.rng, beats, voices, &orgs, self.country, &surnames)
                } else {
                    None
                };
                let person =
                    insider.unwrap_or_else(|| self.pools.person(&mut self.rng, self.topic.beats, voices, &surnames));
                self.cast.push(person);
                self.introduced.push(false);
                return Some(self.cast.len() - 1);
            }
            _ => {}
        }
        if known.is_empty() {
            fresh
        } else {
            Some(*self.rng.pick(&known))
        }
    }

    fn add_subheads(&mut self, blocks: &mut Vec<Block>) {
        if blocks.len() < 7 || !self.rng.percent(45) {
            return;
        }
        let mut at = self.rng.range(3, 4);
        while at < blocks.len() - 1 {
            let template = self.pick_any(6, self.topic.subheads);
            let subhead = self.fill(template);
            blocks.insert(at, Block::Subhead(subhead));
            at += self.rng.range(4, 6);
        }
    }

    fn add_figures(&mut self, blocks: &mut Vec<Block>) {
        let count = self.rng.weighted(&[35, 45, 20]);
        for _ in 0..count {
            let at = self.rng.range(1, blocks.len() - 1);
            let figure = self.figure();
            blocks.insert(at, figure);
        }
    }

    /// A photo: a short title line, then a caption that ends in the credit.
    fn figure(&mut self) -> Block {
        let style = self.style;
        let ph = self.pools.photographer(&mut self.rng, |a| match style {
            Style::Ap => matches!(a, PhotoAgency::Ap | PhotoAgency::ViaAp(_)),
            Style::Reuters => a == PhotoAgency::Reuters,
            Style::Cnn => matches!(a, PhotoAgency::Getty | PhotoAgency::Afp | PhotoAgency::Bloomberg),
            Style::Plain | Style::Markdown => true,
        });
        let photographer = &self.pools.photographers[ph];
        let name = &photographer.name;
        let file = photographer.agency == PhotoAgency::Ap && self.rng.percent(12);
        let credit = match photographer.agency {
            PhotoAgency::Ap if file => format!("AP Photo/{name}, File"),
            PhotoAgency::Ap => format!("AP Photo/{name}"),
            PhotoAgency::Reuters => format!("REUTERS/{name}"),
            PhotoAgency::Bloomberg => format!("{name} | Bloomberg | Getty Images"),
            PhotoAgency::Afp => format!("{name}/AFP via Getty Images"),
            PhotoAgency::Getty => format!("{name}/Getty Images"),
            PhotoAgency::ViaAp(agency) => format!("{name}/{agency} via AP"),
        };
        let taken = if file {
            self.date.plus_days(-(self.rng.range(30, 400) as i64))
        } else {
            self.event
        };
        self.caption_date = match photographer.agency {
            PhotoAgency::Ap | PhotoAgency::ViaAp(_) => taken.ap_long(),
            _ => taken.full(),
        };
        self.caption_place = self.pools.caption_place(self.city);
        self.in_headline = true;
        let template = self.pick_any(7, self.topic.photo_titles);
        let title = self.fill(template);
        let template = if self.rng.percent(65) {
            self.pick_any(8, self.topic.captions)
        } else {
            self.pick_any(9, GENERIC_CAPTIONS)
        };
        let caption = self.fill(template);
        self.in_headline = false;
        let caption = if file { format!("FILE - {caption}") } else { caption };
        Block::Figure {
            title,
            caption: format!("{caption} {credit}"),
        }
    }

    // ---- rendering -----------------------------------------------------------------------

    fn dateline(&self) -> String {
        match self.style {
            Style::Ap => format!("{} (AP) —", self.ap_place()),
            Style::Reuters => format!("{}, {} (Reuters) -", self.reuters_place(), self.date.reuters_short()),
            Style::Cnn => "(CNN) --".to_string(),
            Style::Plain | Style::Markdown => format!("{} —", self.ap_place()),
        }
    }

    /// `MOSCOW`, `COLUMBIA, S.C.`, `HANOI, Vietnam`.
    fn ap_place(&self) -> String {
        let city = &self.pools.cities[self.city];
        let country = &self.pools.countries[city.country];
        if city.standalone || city.name == country.name {
            city.name.to_uppercase()
        } else if !city.state.is_empty() {
            format!("{}, {}", city.name.to_uppercase(), city.state)
        } else {
            format!("{}, {}", city.name.to_uppercase(), country.name)
        }
    }

    /// Reuters names only the city abroad: `HANOI`, but `COLUMBIA, S.C.`.
    fn reuters_place(&self) -> String {
        let city = &self.pools.cities[self.city];
        if city.state.is_empty() {
            city.name.to_uppercase()
        } else {
            format!("{}, {}", city.name.to_uppercase(), city.state)
        }
    }

    fn byline(&mut self) -> Option<String> {
        let one = self.pools.reporter(&mut self.rng).to_string();
        let mut two = self.pools.reporter(&mut self.rng).to_string();
        while two == one {
            two = self.pools.reporter(&mut self.rng).to_string();
        }
        let line = match self.style {
            Style::Ap => match self.rng.weighted(&[35, 30, 15, 20]) {
                0 => format!("By {}", one.to_uppercase()),
                1 => format!("{one}, Associated Press"),
                2 => format!("By {one} and {two}"),
                _ => return None,
            },
            Style::Reuters => match self.rng.weighted(&[60, 15, 25]) {
                0 => format!("By {one}"),
                1 => format!("By {one} and {two}"),
                _ => return None,
            },
            Style::Cnn => match self.rng.weighted(&[50, 50]) {
                0 => format!("By {one}, CNN"),
                _ => return None,
            },
            Style::Plain => match self.rng.weighted(&[65, 10, 25]) {
                0 => format!("By {one}"),
                1 => format!("By {one} and {two}"),
                _ => return None,
            },
            Style::Markdown => return None,
        };
        Some(line)
    }

    fn render_wire(&mut self, headline: &str, blocks: &[Block]) -> String {
        let mut out = String::new();
        if self.rng.percent(5) {
            out.push('\n');
        }
        out.push_str(headline);
        out.push('\n');
        if let Some(byline) = self.byline() {
            if self.rng.percent(70) {
                out.push('\n');
            }
            out.push_str(&byline);
            out.push('\n');
        }
        let dateline = self.dateline();
        for (i, block) in blocks.iter().enumerate() {
            out.push('\n');
            match block {
                Block::Paragraph(p) if i == 0 => out.push_str(&format!("{dateline} {p}")),
                Block::Paragraph(p) | Block::Subhead(p) => out.push_str(p),
                Block::Figure { title, caption } => out.push_str(&format!("{title}\n{caption}")),
            }
            out.push('\n');
        }
        if let Some(signoff) = self.signoff() {
            out.push('\n');
            out.push_str(&signoff);
            out.push('\n');
        }
        out
    }

    fn signoff(&mut self) -> Option<String> {
        match self.style {
            Style::Reuters if self.rng.percent(70) => {
                let a = self.pools.reporter(&mut self.rng).to_string();
                let b = self.pools.reporter(&mut self.rng).to_string();
                let c = self.pools.reporter(&mut self.rng).to_string();
                Some(if self.rng.percent(50) {
                    format!("Reporting by {a}; Additional reporting by {b}; Editing by {c}")
                } else {
                    format!("Reporting by {a}; Editing by {c}")
                })
            }
            Style::Ap if self.rng.percent(30) => {
                let who = self.pools.reporter(&mut self.rng).to_string();
                let city = self.pools.cities[self.city2].name;
                Some(format!(
                    "Associated Press writer {who} in {city} contributed to this report."
                ))
            }
            _ => None,
        }
    }

    fn render_markdown(&mut self, headline: &str, lead: &str, blocks: &[Block]) -> String {
        let mut out = String::from("+++\n");
        out.push_str(&format!("title = {}\n", toml_string(headline)));
        out.push_str(&format!("date = {}\n", self.date.iso()));
        let mut byline = vec![self.pools.reporter(&mut self.rng).to_string()];
        if self.rng.percent(25) {
            let second = self.pools.reporter(&mut self.rng).to_string();
            if second != byline[0] {
                byline.push(second);
            }
        }
        out.push_str(&format!("byline = {}\n", toml_array(&byline)));
        let tags = self.tags();
        out.push_str(&format!("tags = {}\n", toml_array(&tags)));
        out.push_str(&format!("summary = {}\n", toml_string(&strip_markdown(lead))));
        let dateline = match self.rng.weighted(&[35, 25, 40]) {
            0 => {
                out.push_str(&format!("dateline = {}\n", toml_string(&self.dateline())));
                None
            }
            1 => Some(self.dateline()),
            _ => None,
        };
        out.push_str("+++\n");
        for (i, block) in blocks.iter().enumerate() {
            out.push('\n');
            match (block, &dateline) {
                (Block::Paragraph(p), Some(d)) if i == 0 => out.push_str(&format!("{d} {p}")),
                (Block::Paragraph(p), _) => out.push_str(p),
                (Block::Subhead(s), _) => out.push_str(&format!("## {s}")),
                (Block::Figure { title, caption }, _) => out.push_str(&format!("{title}\n{caption}")),
            }
            out.push('\n');
        }
        out
    }

    /// Two to five tags: mostly the beat's own, Zipf-skewed, sometimes one from elsewhere.
    fn tags(&mut self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        let want = self.rng.range(2, 5);
        let own = self.topic.tags;
        while tags.len() < want {
            let tag = if self.rng.percent(85) {
                // Earlier tags in a beat's list are the common ones.
                let depth = self.rng.range(1, own.len());
                own[self.rng.below(depth)]
            } else {
                *self.rng.pick(TAGS)
            };
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
        tags
    }

    // ---- templates -----------------------------------------------------------------------

    /// A template from `list` this article has not used yet, or `None` if all are used.
    fn pick_fresh(&mut self, pool: usize, list: &'static [&'static str]) -> Option<&'static str> {
        let start = self.rng.below(list.len());
        let i = (0..list.len())
            .map(|k| (start + k) % list.len())
            .find(|i| !self.used.contains(&(pool, *i)))?;
        self.used.insert((pool, i));
        Some(list[i])
    }

    /// A template from `list`, fresh if possible.
    fn pick_any(&mut self, pool: usize, list: &'static [&'static str]) -> &'static str {
        match self.pick_fresh(pool, list) {
            Some(t) => t,
            None => list[self.rng.below(list.len())],
        }
    }

    /// Fills every `{slot}` of `template` and capitalises the first letter.
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .expect("unclosed slot in template");
            let value = self.slot(&rest[open + 1..close]);
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        capitalize(&out)
    }

    /// The value of one `{slot}`:
    ///
    /// - people: `P0` the lead, `P` anyone on the record, `PO`, `PE`, `POB`… someone with one of
    ///   those voices (see `pools::voices`), `S0` the lead's surname (headlines), `PF` a full
    ///   name with title that does not count as an introduction (captions);
    /// - places: `city`, `city2`, `country`, `country's`, `Cadj`, `country2`, `Cadj2`, and in
    ///   captions `where` and `when`;
    /// - organisations, fixed per article: `bank`, `company`, `company2`, `party`, `party2`,
    ///   `union`, `institute`, `university`, `hospital`, `ngo`, `intl`, `ministry`;
    /// - numbers and time: `n` (two…nine), `ordinal`, `num`, `big`, `pct`, `share`, `money`,
    ///   `wday`, `month`, `lastyear`, `nextyear`, `futureyear`, `quarter`;
    /// - sources: `report`, `statement`, `paper`.
    fn slot(&mut self, name: &str) -> String {
        if !matches!(name, "n" | "ordinal" | "num" | "big" | "pct" | "share" | "money") {
            return self.named_slot(name);
        }
        if self.replay_numbers
            && let Some(k) = self.headline_numbers.iter().position(|(n, _)| n == name)
        {
            return self.headline_numbers.remove(k).1;
        }
        let value = self.named_slot(name);
        if self.in_headline {
            self.headline_numbers.push((name.to_string(), value.clone()));
        }
        value
    }

    fn named_slot(&mut self, name: &str) -> String {
        let pools = self.pools;
        let country = &pools.countries[self.country];
        let country2 = &pools.countries[self.country2];
        match name {
            "P0" => self.mention(0),
            "S0" => pools.people[self.cast[0]].last.to_string(),
            "PF" => {
                let who = if self.rng.percent(60) {
                    0
                } else {
                    self.rng.below(self.cast.len())
                };
                let person = &pools.people[self.cast[who]];
                format!("{} {}", person.role.before, person.name())
            }
            "P" => {
                let who = self.speaker(ON_RECORD).unwrap_or(0);
                self.mention(who)
            }
            p if p.starts_with('P') && p[1..].chars().all(|c| c.is_ascii_uppercase()) => {
                let who = self.speaker(voices(&p[1..])).unwrap_or(0);
                self.mention(who)
            }
            "city" => pools.cities[self.city].name.to_string(),
            "city2" => pools.cities[self.city2].name.to_string(),
            "country" => country.in_text(),
            "country's" => country.possessive(),
            "Cadj" => country.adjective.to_string(),
            "country2" => country2.in_text(),
            "Cadj2" => country2.adjective.to_string(),
            "where" => self.caption_place.clone(),
            "when" => self.caption_date.clone(),
            "bank" => self.org("bank", OrgKind::Bank),
            "company" => self.org("company", OrgKind::Company),
            "company2" => self.org("company2", OrgKind::Company),
            "party" => self.org("party", OrgKind::Party),
            "party2" => self.org("party2", OrgKind::Party),
            "union" => self.org("union", OrgKind::Union),
            "institute" => self.org("institute", OrgKind::Institute),
            "university" => self.org("university", OrgKind::University),
            "hospital" => self.org("hospital", OrgKind::Hospital),
            "ngo" => self.org("ngo", OrgKind::Charity),
            "intl" => self.org("intl", OrgKind::International),
            "ministry" => self.org("ministry", OrgKind::Ministry),
            "n" => SMALL_NUMBERS[self.rng.below(SMALL_NUMBERS.len())].to_string(),
            "ordinal" => ["second", "third", "fourth", "fifth", "sixth"][self.rng.below(5)].to_string(),
            "num" => self.rng.range(10, 95).to_string(),
            "big" => thousands(self.rng.range(12, 950) * 100),
            "pct" => {
                let tenths = self.rng.range(2, 98);
                self.percent(&format!("{}.{}", tenths / 10, tenths % 10))
            }
            "share" => {
                let whole = self.rng.range(18, 86);
                self.percent(&whole.to_string())
            }
            "money" => self.money(),
            "wday" => self.event.weekday().to_string(),
            "month" => self.date.plus_days(-28).month_name().to_string(),
            "lastyear" => self.bind("lastyear", |s| (s.date.year - 1 - s.rng.below(2) as i32).to_string()),
            "nextyear" => (self.date.year + 1).to_string(),
            "futureyear" => self.bind("futureyear", |s| (s.date.year + s.rng.range(2, 8) as i32).to_string()),
            "quarter" => ["fourth", "first", "second", "third"][(self.date.month as usize - 1) / 3].to_string(),
            "report" => self.report(),
            "statement" => self.statement(),
            "paper" => self.paper(),
            other => panic!("unknown template slot {{{other}}}"),
        }
    }

    /// A person by title and full name the first time, by surname after that.
    fn mention(&mut self, who: usize) -> String {
        let person = &self.pools.people[self.cast[who]];
        if self.introduced[who] {
            person.last.to_string()
        } else {
            self.introduced[who] = true;
            format!("{} {}", person.role.before, person.name())
        }
    }

    /// A value fixed for the whole article the first time it is asked for.
    fn bind(&mut self, key: &'static str, make: impl FnOnce(&mut Self) -> String) -> String {
        if let Some((_, v)) = self.bound.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let v = make(self);
        self.bound.push((key, v.clone()));
        v
    }

    /// The organisation bound to `key` (chosen on first use, on the story's beat), as it
    /// reads in a sentence; in Markdown bodies now and then a link.
    fn org(&mut self, key: &'static str, kind: OrgKind) -> String {
        let i = match self.orgs.iter().find(|(k, _)| *k == key) {
            Some(&(_, i)) => i,
            None => {
                // The company in the story is the one its spokesperson works for.
                let own = self.cast.iter().find_map(|&c| {
                    let o = self.pools.people[c].role.org?;
                    let free = self.pools.orgs[o].kind == kind && !self.orgs.iter().any(|&(_, b)| b == o);
                    free.then_some(o)
                });
                let mut i = own.unwrap_or_else(|| self.pools.org(&mut self.rng, kind, self.topic.beats));
                for _ in 0..8 {
                    if own.is_some() || !self.orgs.iter().any(|&(_, o)| o == i) {
                        break;
                    }
                    i = self.pools.org(&mut self.rng, kind, self.topic.beats);
                }
                self.orgs.push((key, i));
                i
            }
        };
        let org = &self.pools.orgs[i];
        if self.style == Style::Markdown && !self.in_headline && self.rng.percent(8) {
            let link = format!("[{}](https://www.{}.example/)", org.name, slugify(&org.name));
            if org.the { format!("the {link}") } else { link }
        } else {
            org.in_text()
        }
    }

    fn percent(&self, number: &str) -> String {
        match self.style {
            Style::Reuters | Style::Cnn | Style::Markdown => format!("{number}%"),
            Style::Ap | Style::Plain => format!("{number} percent"),
        }
    }

    fn money(&mut self) -> String {
        if self.rng.percent(65) {
            let tenths = self.rng.range(11, 250);
            if tenths >= 100 {
                format!("${} billion", tenths / 10)
            } else {
                format!("${}.{} billion", tenths / 10, tenths % 10)
            }
        } else {
            format!("${} million", self.rng.range(12, 95) * 10)
        }
    }

    /// `a report titled *Economic Outlook 2021*` (a title, not a quote).
    fn report(&mut self) -> String {
        let title = format!("{} {}", self.rng.pick(self.topic.reports), self.date.year);
        match self.style {
            Style::Markdown => format!("a report titled *{title}*"),
            _ if self.curly => format!("a report titled “{title}”"),
            _ => format!("a report titled \"{title}\""),
        }
    }

    fn statement(&mut self) -> String {
        if self.style == Style::Markdown && self.rng.percent(70) {
            let number = self.rng.range(1000, 9999);
            format!(
                "[a statement](https://newsroom.example.com/releases/{}-{number})",
                self.date.year
            )
        } else {
            "a statement".to_string()
        }
    }

    /// The local newspaper of the story's city: `The Lyon Herald`.
    fn paper(&mut self) -> String {
        const MASTHEADS: &[&str] = &["Herald", "Times", "Daily News", "Gazette", "Courier", "Post"];
        let city = self.pools.cities[self.city].name;
        let name = format!("The {city} {}", MASTHEADS[self.city % MASTHEADS.len()]);
        if self.style == Style::Markdown {
            format!("*{name}*")
        } else {
            name
        }
    }
}

const SMALL_NUMBERS: &[&str] = &["two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// `"OE|We will act."` → (`OFFICIAL | EXPERT`, `"We will act."`); untagged templates get
/// `default`.
fn split_voice(template: &'static str, default: Voices) -> (Voices, &'static str) {
    match template.split_once('|') {
        Some((tag, text)) if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_uppercase()) => (voices(tag), text),
        _ => (default, template),
    }
}

/// `We will act.` → `We will act,` so that `"We will act," she said.` reads right.
fn as_attributed(quote: &str) -> String {
    match quote.strip_suffix('.') {
        Some(q) => format!("{q},"),
        None => quote.to_string(),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "as", "by", "with", "but",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_string()
            } else {
                capitalize(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Lowercase ASCII words joined by hyphens, at most about 60 characters.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in text.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ö' | 'Ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' => 'n',
            'ł' | 'Ł' => 'l',
            '\'' | '’' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    if out.len() > 60 {
        let cut = out[..60].rfind('-').unwrap_or(60);
        out.truncate(cut);
    }
    out
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_array(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// The summary is plain text: drop Markdown emphasis and links.
fn strip_markdown(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(mid), Some(end)) if mid < end => {
                out.push_str(&after[..mid]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('*', "")
}

#[cfg(test)]
mod tests {
    // Imports live inside the tests: benches compile this module with `cfg(test)` but
    // without the test harness, which drops the test functions.

    #[test]
    fn articles_are_news_sized_and_well_formed() {
        use super::super::SEED;
        use super::*;
        let pools = Pools::new(SEED);
        let mut desk = Desk::new(&pools, SEED);
        let mut wire = 0;
        for i in 0..3000 {
            let a = desk.article(i);
            let size = a.text.len();
            assert!(
                (MIN_BYTES..=MAX_BYTES).contains(&size),
                "article {i} is {size} bytes:\n{}",
                a.text
            );
            assert!(
                !a.text.contains('{') && !a.text.contains('}'),
                "unfilled slot in {i}:\n{}",
                a.text
            );
            let body = if a.wire {
                wire += 1;
                a.text.as_str()
            } else {
                let end = a.text[4..].find("+++\n").expect("closing +++") + 4;
                let table: toml::Table = toml::from_str(&a.text[4..end]).expect("front matter parses");
                for key in table.keys() {
                    assert!(["title", "date", "byline", "tags", "summary", "dateline"].contains(&key.as_str()));
                }
                &a.text[end + 4..]
            };
            let paragraphs = body
                .trim()
                .split("\n\n")
                .filter(|p| !p.starts_with("## ") && !p.contains('\n'))
                .count();
            assert!(
                (6..=17).contains(&paragraphs),
                "article {i} has {paragraphs} paragraphs:\n{}",
                a.text
            );
        }
        assert!((1350..=1650).contains(&wire), "{wire} wire stories of 3000");
    }

    #[test]
    fn slugs_and_numbers() {
        use super::*;
        assert_eq!(
            slugify("Müller's party wins 3.4% in Zürich"),
            "mullers-party-wins-3-4-in-zurich"
        );
        assert_eq!(thousands(1200), "1,200");
        assert_eq!(thousands(95000), "95,000");
        assert_eq!(as_attributed("We will act."), "We will act,");
        assert_eq!(
            title_case("rail strike halts trains across the country"),
            "Rail Strike Halts Trains Across the Country"
        );
    }
}
