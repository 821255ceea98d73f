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

/// What kind of place a name is, most prominent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Continent,
    /// A country's capital city: "Washington" is the capital before it is the state.
    Capital,
    /// A first-level division: a US state.
    Division,
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
    /// The place's own name: "Beijing" for "Peking", "Bogotá" for "Bogota".
    pub canonical: &'static str,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code; empty for continents.
    pub country: &'static str,
    pub population: u64,
}

/// Cities at least this big are known to a news reader without context: "Osaka", "Lagos".
const WELL_KNOWN_CITY: u64 = 1_000_000;

impl Place {
    /// Whether the name alone says "place": countries, continents, US states, capitals and
    /// cities of a million or more. Other towns and counties are places only in context.
    pub fn prominent(&self) -> bool {
        match self.kind {
            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Division | PlaceKind::Capital => true,
            PlaceKind::City => self.population >= WELL_KNOWN_CITY,
            PlaceKind::County => false,
        }
    }

    /// A country or a US state: what may follow a city after a comma ("Hanoi, Vietnam").
    pub fn is_country_or_state(&self) -> bool {
        matches!(self.kind, PlaceKind::Country | PlaceKind::Division)
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

/// The most prominent place called `name` (exact spelling, case included).
pub fn lookup(name: &str) -> Option<Place> {
    PLACES.get(name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_find_their_most_prominent_place() {
        let cases: &[(&str, Option<(&str, PlaceKind, bool)>)] = &[
            ("France", Some(("France", PlaceKind::Country, true))),
            ("Africa", Some(("Africa", PlaceKind::Continent, true))),
            ("Ohio", Some(("Ohio", PlaceKind::Division, true))),
            // A capital, a state and an English town: the capital wins.
            ("Washington", Some(("Washington", PlaceKind::Capital, true))),
            ("Paris", Some(("Paris", PlaceKind::Capital, true))),
            ("Osaka", Some(("Osaka", PlaceKind::City, true))),
            // An older English name of a big city, and a name without its accents.
            ("Peking", Some(("Beijing", PlaceKind::City, true))),
            ("Sao Paulo", Some(("São Paulo", PlaceKind::City, true))),
            // Towns and counties are places only in context.
            ("Reading", Some(("Reading", PlaceKind::City, false))),
            ("Orange County", Some(("Orange County", PlaceKind::County, false))),
            ("Nowhere Special", None),
            ("paris", None),
        ];
        for (name, want) in cases {
            let got = lookup(name).map(|p| (p.canonical, p.kind, p.prominent()));
            assert_eq!(got, *want, "{name}");
        }
    }
}
