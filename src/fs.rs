//! Files this tool writes: always whole, never half-written.

use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file in the same directory (0600, a name no
/// other run picks), flushed to disk, then renamed over `path`: a reader sees the old file or
/// the new one, never half of one, and a run stopped midway leaves the old file as it was.
/// A missing directory is created 0700, as it may hold secrets' neighbours. When `path` is a
/// symbolic link (a config file kept in a dotfiles repository), the file it points at is
/// replaced, beside itself, and the link stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let target = follow_symlinks(path);
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir)?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let mut nonce = [0u8; 6];
    let _ = getrandom::fill(&mut nonce);
    let suffix: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
    let temp = dir.join(format!(".{file_name}.{}.{suffix}.tmp", std::process::id()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Where a path that may be a symbolic link (or a chain of them) ends: the file to replace,
/// so that a symlinked file stays a symlink. A dangling link's target is where the file goes;
/// a loop gives up after 40 links, as the kernel does.
pub fn follow_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            break;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    current
}

/// `$VAR/sn-handoff` when the XDG variable `var` is set and not empty, else
/// `$HOME/<fallback>/sn-handoff` (`.config`, `.local/state`); `None` with neither.
pub fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(fallback))
        })?;
    Some(base.join("sn-handoff"))
}
