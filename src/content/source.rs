//! Where a report's files come from: a folder on disk, or the example
//! embedded in the binary. Only files inside the report's folder are read.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Problem};

pub use crate::fs::Berkas;

/// The files of one report.
#[derive(Debug, Clone)]
pub struct Source {
    /// How files are named in messages, e.g. `content/kubutambahan-2022`.
    pub label: String,
    /// The folder's name, used for the PDF's file name.
    pub name: String,
    kind: Kind,
    /// The batch folder above, when the report is part of a batch.
    batch: Option<Box<Source>>,
    /// Files that stand in for those on disk (an editor's unsaved text).
    overlay: Option<Arc<[Berkas]>>,
    /// For files read from git: the folder on disk and the revision.
    git: Option<(PathBuf, String)>,
}

#[derive(Debug, Clone)]
enum Kind {
    Dir(PathBuf),
    /// Files held in memory by their `/`-separated paths.
    Memory(Arc<[(String, Vec<u8>)]>),
}

/// How the bundled example is named in messages.
const CONTOH: &str = "(contoh bawaan) content/kubutambahan-2022";

impl Source {
    /// A report folder on disk.
    pub fn from_dir(dir: &Path) -> Result<Self, Error> {
        let meta = fs::metadata(dir)
            .map_err(|e| Error::io("tidak dapat membuka folder laporan", dir, e))?;
        if !meta.is_dir() {
            return Err(Error::io(
                "bukan folder laporan",
                dir,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "berikan folder yang berisi laporan.yaml",
                ),
            ));
        }
        let canonical = dir
            .canonicalize()
            .map_err(|e| Error::io("tidak dapat membuka folder laporan", dir, e))?;
        let name = canonical
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "laporan".into());
        let label = Self::label_of(dir);
        // A kabupaten.yaml in the folder above makes this report part of a batch.
        let batch = match canonical.parent() {
            Some(parent) if parent.join(crate::content::KABUPATEN).is_file() => {
                let label = match dir.parent() {
                    Some(p) if !p.as_os_str().is_empty() => Self::label_of(p),
                    _ => "..".to_owned(),
                };
                Some(Box::new(Source {
                    label,
                    name: String::new(),
                    kind: Kind::Dir(parent.to_path_buf()),
                    batch: None,
                    overlay: None,
                    git: None,
                }))
            }
            _ => None,
        };
        Ok(Source {
            label,
            name,
            kind: Kind::Dir(canonical),
            batch,
            overlay: None,
            git: None,
        })
    }

    /// How a folder is named in messages: as the user wrote it.
    pub fn label_of(dir: &Path) -> String {
        dir.display().to_string().trim_end_matches('/').to_owned()
    }

    /// The bundled example report (Kecamatan Kubutambahan 2022).
    pub fn example() -> Self {
        let files = crate::embedded::EXAMPLE
            .iter()
            .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()));
        Self::memory(CONTOH, "kubutambahan-2022", files)
    }

    /// Whether this is the bundled example.
    pub fn contoh(&self) -> bool {
        self.asal().is_none() && self.label == CONTOH
    }

    /// A report whose files are held in memory, by `/`-separated paths
    /// such as `lampiran/1-program.yaml`; `label` names it in messages.
    pub fn memory(
        label: &str,
        name: &str,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Self {
        Source {
            label: label.to_owned(),
            name: name.to_owned(),
            kind: Kind::Memory(files.into_iter().collect()),
            batch: None,
            overlay: None,
            git: None,
        }
    }

    /// The same files, known to be the folder `dir` at the git revision
    /// `rev`.
    pub fn from_git(mut self, dir: &Path, rev: &str) -> Self {
        self.git = Some((dir.to_path_buf(), rev.to_owned()));
        self
    }

    /// Where the report is on disk: its folder, or for files read from
    /// git the folder and the revision they were read at. `None` for the
    /// bundled example.
    pub fn asal(&self) -> Option<(&Path, Option<&str>)> {
        match (&self.kind, &self.git) {
            (_, Some((dir, rev))) => Some((dir, Some(rev))),
            (Kind::Dir(dir), None) => Some((dir, None)),
            (Kind::Memory(_), None) => None,
        }
    }

    /// The same report with `files` (by `/`-separated paths) read instead
    /// of the files of the same name, and `batch` instead of the batch
    /// folder's; both named in messages by `label` and `batch_label`.
    /// Files not in the overlay are read as before.
    pub fn overlaid(
        mut self,
        label: &str,
        files: Vec<Berkas>,
        batch_label: &str,
        batch: Vec<Berkas>,
    ) -> Self {
        self.label = label.to_owned();
        self.overlay = Some(files.into());
        if let Some(b) = self.batch.as_deref_mut() {
            b.label = batch_label.to_owned();
            b.overlay = Some(batch.into());
        }
        self
    }

    /// The same report as part of the batch whose folder is `batch`.
    pub fn in_batch(mut self, batch: Source) -> Self {
        self.batch = Some(Box::new(batch));
        self
    }

    /// The batch folder this report belongs to, if any.
    pub fn batch(&self) -> Option<&Source> {
        self.batch.as_deref()
    }

    /// How the file `rel` is named in messages.
    pub fn display(&self, rel: &str) -> String {
        // In the current folder a file is named by itself.
        if self.label == "." {
            return rel.to_owned();
        }
        format!("{}/{rel}", self.label)
    }

    /// Reads the file `rel` (a `/`-separated path inside the report), or
    /// `None` when it does not exist. Paths leaving the folder are refused.
    pub fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        let inside = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside || rel.is_empty() {
            return Err(Problem::new(self.display(rel), "berkas berada di luar folder laporan")
                .hint("tulis jalur relatif di dalam folder laporan, tanpa \"..\" atau \"/\" di depan")
                .into());
        }
        if let Some(bytes) = self.in_overlay(rel) {
            return Ok(Some(bytes.clone()));
        }
        match &self.kind {
            Kind::Memory(files) => Ok(files.iter().find(|(n, _)| n == rel).map(|(_, b)| b.clone())),
            Kind::Dir(root) => {
                let path = root.join(rel);
                let real = match path.canonicalize() {
                    Ok(real) => real,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(Error::io("tidak dapat membaca", path, e)),
                };
                if !real.starts_with(root) {
                    return Err(Problem::new(
                        self.display(rel),
                        "berkas menunjuk ke luar folder laporan (tautan simbolik)",
                    )
                    .hint("salin berkasnya ke dalam folder laporan")
                    .into());
                }
                let batas = if rel.ends_with(".yaml") || rel.ends_with(".yml") {
                    crate::fs::YAML
                } else {
                    crate::fs::GAMBAR
                };
                match crate::fs::baca_io(&real, batas) {
                    Ok(bytes) => Ok(Some(bytes)),
                    // renaksi's own refusal (too large, not a regular file).
                    Err(e) if e.raw_os_error().is_none() && e.kind() == std::io::ErrorKind::Other => {
                        Err(Problem::new(self.display(rel), e.to_string())
                            .hint("periksa apakah ini memang berkas laporan; bagi tabel yang sangat besar ke beberapa laporan")
                            .into())
                    }
                    Err(e) => Err(Error::io("tidak dapat membaca", path, e)),
                }
            }
        }
    }

    /// The overlay's bytes for the file `rel`, if it holds that file.
    fn in_overlay(&self, rel: &str) -> Option<&Vec<u8>> {
        let overlay = self.overlay.as_deref()?;
        overlay.iter().find(|(n, _)| n == rel).map(|(_, b)| b)
    }

    /// Whether the file `rel` exists, without reading it.
    pub fn exists(&self, rel: &str) -> bool {
        if self.in_overlay(rel).is_some() {
            return true;
        }
        match &self.kind {
            Kind::Memory(files) => files.iter().any(|(n, _)| n == rel),
            Kind::Dir(root) => root.join(rel).is_file(),
        }
    }

    /// The `.yaml` files in the report's subfolder `dir`, sorted by name.
    pub fn list_yaml(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut names: Vec<String> = match &self.kind {
            Kind::Memory(files) => in_dir(files, dir).collect(),
            Kind::Dir(root) => match fs::read_dir(root.join(dir)) {
                Ok(entries) => entries
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(e) => return Err(Error::io("tidak dapat membaca folder", root.join(dir), e)),
            },
        };
        if let Some(overlay) = &self.overlay {
            names.extend(in_dir(overlay, dir));
            names.sort();
            names.dedup();
        }
        names.retain(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !n.starts_with('.'));
        names.sort();
        Ok(names.into_iter().map(|n| format!("{dir}/{n}")).collect())
    }
}

/// The names of the files of `files` directly in the folder `dir`.
fn in_dir<'a>(files: &'a [Berkas], dir: &'a str) -> impl Iterator<Item = String> + 'a {
    files
        .iter()
        .filter_map(move |(n, _)| n.strip_prefix(dir)?.strip_prefix('/'))
        .filter(|n| !n.contains('/'))
        .map(str::to_owned)
}

/// The report folders directly under `dir` (those holding a laporan.yaml),
/// sorted by name so every run, machine and shard sees the same order.
pub fn discover(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io("tidak dapat membuka folder batch", dir, e))?;
    let mut folders: Vec<std::path::PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(super::LAPORAN).is_file())
        // In the current folder a report is named by itself, not `./name`.
        .map(|p| match p.strip_prefix(".") {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => p,
        })
        .collect();
    folders.sort();
    Ok(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An editor's unsaved text stands in for the file on disk, a new
    /// file joins the listing, and everything else is read from disk, with
    /// the same refusal of paths outside the folder.
    #[test]
    fn an_overlay_stands_in_for_the_files_it_holds() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022");
        let on_disk = fs::read(dir.join("lampiran/1-program.yaml")).unwrap();
        let source = Source::from_dir(&dir).unwrap().overlaid(
            ".",
            vec![
                ("laporan.yaml".into(), b"kecamatan: Sawan\n".to_vec()),
                (
                    "lampiran/5-lain.yaml".into(),
                    b"tingkat: kinerja\n".to_vec(),
                ),
            ],
            "..",
            Vec::new(),
        );
        assert_eq!(source.label, ".");
        assert_eq!(source.display("laporan.yaml"), "laporan.yaml");
        let read = |rel: &str| source.read(rel).unwrap();
        assert_eq!(read("laporan.yaml").unwrap(), b"kecamatan: Sawan\n");
        assert_eq!(read("lampiran/1-program.yaml").unwrap(), on_disk);
        assert_eq!(read("tidak-ada.yaml"), None);
        assert!(source.exists("lampiran/5-lain.yaml"));
        assert_eq!(
            source.list_yaml("lampiran").unwrap(),
            [
                "lampiran/1-program.yaml",
                "lampiran/2-kegiatan.yaml",
                "lampiran/3-sub-kegiatan.yaml",
                "lampiran/4-kinerja.yaml",
                "lampiran/5-lain.yaml"
            ]
        );
        assert!(source.read("../kubutambahan-2022/laporan.yaml").is_err());
    }
}
