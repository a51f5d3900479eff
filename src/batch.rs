//! Many reports in one run: finding the report folders of a batch, taking a
//! deterministic shard of them, building one, and the JSON manifest that
//! records what each build produced.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::build::Plan;
use crate::error::Error;
use crate::fs::write_atomic;

/// The K-th of N parts of a batch (1-based K), written `K/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, 1 ≤ k ≤ n.
    pub k: usize,
    /// How many parts.
    pub n: usize,
}

impl Shard {
    /// The whole batch.
    pub const ALL: Shard = Shard { k: 1, n: 1 };

    /// Parses `K/N`, e.g. `3/8`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let wrong = || format!("`{text}` bukan bagian K/N (misalnya 3/8, dengan 1 ≤ K ≤ N)");
        let (k, n) = text.split_once('/').ok_or_else(wrong)?;
        let k: usize = k.trim().parse().map_err(|_| wrong())?;
        let n: usize = n.trim().parse().map_err(|_| wrong())?;
        if k == 0 || n == 0 || k > n {
            return Err(wrong());
        }
        Ok(Shard { k, n })
    }

    /// This part of `items` (already in their fixed order): every N-th item
    /// starting at the K-th, so parts are disjoint, together complete, and
    /// differ in size by at most one.
    pub fn select<T: Clone>(&self, items: &[T]) -> Vec<T> {
        items
            .iter()
            .skip(self.k - 1)
            .step_by(self.n)
            .cloned()
            .collect()
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// What happened to one report of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The kecamatan as its laporan.yaml names it, or its folder's name
    /// when that could not be read.
    pub kecamatan: String,
    /// The report's folder, relative to the batch folder.
    pub folder: String,
    /// The PDF's file name in the output folder (absent on failure).
    #[serde(rename = "berkas")]
    pub file: Option<String>,
    /// Number of pages.
    #[serde(rename = "halaman")]
    pub pages: Option<usize>,
    /// Size of the PDF in bytes.
    #[serde(rename = "ukuran")]
    pub bytes: Option<usize>,
    /// SHA-256 of the PDF, hex.
    pub sha256: Option<String>,
    /// `ok` or `gagal`.
    pub status: Status,
    /// Why it failed: the first problem, with file and line.
    #[serde(rename = "pesan")]
    pub message: Option<String>,
    /// Wall time of this report's build.
    #[serde(rename = "milidetik")]
    pub milliseconds: u64,
    /// With `--dokumen pk`: each official's Perjanjian Kinerja.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pk: Vec<BerkasPk>,
}

/// One Perjanjian Kinerja a batch wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BerkasPk {
    /// The official (pihak pertama), as pegawai.yaml names the office.
    pub pejabat: String,
    /// Their superior (pihak kedua).
    pub atasan: String,
    /// The PDF's file name in the output folder.
    pub berkas: String,
    /// Number of pages.
    pub halaman: usize,
    /// Size in bytes.
    pub ukuran: usize,
    /// SHA-256 of the PDF, hex.
    pub sha256: String,
}

/// Outcome of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The PDF was written.
    Ok,
    /// Nothing was written; see the message.
    Gagal,
}

/// One report of a batch as built: what the manifest records, with the
/// error itself (typed, every problem located) kept until it is written.
pub struct HasilSusun {
    /// The report's folder name.
    pub folder: String,
    /// The kecamatan, once its laporan.yaml was read.
    pub kecamatan: Option<String>,
    /// The PDF written, or why not.
    pub result: Result<Dibuat, Error>,
    /// Wall time of this report's build.
    pub milliseconds: u64,
}

/// What a batch wrote for one report: its PDF, or its agreements.
#[derive(Default)]
pub struct Dibuat {
    /// The PDF's file name in the output folder (none for agreements one
    /// PDF each).
    pub file: Option<String>,
    /// Number of pages.
    pub pages: Option<usize>,
    /// Size in bytes.
    pub bytes: Option<usize>,
    /// SHA-256, hex.
    pub sha256: Option<String>,
    /// The agreements, one PDF each.
    pub pk: Vec<BerkasPk>,
}

impl HasilSusun {
    /// The manifest's record of this report.
    pub fn entry(&self) -> Entry {
        let mut entry = Entry {
            kecamatan: self
                .kecamatan
                .clone()
                .unwrap_or_else(|| self.folder.clone()),
            folder: self.folder.clone(),
            file: None,
            pages: None,
            bytes: None,
            sha256: None,
            status: Status::Gagal,
            message: None,
            milliseconds: self.milliseconds,
            pk: Vec::new(),
        };
        match &self.result {
            Ok(d) => {
                entry.status = Status::Ok;
                entry.file = d.file.clone();
                entry.pages = d.pages;
                entry.bytes = d.bytes;
                entry.sha256 = d.sha256.clone();
                entry.pk = d.pk.clone();
            }
            Err(err) => entry.message = Some(first_problem(err)),
        }
        entry
    }
}

/// How every document of a batch is made.
#[derive(Debug, Clone, Default)]
pub struct Opsi {
    /// Which document of every report.
    pub dokumen: crate::content::Dokumen,
    /// The Perjanjian Kinerja of a report all in one PDF (`--gabung`).
    pub gabung: bool,
    /// Final documents (`--final`), else drafts.
    pub final_: bool,
    /// The short source digest on every page (`--jejak`).
    pub jejak: bool,
    /// The batch folder's git state, read once.
    pub git: Option<crate::jejak::GitBatch>,
    /// For Perubahan reports: every kecamatan's folder at this git
    /// revision is its previous version (`--sebelumnya-git`).
    pub sebelumnya_git: Option<String>,
}

impl Opsi {
    fn git(&self, folder: &Path) -> Option<crate::jejak::Git> {
        let name = folder.file_name()?.to_string_lossy().into_owned();
        self.git.as_ref().map(|g| g.untuk(&name))
    }
}

/// Builds the document `opsi` names of the report in `folder` into `out`
/// through the one checked build, refusing on galat as `renaksi build`
/// does: `out/<folder name>.pdf` for a Rencana Aksi, one PDF per official
/// (or with `gabung` one) for the Perjanjian Kinerja, the quarter's
/// monitoring report.
pub fn build_one(folder: &Path, out: &Path, opsi: &Opsi) -> HasilSusun {
    timed(folder, |report| {
        let plan = Plan {
            dokumen: opsi.dokumen,
            gabung: opsi.gabung,
            final_: opsi.final_,
            jejak: opsi.jejak,
            git: opsi.git(folder),
            // Only a Perubahan of the batch has a previous version.
            sebelumnya: opsi
                .sebelumnya_git
                .clone()
                .filter(|_| report.identitas.perubahan)
                .map(crate::content::Sebelumnya::Git),
            ..Plan::new(Some(folder.to_path_buf()), out.to_path_buf())
        };
        let built = plan.run_loaded(report)?;
        Ok(match built.ditulis.as_slice() {
            [one] if opsi.dokumen != crate::content::Dokumen::Pk || opsi.gabung => {
                Dibuat::pdf(&one.target, one.output.pages, &one.output.pdf)
            }
            all => Dibuat {
                pk: all
                    .iter()
                    .map(|w| BerkasPk {
                        pejabat: w.pihak[0].0.clone(),
                        atasan: w.pihak[0].1.clone(),
                        berkas: file_name(&w.target),
                        halaman: w.output.pages,
                        ukuran: w.output.pdf.len(),
                        sha256: hex(&Sha256::digest(&w.output.pdf)),
                    })
                    .collect(),
                ..Dibuat::default()
            },
        })
    })
}

/// Loads the report in `folder` and runs `work` on it: the manifest's
/// record of what came of it, with the kecamatan once its laporan.yaml was
/// read and the time it all took.
fn timed(
    folder: &Path,
    work: impl FnOnce(crate::content::Report) -> Result<Dibuat, Error>,
) -> HasilSusun {
    let start = Instant::now();
    let mut kecamatan = None;
    let result = crate::content::load(Some(folder)).and_then(|report| {
        kecamatan = Some(report.identitas.kecamatan.clone());
        work(report)
    });
    HasilSusun {
        folder: file_name(folder),
        kecamatan,
        result,
        milliseconds: start.elapsed().as_millis() as u64,
    }
}

impl Dibuat {
    /// One PDF written at `path`.
    pub fn pdf(path: &Path, pages: usize, pdf: &[u8]) -> Self {
        Dibuat {
            file: Some(file_name(path)),
            pages: Some(pages),
            bytes: Some(pdf.len()),
            sha256: Some(hex(&Sha256::digest(pdf))),
            pk: Vec::new(),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first line of an error: where and what, without snippet and hint.
fn first_problem(err: &Error) -> String {
    match err {
        Error::Input(problems) if problems.len() > 1 => format!(
            "{} galat, yang pertama: {}",
            problems.len(),
            headline(&problems[0].to_string())
        ),
        Error::Findings(found) => format!(
            "{} galat data, yang pertama: {}",
            found.len(),
            found
                .first()
                .map(|d| headline(&d.problem.to_string()))
                .unwrap_or_default()
        ),
        other => headline(&other.to_string()),
    }
}

fn headline(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The record of a batch run (or of one shard of it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The format's version, [`crate::fs::VERSI_JSON`].
    pub versi: u32,
    /// `pk` for a batch of Perjanjian Kinerja; absent for Rencana Aksi.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dokumen: Option<String>,
    /// One entry per report, in the batch's order.
    pub laporan: Vec<Entry>,
}

impl Manifest {
    /// Reads a manifest written by `renaksi batch`.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = crate::fs::baca_teks(path, crate::fs::YAML)?;
        let invalid = |why: String| {
            Error::io(
                "manifest tidak sah",
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, why),
            )
        };
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if manifest.versi != crate::fs::VERSI_JSON {
            return Err(invalid(format!(
                "versi {} tidak dikenal renaksi ini (versi {})",
                manifest.versi,
                crate::fs::VERSI_JSON
            )));
        }
        Ok(manifest)
    }

    /// Writes it as indented JSON, atomically.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        write_atomic(path, text.as_bytes())
    }

    /// Joins the manifests of the shards of one batch, in folder order; a
    /// folder found in two parts is an error (the shards overlapped).
    pub fn merge(parts: Vec<Manifest>) -> Result<Self, String> {
        let dokumen = parts.first().and_then(|m| m.dokumen.clone());
        if parts.iter().any(|m| m.dokumen != dokumen) {
            return Err(
                "manifest-manifest itu untuk dokumen yang berbeda (Rencana Aksi dan PK)".into(),
            );
        }
        let mut laporan: Vec<Entry> = parts.into_iter().flat_map(|m| m.laporan).collect();
        laporan.sort_by(|a, b| a.folder.cmp(&b.folder));
        if let Some(pair) = laporan.windows(2).find(|w| w[0].folder == w[1].folder) {
            return Err(format!(
                "laporan `{}` ada di lebih dari satu manifest",
                pair[0].folder
            ));
        }
        Ok(Manifest {
            versi: crate::fs::VERSI_JSON,
            dokumen,
            laporan,
        })
    }

    /// How many reports failed.
    pub fn failed(&self) -> usize {
        self.laporan
            .iter()
            .filter(|e| e.status == Status::Gagal)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_complete() {
        let items: Vec<usize> = (0..23).collect();
        let mut all: Vec<usize> = (1..=4)
            .flat_map(|k| Shard { k, n: 4 }.select(&items))
            .collect();
        all.sort();
        assert_eq!(all, items);
        assert_eq!(Shard { k: 2, n: 4 }.select(&items), [1, 5, 9, 13, 17, 21]);
        assert_eq!(Shard::parse("3/8"), Ok(Shard { k: 3, n: 8 }));
        for wrong in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(wrong).is_err(), "{wrong}");
        }
    }
}
