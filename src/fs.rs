//! The file system, as renaksi touches it: a file is replaced only by a
//! complete new one, and a new folder appears whole or not at all.

use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// A file held in memory: its `/`-separated path inside a folder and its
/// bytes.
pub type Berkas = (String, Vec<u8>);

/// The largest file of one kind renaksi reads; reading stops there.
#[derive(Debug, Clone, Copy)]
pub struct Batas {
    /// The kind, as a message names it ("PDF", "berkas kata sandi").
    pub jenis: &'static str,
    /// Bytes at most.
    pub bita: u64,
}

/// A report's YAML file (laporan.yaml, narasi.yaml, a table, a quarter).
pub const YAML: Batas = Batas {
    jenis: "berkas laporan",
    bita: 4 << 20,
};
/// A report's logo (PNG, JPEG or SVG): its pixels are bounded apart.
pub const GAMBAR: Batas = Batas {
    jenis: "gambar",
    bita: 16 << 20,
};
/// Any file git asks `renaksi diff` to compare as text.
pub const TEKS_DIFF: Batas = Batas {
    jenis: "berkas yang dibandingkan",
    bita: 64 << 20,
};
/// Any other file of a report folder that `init --from` copies (a PDF
/// kept beside the YAML, a scan).
pub const SALINAN: Batas = Batas {
    jenis: "berkas yang disalin",
    bita: 256 << 20,
};
/// A PDF to verify or sign.
pub const PDF: Batas = Batas {
    jenis: "PDF",
    bita: 256 << 20,
};
/// A PKCS#12 key file.
pub const P12: Batas = Batas {
    jenis: "berkas kunci .p12",
    bita: 1 << 20,
};
/// A file holding the key's password on its first line.
pub const SANDI: Batas = Batas {
    jenis: "berkas kata sandi",
    bita: 64 << 10,
};
/// A workbook to import (its parts, once unpacked, are bounded apart).
pub const BUKU_KERJA: Batas = Batas {
    jenis: "lembar kerja laporan",
    bita: 32 << 20,
};

/// A size in words: "4 MB", "64 KB".
pub fn ukuran(bita: u64) -> String {
    if bita >= 1 << 20 {
        let mb = bita as f64 / f64::from(1 << 20);
        if bita.is_multiple_of(1 << 20) {
            format!("{mb:.0} MB")
        } else {
            format!("{mb:.1} MB").replace('.', ",")
        }
    } else {
        format!("{} KB", bita.div_ceil(1 << 10))
    }
}

/// Reads the regular file at `path` whole, at most `batas` bytes: a
/// larger file, a folder, a FIFO or a device is refused (a FIFO is not
/// waited on), naming the file.
pub fn baca(path: &Path, batas: Batas) -> Result<Vec<u8>, Error> {
    baca_io(path, batas).map_err(|e| Error::io("tidak dapat membaca", path, e))
}

/// [`baca`], or `None` when there is no file at `path`.
pub fn baca_jika_ada(path: &Path, batas: Batas) -> Result<Option<Vec<u8>>, Error> {
    match baca_io(path, batas) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("tidak dapat membaca", path, e)),
    }
}

/// [`baca`] as UTF-8 text.
pub fn baca_teks(path: &Path, batas: Batas) -> Result<String, Error> {
    String::from_utf8(baca(path, batas)?).map_err(|_| {
        Error::io(
            "tidak dapat membaca",
            path,
            std::io::Error::from(std::io::ErrorKind::InvalidData),
        )
    })
}

/// [`baca`] with the operating system's error, for callers that tell a
/// missing file apart.
pub fn baca_io(path: &Path, batas: Batas) -> std::io::Result<Vec<u8>> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer; without blocking it
    // opens at once and is refused below as not a regular file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "bukan berkas biasa ({}); berikan {}",
            jenis_berkas(&meta),
            batas.jenis
        )));
    }
    if meta.len() > batas.bita {
        return Err(std::io::Error::other(terlalu_besar(meta.len(), batas)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read stops at the limit too.
    file.take(batas.bita + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > batas.bita {
        return Err(std::io::Error::other(terlalu_besar(
            bytes.len() as u64,
            batas,
        )));
    }
    Ok(bytes)
}

/// "berkas terlalu besar: 50 MB (PDF paling besar 256 MB)".
pub fn terlalu_besar(bita: u64, batas: Batas) -> String {
    format!(
        "berkas terlalu besar: {} ({} paling besar {})",
        ukuran(bita),
        batas.jenis,
        ukuran(batas.bita)
    )
}

/// What a file that is not a regular file is, in words.
fn jenis_berkas(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "pipa bernama (FIFO)";
        }
        if t.is_block_device() || t.is_char_device() {
            return "perangkat";
        }
        if t.is_socket() {
            return "soket";
        }
    }
    if meta.is_dir() {
        "folder"
    } else {
        "bukan berkas biasa"
    }
}

/// Refuses `path` as an output unless it is absent or a regular file (a
/// symbolic link to one counts as the file): a FIFO, a device or a folder
/// is never replaced by a file.
pub fn keluaran_boleh(path: &Path) -> Result<(), Error> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) => Err(Error::io(
            "tidak akan menulis",
            path,
            std::io::Error::other(format!(
                "sudah ada dan bukan berkas biasa ({}); pilih nama berkas lain",
                jenis_berkas(&meta)
            )),
        )),
        Err(_) => Ok(()),
    }
}

/// The file `rel` (a `/`-separated path) of the report folder `root`,
/// checked the way reading it is: no `..` or absolute path, and neither the
/// file (when it exists) nor any folder on the way to it may lead out of
/// `root` through a symbolic link. For every command that writes into a
/// report folder.
pub fn di_dalam(root: &Path, rel: &str) -> Result<PathBuf, Error> {
    let luar = |what: &str| -> Error {
        crate::error::Problem::new(
            format!("{}/{rel}", root.display()),
            format!("{what} menunjuk ke luar folder laporan (tautan simbolik)"),
        )
        .hint("renaksi hanya menulis di dalam folder laporan; ganti tautan itu dengan berkas atau folder sungguhan")
        .into()
    };
    let inside = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(crate::error::Problem::new(
            format!("{}/{rel}", root.display()),
            "berkas berada di luar folder laporan",
        )
        .hint("tulis jalur relatif di dalam folder laporan, tanpa \"..\" atau \"/\" di depan")
        .into());
    }
    let top = root
        .canonicalize()
        .map_err(|e| Error::io("tidak dapat membuka folder laporan", root, e))?;
    let path = root.join(rel);
    // The nearest folder on the way that exists must be inside.
    let mut folder = path.parent();
    while let Some(f) = folder {
        match f.canonicalize() {
            Ok(real) if real.starts_with(&top) => break,
            Ok(_) => return Err(luar("folder")),
            Err(_) => folder = f.parent(),
        }
    }
    if let Ok(meta) = fs::symlink_metadata(&path) {
        if meta.file_type().is_symlink() {
            match path.canonicalize() {
                Ok(real) if real.starts_with(&top) => {}
                _ => return Err(luar("berkas")),
            }
        }
    }
    Ok(path)
}

/// Writes a document renaksi made (a PDF, Typst source, a workbook, a
/// sidecar) to `path`: as [`write_atomic`], but never over a file a report
/// is written in (YAML) or shows (an image) — a slip such as
/// `--emit-typst narasi.yaml` would lose it.
pub fn write_keluaran(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ["yaml", "yml", "png", "jpg", "jpeg", "svg"].contains(&ext.as_str()) && path.exists() {
        return Err(Error::io(
            "tidak akan menimpa",
            path,
            std::io::Error::other(format!(
                "berkas .{ext} adalah masukan laporan, bukan keluaran renaksi; pilih nama keluaran lain"
            )),
        ));
    }
    write_atomic(path, bytes)
}

/// The save lock: held while an editor checks that the files it is about
/// to write are still as it read them and writes them, so that two
/// editors (two `renaksi serve` on one folder) cannot both pass the check
/// and the second save undo the first. One lock for the whole computer,
/// in the temporary folder: saves are short. Released when dropped.
pub fn kunci_simpan() -> Result<fs::File, Error> {
    let path = std::env::temp_dir().join("renaksi-simpan.lock");
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        // Made by another user: a read-only handle can hold the lock too.
        .or_else(|_| fs::File::open(&path))
        .map_err(|e| Error::io("tidak dapat membuka kunci simpan", &path, e))?;
    file.lock()
        .map_err(|e| Error::io("tidak dapat memegang kunci simpan", &path, e))?;
    Ok(file)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so `path` holds either its old content or the complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    keluaran_boleh(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io("tidak dapat membuat folder", dir, e))?;
    bersihkan_sisa(dir);
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

/// How old a temporary file of renaksi's must be to be taken for the
/// leftover of a run that was killed: no write takes this long.
const SISA_TUA: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes what a run that was killed while writing left in `dir`: its
/// temporary files (`.renaksi-*.tmp`) older than [`SISA_TUA`]. Best
/// effort: a file that cannot be removed stays.
pub fn bersihkan_sisa(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".renaksi-") && name.ends_with(".tmp")) {
            continue;
        }
        let tua = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > SISA_TUA);
        if tua {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Every regular file below `dir` by its `/`-separated path, sorted; the
/// `.git` folder and symbolic links are left out. Each file is read within
/// its kind's limit ([`YAML`], else [`SALINAN`]).
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
                let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
                let batas = if name.ends_with(".yaml") || name.ends_with(".yml") {
                    YAML
                } else {
                    SALINAN
                };
                let bytes = baca(&path, batas)?;
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

/// The version of every JSON format renaksi writes (the batch manifest,
/// the signature sidecar, `check --format json`, `diff --format json`),
/// written as `"versi"` in each; see docs/json.md. It goes up only when a
/// key is renamed or removed or its meaning changes; new keys may be added
/// without it.
pub const VERSI_JSON: u32 = 1;
