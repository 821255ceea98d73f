//! The entity registry (`data/entities.toml`): the archivist's list of canonical entities with
//! their aliases. It overrides and extends what the heuristics find: an alias anywhere in the
//! text becomes a mention of the canonical entity, with the registry's kind.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, from_toml};
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    #[serde(default)]
    entity: Vec<RegistryEntry>,
}

/// Canonical entities and a lookup from every name and alias to them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entries: Vec<RegistryEntry>,
    /// Lower-cased name or alias → index into `entries`.
    by_name: HashMap<String, usize>,
}

impl Registry {
    /// Parses the text of `data/entities.toml`.
    pub fn parse(text: &str, file: &Path) -> Result<Registry, Diagnostic> {
        let raw: RawRegistry = from_toml(text, file)?;
        let mut registry = Registry::default();
        for (i, entry) in raw.entity.iter().enumerate() {
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                if let Some(&other) = registry.by_name.get(&name.to_lowercase())
                    && other != i
                {
                    let quoted = format!("\"{name}\"");
                    let line = text.lines().position(|l| l.contains(&quoted)).map_or(0, |l| l + 1);
                    let message = format!(
                        "`{name}` names two entities: `{}` and `{}`",
                        raw.entity[other].name, entry.name
                    );
                    let d = Diagnostic::error(file, message).with_help("give each alias to only one entity");
                    return Err(if line > 0 { d.at_line(text, line) } else { d });
                }
                registry.by_name.insert(name.to_lowercase(), i);
            }
        }
        registry.entries = raw.entity;
        Ok(registry)
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

    #[test]
    fn aliases_resolve_to_the_canonical_entry() {
        let text =
            "[[entity]]\nname = \"Vladimir Putin\"\nkind = \"person\"\naliases = [\"Putin\", \"Vladimir V. Putin\"]\n";
        let r = Registry::parse(text, Path::new("data/entities.toml")).unwrap();
        assert_eq!(r.lookup("putin").unwrap().name, "Vladimir Putin");
        assert_eq!(r.lookup("Vladimir V. Putin").unwrap().kind, EntityKind::Person);
        assert!(r.lookup("Biden").is_none());
    }

    #[test]
    fn an_alias_of_two_entities_is_an_error() {
        let text = "[[entity]]\nname = \"A B\"\nkind = \"person\"\naliases = [\"AB\"]\n\n[[entity]]\nname = \"A Bee\"\nkind = \"person\"\naliases = [\"AB\"]\n";
        let e = Registry::parse(text, Path::new("e.toml")).unwrap_err();
        assert!(e.message.contains("`AB` names two entities"));
        assert_eq!(e.line, 4);
    }

    #[test]
    fn a_bad_kind_is_reported() {
        let e = Registry::parse("[[entity]]\nname = \"X\"\nkind = \"animal\"\n", Path::new("e.toml")).unwrap_err();
        assert_eq!(e.line, 3);
    }
}
