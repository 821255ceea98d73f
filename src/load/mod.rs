//! Load: the only stage of the pipeline that reads `content/` (and the site's own
//! `templates/` and `static/`, which it hands on as plain [`ThemeFiles`]).
//!
//! It walks the folder in sorted order (so every run sees the same sequence), recognises the two
//! article formats and page bundles, reads files in parallel and hands back plain `Source`s.
//! Unreadable or non-UTF-8 files become diagnostics; nothing is skipped silently: a named pipe
//! or other special file is skipped with a warning ([`guard`]), a symbolic link that leads out
//! of the site is an error, control characters are normalised with a warning ([`controls`]),
//! a raw `<img>` without `alt` gets an empty one with a warning ([`alt_text`]), and
//! annotations beside no article are reported with the article they most likely belong to.

mod alt_text;
mod controls;
mod guard;
mod image_size;
mod images;
mod nesting;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, closest, display_path};
use crate::model::{Asset, Sidecar, Source, SourceFormat, ThemeFiles};

use guard::Boundary;

/// The folder of articles under the site root.
pub const CONTENT_DIR: &str = "content";

/// Suffix of an annotations file beside an article (`NAME.annotations.toml`).
pub const SIDECAR_SUFFIX: &str = ".annotations.toml";

/// The annotations file of a page bundle.
pub const BUNDLE_SIDECAR: &str = "annotations.toml";

/// An article file found by the walk, before it is read.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    format: SourceFormat,
    assets: Vec<Asset>,
    sidecar: Option<PathBuf>,
}

/// Reads every article under `root/content`, in path order.
pub fn load(root: &Path) -> (Vec<Source>, Vec<Diagnostic>) {
    let (listing, mut diagnostics) = list(root);
    let mut sources = Vec::with_capacity(listing.len());
    for r in listing.read(0..listing.len()) {
        match r {
            Ok((s, warnings)) => {
                sources.push(s);
                diagnostics.extend(warnings);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (sources, diagnostics)
}

/// The article files under `root/content`, found in path order but not read yet, so that a
/// build can read them a slice at a time and hold the text of only one slice at once.
#[derive(Debug)]
pub struct Listing {
    found: Vec<Found>,
    root: PathBuf,
    content: PathBuf,
    walked: Boundary,
}

/// Walks `root/content` for articles, with the problems the walk met (folders that cannot be
/// read, links out of the site, special files, annotations beside no article).
pub fn list(root: &Path) -> (Listing, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let boundary = Boundary::of_site(root, &content);
    let (found, diagnostics) = walk(&content, root, &boundary);
    let listing = Listing {
        found,
        root: root.to_path_buf(),
        walked: boundary.after_walk(),
        content,
    };
    (listing, diagnostics)
}

impl Listing {
    /// How many articles the walk found (some may yet fail to read).
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Reads the articles at `range` of the listing, in parallel, in listing order.
    pub fn read(&self, range: std::ops::Range<usize>) -> Vec<Loaded> {
        self.found[range]
            .par_iter()
            .map(|f| read_source(f, &self.root, &self.content, Some(&self.walked)))
            .collect()
    }

    /// Reads the articles at `positions` of the listing, in parallel, in that order.
    pub fn read_some(&self, positions: &[usize]) -> Vec<Loaded> {
        positions
            .par_iter()
            .map(|&i| read_source(&self.found[i], &self.root, &self.content, Some(&self.walked)))
            .collect()
    }

    /// The files of the article at `i`, before it is read.
    pub fn files_of(&self, i: usize) -> Listed<'_> {
        let f = &self.found[i];
        Listed {
            file: &f.path,
            rel: f.path.strip_prefix(&self.content).unwrap_or(&f.path),
            sidecar: f.sidecar.as_deref(),
            bundle: !f.assets.is_empty(),
        }
    }

    /// A warning for each damaged picture of the articles' bundles .
    pub fn picture_warnings(&self) -> Vec<Diagnostic> {
        images::asset_warnings(self.found.iter().flat_map(|f| &f.assets), &self.root)
    }
}

/// An article file of a [`Listing`] as the walk found it.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    /// The file, under the site root as given.
    pub file: &'a Path,
    /// Its path under `content/`, as [`Source::rel`] has it.
    pub rel: &'a Path,
    /// Its annotations sidecar, when there is one.
    pub sidecar: Option<&'a Path>,
    /// Whether it is a page bundle with files beside it (pictures).
    pub bundle: bool,
}

/// A source read, with the warnings about it; or why it could not be read.
pub type Loaded = Result<(Source, Vec<Diagnostic>), Diagnostic>;

/// Whether `root` looks like a site: warnings when `site.toml` or `content/` is missing, and
/// an error (the message, for the command line) when both are, since building a folder that is
/// not a site — a mistyped `--root`, the wrong working folder — would write a whole empty
/// archive without a word about why it has no articles.
pub fn site_shape(root: &Path) -> Result<Vec<Diagnostic>, String> {
    let config = root.join(crate::config::CONFIG_FILE).exists();
    let content = root.join(CONTENT_DIR).is_dir();
    match (config, content) {
        (false, false) => Err(format!(
            "{} is not a dateline site: it has neither {} nor a {CONTENT_DIR}/ folder; \
             run `dateline init {}` to make one there, or pass --root with the site's folder",
            root.display(),
            crate::config::CONFIG_FILE,
            root.display()
        )),
        (true, false) => Ok(vec![
            Diagnostic::warning(root.join(CONTENT_DIR), "the site has no content/ folder: the archive will have no articles")
                .with_help("put articles (*.md, *.txt) in content/, or check that --root names the site's folder"),
        ]),
        (false, true) => Ok(vec![
            Diagnostic::warning(root.join(crate::config::CONFIG_FILE), "the site has no site.toml: building with the default settings")
                .with_help("create site.toml beside content/ with at least `title` and `base_url` (see the README's `site.toml` section)"),
        ]),
        (true, true) => Ok(Vec::new()),
    }
}

/// Reads the site's own `templates/` and `static/`: templates as text (a template that cannot
/// be read is a diagnostic), static files by path, to be copied as they are.
pub fn theme_files(root: &Path) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut theme = ThemeFiles::default();
    let mut errors = Vec::new();
    for (name, path) in theme_dir(&root.join("templates")) {
        match read_text(&path, &display_path(&path, root)) {
            Ok(text) => {
                theme.templates.insert(name, (text, display_path(&path, root)));
            }
            Err(d) => errors.push(d),
        }
    }
    theme.statics.extend(theme_dir(&root.join("static")));
    if errors.is_empty() { Ok(theme) } else { Err(errors) }
}

/// Files under `dir` as (relative `/`-separated name, path), sorted; hidden files skipped.
fn theme_dir(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (name, e.into_path())
        })
        .collect()
}

/// Reads one article of a site again (the preview server does this when a file changes).
/// `path` is the article's own file: `x.md`, `x.txt`, or a bundle's `index.md`. The warnings
/// are those a build gives the file (control characters normalised, say), for the caller to
/// print as a build would.
pub fn load_article(root: &Path, path: &Path) -> Loaded {
    let content = root.join(CONTENT_DIR);
    let format = format_of(path).ok_or_else(|| Diagnostic::error(display_path(path, root), "not an article file"))?;
    let dir = path.parent().unwrap_or(&content);
    let (assets, sidecar) = if is_bundle_index(path) {
        (
            bundle_assets(dir),
            Some(dir.join(BUNDLE_SIDECAR)).filter(|p| p.is_file()),
        )
    } else {
        (Vec::new(), sidecar_for(path).filter(|p| p.is_file()))
    };
    read_source(
        &Found {
            path: path.to_path_buf(),
            format,
            assets,
            sidecar,
        },
        root,
        &content,
        Some(&Boundary::of_site(root, &content)),
    )
}

/// The article a changed file under `content/` belongs to: itself, the article beside a
/// sidecar, or the `index.md` of the bundle holding it. `None` for files no article uses,
/// named pipes and other special files among them, which the walk skips too.
pub fn article_of(path: &Path) -> Option<PathBuf> {
    if guard::special_kind(path).is_some() {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    if let Some(stem) = name.strip_suffix(SIDECAR_SUFFIX) {
        let dir = path.parent()?;
        return ["md", "txt"]
            .iter()
            .map(|e| dir.join(format!("{stem}.{e}")))
            .find(|p| p.is_file());
    }
    for dir in path.ancestors().skip(1) {
        if let Some(index) = bundle_index(dir) {
            return Some(index);
        }
        if dir.file_name().is_some_and(|n| n == CONTENT_DIR) {
            break;
        }
    }
    format_of(path).map(|_| path.to_path_buf())
}

/// Reads one article file by itself (for `dateline extract`), outside any site, with the
/// warnings a build would give it.
pub fn load_file(path: &Path) -> Loaded {
    let format = format_of(path).ok_or_else(|| {
        Diagnostic::error(path, "not an article: the file name must end in .md or .txt")
            .with_help("pass a Markdown (.md) or wire copy (.txt) file")
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let sidecar = sidecar_for(path).filter(|p| p.is_file());
    let assets = if is_bundle_index(path) {
        bundle_assets(dir)
    } else {
        Vec::new()
    };
    let found = Found {
        path: path.to_path_buf(),
        format,
        assets,
        sidecar,
    };
    read_source(&found, Path::new(""), dir, None)
}

fn walk(content: &Path, root: &Path, boundary: &Boundary) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    if !content.is_dir() {
        return (found, diagnostics);
    }
    let mut it = WalkDir::new(content).sort_by_file_name().follow_links(true).into_iter();
    // An article's notes file sorts before it in its folder ("a.annotations.toml" before
    // "a.md"), so the walk has seen it by then: asking the file system for every article's
    // notes file, which few have, took as long as the rest of the walk.
    let mut sidecars: HashSet<PathBuf> = HashSet::new();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| content.to_path_buf());
                diagnostics.push(
                    Diagnostic::error(display_path(&path, root), format!("cannot read: {e}"))
                        .with_help("check permissions, and that no symbolic link points at a missing file or loops"),
                );
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && (name.starts_with('.') || name.ends_with('~')) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        // Noted before the checks below, as the file system would have answered for it.
        if entry.file_type().is_file() && name.ends_with(SIDECAR_SUFFIX) {
            sidecars.insert(entry.path().to_path_buf());
        }
        if entry.depth() > 0
            && entry.path_is_symlink()
            && let Some(real) = boundary.escape(entry.path())
        {
            diagnostics.push(Boundary::refusal(&display_path(entry.path(), root), &real));
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_dir() && !entry.file_type().is_file() {
            let kind = guard::special_kind(entry.path()).unwrap_or("not a regular file");
            diagnostics.push(guard::skipped(&display_path(entry.path(), root), kind));
            continue;
        }
        if entry.file_type().is_dir() {
            if let Some(index) = bundle_index(entry.path()) {
                let format = format_of(&index).unwrap_or(SourceFormat::Markdown);
                let sidecar = Some(entry.path().join(BUNDLE_SIDECAR)).filter(|p| p.is_file());
                found.push(Found {
                    assets: bundle_assets(entry.path()),
                    path: index,
                    format,
                    sidecar,
                });
                it.skip_current_dir();
            }
            continue;
        }
        let path = entry.path();
        if let Some(format) = format_of(path) {
            let sidecar = sidecar_for(path).filter(|p| sidecars.contains(p));
            found.push(Found {
                path: path.to_path_buf(),
                format,
                assets: Vec::new(),
                sidecar,
            });
        } else if let Some(d) = orphan_sidecar(path, root) {
            diagnostics.push(d);
        }
    }
    (found, diagnostics)
}

/// A warning for an annotations file that no article uses — typically left behind when its
/// article was renamed — naming the article it most likely belongs to. Its notes would
/// otherwise vanish from the archive without a word.
fn orphan_sidecar(path: &Path, root: &Path) -> Option<Diagnostic> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent()?;
    let shown = display_path(path, root);
    if name == BUNDLE_SIDECAR {
        // Inside a bundle the walk never gets here: the folder has no index.md.
        return Some(
            Diagnostic::warning(&shown, "annotations for a page bundle, but the folder has no index.md or index.txt: its notes are not used")
                .with_help("put the article beside it as index.md (or index.txt), or move the notes beside their article as NAME.annotations.toml"),
        );
    }
    let stem = name.strip_suffix(SIDECAR_SUFFIX)?;
    if ["md", "txt"].iter().any(|e| dir.join(format!("{stem}.{e}")).is_file()) {
        return None;
    }
    let mut articles: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| format_of(Path::new(n)).is_some() && !n.starts_with('.'))
        .collect();
    articles.sort();
    let stems: Vec<&str> = articles
        .iter()
        .filter_map(|n| n.rsplit_once('.').map(|(s, _)| s))
        .collect();
    let likely = closest(stem, stems.iter().copied()).or_else(|| nearest(stem, &stems));
    let d = Diagnostic::warning(
        &shown,
        format!("annotations beside no article: there is no {stem}.md or {stem}.txt, so its notes are not used"),
    );
    Some(
        match likely.and_then(|s| {
            articles
                .iter()
                .find(|a| a.rsplit_once('.').is_some_and(|(x, _)| x == s))
        }) {
            Some(article) => {
                let article_stem = article.rsplit_once('.').map_or(article.as_str(), |(s, _)| s);
                d.with_help(format!(
                    "if they belong to {article} (renamed?), rename this file to {article_stem}{SIDECAR_SUFFIX}"
                ))
            }
            None => d.with_help(format!(
                "rename it to NAME{SIDECAR_SUFFIX} beside the article NAME.md or NAME.txt it annotates, or remove it"
            )),
        },
    )
}

/// The stem sharing the longest common start with `stem` (a renamed article usually keeps its
/// date prefix), when any shares at least a few characters.
fn nearest<'a>(stem: &str, stems: &[&'a str]) -> Option<&'a str> {
    stems
        .iter()
        .map(|s| (s.chars().zip(stem.chars()).take_while(|(a, b)| a == b).count(), *s))
        .filter(|(shared, _)| *shared >= 4)
        .max_by_key(|(shared, s)| (*shared, std::cmp::Reverse(*s)))
        .map(|(_, s)| s)
}

/// The `index.md` (or `index.txt`) that makes `dir` a page bundle.
fn bundle_index(dir: &Path) -> Option<PathBuf> {
    ["index.md", "index.txt"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

fn is_bundle_index(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("index.md" | "index.txt")
    )
}

/// A bundle's files other than its index and annotations: images and attachments.
fn bundle_assets(dir: &Path) -> Vec<Asset> {
    let mut assets: Vec<Asset> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let top = p.parent() == Some(dir);
            !(name.starts_with('.') || top && (is_bundle_index(p) || name == BUNDLE_SIDECAR))
        })
        .map(|path| {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let size = image_size::image_size(&path);
            let (embedded, warnings) = images::read_picture(&path);
            Asset {
                path,
                name,
                size,
                embedded,
                warnings,
                derived: Vec::new(),
            }
        })
        .collect();
    assets.sort_by(|a, b| a.name.cmp(&b.name));
    assets
}

fn format_of(path: &Path) -> Option<SourceFormat> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => Some(SourceFormat::Markdown),
        Some("txt") => Some(SourceFormat::Wire),
        _ => None,
    }
}

/// `story.md` → `story.annotations.toml`.
fn sidecar_for(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}{SIDECAR_SUFFIX}")))
}

/// Reads an article and its sidecar. Inside a site (`boundary` given), neither may resolve
/// outside it.
fn read_source(found: &Found, root: &Path, content: &Path, boundary: Option<&Boundary>) -> Loaded {
    let file = display_path(&found.path, root);
    let within = |path: &Path, shown: &Path| match boundary.and_then(|b| b.escape(path)) {
        Some(real) => Err(Boundary::refusal(shown, &real)),
        None => Ok(()),
    };
    within(&found.path, &file)?;
    let mut warnings = Vec::new();
    let mut text = read_text(&found.path, &file)?;
    warnings.extend(controls::normalise(&mut text, &file));
    if found.format == SourceFormat::Markdown {
        warnings.extend(nesting::defuse(&mut text, &file));
        // After `defuse`: a tag it turned into text is no picture.
        warnings.extend(alt_text::mark_missing(&mut text, &file));
    }
    let sidecar = match &found.sidecar {
        Some(p) => {
            let sfile = display_path(p, root);
            within(p, &sfile)?;
            let mut text = read_text(p, &sfile)?;
            warnings.extend(controls::normalise(&mut text, &sfile));
            Some(Sidecar { file: sfile, text })
        }
        None => None,
    };
    let modified = std::fs::metadata(&found.path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    let source = Source {
        modified,
        rel: found.path.strip_prefix(content).unwrap_or(&found.path).to_path_buf(),
        file,
        format: found.format,
        text,
        assets: found.assets.clone(),
        sidecar,
    };
    Ok((source, warnings))
}

/// Reads a file as UTF-8 text, naming the first bad byte's line when it is not. Only a regular
/// file is read: a named pipe or device is refused without waiting on it.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = guard::read_regular(path).map_err(|e| {
        let help = if guard::special_kind(path).is_some() {
            "only regular files are read: put the file itself in its place"
        } else {
            "check that it exists and that you may read it"
        };
        Diagnostic::error(shown, format!("cannot read the file: {e}")).with_help(help)
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..bad].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..bad]).chars().count() + 1;
            let shown_line = String::from_utf8_lossy(
                &bytes[line_start
                    ..bytes[line_start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(bytes.len(), |i| line_start + i)],
            )
            .into_owned();
            let mut d = Diagnostic::error(
                shown,
                format!("the file is not UTF-8 text (byte 0x{:02x} at offset {bad})", bytes[bad]),
            )
            .with_help("re-save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`)");
            d.line = line;
            d.column = column;
            d.source_line = Some(shown_line);
            Err(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn walks_in_sorted_order_and_finds_bundles_and_sidecars() {
        let dir = site(&[
            ("content/b.txt", b"B\n"),
            ("content/a.md", b"# A\n"),
            ("content/a.annotations.toml", b""),
            ("content/2021/bundle/index.md", b"# Bundle\n"),
            ("content/2021/bundle/photo.jpg", b"jpg"),
            ("content/2021/bundle/annotations.toml", b""),
            ("content/notes.pdf", b"%PDF"),
            ("content/.hidden.md", b"# no"),
        ]);
        let (sources, diags) = load(dir.path());
        assert!(diags.is_empty(), "{diags:?}");
        let rels: Vec<_> = sources.iter().map(|s| s.rel.to_string_lossy().into_owned()).collect();
        assert_eq!(rels, ["2021/bundle/index.md", "a.md", "b.txt"]);
        assert_eq!(sources[0].assets.len(), 1);
        assert!(sources[0].sidecar.is_some());
        assert!(sources[1].sidecar.is_some());
        assert_eq!(sources[2].format, SourceFormat::Wire);
        assert_eq!(sources[1].file, Path::new("content/a.md"));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_refused_wherever_they_sit() {
        let outside = site(&[
            ("secret.md", b"+++\ntitle = \"Secret\"\n+++\nPrivate.\n"),
            ("notes.toml", b""),
        ]);
        let dir = site(&[
            ("content/2021/bundle/photo.jpg", b"jpg"),
            ("content/2021/plain.md", b"# Plain\n"),
        ]);
        let link = |from: &str, to: &str| {
            std::os::unix::fs::symlink(outside.path().join(from), dir.path().join(to)).unwrap();
        };
        link("secret.md", "content/2021/bundle/index.md");
        link("notes.toml", "content/2021/plain.annotations.toml");
        link("secret.md", "content/2021/leak.md");
        let (sources, diags) = load(dir.path());
        let rels: Vec<_> = sources.iter().map(|s| s.rel.to_string_lossy().into_owned()).collect();
        assert!(rels.is_empty(), "{rels:?}");
        let mut refused: Vec<_> = diags
            .iter()
            .filter(|d| d.is_error() && d.message.contains("outside the site"))
            .map(|d| d.file.to_string_lossy().into_owned())
            .collect();
        refused.sort();
        refused.dedup();
        assert_eq!(
            refused,
            [
                "content/2021/bundle/index.md",
                "content/2021/leak.md",
                "content/2021/plain.annotations.toml"
            ],
            "{diags:#?}"
        );
    }

    #[test]
    fn an_orphan_sidecar_names_the_likely_article() {
        let dir = site(&[
            ("content/2021/2021-10-13-harbour-reopens.md", b"# Harbour\n"),
            ("content/2021/2021-10-13-harbor-reopen.annotations.toml", b""),
            ("content/2021/kept.md", b"# Kept\n"),
            ("content/2021/kept.annotations.toml", b""),
        ]);
        let (_, diags) = load(dir.path());
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(!diags[0].is_error());
        assert_eq!(
            diags[0].file,
            Path::new("content/2021/2021-10-13-harbor-reopen.annotations.toml")
        );
        let help = diags[0].help.as_deref().unwrap();
        assert!(help.contains("2021-10-13-harbour-reopens.md"), "{help}");
        assert!(help.contains("2021-10-13-harbour-reopens.annotations.toml"), "{help}");
    }

    /// Listing the articles reads none of them: a build reads each slice of the list when it
    /// gets to it, so the text of a whole archive is never in memory at once.
    #[test]
    fn a_listing_reads_each_slice_only_when_asked() {
        let dir = site(&[
            ("content/a.md", b"# First A\n"),
            ("content/b.txt", b"B\n"),
            ("content/c.md", b"# C\n"),
        ]);
        let (listing, diags) = list(dir.path());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(listing.len(), 3);
        std::fs::write(dir.path().join("content/c.md"), "# Second C\n").unwrap();
        std::fs::write(dir.path().join("content/a.md"), [0xff]).unwrap();
        let tail: Vec<Source> = listing.read(1..3).into_iter().map(|r| r.unwrap().0).collect();
        assert_eq!(tail[0].rel, Path::new("b.txt"));
        assert_eq!(tail[1].text, "# Second C\n");
        // A file spoilt after the listing is reported when its slice is read, as `load` would.
        let first = listing.read(0..1).pop().unwrap().unwrap_err();
        assert!(first.message.contains("not UTF-8"), "{first:?}");
    }

    #[test]
    fn non_utf8_names_line_and_fix() {
        let dir = site(&[("content/latin1.txt", b"Headline\n\nCaf\xe9 society\n")]);
        let (sources, diags) = load(dir.path());
        assert!(sources.is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
        assert_eq!(diags[0].column, 4);
        assert!(diags[0].message.contains("not UTF-8"));
        assert!(diags[0].help.as_deref().unwrap().contains("UTF-8"));
    }
}
