//! `renaksi build`: one report folder to one PDF.

use std::path::PathBuf;

use renaksi::pdf::write_atomic;
use renaksi::Error;

use crate::cli::BuildArgs;

/// Builds the report and reports where the PDF went.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    let report = renaksi::load(args.dir.as_deref())?;
    let target = output_path(args, &report.source.name);
    let typst = renaksi::render::render(&report)?;
    if let Some(path) = &args.emit_typst {
        write_atomic(path, typst.as_bytes())?;
    }
    let output = renaksi::typeset(&report, typst)?;
    write_atomic(&target, &output.pdf)?;
    eprintln!(
        "PDF ditulis: {} ({} halaman)",
        target.display(),
        output.pages
    );
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
