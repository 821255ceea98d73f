//! The derivatives stage, between indexing and rendering: makes the smaller copies of every
//! bundle picture that pages show, or finds them already made.
//!
//! Encoding a 12-megapixel picture three times costs far more than rendering its page, so each
//! picture's copies are made once and kept in a content-addressed folder,
//! `.dateline/images/<hash>-<width>.<ext>`, where the hash covers the picture's bytes, the
//! derivative settings and [`CODE_VERSION`]. A rebuild finds them there and encodes nothing;
//! the write stage copies them into the output like any bundle file. A changed picture or
//! setting has a new hash, so a stale copy is never served.
//!
//! Pictures are processed in parallel on the build's worker threads (`--jobs`), each decoded,
//! resized and dropped before the next: memory holds one decoded picture per thread.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::ImagesConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Archive, Asset, Derived};
use crate::photo::{self, Embedded, derive};

/// The derivative cache, under the site root.
pub const CACHE_DIR: &str = ".dateline/images";

/// Changes whenever a change to this crate's resizing or encoding would change the files made,
/// so that copies made by an older version are not reused.
pub const CODE_VERSION: u32 = 1;

/// The largest picture file read to make derivatives.
const READ_LIMIT: u64 = 256 * 1024 * 1024;

/// What the stage did: pictures whose copies were encoded, and those found in the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub made: usize,
    pub reused: usize,
    pub warnings: Vec<Diagnostic>,
    /// The cache files this build's pages link, by file name; `None` when the stage did not
    /// run (derivatives turned off), so that nothing is pruned on its account.
    pub used: Option<BTreeSet<String>>,
}

/// Makes or finds the derivatives of every picture in the archive and records them on its
/// asset, for the render stage to link and the write stage to copy.
pub fn prepare(archive: &mut Archive, root: &Path, config: &ImagesConfig) -> Summary {
    if !config.derivatives {
        return Summary::default();
    }
    let settings = derive::Settings {
        widths: config.widths.clone(),
        keep_gps: config.keep_gps,
    };
    let cache = root.join(CACHE_DIR);
    let made = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let mut assets: Vec<&mut Asset> = archive
        .stories
        .iter_mut()
        .flat_map(|s| s.article.assets.iter_mut())
        .collect();
    let warnings: Vec<Diagnostic> = assets
        .par_iter_mut()
        .filter_map(|asset| {
            let outcome = derive_one(asset, &cache, &settings).map_err(|message| {
                Diagnostic::warning(display_path(&asset.path, root), message).with_help(
                    "the page shows the original file instead; re-export the picture from its original to fix it",
                )
            });
            match outcome {
                Ok(Some(true)) => made.fetch_add(1, Ordering::Relaxed),
                Ok(Some(false)) => reused.fetch_add(1, Ordering::Relaxed),
                Ok(None) => 0,
                Err(d) => return Some(d),
            };
            None
        })
        .collect();
    let used = assets
        .iter()
        .flat_map(|a| &a.derived)
        .filter_map(|d| Some(d.cache.file_name()?.to_str()?.to_string()))
        .collect();
    Summary {
        made: made.into_inner(),
        reused: reused.into_inner(),
        warnings,
        used: Some(used),
    }
}

/// Removes from the cache of the site at `root` every copy that `used` does not name, after
/// a build has succeeded: copies of pictures since changed, removed or resized under other
/// settings would otherwise pile up for ever. Only files named the way this cache names
/// them are touched (anything else put in the folder is left alone), and the caller holds
/// the build store's lock, so no other build is writing copies meanwhile. Returns how many
/// files were removed; a file that cannot be removed is left for the next build.
pub fn prune(root: &Path, used: &BTreeSet<String>) -> usize {
    let Ok(entries) = std::fs::read_dir(root.join(CACHE_DIR)) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|name| is_cache_name(name) && !used.contains(name))
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Whether `name` is one this cache gives its files: `<32 hex digits>-<width>.<jpg|png|webp>`,
/// or the temporary name such a file is written under first (`….tmp<pid>-<n>`), left behind
/// by a build that was interrupted.
fn is_cache_name(name: &str) -> bool {
    let Some((key, rest)) = name.split_once('-') else {
        return false;
    };
    let Some((width, ext)) = rest.split_once('.') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let temporary = ext
        .strip_prefix("tmp")
        .and_then(|t| t.split_once('-'))
        .is_some_and(|(pid, n)| digits(pid) && digits(n));
    key.len() == 32
        && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && digits(width)
        && (matches!(ext, "jpg" | "png" | "webp") || temporary)
}

/// Fills in one asset's derivatives: `Some(true)` when they were encoded now, `Some(false)`
/// when found in the cache, `None` when the file gets none.
fn derive_one(asset: &mut Asset, cache: &Path, settings: &derive::Settings) -> Result<Option<bool>, String> {
    let (Some(size), Some(kinds)) = (asset.size, format_of(&asset.name).and_then(derive::kinds)) else {
        return Ok(None);
    };
    let bare = Embedded::default();
    let record = asset.embedded.as_deref().unwrap_or(&bare);
    let shown = derive::upright(size, record.orientation);
    let planned = derive::plan(shown, &settings.widths);
    if planned.is_empty() {
        return Ok(None);
    }
    // At its own width the picture is offered as it is in its own format, and as a copy in
    // the others.
    let full: &[derive::Kind] = if derive::offers_full_width(shown, &settings.widths) {
        &kinds[1..]
    } else {
        &[]
    };
    let bytes = read_limited(&asset.path)?;
    let key = cache_key(&bytes, settings);
    let file = |width: u32, kind: derive::Kind| cache.join(format!("{key}-{width}.{}", kind.extension()));
    let derived: Vec<Derived> = planned
        .iter()
        .flat_map(|&(width, height)| {
            kinds
                .iter()
                .filter(move |k| k.fits(width, height))
                .map(move |&kind| Derived {
                    width,
                    height,
                    kind,
                    cache: file(width, kind),
                })
        })
        .chain(full.iter().filter(|k| k.fits(shown.0, shown.1)).map(|&kind| Derived {
            width: shown.0,
            height: shown.1,
            kind,
            cache: file(shown.0, kind),
        }))
        .collect();
    let cached = derived.iter().all(|d| d.cache.is_file());
    if !cached {
        let made = derive::make(&bytes, record, settings).map_err(|e| e.to_string())?;
        drop(bytes);
        std::fs::create_dir_all(cache).map_err(|e| format!("cannot create {} ({e})", cache.display()))?;
        for d in made {
            write_atomically(&file(d.width, d.kind), &d.bytes)?;
        }
        // The decoder's idea of the picture's size prevails over the header's, should they
        // ever differ: only files actually made are linked.
        if !derived.iter().all(|d| d.cache.is_file()) {
            return Err("the picture's size differs from what its header states; no smaller copies are made".into());
        }
    }
    asset.derived = derived;
    Ok(Some(!cached))
}

/// The format of a picture, from its file name (the loader has already read its header).
fn format_of(name: &str) -> Option<photo::Format> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "jpe" => Some(photo::Format::Jpeg),
        "png" => Some(photo::Format::Png),
        _ => None,
    }
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(READ_LIMIT + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("the picture cannot be read ({e})"))?;
    if bytes.len() as u64 > READ_LIMIT {
        return Err(format!(
            "the picture is larger than {} MB; no smaller copies are made",
            READ_LIMIT / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// The hash naming a picture's derivatives: its bytes, the settings and the code version.
fn cache_key(bytes: &[u8], settings: &derive::Settings) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    hasher.update(format!("{:?}|{CODE_VERSION}", settings).as_bytes());
    hasher.finalize().to_hex()[..32].to_string()
}

/// Writes a cache file under a temporary name first, so an interrupted build never leaves a
/// half-written copy that a later build would take for a finished one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    // Two bundles can hold the same picture: each writer has a name of its own.
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tmp: PathBuf = path.with_extension(format!("tmp{}-{n}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {} ({e})", path.display())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_caches_own_names_are_its_files() {
        let key = "0123456789abcdef0123456789abcdef";
        for (name, ours) in [
            (format!("{key}-480.jpg"), true),
            (format!("{key}-1600.webp"), true),
            (format!("{key}-960.png"), true),
            (format!("{key}-960.tmp4242-7"), true),
            (format!("{key}-960.gif"), false),
            (format!("{key}-960.jpg.bak"), false),
            (format!("{key}-.jpg"), false),
            (format!("{}-480.jpg", &key[..31]), false),
            (format!("{}-480.jpg", key.to_uppercase()), false),
            ("notes.txt".to_string(), false),
            (format!("{key}-960.tmp-7"), false),
        ] {
            assert_eq!(is_cache_name(&name), ours, "{name}");
        }
    }
}
