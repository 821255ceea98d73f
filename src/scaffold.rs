//! `dateline new` and `dateline init`: starting points written for the user, never over an
//! existing file.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::slug::slugify;

/// Creates `content/YYYY/YYYY-MM-DD-slug.md` (or `.txt`) and returns its path.
pub fn new_article(
    root: &Path,
    headline: &str,
    date: Option<Date>,
    wire: bool,
    now: jiff::Timestamp,
) -> Result<PathBuf, String> {
    let config = SiteConfig::load(root).map_err(|d| d.to_string())?;
    let tz = jiff::tz::TimeZone::get(&config.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let date = date.unwrap_or_else(|| tz.to_datetime(now).date());
    let slug = slugify(headline);
    if slug.is_empty() {
        return Err("the headline needs at least one letter or digit".into());
    }
    let ext = if wire { "txt" } else { "md" };
    let path = root
        .join("content")
        .join(format!("{:04}", date.year()))
        .join(format!("{date}-{slug}.{ext}"));
    if path.exists() {
        return Err(format!(
            "{} already exists; choose another headline or date",
            path.display()
        ));
    }
    let text = if wire {
        format!(
            "{headline}\n\nBy Reporter Name\n\nCITY (AP) — First paragraph: who, what, where, when.\n\nSecond paragraph.\n"
        )
    } else {
        format!(
            "+++\ntitle = {}\ndate = {date}\nbyline = []\ntags = []\n+++\nCITY — First paragraph: who, what, where, when.\n",
            toml_string(headline)
        )
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// Creates a new archive: `site.toml` and a first article.
pub fn init(dir: &Path, now: jiff::Timestamp) -> Result<(), String> {
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(format!(
            "{} already exists: this folder is already an archive",
            config.display()
        ));
    }
    let title = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "News archive".into());
    write_new(
        &config,
        &format!(
            "title = {}\ndescription = \"\"\nbase_url = \"https://archive.example.org/\"\ntimezone = \"UTC\"\n",
            toml_string(&title)
        ),
    )?;
    new_article(dir, "Welcome to the archive", None, false, now)?;
    Ok(())
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_then_new_builds() {
        let dir = tempfile::tempdir().unwrap();
        let now: jiff::Timestamp = "2024-05-02T10:00:00Z".parse().unwrap();
        init(dir.path(), now).unwrap();
        assert!(dir.path().join("site.toml").is_file());
        let path = new_article(
            dir.path(),
            "Port strike \"ends\"",
            Some(jiff::civil::date(2024, 5, 3)),
            false,
            now,
        )
        .unwrap();
        assert!(path.ends_with("content/2024/2024-05-03-port-strike-ends.md"));
        assert!(
            new_article(
                dir.path(),
                "Port strike \"ends\"",
                Some(jiff::civil::date(2024, 5, 3)),
                false,
                now
            )
            .is_err()
        );
        let options = crate::pipeline::BuildOptions {
            root: dir.path().to_path_buf(),
            ..Default::default()
        };
        let report = crate::pipeline::build(&options).unwrap();
        assert_eq!(report.articles, 2);
    }
}
