//! The cast of the archive: people, places, organisations, photographers, reporters and tags.
//!
//! Pools are built once from fixed word lists and a fixed seed. Their sizes are chosen to
//! matter for index pages (about 3,000 people, 300 places, 400 organisations, 150
//! photographers, 60 tags), and every draw from them is Zipf-skewed, so a few names turn up
//! in hundreds of articles while most appear once or twice — as in a real archive.

use std::collections::BTreeSet;

use super::rng::{Rng, Zipf};

/// A news beat, as a bit; roles and organisations belong to one or more beats.
pub type Beats = u16;
pub const ECONOMY: Beats = 1;
pub const ENERGY: Beats = 1 << 1;
pub const POLITICS: Beats = 1 << 2;
pub const DIPLOMACY: Beats = 1 << 3;
pub const HEALTH: Beats = 1 << 4;
pub const TECH: Beats = 1 << 5;
pub const JUSTICE: Beats = 1 << 6;
pub const CLIMATE: Beats = 1 << 7;
pub const LABOUR: Beats = 1 << 8;
pub const TRADE: Beats = 1 << 9;
pub const ALL: Beats = (1 << 10) - 1;

/// Whose mouth a sentence fits, as a bit. Templates name voices by letter: `G`overnment,
/// party `L`eader or lawmaker, `M`ayor, `J`ustice official (judge, prosecutor, police),
/// `I`nternational official, `B`usiness, `U`nion, `E`xpert, `H`ealth worker, `D`efence
/// lawyer, `P`rivate person; `O` stands for any official (`GLMJI`).
pub type Voices = u16;
pub const GOVERNMENT: Voices = 1;
pub const PARTY: Voices = 1 << 1;
pub const MAYOR: Voices = 1 << 2;
pub const LAW: Voices = 1 << 3;
pub const INTERNATIONAL: Voices = 1 << 4;
pub const OFFICIAL: Voices = GOVERNMENT | PARTY | MAYOR | LAW | INTERNATIONAL;
pub const BUSINESS: Voices = 1 << 5;
pub const UNION: Voices = 1 << 6;
pub const EXPERT: Voices = 1 << 7;
pub const HEALTH_WORKER: Voices = 1 << 8;
pub const DEFENCE: Voices = 1 << 9;
pub const PRIVATE: Voices = 1 << 10;

/// `"OE"` → `OFFICIAL | EXPERT`.
pub fn voices(letters: &str) -> Voices {
    letters
        .chars()
        .map(|c| match c {
            'G' => GOVERNMENT,
            'L' => PARTY,
            'M' => MAYOR,
            'J' => LAW,
            'I' => INTERNATIONAL,
            'O' => OFFICIAL,
            'B' => BUSINESS,
            'U' => UNION,
            'E' => EXPERT,
            'H' => HEALTH_WORKER,
            'D' => DEFENCE,
            'P' => PRIVATE,
            other => panic!("unknown voice letter {other:?}"),
        })
        .fold(0, |a, b| a | b)
}

const PEOPLE: usize = 3000;
const PHOTOGRAPHERS: usize = 150;
const REPORTERS: usize = 200;

const FIRST_NAMES: &[&str] = &[
    "James", "Maria", "Anna", "Mohammed", "Wei", "Olena", "Carlos", "Fatima", "Hiroshi", "Priya", "Thomas", "Sofia",
    "Ahmed", "Elena", "David", "Amara", "Lucas", "Yuki", "Sarah", "Ibrahim", "Ana", "Pierre", "Ingrid", "Raj", "Leila",
    "Marco", "Chen", "Aisha", "Daniel", "Kateryna", "Juan", "Nadia", "Stefan", "Mei", "Oliver", "Zainab", "Miguel",
    "Hannah", "Sergei", "Amina", "Peter", "Lucia", "Kwame", "Emma", "Tomasz", "Rania", "Andrew", "Chloe", "Mehmet",
    "Grace", "Viktor", "Isabel", "Kenji", "Laura", "Omar", "Julia", "Samuel", "Ayesha", "Michael", "Claire", "Diego",
    "Nina", "Patrick", "Sunita", "Henrik", "Rosa", "Joseph", "Mariam", "Felix", "Esther", "Arjun", "Camille", "Hassan",
    "Irina", "Paulo", "Helen", "Tariq", "Beatriz", "Jonas", "Ngozi", "José", "Søren", "Łukasz", "Zoë",
];

const LAST_NAMES: &[&str] = &[
    "Smith",
    "Kowalski",
    "Silva",
    "Nguyen",
    "Müller",
    "Okafor",
    "Tanaka",
    "Haddad",
    "Petrov",
    "Garcia",
    "Johansson",
    "Rossi",
    "Khan",
    "Dubois",
    "Cohen",
    "Mensah",
    "Novak",
    "Fernandes",
    "Kim",
    "Park",
    "Ali",
    "Schmidt",
    "Andersen",
    "O'Brien",
    "Martinez",
    "Lopez",
    "Wang",
    "Sato",
    "Yilmaz",
    "Kaya",
    "Mwangi",
    "Adeyemi",
    "Bianchi",
    "Moreau",
    "Lindqvist",
    "Horvath",
    "Popescu",
    "Papadopoulos",
    "Costa",
    "Reyes",
    "Gupta",
    "Sharma",
    "Patel",
    "Chowdhury",
    "Rahman",
    "Torres",
    "Vargas",
    "Walker",
    "Bennett",
    "Hughes",
    "Murphy",
    "Fischer",
    "Weber",
    "Nowak",
    "Kovac",
    "Jensen",
    "Eriksen",
    "Baker",
    "Morgan",
    "Clarke",
    "Okonkwo",
    "Ansari",
    "Farouk",
    "Benali",
    "Takahashi",
    "Suzuki",
    "Zhang",
    "Liu",
    "Ramos",
    "Castillo",
    "van Dijk",
    "De Souza",
    "Al-Masri",
    "Çelik",
    "Nuñez",
    "Sokolova",
    "Hoffmann",
    "Mbeki",
    "Lindgren",
    "Duarte",
];

/// Photographers and reporters come from their own lists, so bylines and credits rarely
/// collide with the people in the news.
const CREW_FIRST: &[&str] = &[
    "Alex", "Jordan", "Evan", "Marta", "Ilya", "Noor", "Tim", "Jae", "Kirsten", "Rafael", "Dita", "Bram", "Lena",
    "Hugo", "Ines", "Kofi", "Mila", "Yusuf", "Petra", "Ruben", "Selin", "Anders", "Bianca", "Dmitri", "Eun", "Farah",
    "Gustavo", "Hana", "Ivan", "Julien", "Karin", "Luis", "Mads", "Nikos", "Orla", "Pablo", "Quentin", "Rhea",
];

const CREW_LAST: &[&str] = &[
    "Brenner",
    "Calloway",
    "Dunmore",
    "Ellison",
    "Fairbanks",
    "Galvez",
    "Hartmann",
    "Iwata",
    "Jovanovic",
    "Kessler",
    "Lazar",
    "Marchetti",
    "Nakamura",
    "Oyelaran",
    "Pruitt",
    "Quintero",
    "Radulescu",
    "Sandoval",
    "Thorsen",
    "Ueda",
    "Valdez",
    "Whitlock",
    "Yarrow",
    "Zielinski",
    "Abbas",
    "Becker",
    "Cardenas",
    "Drozdov",
    "Esposito",
    "Fonseca",
];

/// (name, adjective, needs "the" in running text).
const COUNTRIES: &[(&str, &str, bool)] = &[
    ("Afghanistan", "Afghan", false),
    ("Albania", "Albanian", false),
    ("Algeria", "Algerian", false),
    ("Argentina", "Argentine", false),
    ("Armenia", "Armenian", false),
    ("Australia", "Australian", false),
    ("Austria", "Austrian", false),
    ("Azerbaijan", "Azerbaijani", false),
    ("Bangladesh", "Bangladeshi", false),
    ("Belarus", "Belarusian", false),
    ("Belgium", "Belgian", false),
    ("Bolivia", "Bolivian", false),
    ("Bosnia and Herzegovina", "Bosnian", false),
    ("Brazil", "Brazilian", false),
    ("Bulgaria", "Bulgarian", false),
    ("Cambodia", "Cambodian", false),
    ("Cameroon", "Cameroonian", false),
    ("Canada", "Canadian", false),
    ("Chile", "Chilean", false),
    ("China", "Chinese", false),
    ("Colombia", "Colombian", false),
    ("Costa Rica", "Costa Rican", false),
    ("Croatia", "Croatian", false),
    ("Cuba", "Cuban", false),
    ("Cyprus", "Cypriot", false),
    ("Czech Republic", "Czech", true),
    ("Denmark", "Danish", false),
    ("Ecuador", "Ecuadorian", false),
    ("Egypt", "Egyptian", false),
    ("Estonia", "Estonian", false),
    ("Ethiopia", "Ethiopian", false),
    ("Finland", "Finnish", false),
    ("France", "French", false),
    ("Georgia", "Georgian", false),
    ("Germany", "German", false),
    ("Ghana", "Ghanaian", false),
    ("Greece", "Greek", false),
    ("Guatemala", "Guatemalan", false),
    ("Hungary", "Hungarian", false),
    ("Iceland", "Icelandic", false),
    ("India", "Indian", false),
    ("Indonesia", "Indonesian", false),
    ("Iran", "Iranian", false),
    ("Iraq", "Iraqi", false),
    ("Ireland", "Irish", false),
    ("Israel", "Israeli", false),
    ("Italy", "Italian", false),
    ("Ivory Coast", "Ivorian", false),
    ("Japan", "Japanese", false),
    ("Jordan", "Jordanian", false),
    ("Kazakhstan", "Kazakh", false),
    ("Kenya", "Kenyan", false),
    ("Kuwait", "Kuwaiti", false),
    ("Latvia", "Latvian", false),
    ("Lebanon", "Lebanese", false),
    ("Lithuania", "Lithuanian", false),
    ("Luxembourg", "Luxembourg", false),
    ("Malaysia", "Malaysian", false),
    ("Mexico", "Mexican", false),
    ("Moldova", "Moldovan", false),
    ("Mongolia", "Mongolian", false),
    ("Morocco", "Moroccan", false),
    ("Mozambique", "Mozambican", false),
    ("Nepal", "Nepali", false),
    ("Netherlands", "Dutch", true),
    ("New Zealand", "New Zealand", false),
    ("Nigeria", "Nigerian", false),
    ("North Macedonia", "North Macedonian", false),
    ("Norway", "Norwegian", false),
    ("Pakistan", "Pakistani", false),
    ("Panama", "Panamanian", false),
    ("Peru", "Peruvian", false),
    ("Philippines", "Philippine", true),
    ("Poland", "Polish", false),
    ("Portugal", "Portuguese", false),
    ("Qatar", "Qatari", false),
    ("Romania", "Romanian", false),
    ("Russia", "Russian", false),
    ("Rwanda", "Rwandan", false),
    ("Saudi Arabia", "Saudi", false),
    ("Senegal", "Senegalese", false),
    ("Serbia", "Serbian", false),
    ("Singapore", "Singaporean", false),
    ("Slovakia", "Slovak", false),
    ("Slovenia", "Slovenian", false),
    ("South Africa", "South African", false),
    ("South Korea", "South Korean", false),
    ("Spain", "Spanish", false),
    ("Sri Lanka", "Sri Lankan", false),
    ("Sweden", "Swedish", false),
    ("Switzerland", "Swiss", false),
    ("Taiwan", "Taiwanese", false),
    ("Tanzania", "Tanzanian", false),
    ("Thailand", "Thai", false),
    ("Tunisia", "Tunisian", false),
    ("Turkey", "Turkish", false),
    ("Uganda", "Ugandan", false),
    ("Ukraine", "Ukrainian", false),
    ("United Arab Emirates", "Emirati", true),
    ("United Kingdom", "British", true),
    ("United States", "U.S.", true),
    ("Uruguay", "Uruguayan", false),
    ("Uzbekistan", "Uzbek", false),
    ("Venezuela", "Venezuelan", false),
    ("Vietnam", "Vietnamese", false),
    ("Zambia", "Zambian", false),
    ("Zimbabwe", "Zimbabwean", false),
];

/// (city, country, AP state abbreviation or "", stands alone in an AP dateline).
const CITIES: &[(&str, &str, &str, bool)] = &[
    ("Washington", "United States", "", true),
    ("New York", "United States", "", true),
    ("Los Angeles", "United States", "", true),
    ("Chicago", "United States", "", true),
    ("Houston", "United States", "", true),
    ("Phoenix", "United States", "", true),
    ("Philadelphia", "United States", "", true),
    ("San Antonio", "United States", "", true),
    ("San Diego", "United States", "", true),
    ("Dallas", "United States", "", true),
    ("San Francisco", "United States", "", true),
    ("Seattle", "United States", "", true),
    ("Denver", "United States", "", true),
    ("Boston", "United States", "", true),
    ("Detroit", "United States", "", true),
    ("Atlanta", "United States", "", true),
    ("Miami", "United States", "", true),
    ("Minneapolis", "United States", "", true),
    ("New Orleans", "United States", "", true),
    ("Pittsburgh", "United States", "", true),
    ("Baltimore", "United States", "", true),
    ("St. Louis", "United States", "", true),
    ("Las Vegas", "United States", "", true),
    ("Salt Lake City", "United States", "", true),
    ("Honolulu", "United States", "", true),
    ("Cleveland", "United States", "", true),
    ("Indianapolis", "United States", "", true),
    ("Milwaukee", "United States", "", true),
    ("Oklahoma City", "United States", "", true),
    ("Cincinnati", "United States", "", true),
    ("Columbia", "United States", "S.C.", false),
    ("Sacramento", "United States", "Calif.", false),
    ("Austin", "United States", "Texas", false),
    ("Nashville", "United States", "Tenn.", false),
    ("Portland", "United States", "Ore.", false),
    ("Albany", "United States", "N.Y.", false),
    ("Tallahassee", "United States", "Fla.", false),
    ("Raleigh", "United States", "N.C.", false),
    ("Des Moines", "United States", "Iowa", false),
    ("Madison", "United States", "Wis.", false),
    ("Richmond", "United States", "Va.", false),
    ("Lansing", "United States", "Mich.", false),
    ("Harrisburg", "United States", "Pa.", false),
    ("Boise", "United States", "Idaho", false),
    ("Santa Fe", "United States", "N.M.", false),
    ("Anchorage", "United States", "Alaska", false),
    ("Charleston", "United States", "W.Va.", false),
    ("Louisville", "United States", "Ky.", false),
    ("Omaha", "United States", "Neb.", false),
    ("Tucson", "United States", "Ariz.", false),
    ("London", "United Kingdom", "", true),
    ("Manchester", "United Kingdom", "", false),
    ("Edinburgh", "United Kingdom", "", false),
    ("Birmingham", "United Kingdom", "", false),
    ("Paris", "France", "", true),
    ("Marseille", "France", "", false),
    ("Lyon", "France", "", false),
    ("Berlin", "Germany", "", true),
    ("Munich", "Germany", "", true),
    ("Frankfurt", "Germany", "", false),
    ("Hamburg", "Germany", "", false),
    ("Moscow", "Russia", "", true),
    ("St. Petersburg", "Russia", "", false),
    ("Kyiv", "Ukraine", "", false),
    ("Kharkiv", "Ukraine", "", false),
    ("Odesa", "Ukraine", "", false),
    ("Beijing", "China", "", true),
    ("Shanghai", "China", "", true),
    ("Shenzhen", "China", "", false),
    ("Guangzhou", "China", "", false),
    ("Hong Kong", "China", "", true),
    ("Tokyo", "Japan", "", true),
    ("Osaka", "Japan", "", false),
    ("Seoul", "South Korea", "", false),
    ("Busan", "South Korea", "", false),
    ("Taipei", "Taiwan", "", false),
    ("New Delhi", "India", "", true),
    ("Mumbai", "India", "", false),
    ("Bengaluru", "India", "", false),
    ("Chennai", "India", "", false),
    ("Islamabad", "Pakistan", "", true),
    ("Karachi", "Pakistan", "", false),
    ("Lahore", "Pakistan", "", false),
    ("Kabul", "Afghanistan", "", true),
    ("Dhaka", "Bangladesh", "", false),
    ("Kathmandu", "Nepal", "", false),
    ("Colombo", "Sri Lanka", "", false),
    ("Bangkok", "Thailand", "", true),
    ("Hanoi", "Vietnam", "", false),
    ("Ho Chi Minh City", "Vietnam", "", false),
    ("Phnom Penh", "Cambodia", "", false),
    ("Kuala Lumpur", "Malaysia", "", false),
    ("Singapore", "Singapore", "", true),
    ("Jakarta", "Indonesia", "", false),
    ("Manila", "Philippines", "", true),
    ("Ulaanbaatar", "Mongolia", "", false),
    ("Astana", "Kazakhstan", "", false),
    ("Tashkent", "Uzbekistan", "", false),
    ("Sydney", "Australia", "", true),
    ("Melbourne", "Australia", "", false),
    ("Canberra", "Australia", "", false),
    ("Wellington", "New Zealand", "", false),
    ("Auckland", "New Zealand", "", false),
    ("Ottawa", "Canada", "", false),
    ("Toronto", "Canada", "", true),
    ("Montreal", "Canada", "", true),
    ("Vancouver", "Canada", "", false),
    ("Mexico City", "Mexico", "", true),
    ("Monterrey", "Mexico", "", false),
    ("Guadalajara", "Mexico", "", false),
    ("Guatemala City", "Guatemala", "", true),
    ("San Jose", "Costa Rica", "", false),
    ("Panama City", "Panama", "", true),
    ("Havana", "Cuba", "", true),
    ("Bogota", "Colombia", "", false),
    ("Medellin", "Colombia", "", false),
    ("Caracas", "Venezuela", "", false),
    ("Quito", "Ecuador", "", false),
    ("Lima", "Peru", "", false),
    ("La Paz", "Bolivia", "", false),
    ("Santiago", "Chile", "", false),
    ("Buenos Aires", "Argentina", "", false),
    ("Montevideo", "Uruguay", "", false),
    ("Brasilia", "Brazil", "", false),
    ("Sao Paulo", "Brazil", "", true),
    ("Rio de Janeiro", "Brazil", "", true),
    ("Madrid", "Spain", "", false),
    ("Barcelona", "Spain", "", false),
    ("Valencia", "Spain", "", false),
    ("Lisbon", "Portugal", "", false),
    ("Porto", "Portugal", "", false),
    ("Rome", "Italy", "", true),
    ("Milan", "Italy", "", true),
    ("Naples", "Italy", "", false),
    ("Athens", "Greece", "", false),
    ("Thessaloniki", "Greece", "", false),
    ("Nicosia", "Cyprus", "", false),
    ("Vienna", "Austria", "", true),
    ("Geneva", "Switzerland", "", true),
    ("Zurich", "Switzerland", "", true),
    ("Bern", "Switzerland", "", false),
    ("Brussels", "Belgium", "", true),
    ("Antwerp", "Belgium", "", false),
    ("Amsterdam", "Netherlands", "", true),
    ("Rotterdam", "Netherlands", "", false),
    ("The Hague", "Netherlands", "", false),
    ("Luxembourg", "Luxembourg", "", true),
    ("Dublin", "Ireland", "", true),
    ("Copenhagen", "Denmark", "", false),
    ("Oslo", "Norway", "", false),
    ("Stockholm", "Sweden", "", true),
    ("Gothenburg", "Sweden", "", false),
    ("Helsinki", "Finland", "", true),
    ("Reykjavik", "Iceland", "", false),
    ("Tallinn", "Estonia", "", false),
    ("Riga", "Latvia", "", false),
    ("Vilnius", "Lithuania", "", false),
    ("Warsaw", "Poland", "", false),
    ("Krakow", "Poland", "", false),
    ("Gdansk", "Poland", "", false),
    ("Prague", "Czech Republic", "", true),
    ("Bratislava", "Slovakia", "", false),
    ("Budapest", "Hungary", "", false),
    ("Ljubljana", "Slovenia", "", false),
    ("Zagreb", "Croatia", "", false),
    ("Sarajevo", "Bosnia and Herzegovina", "", false),
    ("Belgrade", "Serbia", "", false),
    ("Skopje", "North Macedonia", "", false),
    ("Tirana", "Albania", "", false),
    ("Sofia", "Bulgaria", "", false),
    ("Bucharest", "Romania", "", false),
    ("Chisinau", "Moldova", "", false),
    ("Minsk", "Belarus", "", false),
    ("Tbilisi", "Georgia", "", false),
    ("Yerevan", "Armenia", "", false),
    ("Baku", "Azerbaijan", "", false),
    ("Istanbul", "Turkey", "", true),
    ("Ankara", "Turkey", "", false),
    ("Jerusalem", "Israel", "", true),
    ("Tel Aviv", "Israel", "", false),
    ("Beirut", "Lebanon", "", true),
    ("Amman", "Jordan", "", false),
    ("Baghdad", "Iraq", "", true),
    ("Tehran", "Iran", "", false),
    ("Kuwait City", "Kuwait", "", true),
    ("Riyadh", "Saudi Arabia", "", false),
    ("Jeddah", "Saudi Arabia", "", false),
    ("Doha", "Qatar", "", false),
    ("Dubai", "United Arab Emirates", "", false),
    ("Abu Dhabi", "United Arab Emirates", "", false),
    ("Cairo", "Egypt", "", true),
    ("Alexandria", "Egypt", "", false),
    ("Tunis", "Tunisia", "", false),
    ("Algiers", "Algeria", "", false),
    ("Rabat", "Morocco", "", false),
    ("Casablanca", "Morocco", "", false),
    ("Dakar", "Senegal", "", false),
    ("Abidjan", "Ivory Coast", "", false),
    ("Accra", "Ghana", "", false),
    ("Lagos", "Nigeria", "", false),
    ("Abuja", "Nigeria", "", false),
    ("Yaounde", "Cameroon", "", false),
    ("Addis Ababa", "Ethiopia", "", false),
    ("Nairobi", "Kenya", "", false),
    ("Kampala", "Uganda", "", false),
    ("Kigali", "Rwanda", "", false),
    ("Dar es Salaam", "Tanzania", "", false),
    ("Lusaka", "Zambia", "", false),
    ("Harare", "Zimbabwe", "", false),
    ("Maputo", "Mozambique", "", false),
    ("Johannesburg", "South Africa", "", true),
    ("Cape Town", "South Africa", "", false),
];

/// International bodies: (name, needs "the", beats).
const INTERNATIONAL_BODIES: &[(&str, bool, Beats)] = &[
    ("United Nations", true, DIPLOMACY | HEALTH | CLIMATE),
    ("World Health Organization", true, HEALTH),
    ("International Monetary Fund", true, ECONOMY | TRADE),
    ("World Bank", true, ECONOMY | CLIMATE),
    ("European Union", true, DIPLOMACY | TRADE | TECH | ECONOMY),
    ("NATO", false, DIPLOMACY),
    ("World Trade Organization", true, TRADE),
    ("OPEC", false, ENERGY),
    ("European Central Bank", true, ECONOMY),
    (
        "International Committee of the Red Cross",
        true,
        HEALTH | DIPLOMACY | CLIMATE,
    ),
    ("African Union", true, DIPLOMACY),
    ("Association of Southeast Asian Nations", true, DIPLOMACY | TRADE),
    ("International Energy Agency", true, ENERGY | CLIMATE),
    ("UNICEF", false, HEALTH),
    ("Amnesty International", false, JUSTICE | POLITICS),
];

const MINISTRIES: &[(&str, Beats)] = &[
    ("Finance", ECONOMY | TRADE),
    ("Health", HEALTH),
    ("Defence", DIPLOMACY),
    ("Energy", ENERGY | CLIMATE),
    ("Foreign Affairs", DIPLOMACY | TRADE),
    ("Interior", JUSTICE | POLITICS),
    ("Justice", JUSTICE),
    ("Education", POLITICS | LABOUR),
    ("Transport", LABOUR | CLIMATE),
    ("Agriculture", TRADE | CLIMATE),
    ("Labour", LABOUR),
    ("Trade", TRADE | ECONOMY),
    ("Environment", CLIMATE | ENERGY),
    ("Digital Affairs", TECH),
    ("Economy", ECONOMY | TECH | TRADE),
];

const STEMS: &[&str] = &[
    "Northgate",
    "Meridian",
    "Harbourline",
    "Crestwood",
    "Bluewater",
    "Silverline",
    "Eastbridge",
    "Redwood",
    "Ironbridge",
    "Summit",
    "Pinnacle",
    "Atlas",
    "Horizon",
    "Keystone",
    "Lakeshore",
    "Oakridge",
    "Riverton",
    "Stonebridge",
    "Clearwater",
    "Highland",
    "Greenfield",
    "Brightwater",
    "Fairhaven",
    "Granite",
    "Aurora",
    "Beacon",
    "Cobalt",
    "Evergreen",
    "Falcon",
    "Helix",
    "Juniper",
    "Kestrel",
    "Larkspur",
    "Mariner",
    "Nordvik",
    "Orion",
    "Polaris",
    "Sterling",
    "Trident",
    "Vantage",
    "Windward",
    "Zenith",
    "Alder",
    "Birchwood",
    "Cedarline",
    "Dunmore",
    "Everton",
    "Foxhill",
    "Glenmoor",
    "Hawthorne",
];

/// Company name endings and the beats such a company is news on.
const COMPANY_KINDS: &[(&str, Beats)] = &[
    ("Energy", ENERGY | CLIMATE),
    ("Power", ENERGY | CLIMATE),
    ("Petroleum", ENERGY | TRADE),
    ("Motors", TRADE | LABOUR),
    ("Steel", TRADE | LABOUR),
    ("Airlines", LABOUR | CLIMATE),
    ("Logistics", TRADE | LABOUR),
    ("Telecom", TECH),
    ("Systems", TECH),
    ("Semiconductor", TECH | TRADE),
    ("Pharmaceuticals", HEALTH),
    ("Foods", TRADE | CLIMATE),
    ("Insurance", ECONOMY | CLIMATE),
    ("Holdings", ECONOMY | TRADE),
    ("Mining", ENERGY | TRADE),
];

const PARTY_ADJ: &[&str] = &[
    "Progressive",
    "National",
    "Democratic",
    "Liberal",
    "Social",
    "Green",
    "People's",
    "Civic",
    "United",
    "Reform",
];
const PARTY_NOUN: &[&str] = &[
    "Alliance", "Union", "Movement", "Renewal", "Front", "Labour", "Unity", "Future",
];

const UNION_SECTORS: &[&str] = &[
    "Rail",
    "Dock",
    "Postal",
    "Steel",
    "Transport",
    "Health",
    "Public Service",
    "Mine",
    "Auto",
    "Airline",
    "Energy",
    "Textile",
    "Farm",
    "Construction",
    "Food",
];

const INSTITUTE_FIELDS: &[(&str, Beats)] = &[
    ("Economic Research", ECONOMY | TRADE),
    ("Public Policy", POLITICS | HEALTH | TECH),
    ("Energy Studies", ENERGY | CLIMATE),
    ("Security Studies", DIPLOMACY | JUSTICE),
    ("Labour Studies", LABOUR),
];

/// University titles: (appositive, short form before a name, beats).
const ACADEMIC_TITLES: &[(&str, &str, Beats)] = &[
    ("a professor of economics", "economist", ECONOMY | TRADE),
    (
        "a professor of political science",
        "political scientist",
        POLITICS | DIPLOMACY,
    ),
    ("a law professor", "law professor", JUSTICE),
    ("a professor of public health", "public health expert", HEALTH),
    ("a climate scientist", "climate scientist", CLIMATE | ENERGY),
    ("a professor of computer science", "computer scientist", TECH),
    ("a labour economist", "labour economist", LABOUR),
];

/// Government offices: (title, beats, weight).
const OFFICES: &[(&str, Beats, usize)] = &[
    ("President", POLITICS | DIPLOMACY, 1),
    ("Prime Minister", POLITICS | DIPLOMACY | ECONOMY, 2),
    ("Finance Minister", ECONOMY | TRADE, 4),
    ("Foreign Minister", DIPLOMACY, 4),
    ("Health Minister", HEALTH, 4),
    ("Energy Minister", ENERGY | CLIMATE, 4),
    ("Trade Minister", TRADE | ECONOMY, 4),
    ("Interior Minister", JUSTICE | POLITICS, 3),
    ("Defence Minister", DIPLOMACY, 3),
    ("Labour Minister", LABOUR, 3),
    ("Transport Minister", LABOUR | CLIMATE, 3),
    ("Environment Minister", CLIMATE | ENERGY, 3),
    ("Justice Minister", JUSTICE, 3),
    ("Digital Minister", TECH, 2),
    ("Economy Minister", ECONOMY | TRADE | TECH, 3),
    ("Agriculture Minister", TRADE | CLIMATE, 2),
    ("government spokesperson", POLITICS | ECONOMY | HEALTH, 2),
];

/// Justice roles: (before a name, appositive, voice).
const LEGAL_ROLES: &[(&str, &str, Voices)] = &[
    ("Judge", "a judge at the district court in", LAW),
    ("prosecutor", "a prosecutor in", LAW),
    ("defence lawyer", "a defence lawyer based in", DEFENCE),
    ("police spokesperson", "a police spokesperson in", LAW),
    ("Chief Prosecutor", "the chief prosecutor in", LAW),
];

const OCCUPATIONS: &[&str] = &[
    "teacher",
    "nurse",
    "farmer",
    "shop owner",
    "taxi driver",
    "student",
    "retired engineer",
    "bus driver",
    "restaurant owner",
    "factory worker",
    "pensioner",
    "civil servant",
];

/// The agencies a photographer can work for, with the share of photographers each has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoAgency {
    Ap,
    Reuters,
    Bloomberg,
    Afp,
    Getty,
    /// Credited `Name/Agency via AP`.
    ViaAp(&'static str),
}

const VIA_AP_AGENCIES: &[&str] = &[
    "Sputnik",
    "Kremlin Pool Photo",
    "Pool",
    "EPA",
    "Xinhua",
    "Anadolu Agency",
    "Yonhap",
    "Kyodo News",
];

pub const TAGS: &[&str] = &[
    "economy",
    "inflation",
    "central banks",
    "interest rates",
    "employment",
    "budget",
    "taxes",
    "housing",
    "energy",
    "oil",
    "natural gas",
    "nuclear power",
    "renewables",
    "electricity",
    "elections",
    "parliament",
    "political parties",
    "coalitions",
    "diplomacy",
    "sanctions",
    "security",
    "borders",
    "health",
    "hospitals",
    "vaccines",
    "pharmaceuticals",
    "public health",
    "technology",
    "cybersecurity",
    "artificial intelligence",
    "semiconductors",
    "data protection",
    "courts",
    "corruption",
    "crime",
    "human rights",
    "police",
    "climate",
    "floods",
    "wildfires",
    "heat waves",
    "drought",
    "storms",
    "emissions",
    "labour",
    "strikes",
    "trade unions",
    "rail",
    "aviation",
    "wages",
    "trade",
    "tariffs",
    "exports",
    "markets",
    "agriculture",
    "shipping",
    "steel",
    "protests",
    "local government",
    "infrastructure",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    International,
    Ministry,
    Bank,
    Company,
    Party,
    Union,
    Institute,
    University,
    Hospital,
    Charity,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    /// Written "the X" in running text.
    pub the: bool,
    pub kind: OrgKind,
    pub beats: Beats,
}

impl Org {
    /// The name as it stands in a sentence: "the United Nations", "Northgate Bank".
    pub fn in_text(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Country {
    pub name: &'static str,
    pub adjective: &'static str,
    pub the: bool,
}

impl Country {
    pub fn in_text(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.to_string()
        }
    }

    pub fn possessive(&self) -> String {
        let name = self.in_text();
        if name.ends_with('s') {
            format!("{name}'")
        } else {
            format!("{name}'s")
        }
    }
}

#[derive(Debug, Clone)]
pub struct City {
    pub name: &'static str,
    pub country: usize,
    pub state: &'static str,
    pub standalone: bool,
}

/// What a person is in the news as: how they are titled before their name, and described after it.
#[derive(Debug, Clone)]
pub struct Role {
    /// "Polish Finance Minister", "Northgate Bank chief economist".
    pub before: String,
    /// "Poland's finance minister", "chief economist at Northgate Bank".
    pub appositive: String,
    pub beats: Beats,
    /// Which quotes and statements suit the person.
    pub voice: Voices,
    /// The organisation the person speaks for, if any (an index into `Pools::orgs`).
    pub org: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
    pub role: Role,
    /// Country the person belongs to, for choosing where their stories happen.
    pub country: usize,
    /// The city a mayor, court official or private person belongs to.
    pub city: Option<usize>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

#[derive(Debug, Clone)]
pub struct Photographer {
    pub name: String,
    pub agency: PhotoAgency,
}

/// Everything the stories draw on, with a Zipf sampler per pool.
pub struct Pools {
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    pub photographers: Vec<Photographer>,
    pub reporters: Vec<String>,
    people_zipf: Zipf,
    city_zipf: Zipf,
    country_zipf: Zipf,
    photographer_zipf: Zipf,
    reporter_zipf: Zipf,
    /// For each organisation, the people who speak for it, most newsworthy first.
    members: Vec<Vec<usize>>,
    /// For each country, its people who speak for no organisation (ministers, mayors,
    /// police, private people), most newsworthy first.
    locals: Vec<Vec<usize>>,
    /// Organisations grouped by kind, each group in its own Zipf order.
    by_kind: Vec<(OrgKind, Vec<usize>, Zipf)>,
}

impl Pools {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::derived(seed, 0x9001, 0);
        let countries: Vec<Country> = COUNTRIES
            .iter()
            .map(|&(name, adjective, the)| Country { name, adjective, the })
            .collect();
        let country_index = |name: &str| {
            countries
                .iter()
                .position(|c| c.name == name)
                .unwrap_or_else(|| panic!("city in unknown country {name}"))
        };
        let cities: Vec<City> = CITIES
            .iter()
            .map(|&(name, country, state, standalone)| City {
                name,
                country: country_index(country),
                state,
                standalone,
            })
            .collect();
        let orgs = organisations(&mut rng);
        let mut by_kind: Vec<(OrgKind, Vec<usize>, Zipf)> = Vec::new();
        for (i, org) in orgs.iter().enumerate() {
            match by_kind.iter_mut().find(|(k, _, _)| *k == org.kind) {
                Some((_, members, _)) => members.push(i),
                None => by_kind.push((org.kind, vec![i], Zipf::new(1, 1))),
            }
        }
        for (_, members, zipf) in &mut by_kind {
            rng.shuffle(members);
            *zipf = Zipf::new(members.len(), 2);
        }
        let mut pools = Pools {
            people_zipf: Zipf::new(PEOPLE, 10),
            city_zipf: Zipf::new(cities.len(), 4),
            country_zipf: Zipf::new(countries.len(), 6),
            photographer_zipf: Zipf::new(PHOTOGRAPHERS, 5),
            reporter_zipf: Zipf::new(REPORTERS, 8),
            countries,
            cities,
            orgs,
            people: Vec::new(),
            photographers: Vec::new(),
            reporters: Vec::new(),
            members: Vec::new(),
            locals: Vec::new(),
            by_kind,
        };
        // Popular places first, in a fixed but unalphabetical order.
        let mut order: Vec<usize> = (0..pools.cities.len()).collect();
        rng.shuffle(&mut order);
        pools.cities = order.iter().map(|&i| pools.cities[i].clone()).collect();
        pools.people = people(&mut rng, &pools);
        pools.members = vec![Vec::new(); pools.orgs.len()];
        pools.locals = vec![Vec::new(); pools.countries.len()];
        for (i, p) in pools.people.iter().enumerate() {
            match p.role.org {
                Some(o) => pools.members[o].push(i),
                None => pools.locals[p.country].push(i),
            }
        }
        let taken: BTreeSet<String> = pools.people.iter().map(Person::name).collect();
        pools.photographers = photographers(&mut rng);
        pools.reporters = reporters(&mut rng, &taken);
        pools
    }

    /// A person with one of `voices`, Zipf-skewed, preferring one who is news on `beats`,
    /// and whose surname is not among `surnames` (so "Müller said" is never ambiguous).
    pub fn person(&self, rng: &mut Rng, beats: Beats, voices: Voices, surnames: &[&str]) -> usize {
        let usable = |i: usize| {
            let p = &self.people[i];
            p.role.voice & voices != 0 && !surnames.contains(&p.last)
        };
        let on_beat = |i: usize| self.people[i].role.beats & beats != 0;
        for _ in 0..200 {
            let i = self.people_zipf.sample(rng);
            if usable(i) && on_beat(i) {
                return i;
            }
        }
        // Rare voices on a beat: take the best known such person, or anyone with the voice.
        (0..self.people.len())
            .find(|&i| usable(i) && on_beat(i))
            .or_else(|| (0..self.people.len()).find(|&i| usable(i)))
            .unwrap_or(0)
    }

    /// Someone with one of `voices` who speaks for one of `orgs` or, failing that, belongs
    /// to `country` and speaks for no organisation; news on `beats` if possible, the better
    /// known more often. `None` if the pool has nobody like that.
    pub fn insider(
        &self,
        rng: &mut Rng,
        beats: Beats,
        voices: Voices,
        orgs: &[usize],
        country: usize,
        surnames: &[&str],
    ) -> Option<usize> {
        let fits = |i: &usize| {
            let p = &self.people[*i];
            p.role.voice & voices != 0 && !surnames.contains(&p.last)
        };
        let mut found: Vec<usize> = orgs
            .iter()
            .flat_map(|&o| self.members[o].iter().copied())
            .filter(fits)
            .collect();
        if found.is_empty() {
            found = self.locals[country].iter().copied().filter(fits).collect();
        }
        found.sort_unstable();
        let on_beat: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| self.people[i].role.beats & beats != 0)
            .collect();
        let found = if on_beat.is_empty() { found } else { on_beat };
        if found.is_empty() {
            return None;
        }
        // In popularity order: halve the odds at each step.
        let mut k = 0;
        while k + 1 < found.len() && rng.percent(50) {
            k += 1;
        }
        Some(found[k])
    }

    pub fn city(&self, rng: &mut Rng) -> usize {
        self.city_zipf.sample(rng)
    }

    /// A city in `country`, if the pool has one.
    pub fn city_in(&self, rng: &mut Rng, country: usize) -> Option<usize> {
        let candidates: Vec<usize> = (0..self.cities.len())
            .filter(|&i| self.cities[i].country == country)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        // Earlier (more popular) cities of the country come up more often.
        let first = candidates[0];
        if rng.percent(60) {
            Some(first)
        } else {
            Some(*rng.pick(&candidates))
        }
    }

    pub fn country(&self, rng: &mut Rng) -> usize {
        self.country_zipf.sample(rng)
    }

    /// An organisation of `kind`, Zipf-skewed, preferring one that is news on `beats`.
    pub fn org(&self, rng: &mut Rng, kind: OrgKind, beats: Beats) -> usize {
        let (_, members, zipf) = self
            .by_kind
            .iter()
            .find(|(k, _, _)| *k == kind)
            .expect("every kind has members");
        let mut fallback = None;
        for _ in 0..64 {
            let i = members[zipf.sample(rng)];
            if self.orgs[i].beats & beats != 0 {
                return i;
            }
            fallback.get_or_insert(i);
        }
        fallback.unwrap_or(members[0])
    }

    /// A photographer, Zipf-skewed, preferring one whose agency `fits`.
    pub fn photographer(&self, rng: &mut Rng, fits: impl Fn(PhotoAgency) -> bool) -> usize {
        let mut fallback = None;
        for _ in 0..64 {
            let i = self.photographer_zipf.sample(rng);
            if fits(self.photographers[i].agency) {
                return i;
            }
            fallback.get_or_insert(i);
        }
        fallback.unwrap_or(0)
    }

    pub fn reporter(&self, rng: &mut Rng) -> &str {
        &self.reporters[self.reporter_zipf.sample(rng)]
    }

    /// How a city is placed in a caption: "Hanoi, Vietnam", "Columbia, S.C.", "Washington".
    pub fn caption_place(&self, city: usize) -> String {
        let c = &self.cities[city];
        let country = &self.countries[c.country];
        if country.name == "United States" {
            if c.state.is_empty() {
                c.name.to_string()
            } else {
                format!("{}, {}", c.name, c.state)
            }
        } else if c.name == country.name {
            c.name.to_string()
        } else {
            format!("{}, {}", c.name, country.name)
        }
    }
}

fn organisations(rng: &mut Rng) -> Vec<Org> {
    let mut orgs = Vec::new();
    let mut push = |name: String, the: bool, kind: OrgKind, beats: Beats| orgs.push(Org { name, the, kind, beats });
    for &(name, the, beats) in INTERNATIONAL_BODIES {
        push(name.to_string(), the, OrgKind::International, beats);
    }
    for &(field, beats) in MINISTRIES {
        push(format!("Ministry of {field}"), true, OrgKind::Ministry, beats);
    }
    let mut stems: Vec<&str> = STEMS.to_vec();
    rng.shuffle(&mut stems);
    for stem in &stems[..30] {
        push(format!("{stem} Bank"), false, OrgKind::Bank, ECONOMY | TRADE);
    }
    let mut companies: Vec<(&str, &str, Beats)> = STEMS
        .iter()
        .flat_map(|&stem| COMPANY_KINDS.iter().map(move |&(kind, beats)| (stem, kind, beats)))
        .collect();
    rng.shuffle(&mut companies);
    for (stem, kind, beats) in companies.into_iter().take(220) {
        push(format!("{stem} {kind}"), false, OrgKind::Company, beats);
    }
    let mut parties: Vec<String> = PARTY_ADJ
        .iter()
        .flat_map(|a| PARTY_NOUN.iter().map(move |n| format!("{a} {n} Party")))
        .collect();
    rng.shuffle(&mut parties);
    for party in parties.into_iter().take(35) {
        push(party, true, OrgKind::Party, POLITICS);
    }
    for sector in UNION_SECTORS {
        let beats = if *sector == "Health" { LABOUR | HEALTH } else { LABOUR };
        push(format!("{sector} Workers Union"), true, OrgKind::Union, beats);
    }
    rng.shuffle(&mut stems);
    for (i, stem) in stems[..30].iter().enumerate() {
        let (field, beats) = INSTITUTE_FIELDS[i % INSTITUTE_FIELDS.len()];
        push(format!("{stem} Institute for {field}"), true, OrgKind::Institute, beats);
    }
    let mut towns: Vec<&str> = CITIES.iter().filter(|c| c.2.is_empty()).map(|c| c.0).collect();
    rng.shuffle(&mut towns);
    for town in &towns[..20] {
        push(format!("University of {town}"), true, OrgKind::University, ALL);
    }
    rng.shuffle(&mut stems);
    for stem in &stems[..10] {
        push(format!("{stem} General Hospital"), false, OrgKind::Hospital, HEALTH);
    }
    for stem in &stems[10..20] {
        push(
            format!("{stem} Foundation"),
            true,
            OrgKind::Charity,
            CLIMATE | JUSTICE | HEALTH | POLITICS,
        );
    }
    orgs
}

fn people(rng: &mut Rng, pools: &Pools) -> Vec<Person> {
    let mut names: Vec<(&'static str, &'static str)> = FIRST_NAMES
        .iter()
        .flat_map(|&f| LAST_NAMES.iter().map(move |&l| (f, l)))
        .collect();
    rng.shuffle(&mut names);
    let us = pools
        .countries
        .iter()
        .position(|c| c.name == "United States")
        .unwrap_or(0);
    let mut offices_held = BTreeSet::new();
    let mut mayors = BTreeSet::new();
    names
        .into_iter()
        .take(PEOPLE)
        .map(|(first, last)| {
            let mut country = pools.country(rng);
            let mut home = None;
            let role = match rng.weighted(&[28, 46, 6, 8, 12]) {
                0 => {
                    // Washington's titles differ from everyone else's; keep ministers abroad.
                    while country == us {
                        country = pools.country(rng);
                    }
                    government_role(rng, &pools.countries[country], country, &mut offices_held)
                }
                1 => org_role(rng, pools),
                2 => {
                    let city = pools.city(rng);
                    country = pools.cities[city].country;
                    home = Some(city);
                    let name = pools.cities[city].name;
                    // One mayor per city; the others held the office before.
                    let (before, appositive) = if mayors.insert(city) {
                        (format!("{name} Mayor"), format!("the mayor of {name}"))
                    } else {
                        (format!("former {name} Mayor"), format!("a former mayor of {name}"))
                    };
                    Role {
                        before,
                        appositive,
                        beats: POLITICS | CLIMATE | LABOUR | HEALTH,
                        voice: MAYOR,
                        org: None,
                    }
                }
                3 => {
                    let city = pools.city(rng);
                    country = pools.cities[city].country;
                    home = Some(city);
                    let (before, appositive, voice) = *rng.pick(LEGAL_ROLES);
                    Role {
                        before: before.to_string(),
                        appositive: format!("{appositive} {}", pools.cities[city].name),
                        beats: JUSTICE,
                        voice,
                        org: None,
                    }
                }
                _ => {
                    let city = pools.city(rng);
                    country = pools.cities[city].country;
                    home = Some(city);
                    let job = *rng.pick(OCCUPATIONS);
                    let age = match job {
                        "pensioner" | "retired engineer" => rng.range(63, 86),
                        "student" => rng.range(18, 26),
                        _ => rng.range(23, 62),
                    };
                    Role {
                        before: job.to_string(),
                        appositive: format!(
                            "{} {age}-year-old {job} from {}",
                            if matches!(age, 8 | 11 | 18 | 80..=89) {
                                "an"
                            } else {
                                "a"
                            },
                            pools.cities[city].name
                        ),
                        beats: ALL,
                        voice: PRIVATE,
                        org: None,
                    }
                }
            };
            Person {
                first,
                last,
                role,
                country,
                city: home,
            }
        })
        .collect()
}

/// A government post in `country`. Each post has one holder; later draws of a taken post
/// become a deputy (for ministers) or a former holder, so a story never has two foreign
/// ministers of the same country.
fn government_role(
    rng: &mut Rng,
    country: &Country,
    country_index: usize,
    held: &mut BTreeSet<(usize, &'static str)>,
) -> Role {
    let weights: Vec<usize> = OFFICES.iter().map(|o| o.2).collect();
    let (office, beats, _) = OFFICES[rng.weighted(&weights)];
    let (before, appositive) = if held.insert((country_index, office)) {
        (
            format!("{} {office}", country.adjective),
            format!("{} {}", country.possessive(), office.to_lowercase()),
        )
    } else if office.ends_with(" Minister") && office != "Prime Minister" {
        let lower = office.to_lowercase();
        (
            format!("{} Deputy {office}", country.adjective),
            format!("{} deputy {lower}", country.possessive()),
        )
    } else {
        let lower = office.to_lowercase();
        (
            format!("former {} {office}", country.adjective),
            format!("{} former {lower}", country.possessive()),
        )
    };
    Role {
        before,
        appositive,
        beats,
        voice: GOVERNMENT,
        org: None,
    }
}

fn org_role(rng: &mut Rng, pools: &Pools) -> Role {
    let kinds = [
        (OrgKind::International, 6),
        (OrgKind::Ministry, 8),
        (OrgKind::Bank, 10),
        (OrgKind::Company, 28),
        (OrgKind::Party, 14),
        (OrgKind::Union, 8),
        (OrgKind::Institute, 9),
        (OrgKind::University, 8),
        (OrgKind::Hospital, 4),
        (OrgKind::Charity, 5),
    ];
    let weights: Vec<usize> = kinds.iter().map(|k| k.1).collect();
    let kind = kinds[rng.weighted(&weights)].0;
    let org_index = pools.org(rng, kind, ALL);
    let org = &pools.orgs[org_index];
    let titles: &[&str] = match kind {
        OrgKind::International => &["spokesperson", "chief economist", "director", "special envoy"],
        OrgKind::Ministry => &["spokesperson", "deputy minister", "senior official"],
        OrgKind::Bank => &["chief economist", "chief executive", "senior analyst", "strategist"],
        OrgKind::Company => &["chief executive", "spokesperson", "chief financial officer", "chair"],
        OrgKind::Party => &["leader", "lawmaker", "spokesperson", "deputy leader"],
        OrgKind::Union => &["president", "general secretary", "spokesperson"],
        OrgKind::Institute => &["director", "senior fellow", "analyst", "researcher"],
        OrgKind::Hospital => &["chief medical officer", "director", "emergency doctor"],
        OrgKind::Charity => &["director", "campaigner", "spokesperson"],
        OrgKind::University => {
            let (appositive, short, beats) = *rng.pick(ACADEMIC_TITLES);
            return Role {
                before: format!("{} {short}", org.name),
                appositive: format!("{appositive} at {}", org.in_text()),
                beats,
                voice: EXPERT,
                org: Some(org_index),
            };
        }
    };
    let title = *rng.pick(titles);
    let voice = match kind {
        OrgKind::International if title == "chief economist" => EXPERT,
        OrgKind::International => INTERNATIONAL,
        OrgKind::Ministry => GOVERNMENT,
        OrgKind::Party => PARTY,
        OrgKind::Bank if title == "chief executive" => BUSINESS,
        OrgKind::Bank | OrgKind::Institute | OrgKind::University | OrgKind::Charity => EXPERT,
        OrgKind::Company => BUSINESS,
        OrgKind::Union => UNION,
        OrgKind::Hospital => HEALTH_WORKER,
    };
    let preposition = if matches!(kind, OrgKind::Party | OrgKind::Union | OrgKind::Ministry) {
        "of"
    } else {
        "at"
    };
    Role {
        before: format!("{} {title}", org.name),
        appositive: format!("{title} {preposition} {}", org.in_text()),
        beats: org.beats,
        voice,
        org: Some(org_index),
    }
}

fn photographers(rng: &mut Rng) -> Vec<Photographer> {
    let mut names: Vec<String> = CREW_FIRST
        .iter()
        .flat_map(|f| CREW_LAST.iter().map(move |l| format!("{f} {l}")))
        .collect();
    rng.shuffle(&mut names);
    names
        .into_iter()
        .take(PHOTOGRAPHERS)
        .map(|name| {
            let agency = match rng.weighted(&[35, 25, 10, 10, 5, 15]) {
                0 => PhotoAgency::Ap,
                1 => PhotoAgency::Reuters,
                2 => PhotoAgency::Bloomberg,
                3 => PhotoAgency::Afp,
                4 => PhotoAgency::Getty,
                _ => PhotoAgency::ViaAp(rng.pick::<&str>(VIA_AP_AGENCIES)),
            };
            Photographer { name, agency }
        })
        .collect()
}

fn reporters(rng: &mut Rng, taken: &BTreeSet<String>) -> Vec<String> {
    let mut names: Vec<String> = CREW_FIRST
        .iter()
        .flat_map(|f| LAST_NAMES.iter().map(move |l| format!("{f} {l}")))
        .chain(
            FIRST_NAMES
                .iter()
                .flat_map(|f| CREW_LAST.iter().map(move |l| format!("{f} {l}"))),
        )
        .filter(|n| !taken.contains(n))
        .collect();
    rng.shuffle(&mut names);
    names.truncate(REPORTERS);
    names
}

#[cfg(test)]
mod tests {
    // Imports live inside the tests: benches compile this module with `cfg(test)` but
    // without the test harness, which drops the test functions.

    #[test]
    fn pools_have_the_promised_sizes() {
        use super::*;
        let pools = Pools::new(7);
        assert_eq!(pools.people.len(), PEOPLE);
        let names: BTreeSet<String> = pools.people.iter().map(Person::name).collect();
        assert_eq!(names.len(), PEOPLE);
        assert!(pools.cities.len() + pools.countries.len() >= 300);
        assert_eq!(pools.orgs.len(), 400);
        let orgs: BTreeSet<&str> = pools.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(orgs.len(), 400);
        assert_eq!(pools.photographers.len(), PHOTOGRAPHERS);
        assert_eq!(pools.reporters.len(), REPORTERS);
        assert_eq!(TAGS.len(), 60);
    }
}
