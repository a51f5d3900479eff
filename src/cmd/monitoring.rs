//! `renaksi build --dokumen monitoring --triwulan N`: the quarterly
//! monitoring report, after the checks of the Rencana Aksi and of the
//! realisasi files.

use std::path::PathBuf;

use renaksi::Error;

use crate::cli::BuildArgs;

/// Builds the report of quarter `triwulan` and says where it went.
pub fn run(args: &BuildArgs, dir: Option<PathBuf>, triwulan: usize) -> Result<(), Error> {
    if args.sign.is_some() {
        return Err(Error::Usage {
            message: "--sign belum tersedia untuk --dokumen monitoring".into(),
            hint: "susun laporannya, lalu tandatangani PDF-nya dengan `renaksi sign`".into(),
        });
    }
    let report = super::muat_dokumen(
        args,
        dir.as_deref(),
        renaksi::jejak::Dokumen::Monitoring(triwulan),
    )?;
    let realisasi = renaksi::realisasi::muat(&report)?;
    let findings = renaksi::render::monitoring::temuan(&report, &realisasi);
    let options = renaksi::Options { pdf_a: args.pdf_a };
    let built = renaksi::render::monitoring::susun(
        &report,
        &realisasi,
        &findings,
        triwulan,
        &args.tujuan.output,
        options,
    )?;
    if let Some(path) = &args.emit_typst {
        renaksi::fs::write_keluaran(path, built.output.typst.as_bytes())?;
    }
    super::print_peringatan(&findings, dir.as_deref());
    super::print_ditulis(&built.output, &built.path);
    super::print_tte(&built.report, &built.path);
    Ok(())
}
