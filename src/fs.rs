//! The file system, as renaksi touches it: a file is replaced only by a
//! complete new one, and a new folder appears whole or not at all.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::content::Berkas;
use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so `path` holds either its old content or the complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io("tidak dapat membuat folder", dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".renaksi-").suffix(".tmp");
    // Created like any new file (0666 less the umask), not private like a
    // temporary file; a replaced file keeps its own permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("tidak dapat membuat berkas sementara di", dir, e))?;
    temp.write_all(bytes)
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| Error::io("tidak dapat menulis", path, e))?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(temp.path(), meta.permissions())
            .map_err(|e| Error::io("tidak dapat menulis", path, e))?;
    }
    temp.persist(path)
        .map_err(|e| Error::io("tidak dapat menulis", path, e.error))?;
    Ok(())
}

/// Every regular file below `dir` by its `/`-separated path, sorted; the
/// `.git` folder and symbolic links are left out.
pub fn read_tree(dir: &Path) -> Result<Vec<Berkas>, Error> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Berkas>) -> Result<(), Error> {
        let entries =
            fs::read_dir(dir).map_err(|e| Error::io("tidak dapat membaca folder", dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("tidak dapat membaca folder", dir, e))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| Error::io("tidak dapat membaca", &path, e))?;
            if entry.file_name() == ".git" || kind.is_symlink() {
                continue;
            }
            if kind.is_dir() {
                walk(root, &path, out)?;
            } else if kind.is_file() {
                let bytes =
                    fs::read(&path).map_err(|e| Error::io("tidak dapat membaca", &path, e))?;
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push((rel.join("/"), bytes));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Writes `files` as the new folder `dir`, all or nothing: they go to a
/// temporary folder beside it that is then renamed. An existing `dir` is
/// refused unless it is empty; nothing in it is ever overwritten.
pub fn write_tree(dir: &Path, files: &[Berkas]) -> Result<(), Error> {
    let exists = match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::Usage {
                    message: format!("folder {} sudah berisi berkas", dir.display()),
                    hint: "pilih nama folder baru; renaksi init tidak menimpa apa pun".into(),
                });
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io("tidak dapat membuka folder", dir, e)),
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("tidak dapat membuat folder", &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".renaksi-init-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io("tidak dapat membuat folder sementara di", &parent, e))?;
    for (rel, bytes) in files {
        let inside = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            continue;
        }
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .map_err(|e| Error::io("tidak dapat membuat folder", folder, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io("tidak dapat menulis", &path, e))?;
    }
    if exists {
        fs::remove_dir(dir)
            .map_err(|e| Error::io("tidak dapat mengganti folder kosong", dir, e))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, dir).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        Error::io("tidak dapat membuat folder", dir, e)
    })
}
