//! `renaksi verify BERKAS.pdf [DIR] [--git REV]`: builds the document again
//! as the PDF says it was built and says, in report terms, whether it is
//! the same. Exit 0 same, 1 different, 2 could not tell.

use std::process::ExitCode;

use renaksi::verify::{self, Hasil};
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::{Format, VerifyArgs};

/// Verifies and prints the answer.
pub fn run(args: &VerifyArgs) -> Result<ExitCode, Error> {
    let shown = args.pdf.display().to_string();
    let pdf =
        std::fs::read(&args.pdf).map_err(|e| Error::io("tidak dapat membaca", &args.pdf, e))?;
    let Some(catat) = verify::tercatat(&pdf) else {
        eprintln!(
            "TIDAK DAPAT DIPASTIKAN: {shown} tidak membawa jejak renaksi (kata kunci `renaksi-sumber`)\n  saran: hanya PDF yang disusun renaksi dengan jejaknya dapat diperiksa; susun ulang dengan `renaksi build`"
        );
        return Ok(ExitCode::from(2));
    };
    let (source, label) = match (&args.git, Sasaran::pilih(args.dir.as_deref())) {
        (Some(rev), sasaran) => {
            let dir = match sasaran {
                Sasaran::Laporan(dir) => dir,
                _ => args.dir.clone().unwrap_or_else(|| ".".into()),
            };
            let folder = renaksi::git::folder(&dir, rev)?;
            let label = folder.label.clone();
            (folder.into_source(), label)
        }
        (None, Sasaran::Laporan(dir)) => {
            let source = renaksi::content::Source::from_dir(&dir)?;
            let label = source.label.clone();
            (source, label)
        }
        (None, Sasaran::Contoh) => {
            let source = renaksi::content::Source::example();
            let label = source.label.clone();
            (source, label)
        }
        (None, Sasaran::Batch(dir)) => {
            return Err(Error::Usage {
                message: format!("{} adalah folder batch, bukan satu laporan", dir.display()),
                hint: "sebut folder kecamatan yang menjadi sumber PDF itu".into(),
            })
        }
    };
    let jenis = format!(
        "{}, {}, renaksi {}",
        catat.dokumen.kata(),
        if catat.draf { "draf" } else { "final" },
        catat.versi
    );
    let code = match verify::periksa(&pdf, &catat, source)? {
        Hasil::Sama => {
            println!(
                "SAMA: {shown} persis PDF yang disusun dari {label} ({jenis}; sumber sha256:{})",
                &catat.sumber[..16]
            );
            0
        }
        Hasil::SumberBeda { sekarang } => {
            println!(
                "BERBEDA: {label} bukan sumber {shown}: sidik sumber PDF sha256:{}, folder sha256:{}",
                &catat.sumber[..16],
                &sekarang[..16]
            );
            perubahan(args, &catat)?;
            1
        }
        Hasil::IsiBeda => {
            println!("BERBEDA: sumbernya sama ({label}), tetapi isi {shown} bukan yang disusun darinya: PDF diubah sesudah disusun");
            1
        }
        Hasil::VersiBeda => {
            println!(
                "TIDAK DAPAT DIPASTIKAN: sumbernya sama ({label}), tetapi {shown} disusun renaksi {}, ini renaksi {}; periksa dengan renaksi {} untuk membandingkan byte demi byte",
                catat.versi,
                env!("CARGO_PKG_VERSION"),
                catat.versi
            );
            2
        }
    };
    Ok(ExitCode::from(code))
}

/// What differs between the PDF's source and the one verified, as
/// `renaksi diff` says it: the PDF's source is its commit when it was
/// built from a clean folder, or the folder as it is now when that still
/// has the PDF's digest (a PDF of uncommitted files).
fn perubahan(args: &VerifyArgs, catat: &verify::Tercatat) -> Result<(), Error> {
    let dir = args.dir.clone().unwrap_or_else(|| ".".into());
    let now = match &args.git {
        Some(rev) => renaksi::git::source(&dir, rev).and_then(renaksi::content::Report::load),
        None => renaksi::load(Some(&dir)),
    }?;
    let folder = renaksi::load(Some(&dir)).ok().filter(|r| {
        renaksi::jejak::berkas(r, &catat.dokumen)
            .map(|f| renaksi::jejak::sha256(&f) == catat.sumber)
            .unwrap_or(false)
    });
    let (then, asal) = match (&catat.git, folder) {
        (Some(git), _) if git.bersih => {
            match renaksi::git::source(&dir, &git.commit).and_then(renaksi::content::Report::load) {
                Ok(then) => (then, format!("commit {}", pendek(&git.commit))),
                Err(_) => return Ok(()),
            }
        }
        (_, Some(folder)) => (folder, "berkas folder sekarang".to_owned()),
        (Some(git), None) => {
            println!(
                "catatan: PDF itu disusun dari folder yang berubah sejak commit {} dan berkas itu tidak ada lagi; dibandingkan dengan commit itu",
                pendek(&git.commit)
            );
            match renaksi::git::source(&dir, &git.commit).and_then(renaksi::content::Report::load) {
                Ok(then) => (then, format!("commit {}", pendek(&git.commit))),
                Err(_) => return Ok(()),
            }
        }
        (None, None) => return Ok(()),
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

fn pendek(commit: &str) -> &str {
    &commit[..12.min(commit.len())]
}
