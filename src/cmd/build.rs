//! `renaksi build`: one report folder to its document — the Rencana Aksi,
//! the Perjanjian Kinerja of every official, or a quarter's monitoring
//! report — through the one checked build.

use renaksi::build::{Built, Plan, Signer};
use renaksi::content::{Dokumen, TandaTangan};
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::BuildArgs;

/// Builds the document and reports where each PDF went.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    let dir = Sasaran::pilih(args.dir.as_deref()).laporan("build")?;
    let dokumen = args.jenis.jenis.dokumen()?;
    if args.sebelumnya.pilihan().is_some() && dokumen != Dokumen::RencanaAksi {
        return Err(Error::Usage {
            message:
                "--sebelumnya hanya untuk Rencana Aksi: Matriks Perubahan mengikuti Lampirannya"
                    .into(),
            hint: "hapus --sebelumnya, atau susun --dokumen rencana-aksi".into(),
        });
    }
    if args.sign.is_some() && !args.jenis.final_ {
        return Err(Error::Usage {
            message: "draf tidak ditandatangani: --sign memerlukan --final".into(),
            hint:
                "susun PDF final dengan `renaksi build --final --sign …` (ditolak selama ada galat)"
                    .into(),
        });
    }
    // A key that cannot sign stops the build before anything is written.
    let signer = match &args.sign {
        Some(p12) => Some(Signer {
            identity: renaksi::sign::identity(p12, args.signing.password_file.as_deref())?,
            time: args.signing.signing_time.clone(),
            invisible: args.signing.invisible,
        }),
        None => None,
    };
    let plan = Plan {
        dokumen,
        gabung: args.jenis.jenis.gabung,
        emit_typst: args.emit_typst.clone(),
        options: renaksi::Options { pdf_a: args.pdf_a },
        signer,
        final_: args.jenis.final_,
        jejak: args.jenis.jejak,
        git: dir.as_deref().and_then(renaksi::jejak::git),
        sebelumnya: args.sebelumnya.pilihan(),
        ..Plan::new(dir.clone(), args.tujuan.output.clone())
    };
    let built = plan.run()?;
    super::print_peringatan(&built.findings, dir.as_deref());
    print_built(&built, dokumen);
    if let Some(signer) = &plan.signer {
        eprintln!("ditandatangani oleh {}", signer.identity.name);
    }
    Ok(())
}

/// Every PDF a build wrote: Typst's warnings about it, where it went with
/// its page count (and for a Perjanjian Kinerja its two parties), and for
/// a report signed electronically where the signing service finds the
/// signature's coordinates.
pub fn print_built(built: &Built, dokumen: Dokumen) {
    let tte = matches!(built.report.identitas.tanda_tangan, TandaTangan::Tte { .. });
    for one in &built.ditulis {
        for diagnostic in &one.output.peringatan {
            eprintln!("{diagnostic}");
        }
        let path = one.target.display();
        let pages = one.output.pages;
        let indent = match (dokumen, one.pihak.as_slice()) {
            (Dokumen::Pk, [(pertama, kedua)]) => {
                eprintln!("PDF ditulis: {path} ({pages} halaman) — {pertama} dengan {kedua}");
                "  "
            }
            (Dokumen::Pk, all) => {
                eprintln!(
                    "PDF ditulis: {path} ({} Perjanjian Kinerja, {pages} halaman)",
                    all.len()
                );
                "  "
            }
            _ => {
                eprintln!("PDF ditulis: {path} ({pages} halaman)");
                ""
            }
        };
        if tte {
            eprintln!(
                "{indent}koordinat tanda tangan elektronik: {}",
                renaksi::pdf::sidecar_path(&one.target).display()
            );
        }
    }
}
