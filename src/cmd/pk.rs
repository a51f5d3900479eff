//! `renaksi build --dokumen pk`: the Perjanjian Kinerja of every official
//! listed in pegawai.yaml, one PDF each (or all in one with `--gabung`),
//! from the same data as the Rencana Aksi and after the same checks.

use std::path::{Path, PathBuf};

use renaksi::check::Severity;
use renaksi::content::PEGAWAI;
use renaksi::pk::{self, Perjanjian};
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
    let report = renaksi::load(dir.as_deref())?;
    let findings = renaksi::check::lint(&report);
    let galat: Vec<_> = findings
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .cloned()
        .collect();
    if !galat.is_empty() {
        return Err(Error::Findings(galat));
    }
    super::print_peringatan(&findings, dir.as_deref());
    if report.pegawai.is_none() {
        return Err(Error::Usage {
            message: format!(
                "{} tidak ada: Perjanjian Kinerja memerlukan identitas setiap pejabat dan atasannya",
                report.source.display(PEGAWAI)
            ),
            hint: "buat pegawai.yaml (contohnya di content/kubutambahan-2022, lihat docs/format.md)".into(),
        });
    }
    let daftar = pk::semua(&report);
    if daftar.is_empty() {
        return Err(Error::Usage {
            message: "tidak ada Perjanjian Kinerja yang dapat disusun: tidak ada pejabat Lampiran \
                      yang tercantum di pegawai.yaml dengan atasan"
                .into(),
            hint: "cocokkan `jabatan` (atau `lampiran`) di pegawai.yaml dengan jabatan pejabat di tabel Lampiran, dan tulis `atasan`"
                .into(),
        });
    }
    let options = renaksi::Options { pdf_a: args.pdf_a };
    let out = &args.tujuan.output;
    if args.gabung {
        let target = renaksi::build::pdf_path(out, &format!("{}-pk", report.source.name));
        let pages = write(&report, &daftar, options, &target)?;
        eprintln!(
            "PDF ditulis: {} ({} Perjanjian Kinerja, {pages} halaman)",
            target.display(),
            daftar.len()
        );
        sidecar(&report, &target);
        return Ok(());
    }
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err(Error::Usage {
            message: format!(
                "{} Perjanjian Kinerja tidak dapat ditulis ke satu berkas {}",
                daftar.len(),
                out.display()
            ),
            hint: "sebut folder dengan -o, atau tambahkan --gabung untuk satu PDF".into(),
        });
    }
    for one in &daftar {
        let target = out.join(pk::nama_berkas(&report, one));
        let pages = write(&report, std::slice::from_ref(one), options, &target)?;
        eprintln!(
            "PDF ditulis: {} ({pages} halaman) — {} dengan {}",
            target.display(),
            one.pertama.jabatan,
            one.kedua.jabatan
        );
        sidecar(&report, &target);
    }
    Ok(())
}

/// Names the coordinate sidecar of an electronically signed PDF.
fn sidecar(report: &renaksi::content::Report, pdf: &Path) {
    if matches!(
        report.identitas.tanda_tangan,
        renaksi::content::TandaTangan::Tte { .. }
    ) {
        eprintln!(
            "  koordinat tanda tangan elektronik: {}",
            renaksi::pdf::sidecar_path(pdf).display()
        );
    }
}

/// Typesets `daftar` into one PDF at `target`; returns its page count.
fn write(
    report: &renaksi::content::Report,
    daftar: &[Perjanjian],
    options: renaksi::Options,
    target: &Path,
) -> Result<usize, Error> {
    let typst = pk::render(report, daftar)?;
    let output = renaksi::typeset(report, typst, options)?;
    // With electronic signatures, the boxes of both parties beside it.
    renaksi::pdf::write_report(report, &output, target)?;
    Ok(output.pages)
}
