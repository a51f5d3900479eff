//! Provenance: what a PDF was built from, written into it. Every PDF
//! carries in its keywords (the document-info /Keywords and the XMP
//! metadata) the SHA-256 of its source files, the renaksi version, the kind
//! of document, whether it is final, and — when the folder is in git — the
//! commit and whether the tree was clean. docs/jejak.md says how to compute
//! the digest with standard tools.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::content::{Report, KABUPATEN, LAMPIRAN, LAPORAN, NARASI, PEGAWAI};
use crate::error::Error;

/// The kind of document, as provenance names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dokumen {
    /// The Rencana Aksi.
    RencanaAksi,
    /// Perjanjian Kinerja.
    Pk,
    /// The monitoring report of a quarter.
    Monitoring(usize),
}

impl Dokumen {
    /// `rencana-aksi`, `pk`, `monitoring-tw3`.
    pub fn kata(&self) -> String {
        match self {
            Dokumen::RencanaAksi => "rencana-aksi".into(),
            Dokumen::Pk => "pk".into(),
            Dokumen::Monitoring(n) => format!("monitoring-tw{n}"),
        }
    }
}

/// The commit a folder is at, and whether its files are as committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Git {
    /// The full commit id.
    pub commit: String,
    /// No change to the folder's files since that commit (untracked files
    /// count as changes).
    pub bersih: bool,
}

/// What `git -C dir ARGS` prints, or `None` when it fails (outside a
/// repository, or without git).
fn git_keluaran(dir: &Path, args: &[&str]) -> Option<String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The git state of `dir`, or `None` outside a repository (or without git).
pub fn git(dir: &Path) -> Option<Git> {
    let commit = git_keluaran(dir, &["rev-parse", "--verify", "-q", "HEAD"])?;
    let status = git_keluaran(
        dir,
        &["status", "--porcelain", "--untracked-files=all", "--", "."],
    )?;
    Some(Git {
        commit: commit.trim().to_owned(),
        bersih: status.trim().is_empty(),
    })
}

/// The git state of a batch folder, read once: the commit, and every
/// changed or untracked path (relative to the batch folder), so each
/// kecamatan's folder is judged without asking git again.
#[derive(Debug, Clone)]
pub struct GitBatch {
    commit: String,
    kotor: Vec<String>,
}

impl GitBatch {
    /// The git state of the batch folder `dir`, or `None` outside git.
    pub fn baca(dir: &Path) -> Option<Self> {
        let run = |args: &[&str]| git_keluaran(dir, args);
        let commit = run(&["rev-parse", "--verify", "-q", "HEAD"])?
            .trim()
            .to_owned();
        let prefix = run(&["rev-parse", "--show-prefix"])?.trim().to_owned();
        let status = run(&["status", "--porcelain", "--untracked-files=all", "--", "."])?;
        // Porcelain paths are the repository's; a rename names both sides.
        let kotor = status
            .lines()
            .filter_map(|l| l.get(3..))
            .flat_map(|p| p.split(" -> "))
            .map(|p| p.trim_matches('"'))
            .filter_map(|p| p.strip_prefix(prefix.as_str()).map(str::to_owned))
            .collect();
        Some(GitBatch { commit, kotor })
    }

    /// The state of the kecamatan folder `name`: clean when neither it nor
    /// the batch's own files (kabupaten.yaml, narasi.yaml) changed.
    pub fn untuk(&self, name: &str) -> Git {
        let inside = format!("{name}/");
        Git {
            commit: self.commit.clone(),
            bersih: !self
                .kotor
                .iter()
                .any(|p| p.starts_with(&inside) || !p.contains('/')),
        }
    }
}

/// The files a document of `report` is built from, by the names the
/// digest uses: paths inside the report folder (`lampiran/1-program.yaml`),
/// and `../kabupaten.yaml`, `../narasi.yaml` of its batch; sorted by name.
pub fn berkas(report: &Report, dokumen: &Dokumen) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let source = &report.source;
    let mut names = vec![LAPORAN.to_owned()];
    if source.exists(NARASI) {
        names.push(NARASI.to_owned());
    }
    names.extend(source.list_yaml(LAMPIRAN)?);
    if let Some(logo) = report
        .logo
        .as_ref()
        .filter(|_| !report.identitas.logo_dari_batch)
    {
        names.push(logo.path.clone());
    }
    match dokumen {
        Dokumen::RencanaAksi => {}
        Dokumen::Pk => names.push(PEGAWAI.to_owned()),
        Dokumen::Monitoring(_) => names.extend(source.list_yaml(crate::realisasi::REALISASI)?),
    }
    let mut files = Vec::new();
    for name in names {
        if let Some(bytes) = source.read(&name)? {
            files.push((name, bytes));
        }
    }
    if let Some(batch) = source.batch() {
        let mut shared = vec![KABUPATEN.to_owned()];
        if !source.exists(NARASI) {
            shared.push(NARASI.to_owned());
        }
        if let Some(logo) = report
            .logo
            .as_ref()
            .filter(|_| report.identitas.logo_dari_batch)
        {
            shared.push(logo.path.clone());
        }
        for name in shared {
            if let Some(bytes) = batch.read(&name)? {
                files.push((format!("../{name}"), bytes));
            }
        }
    }
    if let Some(lama) = sebelumnya(report, dokumen) {
        files.extend(lama.berkas());
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The previous version a document of `report` reads: a Perubahan's
/// Rencana Aksi reads its tables for the Matriks Perubahan.
fn sebelumnya<'a>(report: &'a Report, dokumen: &Dokumen) -> Option<&'a crate::matriks::VersiLama> {
    match dokumen {
        Dokumen::RencanaAksi => report.sebelumnya.as_deref(),
        _ => None,
    }
}

/// The digest of `files` (sorted by name): SHA-256 over, for each file in
/// turn, its name, a newline, its size in bytes in decimal, a newline, and
/// its bytes.
pub fn sha256(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update(b"\n");
        hasher.update(bytes.len().to_string().as_bytes());
        hasher.update(b"\n");
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The keyword of a Matriks Perubahan's previous version:
/// `renaksi-sebelumnya:git:REV` or `renaksi-sebelumnya:folder:PATH`.
pub const SEBELUMNYA_KATA: &str = "renaksi-sebelumnya:";

/// How a document was asked for, besides its kind and status: what
/// `renaksi verify` needs to build it again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opsi {
    /// PDF/A-2b.
    pub pdf_a: bool,
    /// The short digest printed on every page.
    pub cetak: bool,
}

/// The keywords that carry the provenance, in this order:
/// `renaksi-sumber:sha256:<hex>`, `renaksi-versi:<version>`,
/// `renaksi-dokumen:<kind>`, `renaksi-status:draf|final`,
/// `renaksi-opsi:pdfa+jejak` (only what was asked for),
/// `renaksi-sebelumnya:git:<rev>|folder:<path>` for a Matriks
/// Perubahan's previous version, and in git `git-commit:<id>`,
/// `git-bersih:ya|tidak`.
pub fn kata_kunci(
    sumber: &str,
    dokumen: &Dokumen,
    draf: bool,
    opsi: Opsi,
    sebelumnya: Option<String>,
    git: Option<&Git>,
) -> Vec<String> {
    let mut out = vec![
        format!("renaksi-sumber:sha256:{sumber}"),
        format!("renaksi-versi:{}", env!("CARGO_PKG_VERSION")),
        format!("renaksi-dokumen:{}", dokumen.kata()),
        format!("renaksi-status:{}", if draf { "draf" } else { "final" }),
    ];
    let asked: Vec<&str> = [(opsi.pdf_a, "pdfa"), (opsi.cetak, "jejak")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect();
    if !asked.is_empty() {
        out.push(format!("renaksi-opsi:{}", asked.join("+")));
    }
    if let Some(sebelumnya) = sebelumnya {
        out.push(format!("{SEBELUMNYA_KATA}{sebelumnya}"));
    }
    if let Some(git) = git {
        out.push(format!("git-commit:{}", git.commit));
        out.push(format!(
            "git-bersih:{}",
            if git.bersih { "ya" } else { "tidak" }
        ));
    }
    out
}

/// Marks `report` with the provenance of its `dokumen` asked for with
/// `opsi` (with `opsi.cetak`, the short digest is printed at the foot of
/// every page) and its folder's git state `git`. Call after its draft or
/// final status is set.
pub fn tandai(
    report: &mut Report,
    dokumen: &Dokumen,
    opsi: Opsi,
    git: Option<&Git>,
) -> Result<(), Error> {
    let sumber = sha256(&berkas(report, dokumen)?);
    tandai_sidik(report, &sumber, dokumen, opsi, git);
    Ok(())
}

/// Makes `report` the document asked for: a draft unless `final_`, with
/// its provenance. The digest line is printed when asked for on the
/// command line (`opsi.cetak`) or in the report (`cetak_jejak`).
pub fn siapkan(
    report: &mut Report,
    dokumen: &Dokumen,
    final_: bool,
    opsi: Opsi,
    git: Option<&Git>,
) -> Result<(), Error> {
    report.draf = !final_;
    let opsi = Opsi {
        cetak: opsi.cetak || report.identitas.cetak_jejak,
        ..opsi
    };
    tandai(report, dokumen, opsi, git)
}

/// As [`tandai`], with the source digest `sumber` already computed.
pub fn tandai_sidik(
    report: &mut Report,
    sumber: &str,
    dokumen: &Dokumen,
    opsi: Opsi,
    git: Option<&Git>,
) {
    let sebelumnya = sebelumnya(report, dokumen).map(|lama| lama.kata());
    report.jejak = Some(crate::content::Jejak {
        kata_kunci: kata_kunci(sumber, dokumen, report.draf, opsi, sebelumnya, git),
        cetak: opsi
            .cetak
            .then(|| format!("sumber sha256:{}", &sumber[..16])),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_names_sizes_and_bytes_in_order() {
        let files = vec![
            ("a.yaml".to_owned(), b"x: 1\n".to_vec()),
            ("lampiran/b.yaml".to_owned(), b"".to_vec()),
        ];
        // printf 'a.yaml\n5\nx: 1\nlampiran/b.yaml\n0\n' | sha256sum
        assert_eq!(
            sha256(&files),
            "2445f852e13551db36000a7f8cb3e30da4f66854e9a6581a623e193d3a773c79"
        );
    }
}
