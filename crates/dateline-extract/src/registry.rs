//! The entity registry (`data/entities.toml`): the archivist's list of canonical entities with
//! their aliases. It overrides and extends what the heuristics find: an alias anywhere in the
//! text becomes a mention of the canonical entity, with the registry's kind.

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::EntityKind;

/// One canonical entity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryEntry {
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// External identifiers, e.g. `{ wikidata = "Q7747" }`.
    #[serde(default)]
    pub ids: std::collections::BTreeMap<String, String>,
}

/// Two entities claim the same name or alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasClash {
    /// The name as the second entity spells it.
    pub name: String,
    /// Index of the entity that claimed it first.
    pub first: usize,
    /// Index of the entity that claims it again.
    pub second: usize,
}

/// Canonical entities and a lookup from every name and alias to them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entries: Vec<RegistryEntry>,
    /// Lower-cased name or alias → index into `entries`.
    by_name: HashMap<String, usize>,
}

impl Registry {
    /// Indexes the entries by every name and alias. A name may belong to one entity only:
    /// an alias of two would make every mention ambiguous.
    pub fn new(entries: Vec<RegistryEntry>) -> Result<Registry, AliasClash> {
        let mut by_name = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                if let Some(&first) = by_name.get(&name.to_lowercase())
                    && first != i
                {
                    return Err(AliasClash {
                        name: name.clone(),
                        first,
                        second: i,
                    });
                }
                by_name.insert(name.to_lowercase(), i);
            }
        }
        Ok(Registry { entries, by_name })
    }

    /// The canonical entry a name or alias refers to.
    pub fn lookup(&self, name: &str) -> Option<&RegistryEntry> {
        self.by_name.get(&name.to_lowercase()).map(|&i| &self.entries[i])
    }

    /// Every name and alias with its entry, for scanning text.
    pub fn names(&self) -> impl Iterator<Item = (&str, &RegistryEntry)> {
        self.entries.iter().flat_map(|e| {
            std::iter::once(e.name.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .map(move |n| (n, e))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, aliases: &[&str]) -> RegistryEntry {
        RegistryEntry {
            name: name.to_string(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: None,
            ids: Default::default(),
        }
    }

    #[test]
    fn aliases_resolve_to_the_canonical_entry() {
        let r = Registry::new(vec![entry("Jane Roe", &["Roe", "Jane Q. Roe"])]).unwrap();
        assert_eq!(r.lookup("roe").unwrap().name, "Jane Roe");
        assert_eq!(r.lookup("Jane Q. Roe").unwrap().kind, EntityKind::Person);
        assert!(r.lookup("Doe").is_none());
    }

    #[test]
    fn an_alias_of_two_entities_is_refused() {
        let e = Registry::new(vec![entry("A B", &["AB"]), entry("A Bee", &["AB"])]).unwrap_err();
        assert_eq!((e.name.as_str(), e.first, e.second), ("AB", 0, 1));
    }
}
