//! `renaksi build`: one report folder to one PDF.

use std::path::PathBuf;

use renaksi::check::Severity;
use renaksi::pdf::write_atomic;
use renaksi::Error;

use crate::cli::BuildArgs;

/// Builds the report and reports where the PDF went.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
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
    let target = output_path(args, &report.source.name);
    let typst = renaksi::render::render(&report)?;
    if let Some(path) = &args.emit_typst {
        write_atomic(path, typst.as_bytes())?;
    }
    let output = renaksi::typeset(&report, typst)?;
    renaksi::pdf::write_report(&report, &output, &target)?;
    eprintln!(
        "PDF ditulis: {} ({} halaman)",
        target.display(),
        output.pages
    );
    if !output.kotak_ttd.is_empty() {
        eprintln!(
            "koordinat tanda tangan elektronik: {}",
            renaksi::pdf::sidecar_path(&target).display()
        );
    }
    Ok(())
}

/// OUT is a file when it ends in `.pdf`, otherwise a folder.
fn output_path(args: &BuildArgs, name: &str) -> PathBuf {
    let out = &args.output;
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        out.clone()
    } else {
        out.join(format!("{name}.pdf"))
    }
}
