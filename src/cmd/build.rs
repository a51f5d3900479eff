//! `renaksi build`: one report folder to one PDF.

use renaksi::check::Severity;
use renaksi::content::Report;
use renaksi::pdf::write_atomic;
use renaksi::sign::{Details, Identity, Place};
use renaksi::{Error, Output};

use crate::cli::BuildArgs;

/// Builds the report and reports where the PDF went.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    // A key that cannot sign stops the build before anything is written.
    let identity = match &args.sign {
        Some(p12) => Some(renaksi::sign::identity(
            p12,
            args.signing.password_file.as_deref(),
        )?),
        None => None,
    };
    let report = renaksi::load(args.dir.as_deref())?;
    // The same checks as `renaksi check`; errors stop the build, warnings
    // are left to `check`.
    let errors: Vec<_> = renaksi::check::lint(&report)
        .into_iter()
        .filter(|d| d.severity == Severity::Galat)
        .collect();
    for diagnostic in &errors {
        eprintln!("{diagnostic}");
    }
    if !errors.is_empty() {
        return Err(Error::Findings(errors.len()));
    }
    let target = args.tujuan.pdf(&report.source.name);
    let typst = renaksi::render::render(&report)?;
    if let Some(path) = &args.emit_typst {
        write_atomic(path, typst.as_bytes())?;
    }
    let options = renaksi::Options { pdf_a: args.pdf_a };
    let mut output = renaksi::typeset(&report, typst, options)?;
    if let Some(identity) = &identity {
        output.pdf = sign(args, &report, &output, identity)?;
    }
    renaksi::pdf::write_report(&report, &output, &target)?;
    eprintln!(
        "PDF ditulis: {} ({} halaman)",
        target.display(),
        output.pages
    );
    if let Some(identity) = &identity {
        eprintln!("ditandatangani oleh {}", identity.name);
    }
    if matches!(
        report.identitas.tanda_tangan,
        renaksi::content::TandaTangan::Tte { .. }
    ) {
        eprintln!(
            "koordinat tanda tangan elektronik: {}",
            renaksi::pdf::sidecar_path(&target).display()
        );
    }
    Ok(())
}

/// The PDF of `output` signed as `identity`, shown over the last signature
/// block (the Lampiran's) unless `--invisible` or the report has none.
fn sign(
    args: &BuildArgs,
    report: &Report,
    output: &Output,
    identity: &Identity,
) -> Result<Vec<u8>, Error> {
    let place = match output.kotak_ttd.last() {
        Some(k) if !args.signing.invisible => Some(Place::from(k)),
        _ => None,
    };
    let id = &report.identitas;
    let time = args
        .signing
        .signing_time
        .clone()
        .unwrap_or_else(|| renaksi::sign::pdf_day(id.penandatangan.tanggal.0));
    let reason = format!(
        "Rencana Aksi Kecamatan {} Kabupaten {} Tahun {}",
        id.kecamatan, id.kabupaten, id.tahun
    );
    let details = Details {
        time: Some(&time),
        reason: Some(&reason),
        location: Some(&id.penandatangan.tempat),
    };
    renaksi::sign::sign(
        &output.pdf,
        &renaksi::label(args.dir.as_deref()),
        identity,
        place,
        &details,
    )
}
