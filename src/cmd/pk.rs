//! `renaksi build --dokumen pk`: the Perjanjian Kinerja of every official
//! listed in pegawai.yaml, one PDF each (or all in one with `--gabung`),
//! from the same data as the Rencana Aksi and after the same checks.

use std::path::{Path, PathBuf};

use renaksi::content::{Report, TandaTangan};
use renaksi::Error;

use crate::cli::BuildArgs;

/// Builds the agreements and says where each went.
pub fn run(args: &BuildArgs, dir: Option<PathBuf>) -> Result<(), Error> {
    if args.sign.is_some() || args.emit_typst.is_some() {
        return Err(Error::Usage {
            message: "--sign dan --emit-typst belum tersedia untuk --dokumen pk".into(),
            hint: "susun PK tanpa opsi itu; tanda tangani setiap PDF dengan `renaksi sign`".into(),
        });
    }
    let report = super::muat_dokumen(args, dir.as_deref(), renaksi::jejak::Dokumen::Pk)?;
    let findings = renaksi::check::lint(&report);
    let options = renaksi::Options { pdf_a: args.pdf_a };
    let written = renaksi::pk::susun(
        &report,
        &findings,
        &args.tujuan.output,
        options,
        args.jenis.gabung,
    )?;
    super::print_peringatan(&findings, dir.as_deref());
    for one in &written {
        match one.pejabat.as_slice() {
            [(pertama, kedua)] => eprintln!(
                "PDF ditulis: {} ({} halaman) — {pertama} dengan {kedua}",
                one.path.display(),
                one.pages
            ),
            all => eprintln!(
                "PDF ditulis: {} ({} Perjanjian Kinerja, {} halaman)",
                one.path.display(),
                all.len(),
                one.pages
            ),
        }
        sidecar(&report, &one.path);
    }
    Ok(())
}

/// Names the coordinate sidecar of an electronically signed PDF.
fn sidecar(report: &Report, pdf: &Path) {
    if matches!(report.identitas.tanda_tangan, TandaTangan::Tte { .. }) {
        eprintln!(
            "  koordinat tanda tangan elektronik: {}",
            renaksi::pdf::sidecar_path(pdf).display()
        );
    }
}
