//! A small world gazetteer and directory: countries, capitals and major cities, US states with
//! their AP and postal abbreviations, regions and seas, news agencies and well-known
//! organisations, plus the words that mark a name as a place or an organisation.
//!
//! Generic knowledge only. Lookups are exact (case-sensitive) on the name as written, with a
//! few variants mapped to one canonical form ("U.S." → "United States"). The place names are
//! still written out below; the state abbreviations, agencies, organisations and the words that
//! mark a name live in data files under `data/lists/` (see [`super::lists`]).

use super::fasthash::{FxHashMap, WordMap, WordSet};
use super::lists::{
    AGENCIES, MISC_SUFFIXES, ORG_SUFFIXES, ORGANIZATIONS, PLACE_PREFIXES, PLACE_SUFFIXES, STATE_ABBREVIATIONS,
    WEAK_ORGANIZATIONS,
};
use std::sync::LazyLock;

const COUNTRIES: &str = "Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|\
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|\
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|\
China|Colombia|Comoros|Congo|Democratic Republic of Congo|Democratic Republic of the Congo|Costa Rica|Croatia|Cuba|Cyprus|\
Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|\
Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|\
Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|\
Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|\
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|\
Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|Holland|New Zealand|Nicaragua|Niger|\
Nigeria|North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|\
Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|\
Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|Korea|South Sudan|Spain|Sri Lanka|\
Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|\
Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|\
Wales|Northern Ireland|Uruguay|Uzbekistan|Vanuatu|Vatican|Vatican City|Venezuela|Vietnam|Viet Nam|Yemen|Zambia|Zimbabwe|\
Soviet Union|USSR|Czechoslovakia|Yugoslavia|East Germany|West Germany|Greenland|Puerto Rico|Hong Kong|Macau|Macao|\
Gaza|Gaza Strip|West Bank|America";

/// Spellings of the United States, mapped to one name.
const UNITED_STATES: &str = "United States|U.S.|US|USA|U.S.A.|United States of America";

const US_STATES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|\
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|\
Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|\
Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|\
Wisconsin|Wyoming|District of Columbia";

const CITIES: &str = "Abu Dhabi|Abuja|Accra|Addis Ababa|Aleppo|Algiers|Amman|Amsterdam|Ankara|Antwerp|Astana|Athens|Atlanta|\
Auckland|Austin|Baghdad|Baku|Baltimore|Bamako|Bangkok|Barcelona|Basra|Beijing|Peking|Beirut|Belfast|Belgrade|Benghazi|Berlin|\
Bern|Birmingham|Bogota|Bogotá|Bonn|Bordeaux|Boston|Brasilia|Brasília|Bratislava|Brisbane|Bristol|Brussels|Bucharest|Budapest|\
Buenos Aires|Cairo|Calgary|Canberra|Cape Town|Caracas|Cardiff|Casablanca|Chicago|Chongqing|Cincinnati|Cleveland|\
Copenhagen|Dakar|Dalian|Dallas|Damascus|Dar es Salaam|Delhi|New Delhi|Denver|Detroit|Dhaka|Doha|Donetsk|Dubai|Dublin|Durban|\
Dushanbe|Edinburgh|Florence|Frankfurt|Fukushima|Gdansk|Geneva|Genoa|Glasgow|Guangzhou|Hamburg|Hanoi|Havana|Helsinki|\
Hiroshima|Ho Chi Minh City|Saigon|Honolulu|Houston|Indianapolis|Islamabad|Istanbul|Jakarta|Jeddah|Jerusalem|Johannesburg|\
Kabul|Kandahar|Karachi|Kathmandu|Khartoum|Kharkiv|Kiev|Kyiv|Kigali|Kingston|Kinshasa|Kolkata|Kuala Lumpur|Kuwait City|\
Kyoto|La Paz|Lagos|Lahore|Las Vegas|Leipzig|Lima|Lisbon|Liverpool|Ljubljana|London|Los Angeles|Luanda|Lusaka|Luxembourg City|\
Lviv|Lyon|Madrid|Managua|Manchester|Manila|Maputo|Marseille|Mecca|Medina|Melbourne|Memphis|Mexico City|Miami|Milan|\
Milwaukee|Minneapolis|Minsk|Mogadishu|Monrovia|Montevideo|Montreal|Moscow|Mosul|Mumbai|Bombay|Munich|Muscat|Nagasaki|Nairobi|\
Naples|Nashville|New Orleans|New York City|Nice|Nicosia|Odesa|Odessa|Oklahoma City|Omaha|Osaka|Oslo|Ottawa|Oxford|\
Cambridge|Palermo|Panama City|Paris|Perth|Philadelphia|Phnom Penh|Phoenix|Pittsburgh|Portland|Porto|Oporto|Prague|Pretoria|\
Pyongyang|Quebec City|Quito|Rabat|Ramallah|Rangoon|Yangon|Reykjavik|Riga|Rio de Janeiro|Riyadh|Rome|Rotterdam|Sacramento|\
Salt Lake City|San Antonio|San Diego|San Francisco|San Jose|San Juan|Sanaa|Santiago|Sao Paulo|São Paulo|Sarajevo|Seattle|\
Seoul|Sevastopol|Seville|Shanghai|Shenzhen|Singapore|Skopje|Sochi|Sofia|St. Louis|St. Petersburg|Stockholm|Strasbourg|\
Stuttgart|Sydney|Taipei|Tallinn|Tampa|Tashkent|Tbilisi|Tehran|Tel Aviv|The Hague|Tianjin|Tijuana|Tirana|Tokyo|Toronto|\
Tripoli|Tunis|Turin|Ulaanbaatar|Valencia|Valletta|Vancouver|Venice|Verona|Vienna|Vilnius|Warsaw|Wellington|Wuhan|Yerevan|\
Zagreb|Zurich|Zürich|Manhattan|Brooklyn|Queens|Bronx|Staten Island|Hollywood|Beverly Hills|Silicon Valley|Harlem|\
Westminster|Soho|Kowloon|Gdynia|Krakow|Kraków|Lille|Toulouse|Nantes|Cologne|Dresden|Hanover|Salzburg|Innsbruck|Graz|Basel|\
Lausanne|Davos|Bruges|Ghent|Utrecht|The Bronx|Newark|Jersey City|Boise|Anchorage|Albuquerque|Tucson|El Paso|Fort Worth|\
Jacksonville|Orlando|Charleston|Raleigh|Louisville|Kansas City|St. Paul|Des Moines|Little Rock|Birmingham|\
Montgomery|Savannah|Buffalo|Rochester|Albany|Hartford|Providence|Burlington|Annapolis|Dover|Trenton|\
Harrisburg|Lansing|Columbia|Tallahassee|Baton Rouge|Topeka|Cheyenne|Bismarck|\
Santa Fe|Carson City|Olympia|Juneau|Frankfort|Charleston|Montpelier|Fresno|Long Beach|Oakland|Palo Alto|Berkeley|\
Pasadena|Burbank|Santa Monica|Anaheim|Irvine|Miami Beach|Palm Beach|West Palm Beach|Fort Lauderdale|Key West|Ann Arbor|\
Dearborn|Flint|Green Bay|Duluth|Wichita|Tulsa|Lubbock|Galveston|Corpus Christi|Shreveport|Biloxi|Chattanooga|\
Knoxville|Akron|Dayton|Toledo|Scranton|Allentown|Camden|Yonkers|Stamford|New Haven|Worcester|Lowell|Portsmouth|\
Manchester|Leeds|Sheffield|Newcastle|Nottingham|Leicester|Southampton|Brighton|Aberdeen|Dundee|Inverness|Swansea|Cork|Galway|\
Limerick|Derry|Luton|Coventry|Salisbury|Canterbury|York|Haifa|Nazareth|Hebron|Bethlehem|Jericho|Nablus|Jenin|Rafah|\
Khan Younis|Homs|Idlib|Raqqa|Kirkuk|Erbil|Fallujah|Tikrit|Najaf|Karbala|Mazar-i-Sharif|Herat|Jalalabad|Peshawar|Quetta|\
Rawalpindi|Chennai|Bangalore|Bengaluru|Hyderabad|Ahmedabad|Pune|Jaipur|Lucknow|Kanpur|Colombo|Chittagong|Mandalay|Da Nang|\
Haiphong|Phuket|Chiang Mai|Cebu|Davao|Surabaya|Bali|Penang|Macau|Xian|Xi'an|Chengdu|Nanjing|Hangzhou|Harbin|Shenyang|\
Qingdao|Lhasa|Urumqi|Busan|Incheon|Sapporo|Nagoya|Kobe|Yokohama|Okinawa|Vladivostok|Novosibirsk|Yekaterinburg|Kazan|\
Murmansk|Kaliningrad|Grozny|Mariupol|Kherson|Zaporizhzhia|Dnipro|Luhansk|Bakhmut|Crimea|Benghazi|Misrata|Sirte|Alexandria|\
Giza|Luxor|Aswan|Port Said|Suez|Sharm el-Sheikh|Djerba|Sfax|Sousse|Marrakech|Fez|Tangier|Oran|Constantine|Timbuktu|Niamey|\
Ouagadougou|Abidjan|Freetown|Conakry|Banjul|Bissau|Lome|Lomé|Cotonou|Porto-Novo|Douala|Yaounde|Libreville|Brazzaville|\
Bangui|N'Djamena|Juba|Asmara|Kampala|Dodoma|Zanzibar|Mombasa|Harare|Bulawayo|Gaborone|Windhoek|Maseru|Mbabane|Lilongwe|\
Antananarivo|Port Louis|Rio|Brasilia|Salvador|Recife|Fortaleza|Manaus|Belo Horizonte|Porto Alegre|Curitiba|Cordoba|\
Córdoba|Rosario|Mendoza|Valparaiso|Cusco|Guayaquil|Medellin|Medellín|Cali|Cartagena|Maracaibo|Guadalajara|Monterrey|Puebla|\
Cancun|Cancún|Acapulco|Tegucigalpa|San Salvador|Guatemala City|Port-au-Prince|Santo Domingo|Nassau|Bridgetown|\
Port of Spain|Montego Bay|Winnipeg|Edmonton|Halifax|Saskatoon|Adelaide|Darwin|Hobart|Gold Coast|\
Christchurch|Queenstown|Suva|Port Moresby|Newtown";

const REGIONS: &str = "Africa|Asia|Europe|North America|South America|Latin America|Central America|Middle East|Near East|\
Far East|North Africa|West Africa|East Africa|Southern Africa|Sub-Saharan Africa|Southeast Asia|South Asia|Central Asia|\
East Asia|Eastern Europe|Western Europe|Central Europe|Northern Europe|Southern Europe|Scandinavia|Balkans|the Balkans|\
Caucasus|Caribbean|Pacific|Atlantic|Arctic|Antarctica|Mediterranean|Persian Gulf|Gulf of Mexico|South China Sea|\
East China Sea|Black Sea|Red Sea|Baltic Sea|Baltic|North Sea|Caspian Sea|Indian Ocean|Pacific Ocean|Atlantic Ocean|\
Arctic Ocean|Northern Hemisphere|Southern Hemisphere|Western Hemisphere|Siberia|Xinjiang|Tibet|Kashmir|Punjab|Golan Heights|\
Sahara|Sahel|Horn of Africa|Midwest|New England|Deep South|Pacific Northwest|Darfur|Kurdistan|Catalonia|Bavaria|Quebec|\
Ontario|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|Sicily|Sardinia|Corsica|\
Normandy|Brittany|Provence|Tuscany|Lombardy|Andalusia|Patagonia|Himalayas|Alps|Andes|Rockies|Appalachia|Donbas|Donbass|\
Chechnya|Dagestan|Ossetia|Abkhazia|Transnistria|Nagorno-Karabakh|Kosovo|Flanders|Wallonia|Lapland|Anatolia|Sinai|Negev|\
Galilee|Judea|Mesopotamia|Levant|Maghreb|Arabian Peninsula|Korean Peninsula|Iberian Peninsula|Yucatan|Amazonia|\
Queensland|New South Wales|Tasmania|Western Australia|South Australia|Northern Territory|Hokkaido|Kyushu|Honshu|\
Borneo|Sumatra|Mindanao|Luzon|Hainan|Guangdong|Sichuan|Yunnan|Hubei|Henan|Shandong|Zhejiang|Jiangsu|Fujian|\
Inner Mongolia|Zabul|Helmand|Kunar|Nangarhar|Kurdistan Region|Idlib Province|Aegean|Adriatic|Bosporus|Strait of Hormuz|\
Taiwan Strait|English Channel|Suez Canal|Panama Canal|Nile|Danube|Rhine|Thames|Volga|Yangtze|Mekong|Amazon River|\
Mississippi River|Rio Grande|Great Lakes|Lake Michigan|Times Square|Tiananmen Square|Red Square|Trafalgar Square|Wall Street";

/// Regions that are places in text but never a useful place on their own in a caption.
const NOT_PLACES_ALONE: &str = "Wall Street";

fn split(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Place names → canonical name.
static PLACES: LazyLock<WordMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for list in [COUNTRIES, US_STATES, CITIES, REGIONS] {
        for p in split(list) {
            m.insert(p, p);
        }
    }
    for p in split(UNITED_STATES) {
        m.insert(p, "United States");
    }
    m.into()
});

static COUNTRY_SET: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    split(COUNTRIES)
        .chain(split(US_STATES))
        .chain(split(UNITED_STATES))
        .collect()
});

/// The same agencies by lower-cased name, for credits written in capitals ("GETTY IMAGES").
static AGENCY_LOWER: LazyLock<WordMap<String, &'static str>> =
    LazyLock::new(|| AGENCIES.iter().map(|(k, v)| (k.to_lowercase(), v)).collect());

static NOT_PLACES: LazyLock<WordSet<&'static str>> = LazyLock::new(|| split(NOT_PLACES_ALONE).collect());

/// The canonical name of a known place ("U.S." → "United States").
pub fn place(name: &str) -> Option<&'static str> {
    PLACES.get(name).copied().filter(|p| !NOT_PLACES.contains(p))
}

/// A country, US state or the United States (used to recognise "City, Country" pairs).
pub fn is_country_or_state(name: &str) -> bool {
    COUNTRY_SET.contains(name)
}

/// The state an AP or postal abbreviation stands for ("S.C." → "South Carolina").
pub fn state_abbreviation(abbr: &str) -> Option<&'static str> {
    STATE_ABBREVIATIONS.get(abbr)
}

/// The canonical name of a news or photo agency ("AP" → "Associated Press").
pub fn agency(name: &str) -> Option<&'static str> {
    AGENCIES.get(name).or_else(|| {
        // Case-insensitive fallback for credits written in capitals ("GETTY IMAGES"). Every
        // organisation name is asked, and the shape of its lower case rules out most.
        if !AGENCY_LOWER.may_hold_lowercase_of(name) {
            return None;
        }
        super::fasthash::with_lowercase(name, |lower| AGENCY_LOWER.get(lower).copied())
    })
}

/// Whether `name` is a well-known organisation.
pub fn is_known_org(name: &str) -> bool {
    ORGANIZATIONS.contains(name)
}

/// Known organisations that are too generic to list alone ("Target", "Medicaid").
pub fn is_weak_org(name: &str) -> bool {
    WEAK_ORGANIZATIONS.contains(name)
}

/// Whether a word ending a capitalised name makes it an organisation ("Springfield City Council").
pub fn is_org_suffix(word: &str) -> bool {
    ORG_SUFFIXES.contains(word)
}

/// Whether a word ending a capitalised name makes it a place ("Roe County", "Maple Street").
pub fn is_place_suffix(word: &str) -> bool {
    PLACE_SUFFIXES.contains(word)
}

/// Whether a word opens a place name ("Lake Springfield", "Mount Roe").
pub fn is_place_prefix(word: &str) -> bool {
    PLACE_PREFIXES.contains(word)
}

/// Whether a word ending a capitalised name makes it an event, prize, law, work or building
/// ("Roe Prize", "Springfield Marathon").
pub fn is_misc_suffix(word: &str) -> bool {
    MISC_SUFFIXES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(place("U.S."), Some("United States"));
        assert_eq!(place("Moscow"), Some("Moscow"));
        assert_eq!(place("Nowhere"), None);
        assert_eq!(state_abbreviation("S.C."), Some("South Carolina"));
        assert_eq!(state_abbreviation("Neb."), Some("Nebraska"));
        assert_eq!(agency("AP"), Some("Associated Press"));
        assert_eq!(agency("REUTERS"), Some("Reuters"));
        assert_eq!(agency("GETTY IMAGES"), Some("Getty Images"));
        assert_eq!(agency("Getty images"), Some("Getty Images"));
        assert_eq!(agency("Department of Justice"), None);
        assert!(is_known_org("Kremlin"));
        assert!(is_org_suffix("University"));
        assert!(is_place_suffix("Province"));
        assert!(is_country_or_state("Vietnam"));
    }
}
