//! `renaksi verify`: is this PDF exactly what its YAML builds? The PDF
//! names its source digest, renaksi version, kind, status, options and git
//! state ([`crate::jejak`]); the document is built again from the folder
//! (or from a git revision of it) with the same kind, status and options,
//! and the bytes are compared — for a signed PDF, its unsigned first
//! revision, which the signatures only append to.

use crate::content::Dokumen;
use crate::content::{Report, Sebelumnya, Source};
use crate::error::Error;
use crate::jejak::{Asal, Git, Opsi};
use crate::naskah::Naskah;
use crate::sign::revisi::{self, Cacat, Tanda};

/// What a PDF says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tercatat {
    /// The source digest (hex).
    pub sumber: String,
    /// The renaksi version that built it.
    pub versi: String,
    /// The kind of document.
    pub dokumen: Dokumen,
    /// A draft, or the final document.
    pub draf: bool,
    /// How it was asked for.
    pub opsi: Opsi,
    /// The git state of its folder, if it was in git.
    pub git: Option<Git>,
    /// The previous version its Matriks Perubahan was made against.
    pub sebelumnya: Option<Sebelumnya>,
    /// The folder (or the bundled example) it was built from, if recorded.
    pub asal: Option<Asal>,
}

/// The provenance a PDF carries, or `None` when it has none (not made by
/// renaksi, or by a renaksi before provenance) or carries it malformed (a
/// digest that is not 64 hexadecimal digits, say).
pub fn tercatat(pdf: &[u8]) -> Option<Tercatat> {
    let info = crate::sign::info(pdf)?;
    let text = lopdf::decode_text_string(info.get(b"Keywords").ok()?).ok()?;
    let hex = |v: &str, lengths: &[usize]| {
        lengths.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let mut sumber = None;
    let mut versi = None;
    let mut dokumen = None;
    let mut draf = None;
    let mut opsi = Opsi::default();
    let mut commit = None;
    let mut bersih = None;
    let mut sebelumnya = None;
    let mut asal = None;
    for k in text.split(',').map(str::trim) {
        if let Some(v) = k.strip_prefix("renaksi-sumber:sha256:") {
            sumber = hex(v, &[64]).then(|| v.to_ascii_lowercase());
        } else if let Some(v) = k.strip_prefix("renaksi-versi:") {
            versi = Some(v.to_owned());
        } else if let Some(v) = k.strip_prefix("renaksi-dokumen:") {
            dokumen = Dokumen::dari_kata(v);
        } else if let Some(v) = k.strip_prefix("renaksi-status:") {
            draf = Some(v == "draf");
        } else if let Some(v) = k.strip_prefix("renaksi-opsi:") {
            for o in v.split('+') {
                match o {
                    "pdfa" => opsi.pdf_a = true,
                    "jejak" => opsi.cetak = true,
                    _ => {}
                }
            }
        } else if let Some(v) = k.strip_prefix(crate::jejak::SEBELUMNYA_KATA) {
            sebelumnya = match v.split_once(':') {
                Some(("git", rev)) => Some(Sebelumnya::Git(rev.to_owned())),
                Some(("folder", path)) => Some(Sebelumnya::Folder(path.into())),
                _ => None,
            };
        } else if let Some(v) = k.strip_prefix(crate::jejak::LAPORAN_KATA) {
            asal = Asal::dari_kata(v);
        } else if let Some(v) = k.strip_prefix("git-commit:") {
            commit = hex(v, &[40, 64]).then(|| v.to_owned());
        } else if let Some(v) = k.strip_prefix("git-bersih:") {
            bersih = Some(v == "ya");
        }
    }
    Some(Tercatat {
        sumber: sumber?,
        versi: versi?,
        dokumen: dokumen?,
        draf: draf?,
        opsi,
        git: commit
            .zip(bersih)
            .map(|(commit, bersih)| Git { commit, bersih }),
        sebelumnya,
        asal,
    })
}

/// The previous version a Perubahan `report` is to be verified against,
/// as its PDF (`catat`) was built: the one named on the command line
/// (`perintah`), else the PDF's when the YAML names another (it was named
/// on the command line then), else the YAML's (`None`).
pub fn sebelumnya<'a>(
    report: &Report,
    catat: &'a Tercatat,
    perintah: Option<&'a Sebelumnya>,
) -> Option<&'a Sebelumnya> {
    let pdf = catat
        .sebelumnya
        .as_ref()
        .filter(|s| report.identitas.versi_sebelumnya.as_ref() != Some(*s));
    perintah.or(pdf)
}

/// The answer of a verification.
#[derive(Debug)]
pub enum Putusan {
    /// Built again, the same bytes; then only these signatures, each
    /// covering everything before it.
    Sama {
        /// The signatures appended, in order.
        tanda: Vec<Tanda>,
    },
    /// The source is not the one the PDF was built from: the digest of the
    /// folder now against the PDF's.
    SumberBeda {
        /// The digest of the folder now.
        sekarang: String,
    },
    /// Same source, same version, other bytes: the PDF was changed after
    /// it was built.
    IsiBeda,
    /// The bytes built, then something besides signatures: what.
    Ditambah(String),
    /// The bytes built, then updates that cannot be read: why.
    TakTerbaca(String),
    /// Same source, another renaksi version: the bytes cannot be compared.
    VersiBeda,
}

/// Verifies `pdf` (its bytes) against the report in `source`, as the PDF
/// says it was built (`catat`).
/// `perintah` is the previous version named on the command line, if any.
pub fn periksa(
    pdf: &[u8],
    catat: &Tercatat,
    source: Source,
    perintah: Option<&Sebelumnya>,
) -> Result<Putusan, Error> {
    let (mut naskah, sekarang) = naskah_pdf(Report::load(source)?, catat, perintah)?;
    if sekarang != catat.sumber {
        return Ok(Putusan::SumberBeda { sekarang });
    }
    if catat.versi != env!("CARGO_PKG_VERSION") {
        return Ok(Putusan::VersiBeda);
    }
    let options = seperti_tercatat(&mut naskah, &sekarang, catat);
    for candidate in bangun(&naskah, options)? {
        // A signed PDF begins with the bytes it was signed over; what
        // follows them must be signatures only, each covering all before.
        if pdf.starts_with(&candidate) {
            return Ok(match revisi::sesudah(pdf, candidate.len()) {
                Ok(tanda) => Putusan::Sama { tanda },
                Err(Cacat::Diubah(apa)) => Putusan::Ditambah(apa),
                Err(Cacat::TakTerbaca(apa)) => Putusan::TakTerbaca(apa),
            });
        }
    }
    Ok(Putusan::IsiBeda)
}

/// The document of `report` a PDF recorded as `catat` is (kind, status,
/// previous version), and the digest of its source now.
fn naskah_pdf(
    report: Report,
    catat: &Tercatat,
    perintah: Option<&Sebelumnya>,
) -> Result<(Naskah, String), Error> {
    let lama = sebelumnya(&report, catat, perintah).cloned();
    let naskah = Naskah::baru(report, catat.dokumen, !catat.draf, lama.as_ref())?;
    let sekarang = naskah.sumber()?;
    Ok((naskah, sekarang))
}

/// `naskah` given the provenance as the PDF has it, git state included
/// (where it was built is written in it, not part of what it says), and
/// the options it was typeset with.
fn seperti_tercatat(naskah: &mut Naskah, sekarang: &str, catat: &Tercatat) -> crate::pdf::Options {
    naskah.tandai_sidik(
        sekarang,
        catat.opsi,
        catat.asal.as_ref(),
        catat.git.as_ref(),
    );
    crate::pdf::Options {
        pdf_a: catat.opsi.pdf_a,
    }
}

/// Every PDF the document can be: the Rencana Aksi; each agreement and
/// all in one; the quarter's monitoring report.
fn bangun(naskah: &Naskah, options: crate::pdf::Options) -> Result<Vec<Vec<u8>>, Error> {
    let mut bagian = crate::build::bagian(naskah, true)?;
    if naskah.dokumen == Dokumen::Pk {
        bagian.extend(crate::build::bagian(naskah, false)?);
    }
    let report = naskah.dicetak()?;
    bagian
        .into_iter()
        .map(|b| Ok(crate::pdf::typeset(report, b.typst, options)?.pdf))
        .collect()
}

/// One place where a PDF's text and the text built from the folder now
/// differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BedaTeks {
    /// 1-based page of the PDF (of the document built, for a page the PDF
    /// does not have).
    pub halaman: usize,
    /// The word before the change, for context (`Juni`).
    pub sebelum: String,
    /// The PDF's words there (empty: added).
    pub lama: String,
    /// The words built now (empty: removed).
    pub baru: String,
}

/// What the text of `pdf` says differently from the same document built
/// from `report` now, with the kind, status and options the PDF records:
/// word by word, page by page. For the verification of a PDF whose
/// source cannot be found (outside git), so that a difference is named.
pub fn beda_teks(
    pdf: &[u8],
    catat: &Tercatat,
    report: Report,
    perintah: Option<&Sebelumnya>,
) -> Result<Vec<BedaTeks>, Error> {
    let (mut naskah, sekarang) = naskah_pdf(report, catat, perintah)?;
    let options = seperti_tercatat(&mut naskah, &sekarang, catat);
    // The digests printed at the foot of a page differ by design.
    let sidik = [catat.sumber.as_str(), sekarang.as_str()];
    let dibaca = kata_halaman(pdf, &sidik)?;
    let mut terbaik: Option<Vec<BedaTeks>> = None;
    for candidate in bangun(&naskah, options)? {
        let baru = kata_halaman(&candidate, &sidik)?;
        let beda = banding(&dibaca, &baru);
        if terbaik.as_ref().is_none_or(|t| beda.len() < t.len()) {
            terbaik = Some(beda);
        }
    }
    Ok(terbaik.unwrap_or_default())
}

/// The words of each page of a PDF as its text layer has them; a word
/// that is a printed source digest (a prefix of one of `sidik`, 8 hex
/// digits or more) is left out.
fn kata_halaman(pdf: &[u8], sidik: &[&str]) -> Result<Vec<Vec<String>>, Error> {
    let halaman = crate::teks_pdf::kata(pdf).ok_or_else(|| Error::Usage {
        message: "teks PDF tidak dapat dibaca".into(),
        hint: "periksa PDF-nya dengan pdftotext".into(),
    })?;
    Ok(halaman
        .into_iter()
        .map(|words| {
            words
                .into_iter()
                .filter(|w| !sidik_dicetak(w, sidik))
                .collect()
        })
        .collect())
}

/// Whether the word `w` is a printed source digest: a prefix of one of
/// `sidik`, 8 hex digits or more (after a `sha256:`).
fn sidik_dicetak(w: &str, sidik: &[&str]) -> bool {
    let w = w.rsplit(':').next().unwrap_or(w);
    let w = w.trim_matches(|c: char| !c.is_ascii_hexdigit());
    w.len() >= 8
        && w.bytes().all(|b| b.is_ascii_hexdigit())
        && sidik.iter().any(|s| s.starts_with(&w.to_ascii_lowercase()))
}

/// The changed runs of words between two documents' pages.
fn banding(lama: &[Vec<String>], baru: &[Vec<String>]) -> Vec<BedaTeks> {
    let mut out = Vec::new();
    let kosong: Vec<String> = Vec::new();
    for i in 0..lama.len().max(baru.len()) {
        let a = lama.get(i).unwrap_or(&kosong);
        let b = baru.get(i).unwrap_or(&kosong);
        if a == b {
            continue;
        }
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, a, b) {
            let (tag, old, new) = op.as_tag_tuple();
            if tag == similar::DiffTag::Equal {
                continue;
            }
            out.push(BedaTeks {
                halaman: i + 1,
                sebelum: old
                    .start
                    .checked_sub(1)
                    .and_then(|k| a.get(k))
                    .cloned()
                    .unwrap_or_default(),
                lama: a[old].join(" "),
                baru: b[new].join(" "),
            });
        }
    }
    out
}
