//! The entity registry file (`data/entities.toml`): TOML in, an extraction [`Registry`] out, with
//! diagnostics that name the file and line of a bad entry.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, from_toml};
use crate::extract::{Registry, RegistryEntry};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    #[serde(default)]
    entity: Vec<RegistryEntry>,
}

/// Parses the text of a registry file.
pub fn registry(text: &str, file: &Path) -> Result<Registry, Diagnostic> {
    let raw: RawRegistry = from_toml(text, file)?;
    let names: Vec<String> = raw.entity.iter().map(|e| e.name.clone()).collect();
    Registry::new(raw.entity).map_err(|clash| {
        let quoted = format!("\"{}\"", clash.name);
        // The clash is reported where the second entity claims the name.
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(&quoted))
            .nth(1)
            .or_else(|| text.lines().enumerate().find(|(_, l)| l.contains(&quoted)))
            .map_or(0, |(i, _)| i + 1);
        let message = format!(
            "`{}` names two entities: `{}` and `{}`",
            clash.name, names[clash.first], names[clash.second]
        );
        let d = Diagnostic::error(file, message).with_help("give each alias to only one entity");
        if line > 0 { d.at_line(text, line) } else { d }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    #[test]
    fn aliases_resolve_to_the_canonical_entry() {
        let text = "[[entity]]\nname = \"Jane Roe\"\nkind = \"person\"\naliases = [\"Roe\", \"Jane Q. Roe\"]\n";
        let r = registry(text, Path::new("data/entities.toml")).unwrap();
        assert_eq!(r.lookup("roe").unwrap().name, "Jane Roe");
        assert_eq!(r.lookup("Jane Q. Roe").unwrap().kind, EntityKind::Person);
    }

    #[test]
    fn an_alias_of_two_entities_is_an_error() {
        let text = "[[entity]]\nname = \"A B\"\nkind = \"person\"\naliases = [\"AB\"]\n\n[[entity]]\nname = \"A Bee\"\nkind = \"person\"\naliases = [\"AB\"]\n";
        let e = registry(text, Path::new("e.toml")).unwrap_err();
        assert!(e.message.contains("`AB` names two entities"));
        assert_eq!(e.line, 9);
    }

    #[test]
    fn a_bad_kind_is_reported() {
        let e = registry("[[entity]]\nname = \"X\"\nkind = \"animal\"\n", Path::new("e.toml")).unwrap_err();
        assert_eq!(e.line, 3);
    }
}
