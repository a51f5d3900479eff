//! The `$schema` modelines of copied files, re-pointed from the new folder.

use std::path::{Path, PathBuf};

use crate::content::Berkas;

/// The `$schema` modelines of copied files point at the same schema from
/// the new folder, when `old` and `new` are at different depths.
pub fn fix_modelines(files: &mut [Berkas], old: &Path, new: &Path) {
    const MODELINE: &str = "# yaml-language-server: $schema=";
    let (Ok(old), Some(new)) = (old.canonicalize(), absolute(new)) else {
        return;
    };
    for (rel, bytes) in files.iter_mut() {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let Some(first) = text.lines().next() else {
            continue;
        };
        let Some(target) = first.strip_prefix(MODELINE) else {
            continue;
        };
        if target.contains("://") || Path::new(target).is_absolute() {
            continue;
        }
        let folder = |root: &Path| match Path::new(rel.as_str()).parent() {
            Some(p) => root.join(p),
            None => root.to_path_buf(),
        };
        let Ok(schema) = folder(&old).join(target).canonicalize() else {
            continue;
        };
        let Some(relative) = relative(&folder(&new), &schema) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if relative != target {
            let rest = &text[first.len()..];
            *bytes = format!("{MODELINE}{relative}{rest}").into_bytes();
        }
    }
}

/// `path` made absolute without requiring it to exist.
pub(super) fn absolute(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.canonicalize().ok()?,
        _ => std::env::current_dir().ok()?,
    };
    Some(parent.join(path.file_name()?))
}

/// The path that leads from the folder `from` to `to` (both absolute).
pub(super) fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}
