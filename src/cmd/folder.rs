//! Which report a command works on, one rule for every command: the folder
//! given; else the current folder when it holds a report (laporan.yaml) or
//! a batch (kabupaten.yaml); else the bundled example, announced in the
//! first line of output.

use std::path::{Path, PathBuf};

use renaksi::content::{KABUPATEN, LAPORAN};
use renaksi::Error;

/// What a command works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sasaran {
    /// A report folder (given, or the current folder).
    Laporan(PathBuf),
    /// A batch folder: kabupaten.yaml and no laporan.yaml of its own.
    Batch(PathBuf),
    /// Nothing given and the current folder holds neither: the bundled
    /// example.
    Contoh,
}

impl Sasaran {
    /// Applies the rule to the folder given on the command line, if any.
    pub fn pilih(dir: Option<&Path>) -> Self {
        match dir {
            Some(dir) if is_batch(dir) => Sasaran::Batch(dir.to_path_buf()),
            Some(dir) => Sasaran::Laporan(dir.to_path_buf()),
            None => {
                let here = Path::new(".");
                if here.join(LAPORAN).is_file() {
                    Sasaran::Laporan(here.to_path_buf())
                } else if here.join(KABUPATEN).is_file() {
                    Sasaran::Batch(here.to_path_buf())
                } else {
                    Sasaran::Contoh
                }
            }
        }
    }

    /// The report folder, or `None` for the bundled example; a batch folder
    /// is refused with the commands that do work on it.
    pub fn laporan(self, perintah: &str) -> Result<Option<PathBuf>, Error> {
        match self {
            Sasaran::Laporan(dir) => Ok(Some(dir)),
            Sasaran::Contoh => {
                umumkan(perintah);
                Ok(None)
            }
            Sasaran::Batch(dir) => Err(bukan_laporan(&dir, perintah)),
        }
    }
}

/// A folder with kabupaten.yaml and no laporan.yaml of its own.
fn is_batch(dir: &Path) -> bool {
    dir.join(KABUPATEN).is_file() && !dir.join(LAPORAN).exists()
}

/// The first line of output when a command falls back to the bundled
/// example.
fn umumkan(perintah: &str) {
    eprintln!(
        "memakai contoh bawaan (Kecamatan Kubutambahan 2022): folder ini tidak berisi \
         {LAPORAN} atau {KABUPATEN}; untuk laporan Anda: `renaksi {perintah} FOLDER`"
    );
}

/// `build` or `watch` asked for one report in a batch folder.
pub fn bukan_laporan(dir: &Path, perintah: &str) -> Error {
    let shown = shown(dir);
    let first = renaksi::content::discover(dir)
        .ok()
        .and_then(|folders| folders.into_iter().next());
    let satu = match first {
        Some(folder) => format!(
            ", atau satu kecamatan dengan `renaksi {perintah} {}`",
            folder.display()
        ),
        None => String::new(),
    };
    Error::Usage {
        message: format!("{shown} adalah folder batch (berisi {KABUPATEN}), bukan satu laporan"),
        hint: format!(
            "susun semua kecamatannya dengan `renaksi batch {}`{satu}",
            dir.display()
        ),
    }
}

/// How a folder is named in a message: "folder ini" for the current one.
pub fn shown(dir: &Path) -> String {
    if dir == Path::new(".") {
        "folder ini".to_owned()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_folder_wins_and_batch_is_told_apart() {
        let tmp = std::env::temp_dir().join(format!("renaksi-folder-{}", std::process::id()));
        let report = tmp.join("laporan");
        let batch = tmp.join("batch");
        std::fs::create_dir_all(&report).unwrap();
        std::fs::create_dir_all(&batch).unwrap();
        std::fs::write(report.join(LAPORAN), "tahun: 2023\n").unwrap();
        std::fs::write(batch.join(KABUPATEN), "tahun: 2023\n").unwrap();
        assert_eq!(
            Sasaran::pilih(Some(&report)),
            Sasaran::Laporan(report.clone())
        );
        assert_eq!(Sasaran::pilih(Some(&batch)), Sasaran::Batch(batch.clone()));
        // A folder that holds neither is still the one asked for: loading it
        // says what is missing.
        let empty = tmp.join("kosong");
        assert_eq!(Sasaran::pilih(Some(&empty)), Sasaran::Laporan(empty));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
