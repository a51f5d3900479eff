//! `renaksi build`: one report folder to one PDF.

use renaksi::build::{Plan, Signer};
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::{BuildArgs, Dokumen};

/// Builds the report and reports where the PDF went.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    let dir = Sasaran::pilih(args.dir.as_deref()).laporan("build")?;
    args.jenis.periksa()?;
    if args.sebelumnya.pilihan().is_some() && args.jenis.dokumen != Dokumen::RencanaAksi {
        return Err(Error::Usage {
            message:
                "--sebelumnya hanya untuk Rencana Aksi: Matriks Perubahan mengikuti Lampirannya"
                    .into(),
            hint: "hapus --sebelumnya, atau susun --dokumen rencana-aksi".into(),
        });
    }
    if args.jenis.dokumen == Dokumen::Pk {
        return super::pk::run(args, dir);
    }
    if let (Dokumen::Monitoring, Some(triwulan)) = (args.jenis.dokumen, args.jenis.triwulan) {
        return super::monitoring::run(args, dir, usize::from(triwulan));
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
    super::print_ditulis(&built.output, &built.target);
    if let Some(signer) = &plan.signer {
        eprintln!("ditandatangani oleh {}", signer.identity.name);
    }
    super::print_tte(&built.report, &built.target);
    Ok(())
}
