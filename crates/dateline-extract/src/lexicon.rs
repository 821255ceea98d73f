//! The newsroom's vocabulary: titles, speech verbs, honorifics, common given names, demonyms,
//! capitalised function words and abbreviations. Generic knowledge only — nothing here names a
//! particular story's people.
//!
//! Tables are plain text compiled into hash sets once (`LazyLock`), so lookups in the hot
//! extraction loops are a hash of a short string.

use super::fasthash::{FxHashMap, WordMap, WordSet, with_lowercase};
use std::sync::LazyLock;

fn set(words: &'static str) -> WordSet<&'static str> {
    words.split_whitespace().collect()
}

fn lower_set(words: &'static str) -> WordSet<String> {
    words.split_whitespace().map(str::to_lowercase).collect()
}

/// Abbreviations that end with a period but not a sentence (compared without the period).
static ABBREVIATIONS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "Mr Mrs Ms Dr Prof Sen Sens Rep Reps Gov Govs Gen Lt Col Maj Capt Sgt Cpl Pvt Adm Cmdr Cdr Brig Gens \
         St Ste Mt Ft Jr Sr Rev Hon Msgr Fr Sr Amb Atty Supt Det Insp Pres Sec Gov't \
         Inc Co Corp Ltd Bros Dept Univ Assn Ave Blvd Rd No Nos vs Vol Fig Ch Ed Eds Est \
         Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun \
         Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont \
         Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo \
         a.m p.m e.g i.e etc approx",
    )
});

/// Whether `word` (with or without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ABBREVIATIONS.contains(w)
}

/// Lower-case particles inside personal and place names ("de la Garza", "bin Laden").
pub fn is_name_particle(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "la"
            | "le"
            | "del"
            | "della"
            | "der"
            | "den"
            | "di"
            | "da"
            | "das"
            | "dos"
            | "do"
            | "du"
            | "van"
            | "von"
            | "ter"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "am"
            | "im"
            | "zu"
            | "af"
            | "ben"
            | "bint"
            | "abu"
            | "st"
            | "mac"
            | "dei"
            | "des"
    )
}

/// Personal titles and offices that precede a name ("Sen.", "Prime Minister", "Coach").
/// The last title word of a capitalised run separates the role from the name.
static TITLES: LazyLock<WordSet<String>> = LazyLock::new(|| {
    lower_set(
        "president vice-president president-elect minister secretary undersecretary secretary-general \
               chancellor vice-chancellor governor gov. senator sen. sens. representative rep. reps. congressman congresswoman \
               mayor judge justice justices magistrate attorney-general attorney solicitor general gen. \
               director deputy chairman chairwoman chairperson chair chief ceo cfo coo executive \
               commissioner ambassador amb. envoy leader speaker premier coach dr. doctor mr. mrs. ms. miss mx. \
               sir dame lord lady prof. professor king queen prince princess pope cardinal bishop archbishop \
               rabbi imam rev. reverend pastor sheikh sheik emir sultan ayatollah officer adm. admiral \
               col. colonel lt. lieutenant maj. major capt. captain sgt. sergeant cpl. corporal pvt. private \
               cmdr. commander brig. marshal counsel spokesman spokeswoman spokesperson adviser advisor \
               founder co-founder editor editor-in-chief publisher inspector inspector-general sheriff \
               detective agent superintendent supt. det. insp. treasurer comptroller auditor provost dean \
               principal councilman councilwoman councillor alderman delegate administrator chairmen \
               dame baron baroness duke duchess countess \
               crown mufti patriarch metropolitan grand rector registrar warden",
    )
});

/// Whether a word (any case) is a title or office word.
pub fn is_title(word: &str) -> bool {
    // Asked for nearly every word of a capitalised run, and most are no title: the shape of
    // the lower-cased word (with or without its final periods) settles those without
    // lowering it.
    let trimmed = word.trim_end_matches('.');
    if !TITLES.may_hold_lowercase_of(word) && (trimmed.len() == word.len() || !TITLES.may_hold_lowercase_of(trimmed)) {
        return false;
    }
    // Without a final period the second lookup would be the first again.
    with_lowercase(word, |lower| {
        TITLES.contains(lower) || lower.ends_with('.') && TITLES.contains(lower.trim_end_matches('.'))
    })
}

/// Honorifics that carry a gender.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    with_lowercase(word.trim_end_matches('.'), |lower| match lower {
        "mr" | "sir" | "lord" | "king" | "prince" | "father" | "brother" | "sheikh" | "duke" | "baron"
        | "congressman" | "councilman" | "chairman" | "spokesman" | "businessman" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "sister" | "mother" | "duchess"
        | "baroness" | "congresswoman" | "councilwoman" | "chairwoman" | "spokeswoman" | "businesswoman"
        | "actress" => Some(Gender::Female),
        _ => None,
    })
}

/// Lower-case nouns that introduce a person's name ("coach Billy Roe", "the philosopher Ana Lima").
static ROLE_NOUNS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "coach quarterback guard forward center centre pitcher catcher striker goalkeeper goalie player teammate rookie \
         lawyer attorney professor colleague businessman businesswoman billionaire millionaire philosopher chemist \
         physicist scientist engineer artist author writer novelist poet singer songwriter actor actress director \
         producer journalist reporter photographer editor analyst economist historian researcher spokesman \
         spokeswoman spokesperson activist candidate senator governor mayor president minister secretary leader \
         chief chairman chairwoman founder executive physician doctor surgeon nurse judge justice prosecutor counsel \
         officer general commander soldier pilot architect designer entrepreneur investor banker manager owner \
         prophet pastor priest bishop rabbi imam monk son daughter wife husband brother sister mother father uncle \
         aunt cousin friend neighbor neighbour student teacher assistant aide adviser advisor deputy envoy ambassador \
         diplomat lawmaker legislator congressman congresswoman commissioner superintendent sheriff detective agent \
         trooper inmate defendant plaintiff witness victim suspect musician rapper comedian host anchor correspondent \
         columnist blogger broadcaster cartoonist footballer golfer boxer swimmer runner skater star great legend \
         icon superstar standout freshman sophomore linebacker receiver tackle defenseman referee umpire \
         ceo cfo economist strategist consultant counselor counsellor psychologist psychiatrist epidemiologist \
         chef filmmaker playwright composer conductor dancer model designer curator archivist photojournalist \
         dictator tycoon magnate mogul heir widow widower fiance fiancee girlfriend boyfriend partner \
         undersecretary premier chancellor king queen prince princess emperor empress pope cardinal \
         exec staffer worker employee protester demonstrator resident farmer fisherman owner",
    )
});

/// Whether `word` is a lower-case noun that introduces a person's name.
pub fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains(word)
}

/// Lower-case nouns that introduce or follow an organisation's name ("newspaper Novaya X").
static ORG_NOUNS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "newspaper magazine company firm group party agency network channel broadcaster bank university \
         college airline carrier automaker carmaker retailer startup start-up studio publisher website \
         organization organisation foundation charity union league club team ministry daily weekly tabloid \
         outlet conglomerate insurer lender fund hospital clinic movement militia publication",
    )
});

pub fn is_org_noun(word: &str) -> bool {
    ORG_NOUNS.contains(word)
}

/// Verbs (and phrases) that attribute speech or writing to a speaker.
static SPEECH_VERBS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "said says say pointed told tells tell added adds asked asks wrote writes write declared declares continued continues \
         interjected interjects countered  rejoined responded responds replied  quipped  joked  \
         explained explains noted  stated  insisted insists argued argues warned warns cautioned cautions \
         acknowledged acknowledges admitted admits conceded concedes alleged alleges claimed  called  \
         described describes tweeted tweets posted announced announces recalled recalls   observed \
         suggested suggests urged urges vowed  pledged  promised  predicted predicts concluded \
         emphasized emphasised stressed demanded shouted yelled whispered testified reported  confirmed \
         confirms denied denies complained complains lamented  praised criticized criticised charged \
         agreed boasted mused wondered answered  pleaded explained exclaimed retorted snapped sighed \
         elaborated reiterated reiterates maintained maintains contended contends asserted asserts wrote \
         tweeted texted emailed messaged posted",
    )
});

/// Participles that attribute speech to the subject of their sentence ("…, saying that …").
static SPEECH_PARTICIPLES: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "saying adding telling asking noting writing arguing warning charging asserting declaring insisting \
         explaining calling describing claiming stating urging vowing suggesting stressing acknowledging \
         admitting conceding recalling answering replying responding quipping joking",
    )
});

/// For each (first letter, length) pair, whether some speech verb or participle has it: most
/// words of a story are rejected by one bit test before any hashing.
static VERB_SHAPES: LazyLock<[u32; 26]> = LazyLock::new(|| {
    let mut shapes = [0u32; 26];
    for w in SPEECH_VERBS.iter().chain(SPEECH_PARTICIPLES.iter()) {
        if let Some(i) = w
            .bytes()
            .next()
            .filter(u8::is_ascii_lowercase)
            .map(|b| usize::from(b - b'a'))
        {
            shapes[i] |= 1 << w.len().min(31);
        }
    }
    shapes
});

/// Whether a lower-case word could be a speech verb or participle at all (cheap pre-check).
#[inline]
pub fn may_be_speech_verb(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&c| speech_verb_shape(c, word.len()))
}

/// Whether some speech verb or participle starts with the byte `first` and is `len` bytes long.
#[inline]
pub fn speech_verb_shape(first: u8, len: usize) -> bool {
    first.is_ascii_lowercase() && len < 31 && VERB_SHAPES[usize::from(first - b'a')] & (1 << len) != 0
}

/// Whether a lower-case word attributes speech.
pub fn is_speech_verb(word: &str) -> bool {
    may_be_speech_verb(word) && SPEECH_VERBS.contains(word)
}

pub fn is_speech_participle(word: &str) -> bool {
    may_be_speech_verb(word) && SPEECH_PARTICIPLES.contains(word)
}

/// Capitalised words that open sentences or phrases but never names.
static STOP_WORDS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "The A An This That These Those It Its It’s It's He She They We I You His Her Hers Their Our My Your Him Them Us \
         In On At By For From With Without Of To As After Before During Since Until While When Where What Who Whom Whose \
         Why How Which If But And Or Nor So Yet Also Although Though Because Despite Given Meanwhile However Still Then \
         Now Today Tonight Yesterday Tomorrow Last Next Some Many Most Much More Both All Each Every Other Another Such \
         No Not Few Several One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty \
         Hundred Thousand Million Billion First Second Third Fourth Fifth Sixth Here There Asked According Among Under \
         Over Into Through Across Around Against Between Via Per Like Unlike Even Just Only Later Earlier Once Again \
         Instead Already Perhaps Maybe Please Yes Hello Dear Thanks Thank Sorry Oh Well Indeed Overall Separately \
         Nonetheless Nevertheless Furthermore Moreover Additionally Otherwise Similarly Finally Eventually Initially \
         Currently Recently Previously Meanwhile Elsewhere Afterward Afterwards Anyway Besides Either Neither Whether \
         Whatever Whoever Whichever Wherever Whenever Everyone Everybody Everything Someone Somebody Something \
         Anyone Anybody Anything Nobody Nothing None Any Cannot Can Could Should Would Will Shall May Might Must \
         Do Does Did Done Is Are Was Were Be Been Being Has Have Had Let Let’s Let's Don’t Don't Doesn’t Didn’t Isn’t \
         Aren’t Wasn’t Weren’t Won’t Can’t Couldn’t Shouldn’t Wouldn’t I’m I'm I’ve I'd I’d We’re We’ve You’re They’re \
         Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August \
         September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec \
         Former Late Acting Interim Incoming Outgoing Visiting Then Fellow Retired Veteran New Old Young Big Small \
         Photo Photos Image Images Video Caption Credit Source Read Watch Listen Click Subscribe Sign Advertisement \
         Updated Published Posted Copyright Reporting Editing Writing Contributing Analysis Opinion Commentary \
         Only Very Really About Above Below Up Down Out Off Near Far Inside Outside Within Toward Towards Upon Onto \
         Mr Mrs Ms Dr Sir St Saint Mr. Mrs. Ms. Dr. Prof. Prof Gov. Sen. Rep. Gen. Lt. Col. Capt. Sgt. Adm. Rev. \
         Sources Officials Critics Analysts Experts Prosecutors Police Authorities Residents Witnesses Lawmakers \
         Scientists Researchers Investigators Protesters Demonstrators Voters Workers Parents Students Doctors \
         Republicans Democrats Americans",
    )
});

/// Whether a capitalised word is a function word or common sentence opener, not part of a name.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word)
}

/// Nationality and group adjectives ("Russian", "American"): roles and descriptors, never names.
static DEMONYMS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "American Americans Russian Russians British Briton Britons Chinese French German Germans Italian Italians Spanish \
         Japanese Korean Koreans Indian Indians Pakistani Afghan Afghans Iranian Iranians Iraqi Iraqis Syrian Syrians \
         Israeli Israelis Palestinian Palestinians Egyptian Egyptians Turkish Turk Turks Greek Greeks Polish Pole Poles \
         Ukrainian Ukrainians Swedish Swede Swedes Norwegian Norwegians Danish Dane Danes Finnish Finn Finns Dutch \
         Belgian Belgians Swiss Austrian Austrians Portuguese Brazilian Brazilians Mexican Mexicans Canadian Canadians \
         Australian Australians Vietnamese Thai Indonesian Indonesians Filipino Filipinos Malaysian Singaporean \
         Nigerian Nigerians Kenyan Kenyans Ethiopian Ethiopians Saudi Saudis Emirati Qatari Lebanese Jordanian \
         Libyan Libyans Tunisian Tunisians Algerian Moroccan Sudanese Cuban Cubans Venezuelan Venezuelans Colombian \
         Argentine Argentinian Chilean Peruvian Irish Scottish Scot Scots Welsh English European Europeans Asian \
         Asians African Africans Arab Arabs Latin Latino Latinos Latina Hispanic Western Eastern Northern Southern \
         Soviet Czech Slovak Hungarian Romanian Bulgarian Serbian Serb Serbs Croatian Croat Bosnian Albanian \
         Belarusian Georgian Armenian Azerbaijani Kazakh Uzbek Mongolian Taiwanese Tibetan Uighur Uighurs Uyghur \
         Uyghurs Kurdish Kurd Kurds Yemeni Omani Bahraini Kuwaiti Haitian Jamaican Ecuadorean Ecuadorian Bolivian \
         Paraguayan Uruguayan Nepali Nepalese Bangladeshi Burmese Cambodian Laotian Latvian Lithuanian Estonian \
         Icelandic Maltese Cypriot Slovenian Scandinavian Nordic Baltic Persian Catalan Basque Bavarian Sicilian \
         Texan Californian Floridian Muslim Muslims Christian Christians Jewish Jew Jews Catholic Catholics \
         Protestant Islamist Islamists Sunni Sunnis Shiite Shiites Shia Hindu Hindus Buddhist Buddhists Copts \
         Coptic Jihadist Jihadists Salafist Salafists Nazi Nazis Communist Communists Socialist Socialists \
         Conservative Conservatives Liberal Liberals Progressive Progressives Democrat Republican Federal \
         International National Regional Local Global Foreign Royal Imperial Ottoman Roman Greek Celtic Slavic \
         Anglo Franco Sino Indo Afro Euro Pan Trans North South East West Central Upper Lower Greater Northwest Northeast Southwest Southeast Midwestern Northwestern Northeastern Southwestern Southeastern \
         Australian-born American-born British-born Russian-born Chinese-born Indian-born",
    )
});

pub fn is_demonym(word: &str) -> bool {
    DEMONYMS.contains(word) || (word.ends_with("-born") || word.ends_with("-based"))
}

/// Which pronoun a person takes, when the text lets us know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Common given names by gender: used to recognise where a name starts and which pronoun
/// refers back to it. International and far from exhaustive; unknown names stay neutral.
static GIVEN_NAMES: LazyLock<WordMap<&'static str, Gender>> = LazyLock::new(|| {
    const MALE: &str = "Aaron Abdul Abdullah Abe Adam Adrian Ahmad Ahmed Ajay Al Alan Albert Alberto Alec Alejandro Alex Alexander \
        Alexandre Alexei Alexey Alfred Ali Alistair Allen Alvin Amir Amit Anders Andre Andrea Andreas Andrei Andrew Andrey \
        Andy Angel Angelo Anthony Anton Antonio Archie Arjun Arnold Art Arthur Austin Avi Barack Barry Bart Ben Benjamin \
        Bernard Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brendan Brett Brian Bruce Bruno Bryan Byron Caleb \
        Calvin Cameron Carl Carlos Chad Charles Charlie Chris Christian Christopher Chuck Clarence Claude Clint Cody Colin Conor \
        Connor Cory Craig Curtis Dale Damian Dan Daniel Danny Darius Darren Dave David Dean Dennis Derek Devin \
        Diego Dimitri Dmitri Dmitry Dominic Don Donald Doug Douglas Duncan Dustin Dwight Dylan Ed Eddie Edgar Eduardo Edward \
        Edwin Elias Elijah Elliot Emmanuel Emanuel Emil Enrique Eric Erik Ernest Ethan Eugene Evan Fabio Farid Felipe Felix \
        Fernando Francesco Francis Francisco Frank Frankie Franklin Franz Fred Freddie Frederick Friedrich Gabriel Gareth Gary \
        Gavin Geoffrey George Georges Gerald Gerard Gerhard Giovanni Giuseppe Glenn Gordon Graham Grant Greg Gregory Guillaume \
        Gustavo Guy Hamid Hans Harold Harry Harvey Hassan Hector Helmut Henri Henry Herbert Hiroshi Howard Hugh Hugo \
        Hussein Ian Ibrahim Igor Isaac Ivan Jack Jacob Jake James Jamal Jamie Jan Jared Jason Javier Jay Jean Jeff Jeffrey \
        Jeremy Jerome Jerry Jesse Jesus Jim Jimmy Joachim Joe Joel Johan Johann John Johnny Jon Jonathan Jordan Jorge Jose \
        José Josef Joseph Josh Joshua Juan Julian Julio Justin Kamal Karim Karl Keith Kelvin Ken Kenji Kenneth Kevin Khalid \
        Kirk Klaus Kurt Kyle Lance Larry Laurent Lawrence Lee Leo Leon Leonard Leonardo Lev Liam Lloyd Logan Lorenzo \
        Louis Luc Luca Lucas Luis Luke Malcolm Manuel Marc Marco Marcus Mario Mark Marko Martin Marvin Mason Mathieu Matt \
        Matteo Matthew Maurice Max Maxim Maximilian Michael Michel Miguel Mikhail Mike Milan Miles Mitch Mitchell Mohamed \
        Mohammad Mohammed Muhammad Murray Nathan Neil Nicholas Nick Nicolas Nigel Nikita Nikolai Noah Norman Oleg Oliver \
        Omar Oscar Osama Otto Owen Pablo Paolo Pascal Patrick Paul Pedro Pete Peter Phil Philip Philippe Phillip Pierre \
        Pieter Rafael Rahul Raj Ralph Ramon Randy Raul Ray Raymond Reed Reggie Rex Ricardo Richard Rick Ricky Rob Robert \
        Roberto Robin Rod Rodney Roger Roland Roman Ron Ronald Ronny Ross Roy Ruben Rudy Rupert Russell Ryan Salman Sam \
        Samir Samuel Sanjay Scott Sean Sebastian Sergei Sergey Sergio Seth Shane Shaun Simon Stan Stanley Stefan Stephen \
        Steve Steven Stuart Sylvain Ted Terry Thierry Thomas Tim Timothy Tobias Todd Tom Tommy Tony Travis Trevor Troy \
        Tyler Valentin Victor Vikram Vince Vincent Vladimir Walter Warren Wayne Wesley Will William Willie Wolfgang Xavier \
        Yasser Yuri Yusuf Zach Zachary Jens Lars Nils Sven Ulf Magnus Mats Henrik Jesper Rasmus Mads Giorgio \
        Yevgeny Yevgeniy Vadim Vitaly Viktor Anatoly Leonid Arkady Pavel Alexandr Ramzan Recep Emre Mehmet Mustafa \
        Ahmet Kemal Tayyip Benjamin Binyamin Yitzhak Moshe Ariel Ehud Naftali Yair Mahmoud Bashar Hafez Ayman Abdel \
        Narendra Rajiv Vijay Amitabh Shinzo Fumio Yoshihide Junichiro Taro \
        Emmanuel Olaf Justin Jair Lula Andres Andrés Nicolás Evo Rishi Keir Olof Ingvar Bjorn Björn \
        Gustav Akira Takeshi Hiroshi Kazuo Haruki Shigeru Hideki Kenzo";
    const FEMALE: &str = "Abby Abigail Ada Adele Adriana Agnes Aisha Alexandra Alexis Alice Alicia Alison Allison Alyssa Amanda \
        Amber Amelia Amy Ana Anastasia Andrea Angela Angelina Anita Ann Anna Anne Annette Annie Antonia Ariana Ashley Audrey \
        Ava Barbara Beatrice Beatriz Becky Belinda Bella Bernadette Beth Bethany Betty Beverly Bianca Bonnie Brenda Bridget \
        Brittany Brooke Caitlin Camila Candace Cara Carla Carmen Carol Caroline Carolyn Carrie Cassandra Catherine Cathy \
        Cecilia Celia Charlotte Chelsea Cheryl Chloe Christina Christine Cindy Claire Clara Claudia Colleen \
        Connie Courtney Cristina Crystal Cynthia Daisy Dana Danielle Daphne Darlene Dawn Debbie Deborah Debra Denise Diana \
        Diane Dolores Donna Doris Dorothy Edith Elaine Eleanor Elena Elisabeth Elise Eliza Elizabeth Ella Ellen Elsa Emily \
        Emma Erica Erika Esther Eva Evelyn Fatima Faith Felicity Fiona Florence Frances Francesca Gabriela Gabrielle Gail \
        Gemma Georgia Geraldine Gertrude Gina Giulia Gloria Grace Gretchen Gwen Hannah Harriet Hazel Heather Heidi Helen \
        Helena Hilary Hillary Holly Ida Ingrid Irene Iris Isabel Isabella Isabelle Ivanka Jackie Jacqueline Jade Jane \
        Janet Janice Jasmine Jean Jeanne Jennifer Jenny Jessica Jill Jo Joan Joanna Joanne Jocelyn Josephine Joy Joyce Judith \
        Judy Julia Julie Juliet June Justine Kamala Kara Karen Karin Kate Katherine Kathleen Kathryn Kathy Katie Katrina Kay \
        Kayla Kelly Kerry Kim Kimberly Kirsten Kristen Kristin Kristine Laura Lauren Laurie Leah Leila Lena Leslie \
        Lilian Lillian Lily Linda Lindsay Lindsey Lisa Liz Lois Loretta Lori Lorraine Louise Lucia Lucy Lydia \
        Lynn Madeleine Madison Maggie Mandy Marcia Margaret Margarethe Margo Maria Marie Marina Marion Marjorie Marlene Martha \
        Mary Maureen Maxine Maya Meg Megan Meghan Melania Melanie Melinda Melissa Meredith Mia Michelle Mildred Miranda Molly \
        Monica Monique Nadia Nancy Naomi Natalie Natalia Natasha Nicola Nicole Nikki Nina Nora Olga Olivia Paige \
        Pamela Patricia Patty Paula Pauline Pearl Peggy Penelope Penny Phyllis Priscilla Priya Rachel Rebecca Regina Renee \
        Rhonda Rita Roberta Robin Rosa Rosalind Rose Rosemary Roxanne Ruth Sabrina Sally Samantha Sandra Sara Sarah Sasha \
        Serena Shannon Sharon Sheila Shelley Sherry Shirley Simone Sofia Sonia Sophia Sophie Stacey Stephanie Susan \
        Suzanne Svetlana Sylvia Tamara Tammy Tanya Tara Taylor Teresa Theresa Tiffany Tina Tonya Tracey Tracy \
        Ursula Valerie Vanessa Vera Veronica Victoria Viola Violet Virginia Vivian Wendy Whitney Yolanda Yulia Yvonne Zoe \
        Ayesha Benazir Indira Sonia Golda Tzipi Ursula Theresa Nicola Jacinda Giorgia Marine Segolene Ségolène Annalena \
        Kaja Sanna Mette Akiko Yoko Mei Marie-Claire Anne-Marie Carolina Catarina";
    let mut m = FxHashMap::default();
    for n in MALE.split_whitespace() {
        m.insert(n, Gender::Male);
    }
    for n in FEMALE.split_whitespace() {
        // A name used for both stays neutral.
        if m.get(n) == Some(&Gender::Male) {
            m.remove(n);
            continue;
        }
        m.insert(n, Gender::Female);
    }
    // Names common for both.
    for n in [
        "Jean", "Robin", "Kim", "Andrea", "Taylor", "Jordan", "Lee", "Jan", "Sasha", "Erin",
    ] {
        m.remove(n);
    }
    m.into()
});

/// The gender a given name suggests, if it is a common name.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    GIVEN_NAMES.get(name).copied()
}

/// Whether a word is a known given name (either gender, or both).
pub fn is_given_name(name: &str) -> bool {
    GIVEN_NAMES.contains_key(name)
        || matches!(
            name,
            "Jean" | "Robin" | "Kim" | "Andrea" | "Taylor" | "Jordan" | "Lee" | "Jan" | "Sasha" | "Erin"
        )
}

/// Name suffixes that stay part of a name ("Mike Roe III", "John Doe Jr.").
pub fn is_name_suffix(word: &str) -> bool {
    matches!(word, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV" | "V")
}

/// All-caps words that are not organisations even though they look like acronyms.
static NOT_ACRONYMS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    set(
        "CEO CFO COO CTO TV PM AM GMT EST EDT PST PDT CST CDT ET PT BST CET UTC HKT JST IST ID OK VIP DNA RNA AI GDP \
         LNG LPG MP MPs SG AG TD US UK EU DC NY LA SF III II IV VI VII VIII IX XI XII USA U.S. U.K. U.S.A. PhD MBA RV SUV \
         USB IT PR HR QB RB WR TE MVP NBA's COVID HIV AIDS SARS NFT CO2 UN's FAQ TK OMG LOL BC AD BCE CE NO YES A I \
         ASAP RSVP DIY FYI PS PPS IOU IQ IRA IPO ETF CD DVD CPU GPU PC PDF URL HTML API GPS SMS MMS ATM AC DC HQ \
         VAT CPI PPI PMI GNP FDI EV EVS BBQ IVF ICU ER OB GP RN MD DDS JD MA BA BS MS OBE MBE CBE KBE AP's \
         ABC's DJ MC VJ RIP PSA NGO NGOs UAV UAVs ICBM WMD KIA MIA POW POWs AWOL GI GIs CIA's FBI's",
    )
});

pub fn is_non_org_acronym(word: &str) -> bool {
    NOT_ACRONYMS.contains(word)
}

/// Nouns that introduce a ship's name: "the tanker Corvina Star", "aboard the ferry Isla".
pub fn is_vessel_noun(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    [
        "tanker",
        "ship",
        "vessel",
        "freighter",
        "ferry",
        "yacht",
        "trawler",
        "tug",
        "tugboat",
        "liner",
        "barge",
        "containership",
        "frigate",
        "destroyer",
        "submarine",
        "cutter",
        "schooner",
        "steamer",
        "icebreaker",
    ]
    .iter()
    .any(|v| w.eq_ignore_ascii_case(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert!(is_abbreviation("Sen."));
        assert!(is_abbreviation("Sept"));
        assert!(!is_abbreviation("Senate"));
        assert!(is_title("Secretary"));
        assert!(is_title("sen."));
        assert!(is_speech_verb("said"));
        assert!(is_demonym("Russian"));
        assert_eq!(given_name_gender("Elizabeth"), Some(Gender::Female));
        assert_eq!(given_name_gender("Samuel"), Some(Gender::Male));
        assert_eq!(given_name_gender("Robin"), None);
        assert_eq!(honorific_gender("Ms"), Some(Gender::Female));
    }
}
