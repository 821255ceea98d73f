//! Word lists: the vocabulary extraction's rules consult, one list per concept.
//!
//! A rule asks "is this word a title?", "is this an organisation suffix?"; the answer lives in a
//! data file under `data/lists/`, not in the code, so a reader sees every list whole, a change
//! to one is a one-line diff, and two rules that mean the same concept share one list instead of
//! keeping slightly different copies.
//!
//! The file format is deliberately plain:
//!
//! ```text
//! # What the list holds and the newsroom convention it serves, with invented examples.
//! # Where it comes from when it is not the project's own.
//! first entry
//! second entry
//! ```
//!
//! Lines starting with `#` and blank lines are ignored; every other line is one entry (entries
//! may hold spaces: "prime minister"). Entries are sorted bytewise and unique, which a test
//! checks, so lists merge and diff cleanly. A map is the same with a tab between key and value
//! (`Calif.<TAB>California`), sorted by key.
//!
//! Files are compiled in with `include_str!` and hashed once, on first use.

use std::sync::LazyLock;

use super::fasthash::{WordMap, WordSet, with_lowercase};

/// The entries of a list file: its lines that are neither blank nor comments.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// A set of words or phrases, as written in its file.
pub struct List {
    text: &'static str,
    set: LazyLock<WordSet<&'static str>>,
}

impl List {
    #[doc(hidden)]
    pub const fn new(text: &'static str, build: fn() -> WordSet<&'static str>) -> Self {
        List {
            text,
            set: LazyLock::new(build),
        }
    }

    /// Whether `word` is an entry exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// The entry equal to `word`, as the file spells it (for names kept as `&'static str`).
    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.set.get(word).copied()
    }

    /// Whether `word`, lower-cased, is an entry: for lists kept in lower case and asked about
    /// words in any case. The shape test settles most words without lower-casing them.
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        self.set.contains_lowercase_of(word)
    }

    /// The entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        entries(self.text)
    }
}

/// A map from a word or phrase to another, as written in its file (`key<TAB>value`).
pub struct Map {
    text: &'static str,
    map: LazyLock<WordMap<&'static str, &'static str>>,
}

impl Map {
    #[doc(hidden)]
    pub const fn new(text: &'static str, build: fn() -> WordMap<&'static str, &'static str>) -> Self {
        Map {
            text,
            map: LazyLock::new(build),
        }
    }

    /// The value for `key` exactly as written.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.map.get(key).copied()
    }

    /// The value for `key` lower-cased: for maps whose keys are kept in lower case.
    pub fn get_lowercase_of(&self, key: &str) -> Option<&'static str> {
        if !self.map.may_hold_lowercase_of(key) {
            return None;
        }
        with_lowercase(key, |lower| self.map.get(lower).copied())
    }

    /// The (key, value) pairs in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        entries(self.text).map(split_pair)
    }
}

fn split_pair(line: &'static str) -> (&'static str, &'static str) {
    line.split_once('\t').unwrap_or((line, ""))
}

#[doc(hidden)]
pub fn build_set(text: &'static str) -> WordSet<&'static str> {
    entries(text).collect()
}

#[doc(hidden)]
pub fn build_map(text: &'static str) -> WordMap<&'static str, &'static str> {
    entries(text).map(split_pair).collect()
}

/// Declares the lists: `NAME: List = "file.txt";` or `NAME: Map = "file.tsv";`, each with a
/// doc comment saying what it is for.
macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident: $kind:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub static $name: $kind = lists!(@new $kind, $file);
        )*

        /// Every list and map, for the file checks.
        #[cfg(test)]
        pub(crate) const ALL_FILES: &[(&str, &str)] = &[$(($file, include_str!(concat!("../data/lists/", $file)))),*];
    };
    (@new List, $file:literal) => {
        List::new(include_str!(concat!("../data/lists/", $file)), || {
            build_set(include_str!(concat!("../data/lists/", $file)))
        })
    };
    (@new Map, $file:literal) => {
        Map::new(include_str!(concat!("../data/lists/", $file)), || {
            build_map(include_str!(concat!("../data/lists/", $file)))
        })
    };
}

lists! {
    // Names and the words around them (lexicon, gazetteer).
    /// Abbreviations that end with a period but not a sentence, without the period ("Sen", "Sept").
    ABBREVIATIONS: List = "abbreviations.txt";
    /// Lower-case particles inside personal and place names ("de", "van", "bin").
    NAME_PARTICLES: List = "name_particles.txt";
    /// Titles and offices before a name, lower case ("senator", "sen.", "coach"), asked lower-cased.
    TITLES: List = "titles.txt";
    /// Titles of royals and popes, lower case ("queen", "pope"), named with one given name.
    ROYAL_TITLES: List = "royal_titles.txt";
    /// Honorifics and gendered role words, lower case without a period, to `f` or `m`.
    HONORIFIC_GENDERS: Map = "honorific_genders.tsv";
    /// Lower-case nouns that introduce a person's name ("coach", "philosopher", "brother").
    ROLE_NOUNS: List = "role_nouns.txt";
    /// Lower-case nouns that introduce or follow an organisation's name ("newspaper", "startup").
    ORG_NOUNS: List = "org_nouns.txt";
    /// Lower-case nouns said before a company's bare name, never after it ("chipmaker",
    /// "rival").
    COMPANY_DESCRIPTORS: List = "company_descriptors.txt";
    /// Capitalised nouns naming a post's field before a title ("Project" in "Acme Project
    /// Manager"), never the employer's name there.
    POST_FIELDS: List = "post_fields.txt";
    /// Verbs that attribute speech or writing to a speaker ("said", "told", "wrote").
    SPEECH_VERBS: List = "speech_verbs.txt";
    /// Participles that attribute speech to their sentence's subject ("saying", "adding").
    SPEECH_PARTICIPLES: List = "speech_participles.txt";
    /// Capitalised words that open sentences or phrases but are never part of a name.
    STOP_WORDS: List = "stop_words.txt";
    /// Capitalised function words of other languages' pages that open sentences, never names
    /// ("Los", "Für", "Dieses").
    FOREIGN_FUNCTION_WORDS: List = "foreign_function_words.txt";
    /// Nationality, group, compass and scope words that describe a name ("Russian", "Northern").
    DEMONYMS: List = "demonyms.txt";
    /// Common given names to `f`, `m` or `u` (both), hand-picked; compare data/given_names.tsv.
    GIVEN_NAMES: Map = "given_names_common.tsv";
    /// Generational suffixes that stay part of a name ("Jr.", "III").
    NAME_SUFFIXES: List = "name_suffixes.txt";
    /// All-capital words that look like organisation acronyms but are not ("CEO", "GMT").
    NON_ORG_ACRONYMS: List = "non_org_acronyms.txt";
    /// Lower-case nouns that introduce a ship's name ("tanker", "ferry").
    VESSEL_NOUNS: List = "vessel_nouns.txt";
    /// US state abbreviations, AP style and postal, to the state ("Calif." and "CA" to California).
    STATE_ABBREVIATIONS: Map = "state_abbreviations.tsv";
    /// The planets, named alone no place on Earth ("Jupiter", "Mars").
    PLANETS: List = "planets.txt";
    /// Words that, ending a capitalised name, make it a place ("Province", "Street").
    PLACE_SUFFIXES: List = "place_suffixes.txt";
    /// Words that end a street's name ("Street", "Ave."): an address, not a place.
    STREET_SUFFIXES: List = "street_suffixes.txt";
    /// Words that open a place name ("Lake", "Mount", "Gulf of").
    PLACE_PREFIXES: List = "place_prefixes.txt";
    /// Words that, ending a capitalised name, make it an organisation ("Council", "Corp.").
    ORG_SUFFIXES: List = "org_suffixes.txt";
    /// Nouns that open an organisation's name in other languages ("Universidad", "Instituto").
    ORG_HEAD_NOUNS: List = "org_head_nouns.txt";
    /// Nouns of bodies whose names may go on with "to" ("Committee to Protect …").
    PURPOSE_BODY_NOUNS: List = "purpose_body_nouns.txt";
    /// Adjectives of rank that open a sentence before a body ("Top Acme Corp executives").
    RANK_ADJECTIVES: List = "rank_adjectives.txt";
    /// Words that end names of events, prizes, laws, works and buildings ("Prize", "Act").
    MISC_SUFFIXES: List = "misc_suffixes.txt";
    /// Words that open names of events, prizes and laws in Romance languages ("Copa", "Ley").
    MISC_PREFIXES: List = "misc_prefixes.txt";
    /// Nouns that make a country's formal name before "of" ("Republic", "Kingdom").
    STATE_FORMS: List = "state_forms.txt";
    /// What ends a list that goes on beyond its last named item ("and others").
    LIST_ENDINGS: List = "list_endings.txt";
    /// Romance auxiliaries between a quotation and its verb's participle ("a déclaré").
    COMPOUND_PAST_AUXILIARIES: List = "compound_past_auxiliaries.txt";
    /// News and photo agencies by the names they go by, to the canonical name ("AP").
    AGENCIES: Map = "agencies.tsv";
    /// Well-known organisations and their short forms.
    ORGANIZATIONS: List = "organizations.txt";
    /// Known organisations too generic to list when the name stands alone ("Target", "Medicaid").
    WEAK_ORGANIZATIONS: List = "weak_organizations.txt";

    /// Names of countries that GeoNames spells otherwise or no longer holds, to the name listed.
    COUNTRY_NAMES: Map = "country_names.tsv";
    /// Regions, seas, rivers, islands and ranges news copy names as places.
    REGIONS: List = "regions.txt";
    /// English names of well-known cities that GeoNames spells otherwise.
    CITY_NAMES: List = "city_names.txt";
    /// Countries, regions and major cities as other languages' pages write them ("Alemania").
    FOREIGN_PLACE_NAMES: List = "foreign_place_names.txt";

    // Entities and quotes.
    /// Auxiliary and linking verbs: after a name, it is a clause's subject.
    AUXILIARY_VERBS: List = "auxiliary_verbs.txt";
    /// Nouns for a body's members and words ("officials", "statement").
    MEMBER_NOUNS: List = "member_nouns.txt";

    /// Function words that join two capitalised parts of one name ("Bureau of Statistics").
    NAME_JOINERS: List = "name_joiners.txt";
    /// Particles that join capitalised words into one run ("Luis de Mora"); narrower than the
    /// lexicon's name particles.
    JOINING_PARTICLES: List = "joining_particles.txt";
    /// Players' positions as box scores abbreviate them before a name ("LB Jo Roe").
    SPORTS_POSITIONS: List = "sports_positions.txt";
    /// "and" in the languages the archive reads.
    COORDINATING_CONJUNCTIONS: List = "coordinating_conjunctions.txt";
    /// Prepositions that open an organisation word's complement ("Bureau of", "Embassy in").
    ORG_PREPOSITIONS: List = "org_prepositions.txt";
    /// Words whose possessive stays inside a name ("Women's Health Network").
    POSSESSIVE_NAME_WORDS: List = "possessive_name_words.txt";
    /// Nouns after a name that make it a thing, not a person ("the Blue Heron cabaret").
    THING_NOUNS: List = "thing_nouns.txt";
    /// Nouns after a name that complete an organisation's name ("the Redcliff network").
    ORG_NAME_NOUNS: List = "org_name_nouns.txt";
    /// Nouns after a name that leave it a person ("the Jane Roe administration").
    PERSON_ATTRIBUTIVE_NOUNS: List = "person_attributive_nouns.txt";
    /// Compass and position words before a region ("Eastern", "Greater").
    REGION_QUALIFIERS: List = "region_qualifiers.txt";
    /// Administrative divisions written after their name ("Zabul province").
    DIVISION_NOUNS: List = "division_nouns.txt";
    /// Party words used alone, to the party's name ("Democrats" → Democratic Party).
    PARTY_LABELS: Map = "party_labels.tsv";
    /// Capitalised function words that open a run but no organisation's name ("The", "Its").
    LEADING_FUNCTION_WORDS: List = "leading_function_words.txt";
    /// Capitalised adjectives that open a name inside a sentence ("signed with Big Tarrow"), as
    /// written.
    NAME_OPENING_ADJECTIVES: List = "name_opening_adjectives.txt";
    /// Endings of hyphenated adjectives, not names ("-backed", "-era").
    COMPOUND_ADJECTIVE_SUFFIXES: List = "compound_adjective_suffixes.txt";
    /// Adjectives that open an organisation's name rather than describe it ("National").
    ORG_NAME_ADJECTIVES: List = "org_name_adjectives.txt";
    /// Particles inside a place name ("Neustadt am See").
    PLACE_PARTICLES: List = "place_particles.txt";
    /// Seas and regions often used as adjectives ("Atlantic shipping").
    ADJECTIVAL_PLACE_NAMES: List = "adjectival_place_names.txt";
    /// Prepositions that introduce a place ("in", "near", "across").
    PLACE_PREPOSITIONS: List = "place_prepositions.txt";
    /// Family relations, which describe a person rather than make a name an institution.
    KIN_NOUNS: List = "kin_nouns.txt";
    /// Singular articles that open names of newspapers and places, never a person's ("La Paz").
    NAME_ARTICLES: List = "name_articles.txt";
    /// Plural nouns for people that open an advocacy group's name ("Friends of the Harbour").
    GROUP_NAME_HEADS: List = "group_name_heads.txt";
    /// Nouns for people that headings put after a place ("Springfield Man"), lower case.
    PERSON_NOUNS: List = "person_nouns.txt";
    /// What only an organisation has ("Acme's shares", "a stake in Acme"), lower case.
    ORG_POSSESSIONS: List = "org_possessions.txt";
    /// Verbs of what companies do ("acquired", "launches"), after the company's name, lower case.
    CORPORATE_VERBS: List = "corporate_verbs.txt";
    /// Endings of German compound nouns for bodies ("-klinik", "-krankenkasse"), lower case.
    COMPOUND_ORG_ENDINGS: List = "compound_org_endings.txt";
    /// German articles opening a sentence ("Das", "Im"), capitalised as written there.
    GERMAN_ARTICLES: List = "german_articles.txt";
    /// Top-level domains ending a website's name written as its address ("com", "ru").
    WEB_DOMAINS: List = "web_domains.txt";
    /// Kinds of product written after a product's name ("a PhonePro charger"), lower case.
    PRODUCT_NOUNS: List = "product_nouns.txt";
    /// Words opening a football club's name before its city ("Real Springfield").
    CLUB_PREFIXES: List = "club_prefixes.txt";
    /// Verbs reporting a result between two sides ("beat", "defeated"), lower case.
    RESULT_VERBS: List = "result_verbs.txt";
    /// Verbs of a figure's change ("rose", "falls"), irregular past and present, lower case.
    CHANGE_VERBS: List = "change_verbs.txt";
    /// Offices in a company, written between its name and the holder's ("Acme CEO"), lower case.
    COMPANY_OFFICES: List = "company_offices.txt";
    /// Jobs held at a company or club, written after its name ("Acme spokeswoman"), lower case.
    EMPLOYEE_NOUNS: List = "employee_nouns.txt";
    /// Words before the source of a report ("according to", "told"), lower case.
    SOURCE_CUES: List = "source_cues.txt";
    /// What a newsroom asks of its subjects, after its own name ("… Courier's request for
    /// comment"), lower case.
    COMMENT_REQUESTS: List = "comment_requests.txt";
    /// What a shop is doing in a deal post, after "is" ("Zentrix is taking $50 off"), lower case.
    DEAL_VERBS: List = "deal_verbs.txt";
    /// Stock exchanges named before a ticker in brackets ("(NASDAQ: QLMK)"), as written.
    STOCK_EXCHANGES: List = "stock_exchanges.txt";
    /// A newsroom's posts, capitalised before a writer's name ("Senior Writer Jane Roe"), lower case.
    NEWSROOM_POSTS: List = "newsroom_posts.txt";
    /// Owners of part of a company, before "in" and its name ("a stake in Acme"), lower case.
    HOLDING_NOUNS: List = "holding_nouns.txt";
    /// What is traded of a company, after its name ("Acme shares fell"), lower case.
    TRADED_NOUNS: List = "traded_nouns.txt";
    /// Verbs that make a name with its article an outlet ("the Lantern reported"), lower case.
    OUTLET_REPORT_VERBS: List = "outlet_report_verbs.txt";
    /// Verbs of working before "at" and an employer ("worked at Acme"), lower case.
    WORK_VERBS: List = "work_verbs.txt";
    /// What befalls a workforce, before "at" and its employer ("layoffs at Acme"), lower case.
    WORKPLACE_EVENTS: List = "workplace_events.txt";
    /// Verbs of founding before a company's name ("co-founded Acme"), lower case.
    FOUNDING_VERBS: List = "founding_verbs.txt";
    /// Words for a part of a town before its name ("downtown Springfield"), lower case.
    TOWN_PART_ADJECTIVES: List = "town_part_adjectives.txt";
    /// Nouns that widen a place's name after it ("the Tarnby area"), lower case.
    AREA_NOUNS: List = "area_nouns.txt";
    /// Words an outlet's name may drop when named again ("Acme Magazine … Acme"), lower case.
    OUTLET_TITLE_WORDS: List = "outlet_title_words.txt";
    /// Kinds of news outlet written after a one-word name ("Quillmark magazine"), lower case.
    OUTLET_NOUNS: List = "outlet_nouns.txt";
    /// What a special district provides, before "District" in its name ("Shelby Water
    /// District"), lower case.
    DISTRICT_PURPOSES: List = "district_purposes.txt";
    /// What a user keeps on a social network, written after its one-word name ("a Zumblr
    /// post"), lower case.
    PLATFORM_ITEM_NOUNS: List = "platform_item_nouns.txt";
    /// Stock market indices' names ("S&P", "FTSE"), which a number or an index word follows.
    MARKET_INDICES: List = "market_indices.txt";
    /// Words after an index's name ("composite", "industrial average"), lower case.
    INDEX_WORDS: List = "index_words.txt";
    /// Portfolios a ministry is named for in lower case ("finance ministry"), lower case.
    MINISTRY_PORTFOLIOS: List = "ministry_portfolios.txt";
    /// Settlements and regions written before "of" and a place ("the town of Redcliff").
    PLACE_KIND_NOUNS: List = "place_kind_nouns.txt";
    /// Legal-form and group words ending a company's name ("Co.", "Holdings"), lower case.
    COMPANY_SUFFIXES: List = "company_suffixes.txt";
    /// Legal forms a company's name sets off with a comma ("Acme Widgets, Inc."), as written.
    COMMA_LEGAL_FORMS: List = "comma_legal_forms.txt";
    /// Words qualifying a written-out post before its body ("Vice", "Senior"), lower case.
    POST_QUALIFIERS: List = "post_qualifiers.txt";
    /// Organisation nouns written both "Department of X" and "X Department".
    INVERTIBLE_ORG_NOUNS: List = "invertible_org_nouns.txt";
    /// Small words title case leaves in lower case ("of", "the").
    TITLE_SMALL_WORDS: List = "title_small_words.txt";
    /// Words between a speaker and the speech verb ("Roe also said").
    ATTRIBUTION_FILLERS: List = "attribution_fillers.txt";
    /// Conjunctions that open a clause before its subject ("as Roe said"), lower case.
    CLAUSE_CONJUNCTIONS: List = "clause_conjunctions.txt";
    /// Pronouns and plurals that stand for unnamed speakers ("officials said").
    UNNAMED_SUBJECTS: List = "unnamed_subjects.txt";
    /// Words that open a description of a speaker ("the mayor said", "one lawyer said").
    SPEAKER_DETERMINERS: List = "speaker_determiners.txt";
    /// Words that qualify a role in a description ("the former mayor").
    ROLE_QUALIFIERS: List = "role_qualifiers.txt";
    /// Public institutions named after capitalised words ("the Acme government said").
    INSTITUTION_NOUNS: List = "institution_nouns.txt";
    /// First characters of Japanese speech verbs after the quotative particle ("「…」と述べた").
    QUOTATIVE_VERBS: List = "quotative_verbs.txt";
    /// Relative pronouns that open a clause about the name before them ("Roe, who said").
    RELATIVE_PRONOUNS: List = "relative_pronouns.txt";
    /// Bodies of an organisation that speak for it ("the board said", "the staff concluded").
    BODY_NOUNS: List = "body_nouns.txt";
    /// Documents that speak for whoever issued them ("the statement said", "the report adds").
    DOCUMENT_NOUNS: List = "document_nouns.txt";
    /// People who speak for an organisation, which is then the speaker ("an Acme spokesman").
    SPOKESPERSON_NOUNS: List = "spokesperson_nouns.txt";
    /// Nouns for works whose title follows in quotation marks ("his book “…”"), lower case.
    WORK_NOUNS: List = "work_nouns.txt";
    /// People a story quotes without naming them ("an Acme official", "one dealer").
    UNNAMED_PERSON_NOUNS: List = "unnamed_person_nouns.txt";
    /// Adjectives, imperatives and interjections that open titles of works, products and page
    /// furniture but no person's name ("True Widget", "Get Acme Pro"), lower case.
    NON_NAME_WORDS: List = "non_name_words.txt";
    /// Lower-case function words of a language that capitalises its nouns ("und", "der").
    NOUN_CAPITALISING_WORDS: List = "noun_capitalising_words.txt";

    // Layout: bylines, credits, datelines, dates, figures, furniture.

    /// Month names and abbreviations, each with its month number.
    MONTHS: Map = "months.tsv";
    /// The days of the week written out, each with its ISO number (Monday 1).
    WEEKDAYS: Map = "weekdays.tsv";
    /// Abbreviated weekdays ("Tues.", "Mon"), read only before a date or in a timestamp.
    WEEKDAY_ABBREVIATIONS: List = "weekday_abbreviations.txt";
    /// Lower-case words inside a place name ("Rio de Janeiro"), in datelines and captions.
    PLACE_JOINERS: List = "place_joiners.txt";
    /// Capitalised openings before a dash that are not a dateline's place ("UPDATE —").
    DATELINE_NON_PLACES: List = "dateline_non_places.txt";
    /// The job title after a byline's names, and the small words inside one (lower case).
    BYLINE_JOB_WORDS: List = "byline_job_words.txt";
    /// Words before "by" that open a byline ("Analysis by"), lower case.
    BYLINE_OPENERS: List = "byline_openers.txt";
    /// "By" and its like in other languages ("Par", "Von"), lower case.
    BYLINE_BY_WORDS: List = "byline_by_words.txt";
    /// Field labels before a byline ("Author:"), lower case.
    BYLINE_LABELS: List = "byline_labels.txt";
    /// What a byline credits instead of a writer ("wire services", "staff"), lower case.
    BYLINE_DESKS: List = "byline_desks.txt";
    /// Degrees and licences after a writer's name ("Jane Roe, MS, RDN"), as printed.
    BYLINE_CREDENTIALS: List = "byline_credentials.txt";
    /// Titles a byline prints before the writer's name ("Dr.", "Prof."), as printed.
    BYLINE_HONORIFICS: List = "byline_honorifics.txt";
    /// Words between a byline's names and the date or handle after them ("Follow"), lower case.
    BYLINE_TAIL_WORDS: List = "byline_tail_words.txt";
    /// The verb after a writer's name in a note on the writer ("Jane Roe is …"), as printed.
    AUTHOR_NOTE_VERBS: List = "author_note_verbs.txt";
    /// The writer's role in a closing signature line with an e-mail address ("기자"), as printed.
    SIGNATURE_ROLES: List = "signature_roles.txt";
    /// Verbs opening a contact line before the writer's name ("Email Jane Roe at …").
    CONTACT_VERBS: List = "contact_verbs.txt";
    /// Job titles that make a "name, outlet" line a byline rather than a photo credit.
    BYLINE_TITLES: List = "byline_titles.txt";
    /// What a wire sign-off credits ("Reporting by", "Editing by"), lower case.
    SIGNOFF_ROLES: List = "signoff_roles.txt";
    /// An agency's name alone at the foot of a story ("REUTER", "(AP)"), as printed.
    SIGNOFF_AGENCIES: List = "signoff_agencies.txt";
    /// Labels before a photo credit ("Photo:", "Image copyright"), as printed.
    CREDIT_LABELS: List = "credit_labels.txt";
    /// Words a photo credit may hold in lower case ("via", "for", "file"), lower case.
    CREDIT_CONNECTORS: List = "credit_connectors.txt";
    /// Words of a credit that name no one ("Photo", "via"), lower case.
    CREDIT_WORDS_NAMING_NOBODY: List = "credit_words_naming_nobody.txt";
    /// Credit parts that say how a picture was obtained ("Handout"), not an agency; lower case.
    CREDIT_NON_AGENCIES: List = "credit_non_agencies.txt";
    /// Words after an agency's name that describe the picture ("AP Photo"), as printed.
    CREDIT_PICTURE_WORDS: List = "credit_picture_words.txt";
    /// What marks a capitalised line as a photo credit, looked for anywhere in it; lower case.
    CREDIT_SIGNALS: List = "credit_signals.txt";
    /// Capitalised credit words that are never part of a photographer's name ("Pool").
    CREDIT_NON_NAME_WORDS: List = "credit_non_name_words.txt";
    /// Where the photographed stand ("left", "from left"), never a credited party; lower case.
    CREDIT_POSITION_WORDS: List = "credit_position_words.txt";
    /// The kind of picture before "by" ("Photo Illustration by …", "Foto de …"); lower case.
    CREDIT_WORK_NOUNS: List = "credit_work_nouns.txt";
    /// "by" in a credit, in the languages of the archive ("by", "de", "por"), lower case.
    CREDIT_AUTHOR_PREPOSITIONS: List = "credit_author_prepositions.txt";
    /// "for" before the outlet a picture was taken for ("for", "para"), lower case.
    CREDIT_OUTLET_PREPOSITIONS: List = "credit_outlet_prepositions.txt";
    /// Agencies whose names are never a person's name or an ordinary word, as printed.
    DISTINCTIVE_AGENCIES: List = "distinctive_agencies.txt";
    /// Words of caption language ("pictured", "poses"), lower case.
    CAPTION_CUE_WORDS: List = "caption_cue_words.txt";
    /// Words before "image" in the label of a page's feature picture ("Cover image:"), lower case.
    FEATURE_PICTURE_WORDS: List = "feature_picture_words.txt";
    /// Words before "caption" in a web page's caption label ("Image caption"), lower case.
    CAPTION_LABEL_WORDS: List = "caption_label_words.txt";
    /// Whole lines of page furniture ("Advertisement", "Back to top"), lower case.
    PAGE_LABELS: List = "page_labels.txt";
    /// Headers over a list of links to other stories ("Read more:"), lower case.
    RELATED_HEADERS: List = "related_headers.txt";
    /// Kickers that introduce a link to another story ("Read more: …"), lower case.
    RELATED_KICKERS: List = "related_kickers.txt";
    /// Kickers that label a picture ("Photo: …"), so the line is no link; lower case.
    PICTURE_KICKERS: List = "picture_kickers.txt";
    /// Words that open a publication-time line ("Updated", "Published on"), lower case.
    TIMESTAMP_LEADS: List = "timestamp_leads.txt";
    /// Words among the dates and times of a publication-time line ("at", "updated").
    TIMESTAMP_WORDS: List = "timestamp_words.txt";
    /// Time zone abbreviations after a timestamp's time ("EST", "GMT"), lower case.
    TIME_ZONES: List = "time_zones.txt";
    /// Words after the comma of a caption naming a person ("Jane Roe, the …", "…, left").
    APPOSITIVE_OPENERS: List = "appositive_openers.txt";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries sorted bytewise and unique, maps with one tab per line, and every list opening
    /// with a comment that says what it is for.
    #[test]
    fn list_files_are_sorted_unique_and_described() {
        for (file, text) in ALL_FILES {
            assert!(
                text.starts_with("# "),
                "data/lists/{file}: open with a `# ` comment saying what the list is for"
            );
            let keys: Vec<&str> = entries(text).map(|l| split_pair(l).0).collect();
            for pair in keys.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "data/lists/{file}: `{}` then `{}`: entries must be sorted bytewise and unique",
                    pair[0],
                    pair[1]
                );
            }
            for line in entries(text) {
                assert_eq!(
                    line.trim(),
                    line,
                    "data/lists/{file}: `{line}` has white space around it"
                );
                if file.ends_with(".tsv") {
                    assert_eq!(
                        line.matches('\t').count(),
                        1,
                        "data/lists/{file}: `{line}` needs one tab"
                    );
                }
            }
        }
    }

    /// No two files hold the same entries: one concept, one list.
    #[test]
    fn no_list_repeats_another() {
        for (i, (a, ta)) in ALL_FILES.iter().enumerate() {
            for (b, tb) in &ALL_FILES[i + 1..] {
                let ea: Vec<&str> = entries(ta).collect();
                let eb: Vec<&str> = entries(tb).collect();
                assert_ne!(
                    ea, eb,
                    "data/lists/{a} and data/lists/{b} hold the same entries: keep one"
                );
            }
        }
    }
}
