//! What may be read from `content/`: regular files that lie inside the site.
//!
//! A symbolic link is followed only when it resolves inside the site (its root folder, or the
//! real folder `content/` points at when `content/` is itself a link): a link to `/etc/passwd`
//! would otherwise be published as an article, and a linked folder would walk the whole disk.
//! Anything that is not a regular file — a named pipe, a socket, a device — is never opened:
//! reading a pipe waits for a writer that never comes, which hangs a build and wedges `serve`.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The real folders a site's content may resolve into.
#[derive(Debug, Clone)]
pub struct Boundary {
    inside: Vec<PathBuf>,
    /// Set once the walk has checked every folder on the way: then only a file that is itself
    /// a link can lead out, and a plain file costs no path resolution.
    folders_checked: bool,
}

impl Boundary {
    /// The site `root` and its `content` folder, both with every link resolved.
    pub fn of_site(root: &Path, content: &Path) -> Boundary {
        let inside = [root, content]
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        Boundary {
            inside,
            folders_checked: false,
        }
    }

    /// The same boundary, for files whose folders the walk has already checked.
    pub fn after_walk(&self) -> Boundary {
        Boundary {
            folders_checked: true,
            ..self.clone()
        }
    }

    /// Where `path` really is, when that is outside the site (`None` when it is inside, or
    /// when it cannot be resolved: reading it then reports why).
    pub fn escape(&self, path: &Path) -> Option<PathBuf> {
        if self.folders_checked && !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return None;
        }
        let real = std::fs::canonicalize(path).ok()?;
        (!self.inside.iter().any(|dir| real.starts_with(dir))).then_some(real)
    }

    /// The error for a link that leads out of the site.
    pub fn refusal(shown: &Path, real: &Path) -> Diagnostic {
        Diagnostic::error(
            shown,
            format!(
                "symbolic link leads outside the site, to {}: it is not read",
                real.display()
            ),
        )
        .with_help("copy the file into the site, or point the link at a file inside the site folder")
    }
}

/// What a path that is not a regular file or a folder is, for messages; `None` for files,
/// folders and paths that do not exist.
pub fn special_kind(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    special(kind)
}

fn special(kind: std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The warning for a special file found by the walk.
pub fn skipped(shown: &Path, kind: &str) -> Diagnostic {
    Diagnostic::warning(
        shown,
        format!("skipped: it is {kind}, not a regular file, so it is never read"),
    )
    .with_help("remove it, or put the file itself in its place")
}

/// Reads the bytes of a regular file, refusing anything else without waiting on it: the type
/// is checked before opening, and the file is opened non-blocking and checked again, so a pipe
/// put in its place in between still cannot hang the read.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let not_regular = |kind: &str| std::io::Error::other(format!("it is {kind}, not a regular file"));
    if let Some(kind) = special_kind(path) {
        return Err(not_regular(kind));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = special(meta.file_type()) {
        return Err(not_regular(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    }

    #[test]
    fn a_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("wire.md");
        fifo(&pipe);
        assert_eq!(special_kind(&pipe), Some("a named pipe (FIFO)"));
        let e = read_regular(&pipe).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        std::fs::write(dir.path().join("plain.md"), "text").unwrap();
        assert_eq!(read_regular(&dir.path().join("plain.md")).unwrap(), b"text");
        assert_eq!(special_kind(&dir.path().join("plain.md")), None);
    }

    #[test]
    fn links_inside_pass_and_links_outside_are_caught() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(site.path().join("shared.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), content.join("out.md")).unwrap();
        std::os::unix::fs::symlink(site.path().join("shared.md"), content.join("in.md")).unwrap();
        let boundary = Boundary::of_site(site.path(), &content);
        assert!(boundary.escape(&content.join("in.md")).is_none());
        assert_eq!(
            boundary.escape(&content.join("out.md")),
            Some(std::fs::canonicalize(outside.path().join("secret")).unwrap())
        );
    }
}
