//! `renaksi verify BERKAS.pdf [DIR] [--git REV]`: builds the document again
//! as the PDF says it was built and says, in report terms, whether it is
//! the same; `renaksi verify OUT BATCH` does so for every PDF of a batch's
//! manifest. Exit 0 same, 1 different, 2 could not tell.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use renaksi::content::{Report, Sebelumnya, Source};
use renaksi::verify::{self, Putusan};
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::{Format, VerifyArgs};

/// What one PDF's verification found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Jawab {
    Sama,
    TakPasti,
    Beda,
}

impl Jawab {
    fn code(self) -> u8 {
        match self {
            Jawab::Sama => 0,
            Jawab::Beda => 1,
            Jawab::TakPasti => 2,
        }
    }
}

/// Verifies and prints the answer.
pub fn run(args: &VerifyArgs) -> Result<ExitCode, Error> {
    if args.pdf.is_dir() {
        return batch(args);
    }
    // Read once: the folder it records may decide where it is built from.
    let mut read = None;
    let dir = match (&args.git, Sasaran::pilih(args.dir.as_deref())) {
        (None, Sasaran::Laporan(dir)) if !dir.join(renaksi::content::LAPORAN).exists() => {
            return Err(Error::Usage {
                message: format!(
                    "{} bukan folder laporan: tidak berisi {}",
                    dir.display(),
                    renaksi::content::LAPORAN
                ),
                hint: format!(
                    "sebut folder laporan sumber PDF itu, atau tanpa FOLDER: folder yang tercatat di PDF (`renaksi verify {}`)",
                    args.pdf.display()
                ),
            })
        }
        (_, Sasaran::Laporan(dir)) => Some(dir),
        (Some(_), _) => Some(args.dir.clone().unwrap_or_else(|| ".".into())),
        (None, Sasaran::Contoh) => {
            let pdf = renaksi::fs::baca(&args.pdf, renaksi::fs::PDF)?;
            let dir = folder_tercatat(&args.pdf, &pdf)?;
            read = Some(pdf);
            dir
        }
        (None, Sasaran::Batch(dir)) => {
            return Err(Error::Usage {
                message: format!("{} adalah folder batch, bukan satu laporan", dir.display()),
                hint: "sebut folder kecamatan yang menjadi sumber PDF itu, atau folder keluaran batch (berisi manifest.json) untuk memeriksa semuanya".into(),
            })
        }
    };
    let perintah = args.sebelumnya.pilihan();
    let jawab = satu(
        &args.pdf,
        read,
        dir.as_deref(),
        args.git.as_deref(),
        perintah.as_ref(),
    )?;
    Ok(ExitCode::from(jawab.code()))
}

/// The folder the PDF at `path` records it was built from, when no folder
/// is named and this one is not a report: that folder here, or the bundled
/// example if it was built from it; otherwise the user is asked to name
/// one — never the bundled example for a PDF made elsewhere.
fn folder_tercatat(path: &Path, pdf: &[u8]) -> Result<Option<PathBuf>, Error> {
    let shown = path.display();
    let tanya = |why: String| Error::Usage {
        message: why,
        hint: format!("sebut folder laporan sumbernya: `renaksi verify {shown} FOLDER`"),
    };
    let Some(catat) = verify::tercatat(pdf) else {
        // Said by `satu`: no provenance at all.
        return Ok(None);
    };
    match catat.asal {
        Some(renaksi::jejak::Asal::Contoh) => Ok(None),
        Some(renaksi::jejak::Asal::Folder(name)) => {
            let dir = PathBuf::from(&name);
            if dir.join(renaksi::content::LAPORAN).is_file() {
                eprintln!("folder laporan: {name} (tercatat di {shown})");
                Ok(Some(dir))
            } else {
                Err(tanya(format!(
                    "{shown} disusun dari folder laporan `{name}`, yang tidak ada di folder ini"
                )))
            }
        }
        None => Err(tanya(format!(
            "{shown} tidak mencatat folder laporan sumbernya, dan folder ini bukan folder laporan"
        ))),
    }
}

/// Verifies the PDF at `path` (its bytes when already read) against the
/// report in `dir` (the bundled example for `None`), or its files at git
/// revision `rev`; prints the answer.
fn satu(
    path: &Path,
    read: Option<Vec<u8>>,
    dir: Option<&Path>,
    rev: Option<&str>,
    perintah: Option<&Sebelumnya>,
) -> Result<Jawab, Error> {
    let shown = path.display().to_string();
    let pdf = match read {
        Some(pdf) => pdf,
        None => match renaksi::fs::baca(path, renaksi::fs::PDF) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage {
                    message: format!("{shown} tidak ada"),
                    hint: "sebut berkas PDF yang disusun renaksi, misalnya out/<folder>.pdf (`renaksi build` menulisnya di sana)".into(),
                });
            }
            other => other?,
        },
    };
    let Some(catat) = verify::tercatat(&pdf) else {
        eprintln!(
            "TIDAK DAPAT DIPASTIKAN: {shown} tidak membawa jejak renaksi (kata kunci `renaksi-sumber`)\n  saran: hanya PDF yang disusun renaksi dengan jejaknya dapat diperiksa; susun ulang dengan `renaksi build`"
        );
        return Ok(Jawab::TakPasti);
    };
    let source = match (rev, dir) {
        (Some(rev), Some(dir)) => renaksi::git::folder(dir, rev)?.into_source(),
        (_, Some(dir)) => Source::from_dir(dir)?,
        (_, None) => Source::example(),
    };
    let label = source.label.clone();
    let jenis = format!(
        "{}, {}, renaksi {}",
        catat.dokumen.kata(),
        if catat.draf { "draf" } else { "final" },
        catat.versi
    );
    Ok(match verify::periksa(&pdf, &catat, source, perintah)? {
        Putusan::Sama { tanda } => {
            println!(
                "SAMA: {shown} persis PDF yang disusun dari {label} ({jenis}; sumber sha256:{}){}",
                &catat.sumber[..16],
                ditandatangani(&tanda)
            );
            Jawab::Sama
        }
        Putusan::SumberBeda { sekarang } => {
            println!(
                "BERBEDA: {label} bukan sumber {shown}: sidik sumber PDF sha256:{}, folder sha256:{}",
                &catat.sumber[..16],
                &sekarang[..16]
            );
            if let Some(dir) = dir {
                perubahan(&pdf, dir, rev, &catat, perintah)?;
            }
            Jawab::Beda
        }
        Putusan::IsiBeda => {
            println!("BERBEDA: sumbernya sama ({label}), tetapi isi {shown} bukan yang disusun darinya: PDF diubah sesudah disusun");
            Jawab::Beda
        }
        Putusan::Ditambah(apa) => {
            println!(
                "BERBEDA: sumbernya sama ({label}), tetapi {shown} diubah sesudah disusun: {apa}"
            );
            Jawab::Beda
        }
        Putusan::TakTerbaca(apa) => {
            println!("TIDAK DAPAT DIPASTIKAN: sumbernya sama ({label}) dan awal {shown} persis yang disusun darinya, tetapi sesudahnya {apa}\n  saran: periksa tanda tangannya dengan pdfsig atau pyHanko; `renaksi sign` menulis pembaruan yang dapat diperiksa");
            Jawab::TakPasti
        }
        Putusan::VersiBeda => {
            println!(
                "TIDAK DAPAT DIPASTIKAN: sumbernya sama ({label}), tetapi {shown} disusun renaksi {}, ini renaksi {}; periksa dengan renaksi {} untuk membandingkan byte demi byte",
                catat.versi,
                env!("CARGO_PKG_VERSION"),
                catat.versi
            );
            Jawab::TakPasti
        }
    })
}

/// Every PDF listed in the manifest of the batch output folder `args.pdf`,
/// each against its kecamatan's folder in the batch folder `args.dir`.
fn batch(args: &VerifyArgs) -> Result<ExitCode, Error> {
    let out = &args.pdf;
    let Some(batch) = args.dir.clone() else {
        return Err(Error::Usage {
            message: format!(
                "{} adalah folder; sebut juga folder batch sumbernya",
                out.display()
            ),
            hint: "renaksi verify FOLDER-KELUARAN FOLDER-BATCH".into(),
        });
    };
    let manifest = renaksi::batch::Manifest::read(&out.join("manifest.json"))?;
    let perintah = args.sebelumnya.pilihan();
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in &manifest.laporan {
        let folder = batch.join(&entry.folder);
        files.extend(entry.file.iter().map(|f| (out.join(f), folder.clone())));
        files.extend(
            entry
                .pk
                .iter()
                .map(|p| (out.join(&p.berkas), folder.clone())),
        );
    }
    let mut worst = Jawab::Sama;
    let mut count = [0usize; 3];
    for (pdf, folder) in &files {
        let jawab = satu(
            pdf,
            None,
            Some(folder),
            args.git.as_deref(),
            perintah.as_ref(),
        )?;
        count[jawab.code() as usize] += 1;
        worst = worst.max(jawab);
    }
    println!(
        "{} PDF: {} sama, {} berbeda, {} tidak dapat dipastikan",
        files.len(),
        count[0],
        count[1],
        count[2]
    );
    Ok(ExitCode::from(worst.code()))
}

/// What differs between the PDF's source and the one verified, as
/// `renaksi diff` says it: the PDF's source is its commit when it was
/// built from a clean folder, or the folder as it is now when that still
/// has the PDF's digest (a PDF of uncommitted files).
fn perubahan(
    pdf: &[u8],
    dir: &Path,
    rev: Option<&str>,
    catat: &verify::Tercatat,
    perintah: Option<&Sebelumnya>,
) -> Result<(), Error> {
    // The folder as it is now is read once: it is what is verified when
    // no revision is named.
    let (now, folder) = match rev {
        Some(rev) => (
            renaksi::git::source(dir, rev).and_then(Report::load)?,
            renaksi::load(Some(dir)).ok(),
        ),
        None => {
            let now = renaksi::load(Some(dir))?;
            (now.clone(), Some(now))
        }
    };
    let folder = folder.filter(|r| {
        let lama = verify::sebelumnya(r, catat, perintah).cloned();
        renaksi::naskah::Naskah::baru(r.clone(), catat.dokumen, !catat.draf, lama.as_ref())
            .and_then(|naskah| naskah.sumber())
            .is_ok_and(|sumber| sumber == catat.sumber)
    });
    let at_commit = |commit: &str| {
        renaksi::git::source(dir, commit)
            .and_then(Report::load)
            .ok()
            .map(|then| (then, format!("commit {}", pendek(commit))))
    };
    let then = match (&catat.git, folder) {
        (Some(git), _) if git.bersih => at_commit(&git.commit),
        (_, Some(folder)) => Some((folder, "berkas folder sekarang".to_owned())),
        (Some(git), None) => {
            println!(
                "catatan: PDF itu disusun dari folder yang berubah sejak commit {} dan berkas itu tidak ada lagi; dibandingkan dengan commit itu",
                pendek(&git.commit)
            );
            at_commit(&git.commit)
        }
        (None, None) => None,
    };
    let Some((then, asal)) = then else {
        // No source to compare with: the PDF's text against the text of
        // the same document built from the folder now.
        return beda_teks(pdf, now, catat, perintah);
    };
    let changes = renaksi::diff::reports(&then, &now)?;
    println!("sumber PDF ({asal}) → yang diperiksa:");
    super::diff::print(
        Format::Teks,
        &then.source.label,
        &now.source.label,
        &changes,
    )
}

/// How many places of a text comparison are listed.
const BEDA_TEKS_MAKS: usize = 30;

/// The words of `pdf` that the document built from `now` says otherwise,
/// page by page: `halaman 11: Juni 40 → 41`.
fn beda_teks(
    pdf: &[u8],
    now: Report,
    catat: &verify::Tercatat,
    perintah: Option<&Sebelumnya>,
) -> Result<(), Error> {
    let beda = verify::beda_teks(pdf, catat, now, perintah)?;
    if beda.is_empty() {
        println!("teks setiap halaman sama dengan yang disusun dari folder sekarang: bedanya di luar teks (tata letak, gambar, atau data yang tidak dicetak)");
        return Ok(());
    }
    println!("teks PDF → disusun dari folder sekarang:");
    let potong = |t: &str| -> String {
        if t.chars().count() > 120 {
            format!("{}…", t.chars().take(119).collect::<String>())
        } else {
            t.to_owned()
        }
    };
    for b in beda.iter().take(BEDA_TEKS_MAKS) {
        let konteks = if b.sebelum.is_empty() {
            String::new()
        } else {
            format!("{} ", potong(&b.sebelum))
        };
        let apa = match (b.lama.is_empty(), b.baru.is_empty()) {
            (true, _) => format!("{konteks}+ {}", potong(&b.baru)),
            (_, true) => format!("{konteks}- {}", potong(&b.lama)),
            _ => format!("{konteks}{} → {}", potong(&b.lama), potong(&b.baru)),
        };
        println!("  halaman {}: {apa}", b.halaman);
    }
    if beda.len() > BEDA_TEKS_MAKS {
        println!("  … dan {} perbedaan lain", beda.len() - BEDA_TEKS_MAKS);
    }
    Ok(())
}

/// The signatures of a signed PDF, for the SAMA line: "; ditandatangani
/// oleh A (halaman 3), lalu B".
fn ditandatangani(tanda: &[renaksi::sign::revisi::Tanda]) -> String {
    if tanda.is_empty() {
        return String::new();
    }
    let list: Vec<String> = tanda
        .iter()
        .map(|t| {
            let nama = renaksi::sign::revisi::nama_atau(&t.nama);
            match t.halaman {
                Some(h) => format!("{nama} (halaman {h})"),
                None => nama.to_owned(),
            }
        })
        .collect();
    format!(
        "; ditandatangani oleh {}, tiap tanda tangan mencakup semua yang sebelumnya (keabsahan sertifikatnya: pdfsig)",
        list.join(", lalu ")
    )
}

fn pendek(commit: &str) -> &str {
    &commit[..12.min(commit.len())]
}
