//! `renaksi export`: a report (or every report of a batch) as a workbook,
//! or its flat table as CSV. Each file is written whole or not at all.

use std::path::{Path, PathBuf};

use renaksi::content::Report;
use renaksi::lembar::ekspor;
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::{ExportArgs, LembarFormat, TemplateArgs};

/// Writes the workbook(s) and says where.
pub fn run(args: &ExportArgs) -> Result<(), Error> {
    let ext = match args.format {
        LembarFormat::Xlsx => "xlsx",
        LembarFormat::Csv => "csv",
    };
    match Sasaran::pilih(args.dir.as_deref()) {
        Sasaran::Batch(dir) => {
            let folders = renaksi::content::discover(&dir)?;
            let reports = folders
                .iter()
                .map(|f| renaksi::load(Some(f)))
                .collect::<Result<Vec<_>, _>>()?;
            if args.gabung {
                let name = dir
                    .canonicalize()
                    .ok()
                    .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "batch".into());
                let target = target(&args.output, &name, ext);
                let bytes = match args.format {
                    LembarFormat::Xlsx => ekspor::xlsx_gabung(&reports)?,
                    LembarFormat::Csv => ekspor::csv(&reports, true).into_bytes(),
                };
                write(&target, &bytes)
            } else {
                for report in &reports {
                    let path = args.output.join(format!("{}.{ext}", report.source.name));
                    write(&path, &one(report, args.format)?)?;
                }
                Ok(())
            }
        }
        sasaran => {
            if args.gabung {
                return Err(Error::Usage {
                    message: "--gabung hanya untuk folder batch (berisi kabupaten.yaml)".into(),
                    hint: "sebut folder batch, atau ekspor tanpa --gabung".into(),
                });
            }
            let dir = sasaran.laporan("export")?;
            let report = renaksi::load(dir.as_deref())?;
            let path = target(&args.output, &report.source.name, ext);
            write(&path, &one(&report, args.format)?)?;
            if args.format == LembarFormat::Xlsx
                && renaksi::realisasi::ada(&report)
                && renaksi::realisasi::muat(&report).is_err()
            {
                eprintln!(
                    "catatan: lembar Realisasi tidak ikut: kunci di realisasi/ tidak cocok dengan Lampiran; lihat `renaksi check`"
                );
            }
            Ok(())
        }
    }
}

/// `renaksi template xlsx`: the blank workbook.
pub fn template(args: &TemplateArgs) -> Result<(), Error> {
    let crate::cli::JenisTemplat::Xlsx = args.jenis;
    write(&args.output, &ekspor::template()?)
}

fn one(report: &Report, format: LembarFormat) -> Result<Vec<u8>, Error> {
    match format {
        LembarFormat::Xlsx => ekspor::xlsx(report),
        LembarFormat::Csv => Ok(ekspor::csv(std::slice::from_ref(report), false).into_bytes()),
    }
}

/// A file named as given, or `NAME.EXT` in the folder given.
fn target(output: &Path, name: &str, ext: &str) -> PathBuf {
    let is_file = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if is_file {
        output.to_path_buf()
    } else {
        output.join(format!("{name}.{ext}"))
    }
}

/// Writes the file whole (its folder made when missing) and says so.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    renaksi::fs::write_keluaran(path, bytes)?;
    eprintln!("lembar kerja ditulis: {}", path.display());
    Ok(())
}
