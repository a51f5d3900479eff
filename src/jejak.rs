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
use crate::matriks::VersiLama;

use crate::content::Dokumen;

/// A document's provenance as its template writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jejak {
    /// The PDF's keywords.
    pub kata_kunci: Vec<String>,
    /// The line printed at the foot of every page, if asked for.
    pub cetak: Option<String>,
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
/// `../kabupaten.yaml`, `../narasi.yaml` of its batch, and the tables of
/// the previous version a Rencana Aksi Perubahan is compared with
/// (`sebelumnya`); sorted by name.
pub fn berkas(
    report: &Report,
    dokumen: &Dokumen,
    sebelumnya: Option<&VersiLama>,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
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
        Dokumen::Lkjip => {
            names.push(PEGAWAI.to_owned());
            names.extend(source.list_yaml(crate::realisasi::REALISASI)?);
            names.extend(
                [
                    crate::lkjip::RENSTRA,
                    crate::lkjip::KINERJA_LALU,
                    crate::lkjip::LKJIP,
                ]
                .map(str::to_owned),
            );
        }
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
    if let Some(lama) = sebelumnya.filter(|_| *dokumen == Dokumen::RencanaAksi) {
        files.extend(lama.berkas());
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
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

/// Where a document's report was read from, as its PDF records it: what
/// `renaksi verify` rebuilds from when no folder is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asal {
    /// A report folder of this name (the folder itself, or its files at a
    /// git revision).
    Folder(String),
    /// The bundled example.
    Contoh,
}

impl Asal {
    /// Where `report` was read from; `None` for a report held only in
    /// memory, or a folder whose name the keywords cannot carry (a comma).
    pub fn dari(report: &Report) -> Option<Asal> {
        let source = &report.source;
        if source.contoh() {
            return Some(Asal::Contoh);
        }
        source.asal()?;
        let name = &source.name;
        (!name.is_empty() && !name.contains(',')).then(|| Asal::Folder(name.clone()))
    }

    /// `folder:NAME` or `contoh`, as the keyword writes it.
    pub fn kata(&self) -> String {
        match self {
            Asal::Folder(name) => format!("folder:{name}"),
            Asal::Contoh => "contoh".into(),
        }
    }

    /// What [`Asal::kata`] wrote.
    pub fn dari_kata(kata: &str) -> Option<Asal> {
        match kata.split_once(':') {
            Some(("folder", name)) if !name.is_empty() => Some(Asal::Folder(name.to_owned())),
            None if kata == "contoh" => Some(Asal::Contoh),
            _ => None,
        }
    }
}

/// The keyword of the folder a document was built from:
/// `renaksi-laporan:folder:NAME` or `renaksi-laporan:contoh`.
pub const LAPORAN_KATA: &str = "renaksi-laporan:";

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
/// Perubahan's previous version, `renaksi-laporan:folder:NAME|contoh`
/// (where the report was read from), and in git `git-commit:<id>`,
/// `git-bersih:ya|tidak`.
pub fn kata_kunci(
    sumber: &str,
    dokumen: &Dokumen,
    draf: bool,
    opsi: Opsi,
    sebelumnya: Option<String>,
    asal: Option<&Asal>,
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
    if let Some(asal) = asal {
        out.push(format!("{LAPORAN_KATA}{}", asal.kata()));
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
