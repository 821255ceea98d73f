//! Places: the world's countries, divisions, counties and cities, from GeoNames.
//!
//! `data/places.tsv` is generated from GeoNames (CC BY 4.0) by `data/generate/places.py`: every
//! continent and country, the US states and counties, and every city of 15,000 people or more,
//! with its country and population. A name can belong to several places ("Paris" is a capital
//! and a Texas town, "Washington" a capital, a state and an English town); lookups return the
//! most prominent.
//!
//! Prominence matters because a city list this long holds ordinary words and surnames
//! ("Reading", "Mobile", "Jackson"). Countries, states, capitals and big cities are places on
//! sight; smaller towns need the words around them to say so ("in Springfield", "Springfield,
//! Ill."), which the entity rules decide. [`Place::prominent`] draws that line.

use std::sync::LazyLock;

use super::fasthash::{FxHashMap, WordMap};
use super::names;

/// What kind of place a name is, most prominent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Continent,
    /// A country's capital city: "Washington" is the capital before it is the state.
    Capital,
    /// A first-level division: a US state.
    Division,
    /// A first-level division of another country: a province, state or region ("Gansu", "Jujuy").
    Province,
    City,
    /// A US county ("Orange County").
    County,
}

impl PlaceKind {
    fn parse(kind: &str) -> Option<PlaceKind> {
        Some(match kind {
            "country" => PlaceKind::Country,
            "continent" => PlaceKind::Continent,
            "division" => PlaceKind::Division,
            "province" => PlaceKind::Province,
            "capital" => PlaceKind::Capital,
            "city" => PlaceKind::City,
            "county" => PlaceKind::County,
            _ => return None,
        })
    }
}

/// One place a name may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The name as looked up, spelled as the gazetteer spells it.
    pub name: &'static str,
    /// The place's own name: "Beijing" for "Peking", "Bogotá" for "Bogota".
    pub canonical: &'static str,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code; empty for continents.
    pub country: &'static str,
    pub population: u64,
}

/// Cities at least this big are known to a news reader without context: "Osaka", "Lagos".
const WELL_KNOWN_CITY: u64 = 1_000_000;

/// A capital smaller than this is known on sight only when its name is no person's.
const SMALL_CAPITAL: u64 = 50_000;

/// A city name of two or more words is rarely anything else ("Salt Lake City", "Fort Worth"):
/// at this size it is known on sight.
const WELL_KNOWN_COMPOUND: u64 = 100_000;

/// A one-word city this big is known on sight unless its name is also a common word or name:
/// "Denver", "Seattle"; not "Jackson" or "Hamilton", which need "in" or a state after them.
const WELL_KNOWN_ONE_WORD: u64 = 250_000;

impl Place {
    /// Whether the name alone says "place": countries, continents, US states, capitals and
    /// cities of a million or more. Other towns and counties are places only in context.
    pub fn prominent(&self) -> bool {
        match self.kind {
            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Division => true,
            // The capital of a small territory may share its name with a person ("Hamilton",
            // "Douglas"); only a capital of some size or an unmistakable name is known on sight.
            PlaceKind::Capital => self.population >= SMALL_CAPITAL || !names::is_name_word(self.name),
            PlaceKind::City => {
                self.population >= WELL_KNOWN_CITY
                    || self.name.contains(' ') && self.population >= WELL_KNOWN_COMPOUND
                    || self.population >= WELL_KNOWN_ONE_WORD && !names::is_name_word(self.name)
            }
            // The news names provinces as it names states, but many share their name with a
            // person ("Santiago", "Mendoza"), and some lists run down to small municipalities
            // named like families: a name any list holds as a person's needs its context.
            PlaceKind::Province => {
                let name = self.name;
                names::surname_rank(name).is_none()
                    && !names::is_world_surname(name)
                    && !names::is_given_name(name)
                    && !names::is_world_given_name(name)
            }
            PlaceKind::County => false,
        }
    }

    /// A country, a US state or another country's province: what may follow a city after a
    /// comma ("Hanoi, Vietnam", "Lanzhou, Gansu").
    pub fn is_country_or_state(&self) -> bool {
        matches!(
            self.kind,
            PlaceKind::Country | PlaceKind::Division | PlaceKind::Province
        )
    }
}

static PLACES: LazyLock<WordMap<&'static str, Place>> = LazyLock::new(|| {
    let mut best: FxHashMap<&'static str, Place> = FxHashMap::default();
    for line in include_str!("../data/places.tsv").lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(kind), Some(canonical), Some(country), Some(population)) =
            (cols.next(), cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let Some(kind) = PlaceKind::parse(kind) else { continue };
        let place = Place {
            name,
            canonical,
            kind,
            country,
            population: population.parse().unwrap_or(0),
        };
        let slot = best.entry(name).or_insert(place);
        if rank(&place) < rank(slot) {
            *slot = place;
        }
    }
    best.into()
});

/// Orders the places one name may refer to: the most prominent kind, then the most people.
fn rank(p: &Place) -> (bool, PlaceKind, std::cmp::Reverse<u64>) {
    (!p.prominent(), p.kind, std::cmp::Reverse(p.population))
}

/// The most prominent place called `name` (exact spelling, case included). A name with
/// diacritics the gazetteer does not hold is looked up again without them: some sources
/// write names in plain ASCII ("Piaui" for "Piauí").
pub fn lookup(name: &str) -> Option<Place> {
    PLACES.get(name).copied().or_else(|| lookup_without_marks(name))
}

/// The most prominent place called `name` with its marks taken off, for a name that has some.
pub fn lookup_without_marks(name: &str) -> Option<Place> {
    let folded = crate::text::fold_marks(name)?;
    PLACES.get(&folded).copied()
}

/// The most prominent place called exactly `name`, marks and all.
pub fn lookup_exact(name: &str) -> Option<Place> {
    PLACES.get(name).copied()
}

/// Every spelling the gazetteer holds, with its most prominent place.
pub fn spellings() -> impl Iterator<Item = (&'static str, Place)> {
    PLACES.iter().map(|(&name, &place)| (name, place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_find_their_most_prominent_place() {
        // A name, then the place it finds: its own name, kind and whether it is known on sight.
        type Case = (&'static str, Option<(&'static str, PlaceKind, bool)>);
        let cases: &[Case] = &[
            ("France", Some(("France", PlaceKind::Country, true))),
            ("Africa", Some(("Africa", PlaceKind::Continent, true))),
            ("Ohio", Some(("Ohio", PlaceKind::Division, true))),
            // A capital, a state and an English town: the capital wins.
            ("Washington", Some(("Washington", PlaceKind::Capital, true))),
            ("Paris", Some(("Paris", PlaceKind::Capital, true))),
            ("Osaka", Some(("Osaka", PlaceKind::City, true))),
            // A name without its accents.
            ("Sao Paulo", Some(("São Paulo", PlaceKind::City, true))),
            // Towns and counties are places only in context.
            ("Jackson", Some(("Jackson", PlaceKind::City, false))),
            // A capital of a few thousand people and a city, both sharing a person's name.
            ("Hamilton", Some(("Hamilton", PlaceKind::Capital, false))),
            ("Denver", Some(("Denver", PlaceKind::City, true))),
            ("Orange County", Some(("Orange County", PlaceKind::County, false))),
            // Other countries' provinces: known on sight unless a person may bear the name,
            // and found with their accents though the list writes them without.
            ("Gansu", Some(("Gansu", PlaceKind::Province, true))),
            ("Guerrero", Some(("Guerrero", PlaceKind::Province, false))),
            ("Piauí", Some(("Piaui", PlaceKind::Province, true))),
            ("Nowhere Special", None),
            ("Nowhère Special", None),
            ("paris", None),
        ];
        for (name, want) in cases {
            let got = lookup(name).map(|p| (p.canonical, p.kind, p.prominent()));
            assert_eq!(got, *want, "{name}");
        }
    }
}
